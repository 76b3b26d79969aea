//! The refpy-only `refpy` module: the heap CPython hides, as Python data.
//!
//! `refpy.heap()` returns a dict with the allocator's live statistics:
//! `arenas` (allocated now), `arenas_total`, `arenas_reclaimed`,
//! `arenas_highwater`, `pools`, `blocks` (pool blocks in use), `bytes`
//! (bytes in those blocks), `large_blocks`, `large_bytes`, and
//! `size_classes`: a list of `(block_size, pools, blocks_in_use,
//! avail_blocks)` tuples for the classes with pools in use — the same
//! numbers `sys._debugmallocstats()` prints.
//!
//! `refpy.why(a, b)` and `refpy.explain(x)` say why two values are one
//! object and tell one object's memory story (`crate::explain`,
//! docs/EXPLAIN.md); `refpy.draw(obj, path)` draws the objects reachable
//! from `obj` with their counts, as DOT or SVG (`crate::draw`). Their text is a `refpy.Explanation`, a `str` whose
//! `repr` is the text itself, so that the REPL echo shows it as text.

use refpy_heap::obmalloc::{self, INDEX2SIZE};
use refpy_heap::ObjRef;

use crate::args::{arg_count_tuple, bind_clinic, index_arg};
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::dict::as_dict;
use crate::objects::module::as_module;
use crate::objects::str::as_str;
use crate::Vm;

/// The Python part of the module: the type of `why` and `explain` results.
const PRELUDE: &str = "\
class Explanation(str):
    __slots__ = ()

    def __repr__(self):
        return str.__str__(self)
";

/// Creates the `refpy` module.
pub fn build(vm: &mut Vm) -> PyResult {
    let m = vm.new_module("refpy")?;
    vm.add_functions(
        &m,
        &[("heap", refpy_heap), ("why", refpy_why), ("explain", refpy_explain), ("draw", refpy_draw)],
    )?;
    vm.run_prelude(&m, PRELUDE)?;
    Ok(m)
}

/// `refpy.why(a, b)`: whether `a` and `b` are one object, and the rule that made it so.
fn refpy_why(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "why", kw)?;
    arg_count_tuple(vm, "why", args.len(), 2, 2)?;
    let text = crate::explain::why(vm, &args[0], &args[1])?;
    explanation(vm, &text)
}

/// `refpy.explain(x)`: the memory story of one object.
fn refpy_explain(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "explain", kw)?;
    arg_count_tuple(vm, "explain", args.len(), 1, 1)?;
    let text = crate::explain::explain(vm, &args[0])?;
    explanation(vm, &text)
}

/// `refpy.draw(obj, path, *, max_depth=3, max_nodes=100)`: the objects
/// reachable from `obj` as a picture in `path` (DOT for `*.dot`, else SVG).
fn refpy_draw(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    const PARAMS: [&str; 4] = ["obj", "path", "max_depth", "max_nodes"];
    let mut bound = bind_clinic(vm, "draw", args, kw, &PARAMS, 2, 2)?.into_iter();
    let (Some(obj), Some(path)) = (bound.next().flatten(), bound.next().flatten()) else {
        return Err(vm.new_error(ExcType::TypeError, "draw() missing required argument 'obj' (pos 1)"));
    };
    let path = path_arg(vm, path)?;
    let max_depth = limit_arg(vm, "max_depth", bound.next().flatten(), 3, 0)?;
    let max_nodes = limit_arg(vm, "max_nodes", bound.next().flatten(), 100, 1)?;
    // Only `args` and `obj` itself may hold references now: `draw` subtracts them.
    drop(bound);
    crate::draw::draw(vm, obj, args, &path, crate::draw::Limits { max_depth, max_nodes })?;
    Ok(vm.none.clone())
}

/// The `path` argument of `draw` as text (CPython's message for a non-str).
fn path_arg(vm: &mut Vm, path: ObjRef) -> PyResult<String> {
    match as_str(&path) {
        Some(p) => Ok(p.to_string()),
        None => {
            let t = vm.type_name(&path);
            Err(vm.new_error(ExcType::TypeError, format!("draw() argument 'path' must be str, not {t}")))
        }
    }
}

/// An integer bound of `draw` (`default` when not given): `ValueError:
/// NAME must be >= MIN` below `min`.
fn limit_arg(vm: &mut Vm, name: &str, v: Option<ObjRef>, default: usize, min: usize) -> PyResult<usize> {
    let Some(v) = v else { return Ok(default) };
    let n = index_arg(vm, &v)?;
    match usize::try_from(n) {
        Ok(n) if n >= min => Ok(n),
        _ => Err(vm.new_error(ExcType::ValueError, format!("{name} must be >= {min}"))),
    }
}

/// `text` as a `refpy.Explanation` (a plain `str` if the program deleted the class).
fn explanation(vm: &mut Vm, text: &str) -> PyResult {
    let s = vm.new_str(text)?;
    let module = vm.builtin_module("refpy");
    let dict = module.as_ref().and_then(as_module).map(|m| m.dict.clone());
    let class = match dict.as_ref().and_then(as_dict) {
        Some(d) => vm.dict_get_str(d, "Explanation")?,
        None => None,
    };
    match class {
        Some(c) => vm.call(&c, &[s], None),
        None => Ok(s),
    }
}

/// `refpy.heap()`: a snapshot of the allocator's statistics.
fn refpy_heap(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "heap", kw)?;
    arg_count(vm, "heap", args, 0, 0)?;
    let s = obmalloc::stats();
    let mut classes = Vec::new();
    let mut pools = 0;
    for (i, c) in s.classes.iter().enumerate().filter(|(_, c)| c.num_pools > 0) {
        pools += c.num_pools;
        let row = [INDEX2SIZE[i], c.num_pools, c.blocks_in_use, c.avail_blocks]
            .iter()
            .map(|&n| vm.new_int(n as i64))
            .collect::<PyResult<Vec<_>>>()?;
        classes.push(vm.new_tuple(row)?);
    }
    let d = vm.new_dict()?;
    let fields = [
        ("arenas", s.arenas_allocated_current),
        ("arenas_total", s.arenas_allocated_total),
        ("arenas_reclaimed", s.arenas_reclaimed),
        ("arenas_highwater", s.arenas_highwater_mark),
        ("pools", pools),
        ("blocks", s.small_blocks_in_use()),
        ("bytes", s.bytes_in_allocated_blocks),
        ("large_blocks", s.large_blocks),
        ("large_bytes", s.large_bytes),
    ];
    for (name, value) in fields {
        let v = vm.new_int(value as i64)?;
        vm.dict_set_str(&d, name, v)?;
    }
    let l = vm.new_list(classes)?;
    vm.dict_set_str(&d, "size_classes", l)?;
    Ok(d)
}
