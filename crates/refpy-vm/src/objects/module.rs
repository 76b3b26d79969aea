//! Module objects: a namespace dict, plus the flag CPython keeps in
//! `__spec__._initializing` while the module's code runs.

use std::cell::Cell;

use refpy_heap::{alloc, ObjRef};

use crate::errors::{ExcType, PyResult};
use crate::objects::dict::as_dict;
use crate::objects::str::{as_str, str_repr};
use crate::Vm;

/// Payload of a module (`PyModuleObject`): its `__dict__`.
pub struct ModuleObject {
    pub dict: ObjRef,
    /// True while the module's own code is running (an import in progress),
    /// so a circular `from m import x` can say "partially initialized".
    pub initializing: Cell<bool>,
}

/// `sizeof(PyModuleObject)`.
const MODULE_BASICSIZE: usize = 56;

impl Vm {
    /// A new module called `name` with an empty namespace holding `__name__`.
    pub fn new_module(&mut self, name: &str) -> PyResult {
        let dict = self.new_dict()?;
        let n = self.new_str(name)?;
        self.dict_set_str(&dict, "__name__", n)?;
        self.new_module_with_dict(dict)
    }

    /// A module whose namespace is the existing dict `dict` (`__main__`
    /// wraps the program's globals).
    pub fn new_module_with_dict(&mut self, dict: ObjRef) -> PyResult {
        let payload = ModuleObject { dict, initializing: Cell::new(false) };
        alloc(&self.types.module, payload, MODULE_BASICSIZE).map_err(|_| self.memory_error())
    }

    /// A string attribute from a module's namespace (`__name__`, `__file__`),
    /// `None` when missing or not a str.
    pub(crate) fn module_str_attr(&mut self, module: &ObjRef, name: &str) -> PyResult<Option<String>> {
        let Some(m) = as_module(module) else { return Ok(None) };
        let d = m.dict.clone();
        let v = self.dict_get_str(as_dict(&d).expect("module dict"), name)?;
        Ok(v.as_ref().and_then(as_str).map(str::to_string))
    }

    /// `module.__getattribute__`: `__dict__` and `__class__` first (data
    /// descriptors of the type), then the namespace, then the module's own
    /// `__getattr__`.
    pub(crate) fn module_getattr(&mut self, module: &ObjRef, name: &ObjRef) -> PyResult {
        let d = as_module(module).expect("module").dict.clone();
        match as_str(name) {
            Some("__dict__") => return Ok(d),
            Some("__class__") => return Ok(module.ob_type()),
            _ => {}
        }
        let dict = as_dict(&d).expect("module dict");
        if let Some(v) = self.dict_get(dict, name)? {
            return Ok(v);
        }
        // PEP 562: a module-level `__getattr__` answers for missing names.
        if let Some(hook) = self.dict_get_str(dict, "__getattr__")? {
            return self.call(&hook, std::slice::from_ref(name), None);
        }
        Err(self.module_attribute_error(module, name))
    }

    /// `module.x = v` and `del module.x`: the namespace, with the generic
    /// `AttributeError` of `object.__delattr__` for deleting a missing name.
    pub(crate) fn module_setattr(
        &mut self,
        module: &ObjRef,
        name: &ObjRef,
        value: Option<ObjRef>,
    ) -> PyResult<()> {
        let d = as_module(module).expect("module").dict.clone();
        if let Some(v) = value {
            return self.dict_set(&d, name.clone(), v);
        }
        self.namespace_delete(module, &d, name)
    }

    /// `AttributeError: module 'm' has no attribute 'x'`.
    #[cold]
    fn module_attribute_error(&mut self, module: &ObjRef, name: &ObjRef) -> crate::errors::PyErr {
        let mname = self.module_str_attr(module, "__name__").ok().flatten().unwrap_or_else(|| "?".into());
        let n = as_str(name).unwrap_or("");
        self.new_error(ExcType::AttributeError, format!("module '{mname}' has no attribute '{n}'"))
    }

    /// `repr(module)`: `<module 'm' from '/path/m.py'>` for a module loaded
    /// from a file, `<module 'sys' (built-in)>` otherwise (refpy makes no
    /// other kind).
    pub(crate) fn module_repr(&mut self, module: &ObjRef) -> String {
        let name = self.module_str_attr(module, "__name__").ok().flatten().unwrap_or_else(|| "?".into());
        match self.module_str_attr(module, "__file__").ok().flatten() {
            Some(file) => format!("<module {} from {}>", str_repr(&name), str_repr(&file)),
            None => format!("<module {} (built-in)>", str_repr(&name)),
        }
    }
}

/// The module payload, if `obj` is a module.
pub fn as_module(obj: &ObjRef) -> Option<&ModuleObject> {
    obj.downcast::<ModuleObject>()
}
