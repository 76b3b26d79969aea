//! Raw tokens, produced by logos.
//!
//! This layer knows nothing of indentation or brackets: it yields `Nl`,
//! `Comment` and `Continuation` tokens for the indentation layer
//! (`indent.rs`) to turn into NEWLINE / INDENT / DEDENT or to drop. The
//! synthetic variants (`Indent`, `Dedent`, `Newline`, `StartModule`,
//! `StartExpr`) have no pattern; only that layer makes them up.
//!
//! Numbers, names and string literals are finished by callbacks: numbers are
//! checked for what follows them (CPython's `verify_end_of_number`), names are
//! checked against Unicode XID, and string literals are scanned by hand from
//! `remainder()` (see `string.rs`), so one regex never has to describe a
//! triple-quoted string.

use logos::{Lexer, Logos};

use crate::ast::{Constant, Expr, Span};
use crate::error::SyntaxErrorKind;
use crate::string;

/// Where an error points, before it becomes CPython's `lineno`/`offset` pair.
#[derive(Clone, Debug, PartialEq)]
pub enum ErrLoc {
    /// A byte range of the source. `offset` is the column of `start` plus one;
    /// `end: None` gives CPython's `end_offset` 0 (used by "was never closed").
    Bytes { start: usize, end: Option<usize> },
    /// An AST span: `offset = col_offset + 1`, `end_offset = end_col_offset + 1`.
    Span(Span),
    /// CPython's four fields as they are (for the few errors whose caret
    /// column is 0).
    Raw { lineno: u32, offset: u32, end_lineno: u32, end_offset: u32 },
    /// Not known where the error was made; the indentation layer fills it in.
    Unset,
}

/// The message of a lexer or grammar-action error.
#[derive(Clone, Debug, PartialEq)]
pub enum LexMsg {
    /// The final message text.
    Text(String),
    /// "unterminated [triple-quoted] string literal (detected at line N)":
    /// the line is computed from `detected_at` (a byte offset) at the end.
    Unterminated { triple: bool, detected_at: usize },
    /// A character no token starts with ("invalid syntax" at that character).
    Unrecognized,
}

/// An error found below the grammar: by logos callbacks, the indentation
/// layer, or a grammar action. `parser::translate_error` turns it into a
/// [`crate::SyntaxError`].
#[derive(Clone, Debug, PartialEq)]
pub struct LexError {
    pub kind: SyntaxErrorKind,
    pub msg: LexMsg,
    pub loc: ErrLoc,
    /// The input stopped before the construct was finished (REPL: read more).
    pub incomplete: bool,
}

impl Default for LexError {
    fn default() -> Self {
        LexError {
            kind: SyntaxErrorKind::SyntaxError,
            msg: LexMsg::Unrecognized,
            loc: ErrLoc::Unset,
            incomplete: false,
        }
    }
}

impl LexError {
    /// A `SyntaxError` with `msg` over bytes `start..end`.
    pub fn at(msg: impl Into<String>, start: usize, end: Option<usize>) -> Self {
        LexError {
            kind: SyntaxErrorKind::SyntaxError,
            msg: LexMsg::Text(msg.into()),
            loc: ErrLoc::Bytes { start, end },
            incomplete: false,
        }
    }

    /// A `SyntaxError` with `msg` at an AST span.
    pub fn at_span(msg: impl Into<String>, span: Span) -> Self {
        LexError {
            kind: SyntaxErrorKind::SyntaxError,
            msg: LexMsg::Text(msg.into()),
            loc: ErrLoc::Span(span),
            incomplete: false,
        }
    }

    /// The message, when it is plain text.
    pub fn msg_text(&self) -> Option<&str> {
        match &self.msg {
            LexMsg::Text(s) => Some(s),
            _ => None,
        }
    }

    /// Moves byte positions by `base` (for a lexer run over a substring).
    pub fn shifted(mut self, base: usize) -> Self {
        if let ErrLoc::Bytes { start, end } = &mut self.loc {
            *start += base;
            if let Some(e) = end {
                *e += base;
            }
        }
        if let LexMsg::Unterminated { detected_at, .. } = &mut self.msg {
            *detected_at += base;
        }
        self
    }
}

/// A string literal token. Adjacent literals are joined by the parser.
#[derive(Clone, Debug, PartialEq)]
pub enum StrLit {
    Str(String),
    Bytes(Vec<u8>),
    /// An f-string as lexed: the byte range of its body (between the quotes,
    /// relative to the lexed text) and whether it is raw. The indentation
    /// layer parses it into [`StrLit::F`].
    FRaw {
        raw: bool,
        start: usize,
        end: usize,
    },
    /// A parsed f-string: the values of its `JoinedStr`.
    F(Vec<Expr>),
}

/// Every token of Python 3.11 that refpy lexes, plus the synthetic layout tokens.
#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(error = LexError)]
#[logos(skip r"[ \t\x0C]+")]
pub enum Tok {
    // Synthetic tokens, made by the indentation layer.
    Indent,
    Dedent,
    Newline,
    /// First token of a module parse (selects the grammar's module entry).
    StartModule,
    /// First token of an expression parse.
    StartExpr,

    // Layout tokens the indentation layer consumes.
    #[regex(r"\r\n|\n|\r")]
    Nl,
    #[regex(r"#[^\r\n]*", allow_greedy = true)]
    Comment,
    /// A backslash joining two physical lines.
    #[regex(r"\\(\r\n|\n|\r)")]
    Continuation,
    /// A backslash not followed by a line break: always an error.
    #[token("\\", backslash_error)]
    Backslash,

    #[regex(r"[A-Za-z_\u{80}-\u{10FFFF}][A-Za-z0-9_\u{80}-\u{10FFFF}]*", name)]
    Name(String),

    #[regex(r"[0-9](_?[0-9])*", decimal_int)]
    #[regex(r"0[xX](_?[0-9a-fA-F])+", |lex| radix_int(lex, 16, "hexadecimal"))]
    #[regex(r"0[oO](_?[0-7])+", |lex| radix_int(lex, 8, "octal"))]
    #[regex(r"0[bB](_?[01])+", |lex| radix_int(lex, 2, "binary"))]
    #[regex(r"[0-9](_?[0-9])*\.([0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?", float)]
    #[regex(r"\.[0-9](_?[0-9])*([eE][+-]?[0-9](_?[0-9])*)?", float)]
    #[regex(r"[0-9](_?[0-9])*[eE][+-]?[0-9](_?[0-9])*", float)]
    #[regex(r"([0-9](_?[0-9])*|[0-9](_?[0-9])*\.([0-9](_?[0-9])*)?|\.[0-9](_?[0-9])*)([eE][+-]?[0-9](_?[0-9])*)?[jJ]", imaginary)]
    Number(Constant),
    /// `0x`, `0o` or `0b` with no digit: always an error.
    #[regex(r"0[xXoObB]", empty_radix)]
    BadNumber,

    #[regex(r#"([rRuUbBfF]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])?["']"#, string::lex_string)]
    Str(StrLit),

    // Keywords.
    #[token("False")]
    False,
    #[token("None")]
    None,
    #[token("True")]
    True,
    #[token("and")]
    And,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("async")]
    Async,
    #[token("await")]
    Await,
    #[token("break")]
    Break,
    #[token("class")]
    Class,
    #[token("continue")]
    Continue,
    #[token("def")]
    Def,
    #[token("del")]
    Del,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("from")]
    From,
    #[token("global")]
    Global,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("is")]
    Is,
    #[token("lambda")]
    Lambda,
    #[token("nonlocal")]
    Nonlocal,
    #[token("not")]
    Not,
    #[token("or")]
    Or,
    #[token("pass")]
    Pass,
    #[token("raise")]
    Raise,
    #[token("return")]
    Return,
    #[token("try")]
    Try,
    #[token("while")]
    While,
    #[token("with")]
    With,
    #[token("yield")]
    Yield,

    // Operators and delimiters.
    #[token("(")]
    LPar,
    #[token(")")]
    RPar,
    #[token("[")]
    LSqb,
    #[token("]")]
    RSqb,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(":")]
    Colon,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("|")]
    Vbar,
    #[token("&")]
    Amper,
    #[token("<")]
    Less,
    #[token(">")]
    Greater,
    #[token("=")]
    Equal,
    #[token(".")]
    Dot,
    #[token("%")]
    Percent,
    #[token("==")]
    EqEqual,
    #[token("!=")]
    NotEqual,
    #[token("<=")]
    LessEqual,
    #[token(">=")]
    GreaterEqual,
    #[token("~")]
    Tilde,
    #[token("^")]
    Circumflex,
    #[token("<<")]
    LeftShift,
    #[token(">>")]
    RightShift,
    #[token("**")]
    DoubleStar,
    #[token("+=")]
    PlusEqual,
    #[token("-=")]
    MinEqual,
    #[token("*=")]
    StarEqual,
    #[token("/=")]
    SlashEqual,
    #[token("%=")]
    PercentEqual,
    #[token("&=")]
    AmperEqual,
    #[token("|=")]
    VbarEqual,
    #[token("^=")]
    CircumflexEqual,
    #[token("<<=")]
    LeftShiftEqual,
    #[token(">>=")]
    RightShiftEqual,
    #[token("**=")]
    DoubleStarEqual,
    #[token("//")]
    DoubleSlash,
    #[token("//=")]
    DoubleSlashEqual,
    #[token("@")]
    At,
    #[token("@=")]
    AtEqual,
    #[token("->")]
    RArrow,
    #[token("...")]
    Ellipsis,
    #[token(":=")]
    ColonEqual,
}

impl Tok {
    /// True for the tokens that may end an operand (a name, a literal, a
    /// closing bracket). Used by the error heuristics.
    pub fn ends_operand(&self) -> bool {
        matches!(
            self,
            Tok::Name(_)
                | Tok::Number(_)
                | Tok::Str(_)
                | Tok::RPar
                | Tok::RSqb
                | Tok::RBrace
                | Tok::None
                | Tok::True
                | Tok::False
                | Tok::Ellipsis
        )
    }

    /// True for the tokens that may begin an operand.
    pub fn starts_operand(&self) -> bool {
        matches!(
            self,
            Tok::Name(_)
                | Tok::Number(_)
                | Tok::Str(_)
                | Tok::LPar
                | Tok::LSqb
                | Tok::LBrace
                | Tok::None
                | Tok::True
                | Tok::False
                | Tok::Ellipsis
                | Tok::Not
                | Tok::Lambda
                | Tok::Tilde
                | Tok::Await
        )
    }
}

/// The callback of a lone backslash: CPython's two continuation errors.
fn backslash_error(lex: &mut Lexer<Tok>) -> Result<(), LexError> {
    let after = lex.span().end;
    if lex.remainder().is_empty() {
        let mut e = LexError::at("unexpected EOF while parsing", after, None);
        e.incomplete = true;
        Err(e)
    } else {
        Err(LexError::at("unexpected character after line continuation character", after, None))
    }
}

/// Checks a name against Python's identifier rules (XID; NFKC is not applied).
fn name(lex: &mut Lexer<Tok>) -> Result<String, LexError> {
    let s = lex.slice();
    if !s.is_ascii() {
        let base = lex.span().start;
        for (i, c) in s.char_indices() {
            let ok = c.is_ascii_alphanumeric()
                || c == '_'
                || if i == 0 { unicode_ident::is_xid_start(c) } else { unicode_ident::is_xid_continue(c) };
            if !ok {
                return Err(invalid_character(c, base + i));
            }
        }
    }
    Ok(s.to_string())
}

/// CPython's message for a character that cannot start or continue a token.
pub(crate) fn invalid_character(c: char, at: usize) -> LexError {
    let printable = !(c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'));
    let msg = if printable {
        format!("invalid character '{c}' (U+{:04X})", c as u32)
    } else {
        format!("invalid non-printable character U+{:04X}", c as u32)
    };
    LexError::at(msg, at, Some(at))
}

/// Words that may follow a number with no space in valid code (`1if x else y`).
const KEYWORDS_AFTER_NUMBER: [&str; 8] = ["and", "else", "for", "if", "in", "is", "not", "or"];

fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii()
}

/// CPython's `verify_end_of_number`: a number must not run into a name.
/// The caret goes where CPython puts it, on the character before the one
/// that broke the literal.
fn verify_end(lex: &Lexer<Tok>, kind: &str) -> Result<(), LexError> {
    let rest = lex.remainder();
    let end = lex.span().end;
    let Some(c) = rest.chars().next() else { return Ok(()) };
    if KEYWORDS_AFTER_NUMBER.iter().any(|k| rest.starts_with(k)) {
        return Ok(());
    }
    let msg = format!("invalid {kind} literal");
    if c == '_' {
        return Err(LexError::at(msg, end, Some(end)));
    }
    if (c == 'e' || c == 'E') && kind == "decimal" {
        if let Some(s) = rest[1..].chars().next() {
            if s == '+' || s == '-' {
                return Err(LexError::at(msg, end + 1, Some(end + 1)));
            }
        }
    }
    if kind == "binary" || kind == "octal" {
        if let Some(d) = c.to_digit(10) {
            let msg = format!("invalid digit '{d}' in {kind} literal");
            return Err(LexError::at(msg, end, Some(end)));
        }
    }
    if is_identifier_char(c) {
        return Err(LexError::at(msg, end - 1, Some(end - 1)));
    }
    Ok(())
}

fn int_constant(digits: String, radix: u32) -> Constant {
    match i64::from_str_radix(&digits, radix) {
        Ok(v) => Constant::Int(v),
        Err(_) => Constant::BigInt { digits, radix },
    }
}

fn decimal_int(lex: &mut Lexer<Tok>) -> Result<Constant, LexError> {
    verify_end(lex, "decimal")?;
    let s = lex.slice();
    if s.len() > 1 && s.starts_with('0') && s.bytes().any(|b| b != b'0' && b != b'_') {
        let start = lex.span().start;
        return Err(LexError::at(
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            start,
            Some(start + 1),
        ));
    }
    let digits: String = s.chars().filter(|&c| c != '_').collect();
    let digits = digits.trim_start_matches('0');
    Ok(int_constant(if digits.is_empty() { "0".to_string() } else { digits.to_string() }, 10))
}

fn radix_int(lex: &mut Lexer<Tok>, radix: u32, kind: &str) -> Result<Constant, LexError> {
    verify_end(lex, kind)?;
    let digits: String = lex.slice()[2..].chars().filter(|&c| c != '_').collect();
    let trimmed = digits.trim_start_matches('0');
    Ok(int_constant(if trimmed.is_empty() { "0".to_string() } else { trimmed.to_string() }, radix))
}

fn parse_float(text: &str) -> f64 {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    // The regexes admit only well-formed decimal floats, which Rust parses
    // (correctly rounded); overflow gives infinity as in CPython.
    clean.parse::<f64>().unwrap_or(f64::NAN)
}

fn float(lex: &mut Lexer<Tok>) -> Result<Constant, LexError> {
    verify_end(lex, "decimal")?;
    Ok(Constant::Float(parse_float(lex.slice())))
}

fn imaginary(lex: &mut Lexer<Tok>) -> Result<Constant, LexError> {
    verify_end(lex, "imaginary")?;
    let s = lex.slice();
    Ok(Constant::Imaginary(parse_float(&s[..s.len() - 1])))
}

fn empty_radix(lex: &mut Lexer<Tok>) -> Result<(), LexError> {
    let kind = match lex.slice().as_bytes()[1] {
        b'x' | b'X' => "hexadecimal",
        b'o' | b'O' => "octal",
        _ => "binary",
    };
    let end = lex.span().end;
    if let Some(d) = lex.remainder().chars().next().and_then(|c| c.to_digit(10)) {
        if kind != "hexadecimal" {
            return Err(LexError::at(format!("invalid digit '{d}' in {kind} literal"), end, Some(end)));
        }
    }
    Err(LexError::at(format!("invalid {kind} literal"), end - 1, Some(end - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Result<Tok, LexError>> {
        Tok::lexer(src).collect()
    }

    #[test]
    fn numbers() {
        assert_eq!(toks("1_000"), vec![Ok(Tok::Number(Constant::Int(1000)))]);
        assert_eq!(toks("0xff"), vec![Ok(Tok::Number(Constant::Int(255)))]);
        assert_eq!(toks("0o17"), vec![Ok(Tok::Number(Constant::Int(15)))]);
        assert_eq!(toks("0b101"), vec![Ok(Tok::Number(Constant::Int(5)))]);
        assert_eq!(toks("1.5"), vec![Ok(Tok::Number(Constant::Float(1.5)))]);
        assert_eq!(toks("1."), vec![Ok(Tok::Number(Constant::Float(1.0)))]);
        assert_eq!(toks(".5e1"), vec![Ok(Tok::Number(Constant::Float(5.0)))]);
        assert_eq!(toks("1e3"), vec![Ok(Tok::Number(Constant::Float(1000.0)))]);
        assert_eq!(toks("2j"), vec![Ok(Tok::Number(Constant::Imaginary(2.0)))]);
        assert_eq!(toks("1.5J"), vec![Ok(Tok::Number(Constant::Imaginary(1.5)))]);
        assert_eq!(toks("00"), vec![Ok(Tok::Number(Constant::Int(0)))]);
        assert_eq!(
            toks("99999999999999999999"),
            vec![Ok(Tok::Number(Constant::BigInt { digits: "99999999999999999999".into(), radix: 10 }))]
        );
        assert_eq!(
            toks("0x_FFFF_FFFF_FFFF_FFFF_F"),
            vec![Ok(Tok::Number(Constant::BigInt { digits: "FFFFFFFFFFFFFFFFF".into(), radix: 16 }))]
        );
        assert_eq!(
            toks("1if"),
            vec![Ok(Tok::Number(Constant::Int(1))), Ok(Tok::If)],
            "a keyword may follow a number"
        );
    }

    #[test]
    fn names_and_keywords() {
        assert_eq!(toks("if iffy"), vec![Ok(Tok::If), Ok(Tok::Name("iffy".into()))]);
        assert_eq!(toks("été"), vec![Ok(Tok::Name("été".into()))]);
        assert!(toks("€").iter().any(|t| t.is_err()));
    }

    #[test]
    fn operators_take_the_longest_match() {
        assert_eq!(
            toks("**= ** //= -> ... := !="),
            vec![
                Ok(Tok::DoubleStarEqual),
                Ok(Tok::DoubleStar),
                Ok(Tok::DoubleSlashEqual),
                Ok(Tok::RArrow),
                Ok(Tok::Ellipsis),
                Ok(Tok::ColonEqual),
                Ok(Tok::NotEqual)
            ]
        );
    }
}
