//! Hedges written just before a figure: "some 7,800 tons", "nearly a decade".

use crate::lexicon::lexicon;

/// The hedge that ends right before `start` (white space between), as `(hedge index, start of
/// the hedge)`. Before a duration, words that also mean "during" ("over two hours") are not
/// hedges.
pub fn hedge_before(text: &str, start: usize, duration: bool) -> Option<(usize, usize)> {
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
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
        let n = hedge.word.len();
        if before.len() < n || !before.is_char_boundary(before.len() - n) {
            continue;
        }
        let at = before.len() - n;
        if !before[at..].eq_ignore_ascii_case(&hedge.word) {
            continue;
        }
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
    let trimmed = rest.trim_start_matches(' ');
    if trimmed.len() == rest.len() {
        return None;
    }
    let at = end + rest.len() - trimmed.len();
    for (index, hedge) in lexicon().hedges.iter().enumerate() {
        let n = hedge.word.len();
        if !hedge.after
            || trimmed.len() < n
            || !trimmed.is_char_boundary(n)
            || !trimmed[..n].eq_ignore_ascii_case(&hedge.word)
        {
            continue;
        }
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
