//! Markdown through pulldown-cmark's offset iterator: only text events are prose; code,
//! HTML, link destinations and front matter are masked. A `date:` line in YAML front matter
//! gives the reference date.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{DateSource, Document, ReferenceDate, directives, mask_except};
use crate::source::{Source, Span};

pub fn ingest(source: &Source) -> Document<'_> {
    let text = source.text.as_str();
    let (front_matter_end, stated_date) = front_matter(text);

    let mut keep: Vec<Span> = Vec::new();
    let mut comments: Vec<Span> = Vec::new();
    let mut blocks: Vec<Span> = Vec::new();
    let mut open: Option<Span> = None;
    let mut code_depth = 0usize;
    let mut in_autolink = false;
    let close = |open: &mut Option<Span>, blocks: &mut Vec<Span>| {
        if let Some(block) = open.take() {
            blocks.push(block);
        }
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Text(_)
                if code_depth == 0 && !in_autolink && range.start >= front_matter_end =>
            {
                keep.push(range.clone());
                match &mut open {
                    Some(block) => block.end = range.end,
                    None => open = Some(range),
                }
            }
            Event::SoftBreak | Event::HardBreak => {}
            Event::Html(_) | Event::InlineHtml(_) if code_depth == 0 => comments.push(range),
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) | Event::Text(_) => {}
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => {
                close(&mut open, &mut blocks);
                code_depth += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                code_depth = code_depth.saturating_sub(1);
            }
            // An autolink's text is its URL.
            Event::Start(Tag::Link { link_type, .. }) if is_autolink(link_type) => {
                in_autolink = true
            }
            Event::End(TagEnd::Link) => in_autolink = false,
            Event::Start(tag) if is_block(&tag) => close(&mut open, &mut blocks),
            Event::End(tag) if is_block_end(&tag) => close(&mut open, &mut blocks),
            _ => {}
        }
    }
    close(&mut open, &mut blocks);
    keep.sort_by_key(|s| s.start);

    let suppressions = directives::suppressions(text, &comments, &blocks);
    Document {
        source,
        prose: mask_except(text, &keep),
        blocks,
        stated_date,
        suppressions,
        dateline: None,
    }
}

fn is_autolink(link_type: pulldown_cmark::LinkType) -> bool {
    matches!(
        link_type,
        pulldown_cmark::LinkType::Autolink | pulldown_cmark::LinkType::Email
    )
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::FootnoteDefinition(_)
            | Tag::HtmlBlock
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition
            | TagEnd::HtmlBlock
    )
}

/// The end offset of YAML front matter (`---` … `---` at the top of the file), 0 if there is
/// none, and the date its `date:` key gives.
fn front_matter(text: &str) -> (usize, Option<ReferenceDate>) {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = body
        .strip_prefix("---\n")
        .or_else(|| body.strip_prefix("---\r\n"))
    else {
        return (0, None);
    };
    let mut offset = text.len() - rest.len();
    let mut date = None;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let content = line.trim_end();
        if content == "---" || content == "..." {
            return (offset, date);
        }
        if let Some(value) = content.strip_prefix("date:") {
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
            date = value
                .get(..10)
                .and_then(|day| day.parse().ok())
                .map(|date| ReferenceDate {
                    date,
                    source: DateSource::FrontMatter,
                });
        }
    }
    // An unterminated block is not front matter.
    (0, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<String> {
        let source = Source::new("a.md", text);
        let doc = ingest(&source);
        doc.blocks
            .iter()
            .map(|b| doc.prose[b.clone()].to_string())
            .collect()
    }

    #[test]
    fn front_matter_gives_the_date_and_is_masked() {
        let source = Source::new(
            "a.md",
            "---\ntitle: x\ndate: 2023-10-05T09:00:00+09:00\n---\n\nIt rose 5% on Monday.\n",
        );
        let doc = ingest(&source);
        assert_eq!(
            doc.stated_date.unwrap().date,
            jiff::civil::date(2023, 10, 5)
        );
        assert_eq!(doc.blocks.len(), 1);
        assert!(!doc.prose.contains("2023"));
    }

    #[test]
    fn code_is_masked_but_offsets_survive() {
        let text = "Pumped `300 litres` a day.\n\n```\n40 tonnes\n```\n\n# Heading 2024\nBody *text* here.\n";
        let source = Source::new("a.md", text);
        let doc = ingest(&source);
        assert_eq!(doc.prose.len(), text.len());
        assert!(!doc.prose.contains("300"));
        assert!(!doc.prose.contains("40 tonnes"));
        let got = blocks(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[1].contains("2024"));
        assert!(got[2].starts_with("Body"));
    }

    #[test]
    fn tight_list_items_are_separate_blocks() {
        let got = blocks("- 3 tons\n- 4 tons\n");
        assert_eq!(got, ["3 tons", "4 tons"]);
    }
}
