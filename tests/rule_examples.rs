//! Every example in `rules/<name>.toml` runs as a test: "error" and "warning" must produce
//! exactly one finding of that rule and severity, "verified" a verified relation and no
//! finding, "silent" neither.

use figcheck::rules::catalog;
use figcheck::{Settings, Source};

#[test]
fn rule_examples_hold() {
    let mut failures = Vec::new();
    let mut count = 0;
    for doc in catalog() {
        for example in &doc.examples {
            count += 1;
            let settings = Settings {
                reference_date: example
                    .date
                    .as_deref()
                    .map(|d| d.parse().expect("example dates are YYYY-MM-DD")),
                ..Settings::default()
            };
            let report =
                figcheck::check(&Source::new("example.md", example.text.clone()), &settings);
            let findings: Vec<&str> = report
                .findings
                .iter()
                .filter(|f| f.rule == doc.name)
                .map(|f| f.severity.as_str())
                .collect();
            let verified = report
                .verified
                .iter()
                .filter(|v| v.rule == doc.name)
                .count();
            let ok = match example.expect.as_str() {
                "error" | "warning" => findings == [example.expect.as_str()],
                "verified" => findings.is_empty() && verified > 0,
                "silent" => findings.is_empty() && verified == 0,
                other => panic!("{}: unknown expectation {other:?}", doc.name),
            };
            if !ok {
                failures.push(format!(
                    "{}: {:?} expected {}, got findings {findings:?} and {verified} verified",
                    doc.name, example.text, example.expect
                ));
            }
        }
        let firing = doc
            .examples
            .iter()
            .filter(|e| matches!(e.expect.as_str(), "error" | "warning"))
            .count();
        assert!(
            firing >= 1 && firing < doc.examples.len(),
            "{}: needs firing and silent examples",
            doc.name
        );
    }
    assert!(count > 0, "the catalog has examples");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every relation pattern's examples run as tests: each sentence under `link` must be linked
/// by that pattern, and in each sentence under `not` the pattern must link nothing (the rule's
/// own examples say where the whole rule must stay silent).
#[test]
fn pattern_examples_link_and_do_not() {
    let relation_of = |rule: &str| {
        figcheck::rules::REGISTRY
            .iter()
            .find(|r| r.name == rule)
            .and_then(|r| r.relation)
            .map(|r| r.name)
    };
    let mut failures = Vec::new();
    let mut count = 0;
    for doc in catalog() {
        let relation = relation_of(&doc.name);
        for pattern in &doc.patterns {
            assert!(
                !pattern.link.is_empty(),
                "{}: pattern {} has no example it must link",
                doc.name,
                pattern.name
            );
            for (text, must) in pattern
                .link
                .iter()
                .map(|t| (t, true))
                .chain(pattern.not_link.iter().map(|t| (t, false)))
            {
                count += 1;
                let report = figcheck::check(
                    &Source::new("example.txt", text.clone()),
                    &Settings::default(),
                );
                let by_pattern = report.claims.iter().any(|c| {
                    c.how.split('+').any(|h| h == pattern.name) && relation_of(c.rule) == relation
                });
                let ok = by_pattern == must;
                if !ok {
                    let claims: Vec<String> = report
                        .claims
                        .iter()
                        .map(|c| format!("{} {}", c.rule, c.how))
                        .collect();
                    failures.push(format!(
                        "{} / {}: {:?} must {}link; claims: {claims:?}",
                        doc.name,
                        pattern.name,
                        text,
                        if must { "" } else { "not " }
                    ));
                }
            }
        }
    }
    assert!(count > 0, "the rules have pattern examples");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
