//! What the grammar's actions call: node builders and the checks CPython's
//! grammar makes with its `invalid_*` rules (assignment targets, parameter
//! order, argument order, string concatenation).
//!
//! Every function here takes byte offsets from lalrpop and returns nodes with
//! line/column spans; errors are [`LexError`]s wrapped as lalrpop user errors
//! so that `parser::translate_error` sees every failure in one place.

use lalrpop_util::ParseError;

use crate::ast::*;
use crate::line_index::LineIndex;
use crate::token::{LexError, StrLit, Tok};

/// The result type of a fallible grammar action.
pub(crate) type R<T> = Result<T, ParseError<usize, Tok, LexError>>;

fn user<T>(e: LexError) -> R<T> {
    Err(ParseError::User { error: e })
}

/// What the single grammar entry point produced.
pub(crate) enum Top {
    Module(Module),
    Expr(Expr),
}

/// Builds an expression node over bytes `l..r`.
pub(crate) fn ex(idx: &LineIndex, l: usize, r: usize, node: ExprKind) -> Expr {
    Expr { node, span: idx.span(l, r) }
}

/// Builds a simple statement over bytes `l..r`.
pub(crate) fn st(idx: &LineIndex, l: usize, r: usize, node: StmtKind) -> Stmt {
    Stmt { node, span: idx.span(l, r) }
}

/// Builds a compound statement: from byte `l` to the end of its last
/// statement (CPython's end position, which excludes NEWLINE and DEDENT).
pub(crate) fn compound(idx: &LineIndex, l: usize, last: &[Stmt], node: StmtKind) -> Stmt {
    let mut span = idx.span(l, l);
    if let Some(s) = last.last() {
        span.end_lineno = s.span.end_lineno;
        span.end_col_offset = s.span.end_col_offset;
    }
    Stmt { node, span }
}

/// The block whose last statement ends a compound statement.
pub(crate) fn last_block<'a>(blocks: &[&'a Vec<Stmt>]) -> &'a [Stmt] {
    blocks.iter().rev().find(|b| !b.is_empty()).map_or(&[], |b| b.as_slice())
}

pub(crate) fn name(idx: &LineIndex, l: usize, r: usize, id: String) -> Expr {
    ex(idx, l, r, ExprKind::Name { id, ctx: ExprContext::Load })
}

pub(crate) fn constant(idx: &LineIndex, l: usize, r: usize, c: Constant) -> Expr {
    ex(idx, l, r, ExprKind::Constant(c))
}

pub(crate) fn bin(idx: &LineIndex, l: usize, r: usize, left: Expr, op: Operator, right: Expr) -> Expr {
    ex(idx, l, r, ExprKind::BinOp { left: Box::new(left), op, right: Box::new(right) })
}

pub(crate) fn unary(idx: &LineIndex, l: usize, r: usize, op: UnaryOp, operand: Expr) -> Expr {
    ex(idx, l, r, ExprKind::UnaryOp { op, operand: Box::new(operand) })
}

pub(crate) fn bool_op(idx: &LineIndex, l: usize, r: usize, op: BoolOp, first: Expr, rest: Vec<Expr>) -> Expr {
    let mut values = Vec::with_capacity(rest.len() + 1);
    values.push(first);
    values.extend(rest);
    ex(idx, l, r, ExprKind::BoolOp { op, values })
}

pub(crate) fn compare(idx: &LineIndex, l: usize, r: usize, left: Expr, rest: Vec<(CmpOp, Expr)>) -> Expr {
    let (ops, comparators) = rest.into_iter().unzip();
    ex(idx, l, r, ExprKind::Compare { left: Box::new(left), ops, comparators })
}

/// `a, b` (a tuple) or `a` (the element itself) for a comma list.
pub(crate) fn tuple_or_single(idx: &LineIndex, l: usize, r: usize, mut v: Vec<Expr>, trailing: bool) -> Expr {
    if v.len() == 1 && !trailing {
        return v
            .pop()
            .unwrap_or_else(|| ex(idx, l, r, ExprKind::Tuple { elts: Vec::new(), ctx: ExprContext::Load }));
    }
    ex(idx, l, r, ExprKind::Tuple { elts: v, ctx: ExprContext::Load })
}

pub(crate) fn one_or_more<T>(first: T, rest: Vec<T>) -> Vec<T> {
    let mut v = Vec::with_capacity(rest.len() + 1);
    v.push(first);
    v.extend(rest);
    v
}

pub(crate) fn starred_here(idx: &LineIndex, l: usize, r: usize) -> R<Expr> {
    user(LexError::at_span("cannot use starred expression here", idx.span(l, r)))
}

/// Joins adjacent literals: all bytes, all str, or str with f-strings (a
/// `JoinedStr` whose neighbouring constant pieces are merged).
pub(crate) fn strings(idx: &LineIndex, l: usize, r: usize, parts: Vec<StrLit>) -> R<Expr> {
    let span = idx.span(l, r);
    let n_bytes = parts.iter().filter(|p| matches!(p, StrLit::Bytes(_))).count();
    if n_bytes > 0 && n_bytes < parts.len() {
        return user(LexError::at("cannot mix bytes and nonbytes literals", r, Some(r)));
    }
    if n_bytes > 0 {
        let mut out = Vec::new();
        for p in parts {
            if let StrLit::Bytes(b) = p {
                out.extend(b);
            }
        }
        return Ok(Expr { node: ExprKind::Constant(Constant::Bytes(out)), span });
    }
    if !parts.iter().any(|p| matches!(p, StrLit::F(_))) {
        let mut out = String::new();
        for p in parts {
            if let StrLit::Str(s) = p {
                out.push_str(&s);
            }
        }
        return Ok(Expr { node: ExprKind::Constant(Constant::Str(out)), span });
    }
    let mut values = Vec::new();
    let mut lit = String::new();
    let flush = |lit: &mut String, values: &mut Vec<Expr>| {
        if !lit.is_empty() {
            values.push(Expr { node: ExprKind::Constant(Constant::Str(std::mem::take(lit))), span });
        }
    };
    for p in parts {
        match p {
            StrLit::Str(s) => lit.push_str(&s),
            StrLit::F(vs) => {
                for v in vs {
                    match v.node {
                        ExprKind::Constant(Constant::Str(s)) => lit.push_str(&s),
                        _ => {
                            flush(&mut lit, &mut values);
                            values.push(v);
                        }
                    }
                }
            }
            StrLit::Bytes(_) | StrLit::FRaw { .. } => {}
        }
    }
    flush(&mut lit, &mut values);
    Ok(Expr { node: ExprKind::JoinedStr(values), span })
}

// ---------------------------------------------------------------------------
// Calls and class headers.

/// One item of a call's argument list, before ordering is checked.
pub(crate) enum ArgItem {
    Pos(Expr),
    /// An unparenthesized generator expression argument.
    Genexp(Expr),
    /// `*value`: the span of the whole argument and of the `*`.
    Star(Expr, Span, Span),
    Kw(Keyword),
    DoubleStar(Keyword),
}

/// Splits call arguments into positional and keyword lists with CPython's
/// ordering errors. `paren` is the byte range of the parentheses, which a
/// lone generator-expression argument takes as its span.
pub(crate) fn call_args(
    idx: &LineIndex,
    items: Vec<ArgItem>,
    paren: (usize, usize),
) -> R<(Vec<Expr>, Vec<Keyword>)> {
    let n = items.len();
    let mut args = Vec::new();
    let mut keywords: Vec<Keyword> = Vec::new();
    let mut seen_kw = false;
    let mut seen_dstar = false;
    for item in items {
        match item {
            ArgItem::Pos(e) | ArgItem::Genexp(e) if seen_kw || seen_dstar => {
                let msg = if seen_dstar {
                    "positional argument follows keyword argument unpacking"
                } else {
                    "positional argument follows keyword argument"
                };
                // CPython's caret sits just past the argument.
                let s = e.span;
                let at = Span {
                    lineno: s.end_lineno,
                    col_offset: s.end_col_offset,
                    end_lineno: s.end_lineno,
                    end_col_offset: s.end_col_offset + 1,
                };
                return user(LexError::at_span(msg, at));
            }
            ArgItem::Pos(e) => args.push(e),
            ArgItem::Genexp(mut e) => {
                let src = idx.source();
                let trailing = idx.line_start(e.span.end_lineno) + col_to_byte(idx, &e.span);
                if n > 1 || src.get(trailing..paren.1).is_some_and(|rest| rest.contains(',')) {
                    return user(LexError::at_span("Generator expression must be parenthesized", e.span));
                }
                e.span = idx.span(paren.0, paren.1);
                args.push(e);
            }
            ArgItem::Star(e, span, star) => {
                if seen_dstar {
                    return user(LexError::at_span(
                        "iterable argument unpacking follows keyword argument unpacking",
                        star,
                    ));
                }
                args.push(Expr {
                    node: ExprKind::Starred { value: Box::new(e), ctx: ExprContext::Load },
                    span,
                });
            }
            ArgItem::Kw(k) => {
                seen_kw = true;
                keywords.push(k);
            }
            ArgItem::DoubleStar(k) => {
                seen_dstar = true;
                keywords.push(k);
            }
        }
    }
    Ok((args, keywords))
}

/// Byte offset, within its line, of the end of `span`.
fn col_to_byte(idx: &LineIndex, span: &Span) -> usize {
    let line = idx.line_text(span.end_lineno).unwrap_or("");
    line.char_indices().nth(span.end_col_offset as usize).map_or(line.len(), |(i, _)| i)
}

pub(crate) fn call(
    idx: &LineIndex,
    l: usize,
    r: usize,
    func: Expr,
    items: Vec<ArgItem>,
    paren: (usize, usize),
) -> R<Expr> {
    let (args, keywords) = call_args(idx, items, paren)?;
    Ok(ex(idx, l, r, ExprKind::Call { func: Box::new(func), args, keywords }))
}

// ---------------------------------------------------------------------------
// Parameters.

/// One item of a parameter list, before ordering is checked.
pub(crate) enum Param {
    Plain(Arg, Option<Expr>),
    /// `*` or `*name`; the span of the `*` for errors.
    Star(Option<Arg>, Span, Option<Span>),
    DoubleStar(Arg, Option<Span>),
    Slash(Span),
}

/// Orders a parameter list into CPython's `arguments`, with its errors.
pub(crate) fn arguments(items: Vec<Param>) -> R<Arguments> {
    let mut a = Arguments::default();
    let mut seen_star = false;
    let mut seen_slash = false;
    let mut seen_default = false;
    let mut bare_star: Option<Span> = None;
    let mut seen_kwarg = false;
    for item in items {
        if seen_kwarg {
            let span = match &item {
                Param::Plain(arg, _) | Param::DoubleStar(arg, _) => arg.span,
                Param::Star(_, s, _) | Param::Slash(s) => *s,
            };
            return user(LexError::at_span("arguments cannot follow var-keyword argument", span));
        }
        match item {
            Param::Plain(arg, default) => {
                if seen_star {
                    a.kwonlyargs.push(arg);
                    a.kw_defaults.push(default);
                    bare_star = None;
                } else {
                    match default {
                        Some(d) => {
                            seen_default = true;
                            a.defaults.push(d);
                        }
                        None if seen_default => {
                            return user(LexError::at_span(
                                "non-default argument follows default argument",
                                arg.span,
                            ));
                        }
                        None => {}
                    }
                    a.args.push(arg);
                }
            }
            Param::Star(arg, span, default) => {
                if seen_star {
                    return user(LexError::at_span("* argument may appear only once", span));
                }
                if let Some(eq) = default {
                    return user(LexError::at_span("var-positional argument cannot have default value", eq));
                }
                seen_star = true;
                match arg {
                    Some(arg) => a.vararg = Some(arg),
                    None => bare_star = Some(span),
                }
            }
            Param::DoubleStar(arg, default) => {
                if let Some(eq) = default {
                    return user(LexError::at_span("var-keyword argument cannot have default value", eq));
                }
                if let Some(span) = bare_star {
                    return user(LexError::at_span("named arguments must follow bare *", span));
                }
                seen_kwarg = true;
                a.kwarg = Some(arg);
            }
            Param::Slash(span) => {
                if seen_slash {
                    return user(LexError::at_span("/ may appear only once", span));
                }
                if seen_star {
                    return user(LexError::at_span("/ must be ahead of *", span));
                }
                if a.args.is_empty() {
                    return user(LexError::at_span("invalid syntax", span));
                }
                seen_slash = true;
                a.posonlyargs = std::mem::take(&mut a.args);
            }
        }
    }
    if let Some(span) = bare_star {
        // A bare `*` at the end: CPython points at the token after it.
        let after = Span { col_offset: span.end_col_offset, end_col_offset: span.end_col_offset + 1, ..span };
        return user(LexError::at_span("named arguments must follow bare *", after));
    }
    Ok(a)
}

pub(crate) fn arg(idx: &LineIndex, l: usize, r: usize, name: String, annotation: Option<Expr>) -> Arg {
    Arg { arg: name, annotation: annotation.map(Box::new), span: idx.span(l, r) }
}

// ---------------------------------------------------------------------------
// Statements.

pub(crate) fn if_stmt(
    idx: &LineIndex,
    l: usize,
    test: Expr,
    body: Vec<Stmt>,
    elifs: Vec<(usize, Expr, Vec<Stmt>)>,
    orelse: Option<Vec<Stmt>>,
) -> Stmt {
    let mut orelse = orelse.unwrap_or_default();
    for (el, t, b) in elifs.into_iter().rev() {
        let end = last_block(&[&b, &orelse]).to_vec();
        let s = compound(idx, el, &end, StmtKind::If { test: Box::new(t), body: b, orelse });
        orelse = vec![s];
    }
    let end = last_block(&[&body, &orelse]).to_vec();
    compound(idx, l, &end, StmtKind::If { test: Box::new(test), body, orelse })
}

/// Which statement an assignment target belongs to (it decides the message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A plain `=` with a single target: CPython adds "Maybe you meant '=='".
    AssignSingle,
    /// Chained `=`, `for`, `with ... as`, comprehension `for`.
    Assign,
    Del,
}

/// CPython's `_PyPegen_get_expr_name`: how messages call an expression.
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    match &e.node {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::Bool(true)) => "True",
        ExprKind::Constant(Constant::Bool(false)) => "False",
        ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// True when CPython's `invalid_named_expression` rule would report `e`
/// with "here. Maybe you meant '==' instead of '='?" (a `bitwise_or` that
/// is not a display, a tuple, a generator or a singleton).
fn suggests_equality(e: &Expr) -> bool {
    !matches!(
        &e.node,
        ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::UnaryOp { op: UnaryOp::Not, .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::NamedExpr { .. }
            | ExprKind::GeneratorExp { .. }
            | ExprKind::Constant(Constant::None | Constant::Bool(_))
    )
}

fn is_bare_tuple(e: &Expr) -> bool {
    match &e.node {
        ExprKind::Tuple { elts, .. } => elts
            .first()
            .is_some_and(|f| (f.span.lineno, f.span.col_offset) == (e.span.lineno, e.span.col_offset)),
        _ => false,
    }
}

/// True when the character before `span` (ignoring blanks) is `(`.
fn parenthesized(idx: &LineIndex, span: &Span) -> bool {
    let line = idx.line_text(span.lineno).unwrap_or("");
    let before: String = line.chars().take(span.col_offset as usize).collect();
    before.trim_end().ends_with('(')
}

/// Sets `Store`/`Del` context on a target, as RustPython's `set_context` and
/// CPython's `_PyPegen_set_expr_context` do, rejecting what cannot be a target.
pub(crate) fn set_context(e: &mut Expr, how: Target, suggest: bool) -> Result<(), LexError> {
    let ctx = if how == Target::Del { ExprContext::Del } else { ExprContext::Store };
    let bare = is_bare_tuple(e);
    match &mut e.node {
        ExprKind::Name { ctx: c, .. }
        | ExprKind::Attribute { ctx: c, .. }
        | ExprKind::Subscript { ctx: c, .. } => {
            *c = ctx;
            Ok(())
        }
        ExprKind::Starred { value, ctx: c } => {
            if how == Target::Del {
                return Err(LexError::at_span("cannot delete starred", e.span));
            }
            *c = ctx;
            set_context(value, how, false)
        }
        ExprKind::Tuple { elts, ctx: c } | ExprKind::List { elts, ctx: c } => {
            *c = ctx;
            for el in elts {
                set_context(el, how, suggest && bare)?;
            }
            Ok(())
        }
        _ => {
            let name = expr_name(e);
            let msg = match how {
                Target::Del => format!("cannot delete {name}"),
                Target::AssignSingle if suggest && suggests_equality(e) => {
                    format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?")
                }
                _ => format!("cannot assign to {name}"),
            };
            Err(LexError::at_span(msg, e.span))
        }
    }
}

pub(crate) fn store(mut e: Expr) -> R<Expr> {
    match set_context(&mut e, Target::Assign, false) {
        Ok(()) => Ok(e),
        Err(err) => user(err),
    }
}

pub(crate) fn assign(idx: &LineIndex, l: usize, r: usize, first: Expr, rest: Vec<Expr>) -> R<Stmt> {
    let mut targets = one_or_more(first, rest);
    let value = targets.pop().unwrap_or_else(|| name(idx, l, r, String::new()));
    let how = if targets.len() == 1 { Target::AssignSingle } else { Target::Assign };
    for t in &mut targets {
        if matches!(t.node, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) && !parenthesized(idx, &t.span) {
            return user(LexError::at_span("assignment to yield expression not possible", t.span));
        }
        if let Err(e) = set_context(t, how, true) {
            return user(e);
        }
    }
    Ok(st(idx, l, r, StmtKind::Assign { targets, value: Box::new(value) }))
}

pub(crate) fn aug_assign(
    idx: &LineIndex,
    l: usize,
    r: usize,
    mut target: Expr,
    op: Operator,
    value: Expr,
) -> R<Stmt> {
    match &mut target.node {
        ExprKind::Name { ctx, .. } | ExprKind::Attribute { ctx, .. } | ExprKind::Subscript { ctx, .. } => {
            *ctx = ExprContext::Store;
        }
        _ => {
            let msg = format!("'{}' is an illegal expression for augmented assignment", expr_name(&target));
            return user(LexError::at_span(msg, target.span));
        }
    }
    Ok(st(idx, l, r, StmtKind::AugAssign { target: Box::new(target), op, value: Box::new(value) }))
}

pub(crate) fn ann_assign(
    idx: &LineIndex,
    l: usize,
    r: usize,
    mut target: Expr,
    annotation: Expr,
    value: Option<Expr>,
) -> R<Stmt> {
    let stmt_start = idx.position(l);
    let simple = matches!(target.node, ExprKind::Name { .. })
        && (target.span.lineno, target.span.col_offset) == stmt_start;
    let bare = is_bare_tuple(&target);
    match &mut target.node {
        ExprKind::Name { ctx, .. } | ExprKind::Attribute { ctx, .. } | ExprKind::Subscript { ctx, .. } => {
            *ctx = ExprContext::Store;
        }
        ExprKind::Tuple { elts, .. } => {
            // CPython points at the first element of an unparenthesized tuple.
            let span = if bare { elts.first().map_or(target.span, |e| e.span) } else { target.span };
            return user(LexError::at_span("only single target (not tuple) can be annotated", span));
        }
        ExprKind::List { .. } => {
            return user(LexError::at_span("only single target (not list) can be annotated", target.span));
        }
        _ => return user(LexError::at_span("illegal target for annotation", target.span)),
    }
    let node = StmtKind::AnnAssign {
        target: Box::new(target),
        annotation: Box::new(annotation),
        value: value.map(Box::new),
        simple,
    };
    Ok(st(idx, l, r, node))
}

pub(crate) fn delete(idx: &LineIndex, l: usize, r: usize, mut targets: Vec<Expr>) -> R<Stmt> {
    for t in &mut targets {
        if let Err(e) = set_context(t, Target::Del, false) {
            return user(e);
        }
    }
    Ok(st(idx, l, r, StmtKind::Delete(targets)))
}

/// `with (a, b):` means two context managers in 3.9+; the grammar parses
/// the parenthesized tuple, and this splits it.
pub(crate) fn with_items(mut items: Vec<WithItem>) -> Vec<WithItem> {
    if items.len() == 1 && items[0].optional_vars.is_none() {
        let e = &items[0].context_expr;
        if let ExprKind::Tuple { elts, .. } = &e.node {
            let opens_paren = !elts.is_empty();
            if opens_paren {
                if let Some(WithItem {
                    context_expr: Expr { node: ExprKind::Tuple { elts, .. }, .. }, ..
                }) = items.pop()
                {
                    return elts
                        .into_iter()
                        .map(|e| WithItem { context_expr: e, optional_vars: None })
                        .collect();
                }
            }
        }
    }
    items
}

pub(crate) fn comprehension(target: Expr, iter: Expr, ifs: Vec<Expr>) -> R<Comprehension> {
    Ok(Comprehension { target: store(target)?, iter, ifs, is_async: false })
}

/// Relative import level and module: `from ..a import b` is level 2, "a".
pub(crate) fn import_from(
    idx: &LineIndex,
    l: usize,
    r: usize,
    dots: Vec<u32>,
    module: Option<String>,
    names: Vec<Alias>,
    import_at: (usize, usize),
) -> R<Stmt> {
    let level: u32 = dots.iter().sum();
    if level == 0 && module.is_none() {
        return user(LexError::at("invalid syntax", import_at.0, Some(import_at.1)));
    }
    Ok(st(idx, l, r, StmtKind::ImportFrom { module, names, level }))
}
