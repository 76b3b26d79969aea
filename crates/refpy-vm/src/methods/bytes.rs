//! Methods of `bytes`. Case, whitespace and digit tests are ASCII-only, as
//! CPython's `Py_ISSPACE` and friends; a method that leaves the bytes
//! unchanged returns `self`, as CPython does for exact bytes objects.

use std::fmt::Write;

use refpy_heap::ObjRef;

use super::{self_arg, Method};
use crate::args::{arg_count_tuple, bind, index_arg, no_args, start_end};
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::bytes::{as_bytes, find_sub, rfind_sub};
use crate::objects::int::is_int;
use crate::objects::str::as_str;
use crate::objects::tuple::as_tuple;
use crate::types::Kind;
use crate::Vm;

pub(super) const METHODS: &[Method] = &[
    ("decode", bytes_decode),
    ("hex", bytes_hex),
    ("fromhex", bytes_fromhex),
    ("count", bytes_count),
    ("find", bytes_find),
    ("rfind", bytes_rfind),
    ("index", bytes_index),
    ("rindex", bytes_rindex),
    ("startswith", bytes_startswith),
    ("endswith", bytes_endswith),
    ("split", bytes_split),
    ("rsplit", bytes_rsplit),
    ("join", bytes_join),
    ("replace", bytes_replace),
    ("strip", bytes_strip),
    ("lstrip", bytes_lstrip),
    ("rstrip", bytes_rstrip),
    ("upper", bytes_upper),
    ("lower", bytes_lower),
    ("isdigit", bytes_isdigit),
    ("isalpha", bytes_isalpha),
    ("isalnum", bytes_isalnum),
    ("isspace", bytes_isspace),
    ("isupper", bytes_isupper),
    ("islower", bytes_islower),
];

/// `bytes.fromhex`, bound to the type when looked up on it.
pub(super) const CLASS_METHODS: &[Method] = &[("fromhex", bytes_fromhex)];

fn data_of<'a>(vm: &mut Vm, args: &'a [ObjRef], name: &str) -> PyResult<&'a [u8]> {
    self_arg(vm, args, "bytes", name, as_bytes)
}

/// ASCII whitespace as CPython's `Py_ISSPACE` sees it (with `\v` and `\f`).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// `part`, a piece of `whole`'s bytes, as a bytes object: `whole` itself
/// when the piece is all of an exact bytes object.
fn bytes_obj(vm: &mut Vm, whole: &ObjRef, part: &[u8]) -> PyResult {
    if as_bytes(whole).is_some_and(|w| w.len() == part.len()) && vm.is_exact(whole, Kind::Bytes) {
        return Ok(whole.clone());
    }
    vm.new_bytes(part)
}

/// A list of bytes objects, pieces of `whole`.
fn bytes_list(vm: &mut Vm, whole: &ObjRef, parts: &[&[u8]]) -> PyResult {
    let mut items = Vec::with_capacity(parts.len());
    for p in parts {
        items.push(bytes_obj(vm, whole, p)?);
    }
    vm.new_list(items)
}

fn bytes_decode(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let data = data_of(vm, args, "decode")?;
    let (encoding, errors) = super::codecs::encoding_args(vm, "decode", args, kw)?;
    let text = super::codecs::decode(vm, data, &encoding, &errors)?;
    vm.new_str(&text)
}

/// The separator of `hex()`: one ASCII character, from a str or bytes.
fn hex_sep(vm: &mut Vm, sep: &ObjRef) -> PyResult<char> {
    let c = match (as_str(sep), as_bytes(sep)) {
        (Some(s), _) if s.chars().count() == 1 => s.chars().next(),
        (_, Some([b])) => Some(char::from(*b)),
        (Some(_), _) | (_, Some(_)) => None,
        _ => {
            let t = vm.type_name(sep);
            return Err(vm.new_error(ExcType::TypeError, format!("object of type '{t}' has no len()")));
        }
    };
    match c {
        None => Err(vm.new_error(ExcType::ValueError, "sep must be length 1.")),
        Some(c) if !c.is_ascii() => Err(vm.new_error(ExcType::ValueError, "sep must be ASCII.")),
        Some(c) => Ok(c),
    }
}

/// `b.hex(sep, bytes_per_sep=1)`: groups of `bytes_per_sep` bytes counted
/// from the right (from the left when negative).
fn bytes_hex(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let data = data_of(vm, args, "hex")?;
    let npos = args.len() - 1 - kw.map_or(0, <[ObjRef]>::len);
    arg_count_tuple(vm, "hex", npos, 0, 2)?;
    let a = bind(vm, "hex", &args[1..], kw, &["sep", "bytes_per_sep"])?;
    let sep = a[0].as_ref().map(|s| hex_sep(vm, s)).transpose()?;
    let per = match &a[1] {
        Some(n) => index_arg(vm, n)?,
        None => 1,
    };
    let group = per.unsigned_abs() as usize;
    let mut out = String::with_capacity(data.len() * 3);
    for (i, b) in data.iter().enumerate() {
        let boundary = match per {
            0 => false,
            p if p > 0 => i > 0 && (data.len() - i) % group == 0,
            _ => i > 0 && i % group == 0,
        };
        if let (true, Some(c)) = (boundary, sep) {
            out.push(c);
        }
        let _ = write!(out, "{b:02x}");
    }
    vm.new_str(&out)
}

/// `bytes.fromhex(string)`: pairs of hex digits, ASCII whitespace between
/// pairs ignored.
fn bytes_fromhex(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "bytes.fromhex", kw)?;
    arg_count_tuple(vm, "bytes.fromhex", args.len().saturating_sub(1), 1, 1)?;
    let Some(text) = as_str(&args[1]) else {
        let t = vm.type_name(&args[1]);
        return Err(vm.new_error(ExcType::TypeError, format!("fromhex() argument must be str, not {t}")));
    };
    let bad = |vm: &mut Vm, pos: usize| {
        let msg = format!("non-hexadecimal number found in fromhex() arg at position {pos}");
        Err(vm.new_error(ExcType::ValueError, msg))
    };
    if let Some(pos) = text.chars().position(|c| !c.is_ascii()) {
        return bad(vm, pos);
    }
    let digits = text.as_bytes();
    let digit = |i: usize| digits.get(i).and_then(|&d| char::from(d).to_digit(16));
    let mut out = Vec::with_capacity(digits.len() / 2);
    let mut i = 0;
    while i < digits.len() {
        if is_space(digits[i]) {
            i += 1;
            continue;
        }
        let Some(hi) = digit(i) else { return bad(vm, i) };
        let Some(lo) = digit(i + 1) else { return bad(vm, i + 1) };
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    vm.new_bytes(&out)
}

/// The needle of `find`, `count`, …: a bytes object or one byte value.
fn needle<'a>(vm: &mut Vm, v: &'a ObjRef, byte: &'a mut [u8; 1]) -> PyResult<&'a [u8]> {
    if is_int(v) {
        byte[0] = vm.byte_value(v, "byte must be in range(0, 256)")?;
        return Ok(&byte[..]);
    }
    match as_bytes(v) {
        Some(b) => Ok(b),
        None => {
            let t = vm.type_name(v);
            Err(vm.new_error(
                ExcType::TypeError,
                format!("argument should be integer or bytes-like object, not '{t}'"),
            ))
        }
    }
}

/// The searched part of `self` in the find family: its offset and bytes.
type Span<'a> = Option<(usize, &'a [u8])>;

/// Parses `(sub[, start[, end]])` for the find family: the span selected
/// by `start`/`end` (`None` when `start` lies beyond `end`) and the needle.
fn search<'a>(
    vm: &mut Vm,
    args: &'a [ObjRef],
    kw: Option<&[ObjRef]>,
    name: &str,
) -> PyResult<(Span<'a>, Vec<u8>)> {
    let data = data_of(vm, args, name)?;
    no_kwargs(vm, &format!("bytes.{name}"), kw)?;
    arg_count_tuple(vm, name, args.len() - 1, 1, 3)?;
    let mut byte = [0u8];
    let sub = needle(vm, &args[1], &mut byte)?.to_vec();
    let (a, b) = start_end(vm, args.get(2), args.get(3), data.len())?;
    Ok(((a <= b).then(|| (a, &data[a..b])), sub))
}

fn find_common(
    vm: &mut Vm,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
    name: &str,
    rev: bool,
    raise: bool,
) -> PyResult {
    let (span, sub) = search(vm, args, kw, name)?;
    let found =
        span.and_then(|(a, hay)| if rev { rfind_sub(hay, &sub) } else { find_sub(hay, &sub) }.map(|i| a + i));
    match found {
        Some(i) => vm.new_int(i as i64),
        None if raise => Err(vm.new_error(ExcType::ValueError, "subsection not found")),
        None => vm.new_int(-1),
    }
}

fn bytes_find(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    find_common(vm, args, kw, "find", false, false)
}

fn bytes_rfind(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    find_common(vm, args, kw, "rfind", true, false)
}

fn bytes_index(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    find_common(vm, args, kw, "index", false, true)
}

fn bytes_rindex(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    find_common(vm, args, kw, "rindex", true, true)
}

/// Non-overlapping occurrences of `sub` in `hay` (`len + 1` for an empty `sub`).
fn count_sub(hay: &[u8], sub: &[u8]) -> usize {
    if sub.is_empty() {
        return hay.len() + 1;
    }
    let (mut n, mut rest) = (0, hay);
    while let Some(i) = find_sub(rest, sub) {
        n += 1;
        rest = &rest[i + sub.len()..];
    }
    n
}

fn bytes_count(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (span, sub) = search(vm, args, kw, "count")?;
    let n = span.map_or(0, |(_, hay)| count_sub(hay, &sub));
    vm.new_int(n as i64)
}

/// `startswith`/`endswith` with bytes or a tuple of bytes.
fn affix(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, name: &str, end: bool) -> PyResult {
    let data = data_of(vm, args, name)?;
    no_kwargs(vm, &format!("bytes.{name}"), kw)?;
    arg_count_tuple(vm, name, args.len() - 1, 1, 3)?;
    let prefixes: Vec<ObjRef> = match (as_bytes(&args[1]), as_tuple(&args[1])) {
        (Some(_), _) => vec![args[1].clone()],
        (_, Some(items)) => items.to_vec(),
        _ => {
            let t = vm.type_name(&args[1]);
            return Err(vm.new_error(
                ExcType::TypeError,
                format!("{name} first arg must be bytes or a tuple of bytes, not {t}"),
            ));
        }
    };
    let (a, b) = start_end(vm, args.get(2), args.get(3), data.len())?;
    for p in &prefixes {
        let p = vm.bytes_like(p)?;
        let hay = if a <= b { &data[a..b] } else { continue };
        if if end { hay.ends_with(p) } else { hay.starts_with(p) } {
            return Ok(vm.true_.clone());
        }
    }
    Ok(vm.false_.clone())
}

fn bytes_startswith(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    affix(vm, args, kw, "startswith", false)
}

fn bytes_endswith(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    affix(vm, args, kw, "endswith", true)
}

/// The `sep` and `maxsplit` arguments of `split`/`rsplit`.
fn split_args(
    vm: &mut Vm,
    name: &str,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
) -> PyResult<(Option<Vec<u8>>, usize)> {
    let npos = args.len() - 1 - kw.map_or(0, <[ObjRef]>::len);
    arg_count_tuple(vm, name, npos, 0, 2)?;
    let a = bind(vm, name, &args[1..], kw, &["sep", "maxsplit"])?;
    let sep = match a[0].as_ref().filter(|s| !s.is(&vm.none)) {
        Some(s) => match vm.bytes_like(s)? {
            [] => return Err(vm.new_error(ExcType::ValueError, "empty separator")),
            sep => Some(sep.to_vec()),
        },
        None => None,
    };
    let max = match &a[1] {
        Some(m) => index_arg(vm, m)?,
        None => -1,
    };
    Ok((sep, if max < 0 { usize::MAX } else { max as usize }))
}

/// `s` without its leading (or, `from_end`, trailing) ASCII whitespace.
fn skip_space(s: &[u8], from_end: bool) -> &[u8] {
    if from_end {
        &s[..s.iter().rposition(|&b| !is_space(b)).map_or(0, |i| i + 1)]
    } else {
        &s[s.iter().position(|&b| !is_space(b)).unwrap_or(s.len())..]
    }
}

/// Splits on runs of ASCII whitespace, at most `max` times, from the
/// left or (`rev`) from the right; the pieces come back in order, and the
/// unsplit rest keeps its whitespace on the far side.
fn split_whitespace(s: &[u8], mut max: usize, rev: bool) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = skip_space(s, rev);
    while !rest.is_empty() {
        if max == 0 {
            out.push(rest);
            break;
        }
        if rev {
            let start = rest.iter().rposition(|&b| is_space(b)).map_or(0, |i| i + 1);
            out.push(&rest[start..]);
            rest = &rest[..start];
        } else {
            let end = rest.iter().position(|&b| is_space(b)).unwrap_or(rest.len());
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
        rest = skip_space(rest, rev);
        max -= 1;
    }
    if rev {
        out.reverse();
    }
    out
}

/// Splits on `sep` at most `max` times, from the left or (`rev`) the right.
fn split_on<'a>(s: &'a [u8], sep: &[u8], mut max: usize, rev: bool) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = s;
    while max > 0 {
        let found = if rev { rfind_sub(rest, sep) } else { find_sub(rest, sep) };
        let Some(i) = found else { break };
        if rev {
            out.push(&rest[i + sep.len()..]);
            rest = &rest[..i];
        } else {
            out.push(&rest[..i]);
            rest = &rest[i + sep.len()..];
        }
        max -= 1;
    }
    out.push(rest);
    if rev {
        out.reverse();
    }
    out
}

fn split_common(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, name: &str, rev: bool) -> PyResult {
    let data = data_of(vm, args, name)?;
    let (sep, max) = split_args(vm, name, args, kw)?;
    let parts = match &sep {
        None => split_whitespace(data, max, rev),
        Some(sep) => split_on(data, sep, max, rev),
    };
    bytes_list(vm, &args[0], &parts)
}

fn bytes_split(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    split_common(vm, args, kw, "split", false)
}

fn bytes_rsplit(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    split_common(vm, args, kw, "rsplit", true)
}

fn bytes_join(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let sep = data_of(vm, args, "join")?;
    no_kwargs(vm, "bytes.join", kw)?;
    arg_count_tuple(vm, "bytes.join", args.len() - 1, 1, 1)?;
    if vm.get_iter(&args[1]).is_err() {
        return Err(vm.new_error(ExcType::TypeError, "can only join an iterable"));
    }
    let items = vm.sequence_items(&args[1])?;
    if let [one] = items.as_slice() {
        if vm.is_exact(one, Kind::Bytes) {
            return Ok(one.clone());
        }
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(b) = as_bytes(item) else {
            let t = vm.type_name(item);
            return Err(vm.new_error(
                ExcType::TypeError,
                format!("sequence item {i}: expected a bytes-like object, {t} found"),
            ));
        };
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(b);
    }
    vm.new_bytes_filled(&out)
}

/// `s` with the first `count` occurrences of `old` replaced (every
/// position between bytes, ends included, for an empty `old`).
fn replace_bytes(s: &[u8], old: &[u8], new: &[u8], count: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut rest = s;
    let mut n = 0;
    if old.is_empty() {
        for (i, &b) in s.iter().enumerate() {
            if i < count {
                out.extend_from_slice(new);
            }
            out.push(b);
        }
        if s.len() < count {
            out.extend_from_slice(new);
        }
        return out;
    }
    while n < count {
        let Some(i) = find_sub(rest, old) else { break };
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(new);
        rest = &rest[i + old.len()..];
        n += 1;
    }
    out.extend_from_slice(rest);
    out
}

fn bytes_replace(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let data = data_of(vm, args, "replace")?;
    no_kwargs(vm, "bytes.replace", kw)?;
    arg_count(vm, "replace", &args[1..], 2, 3)?;
    let old = vm.bytes_like(&args[1])?;
    let new = vm.bytes_like(&args[2])?;
    let count = match args.get(3) {
        Some(c) => index_arg(vm, c)?,
        None => -1,
    };
    let count = if count < 0 { usize::MAX } else { count as usize };
    if count == 0 || (!old.is_empty() && find_sub(data, old).is_none()) {
        return bytes_obj(vm, &args[0], data);
    }
    let r = replace_bytes(data, old, new, count);
    vm.new_bytes_filled(&r)
}

/// `strip`, `lstrip`, `rstrip`: ASCII whitespace, or the bytes of the argument.
fn strip(
    vm: &mut Vm,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
    name: &str,
    left: bool,
    right: bool,
) -> PyResult {
    let data = data_of(vm, args, name)?;
    no_kwargs(vm, &format!("bytes.{name}"), kw)?;
    arg_count(vm, name, &args[1..], 0, 1)?;
    let set = match args.get(1).filter(|c| !c.is(&vm.none)) {
        Some(c) => Some(vm.bytes_like(c)?),
        None => None,
    };
    let strip_it = |b: &u8| set.map_or_else(|| is_space(*b), |s| s.contains(b));
    let lo = if left { data.iter().position(|b| !strip_it(b)).unwrap_or(data.len()) } else { 0 };
    let hi = if right { data.iter().rposition(|b| !strip_it(b)).map_or(lo, |i| i + 1) } else { data.len() };
    bytes_obj(vm, &args[0], &data[lo..hi.max(lo)])
}

fn bytes_strip(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    strip(vm, args, kw, "strip", true, true)
}

fn bytes_lstrip(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    strip(vm, args, kw, "lstrip", true, false)
}

fn bytes_rstrip(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    strip(vm, args, kw, "rstrip", false, true)
}

/// A method taking no arguments that maps every byte.
fn map_bytes(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, name: &str, f: fn(&u8) -> u8) -> PyResult {
    let data = data_of(vm, args, name)?;
    no_args(vm, &format!("bytes.{name}"), args, kw)?;
    let out: Vec<u8> = data.iter().map(f).collect();
    vm.new_bytes_filled(&out)
}

fn bytes_upper(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    map_bytes(vm, args, kw, "upper", u8::to_ascii_uppercase)
}

fn bytes_lower(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    map_bytes(vm, args, kw, "lower", u8::to_ascii_lowercase)
}

/// An `is…()` test: true when `test` holds for the whole (non-empty) bytes.
fn predicate(
    vm: &mut Vm,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
    name: &str,
    test: fn(&[u8]) -> bool,
) -> PyResult {
    let data = data_of(vm, args, name)?;
    no_args(vm, &format!("bytes.{name}"), args, kw)?;
    Ok(vm.new_bool(!data.is_empty() && test(data)))
}

fn bytes_isdigit(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "isdigit", |d| d.iter().all(u8::is_ascii_digit))
}

fn bytes_isalpha(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "isalpha", |d| d.iter().all(u8::is_ascii_alphabetic))
}

fn bytes_isalnum(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "isalnum", |d| d.iter().all(u8::is_ascii_alphanumeric))
}

fn bytes_isspace(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "isspace", |d| d.iter().all(|&b| is_space(b)))
}

fn bytes_isupper(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "isupper", |d| {
        d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase)
    })
}

fn bytes_islower(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    predicate(vm, args, kw, "islower", |d| {
        d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase)
    })
}
