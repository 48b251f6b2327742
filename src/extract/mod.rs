//! Extract: sentences into [`Mention`]s — every figure as written, with its parts parsed but
//! nothing resolved against the reference date yet (that is normalization's job).

mod date;
mod hedge;
mod number;
mod unit;
mod words;

use jiff::civil::Weekday;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::ingest::Document;
use crate::lexicon::word_before;
use crate::segment::Sentence;
use crate::source::Span;

pub use date::Tense;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    Number,
    Quantity,
    /// "between 20 and 30", "10 to 12 million tonnes"
    NumberRange,
    Money,
    Percent,
    /// "2 percentage points", "3 pct points"
    PercentagePoints,
    Rate,
    Date,
    DateRange,
    Duration,
    /// An age: "29 years old".
    Age,
    Ordinal,
    Weekday,
}

impl MentionKind {
    /// The name JSON output uses: "date_range".
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Number => "number",
            MentionKind::Quantity => "quantity",
            MentionKind::NumberRange => "number_range",
            MentionKind::Money => "money",
            MentionKind::Percent => "percent",
            MentionKind::PercentagePoints => "percentage_points",
            MentionKind::Rate => "rate",
            MentionKind::Date => "date",
            MentionKind::DateRange => "date_range",
            MentionKind::Duration => "duration",
            MentionKind::Age => "age",
            MentionKind::Ordinal => "ordinal",
            MentionKind::Weekday => "weekday",
        }
    }
}

/// A number as written: its value (scale words applied) and what precision the writing shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    pub value: Decimal,
    /// The numeral as written ("5,200", "1.2"), without the scale word; empty for number words.
    pub digits: String,
    /// The scale word's factor ("1.2 million" → 1,000,000), 1 without one.
    pub multiplier: Decimal,
}

impl Num {
    /// Whether the number was written in words ("two", "a"), which name exact counts.
    pub fn in_words(&self) -> bool {
        self.digits.is_empty()
    }

    /// How many digits the numeral is written with after its point: 1 for "16.0", 0 for "16"
    /// and for a number in words.
    pub fn decimals(&self) -> usize {
        self.digits.split_once('.').map_or(0, |(_, f)| f.len())
    }
}

/// A year as written: "2023", "this year", or not written at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Year {
    Stated(i16),
    /// Relative to the reference date's year: "last year" is −1.
    Relative(i8),
    Unstated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateExpr {
    Day {
        year: Year,
        month: i8,
        day: i8,
    },
    Month {
        year: Year,
        month: i8,
    },
    Year(Year),
    Weekday(Weekday),
    /// "last month" (−1), "this month" (0), "next month" (1).
    RelativeMonth(i8),
    /// A stretch of a year: "the third quarter" (months 7–9), "the first half of 2023",
    /// "mid-October" (days 11–20), "early 2024" (months 1–4). `last_day` of `None` is the end of
    /// `last_month`.
    Period {
        year: Year,
        first_month: i8,
        last_month: i8,
        first_day: i8,
        last_day: Option<i8>,
    },
    /// Whole years: "the 1990s" (10 from 1990), "the 15th century" (100 from 1400).
    Years {
        first: i16,
        count: i16,
    },
    /// Whole days (`unit` 0), ISO weeks (1) or months (2) at the start or the end of a month or
    /// year: "the first six months of 2023" (`start` 0, `count` 6), "the last 3 weeks of this
    /// year" (−3, 3), "the third month of 2021" (2, 1).
    Stretch {
        start: i16,
        count: i16,
        unit: u8,
        scope: WeekScope,
    },
    /// A day of the month said alone: "on the 18th".
    DayOfMonth(i8),
    /// A day of the month said with its weekday but no month: "Friday 13th", "Monday 21".
    WeekdayDay {
        weekday: Weekday,
        day: i8,
    },
    /// The first such weekday after the reference date: "the coming Thursday".
    WeekdayAhead(Weekday),
    /// A weekday of a week counted from the reference date's: "Tuesday of next week" (1).
    WeekdayInWeek {
        week: i8,
        weekday: Weekday,
    },
    /// The `nth` week (−1: the last) of a month or year, Monday to Sunday: the week that holds
    /// its `nth` Thursday, as ISO 8601 counts weeks.
    WeekIn {
        nth: i8,
        scope: WeekScope,
    },
    /// "earlier this year" (unit 0), "later this month" (1), "earlier in the week" (2).
    EarlierLater {
        unit: u8,
        later: bool,
    },
    /// "Christmas", "Easter 2018": the index of a holiday in the calendar lexicon.
    Holiday {
        year: Year,
        index: u8,
    },
    /// "last week" (−1), "this week" (0), "next week" (1): Monday to Sunday.
    RelativeWeek(i8),
    /// Whole quarters or decades counted from the one that holds the reference date: "last
    /// quarter" is `offset` −1, `count` 1; "the next two decades" is 1, 2.
    Calendar {
        months: u8,
        offset: i16,
        count: i16,
    },
    /// "the past five years" (negative), "the next 3 days" (positive): the stretch between the
    /// reference date and the reference date moved.
    Window {
        months: i32,
        days: i32,
    },
    /// "in two weeks", "in three months" (said of the future): the reference date moved.
    Shift {
        months: i32,
        days: i32,
    },
    /// The week, Monday to Sunday, that holds a day: "the week of April 10th".
    WeekOf {
        year: Year,
        month: i8,
        day: i8,
    },
    /// A day moved by months and days: "3 days after January 12th", "two weeks before
    /// Christmas", "4 months from tomorrow".
    Moved {
        base: DayBase,
        months: i32,
        days: i32,
    },
    /// "yesterday" (−1), "today" (0), "three days ago" (−3).
    RelativeDay(i32),
}

/// A day that [`DateExpr::Moved`] moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayBase {
    Day { year: Year, month: i8, day: i8 },
    Holiday { year: Year, index: u8 },
    Weekday(Weekday),
    WeekdayInWeek { week: i8, weekday: Weekday },
    RelativeDay(i32),
}

impl DayBase {
    /// The day a date expression names, when it names one.
    pub fn of(expr: DateExpr) -> Option<DayBase> {
        Some(match expr {
            DateExpr::Day { year, month, day } => DayBase::Day { year, month, day },
            DateExpr::Holiday { year, index } => DayBase::Holiday { year, index },
            DateExpr::Weekday(weekday) => DayBase::Weekday(weekday),
            DateExpr::WeekdayInWeek { week, weekday } => DayBase::WeekdayInWeek { week, weekday },
            DateExpr::RelativeDay(k) => DayBase::RelativeDay(k),
            _ => return None,
        })
    }

    /// The base as a date expression of its own.
    pub fn expr(self) -> DateExpr {
        match self {
            DayBase::Day { year, month, day } => DateExpr::Day { year, month, day },
            DayBase::Holiday { year, index } => DateExpr::Holiday { year, index },
            DayBase::Weekday(weekday) => DateExpr::Weekday(weekday),
            DayBase::WeekdayInWeek { week, weekday } => DateExpr::WeekdayInWeek { week, weekday },
            DayBase::RelativeDay(k) => DateExpr::RelativeDay(k),
        }
    }
}

/// The month or year whose weeks [`DateExpr::WeekIn`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekScope {
    Month {
        year: Year,
        month: i8,
    },
    /// "this month" (0), "last month" (−1).
    RelativeMonth(i8),
    Year(Year),
}

/// Whether a date range's end day is inside the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EndDay {
    /// "through Nov. 14", "inclusive".
    Counted,
    /// "to", "until", "between … and": the length is [difference, difference + 1] days.
    Ambiguous,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// Numbers, ordinals and percentages.
    Number(Num),
    /// A range of amounts, perhaps of a unit or a percentage.
    Range {
        low: Num,
        high: Num,
        unit: Option<usize>,
        percent: bool,
    },
    /// An ordinal relative to the last or current item: "end-1" for "next to last".
    RelativeOrdinal(String),
    /// An amount of money: the currency as written ("£") and the amount.
    Money {
        amount: Num,
        currency: String,
    },
    Quantity {
        amount: Num,
        unit: usize,
        stuff: Option<String>,
    },
    /// `amount` `unit` per `per` (a unit of time).
    Rate {
        amount: Num,
        unit: usize,
        per: usize,
        stuff: Option<String>,
    },
    Duration {
        amount: Num,
        unit: usize,
    },
    Date(DateExpr),
    /// A start of `None` means the range runs from the reference date ("through Nov. 14").
    DateRange {
        start: Option<DateExpr>,
        end: DateExpr,
        end_day: EndDay,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub kind: MentionKind,
    /// The figure as written, hedge included.
    pub span: Span,
    /// Index of the sentence the mention is in.
    pub sentence: usize,
    /// Index into the lexicon's hedges.
    pub hedge: Option<usize>,
    pub payload: Payload,
    pub tense: Tense,
    /// The word right before the mention, lowercased: "for" in "for two hours".
    pub lead: String,
}

/// Whether "from A to B" reads as a change between two figures rather than a range of one:
/// the one answer extraction and linking share (DESIGN §3b). `from_at` is where "from" (or
/// the first figure) starts in `text`, `end` where the second figure ends. It is a change when
/// a verb of change stands before it in its clause ("rose over the course of the year from
/// 1,000 to 1,500", "was revised from 3% to 4%"), or a change is named right after it ("from
/// 200 to 260 units, a 30% increase", "from 40 to 50 (up 25%)").
pub fn reads_as_change(text: &str, from_at: usize, end: usize) -> bool {
    let classes = &crate::lexicon::lexicon().classes;
    let word = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_ascii_lowercase()
    };
    let start = crate::segment::clause_start(text, from_at);
    // "down from 3.1 to 3.5 mln tonnes": the wire's "down from" takes a range as the old value.
    let adverb = text[start..from_at]
        .split_whitespace()
        .next_back()
        .map(word)
        .is_some_and(|w| classes.has("up", &w) || classes.has("down", &w));
    if adverb {
        return false;
    }
    let verb = text[start..from_at]
        .split_whitespace()
        .rev()
        .take(10)
        .map(word)
        .any(|w| {
            ["rise", "fall", "change"]
                .iter()
                .any(|c| classes.has(c, &w))
        });
    if verb {
        return true;
    }
    // ", a 30% increase", "units (up 25%)", ", an increase of 25%": within a few words after,
    // the figure's noun aside.
    let after = &text[end..text.floor_char_boundary((end + 64).min(text.len()))];
    let Some(opening) = after.find([',', '(']) else {
        return false;
    };
    let noun = &after[..opening];
    let after = &after[opening..];
    noun.split_whitespace().count() <= 2
        && noun.chars().all(|c| c.is_alphabetic() || c.is_whitespace())
        && after.split_whitespace().take(5).map(word).any(|w| {
            ["rise-noun", "fall-noun"]
                .iter()
                .any(|c| classes.has(c, &w))
                || matches!(w.as_str(), "up" | "down")
        })
}

/// Whether a sentence can hold a figure at all: it has a digit, a vulgar fraction, or a word
/// that starts a number or a date ("seven", "thousand", "first", "half", "last", "March",
/// "Friday", "Christmas", "year", "today"…) or names a unit of time ("an hour") at the start
/// of a word. Most sentences of prose have none and cost one automaton pass instead of
/// every pattern's.
fn may_hold_figures(text: &str) -> bool {
    // A vulgar fraction ("½") is outside ASCII, as most sentences are not.
    let fraction = || !text.is_ascii() && text.chars().any(|c| words::vulgar(c).is_some());
    if text.bytes().any(|b| b.is_ascii_digit()) || fraction() {
        return true;
    }
    let words = crate::lexicon::lexicon().gate(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            // Not the DFA the builder picks for so few words: that searches faster but costs
            // a cold run more to build than it saves there.
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(shortest(figure_words()))
            .expect("valid figure words")
    });
    // A word at the start of a word: "one" in "one-off" or "ones", not in "money". Each place
    // a word starts is tried once, from left to right.
    let mut from = 0;
    while let Some(m) = words.find(aho_corasick::Input::new(text).range(from..)) {
        if text[..m.start()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
        {
            return true;
        }
        from = m.start() + 1;
    }
    false
}

/// The words the sentence gate looks for at the start of a word.
fn figure_words() -> Vec<String> {
    let lex = crate::lexicon::lexicon();
    let mut all = date::trigger_words();
    all.extend(lex.number_words().cloned());
    // "next to last", "one before the last": every phrase has a word of its own ("last",
    // "next", "penultimate"); the little words between are not needed.
    all.extend(
        lex.relative_ordinals
            .keys()
            .flat_map(|k| k.split_whitespace())
            .filter(|w| !matches!(*w, "the" | "to" | "but" | "before"))
            .map(str::to_string),
    );
    all.push("hundred".into());
    // "an hour", "a week": an article counts one of a unit of time (`number::numbers` reads
    // no other unit, nor a currency, after an article alone: "a mile", "a dollar" are not
    // figures).
    all.extend(
        lex.units
            .iter()
            .filter(|u| u.is_time())
            .flat_map(|u| u.names.iter().cloned()),
    );
    all
}

/// The words, in ASCII lower case, without those that start with another: where only the
/// start of a word counts, "hours" adds nothing to "hour", nor "January" to "Jan".
fn shortest(words: Vec<String>) -> Vec<String> {
    let mut words: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    words.sort();
    words.dedup();
    // Sorted, every word that starts with a kept word follows it before any other is kept.
    let mut kept: Vec<String> = Vec::new();
    for word in words {
        if !kept.last().is_some_and(|k| word.starts_with(k.as_str())) {
            kept.push(word);
        }
    }
    kept
}

/// Every pattern of extraction's grammars, made anew, for the test of the prebuilt ones. (The
/// dateline's one pattern has no ASCII build to prebuild: it has a negated class.)
#[cfg(test)]
pub(crate) fn make_every_pattern() {
    date::make_every_pattern();
    number::make_every_pattern();
    words::make_every_pattern();
}

/// Every mention in the document, in text order.
pub fn extract(doc: &Document, sentences: &[Sentence]) -> Vec<Mention> {
    let mut mentions = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        let text = &doc.prose[sentence.span.clone()];
        if !may_hold_figures(text) {
            continue;
        }
        let base = sentence.span.start;
        let tense = date::tense(text);
        let mut found = Vec::new();
        let dates = date::dates(text, tense);
        let taken: Vec<Span> = dates.iter().map(|(span, _)| span.clone()).collect();
        for (span, expr) in &dates {
            let kind = match expr {
                DateExpr::Weekday(_) => MentionKind::Weekday,
                DateExpr::Period { .. }
                | DateExpr::Years { .. }
                | DateExpr::WeekIn { .. }
                | DateExpr::Stretch { .. }
                | DateExpr::RelativeWeek(_)
                | DateExpr::Calendar { .. }
                | DateExpr::Window { .. }
                | DateExpr::EarlierLater { .. }
                | DateExpr::WeekOf { .. } => MentionKind::DateRange,
                _ => MentionKind::Date,
            };
            found.push((kind, span.clone(), None, Payload::Date(*expr)));
        }
        // Bare years are found with the numbers; ranges are built from them too ("from 2014
        // to 2018").
        let numbers = number::numbers(text, &taken);
        let mut dated = dates.clone();
        dated.extend(
            numbers
                .iter()
                .filter_map(|(_, span, _, payload)| match payload {
                    Payload::Date(year @ DateExpr::Year(_)) => Some((span.clone(), *year)),
                    _ => None,
                }),
        );
        dated.sort_by_key(|(span, _)| span.start);
        for (span, expr) in date::weekday_days(text, &dates) {
            found.push((MentionKind::Date, span, None, Payload::Date(expr)));
        }
        let ranges = date::ranges(text, &dated);
        let range_spans: Vec<Span> = ranges.iter().map(|(span, _)| span.clone()).collect();
        for (span, payload) in ranges {
            found.push((MentionKind::DateRange, span, None, payload));
        }
        let durations: Vec<(Span, Decimal, &str)> = numbers
            .iter()
            .filter_map(|(_, span, _, payload)| match payload {
                Payload::Duration { amount, unit } => Some((
                    span.clone(),
                    amount.value,
                    crate::lexicon::lexicon().units[*unit].symbol.as_str(),
                )),
                _ => None,
            })
            .collect();
        // "lasted 22 days, from Jan. 12 through Feb. 2": a day that starts a range of its
        // own does not start one counted from the length before it.
        for (span, payload) in date::starting_ranges(text, &dates, &durations) {
            if !overlaps(&span, &range_spans) {
                found.push((MentionKind::DateRange, span, None, payload));
            }
        }
        found.extend(numbers);
        for (kind, mut span, hedge, payload) in found {
            let (mut lead, lead_at) = word_before(text, span.start);
            // A word such as "last" or "next" right before a date sets its tense ("last April",
            // "next Friday"); a modifier of a day or weekday is part of its text.
            let dated = matches!(
                kind,
                MentionKind::Date | MentionKind::Weekday | MentionKind::DateRange
            );
            let mention_tense = if dated {
                date::lead_tense(&lead).unwrap_or(tense)
            } else {
                tense
            };
            let modifier = |word: &str| {
                matches!(
                    word,
                    "last"
                        | "this"
                        | "next"
                        | "coming"
                        | "past"
                        | "previous"
                        | "upcoming"
                        | "following"
                )
            };
            let mut payload = payload;
            if matches!(kind, MentionKind::Date | MentionKind::Weekday) && modifier(&lead) {
                span.start = lead_at;
                let (before, before_at) = word_before(text, lead_at);
                // "last Wednesday" is the Wednesday of last week, "next Friday" the Friday of
                // next week; "this past Wednesday" and "this coming Friday" the nearest ones.
                if let Payload::Date(DateExpr::Weekday(weekday)) = payload
                    && before != "this"
                {
                    let week = match lead.as_str() {
                        "last" | "previous" => -1,
                        "next" | "following" => 1,
                        _ => 0,
                    };
                    if week != 0 {
                        payload = Payload::Date(DateExpr::WeekdayInWeek { week, weekday });
                    } else if matches!(lead.as_str(), "coming" | "upcoming") {
                        payload = Payload::Date(DateExpr::WeekdayAhead(weekday));
                    }
                }
                if before == "this" && lead != "this" {
                    span.start = before_at;
                    lead = word_before(text, before_at).0;
                } else {
                    lead = before;
                }
            }
            mentions.push(Mention {
                kind,
                span: base + span.start..base + span.end,
                sentence: index,
                hedge,
                payload,
                tense: mention_tense,
                lead,
            });
        }
    }
    mentions.sort_by(|a, b| {
        (a.span.start, std::cmp::Reverse(a.span.end), a.kind).cmp(&(
            b.span.start,
            std::cmp::Reverse(b.span.end),
            b.kind,
        ))
    });
    mentions
}

/// Whether `span` overlaps any of `taken`.
fn overlaps(span: &Span, taken: &[Span]) -> bool {
    taken
        .iter()
        .any(|t| t.start < span.end && span.start < t.end)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{figure_words, may_hold_figures, shortest};

    #[test]
    fn the_sentence_gate_needs_a_figure_word_at_a_word_start() {
        for text in [
            "It cost 5.",
            "a one-off payment",
            "Three people came",
            "the river rose, often fast, then twenty arrived",
            "they waited an hour",
            "last week",
            "since Tuesday",
            // A holiday by one word of its name, the rest over a line break.
            "on Saint\nPatrick",
        ] {
            assert!(may_hold_figures(text), "{text:?}");
        }
        // "ten" in "often", "one" in "someone": not at a word start. A unit or currency
        // other than time with no number is no figure.
        for text in [
            "The river rose, often fast.",
            "Someone, somewhere, said nothing.",
            "the cost in dollars, by the mile",
            "",
        ] {
            assert!(!may_hold_figures(text), "{text:?}");
        }
    }

    #[test]
    fn the_gate_keeps_the_shortest_of_words_that_start_alike() {
        let words = [
            "Hours", "hour", "January", "Jan", "june", "jun", "a", "hours", "half",
        ];
        let kept = shortest(words.iter().map(|w| w.to_string()).collect());
        assert_eq!(kept, ["a", "half", "hour", "jan", "jun"]);
    }

    /// The gate as its doc says, over every figure word, with no automaton.
    fn gate_by_hand(text: &str, words: &[String]) -> bool {
        text.char_indices().any(|(at, _)| {
            text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
                && words.iter().any(|w| {
                    text.as_bytes()[at..]
                        .get(..w.len())
                        .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
                })
        })
    }

    /// Text around one figure word, whole, cut short or run into other letters: the gate
    /// turns on that word alone.
    fn one_figure_word() -> impl Strategy<Value = String> {
        let filler = || {
            prop::collection::vec(
                prop::sample::select(vec!["often ", "someone ", "the ", "é ", "Kö-", ", ", "x"]),
                0..3,
            )
        };
        let words = figure_words();
        (filler(), 0..words.len(), 0..3usize, filler()).prop_map(move |(before, i, how, after)| {
            let word = &words[i];
            let word = match how {
                0 => word.to_uppercase(),
                1 => word[..word.floor_char_boundary(word.len() / 2 + 1)].to_string(),
                _ => format!("{word}s"),
            };
            format!("{}{word}{}", before.concat(), after.concat())
        })
    }

    proptest! {
        #[test]
        fn the_gate_finds_what_its_word_list_holds(text in one_figure_word()) {
            let words = figure_words();
            prop_assert_eq!(may_hold_figures(&text), gate_by_hand(&text, &words), "{:?}", text);
        }

        /// What the gate is for: a sentence it turns away holds no date and no number, the
        /// two readings every other mention is built from. The words are units, currencies
        /// and the little words around a figure, with no number.
        #[test]
        fn the_gate_turns_away_only_sentences_without_figures(
            words in prop::collection::vec(
                prop::sample::select(unit_and_money_words()),
                1..10,
            ),
            glue in prop::sample::select(vec![" ", "-", ", ", "/"]),
        ) {
            turned_away_holds_nothing(&words.join(glue))?;
        }
    }

    /// What the gate turns away holds no date and no number.
    fn turned_away_holds_nothing(text: &str) -> Result<(), TestCaseError> {
        if !may_hold_figures(text) {
            prop_assert!(
                super::date::dates(text, super::Tense::Unknown).is_empty(),
                "{:?}",
                text
            );
            prop_assert!(super::number::numbers(text, &[]).is_empty(), "{:?}", text);
        }
        Ok(())
    }

    #[test]
    fn the_gate_turns_away_no_unit_or_currency_after_an_article() {
        for word in unit_and_money_words() {
            for lead in ["", "a ", "an ", "the ", "nearly a ", "about an "] {
                turned_away_holds_nothing(&format!("It took {lead}{word}.")).unwrap();
            }
        }
    }

    /// Every unit's and currency's names, symbols and abbreviations, and the words that go
    /// with a figure: articles, "per", "of", "worth".
    fn unit_and_money_words() -> Vec<String> {
        let lex = crate::lexicon::lexicon();
        let mut words: Vec<String> = ["a", "an", "the", "per", "of", "worth", "some", "about", "%"]
            .map(String::from)
            .to_vec();
        for unit in &lex.units {
            words.extend(unit.names.iter().cloned());
            words.push(unit.symbol.clone());
        }
        for currency in &lex.currencies {
            words.extend(currency.names.iter().cloned());
            words.extend(currency.symbols.iter().cloned());
            words.extend(currency.codes.iter().cloned());
        }
        words
    }
}
