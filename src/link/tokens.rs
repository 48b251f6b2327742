//! The token stream of a sentence (DESIGN §3b): its figures, words and punctuation marks in
//! order. Every linker reads tokens, never the bytes of the prose between figures.
//!
//! A figure is one token however many words it is written with ("some 5,200 tons", "from Jan.
//! 12 to Feb. 2"); a figure inside another (the dates of a range) is reached through the
//! outer one. A word is a run of letters and digits, with an apostrophe or hyphen between two
//! of them inside it ("year-ago", "don't"); a possessive "'s" is a word of its own. Every dash
//! ("-", "–", "—", "--") is one punctuation mark, `-`.

use crate::extract::MentionKind;
use crate::normalize::Figure;
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    /// A figure: its index among the document's figures.
    Figure(usize),
    Word,
    /// A punctuation mark, every dash as `-` and every quotation mark as `"`.
    Punct(char),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
}

impl Token {
    pub fn figure(&self) -> Option<usize> {
        match self.tok {
            Tok::Figure(i) => Some(i),
            _ => None,
        }
    }

    pub fn is_word(&self) -> bool {
        self.tok == Tok::Word
    }

    pub fn punct(&self) -> Option<char> {
        match self.tok {
            Tok::Punct(c) => Some(c),
            _ => None,
        }
    }
}

/// The tokens of `span` of `prose`; `figures` are the document's figures in text order and
/// `run` the indices of those in this sentence.
pub fn tokens(
    prose: &str,
    span: &Span,
    figures: &[Figure],
    run: std::ops::Range<usize>,
) -> Vec<Token> {
    let mut out = Vec::new();
    // The outermost figures, in order: a figure inside the one before is not a token. A day
    // written with its weekday ("Friday, March 2") is read as its two figures, the weekday and
    // the day, which is what a relation between them needs.
    let mut outer: Vec<usize> = Vec::with_capacity(run.len());
    let weekday_day = |i: usize| {
        let f = &figures[i].mention;
        f.kind == MentionKind::Date
            && run.clone().any(|j| {
                let g = &figures[j].mention;
                j != i
                    && g.kind == MentionKind::Weekday
                    && f.span.start <= g.span.start
                    && g.span.end <= f.span.end
            })
    };
    for i in run.clone() {
        if weekday_day(i) {
            continue;
        }
        let s = &figures[i].mention.span;
        if outer
            .last()
            .is_some_and(|&o| figures[o].mention.span.end > s.start)
        {
            continue;
        }
        outer.push(i);
    }
    let mut next_figure = outer.into_iter().peekable();
    let mut at = span.start;
    while at < span.end {
        if let Some(&f) = next_figure.peek() {
            let s = &figures[f].mention.span;
            if s.start <= at {
                next_figure.next();
                if s.end > at {
                    out.push(Token {
                        tok: Tok::Figure(f),
                        span: s.clone(),
                    });
                    at = s.end;
                }
                continue;
            }
        }
        let limit = next_figure
            .peek()
            .map_or(span.end, |&f| figures[f].mention.span.start.min(span.end));
        let c = prose[at..].chars().next().expect("inside the text");
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = word_end(prose, at, limit);
            // "Inc.", "Mr.": an abbreviation keeps its point, which ends no clause.
            if prose[end..limit].starts_with('.')
                && crate::lexicon::lexicon()
                    .abbreviations
                    .iter()
                    .any(|a| a.as_str() == &prose[at..end + 1])
            {
                end += 1;
            }
            // "year's": the possessive is a word of its own.
            let word = &prose[at..end];
            let split = word.len() > 2
                && (word.ends_with("'s") || word.ends_with("'S"))
                && word[..word.len() - 2].ends_with(char::is_alphanumeric);
            let split_curly = word.len() > 4 && word.ends_with("’s");
            if split || split_curly {
                let cut = end - if split { 2 } else { "’s".len() };
                out.push(Token {
                    tok: Tok::Word,
                    span: at..cut,
                });
                out.push(Token {
                    tok: Tok::Word,
                    span: cut..end,
                });
            } else {
                out.push(Token {
                    tok: Tok::Word,
                    span: at..end,
                });
            }
            at = end;
            continue;
        }
        // A run of dashes is one dash.
        let dash = |c: char| matches!(c, '-' | '–' | '—' | '‒' | '―');
        if dash(c) {
            let mut end = at;
            while end < limit
                && let Some(d) = prose[end..].chars().next()
                && dash(d)
            {
                end += d.len_utf8();
            }
            out.push(Token {
                tok: Tok::Punct('-'),
                span: at..end,
            });
            at = end;
            continue;
        }
        // "last year's": the possessive after a figure is a word.
        if matches!(c, '\'' | '’')
            && let Some(rest) = prose[at + c.len_utf8()..limit].strip_prefix(['s', 'S'])
            && !rest.starts_with(char::is_alphanumeric)
            && out.last().is_some_and(|t: &Token| t.span.end == at)
        {
            let end = at + c.len_utf8() + 1;
            out.push(Token {
                tok: Tok::Word,
                span: at..end,
            });
            at = end;
            continue;
        }
        let mark = match c {
            '“' | '”' | '„' | '«' | '»' => '"',
            '‘' | '’' => '\'',
            c => c,
        };
        out.push(Token {
            tok: Tok::Punct(mark),
            span: at..at + c.len_utf8(),
        });
        at += c.len_utf8();
    }
    out
}

/// Where the word that starts at `at` ends: initials with their points ("U.S."), or letters
/// and digits with an apostrophe, hyphen or ampersand between two of them ("year-ago",
/// "don't", "S&P").
fn word_end(prose: &str, at: usize, limit: usize) -> usize {
    let text = &prose[at..limit];
    let bytes = text.as_bytes();
    // "U.S.", "N.V.": single letters, each with its point.
    let mut k = 0;
    while k + 1 < bytes.len() && bytes[k].is_ascii_alphabetic() && bytes[k + 1] == b'.' {
        k += 2;
        if bytes.get(k).is_some_and(u8::is_ascii_alphanumeric)
            && bytes.get(k + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            k = 0; // "A.Smith": not initials
            break;
        }
    }
    if k >= 4 {
        return at + k;
    }
    let mut end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = i + c.len_utf8();
        } else if matches!(c, '\'' | '’' | '-' | '&')
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric())
        {
            continue;
        } else {
            break;
        }
    }
    at + end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{InputFormat, ingest};
    use crate::source::Source;

    /// Each token of the first sentence as text, figures in brackets.
    fn show(text: &str) -> Vec<String> {
        let source = Source::new("a.txt", text);
        let doc = ingest(&source, InputFormat::Text);
        let sentences = crate::segment::sentences(&doc);
        let mentions = crate::extract::extract(&doc, &sentences);
        let figures = crate::normalize::normalize(mentions, None);
        let run = 0..figures
            .iter()
            .take_while(|f| f.mention.sentence == 0)
            .count();
        tokens(&doc.prose, &sentences[0].span, &figures, run)
            .iter()
            .map(|t| match t.tok {
                Tok::Figure(_) => format!("[{}]", &text[t.span.clone()]),
                _ => text[t.span.clone()].to_string(),
            })
            .collect()
    }

    #[test]
    fn figures_words_and_marks() {
        assert_eq!(
            show("Sales rose 5% to $3 million, up from last year's $2.9 million."),
            [
                "Sales",
                "rose",
                "[5%]",
                "to",
                "[$3 million]",
                ",",
                "up",
                "from",
                "[last year]",
                "'s",
                "[$2.9 million]",
                "."
            ]
        );
        assert_eq!(
            show("Acme has a 21% share — down from 24% -- in the U.S. market."),
            [
                "Acme", "has", "a", "[21%]", "share", "—", "down", "from", "[24%]", "--", "in",
                "the", "U.S.", "market", "."
            ]
        );
        assert_eq!(
            show("The year-ago figure, it said, wasn't \"final\"."),
            [
                "The", "year-ago", "figure", ",", "it", "said", ",", "wasn't", "\"", "final", "\"",
                "."
            ]
        );
    }

    #[test]
    fn a_day_with_its_weekday_is_read_as_the_two() {
        assert_eq!(
            show("It opened on Friday, March 2, 2023."),
            [
                "It",
                "opened",
                "on",
                "[Friday]",
                ",",
                "[March 2, 2023]",
                "."
            ]
        );
        assert_eq!(
            show("The firm of Smith's says 's is odd."),
            [
                "The", "firm", "of", "Smith", "'s", "says", "'", "s", "is", "odd", "."
            ]
        );
    }

    #[test]
    fn a_figure_inside_another_is_not_a_token() {
        assert_eq!(
            show("It ran from Aug. 24 to Sept. 11, 2023."),
            ["It", "ran", "[from Aug. 24 to Sept. 11, 2023]", "."]
        );
    }
}
