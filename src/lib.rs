//! figcheck checks that the figures in a piece of prose agree with each other.
//!
//! The pipeline runs one way (DESIGN §1): [`ingest`] → [`segment`] → [`extract`] →
//! [`normalize`] → [`link`] → [`rules`] → [`finding`] → `render`. The library does no I/O:
//! [`check`] takes a [`Source`] and [`Settings`] and returns a [`FileReport`].
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod config;
pub mod extract;
pub mod finding;
pub mod ingest;
pub mod interval;
pub mod lexicon;
pub mod link;
pub mod normalize;
mod pattern;
pub mod render;
pub mod rules;
pub mod segment;
pub mod settings;
pub mod source;

pub use finding::{FileReport, Finding};
pub use settings::Settings;
pub use source::Source;

use finding::{Locator, Skipped};
use ingest::{DateSource, InputFormat, ReferenceDate};
use rules::Outcome;

/// Checks one source: every stage of the pipeline, no I/O.
///
/// ```
/// use figcheck::{Settings, Source, check};
///
/// let source = Source::new("draft.txt", "The crew pumped 300 litres a minute for two hours, 9,000 litres in all.");
/// let report = check(&source, &Settings::default());
/// assert_eq!(report.findings.len(), 1);
/// assert_eq!(report.findings[0].rule, "rate-total-mismatch");
/// assert!(report.findings[0].message.contains("36,000 litres"));
/// ```
pub fn check(source: &Source, settings: &Settings) -> FileReport {
    let format = settings
        .input_format
        .unwrap_or_else(|| InputFormat::from_path(&source.path));
    let lexicon = settings.lexicon.unwrap_or_else(lexicon::builtin);
    let _active = lexicon::activate(lexicon);
    let doc = ingest::ingest(source, format);
    let dated =
        |date: Option<jiff::civil::Date>, source| date.map(|date| ReferenceDate { date, source });
    let reference = settings
        .reference_date
        .map(|date| ReferenceDate {
            date,
            source: DateSource::Settings,
        })
        .or(settings.inherited_date)
        .or(doc.stated_date)
        .or(dated(settings.record_date, DateSource::Record))
        .or(dated(doc.dateline, DateSource::Dateline))
        .or(dated(settings.config_date, DateSource::Config));
    let sentences = segment::sentences(&doc);
    let mentions = extract::extract(&doc, &sentences);
    let mut figures = normalize::normalize(mentions, reference.map(|r| r.date));
    let prose = doc.unwrapped();
    let links = rules::link(&link::Text::new(&prose, &figures, &sentences));
    // A bare number a relation reads in the unit of the figure beside it ("77.2 mln" after
    // "84.6 mln dlrs") is that amount from here on, for every rule and in `extract`.
    for carry in &links.carries {
        figures[carry.figure] = link::carry(&figures[carry.figure], &figures[carry.from]);
    }

    let locator = Locator::for_source(source);
    let mut report = FileReport {
        path: source.path.clone(),
        reference_date: reference.map(|r| r.date),
        reference_date_source: reference.map(|r| r.source),
        findings: Vec::new(),
        verified: Vec::new(),
        skipped: Vec::new(),
        figures: Vec::new(),
        claims: Vec::new(),
        lexicon,
    };
    let cx = rules::Cx {
        figures: &figures,
        reference: reference.map(|r| r.date),
        locator: &locator,
        tuning: &settings.rules,
    };
    for outcome in rules::run(&links.claims, &cx) {
        match outcome {
            Outcome::Finding(mut f) if settings.rules.enabled(f.rule) => {
                f.severity = settings.rules.severity(f.rule, f.severity);
                report.findings.push(f);
            }
            Outcome::Verified(v) if settings.rules.enabled(v.rule) => report.verified.push(v),
            Outcome::Skipped(s) if settings.rules.enabled(s.rule) => report.skipped.push(s),
            _ => {}
        }
    }
    let (unused, used) = rules::suppression::apply(
        &doc.suppressions,
        &mut report.findings,
        &mut report.skipped,
        &settings.rules,
        &locator,
    );
    if settings.rules.enabled("unused-suppression") {
        report.findings.extend(unused.into_iter().map(|mut f| {
            f.severity = settings.rules.severity(f.rule, f.severity);
            f
        }));
        report.verified.extend(used);
    }
    for u in links
        .unlinked
        .into_iter()
        .filter(|u| settings.rules.enabled(u.rule))
    {
        let span = locator.position(&figures[u.figure].mention.span);
        report.skipped.push(Skipped {
            rule: u.rule,
            reason: u.reason,
            span,
        });
    }
    report
        .findings
        .sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
    report
        .verified
        .sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
    report
        .skipped
        .sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
    report.figures = figures;
    report.claims = links.claims;
    report
}
