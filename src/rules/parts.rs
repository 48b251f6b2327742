//! `parts-total-mismatch`: "120 passengers: 70 adults and 60 children".

use rust_decimal::Decimal;

use super::{Conclusion, Outcome, RuleSettings, Verdict, doc, like};
use crate::finding::Locator;
use crate::interval::Interval;
use crate::normalize::Figure;

const RULE: &str = "parts-total-mismatch";

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
