//! Exception instances: every built-in exception class shares this payload.

use std::cell::{Cell, RefCell};

use refpy_heap::{alloc, ObjRef};

use crate::errors::{ExcType, PyErr, PyResult};
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
    /// An instance of exception class `ty` with the given `args` tuple.
    pub fn new_exception(&mut self, ty: &ObjRef, args: ObjRef) -> PyResult {
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
