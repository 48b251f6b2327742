//! The vocabulary of `rules/`: units, hedges, number words and the calendar, compiled into the
//! binary and parsed once. Extraction and normalization read it; nothing here knows about a
//! particular document.

use std::cell::Cell;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use aho_corasick::AhoCorasick;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::interval::Interval;

/// The lexicon's file `rules/<name>.toml`, parsed from the JSON `build.rs` writes from it: the
/// same tables, parsed at every start, where TOML was most of the lexicon's cost. A file that
/// is not TOML fails the build (as does a name `build.rs` does not write); one whose tables do
/// not fit the structs below fails every run, naming the file and the field.
macro_rules! rules_file {
    ($name:literal) => {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/", $name, ".json")))
            .map_err(|e| format!(concat!($name, ".toml: {}"), e))
    };
}

/// A currency from `rules/currencies.toml` (or a user's config).
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub symbols: Vec<String>,
    #[serde(default)]
    pub codes: Vec<String>,
    #[serde(default)]
    pub names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrenciesFile {
    currency: Vec<Currency>,
}

/// A unit of measure from `rules/units.toml`.
#[derive(Debug)]
pub struct Unit {
    pub symbol: String,
    pub dimension: String,
    /// The factor to the dimension's base unit; an interval when the unit is ambiguous.
    pub factor: Interval,
    pub names: Vec<String>,
}

impl Unit {
    /// The factor that turns an amount in `self` into an amount in `other`, or `None` when the
    /// dimensions differ. The same unit converts exactly, even when it is ambiguous: "tons"
    /// and "tons" in one sentence are taken to be the same ton.
    pub fn factor_to(&self, other: &Unit) -> Option<Interval> {
        if self.dimension != other.dimension {
            return None;
        }
        if self.symbol == other.symbol {
            return Some(Interval::exact(Decimal::ONE));
        }
        self.factor.div(&other.factor)
    }

    pub fn is_time(&self) -> bool {
        self.dimension == "time"
    }

    /// The unit's singular name, for messages ("day", "ton").
    pub fn singular(&self) -> &str {
        self.names.first().map_or(&self.symbol, String::as_str)
    }

    /// The unit's plural name, for messages ("days", "tons").
    pub fn plural(&self) -> &str {
        self.names.get(1).map_or(self.singular(), String::as_str)
    }
}

/// How a hedge changes a figure's interval (DESIGN §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HedgeKind {
    Approximate,
    Nearly,
    MoreThan,
    AtLeast,
    UpTo,
    LessThan,
    Exactly,
}

#[derive(Debug)]
pub struct Hedge {
    pub word: String,
    pub kind: HedgeKind,
    pub tolerance: Decimal,
    /// "over two hours" means "during", not "more than".
    pub not_for_durations: bool,
    /// Written after the figure: "500 or more".
    pub after: bool,
}

#[derive(Debug)]
pub struct Lexicon {
    pub units: Vec<Unit>,
    pub currencies: Vec<Currency>,
    /// `(symbol, currency index)`, longest first.
    pub currency_symbols: Vec<(String, usize)>,
    /// Currencies' names and codes, each with its currency's index.
    currency_names: Names<usize>,
    currency_codes: Names<usize>,
    /// The bytes, in either ASCII case, that a currency's code ends with; every byte when a
    /// code is empty.
    code_ends: [bool; 256],
    /// Units' names and abbreviations, each with its unit's index.
    unit_names: Names<usize>,
    unit_abbrevs: Names<usize>,
    /// The sentence gate's automaton (`extract::may_hold_figures`), made from this lexicon's
    /// words when a sentence first needs it: a config's units of time are words of its own
    /// lexicon's gate, whichever lexicon's sentences came first.
    gate: OnceLock<AhoCorasick>,
    pub rate_markers: Vec<String>,
    /// Words that make a bare "degrees" a temperature.
    pub temperature_cues: Vec<String>,
    /// Words after "a year" that make it a date, not a rate: "a year earlier".
    pub rate_not_before: Vec<String>,
    pub rate_adverbs: BTreeMap<String, usize>,
    pub hedges: Vec<Hedge>,
    pub ones: BTreeMap<String, u64>,
    pub tens: BTreeMap<String, u64>,
    pub scales: BTreeMap<String, u64>,
    pub ordinals: BTreeMap<String, u64>,
    pub denominators: BTreeMap<String, u64>,
    pub multipliers: BTreeMap<String, u64>,
    pub negatives: Vec<String>,
    /// Words that make the number after them a label: "phase 3", "Figure 2".
    pub labels: Vec<String>,
    /// The word classes relation patterns name (`rules/linking.toml`): "rise", "fall",
    /// "time-phrase", …
    pub classes: WordClasses,
    /// What `{adjunct}` in a relation pattern may be: patterns themselves.
    pub adjunct: Vec<String>,
    /// Verbs that say by how many times a figure changed: "doubled" (2), "halved" (0.5).
    pub multiple_verbs: BTreeMap<String, Decimal>,
    /// "last" → "end+0", "next to last" → "end-1".
    pub relative_ordinals: BTreeMap<String, String>,
    pub scale_suffixes: BTreeMap<String, u64>,
    pub money_scale_suffixes: BTreeMap<String, u64>,
    pub articles: Vec<String>,
    /// `(name, month number)`, longest names first.
    pub months: Vec<(String, u8)>,
    /// `(name, weekday index from Monday = 0)`.
    pub weekdays: Vec<(String, u8)>,
    pub month_prepositions: Vec<String>,
    pub range_inclusive: Vec<String>,
    pub range_ambiguous: Vec<String>,
    pub period_prepositions: Vec<String>,
    pub future_markers: Vec<String>,
    pub past_markers: Vec<String>,
    pub abbreviations: Vec<String>,
    pub holidays: Vec<Holiday>,
}

thread_local! {
    static ACTIVE: Cell<Option<&'static Lexicon>> = const { Cell::new(None) };
}

/// The lexicon in use: the built-in one, or the one a config extends while [`activate`] holds.
pub fn lexicon() -> &'static Lexicon {
    ACTIVE.with(Cell::get).unwrap_or_else(builtin)
}

/// The lexicon compiled from the built-in `rules/` files.
pub fn builtin() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        Lexicon::build(&Extra::default()).expect("the built-in rules/ lexicons are valid")
    })
}

/// Makes `lex` what [`lexicon`] returns on this thread until the guard is dropped.
pub fn activate(lex: &'static Lexicon) -> Active {
    Active(ACTIVE.with(|active| active.replace(Some(lex))))
}

/// Restores the lexicon that was active before [`activate`].
pub struct Active(Option<&'static Lexicon>);

impl Drop for Active {
    fn drop(&mut self) {
        ACTIVE.with(|active| active.set(self.0));
    }
}

/// Units and currencies a user's config adds to the built-in ones (`[[lexicon.unit]]`,
/// `[[lexicon.currency]]`, with the fields of `rules/units.toml` and `rules/currencies.toml`).
#[derive(Debug, Default, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Extra {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unit: Vec<UnitEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub currency: Vec<Currency>,
}

impl Extra {
    pub fn is_empty(&self) -> bool {
        self.unit.is_empty() && self.currency.is_empty()
    }
}

/// The built-in lexicon with `extra` added. Each distinct extension is built once per process
/// and kept: a run has as many as it has config files.
pub fn extended(extra: &Extra) -> Result<&'static Lexicon, String> {
    if extra.is_empty() {
        return Ok(builtin());
    }
    static BUILT: Mutex<Vec<(Extra, &'static Lexicon)>> = Mutex::new(Vec::new());
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, lex)) = built.iter().find(|(e, _)| e == extra) {
        return Ok(lex);
    }
    let lex: &'static Lexicon = Box::leak(Box::new(Lexicon::build(extra)?));
    built.push((extra.clone(), lex));
    Ok(lex)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    unit: Vec<UnitEntry>,
    rate: RateEntry,
    temperature: TemperatureEntry,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemperatureEntry {
    cues: Vec<String>,
}

/// A unit as `rules/units.toml` (or a user's config) writes it.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct UnitEntry {
    pub symbol: String,
    pub dimension: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factor: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub factors: Vec<Decimal>,
    pub names: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abbreviations: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "kebab-case")]
struct RateEntry {
    markers: Vec<String>,
    not_before: Vec<String>,
    adverbs: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HedgesFile {
    hedge: Vec<HedgeEntry>,
    after: Vec<HedgeEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct HedgeEntry {
    kind: HedgeKind,
    #[serde(default)]
    tolerance: Decimal,
    words: Vec<String>,
    #[serde(default)]
    not_for_durations: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "kebab-case")]
struct NumbersFile {
    scale_suffixes: BTreeMap<String, u64>,
    money_scale_suffixes: BTreeMap<String, u64>,
    ones: BTreeMap<String, u64>,
    tens: BTreeMap<String, u64>,
    scales: BTreeMap<String, u64>,
    ordinals: BTreeMap<String, u64>,
    denominators: BTreeMap<String, u64>,
    multipliers: BTreeMap<String, u64>,
    negatives: Vec<String>,
    labels: Vec<String>,
    articles: Vec<String>,
    relative_ordinals: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkingFile {
    classes: BTreeMap<String, Vec<String>>,
    adjunct: Vec<String>,
    multiples: BTreeMap<String, Decimal>,
}

/// Word classes by name, each a list of phrases, each phrase its words in lower case: what a
/// relation pattern's `@name` matches. Each class's phrases are indexed by their first word,
/// so that reading a token against a class costs a lookup, not a pass over the class.
#[derive(Debug, Default, Clone)]
pub struct WordClasses {
    names: Vec<String>,
    /// Each class's id by its name.
    ids: FxHashMap<String, usize>,
    phrases: Vec<Vec<Vec<String>>>,
    /// For each class, the indices of its phrases by their first word, longest first.
    first: Vec<FxHashMap<String, Vec<usize>>>,
    /// For each word, by its [`word_hash`], the classes with a phrase that starts with it, as
    /// bits (two words of one hash share their bits: a class found is then looked for).
    starts: FxHashMap<u64, u128>,
    /// For each word, the classes that hold it as a phrase of its own, as bits.
    single: FxHashMap<String, u128>,
}

impl WordClasses {
    /// Adds (or extends) the class `name` with `phrases` ("in all", "a total of").
    pub fn add(&mut self, name: &str, phrases: &[String]) {
        let split = phrases
            .iter()
            .map(|p| {
                p.split_whitespace()
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .filter(|p| !p.is_empty());
        let i = match self.id(name) {
            Some(i) => i,
            None => {
                assert!(self.names.len() < 128, "at most 128 word classes");
                self.names.push(name.to_string());
                self.ids.insert(name.to_string(), self.names.len() - 1);
                self.phrases.push(Vec::new());
                self.first.push(FxHashMap::default());
                self.names.len() - 1
            }
        };
        self.phrases[i].extend(split);
        // Longest phrases first: "went up" before "went".
        self.phrases[i].sort_by_key(|p| std::cmp::Reverse(p.len()));
        let mut first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (k, phrase) in self.phrases[i].iter().enumerate() {
            first.entry(phrase[0].clone()).or_default().push(k);
            *self.starts.entry(word_hash(&phrase[0])).or_default() |= 1 << i;
            if phrase.len() == 1 {
                *self.single.entry(phrase[0].clone()).or_default() |= 1 << i;
            }
        }
        self.first[i] = first;
    }

    /// The classes with a phrase that starts with the word (in lower case) whose [`word_hash`]
    /// is `hash`, as bits: bit `id` for class `id`.
    pub fn starting(&self, hash: u64) -> u128 {
        self.starts.get(&hash).copied().unwrap_or(0)
    }

    pub fn id(&self, name: &str) -> Option<usize> {
        self.ids.get(name).copied()
    }

    pub fn name(&self, id: usize) -> &str {
        &self.names[id]
    }

    /// The phrases of class `id`, longest first.
    pub fn phrases(&self, id: usize) -> &[Vec<String>] {
        &self.phrases[id]
    }

    /// The lengths of the phrases of class `id` that start at word `at` of `words` (words in
    /// lower case, as [`lower`] gives them), longest first.
    pub fn lengths_at<'w>(
        &'w self,
        id: usize,
        words: &'w Lower,
        at: usize,
    ) -> impl Iterator<Item = usize> + 'w {
        let starting = words
            .get(at)
            .filter(|w| !w.is_empty())
            .and_then(|w| self.first[id].get(w));
        starting.into_iter().flatten().filter_map(move |&k| {
            let phrase = &self.phrases[id][k];
            (at + phrase.len() <= words.len()
                && phrase.iter().enumerate().all(|(j, p)| words[at + j] == **p))
            .then_some(phrase.len())
        })
    }

    /// Whether `phrase` (single-spaced, in any case) is a phrase of the class `name`.
    pub fn has_phrase(&self, name: &str, phrase: &str) -> bool {
        let words: Lower = phrase.split(' ').map(lower).collect();
        self.id(name)
            .is_some_and(|id| self.lengths_at(id, &words, 0).any(|n| n == words.len()))
    }

    /// Whether `word` (in any case) is a one-word phrase of the class `name`.
    pub fn has(&self, name: &str, word: &str) -> bool {
        self.id(name).is_some_and(|id| self.has_id(id, word))
    }

    /// Whether `word` (in any case) is a one-word phrase of the class `id`.
    pub fn has_id(&self, id: usize, word: &str) -> bool {
        self.holding(word) & 1 << id != 0
    }

    /// The classes that hold `word` (in any case) as a phrase of its own, as bits.
    pub fn holding(&self, word: &str) -> u128 {
        let lowered;
        let word = if word.chars().any(char::is_uppercase) {
            lowered = lower(word);
            lowered.as_str()
        } else {
            word
        };
        self.single.get(word).copied().unwrap_or(0)
    }
}

/// Words in lower case, as word classes hold their phrases, in one buffer: a sentence's tokens
/// as the grammar reads them ("" for a figure or a mark).
#[derive(Debug, Default, Clone)]
pub struct Lower {
    text: String,
    /// Where each word ends in `text`.
    ends: Vec<usize>,
}

impl Lower {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.text[start..end])
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| &self[i])
    }

    /// Adds `word` in lower case.
    pub fn push(&mut self, word: &str) {
        if word.is_ascii() {
            self.text
                .extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            self.text.push_str(&lower(word));
        }
        self.ends.push(self.text.len());
    }
}

impl std::ops::Index<usize> for Lower {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        self.get(i).expect("a word of the sentence")
    }
}

impl<S: AsRef<str>> FromIterator<S> for Lower {
    fn from_iter<I: IntoIterator<Item = S>>(words: I) -> Lower {
        let mut lower = Lower::default();
        for w in words {
            lower.push(w.as_ref());
        }
        lower
    }
}

/// A word's hash, for telling quickly which classes may start with it and whether a sentence
/// may hold it.
pub fn word_hash(word: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(word)
}

/// A word in lower case, as word classes hold their phrases.
pub fn lower(word: &str) -> String {
    if word.chars().any(char::is_uppercase) {
        word.to_lowercase()
    } else {
        word.to_string()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CalendarFile {
    month: Vec<MonthEntry>,
    weekdays: Vec<Vec<String>>,
    month_prepositions: Vec<String>,
    range_inclusive: Vec<String>,
    range_ambiguous: Vec<String>,
    period_prepositions: Vec<String>,
    future_markers: Vec<String>,
    past_markers: Vec<String>,
    abbreviations: Vec<String>,
    holiday: Vec<Holiday>,
}

/// A holiday from `rules/calendar.toml`: a fixed day, the nth weekday of a month (weekday from
/// Monday = 0; nth −1 is the last), or days from Easter Sunday; `after` moves the day on
/// ("Black Friday" is the day after the fourth Thursday of November).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub names: Vec<String>,
    pub month: Option<i8>,
    pub day: Option<i8>,
    pub nth: Option<i8>,
    pub weekday: Option<i8>,
    pub easter: Option<i32>,
    #[serde(default)]
    pub after: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MonthEntry {
    names: Vec<String>,
}

/// The bytes that `codes` end with, in either ASCII case; every byte if one is empty.
fn code_ends<'a>(codes: impl IntoIterator<Item = &'a str>) -> [bool; 256] {
    let mut ends = [false; 256];
    for code in codes {
        match code.as_bytes().last() {
            Some(&last) => {
                ends[usize::from(last.to_ascii_lowercase())] = true;
                ends[usize::from(last.to_ascii_uppercase())] = true;
            }
            None => ends = [true; 256],
        }
    }
    ends
}

/// Names, each with what it stands for, looked up where a text starts as an anchored
/// leftmost-longest Aho-Corasick search finds them: the longest name the text starts with, and
/// of names written alike the first listed. An anchored search only ever walks the trie, so
/// this is the trie alone, where an automaton's failure links (which only an unanchored search
/// follows) were most of building the lexicon.
#[derive(Debug, Clone)]
pub(crate) struct Names<T> {
    /// The trie's nodes, the root first; a node's children are consecutive, in byte order.
    nodes: Vec<Node<T>>,
    /// The root's child for each byte.
    root: Box<[u32; 256]>,
    any_case: bool,
}

#[derive(Debug, Clone)]
struct Node<T> {
    /// The byte that leads here from the parent.
    byte: u8,
    /// What the first listed name that ends here stands for, if one does.
    value: Option<T>,
    children: Range<u32>,
}

impl<T: Copy> Names<T> {
    /// `names` and what each stands for, matched with their case or in any ASCII case.
    pub(crate) fn new<S: AsRef<[u8]>>(
        names: impl IntoIterator<Item = (S, T)>,
        any_case: bool,
    ) -> Names<T> {
        let fold = |b: u8| if any_case { b.to_ascii_lowercase() } else { b };
        let (mut sorted, values): (Vec<(Vec<u8>, usize)>, Vec<T>) = names
            .into_iter()
            .enumerate()
            .map(|(place, (name, value))| {
                let folded = name.as_ref().iter().map(|&b| fold(b)).collect();
                ((folded, place), value)
            })
            .unzip();
        // Names alike sort by their place in the list, so a node's first name is the first
        // listed.
        sorted.sort_unstable();
        let mut nodes = vec![Node {
            byte: 0,
            value: None,
            children: 0..0,
        }];
        // A node, the names that run through it, and its depth: those that end there sort
        // first, and the rest in runs of the byte that follows.
        let mut pending = vec![(0, &sorted[..], 0)];
        while let Some((id, mut through, depth)) = pending.pop() {
            if let Some((name, place)) = through.first()
                && name.len() == depth
            {
                nodes[id].value = Some(values[*place]);
                through = &through[through.partition_point(|(name, _)| name.len() == depth)..];
            }
            let first = nodes.len();
            while let Some((name, _)) = through.first() {
                let byte = name[depth];
                let run = through.partition_point(|(name, _)| name[depth] == byte);
                nodes.push(Node {
                    byte,
                    value: None,
                    children: 0..0,
                });
                pending.push((nodes.len() - 1, &through[..run], depth + 1));
                through = &through[run..];
            }
            nodes[id].children = node_id(first)..node_id(nodes.len());
        }
        let mut root = Box::new([0; 256]);
        for child in nodes[0].children.clone() {
            root[usize::from(nodes[child as usize].byte)] = child;
        }
        Names {
            nodes,
            root,
            any_case,
        }
    }

    /// The longest name `text` starts with, as `(what it stands for, its length)`. A space in
    /// a name matches any run of ASCII white space, so a name may break over a line ("cubic\n
    /// metres").
    pub(crate) fn longest_at(&self, text: &[u8]) -> Option<(T, usize)> {
        let ending = |node: u32, len: usize| Some((self.nodes[node as usize].value?, len));
        let mut longest = ending(0, 0);
        let mut node = 0;
        let mut len = 0;
        while let Some(&byte) = text.get(len) {
            len += 1;
            let byte = if byte.is_ascii_whitespace() {
                len += text[len..]
                    .iter()
                    .take_while(|b| b.is_ascii_whitespace())
                    .count();
                b' '
            } else if self.any_case {
                byte.to_ascii_lowercase()
            } else {
                byte
            };
            // No node has the root for a child, so 0 is "none".
            node = if node == 0 {
                self.root[usize::from(byte)]
            } else {
                let children = self.nodes[node as usize].children.clone();
                children
                    .into_iter()
                    .find(|&child| self.nodes[child as usize].byte == byte)
                    .unwrap_or(0)
            };
            if node == 0 {
                break;
            }
            longest = ending(node, len).or(longest);
        }
        longest
    }
}

/// A node's place in [`Names`]'s trie, which holds fewer than 2^32 of them (a name list's bytes).
fn node_id(index: usize) -> u32 {
    u32::try_from(index).expect("fewer than 2^32 nodes")
}

impl Lexicon {
    fn build(extra: &Extra) -> Result<Lexicon, String> {
        let mut units: UnitsFile = rules_file!("units")?;
        let hedges: HedgesFile = rules_file!("hedges")?;
        let numbers: NumbersFile = rules_file!("numbers")?;
        let calendar: CalendarFile = rules_file!("calendar")?;
        let mut currencies: CurrenciesFile = rules_file!("currencies")?;
        let linking: LinkingFile = rules_file!("linking")?;
        let mut classes = WordClasses::default();
        for (name, phrases) in &linking.classes {
            classes.add(name, phrases);
        }
        for unit in &extra.unit {
            if units.unit.iter().any(|u| u.symbol == unit.symbol) {
                return Err(format!("unit {:?} is already defined", unit.symbol));
            }
            units.unit.push(unit.clone());
        }
        for currency in &extra.currency {
            if currencies.currency.iter().any(|c| c.code == currency.code) {
                return Err(format!("currency {:?} is already defined", currency.code));
            }
            currencies.currency.push(currency.clone());
        }
        let (mut symbols, mut money_names, mut codes) = (vec![], vec![], vec![]);
        for (id, currency) in currencies.currency.iter().enumerate() {
            symbols.extend(currency.symbols.iter().map(|s| (s.clone(), id)));
            money_names.extend(currency.names.iter().map(|name| (name.clone(), id)));
            codes.extend(currency.codes.iter().map(|code| (code.clone(), id)));
        }
        symbols.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));

        let mut unit_list = Vec::new();
        let (mut names, mut abbrevs) = (vec![], vec![]);
        for (id, entry) in units.unit.into_iter().enumerate() {
            let mut factors = entry.factors;
            factors.extend(entry.factor);
            let (Some(low), Some(high)) = (factors.iter().min(), factors.iter().max()) else {
                return Err(format!("unit {} has no factor", entry.symbol));
            };
            names.extend(entry.names.iter().map(|name| (name.clone(), id)));
            abbrevs.extend(
                entry
                    .abbreviations
                    .iter()
                    .map(|abbrev| (abbrev.clone(), id)),
            );
            unit_list.push(Unit {
                symbol: entry.symbol,
                dimension: entry.dimension,
                factor: Interval::new(*low, *high),
                names: entry.names,
            });
        }
        let unit_index = |symbol: &str| unit_list.iter().position(|u| u.symbol == symbol);
        let mut rate_adverbs = BTreeMap::new();
        for (adverb, symbol) in units.rate.adverbs {
            let id = unit_index(&symbol).ok_or_else(|| {
                format!("units.toml: rate adverb {adverb} names unknown unit {symbol}")
            })?;
            rate_adverbs.insert(adverb, id);
        }

        let mut hedge_list = Vec::new();
        for entry in hedges.hedge {
            for word in entry.words {
                hedge_list.push(Hedge {
                    not_for_durations: entry.not_for_durations.contains(&word),
                    word,
                    kind: entry.kind,
                    tolerance: entry.tolerance,
                    after: false,
                });
            }
        }
        // Longest first, so "more than" is tried before "over" and "an estimated" before "estimated".
        hedge_list.sort_by(|a, b| b.word.len().cmp(&a.word.len()).then(a.word.cmp(&b.word)));
        for entry in hedges.after {
            for word in entry.words {
                hedge_list.push(Hedge {
                    word,
                    kind: entry.kind,
                    tolerance: entry.tolerance,
                    not_for_durations: false,
                    after: true,
                });
            }
        }
        hedge_list.sort_by(|a, b| b.word.len().cmp(&a.word.len()).then(a.word.cmp(&b.word)));

        let mut months = Vec::new();
        for (index, month) in calendar.month.iter().enumerate() {
            for name in &month.names {
                months.push((name.clone(), index as u8 + 1));
            }
        }
        months.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let mut weekdays = Vec::new();
        for (index, names) in calendar.weekdays.iter().enumerate() {
            for name in names {
                weekdays.push((name.clone(), index as u8));
            }
        }
        weekdays.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));

        Ok(Lexicon {
            currency_symbols: symbols,
            currency_names: Names::new(money_names, true),
            code_ends: code_ends(codes.iter().map(|(code, _)| code.as_str())),
            currency_codes: Names::new(codes, true),
            currencies: currencies.currency,
            unit_names: Names::new(names, true),
            unit_abbrevs: Names::new(abbrevs, false),
            units: unit_list,
            rate_markers: units.rate.markers,
            temperature_cues: units.temperature.cues,
            rate_not_before: units.rate.not_before,
            rate_adverbs,
            hedges: hedge_list,
            ones: numbers.ones,
            tens: numbers.tens,
            scales: numbers.scales,
            ordinals: numbers.ordinals,
            denominators: numbers.denominators,
            multipliers: numbers.multipliers,
            negatives: numbers.negatives,
            labels: numbers.labels,
            classes,
            adjunct: linking.adjunct,
            multiple_verbs: linking.multiples,
            relative_ordinals: numbers.relative_ordinals,
            scale_suffixes: numbers.scale_suffixes,
            money_scale_suffixes: numbers.money_scale_suffixes,
            articles: numbers.articles,
            months,
            weekdays,
            month_prepositions: calendar.month_prepositions,
            range_inclusive: calendar.range_inclusive,
            range_ambiguous: calendar.range_ambiguous,
            period_prepositions: calendar.period_prepositions,
            future_markers: calendar.future_markers,
            past_markers: calendar.past_markers,
            abbreviations: calendar.abbreviations,
            holidays: calendar.holiday,
            gate: OnceLock::new(),
        })
    }

    /// The sentence gate's automaton, made by `build` from this lexicon the first time.
    pub fn gate(&self, build: impl FnOnce() -> AhoCorasick) -> &AhoCorasick {
        self.gate.get_or_init(build)
    }

    /// The word lists that make numbers: ones, tens, scales, multipliers, denominators and
    /// ordinals ("seven", "forty", "million", "dozen", "fifth", "first").
    pub fn number_words(&self) -> impl Iterator<Item = &String> {
        [
            &self.ones,
            &self.tens,
            &self.scales,
            &self.multipliers,
            &self.denominators,
            &self.ordinals,
        ]
        .into_iter()
        .flat_map(BTreeMap::keys)
    }

    /// The unit written at the very start of `text`, as `(unit index, length in bytes)`.
    /// Names match in any case; abbreviations only with their case. The match must end at a
    /// word boundary.
    pub fn unit_at(&self, text: &str, abbreviations: bool) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        if let Some((id, len)) = self.unit_names.longest_at(text.as_bytes())
            && ends_word(text, len)
        {
            best = Some((id, len));
        }
        if abbreviations
            && let Some((id, len)) = self.unit_abbrevs.longest_at(text.as_bytes())
            && ends_word(text, len)
            && best.is_none_or(|(_, longest)| len > longest)
        {
            best = Some((id, len));
        }
        best
    }

    /// The currency named or coded at the very start of `text` ("Finnish markka", "USD"), as
    /// `(currency index, length in bytes)`, ending at a word boundary.
    pub fn currency_at(&self, text: &str) -> Option<(usize, usize)> {
        let name = self
            .currency_names
            .longest_at(text.as_bytes())
            .filter(|&(_, len)| ends_word(text, len));
        let code = self
            .currency_codes
            .longest_at(text.as_bytes())
            .filter(|&(_, len)| ends_word(text, len));
        match (name, code) {
            (Some(n), Some(c)) => Some(if c.1 > n.1 { c } else { n }),
            (n, c) => n.or(c),
        }
    }

    /// The currency whose code ends `text` ("USD" in "USD "), as `(index, start)`.
    pub fn currency_code_before(&self, text: &str) -> Option<(usize, usize)> {
        // Most text ends with no code's last byte ("rose 5" ends with "e").
        if let Some(&last) = text.as_bytes().last()
            && !self.code_ends[usize::from(last)]
        {
            return None;
        }
        self.currencies.iter().enumerate().find_map(|(id, c)| {
            c.codes.iter().find_map(|code| {
                let start = text.len().checked_sub(code.len())?;
                let bounded = || {
                    text[..start]
                        .chars()
                        .next_back()
                        .is_none_or(|ch| !ch.is_alphanumeric())
                };
                (text.is_char_boundary(start)
                    && text[start..].eq_ignore_ascii_case(code)
                    && bounded())
                .then_some((id, start))
            })
        })
    }

    /// The index of the unit with this canonical symbol ("day", "in").
    pub fn unit_index(&self, symbol: &str) -> Option<usize> {
        self.units.iter().position(|u| u.symbol == symbol)
    }

    /// The value of a number word ("seven", "twenty"), without scales.
    pub fn small_number(&self, word: &str) -> Option<u64> {
        let lower = word.to_ascii_lowercase();
        self.ones
            .get(&lower)
            .or_else(|| self.tens.get(&lower))
            .copied()
    }
}

/// Whether `text[end..]` starts at a word boundary.
pub fn ends_word(text: &str, end: usize) -> bool {
    text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric() && c != '_')
}

/// The length of the white space that parts two words at the start of `text`: one space, or
/// a line break with any spaces around it (hard-wrapped text: "12,000\nyen"); 0 for none.
pub fn word_space(text: &str) -> usize {
    let before = text.len() - text.trim_start_matches(' ').len();
    let after_break = text[before..]
        .strip_prefix("\r\n")
        .or_else(|| text[before..].strip_prefix('\n'));
    match after_break {
        Some(rest) => text.len() - rest.trim_start_matches(' ').len(),
        None => before.min(1),
    }
}

/// The length of the white space that parts two words at the end of `text`: one space, or a
/// line break with any spaces around it ("EUR\n5"); 0 for none.
pub fn word_space_before(text: &str) -> usize {
    let after = text.len() - text.trim_end_matches(' ').len();
    let before_break = text[..text.len() - after]
        .strip_suffix('\n')
        .map(|rest| rest.strip_suffix('\r').unwrap_or(rest));
    match before_break {
        Some(rest) => text.len() - rest.trim_end_matches(' ').len(),
        None => after.min(1),
    }
}

/// Where `words` (parted by single spaces) start if `text` ends with them in any ASCII case,
/// parted there by any white space ("more\nthan"). Byte by byte: a byte of `words` that is
/// not a space starts or continues a character, as the text's byte it equals does.
pub fn ends_with_words(text: &str, words: &str) -> Option<usize> {
    let mut end = text.len();
    for &w in words.as_bytes().iter().rev() {
        if w == b' ' {
            let trimmed = text[..end].trim_end().len();
            if trimmed == end {
                return None;
            }
            end = trimmed;
        } else {
            end = end.checked_sub(1)?;
            if !text.as_bytes()[end].eq_ignore_ascii_case(&w) {
                return None;
            }
        }
    }
    text.is_char_boundary(end).then_some(end)
}

/// The length of `words` (parted by single spaces) if `text` starts with them in any ASCII
/// case, parted there by any white space ("or\nmore").
pub fn starts_with_words(text: &str, words: &str) -> Option<usize> {
    let mut at = 0;
    for &w in words.as_bytes() {
        if w == b' ' {
            let gap = text[at..].len() - text[at..].trim_start().len();
            if gap == 0 {
                return None;
            }
            at += gap;
        } else {
            if !text.as_bytes().get(at)?.eq_ignore_ascii_case(&w) {
                return None;
            }
            at += 1;
        }
    }
    text.is_char_boundary(at).then_some(at)
}

/// `text` with each run of white space as one space: "next\nto  last" as "next to last", as a
/// lexicon writes its names.
pub fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `phrase` occurs in `text` as whole words.
pub fn contains_words(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        before && ends_word(text, at + phrase.len())
    })
}

/// Where the run of characters satisfying `in_word` that ends `text` starts.
pub fn start_of_last_word(text: &str, in_word: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .rev()
        .find(|(_, c)| !in_word(*c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The word right before `at` (white space between), lowercased, and where it starts.
pub fn word_before(text: &str, at: usize) -> (String, usize) {
    let before = text[..at].trim_end();
    let start = start_of_last_word(before, char::is_alphanumeric);
    (before[start..].to_lowercase(), start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_found_before_a_number_in_either_case() {
        let lex = builtin();
        for (id, currency) in lex.currencies.iter().enumerate() {
            for code in &currency.codes {
                for written in [code.to_ascii_uppercase(), code.to_ascii_lowercase()] {
                    let found = lex.currency_code_before(&format!("paid {written}"));
                    // Another currency may share the code; the first in the file is found.
                    let first = lex
                        .currencies
                        .iter()
                        .position(|c| c.codes.iter().any(|k| k.eq_ignore_ascii_case(code)));
                    assert_eq!(found, Some((first.unwrap(), 5)), "{written} ({id})");
                }
            }
        }
        assert_eq!(lex.currency_code_before("paid USDX"), None);
        assert_eq!(code_ends(["USD", ""]), [true; 256]);
    }

    #[test]
    fn builtin_lexicon_parses() {
        let lex = lexicon();
        assert!(lex.units.iter().any(|u| u.symbol == "ton"));
        let ton = lex.units.iter().find(|u| u.symbol == "ton").unwrap();
        assert!(ton.factor.low() < ton.factor.high(), "ton stays ambiguous");
    }

    #[test]
    fn unit_matching_respects_case_and_boundaries() {
        let lex = lexicon();
        let (id, len) = lex.unit_at("tons per day", true).unwrap();
        assert_eq!((lex.units[id].symbol.as_str(), len), ("ton", 4));
        assert!(lex.unit_at("tonsils", true).is_none());
        let (id, _) = lex.unit_at("Litres", true).unwrap();
        assert_eq!(lex.units[id].symbol, "L");
        assert!(
            lex.unit_at("KM", true).is_none(),
            "abbreviations keep their case"
        );
        let (id, len) = lex.unit_at("metric tons of steel", true).unwrap();
        assert_eq!((lex.units[id].symbol.as_str(), len), ("t", 11));
    }

    /// What an anchored leftmost-longest Aho-Corasick search finds at the start of `text`,
    /// which [`Names`] stands in for.
    fn by_automaton(names: &[String], any_case: bool, text: &str) -> Option<(usize, usize)> {
        use aho_corasick::{AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .ascii_case_insensitive(any_case)
            .build(names)
            .expect("an automaton of a few names");
        let found = automaton.find(Input::new(text).anchored(Anchored::Yes))?;
        Some((found.pattern().as_usize(), found.end()))
    }

    #[test]
    fn names_find_the_longest_and_of_names_alike_the_first() {
        let names: Vec<String> = ["ton", "tons", "Ton", "t", "tonne", "", "metric ton"]
            .map(String::from)
            .into();
        let any_case = Names::new(names.iter().zip(0..), true);
        assert_eq!(any_case.longest_at(b"TONS of it"), Some((1, 4)));
        assert_eq!(
            any_case.longest_at(b"Tonnage"),
            Some((0, 3)),
            "ton, not Ton"
        );
        assert_eq!(any_case.longest_at(b"metric tonnes"), Some((6, 10)));
        assert_eq!(any_case.longest_at(b"x"), Some((5, 0)), "the empty name");
        let with_case = Names::new(names.iter().zip(0..), false);
        assert_eq!(with_case.longest_at(b"Tonnage"), Some((2, 3)));
        assert_eq!(with_case.longest_at(b"TONS"), Some((5, 0)));
        for text in ["TONS of it", "Tonnage", "metric tonnes", "x", "TONS", ""] {
            for any_case in [true, false] {
                assert_eq!(
                    Names::new(names.iter().zip(0..), any_case).longest_at(text.as_bytes()),
                    by_automaton(&names, any_case, text),
                    "{text:?}"
                );
            }
        }
    }

    /// A space of a name matches any run of white space in the text, a line break included.
    #[test]
    fn a_space_of_a_name_matches_any_white_space() {
        let names = Names::new([("metric ton", 0), ("ton", 1)], true);
        for (text, len) in [
            ("metric ton", 10),
            ("metric\nton", 10),
            ("Metric \r\n  tons", 14),
        ] {
            assert_eq!(
                names.longest_at(text.as_bytes()),
                Some((0, len)),
                "{text:?}"
            );
        }
        assert_eq!(names.longest_at(b"metric-ton"), None);
    }

    proptest::proptest! {
        /// Where a text holds no run of spaces (which the trie reads as one), it finds what an
        /// anchored automaton finds.
        #[test]
        fn names_are_found_as_an_anchored_automaton_finds_them(
            names in proptest::collection::vec("[abAB é-]{0,4}", 0..12),
            text in "[abAB é-]{0,6}",
            any_case: bool,
        ) {
            proptest::prop_assume!(!text.contains("  "));
            proptest::prop_assert_eq!(
                Names::new(names.iter().zip(0..), any_case).longest_at(text.as_bytes()),
                by_automaton(&names, any_case, &text)
            );
        }
    }
}
