//! Classes defined in Python (CPython's `typeobject.c` for heap types):
//! the `class` statement (`__build_class__`), the C3 method resolution order,
//! attribute lookup through the MRO with descriptors, instance creation, and
//! calling special methods (`__add__`, `__repr__`, …) on instances.

use refpy_heap::{flags, new_type_object, ObjRef, TypeSlots};

use crate::errors::{ExcType, PyResult};
use crate::objects::descriptor::{GetSetDescriptor, MethodObject, PropertyObject, WrapperObject};
use crate::objects::dict::as_dict;
use crate::objects::exception::{as_exception, ExceptionObject};
use crate::objects::function::{as_function, BuiltinFn, CellObject};
use crate::objects::instance::InstanceObject;
use crate::objects::str::as_str;
use crate::typecache::Found;
use crate::types::{as_type, type_data, Kind, TypeData};
use crate::Vm;

/// What an MRO lookup found: a class dict's value, or else a built-in
/// method of a built-in class on the way.
type MroHit = (Option<ObjRef>, Option<(&'static str, BuiltinFn)>);

/// Special methods `object` provides to every class.
const OBJECT_METHODS: &[(&str, BuiltinFn)] = &[
    ("__init__", object_init),
    ("__new__", crate::subclass::slot_new),
    ("__repr__", object_repr),
    ("__str__", object_str),
    ("__eq__", object_eq),
    ("__ne__", object_ne),
    ("__hash__", object_hash),
    ("__setattr__", object_setattr),
];

/// Special methods `BaseException` provides to exception classes.
const EXCEPTION_METHODS: &[(&str, BuiltinFn)] = &[("__init__", exception_init)];

impl Vm {
    /// `__build_class__(func, name, *bases, **kwds)`: runs the class body in
    /// a fresh namespace, then creates the class.
    pub(crate) fn build_class(&mut self, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
        if kwnames.is_some_and(|k| !k.is_empty()) {
            return Err(
                self.new_error(ExcType::TypeError, "class keyword arguments are not supported by refpy yet")
            );
        }
        let [func, name, bases @ ..] = args else {
            return Err(self.new_error(ExcType::TypeError, "__build_class__: not enough arguments"));
        };
        let Some(name) = as_str(name).map(str::to_string) else {
            return Err(self.new_error(ExcType::TypeError, "__build_class__: name is not a string"));
        };
        let ns = self.new_dict()?;
        // The body returns the `__class__` cell it also stored as `__classcell__`,
        // which `make_class` fills.
        drop(self.run_class_body(func, &ns)?);
        self.make_class(&name, bases, &ns)
    }

    /// Runs a class body function with `ns` as its `LOAD_NAME`/`STORE_NAME`
    /// namespace; returns what the body returns (the `__class__` cell or None).
    fn run_class_body(&mut self, func: &ObjRef, ns: &ObjRef) -> PyResult {
        let Some(f) = as_function(func) else {
            return Err(self.new_error(ExcType::TypeError, "__build_class__: func must be a function"));
        };
        let nlocals = f.code.code.nlocalsplus();
        let locals = vec![self.null.clone(); nlocals];
        self.run_function_frame_with(func, locals, Some(ns.clone()))
    }

    /// `type(name, bases, ns)` for a `class` statement.
    pub fn make_class(&mut self, name: &str, bases: &[ObjRef], ns: &ObjRef) -> PyResult {
        let bases: Vec<ObjRef> =
            if bases.is_empty() { vec![self.types.object.clone()] } else { bases.to_vec() };
        let kind = self.instance_layout(&bases)?;
        let layout = self.apply_slots(name, &bases, ns, kind)?;
        let (add_dict, add_weakref) = (layout.add_dict, layout.add_weakref);
        let d = as_dict(ns).expect("namespace is a dict");
        // `__new__` is a static method even without the decorator.
        if let Some(f) = self.dict_get_str(d, "__new__")?.filter(|f| as_function(f).is_some()) {
            let ty = self.types.staticmethod.clone();
            let sm = self.new_wrapper(&ty, f)?;
            self.dict_set_str(ns, "__new__", sm)?;
        }
        // A class that defines __eq__ but not __hash__ is unhashable.
        if self.dict_get_str(d, "__eq__")?.is_some() && self.dict_get_str(d, "__hash__")?.is_none() {
            let none = self.none.clone();
            self.dict_set_str(ns, "__hash__", none)?;
        }
        let module = self.dict_get_str(d, "__module__")?.and_then(|m| as_str(&m).map(str::to_string));
        let qualname = self.dict_get_str(d, "__qualname__")?.and_then(|m| as_str(&m).map(str::to_string));
        // type_new keeps __qualname__ in the type, not in its __dict__.
        drop(self.namespace_take(ns, "__qualname__")?);
        let classcell = self.take_classcell(ns)?;
        let data = TypeData {
            name: name.to_string(),
            qualname: qualname.unwrap_or_else(|| name.to_string()),
            module: module.unwrap_or_else(|| "__main__".to_string()),
            kind,
            base: bases.first().cloned(),
            bases: bases.clone(),
            mro: Default::default(),
            dict: Default::default(),
            heap: true,
            slot_names: layout.names,
            has_dict: layout.has_dict,
        };
        // A class whose MRO defines __del__ gets a finalizer (`tp_finalize`).
        let mut has_del = self.dict_get_str(d, "__del__")?.is_some();
        for b in &bases {
            has_del = has_del || self.python_defined(b, "__del__")?.is_some();
        }
        let fin = if has_del { flags::HAS_FINALIZER } else { 0 };
        let gc = flags::HAVE_GC | flags::HEAPTYPE | fin;
        let slots = match kind {
            Kind::Exception => TypeSlots::new::<ExceptionObject>(gc)
                .with_traverse(crate::gc_support::exception_traverse)
                .with_clear(crate::gc_support::exception_clear),
            Kind::Instance => TypeSlots::new::<InstanceObject>(gc)
                .with_traverse(crate::gc_support::instance_traverse)
                .with_clear(crate::gc_support::instance_clear),
            _ => {
                let solid = bases.iter().find(|b| type_data(b).kind == kind).expect("layout base");
                let solid = self.builtin_base(solid);
                solid.as_type_slots().expect("type slots").subclass(fin)
            }
        };
        let meta = self.types.type_.clone();
        let cls = new_type_object(Some(&meta), slots, data).map_err(|_| self.memory_error())?;
        // The new class may sit at a freed class's address.
        crate::typecache::invalidate();
        cls.track();
        let mro = self.compute_mro(&cls, &bases)?;
        let td = type_data(&cls);
        *td.mro.borrow_mut() = mro;
        self.add_subtype_getsets(&cls, ns, add_dict, add_weakref)?;
        let _ = td.dict.set(ns.clone());
        if let Some(c) = classcell.as_ref().and_then(|c| c.downcast::<CellObject>()) {
            *c.contents.borrow_mut() = Some(cls.clone());
        }
        self.call_set_name(&cls, ns)?;
        Ok(cls)
    }

    /// The entries `type_new` adds after the class body's: the `__dict__`
    /// and `__weakref__` descriptors when the class brings them, then
    /// `__doc__` (None) when the body set none.
    fn add_subtype_getsets(&mut self, cls: &ObjRef, ns: &ObjRef, dict: bool, weakref: bool) -> PyResult<()> {
        for (name, add) in [("__dict__", dict), ("__weakref__", weakref)] {
            if add {
                let d = self.new_getset(name, cls)?;
                self.dict_set_str(ns, name, d)?;
            }
        }
        if self.dict_get_str(as_dict(ns).expect("namespace is a dict"), "__doc__")?.is_none() {
            let none = self.none.clone();
            self.dict_set_str(ns, "__doc__", none)?;
        }
        Ok(())
    }

    /// Removes `name` from a class namespace before it becomes the class's `__dict__`.
    fn namespace_take(&mut self, ns: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
        let d = as_dict(ns).expect("namespace is a dict");
        let key = self.intern(name)?;
        let hash = self.hash(&key)?;
        let removed = d.table.borrow_mut().remove(&key, hash);
        Ok(removed.map(|(_, v)| v))
    }

    /// `type_new_set_classcell`: takes `__classcell__` (stored by a class body whose
    /// methods use `super()` or `__class__`) out of the namespace; the caller sets
    /// the cell to the new class.
    fn take_classcell(&mut self, ns: &ObjRef) -> PyResult<Option<ObjRef>> {
        let Some(cell) = self.namespace_take(ns, "__classcell__")? else { return Ok(None) };
        if cell.downcast::<CellObject>().is_none() {
            let ty = self.repr_string(&cell.ob_type())?;
            return Err(self
                .new_error(ExcType::TypeError, format!("__classcell__ must be a nonlocal cell, not {ty}")));
        }
        Ok(Some(cell))
    }

    /// `type_new_set_names`: `value.__set_name__(cls, name)` for each class
    /// attribute whose class defines it (descriptors learning their name).
    fn call_set_name(&mut self, cls: &ObjRef, ns: &ObjRef) -> PyResult<()> {
        let items: Vec<(ObjRef, ObjRef)> = as_dict(ns)
            .expect("namespace is a dict")
            .table
            .borrow()
            .items()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (name, value) in items {
            if self.is_heap_instance(&value) {
                self.call_special(&value, "__set_name__", &[cls.clone(), name])?;
            }
        }
        Ok(())
    }

    /// The instance layout a class with `bases` gets (`best_base`): a plain
    /// instance, an exception, or the payload of one built-in base; two
    /// different built-in layouts conflict, as in CPython.
    fn instance_layout(&mut self, bases: &[ObjRef]) -> PyResult<Kind> {
        let mut kind = Kind::Instance;
        for b in bases {
            let Some(td) = as_type(b) else {
                return Err(self.new_error(ExcType::TypeError, "bases must be types"));
            };
            let k = match td.kind {
                Kind::Object | Kind::Instance => continue,
                k if k == Kind::Exception || crate::subclass::is_subclassable(k) => k,
                Kind::Bool | Kind::None | Kind::Range | Kind::Slice | Kind::Function | Kind::Generator => {
                    let n = td.name.clone();
                    return Err(self.new_error(
                        ExcType::TypeError,
                        format!("type '{n}' is not an acceptable base type"),
                    ));
                }
                _ => {
                    let n = td.name.clone();
                    return Err(self.new_error(
                        ExcType::TypeError,
                        format!("refpy does not support subclassing the built-in type '{n}' yet"),
                    ));
                }
            };
            if kind != Kind::Instance && kind != k {
                return Err(
                    self.new_error(ExcType::TypeError, "multiple bases have instance lay-out conflict")
                );
            }
            kind = k;
        }
        Ok(kind)
    }

    /// C3 linearisation of `cls` with `bases` (`mro_internal`).
    fn compute_mro(&mut self, cls: &ObjRef, bases: &[ObjRef]) -> PyResult<Vec<ObjRef>> {
        let mut seqs: Vec<Vec<ObjRef>> = bases.iter().map(|b| type_data(b).mro.borrow().clone()).collect();
        seqs.push(bases.to_vec());
        let mut result = vec![cls.clone()];
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                return Ok(result);
            }
            let candidate = seqs
                .iter()
                .map(|s| s[0].clone())
                .find(|c| !seqs.iter().any(|s| s[1..].iter().any(|x| x.is(c))));
            let Some(c) = candidate else {
                let names: Vec<String> = bases.iter().map(|b| type_data(b).name.clone()).collect();
                return Err(self.new_error(
                    ExcType::TypeError,
                    format!(
                        "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                        names.join(", ")
                    ),
                ));
            };
            for s in &mut seqs {
                if s[0].is(&c) {
                    s.remove(0);
                }
            }
            result.push(c);
        }
    }

    /// `_PyType_Lookup`: `name` in the dicts along `ty`'s MRO, with the
    /// special methods of `object` and `BaseException` as built-in functions.
    pub fn lookup_in_mro(&mut self, ty: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
        let key = self.intern(name)?;
        self.lookup_in_mro_obj(ty, &key)
    }

    /// [`Vm::lookup_in_mro`] for a name written in refpy's code (a special
    /// method's), without a hash-table lookup to intern it.
    pub(crate) fn lookup_special(&mut self, ty: &ObjRef, name: &'static str) -> PyResult<Option<ObjRef>> {
        let key = self.static_name(name)?;
        self.lookup_in_mro_obj(ty, &key)
    }

    /// [`Vm::lookup_in_mro`] with the name as a str object (an interned name
    /// from the code, whose hash is cached).
    pub fn lookup_in_mro_obj(&mut self, ty: &ObjRef, key: &ObjRef) -> PyResult<Option<ObjRef>> {
        match self.find_in_mro(ty, key)? {
            (Some(v), _) => Ok(Some(v)),
            (None, Some((n, f))) => self.builtin_method(n, f).map(Some),
            (None, None) => Ok(None),
        }
    }

    /// The MRO lookup without allocating: a class dict entry, or else the
    /// first built-in method on the way; through the type attribute cache.
    fn find_in_mro(&mut self, ty: &ObjRef, key: &ObjRef) -> PyResult<MroHit> {
        if let Some(found) = self.type_cache.get(ty, key) {
            if let Some(r) = self.resolve_found(ty, Some(key), found) {
                return Ok(r);
            }
        }
        let hash = self.hash(key)?;
        let found = self.locate_in_mro(ty, key, hash);
        if crate::objects::str::as_str_object(key)
            .is_some_and(|(s, _)| s.interned.get() != crate::objects::str::Interned::No)
        {
            self.type_cache.put(ty, key, found);
        }
        Ok(self.resolve_found(ty, None, found).unwrap_or((None, None)))
    }

    /// What a location holds now. For a cached location `key` is the name
    /// looked up: `None` if the entry no longer holds that very object (the
    /// lookup is then redone).
    fn resolve_found(&self, ty: &ObjRef, key: Option<&ObjRef>, found: Found) -> Option<MroHit> {
        match found {
            Found::Nothing => Some((None, None)),
            Found::Builtin(n, f) => Some((None, Some((n, f)))),
            Found::Dict { mro: at, index } => {
                let mro = type_data(ty).mro.borrow();
                let d = type_data(mro.get(at as usize)?).dict.get()?;
                let table = as_dict(d)?.table.borrow();
                let (k, v) = table.entry(index as usize)?;
                key.is_none_or(|key| k.is(key)).then(|| (Some(v.clone()), None))
            }
        }
    }

    /// The MRO walk: where `key` is, in a class dict or a built-in table
    /// (the built-in tables of `object`/`BaseException` hold only special
    /// methods, `__…__`).
    fn locate_in_mro(&self, ty: &ObjRef, key: &ObjRef, hash: i64) -> Found {
        let mro = type_data(ty).mro.borrow();
        let dunder = crate::objects::str::as_str(key).is_some_and(|n| n.starts_with("__"));
        for (i, cls) in mro.iter().enumerate() {
            let td = type_data(cls);
            if let Some(d) = td.dict.get() {
                if let Some(index) = as_dict(d).expect("class dict").table.borrow().index_of(key, hash) {
                    return Found::Dict { mro: i as u32, index: index as u32 };
                }
                continue;
            }
            if !dunder && !crate::subclass::is_subclassable(td.kind) {
                continue;
            }
            let name = crate::objects::str::as_str(key).unwrap_or("");
            if let Some((n, f)) = self.builtin_class_attr(cls, name) {
                return Found::Builtin(n, f);
            }
        }
        Found::Nothing
    }

    /// The built-in method `name` of built-in class `cls` as a base of a
    /// class defined in Python: `object`'s and `BaseException`'s special
    /// methods, and a built-in container's methods and slot wrappers.
    fn builtin_class_attr(&self, cls: &ObjRef, name: &str) -> Option<(&'static str, BuiltinFn)> {
        let kind = type_data(cls).kind;
        if crate::subclass::is_subclassable(kind) {
            // Class methods (`dict.fromkeys`) bind the class: methods::type_attr's job.
            if crate::methods::lookup_class(kind, name).is_some() {
                return None;
            }
            return crate::methods::lookup(kind, name).or_else(|| crate::subclass::slot_wrapper(kind, name));
        }
        let table = match kind {
            Kind::Object => OBJECT_METHODS,
            Kind::Exception if cls.is(&self.types.base_exception) => EXCEPTION_METHODS,
            _ => &[],
        };
        table.iter().find(|(n, _)| *n == name).copied()
    }

    /// The function object of a built-in special method, made once.
    fn builtin_method(&mut self, name: &'static str, f: BuiltinFn) -> PyResult {
        if let Some(m) =
            self.builtin_methods.iter().find(|(g, _)| std::ptr::fn_addr_eq(*g, f)).map(|(_, m)| m.clone())
        {
            return Ok(m);
        }
        let m = self.new_builtin(name, f, None)?;
        self.builtin_methods.push((f, m.clone()));
        Ok(m)
    }

    /// `name` looked up on `ty` when some class in its MRO defines it in a
    /// class body (not one of the built-in special methods).
    pub(crate) fn python_defined(&mut self, ty: &ObjRef, name: &'static str) -> PyResult<Option<ObjRef>> {
        let key = self.static_name(name)?;
        Ok(self.find_in_mro(ty, &key)?.0)
    }

    /// True if `obj`'s class was defined in Python.
    #[inline]
    pub fn is_heap_instance(&self, obj: &ObjRef) -> bool {
        as_type(obj.ob_type_ref()).is_some_and(|t| t.heap)
    }

    /// The instance dict of `obj`, creating it when `create` (instances and
    /// instances of exception classes have one).
    pub(crate) fn instance_dict(&mut self, obj: &ObjRef, create: bool) -> PyResult<Option<ObjRef>> {
        let Some(cell) = instance_dict_cell(obj) else { return Ok(None) };
        if cell.borrow().is_none() && create {
            let d = self.new_dict()?;
            if obj.downcast::<InstanceObject>().is_some() {
                // 3.11's values array: untracked, traversed through the instance (gc_support).
                d.untrack();
            }
            *cell.borrow_mut() = Some(d);
        }
        Ok(cell.borrow().clone())
    }

    /// `object.__getattribute__` for instances of Python classes (and
    /// `__getattr__` as the fallback). `Ok(None)` means "no such attribute".
    pub(crate) fn instance_getattr(&mut self, obj: &ObjRef, name: &ObjRef) -> PyResult<Option<ObjRef>> {
        let ty = obj.ob_type();
        let descr = self.lookup_in_mro_obj(&ty, name)?;
        if let Some(p) = descr.as_ref().and_then(|d| d.downcast::<PropertyObject>()) {
            let n = as_str(name).unwrap_or("").to_string();
            let Some(fget) = p.fget.clone() else {
                return Err(self.new_error(
                    ExcType::AttributeError,
                    format!("property '{n}' of '{}' object has no getter", type_data(&ty).name),
                ));
            };
            return self.call(&fget, std::slice::from_ref(obj), None).map(Some);
        }
        if let Some(g) = descr.as_ref().and_then(|d| d.downcast::<GetSetDescriptor>()) {
            return self.getset_get(g, obj).map(Some);
        }
        let user_descr = descr.as_ref().is_some_and(|d| self.is_heap_instance(d));
        if user_descr {
            let d = descr.clone().expect("checked");
            if self.is_data_descriptor(&d)? {
                if let Some(v) = self.descr_get(&d, Some(obj), &ty)? {
                    return Ok(Some(v));
                }
            }
        }
        if let Some(d) = self.instance_dict(obj, false)? {
            if let Some(v) = self.dict_get(as_dict(&d).expect("instance dict"), name)? {
                return Ok(Some(v));
            }
        }
        if let Some(d) = descr {
            if user_descr {
                if let Some(v) = self.descr_get(&d, Some(obj), &ty)? {
                    return Ok(Some(v));
                }
            }
            return self.bind_descriptor(d, obj, &ty).map(Some);
        }
        if as_str(name) != Some("__getattr__") {
            if let Some(ga) = self.lookup_special(&ty, "__getattr__")? {
                let bound = self.bind_descriptor(ga, obj, &ty)?;
                return self.call(&bound, std::slice::from_ref(name), None).map(Some);
            }
        }
        Ok(None)
    }

    /// What a class attribute becomes when read through an instance:
    /// functions bind, `staticmethod` unwraps, `classmethod` binds the class.
    fn bind_descriptor(&mut self, d: ObjRef, obj: &ObjRef, ty: &ObjRef) -> PyResult {
        match self.kind(&d) {
            Kind::MemberDescriptor => {
                let m = d.downcast::<crate::slots::MemberDescriptor>().expect("member");
                self.unset_slot_error(obj, m)
            }
            Kind::Function => self.new_method(d, obj.clone()),
            Kind::BuiltinFunction => {
                let b = d.downcast::<crate::objects::function::BuiltinFunction>().expect("builtin");
                if b.self_obj.is_some() {
                    return Ok(d);
                }
                let (name, f) = (b.name, b.func);
                self.new_builtin(name, f, Some(obj.clone()))
            }
            Kind::StaticMethod => Ok(d.downcast::<WrapperObject>().expect("wrapper").func.clone()),
            Kind::ClassMethod => {
                let f = d.downcast::<WrapperObject>().expect("wrapper").func.clone();
                self.new_method(f, ty.clone())
            }
            _ => Ok(d),
        }
    }

    /// Attribute of a class object (`type.__getattribute__`).
    pub(crate) fn class_getattr(&mut self, cls: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
        let td = type_data(cls);
        let special = match name {
            "__name__" => Some(td.name.clone()),
            "__qualname__" => Some(td.qualname.clone()),
            "__module__" if !td.heap => Some(td.module.clone()),
            _ => None,
        };
        if let Some(s) = special {
            return self.new_str(&s).map(Some);
        }
        match name {
            "__mro__" => {
                let mro = td.mro.borrow().clone();
                return self.new_tuple(mro).map(Some);
            }
            "__bases__" => {
                let bases = td.bases.clone();
                return self.new_tuple(bases).map(Some);
            }
            "__base__" => return Ok(Some(td.base.clone().unwrap_or_else(|| self.none.clone()))),
            "__dict__" if td.heap => return Ok(td.dict.get().cloned()),
            _ => {}
        }
        let Some(d) = self.lookup_in_mro(cls, name)? else { return Ok(None) };
        if let Some(v) = self.descr_get(&d, None, cls)? {
            return Ok(Some(v));
        }
        match self.kind(&d) {
            Kind::StaticMethod => Ok(Some(d.downcast::<WrapperObject>().expect("wrapper").func.clone())),
            Kind::ClassMethod => {
                let f = d.downcast::<WrapperObject>().expect("wrapper").func.clone();
                self.new_method(f, cls.clone()).map(Some)
            }
            _ => Ok(Some(d)),
        }
    }

    /// `obj.name = value` for instances of Python classes: a property's
    /// setter, a user `__setattr__`, or the instance dict.
    pub(crate) fn instance_setattr(
        &mut self,
        obj: &ObjRef,
        name: &ObjRef,
        value: Option<ObjRef>,
    ) -> PyResult<()> {
        let ty = obj.ob_type();
        let descr = self.lookup_in_mro_obj(&ty, name)?;
        if let Some(d) = descr.as_ref().filter(|d| self.is_heap_instance(d)).cloned() {
            if self.descr_set(&d, obj, value.clone())? {
                return Ok(());
            }
        }
        if let Some(p) = descr.as_ref().and_then(|d| d.downcast::<PropertyObject>()) {
            let n = as_str(name).unwrap_or("").to_string();
            let (f, what) = match &value {
                Some(_) => (p.fset.clone(), "setter"),
                None => (p.fdel.clone(), "deleter"),
            };
            let Some(f) = f else {
                let t = type_data(&ty).name.clone();
                return Err(self.new_error(
                    ExcType::AttributeError,
                    format!("property '{n}' of '{t}' object has no {what}"),
                ));
            };
            let mut args = vec![obj.clone()];
            args.extend(value);
            self.call(&f, &args, None)?;
            return Ok(());
        }
        if let Some(g) = descr.as_ref().and_then(|d| d.downcast::<GetSetDescriptor>()) {
            return self.getset_set(g, obj, value);
        }
        if descr.as_ref().is_some_and(|d| d.downcast::<crate::slots::MemberDescriptor>().is_some())
            && value.is_none()
        {
            // Deleting an empty slot: CPython's AttributeError holds just the name.
            let d = self.instance_dict(obj, false)?;
            let set = match d {
                Some(d) => self.dict_get(as_dict(&d).expect("dict"), name)?.is_some(),
                None => false,
            };
            if !set {
                let n = as_str(name).unwrap_or("").to_string();
                return Err(self.new_error(ExcType::AttributeError, n));
            }
        }
        if value.is_some() {
            self.check_slot_store(obj, name)?;
        }
        let hook = if value.is_some() { "__setattr__" } else { "__delattr__" };
        if let Some(sa) = self.python_defined(&ty, hook)? {
            let mut args = vec![obj.clone(), name.clone()];
            args.extend(value);
            self.call(&sa, &args, None)?;
            return Ok(());
        }
        self.store_in_instance_dict(obj, name, value)
    }

    /// `object.__setattr__`/`__delattr__`: the instance dict itself.
    pub(crate) fn store_in_instance_dict(
        &mut self,
        obj: &ObjRef,
        name: &ObjRef,
        value: Option<ObjRef>,
    ) -> PyResult<()> {
        let n = as_str(name).unwrap_or("").to_string();
        let Some(d) = self.instance_dict(obj, value.is_some())? else {
            let t = self.type_name(obj);
            return Err(
                self.new_error(ExcType::AttributeError, format!("'{t}' object has no attribute '{n}'"))
            );
        };
        let dict = as_dict(&d).expect("instance dict");
        match value {
            // 3.11's values array: the dict stays as tracked as it is (gc_support).
            Some(v) if obj.downcast::<InstanceObject>().is_some() => self.dict_insert(dict, name.clone(), v),
            Some(v) => self.dict_set(&d, name.clone(), v),
            None => self.namespace_delete(obj, &d, name),
        }
    }

    /// Calling a class defined in Python (`type_call`): `__new__`, then,
    /// if that made an instance of the class, `__init__`, which must return
    /// `None`.
    pub(crate) fn call_class(
        &mut self,
        cls: &ObjRef,
        args: &[ObjRef],
        kwnames: Option<&[ObjRef]>,
    ) -> PyResult {
        let td = type_data(cls);
        let kind = td.kind;
        let user_new = self.python_defined(cls, "__new__")?;
        let obj = match (&user_new, kind) {
            (Some(new), _) => {
                let new = match new.downcast::<WrapperObject>() {
                    Some(w) => w.func.clone(),
                    None => new.clone(),
                };
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(cls.clone());
                all.extend_from_slice(args);
                let obj = self.call(&new, &all, kwnames)?;
                if !self.is_subtype(obj.ob_type_ref(), cls) {
                    return Ok(obj);
                }
                obj
            }
            (None, Kind::Exception) => {
                let nkw = kwnames.map_or(0, <[ObjRef]>::len);
                let a = self.new_tuple_from(&args[..args.len() - nkw])?;
                self.new_exception(cls, a)?
            }
            (None, Kind::Instance) => self.new_instance(cls)?,
            (None, _) => self.builtin_subclass_new(cls, args, kwnames)?,
        };
        let init = self.lookup_special(cls, "__init__")?;
        // A built-in __init__ on a plain class is object.__init__, which
        // complains about arguments unless __new__ was overridden.
        let is_object_init = kind != Kind::Exception
            && init.as_ref().is_some_and(|i| {
                i.downcast::<crate::objects::function::BuiltinFunction>()
                    .is_some_and(|b| std::ptr::fn_addr_eq(b.func, object_init as BuiltinFn))
            });
        if is_object_init && user_new.is_none() && kind == Kind::Instance && !args.is_empty() {
            let name = type_data(cls).name.clone();
            return Err(self.new_error(ExcType::TypeError, format!("{name}() takes no arguments")));
        }
        if let Some(init) = init {
            let r = match as_function(&init) {
                // The common case: a Python __init__ taking exactly these
                // positional arguments — lay its locals out directly.
                Some(f) if kwnames.is_none() && f.fast_nargs as usize == args.len() + 1 => {
                    let mut locals = Vec::with_capacity(f.code.code.nlocalsplus());
                    locals.push(obj.clone());
                    locals.extend_from_slice(args);
                    locals.resize(f.code.code.nlocalsplus().max(args.len() + 1), self.null.clone());
                    self.run_function_frame(&init, locals)?
                }
                _ => {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(obj.clone());
                    all.extend_from_slice(args);
                    self.call(&init, &all, kwnames)?
                }
            };
            if !r.is(&self.none) {
                let t = self.type_name(&r);
                return Err(
                    self.new_error(ExcType::TypeError, format!("__init__() should return None, not '{t}'"))
                );
            }
        }
        Ok(obj)
    }

    /// Calls special method `name` of `obj`'s class with `args` (after
    /// `obj`). `Ok(None)` when the class does not define it.
    pub fn call_special(
        &mut self,
        obj: &ObjRef,
        name: &'static str,
        args: &[ObjRef],
    ) -> PyResult<Option<ObjRef>> {
        let ty = obj.ob_type();
        let Some(m) = self.lookup_special(&ty, name)? else { return Ok(None) };
        let mut all = Vec::with_capacity(args.len() + 1);
        match self.kind(&m) {
            Kind::StaticMethod => {
                let f = m.downcast::<WrapperObject>().expect("wrapper").func.clone();
                all.extend_from_slice(args);
                return self.call(&f, &all, None).map(Some);
            }
            Kind::ClassMethod => {
                let f = m.downcast::<WrapperObject>().expect("wrapper").func.clone();
                all.push(ty);
                all.extend_from_slice(args);
                return self.call(&f, &all, None).map(Some);
            }
            _ => {}
        }
        all.push(obj.clone());
        all.extend_from_slice(args);
        self.call(&m, &all, None).map(Some)
    }

    /// `super()` without arguments: the class from the calling function's
    /// `__class__` cell and its first argument.
    pub(crate) fn super_no_args(&mut self) -> PyResult {
        let err = |vm: &mut Vm, m: &str| vm.new_error(ExcType::RuntimeError, m);
        let Some(frame) = self.frames.last() else { return Err(err(self, "super(): no current frame")) };
        let code = frame.code.clone();
        let base = frame.base;
        if code.code.argcount == 0 {
            return Err(err(self, "super(): no arguments"));
        }
        let mut first = self.stack[base].clone();
        if first.is(&self.null) {
            // The first argument was moved into a cell by MAKE_CELL.
            let name = &code.code.varnames[0];
            let idx = code.code.cellvars.iter().position(|c| c == name).map(|i| i + code.code.varnames.len());
            if let Some(c) = idx.and_then(|i| {
                self.stack[base + i]
                    .downcast::<crate::objects::function::CellObject>()
                    .and_then(|c| c.contents.borrow().clone())
            }) {
                first = c;
            }
        }
        let nfree_start = code.code.varnames.len() + code.code.cellvars.len();
        let class_idx = code.code.freevars.iter().position(|f| &**f == "__class__");
        let Some(i) = class_idx else { return Err(err(self, "super(): __class__ cell not found")) };
        let cell = self.stack[base + nfree_start + i].clone();
        let Some(cls) =
            cell.downcast::<crate::objects::function::CellObject>().and_then(|c| c.contents.borrow().clone())
        else {
            return Err(err(self, "super(): empty __class__ cell"));
        };
        let ty = self.types.super_.clone();
        refpy_heap::alloc(&ty, MethodObject { func: cls, self_obj: first }, 48)
            .map_err(|_| self.memory_error())
    }

    /// Attribute lookup on a `super` object: the MRO of the instance's class
    /// after the class the method was defined in.
    pub(crate) fn super_getattr(&mut self, sup: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
        let s = sup.downcast::<MethodObject>().expect("super payload");
        let (cls, obj) = (s.func.clone(), s.self_obj.clone());
        let start_ty = if as_type(&obj).is_some() { obj.clone() } else { obj.ob_type() };
        let mro = type_data(&start_ty).mro.borrow().clone();
        let after = mro.iter().position(|c| c.is(&cls)).map_or(mro.len(), |i| i + 1);
        for c in &mro[after..] {
            let td = type_data(c);
            let found = if let Some(d) = td.dict.get().cloned() {
                self.dict_get_str(as_dict(&d).expect("class dict"), name)?
            } else {
                match self.builtin_class_attr(c, name) {
                    // `__new__` is a static method: never bound.
                    Some(("__new__", f)) => return self.new_builtin("__new__", f, None).map(Some),
                    Some((n, f)) => Some(self.new_builtin(n, f, None)?),
                    None => None,
                }
            };
            if let Some(d) = found {
                return self.bind_descriptor(d, &obj, &start_ty).map(Some);
            }
        }
        Ok(None)
    }
}

/// Where `obj` keeps its instance dict: a plain instance's or an
/// exception's field, or a built-in subclass instance's managed dict.
pub(crate) fn instance_dict_cell(obj: &ObjRef) -> Option<&std::cell::RefCell<Option<ObjRef>>> {
    if let Some(i) = obj.downcast::<InstanceObject>() {
        Some(&i.dict)
    } else if let Some(e) = as_exception(obj) {
        Some(&e.dict)
    } else {
        obj.managed_dict()
    }
}

fn self_arg<'a>(vm: &mut Vm, args: &'a [ObjRef], name: &str) -> PyResult<&'a ObjRef> {
    args.first().ok_or_else(|| {
        vm.new_error(ExcType::TypeError, format!("descriptor '{name}' of 'object' object needs an argument"))
    })
}

fn object_init(vm: &mut Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(vm.none.clone())
}

fn object_repr(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let o = self_arg(vm, args, "__repr__")?.clone();
    let s = vm.default_repr(&o);
    vm.new_str(&s)
}

fn object_str(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let o = self_arg(vm, args, "__str__")?.clone();
    vm.repr(&o)
}

fn object_eq(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match args {
        [a, b] if a.is(b) => Ok(vm.true_.clone()),
        _ => Ok(vm.not_implemented.clone()),
    }
}

fn object_ne(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match args {
        [a, b] => {
            let eq = vm.equal(a, b)?;
            Ok(vm.new_bool(!eq))
        }
        _ => Ok(vm.not_implemented.clone()),
    }
}

fn object_hash(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let o = self_arg(vm, args, "__hash__")?;
    vm.new_int(crate::num::hash::pointer_hash(o.id()))
}

fn object_setattr(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let [obj, name, value] = args else {
        return Err(vm.new_error(ExcType::TypeError, format!("expected 3 arguments, got {}", args.len())));
    };
    vm.store_in_instance_dict(obj, name, Some(value.clone()))?;
    Ok(vm.none.clone())
}

/// `BaseException.__init__(self, *args)`: sets `args` (and, for an OSError,
/// the fields `OSError.__init__` takes from them).
fn exception_init(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let Some((obj, rest)) = args.split_first() else {
        return Err(vm.new_error(
            ExcType::TypeError,
            "descriptor '__init__' of 'BaseException' object needs an argument",
        ));
    };
    if as_exception(obj).is_some() {
        let keep =
            if vm.exc_matches(obj, ExcType::OSError) { vm.init_os_error(obj, rest)? } else { rest.len() };
        let t = vm.new_tuple_from(&rest[..keep])?;
        if let Some(e) = as_exception(obj) {
            *e.args.borrow_mut() = t;
        }
    }
    Ok(vm.none.clone())
}
