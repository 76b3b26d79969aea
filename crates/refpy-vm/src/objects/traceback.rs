//! Traceback entries (`PyTracebackObject`): one per frame an exception
//! passed through.

use refpy_heap::{alloc, ObjRef};

use crate::errors::PyResult;
use crate::Vm;

/// Payload of a traceback entry: where in which code the exception passed.
pub struct TracebackObject {
    /// The next entry, towards the frame that raised (`tb_next`).
    pub next: Option<ObjRef>,
    /// The `code` object of the frame.
    pub code: ObjRef,
    /// Index of the code unit that was executing (`tb_lasti`, in units).
    pub lasti: usize,
}

impl Vm {
    /// A traceback entry in front of `next`.
    pub fn new_traceback(&mut self, next: Option<ObjRef>, code: ObjRef, lasti: usize) -> PyResult {
        alloc(&self.types.traceback, TracebackObject { next, code, lasti }, 0)
            .map_err(|_| self.memory_error())
    }
}
