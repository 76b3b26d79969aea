//! Methods of `str`. Indices in arguments and results count code points;
//! the text is UTF-8, so they are converted to byte offsets at the edges.
//! A method that leaves the text unchanged returns `self`, as CPython does
//! for exact strings.

use refpy_heap::ObjRef;

use super::{self_arg, Method};
use crate::args::{arg_count_tuple, bind, index_arg, no_args, start_end};
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::dict::as_dict;
use crate::objects::int::{as_i64, is_int};
use crate::objects::str::as_str;
use crate::objects::tuple::as_tuple;
use crate::Vm;

pub(super) const METHODS: &[Method] = &[
    ("join", str_join),
    ("split", str_split),
    ("rsplit", str_rsplit),
    ("splitlines", str_splitlines),
    ("strip", str_strip),
    ("lstrip", str_lstrip),
    ("rstrip", str_rstrip),
    ("replace", str_replace),
    ("startswith", str_startswith),
    ("endswith", str_endswith),
    ("find", str_find),
    ("rfind", str_rfind),
    ("index", str_index),
    ("rindex", str_rindex),
    ("count", str_count),
    ("partition", str_partition),
    ("rpartition", str_rpartition),
    ("removeprefix", str_removeprefix),
    ("removesuffix", str_removesuffix),
    ("upper", str_upper),
    ("lower", str_lower),
    ("capitalize", str_capitalize),
    ("title", str_title),
    ("swapcase", str_swapcase),
    ("casefold", str_casefold),
    ("center", str_center),
    ("ljust", str_ljust),
    ("rjust", str_rjust),
    ("zfill", str_zfill),
    ("expandtabs", str_expandtabs),
    ("isdigit", str_isdigit),
    ("isdecimal", str_isdecimal),
    ("isnumeric", str_isnumeric),
    ("isalpha", str_isalpha),
    ("isalnum", str_isalnum),
    ("isspace", str_isspace),
    ("isupper", str_isupper),
    ("islower", str_islower),
    ("isascii", str_isascii),
    ("isidentifier", str_isidentifier),
    ("isprintable", str_isprintable),
    ("istitle", str_istitle),
    ("format", crate::pyformat::str_format_method),
    ("format_map", str_format_map),
    ("encode", str_encode),
    ("maketrans", str_maketrans),
    ("translate", str_translate),
];

/// `str.maketrans`, a static method: looked up on the type it is bound
/// to the type, which it ignores (as it ignores the string it is called on).
pub(super) const CLASS_METHODS: &[Method] = &[("maketrans", str_maketrans)];

fn text_of<'a>(vm: &mut Vm, args: &'a [ObjRef], name: &str) -> PyResult<&'a str> {
    self_arg(vm, args, "str", name, as_str)
}

/// Python's `str.isspace` for one character (Unicode White_Space plus the
/// information separators U+001C..U+001F).
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Byte offset of code point `ci` in `s` (`s.len()` past the end).
fn byte_at(s: &str, ci: usize) -> usize {
    if s.is_ascii() {
        return ci.min(s.len());
    }
    s.char_indices().nth(ci).map_or(s.len(), |(b, _)| b)
}

/// Number of code points in `s`.
fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// `s`, a slice of `whole`'s text, as a str object: `whole` itself when
/// the slice is all of it.
fn str_obj(vm: &mut Vm, whole: &ObjRef, s: &str) -> PyResult {
    if as_str(whole).is_some_and(|w| w.len() == s.len()) {
        return Ok(whole.clone());
    }
    vm.new_str(s)
}

/// A list of str objects.
fn str_list(vm: &mut Vm, whole: &ObjRef, parts: &[&str]) -> PyResult {
    let mut items = Vec::with_capacity(parts.len());
    for p in parts {
        items.push(str_obj(vm, whole, p)?);
    }
    vm.new_list(items)
}

/// A required `str` argument: `must be str, not int`. With a `prefix`
/// (Argument Clinic's `replace() argument 1 `), `None` is named `None`
/// rather than `NoneType`, as `_PyArg_BadArgument` does.
fn str_arg<'a>(vm: &mut Vm, v: &'a ObjRef, prefix: &str) -> PyResult<&'a str> {
    match as_str(v) {
        Some(s) => Ok(s),
        None => {
            let t = if !prefix.is_empty() && v.is(&vm.none) { "None".to_string() } else { vm.type_name(v) };
            Err(vm.new_error(ExcType::TypeError, format!("{prefix}must be str, not {t}")))
        }
    }
}

/// `s.encode(encoding='utf-8', errors='strict')`.
fn str_encode(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = text_of(vm, args, "encode")?;
    let (encoding, errors) = super::codecs::encoding_args(vm, "encode", args, kw)?;
    let data = super::codecs::encode(vm, s, &encoding, &errors)?;
    vm.new_bytes(&data)
}

fn str_join(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let sep = text_of(vm, args, "join")?;
    no_kwargs(vm, "str.join", kw)?;
    arg_count(vm, "str.join", &args[1..], 1, 1)?;
    if vm.get_iter(&args[1]).is_err() {
        return Err(vm.new_error(ExcType::TypeError, "can only join an iterable"));
    }
    let items = vm.sequence_items(&args[1])?;
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        let Some(s) = as_str(item) else {
            let t = vm.type_name(item);
            return Err(vm.new_error(
                ExcType::TypeError,
                format!("sequence item {i}: expected str instance, {t} found"),
            ));
        };
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(s);
    }
    if items.len() == 1 && vm.kind(&items[0]) == crate::types::Kind::Str {
        return Ok(items[0].clone());
    }
    vm.new_str(&out)
}

/// The `sep` and `maxsplit` arguments of `split`/`rsplit`.
fn split_args(
    vm: &mut Vm,
    name: &str,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
) -> PyResult<(Option<String>, usize)> {
    let npos = args.len() - 1 - kw.map_or(0, <[ObjRef]>::len);
    arg_count_tuple(vm, name, npos, 0, 2)?;
    let a = bind(vm, name, &args[1..], kw, &["sep", "maxsplit"])?;
    let sep = match &a[0] {
        Some(s) if !s.is(&vm.none) => match as_str(s) {
            Some("") => return Err(vm.new_error(ExcType::ValueError, "empty separator")),
            Some(t) => Some(t.to_string()),
            None => {
                let t = vm.type_name(s);
                return Err(vm.new_error(ExcType::TypeError, format!("must be str or None, not {t}")));
            }
        },
        _ => None,
    };
    let max = match &a[1] {
        Some(m) => index_arg(vm, m)?,
        None => -1,
    };
    Ok((sep, if max < 0 { usize::MAX } else { max as usize }))
}

/// `s.split()` with no separator: runs of whitespace separate, and after
/// `max` splits the rest is kept as it is.
fn split_whitespace(s: &str, mut max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(is_space);
    while !rest.is_empty() {
        if max == 0 {
            out.push(rest);
            break;
        }
        let end = rest.find(is_space).unwrap_or(rest.len());
        out.push(&rest[..end]);
        rest = rest[end..].trim_start_matches(is_space);
        max -= 1;
    }
    out
}

/// `s.rsplit()` with no separator, from the right.
fn rsplit_whitespace(s: &str, mut max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_end_matches(is_space);
    while !rest.is_empty() {
        if max == 0 {
            out.push(rest);
            break;
        }
        let start =
            rest.char_indices().rev().find(|(_, c)| is_space(*c)).map_or(0, |(b, c)| b + c.len_utf8());
        out.push(&rest[start..]);
        rest = rest[..start].trim_end_matches(is_space);
        max -= 1;
    }
    out.reverse();
    out
}

fn str_split(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = text_of(vm, args, "split")?;
    let (sep, max) = split_args(vm, "split", args, kw)?;
    let parts: Vec<&str> = match &sep {
        None => split_whitespace(s, max),
        Some(sep) => s.splitn(max.saturating_add(1), sep.as_str()).collect(),
    };
    str_list(vm, &args[0], &parts)
}

fn str_rsplit(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = text_of(vm, args, "rsplit")?;
    let (sep, max) = split_args(vm, "rsplit", args, kw)?;
    let parts: Vec<&str> = match &sep {
        None => rsplit_whitespace(s, max),
        Some(sep) => {
            let mut v: Vec<&str> = s.rsplitn(max.saturating_add(1), sep.as_str()).collect();
            v.reverse();
            v
        }
    };
    str_list(vm, &args[0], &parts)
}

/// Python's line boundaries for `splitlines` (`\r\n` counts as one).
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn str_splitlines(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = text_of(vm, args, "splitlines")?;
    let npos = args.len() - 1 - kw.map_or(0, <[ObjRef]>::len);
    arg_count_tuple(vm, "splitlines", npos, 0, 1)?;
    let a = bind(vm, "splitlines", &args[1..], kw, &["keepends"])?;
    let keep = match &a[0] {
        Some(k) => vm.is_true(k)?,
        None => false,
    };
    let mut parts = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((b, c)) = it.next() {
        if !is_line_break(c) {
            continue;
        }
        let mut end = b + c.len_utf8();
        if c == '\r' && it.peek().is_some_and(|&(_, n)| n == '\n') {
            it.next();
            end += 1;
        }
        parts.push(if keep { &s[start..end] } else { &s[start..b] });
        start = end;
    }
    if start < s.len() {
        parts.push(&s[start..]);
    }
    str_list(vm, &args[0], &parts)
}

/// `strip`, `lstrip`, `rstrip`: whitespace, or the characters of `chars`.
fn strip(
    vm: &mut Vm,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
    name: &str,
    left: bool,
    right: bool,
) -> PyResult {
    let s = text_of(vm, args, name)?;
    no_kwargs(vm, name, kw)?;
    arg_count(vm, name, &args[1..], 0, 1)?;
    let chars = match args.get(1).filter(|c| !c.is(&vm.none)) {
        None => None,
        Some(c) => match as_str(c) {
            Some(t) => Some(t),
            None => return Err(vm.new_error(ExcType::TypeError, format!("{name} arg must be None or str"))),
        },
    };
    let pat = |c: char| chars.map_or_else(|| is_space(c), |set| set.contains(c));
    let mut r = s;
    if left {
        r = r.trim_start_matches(pat);
    }
    if right {
        r = r.trim_end_matches(pat);
    }
    str_obj(vm, &args[0], r)
}

fn str_strip(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    strip(vm, args, kw, "strip", true, true)
}

fn str_lstrip(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    strip(vm, args, kw, "lstrip", true, false)
}

fn str_rstrip(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    strip(vm, args, kw, "rstrip", false, true)
}

fn str_replace(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = text_of(vm, args, "replace")?;
    no_kwargs(vm, "replace", kw)?;
    arg_count(vm, "replace", &args[1..], 2, 3)?;
    let old = str_arg(vm, &args[1], "replace() argument 1 ")?;
    let new = str_arg(vm, &args[2], "replace() argument 2 ")?;
    let count = match args.get(3) {
        Some(c) => index_arg(vm, c)?,
        None => -1,
    };
    if count == 0 || (!old.is_empty() && !s.contains(old)) {
        return Ok(args[0].clone());
    }
    let r = if count < 0 { s.replace(old, new) } else { s.replacen(old, new, count as usize) };
    vm.new_str(&r)
}

/// The searched range of `find`, `count`, `startswith`, …: the text,
/// the byte range selected by `start`/`end`, and the code-point offset of
/// its start; `None` when `start` lies beyond `end`.
struct Span<'a> {
    text: &'a str,
    lo_chars: usize,
}

fn span<'a>(
    vm: &mut Vm,
    s: &'a str,
    start: Option<&ObjRef>,
    end: Option<&ObjRef>,
) -> PyResult<Option<Span<'a>>> {
    let n = char_count(s);
    let (a, b) = start_end(vm, start, end, n)?;
    if a > b {
        return Ok(None);
    }
    let (lo, hi) = (byte_at(s, a), byte_at(s, b));
    Ok(Some(Span { text: &s[lo..hi], lo_chars: a }))
}

/// Parses `(sub[, start[, end]])` for the find family.
fn search<'a>(
    vm: &mut Vm,
    args: &'a [ObjRef],
    kw: Option<&[ObjRef]>,
    name: &str,
) -> PyResult<(Option<Span<'a>>, &'a str)> {
    let s = text_of(vm, args, name)?;
    no_kwargs(vm, name, kw)?;
    arg_count_tuple(vm, name, args.len() - 1, 1, 3)?;
    let sub = str_arg(vm, &args[1], "")?;
    Ok((span(vm, s, args.get(2), args.get(3))?, sub))
}

/// Code-point index of `sub` in the span (from the right when `rev`).
fn find_in(sp: &Span, sub: &str, rev: bool) -> Option<usize> {
    let b = if rev { sp.text.rfind(sub) } else { sp.text.find(sub) }?;
    Some(sp.lo_chars + char_count(&sp.text[..b]))
}

fn find_common(
    vm: &mut Vm,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
    name: &str,
    rev: bool,
    raise: bool,
) -> PyResult {
    let (sp, sub) = search(vm, args, kw, name)?;
    match sp.and_then(|sp| find_in(&sp, sub, rev)) {
        Some(i) => vm.new_int(i as i64),
        None if raise => Err(vm.new_error(ExcType::ValueError, "substring not found")),
        None => vm.new_int(-1),
    }
}

fn str_find(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    find_common(vm, args, kw, "find", false, false)
}

fn str_rfind(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    find_common(vm, args, kw, "rfind", true, false)
}

fn str_index(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    find_common(vm, args, kw, "index", false, true)
}

fn str_rindex(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    find_common(vm, args, kw, "rindex", true, true)
}

fn str_count(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (sp, sub) = search(vm, args, kw, "count")?;
    let n = match sp {
        None => 0,
        Some(sp) if sub.is_empty() => char_count(sp.text) + 1,
        Some(sp) => sp.text.matches(sub).count(),
    };
    vm.new_int(n as i64)
}

/// `startswith`/`endswith` with a str or a tuple of str.
fn affix(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, name: &str, end: bool) -> PyResult {
    let s = text_of(vm, args, name)?;
    no_kwargs(vm, name, kw)?;
    arg_count_tuple(vm, name, args.len() - 1, 1, 3)?;
    let Some(sp) = span(vm, s, args.get(2), args.get(3))? else { return Ok(vm.false_.clone()) };
    let test = |p: &str| if end { sp.text.ends_with(p) } else { sp.text.starts_with(p) };
    if let Some(p) = as_str(&args[1]) {
        return Ok(vm.new_bool(test(p)));
    }
    let Some(items) = as_tuple(&args[1]) else {
        let t = vm.type_name(&args[1]);
        return Err(vm.new_error(
            ExcType::TypeError,
            format!("{name} first arg must be str or a tuple of str, not {t}"),
        ));
    };
    for item in items {
        match as_str(item) {
            Some(p) if test(p) => return Ok(vm.true_.clone()),
            Some(_) => {}
            None => {
                let t = vm.type_name(item);
                return Err(vm.new_error(
                    ExcType::TypeError,
                    format!("tuple for {name} must only contain str, not {t}"),
                ));
            }
        }
    }
    Ok(vm.false_.clone())
}

fn str_startswith(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    affix(vm, args, kw, "startswith", false)
}

fn str_endswith(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    affix(vm, args, kw, "endswith", true)
}

/// `partition`/`rpartition`: a 3-tuple around the first (last) `sep`.
fn partition(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, name: &str, rev: bool) -> PyResult {
    let s = text_of(vm, args, name)?;
    let full = format!("str.{name}");
    no_kwargs(vm, &full, kw)?;
    arg_count(vm, &full, &args[1..], 1, 1)?;
    let sep = str_arg(vm, &args[1], "")?;
    if sep.is_empty() {
        return Err(vm.new_error(ExcType::ValueError, "empty separator"));
    }
    let found = if rev { s.rfind(sep) } else { s.find(sep) };
    let empty = vm.empty_str.clone();
    let items = match found {
        Some(b) => vec![vm.new_str(&s[..b])?, args[1].clone(), vm.new_str(&s[b + sep.len()..])?],
        None if rev => vec![empty.clone(), empty, args[0].clone()],
        None => vec![args[0].clone(), empty.clone(), empty],
    };
    vm.new_tuple(items)
}

fn str_partition(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    partition(vm, args, kw, "partition", false)
}

fn str_rpartition(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    partition(vm, args, kw, "rpartition", true)
}

/// `removeprefix`/`removesuffix`.
fn remove_affix(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, name: &str, suffix: bool) -> PyResult {
    let s = text_of(vm, args, name)?;
    let full = format!("str.{name}");
    no_kwargs(vm, &full, kw)?;
    arg_count(vm, &full, &args[1..], 1, 1)?;
    let a = str_arg(vm, &args[1], &format!("{name}() argument "))?;
    let r = if suffix { s.strip_suffix(a) } else { s.strip_prefix(a) };
    str_obj(vm, &args[0], r.unwrap_or(s))
}

fn str_removeprefix(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    remove_affix(vm, args, kw, "removeprefix", false)
}

fn str_removesuffix(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    remove_affix(vm, args, kw, "removesuffix", true)
}

/// A method without arguments that maps the text to new text.
fn map_text(
    vm: &mut Vm,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
    name: &str,
    f: fn(&str) -> String,
) -> PyResult {
    let s = text_of(vm, args, name)?;
    no_args(vm, &format!("str.{name}"), args, kw)?;
    let r = f(s);
    if r == s {
        return Ok(args[0].clone());
    }
    vm.new_str(&r)
}

/// Python's "cased" characters (those with an upper/lower distinction).
fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase()
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect(),
        None => String::new(),
    }
}

fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = is_cased(c);
    }
    out
}

fn swapcase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn casefold(s: &str) -> String {
    s.chars()
        .flat_map(|c| if c == 'ß' { "ss".chars().collect::<Vec<_>>() } else { c.to_lowercase().collect() })
        .collect()
}

fn str_upper(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    map_text(vm, args, kw, "upper", str::to_uppercase)
}

fn str_lower(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    map_text(vm, args, kw, "lower", str::to_lowercase)
}

fn str_capitalize(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    map_text(vm, args, kw, "capitalize", capitalize)
}

fn str_title(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    map_text(vm, args, kw, "title", title)
}

fn str_swapcase(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    map_text(vm, args, kw, "swapcase", swapcase)
}

fn str_casefold(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    map_text(vm, args, kw, "casefold", casefold)
}

/// `center`, `ljust`, `rjust`: `(width[, fillchar])`, padding split as
/// CPython's `pad` does (`center` puts the odd extra space on the left
/// only when the width is odd).
fn justify(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, name: &str) -> PyResult {
    let s = text_of(vm, args, name)?;
    no_kwargs(vm, name, kw)?;
    arg_count(vm, name, &args[1..], 1, 2)?;
    let width = index_arg(vm, &args[1])?;
    let fill = match args.get(2) {
        None => ' ',
        Some(f) => match as_str(f) {
            Some(t) if t.chars().count() == 1 => t.chars().next().unwrap_or(' '),
            Some(_) => {
                return Err(
                    vm.new_error(ExcType::TypeError, "The fill character must be exactly one character long")
                )
            }
            None => {
                let t = vm.type_name(f);
                return Err(vm.new_error(
                    ExcType::TypeError,
                    format!("The fill character must be a unicode character, not {t}"),
                ));
            }
        },
    };
    let n = char_count(s) as i64;
    if width <= n {
        return Ok(args[0].clone());
    }
    let marg = width - n;
    let left = match name {
        "ljust" => 0,
        "rjust" => marg,
        _ => marg / 2 + (marg & width & 1),
    };
    let pad = |k: i64| std::iter::repeat_n(fill, k as usize).collect::<String>();
    let r = format!("{}{s}{}", pad(left), pad(marg - left));
    vm.new_str(&r)
}

fn str_center(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    justify(vm, args, kw, "center")
}

fn str_ljust(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    justify(vm, args, kw, "ljust")
}

fn str_rjust(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    justify(vm, args, kw, "rjust")
}

fn str_zfill(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = text_of(vm, args, "zfill")?;
    no_kwargs(vm, "str.zfill", kw)?;
    arg_count(vm, "str.zfill", &args[1..], 1, 1)?;
    let width = index_arg(vm, &args[1])?;
    let n = char_count(s) as i64;
    if width <= n {
        return Ok(args[0].clone());
    }
    let zeros = "0".repeat((width - n) as usize);
    let r = match s.strip_prefix(['+', '-']) {
        Some(rest) => format!("{}{zeros}{rest}", &s[..1]),
        None => format!("{zeros}{s}"),
    };
    vm.new_str(&r)
}

fn str_expandtabs(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = text_of(vm, args, "expandtabs")?;
    let npos = args.len() - 1 - kw.map_or(0, <[ObjRef]>::len);
    arg_count_tuple(vm, "expandtabs", npos, 0, 1)?;
    let a = bind(vm, "expandtabs", &args[1..], kw, &["tabsize"])?;
    let tab = match &a[0] {
        Some(t) => index_arg(vm, t)?,
        None => 8,
    };
    let mut out = String::with_capacity(s.len());
    let mut col = 0i64;
    for c in s.chars() {
        match c {
            '\t' if tab > 0 => {
                let k = tab - col % tab;
                out.extend(std::iter::repeat_n(' ', k as usize));
                col += k;
            }
            '\t' => {}
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    if out == s {
        return Ok(args[0].clone());
    }
    vm.new_str(&out)
}

/// A predicate method: true when the text is non-empty and `test` holds
/// for the whole of it.
fn predicate(
    vm: &mut Vm,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
    name: &str,
    test: fn(&str) -> bool,
) -> PyResult {
    let s = text_of(vm, args, name)?;
    no_args(vm, &format!("str.{name}"), args, kw)?;
    Ok(vm.new_bool(test(s)))
}

/// Decimal digits (Unicode Nd) of the common scripts: ASCII, Arabic-Indic,
/// Extended Arabic-Indic, Devanagari, Bengali and fullwidth.
fn is_decimal_char(c: char) -> bool {
    matches!(c, '0'..='9' | '\u{660}'..='\u{669}' | '\u{6f0}'..='\u{6f9}' | '\u{966}'..='\u{96f}' | '\u{9e6}'..='\u{9ef}' | '\u{ff10}'..='\u{ff19}')
}

fn is_digit_char(c: char) -> bool {
    is_decimal_char(c) || matches!(c, '²' | '³' | '¹' | '⁰' | '⁴'..='⁹' | '₀'..='₉' | '①'..='⑨')
}

fn all_chars(s: &str, f: fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(f)
}

fn str_isdigit(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "isdigit", |s| all_chars(s, is_digit_char))
}

fn str_isdecimal(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "isdecimal", |s| all_chars(s, is_decimal_char))
}

fn str_isnumeric(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "isnumeric", |s| all_chars(s, char::is_numeric))
}

fn str_isalpha(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "isalpha", |s| all_chars(s, char::is_alphabetic))
}

fn str_isalnum(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "isalnum", |s| all_chars(s, |c| c.is_alphabetic() || c.is_numeric()))
}

fn str_isspace(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "isspace", |s| all_chars(s, is_space))
}

fn str_isupper(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "isupper", |s| s.chars().any(is_cased) && !s.chars().any(char::is_lowercase))
}

fn str_islower(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "islower", |s| s.chars().any(is_cased) && !s.chars().any(char::is_uppercase))
}

fn str_isascii(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = text_of(vm, args, "isascii")?;
    no_args(vm, "str.isascii", args, kw)?;
    Ok(vm.new_bool(s.is_ascii()))
}

fn str_isidentifier(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "isidentifier", |s| {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
            && chars.all(|c| c == '_' || c.is_alphanumeric())
    })
}

fn str_isprintable(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "isprintable", |s| s.chars().all(refpy_compiler::pyrepr::is_printable))
}

/// The titlecase letters (Unicode category Lt, as of Unicode 14.0): the
/// digraphs `ǅ ǈ ǋ ǲ` and the Greek letters with prosgegrammeni.
fn is_titlecase(c: char) -> bool {
    matches!(c, '\u{1c5}' | '\u{1c8}' | '\u{1cb}' | '\u{1f2}' | '\u{1f88}'..='\u{1f8f}' | '\u{1f98}'..='\u{1f9f}'
        | '\u{1fa8}'..='\u{1faf}' | '\u{1fbc}' | '\u{1fcc}' | '\u{1ffc}')
}

/// `str.istitle`: some cased character, uppercase and titlecase ones only
/// after uncased ones, lowercase ones only after cased ones.
fn is_title(s: &str) -> bool {
    let (mut cased, mut prev_cased) = (false, false);
    for c in s.chars() {
        let upper = c.is_uppercase() || is_titlecase(c);
        if upper || c.is_lowercase() {
            if upper == prev_cased {
                return false;
            }
            cased = true;
        }
        prev_cased = upper || c.is_lowercase();
    }
    cased
}

fn str_istitle(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "istitle", is_title)
}

/// `s.format_map(mapping)`: `str.format` with names looked up as
/// `mapping[name]`.
fn str_format_map(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let fmt = text_of(vm, args, "format_map")?;
    no_kwargs(vm, "str.format_map", kw)?;
    arg_count(vm, "str.format_map", &args[1..], 1, 1)?;
    let out = crate::pyformat::format_map(vm, fmt, &args[1])?;
    vm.new_str(&out)
}

/// `str.maketrans(x[, y[, z]])`: a translation table (a dict of ordinals)
/// from a dict, or from two strings of equal length and a string of
/// characters to delete. `args[0]` (the type or a string) is ignored.
fn str_maketrans(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "str.maketrans", kw)?;
    let a = args.get(1..).unwrap_or(&[]);
    arg_count(vm, "maketrans", a, 1, 3)?;
    for (i, v) in a.iter().enumerate().skip(1) {
        str_arg(vm, v, &format!("maketrans() argument {} ", i + 1))?;
    }
    let table = vm.new_dict()?;
    let [x, rest @ ..] = a else { return Ok(table) };
    let Some((y, z)) = rest.split_first() else {
        maketrans_from_dict(vm, &table, x)?;
        return Ok(table);
    };
    let Some(from) = as_str(x) else {
        return Err(vm.new_error(
            ExcType::TypeError,
            "first maketrans argument must be a string if there is a second argument",
        ));
    };
    let to = as_str(y).unwrap_or("");
    if char_count(from) != char_count(to) {
        return Err(
            vm.new_error(ExcType::ValueError, "the first two maketrans arguments must have equal length")
        );
    }
    for (f, t) in from.chars().zip(to.chars()) {
        let (k, v) = (vm.new_int(i64::from(u32::from(f)))?, vm.new_int(i64::from(u32::from(t)))?);
        vm.dict_set(&table, k, v)?;
    }
    for c in z.first().and_then(as_str).unwrap_or("").chars() {
        let k = vm.new_int(i64::from(u32::from(c)))?;
        let none = vm.none.clone();
        vm.dict_set(&table, k, none)?;
    }
    Ok(table)
}

/// The one-argument form of `maketrans`: the entries of a dict, with
/// one-character string keys replaced by their ordinals.
fn maketrans_from_dict(vm: &mut Vm, table: &ObjRef, x: &ObjRef) -> PyResult<()> {
    let Some(d) = as_dict(x).filter(|_| vm.is_exact(x, crate::types::Kind::Dict)) else {
        return Err(
            vm.new_error(ExcType::TypeError, "if you give only one argument to maketrans it must be a dict")
        );
    };
    let items: Vec<(ObjRef, ObjRef)> =
        d.table.borrow().items().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (k, v) in items {
        let key = match as_str(&k) {
            Some(s) => {
                let mut chars = s.chars();
                let (Some(c), None) = (chars.next(), chars.next()) else {
                    return Err(vm.new_error(
                        ExcType::ValueError,
                        "string keys in translate table must be of length 1",
                    ));
                };
                vm.new_int(i64::from(u32::from(c)))?
            }
            None if is_int(&k) => k,
            None => {
                return Err(
                    vm.new_error(ExcType::TypeError, "keys in translate table must be strings or integers")
                )
            }
        };
        vm.dict_set(table, key, v)?;
    }
    Ok(())
}

/// `s.translate(table)`: each character's ordinal looked up as
/// `table[ord(c)]`; a `LookupError` keeps the character, `None` deletes
/// it, an int or a str replaces it.
fn str_translate(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = text_of(vm, args, "translate")?;
    no_kwargs(vm, "str.translate", kw)?;
    arg_count(vm, "str.translate", &args[1..], 1, 1)?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let key = vm.new_int(i64::from(u32::from(c)))?;
        match vm.get_item(&args[1], &key) {
            Ok(v) => push_mapped(vm, &mut out, &v)?,
            Err(e) if vm.exc_matches(&e.exc, ExcType::LookupError) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    vm.new_str(&out)
}

/// Appends what a translation table mapped a character to: nothing for
/// `None`, the character of an ordinal, or a string.
fn push_mapped(vm: &mut Vm, out: &mut String, v: &ObjRef) -> PyResult<()> {
    if v.is(&vm.none) {
        return Ok(());
    }
    if let Some(t) = as_str(v) {
        out.push_str(t);
        return Ok(());
    }
    if !is_int(v) {
        return Err(vm.new_error(ExcType::TypeError, "character mapping must return integer, None or str"));
    }
    let code = as_i64(v).and_then(|i| u32::try_from(i).ok()).filter(|&u| u < 0x110000);
    let Some(code) = code else {
        return Err(vm.new_error(ExcType::ValueError, "character mapping must be in range(0x110000)"));
    };
    match char::from_u32(code) {
        Some(c) => out.push(c),
        None => {
            return Err(vm.new_error(
                ExcType::ValueError,
                format!("refpy strings cannot hold the surrogate code point U+{code:04X}"),
            ))
        }
    }
    Ok(())
}
