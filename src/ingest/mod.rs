//! Ingest: a source's text becomes a [`Document`] — the same text with everything that is not
//! prose masked (blanked to spaces, byte for byte, so every offset still points into the
//! original), the blocks of prose, and the reference date if the document states one.

mod dateline;
pub mod directives;
mod html;
mod markdown;
pub mod record;
mod text;

use std::borrow::Cow;

use jiff::civil::Date;
use serde::Serialize;

use crate::source::{Source, Span};

/// The input formats figcheck reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    Text,
    Markdown,
    Html,
}

impl InputFormat {
    /// The format a path's extension suggests: Markdown for `.md` and `.markdown`, HTML for
    /// `.html` and `.htm`, text otherwise.
    pub fn from_path(path: &str) -> InputFormat {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            InputFormat::Markdown
        } else if lower.ends_with(".html") || lower.ends_with(".htm") {
            InputFormat::Html
        } else {
            InputFormat::Text
        }
    }
}

/// Where a reference date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// `--date` on the command line (or the library's settings).
    Settings,
    /// A `date:` line in Markdown front matter.
    FrontMatter,
    /// The `date` of a JSONL record.
    Record,
    /// An HTML page's `article:published_time` meta or first `<time datetime>`.
    Html,
    /// A news dateline at the top of the text: "SEOUL, Oct. 5, 2023 (Yonhap) --".
    Dateline,
    /// `date` in the `figcheck.toml` that governs the file.
    Config,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferenceDate {
    pub date: Date,
    pub source: DateSource,
}

#[derive(Debug)]
pub struct Document<'a> {
    pub source: &'a Source,
    /// The original text with markup, code and metadata replaced by spaces (newlines kept).
    /// Same length as the original, so offsets into one are offsets into the other.
    pub prose: String,
    /// Blocks of prose (paragraphs, headings, list items), in order.
    pub blocks: Vec<Span>,
    /// The date the document states it was published, if any.
    pub stated_date: Option<ReferenceDate>,
    /// `<!-- figcheck: ignore … -->` comments.
    pub suppressions: Vec<directives::Suppression>,
    /// The date of a dateline opening the text ("SEOUL, Oct. 5, 2023 (Yonhap) --"): weaker
    /// than a date in the document's metadata or its JSONL record.
    pub dateline: Option<Date>,
}

pub fn ingest(source: &Source, format: InputFormat) -> Document<'_> {
    let mut doc = match format {
        InputFormat::Text => text::ingest(source),
        InputFormat::Markdown => markdown::ingest(source),
        InputFormat::Html => html::ingest(source),
    };
    blank_format_characters(&mut doc.prose);
    doc.dateline = dateline::date(&doc.prose, &doc.blocks);
    doc
}

impl Document<'_> {
    /// The prose with each line break inside a block made a space, byte for byte: a paragraph
    /// wrapped by hand reads as one line, as Markdown and HTML define a line break inside one,
    /// while blocks stay apart. Linking reads this, so that "rose 4.7% to\n$51.2bn from
    /// $48.8bn" is one clause.
    pub fn unwrapped(&self) -> Cow<'_, str> {
        let breaks = |block: &Span| {
            memchr::memchr2_iter(b'\n', b'\r', &self.prose.as_bytes()[block.clone()])
        };
        if self
            .blocks
            .iter()
            .all(|block| breaks(block).next().is_none())
        {
            return Cow::Borrowed(&self.prose);
        }
        let mut bytes = self.prose.clone().into_bytes();
        for block in &self.blocks {
            for at in breaks(block) {
                bytes[block.start + at] = b' ';
            }
        }
        // Only ASCII bytes changed, to ASCII.
        Cow::Owned(
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        )
    }
}

/// Invisible format characters — direction marks and isolates, zero-width spaces and joiners,
/// a byte-order mark, soft hyphens — become spaces in the prose, so that "300\u{200f} litres"
/// (a right-to-left mark pasted from a CMS) still reads as "300 litres". Every one of them is
/// two or three bytes, so offsets do not move.
fn blank_format_characters(prose: &mut String) {
    let invisible = |c: char| {
        matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
    };
    if prose.is_ascii() {
        return;
    }
    let found: Vec<(usize, usize)> = prose
        .char_indices()
        .filter(|&(_, c)| invisible(c))
        .map(|(at, c)| (at, c.len_utf8()))
        .collect();
    for (at, len) in found {
        prose.replace_range(at..at + len, &" ".repeat(len));
    }
}

/// A copy of `text` in which every byte outside `keep` is a space, except line breaks.
/// `keep` must be sorted and hold ranges on character boundaries.
fn mask_except(text: &str, keep: &[Span]) -> String {
    let mut bytes: Vec<u8> = text
        .bytes()
        .map(|b| if b == b'\n' { b'\n' } else { b' ' })
        .collect();
    for span in keep {
        bytes[span.clone()].copy_from_slice(&text.as_bytes()[span.clone()]);
    }
    // Every byte is either copied whole within a kept range on character boundaries or is ASCII.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Blocks separated by blank lines, each trimmed of surrounding white space.
fn blank_line_blocks(prose: &str) -> Vec<Span> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in prose.split_inclusive('\n') {
        let content = line.trim_end();
        if content.trim_start().is_empty() {
            if let Some(s) = start.take() {
                blocks.push(s..end);
            }
        } else {
            let lead = content.len() - content.trim_start().len();
            start.get_or_insert(offset + lead);
            end = offset + content.len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        blocks.push(s..end);
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_split_on_blank_lines() {
        let text = "One line.\nSame block.\n\n  \nNext block.  \n";
        let blocks = blank_line_blocks(text);
        let got: Vec<&str> = blocks.iter().map(|b| &text[b.clone()]).collect();
        assert_eq!(got, ["One line.\nSame block.", "Next block."]);
    }
}
