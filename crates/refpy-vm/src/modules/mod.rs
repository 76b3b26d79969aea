//! Built-in modules: created on first import and kept in `Vm::modules`
//! (CPython's `sys.modules`).

pub mod gc;
pub mod refpy;
pub mod sys;
pub mod weakref;

use refpy_heap::ObjRef;

use crate::errors::{ExcType, PyResult};
use crate::objects::dict::as_dict;
use crate::objects::function::BuiltinFn;
use crate::objects::module::as_module;
use crate::Vm;

impl Vm {
    /// `import name` (`IMPORT_NAME`): the cached module, or a newly built
    /// built-in one; `ModuleNotFoundError` for anything else.
    pub fn import_module(&mut self, name: &str) -> PyResult {
        if let Some(m) = self.modules.iter().find(|(n, _)| n == name).map(|(_, m)| m.clone()) {
            return Ok(m);
        }
        let module = match name {
            "sys" => sys::build(self)?,
            "gc" => gc::build(self)?,
            "refpy" => refpy::build(self)?,
            "weakref" => weakref::build(self)?,
            _ => {
                return Err(self.new_error(ExcType::ModuleNotFoundError, format!("No module named '{name}'")));
            }
        };
        self.modules.push((name.to_string(), module.clone()));
        Ok(module)
    }

    /// `from module import name` (`IMPORT_FROM`).
    pub fn import_from(&mut self, module: &ObjRef, name: &ObjRef) -> PyResult {
        if let Some(m) = as_module(module) {
            let d = m.dict.clone();
            if let Some(v) = self.dict_get(as_dict(&d).expect("module dict"), name)? {
                return Ok(v);
            }
            let mname = self.dict_get_str(as_dict(&d).expect("module dict"), "__name__")?;
            let mname = mname.as_ref().and_then(crate::objects::str::as_str).unwrap_or("?").to_string();
            let n = crate::objects::str::as_str(name).unwrap_or("?").to_string();
            return Err(self.new_error(
                ExcType::ImportError,
                format!("cannot import name '{n}' from '{mname}' (unknown location)"),
            ));
        }
        self.get_attr(module, name)
    }

    /// Adds built-in functions to a module's namespace.
    pub(crate) fn add_functions(
        &mut self,
        module: &ObjRef,
        functions: &[(&'static str, BuiltinFn)],
    ) -> PyResult<()> {
        let d = as_module(module).expect("module").dict.clone();
        for (name, f) in functions {
            let obj = self.new_builtin(name, *f, None)?;
            self.dict_set_str(as_dict(&d).expect("module dict"), name, obj)?;
        }
        Ok(())
    }

    /// Sets a module attribute.
    pub(crate) fn set_module_attr(&mut self, module: &ObjRef, name: &str, value: ObjRef) -> PyResult<()> {
        let d = as_module(module).expect("module").dict.clone();
        self.dict_set_str(as_dict(&d).expect("module dict"), name, value)
    }
}
