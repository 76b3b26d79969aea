//! Argument helpers for built-in functions and methods: binding positional
//! and keyword arguments to parameter names, the argument-count messages of
//! CPython's older `PyArg_ParseTuple` functions, and integer and slice-bound
//! conversions.

use refpy_heap::ObjRef;

use crate::errors::{ExcType, PyResult};
use crate::objects::int::{as_bigint_sign, as_i64, is_int};
use crate::objects::str::as_str;
use crate::Vm;

/// Splits vectorcall arguments into the positional ones and `(name, value)`
/// keyword pairs.
pub(crate) fn split_kw<'a>(
    args: &'a [ObjRef],
    kwnames: Option<&'a [ObjRef]>,
) -> (&'a [ObjRef], Vec<(&'a str, &'a ObjRef)>) {
    let names = kwnames.unwrap_or(&[]);
    let (pos, vals) = args.split_at(args.len() - names.len());
    (pos, names.iter().map(|n| as_str(n).unwrap_or("")).zip(vals).collect())
}

/// Binds arguments to `params`: positional ones in order, then keywords by
/// name. An unknown keyword raises `'x' is an invalid keyword argument for
/// NAME()`; a parameter given twice raises CPython's "multiple values"
/// error. The caller checks the positional count first.
pub(crate) fn bind(
    vm: &mut Vm,
    fname: &str,
    args: &[ObjRef],
    kwnames: Option<&[ObjRef]>,
    params: &[&str],
) -> PyResult<Vec<Option<ObjRef>>> {
    let (pos, kw) = split_kw(args, kwnames);
    let mut out: Vec<Option<ObjRef>> = vec![None; params.len()];
    for (slot, v) in out.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    for (name, v) in kw {
        let Some(i) = params.iter().position(|p| *p == name) else {
            return Err(vm.new_error(
                ExcType::TypeError,
                format!("'{name}' is an invalid keyword argument for {fname}()"),
            ));
        };
        if out[i].is_some() {
            return Err(vm.new_error(
                ExcType::TypeError,
                format!("argument for {fname}() given by name ('{name}') and position ({})", i + 1),
            ));
        }
        out[i] = Some(v.clone());
    }
    Ok(out)
}

/// Binds the arguments of an Argument Clinic function whose first
/// `max_pos` parameters may be positional (the rest keyword-only) and whose
/// first `required` are required: CPython's `NAME() takes at most 2
/// positional arguments (3 given)` and `NAME() missing required argument
/// 'x' (pos 1)`.
pub(crate) fn bind_clinic(
    vm: &mut Vm,
    fname: &str,
    args: &[ObjRef],
    kwnames: Option<&[ObjRef]>,
    params: &[&str],
    max_pos: usize,
    required: usize,
) -> PyResult<Vec<Option<ObjRef>>> {
    let npos = args.len() - kwnames.map_or(0, <[ObjRef]>::len);
    if npos > max_pos {
        let how = if required == max_pos { "exactly" } else { "at most" };
        let s = if max_pos == 1 { "" } else { "s" };
        let msg = format!("{fname}() takes {how} {max_pos} positional argument{s} ({npos} given)");
        return Err(vm.new_error(ExcType::TypeError, msg));
    }
    let bound = bind(vm, fname, args, kwnames, params)?;
    if let Some(i) = bound[..required].iter().position(Option::is_none) {
        let msg = format!("{fname}() missing required argument '{}' (pos {})", params[i], i + 1);
        return Err(vm.new_error(ExcType::TypeError, msg));
    }
    Ok(bound)
}

/// `NAME() takes at most 2 arguments (3 given)` / `takes at least 1
/// argument (0 given)` / `takes exactly one argument (0 given)`: the
/// messages of `PyArg_ParseTuple`-style built-ins.
pub(crate) fn arg_count_tuple(vm: &mut Vm, name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    if (min..=max).contains(&n) {
        return Ok(());
    }
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    let msg = if min == max && min == 1 {
        format!("{name}() takes exactly one argument ({n} given)")
    } else if min == max {
        format!("{name}() takes exactly {min} argument{} ({n} given)", plural(min))
    } else if n < min {
        format!("{name}() takes at least {min} argument{} ({n} given)", plural(min))
    } else {
        format!("{name}() takes at most {max} argument{} ({n} given)", plural(max))
    };
    Err(vm.new_error(ExcType::TypeError, msg))
}

/// `NAME() takes no arguments (N given)` unless `args` (after `self`) is empty.
pub(crate) fn no_args(vm: &mut Vm, name: &str, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult<()> {
    crate::call::no_kwargs(vm, name, kwnames)?;
    if args.len() > 1 {
        return Err(vm.new_error(
            ExcType::TypeError,
            format!("{name}() takes no arguments ({} given)", args.len() - 1),
        ));
    }
    Ok(())
}

/// An integer argument (`PyNumber_AsSsize_t`): `'str' object cannot be
/// interpreted as an integer` for non-ints, OverflowError beyond 64 bits.
pub(crate) fn index_arg(vm: &mut Vm, v: &ObjRef) -> PyResult<i64> {
    if let Some(i) = as_i64(v) {
        return Ok(i);
    }
    let t = vm.type_name(v);
    if as_bigint_sign(v).is_some() {
        return Err(vm.new_error(ExcType::OverflowError, "Python int too large to convert to C ssize_t"));
    }
    Err(vm.new_error(ExcType::TypeError, format!("'{t}' object cannot be interpreted as an integer")))
}

/// An argument converted as a C `int` (`_PyLong_AsInt`): `index_arg`'s
/// TypeError for non-ints, OverflowError outside the 32-bit range.
pub(crate) fn c_int_arg(vm: &mut Vm, v: &ObjRef) -> PyResult<i32> {
    let n = if is_int(v) { as_i64(v) } else { Some(index_arg(vm, v)?) };
    n.and_then(|n| i32::try_from(n).ok())
        .ok_or_else(|| vm.new_error(ExcType::OverflowError, "Python int too large to convert to C int"))
}

/// A slice bound (`_PyEval_SliceIndex`): an int, clamped to the i64 range,
/// or `None`.
pub(crate) fn slice_bound(vm: &mut Vm, v: Option<&ObjRef>) -> PyResult<Option<i64>> {
    let Some(v) = v.filter(|v| !v.is(&vm.none)) else { return Ok(None) };
    if let Some(i) = as_i64(v) {
        return Ok(Some(i));
    }
    if is_int(v) {
        return Ok(Some(if as_bigint_sign(v) == Some(false) { i64::MIN } else { i64::MAX }));
    }
    Err(vm
        .new_error(ExcType::TypeError, "slice indices must be integers or None or have an __index__ method"))
}

/// `start`/`end` arguments of `find`, `count`, `index`, `startswith`, …
/// adjusted as CPython's `ADJUST_INDICES` does: negative values count from
/// the end, `end` is clamped to `len`, `start` is not (the range may be
/// empty, `start > end`).
pub(crate) fn start_end(
    vm: &mut Vm,
    start: Option<&ObjRef>,
    end: Option<&ObjRef>,
    len: usize,
) -> PyResult<(usize, usize)> {
    let n = len as i64;
    let s = slice_bound(vm, start)?.map_or(0, |i| if i < 0 { i.saturating_add(n).max(0) } else { i });
    let e = slice_bound(vm, end)?.map_or(n, |i| if i < 0 { i.saturating_add(n).max(0) } else { i.min(n) });
    Ok((s as usize, e as usize))
}
