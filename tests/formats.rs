//! Every input kind and every output format, on drafts we wrote in `tests/inputs/`: one story
//! as plain text (with a dateline), Markdown (front matter, a code block, suppressions), HTML
//! (metadata, entities, script, style, pre) and JSONL records (one of them malformed). The text
//! formats are insta snapshots; the structured ones are checked field by field.

#[path = "common/bin.rs"]
mod bin;

use bin::{figcheck, json_lines, stdout};
use serde_json::Value;

const INPUTS: [&str; 3] = [
    "tests/inputs/draft.txt",
    "tests/inputs/draft.md",
    "tests/inputs/draft.html",
];

/// `(rule, severity, message)` of every finding in a JSON report.
fn findings(json: &Value) -> Vec<(String, String, String)> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap())
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            (s("rule"), s("severity"), s("message"))
        })
        .collect()
}

#[test]
fn each_input_kind_gives_the_same_findings_with_spans_into_its_own_bytes() {
    let mut seen = Vec::new();
    for input in INPUTS {
        let output = figcheck(&["--format", "json", input]);
        assert_eq!(output.status.code(), Some(1), "{input}");
        let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
        let file = &json["files"][0];
        assert_eq!(file["reference_date"], "2024-05-02", "{input}");
        let text = std::fs::read_to_string(input).unwrap();
        for f in file["findings"].as_array().unwrap() {
            for label in f["labels"].as_array().unwrap() {
                let (start, end) = (
                    label["span"]["start"].as_u64().unwrap() as usize,
                    label["span"]["end"].as_u64().unwrap() as usize,
                );
                let written = label["text"].as_str().unwrap();
                // HTML spans cover the markup of an entity ("May&nbsp;2") in the original.
                let original = &text[start..end];
                assert!(
                    original == written || original.contains("&nbsp;"),
                    "{input}: {original:?} vs {written:?}"
                );
            }
        }
        let mut found: Vec<_> = findings(&json)
            .into_iter()
            .filter(|f| f.0 != "unused-suppression")
            .collect();
        found.sort();
        seen.push((input, found));
    }
    let sources: Vec<&str> = INPUTS
        .iter()
        .map(|input| {
            let output = figcheck(&["--format", "json", input]);
            let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
            match json["files"][0]["reference_date_source"].as_str() {
                Some("dateline") => "dateline",
                Some("front-matter") => "front-matter",
                Some("html") => "html",
                other => panic!("{other:?}"),
            }
        })
        .collect();
    assert_eq!(sources, ["dateline", "front-matter", "html"]);
    for (input, found) in &seen[1..] {
        assert_eq!(found, &seen[0].1, "{input} against {}", seen[0].0);
    }
    assert_eq!(seen[0].1.len(), 3, "{:?}", seen[0].1);
}

#[test]
fn jsonl_records_give_one_line_each_and_an_error_line() {
    let output = figcheck(&["--format", "jsonl", "tests/inputs/drafts.jsonl"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    let lines = json_lines(&text);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], "harbour-1");
    assert_eq!(lines[0]["reference_date_source"], "record");
    assert_eq!(lines[2]["reference_date"], Value::Null);
    assert_eq!(lines[3]["line"], 4);
    assert!(lines[3]["error"].as_str().unwrap().contains("not JSON"));
    insta::assert_snapshot!("input_jsonl_concise", {
        let output = figcheck(&["--format", "concise", "tests/inputs/drafts.jsonl"]);
        stdout(&output)
    });
}

/// The summaries of a JSONL run count records, not files.
#[test]
fn summaries_of_a_jsonl_run_count_records() {
    for format in ["pretty", "markdown", "html"] {
        let output = figcheck(&["--format", format, "tests/inputs/drafts.jsonl"]);
        let text = stdout(&output);
        assert!(
            text.contains("in 3 records checked; 1 record could not be read"),
            "{format}: {text}"
        );
        assert!(!text.contains(" files"), "{format}: {text}");
    }
}

#[test]
fn text_formats_are_snapshots() {
    for (format, name) in [
        ("pretty", "format_pretty"),
        ("concise", "format_concise"),
        ("github", "format_github"),
        ("markdown", "format_markdown"),
    ] {
        let output = figcheck(&[
            "--format",
            format,
            "tests/inputs/draft.md",
            "tests/inputs/draft.txt",
        ]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        insta::assert_snapshot!(name, stdout(&output));
    }
}

#[test]
fn json_and_jsonl_carry_every_finding() {
    let output = figcheck(&["--format", "json", "tests/inputs/draft.md"]);
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["version"], 1);
    let rules: Vec<String> = findings(&json).into_iter().map(|f| f.0).collect();
    assert_eq!(
        rules,
        [
            "rate-total-mismatch",
            "conversion-mismatch",
            "percent-change-mismatch",
            "unused-suppression"
        ]
    );
    let output = figcheck(&["--format", "jsonl", "tests/inputs/draft.md"]);
    let line: Value = serde_json::from_str(stdout(&output).trim_end()).unwrap();
    assert_eq!(line["findings"], json["files"][0]["findings"]);
}

#[test]
fn sarif_has_the_rules_and_a_result_per_finding() {
    let output = figcheck(&[
        "--format",
        "sarif",
        "tests/inputs/draft.md",
        "tests/inputs/missing.md",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let sarif: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), figcheck::rules::catalog().len());
    for rule in rules {
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty());
        assert!(
            !rule["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty()
        );
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let first = &results[0];
    assert_eq!(first["ruleId"], "rate-total-mismatch");
    let index = first["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "rate-total-mismatch");
    assert_eq!(first["level"], "warning");
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 8);
    assert_eq!(first["relatedLocations"].as_array().unwrap().len(), 3);
    assert!(
        first["message"]["text"]
            .as_str()
            .unwrap()
            .contains("8,740 tons")
    );
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
}

#[test]
fn html_report_marks_figures_and_lists_findings() {
    let output = figcheck(&["--format", "html", "tests/inputs/draft.md"]);
    assert_eq!(output.status.code(), Some(1));
    let html = stdout(&output);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        html.matches("<mark").count(),
        html.matches("</mark>").count()
    );
    assert!(
        html.matches("<mark class=\"figure error\"").count() >= 4,
        "{html}"
    );
    assert!(html.matches("<mark class=\"figure warning\"").count() >= 3);
    assert!(html.contains("<mark class=\"figure verified\""));
    assert_eq!(html.matches("<li class=\"finding ").count(), 4);
    assert!(html.contains("460 tons/day × 19 days = 8,740 tons"));
    // No external assets: nothing is fetched when the page opens.
    for fetch in ["src=", "href=", "@import", "url("] {
        assert!(!html.contains(fetch), "{fetch}");
    }
}
