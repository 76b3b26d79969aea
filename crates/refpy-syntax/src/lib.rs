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

pub use error::{SyntaxError, SyntaxErrorKind};
