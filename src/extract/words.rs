//! Number phrases: numerals ("5,200", "1 234 567", ".08", "1.3e6", "3/4", "-4") and number
//! words ("one hundred and sixty-one", "two-thirds", "half a million", "five and a half
//! million", "twenty-first", "minus five point five"), alone or mixed ("3 hundred and 21",
//! "1.2 million", "£600m" is handled with money).
//!
//! The parser works on tokens (numerals, words, hyphens) and keeps to one grammar: groups
//! below a thousand, scales that close a group, "and" between parts, fractions whose
//! numerator is what came since the last "and", and a trailing ordinal.

use std::str::FromStr;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use crate::lexicon::{lexicon, start_of_last_word};
use crate::normalize::TAME_MAX;
use crate::pattern::Pattern;
use crate::source::Span;

/// A number phrase as found.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    pub span: Span,
    pub value: Decimal,
    /// The numeral as written when the phrase is one numeral, maybe with a scale ("5,200",
    /// "1.2" in "1.2 million"); empty when words or fractions make it an exact count.
    pub digits: String,
    pub multiplier: Decimal,
    pub ordinal: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A numeral's value, and its digits as written when it is a plain decimal.
    Numeral(Decimal, String),
    /// A word, with its role in a number phrase if it has one.
    Word(Option<Role>),
    Hyphen,
    /// One punctuation mark or symbol.
    Punct,
    /// Anything else: digits that start no number, letters mixed with digits.
    Other,
}

#[derive(Clone)]
struct Patterns {
    numeral: Pattern,
    plain: Pattern,
    power: Pattern,
    fraction: Pattern,
}

crate::pattern::grammar!(Patterns, make);

fn make() -> Patterns {
    let re = Pattern::new;
    Patterns {
        // The spaces that group thousands are written out, not escaped in a class, so that
        // the pattern has an ASCII build (see `pattern::compile_ascii`).
        numeral: re(concat!(
            r"^(?:(?:[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:",
            "(?: |\u{a0}|\u{202f})",
            r"[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
        )),
        plain: re(r"^[0-9]+"),
        power: re(r"^\s?(?:x|×)\s?10\^([-+]?[0-9]{1,3})"),
        fraction: re(r"^([0-9]{1,6})/([0-9]{1,6})"),
    }
}

/// 10^n, if it fits.
fn pow10(n: i64) -> Option<Decimal> {
    (0..n).try_fold(Decimal::ONE, |acc, _| acc.checked_mul(Decimal::TEN))
}

/// Unicode vulgar fractions.
const VULGAR: &[(char, i64, i64)] = &[
    ('½', 1, 2),
    ('⅓', 1, 3),
    ('⅔', 2, 3),
    ('¼', 1, 4),
    ('¾', 3, 4),
    ('⅕', 1, 5),
    ('⅖', 2, 5),
    ('⅗', 3, 5),
    ('⅘', 4, 5),
    ('⅙', 1, 6),
    ('⅚', 5, 6),
    ('⅛', 1, 8),
    ('⅜', 3, 8),
    ('⅝', 5, 8),
    ('⅞', 7, 8),
];

pub(super) fn vulgar(c: char) -> Option<Decimal> {
    // Every one is outside ASCII, as most characters of prose are not.
    if c.is_ascii() {
        return None;
    }
    VULGAR
        .iter()
        .find(|(v, _, _)| *v == c)
        .map(|(_, n, d)| Decimal::from(*n) / Decimal::from(*d))
}

/// Whether `numeral` and the text after its dash are a bond's price in 32nds, bid and asked
/// ("96.08-12": 96 8/32 bid, 96 12/32 asked): two digits after the point, two after the dash,
/// each below 32 and the asked above the bid. A range of decimals ("2.5-3.5%", "1.5-2 mln",
/// "8.25-30 pct") is not one.
fn bond_price(numeral: &str, after: &str) -> bool {
    let Some((_, bid)) = numeral.split_once('.') else {
        return false;
    };
    let asked: String = after.chars().take_while(char::is_ascii_digit).collect();
    let next = after[asked.len()..].chars().next();
    let (Ok(bid_32), Ok(asked_32)) = (bid.parse::<u32>(), asked.parse::<u32>()) else {
        return false;
    };
    let word = after[asked.len()..]
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    bid.len() == 2
        && asked.len() == 2
        && bid_32 < asked_32
        && asked_32 < 32
        && !next.is_some_and(|c| c == '.' || c == '%' || c.is_alphanumeric())
        && !["pct", "percent", "per"].contains(&word.to_lowercase().as_str())
}

/// The digits and points that end `head`: "96.08" of "at 96.08".
fn numeral_ending(head: &str) -> &str {
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// Whether a digit at `start` may begin a number, rather than continue a word, a name or
/// another number ("A380", "COVID-19", "F-16").
pub fn starts_number(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    match before.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '_' => false,
        // After a dot, only the next link of a chain such as "192.168.1.2" starts here.
        Some('.') => true,
        // "10-12" is a range; "COVID-19", "F-16" and "scp2-173" are names; "96.08-12" is a
        // bond's price in 32nds, one figure.
        Some('-') => {
            let word = start_of_last_word(&text[..start - 1], char::is_alphanumeric);
            let head = &text[..start - 1];
            let numeral = numeral_ending(head);
            let named = text[word..start - 1].contains(char::is_alphabetic);
            !named && !bond_price(numeral, &text[start..])
        }
        // "22,24,26" and "5/17/2018" list numbers; "x^2" is no figure of ours.
        Some(',') => before.next().is_none_or(|c| !c.is_alphabetic()),
        Some('/') => {
            // "240.34/44", "1.8220/30": the other side of a quote, whose first number has a
            // point; "1986/87": the second year of a season.
            let head = &text[..start - 1];
            let numeral = numeral_ending(head);
            let quote = numeral.contains('.') && numeral.ends_with(|c: char| c.is_ascii_digit());
            let season = numeral.len() == 4 && numeral.starts_with(['1', '2']);
            !quote && !season && before.next().is_none_or(|c| !c.is_alphabetic())
        }
        Some('^') => false,
        Some(_) => true,
    }
}

/// One numeral at `start`, as `(end, value, digits as written)`; the digits are empty when
/// the numeral is a fraction or in scientific notation.
fn numeral(text: &str, start: usize) -> Option<(usize, Decimal, String)> {
    let p = patterns();
    let rest = &text[start..];
    // "3/4" and the "1/4" of "2 1/4", but not a date such as "5/17/2018". The pattern is tried
    // only where up to six digits and a slash start the text, as it needs.
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let slashed = (1..=6).contains(&digits) && rest.as_bytes().get(digits) == Some(&b'/');
    if slashed && let Some(caps) = p.fraction.captures(rest) {
        let end = start + caps[0].len();
        // "1986/87": a season of two years, no fraction.
        let season = caps[1].len() == 4
            && caps[2].len() == 2
            && caps[1].starts_with(['1', '2'])
            && caps[1][2..].parse::<u32>().ok().map(|y| (y + 1) % 100)
                == caps[2].parse::<u32>().ok();
        let dated = season || text[end..].starts_with(['/', '-']) || text[..start].ends_with('/');
        let (n, d) = (
            Decimal::from_str(&caps[1]).ok()?,
            Decimal::from_str(&caps[2]).ok()?,
        );
        if !dated && !d.is_zero() {
            return Some((end, n / d, String::new()));
        }
        // "5/17/2018": its numbers one by one.
        let plain = p.plain.find(rest)?.as_str();
        return Some((
            start + plain.len(),
            Decimal::from_str(plain).ok()?,
            plain.to_string(),
        ));
    }
    let mut m = p.numeral.find(rest)?.as_str();
    // A dotted chain ("192.168.1.2") or a grouping that runs into more digits is read as
    // plain integers.
    let after = &text[start + m.len()..];
    let in_chain =
        text[..start].ends_with('.') && text[..start - 1].ends_with(|c: char| c.is_ascii_digit());
    let chained = after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit());
    if in_chain || chained || after.starts_with(|c: char| c.is_ascii_digit()) {
        m = p.plain.find(rest)?.as_str();
    }
    // "3e" is not an exponent.
    if let Some(e) = m.find(['e', 'E'])
        && text[start + m.len()..].starts_with(|c: char| c.is_alphanumeric())
    {
        m = &m[..e];
    }
    let mut end = start + m.len();
    let written = m.replace([',', ' ', '\u{a0}', '\u{202f}'], "");
    let scientific = written.contains(['e', 'E']);
    let mut value = if scientific {
        Decimal::from_scientific(&written).ok()?
    } else {
        Decimal::from_str(&written).ok()?
    };
    let mut digits = if scientific {
        String::new()
    } else {
        m.to_string()
    };
    // "× 10^6": the pattern is tried only where a caret comes within its reach, at most ten
    // bytes on (a space, "×" and a space of up to three, two and three bytes, then "10").
    let caret = text.as_bytes()[end..].iter().take(11).any(|&b| b == b'^');
    if caret && let Some(caps) = p.power.captures(&text[end..]) {
        let exponent: i64 = caps[1].parse().ok()?;
        let factor = pow10(exponent.abs())?;
        value = if exponent >= 0 {
            value.checked_mul(factor)?
        } else {
            value.checked_div(factor)?
        };
        end += caps[0].len();
        digits.clear();
    }
    if let Some(f) = text[end..].chars().next().and_then(vulgar) {
        value += f;
        end += text[end..].chars().next().map_or(0, char::len_utf8);
        digits.clear();
    }
    Some((end, value, digits))
}

#[derive(Debug, Clone)]
struct Token {
    span: Span,
    tok: Tok,
}

fn tokenize(text: &str) -> Vec<Token> {
    // About one token for every five bytes of prose: one allocation, not a doubling at each.
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        let digit_start = c.is_ascii_digit()
            || (c == '.' && text[at + 1..].starts_with(|d: char| d.is_ascii_digit()));
        let run = |pred: fn(char) -> bool| {
            text[at..]
                .find(|d: char| !pred(d))
                .unwrap_or(text.len() - at)
        };
        let (len, tok) = if digit_start && starts_number(text, at) {
            match numeral(text, at) {
                Some((end, value, digits)) => (end - at, Tok::Numeral(value, digits)),
                None => (run(|d| d.is_ascii_digit() || d == '/').max(1), Tok::Other),
            }
        } else if let Some(f) = vulgar(c) {
            (c.len_utf8(), Tok::Numeral(f, String::new()))
        } else if c.is_alphabetic() {
            // ASCII letters byte by byte; a word with other letters char by char.
            let bytes = &text.as_bytes()[at..];
            let ascii = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            let len = if bytes.get(ascii).is_some_and(|b| !b.is_ascii()) {
                run(char::is_alphabetic)
            } else {
                ascii
            };
            (len, Tok::Word(role_written(&text[at..at + len])))
        } else if c.is_alphanumeric() {
            (run(char::is_alphanumeric), Tok::Other)
        } else if matches!(c, '-' | '–') {
            (c.len_utf8(), Tok::Hyphen)
        } else {
            (c.len_utf8(), Tok::Punct)
        };
        tokens.push(Token {
            span: at..at + len,
            tok,
        });
        at += len;
    }
    tokens
}

/// What a word means inside a number phrase.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// zero to nineteen
    Ones(Decimal),
    /// twenty to ninety
    Tens(Decimal),
    /// "hundred", or "hundreds", which needs a count before it
    Hundred(bool),
    /// thousand, million, lakh…; the plural needs a count before it ("hundreds of" is vague)
    Scale(Decimal, bool),
    /// dozen(s)
    Multiplier(Decimal, bool),
    /// "fifth(s)", "half", "quarters": the denominator, whether plural, whether it is only a
    /// fraction word (half, quarter) rather than an ordinal too
    Denominator(Decimal, bool, bool),
    /// "first", "second"… in their ordinal sense
    Ordinal(Decimal),
    And,
    Article,
    Point,
    Minus,
    Of,
}

/// A word's role, from a table built once from the lexicon: one hash lookup per word on the
/// hot path instead of a walk through every word list.
fn role(word: &[u8]) -> Option<Role> {
    roles().0.get(word).copied()
}

/// The role of each word, keyed by its bytes.
type Roles = FxHashMap<Box<[u8]>, Role>;

/// The role table, and the length of its longest word.
fn roles() -> &'static (Roles, usize) {
    static ROLES: OnceLock<(Roles, usize)> = OnceLock::new();
    ROLES.get_or_init(|| {
        let lex = lexicon();
        let mut words: Vec<String> = ["hundred", "hundreds", "and", "a", "an", "point", "of"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        words.extend(
            lex.number_words()
                .flat_map(|w| [w.clone(), format!("{w}s")]),
        );
        words.extend(lex.negatives.iter().cloned());
        let table: Roles = words
            .into_iter()
            .filter_map(|w| Some((w.as_bytes().into(), role_of(&w)?)))
            .collect();
        let longest = table.keys().map(|w| w.len()).max().unwrap_or(0);
        (table, longest)
    })
}

/// The role of a word as written, in any case. Most words of a sentence are longer than any
/// number word or lower-cased on the stack: no allocation per word.
fn role_written(written: &str) -> Option<Role> {
    if !written.is_ascii() {
        return role(written.to_lowercase().as_bytes());
    }
    if written.len() > roles().1 {
        return None;
    }
    let mut buffer = [0u8; 32];
    match buffer.get_mut(..written.len()) {
        Some(lower) => {
            lower.copy_from_slice(written.as_bytes());
            lower.make_ascii_lowercase();
            role(lower)
        }
        None => role(written.to_ascii_lowercase().as_bytes()),
    }
}

/// A word's role, read from the lexicon's lists in order of precedence.
fn role_of(word: &str) -> Option<Role> {
    let lex = lexicon();
    let d = |v: u64| Decimal::from(v);
    let singular = word.strip_suffix('s');
    if let Some(v) = lex.ones.get(word) {
        Some(Role::Ones(d(*v)))
    } else if let Some(v) = lex.tens.get(word) {
        Some(Role::Tens(d(*v)))
    } else if word == "hundred" || word == "hundreds" {
        Some(Role::Hundred(word == "hundreds"))
    } else if let Some(v) = lex.scales.get(word) {
        Some(Role::Scale(d(*v), false))
    } else if let Some(v) = singular.and_then(|w| lex.scales.get(w)) {
        Some(Role::Scale(d(*v), true))
    } else if let Some(v) = lex.multipliers.get(word) {
        Some(Role::Multiplier(d(*v), word.ends_with('s')))
    } else if let Some(v) = lex.denominators.get(word) {
        Some(Role::Denominator(d(*v), word.ends_with('s'), true))
    } else if let Some(v) = lex.ordinals.get(word) {
        Some(Role::Ordinal(d(*v)))
    } else if let Some(v) = singular.and_then(|w| lex.ordinals.get(w)) {
        Some(Role::Denominator(d(*v), true, false))
    } else if lex.negatives.iter().any(|n| n == word) {
        Some(Role::Minus)
    } else {
        match word {
            "and" => Some(Role::And),
            "a" | "an" => Some(Role::Article),
            "point" => Some(Role::Point),
            "of" => Some(Role::Of),
            _ => None,
        }
    }
}

/// A token's role for looking ahead: a numeral counts as a number word.
fn word_role(token: Option<&Token>) -> Option<Role> {
    match &token?.tok {
        Tok::Word(role) => *role,
        Tok::Numeral(v, _) => Some(Role::Ones(*v)),
        _ => None,
    }
}

/// Whether number words after token `j` lead to a fraction word: "and three fifths", "and
/// fifty-four hundredths".
fn fraction_ahead(tokens: &[Token], j: usize) -> bool {
    for token in &tokens[j + 1..] {
        match word_role(Some(token)) {
            Some(Role::Denominator(..)) => return true,
            Some(Role::Ordinal(v)) => return v >= Decimal::from(3),
            Some(Role::Ones(_) | Role::Tens(_) | Role::Hundred(_) | Role::And) => {}
            _ if token.tok == Tok::Hyphen => {}
            _ => return false,
        }
    }
    false
}

/// The roles of the next two tokens after `j`, looking past hyphens ("twenty-firsts").
fn ahead(tokens: &[Token], j: usize) -> (Option<Role>, Option<Role>) {
    let mut roles = tokens[j + 1..]
        .iter()
        .filter(|t| t.tok != Tok::Hyphen)
        .map(|t| word_role(Some(t)));
    (roles.next().flatten(), roles.next().flatten())
}

/// Every number phrase in a sentence, left to right, not overlapping.
pub fn phrases(text: &str) -> Vec<Phrase> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match parse(text, &tokens, i) {
            Some((phrase, next)) => {
                out.push(phrase);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// What to do with a token.
enum Step {
    /// Part of the phrase.
    Take,
    /// Part of the phrase if more follows ("and", "a", "of", a hyphen).
    Pending,
    /// The last token of the phrase (an ordinal ending).
    Last,
    Stop,
}

/// The state of a number phrase being read.
#[derive(Default)]
struct Reading {
    /// Closed scale groups ("two thousand" in "two thousand three hundred").
    total: Decimal,
    /// The group being read.
    current: Decimal,
    /// The value at the last "and": a fraction's numerator is what came after it.
    mark: Option<Decimal>,
    last: Option<Role>,
    last_scale: Option<Decimal>,
    /// "and" came right after a scale: "3 million and a half" is half of the scale.
    and_after_scale: bool,
    /// The fraction just read is a fraction of the last scale.
    fraction_of_scale: bool,
    /// The value at the "and" after "hundred", which starts a numerator only if the fraction
    /// is proper: "one hundred and three quarters".
    soft_mark: Option<Decimal>,
    /// Whether a fraction word follows the current "and" within the phrase.
    fraction_ahead: bool,
    /// The tens of a compound denominator: "twenty" in "three twenty-firsts".
    compound_tens: Option<Decimal>,
    numerals: usize,
    words: usize,
    fraction: bool,
    ordinal: bool,
    /// Digits read after "point".
    decimals: Option<i64>,
    /// The first numeral as written, and a scale word after it.
    digits: String,
    multiplier: Decimal,
}

impl Reading {
    /// Whether another numeral or word may join the reading: not once it is beyond
    /// [`TAME_MAX`], a figure no rule reads, so that the next step's arithmetic ("202e21
    /// million", "a thousand million billion trillion") stays within a decimal.
    fn may_grow(&self) -> bool {
        self.total.abs() <= TAME_MAX && self.current.abs() <= TAME_MAX
    }

    fn value(&self) -> Decimal {
        match self.last_scale {
            Some(scale) if self.fraction_of_scale => self.total + self.current * scale,
            _ => self.total + self.current,
        }
    }

    /// Whether a count has been read since the last "and", article or "of".
    fn counted(&self) -> bool {
        self.last
            .is_some_and(|l| !matches!(l, Role::And | Role::Article | Role::Of | Role::Point))
    }

    fn numeral(&mut self, value: Decimal, written: &str) -> Step {
        let fits = matches!(
            self.last,
            None | Some(Role::Scale(..) | Role::Hundred(_) | Role::And)
        );
        let first = self.numerals == 0 && self.words == 0;
        if !fits
            || self.fraction
            || self.decimals.is_some()
            || self.ordinal
            || (!first && value.abs() > TAME_MAX)
        {
            return Step::Stop;
        }
        if first {
            self.digits = written.to_string();
        }
        self.current += value;
        self.numerals += 1;
        self.last = Some(Role::Ones(value));
        Step::Take
    }

    fn word(&mut self, role: Role, next: Option<Role>, after: Option<Role>) -> Step {
        let article = self.last == Some(Role::Article);
        match role {
            Role::Ones(v) | Role::Tens(v) if self.decimals.is_some() => {
                // "point zero three", "point seventy-one", "point eleven"
                let places = self.decimals.unwrap_or(0);
                let joins_tens = matches!(self.last, Some(Role::Tens(_)))
                    && matches!(role, Role::Ones(_))
                    && v > Decimal::ZERO
                    && v < Decimal::TEN;
                let places = if joins_tens {
                    places
                } else if v >= Decimal::TEN {
                    places + 2
                } else {
                    places + 1
                };
                let Some(scale) = pow10(places) else {
                    return Step::Stop;
                };
                self.current += v / scale;
                self.decimals = Some(places);
                self.words += 1;
                self.last = Some(role);
                Step::Take
            }
            Role::Ones(v) => {
                let joins = match self.last {
                    None | Some(Role::And | Role::Hundred(_) | Role::Scale(..)) => true,
                    Some(Role::Tens(_)) => v > Decimal::ZERO && v < Decimal::TEN,
                    _ => false,
                };
                if !joins || self.fraction {
                    return Step::Stop;
                }
                self.current += v;
                self.words += 1;
                self.last = Some(role);
                Step::Take
            }
            Role::Tens(v) => {
                // "three twenty-firsts", "one hundred thirty fifths", "one twenty-fifth": the
                // tens belong to a compound denominator after a count.
                let since = self.value() - self.mark.unwrap_or_default();
                let compound = self.counted()
                    && !matches!(self.last, Some(Role::And))
                    && (matches!(next, Some(Role::Denominator(_, true, false)))
                        || (matches!(next, Some(Role::Ordinal(_)))
                            && since == Decimal::ONE
                            && self.numerals == 0));
                if compound && !self.fraction && self.compound_tens.is_none() {
                    self.compound_tens = Some(v);
                    self.words += 1;
                    return Step::Pending;
                }
                if !matches!(
                    self.last,
                    None | Some(Role::And | Role::Hundred(_) | Role::Scale(..))
                ) || self.fraction
                {
                    return Step::Stop;
                }
                self.current += v;
                self.words += 1;
                self.last = Some(role);
                Step::Take
            }
            Role::Hundred(plural) => {
                let group = self.current - self.current % Decimal::ONE_HUNDRED;
                let below = self.current - group;
                let allowed = self.counted() || (!plural && (article || self.last.is_none()));
                // "322 hundred": a numeral of any size may be counted in hundreds.
                let numeral_only = self.numerals == 1 && self.words == 0;
                if self.fraction
                    || self.decimals.is_some()
                    || !allowed
                    || (!group.is_zero() && !numeral_only)
                {
                    return Step::Stop;
                }
                if numeral_only && !group.is_zero() {
                    self.current *= Decimal::ONE_HUNDRED;
                    self.words += 1;
                    self.last = Some(role);
                    return Step::Take;
                }
                self.current =
                    (if below.is_zero() { Decimal::ONE } else { below }) * Decimal::ONE_HUNDRED;
                self.words += 1;
                self.last = Some(role);
                Step::Take
            }
            Role::Scale(v, plural) => {
                if (plural && !self.counted())
                    || !(self.counted() || article || self.last.is_none())
                {
                    return Step::Stop;
                }
                if let Some(Role::Scale(before, _)) = self.last
                    && v >= before
                    && self.current.is_zero()
                {
                    // "three lakh crore", "a thousand million", "a million million"
                    self.total *= v;
                } else if self.fraction {
                    // "five and a half million", "two thirds of a million"
                    self.total += self.current * v;
                    self.fraction_of_scale = false;
                } else {
                    let group = if self.current.is_zero() {
                        Decimal::ONE
                    } else {
                        self.current
                    };
                    self.total += group * v;
                }
                self.current = Decimal::ZERO;
                self.decimals = None;
                if self.numerals == 1 && self.words == 0 && !self.digits.is_empty() {
                    self.multiplier = v;
                }
                self.words += 1;
                self.last = Some(role);
                self.last_scale = Some(v);
                Step::Take
            }
            Role::Multiplier(v, plural) => {
                if !(self.counted() || (article && !plural)) {
                    return Step::Stop;
                }
                if self.fraction {
                    // "half a dozen"
                    self.current *= v;
                    self.words += 1;
                    self.last = Some(role);
                    return Step::Take;
                }
                let since = self.value() - self.mark.unwrap_or_default();
                let count = if since.is_zero() { Decimal::ONE } else { since };
                self.current += count * v - since;
                self.words += 1;
                self.last = Some(role);
                Step::Take
            }
            Role::Denominator(den, plural, fraction_word) => {
                // "half the vote" needs no count; "the fourth quarter" is no fraction.
                let lone_half = fraction_word
                    && self.last.is_none()
                    && !plural
                    && (den == Decimal::TWO || matches!(next, Some(Role::Scale(..))));
                if self.fraction
                    || self.decimals.is_some()
                    || !(self.counted() || article || lone_half)
                {
                    return Step::Stop;
                }
                let den = den + self.compound_tens.take().unwrap_or_default();
                // The "and" of "one hundred and three quarters" starts a proper fraction's
                // numerator; "one hundred and thirty fifths" is 130 fifths.
                let base = match (self.mark, self.soft_mark) {
                    (Some(mark), _) => mark,
                    (None, Some(soft)) if self.value() - soft < den => soft,
                    _ => Decimal::ZERO,
                };
                let since = self.value() - base;
                let numerator = if since.is_zero() { Decimal::ONE } else { since };
                // "one hundred twenty fifth" is an ordinal; "one fifth", "three fifths" fractions.
                if !plural && !fraction_word && numerator != Decimal::ONE {
                    self.current += den;
                    self.ordinal = true;
                    self.words += 1;
                    return Step::Last;
                }
                // "1988 quarter" is a year and a quarter, not 497.
                if !plural && numerator != Decimal::ONE {
                    return Step::Stop;
                }
                self.current = base - self.total + numerator / den;
                // "3 million and a half" is a half of the million, unless a scale follows.
                self.fraction_of_scale = self.and_after_scale;
                self.fraction = true;
                self.words += 1;
                self.last = Some(role);
                Step::Take
            }
            Role::Ordinal(v) => {
                // "a fifth", "one third", "three and a quarter": one part in `v`. "A first" and
                // "a second" stay ordinals.
                let since = self.value() - self.mark.unwrap_or_default();
                let one_part = article
                    || (matches!(self.last, Some(Role::Ones(_)))
                        && since == Decimal::ONE
                        && self.numerals == 0);
                if (one_part || self.compound_tens.is_some())
                    && v >= Decimal::from(3)
                    && !self.fraction
                {
                    return self.word(Role::Denominator(v, false, true), next, after);
                }
                // "two hundredth", "three trillionth", "a hundred trillionth"
                let scale_ordinal = v >= Decimal::ONE_HUNDRED && (self.counted() || article);
                if scale_ordinal && !self.fraction {
                    let since = self.value() - self.mark.unwrap_or_default();
                    let count = if since.is_zero() { Decimal::ONE } else { since };
                    self.current += count * v - since;
                    self.ordinal = true;
                    self.words += 1;
                    return Step::Last;
                }
                if !matches!(
                    self.last,
                    Some(Role::Tens(_) | Role::Hundred(_) | Role::And)
                ) || self.fraction
                {
                    return Step::Stop;
                }
                self.current += v;
                self.ordinal = true;
                self.words += 1;
                Step::Last
            }
            Role::And => {
                let next_counts = matches!(next, Some(Role::Ones(v)) if !v.is_zero())
                    || matches!(next, Some(Role::Tens(_) | Role::Article));
                // "one and one" is two numbers; "and" joins after a hundred or a scale, before
                // "a" ("one and a half") or before a fraction ("twenty and three fifths").
                let joins = matches!(self.last, Some(Role::Hundred(_) | Role::Scale(..)))
                    || matches!(next, Some(Role::Article))
                    || self.fraction_ahead;
                if !joins {
                    return Step::Stop;
                }
                // "4.25 and 32", "4000 and 21": numerals alone do not join over "and".
                if self.words == 0
                    && !matches!(next, Some(Role::Article))
                    && self.numerals > 0
                    && self.decimals.is_none()
                    && !matches!(self.last, Some(Role::Hundred(_) | Role::Scale(..)))
                {
                    return Step::Stop;
                }
                // "3 hundred and 2 hundred", "two million and three million" are two numbers.
                let next_is_bigger = match after {
                    Some(Role::Hundred(_)) => self.current >= Decimal::ONE_HUNDRED,
                    Some(Role::Scale(v, _)) => self.last_scale.is_some_and(|s| v >= s),
                    _ => false,
                };
                if !self.counted()
                    || self.fraction
                    || self.decimals.is_some()
                    || !next_counts
                    || next_is_bigger
                {
                    return Step::Stop;
                }
                self.and_after_scale =
                    matches!(self.last, Some(Role::Scale(..))) && self.current.is_zero();
                // The "and" of "one hundred and thirty" joins one number; after anything else
                // it may start a fraction's numerator ("twenty and three fifths").
                if matches!(self.last, Some(Role::Hundred(_))) {
                    self.soft_mark = Some(self.value());
                } else {
                    self.mark = Some(self.value());
                }
                self.last = Some(role);
                Step::Pending
            }
            Role::Article => {
                // "a" counts as one only before a hundred, a scale, a dozen or a fraction.
                let useful = matches!(
                    next,
                    Some(
                        Role::Hundred(_)
                            | Role::Scale(_, false)
                            | Role::Multiplier(_, false)
                            | Role::Denominator(_, false, _)
                    )
                ) || matches!(next, Some(Role::Ordinal(v)) if v >= Decimal::from(3));
                let placed = matches!(self.last, None | Some(Role::And | Role::Of))
                    || (self.fraction
                        && matches!(next, Some(Role::Scale(..) | Role::Multiplier(..))));
                if !useful || !placed {
                    return Step::Stop;
                }
                self.last = Some(role);
                Step::Pending
            }
            Role::Of => {
                // "two thirds of a million"
                if !self.fraction {
                    return Step::Stop;
                }
                self.last = Some(role);
                Step::Pending
            }
            Role::Point => {
                let digit_next = matches!(next, Some(Role::Ones(_) | Role::Tens(_)));
                if !self.counted()
                    || self.numerals > 0
                    || self.fraction
                    || self.decimals.is_some()
                    || !digit_next
                {
                    return Step::Stop;
                }
                self.decimals = Some(0);
                self.last = Some(role);
                Step::Pending
            }
            Role::Minus => Step::Stop,
        }
    }
}

/// Whether a hyphen token is an en dash ("–"), which is three bytes long.
fn text_is_en_dash(token: &Token) -> bool {
    token.span.len() > 1
}

/// Whether the phrase at `i` is negative ("minus five", "-4", "- 1 4/5"), and where its
/// number starts.
fn sign(tokens: &[Token], i: usize) -> (bool, usize) {
    let number_after = |j: usize| match tokens.get(j).map(|t| &t.tok) {
        Some(Tok::Numeral(..)) => true,
        Some(Tok::Word(role)) => matches!(role, Some(Role::Ones(_) | Role::Tens(_))),
        _ => false,
    };
    let Some(token) = tokens.get(i) else {
        return (false, i);
    };
    let after_number = i > 0
        && (matches!(tokens[i - 1].tok, Tok::Numeral(..))
            || matches!(
                word_role(tokens.get(i - 1)),
                Some(Role::Ones(_) | Role::Tens(_) | Role::Hundred(_) | Role::Scale(..))
            ));
    match &token.tok {
        Tok::Word(Some(Role::Minus)) if number_after(i + 1) => (true, i + 1),
        // A hyphen-minus or minus sign; an en dash before a number opens a list item or a range.
        Tok::Hyphen
            if !after_number
                && !text_is_en_dash(token)
                && matches!(tokens.get(i + 1).map(|t| &t.tok), Some(Tok::Numeral(..)))
                && tokens[i + 1].span.start - token.span.end <= 1
                && (i == 0
                    || tokens[i - 1].tok == Tok::Punct
                    // "OATS - 1,845,000": a dash with a space either side after a word
                    // separates; "rose to -4" has the sign against its number.
                    || (tokens[i - 1].span.end < token.span.start
                        && tokens[i + 1].span.start == token.span.end)) =>
        {
            (true, i + 1)
        }
        _ => (false, i),
    }
}

/// Reads the phrase starting at token `i`, joining "one in five", "two out of five hundred"
/// and "one over three" into fractions: the phrase and the index of the token after it.
fn parse(text: &str, tokens: &[Token], i: usize) -> Option<(Phrase, usize)> {
    let (left, end) = parse_number(tokens, i)?;
    Some(fraction_of(text, tokens, &left, end).unwrap_or((left, end)))
}

/// "X in Y", "X out of Y", "X over Y" as the fraction X/Y, when both are whole counts. "In"
/// and "over" also begin other phrases ("5 in 2005", "20 over 3 years"), so a year or a unit
/// after Y keeps them apart, and "in" needs X below Y.
fn fraction_of(text: &str, tokens: &[Token], left: &Phrase, end: usize) -> Option<(Phrase, usize)> {
    let whole = |p: &Phrase| !p.ordinal && !p.value.is_zero() && p.value.fract().is_zero();
    let word = |j: usize, written: &str| {
        tokens.get(j).is_some_and(|t| {
            matches!(t.tok, Tok::Word(_)) && text[t.span.clone()].eq_ignore_ascii_case(written)
        })
    };
    let (skip, connector) = if word(end, "out") && word(end + 1, "of") {
        (2, "out of")
    } else if word(end, "in") {
        (1, "in")
    } else if word(end, "over") {
        (1, "over")
    } else {
        return None;
    };
    if !whole(left) || tokens.get(end + skip).is_some_and(|t| t.tok == Tok::Hyphen) {
        return None;
    }
    let (right, next) = parse_number(tokens, end + skip)?;
    let right_end = right.span.end;
    let year = right.digits.len() == 4
        && (Decimal::from(1800)..=Decimal::from(2100)).contains(&right.value);
    let rest = text[right_end..].trim_start();
    let measured = lexicon().unit_at(rest, true).is_some() || rest.starts_with('%');
    let fits = match connector {
        "out of" => left.value.abs() <= right.value,
        "in" => !year && !measured && left.value.abs() < right.value,
        _ => !year && !measured,
    };
    if !whole(&right) || right.value <= Decimal::ZERO || !fits {
        return None;
    }
    let phrase = Phrase {
        span: left.span.start..right_end,
        value: left.value / right.value,
        digits: String::new(),
        multiplier: Decimal::ONE,
        ordinal: false,
    };
    Some((phrase, next))
}

/// Reads one number starting at token `i`: the phrase and the index of the token after it.
fn parse_number(tokens: &[Token], i: usize) -> Option<(Phrase, usize)> {
    // A number starts with a numeral, a number word or a sign (a hyphen, a word such as
    // "minus"): most tokens are none of these.
    if !matches!(
        tokens.get(i).map(|t| &t.tok),
        Some(Tok::Numeral(..) | Tok::Word(Some(_)) | Tok::Hyphen)
    ) {
        return None;
    }
    let (negative, first) = sign(tokens, i);
    let mut r = Reading {
        multiplier: Decimal::ONE,
        ..Reading::default()
    };
    let mut end = first;
    let mut value = Decimal::ZERO;
    let mut j = first;
    while let Some(token) = tokens.get(j) {
        if !r.may_grow() {
            break;
        }
        let step = match &token.tok {
            Tok::Numeral(v, written) => {
                let step = r.numeral(*v, written);
                // A mixed fraction: "2 1/4", "2½", and the wire's "7-1/8".
                let hyphen = matches!(tokens.get(j + 1).map(|t| &t.tok), Some(Tok::Hyphen));
                let at = j + 1 + usize::from(hyphen);
                if matches!(step, Step::Take)
                    && let Some(Tok::Numeral(f, w)) = tokens.get(at).map(|t| &t.tok)
                    && w.is_empty()
                    && *f < Decimal::ONE
                    && !written.is_empty()
                    && !written.contains('.')
                {
                    r.current += *f;
                    r.digits.clear();
                    j = at;
                }
                step
            }
            Tok::Hyphen
                if r.last.is_some()
                    && matches!(tokens.get(j + 1).map(|t| &t.tok), Some(Tok::Word(_))) =>
            {
                Step::Pending
            }
            Tok::Word(Some(role)) => {
                let (next, after) = ahead(tokens, j);
                if *role == Role::And {
                    r.fraction_ahead = fraction_ahead(tokens, j);
                }
                r.word(*role, next, after)
            }
            _ => Step::Stop,
        };
        match step {
            Step::Take => {
                end = j + 1;
                value = r.value();
            }
            Step::Last => {
                end = j + 1;
                value = r.value();
                break;
            }
            Step::Pending => {}
            Step::Stop => break,
        }
        j += 1;
    }
    if end == first {
        return None;
    }
    let exact =
        r.words > 0 && !(r.words == 1 && r.multiplier != Decimal::ONE) || r.digits.is_empty();
    let digits = match (exact, negative) {
        (true, _) => String::new(),
        (false, true) => format!("-{}", r.digits),
        (false, false) => r.digits.clone(),
    };
    let phrase = Phrase {
        span: tokens[i].span.start..tokens[end - 1].span.end,
        value: if negative { -value } else { value },
        digits,
        multiplier: if exact { Decimal::ONE } else { r.multiplier },
        ordinal: r.ordinal,
    };
    Some((phrase, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, String, bool)> {
        phrases(text)
            .into_iter()
            .map(|p| {
                (
                    text[p.span].to_string(),
                    p.value.normalize().to_string(),
                    p.ordinal,
                )
            })
            .collect()
    }

    fn one(text: &str) -> String {
        let got = read(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(got[0].0, text.trim(), "{text}: {got:?}");
        got[0].1.clone()
    }

    #[test]
    fn a_reading_stops_growing_beyond_what_a_rule_reads() {
        // Each went on to a step whose arithmetic overflowed a decimal.
        assert_eq!(read("202e21 million")[0].0, "202e21");
        assert_eq!(read("5e27 thousand")[0].0, "5e27");
        assert_eq!(
            read("one thousand million billion trillion")[0],
            (
                "one thousand million billion".into(),
                "1000000000000000000".into(),
                false
            )
        );
        assert_eq!(read("a thousand and 7e28")[0].0, "a thousand");
        // Up to 10^15 a reading goes on as before.
        assert_eq!(one("a thousand trillion"), "1000000000000000");
        assert_eq!(one("999 trillion"), "999000000000000");
    }

    #[test]
    fn a_scale_after_the_same_scale_multiplies() {
        // "a million million" is a trillion, not a million and one more million.
        assert_eq!(one("a million million"), "1000000000000");
        assert_eq!(one("two million million"), "2000000000000");
        assert_eq!(one("a thousand thousand"), "1000000");
        assert_eq!(one("three lakh crore"), "3000000000000");
    }

    #[test]
    fn every_vulgar_fraction_is_outside_ascii() {
        assert!(super::VULGAR.iter().all(|(c, ..)| !c.is_ascii()));
        assert_eq!(super::vulgar('½'), Some(rust_decimal::Decimal::new(5, 1)));
    }

    #[test]
    fn numerals() {
        assert_eq!(one("7,800"), "7800");
        assert_eq!(one("1 234 567"), "1234567");
        assert_eq!(one(".08"), "0.08");
        assert_eq!(one("-4"), "-4");
        assert_eq!(one("1.3e6"), "1300000");
        assert_eq!(one("3/4"), "0.75");
        assert_eq!(one("2 1/4"), "2.25");
        assert_eq!(one("1½"), "1.5");
        assert_eq!(one("6.23x10^-4"), "0.000623");
        // The widest the power and fraction patterns reach: white space of three bytes, six
        // digits.
        assert_eq!(one("5\u{3000}×\u{3000}10^3"), "5000");
        assert_eq!(one("123456/4"), "30864");
        assert_eq!(read("1234567/4").len(), 2);
        let ip = read("192.168.1.2");
        assert_eq!(
            ip.iter().map(|p| p.1.as_str()).collect::<Vec<_>>(),
            ["192", "168", "1", "2"]
        );
        let dated: Vec<String> = read("5/17/2018").into_iter().map(|p| p.1).collect();
        assert_eq!(dated, ["5", "17", "2018"]);
        assert_eq!(read("10-12").len(), 2, "a range, not a negative");
        assert_eq!(
            read("1-6,4-6")
                .iter()
                .map(|p| p.0.as_str())
                .collect::<Vec<_>>(),
            ["1", "6", "4", "6"]
        );
    }

    #[test]
    fn words() {
        assert_eq!(one("one hundred and sixty-one"), "161");
        assert_eq!(one("twenty-one trillion three hundred"), "21000000000300");
        assert_eq!(one("two hundred and two thousand"), "202000");
        assert_eq!(one("a hundred and five"), "105");
        assert_eq!(one("half a million"), "500000");
        assert_eq!(one("five and a half million"), "5500000");
        assert_eq!(one("3 million and a half"), "3500000");
        assert!(one("two thirds of a million").starts_with("666666.666666"));
        assert_eq!(one("three quarters"), "0.75");
        assert!(one("one hundred and three and two thirds").starts_with("103.666666"));
        assert_eq!(one("a dozen"), "12");
        assert_eq!(one("half a dozen"), "6");
        assert_eq!(one("a fifth"), "0.2");
        assert_eq!(one("one in five"), "0.2");
        assert_eq!(one("two out of five hundred"), "0.004");
        assert_eq!(read("5 in 2005").len(), 2);
        // A connector at the very end of the text.
        for text in [
            "two out of",
            "one in",
            "3 over",
            "- ",
            "minus",
            "twenty-",
            "a",
            "1/",
        ] {
            let _ = read(text);
        }
        assert_eq!(read("20 over 3 years").len(), 2);
        assert_eq!(one("three and one fourth"), "3.25");
        assert_eq!(one("one billion and a half million"), "1000500000");
        assert_eq!(one("five billion and three quarters"), "5750000000");
        assert_eq!(read("a first for the firm"), []);
        assert_eq!(one("three dozens"), "36");
        assert_eq!(one("minus five point five"), "-5.5");
        assert_eq!(one("two hundred point zero three"), "200.03");
        assert_eq!(one("4 thousand 3 hundred and 21"), "4321");
        assert_eq!(one("1.2 million"), "1200000");
    }

    #[test]
    fn ordinals_and_vague_amounts() {
        assert_eq!(
            read("twenty-first"),
            [("twenty-first".into(), "21".into(), true)]
        );
        assert_eq!(
            read("one hundred twenty fifth"),
            [("one hundred twenty fifth".into(), "125".into(), true)]
        );
        assert_eq!(read("hundreds of people"), []);
        assert_eq!(
            read("two hundredth"),
            [("two hundredth".into(), "200".into(), true)]
        );
        assert_eq!(read("dozens of"), []);
        assert_eq!(read("the first"), []);
    }

    #[test]
    fn precision_is_kept_for_one_numeral() {
        let p = &phrases("some 1.2 million tons")[0];
        assert_eq!(
            (p.digits.as_str(), p.multiplier),
            ("1.2", Decimal::from(1_000_000))
        );
        let p = &phrases("three hundred")[0];
        assert!(p.digits.is_empty());
    }
}
