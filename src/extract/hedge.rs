//! Hedges written just before a figure: "some 7,800 tons", "nearly a decade".

use crate::lexicon::lexicon;

/// The hedge that ends right before `start` (white space between), as `(hedge index, start of
/// the hedge)`. Before a duration, words that also mean "during" ("over two hours") are not
/// hedges.
pub fn hedge_before(text: &str, start: usize, duration: bool) -> Option<(usize, usize)> {
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    if before.len() == start {
        return None;
    }
    for (index, hedge) in lexicon().hedges.iter().enumerate() {
        let n = hedge.word.len();
        if before.len() < n || !before.is_char_boundary(before.len() - n) {
            continue;
        }
        let at = before.len() - n;
        if !before[at..].eq_ignore_ascii_case(&hedge.word) {
            continue;
        }
        let boundary = before[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if boundary && !(duration && hedge.not_for_durations) {
            return Some((index, at));
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
