//! The `collections` module: `deque`, `defaultdict`, `Counter`,
//! `OrderedDict` and `namedtuple`, written in Python (`collections.py`
//! beside this file) on top of refpy's subclasses of built-in types.

use crate::errors::PyResult;
use crate::Vm;

/// The module's Python source.
const SOURCE: &str = include_str!("collections.py");

/// Creates the `collections` module.
pub fn build(vm: &mut Vm) -> PyResult {
    let m = vm.new_module("collections")?;
    vm.run_prelude(&m, SOURCE)?;
    Ok(m)
}
