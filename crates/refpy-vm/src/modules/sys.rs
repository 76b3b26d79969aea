//! The `sys` module: the parts that exist so far (`argv`, `modules`, `path`,
//! the recursion limit, `getrefcount`, `intern`, `exit`, `maxsize`,
//! `version_info`).
//! The memory-model work adds `getsizeof` and `_debugmallocstats`; tracing
//! adds `settrace` and `gettrace` (trace/mod.rs).

use refpy_heap::ObjRef;

use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::int::as_i64;
use crate::Vm;

/// Creates the `sys` module.
pub fn build(vm: &mut Vm) -> PyResult {
    let m = vm.new_module("sys")?;
    vm.add_functions(
        &m,
        &[
            ("getrefcount", sys_getrefcount),
            ("getrecursionlimit", sys_getrecursionlimit),
            ("setrecursionlimit", sys_setrecursionlimit),
            ("intern", sys_intern),
            ("exit", crate::builtins::builtin_exit),
            ("getsizeof", sys_getsizeof),
            ("_debugmallocstats", sys_debugmallocstats),
            ("getallocatedblocks", sys_getallocatedblocks),
            ("settrace", sys_settrace),
            ("gettrace", sys_gettrace),
        ],
    )?;
    let argv: Vec<String> = vm.argv.clone();
    let items = argv.iter().map(|a| vm.new_str(a)).collect::<PyResult<Vec<_>>>()?;
    let argv = vm.new_list(items)?;
    vm.set_module_attr(&m, "argv", argv)?;
    for (stderr, names) in [(false, ["stdout", "__stdout__"]), (true, ["stderr", "__stderr__"])] {
        let stream = vm.new_text_stream(stderr)?;
        for name in names {
            vm.set_module_attr(&m, name, stream.clone())?;
        }
    }
    let modules = vm.sys_modules.clone();
    vm.set_module_attr(&m, "modules", modules)?;
    // `''` is the current directory: sys.path[0] for `-c`, stdin and the REPL
    // (`Vm::set_script_path` puts a script's directory there).
    let cwd = vm.empty_str.clone();
    let path = vm.new_list(vec![cwd])?;
    vm.set_module_attr(&m, "path", path)?;
    let maxsize = vm.new_int(i64::MAX)?;
    vm.set_module_attr(&m, "maxsize", maxsize)?;
    let parts = [vm.new_int(3)?, vm.new_int(11)?, vm.new_int(7)?, vm.new_str("final")?, vm.new_int(0)?];
    let version_info = vm.new_tuple(parts.to_vec())?;
    vm.set_module_attr(&m, "version_info", version_info)?;
    Ok(m)
}

/// `sys.getrefcount(obj)`: the count including the argument's own reference.
fn sys_getrefcount(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "getrefcount", kw)?;
    arg_count(vm, "getrefcount", args, 1, 1)?;
    vm.new_int(args[0].refcnt() as i64)
}

/// `sys.settrace(func)`: the global trace function (`None` removes it);
/// the events are those of CPython 3.11 (trace/mod.rs).
fn sys_settrace(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "sys.settrace", kw)?;
    arg_count(vm, "sys.settrace", args, 1, 1)?;
    let func = Some(args[0].clone()).filter(|f| !f.is(&vm.none));
    vm.set_trace_function(func);
    Ok(vm.none.clone())
}

/// `sys.gettrace()`: the global trace function, or `None`.
fn sys_gettrace(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "sys.gettrace", kw)?;
    arg_count(vm, "sys.gettrace", args, 0, 0)?;
    Ok(vm.trace.func.clone().unwrap_or_else(|| vm.none.clone()))
}

fn sys_getrecursionlimit(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "getrecursionlimit", kw)?;
    arg_count(vm, "getrecursionlimit", args, 0, 0)?;
    vm.new_int(vm.recursion_limit as i64)
}

fn sys_setrecursionlimit(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "setrecursionlimit", kw)?;
    arg_count(vm, "setrecursionlimit", args, 1, 1)?;
    let Some(n) = as_i64(&args[0]) else {
        let t = vm.type_name(&args[0]);
        return Err(
            vm.new_error(ExcType::TypeError, format!("'{t}' object cannot be interpreted as an integer"))
        );
    };
    if n < 1 {
        return Err(vm.new_error(ExcType::ValueError, "recursion limit must be greater or equal than 1"));
    }
    let depth = vm.frames.len();
    if (n as usize) <= depth {
        return Err(vm.new_error(
            ExcType::RecursionError,
            format!(
                "cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"
            ),
        ));
    }
    vm.recursion_limit = n as usize;
    Ok(vm.none.clone())
}

fn sys_intern(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "intern", kw)?;
    arg_count(vm, "intern", args, 1, 1)?;
    if vm.kind(&args[0]) != crate::types::Kind::Str {
        let t = vm.type_name(&args[0]);
        return Err(vm.new_error(ExcType::TypeError, format!("intern() argument must be str, not {t}")));
    }
    Ok(vm.intern_object(&args[0]))
}

/// `sys.getsizeof(obj[, default])`.
fn sys_getsizeof(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "getsizeof", kw)?;
    arg_count(vm, "getsizeof", args, 1, 2)?;
    match vm.getsizeof(&args[0]) {
        Ok(n) => vm.new_int(n as i64),
        // Only a TypeError gives way to the default, as in CPython.
        Err(e) if args.len() == 2 && vm.exc_matches(&e.exc, ExcType::TypeError) => Ok(args[1].clone()),
        Err(e) => Err(e),
    }
}

/// `sys._debugmallocstats()`: refpy's real arena/pool/size-class table in
/// CPython's layout, on stderr.
fn sys_debugmallocstats(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "_debugmallocstats", kw)?;
    arg_count(vm, "_debugmallocstats", args, 0, 0)?;
    vm.out.flush();
    eprint!("{}", refpy_heap::obmalloc::debug_malloc_stats());
    Ok(vm.none.clone())
}

/// `sys.getallocatedblocks()`: blocks handed out by the allocator now.
fn sys_getallocatedblocks(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "getallocatedblocks", kw)?;
    arg_count(vm, "getallocatedblocks", args, 0, 0)?;
    vm.new_int(refpy_heap::obmalloc::allocated_blocks() as i64)
}
