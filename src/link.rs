//! Link: figures into [`Claim`]s — the relations the rules check. Linking is where false alarms
//! are born, so it links only when the reading is unambiguous: one rate, one period and one
//! total of the same stuff, in one sentence. Anything less is left alone, and anything
//! ambiguous is recorded so `--verbose` can say why nothing was checked.

use crate::extract::{DateExpr, MentionKind, Payload};
use crate::lexicon::lexicon;
use crate::normalize::Figure;

/// A relation between figures; the numbers index the document's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// `rate` × `period` should give `total`.
    RateTotal {
        rate: usize,
        period: usize,
        total: usize,
    },
    /// A weekday written next to the date it names: "Friday, March 2, 2023", "March 2 (Friday)".
    WeekdayDate { weekday: usize, date: usize },
    /// A day of a month: it must exist ("Feb. 30" does not).
    CalendarDay { date: usize },
}

/// A relation that was not linked because the sentence allows more than one reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlinked {
    pub rule: &'static str,
    /// The figure the relation would have been about.
    pub figure: usize,
    pub reason: String,
}

/// The claims among `figures`; `prose` is the document's text, for what stands between two
/// figures.
pub fn link(figures: &[Figure], prose: &str) -> (Vec<Claim>, Vec<Unlinked>) {
    let mut claims = Vec::new();
    let mut unlinked = Vec::new();
    for (i, figure) in figures.iter().enumerate() {
        if matches!(figure.mention.payload, Payload::Date(DateExpr::Day { .. })) {
            claims.push(Claim::CalendarDay { date: i });
        }
    }
    claims.extend(weekday_dates(figures, prose));
    // Figures are in text order, so each sentence's figures are one run of indices.
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, figure) in figures.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if figures[run.start].mention.sentence == figure.mention.sentence => {
                run.end = i + 1
            }
            _ => runs.push(i..i + 1),
        }
    }
    for (rate, figure) in figures.iter().enumerate() {
        let Payload::Rate { unit, stuff, .. } = &figure.mention.payload else {
            continue;
        };
        let run = runs
            .get(runs.partition_point(|r| r.end <= rate))
            .cloned()
            .unwrap_or(rate..rate + 1);
        let in_sentence = || {
            figures[run.clone()]
                .iter()
                .enumerate()
                .map(move |(offset, f)| (run.start + offset, f))
        };
        let dimension = &lexicon().units[*unit].dimension;
        let totals: Vec<usize> = in_sentence()
            .filter(|(_, f)| match &f.mention.payload {
                Payload::Quantity {
                    unit: u, stuff: s, ..
                } => {
                    &lexicon().units[*u].dimension == dimension
                        && (s.is_none() || stuff.is_none() || s == stuff)
                }
                _ => false,
            })
            .map(|(i, _)| i)
            .collect();
        if totals.is_empty() {
            continue;
        }
        let rates = in_sentence()
            .filter(|(_, f)| matches!(&f.mention.payload, Payload::Rate { unit: u, .. } if &lexicon().units[*u].dimension == dimension))
            .count();
        let inside_range = |f: &Figure| {
            in_sentence().any(|(_, r)| {
                r.mention.kind == MentionKind::DateRange
                    && r.mention.span.start <= f.mention.span.start
                    && f.mention.span.end <= r.mention.span.end
            })
        };
        let periods: Vec<usize> = in_sentence()
            .filter(|(_, f)| match f.mention.kind {
                // An explicit range ("from Aug. 24 to Sept. 11", "through Oct. 23"); a named
                // period such as "last week" need not be the whole time the rate ran.
                MentionKind::DateRange => matches!(f.mention.payload, Payload::DateRange { .. }),
                // "for two hours", not "within a week" or "the first two months".
                MentionKind::Duration => {
                    !inside_range(f) && lexicon().period_prepositions.contains(&f.mention.lead)
                }
                _ => false,
            })
            .map(|(i, _)| i)
            .collect();
        let reason = match (rates, totals.len(), periods.len()) {
            (_, _, 0) => continue,
            (1, 1, 1) => {
                claims.push(Claim::RateTotal {
                    rate,
                    period: periods[0],
                    total: totals[0],
                });
                continue;
            }
            (r, _, _) if r > 1 => format!("{r} rates of the same kind in one sentence"),
            (_, t, 1) => format!("{t} totals could go with the rate"),
            (_, _, p) => format!("{p} periods could go with the rate"),
        };
        unlinked.push(Unlinked {
            rule: "rate-total-mismatch",
            figure: rate,
            reason: format!("not linked: {reason}"),
        });
    }
    (claims, unlinked)
}

/// Weekdays written right beside a day: "Friday, March 2, 2023", "on Thursday Oct. 5",
/// "March 2 (Friday)". Only punctuation and white space may stand between them.
fn weekday_dates(figures: &[Figure], prose: &str) -> Vec<Claim> {
    let day = |f: &Figure| matches!(f.mention.payload, Payload::Date(DateExpr::Day { .. }));
    let weekday = |f: &Figure| f.mention.kind == MentionKind::Weekday;
    let beside = |a: &Figure, b: &Figure| {
        a.mention.span.end <= b.mention.span.start
            && prose[a.mention.span.end..b.mention.span.start]
                .chars()
                .all(|c| matches!(c, ' ' | ',' | '(' | '\u{a0}'))
            && b.mention.span.start - a.mention.span.end <= 3
    };
    let mut claims = Vec::new();
    for i in 1..figures.len() {
        let (a, b) = (&figures[i - 1], &figures[i]);
        if weekday(a) && day(b) && beside(a, b) {
            claims.push(Claim::WeekdayDate {
                weekday: i - 1,
                date: i,
            });
        } else if day(a) && weekday(b) && beside(a, b) {
            claims.push(Claim::WeekdayDate {
                weekday: i,
                date: i - 1,
            });
        }
    }
    claims
}
