//! Instances of classes defined in Python (not subclassing a built-in
//! other than `object`).
//!
//! CPython 3.11 keeps an instance's attributes in a values array shared-key
//! layout and makes the `__dict__` lazily; refpy makes a real dict at the
//! first attribute store (a documented difference). The block size requested
//! is CPython's: basicsize 24 plus the 16-byte managed-dict pre-header, so the
//! object (with its GC head) lands in CPython's 64-byte class and
//! `sys.getsizeof` can report 56.

use std::cell::RefCell;

use refpy_heap::{alloc, ObjRef};

use crate::errors::PyResult;
use crate::Vm;

/// Payload of an instance: its attribute dict, made on first store.
pub struct InstanceObject {
    pub dict: RefCell<Option<ObjRef>>,
}

/// CPython's allocation size of a plain instance, without the GC head.
const INSTANCE_BASICSIZE: usize = 40;

impl Vm {
    /// A new, empty instance of class `cls` (`object.__new__(cls)`).
    pub fn new_instance(&mut self, cls: &ObjRef) -> PyResult {
        alloc(cls, InstanceObject { dict: RefCell::new(None) }, INSTANCE_BASICSIZE)
            .map_err(|_| self.memory_error())
    }
}
