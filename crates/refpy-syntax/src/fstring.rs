//! f-strings: the body of an `f"..."` token into `JoinedStr` values.
//!
//! Python 3.11 lexes an f-string as one string token; the replacement fields
//! are found here and each expression is parsed by running the parser again
//! over its text, in place in the full source, so the inner nodes carry true
//! positions. Literal pieces become `Constant(Str)` (escapes decoded unless
//! raw, `{{`/`}}` halved); fields become `FormattedValue` with CPython's
//! conversion codes (-1, or `'s'` 115, `'r'` 114, `'a'` 97). A `=` after the
//! expression (`f"{x=}"`) keeps the text and defaults the conversion to `r`.
//! Format specs are parsed the same way, one level of nesting deep.
//!
//! Errors point just past the string token, as CPython 3.11 does.

use crate::ast::{Constant, Expr, ExprKind, Span};
use crate::line_index::LineIndex;
use crate::string::{decode, Sink};
use crate::token::{LexError, LexMsg};

struct FParser<'a> {
    idx: &'a LineIndex<'a>,
    src: &'a str,
    raw: bool,
    budget: u32,
    span: Span,
    /// Byte just past the string token, where errors point.
    err_at: usize,
}

/// Parses the f-string body at bytes `start..end` of the full source.
/// `token` is the byte range of the whole string token.
pub(crate) fn parse(
    idx: &LineIndex<'_>,
    start: usize,
    end: usize,
    raw: bool,
    budget: u32,
    token: (usize, usize),
) -> Result<Vec<Expr>, LexError> {
    let p =
        FParser { idx, src: idx.source(), raw, budget, span: idx.span(token.0, token.1), err_at: token.1 };
    let (parts, stop) = p.pieces(start, end, 0)?;
    debug_assert_eq!(stop, end);
    Ok(parts)
}

impl FParser<'_> {
    fn err(&self, msg: &str) -> LexError {
        LexError::at(msg, self.err_at, Some(self.err_at))
    }

    fn constant(&self, s: String) -> Expr {
        Expr { node: ExprKind::Constant(Constant::Str(s)), span: self.span }
    }

    /// Appends the literal text `start..end` (escapes decoded) to `lit`.
    fn literal(&self, start: usize, end: usize, lit: &mut String) -> Result<(), LexError> {
        decode(&self.src[start..end], self.raw, &mut Sink::Str(lit)).map_err(|m| self.err(&m))
    }

    /// Parses literal text and fields from `pos` up to `end`; in a format spec
    /// (`depth > 0`) stops at the first unmatched `}` and returns its position.
    fn pieces(&self, mut pos: usize, end: usize, depth: u32) -> Result<(Vec<Expr>, usize), LexError> {
        let b = self.src.as_bytes();
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut chunk = pos;
        while pos < end {
            match b[pos] {
                b'\\' if !self.raw => {
                    // Keep an escape together; `\N{...}` contains braces.
                    if b.get(pos + 1) == Some(&b'N') && b.get(pos + 2) == Some(&b'{') {
                        pos += 3;
                        while pos < end && b[pos] != b'}' {
                            pos += 1;
                        }
                        pos += 1;
                    } else if pos + 1 < end && b[pos + 1] != b'{' && b[pos + 1] != b'}' {
                        pos += 2;
                    } else {
                        pos += 1;
                    }
                }
                b'{' if b.get(pos + 1) == Some(&b'{') && pos + 1 < end => {
                    self.literal(chunk, pos + 1, &mut lit)?;
                    pos += 2;
                    chunk = pos;
                }
                b'}' if b.get(pos + 1) == Some(&b'}') && pos + 1 < end => {
                    self.literal(chunk, pos + 1, &mut lit)?;
                    pos += 2;
                    chunk = pos;
                }
                b'}' => {
                    if depth == 0 {
                        return Err(self.err("f-string: single '}' is not allowed"));
                    }
                    break;
                }
                b'{' => {
                    if depth >= 2 {
                        return Err(self.err("f-string: expressions nested too deeply"));
                    }
                    self.literal(chunk, pos, &mut lit)?;
                    let (field, debug_text, next) = self.field(pos + 1, end, depth)?;
                    if let Some(t) = debug_text {
                        lit.push_str(&t);
                    }
                    if !lit.is_empty() {
                        parts.push(self.constant(std::mem::take(&mut lit)));
                    }
                    parts.push(field);
                    pos = next;
                    chunk = pos;
                }
                _ => pos += 1,
            }
        }
        self.literal(chunk, pos.min(end), &mut lit)?;
        if !lit.is_empty() {
            parts.push(self.constant(lit));
        }
        Ok((parts, pos.min(end)))
    }

    /// Parses one replacement field starting after its `{`; returns the
    /// `FormattedValue`, the `=` debug text if any, and the position after `}`.
    fn field(&self, start: usize, end: usize, depth: u32) -> Result<(Expr, Option<String>, usize), LexError> {
        let b = self.src.as_bytes();
        let mut pos = start;
        let mut nest = 0u32;
        let mut debug = false;
        let expr_end;
        loop {
            if pos >= end {
                return Err(self.err("f-string: expecting '}'"));
            }
            let c = b[pos];
            match c {
                b'\\' => return Err(self.err("f-string expression part cannot include a backslash")),
                b'#' => return Err(self.err("f-string expression part cannot include '#'")),
                b'(' | b'[' | b'{' => nest += 1,
                b')' | b']' => nest = nest.saturating_sub(1),
                b'}' if nest > 0 => nest -= 1,
                b'\'' | b'"' => {
                    let q = c;
                    let triple = b.get(pos + 1) == Some(&q) && b.get(pos + 2) == Some(&q);
                    pos += if triple { 3 } else { 1 };
                    loop {
                        if pos >= end {
                            return Err(self.err("f-string: unterminated string"));
                        }
                        if b[pos] == q
                            && (!triple || (b.get(pos + 1) == Some(&q) && b.get(pos + 2) == Some(&q)))
                        {
                            pos += if triple { 3 } else { 1 };
                            break;
                        }
                        pos += 1;
                    }
                    continue;
                }
                b'!' if nest == 0 && b.get(pos + 1) != Some(&b'=') => {
                    expr_end = pos;
                    break;
                }
                b':' | b'}' if nest == 0 => {
                    expr_end = pos;
                    break;
                }
                b'=' if nest == 0 => {
                    let prev = if pos > start { b[pos - 1] } else { b' ' };
                    if b.get(pos + 1) == Some(&b'=') {
                        pos += 2;
                        continue;
                    }
                    if !matches!(prev, b'=' | b'!' | b'<' | b'>') {
                        debug = true;
                        expr_end = pos;
                        break;
                    }
                }
                _ => {}
            }
            pos += 1;
        }
        let text = &self.src[start..expr_end];
        if text.trim_matches([' ', '\t', '\n', '\r', '\x0C']).is_empty() {
            return Err(self.err("f-string: empty expression not allowed"));
        }
        let value =
            crate::parser::parse_fstring_field(self.idx, start, expr_end, self.budget).map_err(|e| {
                let mut e = e;
                if let LexMsg::Text(m) = &e.msg {
                    if !m.starts_with("f-string") {
                        e.msg = LexMsg::Text(format!("f-string: {m}"));
                    }
                }
                e
            })?;
        pos = expr_end;
        let mut debug_text = None;
        if debug {
            pos += 1;
            while pos < end && matches!(b[pos], b' ' | b'\t' | b'\n' | b'\r') {
                pos += 1;
            }
            debug_text = Some(self.src[start..pos].to_string());
        }
        let mut conversion = -1;
        if pos < end && b[pos] == b'!' {
            conversion = match b.get(pos + 1) {
                Some(b's') => 115,
                Some(b'r') => 114,
                Some(b'a') => 97,
                _ => {
                    return Err(self.err("f-string: invalid conversion character: expected 's', 'r', or 'a'"))
                }
            };
            pos += 2;
            if pos >= end || !matches!(b[pos], b':' | b'}') {
                return Err(self.err("f-string: expecting '}'"));
            }
        }
        let mut format_spec = None;
        if pos < end && b[pos] == b':' {
            let (parts, stop) = self.pieces(pos + 1, end, depth + 1)?;
            format_spec = Some(Box::new(Expr { node: ExprKind::JoinedStr(parts), span: self.span }));
            pos = stop;
        }
        if pos >= end || b[pos] != b'}' {
            return Err(self.err("f-string: expecting '}'"));
        }
        if debug && conversion == -1 && format_spec.is_none() {
            conversion = 114;
        }
        let node = ExprKind::FormattedValue { value: Box::new(value), conversion, format_spec };
        Ok((Expr { node, span: self.span }, debug_text, pos + 1))
    }
}
