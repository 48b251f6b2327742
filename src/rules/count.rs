//! `count-mismatch`: "three countries: Japan, China, Korea and Vietnam".

use rust_decimal::Decimal;

use super::{Outcome, display, doc};
use crate::finding::{Finding, Label, Locator, Verified};
use crate::normalize::Figure;

const RULE: &str = "count-mismatch";

/// Checks that `items` listed after `count` are as many (or, not `exhaustive`, no more).
pub fn check(
    count: &Figure,
    items: usize,
    list: (usize, usize),
    exhaustive: bool,
    locator: &Locator,
) -> Option<Outcome> {
    let n = count.central?;
    let listed = Decimal::from(items);
    let holds = if exhaustive { listed == n } else { listed <= n };
    let doc = doc(RULE).expect("catalogued");
    let count_text = locator.text(&count.mention.span).to_string();
    let after = locator.text(&(count.mention.span.end..list.0));
    let noun = after
        .trim()
        .trim_end_matches(':')
        .trim_end_matches("including")
        .trim_end()
        .trim_end_matches(',')
        .to_string();
    let vals = [
        ("count", count_text),
        ("noun", noun),
        ("items", display(listed)),
        ("list", locator.text(&(list.0..list.1)).trim().to_string()),
    ];
    let list_label = Label {
        role: "list".into(),
        text: locator.text(&(list.0..list.1)).to_string(),
        span: locator.position(&(list.0..list.1)),
    };
    let mut labels = vec![locator.label("count", count), list_label];
    labels.sort_by_key(|l| l.span.start);
    let span = locator.position(&count.mention.span);
    if holds {
        let key = if exhaustive {
            "verified"
        } else {
            "verified-partial"
        };
        return Some(Outcome::Verified(Verified {
            rule: RULE,
            message: doc.message(key, &vals),
            span,
            labels,
        }));
    }
    let mut notes = vec![doc.message("listed", &vals)];
    if !exhaustive {
        notes.push(doc.message("partial", &vals));
    }
    Some(Outcome::Finding(Finding {
        rule: RULE,
        severity: doc.severity,
        message: doc.message("title", &vals),
        span,
        labels,
        notes,
    }))
}
