//! The DOT text of a drawing, which `refpy.draw` writes for a `.dot` path;
//! the SVG of `svg.rs` shows the same boxes, texts and colours. One box per object with its
//! type, short repr and refcount; shared objects are yellow, the object
//! drawn is blue; a node whose referents were left out points to a `…` box.

use std::fmt::Write;

use super::{Graph, Node};

/// The DOT text of `graph`.
pub(super) fn write(graph: &Graph) -> String {
    let mut out = String::from("digraph refpy {\n  node [shape=box, fontsize=12];\n  edge [fontsize=10];\n");
    for (i, node) in graph.nodes.iter().enumerate() {
        let fill = fill_color(i, node);
        let _ = writeln!(out, "  n{i} [label=\"{}\", style=filled, fillcolor={fill}];", quote(&label(node)));
        if node.more > 0 {
            let _ = writeln!(out, "  n{i}_more [label=\"\u{2026} {} more\", color=gray];", node.more);
            let _ = writeln!(out, "  n{i} -> n{i}_more [style=dashed, color=gray];");
        }
    }
    for e in &graph.edges {
        let _ = writeln!(out, "  n{} -> n{} [label=\"{}\"];", e.from, e.to, quote(&e.label));
    }
    out.push_str("}\n");
    out
}

/// The colour of node `i`: the object drawn is blue, shared objects yellow.
pub(super) fn fill_color(i: usize, node: &Node) -> &'static str {
    if i == 0 {
        "lightblue"
    } else if node.shared.is_empty() {
        "white"
    } else {
        "lightyellow"
    }
}

/// A node's lines: type, repr, refcount, and why it is shared.
pub(super) fn label(node: &Node) -> String {
    let mut text = format!("{}\n{}\nrefcount {}", node.type_name, node.repr, node.refcount);
    if !node.shared.is_empty() {
        let _ = write!(text, "\n{} (shared)", node.shared.join(", "));
    }
    text
}

/// `text` inside a DOT double-quoted string: `"` and `\` escaped, a line
/// break as `\n`, other control characters as `\xNN` text (a raw NUL would
/// end a DOT reader's string).
pub(super) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\\\x{:02x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Edge, Graph, Node};
    use super::{quote, write};

    fn node(repr: &str, shared: Vec<&'static str>, more: usize) -> Node {
        Node { type_name: "str".into(), repr: repr.into(), refcount: 2, shared, more }
    }

    #[test]
    fn quote_escapes_quotes_backslashes_and_controls() {
        assert_eq!(quote(r#"'a"b'"#), r#"'a\"b'"#);
        assert_eq!(quote(r"'\n'"), r"'\\n'");
        assert_eq!(quote("a\nb"), r"a\nb");
        assert_eq!(quote("a\0b\tc"), r"a\\x00b\\x09c");
        assert_eq!(quote("<&>…"), "<&>…");
    }

    #[test]
    fn nodes_edges_and_markers_in_order() {
        let graph = Graph {
            nodes: vec![node("'x'", vec![], 0), node("'y\"'", vec!["interned"], 3)],
            edges: vec![
                Edge { from: 0, to: 1, label: "[0]".into() },
                Edge { from: 1, to: 1, label: "me".into() },
            ],
        };
        let text = write(&graph);
        assert!(text.starts_with("digraph refpy {\n"));
        assert!(text.ends_with("}\n"));
        assert!(text.contains("n0 [label=\"str\\n'x'\\nrefcount 2\", style=filled, fillcolor=lightblue];"));
        assert!(text.contains("n1 [label=\"str\\n'y\\\"'\\nrefcount 2\\ninterned (shared)\""));
        assert!(text.contains("n1_more [label=\"\u{2026} 3 more\", color=gray];"));
        assert!(text.contains("n0 -> n1 [label=\"[0]\"];\n  n1 -> n1 [label=\"me\"];"));
    }
}
