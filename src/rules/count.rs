//! `count-mismatch`: "three countries: Japan, China, Korea and Vietnam".

use rust_decimal::Decimal;

use super::{Conclusion, Outcome, Verdict, display, doc};
use crate::finding::{Label, Locator};
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
    let conclusion = Conclusion {
        rule: RULE,
        doc,
        values: &vals,
        span: locator.position(&count.mention.span),
        labels: vec![locator.label("count", count), list_label],
    };
    let verdict = if holds {
        Verdict::Verified
    } else {
        Verdict::Error
    };
    Some(if exhaustive {
        conclusion.with(verdict, "verified", "title", &["listed"])
    } else {
        conclusion.with(verdict, "verified-partial", "title", &["listed", "partial"])
    })
}
