//! One file per built-in type: its payload struct (the Rust data after the
//! object header) and the `Vm` methods that create and inspect it.

pub mod bytes;
pub mod descriptor;
pub mod dict;
pub mod dictview;
pub mod exception;
pub mod file;
pub mod float;
pub mod function;
pub mod generator;
pub mod instance;
pub mod int;
pub mod iter;
pub mod iterators;
pub mod list;
pub mod module;
pub mod os_error;
pub mod range;
pub mod set;
pub mod slice;
pub mod str;
pub mod syntax_error;
pub mod textio;
pub mod traceback;
pub mod tuple;
pub mod weakref;

/// Payload of `None` and of plain `object()` instances: nothing but the header.
pub struct NoneObject;

/// Payload of the `exit`/`quit` objects (`_sitebuiltins.Quitter`): the name.
pub struct QuitterObject(pub &'static str);

/// Payload of the hidden NULL marker: the 3.11 calling convention's empty
/// stack slot and the value of an unbound local. Never reachable from Python.
pub struct NullObject;
