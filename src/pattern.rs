//! The patterns of the grammars that read figures (extraction's, the dateline's): compiled
//! when a text first needs them, and without the literal prefilter a general-purpose regex
//! builds.
//!
//! A grammar's pattern runs on text that already passed a cheaper gate (a sentence screened
//! for the words the pattern needs, a story that opens with a capital and a digit), so the
//! prefilter saved little there, and on the Reuters and BBC corpora it cost more than it saved.
//! Building it (literal extraction over the lexicon's alternations, then a Teddy or
//! Aho-Corasick searcher) was more than half of each pattern's compile time, and compiling is
//! most of a short article's run. Matching is the `regex` crate's: the same engine, configured
//! as `regex::Regex::new` configures it but for the prefilter.

use std::ops::{Deref, Index, Range};
use std::sync::{Arc, OnceLock};

use regex_automata::meta;
use regex_automata::util::{captures, syntax};
use regex_automata::{Anchored, Input, MatchKind};

/// A pattern of the extraction grammars, compiled when a sentence first needs it, once per
/// process. Each clone searches with a copy of its own, since a compiled pattern shares its
/// search caches between the threads that use it: the grammars keep a clone of their patterns
/// per thread. A short article compiles only the patterns its words call for.
#[derive(Clone)]
pub(crate) struct Pattern {
    source: Arc<(String, OnceLock<Regex>)>,
    local: OnceLock<Regex>,
}

impl Pattern {
    pub(crate) fn new(source: &str) -> Pattern {
        Pattern {
            source: Arc::new((source.to_string(), OnceLock::new())),
            local: OnceLock::new(),
        }
    }
}

impl Deref for Pattern {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.local.get_or_init(|| {
            let (source, shared) = &*self.source;
            shared.get_or_init(|| Regex::new(source)).clone()
        })
    }
}

/// A compiled pattern, searched as `regex::Regex` searches: leftmost-first, Unicode-aware,
/// never splitting a character.
#[derive(Clone)]
pub(crate) struct Regex(meta::Regex);

impl Regex {
    pub(crate) fn new(source: &str) -> Regex {
        // `regex::Regex::new`'s configuration, without the prefilter.
        let config = meta::Config::new()
            .match_kind(MatchKind::LeftmostFirst)
            .utf8_empty(true)
            .nfa_size_limit(Some(10 * (1 << 20)))
            .hybrid_cache_capacity(2 * (1 << 20))
            .auto_prefilter(false);
        meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::new().utf8(true))
            .build(source)
            .map(Regex)
            .expect("valid grammar pattern")
    }

    pub(crate) fn find<'h>(&self, text: &'h str) -> Option<Match<'h>> {
        self.0.find(text).map(|m| Match::of(text, m.range()))
    }

    pub(crate) fn find_iter<'r, 'h>(
        &'r self,
        text: &'h str,
    ) -> impl Iterator<Item = Match<'h>> + use<'r, 'h> {
        self.0
            .find_iter(text)
            .map(move |m| Match::of(text, m.range()))
    }

    pub(crate) fn captures<'h>(&self, text: &'h str) -> Option<Captures<'h>> {
        self.captures_at(text, 0)
    }

    /// The first match starting at or after `start`; the text before it still counts for
    /// `\b` and other assertions.
    pub(crate) fn captures_at<'h>(&self, text: &'h str, start: usize) -> Option<Captures<'h>> {
        let mut groups = self.0.create_captures();
        let input = Input::new(text).span(start..text.len());
        self.0.search_captures(&input, &mut groups);
        groups.is_match().then_some(Captures { text, groups })
    }

    /// The groups of `whole`, a match this pattern found in `text`: the same match, read
    /// again only where it lies (the text around it still counts for `\b`).
    pub(crate) fn captures_of<'h>(&self, text: &'h str, whole: &Match<'h>) -> Option<Captures<'h>> {
        let mut groups = self.0.create_captures();
        let input = Input::new(text).span(whole.range()).anchored(Anchored::Yes);
        self.0.search_captures(&input, &mut groups);
        groups.is_match().then_some(Captures { text, groups })
    }

    pub(crate) fn captures_iter<'r, 'h>(
        &'r self,
        text: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + use<'r, 'h> {
        self.0
            .captures_iter(text)
            .map(move |groups| Captures { text, groups })
    }
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

    use super::Regex;

    /// Patterns in the grammars' styles: case-insensitive alternations, word boundaries,
    /// named and numbered groups, anchors, optional groups, empty matches, a word boundary
    /// that looks past the match.
    const PATTERNS: [&str; 7] = [
        r"\b(?P<m>(?i:Sept\.|September|Sep|May))\s+(?P<d>[0-9]{1,2})(?:,\s*(?P<y>[12][0-9]{3}))?\b",
        r"(?i)\b(?P<n>an?|one|two|twenty)\s+(?P<unit>years?|days?)\s+(?P<dir>ago|later)\b",
        r"^\s*,?\s*(?i:starting|from)(?:\s+(?i:on))?\s+",
        r"([0-9]+)(?:\.([0-9]+))?\s?%",
        r"(?i)(?:^|[^\w\s]\s*)((?:percents?|per\s+cent)\s+of\s+)$",
        r"x*",
        r"(?P<n>[0-9]+)-\b",
    ];

    /// Each pattern compiled both ways.
    fn compiled() -> Vec<(Regex, regex::Regex)> {
        PATTERNS
            .iter()
            .map(|p| (Regex::new(p), regex::Regex::new(p).expect("valid pattern")))
            .collect()
    }

    fn same((ours, theirs): &(Regex, regex::Regex), text: &str) {
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
        ];
        for pair in &compiled() {
            for text in texts {
                same(pair, text);
            }
        }
    }

    proptest! {
        #[test]
        fn patterns_match_as_the_regex_crate_matches_on_any_text(
            text in r"(Sept\.|May|[Ss]ep|one|an|day|years|ago|later|per|cent|of|starting|on|[0-9]{1,4}|[ ,.%xX-]|é|ſ|\u{212A}){0,12}",
        ) {
            static PAIRS: std::sync::OnceLock<Vec<(Regex, regex::Regex)>> = std::sync::OnceLock::new();
            for pair in PAIRS.get_or_init(compiled) {
                same(pair, &text);
            }
        }
    }
}
