//! The `gc` module (3.11's `Modules/gcmodule.c`, Python side) and the VM's
//! side of the collector: [`VmGcHooks`], through which the heap's collector
//! runs finalizers, `gc.callbacks` and debug output, and
//! [`collect_pending`], the automatic collection the eval loop runs at its
//! interrupt checks once an allocation crossed threshold 0.

use refpy_heap::gc::{self as heap_gc, CollectResult, GcHooks};
use refpy_heap::ObjRef;

use crate::args::bind;
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyErr, PyResult};
use crate::objects::dict::as_dict;
use crate::objects::generator::as_generator;
use crate::objects::int::as_i64;
use crate::objects::list::as_list;
use crate::objects::module::as_module;
use crate::Vm;

/// Creates the `gc` module.
pub fn build(vm: &mut Vm) -> PyResult {
    let m = vm.new_module("gc")?;
    vm.add_functions(
        &m,
        &[
            ("enable", gc_enable),
            ("disable", gc_disable),
            ("isenabled", gc_isenabled),
            ("collect", gc_collect),
            ("get_count", gc_get_count),
            ("get_threshold", gc_get_threshold),
            ("set_threshold", gc_set_threshold),
            ("get_debug", gc_get_debug),
            ("set_debug", gc_set_debug),
            ("get_objects", gc_get_objects),
            ("get_stats", gc_get_stats),
            ("is_tracked", gc_is_tracked),
            ("is_finalized", gc_is_finalized),
            ("get_referrers", gc_get_referrers),
            ("get_referents", gc_get_referents),
            ("freeze", gc_freeze),
            ("unfreeze", gc_unfreeze),
            ("get_freeze_count", gc_get_freeze_count),
        ],
    )?;
    let garbage = vm.new_list(Vec::new())?;
    vm.set_module_attr(&m, "garbage", garbage)?;
    let callbacks = vm.new_list(Vec::new())?;
    vm.set_module_attr(&m, "callbacks", callbacks)?;
    for (name, value) in [
        ("DEBUG_STATS", heap_gc::DEBUG_STATS),
        ("DEBUG_COLLECTABLE", heap_gc::DEBUG_COLLECTABLE),
        ("DEBUG_UNCOLLECTABLE", heap_gc::DEBUG_UNCOLLECTABLE),
        ("DEBUG_SAVEALL", heap_gc::DEBUG_SAVEALL),
        ("DEBUG_LEAK", heap_gc::DEBUG_LEAK),
    ] {
        let v = vm.new_int(i64::from(value))?;
        vm.set_module_attr(&m, name, v)?;
    }
    Ok(m)
}

/// The automatic collection (`gc_collect_generations`), run where the eval
/// loop checks for interrupts once [`refpy_heap::gc::collection_pending`].
pub fn collect_pending(vm: &mut Vm) {
    heap_gc::collect_generations(&mut VmGcHooks { vm });
}

/// The collector's view of the VM: everything that runs Python code.
pub struct VmGcHooks<'a> {
    pub vm: &'a mut Vm,
}

impl VmGcHooks<'_> {
    /// A list attribute of the `gc` module, if it was imported.
    fn module_list(&mut self, name: &str) -> Option<ObjRef> {
        let m = self.vm.modules.iter().find(|(n, _)| n == "gc").map(|(_, m)| m.clone())?;
        let d = as_module(&m)?.dict.clone();
        let v = self.vm.dict_get_str(as_dict(&d)?, name).ok().flatten()?;
        as_list(&v).is_some().then_some(v)
    }

    /// `invoke_gc_callback`: each callable of `gc.callbacks` gets
    /// `(phase, {'generation': g, 'collected': m, 'uncollectable': n})`.
    fn invoke_callbacks(&mut self, phase: &str, generation: usize, result: CollectResult) {
        let Some(list) = self.module_list("callbacks") else { return };
        let callbacks: Vec<ObjRef> =
            as_list(&list).map(|l| l.items.borrow().iter().cloned().collect()).unwrap_or_default();
        if callbacks.is_empty() {
            return;
        }
        let info = match self.callback_info(generation, result) {
            Ok(i) => i,
            Err(_) => return,
        };
        let Ok(phase) = self.vm.new_str(phase) else { return };
        for cb in callbacks {
            if let Err(e) = self.vm.call(&cb, &[phase.clone(), info.clone()], None) {
                self.vm.write_unraisable(&cb, e);
            }
        }
    }

    fn callback_info(&mut self, generation: usize, result: CollectResult) -> PyResult {
        let info = self.vm.new_dict()?;
        for (k, v) in [
            ("generation", generation),
            ("collected", result.collected),
            ("uncollectable", result.uncollectable),
        ] {
            let v = self.vm.new_int(v as i64)?;
            self.vm.dict_set_str(&info, k, v)?;
        }
        Ok(info)
    }
}

impl GcHooks for VmGcHooks<'_> {
    fn has_finalizer(&mut self, obj: &ObjRef) -> bool {
        // Generators have a tp_finalize (`_PyGen_Finalize`), as do classes with `__del__`.
        as_generator(obj).is_some()
            || (self.vm.is_heap_instance(obj)
                && self.vm.lookup_in_mro(&obj.ob_type(), "__del__").ok().flatten().is_some())
    }

    fn finalize(&mut self, obj: &ObjRef) {
        self.vm.finalize_object(obj);
    }

    fn handle_weakrefs(&mut self, unreachable: &[ObjRef]) -> usize {
        crate::objects::weakref::handle_weakrefs(self.vm, unreachable)
    }

    fn save_garbage(&mut self, obj: &ObjRef) {
        if let Some(g) = self.module_list("garbage") {
            let _ = self.vm.list_append(as_list(&g).expect("list"), obj.clone());
        }
    }

    fn debug_print(&mut self, text: &str) {
        self.vm.out.flush();
        eprint!("{text}");
    }

    fn debug_cycle(&mut self, msg: &str, obj: &ObjRef) {
        let line = format!("gc: {msg} <{} {:#x}>\n", self.vm.type_name(obj), obj.id());
        self.debug_print(&line);
    }

    fn collection_start(&mut self, generation: usize) {
        self.invoke_callbacks("start", generation, CollectResult::default());
    }

    fn collection_stop(&mut self, generation: usize, result: CollectResult) {
        self.vm.trace_collection(generation, result);
        self.invoke_callbacks("stop", generation, result);
    }

    fn clear_freelists(&mut self) {
        crate::objects::dict::clear_keys_free_list();
    }
}

impl Vm {
    /// Runs `obj.__del__()` (`slot_tp_finalize`); an exception is printed as
    /// "Exception ignored in: …" and swallowed. The lead's finalizer work may
    /// refine this (refcount-death finalizers share it).
    /// Runs `obj`'s finalizer (`tp_finalize`): a suspended generator is
    /// closed (`_PyGen_Finalize`), an instance's `__del__` is called.
    pub fn finalize_object(&mut self, obj: &ObjRef) {
        if let Some(g) = as_generator(obj) {
            // Close a suspended generator that has started, which releases
            // its frame (and so often breaks a cycle).
            let suspended = g.saved.borrow().is_some() && !g.just_started.get() && !g.running.get();
            if suspended {
                if let Err(e) = self.gen_close(obj) {
                    self.write_unraisable(obj, e);
                }
            }
            return;
        }
        self.call_del(obj);
    }

    /// Runs the finalizers of objects whose count reached zero since the
    /// last instruction, in the order they died, then lets them go.
    /// Finalizers that release more objects queue them behind the others;
    /// the outermost call drains the queue, so the order stays death order.
    pub fn run_pending_finalizers(&mut self) {
        if self.running_finalizers {
            return;
        }
        self.running_finalizers = true;
        while let Some(obj) = refpy_heap::take_pending_finalizer() {
            // Weakref callbacks share the queue (objects/weakref.rs).
            if !self.run_weakref_callback(&obj) {
                self.finalize_object(&obj);
            }
            drop(obj);
        }
        self.running_finalizers = false;
    }

    /// Calls `obj.__del__()`, reporting an exception as unraisable.
    pub fn call_del(&mut self, obj: &ObjRef) {
        let ty = obj.ob_type();
        let Ok(Some(del)) = self.lookup_in_mro(&ty, "__del__") else { return };
        if let Err(e) = self.call(&del, std::slice::from_ref(obj), None) {
            self.write_unraisable(&del, e);
        }
    }

    /// `PyErr_WriteUnraisable(obj)`: "Exception ignored in: {repr}" and the traceback, on stderr.
    pub fn write_unraisable(&mut self, obj: &ObjRef, err: PyErr) {
        let what = self.repr_string(obj).unwrap_or_else(|_| "<object repr() failed>".to_string());
        let text = self.format_exception(&err.exc);
        self.out.flush();
        eprint!("Exception ignored in: {what}\n{text}");
    }
}

/// An int argument, with CPython's `'str' object cannot be interpreted as an integer`.
fn int_arg(vm: &mut Vm, v: &ObjRef) -> PyResult<i64> {
    as_i64(v).ok_or_else(|| {
        let t = vm.type_name(v);
        vm.new_error(ExcType::TypeError, format!("'{t}' object cannot be interpreted as an integer"))
    })
}

fn none_result(vm: &mut Vm) -> PyResult {
    Ok(vm.none.clone())
}

fn gc_enable(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "enable", kw)?;
    arg_count(vm, "enable", args, 0, 0)?;
    heap_gc::enable();
    none_result(vm)
}

fn gc_disable(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "disable", kw)?;
    arg_count(vm, "disable", args, 0, 0)?;
    heap_gc::disable();
    none_result(vm)
}

fn gc_isenabled(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "isenabled", kw)?;
    arg_count(vm, "isenabled", args, 0, 0)?;
    Ok(vm.new_bool(heap_gc::is_enabled()))
}

/// `gc.collect(generation=2)`.
fn gc_collect(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let npos = args.len() - kw.map_or(0, <[ObjRef]>::len);
    if npos > 1 {
        return Err(vm.new_error(
            ExcType::TypeError,
            format!("collect() takes at most 1 argument ({} given)", args.len()),
        ));
    }
    let bound = bind(vm, "collect", args, kw, &["generation"])?;
    let generation = match &bound[0] {
        Some(g) => int_arg(vm, g)?,
        None => 2,
    };
    if !(0..heap_gc::NUM_GENERATIONS as i64).contains(&generation) {
        return Err(vm.new_error(ExcType::ValueError, "invalid generation"));
    }
    let n = heap_gc::collect(generation as usize, &mut VmGcHooks { vm });
    vm.new_int(n as i64)
}

fn int_tuple(vm: &mut Vm, values: &[isize]) -> PyResult {
    let items = values.iter().map(|&v| vm.new_int(v as i64)).collect::<PyResult<Vec<_>>>()?;
    vm.new_tuple(items)
}

fn gc_get_count(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "get_count", kw)?;
    arg_count(vm, "get_count", args, 0, 0)?;
    // Read before allocating the result (3.11 reads the counts first too).
    let c = heap_gc::get_count();
    int_tuple(vm, &c)
}

fn gc_get_threshold(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "get_threshold", kw)?;
    arg_count(vm, "get_threshold", args, 0, 0)?;
    let t = heap_gc::get_threshold();
    int_tuple(vm, &t)
}

/// `gc.set_threshold(threshold0[, threshold1[, threshold2]])`.
fn gc_set_threshold(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "set_threshold", kw)?;
    let n = args.len();
    if n == 0 {
        return Err(vm.new_error(ExcType::TypeError, "set_threshold() takes at least 1 argument (0 given)"));
    }
    if n > 3 {
        return Err(vm.new_error(
            ExcType::TypeError,
            format!("set_threshold() takes at most 3 arguments ({n} given)"),
        ));
    }
    let mut t = [None; 3];
    for (slot, a) in t.iter_mut().zip(args) {
        // C int conversion: values are stored as given, negative ones too.
        *slot = Some(int_arg(vm, a)? as isize);
    }
    heap_gc::set_threshold(t);
    none_result(vm)
}

fn gc_get_debug(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "get_debug", kw)?;
    arg_count(vm, "get_debug", args, 0, 0)?;
    vm.new_int(i64::from(heap_gc::get_debug()))
}

fn gc_set_debug(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let bound = bind(vm, "set_debug", args, kw, &["flags"])?;
    let Some(flags) = &bound[0] else {
        return Err(vm.new_error(ExcType::TypeError, "set_debug() missing required argument 'flags' (pos 1)"));
    };
    let flags = int_arg(vm, flags)?;
    heap_gc::set_debug(flags as u32);
    none_result(vm)
}

/// `gc.get_objects(generation=None)`.
fn gc_get_objects(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let bound = bind(vm, "get_objects", args, kw, &["generation"])?;
    let generation = match &bound[0] {
        Some(g) if !g.is(&vm.none) => {
            let Some(g) = as_i64(g) else {
                let t = vm.type_name(g);
                return Err(vm.new_error(
                    ExcType::TypeError,
                    format!("argument should be integer or None, not '{t}'"),
                ));
            };
            g
        }
        _ => -1,
    };
    let generation = match generation {
        -1 => None,
        g if g < -1 => {
            return Err(vm.new_error(ExcType::ValueError, "generation parameter cannot be negative"));
        }
        g if g >= heap_gc::NUM_GENERATIONS as i64 => {
            return Err(vm.new_error(
                ExcType::ValueError,
                "generation parameter must be less than the number of available generations (3)",
            ));
        }
        g => Some(g as usize),
    };
    let objects = heap_gc::get_objects(generation);
    vm.new_list(objects)
}

fn gc_get_stats(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "get_stats", kw)?;
    arg_count(vm, "get_stats", args, 0, 0)?;
    let stats = heap_gc::get_stats();
    let mut out = Vec::with_capacity(stats.len());
    for st in stats {
        let d = vm.new_dict()?;
        for (k, v) in [
            ("collections", st.collections),
            ("collected", st.collected),
            ("uncollectable", st.uncollectable),
        ] {
            let v = vm.new_int(v as i64)?;
            vm.dict_set_str(&d, k, v)?;
        }
        out.push(d);
    }
    vm.new_list(out)
}

fn gc_is_tracked(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "gc.is_tracked", kw)?;
    arg_count(vm, "gc.is_tracked", args, 1, 1)?;
    Ok(vm.new_bool(args[0].is_tracked()))
}

fn gc_is_finalized(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "gc.is_finalized", kw)?;
    arg_count(vm, "gc.is_finalized", args, 1, 1)?;
    Ok(vm.new_bool(args[0].is_finalized()))
}

/// `gc.get_referrers(*objs)`: tracked objects of the three generations whose
/// traverse visits one of `objs`.
fn gc_get_referrers(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "get_referrers", kw)?;
    let mut out = Vec::new();
    if !args.is_empty() {
        for obj in heap_gc::get_objects(None) {
            let mut hit = false;
            obj.traverse(&mut |r: &ObjRef| hit |= args.iter().any(|a| a.is(r)));
            if hit {
                out.push(obj);
            }
        }
    }
    vm.new_list(out)
}

/// `gc.get_referents(*objs)`: what each GC object's traverse visits.
fn gc_get_referents(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "get_referents", kw)?;
    let mut out = Vec::new();
    for a in args {
        if a.is_gc() {
            out.extend(a.referents());
        }
    }
    vm.new_list(out)
}

fn gc_freeze(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "freeze", kw)?;
    arg_count(vm, "freeze", args, 0, 0)?;
    heap_gc::freeze();
    none_result(vm)
}

fn gc_unfreeze(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "unfreeze", kw)?;
    arg_count(vm, "unfreeze", args, 0, 0)?;
    heap_gc::unfreeze();
    none_result(vm)
}

fn gc_get_freeze_count(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "get_freeze_count", kw)?;
    arg_count(vm, "get_freeze_count", args, 0, 0)?;
    vm.new_int(heap_gc::get_freeze_count() as i64)
}

impl Vm {
    /// Interpreter shutdown for the `__main__` namespace (`_PyModule_ClearDict`
    /// as 3.11's `finalize_modules` runs it): names starting with one
    /// underscore are set to `None`, then every other name but
    /// `__builtins__`, in insertion order; finalizers run as objects die;
    /// then a full collection finds what is left in cycles.
    pub fn finalize_main(&mut self, globals: &ObjRef) {
        // atexit: `weakref.finalize` objects still alive run first.
        crate::modules::weakref::run_exit_finalizers(self);
        let Some(d) = as_dict(globals) else { return };
        let keys: Vec<ObjRef> = d.table.borrow().items().map(|(k, _)| k.clone()).collect();
        let single_underscore = |k: &str| k.starts_with('_') && !k.starts_with("__");
        for pass in [true, false] {
            for k in &keys {
                let Some(name) = crate::objects::str::as_str(k) else { continue };
                let take = if pass { single_underscore(name) } else { name != "__builtins__" };
                if !take {
                    continue;
                }
                let is_none =
                    d.table.borrow().get(k, self.hash(k).unwrap_or(0)).is_some_and(|v| v.is(&self.none));
                if !is_none {
                    let none = self.none.clone();
                    let _ = self.dict_set(globals, k.clone(), none);
                    self.run_pending_finalizers();
                }
            }
        }
        heap_gc::collect(2, &mut VmGcHooks { vm: self });
        self.run_pending_finalizers();
    }
}
