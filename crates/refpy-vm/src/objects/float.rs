//! `float`: one `f64` after the header (24 bytes, CPython's 32-byte class).

use refpy_heap::{alloc_exact, ObjRef};

use crate::errors::PyResult;
use crate::Vm;

/// Payload of a `float` (`PyFloatObject.ob_fval`).
pub struct FloatObject(pub f64);

/// `sizeof(PyFloatObject)`.
const FLOAT_BASICSIZE: usize = 24;

impl Vm {
    /// A new float object (floats have no cache: every result is a new object).
    #[inline]
    pub fn new_float(&mut self, v: f64) -> PyResult {
        alloc_exact(&self.float_tok, FloatObject(v), FLOAT_BASICSIZE).map_err(|_| self.memory_error())
    }
}

/// The value of a float object, if `obj` is one.
#[inline]
pub fn as_float(obj: &ObjRef) -> Option<f64> {
    obj.downcast::<FloatObject>().map(|f| f.0)
}
