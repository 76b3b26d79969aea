//! AST → [`CodeObject`], mirroring CPython 3.11's `Python/compile.c`.
//!
//! One [`Unit`] per code object being compiled (CPython's `compiler_unit`),
//! kept on a stack while nested functions, lambdas, comprehensions and class
//! bodies are compiled. A unit collects [`Instr`]s with symbolic labels and its
//! own constant pool; [`assemble`](assemble::assemble) turns them into code
//! units at the end.
//!
//! Files: `stmt.rs` (statements and loops), `expr.rs` (expressions and
//! assignment targets), `call.rs` (calls, `def`, `lambda`, `class`,
//! comprehensions), `exc.rs` (`try`, `with`, and unwinding for
//! `break`/`continue`/`return`).

pub mod assemble;
mod call;
mod exc;
mod expr;
mod stmt;

use std::rc::Rc;

use indexmap::IndexSet;
use refpy_syntax::ast::{self, Span, Stmt};
use refpy_syntax::{SyntaxError, SyntaxErrorKind};

use crate::code::{flags, CodeObject, CompileWarning, Constant, Location};
use crate::consts::{str_constant, ConstPool};
use crate::fold::Folder;
use crate::opcode::Opcode;
use crate::symtable::{mangle, ScopeId, ScopeKind, SymbolScope, SymbolTable};
use crate::{CompileOptions, Mode};
use assemble::{Instr, Label, Op};

/// A compile error before it gets its file name and source line.
pub(crate) type CResult<T> = Result<T, SyntaxError>;

/// A loop, `try` or `with` that `break`/`continue`/`return` must unwind
/// (CPython's `fblockinfo`).
#[derive(Clone, Copy)]
pub(crate) enum FBlock<'a> {
    WhileLoop { start: Label, exit: Label },
    ForLoop { start: Label, exit: Label },
    TryExcept,
    FinallyTry { body: &'a [Stmt] },
    FinallyEnd,
    With { loc: Location },
    HandlerCleanup { name: Option<&'a str> },
    PopValue,
    ExceptionHandler,
}

/// Which kind of code object a unit becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

/// A code object under construction (`compiler_unit`).
pub(crate) struct Unit<'a> {
    pub scope: ScopeId,
    pub kind: UnitKind,
    pub instrs: Vec<Instr>,
    pub label_pos: Vec<Option<usize>>,
    pub consts: ConstPool,
    pub names: IndexSet<String>,
    pub varnames: IndexSet<String>,
    pub cellvars: IndexSet<String>,
    pub freevars: IndexSet<String>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub name: String,
    pub qualname: String,
    pub firstlineno: u32,
    pub fblocks: Vec<FBlock<'a>>,
    /// Location given to the instructions emitted now (`u_lineno` & co).
    pub loc: Option<Location>,
    /// Class name for private-name mangling.
    pub private: Option<String>,
    /// `LOAD_CONST`s whose constant joins `co_consts` at the end, as the
    /// constants 3.11's optimizer creates (`fold_tuple_on_constants`).
    pub deferred_consts: Vec<(usize, Constant)>,
}

/// The compiler of one compilation unit (module or REPL input).
pub(crate) struct Compiler<'a> {
    pub table: SymbolTable,
    pub units: Vec<Unit<'a>>,
    pub folder: Folder,
    pub filename: Rc<str>,
    pub options: CompileOptions,
    pub interactive: bool,
    /// Warnings issued so far (`compiler_warn`).
    pub warnings: Vec<CompileWarning>,
}

/// Converts an AST span into a `Location`.
pub(crate) fn loc_of(span: Span) -> Location {
    Location {
        lineno: span.lineno,
        end_lineno: span.end_lineno,
        col: span.col_offset,
        end_col: span.end_col_offset,
    }
}

/// Compiles a whole module with its symbol table already built.
pub(crate) fn compile_module(
    module: &ast::Module,
    table: SymbolTable,
    filename: &str,
    mode: Mode,
    options: CompileOptions,
) -> CResult<CodeObject> {
    let mut c = Compiler {
        table,
        units: Vec::new(),
        folder: Folder::new(options.short_string_limit),
        filename: Rc::from(filename),
        options,
        interactive: mode == Mode::Interactive,
        warnings: Vec::new(),
    };
    c.enter_unit(0, UnitKind::Module, "<module>", "<module>", 1);
    c.emit_loc(Opcode::RESUME, 0, Location::default());
    match (mode, module.body.as_slice()) {
        (Mode::Eval, [ast::Stmt { node: ast::StmtKind::Expr(e), .. }]) => {
            c.expr(e)?;
            c.emit(Opcode::RETURN_VALUE, 0);
        }
        _ => c.module_body(&module.body)?,
    }
    let mut code = c.exit_unit(true)?;
    code.warnings = std::mem::take(&mut c.warnings);
    Ok(code)
}

impl<'a> Compiler<'a> {
    pub fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a unit is always open while compiling")
    }

    pub fn u(&self) -> &Unit<'a> {
        self.units.last().expect("a unit is always open while compiling")
    }

    /// Opens a unit for `scope`, with names laid out as CPython's
    /// `compiler_enter_scope` does (cells and free variables sorted).
    pub fn enter_unit(
        &mut self,
        scope: ScopeId,
        kind: UnitKind,
        name: &str,
        qualname: &str,
        firstlineno: u32,
    ) {
        let s = &self.table.scopes[scope];
        let mut varnames: IndexSet<String> = s.params.iter().cloned().collect();
        if s.kind == ScopeKind::Function {
            for (n, sym) in &s.symbols {
                if sym.scope == SymbolScope::Local {
                    varnames.insert(n.clone());
                }
            }
        }
        let mut cellvars: IndexSet<String> = s.names_by_scope(SymbolScope::Cell, 0).into_iter().collect();
        if s.needs_class_closure {
            cellvars.insert("__class__".to_string());
            cellvars.sort();
        }
        let free_flag = if s.kind == ScopeKind::Class { crate::symtable::DEF_FREE_CLASS } else { 0 };
        let freevars = s.names_by_scope(SymbolScope::Free, free_flag).into_iter().collect();
        let private = s.private.clone();
        self.units.push(Unit {
            scope,
            kind,
            instrs: Vec::new(),
            label_pos: Vec::new(),
            consts: ConstPool::default(),
            names: IndexSet::new(),
            varnames,
            cellvars,
            freevars,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            name: name.to_string(),
            qualname: qualname.to_string(),
            firstlineno,
            fblocks: Vec::new(),
            loc: Some(Location { lineno: firstlineno, end_lineno: firstlineno, col: 0, end_col: 0 }),
            private,
            deferred_consts: Vec::new(),
        });
    }

    /// Closes the current unit, adding the implicit `return None` when
    /// `add_none`, and assembles it (`assemble` + `makecode`).
    pub fn exit_unit(&mut self, add_none: bool) -> CResult<CodeObject> {
        let ends_in_return = self.u().instrs.last().is_some_and(|i| i.op == Op::Real(Opcode::RETURN_VALUE));
        if !ends_in_return || !self.u().label_pos.iter().all(|p| p.is_none_or(|p| p < self.u().instrs.len()))
        {
            self.unit().loc = None;
            if add_none {
                self.load_const(Constant::None);
            }
            self.emit(Opcode::RETURN_VALUE, 0);
        }
        let unit = self.units.pop().expect("exit_unit pairs with enter_unit");
        self.finish_unit(unit)
    }

    fn finish_unit(&self, mut unit: Unit<'a>) -> CResult<CodeObject> {
        let scope = &self.table.scopes[unit.scope];
        let prefix = self.prefix_instructions(&unit, scope.is_generator);
        let shift = prefix.len();
        for p in unit.label_pos.iter_mut().flatten() {
            *p += shift;
        }
        for (at, c) in std::mem::take(&mut unit.deferred_consts) {
            unit.instrs[at].arg = unit.consts.add_compiler_made(c);
        }
        let mut instrs = prefix;
        instrs.append(&mut unit.instrs);
        let (consts, compiler_made) = unit.consts.finish();
        let none_index = |i: u32| matches!(consts.get(i as usize), Some(Constant::None));
        let first = Location { lineno: unit.firstlineno, end_lineno: unit.firstlineno, col: 0, end_col: 0 };
        let asm = assemble::assemble(&instrs, &unit.label_pos, &none_index)
            .map_err(|e| self.error_at(&format!("internal compiler error: {}", e.0), first))?;
        let mut co_flags = 0;
        if scope.kind == ScopeKind::Function {
            co_flags |= flags::OPTIMIZED | flags::NEWLOCALS;
            if scope.nested {
                co_flags |= flags::NESTED;
            }
            if scope.is_generator {
                co_flags |= flags::GENERATOR;
            }
            if scope.has_varargs {
                co_flags |= flags::VARARGS;
            }
            if scope.has_varkeywords {
                co_flags |= flags::VARKEYWORDS;
            }
        }
        let rc = |s: &IndexSet<String>| s.iter().map(|n| Rc::from(n.as_str())).collect::<Vec<Rc<str>>>();
        Ok(CodeObject {
            code: asm.code,
            locations: asm.locations,
            consts,
            compiler_made,
            names: rc(&unit.names),
            varnames: rc(&unit.varnames),
            cellvars: rc(&unit.cellvars),
            freevars: rc(&unit.freevars),
            argcount: unit.argcount,
            posonlyargcount: unit.posonlyargcount,
            kwonlyargcount: unit.kwonlyargcount,
            stacksize: asm.stacksize,
            flags: co_flags,
            name: Rc::from(unit.name.as_str()),
            qualname: Rc::from(unit.qualname.as_str()),
            filename: self.filename.clone(),
            firstlineno: unit.firstlineno,
            exceptiontable: asm.exceptiontable,
            warnings: Vec::new(),
        })
    }

    /// `insert_prefix_instructions`: `COPY_FREE_VARS`, `MAKE_CELL`s and the
    /// generator's `RETURN_GENERATOR; POP_TOP`, before `RESUME`.
    fn prefix_instructions(&self, unit: &Unit<'a>, generator: bool) -> Vec<Instr> {
        let mut v = Vec::new();
        let plain = |op, arg, loc| Instr { op: Op::Real(op), arg, target: None, loc };
        let first =
            Some(Location { lineno: unit.firstlineno, end_lineno: unit.firstlineno, col: 0, end_col: 0 });
        let none = Some(Location::default());
        if !unit.freevars.is_empty() {
            v.push(plain(Opcode::COPY_FREE_VARS, unit.freevars.len() as u32, none));
        }
        for i in 0..unit.cellvars.len() {
            v.push(plain(Opcode::MAKE_CELL, (unit.varnames.len() + i) as u32, none));
        }
        if generator {
            v.push(plain(Opcode::RETURN_GENERATOR, 0, first));
            v.push(plain(Opcode::POP_TOP, 0, first));
        }
        v
    }

    // ----- emitting -----

    pub fn emit(&mut self, op: Opcode, arg: u32) {
        let loc = self.u().loc;
        self.unit().instrs.push(Instr { op: Op::Real(op), arg, target: None, loc });
    }

    pub fn emit_loc(&mut self, op: Opcode, arg: u32, loc: Location) {
        self.unit().instrs.push(Instr { op: Op::Real(op), arg, target: None, loc: Some(loc) });
    }

    /// Emits an instruction with no location of its own ("artificial").
    pub fn emit_noline(&mut self, op: Opcode, arg: u32) {
        self.unit().instrs.push(Instr { op: Op::Real(op), arg, target: None, loc: None });
    }

    pub fn emit_jump(&mut self, op: Opcode, target: Label) {
        let loc = self.u().loc;
        self.unit().instrs.push(Instr { op: Op::Real(op), arg: 0, target: Some(target), loc });
    }

    pub fn emit_jump_noline(&mut self, op: Opcode, target: Label) {
        self.unit().instrs.push(Instr { op: Op::Real(op), arg: 0, target: Some(target), loc: None });
    }

    pub fn emit_pseudo(&mut self, op: Op, target: Option<Label>) {
        let loc = self.u().loc;
        self.unit().instrs.push(Instr { op, arg: 0, target, loc });
    }

    pub fn new_label(&mut self) -> Label {
        let u = self.unit();
        u.label_pos.push(None);
        Label((u.label_pos.len() - 1) as u32)
    }

    pub fn bind(&mut self, l: Label) {
        let u = self.unit();
        u.label_pos[l.0 as usize] = Some(u.instrs.len());
    }

    /// Sets the location for what follows; returns the previous one.
    pub fn set_loc(&mut self, span: Span) -> Option<Location> {
        self.unit().loc.replace(loc_of(span))
    }

    pub fn restore_loc(&mut self, loc: Option<Location>) {
        self.unit().loc = loc;
    }

    pub fn unset_loc(&mut self) {
        self.unit().loc = None;
    }

    pub fn add_const(&mut self, c: Constant) -> u32 {
        self.unit().consts.add(c)
    }

    pub fn load_const(&mut self, c: Constant) {
        let i = self.add_const(c);
        self.emit(Opcode::LOAD_CONST, i);
    }

    /// [`Compiler::load_const`] for a constant the code generator builds
    /// itself rather than takes from the source ([`ConstPool::add_compiler_made`]).
    pub fn load_compiler_const(&mut self, c: Constant) {
        let i = self.unit().consts.add_compiler_made(c);
        self.emit(Opcode::LOAD_CONST, i);
    }

    pub fn str_const(&self, s: &str) -> Constant {
        str_constant(s, self.options.short_string_limit)
    }

    /// A tuple of names (keyword names, constant dict keys).
    pub fn names_tuple<'s>(&self, names: impl Iterator<Item = &'s str>) -> Constant {
        Constant::Tuple(names.map(|n| self.str_const(n)).collect::<Vec<_>>().into())
    }

    /// Index of `name` (mangled) in `co_names`.
    pub fn name_index(&mut self, name: &str) -> u32 {
        let name = self.mangle(name);
        let (i, _) = self.unit().names.insert_full(name);
        i as u32
    }

    pub fn mangle(&self, name: &str) -> String {
        mangle(self.u().private.as_deref(), name)
    }

    // ----- errors -----

    pub fn error_at(&self, msg: &str, loc: Location) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::SyntaxError,
            msg: msg.to_string(),
            filename: self.filename.to_string(),
            lineno: loc.lineno,
            offset: loc.col + 1,
            end_lineno: loc.end_lineno,
            end_offset: loc.end_col + 1,
            text: None,
            incomplete_input: false,
        }
    }

    pub fn error(&self, msg: &str, span: Span) -> SyntaxError {
        self.error_at(msg, loc_of(span))
    }

    /// The error for a construct refpy parses but does not compile yet.
    pub fn unsupported(&self, what: &str, span: Span) -> SyntaxError {
        self.error(&format!("{what} is not supported by refpy yet"), span)
    }

    // ----- names -----

    fn scope_kind(&self) -> ScopeKind {
        self.table.scopes[self.u().scope].kind
    }

    /// `compiler_nameop`: load, store or delete `name` in the current scope.
    pub fn nameop(&mut self, name: &str, ctx: ast::ExprContext) -> CResult<()> {
        use ast::ExprContext::*;
        let mangled = self.mangle(name);
        let scope = self.table.scopes[self.u().scope].lookup(&mangled);
        let function = self.scope_kind() == ScopeKind::Function;
        match scope {
            Some(SymbolScope::Free) | Some(SymbolScope::Cell) => {
                let i = self.deref_index(&mangled);
                let op = match ctx {
                    Load if self.scope_kind() == ScopeKind::Class => Opcode::LOAD_CLASSDEREF,
                    Load => Opcode::LOAD_DEREF,
                    Store => Opcode::STORE_DEREF,
                    Del => Opcode::DELETE_DEREF,
                };
                self.emit(op, i);
            }
            Some(SymbolScope::Local) if function => {
                let (i, _) = self.unit().varnames.insert_full(mangled);
                let op = match ctx {
                    Load => Opcode::LOAD_FAST,
                    Store => Opcode::STORE_FAST,
                    Del => Opcode::DELETE_FAST,
                };
                self.emit(op, i as u32);
            }
            Some(SymbolScope::GlobalExplicit) => self.global_op(&mangled, ctx, false),
            Some(SymbolScope::GlobalImplicit) if function => self.global_op(&mangled, ctx, false),
            _ => {
                let (i, _) = self.unit().names.insert_full(mangled);
                let op = match ctx {
                    Load => Opcode::LOAD_NAME,
                    Store => Opcode::STORE_NAME,
                    Del => Opcode::DELETE_NAME,
                };
                self.emit(op, i as u32);
            }
        }
        Ok(())
    }

    fn global_op(&mut self, mangled: &str, ctx: ast::ExprContext, push_null: bool) {
        let (i, _) = self.unit().names.insert_full(mangled.to_string());
        let i = i as u32;
        match ctx {
            ast::ExprContext::Load => self.emit(Opcode::LOAD_GLOBAL, (i << 1) | u32::from(push_null)),
            ast::ExprContext::Store => self.emit(Opcode::STORE_GLOBAL, i),
            ast::ExprContext::Del => self.emit(Opcode::DELETE_GLOBAL, i),
        }
    }

    /// True when loading `name` here is a `LOAD_GLOBAL`, so a call can fold
    /// its `PUSH_NULL` into the low bit (3.11's peephole).
    pub fn is_global_load(&self, name: &str) -> bool {
        let mangled = self.mangle(name);
        let scope = self.table.scopes[self.u().scope].lookup(&mangled);
        let function = self.scope_kind() == ScopeKind::Function;
        matches!(scope, Some(SymbolScope::GlobalExplicit))
            || (function && matches!(scope, Some(SymbolScope::GlobalImplicit)))
    }

    /// `LOAD_GLOBAL (NULL + name)`.
    pub fn load_global_with_null(&mut self, name: &str) {
        let mangled = self.mangle(name);
        self.global_op(&mangled, ast::ExprContext::Load, true);
    }

    /// Slot of a cell or free variable: after the locals, cells then frees.
    pub fn deref_index(&mut self, mangled: &str) -> u32 {
        let u = self.u();
        let base = u.varnames.len();
        if let Some(i) = u.cellvars.get_index_of(mangled) {
            return (base + i) as u32;
        }
        let i = u.freevars.get_index_of(mangled).unwrap_or(0);
        (base + u.cellvars.len() + i) as u32
    }

    /// Compiles the statements of a module, storing a docstring as `__doc__`.
    fn module_body(&mut self, body: &'a [Stmt]) -> CResult<()> {
        let mut rest = body;
        if let Some(first) = body.first() {
            self.set_loc(first.span);
        }
        if stmt::find_ann(body) {
            self.emit(Opcode::SETUP_ANNOTATIONS, 0);
        }
        if !self.interactive {
            if let Some((doc, span)) = docstring(body) {
                let old = self.set_loc(span);
                let c = self.str_const(doc);
                self.load_const(c);
                self.nameop("__doc__", ast::ExprContext::Store)?;
                self.restore_loc(old);
                rest = &body[1..];
            }
        }
        for s in rest {
            self.stmt(s)?;
        }
        Ok(())
    }
}

/// The docstring of a body: a leading string expression statement.
pub(crate) fn docstring(body: &[Stmt]) -> Option<(&str, Span)> {
    match &body.first()?.node {
        ast::StmtKind::Expr(e) => match &e.node {
            ast::ExprKind::Constant(ast::Constant::Str(s)) => Some((s, body[0].span)),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests;
