//! Units after a number ("5,200 tons", "a 22-day", "5km") and the rate that may follow
//! ("per day", "a day", "/day", "daily"), with the stuff being measured ("tons of grain").

use crate::lexicon::{ends_word, lexicon, word_space};

/// The unit right after a number ending at `at`: attached ("5km"), after a space or a line
/// break ("12,000\ncubic metres"), or after a hyphen ("22-day"). Returns `(unit index, end)`.
pub fn unit_after(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &text[at..];
    let gap = rest.len()
        - rest
            .trim_start_matches([' ', '\n', '\r', '\u{a0}', '\u{202f}', '-'])
            .len();
    let gap_text = &rest[..gap];
    // One space, no-break space, line break or hyphen; more plain spaces are markup masked in
    // place ("**5,200** tons", "5,200&nbsp;tons") or stand around a line break.
    let hyphen = gap_text.contains('-');
    let marks = gap_text.chars().filter(|c| *c != ' ').count() - gap_text.matches("\r\n").count();
    if marks > 1 || (hyphen && gap_text != "-") {
        return None;
    }
    let (unit, len) = match lexicon().unit_at(&rest[gap..], true) {
        Some(found) => found,
        None if gap_text.trim().is_empty() => return bracketed_unit(text, at + gap),
        None => return None,
    };
    let end = at + gap + len;
    // "L-202", "B-52": a name, not a unit.
    if text[end..].starts_with('-') && text[end + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((unit, end))
}

/// A unit in brackets right after a number: "20 (kg)", "20 [kg]".
fn bracketed_unit(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &text[at..];
    let close = match rest.chars().next()? {
        '(' => ')',
        '[' => ']',
        '{' => '}',
        '<' => '>',
        _ => return None,
    };
    let (unit, len) = lexicon().unit_at(&rest[1..], true)?;
    rest[1 + len..]
        .starts_with(close)
        .then_some((unit, at + len + 2))
}

/// Words that end the phrase naming the stuff measured: "tons of milled grain into the silos".
const STUFF_STOPS: &[&str] = &[
    "a", "an", "per", "each", "every", "into", "to", "in", "on", "at", "for", "from", "through",
    "by", "over", "and", "or", "was", "were", "is", "are", "had", "has", "will", "that", "which",
    "daily", "hourly", "weekly", "monthly", "annually", "yearly", "of", "with", "this", "these",
    "those", "would", "could", "should", "can", "may", "might", "must", "be", "been", "being",
    "said", "says", "say", "last", "next", "since", "after", "before", "as", "than", "but", "so",
    "if", "when", "while", "until", "during", "under", "within", "across", "against", "about",
    "around", "near", "off", "out", "up", "down", "it", "they", "he", "she", "we", "you", "i",
];

/// The stuff named after a unit ("of milled grain" → "grain") and where its phrase ends;
/// `(None, at)` when no "of" phrase follows.
pub fn stuff_after(text: &str, at: usize) -> (Option<String>, usize) {
    let rest = &text[at..];
    let lead = rest.len() - rest.trim_start().len();
    let of_space = rest[lead..].strip_prefix("of").map_or(0, word_space);
    if lead == 0 || of_space == 0 {
        return (None, at);
    }
    let mut pos = at + lead + 2 + of_space;
    let (mut head, mut end) = (None, at);
    for _ in 0..4 {
        let word_text = &text[pos..];
        // "U.S. corn": an abbreviation with full stops is one word.
        let abbreviation = word_text
            .as_bytes()
            .chunks(2)
            .take_while(|pair| pair.len() == 2 && pair[0].is_ascii_uppercase() && pair[1] == b'.')
            .count();
        let len = if abbreviation >= 2 {
            2 * abbreviation
        } else {
            word_text
                .find(|c: char| !(c.is_alphabetic() || c == '-'))
                .unwrap_or(word_text.len())
        };
        let lower = word_text[..len].to_lowercase();
        if len == 0 || STUFF_STOPS.contains(&lower.as_str()) {
            break;
        }
        if !matches!(lower.as_str(), "the" | "its" | "their" | "his" | "her") {
            head = Some(lower);
        }
        end = pos + len;
        let space = word_space(&word_text[len..]);
        if space == 0 {
            break;
        }
        pos += len + space;
    }
    if head.is_none() {
        return (None, at);
    }
    (head, end)
}

/// A rate marker after a quantity's unit (and its stuff), as `(time unit index, end)`:
/// "per day", "a day", "an hour", "each week", "/day", "-per-hour", "daily". "A year earlier"
/// is not a rate.
pub fn rate_after(text: &str, at: usize) -> Option<(usize, usize)> {
    let lex = lexicon();
    let rest = &text[at..];
    let (unit, end) = if let Some(attached) = rest
        .strip_prefix('/')
        .or_else(|| rest.strip_prefix("-per-"))
    {
        let (unit, len) = lex.unit_at(attached, true)?;
        (unit, text.len() - attached.len() + len)
    } else {
        let trimmed = rest.trim_start();
        let offset = at + rest.len() - trimmed.len();
        if offset == at {
            return None;
        }
        let word_end = trimmed
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(trimmed.len());
        let word = trimmed[..word_end].to_ascii_lowercase();
        if let Some(&unit) = lex.rate_adverbs.get(&word) {
            return Some((unit, offset + word_end));
        }
        if !lex.rate_markers.contains(&word) {
            return None;
        }
        let after = &trimmed[word_end..];
        let unit_text = after.trim_start();
        if unit_text.len() == after.len() {
            return None;
        }
        let unit_at = offset + word_end + (after.len() - unit_text.len());
        let (unit, len) = lex.unit_at(unit_text, false)?;
        (unit, unit_at + len)
    };
    if !lex.units[unit].is_time() || !ends_word(text, end) {
        return None;
    }
    let next = text[end..].trim_start();
    let next_word = &next[..next
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(next.len())];
    if lex
        .rate_not_before
        .iter()
        .any(|w| w.eq_ignore_ascii_case(next_word))
    {
        return None;
    }
    Some((unit, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbol(id: usize) -> &'static str {
        &lexicon().units[id].symbol
    }

    #[test]
    fn units_after_numbers() {
        let text = "a 19-day run, 5km, 7 tons, 40 tomatoes";
        let (id, end) = unit_after(text, 4).unwrap();
        assert_eq!((symbol(id), &text[4..end]), ("day", "-day"));
        let (id, _) = unit_after(text, 15).unwrap();
        assert_eq!(symbol(id), "km");
        assert!(unit_after(text, 29).is_none());
    }

    #[test]
    fn rates_and_stuff() {
        let text = "460 tons of treated water per day";
        let (stuff, end) = stuff_after(text, 8);
        assert_eq!(stuff.as_deref(), Some("water"));
        let (id, rate_end) = rate_after(text, end).unwrap();
        assert_eq!((symbol(id), rate_end), ("day", text.len()));
        assert_eq!(symbol(rate_after(" a minute", 0).unwrap().0), "min");
        assert_eq!(symbol(rate_after("/h", 0).unwrap().0), "h");
        assert_eq!(symbol(rate_after(" daily", 0).unwrap().0), "day");
        assert!(rate_after(" a tonne", 0).is_none());
        assert!(rate_after(" a dayold", 0).is_none());
        assert!(rate_after(" a year earlier", 0).is_none());
        assert_eq!(symbol(rate_after("-per-hour winds", 0).unwrap().0), "h");
    }
}
