//! Plants one error at a time into copies of real articles and counts what figcheck catches.
//!
//! ```sh
//! cargo run --release --example plant             # the table
//! cargo run --release --example plant -- --misses # also every plant that was not caught
//! ```
//!
//! The articles are `../shared/corpora/{bbc2005,reuters21578,tempeval3_news}`, read at run
//! time. A plant is in a rule's scope when figcheck verified a relation of that rule in the
//! unchanged article: the plant changes one figure of that relation — the total beside a rate,
//! the percentage of a change, the converted amount, the share, the day of a dated weekday, …
//! — with an operator taken in turn from ×2, ×10, ÷2 and a swap of the first two digits (a day
//! moves by one; a count in words goes up by one). Every day of a month is also planted as a
//! day its month does not have, and every verified change is planted turned the other way
//! (its two figures swapped). The plant is caught when the planted copy has a finding of
//! that rule on a figure of the planted relation. One more figure per article, in no verified
//! relation, is doubled: a plant outside every rule's scope, counted apart.

use std::collections::BTreeMap;

use figcheck::extract::{DateExpr, Payload};
use figcheck::rules::display;
use figcheck::{FileReport, Settings, Source};
use rust_decimal::Decimal;
#[path = "../tests/common/corpus.rs"]
mod corpus;

use corpus::{corpus, reference_date};

const CORPORA: &[&str] = &["bbc2005", "reuters21578", "tempeval3_news"];

/// The figure of each rule's relation that a plant changes, by its label.
const TARGETS: &[(&str, &[&str])] = &[
    ("rate-total-mismatch", &["total"]),
    ("range-duration-mismatch", &["length"]),
    ("weekday-date-mismatch", &["date"]),
    ("percent-change-mismatch", &["percent"]),
    ("percentage-point-confusion", &["percent", "points"]),
    ("multiplier-mismatch", &["to"]),
    ("parts-total-mismatch", &["total"]),
    ("share-mismatch", &["share"]),
    ("conversion-mismatch", &["converted"]),
    ("elapsed-time-mismatch", &["age", "ago", "length"]),
    ("figure-inconsistency", &["later"]),
    ("count-mismatch", &["count"]),
];

#[derive(Default)]
struct Tally {
    plants: usize,
    caught: usize,
}

fn main() {
    let show_misses = std::env::args().any(|a| a == "--misses");
    let mut tallies: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let (mut outside, mut outside_caught, mut articles) = (0, 0, 0);
    for name in CORPORA {
        for record in corpus(name) {
            let (Some(id), Some(body)) = (record["id"].as_str(), record["text"].as_str()) else {
                continue;
            };
            articles += 1;
            let settings = Settings {
                reference_date: reference_date(&record),
                ..Settings::default()
            };
            let report = figcheck::check(&Source::new(id, body), &settings);
            let mut regions = Vec::new();
            for (n, verified) in report.verified.iter().enumerate() {
                let Some((rule, roles)) = TARGETS.iter().find(|(r, _)| *r == verified.rule) else {
                    continue;
                };
                let region = region(&verified.labels);
                regions.push(region.clone());
                // A figure open at one end ("at least 50,000", "more than 13 mln") may stay
                // true when another figure doubles: such relations are not planted.
                if verified.labels.iter().any(|l| open_ended(&l.text)) {
                    continue;
                }
                let Some(label) = verified
                    .labels
                    .iter()
                    .find(|l| roles.contains(&l.role.as_str()))
                else {
                    continue;
                };
                let span = label.span.start..label.span.end;
                let written = &body[span.clone()];
                let in_words = !written
                    .starts_with(|c: char| c.is_ascii_digit() || !c.is_alphanumeric())
                    && !written.starts_with(|c: char| c.is_ascii_uppercase() && written.len() <= 3);
                let planted = match *rule {
                    "weekday-date-mismatch" => move_day(written),
                    // A list after "including" may be shorter than its count: no plant makes
                    // that wrong by changing the count upwards.
                    "count-mismatch" if verified.message.contains(" of ") => None,
                    "count-mismatch" => change_figure(written, Op::Double),
                    // Amounts in words are not planted ("six miles" to "seven miles" may still
                    // round to the same conversion).
                    _ if in_words && written.chars().next().is_some_and(char::is_alphabetic) => {
                        None
                    }
                    // "more than doubled", "nearly tripled": halving the result breaks any of them.
                    "multiplier-mismatch" => change_figure(written, Op::Halve),
                    // Parts that need only stay within the total: the total shrinks.
                    "parts-total-mismatch" if verified.message.contains("stay within") => {
                        change_figure(written, Op::Tenth)
                    }
                    _ => change_figure(written, rotation(n)),
                };
                let Some(planted) = planted else { continue };
                let caught = caught_after(body, span, &planted, rule, region, &settings, id);
                let tally = tallies.entry(rule).or_default();
                tally.plants += 1;
                if caught {
                    tally.caught += 1;
                } else if show_misses {
                    println!(
                        "  MISS {rule} {id}: {:?} → {planted:?}",
                        &body[label.span.start..label.span.end]
                    );
                }
            }
            // A change turned the other way: "rose from 40 to 50" planted as "from 50 to 40".
            for verified in report
                .verified
                .iter()
                .filter(|v| v.rule == "percent-change-mismatch")
            {
                let find = |role: &str| verified.labels.iter().find(|l| l.role == role);
                let (Some(from), Some(to)) = (find("from"), find("to")) else {
                    continue;
                };
                if verified.labels.iter().any(|l| open_ended(&l.text)) {
                    continue;
                }
                let (first, second) = if from.span.start < to.span.start {
                    (from, to)
                } else {
                    (to, from)
                };
                let (a, b) = (
                    first.span.start..first.span.end,
                    second.span.start..second.span.end,
                );
                let swapped = format!(
                    "{}{}{}{}{}",
                    &body[..a.start],
                    &body[b.clone()],
                    &body[a.end..b.start],
                    &body[a.clone()],
                    &body[b.end..]
                );
                let after = figcheck::check(&Source::new(id, &swapped), &settings);
                let region = a.start..b.end + body[b.clone()].len().max(body[a.clone()].len());
                let caught = after.findings.iter().any(|f| {
                    f.rule == "change-direction-mismatch"
                        && f.labels
                            .iter()
                            .any(|l| l.span.start < region.end && region.start < l.span.end)
                });
                let tally = tallies.entry("change-direction-mismatch").or_default();
                tally.plants += 1;
                tally.caught += usize::from(caught);
                if !caught && show_misses {
                    println!(
                        "  MISS change-direction-mismatch {id}: {:?} ↔ {:?}",
                        from.text, to.text
                    );
                }
            }
            // Days a month does not have.
            for figure in &report.figures {
                if let Some((span, planted)) = impossible_day(body, figure) {
                    let region = span.clone();
                    let caught = caught_after(
                        body,
                        span,
                        &planted,
                        "impossible-date",
                        region,
                        &settings,
                        id,
                    );
                    let tally = tallies.entry("impossible-date").or_default();
                    tally.plants += 1;
                    tally.caught += usize::from(caught);
                    if !caught && show_misses {
                        println!("  MISS impossible-date {id}: {planted:?}");
                    }
                }
            }
            // One figure in no verified relation, doubled.
            if let Some((span, planted)) = outside_plant(body, &report, &regions, id) {
                outside += 1;
                let planted_text = splice(body, span.clone(), &planted);
                let after = figcheck::check(&Source::new(id, &planted_text), &settings);
                let delta = planted.len() as isize - (span.end - span.start) as isize;
                let region = span.start..(span.end as isize + delta) as usize;
                if after.findings.iter().any(|f| {
                    f.labels
                        .iter()
                        .any(|l| l.span.start < region.end && region.start < l.span.end)
                }) {
                    outside_caught += 1;
                }
            }
        }
    }
    println!("{articles} articles");
    println!(
        "{:<28} {:>7} {:>7} {:>8}",
        "rule", "plants", "caught", "recall"
    );
    for (rule, tally) in &tallies {
        let recall = if tally.plants == 0 {
            0.0
        } else {
            100.0 * tally.caught as f64 / tally.plants as f64
        };
        println!(
            "{rule:<28} {:>7} {:>7} {recall:>7.1}%",
            tally.plants, tally.caught
        );
    }
    println!(
        "outside every rule's scope: {outside} plants, {outside_caught} with a finding on the planted figure"
    );
}

/// Whether a figure's text starts with a hedge that leaves one end open.
fn open_ended(text: &str) -> bool {
    use figcheck::lexicon::{HedgeKind, lexicon};
    let lower = text.to_lowercase();
    lexicon().hedges.iter().any(|h| {
        !matches!(h.kind, HedgeKind::Approximate | HedgeKind::Exactly)
            && lower.starts_with(&format!("{} ", h.word.to_lowercase()))
    })
}

/// The bytes a relation's figures cover, first to last.
fn region(labels: &[figcheck::finding::Label]) -> std::ops::Range<usize> {
    let start = labels.iter().map(|l| l.span.start).min().unwrap_or(0);
    let end = labels.iter().map(|l| l.span.end).max().unwrap_or(0);
    start..end
}

fn splice(text: &str, span: std::ops::Range<usize>, with: &str) -> String {
    format!("{}{with}{}", &text[..span.start], &text[span.end..])
}

/// Whether the copy with `planted` at `span` has a finding of `rule` on the planted relation.
fn caught_after(
    body: &str,
    span: std::ops::Range<usize>,
    planted: &str,
    rule: &str,
    region: std::ops::Range<usize>,
    settings: &Settings,
    id: &str,
) -> bool {
    let text = splice(body, span.clone(), planted);
    let report: FileReport = figcheck::check(&Source::new(id, &text), settings);
    let delta = planted.len() as isize - (span.end - span.start) as isize;
    let shift = |at: usize| {
        if at >= span.end {
            (at as isize + delta) as usize
        } else {
            at
        }
    };
    let region = shift(region.start)..shift(region.end);
    report.findings.iter().any(|f| {
        f.rule == rule
            && f.labels
                .iter()
                .any(|l| l.span.start < region.end && region.start < l.span.end)
    })
}

/// How a plant changes a figure's first number.
#[derive(Clone, Copy)]
enum Op {
    Double,
    TimesTen,
    Halve,
    Tenth,
    SwapDigits,
}

/// The operators taken in turn for the `n`th plant.
fn rotation(n: usize) -> Op {
    [Op::Double, Op::TimesTen, Op::Halve, Op::SwapDigits][n % 4]
}

/// The figure's text with its first number changed by `op`; a number in words ("seven")
/// goes up by one instead, whatever the operator.
fn change_figure(text: &str, op: Op) -> Option<String> {
    const WORDS: &[&str] = &[
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ];
    let lower = text.to_lowercase();
    if let Some(i) = WORDS.iter().position(|w| lower.starts_with(w)) {
        let mut next = WORDS.get(i + 1)?.to_string();
        if text.starts_with(char::is_uppercase) {
            next[..1].make_ascii_uppercase();
        }
        return Some(format!("{next}{}", &text[WORDS[i].len()..]));
    }
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let len = text[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(text.len() - start);
    let numeral = text[start..start + len].trim_end_matches(['.', ',']);
    let value: Decimal = numeral.replace(',', "").parse().ok()?;
    let changed = match op {
        Op::Double => value * Decimal::TWO,
        Op::TimesTen => value * Decimal::TEN,
        Op::Halve => value / Decimal::TWO,
        Op::Tenth => value / Decimal::TEN,
        Op::SwapDigits => {
            // "16" → "61"; a number whose first two digits agree is doubled instead.
            let digits: Vec<usize> = numeral
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .take(2)
                .collect();
            let mut bytes = numeral.as_bytes().to_vec();
            match digits[..] {
                [a, b] if bytes[a] != bytes[b] => {
                    bytes.swap(a, b);
                    let swapped = String::from_utf8(bytes).ok()?;
                    return Some(format!(
                        "{}{swapped}{}",
                        &text[..start],
                        &text[start + numeral.len()..]
                    ));
                }
                _ => value * Decimal::TWO,
            }
        }
    };
    // Written as the original was: with thousands separators if it had them.
    let written = if numeral.contains(',') {
        display(changed)
    } else {
        changed.normalize().to_string()
    };
    Some(format!(
        "{}{written}{}",
        &text[..start],
        &text[start + numeral.len()..]
    ))
}

/// Where the day of a date is written ("Oct. 5" → the "5"): one or two digits.
fn day_digits(text: &str) -> Option<std::ops::Range<usize>> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let len = text[start..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len() - start);
    (len <= 2).then_some(start..start + len)
}

/// A date's day moved by one ("Oct. 5" → "Oct. 6"), which moves its weekday.
fn move_day(text: &str) -> Option<String> {
    let day = day_digits(text)?;
    let value: u32 = text[day.clone()].parse().ok()?;
    let moved = if value >= 28 { value - 1 } else { value + 1 };
    Some(format!("{}{moved}{}", &text[..day.start], &text[day.end..]))
}

/// A day of a month written with its month, planted as a day that month does not have
/// ("April 12" → "April 31", "Feb. 3" → "Feb. 30"); months with 31 days are left alone.
fn impossible_day(
    body: &str,
    figure: &figcheck::normalize::Figure,
) -> Option<(std::ops::Range<usize>, String)> {
    let Payload::Date(DateExpr::Day { month, .. }) = figure.mention.payload else {
        return None;
    };
    let missing = match month {
        2 => "30",
        4 | 6 | 9 | 11 => "31",
        _ => return None,
    };
    let span = figure.mention.span.clone();
    let text = &body[span.clone()];
    // A day written with its month's name ("April 12", "12 April"): in "4/12" the first
    // number is the month.
    if !text.contains(char::is_alphabetic) {
        return None;
    }
    let day = day_digits(text)?;
    Some((
        span,
        format!("{}{missing}{}", &text[..day.start], &text[day.end..]),
    ))
}

/// One amount in no verified relation, chosen by the article's id, doubled.
fn outside_plant(
    body: &str,
    report: &FileReport,
    regions: &[std::ops::Range<usize>],
    id: &str,
) -> Option<(std::ops::Range<usize>, String)> {
    let candidates: Vec<_> = report
        .figures
        .iter()
        .filter(|f| {
            matches!(
                f.mention.payload,
                Payload::Number(_) | Payload::Quantity { .. } | Payload::Money { .. }
            ) && !regions
                .iter()
                .any(|r| r.start <= f.mention.span.end + 200 && f.mention.span.start <= r.end + 200)
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let pick = id.bytes().map(usize::from).sum::<usize>() % candidates.len();
    let span = candidates[pick].mention.span.clone();
    let planted = change_figure(&body[span.clone()], Op::Double)?;
    Some((span, planted))
}
