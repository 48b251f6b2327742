//! `share-mismatch`: "18 of the 40 members (60%)".

use rust_decimal::Decimal;

use super::{
    Conclusion, Links, Outcome, Patterns, Relation, RuleSettings, Verdict, display, doc, like,
    rounded,
};
use crate::finding::Locator;
use crate::interval::Interval;
use crate::link::{Claim, Text};
use crate::normalize::Figure;

const RULE: &str = "share-mismatch";

/// "18 of the 40 members (45%)", "45% of the 40 members, or 18", "120 out of 400 (30%)".
pub const RELATION: Relation = Relation {
    name: "share",
    link,
    check: |claim, cx| {
        let (Some(part), Some(percent)) = (claim.figure("part"), claim.figure("percent")) else {
            return Vec::new();
        };
        let part = &cx.figures[part];
        // A ratio read as one number ("120 out of 400") is its own part and whole.
        let whole = claim.figure("whole").map_or(part, |w| &cx.figures[w]);
        check(part, whole, &cx.figures[percent], cx.locator, cx.tuning)
            .into_iter()
            .collect()
    },
};

fn link(text: &Text, patterns: &Patterns) -> Links {
    let mut links = Links::default();
    for s in text.sentences_with(2) {
        for (pattern, m) in patterns.find(text, s) {
            let (Some(part), Some(percent)) = (m.figure("part"), m.figure("percent")) else {
                continue;
            };
            let written =
                |f: usize| text.prose[text.figures[f].mention.span.clone()].to_lowercase();
            let mut roles = vec![("part", part), ("percent", percent)];
            match m.figure("whole") {
                // "one of the ten largest" is an idiom, not a part.
                Some(_) if written(part) == "one" => continue,
                Some(whole) => roles.push(("whole", whole)),
                // "120 out of 400", "one in five": a ratio read as one number.
                None if written(part).contains(" out of ") || written(part).contains(" in ") => {}
                None => continue,
            }
            links.claims.push(Claim::new(RULE, &pattern.name, roles));
        }
    }
    links
}

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
