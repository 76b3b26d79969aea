//! Golden tests: each `tests/golden/**/NAME.py` runs under refpy and is checked against the
//! files beside it. Those come from CPython 3.11 through `scripts/regen-golden`, except in
//! `documented/`, where they are hand-written because refpy deliberately differs.
//!
//! - `NAME.out`: stdout, compared byte for byte (required).
//! - `NAME.err`: the last non-empty stderr line, the case's absolute directory written
//!   `<dir>`; without it stderr must be empty.
//! - `NAME.status`: the exit status; 0 when absent.
//! - `NAME.stderr`: the full stderr, with the case's absolute directory written `<dir>`.
//!
//! One test per file (datatest-stable), so a failure names its case. Cases run from their own
//! directory with the bare file name, as regen-golden runs CPython, so tracebacks match.
//!
//! A file named `mod_*.py` is not a case but a module that the cases beside it import
//! (`import mod_shapes` finds it in the script's directory); neither this harness nor
//! regen-golden runs it on its own.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{diff, run_to_end, Failure, Run};

/// Text that only a Rust panic or a native stack overflow prints; user code must never cause it.
const PANIC_MARKERS: [&str; 3] = ["panicked at", "RUST_BACKTRACE", "has overflowed its stack"];

/// Runs refpy on `name` inside `dir`, as regen-golden runs CPython.
fn run_refpy(dir: &Path, name: &str) -> Result<Run, String> {
    // REFPY_GOLDEN_BIN=python3 checks the suite itself against CPython (only documented/
    // should fail); by default it is the refpy built with this test.
    let bin = std::env::var_os("REFPY_GOLDEN_BIN");
    let bin = bin.as_deref().unwrap_or(env!("CARGO_BIN_EXE_refpy").as_ref());
    let mut cmd = Command::new(bin);
    cmd.arg(name).current_dir(dir).env("PYTHONHASHSEED", "0").stdin(Stdio::null());
    run_to_end(cmd)
}

fn golden(py: &Path) -> datatest_stable::Result<()> {
    let dir = py.parent().unwrap().canonicalize()?;
    let stem = py.file_stem().unwrap().to_str().unwrap();
    let expect = |ext: &str| fs::read(dir.join(format!("{stem}{ext}"))).ok();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let Some(want_out) = expect(".out") else {
        let msg = format!("{stem}.out is missing: run scripts/regen-golden (in documented/, write it)");
        return Err(Box::new(Failure(msg)));
    };
    let run = run_refpy(&dir, py.file_name().unwrap().to_str().unwrap()).map_err(Failure)?;

    let mut problems = Vec::new();
    if run.stdout != want_out {
        problems.push(diff("stdout", &text(&want_out), &text(&run.stdout)));
    }
    if PANIC_MARKERS.iter().any(|m| run.stderr.contains(m)) {
        problems.push(format!("refpy panicked; stderr:\n{}", run.stderr));
    }
    // refpy prints absolute paths in tracebacks and import errors, as CPython does.
    let stderr = run.stderr.replace(dir.to_str().unwrap(), "<dir>");
    let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
    match expect(".err") {
        Some(err) if last != text(&err).trim_end() => problems.push(format!(
            "last stderr line differs:\n  expected: {}\n  refpy:    {last}",
            text(&err).trim_end()
        )),
        None if !run.stderr.is_empty() => {
            problems.push(format!("expected empty stderr, refpy wrote:\n{}", run.stderr))
        }
        _ => {}
    }
    let want_status = match expect(".status") {
        Some(s) => text(&s).trim().parse().map_err(|e| Failure(format!("{stem}.status: {e}")))?,
        None => 0,
    };
    if run.status != Some(want_status) {
        let got = run.status.map_or("killed by a signal".to_string(), |c| c.to_string());
        problems.push(format!("exit status: expected {want_status}, refpy {got}"));
    }
    if let Some(full) = expect(".stderr") {
        if stderr != text(&full) {
            problems.push(diff("stderr", &text(&full), &stderr));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Box::new(Failure(problems.join("\n"))))
    }
}

datatest_stable::harness! {
    { test = golden, root = "tests/golden", pattern = r"^(?!(.*/)?mod_[^/]*$).*\.py$" },
}
