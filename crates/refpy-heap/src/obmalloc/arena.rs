//! Arenas: ARENA_SIZE bytes from the system allocator, cut into MAX_POOLS_IN_ARENA pools.
//!
//! ```text
//!  arenas[] (descriptor vector)         one arena (1 MiB, ARENA_SIZE-aligned)
//!  +-------------+                      +--------+--------+-----+--------+------------+
//!  | ArenaObject | --- address -------> | pool 0 | pool 1 | ... | pool k | never      |
//!  +-------------+                      +--------+--------+-----+--------+ carved ... |
//!  | ArenaObject |                                                 ^ pool_address
//!  |     ...     |
//! ```
//!
//! **States of a descriptor** (which list its `nextarena`/`prevarena` belong to):
//! - *unused*: `address` is null, and the descriptor is on the singly linked
//!   `unused_arena_objects` list. A descriptor is on that list **if and only if** its
//!   `address` is null.
//! - *usable*: the arena has `0 < nfreepools`; it is on the doubly linked `usable_arenas`
//!   list, which is **sorted by ascending `nfreepools`**. Allocation always takes a pool from
//!   the head, i.e. from the most used arena that still has room, which gives nearly empty
//!   arenas a chance to drain completely and be returned to the system.
//! - *full*: `nfreepools == 0`; on no list, links null.
//!
//! `nfreepools` counts carved empty pools (on `freepools`) plus pools never carved (from
//! `pool_address` to the end). `nfp2lasta[n]` is the rightmost (last) arena of
//! `usable_arenas` with `n` free pools, or null when there is none; it keeps the list sorted
//! in O(1) when an arena gains a free pool (bpo-37029): the arena moves right behind
//! `nfp2lasta[old n]`.
//!
//! **Release.** When every pool of an arena is empty, the arena is returned to the system
//! unless it is the last arena of `usable_arenas` (bpo-37257): keeping one wholly free arena
//! stops a loop that allocates and frees one object from allocating and releasing an arena
//! each time. Hence at most one wholly free arena exists, and it is the tail of the list.
//!
//! **address_in_range.** refpy asks `std::alloc` for arenas aligned to ARENA_SIZE, so
//! `p & !ARENA_SIZE_MASK` is the only arena that can contain `p`; [`ArenaMap`], an
//! open-addressing hash set of live arena bases, answers whether that arena exists. The
//! answer is exact and never reads memory the allocator does not own. (CPython's arenas are
//! mmapped, only page-aligned, so it keeps a radix tree over address bits and loses one pool
//! per arena to alignment; refpy loses none, and reports 0 bytes lost to arena alignment.)

use std::alloc::{alloc, dealloc, realloc, Layout};
use std::ptr::{self, NonNull};

use super::pool::{PoolHeader, DUMMY_SIZE_IDX};
use super::size_class::{
    ARENA_BITS, ARENA_SIZE, ARENA_SIZE_MASK, INITIAL_ARENA_OBJECTS, MAX_POOLS_IN_ARENA, POOL_SIZE,
};
use super::Obmalloc;

/// CPython's `struct arena_object`: the descriptor of one arena, kept in the `arenas` vector.
#[repr(C)]
pub(super) struct ArenaObject {
    /// Base of the arena's ARENA_SIZE bytes; null if and only if the descriptor is unused.
    pub(super) address: *mut u8,
    /// The next pool to carve; pools below it have been carved at least once.
    pub(super) pool_address: *mut u8,
    /// Empty pools: carved ones on `freepools` plus those never carved.
    pub(super) nfreepools: u32,
    /// Pools in this arena (always MAX_POOLS_IN_ARENA: refpy's arenas are aligned).
    pub(super) ntotalpools: u32,
    /// Singly linked (through `nextpool`) LIFO list of carved empty pools.
    pub(super) freepools: *mut PoolHeader,
    /// Next arena in `usable_arenas` (usable) or in `unused_arena_objects` (unused); else null.
    pub(super) nextarena: *mut ArenaObject,
    /// Previous arena in `usable_arenas` (usable, null at the head); else null.
    pub(super) prevarena: *mut ArenaObject,
}

/// Layout of one arena's memory: ARENA_SIZE bytes at ARENA_SIZE alignment.
fn arena_layout() -> Layout {
    // ARENA_SIZE is a power of two and far below isize::MAX.
    Layout::from_size_align(ARENA_SIZE, ARENA_SIZE).unwrap()
}

impl Obmalloc {
    /// Index of the descriptor `ao` in the `arenas` vector.
    ///
    /// # Safety
    /// `ao` points into the `arenas` vector.
    pub(super) unsafe fn arena_index(&self, ao: *mut ArenaObject) -> u32 {
        // SAFETY: both pointers are into the same `arenas` allocation (caller).
        unsafe { ao.offset_from(self.arenas) as u32 }
    }

    /// Allocates a new arena and returns its descriptor, in the usable state with all pools
    /// free but not yet linked into `usable_arenas`. `None` when the system is out of memory.
    /// Called only when `usable_arenas` is empty (CPython's `new_arena`).
    #[inline(never)]
    pub(super) fn new_arena(&mut self) -> Option<*mut ArenaObject> {
        debug_assert!(self.usable_arenas.is_null());
        if self.unused_arena_objects.is_null() {
            self.grow_arenas()?;
        }
        // SAFETY: the layout has a non-zero size.
        let address = unsafe { alloc(arena_layout()) };
        if address.is_null() {
            return None;
        }
        if !self.arena_map.insert(address.addr()) {
            // SAFETY: `address` was just allocated with this layout and is not in use.
            unsafe { dealloc(address, arena_layout()) };
            return None;
        }
        let ao = self.unused_arena_objects;
        // SAFETY: `ao` is the head of `unused_arena_objects`, an entry of the `arenas` vector.
        unsafe {
            self.unused_arena_objects = (*ao).nextarena;
            ao.write(ArenaObject {
                address,
                pool_address: address,
                nfreepools: MAX_POOLS_IN_ARENA as u32,
                ntotalpools: MAX_POOLS_IN_ARENA as u32,
                freepools: ptr::null_mut(),
                nextarena: ptr::null_mut(),
                prevarena: ptr::null_mut(),
            });
        }
        self.narenas_currently_allocated += 1;
        self.ntimes_arena_allocated += 1;
        self.narenas_highwater = self.narenas_highwater.max(self.narenas_currently_allocated);
        Some(ao)
    }

    /// Doubles the `arenas` vector (16 entries at first) and puts the new descriptors on
    /// `unused_arena_objects`. Moving the vector is safe because it happens only when no
    /// list points into it: `unused_arena_objects` and `usable_arenas` are empty (so is
    /// `nfp2lasta`), and pools name their arena by index.
    fn grow_arenas(&mut self) -> Option<()> {
        debug_assert!(self.unused_arena_objects.is_null() && self.usable_arenas.is_null());
        debug_assert!(self.nfp2lasta.iter().all(|a| a.is_null()));
        let old = self.maxarenas;
        let new = if old == 0 { INITIAL_ARENA_OBJECTS } else { old.checked_mul(2)? };
        if new > u32::MAX as usize {
            return None; // `arenaindex` would overflow
        }
        let layout = Layout::array::<ArenaObject>(new).ok()?;
        let p = if old == 0 {
            // SAFETY: the layout has a non-zero size.
            unsafe { alloc(layout) }
        } else {
            // SAFETY: `arenas` was allocated with the array layout of `old` entries, and the
            // new size is non-zero and (checked above by Layout::array) fits isize.
            unsafe { realloc(self.arenas.cast(), Layout::array::<ArenaObject>(old).unwrap(), layout.size()) }
        };
        let p = NonNull::new(p)?.cast::<ArenaObject>().as_ptr();
        for i in old..new {
            // SAFETY: `i < new`, the vector's new length; the entries past `old` are unwritten.
            unsafe {
                let next = if i + 1 < new { p.add(i + 1) } else { ptr::null_mut() };
                p.add(i).write(ArenaObject {
                    address: ptr::null_mut(),
                    pool_address: ptr::null_mut(),
                    nfreepools: 0,
                    ntotalpools: 0,
                    freepools: ptr::null_mut(),
                    nextarena: next,
                    prevarena: ptr::null_mut(),
                });
            }
        }
        self.arenas = p;
        self.maxarenas = new;
        // SAFETY: `old < new`, so entry `old` exists.
        self.unused_arena_objects = unsafe { p.add(old) };
        Some(())
    }

    /// Takes an empty pool from the head of `usable_arenas` (allocating an arena when the
    /// list is empty) and returns it on no list, its `arenaindex` set; a pool never carved
    /// before has `szidx == DUMMY_SIZE_IDX`. The first half of CPython's
    /// `allocate_from_new_pool`.
    pub(super) fn take_free_pool(&mut self) -> Option<*mut PoolHeader> {
        if self.usable_arenas.is_null() {
            let ao = self.new_arena()?;
            self.usable_arenas = ao;
            // SAFETY: `ao` is a live descriptor returned by `new_arena`.
            self.nfp2lasta[unsafe { (*ao).nfreepools } as usize] = ao;
        }
        let ao = self.usable_arenas;
        // SAFETY: `ao` heads `usable_arenas`, so it is a live arena with a free pool; pools on
        // its `freepools` are carved empty pools, and `pool_address` (when no pool is cached)
        // is a whole pool inside the arena since nfreepools > 0.
        unsafe {
            let nf = (*ao).nfreepools as usize;
            // The head has the fewest free pools, so taking one keeps it the head: it stops
            // being an arena with `nf` free pools and becomes the only one with `nf - 1`.
            if self.nfp2lasta[nf] == ao {
                self.nfp2lasta[nf] = ptr::null_mut();
            }
            if nf > 1 {
                self.nfp2lasta[nf - 1] = ao;
            }
            let pool = (*ao).freepools;
            let pool = if !pool.is_null() {
                (*ao).freepools = (*pool).nextpool;
                pool
            } else {
                // Carve off a new pool.
                debug_assert!((*ao).pool_address < (*ao).address.add(ARENA_SIZE));
                let pool = (*ao).pool_address.cast::<PoolHeader>();
                (*ao).pool_address = (*ao).pool_address.add(POOL_SIZE);
                (*pool).arenaindex = self.arena_index(ao);
                (*pool).szidx = DUMMY_SIZE_IDX;
                pool
            };
            (*ao).nfreepools -= 1;
            if (*ao).nfreepools == 0 {
                // The arena is full: it leaves usable_arenas.
                debug_assert!((*ao).freepools.is_null());
                self.usable_arenas = (*ao).nextarena;
                if !self.usable_arenas.is_null() {
                    (*self.usable_arenas).prevarena = ptr::null_mut();
                }
                (*ao).nextarena = ptr::null_mut();
            }
            Some(pool)
        }
    }

    /// The last block of a used pool was freed: the pool becomes empty, moves from
    /// `usedpools` to its arena's `freepools`, and the arena's place in `usable_arenas` is
    /// fixed up (CPython's `insert_to_freepool`). With `nf` the arena's new `nfreepools`:
    /// 1. every pool is free and the arena is not the last usable one: release it;
    /// 2. `nf == 1` (the arena was full): link it at the head of `usable_arenas`;
    /// 3. the arena is still in order (it was the last with `nf - 1`): nothing to do;
    /// 4. otherwise move it right, behind the last arena that has `nf - 1` free pools.
    ///
    /// # Safety
    /// `pool` is a used pool (in `usedpools`) whose `ref_count` just dropped to 0.
    #[inline(never)]
    pub(super) unsafe fn insert_to_freepool(&mut self, pool: *mut PoolHeader) {
        // SAFETY: `pool` is a live used pool (caller); its `arenaindex` names a live arena
        // whose neighbours in `usable_arenas` and the `nfp2lasta` entries are live descriptors.
        unsafe {
            self.unlink_usedpool(pool, (*pool).szidx as usize);
            let ao = self.arenas.add((*pool).arenaindex as usize);
            (*pool).nextpool = (*ao).freepools;
            (*ao).freepools = pool;

            let old_nf = (*ao).nfreepools as usize;
            // If ao is the rightmost arena with old_nf free pools, that role passes to its left
            // neighbour when it has old_nf too. (A full arena, old_nf == 0, is on no list and
            // nfp2lasta[0] is always null.)
            let lastnf = self.nfp2lasta[old_nf];
            if lastnf == ao {
                let prev = (*ao).prevarena;
                self.nfp2lasta[old_nf] = if !prev.is_null() && (*prev).nfreepools as usize == old_nf {
                    prev
                } else {
                    ptr::null_mut()
                };
            }
            let nf = old_nf + 1;
            (*ao).nfreepools = nf as u32;

            // Case 1: release a wholly free arena unless it is the last usable one.
            if nf == (*ao).ntotalpools as usize && !(*ao).nextarena.is_null() {
                self.unlink_usable_arena(ao);
                self.free_arena(ao);
                return;
            }

            // Case 2: the arena was full; with one free pool it has the fewest of all.
            if nf == 1 {
                (*ao).nextarena = self.usable_arenas;
                (*ao).prevarena = ptr::null_mut();
                if !self.usable_arenas.is_null() {
                    (*self.usable_arenas).prevarena = ao;
                }
                self.usable_arenas = ao;
                if self.nfp2lasta[1].is_null() {
                    self.nfp2lasta[1] = ao;
                }
                return;
            }

            // Arenas right of `lastnf` have at least nf free pools, so right behind `lastnf`
            // is a sorted position, and ao is last with nf unless another arena already is.
            if self.nfp2lasta[nf].is_null() {
                self.nfp2lasta[nf] = ao;
            }

            // Case 3: ao was the last arena with old_nf free pools, so it is still in order.
            if ao == lastnf {
                return;
            }

            // Case 4: move ao right behind lastnf.
            debug_assert!(!lastnf.is_null() && !(*ao).nextarena.is_null());
            self.unlink_usable_arena(ao);
            let next = (*lastnf).nextarena;
            (*ao).prevarena = lastnf;
            (*ao).nextarena = next;
            if !next.is_null() {
                (*next).prevarena = ao;
            }
            (*lastnf).nextarena = ao;
        }
    }

    /// Unlinks `ao` from `usable_arenas`, leaving its links null.
    ///
    /// # Safety
    /// `ao` is a live descriptor on `usable_arenas`.
    unsafe fn unlink_usable_arena(&mut self, ao: *mut ArenaObject) {
        // SAFETY: ao is on usable_arenas (caller), so its neighbours are live descriptors.
        unsafe {
            let next = (*ao).nextarena;
            let prev = (*ao).prevarena;
            if prev.is_null() {
                debug_assert!(self.usable_arenas == ao);
                self.usable_arenas = next;
            } else {
                (*prev).nextarena = next;
            }
            if !next.is_null() {
                (*next).prevarena = prev;
            }
            (*ao).nextarena = ptr::null_mut();
            (*ao).prevarena = ptr::null_mut();
        }
    }

    /// Returns a wholly free arena to the system and its descriptor to
    /// `unused_arena_objects`.
    ///
    /// # Safety
    /// `ao` is a live descriptor on no list whose pools are all empty (no block is in use).
    unsafe fn free_arena(&mut self, ao: *mut ArenaObject) {
        // SAFETY: `ao` is live (caller); its memory was allocated by `new_arena` with
        // `arena_layout()`, and no block in it is in use, so nothing refers into it any more.
        unsafe {
            let address = (*ao).address;
            self.arena_map.remove(address.addr());
            dealloc(address, arena_layout());
            ao.write(ArenaObject {
                address: ptr::null_mut(),
                pool_address: ptr::null_mut(),
                nfreepools: 0,
                ntotalpools: 0,
                freepools: ptr::null_mut(),
                nextarena: self.unused_arena_objects,
                prevarena: ptr::null_mut(),
            });
        }
        self.unused_arena_objects = ao;
        self.narenas_currently_allocated -= 1;
    }
}

impl Obmalloc {
    /// Returns every arena, the descriptor vector and the arena map's table to the system and
    /// leaves an empty pymalloc; raw blocks and their counters are kept.
    ///
    /// # Safety
    /// No pool block of this heap is used (or freed) afterwards.
    pub(super) unsafe fn teardown(&mut self) {
        for i in 0..self.maxarenas {
            // SAFETY: `i < maxarenas`; a live arena's memory was allocated by `new_arena` with
            // `arena_layout()`, and the caller promises that no block in it is used again.
            unsafe {
                let address = (*self.arenas.add(i)).address;
                if !address.is_null() {
                    dealloc(address, arena_layout());
                }
            }
        }
        if self.maxarenas > 0 {
            // SAFETY: the vector was allocated by `grow_arenas` with this layout.
            unsafe { dealloc(self.arenas.cast(), Layout::array::<ArenaObject>(self.maxarenas).unwrap()) };
        }
        self.arena_map.free_table();
        let (raw_blocks, raw_bytes) = (self.raw_allocated_blocks, self.raw_allocated_bytes);
        *self = Obmalloc::new();
        self.raw_allocated_blocks = raw_blocks;
        self.raw_allocated_bytes = raw_bytes;
    }
}

/// Marks an empty slot of [`ArenaMap`]; never ARENA_SIZE-aligned, so never an arena base.
const EMPTY_SLOT: usize = usize::MAX;
/// Slots of the first allocated table.
const ARENA_MAP_MIN_SLOTS: usize = 32;
/// Fibonacci hashing multiplier (2^64 / golden ratio).
const FIB_HASH: usize = 0x9E37_79B9_7F4A_7C15;
/// The table of a map with no arena yet: one empty slot, never written.
static EMPTY_ARENA_MAP: [usize; 1] = [EMPTY_SLOT];

/// The set of live arena bases: open addressing with linear probing, at most half full, so
/// every probe sequence ends at an empty slot. Deletion shifts later entries back instead of
/// leaving tombstones. Plays the part of CPython's `arena_map` radix tree.
pub(super) struct ArenaMap {
    /// `mask + 1` slots, each an arena base or [`EMPTY_SLOT`]; [`EMPTY_ARENA_MAP`] until the
    /// first insertion.
    slots: *mut usize,
    /// Number of slots minus one (a power of two minus one).
    mask: usize,
    /// `64 - log2(slots)` (63 for the one-slot table): the hash keeps the product's top bits.
    shift: u32,
    /// Live arenas in the map.
    len: usize,
}

impl ArenaMap {
    pub(super) const fn new() -> ArenaMap {
        ArenaMap { slots: EMPTY_ARENA_MAP.as_ptr().cast_mut(), mask: 0, shift: 63, len: 0 }
    }

    /// Number of arenas in the map.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    #[inline(always)]
    fn home(&self, base: usize) -> usize {
        ((base >> ARENA_BITS).wrapping_mul(FIB_HASH) >> self.shift) & self.mask
    }

    /// Whether `addr` lies in a live arena (CPython's `address_in_range`).
    #[inline(always)]
    pub(super) fn contains(&self, addr: usize) -> bool {
        let base = addr & !ARENA_SIZE_MASK;
        let mut i = self.home(base);
        loop {
            // SAFETY: `i <= mask` and the table has `mask + 1` initialised slots.
            let k = unsafe { *self.slots.add(i) };
            if k == base {
                return true;
            }
            if k == EMPTY_SLOT {
                return false;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Adds an arena base; `false` when the table cannot grow (out of memory).
    pub(super) fn insert(&mut self, base: usize) -> bool {
        debug_assert!(base & ARENA_SIZE_MASK == 0 && !self.contains(base));
        if (self.len + 1) * 2 > self.mask + 1 && !self.grow() {
            return false;
        }
        // SAFETY: the table has a real allocation now (len + 1 <= half of it), `mask + 1`
        // slots, and at least one empty slot, so the probe ends in bounds.
        unsafe { self.put(base) };
        self.len += 1;
        true
    }

    /// Stores `base` in the first empty slot of its probe sequence.
    ///
    /// # Safety
    /// `slots` is an allocated table (not [`EMPTY_ARENA_MAP`]) with an empty slot.
    unsafe fn put(&mut self, base: usize) {
        let mut i = self.home(base);
        // SAFETY: `i <= mask`, and slots has `mask + 1` entries owned by this map (caller).
        unsafe {
            while *self.slots.add(i) != EMPTY_SLOT {
                i = (i + 1) & self.mask;
            }
            *self.slots.add(i) = base;
        }
    }

    /// Doubles the table (to ARENA_MAP_MIN_SLOTS at first) and rehashes.
    fn grow(&mut self) -> bool {
        let old_slots = self.slots;
        let old_n = self.mask + 1;
        let n = (old_n * 2).max(ARENA_MAP_MIN_SLOTS);
        let Ok(layout) = Layout::array::<usize>(n) else { return false };
        // SAFETY: the layout has a non-zero size.
        let p = unsafe { alloc(layout) }.cast::<usize>();
        if p.is_null() {
            return false;
        }
        for i in 0..n {
            // SAFETY: `i < n`, the new table's length.
            unsafe { p.add(i).write(EMPTY_SLOT) };
        }
        self.slots = p;
        self.mask = n - 1;
        self.shift = usize::BITS - n.trailing_zeros();
        for i in 0..old_n {
            // SAFETY: `i < old_n`, the old table's length; the new table has an empty slot
            // for each old entry since it is at least twice as large.
            unsafe {
                let k = *old_slots.add(i);
                if k != EMPTY_SLOT {
                    self.put(k);
                }
            }
        }
        if old_n > 1 {
            // SAFETY: a table of more than one slot was allocated by `grow` with this layout.
            unsafe { dealloc(old_slots.cast(), Layout::array::<usize>(old_n).unwrap()) };
        }
        true
    }

    /// Frees the table and empties the map.
    pub(super) fn free_table(&mut self) {
        if self.mask > 0 {
            // SAFETY: a table of more than one slot was allocated by `grow` with this layout.
            unsafe { dealloc(self.slots.cast(), Layout::array::<usize>(self.mask + 1).unwrap()) };
        }
        *self = ArenaMap::new();
    }

    /// Removes an arena base that is in the map.
    pub(super) fn remove(&mut self, base: usize) {
        let mut i = self.home(base);
        // SAFETY: `base` is in the map (caller), so the table is allocated and every index
        // below is masked to `mask`, within its `mask + 1` slots.
        unsafe {
            while *self.slots.add(i) != base {
                debug_assert!(*self.slots.add(i) != EMPTY_SLOT);
                i = (i + 1) & self.mask;
            }
            // Backward-shift deletion: walk the cluster after the hole and move back every
            // entry whose probe path passes through the hole.
            let mut hole = i;
            let mut j = i;
            loop {
                j = (j + 1) & self.mask;
                let k = *self.slots.add(j);
                if k == EMPTY_SLOT {
                    break;
                }
                let home = self.home(k);
                if (j.wrapping_sub(home) & self.mask) >= (j.wrapping_sub(hole) & self.mask) {
                    *self.slots.add(hole) = k;
                    hole = j;
                }
            }
            *self.slots.add(hole) = EMPTY_SLOT;
        }
        self.len -= 1;
    }
}
