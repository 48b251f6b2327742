//! A checked file and positions in it. Every span in figcheck is a byte range into the
//! original text; lines and columns are computed only when a report is rendered.

use std::ops::Range;

use serde::Serialize;

/// Byte offsets into the original text.
pub type Span = Range<usize>;

/// One document to check: its name (a path, `-` for standard input) and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
    /// Where `text` starts in its file: zero, unless the text is a piece of a file too large
    /// to read whole. Spans are into `text`; reported positions are into the file.
    pub offset: Offset,
}

/// A place in a file: bytes and line breaks before it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Offset {
    pub byte: usize,
    pub line: usize,
}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            path: path.into(),
            text: text.into(),
            offset: Offset::default(),
        }
    }

    /// A piece of a file that starts `offset` into it.
    pub fn piece(path: impl Into<String>, text: impl Into<String>, offset: Offset) -> Source {
        Source {
            offset,
            ..Source::new(path, text)
        }
    }
}

/// A span as reports show it: byte offsets plus 1-based line and column (columns count
/// characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Line starts of one text, built once per rendered file.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    offset: Offset,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex::with_offset(text, Offset::default())
    }

    /// The index of a text that starts `offset` into its file: positions are into the file.
    pub fn with_offset(text: &'a str, offset: Offset) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            text,
            starts,
            offset,
        }
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    pub fn position(&self, span: &Span) -> Position {
        let (line, column) = self.line_column(span.start);
        let (end_line, end_column) = self.line_column(span.end);
        Position {
            start: self.offset.byte + span.start,
            end: self.offset.byte + span.end,
            line: self.offset.line + line,
            column,
            end_line: self.offset.line + end_line,
            end_column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let index = LineIndex::new("ab\nçd\n");
        assert_eq!(index.line_column(0), (1, 1));
        assert_eq!(index.line_column(3), (2, 1));
        assert_eq!(index.line_column(5), (2, 2));
        assert_eq!(index.line_column(7), (3, 1));
    }
}
