//! Dates, weekdays and date ranges as written: "Nov. 14", "24 August 2023", "October 2016",
//! "June this year", "Thursday", "from Jan. 12 to Feb. 2", "through Nov. 14". Bare years
//! ("1998") are found with the numbers.

use std::sync::OnceLock;

use jiff::civil::Weekday;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{DateExpr, DayBase, EndDay, Payload, WeekScope, Year};
use crate::lexicon::{
    Names, ends_with_words, ends_word, lexicon, single_spaced, start_of_last_word,
    starts_with_words, word_before,
};
use crate::pattern::{Captures, Pattern, alternation};
use crate::source::Span;

/// What a sentence says about time, for placing a year-less date around the reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// The tense of a sentence from its marker words; with markers of both, or of neither, it is
/// unknown.
pub fn tense(sentence: &str) -> Tense {
    // The markers of both tenses in one automaton: pattern `i` is future when `i` is below the
    // number of future markers.
    static MARKERS: OnceLock<(aho_corasick::AhoCorasick, usize)> = OnceLock::new();
    let (markers, futures) = MARKERS.get_or_init(|| {
        let lex = lexicon();
        let all: Vec<&String> = lex.future_markers.iter().chain(&lex.past_markers).collect();
        let automaton = aho_corasick::AhoCorasick::new(all).expect("valid tense markers");
        (automaton, lex.future_markers.len())
    });
    let mut lower = sentence.to_lowercase();
    // A marker of several words may break over a line: "is set\nto".
    if lower.contains(['\n', '\r']) {
        lower = single_spaced(&lower);
    }
    let (mut future, mut past) = (false, false);
    for m in markers.find_overlapping_iter(&lower) {
        let marker = &lower[m.range()];
        // A marker that starts with an apostrophe ("'ll") ends a word: "I'll"; the others are
        // whole words.
        let whole = marker.starts_with(['\'', '’'])
            || (lower[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
                && ends_word(&lower, m.end()));
        if whole {
            if m.pattern().as_usize() < *futures {
                future = true;
            } else {
                past = true;
            }
        }
    }
    match (future, past) {
        (true, false) => Tense::Future,
        (false, true) => Tense::Past,
        _ => Tense::Unknown,
    }
}

/// A word of the screen: the bits it gives anywhere, and those it gives only where
/// a word ends (a month name: "Mar" is not in "market").
#[derive(Clone, Copy, Default)]
struct Keyword {
    always: u32,
    at_end: u32,
}

/// The screen: its words, each with what it gives, and the bits every sentence holds
/// (those of a pattern the screen cannot judge).
#[derive(Clone)]
struct Screen {
    words: Names<Keyword>,
    always: u32,
}

/// What a sentence holds that the date patterns need, as bits: each pattern runs only on a
/// sentence that holds one of each group of things it names. Words count at the start of a
/// word, in any case, as every pattern has them; the screen may let through a sentence its
/// pattern then does not match, never the reverse.
#[derive(Clone, Copy)]
struct Holds(u32);

/// The word the screen and the sentence gate know a holiday by: the longest of its words that
/// starts with an ASCII letter, up to any letter outside ASCII (which the pattern matches in any
/// case as the screen does not). The pattern takes any white space between a name's words
/// ("Christmas\nEve"), so each starts a word of a sentence that holds the name; the longest is
/// the rarest elsewhere ("Patrick", not "Saint"). None for a name with no such word, whose
/// pattern then always runs.
fn holiday_word(name: &str) -> Option<&str> {
    name.split_whitespace()
        .filter(|word| word.starts_with(|c: char| c.is_ascii_alphabetic()))
        .map(|word| &word[..word.find(|c: char| !c.is_ascii()).unwrap_or(word.len())])
        .reduce(|longest, word| {
            if word.len() > longest.len() {
                word
            } else {
                longest
            }
        })
}

impl Holds {
    const DIGIT: u32 = 1;
    /// Four digits in a row: a year.
    const FOUR_DIGITS: u32 = 1 << 1;
    /// A digit, a dash, slash or dot, a digit: "2016-10", "5/17", "7.6".
    const DIGIT_SEP: u32 = 1 << 2;
    /// "0s": "the 1990s".
    const ZERO_S: u32 = 1 << 3;
    /// "Q3", "H2".
    const Q: u32 = 1 << 4;
    const MONTH: u32 = 1 << 5;
    const WEEKDAY: u32 = 1 << 6;
    const HOLIDAY: u32 = 1 << 7;
    const YEAR: u32 = 1 << 8;
    const MONTH_WORD: u32 = 1 << 9;
    const WEEK: u32 = 1 << 10;
    const DAY: u32 = 1 << 11;
    const FORTNIGHT: u32 = 1 << 12;
    const QUARTER: u32 = 1 << 13;
    const DECADE: u32 = 1 << 14;
    const HALF: u32 = 1 << 15;
    const CENTURY: u32 = 1 << 16;
    /// "ago", "earlier": "two years ago".
    const AGO: u32 = 1 << 17;
    /// "earlier", "later": "later this month".
    const EARLIER_LATER: u32 = 1 << 18;
    const DATE: u32 = 1 << 19;
    /// "today", "tonight", "yesterday", "tomorrow", "now".
    const NOW: u32 = 1 << 20;
    /// The words a year in words starts with: "two thousand and five", "nineteen ninety six".
    const YEAR_WORDS: u32 = 1 << 21;
    /// "early", "mid", "late", "the beginning of": a part of a month or year.
    const PART: u32 = 1 << 22;
    /// "past", "next", "coming": the words of a window of time.
    const WINDOW: u32 = 1 << 23;
    const THE: u32 = 1 << 24;
    /// A unit of a window of time: "the past five years", "the next 3 days".
    const UNITS: u32 = Holds::DAY
        | Holds::WEEK
        | Holds::FORTNIGHT
        | Holds::MONTH_WORD
        | Holds::YEAR
        | Holds::QUARTER
        | Holds::DECADE;

    /// The screen's words, and the bits of each.
    fn screen() -> Screen {
        let lex = lexicon();
        let mut keywords: std::collections::BTreeMap<String, Keyword> = Default::default();
        let mut always = 0;
        let mut add = |written: &str, bit: u32, ends_word: bool| {
            let keyword = keywords.entry(written.to_ascii_lowercase()).or_default();
            if ends_word {
                keyword.at_end |= bit;
            } else {
                keyword.always |= bit;
            }
        };
        // A month name never runs on into a letter ("Sept. 18", "Oct5", "March"); a weekday's
        // full name may ("Mondays"), its abbreviation may not ("Mon.", "Tue").
        for (name, _) in &lex.months {
            add(name.trim_end_matches('.'), Holds::MONTH, true);
        }
        for (name, _) in &lex.weekdays {
            add(
                name.trim_end_matches('.'),
                Holds::WEEKDAY,
                name.ends_with('.'),
            );
        }
        for name in lex.holidays.iter().flat_map(|h| &h.names) {
            match holiday_word(name) {
                Some(word) => add(word, Holds::HOLIDAY, false),
                None => always |= Holds::HOLIDAY,
            }
        }
        let listed: [(&[&str], u32); 17] = [
            (&["year"], Holds::YEAR),
            (&["month"], Holds::MONTH_WORD),
            (&["week"], Holds::WEEK),
            (&["day"], Holds::DAY),
            (&["fortnight"], Holds::FORTNIGHT),
            (&["quarter"], Holds::QUARTER),
            (&["decade"], Holds::DECADE),
            (&["half"], Holds::HALF),
            (&["century"], Holds::CENTURY),
            (&["ago", "earlier"], Holds::AGO),
            (&["earlier", "later"], Holds::EARLIER_LATER),
            (&["date"], Holds::DATE),
            (
                &["today", "tonight", "yesterday", "tomorrow", "now"],
                Holds::NOW,
            ),
            (
                &[
                    "thousand",
                    "ten",
                    "eleven",
                    "twelve",
                    "thirteen",
                    "fourteen",
                    "fifteen",
                    "sixteen",
                    "seventeen",
                    "eighteen",
                    "nineteen",
                    "twenty",
                ],
                Holds::YEAR_WORDS,
            ),
            (
                &[
                    "early",
                    "mid",
                    "late",
                    "beginning",
                    "start",
                    "middle",
                    "end",
                ],
                Holds::PART,
            ),
            (
                &[
                    "past",
                    "last",
                    "next",
                    "coming",
                    "previous",
                    "upcoming",
                    "following",
                ],
                Holds::WINDOW,
            ),
            (&["the"], Holds::THE),
        ];
        for (list, bit) in listed {
            for word in list {
                add(word, bit, false);
            }
        }
        // The longest word found where a sentence's word starts stands for every shorter word
        // of the screen it starts with ("Sept" for "Sep", "later" for "late", "July Fourth"
        // for "July"); a shorter word that needs a word end has one where the longer word goes
        // on with something other than a letter.
        let own: Vec<(String, Keyword)> = keywords.iter().map(|(w, k)| (w.clone(), *k)).collect();
        for (written, keyword) in &mut keywords {
            for (shorter, bits) in &own {
                if written.len() > shorter.len() && written.starts_with(shorter.as_str()) {
                    keyword.always |= bits.always;
                    if !written.as_bytes()[shorter.len()].is_ascii_alphabetic() {
                        keyword.always |= bits.at_end;
                    }
                }
            }
        }
        Screen {
            words: Names::new(keywords, true),
            always,
        }
    }

    fn of(text: &str, screen: &Screen) -> Holds {
        // Outside ASCII, "ſ" and the Kelvin sign match "s" and "k" in a pattern's any-case
        // words, as this screen's words do not: such a sentence runs every pattern.
        if !text.is_ascii() && text.contains(['ſ', '\u{212A}']) {
            return Holds(u32::MAX);
        }
        let bytes = text.as_bytes();
        let mut bits = screen.always;
        let mut run = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if b.is_ascii_digit() {
                run += 1;
                bits |= Holds::DIGIT;
                if run >= 4 {
                    bits |= Holds::FOUR_DIGITS;
                }
                let next = bytes.get(i + 1).copied().unwrap_or(0);
                if matches!(next, b'-' | b'/' | b'.')
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_digit)
                {
                    bits |= Holds::DIGIT_SEP;
                }
                if b == b'0' && next == b's' {
                    bits |= Holds::ZERO_S;
                }
            } else {
                run = 0;
                if matches!(b, b'Q' | b'q' | b'H' | b'h')
                    && bytes.get(i + 1).is_some_and(|n| (b'1'..=b'4').contains(n))
                {
                    bits |= Holds::Q;
                }
            }
        }
        // The words of the screen that start a word of the sentence, by a search anchored where
        // each word starts.
        let mut previous = b' ';
        for (start, &b) in bytes.iter().enumerate() {
            let starts =
                b.is_ascii_alphabetic() && !(previous.is_ascii_alphanumeric() || previous == b'_');
            previous = b;
            if !starts {
                continue;
            }
            if let Some((keyword, len)) = screen.words.longest_at(&bytes[start..]) {
                bits |= keyword.always;
                if !bytes.get(start + len).is_some_and(u8::is_ascii_alphabetic) {
                    bits |= keyword.at_end;
                }
            }
        }
        Holds(bits)
    }

    /// Whether the sentence holds one of each group.
    fn all(self, groups: &[u32]) -> bool {
        groups.iter().all(|g| self.0 & g != 0)
    }
}

#[derive(Clone)]
struct Patterns {
    /// What a sentence must hold for each pattern to run.
    screen: Screen,
    month_day_year: YearWords,
    day_month_year: YearWords,
    joined: Pattern,
    month_relative_year: Pattern,
    month_year: YearWords,
    month: Pattern,
    weekday: Pattern,
    relative: Pattern,
    named_year: Pattern,
    numeric_month: Pattern,
    year_month: Pattern,
    relative_day: Pattern,
    offset: Pattern,
    holiday: Pattern,
    iso: Pattern,
    slashed: Pattern,
    window: Pattern,
    calendar: Pattern,
    week: Pattern,
    quarter: Pattern,
    q: Pattern,
    half: Pattern,
    part_month: Pattern,
    part_year: Pattern,
    earlier_later: Pattern,
    decade: Pattern,
    ago: Pattern,
    in_future: Pattern,
    day_only: Pattern,
    month_dash: Pattern,
    days_before: Pattern,
    month_word_day: YearWords,
    word_day_month: YearWords,
    words_day_month_year: YearWords,
    weekday_day: Pattern,
    short_weekday: Pattern,
    century: Pattern,
    weekday_in_week: Pattern,
    week_in: Pattern,
    stretch: Pattern,
    to_date: Pattern,
    day_alone: Pattern,
    weekday_dotted: Pattern,
    starting: Pattern,
    to_date_end: Pattern,
    year_alone_in_words: Pattern,
    month_slash_day: Pattern,
}

/// A date pattern that may end in a year written in words ("fifteen August nineteen ninety
/// three"), that part being most of the pattern. Its `digits` build is the same pattern
/// without the alternative of a year in words, searched on a sentence that holds none of the
/// words such a year starts with ([`Holds::YEAR_WORDS`]). There that alternative matches
/// nothing, so removing it leaves the same leftmost-first matches and the same named groups,
/// and the sentence is searched with a pattern a fraction of the size to compile.
#[derive(Clone)]
struct YearWords {
    with_words: Pattern,
    digits: Pattern,
}

impl YearWords {
    fn for_sentence(&self, holds: Holds) -> &Pattern {
        if holds.0 & Holds::YEAR_WORDS != 0 {
            &self.with_words
        } else {
            &self.digits
        }
    }
}

/// Words without which a sentence with no digit holds no date: month and weekday names,
/// holidays, the words of relative dates and periods, and the words that start a year in words.
pub(super) fn trigger_words() -> Vec<String> {
    let lex = lexicon();
    let mut triggers: Vec<String> = lex
        .months
        .iter()
        .chain(&lex.weekdays)
        .map(|(n, _)| n.trim_end_matches('.').to_string())
        .collect();
    triggers.extend(
        [
            "today",
            "tonight",
            "yesterday",
            "tomorrow",
            "now",
            "day",
            "week",
            "month",
            "year",
            "quarter",
            "decade",
            "century",
            "fortnight",
            "weekend",
            "night",
            // years in words: "two thousand and five", "nineteen ninety six"
            "thousand",
            "hundred",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
        .map(String::from),
    );
    // A holiday by one word of its name, as its words may be parted by a line break
    // ("Christmas\nEve"): a name of one word as it is; none more for a name with a word that
    // starts with a trigger already ("Boxing Day", "Black Friday"), else the word the screen
    // knows it by ("Patrick" of "Saint Patrick").
    let (single, several): (Vec<&String>, Vec<&String>) = lex
        .holidays
        .iter()
        .flat_map(|h| &h.names)
        .partition(|n| !n.contains(char::is_whitespace));
    triggers.extend(single.into_iter().cloned());
    let covered = |name: &str| {
        name.split_whitespace().any(|word| {
            triggers.iter().any(|t| {
                word.get(..t.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(t))
            })
        })
    };
    let uncovered: Vec<String> = several
        .into_iter()
        .filter(|name| !covered(name))
        .map(|name| holiday_word(name).unwrap_or(name).to_string())
        .collect();
    triggers.extend(uncovered);
    triggers
}

crate::pattern::grammar!(Patterns, make);

fn make() -> Patterns {
    let lex = lexicon();
    // Next to a day or a year, a month name is one in any case and with or without its
    // period: "04th jan 2019", "Sept 18".
    let mut with_digits: Vec<String> = lex.months.iter().map(|(n, _)| n.clone()).collect();
    with_digits.extend(
        lex.months
            .iter()
            .filter_map(|(n, _)| n.strip_suffix('.').map(str::to_string)),
    );
    with_digits.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let month = format!("(?i:{})", alternation(with_digits));
    // "Sep", "Nov": a month without its period, as written, only beside a range word.
    let mut short: Vec<String> = lex
        .months
        .iter()
        .filter_map(|(n, _)| n.strip_suffix('.').map(str::to_string))
        .collect();
    short.push("Sept".into());
    short.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let short_month = alternation(short);
    let full_month = alternation(
        lex.months
            .iter()
            .filter(|(n, _)| !n.ends_with('.'))
            .map(|(n, _)| n.clone()),
    );
    let mut weekday_names: Vec<String> = lex.weekdays.iter().map(|(n, _)| n.clone()).collect();
    weekday_names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    // Full names in any case ("friday"); abbreviations only as written ("Fri.").
    let weekday = weekday_names
        .iter()
        .map(|n| {
            if n.ends_with('.') {
                regex::escape(n)
            } else {
                format!("(?i:{})", regex::escape(n))
            }
        })
        .collect::<Vec<_>>()
        .join("|");
    // Between a month or day and its year: "Dec. 31, 1994", "Dec. 31 , 1994", "April of
    // 1987", "28 June in 2020".
    let year_after = r"(?:\s*,\s*|\s+(?i:of\s+|in\s+)?)";
    // A year in words: "two thousand and five", "nineteen ninety six", "seventeen hundred
    // thirty three"; read by `year_in_words`. "two thousand" alone is a count.
    let ones = "one|two|three|four|five|six|seven|eight|nine";
    let tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
    let teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
    let two_digits = format!(r"(?:(?:{tens})(?:[\s-](?:{ones}))?|{teens})");
    let year_words = format!(
        r"(?i:two\s+thousand(?:\s+and)?\s+(?:{two_digits}|{ones})|(?:{teens}|twenty)\s+(?:hundred(?:\s+and)?\s+(?:{two_digits}|{ones})|{two_digits}))"
    );
    // A day of the month in words, checked by `day_number`: "first", "twenty-second".
    let day_words = r"(?i:(?:twenty|thirty)[\s-]+)?(?i:[a-z]+)";
    // "Tue", "Sat" without their period: a weekday only right before a day ("Tue May 9",
    // "Sat 14th"), checked where used.
    let short_weekday = alternation(
        lex.weekdays
            .iter()
            .filter_map(|(n, _)| n.strip_suffix('.'))
            .map(str::to_string),
    );
    let re = Pattern::new;
    // A year after a month or day, in digits, and in words only where a sentence could
    // hold one (see [`YearWords`]).
    let year = |f: &dyn Fn(&str) -> String| YearWords {
        with_words: re(&f(&format!("(?:(?P<y>[0-9]{{4}})|(?P<yw>{year_words}))"))),
        digits: re(&f("(?P<y>[0-9]{4})")),
    };
    Patterns {
        screen: Holds::screen(),
        month_day_year: year(&|y| {
            format!(
                r"\b(?P<m>{month})\s*(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\b(?:{year_after}{y}\b)?"
            )
        }),
        day_month_year: year(&|y| {
            format!(
                r"\b(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{month})(?:{year_after}{y}\b|\s+(?i:of)\s+(?P<yy>[0-9]{{2}})\b|\s*(?:'|’)(?P<yy2>[0-9]{{2}})\b)?"
            )
        }),
        // "05-Aug-2016", "23/Sep/2020", "2019/aug/01", "Sep-23-2020", "Oct/2"
        joined: re(&format!(
            r"\b(?:(?P<d>[0-9]{{1,2}})(?P<s1>[-/])(?P<m>{month})(?P<s2>[-/])(?P<y>[0-9]{{4}})|(?P<y2>[0-9]{{4}})(?P<s3>[-/])(?P<m2>{month})(?P<s4>[-/])(?P<d2>[0-9]{{1,2}})|(?P<m3>{month})(?P<s5>[-/])(?P<d3>[0-9]{{1,2}})(?:(?P<s6>[-/])(?P<y3>[0-9]{{4}}))?)\b"
        )),
        month_relative_year: re(&format!(
            r"\b(?P<m>{month})\s+(?P<rel>(?i:this|last|next))\s+(?i:year)\b"
        )),
        month_year: year(&|y| {
            format!(
                r"\b(?P<m>{month})(?:(?:{year_after}|[-/]){y}|\s+(?i:of)\s+(?P<yy>[0-9]{{2}})|\s*(?:'|’)(?P<yy2>[0-9]{{2}}))\b"
            )
        }),
        month: re(&format!(r"\b(?P<m>(?i:{full_month})|{short_month})\b")),
        weekday: re(&format!(r"\b(?P<w>{weekday})")),
        relative: re(r"\b(?i:(?P<rel>this|last|next)\s+(?:calendar\s+)?(?P<unit>year|month))\b"),
        // "the year 2008", "calendar year 2008", "2017 April"
        year_month: re(&format!(
            r"\b(?P<y>[12][0-9]{{3}})\s+(?P<m>(?i:{full_month}))\b"
        )),
        // "2015-12", "2015-3", "12-2015"
        numeric_month: re(
            r"\b(?:(?P<y>[12][0-9]{3})-(?P<m>0?[1-9]|1[0-2])|(?P<m2>0?[1-9]|1[0-2])-(?P<y2>[12][0-9]{3}))\b",
        ),
        named_year: re(r"\b(?i:(?:the\s+)?(?:calendar\s+)?year)\s+(?P<y>[12][0-9]{3})\b"),
        iso: re(r"\b(?P<y>[12][0-9]{3})[-/.](?P<m>[01]?[0-9])[-/.](?P<d>[0-3]?[0-9])\b"),
        slashed: re(
            r"\b(?P<a>[0-3]?[0-9])(?P<s>[/-])(?P<b>[0-3]?[0-9])(?P<s2>[/-])(?:(?P<y>[12][0-9]{3})|(?P<yy>[0-9]{2}))\b",
        ),
        window: re(
            r"\b(?i:(?:the\s+)?(?:(?P<rel>past|last|next|coming|previous|upcoming|following)(?:\s+(?P<n>couple(?:\s+of)?|[a-z]+|[0-9]{1,3}))?|(?P<n2>[a-z]+|[0-9]{1,3})\s+(?P<rel2>past|last|next|coming|previous|upcoming|following))\s+(?P<unit>days|weeks|months|years|decades|quarters|fortnights?))\b",
        ),
        // "last quarter", "this quarter", "the next decade"
        calendar: re(
            r"\b(?i:(?P<rel>this|current|last|past|previous|next|coming|following)\s+(?P<unit>quarter|decade))\b",
        ),
        holiday: re(&format!(
            r"\b(?P<h>(?i:{}))(?:\s+(?P<y>[0-9]{{4}})\b|\s+of\s+(?P<rel>(?i:this|last|next))\s+year\b)?",
            {
                // Longest first: "New Year's Day" before "New Year".
                let mut names: Vec<String> = lex
                    .holidays
                    .iter()
                    .flat_map(|h| h.names.iter().cloned())
                    .collect();
                names.sort_by_key(|n| std::cmp::Reverse(n.len()));
                alternation(names)
            }
        )),
        offset: re(
            r"(?i)\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|[0-9]{1,3})\s+(?P<unit>days?|weeks?|months?|years?)\s+(?P<dir>after|before|from|later\s+than|earlier\s+than|prior\s+to)\s+(?:(?P<rel>next|last)\s+)?$",
        ),
        relative_day: re(r"\b(?i:today|tonight|yesterday|tomorrow|now)\b"),
        week: re(
            r"\b(?i:(?P<rel>last|this|next|following)\s+week|(?P<after>(?:the\s+)?week\s+after\s+next))\b",
        ),
        quarter: re(
            r"\b(?i:(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last)\s+quarter(?P<of>\s+of\s+(?:(?P<y>[0-9]{4})|(?P<rel>this|last|next)\s+year|the\s+year))?)\b",
        ),
        // "Q3", "Q3 2019", "q1 of 2017", "2017-Q1", "2019 H2"
        q: re(
            r"\b(?:(?P<k>[QqHh])(?P<q>[1-4])(?:(?:[\s-]+|\s+of\s+)(?P<y>[0-9]{4}))?|(?P<y2>[0-9]{4})[\s-]+(?P<k2>[QqHh])(?P<q2>[1-4]))\b",
        ),
        half: re(
            r"\b(?i:(?:the\s+)?(?P<ord>first|second)\s+half\s+of\s+(?:(?P<y>[0-9]{4})|(?P<rel>this|last|next)\s+year))\b",
        ),
        part_month: re(&format!(
            r"\b(?P<part>(?i:early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of))[\s-]+(?P<m>{full_month})(?:,?\s+(?P<y>[0-9]{{4}}))?\b"
        )),
        part_year: re(
            r"\b(?P<part>(?i:early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of))[\s-]+(?P<y>[0-9]{4})\b",
        ),
        earlier_later: re(
            r"\b(?i:(?P<which>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>year|month|week))\b",
        ),
        decade: re(r"\b(?i:the\s+)?(?P<d>1[5-9][0-9]0|20[0-9]0)s\b"),
        in_future: re(
            r"\b(?i:in\s+(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|[0-9]{1,3})\s+(?P<unit>years?|months?|weeks?|days?))\b",
        ),
        ago: re(
            r"\b(?i:(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|[0-9]{1,3})\s+(?P<unit>years?|months?|days?)\s+(?:ago|earlier))\b",
        ),
        day_only: re(&format!(
            r"^\s*(?P<conn>(?i:to|through|thru|until|till)|-|–|—)\s*(?i:the\s+)?(?P<d>[0-9]{{1,2}}(?:st|nd|rd|th)?|{day_words})\b"
        )),
        // "Jan-" before "Feb 2017"
        month_dash: re(&format!(r"\b(?P<m>{month})\s*(?:-|–)\s*$")),
        // "between 3 and" before "12 of Sept", "9 to" before "12 June"
        days_before: re(&format!(
            r"(?:\b(?P<op>(?i:from|between))\s+)?(?i:the\s+)?\b(?P<d>[0-9]{{1,2}}(?:st|nd|rd|th)?|{day_words})\s*(?P<conn>(?i:to|through|thru|till|until|and)|-|–)\s*(?i:the\s+)?$"
        )),
        // "February twenty second", "January first 2000", "April the ninth"
        month_word_day: year(&|y| {
            format!(
                r"\b(?P<m>(?i:{full_month}))\s+(?:(?i:the\s+)(?P<dd>[0-9]{{1,2}}(?:st|nd|rd|th))|(?i:the\s+)?(?P<dw>{day_words}))\b(?:{year_after}{y}\b)?"
            )
        }),
        // "the fourth of July, 1995", "the twenty third day of September", "the 15th day of May"
        word_day_month: year(&|y| {
            format!(
                r"\b(?P<dw>{day_words}|[0-9]{{1,2}}(?:st|nd|rd|th))\s+(?i:day\s+)?(?i:of)\s+(?P<m>{month})\b(?:{year_after}{y}\b)?"
            )
        }),
        // "fifteen August nineteen ninety three": a day in words before its month needs its year.
        words_day_month_year: year(&|y| {
            format!(r"\b(?P<dw>{day_words})\s+(?P<m>(?i:{full_month})){year_after}{y}\b")
        }),
        // "Friday 13th", "Monday 21", "tuesday the eleventh"
        // "Friday 7.6": a month and day with a dot, right after a weekday
        weekday_dotted: re(&format!(
            r"\b(?:{weekday}|{short_weekday})\s+(?P<md>(?P<a>[0-9]{{1,2}})\.(?P<b>[0-9]{{1,2}}))\b"
        )),
        short_weekday: re(&format!(r"\b(?P<w>{short_weekday})\b")),
        weekday_day: re(&format!(
            r"\b(?P<w>{weekday}|{short_weekday})\s+(?i:the\s+)?(?P<dw>[0-9]{{1,2}}(?:st|nd|rd|th)?|{day_words})\b"
        )),
        century: re(&format!(
            r"\b(?i:the\s+)?(?P<n>[0-9]{{1,2}}(?:st|nd|rd|th)|{day_words})\s+(?i:century)\b"
        )),
        // "next week Monday", "next week on Tuesday", "Tuesday of next week"
        weekday_in_week: re(&format!(
            r"\b(?:(?P<rel>(?i:this|last|next|previous|following|coming))\s+(?i:week)\s*(?:[-,]\s*)?(?i:on\s+)?(?P<w>{weekday})|(?P<w2>{weekday})\s+(?i:of\s+(?:the\s+)?)(?P<rel2>(?i:this|last|next|previous|following|coming))\s+(?i:week))\b"
        )),
        // "the first week of October", "the last week of 2016", "3rd week of Jan"
        week_in: re(&format!(
            r"\b(?i:(?:the\s+)?(?P<ord>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+week\s+of\s+)(?:(?P<m>{month})(?:{year_after}(?P<y>[0-9]{{4}}))?|(?P<y2>[0-9]{{4}})|(?P<rel>(?i:this|last|next))\s+(?P<unit>(?i:month|year)))\b"
        )),
        // "on 11/20", "from 10/1 to 11/7", "Friday 7/6", "5/7, 2020"
        month_slash_day: re(r"\b(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})(?:,\s*(?P<y>[12][0-9]{3}))?\b"),
        // "on the 18th": the preposition is not part of the date
        day_alone: re(&format!(
            r"\b(?i:on|by|since|until|till|before|after)\s+(?P<day>(?i:the)\s+(?P<dw>[0-9]{{1,2}}(?:st|nd|rd|th)|{day_words}))\b"
        )),
        // "the first six months of 2023", "the last 3 weeks of this year", "the third month
        // of 2021"
        stretch: re(&format!(
            r"\b(?i:(?:the\s+)?(?P<which>first|last|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|[0-9]{{1,2}}(?:st|nd|rd|th))\s+(?:(?P<n>[a-z]+|[0-9]{{1,3}})\s+)?(?P<unit>days?|weeks?|months?)\s+of\s+)(?:(?P<m>{month})(?:{year_after}(?P<y>[0-9]{{4}}))?|(?P<y2>[0-9]{{4}})|(?P<rel>(?i:this|last|next))\s+(?P<scope>(?i:month|year))|(?P<the>(?i:the\s+year)))\b"
        )),
        // "in nineteen ninety six": the preposition is not part of the year
        year_alone_in_words: re(&format!(
            r"\b(?i:in|since|until|till)\s+(?P<yw>{year_words})\b"
        )),
        to_date_end: re(r"^\s*(?i:to|till|until)\s+(?i:(?:the\s+)?current\s+)?(?i:date)\b"),
        starting: re(
            r"^\s*,?\s*(?i:starting|beginning|commencing|from)(?:\s+(?i:on|from))?\s+(?:(?P<rel>(?i:next|this))\s+)?",
        ),
        to_date: re(r"\b(?i:(?:the\s+)?year[\s-]+to[\s-]+date)\b"),
    }
}

/// A count written in digits or as a small number word, "a" and "an" being one.
fn count(word: &str) -> Option<i32> {
    let lower = word.to_ascii_lowercase();
    match lower.as_str() {
        "a" | "an" => Some(1),
        _ => lexicon()
            .small_number(&lower)
            .map(|v| v as i32)
            .or_else(|| lower.parse().ok()),
    }
}

/// Which part of a month or year "early", "the end of" and the like name.
enum Part {
    Early,
    Mid,
    Late,
}

fn part(words: &str) -> Part {
    let lower = words.to_ascii_lowercase();
    if lower.starts_with("early") || lower.contains("beginning") || lower.contains("start") {
        Part::Early
    } else if lower.starts_with("mid") || lower.contains("middle") {
        Part::Mid
    } else {
        Part::Late
    }
}

fn month_number(name: &str) -> i8 {
    lexicon()
        .months
        .iter()
        .find(|(n, _)| {
            n.trim_end_matches('.')
                .eq_ignore_ascii_case(name.trim_end_matches('.'))
        })
        .map_or(0, |(_, m)| *m as i8)
}

/// The month or year a week or a stretch of days is counted in: "of May 2020", "of 2019", "of
/// the year", "of next month"; `unit` names the group that says month or year after "this",
/// "last" or "next".
fn week_scope(c: &Captures, unit: &str) -> Option<WeekScope> {
    Some(if c.name("m").is_some() {
        WeekScope::Month {
            year: stated_year(c),
            month: month_number(&c["m"]),
        }
    } else if let Some(y) = c.name("y2") {
        WeekScope::Year(Year::Stated(y.as_str().parse().ok()?))
    } else if c.name("the").is_some() {
        WeekScope::Year(Year::Relative(0))
    } else {
        let offset = relative_offset(&c["rel"]);
        if c[unit].eq_ignore_ascii_case("month") {
            WeekScope::RelativeMonth(offset)
        } else {
            WeekScope::Year(Year::Relative(offset))
        }
    })
}

fn relative_offset(word: &str) -> i8 {
    match word.to_ascii_lowercase().as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    }
}

fn stated_year(caps: &Captures) -> Year {
    caps.name("y")
        .and_then(|y| y.as_str().parse().ok())
        .or_else(|| caps.name("yw").and_then(|y| year_in_words(y.as_str())))
        .or_else(|| {
            let yy = caps.name("yy").or(caps.name("yy2"))?;
            two_digit_year(yy.as_str().parse().ok()?)
        })
        .map_or(Year::Unstated, Year::Stated)
}

/// A year written with two digits ("April '87", "12/12/30"): before 40 this century,
/// otherwise the last.
fn two_digit_year(yy: i16) -> Option<i16> {
    match yy {
        0..=39 => Some(2000 + yy),
        40..=99 => Some(1900 + yy),
        _ => None,
    }
}

/// A year written in words, as the year-words pattern finds it: "two thousand and five",
/// "nineteen ninety six", "seventeen hundred thirty three".
fn year_in_words(words: &str) -> Option<i16> {
    let lower = words.to_ascii_lowercase();
    let parts: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && *w != "and")
        .collect();
    let number = |words: &[&str]| -> Option<i16> {
        words.iter().try_fold(0, |sum, w| {
            Some(sum + i16::try_from(lexicon().small_number(w)?).ok()?)
        })
    };
    match parts.as_slice() {
        ["two", "thousand", rest @ ..] => Some(2000 + number(rest)?),
        [century, "hundred", rest @ ..] | [century, rest @ ..] => {
            Some(number(&[century])? * 100 + number(rest)?)
        }
        _ => None,
    }
}

fn day(caps: &Captures) -> Option<i8> {
    caps.name("d")?
        .as_str()
        .parse()
        .ok()
        .filter(|d| (1..=31).contains(d))
}

/// The two numbers of a "11/20" that `text` starts with, and where it ends.
fn slash_pair(text: &str) -> Option<(u32, u32, usize)> {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let n = digits(text);
    let rest = text.get(n..)?.strip_prefix('/')?;
    let m = digits(rest);
    let tail = &rest[m..];
    let more = tail.starts_with('/')
        || (tail.starts_with('.') && tail[1..].starts_with(|c: char| c.is_ascii_digit()));
    if !(1..=2).contains(&n) || !(1..=2).contains(&m) || more {
        return None;
    }
    Some((text[..n].parse().ok()?, rest[..m].parse().ok()?, n + 1 + m))
}

/// A "11/2/2017" that `text` starts with, as [`slash_pair`] gives its month and day.
fn slash_pair_with_year(text: &str) -> Option<(u32, u32, usize)> {
    let m = patterns().slashed.find(text).filter(|m| m.start() == 0)?;
    let (a, rest) = m.as_str().split_once(['/', '-'])?;
    let (b, _) = rest.split_once(['/', '-'])?;
    Some((a.parse().ok()?, b.parse().ok()?, m.end()))
}

/// Whether the words after a number make it a measure rather than a day: a unit or scale word
/// ("5/8 inch", "7.6 million"; unit abbreviations too with `abbreviations`, which a "4/12 in
/// Paris" cannot have), a percentage ("5/8 pct", "7.6 points"), odds ("5/2 favourite", "a 4/1
/// shot") or a part ("3/4 of").
fn measured_after(rest: &str, abbreviations: bool) -> bool {
    const MEASURING: &[&str] = &[
        "pct",
        "percent",
        "per",
        "point",
        "points",
        "odds",
        "favourite",
        "favorite",
        "of",
        "shot",
        "chance",
    ];
    let lex = lexicon();
    let rest = rest.trim_start();
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    MEASURING.contains(&word.as_str())
        || lex.scales.contains_key(&word)
        || lex.unit_at(rest, abbreviations).is_some()
}

/// A proper fraction as prices and odds write them: "3/8", "5/16", "2/3".
fn fraction_like(a: u32, b: u32) -> bool {
    a < b && (b <= 9 || matches!(b, 16 | 32 | 64))
}

/// Whether the "a/b" at `start..end` of `text` reads as a day: right after a weekday, or
/// after a preposition of time when it is no proper fraction, or in a range of such days; and
/// never before a word that makes it a measure ("5/8 pct", "5/2 favourite", "3/4 of").
fn slash_reads_as_day(text: &str, start: usize, end: usize) -> bool {
    let Some((a, b, _)) = slash_pair(&text[start..end]) else {
        return false;
    };
    let measured = |rest: &str| measured_after(rest, false);
    let (before, rest) = (&text[..start], &text[end..]);
    // "1/2/3", "3.10/2", "10/2.5": part of another number; a full stop may end the sentence.
    let decimal_after =
        rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit());
    if before.ends_with(['/', '.']) || rest.starts_with('/') || decimal_after || measured(rest) {
        return false;
    }
    let (word, word_at) = word_before(text, start);
    if weekday_named(&word).is_some() || weekday_named(&format!("{word}.")).is_some() {
        return true;
    }
    // The other end of a range, which must not be a measure.
    let end_after = |connectors: &[&str]| {
        let trimmed = rest.trim_start();
        connectors.iter().any(|c| {
            trimmed
                .strip_prefix(c)
                .map(str::trim_start)
                .and_then(|t| Some((slash_pair(t).or_else(|| slash_pair_with_year(t))?, t)))
                .is_some_and(|((_, _, len), t)| !measured(&t[len..]))
        })
    };
    // The start of a range this one ends: a day that is no proper fraction, after "from" or
    // "between" unless a dash joins them.
    let start_before = |connector_at: usize, opened: bool| {
        let head = text[..connector_at].trim_end();
        let token_at = start_of_last_word(head, |c| c.is_ascii_digit() || c == '/');
        slash_pair(&head[token_at..]).is_some_and(|(x, y, len)| {
            len == head.len() - token_at
                && !fraction_like(x, y)
                && (!opened || matches!(word_before(text, token_at).0.as_str(), "from" | "between"))
        })
    };
    // "10/1-11/7": the end ("31-1/2" is thirty-one and a half).
    if let Some(head) = before.strip_suffix(['-', '–']) {
        return start_before(head.len(), false);
    }
    if matches!(word.as_str(), "to" | "and" | "until" | "till" | "through")
        && start_before(word_at, true)
    {
        return true;
    }
    // "on 3/14, 3/16 or 3/21": the next of a list of such days.
    let listed_at = if matches!(word.as_str(), "or" | "and") {
        Some(word_at)
    } else {
        before.trim_end().strip_suffix(',').map(str::len)
    };
    if let Some(at) = listed_at {
        let head = text[..at].trim_end();
        let token_at = start_of_last_word(head, |c| c.is_ascii_digit() || c == '/');
        if slash_pair(&head[token_at..]).is_some_and(|(_, _, len)| len == head.len() - token_at)
            && !fraction_like(a, b)
            && slash_reads_as_day(text, token_at, head.len())
        {
            return true;
        }
    }
    if fraction_like(a, b) {
        return false;
    }
    match word.as_str() {
        "from" | "between" => end_after(&["-", "–", "to", "and", "until", "till", "through"]),
        "on" | "since" | "by" | "this" | "next" => true,
        _ => rest.starts_with(['-', '–']) && end_after(&["-", "–"]),
    }
}

/// A day of the month as written: "13", "13th", "thirteenth", "twenty-first", "twenty nine".
fn day_number(written: &str) -> Option<i8> {
    let lower = written.to_ascii_lowercase();
    let digits = lower.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
    let value = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let suffix = &lower[digits.len()..];
        matches!(suffix, "" | "st" | "nd" | "rd" | "th").then_some(())?;
        digits.parse().ok()?
    } else {
        let lex = lexicon();
        let parts: Vec<&str> = lower.split([' ', '-']).filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [ordinal] => *lex.ordinals.get(*ordinal)?,
            [tens @ ("twenty" | "thirty"), one] => {
                let one = lex
                    .ordinals
                    .get(*one)
                    .copied()
                    .or_else(|| lex.small_number(one))
                    .filter(|v| (1..10).contains(v))?;
                lex.small_number(tens)? + one
            }
            _ => return None,
        }
    };
    (1..=31).contains(&value).then_some(value as i8)
}

/// The weekday a name or abbreviation stands for.
fn weekday_named(name: &str) -> Option<Weekday> {
    let index = lexicon()
        .weekdays
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))?
        .1;
    Weekday::from_monday_zero_offset(index as i8).ok()
}

/// Every date and weekday in a sentence, without overlaps, in text order.
pub fn dates(text: &str, tense: Tense) -> Vec<(Span, DateExpr)> {
    dates_holding(text, tense, Holds::of(text, &patterns().screen))
}

/// [`dates`], each pattern run only where `holds` has what it needs.
fn dates_holding(text: &str, tense: Tense, holds: Holds) -> Vec<(Span, DateExpr)> {
    if holds.0 == 0 {
        return Vec::new();
    }
    let p = patterns();
    let lex = lexicon();
    let mut candidates: Vec<(Span, DateExpr)> = Vec::new();
    // Each pattern with what a sentence must hold for it to match (see [`Holds`]).
    let mut add = |re: &Pattern, needs: &[u32], build: &dyn Fn(&Captures) -> Option<DateExpr>| {
        if !holds.all(needs) {
            return;
        }
        // Matches are found first and their groups read only for those that pass the checks
        // on the whole match: reading groups is the dearer search.
        for whole in re.find_iter(text) {
            if !ends_word(text, whole.end()) && !whole.as_str().ends_with('.') {
                continue;
            }
            // "6,107.31 August", "$12 December 27": the digits belong to another number.
            let before = text[..whole.start()].trim_end_matches(' ');
            if whole.as_str().starts_with(|c: char| c.is_ascii_digit())
                && (text[..whole.start()].ends_with(['.', ','])
                    || before.ends_with(['$', '£', '€', '¥', '₩', '₹']))
            {
                continue;
            }
            // The same leftmost-first match, now with its groups.
            let Some(caps) = re.captures_of(text, &whole) else {
                continue;
            };
            if let Some(expr) = build(&caps) {
                candidates.push((whole.range(), expr));
            }
        }
    };
    let month = |caps: &Captures| month_number(&caps["m"]);
    // A month named in words beside no digit: "may" in lower case is the verb ("this may take
    // longer", "May first" is still a day).
    let spoken_month = |caps: &Captures| (&caps["m"] != "may").then(|| month(caps));
    // "Nov. 14, 2023", "23 October 2023"
    let day_in_digits = |c: &Captures| {
        Some(DateExpr::Day {
            year: stated_year(c),
            month: month(c),
            day: day(c)?,
        })
    };
    let digits = [Holds::MONTH, Holds::DIGIT];
    add(
        p.month_day_year.for_sentence(holds),
        &digits,
        &day_in_digits,
    );
    add(
        p.day_month_year.for_sentence(holds),
        &digits,
        &day_in_digits,
    );
    add(&p.joined, &[Holds::MONTH, Holds::DIGIT], &|c| {
        let group = |names: [&str; 3]| names.iter().find_map(|n| c.name(n));
        let sep = |names: [&str; 2]| match (c.name(names[0]), c.name(names[1])) {
            (Some(a), Some(b)) => a.as_str() == b.as_str(),
            _ => true,
        };
        // The two separators match: "05-Aug-2016", not "05-Aug/2016".
        if !(sep(["s1", "s2"]) && sep(["s3", "s4"]) && sep(["s5", "s6"])) {
            return None;
        }
        let day = group(["d", "d2", "d3"])?.as_str().parse().ok()?;
        (1..=31).contains(&day).then_some(())?;
        Some(DateExpr::Day {
            year: group(["y", "y2", "y3"])
                .and_then(|y| y.as_str().parse().ok())
                .map_or(Year::Unstated, Year::Stated),
            month: month_number(group(["m", "m2", "m3"])?.as_str()),
            day,
        })
    });
    add(
        p.month_word_day.for_sentence(holds),
        &[Holds::MONTH],
        &|c| {
            Some(DateExpr::Day {
                year: stated_year(c),
                month: spoken_month(c)?,
                day: day_number(c.name("dw").or(c.name("dd"))?.as_str())?,
            })
        },
    );
    add(
        p.word_day_month.for_sentence(holds),
        &[Holds::MONTH],
        &|c| {
            Some(DateExpr::Day {
                year: stated_year(c),
                month: month(c),
                day: day_number(&c["dw"])?,
            })
        },
    );
    add(&p.short_weekday, &[Holds::WEEKDAY], &|c| {
        let rest = text[c.get(0)?.end()..].trim_start();
        let day_follows = rest.starts_with(|ch: char| ch.is_ascii_digit())
            || lex
                .months
                .iter()
                .any(|(n, _)| rest.starts_with(n.trim_end_matches('.')));
        day_follows.then_some(())?;
        Some(DateExpr::Weekday(weekday_named(&format!("{}.", &c["w"]))?))
    });
    add(
        p.words_day_month_year.for_sentence(holds),
        &[Holds::MONTH, Holds::FOUR_DIGITS | Holds::YEAR_WORDS],
        &|c| {
            let lex = lexicon();
            let words = c["dw"].to_ascii_lowercase();
            let day = day_number(&words).or_else(|| {
                let v = lex.small_number(&words)?;
                i8::try_from(v).ok().filter(|d| (1..=31).contains(d))
            })?;
            Some(DateExpr::Day {
                year: stated_year(c),
                month: month(c),
                day,
            })
        },
    );
    add(&p.weekday_day, &[Holds::WEEKDAY], &|c| {
        // "Monday 21 people" is a count; "Monday 21 March" is found as a day beside a weekday;
        // "Friday 7.6", "Friday 7-6" are something else.
        let rest = &text[c.get(0)?.end()..];
        let next = rest.trim_start();
        if next.starts_with(|ch: char| ch.is_alphanumeric() || ch == '/')
            || (rest.starts_with(['.', '-', '/'])
                && rest[1..].starts_with(|ch: char| ch.is_ascii_digit()))
        {
            return None;
        }
        let weekday = weekday_named(&c["w"]).or_else(|| weekday_named(&format!("{}.", &c["w"])))?;
        Some(DateExpr::WeekdayDay {
            weekday,
            day: day_number(&c["dw"])?,
        })
    });
    add(&p.century, &[Holds::CENTURY], &|c| {
        let n = i16::from(day_number(&c["n"])?);
        Some(DateExpr::Years {
            first: (n - 1) * 100,
            count: 100,
        })
    });
    add(&p.weekday_in_week, &[Holds::WEEKDAY, Holds::WEEK], &|c| {
        let rel = c
            .name("rel")
            .or(c.name("rel2"))?
            .as_str()
            .to_ascii_lowercase();
        Some(DateExpr::WeekdayInWeek {
            week: match rel.as_str() {
                "this" => 0,
                "last" | "previous" => -1,
                _ => 1,
            },
            weekday: weekday_named(c.name("w").or(c.name("w2"))?.as_str())?,
        })
    });
    add(&p.week_in, &[Holds::WEEK], &|c| {
        let nth = match c["ord"].to_ascii_lowercase().as_str() {
            "last" => -1,
            word => day_number(word)?,
        };
        Some(DateExpr::WeekIn {
            nth,
            scope: week_scope(c, "unit")?,
        })
    });
    add(
        &p.stretch,
        &[Holds::DAY | Holds::WEEK | Holds::MONTH_WORD],
        &|c| {
            let which = c["which"].to_ascii_lowercase();
            let n = match c.name("n") {
                Some(n) => Some(i16::try_from(count(n.as_str())?).ok()?),
                None => None,
            };
            let unit = match c["unit"].to_ascii_lowercase().trim_end_matches('s') {
                "day" => 0,
                "week" => 1,
                _ => 2,
            };
            // "the first week of May" is a week counted as ISO 8601 does (`week_in`).
            if unit == 1 && n.is_none() {
                return None;
            }
            let (start, count) = match (which.as_str(), n) {
                ("first", n) => (0, n.unwrap_or(1)),
                ("last", n) => (-n.unwrap_or(1), n.unwrap_or(1)),
                (nth, None) => (i16::from(day_number(nth)?) - 1, 1),
                _ => return None,
            };
            let scope = week_scope(c, "scope")?;
            (count > 0).then_some(())?;
            Some(DateExpr::Stretch {
                start,
                count,
                unit,
                scope,
            })
        },
    );
    // "the year to date" runs from January 1st to the day before the reference date.
    add(&p.to_date, &[Holds::YEAR, Holds::DATE], &|_| {
        Some(DateExpr::EarlierLater {
            unit: 0,
            later: false,
        })
    });
    add(&p.month_relative_year, &[Holds::MONTH, Holds::YEAR], &|c| {
        Some(DateExpr::Month {
            year: Year::Relative(relative_offset(&c["rel"])),
            month: month(c),
        })
    });
    add(
        p.month_year.for_sentence(holds),
        &[Holds::MONTH, Holds::DIGIT | Holds::YEAR_WORDS],
        &|c| {
            Some(DateExpr::Month {
                year: stated_year(c),
                month: month(c),
            })
        },
    );
    add(&p.month, &[Holds::MONTH], &|c| {
        let start = c.get(0)?.start();
        let before = text[..start].trim_end();
        let word_start = start_of_last_word(before, |ch| ch.is_alphanumeric() || ch == '-');
        let word = before[word_start..]
            .trim_end_matches('-')
            .to_ascii_lowercase();
        let named = spoken_month(c)?;
        let short = !lex
            .months
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(&c["m"]));
        let ranged = |w: &str| {
            matches!(
                w,
                "from" | "to" | "through" | "thru" | "until" | "till" | "between" | "and"
            )
        };
        let after = text[c.get(0)?.end()..].trim_start();
        if short
            && !(ranged(&word)
                || after.starts_with(['-', '–'])
                || ranged(&after.split(' ').next().unwrap_or("").to_ascii_lowercase()))
        {
            return None;
        }
        // "this September" is the September of the reference date's year.
        let year = if word == "this" {
            Year::Relative(0)
        } else {
            Year::Unstated
        };
        lex.month_prepositions
            .contains(&word)
            .then_some(DateExpr::Month { year, month: named })
    });
    add(&p.weekday, &[Holds::WEEKDAY], &|c| {
        Some(DateExpr::Weekday(weekday_named(&c["w"])?))
    });
    add(&p.relative, &[Holds::YEAR | Holds::MONTH_WORD], &|c| {
        let offset = relative_offset(&c["rel"]);
        Some(match c["unit"].to_ascii_lowercase().as_str() {
            "year" => DateExpr::Year(Year::Relative(offset)),
            _ => DateExpr::RelativeMonth(offset),
        })
    });

    add(&p.named_year, &[Holds::YEAR, Holds::FOUR_DIGITS], &|c| {
        Some(DateExpr::Year(stated_year(c)))
    });
    add(
        &p.numeric_month,
        &[Holds::FOUR_DIGITS, Holds::DIGIT_SEP],
        &|c| {
            let whole = c.get(0)?;
            if text[..whole.start()].ends_with(['-', '/', '.'])
                || text[whole.end()..].starts_with(['-', '/', '.'])
            {
                return None;
            }
            let year: i16 = c.name("y").or(c.name("y2"))?.as_str().parse().ok()?;
            let month_text = c.name("m").or(c.name("m2"))?.as_str();
            let month: i8 = month_text.parse().ok()?;
            // "2011-12" is the season that runs into 2012, not December 2011.
            if c.name("y").is_some()
                && month_text.len() == 2
                && i16::from(month) == (year + 1) % 100
            {
                return None;
            }
            Some(DateExpr::Month {
                year: Year::Stated(year),
                month,
            })
        },
    );
    add(&p.year_month, &[Holds::FOUR_DIGITS, Holds::MONTH], &|c| {
        Some(DateExpr::Month {
            year: stated_year(c),
            month: spoken_month(c)?,
        })
    });
    // "2016-10-16", "2016/10/16"
    add(&p.iso, &[Holds::FOUR_DIGITS, Holds::DIGIT_SEP], &|c| {
        let (month, day): (i8, i8) = (c["m"].parse().ok()?, c["d"].parse().ok()?);
        // "2015-1-32" is no day at all; "2015-2-30" is a day that does not exist.
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(())?;
        Some(DateExpr::Day {
            year: Year::Stated(c["y"].parse().ok()?),
            month,
            day,
        })
    });
    // "5/17/2018" month first, as news in English writes it; "22/04/2018" day first when the
    // first number cannot be a month.
    add(&p.slashed, &[Holds::DIGIT_SEP], &|c| {
        let whole = c.get(0)?;
        // "133-03-03-2020", "1/2/3/4": a code, not a day; "12/12/30" only with slashes.
        let chained = text[..whole.start()].ends_with(['-', '/'])
            || text[whole.end()..].starts_with(['-', '/'])
            || (c.name("yy").is_some() && &c["s"] != "/");
        if chained || c["s"] != c["s2"] {
            return None;
        }
        let (a, b): (i8, i8) = (c["a"].parse().ok()?, c["b"].parse().ok()?);
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(())?;
        let year = stated_year(c);
        (year != Year::Unstated).then_some(())?;
        Some(DateExpr::Day { year, month, day })
    });
    // "11/20" is a day only where the words around make it one ("on 11/20", "from 10/1 to
    // 11/7", "Friday 7/6", "2/29-3/1"): elsewhere it is a fraction or odds.
    add(&p.month_slash_day, &[Holds::DIGIT_SEP], &|c| {
        let whole = c.get(0)?;
        let (a, b): (i8, i8) = (c["a"].parse().ok()?, c["b"].parse().ok()?);
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        slash_reads_as_day(text, whole.start(), whole.end()).then_some(())?;
        Some(DateExpr::Day {
            year: stated_year(c),
            month,
            day,
        })
    });
    // "the past five years", "the next 3 days": a window that ends or starts at the reference
    // date.
    add(&p.window, &[Holds::UNITS, Holds::WINDOW], &|c| {
        // "the next fortnight" is one; "the next couple weeks" two.
        let n = match c.name("n").or(c.name("n2")) {
            Some(n) if n.as_str().to_ascii_lowercase().starts_with("couple") => 2,
            Some(n) => count(n.as_str())?,
            None if c["unit"].eq_ignore_ascii_case("fortnight") => 1,
            None => return None,
        };
        let rel = c
            .name("rel")
            .or(c.name("rel2"))?
            .as_str()
            .to_ascii_lowercase();
        let ahead = matches!(rel.as_str(), "next" | "coming" | "upcoming" | "following");
        let calendar = |months| {
            Some(DateExpr::Calendar {
                months,
                offset: if ahead { 1 } else { -i16::try_from(n).ok()? },
                count: i16::try_from(n).ok()?,
            })
        };
        let (months, days) = match c["unit"].to_ascii_lowercase().as_str() {
            "days" => (0, n),
            "weeks" => (0, 7 * n),
            "fortnight" | "fortnights" => (0, 14 * n),
            "months" => (n, 0),
            "years" => (12 * n, 0),
            // Quarters and decades are counted whole.
            "quarters" => return calendar(3),
            _ => return calendar(120),
        };
        Some(DateExpr::Window {
            months: if ahead { months } else { -months },
            days: if ahead { days } else { -days },
        })
    });
    add(&p.calendar, &[Holds::QUARTER | Holds::DECADE], &|c| {
        let offset = match c["rel"].to_ascii_lowercase().as_str() {
            "this" | "current" => 0,
            "last" | "past" | "previous" => -1,
            _ => 1,
        };
        let months = if c["unit"].eq_ignore_ascii_case("quarter") {
            3
        } else {
            120
        };
        Some(DateExpr::Calendar {
            months,
            offset,
            count: 1,
        })
    });
    add(&p.holiday, &[Holds::HOLIDAY], &|c| {
        let name = single_spaced(&c["h"]);
        let index = lex
            .holidays
            .iter()
            .position(|h| h.names.iter().any(|n| n.eq_ignore_ascii_case(&name)))?;
        let year = match (c.name("y"), c.name("rel")) {
            (Some(y), _) => Year::Stated(y.as_str().parse().ok()?),
            (None, Some(rel)) => Year::Relative(relative_offset(rel.as_str())),
            (None, None) => Year::Unstated,
        };
        Some(DateExpr::Holiday {
            year,
            index: u8::try_from(index).ok()?,
        })
    });
    add(&p.week, &[Holds::WEEK], &|c| {
        // "the week after next" is two weeks on; "the following week" one.
        if c.name("after").is_some() {
            return Some(DateExpr::RelativeWeek(2));
        }
        Some(DateExpr::RelativeWeek(
            match c["rel"].to_ascii_lowercase().as_str() {
                "following" => 1,
                rel => relative_offset(rel),
            },
        ))
    });
    let year_in = |c: &Captures, group: &str| match (c.name(group), c.name("rel")) {
        (Some(y), _) => y.as_str().parse().ok().map_or(Year::Unstated, Year::Stated),
        (None, Some(rel)) => Year::Relative(relative_offset(rel.as_str())),
        (None, None) => Year::Unstated,
    };
    let ordinal = |word: &str| -> Option<i8> {
        Some(match word.to_ascii_lowercase().as_str() {
            "first" | "1st" => 1,
            "second" | "2nd" => 2,
            "third" | "3rd" => 3,
            "fourth" | "4th" => 4,
            _ => return None,
        })
    };
    let quarter = |year: Year, q: i8| DateExpr::Period {
        year,
        first_month: 3 * q - 2,
        last_month: 3 * q,
        first_day: 1,
        last_day: None,
    };
    // "the last quarter of 2004" is the fourth; "last quarter" alone the one before this.
    add(&p.quarter, &[Holds::QUARTER], &|c| {
        let q = match ordinal(&c["ord"]) {
            Some(q) => q,
            None if c.name("of").is_some() => 4,
            None => return None,
        };
        Some(quarter(year_in(c, "y"), q))
    });
    add(&p.q, &[Holds::Q], &|c| {
        let q: i8 = c.name("q").or(c.name("q2"))?.as_str().parse().ok()?;
        let kind = c.name("k").or(c.name("k2"))?.as_str();
        let year = c
            .name("y")
            .or(c.name("y2"))
            .and_then(|y| y.as_str().parse().ok())
            .map_or(Year::Unstated, Year::Stated);
        // Without a year only a capital "Q3" is a quarter; a half ("H2") always needs its year.
        if year == Year::Unstated && kind != "Q" {
            return None;
        }
        if kind.eq_ignore_ascii_case("h") {
            (q <= 2).then_some(())?;
            return Some(DateExpr::Period {
                year,
                first_month: 6 * q - 5,
                last_month: 6 * q,
                first_day: 1,
                last_day: None,
            });
        }
        Some(quarter(year, q))
    });
    add(&p.half, &[Holds::HALF], &|c| {
        let h = ordinal(&c["ord"])?;
        Some(DateExpr::Period {
            year: year_in(c, "y"),
            first_month: 6 * h - 5,
            last_month: 6 * h,
            first_day: 1,
            last_day: None,
        })
    });
    // "early October" is days 1–10, "mid-October" 11–20, "late October" 21 to the end.
    add(&p.part_month, &[Holds::MONTH, Holds::PART], &|c| {
        let month = month_number(&c["m"]);
        let (first_day, last_day) = match part(&c["part"]) {
            Part::Early => (1, Some(10)),
            Part::Mid => (11, Some(20)),
            Part::Late => (21, None),
        };
        Some(DateExpr::Period {
            year: stated_year(c),
            first_month: month,
            last_month: month,
            first_day,
            last_day,
        })
    });
    // "early 2024" is January to April, "mid-2024" May to August, "late 2024" September on.
    add(&p.part_year, &[Holds::FOUR_DIGITS, Holds::PART], &|c| {
        let year = stated_year(c);
        let (first_month, last_month) = match part(&c["part"]) {
            Part::Early => (1, 4),
            Part::Mid => (5, 8),
            Part::Late => (9, 12),
        };
        Some(DateExpr::Period {
            year,
            first_month,
            last_month,
            first_day: 1,
            last_day: None,
        })
    });
    // "earlier this year" runs from the year's start to the day before the reference date,
    // "later this month" from the reference date to the month's end.
    add(&p.earlier_later, &[Holds::EARLIER_LATER], &|c| {
        let unit = match c["unit"].to_ascii_lowercase().as_str() {
            "year" => 0,
            "month" => 1,
            _ => 2,
        };
        Some(DateExpr::EarlierLater {
            unit,
            later: c["which"].eq_ignore_ascii_case("later"),
        })
    });
    add(&p.decade, &[Holds::FOUR_DIGITS, Holds::ZERO_S], &|c| {
        Some(DateExpr::Years {
            first: c["d"].parse().ok()?,
            count: 10,
        })
    });
    add(&p.relative_day, &[Holds::NOW], &|c| {
        // "now" is a day only as an end of a range: "between now and November 15th".
        if c[0].eq_ignore_ascii_case("now") {
            let (before, before_at) = word_before(text, c.get(0)?.start());
            let after = text[c.get(0)?.end()..].trim_start().to_ascii_lowercase();
            let head = text[..before_at].to_ascii_lowercase();
            // A line break may part the words as a space does.
            let recent =
                single_spaced(&head[head.floor_char_boundary(head.len().saturating_sub(40))..]);
            let ranged = match before.as_str() {
                "between" => starts_with_words(&after, "and ").is_some(),
                // "between Jan 22 and now", "from March to now"
                "and" => recent.contains("between "),
                "to" | "until" | "till" => recent.contains("from "),
                // "three days from now"
                "from" => [
                    "day", "days", "week", "weeks", "month", "months", "year", "years",
                ]
                .iter()
                .any(|unit| head.trim_end().ends_with(unit)),
                _ => false,
            };
            ranged.then_some(())?;
        }
        Some(DateExpr::RelativeDay(
            match c[0].to_ascii_lowercase().as_str() {
                "yesterday" => -1,
                "tomorrow" => 1,
                _ => 0,
            },
        ))
    });
    // "in two weeks" in a sentence about the future is a day; in the past, a duration.
    if tense == Tense::Future {
        add(
            &p.in_future,
            &[Holds::DAY | Holds::WEEK | Holds::MONTH_WORD | Holds::YEAR],
            &|c| {
                let n = count(&c["n"])?;
                Some(match c["unit"].to_ascii_lowercase().trim_end_matches('s') {
                    "year" => DateExpr::Shift {
                        months: 12 * n,
                        days: 0,
                    },
                    "month" => DateExpr::Shift { months: n, days: 0 },
                    "week" => DateExpr::Shift {
                        months: 0,
                        days: 7 * n,
                    },
                    _ => DateExpr::Shift { months: 0, days: n },
                })
            },
        );
    }
    // "two years ago", "a year earlier", "three days ago"
    add(
        &p.ago,
        &[Holds::DAY | Holds::MONTH_WORD | Holds::YEAR, Holds::AGO],
        &|c| {
            let n = count(&c["n"])?;
            let n = i8::try_from(n).ok()?;
            Some(match c["unit"].to_ascii_lowercase().trim_end_matches('s') {
                "year" => DateExpr::Year(Year::Relative(-n)),
                "month" => DateExpr::RelativeMonth(-n),
                _ => DateExpr::RelativeDay(-i32::from(n)),
            })
        },
    );

    // The matches of a pattern whose groups are all read, where the sentence holds what it
    // needs.
    let captures = |re: &'static Pattern, needs: &[u32]| {
        holds
            .all(needs)
            .then(|| re.captures_iter(text))
            .into_iter()
            .flatten()
    };
    // "on the 18th", but not "on the 18th floor" or "on the first day".
    for c in captures(&p.day_alone, &[Holds::THE]) {
        let day = c.name("day").expect("group day");
        let rest = text[day.end()..].trim_start();
        if rest.starts_with(|ch: char| ch.is_alphanumeric()) || !ends_word(text, day.end()) {
            continue;
        }
        if let Some(d) = day_number(&c["dw"]) {
            candidates.push((day.range(), DateExpr::DayOfMonth(d)));
        }
    }
    // "Friday 7.6", but not "Friday 7.6 percent" or "Friday 7.65".
    for c in captures(&p.weekday_dotted, &[Holds::WEEKDAY, Holds::DIGIT_SEP]) {
        let md = c.name("md").expect("group md");
        let rest = &text[md.end()..];
        if rest.starts_with(['.', '-', '/'])
            && rest[1..].starts_with(|ch: char| ch.is_ascii_digit())
            || rest
                .trim_start()
                .starts_with(|ch: char| ch.is_ascii_digit() || ch == '%')
            || measured_after(rest, true)
        {
            continue;
        }
        let (Ok(a), Ok(b)) = (c["a"].parse::<i8>(), c["b"].parse::<i8>()) else {
            continue;
        };
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        if (1..=12).contains(&month) && (1..=31).contains(&day) {
            candidates.push((
                md.range(),
                DateExpr::Day {
                    year: Year::Unstated,
                    month,
                    day,
                },
            ));
        }
    }
    // "in two thousand and fifteen", but not "in two thousand and five cases".
    for c in captures(&p.year_alone_in_words, &[Holds::YEAR_WORDS]) {
        let words = c.name("yw").expect("group yw");
        let next = text[words.end()..].trim_start();
        let next_word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        let ends_phrase = next_word.is_empty()
            || matches!(
                next_word.to_ascii_lowercase().as_str(),
                "and" | "or" | "but" | "when" | "to" | "until" | "the"
            );
        if let (true, Some(year)) = (ends_phrase, year_in_words(words.as_str())) {
            candidates.push((words.range(), DateExpr::Year(Year::Stated(year))));
        }
    }
    // Longest first, then earliest; keep those that overlap nothing kept.
    candidates.sort_by(|a, b| (b.0.len(), a.0.start).cmp(&(a.0.len(), b.0.start)));
    let mut kept: Vec<(Span, DateExpr)> = Vec::new();
    for (span, expr) in candidates {
        if !kept
            .iter()
            .any(|(k, _)| k.start < span.end && span.start < k.end)
        {
            kept.push((span, expr));
        }
    }
    kept.sort_by_key(|(span, _)| span.start);
    kept.into_iter()
        .map(|(span, expr)| offset_before(text, span, expr))
        .map(|(span, expr)| week_of(text, span, expr))
        .collect()
}

/// A weekday written right before its day, as one date: "Tue May 9", "Friday, March 2",
/// "this Friday (Jun-15)". The weekday and the day stay mentions of their own, for the
/// weekday-date check.
pub fn weekday_days(text: &str, dates: &[(Span, DateExpr)]) -> Vec<(Span, DateExpr)> {
    dates
        .windows(2)
        .filter_map(|pair| {
            let [
                (weekday, DateExpr::Weekday(_)),
                (day, expr @ DateExpr::Day { .. }),
            ] = pair
            else {
                return None;
            };
            let gap = &text[weekday.end..day.start];
            let joined = gap
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | '-'))
                .is_empty()
                || gap.trim().eq_ignore_ascii_case("the");
            (joined && gap.len() <= 4).then_some(())?;
            let end = if gap.contains('(') && text[day.end..].starts_with(')') {
                day.end + 1
            } else {
                day.end
            };
            Some((weekday.start..end, *expr))
        })
        .collect()
}

/// "the week of April 10th": the week, Monday to Sunday, that holds the day.
fn week_of(text: &str, span: Span, expr: DateExpr) -> (Span, DateExpr) {
    let before = &text[..span.start];
    let leads = [
        "the week of ",
        "week of ",
        "the week beginning ",
        "the week commencing ",
        "the week starting ",
        "the week starting on ",
        "w/c ",
    ];
    let Some(start) = leads.iter().find_map(|lead| ends_with_words(before, lead)) else {
        return (span, expr);
    };
    match expr {
        DateExpr::Day { year, month, day } => {
            (start..span.end, DateExpr::WeekOf { year, month, day })
        }
        _ => (span, expr),
    }
}

/// "3 days after January 12th", "two weeks before May 13, 1999", "two days from today": a
/// length of time before a day moves that day.
fn offset_before(text: &str, span: Span, expr: DateExpr) -> (Span, DateExpr) {
    let Some(caps) = patterns().offset.captures(&text[..span.start]) else {
        return (span, expr);
    };
    // "for 5 days from March 3 to March 7" is a length and a range, not a moved day.
    let next = text[span.end..].trim_start().to_ascii_lowercase();
    let lex = lexicon();
    let range_follows = lex
        .range_inclusive
        .iter()
        .chain(&lex.range_ambiguous)
        .any(|w| {
            next.strip_prefix(w.as_str())
                .is_some_and(|rest| rest.starts_with(|c: char| !c.is_alphanumeric()))
        });
    if range_follows {
        return (span, expr);
    }
    let Some(n) = count(&caps["n"]) else {
        return (span, expr);
    };
    let unit = caps["unit"].to_ascii_lowercase();
    let (months, days) = match unit.trim_end_matches('s') {
        "day" => (0, n),
        "week" => (0, 7 * n),
        "month" => (n, 0),
        _ => (12 * n, 0),
    };
    let sign = if matches!(
        caps["dir"].to_ascii_lowercase().as_str(),
        "before" | "earlier than" | "prior to"
    ) {
        -1
    } else {
        1
    };
    let start = caps.get(0).map_or(span.start, |m| m.start());
    // "two months after next Friday"
    let expr = match (
        caps.name("rel").map(|r| r.as_str().to_ascii_lowercase()),
        expr,
    ) {
        (Some(rel), DateExpr::Weekday(weekday)) => DateExpr::WeekdayInWeek {
            week: if rel == "next" { 1 } else { -1 },
            weekday,
        },
        (Some(_), _) => return (span, expr),
        (None, expr) => expr,
    };
    if let (DateExpr::RelativeDay(k), 0) = (expr, months) {
        return (start..span.end, DateExpr::RelativeDay(k + sign * days));
    }
    let Some(base) = DayBase::of(expr) else {
        return (span, expr);
    };
    let moved = DateExpr::Moved {
        base,
        months: sign * months,
        days: sign * days,
    };
    (start..span.end, moved)
}

fn is_calendar_day(expr: &DateExpr) -> bool {
    matches!(
        expr,
        DateExpr::Day { .. }
            | DateExpr::Weekday(_)
            | DateExpr::Month { .. }
            | DateExpr::Year(Year::Stated(_))
            | DateExpr::RelativeDay(_)
            | DateExpr::Period { .. }
    )
}

/// Date ranges built from the dates of a sentence: "from A to B", "between A and B", "A–B",
/// "from June 3 to 20", and open ranges "through B", "until B".
pub fn ranges(text: &str, dates: &[(Span, DateExpr)]) -> Vec<(Span, Payload)> {
    let lex = lexicon();
    let end_day = |connector: &str| {
        if lex.range_inclusive.iter().any(|w| w == connector) {
            EndDay::Counted
        } else {
            EndDay::Ambiguous
        }
    };
    let mut out = Vec::new();
    let mut used_as_end = vec![false; dates.len()];
    for (i, (span, start)) in dates.iter().enumerate() {
        if !is_calendar_day(start) {
            continue;
        }
        // "from this May to Oct 2020": the opener is before the modifier.
        let (mut opener, mut opener_at) = word_before(text, span.start);
        if matches!(opener.as_str(), "this" | "next" | "last") {
            (opener, opener_at) = word_before(text, opener_at);
        }
        // "from next Monday to Friday": a weekday's own modifier picks its week.
        let start = &match (word_before(text, span.start).0.as_str(), start) {
            ("next", DateExpr::Weekday(weekday)) => DateExpr::WeekdayInWeek {
                week: 1,
                weekday: *weekday,
            },
            ("last", DateExpr::Weekday(weekday)) => DateExpr::WeekdayInWeek {
                week: -1,
                weekday: *weekday,
            },
            _ => *start,
        };
        let from = matches!(opener.as_str(), "from" | "between");
        let range_start = if from { opener_at } else { span.start };
        // "from A to B": the next date, with only a connector between.
        if let Some((next_span, end)) = dates.get(i + 1).filter(|(_, e)| is_calendar_day(e)) {
            // "to the 28th of June": the article is no part of the connector.
            let connector = text[span.end..next_span.start].trim().to_ascii_lowercase();
            let connector = connector
                .strip_suffix(" the")
                .unwrap_or(&connector)
                .to_string();
            // "through", "until" and "to" make a range on their own, unless the words before
            // make it a change: "moved Oct. 5 to Oct. 7", "postponed from May to June".
            let moved = {
                let head = text[..range_start].to_ascii_lowercase();
                let clause = &head[head.rfind([',', ';', '.']).map_or(0, |i| i + 1)..];
                clause.split_whitespace().rev().take(4).any(|w| {
                    [
                        "moved", "postpone", "delay", "push", "brought", "change", "shift",
                        "resched", "advance",
                    ]
                    .iter()
                    .any(|verb| w.starts_with(verb))
                })
            };
            let fits = match connector.as_str() {
                "and" => opener == "between",
                "-" | "–" | "—" | "~" => true,
                "until" | "till" => true,
                c if lex.range_inclusive.iter().any(|w| w == c) => true,
                c => !moved && lex.range_ambiguous.iter().any(|w| w == c),
            };
            if fits {
                let end = inherit_year(*start, *end);
                let start = inherit_year_back(*start, end);
                out.push((
                    range_start..next_span.end,
                    Payload::DateRange {
                        start: Some(start),
                        end,
                        end_day: inclusive_after(text, next_span.end, end_day(&connector)),
                    },
                ));
                used_as_end[i + 1] = true;
                continue;
            }
        }
        // "from March to date", "from 2016-04-01 till current date": up to the reference date.
        if from && let Some(m) = patterns().to_date_end.find(&text[span.end..]) {
            out.push((
                range_start..span.end + m.end(),
                Payload::DateRange {
                    start: Some(*start),
                    end: DateExpr::RelativeDay(0),
                    end_day: EndDay::Counted,
                },
            ));
            continue;
        }
        // "from June 3 to 20", "November 18-19", "April 9th through 17th", "February 1 to
        // 28, 1987" (a year after the end day makes "to" a range's).
        if let DateExpr::Day {
            year,
            month,
            day: first_day,
        } = start
            && let Some(caps) = patterns().day_only.captures(&text[span.end..])
            && let Some(d) = day_number(&caps["d"])
            && ends_word(text, span.end + caps.get(0).expect("group 0").end())
            && let day_end = span.end + caps.get(0).expect("group 0").end()
            && let stated = (*year == Year::Unstated)
                .then(|| year_after(text, day_end))
                .flatten()
            && (from
                || (text[span.end..].starts_with(['-', '–']) && d > *first_day)
                || (stated.is_some() && d > *first_day)
                || matches!(
                    caps["conn"].to_ascii_lowercase().as_str(),
                    "through" | "thru" | "until" | "till"
                ))
        {
            let (year, end_at) = match stated {
                Some((y, at)) => (Year::Stated(y), at),
                None => (*year, day_end),
            };
            let start = &match *start {
                DateExpr::Day { month, day, .. } => DateExpr::Day { year, month, day },
                other => other,
            };
            // "from April 27th to the third" ends in May.
            let (year, month) = month_after(year, *month, d < *first_day);
            let end = DateExpr::Day {
                year,
                month,
                day: d,
            };
            out.push((
                range_start..end_at,
                Payload::DateRange {
                    start: Some(*start),
                    end,
                    end_day: inclusive_after(text, end_at, end_day(&caps["conn"])),
                },
            ));
        }
    }
    // "Jan-Feb 2017", "Nov-Feb 5th, 2017": a month before the dash starts the range.
    // "between 3 and 12 of Sept", "9 to 12 June": a day before the connector does.
    for (i, (span, end)) in dates.iter().enumerate() {
        if used_as_end[i] || out.iter().any(|(s, _)| s.end == span.end) {
            continue;
        }
        let before = &text[..span.start];
        let (start, at, connector) = match end {
            DateExpr::Day { .. } | DateExpr::Month { .. } => {
                if let Some(caps) = patterns().month_dash.captures(before) {
                    let start = DateExpr::Month {
                        year: Year::Unstated,
                        month: month_number(&caps["m"]),
                    };
                    (
                        start,
                        caps.get(0).expect("group 0").start(),
                        "-".to_string(),
                    )
                } else if let DateExpr::Day { year, month, day } = end
                    && day_before_month(&text[span.clone()])
                    && let Some(caps) = patterns().days_before.captures(before)
                    && let Some(d) = day_number(&caps["d"])
                {
                    let connector = caps["conn"].to_ascii_lowercase();
                    let opener = caps.name("op").map(|m| m.as_str().to_ascii_lowercase());
                    let fits = match connector.as_str() {
                        "and" => opener.as_deref() == Some("between"),
                        _ => true,
                    };
                    if !fits {
                        continue;
                    }
                    // "from the 27th to the 3rd of April" starts in March.
                    let (year, month) = month_before(*year, *month, d > *day);
                    let start = DateExpr::Day {
                        year,
                        month,
                        day: d,
                    };
                    (start, caps.get(0).expect("group 0").start(), connector)
                } else {
                    continue;
                }
            }
            _ => continue,
        };
        let start = inherit_year_back(start, *end);
        out.push((
            at..span.end,
            Payload::DateRange {
                start: Some(start),
                end: *end,
                end_day: inclusive_after(text, span.end, end_day(&connector)),
            },
        ));
        used_as_end[i] = true;
    }
    // "through Nov. 14": an open range from the reference date.
    for (i, (span, end)) in dates.iter().enumerate() {
        if used_as_end[i] || !matches!(end, DateExpr::Day { .. }) {
            continue;
        }
        let (word, at) = word_before(text, span.start);
        if matches!(word.as_str(), "through" | "thru" | "until" | "till")
            && !out
                .iter()
                .any(|(s, _): &(Span, Payload)| s.start <= span.start && span.end <= s.end)
        {
            out.push((
                at..span.end,
                Payload::DateRange {
                    start: None,
                    end: *end,
                    end_day: inclusive_after(text, span.end, end_day(&word)),
                },
            ));
        }
    }
    out.sort_by_key(|(span, _)| span.start);
    out
}

/// Whether a day's text starts with its day, a word before the month: "12 of Sept",
/// "seventeenth of April", not "June 12" or "11/7".
fn day_before_month(written: &str) -> bool {
    let first = written.split_whitespace().next().unwrap_or("");
    written.len() > first.len()
        && first.chars().all(char::is_alphanumeric)
        && !first.starts_with(|c: char| c.is_uppercase())
}

/// The month after `month` when `wrap`, carrying a stated year over December.
fn month_after(year: Year, month: i8, wrap: bool) -> (Year, i8) {
    match (wrap, year) {
        (false, _) => (year, month),
        (true, Year::Stated(y)) if month == 12 => (Year::Stated(y + 1), 1),
        (true, _) => (year, month % 12 + 1),
    }
}

/// A year written right after `at` (", 1987", " 2004") and where it ends.
fn year_after(text: &str, at: usize) -> Option<(i16, usize)> {
    let rest = &text[at..];
    let skip = rest.len() - rest.trim_start_matches([',', ' ']).len();
    let digits = &rest[skip..];
    let n = digits.bytes().take_while(u8::is_ascii_digit).count();
    if n != 4 || digits[n..].starts_with(|c: char| c.is_alphanumeric()) || skip == 0 {
        return None;
    }
    let year: i16 = digits[..n].parse().ok()?;
    (1800..=2100)
        .contains(&year)
        .then_some((year, at + skip + n))
}

/// The month before `month` when `wrap`, carrying a stated year back over January.
fn month_before(year: Year, month: i8, wrap: bool) -> (Year, i8) {
    match (wrap, year) {
        (false, _) => (year, month),
        (true, Year::Stated(y)) if month == 1 => (Year::Stated(y - 1), 12),
        (true, _) => (year, (month + 10) % 12 + 1),
    }
}

/// "for 2 weeks starting May 20th", "3 days starting from next Monday", "for 1 week, from
/// 20th Dec": a length that starts on a day is a range. `durations` are the sentence's
/// lengths of time, as (span, amount, unit symbol).
pub fn starting_ranges(
    text: &str,
    dates: &[(Span, DateExpr)],
    durations: &[(Span, Decimal, &str)],
) -> Vec<(Span, Payload)> {
    let mut out = Vec::new();
    for (span, amount, unit) in durations {
        let Some(caps) = patterns().starting.captures(&text[span.end..]) else {
            continue;
        };
        let at = span.end + caps.get(0).expect("group 0").end();
        let Some((date_span, expr)) = dates.iter().find(|(d, _)| d.start == at) else {
            continue;
        };
        let expr = match (
            caps.name("rel").map(|r| r.as_str().to_ascii_lowercase()),
            expr,
        ) {
            (Some(rel), DateExpr::Weekday(weekday)) if rel == "next" => DateExpr::WeekdayInWeek {
                week: 1,
                weekday: *weekday,
            },
            _ => *expr,
        };
        let Some(base) = DayBase::of(expr) else {
            continue;
        };
        let Ok(n) = i32::try_from(amount.trunc().mantissa()) else {
            continue;
        };
        if Decimal::from(n) != *amount {
            continue;
        }
        let (months, days) = match *unit {
            "day" => (0, n - 1),
            "week" => (0, 7 * n - 1),
            "month" => (n, -1),
            "year" => (12 * n, -1),
            _ => continue,
        };
        out.push((
            span.start..date_span.end,
            Payload::DateRange {
                start: Some(expr),
                end: DateExpr::Moved { base, months, days },
                end_day: EndDay::Counted,
            },
        ));
    }
    out
}

/// "… to Feb. 2 inclusive" settles that the end day counts.
fn inclusive_after(text: &str, end: usize, default: EndDay) -> EndDay {
    let rest = text[end..]
        .trim_start_matches([',', ' '])
        .to_ascii_lowercase();
    if rest.starts_with("inclusive") {
        EndDay::Counted
    } else {
        default
    }
}

/// "from Jan. 12 to Feb. 2, 2023": the end gives the start its year.
fn inherit_year_back(start: DateExpr, end: DateExpr) -> DateExpr {
    match (start, end) {
        (
            DateExpr::Day {
                year: Year::Unstated,
                month,
                day,
            },
            DateExpr::Day {
                year,
                month: end_month,
                ..
            }
            | DateExpr::Month {
                year,
                month: end_month,
            },
        ) => {
            let year = match year {
                Year::Stated(y) if month > end_month => Year::Stated(y - 1),
                other => other,
            };
            DateExpr::Day { year, month, day }
        }
        _ => start,
    }
}

/// "from Dec. 20, 2023 to Jan. 5": the start gives the end its year.
fn inherit_year(start: DateExpr, end: DateExpr) -> DateExpr {
    match (start, end) {
        (
            DateExpr::Day {
                year: Year::Stated(y),
                month: start_month,
                ..
            },
            DateExpr::Day {
                year: Year::Unstated,
                month,
                day,
            },
        ) => {
            let year = if month < start_month { y + 1 } else { y };
            DateExpr::Day {
                year: Year::Stated(year),
                month,
                day,
            }
        }
        _ => end,
    }
}

/// The tense a word right before a date gives it: "last April", "next Friday".
pub fn lead_tense(lead: &str) -> Option<Tense> {
    match lead {
        "last" | "past" | "previous" => Some(Tense::Past),
        "next" | "coming" | "following" | "upcoming" => Some(Tense::Future),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The screen only skips work: with it and without, a sentence gives the same dates.
    fn screen_keeps(text: &str) {
        for tense in [Tense::Past, Tense::Future, Tense::Unknown] {
            assert_eq!(
                dates(text, tense),
                dates_holding(text, tense, Holds(u32::MAX)),
                "{text:?} ({tense:?})"
            );
        }
    }

    #[test]
    fn a_holiday_is_screened_by_its_ascii_name() {
        assert_eq!(holiday_word("New Year's Eve"), Some("Year's"));
        assert_eq!(holiday_word("Saint Patrick"), Some("Patrick"));
        assert_eq!(holiday_word("Halloween"), Some("Halloween"));
        assert_eq!(holiday_word("Díadelosmuertos"), Some("D"));
        assert_eq!(holiday_word("Ñandú Day"), Some("Day"));
        assert_eq!(holiday_word("(Labour) Day"), Some("Day"));
        assert_eq!(holiday_word("Ñandú"), None);
    }

    /// "The week of April 13" is one week whatever white space parts its words.
    #[test]
    fn the_week_of_a_day_runs_over_a_line_break() {
        let week = DateExpr::WeekOf {
            year: Year::Unstated,
            month: 4,
            day: 13,
        };
        for text in [
            "in the week of April 13",
            "in the week\nof April 13",
            "in the\nweek of\nApril 13",
        ] {
            assert_eq!(found(text), [(&text[3..], week)], "{text:?}");
        }
    }

    /// A holiday of several words is one date whatever white space parts its words: a draft
    /// wrapped by hand breaks "Christmas Eve" over two lines.
    #[test]
    fn a_holiday_runs_over_any_white_space() {
        let holiday = |name: &str| {
            lexicon()
                .holidays
                .iter()
                .position(|h| h.names.iter().any(|n| n == name))
                .and_then(|i| u8::try_from(i).ok())
                .expect("a holiday of the lexicon")
        };
        let year = Year::Unstated;
        for (text, date) in [
            ("on Christmas\nEve", "Christmas Eve"),
            ("on Christmas  Eve", "Christmas Eve"),
            ("by Black\nFriday", "Black Friday"),
            ("on Saint\u{a0}Patrick", "Saint Patrick"),
        ] {
            screen_keeps(text);
            let index = holiday(date);
            assert_eq!(
                found(text),
                [(&text[3..], DateExpr::Holiday { year, index })],
                "{text:?}"
            );
        }
    }

    #[test]
    #[allow(clippy::print_stderr)] // says why it was skipped
    fn the_screen_keeps_every_date_of_the_peer_suite() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/peers/recognizers-text-en/DateTime/English");
        // A user's clone has no ../shared; .ci/run sets FIGCHECK_REQUIRE_DATA so CI cannot
        // skip this.
        if !folder.is_dir() && std::env::var_os("FIGCHECK_REQUIRE_DATA").is_none() {
            eprintln!("skipped: {} is not beside this clone", folder.display());
            return;
        }
        let mut inputs = 0;
        for entry in std::fs::read_dir(&folder).expect("the peer's DateTime specs") {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let cases: Vec<serde_json::Value> =
                serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
            for case in cases {
                screen_keeps(case["Input"].as_str().unwrap_or_default());
                inputs += 1;
            }
        }
        assert!(inputs > 1000, "read {inputs} inputs");
    }

    #[test]
    fn the_screen_keeps_dates_beside_words_and_letters_that_look_alike() {
        for text in [
            "the market opened Mar5",
            "on Dec.3",
            "the 1990s",
            "in Q3 2019",
            "in h2 2020",
            "2016-10-16",
            "on 5/17/2018",
            "the paſt five years",
            "the next \u{212A}ey weeks",
            "Mondays",
            "Tue May 9",
            "Valentine's Day 2020",
            "July Fourth, 2020",
            "the news from New York on New Year's Eve",
            "Christmastime",
            "two thousand and five",
            "in nineteen ninety six",
            "fifteen August nineteen ninety three",
            "earlier this year",
            "three days ago",
            "the year to date",
            "mid-October",
            "the end of 2024",
            "the first half of next year",
        ] {
            screen_keeps(text);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        #[test]
        fn the_screen_keeps_dates_in_any_word_soup(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Oct.", "oct", "October", "May", "may", "Sept", "Friday", "Fri.", "Fri",
                    "Christmas", "Easter", "July Fourth", "New Year", "the", "of", "in", "on",
                    "last", "next", "past", "this", "coming", "year", "years", "month", "week", "days", "fortnight",
                    "quarter", "decade", "half", "century", "ago", "earlier", "later", "date",
                    "now", "today", "to", "through", "-", "/", ".", ",", "'", "early", "mid",
                    "end", "first", "third", "twenty", "fifteen", "nineteen", "thousand",
                    "ninety", "six", "a", "two", "Q3", "H1", "1990s", "23", "5", "12", "2023",
                    "16", "ſ", "\u{212A}", "é", "2016-10-16", "5/17", "7.6",
                ]),
                1..14,
            ),
            glue in proptest::sample::select(vec![" ", "", "-", "/", ", "]),
        ) {
            screen_keeps(&words.join(glue));
        }
    }

    fn found(text: &str) -> Vec<(&str, DateExpr)> {
        dates(text, Tense::Unknown)
            .into_iter()
            .map(|(s, e)| (&text[s], e))
            .collect()
    }

    #[test]
    fn written_dates() {
        let d = |year, month, day| DateExpr::Day { year, month, day };
        assert_eq!(
            found("on Oct. 23"),
            [("Oct. 23", d(Year::Unstated, 10, 23))]
        );
        assert_eq!(
            found("24 August 2023"),
            [("24 August 2023", d(Year::Stated(2023), 8, 24))]
        );
        assert_eq!(
            found("Sept. 11, 2001."),
            [("Sept. 11, 2001", d(Year::Stated(2001), 9, 11))]
        );
        assert_eq!(
            found("in October 2014"),
            [(
                "October 2014",
                DateExpr::Month {
                    year: Year::Stated(2014),
                    month: 10
                }
            )]
        );
        assert_eq!(
            found("in March this year"),
            [(
                "March this year",
                DateExpr::Month {
                    year: Year::Relative(0),
                    month: 3
                }
            )]
        );
        assert_eq!(
            found("meet in November"),
            [(
                "November",
                DateExpr::Month {
                    year: Year::Unstated,
                    month: 11
                }
            )]
        );
        assert_eq!(found("May I march?"), []);
        assert_eq!(
            found("on Thursday"),
            [("Thursday", DateExpr::Weekday(Weekday::Thursday))]
        );
        assert_eq!(
            found("last month"),
            [("last month", DateExpr::RelativeMonth(-1))]
        );
        assert_eq!(found("on March 45"), []);
    }

    #[test]
    fn ranges_and_their_end_days() {
        let text = "released from Aug. 24 to Sept. 11 and through Oct. 23, then between May 2 and May 9, and from June 3 to 20";
        let got: Vec<(&str, bool, EndDay)> = ranges(text, &dates(text, Tense::Unknown))
            .into_iter()
            .map(|(s, p)| match p {
                Payload::DateRange { start, end_day, .. } => (&text[s], start.is_some(), end_day),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            got,
            [
                ("from Aug. 24 to Sept. 11", true, EndDay::Ambiguous),
                ("through Oct. 23", false, EndDay::Counted),
                ("between May 2 and May 9", true, EndDay::Ambiguous),
                ("from June 3 to 20", true, EndDay::Ambiguous),
            ]
        );
    }

    #[test]
    fn tense_from_markers() {
        assert_eq!(tense("The city was set to open it"), Tense::Unknown);
        assert_eq!(tense("The city is set to open it"), Tense::Future);
        // A draft wrapped by hand may break a marker over a line.
        assert_eq!(tense("The city is set\nto open it"), Tense::Future);
        assert_eq!(tense("The city is set\r\nto open it"), Tense::Future);
        assert_eq!(tense("It was released"), Tense::Past);
        let moved: Vec<_> = dates("It ran for 5 days from March 3 to March 7", Tense::Unknown)
            .into_iter()
            .map(|(_, e)| e)
            .collect();
        assert!(
            matches!(moved[0], DateExpr::Day { day: 3, .. }),
            "{moved:?}"
        );
        assert_eq!(tense("It said the plant will open"), Tense::Future);
        assert_eq!(tense("It was closed and will reopen"), Tense::Unknown);
        assert_eq!(tense("It is big"), Tense::Unknown);
        assert_eq!(tense("the willow"), Tense::Unknown);
    }
}
