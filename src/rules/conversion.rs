//! `conversion-mismatch`: "10 miles (16 km)" — an amount and its conversion must agree, each at
//! the precision it is written with.

use rust_decimal::Decimal;

use super::{Links, Outcome, Patterns, Relation, RuleSettings, display, doc, like, rounded};
use crate::extract::Payload;
use crate::finding::{Finding, Locator, Skipped, Verified};
use crate::interval::Interval;
use crate::lexicon::{Unit, lexicon};
use crate::link::{Claim, Text};
use crate::normalize::Figure;

const NAME: &str = "conversion-mismatch";

/// "10 miles (16 km)", "500 barrels, or 21,000 U.S. gallons": an amount and the same amount
/// in other units.
pub const RELATION: Relation = Relation {
    name: "conversion",
    link,
    check: |claim, cx| {
        let (Some(stated), Some(converted)) = (claim.figure("stated"), claim.figure("converted"))
        else {
            return Vec::new();
        };
        check(
            &cx.figures[stated],
            &cx.figures[converted],
            cx.locator,
            cx.tuning,
        )
        .into_iter()
        .collect()
    },
};

/// Two amounts convert when they measure one dimension in different units, or are money in
/// different currencies ("£600m ($780m)", checked only against a user's rates).
fn converts(a: &Payload, b: &Payload) -> bool {
    let lex = lexicon();
    match (a, b) {
        (Payload::Quantity { unit: a, .. }, Payload::Quantity { unit: b, .. }) => {
            let (a, b) = (&lex.units[*a], &lex.units[*b]);
            a.dimension == b.dimension && a.symbol != b.symbol
        }
        (Payload::Money { currency: a, .. }, Payload::Money { currency: b, .. }) => a != b,
        _ => false,
    }
}

fn link(text: &Text, patterns: &Patterns) -> Links {
    let mut links = Links::default();
    let payload = |f: usize| &text.figures[f].mention.payload;
    let pair = |stated: usize, converted: usize| {
        (converts(payload(stated), payload(converted))
            && text.figures[converted].mention.hedge.is_none())
        .then_some(vec![("stated", stated), ("converted", converted)])
    };
    for s in text.sentences_with(2) {
        for (pattern, m) in patterns.find(text, s) {
            let Some(stated) = m.figure("stated") else {
                continue;
            };
            // "52,340 hectares (523.4 km2 (202 sq mi))": the inner bracket converts the
            // figure it follows.
            let pairs = [
                m.figure("converted").map(|c| (stated, c)),
                m.figure("converted2").map(|c| (stated, c)),
                m.figure("converted").zip(m.figure("inner")),
            ];
            for (a, b) in pairs.into_iter().flatten() {
                if let Some(roles) = pair(a, b) {
                    links.claims.push(Claim::new(NAME, &pattern.name, roles));
                }
            }
        }
    }
    links
}
/// Converts an interval of amounts from one unit to another; temperatures in Celsius and
/// Fahrenheit have an offset as well as a factor. `None` when no conversion is known.
fn convert(value: Interval, from: &Unit, to: &Unit) -> Option<Interval> {
    match (from.symbol.as_str(), to.symbol.as_str()) {
        ("°C", "°F") => {
            let nine_fifths = Interval::exact(Decimal::new(18, 1));
            let scaled = value.mul(&nine_fifths);
            Some(Interval::bounded(
                scaled.low().map(|v| v + Decimal::from(32)),
                scaled.high().map(|v| v + Decimal::from(32)),
            ))
        }
        ("°F", "°C") => {
            let shifted = Interval::bounded(
                value.low().map(|v| v - Decimal::from(32)),
                value.high().map(|v| v - Decimal::from(32)),
            );
            shifted.div(&Interval::exact(Decimal::new(18, 1)))
        }
        _ if from.dimension == "temperature" => None,
        _ => Some(value.mul(&from.factor_to(to)?)),
    }
}

/// Conversions are commonly rounded to fives and tens ("a 60-foot (20 m) mast", "110 km/h
/// (70 mph)"): a whole number in digits ending in 0 may stand for anything within 5 of it, one
/// ending in 5 for anything within 2.5, as well as what its written precision allows.
fn to_fives(figure: &Figure, interval: Interval) -> Interval {
    let Some(num) = figure.amount() else {
        return interval;
    };
    if num.digits.is_empty() || num.digits.contains('.') || figure.mention.hedge.is_some() {
        return interval;
    }
    let half = match num.digits.chars().last() {
        Some('0') => Decimal::from(5),
        Some('5') => Decimal::new(25, 1),
        _ => return interval,
    } * num.multiplier;
    let (low, high) = (num.value - half, num.value + half);
    Interval::bounded(
        interval.low().map(|l| l.min(low)),
        interval.high().map(|h| h.max(high)),
    )
}

pub fn check(
    stated: &Figure,
    converted: &Figure,
    locator: &Locator,
    tuning: &RuleSettings,
) -> Option<Outcome> {
    let doc = doc(NAME).expect("conversion-mismatch is catalogued");
    let lex = lexicon();
    let (Some(value), Some(interval), Some(target)) =
        (stated.central, stated.interval, converted.interval)
    else {
        return None;
    };
    let (expected, shown, notes) = match (&stated.mention.payload, &converted.mention.payload) {
        (Payload::Quantity { unit: a, .. }, Payload::Quantity { unit: b, .. }) => {
            let (from, to) = (&lex.units[*a], &lex.units[*b]);
            let (interval, target) = (to_fives(stated, interval), to_fives(converted, target));
            let expected = convert(interval, from, to)?;
            let central = convert(Interval::exact(value), from, to)?.low()?;
            let shown = format!("{} {}", rounded(central), to.symbol);
            (expected.meets(&target), shown, vec![])
        }
        // "£600m ($780m)": only at a rate the user's config gives, loosened by the tolerance
        // `currency-rate`, since rates move from day to day.
        (Payload::Money { currency: a, .. }, Payload::Money { currency: b, .. }) => {
            let Some(rate) = tuning.rate(a, b) else {
                return Some(Outcome::Skipped(Skipped {
                    rule: NAME,
                    reason: format!(
                        "no exchange rate from {a} to {b}: add \"{a}/{b}\" under [currency-rates] in figcheck.toml"
                    ),
                    span: locator.position(&converted.mention.span),
                }));
            };
            let slack = tuning.tolerance(doc, "currency-rate");
            let rates = Interval::new(rate * (Decimal::ONE - slack), rate * (Decimal::ONE + slack));
            let expected = interval.mul(&rates);
            let shown = like(value * rate, converted);
            let note = doc.message(
                "rate",
                &[
                    ("rate", display(rate.normalize())),
                    ("from", a.clone()),
                    ("to", b.clone()),
                    (
                        "slack",
                        format!("{}%", display((slack * Decimal::ONE_HUNDRED).normalize())),
                    ),
                ],
            );
            (expected.meets(&target), shown, vec![note])
        }
        _ => return None,
    };
    let vals = [
        ("stated", locator.text(&stated.mention.span).to_string()),
        (
            "converted",
            locator.text(&converted.mention.span).to_string(),
        ),
        ("expected", shown),
    ];
    let mut labels = vec![
        locator.label("stated", stated),
        locator.label("converted", converted),
    ];
    labels.sort_by_key(|l| l.span.start);
    let span = locator.position(&converted.mention.span);
    if expected {
        return Some(Outcome::Verified(Verified {
            rule: NAME,
            message: doc.message("verified", &vals),
            span,
            labels,
        }));
    }
    Some(Outcome::Finding(Finding {
        rule: NAME,
        severity: doc.severity,
        message: doc.message("title", &vals),
        span,
        labels,
        notes: std::iter::once(doc.message("arithmetic", &vals))
            .chain(notes)
            .collect(),
    }))
}
