//! Methods of `dict`, and the class method `dict.fromkeys`.

use refpy_heap::ObjRef;

use super::{self_arg, Method};
use crate::args::{no_args, split_kw};
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::dict::{as_dict, DictObject};
use crate::types::Kind;
use crate::Vm;

pub(super) const METHODS: &[Method] = &[
    ("get", dict_get),
    ("pop", dict_pop),
    ("setdefault", dict_setdefault),
    ("keys", dict_keys),
    ("values", dict_values),
    ("items", dict_items),
    ("update", dict_update),
    ("popitem", dict_popitem),
    ("clear", dict_clear),
    ("copy", dict_copy),
    ("fromkeys", dict_fromkeys),
];

pub(super) const CLASS_METHODS: &[Method] = &[("fromkeys", dict_fromkeys)];

fn dict_self<'a>(vm: &mut Vm, args: &'a [ObjRef], name: &str) -> PyResult<&'a DictObject> {
    self_arg(vm, args, "dict", name, as_dict)
}

fn dict_get(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let d = dict_self(vm, args, "get")?;
    no_kwargs(vm, "get", kw)?;
    arg_count(vm, "get", &args[1..], 1, 2)?;
    match vm.dict_get(d, &args[1])? {
        Some(v) => Ok(v),
        None => Ok(args.get(2).cloned().unwrap_or_else(|| vm.none.clone())),
    }
}

fn dict_pop(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let d = dict_self(vm, args, "pop")?;
    no_kwargs(vm, "pop", kw)?;
    arg_count(vm, "pop", &args[1..], 1, 2)?;
    let hash = vm.hash(&args[1])?;
    let key = vm.canonical_key(&args[1], || d.table.borrow().keys_with_hash(hash))?;
    let removed = d.table.borrow_mut().remove(&key, hash);
    match (removed, args.get(2)) {
        (Some((_, v)), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(vm.key_error(&args[1])),
    }
}

fn dict_setdefault(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let d = dict_self(vm, args, "setdefault")?;
    no_kwargs(vm, "setdefault", kw)?;
    arg_count(vm, "setdefault", &args[1..], 1, 2)?;
    if let Some(v) = vm.dict_get(d, &args[1])? {
        return Ok(v);
    }
    let v = args.get(2).cloned().unwrap_or_else(|| vm.none.clone());
    vm.dict_set(&args[0], args[1].clone(), v.clone())?;
    Ok(v)
}

/// `d.keys()`, `d.values()`, `d.items()`: a view of kind `kind`.
fn view(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, name: &str, kind: Kind) -> PyResult {
    dict_self(vm, args, name)?;
    no_args(vm, &format!("dict.{name}"), args, kw)?;
    vm.new_dict_view(kind, &args[0])
}

fn dict_keys(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    view(vm, args, kw, "keys", Kind::DictKeys)
}

fn dict_values(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    view(vm, args, kw, "values", Kind::DictValues)
}

fn dict_items(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    view(vm, args, kw, "items", Kind::DictItems)
}

/// `d.update([other], **kwargs)`.
fn dict_update(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    dict_self(vm, args, "update")?;
    let (pos, kws) = split_kw(args, kw);
    arg_count(vm, "update", &pos[1..], 0, 1)?;
    if let Some(other) = pos.get(1) {
        vm.dict_merge_any(&args[0], other)?;
    }
    vm.dict_merge_kwargs(&args[0], &kws)?;
    Ok(vm.none.clone())
}

fn dict_popitem(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let d = dict_self(vm, args, "popitem")?;
    no_args(vm, "dict.popitem", args, kw)?;
    let last = {
        let t = d.table.borrow();
        (0..t.nentries()).rev().find_map(|i| t.entry(i).map(|(k, _)| k.clone()))
    };
    let Some(key) = last else {
        let msg = vm.new_str("popitem(): dictionary is empty")?;
        return Err(vm.key_error(&msg));
    };
    let hash = vm.hash(&key)?;
    let removed = d.table.borrow_mut().remove(&key, hash);
    match removed {
        Some((k, v)) => vm.new_tuple(vec![k, v]),
        None => Err(vm.key_error(&key)),
    }
}

fn dict_clear(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let d = dict_self(vm, args, "clear")?;
    no_args(vm, "dict.clear", args, kw)?;
    let old = d.table.borrow_mut().clear();
    drop(old);
    Ok(vm.none.clone())
}

fn dict_copy(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    dict_self(vm, args, "copy")?;
    no_args(vm, "dict.copy", args, kw)?;
    let d = vm.new_dict()?;
    vm.dict_update(&d, &args[0])?;
    let whole = as_dict(&args[0]).is_some_and(|src| src.table.borrow().copies_whole());
    if whole && args[0].is_tracked() {
        d.track();
    }
    Ok(d)
}

/// `dict.fromkeys(iterable, value=None)`; `args[0]` is the type (or, when
/// called on an instance, the dict, which is ignored).
fn dict_fromkeys(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "dict.fromkeys", kw)?;
    arg_count(vm, "fromkeys", &args[1..], 1, 2)?;
    let value = args.get(2).cloned().unwrap_or_else(|| vm.none.clone());
    let keys = vm.sequence_items(&args[1])?;
    // On a subclass, `cls()` makes the result and `d[k] = v` fills it.
    let cls = &args[0];
    if crate::types::as_type(cls).is_some_and(|t| t.heap) {
        let d = vm.call(cls, &[], None)?;
        for k in keys {
            vm.set_item(&d, k, value.clone())?;
        }
        return Ok(d);
    }
    let d = vm.new_dict()?;
    for k in keys {
        vm.dict_set(&d, k, value.clone())?;
    }
    Ok(d)
}

impl Vm {
    /// `dict.update(other)` / `dict(other)`: a dict is merged; any other
    /// iterable must yield key/value pairs (`PyDict_MergeFromSeq2`).
    pub(crate) fn dict_merge_any(&mut self, d: &ObjRef, other: &ObjRef) -> PyResult<()> {
        if as_dict(other).is_some() {
            return self.dict_update(d, other);
        }
        let it = self.get_iter(other)?;
        let mut i = 0;
        while let Some(item) = self.iter_next(&it)? {
            let pair = match self.get_iter(&item) {
                Ok(pit) => {
                    drop(pit);
                    self.sequence_items(&item)?
                }
                Err(_) => {
                    return Err(self.new_error(
                        ExcType::TypeError,
                        format!("cannot convert dictionary update sequence element #{i} to a sequence"),
                    ))
                }
            };
            let [k, v] = <[ObjRef; 2]>::try_from(pair).map_err(|p| {
                self.new_error(
                    ExcType::ValueError,
                    format!("dictionary update sequence element #{i} has length {}; 2 is required", p.len()),
                )
            })?;
            self.dict_set(d, k, v)?;
            i += 1;
        }
        Ok(())
    }

    /// Sets each `name=value` keyword argument in `d`.
    pub(crate) fn dict_merge_kwargs(&mut self, d: &ObjRef, kws: &[(&str, &ObjRef)]) -> PyResult<()> {
        for (k, v) in kws {
            self.dict_set_str(d, k, (*v).clone())?;
        }
        Ok(())
    }
}
