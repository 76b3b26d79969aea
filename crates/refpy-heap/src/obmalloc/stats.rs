//! Statistics and self-checks: `_PyObject_DebugMallocStats`, `_Py_GetAllocatedBlocks`, and
//! [`check_invariants`](super::check_invariants), which plays the part of obmalloc.c's
//! debug asserts over the pool and arena lists.
//!
//! Every byte of every arena is accounted for, in six parts: bytes in allocated blocks,
//! bytes in available blocks (free or never carved, in used or full pools), unused pools
//! (empty plus never carved) × POOL_SIZE, pool headers, quantization (the per-pool tail too
//! small for one more block) and arena alignment (0 in refpy, whose arenas are aligned).
//! They add up to arenas × ARENA_SIZE; [`MallocStats::render`] asserts it.

use std::fmt::Write;
use std::ptr;

use rustc_hash::FxHashSet;

use super::arena::ArenaObject;
use super::pool::{PoolHeader, DUMMY_SIZE_IDX};
use super::size_class::{
    blocks_per_pool, ARENA_SIZE, ARENA_SIZE_MASK, INDEX2SIZE, MAX_POOLS_IN_ARENA, NB_SMALL_SIZE_CLASSES,
    POOL_OVERHEAD, POOL_SIZE, SMALL_REQUEST_THRESHOLD,
};
use super::Obmalloc;

/// One row of the size-class table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SizeClassStats {
    /// Pools of this class in use (used or full; empty pools belong to no class).
    pub num_pools: usize,
    /// Blocks handed out and not freed (the sum of the pools' `ref_count`).
    pub blocks_in_use: usize,
    /// `num_pools × blocks_per_pool − blocks_in_use`: free blocks, carved or not.
    pub avail_blocks: usize,
}

/// One pool in use (used or full), where it is and how full: the per-pool detail behind a
/// [`SizeClassStats`] row, for pictures of the heap (`refpy --visualize`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolUsage {
    /// The pool's size class (`szidx`).
    pub size_class_index: usize,
    /// Index of its arena's descriptor in the arena vector, as in [`BlockInfo`](super::BlockInfo).
    pub arena_index: usize,
    /// Position of the pool in its arena, from 0.
    pub pool_index: usize,
    /// Blocks handed out and not freed (the pool's `ref_count`).
    pub blocks_in_use: usize,
}

/// A snapshot of the heap's counts, exact at the time of [`stats`](super::stats).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MallocStats {
    /// Per size class, indexed by class; the block size is `INDEX2SIZE[i]`.
    pub classes: [SizeClassStats; NB_SMALL_SIZE_CLASSES],
    /// Arenas ever allocated.
    pub arenas_allocated_total: usize,
    /// Arenas returned to the system (`total − current`).
    pub arenas_reclaimed: usize,
    /// Most arenas allocated at one time.
    pub arenas_highwater_mark: usize,
    /// Arenas allocated now.
    pub arenas_allocated_current: usize,
    /// Blocks from the system allocator (requests of 0 or more than 512 bytes) in use.
    pub large_blocks: usize,
    /// Bytes in those blocks (a 0-byte request counts 1; size prefixes not counted).
    pub large_bytes: usize,
    /// Bytes in pool blocks handed out.
    pub bytes_in_allocated_blocks: usize,
    /// Bytes in free pool blocks of used and full pools (carved or not).
    pub bytes_in_available_blocks: usize,
    /// Empty pools plus pools never carved, over all arenas.
    pub unused_pools: usize,
    /// `num_pools × POOL_OVERHEAD` over all classes.
    pub bytes_lost_to_pool_headers: usize,
    /// Tails of used and full pools too small for one more block.
    pub bytes_lost_to_quantization: usize,
    /// Pools lost because an arena is not POOL_SIZE-aligned: always 0 in refpy.
    pub bytes_lost_to_arena_alignment: usize,
}

impl MallocStats {
    /// Pool blocks in use, over all classes.
    pub fn small_blocks_in_use(&self) -> usize {
        self.classes.iter().map(|c| c.blocks_in_use).sum()
    }

    /// `sys.getallocatedblocks()`: pool blocks plus system blocks in use.
    pub fn allocated_blocks(&self) -> usize {
        self.small_blocks_in_use() + self.large_blocks
    }

    /// Bytes in unused pools.
    pub fn bytes_in_unused_pools(&self) -> usize {
        self.unused_pools * POOL_SIZE
    }

    /// The sum of the six byte lines; equals `arenas_allocated_current × ARENA_SIZE`.
    pub fn total_bytes(&self) -> usize {
        self.bytes_in_allocated_blocks
            + self.bytes_in_available_blocks
            + self.bytes_in_unused_pools()
            + self.bytes_lost_to_pool_headers
            + self.bytes_lost_to_quantization
            + self.bytes_lost_to_arena_alignment
    }

    /// The text of the allocator part of CPython 3.11's `sys._debugmallocstats()`: the
    /// threshold line, the size-class table (classes with no pool skipped), the arena counts
    /// and the byte lines ending in "Total".
    ///
    /// # Panics
    /// If the byte lines do not add up to arenas × ARENA_SIZE (a bug in the allocator).
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Small block threshold = {SMALL_REQUEST_THRESHOLD}, in {NB_SMALL_SIZE_CLASSES} size classes.\n"
        );
        out.push_str("class   size   num pools   blocks in use  avail blocks\n");
        out.push_str("-----   ----   ---------   -------------  ------------\n");
        for (i, c) in self.classes.iter().enumerate() {
            if c.num_pools == 0 {
                debug_assert!(c.blocks_in_use == 0 && c.avail_blocks == 0);
                continue;
            }
            class_row(&mut out, i, c);
        }
        out.push('\n');
        let narenas = self.arenas_allocated_current;
        printone(&mut out, "# arenas allocated total", self.arenas_allocated_total);
        printone(&mut out, "# arenas reclaimed", self.arenas_reclaimed);
        printone(&mut out, "# arenas highwater mark", self.arenas_highwater_mark);
        printone(&mut out, "# arenas allocated current", narenas);
        printone(&mut out, &format!("{narenas} arenas * {ARENA_SIZE} bytes/arena"), narenas * ARENA_SIZE);
        out.push('\n');
        let mut total = printone(&mut out, "# bytes in allocated blocks", self.bytes_in_allocated_blocks);
        total += printone(&mut out, "# bytes in available blocks", self.bytes_in_available_blocks);
        total += printone(
            &mut out,
            &format!("{} unused pools * {POOL_SIZE} bytes", self.unused_pools),
            self.bytes_in_unused_pools(),
        );
        total += printone(&mut out, "# bytes lost to pool headers", self.bytes_lost_to_pool_headers);
        total += printone(&mut out, "# bytes lost to quantization", self.bytes_lost_to_quantization);
        total += printone(&mut out, "# bytes lost to arena alignment", self.bytes_lost_to_arena_alignment);
        printone(&mut out, "Total", total);
        assert_eq!(
            total,
            narenas * ARENA_SIZE,
            "obmalloc: the byte lines must add up to arenas * ARENA_SIZE"
        );
        out
    }
}

/// One row of the size-class table (`"%5u %6u %11zu %15zu %13zu"` in obmalloc.c).
pub(super) fn class_row(out: &mut String, szidx: usize, c: &SizeClassStats) {
    let _ = writeln!(
        out,
        "{szidx:5} {:6} {:11} {:15} {:13}",
        INDEX2SIZE[szidx], c.num_pools, c.blocks_in_use, c.avail_blocks
    );
}

/// One `name = value` line as obmalloc.c's `printone`: the name padded to column 35, `=`, the
/// value right-aligned in 21 characters with thousands separators. Returns `value`.
pub(super) fn printone(out: &mut String, name: &str, value: usize) -> usize {
    let _ = writeln!(out, "{name:<35}={:>21}", with_thousands_separators(value));
    value
}

/// `1234567` → `"1,234,567"`.
fn with_thousands_separators(value: usize) -> String {
    let digits = value.to_string();
    let mut s = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            s.push(',');
        }
        s.push(ch);
    }
    s
}

impl Obmalloc {
    /// Live arena descriptors with their index.
    fn live_arenas(&self) -> impl Iterator<Item = (usize, *mut ArenaObject)> + '_ {
        (0..self.maxarenas).filter_map(move |i| {
            // SAFETY: `i < maxarenas`, the length of the `arenas` vector.
            let ao = unsafe { self.arenas.add(i) };
            // SAFETY: every entry of the vector is initialised (`grow_arenas`).
            let live = unsafe { !(*ao).address.is_null() };
            live.then_some((i, ao))
        })
    }

    /// Carved pools of a live arena with whether each is empty (on `freepools`).
    ///
    /// # Safety
    /// `ao` is a live arena descriptor.
    unsafe fn carved_pools(&self, ao: *mut ArenaObject) -> impl Iterator<Item = (*mut PoolHeader, bool)> {
        // SAFETY: `ao` is live (caller): `address..pool_address` are its carved pools, and its
        // `freepools` list holds some of them, linked through `nextpool`.
        unsafe {
            let base = (*ao).address;
            let ncarved = ((*ao).pool_address.addr() - base.addr()) / POOL_SIZE;
            let mut empty: u64 = 0;
            let mut p = (*ao).freepools;
            let mut steps = 0;
            while !p.is_null() && steps <= MAX_POOLS_IN_ARENA {
                empty |= 1 << ((p.addr() - base.addr()) / POOL_SIZE);
                p = (*p).nextpool;
                steps += 1;
            }
            (0..ncarved).map(move |k| (base.add(k * POOL_SIZE).cast::<PoolHeader>(), empty & (1 << k) != 0))
        }
    }

    /// The counts of `_PyObject_DebugMallocStats`, gathered by walking every arena.
    pub(super) fn stats(&self) -> MallocStats {
        let mut s = MallocStats {
            arenas_allocated_total: self.ntimes_arena_allocated,
            arenas_reclaimed: self.ntimes_arena_allocated - self.narenas_currently_allocated,
            arenas_highwater_mark: self.narenas_highwater,
            arenas_allocated_current: self.narenas_currently_allocated,
            large_blocks: self.raw_allocated_blocks,
            large_bytes: self.raw_allocated_bytes,
            ..MallocStats::default()
        };
        for (_, ao) in self.live_arenas() {
            // SAFETY: `ao` is live; its carved pools that are not empty have initialised headers
            // (`allocate_from_new_pool`).
            unsafe {
                s.unused_pools += (*ao).nfreepools as usize;
                for (pool, empty) in self.carved_pools(ao) {
                    if empty {
                        continue;
                    }
                    let szidx = (*pool).szidx as usize;
                    let used = (*pool).ref_count as usize;
                    let c = &mut s.classes[szidx];
                    c.num_pools += 1;
                    c.blocks_in_use += used;
                    c.avail_blocks += blocks_per_pool(szidx) - used;
                }
            }
        }
        for (i, c) in s.classes.iter().enumerate() {
            let size = INDEX2SIZE[i];
            s.bytes_in_allocated_blocks += c.blocks_in_use * size;
            s.bytes_in_available_blocks += c.avail_blocks * size;
            s.bytes_lost_to_pool_headers += c.num_pools * POOL_OVERHEAD;
            s.bytes_lost_to_quantization += c.num_pools * ((POOL_SIZE - POOL_OVERHEAD) % size);
        }
        s
    }

    /// Every pool in use, arena by arena in descriptor order, pools in address order.
    pub(super) fn pool_usage(&self) -> Vec<PoolUsage> {
        let mut out = Vec::new();
        for (arena_index, ao) in self.live_arenas() {
            // SAFETY: `ao` is live; its carved pools that are not empty have initialised headers
            // (`allocate_from_new_pool`).
            unsafe {
                for (pool_index, (pool, empty)) in self.carved_pools(ao).enumerate() {
                    if !empty {
                        let size_class_index = (*pool).szidx as usize;
                        let blocks_in_use = (*pool).ref_count as usize;
                        out.push(PoolUsage { size_class_index, arena_index, pool_index, blocks_in_use });
                    }
                }
            }
        }
        out
    }

    /// `_Py_GetAllocatedBlocks`: raw blocks plus the `ref_count` of every carved pool (empty
    /// ones count 0).
    pub(super) fn allocated_blocks(&self) -> usize {
        let mut n = self.raw_allocated_blocks;
        for (_, ao) in self.live_arenas() {
            // SAFETY: `ao` is live, and every carved pool's `ref_count` is initialised.
            unsafe {
                for (pool, empty) in self.carved_pools(ao) {
                    if !empty {
                        n += (*pool).ref_count as usize;
                    }
                }
            }
        }
        n
    }

    /// See [`check_invariants`](super::check_invariants).
    pub(super) fn check_invariants(&self) {
        // SAFETY: reads only descriptors of the `arenas` vector, headers of carved pools of
        // live arenas and free-list links inside them, all initialised; every walk is bounded.
        unsafe { self.check_invariants_inner() }
    }

    unsafe fn check_invariants_inner(&self) {
        // SAFETY: see `check_invariants`.
        unsafe {
            // Descriptors on unused_arena_objects are exactly those with a null address.
            let mut unused = FxHashSet::default();
            let mut ao = self.unused_arena_objects;
            while !ao.is_null() {
                assert!(unused.insert(ao), "unused_arena_objects has a cycle");
                assert!(unused.len() <= self.maxarenas, "unused_arena_objects too long");
                assert!((*ao).address.is_null(), "a descriptor on unused_arena_objects has an arena");
                ao = (*ao).nextarena;
            }
            let nlive = self.live_arenas().count();
            assert_eq!(
                unused.len() + nlive,
                self.maxarenas,
                "a descriptor with no arena is off unused_arena_objects"
            );
            assert_eq!(nlive, self.narenas_currently_allocated, "narenas_currently_allocated");
            assert_eq!(nlive, self.arena_map.len(), "arena map size");
            assert!(self.narenas_highwater >= nlive && self.ntimes_arena_allocated >= self.narenas_highwater);

            // usable_arenas: well linked, sorted, nfp2lasta right, one wholly free arena at most.
            let mut usable = FxHashSet::default();
            let mut last_with = [ptr::null_mut::<ArenaObject>(); MAX_POOLS_IN_ARENA + 1];
            let mut prev: *mut ArenaObject = ptr::null_mut();
            let mut ao = self.usable_arenas;
            while !ao.is_null() {
                assert!(usable.insert(ao), "usable_arenas has a cycle");
                assert!(!(*ao).address.is_null(), "usable_arenas holds an unused descriptor");
                assert!((*ao).prevarena == prev, "usable_arenas: prevarena link broken");
                let nf = (*ao).nfreepools as usize;
                assert!(nf > 0, "usable_arenas holds a full arena");
                if !prev.is_null() {
                    assert!((*prev).nfreepools as usize <= nf, "usable_arenas not sorted by nfreepools");
                }
                if nf == (*ao).ntotalpools as usize {
                    assert!((*ao).nextarena.is_null(), "a wholly free arena is not the last usable one");
                }
                last_with[nf] = ao;
                prev = ao;
                ao = (*ao).nextarena;
            }
            assert_eq!(last_with, self.nfp2lasta, "nfp2lasta is not the last arena per nfreepools");

            // Every live arena and its pools.
            let mut used_pools = FxHashSet::default();
            for (i, ao) in self.live_arenas() {
                let base = (*ao).address;
                assert_eq!(base.addr() & ARENA_SIZE_MASK, 0, "arena not ARENA_SIZE-aligned");
                assert!(self.arena_map.contains(base.addr()), "live arena missing from the arena map");
                assert_eq!((*ao).ntotalpools as usize, MAX_POOLS_IN_ARENA);
                let carved = (*ao).pool_address.addr() - base.addr();
                assert!(
                    carved.is_multiple_of(POOL_SIZE) && carved <= ARENA_SIZE,
                    "pool_address out of the arena"
                );
                let ncarved = carved / POOL_SIZE;
                let nf = (*ao).nfreepools as usize;
                assert_eq!(nf > 0, usable.contains(&ao), "arena on usable_arenas iff it has a free pool");
                if nf == 0 {
                    assert!((*ao).nextarena.is_null() && (*ao).prevarena.is_null(), "full arena with links");
                }
                let mut nempty = 0;
                let mut p = (*ao).freepools;
                while !p.is_null() {
                    nempty += 1;
                    assert!(nempty <= ncarved, "freepools longer than the carved pools");
                    let off = p.addr().wrapping_sub(base.addr());
                    assert!(off < carved && off.is_multiple_of(POOL_SIZE), "freepools holds a foreign pool");
                    p = (*p).nextpool;
                }
                assert_eq!(nf, nempty + (MAX_POOLS_IN_ARENA - ncarved), "nfreepools");
                for (pool, empty) in self.carved_pools(ao) {
                    assert_eq!((*pool).arenaindex as usize, i, "pool arenaindex");
                    check_pool(pool, empty);
                    if !empty && !(*pool).freeblock.is_null() {
                        used_pools.insert(pool);
                    }
                }
            }

            // usedpools holds exactly the used pools, each under its class.
            let mut listed = 0;
            for (szidx, &head) in self.usedpools.iter().enumerate() {
                let mut prev: *mut PoolHeader = ptr::null_mut();
                let mut pool = head;
                while !pool.is_null() {
                    listed += 1;
                    assert!(listed <= used_pools.len(), "usedpools holds a pool that is not used");
                    assert!(used_pools.contains(&pool), "usedpools holds a pool that is not used");
                    assert_eq!((*pool).szidx as usize, szidx, "pool in usedpools of another class");
                    assert!((*pool).prevpool == prev, "usedpools: prevpool link broken");
                    prev = pool;
                    pool = (*pool).nextpool;
                }
            }
            assert_eq!(listed, used_pools.len(), "a used pool is missing from usedpools");

            // The accounting closes.
            let s = self.stats();
            assert_eq!(s.total_bytes(), nlive * ARENA_SIZE, "byte lines must add up to arenas * ARENA_SIZE");
            assert_eq!(s.bytes_lost_to_arena_alignment, 0);
            assert_eq!(s.allocated_blocks(), self.allocated_blocks());
        }
    }
}

/// Checks one carved pool: its counts against its free list and carving state.
///
/// # Safety
/// `pool` is a carved pool of a live arena; `empty` says whether it is on `freepools`.
unsafe fn check_pool(pool: *mut PoolHeader, empty: bool) {
    // Pools on a usedpools list were initialised for a class when carved (an empty,
    // never-used pool is on no list), and free-list links are range-checked below.
    // SAFETY: the pool's header is initialised, and every link followed is checked
    // to point inside the pool first.
    unsafe {
        let szidx = (*pool).szidx;
        assert!((szidx as usize) < NB_SMALL_SIZE_CLASSES, "pool with an invalid szidx {szidx:#x}");
        assert_ne!(szidx, DUMMY_SIZE_IDX);
        let szidx = szidx as usize;
        let size = INDEX2SIZE[szidx];
        let capacity = blocks_per_pool(szidx);
        assert_eq!((*pool).maxnextoffset as usize, POOL_SIZE - size, "maxnextoffset");
        let next = (*pool).nextoffset as usize;
        assert!(
            next >= POOL_OVERHEAD + 2 * size && (next - POOL_OVERHEAD).is_multiple_of(size),
            "nextoffset"
        );
        assert!(next <= POOL_SIZE - size + size, "nextoffset past the pool");
        let ncarved = (next - POOL_OVERHEAD) / size;
        assert!(ncarved <= capacity);
        let mut seen = vec![false; capacity];
        let mut nfree = 0;
        let mut bp = (*pool).freeblock;
        while !bp.is_null() {
            let off = bp.addr().wrapping_sub(pool.addr());
            assert!(
                off >= POOL_OVERHEAD && off < next && (off - POOL_OVERHEAD).is_multiple_of(size),
                "bad free block"
            );
            let k = (off - POOL_OVERHEAD) / size;
            assert!(!seen[k], "free list has a cycle or a duplicate");
            seen[k] = true;
            nfree += 1;
            bp = bp.cast::<*mut u8>().read();
        }
        let used = (*pool).ref_count as usize;
        assert_eq!(used + nfree, ncarved, "ref_count + free blocks != carved blocks");
        if empty {
            assert_eq!(used, 0, "an empty pool has blocks in use");
        } else {
            assert!(used > 0, "a pool with no block in use is not on freepools");
            // Blocks are carved as soon as the free list runs dry, so a null freeblock means full.
            assert_eq!((*pool).freeblock.is_null(), used == capacity, "full iff freeblock is null");
            if (*pool).freeblock.is_null() {
                assert!(next > POOL_SIZE - size, "a full pool has untouched blocks");
            }
        }
    }
}
