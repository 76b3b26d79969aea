//! `tuple`: items stored inline after `ob_size`, exactly CPython's layout
//! (24 + 8·n bytes plus the GC head).

use refpy_heap::{alloc_var, ObjRef};

use crate::errors::PyResult;
use crate::Vm;

/// Payload of a tuple: nothing beyond the items that follow it.
pub struct TupleObject;

/// CPython's allocation size of a tuple of `n` items (without the GC head).
pub fn tuple_basicsize(n: usize) -> usize {
    24 + 8 * n
}

impl Vm {
    /// A tuple of `items`; `()` is a singleton.
    pub fn new_tuple(&mut self, items: Vec<ObjRef>) -> PyResult {
        if items.is_empty() {
            return Ok(self.empty_tuple.clone());
        }
        let n = items.len();
        alloc_var(&self.types.tuple, TupleObject, items.into_iter(), tuple_basicsize(n))
            .map_err(|_| self.memory_error())
    }

    /// A tuple built from a slice of references (each cloned).
    pub fn new_tuple_from(&mut self, items: &[ObjRef]) -> PyResult {
        if items.is_empty() {
            return Ok(self.empty_tuple.clone());
        }
        alloc_var(&self.types.tuple, TupleObject, items.iter().cloned(), tuple_basicsize(items.len()))
            .map_err(|_| self.memory_error())
    }
}

/// The items of a tuple.
#[inline]
pub fn as_tuple(obj: &ObjRef) -> Option<&[ObjRef]> {
    obj.downcast_var::<TupleObject, ObjRef>().map(|(_, items)| items)
}
