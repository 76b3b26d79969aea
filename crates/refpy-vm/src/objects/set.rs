//! `set` and `frozenset`: CPython 3.11's open-addressing hash table
//! (`Objects/setobject.c`), so iteration order, `pop()` and the table sizes
//! behind `sys.getsizeof` are CPython's.
//!
//! ```text
//! SetTable
//!   small: [SetEntry; 8]        the inline table (PySet_MINSIZE), used while mask == 7
//!   big:   HeapVec<SetEntry>    an obmalloc block of mask + 1 entries otherwise
//!   SetEntry { key, hash }      unused: key None, hash 0
//!                               dummy:  key None, hash -1 (a deleted key)
//!                               active: key Some, hash of the key (never -1)
//! ```
//! Probing: start at `hash & mask`; look at the next `LINEAR_PROBES` (9)
//! entries too when they fit before the end of the table, then jump with
//! `perturb >>= 5; i = (i*5 + 1 + perturb) & mask`.
//!
//! Invariants: `used` counts active entries, `fill` active plus dummy ones;
//! after an insertion into an unused slot, `fill*5 >= mask*3` resizes the
//! table to the smallest power of two (at least 8) above
//! `used > 50000 ? used*2 : used*4`, dropping the dummies.
//!
//! Keys compare with [`keys_equal`], which never runs Python code, so a
//! lookup cannot see the table change under it and CPython's restart logic
//! is not needed. Nothing borrows a table while Python code runs.

use std::cell::{Cell, RefCell};

use refpy_heap::{alloc, AllocError, HeapVec, ObjRef};

use crate::errors::{ExcType, PyResult};
use crate::objects::dict::{as_dict, keys_equal};
use crate::types::Kind;
use crate::Vm;

/// `PySet_MINSIZE`: entries in the inline table.
pub const SET_MINSIZE: usize = 8;
/// Entries looked at one after another before jumping elsewhere.
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
/// `sizeof(PySetObject)` (the inline table included).
pub const SET_BASICSIZE: usize = 200;

/// One slot of the table (`setentry`, 16 bytes).
#[derive(Default)]
pub struct SetEntry {
    pub key: Option<ObjRef>,
    pub hash: i64,
}

impl SetEntry {
    fn is_unused(&self) -> bool {
        self.key.is_none() && self.hash == 0
    }
}

/// The hash table of a set or frozenset.
pub struct SetTable {
    /// Active plus dummy entries.
    fill: usize,
    /// Active entries (`len()`).
    used: usize,
    /// Table size minus one.
    mask: usize,
    /// Where `pop()` resumes its search.
    finger: usize,
    small: [SetEntry; SET_MINSIZE],
    big: HeapVec<SetEntry>,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable::new()
    }
}

impl SetTable {
    /// An empty table using the inline entries.
    pub fn new() -> SetTable {
        SetTable {
            fill: 0,
            used: 0,
            mask: SET_MINSIZE - 1,
            finger: 0,
            small: Default::default(),
            big: HeapVec::new(),
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.used
    }

    /// True when there are no keys.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn entries(&self) -> &[SetEntry] {
        if self.mask == SET_MINSIZE - 1 {
            &self.small
        } else {
            &self.big
        }
    }

    fn entries_mut(&mut self) -> &mut [SetEntry] {
        if self.mask == SET_MINSIZE - 1 {
            &mut self.small
        } else {
            &mut self.big
        }
    }

    /// `sys.getsizeof` without the GC head (`set_sizeof`).
    pub fn sizeof(&self) -> usize {
        let extra = if self.mask == SET_MINSIZE - 1 { 0 } else { 16 * (self.mask + 1) };
        SET_BASICSIZE + extra
    }

    /// Keys stored with hash `hash` (see `DictTable::keys_with_hash`).
    pub fn keys_with_hash(&self, hash: i64) -> Vec<ObjRef> {
        self.active().filter(|(_, h)| *h == hash).map(|(k, _)| k.clone()).collect()
    }

    /// Index of the active entry holding `key` (`set_lookkey`).
    pub fn find(&self, key: &ObjRef, hash: i64) -> Option<usize> {
        let entries = self.entries();
        let mask = self.mask;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for (j, e) in entries.iter().enumerate().take(i + probes + 1).skip(i) {
                if e.is_unused() {
                    return None;
                }
                if let Some(k) = &e.key {
                    if e.hash == hash && keys_equal(k, key) {
                        return Some(j);
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    /// True when `key` is in the table.
    pub fn contains(&self, key: &ObjRef, hash: i64) -> bool {
        self.find(key, hash).is_some()
    }

    /// Adds `key` (`set_add_entry`); `Ok(false)` when it was already there.
    pub fn insert(&mut self, key: ObjRef, hash: i64) -> Result<bool, AllocError> {
        let mask = self.mask;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        let mut freeslot = None;
        let unused = 'probe: loop {
            let entries = self.entries();
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for (j, e) in entries.iter().enumerate().take(i + probes + 1).skip(i) {
                match &e.key {
                    None if e.hash == 0 => break 'probe j,
                    Some(k) if e.hash == hash && keys_equal(k, &key) => return Ok(false),
                    None => freeslot = Some(j),
                    Some(_) => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        };
        self.used += 1;
        if let Some(f) = freeslot {
            self.entries_mut()[f] = SetEntry { key: Some(key), hash };
            return Ok(true);
        }
        self.fill += 1;
        self.entries_mut()[unused] = SetEntry { key: Some(key), hash };
        if self.fill * 5 >= mask * 3 {
            let used = self.used;
            self.resize(if used > 50000 { used * 2 } else { used * 4 })?;
        }
        Ok(true)
    }

    /// Removes `key` (`set_discard_entry`), returning it for the caller to
    /// drop once the table is no longer borrowed.
    pub fn discard(&mut self, key: &ObjRef, hash: i64) -> Option<ObjRef> {
        let i = self.find(key, hash)?;
        self.used -= 1;
        let e = &mut self.entries_mut()[i];
        e.hash = -1;
        e.key.take()
    }

    /// Rebuilds the table with the smallest size above `minused`
    /// (`set_table_resize`), dropping the dummies.
    pub fn resize(&mut self, minused: usize) -> Result<(), AllocError> {
        let mut newsize = SET_MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        if newsize == SET_MINSIZE && self.mask == SET_MINSIZE - 1 && self.fill == self.used {
            return Ok(());
        }
        let new_big = if newsize > SET_MINSIZE { new_entries(newsize)? } else { HeapVec::new() };
        let old_mask = self.mask;
        let mut old_small = std::mem::take(&mut self.small);
        let mut old_big = std::mem::replace(&mut self.big, new_big);
        self.mask = newsize - 1;
        self.fill = self.used;
        let old: &mut [SetEntry] = if old_mask == SET_MINSIZE - 1 { &mut old_small } else { &mut old_big };
        let mask = self.mask;
        let table = self.entries_mut();
        for e in old.iter_mut() {
            if let Some(k) = e.key.take() {
                insert_clean(table, mask, k, e.hash);
            }
        }
        drop(old_big);
        Ok(())
    }

    /// Rebuilds the table when more than a quarter of it is dummies (the
    /// end of `set_difference_update_internal`).
    pub fn purge_dummies(&mut self) -> Result<(), AllocError> {
        if self.fill - self.used <= self.mask / 4 {
            return Ok(());
        }
        let used = self.used;
        self.resize(if used > 50000 { used * 2 } else { used * 4 })
    }

    /// Adds every key of `other`, a different table (`set_merge`).
    pub fn merge(&mut self, other: &SetTable) -> Result<(), AllocError> {
        if other.used == 0 {
            return Ok(());
        }
        if (self.fill + other.used) * 5 >= self.mask * 3 {
            self.resize((self.used + other.used) * 2)?;
        }
        if self.fill == 0 && self.mask == other.mask && other.fill == other.used {
            for (dst, src) in self.entries_mut().iter_mut().zip(other.entries()) {
                if let Some(k) = &src.key {
                    *dst = SetEntry { key: Some(k.clone()), hash: src.hash };
                }
            }
            self.fill = other.fill;
            self.used = other.used;
            return Ok(());
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            let mask = self.mask;
            let table = self.entries_mut();
            for (k, h) in other.active() {
                insert_clean(table, mask, k.clone(), h);
            }
            return Ok(());
        }
        for (k, h) in other.active() {
            self.insert(k.clone(), h)?;
        }
        Ok(())
    }

    /// Removes and returns an arbitrary key, resuming after the last one
    /// popped (`set_pop`).
    pub fn pop(&mut self) -> Option<ObjRef> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask;
        let mut i = self.finger & mask;
        let entries = self.entries_mut();
        while entries[i].key.is_none() {
            i = if i == mask { 0 } else { i + 1 };
        }
        let key = entries[i].key.take();
        entries[i].hash = -1;
        self.used -= 1;
        self.finger = i + 1;
        key
    }

    /// Empties the table, returning its keys in table order for the caller
    /// to release afterwards (`set_clear_internal`).
    pub fn clear(&mut self) -> Vec<ObjRef> {
        let old = std::mem::take(self);
        old.active().map(|(k, _)| k.clone()).collect()
    }

    /// Active keys with their hashes, in table (iteration) order.
    pub fn active(&self) -> impl Iterator<Item = (&ObjRef, i64)> {
        self.entries().iter().filter_map(|e| e.key.as_ref().map(|k| (k, e.hash)))
    }

    /// Owned copies of the active keys and hashes.
    pub fn active_vec(&self) -> Vec<(ObjRef, i64)> {
        self.active().map(|(k, h)| (k.clone(), h)).collect()
    }

    /// The first active entry at index `pos` or later (`set_next`).
    pub fn next_from(&self, pos: usize) -> Option<(usize, ObjRef)> {
        let entries = self.entries();
        (pos..entries.len()).find_map(|i| entries[i].key.as_ref().map(|k| (i, k.clone())))
    }

    /// `frozenset_hash`: an order-independent combination of the entry hashes.
    pub fn frozen_hash(&self) -> i64 {
        let mut hash: u64 = 0;
        for e in self.entries() {
            hash ^= shuffle_bits(e.hash as u64);
        }
        if (self.mask + 1 - self.fill) & 1 != 0 {
            hash ^= shuffle_bits(0);
        }
        if (self.fill - self.used) & 1 != 0 {
            hash ^= shuffle_bits(u64::MAX);
        }
        hash ^= (self.used as u64 + 1).wrapping_mul(1_927_868_237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907_133_923);
        if hash == u64::MAX {
            hash = 590_923_713;
        }
        hash as i64
    }
}

/// A table of `size` unused entries in an obmalloc block.
fn new_entries(size: usize) -> Result<HeapVec<SetEntry>, AllocError> {
    let mut v = HeapVec::with_capacity(size)?;
    for _ in 0..size {
        let _ = v.push_within_capacity(SetEntry::default());
    }
    Ok(v)
}

/// Puts a key known to be absent into a table without dummies
/// (`set_insert_clean`).
fn insert_clean(table: &mut [SetEntry], mask: usize, key: ObjRef, hash: i64) {
    let mut i = (hash as u64 as usize) & mask;
    let mut perturb = hash as u64;
    loop {
        let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
        if let Some(j) = (i..=i + probes).find(|&j| table[j].key.is_none()) {
            table[j] = SetEntry { key: Some(key), hash };
            return;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
    }
}

/// `_shuffle_bits`: spreads nearby hash values before they are xor-ed.
fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
}

/// Payload of a `set` or `frozenset`.
pub struct SetObject {
    pub table: RefCell<SetTable>,
    /// A frozenset's cached hash, -1 until computed.
    pub hash: Cell<i64>,
}

/// Payload of a `set_iterator`: the set (dropped when exhausted), the size
/// it had when iteration began, the next table index and the items left.
pub struct SetIterator {
    pub set: RefCell<Option<ObjRef>>,
    pub used: Cell<usize>,
    pub pos: Cell<usize>,
    pub len: Cell<usize>,
}

/// `sizeof(setiterobject)`.
const SET_ITER_BASICSIZE: usize = 48;

/// The set payload, if `obj` is a set or frozenset.
#[inline]
pub fn as_set(obj: &ObjRef) -> Option<&SetObject> {
    obj.downcast::<SetObject>()
}

/// Equality of two sets by their keys, without running Python code.
pub fn sets_equal(a: &SetObject, b: &SetObject) -> bool {
    let (x, y) = (a.table.borrow(), b.table.borrow());
    let r = x.len() == y.len() && x.active().all(|(k, h)| y.contains(k, h));
    r
}

impl Vm {
    /// A new empty set, or frozenset when `frozen`.
    pub fn new_set(&mut self, frozen: bool) -> PyResult {
        let ty = if frozen { self.types.frozenset.clone() } else { self.types.set.clone() };
        let payload = SetObject { table: RefCell::new(SetTable::new()), hash: Cell::new(-1) };
        alloc(&ty, payload, SET_BASICSIZE).map_err(|_| self.memory_error())
    }

    /// A new set (or frozenset) of the keys of `iterable` (`make_new_set`).
    pub fn new_set_from(&mut self, frozen: bool, iterable: &ObjRef) -> PyResult {
        let s = self.new_set(frozen)?;
        self.set_update(&s, iterable)?;
        Ok(s)
    }

    /// A set (or frozenset) of `items` added in order (`BUILD_SET`, and
    /// frozenset constants).
    pub fn build_set(&mut self, items: Vec<ObjRef>, frozen: bool) -> PyResult {
        let s = self.new_set(frozen)?;
        for item in items {
            self.set_add(&s, item)?;
        }
        Ok(s)
    }

    /// A frozenset constant of `items`. CPython's compiler builds it from
    /// the items, then `merge_consts_recursive` rebuilds it from the set's
    /// iteration order, once when the constant is added and once more when
    /// the code's constants are merged (measured on 3.11.7). Colliding keys
    /// can land in other slots each time, so the final order is the one
    /// after two rebuilds.
    pub fn frozenset_constant(&mut self, items: Vec<ObjRef>) -> PyResult {
        let mut set = self.build_set(items, true)?;
        for _ in 0..2 {
            let order = as_set(&set).map_or_else(Vec::new, |s| s.table.borrow().active_vec());
            set = self.new_set(true)?;
            for (k, h) in order {
                self.set_add_hashed(&set, k, h)?;
            }
        }
        Ok(set)
    }

    /// `s.add(key)` (`PySet_Add`).
    pub fn set_add(&mut self, set: &ObjRef, key: ObjRef) -> PyResult<()> {
        let hash = self.hash(&key)?;
        let key = self.canonical_key(&key, || {
            as_set(set).map(|s| s.table.borrow().keys_with_hash(hash)).unwrap_or_default()
        })?;
        self.set_add_hashed(set, key, hash)
    }

    fn set_add_hashed(&mut self, set: &ObjRef, key: ObjRef, hash: i64) -> PyResult<()> {
        let s = as_set(set).expect("set_add target is a set");
        let r = s.table.borrow_mut().insert(key, hash);
        r.map(drop).map_err(|_| self.memory_error())
    }

    /// `key in s`.
    pub fn set_contains(&mut self, set: &ObjRef, key: &ObjRef) -> PyResult<bool> {
        let hash = self.hash(key)?;
        let key = self.canonical_key(key, || {
            as_set(set).map(|s| s.table.borrow().keys_with_hash(hash)).unwrap_or_default()
        })?;
        Ok(as_set(set).is_some_and(|s| s.table.borrow().contains(&key, hash)))
    }

    /// Removes `key`; `Ok(false)` when it was absent.
    pub fn set_discard(&mut self, set: &ObjRef, key: &ObjRef) -> PyResult<bool> {
        let hash = self.hash(key)?;
        let s = as_set(set).expect("set");
        let key = self.canonical_key(key, || s.table.borrow().keys_with_hash(hash))?;
        let removed = s.table.borrow_mut().discard(&key, hash);
        Ok(removed.is_some())
    }

    /// Adds every item of `other` (`set_update_internal`): a set is merged
    /// table to table, a dict's keys are added after one big resize, any
    /// other iterable item by item.
    pub fn set_update(&mut self, set: &ObjRef, other: &ObjRef) -> PyResult<()> {
        let s = as_set(set).expect("set_update target is a set");
        if let Some(o) = as_set(other) {
            if set.is(other) {
                return Ok(());
            }
            let r = s.table.borrow_mut().merge(&o.table.borrow());
            return r.map_err(|_| self.memory_error());
        }
        if let Some(d) = as_dict(other).filter(|_| self.kind(other) == Kind::Dict) {
            let keys: Vec<ObjRef> = d.table.borrow().items().map(|(k, _)| k.clone()).collect();
            let grow = {
                let t = s.table.borrow();
                ((t.fill + keys.len()) * 5 >= t.mask * 3).then_some((t.used + keys.len()) * 2)
            };
            if let Some(minused) = grow {
                s.table.borrow_mut().resize(minused).map_err(|_| self.memory_error())?;
            }
            for k in keys {
                self.set_add(set, k)?;
            }
            return Ok(());
        }
        let it = self.get_iter(other)?;
        while let Some(k) = self.iter_next(&it)? {
            self.set_add(set, k)?;
        }
        Ok(())
    }

    /// A set of the same kind as `like` holding a copy of its keys.
    pub fn set_copy(&mut self, like: &ObjRef) -> PyResult {
        let frozen = self.kind(like) == Kind::FrozenSet;
        self.new_set_from(frozen, like)
    }

    /// `hash(frozenset)`, cached.
    pub fn frozenset_hash(&mut self, fs: &SetObject) -> i64 {
        if fs.hash.get() == -1 {
            fs.hash.set(fs.table.borrow().frozen_hash());
        }
        fs.hash.get()
    }

    /// `repr(s)`: `set()`, `{1, 2}`, `frozenset({1, 2})`.
    pub fn set_repr(&mut self, set: &ObjRef) -> PyResult<String> {
        let name = self.type_name(set);
        let keys: Vec<ObjRef> = as_set(set)
            .map_or_else(Vec::new, |s| s.table.borrow().active().map(|(k, _)| k.clone()).collect());
        if keys.is_empty() {
            return Ok(format!("{name}()"));
        }
        self.enter_c(" while getting the repr of an object")?;
        let parts: PyResult<Vec<String>> = keys.iter().map(|k| self.repr_string(k)).collect();
        self.leave_c();
        let body = parts?.join(", ");
        Ok(if self.kind(set) == Kind::Set { format!("{{{body}}}") } else { format!("{name}({{{body}}})") })
    }

    /// `iter(s)`.
    pub fn new_set_iter(&mut self, set: &ObjRef) -> PyResult {
        let used = as_set(set).map_or(0, |s| s.table.borrow().len());
        let payload = SetIterator {
            set: RefCell::new(Some(set.clone())),
            used: Cell::new(used),
            pos: Cell::new(0),
            len: Cell::new(used),
        };
        let ty = self.types.set_iterator.clone();
        alloc(&ty, payload, SET_ITER_BASICSIZE).map_err(|_| self.memory_error())
    }

    /// `next()` of a set iterator.
    pub fn set_iter_next(&mut self, it: &ObjRef) -> PyResult<Option<ObjRef>> {
        let si = it.downcast::<SetIterator>().expect("set_iterator");
        let Some(set) = si.set.borrow().clone() else { return Ok(None) };
        let s = as_set(&set).expect("set");
        if s.table.borrow().len() != si.used.get() {
            si.used.set(usize::MAX);
            return Err(self.new_error(ExcType::RuntimeError, "Set changed size during iteration"));
        }
        let next = s.table.borrow().next_from(si.pos.get());
        match next {
            Some((i, key)) => {
                si.pos.set(i + 1);
                si.len.set(si.len.get().saturating_sub(1));
                Ok(Some(key))
            }
            None => {
                let done = si.set.borrow_mut().take();
                drop(done);
                Ok(None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `sys.getsizeof` of a set of `0..n` built by `add` (fact sheet §5:
    /// 216 up to 4 items, 728 at 5, 2264 at 19, 8408 at 77).
    fn size_after_adding(n: i64) -> usize {
        let mut vm = Vm::new(Vec::new(), Some(0));
        let s = vm.new_set(false).expect("set");
        for i in 0..n {
            let k = vm.new_int(i).expect("int");
            vm.set_add(&s, k).expect("add");
        }
        let size = 16 + as_set(&s).expect("set").table.borrow().sizeof();
        size
    }

    #[test]
    fn growth_matches_cpython_sizes() {
        assert_eq!(size_after_adding(0), 216);
        assert_eq!(size_after_adding(4), 216);
        assert_eq!(size_after_adding(5), 728);
        assert_eq!(size_after_adding(19), 2264);
        assert_eq!(size_after_adding(77), 8408);
    }

    #[test]
    fn fill_and_used_track_dummies() {
        let mut vm = Vm::new(Vec::new(), Some(0));
        let s = vm.new_set(false).expect("set");
        let keys: Vec<ObjRef> = (0..4).map(|i| vm.new_int(i).expect("int")).collect();
        for k in &keys {
            vm.set_add(&s, k.clone()).expect("add");
        }
        assert!(vm.set_discard(&s, &keys[1]).expect("discard"));
        let t = as_set(&s).expect("set").table.borrow();
        assert_eq!((t.used, t.fill), (3, 4));
        assert!(!t.contains(&keys[1], 1));
        assert!(t.contains(&keys[2], 2));
    }

    #[test]
    fn pop_resumes_after_the_finger() {
        let mut t = SetTable::new();
        let mut vm = Vm::new(Vec::new(), Some(0));
        for i in [3i64, 1, 2] {
            let k = vm.new_int(i).expect("int");
            t.insert(k, i).expect("insert");
        }
        let popped: Vec<i64> = std::iter::from_fn(|| t.pop())
            .map(|k| crate::objects::int::as_i64(&k).expect("small int"))
            .collect();
        assert_eq!(popped, vec![1, 2, 3]);
        assert!(t.is_empty());
    }
}
