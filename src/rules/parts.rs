//! `parts-total-mismatch`: "120 passengers: 70 adults and 60 children".

use rust_decimal::Decimal;

use super::{Conclusion, Links, Outcome, Patterns, Relation, RuleSettings, Verdict, doc, like};
use crate::finding::Locator;
use crate::interval::Interval;
use crate::link::{Claim, Detail, Text};
use crate::normalize::Figure;

const RULE: &str = "parts-total-mismatch";

/// "120 passengers: 70 adults and 50 children", "5,000 jobs, including 3,000 in Paris and
/// 2,000 in Lyon", "45 men, 30 women and 20 children, 95 in all".
pub const RELATION: Relation = Relation {
    name: "parts",
    link,
    check: |claim, cx| {
        let Some(total) = claim.figure("total") else {
            return Vec::new();
        };
        let parts: Vec<Figure> = claim
            .all("part")
            .into_iter()
            .map(|p| cx.figures[p].clone())
            .collect();
        let exhaustive = !matches!(claim.detail, Detail::Parts { exhaustive: false });
        check(
            &cx.figures[total],
            &parts,
            exhaustive,
            cx.locator,
            cx.tuning,
        )
        .into_iter()
        .collect()
    },
};

fn link(text: &Text, patterns: &Patterns) -> Links {
    let mut links = Links::default();
    for s in text.sentences_with(3) {
        let tokens = text.tokens(s);
        for (pattern, m) in patterns.find(text, s) {
            let (Some(total), parts) = (m.figure("total"), m.figures("part")) else {
                continue;
            };
            if parts.len() < 2 {
                continue;
            }
            let written = |f: usize| &text.prose[text.figures[f].mention.span.clone()];
            // "02: 47", "3: 1": a time or a score, not a total and its parts.
            if written(total).starts_with('0') {
                continue;
            }
            let named = |f: usize| {
                text.token_of(f)
                    .and_then(|t| tokens.get(t + 1))
                    .is_some_and(|t| t.is_word())
            };
            if pattern.with.get("named").is_some_and(|v| v == "true")
                && text.is(total, "number")
                && !named(total)
            {
                continue;
            }
            // Parts are amounts of what the whole is: not money beside a label's number. (A
            // part larger than its whole is what the rule reports, not a reason to look away.)
            if !parts.iter().all(|&p| text.comparable(total, p)) {
                continue;
            }
            // A unit is said first and carried after: a bare whole before parts with their
            // unit ("band two at 9 pct comprising 73 mln stg …") is no whole of theirs.
            let unit = |f: usize| text.is(f, "money") || text.is(f, "quantity");
            if text.bare(total) && parts.iter().any(|&p| unit(p)) {
                continue;
            }
            // "comprising five routes, including two overnight routes, and three …": a list
            // inside another list's part is not read.
            let nested = text.token_of(total).is_some_and(|t| {
                let classes = &patterns.grammar.classes;
                tokens[..t]
                    .iter()
                    .rev()
                    .take(4)
                    .enumerate()
                    .any(|(k, tok)| {
                        tok.punct() == Some(':')
                            || ["comprising", "partial"]
                                .iter()
                                .any(|c| text.phrase_at(classes, c, s, t - 1 - k).is_some())
                    })
            });
            if nested {
                continue;
            }
            // "taking the total to 38, and six …": a figure a change goes to is no part.
            let first = parts[0];
            let lead = text.figures[first].mention.lead.as_str();
            if first < total && matches!(lead, "to" | "from" | "by" | "at" | "of") {
                continue;
            }
            let exhaustive = pattern.with.get("exhaustive").is_none_or(|v| v == "true");
            let mut roles = vec![("total", total)];
            roles.extend(parts.into_iter().map(|p| ("part", p)));
            links
                .claims
                .push(Claim::new(RULE, &pattern.name, roles).with(Detail::Parts { exhaustive }));
        }
    }
    links
}

/// Checks that `parts` add up to `total` (or, not `exhaustive`, stay within it).
pub fn check(
    total: &Figure,
    parts: &[Figure],
    exhaustive: bool,
    locator: &Locator,
    tuning: &RuleSettings,
) -> Option<Outcome> {
    let (t, it) = (total.central?, total.interval?);
    let mut sum = Interval::exact(Decimal::ZERO);
    let mut central = Decimal::ZERO;
    for part in parts {
        sum = sum.add(&part.interval?);
        central = central.checked_add(part.central?)?;
    }
    let doc = doc(RULE).expect("catalogued");
    let hedged = std::iter::once(total)
        .chain(parts)
        .any(|f| f.mention.hedge.is_some());
    let verdict = if exhaustive {
        let off = if t.is_zero() {
            Decimal::ONE
        } else {
            ((central - t) / t).abs()
        };
        if !sum.meets(&it) {
            Verdict::Error
        } else if hedged && off > tuning.tolerance(doc, "warn-above") {
            Verdict::Warning
        } else {
            Verdict::Verified
        }
    } else if matches!((sum.low(), it.high()), (Some(low), Some(high)) if low > high) {
        Verdict::Error
    } else {
        Verdict::Verified
    };
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let vals = [
        ("total", text(total)),
        ("sum", like(central, total)),
        (
            "parts",
            parts.iter().map(text).collect::<Vec<_>>().join(" + "),
        ),
        ("excess", like(central - t, total)),
    ];
    let mut labels = vec![locator.label("total", total)];
    labels.extend(parts.iter().map(|p| locator.label("part", p)));
    let conclusion = Conclusion {
        rule: RULE,
        doc,
        values: &vals,
        span: locator.position(&total.mention.span),
        labels,
    };
    Some(if exhaustive {
        conclusion.with(verdict, "verified", "title", &["arithmetic"])
    } else {
        conclusion.with(
            verdict,
            "verified-partial",
            "title",
            &["arithmetic", "partial"],
        )
    })
}
