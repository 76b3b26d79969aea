//! `sys.stdout` and `sys.stderr`: text streams with `write` and `flush`,
//! so programs can write to them directly and pass them as `print(file=…)`.
//!
//! Standard output goes through the VM's buffer ([`crate::vm::Output`]);
//! standard error is unbuffered, and writing to it first flushes standard
//! output so the two interleave as they do on a terminal under CPython.

use std::io::Write;

use refpy_heap::ObjRef;

use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::methods::{self_arg, Method};
use crate::objects::str::as_str;
use crate::Vm;

/// Payload of a text stream: which standard stream it writes to.
pub struct TextStream {
    /// True for standard error, false for standard output.
    pub stderr: bool,
}

/// The methods of a text stream.
pub(crate) const METHODS: &[Method] = &[("write", stream_write), ("flush", stream_flush)];

impl Vm {
    /// `sys.stdout` or `sys.stderr` (a new stream object).
    pub(crate) fn new_text_stream(&mut self, stderr: bool) -> PyResult {
        let ty = self.types.text_stream.clone();
        refpy_heap::alloc(&ty, TextStream { stderr }, 48).map_err(|_| self.memory_error())
    }

    /// Writes `text` to `file`: a standard stream directly, anything else
    /// through its `write` method (`PyFile_WriteObject`).
    pub(crate) fn write_to_file(&mut self, file: &ObjRef, text: &str) -> PyResult<()> {
        if let Some(s) = file.downcast::<TextStream>() {
            self.stream_write_str(s.stderr, text);
            return Ok(());
        }
        let name = self.intern("write")?;
        let write = self.get_attr(file, &name)?;
        let s = self.new_str(text)?;
        self.call(&write, &[s], None)?;
        Ok(())
    }

    /// Writes to standard output (buffered) or standard error.
    fn stream_write_str(&mut self, stderr: bool, text: &str) {
        if stderr {
            self.out.flush();
            let mut err = std::io::stderr().lock();
            // A closed stderr is nothing a program can be told about.
            let _ = err.write_all(text.as_bytes());
        } else {
            self.out.write_str(text);
        }
    }

    /// `repr()` of a stream, as CPython's `TextIOWrapper` shows it.
    pub(crate) fn stream_repr(&self, stream: &TextStream) -> String {
        let name = if stream.stderr { "<stderr>" } else { "<stdout>" };
        format!("<_io.TextIOWrapper name='{name}' mode='w' encoding='utf-8'>")
    }
}

/// `stream.write(s)`: writes a str and returns its length in characters.
fn stream_write(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "write", kw)?;
    let stderr = self_arg(vm, args, "TextIOWrapper", "write", |o| o.downcast::<TextStream>())?.stderr;
    arg_count(vm, "TextIOWrapper.write", &args[1..], 1, 1)?;
    let text = write_arg(vm, &args[1])?.to_string();
    vm.stream_write_str(stderr, &text);
    vm.new_int(text.chars().count() as i64)
}

/// The argument of a text stream's or text file's `write`: a str, else
/// CPython's `write() argument must be str, not int`.
pub(crate) fn write_arg<'a>(vm: &mut Vm, v: &'a ObjRef) -> PyResult<&'a str> {
    match as_str(v) {
        Some(text) => Ok(text),
        None => {
            let t = vm.type_name(v);
            Err(vm.new_error(ExcType::TypeError, format!("write() argument must be str, not {t}")))
        }
    }
}

/// `stream.flush()`.
fn stream_flush(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "flush", kw)?;
    self_arg(vm, args, "TextIOWrapper", "flush", |o| o.downcast::<TextStream>())?;
    arg_count(vm, "TextIOWrapper.flush", &args[1..], 0, 0)?;
    vm.out.flush();
    Ok(vm.none.clone())
}
