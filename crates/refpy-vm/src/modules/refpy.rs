//! The refpy-only `refpy` module: the heap CPython hides, as Python data.
//!
//! `refpy.heap()` returns a dict with the allocator's live statistics:
//! `arenas` (allocated now), `arenas_total`, `arenas_reclaimed`,
//! `arenas_highwater`, `pools`, `blocks` (pool blocks in use), `bytes`
//! (bytes in those blocks), `large_blocks`, `large_bytes`, and
//! `size_classes`: a list of `(block_size, pools, blocks_in_use,
//! avail_blocks)` tuples for the classes with pools in use — the same
//! numbers `sys._debugmallocstats()` prints.

use refpy_heap::obmalloc::{self, INDEX2SIZE};
use refpy_heap::ObjRef;

use crate::call::{arg_count, no_kwargs};
use crate::errors::PyResult;
use crate::Vm;

/// Creates the `refpy` module.
pub fn build(vm: &mut Vm) -> PyResult {
    let m = vm.new_module("refpy")?;
    vm.add_functions(&m, &[("heap", refpy_heap)])?;
    Ok(m)
}

/// `refpy.heap()`: a snapshot of the allocator's statistics.
fn refpy_heap(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "heap", kw)?;
    arg_count(vm, "heap", args, 0, 0)?;
    let s = obmalloc::stats();
    let mut classes = Vec::new();
    let mut pools = 0;
    for (i, c) in s.classes.iter().enumerate().filter(|(_, c)| c.num_pools > 0) {
        pools += c.num_pools;
        let row = [INDEX2SIZE[i], c.num_pools, c.blocks_in_use, c.avail_blocks]
            .iter()
            .map(|&n| vm.new_int(n as i64))
            .collect::<PyResult<Vec<_>>>()?;
        classes.push(vm.new_tuple(row)?);
    }
    let d = vm.new_dict()?;
    let fields = [
        ("arenas", s.arenas_allocated_current),
        ("arenas_total", s.arenas_allocated_total),
        ("arenas_reclaimed", s.arenas_reclaimed),
        ("arenas_highwater", s.arenas_highwater_mark),
        ("pools", pools),
        ("blocks", s.small_blocks_in_use()),
        ("bytes", s.bytes_in_allocated_blocks),
        ("large_blocks", s.large_blocks),
        ("large_bytes", s.large_bytes),
    ];
    for (name, value) in fields {
        let v = vm.new_int(value as i64)?;
        vm.dict_set_str(&d, name, v)?;
    }
    let l = vm.new_list(classes)?;
    vm.dict_set_str(&d, "size_classes", l)?;
    Ok(d)
}
