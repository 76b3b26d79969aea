//! Statements: simple statements, `if`, `while`, `for`, imports
//! (`compiler_visit_stmt` and friends of CPython 3.11).

use refpy_syntax::ast::{self, ExprContext, ExprKind, Stmt, StmtKind};

use super::{CResult, Compiler, FBlock};
use crate::code::Constant;
use crate::opcode::{BinaryOp, Opcode};

/// Statements that introduce `__annotations__` (`find_ann`).
pub(crate) fn find_ann(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.node {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::For { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::If { body, orelse, .. } => find_ann(body) || find_ann(orelse),
        StmtKind::With { body, .. } => find_ann(body),
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            find_ann(body)
                || handlers.iter().any(|h| find_ann(&h.body))
                || find_ann(orelse)
                || find_ann(finalbody)
        }
        _ => false,
    })
}

/// `BinaryOp` argument for an AST operator (in-place when `inplace`).
pub(crate) fn binary_op(op: ast::Operator, inplace: bool) -> u32 {
    use ast::Operator::*;
    let b = match op {
        Add => BinaryOp::Add,
        Sub => BinaryOp::Subtract,
        Mult => BinaryOp::Multiply,
        MatMult => BinaryOp::MatrixMultiply,
        Div => BinaryOp::TrueDivide,
        Mod => BinaryOp::Remainder,
        Pow => BinaryOp::Power,
        LShift => BinaryOp::Lshift,
        RShift => BinaryOp::Rshift,
        BitOr => BinaryOp::Or,
        BitXor => BinaryOp::Xor,
        BitAnd => BinaryOp::And,
        FloorDiv => BinaryOp::FloorDivide,
    };
    b as u32 + if inplace { 13 } else { 0 }
}

impl<'a> Compiler<'a> {
    /// Compiles one statement (`compiler_visit_stmt`).
    pub fn stmt(&mut self, s: &'a Stmt) -> CResult<()> {
        stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || self.stmt_inner(s))
    }

    pub fn stmts(&mut self, body: &'a [Stmt]) -> CResult<()> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt_inner(&mut self, s: &'a Stmt) -> CResult<()> {
        self.set_loc(s.span);
        match &s.node {
            StmtKind::FunctionDef(f) => self.function_def(f, s),
            StmtKind::ClassDef(c) => self.class_def(c, s),
            StmtKind::Return(v) => self.return_stmt(v.as_deref(), s),
            StmtKind::Delete(targets) => targets.iter().try_for_each(|t| self.expr(t)),
            StmtKind::Assign { targets, value } => self.assign(targets, value),
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value, s),
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                self.ann_assign(target, annotation, value.as_deref(), *simple)
            }
            StmtKind::For { target, iter, body, orelse } => self.for_loop(target, iter, body, orelse),
            StmtKind::While { test, body, orelse } => self.while_loop(test, body, orelse, s),
            StmtKind::If { test, body, orelse } => self.if_stmt(test, body, orelse),
            StmtKind::With { items, body } => self.with_stmt(items, body, s, 0),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n += 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n += 1;
                    }
                }
                self.emit(Opcode::RAISE_VARARGS, n);
                Ok(())
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse, s)
                } else {
                    self.try_finally(body, handlers, orelse, finalbody, s)
                }
            }
            StmtKind::Assert { test, msg } => self.assert_stmt(test, msg.as_deref()),
            StmtKind::Import(names) => self.import(names),
            StmtKind::ImportFrom { module, names, level } => {
                self.import_from(module.as_deref(), names, *level, s)
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => Ok(()),
            StmtKind::Expr(e) => self.expr_stmt(e),
            StmtKind::Pass => {
                self.emit(Opcode::NOP, 0);
                Ok(())
            }
            StmtKind::Break => self.break_stmt(s),
            StmtKind::Continue => self.continue_stmt(s),
        }
    }

    /// `compiler_visit_stmt_expr`: echo in interactive mode, drop otherwise.
    fn expr_stmt(&mut self, e: &'a ast::Expr) -> CResult<()> {
        if self.interactive && self.units.len() == 1 {
            self.expr(e)?;
            self.emit(Opcode::PRINT_EXPR, 0);
            return Ok(());
        }
        if matches!(e.node, ExprKind::Constant(_)) || self.fold(e).is_some() {
            self.emit(Opcode::NOP, 0);
            return Ok(());
        }
        self.expr(e)?;
        self.emit_noline(Opcode::POP_TOP, 0);
        Ok(())
    }

    fn assign(&mut self, targets: &'a [ast::Expr], value: &'a ast::Expr) -> CResult<()> {
        if targets.len() == 1 && self.swap_assign(&targets[0], value)? {
            return Ok(());
        }
        self.expr(value)?;
        for (i, t) in targets.iter().enumerate() {
            if i + 1 < targets.len() {
                self.emit(Opcode::COPY, 1);
            }
            self.expr(t)?;
        }
        Ok(())
    }

    /// `a, b = b, a`: 3.11's optimizer turns `BUILD_TUPLE n; UNPACK_SEQUENCE n`
    /// (n ≤ 3) into `SWAP`s; the same code is emitted directly here.
    fn swap_assign(&mut self, target: &'a ast::Expr, value: &'a ast::Expr) -> CResult<bool> {
        let (ExprKind::Tuple { elts: t, .. } | ExprKind::List { elts: t, .. }) = &target.node else {
            return Ok(false);
        };
        let ExprKind::Tuple { elts: v, .. } = &value.node else { return Ok(false) };
        let starred = |es: &[ast::Expr]| es.iter().any(|e| matches!(e.node, ExprKind::Starred { .. }));
        if t.len() != v.len()
            || t.len() > 3
            || t.is_empty()
            || starred(t)
            || starred(v)
            || self.fold(value).is_some()
        {
            return Ok(false);
        }
        for e in v {
            self.expr(e)?;
        }
        let old = self.set_loc(value.span);
        if v.len() > 1 {
            self.emit(Opcode::SWAP, v.len() as u32);
        }
        self.restore_loc(old);
        for e in t {
            self.expr(e)?;
        }
        Ok(true)
    }

    fn aug_assign(
        &mut self,
        target: &'a ast::Expr,
        op: ast::Operator,
        value: &'a ast::Expr,
        s: &Stmt,
    ) -> CResult<()> {
        let old = self.set_loc(target.span);
        match &target.node {
            ExprKind::Attribute { value: obj, attr, .. } => {
                self.expr(obj)?;
                self.emit(Opcode::COPY, 1);
                let i = self.name_index(attr);
                self.emit(Opcode::LOAD_ATTR, i);
            }
            ExprKind::Subscript { value: obj, slice, .. } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.emit(Opcode::COPY, 2);
                self.emit(Opcode::COPY, 2);
                self.emit(Opcode::BINARY_SUBSCR, 0);
            }
            ExprKind::Name { id, .. } => self.nameop(id, ExprContext::Load)?,
            _ => {
                return Err(
                    self.error("'expression' is an illegal expression for augmented assignment", s.span)
                )
            }
        }
        self.expr(value)?;
        self.set_loc(s.span);
        self.emit(Opcode::BINARY_OP, binary_op(op, true));
        self.set_loc(target.span);
        match &target.node {
            ExprKind::Attribute { attr, .. } => {
                self.emit(Opcode::SWAP, 2);
                let i = self.name_index(attr);
                self.emit(Opcode::STORE_ATTR, i);
            }
            ExprKind::Subscript { .. } => {
                self.emit(Opcode::SWAP, 3);
                self.emit(Opcode::SWAP, 2);
                self.emit(Opcode::STORE_SUBSCR, 0);
            }
            ExprKind::Name { id, .. } => self.nameop(id, ExprContext::Store)?,
            _ => {}
        }
        self.restore_loc(old);
        Ok(())
    }

    fn ann_assign(
        &mut self,
        target: &'a ast::Expr,
        annotation: &'a ast::Expr,
        value: Option<&'a ast::Expr>,
        simple: bool,
    ) -> CResult<()> {
        if let Some(v) = value {
            self.expr(v)?;
            self.expr(target)?;
        }
        let module_or_class = matches!(self.u().kind, super::UnitKind::Module | super::UnitKind::Class);
        match &target.node {
            ExprKind::Name { id, .. } if simple && module_or_class => {
                self.expr(annotation)?;
                self.nameop("__annotations__", ExprContext::Load)?;
                let c = self.str_const(&self.mangle(id));
                self.load_const(c);
                self.emit(Opcode::STORE_SUBSCR, 0);
            }
            ExprKind::Attribute { value: obj, .. } if value.is_none() => {
                self.expr(obj)?;
                self.emit(Opcode::POP_TOP, 0);
            }
            ExprKind::Subscript { value: obj, slice, .. } if value.is_none() => {
                self.expr(obj)?;
                self.emit(Opcode::POP_TOP, 0);
                self.expr(slice)?;
                self.emit(Opcode::POP_TOP, 0);
            }
            _ => {}
        }
        if !simple && module_or_class {
            self.expr(annotation)?;
            self.emit(Opcode::POP_TOP, 0);
        }
        Ok(())
    }

    fn if_stmt(&mut self, test: &'a ast::Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> CResult<()> {
        let end = self.new_label();
        let next = if orelse.is_empty() { end } else { self.new_label() };
        self.jump_if(test, next, false)?;
        self.stmts(body)?;
        if !orelse.is_empty() {
            self.emit_jump_noline(Opcode::JUMP_ABSOLUTE, end);
            self.bind(next);
            self.stmts(orelse)?;
        }
        self.bind(end);
        Ok(())
    }

    /// 3.11's `while`: the test at the top, and again at the bottom jumping back.
    fn while_loop(
        &mut self,
        test: &'a ast::Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
        s: &Stmt,
    ) -> CResult<()> {
        let (top, body_l, anchor, exit) =
            (self.new_label(), self.new_label(), self.new_label(), self.new_label());
        self.bind(top);
        self.unit().fblocks.push(FBlock::WhileLoop { start: top, exit });
        self.jump_if(test, anchor, false)?;
        self.bind(body_l);
        self.stmts(body)?;
        self.set_loc(s.span);
        self.jump_if(test, body_l, true)?;
        self.unit().fblocks.pop();
        self.bind(anchor);
        self.stmts(orelse)?;
        self.bind(exit);
        Ok(())
    }

    fn for_loop(
        &mut self,
        target: &'a ast::Expr,
        iter: &'a ast::Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CResult<()> {
        let (start, cleanup, end) = (self.new_label(), self.new_label(), self.new_label());
        self.unit().fblocks.push(FBlock::ForLoop { start, exit: end });
        self.iter_expr(iter)?;
        self.emit(Opcode::GET_ITER, 0);
        self.bind(start);
        self.emit_jump(Opcode::FOR_ITER, cleanup);
        self.expr(target)?;
        self.stmts(body)?;
        self.emit_jump_noline(Opcode::JUMP_ABSOLUTE, start);
        self.bind(cleanup);
        self.unit().fblocks.pop();
        self.stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    fn assert_stmt(&mut self, test: &'a ast::Expr, msg: Option<&'a ast::Expr>) -> CResult<()> {
        let end = self.new_label();
        self.jump_if(test, end, true)?;
        // 3.11's `compiler_jump_if` leaves the location of the last
        // comparison it compiled in place, so the raise points at it.
        let old = last_jump_if_compare(test).map(|span| self.set_loc(span));
        self.emit(Opcode::LOAD_ASSERTION_ERROR, 0);
        if let Some(m) = msg {
            self.expr(m)?;
            self.emit(Opcode::PRECALL, 0);
            self.emit(Opcode::CALL, 0);
        }
        self.emit(Opcode::RAISE_VARARGS, 1);
        if let Some(old) = old {
            self.restore_loc(old);
        }
        self.bind(end);
        Ok(())
    }

    fn import(&mut self, names: &'a [ast::Alias]) -> CResult<()> {
        for a in names {
            self.load_const(Constant::Int(0));
            self.load_const(Constant::None);
            let i = self.name_index(&a.name);
            self.emit(Opcode::IMPORT_NAME, i);
            match &a.asname {
                Some(asname) => {
                    let mut parts = a.name.split('.').skip(1).peekable();
                    let dotted = parts.peek().is_some();
                    while let Some(attr) = parts.next() {
                        let i = self.name_index(attr);
                        self.emit(Opcode::IMPORT_FROM, i);
                        if parts.peek().is_some() {
                            self.emit(Opcode::SWAP, 2);
                            self.emit(Opcode::POP_TOP, 0);
                        }
                    }
                    self.nameop(asname, ExprContext::Store)?;
                    if dotted {
                        self.emit(Opcode::POP_TOP, 0);
                    }
                }
                None => {
                    let first = a.name.split('.').next().unwrap_or(&a.name);
                    self.nameop(first, ExprContext::Store)?;
                }
            }
        }
        Ok(())
    }

    fn import_from(
        &mut self,
        module: Option<&str>,
        names: &'a [ast::Alias],
        level: u32,
        s: &Stmt,
    ) -> CResult<()> {
        if module == Some("__future__") {
            return Err(self.unsupported("'from __future__ import'", s.span));
        }
        self.load_const(Constant::Int(i64::from(level)));
        let fromlist = self.names_tuple(names.iter().map(|a| a.name.as_str()));
        self.load_compiler_const(fromlist);
        let i = self.name_index(module.unwrap_or(""));
        self.emit(Opcode::IMPORT_NAME, i);
        for a in names {
            if a.name == "*" {
                self.emit(Opcode::IMPORT_STAR, 0);
                return Ok(());
            }
            let i = self.name_index(&a.name);
            self.emit(Opcode::IMPORT_FROM, i);
            self.nameop(a.asname.as_deref().unwrap_or(&a.name), ExprContext::Store)?;
        }
        self.emit(Opcode::POP_TOP, 0);
        Ok(())
    }
}

/// The span of the last comparison `compiler_jump_if` compiles for `e`,
/// walking `not`, `and`/`or` and conditional expressions in emission order.
fn last_jump_if_compare(e: &ast::Expr) -> Option<ast::Span> {
    match &e.node {
        ast::ExprKind::Compare { .. } => Some(e.span),
        ast::ExprKind::UnaryOp { op: ast::UnaryOp::Not, operand } => last_jump_if_compare(operand),
        ast::ExprKind::BoolOp { values, .. } => values.iter().rev().find_map(last_jump_if_compare),
        ast::ExprKind::IfExp { test, body, orelse } => {
            [orelse, body, test].into_iter().find_map(|x| last_jump_if_compare(x))
        }
        _ => None,
    }
}
