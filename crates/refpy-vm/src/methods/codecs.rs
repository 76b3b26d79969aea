//! The text codecs refpy has — UTF-8, ASCII and Latin-1 — under CPython's
//! encoding names and aliases, with the `strict`, `ignore`, `replace` and
//! `backslashreplace` error handlers and CPython's `UnicodeDecodeError` /
//! `UnicodeEncodeError` texts. `str.encode`, `bytes.decode`,
//! `bytes(str, encoding)` and `str(bytes, encoding)` go through here.

use std::fmt::Write;

use refpy_heap::ObjRef;

use crate::args::{arg_count_tuple, bind};
use crate::errors::{ExcType, PyErr, PyResult};
use crate::objects::bytes::as_bytes;
use crate::objects::str::as_str;
use crate::Vm;

/// A codec refpy implements.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    /// The name CPython's error messages give the codec.
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }

    /// One past the largest code point the codec can encode.
    fn limit(self) -> u32 {
        match self {
            Codec::Utf8 => 0x11_0000,
            Codec::Ascii => 0x80,
            Codec::Latin1 => 0x100,
        }
    }
}

/// What to do with undecodable bytes or unencodable characters.
#[derive(Clone, Copy)]
enum Handler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
}

/// CPython codecs that refpy lacks (normalised names): asking for one is a
/// clear refpy error rather than "unknown encoding".
const MISSING_CODECS: &[&str] = &[
    "utf_16",
    "utf16",
    "utf_16_le",
    "utf_16_be",
    "utf_32",
    "utf32",
    "utf_32_le",
    "utf_32_be",
    "utf_7",
    "utf_8_sig",
    "cp1252",
    "windows_1252",
    "cp1251",
    "cp437",
    "cp850",
    "iso8859_15",
    "iso_8859_15",
    "latin_9",
    "mac_roman",
    "koi8_r",
    "shift_jis",
    "euc_jp",
    "gbk",
    "gb2312",
    "big5",
    "idna",
    "unicode_escape",
    "raw_unicode_escape",
];

/// CPython error handlers that refpy lacks.
const MISSING_HANDLERS: &[&str] = &["surrogateescape", "surrogatepass", "xmlcharrefreplace", "namereplace"];

/// An encoding name as `encodings.normalize_encoding` leaves it, lowercased:
/// runs of characters other than letters, digits and `.` become one `_`.
fn normalize_encoding(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_alphanumeric() || c == '.' {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// The codec called `name` (`codecs.lookup`).
fn lookup_codec(vm: &mut Vm, name: &str) -> PyResult<Codec> {
    let norm = normalize_encoding(name);
    Ok(match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => Codec::Utf8,
        "ascii" | "us_ascii" | "us" | "646" | "cp367" | "csascii" | "ibm367" | "iso646_us" | "iso_ir_6"
        | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986" => Codec::Ascii,
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" | "ibm819"
        | "iso_ir_100" | "csisolatin1" | "iso_8859_1_1987" => Codec::Latin1,
        n if MISSING_CODECS.contains(&n) => {
            return Err(vm.new_error(
                ExcType::LookupError,
                format!("refpy supports only the utf-8, ascii and latin-1 codecs, not '{name}'"),
            ))
        }
        _ => return Err(vm.new_error(ExcType::LookupError, format!("unknown encoding: {name}"))),
    })
}

/// The error handler called `name`, looked up at the first error as
/// CPython does (an unknown name is harmless on clean input).
fn lookup_handler(vm: &mut Vm, name: &str) -> PyResult<Handler> {
    Ok(match name {
        "strict" => Handler::Strict,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "backslashreplace" => Handler::BackslashReplace,
        n if MISSING_HANDLERS.contains(&n) => {
            return Err(vm.new_error(
                ExcType::LookupError,
                format!("refpy does not support the '{name}' error handler yet"),
            ))
        }
        _ => return Err(vm.new_error(ExcType::LookupError, format!("unknown error handler name '{name}'"))),
    })
}

/// `\xNN`, `\uNNNN` or `\UNNNNNNNN`: how encode errors and
/// `backslashreplace` show a character.
fn char_escape(c: char) -> String {
    match c as u32 {
        n @ 0..=0xff => format!("\\x{n:02x}"),
        n @ 0x100..=0xffff => format!("\\u{n:04x}"),
        n => format!("\\U{n:08x}"),
    }
}

/// Decodes the longest clean prefix of `rest` into `out`; returns its
/// length and, if it stopped at bad input, the bad bytes' count and reason.
fn decode_step(codec: Codec, rest: &[u8], out: &mut String) -> (usize, Option<(usize, &'static str)>) {
    match codec {
        Codec::Latin1 => {
            out.extend(rest.iter().map(|&b| char::from(b)));
            (rest.len(), None)
        }
        Codec::Ascii => {
            let good = rest.iter().position(|b| !b.is_ascii()).unwrap_or(rest.len());
            out.push_str(&String::from_utf8_lossy(&rest[..good]));
            (good, (good < rest.len()).then_some((1, "ordinal not in range(128)")))
        }
        Codec::Utf8 => match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                (rest.len(), None)
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(&String::from_utf8_lossy(&rest[..good]));
                let bad = match e.error_len() {
                    None => (rest.len() - good, "unexpected end of data"),
                    Some(n) if matches!(rest[good], 0x80..=0xc1 | 0xf5..=0xff) => (n, "invalid start byte"),
                    Some(n) => (n, "invalid continuation byte"),
                };
                (good, Some(bad))
            }
        },
    }
}

/// `data.decode(encoding, errors)`.
pub(crate) fn decode(vm: &mut Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    // CPython returns '' for empty input before looking the codec up.
    if data.is_empty() {
        return Ok(String::new());
    }
    let codec = lookup_codec(vm, encoding)?;
    let mut out = String::with_capacity(data.len());
    let mut handler = None;
    let mut pos = 0;
    while pos < data.len() {
        let (good, bad) = decode_step(codec, &data[pos..], &mut out);
        pos += good;
        let Some((len, reason)) = bad else { break };
        let h = match handler {
            Some(h) => h,
            None => *handler.insert(lookup_handler(vm, errors)?),
        };
        match h {
            Handler::Strict => return Err(decode_error(vm, codec, data, pos, pos + len, reason)),
            Handler::Ignore => {}
            Handler::Replace => out.push('\u{fffd}'),
            Handler::BackslashReplace => {
                for b in &data[pos..pos + len] {
                    let _ = write!(out, "\\x{b:02x}");
                }
            }
        }
        pos += len;
    }
    Ok(out)
}

/// `UnicodeDecodeError` for `data[start..end]`.
#[cold]
fn decode_error(vm: &mut Vm, codec: Codec, data: &[u8], start: usize, end: usize, reason: &str) -> PyErr {
    let name = codec.name();
    let msg = if end - start == 1 {
        format!("'{name}' codec can't decode byte 0x{:02x} in position {start}: {reason}", data[start])
    } else {
        format!("'{name}' codec can't decode bytes in position {start}-{}: {reason}", end - 1)
    };
    vm.new_error(ExcType::UnicodeDecodeError, msg)
}

/// `text.encode(encoding, errors)`.
pub(crate) fn encode(vm: &mut Vm, text: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = lookup_codec(vm, encoding)?;
    let limit = codec.limit();
    if codec == Codec::Utf8 || text.is_ascii() {
        return Ok(text.as_bytes().to_vec());
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut handler = None;
    let mut i = 0;
    while i < chars.len() {
        if (chars[i] as u32) < limit {
            out.push(chars[i] as u32 as u8);
            i += 1;
            continue;
        }
        // CPython reports a whole run of unencodable characters at once.
        let end = i + chars[i..].iter().take_while(|&&c| c as u32 >= limit).count();
        let h = match handler {
            Some(h) => h,
            None => *handler.insert(lookup_handler(vm, errors)?),
        };
        match h {
            Handler::Strict => return Err(encode_error(vm, codec, &chars, i, end)),
            Handler::Ignore => {}
            Handler::Replace => out.extend(std::iter::repeat_n(b'?', end - i)),
            Handler::BackslashReplace => {
                out.extend(chars[i..end].iter().flat_map(|&c| char_escape(c).into_bytes()))
            }
        }
        i = end;
    }
    Ok(out)
}

/// `UnicodeEncodeError` for `chars[start..end]`.
#[cold]
fn encode_error(vm: &mut Vm, codec: Codec, chars: &[char], start: usize, end: usize) -> PyErr {
    let (name, limit) = (codec.name(), codec.limit());
    let msg = if end - start == 1 {
        let c = char_escape(chars[start]);
        format!(
            "'{name}' codec can't encode character '{c}' in position {start}: ordinal not in range({limit})"
        )
    } else {
        let last = end - 1;
        format!("'{name}' codec can't encode characters in position {start}-{last}: ordinal not in range({limit})")
    };
    vm.new_error(ExcType::UnicodeEncodeError, msg)
}

/// A str parameter of a codec function, or `default` when absent:
/// `decode() argument 'encoding' must be str, not int`.
pub(crate) fn str_param(
    vm: &mut Vm,
    fname: &str,
    pname: &str,
    value: Option<&ObjRef>,
    default: &str,
) -> PyResult<String> {
    let Some(v) = value else { return Ok(default.to_string()) };
    match as_str(v) {
        Some(s) => Ok(s.to_string()),
        None => {
            let t = vm.type_name(v);
            Err(vm
                .new_error(ExcType::TypeError, format!("{fname}() argument '{pname}' must be str, not {t}")))
        }
    }
}

/// The `(encoding='utf-8', errors='strict')` arguments of `str.encode` and
/// `bytes.decode` (`args[0]` is `self`).
pub(crate) fn encoding_args(
    vm: &mut Vm,
    fname: &str,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
) -> PyResult<(String, String)> {
    let npos = args.len() - 1 - kw.map_or(0, <[ObjRef]>::len);
    arg_count_tuple(vm, fname, npos, 0, 2)?;
    let a = bind(vm, fname, &args[1..], kw, &["encoding", "errors"])?;
    let encoding = str_param(vm, fname, "encoding", a[0].as_ref(), "utf-8")?;
    let errors = str_param(vm, fname, "errors", a[1].as_ref(), "strict")?;
    Ok((encoding, errors))
}

/// `str(object='', encoding='utf-8', errors='strict')` with an encoding or
/// errors given, or with keywords: decodes a bytes object.
pub(crate) fn construct_str(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    let npos = args.len() - kwnames.map_or(0, <[ObjRef]>::len);
    arg_count_tuple(vm, "str", npos, 0, 3)?;
    let a = bind(vm, "str", args, kwnames, &["object", "encoding", "errors"])?;
    let Some(obj) = &a[0] else { return Ok(vm.empty_str.clone()) };
    if a[1].is_none() && a[2].is_none() {
        return vm.to_str(obj);
    }
    let encoding = str_param(vm, "str", "encoding", a[1].as_ref(), "utf-8")?;
    let errors = str_param(vm, "str", "errors", a[2].as_ref(), "strict")?;
    let Some(data) = as_bytes(obj) else {
        let t = vm.type_name(obj);
        let msg = if as_str(obj).is_some() {
            "decoding str is not supported".to_string()
        } else {
            format!("decoding to str: need a bytes-like object, {t} found")
        };
        return Err(vm.new_error(ExcType::TypeError, msg));
    };
    let text = decode(vm, data, &encoding, &errors)?;
    vm.new_str(&text)
}
