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
mod class;
pub mod errors;
mod eval;
mod frame;
mod methods;
mod modules;
pub mod num;
pub mod objects;
mod ops;
mod protocol;
mod repr;
mod special;
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

impl Vm {
    /// Reports an exception that escaped the program and returns the exit
    /// status: `SystemExit(code)` exits quietly with `code` (printing a
    /// non-integer code to stderr, status 1), anything else prints its
    /// traceback and gives 1.
    pub fn handle_uncaught(&mut self, err: &PyErr) -> u8 {
        if !self.exc_matches(&err.exc, ExcType::SystemExit) {
            self.print_exception(&err.exc);
            return 1;
        }
        let args = objects::exception::as_exception(&err.exc).map(|e| e.args.borrow().clone());
        let code = match args.as_ref().and_then(objects::tuple::as_tuple) {
            Some([code]) => code.clone(),
            _ => return 0,
        };
        if code.is(&self.none) {
            return 0;
        }
        if let Some(n) = objects::int::as_i64(&code) {
            return n as u8;
        }
        let text = self.str_string(&code).unwrap_or_default();
        self.out.flush();
        eprintln!("{text}");
        1
    }
}

impl Vm {
    /// Drops what a run cut short by a Rust panic left behind (its frames, value
    /// stack entries and recursion counts), so that the REPL can go on with the
    /// next input. Only valid between top-level runs, when no frame is live.
    pub fn reset_after_panic(&mut self) {
        self.frames.clear();
        self.stack.clear();
        self.repr_stack.clear();
        self.c_depth = 0;
    }
}
