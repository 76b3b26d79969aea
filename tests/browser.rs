//! `refpy --visualize` pages tested in headless Chromium (docs/VISUALIZE.md).
//!
//! Builds the page of every `tests/trace/*.py` program and of the programs
//! in `tests/browser/` (among them a program of about 500 steps), checks that
//! `--visualize` changes nothing the program prints or returns, and runs
//! `tests/browser/run.mjs` over the pages: it steps through each page with
//! the keyboard and deep links and checks the DOM against the trace in the
//! page. It prints the draw time per step (`-- --nocapture` shows it).
//!
//! Runs `scripts/setup` first when Chromium or the npm packages are missing.
//! Program directives read here: `# trace-max-steps: N` and `# expect-killed`
//! (the program never ends: it is killed once its page is complete).

mod common;
#[path = "common/programs.rs"]
mod programs;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{run_to_end, Failure, Run};
use programs::{directives, refpy, run_until_written};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Installs Chromium and the npm packages when one of them is missing.
fn ensure_setup() -> Result<(), Failure> {
    let ready = Path::new("/usr/bin/chromium").exists()
        && root().join("tests/browser/node_modules/playwright-core").exists();
    if ready {
        return Ok(());
    }
    let status = Command::new("bash").arg(root().join("scripts/setup")).status();
    match status {
        Ok(s) if s.success() => Ok(()),
        other => Err(Failure(format!("scripts/setup failed: {other:?}"))),
    }
}

/// The programs: tests/trace/*.py, then tests/browser/*.py.
fn programs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["tests/trace", "tests/browser"] {
        let mut found: Vec<PathBuf> = fs::read_dir(root().join(dir))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "py"))
            .collect();
        found.sort();
        out.extend(found);
    }
    out
}

/// Writes the page of `py` into `out`; `Err` describes what went wrong.
fn build_page(py: &Path, out: &Path) -> Result<(), String> {
    let dir = py.parent().ok_or("no directory")?;
    let name = py.file_name().ok_or("no file name")?;
    let source = fs::read_to_string(py).map_err(|e| e.to_string())?;
    let d = directives(&source);
    let directive = |key: &str| d.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let max_steps = directive("trace-max-steps");
    let killed = directive("expect-killed").is_some();
    let mut cmd = refpy(dir);
    cmd.arg("--visualize").arg(out);
    if let Some(n) = &max_steps {
        cmd.arg("--trace-max-steps").arg(n);
    }
    cmd.arg(name);
    if killed {
        return run_until_written(cmd, out, "page", |t| t.trim_end().ends_with("</html>"));
    }
    let plain = run_to_end({
        let mut c = refpy(dir);
        c.arg(name);
        c
    })?;
    let shown = run_to_end(cmd)?;
    same_run(&plain, &shown)
}

/// `--visualize` changes nothing the program prints or returns.
fn same_run(plain: &Run, shown: &Run) -> Result<(), String> {
    if plain.stdout != shown.stdout {
        let (a, b) = (String::from_utf8_lossy(&plain.stdout), String::from_utf8_lossy(&shown.stdout));
        return Err(common::diff("stdout (plain run vs --visualize)", &a, &b));
    }
    if plain.stderr != shown.stderr || plain.status != shown.status {
        return Err(format!(
            "the run changed under --visualize: status {:?} vs {:?}, stderr {:?} vs {:?}",
            plain.status, shown.status, plain.stderr, shown.stderr
        ));
    }
    Ok(())
}

#[test]
fn pages_step_correctly_in_headless_chromium() -> Result<(), Failure> {
    ensure_setup()?;
    let dir = std::env::temp_dir().join(format!("refpy-browser-{}", std::process::id()));
    fs::create_dir_all(&dir).map_err(|e| Failure(e.to_string()))?;
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    for py in programs() {
        let stem = py.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let page = dir.join(format!("{stem}.html"));
        match build_page(&py, &page) {
            Ok(()) => pages.push(page),
            Err(e) => problems.push(format!("{}: {e}", py.display())),
        }
    }
    let node = Command::new("node").arg(root().join("tests/browser/run.mjs")).args(&pages).output();
    let _ = fs::remove_dir_all(&dir);
    let node = node.map_err(|e| Failure(format!("cannot run node: {e}")))?;
    let report = String::from_utf8_lossy(&node.stdout);
    println!("{report}");
    if !node.status.success() {
        problems.push(format!("browser checks failed:\n{report}{}", String::from_utf8_lossy(&node.stderr)));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure(problems.join("\n")))
    }
}
