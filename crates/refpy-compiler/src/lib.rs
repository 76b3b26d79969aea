//! refpy-compiler: AST to [`CodeObject`].
//!
//! Architecture invariant: the compiler never allocates on the refpy heap;
//! constants are plain data ([`code::Constant`]).
#![forbid(unsafe_code)]

pub mod code;
pub mod opcode;

pub use code::{CodeObject, Constant};
pub use opcode::{BinaryOp, CodeUnit, CompareOp, Opcode};
