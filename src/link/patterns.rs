//! Relation patterns: sequences of slots over a sentence's tokens (DESIGN §3b), written in
//! the rules' TOML files so that a pattern reads like the phrase it matches.
//!
//! ```text
//! {verb:@rise|@fall}? by? {p:percent}? from {b:amount} {adjunct}* to {a:amount~b}
//! ```
//!
//! | item | matches |
//! |---|---|
//! | `from`, `up\|down` | one word, any of those written (ASCII case ignored); inside a group `\|` parts the group's alternatives |
//! | `@rise` | a word or phrase of the class `rise` (a rule's `[words]`, else `rules/linking.toml`) |
//! | `,` `(` `)` `;` `:` `-` `"` `'s` | that mark (every dash is `-`); `'s` is the possessive word |
//! | `{a:amount}` | a figure of that kind, bound to the role `a`; kinds joined by `\|` |
//! | `{a:amount~b}` | such a figure that can stand beside the one bound to `b` (`comparable`) |
//! | `{date}` | a figure of that kind, not bound |
//! | `{verb:@rise\|@fall}` | a word of one of the classes, bound to the role `verb` |
//! | `{adjunct}` | what may stand between the figures of a relation without changing it: a date or time phrase, a modifier, a parenthetical (`linking.toml`'s `[adjunct]`) |
//! | `{paren}` | a bracketed stretch, brackets included |
//! | `{gap:N}` | up to N words (no figure, no mark); `{gap:N -@class}`: none of them of the class |
//! | `{end}` | no token: the clause ends here (a mark that ends a clause, "but", or the sentence's end) |
//! | `[x y \| z]` | a group: `x y` or `z` |
//! | `?` `*` `+` after an item | optional, any number, at least one |
//!
//! Matching is leftmost-first with backtracking: at each token, the first way the pattern
//! matches (greedy repeats, alternatives in order); matches do not overlap.

use std::collections::BTreeMap;

use super::tokens::{Tok, Token};
use crate::lexicon::WordClasses;

/// The figure kinds a slot can ask for, by name.
pub const KINDS: &[&str] = &[
    "any", "amount", "number", "count", "money", "quantity", "percent", "points", "rate",
    "duration", "age", "ordinal", "date", "day", "year", "weekday", "range", "span", "numrange",
];

/// What the matcher asks of the figures and words it meets.
pub trait Judge {
    /// Whether figure `figure` is of kind `KINDS[kind]`.
    fn is(&self, figure: usize, kind: usize) -> bool;
    /// Whether figure `b` can stand beside figure `a` in one relation: the same kind of
    /// amount, in one unit or currency (or one carried from the other).
    fn comparable(&self, a: usize, b: usize) -> bool;
    /// The text of a token.
    fn text(&self, token: &Token) -> &str;
}

/// The lengths, in tokens, of the phrases of class `id` that start at token `at`, longest
/// first.
fn lengths<'t>(
    classes: &'t WordClasses,
    id: usize,
    tokens: &'t [Token],
    at: usize,
    judge: &'t dyn Judge,
) -> impl Iterator<Item = usize> + 't {
    classes.phrases(id).iter().filter_map(move |phrase| {
        let words = tokens.get(at..at + phrase.len())?;
        words
            .iter()
            .zip(phrase)
            .all(|(t, w)| t.is_word() && judge.text(t).eq_ignore_ascii_case(w))
            .then_some(phrase.len())
    })
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub text: String,
    items: Vec<Item>,
    /// The roles the pattern binds, by name; a binding's index is its role's place here.
    roles: Vec<String>,
}

#[derive(Debug, Clone)]
struct Item {
    atom: Atom,
    min: u8,
    max: u8,
}

#[derive(Debug, Clone)]
enum Atom {
    Words(Vec<String>),
    Class(usize),
    Punct(char),
    Slot {
        role: Option<usize>,
        kinds: Vec<usize>,
        like: Option<usize>,
    },
    WordRole {
        role: usize,
        classes: Vec<usize>,
    },
    /// Up to so many words, none of the class if one is given.
    Gap(u8, Option<usize>),
    Paren,
    Adjunct,
    /// Matches no token: where the clause ends (the sentence's end, a mark that ends a
    /// clause, or "and"/"but" next).
    End,
    Group(Vec<Vec<Item>>),
}

/// What one role of a match was bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// A figure, by its index among the document's figures.
    Figure(usize),
    /// Tokens `start..end` of the sentence, a phrase of the class `class`.
    Words {
        start: usize,
        end: usize,
        class: usize,
    },
}

/// One match of a pattern: the tokens it covers and what each role was bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub bound: Vec<(String, Bound)>,
}

impl Match {
    /// The figure bound to `role`.
    pub fn figure(&self, role: &str) -> Option<usize> {
        self.bound.iter().find_map(|(r, b)| match b {
            Bound::Figure(f) if r == role => Some(*f),
            _ => None,
        })
    }

    /// Every figure bound to `role`, in the order of the text.
    pub fn figures(&self, role: &str) -> Vec<usize> {
        self.bound
            .iter()
            .filter_map(|(r, b)| match b {
                Bound::Figure(f) if r == role => Some(*f),
                _ => None,
            })
            .collect()
    }

    /// The phrase bound to `role`: its tokens and class.
    pub fn words(&self, role: &str) -> Option<(usize, usize, usize)> {
        self.bound.iter().find_map(|(r, b)| match b {
            Bound::Words { start, end, class } if r == role => Some((*start, *end, *class)),
            _ => None,
        })
    }
}

/// Everything a match needs besides the tokens: the classes and the adjunct's alternatives.
pub struct Grammar {
    pub classes: WordClasses,
    adjunct: Vec<Vec<Item>>,
}

impl Grammar {
    /// A grammar of `classes` whose `{adjunct}` is any of `adjuncts` (patterns themselves,
    /// which may not use `{adjunct}` or bind roles).
    pub fn new(classes: WordClasses, adjuncts: &[String]) -> Result<Grammar, String> {
        let mut grammar = Grammar {
            classes,
            adjunct: Vec::new(),
        };
        for text in adjuncts {
            let pattern = grammar.compile(text)?;
            if !pattern.roles.is_empty() {
                return Err(format!("adjunct `{text}` binds a role"));
            }
            grammar.adjunct.push(pattern.items);
        }
        Ok(grammar)
    }

    /// Compiles a pattern's text against this grammar's classes, or says what is wrong with it.
    pub fn compile(&self, text: &str) -> Result<Pattern, String> {
        let mut parser = Parser {
            chars: text.chars().collect(),
            at: 0,
            depth: 0,
            roles: Vec::new(),
            classes: &self.classes,
        };
        let alternatives = parser.sequence_alternatives()?;
        if parser.at < parser.chars.len() {
            return Err(format!(
                "`{text}`: unexpected `{}`",
                parser.chars[parser.at]
            ));
        }
        let items = match <[Vec<Item>; 1]>::try_from(alternatives) {
            Ok([one]) => one,
            Err(alternatives) => vec![Item {
                atom: Atom::Group(alternatives),
                min: 1,
                max: 1,
            }],
        };
        Ok(Pattern {
            text: text.to_string(),
            items,
            roles: parser.roles,
        })
    }

    /// Every match of `pattern` in `tokens`, leftmost first, none overlapping.
    pub fn find_all(&self, pattern: &Pattern, tokens: &[Token], judge: &dyn Judge) -> Vec<Match> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut state = State { bound: Vec::new() };
        while start < tokens.len() {
            let mut found = None;
            let cx = Cx {
                grammar: self,
                tokens,
                judge,
            };
            cx.items(&pattern.items, start, &mut state, &mut |end, state| {
                if end == start {
                    return false; // an empty match says nothing
                }
                found = Some((end, state.bound.clone()));
                true
            });
            match found {
                Some((end, bound)) => {
                    out.push(Match {
                        start,
                        end,
                        bound: bound
                            .into_iter()
                            .map(|(r, b)| (pattern.roles[r].clone(), b))
                            .collect(),
                    });
                    start = end;
                }
                None => start += 1,
            }
            state.bound.clear();
        }
        out
    }
}

/// The roles bound so far, in the order they were bound; a role in a repeat is bound once
/// each time round ("{part:count}" in a list).
struct State {
    bound: Vec<(usize, Bound)>,
}

impl State {
    /// The first binding of role `role`.
    fn first(&self, role: usize) -> Option<Bound> {
        self.bound.iter().find(|(r, _)| *r == role).map(|&(_, b)| b)
    }

    /// Binds `role` to `bound` for as long as `then` tries to go on from there.
    fn bind(&mut self, role: usize, bound: Bound, then: impl FnOnce(&mut State) -> bool) -> bool {
        self.bound.push((role, bound));
        if then(self) {
            return true;
        }
        self.bound.pop();
        false
    }
}

/// The most tokens a `{paren}` spans.
const MAX_PAREN: usize = 24;

struct Cx<'a> {
    grammar: &'a Grammar,
    tokens: &'a [Token],
    judge: &'a dyn Judge,
}

type Then<'k> = dyn FnMut(usize, &mut State) -> bool + 'k;

impl Cx<'_> {
    /// Matches `items` from token `at`, calling `then` with where each way of matching ends
    /// until it returns true.
    fn items(&self, items: &[Item], at: usize, state: &mut State, then: &mut Then) -> bool {
        let Some((first, rest)) = items.split_first() else {
            return then(at, state);
        };
        self.repeat(first, rest, 0, at, state, then)
    }

    /// `item` matched `count` times so far, ending at `at`; then the `rest`.
    fn repeat(
        &self,
        item: &Item,
        rest: &[Item],
        count: u8,
        at: usize,
        state: &mut State,
        then: &mut Then,
    ) -> bool {
        // Greedy: one more if allowed, else (or failing that) the rest.
        if count < item.max {
            let more = self.atom(&item.atom, at, state, &mut |end, state| {
                // A repeat must move on, or it would loop.
                (end > at || item.max == 1) && self.repeat(item, rest, count + 1, end, state, then)
            });
            if more {
                return true;
            }
        }
        count >= item.min && self.items(rest, at, state, then)
    }

    fn atom(&self, atom: &Atom, at: usize, state: &mut State, then: &mut Then) -> bool {
        let tokens = self.tokens;
        if let Atom::End = atom {
            let ends = tokens.get(at).is_none_or(|t| match t.tok {
                Tok::Punct(c) => crate::segment::breaks_clause(c) || c == '-',
                Tok::Word => self.judge.text(t).eq_ignore_ascii_case("but"),
                Tok::Figure(_) => false,
            });
            return ends && then(at, state);
        }
        let Some(token) = tokens.get(at) else {
            return false;
        };
        match atom {
            Atom::Words(words) => {
                token.is_word()
                    && words
                        .iter()
                        .any(|w| self.judge.text(token).eq_ignore_ascii_case(w))
                    && then(at + 1, state)
            }
            Atom::Punct(c) => token.tok == Tok::Punct(*c) && then(at + 1, state),
            Atom::Class(id) => {
                let lengths: Vec<usize> =
                    lengths(&self.grammar.classes, *id, tokens, at, self.judge).collect();
                lengths.into_iter().any(|n| then(at + n, state))
            }
            Atom::WordRole { role, classes } => {
                for &class in classes {
                    let lengths: Vec<usize> =
                        lengths(&self.grammar.classes, class, tokens, at, self.judge).collect();
                    for n in lengths {
                        let words = Bound::Words {
                            start: at,
                            end: at + n,
                            class,
                        };
                        if state.bind(*role, words, |state| then(at + n, state)) {
                            return true;
                        }
                    }
                }
                false
            }
            Atom::Slot { role, kinds, like } => {
                let Some(figure) = token.figure() else {
                    return false;
                };
                if !kinds.iter().any(|&k| self.judge.is(figure, k)) {
                    return false;
                }
                if let Some(like) = like {
                    match state.first(*like) {
                        Some(Bound::Figure(other)) if self.judge.comparable(other, figure) => {}
                        // The role it must stand beside is bound later, or not at all.
                        None => {}
                        _ => return false,
                    }
                }
                match role {
                    Some(role) => {
                        state.bind(*role, Bound::Figure(figure), |state| then(at + 1, state))
                    }
                    None => then(at + 1, state),
                }
            }
            Atom::Gap(n, not) => {
                let classes = &self.grammar.classes;
                let words = tokens[at..]
                    .iter()
                    .take(usize::from(*n))
                    .take_while(|t| {
                        t.is_word()
                            && not.is_none_or(|c| {
                                let w = self.judge.text(t);
                                !classes
                                    .phrases(c)
                                    .iter()
                                    .any(|p| p.len() == 1 && p[0].eq_ignore_ascii_case(w))
                            })
                    })
                    .count();
                (0..=words).rev().any(|k| then(at + k, state))
            }
            Atom::Paren => {
                if token.tok != Tok::Punct('(') {
                    return false;
                }
                let mut depth = 0;
                for (k, t) in tokens[at..].iter().enumerate().take(MAX_PAREN) {
                    match t.tok {
                        Tok::Punct('(') => depth += 1,
                        Tok::Punct(')') => {
                            depth -= 1;
                            if depth == 0 {
                                return then(at + k + 1, state);
                            }
                        }
                        _ => {}
                    }
                }
                false
            }
            Atom::Adjunct => {
                let grammar = self.grammar;
                grammar
                    .adjunct
                    .iter()
                    .any(|alternative| self.items(alternative, at, state, then))
            }
            Atom::Group(alternatives) => alternatives
                .iter()
                .any(|alternative| self.items(alternative, at, state, then)),
            Atom::End => unreachable!("matched above"),
        }
    }
}

struct Parser<'a> {
    chars: Vec<char>,
    at: usize,
    /// How many groups `[…]` the parser is inside: there `|` parts alternatives, outside it
    /// joins words ("up|down").
    depth: usize,
    roles: Vec<String>,
    classes: &'a WordClasses,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_space();
        self.chars.get(self.at).copied()
    }

    /// `seq | seq | …` up to a closing `]` or the end.
    fn sequence_alternatives(&mut self) -> Result<Vec<Vec<Item>>, String> {
        let mut alternatives = vec![self.sequence()?];
        while self.peek() == Some('|') {
            self.at += 1;
            alternatives.push(self.sequence()?);
        }
        Ok(alternatives)
    }

    fn sequence(&mut self) -> Result<Vec<Item>, String> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ']' {
                break;
            }
            let atom = self.atom()?;
            let (min, max) = match self.chars.get(self.at) {
                Some('?') => (0, 1),
                Some('*') => (0, u8::MAX),
                Some('+') => (1, u8::MAX),
                _ => (1, 1),
            };
            if max != 1 || min != 1 {
                self.at += 1;
            }
            items.push(Item { atom, min, max });
        }
        Ok(items)
    }

    fn word(&mut self) -> String {
        let start = self.at;
        while self
            .chars
            .get(self.at)
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '_' | '.'))
        {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    fn class(&mut self) -> Result<usize, String> {
        let name = self.word();
        self.classes
            .id(&name)
            .ok_or_else(|| format!("no word class `@{name}`"))
    }

    fn role(&mut self, name: &str) -> usize {
        match self.roles.iter().position(|r| r == name) {
            Some(i) => i,
            None => {
                self.roles.push(name.to_string());
                self.roles.len() - 1
            }
        }
    }

    fn atom(&mut self) -> Result<Atom, String> {
        let c = self.chars[self.at];
        match c {
            '[' => {
                self.at += 1;
                self.depth += 1;
                let alternatives = self.sequence_alternatives()?;
                self.depth -= 1;
                if self.peek() != Some(']') {
                    return Err("a group `[` is not closed".into());
                }
                self.at += 1;
                Ok(Atom::Group(alternatives))
            }
            '@' => {
                self.at += 1;
                Ok(Atom::Class(self.class()?))
            }
            '{' => {
                self.at += 1;
                let end = (self.at..self.chars.len())
                    .find(|&i| self.chars[i] == '}')
                    .ok_or("a slot `{` is not closed")?;
                let inside: String = self.chars[self.at..end].iter().collect();
                self.at = end + 1;
                self.slot(inside.trim())
            }
            '\'' if self.chars.get(self.at + 1) == Some(&'s') => {
                self.at += 2;
                Ok(Atom::Words(vec!["'s".into(), "’s".into()]))
            }
            c if c.is_alphanumeric() => {
                let mut words = vec![self.word().to_lowercase()];
                while self.depth == 0
                    && self.chars.get(self.at) == Some(&'|')
                    && self
                        .chars
                        .get(self.at + 1)
                        .is_some_and(|c| c.is_alphanumeric())
                {
                    self.at += 1;
                    words.push(self.word().to_lowercase());
                }
                Ok(Atom::Words(words))
            }
            c if ",.;:()-\"'/&$%".contains(c) => {
                self.at += 1;
                Ok(Atom::Punct(c))
            }
            c => Err(format!("unexpected `{c}`")),
        }
    }

    /// The inside of `{…}`: `adjunct`, `paren`, `gap:N`, `kind`, `role:kinds`, `role:kinds~other`
    /// or `role:@class|@class`.
    fn slot(&mut self, inside: &str) -> Result<Atom, String> {
        match inside {
            "adjunct" => return Ok(Atom::Adjunct),
            "paren" => return Ok(Atom::Paren),
            "end" => return Ok(Atom::End),
            _ => {}
        }
        if let Some(gap) = inside.strip_prefix("gap:") {
            // "{gap:2}", "{gap:2 -@not-noun}": words, none of that class.
            let (n, not) = match gap.split_once('-') {
                Some((n, class)) => {
                    let class = class.trim().trim_start_matches('@');
                    let id = self
                        .classes
                        .id(class)
                        .ok_or_else(|| format!("no word class `@{class}`"))?;
                    (n.trim(), Some(id))
                }
                None => (gap.trim(), None),
            };
            let n = n
                .parse()
                .map_err(|_| format!("`{{gap:{n}}}` needs a number up to 255"))?;
            return Ok(Atom::Gap(n, not));
        }
        let (role, what) = match inside.split_once(':') {
            Some((role, what)) => (Some(role.trim()), what.trim()),
            None => (None, inside),
        };
        if what.starts_with('@') {
            let role = role.ok_or("a bound word class needs a role: `{role:@class}`")?;
            let mut classes = Vec::new();
            for name in what.split('|') {
                let name = name.trim().trim_start_matches('@');
                classes.push(
                    self.classes
                        .id(name)
                        .ok_or_else(|| format!("no word class `@{name}`"))?,
                );
            }
            let role = self.role(role);
            return Ok(Atom::WordRole { role, classes });
        }
        let (kinds, like) = match what.split_once('~') {
            Some((kinds, like)) => (kinds, Some(like.trim())),
            None => (what, None),
        };
        let mut ids = Vec::new();
        for kind in kinds.split('|') {
            let kind = kind.trim();
            ids.push(
                KINDS.iter().position(|k| *k == kind).ok_or_else(|| {
                    format!("no figure kind `{kind}` (kinds: {})", KINDS.join(", "))
                })?,
            );
        }
        let like = like.map(|l| self.role(l));
        let role = role.map(|r| self.role(r));
        Ok(Atom::Slot {
            role,
            kinds: ids,
            like,
        })
    }
}

/// A pattern and the sentences it must and must not link, as a rule's TOML writes them.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternDoc {
    pub name: String,
    pub pattern: String,
    /// Sentences the pattern must link.
    #[serde(default)]
    pub link: Vec<String>,
    /// Sentences in which the rule must link nothing.
    #[serde(default, rename = "not")]
    pub not_link: Vec<String>,
    /// Anything else the rule reads of the pattern (a direction, a flag), as written.
    #[serde(default)]
    pub with: BTreeMap<String, String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::Text;

    /// The roles `pattern` binds in the first sentence of `text`, as written.
    fn bound(pattern: &str, text: &str) -> Vec<Vec<(String, String)>> {
        let source = crate::source::Source::new("a.txt", text);
        let doc = crate::ingest::ingest(&source, crate::ingest::InputFormat::Text);
        let sentences = crate::segment::sentences(&doc);
        let mentions = crate::extract::extract(&doc, &sentences);
        let figures = crate::normalize::normalize(mentions, None);
        let prose = doc.unwrapped();
        let text = Text::new(&prose, &figures, &sentences);
        let lex = crate::lexicon::builtin();
        let grammar = Grammar::new(lex.classes.clone(), &lex.adjunct).unwrap();
        let pattern = grammar.compile(pattern).unwrap();
        text.find(&grammar, &pattern, 0)
            .into_iter()
            .map(|m| {
                m.bound
                    .iter()
                    .map(|(role, b)| {
                        let span = match b {
                            Bound::Figure(f) => figures[*f].mention.span.clone(),
                            Bound::Words { start, end, .. } => {
                                let t = text.tokens(0);
                                t[*start].span.start..t[*end - 1].span.end
                            }
                        };
                        (role.clone(), prose[span].to_string())
                    })
                    .collect()
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn slots_words_marks_and_groups() {
        assert_eq!(
            bound(
                "{part:count} out? of [the|its]? {whole:count~part} {gap:4} [( {p:percent} ) | , or? {p:percent} {end}]",
                "Only 18 of the 40 members (45%) voted."
            ),
            [pairs(&[("part", "18"), ("whole", "40"), ("p", "45%")])]
        );
        assert_eq!(
            bound(
                "{a:amount} , {dir:@up|@down} from {b:amount~a}",
                "It was 5%, up from 4%."
            ),
            [pairs(&[("a", "5%"), ("dir", "up"), ("b", "4%")])]
        );
    }

    #[test]
    fn inside_a_group_a_bar_parts_alternatives_of_several_words() {
        assert_eq!(
            bound(
                "{a:count} of [the|all the|all]? {b:count}",
                "Then 5 of all the 9 left."
            ),
            [pairs(&[("a", "5"), ("b", "9")])]
        );
        assert_eq!(
            bound("{a:count} up|down", "It was 5 down."),
            [pairs(&[("a", "5")])]
        );
    }

    #[test]
    fn a_repeated_role_is_bound_each_time() {
        assert_eq!(
            bound(
                "{t:count} : {p:count} [, {p:count}]* and {p:count}",
                "Of 120: 70, 20, 10 and 20 left."
            ),
            [pairs(&[
                ("t", "120"),
                ("p", "70"),
                ("p", "20"),
                ("p", "10"),
                ("p", "20")
            ])]
        );
    }

    #[test]
    fn gaps_take_words_only_and_end_matches_no_token() {
        assert_eq!(
            bound(
                "{a:count} {gap:2} {end}",
                "There were 40 red apples, then more."
            ),
            [pairs(&[("a", "40")])]
        );
        assert!(
            bound(
                "{a:count} {gap:1} {end}",
                "There were 40 red apples, then more."
            )
            .is_empty()
        );
    }

    #[test]
    fn patterns_that_do_not_compile_say_why() {
        let lex = crate::lexicon::builtin();
        let grammar = Grammar::new(lex.classes.clone(), &lex.adjunct).unwrap();
        for (pattern, why) in [
            ("{a:money", "not closed"),
            ("[a b", "not closed"),
            ("@nosuchclass", "no word class"),
            ("{a:nosuchkind}", "no figure kind"),
            ("{gap:x}", "needs a number"),
        ] {
            let e = grammar.compile(pattern).unwrap_err();
            assert!(e.contains(why), "{pattern}: {e}");
        }
    }
}
