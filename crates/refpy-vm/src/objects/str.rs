//! `str`: UTF-8 text stored inline after a small payload.
//!
//! CPython 3.11 stores strings in PEP 393 form (1, 2 or 4 bytes per code
//! point); refpy stores UTF-8 but asks the allocator for CPython's size, so
//! blocks and `sys.getsizeof` match: 48 + len + 1 bytes for ASCII, 72 + len + 1
//! for Latin-1, 72 + 2·(len + 1) for UCS-2 and 72 + 4·(len + 1) for UCS-4.
//!
//! Identity rules (DESIGN.md, fact sheet §6): `''` and the 256 one-character
//! Latin-1 strings are cached; interned strings live in `Vm::interned`.

use std::cell::Cell;

use refpy_heap::{alloc_str, ObjRef};

use crate::errors::PyResult;
use crate::Vm;

/// Payload of a `str`.
pub struct StrObject {
    /// Cached `hash()`, -1 until computed (`PyASCIIObject.hash`).
    pub hash: Cell<i64>,
    /// Length in code points (`len(s)`).
    pub nchars: usize,
    /// Set once the string is in the interned table (`state.interned`).
    pub interned: Cell<bool>,
}

/// CPython 3.11's allocation size for a string of `nchars` code points whose
/// largest code point is `max_char` (`PyUnicode_New`).
pub fn str_basicsize(nchars: usize, max_char: u32) -> usize {
    match max_char {
        0..=0x7f => 48 + nchars + 1,
        0x80..=0xff => 72 + nchars + 1,
        0x100..=0xffff => 72 + 2 * (nchars + 1),
        _ => 72 + 4 * (nchars + 1),
    }
}

impl Vm {
    /// A string object with text `s`: the cached object for `''` and one
    /// Latin-1 character, otherwise a new object.
    pub fn new_str(&mut self, s: &str) -> PyResult {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (None, _) => return Ok(self.empty_str.clone()),
            (Some(c), None) if (c as u32) < 256 => return Ok(self.latin1[c as usize].clone()),
            _ => {}
        }
        self.alloc_new_str(s)
    }

    /// Allocates a fresh string object, bypassing every cache.
    pub(crate) fn alloc_new_str(&mut self, s: &str) -> PyResult {
        let (nchars, max_char) = if s.is_ascii() {
            (s.len(), 0)
        } else {
            s.chars().fold((0, 0), |(n, m), c| (n + 1, m.max(c as u32)))
        };
        let payload = StrObject { hash: Cell::new(-1), nchars, interned: Cell::new(false) };
        alloc_str(&self.types.str_, payload, s, str_basicsize(nchars, max_char))
            .map_err(|_| self.memory_error())
    }

    /// The interned string equal to `s` (`PyUnicode_InternFromString`).
    pub fn intern(&mut self, s: &str) -> PyResult {
        if let Some(o) = self.interned.get(s) {
            return Ok(o.clone());
        }
        // CPython 3.11 quirk (fact sheet §6): an interned one-character ASCII
        // string is a separate object from the one-character cache, so
        // `chr(97) is 'a'` is False; non-ASCII Latin-1 literals are not
        // interned there and *are* the cached object.
        let o = if s.len() == 1 { self.alloc_new_str(s)? } else { self.new_str(s)? };
        self.intern_object(&o);
        Ok(o)
    }

    /// Interns an existing string object, returning the canonical one
    /// (`sys.intern`).
    pub fn intern_object(&mut self, o: &ObjRef) -> ObjRef {
        let Some((payload, text)) = o.downcast_str::<StrObject>() else { return o.clone() };
        if let Some(existing) = self.interned.get(text) {
            return existing.clone();
        }
        payload.interned.set(true);
        self.interned.insert(text.into(), o.clone());
        o.clone()
    }
}

/// The text of a string object.
#[inline]
pub fn as_str(obj: &ObjRef) -> Option<&str> {
    obj.downcast_str::<StrObject>().map(|(_, s)| s)
}

/// The payload and text of a string object.
#[inline]
pub fn as_str_object(obj: &ObjRef) -> Option<(&StrObject, &str)> {
    obj.downcast_str::<StrObject>()
}

/// CPython's `repr()` of a string (quotes, escapes, non-printable code
/// points as `\xNN`/`\uNNNN`/`\UNNNNNNNN`); one implementation, in `num`.
pub fn str_repr(s: &str) -> String {
    crate::num::py_repr_str(s)
}
