//! Bound methods and the descriptor types `property`, `staticmethod`,
//! `classmethod` and `getset_descriptor`.

use std::cell::RefCell;

use refpy_heap::{alloc, ObjRef};

use crate::errors::{ExcType, PyResult};
use crate::methods::Method;
use crate::objects::dict::as_dict;
use crate::types::type_data;
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

/// Payload of a `getset_descriptor`: the `__dict__` or `__weakref__` entry
/// `type_new` puts in a class whose instances gain that attribute
/// (`subtype_getsets_full`), and the class it belongs to (`d_type`).
pub struct GetSetDescriptor {
    pub name: &'static str,
    pub owner: ObjRef,
}

/// The methods of a `getset_descriptor`.
pub(crate) const GETSET_METHODS: &[Method] = &[("__get__", getset_get_method)];

impl Vm {
    /// A class's own `__dict__` or `__weakref__` descriptor.
    pub(crate) fn new_getset(&mut self, name: &'static str, owner: &ObjRef) -> PyResult {
        let ty = self.types.getset_descriptor.clone();
        alloc(&ty, GetSetDescriptor { name, owner: owner.clone() }, 48).map_err(|_| self.memory_error())
    }

    /// `descr.__get__(obj)`: the instance dict, or the first weak reference
    /// to `obj` (None without one). `obj` must be an instance of the owner.
    pub(crate) fn getset_get(&mut self, d: &GetSetDescriptor, obj: &ObjRef) -> PyResult {
        self.getset_check(d, obj)?;
        if d.name == "__weakref__" {
            let first = crate::objects::weakref::first_weakref(obj);
            return Ok(first.unwrap_or_else(|| self.none.clone()));
        }
        let key = self.intern("__dict__")?;
        self.get_attr(obj, &key)
    }

    /// `obj.__dict__ = value` / `del obj.__dict__` through the descriptor
    /// (`subtype_setdict`); `__weakref__` is read-only.
    pub(crate) fn getset_set(
        &mut self,
        d: &GetSetDescriptor,
        obj: &ObjRef,
        value: Option<ObjRef>,
    ) -> PyResult<()> {
        self.getset_check(d, obj)?;
        if d.name == "__weakref__" {
            let owner = type_data(&d.owner).name.clone();
            return Err(self.new_error(
                ExcType::AttributeError,
                format!("attribute '__weakref__' of '{owner}' objects is not writable"),
            ));
        }
        if let Some(v) = value.as_ref().filter(|v| as_dict(v).is_none()) {
            let t = self.type_name(v);
            return Err(self.new_error(
                ExcType::TypeError,
                format!("__dict__ must be set to a dictionary, not a '{t}'"),
            ));
        }
        // `del obj.__dict__` empties the slot; a new dict comes on the next store.
        if let Some(cell) = crate::class::instance_dict_cell(obj) {
            let old = std::mem::replace(&mut *cell.borrow_mut(), value);
            drop(old);
        }
        Ok(())
    }

    /// `descr_check`: the descriptor applies to instances of its class only.
    fn getset_check(&mut self, d: &GetSetDescriptor, obj: &ObjRef) -> PyResult<()> {
        if self.is_subtype(obj.ob_type_ref(), &d.owner) {
            return Ok(());
        }
        let (owner, t) = (type_data(&d.owner).name.clone(), self.type_name(obj));
        Err(self.new_error(
            ExcType::TypeError,
            format!("descriptor '{}' for '{owner}' objects doesn't apply to a '{t}' object", d.name),
        ))
    }

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

/// `descr_traverse`: the owner class.
pub fn getset_traverse(op: &ObjRef, visit: refpy_heap::Visit<'_>) {
    if let Some(d) = op.downcast::<GetSetDescriptor>() {
        visit(&d.owner);
    }
}

/// `repr()` of a getset descriptor.
pub(crate) fn getset_repr(d: &GetSetDescriptor) -> String {
    format!("<attribute '{}' of '{}' objects>", d.name, type_data(&d.owner).name)
}

/// `getset_descriptor.__get__(self, obj, type=None)`: the descriptor itself
/// when `obj` is None (and `type` is not).
fn getset_get_method(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let d = crate::methods::self_arg(vm, args, "getset_descriptor", "__get__", |o| {
        o.downcast::<GetSetDescriptor>()
    })?;
    // CPython unpacks these arguments under an empty function name, hence the leading space.
    let obj = match &args[1..] {
        [o] | [o, _] => o,
        [] => return Err(vm.new_error(ExcType::TypeError, " expected at least 1 argument, got 0")),
        more => {
            let n = more.len();
            return Err(vm.new_error(ExcType::TypeError, format!(" expected at most 2 arguments, got {n}")));
        }
    };
    if obj.is(&vm.none) {
        if args.get(2).is_none_or(|t| t.is(&vm.none)) {
            return Err(vm.new_error(ExcType::TypeError, "__get__(None, None) is invalid"));
        }
        return Ok(args[0].clone());
    }
    vm.getset_get(d, obj)
}
