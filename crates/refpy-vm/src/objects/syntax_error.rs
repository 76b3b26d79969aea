//! `SyntaxError` instances at run time: a module that does not compile when
//! imported raises one. CPython keeps `msg`, `filename`, `lineno`, … in
//! `PySyntaxErrorObject`, filled by `SyntaxError.__init__` from
//! `args == (msg, (filename, lineno, offset, text, end_lineno, end_offset))`;
//! refpy reads them from `args` the same way, so every SyntaxError (raised by
//! the importer or by user code) shows the same attributes.

use refpy_heap::ObjRef;
use refpy_syntax::{SyntaxError, SyntaxErrorKind};

use crate::errors::{ExcType, PyErr, PyResult};
use crate::objects::exception::as_exception;
use crate::objects::int::as_i64;
use crate::objects::str::as_str;
use crate::objects::tuple::as_tuple;
use crate::Vm;

/// The location fields of `args[1]`, in order.
const LOCATION_FIELDS: [&str; 6] = ["filename", "lineno", "offset", "text", "end_lineno", "end_offset"];

impl Vm {
    /// The exception a compile error becomes when code is compiled at run
    /// time. `source` is the text that was compiled: CPython's `text` keeps
    /// the line's newline, which the parser's copy has dropped.
    pub(crate) fn syntax_error_exception(&mut self, e: &SyntaxError, source: &str) -> PyErr {
        let t = match e.kind {
            SyntaxErrorKind::SyntaxError => ExcType::SyntaxError,
            SyntaxErrorKind::IndentationError => ExcType::IndentationError,
            SyntaxErrorKind::TabError => ExcType::TabError,
        };
        match self.syntax_error_args(e, source) {
            Ok(args) => {
                let ty = self.exc[t as usize].clone();
                match self.new_exception(&ty, args) {
                    Ok(exc) => PyErr { exc },
                    Err(err) => err,
                }
            }
            Err(err) => err,
        }
    }

    /// `(msg, (filename, lineno, offset, text, end_lineno, end_offset))`.
    fn syntax_error_args(&mut self, e: &SyntaxError, source: &str) -> PyResult {
        let text = match &e.text {
            Some(t) => {
                let raw = source.split_inclusive('\n').nth(e.lineno.saturating_sub(1) as usize);
                let newline = if raw.is_some_and(|l| l.ends_with('\n')) { "\n" } else { "" };
                self.new_str(&format!("{t}{newline}"))?
            }
            None => self.none.clone(),
        };
        let location = vec![
            self.new_str(&e.filename)?,
            self.new_int(i64::from(e.lineno))?,
            self.new_int(i64::from(e.offset))?,
            text,
            self.new_int(i64::from(e.end_lineno))?,
            self.new_int(i64::from(e.end_offset))?,
        ];
        let location = self.new_tuple(location)?;
        let msg = self.new_str(&e.msg)?;
        self.new_tuple(vec![msg, location])
    }

    /// `msg`, `filename`, `lineno`, `offset`, `text`, `end_lineno`,
    /// `end_offset` and `print_file_and_line` of a SyntaxError (`None` when
    /// `args` does not give them); `None` for any other name.
    pub(crate) fn syntax_error_attr(&self, exc: &ObjRef, name: &str) -> Option<ObjRef> {
        let args = as_exception(exc)?.args.borrow().clone();
        let args = as_tuple(&args)?;
        let none = || self.none.clone();
        if name == "msg" {
            return Some(args.first().cloned().unwrap_or_else(none));
        }
        if name == "print_file_and_line" {
            return Some(none());
        }
        let i = LOCATION_FIELDS.iter().position(|f| *f == name)?;
        let location = match args {
            [_, info] => as_tuple(info).filter(|t| (4..=6).contains(&t.len())),
            _ => None,
        };
        Some(location.and_then(|t| t.get(i).cloned()).unwrap_or_else(none))
    }

    /// `str(SyntaxError)`: `msg (file.py, line 2)`, with the file's base name
    /// and whichever of the two parts is known.
    pub(crate) fn syntax_error_str(&mut self, exc: &ObjRef) -> PyResult<String> {
        let field = |name| self.syntax_error_attr(exc, name).unwrap_or_else(|| self.none.clone());
        let (msg, filename, lineno) = (field("msg"), field("filename"), field("lineno"));
        let msg = self.str_string(&msg)?;
        let base = as_str(&filename).map(|f| f.rsplit('/').next().unwrap_or(f).to_string());
        Ok(match (base, as_i64(&lineno)) {
            (None, None) => msg,
            (Some(f), Some(n)) => format!("{msg} ({f}, line {n})"),
            (Some(f), None) => format!("{msg} ({f})"),
            (None, Some(n)) => format!("{msg} (line {n})"),
        })
    }

    /// A SyntaxError's fields back as the parser's struct, for printing the
    /// `File "…", line N` block; `None` without an integer `lineno` (CPython
    /// then prints it like any other exception).
    pub(crate) fn syntax_error_location(&mut self, exc: &ObjRef) -> Option<SyntaxError> {
        let field = |name| self.syntax_error_attr(exc, name);
        let int_field = |name, default: i64| field(name).as_ref().and_then(as_i64).unwrap_or(default);
        let lineno = as_i64(&field("lineno")?)?;
        let to_u32 = |v: i64| u32::try_from(v).unwrap_or(0);
        let (offset, end_lineno, end_offset) =
            (int_field("offset", -1), int_field("end_lineno", lineno), int_field("end_offset", -1));
        let filename = field("filename").as_ref().and_then(as_str).unwrap_or("<string>").to_string();
        let text = field("text").as_ref().and_then(as_str).map(str::to_string);
        let msg = field("msg")?;
        let kind = if self.exc_matches(exc, ExcType::TabError) {
            SyntaxErrorKind::TabError
        } else if self.exc_matches(exc, ExcType::IndentationError) {
            SyntaxErrorKind::IndentationError
        } else {
            SyntaxErrorKind::SyntaxError
        };
        Some(SyntaxError {
            kind,
            msg: self.str_string(&msg).ok()?,
            filename,
            lineno: to_u32(lineno),
            offset: to_u32(offset),
            end_lineno: to_u32(end_lineno),
            end_offset: to_u32(end_offset),
            text,
            incomplete_input: false,
        })
    }
}
