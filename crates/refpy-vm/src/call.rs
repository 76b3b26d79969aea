//! Calling: built-ins, Python functions (binding arguments to parameters
//! with CPython's error texts) and types used as constructors.

use refpy_heap::ObjRef;

use crate::errors::{ExcType, PyErr, PyResult};
use crate::objects::dict::as_dict;
use crate::objects::function::{as_function, BuiltinFunction, FunctionObject};
use crate::objects::str::as_str;
use crate::objects::tuple::as_tuple;
use crate::types::Kind;
use crate::Vm;

impl Vm {
    /// Calls `func` with positional `args`, the last `kwnames.len()` of which
    /// are keyword arguments (vectorcall convention).
    pub fn call(&mut self, func: &ObjRef, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
        if let Some(b) = func.downcast::<BuiltinFunction>() {
            let f = b.func;
            return match &b.self_obj {
                Some(s) => {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(s.clone());
                    all.extend_from_slice(args);
                    f(self, &all, kwnames)
                }
                None => f(self, args, kwnames),
            };
        }
        if let Some(f) = as_function(func) {
            let locals = self.bind_arguments(f, args, kwnames)?;
            return self.run_function_frame(func, locals);
        }
        match self.kind(func) {
            Kind::Type if crate::types::type_data(func).heap => return self.call_class(func, args, kwnames),
            Kind::Type => return crate::builtins::call_type(self, func, args, kwnames),
            Kind::Quitter => return crate::builtins::builtin_exit(self, args, kwnames),
            Kind::WeakRef | Kind::WeakProxy => return self.call_weakref(func, args, kwnames),
            Kind::Method => {
                let m = func.downcast::<crate::objects::descriptor::MethodObject>().expect("method");
                let (f, s) = (m.func.clone(), m.self_obj.clone());
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(s);
                all.extend_from_slice(args);
                if let Some(pf) = as_function(&f) {
                    // Like `method_vectorcall`, which borrows the arguments:
                    // only the new frame holds extra references while it runs.
                    let locals = self.bind_arguments(pf, &all, kwnames);
                    drop(all);
                    return self.run_function_frame(&f, locals?);
                }
                return self.call(&f, &all, kwnames);
            }
            _ if self.is_heap_instance(func) => {
                let ty = func.ob_type();
                if let Some(m) = self.lookup_special(&ty, "__call__")? {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(func.clone());
                    all.extend_from_slice(args);
                    return self.call(&m, &all, kwnames);
                }
            }
            _ => {}
        }
        let t = self.type_name(func);
        Err(self.new_error(ExcType::TypeError, format!("'{t}' object is not callable")))
    }

    /// `CALL_FUNCTION_EX`: `func(*args, **kwargs)`.
    pub fn call_ex(&mut self, func: &ObjRef, args: &ObjRef, kwargs: Option<&ObjRef>) -> PyResult {
        let mut all = match as_tuple(args) {
            Some(t) => t.to_vec(),
            None => match self.sequence_items(args) {
                Ok(items) => items,
                Err(e) if self.is_not_iterable_error(&e, args) => {
                    let (f, t) = (self.function_str(func)?, self.type_name(args));
                    return Err(self.new_error(
                        ExcType::TypeError,
                        format!("{f} argument after * must be an iterable, not {t}"),
                    ));
                }
                Err(e) => return Err(e),
            },
        };
        let mut names = Vec::new();
        if let Some(kw) = kwargs {
            let Some(d) = as_dict(kw) else {
                let (f, t) = (self.function_str(func)?, self.type_name(kw));
                return Err(self.new_error(
                    ExcType::TypeError,
                    format!("{f} argument after ** must be a mapping, not {t}"),
                ));
            };
            for (k, v) in d.table.borrow().items() {
                names.push(k.clone());
                all.push(v.clone());
            }
            if names.iter().any(|k| as_str(k).is_none()) {
                return Err(self.new_error(ExcType::TypeError, "keywords must be strings"));
            }
        }
        let kw = if names.is_empty() { None } else { Some(&names[..]) };
        self.call(func, &all, kw)
    }

    /// How CPython names a callable in call errors (`_PyObject_FunctionStr`):
    /// `module.qualname()`, just `qualname()` for built-ins, else `str(func)`.
    pub(crate) fn function_str(&mut self, func: &ObjRef) -> PyResult<String> {
        let func = match func.downcast::<crate::objects::descriptor::MethodObject>() {
            Some(m) => m.func.clone(),
            None => func.clone(),
        };
        if let Some(b) = func.downcast::<crate::objects::function::BuiltinFunction>() {
            return Ok(match &b.self_obj {
                Some(o) if self.kind(o) != crate::types::Kind::Module => {
                    format!("{}.{}()", self.type_name(o), b.name)
                }
                _ => format!("{}()", b.name),
            });
        }
        let qualname = self.new_str("__qualname__")?;
        let module = self.new_str("__module__")?;
        let q = match self.get_attr(&func, &qualname) {
            Ok(q) => q,
            Err(_) => return self.str_string(&func),
        };
        let q = self.str_string(&q)?;
        match self.get_attr(&func, &module) {
            Ok(m) if as_str(&m).is_some_and(|m| m != "builtins") => {
                Ok(format!("{}.{q}()", as_str(&m).unwrap_or("")))
            }
            _ => Ok(format!("{q}()")),
        }
    }

    /// True if `e` is the `'T' object is not iterable` error that iterating
    /// `obj` raises (not an error from inside its `__iter__`).
    pub(crate) fn is_not_iterable_error(&self, e: &PyErr, obj: &ObjRef) -> bool {
        let msg = format!("'{}' object is not iterable", self.type_name(obj));
        self.exc_matches(&e.exc, ExcType::TypeError)
            && crate::objects::exception::as_exception(&e.exc)
                .and_then(|x| as_tuple(&x.args.borrow()).and_then(|a| a.first().cloned()))
                .is_some_and(|m| as_str(&m) == Some(msg.as_str()))
    }

    /// Lays out a Python function's locals from call arguments: positional
    /// parameters, `*args`, keyword-only parameters, `**kwargs`, defaults,
    /// then unbound slots for the other locals.
    pub(crate) fn bind_arguments(
        &mut self,
        f: &FunctionObject,
        args: &[ObjRef],
        kwnames: Option<&[ObjRef]>,
    ) -> PyResult<Vec<ObjRef>> {
        use refpy_compiler::code::flags;
        let code = f.code.clone();
        let c = &code.code;
        let nkw = kwnames.map_or(0, <[ObjRef]>::len);
        let (positional, kwvalues) = args.split_at(args.len() - nkw);
        let argcount = c.argcount as usize;
        let kwonly = c.kwonlyargcount as usize;
        let has_varargs = c.flags & flags::VARARGS != 0;
        let has_varkw = c.flags & flags::VARKEYWORDS != 0;
        let mut slots: Vec<Option<ObjRef>> = vec![None; c.nlocalsplus()];
        let qualname = as_str(&f.qualname.borrow()).unwrap_or("?").to_string();

        for (i, v) in positional.iter().take(argcount).enumerate() {
            slots[i] = Some(v.clone());
        }
        let mut idx = argcount + kwonly;
        if has_varargs {
            let extra = positional.get(argcount..).unwrap_or(&[]).to_vec();
            slots[idx] = Some(self.new_tuple(extra)?);
            idx += 1;
        }
        let varkw = if has_varkw { Some(self.new_dict()?) } else { None };
        if let Some(d) = &varkw {
            slots[idx] = Some(d.clone());
        }
        for (name, value) in kwnames.unwrap_or(&[]).iter().zip(kwvalues) {
            let n = as_str(name).unwrap_or("");
            let pos =
                c.varnames[c.posonlyargcount as usize..argcount + kwonly].iter().position(|v| &**v == n);
            match pos.map(|p| p + c.posonlyargcount as usize) {
                Some(p) if slots[p].is_some() => {
                    return Err(self.new_error(
                        ExcType::TypeError,
                        format!("{qualname}() got multiple values for argument '{n}'"),
                    ))
                }
                Some(p) => slots[p] = Some(value.clone()),
                None => match &varkw {
                    Some(d) => self.dict_set(d, name.clone(), value.clone())?,
                    None => {
                        let posonly = &c.varnames[..c.posonlyargcount as usize];
                        let passed: Vec<&str> = posonly
                            .iter()
                            .filter(|p| kwnames.unwrap_or(&[]).iter().any(|k| as_str(k) == Some(&***p)))
                            .map(|p| &**p)
                            .collect();
                        let msg = if passed.is_empty() {
                            format!("{qualname}() got an unexpected keyword argument '{n}'")
                        } else {
                            format!(
                                "{qualname}() got some positional-only arguments passed as keyword arguments: '{}'",
                                passed.join(", ")
                            )
                        };
                        return Err(self.new_error(ExcType::TypeError, msg));
                    }
                },
            }
        }
        // CPython checks the positional count after the keywords.
        if !has_varargs && positional.len() > argcount {
            return Err(self.too_many_positional(f, &qualname, positional.len(), nkw));
        }
        self.fill_defaults(f, &qualname, &mut slots)?;
        Ok(slots.into_iter().map(|s| s.unwrap_or_else(|| self.null.clone())).collect())
    }

    /// Fills missing parameters from `__defaults__`/`__kwdefaults__`, or
    /// raises CPython's "missing N required … argument(s)" error.
    fn fill_defaults(
        &mut self,
        f: &FunctionObject,
        qualname: &str,
        slots: &mut [Option<ObjRef>],
    ) -> PyResult<()> {
        let c = &f.code.code;
        let argcount = c.argcount as usize;
        let defaults: Vec<ObjRef> =
            f.defaults.borrow().as_ref().and_then(as_tuple).map(<[ObjRef]>::to_vec).unwrap_or_default();
        let first_default = argcount - defaults.len().min(argcount);
        let mut missing = Vec::new();
        for i in 0..argcount {
            if slots[i].is_none() {
                if i >= first_default {
                    slots[i] = Some(defaults[i - first_default].clone());
                } else {
                    missing.push(c.varnames[i].to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(qualname, &missing, "positional"));
        }
        let kwdefaults = f.kwdefaults.borrow().clone();
        let kwonly = argcount..argcount + c.kwonlyargcount as usize;
        for (slot, name) in slots[kwonly.clone()].iter_mut().zip(&c.varnames[kwonly]) {
            if slot.is_none() {
                let d = match kwdefaults.as_ref().and_then(as_dict) {
                    Some(d) => self.dict_get_str(d, name)?,
                    None => None,
                };
                match d {
                    Some(v) => *slot = Some(v),
                    None => missing.push(name.to_string()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(qualname, &missing, "keyword-only"));
        }
        Ok(())
    }

    /// `f() missing 2 required positional arguments: 'a' and 'b'`.
    #[cold]
    fn missing_args(&mut self, qualname: &str, names: &[String], kind: &str) -> PyErr {
        let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        let list = match quoted.len() {
            1 => quoted[0].clone(),
            2 => format!("{} and {}", quoted[0], quoted[1]),
            n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
        };
        let s = if names.len() == 1 { "" } else { "s" };
        self.new_error(
            ExcType::TypeError,
            format!("{qualname}() missing {} required {kind} argument{s}: {list}", names.len()),
        )
    }

    /// `f() takes 2 positional arguments but 3 were given`.
    #[cold]
    fn too_many_positional(&mut self, f: &FunctionObject, qualname: &str, given: usize, nkw: usize) -> PyErr {
        let c = &f.code.code;
        let argcount = c.argcount as usize;
        let ndefaults = f.defaults.borrow().as_ref().and_then(as_tuple).map_or(0, <[ObjRef]>::len);
        let takes = if ndefaults > 0 {
            format!("from {} to {argcount} positional arguments", argcount - ndefaults)
        } else {
            format!("{argcount} positional argument{}", if argcount == 1 { "" } else { "s" })
        };
        let kwonly_given = nkw.min(c.kwonlyargcount as usize);
        let was = if given == 1 { "was" } else { "were" };
        let extra = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {kwonly_given} keyword-only argument{}) were given",
                if given == 1 { "" } else { "s" },
                if kwonly_given == 1 { "" } else { "s" }
            )
        } else {
            format!(" {was} given")
        };
        self.new_error(ExcType::TypeError, format!("{qualname}() takes {takes} but {given}{extra}"))
    }

    /// A built-in method object for `LOAD_METHOD` (cached per method).
    pub(crate) fn method_object(&mut self, m: crate::methods::Method) -> PyResult {
        self.new_builtin(m.0, m.1, None)
    }
}

/// Checks that a built-in got no keyword arguments (`f() takes no keyword arguments`).
pub(crate) fn no_kwargs(vm: &mut Vm, name: &str, kwnames: Option<&[ObjRef]>) -> PyResult<()> {
    if kwnames.is_some_and(|k| !k.is_empty()) {
        return Err(vm.new_error(ExcType::TypeError, format!("{name}() takes no keyword arguments")));
    }
    Ok(())
}

/// Checks a built-in's positional argument count against `min..=max`, with
/// CPython's messages for the common shapes.
pub(crate) fn arg_count(vm: &mut Vm, name: &str, args: &[ObjRef], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if (min..=max).contains(&n) {
        return Ok(());
    }
    let msg = if min == max && min == 0 {
        format!("{name}() takes no arguments ({n} given)")
    } else if min == max && min == 1 {
        format!("{name}() takes exactly one argument ({n} given)")
    } else if n < min {
        format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
    } else {
        format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
    };
    Err(vm.new_error(ExcType::TypeError, msg))
}
