//! From the codegen's instruction list to `co_code`, `co_positions`,
//! `co_exceptiontable` and `co_stacksize`.
//!
//! The codegen emits [`Instr`]s whose jumps name [`Label`]s, plus CPython
//! 3.11's pseudo-instructions (`SETUP_FINALLY`, `SETUP_CLEANUP`, `SETUP_WITH`,
//! `POP_BLOCK`) that delimit exception handlers. Assembly then runs, in
//! CPython's order (`Python/compile.c`, `assemble`):
//! 1. labels resolved to instruction indices;
//! 2. peepholes: `x is None` tests become `POP_JUMP_IF_(NOT_)NONE`, jumps to
//!    unconditional jumps are threaded;
//! 3. a flow pass computes the stack depth before every reachable
//!    instruction (`stackdepth`); unreachable instructions are dropped and
//!    jumps to the next instruction removed;
//! 4. a second flow pass gives every instruction its innermost handler
//!    (`label_exception_targets`), whose depth is the handler's entry depth
//!    minus what the unwinder pushes;
//! 5. pseudo-instructions become `NOP`s, and `NOP`s that carry no new line
//!    number are removed (`remove_redundant_nops`);
//! 6. layout: absolute jump targets in code units, `EXTENDED_ARG` prefixes
//!    and `CACHE` units, iterated until the sizes are stable.

use crate::code::{ExceptionTableEntry, Location};
use crate::opcode::{CodeUnit, Opcode};

/// A jump target, bound to a position in the instruction list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(pub u32);

/// A real opcode or one of 3.11's pseudo-instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Real(Opcode),
    /// Handler for the following instructions: pushes the exception.
    SetupFinally,
    /// As `SetupFinally`, but the unwinder pushes `lasti` first.
    SetupCleanup,
    /// As `SetupCleanup`, for `with` (the enter result is popped first).
    SetupWith,
    /// Ends the innermost handler region.
    PopBlock,
}

/// One instruction before assembly.
#[derive(Clone, Copy, Debug)]
pub struct Instr {
    pub op: Op,
    pub arg: u32,
    /// For jumps and `Setup*`: where to go.
    pub target: Option<Label>,
    /// `None` inherits the previous instruction's location ("artificial").
    pub loc: Option<Location>,
}

/// Working form: targets are instruction indices.
#[derive(Clone, Copy, Debug)]
struct Ins {
    op: Op,
    arg: u32,
    target: usize,
    loc: Option<Location>,
}

const NO_TARGET: usize = usize::MAX;

/// The result of assembling one code object.
pub struct Assembled {
    pub code: Vec<CodeUnit>,
    pub locations: Vec<Location>,
    pub exceptiontable: Vec<ExceptionTableEntry>,
    pub stacksize: u32,
}

/// An internal inconsistency (a bug in the codegen, reported as an error,
/// never a panic).
#[derive(Debug)]
pub struct AssembleError(pub String);

/// Assembles `instrs` whose labels are bound at `label_pos`.
/// `is_none_const(i)` tells whether `co_consts[i]` is `None`.
pub fn assemble(
    instrs: &[Instr],
    label_pos: &[Option<usize>],
    is_none_const: &dyn Fn(u32) -> bool,
) -> Result<Assembled, AssembleError> {
    let mut v = resolve(instrs, label_pos)?;
    let mut is_target = jump_targets(&v);
    optimize_is_none(&mut v, &is_target, is_none_const);
    thread_jumps(&mut v);
    let targets = jump_targets(&v);
    v = inline_small_exits(v, &targets);
    let depths = stack_depths(&v)?;
    let keep: Vec<bool> = depths.iter().map(Option::is_some).collect();
    v = compact(&v, &keep);
    remove_jumps_to_next(&mut v);
    let targets = jump_targets(&v);
    let keep = redundant_nops(&mut v, &targets);
    v = compact(&v, &keep);
    propagate_line_numbers(&mut v);
    let depths = stack_depths(&v)?;
    let handlers = exception_targets(&v, &depths)?;
    let stacksize = depths.iter().flatten().copied().max().unwrap_or(0);
    let mut handlers = handlers;
    for ins in v.iter_mut() {
        if !matches!(ins.op, Op::Real(_)) {
            ins.op = Op::Real(Opcode::NOP);
            ins.target = NO_TARGET;
        }
    }
    is_target = jump_targets_with_handlers(&v, &handlers);
    let keep = redundant_nops(&mut v, &is_target);
    handlers = remap_handlers(&handlers, &keep);
    v = compact(&v, &keep);
    let handlers = handlers.into_iter().zip(&keep).filter(|(_, k)| **k).map(|(h, _)| h).collect::<Vec<_>>();
    Ok(layout(&v, &handlers, stacksize))
}

fn resolve(instrs: &[Instr], label_pos: &[Option<usize>]) -> Result<Vec<Ins>, AssembleError> {
    instrs
        .iter()
        .map(|i| {
            let target = match i.target {
                Some(l) => label_pos
                    .get(l.0 as usize)
                    .copied()
                    .flatten()
                    .ok_or_else(|| AssembleError(format!("unbound label {}", l.0)))?,
                None => NO_TARGET,
            };
            Ok(Ins { op: i.op, arg: i.arg, target, loc: i.loc })
        })
        .collect()
}

fn jump_targets(v: &[Ins]) -> Vec<bool> {
    let mut t = vec![false; v.len() + 1];
    for i in v {
        if i.target != NO_TARGET {
            t[i.target] = true;
        }
    }
    t
}

fn jump_targets_with_handlers(v: &[Ins], handlers: &[Option<Handler>]) -> Vec<bool> {
    let mut t = jump_targets(v);
    for h in handlers.iter().flatten() {
        t[h.target] = true;
    }
    t
}

fn real(op: Op) -> Option<Opcode> {
    match op {
        Op::Real(o) => Some(o),
        _ => None,
    }
}

/// Instructions after which control never falls through.
fn is_terminator(op: Op) -> bool {
    matches!(
        real(op),
        Some(Opcode::JUMP_ABSOLUTE | Opcode::RETURN_VALUE | Opcode::RERAISE | Opcode::RAISE_VARARGS)
    )
}

/// `LOAD_CONST None; IS_OP k; POP_JUMP_IF_X` → `POP_JUMP_IF_(NOT_)NONE`.
fn optimize_is_none(v: &mut [Ins], is_target: &[bool], is_none: &dyn Fn(u32) -> bool) {
    for i in 0..v.len().saturating_sub(2) {
        let (a, b, c) = (v[i], v[i + 1], v[i + 2]);
        if real(a.op) != Some(Opcode::LOAD_CONST) || !is_none(a.arg) || real(b.op) != Some(Opcode::IS_OP) {
            continue;
        }
        let jump_if_true = match real(c.op) {
            Some(Opcode::POP_JUMP_IF_TRUE) => true,
            Some(Opcode::POP_JUMP_IF_FALSE) => false,
            _ => continue,
        };
        if is_target[i + 1] || is_target[i + 2] {
            continue;
        }
        let jump_if_none = (b.arg == 0) == jump_if_true;
        v[i].op = Op::Real(Opcode::NOP);
        v[i].loc = None;
        v[i + 1].op = Op::Real(Opcode::NOP);
        v[i + 1].loc = None;
        v[i + 2].op =
            Op::Real(if jump_if_none { Opcode::POP_JUMP_IF_NONE } else { Opcode::POP_JUMP_IF_NOT_NONE });
    }
}

/// A jump to an unconditional jump goes straight to the final target.
fn thread_jumps(v: &mut [Ins]) {
    for i in 0..v.len() {
        let op = real(v[i].op);
        if op != Some(Opcode::JUMP_ABSOLUTE)
            && !matches!(op, Some(Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE))
        {
            continue;
        }
        // `jump_thread`: only between jumps on the same line.
        let line = v[i].loc.map(|l| l.lineno);
        let mut t = v[i].target;
        for _ in 0..16 {
            match v.get(t) {
                Some(n)
                    if real(n.op) == Some(Opcode::JUMP_ABSOLUTE)
                        && n.target != t
                        && n.loc.map(|l| l.lineno) == line =>
                {
                    t = n.target
                }
                _ => break,
            }
        }
        v[i].target = t;
    }
}

/// `extend_block`: an unconditional jump to a small block without line
/// numbers that leaves the code object (the implicit `return None`; at most
/// `MAX_COPY_SIZE` = 4 instructions) is replaced by a copy of that block.
fn inline_small_exits(v: Vec<Ins>, is_target: &[bool]) -> Vec<Ins> {
    let exit_block = |t: usize| -> Option<std::ops::Range<usize>> {
        let end = (t..v.len()).take(4).find(|&k| is_terminator(v[k].op))?;
        let exits =
            matches!(real(v[end].op), Some(Opcode::RETURN_VALUE | Opcode::RERAISE | Opcode::RAISE_VARARGS));
        // Only blocks without line numbers (the implicit `return None`) are copied.
        let plain = (t..=end)
            .all(|k| v[k].target == NO_TARGET && matches!(v[k].op, Op::Real(_)) && v[k].loc.is_none());
        let whole = (t + 1..=end).all(|k| !is_target[k]);
        (exits && plain && whole).then_some(t..end + 1)
    };
    let mut out = Vec::with_capacity(v.len());
    let mut map = Vec::with_capacity(v.len() + 1);
    for ins in v.iter() {
        map.push(out.len());
        if real(ins.op) == Some(Opcode::JUMP_ABSOLUTE) && ins.target != NO_TARGET {
            if let Some(r) = exit_block(ins.target) {
                out.extend(v[r].iter().copied());
                continue;
            }
        }
        out.push(*ins);
    }
    map.push(out.len());
    for ins in out.iter_mut() {
        if ins.target != NO_TARGET {
            ins.target = map[ins.target];
        }
    }
    out
}

/// Stack effect of `ins` when it falls through (`jump == false`) or jumps.
pub fn stack_effect(op: Op, arg: u32, jump: bool) -> i32 {
    let arg_i = arg as i32;
    let o = match op {
        Op::SetupFinally | Op::SetupWith => return if jump { 1 } else { 0 },
        Op::SetupCleanup => return if jump { 2 } else { 0 },
        Op::PopBlock => return 0,
        Op::Real(o) => o,
    };
    use Opcode::*;
    match o {
        CACHE | NOP | RESUME | EXTENDED_ARG | SWAP | MAKE_CELL | COPY_FREE_VARS | DELETE_FAST
        | DELETE_NAME | DELETE_GLOBAL | DELETE_DEREF | LOAD_ATTR | UNARY_POSITIVE | UNARY_NEGATIVE
        | UNARY_NOT | UNARY_INVERT | LIST_TO_TUPLE | GET_ITER | JUMP_ABSOLUTE | PRECALL | KW_NAMES
        | CHECK_EXC_MATCH | SETUP_ANNOTATIONS | YIELD_VALUE | GET_YIELD_FROM_ITER => 0,
        POP_TOP | STORE_FAST | STORE_NAME | STORE_GLOBAL | STORE_DEREF | DELETE_ATTR | BINARY_OP
        | COMPARE_OP | IS_OP | CONTAINS_OP | BINARY_SUBSCR | LIST_APPEND | SET_ADD | LIST_EXTEND
        | SET_UPDATE | DICT_UPDATE | DICT_MERGE | POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE | POP_JUMP_IF_NONE
        | POP_JUMP_IF_NOT_NONE | RETURN_VALUE | POP_EXCEPT | RERAISE | IMPORT_NAME | IMPORT_STAR
        | PRINT_EXPR => -1,
        PUSH_NULL | COPY | LOAD_CONST | LOAD_FAST | LOAD_NAME | LOAD_CLOSURE | LOAD_DEREF
        | LOAD_CLASSDEREF | LOAD_METHOD | LOAD_ASSERTION_ERROR | PUSH_EXC_INFO | BEFORE_WITH
        | WITH_EXCEPT_START | LOAD_BUILD_CLASS | RETURN_GENERATOR | IMPORT_FROM => 1,
        LOAD_GLOBAL => 1 + (arg_i & 1),
        STORE_ATTR | DELETE_SUBSCR | MAP_ADD => -2,
        STORE_SUBSCR => -3,
        BUILD_SLICE => {
            if arg == 3 {
                -2
            } else {
                -1
            }
        }
        BUILD_TUPLE | BUILD_LIST | BUILD_SET | BUILD_STRING => 1 - arg_i,
        BUILD_MAP => 1 - 2 * arg_i,
        BUILD_CONST_KEY_MAP => -arg_i,
        FORMAT_VALUE => -((arg_i & 4) >> 2),
        UNPACK_SEQUENCE => arg_i - 1,
        UNPACK_EX => (arg_i & 0xff) + (arg_i >> 8),
        FOR_ITER => {
            if jump {
                -1
            } else {
                1
            }
        }
        JUMP_IF_FALSE_OR_POP | JUMP_IF_TRUE_OR_POP => {
            if jump {
                0
            } else {
                -1
            }
        }
        SEND => {
            if jump {
                -1
            } else {
                0
            }
        }
        CALL => -(arg_i + 1),
        CALL_FUNCTION_EX => -2 - (arg_i & 1),
        MAKE_FUNCTION => -((arg & 0xf).count_ones() as i32),
        RAISE_VARARGS => -arg_i,
    }
}

/// Depth before each instruction, `None` where unreachable (`stackdepth`).
fn stack_depths(v: &[Ins]) -> Result<Vec<Option<u32>>, AssembleError> {
    let mut depth: Vec<Option<u32>> = vec![None; v.len()];
    let mut work = Vec::new();
    let push = |depth: &mut Vec<Option<u32>>, work: &mut Vec<usize>, at: usize, d: i32| {
        if at >= depth.len() {
            return Ok(());
        }
        if d < 0 {
            return Err(AssembleError(format!("negative stack depth at {at}")));
        }
        match depth[at] {
            None => {
                depth[at] = Some(d as u32);
                work.push(at);
            }
            Some(old) if old != d as u32 => {
                return Err(AssembleError(format!("inconsistent stack depth at {at}: {old} vs {d}")));
            }
            _ => {}
        }
        Ok(())
    };
    if !v.is_empty() {
        push(&mut depth, &mut work, 0, 0)?;
    }
    while let Some(mut i) = work.pop() {
        // Walk straight-line code from `i` until a terminator or known code.
        loop {
            let d = depth[i].unwrap_or(0) as i32;
            let ins = v[i];
            if ins.target != NO_TARGET {
                push(&mut depth, &mut work, ins.target, d + stack_effect(ins.op, ins.arg, true))?;
            }
            if is_terminator(ins.op) {
                break;
            }
            let next = d + stack_effect(ins.op, ins.arg, false);
            if i + 1 >= v.len() {
                break;
            }
            if depth[i + 1].is_some() {
                push(&mut depth, &mut work, i + 1, next)?;
                break;
            }
            if next < 0 {
                return Err(AssembleError(format!("negative stack depth after {i}")));
            }
            depth[i + 1] = Some(next as u32);
            i += 1;
        }
    }
    Ok(depth)
}

/// Keeps the instructions marked in `keep`; targets move to the next kept one.
fn compact(v: &[Ins], keep: &[bool]) -> Vec<Ins> {
    let map = new_index_map(keep);
    v.iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(i, _)| {
            let mut i = *i;
            if i.target != NO_TARGET {
                i.target = map[i.target];
            }
            i
        })
        .collect()
}

/// `map[old] = index of the first kept instruction at or after old`.
fn new_index_map(keep: &[bool]) -> Vec<usize> {
    let mut map = vec![0; keep.len() + 1];
    let mut n = keep.iter().filter(|k| **k).count();
    map[keep.len()] = n;
    for i in (0..keep.len()).rev() {
        if keep[i] {
            n -= 1;
        }
        map[i] = n;
    }
    map
}

fn remove_jumps_to_next(v: &mut [Ins]) {
    for i in 0..v.len() {
        if real(v[i].op) == Some(Opcode::JUMP_ABSOLUTE) {
            let next_real = (i + 1..v.len()).find(|&j| real(v[j].op) != Some(Opcode::NOP)).unwrap_or(v.len());
            if v[i].target == i + 1 || (v[i].target > i && v[i].target <= next_real) {
                v[i].op = Op::Real(Opcode::NOP);
                v[i].target = NO_TARGET;
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Handler {
    target: usize,
    depth: u32,
    lasti: bool,
}

/// The innermost handler of each instruction (`label_exception_targets`).
fn exception_targets(v: &[Ins], depths: &[Option<u32>]) -> Result<Vec<Option<Handler>>, AssembleError> {
    let mut result: Vec<Option<Handler>> = vec![None; v.len()];
    let mut seen = vec![false; v.len()];
    let mut work: Vec<(usize, Vec<Handler>)> = vec![(0, Vec::new())];
    if v.is_empty() {
        return Ok(result);
    }
    seen[0] = true;
    while let Some((mut i, mut stack)) = work.pop() {
        loop {
            let ins = v[i];
            match ins.op {
                Op::SetupFinally | Op::SetupCleanup | Op::SetupWith => {
                    if !seen[ins.target] {
                        seen[ins.target] = true;
                        work.push((ins.target, stack.clone()));
                    }
                    let lasti = ins.op != Op::SetupFinally;
                    let start =
                        depths[ins.target].ok_or_else(|| AssembleError("unreachable handler".into()))?;
                    let depth = start.checked_sub(1 + u32::from(lasti));
                    let depth = depth.ok_or_else(|| AssembleError("bad handler depth".into()))?;
                    stack.push(Handler { target: ins.target, depth, lasti });
                }
                Op::PopBlock => {
                    stack.pop();
                }
                Op::Real(_) => {
                    if ins.target != NO_TARGET && !seen[ins.target] {
                        seen[ins.target] = true;
                        work.push((ins.target, stack.clone()));
                    }
                }
            }
            if matches!(ins.op, Op::Real(_)) {
                result[i] = stack.last().copied();
            }
            if is_terminator(ins.op) || i + 1 >= v.len() || seen[i + 1] {
                break;
            }
            seen[i + 1] = true;
            i += 1;
        }
    }
    Ok(result)
}

fn remap_handlers(handlers: &[Option<Handler>], keep: &[bool]) -> Vec<Option<Handler>> {
    let map = new_index_map(keep);
    handlers.iter().map(|h| h.map(|h| Handler { target: map[h.target], ..h })).collect()
}

/// `propagate_line_numbers`: an instruction without a location takes the
/// one before it in its basic block; a block's first instruction takes the
/// location its only predecessor ended with (fall-through or jump, where
/// `Setup*` counts as a jump to its handler).
fn propagate_line_numbers(v: &mut [Ins]) {
    let n = v.len();
    let mut preds = vec![0u32; n + 1];
    let mut starts = vec![false; n + 1];
    if n > 0 {
        starts[0] = true;
    }
    for (i, ins) in v.iter().enumerate() {
        if ins.target != NO_TARGET && matches!(ins.op, Op::Real(_)) {
            preds[ins.target] += 1;
            starts[ins.target] = true;
            starts[i + 1] = true;
        }
        if is_terminator(ins.op) {
            starts[i + 1] = true;
        }
    }
    for i in 1..n {
        if starts[i] && !is_terminator(v[i - 1].op) {
            preds[i] += 1;
        }
    }
    let mut i = 0;
    while i < n {
        let mut prev = v[i].loc;
        let mut j = i + 1;
        while j < n && !starts[j] {
            match v[j].loc {
                None => v[j].loc = prev,
                l => prev = l,
            }
            j += 1;
        }
        let last = v[j - 1];
        if j < n && !is_terminator(last.op) && preds[j] == 1 && v[j].loc.is_none() {
            v[j].loc = prev;
        }
        if last.target != NO_TARGET
            && matches!(last.op, Op::Real(_))
            && preds[last.target] == 1
            && v[last.target].loc.is_none()
        {
            v[last.target].loc = prev;
        }
        i = j;
    }
    guarantee_lineno_for_exits(v, &starts);
}

/// `guarantee_lineno_for_exits`: a block ending in a `RETURN_VALUE` without
/// a location takes the location the previous block ended with.
fn guarantee_lineno_for_exits(v: &mut [Ins], starts: &[bool]) {
    let mut last_loc = None;
    let mut i = 0;
    while i < v.len() {
        let mut j = i + 1;
        while j < v.len() && !starts[j] {
            j += 1;
        }
        match v[j - 1].loc {
            None if real(v[j - 1].op) == Some(Opcode::RETURN_VALUE) => {
                for ins in &mut v[i..j] {
                    ins.loc = ins.loc.or(last_loc);
                }
            }
            None => {}
            l => last_loc = l,
        }
        i = j;
    }
}

/// `remove_redundant_nops`: marks the NOPs to drop. A NOP stays only when it
/// carries a line number that neither its neighbour shows.
fn redundant_nops(v: &mut [Ins], is_target: &[bool]) -> Vec<bool> {
    let mut keep = vec![true; v.len()];
    let mut prev_line: Option<u32> = None;
    for i in 0..v.len() {
        // A new basic block starts at a jump target and after any jump.
        if is_target[i] || (i > 0 && (v[i - 1].target != NO_TARGET || is_terminator(v[i - 1].op))) {
            prev_line = None;
        }
        let line = v[i].loc.map(|l| l.lineno);
        if real(v[i].op) == Some(Opcode::NOP) {
            let next_line = v.get(i + 1).map(|n| n.loc.map(|l| l.lineno));
            let drop = match line {
                None => true,
                Some(_) if prev_line == line => true,
                Some(_) => match next_line {
                    Some(None) if !is_target[i + 1] => {
                        v[i + 1].loc = v[i].loc;
                        true
                    }
                    Some(n) => n == line,
                    None => false,
                },
            };
            if drop {
                keep[i] = false;
                continue;
            }
        }
        if line.is_some() {
            prev_line = line;
        }
    }
    keep
}

fn ext_units(arg: u32) -> usize {
    match arg {
        0..=0xff => 0,
        0x100..=0xffff => 1,
        0x1_0000..=0xff_ffff => 2,
        _ => 3,
    }
}

fn layout(v: &[Ins], handlers: &[Option<Handler>], stacksize: u32) -> Assembled {
    let size_of = |i: &Ins, arg: u32| -> usize {
        let op = real(i.op).unwrap_or(Opcode::NOP);
        ext_units(arg) + 1 + op.cache_entries()
    };
    // Offsets: start with no EXTENDED_ARG on jumps and grow until stable.
    let mut offsets = vec![0usize; v.len() + 1];
    let mut jump_ext = vec![0usize; v.len()];
    loop {
        let mut off = 0;
        for (k, i) in v.iter().enumerate() {
            offsets[k] = off;
            let arg = if i.target != NO_TARGET { 0 } else { i.arg };
            off += size_of(i, arg) + if i.target != NO_TARGET { jump_ext[k] } else { 0 };
        }
        offsets[v.len()] = off;
        let mut changed = false;
        for (k, i) in v.iter().enumerate() {
            if i.target != NO_TARGET {
                let need = ext_units(offsets[i.target] as u32);
                if need > jump_ext[k] {
                    jump_ext[k] = need;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut code = Vec::with_capacity(offsets[v.len()]);
    let mut locations = Vec::with_capacity(offsets[v.len()]);
    let mut loc;
    for (k, i) in v.iter().enumerate() {
        let op = real(i.op).unwrap_or(Opcode::NOP);
        loc = i.loc.unwrap_or_default();
        let (arg, ext) = if i.target != NO_TARGET {
            (offsets[i.target] as u32, jump_ext[k])
        } else {
            (i.arg, ext_units(i.arg))
        };
        for e in (1..=ext).rev() {
            code.push(CodeUnit { op: Opcode::EXTENDED_ARG, arg: (arg >> (8 * e)) as u8 });
            locations.push(loc);
        }
        code.push(CodeUnit { op, arg: arg as u8 });
        locations.push(loc);
        for _ in 0..op.cache_entries() {
            code.push(CodeUnit { op: Opcode::CACHE, arg: 0 });
            locations.push(loc);
        }
    }
    let exceptiontable = exception_table(handlers, &offsets);
    Assembled { code, locations, exceptiontable, stacksize }
}

fn exception_table(handlers: &[Option<Handler>], offsets: &[usize]) -> Vec<ExceptionTableEntry> {
    let mut table: Vec<ExceptionTableEntry> = Vec::new();
    let mut k = 0;
    while k < handlers.len() {
        let Some(h) = handlers[k] else {
            k += 1;
            continue;
        };
        let start = k;
        while k < handlers.len() && handlers[k] == Some(h) {
            k += 1;
        }
        table.push(ExceptionTableEntry {
            start: offsets[start] as u32,
            end: offsets[k] as u32,
            target: offsets[h.target] as u32,
            depth: h.depth,
            lasti: h.lasti,
        });
    }
    table
}
