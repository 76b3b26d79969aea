//! Per-type free lists: CPython 3.11 keeps the blocks of some dead objects
//! to hand them to the next object of the same type, without going through
//! pymalloc or the collector's bookkeeping.
//!
//! ```text
//!  this thread's table (one entry per list, registered by the type's slots)
//!  [0] float      [b3, b7, b2]  ◄── last freed on top: the next float gets b2
//!  [1] list       [b9]
//!  [2] dict       []
//!  [3] tuple/1    [b4]          ◄── tuples: one list per length 1..=20
//!  [4] tuple/2    …
//! ```
//!
//! What this changes, as in CPython (fact sheet §1.4, §3.2):
//! - `id()`: an object put on a free list gives its address to the next
//!   object of that type (and length), LIFO, even if objects of other types
//!   of the same size class were allocated in between;
//! - `gc.get_count()`: taking a block from a free list does not count as a
//!   GC allocation (`_PyObject_GC_Link` is not reached) and putting one back
//!   does not count as a GC deallocation (`PyObject_GC_Del` is not reached);
//! - `sys.getallocatedblocks()`: a kept block stays allocated;
//! - a full collection frees every kept block ([`clear_all`],
//!   `_PyGC_ClearAllFreeLists`), through `PyObject_GC_Del` for GC types.
//!
//! A type opts in through [`TypeSlots::with_freelist`] (float, list, dict) or
//! [`TypeSlots::with_freelist_per_length`] (tuple); a heap type (a class
//! defined in Python, even one copying a built-in type's slots) never uses
//! one, as only exact built-in types do in CPython. A block on a free list
//! is raw memory: not an object, in no generation, holding no reference; the
//! payload was dropped before the block was put there.

use std::cell::RefCell;
use std::ptr::NonNull;

use crate::gc;
use crate::object::{flags, ObjHeader, TypeSlots, VarObject};
use crate::obmalloc;

/// Which dead instances of a type are kept, and where: the rule a type's
/// slots carry (see [`TypeSlots::with_freelist`]).
#[derive(Clone, Copy, Debug)]
pub struct FreeListRule {
    /// Index in this thread's table of the type's list (of its list for
    /// length 1, for var-sized types).
    first: usize,
    /// Most blocks kept per list (`PyList_MAXFREELIST`, …).
    limit: usize,
    /// Var-sized types: one list per length `1..=max_len`; 0 for fixed-size types.
    max_len: usize,
    /// Var-sized types: kept blocks are reused for lengths `1..=reuse_max_len`.
    reuse_max_len: usize,
}

/// One free list: blocks of one size class, the last one freed on top.
struct FreeList {
    blocks: Vec<NonNull<u8>>,
    /// Block size of every block in `blocks`; 0 until the first one arrives.
    block_size: usize,
    /// The blocks carry a GC head: freeing one is a GC deallocation.
    gc: bool,
}

/// This thread's free lists.
struct Table {
    /// Indexed by [`FreeListRule::first`] (+ length − 1).
    lists: Vec<FreeList>,
    /// Inside [`generic_alloc`]: allocations do not take kept blocks.
    bypassed: bool,
}

thread_local! {
    static FREE_LISTS: RefCell<Table> = const { RefCell::new(Table { lists: Vec::new(), bypassed: false }) };
}

impl TypeSlots {
    /// Keeps the blocks of up to `limit` dead instances for the next
    /// instances (CPython's float, list and dict free lists: 100, 80, 80),
    /// builder style. For fixed-size types; ignored for heap types.
    pub fn with_freelist(self, limit: usize) -> TypeSlots {
        self.with_rule(limit, 0, 0)
    }

    /// Keeps, for each length `1..=max_len`, the blocks of up to `limit` dead
    /// instances of that length, and reuses them for new instances of the
    /// same length up to `reuse_max_len`, builder style. For var-sized types.
    /// CPython 3.11's tuples keep 2000 of each length up to 20 but reuse only
    /// up to 19 (`maybe_freelist_push` tests `size - 1 < 20`,
    /// `maybe_freelist_pop` tests `size < 20`): a dead 20-tuple's block
    /// stays unused until a full collection frees it.
    pub fn with_freelist_per_length(self, limit: usize, max_len: usize, reuse_max_len: usize) -> TypeSlots {
        let max_len = max_len.max(1);
        self.with_rule(limit, max_len, reuse_max_len.min(max_len))
    }

    fn with_rule(mut self, limit: usize, max_len: usize, reuse_max_len: usize) -> TypeSlots {
        if self.flags & flags::HEAPTYPE != 0 {
            return self;
        }
        let first = FREE_LISTS.with(|t| {
            let lists = &mut t.borrow_mut().lists;
            let first = lists.len();
            let gc = self.has_gc();
            lists.extend((0..max_len.max(1)).map(|_| FreeList { blocks: Vec::new(), block_size: 0, gc }));
            first
        });
        self.freelist = Some(FreeListRule { first, limit, max_len, reuse_max_len });
        self
    }
}

/// The index of the list for an instance of `slots`' type with `len` items
/// (0 for fixed-size types), if such instances are kept (`reuse`: if kept
/// blocks are reused for them).
#[inline]
fn list_index(slots: &TypeSlots, len: usize, reuse: bool) -> Option<usize> {
    let rule = slots.freelist?;
    if slots.flags & flags::HEAPTYPE != 0 {
        return None;
    }
    let max = if reuse { rule.reuse_max_len } else { rule.max_len };
    match (slots.flags & flags::VAR_SIZED != 0, rule.max_len) {
        (false, 0) => Some(rule.first),
        (true, _) if (1..=max).contains(&len) => Some(rule.first + len - 1),
        _ => None,
    }
}

/// A kept block for a new instance of `slots`' type with `len` items (0 for
/// fixed-size types) needing `bytes` bytes, GC head included; `None` when
/// the instance must come from obmalloc. Always inlined: it is on every
/// allocation's path, and most types have no free list.
#[inline(always)]
pub(crate) fn take(slots: &TypeSlots, len: usize, bytes: usize) -> Option<NonNull<u8>> {
    let i = list_index(slots, len, true)?;
    let size = obmalloc::block_size(bytes)?;
    let block = FREE_LISTS.with(|t| {
        let mut t = t.borrow_mut();
        if t.bypassed {
            return None;
        }
        let list = t.lists.get_mut(i)?;
        if list.block_size != size {
            return None;
        }
        list.blocks.pop()
    })?;
    crate::tracemalloc::after_reuse(block);
    Some(block)
}

/// Keeps `block`, which held the object `p` of type `slots` whose payload
/// was just dropped, on its type's free list. Returns false when the object
/// does not qualify or the list is full: the caller frees the block.
///
/// # Safety
/// `block` is the live obmalloc block of `p` (from its GC head on), `p`'s
/// payload has been dropped, and nothing refers to the object any more.
#[inline]
pub(crate) unsafe fn put(slots: &TypeSlots, p: NonNull<ObjHeader>, block: NonNull<u8>) -> bool {
    let Some(rule) = slots.freelist else { return false };
    let len = if slots.flags & flags::VAR_SIZED != 0 {
        // SAFETY: a var-sized object starts as a `VarObject` (caller: the
        // block is still allocated), and dropping the payload and items
        // leaves `ob_size` as it was.
        unsafe { (*p.as_ptr().cast::<VarObject<()>>()).ob_size }
    } else {
        0
    };
    let Some(i) = list_index(slots, len, false) else { return false };
    // SAFETY: `block` is live (caller).
    let Some(size) = (unsafe { obmalloc::pool_block_size(block) }) else { return false };
    FREE_LISTS.with(|t| {
        let mut t = t.borrow_mut();
        let Some(list) = t.lists.get_mut(i) else { return false };
        if list.blocks.len() >= rule.limit || (list.block_size != 0 && list.block_size != size) {
            return false;
        }
        list.block_size = size;
        list.blocks.push(block);
        true
    })
}

/// Frees every kept block of this thread (`_PyGC_ClearAllFreeLists`, run at
/// the end of a full collection): list by list in the order the types
/// declared them, each from its top, so pymalloc's free lists end in
/// CPython's order. Blocks of GC types leave as CPython's `PyObject_GC_Del`
/// does: generation 0's count goes down for each.
pub fn clear_all() {
    let kept: Vec<(Vec<NonNull<u8>>, bool)> = FREE_LISTS
        .with(|t| t.borrow_mut().lists.iter_mut().map(|l| (std::mem::take(&mut l.blocks), l.gc)).collect());
    for (blocks, gc) in kept {
        for block in blocks.into_iter().rev() {
            if gc {
                gc::on_gc_free();
            }
            // SAFETY: a kept block is a live obmalloc block of this thread
            // that nothing refers to, and it has just left its list, so it
            // is freed exactly once.
            unsafe { obmalloc::free(block) };
        }
    }
}

/// Number of blocks kept on this thread's free lists (for tests and statistics).
pub fn kept_blocks() -> usize {
    FREE_LISTS.with(|t| t.borrow().lists.iter().map(|l| l.blocks.len()).sum())
}

/// Runs `f` with this thread's free lists out of reach: the objects it
/// allocates come from obmalloc and count as GC allocations, like the
/// objects `PyType_GenericAlloc` makes in CPython (a call of `list` or
/// `dict` does not reuse the block a dead `[]` or `{}` left, a literal does).
pub fn generic_alloc<R>(f: impl FnOnce() -> R) -> R {
    /// Restores the previous state, even when `f` unwinds.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            FREE_LISTS.with(|t| t.borrow_mut().bypassed = self.0);
        }
    }
    let _restore = Restore(FREE_LISTS.with(|t| std::mem::replace(&mut t.borrow_mut().bypassed, true)));
    f()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gc::{collect, get_count, NoHooks};
    use crate::object::{alloc, alloc_var, metatype_slots, new_type_object};
    use crate::ObjRef;

    struct Meta;
    struct Point;
    struct Tup;
    struct Node;

    struct World {
        meta: ObjRef,
        /// Fixed-size, no GC head, 3 kept blocks.
        point: ObjRef,
        /// Fixed-size GC type, 2 kept blocks.
        node: ObjRef,
        /// Var-sized GC type, 2 kept blocks per length 1..=3, reused up to length 2.
        tup: ObjRef,
        /// A type like `node` without a free list, to allocate in between.
        other: ObjRef,
    }

    impl World {
        fn new() -> World {
            let meta = new_type_object(None, metatype_slots::<Meta>(), Meta).unwrap();
            let ty = |slots| new_type_object(Some(&meta), slots, Meta).unwrap();
            World {
                point: ty(TypeSlots::new::<Point>(0).with_freelist(3)),
                node: ty(TypeSlots::new::<Node>(flags::HAVE_GC).with_freelist(2)),
                tup: ty(TypeSlots::new_var::<Tup, ObjRef>(flags::HAVE_GC).with_freelist_per_length(2, 3, 2)),
                other: ty(TypeSlots::new::<Node>(flags::HAVE_GC)),
                meta,
            }
        }

        fn tuple(&self, items: &[ObjRef]) -> ObjRef {
            alloc_var(&self.tup, Tup, items.iter().cloned(), 0).unwrap()
        }
    }

    #[test]
    fn freed_object_is_next_of_its_type_lifo() {
        let w = World::new();
        let a = alloc(&w.point, Point, 24).unwrap();
        let b = alloc(&w.point, Point, 24).unwrap();
        let (ia, ib) = (a.id(), b.id());
        drop(a);
        drop(b);
        // An object of another type of the same size class does not get them.
        let o = alloc(&w.other, Node, 24).unwrap();
        assert!(o.id() != ia && o.id() != ib);
        assert_eq!(alloc(&w.point, Point, 24).unwrap().id(), ib);
    }

    #[test]
    fn limit_and_blocks_stay_allocated() {
        let w = World::new();
        let before = obmalloc::allocated_blocks();
        let points: Vec<_> = (0..5).map(|_| alloc(&w.point, Point, 24).unwrap()).collect();
        drop(points);
        assert_eq!(kept_blocks(), 3);
        assert_eq!(obmalloc::allocated_blocks(), before + 3);
        let again: Vec<_> = (0..5).map(|_| alloc(&w.point, Point, 24).unwrap()).collect();
        assert_eq!(kept_blocks(), 0);
        assert_eq!(obmalloc::allocated_blocks(), before + 5);
        drop(again);
        clear_all();
        assert_eq!(obmalloc::allocated_blocks(), before);
    }

    #[test]
    fn gc_counts_untouched_by_free_lists() {
        let w = World::new();
        collect(2, &mut NoHooks);
        let nodes: Vec<_> = (0..4).map(|_| alloc(&w.node, Node, 0).unwrap()).collect();
        assert_eq!(get_count()[0], 4);
        drop(nodes);
        // Two went to the free list, two were freed.
        assert_eq!(get_count()[0], 2);
        let n = alloc(&w.node, Node, 0).unwrap();
        assert_eq!(get_count()[0], 2, "a block from the free list is not a GC allocation");
        assert!(n.is_tracked());
        drop(n);
        assert_eq!(get_count()[0], 2);
    }

    #[test]
    fn tuples_by_length() {
        let w = World::new();
        let x = alloc(&w.point, Point, 24).unwrap();
        let one = w.tuple(std::slice::from_ref(&x));
        let two = w.tuple(&[x.clone(), x.clone()]);
        let four = w.tuple(&[x.clone(), x.clone(), x.clone(), x.clone()]);
        let (i1, i2) = (one.id(), two.id());
        drop((one, two, four));
        assert_eq!(x.refcnt(), 1, "the items were released");
        assert_eq!(kept_blocks(), 2, "lengths 1 and 2 are kept, length 4 is past max_len");
        let three = w.tuple(&[x.clone(), x.clone(), x.clone()]);
        assert!(three.id() != i2, "a 3-tuple does not take a 2-tuple's block");
        assert_eq!(w.tuple(&[x.clone(), x.clone()]).id(), i2);
        assert_eq!(w.tuple(std::slice::from_ref(&x)).id(), i1);
        let (i3, kept) = (three.id(), kept_blocks());
        drop(three);
        assert_eq!(kept_blocks(), kept + 1, "a 3-tuple is kept");
        assert!(w.tuple(&[x.clone(), x.clone(), x.clone()]).id() != i3, "but not reused");
    }

    #[test]
    fn full_collection_clears() {
        let w = World::new();
        collect(2, &mut NoHooks);
        let before = obmalloc::allocated_blocks();
        drop((alloc(&w.node, Node, 0).unwrap(), alloc(&w.point, Point, 24).unwrap()));
        assert_eq!(kept_blocks(), 2);
        assert_eq!(obmalloc::allocated_blocks(), before + 2);
        collect(1, &mut NoHooks);
        assert_eq!(kept_blocks(), 2, "only a full collection clears the free lists");
        collect(2, &mut NoHooks);
        assert_eq!(kept_blocks(), 0);
        assert_eq!(obmalloc::allocated_blocks(), before);
        assert_eq!(get_count(), [0, 0, 0]);
    }

    #[test]
    fn generic_alloc_takes_fresh_blocks() {
        let w = World::new();
        collect(2, &mut NoHooks);
        let dead = alloc(&w.node, Node, 0).unwrap().id();
        assert_eq!(get_count()[0], 1, "the dead node went to the free list, uncounted");
        let fresh = generic_alloc(|| alloc(&w.node, Node, 0).unwrap());
        assert!(fresh.id() != dead);
        assert_eq!(get_count()[0], 2, "a fresh block is a GC allocation");
        assert_eq!(alloc(&w.node, Node, 0).unwrap().id(), dead, "outside, the free list is used again");
    }

    #[test]
    fn heap_types_never_use_one() {
        let w = World::new();
        let slots = TypeSlots::new::<Node>(flags::HAVE_GC | flags::HEAPTYPE).with_freelist(5);
        let heap = new_type_object(Some(&w.meta), slots, Meta).unwrap();
        drop(alloc(&heap, Node, 0).unwrap());
        // Slots copied from a built-in type's for a subclass keep the rule but not its use.
        let mut copied = TypeSlots::new::<Node>(flags::HAVE_GC).with_freelist(5);
        copied.flags |= flags::HEAPTYPE;
        let sub = new_type_object(Some(&w.meta), copied, Meta).unwrap();
        drop(alloc(&sub, Node, 0).unwrap());
        assert_eq!(kept_blocks(), 0);
    }
}
