//! One collection: `gc_collect_main` and its passes, in the order they run.
//!
//! Every pass is a loop over a list; none recurses, so a million-long chain
//! costs no Rust stack. Passes that can run Python code (through
//! [`GcHooks`]) only start once every list involved is doubly linked again.

use std::cell::Cell;
use std::time::Instant;

use super::lists::{
    clear_unreachable_mask, list_clear_collecting, list_init, list_is_empty, list_merge, list_move,
    list_remove, list_size, validate_list, Gc, NEXT_MASK_UNREACHABLE,
};
use super::{
    with_state, GcHooks, GcState, DEBUG_COLLECTABLE, DEBUG_SAVEALL, DEBUG_STATS, DEBUG_UNCOLLECTABLE,
    NUM_GENERATIONS,
};
use crate::object::{GcHead, ObjRef, UntrackWhen};

/// The result of one collection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CollectResult {
    /// Unreachable objects freed (or saved under `DEBUG_SAVEALL`), plus the
    /// weakref objects freed after their callbacks (`m` in gcmodule.c).
    pub collected: usize,
    /// Unreachable objects that could not be freed (`n`); always 0 in refpy,
    /// which has no legacy `tp_del` finalizers.
    pub uncollectable: usize,
}

/// Holds `collecting` set for the length of a collection (reset even if a hook panics).
struct CollectingGuard;

impl CollectingGuard {
    /// Sets `collecting`, or returns `None` if a collection is already running.
    fn begin() -> Option<CollectingGuard> {
        with_state(|s| {
            if s.collecting.get() {
                None
            } else {
                s.collecting.set(true);
                Some(CollectingGuard)
            }
        })
    }
}

impl Drop for CollectingGuard {
    fn drop(&mut self) {
        with_state(|s| s.collecting.set(false));
    }
}

/// `gc_collect_with_callback`: [`collect_main`] between the "start" and
/// "stop" hooks (`gc.callbacks`). Returns zeros without collecting when a
/// collection is already running.
pub fn collect_with_callback(generation: usize, hooks: &mut dyn GcHooks) -> CollectResult {
    assert!(generation < NUM_GENERATIONS, "invalid generation");
    let Some(_guard) = CollectingGuard::begin() else { return CollectResult::default() };
    hooks.collection_start(generation);
    let result = with_state(|s| gc_collect_main(s, generation, hooks));
    hooks.collection_stop(generation, result);
    result
}

/// Collects `generation` and all younger ones, without `gc.callbacks`.
/// Returns zeros without collecting when a collection is already running.
pub fn collect_main(generation: usize, hooks: &mut dyn GcHooks) -> CollectResult {
    assert!(generation < NUM_GENERATIONS, "invalid generation");
    let Some(_guard) = CollectingGuard::begin() else { return CollectResult::default() };
    with_state(|s| gc_collect_main(s, generation, hooks))
}

/// A list head on the Rust stack. It must not move while objects link to
/// it, and every function that makes one empties it before returning.
fn local_list() -> GcHead {
    GcHead { gc_next: Cell::new(0), gc_prev: Cell::new(0) }
}

/// This is the main function: read this to understand how the collection
/// proceeds (`gc_collect_main` in 3.11). Step numbers are those of the fact
/// sheet §3.3.
fn gc_collect_main(s: &GcState, generation: usize, hooks: &mut dyn GcHooks) -> CollectResult {
    let debug = s.debug.get();
    // Step 0: statistics header, counts, merge the younger generations.
    let t1 = (debug & DEBUG_STATS != 0).then(|| {
        hooks.debug_print(&format!("gc: collecting generation {generation}...\n"));
        show_stats_each_generations(s, hooks);
        Instant::now()
    });
    if generation + 1 < NUM_GENERATIONS {
        let c = &s.generations[generation + 1].count;
        c.set(c.get() + 1);
    }
    for g in &s.generations[..=generation] {
        g.count.set(0);
    }
    for i in 0..generation {
        list_merge(s.gen_head(i), s.gen_head(generation));
    }
    let young = s.gen_head(generation);
    let old = if generation + 1 < NUM_GENERATIONS { s.gen_head(generation + 1) } else { young };
    if cfg!(debug_assertions) {
        validate_list(old, false);
    }

    // Steps 1–3: split young into reachable (stays in young) and unreachable.
    let unreachable_head = local_list();
    let unreachable = Gc::of_head(&unreachable_head);
    deduce_unreachable(s, young, unreachable);

    // Step 4: young now holds the survivors; promote them.
    untrack_tuples(young);
    if young != old {
        if generation == NUM_GENERATIONS - 2 {
            let p = &s.long_lived_pending;
            p.set(p.get() + list_size(young));
        }
        list_merge(young, old);
    } else {
        // Dicts are untracked only in full collections, to avoid quadratic
        // dict build-up (CPython issue #14775).
        untrack_dicts(young);
        s.long_lived_pending.set(0);
        s.long_lived_total.set(list_size(young));
    }

    // Step 5: move_legacy_finalizers. refpy has no tp_del, so the
    // `finalizers` list stays empty and only the mask clearing remains.
    clear_unreachable_mask(unreachable);
    if cfg!(debug_assertions) {
        validate_list(unreachable, true);
    }

    // Step 6.
    if debug & DEBUG_COLLECTABLE != 0 {
        for op in list_objects(unreachable) {
            hooks.debug_cycle("collectable", &op);
        }
    }

    // Step 7: weakrefs are cleared and callbacks run before any finalizer.
    let mut m = handle_weakrefs(unreachable, hooks);

    // Step 8 (PEP 442).
    finalize_garbage(unreachable, hooks);

    // Step 9: objects the finalizers made reachable again survive.
    let final_unreachable_head = local_list();
    let final_unreachable = Gc::of_head(&final_unreachable_head);
    handle_resurrected_objects(s, unreachable, final_unreachable, old);

    // Step 10: break the cycles.
    m += list_size(final_unreachable);
    delete_garbage(final_unreachable, old, hooks, debug);
    debug_assert!(list_is_empty(unreachable) && list_is_empty(final_unreachable));

    // Step 11: uncollectable objects (none without legacy finalizers).
    let n = 0;
    if debug & DEBUG_UNCOLLECTABLE != 0 {
        // Nothing to print: the `finalizers` list is always empty.
    }
    if let Some(t1) = t1 {
        let d = t1.elapsed().as_secs_f64();
        hooks.debug_print(&format!("gc: done, {} unreachable, {n} uncollectable, {d:.4}s elapsed\n", n + m));
    }

    // Step 12. The VM's free lists (dict key tables) go first, unlike in
    // CPython: refpy's table is two blocks, one of them in the size class of
    // floats and ints, and freed last it would be what the next float or
    // int gets instead of the block of a float from the float free list.
    if generation == NUM_GENERATIONS - 1 {
        hooks.clear_freelists();
        crate::freelist::clear_all();
    }

    // Step 13.
    let cell = &s.stats[generation];
    let mut st = cell.get();
    st.collections += 1;
    st.collected += m;
    st.uncollectable += n;
    cell.set(st);
    CollectResult { collected: m, uncollectable: n }
}

/// `show_stats_each_generations`: the sizes before the merge.
fn show_stats_each_generations(s: &GcState, hooks: &mut dyn GcHooks) {
    let mut sizes = String::new();
    for g in 0..NUM_GENERATIONS {
        sizes.push_str(&format!(" {}", list_size(s.gen_head(g))));
    }
    let permanent = list_size(s.permanent_head());
    hooks.debug_print(&format!(
        "gc: objects in each generation:{sizes}\ngc: objects in permanent generation: {permanent}\n"
    ));
}

/// Strong references to the objects of `list`, in order.
fn list_objects(list: Gc) -> Vec<ObjRef> {
    let mut out = Vec::new();
    let mut gc = list.next();
    while gc != list {
        // SAFETY: objects in a list are alive; we take a new strong reference.
        out.push(unsafe { ObjRef::from_borrowed(gc.object()) });
        gc = gc.next();
    }
    out
}

/// Calls `f` with a borrowed reference to the object of `gc`.
#[inline]
fn with_object<R>(gc: Gc, f: impl FnOnce(&ObjRef) -> R) -> R {
    // SAFETY: `gc` is an object in one of the collector's lists, so it is
    // alive, and it stays alive during `f`: the passes that use this run no
    // code that could drop references (traverse functions only visit).
    let op = unsafe { ObjRef::borrowed(gc.object()) };
    f(&op)
}

/// The GC head of a referent, if it is a GC object.
#[inline]
fn gc_of(op: &ObjRef) -> Option<Gc> {
    // SAFETY: `op` is alive and its type has HAVE_GC, so a GcHead precedes it.
    op.is_gc().then(|| unsafe { Gc::of_object(op.as_ptr()) })
}

/// `deduce_unreachable`, three steps:
/// 1. `update_refs`: gc_refs = refcount for every object of `base`;
/// 2. `subtract_refs`: minus the references from inside `base`;
/// 3. `move_unreachable`: objects with gc_refs > 0 are reachable from
///    outside, and so is everything they reach; the rest moves to `unreachable`.
///
/// Contracts: `base` is a well-formed list with no COLLECTING flags and
/// `unreachable` is uninitialised. Afterwards `base` is a well-formed list
/// of the reachable objects with COLLECTING clear, and `unreachable` holds
/// the others with COLLECTING set and NEXT_MASK_UNREACHABLE in `gc_next`
/// (see `clear_unreachable_mask`).
///
/// Why the rescue in step 3 is needed, with objects A, B, C in this list
/// order, where only C is referenced from outside and C → B → A: the scan
/// reaches A with gc_refs 0 and moves it to `unreachable`; B likewise; then C
/// (gc_refs 1) is traversed and B is rescued to the end of `base`; when the
/// scan reaches B it is traversed and rescues A. All three survive, in the
/// order C, B, A.
fn deduce_unreachable(s: &GcState, base: Gc, unreachable: Gc) {
    if cfg!(debug_assertions) {
        validate_list(base, false);
    }
    // While lists are singly linked, nothing may track or untrack objects.
    s.lists_in_flux.set(true);
    update_refs(base);
    subtract_refs(base);
    list_init(unreachable);
    move_unreachable(base, unreachable);
    s.lists_in_flux.set(false);
}

/// After this, every object in `containers` is COLLECTING and its gc_refs
/// equals its refcount; `gc_prev` no longer holds a pointer (`update_refs`).
fn update_refs(containers: Gc) {
    let mut gc = containers.next();
    while gc != containers {
        let refcnt = with_object(gc, ObjRef::refcnt);
        // A refcount of 0 would mean a dead object in a list: dealloc untracks first.
        debug_assert!(refcnt > 0, "dead object in a generation list");
        gc.reset_refs(refcnt.max(0) as usize);
        gc = gc.next();
    }
}

/// After this, gc_refs of each object in `containers` counts only the
/// references from outside `containers` (`subtract_refs`).
fn subtract_refs(containers: Gc) {
    let mut gc = containers.next();
    while gc != containers {
        with_object(gc, |op| {
            op.traverse(&mut visit_decref);
        });
        gc = gc.next();
    }
}

/// `visit_decref`: one reference from inside the collected set.
fn visit_decref(op: &ObjRef) {
    if let Some(gc) = gc_of(op) {
        // Objects outside the set are not COLLECTING and keep their links.
        if gc.is_collecting() && gc.refs() > 0 {
            gc.decref();
        }
    }
}

/// After this, `young` holds exactly the objects reachable from outside it
/// (directly: gc_refs > 0, or through other reachable objects), doubly
/// linked, COLLECTING clear. `unreachable` holds the others, in scan order,
/// each with COLLECTING set and NEXT_MASK_UNREACHABLE in `gc_next` (as has
/// the head's `gc_next` until the end of this function).
fn move_unreachable(young: Gc, unreachable: Gc) {
    // The last object kept in young; its `gc_next` is the next to scan.
    let mut prev = young;
    let mut gc = young.next();
    // Loop invariant: every object to the left of `gc` in young has been
    // scanned, is reachable, has a valid `gc_prev` and no COLLECTING flag;
    // every object of the original young that was scanned and is not to the
    // left of `gc` is in `unreachable` with NEXT_MASK_UNREACHABLE. Objects at
    // or after `gc` are unscanned, COLLECTING, with gc_refs > 0 meaning
    // "known reachable".
    while gc != young {
        if gc.refs() > 0 {
            // Reachable: everything it refers to is reachable too. The
            // traversal may append rescued objects to young (possibly right
            // after `gc`), so the next object is read only afterwards.
            with_object(gc, |op| {
                op.traverse(&mut |r: &ObjRef| visit_reachable(r, young));
            });
            gc.set_prev(prev);
            gc.clear_collecting();
            prev = gc;
        } else {
            // Tentatively unreachable: maybe reachable from an object not
            // scanned yet, in which case visit_reachable moves it back.
            // young is singly linked here, so only `prev`'s next changes.
            prev.set_next_raw(gc.next_raw());
            let last = unreachable.prev();
            last.set_next_raw(gc.addr() | NEXT_MASK_UNREACHABLE);
            gc.set_prev(last);
            gc.set_next_raw(unreachable.addr() | NEXT_MASK_UNREACHABLE);
            unreachable.set_prev(gc);
        }
        gc = prev.next();
    }
    young.set_prev(prev);
    // The head itself is not an object: drop the mask it got from `last`.
    unreachable.set_next_raw(unreachable.next_raw() & !NEXT_MASK_UNREACHABLE);
}

/// `visit_reachable`: `op` is referred to by a reachable object of `young`.
fn visit_reachable(op: &ObjRef, young: Gc) {
    let Some(gc) = gc_of(op) else { return };
    // Objects of other generations, and objects of young already scanned
    // (to the left of the scan), are not COLLECTING: nothing to do.
    if !gc.is_collecting() {
        return;
    }
    let next_raw = gc.next_raw();
    if next_raw & NEXT_MASK_UNREACHABLE != 0 {
        // Tentatively unreachable but reachable after all: unlink it by hand
        // (the list functions do not understand the mask) and append it to
        // young, where the scan will reach it again.
        let prev = gc.prev();
        let next = Gc::from_addr(next_raw & !NEXT_MASK_UNREACHABLE);
        prev.set_next_raw(next_raw); // keeps the mask, as every unreachable link has it
        next.set_prev(prev);
        let last = young.prev();
        last.set_next(gc);
        gc.set_next(young);
        young.set_prev(gc);
        gc.set_refs(1);
    } else if gc.refs() == 0 {
        // Not scanned yet: tell the scan it is reachable.
        gc.set_refs(1);
    }
    // Otherwise gc_refs > 0: not scanned yet and already known reachable.
}

/// After this, tuples in `young` whose items are all atomic or untracked
/// are untracked (`untrack_tuples`): types with `UntrackWhen::EveryCollection`.
fn untrack_tuples(young: Gc) {
    untrack_matching(young, UntrackWhen::EveryCollection);
}

/// After this, dicts in `young` holding only atomic or untracked objects
/// are untracked (`untrack_dicts`): types with `UntrackWhen::FullCollection`.
fn untrack_dicts(young: Gc) {
    untrack_matching(young, UntrackWhen::FullCollection);
}

fn untrack_matching(list: Gc, when: UntrackWhen) {
    let mut gc = list.next();
    while gc != list {
        let next = gc.next();
        let untrack = with_object(gc, |op| match op.slots().maybe_untrack {
            Some(rule) if rule.when == when => (rule.test)(op),
            _ => false,
        });
        if untrack {
            list_remove(gc);
        }
        gc = next;
    }
}

/// Runs the VM's weakref pass on the unreachable objects; returns the number
/// of weakref objects freed (`handle_weakrefs`).
fn handle_weakrefs(unreachable: Gc, hooks: &mut dyn GcHooks) -> usize {
    if list_is_empty(unreachable) {
        return 0;
    }
    let objects = list_objects(unreachable);
    let freed = hooks.handle_weakrefs(&objects);
    drop(objects);
    freed
}

/// After this, the finalizer of every object in `collectable` that has one
/// and had not run has run once, and FINALIZED is set on those objects
/// (`finalize_garbage`, PEP 442). Objects freed meanwhile have left the list.
fn finalize_garbage(collectable: Gc, hooks: &mut dyn GcHooks) {
    // A finalizer may free any object, so always take the first one and
    // move it to `seen` before running code.
    let seen_head = local_list();
    let seen = Gc::of_head(&seen_head);
    list_init(seen);
    while !list_is_empty(collectable) {
        let gc = collectable.next();
        list_move(gc, seen);
        if gc.is_finalized() {
            continue;
        }
        // SAFETY: gc is in a list, so alive; the strong reference keeps it
        // alive while its finalizer runs (CPython's Py_INCREF around tp_finalize).
        let op = unsafe { ObjRef::from_borrowed(gc.object()) };
        if hooks.has_finalizer(&op) {
            gc.set_finalized();
            hooks.finalize(&op);
        }
        drop(op);
    }
    list_merge(seen, collectable);
}

/// After this, the objects of `unreachable` that finalizers made reachable
/// again (and what they reach) are in `old` with COLLECTING clear, and the
/// rest are in `still_unreachable`, COLLECTING set, an ordinary list
/// (`handle_resurrected_objects`).
fn handle_resurrected_objects(s: &GcState, unreachable: Gc, still_unreachable: Gc, old: Gc) {
    list_clear_collecting(unreachable);
    deduce_unreachable(s, unreachable, still_unreachable);
    clear_unreachable_mask(still_unreachable);
    list_merge(unreachable, old);
}

/// After this, `collectable` is empty: each object was cleared (its `clear`
/// slot dropped its references, so refcounting freed the cycle) or, under
/// `DEBUG_SAVEALL`, saved; objects still alive afterwards moved to `old`
/// (`delete_garbage`).
fn delete_garbage(collectable: Gc, old: Gc, hooks: &mut dyn GcHooks, debug: u32) {
    while !list_is_empty(collectable) {
        let gc = collectable.next();
        // SAFETY: gc is in a list, so alive; the strong reference keeps it
        // alive while it is cleared (Py_INCREF around tp_clear).
        let op = unsafe { ObjRef::from_borrowed(gc.object()) };
        if debug & DEBUG_SAVEALL != 0 {
            hooks.save_garbage(&op);
        } else {
            op.clear_refs();
        }
        drop(op);
        // Only compares addresses: gc may have been freed by the drop.
        if collectable.next() == gc {
            // Still alive: it may die later.
            gc.clear_collecting();
            list_move(gc, old);
        }
    }
}
