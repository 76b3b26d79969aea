//! The `GcHead` word encodings and the doubly linked generation lists
//! (`gc_list_*` in `Modules/gcmodule.c`, the accessors of `pycore_gc.h`).
//!
//! The states of the two words are listed in the [module header](super).
//! Every function here keeps the list invariant the collector relies on:
//! *every pointer stored in a link names a live `GcHead`*, either a list
//! head inside the thread-local `GcState` or the head of a live GC object
//! (objects leave their list in `dealloc` before their block is freed).

use std::ptr::NonNull;

use crate::object::{GcHead, ObjHeader};

/// `_PyGC_PREV_MASK_FINALIZED`: the finalizer has run (PEP 442). Kept in every state.
pub(crate) const PREV_MASK_FINALIZED: usize = 1;
/// `_PyGC_PREV_MASK_COLLECTING`: the object is in the set being collected.
pub(crate) const PREV_MASK_COLLECTING: usize = 2;
/// refpy's own bit: weak references to the object exist (CPython finds them
/// through `tp_weaklistoffset`); `dealloc` then clears them. Kept in every state.
pub(crate) const PREV_MASK_WEAKREFS: usize = 4;
/// The flag bits that survive every state change (untracking, `gc_reset_refs`).
const PREV_MASK_KEPT: usize = PREV_MASK_FINALIZED | PREV_MASK_WEAKREFS;
/// Bits of `gc_prev` below the pointer or `gc_refs` (`_PyGC_PREV_SHIFT`;
/// CPython's is 2, refpy's third flag bit makes it 3).
pub(crate) const PREV_SHIFT: u32 = 3;
/// The pointer (or `gc_refs << PREV_SHIFT`) part of `gc_prev` (`_PyGC_PREV_MASK`).
pub(crate) const PREV_MASK: usize = !((1 << PREV_SHIFT) - 1);
/// `NEXT_MASK_UNREACHABLE`: only during `move_unreachable`, on objects
/// tentatively moved to the unreachable list.
pub(crate) const NEXT_MASK_UNREACHABLE: usize = 1;

// GcHead and ObjHeader are both 16 bytes and blocks are 16-aligned, so the
// low four bits of every link are free for the flags above (three in gc_prev).
const _: () = assert!(std::mem::align_of::<GcHead>() <= 16 && std::mem::size_of::<GcHead>() == 16);

/// A link: a pointer to a live `GcHead` (list head or object), see the
/// module invariant. Copyable and compared by address.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Gc(NonNull<GcHead>);

impl Gc {
    /// The link of a list head.
    pub(crate) fn of_head(head: &GcHead) -> Gc {
        Gc(NonNull::from(head))
    }

    /// The GC head in front of an object.
    ///
    /// # Safety
    /// `p` heads a live object whose type has `HAVE_GC`, so a `GcHead`
    /// precedes it in the same block.
    #[inline]
    pub(crate) unsafe fn of_object(p: NonNull<ObjHeader>) -> Gc {
        // SAFETY: by the caller's contract the GcHead sits immediately before
        // the header, inside the same allocation.
        Gc(unsafe { p.cast::<GcHead>().sub(1) })
    }

    /// The object behind this head (`FROM_GC`). Only for object links, never list heads.
    #[inline]
    pub(crate) fn object(self) -> NonNull<ObjHeader> {
        // SAFETY: object links point at the GcHead at the start of a GC
        // object's block, and the ObjHeader follows it in that block.
        unsafe { self.0.add(1).cast::<ObjHeader>() }
    }

    /// Rebuilds a link from an address stored in a `gc_next`/`gc_prev` word.
    #[inline]
    pub(crate) fn from_addr(addr: usize) -> Gc {
        debug_assert!(addr != 0 && addr.is_multiple_of(16), "corrupt GC link {addr:#x}");
        // SAFETY: stored links are never 0 (untracked objects are never
        // followed: their gc_next is 0 and no list points at them).
        Gc(unsafe { NonNull::new_unchecked(addr as *mut GcHead) })
    }

    #[inline]
    pub(crate) fn addr(self) -> usize {
        self.0.as_ptr() as usize
    }

    #[inline]
    fn h(&self) -> &GcHead {
        // SAFETY: the module invariant: every Gc names a live GcHead, and the
        // borrow ends before any operation that could free it (callers copy
        // the words they need out of the Cells).
        unsafe { self.0.as_ref() }
    }

    // --- gc_next ---------------------------------------------------------

    /// `_gc_next` as stored, flag bits included.
    #[inline]
    pub(crate) fn next_raw(self) -> usize {
        self.h().gc_next.get()
    }

    #[inline]
    pub(crate) fn set_next_raw(self, word: usize) {
        self.h().gc_next.set(word);
    }

    /// The next link (`GC_NEXT`); the object must not carry `NEXT_MASK_UNREACHABLE`.
    #[inline]
    pub(crate) fn next(self) -> Gc {
        let w = self.next_raw();
        debug_assert!(w & NEXT_MASK_UNREACHABLE == 0);
        Gc::from_addr(w)
    }

    #[inline]
    pub(crate) fn set_next(self, next: Gc) {
        self.set_next_raw(next.addr());
    }

    /// Tracked objects (and list heads) have a non-zero `gc_next`.
    #[inline]
    pub(crate) fn is_tracked(self) -> bool {
        self.next_raw() != 0
    }

    // --- gc_prev ---------------------------------------------------------

    /// The previous link (`GC_PREV`), flag bits masked off.
    #[inline]
    pub(crate) fn prev(self) -> Gc {
        Gc::from_addr(self.h().gc_prev.get() & PREV_MASK)
    }

    /// Sets the previous link, keeping the flag bits (`_PyGCHead_SET_PREV`).
    #[inline]
    pub(crate) fn set_prev(self, prev: Gc) {
        let w = &self.h().gc_prev;
        w.set((w.get() & !PREV_MASK) | prev.addr());
    }

    pub(crate) fn is_finalized(self) -> bool {
        self.h().gc_prev.get() & PREV_MASK_FINALIZED != 0
    }

    pub(crate) fn set_finalized(self) {
        let w = &self.h().gc_prev;
        w.set(w.get() | PREV_MASK_FINALIZED);
    }

    pub(crate) fn has_weakrefs(self) -> bool {
        self.h().gc_prev.get() & PREV_MASK_WEAKREFS != 0
    }

    pub(crate) fn set_has_weakrefs(self, on: bool) {
        let w = &self.h().gc_prev;
        w.set(if on { w.get() | PREV_MASK_WEAKREFS } else { w.get() & !PREV_MASK_WEAKREFS });
    }

    #[inline]
    pub(crate) fn is_collecting(self) -> bool {
        self.h().gc_prev.get() & PREV_MASK_COLLECTING != 0
    }

    #[inline]
    pub(crate) fn clear_collecting(self) {
        let w = &self.h().gc_prev;
        w.set(w.get() & !PREV_MASK_COLLECTING);
    }

    /// `gc_refs`, valid while the object is COLLECTING and not yet scanned.
    #[inline]
    pub(crate) fn refs(self) -> usize {
        self.h().gc_prev.get() >> PREV_SHIFT
    }

    /// Sets `gc_refs`, keeping the flag bits (`gc_set_refs`).
    #[inline]
    pub(crate) fn set_refs(self, refs: usize) {
        let w = &self.h().gc_prev;
        w.set((w.get() & !PREV_MASK) | (refs << PREV_SHIFT));
    }

    /// `gc_refs = refs` plus COLLECTING, keeping only FINALIZED and WEAKREFS (`gc_reset_refs`).
    #[inline]
    pub(crate) fn reset_refs(self, refs: usize) {
        let w = &self.h().gc_prev;
        w.set((w.get() & PREV_MASK_KEPT) | PREV_MASK_COLLECTING | (refs << PREV_SHIFT));
    }

    /// `gc_decref`: one reference from inside the collected set.
    #[inline]
    pub(crate) fn decref(self) {
        let w = &self.h().gc_prev;
        debug_assert!(w.get() >> PREV_SHIFT > 0, "gc_refs would go negative: refcount too small");
        w.set(w.get() - (1 << PREV_SHIFT));
    }
}

// --- lists (gc_list_*) -------------------------------------------------------
//
// A list is a circular doubly linked list through a head that is not an
// object. Between collections `gc_prev` holds a pointer plus flags; these
// functions require that (they are not used on `young` while it holds
// gc_refs, nor on the unreachable list while NEXT_MASK_UNREACHABLE is set).

/// Makes `list` empty (`gc_list_init`).
pub(crate) fn list_init(list: Gc) {
    list.set_prev_raw(list.addr());
    list.set_next(list);
}

impl Gc {
    fn set_prev_raw(self, word: usize) {
        self.h().gc_prev.set(word);
    }
}

pub(crate) fn list_is_empty(list: Gc) -> bool {
    list.next() == list
}

/// Appends `node` (not in any list) at the end of `list` (`gc_list_append`).
#[inline]
pub(crate) fn list_append(node: Gc, list: Gc) {
    let last = list.prev();
    last.set_next(node);
    node.set_prev(last);
    node.set_next(list);
    list.set_prev(node);
}

/// Unlinks `node` and marks it untracked: `gc_next = 0`, `gc_prev` keeps
/// only FINALIZED and WEAKREFS (`gc_list_remove` plus `_PyObject_GC_UNTRACK`'s reset).
#[inline]
pub(crate) fn list_remove(node: Gc) {
    let (prev, next) = (node.prev(), node.next());
    prev.set_next(next);
    next.set_prev(prev);
    node.set_next_raw(0);
    node.set_prev_raw(node.h().gc_prev.get() & PREV_MASK_KEPT);
}

/// Moves `node` from its list to the end of `list`, keeping its flags (`gc_list_move`).
pub(crate) fn list_move(node: Gc, list: Gc) {
    let (prev, next) = (node.prev(), node.next());
    prev.set_next(next);
    next.set_prev(prev);
    list_append(node, list);
}

/// Appends all of `from` to the end of `to`; `from` becomes empty (`gc_list_merge`).
pub(crate) fn list_merge(from: Gc, to: Gc) {
    debug_assert!(from != to);
    if list_is_empty(from) {
        return;
    }
    let tail = to.prev();
    let first = from.next();
    let last = from.prev();
    tail.set_next(first);
    first.set_prev(tail);
    last.set_next(to);
    to.set_prev(last);
    list_init(from);
}

/// Number of objects in `list` (`gc_list_size`).
pub(crate) fn list_size(list: Gc) -> usize {
    let mut n = 0;
    let mut gc = list.next();
    while gc != list {
        n += 1;
        gc = gc.next();
    }
    n
}

/// Clears COLLECTING on every object of `list` (`gc_list_clear_collecting`).
pub(crate) fn list_clear_collecting(list: Gc) {
    let mut gc = list.next();
    while gc != list {
        gc.clear_collecting();
        gc = gc.next();
    }
}

/// Removes `NEXT_MASK_UNREACHABLE` from every `gc_next` of `list`
/// (`clear_unreachable_mask`); afterwards it is an ordinary list again.
pub(crate) fn clear_unreachable_mask(list: Gc) {
    let mut gc = Gc::from_addr(list.next_raw() & !NEXT_MASK_UNREACHABLE);
    while gc != list {
        let w = gc.next_raw();
        debug_assert!(w & NEXT_MASK_UNREACHABLE != 0);
        gc.set_next_raw(w & !NEXT_MASK_UNREACHABLE);
        gc = Gc::from_addr(w & !NEXT_MASK_UNREACHABLE);
    }
}

/// Checks that `list` is a well-formed circular list, that no object carries
/// NEXT_MASK_UNREACHABLE and that COLLECTING is set exactly when `collecting`
/// (`validate_list`); returns its length. Panics on a violation.
pub(crate) fn validate_list(list: Gc, collecting: bool) -> usize {
    let mut n = 0;
    let mut prev = list;
    let mut gc = list.next();
    while gc != list {
        assert_eq!(gc.prev(), prev, "gc_prev does not point back");
        assert_eq!(gc.next_raw() & NEXT_MASK_UNREACHABLE, 0, "stray NEXT_MASK_UNREACHABLE");
        assert_eq!(gc.is_collecting(), collecting, "unexpected COLLECTING flag");
        n += 1;
        prev = gc;
        gc = gc.next();
    }
    assert_eq!(list.prev(), prev, "list head's gc_prev is not the last object");
    n
}
