//! Symbol tables: which names each scope binds, and where every name lives.
//!
//! Two passes, as CPython's `Python/symtable.c` (3.11):
//! 1. [`build`] walks the AST and records, per scope (module, class, function,
//!    lambda, comprehension), the *flags* of each name: bound here, used here,
//!    a parameter, declared `global` or `nonlocal`, imported.
//! 2. `analyze` resolves each name to a [`SymbolScope`] with the enclosing
//!    scopes' bindings in hand: a name bound in an enclosing *function* and
//!    used here is free here and a cell there; class bodies do not provide
//!    bindings to the functions inside them (only the implicit `__class__`
//!    cell, used by `super()`); comprehensions are functions of their own.
//!
//! Scopes are found again by the codegen through the address of the AST node
//! that opened them (`FunctionDef`, `ClassDef`, or the lambda / comprehension
//! `Expr`), so the AST must not move between the two passes.

use indexmap::IndexMap;
use refpy_syntax::ast::{self, Expr, ExprContext, ExprKind, Span, Stmt, StmtKind};
use rustc_hash::FxHashMap;

/// `DEF_GLOBAL`: declared `global` here.
pub const DEF_GLOBAL: u32 = 1;
/// `DEF_LOCAL`: assigned (or deleted) here.
pub const DEF_LOCAL: u32 = 2;
/// `DEF_PARAM`: a parameter of this function.
pub const DEF_PARAM: u32 = 4;
/// `DEF_NONLOCAL`: declared `nonlocal` here (or a walrus target in a comprehension).
pub const DEF_NONLOCAL: u32 = 8;
/// `USE`: read here.
pub const USE: u32 = 16;
/// `DEF_FREE_CLASS`: bound in a class body and free in one of its methods.
pub const DEF_FREE_CLASS: u32 = 32;
/// `DEF_IMPORT`: bound by an import.
pub const DEF_IMPORT: u32 = 64;
/// `DEF_ANNOT`: annotated here.
pub const DEF_ANNOT: u32 = 128;
/// `DEF_COMP_ITER`: a comprehension's iteration variable.
pub const DEF_COMP_ITER: u32 = 256;
/// Any binding in this scope.
pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// What kind of block a scope is (`_Py_block_ty`); lambdas and comprehensions
/// are functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
}

/// Where a name lives, CPython's `LOCAL`, `GLOBAL_EXPLICIT`, …
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolScope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

/// One name of one scope.
#[derive(Clone, Debug)]
pub struct Symbol {
    pub flags: u32,
    pub scope: SymbolScope,
}

/// Index of a scope in [`SymbolTable::scopes`].
pub type ScopeId = usize;

/// One block's names, CPython's `PySTEntryObject`.
#[derive(Clone, Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    /// `co_name` of the code object this scope becomes.
    pub name: String,
    /// Every name, in order of first appearance.
    pub symbols: IndexMap<String, Symbol>,
    /// Parameters in `co_varnames` order: positional-only, positional,
    /// keyword-only, `*args`, `**kwargs`.
    pub params: Vec<String>,
    pub children: Vec<ScopeId>,
    /// Nested in a function (`CO_NESTED`).
    pub nested: bool,
    pub is_generator: bool,
    pub is_comprehension: bool,
    pub has_varargs: bool,
    pub has_varkeywords: bool,
    /// A class whose methods use `super()` or `__class__`.
    pub needs_class_closure: bool,
    /// The class name used for private-name mangling, inherited by nested scopes.
    pub private: Option<String>,
    /// Where each `global`/`nonlocal` directive appeared, for error positions.
    directives: FxHashMap<String, Span>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, nested: bool, private: Option<String>) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            symbols: IndexMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            nested,
            is_generator: false,
            is_comprehension: false,
            has_varargs: false,
            has_varkeywords: false,
            needs_class_closure: false,
            private,
            directives: FxHashMap::default(),
        }
    }

    /// The resolved scope of `name` (already mangled), `None` if never seen here.
    pub fn lookup(&self, name: &str) -> Option<SymbolScope> {
        self.symbols.get(name).map(|s| s.scope)
    }

    /// Names with scope `scope` (or flag `flag`), sorted as CPython's
    /// `dictbytype` sorts `co_cellvars` and `co_freevars`.
    pub fn names_by_scope(&self, scope: SymbolScope, flag: u32) -> Vec<String> {
        let mut v: Vec<String> = self
            .symbols
            .iter()
            .filter(|(_, s)| s.scope == scope || s.flags & flag != 0)
            .map(|(n, _)| n.clone())
            .collect();
        v.sort();
        v
    }
}

/// All scopes of one compilation unit; scope 0 is the module.
#[derive(Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_node: FxHashMap<usize, ScopeId>,
}

impl SymbolTable {
    /// The scope opened by the AST node at `node` (a `FunctionDef`, `ClassDef`
    /// or lambda/comprehension `Expr`).
    pub fn scope_of<T>(&self, node: &T) -> Option<ScopeId> {
        self.by_node.get(&(node as *const T as usize)).copied()
    }
}

/// A symbol-table error: CPython's message and the node it points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymtableError {
    pub msg: String,
    pub span: Span,
}

type Result<T> = std::result::Result<T, SymtableError>;

fn err<T>(msg: String, span: Span) -> Result<T> {
    Err(SymtableError { msg, span })
}

/// CPython's `_Py_Mangle`: `__x` inside `class C` becomes `_C__x`.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(p) = private else { return name.to_string() };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let p = p.trim_start_matches('_');
    if p.is_empty() {
        return name.to_string();
    }
    format!("_{p}{name}")
}

/// Builds and analyses the symbol table of a module.
pub fn build(module: &ast::Module) -> Result<SymbolTable> {
    let mut b = Builder {
        table: SymbolTable {
            scopes: vec![Scope::new(ScopeKind::Module, "top", false, None)],
            by_node: Default::default(),
        },
        stack: vec![0],
        comp_iter_expr: 0,
    };
    for s in &module.body {
        b.stmt(s)?;
    }
    let mut table = b.table;
    analyze(&mut table)?;
    Ok(table)
}

struct Builder {
    table: SymbolTable,
    stack: Vec<ScopeId>,
    /// >0 while visiting a comprehension's outermost iterable.
    comp_iter_expr: u32,
}

impl Builder {
    fn cur(&self) -> ScopeId {
        *self.stack.last().unwrap_or(&0)
    }

    fn scope(&mut self) -> &mut Scope {
        let id = self.cur();
        &mut self.table.scopes[id]
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, node: usize, class_private: Option<&str>) -> ScopeId {
        let parent = &self.table.scopes[self.cur()];
        let nested = parent.nested || parent.kind == ScopeKind::Function;
        let private = class_private.map(str::to_string).or_else(|| parent.private.clone());
        let id = self.table.scopes.len();
        self.table.scopes.push(Scope::new(kind, name, nested, private));
        let cur = self.cur();
        self.table.scopes[cur].children.push(id);
        self.table.by_node.insert(node, id);
        self.stack.push(id);
        id
    }

    fn leave(&mut self) {
        self.stack.pop();
    }

    fn add_def(&mut self, name: &str, flag: u32, span: Span) -> Result<()> {
        let id = self.cur();
        self.add_def_in(id, name, flag, span)
    }

    fn add_def_in(&mut self, id: ScopeId, name: &str, flag: u32, span: Span) -> Result<()> {
        let scope = &mut self.table.scopes[id];
        let name = mangle(scope.private.as_deref(), name);
        let sym = scope
            .symbols
            .entry(name.clone())
            .or_insert(Symbol { flags: 0, scope: SymbolScope::GlobalImplicit });
        if flag & DEF_PARAM != 0 {
            if sym.flags & DEF_PARAM != 0 {
                return err(format!("duplicate argument '{name}' in function definition"), span);
            }
            scope.params.push(name.clone());
        }
        sym.flags |= flag;
        Ok(())
    }

    fn stmts(&mut self, body: &[Stmt]) -> Result<()> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &Stmt) -> Result<()> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.stmt_inner(s))
    }

    fn stmt_inner(&mut self, s: &Stmt) -> Result<()> {
        match &s.node {
            StmtKind::FunctionDef(f) => self.function_def(f, s.span),
            StmtKind::ClassDef(c) => self.class_def(c, s.span),
            StmtKind::Return(v) => self.opt_expr(v.as_deref()),
            StmtKind::Delete(targets) => self.exprs(targets),
            StmtKind::Assign { targets, value } => {
                self.exprs(targets)?;
                self.expr(value)
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target)?;
                self.expr(value)
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if let ExprKind::Name { id, .. } = &target.node {
                    let cur = self.lookup_flags(id);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && *simple {
                        let kind = if cur & DEF_GLOBAL != 0 { "global" } else { "nonlocal" };
                        return err(format!("annotated name '{id}' can't be {kind}"), s.span);
                    }
                    let flag = if *simple { DEF_ANNOT | DEF_LOCAL } else { DEF_LOCAL };
                    self.add_def(id, flag, target.span)?;
                } else {
                    self.expr(target)?;
                }
                self.expr(annotation)?;
                self.opt_expr(value.as_deref())
            }
            StmtKind::For { target, iter, body, orelse } => {
                self.expr(target)?;
                self.expr(iter)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::With { items, body } => {
                for item in items {
                    self.expr(&item.context_expr)?;
                    self.opt_expr(item.optional_vars.as_deref())?;
                }
                self.stmts(body)
            }
            StmtKind::Raise { exc, cause } => {
                self.opt_expr(exc.as_deref())?;
                self.opt_expr(cause.as_deref())
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.stmts(body)?;
                for h in handlers {
                    self.opt_expr(h.typ.as_deref())?;
                    if let Some(n) = &h.name {
                        self.add_def(n, DEF_LOCAL, h.span)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(orelse)?;
                self.stmts(finalbody)
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                self.opt_expr(msg.as_deref())
            }
            StmtKind::Import(names) => self.imports(names, s.span),
            StmtKind::ImportFrom { names, .. } => self.imports(names, s.span),
            StmtKind::Global(names) => self.directive(names, DEF_GLOBAL, s.span),
            StmtKind::Nonlocal(names) => self.directive(names, DEF_NONLOCAL, s.span),
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
        }
    }

    fn lookup_flags(&self, name: &str) -> u32 {
        let scope = &self.table.scopes[self.cur()];
        let name = mangle(scope.private.as_deref(), name);
        scope.symbols.get(&name).map_or(0, |s| s.flags)
    }

    fn imports(&mut self, names: &[ast::Alias], span: Span) -> Result<()> {
        for a in names {
            if a.name == "*" {
                if self.table.scopes[self.cur()].kind != ScopeKind::Module {
                    return err("import * only allowed at module level".into(), span);
                }
                continue;
            }
            let bound = a.asname.as_deref().unwrap_or_else(|| a.name.split('.').next().unwrap_or(&a.name));
            self.add_def(bound, DEF_IMPORT, a.span)?;
        }
        Ok(())
    }

    /// `global`/`nonlocal` with `symtable_visit_stmt`'s checks and messages.
    fn directive(&mut self, names: &[String], flag: u32, span: Span) -> Result<()> {
        let kind = if flag == DEF_GLOBAL { "global" } else { "nonlocal" };
        if flag == DEF_NONLOCAL && self.table.scopes[self.cur()].kind == ScopeKind::Module {
            return err("nonlocal declaration not allowed at module level".into(), span);
        }
        for name in names {
            let cur = self.lookup_flags(name);
            if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let msg = if cur & DEF_PARAM != 0 {
                    format!("name '{name}' is parameter and {kind}")
                } else if cur & USE != 0 {
                    format!("name '{name}' is used prior to {kind} declaration")
                } else if cur & DEF_ANNOT != 0 {
                    format!("annotated name '{name}' can't be {kind}")
                } else {
                    format!("name '{name}' is assigned to before {kind} declaration")
                };
                return err(msg, span);
            }
            self.add_def(name, flag, span)?;
            let scope = self.scope();
            let mangled = mangle(scope.private.as_deref(), name);
            scope.directives.entry(mangled).or_insert(span);
        }
        Ok(())
    }

    fn function_def(&mut self, f: &ast::FunctionDef, span: Span) -> Result<()> {
        self.add_def(&f.name, DEF_LOCAL, span)?;
        self.arg_defaults(&f.args)?;
        self.annotations(&f.args)?;
        self.opt_expr(f.returns.as_deref())?;
        self.exprs(&f.decorator_list)?;
        self.enter(ScopeKind::Function, &f.name, f as *const _ as usize, None);
        self.params(&f.args)?;
        self.stmts(&f.body)?;
        self.leave();
        Ok(())
    }

    fn arg_defaults(&mut self, a: &ast::Arguments) -> Result<()> {
        self.exprs(&a.defaults)?;
        a.kw_defaults.iter().flatten().try_for_each(|e| self.expr(e))
    }

    fn annotations(&mut self, a: &ast::Arguments) -> Result<()> {
        let all = a.posonlyargs.iter().chain(&a.args).chain(&a.vararg).chain(&a.kwonlyargs).chain(&a.kwarg);
        for arg in all {
            self.opt_expr(arg.annotation.as_deref())?;
        }
        Ok(())
    }

    fn params(&mut self, a: &ast::Arguments) -> Result<()> {
        for arg in a.posonlyargs.iter().chain(&a.args).chain(&a.kwonlyargs) {
            self.add_def(&arg.arg, DEF_PARAM, arg.span)?;
        }
        if let Some(v) = &a.vararg {
            self.add_def(&v.arg, DEF_PARAM, v.span)?;
            self.scope().has_varargs = true;
        }
        if let Some(k) = &a.kwarg {
            self.add_def(&k.arg, DEF_PARAM, k.span)?;
            self.scope().has_varkeywords = true;
        }
        Ok(())
    }

    fn class_def(&mut self, c: &ast::ClassDef, span: Span) -> Result<()> {
        self.add_def(&c.name, DEF_LOCAL, span)?;
        self.exprs(&c.bases)?;
        c.keywords.iter().try_for_each(|k| self.expr(&k.value))?;
        self.exprs(&c.decorator_list)?;
        self.enter(ScopeKind::Class, &c.name, c as *const _ as usize, Some(&c.name));
        self.stmts(&c.body)?;
        self.leave();
        Ok(())
    }

    fn exprs(&mut self, es: &[Expr]) -> Result<()> {
        es.iter().try_for_each(|e| self.expr(e))
    }

    fn opt_expr(&mut self, e: Option<&Expr>) -> Result<()> {
        e.map_or(Ok(()), |e| self.expr(e))
    }

    fn expr(&mut self, e: &Expr) -> Result<()> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.expr_inner(e))
    }

    fn expr_inner(&mut self, e: &Expr) -> Result<()> {
        match &e.node {
            ExprKind::Name { id, ctx } => self.name(id, *ctx, e.span),
            ExprKind::BoolOp { values, .. } => self.exprs(values),
            ExprKind::NamedExpr { target, value } => self.named_expr(target, value, e.span),
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda { args, body } => {
                self.arg_defaults(args)?;
                self.enter(ScopeKind::Function, "<lambda>", e as *const _ as usize, None);
                self.params(args)?;
                self.expr(body)?;
                self.leave();
                Ok(())
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)
            }
            ExprKind::Dict { keys, values } => {
                keys.iter().flatten().try_for_each(|k| self.expr(k))?;
                self.exprs(values)
            }
            ExprKind::Set(elts) => self.exprs(elts),
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, "<listcomp>", generators, elt, None)
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "<setcomp>", generators, elt, None)
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, "<genexpr>", generators, elt, None)
            }
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(e, "<dictcomp>", generators, key, Some(value))
            }
            ExprKind::Await(v) => self.expr(v),
            ExprKind::Yield(v) => {
                self.yield_here(e.span)?;
                self.opt_expr(v.as_deref())
            }
            ExprKind::YieldFrom(v) => {
                self.yield_here(e.span)?;
                self.expr(v)
            }
            ExprKind::Compare { left, comparators, .. } => {
                self.expr(left)?;
                self.exprs(comparators)
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func)?;
                self.exprs(args)?;
                keywords.iter().try_for_each(|k| self.expr(&k.value))
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                self.expr(value)?;
                self.opt_expr(format_spec.as_deref())
            }
            ExprKind::JoinedStr(parts) => self.exprs(parts),
            ExprKind::Constant(_) => Ok(()),
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)
            }
            ExprKind::Starred { value, .. } => self.expr(value),
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.exprs(elts),
            ExprKind::Slice { lower, upper, step } => {
                self.opt_expr(lower.as_deref())?;
                self.opt_expr(upper.as_deref())?;
                self.opt_expr(step.as_deref())
            }
        }
    }

    fn name(&mut self, id: &str, ctx: ExprContext, span: Span) -> Result<()> {
        let flag = if ctx == ExprContext::Load { USE } else { DEF_LOCAL };
        self.add_def(id, flag, span)?;
        let cur = &self.table.scopes[self.cur()];
        if ctx == ExprContext::Load && cur.kind == ScopeKind::Function && id == "super" {
            self.add_def("__class__", USE, span)?;
        }
        Ok(())
    }

    fn yield_here(&mut self, span: Span) -> Result<()> {
        let scope = self.scope();
        if scope.is_comprehension {
            let what = match scope.name.as_str() {
                "<listcomp>" => "list comprehension",
                "<setcomp>" => "set comprehension",
                "<dictcomp>" => "dict comprehension",
                _ => "generator expression",
            };
            return err(format!("'yield' inside {what}"), span);
        }
        if scope.kind == ScopeKind::Function {
            scope.is_generator = true;
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        generators: &[ast::Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> Result<()> {
        let Some(first) = generators.first() else { return Ok(()) };
        self.comp_iter_expr += 1;
        let r = self.expr(&first.iter);
        self.comp_iter_expr -= 1;
        r?;
        let id = self.enter(ScopeKind::Function, name, e as *const _ as usize, None);
        self.table.scopes[id].is_comprehension = true;
        self.table.scopes[id].is_generator = name == "<genexpr>";
        self.add_def(".0", DEF_PARAM, e.span)?;
        self.comp_target(&first.target)?;
        self.exprs(&first.ifs)?;
        for g in &generators[1..] {
            self.expr(&g.iter)?;
            self.comp_target(&g.target)?;
            self.exprs(&g.ifs)?;
        }
        self.opt_expr(value)?;
        self.expr(elt)?;
        self.leave();
        Ok(())
    }

    /// Visits a comprehension target, marking its names as iteration variables.
    fn comp_target(&mut self, t: &Expr) -> Result<()> {
        self.expr(t)?;
        let mut names = Vec::new();
        collect_store_names(t, &mut names);
        for n in names {
            self.add_def(n, DEF_COMP_ITER, t.span)?;
        }
        Ok(())
    }

    fn named_expr(&mut self, target: &Expr, value: &Expr, span: Span) -> Result<()> {
        if self.comp_iter_expr > 0 {
            return err(
                "assignment expression cannot be used in a comprehension iterable expression".into(),
                span,
            );
        }
        if let ExprKind::Name { id, .. } = &target.node {
            if self.table.scopes[self.cur()].is_comprehension {
                self.extend_namedexpr_scope(id, target.span)?;
            }
        }
        self.expr(value)?;
        self.expr(target)
    }

    /// `symtable_extend_namedexpr_scope`: a walrus in a comprehension binds
    /// in the nearest enclosing non-comprehension scope.
    fn extend_namedexpr_scope(&mut self, name: &str, span: Span) -> Result<()> {
        for &id in self.stack.clone().iter().rev() {
            let scope = &self.table.scopes[id];
            let flags = scope.symbols.get(name).map_or(0, |s| s.flags);
            if scope.is_comprehension {
                if flags & DEF_COMP_ITER != 0 {
                    return err(
                        format!(
                            "assignment expression cannot rebind comprehension iteration variable '{name}'"
                        ),
                        span,
                    );
                }
                continue;
            }
            match scope.kind {
                ScopeKind::Function => {
                    let flag = if flags & DEF_GLOBAL != 0 { DEF_GLOBAL } else { DEF_NONLOCAL };
                    self.add_def(name, flag, span)?;
                    return self.add_def_in(id, name, DEF_LOCAL, span);
                }
                ScopeKind::Module => {
                    self.add_def(name, DEF_GLOBAL, span)?;
                    return self.add_def_in(id, name, DEF_GLOBAL, span);
                }
                ScopeKind::Class => {
                    return err(
                        "assignment expression within a comprehension cannot be used in a class body".into(),
                        span,
                    )
                }
            }
        }
        Ok(())
    }
}

fn collect_store_names<'a>(t: &'a Expr, out: &mut Vec<&'a str>) {
    match &t.node {
        ExprKind::Name { id, .. } => out.push(id),
        ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
            elts.iter().for_each(|e| collect_store_names(e, out))
        }
        ExprKind::Starred { value, .. } => collect_store_names(value, out),
        _ => {}
    }
}

/// Pass 2: resolve every name (`analyze_block` of `symtable.c`).
fn analyze(table: &mut SymbolTable) -> Result<()> {
    let mut free = Vec::new();
    let mut global = Vec::new();
    analyze_block(table, 0, None, &mut free, &mut global)
}

type NameSet = Vec<String>;

fn set_add(s: &mut NameSet, n: &str) {
    if !s.iter().any(|x| x == n) {
        s.push(n.to_string());
    }
}

fn set_discard(s: &mut NameSet, n: &str) {
    s.retain(|x| x != n);
}

fn set_has(s: &NameSet, n: &str) -> bool {
    s.iter().any(|x| x == n)
}

fn analyze_block(
    table: &mut SymbolTable,
    id: ScopeId,
    mut bound: Option<&mut NameSet>,
    free: &mut NameSet,
    global: &mut NameSet,
) -> Result<()> {
    let kind = table.scopes[id].kind;
    let mut local = NameSet::new();
    let mut newbound = NameSet::new();
    let mut newglobal = NameSet::new();
    let mut newfree = NameSet::new();
    if kind == ScopeKind::Class {
        newglobal.extend(global.iter().cloned());
        if let Some(b) = bound.as_deref() {
            newbound.extend(b.iter().cloned());
        }
    }
    let names: Vec<(String, u32)> =
        table.scopes[id].symbols.iter().map(|(n, s)| (n.clone(), s.flags)).collect();
    let mut scopes: FxHashMap<String, SymbolScope> = FxHashMap::default();
    for (name, flags) in &names {
        let sc =
            analyze_name(&table.scopes[id], name, *flags, bound.as_deref_mut(), &mut local, free, global)?;
        scopes.insert(name.clone(), sc);
    }
    if kind != ScopeKind::Class {
        if kind == ScopeKind::Function {
            newbound.extend(local.iter().cloned());
        }
        if let Some(b) = bound.as_deref() {
            for n in b {
                set_add(&mut newbound, n);
            }
        }
        for n in global.iter() {
            set_add(&mut newglobal, n);
        }
    } else {
        set_add(&mut newbound, "__class__");
    }
    for child in table.scopes[id].children.clone() {
        let mut child_bound = newbound.clone();
        let mut child_global = newglobal.clone();
        let mut child_free = NameSet::new();
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            analyze_block(table, child, Some(&mut child_bound), &mut child_free, &mut child_global)
        })?;
        for n in child_free {
            set_add(&mut newfree, &n);
        }
    }
    match kind {
        ScopeKind::Function => {
            for (name, sc) in scopes.iter_mut() {
                if *sc == SymbolScope::Local && set_has(&newfree, name) {
                    *sc = SymbolScope::Cell;
                    set_discard(&mut newfree, name);
                }
            }
        }
        ScopeKind::Class => {
            if set_has(&newfree, "__class__") {
                set_discard(&mut newfree, "__class__");
                table.scopes[id].needs_class_closure = true;
            }
        }
        ScopeKind::Module => {}
    }
    update_symbols(&mut table.scopes[id], &scopes, bound.as_deref(), &newfree);
    for n in newfree {
        set_add(free, &n);
    }
    Ok(())
}

fn analyze_name(
    scope: &Scope,
    name: &str,
    flags: u32,
    bound: Option<&mut NameSet>,
    local: &mut NameSet,
    free: &mut NameSet,
    global: &mut NameSet,
) -> Result<SymbolScope> {
    let span = scope.directives.get(name).copied().unwrap_or_default();
    if flags & DEF_GLOBAL != 0 {
        if flags & DEF_NONLOCAL != 0 {
            return err(format!("name '{name}' is nonlocal and global"), span);
        }
        set_add(global, name);
        if let Some(b) = bound {
            set_discard(b, name);
        }
        return Ok(SymbolScope::GlobalExplicit);
    }
    if flags & DEF_NONLOCAL != 0 {
        let Some(b) = bound else {
            return err("nonlocal declaration not allowed at module level".into(), span);
        };
        if !set_has(b, name) {
            return err(format!("no binding for nonlocal '{name}' found"), span);
        }
        set_add(free, name);
        return Ok(SymbolScope::Free);
    }
    if flags & DEF_BOUND != 0 {
        set_add(local, name);
        set_discard(global, name);
        return Ok(SymbolScope::Local);
    }
    if bound.is_some_and(|b| set_has(b, name)) {
        set_add(free, name);
        return Ok(SymbolScope::Free);
    }
    Ok(SymbolScope::GlobalImplicit)
}

/// Records the analysis, and free names of children that pass through here.
fn update_symbols(
    scope: &mut Scope,
    scopes: &FxHashMap<String, SymbolScope>,
    bound: Option<&NameSet>,
    free: &NameSet,
) {
    for (name, sym) in scope.symbols.iter_mut() {
        if let Some(sc) = scopes.get(name) {
            sym.scope = *sc;
        }
    }
    let class = scope.kind == ScopeKind::Class;
    for name in free {
        if let Some(sym) = scope.symbols.get_mut(name) {
            if class && sym.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                sym.flags |= DEF_FREE_CLASS;
            }
            continue;
        }
        if bound.is_some_and(|b| !set_has(b, name)) {
            continue;
        }
        scope.symbols.insert(name.clone(), Symbol { flags: 0, scope: SymbolScope::Free });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(src: &str) -> SymbolTable {
        let module = refpy_syntax::parse_module(src, "t.py").expect("parses");
        build(&module).expect("symtable")
    }

    fn scope_named<'t>(t: &'t SymbolTable, name: &str) -> &'t Scope {
        t.scopes.iter().find(|s| s.name == name).expect("scope exists")
    }

    #[test]
    fn classifies_locals_globals_cells_and_frees() {
        let t = table(
            "g = 1\ndef f(a):\n    b = a\n    def inner():\n        return a + g + len(b)\n    global h\n    h = 2\n    return inner\n",
        );
        let f = scope_named(&t, "f");
        assert_eq!(f.lookup("a"), Some(SymbolScope::Cell));
        assert_eq!(f.lookup("b"), Some(SymbolScope::Cell));
        assert_eq!(f.lookup("inner"), Some(SymbolScope::Local));
        assert_eq!(f.lookup("h"), Some(SymbolScope::GlobalExplicit));
        let inner = scope_named(&t, "inner");
        assert_eq!(inner.lookup("a"), Some(SymbolScope::Free));
        assert_eq!(inner.lookup("g"), Some(SymbolScope::GlobalImplicit));
        assert_eq!(inner.lookup("len"), Some(SymbolScope::GlobalImplicit));
        assert!(inner.nested);
        assert_eq!(f.params, vec!["a".to_string()]);
    }

    #[test]
    fn class_bodies_do_not_close_over_methods() {
        let t = table("class C:\n    x = 1\n    def m(self):\n        return x\n");
        assert_eq!(scope_named(&t, "m").lookup("x"), Some(SymbolScope::GlobalImplicit));
        assert_eq!(scope_named(&t, "C").lookup("x"), Some(SymbolScope::Local));
    }

    #[test]
    fn super_makes_a_class_cell() {
        let t = table("class C:\n    def m(self):\n        return super().m()\n");
        assert!(scope_named(&t, "C").needs_class_closure);
        assert_eq!(scope_named(&t, "m").lookup("__class__"), Some(SymbolScope::Free));
    }

    #[test]
    fn free_variables_pass_through_intermediate_functions() {
        let t = table(
            "def a():\n    x = 1\n    def b():\n        def c():\n            return x\n        return c\n",
        );
        assert_eq!(scope_named(&t, "b").lookup("x"), Some(SymbolScope::Free));
        assert_eq!(scope_named(&t, "a").lookup("x"), Some(SymbolScope::Cell));
    }

    #[test]
    fn comprehensions_are_functions_and_walrus_binds_outside() {
        let t = table("def f(xs):\n    return [y for x in xs if (y := x)]\n");
        let comp = scope_named(&t, "<listcomp>");
        assert!(comp.is_comprehension);
        assert_eq!(comp.params, vec![".0".to_string()]);
        assert_eq!(comp.lookup("x"), Some(SymbolScope::Local));
        assert_eq!(comp.lookup("y"), Some(SymbolScope::Free));
        assert_eq!(scope_named(&t, "f").lookup("y"), Some(SymbolScope::Cell));
        assert_eq!(scope_named(&t, "f").lookup("xs"), Some(SymbolScope::Local));
    }

    #[test]
    fn nonlocal_rebinds_the_enclosing_local() {
        let t =
            table("def f():\n    n = 0\n    def g():\n        nonlocal n\n        n += 1\n    return g\n");
        assert_eq!(scope_named(&t, "g").lookup("n"), Some(SymbolScope::Free));
        assert_eq!(scope_named(&t, "f").lookup("n"), Some(SymbolScope::Cell));
    }

    #[test]
    fn private_names_are_mangled_in_classes() {
        assert_eq!(mangle(Some("_C"), "__x"), "_C__x");
        assert_eq!(mangle(Some("C"), "__init__"), "__init__");
        assert_eq!(mangle(Some("___"), "__x"), "__x");
        let t = table("class C:\n    __x = 1\n    def m(self):\n        return self.__x\n");
        assert!(scope_named(&t, "C").symbols.contains_key("_C__x"));
    }
}
