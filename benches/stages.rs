//! The pipeline's stages, one benchmark each, on real articles read from
//! `../shared/corpora/` at run time (the first 300 BBC articles, about 700 KB):
//!
//! ```sh
//! cargo bench --bench stages
//! ```
//!
//! Each stage runs on the output of the ones before it, prepared once outside the timing.

use figcheck::finding::Locator;
use figcheck::ingest::{self, InputFormat};
use figcheck::render::{self, PrettyOptions};
use figcheck::{Settings, Source, extract, link, normalize, rules, segment};

fn main() {
    divan::main();
}

/// The articles, as plain-text sources.
fn articles() -> Vec<Source> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpora/bbc2005/articles.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("../shared/corpora beside the repository");
    text.lines()
        .take(300)
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).expect("JSON");
            Source::new(
                record["id"].as_str().unwrap_or("article").to_string(),
                record["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn bytes(sources: &[Source]) -> divan::counter::BytesCount {
    divan::counter::BytesCount::new(sources.iter().map(|s| s.text.len()).sum::<usize>())
}

#[divan::bench]
fn ingest(bencher: divan::Bencher) {
    let sources = articles();
    bencher.counter(bytes(&sources)).bench(|| {
        for s in &sources {
            divan::black_box(ingest::ingest(s, InputFormat::Text));
        }
    });
}

#[divan::bench]
fn segment(bencher: divan::Bencher) {
    let sources = articles();
    let docs: Vec<_> = sources
        .iter()
        .map(|s| ingest::ingest(s, InputFormat::Text))
        .collect();
    bencher.counter(bytes(&sources)).bench(|| {
        for d in &docs {
            divan::black_box(segment::sentences(d));
        }
    });
}

#[divan::bench]
fn extract(bencher: divan::Bencher) {
    let sources = articles();
    let docs: Vec<_> = sources
        .iter()
        .map(|s| ingest::ingest(s, InputFormat::Text))
        .collect();
    let sentences: Vec<_> = docs.iter().map(segment::sentences).collect();
    bencher.counter(bytes(&sources)).bench(|| {
        for (d, s) in docs.iter().zip(&sentences) {
            divan::black_box(extract::extract(d, s));
        }
    });
}

/// Normalization, linking and the rules, each on the output of the stages before it.
#[divan::bench(args = ["normalize", "link", "rules"])]
fn later(bencher: divan::Bencher, stage: &str) {
    let sources = articles();
    let reference = Some(jiff::civil::date(2005, 6, 1));
    let docs: Vec<_> = sources
        .iter()
        .map(|s| ingest::ingest(s, InputFormat::Text))
        .collect();
    let mentions: Vec<_> = docs
        .iter()
        .map(|d| extract::extract(d, &segment::sentences(d)))
        .collect();
    let figures: Vec<_> = mentions
        .iter()
        .map(|m| normalize::normalize(m.clone(), reference))
        .collect();
    let sentences: Vec<_> = docs.iter().map(segment::sentences).collect();
    let claims: Vec<_> = figures
        .iter()
        .zip(&docs)
        .zip(&sentences)
        .map(|((f, d), s)| rules::link(&link::Text::new(&d.unwrapped(), f, s)).claims)
        .collect();
    let settings = rules::RuleSettings::default();
    bencher.counter(bytes(&sources)).bench(|| match stage {
        "normalize" => {
            for m in &mentions {
                divan::black_box(normalize::normalize(m.clone(), reference));
            }
        }
        "link" => {
            for ((f, d), s) in figures.iter().zip(&docs).zip(&sentences) {
                divan::black_box(rules::link(&link::Text::new(&d.unwrapped(), f, s)));
            }
        }
        _ => {
            for ((c, f), s) in claims.iter().zip(&figures).zip(&sources) {
                let locator = Locator::new(&s.text);
                let cx = rules::Cx {
                    figures: f,
                    reference,
                    locator: &locator,
                    tuning: &settings,
                };
                divan::black_box(rules::run(c, &cx));
            }
        }
    });
}

#[divan::bench(args = ["pretty", "json", "sarif", "html"])]
fn render(bencher: divan::Bencher, format: &str) {
    let sources = articles();
    let settings = Settings {
        reference_date: Some(jiff::civil::date(2005, 6, 1)),
        ..Settings::default()
    };
    let checked: Vec<_> = sources
        .into_iter()
        .map(|s| {
            let report = figcheck::check(&s, &settings);
            (s, report)
        })
        .collect();
    let reports: Vec<_> = checked.iter().map(|(_, r)| r).collect();
    let options = PrettyOptions {
        color: false,
        verbose: true,
    };
    bencher.bench(|| match format {
        "pretty" => checked
            .iter()
            .map(|(s, r)| render::check_pretty(s, r, options).len())
            .sum::<usize>(),
        "json" => render::check_json(&reports, &[]).len(),
        "sarif" => render::check_sarif(&reports, &[]).len(),
        _ => render::check_html(&checked, &[], "file").len(),
    });
}

/// The whole check, every stage, as the library runs it.
#[divan::bench]
fn check(bencher: divan::Bencher) {
    let sources = articles();
    let settings = Settings {
        reference_date: Some(jiff::civil::date(2005, 6, 1)),
        ..Settings::default()
    };
    bencher.counter(bytes(&sources)).bench(|| {
        for s in &sources {
            divan::black_box(figcheck::check(s, &settings));
        }
    });
}
