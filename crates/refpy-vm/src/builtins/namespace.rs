//! Built-ins that look at or run code in namespaces: `globals`, `locals`,
//! `vars`, `dir`, `eval` and `exec`.
//!
//! A built-in function runs without a frame of its own, so "the caller" is
//! the newest frame. Inside a function `locals()` is a snapshot dict of its
//! fast locals (and cells), as in CPython 3.11; writing to it changes nothing.

use std::rc::Rc;

use refpy_heap::ObjRef;

use crate::args::bind;
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::dict::as_dict;
use crate::objects::function::BuiltinFn;
use crate::objects::str::as_str;
use crate::types::{as_type, type_data};
use crate::Vm;

/// The functions of this file, by name.
pub(super) const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("globals", builtin_globals),
    ("locals", builtin_locals),
    ("vars", builtin_vars),
    ("dir", builtin_dir),
    ("eval", builtin_eval),
    ("exec", builtin_exec),
];

/// The special names `object` gives every instance in CPython 3.11's `dir()`.
const OBJECT_DIR: &[&str] = &[
    "__class__",
    "__delattr__",
    "__dir__",
    "__doc__",
    "__eq__",
    "__format__",
    "__ge__",
    "__getattribute__",
    "__getstate__",
    "__gt__",
    "__hash__",
    "__init__",
    "__init_subclass__",
    "__le__",
    "__lt__",
    "__ne__",
    "__new__",
    "__reduce__",
    "__reduce_ex__",
    "__repr__",
    "__setattr__",
    "__sizeof__",
    "__str__",
    "__subclasshook__",
];

impl Vm {
    /// The calling frame's globals dict.
    fn caller_globals(&self) -> ObjRef {
        self.frames.last().map_or_else(|| self.builtins.clone(), |f| f.globals.clone())
    }

    /// `locals()` of the calling frame: its namespace dict at module and
    /// class level, a fresh snapshot of its local variables in a function.
    fn caller_locals(&mut self) -> PyResult {
        match self.frames.len().checked_sub(1) {
            Some(fi) => self.frame_locals(fi),
            None => self.new_dict(),
        }
    }

    /// The names `dir(obj)` lists, unsorted: the instance's attributes,
    /// its classes' names along the MRO and the built-in methods of its type.
    fn dir_names(&mut self, obj: &ObjRef) -> PyResult<Vec<String>> {
        if let Some(m) = crate::objects::module::as_module(obj) {
            let d = m.dict.clone();
            return Ok(self.dict_str_keys(&d));
        }
        let mut names: Vec<String> = Vec::new();
        let attr = self.intern("__dict__")?;
        if let Ok(d) = self.get_attr(obj, &attr) {
            if as_type(obj).is_none() {
                names.extend(self.dict_str_keys(&d));
            }
        }
        let cls = if as_type(obj).is_some() { obj.clone() } else { obj.ob_type() };
        let mro = type_data(&cls).mro.borrow().clone();
        for c in &mro {
            let td = type_data(c);
            match td.dict.get().cloned() {
                Some(d) => names.extend(self.dict_str_keys(&d)),
                None => names.extend(crate::methods::attr_names(td.kind).map(str::to_string)),
            }
        }
        names.extend(OBJECT_DIR.iter().map(|n| n.to_string()));
        names.extend(
            ["__module__", "__dict__", "__weakref__"]
                .map(String::from)
                .into_iter()
                .filter(|_| mro.first().is_some_and(|c| type_data(c).heap)),
        );
        names.sort();
        names.dedup();
        Ok(names)
    }

    /// The str keys of a dict, in order.
    fn dict_str_keys(&self, d: &ObjRef) -> Vec<String> {
        as_dict(d).map_or_else(Vec::new, |d| {
            d.table.borrow().items().filter_map(|(k, _)| as_str(k).map(str::to_string)).collect()
        })
    }

    /// Compiles `source` in `mode` for `eval`/`exec` and runs it in the
    /// given namespaces (the caller's when omitted).
    fn run_string(
        &mut self,
        func: &str,
        args: &[ObjRef],
        kw: Option<&[ObjRef]>,
        mode: refpy_compiler::Mode,
    ) -> PyResult {
        let npos = args.len() - kw.map_or(0, <[ObjRef]>::len);
        unpack_count(self, func, npos, 1, 3)?;
        let a = bind(self, func, args, kw, &["source", "globals", "locals"])?;
        let source = a[0].clone().expect("bound");
        let Some(text) = as_str(&source).map(str::to_string) else {
            let msg = format!("{func}() arg 1 must be a string, bytes or code object");
            return Err(self.new_error(ExcType::TypeError, msg));
        };
        let given = |o: &Option<ObjRef>, vm: &Vm| o.clone().filter(|g| !g.is(&vm.none));
        let globals = match given(&a[1], self) {
            Some(g) if as_dict(&g).is_some() => g,
            Some(g) => {
                let msg = match func {
                    "eval" => "globals must be a dict".to_string(),
                    _ => format!("{func}() globals must be a dict, not {}", self.type_name(&g)),
                };
                return Err(self.new_error(ExcType::TypeError, msg));
            }
            None => self.caller_globals(),
        };
        let locals = match given(&a[2], self) {
            Some(l) if as_dict(&l).is_some() => l,
            Some(l) => {
                let msg = match func {
                    "eval" => "locals must be a mapping".to_string(),
                    _ => format!("locals must be a mapping or None, not {}", self.type_name(&l)),
                };
                return Err(self.new_error(ExcType::TypeError, msg));
            }
            None if given(&a[1], self).is_some() => globals.clone(),
            None => self.caller_locals()?,
        };
        if self.dict_get_str(as_dict(&globals).expect("dict"), "__builtins__")?.is_none() {
            let b = self.builtins.clone();
            self.dict_set_str(&globals, "__builtins__", b)?;
        }
        // eval() ignores leading spaces and tabs, as CPython does.
        let text =
            if mode == refpy_compiler::Mode::Eval { text.trim_start_matches([' ', '\t']) } else { &text };
        let code = refpy_compiler::compile_source(text, "<string>", mode)
            .map_err(|e| self.syntax_error_exception(&e, text))?;
        // `PyRun_StringFlags`: the parser arena lives until the code has run.
        let run = self.load_code_in_arena(&Rc::new(code))?;
        self.run_code_in(&run.code, &globals, &locals)
    }
}

/// `PyArg_UnpackTuple`'s argument-count messages ("eval expected at least 1 argument, got 0").
fn unpack_count(vm: &mut Vm, name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if n < min {
        let msg = format!("{name} expected at least {min} argument{}, got {n}", plural(min));
        return Err(vm.new_error(ExcType::TypeError, msg));
    }
    if n > max {
        let msg = format!("{name} expected at most {max} argument{}, got {n}", plural(max));
        return Err(vm.new_error(ExcType::TypeError, msg));
    }
    Ok(())
}

/// `globals()`.
fn builtin_globals(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "globals", kw)?;
    arg_count(vm, "globals", args, 0, 0)?;
    Ok(vm.caller_globals())
}

/// `locals()`.
fn builtin_locals(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "locals", kw)?;
    arg_count(vm, "locals", args, 0, 0)?;
    vm.caller_locals()
}

/// `vars([object])`: `object.__dict__`, or `locals()` without an argument.
fn builtin_vars(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "vars", kw)?;
    unpack_count(vm, "vars", args.len(), 0, 1)?;
    let Some(obj) = args.first() else { return vm.caller_locals() };
    let name = vm.intern("__dict__")?;
    vm.get_attr(obj, &name)
        .map_err(|_| vm.new_error(ExcType::TypeError, "vars() argument must have __dict__ attribute"))
}

/// `dir([object])`: a sorted list of names.
fn builtin_dir(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "dir", kw)?;
    unpack_count(vm, "dir", args.len(), 0, 1)?;
    let mut names = match args.first() {
        Some(obj) => vm.dir_names(obj)?,
        None => {
            let l = vm.caller_locals()?;
            vm.dict_str_keys(&l)
        }
    };
    names.sort();
    let items = names.iter().map(|n| vm.new_str(n)).collect::<PyResult<Vec<_>>>()?;
    vm.new_list(items)
}

/// `eval(source, globals=None, locals=None)`.
fn builtin_eval(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    vm.run_string("eval", args, kw, refpy_compiler::Mode::Eval)
}

/// `exec(source, globals=None, locals=None)`: always returns None.
fn builtin_exec(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    vm.run_string("exec", args, kw, refpy_compiler::Mode::Exec)?;
    Ok(vm.none.clone())
}
