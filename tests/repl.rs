//! REPL tests, one per file under `tests/repl/`.
//!
//! - `NAME.in`: typed into `refpy -i -q` through a pipe (or with the arguments listed
//!   one per line in `NAME.args`), from the case's directory. Its stdout must equal
//!   `NAME.out`, its stderr (prompts, tracebacks; the case's directory written `<dir>`,
//!   refpy's version written `<version>`) `NAME.stderr`, and its exit status `NAME.status`
//!   (0 when absent). These come from `python3 -i` through `scripts/regen-repl`, except in
//!   `documented/`, where they are hand-written because refpy differs on purpose.
//! - `NAME.pty`: a script run against `refpy -q` on a pseudo-terminal (rustyline's side of
//!   the REPL: editing keys, Ctrl-C, Ctrl-D, history). One directive per line:
//!   `send TEXT` types TEXT; `expect TEXT` waits until TEXT appears in the output;
//!   `absent TEXT` checks that nothing read so far contained TEXT; `exit N` waits for the
//!   exit status N; `history TEXT` checks the saved history file contains TEXT;
//!   `args A B …` replaces `-q`; `env NAME=VALUE` sets a variable; `ansi keep` keeps
//!   colour codes in the output (they are stripped otherwise). TEXT understands `\r`,
//!   `\n`, `\t`, `\e` (escape), `\xNN` and `\\`. Lines starting with `#` are comments.
//!
//! Nothing here measures time: every wait has a generous timeout and only fails a hang.

mod common;

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{diff, run_to_end, Failure, Run, TIMEOUT};

/// Text that only a Rust panic or a native stack overflow prints.
const PANIC_MARKERS: [&str; 3] = ["panicked at", "RUST_BACKTRACE", "has overflowed its stack"];

fn fail<T>(msg: impl Into<String>) -> datatest_stable::Result<T> {
    Err(Box::new(Failure(msg.into())))
}

fn refpy() -> &'static str {
    env!("CARGO_BIN_EXE_refpy")
}

/// A private, empty home directory for one case, so no test reads or writes the
/// user's `~/.refpy_history`.
fn fresh_home(case: &Path) -> std::io::Result<PathBuf> {
    let name: String =
        case.to_string_lossy().chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect();
    let home = std::env::temp_dir().join(format!("refpy-repl-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&home);
    fs::create_dir_all(&home)?;
    Ok(home)
}

/// Runs refpy with `args` in `dir`, `input` piped to stdin, HOME set to `home`.
fn run_piped(dir: &Path, args: &[String], input: &Path, home: &Path) -> Result<Run, String> {
    let stdin = fs::File::open(input).map_err(|e| format!("cannot open {}: {e}", input.display()))?;
    let mut cmd = Command::new(refpy());
    cmd.args(args).current_dir(dir).env("PYTHONHASHSEED", "0").env("HOME", home).stdin(stdin);
    run_to_end(cmd)
}

/// One piped transcript case.
fn piped(input: &Path) -> datatest_stable::Result<()> {
    let dir = input.parent().unwrap().canonicalize()?;
    let stem = input.file_stem().unwrap().to_str().unwrap();
    let expect = |ext: &str| fs::read(dir.join(format!("{stem}{ext}"))).ok();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let (Some(want_out), Some(want_err)) = (expect(".out"), expect(".stderr")) else {
        return fail(format!("{stem}.out or {stem}.stderr is missing: run scripts/regen-repl"));
    };
    let args = match expect(".args") {
        Some(a) => text(&a).lines().map(str::to_string).collect(),
        None => vec!["-i".to_string(), "-q".to_string()],
    };
    let home = fresh_home(input)?;
    let run = run_piped(&dir, &args, &dir.join(format!("{stem}.in")), &home).map_err(Failure)?;
    let _ = fs::remove_dir_all(&home);

    let mut problems = Vec::new();
    if run.stdout != want_out {
        problems.push(diff("stdout", &text(&want_out), &text(&run.stdout)));
    }
    if PANIC_MARKERS.iter().any(|m| run.stderr.contains(m)) {
        problems.push(format!("refpy panicked; stderr:\n{}", run.stderr));
    }
    let version = format!("refpy {} ", env!("CARGO_PKG_VERSION"));
    let got_err = run.stderr.replace(dir.to_str().unwrap(), "<dir>").replace(&version, "refpy <version> ");
    if got_err != text(&want_err) {
        problems.push(diff("stderr", &text(&want_err), &got_err));
    }
    let want_status = match expect(".status") {
        Some(s) => text(&s).trim().parse().map_err(|e| Failure(format!("{stem}.status: {e}")))?,
        None => 0,
    };
    if run.status != Some(want_status) {
        let got = run.status.map_or("killed by a signal".to_string(), |c| c.to_string());
        problems.push(format!("exit status: expected {want_status}, refpy {got}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        fail(problems.join("\n"))
    }
}

/// Decodes the escapes of a `.pty` TEXT.
fn unescape(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('r') => out.push('\r'),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('e') => out.push('\x1b'),
            Some('\\') => out.push('\\'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                let n = u8::from_str_radix(&hex, 16).map_err(|_| format!("bad \\x escape in {s:?}"))?;
                out.push(char::from(n));
            }
            other => return Err(format!("unknown escape \\{} in {s:?}", other.unwrap_or(' '))),
        }
    }
    Ok(out)
}

/// A parsed `.pty` directive.
enum Step {
    Send(String),
    Expect(String),
    Absent(String),
    Exit(i32),
    History(String),
}

/// How to start the session, and what to do in it.
struct Script {
    args: Vec<String>,
    env: Vec<(String, String)>,
    keep_ansi: bool,
    steps: Vec<(usize, Step)>,
}

fn parse_script(source: &str) -> Result<Script, String> {
    let mut script = Script { args: vec!["-q".into()], env: Vec::new(), keep_ansi: false, steps: Vec::new() };
    for (n, line) in source.lines().enumerate().map(|(i, l)| (i + 1, l)) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        let step = match word {
            "send" => Step::Send(unescape(rest)?),
            "expect" => Step::Expect(unescape(rest)?),
            "absent" => Step::Absent(unescape(rest)?),
            "history" => Step::History(unescape(rest)?),
            "exit" => Step::Exit(rest.trim().parse().map_err(|_| format!("line {n}: bad status"))?),
            "args" => {
                script.args = rest.split_whitespace().map(str::to_string).collect();
                continue;
            }
            "env" => {
                let (k, v) = rest.split_once('=').ok_or(format!("line {n}: env NAME=VALUE"))?;
                script.env.push((k.to_string(), v.to_string()));
                continue;
            }
            "ansi" if rest == "keep" => {
                script.keep_ansi = true;
                continue;
            }
            _ => return Err(format!("line {n}: unknown directive {word:?}")),
        };
        script.steps.push((n, step));
    }
    Ok(script)
}

/// One terminal case.
fn pty(path: &Path) -> datatest_stable::Result<()> {
    let script = parse_script(&fs::read_to_string(path)?).map_err(Failure)?;
    let home = fresh_home(path)?;
    let result = run_script(&script, &home);
    let _ = fs::remove_dir_all(&home);
    result.map_err(|e| Box::new(Failure(e)) as _)
}

fn run_script(script: &Script, home: &Path) -> Result<(), String> {
    use rexpect::process::WaitStatus;
    let mut cmd = Command::new(refpy());
    cmd.args(&script.args).env("HOME", home).env("TERM", "xterm").env("PYTHONHASHSEED", "0");
    cmd.env_remove("NO_COLOR");
    for (k, v) in &script.env {
        cmd.env(k, v);
    }
    let options = rexpect::reader::Options::new()
        .timeout_ms(Some(TIMEOUT.as_millis() as u64))
        .strip_ansi_escape_codes(!script.keep_ansi);
    let mut session = rexpect::spawn_with_options(cmd, options).map_err(|e| format!("cannot start: {e}"))?;
    let mut seen = String::new();
    for (n, step) in &script.steps {
        match step {
            Step::Send(text) => {
                session.send(text).map_err(|e| at(*n, &e, &seen))?;
                session.flush().map_err(|e| at(*n, &e, &seen))?;
            }
            Step::Expect(text) => {
                let before = session.exp_string(text).map_err(|e| at(*n, &e, &seen))?;
                seen.push_str(&before);
                seen.push_str(text);
            }
            Step::Absent(text) if seen.contains(text.as_str()) => {
                return Err(at(*n, &format!("{text:?} appeared"), &seen));
            }
            Step::Absent(_) => {}
            Step::Exit(want) => {
                let rest = session.exp_eof().map_err(|e| at(*n, &e, &seen))?;
                seen.push_str(&rest);
                match session.process().wait().map_err(|e| at(*n, &e, &seen))? {
                    WaitStatus::Exited(_, code) if code == *want => {}
                    other => {
                        return Err(at(*n, &format!("expected exit status {want}, got {other:?}"), &seen))
                    }
                }
            }
            Step::History(text) => {
                let saved = fs::read_to_string(home.join(".refpy_history")).unwrap_or_default();
                if !saved.contains(text.as_str()) {
                    return Err(at(*n, &format!("history file lacks {text:?}:\n{saved}"), &seen));
                }
            }
        }
    }
    Ok(())
}

/// A `.pty` failure: the directive's line, what went wrong, and the output read so far.
fn at(line: usize, e: &dyn fmt::Display, seen: &str) -> String {
    format!("line {line}: {e}\noutput so far:\n{seen}")
}

datatest_stable::harness! {
    { test = piped, root = "tests/repl", pattern = r"\.in$" },
    { test = pty, root = "tests/repl", pattern = r"\.pty$" },
}
