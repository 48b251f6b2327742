//! Fixture drafts under `tests/fixtures/<rule>/`: each paragraph preceded by
//! `<!-- expect: RULE SEVERITY -->` (severity: error, warning or verified) must produce exactly
//! that, and nothing else may be found or verified. Each fixture's verbose pretty report is an
//! insta snapshot under `snapshots/`.

use figcheck::render::{PrettyOptions, check_pretty};
use figcheck::{FileReport, Settings, Source};

/// `(rule, severity, first line, last line)` of each expectation: the paragraph after a marker.
fn expectations(text: &str) -> Vec<(String, String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.trim().strip_prefix("<!-- expect:") else {
            continue;
        };
        let mut words = rest.trim_end_matches("-->").split_whitespace();
        let (Some(rule), Some(severity)) = (words.next(), words.next()) else {
            panic!("line {}: a marker names a rule and a severity", i + 1);
        };
        let first = i + 2;
        let last = lines[i + 1..]
            .iter()
            .position(|l| l.trim().is_empty())
            .map_or(lines.len(), |n| i + 1 + n);
        out.push((rule.to_string(), severity.to_string(), first, last));
    }
    out
}

fn observed(report: &FileReport) -> Vec<(String, String, usize)> {
    let mut seen: Vec<(String, String, usize)> = report
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.to_string(),
                f.severity.as_str().to_string(),
                f.span.line,
            )
        })
        .chain(
            report
                .verified
                .iter()
                .map(|v| (v.rule.to_string(), "verified".to_string(), v.span.line)),
        )
        .collect();
    seen.sort();
    seen
}

#[test]
fn fixtures_meet_their_expectations() {
    insta::glob!("fixtures/**/*.md", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        let source = Source::new(name.clone(), text.clone());
        let report = figcheck::check(&source, &Settings::default());

        let mut unmatched = observed(&report);
        for (rule, severity, first, last) in expectations(&text) {
            let at = unmatched.iter().position(|(r, s, line)| {
                *r == rule && *s == severity && (first..=last).contains(line)
            });
            match at {
                Some(i) => {
                    unmatched.remove(i);
                }
                None => panic!(
                    "{name}: expected {rule} {severity} on lines {first}-{last}; got {:?}",
                    observed(&report)
                ),
            }
        }
        assert!(unmatched.is_empty(), "{name}: unexpected {unmatched:?}");

        let pretty = check_pretty(
            &source,
            &report,
            PrettyOptions {
                color: false,
                verbose: true,
            },
        );
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!("fixture", pretty));
    });
}
