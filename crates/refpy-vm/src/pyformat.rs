//! String formatting: `str.format` (PEP 3101 replacement fields) and the
//! `%` operator on strings (printf-style), with CPython 3.11's errors.
//! Values are formatted by `Vm::format` (the `__format__` of the built-in
//! types) and the numeric primitives of `crate::num::format`.

use refpy_heap::ObjRef;

use crate::args::split_kw;
use crate::errors::{ExcType, PyResult};
use crate::num::format::{percent_float, percent_int, PercentSpec};
use crate::objects::float::as_float;
use crate::objects::str::as_str;
use crate::objects::tuple::as_tuple;
use crate::ops::int_of;
use crate::types::Kind;
use crate::Vm;

/// `ascii(obj)`'s escaping of a `repr`: non-ASCII code points become
/// `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c as u32 {
            0..=0x7f => out.push(c),
            u @ 0x80..=0xff => out.push_str(&format!("\\x{u:02x}")),
            u @ 0x100..=0xffff => out.push_str(&format!("\\u{u:04x}")),
            u => out.push_str(&format!("\\U{u:08x}")),
        }
    }
    out
}

/// Where the fields of one format call take their values.
enum FieldSource<'a> {
    /// `str.format(*args, **kwargs)`.
    Args { pos: &'a [ObjRef], kw: Vec<(&'a str, &'a ObjRef)> },
    /// `str.format_map(mapping)`: no positional arguments, and a name is
    /// looked up as `mapping[name]` (so `__missing__` applies).
    Mapping(&'a ObjRef),
}

/// The arguments of one `str.format` call and its field-numbering state.
struct FormatArgs<'a> {
    source: FieldSource<'a>,
    /// `Some(next)` while fields are numbered automatically, `None` once a
    /// field gave an explicit index or name.
    auto: Option<Option<usize>>,
}

/// `str.format(*args, **kwargs)`.
pub(crate) fn str_format_method(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    let fmt = crate::methods::self_arg(vm, args, "str", "format", as_str)?;
    let (pos, kw) = split_kw(args, kwnames);
    let mut fa = FormatArgs { source: FieldSource::Args { pos: &pos[1..], kw }, auto: None };
    let out = format_string(vm, fmt, &mut fa, 2)?;
    vm.new_str(&out)
}

/// The text of `fmt.format_map(mapping)`: `str.format`'s expansion with
/// names looked up in `mapping`.
pub(crate) fn format_map(vm: &mut Vm, fmt: &str, mapping: &ObjRef) -> PyResult<String> {
    let mut fa = FormatArgs { source: FieldSource::Mapping(mapping), auto: None };
    format_string(vm, fmt, &mut fa, 2)
}

/// Expands the replacement fields of `fmt`; `depth` limits nesting in
/// format specs ("Max string recursion exceeded").
fn format_string(vm: &mut Vm, fmt: &str, fa: &mut FormatArgs, depth: u32) -> PyResult<String> {
    if depth == 0 {
        return Err(vm.new_error(ExcType::ValueError, "Max string recursion exceeded"));
    }
    let mut out = String::with_capacity(fmt.len());
    let mut chars = fmt.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if chars.peek().is_some_and(|&(_, n)| n == '{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek().is_some_and(|&(_, n)| n == '}') => {
                chars.next();
                out.push('}');
            }
            '}' => return Err(vm.new_error(ExcType::ValueError, "Single '}' encountered in format string")),
            '{' if chars.peek().is_none() => {
                return Err(vm.new_error(ExcType::ValueError, "Single '{' encountered in format string"))
            }
            '{' => {
                let end = field_end(vm, fmt, i + 1)?;
                while chars.peek().is_some_and(|&(j, _)| j <= end) {
                    chars.next();
                }
                let text = replacement_field(vm, &fmt[i + 1..end], fa, depth)?;
                out.push_str(&text);
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

/// Byte index of the `}` closing the field that starts at `start`
/// (nested braces in the spec are balanced).
fn field_end(vm: &mut Vm, fmt: &str, start: usize) -> PyResult<usize> {
    let mut level = 1;
    for (j, c) in fmt[start..].char_indices() {
        match c {
            '{' => level += 1,
            '}' => {
                level -= 1;
                if level == 0 {
                    return Ok(start + j);
                }
            }
            _ => {}
        }
    }
    let msg = if level > 1 { "unmatched '{' in format spec" } else { "expected '}' before end of string" };
    Err(vm.new_error(ExcType::ValueError, msg))
}

/// Formats one field: `name[!conv][:spec]`.
fn replacement_field(vm: &mut Vm, field: &str, fa: &mut FormatArgs, depth: u32) -> PyResult<String> {
    let name_end = field.find(['!', ':']).unwrap_or(field.len());
    let (name, rest) = field.split_at(name_end);
    let (conv, spec) = match rest.strip_prefix('!') {
        Some(r) => {
            let mut cs = r.chars();
            let c = cs.next();
            let after = cs.as_str();
            if c.is_none() || c == Some(':') {
                return Err(vm.new_error(ExcType::ValueError, "unmatched '{' in format spec"));
            }
            if !after.is_empty() && !after.starts_with(':') {
                return Err(vm.new_error(ExcType::ValueError, "expected ':' after conversion specifier"));
            }
            (c, after.strip_prefix(':').unwrap_or(""))
        }
        None => (None, rest.strip_prefix(':').unwrap_or("")),
    };
    let value = field_value(vm, name, fa)?;
    let value = match conv {
        None => value,
        Some('r') => vm.repr(&value)?,
        Some('s') => vm.to_str(&value)?,
        Some('a') => {
            let r = vm.repr_string(&value)?;
            vm.new_str(&ascii_escape(&r))?
        }
        Some(c) => return Err(vm.new_error(ExcType::ValueError, format!("Unknown conversion specifier {c}"))),
    };
    let spec = if spec.contains('{') { format_string(vm, spec, fa, depth - 1)? } else { spec.to_string() };
    let r = vm.format(&value, &spec)?;
    Ok(as_str(&r).unwrap_or("").to_string())
}

/// The object a field name refers to: an argument by position (explicit or
/// automatic) or keyword, then `.attr` and `[key]` lookups.
fn field_value(vm: &mut Vm, name: &str, fa: &mut FormatArgs) -> PyResult {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, mut rest) = name.split_at(first_end);
    let mut obj = arg_value(vm, first, fa)?;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let attr = vm.new_str(&r[..end])?;
            obj = vm.get_attr(&obj, &attr)?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let Some(end) = r.find(']') else {
                return Err(vm.new_error(ExcType::ValueError, "Missing ']' in format string"));
            };
            let k = &r[..end];
            let key = match k.parse::<i64>() {
                Ok(i) if k.bytes().all(|b| b.is_ascii_digit()) => vm.new_int(i)?,
                _ => vm.new_str(k)?,
            };
            obj = vm.get_item(&obj, &key)?;
            rest = &r[end + 1..];
        } else {
            return Err(
                vm.new_error(ExcType::ValueError, "Only '.' or '[' may follow ']' in format field specifier")
            );
        }
    }
    Ok(obj)
}

/// The argument named by the first part of a field name.
fn arg_value(vm: &mut Vm, first: &str, fa: &mut FormatArgs) -> PyResult {
    let index = if first.is_empty() {
        let next = match fa.auto {
            Some(None) => {
                return Err(vm.new_error(
                    ExcType::ValueError,
                    "cannot switch from manual field specification to automatic field numbering",
                ))
            }
            Some(Some(n)) => n,
            None => 0,
        };
        fa.auto = Some(Some(next + 1));
        Some(next)
    } else if first.bytes().all(|b| b.is_ascii_digit()) {
        if matches!(fa.auto, Some(Some(_))) {
            return Err(vm.new_error(
                ExcType::ValueError,
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        fa.auto = Some(None);
        Some(first.parse::<usize>().unwrap_or(usize::MAX))
    } else {
        None
    };
    let (pos, kw) = match &fa.source {
        FieldSource::Args { pos, kw } => (*pos, kw),
        FieldSource::Mapping(mapping) => {
            if index.is_some() {
                return Err(vm.new_error(ExcType::ValueError, "Format string contains positional fields"));
            }
            let key = vm.new_str(first)?;
            return vm.get_item(mapping, &key);
        }
    };
    match index {
        Some(i) => match pos.get(i) {
            Some(v) => Ok(v.clone()),
            None => Err(vm.new_error(
                ExcType::IndexError,
                format!("Replacement index {i} out of range for positional args tuple"),
            )),
        },
        None => match kw.iter().find(|(k, _)| *k == first) {
            Some((_, v)) => Ok((*v).clone()),
            None => {
                let key = vm.new_str(first)?;
                Err(vm.key_error(&key))
            }
        },
    }
}

/// The values consumed by a `%` format: a tuple's items, one other value,
/// or a mapping for `%(name)s`.
struct PercentArgs {
    items: Vec<ObjRef>,
    next: usize,
    mapping: Option<ObjRef>,
}

impl PercentArgs {
    fn take(&mut self, vm: &mut Vm) -> PyResult {
        match self.items.get(self.next) {
            Some(v) => {
                self.next += 1;
                Ok(v.clone())
            }
            None => Err(vm.new_error(ExcType::TypeError, "not enough arguments for format string")),
        }
    }
}

/// `fmt % args` for a str `fmt` (`PyUnicode_Format`).
pub fn str_percent(vm: &mut Vm, fmt: &str, args: &ObjRef) -> PyResult {
    let is_tuple = as_tuple(args).is_some();
    let mapping = (!is_tuple && matches!(vm.kind(args), Kind::Dict | Kind::List)).then(|| args.clone());
    let items = match as_tuple(args) {
        Some(t) => t.to_vec(),
        None => vec![args.clone()],
    };
    let mut pa = PercentArgs { items, next: 0, mapping };
    let mut out = String::with_capacity(fmt.len());
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i = percent_one(vm, &chars, i + 1, &mut pa, &mut out)?;
    }
    if pa.next < pa.items.len() && pa.mapping.is_none() {
        return Err(vm.new_error(ExcType::TypeError, "not all arguments converted during string formatting"));
    }
    vm.new_str(&out)
}

/// Parses and applies one conversion starting after its `%`; returns the
/// index after it.
fn percent_one(
    vm: &mut Vm,
    chars: &[char],
    mut i: usize,
    pa: &mut PercentArgs,
    out: &mut String,
) -> PyResult<usize> {
    let incomplete = |vm: &mut Vm| vm.new_error(ExcType::ValueError, "incomplete format");
    let mut keyed = None;
    if chars.get(i) == Some(&'(') {
        let Some(close) = chars[i..].iter().position(|&c| c == ')') else {
            return Err(vm.new_error(ExcType::ValueError, "incomplete format key"));
        };
        let key: String = chars[i + 1..i + close].iter().collect();
        let Some(m) = pa.mapping.clone() else {
            return Err(vm.new_error(ExcType::TypeError, "format requires a mapping"));
        };
        let k = vm.new_str(&key)?;
        keyed = Some(vm.get_item(&m, &k)?);
        i += close + 1;
    }
    let mut ps = PercentSpec::default();
    while let Some(&c) = chars.get(i) {
        match c {
            '-' => ps.left = true,
            '+' => ps.plus = true,
            ' ' => ps.space = true,
            '#' => ps.alternate = true,
            '0' => ps.zero = true,
            _ => break,
        }
        i += 1;
    }
    let (w, ni) = percent_number(vm, chars, i, pa)?;
    i = ni;
    if let Some(w) = w {
        if w < 0 {
            ps.left = true;
        }
        ps.width = w.unsigned_abs() as usize;
    }
    if chars.get(i) == Some(&'.') {
        let (p, ni) = percent_number(vm, chars, i + 1, pa)?;
        i = ni;
        ps.precision = Some(p.unwrap_or(0).max(0) as usize);
    }
    while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
        i += 1;
    }
    let Some(&conv) = chars.get(i) else { return Err(incomplete(vm)) };
    if conv == '%' {
        out.push('%');
        return Ok(i + 1);
    }
    let value = match keyed {
        Some(v) => v,
        None => pa.take(vm)?,
    };
    let text = percent_convert(vm, &value, &ps, conv, i)?;
    out.push_str(&text);
    Ok(i + 1)
}

/// A width or precision: digits, or `*` taking an int argument.
fn percent_number(
    vm: &mut Vm,
    chars: &[char],
    mut i: usize,
    pa: &mut PercentArgs,
) -> PyResult<(Option<i64>, usize)> {
    if chars.get(i) == Some(&'*') {
        let v = pa.take(vm)?;
        let Some(n) = crate::objects::int::as_i64(&v) else {
            return Err(vm.new_error(ExcType::TypeError, "* wants int"));
        };
        return Ok((Some(n), i + 1));
    }
    let start = i;
    while chars.get(i).is_some_and(char::is_ascii_digit) {
        i += 1;
    }
    if i == start {
        return Ok((None, i));
    }
    let digits: String = chars[start..i].iter().collect();
    Ok((Some(digits.parse().unwrap_or(i64::MAX)), i))
}

/// Formats one value for conversion `conv` (at character index `at`).
fn percent_convert(vm: &mut Vm, v: &ObjRef, ps: &PercentSpec, conv: char, at: usize) -> PyResult<String> {
    let body = match conv {
        's' | 'r' | 'a' => {
            let s = match conv {
                's' => vm.str_string(v)?,
                'r' => vm.repr_string(v)?,
                _ => ascii_escape(&vm.repr_string(v)?),
            };
            let s: String = match ps.precision {
                Some(p) => s.chars().take(p).collect(),
                None => s,
            };
            return Ok(pad_text(&s, ps));
        }
        'c' => return percent_char(vm, v, ps),
        'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
            let i = match (int_of(v), as_float(v)) {
                (Some(i), _) => i,
                (None, Some(f)) if matches!(conv, 'd' | 'i' | 'u') => {
                    crate::num::Int::from_f64(f.trunc()).map_err(|e| vm.num_error(e))?
                }
                _ => {
                    let t = vm.type_name(v);
                    let what = if matches!(conv, 'd' | 'i' | 'u') { "a real number" } else { "an integer" };
                    let c = if conv == 'i' || conv == 'u' { 'd' } else { conv };
                    let msg = format!("%{c} format: {what} is required, not {t}");
                    return Err(vm.new_error(ExcType::TypeError, msg));
                }
            };
            let c = if matches!(conv, 'i' | 'u') { 'd' } else { conv };
            percent_int(&i, ps, c)
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let f = match (as_float(v), int_of(v)) {
                (Some(f), _) => f,
                (None, Some(i)) => i.to_f64().map_err(|e| vm.num_error(e))?,
                _ => {
                    let t = vm.type_name(v);
                    return Err(vm.new_error(ExcType::TypeError, format!("must be real number, not {t}")));
                }
            };
            percent_float(f, ps, conv)
        }
        other => {
            let msg = format!("unsupported format character '{other}' ({:#x}) at index {at}", other as u32);
            return Err(vm.new_error(ExcType::ValueError, msg));
        }
    };
    body.map_err(|e| vm.num_error(e))
}

/// `%c`: an int code point or a one-character string.
fn percent_char(vm: &mut Vm, v: &ObjRef, ps: &PercentSpec) -> PyResult<String> {
    let c = if let Some(s) = as_str(v).filter(|s| s.chars().count() == 1) {
        s.chars().next()
    } else if let Some(i) = int_of(v) {
        match i.to_i64().and_then(|n| u32::try_from(n).ok()).and_then(char::from_u32) {
            Some(c) => Some(c),
            None => return Err(vm.new_error(ExcType::OverflowError, "%c arg not in range(0x110000)")),
        }
    } else {
        None
    };
    match c {
        Some(c) => Ok(pad_text(&c.to_string(), ps)),
        None => Err(vm.new_error(ExcType::TypeError, "%c requires int or char")),
    }
}

/// Pads text to the width of a `%` spec (`-` left-justifies).
fn pad_text(s: &str, ps: &PercentSpec) -> String {
    let n = s.chars().count();
    let pad = " ".repeat(ps.width.saturating_sub(n));
    if ps.left {
        format!("{s}{pad}")
    } else {
        format!("{pad}{s}")
    }
}

/// `format(value, format_spec='')`.
pub(crate) fn builtin_format(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    crate::call::no_kwargs(vm, "format", kwnames)?;
    crate::call::arg_count(vm, "format", args, 1, 2)?;
    let spec = match args.get(1) {
        None => "",
        Some(s) => match as_str(s) {
            Some(t) => t,
            None => {
                let t = vm.type_name(s);
                return Err(
                    vm.new_error(ExcType::TypeError, format!("format() argument 2 must be str, not {t}"))
                );
            }
        },
    };
    vm.format(&args[0], spec)
}

/// `ascii(obj)`.
pub(crate) fn builtin_ascii(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    crate::call::no_kwargs(vm, "ascii", kwnames)?;
    crate::call::arg_count(vm, "ascii", args, 1, 1)?;
    let r = vm.repr_string(&args[0])?;
    vm.new_str(&ascii_escape(&r))
}
