//! `list`: a header plus an item array from obmalloc (`HeapVec`), grown with
//! CPython's `list_resize` over-allocation so capacities, block sizes and
//! `sys.getsizeof` match CPython 3.11.

use std::cell::RefCell;

use refpy_heap::{alloc, HeapVec, ObjRef};

use crate::errors::PyResult;
use crate::Vm;

/// Payload of a list. The `RefCell` is never borrowed across a call that can
/// run Python code.
pub struct ListObject {
    pub items: RefCell<HeapVec<ObjRef>>,
}

/// `sizeof(PyListObject)`.
pub const LIST_BASICSIZE: usize = 40;

/// CPython's `list_resize` capacity for `newsize` items when the current
/// capacity is `allocated` (3.11): over-allocate by ~1/8 plus 6, rounded down
/// to a multiple of 4, unless that is closer to the old size than the new.
pub fn list_new_capacity(allocated: usize, oldsize: usize, newsize: usize) -> usize {
    if allocated >= newsize && newsize >= allocated >> 1 {
        return allocated;
    }
    if newsize == 0 {
        return 0;
    }
    let mut new_allocated = (newsize + (newsize >> 3) + 6) & !3;
    if newsize - oldsize.min(newsize) > new_allocated - newsize {
        new_allocated = (newsize + 3) & !3;
    }
    new_allocated
}

impl Vm {
    /// A list holding `items` with capacity exactly `items.len()`
    /// (`BUILD_LIST n`, `PyList_New(n)`).
    pub fn new_list(&mut self, items: Vec<ObjRef>) -> PyResult {
        let n = items.len();
        self.new_list_with_capacity(items, n)
    }

    /// A list holding `items` in a buffer of `cap >= items.len()` slots.
    pub fn new_list_with_capacity(&mut self, items: Vec<ObjRef>, cap: usize) -> PyResult {
        let mut v = HeapVec::with_capacity(cap).map_err(|_| self.memory_error())?;
        for item in items {
            if v.push_within_capacity(item).is_err() {
                return Err(self.memory_error());
            }
        }
        alloc(&self.types.list, ListObject { items: RefCell::new(v) }, LIST_BASICSIZE)
            .map_err(|_| self.memory_error())
    }

    /// `list.append`: grows by `list_resize` when full.
    pub fn list_append(&mut self, list: &ListObject, item: ObjRef) -> PyResult<()> {
        let mut v = list.items.borrow_mut();
        if let Err(item) = v.push_within_capacity(item) {
            let n = v.len();
            let cap = list_new_capacity(v.capacity(), n, n + 1);
            if v.set_capacity(cap).is_err() {
                drop(v);
                return Err(self.memory_error());
            }
            let _ = v.push_within_capacity(item);
        }
        Ok(())
    }
}

/// The list payload, if `obj` is a list.
#[inline]
pub fn as_list(obj: &ObjRef) -> Option<&ListObject> {
    obj.downcast::<ListObject>()
}
