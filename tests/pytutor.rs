//! `refpy --trace OUT.json --trace-format pytutor` against Python Tutor's own
//! logger: each `tests/trace/NAME.py` that has a `NAME.pytutor.json` (made by
//! scripts/regen-trace from `pg_logger.py` on CPython 3.11, never by hand) is
//! traced by refpy, and the two traces must be equal step for step after two
//! normalizations applied to both:
//!
//! - heap ids are renumbered, in each step, by order of first appearance
//!   (globals in `ordered_globals` order, then each frame's variables in
//!   `ordered_varnames` order, depth first through the heap). Heap ids are
//!   `id()`-based small numbers; `frame_id`s and the parent frame ids of
//!   `FUNCTION`s are frame numbers and are compared as they are;
//! - in `stdout`, the count of a line `rc NAME COUNT` (a program printing
//!   `sys.getrefcount(NAME) - 1`, see tests/trace.rs) is replaced by `#`:
//!   the logger holds references to every primitive it encoded and to every
//!   frame it showed, so counts under it measure the logger, not the program.
//!
//! Directives in a program's leading comments: `trace-max-steps: N` (also
//! given to scripts/regen-trace), `expect-killed` (the program never ends:
//! it is killed once the trace is complete).

mod common;
#[path = "common/programs.rs"]
mod programs;

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use common::{run_to_end, Failure, Run};
use programs::{directives, refpy, run_until_written};
use serde_json::{Map, Value};

fn pytutor_case(py: &Path) -> datatest_stable::Result<()> {
    let expected_path = py.with_extension("pytutor.json");
    if !expected_path.exists() {
        return Err(Box::new(Failure(format!(
            "{} is missing: run scripts/regen-trace {}",
            expected_path.display(),
            py.display()
        ))));
    }
    let dir = py.parent().unwrap().canonicalize()?;
    let name = py.file_name().unwrap().to_str().unwrap();
    let source = fs::read_to_string(py)?;
    let d = directives(&source);
    let directive = |key: &str| d.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let out = std::env::temp_dir().join(format!("refpy-pytutor-{}-{}.json", std::process::id(), name));
    let mut cmd = refpy(&dir);
    cmd.arg("--trace").arg(&out).arg("--trace-format").arg("pytutor");
    if let Some(n) = directive("trace-max-steps") {
        cmd.arg("--trace-max-steps").arg(n);
    }
    cmd.arg(name);
    let run = if directive("expect-killed").is_some() {
        run_until_written(cmd, &out, "trace", |t| serde_json::from_str::<Value>(t).is_ok())
            .map_err(Failure)?;
        None
    } else {
        Some(run_to_end(cmd).map_err(Failure)?)
    };
    let actual = fs::read_to_string(&out);
    let _ = fs::remove_file(&out);
    let stderr = run.as_ref().map_or("", |r| r.stderr.as_str());
    let actual: Value = serde_json::from_str(&actual?)
        .map_err(|e| Failure(format!("trace is not JSON: {e}\nstderr:\n{stderr}")))?;
    if let Some(run) = &run {
        check_output(run, &actual)?;
    }
    let expected: Value = serde_json::from_str(&fs::read_to_string(&expected_path)?)?;
    compare(&expected, &actual).map_err(|e| Box::new(Failure(e)) as _)
}

/// The program ran to its end, and the output in the trace is what it printed.
fn check_output(run: &Run, trace: &Value) -> Result<(), Failure> {
    if run.status.is_none() {
        return Err(Failure(format!("refpy was killed by a signal\nstderr:\n{}", run.stderr)));
    }
    let printed = String::from_utf8_lossy(&run.stdout);
    let steps = trace["trace"].as_array().cloned().unwrap_or_default();
    let traced = steps.iter().rev().find_map(|s| s["stdout"].as_str()).unwrap_or_default();
    if printed.starts_with(traced) {
        Ok(())
    } else {
        Err(Failure(common::diff("stdout (trace against run)", &printed, traced)))
    }
}

/// Equal documents after normalization, or a diff of the first step that differs.
fn compare(expected: &Value, actual: &Value) -> Result<(), String> {
    if expected["code"] != actual["code"] {
        return Err(common::diff("code", &text(&expected["code"]), &text(&actual["code"])));
    }
    let steps = |doc: &Value| -> Vec<Value> {
        doc["trace"].as_array().cloned().unwrap_or_default().into_iter().map(normalize).collect()
    };
    let (want, got) = (steps(expected), steps(actual));
    for (i, (w, g)) in want.iter().zip(&got).enumerate() {
        if w != g {
            let (w, g) = (serde_json::to_string_pretty(w).unwrap(), serde_json::to_string_pretty(g).unwrap());
            return Err(common::diff(&format!("step {i} (normalized)"), &(w + "\n"), &(g + "\n")));
        }
    }
    if want.len() != got.len() {
        let events = |s: &[Value]| s.iter().map(|s| s["event"].to_string()).collect::<Vec<_>>().join(" ");
        return Err(format!(
            "{} steps expected, refpy wrote {}\nexpected events: {}\nrefpy events:    {}",
            want.len(),
            got.len(),
            events(&want),
            events(&got)
        ));
    }
    Ok(())
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// A step with its heap ids renumbered and its printed counts hidden.
fn normalize(mut step: Value) -> Value {
    if let Some(stdout) = step.get("stdout").and_then(Value::as_str) {
        let hidden = stdout.split_inclusive('\n').map(hide_count).collect::<String>();
        step["stdout"] = Value::String(hidden);
    }
    let Some(Value::Object(heap)) = step.get_mut("heap").map(Value::take) else { return step };
    let mut numbers = HashMap::new();
    let mut roots = Vec::new();
    for name in names(&step["ordered_globals"]) {
        roots.push(step["globals"][&name].clone());
    }
    for frame in step["stack_to_render"].as_array().cloned().unwrap_or_default() {
        for name in names(&frame["ordered_varnames"]) {
            roots.push(frame["encoded_locals"][&name].clone());
        }
    }
    for root in &roots {
        number(root, &heap, &mut numbers);
    }
    let mut rest: Vec<u64> = heap.keys().filter_map(|k| k.parse().ok()).collect();
    rest.sort_unstable();
    for k in rest {
        number(&Value::from(vec![Value::from("REF"), Value::from(k)]), &heap, &mut numbers);
    }
    let mut renumbered = Map::new();
    for (k, v) in &heap {
        let n = k.parse::<u64>().ok().and_then(|k| numbers.get(&k)).copied().unwrap_or(0);
        renumbered.insert(n.to_string(), renumber(v, &numbers));
    }
    step["heap"] = Value::Object(renumbered);
    for key in ["globals", "stack_to_render"] {
        step[key] = renumber(&step[key], &numbers);
    }
    step
}

fn names(v: &Value) -> Vec<String> {
    v.as_array().into_iter().flatten().filter_map(|n| n.as_str().map(str::to_string)).collect()
}

/// `rc NAME COUNT` becomes `rc NAME #`.
fn hide_count(line: &str) -> String {
    let words: Vec<&str> = line.trim_end().split(' ').collect();
    match words.as_slice() {
        ["rc", name, count] if count.parse::<i64>().is_ok() => format!("rc {name} #\n"),
        _ => line.to_string(),
    }
}

fn as_ref_id(v: &Value) -> Option<u64> {
    match v.as_array().map(Vec::as_slice) {
        Some([tag, id]) if tag == "REF" => id.as_u64(),
        _ => None,
    }
}

/// Numbers the heap objects reachable from `v` in order of first appearance.
fn number(v: &Value, heap: &Map<String, Value>, numbers: &mut HashMap<u64, u64>) {
    if let Some(id) = as_ref_id(v) {
        if !numbers.contains_key(&id) {
            numbers.insert(id, numbers.len() as u64 + 1);
            if let Some(obj) = heap.get(&id.to_string()) {
                number(obj, heap, numbers);
            }
        }
    } else if let Some(items) = v.as_array() {
        for item in items {
            number(item, heap, numbers);
        }
    } else if let Some(obj) = v.as_object() {
        for item in obj.values() {
            number(item, heap, numbers);
        }
    }
}

fn renumber(v: &Value, numbers: &HashMap<u64, u64>) -> Value {
    if let Some(id) = as_ref_id(v) {
        return Value::from(vec![Value::from("REF"), Value::from(numbers.get(&id).copied().unwrap_or(0))]);
    }
    match v {
        Value::Array(items) => Value::Array(items.iter().map(|i| renumber(i, numbers)).collect()),
        Value::Object(m) => Value::Object(m.iter().map(|(k, i)| (k.clone(), renumber(i, numbers))).collect()),
        other => other.clone(),
    }
}

datatest_stable::harness! {
    { test = pytutor_case, root = "tests/trace", pattern = r"\.py$" },
}
