//! `figure-inconsistency`: "5,200 tons of milled grain" then "5,600 tons of milled grain".

use super::{Conclusion, Links, Outcome, Patterns, Relation, Verdict, doc};
use crate::extract::{MentionKind, Payload};
use crate::finding::Locator;
use crate::lexicon::lexicon;
use crate::link::{Claim, MAX_SENTENCE_FIGURES, Text};
use crate::normalize::Figure;

const RULE: &str = "figure-inconsistency";

/// One measured thing given twice in a document.
pub const RELATION: Relation = Relation {
    name: "repeated",
    link,
    check: |claim, cx| match (claim.figure("earlier"), claim.figure("later")) {
        (Some(e), Some(l)) => check(&cx.figures[e], &cx.figures[l], cx.locator)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    },
};

/// Checks that a measured thing given twice has values that can meet.
pub fn check(earlier: &Figure, later: &Figure, locator: &Locator) -> Option<Outcome> {
    let (ie, il) = (earlier.interval?, later.interval?);
    let doc = doc(RULE).expect("catalogued");
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let what = match &later.mention.payload {
        Payload::Quantity {
            stuff: Some(stuff), ..
        } => format!(" of {stuff}"),
        _ => String::new(),
    };
    let vals = [
        ("earlier", text(earlier)),
        ("later", text(later)),
        ("what", what),
    ];
    let conclusion = Conclusion {
        rule: RULE,
        doc,
        values: &vals,
        span: locator.position(&later.mention.span),
        labels: vec![
            locator.label("earlier", earlier),
            locator.label("later", later),
        ],
    };
    let verdict = if ie.meets(&il) {
        Verdict::Verified
    } else {
        Verdict::Error
    };
    Some(conclusion.with(verdict, "verified", "title", &["arithmetic"]))
}

/// The same measured thing given twice: two quantities in one unit of one named stuff ("tons
/// of milled grain"), the later one referring back with "the", in different sentences that
/// speak of no change, no other batch and no different time. Each is paired with the one
/// before it of the same unit and stuff.
/// One measured thing given twice: a figure that refers back to one of its sentences before
/// ([`referring_back`]), or a quantity of one named stuff given again ([`stuff_again`]).
fn link(text: &Text, _patterns: &Patterns) -> Links {
    let mut claims = stuff_again(text);
    for claim in referring_back(text) {
        if !claims
            .iter()
            .any(|c| c.figure("later") == claim.figure("later"))
        {
            claims.push(claim);
        }
    }
    Links {
        claims,
        ..Links::default()
    }
}

fn stuff_again(text: &Text) -> Vec<Claim> {
    let (figures, prose) = (text.figures, text.prose);
    const OTHER: &[&str] = &[
        "than",
        "compared",
        "versus",
        "vs",
        "instead",
        "previous",
        "previously",
        "earlier",
        "before",
        "after",
        "originally",
        "initially",
        "revised",
        "another",
        "more",
        "additional",
        "remaining",
        "first",
        "second",
        "third",
        "next",
        "last",
        "each",
        "per",
        "every",
        "total",
        "plus",
        "rest",
        "other",
        "only",
        "up",
        "down",
        "over",
        "under",
        "between",
        "from",
        "target",
        "goal",
        "plan",
        "planned",
        "estimate",
        "estimated",
        "forecast",
        "expected",
        "capacity",
        "average",
        "maximum",
        "minimum",
        "record",
        "year",
        "month",
        "week",
        "day",
    ];
    let lex = lexicon();
    // The sentence around a figure, lowercased: from the last stop before it to the next.
    let sentence_of = |f: &Figure| {
        let start = prose[..f.mention.span.start]
            .rfind(['.', '!', '?', '\n'])
            .map_or(0, |i| i + 1);
        let end = prose[f.mention.span.end..]
            .find(['.', '!', '?', '\n'])
            .map_or(prose.len(), |i| f.mention.span.end + i);
        prose[start..end].to_lowercase()
    };
    let quiet = |f: &Figure| {
        let sentence = sentence_of(f);
        let words: Vec<&str> = sentence
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        !words.iter().any(|w| {
            OTHER.contains(w)
                || (["rise", "fall", "change"]
                    .iter()
                    .any(|c| lex.classes.has(c, w))
                    && !["up", "down"].iter().any(|c| lex.classes.has(c, w)))
        })
    };
    // The dates written in the sentence of the figure at `i`.
    let dates_in = |i: usize| -> Vec<&str> {
        figures[text.run(figures[i].mention.sentence)]
            .iter()
            .filter(|f| {
                matches!(
                    f.mention.kind,
                    MentionKind::Date | MentionKind::DateRange | MentionKind::Weekday
                )
            })
            .map(|f| &prose[f.mention.span.clone()])
            .collect()
    };
    let mut last_seen: std::collections::BTreeMap<(usize, String), usize> =
        std::collections::BTreeMap::new();
    let mut claims = Vec::new();
    for (i, f) in figures.iter().enumerate() {
        let Payload::Quantity {
            unit,
            stuff: Some(stuff),
            ..
        } = &f.mention.payload
        else {
            continue;
        };
        if f.mention.kind != MentionKind::Quantity
            || text.run(f.mention.sentence).len() > MAX_SENTENCE_FIGURES
        {
            continue;
        }
        let key = (*unit, stuff.clone());
        // "the 5,600 tons of milled grain": only a figure that refers back with "the" is
        // taken for the same thing; "reserves of 86,000 barrels of oil" is another.
        let refers_back = matches!(f.mention.lead.as_str(), "the" | "this" | "that");
        if let Some(&earlier) = last_seen.get(&key)
            && refers_back
        {
            let e = &figures[earlier];
            if e.mention.sentence != f.mention.sentence
                && quiet(e)
                && quiet(f)
                && dates_in(earlier) == dates_in(i)
            {
                claims.push(Claim::new(
                    RULE,
                    "repeated",
                    vec![("earlier", earlier), ("later", i)],
                ));
            }
        }
        last_seen.insert(key, i);
    }
    claims
}

/// How many sentences back a figure that refers back may find what it refers to.
const BACK: usize = 12;

/// "at 18 dlrs a share" … "at the same 18 dlrs a share": an amount or a count said to be "the
/// same" as the last figure of its kind before it.
fn referring_back(text: &Text) -> Vec<Claim> {
    let mut claims = Vec::new();
    for later in 0..text.figures.len() {
        let f = &text.figures[later];
        // An amount or a count said to be "the same" as one before. ("The 9 delegates" may
        // be some of "11 delegates" or others than "7 delegates": a figure said again with
        // "the" alone is not taken for a repeat.)
        if f.mention.lead != "same" || f.mention.hedge.is_some() {
            continue;
        }
        let Some(kind) = ["money", "count", "percent", "quantity"]
            .into_iter()
            .find(|k| text.is(later, k))
        else {
            continue;
        };

        // "the same ten MHz rate as the base model": the same as what follows, not as before.
        let s = f.mention.sentence;
        let tokens = text.tokens(s);
        let compared_after = text.token_of(later).is_some_and(|t| {
            let clause = text.clause_around(s, t);
            tokens[t..clause.end]
                .iter()
                .any(|w| w.is_word() && text.word(w).eq_ignore_ascii_case("as"))
        });
        if compared_after {
            continue;
        }
        let candidates: Vec<usize> = (0..later)
            .rev()
            .filter(|&e| {
                let g = &text.figures[e];
                g.mention.sentence < s
                    && g.mention.sentence + BACK >= s
                    && text.is(e, kind)
                    && text.comparable(e, later)
                    && text.per_share(e) == text.per_share(later)
            })
            .collect();
        // The one it is the same as: one of the same value, else the last of its kind.
        let meets = |e: &usize| match (text.figures[*e].interval, f.interval) {
            (Some(a), Some(b)) => a.meets(&b),
            _ => false,
        };
        let Some(earlier) = candidates
            .iter()
            .copied()
            .find(meets)
            .or(candidates.first().copied())
        else {
            continue;
        };

        claims.push(Claim::new(
            RULE,
            "refers-back",
            vec![("earlier", earlier), ("later", later)],
        ));
    }
    claims
}
