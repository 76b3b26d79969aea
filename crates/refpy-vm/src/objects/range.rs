//! `range`: start, stop, step and the precomputed length.

use refpy_heap::{alloc, ObjRef};

use crate::errors::{ExcType, PyResult};
use crate::Vm;

/// Payload of a `range` (CPython keeps int objects; refpy keeps machine ints
/// and raises `OverflowError` for bounds beyond them).
pub struct RangeObject {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub len: i64,
}

/// `sizeof(rangeobject)`: four object pointers after the header.
const RANGE_BASICSIZE: usize = 48;

/// Number of items of `range(start, stop, step)`; `step != 0`.
pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    let (lo, hi, st) = if step > 0 { (start, stop, step) } else { (stop, start, -step) };
    if lo >= hi {
        0
    } else {
        (((hi as i128 - lo as i128 - 1) / st as i128) + 1) as i64
    }
}

impl Vm {
    /// `range(start, stop, step)`.
    pub fn new_range(&mut self, start: i64, stop: i64, step: i64) -> PyResult {
        if step == 0 {
            return Err(self.new_error(ExcType::ValueError, "range() arg 3 must not be zero"));
        }
        let len = range_len(start, stop, step);
        alloc(&self.types.range, RangeObject { start, stop, step, len }, RANGE_BASICSIZE)
            .map_err(|_| self.memory_error())
    }
}

/// The range payload, if `obj` is a range.
pub fn as_range(obj: &ObjRef) -> Option<&RangeObject> {
    obj.downcast::<RangeObject>()
}
