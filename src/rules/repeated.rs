//! `figure-inconsistency`: "7,800 tons of treated water" then "7,300 tons of treated water".

use super::{Conclusion, Outcome, Verdict, doc};
use crate::extract::Payload;
use crate::finding::Locator;
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
    let conclusion = Conclusion {
        rule: RULE,
        doc,
        values: &vals,
        span: locator.position(&later.mention.span),
        labels: vec![
            locator.label("earlier", earlier),
            locator.label("later", later),
        ],
    };
    let verdict = if ie.meets(&il) {
        Verdict::Verified
    } else {
        Verdict::Error
    };
    Some(conclusion.with(verdict, "verified", "title", &["arithmetic"]))
}
