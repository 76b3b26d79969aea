//! `SyntaxError` and its subclasses, with the position fields CPython prints.

use std::fmt;

/// Which exception class a syntax error becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl SyntaxErrorKind {
    /// The Python class name (`SyntaxError`, `IndentationError`, `TabError`).
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
        }
    }
}

/// A syntax error with CPython's fields: `msg`, `filename`, `lineno`,
/// `offset` (1-based column of the caret), `end_lineno`, `end_offset` and
/// `text` (the offending source line, without its newline).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub filename: String,
    pub lineno: u32,
    pub offset: u32,
    pub end_lineno: u32,
    pub end_offset: u32,
    pub text: Option<String>,
    /// True when the input ended inside an unfinished statement, bracket or
    /// triple-quoted string: the REPL then asks for another line (`codeop`'s rule).
    pub incomplete_input: bool,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({}, line {})", self.kind.name(), self.msg, self.filename, self.lineno)
    }
}

impl std::error::Error for SyntaxError {}
