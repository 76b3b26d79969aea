//! A small JSON tree whose objects keep their keys in insertion order, and
//! its text as Python's `json.dumps(value, indent=2)` writes it (ASCII only,
//! floats as `repr` shows them), so that a trace reads like the logger's.

use std::fmt::Write;

/// A JSON value.
pub enum J {
    Null,
    Bool(bool),
    /// An integer as its decimal text (ints have no size limit).
    Int(String),
    Float(f64),
    Str(String),
    List(Vec<J>),
    /// Keys in insertion order.
    Obj(Vec<(String, J)>),
}

impl J {
    /// A string value.
    pub fn str(s: impl Into<String>) -> J {
        J::Str(s.into())
    }

    /// A list of strings.
    pub fn strs<S: AsRef<str>>(items: &[S]) -> J {
        J::List(items.iter().map(|s| J::str(s.as_ref())).collect())
    }

    /// An integer.
    pub fn int(n: impl ToString) -> J {
        J::Int(n.to_string())
    }

    /// The text of `self` with `indent`-space indentation, as `json.dumps` writes it.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out
    }

    fn write(&self, out: &mut String, level: usize) {
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Int(s) => out.push_str(s),
            J::Float(x) => out.push_str(&refpy_compiler::pyrepr::float_repr(*x)),
            J::Str(s) => push_string(out, s),
            J::List(items) if items.is_empty() => out.push_str("[]"),
            J::Obj(pairs) if pairs.is_empty() => out.push_str("{}"),
            J::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    separate(out, i, level + 1);
                    item.write(out, level + 1);
                }
                newline(out, level);
                out.push(']');
            }
            J::Obj(pairs) => {
                out.push('{');
                for (i, (key, value)) in pairs.iter().enumerate() {
                    separate(out, i, level + 1);
                    push_string(out, key);
                    out.push_str(": ");
                    value.write(out, level + 1);
                }
                newline(out, level);
                out.push('}');
            }
        }
    }
}

const INDENT: usize = 2;

fn separate(out: &mut String, i: usize, level: usize) {
    if i > 0 {
        out.push(',');
    }
    newline(out, level);
}

fn newline(out: &mut String, level: usize) {
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', INDENT * level));
}

/// A JSON string with `ensure_ascii`: everything outside printable ASCII escaped.
fn push_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{u:04x}");
                }
            }
        }
    }
    out.push('"');
}
