//! `CodeObject`: the compiler's output, plain data with CPython's field names.
//!
//! The compiler never touches the heap: constants are [`Constant`] values and
//! the VM turns them into objects when it loads a compilation unit. Two
//! policies are decided here and carried out by the VM's loader:
//! - a string constant with `interned: true` is looked up in (or added to) the
//!   interpreter's interned-string table, so every occurrence anywhere is one
//!   object;
//! - a string constant with `interned: false` (longer than the short-string
//!   limit and not identifier-like, DESIGN.md's documented rule) has its own
//!   slot in `consts` for each occurrence in the source and is never merged;
//! - every other constant is merged with equal constants of the same
//!   compilation unit (CPython's `merge_consts_recursive`), across functions.

use std::rc::Rc;

use num_bigint::BigInt;

use crate::opcode::{CodeUnit, Opcode};

/// `co_flags` bits, CPython's values.
pub mod flags {
    pub const OPTIMIZED: u32 = 0x0001;
    pub const NEWLOCALS: u32 = 0x0002;
    pub const VARARGS: u32 = 0x0004;
    pub const VARKEYWORDS: u32 = 0x0008;
    pub const NESTED: u32 = 0x0010;
    pub const GENERATOR: u32 = 0x0020;
    pub const NOFREE: u32 = 0x0040;
}

/// A constant in `co_consts`, before it becomes an object.
#[derive(Clone, Debug)]
pub enum Constant {
    None,
    Bool(bool),
    Int(i64),
    BigInt(BigInt),
    Float(f64),
    Str {
        value: Rc<str>,
        interned: bool,
    },
    Bytes(Rc<[u8]>),
    Tuple(Rc<[Constant]>),
    /// A `frozenset` of constants, as 3.11 folds `{1, 2, 3}` displays and
    /// `x in {1, 2}` tests (`BUILD_SET 0; LOAD_CONST frozenset; SET_UPDATE 1`),
    /// which sizes the set's table like CPython. Items are distinct, in source order.
    FrozenSet(Rc<[Constant]>),
    Ellipsis,
    Code(Rc<CodeObject>),
}

/// Source range of one instruction (CPython's `co_positions()` entry).
/// Lines are 1-based, columns 0-based character offsets; `0` end values mean
/// "unknown" and suppress the caret line of a traceback.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub lineno: u32,
    pub end_lineno: u32,
    pub col: u32,
    pub end_col: u32,
}

/// One row of `co_exceptiontable` (3.11): an exception raised by a unit in
/// `start..end` jumps to `target` after truncating the value stack to
/// `depth`, pushing the offset of the raising instruction first when `lasti`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionTableEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

/// A compiled function body, class body or module (CPython's `PyCodeObject`).
#[derive(Clone, Debug)]
pub struct CodeObject {
    /// `co_code`: instructions with their `CACHE` units.
    pub code: Vec<CodeUnit>,
    /// One entry per code unit (caches repeat their instruction's location).
    pub locations: Vec<Location>,
    pub consts: Vec<Constant>,
    /// The slots of `consts` (ascending) whose object the code generator built
    /// itself: keyword-names and import-name tuples, the tuple a constant
    /// `BUILD_TUPLE`/list/set display folds to, a nested qualified name. Every
    /// other constant is an object the parser or the AST optimizer made, which
    /// CPython's parser arena keeps alive while source text runs
    /// (refpy-vm's `arena.rs`).
    pub compiler_made: Vec<u32>,
    /// Global, attribute and imported names (`co_names`).
    pub names: Vec<Rc<str>>,
    /// Parameters first, then other locals (`co_varnames`).
    pub varnames: Vec<Rc<str>>,
    /// Locals captured by inner functions (`co_cellvars`).
    pub cellvars: Vec<Rc<str>>,
    /// Variables of enclosing functions used here (`co_freevars`).
    pub freevars: Vec<Rc<str>>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    /// Deepest the value stack gets, so a frame can size its stack once.
    pub stacksize: u32,
    pub flags: u32,
    /// `co_name`: `<module>`, the function name, `<lambda>`, `<listcomp>`, …
    pub name: Rc<str>,
    /// `co_qualname`: `f.<locals>.g`, `C.method`, …
    pub qualname: Rc<str>,
    pub filename: Rc<str>,
    pub firstlineno: u32,
    pub exceptiontable: Vec<ExceptionTableEntry>,
    /// Warnings the compiler issued for the whole compilation unit (only on
    /// the module's code object), in source order; the caller prints them.
    pub warnings: Vec<CompileWarning>,
}

/// A compile-time warning (CPython's `compiler_warn`), e.g. `"is" with a literal`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileWarning {
    /// The warning class, e.g. `SyntaxWarning`.
    pub category: &'static str,
    pub message: String,
    pub lineno: u32,
}

impl CodeObject {
    /// Number of local slots a frame needs (`co_nlocalsplus`): locals, then
    /// cells, then free variables.
    pub fn nlocalsplus(&self) -> usize {
        self.varnames.len() + self.cellvars.len() + self.freevars.len()
    }

    /// Decodes the instruction at `index`, folding preceding `EXTENDED_ARG`
    /// units into its argument. Returns the opcode, full argument and the
    /// index of the next instruction (after its caches).
    pub fn instruction_at(&self, index: usize) -> (Opcode, u32, usize) {
        let mut i = index;
        let mut arg: u32 = 0;
        loop {
            let unit = self.code[i];
            arg = (arg << 8) | u32::from(unit.arg);
            i += 1;
            if unit.op != Opcode::EXTENDED_ARG {
                return (unit.op, arg, i + unit.op.cache_entries());
            }
        }
    }
}
