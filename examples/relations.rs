//! Measures figcheck on the relations between figures marked by hand in real articles
//! (`../shared/relations/`): how many of them a report covers, and how many planted errors in
//! them it catches. The in-process twin of `../shared/tools/plant-relations.py`, whose planted
//! and caught figures it reproduces number for number.
//!
//! ```sh
//! cargo run --release --example relations                  # the table
//! cargo run --release --example relations -- --misses      # also every plant not caught
//! cargo run --release --example relations -- --unreported  # also every relation not reported
//! cargo run --release --example relations -- --rule change-direction-mismatch --id bbc-business-170
//! ```
//!
//! The relations are `../shared/relations/{bbc,reuters,tempeval3}.jsonl`, their articles the
//! records with the same `id` in `../shared/corpora/{bbc2005,reuters21578,tempeval3_news}`,
//! each checked with its corpus's date where it has one. Only relations of figcheck's 14
//! rules count (not `other`), and none that needs a year the article does not give
//! (`needs_date`). A relation is located as the Python tool locates it: its `sentence` found
//! in the article, then each of its figures in order inside that stretch; one that cannot be
//! located is left out and counted.
//!
//! - **gold**: the located relations, whether they hold or not.
//! - **reported**: those the unchanged article's report covers: a finding (any severity) or a
//!   verified relation of the same family whose labels overlap two of the relation's figures
//!   (or its only one). The four change rules (direction, percent change, percentage points,
//!   multiplier) are one family; every other rule is its own.
//! - **planted**: relations that hold, each planted with one error in its own copy of the
//!   article: the two values of a change swapped; a weekday moved one day; a count raised by
//!   two; the result figure (a total, a percentage, a converted amount, an age, …) scaled by
//!   1.5, or a range's length by 2.
//! - **caught**: plants whose copy draws a warning or error of the relation's family with a
//!   label on one of the relation's figures (where they are after the plant).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use figcheck::finding::{Finding, Label, Severity};
use figcheck::source::Position;
use figcheck::{FileReport, Settings, Source};
use rayon::prelude::*;
use regex::Regex;
use serde_json::Value;

#[path = "../tests/common/corpus.rs"]
mod corpus;

use corpus::{corpus, reference_date};

/// Each file of relations and the corpus its articles come from, in the Python tool's order.
const SETS: &[(&str, &str)] = &[
    ("bbc.jsonl", "bbc2005"),
    ("reuters.jsonl", "reuters21578"),
    ("tempeval3.jsonl", "tempeval3_news"),
];

/// The rules measured: every rule of the registry that checks a relation between figures.
fn rules() -> Vec<&'static str> {
    figcheck::rules::REGISTRY
        .iter()
        .filter(|r| r.relation.is_some())
        .map(|r| r.name)
        .collect()
}

/// Numbers in words, by value: the plants read and rewrite these.
const WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A number in digits, as the Python tool's `NUM` reads it.
static NUM: LazyLock<Regex> = LazyLock::new(|| pattern(r"\d[\d,]*(?:\.\d+)?"));
/// Each of `WORDS` as a whole word, in any case.
static WORD: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    WORDS
        .iter()
        .map(|w| pattern(&format!(r"(?i)\b{w}\b")))
        .collect()
});
/// A percentage or points: the figure a percentage rule's plant changes.
static PERCENT: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)%|pct|per ?cent|point"));
/// A length of time: the figure a range's plant changes.
static DURATION: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)day|week|month|year|night"));

fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("the patterns above are valid")
}

/// One line of a relations file.
struct Relation {
    /// The relations file it is in (`bbc.jsonl`) and its line there, from 0.
    set: &'static str,
    corpus: &'static str,
    line: usize,
    id: String,
    rule: String,
    sentence: String,
    /// `None` when `figures` is not a list of strings.
    figures: Option<Vec<String>>,
    /// Whether `holds` is `true` (not `false` or `"unsure"`).
    holds: bool,
    needs_date: bool,
}

/// A relation found in its article: the stretch of its sentence and each figure's bytes.
struct Located<'a> {
    relation: &'a Relation,
    figures: &'a [String],
    sentence: Range<usize>,
    spans: Vec<Range<usize>>,
}

/// One replacement a plant makes in an article.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Edit {
    start: usize,
    end: usize,
    with: String,
}

/// A planted copy of an article, and where the relation's figures are in it.
struct Plant<'a> {
    located: &'a Located<'a>,
    text: String,
    shifted: Vec<Range<usize>>,
}

/// An article: its text and reference date.
struct Article {
    text: String,
    date: Option<jiff::civil::Date>,
}

#[derive(Default)]
struct Tally {
    gold: usize,
    reported: usize,
    planted: usize,
    caught: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.gold += other.gold;
        self.reported += other.reported;
        self.planted += other.planted;
        self.caught += other.caught;
    }
}

/// What the command line asks for.
#[derive(Default)]
struct Options {
    misses: bool,
    unreported: bool,
    rule: Option<String>,
    id: Option<String>,
}

fn main() {
    let options = match options(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("relations: {message}");
            eprintln!("usage: relations [--misses] [--unreported] [--rule NAME] [--id ID]");
            std::process::exit(2);
        }
    };
    let relations: Vec<Relation> = SETS
        .iter()
        .flat_map(|&(set, corpus)| read_relations(set, corpus))
        .filter(|r| rules().contains(&r.rule.as_str()))
        .filter(|r| options.rule.as_ref().is_none_or(|rule| *rule == r.rule))
        .filter(|r| options.id.as_ref().is_none_or(|id| *id == r.id))
        .collect();
    let articles = read_articles(&relations);
    let settings = |article: &Article| Settings {
        reference_date: article.date,
        ..Settings::default()
    };

    let dated: Vec<&Relation> = relations.iter().filter(|r| !r.needs_date).collect();
    let needs_date = relations.len() - dated.len();
    let located: Vec<Located> = dated
        .iter()
        .filter_map(|r| locate(r, articles.get(&(r.corpus, r.id.as_str()))?))
        .collect();
    let unlocated = dated.len() - located.len();

    // The unchanged articles, each checked once.
    let checked: Vec<(&'static str, &str)> = located
        .iter()
        .map(|l| (l.relation.corpus, l.relation.id.as_str()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let reports: HashMap<(&'static str, &str), FileReport> = checked
        .par_iter()
        .map(|&key| {
            let article = &articles[&key];
            let source = Source::new(key.1, article.text.as_str());
            (key, figcheck::check(&source, &settings(article)))
        })
        .collect();

    // One planted copy for each relation that holds, checked in parallel.
    let plants: Vec<Plant> = located
        .iter()
        .filter(|l| l.relation.holds)
        .filter_map(|l| planted(l, &articles[&(l.relation.corpus, l.relation.id.as_str())]))
        .collect();
    let planted_findings: Vec<Vec<Finding>> = plants
        .par_iter()
        .map(|p| {
            let relation = p.located.relation;
            let article = &articles[&(relation.corpus, relation.id.as_str())];
            let source = Source::new(relation.id.as_str(), p.text.as_str());
            figcheck::check(&source, &settings(article)).findings
        })
        .collect();

    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    for l in &located {
        let report = &reports[&(l.relation.corpus, l.relation.id.as_str())];
        let tally = tallies.entry(l.relation.rule.as_str()).or_default();
        tally.gold += 1;
        if reported(report, l) {
            tally.reported += 1;
        } else if options.unreported {
            print_unreported(report, l);
        }
    }
    for (plant, findings) in plants.iter().zip(&planted_findings) {
        let relation = plant.located.relation;
        let tally = tallies.entry(relation.rule.as_str()).or_default();
        tally.planted += 1;
        if caught(findings, &relation.rule, &plant.shifted) {
            tally.caught += 1;
        } else if options.misses {
            print_miss(plant, findings);
        }
    }

    println!(
        "{} articles, {} planted copies; {} relations of the 14 rules, {needs_date} left out for \
         needing a year the article does not give",
        checked.len(),
        plants.len(),
        relations.len()
    );
    print_table(&tallies);
    println!("{unlocated} relations could not be located");
}

/// The command line's flags.
fn options(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--misses" => options.misses = true,
            "--unreported" => options.unreported = true,
            "--rule" => {
                let rule = args.next().ok_or("--rule needs a rule's name")?;
                if !rules().contains(&rule.as_str()) {
                    return Err(format!("no rule {rule:?}: one of {}", rules().join(", ")));
                }
                options.rule = Some(rule);
            }
            "--id" => options.id = Some(args.next().ok_or("--id needs an article's id")?),
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    Ok(options)
}

/// A file under `../shared/`, which must sit beside the repository.
fn shared(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (../shared must sit beside the repository)",
            path.display()
        )
    })
}

/// The relations of one file; a line that is not a JSON object is reported and left out.
fn read_relations(set: &'static str, corpus: &'static str) -> Vec<Relation> {
    let text = shared(&format!("relations/{set}"));
    let mut relations = Vec::new();
    for (line, json) in text.lines().enumerate() {
        if json.trim().is_empty() {
            continue;
        }
        let Ok(value) = serde_json::from_str::<Value>(json) else {
            eprintln!("relations/{set}:{}: not JSON, left out", line + 1);
            continue;
        };
        let text = |field: &str| value[field].as_str().unwrap_or_default().to_string();
        let figures = value["figures"].as_array().and_then(|figures| {
            figures
                .iter()
                .map(|f| f.as_str().map(str::to_string))
                .collect()
        });
        relations.push(Relation {
            set,
            corpus,
            line,
            id: text("id"),
            rule: text("rule"),
            sentence: text("sentence"),
            figures,
            holds: value["holds"] == Value::Bool(true),
            needs_date: truthy(&value["needs_date"]),
        });
    }
    relations
}

/// Python's truth of a JSON value, as the tool tests `rel.get("needs_date")`.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// The articles the relations are in, by corpus and id (a later record with the same id
/// replaces an earlier one, as in the Python tool).
fn read_articles(relations: &[Relation]) -> HashMap<(&'static str, &str), Article> {
    let mut articles = HashMap::new();
    for &(_, name) in SETS {
        let wanted: HashSet<&str> = relations
            .iter()
            .filter(|r| r.corpus == name)
            .map(|r| r.id.as_str())
            .collect();
        if wanted.is_empty() {
            continue;
        }
        for record in corpus(name) {
            let (Some(id), Some(text)) = (record["id"].as_str(), record["text"].as_str()) else {
                continue;
            };
            // The key borrows the relation's id, which outlives the corpus's records.
            let Some(&id) = wanted.get(id) else {
                continue;
            };
            let article = Article {
                text: text.to_string(),
                date: reference_date(&record),
            };
            articles.insert((name, id), article);
        }
    }
    articles
}

/// The relation's sentence in the article, and each figure in order inside it; `None` when
/// one cannot be found or the relation names no figure.
fn locate<'a>(relation: &'a Relation, article: &Article) -> Option<Located<'a>> {
    let figures = relation.figures.as_deref()?;
    let text = &article.text;
    let start = text.find(&relation.sentence)?;
    let end = start + relation.sentence.len();
    let mut spans = Vec::new();
    let mut pos = start;
    for figure in figures {
        let at = pos + text[pos..end].find(figure.as_str())?;
        spans.push(at..at + figure.len());
        pos = at + figure.len();
    }
    if spans.is_empty() {
        return None;
    }
    Some(Located {
        relation,
        figures,
        sentence: start..end,
        spans,
    })
}

/// The planted copy for a relation, when its figures allow a plant.
fn planted<'a>(located: &'a Located<'a>, article: &Article) -> Option<Plant<'a>> {
    let mut edits = plant(&located.relation.rule, located.figures, &located.spans)?;
    edits.sort();
    let mut text = String::with_capacity(article.text.len() + 16);
    let mut last = 0;
    for edit in &edits {
        text.push_str(&article.text[last..edit.start]);
        text.push_str(&edit.with);
        last = edit.end;
    }
    text.push_str(&article.text[last..]);
    let shifted = located
        .spans
        .iter()
        .map(|span| shifted(&article.text, &text, &edits, span))
        .collect();
    Some(Plant {
        located,
        text,
        shifted,
    })
}

/// Where a figure's span is in the planted text, computed as the Python tool does: its start
/// moves by what the edits wholly before it added, and it keeps its length in characters,
/// even when the figure itself was replaced by a longer or shorter one.
fn shifted(original: &str, planted: &str, edits: &[Edit], span: &Range<usize>) -> Range<usize> {
    let delta: isize = edits
        .iter()
        .filter(|e| e.end <= span.start)
        .map(|e| e.with.len() as isize - (e.end - e.start) as isize)
        .sum();
    let start = span.start.saturating_add_signed(delta);
    let chars = original[span.clone()].chars().count();
    let rest = planted.get(start..).unwrap_or_default();
    // Past the end of the text, one byte a character, as Python's offsets would run on.
    let end = match rest.char_indices().nth(chars) {
        Some((at, _)) => start + at,
        None => start + rest.len() + (chars - rest.chars().count()),
    };
    start..end
}

/// The edits of the Python tool's `plant`: `None` when the relation's figures give none.
fn plant(rule: &str, figures: &[String], spans: &[Range<usize>]) -> Option<Vec<Edit>> {
    let edit = |i: usize, with: String| Edit {
        start: spans[i].start,
        end: spans[i].end,
        with,
    };
    match rule {
        // The change turned the other way: its two values swapped.
        "change-direction-mismatch" => {
            if figures.len() >= 2 && num(&figures[0]) != num(&figures[1]) {
                return Some(vec![
                    edit(0, figures[1].clone()),
                    edit(1, figures[0].clone()),
                ]);
            }
            return None;
        }
        // The first weekday named moved to the next day.
        "weekday-date-mismatch" => {
            for (i, figure) in figures.iter().enumerate() {
                // Day names are ASCII, so a lowered copy keeps the figure's byte offsets.
                let lower = figure.to_ascii_lowercase();
                for (d, day) in DAYS.iter().enumerate() {
                    if let Some(k) = lower.find(&day.to_ascii_lowercase()) {
                        let moved = format!(
                            "{}{}{}",
                            &figure[..k],
                            DAYS[(d + 1) % 7],
                            &figure[k + day.len()..]
                        );
                        return Some(vec![edit(i, moved)]);
                    }
                }
            }
            return None;
        }
        // The count, always the first figure, raised by two.
        "count-mismatch" => return Some(vec![edit(0, scaled(&figures[0], Change::Plus(2))?)]),
        _ => {}
    }
    // Otherwise the result figure: the last one unless the rule points at another.
    let mut pick = figures.len() - 1;
    match rule {
        "percent-change-mismatch" | "share-mismatch" | "percentage-point-confusion" => {
            if let Some(i) = figures.iter().position(|f| PERCENT.is_match(f)) {
                pick = i;
            }
        }
        // The largest figure (the last of equals); a figure with no number counts as 0.
        "parts-total-mismatch" => {
            let mut largest = f64::NEG_INFINITY;
            for (i, figure) in figures.iter().enumerate() {
                let value = num(figure).unwrap_or(0.0);
                if value >= largest {
                    (largest, pick) = (value, i);
                }
            }
        }
        // The first figure under 300: an age or a length, not a year.
        "elapsed-time-mismatch" => {
            if let Some(i) = figures
                .iter()
                .position(|f| num(f).is_some_and(|n| n < 300.0))
            {
                pick = i;
            }
        }
        "range-duration-mismatch" => {
            if let Some(i) = figures.iter().position(|f| DURATION.is_match(f)) {
                pick = i;
            }
        }
        _ => {}
    }
    let factor = if rule == "range-duration-mismatch" {
        2.0
    } else {
        1.5
    };
    Some(vec![edit(
        pick,
        scaled(&figures[pick], Change::Times(factor))?,
    )])
}

/// How `scaled` changes a number.
#[derive(Clone, Copy)]
enum Change {
    Times(f64),
    Plus(u32),
}

/// A figure's value, as the Python tool's `num` reads it: its first number in digits, else
/// the first of `WORDS` (in the list's order) it has as a word.
fn num(figure: &str) -> Option<f64> {
    if let Some(m) = NUM.find(figure) {
        return m.as_str().replace(',', "").parse().ok();
    }
    WORD.iter()
        .position(|w| w.is_match(figure))
        .map(|i| i as f64)
}

/// The figure with its first number changed, written as the Python tool's `scaled` writes it:
/// a whole number rounded half to even (one more when that leaves it unchanged), a decimal
/// with as many decimals as it had, thousands separated when they were. A number in words
/// becomes another word, capitalised as it was; `None` when no word is left to write.
fn scaled(figure: &str, change: Change) -> Option<String> {
    if let Some(m) = NUM.find(figure) {
        let digits = m.as_str();
        let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len());
        let value: f64 = digits.replace(',', "").parse().ok()?;
        let new = match change {
            Change::Times(factor) => value * factor,
            Change::Plus(add) => value + f64::from(add),
        };
        let grouped = digits.contains(',');
        let written = if decimals == 0 {
            let rounded = new.round_ties_even();
            let whole = if rounded != value {
                rounded
            } else {
                value + 1.0
            };
            // `{:.0}` writes a whole f64 exactly, as Python's `int()` does.
            group(format!("{:.0}", whole.trunc()), grouped)
        } else {
            group(format!("{new:.decimals$}"), grouped)
        };
        return Some(format!(
            "{}{written}{}",
            &figure[..m.start()],
            &figure[m.end()..]
        ));
    }
    for (i, word) in WORD.iter().enumerate() {
        let Some(m) = word.find(figure) else {
            continue;
        };
        let mut new = match change {
            Change::Plus(add) => i + add as usize,
            Change::Times(factor) => match (i as f64 * factor).round_ties_even() as usize {
                0 => i + 1,
                n => n,
            },
        };
        if new == i {
            new = i + 1;
        }
        // Past "twenty" the next word in the list is tried, as in the Python tool.
        let Some(&replacement) = WORDS.get(new) else {
            continue;
        };
        let replacement = if m.as_str().starts_with(char::is_uppercase) {
            capitalised(replacement)
        } else {
            replacement.to_string()
        };
        return Some(format!(
            "{}{replacement}{}",
            &figure[..m.start()],
            &figure[m.end()..]
        ));
    }
    None
}

/// A number's whole part with a comma every three digits, when `grouped`.
fn group(number: String, grouped: bool) -> String {
    if !grouped {
        return number;
    }
    let (whole, fraction) = match number.split_once('.') {
        Some((whole, fraction)) => (whole, format!(".{fraction}")),
        None => (number.as_str(), String::new()),
    };
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out + &fraction
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The rule's family: the relation its findings come from in the registry ("change" for the
/// four change rules), the rule itself for a rule of no relation.
fn family(rule: &str) -> &str {
    figcheck::rules::relation_named(rule).map_or(rule, |r| r.name)
}

/// A finding or a verified relation, as far as the measures look at them.
struct Entry<'a> {
    /// "verified", or a finding's severity.
    kind: &'static str,
    rule: &'static str,
    message: &'a str,
    labels: &'a [Label],
    span: &'a Position,
}

impl Entry<'_> {
    /// The byte spans of its labels; its own span when it has no labels (as the Python tool
    /// reads a finding).
    fn spans(&self) -> Vec<Range<usize>> {
        if self.labels.is_empty() {
            std::iter::once(self.span.start..self.span.end).collect()
        } else {
            self.labels
                .iter()
                .map(|l| l.span.start..l.span.end)
                .collect()
        }
    }

    fn from_finding(f: &Finding) -> Entry<'_> {
        Entry {
            kind: f.severity.as_str(),
            rule: f.rule,
            message: &f.message,
            labels: &f.labels,
            span: &f.span,
        }
    }
}

/// A report's findings and verified relations of `family`.
fn entries<'a>(report: &'a FileReport, of: &str) -> Vec<Entry<'a>> {
    let findings = report.findings.iter().map(Entry::from_finding);
    let verified = report.verified.iter().map(|v| Entry {
        kind: "verified",
        rule: v.rule,
        message: &v.message,
        labels: &v.labels,
        span: &v.span,
    });
    findings
        .chain(verified)
        .filter(|e| family(e.rule) == of)
        .collect()
}

/// Whether two spans share a byte, as the Python tool compares them.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether the report has a finding or verified relation of the relation's family whose labels
/// cover two of its figures (its only one, for a relation of one figure).
fn reported(report: &FileReport, located: &Located) -> bool {
    let needed = located.spans.len().min(2);
    entries(report, family(&located.relation.rule))
        .iter()
        .any(|entry| {
            let spans = entry.spans();
            let covered = located
                .spans
                .iter()
                .filter(|figure| spans.iter().any(|s| overlaps(figure, s)))
                .count();
            covered >= needed
        })
}

/// Whether a planted copy's findings have a warning or error of the relation's family
/// labelling one of its figures.
fn caught(findings: &[Finding], rule: &str, figures: &[Range<usize>]) -> bool {
    findings.iter().any(|f| {
        matches!(f.severity, Severity::Warning | Severity::Error)
            && family(f.rule) == family(rule)
            && Entry::from_finding(f)
                .spans()
                .iter()
                .any(|s| figures.iter().any(|figure| overlaps(figure, s)))
    })
}

/// The relation on one line: id, rule, figures and the start of its sentence.
fn describe(relation: &Relation, figures: &[String]) -> String {
    let sentence: String = relation.sentence.chars().take(160).collect();
    format!(
        "{} {} {figures:?} | {}",
        relation.id,
        relation.rule,
        sentence.replace('\n', " ")
    )
}

/// An entry on one line: what it is, its message and its labels' texts.
fn describe_entry(entry: &Entry) -> String {
    let labels: Vec<&str> = entry.labels.iter().map(|l| l.text.as_str()).collect();
    format!(
        "    {} {}: {} {labels:?}",
        entry.kind, entry.rule, entry.message
    )
}

fn print_miss(plant: &Plant, findings: &[Finding]) {
    let relation = plant.located.relation;
    println!(
        "MISS {}  ({}:{})",
        describe(relation, plant.located.figures),
        relation.set,
        relation.line + 1
    );
    for f in findings
        .iter()
        .filter(|f| family(f.rule) == family(&relation.rule))
    {
        println!("{}", describe_entry(&Entry::from_finding(f)));
    }
}

/// An unreported relation, with what the report has of its family on its sentence.
fn print_unreported(report: &FileReport, located: &Located) {
    let relation = located.relation;
    println!(
        "UNREPORTED {}  ({}:{})",
        describe(relation, located.figures),
        relation.set,
        relation.line + 1
    );
    let nearby: Vec<Entry> = entries(report, family(&relation.rule))
        .into_iter()
        .filter(|e| e.spans().iter().any(|s| overlaps(s, &located.sentence)))
        .collect();
    if nearby.is_empty() {
        println!("    nothing of this family on the sentence");
    }
    for entry in &nearby {
        println!("{}", describe_entry(entry));
    }
}

/// The table: a line a rule, by name, then all rules and the change family.
fn print_table(tallies: &BTreeMap<&str, Tally>) {
    println!(
        "{:30} {:>5} {:>8} {:>7} {:>6} {:>6}",
        "rule", "gold", "reported", "planted", "caught", "recall"
    );
    let line = |name: &str, t: &Tally| {
        let recall = if t.planted == 0 {
            "-".to_string()
        } else {
            format!("{:.2}", t.caught as f64 / t.planted as f64)
        };
        println!(
            "{name:30} {:>5} {:>8} {:>7} {:>6} {recall:>6}",
            t.gold, t.reported, t.planted, t.caught
        );
    };
    let (mut all, mut change) = (Tally::default(), Tally::default());
    for (rule, tally) in tallies {
        line(rule, tally);
        all.add(tally);
        if family(rule) == "change" {
            change.add(tally);
        }
    }
    line("all", &all);
    line("change (the four change rules)", &change);
}
