//! Objects: the header every value starts with, owned references, type slots.
//!
//! ```text
//!  block from obmalloc (16-byte aligned)
//!  +------------------+----------------------+-----------+--------------------+
//!  | GcHead (GC types |  ObjHeader            | [ob_size] |  payload T         | [items E; ob_size]
//!  | only, 16 bytes)  |  ob_refcnt, ob_type   | (var only)|  (Rust struct)     |  (var types only)
//!  +------------------+----------------------+-----------+--------------------+
//!                     ^ ObjRef points here: id(x) is this address, as in CPython
//! ```
//!
//! A *type object* is an ordinary object whose payload starts with
//! [`TypeSlots`] (CPython's `tp_*` fields): `ob_type` of every object points
//! at its type object's header, and the heap finds the slots at a fixed
//! offset behind it. The heap knows no Python type: the VM creates the type
//! objects and chooses the Rust payload type of each; the slots record that
//! payload's `TypeId`, which makes [`ObjRef::downcast`] safe.
//!
//! Reference counting is RAII: cloning an [`ObjRef`] is `Py_INCREF`, dropping
//! it is `Py_DECREF`, and the count reaching zero deallocates at once. Deep
//! structures are freed through the trashcan (CPython's `Py_TRASHCAN_BEGIN`):
//! past [`TRASHCAN_UNWIND_LEVEL`] nested container deallocations, further ones
//! are put on a delete-later list that is drained when the outermost one
//! returns, so freeing a million-deep list uses a bounded Rust stack and
//! releases objects in CPython 3.11's order.
//!
//! The heap state is thread-local (`Drop` takes no arguments, so a decref
//! must reach the delete-later list without a `&mut Heap`); refpy is
//! single-threaded and `ObjRef` is `!Send`.

use std::any::TypeId;
use std::cell::{Cell, RefCell};
use std::marker::PhantomData;
use std::mem::{align_of, size_of, ManuallyDrop};
use std::ptr::NonNull;

use crate::freelist;
use crate::gc;
use crate::obmalloc;

/// The fixed part of every object (`PyObject`): 16 bytes, as in CPython.
#[repr(C)]
pub struct ObjHeader {
    /// Strong references to this object (`ob_refcnt`).
    ob_refcnt: Cell<isize>,
    /// The type object's header (`ob_type`). Never dangling: a type lives as
    /// long as its instances (they hold a reference for heap types; static
    /// types are never freed).
    ob_type: Cell<NonNull<ObjHeader>>,
}

/// CPython's `PyGC_Head`: links of the generation lists, in front of the
/// header of every object whose type has [`flags::HAVE_GC`]. Aligned like
/// blocks, so list heads outside blocks leave the same low bits free.
#[repr(C, align(16))]
pub struct GcHead {
    /// Next object in its generation list (`_gc_next`); 0 when untracked.
    pub(crate) gc_next: Cell<usize>,
    /// Previous object plus flag bits, or `gc_refs` during a collection (`_gc_prev`).
    pub(crate) gc_prev: Cell<usize>,
}

/// Bits of [`TypeSlots::flags`], named after CPython's `Py_TPFLAGS_*`.
pub mod flags {
    /// Instances carry a [`super::GcHead`] and take part in cycle collection.
    pub const HAVE_GC: u32 = 1 << 14;
    /// Instances are variable-sized: `ob_size` items follow the payload.
    pub const VAR_SIZED: u32 = 1 << 0;
    /// Instances are type objects (`Py_TPFLAGS_TYPE_SUBCLASS`).
    pub const TYPE_SUBCLASS: u32 = 1 << 31;
    /// Instances of this type hold a strong reference to it (`Py_TPFLAGS_HEAPTYPE`).
    pub const HEAPTYPE: u32 = 1 << 9;
    /// Items are the UTF-8 bytes of a `str` (only [`super::alloc_str`] allocates these).
    pub const UTF8_ITEMS: u32 = 1 << 1;
    /// With [`HAVE_GC`]: instances start *untracked* and the VM calls
    /// [`super::ObjRef::track`] once they may be part of a cycle (CPython's
    /// lazily tracked dicts, `MAINTAIN_TRACKING`). Without it, allocation tracks.
    pub const TRACK_LAZILY: u32 = 1 << 2;
    /// Instances have a finalizer (`tp_finalize`: Python `__del__`, or a
    /// generator's close): when the count reaches zero the first time, the
    /// object is resurrected and queued for the VM instead of freed.
    pub const HAS_FINALIZER: u32 = 1 << 3;
    /// Instances have a `__dict__` slot in a pre-header in front of the GC
    /// head (`Py_TPFLAGS_MANAGED_DICT`): how a class defined in Python gives
    /// its instances attributes whatever its built-in base's payload is.
    /// Requires [`HAVE_GC`]; the heap traverses and clears the slot itself.
    pub const MANAGED_DICT: u32 = 1 << 4;
}

/// The pre-header of [`flags::MANAGED_DICT`] types: the instance dict, made
/// on the first attribute store. 16 bytes, like CPython 3.11's dict and
/// values pointers.
#[repr(C, align(16))]
pub struct ManagedDict {
    /// The `__dict__`, or None while the instance has no attributes.
    pub dict: RefCell<Option<ObjRef>>,
}

/// Visitor passed to a type's `traverse` (CPython's `visitproc`).
pub type Visit<'a> = &'a mut dyn FnMut(&ObjRef);

/// What the heap needs to know about a type: CPython's `tp_*` slots that
/// concern memory. The VM embeds this at the start of each type object's
/// payload and keeps its Python-level data (name, dict, bases) after it.
#[repr(C)]
#[derive(Clone)]
pub struct TypeSlots {
    /// `Py_TPFLAGS_*` bits, see [`flags`].
    pub flags: u32,
    /// Rust payload type of instances; makes downcasts checkable.
    payload_id: TypeId,
    /// Byte offset of the payload from the header.
    payload_offset: usize,
    /// Byte offset of the first trailing item (var-sized types).
    items_offset: usize,
    /// Drops the payload (and trailing items) in place: `tp_dealloc` minus the free.
    drop_payload: unsafe fn(NonNull<ObjHeader>),
    /// Visits every object the payload owns a reference to (`tp_traverse`).
    pub traverse: Option<fn(&ObjRef, Visit<'_>)>,
    /// Drops the references the payload owns that may be part of a cycle
    /// (`tp_clear`); the collector calls it on unreachable objects. It must
    /// move the references out before dropping them (a drop can run code
    /// that looks at the object again).
    pub clear: Option<fn(&ObjRef)>,
    /// When the collector may untrack instances, and the test that decides
    /// it (`_PyTuple_MaybeUntrack`, `_PyDict_MaybeUntrack`).
    pub maybe_untrack: Option<MaybeUntrack>,
    /// Whether the blocks of dead instances are kept for reuse ([`crate::freelist`]).
    pub(crate) freelist: Option<crate::freelist::FreeListRule>,
}

/// A type's untracking rule, see [`TypeSlots::maybe_untrack`].
#[derive(Clone, Copy)]
pub struct MaybeUntrack {
    /// In which collections the test runs.
    pub when: UntrackWhen,
    /// True if the object refers to nothing that may be tracked
    /// (use [`ObjRef::may_be_tracked`] on each referent): it is then untracked.
    pub test: fn(&ObjRef) -> bool,
}

/// See [`MaybeUntrack::when`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UntrackWhen {
    /// On the survivors of every collection (`untrack_tuples`). Such objects
    /// count as "may be tracked" only while tracked (`_PyObject_GC_MAY_BE_TRACKED`).
    EveryCollection,
    /// On the oldest generation after a full collection (`untrack_dicts`).
    FullCollection,
}

/// Layout of an object with payload `T` (after the optional GC head).
#[repr(C)]
struct Object<T> {
    header: ObjHeader,
    payload: T,
}

/// Layout of a variable-sized object: `ob_size` then the payload, then items.
#[repr(C)]
pub(crate) struct VarObject<T> {
    header: ObjHeader,
    pub(crate) ob_size: usize,
    payload: T,
}

/// Payload layout of a type object: the slots first, at a fixed offset.
#[repr(C)]
struct TypeObject<P> {
    slots: TypeSlots,
    data: P,
}

/// Where the slots of a type object sit, relative to its header.
const SLOTS_OFFSET: usize = size_of::<ObjHeader>();

const _: () = assert!(size_of::<ObjHeader>() == 16);
const _: () = assert!(size_of::<GcHead>() == 16);

/// Nesting depth past which container deallocation is deferred
/// (`_PyTrash_UNWIND_LEVEL` in CPython 3.11).
pub const TRASHCAN_UNWIND_LEVEL: u32 = 50;

impl TypeSlots {
    /// Slots for a fixed-size type whose instances have payload `T`.
    pub fn new<T: 'static>(flags: u32) -> TypeSlots {
        TypeSlots {
            flags: flags & !flags::VAR_SIZED,
            payload_id: TypeId::of::<T>(),
            payload_offset: std::mem::offset_of!(Object<T>, payload),
            items_offset: 0,
            drop_payload: drop_fixed::<T>,
            traverse: None,
            clear: None,
            maybe_untrack: None,
            freelist: None,
        }
    }

    /// Slots for a variable-sized type: payload `T` followed by `ob_size` items `E`.
    pub fn new_var<T: 'static, E: 'static>(flags: u32) -> TypeSlots {
        TypeSlots {
            flags: flags | flags::VAR_SIZED,
            payload_id: TypeId::of::<T>(),
            payload_offset: std::mem::offset_of!(VarObject<T>, payload),
            items_offset: var_items_offset::<T, E>(),
            drop_payload: drop_var::<T, E>,
            traverse: None,
            clear: None,
            maybe_untrack: None,
            freelist: None,
        }
    }

    /// Slots for a string type: payload `T` followed by UTF-8 bytes.
    pub fn new_str<T: 'static>(flags: u32) -> TypeSlots {
        TypeSlots::new_var::<T, u8>(flags | flags::UTF8_ITEMS)
    }

    /// Sets the traverse function (builder style, for static slot tables).
    pub fn with_traverse(mut self, traverse: fn(&ObjRef, Visit<'_>)) -> TypeSlots {
        self.traverse = Some(traverse);
        self
    }

    /// Sets the clear function (`tp_clear`), builder style.
    pub fn with_clear(mut self, clear: fn(&ObjRef)) -> TypeSlots {
        self.clear = Some(clear);
        self
    }

    /// Sets the untracking rule, builder style.
    pub fn with_maybe_untrack(mut self, when: UntrackWhen, test: fn(&ObjRef) -> bool) -> TypeSlots {
        self.maybe_untrack = Some(MaybeUntrack { when, test });
        self
    }

    /// Instances carry a GC head (`Py_TPFLAGS_HAVE_GC`).
    #[inline]
    pub(crate) fn has_gc(&self) -> bool {
        self.flags & flags::HAVE_GC != 0
    }

    /// Instances carry a [`ManagedDict`] pre-header.
    #[inline]
    pub(crate) fn has_managed_dict(&self) -> bool {
        self.flags & flags::MANAGED_DICT != 0
    }

    /// The slots of a class defined in Python whose instances have this
    /// type's payload plus a managed `__dict__` (a subclass of a built-in
    /// type): the same layout, GC support and finalizer flag as asked.
    pub fn subclass(&self, extra_flags: u32) -> TypeSlots {
        let mut slots = self.clone();
        slots.flags |= flags::HAVE_GC | flags::HEAPTYPE | flags::MANAGED_DICT | extra_flags;
        slots.flags &= !flags::TRACK_LAZILY;
        slots
    }

    /// Instances are tracked as soon as they are allocated.
    #[inline]
    fn tracked_at_alloc(&self) -> bool {
        self.flags & (flags::HAVE_GC | flags::TRACK_LAZILY) == flags::HAVE_GC
    }
}

/// Offset of the first item of a `VarObject<T>` with items `E`.
const fn var_items_offset<T, E>() -> usize {
    let end = size_of::<VarObject<T>>();
    let align = align_of::<E>();
    end.div_ceil(align) * align
}

/// # Safety
/// `p` heads a live `Object<T>` whose payload has not been dropped.
unsafe fn drop_fixed<T>(p: NonNull<ObjHeader>) {
    // SAFETY: guaranteed by the caller; the payload is dropped exactly once.
    unsafe { std::ptr::drop_in_place(&raw mut (*p.as_ptr().cast::<Object<T>>()).payload) }
}

/// # Safety
/// `p` heads a live `VarObject<T>` with `ob_size` initialised items `E`.
unsafe fn drop_var<T, E>(p: NonNull<ObjHeader>) {
    let obj = p.as_ptr().cast::<VarObject<T>>();
    // SAFETY: guaranteed by the caller. Items are dropped last to first, the
    // order CPython's tupledealloc releases them in.
    unsafe {
        let n = (*obj).ob_size;
        let items = p.as_ptr().cast::<u8>().add(var_items_offset::<T, E>()).cast::<E>();
        std::ptr::drop_in_place(&raw mut (*obj).payload);
        for i in (0..n).rev() {
            std::ptr::drop_in_place(items.add(i));
        }
    }
}

/// An owned (strong) reference to an object: clone is `Py_INCREF`, drop is
/// `Py_DECREF`. One pointer wide; `None` of `Option<ObjRef>` is free.
#[repr(transparent)]
pub struct ObjRef {
    ptr: NonNull<ObjHeader>,
    /// Refcounts are not atomic: keep references on one thread.
    _not_send: PhantomData<*const ()>,
}

impl ObjRef {
    fn header(&self) -> &ObjHeader {
        // SAFETY: an ObjRef is a strong reference, so the object is alive.
        unsafe { self.ptr.as_ref() }
    }

    /// The object's address: Python's `id(x)`.
    #[inline]
    pub fn id(&self) -> usize {
        self.ptr.as_ptr() as usize
    }

    /// Identity comparison: Python's `is`.
    #[inline]
    pub fn is(&self, other: &ObjRef) -> bool {
        self.ptr == other.ptr
    }

    /// The reference count (`Py_REFCNT`).
    #[inline]
    pub fn refcnt(&self) -> isize {
        self.header().ob_refcnt.get()
    }

    /// Address of the type object, for cheap exact-type checks.
    #[inline]
    pub fn type_id_ptr(&self) -> usize {
        self.header().ob_type.get().as_ptr() as usize
    }

    /// The type object (`Py_TYPE(x)`), as a new reference.
    pub fn ob_type(&self) -> ObjRef {
        let t = self.header().ob_type.get();
        // SAFETY: a type outlives its instances, so `t` is alive; we take a new
        // strong reference to it.
        unsafe { ObjRef::from_borrowed(t) }
    }

    /// The type object, borrowed (no count change).
    #[inline]
    pub fn ob_type_ref(&self) -> &ObjRef {
        // ObjRef is repr(transparent) over NonNull<ObjHeader>, as is
        // Cell<NonNull<..>>; refpy never reassigns ob_type during such a borrow.
        // SAFETY: same layout, and the type object outlives `self` (instances
        // keep it alive), which bounds the borrow.
        unsafe { &*(&raw const self.header().ob_type).cast::<ObjRef>() }
    }

    /// The type's slots.
    #[inline]
    pub fn slots(&self) -> &TypeSlots {
        // SAFETY: ob_type always points at a type object (only new_type_object
        // makes those, and its payload starts with TypeSlots at SLOTS_OFFSET);
        // the type outlives `self`, which bounds the returned borrow.
        unsafe { &*self.header().ob_type.get().as_ptr().cast::<u8>().add(SLOTS_OFFSET).cast::<TypeSlots>() }
    }

    /// The payload, if this object's Rust payload type is `T`.
    #[inline]
    pub fn downcast<T: 'static>(&self) -> Option<&T> {
        let slots = self.slots();
        if slots.payload_id != TypeId::of::<T>() {
            return None;
        }
        // SAFETY: the payload type was checked just above, and the offset was
        // computed for that type when the slots were made.
        Some(unsafe { &*self.ptr.as_ptr().cast::<u8>().add(slots.payload_offset).cast::<T>() })
    }

    /// Payload and trailing items of a variable-sized object of payload `T`
    /// and item type `E`.
    pub fn downcast_var<T: 'static, E: 'static>(&self) -> Option<(&T, &[E])> {
        let slots = self.slots();
        if slots.payload_id != TypeId::of::<T>() || slots.flags & flags::VAR_SIZED == 0 {
            return None;
        }
        // Slots made by new_var::<T, E2> have the item offset of E2; refuse a different E.
        if slots.items_offset != var_items_offset::<T, E>() {
            return None;
        }
        let obj = self.ptr.as_ptr().cast::<VarObject<T>>();
        // SAFETY: the layout was checked above; items 0..ob_size were
        // initialised by alloc_var and never change size afterwards.
        unsafe {
            let n = (*obj).ob_size;
            let items = self.ptr.as_ptr().cast::<u8>().add(slots.items_offset).cast::<E>();
            Some((&(*obj).payload, std::slice::from_raw_parts(items, n)))
        }
    }

    /// Payload and text of an object allocated by [`alloc_str`].
    #[inline]
    pub fn downcast_str<T: 'static>(&self) -> Option<(&T, &str)> {
        if self.slots().flags & flags::UTF8_ITEMS == 0 {
            return None;
        }
        let (payload, bytes) = self.downcast_var::<T, u8>()?;
        // SAFETY: UTF8_ITEMS types are only allocated by alloc_str, which
        // copies the items from a &str, and items never change afterwards.
        Some((payload, unsafe { std::str::from_utf8_unchecked(bytes) }))
    }

    /// The data of a type object made by [`new_type_object`] with data `P`.
    pub fn type_data<P: 'static>(&self) -> Option<&P> {
        self.downcast::<TypeObject<P>>().map(|t| &t.data)
    }

    /// The slots of a type object (not of this object's type).
    pub fn as_type_slots(&self) -> Option<&TypeSlots> {
        if self.slots().flags & flags::TYPE_SUBCLASS == 0 {
            return None;
        }
        // SAFETY: objects whose type has TYPE_SUBCLASS are type objects made by
        // new_type_object, whose payload starts with TypeSlots at SLOTS_OFFSET.
        Some(unsafe { &*self.ptr.as_ptr().cast::<u8>().add(SLOTS_OFFSET).cast::<TypeSlots>() })
    }

    /// The header pointer (for the collector's lists).
    #[inline]
    pub(crate) fn as_ptr(&self) -> NonNull<ObjHeader> {
        self.ptr
    }

    /// A reference to `p` that does not own a count: it must not outlive the
    /// object, and is never dropped (hence `ManuallyDrop`).
    ///
    /// # Safety
    /// `p` heads a live object that stays alive while the result is used.
    #[inline]
    pub(crate) unsafe fn borrowed(p: NonNull<ObjHeader>) -> std::mem::ManuallyDrop<ObjRef> {
        std::mem::ManuallyDrop::new(ObjRef { ptr: p, _not_send: PhantomData })
    }

    /// # Safety
    /// `p` must head a live object; a new strong reference is taken.
    pub(crate) unsafe fn from_borrowed(p: NonNull<ObjHeader>) -> ObjRef {
        // SAFETY: guaranteed by the caller.
        let h = unsafe { p.as_ref() };
        h.ob_refcnt.set(h.ob_refcnt.get() + 1);
        ObjRef { ptr: p, _not_send: PhantomData }
    }
}

impl Clone for ObjRef {
    #[inline]
    fn clone(&self) -> Self {
        let h = self.header();
        h.ob_refcnt.set(h.ob_refcnt.get() + 1);
        ObjRef { ptr: self.ptr, _not_send: PhantomData }
    }
}

impl Drop for ObjRef {
    #[inline]
    fn drop(&mut self) {
        let h = self.header();
        let n = h.ob_refcnt.get() - 1;
        h.ob_refcnt.set(n);
        if n == 0 {
            // SAFETY: the count just reached zero: this was the last strong
            // reference, so nothing else can reach the object.
            unsafe { dealloc(self.ptr) }
        }
    }
}

impl PartialEq for ObjRef {
    /// Identity, never Python equality.
    fn eq(&self, other: &Self) -> bool {
        self.is(other)
    }
}

impl Eq for ObjRef {}

impl std::fmt::Debug for ObjRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<object at {:#x} refcnt={}>", self.id(), self.refcnt())
    }
}

impl ObjRef {
    /// The object's type has [`flags::HAVE_GC`] (`PyObject_IS_GC`).
    #[inline]
    pub fn is_gc(&self) -> bool {
        self.slots().has_gc()
    }

    /// Whether the object's type was defined in Python (`Py_TPFLAGS_HEAPTYPE`):
    /// fast paths for built-in payloads must leave such objects to the
    /// generic code, which honours the class's special methods.
    #[inline]
    pub fn has_heap_type(&self) -> bool {
        self.slots().flags & flags::HEAPTYPE != 0
    }

    /// Whether the object is in one of the collector's generation lists
    /// (`gc.is_tracked`). Always false for non-GC objects.
    #[inline]
    pub fn is_tracked(&self) -> bool {
        self.is_gc() && gc::is_tracked(self.ptr)
    }

    /// Adds a GC object to generation 0 if it is not tracked yet
    /// (`PyObject_GC_Track`, tolerant of repeats). No-op for non-GC objects.
    #[inline]
    pub fn track(&self) {
        if self.is_gc() {
            gc::track(self.ptr);
        }
    }

    /// Removes a GC object from its generation list (`PyObject_GC_UnTrack`).
    #[inline]
    pub fn untrack(&self) {
        if self.is_gc() {
            gc::untrack(self.ptr);
        }
    }

    /// Whether the object's finalizer has run (`gc.is_finalized`); false for non-GC objects.
    pub fn is_finalized(&self) -> bool {
        self.is_gc() && gc::is_finalized(self.ptr)
    }

    /// Records that the finalizer ran (`_PyGC_SET_FINALIZED`), for the VM's
    /// refcount-death path; the collector sets it itself. No-op for non-GC objects.
    pub fn set_finalized(&self) {
        if self.is_gc() {
            gc::set_finalized(self.ptr);
        }
    }

    /// `_PyObject_GC_MAY_BE_TRACKED`: false for non-GC objects, and for
    /// untracked objects of a type untracked in every collection (tuples);
    /// true otherwise. The VM's untracking tests use it on each referent.
    #[inline]
    pub fn may_be_tracked(&self) -> bool {
        let slots = self.slots();
        if !slots.has_gc() {
            return false;
        }
        match slots.maybe_untrack {
            Some(MaybeUntrack { when: UntrackWhen::EveryCollection, .. }) => gc::is_tracked(self.ptr),
            _ => true,
        }
    }

    /// Where the object's block lives (size class, pool, arena), or `None` when it came from
    /// the system allocator: the heap facts `refpy.explain` shows.
    pub fn block_info(&self) -> Option<obmalloc::BlockInfo> {
        // SAFETY: a strong reference keeps the object's block live, and the header lies
        // inside that block (after the GC head, if any).
        unsafe { obmalloc::block_info(self.ptr.cast()) }
    }

    /// The objects this object's `traverse` visits (`gc.get_referents` of one object).
    pub fn referents(&self) -> Vec<ObjRef> {
        let mut out = Vec::new();
        self.traverse(&mut |r: &ObjRef| out.push(r.clone()));
        out
    }

    /// `tp_traverse`: visits the managed dict, if any, then what the
    /// type's traverse visits, then the type itself when instances own a
    /// reference to it (a heap type, as `subtype_traverse` does).
    pub fn traverse(&self, visit: Visit<'_>) {
        if let Some(d) = self.managed_dict() {
            if let Some(dict) = d.borrow().as_ref() {
                visit(dict);
            }
        }
        let slots = self.slots();
        if let Some(traverse) = slots.traverse {
            traverse(self, visit);
        }
        if slots.flags & flags::HEAPTYPE != 0 {
            // A borrowed view of the type (the instance's own reference keeps
            // it alive); ManuallyDrop: viewing it must not release a count.
            let ty = ManuallyDrop::new(ObjRef { ptr: self.header().ob_type.get(), _not_send: PhantomData });
            visit(&ty);
        }
    }

    /// `tp_clear`: drops the managed dict and what the type's clear drops.
    pub fn clear_refs(&self) {
        if let Some(d) = self.managed_dict() {
            let dict = d.take();
            drop(dict);
        }
        if let Some(clear) = self.slots().clear {
            clear(self);
        }
    }

    /// The `__dict__` slot of an instance of a [`flags::MANAGED_DICT`] type.
    pub fn managed_dict(&self) -> Option<&RefCell<Option<ObjRef>>> {
        let slots = self.slots();
        if !slots.has_managed_dict() {
            return None;
        }
        // SAFETY: MANAGED_DICT types were allocated by alloc_block with the
        // ManagedDict written at the block start, pre_header bytes before the
        // header; it lives as long as the object.
        Some(unsafe { &(*self.ptr.as_ptr().cast::<u8>().sub(pre_header(slots)).cast::<ManagedDict>()).dict })
    }
}

/// Proof that a type object's instances have payload `T` and no GC head:
/// lets the hottest paths (int and float arithmetic) check an object's type
/// with one pointer compare and allocate without re-checking the slots.
pub struct TypeToken<T> {
    ty: ObjRef,
    _payload: PhantomData<T>,
}

impl<T: 'static> TypeToken<T> {
    /// A token for `ty`, if its instances are fixed-size `T` payloads
    /// without a GC head and the type does not need a reference from them.
    pub fn new(ty: &ObjRef) -> Option<TypeToken<T>> {
        let slots = ty.as_type_slots()?;
        let plain = slots.flags & (flags::VAR_SIZED | flags::HAVE_GC | flags::HEAPTYPE) == 0;
        (plain && slots.payload_id == TypeId::of::<T>())
            .then(|| TypeToken { ty: ty.clone(), _payload: PhantomData })
    }
}

impl ObjRef {
    /// The payload, if this object's type is exactly the token's type.
    #[inline(always)]
    pub fn downcast_exact<T: 'static>(&self, token: &TypeToken<T>) -> Option<&T> {
        if self.header().ob_type.get() != token.ty.ptr {
            return None;
        }
        // SAFETY: the token proves objects of this type are Object<T> without
        // a GC head, so the payload sits at offset_of!(Object<T>, payload).
        Some(unsafe { &(*self.ptr.as_ptr().cast::<Object<T>>()).payload })
    }
}

/// [`alloc`] for a type known through a token: no slot checks.
#[inline(always)]
pub fn alloc_exact<T: 'static>(
    token: &TypeToken<T>,
    payload: T,
    request: usize,
) -> Result<ObjRef, AllocError> {
    let bytes = size_of::<Object<T>>().max(request);
    let block = match token.ty.as_type_slots().and_then(|s| freelist::take(s, 0, bytes)) {
        Some(kept) => kept,
        None => obmalloc::malloc(bytes).ok_or(AllocError)?,
    };
    let p = block.cast::<Object<T>>();
    // SAFETY: a 16-aligned block large enough for Object<T>, fresh or from
    // the type's free list (a block of that size class, holding no object); the token
    // guarantees the type has no GC head and needs no type reference.
    unsafe {
        p.as_ptr().write(Object {
            header: ObjHeader { ob_refcnt: Cell::new(1), ob_type: Cell::new(token.ty.ptr) },
            payload,
        });
    }
    crate::trace::on_alloc(p.cast());
    Ok(ObjRef { ptr: p.cast(), _not_send: PhantomData })
}

/// Out of memory: the caller raises `MemoryError`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllocError;

/// Bytes in front of the header: the GC head for GC types.
pub(crate) fn pre_header(slots: &TypeSlots) -> usize {
    let gc = if slots.has_gc() { size_of::<GcHead>() } else { 0 };
    gc + if slots.has_managed_dict() { size_of::<ManagedDict>() } else { 0 }
}

/// Allocates a block of at least `layout_size` bytes (plus the GC head), or
/// `request` bytes when that is larger: the VM asks for CPython's object size
/// so that objects land in CPython's size class. A block kept on the type's
/// free list for objects of `len` items is reused first, and then the
/// allocation is not counted by the collector (`_PyObject_GC_Link` is skipped).
fn alloc_block(
    slots: &TypeSlots,
    len: usize,
    layout_size: usize,
    request: usize,
) -> Result<NonNull<ObjHeader>, AllocError> {
    let pre = pre_header(slots);
    let bytes = pre + layout_size.max(request);
    let block = match freelist::take(slots, len, bytes) {
        Some(kept) => kept,
        None => {
            let block = obmalloc::malloc(bytes).ok_or(AllocError)?;
            if slots.has_gc() {
                gc::on_gc_alloc();
            }
            block
        }
    };
    // The managed dict, when there is one, comes first (at the block start),
    // then the GC head (if any), then the header.
    // SAFETY: the block (fresh, or kept for this size class by the free
    // list) is at least pre + layout_size bytes and 16-aligned.
    unsafe {
        let header = block.as_ptr().add(pre);
        if slots.has_managed_dict() {
            block.as_ptr().cast::<ManagedDict>().write(ManagedDict { dict: RefCell::new(None) });
        }
        if slots.has_gc() {
            header
                .sub(size_of::<GcHead>())
                .cast::<GcHead>()
                .write(GcHead { gc_next: Cell::new(0), gc_prev: Cell::new(0) });
        }
        let header = NonNull::new_unchecked(header.cast::<ObjHeader>());
        crate::trace::on_alloc(header);
        Ok(header)
    }
}

/// Allocates an object of type `ty` (whose slots must be `TypeSlots::new::<T>`)
/// holding `payload`. `request` is CPython's `tp_basicsize` for the object
/// (0 = just what the Rust layout needs).
pub fn alloc<T: 'static>(ty: &ObjRef, payload: T, request: usize) -> Result<ObjRef, AllocError> {
    let slots = ty.as_type_slots().ok_or(AllocError)?;
    if slots.payload_id != TypeId::of::<T>() || slots.flags & flags::VAR_SIZED != 0 {
        return Err(AllocError);
    }
    let heaptype = slots.flags & flags::HEAPTYPE != 0;
    let p = alloc_block(slots, 0, size_of::<Object<T>>(), request)?;
    let ob_type = ty.ptr;
    if heaptype {
        std::mem::forget(ty.clone());
    }
    // SAFETY: p is a fresh block large enough for Object<T>, correctly aligned
    // (16 bytes ≥ align_of::<Object<T>>() for every payload the VM uses,
    // checked below in debug builds).
    unsafe {
        debug_assert!(align_of::<Object<T>>() <= 16);
        p.as_ptr().cast::<Object<T>>().write(Object {
            header: ObjHeader { ob_refcnt: Cell::new(1), ob_type: Cell::new(ob_type) },
            payload,
        });
    }
    if slots.tracked_at_alloc() {
        gc::track(p);
    }
    Ok(ObjRef { ptr: p, _not_send: PhantomData })
}

/// Allocates a variable-sized object of type `ty` (slots from
/// `TypeSlots::new_var::<T, E>`) with `payload` and the given items.
pub fn alloc_var<T: 'static, E: 'static>(
    ty: &ObjRef,
    payload: T,
    items: impl ExactSizeIterator<Item = E>,
    request: usize,
) -> Result<ObjRef, AllocError> {
    if ty.as_type_slots().is_none_or(|s| s.flags & flags::UTF8_ITEMS != 0) {
        return Err(AllocError);
    }
    alloc_var_unchecked_items(ty, payload, items, request)
}

fn alloc_var_unchecked_items<T: 'static, E: 'static>(
    ty: &ObjRef,
    payload: T,
    items: impl ExactSizeIterator<Item = E>,
    request: usize,
) -> Result<ObjRef, AllocError> {
    let slots = ty.as_type_slots().ok_or(AllocError)?;
    if slots.payload_id != TypeId::of::<T>()
        || slots.flags & flags::VAR_SIZED == 0
        || slots.items_offset != var_items_offset::<T, E>()
    {
        return Err(AllocError);
    }
    let n = items.len();
    let size =
        n.checked_mul(size_of::<E>()).and_then(|b| b.checked_add(slots.items_offset)).ok_or(AllocError)?;
    let heaptype = slots.flags & flags::HEAPTYPE != 0;
    let p = alloc_block(slots, n, size, request)?;
    if heaptype {
        std::mem::forget(ty.clone());
    }
    // We write the header, ob_size and payload, then at most n items; ob_size
    // ends at the count actually written, so no uninitialised item is read.
    // SAFETY: p is a fresh block of at least items_offset + n * size_of::<E>()
    // bytes, and only initialised items are ever counted in ob_size.
    unsafe {
        let obj = p.as_ptr().cast::<VarObject<T>>();
        obj.write(VarObject {
            header: ObjHeader { ob_refcnt: Cell::new(1), ob_type: Cell::new(ty.ptr) },
            ob_size: 0,
            payload,
        });
        let dst = p.as_ptr().cast::<u8>().add(slots.items_offset).cast::<E>();
        let mut written = 0;
        for item in items.take(n) {
            dst.add(written).write(item);
            written += 1;
        }
        (*obj).ob_size = written;
    }
    if slots.tracked_at_alloc() {
        gc::track(p);
    }
    Ok(ObjRef { ptr: p, _not_send: PhantomData })
}

/// Allocates a string object of type `ty` (slots from `TypeSlots::new_str::<T>`).
pub fn alloc_str<T: 'static>(
    ty: &ObjRef,
    payload: T,
    text: &str,
    request: usize,
) -> Result<ObjRef, AllocError> {
    if ty.as_type_slots().is_none_or(|s| s.flags & flags::UTF8_ITEMS == 0) {
        return Err(AllocError);
    }
    alloc_var_unchecked_items(ty, payload, text.bytes(), request)
}

/// Creates a type object whose instances are described by `slots`.
/// `metatype` is the type of the new type (`None`: the new type is its own
/// type, which is how `type` itself is bootstrapped). Type objects are
/// allocated like any object (large ones come from the system allocator).
pub fn new_type_object<P: 'static>(
    metatype: Option<&ObjRef>,
    slots: TypeSlots,
    data: P,
) -> Result<ObjRef, AllocError> {
    let layout = size_of::<Object<TypeObject<P>>>();
    // The metatype's slots decide the block layout; `type` itself uses its own.
    let (p, track) = match metatype {
        Some(m) => {
            let meta_slots = m.as_type_slots().ok_or(AllocError)?;
            if meta_slots.payload_id != TypeId::of::<TypeObject<P>>() {
                return Err(AllocError);
            }
            let p = alloc_block(meta_slots, 0, layout, 0)?;
            std::mem::forget(m.clone());
            (p, meta_slots.tracked_at_alloc())
        }
        None => (alloc_block(&slots, 0, layout, 0)?, slots.tracked_at_alloc()),
    };
    let ob_type = metatype.map_or(p, |m| m.ptr);
    // SAFETY: fresh block of the right size; TypeObject<P> is repr(C) with the
    // slots first, so they land at SLOTS_OFFSET as ObjRef::slots expects.
    unsafe {
        debug_assert_eq!(std::mem::offset_of!(Object<TypeObject<P>>, payload), SLOTS_OFFSET);
        p.as_ptr().cast::<Object<TypeObject<P>>>().write(Object {
            header: ObjHeader { ob_refcnt: Cell::new(1), ob_type: Cell::new(ob_type) },
            payload: TypeObject { slots, data },
        });
    }
    if track {
        gc::track(p);
    }
    Ok(ObjRef { ptr: p, _not_send: PhantomData })
}

/// Slots for the metatype `type` whose type objects carry data `P`.
pub fn metatype_slots<P: 'static>() -> TypeSlots {
    TypeSlots::new::<TypeObject<P>>(flags::TYPE_SUBCLASS)
}

thread_local! {
    /// Objects whose finalizer must run (refcount deaths, in death order).
    static FINALIZERS: std::cell::RefCell<std::collections::VecDeque<ObjRef>> =
        const { std::cell::RefCell::new(std::collections::VecDeque::new()) };
}

thread_local! {
    /// True while `FINALIZERS` is not empty: one cheap load per instruction.
    static FINALIZERS_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// The next object whose finalizer should run, oldest death first.
pub fn take_pending_finalizer() -> Option<ObjRef> {
    FINALIZERS.with(|f| {
        let mut q = f.borrow_mut();
        let next = q.pop_front();
        if q.is_empty() {
            FINALIZERS_PENDING.with(|p| p.set(false));
        }
        next
    })
}

/// Queues `obj` behind the pending finalizers, for the VM to handle when it
/// drains the queue (the VM's weakref callbacks, queued from the death hook
/// of [`crate::weak`], so they run in death order with `__del__`).
pub fn push_pending_finalizer(obj: ObjRef) {
    FINALIZERS.with(|f| f.borrow_mut().push_back(obj));
    FINALIZERS_PENDING.with(|p| p.set(true));
}

/// True when finalizers are waiting (checked between instructions).
#[inline]
pub fn finalizers_pending() -> bool {
    FINALIZERS_PENDING.with(Cell::get)
}

struct Trashcan {
    /// Nested container deallocations now running (`trash_delete_nesting`).
    nesting: Cell<u32>,
    /// Deferred deallocations (`trash_delete_later`), LIFO as in CPython.
    later: Cell<Vec<NonNull<ObjHeader>>>,
}

thread_local! {
    static TRASHCAN: Trashcan = const { Trashcan { nesting: Cell::new(0), later: Cell::new(Vec::new()) } };
}

/// Deallocates an object whose count reached zero (`_Py_Dealloc`).
///
/// # Safety
/// `p` heads a live object with refcount 0 that nothing references.
#[inline(never)]
unsafe fn dealloc(p: NonNull<ObjHeader>) {
    // SAFETY: the object is alive until destroy() frees it.
    let slots = unsafe { ObjRef::slots_of(p) };
    let has_gc = slots.has_gc();
    if has_gc && slots.flags & flags::HAS_FINALIZER != 0 && !gc::is_finalized(p) {
        // PEP 442 (`PyObject_CallFinalizerFromDealloc`): resurrect with one
        // reference owned by the finalizer queue; the VM calls the finalizer
        // before its next instruction and drops that reference. Marked
        // finalized, the object is freed the next time its count hits zero.
        // SAFETY: the count is zero, so we may take the object back: it
        // becomes alive again with exactly the queue's reference.
        unsafe { p.as_ref() }.ob_refcnt.set(1);
        gc::set_finalized(p);
        FINALIZERS.with(|f| f.borrow_mut().push_back(ObjRef { ptr: p, _not_send: PhantomData }));
        FINALIZERS_PENDING.with(|f| f.set(true));
        return;
    }
    if has_gc {
        // PyObject_GC_UnTrack at the top of every GC type's tp_dealloc: the
        // object leaves its generation list before anything else happens.
        gc::untrack(p);
        // After the finalizer, before the payload goes (PyObject_ClearWeakRefs
        // in subtype_dealloc): weak handles die and the VM queues callbacks.
        if gc::has_weakrefs(p) {
            crate::weak::object_dying(p);
        }
    } else {
        // SAFETY: forwarded from the caller.
        unsafe { destroy(p) };
        return;
    }
    TRASHCAN.with(|t| {
        let depth = t.nesting.get();
        if depth >= TRASHCAN_UNWIND_LEVEL {
            let mut later = t.later.take();
            later.push(p);
            t.later.set(later);
            return;
        }
        t.nesting.set(depth + 1);
        // SAFETY: forwarded from the caller.
        unsafe { destroy(p) };
        t.nesting.set(depth);
        if depth == 0 {
            drain_trashcan(t);
        }
    });
}

/// Frees the deferred objects (`_PyTrash_thread_destroy_chain`).
fn drain_trashcan(t: &Trashcan) {
    loop {
        let mut later = t.later.take();
        let next = later.pop();
        t.later.set(later);
        let Some(q) = next else { break };
        t.nesting.set(t.nesting.get() + 1);
        // SAFETY: q was deferred by dealloc with refcount 0 and is referenced
        // by nothing but the delete-later list, from which it was just removed.
        unsafe { destroy(q) };
        t.nesting.set(t.nesting.get() - 1);
    }
}

/// Drops the payload, releases the type (heap types) and frees the block.
///
/// # Safety
/// As for [`dealloc`].
unsafe fn destroy(p: NonNull<ObjHeader>) {
    // SAFETY: p is alive until its block is freed or kept on the type's free
    // list at the end; we copy what we need from the slots before dropping
    // the payload.
    unsafe {
        let slots = ObjRef::slots_of(p);
        let (drop_payload, pre, heaptype, has_gc) =
            (slots.drop_payload, pre_header(slots), slots.flags & flags::HEAPTYPE != 0, slots.has_gc());
        let ty = (*p.as_ptr()).ob_type.get();
        crate::trace::on_free(p);
        if slots.has_managed_dict() {
            // subtype_dealloc: the instance dict goes before the base's payload.
            let dict = (*p.as_ptr().cast::<u8>().sub(pre).cast::<ManagedDict>()).dict.take();
            drop(dict);
        }
        drop_payload(p);
        // The slots are still alive: a heap type is released only below,
        // and other types are never freed while they have instances.
        let block = NonNull::new_unchecked(p.as_ptr().cast::<u8>().sub(pre));
        if !freelist::put(slots, p, block) {
            if has_gc {
                gc::on_gc_free();
            }
            obmalloc::free(block);
        }
        if heaptype {
            drop(ObjRef { ptr: ty, _not_send: PhantomData });
        }
    }
}

impl ObjRef {
    /// # Safety
    /// `p` heads a live object; the returned borrow must not outlive it.
    pub(crate) unsafe fn slots_of<'a>(p: NonNull<ObjHeader>) -> &'a TypeSlots {
        // SAFETY: as in ObjRef::slots, for a raw header pointer.
        unsafe { &*(*p.as_ptr()).ob_type.get().as_ptr().cast::<u8>().add(SLOTS_OFFSET).cast::<TypeSlots>() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Meta;
    /// A linked-list node: dropping the head frees the chain through `_next`.
    struct Node {
        _next: RefCell<Option<ObjRef>>,
    }

    fn types() -> (ObjRef, ObjRef) {
        let meta = new_type_object(None, metatype_slots::<Meta>(), Meta).unwrap();
        let node = new_type_object(Some(&meta), TypeSlots::new::<Node>(flags::HAVE_GC), Meta).unwrap();
        (meta, node)
    }

    #[test]
    fn refcounts_follow_clone_and_drop() {
        let (_meta, node) = types();
        let a = alloc(&node, Node { _next: RefCell::new(None) }, 0).unwrap();
        assert_eq!(a.refcnt(), 1);
        let b = a.clone();
        assert_eq!(a.refcnt(), 2);
        assert!(a.is(&b));
        drop(b);
        assert_eq!(a.refcnt(), 1);
        assert_eq!(a.id() % 16, 0);
        assert!(a.downcast::<Node>().is_some());
        assert!(a.downcast::<Meta>().is_none());
    }

    #[test]
    fn million_deep_chain_frees_without_overflow() {
        let (_meta, node) = types();
        let before = obmalloc::allocated_blocks();
        let mut head = alloc(&node, Node { _next: RefCell::new(None) }, 0).unwrap();
        for _ in 0..1_000_000 {
            head = alloc(&node, Node { _next: RefCell::new(Some(head)) }, 0).unwrap();
        }
        drop(head);
        assert_eq!(obmalloc::allocated_blocks(), before);
    }

    #[test]
    fn var_objects_hold_items() {
        struct Meta2;
        let meta = new_type_object(None, metatype_slots::<Meta2>(), Meta2).unwrap();
        let tup =
            new_type_object(Some(&meta), TypeSlots::new_var::<(), ObjRef>(flags::HAVE_GC), Meta2).unwrap();
        let a = alloc_var::<(), ObjRef>(&tup, (), std::iter::empty(), 0).unwrap();
        let b = alloc_var::<(), ObjRef>(&tup, (), [a.clone(), a.clone()].into_iter(), 0).unwrap();
        assert_eq!(a.refcnt(), 3);
        assert_eq!(b.downcast_var::<(), ObjRef>().unwrap().1.len(), 2);
        drop(b);
        assert_eq!(a.refcnt(), 1);
    }
}
