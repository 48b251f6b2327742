//! SARIF 2.1.0, the format code-scanning services (GitHub code scanning, Azure DevOps, IDE
//! viewers) read. One run: `tool.driver.rules` carries every rule of the catalog with its
//! summary, explanation and examples as help; each finding is a result whose location is the
//! figure it is about and whose related locations are every figure involved, with the
//! arithmetic in the message. Columns count Unicode code points, as figcheck's do. Inputs
//! that could not be read are tool execution notifications.

use serde_json::{Value, json};

use super::{InputError, explain_text};
use crate::finding::FileReport;
use crate::rules::catalog;
use crate::source::Position;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn check_sarif(reports: &[&FileReport], errors: &[InputError]) -> String {
    let rules: Vec<Value> = catalog()
        .iter()
        .map(|doc| {
            let help = explain_text(&doc.name).unwrap_or_default();
            json!({
                "id": doc.name,
                "name": camel(&doc.name),
                "shortDescription": { "text": doc.summary },
                "fullDescription": { "text": doc.explanation.trim() },
                "help": { "text": help, "markdown": format!("```text\n{help}```") },
                "defaultConfiguration": { "level": doc.severity.as_str() },
            })
        })
        .collect();
    let rule_index = |rule: &str| catalog().iter().position(|d| d.name == rule);
    let mut results = Vec::new();
    for report in reports {
        let uri = uri(&report.path);
        for f in &report.findings {
            let text = std::iter::once(f.message.clone())
                .chain(f.notes.iter().map(|n| format!("note: {n}")))
                .collect::<Vec<_>>()
                .join("\n");
            let related: Vec<Value> = f
                .labels
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    json!({
                        "id": i,
                        "physicalLocation": location(&uri, &label.span),
                        "message": { "text": format!("{}: {}", label.role, label.text) },
                    })
                })
                .collect();
            let mut result = json!({
                "ruleId": f.rule,
                "level": f.severity.as_str(),
                "message": { "text": text },
                "locations": [ { "physicalLocation": location(&uri, &f.span) } ],
            });
            if let Some(index) = rule_index(f.rule) {
                result["ruleIndex"] = json!(index);
            }
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            results.push(result);
        }
    }
    let notifications: Vec<Value> = errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", e.path, e.message) },
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": uri(&e.path) } } } ],
            })
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [ {
            "tool": { "driver": {
                "name": "figcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            "invocations": [ {
                "executionSuccessful": errors.is_empty(),
                "toolExecutionNotifications": notifications,
            } ],
            "columnKind": "unicodeCodePoints",
            "results": results,
        } ],
    });
    serde_json::to_string_pretty(&log).expect("SARIF serializes") + "\n"
}

fn location(uri: &str, span: &Position) -> Value {
    json!({
        "artifactLocation": { "uri": uri },
        "region": {
            "startLine": span.line,
            "startColumn": span.column,
            "endLine": span.end_line,
            "endColumn": span.end_column,
            "byteOffset": span.start,
            "byteLength": span.end - span.start,
        },
    })
}

/// A path as a relative URI reference: forward slashes, and the characters a URI reserves
/// percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// "rate-total-mismatch" → "RateTotalMismatch", the form SARIF viewers show as a rule's name.
fn camel(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("drafts/a b#1.md"), "drafts/a%20b%231.md");
        assert_eq!(uri("drafts\\é.md"), "drafts/%C3%A9.md");
        assert_eq!(camel("rate-total-mismatch"), "RateTotalMismatch");
    }
}
