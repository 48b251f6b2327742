//! JSON output. The wire format (version 1):
//!
//! `figcheck check --format json`:
//!
//! ```text
//! { "version": 1,
//!   "files": [ { "path", "reference_date" ("YYYY-MM-DD" | null),
//!                "reference_date_source" ("settings" | "front-matter" | "html" | "record"
//!                                         | "dateline" | "config" | null),
//!                "findings": [ { "rule", "severity" ("error" | "warning"), "message",
//!                                "span": Span, "labels": [ { "role", "text", "span": Span } ],
//!                                "notes": [string] } ],
//!                "verified": [ { "rule", "message", "span", "labels" } ],
//!                "skipped":  [ { "rule", "reason", "span" } ] } ],
//!   "errors": [ { "path", "message" } ] }
//! ```
//!
//! `Span` is `{ "start", "end" }` (byte offsets into the original file, end exclusive) plus
//! `"line", "column", "end_line", "end_column"` (1-based; columns count characters).
//!
//! `figcheck extract --format json` gives each file `"mentions"` instead of findings (and
//! `--format jsonl` a line per file or record, with its `id`):
//! `{ "kind", "text", "span", "value", "unit", "dimension", "low", "high", "hedge", "stuff",
//! "note" }`. `kind` is one of number, quantity, percent, rate, date, date_range, duration,
//! ordinal, weekday. `value` is a plain decimal string for amounts, `YYYY-MM-DD`, `YYYY-MM` or
//! `YYYY` for dates (a weekday's resolved day), `START/END` for ranges, and null for a date that
//! could not be resolved (`note` says why). `low` and `high` bound the interval the amount
//! stands for (null when unbounded); `unit` is the canonical symbol (`ton/day` for a rate).
//!
//! `extract --relations` adds each file's `"relations"`: every relation linked between its
//! figures, checked or not: `{ "relation", "rules": [string], "pattern", "figures": [ { "role",
//! "mention", "text", "span" } ] }`. `relation` names what is checked ("change", "parts");
//! `rules` are the rules whose findings come from it; `pattern` is the pattern or linker that
//! found it ("up-from", "size-before+to-from"); `mention` is the figure's index in `mentions`.

use serde::Serialize;

use super::InputError;
use crate::extract::{MentionKind, Payload};
use crate::finding::{FileReport, Locator};
use crate::lexicon::lexicon;
use crate::normalize::{Figure, Resolved};
use crate::source::{Position, Source};

pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct CheckOutput<'a> {
    version: u32,
    files: &'a [&'a FileReport],
    errors: &'a [InputError],
}

/// One report as one line of JSON, for `--format jsonl`: the fields of a file in
/// [`check_json`], and the record's `id` when the input was a JSONL record.
pub fn check_jsonl_line(id: Option<&str>, report: &FileReport) -> String {
    #[derive(Serialize)]
    struct Line<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<&'a str>,
        #[serde(flatten)]
        report: &'a FileReport,
    }
    serde_json::to_string(&Line { id, report }).expect("reports serialize") + "\n"
}

/// An input line that could not be checked, as one line of JSON: `{"path", "line", "error"}`.
pub fn error_jsonl_line(path: &str, line: Option<usize>, error: &str) -> String {
    serde_json::json!({ "path": path, "line": line, "error": error }).to_string() + "\n"
}

pub fn check_json(reports: &[&FileReport], errors: &[InputError]) -> String {
    let output = CheckOutput {
        version: VERSION,
        files: reports,
        errors,
    };
    serde_json::to_string_pretty(&output).expect("reports serialize") + "\n"
}

/// One figure as `extract` shows it.
#[derive(Serialize)]
pub struct MentionView {
    pub kind: MentionKind,
    pub text: String,
    pub span: Position,
    pub value: Option<String>,
    pub unit: Option<String>,
    pub dimension: Option<String>,
    pub low: Option<String>,
    pub high: Option<String>,
    pub hedge: Option<String>,
    pub stuff: Option<String>,
    pub note: Option<String>,
}

#[derive(Serialize)]
struct ExtractFile<'a> {
    path: &'a str,
    reference_date: Option<String>,
    reference_date_source: Option<crate::ingest::DateSource>,
    mentions: Vec<MentionView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relations: Option<Vec<RelationView>>,
}

/// A relation linked between a file's figures, for `extract --relations`.
#[derive(Debug, Serialize)]
pub struct RelationView {
    pub relation: &'static str,
    pub rules: Vec<&'static str>,
    pub pattern: String,
    pub figures: Vec<RoleView>,
}

/// A figure of a relation: its role and which mention it is.
#[derive(Debug, Serialize)]
pub struct RoleView {
    pub role: &'static str,
    pub mention: usize,
    pub text: String,
    pub span: Position,
}

/// Every relation linked in `report`, in the order the linkers found them.
pub fn relation_views(source: &Source, report: &FileReport) -> Vec<RelationView> {
    let locator = Locator::for_source(source);
    report
        .claims
        .iter()
        .filter_map(|claim| {
            let relation = crate::rules::relation_named(claim.rule)?;
            let figures = claim
                .roles
                .iter()
                .map(|&(role, f)| {
                    let span = &report.figures[f].mention.span;
                    RoleView {
                        role,
                        mention: f,
                        text: locator.text(span).to_string(),
                        span: locator.position(span),
                    }
                })
                .collect();
            Some(RelationView {
                relation: relation.name,
                rules: crate::rules::rules_of(relation),
                pattern: claim.how.clone(),
                figures,
            })
        })
        .collect()
}

#[derive(Serialize)]
struct ExtractOutput<'a> {
    version: u32,
    files: Vec<ExtractFile<'a>>,
    errors: &'a [InputError],
}

pub fn extract_json(
    files: &[(Source, FileReport)],
    errors: &[InputError],
    relations: bool,
) -> String {
    let files = files
        .iter()
        .map(|(source, report)| extract_file(source, report, relations))
        .collect();
    let output = ExtractOutput {
        version: VERSION,
        files,
        errors,
    };
    serde_json::to_string_pretty(&output).expect("mentions serialize") + "\n"
}

/// One file's figures as one line of JSON, for `extract --format jsonl`: the fields of a file
/// in [`extract_json`], and the record's `id` when the input was a JSONL record.
pub fn extract_jsonl_line(
    id: Option<&str>,
    source: &Source,
    report: &FileReport,
    relations: bool,
) -> String {
    #[derive(Serialize)]
    struct Line<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<&'a str>,
        #[serde(flatten)]
        file: ExtractFile<'a>,
    }
    let file = extract_file(source, report, relations);
    serde_json::to_string(&Line { id, file }).expect("mentions serialize") + "\n"
}

fn extract_file<'a>(source: &Source, report: &'a FileReport, relations: bool) -> ExtractFile<'a> {
    ExtractFile {
        path: &report.path,
        reference_date: report.reference_date.map(|d| d.to_string()),
        reference_date_source: report.reference_date_source,
        mentions: mention_views(source, report),
        relations: relations.then(|| relation_views(source, report)),
    }
}

pub fn mention_views(source: &Source, report: &FileReport) -> Vec<MentionView> {
    let locator = Locator::for_source(source);
    let _active = crate::lexicon::activate(report.lexicon);
    report.figures.iter().map(|f| view(f, &locator)).collect()
}

fn view(figure: &Figure, locator: &Locator) -> MentionView {
    let lex = lexicon();
    let mention = &figure.mention;
    let plain = |d: rust_decimal::Decimal| d.normalize().to_string();
    let (unit, dimension, stuff) = match &mention.payload {
        Payload::Quantity { unit, stuff, .. } => (
            Some(lex.units[*unit].symbol.clone()),
            Some(lex.units[*unit].dimension.clone()),
            stuff.clone(),
        ),
        Payload::Rate {
            unit, per, stuff, ..
        } => (
            Some(format!(
                "{}/{}",
                lex.units[*unit].symbol, lex.units[*per].symbol
            )),
            Some(format!("{}/time", lex.units[*unit].dimension)),
            stuff.clone(),
        ),
        Payload::Range {
            unit: Some(unit), ..
        } => (
            Some(lex.units[*unit].symbol.clone()),
            Some(lex.units[*unit].dimension.clone()),
            None,
        ),
        Payload::Range { percent: true, .. } => (Some("%".into()), None, None),
        Payload::Money { currency, .. } => (Some(currency.clone()), Some("money".into()), None),
        Payload::Duration { unit, .. } => (
            Some(lex.units[*unit].symbol.clone()),
            Some("time".into()),
            None,
        ),
        _ if mention.kind == MentionKind::Percent => (Some("%".into()), None, None),
        _ if mention.kind == MentionKind::PercentagePoints => (Some("pp".into()), None, None),
        _ => (None, None, None),
    };
    let value = match (&figure.date, figure.central) {
        (Some(date), _) => Some(match date {
            Resolved::Day(d) => d.to_string(),
            Resolved::Month(y, m) => format!("{y:04}-{m:02}"),
            Resolved::Year(y) => format!("{y:04}"),
            Resolved::Range { start, end, .. } => format!("{start}/{end}"),
        }),
        (None, Some(central)) => Some(plain(central)),
        (None, None) => match &mention.payload {
            Payload::RelativeOrdinal(relative) => Some(relative.clone()),
            Payload::Range { low, high, .. } => {
                Some(format!("{}/{}", plain(low.value), plain(high.value)))
            }
            _ => None,
        },
    };
    MentionView {
        kind: mention.kind,
        text: locator.text(&mention.span).to_string(),
        span: locator.position(&mention.span),
        value,
        unit,
        dimension,
        low: figure.interval.and_then(|i| i.low()).map(plain),
        high: figure.interval.and_then(|i| i.high()).map(plain),
        hedge: mention.hedge.map(|h| lex.hedges[h].word.clone()),
        stuff,
        note: figure.unresolved.clone(),
    }
}
