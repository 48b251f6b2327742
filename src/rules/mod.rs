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
use crate::link::patterns::{Grammar, Match, Pattern, PatternDoc};
use crate::link::{Carry, Claim, Text, Unlinked};
use crate::normalize::Figure;

/// A registry row: the rule's name, its file compiled in, its relation.
macro_rules! rule {
    ($name:literal, $relation:expr) => {
        Rule {
            name: $name,
            toml: include_str!(concat!("../../rules/", $name, ".toml")),
            relation: $relation,
        }
    };
}

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
    /// Word classes of the rule's own, for its patterns: `in-all = ["in all", "in total"]`.
    #[serde(default)]
    pub words: BTreeMap<String, Vec<String>>,
    /// The relation patterns of the rule, with the sentences each must and must not link.
    #[serde(default)]
    pub patterns: Vec<PatternDoc>,
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
            // A value's own edges stay: " of water" follows "{later}".
            let value = value.as_ref();
            let edge = |c: Option<char>| {
                if c.is_some_and(char::is_whitespace) {
                    " "
                } else {
                    ""
                }
            };
            let spaced = format!(
                "{}{}{}",
                edge(value.chars().next()),
                single_spaced(value),
                edge(value.chars().next_back())
            );
            text = text.replace(&format!("{{{name}}}"), &spaced);
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

/// A rule: one row of the registry. Its words, tolerances, messages, patterns and examples
/// are in `rules/<name>.toml`; its findings come from one [`Relation`], which the rules of a
/// family share (the four change rules read one change).
pub struct Rule {
    pub name: &'static str,
    toml: &'static str,
    /// The relation the rule's findings are about; `None` for a rule about the document itself
    /// (`unused-suppression`).
    pub relation: Option<&'static Relation>,
}

/// A kind of relation: how its claims are found in a text, and what the rules make of one.
pub struct Relation {
    pub name: &'static str,
    /// The claims in a text: every pattern of the relation's rules' files is in `patterns`.
    pub link: fn(&Text, &Patterns) -> Links,
    /// What one claim's figures say: a finding, a verified relation or a skipped check.
    pub check: fn(&Claim, &Cx) -> Vec<Outcome>,
}

/// What a relation's linker found in a text.
#[derive(Debug, Default)]
pub struct Links {
    pub claims: Vec<Claim>,
    pub unlinked: Vec<Unlinked>,
    /// Bare numbers read in the unit of the figure beside them.
    pub carries: Vec<Carry>,
}

impl Links {
    fn extend(&mut self, other: Links) {
        self.claims.extend(other.claims);
        self.unlinked.extend(other.unlinked);
        self.carries.extend(other.carries);
    }
}

/// What a check is given besides its claim.
pub struct Cx<'a> {
    pub figures: &'a [Figure],
    pub reference: Option<jiff::civil::Date>,
    pub locator: &'a Locator<'a>,
    pub tuning: &'a RuleSettings,
}

/// The registry: every rule, in catalog order. Adding a rule is a module, a file in `rules/`
/// and a row here.
pub const REGISTRY: &[Rule] = &[
    rule!("rate-total-mismatch", Some(&rate_total::RELATION)),
    rule!("range-duration-mismatch", Some(&range_duration::RELATION)),
    rule!("weekday-date-mismatch", Some(&calendar::WEEKDAY_RELATION)),
    rule!("impossible-date", Some(&calendar::IMPOSSIBLE_RELATION)),
    rule!("change-direction-mismatch", Some(&change::RELATION)),
    rule!("percent-change-mismatch", Some(&change::RELATION)),
    rule!("percentage-point-confusion", Some(&change::RELATION)),
    rule!("multiplier-mismatch", Some(&change::RELATION)),
    rule!("parts-total-mismatch", Some(&parts::RELATION)),
    rule!("share-mismatch", Some(&share::RELATION)),
    rule!("conversion-mismatch", Some(&conversion::RELATION)),
    rule!("elapsed-time-mismatch", Some(&elapsed::RELATION)),
    rule!("figure-inconsistency", Some(&repeated::RELATION)),
    rule!("count-mismatch", Some(&count::RELATION)),
    rule!("unused-suppression", None),
];

/// Every rule's documentation, in catalog order.
pub fn catalog() -> &'static [RuleDoc] {
    static DOCS: OnceLock<Vec<RuleDoc>> = OnceLock::new();
    DOCS.get_or_init(|| {
        REGISTRY
            .iter()
            .map(|rule| {
                let doc: RuleDoc = toml::from_str(rule.toml)
                    .unwrap_or_else(|e| panic!("rules/{}.toml is invalid: {e}", rule.name));
                assert_eq!(doc.name, rule.name, "rules/{}.toml names itself", rule.name);
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

/// The relations of the registry, each once, in the order their first rule stands.
pub fn relations() -> Vec<&'static Relation> {
    let mut out: Vec<&'static Relation> = Vec::new();
    for relation in REGISTRY.iter().filter_map(|r| r.relation) {
        if !out.iter().any(|r| r.name == relation.name) {
            out.push(relation);
        }
    }
    out
}

/// The relation rule `rule`'s findings come from.
pub fn relation_named(rule: &str) -> Option<&'static Relation> {
    REGISTRY.iter().find(|r| r.name == rule)?.relation
}

/// The rules whose findings come from `relation`, in registry order.
pub fn rules_of(relation: &Relation) -> Vec<&'static str> {
    REGISTRY
        .iter()
        .filter(|r| r.relation.is_some_and(|x| x.name == relation.name))
        .map(|r| r.name)
        .collect()
}

/// A relation's patterns, compiled: every pattern of its rules' files, in registry order, and
/// the grammar they are read with.
pub struct Patterns {
    pub grammar: &'static Grammar,
    pub list: Vec<(PatternDoc, Pattern)>,
}

impl Patterns {
    /// The compiled patterns named `name` (a file may give several the same name).
    pub fn named<'p>(&'p self, name: &'p str) -> impl Iterator<Item = &'p Pattern> + 'p {
        self.list
            .iter()
            .filter(move |(doc, _)| doc.name == name)
            .map(|(_, p)| p)
    }

    /// Every match of every pattern in sentence `s`, with its pattern's documentation, in
    /// pattern order.
    pub fn find<'p>(&'p self, text: &Text, s: usize) -> Vec<(&'p PatternDoc, Match)> {
        let mut out = Vec::new();
        // The sentence's figures tell, before its words are read, which patterns may match.
        let (figures, kinds) = text.figure_kinds(s);
        if !self.list.iter().any(|(_, p)| p.may_hold(figures, kinds)) {
            return out;
        }
        let words = text.words(self.grammar, s);
        for (doc, pattern) in &self.list {
            for m in text.find_in(self.grammar, pattern, &words) {
                out.push((doc, m));
            }
        }
        out
    }
}

/// The one grammar every pattern is read with: the shared word classes of `rules/linking.toml`
/// and each rule's own `[words]` (a class name is one rule's, or the shared file's), and the
/// adjuncts. One grammar reads each sentence once for every relation.
pub fn grammar() -> Result<&'static Grammar, String> {
    static GRAMMAR: OnceLock<Result<Grammar, String>> = OnceLock::new();
    GRAMMAR
        .get_or_init(|| {
            let lex = crate::lexicon::builtin();
            let mut classes = lex.classes.clone();
            let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
            for doc in catalog() {
                for (name, phrases) in &doc.words {
                    if classes.id(name).is_some() {
                        let first = owner.get(name.as_str()).copied().unwrap_or("linking");
                        return Err(format!(
                            "rules/{}.toml: the word class {name} is rules/{first}.toml's",
                            doc.name
                        ));
                    }
                    owner.insert(name, &doc.name);
                    classes.add(name, phrases);
                }
            }
            Grammar::new(classes, &lex.adjunct)
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The compiled patterns of `relation`, or what is wrong with one of them.
pub fn patterns_of(relation: &Relation) -> Result<Patterns, String> {
    let grammar = grammar()?;
    let docs: Vec<&RuleDoc> = rules_of(relation).iter().filter_map(|n| doc(n)).collect();
    let mut list = Vec::new();
    for doc in docs {
        for p in &doc.patterns {
            let compiled = grammar
                .compile(&p.pattern)
                .map_err(|e| format!("rules/{}.toml, pattern {}: {e}", doc.name, p.name))?;
            list.push((p.clone(), compiled));
        }
    }
    Ok(Patterns { grammar, list })
}

/// Every relation's compiled patterns, made once.
fn compiled() -> &'static [(&'static Relation, Patterns)] {
    static COMPILED: OnceLock<Vec<(&'static Relation, Patterns)>> = OnceLock::new();
    COMPILED.get_or_init(|| {
        relations()
            .into_iter()
            .map(|r| {
                let patterns = patterns_of(r).unwrap_or_else(|e| panic!("{e}"));
                (r, patterns)
            })
            .collect()
    })
}

/// Every relation in `text`, found by each relation's linker. Of two claims of one relation
/// whose figures are one the other's or fewer, the first found stands: patterns are written
/// from the most to the least particular.
pub fn link(text: &Text) -> Links {
    let mut links = Links::default();
    for (relation, patterns) in compiled() {
        let mut found = (relation.link)(text, patterns);
        let mut kept: Vec<Claim> = Vec::with_capacity(found.claims.len());
        for claim in found.claims.drain(..) {
            let figures = claim.figures();
            let within = |k: &Claim| {
                let theirs = k.figures();
                figures.iter().all(|f| theirs.contains(f))
            };
            if !kept.iter().any(within) {
                kept.push(claim);
            }
        }
        found.claims = kept;
        links.extend(found);
    }
    links.carries.sort_by_key(|c| c.figure);
    links.carries.dedup_by_key(|c| c.figure);
    links
}

/// What a rule made of one claim.
pub enum Outcome {
    Finding(Finding),
    Verified(Verified),
    Skipped(Skipped),
}

/// Runs every claim's rules over it.
pub fn run(claims: &[Claim], cx: &Cx) -> Vec<Outcome> {
    claims
        .iter()
        .flat_map(|claim| -> Vec<Outcome> {
            let Some(relation) = relation_named(claim.rule) else {
                return Vec::new();
            };
            // Arithmetic on exact decimals has a range: figures beyond it are not checked.
            if let Some(wild) = claim.figures().into_iter().find(|&f| !cx.figures[f].tame()) {
                return vec![Outcome::Skipped(Skipped {
                    rule: claim.rule,
                    reason: format!(
                        "a figure beyond {} or a non-zero one below {} is not checked",
                        display(crate::normalize::TAME_MAX),
                        crate::normalize::TAME_MIN
                    ),
                    span: cx.locator.position(&cx.figures[wild].mention.span),
                })];
            }
            (relation.check)(claim, cx)
        })
        .collect()
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

/// A decimal for a reader: thousands separated, trailing zeros dropped ("6,820", "0.25").
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
