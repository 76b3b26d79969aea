//! `refpy --trace OUT.json --trace-format pytutor`: the run written as
//! Python Tutor's logger (OnlinePythonTutor's `pg_logger.py`, cumulative
//! mode on, heap primitives off) writes it, `{"code": …, "trace": [steps]}`,
//! so that the trace loads in existing Python Tutor frontends. docs/TRACE.md
//! ("Python Tutor format") lists the rules followed and the known limits;
//! `tests/pytutor.rs` compares the traces with the logger's own.
//!
//! The steps come from the same trace events as refpy's own format, read
//! from the live VM; this module never runs Python code and never allocates
//! a Python object. It does hold references, as the logger does: the logger
//! keeps every frame it has shown alive (its frame ids are keyed by frame
//! objects), so a frame that returned still shows its last variables as a
//! zombie frame; [`Tutor`] keeps the last slot values of each frame that
//! returned or yielded, the functions it has classified as closures or
//! global functions, and the generators whose frames it shows, for the rest
//! of the run. Counts and collections therefore differ from an untraced run,
//! as they do under the logger.

mod encode;
mod json;

use std::io::Write;
use std::rc::Rc;

use refpy_heap::ObjRef;
use rustc_hash::FxHashSet;

use self::json::J;
use super::Event;
use crate::errors::PyErr;
use crate::objects::function::{as_function, CodeData, CodeObj};
use crate::Vm;

/// Names the logger never shows as variables (its `IGNORE_VARS`).
const IGNORE_VARS: [&str; 9] = [
    "__builtins__",
    "__name__",
    "__exception__",
    "__doc__",
    "__package__",
    "__file__",
    "__loader__",
    "__spec__",
    "__cached__",
];

/// The file name the logger's steps carry: it runs the program with `exec` of a string.
const FILE_NAME: &str = "<string>";

/// A frame the logger has shown (one frame object: a generator's frame is
/// the same one at every resumption).
struct TutorFrame {
    /// Its `frame_id`; a resumed generator's frame gets a new one.
    frame_id: u64,
    code: Rc<CodeData>,
    /// The generator owning the frame, which identifies it at resumption.
    generator: Option<ObjRef>,
    /// The frame's slots (locals, cells, free variables) when it last
    /// returned or yielded: what a zombie frame shows (cells read live).
    slots: Vec<ObjRef>,
    /// `__return__`: set by a `return` step, removed by a `call` step.
    return_value: Option<ObjRef>,
    /// The keys of the frame's `f_locals` dict in its order: a variable is
    /// added when a look at the frame first finds it bound, and removed
    /// when one finds it unbound; `__return__` is added by a `return` step.
    keys: Vec<Rc<str>>,
}

/// Python Tutor's logger state for one run, and the steps so far.
pub(crate) struct Tutor {
    out: Box<dyn Write>,
    source: String,
    lines: Vec<String>,
    max_steps: usize,
    steps: Vec<J>,
    /// Whether any step so far is an `exception` step.
    saw_exception: bool,
    /// No line of the program ran yet (the logger waits for its first line).
    before_first_line: bool,
    /// A class body runs: its frame's depth (`Vm::frames` length); nothing
    /// is shown until it returns.
    class_body: Option<usize>,
    frames: Vec<TutorFrame>,
    /// Per frame of the program on the VM's stack, outermost first: the shown frame it is.
    live: Vec<Option<usize>>,
    /// Frames in order of their `call` steps; a generator's frame once per resumption.
    zombies: Vec<usize>,
    next_frame_id: u64,
    /// Functions defined inside a shown frame, with that frame, in the order found.
    closures: Vec<(ObjRef, usize)>,
    /// Lambda code with the frame whose constants hold it.
    lambda_closures: Vec<(Rc<CodeData>, usize)>,
    /// Functions seen in the globals while the module's code ran.
    global_funcs: FxHashSet<usize>,
    global_func_refs: Vec<ObjRef>,
    /// Frames that are the parent of a closure (`is_parent`).
    parents: FxHashSet<usize>,
    /// Global names in order of first appearance.
    all_globals: Vec<String>,
    encoder: encode::Encoder,
}

impl Tutor {
    /// A logger for the program `source`, at most `max_steps` steps.
    pub(crate) fn new(out: Box<dyn Write>, source: &str, max_steps: usize) -> Tutor {
        Tutor {
            out,
            source: source.to_string(),
            lines: source.lines().map(str::to_string).collect(),
            max_steps,
            steps: Vec::new(),
            saw_exception: false,
            before_first_line: true,
            class_body: None,
            frames: Vec::new(),
            live: Vec::new(),
            zombies: Vec::new(),
            next_frame_id: 1,
            closures: Vec::new(),
            lambda_closures: Vec::new(),
            global_funcs: FxHashSet::default(),
            global_func_refs: Vec::new(),
            parents: FxHashSet::default(),
            all_globals: Vec::new(),
            encoder: encode::Encoder::default(),
        }
    }

    /// Writes the document: the logger's `finalize` drops a last `return`
    /// of the module that follows an `exception` step.
    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        let n = self.steps.len();
        if n >= 2 && event_of(&self.steps[n - 2]) == "exception" && event_of(&self.steps[n - 1]) == "return" {
            let module = matches!(field(&self.steps[n - 1], "func_name"), Some(J::Str(s)) if s == "<module>");
            if module {
                self.steps.pop();
            }
        }
        let doc = J::Obj(vec![("code".into(), J::str(self.source)), ("trace".into(), J::List(self.steps))]);
        self.out.write_all(doc.pretty().as_bytes())?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }

    /// Whether the step limit was reached (the document is then complete).
    pub(crate) fn full(&self) -> bool {
        self.steps.len() > self.max_steps
    }

    /// Appends a step; at the limit, the logger's `instruction_limit_reached` step.
    fn push(&mut self, step: J) {
        self.saw_exception |= event_of(&step) == "exception";
        self.steps.push(step);
        if self.steps.len() >= self.max_steps {
            let msg = format!(
                "Stopped after running {} steps. Please shorten your code,\n\
                 since Python Tutor is not designed to handle long-running code.",
                self.max_steps
            );
            self.steps.push(J::Obj(vec![
                ("event".into(), J::str("instruction_limit_reached")),
                ("exception_msg".into(), J::str(msg)),
            ]));
        }
    }

    /// The last step of a program an exception escaped, unless an
    /// `exception` step already showed one (the logger's rule).
    fn uncaught(&mut self, line: Option<(u32, u32)>, msg: String) {
        if self.saw_exception || self.full() {
            return;
        }
        let mut step = vec![("event".into(), J::str("uncaught_exception"))];
        if let Some((line, offset)) = line {
            step.push(("line".into(), J::int(line)));
            step.push(("offset".into(), J::int(offset)));
        }
        step.push(("exception_msg".into(), J::str(msg)));
        self.steps.push(J::Obj(step));
    }

    /// Whether the logger makes no step for this event: before the
    /// program's first line, the module's `call`, anything while a class
    /// body runs (until its `return`), and frames of `__new__`/`__repr__`.
    fn skips(&mut self, fi: usize, code: &CodeData, event: Event<'_>) -> bool {
        if self.before_first_line {
            if !matches!(event, Event::Line) {
                return true;
            }
            self.before_first_line = false;
        }
        if let Some(len) = self.class_body {
            if matches!(event, Event::Return(_)) && len == fi + 1 {
                self.class_body = None;
            }
            return true;
        }
        hidden_function(code)
    }

    /// Whether the frame of `code` is a class body: its first line starts
    /// with `class` (the logger's test on the source line).
    fn is_class_body(&self, code: &CodeData) -> bool {
        let line = code.code.firstlineno as usize;
        let text = self.lines.get(line.wrapping_sub(1)).map_or("", |l| l.trim_start());
        text.strip_prefix("class").is_some_and(|rest| rest.starts_with(char::is_whitespace))
    }
}

fn field<'a>(step: &'a J, key: &str) -> Option<&'a J> {
    match step {
        J::Obj(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

fn event_of(step: &J) -> &str {
    match field(step, "event") {
        Some(J::Str(s)) => s,
        _ => "",
    }
}

/// Whether `name` is a variable the logger shows.
fn shown_name(name: &str) -> bool {
    !IGNORE_VARS.contains(&name)
}

impl Vm {
    /// One trace event of the program's code (frame `fi` at code unit
    /// `lasti`), as the logger sees it: most become a step.
    pub(crate) fn tutor_event(&mut self, t: &mut Tutor, fi: usize, lasti: usize, event: Event<'_>) {
        let shown: Vec<usize> = self.program_frames(fi);
        let depth = shown.len() - 1;
        t.live.resize(shown.len(), None);
        let code = self.frames[fi].code.clone();
        if let Event::Call = event {
            t.live.truncate(depth);
            let recorded = self.tutor_call(t, fi, &code, depth);
            t.live.push(recorded);
        }
        // The trace function's caller syncs the frame's `f_locals` before each event.
        if let Some(i) = t.live[depth] {
            self.sync_keys(t, i, fi, &shown);
        }
        if let Event::Return(value) = event {
            if let Some(i) = t.live[depth] {
                let none = self.none.clone();
                let frame = &mut t.frames[i];
                frame.return_value = Some(value.cloned().unwrap_or(none));
                frame.slots = self.frame_slots(fi);
                if !frame.keys.iter().any(|k| &**k == "__return__") {
                    frame.keys.push(Rc::from("__return__"));
                }
            }
        }
        if !t.skips(fi, &code, event) {
            let step = self.tutor_step(t, fi, lasti, &shown, event);
            t.push(step);
        }
        if let Event::Return(_) = event {
            t.live.truncate(depth);
        }
    }

    /// The indices of the frames of the program's own file up to `fi`.
    fn program_frames(&self, fi: usize) -> Vec<usize> {
        let file = &self.frames[fi].code.code.filename;
        (0..=fi).filter(|&j| self.frames[j].code.code.filename == *file).collect()
    }

    /// The slots of a function frame: locals, then cells, then free variables.
    fn frame_slots(&self, fi: usize) -> Vec<ObjRef> {
        let frame = &self.frames[fi];
        if frame.locals_dict.is_some() {
            return Vec::new();
        }
        let end = (frame.base + frame.code.code.nlocalsplus()).min(self.stack.len());
        self.stack[frame.base..end].to_vec()
    }

    /// A `call` event: the frame the logger will show (a new frame id), or
    /// `None` for the frames it never shows (the module's, class bodies,
    /// `__new__` and `__repr__`, anything while a class body runs).
    fn tutor_call(&mut self, t: &mut Tutor, fi: usize, code: &Rc<CodeData>, depth: usize) -> Option<usize> {
        if depth == 0 || t.class_body.is_some() || t.before_first_line || hidden_function(code) {
            return None;
        }
        if t.is_class_body(code) {
            t.class_body = Some(self.frames.len());
            return None;
        }
        let generator = self.frames[fi].generator.clone();
        let existing = generator
            .as_ref()
            .and_then(|g| t.frames.iter().position(|f| f.generator.as_ref().is_some_and(|h| h.is(g))));
        let i = existing.unwrap_or_else(|| {
            t.frames.push(TutorFrame {
                frame_id: 0,
                code: code.clone(),
                generator,
                slots: Vec::new(),
                return_value: None,
                keys: Vec::new(),
            });
            t.frames.len() - 1
        });
        t.frames[i].frame_id = t.next_frame_id;
        t.frames[i].return_value = None;
        t.frames[i].keys.retain(|k| &**k != "__return__");
        t.next_frame_id += 1;
        t.zombies.push(i);
        Some(i)
    }

    /// The step of an event the logger shows.
    fn tutor_step(&mut self, t: &mut Tutor, fi: usize, lasti: usize, shown: &[usize], event: Event<'_>) -> J {
        let depth = shown.len() - 1;
        if depth > 0 {
            self.find_closures(t, fi, shown);
        } else {
            self.note_global_functions(t, fi);
        }
        t.encoder.reset_heap();
        let on_stack: Vec<usize> = (1..=depth).rev().filter_map(|q| t.live[q]).collect();
        let zombies: Vec<usize> = t.zombies.iter().copied().filter(|i| !on_stack.contains(i)).collect();
        for &i in on_stack.iter().chain(&zombies) {
            self.sync_keys(t, i, fi, shown);
        }
        let mut entries = Vec::new();
        for (n, &i) in on_stack.iter().enumerate() {
            entries.push((self.stack_entry(t, i, fi, shown), false, n == 0));
        }
        for &i in &zombies {
            entries.push((self.stack_entry(t, i, fi, shown), true, false));
        }
        let (globals, ordered_globals) = self.tutor_globals(t, fi);
        entries.sort_by_key(|(e, _, _)| e.frame_id);
        let stack: Vec<J> = entries.into_iter().map(|(e, zombie, top)| e.into_json(zombie, top)).collect();
        let code = &self.frames[fi].code.code;
        let line = code.locations.get(lasti).map_or(0, |l| l.lineno);
        let event_name = match event {
            Event::Line => "step_line",
            other => other.name(),
        };
        let mut step = vec![
            ("line".into(), J::int(line)),
            ("event".into(), J::str(event_name)),
            ("func_name".into(), J::str(&*code.name)),
            ("file_name".into(), J::str(FILE_NAME)),
            ("globals".into(), globals),
            ("ordered_globals".into(), J::strs(&ordered_globals)),
            ("stack_to_render".into(), J::List(stack)),
            ("heap".into(), t.encoder.take_heap()),
            ("stdout".into(), J::str(self.out.capture.clone().unwrap_or_default())),
        ];
        if let Event::Exception(exc) = event {
            step.push(("exception_msg".into(), J::str(self.exception_message(exc))));
        }
        J::Obj(step)
    }

    /// `TypeName: str(exc)`, as the logger writes an exception.
    fn exception_message(&mut self, exc: &ObjRef) -> String {
        let only = self.exception_only(exc);
        let message = only.trim_end().split_once(": ").map_or(String::new(), |(_, m)| m.to_string());
        format!("{}: {}", self.type_name(exc), message)
    }

    /// The module's variables, encoded, and their names in order of first appearance.
    fn tutor_globals(&mut self, t: &mut Tutor, fi: usize) -> (J, Vec<String>) {
        let globals = self.frames[fi].globals.clone();
        let mut encoded = Vec::new();
        for (name, value) in self.namespace_items(&globals) {
            if !shown_name(&name) || &*name == "__return__" {
                continue;
            }
            let v = self.tutor_encode(t, &value, true);
            if !t.all_globals.iter().any(|g| **g == *name) {
                t.all_globals.push(name.to_string());
            }
            encoded.push((name.to_string(), v));
        }
        let ordered =
            t.all_globals.iter().filter(|g| encoded.iter().any(|(n, _)| n == *g)).cloned().collect();
        (J::Obj(encoded), ordered)
    }

    /// The variables the logger sees in shown frame `i` (its `f_locals`):
    /// the bound slots, cells by their contents, then `__return__`.
    fn tutor_locals(&self, t: &Tutor, i: usize, fi: usize, shown: &[usize]) -> Vec<(Rc<str>, ObjRef)> {
        let keys = &t.frames[i].keys;
        let mut pairs = self.bound_variables(t, i, fi, shown);
        pairs.sort_by_key(|(n, _)| keys.iter().position(|k| k == n).unwrap_or(keys.len()));
        pairs
    }

    /// Brings shown frame `i`'s `f_locals` keys up to date, as each look at
    /// `f_locals` does (`PyFrame_FastToLocals`).
    fn sync_keys(&self, t: &mut Tutor, i: usize, fi: usize, shown: &[usize]) {
        let pairs = self.bound_variables(t, i, fi, shown);
        let keys = &mut t.frames[i].keys;
        keys.retain(|k| &**k == "__return__" || pairs.iter().any(|(n, _)| n == k));
        for (n, _) in pairs {
            if !keys.contains(&n) {
                keys.push(n);
            }
        }
    }

    /// The variables of shown frame `i` in slot order, then `__return__`.
    fn bound_variables(&self, t: &Tutor, i: usize, fi: usize, shown: &[usize]) -> Vec<(Rc<str>, ObjRef)> {
        let frame = &t.frames[i];
        let on_stack = (1..shown.len()).find(|&q| t.live.get(q).copied().flatten() == Some(i));
        let mut pairs = match on_stack {
            Some(q) if shown[q] <= fi => self.fast_local_pairs(&frame.code.code, &self.frame_slots(shown[q])),
            _ => self.fast_local_pairs(&frame.code.code, &frame.slots),
        };
        pairs.retain(|(n, _)| shown_name(n));
        if let Some(v) = &frame.return_value {
            pairs.push((Rc::from("__return__"), v.clone()));
        }
        pairs
    }

    /// One entry of `stack_to_render`, before `is_zombie`, `is_highlighted` and `unique_hash`.
    fn stack_entry(&mut self, t: &mut Tutor, i: usize, fi: usize, shown: &[usize]) -> StackEntry {
        let parents = self.parent_chain(t, i, fi, shown);
        let locals = self.tutor_locals(t, i, fi, shown);
        let code = t.frames[i].code.clone();
        let varnames = &code.code.varnames;
        let parent_locals: Vec<Vec<(Rc<str>, ObjRef)>> = parents
            .iter()
            .filter_map(|id| t.frames.iter().position(|f| f.frame_id == *id))
            .map(|p| self.tutor_locals(t, p, fi, shown))
            .collect();
        let mut encoded: Vec<(String, J)> = Vec::new();
        for (name, value) in &locals {
            let inherited = &**name != "__return__"
                && parent_locals
                    .iter()
                    .any(|pl| pl.iter().any(|(n, v)| n == name && self.tutor_equal(v, value)));
            if (inherited && !varnames.contains(name)) || &**name == "__module__" {
                continue;
            }
            let v = self.tutor_encode(t, value, true);
            encoded.push((name.to_string(), v));
        }
        let mut ordered: Vec<String> = varnames
            .iter()
            .filter(|n| encoded.iter().any(|(e, _)| e == &***n))
            .map(|n| n.to_string())
            .collect();
        let mut rest: Vec<String> = encoded
            .iter()
            .map(|(n, _)| n.clone())
            .filter(|n| n != "__return__" && !ordered.contains(n))
            .collect();
        rest.sort();
        ordered.extend(rest);
        if encoded.iter().any(|(n, _)| n == "__return__") {
            ordered.push("__return__".into());
        }
        let mut func_name = code.code.name.to_string();
        if func_name == "<lambda>" {
            func_name += &t.encoder.lambda_suffix(&code);
        }
        StackEntry {
            func_name,
            is_parent: t.parents.contains(&i),
            frame_id: t.frames[i].frame_id,
            parent_frame_id_list: parents,
            encoded_locals: encoded,
            ordered_varnames: ordered,
        }
    }

    /// The frame ids of the lexical parents of shown frame `i`, innermost
    /// first: the frame a closure with the same code was defined in, when
    /// the variables both frames have agree (the logger's guess).
    fn parent_chain(&self, t: &Tutor, i: usize, fi: usize, shown: &[usize]) -> Vec<u64> {
        let mut chain = Vec::new();
        let mut cur = i;
        while let Some(p) = self.parent_frame(t, cur, fi, shown) {
            if chain.contains(&t.frames[p].frame_id) || chain.len() > t.frames.len() {
                break;
            }
            chain.push(t.frames[p].frame_id);
            cur = p;
        }
        chain
    }

    fn parent_frame(&self, t: &Tutor, i: usize, fi: usize, shown: &[usize]) -> Option<usize> {
        let code = &t.frames[i].code;
        let mine = self.tutor_locals(t, i, fi, shown);
        for (func, parent) in &t.closures {
            let Some(f) = as_function(func) else { continue };
            if !Rc::ptr_eq(&f.code, code) {
                continue;
            }
            let theirs = self.tutor_locals(t, *parent, fi, shown);
            let agree = mine.iter().all(|(k, v)| {
                code.code.varnames.contains(k)
                    || &**k == "__return__"
                    || theirs.iter().find(|(n, _)| n == k).is_none_or(|(_, w)| self.tutor_equal(v, w))
            });
            if agree {
                return Some(*parent);
            }
        }
        t.lambda_closures.iter().find(|(c, _)| Rc::ptr_eq(c, code)).map(|(_, p)| *p)
    }

    /// The logger compares variables with `==`: the same object, or equal primitive values.
    fn tutor_equal(&self, a: &ObjRef, b: &ObjRef) -> bool {
        a.is(b) || encode::primitive_eq(self, a, b)
    }

    /// Inside a function: functions reachable from the frame's variables
    /// whose code is a constant of a shown frame on the stack become that
    /// frame's closures; lambdas among the frame's constants belong to it.
    fn find_closures(&mut self, t: &mut Tutor, fi: usize, shown: &[usize]) {
        let depth = shown.len() - 1;
        let Some(top) = t.live[depth] else { return };
        let mut found = Vec::new();
        let mut seen = FxHashSet::default();
        for (_, v) in self.tutor_locals(t, top, fi, shown) {
            self.reachable_functions(&v, &mut seen, &mut found);
        }
        for func in found {
            let known = t.closures.iter().any(|(f, _)| f.is(&func)) || t.global_funcs.contains(&func.id());
            let Some(f) = as_function(&func) else { continue };
            if known {
                continue;
            }
            let holder = (0..=depth)
                .rev()
                .find(|&q| self.frames[shown[q]].code.consts.iter().any(|c| c.is(&f.code_obj)));
            if let Some(p) = holder.and_then(|q| t.live[q]) {
                t.closures.push((func.clone(), p));
                note_parent(t, p);
            }
        }
        let lambdas: Vec<Rc<CodeData>> = self.frames[fi]
            .code
            .consts
            .iter()
            .filter_map(|c| c.downcast::<CodeObj>().map(|co| co.0.clone()))
            .filter(|code| &*code.code.name == "<lambda>")
            .collect();
        for code in lambdas {
            match t.lambda_closures.iter_mut().find(|(k, _)| Rc::ptr_eq(k, &code)) {
                Some(entry) => entry.1 = top,
                None => t.lambda_closures.push((code, top)),
            }
            note_parent(t, top);
        }
    }

    /// Function objects reachable from `v` through lists, tuples, sets,
    /// dicts and the `__dict__` of classes and instances.
    fn reachable_functions(&mut self, v: &ObjRef, seen: &mut FxHashSet<usize>, found: &mut Vec<ObjRef>) {
        if !seen.insert(v.id()) {
            return;
        }
        if as_function(v).is_some() {
            found.push(v.clone());
            return;
        }
        for child in self.tutor_children(v) {
            self.reachable_functions(&child, seen, found);
        }
    }

    /// At module level: the functions among the globals are global functions.
    fn note_global_functions(&mut self, t: &mut Tutor, fi: usize) {
        let globals = self.frames[fi].globals.clone();
        for (name, v) in self.namespace_items(&globals) {
            let known = t.closures.iter().any(|(f, _)| f.is(&v));
            if shown_name(&name) && as_function(&v).is_some() && !known && t.global_funcs.insert(v.id()) {
                t.global_func_refs.push(v);
            }
        }
    }
}

/// Marks shown frame `p` as a closure's parent, which keeps it among the zombies.
fn note_parent(t: &mut Tutor, p: usize) {
    t.parents.insert(p);
    if !t.zombies.contains(&p) {
        t.zombies.push(p);
    }
}

/// `__new__` and `__repr__` frames are never shown.
fn hidden_function(code: &CodeData) -> bool {
    matches!(&*code.code.name, "__new__" | "__repr__")
}

/// One frame of `stack_to_render`.
struct StackEntry {
    func_name: String,
    is_parent: bool,
    frame_id: u64,
    parent_frame_id_list: Vec<u64>,
    encoded_locals: Vec<(String, J)>,
    ordered_varnames: Vec<String>,
}

impl StackEntry {
    fn into_json(self, zombie: bool, highlighted: bool) -> J {
        let mut hash = format!("{}_f{}", self.func_name, self.frame_id);
        if self.is_parent {
            hash.push_str("_p");
        }
        if zombie {
            hash.push_str("_z");
        }
        J::Obj(vec![
            ("func_name".into(), J::str(self.func_name)),
            ("file_name".into(), J::str(FILE_NAME)),
            ("is_parent".into(), J::Bool(self.is_parent)),
            ("frame_id".into(), J::int(self.frame_id)),
            ("parent_frame_id_list".into(), J::List(self.parent_frame_id_list.iter().map(J::int).collect())),
            ("encoded_locals".into(), J::Obj(self.encoded_locals)),
            ("ordered_varnames".into(), J::strs(&self.ordered_varnames)),
            ("is_zombie".into(), J::Bool(zombie)),
            ("is_highlighted".into(), J::Bool(highlighted)),
            ("unique_hash".into(), J::str(hash)),
        ])
    }
}

impl Vm {
    /// The end of the run: a last step for an exception nobody caught (or a
    /// syntax error), then the document.
    pub(crate) fn tutor_finish(&mut self, mut t: Tutor, end: &super::TraceEnd<'_>) -> std::io::Result<()> {
        match end {
            super::TraceEnd::Finished => {}
            super::TraceEnd::Exception(err) => {
                let msg = self.uncaught_message(err);
                t.uncaught(None, msg);
            }
            super::TraceEnd::Syntax(e) => {
                let msg = format!("{}: {} ({FILE_NAME}, line {})", e.kind.name(), e.msg, e.lineno);
                t.uncaught(Some((e.lineno, e.offset)), msg);
            }
        }
        t.finish()
    }

    fn uncaught_message(&mut self, err: &PyErr) -> String {
        let exc = err.exc.clone();
        self.exception_message(&exc)
    }
}
