//! `int` (and `bool`, which shares its layout): a machine word when the value
//! fits, a boxed bignum otherwise.
//!
//! The payload is 16 bytes, so an int object takes CPython's 32-byte block
//! below 2^60. CPython sizes ints by 30-bit digits (24 + 4·ndigits bytes);
//! refpy asks the allocator for that many bytes, so the size class (48 bytes
//! from 2^60 up) and `sys.getsizeof` match. Big values keep their digits in a
//! `Box<BigInt>` from the system allocator, a documented difference.

use num_bigint::BigInt;
use num_traits::ToPrimitive;
use refpy_heap::{alloc_exact, ObjRef};

use crate::errors::PyResult;
use crate::Vm;

/// An int's value. Invariant: `Big` only holds values outside `i64`.
pub enum IntValue {
    Small(i64),
    Big(Box<BigInt>),
}

/// Payload of an `int` or `bool`.
pub struct IntObject(pub IntValue);

/// Smallest and largest cached ints (`_PY_NSMALLNEGINTS`, `_PY_NSMALLPOSINTS`).
pub const SMALL_INT_MIN: i64 = -5;
pub const SMALL_INT_MAX: i64 = 256;

/// Number of 30-bit digits CPython uses for a value of `bits` magnitude bits.
pub fn ndigits30(bits: u64) -> usize {
    bits.div_ceil(30) as usize
}

/// CPython's allocation size of an int with `ndigits` digits (`_PyLong_New`:
/// at least one digit), which is also `sys.getsizeof`.
pub fn int_basicsize(ndigits: usize) -> usize {
    24 + 4 * ndigits.max(1)
}

fn small_ndigits(v: i64) -> usize {
    ndigits30(u64::from(64 - v.unsigned_abs().leading_zeros()))
}

impl Vm {
    /// An int object for `v`: the cached object for -5..=256, else a new one.
    #[inline]
    pub fn new_int(&mut self, v: i64) -> PyResult {
        if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&v) {
            return Ok(self.small_ints[(v - SMALL_INT_MIN) as usize].clone());
        }
        self.alloc_int(IntValue::Small(v), small_ndigits(v))
    }

    /// An int object for an arbitrary value (normalised to `Small` when it fits).
    pub fn new_bigint(&mut self, v: BigInt) -> PyResult {
        match v.to_i64() {
            Some(s) => self.new_int(s),
            None => {
                let nd = ndigits30(v.bits());
                self.alloc_int(IntValue::Big(Box::new(v)), nd)
            }
        }
    }

    /// Allocates an int object without consulting the small-int cache (used
    /// to build the cache itself).
    #[inline]
    pub(crate) fn alloc_int(&mut self, v: IntValue, ndigits: usize) -> PyResult {
        alloc_exact(&self.int_tok, IntObject(v), int_basicsize(ndigits)).map_err(|_| self.memory_error())
    }

    /// `True` or `False`.
    #[inline]
    pub fn new_bool(&self, b: bool) -> ObjRef {
        if b {
            self.true_.clone()
        } else {
            self.false_.clone()
        }
    }
}

/// The value of an int (or bool) that fits in `i64`.
#[inline]
pub fn as_i64(obj: &ObjRef) -> Option<i64> {
    match obj.downcast::<IntObject>() {
        Some(IntObject(IntValue::Small(v))) => Some(*v),
        _ => None,
    }
}

/// The value of any int (or bool) as a bignum.
pub fn as_bigint(obj: &ObjRef) -> Option<BigInt> {
    match obj.downcast::<IntObject>()? {
        IntObject(IntValue::Small(v)) => Some(BigInt::from(*v)),
        IntObject(IntValue::Big(b)) => Some((**b).clone()),
    }
}

/// For a big int (outside `i64`): `Some(true)` if positive, `Some(false)` if
/// negative; `None` for anything else.
pub fn as_bigint_sign(obj: &ObjRef) -> Option<bool> {
    match obj.downcast::<IntObject>()? {
        IntObject(IntValue::Big(b)) => Some(b.sign() == num_bigint::Sign::Plus),
        _ => None,
    }
}

/// True for ints and bools.
#[inline]
pub fn is_int(obj: &ObjRef) -> bool {
    obj.downcast::<IntObject>().is_some()
}

/// `sys.getsizeof` of an int object.
pub fn int_sizeof(obj: &ObjRef) -> Option<usize> {
    Some(match &obj.downcast::<IntObject>()?.0 {
        IntValue::Small(v) => int_basicsize(small_ndigits(*v)),
        IntValue::Big(b) => int_basicsize(ndigits30(b.bits())),
    })
}
