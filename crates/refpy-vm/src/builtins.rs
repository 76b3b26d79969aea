//! The `builtins` namespace: built-in functions, and the built-in types
//! called as constructors (`int(x)`, `list(it)`, …).

use refpy_compiler::CompareOp;
use refpy_heap::ObjRef;

use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::float::as_float;
use crate::objects::function::BuiltinFn;
use crate::objects::int::{as_i64, is_int};
use crate::objects::str::as_str;
use crate::objects::tuple::as_tuple;
use crate::ops::int_of;
use crate::types::{as_type, type_data, Kind};
use crate::Vm;

mod more;
mod namespace;

/// The built-in functions, by name.
const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("print", builtin_print),
    ("len", builtin_len),
    ("repr", builtin_repr),
    ("id", builtin_id),
    ("isinstance", builtin_isinstance),
    ("abs", builtin_abs),
    ("min", builtin_min),
    ("max", builtin_max),
    ("sum", builtin_sum),
    ("hash", builtin_hash),
    ("iter", builtin_iter),
    ("next", builtin_next),
    ("chr", builtin_chr),
    ("ord", builtin_ord),
    ("divmod", builtin_divmod),
    ("sorted", builtin_sorted),
    ("callable", builtin_callable),
    ("__build_class__", builtin_build_class),
    ("super", builtin_super),
    ("getattr", builtin_getattr),
    ("setattr", builtin_setattr),
    ("hasattr", builtin_hasattr),
    ("delattr", builtin_delattr),
    ("issubclass", builtin_issubclass),
    ("open", crate::objects::file::builtin_open),
];

fn builtin_build_class(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    vm.build_class(args, kwnames)
}

/// `super()` (zero arguments) and `super(cls, obj)`.
fn builtin_super(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "super", kwnames)?;
    match args {
        [] => vm.super_no_args(),
        [cls, obj] => {
            let ty = vm.types.super_.clone();
            let payload =
                crate::objects::descriptor::MethodObject { func: cls.clone(), self_obj: obj.clone() };
            refpy_heap::alloc(&ty, payload, 48).map_err(|_| vm.memory_error())
        }
        _ => Err(vm.new_error(ExcType::TypeError, "super() takes 0 or 2 arguments in refpy")),
    }
}

/// `getattr(obj, name[, default])`.
fn builtin_getattr(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "getattr", kwnames)?;
    if !(2..=3).contains(&args.len()) {
        return Err(vm.new_error(
            ExcType::TypeError,
            format!("getattr expected at least 2 arguments, got {}", args.len()),
        ));
    }
    let name = attr_name(vm, &args[1], "getattr")?;
    match vm.get_attr(&args[0], &name) {
        Err(e) if args.len() == 3 && vm.exc_matches(&e.exc, ExcType::AttributeError) => Ok(args[2].clone()),
        r => r,
    }
}

fn builtin_setattr(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "setattr", kwnames)?;
    if args.len() != 3 {
        return Err(
            vm.new_error(ExcType::TypeError, format!("setattr expected 3 arguments, got {}", args.len()))
        );
    }
    let name = attr_name(vm, &args[1], "setattr")?;
    vm.set_attr(&args[0], &name, args[2].clone())?;
    Ok(vm.none.clone())
}

fn builtin_hasattr(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "hasattr", kwnames)?;
    if args.len() != 2 {
        return Err(
            vm.new_error(ExcType::TypeError, format!("hasattr expected 2 arguments, got {}", args.len()))
        );
    }
    let name = attr_name(vm, &args[1], "hasattr")?;
    match vm.get_attr(&args[0], &name) {
        Ok(_) => Ok(vm.true_.clone()),
        Err(e) if vm.exc_matches(&e.exc, ExcType::AttributeError) => Ok(vm.false_.clone()),
        Err(e) => Err(e),
    }
}

fn builtin_delattr(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "delattr", kwnames)?;
    if args.len() != 2 {
        return Err(
            vm.new_error(ExcType::TypeError, format!("delattr expected 2 arguments, got {}", args.len()))
        );
    }
    let name = attr_name(vm, &args[1], "delattr")?;
    vm.del_attr(&args[0], &name)?;
    Ok(vm.none.clone())
}

/// The attribute-name argument of `getattr` and friends: a str.
fn attr_name(vm: &mut Vm, name: &ObjRef, _func: &str) -> PyResult<ObjRef> {
    if as_str(name).is_none() {
        let t = vm.type_name(name);
        return Err(vm.new_error(ExcType::TypeError, format!("attribute name must be string, not '{t}'")));
    }
    Ok(name.clone())
}

/// `issubclass(cls, classinfo)`.
fn builtin_issubclass(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "issubclass", kwnames)?;
    if args.len() != 2 {
        return Err(
            vm.new_error(ExcType::TypeError, format!("issubclass expected 2 arguments, got {}", args.len()))
        );
    }
    let Some(td) = as_type(&args[0]) else {
        return Err(vm.new_error(ExcType::TypeError, "issubclass() arg 1 must be a class"));
    };
    let mro = td.mro.borrow().clone();
    let targets: Vec<ObjRef> = match as_tuple(&args[1]) {
        Some(t) => t.to_vec(),
        None => vec![args[1].clone()],
    };
    for t in &targets {
        if as_type(t).is_none() {
            return Err(vm.new_error(
                ExcType::TypeError,
                "issubclass() arg 2 must be a class, a tuple of classes, or a union",
            ));
        }
    }
    Ok(vm.new_bool(targets.iter().any(|t| mro.iter().any(|c| c.is(t)))))
}

/// `property.getter(f)`: a copy of the property with a new getter.
pub(crate) fn property_getter(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    property_with(vm, args, 0)
}

/// `property.setter(f)`.
pub(crate) fn property_setter(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    property_with(vm, args, 1)
}

/// `property.deleter(f)`.
pub(crate) fn property_deleter(vm: &mut Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    property_with(vm, args, 2)
}

/// A new property like `args[0]` with accessor `which` (0 get, 1 set, 2 del) replaced by `args[1]`.
fn property_with(vm: &mut Vm, args: &[ObjRef], which: usize) -> PyResult {
    let [prop, f] = args else {
        return Err(vm.new_error(ExcType::TypeError, "expected exactly one argument"));
    };
    let p = prop.downcast::<crate::objects::descriptor::PropertyObject>().expect("property");
    let mut acc = [p.fget.clone(), p.fset.clone(), p.fdel.clone()];
    acc[which] = Some(f.clone());
    let [g, s, d] = acc;
    vm.new_property(g, s, d)
}

/// `exit(code=None)`, `quit()`, `sys.exit()`: raise `SystemExit(code)`.
pub(crate) fn builtin_exit(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "exit", kwnames)?;
    arg_count(vm, "exit", args, 0, 1)?;
    let ty = vm.exc[ExcType::SystemExit as usize].clone();
    let a = vm.new_tuple_from(args)?;
    let exc = vm.new_exception(&ty, a)?;
    Err(crate::errors::PyErr { exc })
}

/// Fills `vm.builtins` with the functions, types and exception classes.
pub fn install(vm: &mut Vm) -> PyResult<()> {
    let b = vm.builtins.clone();
    for (name, f) in FUNCTIONS.iter().chain(more::FUNCTIONS).chain(namespace::FUNCTIONS) {
        let obj = vm.new_builtin(name, *f, None)?;
        vm.dict_set_str(&b, name, obj)?;
    }
    let t = &vm.types;
    let types = [
        t.int.clone(),
        t.bool_.clone(),
        t.float.clone(),
        t.str_.clone(),
        t.bytes.clone(),
        t.list.clone(),
        t.tuple.clone(),
        t.dict.clone(),
        t.range.clone(),
        t.type_.clone(),
        t.object.clone(),
        t.slice.clone(),
        t.property.clone(),
        t.staticmethod.clone(),
        t.classmethod.clone(),
        t.set.clone(),
        t.frozenset.clone(),
        t.enumerate.clone(),
        t.zip.clone(),
        t.map.clone(),
        t.filter.clone(),
        t.reversed.clone(),
    ];
    for ty in types.into_iter().chain(vm.exc.clone()) {
        let td = type_data(&ty);
        if td.module == "builtins" {
            let name = td.name.clone();
            vm.dict_set_str(&b, &name, ty)?;
        }
    }
    // Old names of OSError, kept by CPython as the same class.
    for alias in ["IOError", "EnvironmentError"] {
        let os_error = vm.exc[ExcType::OSError as usize].clone();
        vm.dict_set_str(&b, alias, os_error)?;
    }
    let none = vm.none.clone();
    vm.dict_set_str(&b, "None", none)?;
    // `exit` and `quit` are `Quitter` objects, as `site` makes them: their
    // repr tells a REPL user how to leave, calling them raises SystemExit.
    for name in ["exit", "quit"] {
        let q = refpy_heap::alloc(&vm.types.quitter, crate::objects::QuitterObject(name), 32)
            .map_err(|_| vm.memory_error())?;
        vm.dict_set_str(&b, name, q)?;
    }
    let ni = vm.not_implemented.clone();
    vm.dict_set_str(&b, "NotImplemented", ni)?;
    let e = vm.ellipsis.clone();
    vm.dict_set_str(&b, "Ellipsis", e)?;
    let name = vm.new_str("builtins")?;
    vm.dict_set_str(&b, "__name__", name)?;
    Ok(())
}

/// `print(*args, sep=' ', end='\n')`.
fn builtin_print(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    let nkw = kwnames.map_or(0, <[ObjRef]>::len);
    let (pos, kwvals) = args.split_at(args.len() - nkw);
    let (mut sep, mut end) = (" ".to_string(), "\n".to_string());
    let mut file = None;
    for (k, v) in kwnames.unwrap_or(&[]).iter().zip(kwvals) {
        let key = as_str(k).unwrap_or("");
        let target = match key {
            "sep" => &mut sep,
            "end" => &mut end,
            "flush" => continue,
            "file" => {
                file = Some(v.clone()).filter(|f| !f.is(&vm.none));
                continue;
            }
            _ => {
                return Err(vm.new_error(
                    ExcType::TypeError,
                    format!("'{key}' is an invalid keyword argument for print()"),
                ))
            }
        };
        if let Some(s) = as_str(v) {
            *target = s.to_string();
        } else if !v.is(&vm.none) {
            let t = vm.type_name(v);
            return Err(vm.new_error(ExcType::TypeError, format!("{key} must be None or a string, not {t}")));
        }
    }
    // Like CPython, each piece is one write() call on a file object.
    let mut pieces = Vec::with_capacity(2 * pos.len() + 1);
    for (i, a) in pos.iter().enumerate() {
        if i > 0 {
            pieces.push(sep.clone());
        }
        pieces.push(vm.str_string(a)?);
    }
    pieces.push(end);
    match &file {
        None => vm.out.write_str(&pieces.concat()),
        Some(f) if f.downcast::<crate::objects::textio::TextStream>().is_some() => {
            vm.write_to_file(f, &pieces.concat())?
        }
        Some(f) => {
            for p in &pieces {
                vm.write_to_file(f, p)?;
            }
        }
    }
    Ok(vm.none.clone())
}

fn builtin_len(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "len", kwnames)?;
    arg_count(vm, "len", args, 1, 1)?;
    let overridden = vm.is_builtin_subclass_instance(&args[0]);
    let n = match vm.builtin_len(&args[0]).filter(|_| !overridden) {
        Some(n) => Some(n),
        None => vm.len_special(&args[0])?.or_else(|| vm.builtin_len(&args[0])),
    };
    match n {
        Some(n) => vm.new_int(n as i64),
        None => {
            let t = vm.type_name(&args[0]);
            Err(vm.new_error(ExcType::TypeError, format!("object of type '{t}' has no len()")))
        }
    }
}

fn builtin_repr(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "repr", kwnames)?;
    arg_count(vm, "repr", args, 1, 1)?;
    vm.repr(&args[0])
}

fn builtin_id(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "id", kwnames)?;
    arg_count(vm, "id", args, 1, 1)?;
    vm.new_int(args[0].id() as i64)
}

fn builtin_hash(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "hash", kwnames)?;
    arg_count(vm, "hash", args, 1, 1)?;
    let h = vm.hash(&args[0])?;
    vm.new_int(h)
}

fn builtin_callable(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "callable", kwnames)?;
    arg_count(vm, "callable", args, 1, 1)?;
    let k = vm.kind(&args[0]);
    let callable = match k {
        Kind::Function | Kind::BuiltinFunction | Kind::Type | Kind::Method | Kind::Quitter => true,
        _ if vm.is_heap_instance(&args[0]) => {
            let ty = args[0].ob_type();
            vm.lookup_in_mro(&ty, "__call__")?.is_some()
        }
        _ => false,
    };
    Ok(vm.new_bool(callable))
}

/// `isinstance(obj, cls_or_tuple)`.
fn builtin_isinstance(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "isinstance", kwnames)?;
    if args.len() != 2 {
        return Err(
            vm.new_error(ExcType::TypeError, format!("isinstance expected 2 arguments, got {}", args.len()))
        );
    }
    let r = isinstance(vm, &args[0], &args[1])?;
    Ok(vm.new_bool(r))
}

fn isinstance(vm: &mut Vm, obj: &ObjRef, cls: &ObjRef) -> PyResult<bool> {
    if let Some(items) = as_tuple(cls) {
        for c in items {
            if isinstance(vm, obj, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if as_type(cls).is_none() {
        return Err(vm.new_error(
            ExcType::TypeError,
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        ));
    }
    Ok(type_data(obj.ob_type_ref()).mro.borrow().iter().any(|c| c.is(cls)))
}

fn builtin_abs(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "abs", kwnames)?;
    arg_count(vm, "abs", args, 1, 1)?;
    if let Some(f) = as_float(&args[0]) {
        return vm.new_float(f.abs());
    }
    if let Some(i) = int_of(&args[0]) {
        if vm.is_exact(&args[0], Kind::Int) && !i.is_negative() {
            return Ok(args[0].clone());
        }
        return vm.int_from(i.abs());
    }
    if let Some(r) = vm.user_special(&args[0], "__abs__", &[])? {
        return Ok(r);
    }
    let t = vm.type_name(&args[0]);
    Err(vm.new_error(ExcType::TypeError, format!("bad operand type for abs(): '{t}'")))
}

/// `min`/`max` over an iterable or several arguments, with `default=` and `key=`.
fn min_max(vm: &mut Vm, name: &str, args: &[ObjRef], kwnames: Option<&[ObjRef]>, op: CompareOp) -> PyResult {
    let nkw = kwnames.map_or(0, <[ObjRef]>::len);
    let (pos, kwvals) = args.split_at(args.len() - nkw);
    let (mut default, mut key) = (None, None);
    for (k, v) in kwnames.unwrap_or(&[]).iter().zip(kwvals) {
        match as_str(k).unwrap_or("") {
            "default" => default = Some(v.clone()),
            "key" => key = Some(v.clone()).filter(|k| !k.is(&vm.none)),
            other => {
                return Err(vm.new_error(
                    ExcType::TypeError,
                    format!("'{other}' is an invalid keyword argument for {name}()"),
                ))
            }
        }
    }
    let items = match pos.len() {
        0 => {
            return Err(
                vm.new_error(ExcType::TypeError, format!("{name} expected at least 1 argument, got 0"))
            )
        }
        1 => vm.sequence_items(&pos[0])?,
        _ => {
            if default.is_some() {
                return Err(vm.new_error(
                    ExcType::TypeError,
                    format!("Cannot specify a default for {name}() with multiple positional arguments"),
                ));
            }
            pos.to_vec()
        }
    };
    let mut best: Option<(ObjRef, ObjRef)> = None;
    for item in items {
        let k = match &key {
            Some(f) => vm.call(f, std::slice::from_ref(&item), None)?,
            None => item.clone(),
        };
        let better = match &best {
            None => true,
            Some((_, bk)) => vm.compare_bool(&k, bk, op)?,
        };
        if better {
            best = Some((item, k));
        }
    }
    match (best, default) {
        (Some((item, _)), _) => Ok(item),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(vm.new_error(ExcType::ValueError, format!("{name}() arg is an empty sequence"))),
    }
}

fn builtin_min(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    min_max(vm, "min", args, kwnames, CompareOp::Lt)
}

fn builtin_max(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    min_max(vm, "max", args, kwnames, CompareOp::Gt)
}

/// `sum(iterable, /, start=0)`.
fn builtin_sum(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    let nkw = kwnames.map_or(0, <[ObjRef]>::len);
    if nkw > 0 && kwnames.is_some_and(|k| k.iter().any(|n| as_str(n) != Some("start"))) {
        return Err(vm.new_error(ExcType::TypeError, "sum() takes at most 1 keyword argument"));
    }
    arg_count(vm, "sum", args, 1, 2)?;
    let mut acc = if args.len() == 2 { args[1].clone() } else { vm.new_int(0)? };
    if as_str(&acc).is_some() {
        return Err(vm.new_error(ExcType::TypeError, "sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let items = vm.sequence_items(&args[0])?;
    for item in items {
        acc = vm.binary_op(&acc, &item, refpy_compiler::BinaryOp::Add)?;
    }
    Ok(acc)
}

fn builtin_iter(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "iter", kwnames)?;
    arg_count(vm, "iter", args, 1, 1)?;
    vm.get_iter(&args[0])
}

fn builtin_next(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "next", kwnames)?;
    arg_count(vm, "next", args, 1, 2)?;
    if vm.kind(&args[0]) == Kind::Generator && args.len() == 1 {
        let none = vm.none.clone();
        return match vm.gen_resume(&args[0], Ok(none))? {
            crate::objects::generator::GenResult::Yielded(v) => Ok(v),
            crate::objects::generator::GenResult::Returned(r) => Err(vm.stop_iteration(r)),
        };
    }
    match vm.iter_next(&args[0])? {
        Some(v) => Ok(v),
        None if args.len() == 2 => Ok(args[1].clone()),
        None => Err(vm.new_error_noargs(ExcType::StopIteration)),
    }
}

fn builtin_chr(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "chr", kwnames)?;
    arg_count(vm, "chr", args, 1, 1)?;
    let Some(i) = as_i64(&args[0]) else {
        let t = vm.type_name(&args[0]);
        return Err(
            vm.new_error(ExcType::TypeError, format!("'{t}' object cannot be interpreted as an integer"))
        );
    };
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => {
            let mut buf = [0u8; 4];
            vm.new_str(c.encode_utf8(&mut buf))
        }
        None => Err(vm.new_error(ExcType::ValueError, "chr() arg not in range(0x110000)")),
    }
}

fn builtin_ord(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "ord", kwnames)?;
    arg_count(vm, "ord", args, 1, 1)?;
    let Some(s) = as_str(&args[0]) else {
        let t = vm.type_name(&args[0]);
        return Err(
            vm.new_error(ExcType::TypeError, format!("ord() expected string of length 1, but {t} found"))
        );
    };
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => vm.new_int(i64::from(c as u32)),
        _ => {
            let n = s.chars().count();
            Err(vm.new_error(
                ExcType::TypeError,
                format!("ord() expected a character, but string of length {n} found"),
            ))
        }
    }
}

fn builtin_divmod(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "divmod", kwnames)?;
    if args.len() != 2 {
        return Err(
            vm.new_error(ExcType::TypeError, format!("divmod expected 2 arguments, got {}", args.len()))
        );
    }
    let (a, b) = (&args[0], &args[1]);
    if let (Some(x), Some(y)) = (int_of(a), int_of(b)) {
        let (q, r) = x.divmod(&y).map_err(|e| vm.num_error(e))?;
        let (q, r) = (vm.int_from(q)?, vm.int_from(r)?);
        return vm.new_tuple(vec![q, r]);
    }
    let fx = as_float(a).or_else(|| int_of(a).and_then(|i| i.to_f64().ok()));
    let fy = as_float(b).or_else(|| int_of(b).and_then(|i| i.to_f64().ok()));
    if let (Some(x), Some(y)) = (fx, fy) {
        let (q, r) = crate::num::float::divmod(x, y).map_err(|e| vm.num_error(e))?;
        let (q, r) = (vm.new_float(q)?, vm.new_float(r)?);
        return vm.new_tuple(vec![q, r]);
    }
    let (ta, tb) = (vm.type_name(a), vm.type_name(b));
    Err(vm.new_error(
        ExcType::TypeError,
        format!("unsupported operand type(s) for divmod(): '{ta}' and '{tb}'"),
    ))
}

/// `sorted(iterable, key=None, reverse=False)`: a new list, sorted as `list.sort` does.
fn builtin_sorted(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    let nkw = kwnames.map_or(0, <[ObjRef]>::len);
    let (pos, kwvals) = args.split_at(args.len() - nkw);
    if pos.len() != 1 {
        return Err(
            vm.new_error(ExcType::TypeError, format!("sorted expected 1 argument, got {}", pos.len()))
        );
    }
    let (mut key, mut reverse) = (None, false);
    for (k, v) in kwnames.unwrap_or(&[]).iter().zip(kwvals) {
        match as_str(k).unwrap_or("") {
            "key" => key = Some(v.clone()).filter(|k| !k.is(&vm.none)),
            "reverse" => reverse = vm.is_true(v)?,
            other => {
                return Err(vm.new_error(
                    ExcType::TypeError,
                    format!("'{other}' is an invalid keyword argument for sort()"),
                ))
            }
        }
    }
    let mut items = vm.sequence_items(&pos[0])?;
    crate::methods::list_sort::sort_in_place(vm, &mut items, key.as_ref(), reverse)?;
    vm.new_list(items)
}

/// A built-in type called as a constructor.
pub fn call_type(vm: &mut Vm, ty: &ObjRef, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    let td = type_data(ty);
    let (kind, name) = (td.kind, td.name.clone());
    if kind == Kind::WeakRef {
        return crate::modules::weakref::weakref_new(vm, args, kwnames);
    }
    if kind == Kind::Exception {
        no_kwargs(vm, &name, kwnames)?;
        let a = vm.new_tuple_from(args)?;
        return vm.new_exception(ty, a);
    }
    if kind == Kind::Bytes {
        return crate::objects::bytes::construct_bytes(vm, args, kwnames);
    }
    if kind == Kind::Str && (args.len() > 1 || kwnames.is_some()) {
        return crate::methods::codecs::construct_str(vm, args, kwnames);
    }
    if let Some(r) = more::construct(vm, kind, args, kwnames) {
        return r;
    }
    if kind != Kind::Int {
        no_kwargs(vm, &name, kwnames)?;
    }
    match kind {
        Kind::Int => construct_int(vm, args, kwnames),
        Kind::Float => {
            arg_count(vm, "float", args, 0, 1)?;
            construct_float(vm, args.first())
        }
        Kind::Str => {
            arg_count(vm, "str", args, 0, 1)?;
            match args.first() {
                Some(a) => vm.to_str(a),
                None => Ok(vm.empty_str.clone()),
            }
        }
        Kind::Bool => {
            arg_count(vm, "bool", args, 0, 1)?;
            let t = match args.first() {
                Some(a) => vm.is_true(a)?,
                None => false,
            };
            Ok(vm.new_bool(t))
        }
        Kind::List => {
            arg_count(vm, "list", args, 0, 1)?;
            let l = refpy_heap::freelist::generic_alloc(|| vm.new_list(Vec::new()))?;
            if let Some(a) = args.first() {
                vm.list_extend(&l, a)?;
            }
            Ok(l)
        }
        Kind::Tuple => {
            arg_count(vm, "tuple", args, 0, 1)?;
            match args.first() {
                Some(a) if vm.is_exact(a, Kind::Tuple) => Ok(a.clone()),
                Some(a) => {
                    let items = vm.sequence_items(a)?;
                    vm.new_tuple(items)
                }
                None => Ok(vm.empty_tuple.clone()),
            }
        }
        Kind::Dict => {
            arg_count(vm, "dict", args, 0, 1)?;
            let d = vm.new_dict()?;
            if let Some(a) = args.first() {
                vm.dict_update(&d, a)?;
            }
            Ok(d)
        }
        Kind::Range => construct_range(vm, args),
        Kind::Type => match args {
            [obj] => Ok(obj.ob_type()),
            [name, bases, ns] => new_class(vm, name, bases, ns),
            _ => Err(vm.new_error(ExcType::TypeError, "type() takes 1 or 3 arguments")),
        },
        Kind::Property => {
            arg_count(vm, "property", args, 0, 4)?;
            let get = |i: usize| args.get(i).filter(|a| !a.is(&vm.none)).cloned();
            let (g, s, d, doc) = (get(0), get(1), get(2), get(3));
            let p = vm.new_property(g, s, d)?;
            if let Some(prop) = p.downcast::<crate::objects::descriptor::PropertyObject>() {
                *prop.doc.borrow_mut() = doc;
            }
            Ok(p)
        }
        Kind::StaticMethod | Kind::ClassMethod => {
            arg_count(vm, &name, args, 1, 1)?;
            vm.new_wrapper(ty, args[0].clone())
        }
        Kind::Object => {
            arg_count(vm, "object", args, 0, 0)?;
            refpy_heap::alloc(ty, crate::objects::NoneObject, 16).map_err(|_| vm.memory_error())
        }
        _ => Err(vm.new_error(ExcType::TypeError, format!("cannot create '{name}' instances"))),
    }
}

/// `int(x=0)` / `int(x, base=10)`.
fn construct_int(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    let nkw = kwnames.map_or(0, <[ObjRef]>::len);
    let (pos, kwvals) = args.split_at(args.len() - nkw);
    let mut base = None;
    for (k, v) in kwnames.unwrap_or(&[]).iter().zip(kwvals) {
        match as_str(k).unwrap_or("") {
            "base" => base = Some(v.clone()),
            other => {
                return Err(vm.new_error(
                    ExcType::TypeError,
                    format!("'{other}' is an invalid keyword argument for int()"),
                ))
            }
        }
    }
    if pos.len() > 2 {
        return Err(vm.new_error(
            ExcType::TypeError,
            format!("int() takes at most 2 arguments ({} given)", pos.len()),
        ));
    }
    if pos.len() == 2 {
        base = Some(pos[1].clone());
    }
    let Some(x) = pos.first() else {
        if base.is_some() {
            return Err(vm.new_error(ExcType::TypeError, "int() missing string argument"));
        }
        return vm.new_int(0);
    };
    if let Some(b) = base {
        let Some(s) = as_str(x) else {
            return Err(vm.new_error(ExcType::TypeError, "int() can't convert non-string with explicit base"));
        };
        let b = as_i64(&b).unwrap_or(-1);
        let v = crate::num::Int::parse(s, b).map_err(|e| vm.num_error(e))?;
        return vm.int_from(v);
    }
    if vm.is_exact(x, Kind::Int) {
        return Ok(x.clone());
    }
    if let Some(i) = int_of(x) {
        return vm.int_from(i);
    }
    if let Some(f) = as_float(x) {
        let v = crate::num::Int::from_f64(f).map_err(|e| vm.num_error(e))?;
        return vm.int_from(v);
    }
    if let Some(s) = as_str(x) {
        let v = crate::num::Int::parse(s, 10).map_err(|e| vm.num_error(e))?;
        return vm.int_from(v);
    }
    let t = vm.type_name(x);
    Err(vm.new_error(
        ExcType::TypeError,
        format!("int() argument must be a string, a bytes-like object or a real number, not '{t}'"),
    ))
}

/// `type(name, bases, dict)`: a class made without a `class` statement. The
/// namespace is a copy of `dict`, with `__module__` taken from the caller's
/// globals when `dict` has none.
fn new_class(vm: &mut Vm, name: &ObjRef, bases: &ObjRef, ns: &ObjRef) -> PyResult {
    let wrong = |vm: &mut Vm, n: u8, want: &str, got: &ObjRef| {
        let t = vm.type_name(got);
        vm.new_error(ExcType::TypeError, format!("type.__new__() argument {n} must be {want}, not {t}"))
    };
    let Some(name) = as_str(name).map(str::to_string) else { return Err(wrong(vm, 1, "str", name)) };
    let Some(bases) = crate::objects::tuple::as_tuple(bases).map(<[ObjRef]>::to_vec) else {
        return Err(wrong(vm, 2, "tuple", bases));
    };
    if crate::objects::dict::as_dict(ns).is_none() {
        return Err(wrong(vm, 3, "dict", ns));
    }
    let copy = vm.new_dict()?;
    vm.dict_update(&copy, ns)?;
    if vm.dict_get_str(crate::objects::dict::as_dict(&copy).expect("dict"), "__module__")?.is_none() {
        let globals = vm.frames.last().map(|f| f.globals.clone());
        let module = match globals {
            Some(g) => vm.dict_get_str(crate::objects::dict::as_dict(&g).expect("globals"), "__name__")?,
            None => None,
        };
        if let Some(m) = module {
            vm.dict_set_str(&copy, "__module__", m)?;
        }
    }
    vm.make_class(&name, &bases, &copy)
}

/// `float(x=0.0)`.
fn construct_float(vm: &mut Vm, x: Option<&ObjRef>) -> PyResult {
    let Some(x) = x else { return vm.new_float(0.0) };
    if vm.is_exact(x, Kind::Float) {
        return Ok(x.clone());
    }
    if let Some(f) = as_float(x) {
        return vm.new_float(f);
    }
    if let Some(i) = int_of(x) {
        let f = i.to_f64().map_err(|e| vm.num_error(e))?;
        return vm.new_float(f);
    }
    if let Some(s) = as_str(x) {
        let f = crate::num::float::parse(s).map_err(|e| vm.num_error(e))?;
        return vm.new_float(f);
    }
    let t = vm.type_name(x);
    Err(vm.new_error(
        ExcType::TypeError,
        format!("float() argument must be a string or a real number, not '{t}'"),
    ))
}

/// `range(stop)` / `range(start, stop[, step])`.
fn construct_range(vm: &mut Vm, args: &[ObjRef]) -> PyResult {
    if args.is_empty() {
        return Err(vm.new_error(ExcType::TypeError, "range expected at least 1 argument, got 0"));
    }
    if args.len() > 3 {
        return Err(vm.new_error(
            ExcType::TypeError,
            format!("range expected at most 3 arguments, got {}", args.len()),
        ));
    }
    let mut v = [0i64, 0, 1];
    for (i, a) in args.iter().enumerate() {
        v[i] = match as_i64(a) {
            Some(x) => x,
            None if is_int(a) => {
                return Err(vm.new_error(
                    ExcType::OverflowError,
                    "range() bounds beyond 64 bits are not supported by refpy yet",
                ))
            }
            None => {
                let t = vm.type_name(a);
                return Err(vm.new_error(
                    ExcType::TypeError,
                    format!("'{t}' object cannot be interpreted as an integer"),
                ));
            }
        };
    }
    if args.len() == 1 {
        vm.new_range(0, v[0], 1)
    } else {
        vm.new_range(v[0], v[1], v[2])
    }
}
