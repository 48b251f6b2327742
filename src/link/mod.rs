//! Link: figures into [`Claim`]s — the relations the rules check (DESIGN §3b).
//!
//! Each sentence becomes a stream of [`tokens`] — figures, words, punctuation — and relations
//! are found by [`patterns`] over those streams: sequences of slots written in the rules' TOML
//! files, each with sentences it must link and must not. What a pattern cannot say is a named
//! predicate here ([`Text::comparable`], the figure kinds of [`Text::is`]). Each rule's linker
//! (`rules/`) runs its patterns over the [`Text`] and turns matches into claims; a false alarm
//! is prevented by knowing what a sentence says, not by refusing to link.

pub mod patterns;
pub mod tokens;

use std::cell::OnceCell;
use std::ops::Range;

use rust_decimal::Decimal;

use crate::extract::{DateExpr, MentionKind, Payload, Year};
use crate::lexicon::{Lower, WordClasses, lexicon};
use crate::normalize::Figure;
use crate::segment::Sentence;
use crate::source::Span;
use patterns::{Grammar, Index, Judge, Match, Pattern, Words, kind_bit};
use tokens::{Tok, Token};

/// A relation between figures that a rule checks: which figure plays which role, and what else
/// the words said of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The rule whose linker found the relation (the first of its family in the registry).
    pub rule: &'static str,
    /// The pattern or linker that found it, by name: "up-from", "repeated"; patterns that
    /// found it together are joined by "+" ("size-before+to-from").
    pub how: String,
    /// Each figure of the relation with its role ("from", "to", "percent"), in text order.
    pub roles: Vec<(&'static str, usize)>,
    pub detail: Detail,
}

impl Claim {
    pub fn new(rule: &'static str, how: &str, roles: Vec<(&'static str, usize)>) -> Claim {
        let mut roles = roles;
        roles.sort_by_key(|&(_, f)| f);
        Claim {
            rule,
            how: how.to_string(),
            roles,
            detail: Detail::None,
        }
    }

    pub fn with(mut self, detail: Detail) -> Claim {
        self.detail = detail;
        self
    }

    /// The figure playing `role`, the first when several do.
    pub fn figure(&self, role: &str) -> Option<usize> {
        self.roles.iter().find(|(r, _)| *r == role).map(|&(_, f)| f)
    }

    /// Every figure playing `role`, in text order.
    pub fn all(&self, role: &str) -> Vec<usize> {
        self.roles
            .iter()
            .filter(|(r, _)| *r == role)
            .map(|&(_, f)| f)
            .collect()
    }

    /// Every figure of the relation.
    pub fn figures(&self) -> Vec<usize> {
        self.roles.iter().map(|&(_, f)| f).collect()
    }
}

/// What a relation's words say besides its figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Detail {
    #[default]
    None,
    /// A change: up (`Some(true)`), down, or not said ("compared with"); perhaps a multiple
    /// ("doubled", written at `word`).
    Change {
        rising: Option<bool>,
        multiple: Option<Multiple>,
        /// A comparison ("10.7%, less than the 13.7% rise") rather than a change over time.
        than: bool,
    },
    /// Parts and their total; not `exhaustive` after "including", "of whom".
    Parts { exhaustive: bool },
    /// A count and the list after it: between `items.0` and `items.1` items (an "and" inside
    /// an item may join two names or part them), written at `list`.
    Count {
        items: (usize, usize),
        list: Span,
        exhaustive: bool,
    },
}

/// "doubled", "more than tripled", "rose fivefold": the factor, its hedge and its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Multiple {
    pub factor: Decimal,
    pub bound: Bound,
    pub word: (usize, usize),
}

/// How a multiple is hedged: "doubled", "more than doubled", "nearly doubled".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Exact,
    MoreThan,
    Nearly,
}

/// A relation that was not linked because the sentence allows more than one reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlinked {
    pub rule: &'static str,
    /// The figure the relation would have been about.
    pub figure: usize,
    pub reason: String,
}

/// A bare number that a relation reads in the unit, currency or scale of the figure beside
/// it: "77.2 mln" after "84.6 mln dlrs", "nine" after "six months".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Carry {
    pub figure: usize,
    pub from: usize,
}

/// The most figures a sentence may hold for the links that compare every figure of a sentence
/// with the others (rate, period and total; ranges and lengths; ages and years). A sentence
/// with more (a table pasted as prose) is left to the patterns, and `--verbose` says so.
pub const MAX_SENTENCE_FIGURES: usize = 64;

/// The document as the linkers read it: its prose, its figures and each sentence's tokens.
pub struct Text<'a> {
    pub prose: &'a str,
    pub figures: &'a [Figure],
    pub sentences: &'a [Sentence],
    /// The figures of each sentence, as a range of indices.
    runs: Vec<Range<usize>>,
    tokens: Vec<OnceCell<Vec<Token>>>,
    /// Each sentence's tokens as words in lower case ("" for a figure or a mark).
    lower: Vec<OnceCell<Lower>>,
    /// Each sentence as the grammar reads it (there is one grammar).
    index: Vec<OnceCell<Index>>,
    /// The kinds of each figure ([`patterns::KINDS`]), as bits, made when first asked for.
    kinds: OnceCell<Vec<u32>>,
}

impl<'a> Text<'a> {
    pub fn new(prose: &'a str, figures: &'a [Figure], sentences: &'a [Sentence]) -> Text<'a> {
        let mut runs = vec![0..0; sentences.len()];
        let mut i = 0;
        while i < figures.len() {
            let s = figures[i].mention.sentence;
            let start = i;
            while i < figures.len() && figures[i].mention.sentence == s {
                i += 1;
            }
            if let Some(run) = runs.get_mut(s) {
                *run = start..i;
            }
        }
        Text {
            prose,
            figures,
            sentences,
            runs,
            tokens: (0..sentences.len()).map(|_| OnceCell::new()).collect(),
            lower: (0..sentences.len()).map(|_| OnceCell::new()).collect(),
            index: (0..sentences.len()).map(|_| OnceCell::new()).collect(),
            kinds: OnceCell::new(),
        }
    }

    /// The figures of sentence `s`, as a range of indices.
    pub fn run(&self, s: usize) -> Range<usize> {
        self.runs.get(s).cloned().unwrap_or(0..0)
    }

    /// The sentences that hold at least `n` figures, in order.
    pub fn sentences_with(&self, n: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.sentences.len()).filter(move |&s| self.runs[s].len() >= n)
    }

    /// The tokens of sentence `s`, made when first asked for.
    pub fn tokens(&self, s: usize) -> &[Token] {
        self.tokens[s].get_or_init(|| {
            tokens::tokens(
                self.prose,
                &self.sentences[s].span,
                self.figures,
                self.run(s),
            )
        })
    }
    /// The tokens of sentence `s` as words in lower case, as word classes hold them: "" for a
    /// figure or a mark.
    pub fn lower(&self, s: usize) -> &Lower {
        self.lower[s].get_or_init(|| {
            self.tokens(s)
                .iter()
                .map(|t| if t.is_word() { self.word(t) } else { "" })
                .collect()
        })
    }

    /// Where figure `f` stands among its sentence's tokens.
    pub fn token_of(&self, f: usize) -> Option<usize> {
        let s = self.figures[f].mention.sentence;
        self.tokens(s).iter().position(|t| t.tok == Tok::Figure(f))
    }

    pub fn word(&self, token: &Token) -> &'a str {
        &self.prose[token.span.clone()]
    }

    /// The length, in tokens, of the longest phrase of the word class `class` that starts at
    /// token `at` of sentence `s`.
    pub fn phrase_at(
        &self,
        classes: &WordClasses,
        class: &str,
        s: usize,
        at: usize,
    ) -> Option<usize> {
        let id = classes.id(class)?;
        classes.lengths_at(id, self.lower(s), at).next()
    }

    /// The tokens of the clause of sentence `s` that holds token `t`: from the mark that ends
    /// a clause before it to the next (a comma, semicolon, colon, bracket or dash).
    pub fn clause_around(&self, s: usize, t: usize) -> Range<usize> {
        let tokens = self.tokens(s);
        let breaks = |k: &usize| {
            tokens[*k]
                .punct()
                .is_some_and(|c| c == '-' || crate::segment::breaks_clause(c))
        };
        let start = (0..t.min(tokens.len()))
            .rev()
            .find(breaks)
            .map_or(0, |k| k + 1);
        let end = (t..tokens.len()).find(breaks).unwrap_or(tokens.len());
        start..end
    }

    /// Every match of `pattern` in sentence `s`.
    pub fn find(&self, grammar: &Grammar, pattern: &Pattern, s: usize) -> Vec<Match> {
        self.find_in(grammar, pattern, &self.words(grammar, s))
    }

    /// Sentence `s` as `grammar` reads it, for [`Text::find_in`]. Which classes start where
    /// is worked out once a sentence: every relation reads it with the one grammar
    /// ([`crate::rules::grammar`]).
    pub fn words(&self, grammar: &Grammar, s: usize) -> Words<'_> {
        let (tokens, lower) = (self.tokens(s), self.lower(s));
        Words {
            tokens,
            lower,
            index: self.index[s].get_or_init(|| grammar.index(tokens, lower, |f| self.kinds(f))),
        }
    }

    /// Every match of `pattern` in a sentence's `words`.
    pub fn find_in(&self, grammar: &Grammar, pattern: &Pattern, words: &Words) -> Vec<Match> {
        grammar.find_all(pattern, words, &Judged { text: self })
    }

    /// Whether figure `f` is of the kind named `KINDS[kind]` (see [`patterns::KINDS`]).
    pub fn is(&self, f: usize, kind: &str) -> bool {
        patterns::KINDS
            .iter()
            .position(|k| *k == kind)
            .is_some_and(|k| self.kinds(f) & 1 << k != 0)
    }

    /// How many figures sentence `s` holds and the kinds of any of them, as bits: at least
    /// what its tokens hold (a figure inside another is not a token).
    pub fn figure_kinds(&self, s: usize) -> (usize, u32) {
        let run = self.run(s);
        let kinds = run.clone().fold(0, |all, f| all | self.kinds(f));
        (run.len(), kinds)
    }

    /// The kinds figure `f` is of ([`patterns::KINDS`]), as bits: worked out once a document.
    fn kinds(&self, f: usize) -> u32 {
        self.kinds
            .get_or_init(|| self.figures.iter().map(kinds_of).collect())[f]
    }

    /// Whether figures `a` and `b` can be two values of one thing: two counts, two amounts of
    /// one currency or one dimension, two percentages, two rates of one unit — or a bare
    /// number beside any of them, which then reads in the other's unit ([`Text::carry`]).
    pub fn comparable(&self, a: usize, b: usize) -> bool {
        let (fa, fb) = (&self.figures[a], &self.figures[b]);
        if fa.central.is_none() || fb.central.is_none() {
            return false;
        }
        // "one in nine" against "one in 20", not against "35 million"; "2.37 dlrs a share"
        // against another amount a share, not against the company's "5.3 mln dlrs".
        if self.ratio(a) != self.ratio(b) {
            return false;
        }
        // "2.45 dlrs a share, up from 2.18 dlrs": the second is a share's too, said once; but
        // not the company's "5.3 mln dlrs".
        if self.per_share(a) != self.per_share(b) && !near(fa, fb) {
            return false;
        }
        let lex = lexicon();
        match (&fa.mention.payload, &fb.mention.payload) {
            (Payload::Number(_), Payload::Number(_)) => {
                let (ka, kb) = (fa.mention.kind, fb.mention.kind);
                // "rose to 5.4% from 5.1": a small bare number takes the percent sign.
                let percent_like = |f: usize| {
                    self.bare(f)
                        && self.figures[f].amount().is_some_and(|n| {
                            n.multiplier == Decimal::ONE && n.value.abs() <= Decimal::ONE_HUNDRED
                        })
                };
                ka == kb
                    || (percent_like(a) && kb == MentionKind::Percent)
                    || (percent_like(b) && ka == MentionKind::Percent)
            }
            (Payload::Money { currency: c, .. }, Payload::Money { currency: d, .. }) => {
                same_currency(c, d)
            }
            (Payload::Quantity { unit: u, .. }, Payload::Quantity { unit: v, .. }) => {
                lex.units[*u].dimension == lex.units[*v].dimension
            }
            (Payload::Duration { unit: u, .. }, Payload::Duration { unit: v, .. }) => u == v,
            (
                Payload::Rate {
                    unit: u, per: p, ..
                },
                Payload::Rate {
                    unit: v, per: q, ..
                },
            ) => u == v && p == q,
            (
                Payload::Money { .. } | Payload::Quantity { .. } | Payload::Duration { .. },
                Payload::Number(_),
            ) => self.bare(b) && near(&self.carried(b, a), fa),
            (
                Payload::Number(_),
                Payload::Money { .. } | Payload::Quantity { .. } | Payload::Duration { .. },
            ) => self.bare(a) && near(&self.carried(a, b), fb),
            _ => false,
        }
    }

    /// A bare number: a plain number with no noun of its own after it, which can take the
    /// unit of a figure it is paired with ("up from 77.2 mln a year earlier").
    pub fn bare(&self, f: usize) -> bool {
        let figure = &self.figures[f];
        if figure.mention.kind != MentionKind::Number || self.ratio(f) {
            return false;
        }
        // "the 412", "the 305 Sport": a whole number right after an article names a thing.
        let plain_integer = figure.amount().is_some_and(|n| {
            n.multiplier == Decimal::ONE && !n.digits.contains('.') && !n.digits.is_empty()
        });
        if plain_integer && matches!(figure.mention.lead.as_str(), "the" | "a" | "an") {
            return false;
        }
        let s = figure.mention.sentence;
        let tokens = self.tokens(s);
        let Some(at) = tokens.iter().position(|t| t.tok == Tok::Figure(f)) else {
            return false;
        };
        match tokens.get(at + 1) {
            None => true,
            Some(t) if !t.is_word() => true,
            Some(t) => {
                let word = self.word(t).to_ascii_lowercase();
                lexicon().classes.has("after-bare", &word)
            }
        }
    }

    /// A ratio read as one number: "one in nine", "120 out of 400".
    pub fn ratio(&self, f: usize) -> bool {
        let figure = &self.figures[f];
        if figure.mention.kind != MentionKind::Number {
            return false;
        }
        let text = &self.prose[figure.mention.span.clone()];
        text.contains(" in ") || text.contains(" out of ")
    }

    /// An amount for each share, unit or head: "2.37 dlrs a share", "65 cts per share".
    pub fn per_share(&self, f: usize) -> bool {
        let Some(at) = self.token_of(f) else {
            return false;
        };
        let tokens = self.tokens(self.figures[f].mention.sentence);
        let word = |k: usize| {
            tokens
                .get(k)
                .filter(|t| t.is_word())
                .map(|t| self.word(t).to_ascii_lowercase())
        };
        matches!(word(at + 1).as_deref(), Some("a" | "per" | "each"))
            && matches!(
                word(at + 2).as_deref(),
                Some("share" | "shr" | "unit" | "head")
            )
    }

    /// The figure `f` read in the unit, currency (and, when its own reading is far off, the
    /// scale) of `from`: what [`Carry`] does before the rules check a relation.
    pub fn carried(&self, f: usize, from: usize) -> Figure {
        carry(&self.figures[f], &self.figures[from])
    }
}

/// Whether a bare number read in another figure's unit lands within a hundred times of it
/// either way: "48,350 dlrs … the 412X 3" is no change from one to the other.
fn near(carried: &Figure, other: &Figure) -> bool {
    match (carried.central, other.central) {
        (Some(a), Some(b)) if !a.is_zero() && !b.is_zero() => {
            let ratio = (a / b).abs();
            ratio < Decimal::ONE_HUNDRED && ratio > Decimal::new(1, 2)
        }
        _ => false,
    }
}

/// Two currencies that may be one: the same, or a dollar said without its country beside one
/// said with it ("2.65 billion H.K. dlrs ... 339.8 mln dlrs").
pub fn same_currency(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let lex = lexicon();
    let dollar = |code: &str| {
        lex.currencies
            .iter()
            .find(|c| c.code == code)
            .is_some_and(|c| c.name.ends_with("ollar"))
    };
    (a == "$" && dollar(b)) || (b == "$" && dollar(a))
}

/// `figure` read in the unit or currency of `like` (which has one and `figure` does not), with
/// `like`'s scale too when `figure` has none and the two would otherwise be a hundred times
/// apart or more ("rose to 2.8 billion dlrs from 2.3").
pub fn carry(figure: &Figure, like: &Figure) -> Figure {
    let Payload::Number(num) = &figure.mention.payload else {
        return figure.clone();
    };
    let mut num = num.clone();
    let mut out = figure.clone();
    if let (Some(theirs), Some(value)) = (like.amount(), like.central)
        && num.multiplier == Decimal::ONE
        && theirs.multiplier > Decimal::ONE
        && !num.value.is_zero()
        && let Some(ratio) = value.checked_div(num.value)
        && ratio.abs() >= Decimal::ONE_HUNDRED
        && let Some(scaled) = num.value.checked_mul(theirs.multiplier)
    {
        num.value = scaled;
        num.multiplier = theirs.multiplier;
        out.central = Some(scaled);
        out.interval = out
            .interval
            .map(|i| i.mul(&crate::interval::Interval::exact(theirs.multiplier)));
    }
    // A count read in another figure's unit is a measure, at its written precision.
    if out.mention.kind == MentionKind::Number && crate::normalize::is_count(&num) {
        out.interval = Some(crate::normalize::measured(&num, out.mention.hedge));
    }
    out.mention.payload = match &like.mention.payload {
        Payload::Money { currency, .. } => Payload::Money {
            amount: num,
            currency: currency.clone(),
        },
        Payload::Quantity { unit, stuff, .. } => Payload::Quantity {
            amount: num,
            unit: *unit,
            stuff: stuff.clone(),
        },
        Payload::Duration { unit, .. } => Payload::Duration {
            amount: num,
            unit: *unit,
        },
        _ => Payload::Number(num),
    };
    out.mention.kind = like.mention.kind;
    out
}

struct Judged<'t, 'a> {
    text: &'t Text<'a>,
}

impl Judge for Judged<'_, '_> {
    fn kinds(&self, figure: usize) -> u32 {
        self.text.kinds(figure)
    }

    fn comparable(&self, a: usize, b: usize) -> bool {
        self.text.comparable(a, b)
    }
}

/// The kinds `figure` is of ([`patterns::KINDS`]), as bits.
fn kinds_of(figure: &Figure) -> u32 {
    let m = &figure.mention;
    // "the week ended March nine": a number after a month's name is its day, not an amount.
    let day_number = m.kind == MentionKind::Number
        && lexicon()
            .months
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(&m.lead));
    let amount = matches!(
        m.kind,
        MentionKind::Number
            | MentionKind::Money
            | MentionKind::Quantity
            | MentionKind::Percent
            | MentionKind::PercentagePoints
            | MentionKind::Rate
            | MentionKind::Duration
    ) && figure.central.is_some();
    let count = m.kind == MentionKind::Number
        && figure
            .central
            .is_some_and(|v| v.fract().is_zero() && v >= Decimal::ZERO);
    let kinds: [(u32, bool); 19] = [
        (const { kind_bit("any") }, true),
        (const { kind_bit("amount") }, amount && !day_number),
        (
            const { kind_bit("number") },
            m.kind == MentionKind::Number && matches!(m.payload, Payload::Number(_)) && !day_number,
        ),
        (const { kind_bit("count") }, count && !day_number),
        (const { kind_bit("money") }, m.kind == MentionKind::Money),
        (
            const { kind_bit("quantity") },
            m.kind == MentionKind::Quantity,
        ),
        (
            const { kind_bit("percent") },
            m.kind == MentionKind::Percent,
        ),
        (
            const { kind_bit("points") },
            m.kind == MentionKind::PercentagePoints,
        ),
        (const { kind_bit("rate") }, m.kind == MentionKind::Rate),
        (
            const { kind_bit("duration") },
            m.kind == MentionKind::Duration,
        ),
        (const { kind_bit("age") }, m.kind == MentionKind::Age),
        (
            const { kind_bit("ordinal") },
            m.kind == MentionKind::Ordinal,
        ),
        (const { kind_bit("date") }, m.kind == MentionKind::Date),
        (
            const { kind_bit("day") },
            matches!(m.payload, Payload::Date(DateExpr::Day { .. })),
        ),
        (
            const { kind_bit("year") },
            matches!(m.payload, Payload::Date(DateExpr::Year(Year::Stated(_)))),
        ),
        (
            const { kind_bit("weekday") },
            m.kind == MentionKind::Weekday,
        ),
        (
            const { kind_bit("range") },
            m.kind == MentionKind::DateRange,
        ),
        // A range written with its two ends: "from June 3 to June 12", "1986-1990".
        (
            const { kind_bit("span") },
            matches!(m.payload, Payload::DateRange { start: Some(_), .. }),
        ),
        (
            const { kind_bit("numrange") },
            m.kind == MentionKind::NumberRange,
        ),
    ];
    kinds
        .iter()
        .filter(|(_, yes)| *yes)
        .fold(0, |bits, (bit, _)| bits | bit)
}
