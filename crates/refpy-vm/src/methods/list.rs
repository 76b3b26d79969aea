//! Methods of `list`.

use refpy_heap::ObjRef;

use super::list_sort::sort_in_place;
use super::{self_arg, Method};
use crate::args::{index_arg, split_kw, start_end};
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::list::{as_list, list_new_capacity, ListObject};
use crate::Vm;

pub(super) const METHODS: &[Method] = &[
    ("append", list_append),
    ("pop", list_pop),
    ("insert", list_insert),
    ("extend", list_extend),
    ("index", list_index),
    ("count", list_count),
    ("remove", list_remove),
    ("reverse", list_reverse),
    ("clear", list_clear),
    ("copy", list_copy),
    ("sort", list_sort),
];

fn list_self<'a>(vm: &mut Vm, args: &'a [ObjRef], name: &str) -> PyResult<&'a ListObject> {
    self_arg(vm, args, "list", name, as_list)
}

/// Checks `list.NAME()` got exactly one argument after `self`.
fn one_arg(vm: &mut Vm, name: &str, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult<()> {
    let full = format!("list.{name}");
    no_kwargs(vm, &full, kw)?;
    arg_count(vm, &full, &args[1..], 1, 1)
}

/// Checks `list.NAME()` got no argument after `self`.
fn no_arg(vm: &mut Vm, name: &str, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult<()> {
    let full = format!("list.{name}");
    no_kwargs(vm, &full, kw)?;
    arg_count(vm, &full, &args[1..], 0, 0)
}

/// Removes item `idx` and shrinks the buffer as `list_resize` would.
fn remove_at(l: &ListObject, idx: usize) -> ObjRef {
    let len = l.items.borrow().len();
    let v = l.items.borrow_mut().remove(idx).expect("index checked");
    let cap = list_new_capacity(l.items.borrow().capacity(), len, len - 1);
    let _ = l.items.borrow_mut().set_capacity(cap.max(len - 1));
    v
}

fn list_append(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let l = list_self(vm, args, "append")?;
    one_arg(vm, "append", args, kw)?;
    vm.list_append(l, args[1].clone())?;
    Ok(vm.none.clone())
}

fn list_pop(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let l = list_self(vm, args, "pop")?;
    no_kwargs(vm, "pop", kw)?;
    arg_count(vm, "pop", &args[1..], 0, 1)?;
    let i = match args.get(1) {
        Some(a) => index_arg(vm, a)?,
        None => -1,
    };
    let len = l.items.borrow().len();
    if len == 0 {
        return Err(vm.new_error(ExcType::IndexError, "pop from empty list"));
    }
    let idx = if i < 0 { i + len as i64 } else { i };
    if !(0..len as i64).contains(&idx) {
        return Err(vm.new_error(ExcType::IndexError, "pop index out of range"));
    }
    Ok(remove_at(l, idx as usize))
}

fn list_insert(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let l = list_self(vm, args, "insert")?;
    no_kwargs(vm, "insert", kw)?;
    if args.len() != 3 {
        return Err(
            vm.new_error(ExcType::TypeError, format!("insert expected 2 arguments, got {}", args.len() - 1))
        );
    }
    let i = index_arg(vm, &args[1])?;
    let len = l.items.borrow().len() as i64;
    let idx = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
    let mut v = l.items.borrow_mut();
    if v.len() == v.capacity() {
        let n = v.len();
        let cap = list_new_capacity(v.capacity(), n, n + 1);
        if v.set_capacity(cap).is_err() {
            drop(v);
            return Err(vm.memory_error());
        }
    }
    let _ = v.insert_within_capacity(idx, args[2].clone());
    drop(v);
    Ok(vm.none.clone())
}

fn list_extend(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    list_self(vm, args, "extend")?;
    one_arg(vm, "extend", args, kw)?;
    vm.list_extend(&args[0], &args[1])?;
    Ok(vm.none.clone())
}

/// Index of the first item equal to `x` in `start..stop`.
fn position(vm: &mut Vm, items: &[ObjRef], x: &ObjRef, start: usize, stop: usize) -> PyResult<Option<usize>> {
    for (i, item) in items.iter().enumerate().take(stop).skip(start) {
        if vm.items_equal(item, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn list_index(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let l = list_self(vm, args, "index")?;
    no_kwargs(vm, "index", kw)?;
    arg_count(vm, "index", &args[1..], 1, 3)?;
    let items = l.items.borrow().to_vec();
    let (start, stop) = start_end(vm, args.get(2), args.get(3), items.len())?;
    match position(vm, &items, &args[1], start, stop)? {
        Some(i) => vm.new_int(i as i64),
        None => {
            let r = vm.repr_string(&args[1])?;
            Err(vm.new_error(ExcType::ValueError, format!("{r} is not in list")))
        }
    }
}

fn list_count(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let l = list_self(vm, args, "count")?;
    one_arg(vm, "count", args, kw)?;
    let items = l.items.borrow().to_vec();
    let mut n = 0;
    for x in &items {
        if vm.items_equal(x, &args[1])? {
            n += 1;
        }
    }
    vm.new_int(n)
}

fn list_remove(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let l = list_self(vm, args, "remove")?;
    one_arg(vm, "remove", args, kw)?;
    let items = l.items.borrow().to_vec();
    let Some(i) = position(vm, &items, &args[1], 0, items.len())? else {
        return Err(vm.new_error(ExcType::ValueError, "list.remove(x): x not in list"));
    };
    drop(items);
    if i < l.items.borrow().len() {
        drop(remove_at(l, i));
    }
    Ok(vm.none.clone())
}

fn list_reverse(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let l = list_self(vm, args, "reverse")?;
    no_arg(vm, "reverse", args, kw)?;
    l.items.borrow_mut().reverse();
    Ok(vm.none.clone())
}

fn list_clear(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let l = list_self(vm, args, "clear")?;
    no_arg(vm, "clear", args, kw)?;
    let old = std::mem::take(&mut *l.items.borrow_mut());
    drop(old);
    Ok(vm.none.clone())
}

fn list_copy(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let l = list_self(vm, args, "copy")?;
    no_arg(vm, "copy", args, kw)?;
    let items = l.items.borrow().to_vec();
    vm.new_list(items)
}

fn list_sort(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let l = list_self(vm, args, "sort")?;
    let (pos, kws) = split_kw(args, kw);
    if pos.len() > 1 {
        return Err(vm.new_error(ExcType::TypeError, "sort() takes no positional arguments"));
    }
    let (mut key, mut reverse) = (None, false);
    for (k, v) in kws {
        match k {
            "key" => key = Some(v.clone()).filter(|k| !k.is(&vm.none)),
            "reverse" => reverse = vm.is_true(v)?,
            other => {
                return Err(vm.new_error(
                    ExcType::TypeError,
                    format!("'{other}' is an invalid keyword argument for sort()"),
                ))
            }
        }
    }
    // The list looks empty while it sorts, as in CPython: keys and comparisons see
    // `[]`, and whatever they put into it is dropped.
    let mut saved = std::mem::take(&mut *l.items.borrow_mut());
    let mut result = sort_in_place(vm, &mut saved, key.as_ref(), reverse);
    let during = std::mem::replace(&mut *l.items.borrow_mut(), saved);
    if result.is_ok() && during.capacity() != 0 {
        result = Err(vm.new_error(ExcType::ValueError, "list modified during sort"));
    }
    drop(during);
    result.map(|()| vm.none.clone())
}
