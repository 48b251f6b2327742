//! `change-direction-mismatch` ("fell from 12 to 15") and `percent-change-mismatch` ("grew 25%
//! from 40 to 60").

use rust_decimal::Decimal;

use super::{Outcome, RuleSettings, Verdict, display, doc, rounded};
use crate::extract::MentionKind;
use crate::finding::{Finding, Locator, Severity, Verified};
use crate::interval::Interval;
use crate::normalize::Figure;

const DIRECTION: &str = "change-direction-mismatch";
const PERCENT: &str = "percent-change-mismatch";
const POINTS: &str = "percentage-point-confusion";

/// Checks one change; a wrong direction is reported first, since the percentage then says
/// nothing more.
pub fn check(
    from: &Figure,
    to: &Figure,
    percent: Option<&Figure>,
    rising: bool,
    locator: &Locator,
    tuning: &RuleSettings,
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
    if let Some(label) = labels.iter_mut().find(|l| l.role == "percent")
        && percent.is_some_and(|p| p.mention.kind == MentionKind::PercentagePoints)
    {
        label.role = "points".into();
    }

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
    let percents = from.mention.kind == MentionKind::Percent;
    if !percents && percent.mention.kind == MentionKind::PercentagePoints {
        return Vec::new();
    }
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
    let Some(central) = (b - a)
        .checked_div(a)
        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
    else {
        return Vec::new();
    };
    let central = central.abs();
    if percents {
        return percentage_points(from, to, percent, &change, central, locator, labels);
    }
    let doc = doc(PERCENT).expect("catalogued");
    let difference = super::relative_off(central, p);
    // A percentage computed from rounded figures differs from the stated one by rounding alone
    // as long as the intervals meet; only a hedge ("about 20%", "nearly $5 million") leaves
    // room for a warning.
    let hedged = [from, to, percent]
        .iter()
        .any(|f| f.mention.hedge.is_some());
    // A stated percentage may be cut rather than rounded ("26.55" written "26.5"): its upper
    // end reaches one unit of its last digit.
    let ip = truncated(percent, ip, central);
    let verdict = if !change.meets(&ip) {
        Verdict::Error
    } else if hedged && difference > tuning.tolerance(doc, "warn-above") {
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
        ("actual", format!("{}%", like_stated(central, percent))),
        (
            "stated",
            format!("{}%", written_number(percent).unwrap_or_else(|| display(p))),
        ),
        ("implied", implied(implied_to, to)),
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

/// A change between two percentages: its size in percentage points is the difference, in
/// percent the relative change. Reports a size that fits the other measure and not its own.
fn percentage_points(
    from: &Figure,
    to: &Figure,
    size: &Figure,
    relative: &Interval,
    relative_central: Decimal,
    locator: &Locator,
    labels: Vec<crate::finding::Label>,
) -> Vec<Outcome> {
    let (Some(a), Some(b), Some(ia), Some(ib), Some(s), Some(is)) = (
        from.central,
        to.central,
        from.interval,
        to.interval,
        size.central,
        size.interval,
    ) else {
        return Vec::new();
    };
    let (Some(al), Some(ah), Some(bl), Some(bh)) = (ia.low(), ia.high(), ib.low(), ib.high())
    else {
        return Vec::new();
    };
    // The difference in points, whichever way it went.
    let difference = Interval::new(bl - ah, bh - al);
    let points = if b >= a {
        difference
    } else {
        Interval::new(al - bh, ah - bl)
    };
    let in_points = size.mention.kind == MentionKind::PercentagePoints;
    let (own, other) = if in_points {
        (&points, relative)
    } else {
        (relative, &points)
    };
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let doc = doc(POINTS).expect("catalogued");
    let difference = if b >= a {
        format!("{} − {}", text(to), text(from))
    } else {
        format!("{} − {}", text(from), text(to))
    };
    let vals = [
        ("from", text(from)),
        ("to", text(to)),
        ("difference", difference),
        ("stated", text(size)),
        ("points", rounded((b - a).abs())),
        ("relative", format!("{}%", rounded(relative_central))),
    ];
    let span = locator.position(&size.mention.span);
    if own.meets(&is) {
        return vec![Outcome::Verified(Verified {
            rule: POINTS,
            message: doc.message("verified", &vals),
            span,
            labels,
        })];
    }
    let (rule, doc, message, note) = if other.meets(&is) {
        let key = if in_points {
            "confused-points"
        } else {
            "confused-percent"
        };
        (
            POINTS,
            doc,
            doc.message("title", &vals),
            doc.message(key, &vals),
        )
    } else if in_points {
        (
            POINTS,
            doc,
            doc.message("title", &vals),
            doc.message("arithmetic", &vals),
        )
    } else {
        // A size in percent that fits neither is a plain percent-change mismatch.
        let percent_doc = super::doc(PERCENT).expect("catalogued");
        let stated = format!("{}%", display(s));
        let pvals = [
            ("from", text(from)),
            ("to", text(to)),
            ("actual", format!("{}%", rounded(relative_central))),
            ("stated", stated),
            (
                "implied",
                super::like(
                    if b >= a {
                        a * (Decimal::ONE + s / Decimal::ONE_HUNDRED)
                    } else {
                        a * (Decimal::ONE - s / Decimal::ONE_HUNDRED)
                    },
                    from,
                ),
            ),
        ];
        (
            PERCENT,
            percent_doc,
            percent_doc.message("title", &pvals),
            percent_doc.message("implied", &pvals),
        )
    };
    vec![Outcome::Finding(Finding {
        rule,
        severity: doc.severity,
        message,
        span,
        labels,
        notes: vec![
            note,
            super::doc(POINTS)
                .expect("catalogued")
                .message("arithmetic", &vals),
        ],
    })]
}

/// The unit of a figure's last written digit: 0.1 for "16.0", 1 for "16".
fn last_digit(figure: &Figure) -> Option<Decimal> {
    let num = figure.amount()?;
    if num.digits.is_empty() {
        return None;
    }
    Decimal::try_new(1, u32::try_from(num.decimals()).ok()?)
        .ok()?
        .checked_mul(num.multiplier)
}

/// A stated percentage that is the computed one cut rather than rounded ("26.5" for 26.553):
/// its interval reaches one unit of its last digit above it. Unhedged figures only.
fn truncated(percent: &Figure, interval: Interval, computed: Decimal) -> Interval {
    match (last_digit(percent), percent.central, percent.mention.hedge) {
        (Some(unit), Some(p), None) if (computed / unit).trunc() * unit == p => {
            Interval::bounded(interval.low(), Some(p + unit))
        }
        _ => interval,
    }
}

/// A computed percentage written to one more decimal than the stated one has: "16.2" beside
/// "16.0", so the two never read alike.
fn like_stated(value: Decimal, stated: &Figure) -> String {
    let decimals = stated.amount().map_or(0, |n| n.decimals());
    if decimals == 0 {
        return rounded(value);
    }
    display(value.round_dp(u32::try_from(decimals + 1).unwrap_or(1)))
}

/// What a stated change makes of the start, written as the end figure `to` is, so that the
/// note shows how far the end is off: to a decimal more than a scaled or decimal end ("$174.35
/// million" against a stated "174.6 mln dlrs"), to whole units against a whole one ("187,956"
/// against "188,156").
fn implied(value: Decimal, to: &Figure) -> String {
    let places = to.amount().map_or(0, |n| {
        if n.decimals() > 0 || n.multiplier > Decimal::ONE {
            n.decimals() + 1
        } else {
            0
        }
    });
    let places = u32::try_from(places).unwrap_or(1);
    super::like_with(value, to, |v| display(v.round_dp(places)))
}

/// A figure's number as written ("16.0"), when written in digits.
fn written_number(figure: &Figure) -> Option<String> {
    let num = figure.amount()?;
    (!num.digits.is_empty() && num.multiplier == Decimal::ONE).then(|| num.digits.clone())
}
