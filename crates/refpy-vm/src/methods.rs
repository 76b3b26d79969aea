//! Methods of the built-in types (`list.append`, `dict.get`, `str.join`, …).
//!
//! Each method is a [`BuiltinFn`] whose first argument is `self`. [`lookup`]
//! finds them by the receiver's [`Kind`] and the attribute name, which is
//! what `LOAD_METHOD` and attribute access on built-ins use; [`type_attr`]
//! serves `T.name` on a built-in type: a class method such as
//! `dict.fromkeys` bound to the type ([`lookup_class`]), or a plain method
//! called with `self` as its first argument (`str.upper('a')`).

mod bytes;
pub(crate) mod codecs;
mod dict;
mod list;
pub(crate) mod list_sort;
mod misc;
mod number;
mod set;
mod string;

use refpy_heap::ObjRef;

use crate::errors::{ExcType, PyResult};
use crate::objects::function::BuiltinFn;
use crate::types::{as_type, Kind};
use crate::Vm;

pub(crate) use set::set_compare;

/// A method: its name and implementation.
pub type Method = (&'static str, BuiltinFn);

/// The method `name` of built-in kind `kind`.
pub fn lookup(kind: Kind, name: &str) -> Option<Method> {
    table(kind).iter().find(|(n, _)| *n == name).copied()
}

/// The methods of built-in kind `kind` (empty for kinds without any here).
pub fn table(kind: Kind) -> &'static [Method] {
    match kind {
        Kind::List => list::METHODS,
        Kind::Dict => dict::METHODS,
        Kind::Str => string::METHODS,
        Kind::Bytes => bytes::METHODS,
        Kind::Set => set::SET_METHODS,
        Kind::FrozenSet => set::FROZENSET_METHODS,
        Kind::Tuple => misc::TUPLE_METHODS,
        Kind::Int | Kind::Bool => number::INT_METHODS,
        Kind::Float => number::FLOAT_METHODS,
        Kind::TextStream => crate::objects::textio::METHODS,
        Kind::File => crate::objects::file::METHODS,
        Kind::GetSetDescriptor => crate::objects::descriptor::GETSET_METHODS,
        _ => &[],
    }
}

/// The class method `name` of the built-in type of kind `kind` (called with
/// the type as its first argument; a static method such as `str.maketrans`
/// ignores it).
pub fn lookup_class(kind: Kind, name: &str) -> Option<Method> {
    let table = match kind {
        Kind::Dict => dict::CLASS_METHODS,
        Kind::Bytes => bytes::CLASS_METHODS,
        Kind::Str => string::CLASS_METHODS,
        Kind::Int | Kind::Bool => number::INT_CLASS_METHODS,
        Kind::Float => number::FLOAT_CLASS_METHODS,
        _ => return None,
    };
    table.iter().find(|(n, _)| *n == name).copied()
}

/// The attribute names of built-in kind `kind` that `dir()` and the "Did
/// you mean" hint know: its methods and its data attributes.
pub fn attr_names(kind: Kind) -> impl Iterator<Item = &'static str> {
    table(kind).iter().map(|(n, _)| *n).chain(number::data_attr_names(kind).iter().copied())
}

/// The numeric data attributes: `x.real`, `x.imag`, `x.numerator` and
/// `x.denominator` of an int or bool, `x.real` and `x.imag` of a float
/// (subclass instances included); `None` for any other object or name.
pub(crate) fn numeric_attr(vm: &mut Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    number::data_attr(vm, obj, name)
}

/// A class method of the built-in base of an instance of a class defined
/// in Python (`MyDict().fromkeys`, `MyInt(1).from_bytes`), bound to the
/// instance's class as `classmethod.__get__` binds `type(obj)`.
pub(crate) fn subclass_class_method(vm: &mut Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    if !vm.is_builtin_subclass_instance(obj) {
        return Ok(None);
    }
    match lookup_class(vm.kind(obj), name) {
        Some((n, f)) => vm.new_builtin(n, f, Some(obj.ob_type())).map(Some),
        None => Ok(None),
    }
}

/// The name of the type defining `name` when it is a (read-only) data
/// attribute of built-in kind `kind` (`int` for a bool's `real`).
pub(crate) fn data_attr_owner(kind: Kind, name: &str) -> Option<&'static str> {
    let owner = if kind == Kind::Float { "float" } else { "int" };
    number::data_attr_names(kind).contains(&name).then_some(owner)
}

/// `T.name` for a type `T` whose own lookup found nothing: a class method
/// of its built-in kind bound to `T`, or an unbound method (`str.upper`).
pub(crate) fn type_attr(vm: &mut Vm, ty: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(td) = as_type(ty) else { return Ok(None) };
    let kind = td.kind;
    if name == "mro" {
        return vm.new_builtin("mro", type_mro, Some(ty.clone())).map(Some);
    }
    if let Some((n, f)) = lookup_class(kind, name) {
        return vm.new_builtin(n, f, Some(ty.clone())).map(Some);
    }
    match lookup(kind, name) {
        Some((n, f)) => vm.new_builtin(n, f, None).map(Some),
        None => Ok(None),
    }
}

/// `type.mro(cls)`: the method resolution order as a new list.
fn type_mro(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::call::no_kwargs(vm, "mro", kw)?;
    let Some(td) = args.first().and_then(as_type).filter(|_| args.len() == 1) else {
        let n = args.len().saturating_sub(1);
        return Err(vm.new_error(ExcType::TypeError, format!("type.mro() takes no arguments ({n} given)")));
    };
    let mro = td.mro.borrow().clone();
    vm.new_list(mro)
}

/// The receiver of a method of type `tyname`, checked with `get`:
/// CPython's errors for `str.upper()` and `str.upper(1)`.
pub(crate) fn self_arg<'a, T: ?Sized>(
    vm: &mut Vm,
    args: &'a [ObjRef],
    tyname: &str,
    name: &str,
    get: impl Fn(&'a ObjRef) -> Option<&'a T>,
) -> PyResult<&'a T> {
    let Some(first) = args.first() else {
        return Err(
            vm.new_error(ExcType::TypeError, format!("unbound method {tyname}.{name}() needs an argument"))
        );
    };
    match get(first) {
        Some(v) => Ok(v),
        None => {
            let t = vm.type_name(first);
            Err(vm.new_error(
                ExcType::TypeError,
                format!("descriptor '{name}' for '{tyname}' objects doesn't apply to a '{t}' object"),
            ))
        }
    }
}

/// Binary operators of the types in this module that `ops.rs` does not
/// handle itself: set algebra, `str % args`, and `list += iterable`.
pub(crate) fn binary_op_extra(
    vm: &mut Vm,
    a: &ObjRef,
    b: &ObjRef,
    op: refpy_compiler::BinaryOp,
) -> PyResult<Option<ObjRef>> {
    use refpy_compiler::BinaryOp;
    if let Some(r) = set::set_binary_op(vm, a, b, op)? {
        return Ok(Some(r));
    }
    if op.base() == BinaryOp::Remainder {
        if let Some(fmt) = crate::objects::str::as_str(a) {
            return crate::pyformat::str_percent(vm, fmt, b).map(Some);
        }
    }
    if op == BinaryOp::InplaceAdd && vm.kind(a) == Kind::List && vm.kind(b) != Kind::List {
        vm.list_extend(a, b)?;
        return Ok(Some(a.clone()));
    }
    if op.base() == BinaryOp::Or && vm.kind(a) == Kind::Dict {
        return dict_union(vm, a, b, op.is_inplace());
    }
    Ok(None)
}

/// `a | b` (a new plain dict) and `a |= b` (`a` updated from any mapping or
/// iterable of pairs), PEP 584.
fn dict_union(vm: &mut Vm, a: &ObjRef, b: &ObjRef, inplace: bool) -> PyResult<Option<ObjRef>> {
    if inplace {
        vm.dict_merge_any(a, b)?;
        return Ok(Some(a.clone()));
    }
    if vm.kind(b) != Kind::Dict {
        return Ok(None);
    }
    let d = vm.new_dict()?;
    vm.dict_update(&d, a)?;
    vm.dict_update(&d, b)?;
    Ok(Some(d))
}

/// `len()` of bytes, sets and dict views.
pub(crate) fn len_extra(vm: &Vm, v: &ObjRef) -> Option<usize> {
    match vm.kind(v) {
        Kind::Bytes => crate::objects::bytes::as_bytes(v).map(<[u8]>::len),
        Kind::Set | Kind::FrozenSet => Some(vm.set_len(v)),
        Kind::DictKeys | Kind::DictValues | Kind::DictItems => vm.dict_view_len(v),
        _ => None,
    }
}
