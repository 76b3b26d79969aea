//! refpy-vm: object types, the eval loop, built-ins and tracebacks.
//!
//! Entry points: [`Vm::new`], then [`Vm::run_source`] (compile and run a
//! module) or [`Vm::load_code`] + [`Vm::run_module_code`].
//!
//! Architecture invariants: every Python value is an [`refpy_heap::ObjRef`]
//! to an object on refpy's heap (no unboxed ints, no host-GC stand-ins); a
//! Python-to-Python call never recurses in Rust; raw pointers stay in refpy-heap (`forbid(unsafe_code)` below).
#![forbid(unsafe_code)]

mod arena;
mod args;
mod builtins;
mod call;
mod class;
mod descr;
mod draw;
pub mod errors;
mod eval;
mod explain;
mod frame;
mod gc_support;
mod import;
mod methods;
mod modules;
pub mod num;
pub mod objects;
mod ops;
mod protocol;
mod pyformat;
mod repr;
mod sizeof;
mod slots;
mod special;
mod subclass;
mod suggestions;
pub mod trace;
pub mod traceback;
mod typecache;
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
    /// Compiles `source` and runs it in `globals` (a script, `-c`, standard input, one
    /// interactive input: CPython's `PyRun_*`), its constants held by the parser arena
    /// until the run ends (arena.rs).
    pub fn run_source(
        &mut self,
        source: &str,
        filename: &str,
        mode: Mode,
        globals: &refpy_heap::ObjRef,
    ) -> Result<refpy_heap::ObjRef, RunError> {
        let code = self.compile_with_warnings(source, filename, mode)?;
        let run = self.load_code_in_arena(&code).map_err(RunError::Exception)?;
        self.run_module_code(&run.code, globals).map_err(RunError::Exception)
    }

    /// Compiles `source` into a `code` object, printing the compiler's
    /// warnings to stderr as the `warnings` module would.
    pub(crate) fn compile_code(
        &mut self,
        source: &str,
        filename: &str,
        mode: Mode,
    ) -> Result<refpy_heap::ObjRef, RunError> {
        let code = self.compile_with_warnings(source, filename, mode)?;
        self.load_code(&code).map_err(RunError::Exception)
    }

    /// Compiles `source`, printing the compiler's warnings to stderr.
    fn compile_with_warnings(
        &mut self,
        source: &str,
        filename: &str,
        mode: Mode,
    ) -> Result<Rc<refpy_compiler::CodeObject>, RunError> {
        let code = refpy_compiler::compile_source(source, filename, mode).map_err(RunError::Syntax)?;
        if !code.warnings.is_empty() {
            self.out.flush();
            for w in &code.warnings {
                eprint!("{}", traceback::format_warning(w, filename, source));
            }
        }
        Ok(Rc::new(code))
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
        self.dict_set_str(&b, "_", v.clone())
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

#[cfg(test)]
mod tests {
    use super::*;
    use refpy_heap::obmalloc::allocated_blocks;

    /// Runs `src` as a module in `vm`, panicking on any error.
    fn run(vm: &mut Vm, globals: &refpy_heap::ObjRef, src: &str) {
        if vm.run_source(src, "<test>", refpy_compiler::Mode::Exec, globals).is_err() {
            panic!("program failed: {src}");
        }
    }

    #[test]
    fn int_loops_leave_no_blocks_behind() {
        let mut vm = Vm::new(Vec::new(), Some(0));
        let g = vm.new_main_globals().unwrap();
        run(&mut vm, &g, "s = 0\nfor i in range(1000):\n    s += i * 3\n");
        let before = allocated_blocks();
        run(&mut vm, &g, "s = 0\nfor i in range(2000000):\n    s += i * 3\n");
        let after = allocated_blocks();
        assert!(after.abs_diff(before) < 16, "blocks before {before}, after {after}");
    }

    #[test]
    fn million_deep_nested_list_is_freed() {
        let mut vm = Vm::new(Vec::new(), Some(0));
        let g = vm.new_main_globals().unwrap();
        let before = allocated_blocks();
        run(&mut vm, &g, "x = []\nfor i in range(1000000):\n    x = [x]\ndel x\n");
        // 80 of the lists keep their block on the list free list until a full collection.
        refpy_heap::freelist::clear_all();
        let after = allocated_blocks();
        assert!(after.abs_diff(before) < 64, "blocks before {before}, after {after}");
    }

    #[test]
    fn interning_policy_matches_the_documented_snippet() {
        let mut vm = Vm::new(Vec::new(), Some(0));
        let g = vm.new_main_globals().unwrap();
        let long = "a very very very long string that might not be interned";
        let src = format!(
            "r = []\na = 10\nb = 10\nr.append(a is b)\na = 'hello world'\nb = 'hello world'\nr.append(a is b)\na = '{long}'\nb = '{long}'\nr.append(a is b)\n"
        );
        run(&mut vm, &g, &src);
        let d = objects::dict::as_dict(&g).unwrap();
        let r = vm.dict_get_str(d, "r").unwrap().unwrap();
        let items: Vec<bool> =
            objects::list::as_list(&r).unwrap().items.borrow().iter().map(|v| v.is(&vm.true_)).collect();
        assert_eq!(items, vec![true, true, false]);
    }
}
