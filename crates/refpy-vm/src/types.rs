//! Built-in type objects and the data every type object carries.
//!
//! Each Python type is a heap type object (see `refpy_heap::object`): the
//! heap's [`TypeSlots`] first, then [`TypeData`], the Python-level part. A
//! built-in type also has a [`Kind`], which the VM matches on for fast
//! dispatch instead of looking methods up by name.

use std::cell::{OnceCell, RefCell};

use refpy_heap::{flags, metatype_slots, new_type_object, ObjRef, TypeSlots, UntrackWhen};

use crate::gc_support as gcs;

use crate::objects::bytes::BytesObject;
use crate::objects::descriptor::{MethodObject, PropertyObject, WrapperObject};
use crate::objects::dict::DictObject;
use crate::objects::dictview::DictViewObject;
use crate::objects::exception::ExceptionObject;
use crate::objects::float::FloatObject;
use crate::objects::function::{BuiltinFunction, CellObject, CodeObj, FunctionObject};
use crate::objects::generator::GeneratorObject;
use crate::objects::int::IntObject;
use crate::objects::iter::{RangeIterator, SeqIterator};
use crate::objects::iterators::{EnumerateObject, FilterObject, MapObject, ReversedObject, ZipObject};
use crate::objects::list::ListObject;
use crate::objects::module::ModuleObject;
use crate::objects::range::RangeObject;
use crate::objects::set::{SetIterator, SetObject};
use crate::objects::slice::SliceObject;
use crate::objects::str::StrObject;
use crate::objects::traceback::TracebackObject;
use crate::objects::tuple::TupleObject;
use crate::objects::{NoneObject, NullObject};

/// Which built-in layout and behaviour a type has. Subclasses (later) share
/// their base's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Type,
    Object,
    None,
    Null,
    Int,
    Bool,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Range,
    Slice,
    Function,
    BuiltinFunction,
    Code,
    Cell,
    ListIterator,
    /// `iterator`: the old sequence protocol, `__getitem__(0)`, `(1)`, … until IndexError.
    SeqGetItemIterator,
    TupleIterator,
    StrIterator,
    BytesIterator,
    RangeIterator,
    DictKeyIterator,
    Exception,
    Traceback,
    Module,
    /// An instance of a class defined in Python.
    Instance,
    Method,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    NotImplemented,
    Ellipsis,
    /// A `__slots__` entry's descriptor (`slots.rs`).
    MemberDescriptor,
    /// A class's `__dict__` or `__weakref__` descriptor (`objects/descriptor.rs`).
    GetSetDescriptor,
    /// `sys.stdout` / `sys.stderr`.
    TextStream,
    /// A file `open()` returned (`objects/file.rs`): text or binary.
    File,
    Quitter,
    Generator,
    Set,
    FrozenSet,
    SetIterator,
    Enumerate,
    Zip,
    Map,
    Filter,
    Reversed,
    ListReverseIterator,
    DictKeys,
    DictValues,
    DictItems,
    DictValueIterator,
    DictItemIterator,
    /// `weakref.ReferenceType` (`objects/weakref.rs`).
    WeakRef,
    /// `weakref.ProxyType` and `weakref.CallableProxyType`.
    WeakProxy,
    /// The frame objects trace functions receive (`trace/frameobj.rs`).
    Frame,
}

/// The Python-level part of a type object.
pub struct TypeData {
    /// `__name__`.
    pub name: String,
    /// `__qualname__`.
    pub qualname: String,
    /// `__module__` (`builtins` for built-in types).
    pub module: String,
    pub kind: Kind,
    /// `__base__` (`None` only for `object`).
    pub base: Option<ObjRef>,
    /// `__bases__`.
    pub bases: Vec<ObjRef>,
    /// `__mro__` as a plain list, the type itself first.
    pub mro: RefCell<Vec<ObjRef>>,
    /// `__dict__` of a class defined in Python; built-in types keep their
    /// methods in Rust tables (`methods.rs`) instead.
    pub dict: OnceCell<ObjRef>,
    /// True for classes created by a `class` statement (`Py_TPFLAGS_HEAPTYPE`).
    pub heap: bool,
    /// Names this class's own `__slots__` declares (`slots.rs`).
    pub slot_names: Vec<String>,
    /// Instances have a `__dict__` (false when `__slots__` all the way down).
    pub has_dict: bool,
}

impl Drop for TypeData {
    /// A freed class's address may be reused by another: cached lookups go.
    fn drop(&mut self) {
        if self.heap {
            crate::typecache::invalidate();
        }
    }
}

impl TypeData {
    /// Data of a built-in type.
    pub fn builtin(name: &str, kind: Kind, base: Option<&ObjRef>) -> TypeData {
        TypeData {
            name: name.to_string(),
            qualname: name.to_string(),
            module: "builtins".to_string(),
            kind,
            base: base.cloned(),
            bases: base.into_iter().cloned().collect(),
            mro: RefCell::new(Vec::new()),
            dict: OnceCell::new(),
            heap: false,
            slot_names: Vec::new(),
            has_dict: true,
        }
    }
}

/// The built-in types, created once per interpreter.
pub struct Types {
    pub type_: ObjRef,
    pub object: ObjRef,
    pub none: ObjRef,
    pub null: ObjRef,
    pub int: ObjRef,
    pub bool_: ObjRef,
    pub float: ObjRef,
    pub str_: ObjRef,
    pub bytes: ObjRef,
    pub list: ObjRef,
    pub tuple: ObjRef,
    pub dict: ObjRef,
    pub range: ObjRef,
    pub slice: ObjRef,
    pub function: ObjRef,
    pub builtin_function: ObjRef,
    pub code: ObjRef,
    pub cell: ObjRef,
    pub list_iterator: ObjRef,
    pub seq_getitem_iterator: ObjRef,
    pub tuple_iterator: ObjRef,
    pub str_iterator: ObjRef,
    pub bytes_iterator: ObjRef,
    pub range_iterator: ObjRef,
    pub dict_key_iterator: ObjRef,
    pub traceback: ObjRef,
    pub module: ObjRef,
    pub method: ObjRef,
    pub property: ObjRef,
    pub staticmethod: ObjRef,
    pub classmethod: ObjRef,
    pub super_: ObjRef,
    pub not_implemented: ObjRef,
    pub ellipsis: ObjRef,
    pub member_descriptor: ObjRef,
    pub getset_descriptor: ObjRef,
    pub text_stream: ObjRef,
    /// `_io.TextIOWrapper`: text files.
    pub text_file: ObjRef,
    /// `_io.BufferedReader`, `_io.BufferedWriter`, `_io.BufferedRandom`:
    /// binary files opened for reading, writing, or both.
    pub buffered_reader: ObjRef,
    pub buffered_writer: ObjRef,
    pub buffered_random: ObjRef,
    pub quitter: ObjRef,
    pub generator: ObjRef,
    pub set: ObjRef,
    pub frozenset: ObjRef,
    pub set_iterator: ObjRef,
    pub enumerate: ObjRef,
    pub zip: ObjRef,
    pub map: ObjRef,
    pub filter: ObjRef,
    pub reversed: ObjRef,
    pub list_reverse_iterator: ObjRef,
    pub dict_keys: ObjRef,
    pub dict_values: ObjRef,
    pub dict_items: ObjRef,
    pub dict_value_iterator: ObjRef,
    pub dict_item_iterator: ObjRef,
    /// `BaseException`; the other exception types live in `Vm::exc`.
    pub base_exception: ObjRef,
}

/// How many dead floats keep their block for the next float: CPython 3.11's
/// `PyFloat_MAXFREELIST` (the free lists are `refpy_heap::freelist`).
const FLOAT_MAXFREELIST: usize = 100;
/// `PyList_MAXFREELIST`.
const LIST_MAXFREELIST: usize = 80;
/// `PyDict_MAXFREELIST`.
const DICT_MAXFREELIST: usize = 80;
/// `PyTuple_MAXFREELIST`: kept tuples of each length 1..=`TUPLE_NFREELISTS`.
const TUPLE_MAXFREELIST: usize = 2000;
/// `PyTuple_NFREELISTS`: the longest tuples kept.
const TUPLE_NFREELISTS: usize = 20;
/// `PyTuple_MAXSAVESIZE`: only tuples shorter than this reuse a kept block.
const TUPLE_MAXSAVESIZE: usize = 20;

/// Creates one type object under `type` with the given slots.
pub fn make_type(meta: &ObjRef, name: &str, kind: Kind, base: Option<&ObjRef>, slots: TypeSlots) -> ObjRef {
    make_builtin_type(meta, name, "builtins", kind, base.as_slice(), slots)
}

/// Creates a built-in type of module `module` (`_io.TextIOWrapper`,
/// `io.UnsupportedOperation`) with the given bases. The bases' MROs are
/// single chains sharing a tail, so C3 is each base's chain without what a
/// later base's MRO holds, then the last base's whole MRO.
pub fn make_builtin_type(
    meta: &ObjRef,
    name: &str,
    module: &str,
    kind: Kind,
    bases: &[&ObjRef],
    slots: TypeSlots,
) -> ObjRef {
    let mut data = TypeData::builtin(name, kind, bases.first().copied());
    data.module = module.to_string();
    data.bases = bases.iter().map(|&b| b.clone()).collect();
    let t = new_type_object(Some(meta), slots, data).expect("out of memory creating built-in types");
    let mut mro = vec![t.clone()];
    for (i, b) in bases.iter().enumerate() {
        let later = &bases[i + 1..];
        let in_later = |c: &ObjRef| later.iter().any(|l| type_data(l).mro.borrow().iter().any(|x| x.is(c)));
        mro.extend(type_data(b).mro.borrow().iter().filter(|c| !in_later(c)).cloned());
    }
    *type_data(&t).mro.borrow_mut() = mro;
    t
}

/// The [`TypeData`] of a type object.
///
/// Every type object in refpy is created by [`make_type`] (or is `type`
/// itself), so this never fails for an object known to be a type.
pub fn type_data(t: &ObjRef) -> &TypeData {
    t.type_data::<TypeData>().expect("not a type object")
}

/// The [`TypeData`] of a type object, or `None` if `t` is not a type.
pub fn as_type(t: &ObjRef) -> Option<&TypeData> {
    t.type_data::<TypeData>()
}

impl Types {
    /// Builds the built-in types. `type` is its own type; `object` is the root.
    pub fn new() -> Types {
        // Type objects are GC objects, tracked only for classes defined in
        // Python (static types are not, as in CPython): a class's MRO holds
        // the class itself, so only the collector can free it.
        let mut meta = metatype_slots::<TypeData>()
            .with_traverse(crate::gc_support::type_traverse)
            .with_clear(crate::gc_support::type_clear);
        meta.flags |= flags::HAVE_GC | flags::TRACK_LAZILY;
        let type_ = new_type_object(None, meta, TypeData::builtin("type", Kind::Type, None))
            .expect("out of memory creating type");
        let object = make_type(&type_, "object", Kind::Object, None, TypeSlots::new::<NoneObject>(0));
        *type_data(&type_).mro.borrow_mut() = vec![type_.clone(), object.clone()];
        let t =
            |name: &str, kind: Kind, slots: TypeSlots| make_type(&type_, name, kind, Some(&object), slots);
        let io = |name: &str, kind: Kind, slots: TypeSlots| {
            make_builtin_type(&type_, name, "_io", kind, &[&object], slots)
        };
        let file = |name: &str| io(name, Kind::File, TypeSlots::new::<crate::objects::file::FileObject>(0));
        let gc = flags::HAVE_GC;
        let int = t("int", Kind::Int, TypeSlots::new::<IntObject>(0));
        let bool_ = make_type(&type_, "bool", Kind::Bool, Some(&int), TypeSlots::new::<IntObject>(0));
        let base_exception = t(
            "BaseException",
            Kind::Exception,
            TypeSlots::new::<ExceptionObject>(gc)
                .with_traverse(gcs::exception_traverse)
                .with_clear(gcs::exception_clear),
        );
        // Free lists are cleared in the order they are declared: CPython's
        // `_PyGC_ClearAllFreeLists` order is tuple, float, list, dict.
        let tuple = t(
            "tuple",
            Kind::Tuple,
            TypeSlots::new_var::<TupleObject, ObjRef>(gc)
                .with_traverse(gcs::tuple_traverse)
                .with_maybe_untrack(UntrackWhen::EveryCollection, gcs::tuple_maybe_untrack)
                .with_freelist_per_length(TUPLE_MAXFREELIST, TUPLE_NFREELISTS, TUPLE_MAXSAVESIZE - 1),
        );
        Types {
            none: t("NoneType", Kind::None, TypeSlots::new::<NoneObject>(0)),
            null: t("<NULL>", Kind::Null, TypeSlots::new::<NullObject>(0)),
            float: t("float", Kind::Float, TypeSlots::new::<FloatObject>(0).with_freelist(FLOAT_MAXFREELIST)),
            str_: t("str", Kind::Str, TypeSlots::new_str::<StrObject>(0)),
            bytes: t("bytes", Kind::Bytes, TypeSlots::new_var::<BytesObject, u8>(0)),
            list: t(
                "list",
                Kind::List,
                TypeSlots::new::<ListObject>(gc)
                    .with_traverse(gcs::list_traverse)
                    .with_clear(gcs::list_clear)
                    .with_freelist(LIST_MAXFREELIST),
            ),
            tuple,
            dict: t(
                "dict",
                Kind::Dict,
                TypeSlots::new::<DictObject>(gc | flags::TRACK_LAZILY)
                    .with_traverse(gcs::dict_traverse)
                    .with_clear(gcs::dict_clear)
                    .with_maybe_untrack(UntrackWhen::FullCollection, gcs::dict_maybe_untrack)
                    .with_freelist(DICT_MAXFREELIST),
            ),
            range: t("range", Kind::Range, TypeSlots::new::<RangeObject>(0)),
            slice: t(
                "slice",
                Kind::Slice,
                TypeSlots::new::<SliceObject>(gc).with_traverse(gcs::slice_traverse),
            ),
            function: t(
                "function",
                Kind::Function,
                TypeSlots::new::<FunctionObject>(gc)
                    .with_traverse(gcs::function_traverse)
                    .with_clear(gcs::function_clear),
            ),
            builtin_function: t(
                "builtin_function_or_method",
                Kind::BuiltinFunction,
                TypeSlots::new::<BuiltinFunction>(gc).with_traverse(gcs::builtin_traverse),
            ),
            code: t("code", Kind::Code, TypeSlots::new::<CodeObj>(0)),
            cell: t(
                "cell",
                Kind::Cell,
                TypeSlots::new::<CellObject>(gc)
                    .with_traverse(gcs::cell_traverse)
                    .with_clear(gcs::cell_clear),
            ),
            seq_getitem_iterator: t(
                "iterator",
                Kind::SeqGetItemIterator,
                TypeSlots::new::<SeqIterator>(gc)
                    .with_traverse(gcs::seqiter_traverse)
                    .with_clear(gcs::seqiter_clear),
            ),
            list_iterator: t(
                "list_iterator",
                Kind::ListIterator,
                TypeSlots::new::<SeqIterator>(gc)
                    .with_traverse(gcs::seqiter_traverse)
                    .with_clear(gcs::seqiter_clear),
            ),
            tuple_iterator: t(
                "tuple_iterator",
                Kind::TupleIterator,
                TypeSlots::new::<SeqIterator>(gc)
                    .with_traverse(gcs::seqiter_traverse)
                    .with_clear(gcs::seqiter_clear),
            ),
            str_iterator: t(
                "str_ascii_iterator",
                Kind::StrIterator,
                TypeSlots::new::<SeqIterator>(gc)
                    .with_traverse(gcs::seqiter_traverse)
                    .with_clear(gcs::seqiter_clear),
            ),
            bytes_iterator: t(
                "bytes_iterator",
                Kind::BytesIterator,
                TypeSlots::new::<SeqIterator>(gc)
                    .with_traverse(gcs::seqiter_traverse)
                    .with_clear(gcs::seqiter_clear),
            ),
            range_iterator: t("range_iterator", Kind::RangeIterator, TypeSlots::new::<RangeIterator>(0)),
            dict_key_iterator: t(
                "dict_keyiterator",
                Kind::DictKeyIterator,
                TypeSlots::new::<SeqIterator>(gc)
                    .with_traverse(gcs::seqiter_traverse)
                    .with_clear(gcs::seqiter_clear),
            ),
            traceback: t(
                "traceback",
                Kind::Traceback,
                TypeSlots::new::<TracebackObject>(gc).with_traverse(gcs::traceback_traverse),
            ),
            module: t(
                "module",
                Kind::Module,
                TypeSlots::new::<ModuleObject>(gc).with_traverse(gcs::module_traverse),
            ),
            method: t(
                "method",
                Kind::Method,
                TypeSlots::new::<MethodObject>(gc).with_traverse(gcs::method_traverse),
            ),
            property: t(
                "property",
                Kind::Property,
                TypeSlots::new::<PropertyObject>(gc).with_traverse(gcs::property_traverse),
            ),
            staticmethod: t(
                "staticmethod",
                Kind::StaticMethod,
                TypeSlots::new::<WrapperObject>(gc).with_traverse(gcs::wrapper_traverse),
            ),
            classmethod: t(
                "classmethod",
                Kind::ClassMethod,
                TypeSlots::new::<WrapperObject>(gc).with_traverse(gcs::wrapper_traverse),
            ),
            super_: t(
                "super",
                Kind::Super,
                TypeSlots::new::<MethodObject>(gc).with_traverse(gcs::method_traverse),
            ),
            generator: t(
                "generator",
                Kind::Generator,
                TypeSlots::new::<GeneratorObject>(gc | flags::HAS_FINALIZER)
                    .with_traverse(gcs::generator_traverse)
                    .with_clear(gcs::generator_clear),
            ),
            not_implemented: t("NotImplementedType", Kind::NotImplemented, TypeSlots::new::<NoneObject>(0)),
            ellipsis: t("ellipsis", Kind::Ellipsis, TypeSlots::new::<NoneObject>(0)),
            member_descriptor: t(
                "member_descriptor",
                Kind::MemberDescriptor,
                TypeSlots::new::<crate::slots::MemberDescriptor>(0),
            ),
            getset_descriptor: t(
                "getset_descriptor",
                Kind::GetSetDescriptor,
                TypeSlots::new::<crate::objects::descriptor::GetSetDescriptor>(gc)
                    .with_traverse(crate::objects::descriptor::getset_traverse),
            ),
            text_stream: io(
                "TextIOWrapper",
                Kind::TextStream,
                TypeSlots::new::<crate::objects::textio::TextStream>(0),
            ),
            text_file: file("TextIOWrapper"),
            buffered_reader: file("BufferedReader"),
            buffered_writer: file("BufferedWriter"),
            buffered_random: file("BufferedRandom"),
            quitter: t("Quitter", Kind::Quitter, TypeSlots::new::<crate::objects::QuitterObject>(0)),
            set: t(
                "set",
                Kind::Set,
                TypeSlots::new::<SetObject>(gc).with_traverse(gcs::set_traverse).with_clear(gcs::set_clear),
            ),
            frozenset: t(
                "frozenset",
                Kind::FrozenSet,
                TypeSlots::new::<SetObject>(gc).with_traverse(gcs::set_traverse).with_clear(gcs::set_clear),
            ),
            set_iterator: t(
                "set_iterator",
                Kind::SetIterator,
                TypeSlots::new::<SetIterator>(gc).with_traverse(gcs::setiter_traverse),
            ),
            enumerate: t(
                "enumerate",
                Kind::Enumerate,
                TypeSlots::new::<EnumerateObject>(gc).with_traverse(gcs::enumerate_traverse),
            ),
            zip: t("zip", Kind::Zip, TypeSlots::new::<ZipObject>(gc).with_traverse(gcs::zip_traverse)),
            map: t("map", Kind::Map, TypeSlots::new::<MapObject>(gc).with_traverse(gcs::map_traverse)),
            filter: t(
                "filter",
                Kind::Filter,
                TypeSlots::new::<FilterObject>(gc).with_traverse(gcs::filter_traverse),
            ),
            reversed: t(
                "reversed",
                Kind::Reversed,
                TypeSlots::new::<ReversedObject>(gc).with_traverse(gcs::reversed_traverse),
            ),
            list_reverse_iterator: t(
                "list_reverseiterator",
                Kind::ListReverseIterator,
                TypeSlots::new::<ReversedObject>(gc).with_traverse(gcs::reversed_traverse),
            ),
            dict_keys: t(
                "dict_keys",
                Kind::DictKeys,
                TypeSlots::new::<DictViewObject>(gc).with_traverse(gcs::dictview_traverse),
            ),
            dict_values: t(
                "dict_values",
                Kind::DictValues,
                TypeSlots::new::<DictViewObject>(gc).with_traverse(gcs::dictview_traverse),
            ),
            dict_items: t(
                "dict_items",
                Kind::DictItems,
                TypeSlots::new::<DictViewObject>(gc).with_traverse(gcs::dictview_traverse),
            ),
            dict_value_iterator: t(
                "dict_valueiterator",
                Kind::DictValueIterator,
                TypeSlots::new::<SeqIterator>(gc)
                    .with_traverse(gcs::seqiter_traverse)
                    .with_clear(gcs::seqiter_clear),
            ),
            dict_item_iterator: t(
                "dict_itemiterator",
                Kind::DictItemIterator,
                TypeSlots::new::<SeqIterator>(gc)
                    .with_traverse(gcs::seqiter_traverse)
                    .with_clear(gcs::seqiter_clear),
            ),
            type_,
            object,
            int,
            bool_,
            base_exception,
        }
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}
