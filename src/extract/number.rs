//! Numbers in digits and words, and what follows them: a unit (quantity or duration), a rate,
//! a percent sign, an ordinal suffix. A bare four-digit number from 1800 to 2100 is a year.

use rust_decimal::Decimal;

use super::hedge::{hedge_after, hedge_before};
use super::unit::{rate_after, stuff_after, unit_after};
use super::words::{Phrase, phrases};
use super::{DateExpr, MentionKind, Num, Payload, Year, overlaps};
use crate::lexicon::{
    HedgeKind, ends_word, lexicon, single_spaced, start_of_last_word, word_before, word_space,
    word_space_before,
};
use crate::pattern::Pattern;
use crate::source::Span;

/// A mention found in a sentence, before it is placed in the document.
pub type Found = (MentionKind, Span, Option<usize>, Payload);

#[derive(Clone)]
struct Patterns {
    points: Pattern,
    age: Pattern,
    years_old: Pattern,
    feet_inches: Pattern,
    percent_of: Pattern,
    relative_ordinals: Pattern,
    ordinal_words: Pattern,
    article: Pattern,
    percent: Pattern,
}

crate::pattern::grammar!(Patterns, make);

fn make() -> Patterns {
    let lex = lexicon();
    let longest_first = |words: &mut dyn Iterator<Item = &String>| {
        let mut names: Vec<&String> = words.collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        crate::pattern::alternation(names)
    };
    let ordinals = longest_first(&mut lex.ordinals.keys());
    let relative = longest_first(&mut lex.relative_ordinals.keys());
    let articles = longest_first(&mut lex.articles.iter());
    let re = Pattern::new;
    Patterns {
        ordinal_words: re(&format!(r"(?i)\b(?:{ordinals})\b")),
        relative_ordinals: re(&format!(r"(?i)\b(?:{relative})\b")),
        percent_of: re(r"(?i)(?:^|[^\w\s]\s*)((?:percents?|per\s+cent)\s+of\s+)$"),
        article: re(&format!(r"(?i)\b(?:{articles})\s+")),
        points: re(r"^\s*(?i:points?)\b"),
        age: re(r"^(?:-old\b|\s+old\b|\s+of\s+age\b)"),
        years_old: re(r"^\s?(?:yo|y\.o\.)(?:\b|$)"),
        feet_inches: re(r"^\s+(?:and\s+)?([0-9]{1,2}(?:\.[0-9]+)?)\s*(?:in|inch|inches)\b"),
        percent: re(r"^(?:\s?%|\s+(?i:percent|percents|percentage|per\s+cent|pct)\b)"),
    }
}

/// A scale abbreviation right after a number ("10k", "5.93 mln", "£600m", "5.93\nmln"), as
/// `(factor, end)`; `money` also allows the suffixes only money takes ("m").
fn scale_suffix(text: &str, at: usize, money: bool) -> Option<(Decimal, usize)> {
    let lex = lexicon();
    let rest = &text[at..];
    let gap = word_space(rest);
    let len = rest[gap..]
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len() - gap);
    let suffix = &rest[gap..gap + len];
    let factor = lex.scale_suffixes.get(suffix).or_else(|| {
        if money {
            lex.money_scale_suffixes.get(suffix)
        } else {
            None
        }
    })?;
    Some((Decimal::from(*factor), at + gap + len))
}

/// Every number-based mention of a sentence outside the `taken` spans (dates).
pub fn numbers(text: &str, taken: &[Span]) -> Vec<Found> {
    let p = patterns();
    let mut found: Vec<Found> = Vec::new();
    let mut consumed: Vec<Span> = taken.to_vec();

    let phrases = phrases(text);
    for (i, phrase) in phrases.iter().enumerate() {
        if overlaps(&phrase.span, &consumed) {
            continue;
        }
        // "between 20 and 30", "10 to 12 million", "1000-5000"
        if let Some(next) = phrases.get(i + 1)
            && let Some(range) = range(text, phrase, next)
        {
            consumed.push(range.1.clone());
            found.push(range);
            continue;
        }
        if is_label(text, phrase) {
            continue;
        }
        if let Some(money) = money(text, phrase, &mut consumed) {
            found.push(money);
            continue;
        }
        let mut num = Num {
            value: phrase.value,
            digits: phrase.digits.clone(),
            multiplier: phrase.multiplier,
        };
        // "Per cent of 210" opening a sentence or clause names the percentage after it. The
        // pattern (dear to compile) is searched only after "cent ... of" and a space.
        let head = &text[..phrase.span.start];
        if percent_of_may_end(head)
            && let Some(caps) = p.percent_of.captures(head)
        {
            let span = caps.get(1).expect("group 1").start()..phrase.span.end;
            consumed.push(span.clone());
            found.push((MentionKind::Percent, span, None, Payload::Number(num)));
            continue;
        }
        let rest = &text[phrase.span.end..];
        let whole_numeral = !num.digits.is_empty()
            && !num.digits.contains(['.', ','])
            && num.multiplier == Decimal::ONE;
        if phrase.ordinal {
            consumed.push(phrase.span.clone());
            found.push((
                MentionKind::Ordinal,
                phrase.span.clone(),
                None,
                Payload::Number(num),
            ));
            continue;
        }
        // "13th"
        if let Some(suffix) = ["st", "nd", "rd", "th"]
            .iter()
            .find(|s| rest.starts_with(**s))
            && whole_numeral
            && ends_word(text, phrase.span.end + suffix.len())
        {
            let span = phrase.span.start..phrase.span.end + suffix.len();
            consumed.push(span.clone());
            found.push((MentionKind::Ordinal, span, None, Payload::Number(num)));
            continue;
        }
        let mut end = phrase.span.end;
        // "10k", "5.93 mln", "three mln" (after a number word, only an abbreviation of a word
        // of its own: "three k" is no figure).
        let suffix_fits = |suffix_end: usize| {
            !num.digits.is_empty() || text[end..suffix_end].trim_start().len() >= 3
        };
        if num.multiplier == Decimal::ONE
            && let Some((factor, suffix_end)) = scale_suffix(text, end, false)
            && suffix_fits(suffix_end)
            && ends_word(text, suffix_end)
            && let Some(value) = num.value.checked_mul(factor)
        {
            num.value = value;
            num.multiplier = factor;
            end = suffix_end;
        }
        // "one" alone is a pronoun more often than a figure.
        let lone_one = num.digits.is_empty()
            && num.value == Decimal::ONE
            && text[phrase.span.clone()].eq_ignore_ascii_case("one");
        let before = consumed.len();
        if let Some(mention) = classify(text, phrase.span.start, end, num, &mut consumed)
            && !(lone_one && mention.0 == MentionKind::Number)
        {
            found.push(mention);
        } else {
            consumed.truncate(before);
        }
    }

    // "last", "next to last", "the one before the last"
    for m in p.relative_ordinals.find_iter(text) {
        if overlaps(&m.range(), &consumed) {
            continue;
        }
        let key = single_spaced(m.as_str()).to_lowercase();
        let Some(value) = lexicon().relative_ordinals.get(&key) else {
            continue;
        };
        consumed.push(m.range());
        found.push((
            MentionKind::Ordinal,
            m.range(),
            None,
            Payload::RelativeOrdinal(value.clone()),
        ));
    }

    for m in p.ordinal_words.find_iter(text) {
        if overlaps(&m.range(), &consumed) {
            continue;
        }
        let Some(&value) = lexicon().ordinals.get(&m.as_str().to_lowercase()) else {
            continue;
        };
        let num = Num {
            value: Decimal::from(value),
            digits: String::new(),
            multiplier: Decimal::ONE,
        };
        found.push((MentionKind::Ordinal, m.range(), None, Payload::Number(num)));
    }

    // "a week", "an hour", "nearly a decade": one of a unit of time.
    for m in p.article.find_iter(text) {
        if overlaps(&m.range(), &consumed) {
            continue;
        }
        let Some((unit, len)) = lexicon().unit_at(&text[m.end()..], false) else {
            continue;
        };
        let unit_end = m.end() + len;
        // "a second batch" is an ordinal, not a duration.
        if !lexicon().units[unit].is_time()
            || lexicon().units[unit].symbol == "s"
            || overlaps(&(m.start()..unit_end), &consumed)
        {
            continue;
        }
        let num = Num {
            value: Decimal::ONE,
            digits: String::new(),
            multiplier: Decimal::ONE,
        };
        let (hedge, start) = match hedge_before(text, m.start(), true) {
            Some((hedge, at)) => (Some(hedge), at),
            None => (None, m.start()),
        };
        consumed.push(start..unit_end);
        found.push((
            MentionKind::Duration,
            start..unit_end,
            hedge,
            Payload::Duration { amount: num, unit },
        ));
    }
    found.sort_by_key(|f| f.1.start);
    join_durations(text, join_bounds(text, found))
}

/// Whether `head` could end in "per cent of " or "percent of ": it ends in "of" and white
/// space, and holds "cent" (in any case, as the pattern reads them).
fn percent_of_may_end(head: &str) -> bool {
    let before_space = head.trim_end().as_bytes();
    head.ends_with(char::is_whitespace)
        && before_space.len() >= 2
        && before_space[before_space.len() - 2..].eq_ignore_ascii_case(b"of")
        && head
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"cent"))
}

/// "1 hour and 30 minutes", "one hour and a half", "a year and a quarter": one length, in the
/// smaller unit.
fn join_durations(text: &str, found: Vec<Found>) -> Vec<Found> {
    let lex = lexicon();
    let factor = |unit: usize| {
        let f = &lex.units[unit].factor;
        f.low().filter(|low| Some(*low) == f.high())
    };
    let exact = |value: Decimal| Num {
        value,
        digits: String::new(),
        multiplier: Decimal::ONE,
    };
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    let mut iter = found.into_iter().peekable();
    while let Some(mut first) = iter.next() {
        if let (MentionKind::Duration, Payload::Duration { amount, unit }) = (first.0, &first.3) {
            let (amount, unit) = (amount.value, *unit);
            let rest = text[first.1.end..].to_ascii_lowercase();
            let part = [
                (" and a half", Decimal::new(5, 1)),
                (" and half", Decimal::new(5, 1)),
                (" and a quarter", Decimal::new(25, 2)),
            ]
            .into_iter()
            .find(|(words, _)| {
                rest.starts_with(words) && ends_word(text, first.1.end + words.len())
            });
            if let Some((words, part)) = part {
                first.1.end += words.len();
                first.3 = Payload::Duration {
                    amount: exact(amount + part),
                    unit,
                };
                // The "a half" read as a number of its own is part of the length now.
                while iter.peek().is_some_and(|f| f.1.start < first.1.end) {
                    iter.next();
                }
            } else if let Some((
                MentionKind::Duration,
                second,
                None,
                Payload::Duration { amount: b, unit: v },
            )) = iter.peek()
                && first.1.end <= second.start
                && matches!(text[first.1.end..second.start].trim(), "and" | "," | "")
                && let (Some(big), Some(small)) = (factor(unit), factor(*v))
                && small < big
                && let Some(total) = amount
                    .checked_mul(big)
                    .and_then(|t| t.checked_div(small))
                    .and_then(|t| t.checked_add(b.value))
            {
                first.1.end = second.end;
                first.3 = Payload::Duration {
                    amount: exact(total),
                    unit: *v,
                };
                iter.next();
            }
        }
        out.push(first);
    }
    out
}

/// Two phrases joined into a range: "between 20 and 30", "from 200 to 3000000", "20 to 30",
/// "1000-5000", "20~100", "10 to 12 million" (the scale applies to both), "5k-20k". A change
/// ("rose from 40 to 60") and a span of years are not ranges.
fn range(text: &str, first: &Phrase, second: &Phrase) -> Option<Found> {
    // "5k-20k": the first number's suffix comes before the connector.
    let first_end = match scale_suffix(text, first.span.end, false) {
        Some((_, suffix_end)) if ends_word(text, suffix_end) && !first.digits.is_empty() => {
            suffix_end
        }
        _ => first.span.end,
    };
    if first_end > second.span.start {
        return None;
    }
    let connector = text[first_end..second.span.start].trim().to_lowercase();
    // "+1-222-2222": a phone number, not a range.
    let chained = text[..first.span.start].ends_with(['+', '-', '/'])
        || (text[second.span.end..].starts_with(['-', '/'])
            && text[second.span.end + 1..].starts_with(|c: char| c.is_ascii_digit()));
    if chained {
        return None;
    }
    let (opener, opener_at) = word_before(text, first.span.start);
    let fits = match connector.as_str() {
        "to" | "through" | "thru" | "-" | "–" | "—" | "~" => true,
        "and" => opener == "between",
        _ => false,
    };
    let year = |p: &Phrase| {
        p.digits.len() == 4 && (Decimal::from(1800)..=Decimal::from(2100)).contains(&p.value)
    };
    // "rose from 40 to 60", "from 200 to 260, a 30% increase": a change, not a range.
    let change = opener == "from" && super::reads_as_change(text, opener_at, second.span.end);
    if !fits || first.ordinal || second.ordinal || (year(first) && year(second)) || change {
        return None;
    }
    let num = |p: &Phrase| Num {
        value: p.value,
        digits: p.digits.clone(),
        multiplier: p.multiplier,
    };
    let (mut low, mut high) = (num(first), num(second));
    let mut end = second.span.end;
    for (n, p) in [(&mut low, first), (&mut high, second)] {
        // "5k-20k"
        if n.multiplier == Decimal::ONE
            && !n.digits.is_empty()
            && let Some((factor, suffix_end)) = scale_suffix(text, p.span.end, false)
            && ends_word(text, suffix_end)
        {
            // A number so long that its scale takes it past what a decimal holds is no figure.
            n.value = n.value.checked_mul(factor)?;
            n.multiplier = factor;
            if std::ptr::eq(p, second) {
                end = suffix_end;
            }
        }
    }
    // "10 to 12 million"
    if low.multiplier == Decimal::ONE
        && high.multiplier != Decimal::ONE
        && let Some(scaled) = low.value.checked_mul(high.multiplier)
        && scaled <= high.value
    {
        low.value = scaled;
        low.multiplier = high.multiplier;
    }
    if low.value >= high.value || text[end..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let (unit, percent) = if let Some(m) = patterns().percent.find(&text[end..]) {
        end += m.end();
        (None, true)
    } else if let Some((unit, unit_end)) = unit_after(text, end) {
        end = unit_end;
        (Some(unit), false)
    } else {
        (None, false)
    };
    let start = if matches!(opener.as_str(), "between" | "from") {
        opener_at
    } else {
        first.span.start
    };
    let (hedge, start) = match hedge_before(text, start, false) {
        Some((hedge, at)) => (Some(hedge), at),
        None => (None, start),
    };
    Some((
        MentionKind::NumberRange,
        start..end,
        hedge,
        Payload::Range {
            low,
            high,
            unit,
            percent,
        },
    ))
}

/// "more than 10 and less than 20", "no more than 50 and no less than 20": two bounds of
/// one range become one range.
fn join_bounds(text: &str, found: Vec<Found>) -> Vec<Found> {
    let lex = lexicon();
    let bound = |f: &Found| -> Option<(bool, Decimal)> {
        let (MentionKind::Number, Some(h), Payload::Number(n)) = (f.0, f.2, &f.3) else {
            return None;
        };
        match lex.hedges[h].kind {
            HedgeKind::MoreThan | HedgeKind::AtLeast => Some((true, n.value)),
            HedgeKind::LessThan | HedgeKind::UpTo => Some((false, n.value)),
            _ => None,
        }
    };
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    let mut iter = found.into_iter().peekable();
    while let Some(first) = iter.next() {
        if let (Some((lower_first, a)), Some(second)) = (bound(&first), iter.peek())
            && first.1.end <= second.1.start
            && let Some((lower_second, b)) = bound(second)
            && lower_first != lower_second
            && matches!(
                text[first.1.end..second.1.start].trim(),
                "and" | "but" | "," | ", and" | "and yet"
            )
        {
            let (low, high) = if lower_first { (a, b) } else { (b, a) };
            if low < high {
                let span = first.1.start..second.1.end;
                let num = |v: Decimal| Num {
                    value: v,
                    digits: String::new(),
                    multiplier: Decimal::ONE,
                };
                out.push((
                    MentionKind::NumberRange,
                    span,
                    None,
                    Payload::Range {
                        low: num(low),
                        high: num(high),
                        unit: None,
                        percent: false,
                    },
                ));
                iter.next();
                continue;
            }
        }
        out.push(first);
    }
    out
}

/// The currency written right before `at` (one space or a line break allowed): a symbol ("$",
/// "US$", "£"), a symbol with a country's letters as tokenized text writes them ("hk $", "u.s
/// $", "cad$"), or a code ("USD", "rmb"). Returns `(currency, start)`.
fn currency_before(text: &str, at: usize) -> Option<(usize, usize)> {
    let lex = lexicon();
    let before = &text[..at];
    let before = &before[..before.len() - word_space_before(before)];
    if let Some(rest) = before.strip_suffix('$') {
        let rest = &rest[..rest.len() - word_space_before(rest)];
        let letters = start_of_last_word(rest, |c| c.is_ascii_alphabetic() || c == '.');
        // "a $5 fee", "the firm's $ 500 million": an article or a possessive, no country.
        let spaced = before.len() - rest.len() > 1;
        let article = spaced && matches!(&rest[letters..], "a" | "an" | "s" | "A" | "An");
        let country: String = rest[letters..]
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_uppercase();
        if (1..=4).contains(&country.len()) && !article {
            let symbol = format!("{country}$");
            let found = lex
                .currency_symbols
                .iter()
                .find(|(s, _)| s.replace('.', "") == symbol)
                .map(|(_, id)| *id)
                .or_else(|| {
                    lex.currencies
                        .iter()
                        .position(|c| c.codes.contains(&country))
                });
            if let Some(id) = found {
                return Some((id, letters));
            }
        }
    }
    for (symbol, id) in &lex.currency_symbols {
        if let Some(rest) = before.strip_suffix(symbol.as_str()) {
            // "US$" is not the "$" of "XUS$".
            let bounded = !symbol.starts_with(char::is_alphabetic)
                || rest
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
            if bounded {
                return Some((*id, rest.len()));
            }
        }
    }
    lex.currency_code_before(before)
}

/// The currency written right after `at` (one space, a line break or a hyphen allowed): a
/// name, a code, a symbol ("10 €", "100₾") or a code in millions ("30 musd"). Returns
/// `(currency, end, multiplier)`.
fn currency_after(text: &str, at: usize) -> Option<(usize, usize, Decimal)> {
    let lex = lexicon();
    let gap = word_space(&text[at..]).max(usize::from(text[at..].starts_with('-')));
    let rest = &text[at + gap..];
    if let Some((id, len)) = lex.currency_at(rest) {
        return Some((id, at + gap + len, Decimal::ONE));
    }
    if let Some((symbol, id)) = lex
        .currency_symbols
        .iter()
        .find(|(s, _)| rest.starts_with(s.as_str()) && !s.starts_with(char::is_alphabetic))
        && ends_word(text, at + gap + symbol.len())
    {
        return Some((*id, at + gap + symbol.len(), Decimal::ONE));
    }
    // "247p", "300p a share": pence, written right after the number.
    if gap == 0
        && rest.starts_with('p')
        && ends_word(text, at + 1)
        && let Some(id) = lex.currencies.iter().position(|c| c.code == "penny")
    {
        return Some((id, at + 1, Decimal::ONE));
    }
    // "30 musd", "120 meur"
    if let Some(coded) = rest.strip_prefix(['m', 'M'])
        && let Some((id, len)) = lex.currency_at(coded)
        && lex.currencies[id].codes.iter().any(|c| c.len() == len)
    {
        return Some((id, at + gap + 1 + len, Decimal::from(1_000_000)));
    }
    None
}

/// An amount of money: a currency before it ("$3bn", "£600m", "US$ 1MM", "EUR 5") or after it
/// ("420 million Finnish markka", "5.93 mln dlrs", "50 cents"). Scale suffixes apply, "m"
/// among them; no unit is read after it.
fn money(text: &str, phrase: &Phrase, consumed: &mut Vec<Span>) -> Option<Found> {
    let lex = lexicon();
    let before = currency_before(text, phrase.span.start);
    let mut amount = Num {
        value: phrase.value,
        digits: phrase.digits.clone(),
        multiplier: phrase.multiplier,
    };
    let mut end = phrase.span.end;
    if amount.multiplier == Decimal::ONE
        && let Some((factor, suffix_end)) = scale_suffix(text, end, before.is_some())
        && ends_word(text, suffix_end)
    {
        amount.value = amount.value.checked_mul(factor)?;
        amount.multiplier = factor;
        end = suffix_end;
    }
    let (currency, start, end) = match before {
        Some((currency, start)) => {
            if text[end..].starts_with(|c: char| c.is_alphanumeric()) {
                return None;
            }
            // "$ 10 dollars": the name again after the amount.
            let named = text[end..].trim_start().starts_with(char::is_alphabetic);
            let end = match currency_after(text, end).filter(|_| named) {
                Some((again, name_end, one))
                    if one == Decimal::ONE
                        && lex.currencies[again].name.ends_with("ollar")
                            == lex.currencies[currency].name.ends_with("ollar") =>
                {
                    name_end
                }
                _ => end,
            };
            (currency, start, end)
        }
        None => {
            let (currency, name_end, factor) = currency_after(text, end)?;
            if factor != Decimal::ONE {
                amount.value = amount.value.checked_mul(factor)?;
                amount.multiplier = factor;
            }
            (currency, phrase.span.start, name_end)
        }
    };
    // "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars and 50"
    let (amount, end) = with_cents(text, amount, end);
    let (hedge, start) = match hedge_before(text, start, false) {
        Some((hedge, at)) => (Some(hedge), at),
        None => (None, start),
    };
    consumed.push(start..end);
    let payload = Payload::Money {
        amount,
        currency: lex.currencies[currency].code.clone(),
    };
    Some((MentionKind::Money, start..end, hedge, payload))
}

/// "phase 3", "Section 4.4", "No. 5", "[22]", "[10,13,24]": a number that names or cites,
/// not a figure.
fn is_label(text: &str, phrase: &Phrase) -> bool {
    if phrase.digits.is_empty() || phrase.digits.contains(',') {
        return false;
    }
    let before = text[..phrase.span.start].trim_end_matches([' ', '\n', '\r']);
    let before = before.strip_suffix('.').unwrap_or(before);
    let word = &before[start_of_last_word(before, char::is_alphabetic)..];
    // Citations: "[22]", "[10,13,24]", "[81–83]".
    let citation_part = |c: char| c.is_ascii_digit() || matches!(c, ',' | '-' | '–' | ' ');
    let opened = text[..phrase.span.start]
        .trim_end_matches(citation_part)
        .ends_with('[');
    let closed = text[phrase.span.end..]
        .trim_start_matches(citation_part)
        .starts_with(']');
    let label = !word.is_empty()
        && lexicon()
            .labels
            .iter()
            .any(|l| l.eq_ignore_ascii_case(word));
    (opened && closed) || label
}

/// Cents after a whole amount: "3 dollars 50 cents", "15 dollars and 50".
fn with_cents(text: &str, mut amount: Num, end: usize) -> (Num, usize) {
    if !amount.value.fract().is_zero() {
        return (amount, end);
    }
    let rest = &text[end..];
    let space = word_space(rest);
    let and = if space > 0 && rest[space..].starts_with("and") {
        space + 3
    } else {
        0
    };
    let Some(phrase) = phrases(&rest[and..]).into_iter().next() else {
        return (amount, end);
    };
    let starts_next = rest[and..and + phrase.span.start].trim().is_empty() && phrase.span.start > 0;
    let cents = phrase.value;
    if !starts_next
        || cents <= Decimal::ZERO
        || cents >= Decimal::ONE_HUNDRED
        || !cents.fract().is_zero()
    {
        return (amount, end);
    }
    let mut cents_end = end + and + phrase.span.end;
    let after = &text[cents_end..];
    if let Some((id, len)) = lexicon().currency_at(after.trim_start()) {
        if lexicon().currencies[id].code != "cent" {
            return (amount, end);
        }
        cents_end += after.len() - after.trim_start().len() + len;
    } else if and == 0
        && !after.trim_start().is_empty()
        && !after.trim_start().starts_with(['.', ',', ';'])
    {
        // "15 dollars 50 people" is no price.
        return (amount, end);
    }
    amount.value += cents / Decimal::ONE_HUNDRED;
    amount.digits.clear();
    (amount, cents_end)
}

/// "777F", "13F filing", "F-Series": a lone "C" or "F" after a number is a temperature only
/// in a sentence that speaks of temperature.
fn lone_letter_out_of_context(text: &str, unit: usize, unit_end: usize) -> bool {
    let written = text[..unit_end].chars().next_back();
    let lone = written.is_some_and(|c| c.is_ascii_uppercase())
        && text[..unit_end - 1]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_alphabetic() && c != '°' && c != 'º');
    lone && lexicon().units[unit].dimension == "temperature" && !speaks_of_temperature(text)
}

/// Whether a sentence speaks of temperature, so that a bare "degrees" is one.
fn speaks_of_temperature(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| lexicon().temperature_cues.iter().any(|cue| cue == w))
}

/// "5 feet 2 inches" in inches (62), precise to the inch as written: the value and where the
/// inches end.
fn feet_and_inches(
    text: &str,
    unit: usize,
    unit_end: usize,
    feet: &Num,
) -> Option<(Decimal, usize)> {
    if lexicon().units[unit].symbol != "ft" {
        return None;
    }
    let caps = patterns().feet_inches.captures(&text[unit_end..])?;
    let inches: Decimal = caps[1].parse().ok()?;
    Some((
        feet.value * Decimal::from(12) + inches,
        unit_end + caps[0].len(),
    ))
}

/// What the number at `start..end` is, from what follows it; the span it takes (its hedge,
/// unit and rate included) is added to `consumed`.
fn classify(
    text: &str,
    start: usize,
    end: usize,
    num: Num,
    consumed: &mut Vec<Span>,
) -> Option<Found> {
    let (kind, end, payload) = if let Some(m) = patterns().percent.find(&text[end..]) {
        // "2 percentage points", "3 pct points", "5% points"
        match patterns().points.find(&text[end + m.end()..]) {
            Some(points) => (
                MentionKind::PercentagePoints,
                end + m.end() + points.end(),
                Payload::Number(num),
            ),
            None => (MentionKind::Percent, end + m.end(), Payload::Number(num)),
        }
    } else if let Some(m) = patterns().years_old.find(&text[end..])
        && let Some(year) = lexicon().unit_index("year")
    {
        // "87 yo"
        (
            MentionKind::Age,
            end + m.end(),
            Payload::Duration {
                amount: num,
                unit: year,
            },
        )
    } else if let Some((unit, unit_end)) = unit_after(text, end)
        && !lone_letter_out_of_context(text, unit, unit_end)
    {
        if lexicon().units[unit].is_time() {
            // "29 years old", "a 30-year-old", "three years of age", "87 yo"
            match patterns().age.find(&text[unit_end..]) {
                Some(m) => (
                    MentionKind::Age,
                    unit_end + m.end(),
                    Payload::Duration { amount: num, unit },
                ),
                None => (
                    MentionKind::Duration,
                    unit_end,
                    Payload::Duration { amount: num, unit },
                ),
            }
        } else if lexicon().units[unit].symbol == "°" && speaks_of_temperature(text) {
            // "temperatures reached 40 degrees"
            let unit = lexicon().unit_index("deg").unwrap_or(unit);
            (
                MentionKind::Quantity,
                unit_end,
                Payload::Quantity {
                    amount: num,
                    unit,
                    stuff: None,
                },
            )
        } else if let Some((value, inches_end)) = feet_and_inches(text, unit, unit_end, &num) {
            // "5 ft 2 in", "6 feet and 2 inches": one length, in inches.
            let digits = if value.fract().is_zero() {
                value.normalize().to_string()
            } else {
                String::new()
            };
            let amount = Num {
                value,
                digits,
                multiplier: Decimal::ONE,
            };
            let inch = lexicon().unit_index("in").unwrap_or(unit);
            (
                MentionKind::Quantity,
                inches_end,
                Payload::Quantity {
                    amount,
                    unit: inch,
                    stuff: None,
                },
            )
        } else {
            let (stuff, stuff_end) = stuff_after(text, unit_end);
            match rate_after(text, stuff_end).or_else(|| rate_after(text, unit_end)) {
                Some((per, rate_end)) => {
                    // "1,000 tons a day of ore": the stuff may follow the rate.
                    let stuff = stuff.or_else(|| stuff_after(text, rate_end).0);
                    let payload = Payload::Rate {
                        amount: num,
                        unit,
                        per,
                        stuff,
                    };
                    (MentionKind::Rate, rate_end, payload)
                }
                None => (
                    MentionKind::Quantity,
                    unit_end,
                    Payload::Quantity {
                        amount: num,
                        unit,
                        stuff,
                    },
                ),
            }
        }
    } else if text[end..].starts_with(|c: char| c.is_alphanumeric()) {
        return None; // "4G", "747s": part of a name
    } else if is_year(&num) && reads_as_year(text, start, end) {
        let year = num.value.try_into().ok()?;
        // "1986/87": a season of two years is written as its first.
        let season = text[end..]
            .strip_prefix('/')
            .filter(|rest| {
                rest.len() >= 2
                    && rest.as_bytes()[..2].iter().all(u8::is_ascii_digit)
                    && !rest[2..].starts_with(|c: char| c.is_alphanumeric())
            })
            .map_or(0, |_| 3);
        (
            MentionKind::Date,
            end + season,
            Payload::Date(DateExpr::Year(Year::Stated(year))),
        )
    } else {
        (MentionKind::Number, end, Payload::Number(num))
    };
    let duration = kind == MentionKind::Duration;
    let number_start = start;
    let (mut hedge, mut start) = match hedge_before(text, start, duration) {
        Some((hedge, at)) if kind != MentionKind::Date => (Some(hedge), at),
        _ => (None, start),
    };
    // "500 or more", "equal to 5000 or less", "less than 5000 or equal": a bound written after
    // the figure. It replaces an "about" or "equal to" before it, and only widens the span of a
    // bound before it.
    let mut end = end;
    if matches!(
        kind,
        MentionKind::Number
            | MentionKind::Quantity
            | MentionKind::Percent
            | MentionKind::PercentagePoints
    ) && let Some((after, after_end)) = hedge_after(text, end)
    {
        match hedge.map(|h| lexicon().hedges[h].kind) {
            None | Some(HedgeKind::Exactly) => hedge = Some(after),
            Some(HedgeKind::Approximate) => {
                hedge = Some(after);
                start = number_start;
            }
            _ => {}
        }
        end = after_end;
    }
    consumed.push(start..end);
    Some((kind, start..end, hedge, payload))
}

/// Whether a four-digit number at `start..end` reads as a year where it stands: not a link
/// of a chain of numbers ("138-2010-2015", "2015-32"), and not a count before its noun
/// ("deliver 2000 pieces"; but "the 2000 elections", "in 2000 prices").
fn reads_as_year(text: &str, start: usize, end: usize) -> bool {
    // The groups of digits joined to this one by dashes: "1986-1990" is two years,
    // "2014-15" a season, "138-2010-2015" a telephone number.
    let mut groups = vec![end - start];
    let mut at = start;
    while let Some(head) = text[..at].strip_suffix('-') {
        let n = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if n == 0 {
            break;
        }
        groups.insert(0, n);
        at = head.len() - n;
    }
    let mut at = end;
    while let Some(rest) = text[at..].strip_prefix('-') {
        let n = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if n == 0 {
            break;
        }
        groups.push(n);
        at += 1 + n;
    }
    // "2014-15" is a season only when the second year follows the first.
    let season = || {
        let first: u32 = text[start..end].parse().unwrap_or(0);
        let second: u32 = text[end + 1..end + 3].parse().unwrap_or(100);
        (first + 1) % 100 == second
    };
    let chained = match groups.as_slice() {
        [_] | [4, 4] => false,
        [4, 2] => !season(),
        _ => true,
    };
    if chained {
        return false;
    }
    let after = &text[end..];
    let next: String = after
        .trim_start_matches([' ', '\n', '\r'])
        .chars()
        .take_while(|c| c.is_ascii_lowercase())
        .collect();
    let (previous, _) = word_before(text, start);
    let plural_noun = next.len() > 3
        && next.ends_with('s')
        && !next.ends_with("ss")
        && !matches!(
            next.as_str(),
            "was" | "this" | "has" | "his" | "its" | "plus" | "thus" | "versus"
        );
    let dating = previous.is_empty()
        || previous.chars().any(|c| !c.is_alphabetic())
        || lexicon().month_prepositions.contains(&previous)
        || matches!(
            previous.as_str(),
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "your"
                | "my"
                | "whose"
                | "fiscal"
                | "year"
                | "season"
                | "circa"
                | "for"
                | "at"
                | "on"
                | "during"
                | "around"
                | "about"
        );
    !plural_noun || dating
}

fn is_year(num: &Num) -> bool {
    num.digits.len() == 4
        && num.multiplier == Decimal::ONE
        && num.digits.bytes().all(|b| b.is_ascii_digit())
        && (Decimal::from(1800)..=Decimal::from(2100)).contains(&num.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kind and value of each figure in `text`.
    fn kinds_of(text: &str) -> Vec<(MentionKind, String)> {
        kinds(text)
            .into_iter()
            .map(|(kind, _, value)| (kind, value))
            .collect()
    }

    /// A bond's price in 32nds ("96.08-12") is one figure; a range of decimals is a range.
    #[test]
    fn a_bond_price_is_no_range_and_a_range_of_decimals_is() {
        assert_eq!(
            kinds_of("bonds at 96.08-12"),
            [(MentionKind::Number, "96.08".to_string())]
        );
        assert_eq!(
            kinds_of("growth of 2.5-3.5%"),
            [(MentionKind::NumberRange, "2.5/3.5".to_string())]
        );
        assert_eq!(
            kinds_of("a yield of 8.25-30 pct"),
            [(MentionKind::NumberRange, "8.25/30".to_string())]
        );
        // A character of several bytes before the numeral (found by the MeasEval paragraphs:
        // it panicked).
        for text in ["(0.04–0.10)×10-19 J", "×5-7", "×1.5/2"] {
            let _ = kinds(text);
        }
    }

    /// A start that its end's scale would take past what a decimal holds (found by fuzzing:
    /// it overflowed) keeps its value, as a start the scale would take past the end does
    /// ("500 to 2 million").
    #[test]
    fn a_range_scaled_past_a_decimal_does_not_overflow() {
        assert_eq!(
            kinds_of("up 777777777777777777777777.3-77777777777777774.9b%"),
            [(
                MentionKind::NumberRange,
                "777777777777777777777777.3/77777777777777774900000000".to_string()
            )]
        );
        assert_eq!(
            kinds_of("up 500 to 2 million"),
            [(MentionKind::NumberRange, "500/2000000".to_string())]
        );
    }

    /// A relative ordinal of several words is one figure whatever white space parts them: a
    /// draft wrapped by hand breaks "next to last" over two lines.
    #[test]
    fn relative_ordinals_run_over_any_white_space() {
        for text in [
            "came next to last",
            "came next\nto last",
            "came next  to\u{a0}last",
        ] {
            assert_eq!(
                kinds(text),
                [(MentionKind::Ordinal, &text[5..], "end-1".to_string())],
                "{text:?}"
            );
        }
    }

    /// A draft wrapped by hand may break a line between a number and its unit, scale or
    /// currency, or inside the words around it: each figure reads as it does on one line.
    /// "|" marks the space that the wrapped copy breaks.
    #[test]
    fn a_figure_reads_the_same_over_a_line_break() {
        use MentionKind::*;
        for (written, kind, figure) in [
            (
                "let out 12,000|cubic metres",
                Quantity,
                "12,000 cubic metres",
            ),
            (
                "let out 12,000 cubic|metres",
                Quantity,
                "12,000 cubic metres",
            ),
            ("460 tons of|water a day", Rate, "460 tons of water a day"),
            ("it paid 5|US dollars", Money, "5 US dollars"),
            ("it paid EUR|5 million", Money, "EUR 5 million"),
            ("assets of 312.8|mln dlrs", Money, "312.8 mln dlrs"),
            (
                "it cost 15 dollars|and 50 cents",
                Money,
                "15 dollars and 50 cents",
            ),
            ("he was 36 years|old", Age, "36 years old"),
        ] {
            let line = written.replace('|', " ");
            let wrapped = written.replace('|', "\n");
            let read = |text: &str| {
                kinds(text)
                    .into_iter()
                    .map(|(kind, span, value)| (kind, single_spaced(span), value))
                    .collect::<Vec<_>>()
            };
            let on_one_line = read(&line);
            assert_eq!(
                on_one_line
                    .iter()
                    .map(|(k, s, _)| (*k, s.as_str()))
                    .collect::<Vec<_>>(),
                [(kind, figure)],
                "{line:?}"
            );
            assert_eq!(read(&wrapped), on_one_line, "{wrapped:?}");
        }
        // A label's number is no figure on either line: "Chapter\n11".
        assert!(kinds("filed under Chapter\n11 of the act").is_empty());
    }

    fn kinds(text: &str) -> Vec<(MentionKind, &str, String)> {
        numbers(text, &[])
            .into_iter()
            .map(|(kind, span, _, payload)| {
                let value = match payload {
                    Payload::Number(n)
                    | Payload::Quantity { amount: n, .. }
                    | Payload::Rate { amount: n, .. }
                    | Payload::Money { amount: n, .. }
                    | Payload::Duration { amount: n, .. } => n.value.normalize().to_string(),
                    Payload::Date(d) => format!("{d:?}"),
                    Payload::DateRange { .. } => String::new(),
                    Payload::RelativeOrdinal(r) => r,
                    Payload::Range { low, high, .. } => {
                        format!("{}/{}", low.value.normalize(), high.value.normalize())
                    }
                };
                (kind, &text[span], value)
            })
            .collect()
    }

    #[test]
    fn per_cent_of_names_the_percentage_after_it() {
        use MentionKind::*;
        assert_eq!(
            kinds("Per cent of 210 people said yes."),
            [(Percent, "Per cent of 210", "210".into())]
        );
        assert_eq!(
            kinds("They said: PERCENT OF  40 voters."),
            [(Percent, "PERCENT OF  40", "40".into())]
        );
        // Not right before the number, or not after a clause's start: a plain number.
        assert_eq!(
            kinds("Per cent of the 210 people."),
            [(Number, "210", "210".into())]
        );
        assert_eq!(
            kinds("the percent of 40 voters"),
            [(Number, "40", "40".into())]
        );
    }

    #[test]
    fn numbers_units_and_rates() {
        use MentionKind::*;
        assert_eq!(
            kinds(
                "some 7,800 tons of water, releasing some 460 tons per day in 2005 for the 13th time"
            ),
            [
                (Quantity, "some 7,800 tons", "7800".into()),
                (Rate, "some 460 tons per day", "460".into()),
                (Date, "2005", "Year(Stated(2005))".into()),
                (Ordinal, "13th", "13".into()),
            ]
        );
        assert_eq!(
            kinds("1.2 million litres"),
            [(Quantity, "1.2 million litres", "1200000".into())]
        );
        assert_eq!(
            kinds("for two hours"),
            [(Duration, "two hours", "2".into())]
        );
        assert_eq!(
            kinds("nearly a decade"),
            [(Duration, "nearly a decade", "1".into())]
        );
        assert_eq!(
            kinds("up 12.5% on COVID-19 and A380 jets"),
            [(Percent, "12.5%", "12.5".into())]
        );
        assert_eq!(
            kinds("twenty-five trucks"),
            [(Number, "twenty-five", "25".into())]
        );
        assert_eq!(kinds("one of them"), []);
        assert_eq!(kinds("a second batch"), [(Ordinal, "second", "2".into())]);
        assert_eq!(
            kinds("a 19-day festival"),
            [(Duration, "19-day", "19".into())]
        );
        assert_eq!(
            kinds("a profit of £75m, up from about $1.2 billion and A$30m, 100m tall"),
            [
                (Money, "£75m", "75000000".into()),
                (Money, "about $1.2 billion", "1200000000".into()),
                (Money, "A$30m", "30000000".into()),
                (Quantity, "100m", "100".into()),
            ]
        );
    }

    #[test]
    fn ranges_bounds_and_points() {
        use MentionKind::*;
        assert_eq!(
            kinds("between 10 and 12 million tonnes"),
            [(
                NumberRange,
                "between 10 and 12 million tonnes",
                "10000000/12000000".into()
            )]
        );
        assert_eq!(
            kinds("prices rose from 40 to 60"),
            [(Number, "40", "40".into()), (Number, "60", "60".into())]
        );
        assert_eq!(
            kinds("more than 10 and less than 20"),
            [(NumberRange, "more than 10 and less than 20", "10/20".into())]
        );
        assert_eq!(
            kinds("500 or more"),
            [(Number, "500 or more", "500".into())]
        );
        assert_eq!(
            kinds("up 2 percentage points"),
            [(PercentagePoints, "2 percentage points", "2".into())]
        );
        assert_eq!(kinds("Boeing 747 jets and the FTSE 100"), []);
        assert_eq!(
            kinds("a 1,000 MW plant"),
            [(Quantity, "1,000 MW", "1000".into())]
        );
        assert_eq!(
            kinds("420 million Finnish markka"),
            [(Money, "420 million Finnish markka", "420000000".into())]
        );
    }
}
