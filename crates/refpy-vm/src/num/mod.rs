//! Heap-free numeric and hashing primitives with CPython 3.11 semantics.
//!
//! Everything here is pure: values in, values (or a [`NumError`]) out. The VM owns the
//! objects and maps [`NumErrorKind`] to Python exception classes; the message text is
//! already exactly what CPython 3.11 prints after `XxxError: `.

pub use refpy_compiler::pyrepr::{is_py_space, str_repr as py_repr_str};

pub mod float;
pub mod format;
pub mod hash;
pub mod int;

pub use int::Int;

use std::fmt;

/// Which Python exception class a [`NumError`] becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumErrorKind {
    /// `ZeroDivisionError`
    ZeroDivision,
    /// `OverflowError`
    Overflow,
    /// `ValueError`
    Value,
    /// `TypeError`
    Type,
    /// `MemoryError` (message is empty, as CPython's): the result would be absurdly large,
    /// e.g. `1 << 2**62`, so we refuse before allocating.
    Memory,
    /// CPython would return a value of a type refpy does not implement (a `complex` from
    /// `(-8.0) ** (1/3)`). The VM should raise a clear error naming the limitation.
    Unsupported,
}

impl NumErrorKind {
    /// The Python exception class name (for `Unsupported`, the class refpy raises).
    pub fn class_name(self) -> &'static str {
        match self {
            NumErrorKind::ZeroDivision => "ZeroDivisionError",
            NumErrorKind::Overflow => "OverflowError",
            NumErrorKind::Value => "ValueError",
            NumErrorKind::Type => "TypeError",
            NumErrorKind::Memory => "MemoryError",
            NumErrorKind::Unsupported => "ValueError",
        }
    }
}

/// An error raised by a numeric primitive: the exception class and CPython's exact message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumError {
    /// Exception class the VM should raise.
    pub kind: NumErrorKind,
    /// Message exactly as CPython 3.11 words it (empty for `MemoryError`).
    pub msg: String,
}

impl NumError {
    /// Builds an error of `kind` with message `msg`.
    pub fn new(kind: NumErrorKind, msg: impl Into<String>) -> Self {
        NumError { kind, msg: msg.into() }
    }
    /// `ZeroDivisionError: msg`
    pub fn zero_div(msg: impl Into<String>) -> Self {
        Self::new(NumErrorKind::ZeroDivision, msg)
    }
    /// `OverflowError: msg`
    pub fn overflow(msg: impl Into<String>) -> Self {
        Self::new(NumErrorKind::Overflow, msg)
    }
    /// `ValueError: msg`
    pub fn value(msg: impl Into<String>) -> Self {
        Self::new(NumErrorKind::Value, msg)
    }
    /// `TypeError: msg`
    pub fn type_error(msg: impl Into<String>) -> Self {
        Self::new(NumErrorKind::Type, msg)
    }
    /// Bare `MemoryError`.
    pub fn memory() -> Self {
        Self::new(NumErrorKind::Memory, "")
    }
}

impl fmt::Display for NumError {
    /// Formats like the last line of a CPython traceback: `Class: msg` (or just `Class`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.msg.is_empty() {
            f.write_str(self.kind.class_name())
        } else {
            write!(f, "{}: {}", self.kind.class_name(), self.msg)
        }
    }
}

impl std::error::Error for NumError {}

/// Result alias used throughout `num`.
pub type NumResult<T> = Result<T, NumError>;

/// First code point of every Unicode 14.0 (CPython 3.11's `unicodedata`) run of decimal
/// digits `0..=9`; each run is 10 consecutive code points. Generated with python3.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50,
    0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
    0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066,
    0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950,
    0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
    0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// Value of `c` as a Unicode decimal digit (category Nd), like `unicodedata.decimal`.
pub fn unicode_decimal(c: char) -> Option<u32> {
    let cp = c as u32;
    let i = DECIMAL_ZEROS.partition_point(|&z| z <= cp);
    if i == 0 {
        return None;
    }
    let d = cp - DECIMAL_ZEROS[i - 1];
    (d < 10).then_some(d)
}

/// What `int()`/`float()` do to a str before parsing it: non-ASCII whitespace becomes a
/// space, non-ASCII decimal digits become ASCII digits, other non-ASCII makes the string
/// invalid (`None`), and then ASCII whitespace (`" \t\n\v\f\r"` only, so `'\x1c'` is *not*
/// stripped) is trimmed from both ends.
pub(crate) fn numeric_ascii(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if is_py_space(c) {
            out.push(' ');
        } else if let Some(d) = unicode_decimal(c) {
            out.push(char::from(b'0' + d as u8));
        } else {
            return None;
        }
    }
    let t = out.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r'));
    Some(t.to_string())
}

/// Truncates `s` to at most `n` characters (CPython's `%.200R` limits the repr this way).
pub(crate) fn truncate_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}
