//! `rate-total-mismatch`: rate × period ≈ total.

use rust_decimal::Decimal;

use super::{
    Links, Outcome, Patterns, Relation, RuleDoc, RuleSettings, Verdict, display, doc,
    round_for_reader, rounded,
};
use crate::extract::{DateExpr, EndDay, MentionKind, Payload};
use crate::finding::{Finding, Locator, Severity, Skipped, Verified};
use crate::interval::Interval;
use crate::lexicon::{Unit, lexicon};
use crate::link::{Claim, MAX_SENTENCE_FIGURES, Text, Unlinked};
use crate::normalize::{Figure, Resolved, range_days};

const NAME: &str = "rate-total-mismatch";

/// A rate, the period it ran for and the total it made: "310 tons per day … through Nov. 14
/// … 5,200 tons".
pub const RELATION: Relation = Relation {
    name: "rate-total",
    link,
    check: |claim, cx| {
        let (Some(rate), Some(period), Some(total)) = (
            claim.figure("rate"),
            claim.figure("period"),
            claim.figure("total"),
        ) else {
            return Vec::new();
        };
        let f = |i: usize| &cx.figures[i];
        // "$5 million a month for 12 months": an amount and the time it is per, apart.
        if let Some(per) = claim.figure("per") {
            return check_per(f(rate), f(per), f(period), f(total), cx.locator, cx.tuning)
                .into_iter()
                .collect();
        }
        vec![check(f(rate), f(period), f(total), cx.locator, cx.tuning)]
    },
};

/// "$5 million a month for 12 months, or $70 million in all", "1,500 batteries a day over 30
/// days, or 60,000": money or a count of things per a length of time, for a period, and the
/// total; found by the patterns of `rules/rate-total-mismatch.toml`.
fn per_amounts(text: &Text, patterns: &Patterns) -> Vec<Claim> {
    let mut claims = Vec::new();
    for s in text.sentences_with(4) {
        for (pattern, m) in patterns.find(text, s) {
            let (Some(rate), Some(per), Some(period), Some(total)) = (
                m.figure("rate"),
                m.figure("per"),
                m.figure("period"),
                m.figure("total"),
            ) else {
                continue;
            };
            // "a month", "per day", "each year": one of a unit of time.
            let written = text.prose[text.figures[per].mention.span.clone()].to_ascii_lowercase();
            let one = text.figures[per].central == Some(Decimal::ONE)
                && (["a ", "an ", "per ", "each ", "every "]
                    .iter()
                    .any(|w| written.starts_with(w))
                    || matches!(
                        text.figures[per].mention.lead.as_str(),
                        "per" | "each" | "every"
                    ));
            if one && text.comparable(rate, total) {
                claims.push(Claim::new(
                    NAME,
                    &pattern.name,
                    vec![
                        ("rate", rate),
                        ("per", per),
                        ("period", period),
                        ("total", total),
                    ],
                ));
            }
        }
    }
    claims
}

/// One rate, one period and one total of the same stuff in a sentence: the rate's, the
/// period's and the total's only candidates. A sentence with two rates, periods or totals
/// that could go together is left alone, with the reason.
fn link(text: &Text, patterns: &Patterns) -> Links {
    let lex = lexicon();
    let mut links = Links {
        claims: per_amounts(text, patterns),
        ..Links::default()
    };
    for s in text.sentences_with(3) {
        let run = text.run(s);
        if run.len() > MAX_SENTENCE_FIGURES {
            links.unlinked.push(Unlinked {
                rule: "linking",
                figure: run.start,
                reason: format!(
                    "{} figures in one sentence, over the cap of {MAX_SENTENCE_FIGURES}: only the patterns link them",
                    run.len()
                ),
            });
            continue;
        }
        let figures = text.figures;
        for rate in run.clone() {
            let Payload::Rate { unit, stuff, .. } = &figures[rate].mention.payload else {
                continue;
            };
            let dimension = &lex.units[*unit].dimension;
            let totals: Vec<usize> = run
                .clone()
                .filter(|&f| match &figures[f].mention.payload {
                    // "rise by two mln tonnes to 8.5 mln tonnes a year": a change's size is
                    // no total.
                    Payload::Quantity {
                        unit: u, stuff: s, ..
                    } => {
                        &lex.units[*u].dimension == dimension
                            && (s.is_none() || stuff.is_none() || s == stuff)
                            && figures[f].mention.lead != "by"
                    }
                    _ => false,
                })
                .collect();
            if totals.is_empty() {
                continue;
            }
            let rates = run
                .clone()
                .filter(|&f| matches!(&figures[f].mention.payload, Payload::Rate { unit: u, .. } if &lex.units[*u].dimension == dimension))
                .count();
            let inside_range = |f: &Figure| {
                run.clone().any(|r| {
                    let r = &figures[r].mention;
                    r.kind == MentionKind::DateRange
                        && r.span.start <= f.mention.span.start
                        && f.mention.span.end <= r.span.end
                })
            };
            let periods: Vec<usize> = run
                .clone()
                .filter(|&f| {
                    let f = &figures[f];
                    match f.mention.kind {
                        // An explicit range ("from Jan. 12 to Feb. 2", "through Nov. 14"); a
                        // named period such as "last week" need not be the whole time the rate
                        // ran. A span of months or years written bare ("the 1986-1990 plan")
                        // names what it modifies, not the time the rate ran.
                        MentionKind::DateRange => match &f.mention.payload {
                            Payload::DateRange { end, .. } => {
                                matches!(end, DateExpr::Day { .. })
                                    || text.prose[f.mention.span.clone()]
                                        .starts_with(char::is_alphabetic)
                            }
                            _ => false,
                        },
                        // "for two hours", not "within a week" or "the first two months".
                        MentionKind::Duration => {
                            !inside_range(f) && lex.period_prepositions.contains(&f.mention.lead)
                        }
                        _ => false,
                    }
                })
                .collect();
            let reason = match (rates, totals.len(), periods.len()) {
                (_, _, 0) => continue,
                (1, 1, 1) => {
                    links.claims.push(Claim::new(
                        NAME,
                        "rate-period-total",
                        vec![("rate", rate), ("period", periods[0]), ("total", totals[0])],
                    ));
                    continue;
                }
                (r, _, _) if r > 1 => format!("{r} rates of the same kind in one sentence"),
                (_, t, 1) => format!("{t} totals could go with the rate"),
                (_, _, p) => format!("{p} periods could go with the rate"),
            };
            links.unlinked.push(Unlinked {
                rule: NAME,
                figure: rate,
                reason: format!("not linked: {reason}"),
            });
        }
    }
    links
}

/// One reading of the period, in units of the rate's time unit.
struct Reading {
    interval: Interval,
    central: Decimal,
    /// "22 days"
    short: String,
}

pub fn check(
    rate: &Figure,
    period: &Figure,
    total: &Figure,
    locator: &Locator,
    tuning: &RuleSettings,
) -> Outcome {
    let doc = doc(NAME).expect("rate-total-mismatch is catalogued");
    let lex = lexicon();
    let skip = |reason: String| {
        Outcome::Skipped(Skipped {
            rule: NAME,
            reason,
            span: locator.position(&rate.mention.span),
        })
    };
    let (
        Payload::Rate {
            unit: rate_unit,
            per,
            ..
        },
        Payload::Quantity {
            unit: total_unit, ..
        },
    ) = (&rate.mention.payload, &total.mention.payload)
    else {
        return skip("not a rate and a total".into());
    };
    let (rate_unit, per, total_unit) = (
        &lex.units[*rate_unit],
        &lex.units[*per],
        &lex.units[*total_unit],
    );
    let (Some(rate_value), Some(rate_interval), Some(total_value), Some(total_interval)) =
        (rate.central, rate.interval, total.central, total.interval)
    else {
        return skip("a figure has no amount".into());
    };
    let (readings, detail) = match period_readings(doc, period, per) {
        Ok(r) => r,
        Err(why) => {
            return skip(format!(
                "the period \u{201c}{}\u{201d} {why}",
                locator.text(&period.mention.span)
            ));
        }
    };
    let Some(to_rate_unit) = total_unit.factor_to(rate_unit) else {
        return skip("the total and the rate measure different things".into());
    };
    let stated = total_interval.mul(&to_rate_unit);
    let stated_central = total_value * midpoint(&to_rate_unit);
    if stated_central <= Decimal::ZERO || rate_value <= Decimal::ZERO {
        return skip("a zero or negative figure".into());
    }

    // The best reading decides: calendar ambiguity never makes a finding on its own.
    let threshold = tuning.tolerance(doc, "warn-above");
    let Some((verdict, reading, expected_central, difference)) = best_reading(
        &readings,
        (rate_value, &rate_interval),
        (stated_central, &stated),
        threshold,
    ) else {
        return skip("the period has no reading".into());
    };

    let back = rate_unit
        .factor_to(total_unit)
        .map_or(Decimal::ONE, |f| midpoint(&f));
    let amount = |value: Decimal, unit: &Unit| {
        let name = if value == Decimal::ONE {
            unit.singular()
        } else {
            unit.plural()
        };
        format!("{} {name}", display(value))
    };
    let rate_text = format!(
        "{} {}/{}",
        display(rate_value),
        rate_unit.plural(),
        per.singular()
    );
    let total_text = amount(total_value, total_unit);
    let expected_text = amount(round_for_reader(expected_central * back), total_unit);
    let difference_text = difference_text(difference);

    let mut labels = vec![
        locator.label("rate", rate),
        locator.label("period", period),
        locator.label("total", total),
    ];
    labels.sort_by_key(|l| l.span.start);
    let span = locator.position(&total.mention.span);
    if verdict == Verdict::Verified {
        let message = doc.message(
            "verified",
            &[
                ("rate", &rate_text),
                ("period", &reading.short),
                ("expected", &expected_text),
                ("total", &total_text),
            ],
        );
        return Outcome::Verified(Verified {
            rule: NAME,
            message,
            span,
            labels,
        });
    }

    let mut notes = vec![doc.message(
        "arithmetic",
        &[
            ("rate", &rate_text),
            ("period", &reading.short),
            ("expected", &expected_text),
            ("difference", &difference_text),
            ("total", &total_text),
        ],
    )];
    notes.extend(detail);
    if let Some(lasts) = stated_central.checked_div(rate_value) {
        let lasts = format!("about {}", amount(round_for_reader(lasts), per));
        notes.push(doc.message(
            "lasts",
            &[
                ("rate", &rate_text),
                ("total", &total_text),
                ("lasts", &lasts),
            ],
        ));
    }
    if let Some(implied) = stated_central
        .checked_div(reading.central)
        .filter(|_| !reading.central.is_zero())
    {
        let implied = format!("about {} {}", rounded(implied), rate_unit.plural());
        notes.push(doc.message::<&str>(
            "implied-rate",
            &[
                ("total", &total_text),
                ("period", &reading.short),
                ("implied", &implied),
                ("per", per.singular()),
            ],
        ));
    }
    if verdict == Verdict::Warning {
        notes.push(doc.message::<&str>("hedged", &[]));
    }
    let severity = if verdict == Verdict::Error {
        doc.severity
    } else {
        Severity::Warning
    };
    let message = doc.message(
        "title",
        &[
            ("rate", &rate_text),
            ("period", &reading.short),
            ("expected", &expected_text),
            ("total", &total_text),
        ],
    );
    Outcome::Finding(Finding {
        rule: NAME,
        severity,
        message,
        span,
        labels,
        notes,
    })
}

/// The readings of a period in units of `per`, and for a date range a note on how its days
/// were counted.
fn period_readings(
    doc: &RuleDoc,
    period: &Figure,
    per: &Unit,
) -> Result<(Vec<Reading>, Option<String>), String> {
    let lex = lexicon();
    match &period.mention.payload {
        Payload::Duration { unit, .. } => {
            let unit = &lex.units[*unit];
            let factor = unit.factor_to(per).ok_or("is not a length of time")?;
            let (Some(value), Some(interval)) = (period.central, period.interval) else {
                return Err("has no amount".into());
            };
            let name = if value == Decimal::ONE {
                unit.singular()
            } else {
                unit.plural()
            };
            let reading = Reading {
                interval: interval.mul(&factor),
                central: value * midpoint(&factor),
                short: format!("{} {name}", display(value)),
            };
            Ok((vec![reading], None))
        }
        Payload::DateRange { start, .. } => {
            let Some(Resolved::Range {
                start: first,
                end,
                end_day,
            }) = period.date
            else {
                return Err(period
                    .unresolved
                    .clone()
                    .unwrap_or_else(|| "could not be placed".into()));
            };
            let day = &lex.units[lex.unit_index("day").expect("the lexicon has days")];
            let factor = day.factor_to(per).ok_or("is not a length of time")?;
            let (low, high) = range_days(first, end, end_day);
            let days = |n: i64| {
                format!(
                    "{} {}",
                    display(Decimal::from(n)),
                    if n == 1 { day.singular() } else { day.plural() }
                )
            };
            let counting = match end_day {
                EndDay::Counted => "counting both ends",
                EndDay::Ambiguous => "with or without the end day",
            };
            let first_text = if start.is_none() {
                format!("{first} (the reference date)")
            } else {
                first.to_string()
            };
            let span_text = if low == high {
                days(low)
            } else {
                format!("{} or {}", display(Decimal::from(low)), days(high))
            };
            let note = doc.message::<&str>(
                "period",
                &[
                    ("days", &span_text),
                    ("start", &first_text),
                    ("end", &end.to_string()),
                    ("counting", counting),
                ],
            );
            let readings = (low..=high)
                .map(|n| {
                    let n_days = Decimal::from(n);
                    Reading {
                        interval: Interval::exact(n_days).mul(&factor),
                        central: n_days * midpoint(&factor),
                        short: days(n),
                    }
                })
                .collect();
            Ok((readings, Some(note)))
        }
        _ => Err("is not a period".into()),
    }
}

fn midpoint(interval: &Interval) -> Decimal {
    match (interval.low(), interval.high()) {
        (Some(l), Some(h)) => (l + h) / Decimal::TWO,
        _ => Decimal::ONE,
    }
}

/// The reading of the period that judges the rate (central value, interval) against the stated
/// total most kindly: the mildest verdict, then the smallest difference. With it, the total it
/// expects (central) and the difference from the stated one, as a fraction of it. The calendar's
/// ambiguity never makes a finding on its own.
fn best_reading<'r>(
    readings: &'r [Reading],
    (rate_value, rate_interval): (Decimal, &Interval),
    (stated_value, stated): (Decimal, &Interval),
    threshold: Decimal,
) -> Option<(Verdict, &'r Reading, Decimal, Decimal)> {
    readings
        .iter()
        .map(|reading| {
            let expected = rate_interval.mul(&reading.interval);
            let central = rate_value * reading.central;
            let difference = (central - stated_value)
                .checked_div(stated_value)
                .unwrap_or(Decimal::MAX);
            let verdict = if !expected.meets(stated) {
                Verdict::Error
            } else if difference.abs() > threshold {
                Verdict::Warning
            } else {
                Verdict::Verified
            };
            (verdict, difference.abs(), reading, central, difference)
        })
        .min_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)))
        .map(|(verdict, _, reading, central, difference)| (verdict, reading, central, difference))
}

/// "about 20% more than": a difference, as a fraction of the stated total, for the reader.
fn difference_text(difference: Decimal) -> String {
    let percent = rounded(difference.abs().saturating_mul(Decimal::ONE_HUNDRED));
    let direction = if difference >= Decimal::ZERO {
        "more than"
    } else {
        "less than"
    };
    format!("about {percent}% {direction}")
}

/// Checks that money or a count per a length of time, times the period, gives the total.
fn check_per(
    rate: &Figure,
    per: &Figure,
    period: &Figure,
    total: &Figure,
    locator: &Locator,
    tuning: &RuleSettings,
) -> Option<Outcome> {
    let doc = doc(NAME).expect("rate-total-mismatch is catalogued");
    let lex = lexicon();
    let Payload::Duration { unit, .. } = &per.mention.payload else {
        return None;
    };
    let per_unit = &lex.units[*unit];
    let (rate_value, rate_interval) = (rate.central?, rate.interval?);
    let (total_value, total_interval) = (total.central?, total.interval?);
    let (readings, detail) = period_readings(doc, period, per_unit).ok()?;
    if total_value <= Decimal::ZERO || rate_value <= Decimal::ZERO {
        return None;
    }
    let threshold = tuning.tolerance(doc, "warn-above");
    let (verdict, reading, expected, difference) = best_reading(
        &readings,
        (rate_value, &rate_interval),
        (total_value, &total_interval),
        threshold,
    )?;
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let rate_text = format!("{} {}", text(rate), text(per));
    let expected_text = super::like(round_for_reader(expected), total);
    let difference_text = difference_text(difference);
    let vals = [
        ("rate", rate_text.as_str()),
        ("period", reading.short.as_str()),
        ("expected", expected_text.as_str()),
        ("total", &text(total)),
        ("difference", difference_text.as_str()),
    ];
    let mut labels = vec![
        locator.label("rate", rate),
        locator.label("per", per),
        locator.label("period", period),
        locator.label("total", total),
    ];
    labels.sort_by_key(|l| l.span.start);
    let span = locator.position(&total.mention.span);
    if verdict == Verdict::Verified {
        return Some(Outcome::Verified(Verified {
            rule: NAME,
            message: doc.message("verified", &vals),
            span,
            labels,
        }));
    }
    let mut notes = vec![doc.message("arithmetic", &vals)];
    notes.extend(detail);
    if verdict == Verdict::Warning {
        notes.push(doc.message::<&str>("hedged", &[]));
    }
    Some(Outcome::Finding(Finding {
        rule: NAME,
        severity: if verdict == Verdict::Error {
            doc.severity
        } else {
            Severity::Warning
        },
        message: doc.message("title", &vals),
        span,
        labels,
        notes,
    }))
}
