//! refpy-syntax: source text to AST.
//!
//! `token.rs` (logos) → `indent.rs` (INDENT/DEDENT/NEWLINE) → the lalrpop
//! parser generated from `grammar/python.lalrpop` → [`ast::Module`].
//! Every failure is a [`SyntaxError`] carrying CPython's message and position.
//!
//! Architecture invariant: this crate knows nothing of the compiler, the VM or
//! the heap.
#![forbid(unsafe_code)]

pub mod ast;
pub mod error;

mod actions;
mod fstring;
mod indent;
mod line_index;
mod parser;
mod string;
mod token;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused_parens, unused_mut, dead_code)]
    python
);

pub use error::{SyntaxError, SyntaxErrorKind};
pub use indent::MAX_NESTING;
pub use parser::{parse_expression, parse_module};

#[cfg(test)]
mod dump;
#[cfg(test)]
mod golden_tests;
