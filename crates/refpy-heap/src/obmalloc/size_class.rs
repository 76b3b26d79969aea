//! Size classes and the constants that tie blocks, pools and arenas together
//! (obmalloc.c's "tunable settings", 64-bit values of CPython 3.11).
//!
//! ```text
//! Request in bytes     Size of allocated block      Size class idx
//! ----------------------------------------------------------------
//!        1-16                     16                       0
//!       17-32                     32                       1
//!       33-48                     48                       2
//!       49-64                     64                       3
//!        ...                     ...                     ...
//!      481-496                   496                      30
//!      497-512                   512                      31
//!     0, 513-                system allocator (`super::raw`)
//! ```
//! `size_class(n) = (n - 1) >> ALIGNMENT_SHIFT` and `INDEX2SIZE[i] = (i + 1) << ALIGNMENT_SHIFT`.
//! The table is pinned by `tests::size_class_table` (obmalloc.c's own comment still shows
//! 8-byte classes; ours cannot drift).
//!
//! What must hold between the settings is checked at compile time below (obmalloc.c's
//! `#error` lines): a free block must hold a pointer, the threshold is a whole number of
//! classes, an arena is a whole number of pools, and block offsets fit the `u32` fields of
//! [`PoolHeader`](super::pool::PoolHeader).

use std::mem::{align_of, size_of};

use super::pool::PoolHeader;

/// log2 of [`ALIGNMENT`].
pub const ALIGNMENT_SHIFT: u32 = 4;
/// Every block (small or large) is aligned to this many bytes; also the class spacing.
pub const ALIGNMENT: usize = 1 << ALIGNMENT_SHIFT;
/// Largest request served from pools; larger ones (and 0) go to the system allocator.
pub const SMALL_REQUEST_THRESHOLD: usize = 512;
/// Number of size classes: 16, 32, ..., 512.
pub const NB_SMALL_SIZE_CLASSES: usize = SMALL_REQUEST_THRESHOLD / ALIGNMENT;

/// log2 of [`POOL_SIZE`] ("large pools", used with the radix tree since 3.10).
pub const POOL_BITS: u32 = 14;
/// Bytes per pool: every pool is POOL_SIZE-aligned, so masking a block address finds its header.
pub const POOL_SIZE: usize = 1 << POOL_BITS;
/// Low bits of an address inside its pool.
pub const POOL_SIZE_MASK: usize = POOL_SIZE - 1;

/// log2 of [`ARENA_SIZE`] ("large arenas" on 64-bit).
pub const ARENA_BITS: u32 = 20;
/// Bytes per arena, the unit obtained from and returned to the system.
pub const ARENA_SIZE: usize = 1 << ARENA_BITS;
/// Low bits of an address inside its arena (refpy's arenas are ARENA_SIZE-aligned).
pub const ARENA_SIZE_MASK: usize = ARENA_SIZE - 1;
/// Pools per arena; all of them are usable because refpy's arenas are ARENA_SIZE-aligned.
pub const MAX_POOLS_IN_ARENA: usize = ARENA_SIZE / POOL_SIZE;
/// Initial length of the `arenas` descriptor vector; it doubles when it runs out.
pub const INITIAL_ARENA_OBJECTS: usize = 16;

/// Bytes at the start of each pool taken by its `PoolHeader`, rounded up to [`ALIGNMENT`]
/// so that the first block is aligned.
pub const POOL_OVERHEAD: usize = size_of::<PoolHeader>().next_multiple_of(ALIGNMENT);

/// Block size of each size class.
pub const INDEX2SIZE: [usize; NB_SMALL_SIZE_CLASSES] = {
    let mut t = [0; NB_SMALL_SIZE_CLASSES];
    let mut i = 0;
    while i < NB_SMALL_SIZE_CLASSES {
        t[i] = (i + 1) << ALIGNMENT_SHIFT;
        i += 1;
    }
    t
};

const _: () = assert!(ALIGNMENT.is_power_of_two());
// A free block stores the free-list link in its first word.
const _: () = assert!(ALIGNMENT >= size_of::<*mut u8>() && ALIGNMENT >= align_of::<*mut u8>());
const _: () = assert!(SMALL_REQUEST_THRESHOLD.is_multiple_of(ALIGNMENT) && SMALL_REQUEST_THRESHOLD <= 512);
const _: () = assert!(ARENA_SIZE.is_multiple_of(POOL_SIZE));
const _: () = assert!(POOL_SIZE.is_multiple_of(ALIGNMENT) && POOL_OVERHEAD.is_multiple_of(ALIGNMENT));
// CPython's `struct pool_header` is 48 bytes on 64-bit builds.
const _: () = assert!(POOL_OVERHEAD == 48);
// `nextoffset`/`maxnextoffset` are u32; `stats` keeps one bit per pool of an arena in a u64.
const _: () = assert!(POOL_SIZE <= u32::MAX as usize && MAX_POOLS_IN_ARENA <= 64);
// A freshly initialised pool hands out its first block and keeps the second on its free list
// (`allocate_from_new_pool`), so every class needs at least two blocks per pool.
const _: () = assert!(blocks_per_pool(NB_SMALL_SIZE_CLASSES - 1) >= 2);

/// Size class index serving a request of `nbytes`; requires `1 <= nbytes <= 512`.
#[inline(always)]
pub const fn size_class(nbytes: usize) -> usize {
    debug_assert!(nbytes >= 1 && nbytes <= SMALL_REQUEST_THRESHOLD);
    (nbytes - 1) >> ALIGNMENT_SHIFT
}

/// Blocks in one pool of class `szidx` (CPython's `NUMBLOCKS`); the tail that is too small
/// for one more block is lost to quantization.
pub const fn blocks_per_pool(szidx: usize) -> usize {
    (POOL_SIZE - POOL_OVERHEAD) / INDEX2SIZE[szidx]
}
