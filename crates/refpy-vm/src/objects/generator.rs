//! Generators: a suspended frame and its values, resumed by `next()`,
//! `send()`, `throw()` and `close()`.
//!
//! While a generator runs, its frame lives on the VM's frame stack like any
//! other; when it yields, the frame and its slice of the value stack (locals
//! and temporaries) move into the generator object (3.11 embeds the frame in
//! the generator the same way, `FRAME_OWNED_BY_GENERATOR`).

use std::cell::{Cell, RefCell};

use refpy_heap::{alloc, ObjRef};

use crate::errors::{ExcType, PyErr, PyResult};
use crate::frame::Frame;
use crate::Vm;

/// A frame taken off the stack: the frame record and its values.
pub struct SavedFrame {
    pub frame: Frame,
    pub values: Vec<ObjRef>,
}

/// Payload of a generator object.
pub struct GeneratorObject {
    /// The suspended frame; `None` while running and once finished.
    pub saved: RefCell<Option<Box<SavedFrame>>>,
    /// True while the generator's frame is executing (`gi_running`).
    pub running: Cell<bool>,
    /// True before the first resumption (`send(non-None)` is an error then).
    pub just_started: Cell<bool>,
    pub name: ObjRef,
    pub qualname: ObjRef,
}

/// How a resumption ended.
pub enum GenResult {
    Yielded(ObjRef),
    Returned(ObjRef),
}

impl Vm {
    /// Wraps a frame that just executed `RETURN_GENERATOR`.
    pub(crate) fn new_generator(&mut self, saved: SavedFrame) -> PyResult {
        let (name, qualname) = (saved.frame.code.name.clone(), saved.frame.code.qualname.clone());
        let payload = GeneratorObject {
            saved: RefCell::new(Some(Box::new(saved))),
            running: Cell::new(false),
            just_started: Cell::new(true),
            name,
            qualname,
        };
        let ty = self.types.generator.clone();
        alloc(&ty, payload, 120).map_err(|_| self.memory_error())
    }

    /// Resumes `gen` with a value to send (or an exception to raise at the
    /// point where it is suspended) and runs it until it yields or finishes.
    pub(crate) fn gen_resume(&mut self, gen: &ObjRef, sent: Result<ObjRef, PyErr>) -> PyResult<GenResult> {
        let g = gen.downcast::<GeneratorObject>().expect("generator");
        if g.running.get() {
            return Err(self.new_error(ExcType::ValueError, "generator already executing"));
        }
        let Some(saved) = g.saved.borrow_mut().take() else {
            return match sent {
                Err(e) => Err(e),
                Ok(_) => Ok(GenResult::Returned(self.none.clone())),
            };
        };
        if g.just_started.get() {
            if let Ok(v) = &sent {
                if !v.is(&self.none) {
                    *g.saved.borrow_mut() = Some(saved);
                    return Err(self.new_error(
                        ExcType::TypeError,
                        "can't send non-None value to a just-started generator",
                    ));
                }
            }
        }
        g.just_started.set(false);
        if self.frames.len() >= self.recursion_limit {
            *g.saved.borrow_mut() = Some(saved);
            return Err(self.new_error(ExcType::RecursionError, "maximum recursion depth exceeded"));
        }
        let SavedFrame { mut frame, values } = *saved;
        frame.base = self.stack.len();
        frame.is_entry = true;
        frame.generator = Some(gen.clone());
        self.stack.extend(values);
        let lasti = frame.lasti;
        self.frames.push(frame);
        g.running.set(true);
        let r = match sent {
            Ok(v) => {
                self.stack.push(v);
                self.run_frames()
            }
            Err(e) => self.throw_into_frame(e, lasti),
        };
        g.running.set(false);
        let yielded = std::mem::take(&mut self.yielded);
        match r {
            Ok(v) if yielded => Ok(GenResult::Yielded(v)),
            Ok(v) => Ok(GenResult::Returned(v)),
            Err(e) if self.exc_matches(&e.exc, ExcType::StopIteration) => Err(self.stop_iteration_escaped(e)),
            Err(e) => Err(e),
        }
    }

    /// PEP 479: a `StopIteration` leaving a generator's frame becomes
    /// `RuntimeError("generator raised StopIteration")`, caused by it.
    #[cold]
    fn stop_iteration_escaped(&mut self, stop: PyErr) -> PyErr {
        let err = self.new_error(ExcType::RuntimeError, "generator raised StopIteration");
        if let Some(e) = crate::objects::exception::as_exception(&err.exc) {
            *e.context.borrow_mut() = Some(stop.exc.clone());
            *e.cause.borrow_mut() = Some(stop.exc);
            e.suppress_context.set(true);
        }
        err
    }

    /// The sub-iterator `gen` delegates to, when it is suspended inside a
    /// `yield from` (3.11's `_PyGen_yf`: the next instruction is `RESUME 2`
    /// and the sub-iterator is on top of the value stack).
    fn gen_yield_from_target(gen: &GeneratorObject) -> Option<ObjRef> {
        let saved = gen.saved.borrow();
        let saved = saved.as_ref()?;
        let next = saved.frame.code.code.code.get(saved.frame.ip)?;
        if next.op != refpy_compiler::opcode::Opcode::RESUME || next.arg < 2 {
            return None;
        }
        saved.values.last().cloned()
    }

    /// Ends the `yield from` loop `gen` is suspended in: pops the
    /// sub-iterator and moves to the instruction after the loop's `SEND`, as
    /// 3.11's `_gen_throw` does when the sub-iterator finished.
    fn gen_leave_yield_from(gen: &GeneratorObject) {
        let mut saved = gen.saved.borrow_mut();
        let Some(saved) = saved.as_mut() else { return };
        let units = &saved.frame.code.code.code;
        // Suspended at RESUME (ip), after YIELD_VALUE (ip - 1) and SEND (ip - 2).
        let send = saved.frame.ip - 2;
        let mut target = u32::from(units[send].arg);
        let mut shift = 8;
        let mut i = send;
        while i > 0 && units[i - 1].op == refpy_compiler::opcode::Opcode::EXTENDED_ARG {
            i -= 1;
            target |= u32::from(units[i].arg) << shift;
            shift += 8;
        }
        drop(saved.values.pop());
        saved.frame.ip = target as usize;
        saved.frame.lasti = target as usize - 1;
    }

    /// `gen.throw(err)` and `gen.close()`'s `GeneratorExit`: delegated to the
    /// sub-iterator of a `yield from` first (closed, for `GeneratorExit`),
    /// as CPython's `_gen_throw` does; otherwise raised where `gen` is
    /// suspended.
    pub(crate) fn gen_throw(&mut self, gen: &ObjRef, err: PyErr) -> PyResult<GenResult> {
        let g = gen.downcast::<GeneratorObject>().expect("generator");
        let Some(yf) = Self::gen_yield_from_target(g).filter(|_| !g.running.get()) else {
            return self.gen_resume(gen, Err(err));
        };
        g.running.set(true);
        let sub = if self.exc_matches(&err.exc, ExcType::GeneratorExit) {
            let closed = self.close_iter(&yf);
            g.running.set(false);
            let thrown = match closed {
                Ok(()) => err,
                Err(e) => e,
            };
            return self.gen_resume(gen, Err(thrown));
        } else if self.kind(&yf) == crate::types::Kind::Generator {
            match self.gen_throw(&yf, err) {
                Ok(GenResult::Yielded(v)) => Ok(v),
                Ok(GenResult::Returned(r)) => Err(self.stop_iteration(r)),
                Err(e) => Err(e),
            }
        } else {
            let name = self.new_str("throw")?;
            match self.get_attr(&yf, &name) {
                Ok(meth) => self.call(&meth, std::slice::from_ref(&err.exc), None),
                Err(e) if self.exc_matches(&e.exc, ExcType::AttributeError) => {
                    g.running.set(false);
                    return self.gen_resume(gen, Err(err));
                }
                Err(e) => Err(e),
            }
        };
        g.running.set(false);
        match sub {
            Ok(v) => Ok(GenResult::Yielded(v)),
            Err(e) => {
                Self::gen_leave_yield_from(g);
                if self.exc_matches(&e.exc, ExcType::StopIteration) {
                    let value = self.exception_attr(&e.exc, "value").unwrap_or_else(|| self.none.clone());
                    self.gen_resume(gen, Ok(value))
                } else {
                    self.gen_resume(gen, Err(e))
                }
            }
        }
    }

    /// Closes the sub-iterator of a `yield from` (`gen_close_iter`): a
    /// generator's `close()`, or the iterator's own `close` method if any.
    fn close_iter(&mut self, it: &ObjRef) -> PyResult<()> {
        if self.kind(it) == crate::types::Kind::Generator {
            return self.gen_close(it);
        }
        let name = self.new_str("close")?;
        match self.get_attr(it, &name) {
            Ok(meth) => self.call(&meth, &[], None).map(drop),
            Err(e) if self.exc_matches(&e.exc, ExcType::AttributeError) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// `next(gen)`: `Ok(None)` when the generator is exhausted.
    pub(crate) fn gen_next(&mut self, gen: &ObjRef) -> PyResult<Option<ObjRef>> {
        let none = self.none.clone();
        match self.gen_resume(gen, Ok(none))? {
            GenResult::Yielded(v) => Ok(Some(v)),
            GenResult::Returned(_) => Ok(None),
        }
    }

    /// `gen.send(v)`: raises `StopIteration(value)` when it returns.
    pub(crate) fn gen_send(&mut self, gen: &ObjRef, v: ObjRef) -> PyResult {
        match self.gen_resume(gen, Ok(v))? {
            GenResult::Yielded(v) => Ok(v),
            GenResult::Returned(r) => Err(self.stop_iteration(r)),
        }
    }

    /// `StopIteration(value)` (no argument for `None`).
    pub(crate) fn stop_iteration(&mut self, value: ObjRef) -> PyErr {
        let ty = self.exc[ExcType::StopIteration as usize].clone();
        let args =
            if value.is(&self.none) { Ok(self.empty_tuple.clone()) } else { self.new_tuple(vec![value]) };
        match args.and_then(|a| self.new_exception(&ty, a)) {
            Ok(exc) => PyErr { exc },
            Err(e) => e,
        }
    }

    /// `gen.close()`: raise `GeneratorExit` inside; it must not yield again.
    pub(crate) fn gen_close(&mut self, gen: &ObjRef) -> PyResult<()> {
        let g = gen.downcast::<GeneratorObject>().expect("generator");
        if g.saved.borrow().is_none() || g.just_started.get() {
            drop(g.saved.borrow_mut().take());
            return Ok(());
        }
        let exit = self.new_error_noargs(ExcType::GeneratorExit);
        match self.gen_throw(gen, exit) {
            Ok(GenResult::Yielded(_)) => {
                Err(self.new_error(ExcType::RuntimeError, "generator ignored GeneratorExit"))
            }
            Ok(GenResult::Returned(_)) => Ok(()),
            Err(e)
                if self.exc_matches(&e.exc, ExcType::GeneratorExit)
                    || self.exc_matches(&e.exc, ExcType::StopIteration) =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

/// The generator payload, if `obj` is a generator.
pub fn as_generator(obj: &ObjRef) -> Option<&GeneratorObject> {
    obj.downcast::<GeneratorObject>()
}

/// The methods of generator objects.
pub fn generator_method(name: &str) -> Option<(&'static str, crate::objects::function::BuiltinFn)> {
    match name {
        "send" => Some(("send", gen_send_method)),
        "throw" => Some(("throw", gen_throw_method)),
        "close" => Some(("close", gen_close_method)),
        _ => None,
    }
}

fn gen_send_method(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::call::no_kwargs(vm, "send", kw)?;
    let [gen, v] = args else {
        return Err(vm.new_error(
            ExcType::TypeError,
            format!("send() takes exactly one argument ({} given)", args.len().saturating_sub(1)),
        ));
    };
    vm.gen_send(gen, v.clone())
}

/// `gen.throw(exc)`: raise `exc` (a class or instance) where the generator
/// is suspended.
fn gen_throw_method(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::call::no_kwargs(vm, "throw", kw)?;
    let [gen, exc, ..] = args else {
        return Err(vm.new_error(ExcType::TypeError, "throw expected at least 1 argument, got 0"));
    };
    let err = vm.make_raise(Some(exc.clone()), None);
    vm.reraising = false;
    match vm.gen_throw(gen, err)? {
        GenResult::Yielded(v) => Ok(v),
        GenResult::Returned(r) => Err(vm.stop_iteration(r)),
    }
}

fn gen_close_method(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::call::no_kwargs(vm, "close", kw)?;
    let Some(gen) = args.first() else {
        return Err(vm.new_error(ExcType::TypeError, "close() needs its generator"));
    };
    vm.gen_close(gen)?;
    Ok(vm.none.clone())
}
