//! Special methods of classes defined in Python: the operator and protocol
//! slots (`nb_add`, `tp_richcompare`, `sq_contains`, …) that CPython fills
//! from `__add__`, `__eq__`, `__contains__` and friends.
//!
//! Each entry point returns `Ok(None)` when no Python-level method applies,
//! so the caller falls through to the built-in behaviour or its TypeError.

use refpy_compiler::{BinaryOp, CompareOp, Opcode};
use refpy_heap::ObjRef;

use crate::errors::{ExcType, PyResult};
use crate::objects::function::as_function;
use crate::types::{type_data, Kind};
use crate::Vm;

/// `(forward, reflected, in-place)` method names of each binary operator.
fn binary_names(op: BinaryOp) -> (&'static str, &'static str, &'static str) {
    match op.base() {
        BinaryOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinaryOp::Subtract => ("__sub__", "__rsub__", "__isub__"),
        BinaryOp::Multiply => ("__mul__", "__rmul__", "__imul__"),
        BinaryOp::TrueDivide => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinaryOp::FloorDivide => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinaryOp::Remainder => ("__mod__", "__rmod__", "__imod__"),
        BinaryOp::Power => ("__pow__", "__rpow__", "__ipow__"),
        BinaryOp::MatrixMultiply => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinaryOp::Lshift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinaryOp::Rshift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinaryOp::And => ("__and__", "__rand__", "__iand__"),
        BinaryOp::Or => ("__or__", "__ror__", "__ior__"),
        _ => ("__xor__", "__rxor__", "__ixor__"),
    }
}

/// `(method, reflected method)` of each comparison.
fn compare_names(op: CompareOp) -> (&'static str, &'static str) {
    match op {
        CompareOp::Lt => ("__lt__", "__gt__"),
        CompareOp::Le => ("__le__", "__ge__"),
        CompareOp::Eq => ("__eq__", "__eq__"),
        CompareOp::Ne => ("__ne__", "__ne__"),
        CompareOp::Gt => ("__gt__", "__lt__"),
        CompareOp::Ge => ("__ge__", "__le__"),
    }
}

impl Vm {
    /// Calls `obj.name(*args)` if `obj`'s class defines `name` in Python.
    pub(crate) fn user_special(
        &mut self,
        obj: &ObjRef,
        name: &'static str,
        args: &[ObjRef],
    ) -> PyResult<Option<ObjRef>> {
        if !self.is_heap_instance(obj) {
            return Ok(None);
        }
        let ty = obj.ob_type();
        match self.lookup_special(&ty, name)? {
            Some(m)
                if as_function(&m).is_some()
                    || matches!(self.kind(&m), Kind::StaticMethod | Kind::ClassMethod) =>
            {
                self.call_special(obj, name, args)
            }
            _ => Ok(None),
        }
    }

    /// The result unless it is `NotImplemented`.
    fn implemented(&self, r: Option<ObjRef>) -> Option<ObjRef> {
        r.filter(|v| !v.is(&self.not_implemented))
    }

    /// `a <op> b` through `__add__`/`__radd__`/`__iadd__` and friends.
    pub(crate) fn binary_special(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: BinaryOp,
    ) -> PyResult<Option<ObjRef>> {
        if !self.is_heap_instance(a) && !self.is_heap_instance(b) {
            return Ok(None);
        }
        let (fwd, refl, inplace) = binary_names(op);
        if op.is_inplace() {
            let r = self.user_special(a, inplace, std::slice::from_ref(b))?;
            if let Some(v) = self.implemented(r) {
                return Ok(Some(v));
            }
        }
        let same_type = a.ob_type_ref().is(b.ob_type_ref());
        let b_is_subclass = !same_type && self.is_subtype(b.ob_type_ref(), a.ob_type_ref());
        if b_is_subclass {
            let r = self.user_special(b, refl, std::slice::from_ref(a))?;
            if let Some(v) = self.implemented(r) {
                return Ok(Some(v));
            }
        }
        let r = self.user_special(a, fwd, std::slice::from_ref(b))?;
        if let Some(v) = self.implemented(r) {
            return Ok(Some(v));
        }
        if !same_type && !b_is_subclass {
            let r = self.user_special(b, refl, std::slice::from_ref(a))?;
            if let Some(v) = self.implemented(r) {
                return Ok(Some(v));
            }
        }
        Ok(None)
    }

    /// True if `sub`'s MRO contains `sup`.
    pub(crate) fn is_subtype(&self, sub: &ObjRef, sup: &ObjRef) -> bool {
        type_data(sub).mro.borrow().iter().any(|c| c.is(sup))
    }

    /// `a <op> b` through `__eq__`, `__lt__`, … and their reflections; `None`
    /// when neither side implements the comparison.
    pub(crate) fn compare_special(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: CompareOp,
    ) -> PyResult<Option<ObjRef>> {
        if !self.is_heap_instance(a) && !self.is_heap_instance(b) {
            return Ok(None);
        }
        let (name, refl) = compare_names(op);
        let b_first =
            !a.ob_type_ref().is(b.ob_type_ref()) && self.is_subtype(b.ob_type_ref(), a.ob_type_ref());
        let order: [(&ObjRef, &str, &ObjRef); 2] =
            if b_first { [(b, refl, a), (a, name, b)] } else { [(a, name, b), (b, refl, a)] };
        for (x, m, y) in order {
            let r = self.user_special(x, m, std::slice::from_ref(y))?;
            if let Some(v) = self.implemented(r) {
                return Ok(Some(v));
            }
        }
        if op == CompareOp::Ne {
            // object.__ne__ inverts __eq__.
            if let Some(v) = self.compare_special(a, b, CompareOp::Eq)? {
                let t = self.is_true(&v)?;
                return Ok(Some(self.new_bool(!t)));
            }
        }
        Ok(None)
    }

    /// `-x`, `+x`, `~x` through `__neg__`, `__pos__`, `__invert__`.
    pub(crate) fn unary_special(&mut self, v: &ObjRef, op: Opcode) -> PyResult<Option<ObjRef>> {
        let name = match op {
            Opcode::UNARY_NEGATIVE => "__neg__",
            Opcode::UNARY_INVERT => "__invert__",
            _ => "__pos__",
        };
        self.user_special(v, name, &[])
    }

    /// `bool(v)` through `__bool__`, then `__len__`.
    pub(crate) fn bool_special(&mut self, v: &ObjRef) -> PyResult<Option<bool>> {
        if let Some(r) = self.user_special(v, "__bool__", &[])? {
            return match self.kind(&r) {
                Kind::Bool => Ok(Some(r.is(&self.true_))),
                _ => {
                    let t = self.type_name(&r);
                    Err(self
                        .new_error(ExcType::TypeError, format!("__bool__ should return bool, returned {t}")))
                }
            };
        }
        Ok(self.len_special(v)?.map(|n| n != 0))
    }

    /// `len(v)` through `__len__`.
    pub(crate) fn len_special(&mut self, v: &ObjRef) -> PyResult<Option<usize>> {
        let Some(r) = self.user_special(v, "__len__", &[])? else { return Ok(None) };
        match crate::objects::int::as_i64(&r) {
            Some(n) if n >= 0 => Ok(Some(n as usize)),
            Some(_) => Err(self.new_error(ExcType::ValueError, "__len__() should return >= 0")),
            None => {
                let t = self.type_name(&r);
                Err(self.new_error(
                    ExcType::TypeError,
                    format!("'{t}' object cannot be interpreted as an integer"),
                ))
            }
        }
    }

    /// `hash(v)` through `__hash__`; a class that defines `__eq__` without
    /// `__hash__` is unhashable (its `__hash__` is `None`).
    pub(crate) fn hash_special(&mut self, v: &ObjRef) -> PyResult<Option<i64>> {
        if !self.is_heap_instance(v) {
            return Ok(None);
        }
        let ty = v.ob_type();
        match self.lookup_special(&ty, "__hash__")? {
            Some(h) if h.is(&self.none) => {
                let t = self.type_name(v);
                Err(self.new_error(ExcType::TypeError, format!("unhashable type: '{t}'")))
            }
            Some(h) if as_function(&h).is_some() => {
                let r = self.call(&h, std::slice::from_ref(v), None)?;
                match crate::ops::int_of(&r) {
                    Some(i) => Ok(Some(i.hash())),
                    None => {
                        Err(self.new_error(ExcType::TypeError, "__hash__ method should return an integer"))
                    }
                }
            }
            _ => Ok(None),
        }
    }
}
