//! Importing the program's own modules, CPython's `importlib._bootstrap`
//! reduced to what refpy has: `import helper` looks in `sys.modules`, else
//! finds `helper.py` in a directory of `sys.path`, runs it once in a fresh
//! module's namespace and keeps the module in `sys.modules`.
//!
//! ```text
//! IMPORT_NAME ─► import_name ─► import_module (modules/mod.rs): sys.modules? built-in?
//!                                  └─ else import_source_module: dotted? ─► parent, "not a package"
//!                                        find_module_file over sys.path ─► load_source_module
//! IMPORT_FROM ─► import_from        IMPORT_STAR ─► import_star
//! ```
//! A module is in `sys.modules` (marked initializing) while its code runs, so
//! circular imports see the partial module; an exception removes it again.
//! Packages (directories) are not supported and raise `ImportError` saying so.

use std::path::{Path, PathBuf};

use refpy_heap::ObjRef;

use crate::errors::{ExcType, PyErr, PyResult};
use crate::objects::dict::as_dict;
use crate::objects::int::as_i64;
use crate::objects::module::as_module;
use crate::objects::str::{as_str, str_repr};
use crate::objects::tuple::as_tuple;
use crate::{RunError, Vm};

/// What a search of `sys.path` found for a top-level name.
enum Found {
    /// `DIR/name.py`.
    Source(PathBuf),
    /// `DIR/name/` (a regular or namespace package).
    Package(PathBuf),
    Nothing,
}

impl Vm {
    /// `sys.modules[name]`, if present.
    pub(crate) fn sys_modules_get(&mut self, name: &str) -> PyResult<Option<ObjRef>> {
        let d = self.sys_modules.clone();
        self.dict_get_str(as_dict(&d).expect("sys.modules is a dict"), name)
    }

    /// `sys.modules[name] = module`.
    pub(crate) fn sys_modules_set(&mut self, name: &str, module: ObjRef) -> PyResult<()> {
        let d = self.sys_modules.clone();
        let key = self.new_str(name)?;
        self.dict_set(&d, key, module)
    }

    /// `sys.modules.pop(name, None)`.
    fn sys_modules_pop(&mut self, name: &str) -> PyResult<Option<ObjRef>> {
        let d = self.sys_modules.clone();
        let key = self.new_str(name)?;
        let hash = self.hash(&key)?;
        let removed = as_dict(&d).expect("sys.modules is a dict").table.borrow_mut().remove(&key, hash);
        Ok(removed.map(|(_, m)| m))
    }

    /// Makes the directory holding the script at `path` (symlinks resolved,
    /// as CPython computes it) `sys.path[0]`, where imports look first.
    /// Without a script (`-c`, stdin, the REPL) it stays `''`, the current
    /// directory.
    pub fn set_script_path(&mut self, path: &str) -> PyResult<()> {
        let script = std::fs::canonicalize(path).unwrap_or_else(|_| PathBuf::from(path));
        let dir = script.parent().map(|d| d.display().to_string()).unwrap_or_default();
        let dir = self.new_str(&dir)?;
        let path = self.sys_path()?;
        let Some(list) = crate::objects::list::as_list(&path) else { return Ok(()) };
        let old = list.items.borrow_mut().first_mut().map(|slot| std::mem::replace(slot, dir));
        drop(old);
        Ok(())
    }

    /// `sys.path` as imports read it: the `path` attribute of the `sys`
    /// module now, as a program may rebind it.
    fn sys_path(&mut self) -> PyResult {
        let sys = match self.builtin_module("sys") {
            Some(m) => m,
            None => self.import_module("sys")?,
        };
        let name = self.intern("path")?;
        self.get_attr(&sys, &name)
    }

    /// `IMPORT_NAME` (`__import__(name, globals, locals, fromlist, level)`):
    /// the module for `from name import …`, the top-level package for a
    /// plain `import a.b`.
    pub(crate) fn import_name(&mut self, name: &str, fromlist: &ObjRef, level: &ObjRef) -> PyResult {
        if as_i64(level).is_some_and(|l| l > 0) {
            // Only a module inside a package has a parent to be relative to.
            return Err(self
                .new_error(ExcType::ImportError, "attempted relative import with no known parent package"));
        }
        let module = self.import_module(name)?;
        let has_fromlist = as_tuple(fromlist).is_some_and(|t| !t.is_empty());
        match name.split_once('.') {
            Some((top, _)) if !has_fromlist => self.import_module(top),
            _ => Ok(module),
        }
    }

    /// The last resort of `import_module`: a module of the program, found
    /// on `sys.path`. `ModuleNotFoundError` when there is none.
    pub(crate) fn import_source_module(&mut self, name: &str) -> PyResult {
        if let Some((parent, _)) = name.rsplit_once('.') {
            self.import_module(parent)?;
            if let Some(m) = self.sys_modules_get(name)? {
                return Ok(m);
            }
            let msg = format!("No module named {}; {} is not a package", str_repr(name), str_repr(parent));
            return Err(self.new_error(ExcType::ModuleNotFoundError, msg));
        }
        match self.find_module_file(name)? {
            Found::Source(path) => self.load_source_module(name, &path.display().to_string()),
            Found::Package(dir) => {
                let msg = format!(
                    "refpy does not support packages yet ({} is the directory {})",
                    str_repr(name),
                    dir.display()
                );
                Err(self.new_error(ExcType::ImportError, msg))
            }
            Found::Nothing => {
                Err(self
                    .new_error(ExcType::ModuleNotFoundError, format!("No module named {}", str_repr(name))))
            }
        }
    }

    /// Searches the directories of `sys.path` in order (CPython's
    /// `FileFinder`): a package directory with `__init__.py` or `name.py`
    /// wins in the first directory that has one; a bare directory
    /// (a namespace package) only if no entry has a module.
    fn find_module_file(&mut self, name: &str) -> PyResult<Found> {
        let path = self.sys_path()?;
        let entries: Vec<String> =
            self.sequence_items(&path)?.iter().filter_map(|e| as_str(e).map(str::to_string)).collect();
        let mut namespace = None;
        for entry in entries {
            let dir = search_dir(&entry);
            let package = dir.join(name);
            if package.join("__init__.py").is_file() {
                return Ok(Found::Package(package));
            }
            let source = dir.join(format!("{name}.py"));
            if source.is_file() {
                return Ok(Found::Source(source));
            }
            if namespace.is_none() && package.is_dir() {
                namespace = Some(package);
            }
        }
        Ok(namespace.map_or(Found::Nothing, Found::Package))
    }

    /// Compiles and runs `path` as module `name` (`_load_unlocked`): the
    /// module is in `sys.modules` while its code runs and is removed again if
    /// that code raises.
    fn load_source_module(&mut self, name: &str, path: &str) -> PyResult {
        let source = self.read_source(path)?;
        let code = match self.compile_code(&source, path, refpy_compiler::Mode::Exec) {
            Ok(code) => code,
            Err(RunError::Syntax(e)) => return Err(self.syntax_error_exception(&e, &source)),
            Err(RunError::Exception(e)) => return Err(e),
        };
        let module = self.new_source_module(name, path)?;
        let m = as_module(&module).expect("new module");
        let dict = m.dict.clone();
        m.initializing.set(true);
        self.sys_modules_set(name, module.clone())?;
        let result = self.run_module_code(&code, &dict);
        as_module(&module).expect("module").initializing.set(false);
        if let Err(e) = result {
            self.sys_modules_pop(name)?;
            return Err(e);
        }
        // CPython 3.11 moves the finished module to the end of sys.modules,
        // and a module that took itself out of it is a KeyError.
        match self.sys_modules_pop(name)? {
            Some(m) => {
                self.sys_modules_set(name, m.clone())?;
                Ok(m)
            }
            None => {
                let key = self.new_str(name)?;
                Err(self.key_error(&key))
            }
        }
    }

    /// A module for a source file, its namespace holding `__name__`,
    /// `__doc__`, `__package__`, `__file__` and `__builtins__` in CPython's order.
    fn new_source_module(&mut self, name: &str, path: &str) -> PyResult {
        let module = self.new_module(name)?;
        let d = as_module(&module).expect("new module").dict.clone();
        let none = self.none.clone();
        self.dict_set_str(&d, "__doc__", none)?;
        let package = self.empty_str.clone();
        self.dict_set_str(&d, "__package__", package)?;
        let file = self.new_str(path)?;
        self.dict_set_str(&d, "__file__", file)?;
        let builtins = self.builtins.clone();
        self.dict_set_str(&d, "__builtins__", builtins)?;
        Ok(module)
    }

    /// The text of a module's file: `OSError` when it cannot be read, CPython's
    /// `SyntaxError` when it is not UTF-8.
    fn read_source(&mut self, path: &str) -> PyResult<String> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => return Err(self.os_error(&e, path)),
        };
        String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            self.new_error(
                ExcType::SyntaxError,
                format!(
                    "Non-UTF-8 code starting with '\\x{:02x}' in file {path} on line {line}, but no encoding \
                     declared; see https://peps.python.org/pep-0263/ for details",
                    bytes[at]
                ),
            )
        })
    }

    /// `PermissionError: [Errno 13] Permission denied: '/path'` and kin.
    #[cold]
    fn os_error(&mut self, e: &std::io::Error, path: &str) -> PyErr {
        match self.new_str(path) {
            Ok(p) => self.os_error_from_io(e, Some(&p), None),
            Err(err) => err,
        }
    }

    /// `IMPORT_FROM`: `module.name`, else an already imported submodule
    /// `module.name` from `sys.modules`, else CPython's `ImportError`, which
    /// names the module's file and says when the module is still running
    /// (a circular import).
    pub(crate) fn import_from(&mut self, module: &ObjRef, name: &ObjRef) -> PyResult {
        match self.get_attr(module, name) {
            Ok(v) => return Ok(v),
            Err(e) if !self.exc_matches(&e.exc, ExcType::AttributeError) => return Err(e),
            Err(_) => {}
        }
        let n = as_str(name).unwrap_or("").to_string();
        let dunder_name = self.intern("__name__")?;
        let pkgname = self.get_attr(module, &dunder_name).ok();
        let pkgname = pkgname.as_ref().and_then(as_str).map(str::to_string);
        if let Some(p) = &pkgname {
            if let Some(m) = self.sys_modules_get(&format!("{p}.{n}"))? {
                return Ok(m);
            }
        }
        let pkg = str_repr(pkgname.as_deref().unwrap_or("<unknown module name>"));
        let n = str_repr(&n);
        let msg = match self.module_str_attr(module, "__file__")? {
            None => format!("cannot import name {n} from {pkg} (unknown location)"),
            Some(path) if as_module(module).is_some_and(|m| m.initializing.get()) => format!(
                "cannot import name {n} from partially initialized module {pkg} \
                 (most likely due to a circular import) ({path})"
            ),
            Some(path) => format!("cannot import name {n} from {pkg} ({path})"),
        };
        Err(self.new_error(ExcType::ImportError, msg))
    }

    /// `IMPORT_STAR` (`import_all_from`): binds in `locals` every name of
    /// `module.__all__`, or without it every name of the module's namespace
    /// that does not start with an underscore.
    pub(crate) fn import_star(&mut self, module: &ObjRef, locals: &ObjRef) -> PyResult<()> {
        let all_name = self.intern("__all__")?;
        let (names, skip_private) = match self.get_attr(module, &all_name) {
            Ok(all) => (self.sequence_items(&all)?, false),
            Err(e) if self.exc_matches(&e.exc, ExcType::AttributeError) => {
                (self.namespace_keys(module)?, true)
            }
            Err(e) => return Err(e),
        };
        for name in names {
            let Some(s) = as_str(&name) else {
                return Err(self.star_item_error(module, &name, skip_private));
            };
            if skip_private && s.starts_with('_') {
                continue;
            }
            let value = self.get_attr(module, &name)?;
            self.dict_set(locals, name, value)?;
        }
        Ok(())
    }

    /// The keys of `module.__dict__`, for `import *` without `__all__`.
    fn namespace_keys(&mut self, module: &ObjRef) -> PyResult<Vec<ObjRef>> {
        let dict_name = self.intern("__dict__")?;
        let d = match self.get_attr(module, &dict_name) {
            Ok(d) => d,
            Err(e) if self.exc_matches(&e.exc, ExcType::AttributeError) => {
                return Err(self
                    .new_error(ExcType::ImportError, "from-import-* object has no __dict__ and no __all__"));
            }
            Err(e) => return Err(e),
        };
        match as_dict(&d) {
            Some(dict) => Ok(dict.table.borrow().items().map(|(k, _)| k.clone()).collect()),
            None => self.sequence_items(&d),
        }
    }

    /// `TypeError: Item in m.__all__ must be str, not int` (`Key in
    /// m.__dict__` without `__all__`).
    #[cold]
    fn star_item_error(&mut self, module: &ObjRef, item: &ObjRef, from_dict: bool) -> PyErr {
        let t = self.type_name(item);
        let dunder_name = match self.intern("__name__") {
            Ok(n) => n,
            Err(e) => return e,
        };
        let modname = match self.get_attr(module, &dunder_name) {
            Ok(m) => m,
            Err(e) => return e,
        };
        let Some(modname) = as_str(&modname).map(str::to_string) else {
            let mt = self.type_name(&modname);
            return self.new_error(ExcType::TypeError, format!("module __name__ must be a string, not {mt}"));
        };
        let (what, attr) = if from_dict { ("Key", "__dict__") } else { ("Item", "__all__") };
        self.new_error(ExcType::TypeError, format!("{what} in {modname}.{attr} must be str, not {t}"))
    }
}

/// The directory a `sys.path` entry names: `''` is the current directory,
/// a relative entry is taken from it.
fn search_dir(entry: &str) -> PathBuf {
    let cwd = || std::env::current_dir().unwrap_or_default();
    if entry.is_empty() {
        return cwd();
    }
    let p = Path::new(entry);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd().join(p)
    }
}
