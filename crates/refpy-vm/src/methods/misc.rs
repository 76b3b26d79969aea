//! Methods of `tuple`.

use refpy_heap::ObjRef;

use super::{self_arg, Method};
use crate::args::start_end;
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::tuple::as_tuple;
use crate::Vm;

pub(super) const TUPLE_METHODS: &[Method] = &[("index", tuple_index), ("count", tuple_count)];

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
