//! `refpy.draw(obj, path)`: the objects reachable from `obj` as a picture,
//! objgraph's `show_refs` without graphviz (docs/EXPLAIN.md, "Drawing the
//! object graph").
//!
//! The walk runs breadth first from `obj` and follows what the trace
//! recorder follows (`Vm::named_referents`): items of lists, tuples and sets,
//! keys and values of dicts, an instance's attributes, a class's own
//! attributes, closure variables, a bound method's `__self__` and `__func__`,
//! a cell's contents. Each object is one node however many paths reach it, so
//! shared objects (small ints, interned strings, singletons) show as one box
//! with several arrows in. Nodes are named `n0`, `n1`, … in walk order, never
//! by address, so the DOT text of a program is the same on every run.
//!
//! The walk never runs Python code and allocates no Python object; it holds
//! one reference to each node while it reads the counts and subtracts it, and
//! the call's own references too, so a node's `refcount` is what
//! `sys.getrefcount(x) - 1` says outside the call.

mod dot;
mod svg;

use refpy_heap::ObjRef;
use rustc_hash::FxHashMap;

use crate::errors::{ExcType, PyResult};
use crate::objects::set::as_set;
use crate::trace::record::{container_items, dict_entries};
use crate::Vm;

/// Longest `repr` shown in a node, in characters; longer ones end in `...`.
const NODE_REPR_CHARS: usize = 32;

/// Longest dict key shown in an edge label, in characters.
const KEY_REPR_CHARS: usize = 16;

/// The bounds of a drawing (`max_depth=3` as objgraph's `show_refs`).
#[derive(Clone, Copy)]
pub(crate) struct Limits {
    /// Objects further than this many references from `obj` are not drawn.
    pub max_depth: usize,
    /// At most this many objects are drawn.
    pub max_nodes: usize,
}

/// One object of the picture, as plain data.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub type_name: String,
    pub repr: String,
    /// The object's count without the references of the drawing call.
    pub refcount: isize,
    /// `small int`, `interned` or `singleton`: why the object is shared.
    pub shared: Vec<&'static str>,
    /// Referents left out by `max_depth` or `max_nodes` (drawn as one `…` box).
    pub more: usize,
}

/// A reference from one node to another, labelled with the index, key or name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: String,
}

/// The picture: node 0 is the object drawn.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// `refpy.draw`: walks the objects reachable from `obj` and writes them to
/// `path`, as DOT when it ends with `.dot`, else as SVG. `call_args` are the
/// call's arguments, whose references are not counted.
pub(crate) fn draw(
    vm: &mut Vm,
    obj: ObjRef,
    call_args: &[ObjRef],
    path: &str,
    limits: Limits,
) -> PyResult<()> {
    let graph = walk(vm, obj, call_args, limits);
    let out = if path.ends_with(".dot") { dot::write(&graph) } else { svg::render(&graph) };
    write_file(vm, path, &out)
}

/// Writes `text` to `path` with `open()`'s errors: `ValueError: embedded
/// null byte`, or the errno's OSError subclass naming the file.
fn write_file(vm: &mut Vm, path: &str, text: &str) -> PyResult<()> {
    if path.contains('\0') {
        return Err(vm.new_error(ExcType::ValueError, "embedded null byte"));
    }
    std::fs::write(path, text).map_err(|e| match vm.new_str(path) {
        Ok(name) => vm.os_error_from_io(&e, Some(&name), None),
        Err(err) => err,
    })
}

/// An object reached by the walk.
struct Found {
    obj: ObjRef,
    depth: usize,
    more: usize,
}

/// The breadth-first walk from `root`, bounded by `limits`, as plain data.
fn walk(vm: &mut Vm, root: ObjRef, call_args: &[ObjRef], limits: Limits) -> Graph {
    let mut index = FxHashMap::default();
    index.insert(root.id(), 0);
    let mut found = vec![Found { obj: root, depth: 0, more: 0 }];
    let mut edges = Vec::new();
    let mut i = 0;
    while i < found.len() {
        let obj = found[i].obj.clone();
        let can_add = found[i].depth < limits.max_depth;
        for (label, r) in labelled_referents(vm, &obj) {
            let to = match index.get(&r.id()) {
                Some(&j) => j,
                None if can_add && found.len() < limits.max_nodes => {
                    index.insert(r.id(), found.len());
                    found.push(Found { obj: r, depth: found[i].depth + 1, more: 0 });
                    found.len() - 1
                }
                None => {
                    found[i].more += 1;
                    continue;
                }
            };
            edges.push(Edge { from: i, to, label });
        }
        i += 1;
    }
    let nodes = found.into_iter().map(|f| describe(vm, f, call_args)).collect();
    Graph { nodes, edges }
}

/// The node of one object; its count is read while the walk holds exactly
/// one reference to it (`Found::obj`), not counting the call's arguments.
fn describe(vm: &mut Vm, f: Found, call_args: &[ObjRef]) -> Node {
    let held = 1 + call_args.iter().filter(|a| a.is(&f.obj)).count() as isize;
    let shared = vm
        .identity_flags(&f.obj)
        .into_iter()
        .map(|s| if s == "small_int" { "small int" } else { s })
        .collect();
    Node {
        type_name: vm.type_name(&f.obj),
        repr: truncate(&without_addresses(&vm.short_repr(&f.obj)), NODE_REPR_CHARS),
        refcount: f.obj.refcnt() - held,
        shared,
        more: f.more,
    }
}

/// What `obj` refers to, each with its edge label: `[i]` for a sequence
/// item, `key` and `[k]` for a dict's key and value, nothing for a set
/// item, the name for an attribute or closure variable.
fn labelled_referents(vm: &mut Vm, obj: &ObjRef) -> Vec<(String, ObjRef)> {
    if let Some(items) = container_items(obj) {
        let unordered = as_set(obj).is_some();
        let label = |i: usize| if unordered { String::new() } else { format!("[{i}]") };
        return items.into_iter().enumerate().map(|(i, v)| (label(i), v)).collect();
    }
    if let Some(entries) = dict_entries(obj) {
        let mut out = Vec::with_capacity(2 * entries.len());
        for (k, v) in entries {
            let key = truncate(&vm.short_repr(&k), KEY_REPR_CHARS);
            out.push(("key".to_string(), k));
            out.push((format!("[{key}]"), v));
        }
        return out;
    }
    vm.named_referents(obj).into_iter().map(|(n, v)| (n.to_string(), v)).collect()
}

/// `repr` text without the ` at 0x…>` of default reprs (`<__main__.Node
/// object>`), so that a drawing does not change from run to run.
fn without_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    const AT: &str = " at 0x";
    while let Some(at) = rest.find(AT) {
        let tail = &rest[at + AT.len()..];
        let after = tail.trim_start_matches(|c: char| c.is_ascii_hexdigit());
        if after.len() < tail.len() && after.starts_with('>') {
            out.push_str(&rest[..at]);
            rest = after;
        } else {
            out.push_str(&rest[..at + AT.len()]);
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// `text` cut to `limit` characters, ending in `...` when cut.
fn truncate(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    text.chars().take(limit - 3).collect::<String>() + "..."
}

#[cfg(test)]
mod tests {
    use super::{truncate, without_addresses};

    #[test]
    fn addresses_are_left_out() {
        assert_eq!(without_addresses("<__main__.P object at 0x7f12ab>"), "<__main__.P object>");
        assert_eq!(
            without_addresses("[<A object at 0x1>, <function f at 0xff>]"),
            "[<A object>, <function f>]"
        );
        assert_eq!(without_addresses("'at 0x'"), "'at 0x'");
        assert_eq!(without_addresses("'x at 0xff' at 0x1>"), "'x at 0xff'>");
    }

    #[test]
    fn truncate_keeps_short_text_and_marks_cuts() {
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(truncate("abcdefgh", 6), "abc...");
        assert_eq!(truncate("ééééééé", 6), "ééé...");
    }
}
