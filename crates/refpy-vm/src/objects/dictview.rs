//! Dict views (`dict_keys`, `dict_values`, `dict_items`) and the value and
//! item iterators. A view holds its dict and reads it live: `len()`, `in`,
//! iteration and `repr()` always see the dict's current contents.

use refpy_heap::{alloc, ObjRef};

use crate::errors::PyResult;
use crate::objects::dict::as_dict;
use crate::objects::iter::SeqIterator;
use crate::objects::tuple::as_tuple;
use crate::types::Kind;
use crate::Vm;

/// Payload of a dict view.
pub struct DictViewObject {
    pub dict: ObjRef,
}

/// `sizeof(_PyDictViewObject)`.
const VIEW_BASICSIZE: usize = 24;

/// The view payload, if `obj` is a dict view.
pub fn as_dict_view(obj: &ObjRef) -> Option<&DictViewObject> {
    obj.downcast::<DictViewObject>()
}

impl Vm {
    /// A view of kind `Kind::DictKeys`, `DictValues` or `DictItems` on `dict`.
    pub fn new_dict_view(&mut self, kind: Kind, dict: &ObjRef) -> PyResult {
        let ty = match kind {
            Kind::DictKeys => self.types.dict_keys.clone(),
            Kind::DictValues => self.types.dict_values.clone(),
            _ => self.types.dict_items.clone(),
        };
        alloc(&ty, DictViewObject { dict: dict.clone() }, VIEW_BASICSIZE).map_err(|_| self.memory_error())
    }

    /// `iter(view)`.
    pub fn dict_view_iter(&mut self, view: &ObjRef) -> PyResult {
        let d = as_dict_view(view).expect("dict view").dict.clone();
        let ty = match self.kind(view) {
            Kind::DictKeys => self.types.dict_key_iterator.clone(),
            Kind::DictValues => self.types.dict_value_iterator.clone(),
            _ => self.types.dict_item_iterator.clone(),
        };
        self.new_seq_iter(&ty, d)
    }

    /// `next()` of a value or item iterator: the next live entry at or after
    /// the iterator's entry index.
    pub fn dict_view_iter_next(&mut self, it: &ObjRef) -> PyResult<Option<ObjRef>> {
        let s = it.downcast::<SeqIterator>().expect("dict iterator");
        let Some(d) = s.seq.borrow().clone() else { return Ok(None) };
        let found = {
            let t = as_dict(&d).expect("dict").table.borrow();
            (s.index.get()..t.nentries()).find_map(|i| t.entry(i).map(|(k, v)| (i, k.clone(), v.clone())))
        };
        let Some((i, k, v)) = found else {
            let done = s.seq.borrow_mut().take();
            drop(done);
            return Ok(None);
        };
        s.index.set(i + 1);
        if self.kind(it) == Kind::DictValueIterator {
            return Ok(Some(v));
        }
        self.new_tuple(vec![k, v]).map(Some)
    }

    /// `len(view)`.
    pub fn dict_view_len(&self, view: &ObjRef) -> Option<usize> {
        let v = as_dict_view(view)?;
        as_dict(&v.dict).map(|d| d.table.borrow().len())
    }

    /// `x in view`.
    pub fn dict_view_contains(&mut self, view: &ObjRef, x: &ObjRef) -> PyResult<bool> {
        let d = as_dict_view(view).expect("dict view").dict.clone();
        let dict = as_dict(&d).expect("dict");
        match self.kind(view) {
            Kind::DictKeys => Ok(self.dict_get(dict, x)?.is_some()),
            Kind::DictValues => {
                let values: Vec<ObjRef> = dict.table.borrow().items().map(|(_, v)| v.clone()).collect();
                for v in &values {
                    if self.items_equal(v, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => {
                let Some([k, v]) = as_tuple(x).and_then(|t| <&[ObjRef; 2]>::try_from(t).ok()) else {
                    return Ok(false);
                };
                match self.dict_get(dict, k)? {
                    Some(found) => self.items_equal(&found, v),
                    None => Ok(false),
                }
            }
        }
    }

    /// `repr(view)`: `dict_keys([...])` and the like.
    pub fn dict_view_repr(&mut self, view: &ObjRef) -> PyResult<String> {
        let items = self.sequence_items(view)?;
        let list = self.new_list(items)?;
        let inner = self.repr_string(&list)?;
        Ok(format!("{}({inner})", self.type_name(view)))
    }
}
