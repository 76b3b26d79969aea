//! Constant folding, where and how far CPython 3.11's AST optimizer
//! (`Python/ast_opt.c`) folds.
//!
//! Folded: unary `-`, `+`, `~`, `not` on constants; binary operators on
//! constants; subscripts of constants by constants; tuples of constants;
//! `__debug__`. Each fold evaluates with Python's semantics, and any case that
//! would raise (division by zero, `str % x`, negative shifts, …) or exceeds
//! CPython's size guards is left unfolded, exactly as `make_const` drops the
//! error and keeps the expression:
//! - ints: `a * b` only when `bits(a) + bits(b) <= 128`, `a ** b` only when
//!   `bits(a) <= 128 / b`, `a << b` only when `b <= 128` and
//!   `bits(a) <= 128 - b` (`safe_multiply`, `safe_power`, `safe_lshift`);
//! - `str`/`bytes` repetition up to 4096 items, tuple repetition up to 256
//!   items and 1024 nested items in total (`MAX_STR_SIZE`,
//!   `MAX_COLLECTION_SIZE`, `MAX_TOTAL_ITEMS`).
//!
//! A folded `str` gets its interning flag from the policy applied to the
//! result. Results are memoised by node address so a deep chain of operators
//! is folded in linear time.

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use refpy_syntax::ast::{self, Expr, ExprKind, Operator, UnaryOp};
use rustc_hash::FxHashMap;

use crate::code::Constant;
use crate::consts::str_constant;

const MAX_INT_SIZE: u64 = 128;
const MAX_COLLECTION_SIZE: i64 = 256;
const MAX_STR_SIZE: i64 = 4096;
const MAX_TOTAL_ITEMS: i64 = 1024;

/// Folds expressions to constants, remembering each node's answer.
pub struct Folder {
    short_limit: usize,
    memo: FxHashMap<usize, Option<Constant>>,
}

impl Folder {
    /// A folder whose `str` results follow the interning policy with `short_limit`.
    pub fn new(short_limit: usize) -> Folder {
        Folder { short_limit, memo: FxHashMap::default() }
    }

    /// The constant `e` folds to, if CPython 3.11 would fold it.
    pub fn fold(&mut self, e: &Expr) -> Option<Constant> {
        let key = e as *const Expr as usize;
        if let Some(v) = self.memo.get(&key) {
            return v.clone();
        }
        let v = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.fold_uncached(e));
        self.memo.insert(key, v.clone());
        v
    }

    fn fold_uncached(&mut self, e: &Expr) -> Option<Constant> {
        match &e.node {
            ExprKind::Constant(c) => literal(c, self.short_limit),
            ExprKind::UnaryOp { op, operand } => unary(*op, &self.fold(operand)?),
            ExprKind::BinOp { left, op, right } => {
                let l = self.fold(left)?;
                let r = self.fold(right)?;
                self.binary(*op, &l, &r)
            }
            ExprKind::Tuple { elts, ctx: ast::ExprContext::Load } => {
                let items = elts.iter().map(|x| self.fold(x)).collect::<Option<Vec<_>>>()?;
                Some(Constant::Tuple(Rc::from(items)))
            }
            ExprKind::Subscript { value, slice, ctx: ast::ExprContext::Load } => {
                let v = self.fold(value)?;
                let i = self.fold(slice)?;
                self.subscript(&v, &i)
            }
            ExprKind::Name { id, ctx: ast::ExprContext::Load } if id == "__debug__" => {
                Some(Constant::Bool(true))
            }
            _ => None,
        }
    }

    fn binary(&self, op: Operator, l: &Constant, r: &Constant) -> Option<Constant> {
        if let (Some(a), Some(b)) = (as_int(l), as_int(r)) {
            let bools = matches!((l, r), (Constant::Bool(_), Constant::Bool(_)));
            return int_binary(op, &a, &b, bools);
        }
        if let (Some(a), Some(b)) = (as_float(l), as_float(r)) {
            return float_binary(op, a, b).map(Constant::Float);
        }
        match op {
            Operator::Add => self.concat(l, r),
            Operator::Mult => self.repeat(l, r).or_else(|| self.repeat(r, l)),
            _ => None,
        }
    }

    fn concat(&self, l: &Constant, r: &Constant) -> Option<Constant> {
        match (l, r) {
            (Constant::Str { value: a, .. }, Constant::Str { value: b, .. }) => {
                Some(str_constant(&format!("{a}{b}"), self.short_limit))
            }
            (Constant::Bytes(a), Constant::Bytes(b)) => {
                Some(Constant::Bytes([&a[..], &b[..]].concat().into()))
            }
            (Constant::Tuple(a), Constant::Tuple(b)) => {
                Some(Constant::Tuple([&a[..], &b[..]].concat().into()))
            }
            _ => None,
        }
    }

    /// `seq * n` with `safe_multiply`'s guards.
    fn repeat(&self, seq: &Constant, n: &Constant) -> Option<Constant> {
        let n = as_int(n)?;
        let (size, limit) = match seq {
            Constant::Str { value, .. } => (value.chars().count() as i64, MAX_STR_SIZE),
            Constant::Bytes(b) => (b.len() as i64, MAX_STR_SIZE),
            Constant::Tuple(t) => (t.len() as i64, MAX_COLLECTION_SIZE),
            _ => return None,
        };
        let n = if size == 0 { n.to_i64().unwrap_or(0).max(0) } else { n.to_i64()? };
        if size != 0 && (n < 0 || n > limit / size) {
            return None;
        }
        if let Constant::Tuple(_) = seq {
            if n != 0 && check_complexity(seq, MAX_TOTAL_ITEMS / n) < 0 {
                return None;
            }
        }
        let n = n.max(0) as usize;
        Some(match seq {
            Constant::Str { value, .. } => str_constant(&value.repeat(n), self.short_limit),
            Constant::Bytes(b) => Constant::Bytes(b.repeat(n).into()),
            Constant::Tuple(t) => {
                Constant::Tuple(t.iter().cycle().take(t.len() * n).cloned().collect::<Vec<_>>().into())
            }
            _ => return None,
        })
    }

    fn subscript(&self, v: &Constant, i: &Constant) -> Option<Constant> {
        let i = as_int(i)?.to_i64()?;
        let at = |len: usize| -> Option<usize> {
            let j = if i < 0 { i + len as i64 } else { i };
            (0..len as i64).contains(&j).then_some(j as usize)
        };
        match v {
            Constant::Str { value, .. } => {
                let chars: Vec<char> = value.chars().collect();
                let c = chars[at(chars.len())?];
                Some(str_constant(&c.to_string(), self.short_limit))
            }
            Constant::Bytes(b) => Some(Constant::Int(i64::from(b[at(b.len())?]))),
            Constant::Tuple(t) => Some(t[at(t.len())?].clone()),
            _ => None,
        }
    }
}

/// `ast_opt.c`'s `check_complexity`: the budget left after counting nested items.
fn check_complexity(c: &Constant, mut limit: i64) -> i64 {
    if let Constant::Tuple(items) | Constant::FrozenSet(items) = c {
        limit -= items.len() as i64;
        for item in items.iter() {
            if limit < 0 {
                break;
            }
            limit = check_complexity(item, limit);
        }
    }
    limit
}

/// Converts a literal; `None` for literals refpy cannot represent as a constant.
pub fn literal(c: &ast::Constant, short_limit: usize) -> Option<Constant> {
    Some(match c {
        ast::Constant::None => Constant::None,
        ast::Constant::Bool(b) => Constant::Bool(*b),
        ast::Constant::Int(i) => Constant::Int(*i),
        ast::Constant::BigInt { digits, radix } => normalize(BigInt::parse_bytes(digits.as_bytes(), *radix)?),
        ast::Constant::Float(f) => Constant::Float(*f),
        ast::Constant::Imaginary(_) => return None,
        ast::Constant::Str(s) => str_constant(s, short_limit),
        ast::Constant::Bytes(b) => Constant::Bytes(Rc::from(b.as_slice())),
        ast::Constant::Ellipsis => Constant::Ellipsis,
    })
}

/// An int constant in its canonical form: `Int` when it fits `i64`.
pub fn normalize(b: BigInt) -> Constant {
    match b.to_i64() {
        Some(i) => Constant::Int(i),
        None => Constant::BigInt(b),
    }
}

/// Python truthiness of a constant.
pub fn truthy(c: &Constant) -> bool {
    match c {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Int(i) => *i != 0,
        Constant::BigInt(b) => !b.is_zero(),
        Constant::Float(f) => *f != 0.0,
        Constant::Str { value, .. } => !value.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
        Constant::Ellipsis | Constant::Code(_) => true,
    }
}

fn as_int(c: &Constant) -> Option<BigInt> {
    match c {
        Constant::Bool(b) => Some(BigInt::from(i64::from(*b))),
        Constant::Int(i) => Some(BigInt::from(*i)),
        Constant::BigInt(b) => Some(b.clone()),
        _ => None,
    }
}

/// A number as a float operand (ints convert exactly or not at all).
fn as_float(c: &Constant) -> Option<f64> {
    match c {
        Constant::Float(f) => Some(*f),
        Constant::Bool(b) => Some(f64::from(u8::from(*b))),
        Constant::Int(i) if i.unsigned_abs() <= 1 << 53 => Some(*i as f64),
        _ => None,
    }
}

fn unary(op: UnaryOp, v: &Constant) -> Option<Constant> {
    if op == UnaryOp::Not {
        return Some(Constant::Bool(!truthy(v)));
    }
    if let Some(i) = as_int(v) {
        return Some(normalize(match op {
            UnaryOp::Invert => -i - 1,
            UnaryOp::USub => -i,
            _ => i,
        }));
    }
    match (op, v) {
        (UnaryOp::USub, Constant::Float(f)) => Some(Constant::Float(-f)),
        (UnaryOp::UAdd, Constant::Float(f)) => Some(Constant::Float(*f)),
        _ => None,
    }
}

fn bits(i: &BigInt) -> u64 {
    i.bits()
}

fn int_binary(op: Operator, a: &BigInt, b: &BigInt, bools: bool) -> Option<Constant> {
    let r = match op {
        Operator::Add => a + b,
        Operator::Sub => a - b,
        Operator::Mult => {
            if !a.is_zero() && !b.is_zero() && bits(a) + bits(b) > MAX_INT_SIZE {
                return None;
            }
            a * b
        }
        Operator::Div => {
            let (x, y) = (small_float(a)?, small_float(b)?);
            return (y != 0.0).then(|| Constant::Float(x / y));
        }
        Operator::FloorDiv if !b.is_zero() => a.div_floor(b),
        Operator::Mod if !b.is_zero() => a.mod_floor(b),
        Operator::Pow => return int_pow(a, b),
        Operator::LShift => {
            let n = b.to_u64()?;
            if !a.is_zero() && (n > MAX_INT_SIZE || bits(a) > MAX_INT_SIZE - n) {
                return None;
            }
            if a.is_zero() {
                BigInt::zero()
            } else {
                a << n
            }
        }
        Operator::RShift => {
            if b.is_negative() {
                return None;
            }
            match b.to_u64() {
                Some(n) if n < 1 << 20 => a >> n,
                _ => BigInt::from(if a.is_negative() { -1 } else { 0 }),
            }
        }
        Operator::BitAnd => a & b,
        Operator::BitOr => a | b,
        Operator::BitXor => a ^ b,
        _ => return None,
    };
    if bools && matches!(op, Operator::BitAnd | Operator::BitOr | Operator::BitXor) {
        return Some(Constant::Bool(!r.is_zero()));
    }
    Some(normalize(r))
}

fn small_float(i: &BigInt) -> Option<f64> {
    let v = i.to_i64()?;
    (v.unsigned_abs() <= 1 << 53).then_some(v as f64)
}

/// `int ** int` with `safe_power`'s guard; a negative exponent gives a float.
fn int_pow(a: &BigInt, b: &BigInt) -> Option<Constant> {
    if b.is_negative() {
        let (x, y) = (small_float(a)?, small_float(b)?);
        return float_binary(Operator::Pow, x, y).map(Constant::Float);
    }
    if a.is_zero() {
        return Some(Constant::Int(i64::from(b.is_zero())));
    }
    let e = b.to_u64()?;
    if e > 0 && bits(a) > MAX_INT_SIZE / e {
        return None;
    }
    Some(normalize(num_traits::pow::pow(a.clone(), e as usize)))
}

/// Float arithmetic with Python's results; `None` where Python raises.
fn float_binary(op: Operator, a: f64, b: f64) -> Option<f64> {
    Some(match op {
        Operator::Add => a + b,
        Operator::Sub => a - b,
        Operator::Mult => a * b,
        Operator::Div if b != 0.0 => a / b,
        Operator::FloorDiv if b != 0.0 => float_divmod(a, b).0,
        Operator::Mod if b != 0.0 => float_divmod(a, b).1,
        Operator::Pow => return float_pow(a, b),
        _ => return None,
    })
}

/// `float_divmod` of `Objects/floatobject.c`.
fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0_f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0_f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `float_pow`, declining the cases that raise or return a complex.
fn float_pow(a: f64, b: f64) -> Option<f64> {
    if a == 0.0 && b < 0.0 {
        return None;
    }
    if a < 0.0 && b.is_finite() && b.fract() != 0.0 {
        return None;
    }
    let r = a.powf(b);
    (r.is_finite() || !a.is_finite() || !b.is_finite()).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consts::SHORT_STRING_LIMIT;

    fn c(k: ast::Constant) -> Expr {
        Expr { node: ExprKind::Constant(k), span: Default::default() }
    }
    fn int(i: i64) -> Expr {
        c(ast::Constant::Int(i))
    }
    fn bin(l: Expr, op: Operator, r: Expr) -> Expr {
        Expr { node: ExprKind::BinOp { left: Box::new(l), op, right: Box::new(r) }, span: Default::default() }
    }
    fn fold(e: &Expr) -> Option<Constant> {
        Folder::new(SHORT_STRING_LIMIT).fold(e)
    }
    fn show(e: &Expr) -> String {
        fold(e).map(|k| crate::dis::const_repr(&k)).unwrap_or_else(|| "-".into())
    }

    #[test]
    fn power_guard_matches_cpython() {
        assert_eq!(show(&bin(int(2), Operator::Pow, int(64))), "18446744073709551616");
        assert_eq!(show(&bin(int(2), Operator::Pow, int(127))), "-");
        assert_eq!(show(&bin(int(2), Operator::Pow, int(-1))), "0.5");
        assert_eq!(show(&bin(int(1), Operator::LShift, int(127))), "170141183460469231731687303715884105728");
        assert_eq!(show(&bin(int(1), Operator::LShift, int(128))), "-");
    }

    #[test]
    fn multiply_guards() {
        let s = |t: &str| c(ast::Constant::Str(t.into()));
        assert!(fold(&bin(s("a"), Operator::Mult, int(4096))).is_some());
        assert!(fold(&bin(s("a"), Operator::Mult, int(4097))).is_none());
        let t = Expr {
            node: ExprKind::Tuple { elts: vec![int(1), int(2)], ctx: ast::ExprContext::Load },
            span: Default::default(),
        };
        assert!(fold(&bin(t.clone(), Operator::Mult, int(128))).is_some());
        assert!(fold(&bin(t, Operator::Mult, int(129))).is_none());
        let big = bin(int(1), Operator::LShift, int(64));
        assert!(fold(&bin(big.clone(), Operator::Mult, big)).is_none());
    }

    #[test]
    fn raising_operations_are_not_folded() {
        assert!(fold(&bin(int(1), Operator::Div, int(0))).is_none());
        assert!(fold(&bin(int(5), Operator::FloorDiv, int(0))).is_none());
        let fmt = bin(c(ast::Constant::Str("%s".into())), Operator::Mod, int(1));
        assert!(fold(&fmt).is_none());
    }

    #[test]
    fn unary_and_float_results() {
        let neg = |e: Expr| Expr {
            node: ExprKind::UnaryOp { op: UnaryOp::USub, operand: Box::new(e) },
            span: Default::default(),
        };
        assert_eq!(show(&neg(int(5))), "-5");
        assert_eq!(show(&neg(c(ast::Constant::Float(0.0)))), "-0.0");
        assert_eq!(show(&bin(c(ast::Constant::Float(-7.5)), Operator::FloorDiv, int(2))), "-4.0");
        assert_eq!(show(&bin(c(ast::Constant::Float(-7.5)), Operator::Mod, int(2))), "0.5");
        assert_eq!(show(&bin(int(-7), Operator::Mod, int(2))), "1");
    }

    #[test]
    fn folded_strings_follow_the_interning_policy() {
        let s = c(ast::Constant::Str("ab ".into()));
        match fold(&bin(s.clone(), Operator::Mult, int(3))) {
            Some(Constant::Str { interned, .. }) => assert!(interned),
            other => panic!("{other:?}"),
        }
        match fold(&bin(s, Operator::Mult, int(10))) {
            Some(Constant::Str { interned, .. }) => assert!(!interned),
            other => panic!("{other:?}"),
        }
    }
}
