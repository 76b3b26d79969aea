//! A small `io` module: `open` (the built-in itself), the file types it
//! returns, and `UnsupportedOperation`, what a file raises for an operation
//! its mode rules out (`except io.UnsupportedOperation:`).

use crate::errors::{ExcType, PyResult};
use crate::objects::dict::as_dict;
use crate::Vm;

/// Creates the `io` module.
pub fn build(vm: &mut Vm) -> PyResult {
    let m = vm.new_module("io")?;
    let builtins = vm.builtins.clone();
    if let Some(open) = vm.dict_get_str(as_dict(&builtins).expect("builtins dict"), "open")? {
        vm.set_module_attr(&m, "open", open)?;
    }
    let unsupported = vm.exc[ExcType::UnsupportedOperation as usize].clone();
    vm.set_module_attr(&m, "UnsupportedOperation", unsupported)?;
    let t = &vm.types;
    let types = [
        ("TextIOWrapper", t.text_file.clone()),
        ("BufferedReader", t.buffered_reader.clone()),
        ("BufferedWriter", t.buffered_writer.clone()),
        ("BufferedRandom", t.buffered_random.clone()),
    ];
    for (name, ty) in types {
        vm.set_module_attr(&m, name, ty)?;
    }
    let size = vm.new_int(crate::objects::file::CHUNK as i64)?;
    vm.set_module_attr(&m, "DEFAULT_BUFFER_SIZE", size)?;
    Ok(m)
}
