//! The item, iteration and attribute protocols for the built-in types:
//! `get_item`, `set_item`, `del_item`, `contains`, `get_iter`, `iter_next`,
//! `get_attr`, `load_method`.

use refpy_heap::ObjRef;

use crate::errors::{ExcType, PyErr, PyResult};
use crate::objects::bytes::as_bytes;
use crate::objects::dict::{as_dict, DictObject};
use crate::objects::int::{as_bigint_sign, as_i64};
use crate::objects::iter::{RangeIterator, SeqIterator};
use crate::objects::list::{as_list, list_new_capacity, ListObject};
use crate::objects::range::as_range;
use crate::objects::slice::as_slice;
use crate::objects::str::{as_str, as_str_object};
use crate::objects::tuple::as_tuple;
use crate::types::{type_data, Kind};
use crate::Vm;

impl Vm {
    /// An index argument as `isize` (`PyNumber_AsSsize_t` with IndexError
    /// for overflow), or the TypeError CPython gives for `what`.
    pub(crate) fn index_of(&mut self, key: &ObjRef, what: &str) -> PyResult<isize> {
        if let Some(i) = as_i64(key) {
            return Ok(i as isize);
        }
        if as_bigint_sign(key).is_some() {
            let t = self.type_name(key);
            return Err(
                self.new_error(ExcType::IndexError, format!("cannot fit '{t}' into an index-sized integer"))
            );
        }
        let t = self.type_name(key);
        Err(self.new_error(ExcType::TypeError, format!("{what} indices must be integers or slices, not {t}")))
    }

    /// Normalises a possibly negative index; `None` when out of range.
    pub(crate) fn normalize(i: isize, len: usize) -> Option<usize> {
        let i = if i < 0 { i + len as isize } else { i };
        (0..len as isize).contains(&i).then_some(i as usize)
    }

    /// `container[key]`.
    pub fn get_item(&mut self, container: &ObjRef, key: &ObjRef) -> PyResult {
        if let Some(v) = self.override_special(container, "__getitem__", std::slice::from_ref(key))? {
            return Ok(v);
        }
        self.get_item_base(container, key)
    }

    /// `container[key]` without a subclass's `__getitem__` (`list.__getitem__`).
    pub(crate) fn get_item_base(&mut self, container: &ObjRef, key: &ObjRef) -> PyResult {
        if let Some(l) = as_list(container) {
            if let Some(s) = as_slice(key) {
                let items = l.items.borrow().to_vec();
                let picked = self.slice_pick(&items, s)?;
                return self.new_list(picked);
            }
            let i = self.index_of(key, "list")?;
            let got = Self::normalize(i, l.items.borrow().len()).map(|i| l.items.borrow()[i].clone());
            return got.ok_or_else(|| self.new_error(ExcType::IndexError, "list index out of range"));
        }
        if let Some(t) = as_tuple(container) {
            if let Some(s) = as_slice(key) {
                let (_, _, step, count) = self.slice_indices(s, t.len())?;
                if step == 1 && count == t.len() {
                    return Ok(container.clone());
                }
                let picked = self.slice_pick(t, s)?;
                return self.new_tuple(picked);
            }
            let i = self.index_of(key, "tuple")?;
            return match Self::normalize(i, t.len()) {
                Some(i) => Ok(t[i].clone()),
                None => Err(self.new_error(ExcType::IndexError, "tuple index out of range")),
            };
        }
        if let Some(d) = as_dict(container) {
            return match self.dict_get(d, key)? {
                Some(v) => Ok(v),
                // dict_subscript: a subclass may supply missing values.
                None => match self.override_special(container, "__missing__", std::slice::from_ref(key))? {
                    Some(v) => Ok(v),
                    None => Err(self.key_error(key)),
                },
            };
        }
        if let Some((so, text)) = as_str_object(container) {
            let nchars = so.nchars;
            let text = text.to_string();
            if let Some(s) = as_slice(key) {
                let (start, _, step, count) = self.slice_indices(s, nchars)?;
                if step == 1 && count == nchars {
                    return Ok(container.clone());
                }
                let chars: Vec<char> = text.chars().collect();
                let out: String = (0..count).map(|k| chars[(start + k as isize * step) as usize]).collect();
                return self.new_str(&out);
            }
            let i = self.index_of(key, "string")?;
            return match Self::normalize(i, nchars) {
                Some(i) => {
                    let c = if text.is_ascii() {
                        text.as_bytes()[i] as char
                    } else {
                        text.chars().nth(i).unwrap_or('\0')
                    };
                    let mut buf = [0u8; 4];
                    self.new_str(c.encode_utf8(&mut buf))
                }
                None => Err(self.new_error(ExcType::IndexError, "string index out of range")),
            };
        }
        if let Some(b) = as_bytes(container) {
            return self.bytes_subscript(container, b, key);
        }
        if let Some(r) = as_range(container) {
            let (start, step, len) = (r.start, r.step, r.len);
            if let Some(s) = as_slice(key) {
                let (first, last, k, _) = self.slice_indices(s, len as usize)?;
                return self.new_range(
                    start + step * first as i64,
                    start + step * last as i64,
                    step * k as i64,
                );
            }
            let i = self.index_of(key, "range")?;
            return match Self::normalize(i, len as usize) {
                Some(i) => self.new_int(start + step * i as i64),
                None => Err(self.new_error(ExcType::IndexError, "range object index out of range")),
            };
        }
        if let Some(v) = self.user_special(container, "__getitem__", std::slice::from_ref(key))? {
            return Ok(v);
        }
        let t = self.type_name(container);
        Err(self.new_error(ExcType::TypeError, format!("'{t}' object is not subscriptable")))
    }

    /// The items of `items` selected by a slice.
    fn slice_pick(
        &mut self,
        items: &[ObjRef],
        s: &crate::objects::slice::SliceObject,
    ) -> PyResult<Vec<ObjRef>> {
        let (start, _, step, count) = self.slice_indices(s, items.len())?;
        Ok((0..count).map(|k| items[(start + k as isize * step) as usize].clone()).collect())
    }

    /// `KeyError(key)`.
    #[cold]
    pub(crate) fn key_error(&mut self, key: &ObjRef) -> PyErr {
        let ty = self.exc[ExcType::KeyError as usize].clone();
        match self.new_tuple(vec![key.clone()]).and_then(|args| self.new_exception(&ty, args)) {
            Ok(exc) => PyErr { exc },
            Err(e) => e,
        }
    }

    /// `container[key] = value`.
    pub fn set_item(&mut self, container: &ObjRef, key: ObjRef, value: ObjRef) -> PyResult<()> {
        if self.override_special(container, "__setitem__", &[key.clone(), value.clone()])?.is_some() {
            return Ok(());
        }
        self.set_item_base(container, key, value)
    }

    /// `container[key] = value` without a subclass's `__setitem__`.
    pub(crate) fn set_item_base(&mut self, container: &ObjRef, key: ObjRef, value: ObjRef) -> PyResult<()> {
        if let Some(l) = as_list(container) {
            if let Some(s) = as_slice(&key) {
                return self.list_set_slice(l, s, &value);
            }
            let i = self.index_of(&key, "list")?;
            let len = l.items.borrow().len();
            let Some(i) = Self::normalize(i, len) else {
                return Err(self.new_error(ExcType::IndexError, "list assignment index out of range"));
            };
            let old = std::mem::replace(&mut l.items.borrow_mut()[i], value);
            drop(old);
            return Ok(());
        }
        if as_dict(container).is_some() {
            return self.dict_set(container, key, value);
        }
        if self.user_special(container, "__setitem__", &[key.clone(), value.clone()])?.is_some() {
            return Ok(());
        }
        let t = self.type_name(container);
        Err(self.new_error(ExcType::TypeError, format!("'{t}' object does not support item assignment")))
    }

    /// `list[a:b] = iterable` (step 1) and extended-slice assignment.
    fn list_set_slice(
        &mut self,
        l: &ListObject,
        s: &crate::objects::slice::SliceObject,
        value: &ObjRef,
    ) -> PyResult<()> {
        let new_items = self.sequence_items(value)?;
        let len = l.items.borrow().len();
        let (start, stop, step, count) = self.slice_indices(s, len)?;
        if step == 1 {
            let stop = stop.max(start) as usize;
            let start = start as usize;
            let mut old: Vec<ObjRef> = l.items.borrow().to_vec();
            let removed: Vec<ObjRef> = old.splice(start..stop, new_items).collect();
            self.list_replace_all(l, old)?;
            drop_last_to_first(removed);
            return Ok(());
        }
        if new_items.len() != count {
            return Err(self.new_error(
                ExcType::ValueError,
                format!(
                    "attempt to assign sequence of size {} to extended slice of size {count}",
                    new_items.len()
                ),
            ));
        }
        let mut removed = Vec::with_capacity(count);
        for (k, v) in new_items.into_iter().enumerate() {
            let idx = (start + k as isize * step) as usize;
            removed.push(std::mem::replace(&mut l.items.borrow_mut()[idx], v));
        }
        drop_last_to_first(removed);
        Ok(())
    }

    /// Replaces a list's items with `items`, resizing with `list_resize`.
    fn list_replace_all(&mut self, l: &ListObject, items: Vec<ObjRef>) -> PyResult<()> {
        let mut v = l.items.borrow_mut();
        let (oldlen, newlen) = (v.len(), items.len());
        let old = v.drain_to_vec(0, oldlen);
        let cap = list_new_capacity(v.capacity(), oldlen, newlen);
        if cap >= newlen && v.set_capacity(cap).is_err() {
            drop(v);
            return Err(self.memory_error());
        }
        for item in items {
            if v.push_within_capacity(item).is_err() {
                drop(v);
                return Err(self.memory_error());
            }
        }
        drop(v);
        drop(old);
        Ok(())
    }

    /// `del container[key]`.
    pub fn del_item(&mut self, container: &ObjRef, key: &ObjRef) -> PyResult<()> {
        if self.override_special(container, "__delitem__", std::slice::from_ref(key))?.is_some() {
            return Ok(());
        }
        self.del_item_base(container, key)
    }

    /// `del container[key]` without a subclass's `__delitem__`.
    pub(crate) fn del_item_base(&mut self, container: &ObjRef, key: &ObjRef) -> PyResult<()> {
        if let Some(l) = as_list(container) {
            if let Some(s) = as_slice(key) {
                let len = l.items.borrow().len();
                let (start, _, step, count) = self.slice_indices(s, len)?;
                let mut idx: Vec<usize> = (0..count).map(|k| (start + k as isize * step) as usize).collect();
                idx.sort_unstable();
                let mut removed = Vec::with_capacity(count);
                for i in idx.into_iter().rev() {
                    removed.extend(l.items.borrow_mut().remove(i));
                }
                let n = l.items.borrow().len();
                let cap = list_new_capacity(l.items.borrow().capacity(), len, n);
                let _ = l.items.borrow_mut().set_capacity(cap.max(n));
                if step == 1 || step == -1 {
                    drop(removed);
                } else {
                    removed.reverse();
                    drop(removed);
                }
                return Ok(());
            }
            let i = self.index_of(key, "list")?;
            let len = l.items.borrow().len();
            let Some(i) = Self::normalize(i, len) else {
                return Err(self.new_error(ExcType::IndexError, "list assignment index out of range"));
            };
            let removed = l.items.borrow_mut().remove(i);
            let cap = list_new_capacity(l.items.borrow().capacity(), len, len - 1);
            let _ = l.items.borrow_mut().set_capacity(cap.max(len - 1));
            drop(removed);
            return Ok(());
        }
        if let Some(d) = as_dict(container) {
            let hash = self.hash(key)?;
            let key = &self.canonical_key(key, || d.table.borrow().keys_with_hash(hash))?;
            let removed = d.table.borrow_mut().remove(key, hash);
            return match removed {
                Some(kv) => {
                    drop(kv);
                    Ok(())
                }
                None => Err(self.key_error(key)),
            };
        }
        if self.user_special(container, "__delitem__", std::slice::from_ref(key))?.is_some() {
            return Ok(());
        }
        let t = self.type_name(container);
        Err(self.new_error(ExcType::TypeError, format!("'{t}' object does not support item deletion")))
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &ObjRef, item: &ObjRef) -> PyResult<bool> {
        if let Some(r) = self.override_special(container, "__contains__", std::slice::from_ref(item))? {
            return self.is_true(&r);
        }
        self.contains_base(container, item)
    }

    /// `item in container` without a subclass's `__contains__`.
    pub(crate) fn contains_base(&mut self, container: &ObjRef, item: &ObjRef) -> PyResult<bool> {
        if let Some(d) = as_dict(container) {
            return Ok(self.dict_get(d, item)?.is_some());
        }
        if let Some(s) = as_str(container) {
            let Some(sub) = as_str(item) else {
                let t = self.type_name(item);
                return Err(self.new_error(
                    ExcType::TypeError,
                    format!("'in <string>' requires string as left operand, not {t}"),
                ));
            };
            return Ok(s.contains(sub));
        }
        if let Some(b) = as_bytes(container) {
            return self.bytes_contains(b, item);
        }
        if let Some(r) = as_range(container) {
            if let Some(v) = as_i64(item) {
                let (start, step, len) = (r.start, r.step, r.len);
                let off = v as i128 - start as i128;
                return Ok(len > 0
                    && off % step as i128 == 0
                    && (0..len as i128).contains(&(off / step as i128)));
            }
        }
        match self.kind(container) {
            Kind::Set | Kind::FrozenSet => return self.set_contains(container, item),
            Kind::DictKeys | Kind::DictValues | Kind::DictItems => {
                return self.dict_view_contains(container, item)
            }
            _ => {}
        }
        if let Some(r) = self.user_special(container, "__contains__", std::slice::from_ref(item))? {
            return self.is_true(&r);
        }
        let iterable = self.is_heap_instance(container)
            && (self.user_special_exists(container, "__iter__")?
                || self.user_special_exists(container, "__getitem__")?);
        if iterable || matches!(self.kind(container), Kind::List | Kind::Tuple | Kind::Range) {
            let items = self.sequence_items(container)?;
            for x in &items {
                if self.items_equal(x, item)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        let t = self.type_name(container);
        Err(self.new_error(ExcType::TypeError, format!("argument of type '{t}' is not iterable")))
    }

    /// `iter(obj)`.
    pub fn get_iter(&mut self, obj: &ObjRef) -> PyResult {
        if self.is_builtin_subclass_instance(obj) {
            if let Some(it) = self.user_special(obj, "__iter__", &[])? {
                return Ok(it);
            }
        }
        self.get_iter_base(obj)
    }

    /// `iter(obj)` without a subclass's `__iter__`.
    pub(crate) fn get_iter_base(&mut self, obj: &ObjRef) -> PyResult {
        let ty = match self.kind(obj) {
            Kind::List => self.types.list_iterator.clone(),
            Kind::Tuple => self.types.tuple_iterator.clone(),
            Kind::Str => self.types.str_iterator.clone(),
            Kind::Bytes => self.types.bytes_iterator.clone(),
            Kind::Dict => self.types.dict_key_iterator.clone(),
            Kind::Range => {
                let r = as_range(obj).expect("range");
                let (start, step, len) = (r.start, r.step, r.len);
                return self.new_range_iter(start, step, len);
            }
            Kind::ListIterator
            | Kind::SeqGetItemIterator
            | Kind::TupleIterator
            | Kind::StrIterator
            | Kind::BytesIterator
            | Kind::RangeIterator
            | Kind::DictKeyIterator
            | Kind::Generator => return Ok(obj.clone()),
            Kind::Set | Kind::FrozenSet => return self.new_set_iter(obj),
            Kind::DictKeys | Kind::DictValues | Kind::DictItems => return self.dict_view_iter(obj),
            Kind::File => return self.file_iter_self(obj),
            k if is_builtin_iterator(k) => return Ok(obj.clone()),
            _ => {
                if let Some(it) = self.user_special(obj, "__iter__", &[])? {
                    if !self.is_iterator(&it)? {
                        let t = self.type_name(&it);
                        return Err(self.new_error(
                            ExcType::TypeError,
                            format!("iter() returned non-iterator of type '{t}'"),
                        ));
                    }
                    return Ok(it);
                }
                if self.is_heap_instance(obj) && self.user_special_exists(obj, "__getitem__")? {
                    self.types.seq_getitem_iterator.clone()
                } else {
                    let t = self.type_name(obj);
                    return Err(self.new_error(ExcType::TypeError, format!("'{t}' object is not iterable")));
                }
            }
        };
        self.new_seq_iter(&ty, obj.clone())
    }

    /// `next(it)`: `Ok(None)` when exhausted.
    pub fn iter_next(&mut self, it: &ObjRef) -> PyResult<Option<ObjRef>> {
        if let Some(r) = it.downcast::<RangeIterator>() {
            let rem = r.remaining.get();
            if rem <= 0 {
                return Ok(None);
            }
            let v = r.next.get();
            r.remaining.set(rem - 1);
            r.next.set(v.wrapping_add(r.step));
            return self.new_int(v).map(Some);
        }
        if let Some(r) = crate::objects::iterators::iter_next_builtin(self, it) {
            return r;
        }
        if self.kind(it) == Kind::Generator {
            return self.gen_next(it);
        }
        if self.is_heap_instance(it) {
            return match self.user_special(it, "__next__", &[]) {
                Ok(Some(v)) => Ok(Some(v)),
                Ok(None) => {
                    let t = self.type_name(it);
                    Err(self.new_error(ExcType::TypeError, format!("'{t}' object is not an iterator")))
                }
                Err(e) if self.exc_matches(&e.exc, ExcType::StopIteration) => Ok(None),
                Err(e) => Err(e),
            };
        }
        let Some(s) = it.downcast::<SeqIterator>() else {
            let t = self.type_name(it);
            return Err(self.new_error(ExcType::TypeError, format!("'{t}' object is not an iterator")));
        };
        let Some(seq) = s.seq.borrow().clone() else { return Ok(None) };
        let i = s.index.get();
        let next = match self.kind(it) {
            Kind::ListIterator => as_list(&seq).and_then(|l| l.items.borrow().get(i).cloned()),
            Kind::TupleIterator => as_tuple(&seq).and_then(|t| t.get(i).cloned()),
            Kind::StrIterator => {
                let text = as_str(&seq).unwrap_or("");
                match text.get(i..).and_then(|rest| rest.chars().next()) {
                    Some(c) => {
                        s.index.set(i + c.len_utf8());
                        let mut buf = [0u8; 4];
                        return self.new_str(c.encode_utf8(&mut buf)).map(Some);
                    }
                    None => None,
                }
            }
            Kind::SeqGetItemIterator => {
                let index = self.new_int(i as i64)?;
                match self.get_item(&seq, &index) {
                    Ok(v) => Some(v),
                    Err(e)
                        if self.exc_matches(&e.exc, ExcType::IndexError)
                            || self.exc_matches(&e.exc, ExcType::StopIteration) =>
                    {
                        None
                    }
                    Err(e) => return Err(e),
                }
            }
            Kind::BytesIterator => match as_bytes(&seq).and_then(|b| b.get(i).copied()) {
                Some(b) => Some(self.new_int(i64::from(b))?),
                None => None,
            },
            _ => self.dict_iter_next(&seq, s)?,
        };
        match next {
            Some(v) => {
                if self.kind(it) != Kind::DictKeyIterator {
                    s.index.set(i + 1);
                }
                Ok(Some(v))
            }
            None => {
                let done = s.seq.borrow_mut().take();
                drop(done);
                Ok(None)
            }
        }
    }

    /// Next key of a dict key iterator (index = next entry slot).
    fn dict_iter_next(&mut self, seq: &ObjRef, s: &SeqIterator) -> PyResult<Option<ObjRef>> {
        let Some(d) = as_dict(seq) else { return Ok(None) };
        if d.table.borrow().len() != s.len_at_start.get() {
            // Report once, as CPython does (`di_used = -1`).
            s.len_at_start.set(usize::MAX);
            return Err(self.new_error(ExcType::RuntimeError, "dictionary changed size during iteration"));
        }
        let table = d.table.borrow();
        let mut i = s.index.get();
        while i < table.nentries() {
            if let Some((k, _)) = table.entry(i) {
                s.index.set(i + 1);
                return Ok(Some(k.clone()));
            }
            i += 1;
        }
        s.index.set(i);
        Ok(None)
    }

    /// `list.extend(iterable)` / `LIST_EXTEND`. Extending an empty list from
    /// a sized container allocates `(n + 1) & !1` slots at once, as CPython's
    /// `list_preallocate_exact` does.
    pub fn list_extend(&mut self, list: &ObjRef, iterable: &ObjRef) -> PyResult<()> {
        let l = as_list(list).expect("LIST_EXTEND target is a list");
        let items = self.sequence_items(iterable)?;
        // CPython preallocates when the iterable reports a length (the
        // built-in sized containers: `PyObject_LengthHint`).
        let exact = self.builtin_len(iterable).is_some();
        if exact
            && !items.is_empty()
            && l.items.borrow().is_empty()
            && l.items.borrow().capacity() < items.len()
        {
            let cap = (items.len() + 1) & !1;
            if l.items.borrow_mut().set_capacity(cap).is_err() {
                return Err(self.memory_error());
            }
        }
        for v in items {
            self.list_append(l, v)?;
        }
        Ok(())
    }

    /// `d.update(other)` for a dict `other` (`dict_merge`).
    pub fn dict_update(&mut self, d: &ObjRef, other: &ObjRef) -> PyResult<()> {
        let target: &DictObject = as_dict(d).expect("DICT_UPDATE target is a dict");
        let Some(src) = as_dict(other) else {
            let t = self.type_name(other);
            return Err(self.new_error(ExcType::TypeError, format!("'{t}' object is not a mapping")));
        };
        let whole = target.table.borrow().is_empty() && src.table.borrow().merges_whole();
        let items: Vec<(ObjRef, ObjRef)> =
            src.table.borrow().items().map(|(k, v)| (k.clone(), v.clone())).collect();
        for (k, v) in items {
            self.dict_set(d, k, v)?;
        }
        if whole && other.is_tracked() {
            d.track();
        }
        Ok(())
    }

    /// True if `obj`'s Python class defines `name`.
    pub(crate) fn user_special_exists(&mut self, obj: &ObjRef, name: &'static str) -> PyResult<bool> {
        let ty = obj.ob_type();
        Ok(self.lookup_special(&ty, name)?.is_some())
    }

    /// True for built-in iterators and instances with `__next__`.
    fn is_iterator(&mut self, it: &ObjRef) -> PyResult<bool> {
        if self.is_heap_instance(it) {
            return self.user_special_exists(it, "__next__");
        }
        Ok(matches!(
            self.kind(it),
            Kind::ListIterator
                | Kind::SeqGetItemIterator
                | Kind::TupleIterator
                | Kind::StrIterator
                | Kind::BytesIterator
                | Kind::RangeIterator
                | Kind::DictKeyIterator
                | Kind::Generator
        ) || is_builtin_iterator(self.kind(it)))
    }

    /// `obj.name`. An `AttributeError` leaving it records `obj` and `name`
    /// (3.11's `set_attribute_error_context`) for the "Did you mean" hint.
    pub fn get_attr(&mut self, obj: &ObjRef, name: &ObjRef) -> PyResult {
        self.get_attr_inner(obj, name).map_err(|e| self.set_attribute_error_context(e, obj, name))
    }

    fn get_attr_inner(&mut self, obj: &ObjRef, name: &ObjRef) -> PyResult {
        if crate::objects::module::as_module(obj).is_some() {
            return self.module_getattr(obj, name);
        }
        let n = as_str(name).unwrap_or("").to_string();
        if let Some(v) = self.special_attr(obj, &n)? {
            return Ok(v);
        }
        let found = match self.kind(obj) {
            Kind::Type => match self.class_getattr(obj, &n)? {
                Some(v) => Some(v),
                None => crate::methods::type_attr(self, obj, &n)?,
            },
            Kind::Super => self.super_getattr(obj, &n)?,
            Kind::WeakRef | Kind::WeakProxy => self.weakref_getattr(obj, name)?,
            Kind::Property => self.property_attr(obj, &n)?,
            Kind::Generator => match crate::objects::generator::generator_method(&n) {
                Some((name, f)) => Some(self.new_builtin(name, f, Some(obj.clone()))?),
                None => None,
            },
            _ if self.is_heap_instance(obj) => self.instance_getattr(obj, name)?,
            kind => match crate::methods::lookup(kind, &n) {
                Some(f) => Some(self.new_builtin(f.0, f.1, Some(obj.clone()))?),
                None => None,
            },
        };
        if let Some(v) = found {
            return Ok(v);
        }
        if let Some(v) = crate::methods::numeric_attr(self, obj, &n)? {
            return Ok(v);
        }
        match crate::methods::subclass_class_method(self, obj, &n)? {
            Some(v) => Ok(v),
            None => Err(self.attribute_error(obj, &n)),
        }
    }

    /// `fget`/`fset`/`fdel` and the `getter`/`setter`/`deleter` methods of a property.
    fn property_attr(&mut self, prop: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
        let p = prop.downcast::<crate::objects::descriptor::PropertyObject>().expect("property");
        let field = match name {
            "fget" => Some(p.fget.clone()),
            "fset" => Some(p.fset.clone()),
            "fdel" => Some(p.fdel.clone()),
            _ => None,
        };
        if let Some(f) = field {
            return Ok(Some(f.unwrap_or_else(|| self.none.clone())));
        }
        if name == "__doc__" {
            // The doc argument, else the getter's docstring.
            if let Some(d) = p.doc.borrow().clone() {
                return Ok(Some(d));
            }
            return match p.fget.clone() {
                Some(g) => {
                    let key = self.intern("__doc__")?;
                    self.get_attr(&g, &key).map(Some)
                }
                None => Ok(Some(self.none.clone())),
            };
        }
        let f: crate::objects::function::BuiltinFn = match name {
            "getter" => crate::builtins::property_getter,
            "setter" => crate::builtins::property_setter,
            "deleter" => crate::builtins::property_deleter,
            _ => return Ok(None),
        };
        let n = match name {
            "getter" => "getter",
            "setter" => "setter",
            _ => "deleter",
        };
        self.new_builtin(n, f, Some(prop.clone())).map(Some)
    }

    /// The attributes every object of a built-in type has (`__class__`, a
    /// function's `__name__`, an exception's `args`, an instance's `__dict__`).
    fn special_attr(&mut self, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
        Ok(Some(match name {
            "__class__" => obj.ob_type(),
            "__dict__" if self.kind(obj) == Kind::Instance && type_data(obj.ob_type_ref()).has_dict => {
                let inst = obj.downcast::<crate::objects::instance::InstanceObject>().expect("instance");
                if inst.dict.borrow().is_none() {
                    let d = self.new_dict()?;
                    d.untrack();
                    *inst.dict.borrow_mut() = Some(d);
                }
                let d = inst.dict.borrow().clone().expect("made above");
                crate::gc_support::materialize_instance_dict(&d);
                d
            }
            "__dict__" if obj.managed_dict().is_some() && type_data(obj.ob_type_ref()).has_dict => {
                let cell = obj.managed_dict().expect("checked");
                if cell.borrow().is_none() {
                    let d = self.new_dict()?;
                    *cell.borrow_mut() = Some(d);
                }
                let d = cell.borrow().clone().expect("made above");
                d
            }
            "__func__" | "__self__" if self.kind(obj) == Kind::Method => {
                let m = obj.downcast::<crate::objects::descriptor::MethodObject>().expect("method");
                if name == "__func__" {
                    m.func.clone()
                } else {
                    m.self_obj.clone()
                }
            }
            "__name__" if self.kind(obj) == Kind::Function => {
                crate::objects::function::as_function(obj).expect("function").name.borrow().clone()
            }
            "__qualname__" if self.kind(obj) == Kind::Function => {
                crate::objects::function::as_function(obj).expect("function").qualname.borrow().clone()
            }
            "args" if self.kind(obj) == Kind::Exception => {
                crate::objects::exception::as_exception(obj).expect("exception").args.borrow().clone()
            }
            _ if self.kind(obj) == Kind::Exception => return Ok(self.exception_attr(obj, name)),
            "__name__" | "__qualname__" | "__doc__" | "__module__" if self.kind(obj) == Kind::Method => {
                let m = obj.downcast::<crate::objects::descriptor::MethodObject>().expect("method");
                let (func, attr) = (m.func.clone(), self.new_str(name)?);
                return self.get_attr(&func, &attr).map(Some);
            }
            _ => return self.introspection_attr(obj, name),
        }))
    }

    /// The read-only introspection attributes of functions (`__doc__`,
    /// `__defaults__`, `__kwdefaults__`, `__closure__`, `__module__`),
    /// generators (`__name__`, `__qualname__`, `gi_running`), cells
    /// (`cell_contents`), traceback entries (`tb_lineno`, `tb_next`,
    /// `tb_lasti`), and frames and code objects (trace/frameobj.rs).
    fn introspection_attr(&mut self, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
        if let Some(f) = obj.downcast::<crate::objects::file::FileObject>() {
            return self.file_attr(f, name);
        }
        if let Some(v) = self.frame_or_code_attr(obj, name)? {
            return Ok(Some(v));
        }
        let none = self.none.clone();
        if let Some(f) = crate::objects::function::as_function(obj) {
            if name == "__dict__" {
                return self.function_dict(obj).map(Some);
            }
            if let Some(d) = f.dict.borrow().clone() {
                if let Some(v) = self.dict_get_str(as_dict(&d).expect("function dict"), name)? {
                    return Ok(Some(v));
                }
            }
            return Ok(Some(match name {
                "__doc__" => f.code.consts.first().filter(|c| as_str(c).is_some()).cloned().unwrap_or(none),
                "__defaults__" => f.defaults.borrow().clone().unwrap_or(none),
                "__kwdefaults__" => f.kwdefaults.borrow().clone().unwrap_or(none),
                "__closure__" => f.closure.clone().unwrap_or(none),
                "__module__" => {
                    let globals = f.globals.clone();
                    self.dict_get_str(as_dict(&globals).expect("globals dict"), "__name__")?.unwrap_or(none)
                }
                _ => return Ok(None),
            }));
        }
        if let Some(g) = crate::objects::generator::as_generator(obj) {
            return Ok(Some(match name {
                "__name__" => g.name.clone(),
                "__qualname__" => g.qualname.clone(),
                "gi_running" => self.new_bool(g.running.get()),
                _ => return Ok(None),
            }));
        }
        if let Some(c) = obj.downcast::<crate::objects::function::CellObject>() {
            if name != "cell_contents" {
                return Ok(None);
            }
            let contents = c.contents.borrow().clone();
            return match contents {
                Some(v) => Ok(Some(v)),
                None => Err(self.new_error(ExcType::ValueError, "Cell is empty")),
            };
        }
        if let Some(tb) = obj.downcast::<crate::objects::traceback::TracebackObject>() {
            return Ok(Some(match name {
                "tb_next" => tb.next.clone().unwrap_or(none),
                "tb_lasti" => self.new_int(2 * tb.lasti as i64)?,
                "tb_lineno" => {
                    let code = tb.code.downcast::<crate::objects::function::CodeObj>().expect("code");
                    let line = code.0.code.locations.get(tb.lasti).map_or(0, |l| l.lineno);
                    self.new_int(i64::from(line))?
                }
                _ => return Ok(None),
            }));
        }
        Ok(None)
    }

    /// `AttributeError: 'int' object has no attribute 'x'`.
    #[cold]
    pub(crate) fn attribute_error(&mut self, obj: &ObjRef, name: &str) -> PyErr {
        if self.kind(obj) == Kind::Type {
            let t = type_data(obj).name.clone();
            return self
                .new_error(ExcType::AttributeError, format!("type object '{t}' has no attribute '{name}'"));
        }
        let t = self.type_name(obj);
        self.new_error(ExcType::AttributeError, format!("'{t}' object has no attribute '{name}'"))
    }

    /// `obj.name = value`.
    pub fn set_attr(&mut self, obj: &ObjRef, name: &ObjRef, value: ObjRef) -> PyResult<()> {
        self.set_or_del_attr(obj, name, Some(value))
    }

    /// `obj.name = value`, or `del obj.name` when `value` is `None`.
    fn set_or_del_attr(&mut self, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
        if let Some(v) = &value {
            if self.set_exception_attr(obj, as_str(name).unwrap_or(""), v)? {
                return Ok(());
            }
        }
        self.check_data_attr_writable(obj, name)?;
        if self.is_heap_instance(obj) {
            return self.instance_setattr(obj, name, value);
        }
        if self.kind(obj) == Kind::WeakProxy {
            return self.proxy_setattr(obj, name, value);
        }
        if crate::objects::module::as_module(obj).is_some() {
            return self.module_setattr(obj, name, value);
        }
        if crate::objects::function::as_function(obj).is_some() {
            return self.function_setattr(obj, name, value);
        }
        if let Some(td) = crate::types::as_type(obj).filter(|t| t.heap) {
            crate::typecache::invalidate();
            let d = td.dict.get().cloned().expect("class dict");
            return match value {
                Some(v) => self.dict_set(&d, name.clone(), v),
                None => self.namespace_delete(obj, &d, name),
            };
        }
        let n = as_str(name).unwrap_or("").to_string();
        let t = self.type_name(obj);
        if crate::methods::lookup(self.kind(obj), &n).is_some() {
            return Err(
                self.new_error(ExcType::AttributeError, format!("'{t}' object attribute '{n}' is read-only"))
            );
        }
        Err(self.new_error(ExcType::AttributeError, format!("'{t}' object has no attribute '{n}'")))
    }

    /// The numeric data attributes (`x.real`, …) are read-only, unless a
    /// class defined in Python overrides the name: `attribute 'real' of
    /// 'int' objects is not writable`.
    fn check_data_attr_writable(&mut self, obj: &ObjRef, name: &ObjRef) -> PyResult<()> {
        let n = as_str(name).unwrap_or("");
        let Some(owner) = crate::methods::data_attr_owner(self.kind(obj), n) else { return Ok(()) };
        if self.is_heap_instance(obj) && self.lookup_in_mro_obj(&obj.ob_type(), name)?.is_some() {
            return Ok(());
        }
        Err(self.new_error(
            ExcType::AttributeError,
            format!("attribute '{n}' of '{owner}' objects is not writable"),
        ))
    }

    /// `del obj.name`.
    pub fn del_attr(&mut self, obj: &ObjRef, name: &ObjRef) -> PyResult<()> {
        self.set_or_del_attr(obj, name, None)
    }

    /// `LOAD_METHOD`: `(method, self)` for a built-in method found on the
    /// type, else `(NULL, attribute)`. Always inlined into both copies of the
    /// eval loop (eval.rs compiles it with and without tracing hooks).
    #[inline(always)]
    pub fn load_method(&mut self, obj: ObjRef, name: &ObjRef) -> PyResult<(ObjRef, ObjRef)> {
        let n = as_str(name).unwrap_or("");
        if self.kind(&obj) == Kind::Instance || self.is_builtin_subclass_instance(&obj) {
            // A plain function on the class, not shadowed by the instance:
            // no bound method is made (3.11's LOAD_METHOD).
            let ty = obj.ob_type();
            if let Some(f) = self.lookup_in_mro_obj(&ty, name)? {
                let shadowed = self
                    .instance_dict(&obj, false)?
                    .map(|d| self.dict_get(as_dict(&d).expect("dict"), name))
                    .transpose()?
                    .flatten()
                    .is_some();
                if !shadowed && self.kind(&f) == Kind::Function {
                    return Ok((f, obj));
                }
            }
            let attr = self.get_attr(&obj, name)?;
            return Ok((self.null.clone(), attr));
        }
        if let Some(f) = crate::methods::lookup(self.kind(&obj), n) {
            let m = self.method_object(f)?;
            return Ok((m, obj));
        }
        let attr = self.get_attr(&obj, name)?;
        Ok((self.null.clone(), attr))
    }
}

/// Releases removed items last to first, CPython's order for slice deletion
/// and assignment.
fn drop_last_to_first(mut items: Vec<ObjRef>) {
    while let Some(v) = items.pop() {
        drop(v);
    }
}

/// The iterator kinds of `objects::iterators`, `objects::set` and
/// `objects::dictview`, and files: each is its own iterator.
fn is_builtin_iterator(k: Kind) -> bool {
    matches!(
        k,
        Kind::Enumerate
            | Kind::Zip
            | Kind::Map
            | Kind::Filter
            | Kind::Reversed
            | Kind::ListReverseIterator
            | Kind::SetIterator
            | Kind::DictValueIterator
            | Kind::DictItemIterator
            | Kind::File
    )
}
