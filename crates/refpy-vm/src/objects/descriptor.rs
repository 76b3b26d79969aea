//! Bound methods and the descriptor types `property`, `staticmethod` and
//! `classmethod`.

use std::cell::RefCell;

use refpy_heap::{alloc, ObjRef};

use crate::errors::PyResult;
use crate::Vm;

/// Payload of a bound method (`PyMethodObject`): the function and `__self__`.
pub struct MethodObject {
    pub func: ObjRef,
    pub self_obj: ObjRef,
}

/// Payload of a `property`.
pub struct PropertyObject {
    pub fget: Option<ObjRef>,
    pub fset: Option<ObjRef>,
    pub fdel: Option<ObjRef>,
    pub doc: RefCell<Option<ObjRef>>,
}

/// Payload of `staticmethod` and `classmethod` objects: the wrapped callable.
pub struct WrapperObject {
    pub func: ObjRef,
}

impl Vm {
    /// A bound method of `func` on `self_obj`.
    pub fn new_method(&mut self, func: ObjRef, self_obj: ObjRef) -> PyResult {
        let ty = self.types.method.clone();
        alloc(&ty, MethodObject { func, self_obj }, 48).map_err(|_| self.memory_error())
    }

    /// A `property` with the given accessor functions.
    pub fn new_property(
        &mut self,
        fget: Option<ObjRef>,
        fset: Option<ObjRef>,
        fdel: Option<ObjRef>,
    ) -> PyResult {
        let ty = self.types.property.clone();
        let p = PropertyObject { fget, fset, fdel, doc: RefCell::new(None) };
        alloc(&ty, p, 56).map_err(|_| self.memory_error())
    }

    /// A `staticmethod` (`ty` = the staticmethod type) or `classmethod` wrapper.
    pub fn new_wrapper(&mut self, ty: &ObjRef, func: ObjRef) -> PyResult {
        alloc(ty, WrapperObject { func }, 32).map_err(|_| self.memory_error())
    }
}
