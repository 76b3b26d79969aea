//! Python's `repr()` text for floats and strings (CPython 3.11), shared by
//! `refpy --dis` and the VM: one implementation of each, in the lowest crate
//! that needs it. Float digits are ryu's shortest round trip, laid out as
//! CPython's `float_repr_style = 'short'`; strings are quoted and escaped as
//! `unicode_repr` does.

/// `repr(x)` (== `str(x)`): shortest round-trip digits, fixed notation for
/// `1e-4 <= |x| < 1e16` (with `.0` when integral), otherwise `d.ddde±XX`.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let (digits, decpt) = shortest_digits(x.abs());
    let mut out = String::with_capacity(digits.len() + 8);
    if x < 0.0 {
        out.push('-');
    }
    layout_repr(&mut out, &digits, decpt);
    out
}

/// Lays out `0.DIGITS * 10**decpt` the way `repr(float)` does.
fn layout_repr(out: &mut String, digits: &str, decpt: i32) {
    let nd = digits.len() as i32;
    if decpt > -4 && decpt <= 16 {
        if decpt <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-decpt) as usize));
            out.push_str(digits);
        } else if decpt >= nd {
            out.push_str(digits);
            out.extend(std::iter::repeat_n('0', (decpt - nd) as usize));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..decpt as usize]);
            out.push('.');
            out.push_str(&digits[decpt as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if nd > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        push_exponent(out, decpt - 1);
    }
}

/// Shortest round-tripping decimal digits of a finite positive float (ryu), as
/// `(digits, decpt)` with `x == 0.DIGITS * 10**decpt`, no leading or trailing zeros.
pub fn shortest_digits(x: f64) -> (String, i32) {
    let mut buf = ryu::Buffer::new();
    let s = buf.format_finite(x);
    let (mant, exp) = match s.find('e') {
        Some(i) => (&s[..i], s[i + 1..].parse::<i32>().unwrap_or(0)),
        None => (s, 0),
    };
    let (ip, fp) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    let mut digits = String::with_capacity(ip.len() + fp.len());
    digits.push_str(ip);
    digits.push_str(fp);
    let lead = digits.bytes().take_while(|&c| c == b'0').count();
    let decpt = ip.len() as i32 + exp - lead as i32;
    let trimmed = digits[lead..].trim_end_matches('0');
    (trimmed.to_string(), decpt)
}

/// Appends `e+XX` / `e-XX` (at least two exponent digits), as C's `%e` does.
pub fn push_exponent(out: &mut String, e: i32) {
    out.push('e');
    out.push(if e < 0 { '-' } else { '+' });
    let a = e.unsigned_abs();
    if a < 10 {
        out.push('0');
    }
    out.push_str(&a.to_string());
}

/// Python `repr()` of a str, used to quote the offending input in error messages.
///
/// Printability of non-ASCII characters is approximated (controls, separators, format
/// characters and private-use areas are escaped) because Rust's std has no category tables.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let cp = c as u32;
                if cp < 0x100 {
                    out.push_str(&format!("\\x{cp:02x}"));
                } else if cp < 0x10000 {
                    out.push_str(&format!("\\u{cp:04x}"));
                } else {
                    out.push_str(&format!("\\U{cp:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

/// Approximation of `str.isprintable()` for one character, shared by `repr()`
/// and `str.isprintable` so both agree.
pub fn is_printable(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x7f {
        return cp >= 0x20;
    }
    if cp <= 0xa0 || cp == 0xad {
        return false;
    }
    if c.is_whitespace() || is_py_space(c) {
        return false;
    }
    !matches!(cp,
        0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x206f | 0xfeff | 0xfff9..=0xfffb
        | 0xe000..=0xf8ff | 0xf0000..=0x10ffff | 0xfffe | 0xffff | 0x110bd | 0x1bca0..=0x1bca3
        | 0x1d173..=0x1d17a | 0xe0001 | 0xe0020..=0xe007f | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f
        | 0x180e)
}

/// `str.isspace()` for CPython 3.11 (Unicode 14.0): the complete list, generated with python3.
pub fn is_py_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\x1c'..='\x20'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}
