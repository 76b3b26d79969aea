//! Shared by the harnesses that run `tests/trace/*.py`-style programs
//! (trace, pytutor, browser): the directives in a program's leading
//! comments, the refpy command they run, and waiting for the output file of
//! a program that never ends.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::TIMEOUT;

/// The `# key: value` (or bare `# key`, value "") lines at the top of a
/// program, in order.
pub fn directives(source: &str) -> Vec<(String, String)> {
    source
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|line| {
            let body = line.trim_start_matches('#').trim();
            let (key, value) = body.split_once(':').map_or((body, ""), |(k, v)| (k.trim(), v.trim()));
            (key.to_string(), value.to_string())
        })
        .collect()
}

/// refpy, run in `dir` with a fixed string hash seed and no input.
pub fn refpy(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_refpy"));
    cmd.current_dir(dir).env("PYTHONHASHSEED", "0").stdin(Stdio::null());
    cmd
}

/// Runs a program that never ends until `complete` says the file `out` it
/// writes is finished (at the step limit), then kills it. `Err` names `what`.
pub fn run_until_written(
    mut cmd: Command,
    out: &Path,
    what: &str,
    complete: impl Fn(&str) -> bool,
) -> Result<(), String> {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start refpy: {e}"))?;
    let start = Instant::now();
    let done = loop {
        let done = fs::read_to_string(out).is_ok_and(|text| complete(&text));
        if done || start.elapsed() > TIMEOUT {
            break done;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = child.kill();
    let _ = child.wait();
    if done {
        Ok(())
    } else {
        Err(format!("the {what} of the endless program was never completed"))
    }
}
