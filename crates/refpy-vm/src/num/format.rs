//! `format(value, spec)` for int and float: CPython 3.11's format-spec mini-language
//! (`[[fill]align][sign][z][#][0][width][grouping][.precision][type]`), plus the helpers
//! `%`-formatting needs.

use super::float::{push_exponent, shortest_digits};
use super::int::Int;
use super::{NumError, NumResult};

/// Widths/precisions above this (256 Mi characters) are refused with `MemoryError`
/// instead of building a gigantic string (CPython would try, and fail for widths around
/// 1e10; a failed allocation aborts a Rust process).
pub const MAX_FORMAT_LEN: usize = 1 << 28;

/// A parsed format specification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatSpec {
    /// Fill character (default space; `0` flag sets `'0'`).
    pub fill: char,
    /// `<`, `>`, `^` or `=`; `None` means the type's default (right for numbers).
    pub align: Option<char>,
    /// `+`, `-` or ` `.
    pub sign: Option<char>,
    /// `z` (3.11, PEP 682): negative zero after rounding is printed without its sign.
    pub no_neg_zero: bool,
    /// `#`.
    pub alternate: bool,
    /// Minimum width in characters.
    pub width: usize,
    /// `,` or `_`.
    pub grouping: Option<char>,
    /// `.precision`.
    pub precision: Option<usize>,
    /// Presentation type, `None` when omitted.
    pub ty: Option<char>,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '^' | '=')
}

/// Parses a decimal run as CPython does (`Too many decimal digits in format string` when
/// it does not fit a `Py_ssize_t`); `None` when there are no digits.
fn parse_count(chars: &[char], pos: &mut usize) -> NumResult<Option<usize>> {
    let start = *pos;
    let mut v: u64 = 0;
    let mut overflow = false;
    while *pos < chars.len() && chars[*pos].is_ascii_digit() {
        let d = u64::from(chars[*pos] as u32 - '0' as u32);
        match v.checked_mul(10).and_then(|x| x.checked_add(d)) {
            Some(x) if x <= i64::MAX as u64 => v = x,
            _ => overflow = true,
        }
        *pos += 1;
    }
    if overflow {
        return Err(NumError::value("Too many decimal digits in format string"));
    }
    if *pos == start {
        return Ok(None);
    }
    Ok(Some(usize::try_from(v).unwrap_or(usize::MAX)))
}

/// Renders a presentation type for an error message (`'x'`, or `'\x1'` for unprintables).
fn code_repr(c: char) -> String {
    if (' '..='~').contains(&c) && c != ' ' {
        c.to_string()
    } else {
        format!("\\x{:x}", c as u32)
    }
}

impl FormatSpec {
    /// Parses `spec` for an object of type `type_name` (used in error messages).
    pub fn parse(spec: &str, type_name: &str) -> NumResult<FormatSpec> {
        let chars: Vec<char> = spec.chars().collect();
        let mut pos = 0;
        let mut fs = FormatSpec {
            fill: ' ',
            align: None,
            sign: None,
            no_neg_zero: false,
            alternate: false,
            width: 0,
            grouping: None,
            precision: None,
            ty: None,
        };
        let mut fill_specified = false;
        if chars.len() >= 2 && is_align(chars[1]) {
            fs.fill = chars[0];
            fs.align = Some(chars[1]);
            fill_specified = true;
            pos = 2;
        } else if !chars.is_empty() && is_align(chars[0]) {
            fs.align = Some(chars[0]);
            pos = 1;
        }
        if pos < chars.len() && matches!(chars[pos], '+' | '-' | ' ') {
            fs.sign = Some(chars[pos]);
            pos += 1;
        }
        if pos < chars.len() && chars[pos] == 'z' {
            fs.no_neg_zero = true;
            pos += 1;
        }
        if pos < chars.len() && chars[pos] == '#' {
            fs.alternate = true;
            pos += 1;
        }
        if !fill_specified && pos < chars.len() && chars[pos] == '0' {
            fs.fill = '0';
            if fs.align.is_none() {
                fs.align = Some('=');
            }
            pos += 1;
        }
        if let Some(w) = parse_count(&chars, &mut pos)? {
            fs.width = w;
        }
        if pos < chars.len() && matches!(chars[pos], ',' | '_') {
            fs.grouping = Some(chars[pos]);
            pos += 1;
            if pos < chars.len() && matches!(chars[pos], ',' | '_') {
                return Err(NumError::value("Cannot specify both ',' and '_'."));
            }
        }
        if pos < chars.len() && chars[pos] == '.' {
            pos += 1;
            match parse_count(&chars, &mut pos)? {
                Some(p) => fs.precision = Some(p),
                None => return Err(NumError::value("Format specifier missing precision")),
            }
        }
        if chars.len() - pos > 1 {
            return Err(NumError::value(format!(
                "Invalid format specifier '{spec}' for object of type '{type_name}'"
            )));
        }
        if pos < chars.len() {
            fs.ty = Some(chars[pos]);
        }
        if let Some(g) = fs.grouping {
            let ok = match fs.ty {
                None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
                Some('b' | 'o' | 'x' | 'X') => g == '_',
                _ => false,
            };
            if !ok {
                return Err(NumError::value(format!(
                    "Cannot specify '{g}' with '{}'.",
                    code_repr(fs.ty.unwrap_or(' '))
                )));
            }
        }
        Ok(fs)
    }
}

/// Inserts `sep` every `group` digits from the right of `digits`; when `min_width > 0`
/// (zero padding with `=`), leading zeros (also grouped) are added until the result is at
/// least `min_width` characters, never starting with a separator.
fn group_digits(digits: &str, sep: char, group: usize, min_width: isize) -> String {
    let d: Vec<char> = digits.chars().collect();
    let mut remaining = d.len() as isize;
    let mut min_width = min_width;
    let g = group as isize;
    let mut parts: Vec<String> = Vec::new();
    loop {
        let l = g.min(remaining.max(min_width).max(1));
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        let end = remaining as usize;
        let start = (remaining - n_chars) as usize;
        let mut part: String = std::iter::repeat_n('0', n_zeros as usize).collect();
        part.extend(&d[start..end]);
        parts.push(part);
        remaining -= n_chars;
        min_width -= g;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    parts.reverse();
    let sep = sep.to_string();
    parts.join(&sep)
}

/// Pieces of a formatted number before padding.
struct Number<'a> {
    negative: bool,
    prefix: &'a str,
    /// Integer-part digits (ASCII); grouping applies to these. Empty for inf/nan/`c`.
    digits: String,
    /// Everything after the integer part: fraction, exponent, `%`, or `inf`/`nan`.
    rest: String,
}

/// Applies sign, grouping, fill and alignment (CPython's `calc_number_widths`/`fill_number`).
fn assemble(spec: &FormatSpec, n: Number<'_>, group: usize) -> NumResult<String> {
    if spec.width > MAX_FORMAT_LEN {
        return Err(NumError::memory());
    }
    let sign = if n.negative {
        "-"
    } else {
        match spec.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    };
    let align = spec.align.unwrap_or('>');
    let non_digit = sign.chars().count() + n.prefix.len() + n.rest.chars().count();
    let digits = match spec.grouping {
        Some(sep) if !n.digits.is_empty() => {
            let min_width =
                if spec.fill == '0' && align == '=' { spec.width as isize - non_digit as isize } else { 0 };
            group_digits(&n.digits, sep, group, min_width)
        }
        _ => n.digits,
    };
    let len = non_digit + digits.chars().count();
    let pad = spec.width.saturating_sub(len);
    let mut out = String::with_capacity(len + pad * spec.fill.len_utf8());
    let fill = |out: &mut String, k: usize| out.extend(std::iter::repeat_n(spec.fill, k));
    match align {
        '<' => {
            out.push_str(sign);
            out.push_str(n.prefix);
            out.push_str(&digits);
            out.push_str(&n.rest);
            fill(&mut out, pad);
        }
        '^' => {
            fill(&mut out, pad / 2);
            out.push_str(sign);
            out.push_str(n.prefix);
            out.push_str(&digits);
            out.push_str(&n.rest);
            fill(&mut out, pad - pad / 2);
        }
        '=' => {
            out.push_str(sign);
            out.push_str(n.prefix);
            fill(&mut out, pad);
            out.push_str(&digits);
            out.push_str(&n.rest);
        }
        _ => {
            fill(&mut out, pad);
            out.push_str(sign);
            out.push_str(n.prefix);
            out.push_str(&digits);
            out.push_str(&n.rest);
        }
    }
    Ok(out)
}

fn unknown_code(c: char, type_name: &str) -> NumError {
    NumError::value(format!("Unknown format code '{}' for object of type '{type_name}'", code_repr(c)))
}

/// `format(v, spec)` for an int.
pub fn format_int(v: &Int, spec: &str) -> NumResult<String> {
    format_int_as(v, spec, "int")
}

/// `format(v, spec)` for an int subclass such as `bool` (`type_name` appears in errors).
/// An empty spec means `str(v)`, which for `bool` the VM must handle itself.
pub fn format_int_as(v: &Int, spec: &str, type_name: &str) -> NumResult<String> {
    let fs = FormatSpec::parse(spec, type_name)?;
    match fs.ty {
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            return format_float_spec(v.to_f64()?, &fs, type_name)
        }
        None | Some('d' | 'n' | 'b' | 'o' | 'x' | 'X' | 'c') => {}
        Some(c) => return Err(unknown_code(c, type_name)),
    }
    if fs.precision.is_some() {
        return Err(NumError::value("Precision not allowed in integer format specifier"));
    }
    if fs.no_neg_zero {
        return Err(NumError::value("Negative zero coercion (z) not allowed in integer format specifier"));
    }
    let negative = v.is_negative();
    let (prefix, digits, rest, group) = match fs.ty {
        Some('c') => {
            if fs.sign.is_some() {
                return Err(NumError::value("Sign not allowed with integer format specifier 'c'"));
            }
            if fs.alternate {
                return Err(NumError::value(
                    "Alternate form (#) not allowed with integer format specifier 'c'",
                ));
            }
            let ch =
                v.to_i64().ok_or_else(|| NumError::overflow("Python int too large to convert to C long"))?;
            let ch = u32::try_from(ch)
                .ok()
                .filter(|&c| c < 0x11_0000)
                .ok_or_else(|| NumError::overflow("%c arg not in range(0x110000)"))?;
            // Lone surrogates cannot live in a Rust str; U+FFFD stands in for them.
            let ch = char::from_u32(ch).unwrap_or('\u{fffd}');
            ("", String::new(), ch.to_string(), 3)
        }
        Some(t @ ('b' | 'o' | 'x' | 'X')) => {
            let (radix, prefix) = match t {
                'b' => (2, "0b"),
                'o' => (8, "0o"),
                'x' => (16, "0x"),
                _ => (16, "0X"),
            };
            let mut s = v.abs().to_str_radix(radix);
            if t == 'X' {
                s.make_ascii_uppercase();
            }
            (if fs.alternate { prefix } else { "" }, s, String::new(), 4)
        }
        _ => {
            let s = v.abs().to_str()?;
            ("", s, String::new(), 3)
        }
    };
    assemble(&fs, Number { negative, prefix, digits, rest }, group)
}

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &str) -> NumResult<String> {
    let fs = FormatSpec::parse(spec, "float")?;
    format_float_spec(x, &fs, "float")
}

/// Exact decimal digits of `x >= 0` rounded (half-even) to `p` significant digits:
/// `(digits, decpt)` with `x ≈ 0.DIGITS * 10**decpt`, `digits.len() == p + 1`.
fn digits_e(x: f64, p: usize) -> (String, i32) {
    // A double has at most 767 significant decimal digits; beyond that, zeros follow.
    let p_eff = p.min(800);
    let s = format!("{:.*e}", p_eff, x);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    digits.extend(std::iter::repeat_n('0', p - p_eff));
    (digits, exp + 1)
}

/// `x >= 0` with exactly `p` digits after the point (round-half-even on the exact value).
fn fixed(x: f64, p: usize) -> String {
    // The exact binary expansion ends within 1074 fractional digits.
    let p_eff = p.min(1100);
    let mut s = format!("{:.*}", p_eff, x);
    s.extend(std::iter::repeat_n('0', p - p_eff));
    s
}

/// Splits `"123.45e+06"`-like text into integer digits and the rest.
fn split_int_part(s: String) -> (String, String) {
    let i = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let rest = s[i..].to_string();
    let mut s = s;
    s.truncate(i);
    (s, rest)
}

/// Lays out `0.DIGITS * 10**decpt` in `g` style. `threshold` is the largest `decpt` that
/// still uses fixed notation; `add_dot_0` appends `.0` to integral fixed output.
fn layout_g(digits: &str, decpt: i32, threshold: i32, alternate: bool, add_dot_0: bool) -> String {
    let mut d = digits.to_string();
    if !alternate {
        let t = d.trim_end_matches('0').len().max(1);
        d.truncate(t);
    }
    let nd = d.len() as i32;
    let mut out = String::new();
    if decpt <= -4 || decpt > threshold {
        out.push_str(&d[..1]);
        if nd > 1 || alternate {
            out.push('.');
            out.push_str(&d[1..]);
        }
        push_exponent(&mut out, decpt - 1);
    } else if decpt <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-decpt) as usize));
        out.push_str(&d);
    } else if decpt >= nd {
        out.push_str(&d);
        out.extend(std::iter::repeat_n('0', (decpt - nd) as usize));
        if add_dot_0 {
            out.push_str(".0");
        } else if alternate {
            out.push('.');
        }
    } else {
        out.push_str(&d[..decpt as usize]);
        out.push('.');
        out.push_str(&d[decpt as usize..]);
    }
    out
}

/// Formats a float for an already-parsed spec (also used for int with float types).
fn format_float_spec(x: f64, fs: &FormatSpec, type_name: &str) -> NumResult<String> {
    let ty = fs.ty;
    match ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {}
        Some(c) => return Err(unknown_code(c, type_name)),
    }
    if let Some(p) = fs.precision {
        if p > i32::MAX as usize {
            return Err(NumError::value("precision too big"));
        }
        if p > MAX_FORMAT_LEN {
            return Err(NumError::memory());
        }
    }
    let upper = matches!(ty, Some('E' | 'F' | 'G'));
    let mut negative = x.is_sign_negative() && !x.is_nan();
    let ax = x.abs();
    let body = if !x.is_finite() {
        let mut s = String::from(if x.is_nan() { "nan" } else { "inf" });
        if upper {
            s.make_ascii_uppercase();
        }
        if ty == Some('%') {
            s.push('%');
        }
        s
    } else {
        match ty {
            Some('e' | 'E') => {
                let p = fs.precision.unwrap_or(6);
                let (d, decpt) = digits_e(ax, p);
                let mut s = d[..1].to_string();
                if p > 0 || fs.alternate {
                    s.push('.');
                    s.push_str(&d[1..]);
                }
                push_exponent(&mut s, if ax == 0.0 { 0 } else { decpt - 1 });
                s
            }
            Some('f' | 'F') => {
                let p = fs.precision.unwrap_or(6);
                let mut s = fixed(ax, p);
                if p == 0 && fs.alternate {
                    s.push('.');
                }
                s
            }
            Some('%') => {
                let p = fs.precision.unwrap_or(6);
                let mut s = fixed(ax * 100.0, p);
                if p == 0 && fs.alternate {
                    s.push('.');
                }
                s.push('%');
                s
            }
            Some('g' | 'G' | 'n') => {
                let p = fs.precision.unwrap_or(6).max(1);
                let (d, decpt) = digits_e(ax, p - 1);
                let decpt = if ax == 0.0 { 1 } else { decpt };
                layout_g(&d, decpt, p as i32, fs.alternate, false)
            }
            _ => match fs.precision {
                Some(p) => {
                    let p = p.max(1);
                    let (d, decpt) = digits_e(ax, p - 1);
                    let decpt = if ax == 0.0 { 1 } else { decpt };
                    layout_g(&d, decpt, p as i32 - 1, fs.alternate, true)
                }
                None => {
                    if ax == 0.0 {
                        "0.0".to_string()
                    } else {
                        let (d, decpt) = shortest_digits(ax);
                        layout_g(&d, decpt, 16, fs.alternate, true)
                    }
                }
            },
        }
    };
    let mut body = body;
    if upper {
        body.make_ascii_uppercase();
    }
    if negative && fs.no_neg_zero && x.is_finite() && !body.bytes().any(|c| (b'1'..=b'9').contains(&c)) {
        negative = false;
    }
    let (digits, rest) = if x.is_finite() { split_int_part(body) } else { (String::new(), body) };
    assemble(fs, Number { negative, prefix: "", digits, rest }, 3)
}

/// Flags of one `%`-conversion (`%-+ #0`), its width and precision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PercentSpec {
    /// `-`: left-justify.
    pub left: bool,
    /// `+`: always a sign.
    pub plus: bool,
    /// ` `: a space for non-negative numbers.
    pub space: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// `0`: zero padding (ignored with `-`).
    pub zero: bool,
    /// Minimum width.
    pub width: usize,
    /// Precision (for ints: minimum number of digits).
    pub precision: Option<usize>,
}

/// Pads a `%`-formatted number: `sign`+`prefix` stay in front of zero padding.
fn percent_pad(ps: &PercentSpec, negative: bool, prefix: &str, body: &str) -> String {
    let sign = if negative {
        "-"
    } else if ps.plus {
        "+"
    } else if ps.space {
        " "
    } else {
        ""
    };
    let len = sign.len() + prefix.len() + body.chars().count();
    let pad = ps.width.saturating_sub(len);
    let mut out = String::with_capacity(len + pad);
    if ps.left {
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(body);
        out.extend(std::iter::repeat_n(' ', pad));
    } else if ps.zero {
        out.push_str(sign);
        out.push_str(prefix);
        out.extend(std::iter::repeat_n('0', pad));
        out.push_str(body);
    } else {
        out.extend(std::iter::repeat_n(' ', pad));
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(body);
    }
    out
}

/// `'%<flags><width>.<prec><conv>' % v` for an int and `conv` in `d i u x X o`
/// (`c`, and float conversions of ints, are left to the caller).
pub fn percent_int(v: &Int, ps: &PercentSpec, conv: char) -> NumResult<String> {
    if ps.width > MAX_FORMAT_LEN || ps.precision.is_some_and(|p| p > MAX_FORMAT_LEN) {
        return Err(NumError::memory());
    }
    let a = v.abs();
    let (mut digits, prefix) = match conv {
        'x' => (a.to_str_radix(16), "0x"),
        'X' => (a.to_str_radix(16).to_ascii_uppercase(), "0X"),
        'o' => (a.to_str_radix(8), "0o"),
        _ => (a.to_str()?, ""),
    };
    if let Some(p) = ps.precision {
        if digits.len() < p {
            digits = "0".repeat(p - digits.len()) + &digits;
        }
    }
    let prefix = if ps.alternate { prefix } else { "" };
    Ok(percent_pad(ps, v.is_negative(), prefix, &digits))
}

/// `'%<flags><width>.<prec><conv>' % x` for a float and `conv` in `e E f F g G`
/// (`r`/`s` are `repr(x)`; `%` of an int with these conversions converts it first).
pub fn percent_float(x: f64, ps: &PercentSpec, conv: char) -> NumResult<String> {
    if ps.width > MAX_FORMAT_LEN || ps.precision.is_some_and(|p| p > MAX_FORMAT_LEN) {
        return Err(NumError::memory());
    }
    let fs = FormatSpec {
        fill: ' ',
        align: None,
        sign: None,
        no_neg_zero: false,
        alternate: ps.alternate,
        width: 0,
        grouping: None,
        precision: Some(ps.precision.unwrap_or(6)),
        ty: Some(conv),
    };
    let body = format_float_spec(x.abs(), &fs, "float")?;
    let negative = x.is_sign_negative() && !x.is_nan();
    Ok(percent_pad(ps, negative, "", &body))
}

#[cfg(test)]
#[path = "tests_format.rs"]
mod tests;
