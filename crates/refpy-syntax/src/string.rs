//! String and bytes literals: scanning the token and decoding its escapes.
//!
//! The logos pattern only matches the prefix and the opening quote;
//! [`lex_string`] scans the body by hand from `remainder()` and `bump`s past
//! the closing quote. Decoding follows CPython's `unicode_escape` and
//! `bytes` rules; `\N{...}` needs the Unicode name table, which refpy does
//! not carry, so it is reported as an unknown name.
//!
//! Line breaks inside a literal become `\n`, as CPython's universal newlines
//! do before the tokenizer sees the text.

use logos::Lexer;

use crate::token::{LexError, LexMsg, StrLit, Tok};

/// Callback for a string's prefix and opening quote: scans to the closing
/// quote and decodes the body (f-strings are decoded later, see `fstring.rs`).
pub(crate) fn lex_string(lex: &mut Lexer<Tok>) -> Result<StrLit, LexError> {
    let head = lex.slice();
    let quote = head.as_bytes()[head.len() - 1];
    let (mut raw, mut bytes, mut fmt) = (false, false, false);
    for c in head[..head.len() - 1].chars() {
        match c.to_ascii_lowercase() {
            'r' => raw = true,
            'b' => bytes = true,
            'f' => fmt = true,
            _ => {}
        }
    }
    let token_start = lex.span().start;
    let head_end = lex.span().end;
    let rest = lex.remainder().as_bytes();
    let triple = rest.len() >= 2 && rest[0] == quote && rest[1] == quote;
    let body_start = if triple { 2 } else { 0 };
    let mut i = body_start;
    let (body_end, total) = loop {
        let Some(&c) = rest.get(i) else {
            return Err(unterminated(token_start, triple, head_end + rest.len(), triple));
        };
        match c {
            b'\\' => {
                i += 1;
                if rest.get(i) == Some(&b'\r') && rest.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                i += 1;
            }
            b'\n' | b'\r' if !triple => {
                return Err(unterminated(token_start, false, head_end + i, false));
            }
            _ if c == quote => {
                if !triple {
                    break (i, i + 1);
                }
                if rest.get(i + 1) == Some(&quote) && rest.get(i + 2) == Some(&quote) {
                    break (i, i + 3);
                }
                i += 1;
            }
            _ => i += 1,
        }
    };
    let body = &lex.remainder()[body_start..body_end];
    let body_abs = head_end + body_start;
    lex.bump(total);
    let token_end = lex.span().end;
    if fmt {
        return Ok(StrLit::FRaw { raw, start: body_abs, end: body_abs + body.len() });
    }
    if bytes {
        if !body.is_ascii() {
            return Err(LexError::at(
                "bytes can only contain ASCII literal characters",
                token_start,
                Some(token_end),
            ));
        }
        let mut out = Vec::with_capacity(body.len());
        decode(body, raw, &mut Sink::Bytes(&mut out))
            .map_err(|m| LexError::at(m, token_end, Some(token_end)))?;
        return Ok(StrLit::Bytes(out));
    }
    let mut out = String::with_capacity(body.len());
    decode(body, raw, &mut Sink::Str(&mut out)).map_err(|m| LexError::at(m, token_end, Some(token_end)))?;
    Ok(StrLit::Str(out))
}

fn unterminated(token_start: usize, triple: bool, detected_at: usize, at_eof: bool) -> LexError {
    LexError {
        msg: LexMsg::Unterminated { triple, detected_at },
        incomplete: at_eof,
        ..LexError::at("", token_start, Some(token_start))
    }
}

/// Where decoded characters go: a `str` body or a `bytes` body.
pub(crate) enum Sink<'a> {
    Str(&'a mut String),
    Bytes(&'a mut Vec<u8>),
}

impl Sink<'_> {
    fn push_char(&mut self, c: char) {
        match self {
            Sink::Str(s) => s.push(c),
            // Only reached with ASCII text (checked by the caller).
            Sink::Bytes(b) => {
                let mut buf = [0; 4];
                b.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }

    /// An escape's value: a code point for `str`, a byte for `bytes`.
    fn push_value(&mut self, v: u32) -> Result<(), String> {
        match self {
            Sink::Str(s) => match char::from_u32(v) {
                Some(c) => {
                    s.push(c);
                    Ok(())
                }
                None => Err(format!(
                    "(unicode error) refpy strings cannot hold the surrogate code point U+{v:04X}"
                )),
            },
            Sink::Bytes(b) => {
                b.push((v & 0xFF) as u8);
                Ok(())
            }
        }
    }

    fn is_bytes(&self) -> bool {
        matches!(self, Sink::Bytes(_))
    }
}

/// Decodes a literal body (escapes unless `raw`; line breaks become `\n`).
/// Errors are CPython's `(unicode error) ...` / `(value error) ...` texts.
pub(crate) fn decode(body: &str, raw: bool, out: &mut Sink<'_>) -> Result<(), String> {
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\r' {
            if chars.peek().map(|p| p.1) == Some('\n') {
                chars.next();
            }
            out.push_char('\n');
            continue;
        }
        if c != '\\' || raw {
            out.push_char(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            // A lone trailing backslash (only in f-string pieces): kept.
            out.push_char('\\');
            break;
        };
        match e {
            '\n' => {}
            '\r' => {
                if chars.peek().map(|p| p.1) == Some('\n') {
                    chars.next();
                }
            }
            '\\' => out.push_char('\\'),
            '\'' => out.push_char('\''),
            '"' => out.push_char('"'),
            'a' => out.push_char('\x07'),
            'b' => out.push_char('\x08'),
            'f' => out.push_char('\x0C'),
            'n' => out.push_char('\n'),
            'r' => out.push_char('\r'),
            't' => out.push_char('\t'),
            'v' => out.push_char('\x0B'),
            '0'..='7' => {
                let mut v = e as u32 - '0' as u32;
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&(_, d @ '0'..='7')) => {
                            v = v * 8 + (d as u32 - '0' as u32);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                out.push_value(v)?;
            }
            'x' | 'u' | 'U' if e == 'x' || !out.is_bytes() => {
                let (n, what) = match e {
                    'x' => (2, "truncated \\xXX escape"),
                    'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut v: u32 = 0;
                let mut last = i + 1;
                for _ in 0..n {
                    match chars.peek() {
                        Some(&(j, d)) if d.is_ascii_hexdigit() => {
                            v = v * 16 + d.to_digit(16).unwrap_or(0);
                            last = j;
                            chars.next();
                        }
                        _ => {
                            let codec = if out.is_bytes() { "value error" } else { "unicode error" };
                            return Err(if out.is_bytes() {
                                format!("({codec}) invalid \\x escape at position {i}")
                            } else {
                                format!(
                                    "({codec}) 'unicodeescape' codec can't decode bytes in position {i}-{last}: {what}"
                                )
                            });
                        }
                    }
                }
                if v > 0x10FFFF {
                    return Err(format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position {i}-{last}: illegal Unicode character"
                    ));
                }
                out.push_value(v)?;
            }
            'N' if !out.is_bytes() => {
                let mut last = i + 1;
                if chars.peek().map(|p| p.1) == Some('{') {
                    for (j, d) in chars.by_ref() {
                        last = j;
                        if d == '}' {
                            break;
                        }
                    }
                }
                return Err(format!(
                    "(unicode error) 'unicodeescape' codec can't decode bytes in position {i}-{last}: unknown Unicode character name"
                ));
            }
            other => {
                // Unknown escapes keep their backslash (CPython warns).
                out.push_char('\\');
                if other == '\r' {
                    out.push_char('\n');
                } else {
                    out.push_char(other);
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use logos::Logos;

    use super::*;

    fn lex(src: &str) -> Result<StrLit, LexError> {
        match Tok::lexer(src).next() {
            Some(Ok(Tok::Str(s))) => Ok(s),
            Some(Err(e)) => Err(e),
            other => panic!("not a string: {other:?}"),
        }
    }

    #[test]
    fn escapes() {
        assert_eq!(lex(r"'a\tb\n\\\''"), Ok(StrLit::Str("a\tb\n\\'".into())));
        assert_eq!(lex(r"'\x41\u00e9\U0001F600\101\0'"), Ok(StrLit::Str("Aé😀A\0".into())));
        assert_eq!(lex(r"'\q'"), Ok(StrLit::Str("\\q".into())));
        assert_eq!(lex(r"r'\n'"), Ok(StrLit::Str("\\n".into())));
        assert_eq!(lex(r"b'\x00\xff\u1234'"), Ok(StrLit::Bytes(b"\x00\xff\\u1234".to_vec())));
        assert_eq!(lex("'a\\\nb'"), Ok(StrLit::Str("ab".into())));
        assert_eq!(lex("'''a\r\nb'''"), Ok(StrLit::Str("a\nb".into())));
        assert_eq!(lex("\"\"\"x\"y\"\"\""), Ok(StrLit::Str("x\"y".into())));
        assert_eq!(lex("''"), Ok(StrLit::Str(String::new())));
        assert_eq!(lex("Rb'\\d'"), Ok(StrLit::Bytes(b"\\d".to_vec())));
    }

    #[test]
    fn errors() {
        let e = lex(r"'\x1'").unwrap_err();
        assert_eq!(
            e.msg,
            LexMsg::Text(
                "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape"
                    .into()
            )
        );
        let e = lex("b'é'").unwrap_err();
        assert_eq!(e.msg, LexMsg::Text("bytes can only contain ASCII literal characters".into()));
        let e = lex("'abc\n").unwrap_err();
        assert_eq!(e.msg, LexMsg::Unterminated { triple: false, detected_at: 4 });
        assert!(!e.incomplete);
        let e = lex("'''abc\n").unwrap_err();
        assert!(e.incomplete);
    }
}
