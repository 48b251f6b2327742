//! `multiplier-mismatch`: "doubled from 30 to 45".

use rust_decimal::{Decimal, RoundingStrategy};

use super::{Conclusion, Outcome, RuleSettings, Verdict, doc, like, rounded};
use crate::finding::Locator;
use crate::interval::Interval;
use crate::link::Bound;
use crate::normalize::Figure;

const RULE: &str = "multiplier-mismatch";

/// Checks that `to` is `factor` times `from`, as the multiple word allows.
pub fn check(
    from: &Figure,
    to: &Figure,
    factor: Decimal,
    bound: Bound,
    word: &str,
    locator: &Locator,
    tuning: &RuleSettings,
) -> Option<Outcome> {
    let (a, b, ia, ib) = (from.central?, to.central?, from.interval?, to.interval?);
    if a <= Decimal::ZERO || ia.low()? <= Decimal::ZERO {
        return None;
    }
    let doc = doc(RULE).expect("catalogued");
    let ratio = ib.div(&ia)?;
    let round = tuning.tolerance(doc, "round");
    let said = match bound {
        Bound::Exact => Interval::new(
            factor * (Decimal::ONE - round),
            factor * (Decimal::ONE + round),
        ),
        Bound::MoreThan => Interval::bounded(Some(factor), None),
        Bound::Nearly => Interval::new(factor * (Decimal::ONE - round), factor),
    };
    let central = b / a;
    let off = ((central - factor) / factor).abs();
    let verdict = if !ratio.meets(&said) {
        Verdict::Error
    } else if bound == Bound::Exact && off > tuning.tolerance(doc, "warn-above") {
        Verdict::Warning
    } else {
        Verdict::Verified
    };
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let vals = [
        ("word", word.to_string()),
        ("from", text(from)),
        ("to", text(to)),
        ("ratio", ratio_shown(central, factor)),
        ("implied", like(a * factor, from)),
    ];
    let conclusion = Conclusion {
        rule: RULE,
        doc,
        values: &vals,
        span: locator.position(&to.mention.span),
        labels: vec![locator.label("from", from), locator.label("to", to)],
    };
    Some(conclusion.with(verdict, "verified", "title", &["arithmetic", "implied"]))
}

/// The ratio for a reader, with the decimals that tell it from the multiple said: "2.04 times"
/// against "doubled", where rounding for a reader would give "2".
fn ratio_shown(ratio: Decimal, factor: Decimal) -> String {
    let shown = rounded(ratio);
    if ratio == factor || shown.parse::<Decimal>().ok() != Some(factor) {
        return shown;
    }
    (2..=6)
        .map(|places| ratio.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero))
        .find(|r| *r != factor)
        .map_or(shown, super::display)
}
