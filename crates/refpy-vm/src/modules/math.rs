//! The `math` module (CPython's `Modules/mathmodule.c`).
//!
//! Float functions call the platform libm through Rust's `f64` methods, as
//! CPython calls it, so results agree bit for bit; CPython's rules turn a NaN
//! or infinity that libm returns for an ordinary argument into
//! `ValueError: math domain error` or `OverflowError: math range error`.
//! Integer functions work on refpy's bignums; `fsum` and `hypot`/`dist` use
//! CPython's exactly rounded algorithms. Arguments are ints, bools and
//! floats: `__float__`, `__index__` and `__floor__` of classes are not
//! consulted, so anything else raises CPython's `TypeError` for its type.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};
use refpy_compiler::BinaryOp;
use refpy_heap::ObjRef;

use crate::args::{arg_count_tuple, bind};
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyErr, PyResult};
use crate::num::{Int, NumError, NumResult};
use crate::objects::float::as_float;
use crate::ops::int_of;
use crate::Vm;

/// Creates the `math` module.
pub fn build(vm: &mut Vm) -> PyResult {
    let m = vm.new_module("math")?;
    vm.add_functions(
        &m,
        &[
            ("sqrt", math_sqrt),
            ("exp", math_exp),
            ("sin", math_sin),
            ("cos", math_cos),
            ("tan", math_tan),
            ("asin", math_asin),
            ("acos", math_acos),
            ("atan", math_atan),
            ("fabs", math_fabs),
            ("pow", math_pow),
            ("atan2", math_atan2),
            ("copysign", math_copysign),
            ("fmod", math_fmod),
            ("log", math_log),
            ("log2", math_log2),
            ("log10", math_log10),
            ("hypot", math_hypot),
            ("dist", math_dist),
            ("floor", math_floor),
            ("ceil", math_ceil),
            ("trunc", math_trunc),
            ("isfinite", math_isfinite),
            ("isinf", math_isinf),
            ("isnan", math_isnan),
            ("isclose", math_isclose),
            ("degrees", math_degrees),
            ("radians", math_radians),
            ("modf", math_modf),
            ("frexp", math_frexp),
            ("ldexp", math_ldexp),
            ("fsum", math_fsum),
            ("prod", math_prod),
            ("gcd", math_gcd),
            ("lcm", math_lcm),
            ("factorial", math_factorial),
            ("comb", math_comb),
            ("perm", math_perm),
            ("isqrt", math_isqrt),
        ],
    )?;
    let constants = [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ];
    for (name, value) in constants {
        let v = vm.new_float(value)?;
        vm.set_module_attr(&m, name, v)?;
    }
    Ok(m)
}

// ---- arguments and errors ----

/// `ValueError: math domain error` (libm's `EDOM`).
fn domain_error(vm: &mut Vm) -> PyErr {
    vm.new_error(ExcType::ValueError, "math domain error")
}

/// `OverflowError: math range error` (libm's `ERANGE`).
fn range_error(vm: &mut Vm) -> PyErr {
    vm.new_error(ExcType::OverflowError, "math range error")
}

/// `PyFloat_AsDouble` for the types refpy has: a float's value, an int's
/// correctly rounded value (`int too large to convert to float` beyond it).
fn float_arg(vm: &mut Vm, v: &ObjRef) -> PyResult<f64> {
    if let Some(f) = as_float(v) {
        return Ok(f);
    }
    match int_of(v) {
        Some(i) => i.to_f64().map_err(|e| vm.num_error(e)),
        None => {
            let t = vm.type_name(v);
            Err(vm.new_error(ExcType::TypeError, format!("must be real number, not {t}")))
        }
    }
}

/// `PyNumber_Index` for the types refpy has: an int (or bool) argument.
fn int_arg(vm: &mut Vm, v: &ObjRef) -> PyResult<Int> {
    int_of(v).ok_or_else(|| {
        let t = vm.type_name(v);
        vm.new_error(ExcType::TypeError, format!("'{t}' object cannot be interpreted as an integer"))
    })
}

/// The argument of a one-argument (`METH_O`) function called `qualname`.
fn one_arg<'a>(
    vm: &mut Vm,
    qualname: &str,
    args: &'a [ObjRef],
    kw: Option<&[ObjRef]>,
) -> PyResult<&'a ObjRef> {
    no_kwargs(vm, qualname, kw)?;
    arg_count_tuple(vm, qualname, args.len(), 1, 1)?;
    Ok(&args[0])
}

/// The arguments of a two-argument function called `qualname`
/// (`_PyArg_CheckPositional`: `pow expected 2 arguments, got 1`).
fn two_args<'a>(
    vm: &mut Vm,
    qualname: &str,
    args: &'a [ObjRef],
    kw: Option<&[ObjRef]>,
) -> PyResult<(&'a ObjRef, &'a ObjRef)> {
    no_kwargs(vm, qualname, kw)?;
    if let [a, b] = args {
        return Ok((a, b));
    }
    let name = qualname.strip_prefix("math.").unwrap_or(qualname);
    Err(vm.new_error(ExcType::TypeError, format!("{name} expected 2 arguments, got {}", args.len())))
}

/// The float arguments of a two-argument function.
fn two_floats(vm: &mut Vm, qualname: &str, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult<(f64, f64)> {
    let (a, b) = two_args(vm, qualname, args, kw)?;
    Ok((float_arg(vm, a)?, float_arg(vm, b)?))
}

/// CPython's `is_error` check after a libm call: a NaN from a non-NaN
/// argument is a domain error; an infinity from a finite one is a range
/// error when the function `can_overflow`, else a domain error (log(0)).
fn checked(vm: &mut Vm, x: f64, r: f64, can_overflow: bool) -> PyResult<f64> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range_error(vm) } else { domain_error(vm) });
    }
    Ok(r)
}

// ---- functions of one float ----

/// `math_1`: the float `f(x)` of a one-argument libm function, checked.
fn math_1(
    vm: &mut Vm,
    qualname: &str,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult {
    let arg = one_arg(vm, qualname, args, kw)?;
    let x = float_arg(vm, arg)?;
    let r = checked(vm, x, f(x), can_overflow)?;
    vm.new_float(r)
}

/// Defines built-ins that apply one libm function to one float (CPython's
/// `FUNC1`): name, qualified name, function, whether it can overflow.
macro_rules! libm_functions {
    ($($fn_name:ident, $qualname:literal, $f:expr, $can_overflow:literal;)*) => {
        $(
            fn $fn_name(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
                math_1(vm, $qualname, args, kw, $f, $can_overflow)
            }
        )*
    };
}

libm_functions! {
    math_sqrt, "math.sqrt", f64::sqrt, false;
    math_exp, "math.exp", f64::exp, true;
    math_sin, "math.sin", f64::sin, false;
    math_cos, "math.cos", f64::cos, false;
    math_tan, "math.tan", f64::tan, false;
    math_asin, "math.asin", f64::asin, false;
    math_acos, "math.acos", f64::acos, false;
    math_atan, "math.atan", f64::atan, false;
    math_fabs, "math.fabs", f64::abs, false;
}

/// A float predicate of one float argument as a bool.
fn float_predicate(
    vm: &mut Vm,
    qualname: &str,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
    pred: fn(f64) -> bool,
) -> PyResult {
    let arg = one_arg(vm, qualname, args, kw)?;
    let x = float_arg(vm, arg)?;
    Ok(vm.new_bool(pred(x)))
}

fn math_isfinite(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    float_predicate(vm, "math.isfinite", args, kw, f64::is_finite)
}

fn math_isinf(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    float_predicate(vm, "math.isinf", args, kw, f64::is_infinite)
}

fn math_isnan(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    float_predicate(vm, "math.isnan", args, kw, f64::is_nan)
}

/// `x` times a constant factor, unchecked (CPython's `degrees`, `radians`).
fn scaled(vm: &mut Vm, qualname: &str, args: &[ObjRef], kw: Option<&[ObjRef]>, factor: f64) -> PyResult {
    let arg = one_arg(vm, qualname, args, kw)?;
    let x = float_arg(vm, arg)?;
    vm.new_float(x * factor)
}

fn math_degrees(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    scaled(vm, "math.degrees", args, kw, 180.0 / std::f64::consts::PI)
}

fn math_radians(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    scaled(vm, "math.radians", args, kw, std::f64::consts::PI / 180.0)
}

// ---- functions of two floats ----

/// `math.pow(x, y)`: C's `pow`; for finite arguments a NaN result is a
/// domain error, an infinite one a domain error at `x == 0`, else a range error.
fn math_pow(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (x, y) = two_floats(vm, "math.pow", args, kw)?;
    let r = x.powf(y);
    if x.is_finite() && y.is_finite() {
        if r.is_nan() || (r.is_infinite() && x == 0.0) {
            return Err(domain_error(vm));
        }
        if r.is_infinite() {
            return Err(range_error(vm));
        }
    }
    vm.new_float(r)
}

/// `math.atan2(y, x)`.
fn math_atan2(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (y, x) = two_floats(vm, "math.atan2", args, kw)?;
    vm.new_float(y.atan2(x))
}

/// `math.copysign(x, y)`.
fn math_copysign(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (x, y) = two_floats(vm, "math.copysign", args, kw)?;
    vm.new_float(x.copysign(y))
}

/// `math.fmod(x, y)`: C's `fmod` (the result has the sign of `x`).
fn math_fmod(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (x, y) = two_floats(vm, "math.fmod", args, kw)?;
    if y.is_infinite() && x.is_finite() {
        return vm.new_float(x);
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    vm.new_float(r)
}

// ---- logarithms ----

/// `loghelper`: `func(x)` for a float or an int. A positive int too large
/// for a float is taken as `m * 2**e`, giving `func(m) + func(2.0) * e`.
fn log_of(vm: &mut Vm, x: &ObjRef, func: fn(f64) -> f64) -> PyResult<f64> {
    let Some(i) = int_of(x) else {
        let f = float_arg(vm, x)?;
        return checked(vm, f, func(f), false);
    };
    if i.is_negative() || i.is_zero() {
        return Err(domain_error(vm));
    }
    Ok(match i.to_f64() {
        Ok(f) => func(f),
        Err(_) => {
            let (m, e) = int_frexp(&i);
            func(m) + func(2.0) * e as f64
        }
    })
}

/// `_PyLong_Frexp` for a positive int beyond the float range: `(m, e)`
/// with `0.5 <= m < 1` and `i ≈ m * 2**e`, `m` correctly rounded.
fn int_frexp(i: &Int) -> (f64, u64) {
    let bits = i.bit_length();
    let mag = i.big().magnitude().clone();
    let shift = bits.saturating_sub(55);
    // 55 bits: 53 kept, one rounding bit, one sticky bit for all the rest.
    let sticky = mag.trailing_zeros().is_some_and(|z| z < shift);
    let top = (mag >> shift).to_u64().unwrap_or(0) | u64::from(sticky);
    let m = ldexp(top as f64, -55);
    if m == 1.0 {
        (0.5, bits + 1)
    } else {
        (m, bits)
    }
}

/// `math.log(x[, base])`.
fn math_log(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "log", kw)?;
    if !(1..=2).contains(&args.len()) {
        return Err(vm.new_error(ExcType::TypeError, "math.log requires 1 to 2 arguments"));
    }
    let num = log_of(vm, &args[0], f64::ln)?;
    let Some(base) = args.get(1) else { return vm.new_float(num) };
    let den = log_of(vm, base, f64::ln)?;
    if den == 0.0 {
        return Err(vm.new_error(ExcType::ZeroDivisionError, "float division by zero"));
    }
    vm.new_float(num / den)
}

fn math_log2(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let arg = one_arg(vm, "math.log2", args, kw)?;
    let r = log_of(vm, arg, f64::log2)?;
    vm.new_float(r)
}

fn math_log10(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let arg = one_arg(vm, "math.log10", args, kw)?;
    let r = log_of(vm, arg, f64::log10)?;
    vm.new_float(r)
}

// ---- norms ----

/// `math.hypot(*coordinates)`.
fn math_hypot(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "math.hypot", kw)?;
    let coords = args.iter().map(|a| float_arg(vm, a).map(f64::abs)).collect::<PyResult<Vec<_>>>()?;
    vm.new_float(vector_norm(&coords))
}

/// `math.dist(p, q)`: the Euclidean distance of two points given as iterables.
fn math_dist(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (p, q) = two_args(vm, "math.dist", args, kw)?;
    let p = vm.sequence_items(p)?;
    let q = vm.sequence_items(q)?;
    if p.len() != q.len() {
        return Err(vm.new_error(ExcType::ValueError, "both points must have the same number of dimensions"));
    }
    let diffs = p
        .iter()
        .zip(&q)
        .map(|(a, b)| Ok((float_arg(vm, a)? - float_arg(vm, b)?).abs()))
        .collect::<PyResult<Vec<_>>>()?;
    vm.new_float(vector_norm(&diffs))
}

/// CPython's `vector_norm`: the Euclidean norm of non-negative values,
/// correctly rounded in almost all cases. The values are scaled by a power
/// of two below 1, their squares summed exactly as double-length numbers,
/// and the square root refined by one differential correction.
fn vector_norm(v: &[f64]) -> f64 {
    let max = v.iter().fold(0.0, |m: f64, &x| if x > m { x } else { m });
    if max.is_infinite() {
        return max;
    }
    if v.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    if max == 0.0 || v.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    if max_e < -1023 {
        // 2**-max_e would overflow: make the subnormals normal first.
        let scaled: Vec<f64> = v.iter().map(|x| x / f64::MIN_POSITIVE).collect();
        return f64::MIN_POSITIVE * vector_norm(&scaled);
    }
    let scale = ldexp(1.0, -max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0, 0.0, 0.0);
    // Adds an exact square to the sum; returns the sum minus 1 so far.
    let mut add = |(hi, lo): (f64, f64)| {
        let (sum, err) = fast_two_sum(csum, hi);
        csum = sum;
        frac1 += lo;
        frac2 += err;
        csum - 1.0 + (frac1 + frac2)
    };
    let mut squares = 0.0;
    for &x in v {
        let x = x * scale;
        squares = add(dekker_mul(x, x));
    }
    let h = squares.sqrt();
    let residual = add(dekker_mul(-h, h));
    (h + residual / (2.0 * h)) / scale
}

/// Dekker's split of `x` into two halves of 26 significant bits.
fn dekker_split(x: f64) -> (f64, f64) {
    let t = x * 134_217_729.0; // 2**27 + 1
    let hi = t - (t - x);
    (hi, x - hi)
}

/// Dekker's exact product: `hi + lo == x * y`.
fn dekker_mul(x: f64, y: f64) -> (f64, f64) {
    let (xh, xl) = dekker_split(x);
    let (yh, yl) = dekker_split(y);
    let p = xh * yh;
    let q = xh * yl + xl * yh;
    let z = p + q;
    (z, p - z + q + xl * yl)
}

/// Exact sum `hi + lo == a + b` for `|a| >= |b|`.
fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let hi = a + b;
    (hi, b - (hi - a))
}

// ---- rounding to ints ----

/// `math.floor`/`ceil`/`trunc` of an int or a float: an int is returned
/// as an int, a float rounded by `round` to an int.
fn round_to_int(vm: &mut Vm, x: &ObjRef, round: fn(f64) -> f64) -> PyResult {
    if let Some(i) = int_of(x) {
        return vm.int_from(i);
    }
    let f = float_arg(vm, x)?;
    let i = Int::from_f64(round(f)).map_err(|e| vm.num_error(e))?;
    vm.int_from(i)
}

fn math_floor(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let arg = one_arg(vm, "math.floor", args, kw)?;
    round_to_int(vm, arg, f64::floor)
}

fn math_ceil(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let arg = one_arg(vm, "math.ceil", args, kw)?;
    round_to_int(vm, arg, f64::ceil)
}

/// `math.trunc(x)`: `x.__trunc__()`, which only ints and floats have here.
fn math_trunc(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let x = one_arg(vm, "math.trunc", args, kw)?;
    if as_float(x).is_none() && int_of(x).is_none() {
        let t = vm.type_name(x);
        return Err(vm.new_error(ExcType::TypeError, format!("type {t} doesn't define __trunc__ method")));
    }
    round_to_int(vm, x, f64::trunc)
}

// ---- float decomposition ----

/// C's `frexp`: `(m, e)` with `x == m * 2**e` and `0.5 <= |m| < 1`; zeros,
/// infinities and NaN give `(x, 0)`.
fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (negative, m, e) = crate::num::float::decompose(x);
    let width = 64 - i64::from(m.leading_zeros());
    let frac = ldexp(m as f64, -width);
    (if negative { -frac } else { frac }, e + width)
}

/// C's `ldexp`: `x * 2**n` rounded once. Large scalings go in steps that
/// stay in the normal range, so only the last multiplication rounds.
fn ldexp(mut x: f64, mut n: i64) -> f64 {
    let pow2 = |k: i64| f64::from_bits(((k + 1023) as u64) << 52);
    for _ in 0..2 {
        if n > 1023 {
            x *= pow2(1023);
            n -= 1023;
        } else if n < -1022 {
            // 2**-969: keeps a subnormal result's rounding for the last step.
            x *= pow2(-969);
            n += 969;
        }
    }
    x * pow2(n.clamp(-1022, 1023))
}

/// `math.frexp(x)`.
fn math_frexp(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let arg = one_arg(vm, "math.frexp", args, kw)?;
    let x = float_arg(vm, arg)?;
    let (m, e) = frexp(x);
    let items = vec![vm.new_float(m)?, vm.new_int(e)?];
    vm.new_tuple(items)
}

/// `math.ldexp(x, i)`.
fn math_ldexp(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (x, i) = two_args(vm, "math.ldexp", args, kw)?;
    let x = float_arg(vm, x)?;
    let Some(i) = int_of(i) else {
        return Err(vm.new_error(ExcType::TypeError, "Expected an int as second argument to ldexp."));
    };
    if x == 0.0 || !x.is_finite() {
        return vm.new_float(x);
    }
    // Past ±2200 every finite x overflows or underflows to zero anyway.
    let n = i.to_i64().unwrap_or(if i.is_negative() { i64::MIN } else { i64::MAX });
    let r = ldexp(x, n.clamp(-2200, 2200));
    if r.is_infinite() {
        return Err(range_error(vm));
    }
    vm.new_float(r)
}

/// `math.modf(x)`: `(fractional part, integer part)`, both with the sign of `x`.
fn math_modf(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let arg = one_arg(vm, "math.modf", args, kw)?;
    let x = float_arg(vm, arg)?;
    let (frac, int) =
        if x.is_infinite() { (0.0f64.copysign(x), x) } else { ((x - x.trunc()).copysign(x), x.trunc()) };
    let items = vec![vm.new_float(frac)?, vm.new_float(int)?];
    vm.new_tuple(items)
}

// ---- isclose ----

/// `math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
fn math_isclose(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let npos = args.len() - kw.map_or(0, <[ObjRef]>::len);
    if npos > 2 {
        let msg = format!("isclose() takes exactly 2 positional arguments ({npos} given)");
        return Err(vm.new_error(ExcType::TypeError, msg));
    }
    let bound = bind(vm, "isclose", args, kw, &["a", "b", "rel_tol", "abs_tol"])?;
    let mut values = [0.0, 0.0, 1e-9, 0.0];
    for (i, (slot, value)) in bound.iter().zip(values.iter_mut()).enumerate() {
        match slot {
            Some(v) => *value = float_arg(vm, v)?,
            None if i < 2 => {
                let msg = format!("isclose() missing required argument '{}' (pos {})", ["a", "b"][i], i + 1);
                return Err(vm.new_error(ExcType::TypeError, msg));
            }
            None => {}
        }
    }
    let [a, b, rel_tol, abs_tol] = values;
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.new_error(ExcType::ValueError, "tolerances must be non-negative"));
    }
    Ok(vm.new_bool(is_close(a, b, rel_tol, abs_tol)))
}

/// Equal, or (both finite and) within `rel_tol` of the larger magnitude or
/// within `abs_tol`.
fn is_close(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> bool {
    if a == b {
        return true;
    }
    if a.is_infinite() || b.is_infinite() {
        return false;
    }
    let diff = (b - a).abs();
    diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol
}

// ---- sums and products ----

/// `math.fsum(iterable)`: the correctly rounded sum of floats.
fn math_fsum(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let iterable = one_arg(vm, "math.fsum", args, kw)?;
    let it = vm.get_iter(iterable)?;
    let mut sum = ExactSum::default();
    while let Some(item) = vm.iter_next(&it)? {
        let x = float_arg(vm, &item)?;
        sum.add(x).map_err(|e| vm.num_error(e))?;
    }
    let r = sum.total().map_err(|e| vm.num_error(e))?;
    vm.new_float(r)
}

/// Shewchuk's exact summation as CPython's `fsum` does it: the running sum
/// is a list of non-overlapping partials, smallest first; infinities and
/// NaNs are summed apart.
#[derive(Default)]
struct ExactSum {
    partials: Vec<f64>,
    special_sum: f64,
    inf_sum: f64,
}

impl ExactSum {
    /// Adds `x` exactly; a finite `x` overflowing the partials is an error.
    fn add(&mut self, x: f64) -> NumResult<()> {
        let mut x = x;
        let original = x;
        let mut kept = 0;
        for i in 0..self.partials.len() {
            let mut y = self.partials[i];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let (hi, lo) = fast_two_sum(x, y);
            if lo != 0.0 {
                self.partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        self.partials.truncate(kept);
        if x == 0.0 {
            return Ok(());
        }
        if x.is_finite() {
            self.partials.push(x);
            return Ok(());
        }
        if original.is_finite() {
            return Err(NumError::overflow("intermediate overflow in fsum"));
        }
        if original.is_infinite() {
            self.inf_sum += original;
        }
        self.special_sum += original;
        self.partials.clear();
        Ok(())
    }

    /// The sum rounded once, half to even across partials.
    fn total(&self) -> NumResult<f64> {
        if self.special_sum != 0.0 {
            if self.inf_sum.is_nan() {
                return Err(NumError::value("-inf + inf in fsum"));
            }
            return Ok(self.special_sum);
        }
        let p = &self.partials;
        let Some(mut n) = p.len().checked_sub(1) else { return Ok(0.0) };
        let mut hi = p[n];
        let mut lo = 0.0;
        // Add from the largest down while the sum stays exact.
        while n > 0 {
            n -= 1;
            (hi, lo) = fast_two_sum(hi, p[n]);
            if lo != 0.0 {
                break;
            }
        }
        // A half-way `lo` is decided by the sign of the next partial.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
        Ok(hi)
    }
}

/// `math.prod(iterable, /, *, start=1)`: `start` times every item, with `*`.
fn math_prod(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let npos = args.len() - kw.map_or(0, <[ObjRef]>::len);
    if npos != 1 {
        let msg = format!("prod() takes exactly 1 positional argument ({npos} given)");
        return Err(vm.new_error(ExcType::TypeError, msg));
    }
    let start = bind(vm, "prod", &args[1..], kw, &["start"])?;
    let mut acc = match &start[0] {
        Some(s) => s.clone(),
        None => vm.new_int(1)?,
    };
    let it = vm.get_iter(&args[0])?;
    while let Some(item) = vm.iter_next(&it)? {
        acc = vm.binary_op(&acc, &item, BinaryOp::Multiply)?;
    }
    Ok(acc)
}

// ---- integer functions ----

/// `math.gcd(*integers)`: 0 for no arguments.
fn math_gcd(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "math.gcd", kw)?;
    let mut g = BigInt::zero();
    for a in args {
        g = g.gcd(&int_arg(vm, a)?.big());
    }
    vm.new_bigint(g)
}

/// `math.lcm(*integers)`: 1 for no arguments.
fn math_lcm(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "math.lcm", kw)?;
    let mut l = BigInt::one();
    for a in args {
        l = l.lcm(&int_arg(vm, a)?.big());
    }
    vm.new_bigint(l)
}

/// `base * (base + 1) * … * (base + len - 1)` (1 when `len` is 0), split
/// in halves so that big multiplications get operands of similar size.
fn rising_product(base: &BigInt, len: u64) -> BigInt {
    if len <= 16 {
        return (0..len).fold(BigInt::one(), |acc, i| acc * (base + i));
    }
    let half = len / 2;
    rising_product(base, half) * rising_product(&(base + half), len - half)
}

/// `math.factorial(n)`.
fn math_factorial(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let n = one_arg(vm, "math.factorial", args, kw)?;
    factorial(vm, n)
}

/// `n!` for an int object `n` (`factorial()` also serves `perm(n)`).
fn factorial(vm: &mut Vm, n: &ObjRef) -> PyResult {
    let n = int_arg(vm, n)?;
    if n.is_negative() {
        return Err(vm.new_error(ExcType::ValueError, "factorial() not defined for negative values"));
    }
    let Some(n) = n.to_i64() else {
        let msg = format!("factorial() argument should not exceed {}", i64::MAX);
        return Err(vm.new_error(ExcType::OverflowError, msg));
    };
    vm.new_bigint(rising_product(&BigInt::one(), n as u64))
}

/// `n` and `k` of `comb`/`perm`: ints, neither negative.
fn n_and_k(vm: &mut Vm, n: &ObjRef, k: &ObjRef) -> PyResult<(BigInt, BigInt)> {
    let (n, k) = (int_arg(vm, n)?, int_arg(vm, k)?);
    for (name, v) in [("n", &n), ("k", &k)] {
        if v.is_negative() {
            return Err(vm.new_error(ExcType::ValueError, format!("{name} must be a non-negative integer")));
        }
    }
    Ok((n.to_bigint(), k.to_bigint()))
}

/// A count of factors that must fit CPython's `long long`.
fn factor_count(vm: &mut Vm, k: &BigInt, what: &str) -> PyResult<u64> {
    match k.to_i64() {
        Some(k) => Ok(k as u64),
        None => Err(vm.new_error(ExcType::OverflowError, format!("{what} must not exceed {}", i64::MAX))),
    }
}

/// `math.comb(n, k)`: `n! / (k! * (n - k)!)`, 0 when `k > n`.
fn math_comb(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (n, k) = two_args(vm, "math.comb", args, kw)?;
    let (n, k) = n_and_k(vm, n, k)?;
    if k > n {
        return vm.new_int(0);
    }
    let k = factor_count(vm, &k.clone().min(&n - &k), "min(n - k, k)")?;
    let r = rising_product(&(n - k + 1u32), k) / rising_product(&BigInt::one(), k);
    vm.new_bigint(r)
}

/// `math.perm(n, k=None)`: `n! / (n - k)!`, 0 when `k > n`; `n!` without `k`.
fn math_perm(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "math.perm", kw)?;
    arg_count(vm, "perm", args, 1, 2)?;
    let Some(k) = args.get(1).filter(|k| !k.is(&vm.none)) else {
        return factorial(vm, &args[0]);
    };
    let (n, k) = n_and_k(vm, &args[0], k)?;
    if k > n {
        return vm.new_int(0);
    }
    let k = factor_count(vm, &k, "k")?;
    vm.new_bigint(rising_product(&(n - k + 1u32), k))
}

/// `math.isqrt(n)`: the floor of the square root of an int.
fn math_isqrt(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let arg = one_arg(vm, "math.isqrt", args, kw)?;
    let n = int_arg(vm, arg)?;
    if n.is_negative() {
        return Err(vm.new_error(ExcType::ValueError, "isqrt() argument must be nonnegative"));
    }
    vm.new_bigint(n.to_bigint().sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ldexp_rounds_once() {
        assert_eq!(ldexp(3.0, -1075), 2.0 * f64::from_bits(1));
        assert_eq!(ldexp(1.0, 1023), f64::from_bits(0x7FE0_0000_0000_0000));
        assert_eq!(ldexp(0.5, 1025), f64::INFINITY);
        assert_eq!(ldexp(f64::MAX, -2098), f64::from_bits(1));
        assert_eq!(ldexp(1.0, -1080), 0.0);
    }

    #[test]
    fn frexp_normal_and_subnormal() {
        assert_eq!(frexp(8.0), (0.5, 4));
        assert_eq!(frexp(-3.0), (-0.75, 2));
        assert_eq!(frexp(f64::from_bits(1)), (0.5, -1073));
    }

    #[test]
    fn exact_sum_is_correctly_rounded() {
        let mut s = ExactSum::default();
        for x in [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50] {
            s.add(x).expect("finite");
        }
        assert_eq!(s.total(), Ok(1e-100));
        let mut t = ExactSum::default();
        t.add(1e308).expect("finite");
        assert!(t.add(1e308).is_err());
    }

    #[test]
    fn int_frexp_of_a_power_of_two() {
        let big = Int::from_big(BigInt::one() << 2000u32);
        assert_eq!(int_frexp(&big), (0.5, 2001));
    }
}
