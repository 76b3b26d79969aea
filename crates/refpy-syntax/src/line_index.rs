//! Byte offsets to CPython positions (1-based line, 0-based character column).
//!
//! The lexer and the generated parser speak in byte offsets because that is
//! what logos and lalrpop track; the AST and `SyntaxError` speak in lines and
//! character columns. This table converts once per node. Lines end at `\n`,
//! `\r\n` or a lone `\r`, as in the tokenizer.
//!
//! Invariant: `starts[i]` is the byte offset where line `i + 1` begins, and
//! `ascii[i]` says whether that line is pure ASCII, so that most lookups are
//! a subtraction rather than a character count (a 1 MB one-line file must not
//! make position lookups quadratic).

use crate::ast::Span;

/// Line table of one source text.
#[derive(Debug)]
pub struct LineIndex<'s> {
    src: &'s str,
    starts: Vec<usize>,
    ascii: Vec<bool>,
}

impl<'s> LineIndex<'s> {
    /// Scans `src` once for line breaks.
    pub fn new(src: &'s str) -> Self {
        let bytes = src.as_bytes();
        let mut starts = vec![0];
        let mut ascii = Vec::new();
        let mut line_ascii = true;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\n' || b == b'\r' {
                if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                ascii.push(line_ascii);
                line_ascii = true;
                starts.push(i + 1);
            } else if b >= 0x80 {
                line_ascii = false;
            }
            i += 1;
        }
        ascii.push(line_ascii);
        LineIndex { src, starts, ascii }
    }

    /// The full source text this index describes.
    pub fn source(&self) -> &'s str {
        self.src
    }

    /// Zero-based line number containing byte `pos`.
    fn line_of(&self, pos: usize) -> usize {
        match self.starts.binary_search(&pos) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// `(lineno, col)`: 1-based line and 0-based character column of byte `pos`.
    pub fn position(&self, pos: usize) -> (u32, u32) {
        let pos = pos.min(self.src.len());
        let line = self.line_of(pos);
        let start = self.starts[line];
        let col = if self.ascii[line] {
            pos - start
        } else {
            let mut p = pos;
            while !self.src.is_char_boundary(p) {
                p -= 1;
            }
            self.src[start..p].chars().count()
        };
        (line as u32 + 1, col as u32)
    }

    /// The AST span covering bytes `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let (lineno, col_offset) = self.position(start);
        let (end_lineno, end_col_offset) = self.position(end.max(start));
        Span { lineno, col_offset, end_lineno, end_col_offset }
    }

    /// The text of 1-based line `lineno`, without its line break.
    pub fn line_text(&self, lineno: u32) -> Option<&'s str> {
        let i = (lineno as usize).checked_sub(1)?;
        let start = *self.starts.get(i)?;
        let end = self.starts.get(i + 1).copied().unwrap_or(self.src.len());
        Some(self.src[start..end].trim_end_matches(['\n', '\r']))
    }

    /// 1-based line number of byte `pos`.
    pub fn lineno(&self, pos: usize) -> u32 {
        self.position(pos).0
    }

    /// Byte offset where 1-based line `lineno` starts.
    pub fn line_start(&self, lineno: u32) -> usize {
        let i = (lineno as usize).saturating_sub(1);
        self.starts.get(i).copied().unwrap_or(self.src.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let idx = LineIndex::new("ab\né = 1\r\nx\ry");
        assert_eq!(idx.position(0), (1, 0));
        assert_eq!(idx.position(3), (2, 0));
        // 'é' is two bytes but one column.
        assert_eq!(idx.position(5), (2, 1));
        assert_eq!(idx.position(11), (3, 0));
        assert_eq!(idx.position(13), (4, 0));
        assert_eq!(idx.line_text(2), Some("é = 1"));
        assert_eq!(idx.line_text(3), Some("x"));
        assert_eq!(idx.line_text(5), None);
    }
}
