//! The layout layer: raw logos tokens in, the token stream the grammar wants out.
//!
//! ```text
//! logos tokens ──► Lexer ──► START_MODULE  tokens…  NEWLINE  INDENT  tokens…  NEWLINE  DEDENT …
//!                   │ indent stack [0, 4, …]    (column, alt-column) per open block
//!                   │ bracket stack [(kind, pos)]  ≤ 200 deep ("too many nested parentheses")
//!                   │ nesting budget per bracket level (see below)
//!                   └ pending queue of INDENT/DEDENT/NEWLINE made up here
//! ```
//!
//! Rules, after CPython's tokenizer:
//! - A line break ends a logical line (NEWLINE) only outside brackets and only
//!   if the line had a token; blank and comment-only lines produce nothing.
//!   `\` + line break joins lines (logos skips it, we remember it for EOF).
//! - At the first token of a logical line the indentation is measured twice:
//!   with tabs to multiples of 8 (`col`) and with tabs as 1 (`altcol`). A
//!   deeper line pushes a level and yields INDENT; a shallower one pops levels,
//!   one zero-width DEDENT each, and must land on an open level. When `col`
//!   and `altcol` disagree about the comparison, the tabs are inconsistent
//!   (TabError). At most 99 levels may be open ("too many levels of indentation").
//! - At end of input: NEWLINE if the last line had tokens, then one DEDENT per
//!   open level. Open brackets at EOF are "'(' was never closed".
//!
//! Nesting budget. The parser's stack is on the heap, but the AST it builds
//! is dropped (and later compiled) recursively, so its depth must be bounded
//! before it is built. Depth without brackets comes from operators and
//! keywords (`- - x`, `a+b+c`, `a.b.c`, `lambda: lambda: …`, `x if c else …`).
//! Each bracket level counts the nesting tokens seen since its last `,`
//! (a `,` separates siblings, except inside a lambda's parameter list, where
//! defaults nest); the sum of `count + 1` over the open levels bounds the
//! depth of every node under construction. Past [`MAX_NESTING`] the input is
//! rejected, so no tree deeper than that ever exists.

use std::collections::VecDeque;

use logos::Logos;

use crate::error::SyntaxErrorKind;
use crate::line_index::LineIndex;
use crate::token::{ErrLoc, LexError, LexMsg, StrLit, Tok};

/// A token with its byte range in the full source, as lalrpop wants it.
pub(crate) type Spanned = (usize, Tok, usize);

/// Bound on the depth of any expression tree the parser builds (see the
/// module comment). CPython 3.11 fails somewhere between 2000 and 3000
/// levels; refpy stops earlier so that recursive passes stay shallow.
pub const MAX_NESTING: u32 = 1000;

/// CPython's MAXLEVEL: brackets open at once.
const MAX_BRACKETS: usize = 200;

/// CPython's MAXINDENT: indentation levels (including the outermost).
const MAX_INDENT: usize = 100;

/// What the token stream is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A file, `-c` string or REPL input: statements with indentation.
    Module,
    /// An expression (`eval`): no INDENT/DEDENT.
    Expression,
    /// The inside of an f-string replacement field: line breaks are free, as
    /// if the text were wrapped in parentheses.
    FString,
}

#[derive(Clone, Copy, Debug, Default)]
struct Level {
    /// Nesting tokens since the last separating `,`.
    count: u32,
    /// `lambda`s whose parameter list has not reached its `:` yet.
    lambdas: u32,
}

/// The indentation layer over a logos lexer; an iterator of lalrpop triples.
pub(crate) struct Lexer<'s> {
    inner: logos::Lexer<'s, Tok>,
    idx: &'s LineIndex<'s>,
    /// Offset of the lexed text in the full source (non-zero for f-string fields).
    base: usize,
    mode: Mode,
    indents: Vec<(u32, u32)>,
    brackets: Vec<(Tok, usize)>,
    levels: Vec<Level>,
    /// Sum of `count + 1` over all levels but the innermost.
    outer: u32,
    budget: u32,
    pending: VecDeque<Spanned>,
    at_line_start: bool,
    line_has_tokens: bool,
    started: bool,
    finished: bool,
    last_continuation: Option<usize>,
    /// Tokens handed out on the current logical line (for error messages).
    pub(crate) line_toks: Vec<Spanned>,
    /// First token of the last finished logical line and its start.
    pub(crate) prev_line_first: Option<(Tok, usize)>,
    /// Start of the last NEWLINE handed out.
    pub(crate) last_newline: Option<usize>,
    /// Start of the last token handed out.
    pub(crate) furthest: usize,
    /// The next recorded token starts a new logical line.
    clear_line: bool,
    /// True once end of input was reached (all tokens after are synthetic).
    pub(crate) at_eof: bool,
}

impl<'s> Lexer<'s> {
    /// Lexes `idx.source()[start..end]`, in `mode`, with a nesting `budget`.
    pub(crate) fn new(idx: &'s LineIndex<'s>, start: usize, end: usize, mode: Mode, budget: u32) -> Self {
        let text = &idx.source()[start..end];
        let in_brackets = mode == Mode::FString;
        Lexer {
            inner: Tok::lexer(text),
            idx,
            base: start,
            mode,
            indents: vec![(0, 0)],
            brackets: Vec::new(),
            levels: vec![Level::default()],
            outer: 0,
            budget,
            pending: VecDeque::new(),
            at_line_start: !in_brackets,
            line_has_tokens: false,
            started: false,
            finished: false,
            last_continuation: None,
            line_toks: Vec::new(),
            prev_line_first: None,
            last_newline: None,
            at_eof: false,
            clear_line: false,
            furthest: start,
        }
    }

    /// True while a bracket is open (so line breaks are not NEWLINEs).
    pub(crate) fn bracket_depth(&self) -> usize {
        self.brackets.len() + usize::from(self.mode == Mode::FString)
    }

    fn error(&mut self, e: LexError) -> Option<Result<Spanned, LexError>> {
        self.finished = true;
        self.pending.clear();
        Some(Err(e))
    }

    /// Measures the indentation of the line at the lexer's position and
    /// queues INDENT/DEDENT tokens. Returns false for blank/comment lines.
    fn indentation(&mut self) -> Result<bool, LexError> {
        let rest = self.inner.remainder();
        let (mut col, mut altcol) = (0u32, 0u32);
        let mut width = 0;
        for b in rest.bytes() {
            match b {
                b' ' => {
                    col += 1;
                    altcol += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    altcol += 1;
                }
                b'\x0C' => {
                    col = 0;
                    altcol = 0;
                }
                _ => break,
            }
            width += 1;
        }
        match rest.as_bytes().get(width) {
            None | Some(b'#' | b'\n' | b'\r') => return Ok(false),
            _ => {}
        }
        let line_start = self.base + self.inner.span().end;
        let first = line_start + width;
        let &(top, alttop) = self.indents.last().unwrap_or(&(0, 0));
        let tab_error = || LexError {
            kind: SyntaxErrorKind::TabError,
            msg: LexMsg::Text("inconsistent use of tabs and spaces in indentation".into()),
            loc: ErrLoc::Bytes { start: line_start, end: None },
            incomplete: false,
        };
        if col == top {
            if altcol != alttop {
                return Err(tab_error());
            }
        } else if col > top {
            if altcol <= alttop {
                return Err(tab_error());
            }
            if self.indents.len() >= MAX_INDENT {
                return Err(LexError {
                    kind: SyntaxErrorKind::IndentationError,
                    msg: LexMsg::Text("too many levels of indentation".into()),
                    loc: ErrLoc::Bytes { start: line_start, end: None },
                    incomplete: false,
                });
            }
            self.indents.push((col, altcol));
            self.pending.push_back((line_start, Tok::Indent, first));
        } else {
            while self.indents.len() > 1 && col < self.indents[self.indents.len() - 1].0 {
                self.indents.pop();
                self.pending.push_back((first, Tok::Dedent, first));
            }
            let &(top, alttop) = self.indents.last().unwrap_or(&(0, 0));
            if col != top {
                // CPython puts the caret just past the end of the line.
                let lineno = self.idx.lineno(first);
                let len = self.idx.line_text(lineno).map_or(0, |t| t.len());
                return Err(LexError {
                    kind: SyntaxErrorKind::IndentationError,
                    msg: LexMsg::Text("unindent does not match any outer indentation level".into()),
                    loc: ErrLoc::Bytes { start: self.idx.line_start(lineno) + len, end: None },
                    incomplete: false,
                });
            }
            if altcol != alttop {
                return Err(tab_error());
            }
        }
        Ok(true)
    }

    /// Counts `tok` against the nesting budget (see the module comment).
    fn account(&mut self, tok: &Tok, start: usize) -> Result<(), LexError> {
        let top = self.levels.len() - 1;
        let level = &mut self.levels[top];
        match tok {
            Tok::Comma => {
                if level.lambdas == 0 {
                    level.count = 0;
                }
                return Ok(());
            }
            Tok::Colon => {
                level.lambdas = level.lambdas.saturating_sub(1);
                return Ok(());
            }
            Tok::Newline | Tok::Semi => {
                *level = Level::default();
                return Ok(());
            }
            Tok::Lambda => {
                level.lambdas += 1;
                level.count += 1;
            }
            Tok::LPar | Tok::LSqb | Tok::LBrace => {
                level.count += 1;
                self.outer += level.count + 1;
                self.levels.push(Level::default());
            }
            Tok::RPar | Tok::RSqb | Tok::RBrace => {
                if self.levels.len() > 1 {
                    self.levels.pop();
                    let below = self.levels[self.levels.len() - 1].count + 1;
                    self.outer = self.outer.saturating_sub(below);
                }
                return Ok(());
            }
            Tok::Plus
            | Tok::Minus
            | Tok::Star
            | Tok::Slash
            | Tok::DoubleSlash
            | Tok::Percent
            | Tok::At
            | Tok::DoubleStar
            | Tok::LeftShift
            | Tok::RightShift
            | Tok::Amper
            | Tok::Vbar
            | Tok::Circumflex
            | Tok::Tilde
            | Tok::Not
            | Tok::And
            | Tok::Or
            | Tok::Less
            | Tok::Greater
            | Tok::EqEqual
            | Tok::NotEqual
            | Tok::LessEqual
            | Tok::GreaterEqual
            | Tok::In
            | Tok::Is
            | Tok::Dot
            | Tok::If
            | Tok::Else
            | Tok::Await
            | Tok::Yield
            | Tok::ColonEqual => level.count += 1,
            _ => return Ok(()),
        }
        if self.depth_bound() > self.budget {
            return Err(LexError::at("expression nested too deeply", start, Some(start)));
        }
        Ok(())
    }

    /// Current bound on the depth of the node being built.
    fn depth_bound(&self) -> u32 {
        self.outer + self.levels[self.levels.len() - 1].count + 1
    }

    /// Parses an f-string token's body now that the nesting budget is known.
    fn finish_fstring(
        &mut self,
        raw: bool,
        start: usize,
        end: usize,
        span: (usize, usize),
    ) -> Result<Tok, LexError> {
        let remaining = self.budget.saturating_sub(self.depth_bound() + 2);
        let parts = crate::fstring::parse(self.idx, start, end, raw, remaining, span)?;
        Ok(Tok::Str(StrLit::F(parts)))
    }

    /// The next token from logos with bracket and layout handling; `None` at EOF.
    fn next_token(&mut self) -> Option<Result<Spanned, LexError>> {
        loop {
            if self.at_line_start && self.mode == Mode::Module && self.brackets.is_empty() {
                match self.indentation() {
                    Ok(true) => self.at_line_start = false,
                    Ok(false) => {}
                    Err(e) => return Some(Err(e)),
                }
            }
            let tok = self.inner.next()?;
            let span = self.inner.span();
            let (start, end) = (span.start + self.base, span.end + self.base);
            let mut tok = match tok {
                Ok(t) => t,
                Err(e) => {
                    let mut e = e.shifted(self.base);
                    if e.loc == ErrLoc::Unset {
                        let c = self.inner.slice().chars().next().unwrap_or(' ');
                        e = if c.is_ascii() && !c.is_ascii_control() {
                            LexError { msg: LexMsg::Unrecognized, ..LexError::at("", start, Some(end)) }
                        } else if c == '\0' {
                            LexError::at("source code cannot contain null bytes", start, Some(start))
                        } else {
                            crate::token::invalid_character(c, start)
                        };
                    }
                    return Some(Err(e));
                }
            };
            if !matches!(tok, Tok::Continuation) {
                self.last_continuation = None;
            }
            match tok {
                Tok::Comment => continue,
                Tok::Continuation => {
                    self.last_continuation = Some(start);
                    continue;
                }
                Tok::Nl => {
                    if self.bracket_depth() > 0 || !self.line_has_tokens || self.mode == Mode::FString {
                        continue;
                    }
                    self.at_line_start = true;
                    self.line_has_tokens = false;
                    tok = Tok::Newline;
                }
                Tok::LPar | Tok::LSqb | Tok::LBrace => {
                    if self.brackets.len() >= MAX_BRACKETS {
                        return Some(Err(LexError::at("too many nested parentheses", start, Some(start))));
                    }
                    self.brackets.push((tok.clone(), start));
                }
                Tok::RPar | Tok::RSqb | Tok::RBrace => {
                    let close = bracket_char(&tok);
                    match self.brackets.pop() {
                        None => {
                            return Some(Err(LexError::at(
                                format!("unmatched '{close}'"),
                                start,
                                Some(start),
                            )));
                        }
                        Some((open, open_at)) => {
                            let open = bracket_char(&open);
                            if !matches!((open, close), ('(', ')') | ('[', ']') | ('{', '}')) {
                                let (open_line, _) = self.idx.position(open_at);
                                let (close_line, _) = self.idx.position(start);
                                let msg = if open_line == close_line {
                                    format!("closing parenthesis '{close}' does not match opening parenthesis '{open}'")
                                } else {
                                    format!("closing parenthesis '{close}' does not match opening parenthesis '{open}' on line {open_line}")
                                };
                                return Some(Err(LexError::at(msg, start, Some(start))));
                            }
                        }
                    }
                }
                Tok::Str(StrLit::FRaw { raw, start: s, end: e }) => {
                    match self.finish_fstring(raw, s + self.base, e + self.base, (start, end)) {
                        Ok(t) => tok = t,
                        Err(e) => return Some(Err(e)),
                    }
                }
                _ => {}
            }
            if let Err(e) = self.account(&tok, start) {
                return Some(Err(e));
            }
            if !matches!(tok, Tok::Newline) {
                self.line_has_tokens = true;
            }
            return Some(Ok((start, tok, end)));
        }
    }

    /// Queues what end of input implies, or the error it reveals.
    fn end_of_input(&mut self) -> Result<(), LexError> {
        self.at_eof = true;
        let eof = self.base + self.inner.source().len();
        if let Some(at) = self.last_continuation {
            let mut e = LexError::at("unexpected EOF while parsing", at + 1, None);
            e.incomplete = true;
            return Err(e);
        }
        if let Some((open, at)) = self.brackets.first().cloned() {
            if self.mode != Mode::FString {
                let mut e = LexError::at(format!("'{}' was never closed", bracket_char(&open)), at, None);
                e.incomplete = true;
                return Err(e);
            }
        }
        if self.line_has_tokens && self.mode != Mode::FString {
            self.pending.push_back((eof, Tok::Newline, eof));
            self.line_has_tokens = false;
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.pending.push_back((eof, Tok::Dedent, eof));
        }
        Ok(())
    }

    fn record(&mut self, t: &Spanned) {
        self.furthest = t.0;
        if self.clear_line {
            self.line_toks.clear();
            self.clear_line = false;
        }
        match t.1 {
            Tok::Newline => {
                self.prev_line_first = self
                    .line_toks
                    .iter()
                    .find(|(_, t, _)| !matches!(t, Tok::Indent | Tok::Dedent))
                    .map(|(s, t, _)| (t.clone(), *s));
                self.clear_line = true;
                self.last_newline = Some(t.0);
                self.line_toks.push(t.clone());
            }
            Tok::Str(StrLit::F(_)) => self.line_toks.push((t.0, Tok::Str(StrLit::F(Vec::new())), t.2)),
            _ => self.line_toks.push(t.clone()),
        }
    }
}

fn bracket_char(t: &Tok) -> char {
    match t {
        Tok::LPar => '(',
        Tok::RPar => ')',
        Tok::LSqb => '[',
        Tok::RSqb => ']',
        Tok::LBrace => '{',
        _ => '}',
    }
}

impl Iterator for Lexer<'_> {
    type Item = Result<Spanned, LexError>;

    fn next(&mut self) -> Option<Self::Item> {
        if !self.started {
            self.started = true;
            let start = if self.mode == Mode::Module { Tok::StartModule } else { Tok::StartExpr };
            return Some(Ok((self.base, start, self.base)));
        }
        loop {
            if let Some(t) = self.pending.pop_front() {
                self.record(&t);
                return Some(Ok(t));
            }
            if self.finished {
                return None;
            }
            match self.next_token() {
                Some(Ok(t)) => {
                    self.pending.push_back(t);
                }
                Some(Err(e)) => return self.error(e),
                None => {
                    self.finished = true;
                    if let Err(e) = self.end_of_input() {
                        return self.error(e);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The token stream of `src` as compact text, one token per entry.
    fn layout(src: &str) -> Result<Vec<String>, LexError> {
        let idx = LineIndex::new(src);
        let lexer = Lexer::new(&idx, 0, src.len(), Mode::Module, MAX_NESTING);
        let mut out = Vec::new();
        for t in lexer {
            let (_, t, _) = t?;
            out.push(match t {
                Tok::StartModule => continue,
                Tok::Indent => "INDENT".to_string(),
                Tok::Dedent => "DEDENT".to_string(),
                Tok::Newline => "NL".to_string(),
                Tok::Name(n) => n,
                other => format!("{other:?}"),
            });
        }
        Ok(out)
    }

    fn layout_str(src: &str) -> String {
        match layout(src) {
            Ok(v) => v.join(" "),
            Err(e) => format!("error {:?} {:?} {:?}", e.kind, e.msg, e.loc),
        }
    }

    fn spans(src: &str) -> Vec<(usize, usize)> {
        let idx = LineIndex::new(src);
        Lexer::new(&idx, 0, src.len(), Mode::Module, MAX_NESTING)
            .map(|t| t.map(|(s, _, e)| (s, e)).expect("no lexer error"))
            .collect()
    }

    #[test]
    fn nested_blocks() {
        assert_eq!(
            layout_str("if a:\n    if b:\n        c\n    d\ne\n"),
            "If a Colon NL INDENT If b Colon NL INDENT c NL DEDENT d NL DEDENT e NL"
        );
    }

    #[test]
    fn eof_closes_blocks() {
        assert_eq!(layout_str("if a:\n  b"), "If a Colon NL INDENT b NL DEDENT");
        assert_eq!(layout_str(""), "");
        assert_eq!(layout_str("\n\n  # only a comment\n"), "");
    }

    #[test]
    fn brackets_join_lines() {
        assert_eq!(
            layout_str("x = (1,\n  2,\n# c\n\n      3)\ny"),
            "x Equal LPar Number(Int(1)) Comma Number(Int(2)) Comma Number(Int(3)) RPar NL y NL"
        );
    }

    #[test]
    fn comments_and_blank_lines_do_not_indent() {
        assert_eq!(layout_str("if a:\n\n      # deep comment\n  b\n\n"), "If a Colon NL INDENT b NL DEDENT");
    }

    #[test]
    fn backslash_continuation() {
        assert_eq!(
            layout_str("x = 1 + \\\n        2\ny"),
            "x Equal Number(Int(1)) Plus Number(Int(2)) NL y NL"
        );
        let e = layout("x = 1 + \\\n").unwrap_err();
        assert_eq!(e.msg, LexMsg::Text("unexpected EOF while parsing".into()));
        assert!(e.incomplete);
    }

    #[test]
    fn tabs() {
        assert_eq!(layout_str("if a:\n\tb\n\tc\n"), "If a Colon NL INDENT b NL c NL DEDENT");
        // A tab and eight spaces reach the same column but are not the same.
        let e = layout("if a:\n\tb\n        c\n").unwrap_err();
        assert_eq!(e.kind, SyntaxErrorKind::TabError);
        let e = layout("if a:\n        b\n\tc\n").unwrap_err();
        assert_eq!(e.kind, SyntaxErrorKind::TabError);
    }

    #[test]
    fn bad_dedent() {
        let e = layout("if a:\n    b\n  c\n").unwrap_err();
        assert_eq!(e.kind, SyntaxErrorKind::IndentationError);
        assert_eq!(e.msg, LexMsg::Text("unindent does not match any outer indentation level".into()));
    }

    #[test]
    fn crlf_gives_the_same_tokens() {
        let src = "def f(a,\n      b):\n    return (a +\n  b)  # c\n\nx = '''s\nt'''\n";
        assert_eq!(layout(src), layout(&src.replace('\n', "\r\n")));
    }

    #[test]
    fn spans_are_monotonic() {
        let src = "if a:\n    b = [1,\n  2]\n    c\nd\n";
        let s = spans(src);
        for w in s.windows(2) {
            assert!(w[0].0 <= w[1].0 && w[0].1 <= w[1].1 && w[0].0 <= w[0].1, "{w:?}");
        }
    }

    #[test]
    fn bracket_errors() {
        assert_eq!(layout("x = (1\n").unwrap_err().msg, LexMsg::Text("'(' was never closed".into()));
        assert_eq!(layout("x)").unwrap_err().msg, LexMsg::Text("unmatched ')'".into()));
        assert_eq!(
            layout("(]").unwrap_err().msg,
            LexMsg::Text("closing parenthesis ']' does not match opening parenthesis '('".into())
        );
        assert!(layout(&"(".repeat(200)).unwrap_err().msg == LexMsg::Text("'(' was never closed".into()));
        assert_eq!(
            layout(&"(".repeat(201)).unwrap_err().msg,
            LexMsg::Text("too many nested parentheses".into())
        );
    }

    #[test]
    fn nesting_budget() {
        assert!(layout(&format!("x = {}1", "-".repeat(900))).is_ok());
        let e = layout(&format!("x = {}1", "-".repeat(100_000))).unwrap_err();
        assert_eq!(e.msg, LexMsg::Text("expression nested too deeply".into()));
        // Siblings do not add up.
        let list = format!("x = [{}]", "-1, ".repeat(100_000));
        assert!(layout(&list).is_ok());
        // Lambda defaults nest across commas.
        let lambdas = format!("f = {}0", "lambda a=0, b=".repeat(2000));
        assert!(layout(&lambdas).is_err());
    }
}
