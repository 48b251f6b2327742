//! Rules: claims into findings. Each rule is one Rust function plus `rules/<name>.toml`
//! (summary, explanation, severity, tolerances, message templates and examples that run as
//! tests).

mod calendar;
mod change;
mod conversion;
mod count;
mod elapsed;
mod multiple;
mod parts;
mod range_duration;
mod rate_total;
mod repeated;
mod share;
pub mod suppression;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;

use crate::finding::{Finding, Locator, Severity, Skipped, Verified};
use crate::lexicon::single_spaced;
use crate::link::Claim;
use crate::normalize::Figure;

/// A rule's documentation and parameters, from `rules/<name>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDoc {
    pub name: String,
    pub summary: String,
    pub explanation: String,
    pub severity: Severity,
    #[serde(default)]
    pub tolerance: BTreeMap<String, Decimal>,
    pub messages: BTreeMap<String, String>,
    pub examples: Vec<Example>,
}

/// An example sentence and what the rule must make of it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    /// A reference date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// "error", "warning", "verified" or "silent".
    pub expect: String,
}

impl RuleDoc {
    /// The message `key` with each `{name}` replaced by its value, single-spaced: a message is
    /// one line, though a figure it quotes may break over two ("12,000\ncubic metres").
    fn message<V: AsRef<str>>(&self, key: &str, values: &[(&str, V)]) -> String {
        let mut text = self
            .messages
            .get(key)
            .cloned()
            .unwrap_or_else(|| format!("{{{key}}}"));
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), &single_spaced(value.as_ref()));
        }
        text
    }
}

/// What a config makes of the rules (DESIGN §5): which run, at what severity, with which
/// tolerances, and the exchange rates money conversions are checked against. The default is
/// every rule as `rules/<name>.toml` describes it, and no rates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleSettings {
    /// Rules that do not run.
    pub disabled: BTreeSet<String>,
    /// A rule's severity in place of its file's.
    pub severity: BTreeMap<String, Severity>,
    /// `rule → key → value` in place of the file's `[tolerance]`.
    pub tolerance: BTreeMap<String, BTreeMap<String, Decimal>>,
    /// `(from, to) → rate`: one `from` (a currency code such as "GBP") buys `rate` of `to`.
    pub currency_rates: BTreeMap<(String, String), Decimal>,
}

impl RuleSettings {
    pub fn enabled(&self, rule: &str) -> bool {
        !self.disabled.contains(rule)
    }

    /// A rule's tolerance `key`: the config's, else its file's, else zero.
    fn tolerance(&self, doc: &RuleDoc, key: &str) -> Decimal {
        self.tolerance
            .get(&doc.name)
            .and_then(|t| t.get(key))
            .or_else(|| doc.tolerance.get(key))
            .copied()
            .unwrap_or(Decimal::ZERO)
    }

    /// The severity a finding of `rule` is reported at: a rule's own severity becomes the
    /// config's; a warning the figures' hedges earned stays a warning.
    pub fn severity(&self, rule: &str, severity: Severity) -> Severity {
        match (self.severity.get(rule), doc(rule)) {
            (Some(&configured), Some(doc)) if doc.severity == severity => configured,
            _ => severity,
        }
    }

    /// How many of `to` one `from` buys, from the rate table either way round.
    pub fn rate(&self, from: &str, to: &str) -> Option<Decimal> {
        let key = |a: &str, b: &str| (a.to_string(), b.to_string());
        self.currency_rates
            .get(&key(from, to))
            .copied()
            .or_else(|| {
                let back = self.currency_rates.get(&key(to, from))?;
                Decimal::ONE.checked_div(*back)
            })
    }
}

/// The catalog: every rule's name and its built-in documentation.
const CATALOG: &[(&str, &str)] = &[
    (
        "rate-total-mismatch",
        include_str!("../../rules/rate-total-mismatch.toml"),
    ),
    (
        "range-duration-mismatch",
        include_str!("../../rules/range-duration-mismatch.toml"),
    ),
    (
        "weekday-date-mismatch",
        include_str!("../../rules/weekday-date-mismatch.toml"),
    ),
    (
        "impossible-date",
        include_str!("../../rules/impossible-date.toml"),
    ),
    (
        "change-direction-mismatch",
        include_str!("../../rules/change-direction-mismatch.toml"),
    ),
    (
        "percent-change-mismatch",
        include_str!("../../rules/percent-change-mismatch.toml"),
    ),
    (
        "percentage-point-confusion",
        include_str!("../../rules/percentage-point-confusion.toml"),
    ),
    (
        "multiplier-mismatch",
        include_str!("../../rules/multiplier-mismatch.toml"),
    ),
    (
        "parts-total-mismatch",
        include_str!("../../rules/parts-total-mismatch.toml"),
    ),
    (
        "share-mismatch",
        include_str!("../../rules/share-mismatch.toml"),
    ),
    (
        "conversion-mismatch",
        include_str!("../../rules/conversion-mismatch.toml"),
    ),
    (
        "elapsed-time-mismatch",
        include_str!("../../rules/elapsed-time-mismatch.toml"),
    ),
    (
        "figure-inconsistency",
        include_str!("../../rules/figure-inconsistency.toml"),
    ),
    (
        "count-mismatch",
        include_str!("../../rules/count-mismatch.toml"),
    ),
    (
        "unused-suppression",
        include_str!("../../rules/unused-suppression.toml"),
    ),
];

/// Every rule's documentation, in catalog order.
pub fn catalog() -> &'static [RuleDoc] {
    static DOCS: OnceLock<Vec<RuleDoc>> = OnceLock::new();
    DOCS.get_or_init(|| {
        CATALOG
            .iter()
            .map(|(name, text)| {
                let doc: RuleDoc = toml::from_str(text)
                    .unwrap_or_else(|e| panic!("rules/{name}.toml is invalid: {e}"));
                assert_eq!(&doc.name, name, "rules/{name}.toml names itself");
                doc
            })
            .collect()
    })
}

/// Every rule's name, comma-separated: for messages about a rule that does not exist.
pub fn names() -> String {
    let names: Vec<&str> = catalog().iter().map(|d| d.name.as_str()).collect();
    names.join(", ")
}

pub fn doc(name: &str) -> Option<&'static RuleDoc> {
    catalog().iter().find(|d| d.name == name)
}

/// What a rule made of one claim.
pub enum Outcome {
    Finding(Finding),
    Verified(Verified),
    Skipped(Skipped),
}

/// Runs every rule over the claims.
pub fn run(
    claims: &[Claim],
    figures: &[Figure],
    reference: Option<jiff::civil::Date>,
    locator: &Locator,
    tuning: &RuleSettings,
) -> Vec<Outcome> {
    claims
        .iter()
        .flat_map(|claim| -> Vec<Outcome> {
            // Arithmetic on exact decimals has a range: figures beyond it are not checked.
            if let Some(&wild) = claim.figures().iter().find(|&&f| !figures[f].tame()) {
                return vec![Outcome::Skipped(Skipped {
                    rule: claim_rule(claim),
                    reason: format!(
                        "a figure beyond {} or a non-zero one below {} is not checked",
                        display(crate::normalize::TAME_MAX),
                        crate::normalize::TAME_MIN
                    ),
                    span: locator.position(&figures[wild].mention.span),
                })];
            }
            match *claim {
                Claim::RateTotal {
                    rate,
                    period,
                    total,
                } => {
                    vec![rate_total::check(
                        &figures[rate],
                        &figures[period],
                        &figures[total],
                        locator,
                        tuning,
                    )]
                }
                Claim::WeekdayDate { weekday, date } => {
                    calendar::weekday_date(&figures[weekday], &figures[date], reference, locator)
                        .into_iter()
                        .collect()
                }
                Claim::CalendarDay { date } => calendar::impossible_date(&figures[date], locator)
                    .into_iter()
                    .collect(),
                Claim::Conversion { stated, converted } => {
                    conversion::check(&figures[stated], &figures[converted], locator, tuning)
                        .into_iter()
                        .collect()
                }
                Claim::Change {
                    from,
                    to,
                    percent,
                    rising,
                } => change::check(
                    &figures[from],
                    &figures[to],
                    percent.map(|p| &figures[p]),
                    rising,
                    locator,
                    tuning,
                ),
                Claim::PartsTotal {
                    total,
                    first,
                    last,
                    exhaustive,
                } => parts::check(
                    &figures[total],
                    &figures[first..=last],
                    exhaustive,
                    locator,
                    tuning,
                )
                .into_iter()
                .collect(),
                Claim::RangeDuration {
                    range,
                    duration,
                    elapsed,
                } => range_duration::check(
                    &figures[range],
                    &figures[duration],
                    elapsed,
                    locator,
                    tuning,
                )
                .into_iter()
                .collect(),
                Claim::Count {
                    count,
                    items,
                    list,
                    exhaustive,
                } => count::check(&figures[count], items, list, exhaustive, locator)
                    .into_iter()
                    .collect(),
                Claim::AgeBirth { age, birth } => {
                    elapsed::age(&figures[age], &figures[birth], reference, locator)
                        .into_iter()
                        .collect()
                }
                Claim::YearsAgo { ago, year } => {
                    elapsed::ago(&figures[ago], &figures[year], reference, locator)
                        .into_iter()
                        .collect()
                }
                Claim::YearsLater {
                    first,
                    second,
                    length,
                } => elapsed::later(&figures[first], &figures[second], &figures[length], locator)
                    .into_iter()
                    .collect(),
                Claim::Repeated { earlier, later } => {
                    repeated::check(&figures[earlier], &figures[later], locator)
                        .into_iter()
                        .collect()
                }
                Claim::Share {
                    part,
                    whole,
                    percent,
                } => share::check(
                    &figures[part],
                    &figures[whole],
                    &figures[percent],
                    locator,
                    tuning,
                )
                .into_iter()
                .collect(),
                Claim::Multiple {
                    from,
                    to,
                    factor,
                    bound,
                    word,
                } => multiple::check(
                    &figures[from],
                    &figures[to],
                    factor,
                    bound,
                    locator.text(&(word.0..word.1)),
                    locator,
                    tuning,
                )
                .into_iter()
                .collect(),
            }
        })
        .collect()
}

/// The rule that checks a claim, for a claim skipped before any rule sees it.
fn claim_rule(claim: &Claim) -> &'static str {
    match claim {
        Claim::RateTotal { .. } => "rate-total-mismatch",
        Claim::WeekdayDate { .. } => "weekday-date-mismatch",
        Claim::CalendarDay { .. } => "impossible-date",
        Claim::Conversion { .. } => "conversion-mismatch",
        Claim::Change {
            percent: Some(_), ..
        } => "percent-change-mismatch",
        Claim::Change { .. } => "change-direction-mismatch",
        Claim::Share { .. } => "share-mismatch",
        Claim::PartsTotal { .. } => "parts-total-mismatch",
        Claim::RangeDuration { .. } => "range-duration-mismatch",
        Claim::Count { .. } => "count-mismatch",
        Claim::AgeBirth { .. } | Claim::YearsAgo { .. } | Claim::YearsLater { .. } => {
            "elapsed-time-mismatch"
        }
        Claim::Repeated { .. } => "figure-inconsistency",
        Claim::Multiple { .. } => "multiplier-mismatch",
    }
}

/// The verdict of DESIGN §2 for a stated figure against an expected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    Verified,
    Warning,
    Error,
}

/// What a rule says about one relation, once it has its verdict: the verified relation, or a
/// finding at the rule's severity (a warning for [`Verdict::Warning`]). `keys` name the
/// messages: the verified one, the title, and the notes.
struct Conclusion<'a> {
    rule: &'static str,
    doc: &'a RuleDoc,
    values: &'a [(&'a str, String)],
    span: crate::source::Position,
    labels: Vec<crate::finding::Label>,
}

impl Conclusion<'_> {
    fn with(self, verdict: Verdict, verified: &str, title: &str, notes: &[&str]) -> Outcome {
        let mut labels = self.labels;
        labels.sort_by_key(|l| l.span.start);
        if verdict == Verdict::Verified {
            return Outcome::Verified(Verified {
                rule: self.rule,
                message: self.doc.message(verified, self.values),
                span: self.span,
                labels,
            });
        }
        Outcome::Finding(Finding {
            rule: self.rule,
            severity: if verdict == Verdict::Error {
                self.doc.severity
            } else {
                Severity::Warning
            },
            message: self.doc.message(title, self.values),
            span: self.span,
            labels,
            notes: notes
                .iter()
                .map(|key| self.doc.message(key, self.values))
                .collect(),
        })
    }
}

/// How far `value` is from `stated`, relative to `stated`; as far as can be when `stated` is
/// zero.
fn relative_off(value: Decimal, stated: Decimal) -> Decimal {
    (value - stated)
        .checked_div(stated)
        .map_or(Decimal::MAX, |d| d.abs())
}

/// A decimal for a reader: thousands separated, trailing zeros dropped ("8,740", "0.25").
pub fn display(value: Decimal) -> String {
    let value = value.normalize();
    let text = value.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// A computed value written as `figure` is: "$200", "10 million tonnes", "6%", "1,200".
pub fn like(value: Decimal, figure: &Figure) -> String {
    like_with(value, figure, rounded)
}

/// A computed value written as `figure` is, its number (in the figure's scale) shown by `show`.
pub fn like_with(value: Decimal, figure: &Figure, show: impl Fn(Decimal) -> String) -> String {
    use crate::extract::{MentionKind, Payload};
    let lex = crate::lexicon::lexicon();
    // Keep the figure's scale word: "10 million tonnes", not "10,000,000 tonnes".
    let (scaled, scale) = match figure.amount() {
        Some(num) if num.multiplier > Decimal::ONE => {
            let name = lex
                .scales
                .iter()
                .find(|(_, v)| Decimal::from(**v) == num.multiplier)
                .map(|(n, _)| n.clone());
            match name {
                Some(name) => (value / num.multiplier, format!(" {name}")),
                None => (value, String::new()),
            }
        }
        _ => (value, String::new()),
    };
    let number = format!("{}{scale}", show(scaled));
    match &figure.mention.payload {
        Payload::Money { currency, .. } => {
            // The currency's symbol when it has one ("US$125 million"), else its code.
            let symbol = lex
                .currencies
                .iter()
                .find(|c| &c.code == currency)
                .and_then(|c| c.symbols.first());
            match symbol {
                Some(symbol) => format!("{symbol}{number}"),
                None if currency.chars().all(|c| !c.is_alphanumeric()) => {
                    format!("{currency}{number}")
                }
                None => format!("{number} {currency}"),
            }
        }
        Payload::Quantity { unit, .. } => {
            let unit = &lex.units[*unit];
            let name = if value == Decimal::ONE {
                unit.singular()
            } else {
                unit.plural()
            };
            format!("{number} {name}")
        }
        _ if figure.mention.kind == MentionKind::Percent => format!("{number}%"),
        _ => number,
    }
}

/// A computed value rounded for a reader, as text.
pub fn rounded(value: Decimal) -> String {
    display(round_for_reader(value))
}

/// A computed value rounded for a reader: to whole numbers from 10 up, to one decimal from 1,
/// else to two.
pub fn round_for_reader(value: Decimal) -> Decimal {
    let places = if value.abs() >= Decimal::TEN {
        0
    } else if value.abs() >= Decimal::ONE {
        1
    } else {
        2
    };
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_loads() {
        assert!(doc("rate-total-mismatch").is_some());
    }

    #[test]
    fn displays_decimals_for_readers() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(display(d("8740.00")), "8,740");
        assert_eq!(display(d("1234567.5")), "1,234,567.5");
        assert_eq!(display(d("-0.250")), "-0.25");
        assert_eq!(rounded(d("16.9565")), "17");
        assert_eq!(rounded(d("2.345")), "2.3");
    }
}
