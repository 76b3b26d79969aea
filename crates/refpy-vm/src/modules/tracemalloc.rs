//! CPython's `tracemalloc`: the native `_tracemalloc` module and the VM's side of the
//! allocation tracing hook (`refpy_heap::tracemalloc`), plus the Python half
//! (`tracemalloc.py` beside this file) that groups, sorts, filters and formats traces.
//!
//! The heap records each traced block with a *pending* traceback; the VM names it with the
//! frames running when the block was allocated. While tracing, the eval loop runs its copy
//! with tracing hooks (`run_frames_in::<true>`, eval.rs, shared with `sys.settrace`), which
//! calls [`Vm::tracemalloc_step`] before each instruction: allocations made by one
//! instruction get that instruction's line. Pending allocations are also named before a
//! Python call runs its frame ([`Vm::tracemalloc_resolve`]), so the arguments a call
//! allocates are the caller's. The copy without hooks switches over at its next frame
//! switch, or right after a call of a built-in (`tracemalloc.start()`).

use std::fmt::Write as _;
use std::rc::Rc;

use refpy_heap::tracemalloc::{self, Frame, Traceback, MAX_NFRAME};
use refpy_heap::ObjRef;
use rustc_hash::FxHashMap;

use crate::args::c_int_arg;
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::instance::InstanceObject;
use crate::objects::int::as_i64;
use crate::objects::list::as_list;
use crate::objects::str::{as_str, str_repr};
use crate::objects::tuple::as_tuple;
use crate::types::as_type;
use crate::Vm;

/// The Python half of the module.
const SOURCE: &str = include_str!("tracemalloc.py");

/// First line of a file written by `Snapshot.dump`.
const DUMP_MAGIC: &str = "refpy tracemalloc snapshot 1";

/// Creates the `_tracemalloc` module (the native functions CPython writes in C).
pub fn build_native(vm: &mut Vm) -> PyResult {
    let m = vm.new_module("_tracemalloc")?;
    vm.add_functions(
        &m,
        &[
            ("start", tm_start),
            ("stop", tm_stop),
            ("is_tracing", tm_is_tracing),
            ("clear_traces", tm_clear_traces),
            ("get_traced_memory", tm_get_traced_memory),
            ("reset_peak", tm_reset_peak),
            ("get_tracemalloc_memory", tm_get_tracemalloc_memory),
            ("get_traceback_limit", tm_get_traceback_limit),
            ("_get_traces", tm_get_traces),
            ("_get_object_traceback", tm_get_object_traceback),
        ],
    )?;
    Ok(m)
}

/// Creates the `tracemalloc` module: refpy's helpers for the Python half, then the Python
/// half, which imports `_tracemalloc`.
pub fn build(vm: &mut Vm) -> PyResult {
    let m = vm.new_module("tracemalloc")?;
    vm.add_functions(
        &m,
        &[
            ("_dump_snapshot", tm_dump_snapshot),
            ("_load_snapshot", tm_load_snapshot),
            ("_getline", tm_getline),
            ("_fnmatch", tm_fnmatch),
        ],
    )?;
    vm.run_prelude(&m, SOURCE)?;
    Ok(m)
}

impl Vm {
    /// Whether the eval loop runs its copy with tracing hooks (`run_frames_in::<true>`):
    /// trace events are wanted (`trace/mod.rs`) or tracemalloc traces.
    #[inline(always)]
    pub(crate) fn instrumented(&self) -> bool {
        self.trace.active || tracemalloc::is_tracing()
    }

    /// Gives the allocations made since the last call their traceback: the frames
    /// `self.frames[..depth]`, newest first, each at its `lasti`, cut to the traceback limit.
    #[inline]
    pub(crate) fn tracemalloc_resolve(&self, depth: usize) {
        if tracemalloc::has_pending() {
            self.name_pending_allocations(depth);
        }
    }

    #[inline(never)]
    fn name_pending_allocations(&self, depth: usize) {
        let frames = self.frames[..depth]
            .iter()
            .rev()
            .take(tracemalloc::traceback_limit())
            .map(|f| Frame {
                filename: f.code.code.filename.clone(),
                lineno: f.code.code.locations.get(f.lasti).map_or(0, |l| l.lineno),
            })
            .collect();
        tracemalloc::set_pending_traceback(frames, depth);
    }

    /// Before instruction `lasti` of frame `fi`, in the eval loop's tracing mode: the
    /// previous instruction's allocations get its line (`lasti` still holds it), then
    /// `lasti` moves on.
    #[inline]
    pub(crate) fn tracemalloc_step(&mut self, fi: usize, lasti: usize) {
        self.tracemalloc_resolve(fi + 1);
        self.frames[fi].lasti = lasti;
    }

    /// Where `obj`'s block was allocated, as `file:line` of the newest frame, when tracemalloc
    /// traced it: the allocation site `refpy.why` and `refpy.explain` show. Unlike
    /// `get_object_traceback`, instances with a `__dict__` are found too.
    pub(crate) fn allocation_site(&self, obj: &ObjRef) -> Option<String> {
        self.tracemalloc_resolve(self.frames.len());
        let tb = tracemalloc::allocation_traceback(obj)?;
        let frame = tb.frames.first()?;
        Some(format!("{}:{}", frame.filename, frame.lineno))
    }

    /// `(frames, total_nframe)` of a traceback as Python objects: a tuple of
    /// `(filename, lineno)` tuples, newest first. `names` shares equal filenames.
    fn traceback_objects(
        &mut self,
        tb: &Traceback,
        names: &mut FxHashMap<Rc<str>, ObjRef>,
    ) -> PyResult<(ObjRef, ObjRef)> {
        let mut frames = Vec::with_capacity(tb.frames.len());
        for f in tb.frames.iter() {
            let name = match names.get(&f.filename) {
                Some(n) => n.clone(),
                None => {
                    let n = self.new_str(&f.filename)?;
                    names.insert(f.filename.clone(), n.clone());
                    n
                }
            };
            let lineno = self.new_int(i64::from(f.lineno))?;
            frames.push(self.new_tuple(vec![name, lineno])?);
        }
        let total = self.new_int(i64::from(tb.total_nframe))?;
        Ok((self.new_tuple(frames)?, total))
    }
}

/// Checks that a function of `_tracemalloc` got no arguments.
fn no_arguments(vm: &mut Vm, name: &str, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult<()> {
    no_kwargs(vm, name, kw)?;
    arg_count(vm, name, args, 0, 0)
}

/// `start(nframe=1, /)`.
fn tm_start(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "_tracemalloc.start", kw)?;
    arg_count(vm, "start", args, 0, 1)?;
    let nframe = match args.first() {
        Some(v) => c_int_arg(vm, v)?,
        None => 1,
    };
    match usize::try_from(nframe) {
        Ok(n @ 1..=MAX_NFRAME) => tracemalloc::start(n),
        _ => {
            let msg = format!("the number of frames must be in range [1; {MAX_NFRAME}]");
            return Err(vm.new_error(ExcType::ValueError, msg));
        }
    }
    Ok(vm.none.clone())
}

fn tm_stop(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_arguments(vm, "_tracemalloc.stop", args, kw)?;
    tracemalloc::stop();
    Ok(vm.none.clone())
}

fn tm_is_tracing(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_arguments(vm, "_tracemalloc.is_tracing", args, kw)?;
    Ok(vm.new_bool(tracemalloc::is_tracing()))
}

fn tm_clear_traces(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_arguments(vm, "_tracemalloc.clear_traces", args, kw)?;
    tracemalloc::clear_traces();
    Ok(vm.none.clone())
}

/// `get_traced_memory()`: `(current, peak)` bytes in traced blocks.
fn tm_get_traced_memory(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_arguments(vm, "_tracemalloc.get_traced_memory", args, kw)?;
    let (current, peak) = tracemalloc::traced_memory();
    let pair = vec![vm.new_int(current as i64)?, vm.new_int(peak as i64)?];
    vm.new_tuple(pair)
}

fn tm_reset_peak(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_arguments(vm, "_tracemalloc.reset_peak", args, kw)?;
    tracemalloc::reset_peak();
    Ok(vm.none.clone())
}

fn tm_get_tracemalloc_memory(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_arguments(vm, "_tracemalloc.get_tracemalloc_memory", args, kw)?;
    vm.new_int(tracemalloc::tracer_memory() as i64)
}

fn tm_get_traceback_limit(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_arguments(vm, "_tracemalloc.get_traceback_limit", args, kw)?;
    vm.new_int(tracemalloc::traceback_limit() as i64)
}

/// `_get_traces()`: a list of `(domain, size, frames, total_nframe)` tuples, one per live
/// traced block; the frames tuples of equal tracebacks are one object. As in CPython, the
/// list itself is made before the traces are copied, so a snapshot shows its block, and
/// what it holds is not traced.
fn tm_get_traces(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_arguments(vm, "_tracemalloc._get_traces", args, kw)?;
    let list_obj = vm.new_list(Vec::new())?;
    let list = as_list(&list_obj).expect("a new list");
    vm.tracemalloc_resolve(vm.frames.len());
    let traces = tracemalloc::traces();
    let _paused = tracemalloc::pause_new_traces();
    let mut tracebacks: FxHashMap<*const Traceback, (ObjRef, ObjRef)> = FxHashMap::default();
    let mut names = FxHashMap::default();
    let domain = vm.new_int(0)?;
    for (size, tb) in &traces {
        let (frames, total) = match tracebacks.get(&Rc::as_ptr(tb)) {
            Some(objs) => objs.clone(),
            None => {
                let objs = vm.traceback_objects(tb, &mut names)?;
                tracebacks.insert(Rc::as_ptr(tb), objs.clone());
                objs
            }
        };
        let size = vm.new_int(*size as i64)?;
        let trace = vm.new_tuple(vec![domain.clone(), size, frames, total])?;
        vm.list_append(list, trace)?;
    }
    Ok(list_obj)
}

/// `_get_object_traceback(obj)`: the frames tuple of the block holding `obj`, or `None`.
/// An instance of a class with a `__dict__` gives `None`, as in CPython 3.11, which looks
/// its block up without the managed-dict pre-header every such instance has there.
fn tm_get_object_traceback(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "_get_object_traceback", kw)?;
    arg_count(vm, "_get_object_traceback", args, 1, 1)?;
    let obj = &args[0];
    if obj.downcast::<InstanceObject>().is_some() && as_type(obj.ob_type_ref()).is_some_and(|t| t.has_dict) {
        return Ok(vm.none.clone());
    }
    vm.tracemalloc_resolve(vm.frames.len());
    match tracemalloc::object_traceback(obj) {
        Some(tb) => Ok(vm.traceback_objects(&tb, &mut FxHashMap::default())?.0),
        None => Ok(vm.none.clone()),
    }
}

/// A str argument of one of the module's helpers.
fn str_arg(vm: &mut Vm, fname: &str, v: &ObjRef) -> PyResult<String> {
    match as_str(v) {
        Some(s) => Ok(s.to_string()),
        None => {
            let t = vm.type_name(v);
            Err(vm.new_error(ExcType::TypeError, format!("{fname}() argument must be str, not {t}")))
        }
    }
}

/// A filename on one line of a dump: backslashes and line breaks escaped.
fn escape_filename(name: &str) -> String {
    name.replace('\\', "\\\\").replace('\n', "\\n").replace('\r', "\\r")
}

/// The inverse of [`escape_filename`].
fn unescape_filename(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// `Snapshot.dump(filename)`: writes `traces` (the snapshot's trace tuples) and the limit as
/// text, one `trace DOMAIN SIZE TOTAL NFRAMES` line per trace followed by its frames
/// (`LINENO FILENAME`, newest first).
fn tm_dump_snapshot(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "_dump_snapshot", kw)?;
    arg_count(vm, "_dump_snapshot", args, 3, 3)?;
    let path = str_arg(vm, "_dump_snapshot", &args[0])?;
    let limit = as_i64(&args[2]).unwrap_or(0);
    let mut text = format!("{DUMP_MAGIC}\nlimit {limit}\n");
    for trace in as_tuple(&args[1]).unwrap_or(&[]) {
        match dump_trace(trace) {
            Some(lines) => text.push_str(&lines),
            None => {
                let msg = "a snapshot trace must be (domain, size, ((filename, lineno), ...), total_nframe)";
                return Err(vm.new_error(ExcType::TypeError, msg));
            }
        }
    }
    std::fs::write(&path, text).map_err(|e| vm.os_error_from_io(&e, Some(&args[0]), None))?;
    Ok(vm.none.clone())
}

/// The dump lines of one `(domain, size, frames, total_nframe)` tuple; `None` when it has
/// another shape.
fn dump_trace(trace: &ObjRef) -> Option<String> {
    let [domain, size, frames, total] = as_tuple(trace)? else { return None };
    let frames = as_tuple(frames)?;
    let total = as_i64(total).map_or("-".to_string(), |t| t.to_string());
    let mut out = format!("trace {} {} {total} {}\n", as_i64(domain)?, as_i64(size)?, frames.len());
    for f in frames {
        let [filename, lineno] = as_tuple(f)? else { return None };
        let _ = writeln!(out, "{} {}", as_i64(lineno)?, escape_filename(as_str(filename)?));
    }
    Some(out)
}

/// One trace read back by [`tm_load_snapshot`].
struct LoadedTrace {
    domain: i64,
    size: i64,
    total: Option<i64>,
    frames: Vec<(String, i64)>,
}

/// Parses a dump: the limit and the traces; `None` when the text is not one.
fn parse_dump(text: &str) -> Option<(i64, Vec<LoadedTrace>)> {
    let mut lines = text.lines();
    if lines.next()? != DUMP_MAGIC {
        return None;
    }
    let limit = lines.next()?.strip_prefix("limit ")?.parse().ok()?;
    let mut traces = Vec::new();
    while let Some(line) = lines.next() {
        let fields: Vec<&str> = line.strip_prefix("trace ")?.split(' ').collect();
        let [domain, size, total, n] = fields[..] else { return None };
        let mut frames = Vec::new();
        for _ in 0..n.parse::<usize>().ok()? {
            let (lineno, filename) = lines.next()?.split_once(' ')?;
            frames.push((unescape_filename(filename), lineno.parse().ok()?));
        }
        let total = if total == "-" { None } else { Some(total.parse().ok()?) };
        traces.push(LoadedTrace { domain: domain.parse().ok()?, size: size.parse().ok()?, total, frames });
    }
    Some((limit, traces))
}

/// `Snapshot.load(filename)`: `(traces, traceback_limit)` from a file `_dump_snapshot` wrote.
fn tm_load_snapshot(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "_load_snapshot", kw)?;
    arg_count(vm, "_load_snapshot", args, 1, 1)?;
    let path = str_arg(vm, "_load_snapshot", &args[0])?;
    let text = std::fs::read_to_string(&path).map_err(|e| vm.os_error_from_io(&e, Some(&args[0]), None))?;
    let Some((limit, traces)) = parse_dump(&text) else {
        let msg = format!("{} is not a snapshot written by refpy's Snapshot.dump()", str_repr(&path));
        return Err(vm.new_error(ExcType::ValueError, msg));
    };
    let mut out = Vec::with_capacity(traces.len());
    for t in traces {
        let mut frames = Vec::with_capacity(t.frames.len());
        for (filename, lineno) in &t.frames {
            let pair = vec![vm.new_str(filename)?, vm.new_int(*lineno)?];
            frames.push(vm.new_tuple(pair)?);
        }
        let total = match t.total {
            Some(n) => vm.new_int(n)?,
            None => vm.none.clone(),
        };
        let fields = vec![vm.new_int(t.domain)?, vm.new_int(t.size)?, vm.new_tuple(frames)?, total];
        out.push(vm.new_tuple(fields)?);
    }
    let pair = vec![vm.new_list(out)?, vm.new_int(limit)?];
    vm.new_tuple(pair)
}

/// `linecache.getline(filename, lineno)` for `Traceback.format()`: the line with its
/// newline, or `''`.
fn tm_getline(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "_getline", kw)?;
    arg_count(vm, "_getline", args, 2, 2)?;
    let filename = str_arg(vm, "_getline", &args[0])?;
    let line = u32::try_from(as_i64(&args[1]).unwrap_or(0))
        .ok()
        .and_then(|n| crate::traceback::source_line(&filename, n));
    match line {
        Some(l) => vm.new_str(&format!("{l}\n")),
        None => Ok(vm.empty_str.clone()),
    }
}

/// `fnmatch.fnmatch(name, pattern)` on POSIX (case-sensitive): `*` matches any run of
/// characters, `?` one, `[seq]` / `[!seq]` one in / not in the set (ranges `a-z`); a `[`
/// without its `]` is itself.
fn tm_fnmatch(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "_fnmatch", kw)?;
    arg_count(vm, "_fnmatch", args, 2, 2)?;
    let name: Vec<char> = str_arg(vm, "_fnmatch", &args[0])?.chars().collect();
    let pattern: Vec<char> = str_arg(vm, "_fnmatch", &args[1])?.chars().collect();
    Ok(vm.new_bool(fnmatch(&name, &pattern)))
}

/// One element of a glob pattern.
#[derive(Debug, PartialEq)]
enum Glob {
    Any,
    One,
    Char(char),
    /// `[…]`: inclusive ranges, negated for `[!…]`.
    Set(Vec<(char, char)>, bool),
}

/// Splits a glob pattern into its elements.
fn parse_glob(pattern: &[char]) -> Vec<Glob> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < pattern.len() {
        match pattern[i] {
            '*' => out.push(Glob::Any),
            '?' => out.push(Glob::One),
            '[' => {
                if let Some((set, end)) = parse_set(pattern, i + 1) {
                    out.push(set);
                    i = end;
                } else {
                    out.push(Glob::Char('['));
                }
            }
            c => out.push(Glob::Char(c)),
        }
        i += 1;
    }
    out
}

/// The set starting after a `[` at `start`, and the index of its `]`.
fn parse_set(pattern: &[char], start: usize) -> Option<(Glob, usize)> {
    let mut i = start;
    let negated = pattern.get(i) == Some(&'!');
    if negated {
        i += 1;
    }
    let first = i;
    let mut ranges = Vec::new();
    loop {
        let c = *pattern.get(i)?;
        if c == ']' && i > first {
            return Some((Glob::Set(ranges, negated), i));
        }
        if pattern.get(i + 1) == Some(&'-') && pattern.get(i + 2).is_some_and(|&e| e != ']') {
            ranges.push((c, pattern[i + 2]));
            i += 3;
        } else {
            ranges.push((c, c));
            i += 1;
        }
    }
}

/// True when all of `name` matches `pattern` (backtracking only over the last `*`).
fn fnmatch(name: &[char], pattern: &[char]) -> bool {
    let globs = parse_glob(pattern);
    let (mut n, mut g) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        let matched = match globs.get(g) {
            Some(Glob::Any) => {
                star = Some((g, n));
                g += 1;
                continue;
            }
            Some(Glob::One) => true,
            Some(Glob::Char(c)) => *c == name[n],
            Some(Glob::Set(ranges, negated)) => {
                ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&name[n])) != *negated
            }
            None => false,
        };
        if matched {
            n += 1;
            g += 1;
        } else if let Some((sg, sn)) = star {
            star = Some((sg, sn + 1));
            g = sg + 1;
            n = sn + 1;
        } else {
            return false;
        }
    }
    globs[g..].iter().all(|x| *x == Glob::Any)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(name: &str, pattern: &str) -> bool {
        fnmatch(&name.chars().collect::<Vec<_>>(), &pattern.chars().collect::<Vec<_>>())
    }

    #[test]
    fn fnmatch_as_posix_fnmatch() {
        assert!(m("/a/b/x.py", "*x.py"));
        assert!(m("/a/b/x.py", "*/b/*"));
        assert!(!m("x.py", "*.pyc"));
        assert!(m("x.py", "?.py"));
        assert!(m("x.py", "[a-z].py") && !m("x.py", "[!x].py"));
        assert!(m("[.py", "[.py"), "an unclosed [ is literal");
        assert!(m("].py", "[]].py"));
        assert!(m("", "*") && !m("", "?"));
        assert!(m("abcabc", "*abc") && !m("abcab", "*abc"));
    }

    #[test]
    fn dump_text_round_trips() {
        assert_eq!(unescape_filename(&escape_filename("a\\b\nc d")), "a\\b\nc d");
        let text = format!("{DUMP_MAGIC}\nlimit 2\ntrace 0 64 3 2\n5 /x y.py\n9 <stdin>\ntrace 0 8 - 0\n");
        let (limit, traces) = parse_dump(&text).unwrap();
        assert_eq!(limit, 2);
        assert_eq!(traces[0].frames, vec![("/x y.py".to_string(), 5), ("<stdin>".to_string(), 9)]);
        assert_eq!((traces[0].domain, traces[0].size, traces[0].total), (0, 64, Some(3)));
        assert_eq!(traces[1].total, None);
        assert!(parse_dump("something else\n").is_none());
        assert!(parse_dump(&format!("{DUMP_MAGIC}\nlimit 1\ntrace 0 1 1 2\n1 a\n")).is_none());
    }
}
