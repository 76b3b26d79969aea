//! Exception instances: every built-in exception class shares this payload.

use std::cell::{Cell, RefCell};

use refpy_heap::{alloc, ObjRef};

use crate::errors::{ExcType, PyErr, PyResult};
use crate::objects::tuple::as_tuple;
use crate::types::type_data;
use crate::Vm;

/// Payload of an exception instance (`PyBaseExceptionObject`).
pub struct ExceptionObject {
    /// `args`, a tuple.
    pub args: RefCell<ObjRef>,
    /// `__traceback__`: the newest traceback entry first is *not* how it is
    /// kept; like CPython, the head is the outermost frame once unwinding ends.
    pub traceback: RefCell<Option<ObjRef>>,
    /// `__cause__` (explicit chaining).
    pub cause: RefCell<Option<ObjRef>>,
    /// `__context__` (implicit chaining).
    pub context: RefCell<Option<ObjRef>>,
    /// `__suppress_context__`.
    pub suppress_context: Cell<bool>,
    /// The "Did you mean: …?" name the traceback printer appends
    /// (computed where a `NameError` is raised, from that frame's names).
    pub suggestion: RefCell<Option<String>>,
    /// Attributes of instances of exception classes defined in Python.
    pub dict: RefCell<Option<ObjRef>>,
}

/// `sizeof(PyBaseExceptionObject)`.
const EXCEPTION_BASICSIZE: usize = 64;

impl Vm {
    /// An instance of exception class `ty` with the given `args` tuple
    /// (`BaseException.__new__`, or `OSError.__new__` for OSError and its
    /// subclasses given two to five arguments).
    pub fn new_exception(&mut self, ty: &ObjRef, args: ObjRef) -> PyResult {
        let os_error_args = as_tuple(&args).is_some_and(|a| (2..=5).contains(&a.len()));
        if os_error_args && self.is_subtype(ty, &self.exc[ExcType::OSError as usize]) {
            return self.new_os_error(ty, args);
        }
        self.alloc_exception(ty, args)
    }

    /// The instance itself: `args` stored as given.
    pub(crate) fn alloc_exception(&mut self, ty: &ObjRef, args: ObjRef) -> PyResult {
        let payload = ExceptionObject {
            args: RefCell::new(args),
            traceback: RefCell::new(None),
            cause: RefCell::new(None),
            context: RefCell::new(None),
            suppress_context: Cell::new(false),
            suggestion: RefCell::new(None),
            dict: RefCell::new(None),
        };
        alloc(ty, payload, EXCEPTION_BASICSIZE).map_err(|_| self.memory_error())
    }

    /// A raised built-in exception with one string argument.
    #[cold]
    pub fn new_error(&mut self, t: ExcType, msg: impl AsRef<str>) -> PyErr {
        let ty = self.exc[t as usize].clone();
        let args = match self.new_str(msg.as_ref()) {
            Ok(s) => self.new_tuple(vec![s]),
            Err(e) => return e,
        };
        match args.and_then(|a| self.new_exception(&ty, a)) {
            Ok(exc) => PyErr { exc },
            Err(e) => e,
        }
    }

    /// A raised built-in exception with no arguments (`raise MemoryError`).
    #[cold]
    pub fn new_error_noargs(&mut self, t: ExcType) -> PyErr {
        let ty = self.exc[t as usize].clone();
        let args = self.empty_tuple.clone();
        match self.new_exception(&ty, args) {
            Ok(exc) => PyErr { exc },
            Err(e) => e,
        }
    }

    /// `MemoryError` without allocating anything new: the instance is made
    /// once at startup, as CPython preallocates its MemoryError.
    #[cold]
    pub fn memory_error(&self) -> PyErr {
        PyErr { exc: self.memory_error_instance.clone() }
    }

    /// True if `exc` is an instance of the built-in class `t` or a subclass.
    pub fn exc_matches(&self, exc: &ObjRef, t: ExcType) -> bool {
        let target = &self.exc[t as usize];
        type_data(exc.ob_type_ref()).mro.borrow().iter().any(|c| c.is(target))
    }
}

/// The exception payload, if `obj` is an exception instance.
pub fn as_exception(obj: &ObjRef) -> Option<&ExceptionObject> {
    obj.downcast::<ExceptionObject>()
}

impl Vm {
    /// `raise exc [from cause]` (`RAISE_VARARGS`): `exc` may be a class (it is
    /// instantiated) or an instance; a bare `raise` re-raises the exception
    /// being handled.
    pub fn make_raise(&mut self, exc: Option<ObjRef>, cause: Option<ObjRef>) -> PyErr {
        let Some(exc) = exc else {
            if self.exc_info.is(&self.none) {
                return self.new_error(ExcType::RuntimeError, "No active exception to reraise");
            }
            self.reraising = true;
            return PyErr { exc: self.exc_info.clone() };
        };
        let exc = match self.instantiate_exception(&exc) {
            Ok(e) => e,
            Err(e) => return e,
        };
        if let Some(c) = cause {
            let cause = if c.is(&self.none) {
                None
            } else {
                match self.instantiate_exception(&c) {
                    Ok(c) => Some(c),
                    Err(e) if self.exc_matches(&e.exc, ExcType::TypeError) => {
                        return self
                            .new_error(ExcType::TypeError, "exception causes must derive from BaseException")
                    }
                    Err(e) => return e,
                }
            };
            if let Some(e) = as_exception(&exc) {
                *e.cause.borrow_mut() = cause;
                e.suppress_context.set(true);
            }
        }
        PyErr { exc }
    }

    /// An exception instance from a class or an instance, else TypeError.
    fn instantiate_exception(&mut self, v: &ObjRef) -> PyResult {
        if as_exception(v).is_some() {
            return Ok(v.clone());
        }
        if crate::types::as_type(v).is_some_and(|t| t.kind == crate::types::Kind::Exception) {
            let args = self.empty_tuple.clone();
            return self.new_exception(v, args);
        }
        Err(self.new_error(ExcType::TypeError, "exceptions must derive from BaseException"))
    }
}

impl Vm {
    /// The data attributes every exception has (`BaseException`'s members and
    /// getset descriptors): `__cause__`, `__context__`, `__suppress_context__`,
    /// `__traceback__`, plus `StopIteration.value` and `SystemExit.code`.
    /// `None` when `name` is not one of them for `exc`.
    pub(crate) fn exception_attr(&mut self, exc: &ObjRef, name: &str) -> Option<ObjRef> {
        let e = as_exception(exc)?;
        let or_none = |v: Option<ObjRef>, none: &ObjRef| v.unwrap_or_else(|| none.clone());
        Some(match name {
            "__cause__" => or_none(e.cause.borrow().clone(), &self.none),
            "__context__" => or_none(e.context.borrow().clone(), &self.none),
            "__traceback__" => or_none(e.traceback.borrow().clone(), &self.none),
            "__suppress_context__" => self.new_bool(e.suppress_context.get()),
            "value" if self.exc_matches(exc, ExcType::StopIteration) => self.first_arg_or_none(e),
            "code" if self.exc_matches(exc, ExcType::SystemExit) => self.first_arg_or_none(e),
            _ if self.exc_matches(exc, ExcType::SyntaxError) => return self.syntax_error_attr(exc, name),
            "name" | "obj" if self.exc_matches(exc, ExcType::AttributeError) => {
                self.exception_field(exc, name).unwrap_or_else(|| self.none.clone())
            }
            _ => return self.os_error_attr(exc, name),
        })
    }

    /// A field a built-in exception keeps in its attribute dict
    /// (`AttributeError.name`, `OSError.errno`, …); `None` when never set.
    pub(crate) fn exception_field(&self, exc: &ObjRef, name: &str) -> Option<ObjRef> {
        let d = as_exception(exc)?.dict.borrow().clone()?;
        let d = crate::objects::dict::as_dict(&d)?;
        let found = d
            .table
            .borrow()
            .items()
            .find_map(|(k, v)| (crate::objects::str::as_str(k) == Some(name)).then(|| v.clone()));
        found
    }

    /// Sets a field of [`Vm::exception_field`], making the dict if needed.
    pub(crate) fn set_exception_field(&mut self, exc: &ObjRef, name: &str, value: ObjRef) -> PyResult<()> {
        match self.instance_dict(exc, true)? {
            Some(d) => self.dict_set_str(&d, name, value),
            None => Ok(()),
        }
    }

    /// `args[0]`, or `None` for an exception without arguments.
    fn first_arg_or_none(&self, e: &ExceptionObject) -> ObjRef {
        let args = e.args.borrow();
        crate::objects::tuple::as_tuple(&args)
            .and_then(|t| t.first().cloned())
            .unwrap_or_else(|| self.none.clone())
    }

    /// Assigns one of the exception data attributes (`args`, `__cause__`,
    /// `__context__`, `__suppress_context__`, `__traceback__`) with CPython's
    /// checks. `Ok(false)` when `name` is not one of them.
    pub(crate) fn set_exception_attr(&mut self, exc: &ObjRef, name: &str, value: &ObjRef) -> PyResult<bool> {
        let Some(e) = as_exception(exc) else { return Ok(false) };
        let none_or = |vm: &Vm, v: &ObjRef| (!v.is(&vm.none)).then(|| v.clone());
        match name {
            "args" => {
                let items = self.sequence_items(value)?;
                let t = self.new_tuple(items)?;
                *e.args.borrow_mut() = t;
            }
            "__cause__" | "__context__" => {
                if !value.is(&self.none) && as_exception(value).is_none() {
                    let what = &name[2..name.len() - 2];
                    return Err(self.new_error(
                        ExcType::TypeError,
                        format!("exception {what} must be None or derive from BaseException"),
                    ));
                }
                if name == "__cause__" {
                    *e.cause.borrow_mut() = none_or(self, value);
                    e.suppress_context.set(true);
                } else {
                    *e.context.borrow_mut() = none_or(self, value);
                }
            }
            "__suppress_context__" => {
                let b = self.is_true(value)?;
                e.suppress_context.set(b);
            }
            "__traceback__" => {
                if !value.is(&self.none)
                    && value.downcast::<crate::objects::traceback::TracebackObject>().is_none()
                {
                    return Err(
                        self.new_error(ExcType::TypeError, "__traceback__ must be a traceback or None")
                    );
                }
                *e.traceback.borrow_mut() = none_or(self, value);
            }
            _ => return self.set_os_error_attr(exc, name, value),
        }
        Ok(true)
    }
}

impl Vm {
    /// Records `name` and `obj` on an `AttributeError` that an attribute
    /// lookup raised, unless it has them already (3.11's
    /// `set_attribute_error_context`); the traceback printer uses them for
    /// "Did you mean".
    pub(crate) fn set_attribute_error_context(&mut self, err: PyErr, obj: &ObjRef, name: &ObjRef) -> PyErr {
        if !self.exc_matches(&err.exc, ExcType::AttributeError) {
            return err;
        }
        let has_obj = self.exception_attr(&err.exc, "obj").is_some_and(|o| !o.is(&self.none));
        if has_obj {
            return err;
        }
        if let Err(e) = self
            .set_exception_field(&err.exc, "name", name.clone())
            .and_then(|()| self.set_exception_field(&err.exc, "obj", obj.clone()))
        {
            return e;
        }
        err
    }

    /// The "Did you mean" name for an uncaught `AttributeError`: the closest
    /// of the names `dir(obj)` would list (CPython's
    /// `offer_suggestions_for_attribute_error`).
    pub(crate) fn attribute_suggestion(&mut self, exc: &ObjRef) -> Option<String> {
        if !self.exc_matches(exc, ExcType::AttributeError) {
            return None;
        }
        let name = self.exception_attr(exc, "name")?;
        let obj = self.exception_attr(exc, "obj").filter(|o| !o.is(&self.none))?;
        let name = crate::objects::str::as_str(&name)?.to_string();
        let mut names: Vec<String> = Vec::new();
        let add_dict = |d: &ObjRef, names: &mut Vec<String>| {
            if let Some(d) = crate::objects::dict::as_dict(d) {
                names.extend(
                    d.table
                        .borrow()
                        .items()
                        .filter_map(|(k, _)| crate::objects::str::as_str(k).map(str::to_string)),
                );
            }
        };
        if let Some(m) = crate::objects::module::as_module(&obj) {
            add_dict(&m.dict, &mut names);
        } else {
            let own = obj
                .downcast::<crate::objects::instance::InstanceObject>()
                .map(|i| i.dict.borrow().clone())
                .or_else(|| as_exception(&obj).map(|e| e.dict.borrow().clone()))
                .flatten();
            if let Some(d) = own {
                add_dict(&d, &mut names);
            }
            let cls = if crate::types::as_type(&obj).is_some() { obj.clone() } else { obj.ob_type() };
            let mro = type_data(&cls).mro.borrow().clone();
            for c in &mro {
                let td = type_data(c);
                if let Some(d) = td.dict.get() {
                    add_dict(d, &mut names);
                }
                names.extend(crate::methods::attr_names(td.kind).map(str::to_string));
            }
        }
        names.sort();
        names.dedup();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        crate::suggestions::closest(&name, &refs).map(str::to_string)
    }
}
