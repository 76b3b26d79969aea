//! The `frame` objects trace functions receive.
//!
//! refpy's frames are not Python objects (frame.rs), so each event gets a
//! fresh frame object describing the frame at that moment. The subset:
//! `f_lineno`, `f_code` (with `co_name`, `co_filename`, `co_firstlineno`),
//! `f_locals` (a snapshot dict taken when the object is made; a module or
//! class frame gives its live namespace), `f_globals` and `f_back` (the
//! calling frame's object, made at the same time, or `None`). Frames of
//! refpy's Python-source modules are skipped in `f_back` chains, as C code
//! has no frame in CPython.

use std::cell::RefCell;

use refpy_heap::{alloc, flags, ObjRef, TypeSlots, Visit};

use crate::errors::PyResult;
use crate::objects::function::CodeObj;
use crate::types::{make_type, Kind};
use crate::Vm;

/// Payload of a frame object.
pub struct FrameObject {
    /// `f_code`.
    code: ObjRef,
    /// `f_globals`.
    globals: ObjRef,
    /// `f_locals`.
    locals: RefCell<Option<ObjRef>>,
    /// `f_lineno` (0 when the instruction has no line).
    lineno: u32,
    /// `f_back`.
    back: RefCell<Option<ObjRef>>,
}

/// `frame_tp_traverse`.
fn frame_traverse(op: &ObjRef, visit: Visit<'_>) {
    if let Some(f) = op.downcast::<FrameObject>() {
        visit(&f.code);
        visit(&f.globals);
        for cell in [&f.locals, &f.back] {
            if let Ok(v) = cell.try_borrow() {
                if let Some(o) = v.as_ref() {
                    visit(o);
                }
            }
        }
    }
}

/// `frame_tp_clear`: drops the locals and the back link.
fn frame_clear(op: &ObjRef) {
    if let Some(f) = op.downcast::<FrameObject>() {
        let taken = [&f.locals, &f.back].map(|c| c.try_borrow_mut().ok().and_then(|mut v| v.take()));
        drop(taken);
    }
}

impl Vm {
    /// The `frame` type, made on first use.
    fn frame_type(&mut self) -> ObjRef {
        if let Some(t) = &self.trace.frame_type {
            return t.clone();
        }
        let slots = TypeSlots::new::<FrameObject>(flags::HAVE_GC)
            .with_traverse(frame_traverse)
            .with_clear(frame_clear);
        let t = make_type(&self.types.type_, "frame", Kind::Frame, Some(&self.types.object), slots);
        self.trace.frame_type = Some(t.clone());
        t
    }

    /// Frame objects for frames `0..=fi`, frame `fi` executing the code unit
    /// `lasti`; returns the one for `fi`.
    pub(crate) fn new_frame_object(&mut self, fi: usize, lasti: usize) -> PyResult {
        let ty = self.frame_type();
        let mut back: Option<ObjRef> = None;
        for j in 0..=fi {
            let frame = &self.frames[j];
            if j < fi && !super::traced_file(&frame.code.code.filename) {
                continue;
            }
            let at = if j == fi { lasti } else { frame.lasti };
            let lineno = frame.code.code.locations.get(at).map_or(0, |l| l.lineno);
            let (code, globals) = (frame.code_obj.clone(), frame.globals.clone());
            let locals = self.frame_locals(j)?;
            let payload = FrameObject {
                code,
                globals,
                locals: RefCell::new(Some(locals)),
                lineno,
                back: RefCell::new(back),
            };
            back = Some(alloc(&ty, payload, 0).map_err(|_| self.memory_error())?);
        }
        Ok(back.expect("frame fi was made"))
    }

    /// The attributes of frame objects and of `code` objects (`co_name`,
    /// `co_filename`, `co_firstlineno`, `co_qualname`); `None` for other
    /// objects or names.
    pub(crate) fn frame_or_code_attr(&mut self, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
        if let Some(f) = obj.downcast::<FrameObject>() {
            let none = self.none.clone();
            let cell_value = |c: &RefCell<Option<ObjRef>>| c.borrow().clone().unwrap_or_else(|| none.clone());
            return Ok(Some(match name {
                "f_code" => f.code.clone(),
                "f_globals" => f.globals.clone(),
                "f_locals" => cell_value(&f.locals),
                "f_back" => cell_value(&f.back),
                "f_lineno" => self.new_int(i64::from(f.lineno))?,
                _ => return Ok(None),
            }));
        }
        if let Some(CodeObj(data)) = obj.downcast::<CodeObj>() {
            return Ok(Some(match name {
                "co_name" => data.name.clone(),
                "co_qualname" => data.qualname.clone(),
                "co_filename" => data.filename.clone(),
                "co_firstlineno" => self.new_int(i64::from(data.code.firstlineno))?,
                _ => return Ok(None),
            }));
        }
        Ok(None)
    }
}
