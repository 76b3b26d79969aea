//! The eval loop: one `match` on the opcode, one arm per instruction.
//!
//! `run_frames` executes the newest frame and every frame it calls, in one
//! Rust loop: a Python-to-Python call pushes a frame and jumps to its first
//! instruction (`continue 'frames`), a return pops it. Only calls made *from
//! Rust* (a built-in calling back into Python) nest a new `run_frames`.
//!
//! Reference discipline (PERFORMANCE.md §3): the value stack owns exactly the
//! references CPython 3.11's owns. Loads clone (incref), stores move the
//! popped reference into the slot and release the old value afterwards,
//! `POP_TOP` drops, and call arguments move into the callee's locals.

use refpy_compiler::{BinaryOp, CompareOp, Opcode};
use refpy_heap::ObjRef;

use crate::errors::{ExcType, PyErr, PyResult};
use crate::frame::Frame;
use crate::objects::dict::as_dict;
use crate::objects::float::FloatObject;
use crate::objects::function::{as_function, CellObject, CodeData, GlobalCache};
use crate::objects::int::{IntObject, IntValue};
use crate::objects::list::as_list;
use crate::objects::str::as_str;
use crate::objects::tuple::as_tuple;
use crate::Vm;

/// `a <op> b` for two values of one primitive type (NaN compares false).
#[inline(always)]
fn compare_values<T: PartialOrd>(op: CompareOp, a: &T, b: &T) -> bool {
    match op {
        CompareOp::Lt => a < b,
        CompareOp::Le => a <= b,
        CompareOp::Eq => a == b,
        CompareOp::Ne => a != b,
        CompareOp::Gt => a > b,
        CompareOp::Ge => a >= b,
    }
}

/// What a `CALL` found under its arguments.
pub(crate) enum CallTarget {
    /// A Python function whose frame was pushed: continue in it.
    Pushed,
    /// Anything else: it has been called; here is the result.
    Done(ObjRef),
}

impl Vm {
    #[inline]
    pub(crate) fn pop(&mut self) -> ObjRef {
        self.stack.pop().expect("value stack underflow (compiler bug)")
    }

    #[inline]
    fn top(&self) -> &ObjRef {
        self.stack.last().expect("value stack underflow (compiler bug)")
    }

    /// Runs the newest frame until the entry frame of this invocation returns,
    /// in the copy of the loop with tracing hooks while tracing is on
    /// (trace/mod.rs). A copy hands over to the other at a frame switch.
    pub(crate) fn run_frames(&mut self) -> PyResult {
        // Allocations the caller made before this frame was pushed are the caller's.
        self.tracemalloc_resolve(self.frames.len() - 1);
        loop {
            let done = if self.instrumented() {
                self.run_frames_in::<true>()?
            } else {
                self.run_frames_in::<false>()?
            };
            if let Some(v) = done {
                return Ok(v);
            }
        }
    }

    /// The eval loop; `TRACE` compiles the tracing hooks in. `Ok(None)`:
    /// tracing was switched on or off, continue in the other copy.
    fn run_frames_in<const TRACE: bool>(&mut self) -> PyResult<Option<ObjRef>> {
        'frames: loop {
            if self.instrumented() != TRACE {
                return Ok(None);
            }
            let fi = self.frames.len() - 1;
            let code = self.frames[fi].code.clone();
            let units = &code.code.code[..];
            let base = self.frames[fi].base;
            let mut ip = self.frames[fi].ip;
            // A frame switch (a return, a call, a resumed generator) may have
            // released locals with finalizers.
            if refpy_heap::finalizers_pending() {
                self.finalize_between_instructions(fi, ip);
            }
            let mut ext: u32 = 0;
            let mut kw_names: Option<ObjRef> = None;
            let err: PyErr;
            macro_rules! tri {
                ($e:expr) => {
                    match $e {
                        Ok(v) => v,
                        Err(e) => {
                            err = e;
                            break;
                        }
                    }
                };
            }
            // Steps over the CACHE units that follow a specialisable instruction.
            macro_rules! skip {
                ($op:ident) => {
                    ip += const { Opcode::$op.cache_entries() }
                };
            }
            // `__del__` of objects that died in this instruction runs before
            // the next one (DESIGN.md): checked after the instructions that
            // release references other than ints and floats (a check at the
            // top of the loop costs ~20% by changing the dispatch code).
            macro_rules! finalize {
                () => {
                    if refpy_heap::finalizers_pending() {
                        self.finalize_between_instructions(fi, ip);
                    }
                };
            }
            let mut lasti;
            let mut frame_lasti: Option<usize> = None;
            // The frame's previous instruction, for line events.
            let mut trace_prev = self.frames[fi].lasti;
            loop {
                lasti = ip;
                if TRACE && self.trace.active {
                    tri!(self.trace_instruction(fi, lasti, &mut trace_prev));
                }
                if TRACE && refpy_heap::tracemalloc::is_tracing() {
                    self.tracemalloc_step(fi, lasti);
                }
                let unit = units[ip];
                let oparg = ext | u32::from(unit.arg);
                ext = 0;
                ip += 1;
                match unit.op {
                    Opcode::NOP | Opcode::RESUME | Opcode::CACHE => {}
                    Opcode::PRECALL => skip!(PRECALL),
                    Opcode::EXTENDED_ARG => ext = oparg << 8,
                    Opcode::POP_TOP => {
                        drop(self.pop());
                        finalize!();
                    }
                    Opcode::PUSH_NULL => self.stack.push(self.null.clone()),
                    Opcode::COPY => {
                        let v = self.stack[self.stack.len() - oparg as usize].clone();
                        self.stack.push(v);
                    }
                    Opcode::SWAP => {
                        let n = self.stack.len();
                        self.stack.swap(n - 1, n - oparg as usize);
                    }
                    Opcode::LOAD_CONST => {
                        self.stack.push(code.consts[oparg as usize].clone());
                    }
                    Opcode::LOAD_FAST => {
                        let v = self.stack[base + oparg as usize].clone();
                        if v.is(&self.null) {
                            let name = code.code.varnames[oparg as usize].clone();
                            tri!(Err(self.unbound_local(&name)));
                        }
                        self.stack.push(v);
                    }
                    Opcode::STORE_FAST => {
                        let v = self.pop();
                        drop(std::mem::replace(&mut self.stack[base + oparg as usize], v));
                        finalize!();
                    }
                    Opcode::DELETE_FAST => {
                        let null = self.null.clone();
                        let old = std::mem::replace(&mut self.stack[base + oparg as usize], null);
                        if old.is(&self.null) {
                            let name = code.code.varnames[oparg as usize].clone();
                            tri!(Err(self.unbound_local(&name)));
                        }
                        finalize!();
                    }
                    Opcode::LOAD_NAME => {
                        let name = &code.names[oparg as usize];
                        let v = tri!(self.load_name(fi, name));
                        self.stack.push(v);
                    }
                    Opcode::STORE_NAME => {
                        let v = self.pop();
                        let ns = self.frames[fi].locals_dict.clone().expect("STORE_NAME needs a namespace");
                        tri!(self.dict_set(&ns, code.names[oparg as usize].clone(), v));
                        finalize!();
                    }
                    Opcode::DELETE_NAME => {
                        let ns = self.frames[fi].locals_dict.clone().expect("DELETE_NAME needs a namespace");
                        tri!(self.delete_from_namespace(&ns, &code.names[oparg as usize]));
                        finalize!();
                    }
                    Opcode::LOAD_GLOBAL => {
                        skip!(LOAD_GLOBAL);
                        if oparg & 1 != 0 {
                            self.stack.push(self.null.clone());
                        }
                        let name = &code.names[(oparg >> 1) as usize];
                        let v = tri!(self.load_global_cached(fi, &code, lasti, name));
                        self.stack.push(v);
                    }
                    Opcode::STORE_GLOBAL => {
                        let v = self.pop();
                        let g = self.frames[fi].globals.clone();
                        tri!(self.dict_set(&g, code.names[oparg as usize].clone(), v));
                        finalize!();
                    }
                    Opcode::DELETE_GLOBAL => {
                        let g = self.frames[fi].globals.clone();
                        tri!(self.delete_from_namespace(&g, &code.names[oparg as usize]));
                        finalize!();
                    }
                    Opcode::MAKE_CELL => {
                        // A parameter that is also a cell keeps its argument in
                        // its parameter slot until here: move it into the cell.
                        let varnames = &code.code.varnames;
                        let cell_name = &code.code.cellvars[oparg as usize - varnames.len()];
                        let from = varnames.iter().position(|v| v == cell_name).unwrap_or(oparg as usize);
                        let slot = base + oparg as usize;
                        let null = self.null.clone();
                        let old = std::mem::replace(&mut self.stack[base + from], null);
                        let contents = if old.is(&self.null) { None } else { Some(old) };
                        let cell = tri!(self.new_cell(contents));
                        self.stack[slot] = cell;
                    }
                    Opcode::COPY_FREE_VARS => {
                        let n = oparg as usize;
                        let func = self.frame_function(fi);
                        let closure =
                            func.as_ref().and_then(|f| as_function(f)).and_then(|f| f.closure.clone());
                        if let Some(cells) = closure.as_ref().and_then(as_tuple) {
                            let first = base + code.code.nlocalsplus() - n;
                            for (i, c) in cells.iter().take(n).enumerate() {
                                self.stack[first + i] = c.clone();
                            }
                        }
                    }
                    Opcode::LOAD_CLOSURE => {
                        let v = self.stack[base + oparg as usize].clone();
                        self.stack.push(v);
                    }
                    Opcode::LOAD_DEREF | Opcode::LOAD_CLASSDEREF => {
                        let cell = self.stack[base + oparg as usize].clone();
                        let v = cell.downcast::<CellObject>().and_then(|c| c.contents.borrow().clone());
                        match v {
                            Some(v) => self.stack.push(v),
                            None => {
                                let name = code.localsplus_names[oparg as usize].clone();
                                tri!(Err(self.unbound_deref(&code, oparg as usize, &name)));
                            }
                        }
                    }
                    Opcode::STORE_DEREF => {
                        let v = self.pop();
                        let cell = self.stack[base + oparg as usize].clone();
                        let old =
                            cell.downcast::<CellObject>().and_then(|c| c.contents.borrow_mut().replace(v));
                        drop(old);
                        finalize!();
                    }
                    Opcode::DELETE_DEREF => {
                        let cell = self.stack[base + oparg as usize].clone();
                        let old = cell.downcast::<CellObject>().and_then(|c| c.contents.borrow_mut().take());
                        if old.is_none() {
                            let name = code.localsplus_names[oparg as usize].clone();
                            tri!(Err(self.unbound_deref(&code, oparg as usize, &name)));
                        }
                        finalize!();
                    }
                    Opcode::LOAD_ATTR => {
                        skip!(LOAD_ATTR);
                        let obj = self.pop();
                        let v = tri!(self.get_attr(&obj, &code.names[oparg as usize]));
                        self.stack.push(v);
                        finalize!();
                    }
                    Opcode::STORE_ATTR => {
                        skip!(STORE_ATTR);
                        let obj = self.pop();
                        let v = self.pop();
                        tri!(self.set_attr(&obj, &code.names[oparg as usize], v));
                        finalize!();
                    }
                    Opcode::DELETE_ATTR => {
                        let obj = self.pop();
                        tri!(self.del_attr(&obj, &code.names[oparg as usize]));
                        finalize!();
                    }
                    Opcode::LOAD_METHOD => {
                        skip!(LOAD_METHOD);
                        let obj = self.pop();
                        let (a, b) = tri!(self.load_method(obj, &code.names[oparg as usize]));
                        self.stack.push(a);
                        self.stack.push(b);
                    }
                    Opcode::BINARY_OP => {
                        skip!(BINARY_OP);
                        let op = BinaryOp::from_arg(oparg).expect("BINARY_OP argument");
                        if let Some(res) = self.binary_op_fast(op) {
                            let v = tri!(res);
                            let (r, l) = (self.pop(), self.pop());
                            drop(r);
                            drop(l);
                            self.stack.push(v);
                            continue;
                        }
                        let r = self.pop();
                        let l = self.pop();
                        let v = tri!(self.binary_op(&l, &r, op));
                        drop(r);
                        drop(l);
                        self.stack.push(v);
                        finalize!();
                    }
                    Opcode::UNARY_POSITIVE | Opcode::UNARY_NEGATIVE | Opcode::UNARY_INVERT => {
                        let v = self.pop();
                        let r = tri!(self.unary_op(&v, unit.op));
                        drop(v);
                        self.stack.push(r);
                    }
                    Opcode::UNARY_NOT => {
                        let v = self.pop();
                        let t = tri!(self.is_true(&v));
                        drop(v);
                        self.stack.push(self.new_bool(!t));
                        finalize!();
                    }
                    Opcode::COMPARE_OP => {
                        skip!(COMPARE_OP);
                        let op = CompareOp::from_arg(oparg).expect("COMPARE_OP argument");
                        if let Some(b) = self.compare_op_fast(op) {
                            let (r, l) = (self.pop(), self.pop());
                            drop(r);
                            drop(l);
                            self.stack.push(self.new_bool(b));
                            continue;
                        }
                        let r = self.pop();
                        let l = self.pop();
                        let v = tri!(self.rich_compare(&l, &r, op));
                        drop(r);
                        drop(l);
                        self.stack.push(v);
                        finalize!();
                    }
                    Opcode::IS_OP => {
                        let r = self.pop();
                        let l = self.pop();
                        let res = l.is(&r) != (oparg == 1);
                        drop(r);
                        drop(l);
                        self.stack.push(self.new_bool(res));
                        finalize!();
                    }
                    Opcode::CONTAINS_OP => {
                        let container = self.pop();
                        let item = self.pop();
                        let res = tri!(self.contains(&container, &item)) != (oparg == 1);
                        drop(container);
                        drop(item);
                        self.stack.push(self.new_bool(res));
                        finalize!();
                    }
                    Opcode::BINARY_SUBSCR => {
                        skip!(BINARY_SUBSCR);
                        if let Some(v) = self.subscr_fast() {
                            let (key, container) = (self.pop(), self.pop());
                            drop(key);
                            drop(container);
                            self.stack.push(v);
                            finalize!();
                            continue;
                        }
                        let key = self.pop();
                        let container = self.pop();
                        let v = tri!(self.get_item(&container, &key));
                        drop(key);
                        drop(container);
                        self.stack.push(v);
                        finalize!();
                    }
                    Opcode::STORE_SUBSCR => {
                        skip!(STORE_SUBSCR);
                        if let Some(old) = self.store_subscr_fast() {
                            // STORE_SUBSCR_LIST_INT's order: the old item, the
                            // index, then the list are released.
                            drop(old);
                            let (key, list, _value) = (self.pop(), self.pop(), self.pop());
                            drop(key);
                            drop(list);
                            finalize!();
                            continue;
                        }
                        let key = self.pop();
                        let container = self.pop();
                        let v = self.pop();
                        tri!(self.set_item(&container, key, v));
                        finalize!();
                    }
                    Opcode::DELETE_SUBSCR => {
                        let key = self.pop();
                        let container = self.pop();
                        tri!(self.del_item(&container, &key));
                        finalize!();
                    }
                    Opcode::BUILD_SLICE => {
                        let step = if oparg == 3 { self.pop() } else { self.none.clone() };
                        let stop = self.pop();
                        let start = self.pop();
                        let s = tri!(self.new_slice(start, stop, step));
                        self.stack.push(s);
                    }
                    Opcode::BUILD_TUPLE => {
                        let items = self.stack.split_off(self.stack.len() - oparg as usize);
                        let t = tri!(self.new_tuple(items));
                        self.stack.push(t);
                    }
                    Opcode::BUILD_LIST => {
                        let items = self.stack.split_off(self.stack.len() - oparg as usize);
                        let l = tri!(self.new_list(items));
                        self.stack.push(l);
                    }
                    Opcode::BUILD_SET => {
                        let items = self.stack.split_off(self.stack.len() - oparg as usize);
                        let set = tri!(self.build_set(items, false));
                        self.stack.push(set);
                    }
                    Opcode::SET_ADD => {
                        let v = self.pop();
                        let set = self.stack[self.stack.len() - oparg as usize].clone();
                        tri!(self.set_add(&set, v));
                    }
                    Opcode::SET_UPDATE => {
                        let iterable = self.pop();
                        let set = self.stack[self.stack.len() - oparg as usize].clone();
                        tri!(self.set_update(&set, &iterable));
                    }
                    Opcode::BUILD_MAP => {
                        let items = self.stack.split_off(self.stack.len() - 2 * oparg as usize);
                        let d = tri!(self.build_map(items));
                        self.stack.push(d);
                    }
                    Opcode::BUILD_CONST_KEY_MAP => {
                        let keys = self.pop();
                        let values = self.stack.split_off(self.stack.len() - oparg as usize);
                        let d = tri!(self.build_const_key_map(&keys, values));
                        self.stack.push(d);
                    }
                    Opcode::BUILD_STRING => {
                        let parts = self.stack.split_off(self.stack.len() - oparg as usize);
                        let s: String = parts.iter().filter_map(as_str).collect();
                        let v = tri!(self.new_str(&s));
                        self.stack.push(v);
                    }
                    Opcode::FORMAT_VALUE => {
                        let spec = if oparg & 4 != 0 { Some(self.pop()) } else { None };
                        let v = self.pop();
                        let r = tri!(self.format_value(&v, oparg & 3, spec.as_ref()));
                        self.stack.push(r);
                    }
                    Opcode::LIST_APPEND => {
                        let v = self.pop();
                        let list = self.stack[self.stack.len() - oparg as usize].clone();
                        tri!(self.list_append(as_list(&list).expect("LIST_APPEND target"), v));
                    }
                    Opcode::MAP_ADD => {
                        let v = self.pop();
                        let k = self.pop();
                        let d = self.stack[self.stack.len() - oparg as usize].clone();
                        tri!(self.dict_set(&d, k, v));
                    }
                    Opcode::LIST_EXTEND => {
                        let iterable = self.pop();
                        let list = self.stack[self.stack.len() - oparg as usize].clone();
                        tri!(self
                            .list_extend(&list, &iterable)
                            .map_err(|e| self.star_value_error(e, &iterable)));
                    }
                    Opcode::DICT_UPDATE => {
                        let other = self.pop();
                        let d = self.stack[self.stack.len() - oparg as usize].clone();
                        tri!(self.dict_update(&d, &other));
                    }
                    Opcode::DICT_MERGE => {
                        let other = self.pop();
                        let n = self.stack.len() - oparg as usize;
                        let (d, func) = (self.stack[n].clone(), self.stack[n - 2].clone());
                        tri!(self.dict_merge(&d, &other, &func));
                    }
                    Opcode::LIST_TO_TUPLE => {
                        let list = self.pop();
                        let items: Vec<ObjRef> =
                            as_list(&list).map(|l| l.items.borrow().to_vec()).unwrap_or_default();
                        let t = tri!(self.new_tuple(items));
                        self.stack.push(t);
                    }
                    Opcode::UNPACK_SEQUENCE => {
                        skip!(UNPACK_SEQUENCE);
                        let seq = self.pop();
                        tri!(self.unpack_sequence(&seq, oparg as usize));
                    }
                    Opcode::UNPACK_EX => {
                        let seq = self.pop();
                        tri!(self.unpack_ex(&seq, (oparg & 0xff) as usize, (oparg >> 8) as usize));
                    }
                    Opcode::GET_ITER => {
                        let obj = self.pop();
                        let it = tri!(self.get_iter(&obj));
                        drop(obj);
                        self.stack.push(it);
                    }
                    Opcode::FOR_ITER => {
                        let it = self.top().clone();
                        match tri!(self.iter_next(&it)) {
                            Some(v) => self.stack.push(v),
                            None => {
                                drop(it);
                                drop(self.pop());
                                ip = oparg as usize;
                            }
                        }
                        finalize!();
                    }
                    Opcode::JUMP_ABSOLUTE => {
                        if (oparg as usize) < ip {
                            tri!(self.check_interrupt());
                        }
                        ip = oparg as usize;
                    }
                    Opcode::IMPORT_NAME => {
                        let fromlist = self.pop();
                        let level = self.pop();
                        self.frames[fi].ip = ip;
                        self.frames[fi].lasti = lasti;
                        let name = as_str(&code.names[oparg as usize]).unwrap_or("").to_string();
                        let m = tri!(self.import_name(&name, &fromlist, &level));
                        self.stack.push(m);
                    }
                    Opcode::IMPORT_STAR => {
                        let module = self.pop();
                        let ns = self.frames[fi].locals_dict.clone().expect("IMPORT_STAR needs a namespace");
                        tri!(self.import_star(&module, &ns));
                        drop(module);
                        finalize!();
                    }
                    Opcode::IMPORT_FROM => {
                        let module = self.top().clone();
                        let v = tri!(self.import_from(&module, &code.names[oparg as usize]));
                        self.stack.push(v);
                    }
                    Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE => {
                        let v = self.pop();
                        let t = if v.is(&self.true_) {
                            true
                        } else if v.is(&self.false_) {
                            false
                        } else {
                            tri!(self.is_true(&v))
                        };
                        if t == (unit.op == Opcode::POP_JUMP_IF_TRUE) {
                            ip = oparg as usize;
                        }
                        finalize!();
                    }
                    Opcode::POP_JUMP_IF_NONE | Opcode::POP_JUMP_IF_NOT_NONE => {
                        let v = self.pop();
                        if v.is(&self.none) == (unit.op == Opcode::POP_JUMP_IF_NONE) {
                            ip = oparg as usize;
                        }
                        finalize!();
                    }
                    Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP => {
                        let v = self.top().clone();
                        let t = tri!(self.is_true(&v));
                        if t == (unit.op == Opcode::JUMP_IF_TRUE_OR_POP) {
                            ip = oparg as usize;
                        } else {
                            drop(self.pop());
                        }
                    }
                    Opcode::KW_NAMES => kw_names = Some(code.consts[oparg as usize].clone()),
                    Opcode::CALL => {
                        skip!(CALL);
                        self.frames[fi].ip = ip;
                        self.frames[fi].lasti = lasti;
                        let kwn = kw_names.take();
                        match tri!(self.call_from_stack(oparg as usize, kwn)) {
                            CallTarget::Pushed => {
                                if TRACE {
                                    // Allocations made for the call belong to the caller.
                                    self.tracemalloc_resolve(fi + 1);
                                }
                                continue 'frames;
                            }
                            CallTarget::Done(v) => {
                                self.stack.push(v);
                                // `tracemalloc.start()` just ran: on in the tracing copy.
                                if !TRACE && refpy_heap::tracemalloc::is_tracing() {
                                    continue 'frames;
                                }
                            }
                        }
                        finalize!();
                    }
                    Opcode::CALL_FUNCTION_EX => {
                        let kwargs = if oparg & 1 != 0 { Some(self.pop()) } else { None };
                        let args = self.pop();
                        let func = self.pop();
                        let under = self.pop();
                        self.frames[fi].ip = ip;
                        self.frames[fi].lasti = lasti;
                        let (func, args) = if under.is(&self.null) {
                            (func, args)
                        } else {
                            let mut all = vec![func];
                            all.extend(as_tuple(&args).unwrap_or(&[]).iter().cloned());
                            (under, tri!(self.new_tuple(all)))
                        };
                        let v = tri!(self.call_ex(&func, &args, kwargs.as_ref()));
                        self.stack.push(v);
                        finalize!();
                    }
                    Opcode::MAKE_FUNCTION => {
                        let code_obj = self.pop();
                        let closure = if oparg & 8 != 0 { Some(self.pop()) } else { None };
                        if oparg & 4 != 0 {
                            drop(self.pop());
                        }
                        let kwdefaults = if oparg & 2 != 0 { Some(self.pop()) } else { None };
                        let defaults = if oparg & 1 != 0 { Some(self.pop()) } else { None };
                        let globals = self.frames[fi].globals.clone();
                        let f = tri!(self.new_function(code_obj, globals, closure));
                        if let Some(func) = as_function(&f) {
                            *func.defaults.borrow_mut() = defaults;
                            *func.kwdefaults.borrow_mut() = kwdefaults;
                        }
                        self.stack.push(f);
                    }
                    Opcode::RETURN_GENERATOR => {
                        // The call made a generator: move the frame into it
                        // and return the generator to the caller.
                        let mut frame = self.frames.pop().expect("frame");
                        frame.ip = ip;
                        frame.lasti = lasti;
                        let values = self.stack.split_off(frame.base);
                        let (below, is_entry) = (frame.below, frame.is_entry);
                        frame.below = 0;
                        let gen =
                            tri!(self.new_generator(crate::objects::generator::SavedFrame { frame, values }));
                        for _ in 0..below {
                            drop(self.pop());
                        }
                        if is_entry {
                            return Ok(Some(gen));
                        }
                        self.stack.push(gen);
                        continue 'frames;
                    }
                    Opcode::YIELD_VALUE => {
                        let v = self.pop();
                        if TRACE && self.trace.active {
                            tri!(self.trace_event(fi, lasti, crate::trace::Event::Return(Some(&v))));
                        }
                        let mut frame = self.frames.pop().expect("frame");
                        frame.ip = ip;
                        frame.lasti = lasti;
                        let values = self.stack.split_off(frame.base);
                        let gen = frame.generator.take().expect("YIELD_VALUE outside a generator frame");
                        let g = crate::objects::generator::as_generator(&gen).expect("generator");
                        *g.saved.borrow_mut() =
                            Some(Box::new(crate::objects::generator::SavedFrame { frame, values }));
                        self.yielded = true;
                        return Ok(Some(v));
                    }
                    Opcode::GET_YIELD_FROM_ITER => {
                        let v = self.pop();
                        let it = if self.kind(&v) == crate::types::Kind::Generator {
                            v
                        } else {
                            tri!(self.get_iter(&v))
                        };
                        self.stack.push(it);
                    }
                    Opcode::SEND => {
                        let v = self.pop();
                        let recv = self.top().clone();
                        match tri!(self.send_to(&recv, v)) {
                            crate::objects::generator::GenResult::Yielded(y) => self.stack.push(y),
                            crate::objects::generator::GenResult::Returned(r) => {
                                drop(self.pop());
                                self.stack.push(r);
                                ip = oparg as usize;
                            }
                        }
                    }
                    Opcode::BEFORE_WITH => {
                        let mgr = self.pop();
                        let (exit, entered) = tri!(self.enter_context(&mgr));
                        self.stack.push(exit);
                        self.stack.push(entered);
                    }
                    Opcode::WITH_EXCEPT_START => {
                        let n = self.stack.len();
                        let val = self.stack[n - 1].clone();
                        let exit = self.stack[n - 4].clone();
                        let ty = val.ob_type();
                        let tb = crate::objects::exception::as_exception(&val)
                            .and_then(|e| e.traceback.borrow().clone())
                            .unwrap_or_else(|| self.none.clone());
                        let r = tri!(self.call(&exit, &[ty, val, tb], None));
                        self.stack.push(r);
                    }
                    Opcode::RETURN_VALUE => {
                        let v = self.pop();
                        if TRACE && self.trace.active {
                            tri!(self.trace_event(fi, lasti, crate::trace::Event::Return(Some(&v))));
                        }
                        let frame = self.frames.pop().expect("frame");
                        self.stack.truncate(frame.base);
                        for _ in 0..frame.below {
                            drop(self.pop());
                        }
                        if frame.is_entry {
                            return Ok(Some(v));
                        }
                        self.stack.push(v);
                        continue 'frames;
                    }
                    Opcode::PUSH_EXC_INFO => {
                        let exc = self.pop();
                        let prev = std::mem::replace(&mut self.exc_info, exc.clone());
                        self.stack.push(prev);
                        self.stack.push(exc);
                    }
                    Opcode::POP_EXCEPT => {
                        let prev = self.pop();
                        drop(std::mem::replace(&mut self.exc_info, prev));
                    }
                    Opcode::CHECK_EXC_MATCH => {
                        let ty = self.pop();
                        let exc = self.top().clone();
                        let m = tri!(self.exception_matches(&exc, &ty));
                        self.stack.push(self.new_bool(m));
                    }
                    Opcode::RERAISE => {
                        let exc = self.pop();
                        if oparg != 0 {
                            // Restore f_lasti of the original raise (pushed
                            // by the handler entry); the handler lookup still
                            // starts from this instruction.
                            let at = self.stack[self.stack.len() - oparg as usize].clone();
                            frame_lasti = crate::objects::int::as_i64(&at).map(|v| v as usize);
                        }
                        self.reraising = true;
                        tri!(Err(PyErr { exc }));
                    }
                    Opcode::LOAD_BUILD_CLASS => {
                        let b = self.builtins.clone();
                        let f = tri!(self.dict_get_str(as_dict(&b).expect("builtins"), "__build_class__"));
                        match f {
                            Some(f) => self.stack.push(f),
                            None => {
                                tri!(Err(self.new_error(ExcType::NameError, "__build_class__ not found")))
                            }
                        }
                    }
                    Opcode::PRINT_EXPR => {
                        let v = self.pop();
                        tri!(self.display_hook(&v));
                        finalize!();
                    }
                    Opcode::LOAD_ASSERTION_ERROR => {
                        self.stack.push(self.exc[ExcType::AssertionError as usize].clone())
                    }
                    Opcode::RAISE_VARARGS => {
                        let cause = if oparg >= 2 { Some(self.pop()) } else { None };
                        let exc = if oparg >= 1 { Some(self.pop()) } else { None };
                        tri!(Err(self.make_raise(exc, cause)));
                    }
                    op => {
                        let name = op.name();
                        tri!(Err(self.new_error(
                            ExcType::SystemError,
                            format!("refpy does not support the {name} instruction yet")
                        )));
                    }
                }
            }
            // An instruction raised: find a handler, or leave the frame.
            self.frames[fi].lasti = frame_lasti.unwrap_or(lasti);
            self.unwind(err, lasti)?;
        }
    }

    /// `BINARY_OP` on two small ints or two floats (+, -, *, / on floats),
    /// CPython 3.11's specialised forms: the result is allocated while both
    /// operands are still on the stack. `None`: take the generic path.
    #[inline(always)]
    fn binary_op_fast(&mut self, op: BinaryOp) -> Option<PyResult> {
        let n = self.stack.len();
        let (l, r) = (&self.stack[n - 2], &self.stack[n - 1]);
        if let (Some(IntObject(IntValue::Small(a))), Some(IntObject(IntValue::Small(b)))) =
            (l.downcast_exact(&self.int_tok), r.downcast_exact(&self.int_tok))
        {
            let (a, b) = (*a, *b);
            let v = match op {
                BinaryOp::Add | BinaryOp::InplaceAdd => a.checked_add(b),
                BinaryOp::Subtract | BinaryOp::InplaceSubtract => a.checked_sub(b),
                BinaryOp::Multiply | BinaryOp::InplaceMultiply => a.checked_mul(b),
                BinaryOp::And | BinaryOp::InplaceAnd => Some(a & b),
                BinaryOp::Or | BinaryOp::InplaceOr => Some(a | b),
                BinaryOp::Xor | BinaryOp::InplaceXor => Some(a ^ b),
                // Floor division and modulo take the divisor's sign (Python's rule).
                BinaryOp::FloorDivide | BinaryOp::InplaceFloorDivide if b > 0 => Some(a.div_euclid(b)),
                BinaryOp::Remainder | BinaryOp::InplaceRemainder if b > 0 => Some(a.rem_euclid(b)),
                BinaryOp::Rshift | BinaryOp::InplaceRshift if (0..64).contains(&b) => Some(a >> b),
                BinaryOp::Lshift | BinaryOp::InplaceLshift if (0..63).contains(&b) => {
                    Some(a << b).filter(|v| v >> b == a)
                }
                _ => None,
            }?;
            return Some(self.new_int(v));
        }
        if let (Some(FloatObject(a)), Some(FloatObject(b))) =
            (l.downcast_exact(&self.float_tok), r.downcast_exact(&self.float_tok))
        {
            let v = match op {
                BinaryOp::Add | BinaryOp::InplaceAdd => a + b,
                BinaryOp::Subtract | BinaryOp::InplaceSubtract => a - b,
                BinaryOp::Multiply | BinaryOp::InplaceMultiply => a * b,
                BinaryOp::TrueDivide | BinaryOp::InplaceTrueDivide if *b != 0.0 => a / b,
                _ => return None,
            };
            return Some(self.new_float(v));
        }
        None
    }

    /// `BINARY_SUBSCR_LIST_INT` / `_TUPLE_INT`: an item by a small
    /// non-negative-or-negative int index in range; `None` for anything else.
    #[inline(always)]
    fn subscr_fast(&self) -> Option<ObjRef> {
        let n = self.stack.len();
        let (c, k) = (&self.stack[n - 2], &self.stack[n - 1]);
        let IntObject(IntValue::Small(i)) = k.downcast_exact(&self.int_tok)? else { return None };
        if c.has_heap_type() {
            return None;
        }
        if let Some(l) = as_list(c) {
            let items = l.items.borrow();
            let idx = if *i < 0 { *i + items.len() as i64 } else { *i };
            return items.get(usize::try_from(idx).ok()?).cloned();
        }
        let t = as_tuple(c)?;
        let idx = if *i < 0 { *i + t.len() as i64 } else { *i };
        t.get(usize::try_from(idx).ok()?).cloned()
    }

    /// `STORE_SUBSCR_LIST_INT`: stores `stack[-3]` into a list at a small int
    /// index in range and returns the replaced item (the caller releases it
    /// and pops the three operands); `None` for anything else.
    #[inline(always)]
    fn store_subscr_fast(&mut self) -> Option<ObjRef> {
        let n = self.stack.len();
        let (v, c, k) = (&self.stack[n - 3], &self.stack[n - 2], &self.stack[n - 1]);
        let IntObject(IntValue::Small(i)) = k.downcast_exact(&self.int_tok)? else { return None };
        let l = as_list(c).filter(|_| !c.has_heap_type())?;
        let mut items = l.items.borrow_mut();
        let idx = if *i < 0 { *i + items.len() as i64 } else { *i };
        let slot = items.get_mut(usize::try_from(idx).ok()?)?;
        Some(std::mem::replace(slot, v.clone()))
    }

    /// `COMPARE_OP` on two small ints or two floats, without touching counts.
    #[inline(always)]
    fn compare_op_fast(&self, op: CompareOp) -> Option<bool> {
        let n = self.stack.len();
        let (l, r) = (&self.stack[n - 2], &self.stack[n - 1]);
        if let (Some(IntObject(IntValue::Small(a))), Some(IntObject(IntValue::Small(b)))) =
            (l.downcast_exact(&self.int_tok), r.downcast_exact(&self.int_tok))
        {
            return Some(compare_values(op, a, b));
        }
        if let (Some(FloatObject(a)), Some(FloatObject(b))) =
            (l.downcast_exact(&self.float_tok), r.downcast_exact(&self.float_tok))
        {
            return Some(compare_values(op, a, b));
        }
        None
    }

    /// Raises `err` inside the newest frame (a resumed generator), at the
    /// instruction where it was suspended, and runs on from the handler.
    pub(crate) fn throw_into_frame(&mut self, err: PyErr, lasti: usize) -> PyResult {
        if self.trace.active {
            // 3.11 traces a throw into a generator as a `call` first.
            self.trace_event(self.frames.len() - 1, lasti, crate::trace::Event::Call)?;
        }
        self.unwind(err, lasti)?;
        self.run_frames()
    }

    /// One step of `yield from`/`await` (`SEND`): resume a generator, or call
    /// `next()`/`send()` on another iterator.
    fn send_to(&mut self, recv: &ObjRef, v: ObjRef) -> PyResult<crate::objects::generator::GenResult> {
        use crate::objects::generator::GenResult;
        if self.kind(recv) == crate::types::Kind::Generator {
            return self.gen_resume(recv, Ok(v));
        }
        if v.is(&self.none) {
            return match self.iter_next(recv)? {
                Some(y) => Ok(GenResult::Yielded(y)),
                None => Ok(GenResult::Returned(self.none.clone())),
            };
        }
        match self.call_special(recv, "send", std::slice::from_ref(&v)) {
            Ok(Some(y)) => Ok(GenResult::Yielded(y)),
            Ok(None) => {
                let t = self.type_name(recv);
                Err(self.new_error(ExcType::AttributeError, format!("'{t}' object has no attribute 'send'")))
            }
            Err(e) if self.exc_matches(&e.exc, ExcType::StopIteration) => {
                let value = crate::objects::exception::as_exception(&e.exc)
                    .and_then(|x| as_tuple(&x.args.borrow()).and_then(|a| a.first().cloned()))
                    .unwrap_or_else(|| self.none.clone());
                Ok(GenResult::Returned(value))
            }
            Err(e) => Err(e),
        }
    }

    /// `BEFORE_WITH`: the bound `__exit__` and the result of `__enter__`.
    fn enter_context(&mut self, mgr: &ObjRef) -> PyResult<(ObjRef, ObjRef)> {
        let ty = mgr.ob_type();
        let (enter, exit) = if self.is_heap_instance(mgr) {
            (self.lookup_special(&ty, "__enter__")?, self.lookup_special(&ty, "__exit__")?)
        } else {
            // A built-in context manager (a file): its methods table's
            // `__enter__`/`__exit__`, called with the manager first.
            let kind = self.kind(mgr);
            let mut builtin = |name| match crate::methods::lookup(kind, name) {
                Some((n, f)) => self.new_builtin(n, f, None).map(Some),
                None => Ok(None),
            };
            (builtin("__enter__")?, builtin("__exit__")?)
        };
        let Some(enter) = enter else {
            let t = self.type_name(mgr);
            return Err(self.new_error(
                ExcType::TypeError,
                format!("'{t}' object does not support the context manager protocol"),
            ));
        };
        let Some(exit) = exit else {
            let t = self.type_name(mgr);
            return Err(self.new_error(
                ExcType::TypeError,
                format!(
                    "'{t}' object does not support the context manager protocol (missed __exit__ method)"
                ),
            ));
        };
        let exit = self.new_method(exit, mgr.clone())?;
        let entered = self.call(&enter, std::slice::from_ref(mgr), None)?;
        Ok((exit, entered))
    }

    /// Runs queued finalizers with frame `fi` resumable at `ip`.
    #[cold]
    #[inline(never)]
    fn finalize_between_instructions(&mut self, fi: usize, ip: usize) {
        if !self.running_finalizers {
            self.frames[fi].ip = ip;
            self.run_pending_finalizers();
        }
    }

    /// Raises `KeyboardInterrupt` if an interrupt was requested.
    #[inline]
    pub(crate) fn check_interrupt(&mut self) -> PyResult<()> {
        // An allocation crossed gc threshold 0: collect here, at a safe point
        // (3.11 collects inside the allocation; see refpy_heap::gc).
        if refpy_heap::gc::collection_pending() {
            crate::modules::gc::collect_pending(self);
        }
        if self.interrupt.load(std::sync::atomic::Ordering::Relaxed) {
            self.interrupt.store(false, std::sync::atomic::Ordering::Relaxed);
            return Err(self.new_error_noargs(ExcType::KeyboardInterrupt));
        }
        Ok(())
    }

    /// Propagates `err` from the newest frame: records a traceback entry per
    /// frame, jumps to a handler from the exception table if there is one,
    /// else pops the frame. Returns `Err` once an entry frame is left.
    fn unwind(&mut self, mut err: PyErr, raised_at: usize) -> PyResult<()> {
        // A re-raise already has this frame's traceback entry (3.11 jumps to
        // `exception_unwind`, not `error`).
        let mut add_tb = !std::mem::take(&mut self.reraising);
        if add_tb {
            self.set_context(&err);
        }
        let mut at = raised_at;
        loop {
            let frame = self.frames.last().expect("frame");
            let (code_obj, lasti) = (frame.code_obj.clone(), frame.lasti);
            if add_tb {
                self.add_traceback(&err, code_obj, lasti)?;
                if self.trace.active {
                    err = self.trace_unwind_exception(err);
                }
            }
            add_tb = true;
            let frame = self.frames.last().expect("frame");
            let handler = frame
                .code
                .code
                .exceptiontable
                .iter()
                .find(|e| (e.start as usize) <= at && at < e.end as usize)
                .copied();
            if let Some(h) = handler {
                let depth = frame.stack_base() + h.depth as usize;
                self.stack.truncate(depth);
                if h.lasti {
                    let v = self.new_int(lasti as i64)?;
                    self.stack.push(v);
                }
                self.stack.push(err.exc);
                self.frames.last_mut().expect("frame").ip = h.target as usize;
                return Ok(());
            }
            if self.trace.active {
                self.trace_unwind_return();
            }
            let frame = self.frames.pop().expect("frame");
            self.stack.truncate(frame.base);
            for _ in 0..frame.below {
                drop(self.pop());
            }
            if frame.is_entry {
                return Err(err);
            }
            at = self.frames.last().expect("a caller frame").lasti;
        }
    }

    /// Implicit chaining (`_PyErr_SetObject`): an exception raised while
    /// another is handled gets it as `__context__`, cutting any cycle.
    fn set_context(&mut self, err: &PyErr) {
        let handled = self.exc_info.clone();
        if handled.is(&self.none) || handled.is(&err.exc) {
            return;
        }
        let Some(new) = crate::objects::exception::as_exception(&err.exc) else { return };
        // Walk the handled exception's context chain; drop the link that
        // would point back at the new exception.
        let mut o = handled.clone();
        while let Some(e) = crate::objects::exception::as_exception(&o) {
            let next = e.context.borrow().clone();
            match next {
                Some(n) if n.is(&err.exc) => {
                    *e.context.borrow_mut() = None;
                    break;
                }
                Some(n) => o = n,
                None => break,
            }
        }
        *new.context.borrow_mut() = Some(handled);
    }

    /// True if `exc` is an instance of `ty` (a class or tuple of classes),
    /// for `except ty:` (`CHECK_EXC_MATCH`).
    fn exception_matches(&mut self, exc: &ObjRef, ty: &ObjRef) -> PyResult<bool> {
        let classes: Vec<ObjRef> = match as_tuple(ty) {
            Some(t) => t.to_vec(),
            None => vec![ty.clone()],
        };
        for c in &classes {
            if crate::types::as_type(c).is_none_or(|t| t.kind != crate::types::Kind::Exception) {
                return Err(self.new_error(
                    ExcType::TypeError,
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
        }
        let mro = crate::types::type_data(exc.ob_type_ref()).mro.borrow().clone();
        Ok(classes.iter().any(|c| mro.iter().any(|m| m.is(c))))
    }

    /// Prepends a traceback entry for a frame to the exception's traceback.
    fn add_traceback(&mut self, err: &PyErr, code_obj: ObjRef, lasti: usize) -> PyResult<()> {
        let Some(exc) = crate::objects::exception::as_exception(&err.exc) else { return Ok(()) };
        let next = exc.traceback.borrow_mut().take();
        let tb = self.new_traceback(next, code_obj, lasti)?;
        *exc.traceback.borrow_mut() = Some(tb);
        Ok(())
    }

    /// The function running in frame `fi` (found under its locals).
    fn frame_function(&self, fi: usize) -> Option<ObjRef> {
        let f = &self.frames[fi];
        if f.below == 0 {
            return None;
        }
        // Layout: [NULL, func, args…] (below 2) or [meth, self, …] (below 1):
        // either way the function sits just under the first local.
        Some(self.stack[f.base - 1].clone())
    }

    /// `UnboundLocalError` for local `name`.
    #[cold]
    fn unbound_local(&mut self, name: &str) -> PyErr {
        self.new_error(
            ExcType::UnboundLocalError,
            format!("cannot access local variable '{name}' where it is not associated with a value"),
        )
    }

    /// The error for reading an empty cell: a local captured by an inner
    /// function, or a free variable of an enclosing one.
    #[cold]
    fn unbound_deref(
        &mut self,
        code: &crate::objects::function::CodeData,
        index: usize,
        name: &ObjRef,
    ) -> PyErr {
        let name = as_str(name).unwrap_or("?").to_string();
        if index < code.code.varnames.len() + code.code.cellvars.len() {
            self.unbound_local(&name)
        } else {
            self.new_error(
                ExcType::NameError,
                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
            )
        }
    }

    /// `LOAD_NAME`: the frame's namespace, then globals, then builtins.
    fn load_name(&mut self, fi: usize, name: &ObjRef) -> PyResult {
        if let Some(ns) = self.frames[fi].locals_dict.clone() {
            if let Some(v) = self.dict_get(as_dict(&ns).expect("namespace is a dict"), name)? {
                return Ok(v);
            }
        }
        self.load_global(fi, name)
    }

    /// `LOAD_GLOBAL` through its cache: valid while the keys versions of
    /// globals (and builtins, for a builtin name) are unchanged.
    // Always inlined: the eval loop is compiled twice (with and without
    // tracing hooks), and two call sites would make LLVM keep it out of line.
    #[inline(always)]
    fn load_global_cached(&mut self, fi: usize, code: &CodeData, at: usize, name: &ObjRef) -> PyResult {
        let c = code.global_cache[at].get();
        if c.globals_version != 0 {
            let g = as_dict(&self.frames[fi].globals).expect("globals is a dict").table.borrow();
            if g.current_keys_version() == c.globals_version {
                if !c.in_builtins {
                    if let Some(v) = g.value_at(c.index as usize) {
                        return Ok(v);
                    }
                } else {
                    let b = as_dict(&self.builtins).expect("builtins is a dict").table.borrow();
                    if b.current_keys_version() == c.builtins_version {
                        if let Some(v) = b.value_at(c.index as usize) {
                            return Ok(v);
                        }
                    }
                }
            }
        }
        let v = self.load_global(fi, name)?;
        self.fill_global_cache(fi, code, at, name)?;
        Ok(v)
    }

    /// Records where `name` is found for `LOAD_GLOBAL` at unit `at`.
    fn fill_global_cache(&mut self, fi: usize, code: &CodeData, at: usize, name: &ObjRef) -> PyResult<()> {
        let hash = self.hash(name)?;
        let mut g = as_dict(&self.frames[fi].globals).expect("globals is a dict").table.borrow_mut();
        let globals_version = g.keys_version();
        let entry = match g.lookup(name, hash) {
            Some(ix) => {
                GlobalCache { globals_version, builtins_version: 0, index: ix as u32, in_builtins: false }
            }
            None => {
                let mut b = as_dict(&self.builtins).expect("builtins is a dict").table.borrow_mut();
                let Some(ix) = b.lookup(name, hash) else { return Ok(()) };
                GlobalCache {
                    globals_version,
                    builtins_version: b.keys_version(),
                    index: ix as u32,
                    in_builtins: true,
                }
            }
        };
        code.global_cache[at].set(entry);
        Ok(())
    }

    /// `LOAD_GLOBAL`: globals, then builtins, else `NameError`.
    fn load_global(&mut self, fi: usize, name: &ObjRef) -> PyResult {
        let hash = self.hash(name)?;
        let found = {
            let g = as_dict(&self.frames[fi].globals).expect("globals is a dict");
            g.table.borrow().get(name, hash)
        };
        if let Some(v) = found {
            return Ok(v);
        }
        let found = as_dict(&self.builtins).expect("builtins is a dict").table.borrow().get(name, hash);
        if let Some(v) = found {
            return Ok(v);
        }
        let err = self.name_error(name);
        let n = as_str(name).unwrap_or("?").to_string();
        let suggestion = self.suggest_name(fi, &n);
        if let Some(e) = crate::objects::exception::as_exception(&err.exc) {
            *e.suggestion.borrow_mut() = suggestion;
        }
        Err(err)
    }

    /// `NameError: name 'x' is not defined`.
    #[cold]
    fn name_error(&mut self, name: &ObjRef) -> PyErr {
        let n = as_str(name).unwrap_or("?").to_string();
        self.new_error(ExcType::NameError, format!("name '{n}' is not defined"))
    }

    /// The "Did you mean" candidate for an undefined `name` in frame `fi`:
    /// its local variable names, then its globals, then the builtins.
    #[cold]
    fn suggest_name(&self, fi: usize, name: &str) -> Option<String> {
        let frame = &self.frames[fi];
        let locals: Vec<&str> = frame.code.code.varnames.iter().map(|v| &**v).collect();
        if let Some(s) = crate::suggestions::closest(name, &locals) {
            return Some(s.to_string());
        }
        for ns in [&frame.globals, &self.builtins] {
            let table = as_dict(ns)?.table.borrow();
            let keys: Vec<&str> = table.items().filter_map(|(k, _)| as_str(k)).collect();
            if let Some(s) = crate::suggestions::closest(name, &keys) {
                return Some(s.to_string());
            }
        }
        None
    }

    /// `del name` in a namespace dict.
    fn delete_from_namespace(&mut self, ns: &ObjRef, name: &ObjRef) -> PyResult<()> {
        let d = as_dict(ns).expect("namespace is a dict");
        let hash = self.hash(name)?;
        let removed = d.table.borrow_mut().remove(name, hash);
        match removed {
            Some(kv) => {
                drop(kv);
                Ok(())
            }
            None => Err(self.name_error(name)),
        }
    }

    /// `BUILD_MAP`: keys and values alternate on the stack.
    fn build_map(&mut self, items: Vec<ObjRef>) -> PyResult {
        let d = self.new_dict()?;
        let mut it = items.into_iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            self.dict_set(&d, k, v)?;
        }
        Ok(d)
    }

    /// `BUILD_CONST_KEY_MAP`: the keys come as one constant tuple.
    fn build_const_key_map(&mut self, keys: &ObjRef, values: Vec<ObjRef>) -> PyResult {
        let d = self.new_dict()?;
        let keys = as_tuple(keys).unwrap_or(&[]).to_vec();
        for (k, v) in keys.into_iter().zip(values) {
            self.dict_set(&d, k, v)?;
        }
        Ok(d)
    }

    /// `UNPACK_SEQUENCE n`: pushes the items so that the first ends on top.
    fn unpack_sequence(&mut self, seq: &ObjRef, n: usize) -> PyResult<()> {
        let items = self.unpack_items(seq, n + 1)?;
        if items.len() != n {
            return Err(if items.len() > n {
                self.new_error(ExcType::ValueError, format!("too many values to unpack (expected {n})"))
            } else {
                self.new_error(
                    ExcType::ValueError,
                    format!("not enough values to unpack (expected {n}, got {})", items.len()),
                )
            });
        }
        self.stack.extend(items.into_iter().rev());
        Ok(())
    }

    /// `UNPACK_EX`: `before` items, a list of the middle, `after` items.
    fn unpack_ex(&mut self, seq: &ObjRef, before: usize, after: usize) -> PyResult<()> {
        let mut items = self.unpack_items(seq, usize::MAX)?;
        if items.len() < before + after {
            return Err(self.new_error(
                ExcType::ValueError,
                format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    before + after,
                    items.len()
                ),
            ));
        }
        let tail = items.split_off(items.len() - after);
        let middle = items.split_off(before);
        let mid = self.new_list(middle)?;
        self.stack.extend(tail.into_iter().rev());
        self.stack.push(mid);
        self.stack.extend(items.into_iter().rev());
        Ok(())
    }

    /// `LIST_EXTEND`'s error for a non-iterable (`[*5]`, `f(1, *5)`).
    fn star_value_error(&mut self, e: PyErr, iterable: &ObjRef) -> PyErr {
        if !self.is_not_iterable_error(&e, iterable) {
            return e;
        }
        let t = self.type_name(iterable);
        self.new_error(ExcType::TypeError, format!("Value after * must be an iterable, not {t}"))
    }

    /// `DICT_MERGE`: `**other` into the keyword dict of a call to `func`,
    /// with CPython's errors for a non-mapping and a repeated keyword.
    fn dict_merge(&mut self, d: &ObjRef, other: &ObjRef, func: &ObjRef) -> PyResult<()> {
        let (Some(target), Some(src)) = (as_dict(d), as_dict(other)) else {
            let (f, t) = (self.function_str(func)?, self.type_name(other));
            return Err(self
                .new_error(ExcType::TypeError, format!("{f} argument after ** must be a mapping, not {t}")));
        };
        let items: Vec<(ObjRef, ObjRef)> =
            src.table.borrow().items().map(|(k, v)| (k.clone(), v.clone())).collect();
        for (k, v) in items {
            if self.dict_get(target, &k)?.is_some() {
                let f = self.function_str(func)?;
                let key = self.str_string(&k)?;
                return Err(self.new_error(
                    ExcType::TypeError,
                    format!("{f} got multiple values for keyword argument '{key}'"),
                ));
            }
            self.dict_set(d, k, v)?;
        }
        Ok(())
    }

    /// The items an unpacking assignment takes from `seq`: at most `limit`
    /// (an iterator is not drained past what decides the error, as in
    /// CPython's `unpack_iterable`), and CPython's message for a
    /// non-iterable.
    fn unpack_items(&mut self, seq: &ObjRef, limit: usize) -> PyResult<Vec<ObjRef>> {
        if (as_tuple(seq).is_some() || as_list(seq).is_some()) && !seq.has_heap_type() {
            return self.sequence_items(seq);
        }
        let it = match self.get_iter(seq) {
            Ok(it) => it,
            Err(e) if self.is_not_iterable_error(&e, seq) => {
                let t = self.type_name(seq);
                return Err(
                    self.new_error(ExcType::TypeError, format!("cannot unpack non-iterable {t} object"))
                );
            }
            Err(e) => return Err(e),
        };
        let mut out = Vec::new();
        while out.len() < limit {
            match self.iter_next(&it)? {
                Some(v) => out.push(v),
                None => break,
            }
        }
        Ok(out)
    }

    /// All items of an iterable, in order.
    pub(crate) fn sequence_items(&mut self, seq: &ObjRef) -> PyResult<Vec<ObjRef>> {
        // Subclasses may override __iter__: only exact lists and tuples are copied.
        if let Some(t) = as_tuple(seq).filter(|_| !seq.has_heap_type()) {
            return Ok(t.to_vec());
        }
        if let Some(l) = as_list(seq).filter(|_| !seq.has_heap_type()) {
            return Ok(l.items.borrow().to_vec());
        }
        let it = self.get_iter(seq)?;
        let mut out = Vec::new();
        while let Some(v) = self.iter_next(&it)? {
            out.push(v);
        }
        Ok(out)
    }

    /// `CALL n`: calls what lies under the `n` arguments (3.11's layout).
    /// Always inlined into both copies of the eval loop (see `load_global_cached`).
    #[inline(always)]
    fn call_from_stack(&mut self, n: usize, kwnames: Option<ObjRef>) -> PyResult<CallTarget> {
        let len = self.stack.len();
        let callable_idx = len - n - 1;
        let is_meth = !self.stack[callable_idx - 1].is(&self.null);
        let (func_idx, nargs) = if is_meth { (callable_idx - 1, n + 1) } else { (callable_idx, n) };
        let below = if is_meth { 1 } else { 2 };
        let func = self.stack[func_idx].clone();
        if let Some(f) = as_function(&func) {
            if kwnames.is_none() && f.fast_nargs as usize == nargs && self.frames.len() < self.recursion_limit
            {
                let code = f.code.clone();
                let globals = f.globals.clone();
                let code_obj = f.code_obj.clone();
                drop(func);
                self.push_frame(code, code_obj, globals, len - nargs, below)?;
                return Ok(CallTarget::Pushed);
            }
        }
        let mut args = self.take_args();
        args.extend(self.stack.drain(len - nargs..));
        let kw = kwnames.as_ref().and_then(as_tuple);
        // A bound method becomes its function with `self` as the first
        // argument, as 3.11's `CALL` does, so that it is moved too.
        let method = func
            .downcast::<crate::objects::descriptor::MethodObject>()
            .filter(|m| as_function(&m.func).is_some())
            .map(|m| (m.func.clone(), m.self_obj.clone()));
        let target = match method {
            Some((f, s)) => {
                args.insert(0, s);
                f
            }
            None => func.clone(),
        };
        let result = if let Some(f) = as_function(&target) {
            // The frame owns the arguments alone while it runs: CPython 3.11
            // moves them off the caller's stack (`_PyEvalFramePushAndInit`).
            let locals = self.bind_arguments(f, &args, kw);
            args.clear();
            locals.and_then(|locals| self.run_function_frame(&target, locals))
        } else {
            self.call(&func, &args, kw)
        };
        self.give_args(args);
        for _ in 0..below {
            drop(self.pop());
        }
        drop(func);
        result.map(CallTarget::Done)
    }

    /// Pushes a frame whose first `argcount` locals are already on the stack
    /// at `base`; the other locals start unbound.
    pub(crate) fn push_frame(
        &mut self,
        code: std::rc::Rc<crate::objects::function::CodeData>,
        code_obj: ObjRef,
        globals: ObjRef,
        base: usize,
        below: usize,
    ) -> PyResult<()> {
        if self.frames.len() >= self.recursion_limit {
            return Err(self.new_error(ExcType::RecursionError, "maximum recursion depth exceeded"));
        }
        self.check_interrupt()?;
        let nlocals = code.code.nlocalsplus();
        let have = self.stack.len() - base;
        self.stack.reserve(nlocals - have.min(nlocals) + code.code.stacksize as usize);
        for _ in have..nlocals {
            self.stack.push(self.null.clone());
        }
        self.frames.push(Frame {
            code,
            code_obj,
            globals,
            locals_dict: None,
            base,
            ip: 0,
            lasti: 0,
            below,
            is_entry: false,
            generator: None,
            trace: None,
        });
        Ok(())
    }

    /// Runs module-level code with `globals` as its namespace.
    pub fn run_module_code(&mut self, code_obj: &ObjRef, globals: &ObjRef) -> PyResult {
        self.run_code_in(code_obj, globals, globals)
    }

    /// Runs a module-level code object with separate `globals` and a
    /// `LOAD_NAME`/`STORE_NAME` namespace `locals` (`exec(src, g, l)`).
    pub(crate) fn run_code_in(&mut self, code_obj: &ObjRef, globals: &ObjRef, locals: &ObjRef) -> PyResult {
        let Some(crate::objects::function::CodeObj(code)) =
            code_obj.downcast::<crate::objects::function::CodeObj>()
        else {
            return Err(self.new_error(ExcType::SystemError, "not a code object"));
        };
        let base = self.stack.len();
        self.frames.push(Frame {
            code: code.clone(),
            code_obj: code_obj.clone(),
            globals: globals.clone(),
            locals_dict: Some(locals.clone()),
            base,
            ip: 0,
            lasti: 0,
            below: 0,
            is_entry: true,
            generator: None,
            trace: None,
        });
        self.run_frames()
    }

    /// Calls a Python function from Rust with bound arguments already laid
    /// out as its locals; runs it to completion.
    pub(crate) fn run_function_frame(&mut self, func: &ObjRef, locals: Vec<ObjRef>) -> PyResult {
        self.run_function_frame_with(func, locals, None)
    }

    /// [`Vm::run_function_frame`] with a namespace for `LOAD_NAME`/`STORE_NAME`
    /// (class bodies).
    pub(crate) fn run_function_frame_with(
        &mut self,
        func: &ObjRef,
        locals: Vec<ObjRef>,
        locals_dict: Option<ObjRef>,
    ) -> PyResult {
        let f = as_function(func).expect("a function");
        let (code, code_obj, globals) = (f.code.clone(), f.code_obj.clone(), f.globals.clone());
        if self.frames.len() >= self.recursion_limit {
            return Err(self.new_error(ExcType::RecursionError, "maximum recursion depth exceeded"));
        }
        self.enter_c("")?;
        self.stack.push(self.null.clone());
        self.stack.push(func.clone());
        let base = self.stack.len();
        self.stack.extend(locals);
        let r = self.push_frame(code, code_obj, globals, base, 2).and_then(|()| {
            let frame = self.frames.last_mut().expect("frame");
            frame.is_entry = true;
            frame.locals_dict = locals_dict;
            self.run_frames()
        });
        self.leave_c();
        r
    }
}
