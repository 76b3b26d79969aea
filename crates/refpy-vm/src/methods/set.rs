//! Methods and operators of `set` and `frozenset`, following
//! `setobject.c`: the result of an operation has the kind of its left
//! operand, and the order in which keys are added matches CPython's so that
//! iteration order does too.

use refpy_compiler::{BinaryOp, CompareOp};
use refpy_heap::ObjRef;

use super::{self_arg, Method};
use crate::args::no_args;
use crate::call::{arg_count, no_kwargs};
use crate::errors::PyResult;
use crate::objects::dict::as_dict;
use crate::objects::set::{as_set, SetObject};
use crate::types::Kind;
use crate::Vm;

pub(super) const SET_METHODS: &[Method] = &[
    ("add", set_add),
    ("remove", set_remove),
    ("discard", set_discard),
    ("pop", set_pop),
    ("clear", set_clear),
    ("copy", set_copy),
    ("update", set_update),
    ("union", set_union),
    ("intersection", set_intersection),
    ("intersection_update", set_intersection_update),
    ("difference", set_difference),
    ("difference_update", set_difference_update),
    ("symmetric_difference", set_symmetric_difference),
    ("symmetric_difference_update", set_symmetric_difference_update),
    ("issubset", set_issubset),
    ("issuperset", set_issuperset),
    ("isdisjoint", set_isdisjoint),
];

pub(super) const FROZENSET_METHODS: &[Method] = &[
    ("copy", frozenset_copy),
    ("union", set_union),
    ("intersection", set_intersection),
    ("difference", set_difference),
    ("symmetric_difference", set_symmetric_difference),
    ("issubset", set_issubset),
    ("issuperset", set_issuperset),
    ("isdisjoint", set_isdisjoint),
];

/// The receiver of a method of `set` (only a set, not a frozenset).
fn mutable_self<'a>(vm: &mut Vm, args: &'a [ObjRef], name: &str) -> PyResult<&'a ObjRef> {
    let kind_ok = args.first().is_some_and(|a| vm.kind(a) == Kind::Set);
    self_arg(vm, args, "set", name, |a| kind_ok.then_some(a))
}

/// The receiver of a method shared by `set` and `frozenset`.
fn any_self<'a>(vm: &mut Vm, args: &'a [ObjRef], name: &str) -> PyResult<&'a ObjRef> {
    self_arg(vm, args, "set", name, |a| as_set(a).map(|_| a))
}

fn table_of(s: &ObjRef) -> &SetObject {
    as_set(s).expect("set")
}

/// Checks that `set.NAME()` got exactly one argument and no keywords.
fn one_arg(vm: &mut Vm, name: &str, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult<()> {
    let full = format!("set.{name}");
    no_kwargs(vm, &full, kw)?;
    arg_count(vm, &full, &args[1..], 1, 1)
}

fn set_add(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = mutable_self(vm, args, "add")?;
    one_arg(vm, "add", args, kw)?;
    vm.set_add(s, args[1].clone())?;
    Ok(vm.none.clone())
}

fn set_remove(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = mutable_self(vm, args, "remove")?;
    one_arg(vm, "remove", args, kw)?;
    if !vm.set_discard(s, &args[1])? {
        return Err(vm.key_error(&args[1]));
    }
    Ok(vm.none.clone())
}

fn set_discard(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = mutable_self(vm, args, "discard")?;
    one_arg(vm, "discard", args, kw)?;
    vm.set_discard(s, &args[1])?;
    Ok(vm.none.clone())
}

fn set_pop(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = mutable_self(vm, args, "pop")?;
    no_args(vm, "set.pop", args, kw)?;
    let popped = table_of(s).table.borrow_mut().pop();
    match popped {
        Some(k) => Ok(k),
        None => {
            let msg = vm.new_str("pop from an empty set")?;
            Err(vm.key_error(&msg))
        }
    }
}

fn set_clear(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = mutable_self(vm, args, "clear")?;
    no_args(vm, "set.clear", args, kw)?;
    vm.set_clear(s);
    Ok(vm.none.clone())
}

fn set_copy(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = mutable_self(vm, args, "copy")?;
    no_args(vm, "set.copy", args, kw)?;
    vm.set_copy(s)
}

fn frozenset_copy(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = self_arg(vm, args, "frozenset", "copy", |a| as_set(a).map(|_| a))?;
    no_args(vm, "frozenset.copy", args, kw)?;
    Ok(s.clone())
}

fn set_update(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = mutable_self(vm, args, "update")?;
    no_kwargs(vm, "set.update", kw)?;
    for other in &args[1..] {
        vm.set_update(s, other)?;
    }
    Ok(vm.none.clone())
}

fn set_union(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = any_self(vm, args, "union")?;
    no_kwargs(vm, "set.union", kw)?;
    let result = vm.set_copy(s)?;
    for other in &args[1..] {
        if !other.is(s) {
            vm.set_update(&result, other)?;
        }
    }
    Ok(result)
}

fn set_intersection(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = any_self(vm, args, "intersection")?;
    no_kwargs(vm, "set.intersection", kw)?;
    let mut result = vm.set_copy_if(s, args.len() == 1)?;
    for other in &args[1..] {
        result = vm.set_intersect(&result, other)?;
    }
    Ok(result)
}

fn set_intersection_update(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = mutable_self(vm, args, "intersection_update")?;
    let tmp = set_intersection(vm, args, kw)?;
    vm.set_swap_bodies(s, &tmp);
    Ok(vm.none.clone())
}

fn set_difference(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = any_self(vm, args, "difference")?;
    no_kwargs(vm, "set.difference", kw)?;
    let Some(first) = args.get(1) else { return vm.set_copy(s) };
    let result = vm.set_subtract(s, first)?;
    for other in &args[2..] {
        vm.set_difference_update(&result, other)?;
    }
    Ok(result)
}

fn set_difference_update(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = mutable_self(vm, args, "difference_update")?;
    no_kwargs(vm, "set.difference_update", kw)?;
    for other in &args[1..] {
        vm.set_difference_update(s, other)?;
    }
    Ok(vm.none.clone())
}

fn set_symmetric_difference(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = any_self(vm, args, "symmetric_difference")?;
    one_arg(vm, "symmetric_difference", args, kw)?;
    vm.set_symmetric_difference(s, &args[1])
}

fn set_symmetric_difference_update(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = mutable_self(vm, args, "symmetric_difference_update")?;
    one_arg(vm, "symmetric_difference_update", args, kw)?;
    vm.set_symmetric_difference_update(s, &args[1])?;
    Ok(vm.none.clone())
}

fn set_issubset(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = any_self(vm, args, "issubset")?;
    one_arg(vm, "issubset", args, kw)?;
    let r = vm.set_issubset(s, &args[1])?;
    Ok(vm.new_bool(r))
}

fn set_issuperset(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = any_self(vm, args, "issuperset")?;
    one_arg(vm, "issuperset", args, kw)?;
    let r = vm.set_issuperset(s, &args[1])?;
    Ok(vm.new_bool(r))
}

fn set_isdisjoint(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = any_self(vm, args, "isdisjoint")?;
    one_arg(vm, "isdisjoint", args, kw)?;
    let other = &args[1];
    if as_set(other).is_some() {
        let (small, big) = if vm.set_len(other) > vm.set_len(s) { (s, other) } else { (other, s) };
        let keys = table_of(small).table.borrow().active_vec();
        let big = table_of(big).table.borrow();
        return Ok(vm.new_bool(!keys.iter().any(|(k, h)| big.contains(k, *h))));
    }
    let it = vm.get_iter(other)?;
    while let Some(k) = vm.iter_next(&it)? {
        if vm.set_contains(s, &k)? {
            return Ok(vm.false_.clone());
        }
    }
    Ok(vm.true_.clone())
}

/// `a | b`, `a & b`, `a - b`, `a ^ b` and their in-place forms when both
/// operands are sets; `None` otherwise (the caller raises the TypeError).
pub(crate) fn set_binary_op(vm: &mut Vm, a: &ObjRef, b: &ObjRef, op: BinaryOp) -> PyResult<Option<ObjRef>> {
    if as_set(a).is_none() || as_set(b).is_none() {
        return Ok(None);
    }
    let inplace = op.is_inplace() && vm.kind(a) == Kind::Set;
    let r = match (op.base(), inplace) {
        (BinaryOp::Or, false) => set_union(vm, &[a.clone(), b.clone()], None)?,
        (BinaryOp::And, false) => vm.set_intersect(a, b)?,
        (BinaryOp::Subtract, false) => vm.set_subtract(a, b)?,
        (BinaryOp::Xor, false) => vm.set_symmetric_difference(a, b)?,
        (BinaryOp::Or, true) => {
            vm.set_update(a, b)?;
            a.clone()
        }
        (BinaryOp::And, true) => {
            let tmp = vm.set_intersect(a, b)?;
            vm.set_swap_bodies(a, &tmp);
            a.clone()
        }
        (BinaryOp::Subtract, true) => {
            vm.set_difference_update(a, b)?;
            a.clone()
        }
        (BinaryOp::Xor, true) => {
            vm.set_symmetric_difference_update(a, b)?;
            a.clone()
        }
        _ => return Ok(None),
    };
    Ok(Some(r))
}

/// `a <op> b` for two sets (`set_richcompare`): subset and superset tests;
/// `None` when either operand is not a set.
pub(crate) fn set_compare(vm: &mut Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<Option<bool>> {
    let (Some(x), Some(y)) = (as_set(a), as_set(b)) else { return Ok(None) };
    let (la, lb) = (vm.set_len(a), vm.set_len(b));
    let r = match op {
        CompareOp::Eq | CompareOp::Ne => {
            let differ =
                la != lb || (x.hash.get() != -1 && y.hash.get() != -1 && x.hash.get() != y.hash.get());
            let eq = !differ && vm.set_issubset(a, b)?;
            eq == (op == CompareOp::Eq)
        }
        CompareOp::Le => vm.set_issubset(a, b)?,
        CompareOp::Ge => vm.set_issuperset(a, b)?,
        CompareOp::Lt => la < lb && vm.set_issubset(a, b)?,
        CompareOp::Gt => la > lb && vm.set_issuperset(a, b)?,
    };
    Ok(Some(r))
}

impl Vm {
    /// Number of keys of a set.
    pub(crate) fn set_len(&self, s: &ObjRef) -> usize {
        as_set(s).map_or(0, |s| s.table.borrow().len())
    }

    /// A copy of `s` when `copy`, else `s` itself.
    fn set_copy_if(&mut self, s: &ObjRef, copy: bool) -> PyResult {
        if copy {
            self.set_copy(s)
        } else {
            Ok(s.clone())
        }
    }

    /// An empty set of the same kind as `like`.
    fn set_like(&mut self, like: &ObjRef) -> PyResult {
        let frozen = self.kind(like) == Kind::FrozenSet;
        self.new_set(frozen)
    }

    /// Empties a set, releasing its keys in table order.
    pub(crate) fn set_clear(&mut self, s: &ObjRef) {
        let old = table_of(s).table.borrow_mut().clear();
        drop(old);
    }

    /// Exchanges the contents of two sets (`set_swap_bodies`).
    fn set_swap_bodies(&mut self, a: &ObjRef, b: &ObjRef) {
        let (x, y) = (table_of(a), table_of(b));
        std::mem::swap(&mut *x.table.borrow_mut(), &mut *y.table.borrow_mut());
        x.hash.set(-1);
        y.hash.set(-1);
    }

    /// `so & other` (`set_intersection`).
    fn set_intersect(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult {
        if so.is(other) {
            return self.set_copy(so);
        }
        let result = self.set_like(so)?;
        if as_set(other).is_some() {
            let (small, big) = if self.set_len(other) > self.set_len(so) { (so, other) } else { (other, so) };
            let keys = table_of(small).table.borrow().active_vec();
            for (k, h) in keys {
                if table_of(big).table.borrow().contains(&k, h) {
                    self.set_insert_hashed(&result, k, h)?;
                }
            }
            return Ok(result);
        }
        let it = self.get_iter(other)?;
        while let Some(k) = self.iter_next(&it)? {
            let h = self.hash(&k)?;
            if table_of(so).table.borrow().contains(&k, h) {
                self.set_insert_hashed(&result, k, h)?;
                if self.set_len(&result) >= self.set_len(so) {
                    break;
                }
            }
        }
        Ok(result)
    }

    fn set_insert_hashed(&mut self, s: &ObjRef, key: ObjRef, hash: i64) -> PyResult<()> {
        let r = table_of(s).table.borrow_mut().insert(key, hash);
        r.map(drop).map_err(|_| self.memory_error())
    }

    /// `so - other` (`set_difference`).
    fn set_subtract(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult {
        let other_size = match (as_set(other), as_dict(other)) {
            (Some(_), _) => self.set_len(other),
            (_, Some(d)) if self.kind(other) == Kind::Dict => d.table.borrow().len(),
            _ => usize::MAX,
        };
        if other_size == usize::MAX || (self.set_len(so) >> 2) > other_size {
            let result = self.set_copy(so)?;
            self.set_difference_update(&result, other)?;
            return Ok(result);
        }
        let result = self.set_like(so)?;
        let keys = table_of(so).table.borrow().active_vec();
        for (k, h) in keys {
            let present = match as_set(other) {
                Some(o) => o.table.borrow().contains(&k, h),
                None => self.contains(other, &k)?,
            };
            if !present {
                self.set_insert_hashed(&result, k, h)?;
            }
        }
        Ok(result)
    }

    /// Removes every key of `other` from `so` (`set_difference_update_internal`).
    fn set_difference_update(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult<()> {
        if so.is(other) {
            self.set_clear(so);
            return Ok(());
        }
        if as_set(other).is_some() {
            let src = if (self.set_len(other) >> 3) > self.set_len(so) {
                self.set_intersect(so, other)?
            } else {
                other.clone()
            };
            let keys = table_of(&src).table.borrow().active_vec();
            for (k, h) in keys {
                let removed = table_of(so).table.borrow_mut().discard(&k, h);
                drop(removed);
            }
        } else {
            let it = self.get_iter(other)?;
            while let Some(k) = self.iter_next(&it)? {
                self.set_discard(so, &k)?;
            }
        }
        let r = table_of(so).table.borrow_mut().purge_dummies();
        r.map_err(|_| self.memory_error())
    }

    /// `so ^ other` (`set_symmetric_difference`).
    fn set_symmetric_difference(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult {
        let frozen = self.kind(so) == Kind::FrozenSet;
        let result = self.new_set_from(frozen, other)?;
        self.set_symmetric_difference_update(&result, so)?;
        Ok(result)
    }

    /// Toggles each key of `other` in `so` (`set_symmetric_difference_update`).
    fn set_symmetric_difference_update(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult<()> {
        if so.is(other) {
            self.set_clear(so);
            return Ok(());
        }
        let keys = if let Some(o) = as_set(other) {
            o.table.borrow().active_vec()
        } else if self.kind(other) == Kind::Dict {
            let ks = self.sequence_items(other)?;
            let mut v = Vec::with_capacity(ks.len());
            for k in ks {
                let h = self.hash(&k)?;
                v.push((k, h));
            }
            v
        } else {
            let tmp = self.set_like(so)?;
            self.set_update(&tmp, other)?;
            let v = table_of(&tmp).table.borrow().active_vec();
            v
        };
        for (k, h) in keys {
            let removed = table_of(so).table.borrow_mut().discard(&k, h);
            if removed.is_none() {
                self.set_insert_hashed(so, k, h)?;
            }
        }
        Ok(())
    }

    /// `so <= other` (`set_issubset`); `other` may be any iterable.
    fn set_issubset(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult<bool> {
        if as_set(other).is_none() {
            let tmp = self.new_set_from(false, other)?;
            return self.set_issubset(so, &tmp);
        }
        if self.set_len(so) > self.set_len(other) {
            return Ok(false);
        }
        let (x, y) = (table_of(so).table.borrow(), table_of(other).table.borrow());
        let r = x.active().all(|(k, h)| y.contains(k, h));
        Ok(r)
    }

    /// `so >= other` (`set_issuperset`); `other` may be any iterable.
    fn set_issuperset(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult<bool> {
        if as_set(other).is_some() {
            return self.set_issubset(other, so);
        }
        let it = self.get_iter(other)?;
        while let Some(k) = self.iter_next(&it)? {
            if !self.set_contains(so, &k)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
