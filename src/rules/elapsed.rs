//! `elapsed-time-mismatch`: ages against birth dates ("born in 1980, the 52-year-old"), "ten
//! years ago" against the year named, "eight years later" against two years.

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::{Conclusion, Outcome, Verdict, display, doc};
use crate::finding::Locator;
use crate::normalize::{Figure, Resolved};

const RULE: &str = "elapsed-time-mismatch";

fn year_of(figure: &Figure) -> Option<i16> {
    match figure.date? {
        Resolved::Year(y) => Some(y),
        Resolved::Day(d) => Some(d.year()),
        Resolved::Month(y, _) => Some(y),
        Resolved::Range { .. } => None,
    }
}

/// The verified relation or the finding, with the messages `key`, `key-verified` and
/// `key-arithmetic`.
fn outcome(
    holds: bool,
    key: &str,
    vals: &[(&str, String)],
    figures: &[(&str, &Figure)],
    main: &Figure,
    locator: &Locator,
) -> Outcome {
    let conclusion = Conclusion {
        rule: RULE,
        doc: doc(RULE).expect("catalogued"),
        values: vals,
        span: locator.position(&main.mention.span),
        labels: figures
            .iter()
            .map(|(role, f)| locator.label(role, f))
            .collect(),
    };
    let verdict = if holds {
        Verdict::Verified
    } else {
        Verdict::Error
    };
    conclusion.with(
        verdict,
        &format!("{key}-verified"),
        key,
        &[&format!("{key}-arithmetic")],
    )
}

/// An age against the birth date or year, counted to the reference date.
pub fn age(
    age: &Figure,
    birth: &Figure,
    reference: Option<Date>,
    locator: &Locator,
) -> Option<Outcome> {
    let reference = reference?;
    let stated = age.central?;
    let (low, high) = match birth.date? {
        Resolved::Day(born) => {
            let years = i64::from(reference.year() - born.year())
                - i64::from((reference.month(), reference.day()) < (born.month(), born.day()));
            (years, years)
        }
        Resolved::Year(y) => {
            let years = i64::from(reference.year() - y);
            (years - 1, years)
        }
        _ => return None,
    };
    let holds = (Decimal::from(low)..=Decimal::from(high)).contains(&stated);
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let expected = if low == high {
        display(Decimal::from(low))
    } else {
        format!(
            "{} or {}",
            display(Decimal::from(low)),
            display(Decimal::from(high))
        )
    };
    let arithmetic = match birth.date? {
        Resolved::Day(born) => format!(
            "from {born} to {reference} is {} full years",
            display(Decimal::from(low))
        ),
        _ => format!(
            "{} − {} = {high}, or {low} before the birthday",
            reference.year(),
            reference.year() - i16::try_from(high).ok()?
        ),
    };
    let vals = [
        ("age", text(age)),
        ("birth", text(birth)),
        ("reference", reference.to_string()),
        ("expected", expected),
        ("arithmetic", arithmetic),
    ];
    Some(outcome(
        holds,
        "age",
        &vals,
        &[("age", age), ("born", birth)],
        age,
        locator,
    ))
}

/// "in 2013, ten years ago": the year against the reference date's year less the years ago.
pub fn ago(
    ago: &Figure,
    year: &Figure,
    reference: Option<Date>,
    locator: &Locator,
) -> Option<Outcome> {
    let (counted, stated) = (year_of(ago)?, year_of(year)?);
    let reference_year = reference?.year();
    let holds = (counted - stated).abs() <= 1;
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let vals = [
        ("ago", text(ago)),
        ("year", text(year)),
        ("expected", counted.to_string()),
        ("reference_year", reference_year.to_string()),
        ("years", (reference_year - counted).to_string()),
    ];
    Some(outcome(
        holds,
        "ago",
        &vals,
        &[("ago", ago), ("year", year)],
        ago,
        locator,
    ))
}

/// "in 1990 … in 2000, eight years later": the difference of two years against the length.
pub fn later(
    first: &Figure,
    second: &Figure,
    length: &Figure,
    locator: &Locator,
) -> Option<Outcome> {
    let difference = Decimal::from(year_of(second)? - year_of(first)?);
    let stated = length.central?;
    let holds = (difference - stated).abs() <= Decimal::ONE;
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let vals = [
        ("first", text(first)),
        ("second", text(second)),
        ("difference", display(difference)),
        ("length", text(length)),
    ];
    Some(outcome(
        holds,
        "later",
        &vals,
        &[("from", first), ("to", second), ("length", length)],
        length,
        locator,
    ))
}
