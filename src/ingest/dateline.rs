//! A news dateline at the top of a story: "SEOUL, Oct. 5, 2023 (Yonhap) --", "PORTLAND,
//! Ore., March 3 2024 -", "LONDON, 5 October 2023 (Reuters) —", "GENEVA, 2023-10-05 —". The
//! place is in capitals, the date follows it after a comma, an agency may follow in brackets,
//! and a dash ends it. A dateline without a year ("SEOUL, Oct. 5 (Yonhap) —") cannot date the
//! story on its own and gives nothing; neither does one without a date ("LONDON (Reuters) -").

use std::sync::OnceLock;

use jiff::civil::Date;

use crate::lexicon::lexicon;
use crate::pattern::Pattern;
use crate::source::Span;

/// The marks a place's words may hold besides capitals: "U.S.", "O’HARE", "X-RAY" (the dash
/// last, where a class reads it as itself). The pattern's place and the screen before it read
/// the same marks.
const PLACE_MARKS: &str = ".'’-";

/// The date of the dateline that opens the first block of `prose`, if it has one with a year.
pub fn date(prose: &str, blocks: &[Span]) -> Option<Date> {
    let first = blocks.first()?;
    let end = prose.floor_char_boundary(first.end.min(first.start + 200));
    let head = prose.get(first.start..end)?;
    // A place in capitals (its first two characters as the pattern's `place` has them: "SEOUL",
    // "U.S.", "O’HARE") and a date with digits: the pattern is compiled only for a story that
    // could open with a dateline, not for one that opens with a headline ("Toy sales slump").
    let mut opening = head.chars();
    let place = opening.next().is_some_and(|c| c.is_ascii_uppercase())
        && opening
            .next()
            .is_some_and(|c| c.is_ascii_uppercase() || PLACE_MARKS.contains(c));
    if !(place && head.bytes().any(|b| b.is_ascii_digit())) {
        return None;
    }
    static PATTERN: OnceLock<Pattern> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        let mut months: Vec<&String> = lexicon().months.iter().map(|(name, _)| name).collect();
        months.sort_by_key(|m| std::cmp::Reverse(m.len()));
        let month = format!("(?:{})", crate::pattern::alternation(months));
        let place = format!(
            r"[A-Z][A-Z{PLACE_MARKS}]+(?:[ ][A-Z][A-Z{PLACE_MARKS}]+)*(?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?)?"
        );
        let date = format!(
            r"(?:(?P<m1>{month})\s+(?P<d1>[0-9]{{1,2}}),?\s+(?P<y1>[0-9]{{4}})|(?P<d2>[0-9]{{1,2}})\s+(?P<m2>{month})\s+(?P<y2>[0-9]{{4}})|(?P<iso>[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}))"
        );
        Pattern::new(&format!(
            r"^{place},\s+{date}(?:\s*\([^()\n]{{1,40}}\))?\s*(?:--|[-—–])\s"
        ))
    });
    let caps = pattern.captures(head)?;
    if let Some(iso) = caps.name("iso") {
        return iso.as_str().parse().ok();
    }
    let (month, day, year) = match caps.name("m1") {
        Some(m) => (m, &caps["d1"], &caps["y1"]),
        None => (caps.name("m2")?, &caps["d2"], &caps["y2"]),
    };
    let month = lexicon()
        .months
        .iter()
        .find(|(name, _)| name == month.as_str())?
        .1;
    Date::new(year.parse().ok()?, month as i8, day.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(text: &str) -> Option<String> {
        let whole: Vec<Span> = std::iter::once(0..text.len()).collect();
        date(text, &whole).map(|d| d.to_string())
    }

    #[test]
    fn datelines_with_a_year_date_the_story() {
        assert_eq!(
            dated("SEOUL, Oct. 5, 2023 (Yonhap) -- South Korea said on Thursday"),
            Some("2023-10-05".into())
        );
        assert_eq!(
            dated("PORTLAND, Ore., March 3 2024 - The city said"),
            Some("2024-03-03".into())
        );
        assert_eq!(
            dated("LONDON, 5 October 2023 (Reuters) — Shares fell"),
            Some("2023-10-05".into())
        );
        assert_eq!(
            dated("GENEVA, 2023-10-05 — Talks resumed"),
            Some("2023-10-05".into())
        );
    }

    #[test]
    fn places_that_open_with_punctuation_or_a_short_name_date_the_story() {
        for (text, date) in [
            ("U.S., Oct. 5, 2023 (Reuters) - Talks", "2023-10-05"),
            ("O’HARE, 5 October 2023 — Flights", "2023-10-05"),
            ("O'HARE, 5 October 2023 — Flights", "2023-10-05"),
            ("X-RAY CITY, 2023-10-05 -- Talks", "2023-10-05"),
            ("NY, 2023-10-05 -- Talks", "2023-10-05"),
        ] {
            assert_eq!(dated(text).as_deref(), Some(date), "{text}");
        }
    }

    #[test]
    fn no_year_no_date_or_no_dateline_gives_nothing() {
        assert_eq!(dated("SEOUL, Oct. 5 (Yonhap) -- South Korea said"), None);
        assert_eq!(dated("LONDON (Reuters) - Shares fell"), None);
        assert_eq!(dated("Yesterday, Oct. 5, 2023 - was a Thursday"), None);
        assert_eq!(dated("On Oct. 5, 2023 - a Thursday - talks began"), None);
        assert_eq!(dated("SEOUL, Feb. 30, 2023 (Yonhap) -- Talks"), None);
    }
}
