//! Methods of `tuple`, `int` (and `bool`) and `float`.

use refpy_heap::ObjRef;

use super::{self_arg, Method};
use crate::args::{no_args, start_end};
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::float::as_float;
use crate::objects::tuple::as_tuple;
use crate::ops::int_of;
use crate::Vm;

pub(super) const TUPLE_METHODS: &[Method] = &[("index", tuple_index), ("count", tuple_count)];

pub(super) const INT_METHODS: &[Method] = &[("bit_length", int_bit_length), ("conjugate", int_conjugate)];

pub(super) const FLOAT_METHODS: &[Method] = &[
    ("is_integer", float_is_integer),
    ("as_integer_ratio", float_as_integer_ratio),
    ("conjugate", float_conjugate),
];

fn tuple_self<'a>(vm: &mut Vm, args: &'a [ObjRef], name: &str) -> PyResult<&'a [ObjRef]> {
    self_arg(vm, args, "tuple", name, as_tuple)
}

fn tuple_index(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let t = tuple_self(vm, args, "index")?;
    no_kwargs(vm, "index", kw)?;
    arg_count(vm, "index", &args[1..], 1, 3)?;
    let (start, stop) = start_end(vm, args.get(2), args.get(3), t.len())?;
    for (i, item) in t.iter().enumerate().take(stop).skip(start) {
        if vm.items_equal(item, &args[1])? {
            return vm.new_int(i as i64);
        }
    }
    Err(vm.new_error(ExcType::ValueError, "tuple.index(x): x not in tuple"))
}

fn tuple_count(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let t = tuple_self(vm, args, "count")?;
    no_kwargs(vm, "tuple.count", kw)?;
    arg_count(vm, "tuple.count", &args[1..], 1, 1)?;
    let mut n = 0;
    for item in t {
        if vm.items_equal(item, &args[1])? {
            n += 1;
        }
    }
    vm.new_int(n)
}

fn int_self(vm: &mut Vm, args: &[ObjRef], name: &str) -> PyResult<crate::num::Int> {
    let ok = args.first().and_then(int_of);
    let v = self_arg(vm, args, "int", name, |_| ok.as_ref())?;
    Ok(v.clone())
}

fn int_bit_length(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let i = int_self(vm, args, "bit_length")?;
    no_args(vm, "int.bit_length", args, kw)?;
    vm.new_int(i.bit_length() as i64)
}

fn int_conjugate(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let i = int_self(vm, args, "conjugate")?;
    no_args(vm, "int.conjugate", args, kw)?;
    vm.int_from(i)
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
    vm.new_float(f)
}
