//! How much a hard wrap changes what figcheck reads: every article of `../shared/corpora/`
//! (read at run time) is checked as written and wrapped at 72 columns, as an editor wrapping
//! a draft by hand would (the last space before a line's 73rd character becomes a line break,
//! so offsets do not move), and the figures, findings and checks of the two are compared.
//!
//! ```sh
//! cargo run --release --example wrapped            # a line per corpus
//! cargo run --release --example wrapped -- --show  # and each difference
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use figcheck::ingest::InputFormat;
use figcheck::{FileReport, Settings, Source, check};

const WIDTH: usize = 72;

const CORPORA: &[&str] = &[
    "bbc2005/articles.jsonl",
    "reuters21578/articles.jsonl",
    "tempeval3_news/articles.jsonl",
    "wikitext2_test/articles.jsonl",
    "measeval/paragraphs.jsonl",
];

fn main() {
    let show = std::env::args().any(|a| a == "--show");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let settings = Settings {
        input_format: Some(InputFormat::Text),
        ..Settings::default()
    };
    println!(
        "{:<32} {:>8} {:>9} {:>13} {:>10} {:>13}",
        "corpus", "records", "figures", "read apart", "checks", "found apart"
    );
    for corpus in CORPORA {
        let path = root.join(corpus);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (mut records, mut figures, mut figures_apart, mut checks, mut checks_apart) =
            (0, 0, 0, 0, 0);
        for line in text.lines() {
            let record: serde_json::Value = serde_json::from_str(line).expect("JSONL");
            let id = record["id"].as_str().unwrap_or("record");
            let text = record["text"].as_str().unwrap_or_default();
            let read = |text: String| seen(&check(&Source::new(id.to_string(), text), &settings));
            let (as_written, wrapped) = (read(text.to_string()), read(wrap(text)));
            records += 1;
            figures += as_written.0.values().sum::<usize>();
            checks += as_written.1.values().sum::<usize>();
            let figure_diff = apart(&as_written.0, &wrapped.0);
            let check_diff = apart(&as_written.1, &wrapped.1);
            figures_apart += figure_diff.len();
            checks_apart += check_diff.len();
            if show {
                for what in figure_diff.iter().chain(&check_diff) {
                    println!("  {id}: {what}");
                }
            }
        }
        println!(
            "{corpus:<32} {records:>8} {figures:>9} {figures_apart:>13} {checks:>10} {checks_apart:>13}"
        );
    }
}

/// `text` with a space made a line break wherever a line would pass [`WIDTH`] characters.
fn wrap(text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let (mut line_start, mut last_space) = (0, None);
    let mut column = 0;
    for (i, c) in text.char_indices() {
        match c {
            '\n' => {
                (line_start, last_space, column) = (i + 1, None, 0);
                continue;
            }
            // Not a space beside a line break, which would make a blank line.
            ' ' if !text[i + 1..].starts_with('\n') && !text[..i].ends_with('\n') => {
                last_space = Some(i);
            }
            _ => {}
        }
        column += 1;
        if column > WIDTH
            && let Some(space) = last_space.filter(|&s| s > line_start)
        {
            bytes[space] = b'\n';
            line_start = space + 1;
            column = text[line_start..i + c.len_utf8()].chars().count();
            last_space = None;
        }
    }
    String::from_utf8(bytes).expect("a space made a line break")
}

type Seen = BTreeMap<String, usize>;

/// A report's figures (all they were read as, where) and its findings and checks (rule,
/// message single-spaced, where), each counted.
fn seen(report: &FileReport) -> (Seen, Seen) {
    let mut figures = Seen::new();
    for f in &report.figures {
        *figures.entry(format!("{f:?}")).or_default() += 1;
    }
    let mut checks = Seen::new();
    let found = report
        .findings
        .iter()
        .map(|f| (f.rule, &f.message, f.span.start));
    let verified = report
        .verified
        .iter()
        .map(|v| (v.rule, &v.message, v.span.start));
    for (rule, message, at) in found.chain(verified) {
        *checks
            .entry(format!("{rule} at {at}: {message}"))
            .or_default() += 1;
    }
    (figures, checks)
}

/// What one side holds more often than the other, each marked with its side.
fn apart(written: &Seen, wrapped: &Seen) -> Vec<String> {
    let mut out = Vec::new();
    for (side, (a, b)) in [
        ("as written", (written, wrapped)),
        ("wrapped", (wrapped, written)),
    ] {
        for (what, n) in a {
            for _ in b.get(what).copied().unwrap_or(0)..*n {
                out.push(format!("only {side}: {what}"));
            }
        }
    }
    out
}
