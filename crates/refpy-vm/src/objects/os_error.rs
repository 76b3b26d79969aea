//! `OSError` and its subclasses (CPython's `oserror_*` functions):
//! `OSError(errno, strerror[, filename[, winerror[, filename2]]])` keeps
//! `errno`, `strerror`, `filename` and `filename2` beside `args`, becomes the
//! subclass its errno names when called as `OSError(…)` itself
//! (`OSError(2, 'x')` is a `FileNotFoundError`), and prints
//! `[Errno 2] No such file or directory: 'x.txt'`.
//!
//! The fields live in the exception's attribute dict, as `AttributeError`'s
//! `name` and `obj` do: a field never given is absent there and reads as
//! `None`, which is how `str()` tells "no filename" from `filename=None`
//! assigned later. Failed file-system calls become these exceptions through
//! [`Vm::os_error_from_io`].

use refpy_heap::ObjRef;

use crate::errors::{ExcType, PyErr, PyResult};
use crate::objects::int::as_i64;
use crate::objects::tuple::as_tuple;
use crate::Vm;

/// The attributes `OSError` adds to `BaseException`'s.
pub(crate) const OS_ERROR_FIELDS: [&str; 4] = ["errno", "strerror", "filename", "filename2"];

/// The subclass `OSError(errno, …)` becomes (CPython's `errnomap`), with
/// Linux's errno numbers.
const ERRNO_CLASSES: &[(i64, ExcType)] = {
    use ExcType::*;
    &[
        (11, BlockingIOError),         // EAGAIN, EWOULDBLOCK
        (114, BlockingIOError),        // EALREADY
        (115, BlockingIOError),        // EINPROGRESS
        (10, ChildProcessError),       // ECHILD
        (32, BrokenPipeError),         // EPIPE
        (108, BrokenPipeError),        // ESHUTDOWN
        (103, ConnectionAbortedError), // ECONNABORTED
        (111, ConnectionRefusedError), // ECONNREFUSED
        (104, ConnectionResetError),   // ECONNRESET
        (17, FileExistsError),         // EEXIST
        (2, FileNotFoundError),        // ENOENT
        (21, IsADirectoryError),       // EISDIR
        (20, NotADirectoryError),      // ENOTDIR
        (4, InterruptedError),         // EINTR
        (13, PermissionError),         // EACCES
        (1, PermissionError),          // EPERM
        (3, ProcessLookupError),       // ESRCH
        (110, TimeoutError),           // ETIMEDOUT
    ]
};

impl Vm {
    /// An instance of `ty` (OSError or a subclass) from an `args` tuple of
    /// two to five items (`OSError.__new__`); exactly `OSError` becomes the
    /// errno's subclass.
    pub(crate) fn new_os_error(&mut self, ty: &ObjRef, args: ObjRef) -> PyResult {
        let items = as_tuple(&args).map(<[ObjRef]>::to_vec).unwrap_or_default();
        let ty = match items.first().and_then(as_i64) {
            Some(n) if ty.is(&self.exc[ExcType::OSError as usize]) => {
                let sub = ERRNO_CLASSES.iter().find(|(e, _)| *e == n).map(|(_, t)| *t);
                sub.map_or_else(|| ty.clone(), |t| self.exc[t as usize].clone())
            }
            _ => ty.clone(),
        };
        let exc = self.alloc_exception(&ty, args)?;
        let keep = self.init_os_error(&exc, &items)?;
        if keep < items.len() {
            let args = self.new_tuple_from(&items[..keep])?;
            if let Some(e) = crate::objects::exception::as_exception(&exc) {
                *e.args.borrow_mut() = args;
            }
        }
        Ok(exc)
    }

    /// The fields `OSError.__init__` takes from two to five arguments
    /// (other counts give none): `errno` and `strerror` from the first two,
    /// `filename` from the third unless `None`, then `filename2` from the
    /// fifth. Returns how many arguments `args` keeps: two when a filename
    /// was given, else all.
    pub(crate) fn init_os_error(&mut self, exc: &ObjRef, items: &[ObjRef]) -> PyResult<usize> {
        let [errno, strerror, rest @ ..] = items else { return Ok(items.len()) };
        if rest.len() > 3 {
            return Ok(items.len());
        }
        let given = |v: Option<&ObjRef>, none: &ObjRef| v.filter(|v| !v.is(none)).cloned();
        let filename = given(rest.first(), &self.none);
        let filename2 = filename.as_ref().and_then(|_| given(rest.get(2), &self.none));
        let keep = if filename.is_some() { 2 } else { items.len() };
        let fields = [Some(errno.clone()), Some(strerror.clone()), filename, filename2];
        for (name, value) in OS_ERROR_FIELDS.iter().zip(fields) {
            if let Some(v) = value {
                self.set_exception_field(exc, name, v)?;
            }
        }
        Ok(keep)
    }

    /// The exception a failed OS call on `filename` (and `filename2`, for
    /// two-path calls such as `os.rename`) raises: the errno's subclass of
    /// OSError with CPython's `(errno, strerror)` arguments.
    #[cold]
    pub(crate) fn os_error_from_io(
        &mut self,
        err: &std::io::Error,
        filename: Option<&ObjRef>,
        filename2: Option<&ObjRef>,
    ) -> PyErr {
        let Some(errno) = err.raw_os_error() else {
            return self.new_error(ExcType::OSError, err.to_string());
        };
        let none = self.none.clone();
        let made = self.new_int(i64::from(errno)).and_then(|n| {
            let text = self.new_str(&strerror(errno))?;
            let (f, f2) = (filename.unwrap_or(&none).clone(), filename2.unwrap_or(&none).clone());
            let args = self.new_tuple(vec![n, text, f, none.clone(), f2])?;
            let ty = self.exc[ExcType::OSError as usize].clone();
            self.new_os_error(&ty, args)
        });
        match made {
            Ok(exc) => PyErr { exc },
            Err(e) => e,
        }
    }

    /// `str()` of an OSError with an errno and strerror or a filename:
    /// `[Errno 2] text`, `…: 'name'`, `…: 'a' -> 'b'`; `None` otherwise
    /// (then `BaseException.__str__` applies).
    pub(crate) fn os_error_str(&mut self, exc: &ObjRef) -> PyResult<Option<String>> {
        if !self.exc_matches(exc, ExcType::OSError) {
            return Ok(None);
        }
        let [errno, strerror, filename, filename2] = OS_ERROR_FIELDS.map(|n| self.exception_field(exc, n));
        let (errno, strerror) = match (errno, strerror, &filename) {
            (Some(e), Some(s), _) => (e, s),
            (e, s, Some(_)) => {
                (e.unwrap_or_else(|| self.none.clone()), s.unwrap_or_else(|| self.none.clone()))
            }
            _ => return Ok(None),
        };
        let head = format!("[Errno {}] {}", self.str_string(&errno)?, self.str_string(&strerror)?);
        Ok(Some(match (filename, filename2) {
            (Some(f), Some(f2)) => format!("{head}: {} -> {}", self.repr_string(&f)?, self.repr_string(&f2)?),
            (Some(f), None) => format!("{head}: {}", self.repr_string(&f)?),
            _ => head,
        }))
    }

    /// `errno`, `strerror`, `filename` or `filename2` of an OSError
    /// (`None` when never given); `None` for other names and exceptions.
    pub(crate) fn os_error_attr(&self, exc: &ObjRef, name: &str) -> Option<ObjRef> {
        if !OS_ERROR_FIELDS.contains(&name) || !self.exc_matches(exc, ExcType::OSError) {
            return None;
        }
        Some(self.exception_field(exc, name).unwrap_or_else(|| self.none.clone()))
    }

    /// Assigns one of the OSError fields; `Ok(false)` for other names and
    /// exceptions.
    pub(crate) fn set_os_error_attr(&mut self, exc: &ObjRef, name: &str, value: &ObjRef) -> PyResult<bool> {
        if !OS_ERROR_FIELDS.contains(&name) || !self.exc_matches(exc, ExcType::OSError) {
            return Ok(false);
        }
        self.set_exception_field(exc, name, value.clone())?;
        Ok(true)
    }
}

/// The C library's text for `errno` (`os.strerror`), as std words it
/// without its ` (os error N)` suffix.
pub(crate) fn strerror(errno: i32) -> String {
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    let suffix = format!(" (os error {errno})");
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}
