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
