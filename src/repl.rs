//! The interactive loop: CPython's `>>> ` prompt on top of one [`Vm`].
//!
//! ```text
//!            ┌──────────── read a line (">>> " when the chunk is empty, else "... ")
//!            ▼
//!   chunk += line ──► verdict(chunk) ──► NeedMore ──► read again ("... ")
//!                          │
//!                          ├─► Blank ──────► forget the chunk (a blank or comment line at ">>> ")
//!                          ├─► Error(e) ───► print e, forget the chunk
//!                          └─► Run ────────► run_source(chunk, "<stdin>", Interactive), forget it
//! ```
//!
//! The verdict is CPython's `codeop` rule: an input runs as soon as it parses, except
//! that a compound statement (`if`, `def`, `for`, …) runs only after a blank line, so
//! that `else:` can still follow; a new statement on a later line of a compound input is
//! a `SyntaxError`, as in CPython's interactive tokenizer.
//!
//! Lines come from rustyline when stdin and stdout are terminals (history, completion,
//! Ctrl-C as a key), and otherwise from plain stdin with the prompts on stderr, which is
//! what `python3 -i < file` does: results on stdout, prompts and tracebacks on stderr.
//! While code runs, Ctrl-C sets [`Vm::interrupt`], which raises `KeyboardInterrupt`.
//! A Rust panic while running an input is caught; the panic hook has printed one line,
//! and the session goes on.

use std::cell::RefCell;
use std::io::{BufRead, IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::atomic::Ordering;

use refpy_compiler::Mode;
use refpy_heap::ObjRef;
use refpy_syntax::ast::{Stmt, StmtKind};
use refpy_syntax::{SyntaxError, SyntaxErrorKind};
use refpy_vm::objects::dict::as_dict;
use refpy_vm::objects::module::as_module;
use refpy_vm::objects::str::as_str;
use refpy_vm::types::Kind;
use refpy_vm::{ExcType, RunError, Vm};
use rustyline::completion::Completer;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::{DefaultHistory, History};
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Editor, Helper};

/// The primary prompt (`sys.ps1`).
const PS1: &str = ">>> ";
/// The continuation prompt (`sys.ps2`).
const PS2: &str = "... ";
/// The file name code typed at the prompt carries, as in CPython.
const FILENAME: &str = "<stdin>";
/// The history file, in the user's home directory.
const HISTORY_FILE: &str = ".refpy_history";
/// Bold magenta, the colour CPython 3.13 gives its prompts.
const PROMPT_COLOUR: &str = "\x1b[1;35m";
const RESET: &str = "\x1b[0m";

/// Starts the REPL on `vm` with `globals` as the `__main__` namespace (fresh, or left by
/// a script under `-i`) and returns the exit status: 0 at end of input, or the status
/// of a `SystemExit` raised at the prompt.
pub fn run(vm: Vm, globals: ObjRef, banner: bool) -> u8 {
    catch_interrupts(&vm);
    let vm = Rc::new(RefCell::new(vm));
    let mut input = line_source(&vm, &globals);
    if banner {
        eprint!("{}", banner_text());
    }
    let mut session = Session { vm, globals, chunk: Chunk::default() };
    let status = session.main_loop(input.as_mut());
    session.vm.borrow_mut().finalize_main(&session.globals);
    session.vm.borrow_mut().out.flush();
    input.finish();
    status
}

/// rustyline when stdin and stdout are terminals (then stdout is line-buffered, as
/// CPython's is on a terminal), else plain stdin, as CPython decides.
fn line_source(vm: &Rc<RefCell<Vm>>, globals: &ObjRef) -> Box<dyn LineSource> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        if let Some(terminal) = Terminal::new(vm, globals) {
            vm.borrow_mut().out.line_buffered = true;
            return Box::new(terminal);
        }
    }
    Box::new(Piped::new())
}

/// Makes Ctrl-C (SIGINT) raise `KeyboardInterrupt` in the code `vm` runs instead of
/// killing the process. `refpy -i script.py` calls it before running the script.
pub fn catch_interrupts(vm: &Vm) {
    let flag = vm.interrupt.clone();
    // A process has one handler: a second call fails and keeps the first, which is
    // fine because both calls come from the one `Vm` of the process.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
}

/// The two banner lines, printed to stderr unless `-q`.
fn banner_text() -> String {
    format!(
        "refpy {} (Python 3.11 compatible) on {}\n\
         Type \"exit()\" or press Ctrl-D to leave; sys.getrefcount(x) shows an object's references.\n",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    )
}

/// What one read from the user gave.
enum Line {
    /// A line without its line break; `terminated` is false for a last line that
    /// ended at end of input instead.
    Text { text: String, terminated: bool },
    /// End of input (Ctrl-D on a terminal).
    Eof,
    /// Ctrl-C at the prompt.
    Interrupted,
}

/// Where lines come from.
trait LineSource {
    /// Shows `prompt` and reads one line.
    fn read(&mut self, prompt: &str) -> Line;
    /// Records a line typed by the user (for up-arrow recall).
    fn remember(&mut self, _line: &str) {}
    /// Called once when the session ends (saves the history).
    fn finish(&mut self) {}
}

/// Plain standard input: prompts go to stderr, as CPython's `PyOS_StdioReadline`.
struct Piped {
    stdin: std::io::StdinLock<'static>,
}

impl Piped {
    fn new() -> Piped {
        Piped { stdin: std::io::stdin().lock() }
    }
}

impl LineSource for Piped {
    fn read(&mut self, prompt: &str) -> Line {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(prompt.as_bytes());
        let _ = err.flush();
        let mut buf = Vec::new();
        match self.stdin.read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => Line::Eof,
            Ok(_) => {
                let terminated = buf.ends_with(b"\n");
                let text = String::from_utf8_lossy(&buf);
                let text = text.strip_suffix('\n').unwrap_or(&text);
                let text = text.strip_suffix('\r').unwrap_or(text);
                Line::Text { text: text.to_string(), terminated }
            }
        }
    }
}

/// A terminal: rustyline with history and completion.
struct Terminal {
    editor: Editor<ReplHelper, DefaultHistory>,
    history: Option<PathBuf>,
}

impl Terminal {
    /// `None` when the terminal cannot be set up (the caller falls back to [`Piped`]).
    fn new(vm: &Rc<RefCell<Vm>>, globals: &ObjRef) -> Option<Terminal> {
        let config = Config::builder()
            .auto_add_history(false)
            .max_history_size(1000)
            .ok()?
            .completion_type(CompletionType::List)
            .build();
        let mut editor = Editor::with_config(config).ok()?;
        let colour = std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal();
        editor.set_helper(Some(ReplHelper { vm: vm.clone(), globals: globals.clone(), colour }));
        let history = std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(|home| PathBuf::from(home).join(HISTORY_FILE));
        if let Some(path) = &history {
            // A missing or unreadable history file is not worth a message.
            let _ = editor.load_history(path);
        }
        Some(Terminal { editor, history })
    }
}

impl LineSource for Terminal {
    fn read(&mut self, prompt: &str) -> Line {
        use rustyline::error::ReadlineError;
        match self.editor.readline(prompt) {
            Ok(text) => Line::Text { text, terminated: true },
            Err(ReadlineError::Interrupted) => Line::Interrupted,
            Err(ReadlineError::Eof) => Line::Eof,
            Err(e) => {
                eprintln!("refpy: cannot read the terminal: {e}");
                Line::Eof
            }
        }
    }

    fn remember(&mut self, line: &str) {
        if !line.trim().is_empty() {
            let _ = self.editor.add_history_entry(line);
        }
    }

    fn finish(&mut self) {
        if let Some(path) = &self.history {
            if self.editor.history().is_empty() {
                return;
            }
            if let Err(e) = self.editor.save_history(path) {
                eprintln!("refpy: cannot write {}: {e}", path.display());
            }
        }
    }
}

/// The lines of one input, until it runs or fails.
#[derive(Default)]
struct Chunk {
    lines: Vec<String>,
}

/// What to do with the chunk after a line was added.
#[derive(Debug, PartialEq)]
enum Verdict {
    /// Nothing but blanks and comments at the primary prompt.
    Blank,
    /// Ask for another line.
    NeedMore,
    /// The input is complete.
    Run,
    /// The input can never become valid.
    Error(SyntaxError),
}

impl Chunk {
    fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    fn source(&self) -> String {
        let mut s = self.lines.join("\n");
        s.push('\n');
        s
    }

    /// The `codeop` decision for the lines so far (see the module header).
    fn verdict(&self) -> Verdict {
        let last = self.lines.last().map(String::as_str).unwrap_or("");
        let last_blank = last.trim().is_empty();
        if self.lines.len() == 1 && (last_blank || last.trim_start().starts_with('#')) {
            return Verdict::Blank;
        }
        let source = self.source();
        match refpy_syntax::parse_module(&source, FILENAME) {
            Err(e) if e.incomplete_input && inside_token(&e) => match error_before_closers(&source, e) {
                Some(e) => Verdict::Error(e),
                None => Verdict::NeedMore,
            },
            Err(e) if e.incomplete_input && !last_blank => Verdict::NeedMore,
            Err(e) if e.incomplete_input => Verdict::Error(self.blank_line_error(e)),
            Err(e) => Verdict::Error(e),
            Ok(module) => match module.body.as_slice() {
                [first, second, ..] if is_compound(first) => Verdict::Error(self.extra_statement(second)),
                [first, ..] if is_compound(first) && !last_blank => Verdict::NeedMore,
                _ => Verdict::Run,
            },
        }
    }

    /// A blank line ended an input that still lacks something: CPython reports the
    /// error at the blank line (an indented block's message is kept).
    fn blank_line_error(&self, mut e: SyntaxError) -> SyntaxError {
        if e.kind != SyntaxErrorKind::IndentationError {
            e.kind = SyntaxErrorKind::SyntaxError;
            e.msg = "invalid syntax".into();
        }
        let lineno = self.lines.len() as u32;
        e.lineno = lineno;
        e.end_lineno = lineno;
        e.offset = 1;
        e.end_offset = 1;
        e.text = Some(String::new());
        e
    }

    /// `if x:` / `  pass` / `y`: the interactive grammar takes one statement, so the
    /// second one is "invalid syntax", its first token underlined.
    fn extra_statement(&self, stmt: &Stmt) -> SyntaxError {
        let text = self.lines.get((stmt.span.lineno as usize).saturating_sub(1)).cloned().unwrap_or_default();
        let col = stmt.span.col_offset as usize;
        let width = first_token_width(text.get(col..).unwrap_or("")) as u32;
        SyntaxError {
            kind: SyntaxErrorKind::SyntaxError,
            msg: "invalid syntax".into(),
            filename: FILENAME.into(),
            lineno: stmt.span.lineno,
            offset: stmt.span.col_offset + 1,
            end_lineno: stmt.span.lineno,
            end_offset: stmt.span.col_offset + 1 + width,
            text: Some(text),
            incomplete_input: false,
        }
    }
}

/// True when the input ended inside a bracket, a triple-quoted string or after a
/// backslash: a blank line does not end those.
fn inside_token(e: &SyntaxError) -> bool {
    e.msg.ends_with("was never closed")
        || e.msg.starts_with("unterminated triple-quoted string")
        || e.msg == "unexpected EOF while parsing"
}

/// CPython's interactive parser stops at the first token that cannot continue the
/// input, so `(1, 2` then `kept` fails at once; refpy's parser, like CPython's on a
/// file, prefers "'(' was never closed" when the input ends inside a bracket. Closing
/// the brackets on a line of their own tells the two apart: an error before that line
/// is the one CPython reports now, anything else needs more input.
fn error_before_closers(source: &str, mut e: SyntaxError) -> Option<SyntaxError> {
    let last_line = source.lines().count() as u32;
    let mut closers = String::new();
    // CPython's tokenizer allows 200 nested brackets (MAXLEVEL).
    for _ in 0..200 {
        closers.push(match e.msg.strip_suffix("' was never closed")? {
            "'(" => ')',
            "'[" => ']',
            "'{" => '}',
            _ => return None,
        });
        match refpy_syntax::parse_module(&format!("{source}{closers}\n"), FILENAME) {
            Ok(_) => return None,
            Err(next) if next.msg.ends_with("was never closed") => e = next,
            Err(next) => return (next.lineno <= last_line).then_some(next),
        }
    }
    None
}

/// Statements with a block, which a blank line ends at the prompt.
fn is_compound(stmt: &Stmt) -> bool {
    matches!(
        stmt.node,
        StmtKind::FunctionDef(_)
            | StmtKind::ClassDef(_)
            | StmtKind::For { .. }
            | StmtKind::While { .. }
            | StmtKind::If { .. }
            | StmtKind::With { .. }
            | StmtKind::Try { .. }
    )
}

/// Characters in the first token of `text`: a name or number, a one-line string
/// literal, or else one character.
fn first_token_width(text: &str) -> usize {
    let mut chars = text.chars();
    match chars.next() {
        None => 1,
        Some(q @ ('"' | '\'')) => chars.position(|c| c == q).map_or(1, |n| n + 2),
        Some(c) if c.is_alphanumeric() || c == '_' => {
            1 + chars.take_while(|c| c.is_alphanumeric() || *c == '_').count()
        }
        Some(_) => 1,
    }
}

/// CPython's text for a syntax error at the prompt: like a script's, except that an
/// error on a blank line still shows the (empty) line and its caret.
fn format_syntax_error(e: &SyntaxError) -> String {
    match &e.text {
        Some(t) if t.trim().is_empty() => {
            format!(
                "  File \"{}\", line {}\n    \n    ^\n{}: {}\n",
                e.filename,
                e.lineno,
                e.kind.name(),
                e.msg
            )
        }
        _ => refpy_vm::traceback::format_syntax_error(e),
    }
}

/// The REPL's state between inputs.
struct Session {
    vm: Rc<RefCell<Vm>>,
    globals: ObjRef,
    chunk: Chunk,
}

impl Session {
    /// Reads, decides, runs, until end of input or `SystemExit`.
    fn main_loop(&mut self, input: &mut dyn LineSource) -> u8 {
        loop {
            let prompt = if self.chunk.is_empty() { PS1 } else { PS2 };
            self.vm.borrow_mut().out.flush();
            match input.read(prompt) {
                Line::Eof => {
                    eprintln!();
                    if self.chunk.is_empty() {
                        return 0;
                    }
                    // As CPython's tokenizer at end of input: the open block ends here.
                    let source = std::mem::take(&mut self.chunk).source();
                    if let Some(status) = self.execute(&source) {
                        return status;
                    }
                }
                Line::Interrupted => {
                    self.chunk = Chunk::default();
                    eprintln!("KeyboardInterrupt");
                }
                Line::Text { text, terminated } => {
                    input.remember(&text);
                    self.chunk.lines.push(text);
                    if !terminated {
                        // The tokenizer wants the rest of this line: the next read
                        // shows "... " and meets end of input, as in CPython.
                        continue;
                    }
                    if let Some(status) = self.step() {
                        return status;
                    }
                }
            }
        }
    }

    /// Acts on the verdict for the chunk; `Some(status)` ends the session.
    fn step(&mut self) -> Option<u8> {
        match self.chunk.verdict() {
            Verdict::NeedMore => None,
            Verdict::Blank => {
                self.chunk = Chunk::default();
                None
            }
            Verdict::Error(e) => {
                self.chunk = Chunk::default();
                self.vm.borrow_mut().out.flush();
                eprint!("{}", format_syntax_error(&e));
                None
            }
            Verdict::Run => {
                let source = std::mem::take(&mut self.chunk).source();
                self.execute(&source)
            }
        }
    }

    /// Compiles and runs one input; `Some(status)` when it raised `SystemExit`.
    fn execute(&mut self, source: &str) -> Option<u8> {
        let mut vm = self.vm.borrow_mut();
        // A Ctrl-C pressed while no code ran must not interrupt this input.
        vm.interrupt.store(false, Ordering::SeqCst);
        let globals = &self.globals;
        let result = catch_unwind(AssertUnwindSafe(|| {
            match vm.run_source(source, FILENAME, Mode::Interactive, globals) {
                Ok(_) => None,
                Err(RunError::Syntax(e)) => {
                    vm.out.flush();
                    eprint!("{}", format_syntax_error(&e));
                    None
                }
                Err(RunError::Exception(err)) => {
                    let exiting = vm.exc_matches(&err.exc, ExcType::SystemExit);
                    let status = vm.handle_uncaught(&err);
                    exiting.then_some(status)
                }
            }
        }));
        vm.out.flush();
        // On a panic the hook has already printed the one-line SystemError.
        result.unwrap_or_else(|_| {
            vm.reset_after_panic();
            None
        })
    }
}

/// Completion, the coloured prompt and nothing else, for rustyline.
struct ReplHelper {
    vm: Rc<RefCell<Vm>>,
    globals: ObjRef,
    colour: bool,
}

impl Helper for ReplHelper {}
impl Hinter for ReplHelper {
    type Hint = String;
}
impl Validator for ReplHelper {}

impl Highlighter for ReplHelper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> std::borrow::Cow<'b, str> {
        if self.colour {
            format!("{PROMPT_COLOUR}{prompt}{RESET}").into()
        } else {
            prompt.into()
        }
    }
}

impl Completer for ReplHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let before = &line[..pos];
        if before.trim().is_empty() {
            // Tab in the indentation indents, as in CPython's REPL.
            return Ok((pos, vec!["    ".to_string()]));
        }
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '.')
            .last()
            .map_or(pos, |(i, _)| i);
        let word = &before[start..];
        let found = catch_unwind(AssertUnwindSafe(|| match word.rfind('.') {
            None => (start, self.complete_name(word)),
            Some(dot) => (start + dot + 1, self.complete_attribute(&word[..dot], &word[dot + 1..])),
        }));
        Ok(found.unwrap_or((pos, Vec::new())))
    }
}

/// Python's keywords, completed like names.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// Attribute names tried on objects that are not modules (refpy's built-in types have
/// no `__dir__` yet): the public methods of CPython's built-in types, kept when
/// `getattr` finds them.
const ATTRIBUTE_PROBES: &[&str] = &[
    "append",
    "as_integer_ratio",
    "bit_count",
    "bit_length",
    "capitalize",
    "casefold",
    "center",
    "clear",
    "conjugate",
    "copy",
    "count",
    "denominator",
    "encode",
    "endswith",
    "expandtabs",
    "extend",
    "find",
    "format",
    "fromkeys",
    "get",
    "hex",
    "imag",
    "index",
    "insert",
    "is_integer",
    "isalnum",
    "isalpha",
    "isascii",
    "isdecimal",
    "isdigit",
    "isidentifier",
    "islower",
    "isnumeric",
    "isspace",
    "istitle",
    "isupper",
    "items",
    "join",
    "keys",
    "ljust",
    "lower",
    "lstrip",
    "numerator",
    "partition",
    "pop",
    "popitem",
    "real",
    "remove",
    "removeprefix",
    "removesuffix",
    "replace",
    "reverse",
    "rfind",
    "rindex",
    "rjust",
    "rpartition",
    "rsplit",
    "rstrip",
    "setdefault",
    "sort",
    "split",
    "splitlines",
    "start",
    "startswith",
    "step",
    "stop",
    "strip",
    "swapcase",
    "title",
    "to_bytes",
    "translate",
    "update",
    "upper",
    "values",
    "zfill",
    "__class__",
    "__name__",
    "__qualname__",
    "args",
];

impl ReplHelper {
    /// Keywords, globals and builtins starting with `prefix`, as `rlcompleter`
    /// shows them (a `(` after callables, a space or `:` after keywords).
    fn complete_name(&self, prefix: &str) -> Vec<String> {
        let mut found: Vec<String> = KEYWORDS
            .iter()
            .filter(|k| k.starts_with(prefix))
            .map(|k| match *k {
                "finally" | "try" => format!("{k}:"),
                "False" | "None" | "True" | "break" | "continue" | "pass" | "else" => k.to_string(),
                _ => format!("{k} "),
            })
            .collect();
        let vm = self.vm.borrow();
        let builtins = vm.builtins.clone();
        for namespace in [&self.globals, &builtins] {
            if let Some(d) = as_dict(namespace) {
                for (k, v) in d.table.borrow().items() {
                    if let Some(name) = as_str(k).filter(|n| n.starts_with(prefix)) {
                        found.push(with_paren(&vm, name, v));
                    }
                }
            }
        }
        found.sort();
        found.dedup();
        found
    }

    /// Attributes of the object named by the dotted name `base` that start with
    /// `prefix`; names starting with `_` only when `prefix` does. Only names are
    /// looked up: nothing typed before the dot is evaluated.
    fn complete_attribute(&self, base: &str, prefix: &str) -> Vec<String> {
        let Some(obj) = self.resolve(base) else { return Vec::new() };
        let mut vm = self.vm.borrow_mut();
        let mut found = Vec::new();
        let mut offer = |vm: &Vm, name: &str, value: &ObjRef| {
            if name.starts_with(prefix) && (prefix.starts_with('_') || !name.starts_with('_')) {
                found.push(with_paren(vm, name, value));
            }
        };
        if let Some(m) = as_module(&obj) {
            if let Some(d) = as_dict(&m.dict) {
                for (k, v) in d.table.borrow().items() {
                    if let Some(name) = as_str(k) {
                        offer(&vm, name, v);
                    }
                }
            }
        } else {
            for name in ATTRIBUTE_PROBES {
                if let Some(value) = get_attr(&mut vm, &obj, name) {
                    offer(&vm, name, &value);
                }
            }
        }
        found.sort();
        found.dedup();
        found
    }

    /// The object a dotted name refers to, from the globals, then the builtins.
    fn resolve(&self, dotted: &str) -> Option<ObjRef> {
        let mut parts = dotted.split('.');
        let first = parts.next()?;
        let mut vm = self.vm.borrow_mut();
        let builtins = vm.builtins.clone();
        let mut obj = [&self.globals, &builtins].into_iter().find_map(|ns| {
            let d = as_dict(ns)?;
            d.table.borrow().items().find(|(k, _)| as_str(k) == Some(first)).map(|(_, v)| v.clone())
        })?;
        for part in parts {
            obj = get_attr(&mut vm, &obj, part)?;
        }
        Some(obj)
    }
}

/// `getattr(obj, name)`, or `None` when it raises.
fn get_attr(vm: &mut Vm, obj: &ObjRef, name: &str) -> Option<ObjRef> {
    let name = vm.new_str(name).ok()?;
    vm.get_attr(obj, &name).ok()
}

/// `name(` for callables, as `rlcompleter` offers them.
fn with_paren(vm: &Vm, name: &str, value: &ObjRef) -> String {
    match vm.kind(value) {
        Kind::Function | Kind::BuiltinFunction | Kind::Type => format!("{name}("),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(lines: &[&str]) -> Verdict {
        Chunk { lines: lines.iter().map(|l| l.to_string()).collect() }.verdict()
    }

    fn error(lines: &[&str]) -> SyntaxError {
        match verdict(lines) {
            Verdict::Error(e) => e,
            v => panic!("{lines:?} gave {v:?}"),
        }
    }

    #[test]
    fn simple_statements_run_at_once() {
        assert_eq!(verdict(&["x = 1"]), Verdict::Run);
        assert_eq!(verdict(&["print(1); print(2)"]), Verdict::Run);
        assert_eq!(verdict(&["x = (1,", "2)"]), Verdict::Run);
        assert_eq!(verdict(&["1 + \\", "2"]), Verdict::Run);
    }

    #[test]
    fn blanks_and_comments_are_skipped() {
        assert_eq!(verdict(&[""]), Verdict::Blank);
        assert_eq!(verdict(&["   "]), Verdict::Blank);
        assert_eq!(verdict(&["# note"]), Verdict::Blank);
    }

    #[test]
    fn compound_statements_end_at_a_blank_line() {
        assert_eq!(verdict(&["if x:"]), Verdict::NeedMore);
        assert_eq!(verdict(&["if x:", "    pass"]), Verdict::NeedMore);
        assert_eq!(verdict(&["if x: pass"]), Verdict::NeedMore);
        assert_eq!(verdict(&["if x:", "    pass", "else:"]), Verdict::NeedMore);
        assert_eq!(verdict(&["if x:", "    pass", ""]), Verdict::Run);
        assert_eq!(verdict(&["def f():", "    return [", "1]", ""]), Verdict::Run);
    }

    #[test]
    fn blank_lines_inside_brackets_and_strings_continue() {
        assert_eq!(verdict(&["x = [1,", ""]), Verdict::NeedMore);
        assert_eq!(verdict(&["x = '''a", ""]), Verdict::NeedMore);
        assert_eq!(verdict(&["x = {1:", "  [2,"]), Verdict::NeedMore);
        let e = error(&["(1, 2", "kept"]);
        assert_eq!(
            (e.lineno, e.offset, e.msg.as_str()),
            (1, 5, "invalid syntax. Perhaps you forgot a comma?")
        );
    }

    #[test]
    fn errors_point_where_cpython_points() {
        let e = error(&["if x:", "    pass", "foo(1)"]);
        assert_eq!((e.lineno, e.offset, e.end_offset, e.msg.as_str()), (3, 1, 4, "invalid syntax"));
        let e = error(&["if x:", ""]);
        assert_eq!((e.kind, e.lineno), (SyntaxErrorKind::IndentationError, 2));
        assert_eq!(format_syntax_error(&e).lines().nth(2), Some("    ^"));
        let e = error(&["1 +"]);
        assert_eq!(e.lineno, 1);
    }

    #[test]
    fn first_tokens() {
        assert_eq!(first_token_width("foo(1)"), 3);
        assert_eq!(first_token_width("'ab' + x"), 4);
        assert_eq!(first_token_width("(1)"), 1);
    }
}
