//! Descriptors defined in Python: class attributes whose class has
//! `__get__` (and, for data descriptors, `__set__` or `__delete__`), as
//! `PyObject_GenericGetAttr` and `PyObject_GenericSetAttr` use them.
//!
//! A data descriptor wins over the instance's `__dict__`; a non-data one
//! (only `__get__`) loses to it. Reading the attribute on the class calls
//! `__get__(None, cls)`.

use refpy_heap::ObjRef;

use crate::errors::PyResult;
use crate::Vm;

impl Vm {
    /// True if `d` is an instance of a Python class defining `name`.
    fn descr_has(&mut self, d: &ObjRef, name: &'static str) -> PyResult<bool> {
        if !self.is_heap_instance(d) {
            return Ok(false);
        }
        let ty = d.ob_type();
        Ok(self.python_defined(&ty, name)?.is_some())
    }

    /// `d` is a data descriptor (`__set__` or `__delete__`) with `__get__`
    /// or without it: such a class attribute takes precedence over the
    /// instance dict.
    pub(crate) fn is_data_descriptor(&mut self, d: &ObjRef) -> PyResult<bool> {
        Ok(self.descr_has(d, "__set__")? || self.descr_has(d, "__delete__")?)
    }

    /// `d.__get__(obj, owner)` if `d`'s class defines `__get__`; `Ok(None)`
    /// otherwise (`obj` None for access through the class).
    pub(crate) fn descr_get(
        &mut self,
        d: &ObjRef,
        obj: Option<&ObjRef>,
        owner: &ObjRef,
    ) -> PyResult<Option<ObjRef>> {
        if !self.descr_has(d, "__get__")? {
            return Ok(None);
        }
        let inst = obj.cloned().unwrap_or_else(|| self.none.clone());
        self.call_special(d, "__get__", &[inst, owner.clone()])
    }

    /// `d.__set__(obj, value)` or `d.__delete__(obj)` for a data descriptor;
    /// `Ok(false)` when `d` has no such method.
    pub(crate) fn descr_set(&mut self, d: &ObjRef, obj: &ObjRef, value: Option<ObjRef>) -> PyResult<bool> {
        let (name, args) = match value {
            Some(v) => ("__set__", vec![obj.clone(), v]),
            None => ("__delete__", vec![obj.clone()]),
        };
        if !self.descr_has(d, name)? {
            return Ok(false);
        }
        self.call_special(d, name, &args)?;
        Ok(true)
    }
}
