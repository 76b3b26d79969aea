//! `dict`: CPython 3.11's compact, insertion-ordered hash table.
//!
//! ```text
//! DictTable
//!   indices: [i32; 2^log2_size]   slot → entry index, EMPTY (-1) or DUMMY (-2)
//!   entries: [Entry; usable]      in insertion order; deleted ones keep key = None
//! ```
//! Probing is CPython's: `i = hash & mask`, then `perturb >>= 5; i = (i*5 +
//! perturb + 1) & mask`. A table of `2^k` slots holds at most `2^k·2/3`
//! entries (`USABLE_FRACTION`); when that runs out the table is rebuilt with
//! `calculate_log2_keysize(3·used)` slots (`GROWTH_RATE`), dropping deleted
//! entries. A new `{}` has no table at all (CPython's shared empty keys).
//!
//! Difference from CPython, documented: the indices and the entries are two
//! obmalloc blocks instead of one keys block; `sys.getsizeof` is computed
//! from CPython's layout (`dict_sizeof`), so it still matches.
//!
//! Keys compare with [`keys_equal`], which handles the built-in key types
//! without running Python code; the table is therefore never borrowed
//! while Python code runs.

use std::cell::RefCell;

use refpy_heap::{alloc, HeapVec, ObjRef};

use crate::errors::{ExcType, PyResult};
use crate::objects::float::as_float;
use crate::objects::int::{as_i64, IntObject, IntValue};
use crate::objects::str::as_str;
use crate::objects::tuple::as_tuple;
use crate::Vm;

const DKIX_EMPTY: i32 = -1;
const DKIX_DUMMY: i32 = -2;
/// `PyDict_LOG_MINSIZE`: the smallest table has 8 slots.
const LOG_MINSIZE: u8 = 3;
/// `sizeof(PyDictObject)`.
const DICT_BASICSIZE: usize = 48;

/// One key/value pair; `key == None` marks a deleted entry.
pub struct Entry {
    pub hash: i64,
    pub key: Option<ObjRef>,
    pub value: Option<ObjRef>,
}

/// The hash table of a dict.
pub struct DictTable {
    /// log2 of the number of index slots; 0 while there is no table.
    log2_size: u8,
    indices: HeapVec<i32>,
    entries: HeapVec<Entry>,
    /// Live items (`ma_used`).
    used: usize,
    /// True while every key ever inserted is a `str` (`DICT_KEYS_UNICODE`).
    unicode_keys: bool,
    /// CPython's `dk_version`: unique across dicts, 0 until someone asks for
    /// it, reset to 0 whenever the set of keys or their positions change.
    /// `LOAD_GLOBAL`'s cache relies on it (values may change freely).
    keys_version: u64,
}

thread_local! {
    static NEXT_KEYS_VERSION: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

/// Payload of a dict.
pub struct DictObject {
    pub table: RefCell<DictTable>,
}

/// `USABLE_FRACTION(n)`.
fn usable_fraction(n: usize) -> usize {
    (n << 1) / 3
}

/// `calculate_log2_keysize(minsize)`.
fn log2_keysize(minsize: usize) -> u8 {
    let mut log2 = LOG_MINSIZE;
    while (1usize << log2) < minsize {
        log2 += 1;
    }
    log2
}

impl Default for DictTable {
    fn default() -> Self {
        DictTable::new()
    }
}

impl DictTable {
    /// An empty table without storage (`PyDict_New`).
    pub fn new() -> DictTable {
        DictTable {
            log2_size: 0,
            indices: HeapVec::new(),
            entries: HeapVec::new(),
            used: 0,
            unicode_keys: true,
            keys_version: 0,
        }
    }

    /// Number of live items.
    pub fn len(&self) -> usize {
        self.used
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Number of entry slots in use, including deleted ones (`dk_nentries`):
    /// the bound for iteration by index.
    pub fn nentries(&self) -> usize {
        self.entries.len()
    }

    /// The live item at entry index `i`, if any.
    pub fn entry(&self, i: usize) -> Option<(&ObjRef, &ObjRef)> {
        let e = self.entries.get(i)?;
        Some((e.key.as_ref()?, e.value.as_ref()?))
    }

    /// All keys are `str` (`DK_IS_UNICODE`): traversal visits only the values.
    pub fn has_unicode_keys(&self) -> bool {
        self.unicode_keys
    }

    /// The entry index of `key`, if present (a stable location until the
    /// set of keys changes: the type attribute cache relies on it).
    pub fn index_of(&self, key: &ObjRef, hash: i64) -> Option<usize> {
        self.find_slot(key, hash).1
    }

    /// Live items in insertion order.
    pub fn items(&self) -> impl Iterator<Item = (&ObjRef, &ObjRef)> {
        self.entries.iter().filter_map(|e| Some((e.key.as_ref()?, e.value.as_ref()?)))
    }

    /// `sys.getsizeof` of a dict with this table (`dict_sizeof`, without the GC head).
    pub fn sizeof(&self) -> usize {
        if self.log2_size == 0 {
            return DICT_BASICSIZE;
        }
        let size = 1usize << self.log2_size;
        let index_bytes = if size <= 0x80 {
            1
        } else if size <= 0x8000 {
            2
        } else if size <= 0x8000_0000 {
            4
        } else {
            8
        };
        let entry_bytes = if self.unicode_keys { 16 } else { 24 };
        DICT_BASICSIZE + 32 + size * index_bytes + usable_fraction(size) * entry_bytes
    }

    /// Whether CPython copies this whole table into an empty dict that it is
    /// merged into (`dict_merge`: no deleted entry, not oversized), which
    /// leaves the target tracked exactly when the source is.
    pub fn merges_whole(&self) -> bool {
        self.used == self.entries.len()
            && (self.log2_size <= LOG_MINSIZE || usable_fraction((1usize << self.log2_size) / 2) < self.used)
    }

    /// Whether `dict.copy()` copies this whole table (`PyDict_Copy`'s fast
    /// case: not empty, at most a third of the entries deleted), which
    /// leaves the copy tracked exactly when the source is.
    pub fn copies_whole(&self) -> bool {
        self.used > 0 && self.used >= self.entries.len() * 2 / 3
    }

    /// The keys version, assigning a fresh one if needed (`_PyDictKeys_GetVersionForCurrentState`).
    pub fn keys_version(&mut self) -> u64 {
        if self.keys_version == 0 {
            self.keys_version = NEXT_KEYS_VERSION.with(|n| {
                let v = n.get();
                n.set(v + 1);
                v
            });
        }
        self.keys_version
    }

    /// The keys version without assigning one (0 = none).
    #[inline]
    pub fn current_keys_version(&self) -> u64 {
        self.keys_version
    }

    /// The value at entry index `ix` (for version-checked caches).
    #[inline]
    pub fn value_at(&self, ix: usize) -> Option<ObjRef> {
        self.entries.get(ix).and_then(|e| e.value.clone())
    }

    /// Entry index of `key`, or `None`.
    pub fn lookup(&self, key: &ObjRef, hash: i64) -> Option<usize> {
        self.find_slot(key, hash).1
    }

    /// Walks the probe sequence: returns the first slot that is empty (for
    /// insertion) and the entry index of `key` if present.
    fn find_slot(&self, key: &ObjRef, hash: i64) -> (usize, Option<usize>) {
        if self.log2_size == 0 {
            return (0, None);
        }
        let mask = (1usize << self.log2_size) - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let ix = self.indices[i];
            if ix == DKIX_EMPTY {
                return (i, None);
            }
            if ix >= 0 {
                let e = &self.entries[ix as usize];
                if let Some(k) = &e.key {
                    if e.hash == hash && (k.is(key) || keys_equal(k, key)) {
                        return (i, Some(ix as usize));
                    }
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
    }

    /// Keys stored with hash `hash` (for equality that needs Python code,
    /// compared by the VM outside any borrow of the table).
    pub fn keys_with_hash(&self, hash: i64) -> Vec<ObjRef> {
        self.entries.iter().filter(|e| e.hash == hash).filter_map(|e| e.key.clone()).collect()
    }

    /// The value for `key`.
    pub fn get(&self, key: &ObjRef, hash: i64) -> Option<ObjRef> {
        let ix = self.lookup(key, hash)?;
        self.entries[ix].value.clone()
    }

    /// Sets `key` to `value`. Returns the replaced value, which the caller
    /// drops after releasing the borrow (dropping can free objects).
    pub fn insert(
        &mut self,
        key: ObjRef,
        hash: i64,
        value: ObjRef,
    ) -> Result<Option<ObjRef>, refpy_heap::AllocError> {
        if let (_, Some(ix)) = self.find_slot(&key, hash) {
            return Ok(self.entries[ix].value.replace(value));
        }
        let unicode = self.unicode_keys && as_str(&key).is_some();
        if self.entries.len() == self.entries.capacity() {
            self.resize(log2_keysize(self.used * 3), unicode)?;
        }
        self.unicode_keys = unicode;
        self.keys_version = 0;
        let (slot, _) = self.find_slot(&key, hash);
        self.indices[slot] = self.entries.len() as i32;
        let _ = self.entries.push_within_capacity(Entry { hash, key: Some(key), value: Some(value) });
        self.used += 1;
        Ok(None)
    }

    /// Removes `key`, returning its key and value objects for the caller to drop.
    pub fn remove(&mut self, key: &ObjRef, hash: i64) -> Option<(ObjRef, ObjRef)> {
        let (slot, ix) = self.find_slot(key, hash);
        let ix = ix?;
        self.keys_version = 0;
        self.indices[slot] = DKIX_DUMMY;
        self.used -= 1;
        let e = &mut self.entries[ix];
        Some((e.key.take()?, e.value.take()?))
    }

    /// Removes every item, returning the old table; the caller drops it, which
    /// releases the items in insertion order, as CPython's `PyDict_Clear`.
    pub fn clear(&mut self) -> DictTable {
        std::mem::take(self)
    }

    /// Rebuilds the table with `2^log2` slots, keeping live entries in order.
    /// The new storage comes from the keys free list when it can; the old
    /// storage goes back to it when it can (`dictresize`).
    fn resize(&mut self, log2: u8, unicode: bool) -> Result<(), refpy_heap::AllocError> {
        let size = 1usize << log2;
        let (mut indices, mut entries) = new_keys(log2, unicode)?;
        let mask = size - 1;
        for e in self.entries.drain_to_vec(0, usize::MAX) {
            if e.key.is_none() {
                continue;
            }
            let mut perturb = e.hash as u64;
            let mut i = (e.hash as u64 as usize) & mask;
            while indices[i] != DKIX_EMPTY {
                perturb >>= 5;
                i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
            }
            indices[i] = entries.len() as i32;
            let _ = entries.push_within_capacity(e);
        }
        let old =
            (std::mem::replace(&mut self.indices, indices), std::mem::replace(&mut self.entries, entries));
        free_keys(self.log2_size, self.unicode_keys, old);
        self.log2_size = log2;
        Ok(())
    }
}

/// A table's storage: the index slots and the entries (CPython's one keys block).
type Keys = (HeapVec<i32>, HeapVec<Entry>);

thread_local! {
    /// Storage of dead minimum-size tables with only `str` keys, for the next
    /// such table: CPython's dict-keys free list (`keys_free_list`).
    static KEYS_FREE_LIST: RefCell<Vec<Keys>> = const { RefCell::new(Vec::new()) };
}

/// `PyDict_MAXFREELIST` for keys.
const KEYS_MAXFREELIST: usize = 80;

/// Empty storage for a table of `2^log2` slots, all EMPTY (`new_keys_object`):
/// from the keys free list for a minimum-size table with only `str` keys.
fn new_keys(log2: u8, unicode: bool) -> Result<Keys, refpy_heap::AllocError> {
    let size = 1usize << log2;
    let kept =
        (log2 == LOG_MINSIZE && unicode).then(|| KEYS_FREE_LIST.with(|f| f.borrow_mut().pop())).flatten();
    let (mut indices, entries) = match kept {
        Some(keys) => keys,
        None => (HeapVec::with_capacity(size)?, HeapVec::with_capacity(usable_fraction(size))?),
    };
    for _ in 0..size {
        let _ = indices.push_within_capacity(DKIX_EMPTY);
    }
    Ok((indices, entries))
}

/// Releases the storage of a table of `2^log2` slots whose items are gone
/// (`free_keys_object`): a minimum-size one with only `str` keys is kept on
/// the keys free list while it has room.
fn free_keys(log2: u8, unicode: bool, (mut indices, mut entries): Keys) {
    if log2 != LOG_MINSIZE || !unicode {
        return;
    }
    while indices.pop().is_some() {}
    while entries.pop().is_some() {}
    KEYS_FREE_LIST.with(|f| {
        let mut f = f.borrow_mut();
        if f.len() < KEYS_MAXFREELIST {
            f.push((indices, entries));
        }
    });
}

/// Frees the kept table storage (`_PyDict_ClearFreeList`, at the end of a
/// full collection, after the heap cleared the dict objects' free list).
pub fn clear_keys_free_list() {
    let kept = KEYS_FREE_LIST.with(|f| std::mem::take(&mut *f.borrow_mut()));
    // From the top, as CPython pops them.
    for keys in kept.into_iter().rev() {
        drop(keys);
    }
}

impl Drop for DictTable {
    /// CPython's `free_keys_object`: each entry's key then value, first entry
    /// to last (a plain `HeapVec` drop would go last to first), then the
    /// storage, freed or kept on the keys free list.
    fn drop(&mut self) {
        for e in self.entries.iter_mut() {
            drop(e.key.take());
            drop(e.value.take());
        }
        let keys = (std::mem::take(&mut self.indices), std::mem::take(&mut self.entries));
        free_keys(self.log2_size, self.unicode_keys, keys);
    }
}

/// Equality of two dict keys without running Python code: ints, floats and
/// bools by numeric value, strings by text, tuples item by item; any other
/// pair only when identical.
pub fn keys_equal(a: &ObjRef, b: &ObjRef) -> bool {
    if a.is(b) {
        return true;
    }
    if let (Some(x), Some(y)) = (as_str(a), as_str(b)) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (crate::objects::bytes::as_bytes(a), crate::objects::bytes::as_bytes(b)) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (as_tuple(a), as_tuple(b)) {
        return x.len() == y.len() && x.iter().zip(y).all(|(p, q)| keys_equal(p, q));
    }
    if let (Some(x), Some(y)) = (crate::objects::set::as_set(a), crate::objects::set::as_set(b)) {
        return crate::objects::set::sets_equal(x, y);
    }
    if let Some(eq) = crate::objects::weakref::weakref_keys_equal(a, b) {
        return eq;
    }
    numeric_equal(a, b).unwrap_or(false)
}

/// `a == b` for two numbers (int, bool, float), `None` if either is not one.
pub fn numeric_equal(a: &ObjRef, b: &ObjRef) -> Option<bool> {
    match (a.downcast::<IntObject>(), b.downcast::<IntObject>()) {
        (Some(IntObject(IntValue::Small(x))), Some(IntObject(IntValue::Small(y)))) => Some(x == y),
        (Some(IntObject(IntValue::Big(x))), Some(IntObject(IntValue::Big(y)))) => Some(x == y),
        (Some(_), Some(_)) => Some(false),
        _ => {
            let fx = as_float(a);
            let fy = as_float(b);
            match (fx, fy) {
                (Some(x), Some(y)) => Some(x == y),
                (Some(x), None) => int_float_equal(b, x),
                (None, Some(y)) => int_float_equal(a, y),
                (None, None) => None,
            }
        }
    }
}

/// Exact comparison of an int object with a float (no rounding of the int).
fn int_float_equal(i: &ObjRef, f: f64) -> Option<bool> {
    if let Some(v) = as_i64(i) {
        // i64 → i128 and an integral float within range compare exactly.
        return Some(f.fract() == 0.0 && f.abs() < 1.8e19 && (f as i128) == i128::from(v));
    }
    let big = crate::objects::int::as_bigint(i)?;
    use num_traits::FromPrimitive;
    Some(f.is_finite() && f.fract() == 0.0 && num_bigint::BigInt::from_f64(f).is_some_and(|fb| fb == big))
}

impl Vm {
    /// For a key whose `__eq__` is written in Python: the stored key equal to
    /// it, found by calling `__eq__` on the candidates with the same hash
    /// while the table is not borrowed (the table itself only compares
    /// identity for such keys). Other keys are returned as they are.
    pub(crate) fn canonical_key(
        &mut self,
        key: &ObjRef,
        candidates: impl FnOnce() -> Vec<ObjRef>,
    ) -> PyResult<ObjRef> {
        if !self.is_heap_instance(key) {
            return Ok(key.clone());
        }
        for k in candidates() {
            if k.is(key) || self.equal(&k, key)? {
                return Ok(k);
            }
        }
        Ok(key.clone())
    }

    /// `del owner.name` on the namespace dict `d` of a module, class,
    /// instance or function: the entry goes, or CPython's `AttributeError`
    /// about `owner` when there is none.
    pub(crate) fn namespace_delete(&mut self, owner: &ObjRef, d: &ObjRef, name: &ObjRef) -> PyResult<()> {
        let hash = self.hash(name)?;
        let removed = as_dict(d).expect("namespace dict").table.borrow_mut().remove(name, hash);
        match removed {
            Some(kv) => {
                drop(kv);
                Ok(())
            }
            None => Err(self.attribute_error(owner, as_str(name).unwrap_or(""))),
        }
    }

    /// A new empty dict (`PyDict_New`): untracked until it holds something
    /// that may be tracked (see [`Vm::dict_set`]).
    pub fn new_dict(&mut self) -> PyResult {
        alloc(&self.types.dict, DictObject { table: RefCell::new(DictTable::new()) }, DICT_BASICSIZE)
            .map_err(|_| self.memory_error())
    }

    /// `d[key] = value` on the dict object `d` (`PyDict_SetItem`). An
    /// untracked dict starts being tracked when `key` or `value` may be
    /// tracked (`MAINTAIN_TRACKING`); removing it later does not untrack.
    pub fn dict_set(&mut self, d: &ObjRef, key: ObjRef, value: ObjRef) -> PyResult<()> {
        let Some(dict) = as_dict(d) else {
            return Err(self.new_error(ExcType::SystemError, "bad argument to internal function"));
        };
        let track = !d.is_tracked() && (key.may_be_tracked() || value.may_be_tracked());
        self.dict_insert(dict, key, value)?;
        if track {
            d.track();
        }
        Ok(())
    }

    /// `d[key] = value` without `MAINTAIN_TRACKING`: only for an instance
    /// dict standing in for CPython 3.11's values array, which stays
    /// untracked and is visited through its instance (`gc_support`).
    pub(crate) fn dict_insert(&mut self, d: &DictObject, key: ObjRef, value: ObjRef) -> PyResult<()> {
        let hash = self.hash(&key)?;
        let key = self.canonical_key(&key, || d.table.borrow().keys_with_hash(hash))?;
        let old = d.table.borrow_mut().insert(key, hash, value);
        match old {
            Ok(old) => {
                drop(old);
                Ok(())
            }
            Err(_) => Err(self.memory_error()),
        }
    }

    /// `d.get(key)`: `Ok(None)` when missing.
    pub fn dict_get(&mut self, d: &DictObject, key: &ObjRef) -> PyResult<Option<ObjRef>> {
        let hash = self.hash(key)?;
        let key = self.canonical_key(key, || d.table.borrow().keys_with_hash(hash))?;
        Ok(d.table.borrow().get(&key, hash))
    }

    /// Lookup by a Rust string (globals, builtins, keyword arguments).
    pub fn dict_get_str(&mut self, d: &DictObject, key: &str) -> PyResult<Option<ObjRef>> {
        let k = self.new_str(key)?;
        self.dict_get(d, &k)
    }

    /// `d[key] = value` with a Rust string key (interned, as names are).
    pub fn dict_set_str(&mut self, d: &ObjRef, key: &str, value: ObjRef) -> PyResult<()> {
        let k = self.intern(key)?;
        self.dict_set(d, k, value)
    }
}

/// The dict payload, if `obj` is a dict.
#[inline]
pub fn as_dict(obj: &ObjRef) -> Option<&DictObject> {
    obj.downcast::<DictObject>()
}
