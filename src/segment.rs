//! Segment: blocks of prose into sentences. A period ends a sentence only when white space and
//! a capital, digit, quote or bracket follow, and not after an abbreviation ("Mr.", "U.S."),
//! a month abbreviation before a day ("Nov. 14"), "No." before a number or an initial ("J.").

use crate::ingest::Document;
use crate::lexicon::{lexicon, start_of_last_word};
use crate::source::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index of the block (paragraph) the sentence belongs to.
    pub block: usize,
}

/// The longest sentence figcheck reads as one, in bytes. Longer runs of text without a
/// sentence end (tables, lists, garbage) are cut at white space into pieces of at most this
/// size, which bounds the work per sentence.
pub const MAX_SENTENCE: usize = 4096;

pub fn sentences(doc: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (block_index, block) in doc.blocks.iter().enumerate() {
        for span in split_block(&doc.prose, block.clone()) {
            cap(&doc.prose, span, |piece| {
                out.push(Sentence {
                    span: piece,
                    block: block_index,
                })
            });
        }
    }
    out
}

/// `span` cut into pieces of at most [`MAX_SENTENCE`] bytes, at white space where there is some,
/// each given to `piece` in order.
fn cap(prose: &str, span: Span, mut piece: impl FnMut(Span)) {
    let mut start = span.start;
    while span.end - start > MAX_SENTENCE {
        let mut limit = start + MAX_SENTENCE;
        while !prose.is_char_boundary(limit) {
            limit -= 1;
        }
        let cut = prose[start..limit]
            .rfind(char::is_whitespace)
            .map_or(limit, |i| start + i);
        let cut = if cut > start { cut } else { limit };
        piece(start..cut);
        start = cut + prose[cut..].len() - prose[cut..].trim_start().len();
    }
    if start < span.end {
        piece(start..span.end);
    }
}

/// Whether `c` ends a clause inside a sentence: a comma, semicolon, colon, bracket or dash.
/// (A comma or point inside a number, "1,200" or "3.5", is part of the number; a hyphen
/// inside a word, "year-ago", part of the word.) The token stream marks the same characters
/// (`link::tokens`).
pub fn breaks_clause(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '(' | ')' | '[' | ']' | '—' | '–' | '.' | '!' | '?'
    )
}

/// Where the clause that holds byte `at` of `text` starts: after the last clause break
/// before it that is not inside a number, a word or an abbreviation.
pub fn clause_start(text: &str, at: usize) -> usize {
    let head = &text[..at];
    let bytes = head.as_bytes();
    head.char_indices()
        .rev()
        .find(|&(i, c)| {
            let inner = |i: usize| {
                matches!(c, '.' | ',')
                    && i > 0
                    && bytes[i - 1].is_ascii_alphanumeric()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
            };
            let dash = c == '-' && head[..i].ends_with(' ') && head[i + 1..].starts_with(' ');
            (breaks_clause(c) && !inner(i)) || dash
        })
        .map_or(0, |(i, c)| i + c.len_utf8())
}

fn split_block(prose: &str, block: Span) -> Vec<Span> {
    let text = &prose[block.clone()];
    let mut spans = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(found) = memchr::memchr3(b'.', b'!', b'?', &text.as_bytes()[from..]) {
        let i = from + found;
        let c = char::from(text.as_bytes()[i]);
        // Closing quotes and brackets belong to the sentence they end.
        let closing = text[i + 1..]
            .chars()
            .take_while(|next| matches!(next, '"' | '\'' | '”' | '’' | ')' | ']' | '.' | '!' | '?'))
            .map(char::len_utf8)
            .sum::<usize>();
        let end = i + 1 + closing;
        from = end;
        let rest = &text[end..];
        let after = rest.trim_start();
        if after.len() == rest.len() || after.is_empty() {
            continue; // "3.5", "U.S.-led", or the block's end
        }
        let next = after.chars().next().unwrap_or(' ');
        if !(next.is_uppercase()
            || next.is_ascii_digit()
            || matches!(next, '"' | '\'' | '“' | '‘' | '(' | '['))
        {
            continue;
        }
        if c == '.' && !ends_sentence(&text[start..i + 1], next) {
            continue;
        }
        push_trimmed(&mut spans, block.start, text, start..end);
        start = end;
    }
    push_trimmed(&mut spans, block.start, text, start..text.len());
    spans
}

/// Whether the period that ends `before` ends a sentence, given the next word's first character.
fn ends_sentence(before: &str, next: char) -> bool {
    let word_start = start_of_last_word(before, |c| !c.is_whitespace());
    let word = before[word_start..].trim_start_matches(['(', '"', '“', '\'', '‘', '[']);
    let lex = lexicon();
    if lex.abbreviations.iter().any(|a| a == word) {
        return false;
    }
    if next.is_ascii_digit() && lex.months.iter().any(|(name, _)| name == word) {
        return false;
    }
    // An initial: "J. Smith".
    let mut letters = word.chars();
    if let (Some(first), Some('.'), None) = (letters.next(), letters.next(), letters.next())
        && first.is_uppercase()
    {
        return false;
    }
    true
}

fn push_trimmed(spans: &mut Vec<Span>, base: usize, text: &str, range: Span) {
    let piece = &text[range.clone()];
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let lead = piece.len() - piece.trim_start().len();
    let start = base + range.start + lead;
    spans.push(start..start + trimmed.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{InputFormat, ingest};
    use crate::source::Source;

    fn split(text: &str) -> Vec<String> {
        let source = Source::new("a.txt", text);
        let doc = ingest(&source, InputFormat::Text);
        sentences(&doc)
            .iter()
            .map(|s| text[s.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn abbreviations_and_decimals_do_not_split() {
        assert_eq!(
            split(
                "Output fell 3.5% through Oct. 23 in the U.S. Army depot. Sept. 11 was quiet. Mr. Kim agreed."
            ),
            [
                "Output fell 3.5% through Oct. 23 in the U.S. Army depot.",
                "Sept. 11 was quiet.",
                "Mr. Kim agreed."
            ]
        );
        assert_eq!(
            split("Gate No. 5 opened. It rained!"),
            ["Gate No. 5 opened.", "It rained!"]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            split("\"We are ready.\" The 13th meeting ended. (It was late.) Then 40 left."),
            [
                "\"We are ready.\"",
                "The 13th meeting ended.",
                "(It was late.)",
                "Then 40 left."
            ]
        );
    }

    #[test]
    fn overlong_sentences_are_cut_at_white_space() {
        let text = "word ".repeat(3000);
        let pieces = split(&text);
        assert!(pieces.len() >= 3, "{}", pieces.len());
        assert!(
            pieces
                .iter()
                .all(|p| p.len() <= MAX_SENTENCE && p.starts_with("word"))
        );
    }

    #[test]
    fn paragraphs_never_share_a_sentence() {
        let text = "No period here\n\nNext paragraph.";
        assert_eq!(split(text), ["No period here", "Next paragraph."]);
    }
}
