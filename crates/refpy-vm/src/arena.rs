//! The parser's arena (CPython's `PyArena`) while source text runs.
//!
//! CPython parses source text into an arena whose object list (`a_objects`, filled by
//! `_PyArena_AddPyObject`) holds a reference to every object the parser and the AST
//! optimizer create: each number, bytes and string literal, each folded constant
//! (`-7.25`, `10.0 + 0.5`, `(1000, 2.75)`, `x in [1, 2]`'s tuple, `x in {1, 2}`'s
//! frozenset). Those are the very objects the compiler puts in `co_consts`. When source
//! text runs directly — a script (`pyrun_file`), `-c` and standard input, `exec(str)` and
//! `eval(str)` (`_PyRun_StringFlagsWithName`), each interactive input
//! (`PyRun_InteractiveOneObjectEx`) — the arena is freed only after the code has run, so
//! during the run each such constant has one more reference; `compile()` frees its arena
//! before returning, so code it made, and imported modules, show no such reference.
//! Measured on 3.11.7 (`sys.getrefcount` in a script against the same code imported):
//!
//! - one more reference for ints outside the small-int cache, floats, bytes longer than one
//!   byte, strings, non-empty tuples of constants and the items of such tuples, constants
//!   of functions, lambdas and class bodies of the text, docstrings, f-string pieces;
//! - one per object, not per occurrence: equal constants are merged into the first
//!   occurrence's object, and the later occurrences' objects live in the arena alone;
//! - none for a tuple the code generator builds itself (keyword names, import names, a
//!   constant `BUILD_TUPLE` such as a defaults tuple, a list or set display of three or more
//!   constants, constant dict keys) nor for a qualified name it formats, though their items
//!   are the parser's and have one;
//! - none for a frozenset constant, which `merge_consts_recursive` always rebuilds; when the
//!   AST optimizer made it (`x in {1000, 2000}`) the arena keeps the optimizer's frozenset,
//!   so its items have two;
//! - the arena is freed right after the code finishes (or raises), before the traceback is
//!   printed, before `atexit` functions and `__main__`'s teardown.
//!
//! refpy keeps the same references in a list (the arena's `a_objects`) that lives exactly as
//! long: [`Vm::load_code_in_arena`] collects it while loading the constants, and the
//! caller drops it when the run ends. Two kinds of constants are left out: objects the VM
//! shares anyway (singletons, small ints, `()`, one-byte bytes), whose counts are not
//! comparable with CPython's, and strings refpy interns, because refpy's interned-string
//! table holds a counted reference where CPython's interned dict holds uncounted ones: that
//! reference already stands in for the arena's.

use std::rc::Rc;

use refpy_compiler::{CodeObject, Constant};
use refpy_heap::ObjRef;

use crate::errors::PyResult;
use crate::objects::int::{SMALL_INT_MAX, SMALL_INT_MIN};
use crate::vm::ConstLoader;
use crate::Vm;

/// A code object compiled from source text that runs directly, and the parser arena that
/// stays alive until the run ends. Dropping it ends both in CPython's order: the code
/// object (`run_mod`'s `Py_DECREF(co)`), then the arena (`_PyArena_Free`).
pub(crate) struct ArenaCode {
    /// The module (or expression) code object to run.
    pub code: ObjRef,
    /// The arena's object list; declared after `code` so that it is dropped after it.
    _arena: ObjRef,
}

/// Whether refpy's arena keeps the very object made for `c`, a constant of the parser or
/// the AST optimizer: not a code object (the compiler's), a frozenset (rebuilt by the
/// compiler; `Vm::load_const` gives the arena the optimizer's), an object the VM shares
/// anyway or an interned string (see the module documentation).
pub(crate) fn holds(c: &Constant) -> bool {
    match c {
        Constant::None | Constant::Bool(_) | Constant::Ellipsis => false,
        Constant::Code(_) | Constant::FrozenSet(_) => false,
        Constant::Int(v) => !(SMALL_INT_MIN..=SMALL_INT_MAX).contains(v),
        Constant::Str { interned, .. } => !interned,
        Constant::Bytes(b) => b.len() > 1,
        Constant::Tuple(items) => !items.is_empty(),
        Constant::BigInt(_) | Constant::Float(_) => true,
    }
}

impl Vm {
    /// [`Vm::load_code`] for source text about to run directly: also returns the parser
    /// arena holding its constants, to be dropped when the run ends.
    pub(crate) fn load_code_in_arena(&mut self, code: &Rc<CodeObject>) -> PyResult<ArenaCode> {
        let mut loader = ConstLoader { arena: Some(Vec::new()), ..ConstLoader::default() };
        let code = self.load_code_with(code, &mut loader)?;
        let arena = self.new_list(loader.arena.unwrap_or_default())?;
        Ok(ArenaCode { code, _arena: arena })
    }
}
