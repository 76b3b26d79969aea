//! The `weakref` module. The core (`ref`, `proxy`, `getweakrefcount`,
//! `getweakrefs`, the types) is native (`objects/weakref.rs`, CPython's
//! `_weakref`); `WeakValueDictionary`, `WeakKeyDictionary`, `WeakSet` and
//! `finalize` are Python code run into the module at import, as CPython's
//! `Lib/weakref.py` is Python (refpy's own, smaller versions).

use refpy_heap::ObjRef;

use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::dict::as_dict;
use crate::objects::module::as_module;
use crate::Vm;

/// The Python part of the module.
const PRELUDE: &str = r#"
class WeakValueDictionary:
    """Mapping whose values are weak references; an entry goes when its value dies."""

    def __init__(self, other=(), /, **kw):
        self.data = {}
        self._selfref = ref(self)
        self.update(other, **kw)

    def _remover(self, key):
        selfref = self._selfref
        def remove(wr):
            d = selfref()
            if d is not None and d.data.get(key) is wr:
                del d.data[key]
        return remove

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self.data[key] = ref(value, self._remover(key))

    def __delitem__(self, key):
        del self.data[key]

    def __len__(self):
        n = 0
        for wr in list(self.data.values()):
            if wr() is not None:
                n += 1
        return n

    def __contains__(self, key):
        wr = self.data.get(key)
        return wr is not None and wr() is not None

    def get(self, key, default=None):
        wr = self.data.get(key)
        if wr is None:
            return default
        o = wr()
        return default if o is None else o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def pop(self, key, *args):
        wr = self.data.pop(key, None)
        o = None if wr is None else wr()
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o

    def update(self, other=(), /, **kw):
        if hasattr(other, "items"):
            other = other.items()
        for k, v in other:
            self[k] = v
        for k, v in kw.items():
            self[k] = v

    def items(self):
        for k, wr in list(self.data.items()):
            o = wr()
            if o is not None:
                yield k, o

    def keys(self):
        for k, wr in list(self.data.items()):
            if wr() is not None:
                yield k

    __iter__ = keys

    def values(self):
        for wr in list(self.data.values()):
            o = wr()
            if o is not None:
                yield o

    def valuerefs(self):
        return list(self.data.values())

    def copy(self):
        new = WeakValueDictionary()
        for k, v in self.items():
            new[k] = v
        return new

    def __repr__(self):
        return "<WeakValueDictionary at %#x>" % id(self)


class WeakKeyDictionary:
    """Mapping whose keys are weak references; an entry goes when its key dies."""

    def __init__(self, dict=None):
        self.data = {}
        selfref = ref(self)
        def remove(k):
            d = selfref()
            if d is not None:
                try:
                    del d.data[k]
                except KeyError:
                    pass
        self._remove = remove
        if dict is not None:
            self.update(dict)

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __len__(self):
        n = 0
        for wr in list(self.data):
            if wr() is not None:
                n += 1
        return n

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def pop(self, key, *args):
        return self.data.pop(ref(key), *args)

    def update(self, dict=None, /, **kw):
        if dict is not None:
            if hasattr(dict, "items"):
                dict = dict.items()
            for k, v in dict:
                self[k] = v
        for k, v in kw.items():
            self[k] = v

    def items(self):
        for wr, v in list(self.data.items()):
            o = wr()
            if o is not None:
                yield o, v

    def keys(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    __iter__ = keys

    def values(self):
        for wr, v in list(self.data.items()):
            if wr() is not None:
                yield v

    def keyrefs(self):
        return list(self.data)

    def copy(self):
        new = WeakKeyDictionary()
        for k, v in self.items():
            new[k] = v
        return new

    def __repr__(self):
        return "<WeakKeyDictionary at %#x>" % id(self)


class WeakSet:
    """Set of weak references; an element goes when it dies."""

    def __init__(self, data=None):
        self.data = set()
        selfref = ref(self)
        def remove(wr):
            s = selfref()
            if s is not None:
                s.data.discard(wr)
        self._remove = remove
        if data is not None:
            for x in data:
                self.add(x)

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def discard(self, item):
        self.data.discard(ref(item))

    def remove(self, item):
        self.data.remove(ref(item))

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    def __len__(self):
        n = 0
        for wr in list(self.data):
            if wr() is not None:
                n += 1
        return n


class finalize:
    """Calls func(*args, **kwargs) when obj dies, unless called or detached first."""

    _registry = {}
    _counter = [0]
    _shutdown = False

    class _Info:
        pass

    def __init__(self, obj, func, /, *args, **kwargs):
        info = finalize._Info()
        info.weakref = ref(obj, self)
        info.func = func
        info.args = args
        info.kwargs = kwargs or None
        info.atexit = True
        info.index = finalize._counter[0]
        finalize._counter[0] += 1
        finalize._registry[self] = info

    def __call__(self, _=None):
        info = finalize._registry.pop(self, None)
        if info and not finalize._shutdown:
            return info.func(*info.args, **(info.kwargs or {}))

    def detach(self):
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is not None and finalize._registry.pop(self, None):
            return (obj, info.func, info.args, info.kwargs or {})

    def peek(self):
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    @property
    def alive(self):
        return self in finalize._registry

    @property
    def atexit(self):
        info = finalize._registry.get(self)
        return bool(info) and info.atexit

    @atexit.setter
    def atexit(self, value):
        info = finalize._registry.get(self)
        if info:
            info.atexit = bool(value)

    def __repr__(self):
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is None:
            return "<%s object at %#x; dead>" % (type(self).__name__, id(self))
        return "<%s object at %#x; for %r at %#x>" % (type(self).__name__, id(self), type(obj).__name__, id(obj))

    @classmethod
    def _exitfunc(cls):
        pending = [(info.index, f) for f, info in cls._registry.items() if info.atexit]
        pending.sort()
        while pending:
            f = pending.pop()[1]
            if f in cls._registry:
                f()
        cls._shutdown = True
"#;

/// Creates the `weakref` module.
pub fn build(vm: &mut Vm) -> PyResult {
    let m = vm.new_module("weakref")?;
    let [ref_t, proxy_t, cproxy_t] = crate::objects::weakref::weakref_types(vm);
    vm.set_module_attr(&m, "ref", ref_t.clone())?;
    vm.set_module_attr(&m, "ReferenceType", ref_t)?;
    vm.set_module_attr(&m, "ProxyType", proxy_t.clone())?;
    vm.set_module_attr(&m, "CallableProxyType", cproxy_t.clone())?;
    let proxy_types = vm.new_tuple(vec![proxy_t, cproxy_t])?;
    vm.set_module_attr(&m, "ProxyTypes", proxy_types)?;
    vm.add_functions(
        &m,
        &[("proxy", weakref_proxy), ("getweakrefcount", getweakrefcount), ("getweakrefs", getweakrefs)],
    )?;
    vm.run_prelude(&m, PRELUDE)?;
    Ok(m)
}

/// `weakref.ref(obj[, callback])`: calling the type (from `call_type`).
pub fn weakref_new(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "ref", kwnames)?;
    unpack_check(vm, "__new__", args)?;
    vm.new_weakref(&args[0], args.get(1).cloned(), false)
}

/// `PyArg_UnpackTuple(args, name, 1, 2)`'s messages.
fn unpack_check(vm: &mut Vm, name: &str, args: &[ObjRef]) -> PyResult<()> {
    let n = args.len();
    if n == 0 {
        return Err(vm.new_error(ExcType::TypeError, format!("{name} expected at least 1 argument, got 0")));
    }
    if n > 2 {
        return Err(vm.new_error(ExcType::TypeError, format!("{name} expected at most 2 arguments, got {n}")));
    }
    Ok(())
}

fn weakref_proxy(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "proxy", kwnames)?;
    unpack_check(vm, "proxy", args)?;
    vm.new_weakref(&args[0], args.get(1).cloned(), true)
}

fn getweakrefcount(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "getweakrefcount", kwnames)?;
    arg_count(vm, "getweakrefcount", args, 1, 1)?;
    let n = vm.weakref_count(&args[0]);
    vm.new_int(n as i64)
}

fn getweakrefs(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "getweakrefs", kwnames)?;
    arg_count(vm, "getweakrefs", args, 1, 1)?;
    vm.weakrefs_list(&args[0])
}

/// What `atexit` does for `weakref.finalize` at shutdown (`finalize._exitfunc`):
/// the finalizers still alive with `atexit` set run, newest first, before
/// the `__main__` namespace is torn down. Nothing if `weakref` was never imported.
pub fn run_exit_finalizers(vm: &mut Vm) {
    let Some(m) = vm.modules.iter().find(|(n, _)| n == "weakref").map(|(_, m)| m.clone()) else { return };
    let d = as_module(&m).expect("module").dict.clone();
    let Ok(Some(fin)) = vm.dict_get_str(as_dict(&d).expect("module dict"), "finalize") else { return };
    let Ok(name) = vm.new_str("_exitfunc") else { return };
    let Ok(exitfunc) = vm.get_attr(&fin, &name) else { return };
    if let Err(e) = vm.call(&exitfunc, &[], None) {
        vm.write_unraisable(&exitfunc, e);
    }
    vm.run_pending_finalizers();
}
