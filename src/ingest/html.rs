//! HTML: tags, comments and the contents of `script`, `style`, `code`, `pre` and the like are
//! masked; character references are decoded in place (the character, then spaces up to the
//! reference's length), so every offset still points into the original bytes. Block elements
//! end a block. The reference date comes from `<meta property="article:published_time">` (or a
//! `date` meta) or the first `<time datetime>`.

use std::sync::OnceLock;

use regex::Regex;

use super::{DateSource, Document, ReferenceDate, blank_line_blocks, directives};
use crate::source::{Source, Span};

/// Elements whose contents are never prose.
const HIDDEN: &[&str] = &[
    "script", "style", "code", "pre", "noscript", "template", "svg", "math", "head",
];

/// Elements that start or end a block of prose.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "article",
    "section",
    "header",
    "footer",
    "aside",
    "blockquote",
    "figure",
    "figcaption",
    "main",
    "nav",
    "dd",
    "dt",
    "dl",
    "hr",
    "title",
    "body",
    "html",
];

pub fn ingest(source: &Source) -> Document<'_> {
    let text = source.text.as_str();
    let bytes = text.as_bytes();
    let mut prose: Vec<u8> = text
        .bytes()
        .map(|b| if b == b'\n' { b'\n' } else { b' ' })
        .collect();
    let mut at = 0;
    // The element whose contents are hidden, while inside one.
    let mut hidden: Option<String> = None;
    let mut comments: Vec<Span> = Vec::new();
    while at < bytes.len() {
        if bytes[at] == b'<' {
            let end = tag_end(text, at);
            let tag = &text[at..end];
            if hidden.is_none() && tag.starts_with("<!--") {
                comments.push(at..end);
            }
            if let Some(name) = tag_name(tag) {
                let closing = tag.starts_with("</");
                match &hidden {
                    Some(open) if closing && name == *open => hidden = None,
                    Some(_) => {}
                    None if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with("/>") => {
                        hidden = Some(name.clone());
                    }
                    None => {}
                }
                // A block element breaks the prose: two line breaks where the tag was.
                if BLOCKS.contains(&name.as_str()) && end - at >= 2 {
                    prose[at] = b'\n';
                    prose[at + 1] = b'\n';
                }
            }
            at = end;
            continue;
        }
        let char_len = text[at..].chars().next().map_or(1, char::len_utf8);
        if hidden.is_none() {
            if bytes[at] == b'&'
                && let Some((decoded, len)) = reference(&text[at..])
            {
                let mut buffer = [0; 4];
                let written = decoded.encode_utf8(&mut buffer).as_bytes();
                prose[at..at + written.len()].copy_from_slice(written);
                at += len;
                continue;
            }
            prose[at..at + char_len].copy_from_slice(&bytes[at..at + char_len]);
        }
        at += char_len;
    }
    // Every byte is copied whole within a character, decoded whole, or is ASCII.
    let prose = String::from_utf8(prose)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let prose = mask_urls(prose);
    let blocks = blank_line_blocks(&prose);
    let suppressions = directives::suppressions(text, &comments, &blocks);
    Document {
        source,
        prose,
        blocks,
        suppressions,
        dateline: None,
        stated_date: published(text).map(|date| ReferenceDate {
            date,
            source: DateSource::Html,
        }),
    }
}

/// Where a tag, comment or declaration that starts at `at` ends (just after its `>`).
fn tag_end(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    if rest.starts_with("<!--") {
        return rest.find("-->").map_or(text.len(), |i| at + i + 3);
    }
    // A `>` inside a quoted attribute does not close the tag.
    let mut quote: Option<char> = None;
    for (i, c) in rest.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return at + i + 1,
            _ => {}
        }
    }
    text.len()
}

/// The lowercased element name of a tag ("<p class=x>" → "p", "</div>" → "div").
fn tag_name(tag: &str) -> Option<String> {
    let inner = tag.strip_prefix('<')?.trim_start_matches('/');
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    (!name.is_empty()).then(|| name.to_ascii_lowercase())
}

/// A character reference at the start of `text` ("&amp;", "&#8217;", "&#x2019;") and its length.
fn reference(text: &str) -> Option<(char, usize)> {
    let end = text[..text.floor_char_boundary(text.len().min(12))].find(';')?;
    let body = &text[1..end];
    let c = if let Some(number) = body.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(value)?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "ndash" => '–',
            "mdash" => '—',
            "rsquo" => '’',
            "lsquo" => '‘',
            "rdquo" => '”',
            "ldquo" => '“',
            "hellip" => '…',
            "pound" => '£',
            "euro" => '€',
            "yen" => '¥',
            "cent" => '¢',
            "deg" => '°',
            "frac12" => '½',
            "frac14" => '¼',
            "frac34" => '¾',
            "times" => '×',
            "minus" => '−',
            "thinsp" => '\u{2009}',
            _ => return None,
        }
    };
    (c.len_utf8() <= end + 1).then_some((c, end + 1))
}

/// The prose with URLs and e-mail addresses blanked, as plain text has them.
fn mask_urls(prose: String) -> String {
    let whole = 0..prose.len();
    super::text::mask_urls(&prose, whole)
}

/// The publication date an HTML page states: `<meta property="article:published_time">`, a
/// `date` meta, or the first `<time datetime>`.
fn published(text: &str) -> Option<jiff::civil::Date> {
    static PATTERNS: OnceLock<[Regex; 3]> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("valid date pattern");
        [
            re(r#"(?is)<meta\b[^>]*\b(?:property|name)\s*=\s*["'](?:article:published_time|date|pubdate|dc\.date)["'][^>]*\bcontent\s*=\s*["']([0-9]{4}-[0-9]{2}-[0-9]{2})"#),
            re(r#"(?is)<meta\b[^>]*\bcontent\s*=\s*["']([0-9]{4}-[0-9]{2}-[0-9]{2})[^"']*["'][^>]*\b(?:property|name)\s*=\s*["'](?:article:published_time|date|pubdate|dc\.date)["']"#),
            re(r#"(?is)<time\b[^>]*\bdatetime\s*=\s*["']([0-9]{4}-[0-9]{2}-[0-9]{2})"#),
        ]
    });
    patterns
        .iter()
        .find_map(|re| re.captures(text)?.get(1)?.as_str().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_masked_and_references_decoded_in_place() {
        let text = "<html><head><title>T</title><script>var x = 460;</script></head>\
            <body><p>Some 7,800&nbsp;tons &amp; <b>460</b> tons&#8217; worth.</p>\
            <pre>99 tons</pre><p>Next</p></body></html>";
        let source = Source::new("a.html", text);
        let doc = ingest(&source);
        assert_eq!(doc.prose.len(), text.len());
        assert!(!doc.prose.contains("var x"));
        assert!(!doc.prose.contains("99 tons"));
        assert!(doc.prose.contains("7,800\u{a0}"));
        assert!(doc.prose.contains("460"));
        assert!(doc.prose.contains("’"));
        let blocks: Vec<&str> = doc
            .blocks
            .iter()
            .map(|b| doc.prose[b.clone()].trim())
            .collect();
        assert!(blocks.iter().any(|b| b.starts_with("Some 7,800")));
        assert!(blocks.contains(&"Next"));
    }

    #[test]
    fn the_page_states_its_date() {
        let text = r#"<meta property="article:published_time" content="2023-10-05T09:00:00+09:00"><p>x</p>"#;
        assert_eq!(published(text), Some(jiff::civil::date(2023, 10, 5)));
        let text = r#"<p>Posted <time datetime="2024-03-04">March 4</time></p>"#;
        assert_eq!(published(text), Some(jiff::civil::date(2024, 3, 4)));
    }
}
