//! The public parse functions and the one place where every failure becomes
//! CPython 3.11's `SyntaxError`.
//!
//! Errors arrive in three forms: a [`LexError`] from logos callbacks or the
//! indentation layer, a [`LexError`] raised by a grammar action (wrapped as
//! lalrpop's `User` error), or lalrpop's "unexpected token". The last has no
//! message of its own: [`parse_error`] looks at the offending token, what the
//! parser expected, and the tokens of the current logical line (kept by the
//! indentation layer) to choose CPython's wording — "expected ':'", "expected
//! an indented block after …", "Perhaps you forgot a comma?", "Missing
//! parentheses in call to 'print'", or plain "invalid syntax".

use lalrpop_util::ParseError;

use crate::actions::Top;
use crate::ast::{Expr, Module};
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::indent::{Lexer, Mode, Spanned, MAX_NESTING};
use crate::line_index::LineIndex;
use crate::python::TopParser;
use crate::token::{ErrLoc, LexError, LexMsg, Tok};

/// Parses a whole file, a `-c` string or one REPL input into a module.
///
/// On failure the error carries CPython's message and position, and
/// `incomplete_input` tells the REPL whether more lines could complete it.
pub fn parse_module(source: &str, filename: &str) -> Result<Module, SyntaxError> {
    let idx = LineIndex::new(source);
    check_nul(&idx, filename)?;
    let mut lexer = Lexer::new(&idx, 0, source.len(), Mode::Module, MAX_NESTING);
    match TopParser::new().parse(&idx, &mut lexer) {
        Ok(Top::Module(m)) => Ok(m),
        Ok(Top::Expr(e)) => Ok(Module { body: vec![internal_expr_stmt(e)] }),
        Err(e) => Err(to_syntax_error(parse_error(e, &idx, &mut lexer), &idx, filename)),
    }
}

/// Parses one expression (what `eval` accepts); surrounding whitespace and
/// trailing line breaks are allowed.
pub fn parse_expression(source: &str, filename: &str) -> Result<Expr, SyntaxError> {
    let idx = LineIndex::new(source);
    check_nul(&idx, filename)?;
    let mut lexer = Lexer::new(&idx, 0, source.len(), Mode::Expression, MAX_NESTING);
    match TopParser::new().parse(&idx, &mut lexer) {
        Ok(Top::Expr(e)) => Ok(e),
        Ok(Top::Module(_)) => {
            Err(to_syntax_error(LexError::at("invalid syntax", 0, Some(0)), &idx, filename))
        }
        Err(e) => Err(to_syntax_error(parse_error(e, &idx, &mut lexer), &idx, filename)),
    }
}

/// Parses the expression of an f-string replacement field, in place at bytes
/// `start..end` of the full source, within what is left of the nesting budget.
pub(crate) fn parse_fstring_field(
    idx: &LineIndex<'_>,
    start: usize,
    end: usize,
    budget: u32,
) -> Result<Expr, LexError> {
    let mut lexer = Lexer::new(idx, start, end, Mode::FString, budget);
    match TopParser::new().parse(idx, &mut lexer) {
        Ok(Top::Expr(e)) => Ok(e),
        Ok(Top::Module(_)) => Err(LexError::at("invalid syntax", start, Some(end))),
        Err(e) => {
            let mut e = parse_error(e, idx, &mut lexer);
            e.incomplete = false;
            Err(e)
        }
    }
}

/// Unreachable in practice (the module entry always yields a module); kept
/// total so that no input can panic the parser.
fn internal_expr_stmt(e: Expr) -> crate::ast::Stmt {
    let span = e.span;
    crate::ast::Stmt { node: crate::ast::StmtKind::Expr(Box::new(e)), span }
}

fn check_nul(idx: &LineIndex<'_>, filename: &str) -> Result<(), SyntaxError> {
    match idx.source().find('\0') {
        Some(at) => Err(to_syntax_error(
            LexError::at("source code string cannot contain null bytes", at, Some(at)),
            idx,
            filename,
        )),
        None => Ok(()),
    }
}

/// Turns a positioned error into CPython's `SyntaxError` fields.
fn to_syntax_error(e: LexError, idx: &LineIndex<'_>, filename: &str) -> SyntaxError {
    let src = idx.source();
    let msg = match e.msg {
        LexMsg::Text(s) => s,
        LexMsg::Unrecognized => "invalid syntax".to_string(),
        LexMsg::Unterminated { triple, detected_at } => {
            // CPython counts a final line break as part of the last line.
            let mut at = detected_at.min(src.len());
            if at == src.len() && at > 0 && src.ends_with(['\n', '\r']) {
                at -= 1;
            }
            let line = idx.lineno(at);
            if triple {
                format!("unterminated triple-quoted string literal (detected at line {line})")
            } else {
                format!("unterminated string literal (detected at line {line})")
            }
        }
    };
    let (lineno, offset, end_lineno, end_offset) = match e.loc {
        ErrLoc::Bytes { start, end } => {
            let (l, c) = idx.position(start);
            match end {
                Some(end) => {
                    let (el, ec) = idx.position(end);
                    (l, c + 1, el, ec + 1)
                }
                None => (l, c + 1, l, 0),
            }
        }
        ErrLoc::Span(s) => (s.lineno, s.col_offset + 1, s.end_lineno, s.end_col_offset + 1),
        ErrLoc::Raw { lineno, offset, end_lineno, end_offset } => (lineno, offset, end_lineno, end_offset),
        ErrLoc::Unset => (1, 1, 1, 1),
    };
    SyntaxError {
        kind: e.kind,
        msg,
        filename: filename.to_string(),
        lineno,
        offset,
        end_lineno,
        end_offset,
        text: idx.line_text(lineno).map(str::to_string),
        incomplete_input: e.incomplete,
    }
}

fn is_opener(t: &Tok) -> bool {
    matches!(t, Tok::LPar | Tok::LSqb | Tok::LBrace)
}

fn is_closer(t: &Tok) -> bool {
    matches!(t, Tok::RPar | Tok::RSqb | Tok::RBrace)
}

/// How CPython's "expected an indented block after …" names a header.
fn block_header(t: &Tok) -> Option<&'static str> {
    Some(match t {
        Tok::If => "'if' statement",
        Tok::Elif => "'elif' statement",
        Tok::Else => "'else' statement",
        Tok::While => "'while' statement",
        Tok::For => "'for' statement",
        Tok::Try => "'try' statement",
        Tok::Except => "'except' statement",
        Tok::Finally => "'finally' statement",
        Tok::With => "'with' statement",
        Tok::Def => "function definition",
        Tok::Class => "class definition",
        _ => return None,
    })
}

/// Chooses CPython's message and position for a failed parse.
fn parse_error(e: ParseError<usize, Tok, LexError>, idx: &LineIndex<'_>, lexer: &mut Lexer<'_>) -> LexError {
    let err = first_error(e, idx, lexer);
    rest_of_input(err, idx, lexer)
}

/// CPython tokenizes the rest of the input after a parser error
/// (`_PyPegen_tokenize_full_source_to_check_for_errors`): a tokenizer error
/// found there wins, and an unclosed bracket wins if it was opened on a line
/// before the error's.
fn rest_of_input(err: LexError, idx: &LineIndex<'_>, lexer: &mut Lexer<'_>) -> LexError {
    // CPython compares with the line of the furthest token the parser read.
    let err_line = idx.lineno(lexer.furthest);
    for t in lexer.by_ref() {
        let Err(later) = t else { continue };
        if later.msg_text().is_some_and(|m| m.ends_with("was never closed")) {
            let open_line = match later.loc {
                ErrLoc::Bytes { start, .. } => idx.lineno(start),
                _ => err_line,
            };
            if err_line > open_line {
                return later;
            }
            return err;
        }
        return later;
    }
    err
}

fn first_error(e: ParseError<usize, Tok, LexError>, idx: &LineIndex<'_>, lexer: &mut Lexer<'_>) -> LexError {
    match e {
        ParseError::User { error } => error,
        ParseError::InvalidToken { location } => LexError::at("invalid syntax", location, Some(location)),
        ParseError::ExtraToken { token: (l, _, r) } => LexError::at("invalid syntax", l, Some(r)),
        ParseError::UnrecognizedEof { location, expected } => {
            let mut e = if expected.iter().any(|x| x == "INDENT") {
                indented_block_error(idx, lexer, None)
            } else {
                let at = lexer.last_newline.unwrap_or(location);
                LexError::at("invalid syntax", at, Some(at))
            };
            e.incomplete = lexer.bracket_depth() == 0;
            e
        }
        ParseError::UnrecognizedToken { token, expected } => unexpected_token(token, &expected, idx, lexer),
    }
}

fn indented_block_error(idx: &LineIndex<'_>, lexer: &mut Lexer<'_>, token: Option<&Spanned>) -> LexError {
    let msg = match &lexer.prev_line_first {
        Some((t, at)) => match block_header(t) {
            Some(what) => format!("expected an indented block after {what} on line {}", idx.lineno(*at)),
            None => "expected an indented block".to_string(),
        },
        None => "expected an indented block".to_string(),
    };
    let loc = match token {
        Some((l, Tok::Dedent, _)) if !lexer.at_eof => {
            // CPython reports a DEDENT at column 0 of its line.
            let lineno = idx.lineno(*l);
            ErrLoc::Raw { lineno, offset: 0, end_lineno: lineno, end_offset: 0 }
        }
        Some((l, t, r)) if !(lexer.at_eof && matches!(t, Tok::Dedent | Tok::Newline)) => {
            ErrLoc::Bytes { start: *l, end: Some(*r) }
        }
        _ => {
            // At end of input: the caret goes after the header's line break,
            // or onto the next line if blank lines follow it.
            let at = lexer.last_newline.unwrap_or(0);
            let src = idx.source();
            let next_line = idx.line_start(idx.lineno(at) + 1);
            if next_line > at && next_line < src.len() {
                ErrLoc::Bytes { start: next_line, end: None }
            } else {
                ErrLoc::Bytes { start: at, end: None }
            }
        }
    };
    let incomplete = lexer.at_eof && token.is_none_or(|(_, t, _)| matches!(t, Tok::Dedent));
    LexError { kind: SyntaxErrorKind::IndentationError, msg: LexMsg::Text(msg), loc, incomplete }
}

fn unexpected_token(
    token: Spanned,
    expected: &[String],
    idx: &LineIndex<'_>,
    lexer: &mut Lexer<'_>,
) -> LexError {
    let (l, ref tok, r) = token;
    if matches!(tok, Tok::Indent) {
        // CPython's caret sits on the last indentation character.
        return LexError {
            kind: SyntaxErrorKind::IndentationError,
            msg: LexMsg::Text("unexpected indent".into()),
            loc: ErrLoc::Bytes { start: r.saturating_sub(1), end: None },
            incomplete: false,
        };
    }
    if expected.len() == 1 && expected[0] == "INDENT" {
        return indented_block_error(idx, lexer, Some(&token));
    }
    if matches!(tok, Tok::Newline) {
        let compound = lexer.prev_line_first.as_ref().is_some_and(|(t, _)| block_header(t).is_some());
        if compound && expected.iter().any(|x| x == "\":\"") {
            return LexError::at("expected ':'", l, Some(l));
        }
    }
    if expected.iter().any(|x| x == "\"else\"") && !matches!(tok, Tok::Else) {
        if let Some(e) = expected_else(lexer) {
            return e;
        }
    }
    if let Some(e) = legacy_print(lexer, &token) {
        return e;
    }
    if let Some(e) = forgot_comma(lexer, &token) {
        return e;
    }
    let mut e = match tok {
        Tok::Newline | Tok::Dedent => LexError::at("invalid syntax", l, Some(l)),
        _ => LexError::at("invalid syntax", l, Some(r)),
    };
    e.incomplete = lexer.at_eof && matches!(tok, Tok::Dedent) && lexer.bracket_depth() == 0;
    e
}

/// Index in `toks` where the operand ending at `toks[last]` starts, walking
/// back over a `disjunction` at the same bracket depth; `None` if a keyword
/// shows the operand is not one (a conditional, a comprehension, a lambda).
fn operand_start(toks: &[Spanned], last: usize) -> Option<usize> {
    let mut depth = 0u32;
    let mut start = last;
    let mut i = last as isize;
    while i >= 0 {
        let t = &toks[i as usize].1;
        if is_closer(t) {
            depth += 1;
        } else if is_opener(t) {
            if depth == 0 {
                break;
            }
            depth -= 1;
        } else if depth == 0 {
            match t {
                Tok::Comma
                | Tok::Equal
                | Tok::Colon
                | Tok::ColonEqual
                | Tok::Newline
                | Tok::Indent
                | Tok::Dedent
                | Tok::StartModule
                | Tok::StartExpr
                | Tok::Semi
                | Tok::Return
                | Tok::Assert
                | Tok::Del
                | Tok::PlusEqual
                | Tok::MinEqual
                | Tok::StarEqual
                | Tok::SlashEqual => break,
                Tok::If | Tok::Else | Tok::For | Tok::Lambda | Tok::Yield | Tok::Async => return None,
                _ => {}
            }
        }
        start = i as usize;
        i -= 1;
    }
    Some(start)
}

/// Pulls tokens after the offending one to find where the expression that
/// starts with it ends (`expression_without_invalid` in CPython's grammar).
fn operand_end(lexer: &mut Lexer<'_>, first: &Spanned, stop_at_comma: bool) -> Result<usize, LexError> {
    let mut end = first.2;
    let mut depth = u32::from(is_opener(&first.1));
    let mut prev = first.1.clone();
    for t in lexer.by_ref() {
        let (_, t, r) = t?;
        if depth == 0 {
            let adjacent = prev.ends_operand()
                && t.starts_operand()
                && !matches!(t, Tok::LPar | Tok::LSqb)
                && !(matches!(prev, Tok::Str(_)) && matches!(t, Tok::Str(_)));
            let stop = adjacent
                || is_closer(&t)
                || matches!(
                    t,
                    Tok::Equal | Tok::Colon | Tok::ColonEqual | Tok::For | Tok::Newline | Tok::Semi | Tok::As
                )
                || (stop_at_comma && matches!(t, Tok::Comma));
            if stop {
                break;
            }
        }
        if is_opener(&t) {
            depth += 1;
        } else if is_closer(&t) {
            depth = depth.saturating_sub(1);
        }
        end = r;
        prev = t;
    }
    Ok(end)
}

/// "invalid syntax. Perhaps you forgot a comma?" — two operands side by side
/// inside brackets (CPython's `invalid_expression`).
fn forgot_comma(lexer: &mut Lexer<'_>, token: &Spanned) -> Option<LexError> {
    if lexer.bracket_depth() == 0 {
        return None;
    }
    let n = lexer.line_toks.len();
    if n < 2 {
        return None;
    }
    let prev = &lexer.line_toks[n - 2].1;
    if !prev.ends_operand() || !token.1.starts_operand() {
        return None;
    }
    if matches!(prev, Tok::Name(_)) && matches!(token.1, Tok::Str(_)) {
        return None;
    }
    let start = operand_start(&lexer.line_toks, n - 2)?;
    let start = lexer.line_toks[start].0;
    match operand_end(lexer, token, true) {
        Ok(end) => Some(LexError::at("invalid syntax. Perhaps you forgot a comma?", start, Some(end))),
        // The scan ran into an unclosed bracket or another tokenizer error,
        // which CPython's second pass reports instead.
        Err(e) => Some(e),
    }
}

/// "Missing parentheses in call to 'print'. Did you mean print(...)?"
fn legacy_print(lexer: &mut Lexer<'_>, token: &Spanned) -> Option<LexError> {
    let n = lexer.line_toks.len();
    if n < 2 || !token.1.starts_operand() || matches!(token.1, Tok::LPar) {
        return None;
    }
    let (start, prev, _) = &lexer.line_toks[n - 2];
    let Tok::Name(name) = prev else { return None };
    if name != "print" && name != "exec" {
        return None;
    }
    let msg = format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?");
    let start = *start;
    match operand_end(lexer, token, false) {
        Ok(end) => Some(LexError::at(msg, start, Some(end))),
        Err(e) => Some(e),
    }
}

/// "expected 'else' after 'if' expression": a conditional missing its `else`.
fn expected_else(lexer: &Lexer<'_>) -> Option<LexError> {
    let toks = &lexer.line_toks;
    // The offending token is last; the conditional ends just before it.
    let last = toks.len().checked_sub(2)?;
    let mut depth = 0u32;
    let mut i = last as isize;
    while i >= 0 {
        let t = &toks[i as usize].1;
        if is_closer(t) {
            depth += 1;
        } else if is_opener(t) {
            if depth == 0 {
                return None;
            }
            depth -= 1;
        } else if depth == 0 && matches!(t, Tok::If) {
            let before = (i as usize).checked_sub(1)?;
            if !toks[before].1.ends_operand() {
                return None;
            }
            let start = operand_start(toks, before)?;
            return Some(LexError::at(
                "expected 'else' after 'if' expression",
                toks[start].0,
                Some(toks[last].2),
            ));
        }
        i -= 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::{Constant, ExprKind, StmtKind};

    fn err(src: &str) -> SyntaxError {
        match parse_module(src, "x.py") {
            Err(e) => e,
            Ok(m) => panic!("{src:?} parsed: {m:?}"),
        }
    }

    #[test]
    fn incomplete_input_for_the_repl() {
        for src in [
            "if x:",
            "if x:\n",
            "x = (1,",
            "x = '''abc",
            "x = 1 + \\",
            "def f():\n  if y:",
            "@dec",
            "for x in y:\n  pass\nelse:",
            "[1,\n 2",
        ] {
            let e = err(src);
            assert!(e.incomplete_input, "{src:?} should ask for more input: {e:?}");
        }
        for src in ["x = 1 +", "x = )", "if x pass", "x = 'abc", "1 = 2", "f(a b)"] {
            let e = err(src);
            assert!(!e.incomplete_input, "{src:?} is complete: {e:?}");
        }
        assert!(parse_module("if x:\n  pass", "x.py").is_ok());
    }

    #[test]
    fn error_text_and_filename() {
        let e = err("x = 1\ny = (1 2 3\n");
        assert_eq!(e.filename, "x.py");
        assert_eq!(e.text.as_deref(), Some("y = (1 2 3"));
        let e = err("a\0b");
        assert_eq!(e.msg, "source code string cannot contain null bytes");
    }

    #[test]
    fn expressions() {
        let e = parse_expression(" 1 + 2\n", "<string>").expect("parses");
        assert!(matches!(e.node, ExprKind::BinOp { .. }));
        let e = parse_expression("a, *b", "<string>").expect("parses");
        assert!(matches!(e.node, ExprKind::Tuple { .. }));
        assert!(parse_expression("x = 1", "<string>").is_err());
        assert!(parse_expression("1\n2", "<string>").is_err());
    }

    #[test]
    fn fstrings() {
        let m = parse_module("f'{a!r:>{w}.{p}} {b=} {{x}}'\n", "x.py").expect("parses");
        let StmtKind::Expr(e) = &m.body[0].node else { panic!() };
        let ExprKind::JoinedStr(parts) = &e.node else { panic!("{e:?}") };
        assert!(matches!(
            &parts[0].node,
            ExprKind::FormattedValue { conversion: 114, format_spec: Some(_), .. }
        ));
        assert!(matches!(&parts[1].node, ExprKind::Constant(Constant::Str(s)) if s == " b="));
        assert!(matches!(
            &parts[2].node,
            ExprKind::FormattedValue { conversion: 114, format_spec: None, .. }
        ));
        assert!(matches!(&parts[3].node, ExprKind::Constant(Constant::Str(s)) if s == " {x}"));
        // Inner expressions carry their real positions.
        let ExprKind::FormattedValue { value, .. } = &parts[0].node else { panic!() };
        assert_eq!((value.span.lineno, value.span.col_offset), (1, 3));
        // Nested f-strings and triple-quoted fields spanning lines.
        assert!(parse_module("f\"{f'{x}'}\"\nf'''{\n  a +\n  b}'''\n", "x.py").is_ok());
        assert_eq!(err("f'{a b}'").msg, "f-string: invalid syntax. Perhaps you forgot a comma?");
    }

    /// Inputs of a million characters must give an error or a tree, never a
    /// stack overflow, in a debug build on a test thread's small stack.
    #[test]
    fn huge_inputs_do_not_overflow() {
        let n = 1_000_000;
        let cases = [
            "(".repeat(n),
            format!("{}1", "-".repeat(n)),
            format!("{}1", "not ".repeat(n / 4)),
            format!("{}1", "1+".repeat(n / 2)),
            format!("a{}", ".a".repeat(n / 2)),
            format!("a{}", "()".repeat(n / 2)),
            format!("{}1", "lambda:".repeat(n / 7)),
            format!("{}1", "1 if 1 else ".repeat(n / 12)),
            format!("{}1", "2**".repeat(n / 3)),
            format!("{}1", "~".repeat(n)),
            format!("x = [{}]", "-1, ".repeat(n / 4)),
            format!("f'{{{}}}'", "-".repeat(n)),
            format!("x = '{}'", "a".repeat(n)),
            "x = 1\n".repeat(n / 6),
            format!("{}1", "[".repeat(150)),
            "\\\n".repeat(n / 2),
            "#\n".repeat(n / 2),
            format!("{}pass", (0..1400).map(|i| format!("{}if 1:\n", " ".repeat(i))).collect::<String>()),
        ];
        for src in &cases {
            let r = parse_module(src, "x.py");
            drop(r);
        }
        // A long sum is legal up to the nesting limit.
        assert!(parse_module(&format!("x = {}1", "1+".repeat(900)), "x.py").is_ok());
        let e = err(&format!("x = {}1", "-".repeat(100_000)));
        assert_eq!(e.msg, "expression nested too deeply");
    }
}
