//! What the cycle collector needs from each GC payload type: `traverse`
//! (`tp_traverse`: visit every owned reference, in CPython 3.11's order,
//! because `gc.get_referents` shows it), `clear` (`tp_clear`: drop the
//! references that can be part of a cycle) and the untracking tests
//! (`_PyTuple_MaybeUntrack`). `types.rs` attaches them to the type slots.
//!
//! Rules for every function here: never panic on a payload that is
//! borrowed at the moment (use `try_borrow`: a traverse can run while a
//! method holds a borrow and calls Python code), and in `clear` move the
//! references out of the payload *before* dropping them, since a drop can run
//! code that looks at this object again.

use std::cell::RefCell;

use refpy_heap::{flags, ObjRef, Visit};

use crate::objects::descriptor::{MethodObject, PropertyObject, WrapperObject};
use crate::objects::dict::DictObject;
use crate::objects::dictview::DictViewObject;
use crate::objects::exception::ExceptionObject;
use crate::objects::function::{BuiltinFunction, CellObject, FunctionObject};
use crate::objects::generator::GeneratorObject;
use crate::objects::instance::InstanceObject;
use crate::objects::iter::SeqIterator;
use crate::objects::iterators::{EnumerateObject, FilterObject, MapObject, ReversedObject, ZipObject};
use crate::objects::list::ListObject;
use crate::objects::module::ModuleObject;
use crate::objects::set::{SetIterator, SetObject};
use crate::objects::slice::SliceObject;
use crate::objects::traceback::TracebackObject;
use crate::objects::tuple::TupleObject;

/// Visits the value of an optional reference cell, if it is not borrowed mutably.
fn visit_opt(cell: &RefCell<Option<ObjRef>>, visit: &mut dyn FnMut(&ObjRef)) {
    if let Ok(v) = cell.try_borrow() {
        if let Some(o) = v.as_ref() {
            visit(o);
        }
    }
}

/// Takes the value out of an optional reference cell (dropped by the caller).
fn take_opt(cell: &RefCell<Option<ObjRef>>) -> Option<ObjRef> {
    cell.try_borrow_mut().ok().and_then(|mut v| v.take())
}

/// The type of an instance of a class defined in Python is a heap type the
/// instance holds a reference to (`subtype_traverse` visits it last).
fn visit_heap_type(op: &ObjRef, visit: &mut dyn FnMut(&ObjRef)) {
    if op.slots().flags & refpy_heap::flags::HEAPTYPE != 0 {
        visit(op.ob_type_ref());
    }
}

// --- list, tuple ---------------------------------------------------------------

/// `list_traverse`: items from the last to the first.
pub fn list_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(l) = op.downcast::<ListObject>() {
        if let Ok(items) = l.items.try_borrow() {
            for item in items.iter().rev() {
                visit(item);
            }
        }
    }
}

/// `_list_clear`.
pub fn list_clear(op: &ObjRef) {
    let taken = op
        .downcast::<ListObject>()
        .and_then(|l| l.items.try_borrow_mut().ok().map(|mut i| std::mem::take(&mut *i)));
    drop(taken);
}

/// `tupletraverse`: items from the last to the first.
pub fn tuple_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some((_, items)) = op.downcast_var::<TupleObject, ObjRef>() {
        for item in items.iter().rev() {
            visit(item);
        }
    }
}

/// `_PyTuple_MaybeUntrack`: a tuple whose items are all atomic or untracked
/// tuples (`_PyObject_GC_MAY_BE_TRACKED`) is untracked by any collection.
pub fn tuple_maybe_untrack(op: &ObjRef) -> bool {
    op.downcast_var::<TupleObject, ObjRef>()
        .is_some_and(|(_, items)| items.iter().all(|i| !i.may_be_tracked()))
}

// --- dict, set, views ------------------------------------------------------------

/// `dict_traverse`: for str-keyed tables only the values, else value then key.
pub fn dict_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(d) = op.downcast::<DictObject>() {
        if let Ok(t) = d.table.try_borrow() {
            let unicode = t.has_unicode_keys();
            for (k, v) in t.items() {
                visit(v);
                if !unicode {
                    visit(k);
                }
            }
        }
    }
}

/// `_PyDict_MaybeUntrack`, run by full collections: an exact dict whose
/// values (and, unless all keys are `str`, keys) may none of them be
/// tracked leaves the collector until a store makes it track again.
pub fn dict_maybe_untrack(op: &ObjRef) -> bool {
    if op.slots().flags & flags::HEAPTYPE != 0 {
        return false;
    }
    let Some(t) = op.downcast::<DictObject>().and_then(|d| d.table.try_borrow().ok()) else {
        return false;
    };
    let unicode = t.has_unicode_keys();
    let holds_trackable = t.items().any(|(k, v)| v.may_be_tracked() || (!unicode && k.may_be_tracked()));
    !holds_trackable
}

/// `dict_tp_clear`.
pub fn dict_clear(op: &ObjRef) {
    let taken =
        op.downcast::<DictObject>().and_then(|d| d.table.try_borrow_mut().ok().map(|mut t| t.clear()));
    drop(taken);
}

/// `set_traverse`: keys in table order.
pub fn set_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(s) = op.downcast::<SetObject>() {
        if let Ok(t) = s.table.try_borrow() {
            for (k, _) in t.active() {
                visit(k);
            }
        }
    }
}

/// `set_clear_internal`.
pub fn set_clear(op: &ObjRef) {
    let taken = op.downcast::<SetObject>().and_then(|s| s.table.try_borrow_mut().ok().map(|mut t| t.clear()));
    drop(taken);
}

/// `dictview_traverse`.
pub fn dictview_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(v) = op.downcast::<DictViewObject>() {
        visit(&v.dict);
    }
}

// --- instances, exceptions, modules --------------------------------------------------

/// `subtype_traverse` for instances: the attributes, then the class.
///
/// CPython 3.11 keeps attributes in a values array, not a dict object, until
/// `__dict__` is asked for. refpy always has a dict but keeps it *untracked*
/// while it plays that part (see `Vm::instance_dict`), and then visits its
/// values here, so a two-instance cycle is 2 objects for `gc.collect()`, as
/// in 3.11. A tracked dict (made visible through `__dict__`) is visited itself.
pub fn instance_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(i) = op.downcast::<InstanceObject>() {
        if let Ok(d) = i.dict.try_borrow() {
            if let Some(d) = d.as_ref() {
                if d.is_tracked() {
                    visit(d);
                } else {
                    dict_values(d, visit);
                }
            }
        }
    }
    visit_heap_type(op, visit);
}

fn dict_values(d: &ObjRef, visit: &mut dyn FnMut(&ObjRef)) {
    if let Some(d) = d.downcast::<DictObject>() {
        if let Ok(t) = d.table.try_borrow() {
            for (_, v) in t.items() {
                visit(v);
            }
        }
    }
}

/// `subtype_clear`: drops the attributes.
pub fn instance_clear(op: &ObjRef) {
    if let Some(i) = op.downcast::<InstanceObject>() {
        let d = i.dict.try_borrow().ok().and_then(|d| d.clone());
        if let Some(d) = d {
            if d.is_tracked() {
                drop(take_opt(&i.dict));
            } else {
                // The values array of 3.11: clear the attributes in place.
                dict_clear(&d);
            }
        }
    }
}

/// `BaseException_traverse`: dict, args, traceback, context, cause.
pub fn exception_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(e) = op.downcast::<ExceptionObject>() {
        visit_opt(&e.dict, visit);
        if let Ok(args) = e.args.try_borrow() {
            visit(&args);
        }
        visit_opt(&e.traceback, visit);
        visit_opt(&e.context, visit);
        visit_opt(&e.cause, visit);
    }
    visit_heap_type(op, visit);
}

/// `BaseException_clear` (`args` stays: refpy has no NULL to put there).
pub fn exception_clear(op: &ObjRef) {
    if let Some(e) = op.downcast::<ExceptionObject>() {
        let taken = [take_opt(&e.dict), take_opt(&e.traceback), take_opt(&e.context), take_opt(&e.cause)];
        drop(taken);
    }
}

/// `module_traverse`.
pub fn module_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(m) = op.downcast::<ModuleObject>() {
        visit(&m.dict);
    }
}

// --- functions, cells, methods -----------------------------------------------------

/// `func_traverse`: code, globals, defaults, kwdefaults, name, closure, qualname.
pub fn function_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(f) = op.downcast::<FunctionObject>() {
        visit(&f.code_obj);
        visit(&f.globals);
        visit_opt(&f.defaults, visit);
        visit_opt(&f.kwdefaults, visit);
        if let Ok(n) = f.name.try_borrow() {
            visit(&n);
        }
        if let Some(c) = &f.closure {
            visit(c);
        }
        if let Ok(q) = f.qualname.try_borrow() {
            visit(&q);
        }
        visit_opt(&f.dict, visit);
    }
}

/// `func_clear` (the fields refpy can empty: defaults and kwdefaults).
pub fn function_clear(op: &ObjRef) {
    if let Some(f) = op.downcast::<FunctionObject>() {
        let taken = [take_opt(&f.defaults), take_opt(&f.kwdefaults), take_opt(&f.dict)];
        drop(taken);
    }
}

/// `meth_traverse`: `__self__` of a bound built-in method.
pub fn builtin_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(b) = op.downcast::<BuiltinFunction>() {
        if let Some(s) = &b.self_obj {
            visit(s);
        }
    }
}

/// `cell_traverse`.
pub fn cell_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(c) = op.downcast::<CellObject>() {
        visit_opt(&c.contents, visit);
    }
}

/// `cell_clear`.
pub fn cell_clear(op: &ObjRef) {
    if let Some(c) = op.downcast::<CellObject>() {
        drop(take_opt(&c.contents));
    }
}

/// `method_traverse`: function, then `__self__` (also `super` objects).
pub fn method_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(m) = op.downcast::<MethodObject>() {
        visit(&m.func);
        visit(&m.self_obj);
    }
}

/// `property_traverse`.
pub fn property_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(p) = op.downcast::<PropertyObject>() {
        for f in [&p.fget, &p.fset, &p.fdel].into_iter().flatten() {
            visit(f);
        }
        visit_opt(&p.doc, visit);
    }
}

/// `cm_traverse` / `sm_traverse`.
pub fn wrapper_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(w) = op.downcast::<WrapperObject>() {
        visit(&w.func);
    }
}

// --- generators, tracebacks, slices ----------------------------------------------------

/// `gen_traverse`: the suspended frame's code, globals, locals and stack.
pub fn generator_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(g) = op.downcast::<GeneratorObject>() {
        if let Ok(saved) = g.saved.try_borrow() {
            if let Some(s) = saved.as_ref() {
                visit(&s.frame.code_obj);
                visit(&s.frame.globals);
                if let Some(l) = &s.frame.locals_dict {
                    visit(l);
                }
                if let Some(gen) = &s.frame.generator {
                    visit(gen);
                }
                for v in &s.values {
                    visit(v);
                }
            }
        }
        visit(&g.name);
        visit(&g.qualname);
    }
}

/// Clearing a generator drops its suspended frame (`gen_clear` clears the frame).
pub fn generator_clear(op: &ObjRef) {
    if let Some(g) = op.downcast::<GeneratorObject>() {
        let taken = g.saved.try_borrow_mut().ok().and_then(|mut s| s.take());
        drop(taken);
    }
}

/// `tb_traverse`: the next entry and the code.
pub fn traceback_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(t) = op.downcast::<TracebackObject>() {
        if let Some(n) = &t.next {
            visit(n);
        }
        visit(&t.code);
    }
}

/// `slice_traverse`.
pub fn slice_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(s) = op.downcast::<SliceObject>() {
        visit(&s.start);
        visit(&s.stop);
        visit(&s.step);
    }
}

// --- iterators -------------------------------------------------------------------------

/// `listiter_traverse` and the other sequence iterators.
pub fn seqiter_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(it) = op.downcast::<SeqIterator>() {
        visit_opt(&it.seq, visit);
    }
}

/// Drops the iterated sequence.
pub fn seqiter_clear(op: &ObjRef) {
    if let Some(it) = op.downcast::<SeqIterator>() {
        drop(take_opt(&it.seq));
    }
}

/// `setiter_traverse`.
pub fn setiter_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(it) = op.downcast::<SetIterator>() {
        visit_opt(&it.set, visit);
    }
}

/// `enum_traverse`.
pub fn enumerate_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(e) = op.downcast::<EnumerateObject>() {
        visit(&e.iter);
    }
}

/// `zip_traverse`.
pub fn zip_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(z) = op.downcast::<ZipObject>() {
        for i in &z.iters {
            visit(i);
        }
    }
}

/// `map_traverse`: the iterators, then the function.
pub fn map_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(m) = op.downcast::<MapObject>() {
        for i in &m.iters {
            visit(i);
        }
        visit(&m.func);
    }
}

/// `filter_traverse`: the function, then the iterator.
pub fn filter_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(f) = op.downcast::<FilterObject>() {
        visit(&f.func);
        visit(&f.iter);
    }
}

/// `reversed_traverse` / `listreviter_traverse`.
pub fn reversed_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(r) = op.downcast::<ReversedObject>() {
        visit_opt(&r.seq, visit);
    }
}

/// `a.__dict__` makes 3.11's values array a real dict: from then on it is
/// tracked like any dict holding something that may be tracked
/// (`make_dict_from_instance_attributes`); empty or atomic, it stays untracked.
pub fn materialize_instance_dict(d: &ObjRef) {
    if d.is_tracked() {
        return;
    }
    let mut any = false;
    dict_values(d, &mut |v: &ObjRef| any |= v.may_be_tracked());
    if any {
        d.track();
    }
}

/// `type_traverse`: a class defined in Python refers to its `__dict__`,
/// its MRO (which holds the class itself) and its bases. Built-in types
/// are never tracked.
pub fn type_traverse(op: &ObjRef, visit: Visit<'_>) {
    let Some(td) = crate::types::as_type(op).filter(|t| t.heap) else { return };
    if let Some(d) = td.dict.get() {
        visit(d);
    }
    if let Ok(mro) = td.mro.try_borrow() {
        for c in mro.iter() {
            visit(c);
        }
    }
    if let Some(b) = &td.base {
        visit(b);
    }
    for b in &td.bases {
        visit(b);
    }
}

/// `type_clear`: empties the class's MRO and `__dict__`, which breaks the
/// cycles a dead class is in (its MRO names it; its methods' closures may).
pub fn type_clear(op: &ObjRef) {
    let Some(td) = crate::types::as_type(op).filter(|t| t.heap) else { return };
    crate::typecache::invalidate();
    let mro = td.mro.try_borrow_mut().map(|mut m| std::mem::take(&mut *m)).unwrap_or_default();
    drop(mro);
    if let Some(d) = td.dict.get() {
        let table = crate::objects::dict::as_dict(d).map(|d| std::mem::take(&mut *d.table.borrow_mut()));
        drop(table);
    }
}
