//! Python `float` operations with CPython 3.11 semantics: `repr`, `float(str)`, floor
//! division and modulo, `**`, `hash`, `round`.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Pow, Signed, Zero};

use super::int::{Int, HASH_MODULUS};
pub use refpy_compiler::pyrepr::{float_repr as repr, push_exponent, shortest_digits};

use super::{numeric_ascii, py_repr_str, NumError, NumResult};

/// `hash(inf)` (`_PyHASH_INF`).
pub const HASH_INF: i64 = 314_159;

/// Decomposes a finite float into `(negative, m, e)` with `|x| == m * 2**e` and
/// `m < 2**53` (m is 0 for zeros).
pub fn decompose(x: f64) -> (bool, u64, i64) {
    let bits = x.to_bits();
    let neg = bits >> 63 == 1;
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    if exp == 0 {
        (neg, frac, -1074)
    } else {
        (neg, frac | (1 << 52), exp - 1075)
    }
}

/// `float(s)`: whitespace, sign, underscores between digits, `inf`/`infinity`/`nan` in any
/// case, non-ASCII decimal digits. Out-of-range values give `±inf` / `±0.0` (no error).
pub fn parse(s: &str) -> NumResult<f64> {
    let invalid = || NumError::value(format!("could not convert string to float: {}", py_repr_str(s)));
    let t = numeric_ascii(s).ok_or_else(invalid)?;
    parse_ascii(&t).ok_or_else(invalid)
}

/// The optional sign of a float literal, the rest, and the value of that
/// rest when it is `inf`, `infinity` or `nan` (any case): the common start
/// of `float()` and `float.fromhex`.
pub fn sign_and_special(t: &str) -> (bool, &str, Option<f64>) {
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let special = if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        Some(f64::INFINITY)
    } else if body.eq_ignore_ascii_case("nan") {
        Some(f64::NAN)
    } else {
        None
    };
    (neg, body, special)
}

/// Parses a trimmed ASCII float literal in Python's `float()` grammar.
fn parse_ascii(t: &str) -> Option<f64> {
    let (neg, body, special) = sign_and_special(t);
    if let Some(v) = special {
        return Some(if neg { -v } else { v });
    }
    let b = body.as_bytes();
    let mut clean = String::with_capacity(b.len() + 1);
    if neg {
        clean.push('-');
    }
    let mut i = 0;
    // Copies a run of digits with single underscores between them; returns digit count.
    let digit_part = |i: &mut usize, clean: &mut String| -> Option<usize> {
        let mut n = 0;
        while *i < b.len() {
            let c = b[*i];
            if c.is_ascii_digit() {
                clean.push(c as char);
                n += 1;
                *i += 1;
            } else if c == b'_' && n > 0 && *i + 1 < b.len() && b[*i + 1].is_ascii_digit() {
                *i += 1;
            } else {
                break;
            }
        }
        Some(n)
    };
    let int_digits = digit_part(&mut i, &mut clean)?;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        clean.push('.');
        i += 1;
        frac_digits = digit_part(&mut i, &mut clean)?;
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        clean.push('e');
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            clean.push(b[i] as char);
            i += 1;
        }
        if digit_part(&mut i, &mut clean)? == 0 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    clean.parse::<f64>().ok()
}

/// `x / y`.
pub fn truediv(x: f64, y: f64) -> NumResult<f64> {
    if y == 0.0 {
        return Err(NumError::zero_div("float division by zero"));
    }
    Ok(x / y)
}

/// Python `divmod` core: `(floor quotient, remainder with the divisor's sign)`; `y != 0`.
fn divmod_core(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let q = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (q, m)
}

/// `x // y`.
pub fn floordiv(x: f64, y: f64) -> NumResult<f64> {
    if y == 0.0 {
        return Err(NumError::zero_div("float floor division by zero"));
    }
    Ok(divmod_core(x, y).0)
}

/// `x % y` (result has the sign of `y`; `-0.0`/`0.0` per CPython).
pub fn modulo(x: f64, y: f64) -> NumResult<f64> {
    if y == 0.0 {
        return Err(NumError::zero_div("float modulo"));
    }
    let mut m = x % y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    Ok(m)
}

/// `divmod(x, y)`.
pub fn divmod(x: f64, y: f64) -> NumResult<(f64, f64)> {
    if y == 0.0 {
        return Err(NumError::zero_div("float divmod()"));
    }
    Ok(divmod_core(x, y))
}

fn is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// `x ** y` with CPython's `float_pow` special cases. A negative base with a non-integral
/// exponent would be a `complex` in CPython: reported as `NumErrorKind::Unsupported`.
pub fn pow(x: f64, y: f64) -> NumResult<f64> {
    if y == 0.0 {
        return Ok(1.0);
    }
    if x.is_nan() {
        return Ok(x);
    }
    if y.is_nan() {
        return Ok(if x == 1.0 { 1.0 } else { y });
    }
    if y.is_infinite() {
        let ax = x.abs();
        return Ok(if ax == 1.0 {
            1.0
        } else if (y > 0.0) == (ax > 1.0) {
            y.abs()
        } else {
            0.0
        });
    }
    if x.is_infinite() {
        let odd = is_odd_integer(y);
        return Ok(if y > 0.0 {
            if odd {
                x
            } else {
                x.abs()
            }
        } else if odd {
            0.0f64.copysign(x)
        } else {
            0.0
        });
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(NumError::zero_div("0.0 cannot be raised to a negative power"));
        }
        return Ok(if is_odd_integer(y) { x } else { 0.0 });
    }
    let mut base = x;
    let mut negate = false;
    if x < 0.0 {
        if y != y.floor() {
            return Err(NumError::new(
                super::NumErrorKind::Unsupported,
                "complex numbers are not supported (negative number raised to a fractional power)",
            ));
        }
        base = -x;
        negate = is_odd_integer(y);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = base.powf(y);
    if r.is_infinite() {
        return Err(NumError::overflow("(34, 'Numerical result out of range')"));
    }
    Ok(if negate { -r } else { r })
}

/// `hash(x)` for every float except NaN (`None`), which CPython 3.11 hashes by object
/// identity: use [`hash_nan_by_id`] with the object's address then.
pub fn hash_non_nan(x: f64) -> Option<i64> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 { HASH_INF } else { -HASH_INF });
    }
    // |x| = m * 2**e, and 2**61 == 1 (mod 2**61 - 1), so 2**e == 2**(e mod 61).
    let (neg, m, e) = decompose(x);
    let h = ((u128::from(m) << e.rem_euclid(61)) % u128::from(HASH_MODULUS)) as i64;
    let h = if neg { -h } else { h };
    Some(if h == -1 { -2 } else { h })
}

/// `hash(x)`; `obj_id` (the float object's address / `id()`) is only used for NaN.
pub fn hash(x: f64, obj_id: usize) -> i64 {
    hash_non_nan(x).unwrap_or_else(|| hash_nan_by_id(obj_id))
}

/// CPython 3.10+ hashes a NaN by its object identity (`_Py_HashPointer`), so distinct NaN
/// objects can share a dict.
pub fn hash_nan_by_id(obj_id: usize) -> i64 {
    super::hash::pointer_hash(obj_id)
}

/// `x.is_integer()`.
pub fn is_integer(x: f64) -> bool {
    x.is_finite() && x.trunc() == x
}

/// `round(x)` with no digits: round-half-even to an int.
pub fn round_to_int(x: f64) -> NumResult<Int> {
    Int::from_f64(x.round_ties_even())
}

/// `round(x, ndigits)`: the float nearest to the exact decimal rounding (half-even) of
/// `x` at `ndigits` places, as CPython's dtoa-based `double_round` computes it.
pub fn round_digits(x: f64, ndigits: i64) -> NumResult<f64> {
    // CPython's NDIGITS_MAX / NDIGITS_MIN: beyond them the result is x / a signed zero.
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || x == 0.0 {
        return Ok(x);
    }
    if ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let (neg, m, e) = decompose(x);
    if e >= 0 && ndigits >= 0 {
        return Ok(x);
    }
    let m = BigInt::from(m);
    let ten = BigInt::from(10u32);
    let (num, den) = if ndigits >= 0 {
        (m * Pow::pow(&ten, ndigits as u64), BigInt::one() << (-e) as u64)
    } else {
        let p10: BigInt = Pow::pow(&ten, (-ndigits) as u64);
        if e >= 0 {
            (m << e as u64, p10)
        } else {
            (m, p10 << (-e) as u64)
        }
    };
    let (mut q, r) = num.div_rem(&den);
    let twice = r << 1u32;
    if twice > den || (twice == den && q.is_odd()) {
        q += 1u32;
    }
    let s = format!("{q}e{}", -ndigits);
    let v: f64 = s.parse().unwrap_or(f64::INFINITY);
    if v.is_infinite() {
        return Err(NumError::overflow("rounded value too large to represent"));
    }
    Ok(if neg { -v } else { v })
}

/// `x.as_integer_ratio()`: the exact fraction in lowest terms, positive denominator.
pub fn as_integer_ratio(x: f64) -> NumResult<(Int, Int)> {
    if x.is_nan() {
        return Err(NumError::value("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(NumError::overflow("cannot convert Infinity to integer ratio"));
    }
    let (neg, m, e) = decompose(x);
    let sign = |v: BigInt| if neg { -v } else { v };
    if m == 0 {
        return Ok((Int::ZERO, Int::ONE));
    }
    if e >= 0 {
        return Ok((Int::from_big(sign(BigInt::from(m) << e as u64)), Int::ONE));
    }
    let tz = i64::from(m.trailing_zeros()).min(-e);
    let num = BigInt::from(m >> tz);
    let den = BigInt::one() << (-e - tz) as u64;
    debug_assert!(!den.is_zero() && den.is_positive());
    Ok((Int::from_big(sign(num)), Int::from_big(den)))
}

#[cfg(test)]
#[path = "tests_float.rs"]
mod tests;
