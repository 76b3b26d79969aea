//! `refpy --visualize OUT.html`: the run's trace (docs/TRACE.md), recorded
//! into memory exactly as `--trace` records it, becomes one self-contained
//! HTML page that steps through it (docs/VISUALIZE.md).
//!
//! The page is the template `visualize/page.html` with the style
//! (`page.css`), the script (`page.js`) and the trace JSON written into it;
//! it fetches nothing. The templates are real files so that they can be
//! read and linted as HTML, CSS and JavaScript; `include_str!` builds them
//! into the binary.
//!
//! The page is written when the trace document is complete: when the program
//! ends, or at once when the step limit is reached (so an endless program
//! still leaves a complete page), as the trace file of `--trace` is.

use std::fs::File;
use std::io::{BufWriter, Write};

const PAGE_HTML: &str = include_str!("visualize/page.html");
const PAGE_CSS: &str = include_str!("visualize/page.css");
const PAGE_JS: &str = include_str!("visualize/page.js");

/// The trace writer behind `--visualize`: keeps the trace in memory (and
/// copies it to the `--trace` file, if one was asked for too), and writes
/// the page when the trace writer flushes the finished document.
pub struct PageWriter {
    trace: Vec<u8>,
    page: Option<File>,
    /// Name shown in the page's title.
    title: String,
    /// The `--trace` file, when both options are given.
    copy: Option<BufWriter<File>>,
}

impl PageWriter {
    /// A writer that will write the page into `page` (already created) and
    /// the trace, as it comes, into `copy`.
    pub fn new(page: File, title: &str, copy: Option<File>) -> PageWriter {
        PageWriter {
            trace: Vec::new(),
            page: Some(page),
            title: title.to_string(),
            copy: copy.map(BufWriter::new),
        }
    }
}

impl Write for PageWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(copy) = &mut self.copy {
            copy.write_all(buf)?;
        }
        self.trace.extend_from_slice(buf);
        Ok(buf.len())
    }

    /// The trace writer flushes once, when the document is complete: the
    /// page is written then, once.
    fn flush(&mut self) -> std::io::Result<()> {
        if let Some(copy) = &mut self.copy {
            copy.flush()?;
        }
        match self.page.take() {
            Some(mut file) => {
                file.write_all(page(&self.title, &self.trace).as_bytes())?;
                file.flush()
            }
            None => Ok(()),
        }
    }
}

/// The whole page for a trace document `trace` (JSON text).
pub fn page(title: &str, trace: &[u8]) -> String {
    let json = script_safe_json(&String::from_utf8_lossy(trace));
    // The trace goes in last so that nothing inside it is taken for a placeholder.
    PAGE_HTML
        .replacen("{{TITLE}}", &html_escape(title), 1)
        .replacen("/*{{CSS}}*/", PAGE_CSS, 1)
        .replacen("/*{{JS}}*/", PAGE_JS, 1)
        .replacen("{{TRACE}}", &json, 1)
}

/// JSON text made safe inside `<script type="application/json">`: every
/// `<` becomes `\u003c` (so neither `</script>` nor `<!--` can occur; in
/// JSON a `<` can only be inside a string), and U+2028/U+2029 are escaped
/// too. `JSON.parse` reads back the same value.
fn script_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
}

/// Text for an HTML element's content.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_end_the_script_element() {
        let json = "{\"code\": \"print('</script><!-- \u{2028}\u{2029}')\"}";
        let safe = script_safe_json(json);
        assert!(!safe.contains('<') && !safe.contains('\u{2028}') && !safe.contains('\u{2029}'));
        assert_eq!(safe, "{\"code\": \"print('\\u003c/script>\\u003c!-- \\u2028\\u2029')\"}");
    }

    #[test]
    fn the_page_is_written_once_when_the_trace_is_flushed() -> std::io::Result<()> {
        let dir = std::env::temp_dir().join(format!("refpy-page-writer-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let (page, copy) = (dir.join("p.html"), dir.join("t.json"));
        let mut w = PageWriter::new(File::create(&page)?, "t.py", Some(File::create(&copy)?));
        w.write_all(b"{\"steps\": [")?;
        w.write_all(b"]}")?;
        assert_eq!(std::fs::read_to_string(&page)?, "", "nothing before the document is complete");
        w.flush()?;
        w.flush()?;
        let html = std::fs::read_to_string(&page)?;
        assert_eq!(html.matches("{\"steps\": []}").count(), 1);
        assert_eq!(std::fs::read_to_string(&copy)?, "{\"steps\": []}");
        std::fs::remove_dir_all(&dir)
    }

    #[test]
    fn page_holds_the_trace_and_the_inline_script() {
        let html = page("a<b>.py", b"{\"steps\": []}");
        assert!(html.contains("<title>refpy: a&lt;b&gt;.py</title>"));
        assert!(html.contains("{\"steps\": []}"));
        assert!(!html.contains("{{") && !html.contains("/*{{"));
        assert!(!html.contains("http://") && !html.contains("https://"), "the page fetches nothing");
    }
}
