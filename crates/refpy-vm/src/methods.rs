//! Methods of the built-in types (`list.append`, `dict.get`, `str.join`, …).
//!
//! Each method is a [`BuiltinFn`] whose first argument is `self`. `lookup`
//! finds them by the receiver's [`Kind`] and the attribute name, which is
//! what `LOAD_METHOD` and attribute access on built-ins use.

use refpy_heap::ObjRef;

use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::dict::as_dict;
use crate::objects::function::BuiltinFn;
use crate::objects::int::as_i64;
use crate::objects::list::{as_list, list_new_capacity};
use crate::objects::str::as_str;
use crate::types::Kind;
use crate::Vm;

/// A method: its name and implementation.
pub type Method = (&'static str, BuiltinFn);

const LIST_METHODS: &[Method] = &[
    ("append", list_append),
    ("pop", list_pop),
    ("insert", list_insert),
    ("extend", list_extend),
    ("index", list_index),
    ("count", list_count),
    ("reverse", list_reverse),
    ("clear", list_clear),
    ("copy", list_copy),
    ("sort", list_sort),
];

const DICT_METHODS: &[Method] = &[("get", dict_get), ("pop", dict_pop), ("setdefault", dict_setdefault)];

const STR_METHODS: &[Method] = &[("join", str_join), ("upper", str_upper), ("lower", str_lower)];

/// The method `name` of built-in kind `kind`.
pub fn lookup(kind: Kind, name: &str) -> Option<Method> {
    let table = match kind {
        Kind::List => LIST_METHODS,
        Kind::Dict => DICT_METHODS,
        Kind::Str => STR_METHODS,
        _ => return None,
    };
    table.iter().find(|(n, _)| *n == name).copied()
}

fn list_self<'a>(
    vm: &mut Vm,
    args: &'a [ObjRef],
    name: &str,
) -> PyResult<&'a crate::objects::list::ListObject> {
    match args.first().and_then(as_list) {
        Some(l) => Ok(l),
        None => Err(
            vm.new_error(ExcType::TypeError, format!("descriptor '{name}' for 'list' objects doesn't apply"))
        ),
    }
}

fn list_append(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "list.append", kw)?;
    let l = list_self(vm, args, "append")?;
    if args.len() != 2 {
        return Err(vm.new_error(
            ExcType::TypeError,
            format!("list.append() takes exactly one argument ({} given)", args.len() - 1),
        ));
    }
    vm.list_append(l, args[1].clone())?;
    Ok(vm.none.clone())
}

fn list_pop(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "pop", kw)?;
    let l = list_self(vm, args, "pop")?;
    arg_count(vm, "pop", &args[1..], 0, 1)?;
    let len = l.items.borrow().len();
    if len == 0 {
        return Err(vm.new_error(ExcType::IndexError, "pop from empty list"));
    }
    let i = match args.get(1) {
        Some(a) => as_i64(a).unwrap_or(i64::MAX),
        None => -1,
    };
    let idx = if i < 0 { i + len as i64 } else { i };
    if !(0..len as i64).contains(&idx) {
        return Err(vm.new_error(ExcType::IndexError, "pop index out of range"));
    }
    let v = l.items.borrow_mut().remove(idx as usize).expect("index checked");
    let cap = list_new_capacity(l.items.borrow().capacity(), len, len - 1);
    let _ = l.items.borrow_mut().set_capacity(cap.max(len - 1));
    Ok(v)
}

fn list_insert(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "insert", kw)?;
    let l = list_self(vm, args, "insert")?;
    if args.len() != 3 {
        return Err(
            vm.new_error(ExcType::TypeError, format!("insert expected 2 arguments, got {}", args.len() - 1))
        );
    }
    let len = l.items.borrow().len() as i64;
    let i = as_i64(&args[1]).unwrap_or(0);
    let idx = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
    {
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
    }
    Ok(vm.none.clone())
}

fn list_extend(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "list.extend", kw)?;
    list_self(vm, args, "extend")?;
    arg_count(vm, "list.extend", &args[1..], 1, 1)?;
    vm.list_extend(&args[0], &args[1])?;
    Ok(vm.none.clone())
}

fn list_index(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "index", kw)?;
    let l = list_self(vm, args, "index")?;
    arg_count(vm, "index", &args[1..], 1, 1)?;
    let items = l.items.borrow().to_vec();
    for (i, x) in items.iter().enumerate() {
        if vm.items_equal(x, &args[1])? {
            return vm.new_int(i as i64);
        }
    }
    let r = vm.repr_string(&args[1])?;
    Err(vm.new_error(ExcType::ValueError, format!("{r} is not in list")))
}

fn list_count(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "count", kw)?;
    let l = list_self(vm, args, "count")?;
    arg_count(vm, "count", &args[1..], 1, 1)?;
    let items = l.items.borrow().to_vec();
    let mut n = 0;
    for x in &items {
        if vm.items_equal(x, &args[1])? {
            n += 1;
        }
    }
    vm.new_int(n)
}

fn list_reverse(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "reverse", kw)?;
    let l = list_self(vm, args, "reverse")?;
    arg_count(vm, "reverse", &args[1..], 0, 0)?;
    l.items.borrow_mut().reverse();
    Ok(vm.none.clone())
}

fn list_clear(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "clear", kw)?;
    let l = list_self(vm, args, "clear")?;
    arg_count(vm, "clear", &args[1..], 0, 0)?;
    let old = std::mem::take(&mut *l.items.borrow_mut());
    drop(old);
    Ok(vm.none.clone())
}

fn list_copy(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "copy", kw)?;
    let l = list_self(vm, args, "copy")?;
    arg_count(vm, "copy", &args[1..], 0, 0)?;
    let items = l.items.borrow().to_vec();
    vm.new_list(items)
}

fn list_sort(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let l = list_self(vm, args, "sort")?;
    let nkw = kw.map_or(0, <[ObjRef]>::len);
    if args.len() - nkw > 1 {
        return Err(vm.new_error(ExcType::TypeError, "sort() takes no positional arguments"));
    }
    let (mut key, mut reverse) = (None, false);
    for (k, v) in kw.unwrap_or(&[]).iter().zip(&args[args.len() - nkw..]) {
        match as_str(k).unwrap_or("") {
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
    let items = l.items.borrow().to_vec();
    let sorted = crate::builtins::sort_items(vm, items, key.as_ref(), reverse)?;
    for (slot, v) in l.items.borrow_mut().iter_mut().zip(sorted) {
        *slot = v;
    }
    Ok(vm.none.clone())
}

fn dict_self<'a>(
    vm: &mut Vm,
    args: &'a [ObjRef],
    name: &str,
) -> PyResult<&'a crate::objects::dict::DictObject> {
    match args.first().and_then(as_dict) {
        Some(d) => Ok(d),
        None => Err(
            vm.new_error(ExcType::TypeError, format!("descriptor '{name}' for 'dict' objects doesn't apply"))
        ),
    }
}

fn dict_get(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "get", kw)?;
    let d = dict_self(vm, args, "get")?;
    arg_count(vm, "get", &args[1..], 1, 2)?;
    match vm.dict_get(d, &args[1])? {
        Some(v) => Ok(v),
        None => Ok(args.get(2).cloned().unwrap_or_else(|| vm.none.clone())),
    }
}

fn dict_pop(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "pop", kw)?;
    let d = dict_self(vm, args, "pop")?;
    arg_count(vm, "pop", &args[1..], 1, 2)?;
    let hash = vm.hash(&args[1])?;
    let removed = d.table.borrow_mut().remove(&args[1], hash);
    match (removed, args.get(2)) {
        (Some((_, v)), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(vm.key_error(&args[1])),
    }
}

fn dict_setdefault(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "setdefault", kw)?;
    let d = dict_self(vm, args, "setdefault")?;
    arg_count(vm, "setdefault", &args[1..], 1, 2)?;
    if let Some(v) = vm.dict_get(d, &args[1])? {
        return Ok(v);
    }
    let v = args.get(2).cloned().unwrap_or_else(|| vm.none.clone());
    vm.dict_set(d, args[1].clone(), v.clone())?;
    Ok(v)
}

fn str_join(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "str.join", kw)?;
    arg_count(vm, "str.join", &args[1..], 1, 1)?;
    let sep = as_str(&args[0]).unwrap_or("").to_string();
    let items = vm.sequence_items(&args[1])?;
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        let Some(s) = as_str(item) else {
            let t = vm.type_name(item);
            return Err(vm.new_error(
                ExcType::TypeError,
                format!("sequence item {i}: expected str instance, {t} found"),
            ));
        };
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(s);
    }
    vm.new_str(&out)
}

fn str_upper(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "upper", kw)?;
    arg_count(vm, "upper", &args[1..], 0, 0)?;
    let s = as_str(&args[0]).unwrap_or("").to_uppercase();
    vm.new_str(&s)
}

fn str_lower(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "lower", kw)?;
    arg_count(vm, "lower", &args[1..], 0, 0)?;
    let s = as_str(&args[0]).unwrap_or("").to_lowercase();
    vm.new_str(&s)
}
