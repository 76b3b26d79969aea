//! Execution tracing: CPython 3.11's `sys.settrace` events (`call`, `line`,
//! `return`, `exception`) and the recorder behind `refpy --trace`.
//!
//! **Zero cost when off.** The eval loop is compiled twice
//! (`run_frames_in::<TRACE>`, eval.rs). The copy without tracing has no
//! tracing code at all; it only tests [`TraceState::active`] where it
//! already tests for pending finalizers, at the top of each frame switch
//! (a call, a return, a resumed generator, a handled exception), and hands
//! over to the tracing copy there. The tracing copy calls
//! [`Vm::trace_instruction`] before each instruction, which fires `call` at
//! a `RESUME` and `line` where CPython 3.11's `maybe_call_line_trace` does;
//! it hands back when tracing stops. `return` fires at `RETURN_VALUE` and
//! `YIELD_VALUE` in the tracing copy; `exception` and the `return` of a frame
//! an exception leaves fire while unwinding, which is already off the fast path.
//!
//! Who listens: the function given to `sys.settrace` (the global tracer,
//! called for `call` events; what it returns becomes the frame's local
//! tracer, `Frame::trace`, called for the other events, as CPython's
//! `trace_trampoline` does), and [`record::Recorder`] for `refpy --trace`.
//! No events fire while a hook runs (CPython's `tstate->tracing`), and code
//! of refpy's Python-source modules (`<refpy NAME>` files, C code in CPython)
//! is never traced.

mod frameobj;
mod json;
mod pytutor;
pub(crate) mod record;

use refpy_compiler::Opcode;
use refpy_heap::ObjRef;

use crate::errors::{PyErr, PyResult};
use crate::Vm;

pub use record::{TraceEnd, TraceFormat, DEFAULT_MAX_STEPS};

/// Tracing state of one interpreter.
#[derive(Default)]
pub struct TraceState {
    /// Events are wanted: a trace function is set or the recorder is
    /// recording, and no hook is running. The eval loop's only test.
    pub(crate) active: bool,
    /// The function given to `sys.settrace` (`tstate->c_traceobj`).
    pub(crate) func: Option<ObjRef>,
    /// The recorder of `refpy --trace`.
    pub(crate) recorder: Option<Box<record::Recorder>>,
    /// A hook is running (`tstate->tracing`).
    in_hook: bool,
    /// The `frame` type, made on first use.
    pub(crate) frame_type: Option<ObjRef>,
}

impl TraceState {
    /// Recomputes [`TraceState::active`] after a change.
    pub(crate) fn update(&mut self) {
        let recording = self.recorder.as_ref().is_some_and(|r| r.recording());
        self.active = !self.in_hook && (self.func.is_some() || recording);
    }
}

/// One trace event, with its argument.
#[derive(Clone, Copy)]
pub(crate) enum Event<'a> {
    Call,
    Line,
    /// The value returned or yielded; `None` when an exception leaves the frame.
    Return(Option<&'a ObjRef>),
    /// The exception being raised or passing through.
    Exception(&'a ObjRef),
}

impl Event<'_> {
    /// The event's name, as trace functions receive it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Event::Call => "call",
            Event::Line => "line",
            Event::Return(_) => "return",
            Event::Exception(_) => "exception",
        }
    }
}

/// Whether code from `filename` is traced: not refpy's own Python-source
/// modules, which stand for C code in CPython.
pub(crate) fn traced_file(filename: &str) -> bool {
    !filename.starts_with("<refpy ")
}

impl Vm {
    /// Before each instruction of the tracing loop: fires `call` at a
    /// `RESUME`, and `line` when the instruction starts a new line or is the
    /// target of a backward jump (CPython 3.11's `DO_TRACING` and
    /// `maybe_call_line_trace`). `prev` is the frame's previous instruction
    /// (`instr_prev`) and becomes `lasti`. Instructions before the first
    /// `RESUME` (cells, generator creation) are never traced.
    #[inline(never)]
    pub(crate) fn trace_instruction(&mut self, fi: usize, lasti: usize, prev: &mut usize) -> PyResult<()> {
        let code = self.frames[fi].code.clone();
        let co = &code.code;
        if !traced_file(&co.filename) {
            return Ok(());
        }
        let first = first_traceable(co);
        if lasti < first {
            return Ok(());
        }
        let instr_prev = std::mem::replace(prev, lasti);
        let op = co.code[lasti].op;
        if op == Opcode::RESUME {
            return self.trace_event(fi, lasti, Event::Call);
        }
        let line = co.locations[lasti].lineno;
        if line == 0 {
            return Ok(());
        }
        let last_line = if instr_prev <= first { 0 } else { co.locations[instr_prev].lineno };
        let backward = lasti < instr_prev && op != Opcode::SEND;
        if line != last_line || backward {
            return self.trace_event(fi, lasti, Event::Line);
        }
        Ok(())
    }

    /// Delivers one event about frame `fi` (executing the code unit `lasti`)
    /// to the recorder and to the trace functions.
    #[inline(never)]
    pub(crate) fn trace_event(&mut self, fi: usize, lasti: usize, event: Event<'_>) -> PyResult<()> {
        if !self.trace.active || !traced_file(&self.frames[fi].code.code.filename) {
            return Ok(());
        }
        if self.trace.recorder.is_some() {
            self.record_step(fi, lasti, event);
        }
        if self.trace.func.is_some() {
            self.call_tracer(fi, lasti, event)?;
        }
        Ok(())
    }

    /// CPython's `trace_trampoline`: a `call` event goes to the global
    /// tracer, the others to the frame's local tracer; a result other than
    /// `None` becomes the frame's local tracer. A tracer that raises is
    /// removed (`sys.settrace(None)`) and its exception propagates.
    fn call_tracer(&mut self, fi: usize, lasti: usize, event: Event<'_>) -> PyResult<()> {
        let callback = match event {
            Event::Call => self.trace.func.clone(),
            _ => self.frames[fi].trace.clone(),
        };
        let Some(callback) = callback else { return Ok(()) };
        let frame = self.new_frame_object(fi, lasti)?;
        let name = self.intern(event.name())?;
        let arg = match event {
            Event::Call | Event::Line | Event::Return(None) => self.none.clone(),
            Event::Return(Some(v)) => v.clone(),
            Event::Exception(exc) => self.exc_info_tuple(exc)?,
        };
        self.enter_hook();
        let result = self.call(&callback, &[frame, name, arg], None);
        self.leave_hook();
        match result {
            Ok(r) => {
                if !r.is(&self.none) {
                    self.frames[fi].trace = Some(r);
                }
                Ok(())
            }
            Err(e) => {
                self.frames[fi].trace = None;
                self.set_trace_function(None);
                Err(e)
            }
        }
    }

    /// `(type, value, traceback)` of an exception, the argument of an
    /// `exception` event.
    fn exc_info_tuple(&mut self, exc: &ObjRef) -> PyResult {
        let tb = crate::objects::exception::as_exception(exc)
            .and_then(|e| e.traceback.borrow().clone())
            .unwrap_or_else(|| self.none.clone());
        self.new_tuple(vec![exc.ob_type(), exc.clone(), tb])
    }

    /// A hook starts running: no events until [`Vm::leave_hook`].
    pub(crate) fn enter_hook(&mut self) {
        self.trace.in_hook = true;
        self.trace.update();
    }

    pub(crate) fn leave_hook(&mut self) {
        self.trace.in_hook = false;
        self.trace.update();
    }

    /// `sys.settrace(func)`; `None` removes the trace function.
    pub(crate) fn set_trace_function(&mut self, func: Option<ObjRef>) {
        self.trace.func = func;
        self.trace.update();
    }

    /// While unwinding: the `exception` event of a frame an exception is
    /// raised in or passes through (not for a re-raise in the same frame).
    /// A tracer's own exception replaces the one being raised.
    pub(crate) fn trace_unwind_exception(&mut self, err: PyErr) -> PyErr {
        let fi = self.frames.len() - 1;
        let lasti = self.frames[fi].lasti;
        match self.trace_event(fi, lasti, Event::Exception(&err.exc)) {
            Ok(()) => err,
            Err(e) => e,
        }
    }

    /// While unwinding: the `return` event (argument `None`) of a frame an
    /// exception leaves. Errors of the tracer are ignored, as the frame is
    /// gone either way.
    pub(crate) fn trace_unwind_return(&mut self) {
        let fi = self.frames.len() - 1;
        let lasti = self.frames[fi].lasti;
        let _ = self.trace_event(fi, lasti, Event::Return(None));
    }
}

/// Index of the first `RESUME` (`_co_firsttraceable`): what comes before it
/// (`MAKE_CELL`, `COPY_FREE_VARS`, `RETURN_GENERATOR`) is not traced.
fn first_traceable(co: &refpy_compiler::CodeObject) -> usize {
    co.code.iter().position(|u| u.op == Opcode::RESUME).unwrap_or(0)
}
