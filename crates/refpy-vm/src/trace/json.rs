//! The trace file: one JSON document, `{"version": 1, "filename": …,
//! "code": …, "steps": [ … ]}`, written as the program runs with one step
//! per line (docs/TRACE.md; docs/trace.schema.json is its schema).

use std::io::{BufWriter, Write};

use refpy_heap::obmalloc::{blocks_per_pool, BlockInfo, PoolUsage, INDEX2SIZE};
use refpy_heap::trace::HeapEvent;
use serde_json::{json, Map, Value};

use super::record::Collection;

/// Version of the format, the document's `version`.
pub const FORMAT_VERSION: u32 = 1;

/// What an object refers to, by kind.
pub enum Shape {
    None,
    /// List, tuple, set and frozenset items.
    Items(Vec<usize>),
    /// Dict entries: (key id, value id).
    Entries(Vec<(usize, usize)>),
    /// Named referents: attributes, closure variables, generator locals.
    Attrs(Vec<(String, usize)>),
}

/// Which collector list holds an object.
pub enum Generation {
    /// Not tracked by the collector.
    None,
    /// Generation 0, 1 or 2.
    Young(usize),
    /// The permanent generation (`gc.freeze()`).
    Permanent,
}

/// One object of a step's heap.
pub struct Object {
    pub id: usize,
    pub type_name: String,
    pub repr: String,
    pub refcount: isize,
    pub size: Option<usize>,
    /// `None`: a block from the system allocator ("large").
    pub block: Option<BlockInfo>,
    pub tracked: bool,
    pub generation: Generation,
    pub flags: Vec<&'static str>,
    pub shape: Shape,
}

/// One frame of a step, outermost first.
pub struct Frame {
    pub func_name: String,
    pub line: u32,
    pub frame_id: u64,
    /// Variable name and object id, in slot (or namespace) order.
    pub locals: Vec<(String, usize)>,
}

/// The exception of an `exception` or `uncaught_exception` step.
pub struct ExceptionInfo {
    pub type_name: String,
    pub message: String,
    /// The traceback text, for an uncaught exception or a syntax error.
    pub traceback: Option<String>,
    /// The exception object's id (none for a syntax error).
    pub id: Option<usize>,
}

/// One step.
pub struct Step {
    pub event: &'static str,
    pub line: u32,
    pub func_name: String,
    pub return_value: Option<usize>,
    pub exception: Option<ExceptionInfo>,
    pub frames: Vec<Frame>,
    pub heap: Vec<Object>,
    pub heap_events: Vec<HeapEvent>,
    pub collections: Vec<Collection>,
    pub stdout: String,
    /// The pools in use at this step (`pools`).
    pub pools: Vec<PoolUsage>,
}

impl Step {
    /// The only step of a program that did not compile.
    pub fn error(line: u32, exception: ExceptionInfo, stdout: String) -> Step {
        Step {
            event: "uncaught_exception",
            line,
            func_name: String::new(),
            return_value: None,
            exception: Some(exception),
            frames: Vec::new(),
            heap: Vec::new(),
            heap_events: Vec::new(),
            collections: Vec::new(),
            stdout,
            pools: refpy_heap::obmalloc::pool_usage(),
        }
    }

    fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("event".into(), json!(self.event));
        m.insert("line".into(), json!(self.line));
        m.insert("func_name".into(), json!(self.func_name));
        if let Some(id) = self.return_value {
            m.insert("return_value".into(), json!(id));
        }
        if let Some(e) = &self.exception {
            m.insert("exception".into(), exception_json(e));
        }
        m.insert("frames".into(), self.frames.iter().map(frame_json).collect());
        m.insert("heap".into(), self.heap.iter().map(object_json).collect());
        m.insert("heap_events".into(), self.heap_events.iter().map(heap_event_json).collect());
        m.insert("collections".into(), self.collections.iter().map(collection_json).collect());
        m.insert("stdout".into(), json!(self.stdout));
        m.insert("pools".into(), pools_json(&self.pools));
        Value::Object(m)
    }
}

fn exception_json(e: &ExceptionInfo) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!(e.type_name));
    m.insert("message".into(), json!(e.message));
    if let Some(id) = e.id {
        m.insert("id".into(), json!(id));
    }
    if let Some(tb) = &e.traceback {
        m.insert("traceback".into(), json!(tb));
    }
    Value::Object(m)
}

fn frame_json(f: &Frame) -> Value {
    let locals: Vec<Value> = f.locals.iter().map(|(n, id)| json!([n, id])).collect();
    json!({"func_name": f.func_name, "line": f.line, "frame_id": f.frame_id, "locals": locals})
}

fn object_json(o: &Object) -> Value {
    let block = match &o.block {
        Some(b) => json!({
            "size_class": b.size_class_index,
            "block_size": b.block_size,
            "arena": b.arena_index,
            "pool": b.pool_index,
        }),
        None => json!("large"),
    };
    let generation = match o.generation {
        Generation::None => Value::Null,
        Generation::Young(g) => json!(g),
        Generation::Permanent => json!("permanent"),
    };
    let mut m = Map::new();
    m.insert("id".into(), json!(o.id));
    m.insert("type".into(), json!(o.type_name));
    m.insert("repr".into(), json!(o.repr));
    m.insert("refcount".into(), json!(o.refcount));
    m.insert("size".into(), json!(o.size));
    m.insert("block".into(), block);
    m.insert("tracked".into(), json!(o.tracked));
    m.insert("generation".into(), generation);
    m.insert("flags".into(), json!(o.flags));
    let referents: Vec<usize> = match &o.shape {
        Shape::None => Vec::new(),
        Shape::Items(ids) => ids.clone(),
        Shape::Entries(pairs) => pairs.iter().flat_map(|&(k, v)| [k, v]).collect(),
        Shape::Attrs(pairs) => pairs.iter().map(|&(_, v)| v).collect(),
    };
    m.insert("referents".into(), json!(referents));
    match &o.shape {
        Shape::None => {}
        Shape::Items(ids) => {
            m.insert("items".into(), json!(ids));
        }
        Shape::Entries(pairs) => {
            m.insert("entries".into(), pairs.iter().map(|(k, v)| json!([k, v])).collect());
        }
        Shape::Attrs(pairs) => {
            m.insert("attrs".into(), pairs.iter().map(|(n, v)| json!([n, v])).collect());
        }
    }
    Value::Object(m)
}

fn heap_event_json(e: &HeapEvent) -> Value {
    match *e {
        HeapEvent::Alloc(id) => json!({"alloc": id}),
        HeapEvent::Free { id, by_collector } => {
            json!({"free": id, "by": if by_collector { "collector" } else { "refcount" }})
        }
    }
}

/// The pools in use, grouped by size class (ascending): per class its block size, blocks
/// per pool and `[arena, pool, blocks in use]` for each pool.
fn pools_json(pools: &[PoolUsage]) -> Value {
    let mut classes: Vec<(usize, Vec<Value>)> = Vec::new();
    let mut sorted = pools.to_vec();
    sorted.sort_by_key(|p| (p.size_class_index, p.arena_index, p.pool_index));
    for p in sorted {
        let row = json!([p.arena_index, p.pool_index, p.blocks_in_use]);
        match classes.last_mut() {
            Some((c, rows)) if *c == p.size_class_index => rows.push(row),
            _ => classes.push((p.size_class_index, vec![row])),
        }
    }
    classes
        .into_iter()
        .map(|(c, rows)| {
            json!({
                "size_class": c,
                "block_size": INDEX2SIZE[c],
                "blocks_per_pool": blocks_per_pool(c),
                "pools": rows,
            })
        })
        .collect()
}

fn collection_json(c: &Collection) -> Value {
    json!({
        "generation": c.generation,
        "collected": c.result.collected,
        "uncollectable": c.result.uncollectable,
    })
}

/// Writes the document as the steps come.
pub struct TraceWriter {
    out: BufWriter<Box<dyn Write>>,
    steps: usize,
}

impl TraceWriter {
    /// Writes everything before the first step.
    pub fn begin(out: Box<dyn Write>, source: &str, filename: &str) -> std::io::Result<TraceWriter> {
        let mut out = BufWriter::new(out);
        write!(
            out,
            "{{\"version\": {FORMAT_VERSION}, \"filename\": {}, \"code\": {}, \"steps\": [",
            json!(filename),
            json!(source)
        )?;
        Ok(TraceWriter { out, steps: 0 })
    }

    fn separator(&mut self) -> std::io::Result<()> {
        let sep = if self.steps == 0 { "\n" } else { ",\n" };
        self.steps += 1;
        self.out.write_all(sep.as_bytes())
    }

    /// Appends a step.
    pub fn step(&mut self, step: &Step) -> std::io::Result<()> {
        self.separator()?;
        serde_json::to_writer(&mut self.out, &step.to_json()).map_err(std::io::Error::other)
    }

    /// Appends the `step_limit_reached` step.
    pub fn limit(&mut self) -> std::io::Result<()> {
        self.separator()?;
        self.out.write_all(br#"{"event": "step_limit_reached"}"#)
    }

    /// Closes the steps array and the document.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()
    }
}
