//! The SVG of a drawing, laid out and rendered in-process by layout-rs, so
//! no graphviz is needed (../shared/deps.md). The graph is handed to
//! layout-rs directly rather than as DOT text, so that every arrow already
//! points from an earlier node to a later one: layout-rs then has no cycle
//! to repair, and the work of its cycle checks can be bounded.
use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::render::get_shape_size;
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;

use super::dot::{fill_color, label};
use super::Graph;

/// Blank space kept below the lowest shape, in pixels.
const BOTTOM_MARGIN: f64 = 10.0;

/// Font size of node labels; edge labels are smaller.
const NODE_FONT: usize = 12;
const EDGE_FONT: usize = 10;

/// The most work layout-rs may do checking its graph for cycles, in visited
/// edges (see [`check_cost`]): about half a second.
const CHECK_BUDGET: u64 = 200_000_000;

/// An arrow of the layout: between two layout nodes (markers come after the
/// objects), `from < to` unless it is a self-loop.
struct LayoutEdge {
    from: usize,
    to: usize,
    label: String,
    /// The reference goes from `to` to `from` (drawn with its head at `from`).
    reversed: bool,
    dashed: bool,
}

/// The SVG picture of `graph`, laid out by layout-rs.
pub(super) fn render(graph: &Graph) -> String {
    let (edges, left_out) = layout_edges(graph);
    let mut visual = VisualGraph::new(Orientation::TopToBottom);
    let mut handles = Vec::new();
    for (i, node) in graph.nodes.iter().enumerate() {
        let mut text = label(node);
        if left_out[i] > 0 {
            text.push_str(&format!("\n+{} references not drawn (see the .dot)", left_out[i]));
        }
        handles.push(visual.add_node(shape(text, fill_color(i, node), "black")));
    }
    for node in graph.nodes.iter().filter(|n| n.more > 0) {
        handles.push(visual.add_node(shape(format!("\u{2026} {} more", node.more), "white", "gray")));
    }
    for e in edges {
        visual.add_edge(arrow(&e), handles[e.from], handles[e.to]);
    }
    let mut canvas = Fitted { svg: SVGWriter::new(), bottom: 0.0 };
    visual.do_it(false, false, false, &mut canvas);
    fit_height(canvas.svg.finalize(), canvas.bottom + BOTTOM_MARGIN)
}

/// The arrow of one edge: its head at the referent, dashed and grey to a `… more` box.
fn arrow(e: &LayoutEdge) -> Arrow {
    let look = StyleAttr::new(Color::fast(if e.dashed { "gray" } else { "black" }), 1, None, 0, EDGE_FONT);
    let style = if e.dashed { LineStyleKind::Dashed } else { LineStyleKind::Normal };
    let (start, end) = if e.reversed {
        (LineEndKind::Arrow, LineEndKind::None)
    } else {
        (LineEndKind::None, LineEndKind::Arrow)
    };
    Arrow::new(start, end, style, &e.label, &look, &None, &None)
}

/// A box with `text`, as layout-rs's DOT reader makes one for `shape=box`.
fn shape(text: String, fill: &str, line: &str) -> Element {
    let shape = ShapeKind::Box(text);
    // A top-to-bottom graph lays its records out left to right.
    let dir = Orientation::LeftToRight;
    let size = get_shape_size(dir, &shape, NODE_FONT, false);
    let look = StyleAttr::new(Color::fast(line), 1, Some(Color::fast(fill)), 0, NODE_FONT);
    Element::create(shape, look, dir, size)
}

/// The arrows to lay out, each pointing from the object found first to the
/// one found later (so they form a DAG layout-rs need not repair), and per
/// node how many references were left out to keep layout-rs fast.
///
/// The references through which the walk found each object, the `… more`
/// arrows and self-loops are always drawn; the others are added in order
/// while [`check_cost`] stays within [`CHECK_BUDGET`].
fn layout_edges(graph: &Graph) -> (Vec<LayoutEdge>, Vec<usize>) {
    let n = graph.nodes.len();
    let mut left_out = vec![0; n];
    let mut found_by = vec![None; n];
    for (k, e) in graph.edges.iter().enumerate() {
        found_by[e.to].get_or_insert(k);
    }
    let oriented = |e: &super::Edge| LayoutEdge {
        from: e.from.min(e.to),
        to: e.from.max(e.to),
        label: e.label.clone(),
        reversed: e.from > e.to,
        dashed: false,
    };
    let mut chosen: Vec<LayoutEdge> = graph
        .edges
        .iter()
        .enumerate()
        .filter(|&(k, e)| found_by[e.to] == Some(k) || e.from == e.to)
        .map(|(_, e)| oriented(e))
        .collect();
    let markers = graph.nodes.iter().enumerate().filter(|(_, node)| node.more > 0);
    for (m, (i, _)) in markers.enumerate() {
        chosen.push(LayoutEdge { from: i, to: n + m, label: String::new(), reversed: false, dashed: true });
    }
    let total = n + chosen.iter().filter(|e| e.dashed).count();
    for (k, e) in graph.edges.iter().enumerate() {
        if found_by[e.to] == Some(k) || e.from == e.to {
            continue;
        }
        chosen.push(oriented(e));
        if check_cost(total, &chosen) > CHECK_BUDGET {
            chosen.pop();
            left_out[e.from] += 1;
        }
    }
    (chosen, left_out)
}

/// The edges layout-rs visits checking that its graph has no cycle: after
/// adding each edge it searches, from the head of every edge, every path
/// (it unmarks nodes on the way back), so the work is the number of edges
/// times the paths from all heads. Self-loops are kept apart and cost nothing.
fn check_cost(nodes: usize, edges: &[LayoutEdge]) -> u64 {
    let mut succ = vec![Vec::new(); nodes];
    for e in edges.iter().filter(|e| e.from != e.to) {
        succ[e.from].push(e.to);
    }
    // Paths starting at each node; edges go to later nodes, so go backwards.
    let mut paths = vec![1u64; nodes];
    for v in (0..nodes).rev() {
        paths[v] = succ[v].iter().fold(1u64, |acc, &w| acc.saturating_add(paths[w]));
    }
    let per_check =
        edges.iter().filter(|e| e.from != e.to).fold(0u64, |acc, e| acc.saturating_add(paths[e.to]));
    per_check.saturating_mul(edges.len() as u64)
}

/// layout-rs's SVG writer, noting how far down the drawing really goes:
/// the writer grows its window by ten pixels per character of each label,
/// which leaves a tall blank band under the picture.
struct Fitted {
    svg: SVGWriter,
    bottom: f64,
}

impl Fitted {
    fn reach(&mut self, y: f64) {
        self.bottom = self.bottom.max(y);
    }
}

impl RenderBackend for Fitted {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        props: Option<String>,
        clip: Option<ClipHandle>,
    ) {
        self.reach(xy.y + size.y);
        self.svg.draw_rect(xy, size, look, props, clip);
    }

    fn draw_line(&mut self, start: Point, stop: Point, look: &StyleAttr, props: Option<String>) {
        self.reach(start.y.max(stop.y));
        self.svg.draw_line(start, stop, look, props);
    }

    fn draw_circle(&mut self, xy: Point, size: Point, look: &StyleAttr, props: Option<String>) {
        self.reach(xy.y + size.y);
        self.svg.draw_circle(xy, size, look, props);
    }

    fn draw_text(&mut self, xy: Point, text: &str, look: &StyleAttr) {
        // The writer centres the lines on `xy`, one font size apart.
        let lines = text.lines().count() + 1;
        self.reach(xy.y + (lines * look.font_size) as f64 / 2.0);
        self.svg.draw_text(xy, text, look);
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        dashed: bool,
        head: (bool, bool),
        look: &StyleAttr,
        props: Option<String>,
        text: &str,
    ) {
        for (p, control) in path {
            self.reach(p.y.max(control.y));
        }
        self.svg.draw_arrow(path, dashed, head, look, props, text);
    }

    fn create_clip(&mut self, xy: Point, size: Point, rounded_px: usize) -> ClipHandle {
        self.svg.create_clip(xy, size, rounded_px)
    }
}

/// `svg` with its height (and view box) set to `height`.
fn fit_height(svg: String, height: f64) -> String {
    const OPEN: &str = "<svg width=\"";
    let Some(start) = svg.find(OPEN) else { return svg };
    let rest = &svg[start + OPEN.len()..];
    let (Some(quote), Some(end)) = (rest.find('"'), rest.find(" xmlns=")) else { return svg };
    let width = &rest[..quote];
    let height = height.ceil();
    format!(
        "{}{OPEN}{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\"{}",
        &svg[..start],
        &rest[end..]
    )
}

#[cfg(test)]
mod tests {
    use super::super::{Edge, Graph, Node};
    use super::render;

    fn node(repr: &str, more: usize) -> Node {
        Node { type_name: "list".into(), repr: repr.into(), refcount: 1, shared: vec![], more }
    }

    fn edge(from: usize, to: usize, label: &str) -> Edge {
        Edge { from, to, label: label.into() }
    }

    /// Checks that `svg` is one `<svg>` element whose tags balance, and
    /// that each of `texts` appears in it (as XML text).
    fn assert_well_formed(svg: &str, texts: &[&str]) {
        let body = svg.trim_start_matches(|c| c != '>').get(1..).unwrap_or("");
        assert!(body.trim_start().starts_with("<svg"), "{svg}");
        assert!(svg.trim_end().ends_with("</svg>"));
        let mut stack = Vec::new();
        for tag in body.split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or("");
            let name: String =
                tag.trim_start_matches('/').chars().take_while(|c| c.is_alphanumeric()).collect();
            if tag.starts_with('/') {
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()), "unbalanced </{name}>");
            } else if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        assert!(stack.is_empty(), "unclosed: {stack:?}");
        for t in texts {
            assert!(svg.contains(t), "{t} missing from {svg}");
        }
    }

    #[test]
    fn height_fits_the_drawing() {
        let svg = render(&Graph { nodes: vec![node(&"x".repeat(30), 0)], edges: vec![] });
        let height: f64 =
            svg.split("height=\"").nth(1).and_then(|h| h.split('"').next()).unwrap().parse().unwrap();
        assert!(height < 100.0, "{svg}");
        assert!(svg.contains("viewBox=\"0 0 "));
    }

    #[test]
    fn one_node() {
        let svg = render(&Graph { nodes: vec![node("[]", 0)], edges: vec![] });
        assert_well_formed(&svg, &["list", "[]", "refcount 1"]);
    }

    #[test]
    fn cycle_self_loop_and_marker() {
        let graph = Graph {
            nodes: vec![node("[[...]]", 0), node("[[...], [...]]", 2), node("[1]", 0)],
            edges: vec![
                edge(0, 1, "[0]"),
                edge(1, 0, "[0]"),
                edge(1, 1, "[1]"),
                edge(0, 2, "[1]"),
                edge(2, 2, ""),
            ],
        };
        let svg = render(&graph);
        assert_well_formed(&svg, &["[[...], [...]]", "\u{2026} 2 more"]);
    }

    /// Many graph shapes (parallel edges, self-loops, cycles, fan-out,
    /// unlabelled edges) from a fixed pseudo-random sequence: none panics.
    #[test]
    fn assorted_shapes_render() {
        let mut seed: u64 = 12345;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for size in 1..40 {
            let nodes = (0..size).map(|i| node(&format!("[{i}]"), i % 3)).collect();
            let edges = (0..size * 2)
                .map(|k| edge(next(size), next(size), if k % 2 == 0 { "" } else { "[0]" }))
                .collect();
            let svg = render(&Graph { nodes, edges });
            assert_well_formed(&svg, &["refcount 1"]);
        }
    }

    /// A graph with very many paths (each of 30 lists holds the next four,
    /// the root holds all): some references are left out, and layout-rs,
    /// which searches every path, stays fast.
    #[test]
    fn many_paths_leave_references_out() {
        let nodes = (0..31).map(|i| node(&format!("[{i}]"), 0)).collect();
        let mut edges: Vec<Edge> = (1..31).map(|i| edge(0, i, "")).collect();
        for i in 1..31 {
            edges.extend((i..(i + 4).min(31)).map(|j| edge(i, j, "[0]")));
        }
        let start = std::time::Instant::now();
        let svg = render(&Graph { nodes, edges });
        assert!(start.elapsed().as_secs() < 5);
        assert_well_formed(&svg, &["references not drawn"]);
    }

    /// A list holding one object 1000 times: 1000 parallel arrows.
    #[test]
    fn many_parallel_edges() {
        let edges = (0..1000).map(|i| edge(0, 1, &format!("[{i}]"))).collect();
        let start = std::time::Instant::now();
        let svg = render(&Graph { nodes: vec![node("[0, 0, ...]", 0), node("0", 0)], edges });
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
        assert_well_formed(&svg, &["[999]"]);
    }

    #[test]
    fn markup_and_quotes_are_escaped() {
        let graph = Graph {
            nodes: vec![node("'<a & \"b\">'", 0), node("'\\n\\\\'", 0)],
            edges: vec![edge(0, 1, "['<k>']"), edge(0, 1, "key")],
        };
        let svg = render(&graph);
        assert_well_formed(&svg, &["&lt;a &amp; &quot;b&quot;&gt;", "\\n\\\\", "[&apos;&lt;k&gt;&apos;]"]);
    }
}
