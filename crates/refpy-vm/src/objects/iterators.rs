//! The lazy iterator types of the builtins: `enumerate`, `zip`, `map`,
//! `filter`, `reversed` and `list_reverseiterator`. Each holds its source
//! iterators (so each type is a GC container) and produces one item per
//! `next()`, calling Python code through `Vm::call` where needed.

use std::cell::{Cell, RefCell};

use refpy_heap::{alloc, ObjRef};

use crate::args::{bind, index_arg, split_kw};
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::num::Int;
use crate::objects::list::as_list;
use crate::objects::range::as_range;
use crate::objects::str::as_str;
use crate::objects::tuple::as_tuple;
use crate::ops::int_of;
use crate::types::Kind;
use crate::Vm;

/// Payload of an `enumerate`: the source iterator and the next count.
pub struct EnumerateObject {
    pub(crate) iter: ObjRef,
    index: RefCell<Int>,
}

/// Payload of a `zip`: the source iterators; `strict` checks equal lengths.
pub struct ZipObject {
    pub(crate) iters: Vec<ObjRef>,
    strict: bool,
}

/// Payload of a `map`: the function and the source iterators.
pub struct MapObject {
    pub(crate) func: ObjRef,
    pub(crate) iters: Vec<ObjRef>,
}

/// Payload of a `filter`: the predicate (`None` for truth) and the source.
pub struct FilterObject {
    pub(crate) func: ObjRef,
    pub(crate) iter: ObjRef,
}

/// Payload of `reversed` and `list_reverseiterator`: the sequence (dropped
/// when exhausted) and the number of items still to produce. For a str the
/// count is a byte offset from the start.
pub struct ReversedObject {
    pub(crate) seq: RefCell<Option<ObjRef>>,
    remaining: Cell<usize>,
}

/// `sizeof(enumobject)`, `sizeof(zipobject)`, `sizeof(mapobject)`,
/// `sizeof(filterobject)`, `sizeof(reversedobject)`.
const ENUMERATE_BASICSIZE: usize = 56;
const ZIP_BASICSIZE: usize = 48;
const MAP_BASICSIZE: usize = 32;
const FILTER_BASICSIZE: usize = 32;
const REVERSED_BASICSIZE: usize = 32;

impl Vm {
    fn alloc_iter<T: 'static>(&mut self, ty: ObjRef, payload: T, size: usize) -> PyResult {
        alloc(&ty, payload, size).map_err(|_| self.memory_error())
    }

    /// Iterators over every argument.
    fn iters_of(&mut self, args: &[ObjRef]) -> PyResult<Vec<ObjRef>> {
        args.iter().map(|a| self.get_iter(a)).collect()
    }
}

/// `enumerate(iterable, start=0)`.
pub fn construct_enumerate(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    let npos = args.len() - kwnames.map_or(0, <[ObjRef]>::len);
    if npos > 2 {
        let msg = format!("enumerate() takes at most 2 arguments ({npos} given)");
        return Err(vm.new_error(ExcType::TypeError, msg));
    }
    let a = bind(vm, "enumerate", args, kwnames, &["iterable", "start"])?;
    let Some(iterable) = &a[0] else {
        return Err(vm.new_error(ExcType::TypeError, "enumerate() missing required argument 'iterable'"));
    };
    let start = match &a[1] {
        Some(s) => match int_of(s) {
            Some(i) => i,
            None => Int::Small(index_arg(vm, s)?),
        },
        None => Int::Small(0),
    };
    let iter = vm.get_iter(iterable)?;
    let ty = vm.types.enumerate.clone();
    vm.alloc_iter(ty, EnumerateObject { iter, index: RefCell::new(start) }, ENUMERATE_BASICSIZE)
}

/// `zip(*iterables, strict=False)`.
pub fn construct_zip(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    let (pos, kw) = split_kw(args, kwnames);
    if kw.len() > 1 {
        let msg = format!("zip() takes at most 1 keyword argument ({} given)", kw.len());
        return Err(vm.new_error(ExcType::TypeError, msg));
    }
    let mut strict = false;
    if let Some((name, v)) = kw.first() {
        if *name != "strict" {
            let msg = format!("'{name}' is an invalid keyword argument for zip()");
            return Err(vm.new_error(ExcType::TypeError, msg));
        }
        strict = vm.is_true(v)?;
    }
    let iters = vm.iters_of(pos)?;
    let ty = vm.types.zip.clone();
    vm.alloc_iter(ty, ZipObject { iters, strict }, ZIP_BASICSIZE)
}

/// `map(func, *iterables)`.
pub fn construct_map(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "map", kwnames)?;
    if args.len() < 2 {
        return Err(vm.new_error(ExcType::TypeError, "map() must have at least two arguments."));
    }
    let iters = vm.iters_of(&args[1..])?;
    let ty = vm.types.map.clone();
    vm.alloc_iter(ty, MapObject { func: args[0].clone(), iters }, MAP_BASICSIZE)
}

/// `filter(function or None, iterable)`.
pub fn construct_filter(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "filter", kwnames)?;
    if args.len() != 2 {
        return Err(
            vm.new_error(ExcType::TypeError, format!("filter expected 2 arguments, got {}", args.len()))
        );
    }
    let iter = vm.get_iter(&args[1])?;
    let ty = vm.types.filter.clone();
    vm.alloc_iter(ty, FilterObject { func: args[0].clone(), iter }, FILTER_BASICSIZE)
}

/// `reversed(sequence)`: a `list_reverseiterator` for a list, a reversed
/// `range_iterator` for a range, a `reversed` object for a tuple or str.
pub fn construct_reversed(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "reversed", kwnames)?;
    if args.len() != 1 {
        let msg = format!("reversed expected 1 argument, got {}", args.len());
        return Err(vm.new_error(ExcType::TypeError, msg));
    }
    let seq = &args[0];
    if vm.is_heap_instance(seq) {
        if let Some(it) = vm.user_special(seq, "__reversed__", &[])? {
            return Ok(it);
        }
        if vm.kind(seq) == Kind::Instance {
            return reversed_sequence(vm, seq);
        }
    }
    if let Some(r) = as_range(seq) {
        let (start, step, len) = (r.start, r.step, r.len);
        let last = start.wrapping_add(step.wrapping_mul(len.saturating_sub(1)));
        return vm.new_range_iter(last, step.wrapping_neg(), len);
    }
    let (ty, remaining) = match vm.kind(seq) {
        Kind::List => {
            (vm.types.list_reverse_iterator.clone(), as_list(seq).map_or(0, |l| l.items.borrow().len()))
        }
        Kind::Tuple => (vm.types.reversed.clone(), as_tuple(seq).map_or(0, <[ObjRef]>::len)),
        Kind::Str => (vm.types.reversed.clone(), as_str(seq).map_or(0, str::len)),
        Kind::Dict => {
            let keys = vm.sequence_items(seq)?;
            let n = keys.len();
            let list = vm.new_list(keys)?;
            let payload = ReversedObject { seq: RefCell::new(Some(list)), remaining: Cell::new(n) };
            let ty = vm.types.list_reverse_iterator.clone();
            return vm.alloc_iter(ty, payload, REVERSED_BASICSIZE);
        }
        _ => {
            let t = vm.type_name(seq);
            return Err(vm.new_error(ExcType::TypeError, format!("'{t}' object is not reversible")));
        }
    };
    let payload = ReversedObject { seq: RefCell::new(Some(seq.clone())), remaining: Cell::new(remaining) };
    vm.alloc_iter(ty, payload, REVERSED_BASICSIZE)
}

/// `reversed(obj)` for an instance with `__len__` and `__getitem__` (the
/// sequence protocol): its items from the last index down, taken now.
fn reversed_sequence(vm: &mut Vm, seq: &ObjRef) -> PyResult {
    let Some(n) =
        vm.len_special(seq)?.filter(|_| vm.user_special_exists(seq, "__getitem__").unwrap_or(false))
    else {
        let t = vm.type_name(seq);
        return Err(vm.new_error(ExcType::TypeError, format!("'{t}' object is not reversible")));
    };
    let mut items = Vec::with_capacity(n);
    for i in (0..n).rev() {
        let index = vm.new_int(i as i64)?;
        items.push(vm.get_item(seq, &index)?);
    }
    let list = vm.new_list(items)?;
    vm.get_iter(&list)
}

/// `next()` of the iterator types of this file; `None` for other kinds.
pub fn iter_next_builtin(vm: &mut Vm, it: &ObjRef) -> Option<PyResult<Option<ObjRef>>> {
    Some(match vm.kind(it) {
        Kind::Enumerate => enumerate_next(vm, it),
        Kind::Zip => zip_next(vm, it),
        Kind::Map => map_next(vm, it),
        Kind::Filter => filter_next(vm, it),
        Kind::Reversed | Kind::ListReverseIterator => reversed_next(vm, it),
        Kind::SetIterator => vm.set_iter_next(it),
        Kind::DictValueIterator | Kind::DictItemIterator => vm.dict_view_iter_next(it),
        Kind::File => vm.file_next_line(it),
        _ => return None,
    })
}

fn enumerate_next(vm: &mut Vm, it: &ObjRef) -> PyResult<Option<ObjRef>> {
    let e = it.downcast::<EnumerateObject>().expect("enumerate");
    let Some(item) = vm.iter_next(&e.iter)? else { return Ok(None) };
    let i = e.index.replace(Int::Small(0));
    *e.index.borrow_mut() = i.add(&Int::Small(1));
    let n = vm.int_from(i)?;
    vm.new_tuple(vec![n, item]).map(Some)
}

fn zip_next(vm: &mut Vm, it: &ObjRef) -> PyResult<Option<ObjRef>> {
    let z = it.downcast::<ZipObject>().expect("zip");
    if z.iters.is_empty() {
        return Ok(None);
    }
    let mut items = Vec::with_capacity(z.iters.len());
    for (i, sub) in z.iters.iter().enumerate() {
        match vm.iter_next(sub)? {
            Some(v) => items.push(v),
            None if z.strict => return zip_strict_end(vm, z, i),
            None => return Ok(None),
        }
    }
    vm.new_tuple(items).map(Some)
}

/// `zip(strict=True)` ran out at iterator `i`: the others must be exhausted
/// too, else ValueError names which argument is shorter or longer.
fn zip_strict_end(vm: &mut Vm, z: &ZipObject, i: usize) -> PyResult<Option<ObjRef>> {
    let plural = |n: usize| if n == 1 { " ".to_string() } else { "s 1-".to_string() };
    if i > 0 {
        let msg = format!("zip() argument {} is shorter than argument{}{i}", i + 1, plural(i));
        return Err(vm.new_error(ExcType::ValueError, msg));
    }
    for (j, sub) in z.iters.iter().enumerate().skip(1) {
        if vm.iter_next(sub)?.is_some() {
            let msg = format!("zip() argument {} is longer than argument{}{j}", j + 1, plural(j));
            return Err(vm.new_error(ExcType::ValueError, msg));
        }
    }
    Ok(None)
}

fn map_next(vm: &mut Vm, it: &ObjRef) -> PyResult<Option<ObjRef>> {
    let m = it.downcast::<MapObject>().expect("map");
    let mut args = Vec::with_capacity(m.iters.len());
    for sub in &m.iters {
        match vm.iter_next(sub)? {
            Some(v) => args.push(v),
            None => return Ok(None),
        }
    }
    vm.call(&m.func, &args, None).map(Some)
}

fn filter_next(vm: &mut Vm, it: &ObjRef) -> PyResult<Option<ObjRef>> {
    let f = it.downcast::<FilterObject>().expect("filter");
    let truth_only = f.func.is(&vm.none) || f.func.is(&vm.types.bool_);
    while let Some(item) = vm.iter_next(&f.iter)? {
        let keep = if truth_only {
            vm.is_true(&item)?
        } else {
            let r = vm.call(&f.func, std::slice::from_ref(&item), None)?;
            vm.is_true(&r)?
        };
        if keep {
            return Ok(Some(item));
        }
    }
    Ok(None)
}

fn reversed_next(vm: &mut Vm, it: &ObjRef) -> PyResult<Option<ObjRef>> {
    let r = it.downcast::<ReversedObject>().expect("reversed");
    let Some(seq) = r.seq.borrow().clone() else { return Ok(None) };
    let n = r.remaining.get();
    let next = if n == 0 {
        None
    } else if let Some(s) = as_str(&seq) {
        let c = s[..n].chars().next_back().unwrap_or('\0');
        r.remaining.set(n - c.len_utf8());
        let mut buf = [0u8; 4];
        Some(vm.new_str(c.encode_utf8(&mut buf))?)
    } else {
        r.remaining.set(n - 1);
        match (as_list(&seq), as_tuple(&seq)) {
            (Some(l), _) => l.items.borrow().get(n - 1).cloned(),
            (_, Some(t)) => t.get(n - 1).cloned(),
            _ => None,
        }
    };
    if next.is_none() {
        let done = r.seq.borrow_mut().take();
        drop(done);
    }
    Ok(next)
}

/// `any(iterable)` / `all(iterable)`: stops at the first item whose truth
/// is `stop_on`.
pub fn any_all(
    vm: &mut Vm,
    name: &str,
    args: &[ObjRef],
    kwnames: Option<&[ObjRef]>,
    stop_on: bool,
) -> PyResult {
    no_kwargs(vm, name, kwnames)?;
    crate::args::arg_count_tuple(vm, name, args.len(), 1, 1)?;
    let it = vm.get_iter(&args[0])?;
    while let Some(item) = vm.iter_next(&it)? {
        if vm.is_true(&item)? == stop_on {
            return Ok(vm.new_bool(stop_on));
        }
    }
    Ok(vm.new_bool(!stop_on))
}

/// `set(iterable=())` / `frozenset(iterable=())`; `frozenset(f)` of an
/// exact frozenset is `f` itself.
pub fn construct_set(vm: &mut Vm, frozen: bool, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    let name = if frozen { "frozenset" } else { "set" };
    no_kwargs(vm, name, kwnames)?;
    arg_count(vm, name, args, 0, 1)?;
    match args.first() {
        Some(a) if frozen && vm.is_exact(a, Kind::FrozenSet) => Ok(a.clone()),
        Some(a) => vm.new_set_from(frozen, a),
        None => vm.new_set(frozen),
    }
}

/// `dict(**kwargs)`, `dict(mapping_or_pairs, **kwargs)`.
pub fn construct_dict(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    let (pos, kw) = split_kw(args, kwnames);
    arg_count(vm, "dict", pos, 0, 1)?;
    let d = refpy_heap::freelist::generic_alloc(|| vm.new_dict())?;
    if let Some(a) = pos.first() {
        vm.dict_merge_any(&d, a)?;
    }
    vm.dict_merge_kwargs(&d, &kw)?;
    Ok(d)
}
