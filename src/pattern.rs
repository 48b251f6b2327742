//! The patterns of the grammars that read figures (extraction's, the dateline's): compiled
//! when a text first needs them, without the literal prefilter a general-purpose regex builds,
//! and in ASCII for text that ASCII rules read alike.
//!
//! A grammar's pattern runs on text that already passed a cheaper gate (a sentence screened
//! for the words the pattern needs, a story that opens with a capital and a digit), so the
//! prefilter saved little there, and on the Reuters and BBC corpora it cost more than it saved.
//! Matching is by the engines `regex::Regex` searches with when it has no prefilter, set as
//! it sets them (see [`Engines`]): the same matches and groups, which the tests check against
//! the `regex` crate.
//!
//! Most of a pattern's compile time is Unicode: case folding every letter of the lexicon's
//! alternations, and the class of `\s`. On text where Unicode rules say what ASCII rules say
//! (see [`ascii_reads_alike`]) the same pattern compiled in ASCII finds the same matches and
//! is much cheaper to build, so such text is searched with that build and the Unicode one is
//! compiled only for text that needs it. The grammars' ASCII builds are compiled ahead of time
//! besides (see [`prebuilt`]): a short article's run was mostly parsing and compiling them.

use std::ops::{Index, Range};
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::{Arc, OnceLock};

use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, NFA, WhichCaptures, backtrack, pikevm};
use regex_automata::util::iter::Searcher;
use regex_automata::util::pool::Pool;
use regex_automata::util::{captures, syntax};
use regex_automata::{Anchored, Input, MatchKind};

mod prebuilt;

/// A grammar's patterns, the `$ty` that `$make` makes: `patterns()` gives this thread's copy,
/// made once per process and cloned once per thread (each [`Pattern`] is compiled once, when
/// first needed, and searched with the thread's own caches), and `make_every_pattern()` makes
/// them anew, for the test of the prebuilt ones.
macro_rules! grammar {
    ($ty:ty, $make:path) => {
        fn patterns() -> &'static $ty {
            static PATTERNS: std::sync::OnceLock<$ty> = std::sync::OnceLock::new();
            thread_local! {
                static LOCAL: &'static $ty =
                    Box::leak(Box::new(PATTERNS.get_or_init($make).clone()));
            }
            LOCAL.with(|p| *p)
        }

        #[cfg(test)]
        pub(crate) fn make_every_pattern() {
            $make();
        }
    };
}
pub(crate) use grammar;

/// Names from a lexicon as one alternation of a pattern, in the order given: each escaped, and
/// the words of a name parted by any white space, as a draft wrapped by hand breaks "Christmas
/// Eve" or "next to last" over two lines.
pub(crate) fn alternation<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> String {
    names
        .into_iter()
        .map(|name| regex::escape(name.as_ref()).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

/// A pattern of the grammars, searched as `regex::Regex` searches: leftmost-first,
/// Unicode-aware, never splitting a character. Each of its two builds is compiled when a text
/// first needs it, once per process.
///
/// A compiled pattern shares its search caches between the threads that use it, so the
/// grammars keep a clone of their patterns per thread: a clone shares the compiled builds and
/// searches with caches of its own, made when it first needs them.
#[derive(Clone)]
pub(crate) struct Pattern {
    shared: Arc<(Box<str>, Builds<Arc<Engines>>)>,
    local: Builds<Build>,
}

/// The builds of a pattern made so far.
#[derive(Clone)]
struct Builds<T> {
    unicode: OnceLock<T>,
    /// `None` when the pattern has no ASCII build (see [`compile_ascii`]).
    ascii: OnceLock<Option<T>>,
}

impl<T> Default for Builds<T> {
    fn default() -> Self {
        Builds {
            unicode: OnceLock::new(),
            ascii: OnceLock::new(),
        }
    }
}

impl Pattern {
    pub(crate) fn new(source: &str) -> Pattern {
        #[cfg(test)]
        prebuilt::write::made(source);
        Pattern {
            shared: Arc::new((source.into(), Builds::default())),
            local: Builds::default(),
        }
    }

    /// The build that searches `text`: the ASCII one where it reads `text` as the Unicode one
    /// does.
    fn build(&self, text: &str) -> &Build {
        let (source, shared) = &*self.shared;
        if ascii_reads_alike(text) {
            let ascii = self.local.ascii.get_or_init(|| {
                shared
                    .ascii
                    .get_or_init(|| compile_ascii(source).map(Arc::new))
                    .clone()
                    .map(Build::new)
            });
            if let Some(ascii) = ascii {
                return ascii;
            }
        }
        self.local.unicode.get_or_init(|| {
            Build::new(
                shared
                    .unicode
                    .get_or_init(|| Arc::new(compile_unicode(source)))
                    .clone(),
            )
        })
    }

    pub(crate) fn find<'h>(&self, text: &'h str) -> Option<Match<'h>> {
        self.build(text)
            .find(&Input::new(text))
            .map(|m| Match::of(text, m.range()))
    }

    pub(crate) fn find_iter<'r, 'h>(
        &'r self,
        text: &'h str,
    ) -> impl Iterator<Item = Match<'h>> + use<'r, 'h> {
        let build = self.build(text);
        let mut lazy = build.lazy.get();
        let mut searcher = Searcher::new(Input::new(text));
        std::iter::from_fn(move || {
            searcher
                .advance(|input| Ok(build.find_with(&mut lazy, input)))
                .map(|m| Match::of(text, m.range()))
        })
    }

    pub(crate) fn captures<'h>(&self, text: &'h str) -> Option<Captures<'h>> {
        self.captures_at(text, 0)
    }

    /// The first match starting at or after `start`; the text before it still counts for
    /// `\b` and other assertions.
    pub(crate) fn captures_at<'h>(&self, text: &'h str, start: usize) -> Option<Captures<'h>> {
        let build = self.build(text);
        let mut groups = build.engines.create_captures();
        let input = Input::new(text).span(start..text.len());
        build.groups(&mut build.lazy.get(), &input, &mut groups);
        groups.is_match().then_some(Captures { text, groups })
    }

    /// The groups of `whole`, a match this pattern found in `text`: the same match, read
    /// again only where it lies (the text around it still counts for `\b`).
    pub(crate) fn captures_of<'h>(&self, text: &'h str, whole: &Match<'h>) -> Option<Captures<'h>> {
        let build = self.build(text);
        let mut groups = build.engines.create_captures();
        let input = Input::new(text).span(whole.range()).anchored(Anchored::Yes);
        build.groups_within(&input, &mut groups);
        groups.is_match().then_some(Captures { text, groups })
    }

    pub(crate) fn captures_iter<'r, 'h>(
        &'r self,
        text: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + use<'r, 'h> {
        let build = self.build(text);
        let mut lazy = build.lazy.get();
        let mut searcher = Searcher::new(Input::new(text));
        std::iter::from_fn(move || {
            let mut groups = build.engines.create_captures();
            searcher.advance(|input| {
                build.groups(&mut lazy, input, &mut groups);
                Ok(groups.get_match())
            })?;
            Some(Captures { text, groups })
        })
    }
}

/// A compiled build of a pattern: the engines `regex::Regex` would search it with, shared by
/// every clone of the pattern. A lazy DFA finds where a match ends and then where it starts;
/// a bounded backtracker, or the Pike VM for a text too long for it, reads the groups within
/// the match and searches where the lazy DFA gives up (on a Unicode `\b` outside ASCII).
struct Engines {
    lazy: hybrid::regex::Regex,
    backtrack: backtrack::BoundedBacktracker,
    pikevm: pikevm::PikeVM,
}

/// The settings `regex::Regex::new` compiles with: no NFA over 10 MiB, and at most 2 MiB of
/// lazy DFA in each search cache.
const NFA_SIZE_LIMIT: usize = 10 * (1 << 20);
const LAZY_CACHE: usize = 2 * (1 << 20);

impl Engines {
    /// The engines of a pattern's forward NFA (with its groups) and its reverse NFA (without),
    /// set as `regex::Regex::new` sets them.
    fn new(forward: NFA, reverse: NFA) -> Option<Engines> {
        let lazy = hybrid::dfa::Config::new()
            .match_kind(MatchKind::LeftmostFirst)
            .starts_for_each_pattern(true)
            .unicode_word_boundary(true)
            .cache_capacity(LAZY_CACHE)
            .minimum_cache_clear_count(Some(3))
            .minimum_bytes_per_state(Some(10));
        let forward_dfa = hybrid::dfa::Builder::new()
            .configure(lazy.clone())
            .build_from_nfa(forward.clone())
            .ok()?;
        let reverse_dfa = hybrid::dfa::Builder::new()
            .configure(lazy.match_kind(MatchKind::All))
            .build_from_nfa(reverse)
            .ok()?;
        Some(Engines {
            lazy: hybrid::regex::Builder::new().build_from_dfas(forward_dfa, reverse_dfa),
            backtrack: backtrack::Builder::new()
                .build_from_nfa(forward.clone())
                .ok()?,
            pikevm: pikevm::Builder::new().build_from_nfa(forward).ok()?,
        })
    }

    fn create_captures(&self) -> captures::Captures {
        self.pikevm.create_captures()
    }
}

/// The search caches of the engines that read groups; the Pike VM's is made only for the
/// rare text too long for the backtracker.
struct GroupCaches {
    backtrack: backtrack::Cache,
    pikevm: Option<pikevm::Cache>,
}

type Make<T> = Box<dyn Fn() -> T + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A build as one clone of a pattern searches it: the shared engines and caches of its own.
/// The lazy DFA's cache and the others are kept apart, so that reading a match's groups while
/// the search for the next match holds the one makes no second copy of it.
struct Build {
    engines: Arc<Engines>,
    lazy: Pool<hybrid::regex::Cache, Make<hybrid::regex::Cache>>,
    groups: Pool<GroupCaches, Make<GroupCaches>>,
}

impl Build {
    fn new(engines: Arc<Engines>) -> Build {
        let (lazy, groups) = (Arc::clone(&engines), Arc::clone(&engines));
        Build {
            engines,
            lazy: Pool::new(Box::new(move || lazy.lazy.create_cache())),
            groups: Pool::new(Box::new(move || GroupCaches {
                backtrack: groups.backtrack.create_cache(),
                pikevm: None,
            })),
        }
    }

    fn find(&self, input: &Input<'_>) -> Option<regex_automata::Match> {
        self.find_with(&mut self.lazy.get(), input)
    }

    /// The first match in `input`: the lazy DFA's, or where it gives up, the slower engines'.
    fn find_with(
        &self,
        lazy: &mut hybrid::regex::Cache,
        input: &Input<'_>,
    ) -> Option<regex_automata::Match> {
        match self.engines.lazy.try_search(lazy, input) {
            Ok(found) => found,
            Err(_) => {
                let info = self.engines.pikevm.get_nfa().group_info().clone();
                let mut whole = captures::Captures::matches(info);
                self.groups_within(input, &mut whole);
                whole.get_match()
            }
        }
    }

    /// The first match in `input` with its groups: found as [`Build::find`] finds it, then
    /// read again where it lies, as `regex::Regex` reads them.
    fn groups(
        &self,
        lazy: &mut hybrid::regex::Cache,
        input: &Input<'_>,
        groups: &mut captures::Captures,
    ) {
        groups.set_pattern(None);
        if let Some(whole) = self.find_with(lazy, input) {
            let within = input
                .clone()
                .span(whole.range())
                .anchored(Anchored::Pattern(whole.pattern()));
            self.groups_within(&within, groups);
        }
    }

    /// The first match in `input` with its groups, by the backtracker where `input` is short
    /// enough for it and otherwise by the Pike VM.
    fn groups_within(&self, input: &Input<'_>, groups: &mut captures::Captures) {
        let mut caches = self.groups.get();
        let engines = &self.engines;
        if input.get_span().len() <= engines.backtrack.max_haystack_len()
            && engines
                .backtrack
                .try_search(&mut caches.backtrack, input, groups)
                .is_ok()
        {
            return;
        }
        let pikevm = caches
            .pikevm
            .get_or_insert_with(|| engines.pikevm.create_cache());
        engines.pikevm.search(pikevm, input, groups);
    }
}

/// A clone searches the same engines with caches of its own.
impl Clone for Build {
    fn clone(&self) -> Build {
        Build::new(Arc::clone(&self.engines))
    }
}

/// Compiles `source` as `regex::Regex::new` does.
fn compile_unicode(source: &str) -> Engines {
    nfas(source, &syntax::Config::new().utf8(true))
        .and_then(|(forward, reverse)| Engines::new(forward, reverse))
        .expect("valid grammar pattern")
}

/// The forward NFA of `source` (with its groups) and the reverse one (without), as
/// `regex::Regex::new` compiles them; `None` if `source` does not compile with `syntax`.
fn nfas(source: &str, syntax: &syntax::Config) -> Option<(NFA, NFA)> {
    let hir = syntax::parse_with(source, syntax).ok()?;
    let config = thompson::Config::new()
        .utf8(true)
        .nfa_size_limit(Some(NFA_SIZE_LIMIT))
        .shrink(false);
    let forward = thompson::Compiler::new()
        .configure(config.clone().which_captures(WhichCaptures::All))
        .build_from_hir(&hir)
        .ok()?;
    let reverse = thompson::Compiler::new()
        .configure(config.which_captures(WhichCaptures::None).reverse(true))
        .build_from_hir(&hir)
        .ok()?;
    Some((forward, reverse))
}

/// The pattern compiled with ASCII rules: case folded only between ASCII letters, and `\s`,
/// `\w`, `\d` and `\b` of ASCII characters. Some patterns have none:
/// - a pattern with "ſ" or the Kelvin sign, the two characters outside ASCII that fold to an
///   ASCII letter under Unicode rules (and not under ASCII ones), or with an escape (`\x`,
///   `\u`, `\U`) that could name one;
/// - a pattern that does not compile so, which is one that could match a part of a
///   character (`.`, a negated class, a class with a character outside ASCII).
///
/// What is left matches the characters outside ASCII that it writes out as themselves (an
/// apostrophe ’, a dash –), as its Unicode build does, and otherwise only ASCII characters;
/// its Unicode build matches other characters only as letters, digits or white space (`\w`,
/// `(?i)é`, `\s`). That is why [`ascii_reads_alike`] can say where the two builds match alike.
fn compile_ascii(source: &str) -> Option<Engines> {
    let (forward, reverse) = prebuilt::nfas(source).or_else(|| ascii_nfas(source))?;
    Engines::new(forward, reverse)
}

/// The NFAs of `source`'s ASCII build, compiled (see [`compile_ascii`]).
fn ascii_nfas(source: &str) -> Option<(NFA, NFA)> {
    let folds_to_ascii = source.contains(['ſ', '\u{212A}'])
        || ["\\x", "\\u", "\\U"].iter().any(|e| source.contains(e));
    if folds_to_ascii {
        return None;
    }
    nfas(source, &syntax::Config::new().unicode(false).utf8(true))
}

/// Whether a pattern's ASCII build matches in `text` where its Unicode build does: `text`'s
/// characters outside ASCII, if any, are all of a few kinds of punctuation and symbols that
/// news text uses, none of them a letter, a digit or white space under any rule, and none a
/// case of another character. Such a character is neither part of a word (for `\b` and `\w`)
/// nor space (for `\s`) in either build, and matches only itself.
fn ascii_reads_alike(text: &str) -> bool {
    text.is_ascii()
        || text.chars().all(|c| {
            c.is_ascii()
                || matches!(
                    c,
                    '\u{2018}'..='\u{201F}' // ‘ ’ ‚ ‛ “ ” „ ‟
                        | '\u{2010}'..='\u{2015}' // hyphens and dashes
                        | '\u{2020}'..='\u{2022}' // † ‡ •
                        | '\u{2026}' // …
                        | '\u{2032}'..='\u{2033}' // ′ ″
                        | '\u{00A3}' // £
                        | '\u{20AC}' // €
                        | '\u{00A5}' // ¥
                        | '\u{00B0}' // °
                        | '\u{00D7}' // ×
                        | '\u{00AB}' // «
                        | '\u{00BB}' // »
                )
        })
}

/// A match's groups, read by name or number.
pub(crate) struct Captures<'h> {
    text: &'h str,
    groups: captures::Captures,
}

impl<'h> Captures<'h> {
    pub(crate) fn get(&self, index: usize) -> Option<Match<'h>> {
        let span = self.groups.get_group(index)?;
        Some(Match::of(self.text, span.range()))
    }

    pub(crate) fn name(&self, name: &str) -> Option<Match<'h>> {
        let span = self.groups.get_group_by_name(name)?;
        Some(Match::of(self.text, span.range()))
    }
}

/// `caps["m"]`: the text of a group the pattern always fills when it matches.
impl<'h> Index<&str> for Captures<'h> {
    type Output = str;

    fn index(&self, name: &str) -> &str {
        self.name(name)
            .unwrap_or_else(|| panic!("group {name} did not take part in the match"))
            .as_str()
    }
}

/// `caps[1]`: the text of a numbered group the pattern always fills when it matches.
impl<'h> Index<usize> for Captures<'h> {
    type Output = str;

    fn index(&self, index: usize) -> &str {
        self.get(index)
            .unwrap_or_else(|| panic!("group {index} did not take part in the match"))
            .as_str()
    }
}

/// Where a pattern or group matched, and the text it matched.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Match<'h> {
    text: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    fn of(text: &'h str, range: Range<usize>) -> Match<'h> {
        Match {
            text,
            start: range.start,
            end: range.end,
        }
    }

    pub(crate) fn start(&self) -> usize {
        self.start
    }

    pub(crate) fn end(&self) -> usize {
        self.end
    }

    pub(crate) fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub(crate) fn as_str(&self) -> &'h str {
        &self.text[self.start..self.end]
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{Pattern, ascii_reads_alike};

    /// Patterns in the grammars' styles: case-insensitive alternations, word boundaries,
    /// named and numbered groups, anchors, optional groups, empty matches, a word boundary
    /// that looks past the match, an apostrophe and a dash written out.
    const PATTERNS: [&str; 8] = [
        r"\b(?P<m>(?i:Sept\.|September|Sep|May))\s+(?P<d>[0-9]{1,2})(?:,\s*(?P<y>[12][0-9]{3}))?\b",
        r"(?i)\b(?P<n>an?|one|two|twenty)\s+(?P<unit>years?|days?)\s+(?P<dir>ago|later)\b",
        r"^\s*,?\s*(?i:starting|from)(?:\s+(?i:on))?\s+",
        r"([0-9]+)(?:\.([0-9]+))?\s?%",
        r"(?i)(?:^|[^\w\s]\s*)((?:percents?|per\s+cent)\s+of\s+)$",
        r"x*",
        r"(?P<n>[0-9]+)-\b",
        r"\b(?P<d>[0-9]{1,2})\s*(?:'|’)(?P<y>[0-9]{2})\b|(?i:x)\s*(?:-|–)\s*[0-9]",
    ];

    /// Each pattern compiled both ways.
    fn compiled() -> Vec<(Pattern, regex::Regex)> {
        PATTERNS
            .iter()
            .map(|p| {
                (
                    Pattern::new(p),
                    regex::Regex::new(p).expect("valid pattern"),
                )
            })
            .collect()
    }

    fn same((ours, theirs): &(Pattern, regex::Regex), text: &str) {
        let pattern = theirs.as_str();
        let found: Vec<_> = ours.find_iter(text).map(|m| m.range()).collect();
        let wanted: Vec<_> = theirs.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(found, wanted, "matches of {pattern:?} in {text:?}");
        let names: Vec<&str> = theirs.capture_names().flatten().collect();
        // Every group's place and text, by number and then by name: one reading for both
        // kinds of captures.
        macro_rules! groups {
            ($caps:expr) => {{
                let caps = $caps;
                (0..theirs.captures_len())
                    .map(|i| caps.get(i).map(|m| (m.range(), m.as_str())))
                    .chain(
                        names
                            .iter()
                            .map(|n| caps.name(n).map(|m| (m.range(), m.as_str()))),
                    )
                    .collect::<Vec<_>>()
            }};
        }
        let found: Vec<_> = ours.captures_iter(text).map(|c| groups!(c)).collect();
        let wanted: Vec<_> = theirs.captures_iter(text).map(|c| groups!(c)).collect();
        assert_eq!(found, wanted, "groups of {pattern:?} in {text:?}");
        for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let found = ours.captures_at(text, start).map(|c| groups!(c));
            let wanted = theirs.captures_at(text, start).map(|c| groups!(c));
            assert_eq!(
                found, wanted,
                "groups of {pattern:?} in {text:?} from {start}"
            );
        }
        // A match's groups read again where it lies are the groups of the same match.
        for whole in ours.find_iter(text) {
            let found = ours.captures_of(text, &whole).map(|c| groups!(c));
            let wanted = theirs.captures_at(text, whole.start()).map(|c| groups!(c));
            assert_eq!(
                found, wanted,
                "groups of {pattern:?} in {text:?} at {whole:?}"
            );
        }
        let found = ours.find(text).map(|m| m.range());
        assert_eq!(found, theirs.find(text).map(|m| m.range()));
    }

    #[test]
    fn patterns_match_as_the_regex_crate_matches() {
        let texts = [
            "It opened on Sept. 5, 2023 and shut in May 12.",
            "two years ago, An day later; twenty days later",
            " , starting on Monday",
            "up 7.5% from 12 %, then 3%",
            "rose 4.1 per cent of ",
            "Ｓｅｐｔ 5 — ſeptember 5, KELVIN 1 day ago, é 2 years ago",
            "",
            "xx yxx XX",
            "a 5-year plan, 6- or 7-",
            // Text the ASCII builds search, with punctuation outside ASCII, and text they do
            // not: a letter, white space and a digit outside ASCII.
            "“Sept. 5” – 2 years ago… “x” per cent of ",
            "£5 ×2 °C, 10% — “one day ago”",
            "Sept.\u{a0}5, two\u{a0}years ago, 5\u{a0}%",
            "xé day ago, ١ years ago",
            "in May ’21, 5 x – 3 and X-4, ’9 7’’12",
        ];
        for pair in &compiled() {
            for text in texts {
                same(pair, text);
            }
        }
    }

    #[test]
    fn ascii_rules_read_text_alike_only_beside_punctuation() {
        for text in ["", "Sept. 5", "“Sept. 5” – £5 × 2 … 10°"] {
            assert!(ascii_reads_alike(text), "{text:?}");
        }
        // A letter, a digit, white space, a case of an ASCII letter.
        for text in ["café", "٣", "5\u{a0}km", "\u{212A}", "ſ"] {
            assert!(!ascii_reads_alike(text), "{text:?}");
        }
    }

    /// Every character outside ASCII that `ascii_reads_alike` lets through is, under the
    /// `regex` crate's Unicode rules, neither part of a word nor white space, and has no other
    /// case.
    #[test]
    fn the_punctuation_ascii_rules_read_alike_is_no_word_space_or_case() {
        let word = regex::Regex::new(r"\w|\s|\d").expect("valid pattern");
        let passed: Vec<char> = ('\u{80}'..='\u{FFFF}')
            .filter(|c| ascii_reads_alike(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert!(passed.len() > 10, "{passed:?}");
        for &c in &passed {
            assert!(!word.is_match(c.encode_utf8(&mut [0; 4])), "{c:?}");
            // `(?i)` matches it only as itself.
            let folds = regex::Regex::new(&format!("^(?i:{})$", regex::escape(&c.to_string())))
                .expect("valid pattern");
            assert!(folds.is_match(c.encode_utf8(&mut [0; 4])), "{c:?}");
        }
        // No character is a case of one of them, nor one of them a case of another.
        for d in '\0'..='\u{10FFFF}' {
            let cases: Vec<char> = d.to_lowercase().chain(d.to_uppercase()).collect();
            for &c in &passed {
                assert!(
                    d == c && cases.iter().all(|&e| e == c) || !cases.contains(&c),
                    "{d:?} and {c:?}"
                );
            }
        }
    }

    /// The patterns that have an ASCII build, and those that have none.
    #[test]
    fn a_pattern_has_an_ascii_build_only_where_it_matches_whole_characters() {
        for source in [
            r"(?i)\b(?:an?|one)\s+day\b",
            r"[0-9]+(?:\.[0-9]+)?\s?%",
            r"^\s*,?\s*(?i:from)\s+",
            "(?i)x(?:–|’)y",
        ] {
            assert!(super::compile_ascii(source).is_some(), "{source:?}");
        }
        for source in [
            r"a.b",
            r"[^\w\s]",
            r"[x×]",
            "(?i)ſ",
            "(?i)\u{212A}",
            r"(?i)\u{212A}",
            r"(?i)\x{17F}",
            r"\U0000017F",
            r"\p{L}",
        ] {
            assert!(super::compile_ascii(source).is_none(), "{source:?}");
        }
    }

    /// The characters outside ASCII that a case-insensitive pattern matches for an ASCII
    /// letter are "ſ" and the Kelvin sign, the two `compile_ascii` looks for.
    #[test]
    fn only_two_characters_outside_ascii_fold_to_ascii_letters() {
        let letter = regex::Regex::new("(?i)^[a-z]$").expect("valid pattern");
        let folding: Vec<char> = ('\u{80}'..='\u{10FFFF}')
            .filter(|c| letter.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, ['ſ', '\u{212A}']);
    }

    proptest! {
        #[test]
        fn patterns_match_as_the_regex_crate_matches_on_any_text(
            text in r"(Sept\.|May|[Ss]ep|one|an|day|years|ago|later|per|cent|of|starting|on|[0-9]{1,4}|[ ,.%xX-]|é|ſ|\u{212A}|[“”’–—…£°×']|\u{a0}){0,12}",
        ) {
            static PAIRS: std::sync::OnceLock<Vec<(Pattern, regex::Regex)>> = std::sync::OnceLock::new();
            for pair in PAIRS.get_or_init(compiled) {
                same(pair, &text);
            }
        }
    }
}
