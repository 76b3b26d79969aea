//! Operators, named like CPython's abstract object API: `binary_op`,
//! `unary_op`, `rich_compare`, `is_true`, `hash`.
//!
//! Fast paths come first (two small ints, two floats) and allocate exactly
//! what CPython 3.11's specialised instructions allocate: the result object,
//! before the operands are released by the caller.

use std::cmp::Ordering;

use refpy_compiler::{BinaryOp, CompareOp, Opcode};
use refpy_heap::ObjRef;

use crate::errors::{ExcType, PyErr, PyResult};
use crate::num::int::PowResult;
use crate::num::{Int, NumError, NumErrorKind};
use crate::objects::bytes::{as_bytes, as_bytes_object};
use crate::objects::dict::{as_dict, numeric_equal};
use crate::objects::float::as_float;
use crate::objects::int::{as_i64, IntObject, IntValue};
use crate::objects::list::as_list;
use crate::objects::range::as_range;
use crate::objects::str::{as_str, as_str_object};
use crate::objects::tuple::as_tuple;
use crate::types::Kind;
use crate::Vm;

/// An int object's value in the numeric library's form.
pub(crate) fn int_of(obj: &ObjRef) -> Option<Int> {
    Some(match &obj.downcast::<IntObject>()?.0 {
        IntValue::Small(v) => Int::Small(*v),
        IntValue::Big(b) => Int::Big((**b).clone()),
    })
}

/// A number operand: int (incl. bool) or float.
enum Num {
    Int(Int),
    Float(f64),
}

fn num_of(obj: &ObjRef) -> Option<Num> {
    if let Some(f) = as_float(obj) {
        return Some(Num::Float(f));
    }
    int_of(obj).map(Num::Int)
}

impl Vm {
    /// Raises the Python exception for a numeric-library error.
    #[cold]
    pub(crate) fn num_error(&mut self, e: NumError) -> PyErr {
        let t = match e.kind {
            NumErrorKind::ZeroDivision => ExcType::ZeroDivisionError,
            NumErrorKind::Overflow => ExcType::OverflowError,
            NumErrorKind::Value | NumErrorKind::Unsupported => ExcType::ValueError,
            NumErrorKind::Type => ExcType::TypeError,
            NumErrorKind::Memory => return self.new_error_noargs(ExcType::MemoryError),
        };
        self.new_error(t, e.msg)
    }

    /// A new int object from the numeric library's value.
    pub(crate) fn int_from(&mut self, v: Int) -> PyResult {
        match v {
            Int::Small(s) => self.new_int(s),
            Int::Big(b) => self.new_bigint(b),
        }
    }

    /// `a <op> b` (`BINARY_OP`), including the in-place forms, which for
    /// immutable built-ins are the same as the plain ones.
    pub fn binary_op(&mut self, a: &ObjRef, b: &ObjRef, op: BinaryOp) -> PyResult {
        if self.is_builtin_subclass_instance(a) || self.is_builtin_subclass_instance(b) {
            if let Some(v) = self.binary_special(a, b, op)? {
                return Ok(v);
            }
        }
        self.binary_op_base(a, b, op)
    }

    /// `a <op> b` with the built-in behaviour first (`int.__add__` and
    /// friends), then the operands' special methods.
    pub(crate) fn binary_op_base(&mut self, a: &ObjRef, b: &ObjRef, op: BinaryOp) -> PyResult {
        if let (Some(IntObject(IntValue::Small(x))), Some(IntObject(IntValue::Small(y)))) =
            (a.downcast::<IntObject>(), b.downcast::<IntObject>())
        {
            let r = match op.base() {
                BinaryOp::Add => x.checked_add(*y),
                BinaryOp::Subtract => x.checked_sub(*y),
                BinaryOp::Multiply => x.checked_mul(*y),
                _ => None,
            };
            if let Some(r) = r {
                return self.new_int(r);
            }
        }
        if let (Some(x), Some(y)) = (as_float(a), as_float(b)) {
            let r = match op.base() {
                BinaryOp::Add => Some(x + y),
                BinaryOp::Subtract => Some(x - y),
                BinaryOp::Multiply => Some(x * y),
                _ => None,
            };
            if let Some(r) = r {
                return self.new_float(r);
            }
        }
        if let (Some(x), Some(y)) = (num_of(a), num_of(b)) {
            return self.numeric_op(x, y, op.base());
        }
        if let Some(v) = self.binary_special(a, b, op)? {
            return Ok(v);
        }
        self.sequence_op(a, b, op)
    }

    /// Arithmetic on two numbers of any mix of int and float.
    fn numeric_op(&mut self, x: Num, y: Num, op: BinaryOp) -> PyResult {
        use crate::num::float as fl;
        match (x, y) {
            (Num::Int(x), Num::Int(y)) => {
                let r = match op {
                    BinaryOp::Add => Ok(x.add(&y)),
                    BinaryOp::Subtract => Ok(x.sub(&y)),
                    BinaryOp::Multiply => Ok(x.mul(&y)),
                    BinaryOp::FloorDivide => x.floordiv(&y),
                    BinaryOp::Remainder => x.modulo(&y),
                    BinaryOp::Lshift => x.lshift(&y),
                    BinaryOp::Rshift => x.rshift(&y),
                    BinaryOp::And => Ok(x.bitand(&y)),
                    BinaryOp::Or => Ok(x.bitor(&y)),
                    BinaryOp::Xor => Ok(x.bitxor(&y)),
                    BinaryOp::TrueDivide => {
                        let f = x.truediv(&y).map_err(|e| self.num_error(e))?;
                        return self.new_float(f);
                    }
                    BinaryOp::Power => match x.pow(&y).map_err(|e| self.num_error(e))? {
                        PowResult::Int(i) => Ok(i),
                        PowResult::Float(f) => return self.new_float(f),
                    },
                    _ => return Err(self.unsupported_operands("int", "int", op)),
                };
                let r = r.map_err(|e| self.num_error(e))?;
                self.int_from(r)
            }
            (x, y) => {
                let (xf, yf) = (self.num_to_f64(x)?, self.num_to_f64(y)?);
                let r = match op {
                    BinaryOp::Add => Ok(xf + yf),
                    BinaryOp::Subtract => Ok(xf - yf),
                    BinaryOp::Multiply => Ok(xf * yf),
                    BinaryOp::TrueDivide => fl::truediv(xf, yf),
                    BinaryOp::FloorDivide => fl::floordiv(xf, yf),
                    BinaryOp::Remainder => fl::modulo(xf, yf),
                    BinaryOp::Power => fl::pow(xf, yf),
                    _ => return Err(self.unsupported_operands("float", "float", op)),
                };
                let r = r.map_err(|e| self.num_error(e))?;
                self.new_float(r)
            }
        }
    }

    fn num_to_f64(&mut self, n: Num) -> PyResult<f64> {
        match n {
            Num::Float(f) => Ok(f),
            Num::Int(i) => i.to_f64().map_err(|e| self.num_error(e)),
        }
    }

    /// `+` and `*` on sequences, `%` on strings, and the TypeError otherwise.
    fn sequence_op(&mut self, a: &ObjRef, b: &ObjRef, op: BinaryOp) -> PyResult {
        if let Some(r) = crate::methods::binary_op_extra(self, a, b, op)? {
            return Ok(r);
        }
        match op.base() {
            BinaryOp::Add => {
                if let Some(x) = as_bytes(a) {
                    return self.bytes_concat(a, x, b);
                }
                if let (Some(x), Some(y)) = (as_str(a), as_str(b)) {
                    let mut s = String::with_capacity(x.len() + y.len());
                    s.push_str(x);
                    s.push_str(y);
                    return self.new_str(&s);
                }
                if let (Some(x), Some(y)) = (as_tuple(a), as_tuple(b)) {
                    let items: Vec<ObjRef> = x.iter().chain(y).cloned().collect();
                    return self.new_tuple(items);
                }
                if let (Some(x), Some(y)) = (as_list(a), as_list(b)) {
                    if op.is_inplace() {
                        let extra: Vec<ObjRef> = y.items.borrow().to_vec();
                        for v in extra {
                            self.list_append(x, v)?;
                        }
                        return Ok(a.clone());
                    }
                    let items: Vec<ObjRef> =
                        x.items.borrow().iter().chain(y.items.borrow().iter()).cloned().collect();
                    return self.new_list(items);
                }
            }
            BinaryOp::Multiply => {
                if let Some(r) = self.repeat(a, b, op.is_inplace())? {
                    return Ok(r);
                }
                if let Some(r) = self.repeat(b, a, false)? {
                    return Ok(r);
                }
            }
            _ => {}
        }
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        Err(self.unsupported_operands(&ta, &tb, op))
    }

    /// `seq * n`; `None` when `seq`/`n` are not a sequence and an int.
    fn repeat(&mut self, seq: &ObjRef, n: &ObjRef, inplace: bool) -> PyResult<Option<ObjRef>> {
        let kind = self.kind(seq);
        if !matches!(kind, Kind::Str | Kind::Bytes | Kind::List | Kind::Tuple)
            || !crate::objects::int::is_int(n)
        {
            return Ok(None);
        }
        let count = match as_i64(n) {
            Some(c) => c.max(0) as usize,
            None if crate::objects::int::as_bigint_sign(n) == Some(false) => 0,
            None => {
                let t = self.type_name(n);
                return Err(self.new_error(
                    ExcType::OverflowError,
                    format!("cannot fit '{t}' into an index-sized integer"),
                ));
            }
        };
        if let Some(b) = as_bytes(seq) {
            return self.bytes_repeat(seq, b, count).map(Some);
        }
        if let Some(s) = as_str(seq) {
            if s.len().checked_mul(count).is_none_or(|total| total > isize::MAX as usize / 2) {
                return Err(self.new_error_noargs(ExcType::MemoryError));
            }
            let r = s.repeat(count);
            return self.new_str(&r).map(Some);
        }
        let items: Vec<ObjRef> = match (as_tuple(seq), as_list(seq)) {
            (Some(t), _) => t.to_vec(),
            (_, Some(l)) => l.items.borrow().to_vec(),
            _ => return Ok(None),
        };
        if items.len().checked_mul(count).is_none_or(|total| total > (isize::MAX as usize) / 16) {
            return Err(self.new_error_noargs(ExcType::MemoryError));
        }
        let mut out = Vec::with_capacity(items.len() * count);
        for _ in 0..count {
            out.extend(items.iter().cloned());
        }
        // Release the copies first, so that `l *= 0` frees the old items in
        // the list's own order (last to first, as `list_clear`).
        drop(items);
        if kind == Kind::Tuple {
            return self.new_tuple(out).map(Some);
        }
        if inplace {
            if let Some(l) = as_list(seq) {
                let old = std::mem::take(&mut *l.items.borrow_mut());
                drop(old);
                for v in out {
                    self.list_append(l, v)?;
                }
                return Ok(Some(seq.clone()));
            }
        }
        self.new_list(out).map(Some)
    }

    /// `TypeError: unsupported operand type(s) for +: 'int' and 'str'`.
    #[cold]
    fn unsupported_operands(&mut self, a: &str, b: &str, op: BinaryOp) -> PyErr {
        let sym = op.symbol();
        if op.base() == BinaryOp::Add && (a == "str") != (b == "str") && a == "str" {
            return self
                .new_error(ExcType::TypeError, format!("can only concatenate str (not \"{b}\") to str"));
        }
        if op.base() == BinaryOp::Add && a == "list" && b != "list" {
            return self
                .new_error(ExcType::TypeError, format!("can only concatenate list (not \"{b}\") to list"));
        }
        if op.base() == BinaryOp::Add && a == "tuple" && b != "tuple" {
            return self
                .new_error(ExcType::TypeError, format!("can only concatenate tuple (not \"{b}\") to tuple"));
        }
        let is_seq = |t: &str| matches!(t, "str" | "bytes" | "list" | "tuple");
        if op.base() == BinaryOp::Multiply && (is_seq(a) || is_seq(b)) {
            let other = if is_seq(a) { b } else { a };
            return self.new_error(
                ExcType::TypeError,
                format!("can't multiply sequence by non-int of type '{other}'"),
            );
        }
        let msg = if op.base() == BinaryOp::Power && !op.is_inplace() {
            format!("unsupported operand type(s) for ** or pow(): '{a}' and '{b}'")
        } else {
            format!("unsupported operand type(s) for {sym}: '{a}' and '{b}'")
        };
        self.new_error(ExcType::TypeError, msg)
    }

    /// `-x`, `+x`, `~x`.
    pub fn unary_op(&mut self, v: &ObjRef, op: Opcode) -> PyResult {
        if let Some(IntObject(IntValue::Small(x))) = v.downcast::<IntObject>() {
            let r = match op {
                Opcode::UNARY_NEGATIVE => x.checked_neg(),
                Opcode::UNARY_INVERT => Some(!x),
                _ => Some(*x),
            };
            if let Some(r) = r {
                if op == Opcode::UNARY_POSITIVE && self.is_exact(v, Kind::Int) {
                    return Ok(v.clone());
                }
                return self.new_int(r);
            }
        }
        if let Some(i) = int_of(v) {
            let r = match op {
                Opcode::UNARY_NEGATIVE => i.neg(),
                Opcode::UNARY_INVERT => i.invert(),
                _ => {
                    if self.is_exact(v, Kind::Int) {
                        return Ok(v.clone());
                    }
                    i.pos()
                }
            };
            return self.int_from(r);
        }
        if let Some(f) = as_float(v) {
            match op {
                Opcode::UNARY_NEGATIVE => return self.new_float(-f),
                Opcode::UNARY_POSITIVE => return self.new_float(f),
                _ => {}
            }
        }
        if let Some(r) = self.unary_special(v, op)? {
            return Ok(r);
        }
        let sym = match op {
            Opcode::UNARY_NEGATIVE => "unary -",
            Opcode::UNARY_INVERT => "unary ~",
            _ => "unary +",
        };
        let t = self.type_name(v);
        Err(self.new_error(ExcType::TypeError, format!("bad operand type for {sym}: '{t}'")))
    }

    /// Truth value (`PyObject_IsTrue`).
    pub fn is_true(&mut self, v: &ObjRef) -> PyResult<bool> {
        if v.is(&self.true_) {
            return Ok(true);
        }
        if v.is(&self.false_) || v.is(&self.none) {
            return Ok(false);
        }
        if let Some(i) = v.downcast::<IntObject>() {
            return Ok(!matches!(i.0, IntValue::Small(0)));
        }
        if let Some(f) = as_float(v) {
            return Ok(f != 0.0);
        }
        if let Some(n) = self.builtin_len(v) {
            return Ok(n != 0);
        }
        Ok(self.bool_special(v)?.unwrap_or(true))
    }

    /// `len()` of the built-in containers, `None` for anything else.
    pub(crate) fn builtin_len(&self, v: &ObjRef) -> Option<usize> {
        if let Some((s, _)) = as_str_object(v) {
            return Some(s.nchars);
        }
        if let Some(l) = as_list(v) {
            return Some(l.items.borrow().len());
        }
        if let Some(t) = as_tuple(v) {
            return Some(t.len());
        }
        if let Some(d) = as_dict(v) {
            return Some(d.table.borrow().len());
        }
        if let Some(n) = crate::methods::len_extra(self, v) {
            return Some(n);
        }
        as_range(v).map(|r| r.len as usize)
    }

    /// `a <op> b` returning a bool object (`COMPARE_OP`).
    pub fn rich_compare(&mut self, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult {
        if let Some(v) = self.compare_special(a, b, op)? {
            return Ok(v);
        }
        let r = self.compare_builtin(a, b, op)?;
        Ok(self.new_bool(r))
    }

    /// `a <op> b` as a Rust bool.
    pub fn compare_bool(&mut self, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<bool> {
        if let (Some(x), Some(y)) = (as_i64(a), as_i64(b)) {
            return Ok(apply(op, x.cmp(&y)));
        }
        if let Some(v) = self.compare_special(a, b, op)? {
            return self.is_true(&v);
        }
        self.compare_builtin(a, b, op)
    }

    /// `a <op> b` once the special methods of instances declined (each is
    /// called once per comparison, as in CPython's `do_richcompare`).
    fn compare_builtin(&mut self, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<bool> {
        if let Some(r) = crate::methods::set_compare(self, a, b, op)? {
            return Ok(r);
        }
        if matches!(op, CompareOp::Eq | CompareOp::Ne) {
            let eq = match numeric_equal(a, b) {
                Some(eq) => eq,
                None => self.equal_builtin(a, b)?,
            };
            return Ok(eq == (op == CompareOp::Eq));
        }
        if let Some(r) = self.sequence_compare(a, b, op)? {
            return Ok(r);
        }
        match self.order(a, b)? {
            Some(ord) => Ok(apply(op, ord)),
            None if is_nan_compare(a, b) => Ok(false),
            None => {
                let (ta, tb) = (self.type_name(a), self.type_name(b));
                let sym = op.symbol();
                Err(self.new_error(
                    ExcType::TypeError,
                    format!("'{sym}' not supported between instances of '{ta}' and '{tb}'"),
                ))
            }
        }
    }

    /// `a == b` (`PyObject_RichCompare` with `Py_EQ`, identity first for
    /// containers as CPython's `PyObject_RichCompareBool` does).
    pub fn equal(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
        if let Some(eq) = numeric_equal(a, b) {
            return Ok(eq);
        }
        if let Some(v) = self.compare_special(a, b, CompareOp::Eq)? {
            return self.is_true(&v);
        }
        self.equal_builtin(a, b)
    }

    /// `a == b` without the operands' `__eq__` (`list.__eq__` and friends).
    pub(crate) fn equal_base(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
        match numeric_equal(a, b) {
            Some(eq) => Ok(eq),
            None => self.equal_builtin(a, b),
        }
    }

    /// `a == b` for built-in values, and identity for instances whose
    /// `__eq__` declined.
    fn equal_builtin(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
        if let Some(r) = crate::methods::set_compare(self, a, b, CompareOp::Eq)? {
            return Ok(r);
        }
        if let (Some(x), Some(y)) = (as_str(a), as_str(b)) {
            return Ok(x == y);
        }
        if let (Some(x), Some(y)) = (as_bytes(a), as_bytes(b)) {
            return Ok(x == y);
        }
        let (ka, kb) = (self.kind(a), self.kind(b));
        if ka != kb {
            return Ok(a.is(b));
        }
        match ka {
            Kind::List | Kind::Tuple => {
                let (x, y) = (self.sequence_items(a)?, self.sequence_items(b)?);
                if x.len() != y.len() {
                    return Ok(false);
                }
                self.enter_c(" in comparison")?;
                let mut r = Ok(true);
                for (p, q) in x.iter().zip(&y) {
                    match self.items_equal(p, q) {
                        Ok(true) => {}
                        other => {
                            r = other;
                            break;
                        }
                    }
                }
                self.leave_c();
                r
            }
            Kind::Dict => self.dicts_equal(a, b),
            Kind::WeakRef => self.weakrefs_equal(a, b),
            Kind::Range => {
                let (x, y) = (as_range(a).expect("range"), as_range(b).expect("range"));
                Ok(x.len == y.len && (x.len == 0 || x.start == y.start && (x.len == 1 || x.step == y.step)))
            }
            Kind::Method => {
                // Bound methods: the same `__self__` and equal functions.
                let m = |o: &ObjRef| {
                    let m = o.downcast::<crate::objects::descriptor::MethodObject>().expect("method");
                    (m.self_obj.clone(), m.func.clone())
                };
                let ((sa, fa), (sb, fb)) = (m(a), m(b));
                Ok(sa.is(&sb) && self.equal(&fa, &fb)?)
            }
            _ => Ok(a.is(b)),
        }
    }

    /// Item equality inside containers: identity implies equality.
    pub(crate) fn items_equal(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
        if a.is(b) {
            return Ok(true);
        }
        self.equal(a, b)
    }

    fn dicts_equal(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
        let (x, y) = (as_dict(a).expect("dict"), as_dict(b).expect("dict"));
        if x.table.borrow().len() != y.table.borrow().len() {
            return Ok(false);
        }
        let items: Vec<(ObjRef, ObjRef)> =
            x.table.borrow().items().map(|(k, v)| (k.clone(), v.clone())).collect();
        for (k, v) in items {
            match self.dict_get(y, &k)? {
                Some(w) if self.items_equal(&v, &w)? => {}
                _ => return Ok(false),
            }
        }
        Ok(true)
    }

    /// Ordering of two comparable objects, `None` when the types do not
    /// order (or a NaN is involved).
    /// `<`, `<=`, `>`, `>=` of two lists or two tuples (`list_richcompare`):
    /// the first items that differ decide, compared with `op` itself (so
    /// their `__lt__` and friends run); else the lengths.
    fn sequence_compare(&mut self, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<Option<bool>> {
        let (ka, kb) = (self.kind(a), self.kind(b));
        if ka != kb || !matches!(ka, Kind::List | Kind::Tuple) {
            return Ok(None);
        }
        let (x, y) = (self.sequence_items(a)?, self.sequence_items(b)?);
        for (p, q) in x.iter().zip(&y) {
            if !self.items_equal(p, q)? {
                self.enter_c(" in comparison")?;
                let r = self.compare_bool(p, q, op);
                self.leave_c();
                return r.map(Some);
            }
        }
        Ok(Some(apply(op, x.len().cmp(&y.len()))))
    }

    fn order(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<Option<Ordering>> {
        if let (Some(x), Some(y)) = (num_of(a), num_of(b)) {
            return Ok(match (x, y) {
                (Num::Int(x), Num::Int(y)) => Some(x.cmp(&y)),
                (Num::Float(x), Num::Float(y)) => x.partial_cmp(&y),
                (Num::Int(x), Num::Float(y)) => x.cmp_f64(y),
                (Num::Float(x), Num::Int(y)) => y.cmp_f64(x).map(Ordering::reverse),
            });
        }
        if let (Some(x), Some(y)) = (as_str(a), as_str(b)) {
            return Ok(Some(x.cmp(y)));
        }
        if let (Some(x), Some(y)) = (as_bytes(a), as_bytes(b)) {
            return Ok(Some(x.cmp(y)));
        }
        let (ka, kb) = (self.kind(a), self.kind(b));
        if ka == kb && matches!(ka, Kind::List | Kind::Tuple) {
            let (x, y) = (self.sequence_items(a)?, self.sequence_items(b)?);
            for (p, q) in x.iter().zip(&y) {
                if !self.items_equal(p, q)? {
                    self.enter_c(" in comparison")?;
                    let r = self.order(p, q);
                    self.leave_c();
                    return r;
                }
            }
            return Ok(Some(x.len().cmp(&y.len())));
        }
        Ok(None)
    }

    /// `hash(v)` (`PyObject_Hash`); a string's cached hash is returned inline.
    #[inline]
    pub fn hash(&mut self, v: &ObjRef) -> PyResult<i64> {
        if let Some((s, _)) = as_str_object(v) {
            let h = s.hash.get();
            if h != -1 {
                return Ok(h);
            }
        }
        self.hash_slow(v)
    }

    #[inline(never)]
    fn hash_slow(&mut self, v: &ObjRef) -> PyResult<i64> {
        if self.is_builtin_subclass_instance(v) {
            if let Some(h) = self.hash_special(v)? {
                return Ok(h);
            }
        }
        self.hash_base(v)
    }

    /// `hash(v)` of a built-in value, without a subclass's `__hash__`.
    pub(crate) fn hash_base(&mut self, v: &ObjRef) -> PyResult<i64> {
        if let Some((s, text)) = as_str_object(v) {
            let h = s.hash.get();
            if h != -1 {
                return Ok(h);
            }
            let h = crate::num::hash::str_hash(text, self.hash_key);
            s.hash.set(h);
            return Ok(h);
        }
        if let Some((b, data)) = as_bytes_object(v) {
            return Ok(self.bytes_hash(b, data));
        }
        if let Some(i) = v.downcast::<IntObject>() {
            return Ok(match &i.0 {
                IntValue::Small(x) => Int::Small(*x).hash(),
                IntValue::Big(b) => Int::Big((**b).clone()).hash(),
            });
        }
        if let Some(f) = as_float(v) {
            return Ok(crate::num::float::hash(f, v.id()));
        }
        if let Some(items) = as_tuple(v) {
            let items = items.to_vec();
            let mut h = crate::num::hash::TupleHasher::new();
            for item in &items {
                h.add(self.hash(item)?);
            }
            return Ok(h.finish());
        }
        match self.kind(v) {
            Kind::WeakRef | Kind::WeakProxy => self.weakref_hash(v),
            Kind::FrozenSet => Ok(self.frozenset_hash(crate::objects::set::as_set(v).expect("frozenset"))),
            Kind::List | Kind::Dict | Kind::Slice | Kind::Set | Kind::DictKeys | Kind::DictItems => {
                let t = self.type_name(v);
                Err(self.new_error(ExcType::TypeError, format!("unhashable type: '{t}'")))
            }
            _ => match self.hash_special(v)? {
                Some(h) => Ok(h),
                None => Ok(crate::num::hash::pointer_hash(v.id())),
            },
        }
    }
}

/// True when a failed ordering was between numbers (a NaN): the comparison
/// is then simply false, not a TypeError.
fn is_nan_compare(a: &ObjRef, b: &ObjRef) -> bool {
    num_of(a).is_some() && num_of(b).is_some()
}

/// Applies a comparison operator to an ordering.
fn apply(op: CompareOp, ord: Ordering) -> bool {
    match op {
        CompareOp::Lt => ord == Ordering::Less,
        CompareOp::Le => ord != Ordering::Greater,
        CompareOp::Eq => ord == Ordering::Equal,
        CompareOp::Ne => ord != Ordering::Equal,
        CompareOp::Gt => ord == Ordering::Greater,
        CompareOp::Ge => ord != Ordering::Less,
    }
}

impl Vm {
    /// `FORMAT_VALUE`: `f"{v!conv:spec}"`. `conv` is 0 (none), 1 (`!s`),
    /// 2 (`!r`) or 3 (`!a`).
    pub fn format_value(&mut self, v: &ObjRef, conv: u32, spec: Option<&ObjRef>) -> PyResult {
        let v = match conv {
            1 => self.to_str(v)?,
            2 | 3 => self.repr(v)?,
            _ => v.clone(),
        };
        let spec = spec.and_then(as_str).unwrap_or("").to_string();
        self.format(&v, &spec)
    }

    /// `format(v, spec)` for the built-in types.
    pub fn format(&mut self, v: &ObjRef, spec: &str) -> PyResult {
        if spec.is_empty() {
            return self.to_str(v);
        }
        use crate::num::format as fmt;
        let text = if let Some(f) = as_float(v) {
            fmt::format_float(f, spec)
        } else if let Some(i) = int_of(v) {
            let tn = self.type_name(v);
            fmt::format_int_as(&i, spec, &tn)
        } else if let Some(s) = as_str(v) {
            let s = s.to_string();
            return self.format_str(&s, spec);
        } else {
            let t = self.type_name(v);
            return Err(self.new_error(
                ExcType::TypeError,
                format!("unsupported format string passed to {t}.__format__"),
            ));
        };
        let text = text.map_err(|e| self.num_error(e))?;
        self.new_str(&text)
    }

    /// Width, fill and alignment for strings (`format('ab', '>5')`).
    fn format_str(&mut self, s: &str, spec: &str) -> PyResult {
        let chars: Vec<char> = spec.chars().collect();
        let (fill, align, rest) = match chars.as_slice() {
            [f, a, ..] if matches!(a, '<' | '>' | '^') => (*f, *a, &chars[2..]),
            [a, ..] if matches!(a, '<' | '>' | '^') => (' ', *a, &chars[1..]),
            _ => (' ', '<', &chars[..]),
        };
        let rest: String = rest.iter().collect();
        if let Some(c) = rest.chars().last().filter(|c| c.is_ascii_alphabetic() && *c != 's') {
            let msg = format!("Unknown format code '{c}' for object of type 'str'");
            return Err(self.new_error(ExcType::ValueError, msg));
        }
        let (width, prec) = match rest.split_once('.') {
            Some((w, p)) => (w.parse().unwrap_or(0), p.trim_end_matches('s').parse::<usize>().ok()),
            None => (rest.trim_end_matches('s').parse().unwrap_or(0usize), None),
        };
        let body: String = match prec {
            Some(p) => s.chars().take(p).collect(),
            None => s.to_string(),
        };
        let n = body.chars().count();
        let pad = width.saturating_sub(n);
        let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
        let out = match align {
            '>' => format!("{}{body}", f(pad)),
            '^' => format!("{}{body}{}", f(pad / 2), f(pad - pad / 2)),
            _ => format!("{body}{}", f(pad)),
        };
        self.new_str(&out)
    }
}
