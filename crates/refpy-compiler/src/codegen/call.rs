//! Calls, and the constructs that make function objects: `def`, `lambda`,
//! `class` and comprehensions (`compiler_call`, `compiler_function`,
//! `compiler_class`, `compiler_comprehension` of CPython 3.11).

use std::rc::Rc;

use refpy_syntax::ast::{self, Expr, ExprContext, ExprKind, Keyword, Stmt};

use super::expr::{STACK_USE_GUARDRAIL, TUPLE};
use super::stmt::find_ann;
use super::{docstring, CResult, Compiler, UnitKind};
use crate::code::{CodeObject, Constant};
use crate::opcode::Opcode;
use crate::symtable::{ScopeKind, SymbolScope};

/// `MAKE_FUNCTION` flag bits.
const MF_DEFAULTS: u32 = 1;
const MF_KWDEFAULTS: u32 = 2;
const MF_ANNOTATIONS: u32 = 4;
const MF_CLOSURE: u32 = 8;

/// Which comprehension is being compiled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Comp {
    List,
    Set,
    Dict,
    Gen,
}

impl<'a> Compiler<'a> {
    /// `compiler_call`: method calls use `LOAD_METHOD`; anything else pushes
    /// `NULL` (folded into `LOAD_GLOBAL`'s low bit for globals).
    pub fn call(&mut self, func: &'a Expr, args: &'a [Expr], keywords: &'a [Keyword]) -> CResult<()> {
        if self.method_call(func, args, keywords)? {
            return Ok(());
        }
        match &func.node {
            ExprKind::Name { id, ctx: ExprContext::Load } if self.is_global_load(id) => {
                let old = self.set_loc(func.span);
                self.load_global_with_null(id);
                self.restore_loc(old);
            }
            _ => {
                let old = self.set_loc(func.span);
                self.emit(Opcode::PUSH_NULL, 0);
                self.restore_loc(old);
                self.expr(func)?;
            }
        }
        self.call_helper(0, args, keywords)
    }

    /// `maybe_optimize_method_call`.
    fn method_call(&mut self, func: &'a Expr, args: &'a [Expr], keywords: &'a [Keyword]) -> CResult<bool> {
        let ExprKind::Attribute { value, attr, ctx: ExprContext::Load } = &func.node else {
            return Ok(false);
        };
        // `is_import_originated`: `mod.f()` on a module-level import is a plain call.
        if let ExprKind::Name { id, .. } = &value.node {
            let top = &self.table.scopes[0];
            if top.symbols.get(id.as_str()).is_some_and(|s| s.flags & crate::symtable::DEF_IMPORT != 0) {
                return Ok(false);
            }
        }
        let nkw = keywords.len();
        if args.len() + nkw + usize::from(nkw != 0) >= STACK_USE_GUARDRAIL
            || args.iter().any(|a| matches!(a.node, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none())
        {
            return Ok(false);
        }
        self.expr(value)?;
        let old = self.set_loc(func.span);
        let i = self.name_index(attr);
        self.emit(Opcode::LOAD_METHOD, i);
        self.restore_loc(old);
        for a in args {
            self.expr(a)?;
        }
        self.check_keywords(keywords)?;
        if nkw > 0 {
            for k in keywords {
                self.expr(&k.value)?;
            }
            self.kw_names(keywords);
        }
        let n = (args.len() + nkw) as u32;
        self.emit(Opcode::PRECALL, n);
        self.emit(Opcode::CALL, n);
        Ok(true)
    }

    /// "keyword argument repeated" (`validate_keywords`).
    fn check_keywords(&self, keywords: &[Keyword]) -> CResult<()> {
        for (i, k) in keywords.iter().enumerate() {
            let Some(name) = &k.arg else { continue };
            if keywords[i + 1..].iter().any(|o| o.arg.as_deref() == Some(name)) {
                let dup = keywords[i + 1..]
                    .iter()
                    .find(|o| o.arg.as_deref() == Some(name))
                    .map_or(k.span, |o| o.span);
                return Err(self.error(&format!("keyword argument repeated: {name}"), dup));
            }
        }
        Ok(())
    }

    fn kw_names(&mut self, keywords: &[Keyword]) {
        let names = self.names_tuple(keywords.iter().map(|k| k.arg.as_deref().unwrap_or("")));
        let i = self.unit().consts.add_compiler_made(names);
        self.emit(Opcode::KW_NAMES, i);
    }

    /// `compiler_call_helper`: arguments after the callable (and `n` more
    /// already pushed), then `PRECALL`/`CALL`, or `CALL_FUNCTION_EX` with
    /// `*args`/`**kwargs`.
    pub fn call_helper(&mut self, n: u32, args: &'a [Expr], keywords: &'a [Keyword]) -> CResult<()> {
        self.check_keywords(keywords)?;
        let simple = args.len() + keywords.len() * 2 <= STACK_USE_GUARDRAIL
            && !args.iter().any(|a| matches!(a.node, ExprKind::Starred { .. }))
            && !keywords.iter().any(|k| k.arg.is_none());
        if simple {
            for a in args {
                self.expr(a)?;
            }
            if !keywords.is_empty() {
                for k in keywords {
                    self.expr(&k.value)?;
                }
                self.kw_names(keywords);
            }
            let total = n + (args.len() + keywords.len()) as u32;
            self.emit(Opcode::PRECALL, total);
            self.emit(Opcode::CALL, total);
            return Ok(());
        }
        match args {
            [Expr { node: ExprKind::Starred { value, .. }, .. }] if n == 0 => self.expr(value)?,
            _ => self.starunpack(args, n, TUPLE)?,
        }
        if !keywords.is_empty() {
            self.keyword_dict(keywords)?;
        }
        self.emit(Opcode::CALL_FUNCTION_EX, u32::from(!keywords.is_empty()));
        Ok(())
    }

    fn keyword_dict(&mut self, keywords: &'a [Keyword]) -> CResult<()> {
        let mut have_dict = false;
        let mut nseen = 0;
        for (i, k) in keywords.iter().enumerate() {
            if k.arg.is_some() {
                nseen += 1;
                continue;
            }
            if nseen > 0 {
                self.subkwargs(&keywords[i - nseen..i])?;
                if have_dict {
                    self.emit(Opcode::DICT_MERGE, 1);
                }
                have_dict = true;
                nseen = 0;
            }
            if !have_dict {
                self.emit(Opcode::BUILD_MAP, 0);
                have_dict = true;
            }
            self.expr(&k.value)?;
            self.emit(Opcode::DICT_MERGE, 1);
        }
        if nseen > 0 {
            self.subkwargs(&keywords[keywords.len() - nseen..])?;
            if have_dict {
                self.emit(Opcode::DICT_MERGE, 1);
            }
        }
        Ok(())
    }

    fn subkwargs(&mut self, kws: &'a [Keyword]) -> CResult<()> {
        if kws.len() > 1 {
            for k in kws {
                self.expr(&k.value)?;
            }
            let keys = self.names_tuple(kws.iter().map(|k| k.arg.as_deref().unwrap_or("")));
            self.load_compiler_const(keys);
            self.emit(Opcode::BUILD_CONST_KEY_MAP, kws.len() as u32);
        } else {
            for k in kws {
                let key = self.str_const(k.arg.as_deref().unwrap_or(""));
                self.load_const(key);
                self.expr(&k.value)?;
            }
            self.emit(Opcode::BUILD_MAP, kws.len() as u32);
        }
        Ok(())
    }

    /// `compiler_set_qualname`: `f.<locals>.g` under functions, `C.m` under classes.
    fn qualname(&self, name: &str, kind: UnitKind) -> String {
        if self.units.len() <= 1 {
            return name.to_string();
        }
        let parent = self.u();
        if matches!(kind, UnitKind::Function | UnitKind::Class) {
            let mangled = self.mangle(name);
            if self.table.scopes[parent.scope].lookup(&mangled) == Some(SymbolScope::GlobalExplicit) {
                return name.to_string();
            }
        }
        match parent.kind {
            UnitKind::Function | UnitKind::Lambda => format!("{}.<locals>.{name}", parent.qualname),
            _ => format!("{}.{name}", parent.qualname),
        }
    }

    fn scope_for<T>(&self, node: &T, span: ast::Span) -> CResult<usize> {
        self.table.scope_of(node).ok_or_else(|| self.error("internal compiler error: missing scope", span))
    }

    /// Defaults tuple and keyword-only defaults dict (`compiler_default_arguments`).
    fn default_arguments(&mut self, args: &'a ast::Arguments) -> CResult<u32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            let consts: Option<Vec<Constant>> = args.defaults.iter().map(|d| self.fold(d)).collect();
            match consts {
                Some(c) => {
                    // 3.11 folds this `BUILD_TUPLE` after codegen, so the
                    // items enter `co_consts` now and the tuple at the end.
                    for item in &c {
                        self.add_const(item.clone());
                    }
                    self.emit(Opcode::LOAD_CONST, 0);
                    let at = self.u().instrs.len() - 1;
                    self.unit().deferred_consts.push((at, Constant::Tuple(Rc::from(c))));
                }
                None => {
                    for d in &args.defaults {
                        self.expr(d)?;
                    }
                    self.emit(Opcode::BUILD_TUPLE, args.defaults.len() as u32);
                }
            }
            flags |= MF_DEFAULTS;
        }
        let mut keys = Vec::new();
        for (arg, default) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = default {
                keys.push(self.mangle(&arg.arg));
                self.expr(d)?;
            }
        }
        if !keys.is_empty() {
            let t = self.names_tuple(keys.iter().map(String::as_str));
            self.load_compiler_const(t);
            self.emit(Opcode::BUILD_CONST_KEY_MAP, keys.len() as u32);
            flags |= MF_KWDEFAULTS;
        }
        Ok(flags)
    }

    /// The annotations tuple `(name, value, …)` (`compiler_visit_annotations`).
    fn annotations(&mut self, args: &'a ast::Arguments, returns: Option<&'a Expr>) -> CResult<u32> {
        let mut n = 0;
        let all = args.args.iter().chain(&args.posonlyargs).chain(&args.vararg).chain(&args.kwonlyargs);
        for a in all.chain(&args.kwarg) {
            if let Some(ann) = &a.annotation {
                let c = self.str_const(&self.mangle(&a.arg));
                self.load_const(c);
                self.expr(ann)?;
                n += 2;
            }
        }
        if let Some(r) = returns {
            let c = self.str_const("return");
            self.load_const(c);
            self.expr(r)?;
            n += 2;
        }
        if n == 0 {
            return Ok(0);
        }
        self.emit(Opcode::BUILD_TUPLE, n);
        Ok(MF_ANNOTATIONS)
    }

    fn set_arg_counts(&mut self, args: &ast::Arguments) {
        let u = self.unit();
        u.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        u.posonlyargcount = args.posonlyargs.len() as u32;
        u.kwonlyargcount = args.kwonlyargs.len() as u32;
    }

    pub fn function_def(&mut self, f: &'a ast::FunctionDef, s: &'a Stmt) -> CResult<()> {
        for d in &f.decorator_list {
            self.expr(d)?;
        }
        let firstlineno = f.decorator_list.first().map_or(s.span.lineno, |d| d.span.lineno);
        let mut flags = self.default_arguments(&f.args)?;
        flags |= self.annotations(&f.args, f.returns.as_deref())?;
        let scope = self.scope_for(f, s.span)?;
        let qualname = self.qualname(&f.name, UnitKind::Function);
        self.enter_unit(scope, UnitKind::Function, &f.name, &qualname, firstlineno);
        let doc = docstring(&f.body);
        let first = match doc {
            Some((d, _)) => self.str_const(d),
            None => Constant::None,
        };
        self.add_const(first);
        self.set_arg_counts(&f.args);
        self.emit(Opcode::RESUME, 0);
        let body = if doc.is_some() { &f.body[1..] } else { &f.body[..] };
        self.stmts(body)?;
        let code = self.exit_unit(true)?;
        self.set_loc(s.span);
        self.make_closure(code, flags);
        self.apply_decorators(&f.decorator_list);
        self.set_loc(s.span);
        self.nameop(&f.name, ExprContext::Store)
    }

    fn apply_decorators(&mut self, decorators: &'a [Expr]) {
        for d in decorators.iter().rev() {
            self.set_loc(d.span);
            self.emit(Opcode::PRECALL, 0);
            self.emit(Opcode::CALL, 0);
        }
    }

    /// `compiler_make_closure`: the closure tuple from this unit's cells and
    /// free variables, then `MAKE_FUNCTION`.
    fn make_closure(&mut self, code: CodeObject, mut flags: u32) {
        if !code.freevars.is_empty() {
            for name in &code.freevars {
                let i = self.deref_index(name);
                self.emit(Opcode::LOAD_CLOSURE, i);
            }
            self.emit(Opcode::BUILD_TUPLE, code.freevars.len() as u32);
            flags |= MF_CLOSURE;
        }
        self.load_const(Constant::Code(Rc::new(code)));
        self.emit(Opcode::MAKE_FUNCTION, flags);
    }

    pub fn lambda(&mut self, e: &'a Expr, args: &'a ast::Arguments, body: &'a Expr) -> CResult<()> {
        let flags = self.default_arguments(args)?;
        let scope = self.scope_for(e, e.span)?;
        let qualname = self.qualname("<lambda>", UnitKind::Lambda);
        self.enter_unit(scope, UnitKind::Lambda, "<lambda>", &qualname, e.span.lineno);
        self.add_const(Constant::None);
        self.set_arg_counts(args);
        self.emit(Opcode::RESUME, 0);
        self.expr(body)?;
        self.set_loc(body.span);
        self.emit(Opcode::RETURN_VALUE, 0);
        let code = self.exit_unit(true)?;
        self.make_closure(code, flags);
        Ok(())
    }

    pub fn class_def(&mut self, c: &'a ast::ClassDef, s: &'a Stmt) -> CResult<()> {
        for d in &c.decorator_list {
            self.expr(d)?;
        }
        let firstlineno = c.decorator_list.first().map_or(s.span.lineno, |d| d.span.lineno);
        let scope = self.scope_for(c, s.span)?;
        let qualname = self.qualname(&c.name, UnitKind::Class);
        self.enter_unit(scope, UnitKind::Class, &c.name, &qualname, firstlineno);
        self.unit().private = Some(c.name.clone());
        self.emit(Opcode::RESUME, 0);
        self.nameop("__name__", ExprContext::Load)?;
        self.nameop("__module__", ExprContext::Store)?;
        let q = self.str_const(&qualname);
        self.load_compiler_const(q);
        self.nameop("__qualname__", ExprContext::Store)?;
        self.class_body(&c.body)?;
        self.unset_loc();
        if self.table.scopes[scope].needs_class_closure {
            let i = self.deref_index("__class__");
            self.emit(Opcode::LOAD_CLOSURE, i);
            self.emit(Opcode::COPY, 1);
            self.nameop("__classcell__", ExprContext::Store)?;
        } else {
            self.load_const(Constant::None);
        }
        self.emit(Opcode::RETURN_VALUE, 0);
        let code = self.exit_unit(true)?;
        self.set_loc(s.span);
        self.emit(Opcode::PUSH_NULL, 0);
        self.emit(Opcode::LOAD_BUILD_CLASS, 0);
        self.make_closure(code, 0);
        let name = self.str_const(&c.name);
        self.load_const(name);
        self.call_helper(2, &c.bases, &c.keywords)?;
        self.apply_decorators(&c.decorator_list);
        self.set_loc(s.span);
        self.nameop(&c.name, ExprContext::Store)
    }

    /// `compiler_body` for a class: docstring into `__doc__`, annotations dict.
    fn class_body(&mut self, body: &'a [Stmt]) -> CResult<()> {
        if find_ann(body) {
            self.emit(Opcode::SETUP_ANNOTATIONS, 0);
        }
        let mut rest = body;
        if let Some((doc, span)) = docstring(body) {
            self.set_loc(span);
            let c = self.str_const(doc);
            self.load_const(c);
            self.nameop("__doc__", ExprContext::Store)?;
            rest = &body[1..];
        }
        self.stmts(rest)
    }

    /// `compiler_comprehension`: a nested function called with the iterator
    /// of the outermost iterable, evaluated in the enclosing scope.
    pub fn comprehension(&mut self, e: &'a Expr) -> CResult<()> {
        let (kind, name, generators, elt, val) = match &e.node {
            ExprKind::ListComp { elt, generators } => (Comp::List, "<listcomp>", generators, &**elt, None),
            ExprKind::SetComp { elt, generators } => (Comp::Set, "<setcomp>", generators, &**elt, None),
            ExprKind::GeneratorExp { elt, generators } => (Comp::Gen, "<genexpr>", generators, &**elt, None),
            ExprKind::DictComp { key, value, generators } => {
                (Comp::Dict, "<dictcomp>", generators, &**key, Some(&**value))
            }
            _ => return Err(self.error("internal compiler error: not a comprehension", e.span)),
        };
        if generators.iter().any(|g| g.is_async) {
            return Err(self.unsupported("asynchronous comprehension", e.span));
        }
        let Some(outermost) = generators.first() else {
            return Err(self.error("comprehension without 'for'", e.span));
        };
        let scope = self.scope_for(e, e.span)?;
        let qualname = self.qualname(name, UnitKind::Comprehension);
        self.enter_unit(scope, UnitKind::Comprehension, name, &qualname, e.span.lineno);
        self.unit().argcount = 1;
        self.emit(Opcode::RESUME, 0);
        self.set_loc(e.span);
        match kind {
            Comp::List => self.emit(Opcode::BUILD_LIST, 0),
            Comp::Set => self.emit(Opcode::BUILD_SET, 0),
            Comp::Dict => self.emit(Opcode::BUILD_MAP, 0),
            Comp::Gen => {}
        }
        self.comprehension_generator(generators, 0, 0, elt, val, kind)?;
        if kind != Comp::Gen {
            self.emit(Opcode::RETURN_VALUE, 0);
        }
        let code = self.exit_unit(true)?;
        self.make_closure(code, 0);
        self.iter_expr(&outermost.iter)?;
        self.emit(Opcode::GET_ITER, 0);
        self.emit(Opcode::PRECALL, 0);
        self.emit(Opcode::CALL, 0);
        Ok(())
    }

    #[allow(clippy::too_many_arguments, reason = "mirrors compiler_sync_comprehension_generator")]
    fn comprehension_generator(
        &mut self,
        generators: &'a [ast::Comprehension],
        index: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: Comp,
    ) -> CResult<()> {
        let gen = &generators[index];
        let (if_cleanup, anchor) = (self.new_label(), self.new_label());
        let mut start = Some(self.new_label());
        if index == 0 {
            self.emit(Opcode::LOAD_FAST, 0);
        } else {
            let single = match &gen.iter.node {
                ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } if elts.len() == 1 => {
                    Some(&elts[0])
                }
                _ => None,
            };
            match single {
                Some(x) if !matches!(x.node, ExprKind::Starred { .. }) => {
                    self.expr(x)?;
                    start = None;
                }
                _ => {
                    self.iter_expr(&gen.iter)?;
                    self.emit(Opcode::GET_ITER, 0);
                }
            }
        }
        if let Some(s) = start {
            depth += 1;
            self.bind(s);
            self.emit_jump(Opcode::FOR_ITER, anchor);
        }
        self.expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, elt, val, kind)?;
        } else {
            self.expr(elt)?;
            match kind {
                Comp::Gen => {
                    self.emit(Opcode::YIELD_VALUE, 0);
                    self.emit(Opcode::RESUME, 1);
                    self.emit(Opcode::POP_TOP, 0);
                }
                Comp::List => self.emit(Opcode::LIST_APPEND, depth + 1),
                Comp::Set => self.emit(Opcode::SET_ADD, depth + 1),
                Comp::Dict => {
                    if let Some(v) = val {
                        self.expr(v)?;
                    }
                    self.emit(Opcode::MAP_ADD, depth + 1);
                }
            }
        }
        self.bind(if_cleanup);
        if let Some(s) = start {
            self.emit_jump(Opcode::JUMP_ABSOLUTE, s);
            self.bind(anchor);
        }
        Ok(())
    }

    /// True when the current unit is a function-like scope.
    pub fn in_function(&self) -> bool {
        self.table.scopes[self.u().scope].kind == ScopeKind::Function
    }
}
