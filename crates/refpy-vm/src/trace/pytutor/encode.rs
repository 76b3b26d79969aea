//! Python Tutor's encoding of values (`pg_encoder.py`, heap primitives
//! off): ints, floats, strings, bools and `None` inline, everything else a
//! `["REF", small id]` to the step's `heap`, where it is a `LIST`, `TUPLE`,
//! `SET`, `DICT`, `INSTANCE`, `INSTANCE_PPRINT`, `CLASS` or `FUNCTION` list.
//! Small ids number objects from 1 in order of first encoding over the whole
//! run, by `id()` (an address reused by a new object keeps its number, as in
//! the logger).

use std::rc::Rc;

use refpy_compiler::code::flags;
use refpy_heap::ObjRef;
use rustc_hash::{FxHashMap, FxHashSet};

use super::json::J;
use super::Tutor;
use crate::objects::descriptor::MethodObject;
use crate::objects::dict::as_dict;
use crate::objects::exception::as_exception;
use crate::objects::float::as_float;
use crate::objects::function::{as_function, BuiltinFunction, CodeData};
use crate::objects::int::as_bigint;
use crate::objects::str::as_str;
use crate::types::{type_data, Kind};
use crate::Vm;

/// Names the logger leaves out of a class's or instance's attributes.
const HIDDEN_ATTRS: [&str; 7] =
    ["__doc__", "__module__", "__return__", "__dict__", "__locals__", "__weakref__", "__qualname__"];

/// Dict keys the logger leaves out of a `DICT`.
const HIDDEN_KEYS: [&str; 3] = ["__module__", "__return__", "__locals__"];

/// Digits after the point a float keeps (`round(x, 4)`).
const FLOAT_PRECISION: i32 = 4;

/// The encoder's state: small ids for the whole run, the heap of one step.
#[derive(Default)]
pub(super) struct Encoder {
    small_ids: FxHashMap<usize, u64>,
    heap: Vec<(u64, J)>,
    in_heap: FxHashSet<u64>,
    /// Code of the lambdas encoded so far, by first line (for `<line N>` names).
    lambda_lines: FxHashMap<u32, Vec<Rc<CodeData>>>,
}

impl Encoder {
    /// Starts the heap of a new step.
    pub(super) fn reset_heap(&mut self) {
        self.heap.clear();
        self.in_heap.clear();
    }

    /// The step's heap, `{"small id": encoding}` in order of encoding.
    pub(super) fn take_heap(&mut self) -> J {
        self.in_heap.clear();
        J::Obj(std::mem::take(&mut self.heap).into_iter().map(|(id, v)| (id.to_string(), v)).collect())
    }

    fn small_id(&mut self, id: usize) -> u64 {
        let next = self.small_ids.len() as u64 + 1;
        *self.small_ids.entry(id).or_insert(next)
    }

    /// ` <line N>` for a lambda whose function was encoded, else nothing.
    pub(super) fn lambda_suffix(&self, code: &Rc<CodeData>) -> String {
        let line = code.code.firstlineno;
        let known = self.lambda_lines.get(&line).is_some_and(|l| l.iter().any(|c| Rc::ptr_eq(c, code)));
        if known {
            format!(" <line {line}>")
        } else {
            String::new()
        }
    }

    fn note_lambda(&mut self, code: &Rc<CodeData>) {
        let list = self.lambda_lines.entry(code.code.firstlineno).or_default();
        if !list.iter().any(|c| Rc::ptr_eq(c, code)) {
            list.push(code.clone());
        }
    }
}

/// Whether two values the logger would compare with `==` are equal
/// primitives (an int, float, str, bool or `None` of the same value).
pub(super) fn primitive_eq(vm: &Vm, a: &ObjRef, b: &ObjRef) -> bool {
    if vm.is_heap_instance(a) || vm.is_heap_instance(b) {
        return false;
    }
    match (as_str(a), as_str(b)) {
        (Some(x), Some(y)) => return x == y,
        (None, None) => {}
        _ => return false,
    }
    if let (Some(x), Some(y)) = (as_float(a), as_float(b)) {
        return x == y;
    }
    let int = |v: &ObjRef| matches!(vm.kind(v), Kind::Int | Kind::Bool).then(|| as_bigint(v)).flatten();
    matches!((int(a), int(b)), (Some(x), Some(y)) if x == y)
}

impl Vm {
    /// The encoding of `value`; a heap object is added to the step's heap
    /// (with its contents) the first time it is met in the step. With
    /// `with_parent`, a closure's `FUNCTION` names its parent frame.
    pub(super) fn tutor_encode(&mut self, t: &mut Tutor, value: &ObjRef, with_parent: bool) -> J {
        if let Some(p) = self.tutor_primitive(value) {
            return p;
        }
        let small = t.encoder.small_id(value.id());
        let reference = J::List(vec![J::str("REF"), J::int(small)]);
        if !t.encoder.in_heap.insert(small) {
            return reference;
        }
        let slot = t.encoder.heap.len();
        t.encoder.heap.push((small, J::Null));
        let body = self.tutor_heap_object(t, value, with_parent);
        t.encoder.heap[slot].1 = body;
        reference
    }

    /// An int, float, str, bool or `None` (exact types only), inline.
    fn tutor_primitive(&mut self, v: &ObjRef) -> Option<J> {
        if self.is_heap_instance(v) {
            return None;
        }
        Some(match self.kind(v) {
            Kind::None => J::Null,
            Kind::Bool => J::Bool(v.is(&self.true_)),
            Kind::Int => J::Int(self.repr_base(v).ok()?),
            Kind::Str => J::str(as_str(v)?),
            Kind::Float => float_json(as_float(v)?),
            _ => return None,
        })
    }

    /// The heap encoding of a non-primitive value.
    fn tutor_heap_object(&mut self, t: &mut Tutor, v: &ObjRef, with_parent: bool) -> J {
        let exact = !self.is_heap_instance(v);
        let kind = self.kind(v);
        let tag = match kind {
            Kind::List if exact => Some("LIST"),
            Kind::Tuple if exact => Some("TUPLE"),
            Kind::Set if exact => Some("SET"),
            _ => None,
        };
        if let Some(tag) = tag {
            let items = super::super::record::container_items(v).unwrap_or_default();
            let mut out = vec![J::str(tag)];
            out.extend(items.iter().map(|e| self.tutor_encode(t, e, with_parent)));
            return J::List(out);
        }
        if kind == Kind::Dict && exact {
            let mut out = vec![J::str("DICT")];
            for (k, val) in super::super::record::dict_entries(v).unwrap_or_default() {
                if as_str(&k).is_some_and(|s| HIDDEN_KEYS.contains(&s)) {
                    continue;
                }
                let k = self.tutor_encode(t, &k, with_parent);
                let val = self.tutor_encode(t, &val, with_parent);
                out.push(J::List(vec![k, val]));
            }
            return J::List(out);
        }
        if as_function(v).is_some() {
            return self.tutor_function(t, v, v, with_parent);
        }
        if let Some(m) = v.downcast::<MethodObject>() {
            if as_function(&m.func).is_some() {
                let func = m.func.clone();
                return self.tutor_function(t, v, &func, false);
            }
        }
        if let Some(b) = v.downcast::<BuiltinFunction>() {
            return J::List(vec![J::str("FUNCTION"), J::str(format!("{}(...)", b.name)), J::Null]);
        }
        if kind == Kind::Type {
            return self.tutor_class(t, v);
        }
        self.tutor_instance(t, v)
    }

    /// `["FUNCTION", "name(args)", parent frame id]` for a function (or a
    /// bound method of `func`); lambdas get ` <line N>`.
    fn tutor_function(&mut self, t: &mut Tutor, v: &ObjRef, func: &ObjRef, with_parent: bool) -> J {
        let Some(f) = as_function(func) else { return J::Null };
        let code = f.code.clone();
        let name = as_str(&f.name.borrow()).unwrap_or("").to_string();
        let mut pretty = format!("{name}({})", printed_args(&code).join(", "));
        if name == "<lambda>" {
            t.encoder.note_lambda(&code);
            pretty += &t.encoder.lambda_suffix(&code);
        }
        let parent = if with_parent { self.parent_of_function(t, v) } else { None };
        J::List(vec![J::str("FUNCTION"), J::str(pretty), parent.map_or(J::Null, J::int)])
    }

    /// The frame id of the frame a closure was defined in.
    fn parent_of_function(&self, t: &Tutor, func: &ObjRef) -> Option<u64> {
        t.closures.iter().find(|(f, _)| f.is(func)).map(|(_, p)| t.frames[*p].frame_id)
    }

    /// `["CLASS", name, [base names but object], [attr, value]…]`, attributes sorted.
    fn tutor_class(&mut self, t: &mut Tutor, v: &ObjRef) -> J {
        let td = type_data(v);
        let bases: Vec<String> =
            td.bases.iter().map(|b| type_data(b).name.clone()).filter(|n| n != "object").collect();
        let mut out = vec![J::str("CLASS"), J::str(td.name.clone()), J::strs(&bases)];
        let dict = if td.heap { td.dict.get().cloned() } else { None };
        if let Some(d) = dict {
            let attrs = self.namespace_items(&d);
            out.extend(self.tutor_attrs(t, attrs));
        }
        J::List(out)
    }

    /// `["INSTANCE", class name, [attr, value]…]`, or `["INSTANCE_PPRINT",
    /// class name, str(obj)]` when the class has its own `__str__`.
    fn tutor_instance(&mut self, t: &mut Tutor, v: &ObjRef) -> J {
        let name = self.type_name(v);
        if let Some(text) = self.tutor_str(v) {
            return J::List(vec![J::str("INSTANCE_PPRINT"), J::str(name), J::str(text)]);
        }
        let mut out = vec![J::str("INSTANCE"), J::str(name)];
        if self.kind(v) == Kind::Module {
            return J::List(out);
        }
        if let Ok(Some(d)) = self.instance_dict(v, false) {
            let attrs = self.namespace_items(&d);
            out.extend(self.tutor_attrs(t, attrs));
        }
        J::List(out)
    }

    /// `str(obj)` for the objects whose class defines `__str__` (exceptions
    /// and bytes among the built-in types). A `__str__` written in Python
    /// is not run: the logger's text for a `str()` that fails stands for it.
    fn tutor_str(&mut self, v: &ObjRef) -> Option<String> {
        if self.defines_str_in_python(v) {
            return Some("<incomplete object>".into());
        }
        if as_exception(v).is_some() {
            let only = self.exception_only(v);
            return Some(only.trim_end().split_once(": ").map_or(String::new(), |(_, m)| m.to_string()));
        }
        if self.kind(v) == Kind::Bytes {
            return self.repr_base(v).ok();
        }
        None
    }

    /// Whether a class on `v`'s MRO, defined in Python, has `__str__` in its dict.
    fn defines_str_in_python(&self, v: &ObjRef) -> bool {
        let mro = type_data(v.ob_type_ref()).mro.borrow().clone();
        mro.iter().filter(|c| type_data(c).heap).filter_map(|c| type_data(c).dict.get().cloned()).any(|d| {
            as_dict(&d).is_some_and(|d| d.table.borrow().items().any(|(k, _)| as_str(k) == Some("__str__")))
        })
    }

    /// `[name, value]` pairs of a `__dict__`'s entries, sorted by name, hidden names left out.
    fn tutor_attrs(&mut self, t: &mut Tutor, mut attrs: Vec<(Rc<str>, ObjRef)>) -> Vec<J> {
        attrs.retain(|(n, _)| !HIDDEN_ATTRS.contains(&&**n));
        attrs.sort_by(|a, b| a.0.cmp(&b.0));
        attrs
            .into_iter()
            .map(|(n, val)| {
                let val = self.tutor_encode(t, &val, false);
                J::List(vec![J::str(&*n), val])
            })
            .collect()
    }

    /// What the logger's search for closures looks into: the items of
    /// lists, tuples and sets, the keys and values of dicts and of the
    /// `__dict__` of classes and instances.
    pub(super) fn tutor_children(&mut self, v: &ObjRef) -> Vec<ObjRef> {
        let exact = !self.is_heap_instance(v);
        match self.kind(v) {
            Kind::List | Kind::Tuple | Kind::Set if exact => {
                return super::super::record::container_items(v).unwrap_or_default()
            }
            Kind::Dict if exact => {
                let entries = super::super::record::dict_entries(v).unwrap_or_default();
                return entries.into_iter().flat_map(|(k, val)| [k, val]).collect();
            }
            Kind::Module => return Vec::new(),
            _ => {}
        }
        let dict = match self.kind(v) {
            Kind::Type => type_data(v).heap.then(|| type_data(v).dict.get().cloned()).flatten(),
            _ => self.instance_dict(v, false).ok().flatten(),
        };
        let entries = dict.and_then(|d| super::super::record::dict_entries(&d)).unwrap_or_default();
        entries.into_iter().flat_map(|(k, val)| [k, val]).collect()
    }
}

/// A float as the logger encodes it: `["SPECIAL_FLOAT", text]` for
/// infinities, NaN and integral values (`3.0` stays `"3.0"`), else rounded
/// to [`FLOAT_PRECISION`] digits.
fn float_json(x: f64) -> J {
    let special = |s: String| J::List(vec![J::str("SPECIAL_FLOAT"), J::Str(s)]);
    if x.is_infinite() {
        return special(if x > 0.0 { "Infinity" } else { "-Infinity" }.into());
    }
    if x.is_nan() {
        return special("NaN".into());
    }
    if x == x.trunc() {
        return special(format!("{x:.1}"));
    }
    let digits = FLOAT_PRECISION as usize;
    J::Float(format!("{x:.digits$}").parse().unwrap_or(x))
}

/// The parameter list the logger prints (`inspect.getfullargspec`):
/// positional parameters, `*args`, `**kwargs`, then keyword-only ones.
fn printed_args(code: &CodeData) -> Vec<String> {
    let co = &code.code;
    let names = &co.varnames;
    let (npos, nkw) = (co.argcount as usize, co.kwonlyargcount as usize);
    let name = |i: usize| names.get(i).map_or(String::new(), |n| n.to_string());
    let mut out: Vec<String> = (0..npos).map(name).collect();
    let mut next = npos + nkw;
    if co.flags & flags::VARARGS != 0 {
        out.push(format!("*{}", name(next)));
        next += 1;
    }
    if co.flags & flags::VARKEYWORDS != 0 {
        out.push(format!("**{}", name(next)));
    }
    out.extend((npos..npos + nkw).map(name));
    out
}
