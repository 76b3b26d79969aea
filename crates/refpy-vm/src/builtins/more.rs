//! More built-in functions (`any`, `all`, `round`, `pow`, `bin`, `hex`,
//! `oct`, `format`, `ascii`) and the constructors of `set`, `frozenset`,
//! `dict` and the lazy iterator types.

use refpy_heap::ObjRef;

use crate::args::{arg_count_tuple, bind, index_arg};
use crate::call::no_kwargs;
use crate::errors::{ExcType, PyResult};
use crate::num::Int;
use crate::objects::float::as_float;
use crate::objects::function::BuiltinFn;
use crate::objects::iterators as it;
use crate::ops::int_of;
use crate::types::Kind;
use crate::Vm;

/// The functions of this file, by name.
pub(super) const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("any", builtin_any),
    ("all", builtin_all),
    ("round", builtin_round),
    ("pow", builtin_pow),
    ("bin", builtin_bin),
    ("hex", builtin_hex),
    ("oct", builtin_oct),
    ("format", crate::pyformat::builtin_format),
    ("ascii", crate::pyformat::builtin_ascii),
];

/// The constructor of the built-in type of kind `kind`, when this file
/// provides it.
pub(super) fn construct(vm: &mut Vm, kind: Kind, args: &[ObjRef], kw: Option<&[ObjRef]>) -> Option<PyResult> {
    Some(match kind {
        Kind::Set => it::construct_set(vm, false, args, kw),
        Kind::FrozenSet => it::construct_set(vm, true, args, kw),
        Kind::Dict => it::construct_dict(vm, args, kw),
        Kind::Enumerate => it::construct_enumerate(vm, args, kw),
        Kind::Zip => it::construct_zip(vm, args, kw),
        Kind::Map => it::construct_map(vm, args, kw),
        Kind::Filter => it::construct_filter(vm, args, kw),
        Kind::Reversed => it::construct_reversed(vm, args, kw),
        _ => return None,
    })
}

fn builtin_any(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    it::any_all(vm, "any", args, kw, true)
}

fn builtin_all(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    it::any_all(vm, "all", args, kw, false)
}

/// `round(number, ndigits=None)` for ints and floats.
fn builtin_round(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let npos = args.len() - kw.map_or(0, <[ObjRef]>::len);
    arg_count_tuple(vm, "round", npos, 1, 2)?;
    let a = bind(vm, "round", args, kw, &["number", "ndigits"])?;
    let Some(x) = &a[0] else {
        return Err(vm.new_error(ExcType::TypeError, "round() missing required argument 'number' (pos 1)"));
    };
    let nd = a[1].as_ref().filter(|n| !n.is(&vm.none));
    if let Some(f) = as_float(x) {
        return match nd {
            None => {
                let i = crate::num::float::round_to_int(f).map_err(|e| vm.num_error(e))?;
                vm.int_from(i)
            }
            Some(n) => {
                let n = index_arg(vm, n)?;
                let r = crate::num::float::round_digits(f, n).map_err(|e| vm.num_error(e))?;
                vm.new_float(r)
            }
        };
    }
    let Some(i) = int_of(x) else {
        let t = vm.type_name(x);
        return Err(vm.new_error(ExcType::TypeError, format!("type {t} doesn't define __round__ method")));
    };
    match nd {
        None => vm.int_from(i),
        Some(n) => {
            let n = index_arg(vm, n)?;
            let r = round_int(&i, n).map_err(|e| vm.num_error(e))?;
            vm.int_from(r)
        }
    }
}

/// `round(i, n)` for an int: unchanged for `n >= 0`, else rounded half to
/// even at the `10**-n` place.
fn round_int(i: &Int, n: i64) -> crate::num::NumResult<Int> {
    if n >= 0 {
        return Ok(i.clone());
    }
    let p = match Int::Small(10).pow(&Int::Small(n.saturating_neg()))? {
        crate::num::int::PowResult::Int(p) => p,
        crate::num::int::PowResult::Float(_) => return Ok(Int::Small(0)),
    };
    let (q, r) = i.divmod(&p)?;
    let twice = r.mul(&Int::Small(2));
    let up = match twice.cmp(&p) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => q.modulo(&Int::Small(2))? == Int::Small(1),
        std::cmp::Ordering::Less => false,
    };
    let q = if up { q.add(&Int::Small(1)) } else { q };
    Ok(q.mul(&p))
}

/// `pow(base, exp, mod=None)`.
fn builtin_pow(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let npos = args.len() - kw.map_or(0, <[ObjRef]>::len);
    arg_count_tuple(vm, "pow", npos, 0, 3)?;
    let a = bind(vm, "pow", args, kw, &["base", "exp", "mod"])?;
    let (Some(base), Some(exp)) = (&a[0], &a[1]) else {
        let (name, pos) = if a[0].is_none() { ("base", 1) } else { ("exp", 2) };
        let msg = format!("pow() missing required argument '{name}' (pos {pos})");
        return Err(vm.new_error(ExcType::TypeError, msg));
    };
    let Some(m) = a[2].as_ref().filter(|m| !m.is(&vm.none)) else {
        return vm.binary_op(base, exp, refpy_compiler::BinaryOp::Power);
    };
    match (int_of(base), int_of(exp), int_of(m)) {
        (Some(b), Some(e), Some(m)) => {
            let r = b.pow_mod(&e, &m).map_err(|e| vm.num_error(e))?;
            vm.int_from(r)
        }
        _ => Err(vm.new_error(
            ExcType::TypeError,
            "pow() 3rd argument not allowed unless all arguments are integers",
        )),
    }
}

/// `bin`, `hex`, `oct`: the integer's digits after a sign and prefix.
fn radix_string(vm: &mut Vm, name: &str, args: &[ObjRef], kw: Option<&[ObjRef]>, radix: u32) -> PyResult {
    no_kwargs(vm, name, kw)?;
    arg_count_tuple(vm, name, args.len(), 1, 1)?;
    let Some(i) = int_of(&args[0]) else {
        let t = vm.type_name(&args[0]);
        return Err(
            vm.new_error(ExcType::TypeError, format!("'{t}' object cannot be interpreted as an integer"))
        );
    };
    let prefix = match radix {
        2 => "0b",
        8 => "0o",
        _ => "0x",
    };
    let sign = if i.is_negative() { "-" } else { "" };
    let digits = i.abs().to_str_radix(radix);
    vm.new_str(&format!("{sign}{prefix}{digits}"))
}

fn builtin_bin(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    radix_string(vm, "bin", args, kw, 2)
}

fn builtin_hex(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    radix_string(vm, "hex", args, kw, 16)
}

fn builtin_oct(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    radix_string(vm, "oct", args, kw, 8)
}
