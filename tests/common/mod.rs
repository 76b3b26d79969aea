//! Shared by the golden and REPL harnesses: running refpy with a time limit,
//! diffs of expected against actual output, and a readable failure type.

use std::fmt;
use std::io::Read;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// How long one case may run before it is killed.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// What one run of refpy produced.
pub struct Run {
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub status: Option<i32>,
}

/// Runs `cmd` (stdin already set by the caller) to the end, killing it after
/// [`TIMEOUT`]. The pipes are drained on threads so a chatty case cannot
/// block on a full pipe while we wait for it.
pub fn run_to_end(mut cmd: Command) -> Result<Run, String> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start refpy: {e}"))?;
    let drain = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout is piped")));
    let err = drain(Box::new(child.stderr.take().expect("stderr is piped")));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("timed out: killed after {} s", TIMEOUT.as_secs()));
        }
        thread::sleep(Duration::from_millis(10));
    };
    let stdout = out.join().expect("stdout reader");
    let stderr = String::from_utf8_lossy(&err.join().expect("stderr reader")).into_owned();
    Ok(Run { stdout, stderr, status: status.code() })
}

/// A failure report. datatest-stable prints errors with `{:?}`, which would
/// quote a plain `String` and escape its newlines; this prints the text as is.
pub struct Failure(pub String);

impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}

/// A unified diff of `what`, expected (`-`) against refpy's (`+`).
pub fn diff(what: &str, expected: &str, actual: &str) -> String {
    let diff = similar::TextDiff::from_lines(expected, actual);
    let body = diff.unified_diff().header("expected", "refpy").to_string();
    format!("{what} differs:\n{body}")
}
