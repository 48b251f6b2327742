//! `count-mismatch`: "three countries: Japan, China, Korea and Vietnam".

use rust_decimal::Decimal;

use super::{Conclusion, Links, Outcome, Patterns, Relation, Verdict, display, doc};
use crate::extract::MentionKind;
use crate::finding::{Label, Locator};
use crate::lexicon::{WordClasses, single_spaced};
use crate::link::{Claim, Detail, Text};
use crate::normalize::Figure;

const RULE: &str = "count-mismatch";

/// A count and the items listed after it.
pub const RELATION: Relation = Relation {
    name: "count",
    link,
    check: |claim, cx| {
        let (
            Some(count),
            Detail::Count {
                items,
                list,
                exhaustive,
            },
        ) = (claim.figure("count"), &claim.detail)
        else {
            return Vec::new();
        };
        check(
            &cx.figures[count],
            *items,
            (list.start, list.end),
            *exhaustive,
            cx.locator,
        )
        .into_iter()
        .collect()
    },
};

/// Checks that the items listed after `count` are as many (or, not `exhaustive`, no more).
/// `items` is how many the list may hold: an "and" inside an item may join two names ("Ernst and
/// Young") or part two items, so a list is between `items.0` and `items.1` long.
pub fn check(
    count: &Figure,
    items: (usize, usize),
    list: (usize, usize),
    exhaustive: bool,
    locator: &Locator,
) -> Option<Outcome> {
    let n = count.central?;
    let (low, high) = (Decimal::from(items.0), Decimal::from(items.1));
    let holds = if exhaustive {
        (low..=high).contains(&n)
    } else {
        low <= n
    };
    let doc = doc(RULE).expect("catalogued");
    let count_text = locator.text(&count.mention.span).to_string();
    let noun = single_spaced(
        locator
            .text(&(count.mention.span.end..list.0))
            .trim()
            .trim_end_matches([':', '-', '–', '—', ','])
            .trim_end_matches("including")
            .trim_end_matches(" are")
            .trim_end_matches(" were")
            .trim_end()
            .trim_end_matches([',', '.']),
    );
    let listed = if low == high {
        display(low)
    } else {
        format!("{} or {}", display(low), display(high))
    };
    let vals = [
        ("count", count_text),
        ("noun", noun),
        ("items", listed),
        (
            "list",
            single_spaced(locator.text(&(list.0..list.1)).trim()),
        ),
    ];
    let list_label = Label {
        role: "list".into(),
        text: locator.text(&(list.0..list.1)).to_string(),
        span: locator.position(&(list.0..list.1)),
    };
    let conclusion = Conclusion {
        rule: RULE,
        doc,
        values: &vals,
        span: locator.position(&count.mention.span),
        labels: vec![locator.label("count", count), list_label],
    };
    let verdict = if holds {
        Verdict::Verified
    } else {
        Verdict::Error
    };
    Some(if exhaustive {
        conclusion.with(verdict, "verified", "title", &["listed"])
    } else {
        conclusion.with(verdict, "verified-partial", "title", &["listed", "partial"])
    })
}

/// How a list is set after its count.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Opening {
    /// "three countries: Japan, China and Korea"
    Colon,
    /// "three bakeries - Pellworth, Danby and Corrin -"
    Dash,
    /// "her two daughters, Mina and Ros, …"
    Apposition,
    /// "five firms, including Acme and Globex": the list may be a part.
    Including,
    /// "The three plants are a mill, a smelter and a foundry."
    Are,
}

/// A small count (two to twenty, a number of things with no hedge), the noun it counts, and
/// the list that names them, set after it by a colon, dashes, commas, "including" or "are"
/// ([`Opening`]), or in the next sentence ("Three games are due. They are: …").
fn link(text: &Text, patterns: &Patterns) -> Links {
    let classes = &patterns.grammar.classes;
    let mut claims = Vec::new();
    for count in 0..text.figures.len() {
        let figure = &text.figures[count];
        let (MentionKind::Number, Some(value), None) =
            (figure.mention.kind, figure.central, figure.mention.hedge)
        else {
            continue;
        };
        if !(Decimal::TWO..=Decimal::from(20)).contains(&value)
            || !value.fract().is_zero()
            || text.ratio(count)
        {
            continue;
        }
        let s = figure.mention.sentence;
        let Some(at) = text.token_of(count) else {
            continue;
        };
        // "Lucky Seven Motors", "the Six Nations": a number in capitals inside a sentence
        // is part of a name.
        let written = &text.prose[figure.mention.span.clone()];
        if at > 0 && written.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let found = list_after(text, count, s, at, classes)
            .map(|(list, opening)| (s, list, opening != Opening::Including))
            .or_else(|| list_next(text, s, at, classes).map(|list| (s + 1, list, true)));
        if let Some((s, list, exhaustive)) = found {
            let tokens = text.tokens(s);
            let span = tokens[list.tokens.start].span.start..tokens[list.tokens.end - 1].span.end;
            claims.push(Claim::new(RULE, "count-list", vec![("count", count)]).with(
                Detail::Count {
                    items: list.items,
                    list: span,
                    exhaustive,
                },
            ));
        }
    }
    Links {
        claims,
        ..Links::default()
    }
}

/// The list set after the count at token `at` of sentence `s` by the mark or word after its
/// noun: a plural among the first three words after the count ("three bakeries - …", "Three
/// things matter: …", "two goals in five minutes - …"). A dash or "are" may follow a
/// longer noun ("two conditions for reopening talks with the union - …"); others no
/// preposition but "of" ("9 depots in Ohio, Kansas …" lists from inside its noun).
fn list_after(
    text: &Text,
    count: usize,
    s: usize,
    at: usize,
    classes: &WordClasses,
) -> Option<(List, Opening)> {
    let tokens = text.tokens(s);
    let word = |t: usize| {
        tokens
            .get(t)
            .filter(|k| k.is_word())
            .map(|k| text.word(k).to_ascii_lowercase())
    };
    // The noun: words up to the mark or word that opens the list.
    let mut o = at + 1;
    while o < tokens.len() && o <= at + 8 && tokens[o].is_word() {
        let w = word(o)?;
        if classes.has("list-opens", &w) || (o > at + 1 && classes.has("list-are", &w)) {
            break;
        }
        o += 1;
    }
    if o == at + 1 || o >= tokens.len() {
        return None;
    }
    let (opening, start) = match (tokens[o].punct(), word(o).as_deref()) {
        (Some(':'), _) => (Opening::Colon, o + 1),
        (Some('-'), _) => (Opening::Dash, o + 1),
        (Some(','), _) if word(o + 1).as_deref() == Some("including") => {
            (Opening::Including, o + 2)
        }
        (Some(','), _) => (Opening::Apposition, o + 1),
        (_, Some(w)) if classes.has("list-opens", w) => (Opening::Including, o + 1),
        // "The three plants are …": the count is the subject the list names.
        (_, Some(w)) if classes.has("list-are", w) && text.figures[count].mention.lead == "the" => {
            (Opening::Are, o + 1)
        }
        _ => return None,
    };
    let noun = at + 1..o;
    let long = matches!(opening, Opening::Dash | Opening::Are);
    // "12 times core capital": no count of things.
    if word(at + 1).is_some_and(|w| classes.has("not-counted", &w)) {
        return None;
    }
    // The plural is among the first three words, or ends a longer noun before a dash or "are"
    // ("two more of the region's big carmakers -- …").
    let head = noun
        .clone()
        .take(3)
        .find(|&t| plural_noun(text, &tokens[t], classes))
        .or_else(|| (long && plural_noun(text, &tokens[o - 1], classes)).then_some(o - 1))?;
    // "three children Ada, Bilal and Tom": a name after the noun starts the list there.
    if (head + 1..o).any(|t| {
        text.word(&tokens[t])
            .starts_with(|c: char| c.is_uppercase())
    }) {
        return None;
    }
    let plural = true;
    let preposition =
        |t: usize| word(t).is_some_and(|w| w != "of" && classes.has("preposition", &w));
    let prepositions = noun.clone().any(preposition);
    // "six new stores in each price band - low, middle and high": a list after a
    // preposition's object names that, not the things counted.
    let object = (head + 1..o).any(preposition);
    if !plural || noun.len() > if long { 8 } else { 4 } || (!long && prepositions) || object {
        return None;
    }
    read_list(text, s, start, opening, classes).map(|list| (list, opening))
}

/// "Three games are due for the console. They are: Skyrun, Ember …": the list opening the
/// next sentence, when the count and its noun end their clause and sentence.
fn list_next(text: &Text, s: usize, at: usize, classes: &WordClasses) -> Option<List> {
    let tokens = text.tokens(s);
    let next = s + 1;
    if !tokens
        .get(at + 1)
        .is_some_and(|t| t.is_word() && plural_noun(text, t, classes))
        || text.clause_around(s, at).end + 1 < tokens.len()
        || next >= text.sentences.len()
    {
        return None;
    }
    let starts: Vec<String> = text
        .tokens(next)
        .iter()
        .take(3)
        .map(|t| text.word(t).to_ascii_lowercase())
        .collect();
    // "They are: …" runs to its end; "They are …" names its items as "are" does.
    let (start, opening) = match starts
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["they" | "these", "are" | "were", ":", ..] => (3, Opening::Colon),
        ["they" | "these", "are" | "were", ..] => (2, Opening::Are),
        _ => return None,
    };
    read_list(text, next, start, opening, classes)
}

/// A list as read: how many items it may hold, and its tokens.
struct List {
    items: (usize, usize),
    tokens: std::ops::Range<usize>,
}

/// Whether token `t` can be part of a name: a word in capitals, a figure, a mark, or one of the
/// little words names take ("Bank of America", "Lyon in 2003").
fn name_token(
    text: &Text,
    tokens: &[crate::link::tokens::Token],
    t: usize,
    classes: &WordClasses,
) -> bool {
    let token = &tokens[t];
    token.figure().is_some()
        || !token.is_word()
        || text.word(token).starts_with(|c: char| c.is_uppercase())
        || classes.has("name-word", &text.word(token).to_ascii_lowercase())
}

/// Whether a word ends the noun of a count: a plural ("countries", "Britons"), or a noun of
/// people or things with no "s" ("people", "men", "children", "staff").
fn plural_noun(text: &Text, token: &crate::link::tokens::Token, classes: &WordClasses) -> bool {
    let w = text.word(token).to_ascii_lowercase();
    (w.ends_with('s') && !w.ends_with("ss") && w.len() > 2) || classes.has("plural", &w)
}

/// The list that starts at token `start` of sentence `s`: items parted by commas (or
/// semicolons) and a final "and", each of at most eight words, none led by a count
/// of its own ("12 forwards, 11 defenders" are parts, not items). The list ends with the item
/// after its final conjunction: at a comma, the sentence's end, a semicolon, a colon's list at
/// its sentence's end, a dash's list at its closing dash. A list with no conjunction, or that
/// runs on past where it must end, is not read.
fn read_list(
    text: &Text,
    s: usize,
    start: usize,
    opening: Opening,
    classes: &WordClasses,
) -> Option<List> {
    let tokens = text.tokens(s);
    let is_conj = |t: usize| {
        tokens[t].is_word() && classes.has("list-and", &text.word(&tokens[t]).to_ascii_lowercase())
    };
    let ends_list = |t: usize| match tokens[t].punct() {
        Some('.' | ';' | '!' | '?' | ')' | '(') => true,
        Some('-') => true,
        Some(':') => opening != Opening::Colon,
        _ => false,
    };
    // Segments parted by commas, up to where the list must end.
    let mut segments: Vec<std::ops::Range<usize>> = Vec::new();
    let mut from = start;
    let mut t = start;
    let mut last = None;
    while t <= tokens.len() {
        let at_end = t == tokens.len() || ends_list(t);
        let comma = t < tokens.len() && tokens[t].punct() == Some(',');
        if at_end || comma {
            if from < t {
                segments.push(from..t);
            }
            // An apposition ends with the segment that holds its final conjunction; a list
            // after a colon, a dash or "are" runs to its end, its final conjunction in its
            // last segment.
            let conj = segments.last().is_some_and(|seg| seg.clone().any(is_conj));
            let runs_on = match opening {
                Opening::Colon | Opening::Dash | Opening::Are => true,
                // "the three bidders, <Harlow Brothers and Co Ltd>, <P.Dunmore and Co Ltd>
                // and Wexcombe Hale": names go on while the next segment is one.
                Opening::Apposition => {
                    let next = t + 1..tokens.len();
                    let upto = next
                        .clone()
                        .find(|&k| tokens[k].punct() == Some(','))
                        .unwrap_or(tokens.len());
                    comma
                        && upto > t + 1
                        && (t + 1..upto).all(|k| name_token(text, tokens, k, classes))
                }
                Opening::Including => false,
            };
            if conj && !runs_on {
                last = Some(segments.len() - 1);
                break;
            }
            if at_end {
                if conj {
                    last = Some(segments.len() - 1);
                }
                break;
            }
            from = t + 1;
        }
        t += 1;
    }
    let last = last?;
    let segments = &segments[..=last];
    // A list starts with an item: not "and …", "with …", "while …" that go on with the
    // sentence. Items in apposition are names or definite ("her two daughters, Mina and Ros",
    // "three titles, the 2004 Dutch Open, …"), not what the sentence goes on to ("sold four
    // houses, a barn and a shop").
    let first = |range: &std::ops::Range<usize>| -> Option<String> {
        tokens.get(range.start).map(|t| text.word(t).to_string())
    };
    for seg in segments {
        let lead = first(seg)?.to_ascii_lowercase();
        if classes.has("list-not-first", &lead)
            && !(seg.start > segments[0].start && is_conj(seg.start))
        {
            return None;
        }
    }
    // "are sharing design, testing …", "were joined by …": a verb, not a list.
    let lead = first(&segments[0])?.to_ascii_lowercase();
    if opening == Opening::Are && (lead.ends_with("ing") || lead.ends_with("ed")) {
        return None;
    }
    // A dash's list closes with its dash or the sentence's end; an apposition's with a comma
    // or the sentence's end ("the three coastal regions, Norland and Tessel will be
    // exempted" is no apposition).
    let end = segments[last].end;
    let closes = end == tokens.len()
        || match opening {
            Opening::Dash | Opening::Colon | Opening::Are => ends_list(end),
            Opening::Apposition => {
                tokens[end].punct() == Some(',')
                    || (ends_list(end) && tokens[end].punct() != Some('-'))
            }
            Opening::Including => ends_list(end) || tokens[end].punct() == Some(','),
        };
    if !closes {
        return None;
    }
    let (mut low, mut high) = (0, 0);
    for (k, seg) in segments.iter().enumerate() {
        // Items of the segment, parted by its conjunctions.
        let mut items: Vec<std::ops::Range<usize>> = Vec::new();
        let mut from = seg.start;
        for t in seg.clone() {
            if is_conj(t) {
                items.push(from..t);
                from = t + 1;
            }
        }
        items.push(from..seg.end);
        // ", and Vietnam": the Oxford comma's conjunction opens the last segment.
        let oxford = items.first().is_some_and(|i| i.is_empty()) && k > 0;
        let items: Vec<_> = items.into_iter().filter(|i| !i.is_empty()).collect();
        if items.is_empty() {
            return None;
        }
        for item in &items {
            let words = item.clone().filter(|&t| tokens[t].is_word()).count();
            if words > 8 {
                return None;
            }
            // In apposition, names ("Mina and Ros", "the 2004 Dutch Open, Lyon in
            // 2003"): words in capitals, figures and the little words of names; after "are",
            // noun phrases ("a small hardware chain").
            let named = |t: usize| name_token(text, tokens, t, classes);
            let lead = first(item)?.to_ascii_lowercase();
            match opening {
                Opening::Apposition if !item.clone().all(named) => return None,
                Opening::Are
                    if !(named(item.start) || matches!(lead.as_str(), "a" | "an" | "the")) =>
                {
                    return None;
                }
                _ => {}
            }
            // "12 forwards, 11 defenders", "Vantel two and Orsa one": parts with counts of
            // their own, not items.
            // ("on 14 and 15 May": a day, after its preposition, is no count.)
            let counted = |f: usize| {
                text.is(f, "count")
                    && !matches!(
                        text.figures[f].mention.lead.as_str(),
                        "on" | "in" | "at" | "by" | "until" | "since"
                    )
            };
            if item
                .clone()
                .any(|t| tokens[t].figure().is_some_and(counted))
            {
                return None;
            }
        }
        let n = items.len();
        if k == last && !oxford {
            // The final conjunction parts two items at least.
            low += 2.min(n);
            high += n;
        } else {
            // "Corvina, a river barge, and the ferry Solstice": a segment
            // that opens with "a" after a name may say what the name is, not add an item.
            let described = k > 0
                && matches!(
                    first(seg).map(|w| w.to_ascii_lowercase()).as_deref(),
                    Some("a" | "an")
                )
                && segments[k - 1]
                    .clone()
                    .all(|t| name_token(text, tokens, t, classes));
            low += usize::from(!described);
            high += n;
        }
    }
    Some(List {
        items: (low, high),
        tokens: segments[0].start..segments[last].end,
    })
}
