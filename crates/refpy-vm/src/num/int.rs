//! Python `int`: an `i64` fast path with a `BigInt` fallback, CPython 3.11 semantics.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Pow, Signed, ToPrimitive, Zero};

use super::{numeric_ascii, py_repr_str, truncate_chars, NumError, NumResult};

/// CPython 3.11's default `sys.get_int_max_str_digits()`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// Largest result (in bits) we agree to build for `<<` and `**`: 2^32 bits = 512 MiB.
/// CPython would try (and raise `MemoryError` or take hours); an allocation failure
/// in Rust aborts the process, so we refuse with `MemoryError` up front.
pub const MAX_RESULT_BITS: u64 = 1 << 32;

/// The modulus of CPython's numeric hash, `2**61 - 1` (`_PyHASH_MODULUS`).
pub const HASH_MODULUS: u64 = (1 << 61) - 1;

/// A Python `int`.
///
/// Invariant: `Big` is only used when the value does not fit in `i64`, so the derived
/// `PartialEq`/`Hash` are value equality and `Small` is the fast path everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Int {
    /// A value in `i64` range.
    Small(i64),
    /// A value outside `i64` range.
    Big(BigInt),
}

/// Result of `int ** int`: an int, or a float when the exponent is negative.
#[derive(Debug, Clone, PartialEq)]
pub enum PowResult {
    /// Non-negative exponent.
    Int(Int),
    /// Negative exponent: CPython computes `float(base) ** float(exp)`.
    Float(f64),
}

impl From<i64> for Int {
    fn from(v: i64) -> Self {
        Int::Small(v)
    }
}

impl From<i32> for Int {
    fn from(v: i32) -> Self {
        Int::Small(v.into())
    }
}

impl From<u64> for Int {
    fn from(v: u64) -> Self {
        match i64::try_from(v) {
            Ok(s) => Int::Small(s),
            Err(_) => Int::Big(BigInt::from(v)),
        }
    }
}

impl From<usize> for Int {
    fn from(v: usize) -> Self {
        Int::from(v as u64)
    }
}

impl From<BigInt> for Int {
    fn from(v: BigInt) -> Self {
        Int::from_big(v)
    }
}

impl From<bool> for Int {
    fn from(v: bool) -> Self {
        Int::Small(v.into())
    }
}

fn zero_div_int() -> NumError {
    NumError::zero_div("integer division or modulo by zero")
}

fn negative_shift() -> NumError {
    NumError::value("negative shift count")
}

/// Floor division and modulo of two `i64`s, `None` only for `i64::MIN // -1`.
/// `b` must be non-zero.
#[inline]
fn i64_divmod(a: i64, b: i64) -> Option<(i64, i64)> {
    let q = a.checked_div(b)?;
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        Some((q - 1, r + b))
    } else {
        Some((q, r))
    }
}

/// `2.0 ** k` exactly, for `-1074 <= k <= 1023`.
fn pow2(k: i64) -> f64 {
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (k + 1074))
    }
}

impl Int {
    /// The int `0`.
    pub const ZERO: Int = Int::Small(0);
    /// The int `1`.
    pub const ONE: Int = Int::Small(1);

    /// Normalising constructor: `Small` whenever the value fits.
    pub fn from_big(b: BigInt) -> Int {
        match b.to_i64() {
            Some(v) => Int::Small(v),
            None => Int::Big(b),
        }
    }

    /// The value as a `BigInt` (borrowed when already big).
    pub fn big(&self) -> Cow<'_, BigInt> {
        match self {
            Int::Small(v) => Cow::Owned(BigInt::from(*v)),
            Int::Big(b) => Cow::Borrowed(b),
        }
    }

    /// The value as an owned `BigInt`.
    pub fn to_bigint(&self) -> BigInt {
        self.big().into_owned()
    }

    /// `Some(v)` when the value fits in `i64`.
    pub fn to_i64(&self) -> Option<i64> {
        match self {
            Int::Small(v) => Some(*v),
            Int::Big(_) => None,
        }
    }

    /// True for `0`.
    pub fn is_zero(&self) -> bool {
        matches!(self, Int::Small(0))
    }

    /// True for values `< 0`.
    pub fn is_negative(&self) -> bool {
        match self {
            Int::Small(v) => *v < 0,
            Int::Big(b) => b.sign() == Sign::Minus,
        }
    }

    /// The magnitude as a `BigUint`.
    fn magnitude(&self) -> BigUint {
        match self {
            Int::Small(v) => BigUint::from(v.unsigned_abs()),
            Int::Big(b) => b.magnitude().clone(),
        }
    }

    /// `int.bit_length()`: bits in `abs(self)`, 0 for zero.
    pub fn bit_length(&self) -> u64 {
        match self {
            Int::Small(v) => 64 - u64::from(v.unsigned_abs().leading_zeros()),
            Int::Big(b) => b.bits(),
        }
    }

    /// Number of 30-bit digits CPython stores for this value (0 for zero); the VM sizes
    /// int objects with it (`sys.getsizeof(n) == 24 + 4 * max(1, ndigits30)`).
    pub fn ndigits30(&self) -> u64 {
        self.bit_length().div_ceil(30)
    }

    /// `self + other`.
    #[inline]
    pub fn add(&self, other: &Int) -> Int {
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            if let Some(r) = a.checked_add(*b) {
                return Int::Small(r);
            }
        }
        self.add_slow(other)
    }

    #[cold]
    fn add_slow(&self, other: &Int) -> Int {
        Int::from_big(self.big().as_ref() + other.big().as_ref())
    }

    /// `self - other`.
    #[inline]
    pub fn sub(&self, other: &Int) -> Int {
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            if let Some(r) = a.checked_sub(*b) {
                return Int::Small(r);
            }
        }
        self.sub_slow(other)
    }

    #[cold]
    fn sub_slow(&self, other: &Int) -> Int {
        Int::from_big(self.big().as_ref() - other.big().as_ref())
    }

    /// `self * other`.
    #[inline]
    pub fn mul(&self, other: &Int) -> Int {
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            if let Some(r) = a.checked_mul(*b) {
                return Int::Small(r);
            }
        }
        self.mul_slow(other)
    }

    #[cold]
    fn mul_slow(&self, other: &Int) -> Int {
        Int::from_big(self.big().as_ref() * other.big().as_ref())
    }

    /// `self // other` (floor division).
    #[inline]
    pub fn floordiv(&self, other: &Int) -> NumResult<Int> {
        if other.is_zero() {
            return Err(zero_div_int());
        }
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            if let Some((q, _)) = i64_divmod(*a, *b) {
                return Ok(Int::Small(q));
            }
        }
        Ok(self.divmod_slow(other).0)
    }

    /// `self % other` (result has the sign of `other`).
    #[inline]
    pub fn modulo(&self, other: &Int) -> NumResult<Int> {
        if other.is_zero() {
            return Err(NumError::zero_div("integer modulo by zero"));
        }
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            if let Some((_, r)) = i64_divmod(*a, *b) {
                return Ok(Int::Small(r));
            }
        }
        Ok(self.divmod_slow(other).1)
    }

    /// `divmod(self, other)`.
    #[inline]
    pub fn divmod(&self, other: &Int) -> NumResult<(Int, Int)> {
        if other.is_zero() {
            return Err(zero_div_int());
        }
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            if let Some((q, r)) = i64_divmod(*a, *b) {
                return Ok((Int::Small(q), Int::Small(r)));
            }
        }
        Ok(self.divmod_slow(other))
    }

    #[cold]
    fn divmod_slow(&self, other: &Int) -> (Int, Int) {
        let (q, r) = self.big().div_mod_floor(other.big().as_ref());
        (Int::from_big(q), Int::from_big(r))
    }

    /// `self / other`, correctly rounded like CPython's `long_true_divide` (also for
    /// operands far beyond the float range).
    pub fn truediv(&self, other: &Int) -> NumResult<f64> {
        if other.is_zero() {
            return Err(NumError::zero_div("division by zero"));
        }
        if let (Int::Small(a), Int::Small(b)) = (self, other) {
            const EXACT: u64 = 1 << 53;
            if a.unsigned_abs() <= EXACT && b.unsigned_abs() <= EXACT {
                return Ok(*a as f64 / *b as f64);
            }
        }
        self.truediv_slow(other)
    }

    #[cold]
    fn truediv_slow(&self, other: &Int) -> NumResult<f64> {
        let negative = self.is_negative() != other.is_negative();
        let signed = |x: f64| if negative { -x } else { x };
        let a = self.magnitude();
        let b = other.magnitude();
        if a.is_zero() {
            return Ok(signed(0.0));
        }
        let too_large = || NumError::overflow("integer division result too large for a float");
        let diff = a.bits() as i64 - b.bits() as i64;
        if diff > 1025 {
            return Err(too_large());
        }
        if diff < -1080 {
            return Ok(signed(0.0));
        }
        // a/b lies in [2^(e-1), 2^e).
        let at_least = if diff >= 0 { a >= (&b << diff as u64) } else { (&a << (-diff) as u64) >= b };
        let e = if at_least { diff + 1 } else { diff };
        // Exponent of the result's last mantissa bit; 2 extra bits for rounding.
        let k = (e - 53).max(-1074);
        let shift = 2 - k;
        let (q, r) =
            if shift >= 0 { (a << shift as u64).div_rem(&b) } else { a.div_rem(&(b << (-shift) as u64)) };
        let mut q = q.to_u64().unwrap_or(u64::MAX);
        if !r.is_zero() {
            q |= 1;
        }
        let low = q & 3;
        let mut m = q >> 2;
        if low > 2 || (low == 2 && m & 1 == 1) {
            m += 1;
        }
        let res = m as f64 * pow2(k);
        if res.is_infinite() {
            return Err(too_large());
        }
        Ok(signed(res))
    }

    /// `self ** exp` (no modulus). A negative exponent gives a float, computed as CPython
    /// does via `float(self) ** float(exp)` (so `0 ** -1` raises
    /// `ZeroDivisionError: 0.0 cannot be raised to a negative power`).
    pub fn pow(&self, exp: &Int) -> NumResult<PowResult> {
        if exp.is_negative() {
            let b = self.to_f64()?;
            let e = exp.to_f64()?;
            return super::float::pow(b, e).map(PowResult::Float);
        }
        // Trivial bases first, so `1 ** (10**100)` works.
        match self {
            Int::Small(0) => return Ok(PowResult::Int(Int::from(exp.is_zero()))),
            Int::Small(1) => return Ok(PowResult::Int(Int::ONE)),
            Int::Small(-1) => {
                let odd = match exp {
                    Int::Small(e) => e & 1 == 1,
                    Int::Big(b) => b.is_odd(),
                };
                return Ok(PowResult::Int(Int::Small(if odd { -1 } else { 1 })));
            }
            _ => {}
        }
        let e = match exp {
            Int::Small(e) => *e as u64,
            Int::Big(_) => return Err(NumError::memory()),
        };
        if (self.bit_length() - 1).saturating_mul(e) > MAX_RESULT_BITS {
            return Err(NumError::memory());
        }
        if let (Int::Small(b), Ok(e32)) = (self, u32::try_from(e)) {
            if let Some(r) = b.checked_pow(e32) {
                return Ok(PowResult::Int(Int::Small(r)));
            }
        }
        Ok(PowResult::Int(Int::from_big(Pow::pow(self.big().as_ref(), e))))
    }

    /// Three-argument `pow(self, exp, modulus)` (3.8+ semantics: a negative exponent uses
    /// the modular inverse; the result has the sign of `modulus`).
    pub fn pow_mod(&self, exp: &Int, modulus: &Int) -> NumResult<Int> {
        if modulus.is_zero() {
            return Err(NumError::value("pow() 3rd argument cannot be 0"));
        }
        let m = BigInt::from_biguint(Sign::Plus, modulus.magnitude());
        let mut base = self.big().mod_floor(&m);
        let mut e = exp.to_bigint();
        if e.is_negative() {
            let g = base.extended_gcd(&m);
            if !g.gcd.is_one() {
                return Err(NumError::value("base is not invertible for the given modulus"));
            }
            base = g.x.mod_floor(&m);
            e = -e;
        }
        let mut r = base.modpow(&e, &m);
        if modulus.is_negative() && !r.is_zero() {
            r -= &m;
        }
        Ok(Int::from_big(r))
    }

    /// `self << count`.
    pub fn lshift(&self, count: &Int) -> NumResult<Int> {
        if count.is_negative() {
            return Err(negative_shift());
        }
        if self.is_zero() {
            return Ok(Int::ZERO);
        }
        let n = match count {
            Int::Small(n) if (*n as u64) <= MAX_RESULT_BITS => *n as u64,
            _ => return Err(NumError::memory()),
        };
        if let Int::Small(a) = self {
            if n < 63 {
                let r = a << n;
                if r >> n == *a {
                    return Ok(Int::Small(r));
                }
            }
        }
        Ok(Int::from_big(self.big().as_ref() << n))
    }

    /// `self >> count` (floor semantics: `-1 >> n == -1`).
    pub fn rshift(&self, count: &Int) -> NumResult<Int> {
        if count.is_negative() {
            return Err(negative_shift());
        }
        let n = match count {
            Int::Small(n) if (*n as u64) < self.bit_length() => *n as u64,
            _ => return Ok(Int::Small(if self.is_negative() { -1 } else { 0 })),
        };
        match self {
            Int::Small(a) => Ok(Int::Small(a >> n)),
            Int::Big(b) => Ok(Int::from_big(b >> n)),
        }
    }

    /// `self & other` (two's complement semantics for negatives).
    pub fn bitand(&self, other: &Int) -> Int {
        match (self, other) {
            (Int::Small(a), Int::Small(b)) => Int::Small(a & b),
            _ => Int::from_big(self.big().as_ref() & other.big().as_ref()),
        }
    }

    /// `self | other`.
    pub fn bitor(&self, other: &Int) -> Int {
        match (self, other) {
            (Int::Small(a), Int::Small(b)) => Int::Small(a | b),
            _ => Int::from_big(self.big().as_ref() | other.big().as_ref()),
        }
    }

    /// `self ^ other`.
    pub fn bitxor(&self, other: &Int) -> Int {
        match (self, other) {
            (Int::Small(a), Int::Small(b)) => Int::Small(a ^ b),
            _ => Int::from_big(self.big().as_ref() ^ other.big().as_ref()),
        }
    }

    /// `~self == -(self + 1)`.
    pub fn invert(&self) -> Int {
        match self {
            Int::Small(a) => Int::Small(!a),
            Int::Big(b) => Int::from_big(-(b + 1u32)),
        }
    }

    /// `-self`.
    pub fn neg(&self) -> Int {
        match self {
            Int::Small(a) => match a.checked_neg() {
                Some(r) => Int::Small(r),
                None => Int::Big(-BigInt::from(*a)),
            },
            Int::Big(b) => Int::from_big(-b),
        }
    }

    /// `abs(self)`.
    pub fn abs(&self) -> Int {
        if self.is_negative() {
            self.neg()
        } else {
            self.clone()
        }
    }

    /// `+self`.
    pub fn pos(&self) -> Int {
        self.clone()
    }

    /// Exact comparison with a float, as CPython's `float_richcompare` does it (never by
    /// rounding the int to a float). `None` when `f` is NaN (every comparison is False
    /// except `!=`).
    pub fn cmp_f64(&self, f: f64) -> Option<Ordering> {
        if f.is_nan() {
            return None;
        }
        if f.is_infinite() {
            return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
        }
        if let Int::Small(a) = self {
            if a.unsigned_abs() <= 1 << 53 {
                return (*a as f64).partial_cmp(&f);
            }
        }
        let t = f.trunc();
        let ti = Int::from_f64(t).unwrap_or(Int::ZERO);
        match self.cmp(&ti) {
            Ordering::Equal => 0.0f64.partial_cmp(&(f - t)),
            o => Some(o),
        }
    }

    /// `float(self)`: correctly rounded (round-half-even).
    pub fn to_f64(&self) -> NumResult<f64> {
        match self {
            Int::Small(a) => Ok(*a as f64),
            Int::Big(b) => match b.to_f64() {
                Some(f) if f.is_finite() => Ok(f),
                _ => Err(NumError::overflow("int too large to convert to float")),
            },
        }
    }

    /// `int(f)`: truncation toward zero, exact for every finite float.
    pub fn from_f64(f: f64) -> NumResult<Int> {
        if f.is_nan() {
            return Err(NumError::value("cannot convert float NaN to integer"));
        }
        if f.is_infinite() {
            return Err(NumError::overflow("cannot convert float infinity to integer"));
        }
        let t = f.trunc();
        if t.abs() < 9_223_372_036_854_775_808.0 {
            return Ok(Int::Small(t as i64));
        }
        let bits = t.to_bits();
        let exp = (bits >> 52) & 0x7ff;
        let mant = (bits & ((1 << 52) - 1)) | (1 << 52);
        let mag = BigInt::from(mant) << (exp - 1075);
        Ok(Int::from_big(if t < 0.0 { -mag } else { mag }))
    }

    /// `hash(self)`: `sign * (abs(self) mod (2**61 - 1))`, with -1 mapped to -2.
    pub fn hash(&self) -> i64 {
        let (neg, m) = match self {
            Int::Small(a) => (*a < 0, a.unsigned_abs() % HASH_MODULUS),
            Int::Big(b) => {
                let r = b.magnitude() % HASH_MODULUS;
                (b.sign() == Sign::Minus, r.to_u64().unwrap_or(0))
            }
        };
        let h = if neg { -(m as i64) } else { m as i64 };
        if h == -1 {
            -2
        } else {
            h
        }
    }

    /// `str(self)` / `repr(self)` with CPython 3.11's default 4300-digit limit.
    pub fn to_str(&self) -> NumResult<String> {
        self.to_str_limited(DEFAULT_MAX_STR_DIGITS)
    }

    /// Decimal string with a digit limit (`sys.set_int_max_str_digits`; 0 = unlimited).
    pub fn to_str_limited(&self, max_digits: usize) -> NumResult<String> {
        let b = match self {
            Int::Small(a) => return Ok(a.to_string()),
            Int::Big(b) => b,
        };
        let err = || {
            NumError::value(format!(
                "Exceeds the limit ({max_digits} digits) for integer string conversion; \
                 use sys.set_int_max_str_digits() to increase the limit"
            ))
        };
        if max_digits > 0 {
            // A value of `bits` bits has at least floor((bits-1)*log10(2)) + 1 digits:
            // reject obviously huge values before the quadratic conversion.
            let min_digits = (b.bits() - 1) as f64 * std::f64::consts::LOG10_2;
            if min_digits > max_digits as f64 + 1.0 {
                return Err(err());
            }
        }
        let s = b.to_string();
        let digits = s.len() - usize::from(b.sign() == Sign::Minus);
        if max_digits > 0 && digits > max_digits {
            return Err(err());
        }
        Ok(s)
    }

    /// Digits in base 2, 8 or 16 (or any radix 2..=36), lowercase, with a `-` for negatives
    /// and no prefix. Never limited (CPython only limits non-power-of-two bases).
    pub fn to_str_radix(&self, radix: u32) -> String {
        match self {
            Int::Small(a) => {
                let b = BigInt::from(*a);
                b.to_str_radix(radix)
            }
            Int::Big(b) => b.to_str_radix(radix),
        }
    }

    /// `int(s, base)` with CPython 3.11's default digit limit.
    pub fn parse(s: &str, base: i64) -> NumResult<Int> {
        Int::parse_limited(s, base, DEFAULT_MAX_STR_DIGITS)
    }

    /// `int(s, base)` with an explicit digit limit (0 = unlimited, e.g. for source literals).
    ///
    /// Accepts surrounding whitespace, a sign, a `0x`/`0o`/`0b` prefix matching the base
    /// (base 0 infers it), single underscores between digits or after the prefix, and
    /// non-ASCII decimal digits — exactly CPython's grammar.
    pub fn parse_limited(s: &str, base: i64, max_digits: usize) -> NumResult<Int> {
        if base != 0 && !(2..=36).contains(&base) {
            return Err(NumError::value("int() base must be >= 2 and <= 36, or 0"));
        }
        let invalid = || {
            let r = py_repr_str(s);
            NumError::value(format!(
                "invalid literal for int() with base {base}: {}",
                truncate_chars(&r, 200)
            ))
        };
        let t = numeric_ascii(s).ok_or_else(invalid)?;
        let mut b = t.as_bytes();
        let negative = match b.first() {
            Some(b'-') => {
                b = &b[1..];
                true
            }
            Some(b'+') => {
                b = &b[1..];
                false
            }
            _ => false,
        };
        let mut radix = base as u32;
        let mut prefixed = false;
        if b.len() >= 2 && b[0] == b'0' {
            let p = match b[1].to_ascii_lowercase() {
                b'x' => 16,
                b'o' => 8,
                b'b' => 2,
                _ => 0,
            };
            if p != 0 && (radix == 0 || radix == p) {
                radix = p;
                prefixed = true;
                b = &b[2..];
            }
        }
        let base0_decimal = radix == 0;
        if base0_decimal {
            radix = 10;
        }
        // Scan the digit run (single underscores between digits). As in CPython, the
        // digit limit is checked before anything that follows the run.
        let mut digits = Vec::with_capacity(b.len());
        let mut prev_underscore = !prefixed;
        let mut end = b.len();
        for (i, &c) in b.iter().enumerate() {
            if c == b'_' {
                if prev_underscore {
                    return Err(invalid());
                }
                prev_underscore = true;
                continue;
            }
            match (c as char).to_digit(36) {
                Some(d) if d < radix => digits.push(d as u8),
                _ => {
                    end = i;
                    break;
                }
            }
            prev_underscore = false;
        }
        if digits.is_empty() || prev_underscore {
            return Err(invalid());
        }
        if max_digits > 0 && !radix.is_power_of_two() && digits.len() > max_digits {
            return Err(NumError::value(format!(
                "Exceeds the limit ({max_digits} digits) for integer string conversion: value has {} \
                 digits; use sys.set_int_max_str_digits() to increase the limit",
                digits.len()
            )));
        }
        if end != b.len() || (base0_decimal && digits[0] == 0 && digits.iter().any(|&d| d != 0)) {
            return Err(invalid());
        }
        let mut acc: u64 = 0;
        let mut small = true;
        for &d in &digits {
            match acc.checked_mul(u64::from(radix)).and_then(|v| v.checked_add(u64::from(d))) {
                Some(v) => acc = v,
                None => {
                    small = false;
                    break;
                }
            }
        }
        let mag = if small {
            BigUint::from(acc)
        } else {
            BigUint::from_radix_be(&digits, radix).unwrap_or_default()
        };
        let v = BigInt::from_biguint(if negative { Sign::Minus } else { Sign::Plus }, mag);
        Ok(Int::from_big(v))
    }
}

impl Ord for Int {
    fn cmp(&self, other: &Int) -> Ordering {
        match (self, other) {
            (Int::Small(a), Int::Small(b)) => a.cmp(b),
            (Int::Small(_), Int::Big(b)) => {
                if b.sign() == Sign::Minus {
                    Ordering::Greater
                } else {
                    Ordering::Less
                }
            }
            (Int::Big(a), Int::Small(_)) => {
                if a.sign() == Sign::Minus {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            }
            (Int::Big(a), Int::Big(b)) => a.cmp(b),
        }
    }
}

impl PartialOrd for Int {
    fn partial_cmp(&self, other: &Int) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Int {
    /// Unlimited decimal digits (use [`Int::to_str`] for Python's `str`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Int::Small(a) => fmt::Display::fmt(a, f),
            Int::Big(b) => fmt::Display::fmt(b, f),
        }
    }
}

#[cfg(test)]
#[path = "tests_int.rs"]
mod tests;
