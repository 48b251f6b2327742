//! `range-duration-mismatch`: "the 10-day festival, from June 3 to June 20".

use jiff::civil::Weekday;
use rust_decimal::Decimal;

use super::{Conclusion, Links, Outcome, Patterns, Relation, RuleSettings, Verdict, display, doc};
use crate::extract::{EndDay, Payload};
use crate::finding::Locator;
use crate::interval::Interval;
use crate::lexicon::lexicon;
use crate::link::{Claim, Text};
use crate::normalize::{Figure, Resolved, range_days};

const RULE: &str = "range-duration-mismatch";

/// "the 10-day festival, from June 3 to June 12", "lasted 21 days, from Jan. 12 to Feb. 2".
pub const RELATION: Relation = Relation {
    name: "range-length",
    link,
    check: |claim, cx| {
        let (Some(range), Some(length)) = (claim.figure("range"), claim.figure("length")) else {
            return Vec::new();
        };
        check(
            &cx.figures[range],
            &cx.figures[length],
            cx.locator,
            cx.tuning,
        )
        .into_iter()
        .collect()
    },
};

fn link(text: &Text, patterns: &Patterns) -> Links {
    let lex = lexicon();
    let mut links = Links::default();
    for s in text.sentences_with(2) {
        let run = text.run(s);
        // A sentence with two lengths or two ranges may pair them either way.
        let lengths = run.clone().filter(|&f| text.is(f, "duration")).count();
        let ranges = run.filter(|&f| text.is(f, "range")).count();
        if lengths != 1 || ranges != 1 {
            continue;
        }
        for (pattern, m) in patterns.find(text, s) {
            let (Some(range), Some(length)) = (m.figure("range"), m.figure("length")) else {
                continue;
            };
            let Payload::Duration { unit, .. } = &text.figures[length].mention.payload else {
                continue;
            };
            if !matches!(
                lex.units[*unit].symbol.as_str(),
                "day" | "week" | "fortnight" | "month" | "year" | "night"
            ) {
                continue;
            }
            // "the 10-day festival": a length written as a modifier.
            let written = &text.prose[text.figures[length].mention.span.clone()];
            if pattern.with.get("modifier").is_some_and(|v| v == "true") && !written.contains('-') {
                continue;
            }
            links.claims.push(Claim::new(
                RULE,
                &pattern.name,
                vec![("range", range), ("length", length)],
            ));
        }
    }
    links
}

/// Checks that the days of `range` are the `duration` stated: calendar days, or working days
/// (Monday to Friday) when the length says so ("nine working days").
pub fn check(
    range: &Figure,
    duration: &Figure,
    locator: &Locator,
    tuning: &RuleSettings,
) -> Option<Outcome> {
    let lex = lexicon();
    let Some(Resolved::Range {
        start,
        end,
        end_day,
    }) = range.date
    else {
        return None;
    };
    let Payload::Duration { unit, .. } = &duration.mention.payload else {
        return None;
    };
    let day = &lex.units[lex.unit_index("day")?];
    let factor = lex.units[*unit].factor_to(day)?;
    let stated = duration.interval?.mul(&factor);
    let working = working_said(locator, duration);
    let (low, high) = if working {
        working_days(start, end, end_day)
    } else {
        range_days(start, end, end_day)
    };
    let days = Interval::new(Decimal::from(low), Decimal::from(high));
    let doc = doc(RULE).expect("catalogued");
    let central = duration.central? * factor.low()?;
    let nearest = if (Decimal::from(low) - central).abs() < (Decimal::from(high) - central).abs() {
        low
    } else {
        high
    };
    let off = if central.is_zero() {
        Decimal::ONE
    } else {
        ((Decimal::from(nearest) - central) / central).abs()
    };
    let verdict = if !days.meets(&stated) {
        Verdict::Error
    } else if duration.mention.hedge.is_some() && off > tuning.tolerance(doc, "warn-above") {
        Verdict::Warning
    } else {
        Verdict::Verified
    };
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let n_days = |n: i64| {
        format!(
            "{} {}{}",
            display(Decimal::from(n)),
            if working { "working " } else { "" },
            if n == 1 { day.singular() } else { day.plural() }
        )
    };
    let days_text = if low == high {
        n_days(low)
    } else {
        format!("{} or {}", display(Decimal::from(low)), n_days(high))
    };
    let counting = match end_day {
        EndDay::Counted => "counting both ends",
        EndDay::Ambiguous => "with or without the end day",
    };
    // "10-day" is read out as "10 days".
    let unit_name = {
        let unit = &lex.units[*unit];
        if duration.central? == Decimal::ONE {
            unit.singular()
        } else {
            unit.plural()
        }
    };
    let vals = [
        ("range", text(range)),
        (
            "duration",
            format!("{} {unit_name}", display(duration.central?)),
        ),
        ("days", days_text.clone()),
        (
            "span",
            format!("{start} to {end} is {days_text}, {counting}"),
        ),
    ];
    let conclusion = Conclusion {
        rule: RULE,
        doc,
        values: &vals,
        span: locator.position(&duration.mention.span),
        labels: vec![
            locator.label("range", range),
            locator.label("length", duration),
        ],
    };
    Some(conclusion.with(verdict, "verified", "title", &["arithmetic"]))
}

/// The working days (Monday to Friday) from `start` to `end`: without and with the end day
/// when it is not settled whether it counts.
fn working_days(start: jiff::civil::Date, end: jiff::civil::Date, end_day: EndDay) -> (i64, i64) {
    let mut n = 0;
    let mut at = start;
    while at < end {
        if !matches!(at.weekday(), Weekday::Saturday | Weekday::Sunday) {
            n += 1;
        }
        match at.tomorrow() {
            Ok(next) => at = next,
            Err(_) => break,
        }
    }
    let last = i64::from(!matches!(
        end.weekday(),
        Weekday::Saturday | Weekday::Sunday
    ));
    match end_day {
        EndDay::Counted => (n + last, n + last),
        EndDay::Ambiguous => (n, n + last),
    }
}

/// Whether the length says it counts working days: "10 working days", "nine business days".
fn working_said(locator: &Locator, duration: &Figure) -> bool {
    let text = locator.text(&duration.mention.span).to_ascii_lowercase();
    ["working", "business", "trading", "school"]
        .iter()
        .any(|w| text.contains(w))
}
