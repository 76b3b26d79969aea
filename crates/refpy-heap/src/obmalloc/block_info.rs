//! Where one block lives: its size class, pool and arena. CPython has no such query;
//! refpy's `refpy.explain()` uses it to show an object's place in the heap.

use std::ptr::NonNull;

use super::pool::pool_addr;
use super::size_class::{ARENA_SIZE_MASK, INDEX2SIZE, POOL_BITS};
use super::{with_state, Obmalloc};

/// The place of a pool block: what `sys._debugmallocstats()` counts, for one block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockInfo {
    /// The size class (`szidx`): blocks of `16 · (index + 1)` bytes.
    pub size_class_index: usize,
    /// Bytes in each block of the class (`INDEX2SIZE[szidx]`).
    pub block_size: usize,
    /// Address of the pool's header (`POOL_ADDR(p)`).
    pub pool_address: usize,
    /// Position of the pool in its arena, from 0 (arenas are ARENA_SIZE-aligned).
    pub pool_index: usize,
    /// Index of the arena's descriptor in the arena vector (`arenaindex`).
    pub arena_index: usize,
}

impl Obmalloc {
    /// # Safety
    /// As for [`block_info`].
    unsafe fn block_info(&self, p: NonNull<u8>) -> Option<BlockInfo> {
        let addr = p.as_ptr().addr();
        if !self.arena_map.contains(addr) {
            return None;
        }
        let pool = pool_addr(p.as_ptr());
        // SAFETY: `p` points into a live block inside a live arena (caller + arena map), so
        // the pool holding it is carved and its header is initialised and live.
        let (szidx, arenaindex) = unsafe { ((*pool).szidx as usize, (*pool).arenaindex as usize) };
        let pool_address = pool.addr();
        Some(BlockInfo {
            size_class_index: szidx,
            block_size: INDEX2SIZE[szidx],
            pool_address,
            pool_index: (pool_address & ARENA_SIZE_MASK) >> POOL_BITS,
            arena_index: arenaindex,
        })
    }
}

/// Where the block holding `p` lives, or `None` when it came from the system allocator
/// (requests of 0 or more than 512 bytes). `p` may point anywhere inside the block, so an
/// object's header (after its GC head) will do.
///
/// # Safety
/// `p` points into a live block from [`super::malloc`]/[`super::realloc`] on this thread.
pub unsafe fn block_info(p: NonNull<u8>) -> Option<BlockInfo> {
    // SAFETY: forwarded from the caller.
    with_state(|st| unsafe { st.block_info(p) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::obmalloc::{free, malloc, POOL_SIZE};

    #[test]
    fn pool_blocks_report_their_class_pool_and_arena() {
        let a = malloc(24).expect("out of memory");
        let b = malloc(24).expect("out of memory");
        let big = malloc(513).expect("out of memory");
        // SAFETY: the three blocks are live until freed below, once each.
        unsafe {
            let ia = block_info(a).expect("a pool block");
            assert_eq!((ia.size_class_index, ia.block_size), (1, 32));
            assert_eq!(ia.pool_address, a.as_ptr().addr() & !(POOL_SIZE - 1));
            // An interior pointer finds the same block's pool.
            assert_eq!(block_info(a.add(20)), Some(ia));
            let ib = block_info(b).expect("a pool block");
            assert_eq!(
                (ib.pool_address, ib.pool_index, ib.arena_index),
                (ia.pool_address, ia.pool_index, ia.arena_index)
            );
            assert!(ia.pool_index < crate::obmalloc::MAX_POOLS_IN_ARENA);
            assert_eq!(block_info(big), None, "large requests go to the system allocator");
            free(a);
            free(b);
            free(big);
        }
    }
}
