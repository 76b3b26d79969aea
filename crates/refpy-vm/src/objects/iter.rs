//! Iterators over the built-in sequences.

use std::cell::{Cell, RefCell};

use refpy_heap::{alloc, ObjRef};

use crate::errors::PyResult;
use crate::Vm;

/// Payload of list, tuple, str and dict-key iterators: the sequence (dropped
/// when exhausted, as CPython does) and the next index.
pub struct SeqIterator {
    pub seq: RefCell<Option<ObjRef>>,
    pub index: Cell<usize>,
    /// A dict's size when iteration started (`di_used`), to detect changes.
    pub len_at_start: Cell<usize>,
}

/// Payload of a range iterator.
pub struct RangeIterator {
    pub next: Cell<i64>,
    pub step: i64,
    pub remaining: Cell<i64>,
}

impl Vm {
    /// An iterator of type `ty` over `seq`.
    pub fn new_seq_iter(&mut self, ty: &ObjRef, seq: ObjRef) -> PyResult {
        let len_at_start = crate::objects::dict::as_dict(&seq).map_or(0, |d| d.table.borrow().len());
        let payload = SeqIterator {
            seq: RefCell::new(Some(seq)),
            index: Cell::new(0),
            len_at_start: Cell::new(len_at_start),
        };
        alloc(ty, payload, 32).map_err(|_| self.memory_error())
    }

    /// An iterator over `range(start, …)` with `len` items.
    pub fn new_range_iter(&mut self, start: i64, step: i64, len: i64) -> PyResult {
        let ty = self.types.range_iterator.clone();
        alloc(&ty, RangeIterator { next: Cell::new(start), step, remaining: Cell::new(len) }, 48)
            .map_err(|_| self.memory_error())
    }
}
