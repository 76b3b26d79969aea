//! Classes defined in Python whose base is a built-in type other than
//! `object` (`class Stack(list)`, `class Point(tuple)`, `class Money(int)`).
//!
//! An instance has its built-in base's payload, so every built-in operation
//! (`len`, indexing, arithmetic, methods) works on it unchanged, and a
//! managed `__dict__` in the heap's pre-header for its attributes
//! (`Py_TPFLAGS_MANAGED_DICT`). Creation follows `type_call`: `__new__`
//! builds the object — for immutable bases the value is computed by the base
//! type's constructor and copied into an object of the subclass — and then
//! `__init__` runs (for mutable bases, `list.__init__` and friends fill it).
//!
//! Special methods the class overrides win over the built-in behaviour:
//! the protocol entry points ask [`Vm::override_special`] first. The
//! built-in versions stay reachable as slot wrappers (`list.__getitem__`,
//! `dict.__setitem__`, …), so `super().__setitem__(k, v)` runs the base's.

use std::cell::{Cell, RefCell};

use refpy_heap::{alloc, alloc_str, alloc_var, ObjRef};

use crate::errors::{ExcType, PyResult};
use crate::objects::dict::{as_dict, DictObject, DictTable};
use crate::objects::float::{as_float, FloatObject};
use crate::objects::function::BuiltinFn;
use crate::objects::int::{IntObject, IntValue};
use crate::objects::list::{as_list, ListObject, LIST_BASICSIZE};
use crate::objects::set::{as_set, SetObject, SetTable, SET_BASICSIZE};
use crate::objects::str::{as_str_object, str_basicsize, StrObject};
use crate::objects::tuple::{as_tuple, tuple_basicsize, TupleObject};
use crate::types::{as_type, type_data, Kind};
use crate::Vm;

/// Built-in kinds a class defined in Python may derive from, besides
/// `object` and the exceptions.
pub(crate) fn is_subclassable(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::List
            | Kind::Dict
            | Kind::Set
            | Kind::FrozenSet
            | Kind::Tuple
            | Kind::Str
            | Kind::Int
            | Kind::Float
    )
}

/// Bases whose instances are filled by `__init__` rather than made whole by `__new__`.
fn is_mutable(kind: Kind) -> bool {
    matches!(kind, Kind::List | Kind::Dict | Kind::Set)
}

impl Vm {
    /// True if `obj`'s type is exactly the built-in type of kind `kind`
    /// (`PyLong_CheckExact` and friends), not a subclass defined in Python.
    #[inline]
    pub(crate) fn is_exact(&self, obj: &ObjRef, kind: Kind) -> bool {
        as_type(obj.ob_type_ref()).is_some_and(|t| t.kind == kind && !t.heap)
    }

    /// True if `obj` is an instance of a Python subclass of a built-in type.
    #[inline]
    pub(crate) fn is_builtin_subclass_instance(&self, obj: &ObjRef) -> bool {
        // The slot flag first: the common case (a built-in object) stops here.
        obj.has_heap_type() && as_type(obj.ob_type_ref()).is_some_and(|t| t.heap && is_subclassable(t.kind))
    }

    /// `obj.name(*args)` when `obj` is an instance of a Python subclass of a
    /// built-in type whose class defines `name` in Python; `Ok(None)` lets the
    /// caller go on with the built-in behaviour.
    #[inline]
    pub(crate) fn override_special(
        &mut self,
        obj: &ObjRef,
        name: &'static str,
        args: &[ObjRef],
    ) -> PyResult<Option<ObjRef>> {
        if !self.is_builtin_subclass_instance(obj) {
            return Ok(None);
        }
        self.user_special(obj, name, args)
    }

    /// The built-in type a class defined in Python derives its layout from
    /// (`solid_base`): the first built-in type in its MRO.
    pub(crate) fn builtin_base(&self, cls: &ObjRef) -> ObjRef {
        let mro = type_data(cls).mro.borrow();
        mro.iter().find(|c| !type_data(c).heap).cloned().unwrap_or_else(|| self.types.object.clone())
    }

    /// `base.__new__(cls, *args)` for a built-in `base` and a subclass `cls`:
    /// an empty container for mutable bases; otherwise the value the base's
    /// constructor makes from `args`, copied into a new instance of `cls`.
    pub(crate) fn builtin_subclass_new(
        &mut self,
        cls: &ObjRef,
        args: &[ObjRef],
        kwnames: Option<&[ObjRef]>,
    ) -> PyResult {
        let kind = type_data(cls).kind;
        if is_mutable(kind) {
            return self.empty_of_type(cls, kind);
        }
        let base = self.builtin_base(cls);
        let value = crate::builtins::call_type(self, &base, args, kwnames)?;
        self.copy_into_type(cls, &value)
    }

    /// A new empty list, dict or set whose type is `cls`.
    fn empty_of_type(&mut self, cls: &ObjRef, kind: Kind) -> PyResult {
        let r = match kind {
            Kind::List => {
                let items = RefCell::new(refpy_heap::HeapVec::new());
                alloc(cls, ListObject { items }, LIST_BASICSIZE)
            }
            Kind::Dict => alloc(cls, DictObject { table: RefCell::new(DictTable::new()) }, 48),
            _ => {
                let payload = SetObject { table: RefCell::new(SetTable::new()), hash: Cell::new(-1) };
                alloc(cls, payload, SET_BASICSIZE)
            }
        };
        r.map_err(|_| self.memory_error())
    }

    /// A new instance of `cls` holding a copy of the immutable built-in
    /// value `value` (a tuple, str, int, float or frozenset).
    fn copy_into_type(&mut self, cls: &ObjRef, value: &ObjRef) -> PyResult {
        let r = if let Some(items) = as_tuple(value) {
            alloc_var(cls, TupleObject, items.iter().cloned(), tuple_basicsize(items.len()))
        } else if let Some((s, text)) = as_str_object(value) {
            let payload = StrObject::new(s.nchars);
            alloc_str(cls, payload, text, str_basicsize(s.nchars, 0xff))
        } else if let Some(IntObject(v)) = value.downcast::<IntObject>() {
            let v = match v {
                IntValue::Small(i) => IntValue::Small(*i),
                IntValue::Big(b) => IntValue::Big(b.clone()),
            };
            alloc(cls, IntObject(v), crate::objects::int::int_basicsize(1))
        } else if let Some(f) = as_float(value) {
            alloc(cls, FloatObject(f), 24)
        } else if let Some(s) = as_set(value) {
            let table = std::mem::take(&mut *s.table.borrow_mut());
            alloc(cls, SetObject { table: RefCell::new(table), hash: Cell::new(-1) }, SET_BASICSIZE)
        } else {
            let t = self.type_name(value);
            return Err(
                self.new_error(ExcType::TypeError, format!("cannot make a subclass instance from '{t}'"))
            );
        };
        r.map_err(|_| self.memory_error())
    }
}

/// Slot wrappers: the built-in behaviour of special methods, reachable by
/// name on built-in types (`list.__getitem__`) and through `super()`.
pub(crate) fn slot_wrapper(kind: Kind, name: &str) -> Option<(&'static str, BuiltinFn)> {
    if !is_subclassable(kind) && kind != Kind::Bool {
        return None;
    }
    let mutable = is_mutable(kind);
    let container = !matches!(kind, Kind::Int | Kind::Bool | Kind::Float);
    let indexable = matches!(kind, Kind::List | Kind::Dict | Kind::Tuple | Kind::Str);
    let found: (&'static str, BuiltinFn) = match name {
        "__new__" => ("__new__", slot_new),
        "__init__" if mutable => ("__init__", slot_init),
        "__getitem__" if indexable => ("__getitem__", slot_getitem),
        "__setitem__" if matches!(kind, Kind::List | Kind::Dict) => ("__setitem__", slot_setitem),
        "__delitem__" if matches!(kind, Kind::List | Kind::Dict) => ("__delitem__", slot_delitem),
        "__len__" if container => ("__len__", slot_len),
        "__contains__" if container => ("__contains__", slot_contains),
        "__iter__" if container => ("__iter__", slot_iter),
        "__repr__" => ("__repr__", slot_repr),
        "__str__" => ("__str__", slot_str),
        "__hash__" if !mutable => ("__hash__", slot_hash),
        "__eq__" => ("__eq__", slot_eq),
        "__ne__" => ("__ne__", slot_ne),
        "__add__" => ("__add__", slot_add),
        _ => return None,
    };
    Some(found)
}

/// The receiver of a slot wrapper, or CPython's "needs an argument" error.
fn receiver<'a>(vm: &mut Vm, args: &'a [ObjRef], name: &str, want: usize) -> PyResult<&'a ObjRef> {
    match args {
        [first, rest @ ..] if rest.len() == want => Ok(first),
        [_, rest @ ..] => Err(vm.new_error(
            ExcType::TypeError,
            format!("expected {want} argument{}, got {}", if want == 1 { "" } else { "s" }, rest.len()),
        )),
        [] => Err(vm.new_error(ExcType::TypeError, format!("descriptor '{name}' needs an argument"))),
    }
}

/// `T.__new__(cls, *args)`: `object.__new__` for plain classes, the
/// built-in base's for subclasses of built-in types.
pub(crate) fn slot_new(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let Some((cls, rest)) = args.split_first() else {
        return Err(vm.new_error(ExcType::TypeError, "__new__(): not enough arguments"));
    };
    let Some(td) = as_type(cls) else {
        let t = vm.type_name(cls);
        return Err(vm.new_error(ExcType::TypeError, format!("__new__(X): X is not a type object ({t})")));
    };
    match td.kind {
        _ if !td.heap => crate::builtins::call_type(vm, cls, rest, kw),
        Kind::Instance => vm.new_instance(cls),
        Kind::Exception => {
            let nkw = kw.map_or(0, <[ObjRef]>::len);
            let a = vm.new_tuple_from(&rest[..rest.len() - nkw])?;
            vm.new_exception(cls, a)
        }
        _ => vm.builtin_subclass_new(cls, rest, kw),
    }
}

/// `list.__init__(self, iterable=())`, `dict.__init__(self, *a, **kw)` and
/// `set.__init__(self, iterable=())`: refill `self` from the arguments.
fn slot_init(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let Some((obj, rest)) = args.split_first() else {
        return Err(vm.new_error(ExcType::TypeError, "descriptor '__init__' needs an argument"));
    };
    let kind = vm.kind(obj);
    let base = match kind {
        Kind::List => vm.types.list.clone(),
        Kind::Dict => vm.types.dict.clone(),
        _ => vm.types.set.clone(),
    };
    // The base's constructor checks the arguments and builds the contents,
    // which then move into `self`, replacing what it held.
    let value = crate::builtins::call_type(vm, &base, rest, kw)?;
    if let (Some(dst), Some(src)) = (as_list(obj), as_list(&value)) {
        let items = std::mem::take(&mut *src.items.borrow_mut());
        let old = std::mem::replace(&mut *dst.items.borrow_mut(), items);
        drop(old);
    } else if let (Some(dst), Some(src)) = (as_dict(obj), as_dict(&value)) {
        if dst.table.borrow().is_empty() {
            let table = std::mem::take(&mut *src.table.borrow_mut());
            *dst.table.borrow_mut() = table;
        } else {
            vm.dict_update(obj, &value)?;
        }
    } else if let (Some(dst), Some(src)) = (as_set(obj), as_set(&value)) {
        let table = std::mem::take(&mut *src.table.borrow_mut());
        let old = std::mem::replace(&mut *dst.table.borrow_mut(), table);
        drop(old);
    }
    if !obj.is_tracked() && obj.slots().flags & refpy_heap::flags::HAVE_GC != 0 {
        obj.track();
    }
    Ok(vm.none.clone())
}

fn slot_getitem(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let obj = receiver(vm, args, "__getitem__", 1)?;
    vm.get_item_base(obj, &args[1])
}

fn slot_setitem(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let obj = receiver(vm, args, "__setitem__", 2)?;
    vm.set_item_base(obj, args[1].clone(), args[2].clone())?;
    Ok(vm.none.clone())
}

fn slot_delitem(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let obj = receiver(vm, args, "__delitem__", 1)?;
    vm.del_item_base(obj, &args[1])?;
    Ok(vm.none.clone())
}

fn slot_len(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let obj = receiver(vm, args, "__len__", 0)?;
    let n = vm.builtin_len(obj).unwrap_or(0);
    vm.new_int(n as i64)
}

fn slot_contains(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let obj = receiver(vm, args, "__contains__", 1)?;
    let r = vm.contains_base(obj, &args[1])?;
    Ok(vm.new_bool(r))
}

fn slot_iter(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let obj = receiver(vm, args, "__iter__", 0)?;
    vm.get_iter_base(obj)
}

fn slot_repr(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let obj = receiver(vm, args, "__repr__", 0)?;
    let s = vm.repr_base(obj)?;
    vm.new_str(&s)
}

fn slot_str(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let obj = receiver(vm, args, "__str__", 0)?;
    let s = match as_str_object(obj) {
        Some((_, text)) => text.to_string(),
        None => vm.repr_base(obj)?,
    };
    vm.new_str(&s)
}

fn slot_hash(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let obj = receiver(vm, args, "__hash__", 0)?;
    let h = vm.hash_base(obj)?;
    vm.new_int(h)
}

fn slot_eq(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let obj = receiver(vm, args, "__eq__", 1)?;
    let r = vm.equal_base(obj, &args[1])?;
    Ok(vm.new_bool(r))
}

fn slot_ne(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let obj = receiver(vm, args, "__ne__", 1)?;
    let r = vm.equal_base(obj, &args[1])?;
    Ok(vm.new_bool(!r))
}

fn slot_add(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let obj = receiver(vm, args, "__add__", 1)?;
    vm.binary_op_base(obj, &args[1], refpy_compiler::BinaryOp::Add)
}
