//! What each fuzz target does with its input, shared by the targets in `fuzz_targets/` and by
//! the regression test (`tests/fuzz_regressions.rs`) that replays every input in
//! `fuzz/regressions/<target>/`. Each function panics when an invariant breaks.
#![allow(dead_code)]

use figcheck::ingest::{self, InputFormat, record::Record};
use figcheck::render::{self, PrettyOptions};
use figcheck::{Settings, Source, check};

/// What a target runs on one input.
pub type Target = fn(&[u8]);

/// The targets by name, for the regression test.
pub const TARGETS: [(&str, Target); 5] = [
    ("ingest_text", ingest_text),
    ("ingest_markdown", ingest_markdown),
    ("ingest_html", ingest_html),
    ("ingest_jsonl", ingest_jsonl),
    ("check", check_bytes),
];

fn ingested(data: &[u8], format: InputFormat) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source::new("fuzz", text);
    let doc = ingest::ingest(&source, format);
    // Masking keeps every offset: the prose is the text's length and keeps every line break
    // of the text (HTML adds breaks where block tags were), and every byte of prose is the
    // text's own, a space, a break, or part of a decoded character reference.
    assert_eq!(doc.prose.len(), text.len());
    for (a, b) in doc.prose.bytes().zip(text.bytes()) {
        assert!(b != b'\n' || a == b'\n', "line breaks are kept");
        if format != InputFormat::Html {
            assert!(a == b || a == b' ' || a == b'\n', "masked, never rewritten");
        }
    }
    for block in &doc.blocks {
        assert!(block.start <= block.end && block.end <= text.len());
        assert!(doc.prose.is_char_boundary(block.start) && doc.prose.is_char_boundary(block.end));
    }
    for s in &doc.suppressions {
        assert!(s.span.end <= text.len());
    }
}

pub fn ingest_text(data: &[u8]) {
    ingested(data, InputFormat::Text);
}

pub fn ingest_markdown(data: &[u8]) {
    ingested(data, InputFormat::Markdown);
}

pub fn ingest_html(data: &[u8]) {
    ingested(data, InputFormat::Html);
}

pub fn ingest_jsonl(data: &[u8]) {
    for line in data.split(|&b| b == b'\n') {
        if let Ok(line) = std::str::from_utf8(line)
            && let Ok(record) = Record::parse(line)
        {
            let report = check(
                &Source::new(record.id, record.text),
                &Settings {
                    record_date: record.date,
                    ..Settings::default()
                },
            );
            let _ = render::check_jsonl_line(None, &report);
        }
    }
}

/// The whole check on arbitrary bytes: the first byte picks the format and whether there is a
/// reference date; every renderer runs on the report, and every span must lie in the text.
pub fn check_bytes(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = match first % 3 {
        0 => InputFormat::Text,
        1 => InputFormat::Markdown,
        _ => InputFormat::Html,
    };
    let settings = Settings {
        input_format: Some(format),
        reference_date: (first & 4 != 0).then(|| jiff::civil::date(2023, 10, 5)),
        ..Settings::default()
    };
    let source = Source::new("fuzz", text);
    let report = check(&source, &settings);
    for f in &report.findings {
        assert!(f.span.start <= f.span.end && f.span.end <= text.len());
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        for l in &f.labels {
            assert!(l.span.end <= text.len() && text.is_char_boundary(l.span.start));
        }
    }
    for figure in &report.figures {
        let span = &figure.mention.span;
        assert!(
            span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end)
        );
        if let (Some(low), Some(central), Some(high)) = (
            figure.interval.and_then(|i| i.low()),
            figure.central,
            figure.interval.and_then(|i| i.high()),
        ) {
            assert!(low <= high, "{low} <= {high}");
            let _ = central;
        }
    }
    let reports = [&report];
    let _ = render::check_json(&reports, &[]);
    let _ = render::check_sarif(&reports, &[]);
    let _ = render::check_markdown(&reports, &[], "file");
    let _ = render::check_concise(&reports);
    let _ = render::check_github(&reports, &[]);
    let _ = render::check_pretty(
        &source,
        &report,
        PrettyOptions {
            color: false,
            verbose: true,
        },
    );
    let _ = render::extract_pretty(&source, &report, true);
    let checked = [(source, report)];
    let _ = render::check_html(&checked, &[], "file");
    let _ = render::extract_json(&checked, &[], true);
}
