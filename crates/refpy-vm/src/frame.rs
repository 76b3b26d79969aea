//! Frames: where a running code object keeps its place.
//!
//! Frames are not Python objects (CPython 3.11's `_PyInterpreterFrame`, not
//! `PyFrameObject`): they live in `Vm::frames`, and their locals and value
//! stack live in `Vm::stack`, back to back:
//!
//! ```text
//! Vm::stack:  … caller's values | NULL|meth  callable|self | arg0 … argN  locals…  cells/frees | values…
//!                                 └── below (1 or 2) ──────┘ ^ base: localsplus[0]
//! ```
//! A Python-to-Python call leaves the arguments where the caller pushed them
//! (they become the callee's first locals: *moved*, as in 3.11, so counts do
//! not change), pushes the remaining locals as NULL and continues in the same
//! Rust loop: Python recursion never recurses in Rust.

use std::rc::Rc;

use refpy_heap::ObjRef;

use crate::objects::function::CodeData;

/// One activation of a code object.
pub struct Frame {
    pub code: Rc<CodeData>,
    /// The `code` object, for traceback entries.
    pub code_obj: ObjRef,
    /// The namespace of `LOAD_GLOBAL` (a dict).
    pub globals: ObjRef,
    /// The namespace of `LOAD_NAME`/`STORE_NAME` (module and class bodies).
    pub locals_dict: Option<ObjRef>,
    /// Index in `Vm::stack` of the first local.
    pub base: usize,
    /// Next code unit to execute.
    pub ip: usize,
    /// Code unit of the instruction that is executing (`f_lasti`).
    pub lasti: usize,
    /// Stack slots under `base` that belong to the call (callable, NULL or
    /// method) and are popped when the frame returns.
    pub below: usize,
    /// Returning from this frame returns from the Rust call that started it.
    pub is_entry: bool,
    /// The generator that owns this frame, while it runs.
    pub generator: Option<ObjRef>,
}

impl Frame {
    /// First stack index above the locals: where the value stack starts.
    pub fn stack_base(&self) -> usize {
        self.base + self.code.code.nlocalsplus()
    }
}
