//! The generational cycle collector: CPython 3.11's `Modules/gcmodule.c`.
//!
//! Reference counting frees everything except cycles. This collector finds
//! groups of GC objects that are referenced only from inside the group and
//! breaks them. The algorithm is the one Neil Schemenauer wrote for CPython
//! 2.0, as reworked by Tim Peters and Antoine Pitrou (flags in `gc_prev`) and
//! extended by PEP 442 (safe finalizers). Start reading at
//! [`collect::collect_main`]: it lists the passes in order.
//!
//! ```text
//!  GC object block                                 generation list (circular, head is not an object)
//!  +-----------------------+--------------+---    +------+    +-----+    +-----+
//!  | GcHead                | ObjHeader    | ..    | head | -> | obj | -> | obj | -> (head)
//!  | gc_next | gc_prev     | refcnt, type |       +------+ <- +-----+ <- +-----+
//!  +-----------------------+--------------+---
//! ```
//!
//! # The states of `gc_next` / `gc_prev` (`PyGC_Head`)
//!
//! Between collections:
//! - *untracked*: `gc_next == 0`; `gc_prev` holds only `PREV_MASK_FINALIZED`
//!   and refpy's `PREV_MASK_WEAKREFS` (weak handles exist, [`crate::weak`]).
//! - *tracked*: in exactly one of the four lists (generations 0–2, the
//!   permanent generation); `gc_next` points at the next head, `gc_prev` at
//!   the previous head, plus `PREV_MASK_FINALIZED` once the finalizer ran.
//!
//! During a collection, for the objects of the generation being collected:
//! - after `update_refs`: `gc_prev` is `gc_refs << PREV_SHIFT | COLLECTING |
//!   FINALIZED?`; `gc_next` still links the list, which is singly linked now.
//! - in `move_unreachable`: an object already scanned and found *reachable*
//!   gets its `gc_prev` pointer back and loses COLLECTING. An object
//!   *tentatively unreachable* (gc_refs was 0 when the scan reached it) moves
//!   to the unreachable list with `NEXT_MASK_UNREACHABLE` in `gc_next`, a
//!   real `gc_prev` pointer and COLLECTING still set; if a reachable object
//!   refers to it later it is *rescued*: moved back to the end of `young`
//!   with gc_refs 1. An object not yet scanned has gc_refs ≥ 0, where > 0
//!   means "known reachable".
//! - after `move_unreachable` both lists are ordinary doubly linked lists
//!   again (once `clear_unreachable_mask` ran on the unreachable one); the
//!   unreachable objects keep COLLECTING until they are freed or move to an
//!   older generation.
//!
//! Python code (finalizers, weakref callbacks, `gc.callbacks`) runs only
//! through [`GcHooks`], and only after the lists are doubly linked again, so
//! an object freed by that code can unlink itself ([`untrack`] in `dealloc`).
//!
//! # Counting and triggering (fact sheet §3.2)
//!
//! `generations[0].count` is GC allocations minus GC deallocations, tracked
//! or not; `generations[g+1].count` counts collections of generation g since
//! the last collection of g+1. CPython 3.11 collects *inside* the allocation
//! that makes `count0 > threshold0`. refpy cannot run finalizers inside
//! `alloc` (the VM is not reentrant there), so that allocation only sets the
//! *collection pending* word; the VM tests [`collection_pending`] where it
//! tests for interrupts (backward jumps and calls) and then calls
//! [`collect_generations`], which makes CPython's choice of generation
//! (`gc_collect_generations`, including the long-lived-pending 25% rule).
//! This is CPython 3.12's scheme (`_Py_ScheduleGC`), and it differs from
//! 3.11 only when one instruction allocates past the threshold many times
//! (PERFORMANCE.md §3): 3.11 would collect several times inside it, refpy
//! once after it, and the object whose allocation crossed the threshold
//! takes part in that collection.
//!
//! # What refpy leaves out
//!
//! Legacy `tp_del` finalizers do not exist in refpy, so `move_legacy_finalizers`
//! and `handle_legacy_finalizers` have nothing to do and `uncollectable` is
//! always 0. The state is thread-local like the heap (`ObjRef` is `!Send`).

mod collect;
mod lists;
#[cfg(test)]
mod tests;

use std::cell::Cell;
use std::ptr::NonNull;

use crate::object::{GcHead, ObjHeader, ObjRef};
use lists::{list_append, list_init, list_merge, list_remove, list_size, validate_list, Gc};

pub use collect::{collect_main, collect_with_callback, CollectResult};

/// Number of generations (`NUM_GENERATIONS`), not counting the permanent one.
pub const NUM_GENERATIONS: usize = 3;

/// Default thresholds of the three generations (`_PyGC_InitState`).
pub const DEFAULT_THRESHOLDS: [isize; NUM_GENERATIONS] = [700, 10, 10];

/// `gc.DEBUG_STATS`: print statistics during collection.
pub const DEBUG_STATS: u32 = 1 << 0;
/// `gc.DEBUG_COLLECTABLE`: print each unreachable object found.
pub const DEBUG_COLLECTABLE: u32 = 1 << 1;
/// `gc.DEBUG_UNCOLLECTABLE`: print each uncollectable object found.
pub const DEBUG_UNCOLLECTABLE: u32 = 1 << 2;
/// `gc.DEBUG_SAVEALL`: keep unreachable objects in `gc.garbage` instead of freeing them.
pub const DEBUG_SAVEALL: u32 = 1 << 5;
/// `gc.DEBUG_LEAK`.
pub const DEBUG_LEAK: u32 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

/// What the collector asks of the VM. Everything that can run Python code
/// goes through here, never inside the heap. Every method has a default, so
/// a VM without finalizers or weakrefs implements none.
pub trait GcHooks {
    /// Whether `obj` has a finalizer (`tp_finalize`, Python's `__del__`).
    /// Only for objects not yet FINALIZED; a true answer sets the bit.
    fn has_finalizer(&mut self, _obj: &ObjRef) -> bool {
        false
    }

    /// Runs the finalizer of `obj` (`finalize_garbage`). It may resurrect
    /// objects and may free others; exceptions are the VM's to report.
    fn finalize(&mut self, _obj: &ObjRef) {}

    /// Clears every weak reference to the `unreachable` objects and runs the
    /// callbacks of those weakrefs that are not themselves unreachable
    /// (`handle_weakrefs`). Returns the number of weakref objects freed, which
    /// count as collected. Only called when `unreachable` is not empty.
    fn handle_weakrefs(&mut self, _unreachable: &[ObjRef]) -> usize {
        0
    }

    /// `DEBUG_SAVEALL`: append `obj` to `gc.garbage` instead of clearing it.
    fn save_garbage(&mut self, _obj: &ObjRef) {}

    /// Writes debug output (`PySys_WriteStderr`); `text` ends with a newline.
    fn debug_print(&mut self, text: &str) {
        eprint!("{text}");
    }

    /// Debug line for one object: `gc: {msg} <{type name} {address}>\n`
    /// (`debug_cycle`). The heap does not know type names.
    fn debug_cycle(&mut self, msg: &str, obj: &ObjRef) {
        let line = format!("gc: {msg} <object {:#x}>\n", obj.id());
        self.debug_print(&line);
    }

    /// `gc.callbacks` with phase "start" (`invoke_gc_callback`).
    fn collection_start(&mut self, _generation: usize) {}

    /// `gc.callbacks` with phase "stop".
    fn collection_stop(&mut self, _generation: usize, _result: CollectResult) {}

    /// Full collections end by clearing the free lists (`clear_freelists`).
    fn clear_freelists(&mut self) {}
}

/// Hooks that do nothing: collection of pure data.
pub struct NoHooks;

impl GcHooks for NoHooks {}

/// Cumulative statistics of one generation (`gc_generation_stats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GenerationStats {
    /// Collections of this generation.
    pub collections: usize,
    /// Objects found unreachable and freed (or saved) by them.
    pub collected: usize,
    /// Objects found unreachable that could not be freed.
    pub uncollectable: usize,
}

/// One generation (`gc_generation`).
struct Generation {
    /// List head; not an object.
    head: GcHead,
    /// Collect when `count > threshold`.
    threshold: Cell<isize>,
    /// Generation 0: GC allocations minus deallocations; older ones:
    /// collections of the next younger generation since this one's last.
    count: Cell<isize>,
}

impl Generation {
    const fn new(threshold: isize) -> Generation {
        Generation {
            head: GcHead { gc_next: Cell::new(0), gc_prev: Cell::new(0) },
            threshold: Cell::new(threshold),
            count: Cell::new(0),
        }
    }
}

/// The collector's state (`struct _gc_runtime_state`). All fields are
/// `Cell`s: hooks run Python code that allocates while a collection holds
/// a reference to the state.
pub(crate) struct GcState {
    generations: [Generation; NUM_GENERATIONS],
    /// `gc.freeze()` moves everything here; never collected.
    permanent_generation: Generation,
    /// The list heads point at themselves (set on first use: a `const`
    /// thread-local cannot know its own address).
    initialized: Cell<bool>,
    enabled: Cell<bool>,
    /// A collection is running; no other may start.
    collecting: Cell<bool>,
    /// `update_refs` .. `move_unreachable` is running: a list is singly
    /// linked and `gc_prev` holds gc_refs, so no object may be tracked or
    /// untracked (only a faulty `traverse` could try; it panics).
    lists_in_flux: Cell<bool>,
    /// `count0` crossed `threshold0`: the VM should call [`collect_generations`].
    pending: Cell<bool>,
    debug: Cell<u32>,
    /// Objects in the oldest generation after the last full collection.
    long_lived_total: Cell<usize>,
    /// Survivors of gen-1 collections since the last full collection.
    long_lived_pending: Cell<usize>,
    stats: [Cell<GenerationStats>; NUM_GENERATIONS],
}

thread_local! {
    static GC_STATE: GcState = const {
        GcState {
            generations: [
                Generation::new(DEFAULT_THRESHOLDS[0]),
                Generation::new(DEFAULT_THRESHOLDS[1]),
                Generation::new(DEFAULT_THRESHOLDS[2]),
            ],
            permanent_generation: Generation::new(0),
            initialized: Cell::new(false),
            enabled: Cell::new(true),
            collecting: Cell::new(false),
            lists_in_flux: Cell::new(false),
            pending: Cell::new(false),
            debug: Cell::new(0),
            long_lived_total: Cell::new(0),
            long_lived_pending: Cell::new(0),
            stats: [
                Cell::new(GenerationStats { collections: 0, collected: 0, uncollectable: 0 }),
                Cell::new(GenerationStats { collections: 0, collected: 0, uncollectable: 0 }),
                Cell::new(GenerationStats { collections: 0, collected: 0, uncollectable: 0 }),
            ],
        }
    };
}

/// Runs `f` with the (initialised) collector state.
#[inline]
fn with_state<R>(f: impl FnOnce(&GcState) -> R) -> R {
    GC_STATE.with(|s| {
        if !s.initialized.get() {
            s.init();
        }
        f(s)
    })
}

impl GcState {
    #[cold]
    fn init(&self) {
        for g in &self.generations {
            list_init(Gc::of_head(&g.head));
        }
        list_init(Gc::of_head(&self.permanent_generation.head));
        self.initialized.set(true);
    }

    /// `GEN_HEAD(gcstate, g)`.
    fn gen_head(&self, g: usize) -> Gc {
        Gc::of_head(&self.generations[g].head)
    }

    fn permanent_head(&self) -> Gc {
        Gc::of_head(&self.permanent_generation.head)
    }
}

// --- allocation hooks (object.rs) ------------------------------------------

/// Called for each allocation of a GC-type object (`_PyObject_GC_Link`):
/// counts it and, past the threshold, marks a collection pending.
#[inline]
pub(crate) fn on_gc_alloc() {
    GC_STATE.with(|s| {
        let g0 = &s.generations[0];
        let count = g0.count.get() + 1;
        g0.count.set(count);
        let threshold = g0.threshold.get();
        if count > threshold && threshold != 0 && s.enabled.get() && !s.collecting.get() {
            s.pending.set(true);
        }
    });
}

/// Called for each deallocation of a GC-type object (`PyObject_GC_Del`).
#[inline]
pub(crate) fn on_gc_free() {
    GC_STATE.with(|s| {
        let c = &s.generations[0].count;
        if c.get() > 0 {
            c.set(c.get() - 1);
        }
    });
}

/// Appends a GC object to generation 0 unless it is tracked already (`_PyObject_GC_TRACK`).
#[inline]
pub(crate) fn track(p: NonNull<ObjHeader>) {
    // SAFETY: callers pass live objects whose type has HAVE_GC.
    let gc = unsafe { Gc::of_object(p) };
    if gc.is_tracked() {
        return;
    }
    with_state(|s| {
        assert!(!s.lists_in_flux.get(), "object tracked during a GC traverse pass");
        list_append(gc, s.gen_head(0));
    });
}

/// Removes a GC object from its list if it is tracked (`_PyObject_GC_UNTRACK`).
#[inline]
pub(crate) fn untrack(p: NonNull<ObjHeader>) {
    // SAFETY: callers pass live objects whose type has HAVE_GC.
    let gc = unsafe { Gc::of_object(p) };
    if gc.is_tracked() {
        GC_STATE.with(|s| assert!(!s.lists_in_flux.get(), "object untracked during a GC traverse pass"));
        list_remove(gc);
    }
}

pub(crate) fn is_tracked(p: NonNull<ObjHeader>) -> bool {
    // SAFETY: callers pass live objects whose type has HAVE_GC.
    unsafe { Gc::of_object(p) }.is_tracked()
}

pub(crate) fn is_finalized(p: NonNull<ObjHeader>) -> bool {
    // SAFETY: callers pass live objects whose type has HAVE_GC.
    unsafe { Gc::of_object(p) }.is_finalized()
}

pub(crate) fn set_finalized(p: NonNull<ObjHeader>) {
    // SAFETY: callers pass live objects whose type has HAVE_GC.
    unsafe { Gc::of_object(p) }.set_finalized()
}

/// Whether weak handles to the object exist (see [`crate::weak`]).
pub(crate) fn has_weakrefs(p: NonNull<ObjHeader>) -> bool {
    // SAFETY: callers pass live objects whose type has HAVE_GC.
    unsafe { Gc::of_object(p) }.has_weakrefs()
}

pub(crate) fn set_has_weakrefs(p: NonNull<ObjHeader>, on: bool) {
    // SAFETY: callers pass live objects whose type has HAVE_GC.
    unsafe { Gc::of_object(p) }.set_has_weakrefs(on)
}

// --- triggering ----------------------------------------------------------------

/// True when an allocation crossed threshold 0 since the last automatic
/// collection: the VM should call [`collect_generations`] at its next safe point.
#[inline]
pub fn collection_pending() -> bool {
    GC_STATE.with(|s| s.pending.get())
}

/// The automatic collection (`gc_collect_generations` behind
/// `_PyObject_GC_Link`'s test): clears the pending word and, if collection is
/// still due, collects the oldest generation whose count exceeds its
/// threshold — generation 2 only when `long_lived_pending` is at least a
/// quarter of `long_lived_total`. Returns the number of unreachable objects.
pub fn collect_generations(hooks: &mut dyn GcHooks) -> usize {
    let generation = with_state(|s| {
        s.pending.set(false);
        let g0 = &s.generations[0];
        let due = g0.count.get() > g0.threshold.get()
            && g0.threshold.get() != 0
            && s.enabled.get()
            && !s.collecting.get();
        if !due {
            return None;
        }
        (0..NUM_GENERATIONS).rev().find(|&i| {
            let g = &s.generations[i];
            g.count.get() > g.threshold.get()
                && !(i == NUM_GENERATIONS - 1 && s.long_lived_pending.get() < s.long_lived_total.get() / 4)
        })
    });
    match generation {
        Some(g) => {
            let r = collect_with_callback(g, hooks);
            r.collected + r.uncollectable
        }
        None => 0,
    }
}

/// `gc.collect(generation)`: collects `generation` and all younger ones,
/// with `gc.callbacks`. Returns collected + uncollectable, or 0 when a
/// collection is already running. `generation` must be below [`NUM_GENERATIONS`].
pub fn collect(generation: usize, hooks: &mut dyn GcHooks) -> usize {
    let r = collect_with_callback(generation, hooks);
    r.collected + r.uncollectable
}

// --- the gc module's state ------------------------------------------------------

/// `gc.enable()`.
pub fn enable() {
    with_state(|s| s.enabled.set(true));
}

/// `gc.disable()`.
pub fn disable() {
    with_state(|s| s.enabled.set(false));
}

/// `gc.isenabled()`.
pub fn is_enabled() -> bool {
    with_state(|s| s.enabled.get())
}

/// A collection is running.
pub fn is_collecting() -> bool {
    with_state(|s| s.collecting.get())
}

/// `gc.get_count()`.
pub fn get_count() -> [isize; NUM_GENERATIONS] {
    with_state(|s| std::array::from_fn(|i| s.generations[i].count.get()))
}

/// `generations[0].count`.
pub fn gen0_count() -> isize {
    get_count()[0]
}

/// `gc.get_threshold()`.
pub fn get_threshold() -> [isize; NUM_GENERATIONS] {
    with_state(|s| std::array::from_fn(|i| s.generations[i].threshold.get()))
}

/// `gc.set_threshold(...)`: thresholds given as `None` are left unchanged.
pub fn set_threshold(thresholds: [Option<isize>; NUM_GENERATIONS]) {
    with_state(|s| {
        for (g, t) in s.generations.iter().zip(thresholds) {
            if let Some(t) = t {
                g.threshold.set(t);
            }
        }
    });
}

/// `gc.get_debug()`.
pub fn get_debug() -> u32 {
    with_state(|s| s.debug.get())
}

/// `gc.set_debug(flags)`.
pub fn set_debug(flags: u32) {
    with_state(|s| s.debug.set(flags));
}

/// `gc.get_stats()`.
pub fn get_stats() -> [GenerationStats; NUM_GENERATIONS] {
    with_state(|s| std::array::from_fn(|i| s.stats[i].get()))
}

/// `(long_lived_total, long_lived_pending)`.
pub fn long_lived() -> (usize, usize) {
    with_state(|s| (s.long_lived_total.get(), s.long_lived_pending.get()))
}

/// Number of objects in each generation list.
pub fn generation_sizes() -> [usize; NUM_GENERATIONS] {
    with_state(|s| std::array::from_fn(|i| list_size(s.gen_head(i))))
}

/// `gc.get_objects(generation)`: the tracked objects of one generation, or of
/// all three in order (not the permanent generation) for `None`.
pub fn get_objects(generation: Option<usize>) -> Vec<ObjRef> {
    with_state(|s| {
        let mut out = Vec::new();
        let gens = match generation {
            Some(g) => g..g + 1,
            None => 0..NUM_GENERATIONS,
        };
        for g in gens {
            let head = s.gen_head(g);
            let mut gc = head.next();
            while gc != head {
                // SAFETY: tracked objects are alive (they leave the list in
                // dealloc); we take a new strong reference.
                out.push(unsafe { ObjRef::from_borrowed(gc.object()) });
                gc = gc.next();
            }
        }
        out
    })
}

/// `gc.freeze()`: moves every tracked object into the permanent generation.
pub fn freeze() {
    with_state(|s| {
        for g in 0..NUM_GENERATIONS {
            list_merge(s.gen_head(g), s.permanent_head());
            // 3.11 resets generation 0's count in this loop (not generation g's).
            s.generations[0].count.set(0);
        }
    });
}

/// `gc.unfreeze()`: moves the permanent generation back into the oldest one.
pub fn unfreeze() {
    with_state(|s| list_merge(s.permanent_head(), s.gen_head(NUM_GENERATIONS - 1)));
}

/// `gc.get_freeze_count()`.
pub fn get_freeze_count() -> usize {
    with_state(|s| list_size(s.permanent_head()))
}

/// The collector list that holds a tracked object (see [`generation_of`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GcList {
    /// Generation 0, 1 or 2.
    Generation(usize),
    /// The permanent generation: frozen by `gc.freeze()`, never collected.
    Permanent,
}

/// Which list holds `obj`: the generation `gc.get_objects(g)` would list it in, or the
/// permanent one. `None` for an untracked or non-GC object, and for one in a collection's
/// working list while finalizers run. Walks the list to its head: for introspection
/// (`refpy.explain`), not for hot code.
pub fn generation_of(obj: &ObjRef) -> Option<GcList> {
    if !obj.is_tracked() {
        return None;
    }
    with_state(|s| {
        if s.lists_in_flux.get() {
            return None;
        }
        // SAFETY: `obj` is a live, tracked GC object, so a GcHead precedes its header.
        let start = unsafe { Gc::of_object(obj.as_ptr()) };
        let mut gc = start.next();
        while gc != start {
            if let Some(g) = (0..NUM_GENERATIONS).find(|&g| s.gen_head(g) == gc) {
                return Some(GcList::Generation(g));
            }
            if s.permanent_head() == gc {
                return Some(GcList::Permanent);
            }
            gc = gc.next();
        }
        None
    })
}

/// Checks every generation list (`validate_list` between collections): well
/// linked, no collection flags, only live GC objects. Panics on a violation.
pub fn check_invariants() {
    with_state(|s| {
        let heads = (0..NUM_GENERATIONS).map(|g| s.gen_head(g)).chain([s.permanent_head()]);
        for head in heads {
            validate_list(head, false);
            let mut gc = head.next();
            while gc != head {
                // SAFETY: tracked objects are alive; the borrow is not kept.
                let obj = unsafe { ObjRef::borrowed(gc.object()) };
                assert!(obj.is_gc(), "non-GC object in a generation list");
                assert!(obj.refcnt() > 0, "dead object in a generation list");
                gc = gc.next();
            }
        }
    });
}
