//! File objects, what `open()` returns: CPython's stack of `FileIO`, a
//! buffered layer and (for text) `TextIOWrapper`, as one object over a
//! `std::fs::File`, with CPython's type names (`_io.TextIOWrapper`,
//! `_io.BufferedReader`, `_io.BufferedWriter`, `_io.BufferedRandom`).
//!
//! Text files decode and encode with the codecs of `methods/codecs.rs` and
//! treat line endings as CPython does: with `newline=None` (the default) any
//! of `\n`, `\r\n` and `\r` ends a line and reads as `\n`; `newline=''` splits
//! the same way without translating; `'\n'`, `'\r'` or `'\r\n'` is the only
//! ending, and writing turns `\n` into it. Binary files read and write bytes
//! and split lines at `\n`.
//!
//! Reads fill a buffer a chunk at a time; writes wait in a buffer of the same
//! size until it fills, `flush()`, `close()`, a seek or a read. Dropping the
//! payload flushes (then `std` closes the descriptor), so a file object
//! freed by reference counting — `open('x', 'w').write('hi')` — has written
//! its data, as in CPython. `tell()` is the byte offset of the next
//! character (CPython's cookie for these codecs); seeking a text file takes
//! such an offset.

use std::cell::RefCell;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

use refpy_heap::ObjRef;

use crate::args::{arg_count_tuple, bind, index_arg};
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyErr, PyResult};
use crate::methods::codecs;
use crate::methods::{self_arg, Method};
use crate::objects::bytes::as_bytes;
use crate::objects::int::{as_i64, is_int};
use crate::objects::str::as_str;
use crate::Vm;

/// Bytes read from the OS at a time, and how many written bytes wait before
/// they go to it (CPython's `DEFAULT_BUFFER_SIZE`).
pub(crate) const CHUNK: usize = 8192;

/// `TextIOWrapper.__basicsize__` in CPython 3.11.
const TEXTIO_BASICSIZE: usize = 192;

/// `BufferedReader.__basicsize__` (and Writer's, Random's) in CPython 3.11.
const BUFFERED_BASICSIZE: usize = 152;

/// How a text file splits and translates line endings (`newline=`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Newline {
    /// `None`: `\n`, `\r\n` and `\r` end lines and read as `\n`.
    Universal,
    /// `''`: the same endings, kept as they are.
    Untranslated,
    /// `'\n'`, `'\r'` or `'\r\n'`: the one ending; writing turns `\n` into it.
    Exact(&'static str),
}

/// A text file's codec and line policy.
struct TextLayer {
    encoding: String,
    errors: String,
    newline: Newline,
    /// `buffering=1`: a write containing a line ending flushes.
    line_buffering: bool,
}

/// Payload of a file object.
pub struct FileObject {
    /// `name`: the path as given (a str or bytes object).
    name: ObjRef,
    /// `mode`: as given for text files, `FileIO`'s form (`rb+`) for binary ones.
    mode: String,
    /// The text layer; `None` for a binary file.
    text: Option<TextLayer>,
    readable: bool,
    writable: bool,
    state: RefCell<FileState>,
}

/// What changes while a file is used. Read-ahead and pending writes never
/// coexist: a read flushes the writes, a write first seeks back over the
/// read-ahead.
struct FileState {
    /// The open file; `None` once closed.
    file: Option<File>,
    /// Bytes read from the OS and not used yet, from `raw[rpos..]`: a binary
    /// file's read-ahead, or the start of a character a text read cut.
    raw: Vec<u8>,
    rpos: usize,
    /// Decoded text not returned yet, from `text[tpos..]`, newlines untranslated.
    text: String,
    tpos: usize,
    /// Bytes written and not yet given to the OS.
    wbuf: Vec<u8>,
    /// False from `next()` until iteration ends or a seek (CPython's
    /// `telling`): `tell()` then raises.
    telling: bool,
}

impl Drop for FileState {
    /// A dying file writes what it kept back; an error has no one to hear it.
    fn drop(&mut self) {
        let _ = self.flush_writes();
    }
}

/// The error of using a closed file (never reached: callers check first).
fn closed_io_error() -> std::io::Error {
    std::io::Error::other("I/O operation on closed file")
}

impl FileState {
    fn file(&mut self) -> std::io::Result<&mut File> {
        self.file.as_mut().ok_or_else(closed_io_error)
    }

    /// Gives the pending writes to the OS.
    fn flush_writes(&mut self) -> std::io::Result<()> {
        if self.wbuf.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut self.wbuf);
        self.file()?.write_all(&data)
    }

    /// Reads up to [`CHUNK`] more bytes onto `raw`; how many (0 at the end).
    fn fill_raw(&mut self) -> std::io::Result<usize> {
        self.flush_writes()?;
        self.raw.drain(..self.rpos);
        self.rpos = 0;
        let old = self.raw.len();
        self.raw.resize(old + CHUNK, 0);
        let read = loop {
            let Some(file) = self.file.as_mut() else { break Err(closed_io_error()) };
            match file.read(&mut self.raw[old..]) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                r => break r,
            }
        };
        let n = *read.as_ref().unwrap_or(&0);
        self.raw.truncate(old + n);
        read
    }

    /// Everything from the read position to the end of the file.
    fn read_rest_raw(&mut self) -> std::io::Result<Vec<u8>> {
        self.flush_writes()?;
        let mut data = self.raw.split_off(self.rpos);
        self.raw.clear();
        self.rpos = 0;
        self.file()?.read_to_end(&mut data)?;
        Ok(data)
    }

    /// Forgets the read-ahead (after a seek).
    fn discard_reads(&mut self) {
        self.raw.clear();
        self.text.clear();
        (self.rpos, self.tpos) = (0, 0);
    }

    /// True if bytes or text were read ahead and not returned.
    fn has_read_ahead(&self) -> bool {
        self.rpos < self.raw.len() || self.tpos < self.text.len()
    }

    /// Moves the OS position (after flushing and dropping the read-ahead).
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.flush_writes()?;
        self.discard_reads();
        self.telling = true;
        self.file()?.seek(to)
    }

    /// Takes `text[tpos..tpos + len]`, translating line endings under `Universal`.
    fn take_text(&mut self, len: usize, newline: Newline) -> String {
        let s = &self.text[self.tpos..self.tpos + len];
        self.tpos += len;
        if newline == Newline::Universal && s.contains('\r') {
            s.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            s.to_string()
        }
    }

    /// Takes `raw[rpos..rpos + len]`.
    fn take_raw(&mut self, len: usize) -> Vec<u8> {
        let v = self.raw[self.rpos..self.rpos + len].to_vec();
        self.rpos += len;
        v
    }
}

/// How many bytes at the end of `data` start a UTF-8 character that the
/// next read may complete (kept for it rather than decoded as an error).
fn incomplete_utf8_tail(data: &[u8]) -> usize {
    for back in 1..=data.len().min(3) {
        let b = data[data.len() - back];
        if b & 0xC0 == 0x80 {
            continue;
        }
        let need = match b {
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
        return if need > back { back } else { 0 };
    }
    0
}

/// Where the first line of `text` ends (after its line ending); `None`
/// when no ending is there yet, or a final `\r` may be half of `\r\n`.
fn line_end(text: &str, newline: Newline) -> Option<usize> {
    match newline {
        Newline::Exact(ending) => text.find(ending).map(|i| i + ending.len()),
        Newline::Universal | Newline::Untranslated => {
            let i = text.find(['\r', '\n'])?;
            match (text.as_bytes()[i], text.as_bytes().get(i + 1)) {
                (b'\n', _) => Some(i + 1),
                (_, Some(b'\n')) => Some(i + 2),
                (_, Some(_)) => Some(i + 1),
                (_, None) => None,
            }
        }
    }
}

/// The byte length of the first `n` characters of `text` (`\r\n` counting
/// as one under `Universal`); `None` if `text` is shorter, or if the count
/// ends at a final `\r` that more text may turn into `\r\n` (`complete`
/// says no more follows).
fn char_prefix(text: &str, n: usize, newline: Newline, complete: bool) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    let mut count = 0;
    while count < n {
        let (_, c) = chars.next()?;
        count += 1;
        if c == '\r' && newline == Newline::Universal {
            match chars.peek() {
                Some((_, '\n')) => {
                    chars.next();
                }
                None if !complete => return None,
                _ => {}
            }
        }
    }
    Some(chars.peek().map_or(text.len(), |(i, _)| *i))
}

/// A file operation, for CPython's messages about closed and unsuitable files.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Read,
    ReadLine,
    ReadLines,
    Next,
    Write,
    WriteLines,
    Seek,
    Tell,
    Flush,
    Truncate,
    /// `fileno`, `isatty`, `readable`, `writable`, `seekable`.
    Query,
    /// `__iter__`, `__enter__`.
    Other,
}

impl FileObject {
    fn binary(&self) -> bool {
        self.text.is_none()
    }

    fn is_closed(&self) -> bool {
        self.state.borrow().file.is_none()
    }

    /// `ValueError`'s text for `op` on a closed file (the binary classes
    /// word some of them their own way).
    fn closed_message(&self, op: Op) -> &'static str {
        match (self.binary(), op) {
            (_, Op::Query) | (true, Op::Tell) => "I/O operation on closed file",
            (true, Op::Read) => "read of closed file",
            (true, Op::ReadLine | Op::Next) => "readline of closed file",
            (true, Op::Write) => "write to closed file",
            (true, Op::Seek) => "seek of closed file",
            (true, Op::Truncate) => "truncate of closed file",
            (true, Op::Flush) if self.writable => "flush of closed file",
            _ => "I/O operation on closed file.",
        }
    }

    /// `io.UnsupportedOperation`'s text when the file cannot do `op`.
    fn unsupported_message(&self, op: Op) -> Option<&'static str> {
        let reads = matches!(op, Op::Read | Op::ReadLine | Op::ReadLines | Op::Next);
        let writes = matches!(op, Op::Write | Op::WriteLines);
        Some(match (self.binary(), op) {
            (_, Op::Truncate) if !self.writable => "truncate",
            (true, _) if reads && !self.readable => "read",
            (true, _) if writes && !self.writable => "write",
            (false, _) if reads && !self.readable => "not readable",
            (false, _) if writes && !self.writable => "not writable",
            _ => return None,
        })
    }
}

/// Checks that `f` is open and can do `op`, in CPython's order: a binary
/// file that cannot read or write says so before saying it is closed.
fn ready(vm: &mut Vm, f: &FileObject, op: Op) -> PyResult<()> {
    let unsupported = f.unsupported_message(op);
    let early = f.binary() && matches!(op, Op::Read | Op::ReadLine | Op::Next | Op::Write);
    match unsupported {
        Some(msg) if early => Err(vm.new_error(ExcType::UnsupportedOperation, msg)),
        _ if f.is_closed() => Err(vm.new_error(ExcType::ValueError, f.closed_message(op))),
        Some(msg) => Err(vm.new_error(ExcType::UnsupportedOperation, msg)),
        None => Ok(()),
    }
}

/// The file of a method call (`args[0]`).
fn this<'a>(vm: &mut Vm, args: &'a [ObjRef], name: &str) -> PyResult<&'a FileObject> {
    self_arg(vm, args, "TextIOWrapper", name, |o| o.downcast::<FileObject>())
}

/// The file and the positional arguments of a method taking at most `max` of them.
fn method_args<'a>(
    vm: &mut Vm,
    args: &'a [ObjRef],
    kw: Option<&[ObjRef]>,
    name: &str,
    max: usize,
) -> PyResult<(&'a FileObject, &'a [ObjRef])> {
    no_kwargs(vm, name, kw)?;
    let f = this(vm, args, name)?;
    arg_count(vm, name, &args[1..], 0, max)?;
    Ok((f, &args[1..]))
}

/// A size argument: an int or `None`; `None` (read everything) for `None`
/// and negative sizes.
fn size_arg(vm: &mut Vm, v: Option<&ObjRef>) -> PyResult<Option<usize>> {
    let Some(v) = v.filter(|v| !v.is(&vm.none)) else { return Ok(None) };
    if !is_int(v) {
        let t = vm.type_name(v);
        return Err(
            vm.new_error(ExcType::TypeError, format!("argument should be integer or None, not '{t}'"))
        );
    }
    match as_i64(v) {
        Some(n) => Ok(usize::try_from(n).ok()),
        None => Err(vm.new_error(ExcType::OverflowError, "cannot fit 'int' into an index-sized integer")),
    }
}

/// The methods of file objects.
pub(crate) const METHODS: &[Method] = &[
    ("read", file_read),
    ("readline", file_readline),
    ("readlines", file_readlines),
    ("write", file_write),
    ("writelines", file_writelines),
    ("close", file_close),
    ("flush", file_flush),
    ("seek", file_seek),
    ("tell", file_tell),
    ("truncate", file_truncate),
    ("fileno", file_fileno),
    ("isatty", file_isatty),
    ("readable", file_readable),
    ("writable", file_writable),
    ("seekable", file_seekable),
    ("__iter__", file_iter),
    ("__next__", file_next),
    ("__enter__", file_enter),
    ("__exit__", file_exit),
];

impl Vm {
    /// An OSError for a failed read, write or seek (no file name, as CPython's).
    #[cold]
    fn io_error(&mut self, e: &std::io::Error) -> PyErr {
        self.os_error_from_io(e, None, None)
    }

    /// Decodes more of a text file into `st.text`; false at the end of the file.
    fn fill_text(&mut self, layer: &TextLayer, st: &mut FileState) -> PyResult<bool> {
        st.text.drain(..st.tpos);
        st.tpos = 0;
        let n = st.fill_raw().map_err(|e| self.io_error(&e))?;
        let pending = &st.raw[st.rpos..];
        let take = if n == 0 { pending.len() } else { pending.len() - incomplete_utf8_tail(pending) };
        if n == 0 && take == 0 {
            return Ok(false);
        }
        let s = codecs::decode(self, &pending[..take], &layer.encoding, &layer.errors)?;
        st.rpos += take;
        st.text.push_str(&s);
        Ok(true)
    }

    /// `read(n)` of a text file: `n` characters, or all that is left.
    fn read_text(&mut self, layer: &TextLayer, st: &mut FileState, n: Option<usize>) -> PyResult<String> {
        let Some(n) = n else {
            let data = st.read_rest_raw().map_err(|e| self.io_error(&e))?;
            let rest = codecs::decode(self, &data, &layer.encoding, &layer.errors)?;
            st.text.push_str(&rest);
            let len = st.text.len() - st.tpos;
            return Ok(st.take_text(len, layer.newline));
        };
        loop {
            if let Some(end) = char_prefix(&st.text[st.tpos..], n, layer.newline, false) {
                return Ok(st.take_text(end, layer.newline));
            }
            if !self.fill_text(layer, st)? {
                let len = st.text.len() - st.tpos;
                return Ok(st.take_text(len, layer.newline));
            }
        }
    }

    /// `readline(limit)` of a text file: the next line, at most `limit` characters.
    fn readline_text(
        &mut self,
        layer: &TextLayer,
        st: &mut FileState,
        limit: Option<usize>,
    ) -> PyResult<String> {
        loop {
            let rest = &st.text[st.tpos..];
            let line = line_end(rest, layer.newline);
            let region = &rest[..line.unwrap_or(rest.len())];
            let cut = limit.and_then(|n| char_prefix(region, n, layer.newline, line.is_some()));
            if let Some(end) = cut.or(line) {
                return Ok(st.take_text(end, layer.newline));
            }
            if !self.fill_text(layer, st)? {
                let len = st.text.len() - st.tpos;
                return Ok(st.take_text(len, layer.newline));
            }
        }
    }

    /// `read(n)` of a binary file: `n` bytes, or all that is left.
    fn read_binary(&mut self, st: &mut FileState, n: Option<usize>) -> PyResult<Vec<u8>> {
        let Some(n) = n else { return st.read_rest_raw().map_err(|e| self.io_error(&e)) };
        while st.raw.len() - st.rpos < n {
            if st.fill_raw().map_err(|e| self.io_error(&e))? == 0 {
                break;
            }
        }
        let len = n.min(st.raw.len() - st.rpos);
        Ok(st.take_raw(len))
    }

    /// `readline(limit)` of a binary file: up to and including `\n`.
    fn readline_binary(&mut self, st: &mut FileState, limit: Option<usize>) -> PyResult<Vec<u8>> {
        let mut searched = 0;
        loop {
            let rest = &st.raw[st.rpos..];
            let line = rest[searched..].iter().position(|&b| b == b'\n').map(|i| searched + i + 1);
            let end = match (line, limit) {
                (Some(e), Some(n)) => Some(e.min(n)),
                (None, Some(n)) if rest.len() >= n => Some(n),
                (e, _) => e,
            };
            if let Some(end) = end {
                return Ok(st.take_raw(end));
            }
            searched = rest.len();
            if st.fill_raw().map_err(|e| self.io_error(&e))? == 0 {
                let len = st.raw.len() - st.rpos;
                return Ok(st.take_raw(len));
            }
        }
    }

    /// The next line as an object (`''`/`b''` at the end).
    fn file_readline_obj(&mut self, f: &FileObject, limit: Option<usize>) -> PyResult {
        let mut st = f.state.borrow_mut();
        match &f.text {
            Some(layer) => {
                let line = self.readline_text(layer, &mut st, limit)?;
                drop(st);
                self.new_str(&line)
            }
            None => {
                let line = self.readline_binary(&mut st, limit)?;
                drop(st);
                self.new_bytes(&line)
            }
        }
    }

    /// The position `tell()` reports: the OS position, plus the pending
    /// writes, less the read-ahead (text read ahead counted in the bytes
    /// it encodes to).
    fn file_position(&mut self, f: &FileObject, st: &mut FileState) -> PyResult<u64> {
        let os = st.file().and_then(|file| file.stream_position()).map_err(|e| self.io_error(&e))?;
        let mut ahead = (st.raw.len() - st.rpos) as u64;
        if let Some(layer) = f.text.as_ref().filter(|_| st.tpos < st.text.len()) {
            let rest = st.text[st.tpos..].to_string();
            ahead += codecs::encode(self, &rest, &layer.encoding, "replace")?.len() as u64;
        }
        Ok((os + st.wbuf.len() as u64).saturating_sub(ahead))
    }

    /// Writes `data` through the write buffer: a binary file at its
    /// position, a text file where its reading stopped asking the OS
    /// (CPython's text layer drops what it read ahead without seeking back,
    /// so a write after a short read in `r+` lands after that chunk).
    fn write_file_bytes(&mut self, f: &FileObject, data: &[u8]) -> PyResult<()> {
        let mut st = f.state.borrow_mut();
        if st.has_read_ahead() && f.binary() {
            let pos = self.file_position(f, &mut st)?;
            st.seek(SeekFrom::Start(pos)).map_err(|e| self.io_error(&e))?;
        }
        st.discard_reads();
        st.wbuf.extend_from_slice(data);
        if st.wbuf.len() >= CHUNK {
            st.flush_writes().map_err(|e| self.io_error(&e))?;
        }
        Ok(())
    }

    /// `write(s)` of either kind of file: how many characters or bytes.
    fn write_file_obj(&mut self, f: &FileObject, v: &ObjRef) -> PyResult<i64> {
        let Some(layer) = &f.text else {
            let data = self.bytes_like(v)?;
            self.write_file_bytes(f, data)?;
            return Ok(data.len() as i64);
        };
        let text = crate::objects::textio::write_arg(self, v)?;
        let translated = match layer.newline {
            Newline::Exact(ending) if ending != "\n" => std::borrow::Cow::Owned(text.replace('\n', ending)),
            _ => std::borrow::Cow::Borrowed(text),
        };
        let data = codecs::encode(self, &translated, &layer.encoding, &layer.errors)?;
        self.write_file_bytes(f, &data)?;
        if layer.line_buffering && text.contains(['\n', '\r']) {
            let flushed = f.state.borrow_mut().flush_writes();
            flushed.map_err(|e| self.io_error(&e))?;
        }
        Ok(text.chars().count() as i64)
    }

    /// `close()`: flushes, then closes; closing twice does nothing.
    fn close_file(&mut self, f: &FileObject) -> PyResult<()> {
        let mut st = f.state.borrow_mut();
        if st.file.is_none() {
            return Ok(());
        }
        let flushed = st.flush_writes();
        st.discard_reads();
        st.file = None;
        drop(st);
        flushed.map_err(|e| self.io_error(&e))
    }

    /// `repr()` of a file, as CPython shows it (the name is a str or bytes,
    /// whose repr cannot fail).
    pub(crate) fn file_repr(&mut self, f: &FileObject) -> String {
        let name = self.repr_string(&f.name).unwrap_or_default();
        let ty = if f.readable && f.writable {
            "BufferedRandom"
        } else if f.readable {
            "BufferedReader"
        } else {
            "BufferedWriter"
        };
        match &f.text {
            Some(layer) => {
                let mode = crate::objects::str::str_repr(&f.mode);
                let encoding = crate::objects::str::str_repr(&layer.encoding);
                format!("<_io.TextIOWrapper name={name} mode={mode} encoding={encoding}>")
            }
            None => format!("<_io.{ty} name={name}>"),
        }
    }

    /// The data attributes of a file (`name`, `mode`, `closed`, and a text
    /// file's `encoding`, `errors`, `line_buffering`); `None` for others.
    pub(crate) fn file_attr(&mut self, f: &FileObject, name: &str) -> PyResult<Option<ObjRef>> {
        let layer = f.text.as_ref();
        Ok(Some(match (name, layer) {
            ("name", _) => f.name.clone(),
            ("mode", _) => self.new_str(&f.mode)?,
            ("closed", _) => self.new_bool(f.is_closed()),
            ("encoding", Some(l)) => self.new_str(&l.encoding)?,
            ("errors", Some(l)) => self.new_str(&l.errors)?,
            ("line_buffering", Some(l)) => self.new_bool(l.line_buffering),
            _ => return Ok(None),
        }))
    }

    /// `next(f)`: the next line, `None` at the end of the file.
    pub(crate) fn file_next_line(&mut self, it: &ObjRef) -> PyResult<Option<ObjRef>> {
        let Some(f) = it.downcast::<FileObject>() else { return Ok(None) };
        ready(self, f, Op::Next)?;
        f.state.borrow_mut().telling = f.binary();
        let line = self.file_readline_obj(f, None)?;
        if self.is_true(&line)? {
            return Ok(Some(line));
        }
        f.state.borrow_mut().telling = true;
        Ok(None)
    }

    /// `iter(f)`: the file itself, if open.
    pub(crate) fn file_iter_self(&mut self, obj: &ObjRef) -> PyResult {
        if let Some(f) = obj.downcast::<FileObject>() {
            ready(self, f, Op::Other)?;
        }
        Ok(obj.clone())
    }
}

/// `read(size=-1)`.
fn file_read(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (f, a) = method_args(vm, args, kw, "read", 1)?;
    let n = size_arg(vm, a.first())?;
    ready(vm, f, Op::Read)?;
    let mut st = f.state.borrow_mut();
    match &f.text {
        Some(layer) => {
            let s = vm.read_text(layer, &mut st, n)?;
            drop(st);
            vm.new_str(&s)
        }
        None => {
            if a.first().and_then(as_i64).is_some_and(|n| n < -1) {
                return Err(vm.new_error(ExcType::ValueError, "read length must be non-negative or -1"));
            }
            let data = vm.read_binary(&mut st, n)?;
            drop(st);
            vm.new_bytes(&data)
        }
    }
}

/// `readline(size=-1)`.
fn file_readline(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (f, a) = method_args(vm, args, kw, "readline", 1)?;
    let limit = match a.first() {
        Some(v) if !f.binary() => usize::try_from(index_arg(vm, v)?).ok(),
        v => size_arg(vm, v)?,
    };
    ready(vm, f, Op::ReadLine)?;
    vm.file_readline_obj(f, limit)
}

/// `readlines(hint=-1)`: the lines left, stopping once they hold `hint`
/// characters (bytes) or more.
fn file_readlines(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (f, a) = method_args(vm, args, kw, "readlines", 1)?;
    let hint = size_arg(vm, a.first())?.filter(|&h| h > 0);
    ready(vm, f, Op::ReadLines)?;
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let line = vm.file_readline_obj(f, None)?;
        let len = as_str(&line).map_or_else(|| as_bytes(&line).map_or(0, <[u8]>::len), |s| s.chars().count());
        if len == 0 {
            break;
        }
        lines.push(line);
        total += len;
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    vm.new_list(lines)
}

/// `write(s)`: the number of characters (bytes) written.
fn file_write(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "write", kw)?;
    let f = this(vm, args, "write")?;
    let qualified = format!("{}.write", vm.type_name(&args[0]));
    arg_count(vm, &qualified, &args[1..], 1, 1)?;
    ready(vm, f, Op::Write)?;
    let n = vm.write_file_obj(f, &args[1])?;
    vm.new_int(n)
}

/// `writelines(lines)`: writes each item, adding no line endings.
fn file_writelines(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "writelines", kw)?;
    let f = this(vm, args, "writelines")?;
    arg_count(vm, "writelines", &args[1..], 1, 1)?;
    ready(vm, f, Op::WriteLines)?;
    let it = vm.get_iter(&args[1])?;
    while let Some(item) = vm.iter_next(&it)? {
        ready(vm, f, Op::WriteLines)?;
        vm.write_file_obj(f, &item)?;
    }
    Ok(vm.none.clone())
}

/// `close()`.
fn file_close(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (f, _) = method_args(vm, args, kw, "close", 0)?;
    vm.close_file(f)?;
    Ok(vm.none.clone())
}

/// `flush()`: gives the pending writes to the OS.
fn file_flush(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (f, _) = method_args(vm, args, kw, "flush", 0)?;
    ready(vm, f, Op::Flush)?;
    let flushed = f.state.borrow_mut().flush_writes();
    flushed.map_err(|e| vm.io_error(&e))?;
    Ok(vm.none.clone())
}

/// `seek(offset, whence=0)`: the new position. Text files take only
/// offsets from `tell()` and a zero offset from the current position or
/// the end; binary files any offset.
fn file_seek(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "seek", kw)?;
    let f = this(vm, args, "seek")?;
    arg_count(vm, "seek", &args[1..], 1, 2)?;
    let offset = index_arg(vm, &args[1])?;
    let whence = match args.get(2) {
        Some(w) => i64::from(crate::args::c_int_arg(vm, w)?),
        None => 0,
    };
    ready(vm, f, Op::Seek)?;
    if !(0..=2).contains(&whence) {
        let msg = format!("invalid whence ({whence}, should be 0, 1 or 2)");
        return Err(vm.new_error(ExcType::ValueError, msg));
    }
    let mut st = f.state.borrow_mut();
    let target = match (f.binary(), whence) {
        (false, 1 | 2) if offset != 0 => {
            let from = if whence == 1 { "cur" } else { "end" };
            let msg = format!("can't do nonzero {from}-relative seeks");
            return Err(vm.new_error(ExcType::UnsupportedOperation, msg));
        }
        (false, 0) if offset < 0 => {
            return Err(vm.new_error(ExcType::ValueError, format!("negative seek position {offset}")));
        }
        (_, 2) => SeekFrom::End(offset),
        (_, 1) => {
            let here = vm.file_position(f, &mut st)?;
            let to = (here as i64).saturating_add(offset);
            SeekFrom::Start(u64::try_from(to).map_err(|_| vm.io_error(&einval()))?)
        }
        _ => SeekFrom::Start(u64::try_from(offset).map_err(|_| vm.io_error(&einval()))?),
    };
    let pos = st.seek(target).map_err(|e| vm.io_error(&e))?;
    drop(st);
    vm.new_int(pos as i64)
}

/// `EINVAL`, what the OS answers a seek before the start.
fn einval() -> std::io::Error {
    std::io::Error::from_raw_os_error(22)
}

/// `tell()`: the byte offset of the next read or write.
fn file_tell(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (f, _) = method_args(vm, args, kw, "tell", 0)?;
    ready(vm, f, Op::Tell)?;
    let mut st = f.state.borrow_mut();
    if !st.telling {
        drop(st);
        return Err(vm.new_error(ExcType::OSError, "telling position disabled by next() call"));
    }
    let pos = vm.file_position(f, &mut st)?;
    drop(st);
    vm.new_int(pos as i64)
}

/// `truncate(size=None)`: cuts the file at `size` (default: the current
/// position), which does not move; returns `size`.
fn file_truncate(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (f, a) = method_args(vm, args, kw, "truncate", 1)?;
    ready(vm, f, Op::Truncate)?;
    let mut st = f.state.borrow_mut();
    let size = match a.first().filter(|v| !v.is(&vm.none)) {
        Some(v) => {
            let v = v.clone();
            index_arg(vm, &v)?
        }
        None => vm.file_position(f, &mut st)? as i64,
    };
    let size_u = u64::try_from(size).map_err(|_| vm.io_error(&einval()))?;
    let done = st.flush_writes().and_then(|()| st.file()?.set_len(size_u));
    drop(st);
    done.map_err(|e| vm.io_error(&e))?;
    vm.new_int(size)
}

/// `fileno()`: the OS file descriptor.
fn file_fileno(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    use std::os::fd::AsRawFd;
    let (f, _) = method_args(vm, args, kw, "fileno", 0)?;
    ready(vm, f, Op::Query)?;
    let fd = f.state.borrow().file.as_ref().map_or(-1, AsRawFd::as_raw_fd);
    vm.new_int(i64::from(fd))
}

/// `isatty()`.
fn file_isatty(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    use std::io::IsTerminal;
    let (f, _) = method_args(vm, args, kw, "isatty", 0)?;
    ready(vm, f, Op::Query)?;
    let tty = f.state.borrow().file.as_ref().is_some_and(IsTerminal::is_terminal);
    Ok(vm.new_bool(tty))
}

/// `readable()` / `writable()`: `False` without asking whether the file is
/// open when the mode rules it out, as CPython's buffered classes do.
fn can(
    vm: &mut Vm,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
    name: &str,
    able: fn(&FileObject) -> bool,
) -> PyResult {
    let (f, _) = method_args(vm, args, kw, name, 0)?;
    if able(f) {
        ready(vm, f, Op::Query)?;
    }
    Ok(vm.new_bool(able(f)))
}

fn file_readable(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    can(vm, args, kw, "readable", |f| f.readable)
}

fn file_writable(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    can(vm, args, kw, "writable", |f| f.writable)
}

/// `seekable()`: whether the OS can move the position (not for pipes).
fn file_seekable(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (f, _) = method_args(vm, args, kw, "seekable", 0)?;
    ready(vm, f, Op::Query)?;
    let seekable = f.state.borrow_mut().file().is_ok_and(|file| file.stream_position().is_ok());
    Ok(vm.new_bool(seekable))
}

/// `__iter__()`: the file itself.
fn file_iter(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    method_args(vm, args, kw, "__iter__", 0)?;
    vm.file_iter_self(&args[0])
}

/// `__next__()`: the next line; `StopIteration` at the end.
fn file_next(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    method_args(vm, args, kw, "__next__", 0)?;
    match vm.file_next_line(&args[0])? {
        Some(line) => Ok(line),
        None => Err(vm.new_error_noargs(ExcType::StopIteration)),
    }
}

/// `__enter__()`: the file itself, if open.
fn file_enter(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    method_args(vm, args, kw, "__enter__", 0)?;
    vm.file_iter_self(&args[0])
}

/// `__exit__(*exc_info)`: closes the file; never suppresses the exception.
fn file_exit(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "__exit__", kw)?;
    let f = this(vm, args, "__exit__")?;
    vm.close_file(f)?;
    Ok(vm.none.clone())
}

/// The flags of an `open()` mode string.
#[derive(Default)]
struct OpenMode {
    create: bool,
    read: bool,
    write: bool,
    append: bool,
    plus: bool,
    binary: bool,
}

impl OpenMode {
    /// Parses `mode` with the checks and messages of CPython's `open()`
    /// (a mode with none of `xrwa` is [`OpenMode::check_one`]'s error).
    fn parse(vm: &mut Vm, mode: &str) -> PyResult<OpenMode> {
        let mut m = OpenMode::default();
        let mut text = false;
        for c in mode.chars() {
            let flag = match c {
                'x' => &mut m.create,
                'r' => &mut m.read,
                'w' => &mut m.write,
                'a' => &mut m.append,
                '+' => &mut m.plus,
                'b' => &mut m.binary,
                't' => &mut text,
                _ => return Err(vm.new_error(ExcType::ValueError, format!("invalid mode: '{mode}'"))),
            };
            if *flag {
                return Err(vm.new_error(ExcType::ValueError, format!("invalid mode: '{mode}'")));
            }
            *flag = true;
        }
        if text && m.binary {
            return Err(vm.new_error(ExcType::ValueError, "can't have text and binary mode at once"));
        }
        if m.kinds() > 1 {
            return Err(
                vm.new_error(ExcType::ValueError, "must have exactly one of create/read/write/append mode")
            );
        }
        Ok(m)
    }

    /// How many of create, read, write and append the mode asks for.
    fn kinds(&self) -> usize {
        [self.create, self.read, self.write, self.append].iter().filter(|&&b| b).count()
    }

    /// `FileIO`'s complaint about a mode with none of `xrwa` (`'b'`, `'+'`).
    fn check_one(&self, vm: &mut Vm) -> PyResult<()> {
        if self.kinds() == 0 {
            let msg = "Must have exactly one of create/read/write/append mode and at most one plus";
            return Err(vm.new_error(ExcType::ValueError, msg));
        }
        Ok(())
    }

    fn readable(&self) -> bool {
        self.read || self.plus
    }

    fn writable(&self) -> bool {
        !self.read || self.plus
    }

    /// `FileIO.mode`, which a binary file shows: `rb`, `wb`, `ab`, `xb`, `rb+`, …
    fn raw_mode(&self) -> String {
        let base = match (self.create, self.append, self.read || self.plus) {
            (true, ..) => "xb",
            (_, true, _) => "ab",
            (_, _, true) => "rb",
            _ => "wb",
        };
        let plus = if self.readable() && self.writable() { "+" } else { "" };
        format!("{base}{plus}")
    }

    /// Opens `path` as the mode says, at its end for appending.
    fn open(&self, path: &PathBuf) -> std::io::Result<File> {
        let mut file = OpenOptions::new()
            .read(self.readable())
            .write(self.writable() && !self.append)
            .append(self.append)
            .create(self.write || self.append)
            .truncate(self.write)
            .create_new(self.create)
            .open(path)?;
        if file.metadata()?.is_dir() {
            return Err(std::io::Error::from_raw_os_error(21));
        }
        if self.append {
            file.seek(SeekFrom::End(0))?;
        }
        Ok(file)
    }
}

/// `os.fspath(v)`: a str or bytes object itself, or what an object's
/// `__fspath__` returns (which must be one of them); `None` for anything else.
pub(crate) fn fspath(vm: &mut Vm, v: &ObjRef) -> PyResult<Option<ObjRef>> {
    let v = match vm.user_special(v, "__fspath__", &[])? {
        Some(p) if as_str(&p).is_none() && as_bytes(&p).is_none() => {
            let (t, pt) = (vm.type_name(v), vm.type_name(&p));
            let msg = format!("expected {t}.__fspath__() to return str or bytes, not {pt}");
            return Err(vm.new_error(ExcType::TypeError, msg));
        }
        Some(p) => p,
        None => v.clone(),
    };
    Ok((as_str(&v).is_some() || as_bytes(&v).is_some()).then_some(v))
}

/// The OS path of a str or bytes path object; `ValueError: embedded null
/// byte` for one holding a NUL.
pub(crate) fn os_path(vm: &mut Vm, p: &ObjRef) -> PyResult<PathBuf> {
    let bytes = as_str(p).map(str::as_bytes).or_else(|| as_bytes(p)).unwrap_or_default();
    if bytes.contains(&0) {
        return Err(vm.new_error(ExcType::ValueError, "embedded null byte"));
    }
    Ok(PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(bytes)))
}

/// An optional str argument of `open()`: `None`, or CPython's TypeError.
fn opt_str_arg(vm: &mut Vm, pname: &str, v: Option<&ObjRef>) -> PyResult<Option<String>> {
    let Some(v) = v.filter(|v| !v.is(&vm.none)) else { return Ok(None) };
    match as_str(v) {
        Some(s) => Ok(Some(s.to_string())),
        None => {
            let t = vm.type_name(v);
            let msg = format!("open() argument '{pname}' must be str or None, not {t}");
            Err(vm.new_error(ExcType::TypeError, msg))
        }
    }
}

/// The `newline=` policy, or CPython's `illegal newline value`.
fn newline_arg(vm: &mut Vm, newline: Option<&str>) -> PyResult<Newline> {
    Ok(match newline {
        None => Newline::Universal,
        Some("") => Newline::Untranslated,
        Some("\n") => Newline::Exact("\n"),
        Some("\r") => Newline::Exact("\r"),
        Some("\r\n") => Newline::Exact("\r\n"),
        Some(other) => {
            return Err(vm.new_error(ExcType::ValueError, format!("illegal newline value: {other}")))
        }
    })
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None,
/// newline=None, closefd=True, opener=None)`. File descriptors and
/// `opener` are not supported (TypeError saying so).
pub(crate) fn builtin_open(vm: &mut Vm, args: &[ObjRef], kwnames: Option<&[ObjRef]>) -> PyResult {
    const PARAMS: [&str; 8] =
        ["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"];
    arg_count_tuple(vm, "open", args.len() - kwnames.map_or(0, <[ObjRef]>::len), 0, 8)?;
    let a = bind(vm, "open", args, kwnames, &PARAMS)?;
    let Some(file) = &a[0] else {
        return Err(vm.new_error(ExcType::TypeError, "open() missing required argument 'file' (pos 1)"));
    };
    let mode = codecs::str_param(vm, "open", "mode", a[1].as_ref(), "r")?;
    let buffering = a[2].as_ref().map(|b| crate::args::c_int_arg(vm, b)).transpose()?.unwrap_or(-1);
    let encoding = opt_str_arg(vm, "encoding", a[3].as_ref())?;
    let errors = opt_str_arg(vm, "errors", a[4].as_ref())?;
    let newline = opt_str_arg(vm, "newline", a[5].as_ref())?;
    let closefd = a[6].as_ref().map(|c| vm.is_true(c)).transpose()?.unwrap_or(true);
    if a[7].as_ref().is_some_and(|o| !o.is(&vm.none)) {
        return Err(
            vm.new_error(ExcType::TypeError, "open() argument 'opener' is not supported by refpy yet")
        );
    }
    if is_int(file) {
        return Err(
            vm.new_error(ExcType::TypeError, "open() of a file descriptor is not supported by refpy yet")
        );
    }
    let Some(name) = fspath(vm, file)? else {
        let t = vm.type_name(file);
        return Err(
            vm.new_error(ExcType::TypeError, format!("expected str, bytes or os.PathLike object, not {t}"))
        );
    };
    let m = OpenMode::parse(vm, &mode)?;
    if m.binary {
        let given = [(&encoding, "an encoding"), (&errors, "an errors"), (&newline, "a newline")];
        if let Some((_, what)) = given.iter().find(|(v, _)| v.is_some()) {
            return Err(
                vm.new_error(ExcType::ValueError, format!("binary mode doesn't take {what} argument"))
            );
        }
    }
    m.check_one(vm)?;
    if !closefd {
        return Err(vm.new_error(ExcType::ValueError, "Cannot use closefd=False with file name"));
    }
    let path = os_path(vm, &name)?;
    let os_file = m.open(&path).map_err(|e| vm.os_error_from_io(&e, Some(&name), None))?;
    let text = if m.binary {
        None
    } else {
        if buffering == 0 {
            return Err(vm.new_error(ExcType::ValueError, "can't have unbuffered text I/O"));
        }
        let newline = newline_arg(vm, newline.as_deref())?;
        let encoding = encoding.unwrap_or_else(|| "UTF-8".to_string());
        codecs::encode(vm, "", &encoding, "strict")?;
        let errors = errors.unwrap_or_else(|| "strict".to_string());
        Some(TextLayer { encoding, errors, newline, line_buffering: buffering == 1 })
    };
    let (ty, size) = match (&text, m.readable(), m.writable()) {
        (Some(_), ..) => (vm.types.text_file.clone(), TEXTIO_BASICSIZE),
        (None, true, true) => (vm.types.buffered_random.clone(), BUFFERED_BASICSIZE),
        (None, true, false) => (vm.types.buffered_reader.clone(), BUFFERED_BASICSIZE),
        (None, false, _) => (vm.types.buffered_writer.clone(), BUFFERED_BASICSIZE),
    };
    let payload = FileObject {
        name,
        mode: if m.binary { m.raw_mode() } else { mode },
        text,
        readable: m.readable(),
        writable: m.writable(),
        state: RefCell::new(FileState {
            file: Some(os_file),
            raw: Vec::new(),
            rpos: 0,
            text: String::new(),
            tpos: 0,
            wbuf: Vec::new(),
            telling: true,
        }),
    };
    refpy_heap::alloc(&ty, payload, size).map_err(|_| vm.memory_error())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_tail_waits_only_for_an_unfinished_character() {
        assert_eq!(incomplete_utf8_tail(b"abc"), 0);
        assert_eq!(incomplete_utf8_tail("é".as_bytes()), 0);
        assert_eq!(incomplete_utf8_tail(&"€".as_bytes()[..2]), 2);
        assert_eq!(incomplete_utf8_tail(&"😀".as_bytes()[..3]), 3);
        assert_eq!(incomplete_utf8_tail(b"a\xc3"), 1);
        assert_eq!(incomplete_utf8_tail(b"\x80\x80\x80"), 0);
    }

    #[test]
    fn line_ends_follow_the_newline_policy() {
        assert_eq!(line_end("ab\ncd", Newline::Universal), Some(3));
        assert_eq!(line_end("ab\r\ncd", Newline::Universal), Some(4));
        assert_eq!(line_end("ab\rcd", Newline::Untranslated), Some(3));
        assert_eq!(line_end("ab\r", Newline::Universal), None);
        assert_eq!(line_end("ab\rc\n", Newline::Exact("\n")), Some(5));
        assert_eq!(line_end("ab\r\n", Newline::Exact("\r\n")), Some(4));
        assert_eq!(line_end("abc", Newline::Universal), None);
    }

    #[test]
    fn char_prefix_counts_crlf_once_when_translating() {
        assert_eq!(char_prefix("a\r\nb", 2, Newline::Universal, false), Some(3));
        assert_eq!(char_prefix("a\r\nb", 2, Newline::Untranslated, false), Some(2));
        assert_eq!(char_prefix("a\r", 2, Newline::Universal, false), None);
        assert_eq!(char_prefix("a\r", 2, Newline::Universal, true), Some(2));
        assert_eq!(char_prefix("é€x", 2, Newline::Universal, false), Some(5));
        assert_eq!(char_prefix("ab", 3, Newline::Universal, true), None);
    }
}
