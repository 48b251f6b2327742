//! `change-direction-mismatch` ("fell from 12 to 15") and `percent-change-mismatch` ("grew 25%
//! from 40 to 60").

use rust_decimal::Decimal;

use super::{Links, Outcome, Patterns, Relation, RuleSettings, Verdict, display, doc, rounded};
use crate::extract::MentionKind;
use crate::finding::{Finding, Locator, Severity, Verified};
use crate::interval::Interval;
use crate::lexicon::lexicon;
use crate::link::patterns::Match;
use crate::link::{Bound, Carry, Claim, Detail, Multiple, Text};
use crate::normalize::Figure;

const DIRECTION: &str = "change-direction-mismatch";
const PERCENT: &str = "percent-change-mismatch";
const POINTS: &str = "percentage-point-confusion";

/// A change between two figures — its direction, perhaps its size in percent or points, perhaps
/// a multiple — which the four change rules check: "rose 25% from 40 to 50", "128.1 mln dlrs,
/// up from 118.3 mln", "doubled from 30 to 60".
pub const RELATION: Relation = Relation {
    name: "change",
    link,
    check: |claim, cx| {
        let (Some(from), Some(to)) = (claim.figure("from"), claim.figure("to")) else {
            return Vec::new();
        };
        let Detail::Change { rising, multiple } = claim.detail else {
            return Vec::new();
        };
        let (from, to) = (&cx.figures[from], &cx.figures[to]);
        let percent = claim.figure("percent").map(|p| &cx.figures[p]);
        let mut out = Vec::new();
        if let Some(rising) = rising {
            out.extend(check(from, to, percent, rising, cx.locator, cx.tuning));
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

/// The changes in a text: each match of a change pattern whose two values are comparable,
/// with its direction from the words it bound.
fn link(text: &Text, patterns: &Patterns) -> Links {
    let mut links = Links::default();
    for s in text.sentences_with(2) {
        for (pattern, m) in patterns.find(text, s) {
            let (Some(a), Some(b)) = (m.figure("a"), m.figure("b")) else {
                continue;
            };
            if a == b || !text.comparable(a, b) || ranking(text, s, &m) {
                continue;
            }
            let rising = match pattern.with.get("direction").map(String::as_str) {
                Some("none") => None,
                _ => direction(text, patterns, s, &m),
            };
            let sizes = ["p", "p2"].iter().filter_map(|r| m.figure(r)).next();
            let multiple = multiple(text, s, &m);
            if rising.is_none() && sizes.is_none() && multiple.is_none() {
                continue; // nothing to check
            }
            links.carries.extend(carries(text, a, b));
            let mut roles = vec![("from", b), ("to", a)];
            roles.extend(sizes.map(|p| ("percent", p)));
            links.claims.push(
                Claim::new(DIRECTION, &pattern.name, roles)
                    .with(Detail::Change { rising, multiple }),
            );
            // "$254 million, or $5.94 a share, up from $163 million, or $4.06 a share": the
            // figures said again per share change the same way.
            if let (Some(a2), Some(b2)) = (m.figure("a2"), m.figure("b2"))
                && rising.is_some()
                && text.comparable(a2, b2)
            {
                links.carries.extend(carries(text, a2, b2));
                links.claims.push(
                    Claim::new(DIRECTION, &pattern.name, vec![("from", b2), ("to", a2)]).with(
                        Detail::Change {
                            rising,
                            multiple: None,
                        },
                    ),
                );
            }
        }
    }
    links
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
/// the first figure — the last verb or adverb ("scaled back to 4.0% from 4.4%", "growth
/// falling from 3.2%", "revised down the jobs gains … from"), else the last verb in "-s" that
/// may be a plural noun ("Profit rises to", not "capital gains tax to"), else the last noun of
/// change that heads one ("a 52% rise to", "the increase in … to").
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
    let first_figure = (m.start..m.end).find(|&t| tokens[t].figure().is_some())?;
    let lower = |t: usize| text.word(&tokens[t]).to_ascii_lowercase();
    // The last cue of each strength: a verb or adverb, a verb in "-s", a headed noun.
    let mut found: [Option<bool>; 3] = [None; 3];
    let mut t = m.start;
    while t < first_figure {
        let verb = [("rise", true), ("fall", false)]
            .iter()
            .find_map(|&(c, up)| text.phrase_at(classes, c, s, t).map(|n| (n, up)));
        if let Some((n, up)) = verb {
            let weak = n == 1 && lower(t).ends_with('s');
            found[usize::from(weak)] = Some(up);
            t += n;
            continue;
        }
        let noun = [("rise-noun", true), ("fall-noun", false)]
            .iter()
            .find_map(|&(c, up)| text.phrase_at(classes, c, s, t).map(|n| (n, up)));
        if let Some((n, up)) = noun {
            let headed = t.checked_sub(1).is_some_and(|b| {
                tokens[b].figure().is_some()
                    || (tokens[b].is_word()
                        && matches!(lower(b).as_str(), "a" | "an" | "the" | "its" | "their"))
            });
            if headed {
                found[2] = Some(up);
            }
            t += n;
            continue;
        }
        t += 1;
    }
    found.into_iter().flatten().next()
}

/// A change whose direction the figures cannot show as written: places in a ranking, a table
/// or a chart, which go "up" as their number falls ("climbed from sixth to third", "Ant and Dec
/// at five, up from 13 … rising nine places"), and exchange rates, which are quoted either way
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
    // ("153.49 yen per dollar … from 184.62"): an exchange rate.
    let plain = |role: &str| m.figure(role).is_some_and(|f| text.is(f, "number"));
    let exchange = (plain("a") || plain("b"))
        && words.iter().any(|w| classes.has("currency-word", w));
    ranked || exchange
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
        let bound = match before.as_slice() {
            [.., a, b] if a == "more" && b == "than" => Bound::MoreThan,
            [.., b] if b == "over" => Bound::MoreThan,
            [.., b] if b == "nearly" || b == "almost" => Bound::Nearly,
            _ => Bound::Exact,
        };
        found = Some(Multiple {
            factor,
            bound,
            word: (token.span.start, token.span.end),
        });
    }
    found
}

/// Checks one change; a wrong direction is reported first, since the percentage then says
/// nothing more.
pub fn check(
    from: &Figure,
    to: &Figure,
    percent: Option<&Figure>,
    rising: bool,
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
    let up_for_sure = matches!((ia.high(), ib.low()), (Some(h), Some(l)) if h < l);
    let down_for_sure = matches!((ib.high(), ia.low()), (Some(h), Some(l)) if h < l);
    let said = if rising { "rose" } else { "fell" };
    if (rising && down_for_sure) || (!rising && up_for_sure) {
        let doc = doc(DIRECTION).expect("catalogued");
        let went = if rising { "less" } else { "more" };
        let vals = [
            ("said", said),
            ("from", &text(from)),
            ("to", &text(to)),
            ("went", went),
        ];
        return vec![Outcome::Finding(Finding {
            rule: DIRECTION,
            severity: doc.severity,
            message: doc.message("title", &vals),
            span: locator.position(&to.mention.span),
            labels,
            notes: vec![doc.message("arithmetic", &vals)],
        })];
    }
    let Some(percent) = percent else {
        // Only the direction was said, and it holds (or the figures' precision allows it).
        let doc = doc(DIRECTION).expect("catalogued");
        let vals = [("said", said), ("from", &text(from)), ("to", &text(to))];
        return vec![Outcome::Verified(Verified {
            rule: DIRECTION,
            message: doc.message("verified", &vals),
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
    let verdict = if !change.meets(&ip) {
        Verdict::Error
    } else if hedged && difference > tuning.tolerance(doc, "warn-above") {
        Verdict::Warning
    } else {
        Verdict::Verified
    };
    let implied_to = if rising {
        a * (Decimal::ONE + p / Decimal::ONE_HUNDRED)
    } else {
        a * (Decimal::ONE - p / Decimal::ONE_HUNDRED)
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
/// note shows how far the end is off: to a decimal more than a scaled or decimal end ("$174.35
/// million" against a stated "174.6 mln dlrs"), to whole units against a whole one ("187,956"
/// against "188,156").
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
