//! Tests of the allocator: tables, transitions, arena release, realloc, statistics text,
//! and a randomized run against a model of the live blocks.
//!
//! Tests that count pools or arenas run in a fresh thread ([`fresh_heap`]) so that they see
//! an empty heap of their own, whatever else ran on the test thread before.

use std::collections::BTreeMap;
use std::ptr::NonNull;

use super::arena::{ArenaMap, ArenaObject};
use super::pool::{pool_addr, PoolHeader};
use super::*;

/// Runs `f` on a new thread, hence on an empty heap, and propagates its panic. The heap must
/// be empty when `f` returns; it is then torn down (so that Miri sees no leak).
fn fresh_heap<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    let run = move || {
        let r = f();
        assert_eq!(allocated_blocks(), 0, "the test leaked blocks");
        // SAFETY: no block is in use any more.
        unsafe { teardown() };
        r
    };
    match std::thread::spawn(run).join() {
        Ok(r) => r,
        Err(e) => std::panic::resume_unwind(e),
    }
}

fn alloc(n: usize) -> NonNull<u8> {
    malloc(n).expect("out of memory")
}

fn release(p: NonNull<u8>) {
    // SAFETY: every pointer the tests pass here came from `alloc`/`realloc` on this thread
    // and is freed once.
    unsafe { free(p) }
}

fn resize(p: NonNull<u8>, n: usize) -> NonNull<u8> {
    // SAFETY: as for `release`; the old pointer is not used afterwards.
    unsafe { realloc(p, n) }.expect("out of memory")
}

fn head_of_usedpools(szidx: usize) -> *mut PoolHeader {
    with_state(|st| st.usedpools[szidx])
}

fn usable_arenas_nfreepools() -> Vec<u32> {
    with_state(|st| {
        let mut v = Vec::new();
        let mut ao: *mut ArenaObject = st.usable_arenas;
        while !ao.is_null() {
            // SAFETY: arenas on usable_arenas are live descriptors.
            unsafe {
                v.push((*ao).nfreepools);
                ao = (*ao).nextarena;
            }
        }
        v
    })
}

fn pool_of(p: NonNull<u8>) -> usize {
    pool_addr(p.as_ptr()).addr()
}

/// Blocks of 512 bytes in one arena: 64 pools of 31.
const BLOCKS_512_PER_ARENA: usize = MAX_POOLS_IN_ARENA * 31;

#[test]
fn alignment() {
    fresh_heap(|| {
        let sizes =
            [0, 1, 7, 8, 15, 16, 17, 24, 31, 32, 33, 100, 255, 256, 511, 512, 513, 1000, 4096, 100_000];
        let blocks: Vec<_> = sizes.iter().map(|&n| alloc(n)).collect();
        for (p, n) in blocks.iter().zip(sizes) {
            assert_eq!(p.as_ptr().addr() % ALIGNMENT, 0, "request of {n} bytes");
        }
        for p in blocks {
            release(p);
        }
        check_invariants();
    });
}

#[test]
fn size_class_table() {
    assert_eq!(POOL_OVERHEAD, 48);
    assert_eq!(std::mem::size_of::<PoolHeader>(), 48);
    assert_eq!((ALIGNMENT, SMALL_REQUEST_THRESHOLD, NB_SMALL_SIZE_CLASSES), (16, 512, 32));
    assert_eq!((POOL_SIZE, ARENA_SIZE, MAX_POOLS_IN_ARENA), (16384, 1 << 20, 64));
    // The rows of the table in size_class.rs.
    for (range, size, idx) in [(1..=16, 16, 0), (17..=32, 32, 1), (33..=48, 48, 2), (49..=64, 64, 3)] {
        for n in range {
            assert_eq!((size_class(n), block_size(n)), (idx, Some(size)), "request of {n}");
        }
    }
    assert_eq!((size_class(481), size_class(496), size_class(497), size_class(512)), (30, 30, 31, 31));
    assert_eq!((block_size(0), block_size(513), block_size(usize::MAX)), (None, None, None));
    for n in 1..=SMALL_REQUEST_THRESHOLD {
        assert_eq!(size_class(n), (n - 1) >> 4);
        assert_eq!(block_size(n), Some(n.div_ceil(16) * 16));
    }
    for (i, &size) in INDEX2SIZE.iter().enumerate() {
        assert_eq!(size, (i + 1) * 16);
    }
    // Blocks per pool, as in the fact sheet and `_debugmallocstats` columns.
    let per_pool: Vec<_> = [16, 32, 48, 64, 80, 96, 128, 256, 384, 512]
        .iter()
        .map(|&size| blocks_per_pool(size_class(size)))
        .collect();
    assert_eq!(per_pool, [1021, 510, 340, 255, 204, 170, 127, 63, 42, 31]);
}

#[test]
fn lifo_reuse_of_freed_blocks() {
    fresh_heap(|| {
        let a = alloc(24);
        let b = alloc(30);
        let c = alloc(17);
        release(a);
        assert_eq!(alloc(32), a, "the block freed last is handed out first");
        release(b);
        release(a);
        assert_eq!(alloc(20), a);
        assert_eq!(alloc(20), b);
        for p in [a, b, c] {
            release(p);
        }
        check_invariants();
    });
}

#[test]
fn blocks_are_carved_lazily_in_address_order() {
    fresh_heap(|| {
        let size = 48;
        let blocks: Vec<_> = (0..5).map(|_| alloc(size)).collect();
        let pool = pool_of(blocks[0]);
        for (k, p) in blocks.iter().enumerate() {
            assert_eq!(p.as_ptr().addr(), pool + POOL_OVERHEAD + k * size);
        }
        let szidx = size_class(size);
        // SAFETY: the pool is live (it holds the blocks above).
        let (nextoffset, maxnextoffset) = unsafe {
            let h = head_of_usedpools(szidx);
            ((*h).nextoffset as usize, (*h).maxnextoffset as usize)
        };
        // Five blocks handed out and one carved onto the free list.
        assert_eq!(nextoffset, POOL_OVERHEAD + 6 * size);
        assert_eq!(maxnextoffset, POOL_SIZE - size);
        blocks.into_iter().for_each(release);
        check_invariants();
    });
}

#[test]
fn pool_full_used_empty_transitions() {
    fresh_heap(|| {
        let szidx = size_class(512);
        let mut first: Vec<_> = (0..31).map(|_| alloc(512)).collect();
        // Full: the pool left usedpools.
        assert!(head_of_usedpools(szidx).is_null());
        let c = stats().classes[szidx];
        assert_eq!((c.num_pools, c.blocks_in_use, c.avail_blocks), (1, 31, 0));
        check_invariants();

        // A second pool serves the class now.
        let other = alloc(512);
        assert_ne!(pool_of(other), pool_of(first[0]));
        assert_eq!(head_of_usedpools(szidx).addr(), pool_of(other));

        // Full -> used: one free puts the first pool at the front of usedpools.
        let freed = first.pop().unwrap();
        release(freed);
        assert_eq!(head_of_usedpools(szidx).addr(), pool_of(freed));
        check_invariants();
        assert_eq!(alloc(512), freed);
        release(freed);

        // Used -> empty: the pool goes to its arena's freepools and counts as unused.
        let unused_before = stats().unused_pools;
        for p in first.drain(..) {
            release(p);
        }
        let s = stats();
        assert_eq!(s.unused_pools, unused_before + 1);
        assert_eq!(s.classes[szidx].num_pools, 1);
        check_invariants();

        // Empty -> used by another class: the cached pool is reused before carving a new one.
        let small = alloc(8);
        assert_eq!(pool_of(small), pool_of(freed));
        assert_eq!(small.as_ptr().addr(), pool_of(freed) + POOL_OVERHEAD);
        check_invariants();
        release(small);
        release(other);
        check_invariants();
    });
}

#[test]
fn empty_pool_reused_for_its_old_class_keeps_its_free_list() {
    fresh_heap(|| {
        let a = alloc(64);
        let b = alloc(64);
        let pool = pool_of(a);
        release(a);
        release(b); // empty now; its free list is b -> a -> (the carved third block)
        let c = alloc(64);
        assert_eq!(pool_of(c), pool);
        assert_eq!(c, b, "the header and free list of the same class are reused as they are");
        release(c);
        check_invariants();
    });
}

#[test]
fn arena_released_when_wholly_free_except_the_last_usable_one() {
    fresh_heap(|| {
        let arenas: Vec<Vec<_>> =
            (0..3).map(|_| (0..BLOCKS_512_PER_ARENA).map(|_| alloc(512)).collect()).collect();
        let s = stats();
        assert_eq!((s.arenas_allocated_current, s.unused_pools), (3, 0));
        assert!(usable_arenas_nfreepools().is_empty(), "full arenas are on no list");
        check_invariants();

        let mut arenas = arenas.into_iter();
        // Arena A drains completely, but it is the only (hence last) usable arena: kept.
        arenas.next().unwrap().into_iter().for_each(release);
        assert_eq!(stats().arenas_allocated_current, 3);
        assert_eq!(usable_arenas_nfreepools(), [64]);
        check_invariants();
        // B and C drain too; each is then followed by A, so each is released.
        for (k, blocks) in arenas.enumerate() {
            for (i, p) in blocks.into_iter().enumerate() {
                release(p);
                if i % 97 == 0 {
                    check_invariants();
                }
            }
            assert_eq!(stats().arenas_allocated_current, 2 - k);
        }
        let s = stats();
        assert_eq!((s.arenas_allocated_total, s.arenas_reclaimed, s.arenas_highwater_mark), (3, 2, 3));
        assert_eq!(usable_arenas_nfreepools(), [64]);
        // Allocating again reuses the kept arena.
        let p = alloc(100);
        assert_eq!(stats().arenas_allocated_total, 3);
        release(p);
        check_invariants();
    });
}

#[test]
fn wholly_free_arena_before_the_tail_is_released() {
    fresh_heap(|| {
        let a: Vec<_> = (0..BLOCKS_512_PER_ARENA).map(|_| alloc(512)).collect();
        let b = alloc(512); // arena B, 63 free pools
        assert_eq!(stats().arenas_allocated_current, 2);
        // A drains; once it has more free pools than B it sits behind B, and when wholly free
        // it is not the last usable arena, so it goes back to the system.
        for (i, p) in a.into_iter().enumerate() {
            release(p);
            if i % 31 == 0 {
                check_invariants();
            }
        }
        assert_eq!(stats().arenas_allocated_current, 1);
        assert_eq!(usable_arenas_nfreepools(), [63]);
        // B drains: the last usable arena is kept (bpo-37257).
        release(b);
        let s = stats();
        assert_eq!((s.arenas_allocated_current, s.arenas_reclaimed), (1, 1));
        assert_eq!(usable_arenas_nfreepools(), [64]);
        check_invariants();
    });
}

#[test]
fn usable_arenas_stay_sorted_under_shuffled_frees() {
    fresh_heap(|| {
        let mut rng = XorShift(0x1234_5678_9abc_def1);
        let n = if cfg!(miri) { 2 * BLOCKS_512_PER_ARENA } else { 5 * BLOCKS_512_PER_ARENA };
        let mut blocks: Vec<_> = (0..n).map(|_| alloc(512)).collect();
        for i in (1..blocks.len()).rev() {
            blocks.swap(i, rng.below(i + 1));
        }
        for (i, p) in blocks.into_iter().enumerate() {
            release(p);
            if i % 61 == 0 {
                check_invariants();
                let nfp = usable_arenas_nfreepools();
                assert!(nfp.windows(2).all(|w| w[0] <= w[1]), "{nfp:?}");
            }
        }
        check_invariants();
        assert_eq!(stats().arenas_allocated_current, 1);
    });
}

#[test]
#[cfg_attr(miri, ignore = "allocates 40 MiB of arenas")]
fn arena_vector_and_map_grow_and_shrink() {
    fresh_heap(|| {
        // 40 arenas: the descriptor vector grows 16 -> 32 -> 64, the arena map 32 -> 64 -> 128.
        let blocks: Vec<_> = (0..40 * BLOCKS_512_PER_ARENA).map(|_| alloc(512)).collect();
        assert_eq!(stats().arenas_allocated_current, 40);
        assert_eq!(with_state(|st| st.maxarenas), 64);
        check_invariants();
        for p in blocks {
            release(p);
        }
        let s = stats();
        assert_eq!((s.arenas_allocated_current, s.arenas_reclaimed, s.arenas_highwater_mark), (1, 39, 40));
        check_invariants();
        // Descriptors are recycled: 40 arenas again need no bigger vector.
        let blocks: Vec<_> = (0..40 * BLOCKS_512_PER_ARENA).map(|_| alloc(512)).collect();
        assert_eq!(with_state(|st| st.maxarenas), 64);
        assert_eq!(stats().arenas_allocated_total, 79);
        check_invariants();
        blocks.into_iter().for_each(release);
    });
}

#[test]
fn arena_map_matches_a_set() {
    let mut map = ArenaMap::new();
    let mut model = std::collections::HashSet::new();
    let mut rng = XorShift(42);
    assert!(!map.contains(0) && !map.contains(usize::MAX));
    for _ in 0..if cfg!(miri) { 500 } else { 20_000 } {
        // Few distinct bases, clustered, so probe sequences collide and wrap.
        let base = (rng.below(300) + 1) << ARENA_BITS;
        if model.contains(&base) {
            map.remove(base);
            model.remove(&base);
        } else {
            assert!(map.insert(base));
            model.insert(base);
        }
        assert_eq!(map.len(), model.len());
        let probe = (rng.below(302) << ARENA_BITS) + rng.below(ARENA_SIZE);
        assert_eq!(map.contains(probe), model.contains(&(probe & !ARENA_SIZE_MASK)));
    }
    for &base in &model {
        assert!(map.contains(base + ARENA_SIZE - 1));
    }
    map.free_table();
    assert!(map.len() == 0 && !map.contains(1 << ARENA_BITS));
}

#[test]
fn teardown_leaves_an_empty_heap() {
    fresh_heap(|| {
        let small: Vec<_> = (0..3000).map(|i| alloc(1 + i % 512)).collect();
        let big = alloc(10_000);
        fill(big, 10_000, 1);
        assert!(stats().arenas_allocated_current >= 1);
        // SAFETY: the small blocks are forgotten, never used again.
        unsafe { teardown() };
        drop(small);
        let s = stats();
        assert_eq!(
            (s.arenas_allocated_current, s.arenas_allocated_total, s.small_blocks_in_use()),
            (0, 0, 0)
        );
        assert_eq!((s.large_blocks, allocated_blocks()), (1, 1));
        check_invariants();
        // The system block survived, and the heap works again.
        check(big, 10_000, 1);
        let p = alloc(100);
        assert_eq!(stats().arenas_allocated_current, 1);
        check_invariants();
        release(p);
        release(big);
    });
}

#[test]
fn realloc_in_place_and_moving() {
    fresh_heap(|| {
        let p = alloc(100); // class of 112 bytes
        fill(p, 100, 7);
        // Fits and shrinks by less than 25%: kept (4 * n > 3 * 112 = 336).
        assert_eq!(resize(p, 112), p);
        assert_eq!(resize(p, 85), p);
        // 84 bytes would waste a quarter: moved to the 96-byte class, prefix copied.
        let q = resize(p, 84);
        assert_ne!(q, p);
        assert_eq!(block_size(84), Some(96));
        check(q, 84, 7);
        // Growing past the block moves it.
        let r = resize(q, 300);
        assert_ne!(r, q);
        check(r, 84, 7);
        assert_eq!(allocated_blocks(), 1);
        // Shrinking to 0 goes to the system allocator, as malloc(0) does.
        let z = resize(r, 0);
        assert_eq!(stats().large_blocks, 1);
        // A system block stays a system block, even when it shrinks to a small size.
        let big = alloc(2000);
        fill(big, 2000, 9);
        let big2 = resize(big, 5000);
        check(big2, 2000, 9);
        let small = resize(big2, 40);
        check(small, 40, 9);
        let s = stats();
        assert_eq!((s.large_blocks, s.large_bytes, s.small_blocks_in_use()), (2, 1 + 40, 0));
        release(small);
        release(z);
        assert_eq!(allocated_blocks(), 0);
        check_invariants();
    });
}

#[test]
fn large_blocks_are_counted() {
    fresh_heap(|| {
        let blocks = [alloc(0), alloc(513), alloc(1 << 20), alloc(3 << 20)];
        for p in blocks {
            assert_eq!(p.as_ptr().addr() % ALIGNMENT, 0);
        }
        // Miri is slow: touch only the ends of the 1 MiB block there.
        let touched = if cfg!(miri) { 4096 } else { 1 << 20 };
        fill(blocks[2], touched, 3);
        let s = stats();
        assert_eq!((s.large_blocks, s.large_bytes), (4, 1 + 513 + (1 << 20) + (3 << 20)));
        assert_eq!(s.arenas_allocated_current, 0, "large blocks use no arena");
        assert_eq!(allocated_blocks(), 4);
        check(blocks[2], touched, 3);
        blocks.into_iter().for_each(release);
        let s = stats();
        assert_eq!((s.large_blocks, s.large_bytes), (0, 0));
        assert!(malloc(usize::MAX).is_none() && malloc(isize::MAX as usize).is_none());
        check_invariants();
    });
}

/// 10 blocks of 16 bytes and 3 of 512 in a fresh heap, worked out by hand.
fn sample_heap() -> Vec<NonNull<u8>> {
    let mut v: Vec<_> = (0..10).map(|_| alloc(16)).collect();
    v.extend((0..3).map(|_| alloc(512)));
    v
}

#[test]
fn stats_arithmetic() {
    fresh_heap(|| {
        let blocks = sample_heap();
        let s = stats();
        assert_eq!(s.classes[0], SizeClassStats { num_pools: 1, blocks_in_use: 10, avail_blocks: 1011 });
        assert_eq!(s.classes[31], SizeClassStats { num_pools: 1, blocks_in_use: 3, avail_blocks: 28 });
        assert_eq!(s.bytes_in_allocated_blocks, 10 * 16 + 3 * 512);
        assert_eq!(s.bytes_in_available_blocks, 1011 * 16 + 28 * 512);
        assert_eq!(s.unused_pools, 62);
        assert_eq!(s.bytes_lost_to_pool_headers, 2 * 48);
        // 16336 = POOL_SIZE - POOL_OVERHEAD: no tail for 16-byte blocks, 464 for 512-byte ones.
        assert_eq!(s.bytes_lost_to_quantization, 16336 - 31 * 512);
        assert_eq!(s.bytes_lost_to_arena_alignment, 0);
        assert_eq!(s.total_bytes(), ARENA_SIZE);
        assert_eq!(s.allocated_blocks(), 13);
        assert_eq!(allocated_blocks(), 13);
        blocks.into_iter().for_each(release);
        // All pools empty; the arena stays (the last usable one).
        let s = stats();
        assert_eq!((s.unused_pools, s.total_bytes(), s.allocated_blocks()), (64, ARENA_SIZE, 0));
    });
}

#[test]
fn debug_malloc_stats_text() {
    let text = fresh_heap(|| {
        let blocks = sample_heap();
        let text = debug_malloc_stats();
        blocks.into_iter().for_each(release);
        text
    });
    let expected = "\
Small block threshold = 512, in 32 size classes.

class   size   num pools   blocks in use  avail blocks
-----   ----   ---------   -------------  ------------
    0     16           1              10          1011
   31    512           1               3            28

# arenas allocated total           =                    1
# arenas reclaimed                 =                    0
# arenas highwater mark            =                    1
# arenas allocated current         =                    1
1 arenas * 1048576 bytes/arena     =            1,048,576

# bytes in allocated blocks        =                1,696
# bytes in available blocks        =               30,512
62 unused pools * 16384 bytes      =            1,015,808
# bytes lost to pool headers       =                   96
# bytes lost to quantization       =                  464
# bytes lost to arena alignment    =                    0
Total                              =            1,048,576
";
    assert_eq!(text, expected);
    for line in text.lines().filter(|l| l.contains('=') && !l.starts_with("Small")) {
        assert_eq!((line.find('='), line.len()), (Some(35), 57), "{line:?}");
    }
}

#[test]
fn debug_malloc_stats_lines_match_cpython_samples() {
    // Lines of the fact sheet's sample (CPython 3.11.7), rebuilt from their numbers.
    let mut out = String::new();
    stats::printone(&mut out, "# arenas allocated total", 9);
    stats::printone(&mut out, "9 arenas * 1048576 bytes/arena", 9_437_184);
    stats::printone(&mut out, "17 unused pools * 16384 bytes", 278_528);
    stats::printone(&mut out, "Total", 9_437_184);
    stats::printone(&mut out, "x", 1_234_567_890_123);
    assert_eq!(
        out,
        "# arenas allocated total           =                    9\n\
         9 arenas * 1048576 bytes/arena     =            9,437,184\n\
         17 unused pools * 16384 bytes      =              278,528\n\
         Total                              =            9,437,184\n\
         x                                  =    1,234,567,890,123\n"
    );
    let mut out = String::new();
    let row = |i, num_pools, blocks_in_use, avail_blocks| {
        let c = SizeClassStats { num_pools, blocks_in_use, avail_blocks };
        let mut s = String::new();
        stats::class_row(&mut s, i, &c);
        s
    };
    out.push_str(&row(0, 6, 6107, 19));
    out.push_str(&row(3, 132, 33559, 101));
    out.push_str(&row(31, 2, 50, 12));
    assert_eq!(
        out,
        "    0     16           6            6107            19\n\
         \x20   3     64         132           33559           101\n\
         \x20  31    512           2              50            12\n"
    );
}

// ---------------------------------------------------------------------------------------
// Randomized run against a model.

/// xorshift64*: a small deterministic PRNG.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Writes `n` bytes of a pattern derived from `seed` into `p`.
fn fill(p: NonNull<u8>, n: usize, seed: u8) {
    for i in 0..n {
        // SAFETY: `p` is a live block of at least `n` bytes.
        unsafe { p.as_ptr().add(i).write(seed.wrapping_add(i as u8).rotate_left(3)) };
    }
}

/// Checks the pattern of [`fill`] on the first `n` bytes of `p`.
fn check(p: NonNull<u8>, n: usize, seed: u8) {
    for i in 0..n {
        // SAFETY: `p` is a live block of at least `n` bytes, all written by `fill`.
        let b = unsafe { p.as_ptr().add(i).read() };
        assert_eq!(b, seed.wrapping_add(i as u8).rotate_left(3), "block {p:?} byte {i} clobbered");
    }
}

/// A live block of the model: requested size and fill seed, keyed by address.
#[derive(Clone, Copy)]
struct Live {
    ptr: NonNull<u8>,
    size: usize,
    seed: u8,
    /// From the system allocator; a system block stays one through `realloc`.
    large: bool,
}

struct Model {
    by_addr: BTreeMap<usize, Live>,
    addrs: Vec<usize>,
}

impl Model {
    /// Bytes the block at `addr` may use: its request, at least 1 (a 0-byte request gets 1).
    fn extent(l: &Live) -> usize {
        l.size.max(1)
    }

    fn insert(&mut self, l: Live) {
        let a = l.ptr.as_ptr().addr();
        assert_eq!(a % ALIGNMENT, 0);
        if let Some((&pa, pl)) = self.by_addr.range(..=a).next_back() {
            assert!(pa + Self::extent(pl) <= a, "block {a:#x} overlaps live block {pa:#x}");
        }
        if let Some((&na, _)) = self.by_addr.range(a..).next() {
            assert!(a + Self::extent(&l) <= na, "block {a:#x} overlaps live block {na:#x}");
        }
        self.by_addr.insert(a, l);
        self.addrs.push(a);
    }

    fn take(&mut self, i: usize) -> Live {
        let a = self.addrs.swap_remove(i);
        self.by_addr.remove(&a).unwrap()
    }
}

fn random_size(rng: &mut XorShift) -> usize {
    match rng.below(100) {
        0 => 0,
        1..=4 => 513 + rng.below(3000),
        5..=49 => 1 + rng.below(64),
        _ => 1 + rng.below(SMALL_REQUEST_THRESHOLD),
    }
}

#[test]
fn randomized_against_model() {
    let seeds: &[u64] =
        if cfg!(miri) { &[0x9E37_79B9_7F4A_7C15] } else { &[0x9E37_79B9_7F4A_7C15, 1, 0xDEAD_BEEF] };
    for &seed in seeds {
        fresh_heap(move || randomized_run(seed));
    }
}

/// One randomized run on an empty heap: alloc, free and realloc against a [`Model`].
fn randomized_run(seed: u64) {
    let mut rng = XorShift(seed);
    let mut model = Model { by_addr: BTreeMap::new(), addrs: Vec::new() };
    let (ops, peak, check_every) = if cfg!(miri) { (3_000, 600, 500) } else { (400_000, 15_000, 2_999) };
    let mut growing = true;
    for op in 0..ops {
        // Alternate between growing to `peak` live blocks and draining to empty, so pools
        // and arenas go through every transition, including release.
        if model.addrs.len() >= peak {
            growing = false;
        } else if model.addrs.is_empty() {
            growing = true;
        }
        let r = rng.below(100);
        let grow_share = if growing { 60 } else { 35 };
        if r < grow_share || model.addrs.is_empty() {
            let size = random_size(&mut rng);
            let seed = rng.next() as u8;
            let ptr = alloc(size);
            fill(ptr, size, seed);
            model.insert(Live { ptr, size, seed, large: block_size(size).is_none() });
        } else if r < 90 {
            let i = rng.below(model.addrs.len());
            let l = model.take(i);
            check(l.ptr, l.size, l.seed);
            release(l.ptr);
        } else {
            let i = rng.below(model.addrs.len());
            let l = model.take(i);
            check(l.ptr, l.size, l.seed);
            let size = random_size(&mut rng);
            let ptr = resize(l.ptr, size);
            check(ptr, size.min(l.size), l.seed);
            let seed = rng.next() as u8;
            fill(ptr, size, seed);
            model.insert(Live { ptr, size, seed, large: l.large || block_size(size).is_none() });
        }
        if op % check_every == 0 {
            check_invariants();
            assert_eq!(allocated_blocks(), model.addrs.len());
            let large = model.by_addr.values().filter(|l| l.large).count();
            assert_eq!(stats().large_blocks, large);
        }
    }
    for i in (0..model.addrs.len()).rev() {
        let l = model.take(i);
        check(l.ptr, l.size, l.seed);
        release(l.ptr);
    }
    check_invariants();
    let s = stats();
    assert_eq!(s.allocated_blocks(), 0);
    assert!(s.arenas_allocated_current <= 1);
    assert!(s.arenas_reclaimed > 0, "the run should have released arenas");
}

#[test]
fn pool_usage_lists_each_pool_in_use_with_its_place() {
    fresh_heap(|| {
        let a = alloc(24);
        let b = alloc(24);
        let c = alloc(500);
        // SAFETY: the blocks are live until released below.
        let (ia, ic) = unsafe { (block_info(a).expect("pool block"), block_info(c).expect("pool block")) };
        let usage = pool_usage();
        let place = |i: BlockInfo, n| PoolUsage {
            size_class_index: i.size_class_index,
            arena_index: i.arena_index,
            pool_index: i.pool_index,
            blocks_in_use: n,
        };
        assert_eq!(usage.len(), 2);
        assert!(usage.contains(&place(ia, 2)) && usage.contains(&place(ic, 1)));
        let stats = stats();
        for u in &usage {
            assert_eq!(stats.classes[u.size_class_index].blocks_in_use, u.blocks_in_use);
        }
        release(a);
        release(b);
        release(c);
        assert!(pool_usage().is_empty(), "an empty pool belongs to no class");
    });
}
