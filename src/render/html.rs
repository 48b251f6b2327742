//! A standalone HTML report: one file, no external assets, no scripts. For each checked file,
//! the text as written with every figure highlighted (its normalization shown on hover), the
//! figures of a finding marked by severity and those of a verified relation marked as such, and
//! beside the text the findings with their arithmetic and the verified relations.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{InputError, mention_views, summary};
use crate::finding::{FileReport, Severity};
use crate::source::Source;

const STYLE: &str = r#"
:root { --error: #c62828; --warning: #b26a00; --verified: #2e7d32; --ink: #1d1d1f; --muted: #5f6368; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 Georgia, "Times New Roman", serif; color: var(--ink); background: #fafaf7; }
header { padding: 1rem 2rem; background: #fff; border-bottom: 1px solid #ddd; font-family: system-ui, sans-serif; }
header h1 { margin: 0; font-size: 1.3rem; }
header p { margin: .2rem 0 0; color: var(--muted); }
section.file { padding: 1rem 2rem 2rem; border-bottom: 1px solid #ddd; }
section.file h2 { font: 600 1rem system-ui, sans-serif; margin: .5rem 0; }
p.meta { font: .85rem system-ui, sans-serif; color: var(--muted); margin: 0 0 1rem; }
.columns { display: flex; gap: 2rem; align-items: flex-start; }
article.text { flex: 3; min-width: 0; white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; padding: 1rem 1.25rem; border: 1px solid #e3e3e3; border-radius: 6px; }
aside.findings { flex: 2; min-width: 18rem; font: .9rem/1.45 system-ui, sans-serif; position: sticky; top: 1rem; }
mark.figure { background: #e8eefc; border-bottom: 2px solid #8aa4e6; padding: 0 1px; border-radius: 2px; position: relative; color: inherit; }
mark.figure.verified { background: #e3f4e4; border-bottom-color: var(--verified); }
mark.figure.warning { background: #fff0d6; border-bottom-color: var(--warning); }
mark.figure.error { background: #fde3e3; border-bottom-color: var(--error); }
mark.figure:hover::after { content: attr(data-norm); position: absolute; left: 0; top: 1.7em; z-index: 2; white-space: pre; font: .75rem/1.3 ui-monospace, monospace; background: #222; color: #fff; padding: .3rem .45rem; border-radius: 4px; }
ol.findings { list-style: none; padding: 0; margin: 0; }
li.finding { border-left: 4px solid var(--warning); background: #fff; padding: .6rem .8rem; margin-bottom: .8rem; border-radius: 0 6px 6px 0; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
li.finding.error { border-left-color: var(--error); }
.badge { font-weight: 700; text-transform: uppercase; font-size: .7rem; letter-spacing: .04em; }
li.finding.error .badge { color: var(--error); }
li.finding.warning .badge { color: var(--warning); }
.rule { font-family: ui-monospace, monospace; font-size: .8rem; color: var(--muted); }
p.message { margin: .25rem 0; font-weight: 600; }
ul.figures, ul.notes { margin: .3rem 0 0; padding-left: 1.1rem; }
ul.notes li { color: #333; }
ul.verified { padding-left: 1.1rem; color: var(--verified); }
.none { color: var(--verified); font-weight: 600; }
"#;

/// The report for every checked file, with the inputs that could not be read.
pub fn check_html(checked: &[(Source, FileReport)], errors: &[InputError], noun: &str) -> String {
    let reports: Vec<&FileReport> = checked.iter().map(|(_, r)| r).collect();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>figcheck report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header><h1>figcheck</h1><p class=\"summary\">{}</p></header>\n",
        escape(summary(&reports, errors.len(), noun).trim_end())
    );
    for (n, (source, report)) in checked.iter().enumerate() {
        file_section(&mut out, n + 1, source, report);
    }
    if !errors.is_empty() {
        out.push_str("<section class=\"file errors\"><h2>Could not be checked</h2><ul>\n");
        for e in errors {
            let _ = writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                escape(&e.path),
                escape(&e.message)
            );
        }
        out.push_str("</ul></section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn file_section(out: &mut String, n: usize, source: &Source, report: &FileReport) {
    // What each figure's span takes part in: the worst finding, else a verified relation.
    let mut role: BTreeMap<(usize, usize), &str> = BTreeMap::new();
    for v in &report.verified {
        for label in &v.labels {
            role.insert((label.span.start, label.span.end), "verified");
        }
    }
    for f in &report.findings {
        let class = f.severity.as_str();
        let spans = f
            .labels
            .iter()
            .map(|l| l.span)
            .chain(std::iter::once(f.span));
        for span in spans {
            let entry = role.entry((span.start, span.end)).or_insert(class);
            if *entry != Severity::Error.as_str() {
                *entry = class;
            }
        }
    }
    let meta = match (report.reference_date, report.reference_date_source) {
        (Some(date), Some(from)) => format!(
            "reference date {date} (from {})",
            serde_json::to_value(from)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        ),
        _ => "no reference date: year-less dates and weekdays are not resolved".to_string(),
    };
    let _ = writeln!(
        out,
        "<section class=\"file\" id=\"file-{n}\">\n<h2>{}</h2>\n<p class=\"meta\">{} · {} · {} · {} verified</p>\n<div class=\"columns\">",
        escape(&report.path),
        escape(&meta),
        counted(report.figures.len(), "figure"),
        counted(report.findings.len(), "finding"),
        report.verified.len()
    );
    out.push_str("<article class=\"text\">");
    highlighted(out, source, report, &role);
    out.push_str("</article>\n<aside class=\"findings\">\n");
    if report.findings.is_empty() {
        out.push_str("<p class=\"none\">No findings.</p>\n");
    } else {
        out.push_str("<ol class=\"findings\">\n");
        for f in &report.findings {
            let class = f.severity.as_str();
            let _ = write!(
                out,
                "<li class=\"finding {class}\"><span class=\"badge\">{class}</span> <span class=\"rule\">{}</span> <span class=\"rule\">line {}</span>\n<p class=\"message\">{}</p>\n<ul class=\"figures\">",
                escape(f.rule),
                f.span.line,
                escape(&f.message)
            );
            for label in &f.labels {
                let _ = write!(
                    out,
                    "<li>{}: “{}”</li>",
                    escape(&label.role),
                    escape(&label.text)
                );
            }
            out.push_str("</ul>\n<ul class=\"notes\">");
            for note in &f.notes {
                let _ = write!(out, "<li>{}</li>", escape(note));
            }
            out.push_str("</ul></li>\n");
        }
        out.push_str("</ol>\n");
    }
    if !report.verified.is_empty() {
        out.push_str("<h3>Verified</h3>\n<ul class=\"verified\">\n");
        for v in &report.verified {
            let _ = writeln!(
                out,
                "<li><span class=\"rule\">{} · line {}</span> {}</li>",
                escape(v.rule),
                v.span.line,
                escape(&v.message)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</aside>\n</div>\n</section>\n");
}

/// The text with a `<mark>` round every figure. Figures inside another (the dates of a range)
/// nest; one that overlaps another without nesting is left unmarked.
fn highlighted(
    out: &mut String,
    source: &Source,
    report: &FileReport,
    role: &BTreeMap<(usize, usize), &str>,
) {
    let text = source.text.as_str();
    let mut views = mention_views(source, report);
    views.sort_by(|a, b| (a.span.start, b.span.end).cmp(&(b.span.start, a.span.end)));
    let mut at = 0;
    let mut open: Vec<usize> = Vec::new();
    // Positions are into the file; the source may be a piece of it.
    let base = source.offset.byte;
    for view in &views {
        let (start, end) = (view.span.start - base, view.span.end - base);
        while let Some(&top) = open.last() {
            if top > start {
                break;
            }
            out.push_str(&escape(&text[at..top]));
            out.push_str("</mark>");
            at = top;
            open.pop();
        }
        if start < at || open.last().is_some_and(|&top| end > top) {
            continue;
        }
        out.push_str(&escape(&text[at..start]));
        at = start;
        let class = role
            .get(&(view.span.start, view.span.end))
            .copied()
            .unwrap_or("");
        let mut norm = format!(
            "{}: {}",
            view.kind.as_str(),
            view.value.as_deref().unwrap_or("unresolved")
        );
        if let Some(unit) = &view.unit {
            let _ = write!(norm, " {unit}");
        }
        if view.low.is_some() || view.high.is_some() {
            let _ = write!(
                norm,
                "\ninterval [{}, {}]",
                view.low.as_deref().unwrap_or("−∞"),
                view.high.as_deref().unwrap_or("∞")
            );
        }
        if let Some(hedge) = &view.hedge {
            let _ = write!(norm, "\nhedge: {hedge}");
        }
        if let Some(note) = &view.note {
            let _ = write!(norm, "\n{note}");
        }
        let _ = write!(
            out,
            "<mark class=\"figure {class}\" data-kind=\"{}\" data-norm=\"{}\" title=\"{}\">",
            view.kind.as_str(),
            escape(&norm),
            escape(&norm)
        );
        open.push(end);
    }
    while let Some(top) = open.pop() {
        out.push_str(&escape(&text[at..top]));
        out.push_str("</mark>");
        at = top;
    }
    out.push_str(&escape(&text[at..]));
}

fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Text safe in HTML content and in double-quoted attributes.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Settings, check};

    #[test]
    fn figures_are_marked_and_markup_in_the_text_is_escaped() {
        let source = Source::new(
            "a.txt",
            "<b>The crew</b> pumped 300 litres a minute for two hours, 9,000 litres in all.\n",
        );
        let report = check(&source, &Settings::default());
        let html = check_html(&[(source, report)], &[], "file");
        assert!(html.contains("&lt;b&gt;The crew&lt;/b&gt;"));
        assert!(!html.contains("<b>"));
        assert!(
            html.contains("<mark class=\"figure error\" data-kind=\"quantity\""),
            "{html}"
        );
        assert!(html.contains("36,000 litres"));
        assert_eq!(
            html.matches("<mark").count(),
            html.matches("</mark>").count()
        );
        assert!(!html.contains("<script"));
        assert!(!html.contains("http"));
    }
}
