//! A compact AST dump for tests, mirroring `testdata/regen.py` (CPython's
//! `ast` with positions as `Node@line:col-endline:endcol`), so that refpy's
//! trees can be compared with CPython's text for text.

use std::fmt::Write;

use crate::ast::*;

pub(crate) fn dump_module(m: &Module) -> String {
    let mut out = String::new();
    list(&mut out, &m.body, stmt);
    out
}

fn list<T>(out: &mut String, items: &[T], mut f: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        f(out, x);
    }
    out.push(']');
}

fn pos(out: &mut String, name: &str, span: &Span, with_pos: bool) {
    out.push_str(name);
    if with_pos {
        let _ =
            write!(out, "@{}:{}-{}:{}", span.lineno, span.col_offset, span.end_lineno, span.end_col_offset);
    }
}

fn opt_expr(out: &mut String, e: &Option<Box<Expr>>, p: bool) {
    match e {
        Some(e) => expr(out, e, p),
        None => out.push_str("None"),
    }
}

fn opt_str(out: &mut String, s: &Option<String>) {
    match s {
        Some(s) => out.push_str(&py_str(s)),
        None => out.push_str("None"),
    }
}

fn stmts(out: &mut String, body: &[Stmt]) {
    list(out, body, stmt);
}

fn exprs(out: &mut String, v: &[Expr], p: bool) {
    list(out, v, |o, e| expr(o, e, p));
}

fn stmt(out: &mut String, s: &Stmt) {
    let name = match &s.node {
        StmtKind::FunctionDef(_) => "FunctionDef",
        StmtKind::ClassDef(_) => "ClassDef",
        StmtKind::Return(_) => "Return",
        StmtKind::Delete(_) => "Delete",
        StmtKind::Assign { .. } => "Assign",
        StmtKind::AugAssign { .. } => "AugAssign",
        StmtKind::AnnAssign { .. } => "AnnAssign",
        StmtKind::For { .. } => "For",
        StmtKind::While { .. } => "While",
        StmtKind::If { .. } => "If",
        StmtKind::With { .. } => "With",
        StmtKind::Raise { .. } => "Raise",
        StmtKind::Try { .. } => "Try",
        StmtKind::Assert { .. } => "Assert",
        StmtKind::Import(_) => "Import",
        StmtKind::ImportFrom { .. } => "ImportFrom",
        StmtKind::Global(_) => "Global",
        StmtKind::Nonlocal(_) => "Nonlocal",
        StmtKind::Expr(_) => "Expr",
        StmtKind::Pass => "Pass",
        StmtKind::Break => "Break",
        StmtKind::Continue => "Continue",
    };
    pos(out, name, &s.span, true);
    out.push('(');
    match &s.node {
        StmtKind::FunctionDef(f) => {
            let _ = write!(out, "name={}, args=", py_str(&f.name));
            arguments(out, &f.args);
            out.push_str(", body=");
            stmts(out, &f.body);
            out.push_str(", decorator_list=");
            exprs(out, &f.decorator_list, true);
            out.push_str(", returns=");
            opt_expr(out, &f.returns, true);
        }
        StmtKind::ClassDef(c) => {
            let _ = write!(out, "name={}, bases=", py_str(&c.name));
            exprs(out, &c.bases, true);
            out.push_str(", keywords=");
            list(out, &c.keywords, keyword);
            out.push_str(", body=");
            stmts(out, &c.body);
            out.push_str(", decorator_list=");
            exprs(out, &c.decorator_list, true);
        }
        StmtKind::Return(v) => {
            out.push_str("value=");
            opt_expr(out, v, true);
        }
        StmtKind::Delete(t) => {
            out.push_str("targets=");
            exprs(out, t, true);
        }
        StmtKind::Assign { targets, value } => {
            out.push_str("targets=");
            exprs(out, targets, true);
            out.push_str(", value=");
            expr(out, value, true);
        }
        StmtKind::AugAssign { target, op, value } => {
            out.push_str("target=");
            expr(out, target, true);
            let _ = write!(out, ", op={op:?}, value=");
            expr(out, value, true);
        }
        StmtKind::AnnAssign { target, annotation, value, simple } => {
            out.push_str("target=");
            expr(out, target, true);
            out.push_str(", annotation=");
            expr(out, annotation, true);
            out.push_str(", value=");
            opt_expr(out, value, true);
            let _ = write!(out, ", simple={}", u8::from(*simple));
        }
        StmtKind::For { target, iter, body, orelse } => {
            out.push_str("target=");
            expr(out, target, true);
            out.push_str(", iter=");
            expr(out, iter, true);
            out.push_str(", body=");
            stmts(out, body);
            out.push_str(", orelse=");
            stmts(out, orelse);
        }
        StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
            out.push_str("test=");
            expr(out, test, true);
            out.push_str(", body=");
            stmts(out, body);
            out.push_str(", orelse=");
            stmts(out, orelse);
        }
        StmtKind::With { items, body } => {
            out.push_str("items=");
            list(out, items, |o, w| {
                o.push_str("withitem(context_expr=");
                expr(o, &w.context_expr, true);
                o.push_str(", optional_vars=");
                opt_expr(o, &w.optional_vars, true);
                o.push(')');
            });
            out.push_str(", body=");
            stmts(out, body);
        }
        StmtKind::Raise { exc, cause } => {
            out.push_str("exc=");
            opt_expr(out, exc, true);
            out.push_str(", cause=");
            opt_expr(out, cause, true);
        }
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            out.push_str("body=");
            stmts(out, body);
            out.push_str(", handlers=");
            list(out, handlers, |o, h| {
                pos(o, "ExceptHandler", &h.span, true);
                o.push_str("(type=");
                opt_expr(o, &h.typ, true);
                o.push_str(", name=");
                opt_str(o, &h.name);
                o.push_str(", body=");
                stmts(o, &h.body);
                o.push(')');
            });
            out.push_str(", orelse=");
            stmts(out, orelse);
            out.push_str(", finalbody=");
            stmts(out, finalbody);
        }
        StmtKind::Assert { test, msg } => {
            out.push_str("test=");
            expr(out, test, true);
            out.push_str(", msg=");
            opt_expr(out, msg, true);
        }
        StmtKind::Import(names) => {
            out.push_str("names=");
            list(out, names, alias);
        }
        StmtKind::ImportFrom { module, names, level } => {
            out.push_str("module=");
            opt_str(out, module);
            out.push_str(", names=");
            list(out, names, alias);
            let _ = write!(out, ", level={level}");
        }
        StmtKind::Global(n) | StmtKind::Nonlocal(n) => {
            out.push_str("names=");
            list(out, n, |o, s| o.push_str(&py_str(s)));
        }
        StmtKind::Expr(e) => {
            out.push_str("value=");
            expr(out, e, true);
        }
        StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
    }
    out.push(')');
}

fn alias(out: &mut String, a: &Alias) {
    pos(out, "alias", &a.span, true);
    let _ = write!(out, "(name={}, asname=", py_str(&a.name));
    opt_str(out, &a.asname);
    out.push(')');
}

fn keyword(out: &mut String, k: &Keyword) {
    pos(out, "keyword", &k.span, true);
    out.push_str("(arg=");
    opt_str(out, &k.arg);
    out.push_str(", value=");
    expr(out, &k.value, true);
    out.push(')');
}

fn arg(out: &mut String, a: &Arg) {
    pos(out, "arg", &a.span, true);
    let _ = write!(out, "(arg={}, annotation=", py_str(&a.arg));
    opt_expr(out, &a.annotation, true);
    out.push(')');
}

fn opt_arg(out: &mut String, a: &Option<Arg>) {
    match a {
        Some(a) => arg(out, a),
        None => out.push_str("None"),
    }
}

fn arguments(out: &mut String, a: &Arguments) {
    out.push_str("arguments(posonlyargs=");
    list(out, &a.posonlyargs, arg);
    out.push_str(", args=");
    list(out, &a.args, arg);
    out.push_str(", vararg=");
    opt_arg(out, &a.vararg);
    out.push_str(", kwonlyargs=");
    list(out, &a.kwonlyargs, arg);
    out.push_str(", kw_defaults=");
    list(out, &a.kw_defaults, |o, d| match d {
        Some(e) => expr(o, e, true),
        None => o.push_str("None"),
    });
    out.push_str(", kwarg=");
    opt_arg(out, &a.kwarg);
    out.push_str(", defaults=");
    exprs(out, &a.defaults, true);
    out.push(')');
}

fn comprehensions(out: &mut String, g: &[Comprehension], p: bool) {
    list(out, g, |o, c| {
        o.push_str("comprehension(target=");
        expr(o, &c.target, p);
        o.push_str(", iter=");
        expr(o, &c.iter, p);
        o.push_str(", ifs=");
        exprs(o, &c.ifs, p);
        let _ = write!(o, ", is_async={})", u8::from(c.is_async));
    });
}

fn ctx(c: &ExprContext) -> &'static str {
    match c {
        ExprContext::Load => "Load",
        ExprContext::Store => "Store",
        ExprContext::Del => "Del",
    }
}

fn expr(out: &mut String, e: &Expr, p: bool) {
    let name = match &e.node {
        ExprKind::BoolOp { .. } => "BoolOp",
        ExprKind::NamedExpr { .. } => "NamedExpr",
        ExprKind::BinOp { .. } => "BinOp",
        ExprKind::UnaryOp { .. } => "UnaryOp",
        ExprKind::Lambda { .. } => "Lambda",
        ExprKind::IfExp { .. } => "IfExp",
        ExprKind::Dict { .. } => "Dict",
        ExprKind::Set(_) => "Set",
        ExprKind::ListComp { .. } => "ListComp",
        ExprKind::SetComp { .. } => "SetComp",
        ExprKind::DictComp { .. } => "DictComp",
        ExprKind::GeneratorExp { .. } => "GeneratorExp",
        ExprKind::Await(_) => "Await",
        ExprKind::Yield(_) => "Yield",
        ExprKind::YieldFrom(_) => "YieldFrom",
        ExprKind::Compare { .. } => "Compare",
        ExprKind::Call { .. } => "Call",
        ExprKind::FormattedValue { .. } => "FormattedValue",
        ExprKind::JoinedStr(_) => "JoinedStr",
        ExprKind::Constant(_) => "Constant",
        ExprKind::Attribute { .. } => "Attribute",
        ExprKind::Subscript { .. } => "Subscript",
        ExprKind::Starred { .. } => "Starred",
        ExprKind::Name { .. } => "Name",
        ExprKind::List { .. } => "List",
        ExprKind::Tuple { .. } => "Tuple",
        ExprKind::Slice { .. } => "Slice",
    };
    pos(out, name, &e.span, p);
    out.push('(');
    match &e.node {
        ExprKind::BoolOp { op, values } => {
            let _ = write!(out, "op={op:?}, values=");
            exprs(out, values, p);
        }
        ExprKind::NamedExpr { target, value } => {
            out.push_str("target=");
            expr(out, target, p);
            out.push_str(", value=");
            expr(out, value, p);
        }
        ExprKind::BinOp { left, op, right } => {
            out.push_str("left=");
            expr(out, left, p);
            let _ = write!(out, ", op={op:?}, right=");
            expr(out, right, p);
        }
        ExprKind::UnaryOp { op, operand } => {
            let _ = write!(out, "op={op:?}, operand=");
            expr(out, operand, p);
        }
        ExprKind::Lambda { args, body } => {
            out.push_str("args=");
            arguments(out, args);
            out.push_str(", body=");
            expr(out, body, p);
        }
        ExprKind::IfExp { test, body, orelse } => {
            out.push_str("test=");
            expr(out, test, p);
            out.push_str(", body=");
            expr(out, body, p);
            out.push_str(", orelse=");
            expr(out, orelse, p);
        }
        ExprKind::Dict { keys, values } => {
            out.push_str("keys=");
            list(out, keys, |o, k| match k {
                Some(k) => expr(o, k, p),
                None => o.push_str("None"),
            });
            out.push_str(", values=");
            exprs(out, values, p);
        }
        ExprKind::Set(elts) => {
            out.push_str("elts=");
            exprs(out, elts, p);
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            out.push_str("elt=");
            expr(out, elt, p);
            out.push_str(", generators=");
            comprehensions(out, generators, p);
        }
        ExprKind::DictComp { key, value, generators } => {
            out.push_str("key=");
            expr(out, key, p);
            out.push_str(", value=");
            expr(out, value, p);
            out.push_str(", generators=");
            comprehensions(out, generators, p);
        }
        ExprKind::Await(v) | ExprKind::YieldFrom(v) => {
            out.push_str("value=");
            expr(out, v, p);
        }
        ExprKind::Yield(v) => {
            out.push_str("value=");
            opt_expr(out, v, p);
        }
        ExprKind::Compare { left, ops, comparators } => {
            out.push_str("left=");
            expr(out, left, p);
            out.push_str(", ops=");
            list(out, ops, |o, op| {
                let _ = write!(o, "{op:?}");
            });
            out.push_str(", comparators=");
            exprs(out, comparators, p);
        }
        ExprKind::Call { func, args, keywords } => {
            out.push_str("func=");
            expr(out, func, p);
            out.push_str(", args=");
            exprs(out, args, p);
            out.push_str(", keywords=");
            list(out, keywords, keyword);
        }
        ExprKind::FormattedValue { value, conversion, format_spec } => {
            out.push_str("value=");
            expr(out, value, p);
            let _ = write!(out, ", conversion={conversion}, format_spec=");
            opt_expr(out, format_spec, p);
        }
        ExprKind::JoinedStr(values) => {
            out.push_str("values=");
            exprs(out, values, false);
        }
        ExprKind::Constant(c) => {
            out.push_str("value=");
            constant(out, c);
        }
        ExprKind::Attribute { value, attr, ctx: c } => {
            out.push_str("value=");
            expr(out, value, p);
            let _ = write!(out, ", attr={}, ctx={}", py_str(attr), ctx(c));
        }
        ExprKind::Subscript { value, slice, ctx: c } => {
            out.push_str("value=");
            expr(out, value, p);
            out.push_str(", slice=");
            expr(out, slice, p);
            let _ = write!(out, ", ctx={}", ctx(c));
        }
        ExprKind::Starred { value, ctx: c } => {
            out.push_str("value=");
            expr(out, value, p);
            let _ = write!(out, ", ctx={}", ctx(c));
        }
        ExprKind::Name { id, ctx: c } => {
            let _ = write!(out, "id={}, ctx={}", py_str(id), ctx(c));
        }
        ExprKind::List { elts, ctx: c } | ExprKind::Tuple { elts, ctx: c } => {
            out.push_str("elts=");
            exprs(out, elts, p);
            let _ = write!(out, ", ctx={}", ctx(c));
        }
        ExprKind::Slice { lower, upper, step } => {
            out.push_str("lower=");
            opt_expr(out, lower, p);
            out.push_str(", upper=");
            opt_expr(out, upper, p);
            out.push_str(", step=");
            opt_expr(out, step, p);
        }
    }
    out.push(')');
}

fn constant(out: &mut String, c: &Constant) {
    match c {
        Constant::None => out.push_str("None"),
        Constant::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Constant::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Constant::BigInt { digits, radix } => match u128::from_str_radix(digits, *radix) {
            Ok(v) => {
                let _ = write!(out, "{v}");
            }
            Err(_) => out.push_str(digits),
        },
        Constant::Float(f) => out.push_str(&py_float(*f)),
        Constant::Imaginary(f) => {
            out.push_str(&py_float(*f));
            out.push('j');
        }
        Constant::Str(s) => out.push_str(&py_str(s)),
        Constant::Bytes(b) => {
            out.push('b');
            out.push_str(&py_quote(b.iter().map(|&b| b as char), true));
        }
        Constant::Ellipsis => out.push_str("Ellipsis"),
    }
}

/// Python's `repr(float)` for the values tests use (no exponent formatting).
fn py_float(f: f64) -> String {
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let s = format!("{f:?}");
    s
}

fn py_str(s: &str) -> String {
    py_quote(s.chars(), false)
}

/// Python's `repr` quoting for str (`bytes` = false) and bytes.
fn py_quote(chars: impl Iterator<Item = char> + Clone, bytes: bool) -> String {
    let has_single = chars.clone().any(|c| c == '\'');
    let has_double = chars.clone().any(|c| c == '"');
    let q = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::new();
    out.push(q);
    for c in chars {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7F || (bytes && c as u32 >= 0x80) => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}
