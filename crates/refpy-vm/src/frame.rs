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

use refpy_compiler::CodeObject;
use refpy_heap::ObjRef;

use crate::errors::PyResult;
use crate::objects::function::{CellObject, CodeData};
use crate::Vm;

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
    /// The local trace function (`f_trace`): what `sys.settrace`'s function
    /// returned for this frame's `call` event (`trace/mod.rs`).
    pub trace: Option<ObjRef>,
}

impl Frame {
    /// First stack index above the locals: where the value stack starts.
    pub fn stack_base(&self) -> usize {
        self.base + self.code.code.nlocalsplus()
    }
}

impl Vm {
    /// The bound local variables of a function frame whose slots (locals,
    /// then cells, then free variables) are `slots`, in that order, with
    /// cells replaced by their contents: what `locals()` shows.
    pub(crate) fn fast_local_pairs(&self, code: &CodeObject, slots: &[ObjRef]) -> Vec<(Rc<str>, ObjRef)> {
        let names = code.varnames.iter().chain(&code.cellvars).chain(&code.freevars);
        let mut pairs = Vec::new();
        for (i, (name, slot)) in names.zip(slots).enumerate() {
            let value = match slot.downcast::<CellObject>() {
                Some(cell) if i >= code.varnames.len() => cell.contents.borrow().clone(),
                _ if slot.is(&self.null) => None,
                _ => Some(slot.clone()),
            };
            if let Some(v) = value {
                pairs.push((name.clone(), v));
            }
        }
        pairs
    }

    /// `locals()` of frame `fi`: its namespace dict at module and class
    /// level, a fresh snapshot dict of its local variables in a function
    /// (CPython 3.11's `f_locals` after `PyFrame_FastToLocals`).
    pub(crate) fn frame_locals(&mut self, fi: usize) -> PyResult {
        let frame = &self.frames[fi];
        if let Some(ns) = &frame.locals_dict {
            return Ok(ns.clone());
        }
        let code = frame.code.code.clone();
        let base = frame.base;
        let end = (base + code.nlocalsplus()).min(self.stack.len());
        let pairs = self.fast_local_pairs(&code, &self.stack[base..end]);
        let d = self.new_dict()?;
        for (name, v) in pairs {
            self.dict_set_str(&d, &name, v)?;
        }
        Ok(d)
    }
}
