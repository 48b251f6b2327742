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

use std::cell::OnceCell;
use std::collections::BTreeMap;

use super::tokens::{Tok, Token};
use crate::lexicon::{Lower, WordClasses, word_hash};

/// The figure kinds a slot can ask for, by name.
pub const KINDS: &[&str] = &[
    "any", "amount", "number", "count", "money", "quantity", "percent", "points", "rate",
    "duration", "age", "ordinal", "date", "day", "year", "weekday", "range", "span", "numrange",
];

/// The bit of the figure kind `name` among [`KINDS`], found when compiling.
pub const fn kind_bit(name: &str) -> u32 {
    let mut k = 0;
    while k < KINDS.len() {
        let kind = KINDS[k].as_bytes();
        let name = name.as_bytes();
        if kind.len() == name.len() {
            let mut i = 0;
            while i < kind.len() && kind[i] == name[i] {
                i += 1;
            }
            if i == kind.len() {
                return 1 << k;
            }
        }
        k += 1;
    }
    panic!("no such figure kind")
}

/// What the matcher asks of the figures and words it meets.
pub trait Judge {
    /// The kinds figure `figure` is of, as bits: bit `k` for `KINDS[k]`.
    fn kinds(&self, figure: usize) -> u32;
    /// Whether figure `b` can stand beside figure `a` in one relation: the same kind of
    /// amount, in one unit or currency (or one carried from the other).
    fn comparable(&self, a: usize, b: usize) -> bool;
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub text: String,
    items: Vec<Item>,
    /// The roles the pattern binds, by name; a binding's index is its role's place here.
    roles: Vec<String>,
    /// What every match reads, so that a sentence without it is passed over: the words,
    /// classes and marks of the pattern's required items, and how many figures it binds.
    needs: Vec<Need>,
    figures: usize,
    /// What a match may start with.
    first: First,
}

impl Pattern {
    /// Whether a sentence with `figures` figures, of the kinds `kinds` (as bits), may hold a
    /// match: asked before its words are read.
    pub fn may_hold(&self, figures: usize, kinds: u32) -> bool {
        figures >= self.figures
            && self.needs.iter().all(|need| match need {
                Need::Kinds(k) => kinds & k != 0,
                _ => true,
            })
    }
}

/// The tokens a sequence of items may start with, so that a position it cannot start at is
/// passed over without trying it.
#[derive(Debug, Clone, Default)]
struct First {
    /// Anything may come first (the sequence may start with a gap, or match no token).
    any: bool,
    figures: bool,
    /// Words, by [`word_hash`].
    words: Vec<u64>,
    /// Classes, as bits.
    classes: u128,
    puncts: Vec<char>,
}

impl First {
    /// What `items` may start with.
    fn of(items: &[Item], adjunct: &First) -> First {
        let mut first = First::default();
        for item in items {
            let nullable = match &item.atom {
                Atom::Words(words) => {
                    first.words.extend(words.iter().map(|(hash, _)| hash));
                    false
                }
                Atom::Class(id) => {
                    first.classes |= 1 << id;
                    false
                }
                Atom::WordRole { classes, .. } => {
                    for id in classes {
                        first.classes |= 1 << id;
                    }
                    false
                }
                Atom::Punct(c) => {
                    first.puncts.push(*c);
                    false
                }
                Atom::Paren => {
                    first.puncts.push('(');
                    false
                }
                Atom::Slot { .. } => {
                    first.figures = true;
                    false
                }
                Atom::Adjunct => {
                    first.add(adjunct);
                    adjunct.any
                }
                Atom::Group(alternatives, group) => {
                    first.add(group);
                    alternatives.iter().any(|a| First::of(a, adjunct).any) || group.any
                }
                Atom::Gap(..) | Atom::End => {
                    first.any = true;
                    return first;
                }
            };
            if item.min > 0 && !nullable {
                return first;
            }
        }
        // Every item may match nothing.
        first.any = true;
        first
    }

    fn add(&mut self, other: &First) {
        self.any |= other.any;
        self.figures |= other.figures;
        self.words.extend(other.words.iter().copied());
        self.classes |= other.classes;
        self.puncts.extend(other.puncts.iter().copied());
    }

    /// Whether the sequence may start at token `at` of a sentence (its tokens, each in lower
    /// case, and the classes that start at each, as bits).
    fn admits(&self, tokens: &[Token], index: &Index, at: usize) -> bool {
        self.any
            || match tokens[at].tok {
                Tok::Figure(_) => self.figures,
                Tok::Punct(c) => self.puncts.contains(&c),
                Tok::Word => {
                    index.each[at] & self.classes != 0 || self.words.contains(&index.hash_each[at])
                }
            }
    }
}

/// What a sentence must hold for a pattern to match in it.
#[derive(Debug, Clone)]
enum Need {
    /// One of these words, by [`word_hash`].
    Words(Vec<u64>),
    /// A phrase of one of these classes.
    Classes(Vec<usize>),
    Punct(char),
    /// A figure of one of these kinds, as bits.
    Kinds(u32),
}

impl Need {
    /// Whether a sentence may hold what is needed (a word is known by its hash, so a sentence
    /// rarely passes that holds none of the words: the match itself then fails).
    fn held(&self, index: &Index) -> bool {
        match self {
            Need::Words(hashes) => hashes.iter().any(|h| index.hashes.binary_search(h).is_ok()),
            Need::Classes(ids) => ids.iter().any(|&id| index.present & (1 << id) != 0),
            Need::Punct(c) => index.puncts.contains(c),
            Need::Kinds(kinds) => index.kinds & kinds != 0,
        }
    }

    /// What the items require: the atoms of the items that must match at least once, outside
    /// groups, and a figure of the kinds a required group's every alternative takes.
    fn of(items: &[Item]) -> (Vec<Need>, usize) {
        let mut needs = Vec::new();
        let mut figures = 0;
        for item in items.iter().filter(|i| i.min > 0) {
            match &item.atom {
                Atom::Words(words) => {
                    needs.push(Need::Words(words.iter().map(|(hash, _)| *hash).collect()))
                }
                Atom::Class(id) => needs.push(Need::Classes(vec![*id])),
                Atom::WordRole { classes, .. } => needs.push(Need::Classes(classes.clone())),
                Atom::Punct(c) => needs.push(Need::Punct(*c)),
                Atom::Slot { kinds, .. } => {
                    figures += usize::from(item.min);
                    needs.push(Need::Kinds(*kinds));
                }
                Atom::Group(alternatives, _) => {
                    if let Some(kinds) = alternatives
                        .iter()
                        .map(|a| Need::kinds_of(a))
                        .try_fold(0, |all, k| Some(all | k?))
                    {
                        needs.push(Need::Kinds(kinds));
                    }
                }
                _ => {}
            }
        }
        (needs, figures)
    }

    /// The kinds of the first figure `items` must hold, if they must hold one.
    fn kinds_of(items: &[Item]) -> Option<u32> {
        items
            .iter()
            .filter(|i| i.min > 0)
            .find_map(|item| match &item.atom {
                Atom::Slot { kinds, .. } => Some(*kinds),
                Atom::Group(alternatives, _) => alternatives
                    .iter()
                    .map(|a| Need::kinds_of(a))
                    .try_fold(0, |all, k| Some(all | k?)),
                _ => None,
            })
    }
}

#[derive(Debug, Clone)]
struct Item {
    atom: Atom,
    min: u8,
    max: u8,
}

#[derive(Debug, Clone)]
enum Atom {
    /// One of these words, each with its [`word_hash`].
    Words(Vec<(u64, String)>),
    Class(usize),
    Punct(char),
    Slot {
        role: Option<usize>,
        /// The kinds it takes, as bits: bit `k` for `KINDS[k]`.
        kinds: u32,
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
    /// Alternatives, and what any of them may start with.
    Group(Vec<Vec<Item>>, First),
}

impl Atom {
    fn words(words: Vec<String>) -> Atom {
        Atom::Words(words.into_iter().map(|w| (word_hash(&w), w)).collect())
    }
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
    /// What any adjunct may start with.
    adjunct_first: First,
}

impl Grammar {
    /// A grammar of `classes` whose `{adjunct}` is any of `adjuncts` (patterns themselves,
    /// which may not use `{adjunct}` or bind roles).
    pub fn new(classes: WordClasses, adjuncts: &[String]) -> Result<Grammar, String> {
        let mut grammar = Grammar {
            classes,
            adjunct: Vec::new(),
            adjunct_first: First::default(),
        };
        for text in adjuncts {
            let pattern = grammar.compile(text)?;
            if !pattern.roles.is_empty() {
                return Err(format!("adjunct `{text}` binds a role"));
            }
            grammar.adjunct.push(pattern.items);
        }
        // Adjuncts do not hold adjuncts: what they start with is their own first items'.
        let mut first = First::default();
        for items in &grammar.adjunct {
            first.add(&First::of(items, &First::default()));
        }
        grammar.adjunct_first = first;
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
            adjunct: &self.adjunct_first,
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
                atom: parser.group(alternatives),
                min: 1,
                max: 1,
            }],
        };
        let (needs, figures) = Need::of(&items);
        let first = First::of(&items, &self.adjunct_first);
        Ok(Pattern {
            text: text.to_string(),
            items,
            roles: parser.roles,
            needs,
            figures,
            first,
        })
    }

    /// Every match of `pattern` in `tokens`, leftmost first, none overlapping.
    /// What the grammar needs to know of a sentence, worked out once for every pattern: its
    /// `tokens`, each in lower case (`lower`, "" for a figure or a mark), and the kinds of
    /// each figure (`kinds`, as bits).
    pub fn index(&self, tokens: &[Token], lower: &Lower, kinds: impl Fn(usize) -> u32) -> Index {
        let hash_each: Vec<u64> = lower.iter().map(word_hash).collect();
        let each: Vec<u128> = hash_each
            .iter()
            .map(|&h| self.classes.starting(h))
            .collect();
        let present = each.iter().fold(0, |all, s| all | s);
        let mut hashes = hash_each.clone();
        hashes.sort_unstable();
        hashes.dedup();
        let mut puncts: Vec<char> = tokens.iter().filter_map(Token::punct).collect();
        puncts.sort_unstable();
        puncts.dedup();
        let figures: Vec<usize> = tokens.iter().filter_map(Token::figure).collect();
        Index {
            each,
            present,
            hash_each,
            hashes,
            puncts,
            kinds: figures.iter().fold(0, |all, &f| all | kinds(f)),
            figures: figures.len(),
            adjuncts: (0..lower.len()).map(|_| OnceCell::new()).collect(),
        }
    }

    /// Every match of `pattern` in a sentence's `words`, leftmost first, none overlapping.
    pub fn find_all(&self, pattern: &Pattern, words: &Words, judge: &dyn Judge) -> Vec<Match> {
        let mut out = Vec::new();
        let (tokens, lower, index) = (words.tokens, words.lower, words.index);
        // A sentence without what every match reads has none.
        if index.figures < pattern.figures || !pattern.needs.iter().all(|n| n.held(index)) {
            return out;
        }
        // A match starts where its first items can.
        let may_start = |at: usize| pattern.first.admits(tokens, index, at);
        let mut start = 0;
        let mut state = State { bound: Vec::new() };
        while start < tokens.len() {
            if !may_start(start) {
                start += 1;
                continue;
            }
            let mut found = None;
            let cx = Cx {
                grammar: self,
                tokens,
                lower,
                index,
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
    lower: &'a Lower,
    index: &'a Index,
    judge: &'a dyn Judge,
}

/// What the grammar knows of a sentence before it tries a pattern.
pub struct Index {
    /// The classes that start at each token, as bits.
    each: Vec<u128>,
    /// The classes that start anywhere in it.
    present: u128,
    /// Each token's [`word_hash`] of its lower case.
    hash_each: Vec<u64>,
    /// The hashes of its words, sorted.
    hashes: Vec<u64>,
    /// Its punctuation marks, sorted.
    puncts: Vec<char>,
    /// The kinds of its figures, as bits.
    kinds: u32,
    /// How many figures it holds.
    figures: usize,
    /// Where an adjunct that starts at each token may end, in the order the grammar tries
    /// them: an adjunct binds no role, so this is the same for every pattern and worked out
    /// once.
    adjuncts: Vec<OnceCell<Vec<usize>>>,
}

/// A sentence's tokens as a grammar reads them: each in lower case, and its [`Index`].
pub struct Words<'a> {
    pub tokens: &'a [Token],
    pub lower: &'a Lower,
    pub index: &'a Index,
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

    /// Where each adjunct that starts at token `at` ends, first tried first.
    fn adjunct_ends(&self, at: usize) -> Vec<usize> {
        let mut ends = Vec::new();
        let grammar = self.grammar;
        if !grammar.adjunct_first.admits(self.tokens, self.index, at) {
            return ends;
        }
        let mut none = State { bound: Vec::new() };
        for alternative in &grammar.adjunct {
            self.items(alternative, at, &mut none, &mut |end, _| {
                if !ends.contains(&end) {
                    ends.push(end);
                }
                false
            });
        }
        ends
    }

    fn atom(&self, atom: &Atom, at: usize, state: &mut State, then: &mut Then) -> bool {
        let tokens = self.tokens;
        if let Atom::End = atom {
            let ends = tokens.get(at).is_none_or(|t| match t.tok {
                Tok::Punct(c) => crate::segment::breaks_clause(c) || c == '-',
                Tok::Word => &self.lower[at] == "but",
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
                        .any(|(hash, w)| *hash == self.index.hash_each[at] && &self.lower[at] == w)
                    && then(at + 1, state)
            }
            Atom::Punct(c) => token.tok == Tok::Punct(*c) && then(at + 1, state),
            Atom::Class(id) => {
                if self.index.each[at] & (1 << id) == 0 {
                    return false;
                }
                let lengths: Vec<usize> = self
                    .grammar
                    .classes
                    .lengths_at(*id, self.lower, at)
                    .collect();
                lengths.into_iter().any(|n| then(at + n, state))
            }
            Atom::WordRole { role, classes } => {
                for &class in classes
                    .iter()
                    .filter(|&&c| self.index.each[at] & (1 << c) != 0)
                {
                    let lengths: Vec<usize> = self
                        .grammar
                        .classes
                        .lengths_at(class, self.lower, at)
                        .collect();
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
                if self.judge.kinds(figure) & kinds == 0 {
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
                let words = (at..tokens.len().min(at + usize::from(*n)))
                    .take_while(|&k| {
                        tokens[k].is_word()
                            && not.is_none_or(|c| !classes.has_id(c, &self.lower[k]))
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
            Atom::Adjunct => self.index.adjuncts[at]
                .get_or_init(|| self.adjunct_ends(at))
                .iter()
                .any(|&end| then(end, state)),
            Atom::Group(alternatives, first) => {
                first.admits(tokens, self.index, at)
                    && alternatives
                        .iter()
                        .any(|alternative| self.items(alternative, at, state, then))
            }
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
    /// What an adjunct may start with, for the groups that hold one.
    adjunct: &'a First,
}

impl Parser<'_> {
    /// A group of `alternatives`, with what any of them may start with.
    fn group(&self, alternatives: Vec<Vec<Item>>) -> Atom {
        let mut first = First::default();
        for alternative in &alternatives {
            first.add(&First::of(alternative, self.adjunct));
        }
        Atom::Group(alternatives, first)
    }

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
                Ok(self.group(alternatives))
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
                Ok(Atom::words(vec!["'s".into(), "’s".into()]))
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
                Ok(Atom::words(words))
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
        let mut bits = 0;
        for kind in kinds.split('|') {
            let kind = kind.trim();
            let k = KINDS
                .iter()
                .position(|k| *k == kind)
                .ok_or_else(|| format!("no figure kind `{kind}` (kinds: {})", KINDS.join(", ")))?;
            bits |= 1 << k;
        }
        let like = like.map(|l| self.role(l));
        let role = role.map(|r| self.role(r));
        Ok(Atom::Slot {
            role,
            kinds: bits,
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
