//! Built-in modules: created on first import, kept in `Vm::modules` and
//! entered in `sys.modules`. Modules of the program itself (`helper.py`)
//! are found and run by `crate::import`.

pub mod collections;
pub mod gc;
pub mod io;
pub mod math;
pub mod os;
pub mod random;
pub mod refpy;
pub mod sys;
pub mod time;
pub mod tracemalloc;
pub mod weakref;

use refpy_heap::ObjRef;

use crate::errors::PyResult;
use crate::objects::function::BuiltinFn;
use crate::objects::module::as_module;
use crate::Vm;

impl Vm {
    /// The module called `name` (`importlib.import_module`): the one in
    /// `sys.modules`, a built-in one (made on first use), or one of the
    /// program's own, found on `sys.path`.
    pub fn import_module(&mut self, name: &str) -> PyResult {
        if let Some(m) = self.sys_modules_get(name)? {
            return Ok(m);
        }
        if let Some(m) = self.builtin_module(name) {
            self.sys_modules_set(name, m.clone())?;
            return Ok(m);
        }
        let module = match name {
            "sys" => sys::build(self)?,
            "gc" => gc::build(self)?,
            "random" => random::build(self)?,
            "refpy" => refpy::build(self)?,
            "weakref" => weakref::build(self)?,
            "math" => math::build(self)?,
            "time" => time::build(self)?,
            "os" => os::build(self)?,
            "io" => io::build(self)?,
            "collections" => collections::build(self)?,
            "tracemalloc" => tracemalloc::build(self)?,
            "_tracemalloc" => tracemalloc::build_native(self)?,
            _ => return self.import_source_module(name),
        };
        self.modules.push((name.to_string(), module.clone()));
        self.sys_modules_set(name, module.clone())?;
        Ok(module)
    }

    /// The built-in module `name` if it was made, whatever `sys.modules` says.
    pub(crate) fn builtin_module(&self, name: &str) -> Option<ObjRef> {
        self.modules.iter().find(|(n, _)| n == name).map(|(_, m)| m.clone())
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
            self.dict_set_str(&d, name, obj)?;
        }
        Ok(())
    }

    /// Runs the Python source of a built-in module (the parts written in
    /// Python) in the module's namespace, with the built-ins visible.
    pub(crate) fn run_prelude(&mut self, module: &ObjRef, source: &str) -> PyResult<()> {
        let d = as_module(module).expect("module").dict.clone();
        let b = self.builtins.clone();
        self.dict_set_str(&d, "__builtins__", b)?;
        let name = self.dict_get_str(crate::objects::dict::as_dict(&d).expect("module dict"), "__name__")?;
        let name = name.as_ref().and_then(crate::objects::str::as_str).unwrap_or("?").to_string();
        let filename = format!("<refpy {name}>");
        // Built-in modules are imported, never run as source text: no parser arena.
        let run = self
            .compile_code(source, &filename, refpy_compiler::Mode::Exec)
            .and_then(|code| self.run_module_code(&code, &d).map_err(crate::RunError::Exception));
        match run {
            Ok(_) => Ok(()),
            Err(crate::RunError::Exception(e)) => Err(e),
            Err(crate::RunError::Syntax(e)) => Err(self.new_error(
                crate::errors::ExcType::SystemError,
                format!("{filename}: {} (line {})", e.msg, e.lineno),
            )),
        }
    }

    /// Sets a module attribute.
    pub(crate) fn set_module_attr(&mut self, module: &ObjRef, name: &str, value: ObjRef) -> PyResult<()> {
        let d = as_module(module).expect("module").dict.clone();
        self.dict_set_str(&d, name, value)
    }
}
