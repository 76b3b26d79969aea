//! Printing uncaught exceptions exactly as CPython 3.11 does (`PyErr_Display`,
//! `tb_displayline` and the PEP 657 position markers).
//!
//! ```text
//! Traceback (most recent call last):
//!   File "/abs/x.py", line 2, in <module>
//!     y = x / 0
//!         ~~^~~
//! ZeroDivisionError: division by zero
//! ```
//! The marker line underlines the failing instruction's columns; for a
//! binary operation `~` marks the operands and `^` the operator, for a
//! subscript `~` the value and `^` the brackets. It is left out when it would
//! underline the whole (stripped) line. More than three identical entries in
//! a row collapse into `[Previous line repeated N more times]`.

use refpy_heap::ObjRef;
use refpy_syntax::ast::{ExprKind, StmtKind};
use refpy_syntax::SyntaxError;

use crate::objects::exception::as_exception;
use crate::objects::function::CodeObj;
use crate::objects::traceback::TracebackObject;
use crate::Vm;

/// `TB_RECURSIVE_CUTOFF`: identical lines shown before collapsing.
const RECURSIVE_CUTOFF: usize = 3;

/// One line of a traceback: where, and which columns to mark.
struct Entry {
    filename: String,
    name: String,
    lineno: u32,
    end_lineno: u32,
    col: u32,
    end_col: u32,
}

impl Vm {
    /// The full text CPython prints to stderr for an uncaught exception,
    /// including chained causes and contexts.
    pub fn format_exception(&mut self, exc: &ObjRef) -> String {
        let mut out = String::new();
        let mut seen = Vec::new();
        self.format_chain(exc, &mut out, &mut seen);
        out
    }

    fn format_chain(&mut self, exc: &ObjRef, out: &mut String, seen: &mut Vec<usize>) {
        seen.push(exc.id());
        if let Some(e) = as_exception(exc) {
            let cause = e.cause.borrow().clone();
            let context = e.context.borrow().clone();
            if let Some(c) = cause.filter(|c| !seen.contains(&c.id())) {
                self.format_chain(&c, out, seen);
                out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
            } else if let Some(c) = context.filter(|c| !e.suppress_context.get() && !seen.contains(&c.id())) {
                self.format_chain(&c, out, seen);
                out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
            }
        }
        self.format_single(exc, out);
    }

    fn format_single(&mut self, exc: &ObjRef, out: &mut String) {
        let entries = self.traceback_entries(exc);
        if !entries.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            format_entries(&entries, out);
        }
        out.push_str(&self.exception_only(exc));
    }

    /// The last line: `TypeError: message`, or just the class name; for a
    /// SyntaxError with a line number, the `File "…", line N` block with the
    /// source line and caret before it.
    pub fn exception_only(&mut self, exc: &ObjRef) -> String {
        if let Some(e) = self.syntax_error_location(exc) {
            return format_syntax_error(&e);
        }
        let td = crate::types::type_data(exc.ob_type_ref());
        // CPython's `print_exception`: the module shows unless builtins or __main__.
        let name = match td.module.as_str() {
            "builtins" | "__main__" => td.qualname.clone(),
            module => format!("{module}.{}", td.qualname),
        };
        let msg = self.str_string(exc).unwrap_or_else(|_| "<exception str() failed>".into());
        let hint = as_exception(exc)
            .and_then(|e| e.suggestion.borrow().clone())
            .or_else(|| self.attribute_suggestion(exc))
            .map(|s| format!(". Did you mean: '{s}'?"))
            .unwrap_or_default();
        if msg.is_empty() {
            format!("{name}\n")
        } else {
            format!("{name}: {msg}{hint}\n")
        }
    }

    /// The traceback of `exc`, outermost frame first.
    fn traceback_entries(&self, exc: &ObjRef) -> Vec<Entry> {
        let mut entries = Vec::new();
        let mut tb = as_exception(exc).and_then(|e| e.traceback.borrow().clone());
        while let Some(t) = tb {
            let Some(tbo) = t.downcast::<TracebackObject>() else { break };
            if let Some(CodeObj(data)) = tbo.code.downcast::<CodeObj>() {
                let loc = data.code.locations.get(tbo.lasti).copied().unwrap_or_default();
                entries.push(Entry {
                    filename: data.code.filename.to_string(),
                    name: data.code.name.to_string(),
                    lineno: loc.lineno,
                    end_lineno: loc.end_lineno,
                    col: loc.col,
                    end_col: loc.end_col,
                });
            }
            tb = tbo.next.clone();
        }
        entries
    }

    /// Prints an uncaught exception to stderr (flushing stdout first).
    pub fn print_exception(&mut self, exc: &ObjRef) {
        let text = self.format_exception(exc);
        self.out.flush();
        eprint!("{text}");
    }
}

fn format_entries(entries: &[Entry], out: &mut String) {
    let mut count = 0;
    let mut last: Option<(&str, u32, &str)> = None;
    for e in entries {
        let key = (e.filename.as_str(), e.lineno, e.name.as_str());
        if last != Some(key) {
            flush_repeats(count, out);
            count = 0;
            last = Some(key);
        }
        count += 1;
        if count <= RECURSIVE_CUTOFF {
            format_entry(e, out);
        }
    }
    flush_repeats(count, out);
}

fn flush_repeats(count: usize, out: &mut String) {
    if count > RECURSIVE_CUTOFF {
        let n = count - RECURSIVE_CUTOFF;
        let s = if n == 1 { "" } else { "s" };
        out.push_str(&format!("  [Previous line repeated {n} more time{s}]\n"));
    }
}

fn format_entry(e: &Entry, out: &mut String) {
    out.push_str(&format!("  File \"{}\", line {}, in {}\n", e.filename, e.lineno, e.name));
    let Some(line) = source_line(&e.filename, e.lineno) else { return };
    let stripped = line.trim();
    if stripped.is_empty() {
        return;
    }
    out.push_str(&format!("    {stripped}\n"));
    if let Some(markers) = caret_line(&line, e) {
        out.push_str(&markers);
    }
}

/// Line `lineno` of a source file, without its newline.
pub(crate) fn source_line(filename: &str, lineno: u32) -> Option<String> {
    if filename.starts_with('<') || lineno == 0 {
        return None;
    }
    let text = std::fs::read_to_string(filename).ok()?;
    text.lines().nth(lineno as usize - 1).map(str::to_string)
}

/// The marker line under a source line, or `None` when it would mark the
/// whole stripped line (CPython leaves it out then).
fn caret_line(line: &str, e: &Entry) -> Option<String> {
    if e.end_lineno == 0 || (e.col == 0 && e.end_col == 0) {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    let stripped_len = line.trim().chars().count();
    let indent = chars.len() - line.trim_start().chars().count();
    let start = e.col as usize;
    let end = if e.lineno == e.end_lineno { e.end_col as usize } else { indent + stripped_len };
    if end <= start || end > chars.len() {
        return None;
    }
    let anchors = if e.lineno == e.end_lineno {
        let segment: String = chars[start..end].iter().collect();
        anchors_of(&segment)
    } else {
        None
    };
    let has_split = anchors.is_some_and(|(l, r)| r > l);
    if end - start >= stripped_len && !has_split {
        return None;
    }
    let mut s = String::from("    ");
    s.push_str(&" ".repeat(start - indent));
    match anchors {
        Some((l, r)) => {
            s.push_str(&"~".repeat(l));
            s.push_str(&"^".repeat(r - l));
            s.push_str(&"~".repeat(end - start - r));
        }
        None => s.push_str(&"^".repeat(end - start)),
    }
    s.push('\n');
    Some(s)
}

/// For a segment that is a binary operation or a subscript, the character
/// offsets where the operator (or the `[…]`) starts and ends.
fn anchors_of(segment: &str) -> Option<(usize, usize)> {
    let module = refpy_syntax::parse_module(segment, "<segment>").ok()?;
    let [stmt] = module.body.as_slice() else { return None };
    let StmtKind::Expr(expr) = &stmt.node else { return None };
    let chars: Vec<char> = segment.chars().collect();
    let is_space = |c: char| c.is_whitespace();
    match &expr.node {
        ExprKind::BinOp { left, right, .. } => {
            let op_start = left.span.end_col_offset as usize;
            let op_end = (right.span.col_offset as usize).min(chars.len());
            let op_str: Vec<char> = chars.get(op_start..op_end)?.to_vec();
            let offset = op_str.iter().take_while(|c| c.is_whitespace()).count();
            let mut l = op_start + offset;
            let mut r = l + 1;
            if offset + 1 < op_str.len() && !op_str[offset + 1].is_whitespace() {
                r += 1;
            }
            while l < chars.len() && (is_space(chars[l]) || chars[l] == ')' || chars[l] == '#') {
                l += 1;
                r += 1;
            }
            Some((l, r))
        }
        ExprKind::Subscript { value, slice, .. } => {
            let mut l = value.span.end_col_offset as usize;
            let mut r = slice.span.end_col_offset as usize + 1;
            while l < chars.len() && chars[l] != '[' {
                l += 1;
            }
            while r < chars.len() && chars[r] != ']' {
                r += 1;
            }
            if r < chars.len() {
                r += 1;
            }
            Some((l, r))
        }
        _ => None,
    }
}

/// CPython's report of a syntax error in the program being run (no
/// "Traceback" header):
/// ```text
///   File "/abs/x.py", line 1
///     print((1, 2)
///          ^
/// SyntaxError: '(' was never closed
/// ```
pub fn format_syntax_error(e: &SyntaxError) -> String {
    let mut out = format!("  File \"{}\", line {}\n", e.filename, e.lineno);
    if let Some(text) = &e.text {
        let line = text.trim_end_matches(['\n', '\r']);
        let stripped = line.trim_start();
        let indent = line.chars().count() - stripped.chars().count();
        let shown = stripped.trim_end();
        if !shown.is_empty() {
            out.push_str(&format!("    {shown}\n"));
            // CPython prints no caret left of the stripped text ("unexpected
            // indent"), and a single one for an IndentationError or TabError.
            if e.offset >= 1 && e.offset as usize > indent {
                let start = e.offset as usize - 1 - indent;
                let ranged = e.kind == refpy_syntax::SyntaxErrorKind::SyntaxError;
                let width = if ranged && e.end_lineno == e.lineno && e.end_offset > e.offset {
                    (e.end_offset - e.offset) as usize
                } else {
                    1
                };
                let start = start.min(shown.chars().count());
                out.push_str(&format!("    {}{}\n", " ".repeat(start), "^".repeat(width)));
            }
        }
    }
    out.push_str(&format!("{}: {}\n", e.kind.name(), e.msg));
    out
}

/// A compile-time warning as the `warnings` module shows it:
/// `file:line: SyntaxWarning: message`, then the stripped source line
/// (when the file is a real file, as `linecache` would find it).
pub fn format_warning(w: &refpy_compiler::CompileWarning, filename: &str, source: &str) -> String {
    let mut out = format!("{filename}:{}: {}: {}\n", w.lineno, w.category, w.message);
    if !filename.starts_with('<') {
        if let Some(line) = source.lines().nth(w.lineno.saturating_sub(1) as usize) {
            out.push_str(&format!("  {}\n", line.trim()));
        }
    }
    out
}
