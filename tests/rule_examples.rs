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
