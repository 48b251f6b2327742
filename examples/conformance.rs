//! Scores figcheck's extractor against a peer's English conformance specs
//! (`../shared/peers/recognizers-text-en/`, Microsoft Recognizers-Text, MIT), read at run time.
//!
//! ```sh
//! cargo run --release --example conformance            # the table
//! cargo run --release --example conformance -- --fails  # also every failing case
//! ```
//!
//! A case passes when, for every expected result, figcheck finds a mention with the same text
//! (case-insensitive, ignoring a leading article, with or without figcheck's hedge) and the same normalized
//! value; a case that expects nothing passes when figcheck finds no mention of that kind, and
//! an expected result with no value ("percentage" alone) when figcheck reports no figure there.
//! For NumberModel, a number may also be found as the amount of a money, quantity or duration
//! mention ("20" in "$20").
//! Cases listed in `tests/conformance-exclusions.tsv` (file, input, reason) are not applicable.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use figcheck::lexicon::{Unit, contains_words, lexicon};
use figcheck::render::{MentionView, mention_views};
use figcheck::{Settings, Source};
use rust_decimal::Decimal;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Model {
    Number,
    Percent,
    Ordinal,
    NumberRange,
    Currency,
    Dimension,
    Temperature,
    Age,
    /// DateTimeModel: only cases whose results are dates, date ranges or durations.
    DateTime,
    DatePeriod,
    Duration,
}

const FILES: &[(&str, Model)] = &[
    ("Number/English/NumberModel.json", Model::Number),
    ("Number/English/PercentModel.json", Model::Percent),
    ("Number/English/OrdinalModel.json", Model::Ordinal),
    ("Number/English/NumberRangeModel.json", Model::NumberRange),
    ("NumberWithUnit/English/CurrencyModel.json", Model::Currency),
    (
        "NumberWithUnit/English/DimensionModel.json",
        Model::Dimension,
    ),
    (
        "NumberWithUnit/English/TemperatureModel.json",
        Model::Temperature,
    ),
    ("NumberWithUnit/English/AgeModel.json", Model::Age),
    ("DateTime/English/DateTimeModel.json", Model::DateTime),
    ("DateTime/English/DatePeriodParser.json", Model::DatePeriod),
    ("DateTime/English/DurationParser.json", Model::Duration),
];

fn main() {
    let show_fails = std::env::args().any(|a| a == "--fails");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let specs = root.join("../shared/peers/recognizers-text-en");
    let exclusions = read_exclusions(&root.join("tests/conformance-exclusions.tsv"));
    println!(
        "{:<48} {:>8} {:>10} {:>8} {:>9}",
        "spec file", "passed", "applicable", "rate", "excluded"
    );
    for (file, model) in FILES {
        let path: PathBuf = specs.join(file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let cases: Vec<Value> =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).expect("spec is JSON");
        let (mut passed, mut applicable, mut excluded) = (0, 0, 0);
        for case in &cases {
            let input = case["Input"].as_str().unwrap_or_default();
            if exclusions.contains(&(file.to_string(), input.to_string())) {
                excluded += 1;
                continue;
            }
            let Some(expected) = expectations(*model, case) else {
                continue;
            };
            applicable += 1;
            let reference = case["Context"]["ReferenceDateTime"]
                .as_str()
                .and_then(|s| s.get(..10))
                .and_then(|d| d.parse().ok());
            let settings = Settings {
                reference_date: reference,
                ..Settings::default()
            };
            let source = Source::new("case", input);
            let report = figcheck::check(&source, &settings);
            let mentions = mention_views(&source, &report);
            let ok = if expected.is_empty() {
                !mentions.iter().any(|m| counts(*model, m))
            } else {
                expected.iter().all(|e| {
                    // A result with no value ("a small percent") is no figure: figcheck must
                    // not report one there.
                    if e.value == "null" {
                        !mentions
                            .iter()
                            .any(|m| normal_text(&m.text) == normal_text(&e.text))
                    } else {
                        mentions.iter().any(|m| matches(*model, e, m))
                    }
                })
            };
            if ok {
                passed += 1;
            } else if show_fails {
                let found: Vec<String> = mentions
                    .iter()
                    .map(|m| {
                        format!(
                            "{}:{:?}={:?}{}",
                            m.kind.as_str(),
                            m.text,
                            m.value,
                            m.unit
                                .as_deref()
                                .map(|u| format!(" {u}"))
                                .unwrap_or_default()
                        )
                    })
                    .collect();
                println!(
                    "  FAIL {file}: {input:?}\n       expected {expected:?}\n       found    {found:?}"
                );
            }
        }
        let rate = if applicable == 0 {
            0.0
        } else {
            100.0 * passed as f64 / applicable as f64
        };
        println!("{file:<48} {passed:>8} {applicable:>10} {rate:>7.1}% {excluded:>9}");
        assert!(
            excluded * 10 <= cases.len(),
            "{file}: more than 10% of cases excluded"
        );
    }
    let corpora = root.join("../shared/corpora");
    tempeval(&corpora.join("tempeval3_news/articles.jsonl"), show_fails);
    measeval(&corpora.join("measeval/paragraphs.jsonl"));
}

fn jsonl(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|l| serde_json::from_str(l).expect("JSONL"))
        .collect()
}

/// Byte offset of a character offset.
fn byte_offset(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// TempEval-3 gold DATE expressions whose value is a day, a month or a year: how many a
/// figcheck date mention overlaps (recall), and how many of those it normalizes to the gold
/// value (value accuracy; a range inside the gold day, month or year counts), with each
/// document's creation time as the reference date.
fn tempeval(path: &Path, show_fails: bool) {
    let calendar = regex::Regex::new(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$").expect("valid");
    let (mut gold, mut found, mut right) = (0, 0, 0);
    for record in jsonl(path) {
        let text = record["text"].as_str().unwrap_or_default();
        let reference = record["dct"]
            .as_str()
            .and_then(|d| d.get(..10))
            .and_then(|d| d.parse().ok());
        let source = Source::new("tempeval", text);
        let report = figcheck::check(
            &source,
            &Settings {
                reference_date: reference,
                ..Settings::default()
            },
        );
        let mentions = mention_views(&source, &report);
        for timex in record["timexes"].as_array().into_iter().flatten() {
            let value = timex["value"].as_str().unwrap_or_default();
            if timex["type"] != "DATE" || !calendar.is_match(value) {
                continue;
            }
            gold += 1;
            let start = byte_offset(text, timex["start"].as_u64().unwrap_or(0) as usize);
            let end = byte_offset(text, timex["end"].as_u64().unwrap_or(0) as usize);
            let overlapping: Vec<&MentionView> = mentions
                .iter()
                .filter(|m| matches!(m.kind.as_str(), "date" | "weekday" | "date_range"))
                .filter(|m| m.span.start < end && start < m.span.end)
                .collect();
            if overlapping.is_empty() {
                if show_fails {
                    println!(
                        "  MISS tempeval {:?} {value} in {:?}",
                        timex["text"],
                        &text[start.saturating_sub(30)..(end + 30).min(text.len())]
                            .replace('\n', " ")
                    );
                }
                continue;
            }
            found += 1;
            // A finer reading inside the gold day, month or year ("mid-1996" as May to August
            // 1996 for gold 1996) is the same date at the gold's grain.
            let within = |v: &str| {
                v == value
                    || v.split_once('/')
                        .is_some_and(|(a, b)| a.starts_with(value) && b.starts_with(value))
            };
            if overlapping
                .iter()
                .any(|m| m.value.as_deref().is_some_and(within))
            {
                right += 1;
            } else if show_fails {
                let got: Vec<_> = overlapping.iter().map(|m| (&m.text, &m.value)).collect();
                println!(
                    "  WRONG tempeval {:?} gold {value} got {got:?}",
                    timex["text"]
                );
            }
        }
    }
    let percent = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    println!(
        "TempEval-3 gold dates (day, month, year): {gold}; recall {found}/{gold} = {:.1}%; value accuracy {right}/{found} = {:.1}%",
        percent(found, gold),
        percent(right, found)
    );
}

/// MeasEval gold Quantity spans against figcheck's amount mentions, by overlap: precision (mentions
/// that overlap a gold quantity), recall (gold quantities a mention overlaps) and F1.
fn measeval(path: &Path) {
    let (mut gold, mut recalled, mut mentions_total, mut precise) = (0, 0, 0, 0);
    for record in jsonl(path) {
        let text = record["text"].as_str().unwrap_or_default();
        let spans: Vec<(usize, usize)> = record["annotations"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|a| a["type"] == "Quantity")
            .map(|a| {
                let start = byte_offset(text, a["start"].as_u64().unwrap_or(0) as usize);
                (
                    start,
                    byte_offset(text, a["end"].as_u64().unwrap_or(0) as usize),
                )
            })
            .collect();
        let source = Source::new("measeval", text);
        let report = figcheck::check(&source, &Settings::default());
        // Amounts only: dates, weekdays and ordinals are not MeasEval quantities.
        let mentions: Vec<MentionView> = mention_views(&source, &report)
            .into_iter()
            .filter(|m| {
                !matches!(
                    m.kind.as_str(),
                    "date" | "date_range" | "weekday" | "ordinal"
                )
            })
            .collect();
        let overlaps = |m: &MentionView, (s, e): (usize, usize)| m.span.start < e && s < m.span.end;
        gold += spans.len();
        recalled += spans
            .iter()
            .filter(|g| mentions.iter().any(|m| overlaps(m, **g)))
            .count();
        mentions_total += mentions.len();
        precise += mentions
            .iter()
            .filter(|m| spans.iter().any(|g| overlaps(m, *g)))
            .count();
    }
    let precision = precise as f64 / mentions_total.max(1) as f64;
    let recall = recalled as f64 / gold.max(1) as f64;
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    println!(
        "MeasEval gold quantities: {gold}; precision {precise}/{mentions_total} = {precision:.3}; recall {recalled}/{gold} = {recall:.3}; F1 {f1:.3}"
    );
}

fn read_exclusions(path: &Path) -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some((cols.next()?.to_string(), cols.next()?.to_string()))
        })
        .collect()
}

/// What one expected result asks for: its text and a normalized value to compare.
#[derive(Debug, Clone)]
struct Expected {
    text: String,
    value: String,
    /// Other values the peer gives as equally possible (a year-less date's past candidate).
    alternatives: Vec<String>,
    unit: Option<String>,
}

/// Whether a figcheck mention is of the sort a model's results are: its kind, and for
/// quantities whether it measures temperature.
fn counts(model: Model, mention: &MentionView) -> bool {
    let temperature = mention.dimension.as_deref() == Some("temperature");
    if model == Model::NumberRange {
        // A range, or a figure bounded by its hedge ("more than 30").
        let bounded = mention.hedge.is_some()
            && matches!(mention.kind.as_str(), "number" | "quantity" | "percent");
        return mention.kind.as_str() == "number_range" || bounded;
    }
    kinds(model).contains(&mention.kind.as_str())
        && match model {
            Model::Temperature => temperature,
            Model::Dimension => !temperature,
            _ => true,
        }
}

/// The figcheck mention kinds a model's results correspond to.
fn kinds(model: Model) -> &'static [&'static str] {
    match model {
        Model::Number => &["number"],
        Model::Percent => &["percent"],
        Model::Ordinal => &["ordinal"],
        Model::NumberRange => &["number_range"],
        Model::Currency => &["money"],
        Model::Dimension => &["quantity"],
        Model::Temperature => &["quantity"],
        Model::Age => &["age"],
        Model::DateTime | Model::DatePeriod => &["date", "date_range", "duration", "weekday"],
        Model::Duration => &["duration"],
    }
}

/// The expected results of a case, or `None` when the case is not applicable to figcheck.
fn expectations(model: Model, case: &Value) -> Option<Vec<Expected>> {
    let results = case["Results"].as_array()?;
    let mut out = Vec::new();
    for r in results {
        let text = r["Text"].as_str()?.to_string();
        let resolution = &r["Resolution"];
        let expected = match model {
            Model::Number | Model::Percent | Model::NumberRange => Expected {
                text,
                value: resolution["value"]
                    .as_str()?
                    .trim_end_matches('%')
                    .to_string(),
                alternatives: Vec::new(),
                unit: None,
            },
            Model::Ordinal => Expected {
                text,
                value: resolution["value"].as_str()?.to_string(),
                alternatives: Vec::new(),
                unit: None,
            },
            Model::Currency | Model::Dimension | Model::Temperature | Model::Age => Expected {
                text,
                value: resolution["value"].as_str()?.to_string(),
                alternatives: Vec::new(),
                unit: resolution["unit"].as_str().map(str::to_string),
            },
            Model::DateTime => {
                // A year-less date resolves to every candidate the peer lists (the past and
                // the coming one); figcheck's choice must be one of them.
                let kind = r["TypeName"].as_str()?;
                let candidates = resolution["values"].as_array()?;
                let value = |v: &Value| -> Option<String> {
                    Some(match kind {
                        "datetimeV2.date" | "datetimeV2.duration" => {
                            v["value"].as_str()?.to_string()
                        }
                        "datetimeV2.daterange" => {
                            format!("{}/{}", v["start"].as_str()?, v["end"].as_str()?)
                        }
                        _ => return None,
                    })
                };
                let mut values = candidates.iter().map(value).collect::<Option<Vec<_>>>()?;
                let last = values.pop()?;
                Expected {
                    text,
                    value: last,
                    alternatives: values,
                    unit: (kind == "datetimeV2.duration").then(|| "s".into()),
                }
            }
            Model::DatePeriod => {
                // The peer resolves a year-less period both ways; either is a match.
                let period = |side: &str| -> Option<String> {
                    let f = &r["Value"][side];
                    Some(format!(
                        "{}/{}",
                        f["startDate"].as_str()?,
                        f["endDate"].as_str()?
                    ))
                };
                Expected {
                    text,
                    value: period("FutureResolution")?,
                    alternatives: period("PastResolution").into_iter().collect(),
                    unit: None,
                }
            }
            Model::Duration => Expected {
                text,
                value: r["Value"]["FutureResolution"]["duration"]
                    .as_str()?
                    .to_string(),
                alternatives: Vec::new(),
                unit: Some("s".into()),
            },
        };
        out.push(expected);
    }
    Some(out)
}

/// Text as compared: lowercase, trimmed, without a leading article.
fn normal_text(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    for article in ["a ", "an ", "the "] {
        if let Some(rest) = lower.strip_prefix(article) {
            return rest.trim_start().to_string();
        }
    }
    lower
}

fn decimal(text: &str) -> Option<Decimal> {
    Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .ok()
        .map(|d| d.normalize())
}

fn matches(model: Model, expected: &Expected, mention: &MentionView) -> bool {
    let mut text = mention.text.clone();
    // The peer's text includes a comparison ("more than 30", "less than 2 hours") but not an
    // "about": a mention matches with or without its hedge.
    let whole = text.clone();
    if let Some(hedge) = &mention.hedge
        && text.to_lowercase().starts_with(&hedge.to_lowercase())
    {
        text = text[hedge.len()..].to_string();
    }
    if normal_text(&whole) == normal_text(&expected.text) {
        text = whole;
    }
    // A number is also found as the amount of a money, quantity or duration mention ("$20",
    // "3 years").
    let amount_of = model == Model::Number
        && matches!(
            mention.kind.as_str(),
            "money" | "quantity" | "duration" | "rate"
        )
        && contains_words(&normal_text(&text), &normal_text(&expected.text));
    if !(counts(model, mention) && normal_text(&text) == normal_text(&expected.text) || amount_of) {
        return false;
    }
    // "feb 30": the peer expects the date found and left unresolved, as figcheck leaves it.
    let Some(value) = &mention.value else {
        return expected.value == "not resolved";
    };
    // The peer rounds to 15 significant digits ("0.666666666666667").
    let same_number = |a: &str, b: &str| match (decimal(a), decimal(b)) {
        (Some(x), Some(y)) => (x - y).abs() <= x.abs().max(y.abs()) * Decimal::new(1, 12),
        _ => a == b,
    };
    match model {
        Model::DateTime | Model::DatePeriod if expected.unit.is_none() => {
            std::iter::once(&expected.value)
                .chain(&expected.alternatives)
                .any(|e| date_value_matches(value, e))
        }
        Model::DateTime | Model::Duration => duration_matches(mention, value, &expected.value),
        Model::NumberRange => range_matches(mention, &expected.value),
        Model::Currency | Model::Dimension | Model::Temperature | Model::Age => {
            (same_number(value, &expected.value) && unit_matches(mention, expected.unit.as_deref()))
                || converted_matches(mention, value, expected)
        }
        _ => same_number(value, &expected.value),
    }
}

/// A range or bounded figure against the peer's interval ("(20,35]", "[30,)"). figcheck does
/// not tell open ends from closed ones, so only the end values are compared.
fn range_matches(mention: &MentionView, expected: &str) -> bool {
    let inner = expected.trim_matches(|c| matches!(c, '(' | ')' | '[' | ']'));
    let Some((low, high)) = inner.split_once(',') else {
        return false;
    };
    let end = |s: &str| if s.is_empty() { None } else { decimal(s) };
    let (want_low, want_high) = (end(low), end(high));
    let (got_low, got_high) = match (
        mention.kind.as_str(),
        mention.value.as_deref().and_then(|v| v.split_once('/')),
    ) {
        ("number_range", Some((a, b))) => (decimal(a), decimal(b)),
        _ => (
            mention.low.as_deref().and_then(decimal),
            mention.high.as_deref().and_then(decimal),
        ),
    };
    got_low == want_low && got_high == want_high
}

/// A figcheck date value against the peer's: a day, or a range whose end the peer gives as
/// the day after ("2016-03-01/2016-04-01" for March).
fn date_value_matches(value: &str, expected: &str) -> bool {
    if value == expected {
        return true;
    }
    let Some((start, end)) = expected.split_once('/') else {
        return false;
    };
    let Ok(end) = jiff::civil::Date::from_str(end) else {
        return false;
    };
    let last = end.yesterday().map(|d| d.to_string()).unwrap_or_default();
    let month = |d: &str| d.get(..7).map(str::to_string);
    let year = |d: &str| d.get(..4).map(str::to_string);
    // A range is compared by the days, months or years its ends name. The peer writes the end
    // of "from March to May" as May 1st, the end named but not counted, as it writes the end
    // of "Feb 28th to March 1st" as March 1st; figcheck writes the named month's last day and
    // says apart (`end_day`) whether the end counts.
    let named_end = value.split_once('/').is_some_and(|(s, e)| {
        s == start
            && jiff::civil::Date::from_str(e).is_ok_and(|e| {
                (end.day() == 1 && e == end.last_of_month())
                    || (end.day() == 1
                        && end.month() == 1
                        && e.year() == end.year()
                        && e.month() == 12
                        && e.day() == 31)
            })
    });
    named_end
        || value == format!("{start}/{last}")
        || (value.len() == 7
            && start.ends_with("-01")
            && month(start).as_deref() == Some(value)
            && month(&last).as_deref() == Some(value))
        || (value.len() == 4
            && start.ends_with("-01-01")
            && year(start).as_deref() == Some(value)
            && last.ends_with("-12-31")
            && year(&last).as_deref() == Some(value))
}

fn unit(symbol: &str) -> Option<&'static Unit> {
    lexicon().unit_index(symbol).map(|i| &lexicon().units[i])
}

/// A duration against the peer's length in seconds; an ambiguous unit (a month is 28 to 31
/// days) matches anywhere in its range.
fn duration_matches(mention: &MentionView, value: &str, seconds: &str) -> bool {
    let (Some(amount), Some(seconds), Some(unit)) = (
        decimal(value),
        decimal(seconds),
        mention.unit.as_deref().and_then(unit),
    ) else {
        return false;
    };
    let (Some(low), Some(high)) = (unit.factor.low(), unit.factor.high()) else {
        return false;
    };
    amount * low <= seconds && seconds <= amount * high
}

/// The peer's names for units figcheck names otherwise, as figcheck's symbols.
const UNIT_ALIASES: &[(&str, &[&str])] = &[
    ("c", &["°C"]),
    ("f", &["°F"]),
    ("ton", &["t", "ton"]),
    ("degree", &["°", "deg"]),
    ("pound", &["GBP"]),
];

/// A length given in another unit of the same dimension ("5 ft 2 in" as 62 in against the
/// peer's 5.1667 ft): the value converted with the units' exact factors.
fn converted_matches(mention: &MentionView, value: &str, expected: &Expected) -> bool {
    let spelled = |s: &str| s.to_lowercase().replace("metre", "meter");
    let (Some(symbol), Some(want)) = (mention.unit.as_deref(), expected.unit.as_deref()) else {
        return false;
    };
    let (Some(from), Some(to)) = (
        unit(symbol),
        lexicon()
            .units
            .iter()
            .find(|u| u.names.iter().any(|n| spelled(n) == spelled(want))),
    ) else {
        return false;
    };
    let (Some(v), Some(w)) = (decimal(value), decimal(&expected.value)) else {
        return false;
    };
    let Some(factor) = from.factor_to(to) else {
        return false;
    };
    let (Some(low), Some(high)) = (factor.low(), factor.high()) else {
        return false;
    };
    low == high && ((v * low) - w).abs() <= w.abs() * Decimal::new(1, 6)
}

/// A unit against the peer's name ("Metric ton", "Dollar", "C").
fn unit_matches(mention: &MentionView, expected: Option<&str>) -> bool {
    let Some(expected) = expected else {
        return true;
    };
    if let (Some(symbol), Some((_, symbols))) = (
        mention.unit.as_deref(),
        UNIT_ALIASES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(expected)),
    ) && symbols.contains(&symbol)
    {
        return true;
    }
    let spelled = |s: &str| {
        s.to_lowercase()
            .replace("metre", "meter")
            .replace("litre", "liter")
    };
    let expected = spelled(expected);
    let Some(symbol) = mention.unit.as_deref() else {
        return false;
    };
    let currency = lexicon().currencies.iter().find(|c| c.code == symbol);
    currency.is_some_and(|c| spelled(&c.name) == expected)
        || spelled(symbol) == expected
        || unit(symbol).is_some_and(|u| u.names.iter().any(|n| spelled(n) == expected))
}
