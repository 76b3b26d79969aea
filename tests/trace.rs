//! `refpy --trace` tests: each `tests/trace/NAME.py` runs twice, plainly and
//! with `--trace`, and the trace is checked against docs/trace.schema.json
//! and against invariants:
//!
//! - tracing changes nothing: stdout and exit status equal the plain run's;
//! - every id a frame, object or return value names is described in the
//!   step's heap, once;
//! - a freed id never appears again unless an allocation event reused it;
//! - each line `rc NAME COUNT` the program prints (`sys.getrefcount(NAME) - 1`)
//!   equals the refcount the first step showing that output gives the object
//!   bound to NAME in the innermost frame.
//!
//! Directives in a program's leading comments (`# key: value`):
//! `trace-max-steps: N`, `expect-last-event: EVENT`, `expect-exception: TYPE`,
//! `expect-steps: N`, `expect-collection` (a collection freed objects),
//! `expect-flag: NAME [!]FLAG` (checked at the last step with NAME bound),
//! `expect-killed` (the program never ends: it is killed once the trace is complete).

mod common;
#[path = "common/programs.rs"]
mod programs;
mod schema;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use common::{run_to_end, Failure, Run};
use programs::{refpy, run_until_written};
use serde_json::Value;

/// The directives of one program.
#[derive(Default)]
struct Directives {
    max_steps: Option<String>,
    last_event: Option<String>,
    exception: Option<String>,
    steps: Option<usize>,
    collection: bool,
    flags: Vec<(String, String)>,
    killed: bool,
}

fn directives(source: &str) -> Directives {
    let mut d = Directives::default();
    for (key, value) in programs::directives(source) {
        match key.as_str() {
            "trace-max-steps" => d.max_steps = Some(value),
            "expect-last-event" => d.last_event = Some(value),
            "expect-exception" => d.exception = Some(value),
            "expect-steps" => d.steps = value.parse().ok(),
            "expect-collection" => d.collection = true,
            "expect-killed" => d.killed = true,
            "expect-flag" => {
                if let Some((name, flag)) = value.split_once(' ') {
                    d.flags.push((name.to_string(), flag.to_string()));
                }
            }
            _ => {}
        }
    }
    d
}

fn trace_case(py: &Path) -> datatest_stable::Result<()> {
    let dir = py.parent().unwrap().canonicalize()?;
    let name = py.file_name().unwrap().to_str().unwrap();
    let source = fs::read_to_string(py)?;
    let d = directives(&source);
    let out = std::env::temp_dir().join(format!("refpy-trace-{}-{}.json", std::process::id(), name));
    let mut cmd = refpy(&dir);
    cmd.arg("--trace").arg(&out);
    if let Some(n) = &d.max_steps {
        cmd.arg("--trace-max-steps").arg(n);
    }
    cmd.arg(name);
    let mut problems = Vec::new();
    let traced = if d.killed {
        run_until_written(cmd, &out, "trace", |t| t.trim_end().ends_with("]}")).map_err(Failure)?;
        None
    } else {
        let plain = run_to_end({
            let mut c = refpy(&dir);
            c.arg(name);
            c
        })
        .map_err(Failure)?;
        let traced = run_to_end(cmd).map_err(Failure)?;
        same_run(&plain, &traced, &mut problems);
        Some(traced)
    };
    let text = fs::read_to_string(&out)?;
    let _ = fs::remove_file(&out);
    let doc: Value = serde_json::from_str(&text).map_err(|e| Failure(format!("trace is not JSON: {e}")))?;
    check_schema(&doc, &mut problems);
    let steps = doc["steps"].as_array().cloned().unwrap_or_default();
    check_ids(&steps, &mut problems);
    check_freed(&steps, &mut problems);
    if let Some(run) = &traced {
        check_refcounts(&steps, &String::from_utf8_lossy(&run.stdout), &mut problems);
    }
    check_directives(&d, &steps, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Box::new(Failure(problems.join("\n"))))
    }
}

fn same_run(plain: &Run, traced: &Run, problems: &mut Vec<String>) {
    if plain.stdout != traced.stdout {
        problems.push(common::diff(
            "stdout (plain run vs traced run)",
            &String::from_utf8_lossy(&plain.stdout),
            &String::from_utf8_lossy(&traced.stdout),
        ));
    }
    if plain.status != traced.status || plain.stderr != traced.stderr {
        problems.push(format!(
            "exit status or stderr changed under --trace: {:?} {:?} vs {:?} {:?}",
            plain.status, plain.stderr, traced.status, traced.stderr
        ));
    }
    if traced.stderr.contains("panicked") || traced.stderr.contains("internal error") {
        problems.push(format!("refpy panicked: {}", traced.stderr));
    }
}

fn schema_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/trace.schema.json")
}

fn check_schema(doc: &Value, problems: &mut Vec<String>) {
    let schema: Value = serde_json::from_str(&fs::read_to_string(schema_path()).expect("schema file"))
        .expect("schema is JSON");
    for error in schema::validate(&schema, doc, 5) {
        problems.push(format!("schema: {error}"));
    }
}

/// The step's objects by id.
fn heap_of(step: &Value) -> HashMap<u64, &Value> {
    let mut map = HashMap::new();
    for o in step["heap"].as_array().into_iter().flatten() {
        map.insert(o["id"].as_u64().unwrap_or(0), o);
    }
    map
}

fn check_ids(steps: &[Value], problems: &mut Vec<String>) {
    for (i, step) in steps.iter().enumerate() {
        let heap = heap_of(step);
        let count = step["heap"].as_array().map_or(0, Vec::len);
        if heap.len() != count {
            problems.push(format!("step {i}: an id is described twice"));
        }
        let mut named: Vec<u64> = Vec::new();
        for f in step["frames"].as_array().into_iter().flatten() {
            named.extend(f["locals"].as_array().into_iter().flatten().filter_map(|p| p[1].as_u64()));
        }
        for o in heap.values() {
            named.extend(o["referents"].as_array().into_iter().flatten().filter_map(Value::as_u64));
        }
        named.extend(step["return_value"].as_u64());
        named.extend(step["exception"]["id"].as_u64());
        if let Some(missing) = named.iter().find(|id| !heap.contains_key(id)) {
            problems.push(format!("step {i}: id {missing} is named but not in the heap"));
        }
    }
}

fn check_freed(steps: &[Value], problems: &mut Vec<String>) {
    let mut freed: HashSet<u64> = HashSet::new();
    for (i, step) in steps.iter().enumerate() {
        for e in step["heap_events"].as_array().into_iter().flatten() {
            if let Some(id) = e["alloc"].as_u64() {
                freed.remove(&id);
            }
            if let Some(id) = e["free"].as_u64() {
                freed.insert(id);
            }
        }
        for id in heap_of(step).keys() {
            if freed.contains(id) {
                problems.push(format!("step {i}: freed id {id} reappears without a new allocation"));
            }
        }
    }
}

fn check_refcounts(steps: &[Value], stdout: &str, problems: &mut Vec<String>) {
    let mut checked = 0;
    for (n, line) in stdout.lines().enumerate() {
        let parts: Vec<&str> = line.split(' ').collect();
        let ["rc", name, count] = parts[..] else { continue };
        let printed: i64 = count.parse().unwrap_or(-1);
        let prefix_lines = n + 1;
        let Some((i, step)) = steps
            .iter()
            .enumerate()
            .find(|(_, s)| s["stdout"].as_str().is_some_and(|out| out.lines().count() >= prefix_lines))
        else {
            problems.push(format!("no step shows the output line {line:?}"));
            continue;
        };
        let frame = step["frames"].as_array().and_then(|f| f.last());
        let id = frame
            .and_then(|f| f["locals"].as_array())
            .and_then(|l| l.iter().find(|p| p[0] == *name))
            .and_then(|p| p[1].as_u64());
        let shown = id.and_then(|id| heap_of(step).get(&id).and_then(|o| o["refcount"].as_i64()));
        if shown != Some(printed) {
            problems.push(format!(
                "step {i}: {name} has refcount {shown:?} in the trace, the program printed {printed}"
            ));
        }
        checked += 1;
    }
    let expected = stdout.lines().filter(|l| l.starts_with("rc ")).count();
    if checked != expected {
        problems.push(format!("checked {checked} of {expected} refcount lines"));
    }
}

fn check_directives(d: &Directives, steps: &[Value], problems: &mut Vec<String>) {
    let last = steps.last();
    if let Some(want) = &d.last_event {
        let got = last.and_then(|s| s["event"].as_str()).unwrap_or("(no step)");
        if got != want {
            problems.push(format!("last event is {got}, expected {want}"));
        }
    }
    if let Some(want) = &d.exception {
        let got = last.and_then(|s| s["exception"]["type"].as_str()).unwrap_or("(none)");
        let tb = last.and_then(|s| s["exception"]["traceback"].as_str()).unwrap_or("");
        if got != want || !tb.contains(want.as_str()) {
            problems.push(format!("last exception is {got} with traceback {tb:?}, expected {want}"));
        }
    }
    if let Some(n) = d.steps {
        if steps.len() != n {
            problems.push(format!("{} steps, expected {n}", steps.len()));
        }
    }
    if d.collection {
        let collected = steps.iter().flat_map(|s| s["collections"].as_array().cloned().unwrap_or_default());
        let freed_by_gc = steps
            .iter()
            .flat_map(|s| s["heap_events"].as_array().cloned().unwrap_or_default())
            .any(|e| e["by"] == "collector");
        if !collected.into_iter().any(|c| c["collected"].as_u64() > Some(0)) || !freed_by_gc {
            problems.push("no collection freed objects".into());
        }
    }
    for (name, flag) in &d.flags {
        check_flag(steps, name, flag, problems);
    }
}

/// `flag` (or `!flag`) on the object bound to `name` at the last step where it is bound.
fn check_flag(steps: &[Value], name: &str, flag: &str, problems: &mut Vec<String>) {
    let (want, flag) = flag.strip_prefix('!').map_or((true, flag), |f| (false, f));
    let found = steps.iter().rev().find_map(|s| {
        let frames = s["frames"].as_array()?;
        let id = frames.iter().rev().find_map(|f| {
            f["locals"].as_array()?.iter().find(|p| p[0] == *name).and_then(|p| p[1].as_u64())
        })?;
        heap_of(s).get(&id).map(|o| o["flags"].as_array().is_some_and(|f| f.iter().any(|x| x == flag)))
    });
    if found != Some(want) {
        problems.push(format!("{name}: flag {flag} is {found:?}, expected {want}"));
    }
}

datatest_stable::harness! {
    { test = trace_case, root = "tests/trace", pattern = r"\.py$" },
}
