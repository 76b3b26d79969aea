//! refpy-vm: object types, the eval loop, built-ins and tracebacks.
//!
//! Entry points: [`Vm::new`], then [`Vm::run_source`] (compile and run a
//! module) or [`Vm::load_code`] + [`Vm::run_module_code`].
//!
//! Architecture invariants: every Python value is an [`refpy_heap::ObjRef`]
//! to an object on refpy's heap (no unboxed ints, no host-GC stand-ins); a
//! Python-to-Python call never recurses in Rust; this crate has no `unsafe`.
#![forbid(unsafe_code)]

mod builtins;
mod call;
pub mod errors;
mod eval;
mod frame;
mod methods;
pub mod num;
pub mod objects;
mod ops;
mod protocol;
mod repr;
mod suggestions;
pub mod traceback;
pub mod types;
mod vm;

pub use errors::{ExcType, PyErr, PyResult};
pub use vm::Vm;

use std::rc::Rc;

use refpy_compiler::Mode;
use refpy_syntax::SyntaxError;

/// How running a program ended.
pub enum RunError {
    /// The source did not compile.
    Syntax(SyntaxError),
    /// An exception escaped the module.
    Exception(PyErr),
}

impl Vm {
    /// Compiles `source` and runs it as the `__main__` module in `globals`.
    pub fn run_source(
        &mut self,
        source: &str,
        filename: &str,
        mode: Mode,
        globals: &refpy_heap::ObjRef,
    ) -> Result<refpy_heap::ObjRef, RunError> {
        let code = refpy_compiler::compile_source(source, filename, mode).map_err(RunError::Syntax)?;
        if !code.warnings.is_empty() {
            self.out.flush();
            for w in &code.warnings {
                eprint!("{}", traceback::format_warning(w, filename, source));
            }
        }
        let code_obj = self.load_code(&Rc::new(code)).map_err(RunError::Exception)?;
        self.run_module_code(&code_obj, globals).map_err(RunError::Exception)
    }

    /// `sys.displayhook`: echo `repr(v)` unless it is `None` (interactive mode).
    pub(crate) fn display_hook(&mut self, v: &refpy_heap::ObjRef) -> PyResult<()> {
        if v.is(&self.none) {
            return Ok(());
        }
        let s = self.repr_string(v)?;
        self.out.write_str(&s);
        self.out.write_str("\n");
        let b = self.builtins.clone();
        let d = objects::dict::as_dict(&b).expect("builtins is a dict");
        self.dict_set_str(d, "_", v.clone())
    }
}
