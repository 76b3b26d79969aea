//! `try`, `with`, and the unwinding that `break`, `continue` and `return`
//! do through them (CPython 3.11's `compiler_try_except`,
//! `compiler_try_finally`, `compiler_with`, `compiler_unwind_fblock`).
//!
//! Handlers use 3.11's zero-cost scheme: `Setup*`/`PopBlock`
//! pseudo-instructions bracket the protected code and become rows of the
//! exception table at assembly. A handler is entered with the value stack
//! cut to the depth at its `Setup*`, plus `lasti` (for cleanup handlers) and
//! the exception.

use refpy_syntax::ast::{self, ExprContext, Stmt};

use super::assemble::{Label, Op};
use super::{loc_of, CResult, Compiler, FBlock};
use crate::code::Constant;
use crate::opcode::Opcode;

impl<'a> Compiler<'a> {
    fn push_fblock(&mut self, f: FBlock<'a>) -> CResult<()> {
        if self.u().fblocks.len() >= 20 {
            return Err(self.error_at("too many statically nested blocks", self.u().loc.unwrap_or_default()));
        }
        self.unit().fblocks.push(f);
        Ok(())
    }

    fn pop_fblock(&mut self) {
        self.unit().fblocks.pop();
    }

    /// `COPY 3; POP_EXCEPT; RERAISE 1`: the cleanup when a handler itself raises.
    fn pop_except_and_reraise(&mut self) {
        self.emit(Opcode::COPY, 3);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.emit(Opcode::RERAISE, 1);
    }

    /// Emits the code that leaves `f` (`compiler_unwind_fblock`);
    /// `preserve_tos` keeps a return value on top.
    fn unwind_fblock(&mut self, f: FBlock<'a>, preserve_tos: bool) -> CResult<()> {
        match f {
            FBlock::WhileLoop { .. } | FBlock::ExceptionHandler => {}
            FBlock::ForLoop { .. } => {
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2);
                }
                self.emit(Opcode::POP_TOP, 0);
            }
            FBlock::TryExcept => self.emit_pseudo(Op::PopBlock, None),
            FBlock::FinallyTry { body } => {
                self.emit_pseudo(Op::PopBlock, None);
                if preserve_tos {
                    self.push_fblock(FBlock::PopValue)?;
                }
                self.stmts(body)?;
                if preserve_tos {
                    self.pop_fblock();
                }
                self.unset_loc();
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2);
                }
                self.emit(Opcode::POP_TOP, 0);
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2);
                }
                self.emit_pseudo(Op::PopBlock, None);
                self.emit(Opcode::POP_EXCEPT, 0);
            }
            FBlock::With { loc } => {
                self.unit().loc = Some(loc);
                self.emit_pseudo(Op::PopBlock, None);
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2);
                }
                self.call_exit_with_nones();
                self.emit(Opcode::POP_TOP, 0);
                self.unset_loc();
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.emit_pseudo(Op::PopBlock, None);
                }
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2);
                }
                self.emit_pseudo(Op::PopBlock, None);
                self.emit(Opcode::POP_EXCEPT, 0);
                if let Some(n) = name {
                    self.load_const(Constant::None);
                    self.nameop(n, ExprContext::Store)?;
                    self.nameop(n, ExprContext::Del)?;
                }
            }
            FBlock::PopValue => {
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2);
                }
                self.emit(Opcode::POP_TOP, 0);
            }
        }
        Ok(())
    }

    /// Unwinds every block up to the innermost loop (when `want_loop`) or all
    /// of them; returns the loop found (`compiler_unwind_fblock_stack`).
    fn unwind_fblock_stack(&mut self, preserve_tos: bool, want_loop: bool) -> CResult<Option<FBlock<'a>>> {
        let Some(&top) = self.u().fblocks.last() else { return Ok(None) };
        if want_loop && matches!(top, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }) {
            return Ok(Some(top));
        }
        self.pop_fblock();
        self.unwind_fblock(top, preserve_tos)?;
        let r = self.unwind_fblock_stack(preserve_tos, want_loop);
        self.unit().fblocks.push(top);
        r
    }

    pub fn return_stmt(&mut self, value: Option<&'a ast::Expr>, s: &Stmt) -> CResult<()> {
        if !self.in_function() {
            return Err(self.error("'return' outside function", s.span));
        }
        let constant = value.and_then(|v| self.fold(v));
        let preserve_tos = value.is_some() && constant.is_none();
        match value {
            Some(v) if preserve_tos => self.expr(v)?,
            Some(v) => {
                self.set_loc(v.span);
                self.emit(Opcode::NOP, 0);
            }
            None => {}
        }
        if value.is_none_or(|v| v.span.lineno != s.span.lineno) {
            self.set_loc(s.span);
            self.emit(Opcode::NOP, 0);
        }
        self.unwind_fblock_stack(preserve_tos, false)?;
        if !preserve_tos {
            self.load_const(constant.unwrap_or(Constant::None));
        }
        self.emit(Opcode::RETURN_VALUE, 0);
        Ok(())
    }

    pub fn break_stmt(&mut self, s: &Stmt) -> CResult<()> {
        self.emit(Opcode::NOP, 0);
        let Some(l) = self.unwind_fblock_stack(false, true)? else {
            return Err(self.error("'break' outside loop", s.span));
        };
        self.unwind_fblock(l, false)?;
        let exit = match l {
            FBlock::WhileLoop { exit, .. } | FBlock::ForLoop { exit, .. } => exit,
            _ => return Err(self.error("'break' outside loop", s.span)),
        };
        self.emit_jump(Opcode::JUMP_ABSOLUTE, exit);
        Ok(())
    }

    pub fn continue_stmt(&mut self, s: &Stmt) -> CResult<()> {
        self.emit(Opcode::NOP, 0);
        let start = match self.unwind_fblock_stack(false, true)? {
            Some(FBlock::WhileLoop { start, .. } | FBlock::ForLoop { start, .. }) => start,
            _ => return Err(self.error("'continue' not properly in loop", s.span)),
        };
        self.emit_jump(Opcode::JUMP_ABSOLUTE, start);
        Ok(())
    }

    fn setup(&mut self, op: Op, target: Label) {
        self.emit_pseudo(op, Some(target));
    }

    /// `try: … except …: … else: …` (`compiler_try_except`).
    pub fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
        s: &Stmt,
    ) -> CResult<()> {
        let (except, end, cleanup) = (self.new_label(), self.new_label(), self.new_label());
        self.set_loc(s.span);
        self.setup(Op::SetupFinally, except);
        self.push_fblock(FBlock::TryExcept)?;
        self.stmts(body)?;
        self.pop_fblock();
        self.unit().loc = None;
        self.emit_pseudo(Op::PopBlock, None);
        self.stmts(orelse)?;
        self.emit_jump_noline(Opcode::JUMP_ABSOLUTE, end);
        self.bind(except);
        self.unset_loc();
        self.setup(Op::SetupCleanup, cleanup);
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        self.push_fblock(FBlock::ExceptionHandler)?;
        for (i, h) in handlers.iter().enumerate() {
            self.set_loc(h.span);
            if h.typ.is_none() && i + 1 < handlers.len() {
                return Err(self.error("default 'except:' must be last", h.span));
            }
            let next = self.new_label();
            if let Some(t) = &h.typ {
                self.expr(t)?;
                self.emit(Opcode::CHECK_EXC_MATCH, 0);
                self.emit_jump(Opcode::POP_JUMP_IF_FALSE, next);
            }
            match &h.name {
                Some(name) => self.named_handler(name, &h.body, end)?,
                None => {
                    self.emit(Opcode::POP_TOP, 0);
                    self.push_fblock(FBlock::HandlerCleanup { name: None })?;
                    self.stmts(&h.body)?;
                    self.pop_fblock();
                    self.unset_loc();
                    self.emit_pseudo(Op::PopBlock, None);
                    self.emit(Opcode::POP_EXCEPT, 0);
                    self.emit_jump(Opcode::JUMP_ABSOLUTE, end);
                }
            }
            self.bind(next);
        }
        self.unset_loc();
        self.pop_fblock();
        self.emit(Opcode::RERAISE, 0);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(end);
        Ok(())
    }

    /// `except E as name:` — the body runs in an implicit `try/finally`
    /// that clears `name`.
    fn named_handler(&mut self, name: &'a str, body: &'a [Stmt], end: Label) -> CResult<()> {
        let cleanup_end = self.new_label();
        self.nameop(name, ExprContext::Store)?;
        self.setup(Op::SetupCleanup, cleanup_end);
        self.push_fblock(FBlock::HandlerCleanup { name: Some(name) })?;
        self.stmts(body)?;
        self.pop_fblock();
        self.unset_loc();
        self.emit_pseudo(Op::PopBlock, None);
        self.emit_pseudo(Op::PopBlock, None);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.load_const(Constant::None);
        self.nameop(name, ExprContext::Store)?;
        self.nameop(name, ExprContext::Del)?;
        self.emit_jump(Opcode::JUMP_ABSOLUTE, end);
        self.bind(cleanup_end);
        self.unset_loc();
        self.load_const(Constant::None);
        self.nameop(name, ExprContext::Store)?;
        self.nameop(name, ExprContext::Del)?;
        self.emit(Opcode::RERAISE, 1);
        Ok(())
    }

    /// `try: … finally: …` (`compiler_try_finally`): the final body is
    /// compiled twice, for the normal and the exceptional exit.
    pub fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        s: &Stmt,
    ) -> CResult<()> {
        let (end, exit, cleanup) = (self.new_label(), self.new_label(), self.new_label());
        self.set_loc(s.span);
        self.setup(Op::SetupFinally, end);
        self.push_fblock(FBlock::FinallyTry { body: finalbody })?;
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            self.try_except(body, handlers, orelse, s)?;
        }
        self.unit().loc = None;
        self.emit_pseudo(Op::PopBlock, None);
        self.pop_fblock();
        self.stmts(finalbody)?;
        self.emit_jump_noline(Opcode::JUMP_ABSOLUTE, exit);
        self.bind(end);
        self.unset_loc();
        self.setup(Op::SetupCleanup, cleanup);
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        self.push_fblock(FBlock::FinallyEnd)?;
        self.stmts(finalbody)?;
        self.pop_fblock();
        self.emit(Opcode::RERAISE, 0);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(exit);
        Ok(())
    }

    /// `__exit__(None, None, None)` for a `with` left normally.
    fn call_exit_with_nones(&mut self) {
        for _ in 0..3 {
            self.load_const(Constant::None);
        }
        self.emit(Opcode::PRECALL, 2);
        self.emit(Opcode::CALL, 2);
    }

    /// `with a as x, b: …` (`compiler_with`), one item per nesting level.
    pub fn with_stmt(
        &mut self,
        items: &'a [ast::WithItem],
        body: &'a [Stmt],
        s: &'a Stmt,
        pos: usize,
    ) -> CResult<()> {
        let item = &items[pos];
        let (final_l, exit) = (self.new_label(), self.new_label());
        self.expr(&item.context_expr)?;
        self.emit(Opcode::BEFORE_WITH, 0);
        self.setup(Op::SetupWith, final_l);
        self.push_fblock(FBlock::With { loc: loc_of(s.span) })?;
        match &item.optional_vars {
            Some(v) => self.expr(v)?,
            None => self.emit(Opcode::POP_TOP, 0),
        }
        if pos + 1 == items.len() {
            self.stmts(body)?;
        } else {
            self.with_stmt(items, body, s, pos + 1)?;
        }
        self.unset_loc();
        self.emit_pseudo(Op::PopBlock, None);
        self.pop_fblock();
        self.set_loc(s.span);
        self.call_exit_with_nones();
        self.emit(Opcode::POP_TOP, 0);
        self.emit_jump(Opcode::JUMP_ABSOLUTE, exit);
        self.bind(final_l);
        let cleanup = self.new_label();
        self.setup(Op::SetupCleanup, cleanup);
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        self.emit(Opcode::WITH_EXCEPT_START, 0);
        let suppress = self.new_label();
        self.emit_jump(Opcode::POP_JUMP_IF_TRUE, suppress);
        self.emit(Opcode::RERAISE, 2);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(suppress);
        self.emit(Opcode::POP_TOP, 0);
        self.emit_pseudo(Op::PopBlock, None);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.emit(Opcode::POP_TOP, 0);
        self.emit(Opcode::POP_TOP, 0);
        self.bind(exit);
        Ok(())
    }
}
