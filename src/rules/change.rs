//! `change-direction-mismatch` ("fell from 12 to 15") and `percent-change-mismatch` ("grew 25%
//! from 40 to 60").

use rust_decimal::Decimal;

use super::{Links, Outcome, Patterns, Relation, RuleSettings, Verdict, display, doc, rounded};
use crate::extract::{MentionKind, reads_as_change};
use crate::finding::{Finding, Locator, Severity, Verified};
use crate::interval::Interval;
use crate::lexicon::lexicon;
use crate::link::patterns::{Bound as Bind, Match};
use crate::link::{Bound, Carry, Claim, Detail, Multiple, Text};
use crate::normalize::Figure;

const DIRECTION: &str = "change-direction-mismatch";
const PERCENT: &str = "percent-change-mismatch";
const POINTS: &str = "percentage-point-confusion";

/// A change between two figures — its direction, perhaps its size in percent or points, perhaps
/// a multiple — which the four change rules check: "rose 25% from 40 to 50", "84.6 mln dlrs,
/// up from 77.2 mln", "doubled from 30 to 60".
pub const RELATION: Relation = Relation {
    name: "change",
    link,
    check: |claim, cx| {
        // "down 36p, or 9%, at 364 pence": a change by an amount, to a figure.
        if let (
            Some(by),
            Some(to),
            Some(percent),
            Detail::Change {
                rising: Some(up), ..
            },
        ) = (
            claim.figure("change"),
            claim.figure("to"),
            claim.figure("percent"),
            &claim.detail,
        ) {
            let f = |i: usize| &cx.figures[i];
            return check_by(f(by), f(to), f(percent), *up, cx.locator, cx.tuning)
                .into_iter()
                .collect();
        }
        let (Some(from), Some(to)) = (claim.figure("from"), claim.figure("to")) else {
            return Vec::new();
        };
        let Detail::Change {
            rising,
            multiple,
            than,
        } = claim.detail
        else {
            return Vec::new();
        };
        let (from, to) = (&cx.figures[from], &cx.figures[to]);
        let percent = claim.figure("percent").map(|p| &cx.figures[p]);
        let mut out = Vec::new();
        if let Some(rising) = rising {
            let form = if than { Form::Than } else { Form::Change };
            out.extend(check(
                from, to, percent, rising, form, cx.locator, cx.tuning,
            ));
        }
        if let Some(m) = multiple {
            out.extend(super::multiple::check(
                from,
                to,
                m.factor,
                m.bound,
                cx.locator.text(&(m.word.0..m.word.1)),
                cx.locator,
                cx.tuning,
            ));
        }
        out
    },
};

/// A change as linked, before it becomes a claim: where it was said, its figures, what the
/// words said of it, and what changed ("net income"), for the sentences around it.
struct Change {
    s: usize,
    how: String,
    from: usize,
    to: usize,
    percent: Option<usize>,
    rising: Option<bool>,
    multiple: Option<Multiple>,
    than: bool,
    measure: Vec<String>,
}

/// A change's size said without its figures, which a later sentence gives: "net income rose
/// 40% in the second quarter" … "net climbed to $63 million … from $45 million".
struct Size {
    s: usize,
    how: String,
    percent: Option<usize>,
    multiple: Option<Multiple>,
    rising: Option<bool>,
    measure: Vec<String>,
}

/// A change said with where it went and not where it started, which the words after it give:
/// "net income rose 25% to $5 million" … "A year earlier Harwell earned $4 million".
struct End {
    s: usize,
    m: Match,
    how: String,
    rising: Option<bool>,
    measure: Vec<String>,
}

/// How many sentences on a change's start may follow its end, and its figures its size.
const REACH: usize = 2;

/// The changes in a text: each match of a change pattern whose two values are comparable,
/// with its direction from the words it bound; then a size said in one sentence joined to the
/// figures of a later one, and an end joined to the start a later sentence gives.
/// Whether "from `b` to `a`" in sentence `s` reads as a change: [`reads_as_change`] from the
/// "from" before `b`, the one cue extraction decides a range by.
fn from_to_reads_as_change(text: &Text, s: usize, b: usize, a: usize) -> bool {
    let tokens = text.tokens(s);
    let Some(at) = text.token_of(b) else {
        return false;
    };
    let from = tokens[..at]
        .iter()
        .rev()
        .find(|t| t.is_word() && text.word(t).eq_ignore_ascii_case("from"))
        .map_or(text.figures[b].mention.span.start, |t| t.span.start);
    reads_as_change(text.prose, from, text.figures[a].mention.span.end)
}

fn link(text: &Text, patterns: &Patterns) -> Links {
    let mut links = Links::default();
    let mut changes: Vec<Change> = Vec::new();
    let mut sizes: Vec<Size> = Vec::new();
    let mut ends: Vec<End> = Vec::new();
    for s in text.sentences_with(1) {
        for (pattern, m) in patterns.find(text, s) {
            let part = pattern.with.get("part").map(String::as_str);
            if part == Some("size") {
                // "grew 30.68 pct in December against 22.30 pct in November": a sentence of two
                // percentages says which size is whose.
                let percents = text.run(s).filter(|&f| text.is(f, "percent")).count();
                if percents > 1 || !lone_size(text, s, &m) {
                    continue;
                }
                let rising = direction(text, patterns, s, &m);
                sizes.push(Size {
                    s,
                    how: pattern.name.clone(),
                    percent: m.figure("p"),
                    multiple: multiple(text, s, &m),
                    rising,
                    measure: measure_of(text, s, &m),
                });
                continue;
            }
            if part == Some("end") {
                // ("to four cents, adjusted for the split. The payout had been seven
                // cents": a start said on another basis.)
                let basis = (0..text.tokens(s).len()).any(|t| {
                    text.phrase_at(&lexicon().classes, "rebased", s, t)
                        .is_some()
                });
                if m.figure("a").is_some_and(|a| lone_end(text, s, &m, a))
                    && !ranking(text, s, &m)
                    && !basis
                {
                    ends.push(End {
                        s,
                        rising: direction(text, patterns, s, &m),
                        measure: measure_of(text, s, &m),
                        how: pattern.name.clone(),
                        m,
                    });
                }
                continue;
            }
            // "closed down 36p, or 9%, at 364 pence", "rose $4.3bn to $96.5bn".
            if let (Some(by), Some(a), None) = (m.figure("d"), m.figure("a"), m.figure("b")) {
                let rising = direction(text, patterns, s, &m);
                if let (Some(p), Some(_)) = (m.figure("p"), rising)
                    && text.comparable(by, a)
                    && !ranking(text, s, &m)
                {
                    links.claims.push(
                        Claim::new(
                            DIRECTION,
                            &pattern.name,
                            vec![("change", by), ("to", a), ("percent", p)],
                        )
                        .with(Detail::Change {
                            rising,
                            multiple: None,
                            than: false,
                        }),
                    );
                }
                continue;
            }
            let (Some(a), Some(b)) = (m.figure("a"), m.figure("b")) else {
                continue;
            };
            if a == b || !text.comparable(a, b) || ranking(text, s, &m) || rebased(text, s) {
                continue;
            }
            // "from A to B" is a change only where extraction reads it as one, not a range.
            if pattern.with.get("cue").map(String::as_str) == Some("change-or-range")
                && !from_to_reads_as_change(text, s, b, a)
            {
                continue;
            }
            // "10.7%, less than the 13.7% rise": `a` is said to be below `b`.
            let than = m
                .words("than")
                .map(|(_, _, class)| patterns.grammar.classes.name(class));
            let rising = match (pattern.with.get("direction").map(String::as_str), than) {
                (Some("none"), _) => None,
                (_, Some(class)) => Some(class == "higher-than"),
                _ => direction(text, patterns, s, &m),
            };
            let measure = measure_of(text, s, &m);
            changes.push(Change {
                s,
                how: pattern.name.clone(),
                from: b,
                to: a,
                percent: ["p", "p2"].iter().find_map(|r| m.figure(r)),
                rising,
                multiple: multiple(text, s, &m),
                than: than.is_some(),
                measure: measure.clone(),
            });
            // "$312 million, or $2.88 a share, up from $270 million, or $2.51 a share": the
            // figures said again per share change the same way.
            if let (Some(a2), Some(b2)) = (m.figure("a2"), m.figure("b2"))
                && text.comparable(a2, b2)
            {
                changes.push(Change {
                    s,
                    how: pattern.name.clone(),
                    from: b2,
                    to: a2,
                    percent: None,
                    rising,
                    multiple: None,
                    than: false,
                    measure,
                });
            }
        }
    }
    for end in ends {
        // An end a whole change already holds is that change's.
        let a = end.m.figure("a").expect("an end has its figure");
        if changes.iter().any(|c| c.to == a || c.from == a) {
            continue;
        }
        let Some(b) = start_after(text, &end, a, &changes) else {
            continue;
        };
        let percent = end.m.figure("p");
        changes.push(Change {
            s: end.s,
            how: end.how.clone(),
            from: b,
            to: a,
            percent,
            rising: end.rising,
            multiple: multiple(text, end.s, &end.m),
            than: false,
            measure: end.measure.clone(),
        });
        // "to $5 million, or 41 cents a share … earned $4 million, or 33 cents a share".
        if let Some(a2) = end.m.figure("a2")
            && let Some(b2) = next_comparable(text, b, a2)
        {
            changes.push(Change {
                s: end.s,
                how: end.how.clone(),
                from: b2,
                to: a2,
                percent: None,
                rising: end.rising,
                multiple: None,
                than: false,
                measure: end.measure.clone(),
            });
        }
    }
    // A size said before the figures it belongs to: the first change of the same measure in
    // the next two sentences that has no size of its own takes it. A size its own sentence's
    // change already holds ("rose eight pct on a like-for-like basis to 64.2 mln dlrs from
    // 59.4 mln dlrs") is that change's; one said of another month than the change is not
    // the change's ("fell 2.1 pct in June" … "rose to 148.6 billion dlrs in July").
    for size in &sizes {
        if size
            .percent
            .is_some_and(|p| changes.iter().any(|c| c.percent == Some(p)))
            || changes.iter().any(|c| c.s == size.s)
        {
            continue;
        }
        let taker = changes.iter_mut().find(|c| {
            // ("Real wages fell 6 pct compared to 9 pct": figures that are sizes themselves
            // take none.)
            c.s > size.s
                && !text.is(c.to, "percent")
                && c.s <= size.s + REACH
                && c.percent.is_none()
                && c.multiple.is_none()
                && !c.than
                && (size.percent.is_some() || size.multiple.is_some())
                && same_measure(&c.measure, &size.measure)
                && same_dates(text, size.s, c.s, c.from)
                && same_owner(text, size.s, c)
        });
        if let Some(c) = taker {
            c.how = format!("{}+{}", size.how, c.how);
            c.percent = size.percent;
            c.multiple = size.multiple;
            c.rising = c.rising.or(size.rising);
        }
    }
    for c in changes {
        if c.rising.is_none() && c.percent.is_none() && c.multiple.is_none() {
            continue; // nothing to check
        }
        links.carries.extend(carries(text, c.to, c.from));
        let mut roles = vec![("from", c.from), ("to", c.to)];
        roles.extend(c.percent.map(|p| ("percent", p)));
        links
            .claims
            .push(Claim::new(DIRECTION, &c.how, roles).with(Detail::Change {
                rising: c.rising,
                multiple: c.multiple,
                than: c.than,
            }));
    }
    links
}

/// Whether a size said before its figures stands alone: its clause goes on to no figure it
/// went "to" ("rose three pct on a comparable-store basis to 41.9 mln dlrs"), and a noun of
/// change is the object of a verb, not of a preposition ("accounted for a one pct rise in
/// production").
fn lone_size(text: &Text, s: usize, m: &Match) -> bool {
    let tokens = text.tokens(s);
    let clause = text.clause_around(s, m.end.saturating_sub(1));
    let goes_to = (m.end..clause.end.max(m.end)).any(|t| {
        tokens[t].is_word()
            && text.word(&tokens[t]).eq_ignore_ascii_case("to")
            && tokens.get(t + 1).is_some_and(|n| n.figure().is_some())
    });
    let after_preposition = m.words("noun").is_some()
        && m.start.checked_sub(1).is_some_and(|b| {
            tokens[b].is_word() && lexicon().classes.has("preposition", text.word(&tokens[b]))
        });
    !goes_to && !after_preposition
}

/// Whether the end of a change is all the sentence says of it: no "from" after it ("fell 3.2
/// pct to 85 mln dlrs from weaker orders" gives its start, as a cause), and no other figure
/// like it (besides the one said per share) that a start later on could belong to.
fn lone_end(text: &Text, s: usize, m: &Match, a: usize) -> bool {
    let tokens = text.tokens(s);
    let from_after = tokens[m.end..]
        .iter()
        .any(|t| t.is_word() && text.word(t).eq_ignore_ascii_case("from"));
    let a2 = m.figure("a2");
    let alike = text
        .run(s)
        .filter(|&f| f != a && Some(f) != a2 && text.comparable(a, f))
        .count();
    !from_after && alike == 0
}

/// Where a change said only with its end started: a figure like the end, after it in its
/// sentence or in the next few, in a clause that says it is earlier ("a year earlier", "had
/// been", "compared with") and, out of the end's sentence, about the same measure — or in a
/// sentence that opens with the word that it is earlier ("A year earlier Harwell earned …").
fn start_after(text: &Text, end: &End, a: usize, changes: &[Change]) -> Option<usize> {
    let classes = &lexicon().classes;
    let used = |f: usize| changes.iter().any(|c| c.from == f || c.to == f);
    let last = (end.s + REACH).min(text.sentences.len().saturating_sub(1));
    for s in end.s..=last {
        let tokens = text.tokens(s);
        let from = if s == end.s { end.m.end } else { 0 };
        // The sentence's markers of an earlier figure, by token: a time phrase ("a year
        // earlier", which may be a date figure of its own) anywhere in the figure's clause, a
        // word ("had been", "compared with") before it.
        let time = |t: usize| {
            text.phrase_at(classes, "earlier-time", s, t).is_some()
                || tokens[t].figure().is_some_and(|f| {
                    let written = crate::lexicon::single_spaced(
                        &text.prose[text.figures[f].mention.span.clone()],
                    );
                    classes.has_phrase("earlier-time", &written)
                })
        };
        let times: Vec<usize> = (0..tokens.len()).filter(|&t| time(t)).collect();
        let words: Vec<usize> = (0..tokens.len())
            .filter(|&t| text.phrase_at(classes, "earlier-word", s, t).is_some())
            .collect();
        if times.is_empty() && words.is_empty() {
            continue;
        }
        // "A year earlier Harwell earned …": the whole sentence is the earlier one.
        let opens = times.first() == Some(&0);
        // Out of the end's sentence, one figure like the end, or which is its start is not said.
        let alike = text
            .run(s)
            .filter(|&f| f != a && text.comparable(a, f) && near_figures(text, a, f))
            .count();
        if s != end.s && alike != 1 {
            continue;
        }
        for (t, token) in tokens.iter().enumerate().skip(from) {
            let Some(b) = token.figure() else {
                continue;
            };
            if b == a || used(b) || !text.comparable(a, b) || !near_figures(text, a, b) {
                continue;
            }
            // A time phrase right after the figure ("287,000 a year earlier") or opening its
            // clause; a word of comparison before it ("compared with 63.4 million").
            let clause = text.clause_around(s, t);
            let marked = times
                .iter()
                .any(|&k| (k > t && k <= t + 2) || (k < t && k == clause.start))
                || words.iter().any(|&k| clause.contains(&k) && k < t);
            let same = s == end.s
                || opens
                || same_measure(&measure_at(text, s, clause.start, t), &end.measure);
            if marked && same {
                return Some(b);
            }
        }
    }
    None
}

/// Whether two figures are within a hundred times of each other: a start and an end of one
/// change said sentences apart are.
fn near_figures(text: &Text, a: usize, b: usize) -> bool {
    match (text.figures[a].central, text.figures[b].central) {
        (Some(x), Some(y)) if !x.is_zero() && !y.is_zero() => {
            let ratio = (x / y).abs();
            ratio < Decimal::ONE_HUNDRED && ratio > Decimal::new(1, 2)
        }
        _ => false,
    }
}

/// The next figure after `b` in its sentence that can stand beside `like`: the per-share
/// figure said after a total.
fn next_comparable(text: &Text, b: usize, like: usize) -> Option<usize> {
    let s = text.figures[b].mention.sentence;
    text.run(s)
        .filter(|&f| f > b)
        .take(3)
        .find(|&f| text.comparable(like, f))
}

/// What a match is about: the words of its clause before its first figure ("net income
/// rose"), or after the noun of its change ("a 38% decline in first-quarter earnings").
fn measure_of(text: &Text, s: usize, m: &Match) -> Vec<String> {
    let tokens = text.tokens(s);
    let first = (m.start..m.end)
        .find(|&t| tokens[t].figure().is_some())
        .unwrap_or(m.end);
    // The six words before the figure at most, within its clause and after any figure.
    let clause = text.clause_around(s, m.start).start;
    let after_figure = (0..first)
        .rev()
        .find(|&t| tokens[t].figure().is_some())
        .map_or(0, |t| t + 1);
    let start = clause.max(after_figure).max(first.saturating_sub(6));
    let mut words = measure_at(text, s, start, first);
    // "a 38% decline in first-quarter earnings": the measure follows the noun.
    if let Some((_, end, _)) = m.words("noun") {
        words.extend(measure_at(text, s, end, (end + 5).min(tokens.len())));
    }
    words
}

/// The words of tokens `start..end` of sentence `s` that can name what a figure measures, each
/// as its measure (`rules/linking.toml`'s `measure-…` classes: "profit" and "net income" are
/// one), else as written without a plural "s". Names (capitalized words) and the little words
/// of `not-measure` are left out.
fn measure_at(text: &Text, s: usize, start: usize, end: usize) -> Vec<String> {
    let classes = &lexicon().classes;
    let tokens = text.tokens(s);
    let bit = |name: &str| classes.id(name).map_or(0, |id| 1u128 << id);
    let not_measure = ["not-measure", "rise", "fall", "change", "up", "down"]
        .into_iter()
        .fold(0, |bits, name| bits | bit(name));
    let groups = [
        "earnings", "sales", "output", "exports", "imports", "jobs", "price",
    ]
    .map(|g| (g, bit(&format!("measure-{g}"))));
    tokens[start.min(end)..end]
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_word())
        // A sentence's first word is in capitals whatever it is.
        .filter(|&(k, t)| start + k == 0 || text.word(t).starts_with(|c: char| c.is_lowercase()))
        .map(|(_, t)| text.word(t).to_ascii_lowercase())
        .map(|w| (classes.holding(&w), w))
        .filter(|(held, _)| held & not_measure == 0)
        .map(|(held, w)| {
            groups.iter().find(|(_, g)| held & g != 0).map_or_else(
                || {
                    w.strip_suffix('s')
                        .filter(|r| r.len() > 2)
                        .unwrap_or(&w)
                        .to_string()
                },
                |(g, _)| format!("={g}"),
            )
        })
        .collect()
}

/// Whether two sentences speak of the same months, when both name one: "fell 2.1 pct in June"
/// is not "rose to 148.6 billion dlrs in July".
fn same_dates(text: &Text, a: usize, b: usize, from: usize) -> bool {
    use crate::extract::{DateExpr, Payload};
    use crate::normalize::Resolved;
    // The dates of a sentence before a change's start, which dates the start ("from $45
    // million a year earlier").
    let run = |s: usize| text.run(s).filter(move |&f| s != b || f < from);
    let months = |s: usize| -> Vec<i8> {
        run(s)
            .filter_map(|f| match text.figures[f].mention.payload {
                Payload::Date(DateExpr::Month { month, .. } | DateExpr::Day { month, .. }) => {
                    Some(month)
                }
                _ => None,
            })
            .collect()
    };
    // "expected to grow by more than 30 pct this year" … "Last year … 172.4 mln dlrs, up
    // from 158.9 mln dlrs in 1991": the years said, once the reference date places them.
    let years = |s: usize| -> Vec<i16> {
        run(s)
            .filter_map(|f| match text.figures[f].date? {
                Resolved::Year(y) | Resolved::Month(y, _) => Some(y),
                Resolved::Day(d) => Some(d.year()),
                Resolved::Range { end, .. } => Some(end.year()),
            })
            .collect()
    };
    let agree =
        |x: Vec<i16>, y: Vec<i16>| x.is_empty() || y.is_empty() || x.iter().any(|v| y.contains(v));
    let (ma, mb) = (months(a), months(b));
    (ma.is_empty() || mb.is_empty() || ma.iter().any(|m| mb.contains(m)))
        && agree(years(a), years(b))
}

/// Whether a change's owner, where its clause names one ("Marrowby's net income fell to
/// 412m euros"), is named in the sentence of the size it would take (not "Quellmark suffered a
/// 4% fall in profits").
fn same_owner(text: &Text, size: usize, c: &Change) -> bool {
    let tokens = text.tokens(c.s);
    let Some(at) = text.token_of(c.to.min(c.from)) else {
        return true;
    };
    let clause = text.clause_around(c.s, at);
    let owners: Vec<&str> = (clause.start..at)
        .filter(|&t| {
            tokens[t].is_word()
                && text
                    .word(&tokens[t])
                    .starts_with(|ch: char| ch.is_uppercase())
                && tokens
                    .get(t + 1)
                    .is_some_and(|n| matches!(text.word(n), "'s" | "’s"))
        })
        .map(|t| text.word(&tokens[t]))
        .collect();
    owners.is_empty()
        || text
            .tokens(size)
            .iter()
            .any(|t| t.is_word() && owners.contains(&text.word(t)))
}

/// Whether two measures share a word.
fn same_measure(a: &[String], b: &[String]) -> bool {
    a.iter().any(|w| b.contains(w))
}

/// The bare one of two figures takes the unit of the other.
fn carries(text: &Text, a: usize, b: usize) -> Option<Carry> {
    let plain = |f: usize| text.is(f, "number");
    match (plain(a), plain(b)) {
        (false, true) if text.bare(b) => Some(Carry { figure: b, from: a }),
        (true, false) if text.bare(a) => Some(Carry { figure: a, from: b }),
        _ => None,
    }
}

/// The direction the match's words give: the adverb bound right before "from" ("up from"),
/// else a noun after the figures (", a 30% increase"), else the words of rise or fall before
/// the first figure — the last verb or adverb ("scaled back to 2.5% from 2.9%", "growth
/// falling from 2.6%", "revised down the sales figures … from"), a verb in "-s" among them
/// only when what follows makes it one ("reduces the waiting period", not "capital gains tax"),
/// else verbs in "-s" that agree, else the last noun of change that heads one ("a 52% rise
/// to").
fn direction(text: &Text, patterns: &Patterns, s: usize, m: &Match) -> Option<bool> {
    let of_class = |class: usize| match patterns.grammar.classes.name(class) {
        "rise" | "rise-noun" | "up" => Some(true),
        "fall" | "fall-noun" | "down" => Some(false),
        _ => None,
    };
    if let Some((_, _, class)) = m.words("dir").or(m.words("noun")) {
        return of_class(class);
    }
    let tokens = text.tokens(s);
    let classes = &patterns.grammar.classes;
    // The words before the first figure the match bound (not a date it skipped).
    let bound: Vec<usize> = m
        .bound
        .iter()
        .filter_map(|(_, b)| match b {
            Bind::Figure(f) => Some(*f),
            Bind::Words { .. } => None,
        })
        .collect();
    let first_figure =
        (m.start..m.end).find(|&t| tokens[t].figure().is_some_and(|f| bound.contains(&f)))?;
    let lower = |t: usize| text.word(&tokens[t]).to_ascii_lowercase();
    // A verb in "-s" is one when what follows it can follow a verb: "reduces the period",
    // "rises to", "gains 5%"; not "capital gains tax".
    let verb_follows = |t: usize| {
        tokens.get(t).is_none_or(|next| {
            next.figure().is_some()
                || (next.is_word()
                    && matches!(
                        lower(t).as_str(),
                        "the"
                            | "its"
                            | "their"
                            | "a"
                            | "an"
                            | "to"
                            | "by"
                            | "from"
                            | "up"
                            | "down"
                            | "sharply"
                            | "slightly"
                    ))
        })
    };
    // The last cue of each strength: a verb or adverb, a verb in "-s", a headed noun; and the
    // verbs in "-s" that could be nouns, with whether what follows makes them verbs.
    let mut found: [Option<bool>; 3] = [None; 3];
    let mut weak: Vec<(bool, bool)> = Vec::new();
    let mut t = m.start;
    while t < first_figure {
        // A verb after an article, a possessive or a preposition is a noun: "The rise left
        // …", "March's gain to …", "eligible for raises to 4.5 pct"; after "that" or "to"
        // it is most often a verb ("a proposal that reduces …", "expected to rise to").
        let determined = t.checked_sub(1).is_some_and(|b| {
            let before = lower(b);
            tokens[b].is_word()
                && (before != "to" && classes.has("preposition", &before)
                    || matches!(
                        lower(b).as_str(),
                        "the" | "a" | "an" | "its" | "their" | "his" | "her" | "this" | "'s" | "’s"
                    ))
        });
        let verb = [("rise", true), ("fall", false)]
            .iter()
            .filter(|_| !determined)
            .find_map(|&(c, up)| text.phrase_at(classes, c, s, t).map(|n| (n, up)));
        // A lone "up" or "down" is the wire's adverb of change only before what it changes
        // by or to ("up 5%", "down from", "up by 2 points"), not a verb's particle ("drawn up
        // by officials", "set up in 1994").
        let particle = verb.is_some_and(|(n, _)| {
            let adverb = classes.has("up", &lower(t)) || classes.has("down", &lower(t));
            let by_figure = |k: usize| tokens.get(k).is_some_and(|k| k.figure().is_some());
            n == 1
                && adverb
                && !(by_figure(t + 1)
                    || tokens.get(t + 1).is_some_and(|next| {
                        next.is_word()
                            && (matches!(
                                lower(t + 1).as_str(),
                                "from" | "to" | "sharply" | "slightly" | "strongly"
                            ) || (lower(t + 1) == "by" && by_figure(t + 2)))
                    }))
        });
        if particle {
            t += 1;
            continue;
        }
        if let Some((n, up)) = verb {
            // A verb in "-s" followed as a verb counts as any verb; one that may be a noun
            // ("capital gains tax") only when nothing else says which way.
            let weak_one = n == 1 && lower(t).ends_with('s');
            if !weak_one || verb_follows(t + 1) {
                found[0] = Some(up);
            } else {
                weak.push((up, false));
            }
            t += n;
            continue;
        }
        let noun = [("rise-noun", true), ("fall-noun", false)]
            .iter()
            .find_map(|&(c, up)| text.phrase_at(classes, c, s, t).map(|n| (n, up)));
        if let Some((n, up)) = noun {
            // "a 52% rise to", "posted a rise to"; not "The rise took the rate to", whose
            // change is another figure's, nor "its 1993 growth forecast".
            let headed = t.checked_sub(1).is_some_and(|b| {
                tokens[b]
                    .figure()
                    .is_some_and(|f| text.is(f, "percent") || text.is(f, "points"))
                    || (tokens[b].is_word() && matches!(lower(b).as_str(), "a" | "an"))
            });
            if headed {
                found[2] = Some(up);
            }
            t += n;
            continue;
        }
        t += 1;
    }
    // Verbs in "-s" that may be nouns say which way when they agree.
    found[1] = weak
        .first()
        .map(|&(first, _)| first)
        .filter(|&first| weak.iter().all(|&(up, _)| up == first));
    found.into_iter().flatten().next()
}

/// Figures on two bases: a dividend "four cts per share post-split from ten cts pre-split",
/// an index rebased. Such a change is not read.
fn rebased(text: &Text, s: usize) -> bool {
    let classes = &lexicon().classes;
    let tokens = text.tokens(s);
    // Two bases said: one ("adjusted for the split") puts both figures on it.
    let mut said: Vec<String> = (0..tokens.len())
        .filter_map(|t| {
            let n = text.phrase_at(classes, "rebased", s, t)?;
            Some(
                tokens[t..t + n]
                    .iter()
                    .map(|k| text.word(k).to_ascii_lowercase())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .collect();
    said.sort();
    said.dedup();
    said.len() > 1
}

/// A change whose direction the figures cannot show as written: places in a ranking, a table
/// or a chart, which go "up" as their number falls ("climbed from sixth to third", "Ash and Lee
/// at four, up from 11 … rising seven places"), and exchange rates, which are quoted either way
/// round ("the yen rose to 153.50 from 154.67 against the dollar"). Such a change is not read
/// for its direction.
fn ranking(text: &Text, s: usize, m: &Match) -> bool {
    let tokens = text.tokens(s);
    let classes = &lexicon().classes;
    let words: Vec<String> = tokens
        .iter()
        .filter(|t| t.is_word())
        .map(|t| text.word(t).to_ascii_lowercase())
        .collect();
    let ranked = words.iter().enumerate().any(|(i, w)| {
        // "took place" is no place in a ranking.
        let taking = i > 0
            && matches!(
                words[i - 1].as_str(),
                "take" | "takes" | "took" | "taken" | "taking"
            );
        classes.has("ranking", w) && !(w.starts_with("place") && taking)
    });
    // A plain number in a sentence that names a currency by its name beside another figure
    // ("148.72 yen per dollar … from 151.36"), or a sentence that names two currencies ("the
    // dollar fell to 139.85 yen"): an exchange rate.
    let plain = |role: &str| m.figure(role).is_some_and(|f| text.is(f, "number"));
    let mut currencies: Vec<&String> = words
        .iter()
        .filter(|w| classes.has("currency-word", w))
        .collect();
    currencies.sort();
    currencies.dedup_by(|a, b| a.trim_end_matches('s') == b.trim_end_matches('s'));
    let exchange = ((plain("a") || plain("b")) && !currencies.is_empty()) || currencies.len() > 1;
    // "revised down to a 6.1 pct drop, from a 4.3 pct decline": figures that are falls
    // themselves, below zero as the words give them.
    let signed = ["a", "b"].iter().any(|r| {
        m.figure(r).and_then(|f| text.token_of(f)).is_some_and(|t| {
            tokens
                .get(t + 1)
                .is_some_and(|n| n.is_word() && classes.has("fall-noun", text.word(n)))
        })
    });
    // "the frequency of flights is being raised from ten to eight days": how often, said
    // as how long between.
    let inverse = ["a", "b"]
        .iter()
        .any(|r| m.figure(r).is_some_and(|f| text.is(f, "duration")))
        && words.iter().any(|w| classes.has("inverse", w));
    ranked || exchange || signed || inverse
}

/// A multiple in the words of the match before its figures: "doubled", "more than tripled",
/// "rose fivefold", "a 3-fold rise".
fn multiple(text: &Text, s: usize, m: &Match) -> Option<Multiple> {
    let lex = lexicon();
    let tokens = text.tokens(s);
    let first_figure = (m.start..m.end).find(|&t| tokens[t].figure().is_some())?;
    let mut found = None;
    for t in m.start..first_figure {
        let token = &tokens[t];
        if !token.is_word() {
            continue;
        }
        let lower = text.word(token).to_ascii_lowercase();
        let factor = lex.multiple_verbs.get(&lower).copied().or_else(|| {
            let n = lower.strip_suffix("fold")?.trim_end_matches('-');
            lex.small_number(n)
                .map(Decimal::from)
                .or_else(|| n.parse().ok())
                .filter(|f| *f >= Decimal::TWO)
        });
        let Some(factor) = factor else {
            continue;
        };
        let before: Vec<String> = tokens[t.saturating_sub(2)..t]
            .iter()
            .map(|w| text.word(w).to_ascii_lowercase())
            .collect();
        let (bound, said) = match before.as_slice() {
            [.., a, b] if a == "more" && b == "than" => (Bound::MoreThan, 2),
            [.., b] if b == "over" => (Bound::MoreThan, 1),
            [.., b] if b == "nearly" || b == "almost" => (Bound::Nearly, 1),
            _ => (Bound::Exact, 0),
        };
        // The words quoted are the bound's and the multiple's: "nearly doubled".
        found = Some(Multiple {
            factor,
            bound,
            word: (tokens[t - said].span.start, token.span.end),
        });
    }
    found
}

/// How a change was said: as a change over time, or as one figure against another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Change,
    Than,
}

/// Checks one change; a wrong direction is reported first, since the percentage then says
/// nothing more.
pub fn check(
    from: &Figure,
    to: &Figure,
    percent: Option<&Figure>,
    rising: bool,
    form: Form,
    locator: &Locator,
    tuning: &RuleSettings,
) -> Vec<Outcome> {
    let (Some(a), Some(b), Some(ia), Some(ib)) =
        (from.central, to.central, from.interval, to.interval)
    else {
        return Vec::new();
    };
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let mut labels = vec![locator.label("from", from), locator.label("to", to)];
    if let Some(p) = percent {
        labels.push(locator.label("percent", p));
    }
    labels.sort_by_key(|l| l.span.start);
    if let Some(label) = labels.iter_mut().find(|l| l.role == "percent")
        && percent.is_some_and(|p| p.mention.kind == MentionKind::PercentagePoints)
    {
        label.role = "points".into();
    }

    // The direction: certain only when the intervals do not meet.
    // Written precision is half-open ("6.6" is at least 6.55 and below 6.65), so intervals
    // that only touch ("6.6" and "6.7") still go one way for sure.
    let up_for_sure = b > a && matches!((ia.high(), ib.low()), (Some(h), Some(l)) if h <= l);
    let down_for_sure = a > b && matches!((ib.high(), ia.low()), (Some(h), Some(l)) if h <= l);
    let said = if rising { "rose" } else { "fell" };
    if (rising && down_for_sure) || (!rising && up_for_sure) {
        let doc = doc(DIRECTION).expect("catalogued");
        let went = if rising { "less" } else { "more" };
        let than = if rising { "more" } else { "less" };
        let vals = [
            ("said", said),
            ("from", &text(from)),
            ("to", &text(to)),
            ("went", went),
            ("than", than),
        ];
        let (title, arithmetic) = match form {
            Form::Change => ("title", "arithmetic"),
            Form::Than => ("title-than", "arithmetic-than"),
        };
        return vec![Outcome::Finding(Finding {
            rule: DIRECTION,
            severity: doc.severity,
            message: doc.message(title, &vals),
            span: locator.position(&to.mention.span),
            labels,
            notes: vec![doc.message(arithmetic, &vals)],
        })];
    }
    let Some(percent) = percent else {
        // Only the direction was said, and it holds (or the figures' precision allows it).
        let doc = doc(DIRECTION).expect("catalogued");
        let than = if rising { "more" } else { "less" };
        let vals = [
            ("said", said),
            ("from", &text(from)),
            ("to", &text(to)),
            ("than", than),
        ];
        let verified = match form {
            Form::Change => "verified",
            Form::Than => "verified-than",
        };
        return vec![Outcome::Verified(Verified {
            rule: DIRECTION,
            message: doc.message(verified, &vals),
            span: locator.position(&to.mention.span),
            labels,
        })];
    };
    let (Some(p), Some(ip)) = (percent.central, percent.interval) else {
        return Vec::new();
    };
    let percents = from.mention.kind == MentionKind::Percent;
    if !percents && percent.mention.kind == MentionKind::PercentagePoints {
        return Vec::new();
    }
    if a <= Decimal::ZERO || ia.low().is_none_or(|l| l <= Decimal::ZERO) || (b - a).is_zero() {
        return Vec::new();
    }
    // The change in percent of the starting figure, as an interval.
    let hundred = Interval::exact(Decimal::ONE_HUNDRED);
    let ratio = match ib.div(&ia) {
        Some(r) => r,
        None => return Vec::new(),
    };
    let (Some(rl), Some(rh)) = (ratio.low(), ratio.high()) else {
        return Vec::new();
    };
    let change = if rising {
        Interval::new(rl - Decimal::ONE, rh - Decimal::ONE)
    } else {
        Interval::new(Decimal::ONE - rh, Decimal::ONE - rl)
    }
    .mul(&hundred);
    let Some(central) = (b - a)
        .checked_div(a)
        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
    else {
        return Vec::new();
    };
    let central = central.abs();
    if percents {
        return percentage_points(from, to, percent, &change, central, locator, labels);
    }
    let doc = doc(PERCENT).expect("catalogued");
    // How far the computed change is from what the stated one says: "about 3%" says anything
    // from 2.7% to 3.3%, so 3.2% is not off.
    let difference = match (ip.low(), ip.high()) {
        (Some(low), _) if central < low => super::relative_off(central, low),
        (_, Some(high)) if central > high => super::relative_off(central, high),
        _ => Decimal::ZERO,
    };
    // A percentage computed from rounded figures differs from the stated one by rounding alone
    // as long as the intervals meet; only a hedge ("about 20%", "nearly $5 million") leaves
    // room for a warning.
    let hedged = [from, to, percent]
        .iter()
        .any(|f| f.mention.hedge.is_some());
    // A stated percentage may be cut rather than rounded ("26.55" written "26.5"): its upper
    // end reaches one unit of its last digit.
    let ip = truncated(percent, ip, central);
    let implied_to = if rising {
        a * (Decimal::ONE + p / Decimal::ONE_HUNDRED)
    } else {
        a * (Decimal::ONE - p / Decimal::ONE_HUNDRED)
    };
    // A hedged amount ("to about 2.35 mln") is off by how far it is from the amount the
    // change gives, in its own terms: 2.34 for "about 2.35" is near, though 9.8% for 10.4% is
    // not as near.
    let difference = if from.mention.hedge.is_some() || to.mention.hedge.is_some() {
        let end_off = super::relative_off(b, implied_to);
        if percent.mention.hedge.is_some() {
            difference.min(end_off)
        } else {
            end_off
        }
    } else {
        difference
    };
    let verdict = if !change.meets(&ip) {
        Verdict::Error
    } else if hedged && difference > tuning.tolerance(doc, "warn-above") {
        Verdict::Warning
    } else {
        Verdict::Verified
    };
    let vals = [
        ("from", text(from)),
        ("to", text(to)),
        ("percent", text(percent)),
        ("actual", format!("{}%", like_stated(central, percent))),
        (
            "stated",
            format!("{}%", written_number(percent).unwrap_or_else(|| display(p))),
        ),
        ("implied", implied(implied_to, to)),
    ];
    let span = locator.position(&percent.mention.span);
    if verdict == Verdict::Verified {
        return vec![Outcome::Verified(Verified {
            rule: PERCENT,
            message: doc.message("verified", &vals),
            span,
            labels,
        })];
    }
    let severity = if verdict == Verdict::Error {
        doc.severity
    } else {
        Severity::Warning
    };
    vec![Outcome::Finding(Finding {
        rule: PERCENT,
        severity,
        message: doc.message("title", &vals),
        span,
        labels,
        notes: vec![
            doc.message("arithmetic", &vals),
            doc.message("implied", &vals),
        ],
    })]
}

/// A change between two percentages: its size in percentage points is the difference, in
/// percent the relative change. Reports a size that fits the other measure and not its own.
fn percentage_points(
    from: &Figure,
    to: &Figure,
    size: &Figure,
    relative: &Interval,
    relative_central: Decimal,
    locator: &Locator,
    labels: Vec<crate::finding::Label>,
) -> Vec<Outcome> {
    let (Some(a), Some(b), Some(ia), Some(ib), Some(s), Some(is)) = (
        from.central,
        to.central,
        from.interval,
        to.interval,
        size.central,
        size.interval,
    ) else {
        return Vec::new();
    };
    let (Some(al), Some(ah), Some(bl), Some(bh)) = (ia.low(), ia.high(), ib.low(), ib.high())
    else {
        return Vec::new();
    };
    // The difference in points, whichever way it went.
    let difference = Interval::new(bl - ah, bh - al);
    let points = if b >= a {
        difference
    } else {
        Interval::new(al - bh, ah - bl)
    };
    let in_points = size.mention.kind == MentionKind::PercentagePoints;
    let (own, other) = if in_points {
        (&points, relative)
    } else {
        (relative, &points)
    };
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let doc = doc(POINTS).expect("catalogued");
    let difference = if b >= a {
        format!("{} − {}", text(to), text(from))
    } else {
        format!("{} − {}", text(from), text(to))
    };
    let vals = [
        ("from", text(from)),
        ("to", text(to)),
        ("difference", difference),
        ("stated", text(size)),
        ("points", rounded((b - a).abs())),
        ("relative", format!("{}%", rounded(relative_central))),
    ];
    let span = locator.position(&size.mention.span);
    if own.meets(&is) {
        return vec![Outcome::Verified(Verified {
            rule: POINTS,
            message: doc.message("verified", &vals),
            span,
            labels,
        })];
    }
    let (rule, doc, message, note) = if other.meets(&is) {
        let key = if in_points {
            "confused-points"
        } else {
            "confused-percent"
        };
        (
            POINTS,
            doc,
            doc.message("title", &vals),
            doc.message(key, &vals),
        )
    } else if in_points {
        (
            POINTS,
            doc,
            doc.message("title", &vals),
            doc.message("arithmetic", &vals),
        )
    } else {
        // A size in percent that fits neither is a plain percent-change mismatch.
        let percent_doc = super::doc(PERCENT).expect("catalogued");
        let stated = format!("{}%", display(s));
        let pvals = [
            ("from", text(from)),
            ("to", text(to)),
            ("actual", format!("{}%", rounded(relative_central))),
            ("stated", stated),
            (
                "implied",
                super::like(
                    if b >= a {
                        a * (Decimal::ONE + s / Decimal::ONE_HUNDRED)
                    } else {
                        a * (Decimal::ONE - s / Decimal::ONE_HUNDRED)
                    },
                    from,
                ),
            ),
        ];
        (
            PERCENT,
            percent_doc,
            percent_doc.message("title", &pvals),
            percent_doc.message("implied", &pvals),
        )
    };
    vec![Outcome::Finding(Finding {
        rule,
        severity: doc.severity,
        message,
        span,
        labels,
        notes: vec![
            note,
            super::doc(POINTS)
                .expect("catalogued")
                .message("arithmetic", &vals),
        ],
    })]
}

/// The unit of a figure's last written digit: 0.1 for "16.0", 1 for "16".
fn last_digit(figure: &Figure) -> Option<Decimal> {
    let num = figure.amount()?;
    if num.digits.is_empty() {
        return None;
    }
    Decimal::try_new(1, u32::try_from(num.decimals()).ok()?)
        .ok()?
        .checked_mul(num.multiplier)
}

/// A stated percentage that is the computed one cut rather than rounded ("26.5" for 26.553):
/// its interval reaches one unit of its last digit above it. Unhedged figures only.
fn truncated(percent: &Figure, interval: Interval, computed: Decimal) -> Interval {
    match (last_digit(percent), percent.central, percent.mention.hedge) {
        (Some(unit), Some(p), None) if (computed / unit).trunc() * unit == p => {
            Interval::bounded(interval.low(), Some(p + unit))
        }
        _ => interval,
    }
}

/// A computed percentage written to one more decimal than the stated one has: "16.2" beside
/// "16.0", so the two never read alike.
fn like_stated(value: Decimal, stated: &Figure) -> String {
    let decimals = stated.amount().map_or(0, |n| n.decimals());
    if decimals == 0 {
        return rounded(value);
    }
    display(value.round_dp(u32::try_from(decimals + 1).unwrap_or(1)))
}

/// What a stated change makes of the start, written as the end figure `to` is, so that the
/// note shows how far the end is off: to a decimal more than a scaled or decimal end ("$96.35
/// million" against a stated "96.6 mln dlrs"), to whole units against a whole one ("241,913"
/// against "242,113").
fn implied(value: Decimal, to: &Figure) -> String {
    let places = to.amount().map_or(0, |n| {
        if n.decimals() > 0 || n.multiplier > Decimal::ONE {
            n.decimals() + 1
        } else {
            0
        }
    });
    let places = u32::try_from(places).unwrap_or(1);
    super::like_with(value, to, |v| display(v.round_dp(places)))
}

/// A figure's number as written ("16.0"), when written in digits.
fn written_number(figure: &Figure) -> Option<String> {
    let num = figure.amount()?;
    (!num.digits.is_empty() && num.multiplier == Decimal::ONE).then(|| num.digits.clone())
}

/// "Closed down 36p, or 9%, at 364 pence": a change by an amount to a figure, and its size
/// in percent of where it started (the figure it went to, less the rise or plus the fall).
fn check_by(
    by: &Figure,
    to: &Figure,
    percent: &Figure,
    rising: bool,
    locator: &Locator,
    tuning: &RuleSettings,
) -> Option<Outcome> {
    let (d, b, p) = (by.central?, to.central?, percent.central?);
    let (id, ib, ip) = (by.interval?, to.interval?, percent.interval?);
    let (dl, dh, bl, bh) = (id.low()?, id.high()?, ib.low()?, ib.high()?);
    // Where the change started, as an interval: the end less the rise, or plus the fall.
    let (from, start) = if rising {
        (b - d, Interval::new(bl - dh, bh - dl))
    } else {
        (b + d, Interval::new(bl + dl, bh + dh))
    };
    if from <= Decimal::ZERO
        || start.low()? <= Decimal::ZERO
        || percent.mention.kind != MentionKind::Percent
    {
        return None;
    }
    let size = id.div(&start)?.mul(&Interval::exact(Decimal::ONE_HUNDRED));
    let central = (d / from * Decimal::ONE_HUNDRED).abs();
    let doc = doc(PERCENT).expect("catalogued");
    let ip = truncated(percent, ip, central);
    let hedged = [by, to, percent].iter().any(|f| f.mention.hedge.is_some());
    let off = match (ip.low(), ip.high()) {
        (Some(low), _) if central < low => super::relative_off(central, low),
        (_, Some(high)) if central > high => super::relative_off(central, high),
        _ => Decimal::ZERO,
    };
    let verdict = if !size.meets(&ip) {
        Verdict::Error
    } else if hedged && off > tuning.tolerance(doc, "warn-above") {
        Verdict::Warning
    } else {
        Verdict::Verified
    };
    let text = |f: &Figure| locator.text(&f.mention.span).to_string();
    let vals = [
        ("change", text(by)),
        ("to", text(to)),
        ("from", super::like(from, to)),
        ("sign", if rising { "−" } else { "+" }.to_string()),
        ("actual", format!("{}%", like_stated(central, percent))),
        (
            "stated",
            format!("{}%", written_number(percent).unwrap_or_else(|| display(p))),
        ),
    ];
    let mut labels = vec![
        locator.label("change", by),
        locator.label("to", to),
        locator.label("percent", percent),
    ];
    labels.sort_by_key(|l| l.span.start);
    let conclusion = super::Conclusion {
        rule: PERCENT,
        doc,
        values: &vals,
        span: locator.position(&percent.mention.span),
        labels,
    };
    Some(conclusion.with(verdict, "verified-by", "title-by", &["arithmetic-by"]))
}
