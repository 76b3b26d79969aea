//! `__slots__`: a class that lists its instances' attributes.
//!
//! Each name in `__slots__` becomes a member descriptor in the class
//! (`<member 'x' of 'P' objects>`), except `__dict__` and `__weakref__`,
//! which give the class those getset descriptors instead (as a class
//! without `__slots__` gets them when no base has them). When every class defined in Python in
//! the MRO has `__slots__` (and none lists `__dict__`), instances have no
//! `__dict__`: storing any other attribute is an `AttributeError`, and
//! `sys.getsizeof` counts 8 bytes per slot instead of the dict pointers,
//! as in CPython. refpy keeps slot values in the instance's attribute
//! storage, so reading an unset slot raises CPython's `AttributeError` from
//! the descriptor. One documented difference: in a subclass that has a
//! `__dict__` again (no `__slots__` of its own), the inherited slots'
//! values show in that `__dict__`.

use refpy_heap::{alloc, ObjRef};

use crate::errors::{ExcType, PyResult};
use crate::objects::dict::as_dict;
use crate::objects::str::as_str;
use crate::types::type_data;
use crate::Vm;

/// Payload of a member descriptor: the slot's name and its class's name.
pub struct MemberDescriptor {
    pub name: String,
    pub owner: String,
}

/// What `__slots__` makes of a class: the slot names along its MRO,
/// whether its instances still have a `__dict__`, and whether the class
/// itself adds the `__dict__` and `__weakref__` descriptors (its bases have
/// none, and `__slots__`, if any, lists them).
pub(crate) struct SlotLayout {
    pub names: Vec<String>,
    pub has_dict: bool,
    pub add_dict: bool,
    pub add_weakref: bool,
}

impl Vm {
    /// Reads `__slots__` from a class namespace, checks it, and replaces
    /// each slot name in the namespace by a member descriptor. `bases` are
    /// the new class's bases, `layout` the kind of built-in payload it has.
    pub(crate) fn apply_slots(
        &mut self,
        name: &str,
        bases: &[ObjRef],
        ns: &ObjRef,
        layout: crate::types::Kind,
    ) -> PyResult<SlotLayout> {
        let d = as_dict(ns).expect("namespace is a dict");
        let inherited_dict = bases
            .iter()
            .any(|b| type_data(b).mro.borrow().iter().any(|c| type_data(c).heap && type_data(c).has_dict));
        // BaseException has a dict; int and tuple (variable-sized) have no room for a weakref list.
        let base_dict = inherited_dict || layout == crate::types::Kind::Exception;
        let mut may_weakref = !self.bases_have_weakref(bases)?
            && !matches!(layout, crate::types::Kind::Int | crate::types::Kind::Tuple);
        let mut names: Vec<String> = Vec::new();
        for b in bases {
            for c in type_data(b).mro.borrow().iter() {
                names.extend(type_data(c).slot_names.iter().cloned());
            }
        }
        let Some(spec) = self.dict_get_str(d, "__slots__")? else {
            return Ok(SlotLayout { names, has_dict: true, add_dict: !base_dict, add_weakref: may_weakref });
        };
        let own: Vec<ObjRef> = match as_str(&spec) {
            Some(_) => vec![spec.clone()],
            None => self.sequence_items(&spec)?,
        };
        let mut has_dict = inherited_dict;
        let mut add_weakref = false;
        for item in own {
            let Some(slot) = as_str(&item).map(str::to_string) else {
                let t = self.type_name(&item);
                return Err(
                    self.new_error(ExcType::TypeError, format!("__slots__ items must be strings, not '{t}'"))
                );
            };
            // Variable-sized payloads leave no room for slots (CPython's itemsize rule).
            if matches!(layout, crate::types::Kind::Int | crate::types::Kind::Tuple) {
                let base = if layout == crate::types::Kind::Int { "int" } else { "tuple" };
                return Err(self.new_error(
                    ExcType::TypeError,
                    format!("nonempty __slots__ not supported for subtype of '{base}'"),
                ));
            }
            if slot == "__dict__" {
                if base_dict || has_dict {
                    return Err(
                        self.new_error(ExcType::TypeError, "__dict__ slot disallowed: we already got one")
                    );
                }
                has_dict = true;
                continue;
            }
            if slot == "__weakref__" {
                if !may_weakref {
                    return Err(self.new_error(
                        ExcType::TypeError,
                        "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0",
                    ));
                }
                (may_weakref, add_weakref) = (false, true);
                continue;
            }
            if !slot.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                || !slot.chars().all(|c| c.is_alphanumeric() || c == '_')
            {
                return Err(self.new_error(ExcType::TypeError, "__slots__ must be identifiers"));
            }
            if self.dict_get_str(d, &slot)?.is_some() {
                return Err(self.new_error(
                    ExcType::ValueError,
                    format!("'{slot}' in __slots__ conflicts with class variable"),
                ));
            }
            let ty = self.types.member_descriptor.clone();
            let descr = alloc(&ty, MemberDescriptor { name: slot.clone(), owner: name.to_string() }, 64)
                .map_err(|_| self.memory_error())?;
            self.dict_set_str(ns, &slot, descr)?;
            names.push(slot);
        }
        Ok(SlotLayout { names, has_dict, add_dict: has_dict && !inherited_dict, add_weakref })
    }

    /// Instances of some class along `bases`' MROs already support weak
    /// references: a class defined in Python that added `__weakref__`, or
    /// `set`/`frozenset`.
    fn bases_have_weakref(&mut self, bases: &[ObjRef]) -> PyResult<bool> {
        let classes: Vec<ObjRef> = bases.iter().flat_map(|b| type_data(b).mro.borrow().clone()).collect();
        for c in &classes {
            let td = type_data(c);
            if matches!(td.kind, crate::types::Kind::Set | crate::types::Kind::FrozenSet) {
                return Ok(true);
            }
            if let Some(d) = td.dict.get().cloned() {
                if self.dict_get_str(as_dict(&d).expect("class dict"), "__weakref__")?.is_some() {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// Storing attribute `name` on an instance of `ty` is allowed: the class
    /// has a `__dict__` or `name` is one of its slots.
    pub(crate) fn check_slot_store(&mut self, obj: &ObjRef, name: &ObjRef) -> PyResult<()> {
        let td = type_data(obj.ob_type_ref());
        let n = as_str(name).unwrap_or("");
        if td.has_dict || td.slot_names.iter().any(|s| s == n) {
            return Ok(());
        }
        let t = td.name.clone();
        Err(self.new_error(ExcType::AttributeError, format!("'{t}' object has no attribute '{n}'")))
    }

    /// Reading a slot that holds no value (the descriptor's `__get__`).
    pub(crate) fn unset_slot_error(&mut self, obj: &ObjRef, descr: &MemberDescriptor) -> PyResult {
        let t = self.type_name(obj);
        Err(self
            .new_error(ExcType::AttributeError, format!("'{t}' object has no attribute '{}'", descr.name)))
    }
}

/// `repr()` of a member descriptor.
pub(crate) fn member_repr(d: &MemberDescriptor) -> String {
    format!("<member '{}' of '{}' objects>", d.name, d.owner)
}
