//! Weak reference objects (`Objects/weakrefobject.c`): `weakref.ref`
//! (`weakref.ReferenceType`) and the proxies (`weakref.ProxyType`,
//! `weakref.CallableProxyType`).
//!
//! ```text
//!  referent (GC object)          heap: slot ──► referent while it lives (WeakHandle)
//!     ▲  no strong reference
//!     │
//!  WeakrefObject { target: WeakHandle, callback, … }
//!     ▲
//!  REFS[id(referent)] = [WeakHandle to each weakref object]   (CPython's wr_prev/wr_next list)
//! ```
//!
//! Nothing here holds a strong reference to a referent or to a weakref
//! object, so both die by refcounting as in CPython. When a referent with
//! weak handles dies, the heap calls [`on_referent_death`] from `dealloc`
//! (after `__del__`, before the attributes go): its weakrefs are already
//! dead; their callbacks are moved out and the weakref objects queued behind
//! the finalizers, to run before the next instruction
//! ([`Vm::run_weakref_callback`]). In a collection [`handle_weakrefs`] does
//! CPython's step 7: every weakref to a garbage object is cleared, and the
//! callbacks of the weakrefs that are not garbage themselves run at once,
//! before any `__del__`.
//!
//! `type` objects are not GC objects in refpy and never die while
//! referenced; a weakref to a class holds it strongly instead.

use std::cell::{Cell, RefCell};

use refpy_heap::{alloc, flags, new_type_object, ObjRef, TypeSlots, WeakHandle};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::errors::{ExcType, PyResult};
use crate::types::{type_data, Kind, TypeData};
use crate::Vm;

/// `sizeof(PyWeakReference)` in 3.11 (the GC head not included).
const WEAKREF_BASICSIZE: usize = 64;

/// What a weakref refers to.
enum Target {
    /// A GC object: reachable while it lives.
    Weak(WeakHandle),
    /// A type object (not a GC object in refpy): held strongly.
    Strong(ObjRef),
}

/// The payload of `weakref.ref` and proxy objects (`PyWeakReference`).
pub struct WeakrefObject {
    target: Target,
    /// `wr_callback`: `None` once taken at the referent's death.
    pub callback: RefCell<Option<ObjRef>>,
    /// The callback taken at the referent's death, until it runs.
    pending: RefCell<Option<ObjRef>>,
    /// `hash`: cached `hash(referent)`.
    hash: Cell<Option<i64>>,
    /// Cleared by the collector (`tp_clear`) while the referent lives.
    cleared: Cell<bool>,
}

impl WeakrefObject {
    /// The referent, if alive (`PyWeakref_GET_OBJECT`).
    pub fn referent(&self) -> Option<ObjRef> {
        if self.cleared.get() {
            return None;
        }
        match &self.target {
            Target::Weak(h) => h.upgrade(),
            Target::Strong(o) => Some(o.clone()),
        }
    }
}

/// The weakref payload, if `obj` is a weakref or a proxy.
pub fn as_weakref(obj: &ObjRef) -> Option<&WeakrefObject> {
    obj.downcast::<WeakrefObject>()
}

/// `tp_traverse`: the callback (also while it waits to run).
pub fn weakref_traverse(obj: &ObjRef, visit: refpy_heap::Visit<'_>) {
    let w = as_weakref(obj).expect("weakref");
    if let Some(c) = w.callback.borrow().as_ref() {
        visit(c);
    }
    if let Some(c) = w.pending.borrow().as_ref() {
        visit(c);
    }
}

/// `tp_clear` (`clear_weakref`): the weakref goes dead and drops its callback.
pub fn weakref_clear(obj: &ObjRef) {
    let w = as_weakref(obj).expect("weakref");
    w.cleared.set(true);
    let c = w.callback.borrow_mut().take();
    drop(c);
}

thread_local! {
    /// Weakref objects per referent id, in CPython's list order (the shared
    /// callback-less ref first, then the shared proxy, then the others,
    /// newest first). Handles, not references: dead ones are pruned lazily.
    static REFS: RefCell<FxHashMap<usize, Vec<WeakHandle>>> = RefCell::new(FxHashMap::default());
}

/// The live weakref objects to the object with id `id`, in list order.
fn weakrefs_of(id: usize) -> Vec<ObjRef> {
    REFS.with(|r| {
        r.borrow().get(&id).map(|v| v.iter().filter_map(WeakHandle::upgrade).collect()).unwrap_or_default()
    })
}

/// The first live weak reference to `obj` (its `__weakref__`), if any.
pub fn first_weakref(obj: &ObjRef) -> Option<ObjRef> {
    weakrefs_of(obj.id()).into_iter().next()
}

/// The heap's death hook: the referent `id` died with its weak handles.
/// Runs inside `dealloc`; runs no Python code.
pub fn on_referent_death(id: usize) {
    let Some(handles) = REFS.with(|r| r.borrow_mut().remove(&id)) else { return };
    for h in handles {
        let Some(wr) = h.upgrade() else { continue };
        let w = as_weakref(&wr).expect("weakref");
        let cb = w.callback.borrow_mut().take();
        if let Some(cb) = cb {
            *w.pending.borrow_mut() = Some(cb);
            refpy_heap::push_pending_finalizer(wr);
        }
    }
}

/// The weakref types, made on first use: ref, proxy, callable proxy.
fn weak_types(vm: &mut Vm) -> [ObjRef; 3] {
    if let Some(t) = &vm.weakref_types {
        return t.clone();
    }
    refpy_heap::weak::set_death_hook(on_referent_death);
    let make = |name: &str, kind: Kind| {
        let object = vm.types.object.clone();
        let data = TypeData {
            name: name.to_string(),
            qualname: name.to_string(),
            module: "weakref".to_string(),
            kind,
            base: Some(object.clone()),
            bases: vec![object.clone()],
            mro: RefCell::new(Vec::new()),
            dict: std::cell::OnceCell::new(),
            heap: false,
            slot_names: Vec::new(),
            has_dict: true,
        };
        let slots = TypeSlots::new::<WeakrefObject>(flags::HAVE_GC)
            .with_traverse(weakref_traverse)
            .with_clear(weakref_clear);
        let t = new_type_object(Some(&vm.types.type_), slots, data)
            .expect("out of memory creating weakref types");
        *type_data(&t).mro.borrow_mut() = vec![t.clone(), object];
        t
    };
    let types = [
        make("ReferenceType", Kind::WeakRef),
        make("ProxyType", Kind::WeakProxy),
        make("CallableProxyType", Kind::WeakProxy),
    ];
    vm.weakref_types = Some(types.clone());
    types
}

/// The weakref types (made on first use), for the `weakref` module.
pub fn weakref_types(vm: &mut Vm) -> [ObjRef; 3] {
    weak_types(vm)
}

/// CPython's `tp_name` of `obj`'s type (`weakref.ReferenceType` for the weakref types).
pub fn tp_name(vm: &Vm, obj: &ObjRef) -> String {
    let td = type_data(obj.ob_type_ref());
    if td.module == "weakref" && matches!(td.kind, Kind::WeakRef | Kind::WeakProxy) {
        format!("weakref.{}", td.name)
    } else {
        vm.type_name(obj)
    }
}

impl Vm {
    /// How `obj` can be weakly referenced, or CPython's TypeError.
    fn weak_target(&mut self, obj: &ObjRef) -> PyResult<Target> {
        let kind = self.kind(obj);
        let ok = if self.is_heap_instance(obj) {
            !matches!(kind, Kind::Int | Kind::Bool | Kind::Tuple)
        } else {
            matches!(
                kind,
                Kind::Function
                    | Kind::BuiltinFunction
                    | Kind::Set
                    | Kind::FrozenSet
                    | Kind::Generator
                    | Kind::Method
                    | Kind::Module
                    | Kind::Type
            )
        };
        if ok {
            if kind == Kind::Type && !obj.is_gc() {
                return Ok(Target::Strong(obj.clone()));
            }
            if let Some(h) = WeakHandle::new(obj) {
                return Ok(Target::Weak(h));
            }
        }
        let t = tp_name(self, obj);
        Err(self.new_error(ExcType::TypeError, format!("cannot create weak reference to '{t}' object")))
    }

    /// `weakref.ref(obj, callback)` (`proxy` false) or `weakref.proxy(obj,
    /// callback)`: the shared callback-less one when it exists, as CPython.
    pub fn new_weakref(&mut self, obj: &ObjRef, callback: Option<ObjRef>, proxy: bool) -> PyResult {
        let callback = callback.filter(|c| !c.is(&self.none));
        let target = self.weak_target(obj)?;
        let [ref_t, proxy_t, cproxy_t] = weak_types(self);
        let ty = if !proxy {
            ref_t.clone()
        } else if self.is_callable(obj) {
            cproxy_t
        } else {
            proxy_t
        };
        let existing = weakrefs_of(obj.id());
        // get_basic_refs: the shared ref and proxy sit at the front of the list.
        let is_basic = |w: &ObjRef, want_proxy: bool| {
            let p = as_weakref(w).expect("weakref");
            p.callback.borrow().is_none() && (self.kind(w) == Kind::WeakProxy) == want_proxy
        };
        let basic_ref =
            existing.first().filter(|w| w.ob_type_ref().is(&ref_t) && is_basic(w, false)).cloned();
        let basic_proxy = existing
            .get(usize::from(basic_ref.is_some()))
            .filter(|w| self.kind(w) == Kind::WeakProxy && is_basic(w, true))
            .cloned();
        if callback.is_none() {
            if let Some(b) = if proxy { &basic_proxy } else { &basic_ref } {
                return Ok(b.clone());
            }
        }
        let payload = WeakrefObject {
            target,
            callback: RefCell::new(callback.clone()),
            pending: RefCell::new(None),
            hash: Cell::new(None),
            cleared: Cell::new(false),
        };
        let wr = alloc(&ty, payload, WEAKREF_BASICSIZE).map_err(|_| self.memory_error())?;
        let handle = WeakHandle::new(&wr).expect("weakrefs are GC objects");
        // insert_head / insert_after(prev) of weakref___new__ and PyWeakref_NewProxy.
        let pos = if callback.is_none() && !proxy {
            0
        } else if callback.is_none() {
            usize::from(basic_ref.is_some())
        } else {
            usize::from(basic_ref.is_some()) + usize::from(basic_proxy.is_some())
        };
        REFS.with(|r| {
            let mut r = r.borrow_mut();
            let list = r.entry(obj.id()).or_default();
            list.retain(WeakHandle::is_alive);
            list.insert(pos.min(list.len()), handle);
        });
        Ok(wr)
    }

    /// Whether `obj` can be called (for choosing the callable proxy type).
    fn is_callable(&mut self, obj: &ObjRef) -> bool {
        match self.kind(obj) {
            Kind::Function | Kind::BuiltinFunction | Kind::Method | Kind::Type => true,
            _ if self.is_heap_instance(obj) => {
                let ty = obj.ob_type();
                self.lookup_in_mro(&ty, "__call__").ok().flatten().is_some()
            }
            _ => false,
        }
    }

    /// `weakref.getweakrefcount(obj)`.
    pub fn weakref_count(&self, obj: &ObjRef) -> usize {
        weakrefs_of(obj.id()).len()
    }

    /// `weakref.getweakrefs(obj)`, in CPython's list order.
    pub fn weakrefs_list(&mut self, obj: &ObjRef) -> PyResult {
        let items = weakrefs_of(obj.id());
        self.new_list(items)
    }

    /// Runs the callback of a weakref queued by [`on_referent_death`];
    /// false if `obj` is not one (it is then an ordinary finalizer).
    pub fn run_weakref_callback(&mut self, obj: &ObjRef) -> bool {
        let Some(w) = as_weakref(obj) else { return false };
        let cb = w.pending.borrow_mut().take();
        if let Some(cb) = cb {
            if let Err(e) = self.call(&cb, std::slice::from_ref(obj), None) {
                self.write_unraisable(&cb, e);
            }
        }
        true
    }

    /// The referent of a proxy, or `ReferenceError`.
    pub fn proxy_referent(&mut self, proxy: &ObjRef) -> PyResult {
        match as_weakref(proxy).and_then(WeakrefObject::referent) {
            Some(o) => Ok(o),
            None => Err(self.new_error(ExcType::ReferenceError, "weakly-referenced object no longer exists")),
        }
    }

    /// Calling a weakref (its referent or None) or a callable proxy.
    pub fn call_weakref(&mut self, func: &ObjRef, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
        if self.kind(func) == Kind::WeakProxy {
            let o = self.proxy_referent(func)?;
            return self.call(&o, args, kwnames);
        }
        if kwnames.is_some_and(|k| !k.is_empty()) {
            return Err(self.new_error(ExcType::TypeError, "weakref() takes no keyword arguments"));
        }
        if !args.is_empty() {
            let n = args.len();
            return Err(self.new_error(ExcType::TypeError, format!("weakref expected 0 arguments, got {n}")));
        }
        Ok(as_weakref(func).and_then(WeakrefObject::referent).unwrap_or_else(|| self.none.clone()))
    }

    /// `repr()` of a weakref or proxy.
    pub fn weakref_repr(&mut self, v: &ObjRef) -> PyResult<String> {
        let referent = as_weakref(v).and_then(WeakrefObject::referent);
        let proxy = self.kind(v) == Kind::WeakProxy;
        let Some(o) = referent else {
            return Ok(if proxy {
                format!("<weakproxy at {:#x} to NoneType at {:#x}>", v.id(), self.none.id())
            } else {
                format!("<weakref at {:#x}; dead>", v.id())
            });
        };
        let t = tp_name(self, &o);
        if proxy {
            return Ok(format!("<weakproxy at {:#x} to {t} at {:#x}>", v.id(), o.id()));
        }
        let name = match self.kind(&o) {
            Kind::Function | Kind::Type | Kind::BuiltinFunction | Kind::Method => {
                let n = self.new_str("__name__")?;
                self.get_attr(&o, &n).ok().and_then(|n| crate::objects::str::as_str(&n).map(str::to_string))
            }
            _ => None,
        };
        Ok(match name {
            Some(n) => format!("<weakref at {:#x}; to '{t}' at {:#x} ({n})>", v.id(), o.id()),
            None => format!("<weakref at {:#x}; to '{t}' at {:#x}>", v.id(), o.id()),
        })
    }

    /// `hash()` of a weakref: the referent's, cached (`weakref_hash`).
    pub fn weakref_hash(&mut self, v: &ObjRef) -> PyResult<i64> {
        let w = as_weakref(v).expect("weakref");
        if self.kind(v) == Kind::WeakProxy {
            let t = tp_name(self, v);
            return Err(self.new_error(ExcType::TypeError, format!("unhashable type: '{t}'")));
        }
        if let Some(h) = w.hash.get() {
            return Ok(h);
        }
        let Some(o) = w.referent() else {
            return Err(self.new_error(ExcType::TypeError, "weak object has gone away"));
        };
        let h = self.hash(&o)?;
        w.hash.set(Some(h));
        Ok(h)
    }

    /// `a == b` for two weakrefs (`weakref_richcompare`): the referents
    /// compared when both live, identity otherwise.
    pub fn weakrefs_equal(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
        let ra = as_weakref(a).and_then(WeakrefObject::referent);
        let rb = as_weakref(b).and_then(WeakrefObject::referent);
        match (ra, rb) {
            (Some(x), Some(y)) => self.equal(&x, &y),
            _ => Ok(a.is(b)),
        }
    }

    /// Attributes of weakrefs (`__callback__`) and proxies (forwarded).
    pub fn weakref_getattr(&mut self, obj: &ObjRef, name: &ObjRef) -> PyResult<Option<ObjRef>> {
        if self.kind(obj) == Kind::WeakProxy {
            let o = self.proxy_referent(obj)?;
            return self.get_attr(&o, name).map(Some);
        }
        if crate::objects::str::as_str(name) == Some("__callback__") {
            let w = as_weakref(obj).expect("weakref");
            let cb = w.callback.borrow().clone();
            return Ok(Some(cb.unwrap_or_else(|| self.none.clone())));
        }
        Ok(None)
    }

    /// `proxy.name = value` / `del proxy.name`.
    pub fn proxy_setattr(&mut self, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
        let o = self.proxy_referent(obj)?;
        match value {
            Some(v) => self.set_attr(&o, name, v),
            None => self.del_attr(&o, name),
        }
    }
}

/// Equality of two weakrefs as dict keys without running Python code: the
/// referents' identity when both live, the weakrefs' identity otherwise.
/// `None` unless both are weakrefs.
pub fn weakref_keys_equal(a: &ObjRef, b: &ObjRef) -> Option<bool> {
    let (x, y) = (as_weakref(a)?, as_weakref(b)?);
    Some(match (x.referent(), y.referent()) {
        (Some(p), Some(q)) => crate::objects::dict::keys_equal(&p, &q),
        _ => a.is(b),
    })
}

/// The collector's step 7 (`handle_weakrefs`): clears every weakref to the
/// `unreachable` objects; runs the callbacks of those weakrefs that are not
/// garbage themselves; returns how many of those weakrefs were freed.
pub fn handle_weakrefs(vm: &mut Vm, unreachable: &[ObjRef]) -> usize {
    let garbage: FxHashSet<usize> = unreachable.iter().map(ObjRef::id).collect();
    let mut to_call = Vec::new();
    for obj in unreachable {
        if !refpy_heap::weak::clear_weak_handles(obj) {
            continue;
        }
        let Some(handles) = REFS.with(|r| r.borrow_mut().remove(&obj.id())) else { continue };
        for h in handles {
            let Some(wr) = h.upgrade() else { continue };
            let has_cb = as_weakref(&wr).is_some_and(|w| w.callback.borrow().is_some());
            if has_cb && !garbage.contains(&wr.id()) {
                to_call.push(wr);
            }
        }
    }
    let mut freed = 0;
    for wr in to_call {
        let cb = as_weakref(&wr).and_then(|w| w.callback.borrow().clone());
        if let Some(cb) = cb {
            if let Err(e) = vm.call(&cb, std::slice::from_ref(&wr), None) {
                vm.write_unraisable(&cb, e);
            }
        }
        if wr.refcnt() == 1 {
            freed += 1;
        }
        drop(wr);
    }
    freed
}
