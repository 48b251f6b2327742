//! `figure-inconsistency`: "7,800 tons of treated water" then "7,300 tons of treated water".

use super::{Outcome, doc};
use crate::extract::Payload;
use crate::finding::{Finding, Locator, Verified};
use crate::normalize::Figure;

const RULE: &str = "figure-inconsistency";

/// Checks that a measured thing given twice has values that can meet.
pub fn check(earlier: &Figure, later: &Figure, locator: &Locator) -> Option<Outcome> {
    let (ie, il) = (earlier.interval?, later.interval?);
    let Payload::Quantity {
        stuff: Some(stuff), ..
    } = &later.mention.payload
    else {
        return None;
    };
    let doc = doc(RULE).expect("catalogued");
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let vals = [
        ("earlier", text(earlier)),
        ("later", text(later)),
        ("stuff", stuff.clone()),
    ];
    let labels = vec![
        locator.label("earlier", earlier),
        locator.label("later", later),
    ];
    let span = locator.position(&later.mention.span);
    if ie.meets(&il) {
        return Some(Outcome::Verified(Verified {
            rule: RULE,
            message: doc.message("verified", &vals),
            span,
            labels,
        }));
    }
    Some(Outcome::Finding(Finding {
        rule: RULE,
        severity: doc.severity,
        message: doc.message("title", &vals),
        span,
        labels,
        notes: vec![doc.message("arithmetic", &vals)],
    }))
}
