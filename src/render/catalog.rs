//! The rule catalog as text: `figcheck rules` and `figcheck explain RULE`.

use std::fmt::Write;

use crate::rules::catalog;

/// One line per rule: name, default severity, summary.
pub fn rules_text() -> String {
    let width = catalog().iter().map(|d| d.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for doc in catalog() {
        let _ = writeln!(
            out,
            "{:<width$}  {:<7}  {}",
            doc.name,
            doc.severity.as_str(),
            doc.summary
        );
    }
    out
}

/// A rule's summary, explanation and examples with what figcheck makes of each; `None` for an
/// unknown rule.
pub fn explain_text(name: &str) -> Option<String> {
    let doc = catalog().iter().find(|d| d.name == name)?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({} by default)\n\n{}\n",
        doc.name,
        doc.severity.as_str(),
        doc.summary
    );
    let _ = writeln!(out, "{}", doc.explanation.trim());
    let _ = writeln!(out, "\nExamples:");
    for example in &doc.examples {
        let date = example
            .date
            .as_deref()
            .map(|d| format!(" [reference date {d}]"))
            .unwrap_or_default();
        let _ = writeln!(out, "  {:<8} {}{date}", example.expect, example.text);
    }
    Some(out)
}
