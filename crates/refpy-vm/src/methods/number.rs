//! Methods and data attributes of `int` (and `bool`) and `float`, and the
//! class methods `int.from_bytes` and `float.fromhex`.
//!
//! The data attributes (`real`, `imag`, `numerator`, `denominator`) are
//! getset descriptors in CPython; here [`data_attr`] answers them when the
//! attribute lookup of a number finds no method.

use num_bigint::{BigInt, BigUint, Sign};
use refpy_heap::ObjRef;

use super::{self_arg, Method};
use crate::args::{arg_count_tuple, bind_clinic, index_arg, no_args};
use crate::call::no_kwargs;
use crate::errors::{ExcType, PyResult};
use crate::num::{Int, NumError, NumResult};
use crate::objects::float::as_float;
use crate::objects::int::is_int;
use crate::objects::str::as_str;
use crate::ops::int_of;
use crate::types::{as_type, Kind};
use crate::Vm;

pub(super) const INT_METHODS: &[Method] = &[
    ("bit_length", int_bit_length),
    ("bit_count", int_bit_count),
    ("conjugate", int_conjugate),
    ("as_integer_ratio", int_as_integer_ratio),
    ("to_bytes", int_to_bytes),
    ("from_bytes", int_from_bytes),
];

/// `int.from_bytes`, bound to the type when looked up on it.
pub(super) const INT_CLASS_METHODS: &[Method] = &[("from_bytes", int_from_bytes)];

pub(super) const FLOAT_METHODS: &[Method] = &[
    ("is_integer", float_is_integer),
    ("as_integer_ratio", float_as_integer_ratio),
    ("conjugate", float_conjugate),
    ("hex", float_hex),
    ("fromhex", float_fromhex),
];

/// `float.fromhex`, bound to the type when looked up on it.
pub(super) const FLOAT_CLASS_METHODS: &[Method] = &[("fromhex", float_fromhex)];

/// The data attributes of ints and bools, for `dir()`.
const INT_DATA_ATTRS: &[&str] = &["real", "imag", "numerator", "denominator"];

/// The data attributes of floats, for `dir()`.
const FLOAT_DATA_ATTRS: &[&str] = &["real", "imag"];

/// The names of the data attributes of built-in kind `kind`.
pub(super) fn data_attr_names(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Int | Kind::Bool => INT_DATA_ATTRS,
        Kind::Float => FLOAT_DATA_ATTRS,
        _ => &[],
    }
}

/// `x.real`, `x.imag`, `x.numerator`, `x.denominator` of an int, bool or
/// float (or an instance of a subclass); `None` for any other attribute.
pub(super) fn data_attr(vm: &mut Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    if let Some(i) = int_of(obj) {
        return match name {
            "real" | "numerator" => exact_int(vm, obj, i).map(Some),
            "imag" => vm.new_int(0).map(Some),
            "denominator" => vm.new_int(1).map(Some),
            _ => Ok(None),
        };
    }
    if let Some(f) = as_float(obj) {
        return match name {
            "real" => exact_float(vm, obj, f).map(Some),
            "imag" => vm.new_float(0.0).map(Some),
            _ => Ok(None),
        };
    }
    Ok(None)
}

/// `obj` as an exact int (`int(obj)` for an int): itself when it is one,
/// else a new int of value `i` (from a bool or an instance of a subclass).
fn exact_int(vm: &mut Vm, obj: &ObjRef, i: Int) -> PyResult {
    if vm.is_exact(obj, Kind::Int) {
        return Ok(obj.clone());
    }
    vm.int_from(i)
}

/// `obj` as an exact float: itself when it is one, else a new float.
fn exact_float(vm: &mut Vm, obj: &ObjRef, f: f64) -> PyResult {
    if vm.is_exact(obj, Kind::Float) {
        return Ok(obj.clone());
    }
    vm.new_float(f)
}

/// The result of a class method of `cls` (`args[0]`: the type, or an
/// instance when called through one) that computed `value`: `value` itself
/// for `exact`, else `cls(value)`, as CPython builds a subclass's result.
fn from_class(vm: &mut Vm, cls: &ObjRef, exact: &ObjRef, value: ObjRef) -> PyResult {
    let cls = if as_type(cls).is_some() { cls.clone() } else { cls.ob_type() };
    if cls.is(exact) {
        return Ok(value);
    }
    vm.call(&cls, &[value], None)
}

fn int_self(vm: &mut Vm, args: &[ObjRef], name: &str) -> PyResult<Int> {
    let ok = args.first().and_then(int_of);
    let v = self_arg(vm, args, "int", name, |_| ok.as_ref())?;
    Ok(v.clone())
}

fn int_bit_length(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let i = int_self(vm, args, "bit_length")?;
    no_args(vm, "int.bit_length", args, kw)?;
    vm.new_int(i.bit_length() as i64)
}

/// `x.bit_count()`: the number of ones in the binary form of `abs(x)`.
fn int_bit_count(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let i = int_self(vm, args, "bit_count")?;
    no_args(vm, "int.bit_count", args, kw)?;
    let n = match &i {
        Int::Small(v) => u64::from(v.unsigned_abs().count_ones()),
        Int::Big(b) => b.magnitude().count_ones(),
    };
    vm.new_int(n as i64)
}

fn int_conjugate(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let i = int_self(vm, args, "conjugate")?;
    no_args(vm, "int.conjugate", args, kw)?;
    exact_int(vm, &args[0], i)
}

/// `x.as_integer_ratio()`: `(int(x), 1)`.
fn int_as_integer_ratio(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let i = int_self(vm, args, "as_integer_ratio")?;
    no_args(vm, "int.as_integer_ratio", args, kw)?;
    let (n, d) = (exact_int(vm, &args[0], i)?, vm.new_int(1)?);
    vm.new_tuple(vec![n, d])
}

/// The `byteorder` argument of `to_bytes`/`from_bytes`: true for `'little'`.
fn little_endian(vm: &mut Vm, fname: &str, v: Option<&ObjRef>) -> PyResult<bool> {
    let Some(v) = v else { return Ok(false) };
    match as_str(v) {
        Some("little") => Ok(true),
        Some("big") => Ok(false),
        Some(_) => Err(vm.new_error(ExcType::ValueError, "byteorder must be either 'little' or 'big'")),
        None => {
            let t = vm.type_name(v);
            Err(vm.new_error(
                ExcType::TypeError,
                format!("{fname}() argument 'byteorder' must be str, not {t}"),
            ))
        }
    }
}

/// The keyword-only `signed` argument: its truth value, false when omitted.
fn signed_arg(vm: &mut Vm, v: Option<&ObjRef>) -> PyResult<bool> {
    v.map_or(Ok(false), |v| vm.is_true(v))
}

/// `x.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn int_to_bytes(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let i = int_self(vm, args, "to_bytes")?;
    let a = bind_clinic(vm, "to_bytes", &args[1..], kw, &["length", "byteorder", "signed"], 2, 0)?;
    let length = match &a[0] {
        Some(v) => index_arg(vm, v)?,
        None => 1,
    };
    let little = little_endian(vm, "to_bytes", a[1].as_ref())?;
    let Ok(length) = usize::try_from(length) else {
        return Err(vm.new_error(ExcType::ValueError, "length argument must be non-negative"));
    };
    let signed = signed_arg(vm, a[2].as_ref())?;
    let mut out = Vec::new();
    if length > isize::MAX as usize - 33 || out.try_reserve_exact(length).is_err() {
        return Err(vm.new_error_noargs(ExcType::MemoryError));
    }
    twos_complement_le(&i.big(), signed, length, &mut out).map_err(|e| vm.num_error(e))?;
    if !little {
        out.reverse();
    }
    vm.new_bytes(&out)
}

/// Appends `v` to `out` as `length` little-endian bytes, in two's
/// complement when `signed` (`_PyLong_AsByteArray`'s errors otherwise).
fn twos_complement_le(v: &BigInt, signed: bool, length: usize, out: &mut Vec<u8>) -> NumResult<()> {
    if v.sign() == Sign::Minus && !signed {
        return Err(NumError::overflow("can't convert negative int to unsigned"));
    }
    let minimal = match v.sign() {
        Sign::NoSign => Vec::new(),
        _ if signed => v.to_signed_bytes_le(),
        _ => v.magnitude().to_bytes_le(),
    };
    if minimal.len() > length {
        return Err(NumError::overflow("int too big to convert"));
    }
    let fill = if v.sign() == Sign::Minus { 0xff } else { 0 };
    out.extend_from_slice(&minimal);
    out.resize(length, fill);
    Ok(())
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`; `args[0]` is
/// the class, whose constructor makes the result for a subclass (`bool`).
fn int_from_bytes(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = bind_clinic(vm, "from_bytes", &args[1..], kw, &["bytes", "byteorder", "signed"], 2, 1)?;
    let little = little_endian(vm, "from_bytes", a[1].as_ref())?;
    let source = a[0].clone().expect("bytes is a required argument");
    let data = bytes_of(vm, &source)?;
    let signed = signed_arg(vm, a[2].as_ref())?;
    let mut le = crate::objects::bytes::as_bytes(&data).unwrap_or(&[]).to_vec();
    if !little {
        le.reverse();
    }
    let v = if signed { BigInt::from_signed_bytes_le(&le) } else { BigInt::from_bytes_le(Sign::Plus, &le) };
    let value = vm.int_from(Int::from_big(v))?;
    let int_type = vm.types.int.clone();
    from_class(vm, &args[0], &int_type, value)
}

/// `bytes(x)` for `from_bytes` (`PyObject_Bytes`): a bytes object as it
/// is, else one made from an iterable of ints or `__bytes__`; a str or an
/// int is `cannot convert 'str' object to bytes`.
fn bytes_of(vm: &mut Vm, x: &ObjRef) -> PyResult {
    if as_str(x).is_some() || is_int(x) {
        let t = vm.type_name(x);
        return Err(vm.new_error(ExcType::TypeError, format!("cannot convert '{t}' object to bytes")));
    }
    crate::objects::bytes::construct_bytes(vm, std::slice::from_ref(x), None)
}

fn float_self(vm: &mut Vm, args: &[ObjRef], name: &str) -> PyResult<f64> {
    let v = args.first().and_then(as_float);
    self_arg(vm, args, "float", name, |_| v.as_ref()).copied()
}

fn float_is_integer(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let f = float_self(vm, args, "is_integer")?;
    no_args(vm, "float.is_integer", args, kw)?;
    Ok(vm.new_bool(crate::num::float::is_integer(f)))
}

fn float_as_integer_ratio(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let f = float_self(vm, args, "as_integer_ratio")?;
    no_args(vm, "float.as_integer_ratio", args, kw)?;
    let (n, d) = crate::num::float::as_integer_ratio(f).map_err(|e| vm.num_error(e))?;
    let (n, d) = (vm.int_from(n)?, vm.int_from(d)?);
    vm.new_tuple(vec![n, d])
}

fn float_conjugate(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let f = float_self(vm, args, "conjugate")?;
    no_args(vm, "float.conjugate", args, kw)?;
    exact_float(vm, &args[0], f)
}

/// `x.hex()`: `[-]0xh.hhhhhhhhhhhhhp±d`.
fn float_hex(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let f = float_self(vm, args, "hex")?;
    no_args(vm, "float.hex", args, kw)?;
    vm.new_str(&hex_repr(f))
}

/// `float.fromhex(string)`; `args[0]` is the class, whose constructor
/// makes the result for a subclass.
fn float_fromhex(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "float.fromhex", kw)?;
    arg_count_tuple(vm, "float.fromhex", args.len().saturating_sub(1), 1, 1)?;
    let Some(s) = as_str(&args[1]) else {
        return Err(vm.new_error(ExcType::TypeError, "bad argument type for built-in operation"));
    };
    let f = parse_hex(s).map_err(|e| vm.num_error(e))?;
    let value = vm.new_float(f)?;
    let float_type = vm.types.float.clone();
    from_class(vm, &args[0], &float_type, value)
}

/// Bits of a double's significand below its leading bit.
const MANT_BITS: u32 = 52;

/// CPython's `float.hex()` text: 13 hex digits after the point; zeros
/// and subnormals have the leading digit 0 and exponent `-1022`.
fn hex_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x.is_infinite() {
        return format!("{sign}inf");
    }
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> MANT_BITS) & 0x7ff) as i64;
    let frac = bits & ((1 << MANT_BITS) - 1);
    let (lead, exp) = if biased == 0 { (0, -1022) } else { (1, biased - 1023) };
    format!("{sign}0x{lead}.{frac:013x}p{exp:+}")
}

/// CPython's `Py_ISSPACE`: ASCII whitespace with `\v` and `\f`.
fn is_ascii_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

/// `float.fromhex(s)`: optional whitespace and sign, then `inf`/`infinity`/
/// `nan`, or an optional `0x`, hex digits with an optional point, and an
/// optional binary exponent `p±d`; rounded half to even.
fn parse_hex(s: &str) -> NumResult<f64> {
    let invalid = || NumError::value("invalid hexadecimal floating-point string");
    let t = s.trim_matches(is_ascii_space);
    let (neg, body, special) = crate::num::float::sign_and_special(t);
    let magnitude = match special {
        Some(v) => v,
        None => {
            let hex = HexLiteral::parse(body).ok_or_else(invalid)?;
            hex.value()?
        }
    };
    Ok(if neg { -magnitude } else { magnitude })
}

/// The parts of a hexadecimal float literal: all its digits (point
/// removed) and the binary exponent of the last digit's unit.
struct HexLiteral {
    digits: Vec<u8>,
    /// The value is `digits (as an integer) * 2**exp`.
    exp: i128,
}

impl HexLiteral {
    /// Parses `[0x]int[.frac][p[±]dec]`; `None` when malformed.
    fn parse(body: &str) -> Option<HexLiteral> {
        let b = body.as_bytes();
        let mut i = if b.len() >= 2 && b[0] == b'0' && (b[1] | 0x20) == b'x' { 2 } else { 0 };
        let int_start = i;
        while b.get(i).is_some_and(u8::is_ascii_hexdigit) {
            i += 1;
        }
        let mut digits = b[int_start..i].to_vec();
        let mut nfrac = 0i128;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let frac_start = i;
            while b.get(i).is_some_and(u8::is_ascii_hexdigit) {
                i += 1;
            }
            digits.extend_from_slice(&b[frac_start..i]);
            nfrac = (i - frac_start) as i128;
        }
        if digits.is_empty() {
            return None;
        }
        let mut exp = 0i128;
        if matches!(b.get(i), Some(b'p' | b'P')) {
            i += 1;
            let neg = b.get(i) == Some(&b'-');
            if matches!(b.get(i), Some(b'-' | b'+')) {
                i += 1;
            }
            let exp_start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                // Saturates far beyond any double's range: only the sign matters then.
                exp = (exp * 10 + i128::from(b[i] - b'0')).min(1 << 80);
                i += 1;
            }
            if i == exp_start {
                return None;
            }
            if neg {
                exp = -exp;
            }
        }
        if i != b.len() {
            return None;
        }
        Some(HexLiteral { digits, exp: exp - 4 * nfrac })
    }

    /// The nearest double (ties to even); OverflowError past `DBL_MAX`.
    fn value(&self) -> NumResult<f64> {
        let overflow = || NumError::overflow("hexadecimal value too large to represent as a float");
        let Some(mantissa) = BigUint::parse_bytes(&self.digits, 16) else { return Ok(0.0) };
        if mantissa.bits() == 0 {
            return Ok(0.0);
        }
        // The value lies in [2**(top-1), 2**top).
        let top = self.exp + i128::from(mantissa.bits());
        if top > 1024 {
            return Err(overflow());
        }
        if top < -1075 {
            return Ok(0.0);
        }
        // Weight of the last significand bit: 53 bits, fewer for subnormals.
        let lsb = top.max(-1021) - 53;
        let shift = lsb - self.exp;
        let mut m = if shift <= 0 {
            mantissa << (-shift) as u64
        } else {
            let shift = shift as u64;
            let kept = &mantissa >> shift;
            let half = mantissa.bit(shift - 1);
            let sticky = mantissa.trailing_zeros().is_some_and(|z| z < shift - 1);
            if half && (sticky || kept.bit(0)) {
                kept + 1u32
            } else {
                kept
            }
        };
        let mut lsb = lsb as i64;
        if m.bits() > 53 {
            m >>= 1u32;
            lsb += 1;
        }
        let m = m.iter_u64_digits().next().unwrap_or(0);
        if m < 1 << MANT_BITS {
            return Ok(f64::from_bits(m));
        }
        let biased = lsb + 1075;
        if biased > 2046 {
            return Err(overflow());
        }
        Ok(f64::from_bits(((biased as u64) << MANT_BITS) | (m & ((1 << MANT_BITS) - 1))))
    }
}

#[cfg(test)]
mod tests {
    use super::{hex_repr, parse_hex};

    #[test]
    fn hex_round_trips() {
        for x in [1.5, -0.1, 5e-324, 2.5e-310, 1e308, f64::MAX, f64::MIN_POSITIVE, 3.0, -0.0, 0.0] {
            let h = hex_repr(x);
            let back = parse_hex(&h).expect("valid");
            assert_eq!(back.to_bits(), x.to_bits(), "{h}");
        }
        assert_eq!(hex_repr(1.5), "0x1.8000000000000p+0");
        assert_eq!(hex_repr(5e-324), "0x0.0000000000001p-1022");
    }

    #[test]
    fn fromhex_rounds_half_to_even() {
        let p = |s: &str| parse_hex(s).expect("valid");
        assert_eq!(p("0x1p-1075"), 0.0);
        assert_eq!(p("0x1.8p-1075"), 5e-324);
        assert_eq!(p("0x1.00000000000008p0"), 1.0);
        assert_eq!(p("0x1.00000000000018p0"), 1.0000000000000004);
        assert_eq!(p("0x1.fffffffffffff7ffp1023"), f64::MAX);
        assert!(parse_hex("0x1.fffffffffffff8p1023").is_err());
        assert!(parse_hex("0x.p1").is_err());
    }
}
