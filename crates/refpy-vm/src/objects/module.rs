//! Module objects: a name and a namespace dict.

use refpy_heap::{alloc, ObjRef};

use crate::errors::PyResult;
use crate::objects::dict::as_dict;
use crate::Vm;

/// Payload of a module (`PyModuleObject`): its `__dict__`.
pub struct ModuleObject {
    pub dict: ObjRef,
}

/// `sizeof(PyModuleObject)`.
const MODULE_BASICSIZE: usize = 56;

impl Vm {
    /// A new module called `name` with an empty namespace holding `__name__`.
    pub fn new_module(&mut self, name: &str) -> PyResult {
        let dict = self.new_dict()?;
        let n = self.new_str(name)?;
        self.dict_set_str(as_dict(&dict).expect("dict"), "__name__", n)?;
        alloc(&self.types.module, ModuleObject { dict }, MODULE_BASICSIZE).map_err(|_| self.memory_error())
    }
}

/// The module payload, if `obj` is a module.
pub fn as_module(obj: &ObjRef) -> Option<&ModuleObject> {
    obj.downcast::<ModuleObject>()
}
