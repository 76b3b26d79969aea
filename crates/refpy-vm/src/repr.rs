//! `repr()` and `str()` of the built-in types, CPython's exact text.
//!
//! Nested containers recurse in Rust, so each level counts against the
//! recursion limit ("maximum recursion depth exceeded while getting the repr
//! of an object"); a container that contains itself prints `[...]`, as
//! CPython's `Py_ReprEnter` arranges.

use refpy_heap::ObjRef;

use crate::errors::PyResult;
use crate::objects::dict::as_dict;
use crate::objects::exception::as_exception;
use crate::objects::float::as_float;
use crate::objects::function::{as_function, BuiltinFunction};
use crate::objects::list::as_list;
use crate::objects::range::as_range;
use crate::objects::str::{as_str, str_repr};
use crate::objects::tuple::as_tuple;
use crate::ops::int_of;
use crate::types::{type_data, Kind};
use crate::Vm;

impl Vm {
    /// `repr(v)` as a Rust string.
    pub fn repr_string(&mut self, v: &ObjRef) -> PyResult<String> {
        if let Some(s) = as_str(v).filter(|_| !self.is_heap_instance(v)) {
            return Ok(str_repr(s));
        }
        if let Some(r) = self.user_special(v, "__repr__", &[])? {
            return self.special_text(r, "__repr__");
        }
        self.repr_base(v)
    }

    /// `repr(v)` of a built-in value (or an instance's default repr), without
    /// a class's `__repr__`: `list.__repr__` and friends.
    pub(crate) fn repr_base(&mut self, v: &ObjRef) -> PyResult<String> {
        if let Some(s) = as_str(v) {
            return Ok(str_repr(s));
        }
        if let Some(f) = as_float(v) {
            return Ok(crate::num::float::repr(f));
        }
        if let Some(b) = crate::objects::bytes::as_bytes(v) {
            return Ok(crate::objects::bytes::bytes_repr(b));
        }
        match self.kind(v) {
            Kind::Bool => return Ok(if v.is(&self.true_) { "True" } else { "False" }.into()),
            Kind::Int => {
                let i = int_of(v).expect("int");
                return i.to_str().map_err(|e| self.num_error(e));
            }
            Kind::None => return Ok("None".into()),
            Kind::WeakRef | Kind::WeakProxy => return self.weakref_repr(v),
            Kind::List | Kind::Tuple | Kind::Dict => return self.container_repr(v),
            Kind::Set | Kind::FrozenSet => return self.set_repr(v),
            Kind::DictKeys | Kind::DictValues | Kind::DictItems => return self.dict_view_repr(v),
            _ => {}
        }
        Ok(self.other_repr(v))
    }

    /// The text a `__repr__`/`__str__` returned, which must be a str.
    fn special_text(&mut self, r: ObjRef, name: &str) -> PyResult<String> {
        match as_str(&r) {
            Some(s) => Ok(s.to_string()),
            None => {
                let t = self.type_name(&r);
                Err(self.new_error(
                    crate::errors::ExcType::TypeError,
                    format!("{name} returned non-string (type {t})"),
                ))
            }
        }
    }

    /// `repr(v)` as a str object.
    pub fn repr(&mut self, v: &ObjRef) -> PyResult {
        let s = self.repr_string(v)?;
        self.new_str(&s)
    }

    /// `str(v)` as a Rust string.
    pub fn str_string(&mut self, v: &ObjRef) -> PyResult<String> {
        if let Some(s) = as_str(v).filter(|_| !self.is_heap_instance(v)) {
            return Ok(s.to_string());
        }
        if let Some(r) = self.user_special(v, "__str__", &[])? {
            return self.special_text(r, "__str__");
        }
        if let Some(s) = as_str(v) {
            return Ok(s.to_string());
        }
        if let Some(e) = as_exception(v) {
            let args = e.args.borrow().clone();
            if self.exc_matches(v, crate::errors::ExcType::SyntaxError) {
                return self.syntax_error_str(v);
            }
            if let Some(s) = self.os_error_str(v)? {
                return Ok(s);
            }
            let key_error = self.exc_matches(v, crate::errors::ExcType::KeyError);
            return match as_tuple(&args) {
                Some([]) => Ok(String::new()),
                Some([one]) if key_error => {
                    let one = one.clone();
                    self.repr_string(&one)
                }
                Some([one]) => {
                    let one = one.clone();
                    self.str_string(&one)
                }
                _ => self.repr_string(&args),
            };
        }
        self.repr_string(v)
    }

    /// `str(v)` as a str object (the object itself for an exact str).
    pub fn to_str(&mut self, v: &ObjRef) -> PyResult {
        if self.is_exact(v, Kind::Str) {
            return Ok(v.clone());
        }
        let s = self.str_string(v)?;
        self.new_str(&s)
    }

    /// `[…]`, `(…)` and `{…}` with recursion accounting.
    fn container_repr(&mut self, v: &ObjRef) -> PyResult<String> {
        if self.repr_stack.iter().any(|o| o.is(v)) {
            return Ok(match self.kind(v) {
                Kind::List => "[...]",
                Kind::Dict => "{...}",
                _ => "(...)",
            }
            .into());
        }
        self.enter_c(" while getting the repr of an object")?;
        self.repr_stack.push(v.clone());
        let r = self.container_repr_inner(v);
        self.repr_stack.pop();
        self.leave_c();
        r
    }

    fn container_repr_inner(&mut self, v: &ObjRef) -> PyResult<String> {
        if let Some(d) = as_dict(v) {
            let items: Vec<(ObjRef, ObjRef)> =
                d.table.borrow().items().map(|(k, v)| (k.clone(), v.clone())).collect();
            let mut parts = Vec::with_capacity(items.len());
            for (k, val) in &items {
                let ks = self.repr_string(k)?;
                let vs = self.repr_string(val)?;
                parts.push(format!("{ks}: {vs}"));
            }
            return Ok(format!("{{{}}}", parts.join(", ")));
        }
        let (items, open, close) = match (as_list(v), as_tuple(v)) {
            (Some(l), _) => (l.items.borrow().to_vec(), "[", "]"),
            (_, Some(t)) => (t.to_vec(), "(", ")"),
            _ => return Ok(self.other_repr(v)),
        };
        let mut parts = Vec::with_capacity(items.len());
        for item in &items {
            parts.push(self.repr_string(item)?);
        }
        let trailing = if open == "(" && parts.len() == 1 { "," } else { "" };
        Ok(format!("{open}{}{trailing}{close}", parts.join(", ")))
    }

    /// Representations of objects that are not plain data.
    pub(crate) fn other_repr(&mut self, v: &ObjRef) -> String {
        if let Some(r) = as_range(v) {
            return if r.step == 1 {
                format!("range({}, {})", r.start, r.stop)
            } else {
                format!("range({}, {}, {})", r.start, r.stop, r.step)
            };
        }
        if let Some(f) = as_function(v) {
            let q = as_str(&f.qualname.borrow()).unwrap_or("?").to_string();
            return format!("<function {q} at {:#x}>", v.id());
        }
        if let Some(b) = v.downcast::<BuiltinFunction>() {
            return match &b.self_obj {
                Some(s) => {
                    format!("<built-in method {} of {} object at {:#x}>", b.name, self.type_name(s), s.id())
                }
                None => format!("<built-in function {}>", b.name),
            };
        }
        if let Some(e) = as_exception(v) {
            let args = e.args.borrow().clone();
            let name = self.type_name(v);
            let inner = match as_tuple(&args) {
                Some([one]) => {
                    let one = one.clone();
                    self.repr_string(&one).unwrap_or_default()
                }
                _ => {
                    let s = self.repr_string(&args).unwrap_or_default();
                    return format!("{name}{s}");
                }
            };
            return format!("{name}({inner})");
        }
        match self.kind(v) {
            Kind::Type => {
                let td = type_data(v);
                if td.module == "builtins" {
                    format!("<class '{}'>", td.name)
                } else {
                    format!("<class '{}.{}'>", td.module, td.qualname)
                }
            }
            Kind::Slice => {
                let s = crate::objects::slice::as_slice(v).expect("slice");
                let (a, b, c) = (s.start.clone(), s.stop.clone(), s.step.clone());
                let a = self.repr_string(&a).unwrap_or_default();
                let b = self.repr_string(&b).unwrap_or_default();
                let c = self.repr_string(&c).unwrap_or_default();
                format!("slice({a}, {b}, {c})")
            }
            Kind::Code => format!("<code object at {:#x}>", v.id()),
            Kind::NotImplemented => "NotImplemented".into(),
            Kind::Method => {
                let m = v.downcast::<crate::objects::descriptor::MethodObject>().expect("method");
                let (func, obj) = (m.func.clone(), m.self_obj.clone());
                let name = match as_function(&func) {
                    Some(f) => as_str(&f.qualname.borrow()).unwrap_or("?").to_string(),
                    None => self.repr_string(&func).unwrap_or_default(),
                };
                let of = self.repr_string(&obj).unwrap_or_default();
                format!("<bound method {name} of {of}>")
            }
            Kind::Ellipsis => "Ellipsis".into(),
            Kind::MemberDescriptor => {
                crate::slots::member_repr(v.downcast::<crate::slots::MemberDescriptor>().expect("member"))
            }
            Kind::GetSetDescriptor => crate::objects::descriptor::getset_repr(
                v.downcast::<crate::objects::descriptor::GetSetDescriptor>().expect("getset"),
            ),
            Kind::TextStream => {
                self.stream_repr(v.downcast::<crate::objects::textio::TextStream>().expect("stream"))
            }
            Kind::File => self.file_repr(v.downcast::<crate::objects::file::FileObject>().expect("file")),
            Kind::Module => self.module_repr(v),
            Kind::Quitter => {
                let q = v.downcast::<crate::objects::QuitterObject>().expect("quitter");
                format!("Use {}() or Ctrl-D (i.e. EOF) to exit", q.0)
            }
            Kind::Generator => {
                let g = crate::objects::generator::as_generator(v).expect("generator");
                format!("<generator object {} at {:#x}>", as_str(&g.qualname).unwrap_or("?"), v.id())
            }
            _ => self.default_repr(v),
        }
    }

    /// `object.__repr__`: `<__main__.C object at 0x7f…>` (no module prefix
    /// for built-in types).
    pub fn default_repr(&self, v: &ObjRef) -> String {
        let td = type_data(v.ob_type_ref());
        if td.module == "builtins" {
            format!("<{} object at {:#x}>", td.name, v.id())
        } else {
            format!("<{}.{} object at {:#x}>", td.module, td.qualname, v.id())
        }
    }
}
