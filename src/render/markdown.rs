//! A Markdown summary for a pull-request comment: a heading with the counts, a table with a
//! row per finding, and each finding's arithmetic in a collapsed section.

use std::fmt::Write;

use super::{InputError, summary};
use crate::finding::{FileReport, Severity};

pub fn check_markdown(reports: &[&FileReport], errors: &[InputError], noun: &str) -> String {
    let mut out = String::new();
    let line = summary(reports, errors.len(), noun);
    let findings: Vec<(&FileReport, &crate::Finding)> = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (*r, f)))
        .collect();
    let mark = if findings.is_empty() && errors.is_empty() {
        "✅"
    } else if findings.iter().any(|(_, f)| f.severity == Severity::Error) || !errors.is_empty() {
        "❌"
    } else {
        "⚠️"
    };
    let _ = writeln!(out, "### {mark} figcheck: {}", line.trim_end());
    if !findings.is_empty() {
        let _ = writeln!(out, "\n| | where | rule | finding |\n|---|---|---|---|");
        for (report, f) in &findings {
            let _ = writeln!(
                out,
                "| {} | `{}:{}` | `{}` | {} |",
                badge(f.severity),
                cell(&report.path),
                f.span.line,
                f.rule,
                text(&f.message)
            );
        }
        let _ = writeln!(out, "\n<details><summary>The arithmetic</summary>\n");
        for (report, f) in &findings {
            let _ = writeln!(
                out,
                "**`{}:{}`** `{}`: {}\n",
                cell(&report.path),
                f.span.line,
                f.rule,
                text(&f.message)
            );
            for label in &f.labels {
                let _ = writeln!(out, "- {}: “{}”", label.role, text(&label.text));
            }
            for note in &f.notes {
                let _ = writeln!(out, "- {}", text(note));
            }
            out.push('\n');
        }
        let _ = writeln!(out, "</details>");
    }
    if !errors.is_empty() {
        let _ = writeln!(out, "\nCould not be checked:\n");
        for e in errors {
            let _ = writeln!(out, "- `{}`: {}", cell(&e.path), text(&e.message));
        }
    }
    out
}

fn badge(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "❌ error",
        Severity::Warning => "⚠️ warning",
    }
}

/// Text safe in Markdown prose: no HTML, no emphasis, no line breaks.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '`' | '[' | ']' | '\\' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Text safe in a table cell or code span: no pipes, backticks or line breaks.
fn cell(s: &str) -> String {
    s.replace(['|', '`', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_messages_is_escaped() {
        assert_eq!(text("a <b> | *c*"), "a &lt;b&gt; \\| \\*c\\*");
        assert_eq!(cell("a|b`c"), "a b c");
    }
}
