//! `bytes`: an immutable byte string, its items inline after the cached
//! hash, as CPython's `PyBytesObject` (header, `ob_size`, `ob_shash`, then
//! `ob_sval`).
//!
//! The block requested is CPython's, 32 + len + 1 bytes (the 1 is C's NUL
//! terminator), so bytes objects share size classes and `sys.getsizeof`
//! with CPython. `b''` and the 256 one-byte objects are singletons made at
//! startup, as CPython 3.11's statically allocated `bytes_empty` and
//! `bytes_characters`: `bytes([65]) is b'A'`.

use std::cell::Cell;

use refpy_heap::{alloc_var, ObjRef};

use crate::args::bind;
use crate::errors::{ExcType, PyResult};
use crate::objects::int::{as_i64, is_int};
use crate::objects::str::as_str;
use crate::types::Kind;
use crate::Vm;

/// Payload of a `bytes` object; the bytes follow it as the items.
pub struct BytesObject {
    /// Cached `hash()`, -1 until computed (`ob_shash`).
    pub hash: Cell<i64>,
}

/// CPython 3.11's allocation size of a bytes object of `n` bytes
/// (`PyBytesObject_SIZE + n`), which is also its `sys.getsizeof`.
pub fn bytes_basicsize(n: usize) -> usize {
    33 + n
}

impl Vm {
    /// A bytes object holding `data`: the singleton for `b''` and for one
    /// byte, otherwise a new object.
    pub fn new_bytes(&mut self, data: &[u8]) -> PyResult {
        match data {
            [] => Ok(self.empty_bytes.clone()),
            [b] => Ok(self.byte_chars[usize::from(*b)].clone()),
            _ => self.alloc_bytes(data),
        }
    }

    /// A bytes object that CPython builds in a fresh buffer and fills
    /// afterwards (`PyBytes_FromStringAndSize(NULL, n)`: `upper`, `join`,
    /// `replace`, `bytes(n)`, stepped slices): only `b''` is shared, one
    /// byte is a new object (`b'a'.upper() is b'A'` is False).
    pub(crate) fn new_bytes_filled(&mut self, data: &[u8]) -> PyResult {
        if data.is_empty() {
            return Ok(self.empty_bytes.clone());
        }
        self.alloc_bytes(data)
    }

    /// Allocates a fresh bytes object, bypassing the singletons.
    fn alloc_bytes(&mut self, data: &[u8]) -> PyResult {
        let payload = BytesObject { hash: Cell::new(-1) };
        alloc_var(&self.types.bytes, payload, data.iter().copied(), bytes_basicsize(data.len()))
            .map_err(|_| self.memory_error())
    }

    /// Makes `b''` and the one-byte singletons (called once, at startup).
    pub(crate) fn init_bytes_cache(&mut self) -> PyResult<()> {
        self.empty_bytes = self.alloc_bytes(&[])?;
        self.byte_chars = (0..=u8::MAX).map(|b| self.alloc_bytes(&[b])).collect::<PyResult<Vec<_>>>()?;
        Ok(())
    }

    /// `hash(b)`: SipHash-1-3 over the bytes, the same function as for an
    /// ASCII str (so `hash(b'abc') == hash('abc')`), cached in the object.
    pub(crate) fn bytes_hash(&self, b: &BytesObject, data: &[u8]) -> i64 {
        if b.hash.get() == -1 {
            b.hash.set(crate::num::hash::bytes_hash(data, self.hash_key));
        }
        b.hash.get()
    }

    /// `b[key]`: an int for an index, a bytes object for a slice.
    pub(crate) fn bytes_subscript(&mut self, obj: &ObjRef, data: &[u8], key: &ObjRef) -> PyResult {
        if let Some(s) = crate::objects::slice::as_slice(key) {
            let (start, _, step, count) = self.slice_indices(s, data.len())?;
            if step == 1 && count == data.len() && self.is_exact(obj, Kind::Bytes) {
                return Ok(obj.clone());
            }
            let picked: Vec<u8> = (0..count).map(|k| data[(start + k as isize * step) as usize]).collect();
            return if step == 1 { self.new_bytes(&picked) } else { self.new_bytes_filled(&picked) };
        }
        let i = self.index_of(key, "byte")?;
        match Self::normalize(i, data.len()) {
            Some(i) => self.new_int(i64::from(data[i])),
            None => Err(self.new_error(ExcType::IndexError, "index out of range")),
        }
    }

    /// `item in b`: a byte value or a subsequence.
    pub(crate) fn bytes_contains(&mut self, data: &[u8], item: &ObjRef) -> PyResult<bool> {
        if is_int(item) {
            let byte = self.byte_value(item, "byte must be in range(0, 256)")?;
            return Ok(data.contains(&byte));
        }
        let sub = self.bytes_like(item)?;
        Ok(find_sub(data, sub).is_some())
    }

    /// An int argument that must be a byte value; `msg` is the ValueError
    /// for anything outside `range(0, 256)`.
    pub(crate) fn byte_value(&mut self, v: &ObjRef, msg: &str) -> PyResult<u8> {
        match as_i64(v).map(u8::try_from) {
            Some(Ok(b)) => Ok(b),
            _ => Err(self.new_error(ExcType::ValueError, msg)),
        }
    }

    /// The bytes of a bytes-like argument (only `bytes` in refpy): `a
    /// bytes-like object is required, not 'str'` otherwise.
    pub(crate) fn bytes_like<'a>(&mut self, v: &'a ObjRef) -> PyResult<&'a [u8]> {
        match as_bytes(v) {
            Some(b) => Ok(b),
            None => {
                let t = self.type_name(v);
                Err(self.new_error(ExcType::TypeError, format!("a bytes-like object is required, not '{t}'")))
            }
        }
    }

    /// `b * n` (and `n * b`): an exact bytes object whose length does not
    /// change is itself; any other result is a new object, even `b''`, as
    /// CPython's `bytes_repeat` allocates directly.
    pub(crate) fn bytes_repeat(&mut self, obj: &ObjRef, data: &[u8], count: usize) -> PyResult {
        let Some(total) = data.len().checked_mul(count).filter(|&t| t <= isize::MAX as usize - 33) else {
            return Err(self.new_error_noargs(ExcType::MemoryError));
        };
        if total == data.len() && self.is_exact(obj, Kind::Bytes) {
            return Ok(obj.clone());
        }
        let out = data.repeat(count);
        self.alloc_bytes(&out)
    }

    /// `a + b` for a bytes `a`: an empty operand gives the other one back
    /// (when it is an exact bytes object); anything but bytes on the right
    /// is `can't concat int to bytes`.
    pub(crate) fn bytes_concat(&mut self, a: &ObjRef, x: &[u8], b: &ObjRef) -> PyResult {
        let Some(y) = as_bytes(b) else {
            let t = self.type_name(b);
            return Err(self.new_error(ExcType::TypeError, format!("can't concat {t} to bytes")));
        };
        if y.is_empty() && self.is_exact(a, Kind::Bytes) {
            return Ok(a.clone());
        }
        if x.is_empty() && self.is_exact(b, Kind::Bytes) {
            return Ok(b.clone());
        }
        let joined = [x, y].concat();
        self.new_bytes(&joined)
    }
}

/// `bytes(source=b'', encoding=…, errors=…)`: from a str and an encoding,
/// a count of zero bytes, an iterable of ints, `__bytes__`, or a bytes
/// object (returned as is).
pub fn construct_bytes(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    let npos = args.len() - kwnames.map_or(0, <[ObjRef]>::len);
    crate::args::arg_count_tuple(vm, "bytes", npos, 0, 3)?;
    let a = bind(vm, "bytes", args, kwnames, &["source", "encoding", "errors"])?;
    let (source, encoding, errors) = (&a[0], &a[1], &a[2]);
    if let Some(text) = source.as_ref().and_then(as_str) {
        let Some(encoding) = encoding else {
            return Err(vm.new_error(ExcType::TypeError, "string argument without an encoding"));
        };
        let encoding = crate::methods::codecs::str_param(vm, "bytes", "encoding", Some(encoding), "")?;
        let errors = crate::methods::codecs::str_param(vm, "bytes", "errors", errors.as_ref(), "strict")?;
        let data = crate::methods::codecs::encode(vm, text, &encoding, &errors)?;
        return vm.new_bytes(&data);
    }
    if encoding.is_some() {
        return Err(vm.new_error(ExcType::TypeError, "encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(vm.new_error(ExcType::TypeError, "errors without a string argument"));
    }
    match source {
        None => Ok(vm.empty_bytes.clone()),
        Some(s) => bytes_from_object(vm, s),
    }
}

/// `bytes(x)` for a single non-str argument.
fn bytes_from_object(vm: &mut Vm, x: &ObjRef) -> PyResult {
    if vm.is_exact(x, Kind::Bytes) {
        return Ok(x.clone());
    }
    if let Some(r) = vm.user_special(x, "__bytes__", &[])? {
        if as_bytes(&r).is_none() {
            let t = vm.type_name(&r);
            return Err(vm.new_error(ExcType::TypeError, format!("__bytes__ returned non-bytes (type {t})")));
        }
        return Ok(r);
    }
    if is_int(x) {
        return zeroed_bytes(vm, x);
    }
    let it = match vm.get_iter(x) {
        Ok(it) => it,
        Err(e) if vm.exc_matches(&e.exc, ExcType::TypeError) => {
            let t = vm.type_name(x);
            return Err(vm.new_error(ExcType::TypeError, format!("cannot convert '{t}' object to bytes")));
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    while let Some(item) = vm.iter_next(&it)? {
        if !is_int(&item) {
            let t = vm.type_name(&item);
            return Err(
                vm.new_error(ExcType::TypeError, format!("'{t}' object cannot be interpreted as an integer"))
            );
        }
        out.push(vm.byte_value(&item, "bytes must be in range(0, 256)")?);
    }
    vm.new_bytes(&out)
}

/// `bytes(n)`: `n` zero bytes.
fn zeroed_bytes(vm: &mut Vm, n: &ObjRef) -> PyResult {
    let Some(n) = as_i64(n) else {
        return Err(vm.new_error(ExcType::OverflowError, "cannot fit 'int' into an index-sized integer"));
    };
    let Ok(n) = usize::try_from(n) else {
        return Err(vm.new_error(ExcType::ValueError, "negative count"));
    };
    let mut data = Vec::new();
    if n > isize::MAX as usize - 33 || data.try_reserve_exact(n).is_err() {
        return Err(vm.new_error_noargs(ExcType::MemoryError));
    }
    data.resize(n, 0);
    vm.new_bytes_filled(&data)
}

/// The bytes of a bytes object.
#[inline]
pub fn as_bytes(obj: &ObjRef) -> Option<&[u8]> {
    obj.downcast_var::<BytesObject, u8>().map(|(_, b)| b)
}

/// The payload and bytes of a bytes object.
#[inline]
pub fn as_bytes_object(obj: &ObjRef) -> Option<(&BytesObject, &[u8])> {
    obj.downcast_var::<BytesObject, u8>()
}

/// Offset of the first occurrence of `sub` in `data` (an empty `sub` is at 0).
pub(crate) fn find_sub(data: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(0);
    }
    data.windows(sub.len()).position(|w| w == sub)
}

/// Offset of the last occurrence of `sub` in `data` (an empty `sub` is at the end).
pub(crate) fn rfind_sub(data: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(data.len());
    }
    data.windows(sub.len()).rposition(|w| w == sub)
}

/// CPython's `repr()` of a bytes object; one implementation, shared with `--dis`.
pub fn bytes_repr(data: &[u8]) -> String {
    refpy_compiler::dis::bytes_repr(data)
}
