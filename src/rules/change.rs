//! `change-direction-mismatch` ("fell from 12 to 15") and `percent-change-mismatch` ("grew 25%
//! from 40 to 60").

use rust_decimal::Decimal;

use super::{Outcome, Verdict, display, doc, rounded};
use crate::extract::MentionKind;
use crate::finding::{Finding, Locator, Severity, Verified};
use crate::interval::Interval;
use crate::normalize::Figure;

const DIRECTION: &str = "change-direction-mismatch";
const PERCENT: &str = "percent-change-mismatch";

/// Checks one change; a wrong direction is reported first, since the percentage then says
/// nothing more.
pub fn check(
    from: &Figure,
    to: &Figure,
    percent: Option<&Figure>,
    rising: bool,
    locator: &Locator,
) -> Vec<Outcome> {
    let (Some(a), Some(b), Some(ia), Some(ib)) =
        (from.central, to.central, from.interval, to.interval)
    else {
        return Vec::new();
    };
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let mut labels = vec![locator.label("from", from), locator.label("to", to)];
    if let Some(p) = percent {
        labels.push(locator.label("percent", p));
    }
    labels.sort_by_key(|l| l.span.start);

    // The direction: certain only when the intervals do not meet.
    let up_for_sure = matches!((ia.high(), ib.low()), (Some(h), Some(l)) if h < l);
    let down_for_sure = matches!((ib.high(), ia.low()), (Some(h), Some(l)) if h < l);
    // Bare counts with no percentage may be places in a ranking, which go "up" as they fall
    // ("crept up from six to five"); only measured amounts, money and counts with a
    // percentage are checked for direction.
    let ranking = from.mention.kind == MentionKind::Number && percent.is_none();
    if !ranking && ((rising && down_for_sure) || (!rising && up_for_sure)) {
        let doc = doc(DIRECTION).expect("catalogued");
        let said = if rising { "rose" } else { "fell" };
        let went = if rising { "less" } else { "more" };
        let vals = [
            ("said", said),
            ("from", &text(from)),
            ("to", &text(to)),
            ("went", went),
        ];
        return vec![Outcome::Finding(Finding {
            rule: DIRECTION,
            severity: doc.severity,
            message: doc.message("title", &vals),
            span: locator.position(&to.mention.span),
            labels,
            notes: vec![doc.message("arithmetic", &vals)],
        })];
    }
    let Some(percent) = percent else {
        return Vec::new();
    };
    let (Some(p), Some(ip)) = (percent.central, percent.interval) else {
        return Vec::new();
    };
    if a <= Decimal::ZERO || ia.low().is_none_or(|l| l <= Decimal::ZERO) || (b - a).is_zero() {
        return Vec::new();
    }
    // The change in percent of the starting figure, as an interval.
    let hundred = Interval::exact(Decimal::ONE_HUNDRED);
    let ratio = match ib.div(&ia) {
        Some(r) => r,
        None => return Vec::new(),
    };
    let (Some(rl), Some(rh)) = (ratio.low(), ratio.high()) else {
        return Vec::new();
    };
    let change = if rising {
        Interval::new(rl - Decimal::ONE, rh - Decimal::ONE)
    } else {
        Interval::new(Decimal::ONE - rh, Decimal::ONE - rl)
    }
    .mul(&hundred);
    let central = ((b - a) / a * Decimal::ONE_HUNDRED).abs();
    let doc = doc(PERCENT).expect("catalogued");
    let difference = ((central - p) / p).abs();
    // A percentage computed from rounded figures differs from the stated one by rounding alone
    // as long as the intervals meet; only a hedge ("about 20%", "nearly $5 million") leaves
    // room for a warning.
    let hedged = [from, to, percent]
        .iter()
        .any(|f| f.mention.hedge.is_some());
    let verdict = if !change.meets(&ip) {
        Verdict::Error
    } else if hedged && difference > doc.tolerance("warn-above") {
        Verdict::Warning
    } else {
        Verdict::Verified
    };
    let implied_to = if rising {
        a * (Decimal::ONE + p / Decimal::ONE_HUNDRED)
    } else {
        a * (Decimal::ONE - p / Decimal::ONE_HUNDRED)
    };
    let vals = [
        ("from", text(from)),
        ("to", text(to)),
        ("percent", text(percent)),
        ("actual", format!("{}%", rounded(central))),
        ("stated", format!("{}%", display(p))),
        ("implied", rounded(implied_to)),
    ];
    let span = locator.position(&percent.mention.span);
    if verdict == Verdict::Verified {
        return vec![Outcome::Verified(Verified {
            rule: PERCENT,
            message: doc.message("verified", &vals),
            span,
            labels,
        })];
    }
    let severity = if verdict == Verdict::Error {
        doc.severity
    } else {
        Severity::Warning
    };
    vec![Outcome::Finding(Finding {
        rule: PERCENT,
        severity,
        message: doc.message("title", &vals),
        span,
        labels,
        notes: vec![
            doc.message("arithmetic", &vals),
            doc.message("implied", &vals),
        ],
    })]
}
