//! The recorder behind `refpy --trace OUT.json`: one step per trace event
//! of the script's own code, each with the frames, every object reachable
//! from their variables, what was allocated and freed since the previous
//! step, the collections that ran, and the output so far. docs/TRACE.md
//! describes the format; `json.rs` writes it.
//!
//! The recorder never runs Python code and never allocates Python objects,
//! so recording changes no count, no `id()` and no collection; the
//! allocation events of its own Rust work are not recorded.

use std::rc::Rc;

use refpy_heap::gc::{self, CollectResult, GcList};
use refpy_heap::trace::HeapEvent;
use refpy_heap::ObjRef;
use rustc_hash::FxHashMap;

use super::json::{self, TraceWriter};
use super::pytutor::Tutor;
use super::Event;
use crate::errors::PyErr;
use crate::objects::dict::as_dict;
use crate::objects::function::{as_function, CellObject};
use crate::objects::list::as_list;
use crate::objects::set::as_set;
use crate::objects::str::{as_str, as_str_object, Interned};
use crate::objects::tuple::as_tuple;
use crate::types::{type_data, Kind};
use crate::Vm;

/// Longest `repr` kept for an object, in characters; longer ones end in `...`.
pub const REPR_LIMIT: usize = 80;

/// Default of `--trace-max-steps` (Python Tutor's limit).
pub const DEFAULT_MAX_STEPS: usize = 1000;

/// How the traced program ended, for its last step.
pub enum TraceEnd<'a> {
    /// It ran to completion (or exited through `SystemExit`).
    Finished,
    /// An exception escaped it: an `uncaught_exception` step with the traceback.
    Exception(&'a PyErr),
    /// It did not compile: the trace's only step is an `uncaught_exception`.
    Syntax(&'a refpy_syntax::SyntaxError),
}

/// A collection that ran between two steps.
#[derive(Clone, Copy)]
pub struct Collection {
    pub generation: usize,
    pub result: CollectResult,
}

/// State of a recording.
pub struct Recorder {
    /// Where the steps go; `None` once the document is complete (at the step limit).
    sink: Option<Sink>,
    /// Only code objects of this file make steps and frames.
    filename: String,
    max_steps: usize,
    steps: usize,
    /// The step limit was reached or a write failed.
    stopped: bool,
    /// Collections since the last step.
    collections: Vec<Collection>,
    /// One serial number per shown frame, innermost last (`frame_id`).
    serials: Vec<u64>,
    next_serial: u64,
}

impl Recorder {
    /// Whether steps are still being recorded.
    pub(crate) fn recording(&self) -> bool {
        !self.stopped
    }
}

/// The format a recording is written in (`--trace-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TraceFormat {
    /// refpy's own format (docs/TRACE.md).
    Refpy,
    /// Python Tutor's execution-trace format (`pytutor.rs`).
    Pytutor,
}

/// The writer of a recording's format.
enum Sink {
    Refpy(TraceWriter),
    Pytutor(Box<Tutor>),
}

/// An object found by the walk and what it refers to.
struct Found {
    obj: ObjRef,
    shape: json::Shape,
}

/// The objects reachable from a step's roots, in the order found.
#[derive(Default)]
struct Walk {
    index: FxHashMap<usize, usize>,
    found: Vec<Found>,
    todo: Vec<usize>,
}

impl Walk {
    /// Adds `obj` if new; returns its id.
    fn add(&mut self, obj: &ObjRef) -> usize {
        let id = obj.id();
        if !self.index.contains_key(&id) {
            self.index.insert(id, self.found.len());
            self.todo.push(self.found.len());
            self.found.push(Found { obj: obj.clone(), shape: json::Shape::None });
        }
        id
    }
}

impl Vm {
    /// Starts recording a trace of the program `source` (code objects from
    /// `filename`) into `out`, in `format`, at most `max_steps` steps.
    pub fn start_trace(
        &mut self,
        out: Box<dyn std::io::Write>,
        source: &str,
        filename: &str,
        max_steps: usize,
        format: TraceFormat,
    ) -> std::io::Result<()> {
        let sink = match format {
            TraceFormat::Refpy => Sink::Refpy(TraceWriter::begin(out, source, filename)?),
            TraceFormat::Pytutor => Sink::Pytutor(Box::new(Tutor::new(out, source, max_steps))),
        };
        let heap_events = matches!(sink, Sink::Refpy(_));
        self.trace.recorder = Some(Box::new(Recorder {
            sink: Some(sink),
            filename: filename.to_string(),
            max_steps,
            steps: 0,
            stopped: false,
            collections: Vec::new(),
            serials: Vec::new(),
            next_serial: 1,
        }));
        self.out.capture = Some(String::new());
        refpy_heap::trace::set_recording(heap_events);
        self.trace.update();
        Ok(())
    }

    /// Ends the recording: the last step (an `uncaught_exception` for an
    /// escaped exception, showing the module's `globals`, or a syntax error)
    /// and the end of the document.
    pub fn finish_trace(&mut self, end: TraceEnd<'_>, globals: &ObjRef) -> std::io::Result<()> {
        let Some(mut rec) = self.trace.recorder.take() else { return Ok(()) };
        self.trace.update();
        refpy_heap::trace::set_recording(false);
        let events = refpy_heap::trace::take_events();
        let result = match rec.sink.take() {
            Some(Sink::Refpy(writer)) => self.end_document(&mut rec, writer, end, globals, events),
            Some(Sink::Pytutor(tutor)) => self.tutor_finish(*tutor, &end),
            None => Ok(()),
        };
        self.out.capture = None;
        result
    }

    /// Writes the last step, if the program ended with an error, and closes the document.
    fn end_document(
        &mut self,
        rec: &mut Recorder,
        mut writer: TraceWriter,
        end: TraceEnd<'_>,
        globals: &ObjRef,
        events: Vec<HeapEvent>,
    ) -> std::io::Result<()> {
        match end {
            TraceEnd::Finished => {}
            TraceEnd::Exception(_) if rec.steps >= rec.max_steps => writer.limit()?,
            TraceEnd::Exception(err) => {
                let step = self.uncaught_step(rec, err, globals, events);
                writer.step(&step)?;
            }
            TraceEnd::Syntax(e) => {
                let text = crate::traceback::format_syntax_error(e);
                let exc = json::ExceptionInfo {
                    type_name: "SyntaxError".into(),
                    message: e.msg.clone(),
                    traceback: Some(text),
                    id: None,
                };
                writer.step(&json::Step::error(e.lineno, exc, self.captured_stdout()))?;
            }
        }
        writer.finish()
    }

    /// Notes a collection for the next step (from the collector's hooks).
    pub(crate) fn trace_collection(&mut self, generation: usize, result: CollectResult) {
        if let Some(rec) = self.trace.recorder.as_mut().filter(|r| r.recording()) {
            rec.collections.push(Collection { generation, result });
        }
    }

    fn captured_stdout(&self) -> String {
        self.out.capture.clone().unwrap_or_default()
    }

    /// Records one step for an event in frame `fi` at code unit `lasti`
    /// (a frame of another file makes none). At the step limit, records the
    /// `step_limit_reached` step and stops.
    pub(crate) fn record_step(&mut self, fi: usize, lasti: usize, event: Event<'_>) {
        let Some(mut rec) = self.trace.recorder.take() else { return };
        if *self.frames[fi].code.code.filename == *rec.filename {
            self.enter_hook();
            let events = refpy_heap::trace::take_events();
            refpy_heap::trace::set_recording(false);
            let result = match rec.sink.take() {
                // The limit: the document is complete now, even if the program never ends.
                Some(Sink::Refpy(mut writer)) if rec.steps >= rec.max_steps => {
                    rec.stopped = true;
                    writer.limit().and_then(|()| writer.finish())
                }
                Some(Sink::Refpy(mut writer)) => {
                    let step = self.build_step(&mut rec, fi, lasti, event, events);
                    let r = writer.step(&step);
                    rec.sink = Some(Sink::Refpy(writer));
                    r
                }
                Some(Sink::Pytutor(mut tutor)) => {
                    self.tutor_event(&mut tutor, fi, lasti, event);
                    if tutor.full() {
                        rec.stopped = true;
                        tutor.finish()
                    } else {
                        rec.sink = Some(Sink::Pytutor(tutor));
                        Ok(())
                    }
                }
                None => Ok(()),
            };
            rec.steps += 1;
            if let Event::Return(_) = event {
                rec.serials.pop();
            }
            // A write error (a full disk) ends the recording; the program goes on.
            if result.is_err() {
                rec.stopped = true;
            }
            if rec.stopped {
                self.out.capture = None;
            }
            refpy_heap::trace::set_recording(!rec.stopped && matches!(rec.sink, Some(Sink::Refpy(_))));
            self.trace.recorder = Some(rec);
            self.leave_hook();
            return;
        }
        self.trace.recorder = Some(rec);
    }

    /// The step of an event: frames, objects, heap events, output.
    fn build_step(
        &mut self,
        rec: &mut Recorder,
        fi: usize,
        lasti: usize,
        event: Event<'_>,
        events: Vec<HeapEvent>,
    ) -> json::Step {
        let mut walk = Walk::default();
        let shown: Vec<usize> =
            (0..self.frames.len()).filter(|&j| *self.frames[j].code.code.filename == *rec.filename).collect();
        rec.serials.truncate(shown.len());
        while rec.serials.len() < shown.len() {
            rec.serials.push(rec.next_serial);
            rec.next_serial += 1;
        }
        let mut frames = Vec::with_capacity(shown.len());
        for (&j, &serial) in shown.iter().zip(&rec.serials) {
            let at = if j == fi { lasti } else { self.frames[j].lasti };
            let code = &self.frames[j].code;
            let line = code.code.locations.get(at).map_or(0, |l| l.lineno);
            let func_name = code.code.name.to_string();
            let locals = self.frame_variables(j).iter().map(|(n, v)| (n.to_string(), walk.add(v))).collect();
            frames.push(json::Frame { func_name, line, frame_id: serial, locals });
        }
        let (return_value, exception) = match event {
            Event::Return(Some(v)) => (Some(walk.add(v)), None),
            Event::Exception(exc) => (None, Some(self.exception_info(exc, Some(walk.add(exc)), false))),
            _ => (None, None),
        };
        self.walk_heap(&mut walk);
        let frame = frames.last();
        json::Step {
            event: event.name(),
            line: frame.map_or(0, |f| f.line),
            func_name: frame.map_or_else(String::new, |f| f.func_name.clone()),
            return_value,
            exception,
            heap: self.describe_objects(walk),
            frames,
            heap_events: events,
            collections: std::mem::take(&mut rec.collections),
            stdout: self.captured_stdout(),
            pools: refpy_heap::obmalloc::pool_usage(),
        }
    }

    /// The last step of a program an exception escaped: no frames are left,
    /// the module's globals are shown, with the traceback text.
    fn uncaught_step(
        &mut self,
        rec: &mut Recorder,
        err: &PyErr,
        globals: &ObjRef,
        events: Vec<HeapEvent>,
    ) -> json::Step {
        let mut walk = Walk::default();
        let locals =
            self.namespace_variables(globals).iter().map(|(n, v)| (n.to_string(), walk.add(v))).collect();
        let id = walk.add(&err.exc);
        let exception = self.exception_info(&err.exc, Some(id), true);
        self.walk_heap(&mut walk);
        let line = exception_line(&err.exc);
        json::Step {
            event: "uncaught_exception",
            line,
            func_name: "<module>".into(),
            return_value: None,
            exception: Some(exception),
            heap: self.describe_objects(walk),
            frames: vec![json::Frame { func_name: "<module>".into(), line, frame_id: 0, locals }],
            heap_events: events,
            collections: std::mem::take(&mut rec.collections),
            stdout: self.captured_stdout(),
            pools: refpy_heap::obmalloc::pool_usage(),
        }
    }

    /// Type, message and (for an uncaught one) traceback text of an exception.
    fn exception_info(&mut self, exc: &ObjRef, id: Option<usize>, traceback: bool) -> json::ExceptionInfo {
        let only = self.exception_only(exc);
        let only = only.trim_end();
        let type_name = self.type_name(exc);
        let message = only.split_once(": ").map_or(String::new(), |(_, m)| m.to_string());
        let traceback = traceback.then(|| self.format_exception(exc));
        json::ExceptionInfo { type_name, message, traceback, id }
    }

    /// The variables of frame `j`: fast locals (cells by their contents),
    /// or the entries of its namespace dict at module and class level.
    fn frame_variables(&self, j: usize) -> Vec<(Rc<str>, ObjRef)> {
        let frame = &self.frames[j];
        if let Some(ns) = &frame.locals_dict {
            return self.namespace_variables(ns);
        }
        let code = &frame.code.code;
        let end = (frame.base + code.nlocalsplus()).min(self.stack.len());
        self.fast_local_pairs(code, &self.stack[frame.base..end])
    }

    /// The entries of a namespace dict with str keys, leaving out dunder
    /// names (`__name__`, `__builtins__`, `__module__`, …).
    fn namespace_variables(&self, ns: &ObjRef) -> Vec<(Rc<str>, ObjRef)> {
        let Some(d) = as_dict(ns) else { return Vec::new() };
        let table = d.table.borrow();
        table
            .items()
            .filter_map(|(k, v)| as_str(k).filter(|n| !is_dunder(n)).map(|n| (Rc::from(n), v.clone())))
            .collect()
    }

    /// Follows the references of each object found (docs/TRACE.md, "Which
    /// objects"), recording each object's shape.
    fn walk_heap(&mut self, walk: &mut Walk) {
        while let Some(i) = walk.todo.pop() {
            let obj = walk.found[i].obj.clone();
            let shape = self.shape_of(&obj, walk);
            walk.found[i].shape = shape;
        }
    }

    /// What `obj` refers to, adding each referent to the walk.
    fn shape_of(&mut self, obj: &ObjRef, walk: &mut Walk) -> json::Shape {
        if let Some(items) = container_items(obj) {
            return json::Shape::Items(items.iter().map(|v| walk.add(v)).collect());
        }
        if let Some(entries) = dict_entries(obj) {
            return json::Shape::Entries(entries.iter().map(|(k, v)| (walk.add(k), walk.add(v))).collect());
        }
        let attrs = self.named_referents(obj);
        if attrs.is_empty() {
            return json::Shape::None;
        }
        json::Shape::Attrs(attrs.iter().map(|(n, v)| (n.to_string(), walk.add(v))).collect())
    }

    /// Named referents: an instance's attributes, a class's own attributes
    /// (methods and other non-dunder names), a function's closure
    /// variables, a bound method's `__self__` and `__func__`, a suspended
    /// generator's variables, a cell's contents.
    pub(crate) fn named_referents(&mut self, obj: &ObjRef) -> Vec<(Rc<str>, ObjRef)> {
        match self.kind(obj) {
            Kind::Module | Kind::BuiltinFunction | Kind::Code => return Vec::new(),
            Kind::Type => {
                let td = type_data(obj);
                return match (td.heap, td.dict.get()) {
                    (true, Some(d)) => self.class_attributes(d),
                    _ => Vec::new(),
                };
            }
            _ => {}
        }
        if let Some(f) = as_function(obj) {
            let cells = f.closure.as_ref().and_then(as_tuple).map(<[ObjRef]>::to_vec).unwrap_or_default();
            let names = &f.code.code.freevars;
            return names
                .iter()
                .zip(&cells)
                .filter_map(|(n, c)| Some((n.clone(), cell_contents(c)?)))
                .collect();
        }
        if let Some(m) = obj.downcast::<crate::objects::descriptor::MethodObject>() {
            return vec![(Rc::from("__self__"), m.self_obj.clone()), (Rc::from("__func__"), m.func.clone())];
        }
        if let Some(g) = crate::objects::generator::as_generator(obj) {
            let saved = g.saved.borrow();
            let Some(s) = saved.as_ref() else { return Vec::new() };
            let n = s.frame.code.code.nlocalsplus().min(s.values.len());
            return self.fast_local_pairs(&s.frame.code.code, &s.values[..n]);
        }
        if let Some(v) = cell_contents(obj) {
            return vec![(Rc::from("cell_contents"), v)];
        }
        if self.is_heap_instance(obj) {
            if let Ok(Some(d)) = self.instance_dict(obj, false) {
                return self.namespace_items(&d);
            }
        }
        Vec::new()
    }

    /// A class's own attributes: every name but the dunders, which are kept
    /// only when they hold a function (`__init__`, `__repr__`, …).
    fn class_attributes(&self, d: &ObjRef) -> Vec<(Rc<str>, ObjRef)> {
        let mut out = self.namespace_items(d);
        out.retain(|(n, v)| !is_dunder(n) || as_function(v).is_some());
        out
    }

    /// The str-keyed entries of a dict, all of them.
    pub(super) fn namespace_items(&self, d: &ObjRef) -> Vec<(Rc<str>, ObjRef)> {
        let Some(d) = as_dict(d) else { return Vec::new() };
        let table = d.table.borrow();
        table.items().filter_map(|(k, v)| as_str(k).map(|n| (Rc::from(n), v.clone()))).collect()
    }

    /// The JSON description of every object found. Counts are read once the
    /// walk holds exactly one reference to each object (its `found` entry),
    /// so `refcount` is the count minus that one.
    fn describe_objects(&mut self, walk: Walk) -> Vec<json::Object> {
        let mut out = Vec::with_capacity(walk.found.len());
        for Found { obj, shape } in walk.found {
            let refcount = obj.refcnt() - 1;
            let block = obj.block_info();
            let generation = match gc::generation_of(&obj) {
                Some(GcList::Generation(g)) => json::Generation::Young(g),
                Some(GcList::Permanent) => json::Generation::Permanent,
                None => json::Generation::None,
            };
            out.push(json::Object {
                id: obj.id(),
                type_name: self.type_name(&obj),
                repr: self.short_repr(&obj),
                refcount,
                size: self.safe_sizeof(&obj),
                block,
                tracked: obj.is_tracked(),
                generation,
                flags: self.identity_flags(&obj),
                shape,
            });
        }
        out
    }

    /// `sys.getsizeof`, unless a class's own `__sizeof__` would have to run.
    fn safe_sizeof(&mut self, obj: &ObjRef) -> Option<usize> {
        if self.is_heap_instance(obj)
            && self.lookup_in_mro(&obj.ob_type(), "__sizeof__").ok().flatten().is_some()
        {
            return None;
        }
        self.getsizeof(obj).ok()
    }

    /// `interned`, `small_int` and `singleton` (docs/TRACE.md).
    pub(crate) fn identity_flags(&self, obj: &ObjRef) -> Vec<&'static str> {
        let mut flags = Vec::new();
        if as_str_object(obj).is_some_and(|(s, _)| s.interned.get() != Interned::No) {
            flags.push("interned");
        }
        if crate::explain::is_small_int(self, obj) {
            flags.push("small_int");
        }
        if crate::explain::is_singleton(self, obj) || crate::explain::is_cached_char(self, obj) {
            flags.push("singleton");
        }
        flags
    }

    /// `repr()` without running Python code: built-in values as `repr`
    /// shows them (containers to a bounded depth), everything else as
    /// `object.__repr__` would; at most [`REPR_LIMIT`] characters.
    pub(crate) fn short_repr(&mut self, obj: &ObjRef) -> String {
        let mut out = String::new();
        self.repr_into(obj, 3, &mut out);
        if out.chars().count() > REPR_LIMIT {
            out = out.chars().take(REPR_LIMIT - 3).collect::<String>() + "...";
        }
        out
    }

    fn repr_into(&mut self, obj: &ObjRef, depth: usize, out: &mut String) {
        if out.len() > 4 * REPR_LIMIT {
            return;
        }
        let plain = !self.is_heap_instance(obj);
        match self.kind(obj) {
            Kind::Str | Kind::Int | Kind::Bool | Kind::Float | Kind::None | Kind::Bytes if plain => {
                match self.repr_base(obj) {
                    Ok(s) => out.push_str(&s),
                    Err(_) => out.push_str(&self.default_repr(obj)),
                }
            }
            Kind::List | Kind::Tuple | Kind::Set | Kind::FrozenSet | Kind::Dict if plain => {
                self.container_repr_into(obj, depth, out)
            }
            Kind::Range
            | Kind::Function
            | Kind::BuiltinFunction
            | Kind::Type
            | Kind::Code
            | Kind::Module
            | Kind::Generator
            | Kind::NotImplemented
            | Kind::Ellipsis => out.push_str(&self.other_repr(obj)),
            _ => out.push_str(&self.default_repr(obj)),
        }
    }

    /// A container's repr with its items' short reprs (`...` below `depth`).
    fn container_repr_into(&mut self, obj: &ObjRef, depth: usize, out: &mut String) {
        let kind = self.kind(obj);
        let (open, close) = match kind {
            Kind::List => ("[", "]"),
            Kind::Tuple => ("(", ")"),
            Kind::Dict => ("{", "}"),
            Kind::Set => ("{", "}"),
            _ => ("frozenset({", "})"),
        };
        let entries: Vec<(Option<ObjRef>, ObjRef)> = if let Some(d) = as_dict(obj) {
            d.table.borrow().items().map(|(k, v)| (Some(k.clone()), v.clone())).collect()
        } else if let Some(s) = as_set(obj) {
            s.table.borrow().active().map(|(k, _)| (None, k.clone())).collect()
        } else if let Some(l) = as_list(obj) {
            l.items.borrow().iter().map(|v| (None, v.clone())).collect()
        } else {
            as_tuple(obj).unwrap_or(&[]).iter().map(|v| (None, v.clone())).collect()
        };
        if entries.is_empty() && matches!(kind, Kind::Set | Kind::FrozenSet) {
            out.push_str(if kind == Kind::Set { "set()" } else { "frozenset()" });
            return;
        }
        out.push_str(open);
        if depth == 0 {
            out.push_str("...");
        }
        for (i, (k, v)) in entries.iter().enumerate().take_while(|_| depth > 0) {
            if out.len() > 4 * REPR_LIMIT {
                break;
            }
            if i > 0 {
                out.push_str(", ");
            }
            if let Some(k) = k {
                self.repr_into(k, depth - 1, out);
                out.push_str(": ");
            }
            self.repr_into(v, depth - 1, out);
        }
        if kind == Kind::Tuple && entries.len() == 1 {
            out.push(',');
        }
        out.push_str(close);
    }
}

/// The items of a list, tuple, set or frozenset, in iteration order.
pub(crate) fn container_items(obj: &ObjRef) -> Option<Vec<ObjRef>> {
    if let Some(l) = as_list(obj) {
        return Some(l.items.borrow().iter().cloned().collect());
    }
    if let Some(t) = as_tuple(obj) {
        return Some(t.to_vec());
    }
    as_set(obj).map(|s| s.table.borrow().active().map(|(k, _)| k.clone()).collect())
}

/// The (key, value) entries of a dict, in order.
pub(crate) fn dict_entries(obj: &ObjRef) -> Option<Vec<(ObjRef, ObjRef)>> {
    as_dict(obj).map(|d| d.table.borrow().items().map(|(k, v)| (k.clone(), v.clone())).collect())
}

/// The contents of a cell object, if `obj` is a full cell.
fn cell_contents(obj: &ObjRef) -> Option<ObjRef> {
    obj.downcast::<CellObject>().and_then(|c| c.contents.borrow().clone())
}

/// `__name__`-style names, which the trace leaves out of namespaces.
fn is_dunder(name: &str) -> bool {
    name.len() > 4 && name.starts_with("__") && name.ends_with("__")
}

/// The line where an uncaught exception was raised: the last entry of its traceback.
fn exception_line(exc: &ObjRef) -> u32 {
    let mut tb = crate::objects::exception::as_exception(exc).and_then(|e| e.traceback.borrow().clone());
    let mut line = 0;
    while let Some(t) = tb {
        let Some(entry) = t.downcast::<crate::objects::traceback::TracebackObject>() else { break };
        if let Some(crate::objects::function::CodeObj(code)) = entry.code.downcast() {
            line = code.code.locations.get(entry.lasti).map_or(line, |l| l.lineno);
        }
        tb = entry.next.clone();
    }
    line
}
