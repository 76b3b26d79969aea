//! The collector on synthetic graphs. Each test runs on its own thread, so
//! each starts with fresh (thread-local) heap and collector state.

use std::cell::{Cell, RefCell};

use super::*;
use crate::object::{alloc, alloc_var, flags, metatype_slots, new_type_object, TypeSlots, UntrackWhen};
use crate::obmalloc;

struct Meta;

/// A graph node: its edges are owned references; `has_del` gives it a finalizer.
struct Node {
    edges: RefCell<Vec<ObjRef>>,
    has_del: bool,
    label: usize,
}

/// A non-GC object (like an int).
struct Atom;

fn node_traverse(op: &ObjRef, visit: crate::Visit<'_>) {
    if let Some(n) = op.downcast::<Node>() {
        for e in n.edges.borrow().iter() {
            visit(e);
        }
    }
}

fn node_clear(op: &ObjRef) {
    // Move the references out first: dropping them can run code that
    // looks at this node again.
    let taken = op.downcast::<Node>().map(|n| std::mem::take(&mut *n.edges.borrow_mut()));
    drop(taken);
}

fn tup_traverse(op: &ObjRef, visit: crate::Visit<'_>) {
    if let Some((_, items)) = op.downcast_var::<(), ObjRef>() {
        for item in items.iter().rev() {
            visit(item);
        }
    }
}

fn tup_maybe_untrack(op: &ObjRef) -> bool {
    op.downcast_var::<(), ObjRef>().is_some_and(|(_, items)| items.iter().all(|i| !i.may_be_tracked()))
}

fn lazy_maybe_untrack(op: &ObjRef) -> bool {
    op.downcast::<Node>().is_some_and(|n| n.edges.borrow().iter().all(|i| !i.may_be_tracked()))
}

struct World {
    meta: ObjRef,
    node: ObjRef,
    lazy: ObjRef,
    atom: ObjRef,
    tup: ObjRef,
}

impl World {
    fn new() -> World {
        let meta = new_type_object(None, metatype_slots::<Meta>(), Meta).unwrap();
        let node = new_type_object(
            Some(&meta),
            TypeSlots::new::<Node>(flags::HAVE_GC).with_traverse(node_traverse).with_clear(node_clear),
            Meta,
        )
        .unwrap();
        let lazy = new_type_object(
            Some(&meta),
            TypeSlots::new::<Node>(flags::HAVE_GC | flags::TRACK_LAZILY)
                .with_traverse(node_traverse)
                .with_clear(node_clear)
                .with_maybe_untrack(UntrackWhen::FullCollection, lazy_maybe_untrack),
            Meta,
        )
        .unwrap();
        let atom = new_type_object(Some(&meta), TypeSlots::new::<Atom>(0), Meta).unwrap();
        let tup = new_type_object(
            Some(&meta),
            TypeSlots::new_var::<(), ObjRef>(flags::HAVE_GC)
                .with_traverse(tup_traverse)
                .with_maybe_untrack(UntrackWhen::EveryCollection, tup_maybe_untrack),
            Meta,
        )
        .unwrap();
        World { meta, node, lazy, atom, tup }
    }

    fn node(&self, label: usize) -> ObjRef {
        alloc(&self.node, Node { edges: RefCell::new(Vec::new()), has_del: false, label }, 0).unwrap()
    }

    fn node_with_del(&self, label: usize) -> ObjRef {
        alloc(&self.node, Node { edges: RefCell::new(Vec::new()), has_del: true, label }, 0).unwrap()
    }

    fn atom(&self) -> ObjRef {
        alloc(&self.atom, Atom, 0).unwrap()
    }

    fn tup(&self, items: &[ObjRef]) -> ObjRef {
        alloc_var::<(), ObjRef>(&self.tup, (), items.iter().cloned(), 0).unwrap()
    }
}

fn link(from: &ObjRef, to: &ObjRef) {
    from.downcast::<Node>().unwrap().edges.borrow_mut().push(to.clone());
}

fn label(op: &ObjRef) -> usize {
    op.downcast::<Node>().unwrap().label
}

/// Hooks recording what the collector asked for.
#[derive(Default)]
struct TestHooks {
    finalized: Vec<usize>,
    /// Finalizers store their object here (resurrection) when set.
    resurrect: bool,
    resurrected: Vec<ObjRef>,
    saved: Vec<ObjRef>,
    weakref_calls: Vec<usize>,
    weakrefs_freed: usize,
    output: String,
    phases: Vec<(String, usize, CollectResult)>,
}

impl GcHooks for TestHooks {
    fn has_finalizer(&mut self, obj: &ObjRef) -> bool {
        obj.downcast::<Node>().is_some_and(|n| n.has_del)
    }

    fn finalize(&mut self, obj: &ObjRef) {
        self.finalized.push(label(obj));
        if self.resurrect {
            self.resurrected.push(obj.clone());
        }
    }

    fn handle_weakrefs(&mut self, unreachable: &[ObjRef]) -> usize {
        self.weakref_calls.push(unreachable.len());
        self.weakrefs_freed
    }

    fn save_garbage(&mut self, obj: &ObjRef) {
        self.saved.push(obj.clone());
    }

    fn debug_print(&mut self, text: &str) {
        self.output.push_str(text);
    }

    fn collection_start(&mut self, generation: usize) {
        self.phases.push(("start".into(), generation, CollectResult::default()));
    }

    fn collection_stop(&mut self, generation: usize, result: CollectResult) {
        self.phases.push(("stop".into(), generation, result));
    }
}

#[test]
fn self_loop_is_collected() {
    let w = World::new();
    let before = obmalloc::allocated_blocks();
    let a = w.node(1);
    link(&a, &a);
    assert!(a.is_tracked());
    assert_eq!(generation_sizes(), [1, 0, 0]);
    drop(a);
    assert_eq!(obmalloc::allocated_blocks(), before + 1, "the cycle keeps itself alive");
    assert_eq!(collect(0, &mut NoHooks), 1);
    assert_eq!(obmalloc::allocated_blocks(), before);
    assert_eq!(generation_sizes(), [0, 0, 0]);
    check_invariants();
}

#[test]
fn cycle_through_managed_dicts_is_collected() {
    // Two instances of a subclass of an atomic type (no traverse of its own),
    // each holding the other in its managed `__dict__` slot.
    let w = World::new();
    let sub = new_type_object(Some(&w.meta), w.atom.as_type_slots().unwrap().subclass(0), Meta).unwrap();
    let before = obmalloc::allocated_blocks();
    let (a, b) = (alloc(&sub, Atom, 0).unwrap(), alloc(&sub, Atom, 0).unwrap());
    assert!(a.is_tracked(), "a subclass instance is a GC object even if its base is not");
    *a.managed_dict().unwrap().borrow_mut() = Some(b.clone());
    *b.managed_dict().unwrap().borrow_mut() = Some(a.clone());
    assert_eq!(a.referents().len(), 2, "the managed dict and the heap type");
    drop((a, b));
    assert_eq!(obmalloc::allocated_blocks(), before + 2);
    assert_eq!(collect(2, &mut NoHooks), 2);
    assert_eq!(obmalloc::allocated_blocks(), before);
    check_invariants();
}

#[test]
fn two_cycle_is_collected() {
    let w = World::new();
    let before = obmalloc::allocated_blocks();
    let (a, b) = (w.node(1), w.node(2));
    link(&a, &b);
    link(&b, &a);
    drop((a, b));
    assert_eq!(collect(2, &mut NoHooks), 2);
    assert_eq!(obmalloc::allocated_blocks(), before);
    assert_eq!(get_stats()[2], GenerationStats { collections: 1, collected: 2, uncollectable: 0 });
    check_invariants();
}

#[test]
fn cycle_reachable_from_outside_survives_and_is_promoted() {
    let w = World::new();
    let root = w.node(0);
    let (a, b) = (w.node(1), w.node(2));
    link(&root, &a);
    link(&a, &b);
    link(&b, &a);
    drop((a, b));
    assert_eq!(collect(0, &mut NoHooks), 0);
    assert_eq!(generation_sizes(), [0, 3, 0]);
    assert_eq!(get_count(), [0, 1, 0]);
    check_invariants();
    assert_eq!(collect(1, &mut NoHooks), 0);
    assert_eq!(generation_sizes(), [0, 0, 3]);
    assert_eq!(get_count(), [0, 0, 1]);
    assert_eq!(collect(2, &mut NoHooks), 0);
    assert_eq!(get_count(), [0, 0, 0]);
    // Survivor order: the root first, then what it reaches (the rescue
    // appends a and b behind it).
    let order: Vec<usize> = get_objects(Some(2)).iter().map(label).collect();
    assert_eq!(order, [0, 1, 2]);
    // Cut the root's edge: now the cycle is garbage.
    node_clear(&root);
    assert_eq!(collect(2, &mut NoHooks), 2);
    check_invariants();
}

#[test]
fn young_cycle_referenced_from_older_generation_survives() {
    let w = World::new();
    let old = w.node(0);
    collect(2, &mut NoHooks);
    let (a, b) = (w.node(1), w.node(2));
    link(&a, &b);
    link(&b, &a);
    link(&old, &a);
    drop((a, b));
    assert_eq!(collect(0, &mut NoHooks), 0);
    assert_eq!(generation_sizes(), [0, 2, 1]);
    drop(old);
    assert_eq!(collect(0, &mut NoHooks), 0, "the cycle is in generation 1 now");
    assert_eq!(collect(1, &mut NoHooks), 2);
}

#[test]
fn finalizers_run_once_in_list_order_then_cycle_is_freed() {
    let w = World::new();
    let before = obmalloc::allocated_blocks();
    let (a, b) = (w.node_with_del(1), w.node_with_del(2));
    link(&a, &b);
    link(&b, &a);
    drop((a, b));
    let mut hooks = TestHooks::default();
    assert_eq!(collect(2, &mut hooks), 2);
    assert_eq!(hooks.finalized, [1, 2]);
    assert_eq!(hooks.weakref_calls, [2], "weakrefs are handled once, before finalizers");
    assert_eq!(obmalloc::allocated_blocks(), before);
    check_invariants();
}

#[test]
fn resurrected_object_survives_and_is_not_finalized_again() {
    let w = World::new();
    let a = w.node_with_del(1);
    link(&a, &a);
    drop(a);
    let mut hooks = TestHooks { resurrect: true, ..TestHooks::default() };
    assert_eq!(collect(2, &mut hooks), 0);
    assert_eq!(hooks.finalized, [1]);
    let a = hooks.resurrected.pop().unwrap();
    assert!(a.is_finalized());
    assert!(a.is_tracked());
    assert_eq!(generation_sizes(), [0, 0, 1]);
    check_invariants();
    drop(a);
    assert_eq!(collect(2, &mut hooks), 1);
    assert_eq!(hooks.finalized, [1], "__del__ runs at most once");
    assert!(hooks.resurrected.is_empty());
    check_invariants();
}

#[test]
fn resurrection_keeps_what_the_survivor_reaches() {
    let w = World::new();
    // a (finalizer, resurrects) -> b -> c -> a; a resurrects, so all three live.
    let (a, b, c) = (w.node_with_del(1), w.node(2), w.node(3));
    link(&a, &b);
    link(&b, &c);
    link(&c, &a);
    drop((a, b, c));
    let mut hooks = TestHooks { resurrect: true, ..TestHooks::default() };
    assert_eq!(collect(0, &mut hooks), 0);
    assert_eq!(generation_sizes(), [0, 3, 0]);
    hooks.resurrected.clear();
    assert_eq!(collect(1, &mut hooks), 3);
    assert_eq!(hooks.finalized, [1]);
}

#[test]
fn count_progression_and_threshold_sets_pending() {
    let w = World::new();
    assert_eq!(get_count(), [0, 0, 0]);
    let mut keep = Vec::new();
    for i in 0..700 {
        keep.push(w.node(i));
    }
    assert_eq!(get_count(), [700, 0, 0]);
    assert!(!collection_pending());
    // Non-GC objects do not count.
    let _atom = w.atom();
    assert!(!collection_pending());
    keep.push(w.node(700));
    assert!(collection_pending(), "the 701st GC allocation makes count0 > 700");
    let mut hooks = TestHooks::default();
    assert_eq!(collect_generations(&mut hooks), 0);
    assert!(!collection_pending());
    assert_eq!(get_count(), [0, 1, 0]);
    assert_eq!(get_stats()[0].collections, 1);
    assert_eq!(hooks.phases.len(), 2, "automatic collections fire the callbacks");
    // Deallocations decrement count0, never below 0.
    keep.truncate(690);
    assert_eq!(get_count(), [0, 1, 0]);
    let x = w.node(1);
    drop(x);
    assert_eq!(get_count()[0], 0);
    // Untracked (lazily tracked) objects count too.
    let l = alloc(&w.lazy, Node { edges: RefCell::new(Vec::new()), has_del: false, label: 0 }, 0).unwrap();
    assert!(!l.is_tracked());
    assert_eq!(get_count()[0], 1);
}

#[test]
fn disabled_or_zero_threshold_never_pends() {
    let w = World::new();
    disable();
    let keep: Vec<ObjRef> = (0..800).map(|i| w.node(i)).collect();
    assert!(!collection_pending());
    assert_eq!(collect_generations(&mut NoHooks), 0);
    assert_eq!(get_stats()[0].collections, 0);
    enable();
    set_threshold([Some(0), None, None]);
    let _more: Vec<ObjRef> = (0..10).map(|i| w.node(i)).collect();
    assert!(!collection_pending());
    assert_eq!(get_threshold(), [0, 10, 10]);
    set_threshold([Some(700), None, None]);
    let _one = w.node(0);
    assert!(collection_pending());
    drop(keep);
}

#[test]
fn collect_generations_follows_the_long_lived_pending_rule() {
    let w = World::new();
    let mut keep: Vec<ObjRef> = (0..100).map(|i| w.node(i)).collect();
    collect(2, &mut NoHooks);
    assert_eq!(long_lived(), (100, 0));
    set_threshold([Some(1), Some(0), Some(0)]);
    let mut chosen = Vec::new();
    let mut skipped_gen2 = false;
    for step in 0..40 {
        keep.push(w.node(1000 + 2 * step));
        keep.push(w.node(1001 + 2 * step));
        let count = get_count();
        let (total, pending) = long_lived();
        // The rule, stated independently: oldest generation over threshold,
        // except generation 2 while pending < total / 4.
        let expected = if count[2] > 0 && pending >= total / 4 {
            2
        } else if count[1] > 0 {
            1
        } else {
            0
        };
        if count[2] > 0 && expected != 2 {
            skipped_gen2 = true;
        }
        let before = get_stats();
        collect_generations(&mut NoHooks);
        let after = get_stats();
        let g = (0..3).find(|&g| after[g].collections != before[g].collections).unwrap();
        assert_eq!(g, expected, "step {step}");
        chosen.push(g);
        check_invariants();
    }
    assert!(skipped_gen2, "generation 2 was due but throttled at least once");
    assert!(chosen.contains(&2), "generation 2 was eventually collected");
    // After the full collection, total is the survivor count and pending 0.
    let last2 = chosen.iter().rposition(|&g| g == 2).unwrap();
    assert!(chosen[last2 + 1..].iter().all(|&g| g != 2));
}

#[test]
fn gen1_survivors_add_to_long_lived_pending() {
    let w = World::new();
    let keep: Vec<ObjRef> = (0..5).map(|i| w.node(i)).collect();
    collect(1, &mut NoHooks);
    assert_eq!(long_lived(), (0, 5));
    collect(0, &mut NoHooks);
    assert_eq!(long_lived(), (0, 5));
    collect(2, &mut NoHooks);
    assert_eq!(long_lived(), (5, 0));
    drop(keep);
}

#[test]
fn freeze_and_unfreeze() {
    let w = World::new();
    let (a, b) = (w.node(1), w.node(2));
    link(&a, &b);
    link(&b, &a);
    let c = w.node(3);
    drop((a, b));
    freeze();
    assert_eq!(get_freeze_count(), 3);
    assert_eq!(generation_sizes(), [0, 0, 0]);
    assert_eq!(get_count()[0], 0);
    assert_eq!(collect(2, &mut NoHooks), 0, "the permanent generation is never collected");
    assert!(get_objects(None).is_empty());
    check_invariants();
    unfreeze();
    assert_eq!(get_freeze_count(), 0);
    assert_eq!(generation_sizes(), [0, 0, 3]);
    assert_eq!(collect(2, &mut NoHooks), 2);
    drop(c);
    check_invariants();
}

#[test]
fn tuples_of_atoms_are_untracked_by_any_collection() {
    let w = World::new();
    let t = w.tup(&[w.atom(), w.atom()]);
    let n = w.node(1);
    let tn = w.tup(std::slice::from_ref(&n));
    let empty = w.tup(&[]);
    assert!(t.is_tracked() && tn.is_tracked() && empty.is_tracked());
    collect(0, &mut NoHooks);
    assert!(!t.is_tracked());
    assert!(!empty.is_tracked());
    assert!(tn.is_tracked(), "a tuple holding a GC object stays tracked");
    // Nested: the inner tuple is rescued behind the outer one during the
    // scan, so the outer one is only untracked by the next collection.
    let inner = w.tup(&[w.atom()]);
    let outer = w.tup(std::slice::from_ref(&inner));
    drop(inner);
    collect(0, &mut NoHooks);
    assert!(outer.is_tracked());
    assert!(!outer.referents()[0].is_tracked());
    collect(1, &mut NoHooks);
    assert!(!outer.is_tracked());
    check_invariants();
}

#[test]
fn lazily_tracked_objects_untrack_only_in_full_collections() {
    let w = World::new();
    let d = alloc(&w.lazy, Node { edges: RefCell::new(Vec::new()), has_del: false, label: 0 }, 0).unwrap();
    assert!(!d.is_tracked());
    let n = w.node(1);
    link(&d, &n);
    d.track();
    d.track(); // tracking twice is harmless
    assert!(d.is_tracked());
    node_clear(&d);
    collect(1, &mut NoHooks);
    assert!(d.is_tracked(), "only full collections untrack dicts");
    collect(2, &mut NoHooks);
    assert!(!d.is_tracked());
    link(&d, &w.atom());
    d.track();
    collect(2, &mut NoHooks);
    assert!(!d.is_tracked(), "atomic values only");
    drop(n);
    check_invariants();
}

#[test]
fn saveall_keeps_garbage_and_debug_stats_prints() {
    let w = World::new();
    let a = w.node(1);
    link(&a, &a);
    let keep = w.node(2);
    let _ = collect(2, &mut NoHooks);
    drop(a);
    set_debug(DEBUG_SAVEALL | DEBUG_STATS | DEBUG_COLLECTABLE);
    let mut hooks = TestHooks::default();
    assert_eq!(collect(2, &mut hooks), 1);
    set_debug(0);
    assert_eq!(hooks.saved.len(), 1);
    assert!(hooks.saved[0].is_tracked(), "saved garbage moves to the old generation");
    assert_eq!(generation_sizes(), [0, 0, 2]);
    let lines: Vec<&str> = hooks.output.lines().collect();
    assert_eq!(lines[0], "gc: collecting generation 2...");
    assert_eq!(lines[1], "gc: objects in each generation: 0 0 2");
    assert_eq!(lines[2], "gc: objects in permanent generation: 0");
    assert!(lines[3].starts_with("gc: collectable <object 0x"));
    assert!(lines[4].starts_with("gc: done, 1 unreachable, 0 uncollectable, "));
    assert!(lines[4].ends_with("s elapsed"));
    assert_eq!(
        hooks.phases,
        [
            ("start".to_string(), 2, CollectResult::default()),
            ("stop".to_string(), 2, CollectResult { collected: 1, uncollectable: 0 }),
        ]
    );
    drop(keep);
    check_invariants();
}

#[test]
fn weakref_hook_count_is_collected() {
    let w = World::new();
    let a = w.node(1);
    link(&a, &a);
    drop(a);
    let mut hooks = TestHooks { weakrefs_freed: 1, ..TestHooks::default() };
    assert_eq!(collect(0, &mut hooks), 2);
    assert_eq!(hooks.weakref_calls, [1]);
    // Nothing unreachable: the hook is not called.
    assert_eq!(collect(0, &mut hooks), 0);
    assert_eq!(hooks.weakref_calls, [1]);
}

#[test]
fn reentrant_collect_returns_zero() {
    struct Reenter(Cell<usize>);
    impl GcHooks for Reenter {
        fn collection_start(&mut self, _generation: usize) {
            self.0.set(collect(2, &mut NoHooks) + 100);
        }
    }
    let w = World::new();
    let a = w.node(1);
    link(&a, &a);
    drop(a);
    let mut hooks = Reenter(Cell::new(0));
    assert_eq!(collect(2, &mut hooks), 1);
    assert_eq!(hooks.0.get(), 100);
    assert!(!is_collecting());
}

#[test]
fn million_long_cycle_is_collected_without_recursion() {
    let w = World::new();
    let before = obmalloc::allocated_blocks();
    let first = w.node(0);
    let mut last = first.clone();
    for i in 1..1_000_000 {
        let n = w.node(i);
        link(&last, &n);
        last = n;
    }
    link(&last, &first);
    drop((first, last));
    assert_eq!(collect(2, &mut NoHooks), 1_000_000);
    assert_eq!(obmalloc::allocated_blocks(), before);
    check_invariants();
}

/// A small deterministic generator (64-bit LCG, high bits).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

#[test]
fn random_graphs_match_a_reachability_walk() {
    let w = World::new();
    for seed in 0..60u64 {
        let mut rng = Lcg(seed);
        let n = 1 + rng.below(80);
        let nodes: Vec<ObjRef> = (0..n).map(|i| w.node(i)).collect();
        let mut adjacency = vec![Vec::new(); n];
        for (i, adj) in adjacency.iter_mut().enumerate() {
            for _ in 0..rng.below(4) {
                let j = rng.below(n);
                link(&nodes[i], &nodes[j]);
                adj.push(j);
            }
            // Scramble generations: some collections before the graph is done.
            if rng.below(10) == 0 {
                collect(rng.below(3), &mut NoHooks);
            }
        }
        let roots: Vec<usize> = (0..n).filter(|_| rng.below(5) == 0).collect();
        // The model: a plain walk from the externally held roots.
        let mut reachable = vec![false; n];
        let mut stack = roots.clone();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut reachable[i], true) {
                stack.extend(&adjacency[i]);
            }
        }
        let expected_garbage = reachable.iter().filter(|r| !**r).count();
        let held: Vec<ObjRef> = roots.iter().map(|&i| nodes[i].clone()).collect();
        let live_labels = |_: ()| {
            let mut v: Vec<usize> = get_objects(None).iter().map(label).collect();
            v.sort_unstable();
            v
        };
        drop(nodes);
        // Garbage with no cycle was already freed by refcounting; the
        // collector finds exactly the unreachable rest.
        let before = live_labels(());
        let found = collect(2, &mut NoHooks);
        let after = live_labels(());
        let expected_live: Vec<usize> = (0..n).filter(|&i| reachable[i]).collect();
        assert_eq!(after, expected_live, "seed {seed}");
        assert_eq!(found, before.len() - after.len(), "seed {seed}");
        assert!(found <= expected_garbage);
        check_invariants();
        drop(held);
        collect(2, &mut NoHooks);
        assert!(get_objects(None).is_empty(), "seed {seed}");
    }
}

#[test]
fn generation_of_follows_collections_and_freeze() {
    let w = World::new();
    let a = w.node(1);
    let atom = w.atom();
    assert_eq!(generation_of(&a), Some(GcList::Generation(0)));
    assert_eq!(generation_of(&atom), None, "non-GC objects are never tracked");
    collect(0, &mut NoHooks);
    assert_eq!(generation_of(&a), Some(GcList::Generation(1)));
    collect(2, &mut NoHooks);
    assert_eq!(generation_of(&a), Some(GcList::Generation(2)));
    freeze();
    assert_eq!(generation_of(&a), Some(GcList::Permanent));
    unfreeze();
    a.untrack();
    assert_eq!(generation_of(&a), None);
    check_invariants();
}
