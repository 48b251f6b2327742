//! `range-duration-mismatch`: "the 10-day festival, from June 3 to June 20".

use jiff::civil::Weekday;
use rust_decimal::Decimal;

use super::{Conclusion, Outcome, RuleSettings, Verdict, display, doc};
use crate::extract::{EndDay, Payload};
use crate::finding::Locator;
use crate::interval::Interval;
use crate::lexicon::lexicon;
use crate::normalize::{Figure, Resolved, range_days};

const RULE: &str = "range-duration-mismatch";

/// Checks that the days of `range` are the `duration` stated.
pub fn check(
    range: &Figure,
    duration: &Figure,
    elapsed: bool,
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
    let (low, high) = range_days(start, end, end_day);
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
    // A length shorter than the calendar by no more than the range's weekend days may count
    // working days ("the nine-day period from March 11 through March 20"), unless it says how
    // long something lasted.
    let weekend_days = {
        let mut n = 0;
        let mut day_at = start;
        while day_at <= end {
            if matches!(day_at.weekday(), Weekday::Saturday | Weekday::Sunday) {
                n += 1;
            }
            match day_at.tomorrow() {
                Ok(next) => day_at = next,
                Err(_) => break,
            }
        }
        n
    };
    let working_days = Interval::new(Decimal::from(low - weekend_days), Decimal::from(high));
    let working = !elapsed && !days.meets(&stated) && working_days.meets(&stated);
    let verdict = if !days.meets(&stated) && !working {
        Verdict::Error
    } else if duration.mention.hedge.is_some() && off > tuning.tolerance(doc, "warn-above") {
        Verdict::Warning
    } else {
        Verdict::Verified
    };
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let n_days = |n: i64| {
        format!(
            "{} {}",
            display(Decimal::from(n)),
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
    let verified = if working {
        "verified-working"
    } else {
        "verified"
    };
    Some(conclusion.with(verdict, verified, "title", &["arithmetic"]))
}
