//! Expressions, assignment and deletion targets, and conditional jumps
//! (`compiler_visit_expr1`, `compiler_jump_if`, `starunpack_helper`, …).

use std::rc::Rc;

use refpy_syntax::ast::{self, CmpOp, Expr, ExprContext, ExprKind, UnaryOp};

use super::assemble::Label;
use super::stmt::binary_op;
use super::{CResult, Compiler};
use crate::code::{CompileWarning, Constant};
use crate::consts::ConstKey;
use crate::fold::truthy;
use crate::opcode::{CompareOp, Opcode};

/// CPython's `STACK_USE_GUARDRAIL`: longer displays and calls are built
/// incrementally rather than with one instruction taking all items.
pub(crate) const STACK_USE_GUARDRAIL: usize = 30;

/// How a display collects its items: tuple/list/set builders and updaters.
#[derive(Clone, Copy)]
pub(crate) struct Builder {
    pub build: Opcode,
    pub add: Opcode,
    pub extend: Opcode,
    pub tuple: bool,
}

pub(crate) const LIST: Builder = Builder {
    build: Opcode::BUILD_LIST,
    add: Opcode::LIST_APPEND,
    extend: Opcode::LIST_EXTEND,
    tuple: false,
};
pub(crate) const TUPLE: Builder = Builder { tuple: true, ..LIST };
pub(crate) const SET: Builder =
    Builder { build: Opcode::BUILD_SET, add: Opcode::SET_ADD, extend: Opcode::SET_UPDATE, tuple: false };

fn is_starred(e: &Expr) -> bool {
    matches!(e.node, ExprKind::Starred { .. })
}

impl<'a> Compiler<'a> {
    /// The folded constant of `e`, if CPython would fold it.
    pub fn fold(&mut self, e: &Expr) -> Option<Constant> {
        match &e.node {
            ExprKind::Constant(_)
            | ExprKind::UnaryOp { .. }
            | ExprKind::BinOp { .. }
            | ExprKind::Tuple { .. }
            | ExprKind::Subscript { .. }
            | ExprKind::Name { .. } => self.folder.fold(e),
            _ => None,
        }
    }

    /// Compiles `e` with its own location (`compiler_visit_expr`).
    pub fn expr(&mut self, e: &'a Expr) -> CResult<()> {
        stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || {
            let old = self.set_loc(e.span);
            let r = self.expr_inner(e);
            self.restore_loc(old);
            r
        })
    }

    fn expr_inner(&mut self, e: &'a Expr) -> CResult<()> {
        if let Some(c) = self.fold(e) {
            self.load_const(c);
            return Ok(());
        }
        match &e.node {
            ExprKind::Constant(ast::Constant::Imaginary(_)) => {
                Err(self.unsupported("complex numbers", e.span))
            }
            ExprKind::Constant(_) => Err(self.unsupported("this literal", e.span)),
            ExprKind::Name { id, ctx } => self.nameop(id, *ctx),
            ExprKind::BoolOp { op, values } => self.bool_op(*op, values),
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Opcode::COPY, 1);
                self.expr(target)
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Opcode::BINARY_OP, binary_op(*op, false));
                Ok(())
            }
            ExprKind::UnaryOp { op, operand } => self.unary(*op, operand),
            ExprKind::Lambda { args, body } => self.lambda(e, args, body),
            ExprKind::IfExp { test, body, orelse } => {
                let (end, next) = (self.new_label(), self.new_label());
                self.jump_if(test, next, false)?;
                self.expr(body)?;
                self.emit_jump_noline(Opcode::JUMP_ABSOLUTE, end);
                self.bind(next);
                self.expr(orelse)?;
                self.bind(end);
                Ok(())
            }
            ExprKind::Dict { keys, values } => self.dict(keys, values),
            ExprKind::Set(elts) => self.starunpack(elts, 0, SET),
            ExprKind::ListComp { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::DictComp { .. }
            | ExprKind::GeneratorExp { .. } => self.comprehension(e),
            ExprKind::Await(_) => Err(self.unsupported("'await'", e.span)),
            ExprKind::Yield(v) => {
                self.check_yield(e)?;
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Constant::None),
                }
                self.emit(Opcode::YIELD_VALUE, 0);
                self.emit(Opcode::RESUME, 1);
                Ok(())
            }
            ExprKind::YieldFrom(v) => {
                self.check_yield(e)?;
                self.expr(v)?;
                self.emit(Opcode::GET_YIELD_FROM_ITER, 0);
                self.load_const(Constant::None);
                self.yield_from_loop();
                Ok(())
            }
            ExprKind::Compare { left, ops, comparators } => self.compare(left, ops, comparators),
            ExprKind::Call { func, args, keywords } => self.call(func, args, keywords),
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                self.formatted_value(value, *conversion, format_spec.as_deref(), e)
            }
            ExprKind::JoinedStr(values) => self.joined_str(values),
            ExprKind::Attribute { value, attr, ctx } => {
                if *ctx == ExprContext::Store || *ctx == ExprContext::Del {
                    self.expr(value)?;
                    let i = self.name_index(attr);
                    let op =
                        if *ctx == ExprContext::Store { Opcode::STORE_ATTR } else { Opcode::DELETE_ATTR };
                    self.emit(op, i);
                    return Ok(());
                }
                self.expr(value)?;
                let i = self.name_index(attr);
                self.emit(Opcode::LOAD_ATTR, i);
                Ok(())
            }
            ExprKind::Subscript { value, slice, ctx } => {
                self.expr(value)?;
                self.expr(slice)?;
                let op = match ctx {
                    ExprContext::Load => Opcode::BINARY_SUBSCR,
                    ExprContext::Store => Opcode::STORE_SUBSCR,
                    ExprContext::Del => Opcode::DELETE_SUBSCR,
                };
                self.emit(op, 0);
                Ok(())
            }
            ExprKind::Starred { ctx: ExprContext::Store, .. } => {
                Err(self.error("starred assignment target must be in a list or tuple", e.span))
            }
            ExprKind::Starred { .. } => Err(self.error("can't use starred expression here", e.span)),
            ExprKind::List { elts, ctx } | ExprKind::Tuple { elts, ctx } => {
                let b = if matches!(e.node, ExprKind::List { .. }) { LIST } else { TUPLE };
                match ctx {
                    ExprContext::Load => self.starunpack(elts, 0, b),
                    ExprContext::Store => self.assign_sequence(elts, e),
                    ExprContext::Del => elts.iter().try_for_each(|x| self.expr(x)),
                }
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => self.load_const(Constant::None),
                    }
                }
                let mut n = 2;
                if let Some(s) = step {
                    self.expr(s)?;
                    n = 3;
                }
                self.emit(Opcode::BUILD_SLICE, n);
                Ok(())
            }
        }
    }

    fn check_yield(&self, e: &Expr) -> CResult<()> {
        if self.table.scopes[self.u().scope].kind != crate::symtable::ScopeKind::Function {
            return Err(self.error("'yield' outside function", e.span));
        }
        Ok(())
    }

    /// `SEND`/`YIELD_VALUE` loop of `yield from` (`compiler_add_yield_from`).
    pub fn yield_from_loop(&mut self) {
        let (send, exit) = (self.new_label(), self.new_label());
        self.bind(send);
        self.emit_jump(Opcode::SEND, exit);
        self.emit(Opcode::YIELD_VALUE, 0);
        self.emit(Opcode::RESUME, 2);
        self.emit_jump(Opcode::JUMP_ABSOLUTE, send);
        self.bind(exit);
    }

    fn unary(&mut self, op: UnaryOp, operand: &'a Expr) -> CResult<()> {
        if op == UnaryOp::Not {
            if let ExprKind::Compare { left, ops, comparators } = &operand.node {
                if let [only] = ops.as_slice() {
                    let inverted = match only {
                        CmpOp::Is => Some(CmpOp::IsNot),
                        CmpOp::IsNot => Some(CmpOp::Is),
                        CmpOp::In => Some(CmpOp::NotIn),
                        CmpOp::NotIn => Some(CmpOp::In),
                        _ => None,
                    };
                    if let Some(inv) = inverted {
                        let ops1 = [inv];
                        return self.compare(left, &ops1, comparators);
                    }
                }
            }
        }
        self.expr(operand)?;
        let o = match op {
            UnaryOp::Invert => Opcode::UNARY_INVERT,
            UnaryOp::Not => Opcode::UNARY_NOT,
            UnaryOp::UAdd => Opcode::UNARY_POSITIVE,
            UnaryOp::USub => Opcode::UNARY_NEGATIVE,
        };
        self.emit(o, 0);
        Ok(())
    }

    fn bool_op(&mut self, op: ast::BoolOp, values: &'a [Expr]) -> CResult<()> {
        let end = self.new_label();
        let jump =
            if op == ast::BoolOp::And { Opcode::JUMP_IF_FALSE_OR_POP } else { Opcode::JUMP_IF_TRUE_OR_POP };
        let (last, init) =
            values.split_last().ok_or_else(|| self.error("empty boolean operation", Default::default()))?;
        for v in init {
            self.expr(v)?;
            self.emit_jump(jump, end);
        }
        self.expr(last)?;
        self.bind(end);
        Ok(())
    }

    /// Emits the instruction for one comparison operator.
    pub fn cmp_op(&mut self, op: CmpOp) {
        let (o, arg) = match op {
            CmpOp::Eq => (Opcode::COMPARE_OP, CompareOp::Eq as u32),
            CmpOp::NotEq => (Opcode::COMPARE_OP, CompareOp::Ne as u32),
            CmpOp::Lt => (Opcode::COMPARE_OP, CompareOp::Lt as u32),
            CmpOp::LtE => (Opcode::COMPARE_OP, CompareOp::Le as u32),
            CmpOp::Gt => (Opcode::COMPARE_OP, CompareOp::Gt as u32),
            CmpOp::GtE => (Opcode::COMPARE_OP, CompareOp::Ge as u32),
            CmpOp::Is => (Opcode::IS_OP, 0),
            CmpOp::IsNot => (Opcode::IS_OP, 1),
            CmpOp::In => (Opcode::CONTAINS_OP, 0),
            CmpOp::NotIn => (Opcode::CONTAINS_OP, 1),
        };
        self.emit(o, arg);
    }

    /// The right operand of a comparison: the last one, after `in`/`not in`,
    /// is treated as an iterable (`fold_compare` → `fold_iter`).
    fn comparator(&mut self, ops: &[CmpOp], i: usize, c: &'a Expr) -> CResult<()> {
        if i + 1 == ops.len() && matches!(ops[i], CmpOp::In | CmpOp::NotIn) {
            self.iter_expr(c)
        } else {
            self.expr(c)
        }
    }

    fn compare(&mut self, left: &'a Expr, ops: &[CmpOp], comparators: &'a [Expr]) -> CResult<()> {
        self.check_compare(left, ops, comparators);
        self.expr(left)?;
        let n = ops.len();
        if n == 1 {
            self.comparator(ops, 0, &comparators[0])?;
            self.cmp_op(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        for i in 0..n - 1 {
            self.comparator(ops, i, &comparators[i])?;
            self.emit(Opcode::SWAP, 2);
            self.emit(Opcode::COPY, 2);
            self.cmp_op(ops[i]);
            self.emit_jump(Opcode::JUMP_IF_FALSE_OR_POP, cleanup);
        }
        self.comparator(ops, n - 1, &comparators[n - 1])?;
        self.cmp_op(ops[n - 1]);
        let end = self.new_label();
        self.emit_jump_noline(Opcode::JUMP_ABSOLUTE, end);
        self.bind(cleanup);
        self.emit(Opcode::SWAP, 2);
        self.emit(Opcode::POP_TOP, 0);
        self.bind(end);
        Ok(())
    }

    /// CPython's `check_compare`: `is`/`is not` next to a literal other than
    /// `None`, `True`, `False` or `...` earns a `SyntaxWarning`.
    fn check_compare(&mut self, left: &Expr, ops: &[CmpOp], comparators: &[Expr]) {
        let mut left_ok = !is_literal(left);
        for (op, right) in ops.iter().zip(comparators) {
            let right_ok = !is_literal(right);
            if matches!(op, CmpOp::Is | CmpOp::IsNot) && !(left_ok && right_ok) {
                let message = if *op == CmpOp::Is {
                    "\"is\" with a literal. Did you mean \"==\"?"
                } else {
                    "\"is not\" with a literal. Did you mean \"!=\"?"
                };
                let lineno = self.u().loc.map_or(left.span.lineno, |l| l.lineno);
                self.warnings.push(CompileWarning {
                    category: "SyntaxWarning",
                    message: message.into(),
                    lineno,
                });
                return;
            }
            left_ok = right_ok;
        }
    }

    /// An iterable position (`for` iterable, right side of `in`): a list
    /// display becomes a tuple, a set of constants a frozenset (`fold_iter`).
    pub fn iter_expr(&mut self, e: &'a Expr) -> CResult<()> {
        match &e.node {
            ExprKind::List { elts, ctx: ExprContext::Load } if !elts.iter().any(is_starred) => {
                let old = self.set_loc(e.span);
                let consts = elts.iter().map(|x| self.fold(x)).collect::<Option<Vec<_>>>();
                match consts {
                    Some(items) => self.load_const(Constant::Tuple(Rc::from(items))),
                    None => self.starunpack(elts, 0, TUPLE)?,
                }
                self.restore_loc(old);
                Ok(())
            }
            ExprKind::Set(elts) => {
                if let Some(fs) = self.frozenset_of(elts) {
                    let old = self.set_loc(e.span);
                    self.load_const(fs);
                    self.restore_loc(old);
                    return Ok(());
                }
                self.expr(e)
            }
            _ => self.expr(e),
        }
    }

    /// The frozenset constant of a set display of constants, or `None` when
    /// an item is not constant or when equal-but-distinct numbers (`1`,
    /// `1.0`, `True`) would need Python's equality to deduplicate.
    fn frozenset_of(&mut self, elts: &[Expr]) -> Option<Constant> {
        let items = elts.iter().map(|x| self.fold(x)).collect::<Option<Vec<_>>>()?;
        let numeric_kinds = items
            .iter()
            .filter_map(|c| match c {
                Constant::Bool(_) => Some(0),
                Constant::Int(_) | Constant::BigInt(_) => Some(1),
                Constant::Float(_) => Some(2),
                _ => None,
            })
            .collect::<std::collections::BTreeSet<_>>();
        if numeric_kinds.len() > 1 {
            return None;
        }
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for c in items {
            let key = ConstKey::of(&c)?;
            if let Constant::Float(f) = c {
                if f.is_nan() {
                    return None;
                }
            }
            if !seen.contains(&key) {
                seen.push(key);
                out.push(c);
            }
        }
        Some(Constant::FrozenSet(Rc::from(out)))
    }

    /// `starunpack_helper`: a list, tuple or set display (or the positional
    /// arguments of an `f(*a)` call), with `pushed` items already on the stack.
    pub fn starunpack(&mut self, elts: &'a [Expr], pushed: u32, b: Builder) -> CResult<()> {
        let n = elts.len();
        if n > 2 && !elts.iter().any(is_starred) {
            let folded = if b.build == Opcode::BUILD_SET {
                self.frozenset_of(elts)
            } else {
                elts.iter()
                    .map(|x| self.fold(x))
                    .collect::<Option<Vec<_>>>()
                    .map(|v| Constant::Tuple(Rc::from(v)))
            };
            if let Some(c) = folded {
                if b.tuple && pushed == 0 {
                    self.load_compiler_const(c);
                    return Ok(());
                }
                self.emit(b.build, pushed);
                self.load_compiler_const(c);
                self.emit(b.extend, 1);
                if b.tuple {
                    self.emit(Opcode::LIST_TO_TUPLE, 0);
                }
                return Ok(());
            }
        }
        let big = n + pushed as usize > STACK_USE_GUARDRAIL;
        let seen_star = elts.iter().any(is_starred);
        if !seen_star && !big {
            for x in elts {
                self.expr(x)?;
            }
            let op = if b.tuple { Opcode::BUILD_TUPLE } else { b.build };
            self.emit(op, n as u32 + pushed);
            return Ok(());
        }
        let mut built = false;
        if big {
            self.emit(b.build, pushed);
            built = true;
        }
        for (i, x) in elts.iter().enumerate() {
            if let ExprKind::Starred { value, .. } = &x.node {
                if !built {
                    self.emit(b.build, i as u32 + pushed);
                    built = true;
                }
                self.expr(value)?;
                self.emit(b.extend, 1);
            } else {
                self.expr(x)?;
                if built {
                    self.emit(b.add, 1);
                }
            }
        }
        if b.tuple {
            self.emit(Opcode::LIST_TO_TUPLE, 0);
        }
        Ok(())
    }

    /// `compiler_dict`: constant-key runs become `BUILD_CONST_KEY_MAP`, long
    /// displays are built in chunks, `**d` entries merge with `DICT_UPDATE`.
    fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> CResult<()> {
        let n = values.len();
        let mut have_dict = false;
        let mut elements = 0usize;
        for i in 0..n {
            if keys[i].is_none() {
                if elements > 0 {
                    self.subdict(keys, values, i - elements, i)?;
                    if have_dict {
                        self.emit(Opcode::DICT_UPDATE, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit(Opcode::BUILD_MAP, 0);
                    have_dict = true;
                }
                self.expr(&values[i])?;
                self.emit(Opcode::DICT_UPDATE, 1);
            } else if elements * 2 > STACK_USE_GUARDRAIL {
                self.subdict(keys, values, i - elements, i + 1)?;
                if have_dict {
                    self.emit(Opcode::DICT_UPDATE, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(keys, values, n - elements, n)?;
            if have_dict {
                self.emit(Opcode::DICT_UPDATE, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit(Opcode::BUILD_MAP, 0);
        }
        Ok(())
    }

    fn subdict(
        &mut self,
        keys: &'a [Option<Expr>],
        values: &'a [Expr],
        begin: usize,
        end: usize,
    ) -> CResult<()> {
        let n = end - begin;
        let const_keys: Option<Vec<Constant>> =
            keys[begin..end].iter().map(|k| k.as_ref().and_then(|k| self.fold(k))).collect();
        match const_keys {
            Some(ks) if n > 1 => {
                for v in &values[begin..end] {
                    self.expr(v)?;
                }
                self.load_compiler_const(Constant::Tuple(Rc::from(ks)));
                self.emit(Opcode::BUILD_CONST_KEY_MAP, n as u32);
            }
            _ => {
                for i in begin..end {
                    if let Some(k) = &keys[i] {
                        self.expr(k)?;
                    }
                    self.expr(&values[i])?;
                }
                self.emit(Opcode::BUILD_MAP, n as u32);
            }
        }
        Ok(())
    }

    fn formatted_value(
        &mut self,
        value: &'a Expr,
        conversion: i32,
        spec: Option<&'a Expr>,
        e: &Expr,
    ) -> CResult<()> {
        self.expr(value)?;
        let mut arg = match conversion {
            -1 => 0,
            c if c == 's' as i32 => 1,
            c if c == 'r' as i32 => 2,
            c if c == 'a' as i32 => 3,
            _ => return Err(self.error("f-string: invalid conversion character", e.span)),
        };
        if let Some(s) = spec {
            self.expr(s)?;
            arg |= 4;
        }
        self.emit(Opcode::FORMAT_VALUE, arg);
        Ok(())
    }

    fn joined_str(&mut self, values: &'a [Expr]) -> CResult<()> {
        if values.len() > STACK_USE_GUARDRAIL {
            let empty = self.str_const("");
            self.load_const(empty);
            let i = self.name_index("join");
            self.emit(Opcode::LOAD_METHOD, i);
            self.emit(Opcode::BUILD_LIST, 0);
            for v in values {
                self.expr(v)?;
                self.emit(Opcode::LIST_APPEND, 1);
            }
            self.emit(Opcode::PRECALL, 1);
            self.emit(Opcode::CALL, 1);
            return Ok(());
        }
        for v in values {
            self.expr(v)?;
        }
        if values.len() != 1 {
            self.emit(Opcode::BUILD_STRING, values.len() as u32);
        }
        Ok(())
    }

    /// `a, *b, c = …`: `UNPACK_SEQUENCE`/`UNPACK_EX`, then each target.
    fn assign_sequence(&mut self, elts: &'a [Expr], e: &Expr) -> CResult<()> {
        let n = elts.len();
        let mut star = None;
        for (i, x) in elts.iter().enumerate() {
            if is_starred(x) {
                if star.is_some() {
                    return Err(self.error("multiple starred expressions in assignment", e.span));
                }
                if i >= 1 << 8 || n - i > (i32::MAX >> 8) as usize {
                    return Err(self.error("too many expressions in star-unpacking assignment", e.span));
                }
                star = Some(i);
            }
        }
        match star {
            Some(i) => self.emit(Opcode::UNPACK_EX, (i + ((n - i - 1) << 8)) as u32),
            None => self.emit(Opcode::UNPACK_SEQUENCE, n as u32),
        }
        for x in elts {
            match &x.node {
                ExprKind::Starred { value, .. } => self.expr(value)?,
                _ => self.expr(x)?,
            }
        }
        Ok(())
    }

    /// `compiler_jump_if`: jumps to `target` when `e`'s truth equals `cond`,
    /// without materialising booleans for `not`, `and`/`or`, conditional
    /// expressions and chained comparisons.
    pub fn jump_if(&mut self, e: &'a Expr, target: Label, cond: bool) -> CResult<()> {
        stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || self.jump_if_inner(e, target, cond))
    }

    fn jump_if_inner(&mut self, e: &'a Expr, target: Label, cond: bool) -> CResult<()> {
        let old = self.set_loc(e.span);
        let r = self.jump_if_kind(e, target, cond);
        self.restore_loc(old);
        r
    }

    fn jump_if_kind(&mut self, e: &'a Expr, target: Label, cond: bool) -> CResult<()> {
        if let Some(c) = self.fold(e) {
            // 3.11's optimizer removes `LOAD_CONST; POP_JUMP_IF_*` pairs,
            // leaving the constant in `co_consts`.
            self.add_const(c.clone());
            if truthy(&c) == cond {
                self.emit_jump(Opcode::JUMP_ABSOLUTE, target);
            } else {
                self.emit(Opcode::NOP, 0);
            }
            return Ok(());
        }
        match &e.node {
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } => return self.jump_if(operand, target, !cond),
            ExprKind::BoolOp { op, values } => {
                let cond2 = *op == ast::BoolOp::Or;
                let next2 = if cond2 != cond { self.new_label() } else { target };
                let (last, init) =
                    values.split_last().ok_or_else(|| self.error("empty boolean operation", e.span))?;
                for v in init {
                    self.jump_if(v, next2, cond2)?;
                }
                self.jump_if(last, target, cond)?;
                if next2 != target {
                    self.bind(next2);
                }
                return Ok(());
            }
            ExprKind::IfExp { test, body, orelse } => {
                let (end, next2) = (self.new_label(), self.new_label());
                self.jump_if(test, next2, false)?;
                self.jump_if(body, target, cond)?;
                self.emit_jump_noline(Opcode::JUMP_ABSOLUTE, end);
                self.bind(next2);
                self.jump_if(orelse, target, cond)?;
                self.bind(end);
                return Ok(());
            }
            ExprKind::Compare { left, ops, comparators } if ops.len() > 1 => {
                let n = ops.len() - 1;
                let cleanup = self.new_label();
                self.expr(left)?;
                for i in 0..n {
                    self.comparator(ops, i, &comparators[i])?;
                    self.emit(Opcode::SWAP, 2);
                    self.emit(Opcode::COPY, 2);
                    self.cmp_op(ops[i]);
                    self.emit_jump(Opcode::POP_JUMP_IF_FALSE, cleanup);
                }
                self.comparator(ops, n, &comparators[n])?;
                self.cmp_op(ops[n]);
                let op = if cond { Opcode::POP_JUMP_IF_TRUE } else { Opcode::POP_JUMP_IF_FALSE };
                self.emit_jump(op, target);
                let end = self.new_label();
                self.emit_jump_noline(Opcode::JUMP_ABSOLUTE, end);
                self.bind(cleanup);
                self.emit(Opcode::POP_TOP, 0);
                if !cond {
                    self.emit_jump_noline(Opcode::JUMP_ABSOLUTE, target);
                }
                self.bind(end);
                return Ok(());
            }
            _ => {}
        }
        self.expr(e)?;
        let op = if cond { Opcode::POP_JUMP_IF_TRUE } else { Opcode::POP_JUMP_IF_FALSE };
        self.emit_jump(op, target);
        Ok(())
    }
}

/// True for an expression CPython's AST optimiser turns into a constant
/// other than `None`, `True`, `False` and `...` (`check_is_arg`).
fn is_literal(e: &Expr) -> bool {
    match &e.node {
        ExprKind::Constant(c) => {
            !matches!(c, ast::Constant::None | ast::Constant::Bool(_) | ast::Constant::Ellipsis)
        }
        ExprKind::UnaryOp { operand, .. } => {
            matches!(operand.node, ExprKind::Constant(_)) && is_literal(operand)
        }
        ExprKind::Tuple { elts, .. } => {
            elts.iter().all(|x| matches!(x.node, ExprKind::Constant(_)) || is_literal(x))
        }
        _ => false,
    }
}
