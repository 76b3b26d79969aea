//! Weak references, heap side: [`WeakHandle`], a reference that does not keep
//! its object alive, and the hook through which the VM learns, inside
//! `dealloc`, that an object with weak references is dying.
//!
//! CPython keeps a list of weakref objects in each weak-referenceable object
//! (`tp_weaklistoffset`) and clears it in `tp_dealloc` (`PyObject_ClearWeakRefs`)
//! after the finalizer and before the attributes are released. refpy splits
//! that in two: the heap knows only *that* an object has weak handles (the
//! `PREV_MASK_WEAKREFS` bit of its GC head) and the one shared slot through
//! which every handle to it reaches it; the VM keeps the weakref objects and
//! their callbacks, keyed by the object's id, and hears of the death through
//! the hook set with [`set_death_hook`].
//!
//! Only GC objects can have weak handles (CPython's weak-referenceable types
//! are all GC types except `type` objects).
//!
//! The soundness argument is local to this file: a slot holds a pointer only
//! while its object is alive. Slots are filled by [`WeakHandle::new`] from a
//! strong reference, and emptied by [`object_dying`] (called from `dealloc`
//! when the count reached zero for good, before the payload is dropped and
//! the block freed) or by [`clear_weak_handles`] (the collector's
//! `handle_weakrefs`, on a live object). The GC-head bit is set exactly while
//! the object has a filled slot in `SLOTS`, so `dealloc` never misses one.

use std::cell::{Cell, RefCell};
use std::ptr::NonNull;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::gc;
use crate::object::{ObjHeader, ObjRef};

/// The one slot shared by every handle to one object: `Some` while it lives.
type Slot = Rc<Cell<Option<NonNull<ObjHeader>>>>;

thread_local! {
    /// The filled slots, by object address.
    static SLOTS: RefCell<FxHashMap<usize, Slot>> = RefCell::new(FxHashMap::default());
    /// The VM's death hook, see [`set_death_hook`].
    static DEATH_HOOK: Cell<Option<fn(usize)>> = const { Cell::new(None) };
}

/// A weak reference to a GC object: [`upgrade`](WeakHandle::upgrade) gives a
/// strong reference while the object lives, `None` once it died (or once
/// the collector cleared its weak references).
#[derive(Clone)]
pub struct WeakHandle {
    slot: Slot,
    /// The object's address when the handle was made (its `id`).
    id: usize,
}

impl WeakHandle {
    /// A handle to `obj`; `None` if `obj` is not a GC object. All handles to
    /// one object share one slot, so they die together.
    pub fn new(obj: &ObjRef) -> Option<WeakHandle> {
        if !obj.is_gc() {
            return None;
        }
        let p = obj.as_ptr();
        let slot = SLOTS
            .with(|s| s.borrow_mut().entry(obj.id()).or_insert_with(|| Rc::new(Cell::new(Some(p)))).clone());
        gc::set_has_weakrefs(p, true);
        Some(WeakHandle { slot, id: obj.id() })
    }

    /// A strong reference to the object, if it is still alive.
    pub fn upgrade(&self) -> Option<ObjRef> {
        let p = self.slot.get()?;
        // `dealloc` empties the slot through `object_dying` as soon as the count
        // reaches zero for good, before any code runs or the block is freed.
        // SAFETY: so a slot holds a pointer only while its object is alive
        // with a count of at least one (module invariant).
        Some(unsafe { ObjRef::from_borrowed(p) })
    }

    /// Whether the object is still alive (and its weak references not cleared).
    pub fn is_alive(&self) -> bool {
        self.slot.get().is_some()
    }

    /// The object's `id` at the time the handle was made.
    pub fn id(&self) -> usize {
        self.id
    }

    /// Whether both handles were made for the same object (same slot).
    pub fn same_object(&self, other: &WeakHandle) -> bool {
        Rc::ptr_eq(&self.slot, &other.slot)
    }
}

/// Sets the function `dealloc` calls with the id of a dying object that had
/// weak handles, after its finalizer step and before its payload is dropped
/// (CPython's `PyObject_ClearWeakRefs` position). The handles are already
/// dead when it runs. It must not run Python code: the VM clears its weakref
/// objects and queues their callbacks with
/// [`crate::object::push_pending_finalizer`].
pub fn set_death_hook(hook: fn(usize)) {
    DEATH_HOOK.with(|h| h.set(Some(hook)));
}

/// Whether weak handles to `obj` exist.
pub fn has_weak_handles(obj: &ObjRef) -> bool {
    obj.is_gc() && gc::has_weakrefs(obj.as_ptr())
}

/// Kills every handle to the live object `obj` (the collector's
/// `handle_weakrefs` step); returns false if it had none. The death hook is
/// not called: the caller does the VM's part itself.
pub fn clear_weak_handles(obj: &ObjRef) -> bool {
    if !has_weak_handles(obj) {
        return false;
    }
    empty_slot(obj.as_ptr());
    true
}

/// Removes and empties the slot of `p` and clears its GC-head bit.
fn empty_slot(p: NonNull<ObjHeader>) {
    gc::set_has_weakrefs(p, false);
    if let Some(slot) = SLOTS.with(|s| s.borrow_mut().remove(&(p.as_ptr() as usize))) {
        slot.set(None);
    }
}

/// Called by `dealloc` for a GC object with the weakrefs bit whose count
/// reached zero for good: kills its handles, then tells the VM.
pub(crate) fn object_dying(p: NonNull<ObjHeader>) {
    empty_slot(p);
    if let Some(hook) = DEATH_HOOK.with(Cell::get) {
        hook(p.as_ptr() as usize);
    }
}

/// Number of objects with weak handles (for tests and statistics).
pub fn live_slots() -> usize {
    SLOTS.with(|s| s.borrow().len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::{alloc, flags, metatype_slots, new_type_object, TypeSlots};

    struct Meta;
    struct Node {
        _next: RefCell<Option<ObjRef>>,
    }

    thread_local! {
        static DIED: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    }

    fn record(id: usize) {
        DIED.with(|d| d.borrow_mut().push(id));
    }

    #[test]
    fn handles_die_with_their_object() {
        set_death_hook(record);
        let meta = new_type_object(None, metatype_slots::<Meta>(), Meta).unwrap();
        let node = new_type_object(Some(&meta), TypeSlots::new::<Node>(flags::HAVE_GC), Meta).unwrap();
        let a = alloc(&node, Node { _next: RefCell::new(None) }, 0).unwrap();
        let id = a.id();
        let h1 = WeakHandle::new(&a).unwrap();
        let h2 = WeakHandle::new(&a).unwrap();
        assert!(h1.same_object(&h2) && has_weak_handles(&a));
        assert_eq!(a.refcnt(), 1);
        let b = h1.upgrade().unwrap();
        assert!(b.is(&a) && a.refcnt() == 2);
        drop(b);
        drop(a);
        assert!(h1.upgrade().is_none() && !h2.is_alive());
        assert_eq!(DIED.with(|d| d.borrow().clone()), vec![id]);
        // A new object at the same address starts with no handles.
        let c = alloc(&node, Node { _next: RefCell::new(None) }, 0).unwrap();
        assert!(!has_weak_handles(&c));
        let h3 = WeakHandle::new(&c).unwrap();
        assert!(!h3.same_object(&h1));
        assert!(clear_weak_handles(&c) && !h3.is_alive() && !has_weak_handles(&c));
        drop(c);
        assert_eq!(DIED.with(|d| d.borrow().len()), 1);
    }

    #[test]
    fn flag_survives_tracking_changes_and_collection() {
        let meta = new_type_object(None, metatype_slots::<Meta>(), Meta).unwrap();
        let node = new_type_object(Some(&meta), TypeSlots::new::<Node>(flags::HAVE_GC), Meta).unwrap();
        let a = alloc(&node, Node { _next: RefCell::new(None) }, 0).unwrap();
        let h = WeakHandle::new(&a).unwrap();
        a.untrack();
        assert!(has_weak_handles(&a));
        a.track();
        gc::collect(2, &mut gc::NoHooks);
        assert!(has_weak_handles(&a) && h.is_alive());
        drop(a);
        assert!(!h.is_alive());
    }
}
