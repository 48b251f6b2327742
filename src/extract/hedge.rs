//! Hedges written just before a figure: "some 5,200 tons", "nearly a month".

use crate::lexicon::{ends_with_words, lexicon, starts_with_words};

/// The hedge that ends right before `start` (white space between), as `(hedge index, start of
/// the hedge)`. Before a duration, words that also mean "during" ("over two hours") are not
/// hedges.
pub fn hedge_before(text: &str, start: usize, duration: bool) -> Option<(usize, usize)> {
    // A draft wrapped by hand may break a line anywhere in "more than\n500".
    let before = text[..start].trim_end();
    let last = *before.as_bytes().last()?;
    for (index, hedge) in lexicon().hedges.iter().enumerate() {
        // Most hedges end in another letter than the text does: one comparison skips them.
        if !hedge
            .word
            .as_bytes()
            .last()
            .is_some_and(|b| b.eq_ignore_ascii_case(&last))
        {
            continue;
        }
        // A word needs a space before the figure; a sign such as ">" does not.
        let spaced = before.len() < start || !hedge.word.ends_with(char::is_alphanumeric);
        if hedge.after || !spaced {
            continue;
        }
        let Some(at) = ends_with_words(before, &hedge.word) else {
            continue;
        };
        // A word stands alone; a sign such as ">" may follow a letter ("x>10") but not
        // another sign ("<>30").
        let previous = before[..at].chars().next_back();
        let boundary = if hedge.word.starts_with(char::is_alphanumeric) {
            previous.is_none_or(|c| !c.is_alphanumeric())
        } else {
            previous.is_none_or(|c| !matches!(c, '<' | '>' | '='))
        };
        if boundary && !(duration && hedge.not_for_durations) {
            return Some((index, at));
        }
    }
    None
}

/// The hedge written right after a figure ending at `end` ("or more", "or less"), as
/// `(hedge index, end of the hedge)`. "5000 or less than 6000" is two figures, not a hedge.
pub fn hedge_after(text: &str, end: usize) -> Option<(usize, usize)> {
    let rest = &text[end..];
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return None;
    }
    let at = end + rest.len() - trimmed.len();
    for (index, hedge) in lexicon().hedges.iter().enumerate() {
        if !hedge.after {
            continue;
        }
        let Some(n) = starts_with_words(trimmed, &hedge.word) else {
            continue;
        };
        let after = trimmed[n..].trim_start();
        let figure_follows = super::words::phrases(after)
            .first()
            .is_some_and(|p| p.span.start == 0);
        // "or less than 6000", "and more than 194": the start of another bound.
        let next_word = after
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let another = matches!(next_word.as_str(), "than" | "to");
        if crate::lexicon::ends_word(trimmed, n) && !figure_follows && !another {
            return Some((index, at + n));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, start: usize, duration: bool) -> Option<String> {
        hedge_before(text, start, duration).map(|(i, _)| lexicon().hedges[i].word.clone())
    }

    /// A hedge runs over any white space, a line break of a draft wrapped by hand included,
    /// before the figure and between its words.
    #[test]
    fn a_hedge_runs_over_any_white_space() {
        for text in [
            "sold more\nthan 40",
            "sold more than\n40",
            "sold more \n  than\u{a0}40",
        ] {
            let start = text.len() - 2;
            assert_eq!(
                word(text, start, false).as_deref(),
                Some("more than"),
                "{text:?}"
            );
        }
        assert_eq!(word("sold morethan 40", 14, false), None);
        let after = |text: &str| {
            hedge_after(text, 2).map(|(i, end)| (lexicon().hedges[i].word.clone(), end))
        };
        assert_eq!(after("40 or\nmore."), Some(("or more".to_string(), 10)));
        assert_eq!(after("40\nor more."), Some(("or more".to_string(), 10)));
        assert_eq!(after("40 ormore."), None);
    }

    #[test]
    fn finds_the_longest_hedge() {
        assert_eq!(
            word("it took more than 40", 18, false).as_deref(),
            Some("more than")
        );
        assert_eq!(word("Some 40", 5, false).as_deref(), Some("some"));
        assert_eq!(word("handsome 40", 9, false), None);
        assert_eq!(word("over 40", 5, false).as_deref(), Some("over"));
        assert_eq!(word("over two hours", 5, true), None);
    }
}
