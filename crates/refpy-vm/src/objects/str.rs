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
    /// Whether the string is in the interned table (`state.interned`), and who put it there.
    pub interned: Cell<Interned>,
    /// Made by a literal the compiler did not intern (longer than `SHORT_STRING_LIMIT` and
    /// not identifier-like): one object per occurrence. `refpy.why` tells it from a string
    /// built at run time.
    pub long_literal: Cell<bool>,
}

// The payload fills the 24 bytes between the header with `ob_size` and the text, which so
// starts at offset 48, CPython's ASCII header size: `str_basicsize` requests cover it.
const _: () = assert!(std::mem::size_of::<StrObject>() == 24);

/// Whether and why a string is interned. CPython's `state.interned` only says whether;
/// refpy also records who asked first, so that `refpy.why` can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interned {
    /// Not in the interned table.
    No,
    /// Interned by refpy itself ([`Vm::intern`]): a string literal under the compiler's
    /// rule, a name in the code, or a name the VM uses.
    ByRefpy,
    /// Interned at the program's request (`sys.intern`).
    BySysIntern,
}

impl StrObject {
    /// The payload of a new, uninterned string of `nchars` code points.
    pub fn new(nchars: usize) -> StrObject {
        StrObject {
            hash: Cell::new(-1),
            nchars,
            interned: Cell::new(Interned::No),
            long_literal: Cell::new(false),
        }
    }
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
        alloc_str(&self.types.str_, StrObject::new(nchars), s, str_basicsize(nchars, max_char))
            .map_err(|_| self.memory_error())
    }

    /// The object for a string literal of the code (`Vm::load_code`): the interned one, or
    /// a new object marked as a long literal when the compiler left it uninterned.
    pub(crate) fn literal_str(&mut self, value: &str, interned: bool) -> PyResult {
        if interned {
            return self.intern(value);
        }
        let o = self.alloc_new_str(value)?;
        if let Some((payload, _)) = o.downcast_str::<StrObject>() {
            payload.long_literal.set(true);
        }
        Ok(o)
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
        self.intern_as(&o, Interned::ByRefpy);
        Ok(o)
    }

    /// [`Vm::intern`] for a name in refpy's own code (`"__init__"`): a
    /// small cache keyed by the text's address spares the hash-table
    /// lookup on hot paths (calling a class, storing an attribute).
    #[inline]
    pub fn static_name(&mut self, s: &'static str) -> PyResult {
        let slot = (s.as_ptr() as usize >> 3) % self.static_names.len();
        if let Some((p, o)) = &self.static_names[slot] {
            if std::ptr::eq(*p, s) {
                return Ok(o.clone());
            }
        }
        let o = self.intern(s)?;
        self.static_names[slot] = Some((s, o.clone()));
        Ok(o)
    }

    /// Interns an existing string object, returning the canonical one
    /// (`sys.intern`).
    pub fn intern_object(&mut self, o: &ObjRef) -> ObjRef {
        self.intern_as(o, Interned::BySysIntern)
    }

    /// The canonical string equal to `o`: the one already interned, or `o`
    /// itself, entered in the table and marked with `how`.
    fn intern_as(&mut self, o: &ObjRef, how: Interned) -> ObjRef {
        let Some((payload, text)) = o.downcast_str::<StrObject>() else { return o.clone() };
        if let Some(existing) = self.interned.get(text) {
            return existing.clone();
        }
        payload.interned.set(how);
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
