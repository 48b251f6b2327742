//! Real published text from `../shared/corpora/` (read at run time, never copied here).
//!
//! - Every finding on the news corpora must be listed, with a reviewed verdict, in
//!   `tests/corpus-findings.tsv`, so that a false alarm cannot creep in unseen; false alarms
//!   stay within one per 500 articles of each corpus.
//! - Every mention's span lies inside its text, on character boundaries, without cutting a
//!   word in half.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use figcheck::finding::Finding;
use figcheck::{Settings, Source};

#[path = "common/corpus.rs"]
mod corpus;

use corpus::{corpus, reference_date};
use serde_json::Value;

/// A finding's key: article, rule, line.
type Key = (String, String, String);

/// Sorts an article's findings: each one not in `reviewed` is written to `unreviewed`; every
/// one's key goes into `seen`.
fn review(
    id: &str,
    findings: Vec<Finding>,
    reviewed: &BTreeMap<Key, Verdict>,
    unreviewed: &mut Vec<String>,
    seen: &mut BTreeSet<Key>,
) {
    for finding in findings {
        let key = (
            id.to_string(),
            finding.rule.to_string(),
            finding.span.line.to_string(),
        );
        if !reviewed.contains_key(&key) {
            unreviewed.push(format!(
                "{}\t{}\t{}\t{}",
                key.0, key.1, key.2, finding.message
            ));
        }
        seen.insert(key);
    }
}

/// What review made of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// The published text really is inconsistent.
    TrueCatch,
    /// The text is consistent, or the figures are not what the finding takes them for.
    FalseAlarm,
}

/// The findings a reviewed file lists — tab-separated id, rule, line, verdict, reason — by
/// (id, rule, line).
fn reviewed_findings(file: &str) -> BTreeMap<Key, Verdict> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(
                cols.len() >= 5 && !cols[4].trim().is_empty(),
                "{file}: id, rule, line, verdict, reason: {l}"
            );
            let verdict = match cols[3] {
                "true-catch" => Verdict::TrueCatch,
                "false-alarm" => Verdict::FalseAlarm,
                other => {
                    panic!("{file}: a verdict is true-catch or false-alarm, not {other:?}: {l}")
                }
            };
            let key = (
                cols[0].to_string(),
                cols[1].to_string(),
                cols[2].to_string(),
            );
            (key, verdict)
        })
        .collect()
}

/// False alarms allowed on a corpus: one per 500 articles (issue 19's bar).
const ARTICLES_PER_FALSE_ALARM: usize = 500;

#[test]
fn news_corpora_raise_no_unreviewed_findings() {
    let Some(_) = corpus::shared("the news corpora") else {
        return;
    };
    let reviewed = reviewed_findings("tests/corpus-findings.tsv");
    let mut unreviewed = Vec::new();
    let mut seen = BTreeSet::new();
    let mut over_budget = Vec::new();
    for name in ["bbc2005", "reuters21578", "tempeval3_news"] {
        let mut here = BTreeSet::new();
        let records = corpus(name);
        for record in &records {
            let id = record["id"].as_str().unwrap().to_string();
            let settings = Settings {
                reference_date: reference_date(record),
                ..Settings::default()
            };
            let source = Source::new(id.clone(), record["text"].as_str().unwrap());
            let report = figcheck::check(&source, &settings);
            review(&id, report.findings, &reviewed, &mut unreviewed, &mut here);
        }
        let false_alarms = here
            .iter()
            .filter(|k| reviewed.get(*k) == Some(&Verdict::FalseAlarm))
            .count();
        let allowed = records.len() / ARTICLES_PER_FALSE_ALARM;
        println!(
            "{name}: {} articles, {} findings, {false_alarms} false alarms (at most {allowed})",
            records.len(),
            here.len()
        );
        if false_alarms > allowed {
            over_budget.push(format!(
                "{name}: {false_alarms} false alarms in {} articles, more than {allowed}",
                records.len()
            ));
        }
        seen.extend(here);
    }
    assert!(
        unreviewed.is_empty(),
        "findings not in tests/corpus-findings.tsv:\n{}",
        unreviewed.join("\n")
    );
    let stale: Vec<_> = reviewed.keys().filter(|k| !seen.contains(*k)).collect();
    assert!(
        stale.is_empty(),
        "reviewed findings that no longer appear: {stale:?}"
    );
    assert!(over_budget.is_empty(), "{}", over_budget.join("\n"));
}

#[test]
fn mention_spans_are_whole_words_on_character_boundaries() {
    let Some(_) = corpus::shared("the BBC corpus") else {
        return;
    };
    let mut bad = Vec::new();
    for record in corpus("bbc2005") {
        let text = record["text"].as_str().unwrap();
        let report = figcheck::check(&Source::new("bbc", text), &Settings::default());
        for figure in &report.figures {
            let span = &figure.mention.span;
            let inside = span.start < span.end && span.end <= text.len();
            let boundaries =
                inside && text.is_char_boundary(span.start) && text.is_char_boundary(span.end);
            let whole = boundaries
                && text[..span.start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
                && text[span.end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
            if !whole {
                let near = text
                    .get(span.start.saturating_sub(20)..(span.end + 20).min(text.len()))
                    .unwrap_or("?");
                bad.push(format!("{} {span:?} {near:?}", record["id"]));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} bad spans, first: {:?}",
        bad.len(),
        &bad[..bad.len().min(10)]
    );
}

/// Every input of the peer's conformance suite (short, tricky strings) is checked without a
/// panic, and its mentions lie on character boundaries inside the text.
#[test]
fn peer_conformance_inputs_never_panic() {
    let Some(_) = corpus::shared("the peer's conformance specs") else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peers/recognizers-text-en");
    let mut inputs = 0;
    for dir in ["Number", "NumberWithUnit", "DateTime"] {
        let folder = root.join(dir).join("English");
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let cases: Vec<Value> =
                serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
            for case in cases {
                let input = case["Input"].as_str().unwrap_or_default();
                inputs += 1;
                let settings = Settings {
                    reference_date: Some(jiff::civil::date(2016, 11, 7)),
                    ..Settings::default()
                };
                let report = figcheck::check(&Source::new("case", input), &settings);
                for figure in &report.figures {
                    let span = &figure.mention.span;
                    assert!(
                        span.end <= input.len()
                            && input.is_char_boundary(span.start)
                            && input.is_char_boundary(span.end),
                        "{input:?}: {span:?}"
                    );
                }
            }
        }
    }
    assert!(inputs > 1500, "read {inputs} inputs");
}

/// The 393 unit conversions in brackets that `../shared/corpora/wikitext2_test/README.md`
/// counts in the WikiText-2 test articles.
const WIKITEXT_CONVERSIONS: usize = 393;

#[test]
fn wikitext_conversions_are_verified_and_every_flag_reviewed() {
    let Some(_) = corpus::shared("the WikiText corpus") else {
        return;
    };
    let reviewed = reviewed_findings("tests/wikitext-findings.tsv");
    assert!(
        reviewed.values().all(|v| *v == Verdict::TrueCatch),
        "tests/wikitext-findings.tsv lists true catches only: a false alarm there is fixed"
    );
    let (mut verified, mut flagged, mut unreviewed) = (0, 0, Vec::new());
    for record in corpus("wikitext2_test") {
        let id = record["id"].as_str().unwrap().to_string();
        let source = Source::new(id.clone(), record["text"].as_str().unwrap());
        let report = figcheck::check(&source, &Settings::default());
        verified += report
            .verified
            .iter()
            .filter(|v| v.rule == "conversion-mismatch")
            .count();
        flagged += report.findings.len();
        review(
            &id,
            report.findings,
            &reviewed,
            &mut unreviewed,
            &mut BTreeSet::new(),
        );
    }
    assert!(
        unreviewed.is_empty(),
        "findings not in tests/wikitext-findings.tsv:\n{}",
        unreviewed.join("\n")
    );
    // `cargo test --release --test corpora wikitext -- --nocapture` shows the README's figure.
    println!(
        "wikitext2_test: {verified} of {WIKITEXT_CONVERSIONS} conversions verified, {} findings",
        flagged
    );
    assert!(
        verified * 100 >= WIKITEXT_CONVERSIONS * 95,
        "{verified} of {WIKITEXT_CONVERSIONS} conversions verified, fewer than 95%"
    );
}
