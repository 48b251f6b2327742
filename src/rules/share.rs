//! `share-mismatch`: "18 of the 40 members (60%)".

use rust_decimal::Decimal;

use super::{Conclusion, Outcome, RuleSettings, Verdict, display, doc, like, rounded};
use crate::finding::Locator;
use crate::interval::Interval;
use crate::normalize::Figure;

const RULE: &str = "share-mismatch";

/// Checks that `part` is `percent` of `whole`.
pub fn check(
    part: &Figure,
    whole: &Figure,
    percent: &Figure,
    locator: &Locator,
    tuning: &RuleSettings,
) -> Option<Outcome> {
    // A ratio read as one number ("120 out of 400") is a part of a whole of one.
    let one = std::ptr::eq(part, whole);
    let (a, w, p) = (
        part.central?,
        if one { Decimal::ONE } else { whole.central? },
        percent.central?,
    );
    let (ia, iw, ip) = (
        part.interval?,
        if one {
            Interval::exact(Decimal::ONE)
        } else {
            whole.interval?
        },
        percent.interval?,
    );
    if w <= Decimal::ZERO || iw.low()? <= Decimal::ZERO || p <= Decimal::ZERO {
        return None;
    }
    let doc = doc(RULE).expect("catalogued");
    let share = ia.div(&iw)?.mul(&Interval::exact(Decimal::ONE_HUNDRED));
    let central = a / w * Decimal::ONE_HUNDRED;
    let hedged = [part, whole, percent]
        .iter()
        .any(|f| f.mention.hedge.is_some());
    let off = ((central - p) / p).abs();
    let verdict = if !share.meets(&ip) {
        Verdict::Error
    } else if hedged && off > tuning.tolerance(doc, "warn-above") {
        Verdict::Warning
    } else {
        Verdict::Verified
    };
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let (part_text, whole_text) = match text(part).to_lowercase().split_once(" out of ") {
        Some((p, w)) if one => (p.to_string(), w.to_string()),
        _ if one => (text(part), "one".to_string()),
        _ => (text(part), text(whole)),
    };
    // What the share makes of the whole: "40% of 400 is 160".
    let whole_value = if one {
        whole_text
            .split_whitespace()
            .next()
            .and_then(|n| n.replace(',', "").parse::<Decimal>().ok())
    } else {
        Some(w)
    };
    let implied = whole_value.map_or_else(
        || format!("{}%", rounded(central)),
        |w| {
            let value = w * p / Decimal::ONE_HUNDRED;
            if one {
                rounded(value)
            } else {
                like(value, part)
            }
        },
    );
    let vals = [
        ("part", part_text),
        ("whole", whole_text),
        ("stated", format!("{}%", display(p))),
        ("actual", format!("{}%", rounded(central))),
        ("implied", implied),
    ];
    let mut labels = vec![locator.label("part", part), locator.label("share", percent)];
    if !one {
        labels.push(locator.label("whole", whole));
    }
    let conclusion = Conclusion {
        rule: RULE,
        doc,
        values: &vals,
        span: locator.position(&percent.mention.span),
        labels,
    };
    Some(conclusion.with(verdict, "verified", "title", &["arithmetic", "implied"]))
}
