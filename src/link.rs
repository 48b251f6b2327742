//! Link: figures into [`Claim`]s — the relations the rules check. Linking is where false alarms
//! are born, so it links only when the reading is unambiguous: one rate, one period and one
//! total of the same stuff, in one sentence. Anything less is left alone, and anything
//! ambiguous is recorded so `--verbose` can say why nothing was checked.

use rust_decimal::Decimal;

use crate::extract::{DateExpr, MentionKind, Payload};
use crate::lexicon::lexicon;
use crate::normalize::Figure;

/// A relation between figures; the numbers index the document's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// `rate` × `period` should give `total`.
    RateTotal {
        rate: usize,
        period: usize,
        total: usize,
    },
    /// A weekday written next to the date it names: "Friday, March 2, 2023", "March 2 (Friday)".
    WeekdayDate { weekday: usize, date: usize },
    /// A day of a month: it must exist ("Feb. 30" does not).
    CalendarDay { date: usize },
    /// "rose 25% from 40 to 50", "fell from 12 to 15", "from 40 to 50, a 25% increase": a change
    /// between two figures of one kind, its direction and perhaps its size in percent.
    /// "10 miles (16 km)": one amount given in two units.
    Conversion { stated: usize, converted: usize },
    Change {
        from: usize,
        to: usize,
        percent: Option<usize>,
        rising: bool,
    },
    /// "18 of the 40 members (45%)", "45% of the 40 members, or 18": `part` is `percent` of
    /// `whole`. A ratio read as one number ("120 out of 400 (30%)") is its own part and whole.
    Share {
        part: usize,
        whole: usize,
        percent: usize,
    },
    /// "120 passengers: 70 adults and 50 children": the parts `first..=last` (consecutive
    /// figures) make `total`; with "including" or "of whom" (`exhaustive` false) they make at
    /// most `total`.
    PartsTotal {
        total: usize,
        first: usize,
        last: usize,
        exhaustive: bool,
    },
    /// "the 10-day festival, from June 3 to June 12", "lasted 18 days, from Aug. 24 to Sept.
    /// 11": a range of days and its stated length.
    /// `elapsed`: the length is how long something lasted ("lasted 18 days"), so it counts
    /// calendar days; a modifier ("the nine-day period") may count working days.
    RangeDuration {
        range: usize,
        duration: usize,
        elapsed: bool,
    },
    /// "three countries: Japan, China, Korea and Vietnam": a count and the items listed after
    /// it, `items` of them, from byte `list.0` to `list.1` of the prose. With "including"
    /// (`exhaustive` false) the list may be shorter than the count.
    Count {
        count: usize,
        items: usize,
        list: (usize, usize),
        exhaustive: bool,
    },
    /// "born in 1980, the 52-year-old": an age and the birth date it should follow from.
    AgeBirth { age: usize, birth: usize },
    /// "in 2013, ten years ago": a year and the same year counted back from the reference date.
    YearsAgo { ago: usize, year: usize },
    /// "joined in 1990 and left in 2000, eight years later": two years and the time between.
    YearsLater {
        first: usize,
        second: usize,
        length: usize,
    },
    /// "7,800 tons of treated water" then "7,300 tons of treated water": one measured thing given
    /// twice in a document; `earlier` is the first time.
    Repeated { earlier: usize, later: usize },
    /// "doubled from 30 to 60", "rose fivefold from 2 to 10": `to` is `factor` times `from`.
    /// `word` is where the multiple is written, as a byte range of the prose.
    Multiple {
        from: usize,
        to: usize,
        factor: Decimal,
        bound: Bound,
        word: (usize, usize),
    },
}

impl Claim {
    /// The figures the claim relates.
    pub fn figures(&self) -> Vec<usize> {
        match *self {
            Claim::RateTotal {
                rate,
                period,
                total,
            } => vec![rate, period, total],
            Claim::WeekdayDate { weekday, date } => vec![weekday, date],
            Claim::CalendarDay { date } => vec![date],
            Claim::Conversion { stated, converted } => vec![stated, converted],
            Claim::Change {
                from, to, percent, ..
            } => [Some(from), Some(to), percent]
                .into_iter()
                .flatten()
                .collect(),
            Claim::Share {
                part,
                whole,
                percent,
            } => vec![part, whole, percent],
            Claim::PartsTotal {
                total, first, last, ..
            } => std::iter::once(total).chain(first..=last).collect(),
            Claim::RangeDuration {
                range, duration, ..
            } => vec![range, duration],
            Claim::Count { count, .. } => vec![count],
            Claim::AgeBirth { age, birth } => vec![age, birth],
            Claim::YearsAgo { ago, year } => vec![ago, year],
            Claim::YearsLater {
                first,
                second,
                length,
            } => vec![first, second, length],
            Claim::Repeated { earlier, later } => vec![earlier, later],
            Claim::Multiple { from, to, .. } => vec![from, to],
        }
    }
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

/// The most figures a sentence may hold for the links made within a sentence (rate, period
/// and total; ranges and lengths; ages and years; a repeated figure's dates), which compare
/// every figure of the sentence with the others. A sentence with more (a table pasted as
/// prose) is left to the links between neighbouring figures, and `--verbose` says so.
pub const MAX_SENTENCE_FIGURES: usize = 64;

/// The claims among `figures`; `prose` is the document's text, for what stands between two
/// figures.
pub fn link(figures: &[Figure], prose: &str) -> (Vec<Claim>, Vec<Unlinked>) {
    let mut claims = Vec::new();
    let mut unlinked = Vec::new();
    for (i, figure) in figures.iter().enumerate() {
        if matches!(figure.mention.payload, Payload::Date(DateExpr::Day { .. })) {
            claims.push(Claim::CalendarDay { date: i });
        }
    }
    let runs = sentence_runs(figures);
    for run in runs.iter().filter(|r| r.len() > MAX_SENTENCE_FIGURES) {
        unlinked.push(Unlinked {
            rule: "linking",
            figure: run.start,
            reason: format!(
                "{} figures in one sentence, over the cap of {MAX_SENTENCE_FIGURES}: only neighbouring figures are linked",
                run.len()
            ),
        });
    }
    claims.extend(weekday_dates(figures, prose));
    claims.extend(changes(figures, prose));
    claims.extend(conversions(figures, prose));
    claims.extend(shares(figures, prose));
    claims.extend(parts_totals(figures, prose));
    claims.extend(range_durations(figures, &runs, prose));
    claims.extend(counts(figures, prose));
    claims.extend(elapsed(figures, &runs, prose));
    claims.extend(repeated_figures(figures, &runs, prose));
    for (rate, figure) in figures.iter().enumerate() {
        let Payload::Rate { unit, stuff, .. } = &figure.mention.payload else {
            continue;
        };
        let run = run_of(&runs, rate);
        if run.len() > MAX_SENTENCE_FIGURES {
            continue;
        }
        let in_sentence = || {
            figures[run.clone()]
                .iter()
                .enumerate()
                .map(move |(offset, f)| (run.start + offset, f))
        };
        let dimension = &lexicon().units[*unit].dimension;
        let totals: Vec<usize> = in_sentence()
            .filter(|(_, f)| match &f.mention.payload {
                Payload::Quantity {
                    unit: u, stuff: s, ..
                } => {
                    &lexicon().units[*u].dimension == dimension
                        && (s.is_none() || stuff.is_none() || s == stuff)
                }
                _ => false,
            })
            .map(|(i, _)| i)
            .collect();
        if totals.is_empty() {
            continue;
        }
        let rates = in_sentence()
            .filter(|(_, f)| matches!(&f.mention.payload, Payload::Rate { unit: u, .. } if &lexicon().units[*u].dimension == dimension))
            .count();
        let inside_range = |f: &Figure| {
            in_sentence().any(|(_, r)| {
                r.mention.kind == MentionKind::DateRange
                    && r.mention.span.start <= f.mention.span.start
                    && f.mention.span.end <= r.mention.span.end
            })
        };
        let periods: Vec<usize> = in_sentence()
            .filter(|(_, f)| match f.mention.kind {
                // An explicit range ("from Aug. 24 to Sept. 11", "through Oct. 23"); a named
                // period such as "last week" need not be the whole time the rate ran.
                // A span of months or years written bare ("the 1986-1990 plan") names what
                // it modifies, not the time the rate ran; only "from 1986 to 1990" does.
                MentionKind::DateRange => match &f.mention.payload {
                    Payload::DateRange { end, .. } => {
                        matches!(end, DateExpr::Day { .. })
                            || prose[f.mention.span.clone()].starts_with(char::is_alphabetic)
                    }
                    _ => false,
                },
                // "for two hours", not "within a week" or "the first two months".
                MentionKind::Duration => {
                    !inside_range(f) && lexicon().period_prepositions.contains(&f.mention.lead)
                }
                _ => false,
            })
            .map(|(i, _)| i)
            .collect();
        let reason = match (rates, totals.len(), periods.len()) {
            (_, _, 0) => continue,
            (1, 1, 1) => {
                claims.push(Claim::RateTotal {
                    rate,
                    period: periods[0],
                    total: totals[0],
                });
                continue;
            }
            (r, _, _) if r > 1 => format!("{r} rates of the same kind in one sentence"),
            (_, t, 1) => format!("{t} totals could go with the rate"),
            (_, _, p) => format!("{p} periods could go with the rate"),
        };
        unlinked.push(Unlinked {
            rule: "rate-total-mismatch",
            figure: rate,
            reason: format!("not linked: {reason}"),
        });
    }
    (claims, unlinked)
}

/// Weekdays written right beside a day: "Friday, March 2, 2023", "on Thursday Oct. 5",
/// "March 2 (Friday)". Only punctuation and white space may stand between them.
fn weekday_dates(figures: &[Figure], prose: &str) -> Vec<Claim> {
    let day = |f: &Figure| matches!(f.mention.payload, Payload::Date(DateExpr::Day { .. }));
    let weekday = |f: &Figure| f.mention.kind == MentionKind::Weekday;
    let beside = |a: &Figure, b: &Figure| {
        a.mention.span.end <= b.mention.span.start
            && prose[a.mention.span.end..b.mention.span.start]
                .chars()
                .all(|c| matches!(c, ' ' | ',' | '(' | '\u{a0}'))
            && b.mention.span.start - a.mention.span.end <= 3
    };
    // Figures are in text order; a figure beside another starts at most three bytes after it
    // ends, so only the next few need a look ("last Friday" has an ordinal "last" inside it).
    let mut claims = Vec::new();
    for (i, a) in figures.iter().enumerate() {
        let near = figures[i + 1..]
            .iter()
            .enumerate()
            .take_while(|(_, b)| b.mention.span.start <= a.mention.span.end + 3)
            .map(|(k, b)| (i + 1 + k, b));
        for (j, b) in near {
            if weekday(a) && day(b) && beside(a, b) {
                claims.push(Claim::WeekdayDate {
                    weekday: i,
                    date: j,
                });
                break;
            } else if day(a) && weekday(b) && beside(a, b) {
                claims.push(Claim::WeekdayDate {
                    weekday: j,
                    date: i,
                });
                break;
            }
        }
    }
    claims
}

/// The direction a word of change gives: `Some(true)` for "rose", `Some(false)` for "fell".
fn direction(word: &str) -> Option<bool> {
    let lex = lexicon();
    if lex.rise_verbs.iter().any(|v| v == word) {
        Some(true)
    } else if lex.fall_verbs.iter().any(|v| v == word) {
        Some(false)
    } else {
        None
    }
}

/// Whether two figures measure the same kind of thing in the same unit, so that one can change
/// into the other.
fn comparable(a: &Figure, b: &Figure) -> bool {
    match (&a.mention.payload, &b.mention.payload) {
        (Payload::Number(_), Payload::Number(_)) => {
            a.mention.kind == b.mention.kind
                && matches!(a.mention.kind, MentionKind::Number | MentionKind::Percent)
        }
        (Payload::Quantity { unit: u, .. }, Payload::Quantity { unit: v, .. }) => u == v,
        (Payload::Money { currency: c, .. }, Payload::Money { currency: d, .. }) => c == d,
        _ => false,
    }
}

/// "VERB [by] [P] from A to B [, a P NOUN]" within one clause.
fn changes(figures: &[Figure], prose: &str) -> Vec<Claim> {
    let mut claims = Vec::new();
    let between = |a: &Figure, b: &Figure| {
        prose
            .get(a.mention.span.end..b.mention.span.start)
            .unwrap_or("#")
    };
    for i in 1..figures.len() {
        let (first, second) = (&figures[i - 1], &figures[i]);
        if first.mention.sentence != second.mention.sentence
            || !comparable(first, second)
            || first.mention.hedge.is_some()
            || second.mention.hedge.is_some()
        {
            continue;
        }
        // "from A to B", or the wire's "to B from A" ("rose 5 pct to 105 mln from 100 mln").
        let gap = between(first, second).trim().to_lowercase();
        let (from_index, to_index) = if gap == "to" && first.mention.lead == "from" {
            (i - 1, i)
        } else if gap == "from" && first.mention.lead == "to" {
            (i, i - 1)
        } else {
            continue;
        };
        let (from, _to) = (&figures[from_index], &figures[to_index]);
        // The clause opens at the earlier figure's lead word.
        let opening = &figures[i - 1];
        // The clause before "from" (or "to"): back to the last punctuation, at most eight words.
        let sentence_start = clause_start(prose, opening.mention.span.start);
        let clause = &prose[sentence_start..opening.mention.span.start];
        let words: Vec<String> = clause
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        let recent = &words[words.len().saturating_sub(8)..];
        let verb = recent.iter().rev().find_map(|w| direction(w));
        // A percentage between the verb and "from" ("rose 25% from"), or right after B
        // (", a 25% increase").
        let percent_before = (i >= 2)
            .then(|| i - 2)
            .filter(|&p| {
                is_change_size(&figures[p]) && figures[p].mention.sentence == from.mention.sentence
            })
            .filter(|&p| {
                between(&figures[p], opening).trim().to_lowercase() == opening.mention.lead
            });
        let percent_after = figures.get(i + 1).and_then(|p| {
            let gap = between(&figures[i], p).trim().to_lowercase();
            let noun = prose[p.mention.span.end..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            let noun = noun.trim_end_matches(|c: char| !c.is_alphabetic());
            // ", a 25% increase", "units, a 30% rise", "(a 5% drop)"
            let counted = gap
                .trim_start_matches(|c: char| c.is_alphabetic())
                .trim_start();
            let joined = matches!(counted, ", a" | ", an" | "(" | "(a" | "(an" | ", or" | "or");
            // ", a drop of 15 points", ", up 2 percentage points"
            let words: Vec<&str> = counted
                .trim_start_matches([',', '('])
                .split_whitespace()
                .collect();
            let before = match words.as_slice() {
                ["a" | "an", noun, "of"] | [noun, "of"] => noun_direction(noun),
                ["up"] => Some(true),
                ["down"] => Some(false),
                _ => None,
            };
            let direction = if joined { noun_direction(noun) } else { before };
            (is_change_size(p) && counted.starts_with([',', '(']) && direction.is_some())
                .then_some((i + 1, direction))
        });
        if let Some((factor, bound, word)) = multiple(recent_start(clause, sentence_start), prose) {
            claims.push(Claim::Multiple {
                from: from_index,
                to: to_index,
                factor,
                bound,
                word,
            });
        }
        let rising = verb.or(percent_after.and_then(|(_, d)| d));
        let Some(rising) = rising else { continue };
        let percent = percent_before.or(percent_after.map(|(p, _)| p));
        claims.push(Claim::Change {
            from: from_index,
            to: to_index,
            percent,
            rising,
        });
    }
    claims
}

/// Where the clause that ends at `at` starts: after the last stop, comma, colon or bracket —
/// not the point or comma inside a number ("up 10.5 pct", "1,200").
fn clause_start(prose: &str, at: usize) -> usize {
    let head = &prose[..at];
    let bytes = head.as_bytes();
    head.char_indices()
        .rev()
        .find(|&(i, c)| {
            let inside_number = matches!(c, '.' | ',')
                && i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            matches!(c, '.' | ';' | ':' | ',' | '(' | '\n') && !inside_number
        })
        .map_or(0, |(i, _)| i + 1)
}

/// A figure that can size a change: a percentage or percentage points.
fn is_change_size(figure: &Figure) -> bool {
    matches!(
        figure.mention.kind,
        MentionKind::Percent | MentionKind::PercentagePoints
    )
}

/// Where the last eight words of a clause start, as a byte offset of the prose.
fn recent_start(clause: &str, clause_at: usize) -> std::ops::Range<usize> {
    let mut starts: Vec<usize> = Vec::new();
    let mut in_word = false;
    for (i, c) in clause.char_indices() {
        if !c.is_whitespace() && !in_word {
            starts.push(i);
        }
        in_word = !c.is_whitespace();
    }
    let first = starts.len().checked_sub(8).map_or(0, |k| starts[k]);
    clause_at + first..clause_at + clause.len()
}

/// A multiple in the words before a change: "doubled", "more than tripled", "rose
/// fivefold", "a 3-fold rise". Returns the factor, its hedge and where its word is.
fn multiple(
    words_at: std::ops::Range<usize>,
    prose: &str,
) -> Option<(Decimal, Bound, (usize, usize))> {
    let lex = lexicon();
    let text = &prose[words_at.clone()];
    let mut found = None;
    let mut at = 0;
    for word in text.split_whitespace() {
        let start = at + text[at..].find(word).unwrap_or(0);
        at = start + word.len();
        let lower = word
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase();
        let factor = lex.multiple_verbs.get(&lower).copied().or_else(|| {
            let n = lower.strip_suffix("fold")?.trim_end_matches('-');
            lex.small_number(n)
                .map(Decimal::from)
                .or_else(|| n.parse().ok())
                .filter(|f| *f >= Decimal::TWO)
        });
        if let Some(factor) = factor {
            let before = text[..start].trim_end().to_lowercase();
            let bound = if before.ends_with("more than") || before.ends_with("over") {
                Bound::MoreThan
            } else if before.ends_with("nearly") || before.ends_with("almost") {
                Bound::Nearly
            } else {
                Bound::Exact
            };
            found = Some((factor, bound, (words_at.start + start, words_at.start + at)));
        }
    }
    found
}

/// The direction a noun of change gives: "increase", "drop".
fn noun_direction(noun: &str) -> Option<bool> {
    match noun {
        "increase" | "rise" | "gain" | "jump" | "climb" | "growth" | "hike" | "surge" => Some(true),
        "decrease" | "drop" | "decline" | "fall" | "cut" | "reduction" | "loss" | "slide"
        | "dip" => Some(false),
        _ => None,
    }
}

/// The `n` bytes of prose before `at` (fewer at a character boundary), lowercased: enough to
/// read the words right before a figure without copying the whole document for each.
fn lower_before(prose: &str, at: usize, n: usize) -> String {
    prose[prose.floor_char_boundary(at.saturating_sub(n))..at].to_lowercase()
}

/// The `n` bytes of prose after `at` (fewer at a character boundary), lowercased.
fn lower_after(prose: &str, at: usize, n: usize) -> String {
    prose[at..prose.floor_char_boundary((at + n).min(prose.len()))].to_lowercase()
}

/// The figures of one sentence, as a range of indices.
type Run = std::ops::Range<usize>;

/// Figures are in text order, so each sentence's figures are one run of indices.
fn sentence_runs(figures: &[Figure]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (i, figure) in figures.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if figures[run.start].mention.sentence == figure.mention.sentence => {
                run.end = i + 1
            }
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

/// The run that holds the figure at `i`.
fn run_of(runs: &[Run], i: usize) -> Run {
    runs.get(runs.partition_point(|r| r.end <= i))
        .cloned()
        .unwrap_or(i..i + 1)
}

/// The text between two figures of one sentence, lowercased; `None` across sentences or when
/// they overlap.
fn gap_between(prose: &str, a: &Figure, b: &Figure) -> Option<String> {
    (a.mention.sentence == b.mention.sentence && a.mention.span.end <= b.mention.span.start)
        .then(|| prose[a.mention.span.end..b.mention.span.start].to_lowercase())
}

/// "120 passengers: 70 adults and 50 children", "5,000 jobs, including 3,000 in Paris and
/// 2,500 in Lyon", "70 adults and 50 children, 120 in all": a total and the parts listed right
/// next to it, all of one kind, with nothing but short words, commas and "and" between the
/// parts. Anything else in the list (a date, a percentage, a second clause) leaves it alone.
fn parts_totals(figures: &[Figure], prose: &str) -> Vec<Claim> {
    let gap = |a: &Figure, b: &Figure| gap_between(prose, a, b);
    // Between two parts: a short noun phrase, then "," or "and" ("70 adults and 50 children").
    let joins = |text: &str| {
        let text = text.trim();
        let list = text
            .strip_suffix(", and")
            .or_else(|| text.strip_suffix(" and"))
            .or_else(|| text.strip_suffix(','))
            .or_else(|| (text == "and").then_some(""));
        // At most two words ("adults", "in Paris"), none that makes the figure something
        // else than a part ("five more members", "up to").
        list.is_some_and(|noun| {
            let words: Vec<&str> = noun.split_whitespace().collect();
            words.len() <= 2
                && words.iter().all(|w| {
                    w.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                })
                && !words.iter().any(|w| {
                    matches!(
                        *w,
                        "or" | "than" | "to" | "from" | "of" | "per" | "more" | "less" | "fewer"
                    )
                })
        })
    };
    // The list runs while parts join; it must end its clause.
    let list_from = |start: usize, total: &Figure| -> Option<usize> {
        let mut last = start;
        while let Some(next) = figures.get(last + 1) {
            match gap(&figures[last], next) {
                Some(text) if joins(&text) && comparable(total, next) => last += 1,
                _ => break,
            }
        }
        let tail = lower_after(prose, figures[last].mention.span.end, 200);
        let tail = tail.trim_start();
        let noun_end = tail
            .find(['.', ';', ',', ')', '\n'])
            .map_or(tail.len(), |i| i);
        let ends_clause = tail[..noun_end].split_whitespace().count() <= 4;
        (last > start && ends_clause).then_some(last)
    };
    let mut claims = Vec::new();
    for (t, total) in figures.iter().enumerate() {
        if !matches!(
            total.mention.payload,
            Payload::Number(_) | Payload::Quantity { .. } | Payload::Money { .. }
        ) || total.mention.kind != MentionKind::Number
            && !matches!(
                total.mention.kind,
                MentionKind::Quantity | MentionKind::Money
            )
        {
            continue;
        }
        // "120 passengers: 70 adults …", "5,000 jobs, including 3,000 …"
        if let Some(first) = figures.get(t + 1)
            && let Some(text) = gap(total, first)
            && comparable(total, first)
        {
            let text = text.trim_end();
            let noun_and = |opening: &str| {
                text.strip_suffix(opening).is_some_and(|noun| {
                    let words: Vec<&str> = noun.split_whitespace().collect();
                    words.len() <= 4 && words.iter().all(|w| w.chars().all(char::is_alphabetic))
                })
            };
            // "120 passengers: …", not a time ("02: 47") or a score ("3: 1").
            let named = !text.trim_end_matches(':').trim().is_empty()
                || total.mention.kind != MentionKind::Number;
            let zero_led = prose[total.mention.span.clone()].starts_with('0');
            let exhaustive = noun_and(":") && named && !zero_led;
            let partial = [
                "including",
                ", including",
                ", of whom",
                ", of which",
                ", among them",
            ]
            .iter()
            .any(|o| noun_and(o));
            if (exhaustive || partial)
                && let Some(last) = list_from(t + 1, total)
            {
                claims.push(Claim::PartsTotal {
                    total: t,
                    first: t + 1,
                    last,
                    exhaustive,
                });
                continue;
            }
        }
        // "… 70 adults and 50 children, 120 in all" / ", a total of 120"
        let after = lower_after(prose, total.mention.span.end, 16);
        let before = lower_before(prose, total.mention.span.start, 24);
        let in_all = after.starts_with(" in all") || after.starts_with(" in total");
        let a_total = [
            ", a total of ",
            ", for a total of ",
            ", totalling ",
            ", totaling ",
        ]
        .iter()
        .find(|o| before.ends_with(**o));
        let opening_len = if in_all {
            Some(", ".len())
        } else {
            a_total.map(|o| o.len())
        };
        let Some(opening_len) = opening_len else {
            continue;
        };
        // The parts end right before the total's opening.
        let Some(last) = t.checked_sub(1) else {
            continue;
        };
        let Some(text) = gap(&figures[last], total) else {
            continue;
        };
        if !comparable(total, &figures[last]) || text.len() < opening_len {
            continue;
        }
        // Only a short noun between the last part and the total: "… and 50 children, 120 in
        // all", not "… four more members to broke rubber, for a total of 39".
        if !joins(&format!("{},", &text[..text.len() - opening_len])) {
            continue;
        }
        let mut first = last;
        while first > 0
            && gap(&figures[first - 1], &figures[first]).is_some_and(|g| joins(&g))
            && comparable(total, &figures[first - 1])
        {
            first -= 1;
        }
        // "taking the total to 54, and four …": a figure a change goes to is no part.
        let (lead, _) = crate::lexicon::word_before(prose, figures[first].mention.span.start);
        if first < last && !matches!(lead.as_str(), "to" | "from" | "by" | "at" | "of") {
            claims.push(Claim::PartsTotal {
                total: t,
                first,
                last,
                exhaustive: true,
            });
        }
    }
    claims
}

/// The same measured thing given twice: two quantities in one unit of one named stuff ("tons
/// of treated water"), the later one referring back with "the", in different sentences that
/// speak of no change, no other batch and no different time. Each is paired with the one
/// before it of the same unit and stuff.
fn repeated_figures(figures: &[Figure], runs: &[Run], prose: &str) -> Vec<Claim> {
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
        !words
            .iter()
            .any(|w| OTHER.contains(w) || lex.change_verbs.iter().any(|v| v == w))
    };
    // The dates written in the sentence of the figure at `i`.
    let dates_in = |i: usize| -> Vec<&str> {
        figures[run_of(runs, i)]
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
        if f.mention.kind != MentionKind::Quantity || run_of(runs, i).len() > MAX_SENTENCE_FIGURES {
            continue;
        }
        let key = (*unit, stuff.clone());
        // "the 7,300 tons of treated water": only a figure that refers back with "the" is
        // taken for the same thing; "reserves of 173,000 barrels of oil" is another.
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
                claims.push(Claim::Repeated { earlier, later: i });
            }
        }
        last_seen.insert(key, i);
    }
    claims
}

/// Ages against birth dates and years against the time said to separate them, one sentence
/// at a time: "born in 1980, the 52-year-old" (the only age and the only date in a sentence in
/// the present, not about a death), "in 2013, ten years ago", "in 1990 … in 2000, eight years
/// later" (a sentence with exactly two years).
fn elapsed(figures: &[Figure], runs: &[Run], prose: &str) -> Vec<Claim> {
    let lex = lexicon();
    let stated_year = |f: &Figure| {
        matches!(
            f.mention.payload,
            Payload::Date(DateExpr::Year(crate::extract::Year::Stated(_)))
        )
    };
    let mut claims = Vec::new();
    for run in runs
        .iter()
        .filter(|r| r.len() <= MAX_SENTENCE_FIGURES)
        .cloned()
    {
        // "born in 1980, the 52-year-old"
        let born = |f: &Figure| {
            matches!(
                f.mention.payload,
                Payload::Date(
                    DateExpr::Year(crate::extract::Year::Stated(_))
                        | DateExpr::Day {
                            year: crate::extract::Year::Stated(_),
                            ..
                        }
                )
            ) && lower_before(prose, f.mention.span.start, 24)
                .trim_end()
                .trim_end_matches(" in")
                .trim_end_matches(" on")
                .ends_with("born")
        };
        // "Smith, 61, was born …": a bare age between commas after a name.
        let apposed_age = |f: &Figure| {
            f.mention.kind == MentionKind::Number
                && f.mention.hedge.is_none()
                && f.central.is_some_and(|v| {
                    v.fract().is_zero() && v > Decimal::ZERO && v < Decimal::from(120)
                })
                && prose[f.mention.span.end..].starts_with(',')
                && prose[..f.mention.span.start]
                    .strip_suffix(", ")
                    .is_some_and(|head| {
                        head.rsplit(' ')
                            .next()
                            .is_some_and(|w| w.starts_with(char::is_uppercase))
                    })
        };
        let ages: Vec<usize> = run
            .clone()
            .filter(|&k| figures[k].mention.kind == MentionKind::Age || apposed_age(&figures[k]))
            .collect();
        let births: Vec<usize> = run.clone().filter(|&k| born(&figures[k])).collect();
        let dated: Vec<usize> = run
            .clone()
            .filter(|&k| {
                matches!(
                    figures[k].mention.kind,
                    MentionKind::Date | MentionKind::DateRange | MentionKind::Weekday
                )
            })
            .collect();
        // The run's text and the 120 bytes before it, read only for a run with one age, one
        // birth and one date.
        let past = || {
            let (from, to) = (
                figures[run.start].mention.span.start,
                figures[run.end - 1].mention.span.end,
            );
            let clause = lower_before(prose, to, to - from + 120);
            [
                "died", "dead", "death", "killed", "late", " was ", " were ", " had ", "aged",
            ]
            .iter()
            .any(|w| clause.contains(w))
        };
        if let ([age], [birth]) = (ages.as_slice(), births.as_slice())
            && dated.len() == 1
            && !past()
        {
            claims.push(Claim::AgeBirth {
                age: *age,
                birth: *birth,
            });
        }

        for k in run.clone() {
            let f = &figures[k];
            // "2013, ten years ago" / "ten years ago, in 2013"
            let ago = matches!(
                f.mention.payload,
                Payload::Date(DateExpr::Year(crate::extract::Year::Relative(_)))
            ) && prose[f.mention.span.clone()]
                .to_lowercase()
                .ends_with("ago");
            if ago {
                let next = figures
                    .get(k + 1)
                    .filter(|n| run.contains(&(k + 1)) && stated_year(n));
                let previous = k
                    .checked_sub(1)
                    .map(|p| &figures[p])
                    .filter(|p| run.contains(&(k - 1)) && stated_year(p));
                let gap_ok = |a: &Figure, b: &Figure| {
                    matches!(
                        prose[a.mention.span.end..b.mention.span.start].trim(),
                        "," | ", in" | "(" | "in"
                    )
                };
                if previous.is_some_and(|p| gap_ok(p, f)) {
                    claims.push(Claim::YearsAgo {
                        ago: k,
                        year: k - 1,
                    });
                } else if next.is_some_and(|n| gap_ok(f, n)) {
                    claims.push(Claim::YearsAgo {
                        ago: k,
                        year: k + 1,
                    });
                }
            }
        }

        // "… in 2000, eight years later"
        let years: Vec<usize> = run.clone().filter(|&k| stated_year(&figures[k])).collect();
        if let [first, second] = years.as_slice()
            && let Some(length) = figures.get(second + 1)
            && run.contains(&(second + 1))
            && matches!(&length.mention.payload, Payload::Duration { unit, .. } if lex.units[*unit].symbol == "year")
            && prose[figures[*second].mention.span.end..length.mention.span.start].trim() == ","
        {
            let after = lower_after(prose, length.mention.span.end, 16);
            let after = after.trim_start();
            if after.starts_with("later") || after.starts_with("after") {
                claims.push(Claim::YearsLater {
                    first: *first,
                    second: *second,
                    length: second + 1,
                });
            }
        }
    }
    claims
}

/// A small count, a plural noun of at most three words, a colon (or "including"), and a list
/// of short items without figures joined by commas and one final "and" or "or":
/// "three countries: Japan, China, Korea and Vietnam". The list ends at the item after "and".
fn counts(figures: &[Figure], prose: &str) -> Vec<Claim> {
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
        claims.push(Claim::Count {
            count: i,
            items,
            list: (list_at, list_at + list_end),
            exhaustive,
        });
    }
    claims
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

/// A range of days and its length in one sentence: a length written as a modifier ("the
/// 10-day festival") with the sentence's only range of days, or a length right before the range
/// ("for 10 days, from June 3 to June 12"). A length inside a rate ("10 days a year") is a
/// rate, not a length, and a sentence with two lengths or two ranges is left alone.
fn range_durations(figures: &[Figure], runs: &[Run], prose: &str) -> Vec<Claim> {
    let lex = lexicon();
    let days_long = |f: &Figure| match &f.mention.payload {
        Payload::Duration { unit, .. } => matches!(
            lex.units[*unit].symbol.as_str(),
            "day" | "week" | "fortnight" | "month" | "year" | "night"
        ),
        _ => false,
    };
    let day_range = |f: &Figure| {
        matches!(
            f.mention.payload,
            Payload::DateRange {
                start: Some(DateExpr::Day { .. }),
                end: DateExpr::Day { .. },
                ..
            }
        )
    };
    let mut claims = Vec::new();
    for run in runs
        .iter()
        .filter(|r| r.len() <= MAX_SENTENCE_FIGURES)
        .cloned()
    {
        let lengths: Vec<usize> = run.clone().filter(|&k| days_long(&figures[k])).collect();
        let ranges: Vec<usize> = run.filter(|&k| day_range(&figures[k])).collect();
        if let ([d], [r]) = (lengths.as_slice(), ranges.as_slice()) {
            let (duration, range) = (&figures[*d], &figures[*r]);
            let written = &prose[duration.mention.span.clone()];
            // "the 10-day festival runs from …": the modifier's noun and the range close by,
            // not "a 21-day advance payment … from September 15 to October 30".
            let close = duration.mention.span.end <= range.mention.span.start
                && prose[duration.mention.span.end..range.mention.span.start]
                    .split_whitespace()
                    .count()
                    <= 4;
            let modifier = written.contains('-') && close;
            // "lasted 18 days, from …", "ran for three weeks, from …": the length of the
            // event; "worked 10 days between June 1 and June 30" may be days within it.
            let lasting = |w: &str| {
                matches!(
                    w,
                    "lasted"
                        | "lasting"
                        | "lasts"
                        | "last"
                        | "spanned"
                        | "spanning"
                        | "spans"
                        | "ran"
                        | "running"
                        | "runs"
                        | "spent"
                        | "spending"
                        | "spends"
                )
            };
            let (lead, lead_at) = crate::lexicon::word_before(prose, duration.mention.span.start);
            let lasted = lasting(&lead)
                || (lead == "for" && lasting(&crate::lexicon::word_before(prose, lead_at).0));
            let right_before = lasted
                && duration.mention.span.end <= range.mention.span.start
                && prose[duration.mention.span.end..range.mention.span.start]
                    .trim_matches(|c: char| c == ',' || c.is_whitespace())
                    .is_empty()
                && !prose[range.mention.span.clone()]
                    .to_lowercase()
                    .starts_with("between");
            if modifier || right_before {
                claims.push(Claim::RangeDuration {
                    range: *r,
                    duration: *d,
                    elapsed: right_before,
                });
            }
        }
    }
    claims
}

/// "18 of the 40 members (45%)", "18 of the 40 members, or 45%", "18 out of 40 (45%)", "45% of
/// the 40 members, or 18": a part, the whole it is of, and the share it is, in one clause. The
/// percentage must close the bracket or the clause, so "(5% of assets)" is not taken for it,
/// and "one of the ten largest" is an idiom, not a share.
fn shares(figures: &[Figure], prose: &str) -> Vec<Claim> {
    let between = |a: &Figure, b: &Figure| gap_between(prose, a, b);
    let of_the = |gap: &str| {
        let gap = gap.trim();
        let gap = gap.strip_prefix("out ").unwrap_or(gap);
        gap == "of"
            || gap
                .strip_prefix("of ")
                .is_some_and(|rest| matches!(rest, "the" | "its" | "their" | "all" | "all the"))
    };
    // A noun phrase of at most four words, then the percentage's opening.
    let noun_then = |gap: &str, openings: &[&str]| {
        openings.iter().any(|opening| {
            gap.strip_suffix(opening).is_some_and(|noun| {
                let words: Vec<&str> = noun.split_whitespace().collect();
                words.len() <= 4
                    && words.iter().all(|w| {
                        w.chars()
                            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                    })
            })
        })
    };
    let closes = |f: &Figure, bracket: bool| {
        let rest = prose[f.mention.span.end..].trim_start();
        if bracket {
            rest.starts_with(')')
        } else {
            rest.is_empty() || rest.starts_with(['.', ',', ';', ')']) || rest.starts_with(" and")
        }
    };
    let share = |f: &Figure| f.mention.kind == MentionKind::Percent;
    // "120 out of 400", "one in five": a ratio read as one number.
    let ratio = |f: &Figure| {
        let text = prose[f.mention.span.clone()].to_lowercase();
        f.mention.kind == MentionKind::Number
            && (text.contains(" out of ") || text.contains(" in "))
    };
    let idiom = |f: &Figure| prose[f.mention.span.clone()].eq_ignore_ascii_case("one");
    let mut claims = Vec::new();
    for i in 0..figures.len().saturating_sub(1) {
        let (a, b) = (&figures[i], &figures[i + 1]);
        if let Some(gap) = between(a, b)
            && ratio(a)
            && share(b)
            && ((noun_then(&gap, &["("]) && closes(b, true))
                || (noun_then(&gap, &[", or ", ","]) && closes(b, false)))
        {
            claims.push(Claim::Share {
                part: i,
                whole: i,
                percent: i + 1,
            });
        }
    }
    for i in 0..figures.len().saturating_sub(2) {
        let (a, b, c) = (&figures[i], &figures[i + 1], &figures[i + 2]);
        let (Some(ab), Some(bc)) = (between(a, b), between(b, c)) else {
            continue;
        };
        if !of_the(&ab) {
            continue;
        }
        // "18 of the 40 members (45%)", "18 of the 40 members, or 45%"
        if comparable(a, b) && share(c) && !idiom(a) {
            let bracket = noun_then(&bc, &["("]) && closes(c, true);
            let or = noun_then(&bc, &[", or ", ","]) && closes(c, false);
            if bracket || or {
                claims.push(Claim::Share {
                    part: i,
                    whole: i + 1,
                    percent: i + 2,
                });
            }
        }
        // "45% of the 40 members, or 18"
        if share(a) && comparable(b, c) && noun_then(&bc, &[", or ", " ("]) && !idiom(c) {
            let bracket = bc.ends_with('(');
            if closes(c, bracket) {
                claims.push(Claim::Share {
                    part: i + 2,
                    whole: i + 1,
                    percent: i,
                });
            }
        }
    }
    claims
}

/// "10 miles (16 km)", "a 40-foot (12 m) mast", "23.6 knots (43.7 km/h; 27.2 mph)": a quantity
/// followed by the same amount in other units, inside brackets right after it.
fn conversions(figures: &[Figure], prose: &str) -> Vec<Claim> {
    let lex = lexicon();
    // Two amounts convert when they measure one dimension in different units, or are money in
    // different currencies ("£600m ($780m)", checked only against a user's rates).
    let converts = |a: &Payload, b: &Payload| match (a, b) {
        (Payload::Quantity { unit: a, .. }, Payload::Quantity { unit: b, .. }) => {
            let (a, b) = (&lex.units[*a], &lex.units[*b]);
            Some(a.dimension == b.dimension && a.symbol != b.symbol)
        }
        (Payload::Money { currency: a, .. }, Payload::Money { currency: b, .. }) => Some(a != b),
        _ => None,
    };
    let measured = |f: &Figure| {
        matches!(
            f.mention.payload,
            Payload::Quantity { .. } | Payload::Money { .. }
        )
    };
    let mut claims = Vec::new();
    for i in 0..figures.len() {
        if !measured(&figures[i]) {
            continue;
        }
        // The bracket opens right after the stated figure; inside it, figures separated by
        // ";" or "," until it closes.
        let mut at = figures[i].mention.span.end;
        let Some(open) = prose[at..]
            .strip_prefix(" (")
            .or_else(|| prose[at..].strip_prefix('('))
        else {
            continue;
        };
        at = prose.len() - open.len();
        // "6 or 8 metres (19 ft 8 in or 26 ft 3 in)", "28 by 19 inches (71 cm × 48 cm)": a list
        // or a size in two units pairs its figures in order, which a bracket after the last
        // one does not show; such brackets are left alone.
        let inside = &open[..open.find(')').unwrap_or(open.len())];
        let listed = [" or ", " and ", " by ", " x ", "×", " to "]
            .iter()
            .any(|w| inside.contains(w));
        if listed {
            continue;
        }
        for (j, other) in figures.iter().enumerate().skip(i + 1) {
            if other.mention.span.start != at {
                break;
            }
            let Some(converted) = converts(&figures[i].mention.payload, &other.mention.payload)
            else {
                break;
            };
            if converted && other.mention.hedge.is_none() {
                claims.push(Claim::Conversion {
                    stated: i,
                    converted: j,
                });
            }
            let rest = &prose[other.mention.span.end..];
            let separator = rest.len() - rest.trim_start_matches([';', ',', ' ']).len();
            if rest.starts_with(')') || separator == 0 {
                break;
            }
            at = other.mention.span.end + separator;
        }
    }
    claims
}
