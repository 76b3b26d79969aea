//! A small `os` module, enough for programs that work with files: `remove`
//! (`unlink`), `rename`, `mkdir`, `rmdir`, `getcwd`, `listdir`, `getenv`,
//! `strerror`, `environ` (a plain dict copied at import, so assigning to it
//! does not change the process's environment), `sep`, `linesep`, `name`,
//! `curdir`, `pardir`, and `os.path` (`posixpath`: `exists`, `isfile`,
//! `isdir`, `getsize`, `join`, `split`, `splitext`, `basename`, `dirname`).
//! Failures raise the errno's OSError subclass with CPython's text
//! (`[Errno 2] No such file or directory: 'x.txt'`). Paths are str, bytes or
//! objects with `__fspath__`; file descriptors are not supported.

use refpy_heap::ObjRef;

use crate::args::bind;
use crate::call::arg_count;
use crate::errors::{ExcType, PyResult};
use crate::objects::bytes::as_bytes;
use crate::objects::file::{fspath, os_path};
use crate::objects::str::as_str;
use crate::Vm;

/// Creates the `os` module, and `os.path` (`posixpath`) in `sys.modules`.
pub fn build(vm: &mut Vm) -> PyResult {
    let m = vm.new_module("os")?;
    vm.add_functions(
        &m,
        &[
            ("remove", os_remove),
            ("unlink", os_unlink),
            ("rename", os_rename),
            ("mkdir", os_mkdir),
            ("rmdir", os_rmdir),
            ("getcwd", os_getcwd),
            ("listdir", os_listdir),
            ("strerror", os_strerror),
        ],
    )?;
    let environ = vm.new_dict()?;
    for (k, v) in std::env::vars_os() {
        let (k, v) = (vm.new_str(&k.to_string_lossy())?, vm.new_str(&v.to_string_lossy())?);
        vm.dict_set(&environ, k, v)?;
    }
    // `getenv` reads `os.environ`, as CPython's does: bound to the dict.
    let getenv = vm.new_builtin("getenv", os_getenv, Some(environ.clone()))?;
    vm.set_module_attr(&m, "getenv", getenv)?;
    vm.set_module_attr(&m, "environ", environ)?;
    for (name, value) in
        [("sep", "/"), ("linesep", "\n"), ("name", "posix"), ("curdir", "."), ("pardir", "..")]
    {
        let v = vm.new_str(value)?;
        vm.set_module_attr(&m, name, v)?;
    }
    let path = build_path(vm)?;
    vm.set_module_attr(&m, "path", path.clone())?;
    vm.sys_modules_set("os.path", path)?;
    Ok(m)
}

/// Creates `os.path`, CPython's `posixpath` module.
fn build_path(vm: &mut Vm) -> PyResult {
    let m = vm.new_module("posixpath")?;
    vm.add_functions(
        &m,
        &[
            ("exists", path_exists),
            ("isfile", path_isfile),
            ("isdir", path_isdir),
            ("getsize", path_getsize),
            ("join", path_join),
            ("split", path_split),
            ("splitext", path_splitext),
            ("basename", path_basename),
            ("dirname", path_dirname),
        ],
    )?;
    for (name, value) in [("sep", "/"), ("curdir", "."), ("pardir", "..")] {
        let v = vm.new_str(value)?;
        vm.set_module_attr(&m, name, v)?;
    }
    vm.sys_modules_set("posixpath", m.clone())?;
    Ok(m)
}

/// What a function's path parameter accepts, in its TypeError.
const PATH_KINDS: &str = "string, bytes or os.PathLike";

/// The arguments of a function taking `params`, the first `required` of
/// them required (CPython's `missing required argument` message).
fn os_args(
    vm: &mut Vm,
    fname: &str,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
    params: &[&str],
    required: usize,
) -> PyResult<Vec<Option<ObjRef>>> {
    let npos = args.len() - kw.map_or(0, <[ObjRef]>::len);
    crate::args::arg_count_tuple(vm, fname, npos, 0, params.len())?;
    let a = bind(vm, fname, args, kw, params)?;
    if let Some(i) = a[..required].iter().position(Option::is_none) {
        let msg = format!("{fname}() missing required argument '{}' (pos {})", params[i], i + 1);
        return Err(vm.new_error(ExcType::TypeError, msg));
    }
    Ok(a)
}

/// A path argument as its str/bytes object and OS path:
/// `remove: path should be string, bytes or os.PathLike, not int` otherwise.
fn path_arg(vm: &mut Vm, fname: &str, kinds: &str, v: &ObjRef) -> PyResult<(ObjRef, std::path::PathBuf)> {
    match fspath(vm, v)? {
        Some(p) => {
            let path = os_path(vm, &p)?;
            Ok((p, path))
        }
        None => {
            let t = vm.type_name(v);
            Err(vm.new_error(ExcType::TypeError, format!("{fname}: path should be {kinds}, not {t}")))
        }
    }
}

/// Runs a one-path file-system call; its failure is the errno's OSError
/// naming the path.
fn one_path_call(
    vm: &mut Vm,
    fname: &'static str,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
    call: impl FnOnce(&std::path::Path) -> std::io::Result<()>,
) -> PyResult {
    let a = os_args(vm, fname, args, kw, &["path"], 1)?;
    let (p, path) = path_arg(vm, fname, PATH_KINDS, a[0].as_ref().expect("required"))?;
    call(&path).map_err(|e| vm.os_error_from_io(&e, Some(&p), None))?;
    Ok(vm.none.clone())
}

/// `os.remove(path)`: deletes a file.
fn os_remove(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    one_path_call(vm, "remove", args, kw, |p| std::fs::remove_file(p))
}

/// `os.unlink(path)`: `os.remove` under its Unix name.
fn os_unlink(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    one_path_call(vm, "unlink", args, kw, |p| std::fs::remove_file(p))
}

/// `os.rmdir(path)`: deletes an empty directory.
fn os_rmdir(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    one_path_call(vm, "rmdir", args, kw, |p| std::fs::remove_dir(p))
}

/// `os.mkdir(path, mode=0o777)`: makes a directory (the mode less the umask).
fn os_mkdir(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    use std::os::unix::fs::DirBuilderExt;
    let a = os_args(vm, "mkdir", args, kw, &["path", "mode"], 1)?;
    let mode = match &a[1] {
        Some(m) => u32::try_from(crate::args::c_int_arg(vm, m)?).unwrap_or(0o777),
        None => 0o777,
    };
    let (p, path) = path_arg(vm, "mkdir", PATH_KINDS, a[0].as_ref().expect("required"))?;
    let made = std::fs::DirBuilder::new().mode(mode).create(&path);
    made.map_err(|e| vm.os_error_from_io(&e, Some(&p), None))?;
    Ok(vm.none.clone())
}

/// `os.rename(src, dst)`: its failure names both paths (`'a' -> 'b'`).
fn os_rename(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = os_args(vm, "rename", args, kw, &["src", "dst"], 2)?;
    let (src, src_path) = path_arg(vm, "rename", PATH_KINDS, a[0].as_ref().expect("required"))?;
    let (dst, dst_path) = path_arg(vm, "rename", PATH_KINDS, a[1].as_ref().expect("required"))?;
    let renamed = std::fs::rename(&src_path, &dst_path);
    renamed.map_err(|e| vm.os_error_from_io(&e, Some(&src), Some(&dst)))?;
    Ok(vm.none.clone())
}

/// `os.getcwd()`: the current directory as a str.
fn os_getcwd(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::call::no_kwargs(vm, "getcwd", kw)?;
    arg_count(vm, "posix.getcwd", args, 0, 0)?;
    let cwd = std::env::current_dir().map_err(|e| vm.os_error_from_io(&e, None, None))?;
    vm.new_str(&cwd.to_string_lossy())
}

/// `os.listdir(path='.')`: the names in a directory, in the OS's order
/// (bytes names for a bytes path).
fn os_listdir(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    use std::os::unix::ffi::OsStrExt;
    let a = os_args(vm, "listdir", args, kw, &["path"], 0)?;
    let kinds = "string, bytes, os.PathLike, integer or None";
    let (p, path) = match a[0].as_ref().filter(|v| !v.is(&vm.none)) {
        Some(v) => {
            no_fd(vm, "os.listdir", v)?;
            path_arg(vm, "listdir", kinds, v)?
        }
        None => (vm.new_str(".")?, std::path::PathBuf::from(".")),
    };
    let entries = std::fs::read_dir(&path).and_then(|d| d.map(|e| e.map(|e| e.file_name())).collect());
    let names: Vec<std::ffi::OsString> = entries.map_err(|e| vm.os_error_from_io(&e, Some(&p), None))?;
    let as_bytes_names = as_bytes(&p).is_some();
    let items = names
        .iter()
        .map(|n| if as_bytes_names { vm.new_bytes(n.as_bytes()) } else { vm.new_str(&n.to_string_lossy()) })
        .collect::<PyResult<Vec<_>>>()?;
    vm.new_list(items)
}

/// `os.getenv(key, default=None)`: `os.environ.get(key, default)`, bound
/// to the `environ` dict.
fn os_getenv(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let Some((environ, rest)) = args.split_first() else { return Ok(vm.none.clone()) };
    let a = os_args(vm, "getenv", rest, kw, &["key", "default"], 1)?;
    let key = a[0].clone().expect("required");
    if as_str(&key).is_none() {
        let t = vm.type_name(&key);
        return Err(vm.new_error(ExcType::TypeError, format!("str expected, not {t}")));
    }
    let found = match crate::objects::dict::as_dict(environ) {
        Some(d) => vm.dict_get(d, &key)?,
        None => None,
    };
    Ok(found.or_else(|| a[1].clone()).unwrap_or_else(|| vm.none.clone()))
}

/// `os.strerror(code)`: the C library's text for an errno.
fn os_strerror(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::call::no_kwargs(vm, "strerror", kw)?;
    arg_count(vm, "strerror", args, 1, 1)?;
    let code = crate::args::c_int_arg(vm, &args[0])?;
    vm.new_str(&crate::objects::os_error::strerror(code))
}

/// The metadata of a `stat`-style path argument, `None` if the call fails
/// (`exists` and friends answer False then, as CPython's do).
fn stat_arg(
    vm: &mut Vm,
    fname: &str,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
) -> PyResult<Option<std::fs::Metadata>> {
    let a = os_args(vm, fname, args, kw, &["path"], 1)?;
    let v = a[0].clone().expect("required");
    no_fd(vm, &format!("os.path.{fname}"), &v)?;
    match path_arg(vm, "stat", "string, bytes, os.PathLike or integer", &v) {
        Ok((_, path)) => Ok(std::fs::metadata(path).ok()),
        Err(e) if vm.exc_matches(&e.exc, ExcType::ValueError) => Ok(None),
        Err(e) => Err(e),
    }
}

/// CPython takes an int path as a file descriptor; refpy does not (yet).
fn no_fd(vm: &mut Vm, fname: &str, v: &ObjRef) -> PyResult<()> {
    if crate::objects::int::is_int(v) {
        let msg = format!("{fname}() of a file descriptor is not supported by refpy yet");
        return Err(vm.new_error(ExcType::TypeError, msg));
    }
    Ok(())
}

/// `os.path.exists(path)`.
fn path_exists(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let m = stat_arg(vm, "exists", args, kw)?;
    Ok(vm.new_bool(m.is_some()))
}

/// `os.path.isfile(path)`: a regular file (following links).
fn path_isfile(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let m = stat_arg(vm, "isfile", args, kw)?;
    Ok(vm.new_bool(m.is_some_and(|m| m.is_file())))
}

/// `os.path.isdir(path)`.
fn path_isdir(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let m = stat_arg(vm, "isdir", args, kw)?;
    Ok(vm.new_bool(m.is_some_and(|m| m.is_dir())))
}

/// `os.path.getsize(path)`: the size in bytes; the errno's OSError if the
/// path cannot be examined.
fn path_getsize(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = os_args(vm, "getsize", args, kw, &["filename"], 1)?;
    let (p, path) =
        path_arg(vm, "stat", "string, bytes, os.PathLike or integer", a[0].as_ref().expect("required"))?;
    let m = std::fs::metadata(path).map_err(|e| vm.os_error_from_io(&e, Some(&p), None))?;
    vm.new_int(i64::try_from(m.len()).unwrap_or(i64::MAX))
}

/// A path component of the string functions: its bytes and whether it is
/// a bytes object; `None` when `v` is no path.
fn component(vm: &mut Vm, v: &ObjRef) -> PyResult<Option<(Vec<u8>, bool)>> {
    let Some(p) = fspath(vm, v)? else { return Ok(None) };
    Ok(Some(match as_str(&p) {
        Some(s) => (s.as_bytes().to_vec(), false),
        None => (as_bytes(&p).unwrap_or_default().to_vec(), true),
    }))
}

/// A path result in the type of the input: bytes, or a str (the pieces of a
/// str are cut at ASCII `/` and `.`, so they stay UTF-8).
fn path_result(vm: &mut Vm, data: &[u8], bytes: bool) -> PyResult {
    if bytes {
        return vm.new_bytes(data);
    }
    vm.new_str(&String::from_utf8_lossy(data))
}

/// The one path argument of `split`, `basename`, … (positional).
fn one_component(
    vm: &mut Vm,
    fname: &str,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
) -> PyResult<(Vec<u8>, bool)> {
    crate::call::no_kwargs(vm, fname, kw)?;
    arg_count(vm, fname, args, 1, 1)?;
    match component(vm, &args[0])? {
        Some(c) => Ok(c),
        None => {
            let t = vm.type_name(&args[0]);
            Err(vm
                .new_error(ExcType::TypeError, format!("expected str, bytes or os.PathLike object, not {t}")))
        }
    }
}

/// `os.path.join(a, *p)`: an absolute component restarts the path.
fn path_join(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::call::no_kwargs(vm, "join", kw)?;
    if args.is_empty() {
        return Err(vm.new_error(ExcType::TypeError, "join() missing 1 required positional argument: 'a'"));
    }
    let mut parts = Vec::with_capacity(args.len());
    for a in args {
        let Some(part) = component(vm, a)? else {
            let t = vm.type_name(a);
            let msg = format!("join() argument must be str, bytes, or os.PathLike object, not '{t}'");
            return Err(vm.new_error(ExcType::TypeError, msg));
        };
        parts.push(part);
    }
    let bytes = parts[0].1;
    if parts.iter().any(|(_, b)| *b != bytes) {
        return Err(vm.new_error(ExcType::TypeError, "Can't mix strings and bytes in path components"));
    }
    let mut out: Vec<u8> = Vec::new();
    for (p, _) in &parts {
        if p.starts_with(b"/") {
            out.clear();
        } else if !out.is_empty() && !out.ends_with(b"/") {
            out.push(b'/');
        }
        out.extend_from_slice(p);
    }
    path_result(vm, &out, bytes)
}

/// Where `posixpath.split` cuts `p`: the head (trailing slashes removed
/// unless it is all slashes) and the tail.
fn split_at_last_slash(p: &[u8]) -> (&[u8], &[u8]) {
    let i = p.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1);
    let (head, tail) = p.split_at(i);
    let all_slashes = head.iter().all(|&b| b == b'/');
    let trimmed =
        if all_slashes { head } else { &head[..=head.iter().rposition(|&b| b != b'/').unwrap_or(0)] };
    (trimmed, tail)
}

/// `os.path.split(p)`: `(head, tail)`.
fn path_split(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (p, bytes) = one_component(vm, "split", args, kw)?;
    let (head, tail) = split_at_last_slash(&p);
    let items = vec![path_result(vm, head, bytes)?, path_result(vm, tail, bytes)?];
    vm.new_tuple(items)
}

/// `os.path.basename(p)`: what follows the last `/`.
fn path_basename(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (p, bytes) = one_component(vm, "basename", args, kw)?;
    path_result(vm, split_at_last_slash(&p).1, bytes)
}

/// `os.path.dirname(p)`: the head of `split`.
fn path_dirname(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (p, bytes) = one_component(vm, "dirname", args, kw)?;
    path_result(vm, split_at_last_slash(&p).0, bytes)
}

/// `os.path.splitext(p)`: `(root, ext)`, the extension starting at the last
/// dot of the last component unless only dots precede it (`.bashrc`).
fn path_splitext(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (p, bytes) = one_component(vm, "splitext", args, kw)?;
    let name_start = p.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1);
    let dot = p.iter().rposition(|&b| b == b'.');
    let cut =
        dot.filter(|&d| d >= name_start && p[name_start..d].iter().any(|&b| b != b'.')).unwrap_or(p.len());
    let items = vec![path_result(vm, &p[..cut], bytes)?, path_result(vm, &p[cut..], bytes)?];
    vm.new_tuple(items)
}

#[cfg(test)]
mod tests {
    use super::split_at_last_slash;

    #[test]
    fn split_keeps_a_root_of_slashes() {
        let split = |p: &str| {
            let (h, t) = split_at_last_slash(p.as_bytes());
            (String::from_utf8_lossy(h).into_owned(), String::from_utf8_lossy(t).into_owned())
        };
        assert_eq!(split("a/b/c"), ("a/b".into(), "c".into()));
        assert_eq!(split("a//b"), ("a".into(), "b".into()));
        assert_eq!(split("//x"), ("//".into(), "x".into()));
        assert_eq!(split("x/"), ("x".into(), "".into()));
        assert_eq!(split("abc"), ("".into(), "abc".into()));
    }
}
