//! The interpreter state: built-in types and singletons, caches, the value
//! stack and the frame stack.

use std::io::Write;
use std::rc::Rc;

use refpy_compiler::{CodeObject, ConstKey, Constant};
use refpy_heap::{ObjRef, TypeToken};
use rustc_hash::FxHashMap;

use crate::errors::{ExcType, PyErr, PyResult, EXCEPTION_TABLE};
use crate::frame::Frame;
use crate::objects::float::FloatObject;
use crate::objects::function::CodeData;
use crate::objects::int::{IntObject, IntValue, SMALL_INT_MAX, SMALL_INT_MIN};
use crate::objects::{NoneObject, NullObject};
use crate::types::{make_builtin_type, Kind, Types};

/// CPython's default recursion limit (`sys.getrecursionlimit()`).
pub const DEFAULT_RECURSION_LIMIT: usize = 1000;

/// What loading the constants of one compilation unit carries from code object to code
/// object (`Vm::load_code`).
#[derive(Default)]
pub(crate) struct ConstLoader {
    /// Constants loaded so far, by value: equal constants become one object, across the
    /// unit's code objects (CPython's `merge_consts_recursive`).
    pub merged: FxHashMap<ConstKey, ObjRef>,
    /// The parser arena's objects (`a_objects`) when the source text runs directly
    /// (arena.rs); `None` for `compile()` and imports, whose arena is already freed.
    pub arena: Option<Vec<ObjRef>>,
}

impl ConstLoader {
    /// Gives the arena, when there is one, its reference to `obj`.
    fn keep_in_arena(&mut self, obj: ObjRef) {
        if let Some(arena) = &mut self.arena {
            arena.push(obj);
        }
    }
}

/// Buffered standard output, flushed at exit and before anything goes to stderr.
pub struct Output {
    buf: Vec<u8>,
    /// Flush at every line break, as CPython's stdout does on a terminal
    /// (the REPL turns this on when stdout is a terminal).
    pub line_buffered: bool,
    /// A copy of everything written, kept while `refpy --trace` records
    /// (each step carries the output so far).
    pub capture: Option<String>,
}

impl Output {
    /// Appends text; flushes when the buffer is large, or at a line break
    /// when line-buffered.
    pub fn write_str(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
        if let Some(c) = &mut self.capture {
            c.push_str(s);
        }
        if self.buf.len() > 1 << 16 || (self.line_buffered && s.contains('\n')) {
            self.flush();
        }
    }

    /// Writes everything buffered to the process's stdout. A closed pipe is
    /// not an error worth reporting here.
    pub fn flush(&mut self) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(&self.buf);
        let _ = out.flush();
        self.buf.clear();
    }
}

/// One interpreter.
pub struct Vm {
    pub types: Types,
    /// The built-in exception classes, indexed by [`ExcType`].
    pub exc: Vec<ObjRef>,
    pub none: ObjRef,
    pub true_: ObjRef,
    pub false_: ObjRef,
    /// The NULL marker of 3.11's call protocol and of unbound locals.
    pub null: ObjRef,
    /// `NotImplemented`.
    pub not_implemented: ObjRef,
    /// `Ellipsis` (`...`).
    pub ellipsis: ObjRef,
    pub empty_str: ObjRef,
    pub empty_tuple: ObjRef,
    /// `b''`, a singleton.
    pub empty_bytes: ObjRef,
    /// The one-byte bytes objects `b'\x00'`..`b'\xff'` (`bytes_characters`).
    pub(crate) byte_chars: Vec<ObjRef>,
    pub(crate) small_ints: Vec<ObjRef>,
    /// Exact-type tokens for the arithmetic fast paths.
    pub(crate) int_tok: TypeToken<IntObject>,
    pub(crate) float_tok: TypeToken<FloatObject>,
    /// One-character strings for code points 0..256.
    pub(crate) latin1: Vec<ObjRef>,
    /// The interned strings (`interned` dict of `unicodeobject.c`).
    pub(crate) interned: FxHashMap<Box<str>, ObjRef>,
    /// The `builtins` namespace (a dict).
    pub builtins: ObjRef,
    pub(crate) memory_error_instance: ObjRef,
    /// Locals and value stacks of all running frames, back to back.
    pub(crate) stack: Vec<ObjRef>,
    pub(crate) frames: Vec<Frame>,
    /// Spare argument buffers for calls into built-ins (no allocation per call).
    pub(crate) arg_pool: Vec<Vec<ObjRef>>,
    /// Nested Rust-level recursions (repr of nested data, re-entrant calls),
    /// counted against the recursion limit like CPython's C recursion.
    pub(crate) c_depth: usize,
    pub recursion_limit: usize,
    /// Containers whose repr is being built (`Py_ReprEnter`).
    pub(crate) repr_stack: Vec<ObjRef>,
    /// The exception being handled, or `None` (`exc_info->exc_value`,
    /// what `sys.exc_info()` reports and a bare `raise` re-raises).
    pub(crate) exc_info: ObjRef,
    /// Set while re-raising (`RERAISE`, bare `raise`): the frame already has
    /// its traceback entry, so unwinding must not add another.
    pub(crate) reraising: bool,
    /// Set by `YIELD_VALUE` when `run_frames` returns a yielded value
    /// rather than a generator frame's return value.
    pub(crate) yielded: bool,
    /// True while `run_pending_finalizers` drains the finalizer queue.
    pub(crate) running_finalizers: bool,
    /// SipHash key for str hashes (from `PYTHONHASHSEED`).
    pub(crate) hash_key: [u8; 16],
    pub out: Output,
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// Function objects of the built-in special methods of `object` and
    /// `BaseException`, made on first lookup.
    pub(crate) builtin_methods: Vec<(crate::objects::function::BuiltinFn, ObjRef)>,
    /// Where attribute names were found along classes' MROs (`typecache.rs`).
    pub(crate) type_cache: crate::typecache::TypeCache,
    /// Interned names for refpy's own `&'static str` names, by address (`Vm::static_name`).
    pub(crate) static_names: Vec<Option<(&'static str, ObjRef)>>,
    /// The built-in modules made so far, by name: CPython's per-interpreter
    /// cache of extension modules, which the `gc` hooks consult and which
    /// outlives a `del sys.modules['gc']`.
    pub(crate) modules: Vec<(String, ObjRef)>,
    /// `sys.modules`, a dict: every imported module by name, `__main__` too.
    pub(crate) sys_modules: ObjRef,
    /// Set from another thread (a Ctrl-C handler) to raise
    /// `KeyboardInterrupt` at the next loop jump or call.
    pub interrupt: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// `weakref.ReferenceType`, `ProxyType`, `CallableProxyType`, made on first use.
    pub(crate) weakref_types: Option<[ObjRef; 3]>,
    /// `sys.settrace` and `refpy --trace` (`trace/mod.rs`).
    pub(crate) trace: crate::trace::TraceState,
}

impl Vm {
    /// A fresh interpreter. `hash_seed` is `PYTHONHASHSEED` (None = random).
    pub fn new(argv: Vec<String>, hash_seed: Option<u64>) -> Vm {
        let types = Types::new();
        let none = refpy_heap::alloc(&types.none, NoneObject, 16).expect("startup allocation");
        let null = refpy_heap::alloc(&types.null, NullObject, 16).expect("startup allocation");
        let not_implemented =
            refpy_heap::alloc(&types.not_implemented, NoneObject, 16).expect("startup allocation");
        let ellipsis = refpy_heap::alloc(&types.ellipsis, NoneObject, 16).expect("startup allocation");
        let alloc_bool = |v: i64| {
            refpy_heap::alloc(&types.bool_, crate::objects::int::IntObject(IntValue::Small(v)), 28)
                .expect("startup allocation")
        };
        let (false_, true_) = (alloc_bool(0), alloc_bool(1));
        let exc = build_exception_types(&types);
        let hash_key = match hash_seed {
            Some(seed) => crate::num::hash::hash_secret_from_seed(seed),
            None => random_key(),
        };
        let int_tok = TypeToken::new(&types.int).expect("int has a plain layout");
        let float_tok = TypeToken::new(&types.float).expect("float has a plain layout");
        let mut vm = Vm {
            int_tok,
            float_tok,
            none: none.clone(),
            true_,
            false_,
            null,
            not_implemented,
            ellipsis,
            empty_str: none.clone(),
            empty_tuple: none.clone(),
            empty_bytes: none.clone(),
            byte_chars: Vec::new(),
            memory_error_instance: none.clone(),
            builtins: none.clone(),
            sys_modules: none.clone(),
            small_ints: Vec::new(),
            latin1: Vec::new(),
            interned: FxHashMap::default(),
            exc,
            types,
            stack: Vec::with_capacity(1024),
            frames: Vec::with_capacity(64),
            arg_pool: Vec::new(),
            c_depth: 0,
            recursion_limit: DEFAULT_RECURSION_LIMIT,
            repr_stack: Vec::new(),
            exc_info: none,
            reraising: false,
            yielded: false,
            running_finalizers: false,
            hash_key,
            out: Output { buf: Vec::with_capacity(1 << 16), line_buffered: false, capture: None },
            argv,
            modules: Vec::new(),
            builtin_methods: Vec::new(),
            type_cache: crate::typecache::TypeCache::new(),
            static_names: vec![None; 64],
            interrupt: Default::default(),
            weakref_types: None,
            trace: Default::default(),
        };
        vm.init_caches().expect("startup allocation");
        crate::builtins::install(&mut vm).expect("startup allocation");
        // `sys` is the first entry of `sys.modules`, as in CPython.
        vm.import_module("sys").expect("startup allocation");
        vm
    }

    /// Small ints, one-character strings, `''`, `()`, `b''` and the one-byte
    /// bytes objects, the MemoryError instance.
    fn init_caches(&mut self) -> PyResult<()> {
        for v in SMALL_INT_MIN..=SMALL_INT_MAX {
            let nd = usize::from(v != 0);
            let o = self.alloc_int(IntValue::Small(v), nd)?;
            self.small_ints.push(o);
        }
        self.empty_str = self.alloc_new_str("")?;
        for c in 0u32..256 {
            let s = char::from_u32(c).map(String::from).unwrap_or_default();
            let o = self.alloc_new_str(&s)?;
            self.latin1.push(o);
        }
        self.empty_tuple = refpy_heap::alloc_var(
            &self.types.tuple,
            crate::objects::tuple::TupleObject,
            std::iter::empty::<ObjRef>(),
            24,
        )
        .map_err(|_| self.memory_error())?;
        self.init_bytes_cache()?;
        let ty = self.exc[ExcType::MemoryError as usize].clone();
        let args = self.empty_tuple.clone();
        self.memory_error_instance = self.new_exception(&ty, args)?;
        self.builtins = self.new_dict()?;
        self.sys_modules = self.new_dict()?;
        Ok(())
    }

    /// The `Kind` of `obj`'s type.
    #[inline]
    pub fn kind(&self, obj: &ObjRef) -> Kind {
        crate::types::type_data(obj.ob_type_ref()).kind
    }

    /// `type(obj).__name__`.
    pub fn type_name(&self, obj: &ObjRef) -> String {
        crate::types::type_data(obj.ob_type_ref()).name.clone()
    }

    /// Turns compiled code into a `code` object, creating its constants.
    /// Equal constants of one compilation unit become one object (CPython's
    /// `merge_consts_recursive`), except string literals that the compiler
    /// marked as not interned, which stay one object per occurrence.
    pub fn load_code(&mut self, code: &Rc<CodeObject>) -> PyResult {
        self.load_code_with(code, &mut ConstLoader::default())
    }

    /// [`Vm::load_code`] with the loader's state for the whole compilation unit.
    pub(crate) fn load_code_with(&mut self, code: &Rc<CodeObject>, loader: &mut ConstLoader) -> PyResult {
        let data = self.load_code_data(code, loader)?;
        self.new_code(data)
    }

    fn load_code_data(&mut self, code: &Rc<CodeObject>, loader: &mut ConstLoader) -> PyResult<Rc<CodeData>> {
        let mut consts = Vec::with_capacity(code.consts.len());
        let mut compiler_made = code.compiler_made.iter().peekable();
        for (i, c) in code.consts.iter().enumerate() {
            let by_compiler = compiler_made.next_if(|&&m| m as usize == i).is_some();
            let obj = self.load_const(c, !by_compiler, loader)?;
            consts.push(obj);
        }
        let names = code.names.iter().map(|n| self.intern(n)).collect::<PyResult<Vec<_>>>()?;
        let localsplus_names = code
            .varnames
            .iter()
            .chain(&code.cellvars)
            .chain(&code.freevars)
            .map(|n| self.intern(n))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Rc::new(CodeData {
            filename: self.new_str(&code.filename)?,
            name: self.intern(&code.name)?,
            qualname: self.new_str(&code.qualname)?,
            global_cache: (0..code.code.len()).map(|_| Default::default()).collect(),
            code: code.clone(),
            consts,
            names,
            localsplus_names,
        }))
    }

    /// The object for constant `c`: an equal one loaded before, or a new one, which the
    /// parser arena (when there is one) keeps alive if the parser made it (`by_parser`).
    fn load_const(&mut self, c: &Constant, by_parser: bool, loader: &mut ConstLoader) -> PyResult {
        if let Constant::Code(inner) = c {
            let data = self.load_code_data(inner, loader)?;
            return self.new_code(data);
        }
        let key = ConstKey::of(c);
        if let Some(o) = key.as_ref().and_then(|k| loader.merged.get(k)) {
            return Ok(o.clone());
        }
        let obj = match c {
            Constant::None => self.none.clone(),
            Constant::Bool(b) => self.new_bool(*b),
            Constant::Int(v) => self.new_int(*v)?,
            Constant::BigInt(b) => self.new_bigint(b.clone())?,
            Constant::Float(f) => self.new_float(*f)?,
            Constant::Str { value, interned } => self.literal_str(value, *interned)?,
            Constant::Tuple(items) => {
                let objs =
                    items.iter().map(|i| self.load_const(i, true, loader)).collect::<PyResult<Vec<_>>>()?;
                self.new_tuple(objs)?
            }
            Constant::Ellipsis => self.ellipsis.clone(),
            Constant::FrozenSet(items) => {
                let objs =
                    items.iter().map(|i| self.load_const(i, true, loader)).collect::<PyResult<Vec<_>>>()?;
                if by_parser && loader.arena.is_some() {
                    // The compiler rebuilds every frozenset constant; the AST
                    // optimizer's own stays in the arena, holding the same items.
                    let optimizers = self.build_set(objs.clone(), true)?;
                    loader.keep_in_arena(optimizers);
                }
                self.frozenset_constant(objs)?
            }
            Constant::Bytes(b) => self.new_bytes(b)?,
            Constant::Code(_) => unreachable!("handled above"),
        };
        if by_parser && crate::arena::holds(c) {
            loader.keep_in_arena(obj.clone());
        }
        if let Some(k) = key {
            loader.merged.insert(k, obj.clone());
        }
        Ok(obj)
    }

    /// Takes a spare argument buffer.
    pub(crate) fn take_args(&mut self) -> Vec<ObjRef> {
        self.arg_pool.pop().unwrap_or_default()
    }

    /// Returns an argument buffer, releasing its items first to last.
    pub(crate) fn give_args(&mut self, mut v: Vec<ObjRef>) {
        v.clear();
        self.arg_pool.push(v);
    }

    /// The `__main__` globals dict with `__name__` and `__builtins__` set,
    /// registered as the `__main__` module in `sys.modules`.
    pub fn new_main_globals(&mut self) -> PyResult {
        let g = self.new_dict()?;
        let name = self.new_str("__main__")?;
        self.dict_set_str(&g, "__name__", name)?;
        let b = self.builtins.clone();
        self.dict_set_str(&g, "__builtins__", b)?;
        let main = self.new_module_with_dict(g.clone())?;
        self.sys_modules_set("__main__", main)?;
        Ok(g)
    }

    /// Raises `RecursionError` if one more nested Rust-level call would pass
    /// the recursion limit; otherwise counts it (pair with [`Vm::leave_c`]).
    pub(crate) fn enter_c(&mut self, what: &str) -> PyResult<()> {
        if self.c_depth + self.frames.len() >= self.recursion_limit
            || stacker::remaining_stack().is_some_and(|r| r < 64 * 1024)
        {
            return Err(
                self.new_error(ExcType::RecursionError, format!("maximum recursion depth exceeded{what}"))
            );
        }
        self.c_depth += 1;
        Ok(())
    }

    /// Ends a nested call counted by [`Vm::enter_c`].
    pub(crate) fn leave_c(&mut self) {
        self.c_depth -= 1;
    }
}

/// A random SipHash key for runs without `PYTHONHASHSEED` (std's RandomState
/// is randomly seeded per process).
fn random_key() -> [u8; 16] {
    use std::hash::{BuildHasher, Hasher};
    let mut key = [0u8; 16];
    for (i, chunk) in key.chunks_mut(8).enumerate() {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_usize(i);
        chunk.copy_from_slice(&h.finish().to_le_bytes());
    }
    key
}

/// Creates the exception classes of [`EXCEPTION_TABLE`].
fn build_exception_types(types: &Types) -> Vec<ObjRef> {
    let mut exc: Vec<ObjRef> = Vec::with_capacity(EXCEPTION_TABLE.len());
    for (t, base) in EXCEPTION_TABLE {
        let ty = if *t == ExcType::BaseException {
            types.base_exception.clone()
        } else {
            let slots = refpy_heap::TypeSlots::new::<crate::objects::exception::ExceptionObject>(
                refpy_heap::flags::HAVE_GC,
            )
            .with_traverse(crate::gc_support::exception_traverse)
            .with_clear(crate::gc_support::exception_clear);
            let second = t.second_base().map(|b| &exc[b as usize]);
            let bases: Vec<&ObjRef> = std::iter::once(&exc[*base as usize]).chain(second).collect();
            make_builtin_type(&types.type_, &t.name(), t.module(), Kind::Exception, &bases, slots)
        };
        exc.push(ty);
    }
    exc
}

impl PyErr {
    /// The exception's class name (for messages about it).
    pub fn type_name(&self, vm: &Vm) -> String {
        vm.type_name(&self.exc)
    }
}
