//! `count-mismatch`: "three countries: Japan, China, Korea and Vietnam".

use rust_decimal::Decimal;

use super::{Conclusion, Links, Outcome, Patterns, Relation, Verdict, display, doc};
use crate::extract::MentionKind;
use crate::finding::{Label, Locator};
use crate::link::{Claim, Detail, Text};
use crate::normalize::Figure;

const RULE: &str = "count-mismatch";

/// A count and the items listed after it.
pub const RELATION: Relation = Relation {
    name: "count",
    link,
    check: |claim, cx| {
        let (Some(count), Detail::Count {
            items,
            list,
            exhaustive,
        }) = (claim.figure("count"), &claim.detail)
        else {
            return Vec::new();
        };
        check(&cx.figures[count], items.0, (list.start, list.end), *exhaustive, cx.locator)
            .into_iter()
            .collect()
    },
};

/// Checks that `items` listed after `count` are as many (or, not `exhaustive`, no more).
pub fn check(
    count: &Figure,
    items: usize,
    list: (usize, usize),
    exhaustive: bool,
    locator: &Locator,
) -> Option<Outcome> {
    let n = count.central?;
    let listed = Decimal::from(items);
    let holds = if exhaustive { listed == n } else { listed <= n };
    let doc = doc(RULE).expect("catalogued");
    let count_text = locator.text(&count.mention.span).to_string();
    let after = locator.text(&(count.mention.span.end..list.0));
    let noun = after
        .trim()
        .trim_end_matches(':')
        .trim_end_matches("including")
        .trim_end()
        .trim_end_matches(',')
        .to_string();
    let vals = [
        ("count", count_text),
        ("noun", noun),
        ("items", display(listed)),
        ("list", locator.text(&(list.0..list.1)).trim().to_string()),
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

/// A small count, a plural noun of at most three words, a colon (or "including"), and a list
/// of short items without figures joined by commas and one final "and" or "or":
/// "three countries: Japan, China, Korea and Vietnam". The list ends at the item after "and".
fn link(text: &Text, _patterns: &Patterns) -> Links {
    let (figures, prose) = (text.figures, text.prose);
    let mut claims = Vec::new();
    for (i, figure) in figures.iter().enumerate() {
        let (MentionKind::Number, Some(value), None) =
            (figure.mention.kind, figure.central, figure.mention.hedge)
        else {
            continue;
        };
        if !(Decimal::TWO..=Decimal::from(20)).contains(&value) || !value.fract().is_zero() {
            continue;
        }
        // "three countries: …" or "five countries, including …", within a few words.
        let rest = &prose[figure.mention.span.end..];
        let head = &rest[..rest.floor_char_boundary(48)];
        let colon = head.find(':');
        let including = head.find("including");
        let (noun, list_at, exhaustive) = match (colon, including) {
            (Some(c), i) if i.is_none_or(|i| c < i) => (&rest[..c], c + 1, true),
            (_, Some(i)) => (
                rest[..i].trim_end().trim_end_matches(','),
                i + "including".len(),
                false,
            ),
            _ => continue,
        };
        let words: Vec<&str> = noun.split_whitespace().collect();
        if words.is_empty()
            || words.len() > 3
            || !words
                .iter()
                .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
            || !words.last().is_some_and(|w| w.ends_with('s'))
        {
            continue;
        }
        let list_at = figure.mention.span.end + list_at;
        // No other figure inside the list.
        let Some((items, list_end)) = list_items(&prose[list_at..], !exhaustive) else {
            continue;
        };
        if figures
            .get(i + 1)
            .is_some_and(|f| f.mention.span.start < list_at + list_end)
        {
            continue;
        }
        claims.push(Claim::new(RULE, "count-list", vec![("count", i)]).with(Detail::Count {
            items: (items, items),
            list: list_at..list_at + list_end,
            exhaustive,
        }));
    }
    Links {
        claims,
        ..Links::default()
    }
}

/// The items of a list that `text` starts with — "Japan, China, Korea and Vietnam." — and
/// where the list ends. Items are split at commas; the list ends with the item after its last
/// "and" or "or", at the end of the clause or before ", and …" that goes on with the sentence.
/// An "and" inside an earlier item ("labels and tapes, disks and film") stays in it. Each item
/// is at most four words without digits; anything else leaves the list unread. An
/// `apposition` ("five firms, including Acme and Globex, bid …") may end at its comma.
fn list_items(text: &str, apposition: bool) -> Option<(usize, usize)> {
    let item_ok = |item: &str| {
        let words = item.split_whitespace().count();
        (1..=4).contains(&words)
            && !item.contains(|c: char| c.is_ascii_digit() || "()\"".contains(c))
    };
    // The clause ends at a semicolon, colon, bracket, line break, or a full stop before a
    // capital or the end ("U.S." inside it does not end it).
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        let after = &text[i + c.len_utf8()..];
        let stops = match c {
            ';' | ':' | '\n' | '(' => true,
            '.' | '!' | '?' => {
                after.is_empty()
                    || (after.starts_with(char::is_whitespace)
                        && !after.trim_start().starts_with(char::is_lowercase))
            }
            _ => false,
        };
        if stops {
            end = i;
            break;
        }
    }
    let clause = &text[..end];
    let mut segments: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for part in clause.split(',') {
        segments.push((at, part));
        at += part.len() + 1;
    }
    let conjunction = |seg: &str| {
        [" and ", " or "]
            .iter()
            .filter_map(|w| seg.rfind(w).map(|i| (i, w.len())))
            .max()
    };
    // Items of one kind: all names ("Japan, China and Korea") or all common nouns; a mix is an
    // apposition ("Independencia, a centre-battery ship, and …").
    let capital = |item: &str| {
        let first = item.split_whitespace().next().unwrap_or("");
        first.starts_with(char::is_uppercase) && !matches!(first, "A" | "An" | "The")
    };
    let one_kind =
        |items: &[&str]| items.iter().all(|s| capital(s)) || items.iter().all(|s| !capital(s));
    let opens_with_and = |seg: &str| {
        let seg = seg.trim_start();
        seg.starts_with("and ") || seg.starts_with("or ")
    };
    // Every segment before the last item is one item: `k` of them so far.
    for (k, (offset, seg)) in segments.iter().enumerate() {
        let last = k + 1 == segments.len();
        let next_goes_on = segments.get(k + 1).is_some_and(|(_, s)| opens_with_and(s));
        // ", and Vietnam": the final item after an Oxford comma.
        if k > 0 && opens_with_and(seg) {
            let item = seg
                .trim_start()
                .split_once(' ')
                .map_or("", |(_, rest)| rest);
            let items: Vec<&str> = segments[..k]
                .iter()
                .map(|(_, s)| *s)
                .chain([item])
                .collect();
            return (last && item_ok(item) && one_kind(&items))
                .then_some((k + 1, offset + seg.len()));
        }
        if let Some((i, len)) = conjunction(seg)
            && (last || next_goes_on || apposition)
        {
            let (first, second) = (&seg[..i], &seg[i + len..]);
            let items: Vec<&str> = segments[..k]
                .iter()
                .map(|(_, s)| *s)
                .chain([first, second])
                .collect();
            return (item_ok(first) && item_ok(second) && one_kind(&items))
                .then_some((k + 2, offset + seg.len()));
        }
        if last || !item_ok(seg) {
            return None;
        }
    }
  None
}
