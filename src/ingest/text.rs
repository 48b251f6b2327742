//! Plain text: paragraphs are separated by blank lines; URLs and e-mail addresses are masked.

use std::sync::OnceLock;

use regex::Regex;

use super::{Document, blank_line_blocks, mask_except};
use crate::source::{Source, Span};

pub fn ingest(source: &Source) -> Document<'_> {
    let prose = mask_urls(&source.text, 0..source.text.len());
    let blocks = blank_line_blocks(&prose);
    Document {
        source,
        prose,
        blocks,
        stated_date: None,
        suppressions: Vec::new(),
        dateline: None,
    }
}

/// `text` with URLs and e-mail addresses inside `within` masked, and everything outside
/// `within` masked too.
pub(super) fn mask_urls(text: &str, within: Span) -> String {
    static URL: OnceLock<Regex> = OnceLock::new();
    let slice = &text[within.clone()];
    let mut keep = Vec::new();
    let mut at = within.start;
    // Every match holds "@", "://" or "www." (in any case): text with none of them, most text,
    // is not searched at all.
    let anchored = slice.contains('@')
        || slice.contains("://")
        || slice.match_indices('.').any(|(dot, _)| {
            dot >= 3 && slice.as_bytes()[dot - 3..dot].eq_ignore_ascii_case(b"www")
        });
    if anchored {
        let url = URL.get_or_init(|| {
            Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>()]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
                .expect("valid URL pattern")
        });
        for m in url.find_iter(slice) {
            keep.push(at..within.start + m.start());
            at = within.start + m.end();
        }
    }
    keep.push(at..within.end);
    mask_except(text, &keep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_masked_in_place() {
        let source = Source::new("a.txt", "See https://example.com/2023/10/05 for 460 tons.");
        let doc = ingest(&source);
        assert_eq!(doc.prose.len(), source.text.len());
        assert!(!doc.prose.contains("2023"));
        assert!(doc.prose.contains("460 tons"));
    }

    #[test]
    fn addresses_without_a_scheme_are_masked_in_any_case() {
        for text in [
            "See WWW.Example.com/2023/10/05 for 460 tons.",
            "See www.example.com/2023/10/05 for 460 tons.",
            "www.example.com/2023/10/05 for 460 tons.",
            "Write to press.2023@example.com for 460 tons.",
        ] {
            let source = Source::new("a.txt", text);
            let doc = ingest(&source);
            assert!(!doc.prose.contains("2023"), "{text:?}");
            assert!(doc.prose.contains("460 tons"), "{text:?}");
        }
        // "ww." is not "www.".
        let source = Source::new("a.txt", "ww.example.com/2023 rose");
        let doc = ingest(&source);
        assert!(doc.prose.contains("2023"));
    }
}
