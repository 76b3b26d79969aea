//! Pools: a 16 KiB slice of an arena that serves blocks of one size class.
//!
//! ```text
//!  one pool (POOL_SIZE-aligned, so `p & !POOL_SIZE_MASK` is the header of `p`'s pool)
//!  +------------+-------+-------+-----+-------+---------------+-------------------+
//!  | PoolHeader | block | block | ... | block | never touched | quantization tail |
//!  +------------+-------+-------+-----+-------+---------------+-------------------+
//!  0            48                            ^ nextoffset     ^ maxnextoffset + size
//! ```
//!
//! **Block management.** Blocks below `nextoffset` have been handed out at least once; a
//! freed one is pushed on the pool's LIFO `freeblock` list (the link is stored in the block's
//! first word). Blocks at or past `nextoffset` were never touched: they are carved one at a
//! time, only when the free list runs dry (`pymalloc_pool_extend`), so a pool's pages are not
//! written before they are needed. `maxnextoffset` is the offset of the last block that fits.
//!
//! **States.** A carved pool is in exactly one state:
//! - *used*: `0 < ref_count < blocks_per_pool(szidx)`, linked into `usedpools[szidx]`, and
//!   `freeblock` is not null (the fast path pops it without checking);
//! - *full*: `ref_count == blocks_per_pool(szidx)`, `freeblock` null, on no list;
//! - *empty*: `ref_count == 0`, on its arena's `freepools` list, reusable for any class (it
//!   keeps its old `szidx`, header and free list, so reuse for the same class is cheap).
//!
//! Transitions: used → full when the last block is carved or popped (`pymalloc_pool_extend`
//! unlinks it); full → used when one block is freed (`insert_to_usedpool` links it at the
//! **front** of `usedpools[szidx]`, so the next allocation of that class reuses it); used →
//! empty when the last block is freed (`insert_to_freepool`, in `arena.rs`); empty (or never
//! carved) → used in `allocate_from_new_pool`.
//!
//! **usedpools.** obmalloc.c makes each `usedpools[]` pair of slots pose as a fake pool
//! header so that its lists are circular without a special case ("Major obscurity"). refpy
//! keeps one plain head pointer per class and null-terminated `nextpool`/`prevpool` links:
//! the fast path tests the head for null instead of comparing it with its own `nextpool`.

use std::ptr::{self, NonNull};

use super::size_class::{blocks_per_pool, INDEX2SIZE, POOL_OVERHEAD, POOL_SIZE, POOL_SIZE_MASK};
use super::Obmalloc;

/// `szidx` of a pool carved from its arena and never initialised for a class.
pub(super) const DUMMY_SIZE_IDX: u32 = 0xffff;

/// CPython's `struct pool_header`: the first [`POOL_OVERHEAD`] bytes of every carved pool.
#[repr(C)]
pub(super) struct PoolHeader {
    /// Number of blocks handed out and not yet freed (`ref.count`).
    pub(super) ref_count: u32,
    /// Head of the pool's LIFO list of free, already carved blocks; null when the pool is full.
    pub(super) freeblock: *mut u8,
    /// Next pool in `usedpools[szidx]` (used) or in the arena's `freepools` (empty).
    pub(super) nextpool: *mut PoolHeader,
    /// Previous pool in `usedpools[szidx]` (used pools only; null for the head).
    pub(super) prevpool: *mut PoolHeader,
    /// Index of the owning arena's descriptor in the `arenas` vector.
    pub(super) arenaindex: u32,
    /// Size class of the blocks ([`DUMMY_SIZE_IDX`] until first initialised).
    pub(super) szidx: u32,
    /// Offset of the next never-touched block.
    pub(super) nextoffset: u32,
    /// Largest valid `nextoffset`: `POOL_SIZE - INDEX2SIZE[szidx]`.
    pub(super) maxnextoffset: u32,
}

/// The header of the pool that contains `p` (CPython's `POOL_ADDR`). Keeps `p`'s provenance,
/// so the result may be dereferenced whenever `p` is a block of a live arena.
#[inline(always)]
pub(super) fn pool_addr(p: *mut u8) -> *mut PoolHeader {
    p.map_addr(|a| a & !POOL_SIZE_MASK).cast()
}

impl Obmalloc {
    /// The free list of a used pool just ran dry: carve the next untouched block, or, when
    /// none is left, the pool is full and leaves `usedpools` (CPython's `pymalloc_pool_extend`).
    ///
    /// # Safety
    /// `pool` is a used pool of class `szidx` in `usedpools[szidx]` whose `freeblock` is null.
    #[inline(never)]
    pub(super) unsafe fn pymalloc_pool_extend(&mut self, pool: *mut PoolHeader, szidx: usize) {
        // SAFETY: `pool` is the header of a carved pool of a live arena (caller); a block at
        // `nextoffset <= maxnextoffset` lies inside the pool, is 16-aligned, and is ours to write.
        unsafe {
            let nextoffset = (*pool).nextoffset;
            if nextoffset <= (*pool).maxnextoffset {
                let bp = pool.cast::<u8>().add(nextoffset as usize);
                bp.cast::<*mut u8>().write(ptr::null_mut());
                (*pool).freeblock = bp;
                (*pool).nextoffset = nextoffset + INDEX2SIZE[szidx] as u32;
                return;
            }
            // Pool is full: unlink it from usedpools; it is on no list until a block is freed.
            self.unlink_usedpool(pool, szidx);
        }
    }

    /// No used pool serves `szidx`: take an empty pool from the head of `usable_arenas`
    /// (allocating an arena if there is none), link it at the front of `usedpools[szidx]` and
    /// return its first free block (CPython's `allocate_from_new_pool`).
    #[inline(never)]
    pub(super) fn allocate_from_new_pool(&mut self, szidx: usize) -> Option<NonNull<u8>> {
        let pool = self.take_free_pool()?;
        // SAFETY: `take_free_pool` returns the header of a carved, empty pool of a live arena
        // that is on no list; nothing else refers to its blocks.
        unsafe {
            self.link_usedpool_front(pool, szidx);
            (*pool).ref_count = 1;
            if (*pool).szidx == szidx as u32 {
                // The pool last served this class: its header and free list are still valid.
                // Empty, it holds every carved block (at least two), so one remains.
                let bp = (*pool).freeblock;
                (*pool).freeblock = bp.cast::<*mut u8>().read();
                debug_assert!(!(*pool).freeblock.is_null());
                return Some(NonNull::new_unchecked(bp));
            }
            // Initialise the header: hand out the first block, the free list holds only the
            // second one, and the rest stays untouched.
            let size = INDEX2SIZE[szidx];
            (*pool).szidx = szidx as u32;
            let bp = pool.cast::<u8>().add(POOL_OVERHEAD);
            let second = bp.add(size);
            second.cast::<*mut u8>().write(ptr::null_mut());
            (*pool).freeblock = second;
            (*pool).nextoffset = (POOL_OVERHEAD + 2 * size) as u32;
            (*pool).maxnextoffset = (POOL_SIZE - size) as u32;
            debug_assert_eq!(blocks_per_pool(szidx), (POOL_SIZE - POOL_OVERHEAD) / size);
            Some(NonNull::new_unchecked(bp))
        }
    }

    /// A block was freed into a full pool: the pool is used again and goes to the front of
    /// `usedpools[szidx]` (CPython's `insert_to_usedpool`).
    ///
    /// # Safety
    /// `pool` is a formerly full pool (on no list) that now has one free block.
    #[inline(never)]
    pub(super) unsafe fn insert_to_usedpool(&mut self, pool: *mut PoolHeader) {
        // SAFETY: `pool` is a live pool header on no list (caller).
        unsafe { self.link_usedpool_front(pool, (*pool).szidx as usize) }
    }

    /// Links `pool` at the front of `usedpools[szidx]`.
    ///
    /// # Safety
    /// `pool` is a live pool header on no list.
    #[inline(always)]
    pub(super) unsafe fn link_usedpool_front(&mut self, pool: *mut PoolHeader, szidx: usize) {
        let next = self.usedpools[szidx];
        // SAFETY: `pool` is live (caller); `next`, if not null, is a used pool of a live arena.
        unsafe {
            (*pool).nextpool = next;
            (*pool).prevpool = ptr::null_mut();
            if !next.is_null() {
                (*next).prevpool = pool;
            }
        }
        self.usedpools[szidx] = pool;
    }

    /// Unlinks `pool` from `usedpools[szidx]`.
    ///
    /// # Safety
    /// `pool` is a live pool header currently in `usedpools[szidx]`.
    #[inline(always)]
    pub(super) unsafe fn unlink_usedpool(&mut self, pool: *mut PoolHeader, szidx: usize) {
        // SAFETY: `pool` is in usedpools[szidx] (caller), so its neighbours are live used pools.
        unsafe {
            let next = (*pool).nextpool;
            let prev = (*pool).prevpool;
            if prev.is_null() {
                debug_assert!(self.usedpools[szidx] == pool);
                self.usedpools[szidx] = next;
            } else {
                (*prev).nextpool = next;
            }
            if !next.is_null() {
                (*next).prevpool = prev;
            }
            (*pool).nextpool = ptr::null_mut();
            (*pool).prevpool = ptr::null_mut();
        }
    }
}
