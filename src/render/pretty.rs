//! Pretty output: rustc-style diagnostics through annotate-snippets, one per finding, with a
//! labelled span for every figure involved and the arithmetic as notes.

use std::fmt::Write;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::PrettyOptions;
use super::json::mention_views;
use crate::finding::{FileReport, Severity};
use crate::ingest::DateSource;
use crate::lexicon::single_spaced;
use crate::source::Source;

pub fn check_pretty(source: &Source, report: &FileReport, options: PrettyOptions) -> String {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for finding in &report.findings {
        let level = match finding.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        // Positions are into the file; the source may be a piece of it.
        let base = source.offset.byte;
        let mut snippet = Snippet::source(source.text.as_str())
            .path(report.path.as_str())
            .line_start(source.offset.line + 1)
            .fold(true);
        for label in &finding.labels {
            let kind = if label.span == finding.span {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            snippet = snippet.annotation(
                kind.span(label.span.start - base..label.span.end - base)
                    .label(label.role.as_str()),
            );
        }
        if finding.labels.is_empty() {
            snippet = snippet.annotation(
                AnnotationKind::Primary.span(finding.span.start - base..finding.span.end - base),
            );
        }
        let mut group: Group = level
            .primary_title(finding.message.as_str())
            .id(finding.rule)
            .element(snippet);
        for note in &finding.notes {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    if options.verbose {
        out.push_str(&verbose_lines(report));
    }
    out
}

/// The reference date, what was verified and what was skipped, one line each.
fn verbose_lines(report: &FileReport) -> String {
    let mut out = reference_line(report);
    let path = &report.path;
    for v in &report.verified {
        let _ = writeln!(
            out,
            "{path}:{}:{}: verified[{}]: {}",
            v.span.line, v.span.column, v.rule, v.message
        );
    }
    for s in &report.skipped {
        let _ = writeln!(
            out,
            "{path}:{}:{}: skipped[{}]: {}",
            s.span.line, s.span.column, s.rule, s.reason
        );
    }
    out
}

/// One line for the whole run: "1 warning, 2 errors in 3 files"; `noun` names what was
/// checked ("file", "record").
pub fn summary(reports: &[&FileReport], input_errors: usize, noun: &str) -> String {
    let count = |severity| {
        reports
            .iter()
            .flat_map(|r| &r.findings)
            .filter(|f| f.severity == severity)
            .count()
    };
    summary_line(
        count(Severity::Error),
        count(Severity::Warning),
        reports.len(),
        input_errors,
        noun,
    )
}

/// The closing line from counts: "1 error, 0 warnings in 2 files checked"; `noun` names what
/// was checked ("file", "record").
pub fn summary_line(
    errors: usize,
    warnings: usize,
    files: usize,
    input_errors: usize,
    noun: &str,
) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let mut line = if errors + warnings == 0 {
        "no findings".to_string()
    } else {
        format!(
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    };
    let _ = write!(line, " in {} checked", plural(files, noun));
    if input_errors > 0 {
        let _ = write!(line, "; {} could not be read", plural(input_errors, noun));
    }
    line + "\n"
}

/// Every figure, one line each: where, what kind, the text (a line break in it, or any run of
/// white space, as one space) and its normalized value.
///
/// With `relations`, then every relation linked, one line each: where its first figure is, the
/// relation, the pattern that found it, and each figure with its role.
pub fn extract_pretty(source: &Source, report: &FileReport, relations: bool) -> String {
    let mut out = reference_line(report);
    for m in mention_views(source, report) {
        let _ = write!(
            out,
            "{}:{}:{}: {} \u{201c}{}\u{201d}",
            report.path,
            m.span.line,
            m.span.column,
            m.kind.as_str(),
            single_spaced(&m.text)
        );
        let value = m.value.as_deref().unwrap_or("unresolved");
        let _ = write!(out, " = {value}");
        if let Some(unit) = &m.unit {
            let _ = write!(out, " {unit}");
        }
        if m.low.is_some() || m.high.is_some() {
            let end = |v: &Option<String>, inf: &str| v.clone().unwrap_or_else(|| inf.to_string());
            let _ = write!(out, " [{}, {}]", end(&m.low, "-inf"), end(&m.high, "inf"));
        }
        if let Some(hedge) = &m.hedge {
            let _ = write!(out, " hedge={hedge:?}");
        }
        if let Some(note) = &m.note {
            let _ = write!(out, " ({note})");
        }
        out.push('\n');
    }
    if relations {
        for r in super::relation_views(source, report) {
            let Some(first) = r.figures.first() else {
                continue;
            };
            let _ = write!(
                out,
                "{}:{}:{}: relation {} ({}):",
                report.path, first.span.line, first.span.column, r.relation, r.pattern
            );
            for (i, f) in r.figures.iter().enumerate() {
                let sep = if i == 0 { " " } else { ", " };
                let _ = write!(
                    out,
                    "{sep}{} \u{201c}{}\u{201d} ({}:{})",
                    f.role,
                    single_spaced(&f.text),
                    f.span.line,
                    f.span.column
                );
            }
            out.push('\n');
        }
    }
    out
}

/// The reference date and where it came from, or what its absence means.
fn reference_line(report: &FileReport) -> String {
    let mut out = String::new();
    let path = &report.path;
    match (report.reference_date, report.reference_date_source) {
        (Some(date), Some(source)) => {
            let from = match source {
                DateSource::Settings => "--date",
                DateSource::FrontMatter => "front matter",
                DateSource::Record => "the record's date",
                DateSource::Html => "the page's metadata",
                DateSource::Dateline => "the dateline",
                DateSource::Config => "figcheck.toml",
            };
            let _ = writeln!(out, "{path}: reference date {date} (from {from})");
        }
        _ => {
            let _ = writeln!(
                out,
                "{path}: no reference date: year-less dates, weekdays and ranges without a start are not resolved"
            );
        }
    }
    out
}
