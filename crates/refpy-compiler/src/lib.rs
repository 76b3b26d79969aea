//! refpy-compiler: AST to [`CodeObject`].
//!
//! `symtable` resolves every name to local / global / cell / free; `codegen`
//! emits CPython 3.11's bytecode (refpy variant: absolute jumps) with
//! constant folding from `fold` and the constant pool and interning policy of
//! `consts`; `dis` prints the result like `python3 -m dis`.
//!
//! Architecture invariant: the compiler never allocates on the refpy heap;
//! constants are plain data ([`code::Constant`]).
#![forbid(unsafe_code)]

pub mod code;
mod codegen;
pub mod consts;
pub mod dis;
pub mod fold;
pub mod opcode;
pub mod pyrepr;
pub mod symtable;

pub use code::{CodeObject, CompileWarning, Constant};
pub use consts::{ConstKey, SHORT_STRING_LIMIT};
pub use dis::disassemble;
pub use opcode::{BinaryOp, CodeUnit, CompareOp, Opcode};

use refpy_syntax::{ast, SyntaxError, SyntaxErrorKind};

/// What the compiled code is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A file, `-c` string or module: expression statements discard their value.
    Exec,
    /// One REPL input (CPython's `'single'`): module-level expression
    /// statements print their value through `PRINT_EXPR`, and a leading
    /// string is an expression, not a docstring.
    Interactive,
    /// One expression whose value the code returns (`eval()`'s `'eval'`).
    Eval,
}

/// Settings of the compiler that refpy documents as adjustable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileOptions {
    /// String literals up to this many characters are interned (DESIGN.md).
    pub short_string_limit: usize,
}

impl Default for CompileOptions {
    fn default() -> Self {
        CompileOptions { short_string_limit: SHORT_STRING_LIMIT }
    }
}

/// Compiles a parsed module with the default options.
pub fn compile(module: &ast::Module, filename: &str, mode: Mode) -> Result<CodeObject, SyntaxError> {
    compile_with_options(module, filename, mode, &CompileOptions::default())
}

/// Compiles a parsed module. Errors are `SyntaxError`s with CPython's
/// messages ("'return' outside function", …) or, for constructs refpy does
/// not compile yet, a message saying so.
pub fn compile_with_options(
    module: &ast::Module,
    filename: &str,
    mode: Mode,
    options: &CompileOptions,
) -> Result<CodeObject, SyntaxError> {
    let table = symtable::build(module).map_err(|e| SyntaxError {
        kind: SyntaxErrorKind::SyntaxError,
        msg: e.msg,
        filename: filename.to_string(),
        lineno: e.span.lineno,
        offset: e.span.col_offset + 1,
        end_lineno: e.span.end_lineno,
        end_offset: e.span.end_col_offset + 1,
        text: None,
        incomplete_input: false,
    })?;
    codegen::compile_module(module, table, filename, mode, options.clone())
}

/// Parses and compiles `source` with the default options.
pub fn compile_source(source: &str, filename: &str, mode: Mode) -> Result<CodeObject, SyntaxError> {
    compile_source_with_options(source, filename, mode, &CompileOptions::default())
}

/// Parses and compiles `source`; compile errors get the offending source
/// line as `text`, as the parser's own errors do.
pub fn compile_source_with_options(
    source: &str,
    filename: &str,
    mode: Mode,
    options: &CompileOptions,
) -> Result<CodeObject, SyntaxError> {
    let module = if mode == Mode::Eval {
        let expr = refpy_syntax::parse_expression(source, filename)?;
        let span = expr.span;
        ast::Module { body: vec![ast::Stmt { node: ast::StmtKind::Expr(Box::new(expr)), span }] }
    } else {
        refpy_syntax::parse_module(source, filename)?
    };
    compile_with_options(&module, filename, mode, options).map_err(|mut e| {
        if e.text.is_none() && e.lineno > 0 {
            e.text = source.lines().nth(e.lineno as usize - 1).map(str::to_string);
        }
        e
    })
}
