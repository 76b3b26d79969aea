//! `slice`: the result of `a:b:c` in a subscript.

use refpy_heap::{alloc, ObjRef};

use crate::errors::{ExcType, PyResult};
use crate::objects::int::as_i64;
use crate::Vm;

/// Payload of a `slice` (`start`, `stop`, `step`, each any object).
pub struct SliceObject {
    pub start: ObjRef,
    pub stop: ObjRef,
    pub step: ObjRef,
}

/// `sizeof(PySliceObject)`.
const SLICE_BASICSIZE: usize = 40;

impl Vm {
    /// `slice(start, stop, step)`.
    pub fn new_slice(&mut self, start: ObjRef, stop: ObjRef, step: ObjRef) -> PyResult {
        alloc(&self.types.slice, SliceObject { start, stop, step }, SLICE_BASICSIZE)
            .map_err(|_| self.memory_error())
    }

    /// CPython's `PySlice_Unpack` + `PySlice_AdjustIndices`: the start, stop,
    /// step and item count of `slice` applied to a sequence of `len` items.
    pub fn slice_indices(
        &mut self,
        slice: &SliceObject,
        len: usize,
    ) -> PyResult<(isize, isize, isize, usize)> {
        let len = len as isize;
        let step = if slice.step.is(&self.none) {
            1
        } else {
            let s = self.slice_bound(&slice.step)?;
            if s == 0 {
                return Err(self.new_error(ExcType::ValueError, "slice step cannot be zero"));
            }
            s
        };
        let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let clamp = |v: isize| {
            if v < 0 {
                (v + len).max(lower)
            } else {
                v.min(upper)
            }
        };
        let start = if slice.start.is(&self.none) {
            if step < 0 {
                upper
            } else {
                lower
            }
        } else {
            clamp(self.slice_bound(&slice.start)?)
        };
        let stop = if slice.stop.is(&self.none) {
            if step < 0 {
                lower
            } else {
                upper
            }
        } else {
            clamp(self.slice_bound(&slice.stop)?)
        };
        let count = if step < 0 {
            if stop < start {
                ((start - stop - 1) / (-step) + 1) as usize
            } else {
                0
            }
        } else if start < stop {
            ((stop - start - 1) / step + 1) as usize
        } else {
            0
        };
        Ok((start, stop, step, count))
    }

    /// One slice bound as an index, saturated like `_PyEval_SliceIndex`.
    fn slice_bound(&mut self, v: &ObjRef) -> PyResult<isize> {
        if let Some(i) = as_i64(v) {
            return Ok(i.clamp(isize::MIN as i64 + 1, isize::MAX as i64) as isize);
        }
        if let Some(b) = crate::objects::int::as_bigint_sign(v) {
            return Ok(if b { isize::MAX } else { isize::MIN + 1 });
        }
        Err(self.new_error(
            ExcType::TypeError,
            "slice indices must be integers or None or have an __index__ method",
        ))
    }
}

/// The slice payload, if `obj` is a slice.
pub fn as_slice(obj: &ObjRef) -> Option<&SliceObject> {
    obj.downcast::<SliceObject>()
}
