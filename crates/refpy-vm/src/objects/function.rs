//! Functions, code objects, built-in functions and closure cells.

use std::cell::RefCell;
use std::rc::Rc;

use refpy_compiler::CodeObject;
use refpy_heap::{alloc, ObjRef};

use crate::errors::PyResult;
use crate::Vm;

/// A code object loaded into the VM: the compiler's plain-data code plus
/// its constants and names turned into objects.
pub struct CodeData {
    pub code: Rc<CodeObject>,
    /// `co_consts` as objects.
    pub consts: Vec<ObjRef>,
    /// `co_names`, interned.
    pub names: Vec<ObjRef>,
    /// `co_varnames ++ co_cellvars ++ co_freevars`, interned.
    pub localsplus_names: Vec<ObjRef>,
    /// Line of each code unit is in `code.locations`; the file's text for
    /// tracebacks is read lazily by the traceback printer.
    pub filename: ObjRef,
    pub name: ObjRef,
    pub qualname: ObjRef,
    /// `LOAD_GLOBAL`'s inline cache, one cell per code unit (the CACHE units
    /// CPython reserves play this role).
    pub global_cache: Vec<std::cell::Cell<GlobalCache>>,
}

/// Where a `LOAD_GLOBAL` found its name last time, valid while the dicts'
/// keys versions are unchanged (`LOAD_GLOBAL_MODULE`/`_BUILTIN`).
#[derive(Clone, Copy, Default)]
pub struct GlobalCache {
    pub globals_version: u64,
    pub builtins_version: u64,
    pub index: u32,
    pub in_builtins: bool,
}

/// Payload of a `code` object.
pub struct CodeObj(pub Rc<CodeData>);

/// Payload of a Python function (`PyFunctionObject`).
pub struct FunctionObject {
    pub code: Rc<CodeData>,
    pub code_obj: ObjRef,
    pub globals: ObjRef,
    pub name: RefCell<ObjRef>,
    pub qualname: RefCell<ObjRef>,
    /// `__defaults__`: a tuple or `None`.
    pub defaults: RefCell<Option<ObjRef>>,
    /// `__kwdefaults__`: a dict or `None`.
    pub kwdefaults: RefCell<Option<ObjRef>>,
    /// `__closure__`: a tuple of cells or `None`.
    pub closure: Option<ObjRef>,
    /// `__dict__` (`func_dict`): attributes set on the function, made on
    /// the first store; also holds a `__doc__` or `__module__` assigned to it.
    pub dict: RefCell<Option<ObjRef>>,
    /// The positional argument count for which a call needs no binding work
    /// (no keyword-only parameters, `*args` or `**kwargs`), else `u32::MAX`.
    pub fast_nargs: u32,
}

/// `sizeof(PyFunctionObject)` in 3.11 (without the GC head).
const FUNCTION_BASICSIZE: usize = 136;

/// Signature of a built-in: `args` holds the positional arguments followed
/// by the keyword arguments named in `kwnames` (CPython's vectorcall).
pub type BuiltinFn = fn(&mut Vm, &[ObjRef], Option<&[ObjRef]>) -> PyResult;

/// Payload of a built-in function or bound built-in method.
pub struct BuiltinFunction {
    pub name: &'static str,
    pub func: BuiltinFn,
    /// `__self__` of a bound method (passed as the first argument).
    pub self_obj: Option<ObjRef>,
}

/// `sizeof(PyCFunctionObject)`.
const BUILTIN_BASICSIZE: usize = 56;

/// Payload of a closure cell.
pub struct CellObject {
    pub contents: RefCell<Option<ObjRef>>,
}

impl Vm {
    /// Wraps loaded code data in a `code` object.
    pub fn new_code(&mut self, data: Rc<CodeData>) -> PyResult {
        alloc(&self.types.code, CodeObj(data), 0).map_err(|_| self.memory_error())
    }

    /// A new function (`MAKE_FUNCTION`).
    pub fn new_function(&mut self, code_obj: ObjRef, globals: ObjRef, closure: Option<ObjRef>) -> PyResult {
        let Some(CodeObj(code)) = code_obj.downcast::<CodeObj>() else {
            return Err(
                self.new_error(crate::errors::ExcType::SystemError, "MAKE_FUNCTION expects a code object")
            );
        };
        let code = code.clone();
        let c = &code.code;
        let simple = c.kwonlyargcount == 0
            && c.flags & (refpy_compiler::code::flags::VARARGS | refpy_compiler::code::flags::VARKEYWORDS)
                == 0;
        let fast_nargs = if simple { c.argcount } else { u32::MAX };
        let payload = FunctionObject {
            fast_nargs,
            name: RefCell::new(code.name.clone()),
            qualname: RefCell::new(code.qualname.clone()),
            code,
            code_obj,
            globals,
            defaults: RefCell::new(None),
            kwdefaults: RefCell::new(None),
            closure,
            dict: RefCell::new(None),
        };
        alloc(&self.types.function, payload, FUNCTION_BASICSIZE).map_err(|_| self.memory_error())
    }

    /// A built-in function object.
    pub fn new_builtin(&mut self, name: &'static str, func: BuiltinFn, self_obj: Option<ObjRef>) -> PyResult {
        alloc(&self.types.builtin_function, BuiltinFunction { name, func, self_obj }, BUILTIN_BASICSIZE)
            .map_err(|_| self.memory_error())
    }

    /// A new cell holding `contents`.
    pub fn new_cell(&mut self, contents: Option<ObjRef>) -> PyResult {
        alloc(&self.types.cell, CellObject { contents: RefCell::new(contents) }, 0)
            .map_err(|_| self.memory_error())
    }
}

/// The function payload, if `obj` is a Python function.
#[inline]
pub fn as_function(obj: &ObjRef) -> Option<&FunctionObject> {
    obj.downcast::<FunctionObject>()
}

impl Vm {
    /// `f.__dict__`, made on first use.
    pub(crate) fn function_dict(&mut self, func: &ObjRef) -> PyResult {
        let f = as_function(func).expect("function");
        if let Some(d) = f.dict.borrow().clone() {
            return Ok(d);
        }
        let d = self.new_dict()?;
        *f.dict.borrow_mut() = Some(d.clone());
        Ok(d)
    }

    /// `f.name = value` / `del f.name` (`func_getsetlist` and the function's
    /// `__dict__`). A `__doc__` or `__module__` assigned to a function is
    /// kept in its `__dict__` (CPython has slots for them).
    pub(crate) fn function_setattr(
        &mut self,
        func: &ObjRef,
        name: &ObjRef,
        value: Option<ObjRef>,
    ) -> PyResult<()> {
        let f = as_function(func).expect("function");
        let n = crate::objects::str::as_str(name).unwrap_or("").to_string();
        let must_be = |vm: &mut Vm, what: &str| {
            vm.new_error(crate::errors::ExcType::TypeError, format!("{n} must be set to a {what} object"))
        };
        match (n.as_str(), value) {
            ("__name__" | "__qualname__", Some(v)) => {
                if crate::objects::str::as_str(&v).is_none() {
                    return Err(must_be(self, "string"));
                }
                let slot = if n == "__name__" { &f.name } else { &f.qualname };
                let old = std::mem::replace(&mut *slot.borrow_mut(), v);
                drop(old);
                Ok(())
            }
            ("__defaults__" | "__kwdefaults__", v) => {
                let v = v.filter(|v| !v.is(&self.none));
                let (slot, ok, what) = if n == "__defaults__" {
                    (
                        &f.defaults,
                        v.as_ref().is_none_or(|v| crate::objects::tuple::as_tuple(v).is_some()),
                        "tuple",
                    )
                } else {
                    (
                        &f.kwdefaults,
                        v.as_ref().is_none_or(|v| crate::objects::dict::as_dict(v).is_some()),
                        "dict",
                    )
                };
                if !ok {
                    return Err(must_be(self, what));
                }
                let old = std::mem::replace(&mut *slot.borrow_mut(), v);
                drop(old);
                Ok(())
            }
            ("__code__" | "__globals__" | "__closure__" | "__name__" | "__qualname__", _) => {
                Err(self.new_error(crate::errors::ExcType::AttributeError, "readonly attribute"))
            }
            (_, Some(v)) => {
                let d = self.function_dict(func)?;
                self.dict_set(&d, name.clone(), v)
            }
            (_, None) => {
                let d = self.function_dict(func)?;
                self.namespace_delete(func, &d, name)
            }
        }
    }
}
