//! pymalloc: CPython 3.11's small-object allocator (`Objects/obmalloc.c`), mirrored.
//!
//! ```text
//!     refpy-vm types: int  float  list  dict  tuple  str ...   (object.rs: header + payload,
//!          |            |       |     |      |     |          plus item arrays, key tables)
//!          v            v       v     v      v     v
//!   +-------------------------------------------------------+
//!   | malloc / free / realloc (this module)                 |
//!   +--------------------------+----------------------------+
//!   | 1..=512 bytes: pymalloc  | 0 or > 512 bytes: raw.rs   |
//!   | size class -> usedpools  | std::alloc + size prefix,  |
//!   |   -> pool -> arena       | counted                    |
//!   +--------------------------+----------------------------+
//!   | std::alloc (System): 1 MiB arenas, ARENA_SIZE-aligned |
//!   +-------------------------------------------------------+
//!   | virtual memory                                        |
//!   +-------------------------------------------------------+
//! ```
//!
//! **Allocation strategy.** A request of 1..=512 bytes is rounded up to a multiple of 16,
//! giving one of 32 size classes (`size_class.rs` has the table). Blocks of one class are
//! cut from *pools* of 16 KiB, each dedicated to one class at a time, and pools are cut from
//! *arenas* of 1 MiB, obtained from and returned to the system. `usedpools[szidx]` lists the
//! pools of a class that have a free block, so the common allocation pops the head pool's
//! free list and the common free pushes onto it; only the transitions of a pool between
//! used, full and empty touch heap-wide lists (`pool.rs`), and only an arena gaining its
//! first free pool, losing its last one, or becoming wholly free moves it in
//! `usable_arenas` (`arena.rs`). Requests of 0 or more than 512 bytes go to the system
//! allocator (`raw.rs`).
//!
//! ```text
//!  usedpools[szidx] --> pool <--> pool <--> pool            (used: some blocks free)
//!  usable_arenas ------> arena <--> arena <--> arena       (sorted by ascending nfreepools)
//!                          |-- freepools --> pool --> pool (empty pools, any class)
//!  unused_arena_objects -> descriptor --> descriptor       (no memory attached)
//! ```
//!
//! **States.** Pools are *used*, *full* or *empty* (`pool.rs`); arena descriptors are
//! *unused*, *usable* or *full* (`arena.rs`). Each module states its transitions.
//!
//! **Invariants** (checked by [`check_invariants`]):
//! - a pool is in `usedpools[szidx]` iff it is carved, `0 < ref_count` and its `freeblock`
//!   is not null; `ref_count` plus the length of its free list is the number of blocks it
//!   has carved, so statistics sum `ref_count` without walking free lists;
//! - an arena is on `usable_arenas` iff `nfreepools > 0`; the list is sorted by
//!   `nfreepools`; `nfp2lasta[n]` is its last arena with `n` free pools; at most one arena is
//!   wholly free, and then it is the tail;
//! - a descriptor is on `unused_arena_objects` iff its `address` is null, iff its arena is
//!   absent from the arena map;
//! - the statistics' byte lines add up to `arenas × ARENA_SIZE`.
//!
//! **Where refpy differs from obmalloc.c** (size classes, block counts and the order in
//! which blocks are reused are unchanged; arena and unused-pool counts can differ, since an
//! arena holds 64 pools instead of 63):
//! - Arenas come from `std::alloc` with ARENA_SIZE alignment (also under Miri, where there
//!   is no mmap), so all 64 pools of an arena are usable and "bytes lost to arena
//!   alignment" is 0. CPython mmaps arenas, which are only page-aligned, and loses one pool
//!   per arena (63 usable).
//! - `address_in_range` is an exact hash-set lookup of `p & !ARENA_SIZE_MASK` among live
//!   arena bases (`arena::ArenaMap`) instead of the 3-level radix tree, so
//!   [`debug_malloc_stats`] has no "arena map" section.
//! - `usedpools` holds one head pointer per class with null-terminated lists, instead of
//!   obmalloc.c's fake pool headers (its "Major obscurity").
//! - Raw blocks carry their size in a 16-byte prefix (`std::alloc::dealloc` needs it).
//!
//! **Where the state lives.** All of it is one `Obmalloc` in a `const`-initialised
//! `thread_local!` without `Drop` (PERFORMANCE.md §4): reaching it is a plain TLS access,
//! with no lazy-initialisation check, so `ObjRef::drop` can free without a `&mut Heap`. The
//! heap is per thread: a block must be freed (and reallocated) on the thread that
//! allocated it, which `ObjRef` being `!Send` guarantees. Each public function takes the
//! `&mut Obmalloc` once and never calls back into a public function or user code while
//! holding it. A thread's arenas are not returned when it exits unless [`teardown`] is called. This
//! allocator must not back Rust's `#[global_allocator]` (it allocates through `std::alloc`).

use std::cell::UnsafeCell;
use std::ptr::{self, NonNull};

mod arena;
mod block_info;
mod pool;
mod raw;
mod size_class;
mod stats;
#[cfg(test)]
mod tests;

use arena::{ArenaMap, ArenaObject};
pub use block_info::{block_info, BlockInfo};
use pool::{pool_addr, PoolHeader};
pub use size_class::{
    blocks_per_pool, size_class, ALIGNMENT, ALIGNMENT_SHIFT, ARENA_BITS, ARENA_SIZE, ARENA_SIZE_MASK,
    INDEX2SIZE, INITIAL_ARENA_OBJECTS, MAX_POOLS_IN_ARENA, NB_SMALL_SIZE_CLASSES, POOL_BITS, POOL_OVERHEAD,
    POOL_SIZE, POOL_SIZE_MASK, SMALL_REQUEST_THRESHOLD,
};
pub use stats::{MallocStats, PoolUsage, SizeClassStats};

/// The whole allocator state (obmalloc.c's `struct _obmalloc_state` fields and globals).
struct Obmalloc {
    /// Head of the list of used pools of each size class; null when the class has none.
    usedpools: [*mut PoolHeader; NB_SMALL_SIZE_CLASSES],
    /// The arena descriptor vector (`maxarenas` entries; null before the first arena).
    arenas: *mut ArenaObject,
    /// Number of descriptors in `arenas`.
    maxarenas: usize,
    /// Singly linked list of descriptors with no arena attached.
    unused_arena_objects: *mut ArenaObject,
    /// Doubly linked list of arenas with a free pool, sorted by ascending `nfreepools`.
    usable_arenas: *mut ArenaObject,
    /// `nfp2lasta[n]`: the last arena of `usable_arenas` with `n` free pools, or null.
    nfp2lasta: [*mut ArenaObject; MAX_POOLS_IN_ARENA + 1],
    /// The set of live arena bases (`address_in_range`).
    arena_map: ArenaMap,
    /// Arenas currently allocated ("# arenas allocated current").
    narenas_currently_allocated: usize,
    /// Arenas ever allocated ("# arenas allocated total").
    ntimes_arena_allocated: usize,
    /// Largest `narenas_currently_allocated` seen ("# arenas highwater mark").
    narenas_highwater: usize,
    /// Raw (system) blocks currently allocated.
    raw_allocated_blocks: usize,
    /// Bytes in raw blocks currently allocated (each at least 1, prefix not counted).
    raw_allocated_bytes: usize,
}

impl Obmalloc {
    const fn new() -> Obmalloc {
        Obmalloc {
            usedpools: [ptr::null_mut(); NB_SMALL_SIZE_CLASSES],
            arenas: ptr::null_mut(),
            maxarenas: 0,
            unused_arena_objects: ptr::null_mut(),
            usable_arenas: ptr::null_mut(),
            nfp2lasta: [ptr::null_mut(); MAX_POOLS_IN_ARENA + 1],
            arena_map: ArenaMap::new(),
            narenas_currently_allocated: 0,
            ntimes_arena_allocated: 0,
            narenas_highwater: 0,
            raw_allocated_blocks: 0,
            raw_allocated_bytes: 0,
        }
    }

    /// CPython's `pymalloc_alloc` plus the raw fallback of `_PyObject_Malloc`.
    #[inline(always)]
    fn malloc(&mut self, nbytes: usize) -> Option<NonNull<u8>> {
        if nbytes.wrapping_sub(1) >= SMALL_REQUEST_THRESHOLD {
            return self.raw_malloc(nbytes);
        }
        let szidx = size_class(nbytes);
        let pool = self.usedpools[szidx];
        if pool.is_null() {
            return self.allocate_from_new_pool(szidx);
        }
        // SAFETY: `pool` is in usedpools, so it is a live used pool whose `freeblock` is a
        // free block of the pool (not null), holding the next free-list link in its first word.
        unsafe {
            let bp = (*pool).freeblock;
            (*pool).ref_count += 1;
            let next = bp.cast::<*mut u8>().read();
            (*pool).freeblock = next;
            if next.is_null() {
                self.pymalloc_pool_extend(pool, szidx);
            }
            Some(NonNull::new_unchecked(bp))
        }
    }

    /// CPython's `pymalloc_free` plus the raw fallback of `_PyObject_Free`.
    ///
    /// # Safety
    /// `p` was returned by this heap's `malloc`/`realloc` and not freed since.
    #[inline(always)]
    unsafe fn free(&mut self, p: NonNull<u8>) {
        if !self.arena_map.contains(p.as_ptr().addr()) {
            // SAFETY: `p` is a live block of this heap (caller) outside every arena: a raw block.
            return unsafe { self.raw_free(p) };
        }
        let p = p.as_ptr();
        let pool = pool_addr(p);
        // SAFETY: `p` is a live block inside a live arena (caller + arena map), so `pool` is
        // the header of the carved, non-empty pool that holds it; the block is free from now
        // on, and its first word (16-aligned) takes the free-list link.
        unsafe {
            debug_assert!((*pool).ref_count > 0, "obmalloc: double free");
            let lastfree = (*pool).freeblock;
            p.cast::<*mut u8>().write(lastfree);
            (*pool).freeblock = p;
            (*pool).ref_count -= 1;
            if lastfree.is_null() {
                // The pool was full. A pool holds at least two blocks, so it is not empty now.
                self.insert_to_usedpool(pool);
                return;
            }
            if (*pool).ref_count == 0 {
                self.insert_to_freepool(pool);
            }
        }
    }

    /// CPython's `pymalloc_realloc` plus the raw fallback of `_PyObject_Realloc`.
    ///
    /// # Safety
    /// As for [`Obmalloc::free`].
    unsafe fn realloc(&mut self, p: NonNull<u8>, nbytes: usize) -> Option<NonNull<u8>> {
        if !self.arena_map.contains(p.as_ptr().addr()) {
            // SAFETY: `p` is a live raw block (caller; not in an arena).
            return unsafe { self.raw_realloc(p, nbytes) };
        }
        // SAFETY: `p` is a live block of a live arena (caller), so its pool header is live.
        let size = INDEX2SIZE[unsafe { (*pool_addr(p.as_ptr())).szidx } as usize];
        let mut keep = size;
        if nbytes <= size {
            // Staying the same or shrinking: keep the block unless it would waste a quarter
            // or more of it.
            if 4 * nbytes > 3 * size {
                return Some(p);
            }
            keep = nbytes;
        }
        let bp = self.malloc(nbytes)?;
        // SAFETY: `p` is live with `size >= keep` bytes, `bp` is a fresh block of at least
        // `keep` bytes (a different block, so no overlap), and `p` is freed exactly once.
        unsafe {
            ptr::copy_nonoverlapping(p.as_ptr(), bp.as_ptr(), keep);
            self.free(p);
        }
        Some(bp)
    }
}

thread_local! {
    /// This thread's heap.
    static STATE: UnsafeCell<Obmalloc> = const { UnsafeCell::new(Obmalloc::new()) };
}

/// Runs `f` on this thread's allocator state.
#[inline(always)]
fn with_state<R>(f: impl FnOnce(&mut Obmalloc) -> R) -> R {
    STATE.with(|cell| {
        // SAFETY: the state is thread-local, so only this thread reaches it, and no function
        // of this module re-enters `with_state` (or runs foreign code that could) while the
        // `&mut` is alive, so it is the only reference.
        f(unsafe { &mut *cell.get() })
    })
}

/// Allocates `nbytes` (16-byte aligned), CPython's `PyObject_Malloc`. `None` when the system
/// is out of memory (the caller raises `MemoryError`). Requests of 1..=512 bytes come from
/// pools; 0 and larger requests from the system allocator.
#[inline]
pub fn malloc(nbytes: usize) -> Option<NonNull<u8>> {
    let p = with_state(|st| st.malloc(nbytes));
    crate::tracemalloc::after_malloc(p);
    p
}

/// Frees a block, CPython's `PyObject_Free`.
///
/// # Safety
/// `p` must come from [`malloc`]/[`realloc`] **on this thread** and not have been freed.
#[inline]
pub unsafe fn free(p: NonNull<u8>) {
    crate::tracemalloc::before_free(p);
    // SAFETY: forwarded from the caller.
    with_state(|st| unsafe { st.free(p) })
}

/// Resizes a block, CPython's `PyObject_Realloc`: a pool block is kept when the new size
/// fits and shrinks it by less than 25%; otherwise the data moves to a new block (the
/// common prefix is copied) and the old one is freed. A system block stays a system block.
/// `None` when out of memory, and then `p` is still valid and unchanged.
///
/// # Safety
/// As for [`free`].
pub unsafe fn realloc(p: NonNull<u8>, nbytes: usize) -> Option<NonNull<u8>> {
    // SAFETY: forwarded from the caller.
    let new = with_state(|st| unsafe { st.realloc(p, nbytes) });
    crate::tracemalloc::after_realloc(p, new);
    new
}

/// Block size of the size class serving a request of `nbytes`; `None` when the request goes
/// to the system allocator (0 or more than [`SMALL_REQUEST_THRESHOLD`]).
#[inline]
pub const fn block_size(nbytes: usize) -> Option<usize> {
    if nbytes == 0 || nbytes > SMALL_REQUEST_THRESHOLD {
        None
    } else {
        Some(INDEX2SIZE[size_class(nbytes)])
    }
}

/// Block size of the size class of a live pool block; `None` for a system block. The type
/// free lists (`freelist.rs`) use it to hand a kept block only to an object it fits.
///
/// # Safety
/// `p` must be a live block from [`malloc`]/[`realloc`] on this thread.
pub(crate) unsafe fn pool_block_size(p: NonNull<u8>) -> Option<usize> {
    with_state(|st| {
        if !st.arena_map.contains(p.as_ptr().addr()) {
            return None;
        }
        // SAFETY: `p` is a live block inside a live arena (caller + arena map), so its pool
        // header is live and carved for the block's class.
        Some(INDEX2SIZE[unsafe { (*pool_addr(p.as_ptr())).szidx } as usize])
    })
}

/// Bytes a live block holds: its size class's block size for a pool block, the size
/// asked for (at least 1) for a system block. tracemalloc records it.
///
/// # Safety
/// `p` must be a live block from [`malloc`]/[`realloc`] on this thread.
pub(crate) unsafe fn allocated_size(p: NonNull<u8>) -> usize {
    // SAFETY: forwarded from the caller; a live block outside the pools is a raw block.
    unsafe { pool_block_size(p).unwrap_or_else(|| raw::raw_size(p)) }
}

/// Exact statistics of this thread's heap (what `_PyObject_DebugMallocStats` gathers).
pub fn stats() -> MallocStats {
    with_state(|st| st.stats())
}

/// The pools in use on this thread's heap, with their place and the blocks each has handed
/// out. Allocates only through `std::alloc` (the returned vector), never from the pools.
pub fn pool_usage() -> Vec<PoolUsage> {
    with_state(|st| st.pool_usage())
}

/// The allocator part of CPython 3.11's `sys._debugmallocstats()` for this thread's heap:
/// the size-class table and the byte lines ending in "Total" (asserted to equal
/// arenas × ARENA_SIZE). The arena-map and free-list sections are the caller's.
pub fn debug_malloc_stats() -> String {
    stats().render()
}

/// `sys.getallocatedblocks()`: pool blocks in use plus raw blocks (walks the arenas).
pub fn allocated_blocks() -> usize {
    with_state(|st| st.allocated_blocks())
}

/// Returns this thread's arenas and pymalloc's own tables to the system, leaving an empty
/// heap (the explicit teardown of PERFORMANCE.md §4, since the thread-local has no `Drop`).
/// System blocks (0 or more than 512 bytes) are not tracked: they stay valid and may still
/// be freed. Statistics restart from zero, except for the system blocks.
///
/// # Safety
/// No block of 1..=512 bytes allocated on this thread before the call may be used or freed
/// after it.
pub unsafe fn teardown() {
    // SAFETY: forwarded from the caller.
    with_state(|st| unsafe { st.teardown() })
}

/// Validates every list and count of this thread's heap and panics on the first violation.
/// Walks the whole heap: for tests and debug checks, not for hot code.
pub fn check_invariants() {
    with_state(|st| st.check_invariants())
}
