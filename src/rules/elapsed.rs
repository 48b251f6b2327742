//! `elapsed-time-mismatch`: ages against birth dates ("born in 1980, the 52-year-old"), "ten
//! years ago" against the year named, "eight years later" against two years.

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::{Conclusion, Links, Outcome, Patterns, Relation, Verdict, display, doc};
use crate::extract::{DateExpr, MentionKind, Payload};
use crate::finding::Locator;
use crate::lexicon::lexicon;
use crate::link::{Claim, MAX_SENTENCE_FIGURES, Text};
use crate::normalize::{Figure, Resolved};

const RULE: &str = "elapsed-time-mismatch";

/// An age against a birth date, "ten years ago" against the year named, "eight years later"
/// against two years.
pub const RELATION: Relation = Relation {
    name: "elapsed",
    link,
    check: |claim, cx| {
        let f = |role: &str| claim.figure(role).map(|i| &cx.figures[i]);
        let outcome = match claim.how.as_str() {
            "age-birth" => f("age")
                .zip(f("birth"))
                .and_then(|(a, b)| age(a, b, cx.reference, cx.locator)),
            "ago" => f("ago")
                .zip(f("year"))
                .and_then(|(a, y)| ago(a, y, cx.reference, cx.locator)),
            "later" => match (f("first"), f("second"), f("length")) {
                (Some(a), Some(b), Some(l)) => later(a, b, l, cx.locator),
                _ => None,
            },
            _ => None,
        };
        outcome.into_iter().collect()
    },
};

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

/// Ages against birth dates and years against the time said to separate them, one sentence
/// at a time: "born in 1980, the 52-year-old" (the only age and the only date in a sentence in
/// the present, not about a death), "in 2013, ten years ago", "in 1990 … in 2000, eight years
/// later" (a sentence with exactly two years).
fn link(text: &Text, _patterns: &Patterns) -> Links {
    let (figures, prose) = (text.figures, text.prose);
    let lex = lexicon();
    let stated_year = |f: &Figure| {
        matches!(
            f.mention.payload,
            Payload::Date(DateExpr::Year(crate::extract::Year::Stated(_)))
        )
    };
    let mut claims = Vec::new();
    for run in text
        .sentences_with(2)
        .map(|s| text.run(s))
        .filter(|r| r.len() <= MAX_SENTENCE_FIGURES)
    {
        // "born in 1980, the 52-year-old"
        let born = |f: &Figure| {
            matches!(
                f.mention.payload,
                Payload::Date(
                    DateExpr::Year(crate::extract::Year::Stated(_))
                        | DateExpr::Day {
                            year: crate::extract::Year::Stated(_),
                            ..
                        }
                )
            ) && lower_before(prose, f.mention.span.start, 24)
                .trim_end()
                .trim_end_matches(" in")
                .trim_end_matches(" on")
                .ends_with("born")
        };
        // "Smith, 61, was born …": a bare age between commas after a name.
        let apposed_age = |f: &Figure| {
            f.mention.kind == MentionKind::Number
                && f.mention.hedge.is_none()
                && f.central.is_some_and(|v| {
                    v.fract().is_zero() && v > Decimal::ZERO && v < Decimal::from(120)
                })
                && prose[f.mention.span.end..].starts_with(',')
                && prose[..f.mention.span.start]
                    .strip_suffix(", ")
                    .is_some_and(|head| {
                        head.rsplit(' ')
                            .next()
                            .is_some_and(|w| w.starts_with(char::is_uppercase))
                    })
        };
        let ages: Vec<usize> = run
            .clone()
            .filter(|&k| figures[k].mention.kind == MentionKind::Age || apposed_age(&figures[k]))
            .collect();
        let births: Vec<usize> = run.clone().filter(|&k| born(&figures[k])).collect();
        let dated: Vec<usize> = run
            .clone()
            .filter(|&k| {
                matches!(
                    figures[k].mention.kind,
                    MentionKind::Date | MentionKind::DateRange | MentionKind::Weekday
                )
            })
            .collect();
        // The run's text and the 120 bytes before it, read only for a run with one age, one
        // birth and one date.
        let past = || {
            let (from, to) = (
                figures[run.start].mention.span.start,
                figures[run.end - 1].mention.span.end,
            );
            let clause = lower_before(prose, to, to - from + 120);
            [
                "died", "dead", "death", "killed", "late", " was ", " were ", " had ", "aged",
            ]
            .iter()
            .any(|w| clause.contains(w))
        };
        if let ([age], [birth]) = (ages.as_slice(), births.as_slice())
            && dated.len() == 1
            && !past()
        {
            claims.push(Claim::new(
                RULE,
                "age-birth",
                vec![("age", *age), ("birth", *birth)],
            ));
        }

        for k in run.clone() {
            let f = &figures[k];
            // "2013, ten years ago" / "ten years ago, in 2013"
            let ago = matches!(
                f.mention.payload,
                Payload::Date(DateExpr::Year(crate::extract::Year::Relative(_)))
            ) && prose[f.mention.span.clone()]
                .to_lowercase()
                .ends_with("ago");
            if ago {
                let next = figures
                    .get(k + 1)
                    .filter(|n| run.contains(&(k + 1)) && stated_year(n));
                let previous = k
                    .checked_sub(1)
                    .map(|p| &figures[p])
                    .filter(|p| run.contains(&(k - 1)) && stated_year(p));
                let gap_ok = |a: &Figure, b: &Figure| {
                    matches!(
                        prose[a.mention.span.end..b.mention.span.start].trim(),
                        "," | ", in" | "(" | "in"
                    )
                };
                if previous.is_some_and(|p| gap_ok(p, f)) {
                    claims.push(Claim::new(RULE, "ago", vec![("ago", k), ("year", k - 1)]));
                } else if next.is_some_and(|n| gap_ok(f, n)) {
                    claims.push(Claim::new(RULE, "ago", vec![("ago", k), ("year", k + 1)]));
                }
            }
        }

        // "… in 2000, eight years later"
        let years: Vec<usize> = run.clone().filter(|&k| stated_year(&figures[k])).collect();
        if let [first, second] = years.as_slice()
            && let Some(length) = figures.get(second + 1)
            && run.contains(&(second + 1))
            && matches!(&length.mention.payload, Payload::Duration { unit, .. } if lex.units[*unit].symbol == "year")
            && prose[figures[*second].mention.span.end..length.mention.span.start].trim() == ","
        {
            let after = lower_after(prose, length.mention.span.end, 16);
            let after = after.trim_start();
            if after.starts_with("later") || after.starts_with("after") {
                claims.push(Claim::new(
                    RULE,
                    "later",
                    vec![
                        ("first", *first),
                        ("second", *second),
                        ("length", second + 1),
                    ],
                ));
            }
        }
    }
    Links {
        claims,
        ..Links::default()
    }
}

/// The `n` bytes of prose before `at` (fewer at a character boundary), lowercased: enough to
/// read the words right before a figure without copying the whole document for each.
fn lower_before(prose: &str, at: usize, n: usize) -> String {
    prose[prose.floor_char_boundary(at.saturating_sub(n))..at].to_lowercase()
}

/// The `n` bytes of prose after `at` (fewer at a character boundary), lowercased.
fn lower_after(prose: &str, at: usize, n: usize) -> String {
    prose[at..prose.floor_char_boundary((at + n).min(prose.len()))].to_lowercase()
}
