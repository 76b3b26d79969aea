//! The type attribute cache (CPython's method cache in `_PyType_Lookup`):
//! where along a class's MRO a name was found, so that attribute access on
//! instances does not walk every class dict each time.
//!
//! An entry is keyed by the class's and the name's addresses and remembers
//! a *location* (MRO position and dict entry index), never a reference: the
//! cache owns nothing, so refcounts are untouched. A hit re-reads the entry
//! and checks its key is still the name. Only interned names are cached
//! (they never die, so an address always means the same name). Any change to
//! the set of keys of a class dict, any new class and any freed class bump
//! the version, which empties the cache. Known limit: storing into
//! `C.__dict__` directly (it is the real dict in refpy, a read-only proxy in
//! CPython) is not seen.

use std::sync::atomic::{AtomicU64, Ordering};

use refpy_heap::ObjRef;

use crate::objects::function::BuiltinFn;

/// Number of entries (a power of two).
const SIZE: usize = 4096;

/// Bumped by [`invalidate`]; entries of older versions are stale. Global
/// (a plain load on the hot path); interpreters in other threads only make
/// each other's caches miss more.
static VERSION: AtomicU64 = AtomicU64::new(1);

/// Makes every cached lookup stale: a class dict gained or lost a key, or
/// a class was created or freed.
pub(crate) fn invalidate() {
    VERSION.fetch_add(1, Ordering::Relaxed);
}

/// Where a lookup found the name.
#[derive(Clone, Copy)]
pub(crate) enum Found {
    /// In no class dict and no built-in table.
    Nothing,
    /// In the dict of the class at `mro` in the MRO, at entry `index`.
    Dict { mro: u32, index: u32 },
    /// A built-in method of a built-in class on the MRO.
    Builtin(&'static str, BuiltinFn),
}

#[derive(Clone, Copy)]
struct Entry {
    version: u64,
    ty: usize,
    name: usize,
    found: Found,
}

/// The cache itself, one per interpreter.
pub(crate) struct TypeCache {
    entries: Vec<Entry>,
}

impl TypeCache {
    /// An empty cache.
    pub(crate) fn new() -> TypeCache {
        let empty = Entry { version: 0, ty: 0, name: 0, found: Found::Nothing };
        TypeCache { entries: vec![empty; SIZE] }
    }

    fn slot(ty: &ObjRef, name: &ObjRef) -> usize {
        let h = (ty.id() >> 4).wrapping_mul(31) ^ (name.id() >> 4);
        h & (SIZE - 1)
    }

    /// The cached location of `name` on `ty`, if current.
    #[inline]
    pub(crate) fn get(&self, ty: &ObjRef, name: &ObjRef) -> Option<Found> {
        let e = &self.entries[Self::slot(ty, name)];
        let current = VERSION.load(Ordering::Relaxed);
        (e.version == current && e.ty == ty.id() && e.name == name.id()).then_some(e.found)
    }

    /// Remembers where `name` was found on `ty`.
    pub(crate) fn put(&mut self, ty: &ObjRef, name: &ObjRef, found: Found) {
        let version = VERSION.load(Ordering::Relaxed);
        self.entries[Self::slot(ty, name)] = Entry { version, ty: ty.id(), name: name.id(), found };
    }
}
