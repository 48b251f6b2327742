//! `weekday-date-mismatch` (a weekday beside the date it names) and `impossible-date` (a day
//! that no calendar has).

use jiff::civil::{Date, Weekday};

use super::{Links, Outcome, Patterns, Relation, doc};
use crate::extract::{DateExpr, Payload, Year};
use crate::finding::{Finding, Locator, Verified};
use crate::link::{Claim, Text};
use crate::normalize::{Figure, Resolved};

const WEEKDAY: &str = "weekday-date-mismatch";
const IMPOSSIBLE: &str = "impossible-date";

/// A weekday written beside the day it names: "Friday, March 2, 2023", "March 2 (Friday)".
pub const WEEKDAY_RELATION: Relation = Relation {
    name: "weekday",
    link: link_weekdays,
    check: |claim, cx| {
        let (Some(w), Some(d)) = (claim.figure("weekday"), claim.figure("date")) else {
            return Vec::new();
        };
        weekday_date(&cx.figures[w], &cx.figures[d], cx.reference, cx.locator)
            .into_iter()
            .collect()
    },
};

/// Every day of a month: it must exist.
pub const IMPOSSIBLE_RELATION: Relation = Relation {
    name: "calendar-day",
    link: |text, _| Links {
        claims: (0..text.figures.len())
            .filter(|&f| text.is(f, "day"))
            .map(|f| Claim::new(IMPOSSIBLE, "day", vec![("date", f)]))
            .collect(),
        ..Links::default()
    },
    check: |claim, cx| {
        claim
            .figure("date")
            .and_then(|d| impossible_date(&cx.figures[d], cx.locator))
            .into_iter()
            .collect()
    },
};

fn link_weekdays(text: &Text, patterns: &Patterns) -> Links {
    let mut links = Links::default();
    for s in text.sentences_with(2) {
        for (pattern, m) in patterns.find(text, s) {
            if let (Some(w), Some(d)) = (m.figure("weekday"), m.figure("date")) {
                links.claims.push(Claim::new(
                    WEEKDAY,
                    &pattern.name,
                    vec![("weekday", w), ("date", d)],
                ));
            }
        }
    }
    links
}

fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// How near the reference date, in days, a year-less day must be to be read in one year only.
const NEAR_DAYS: i64 = 92;

/// "Friday, March 2, 2023": March 2, 2023 was a Thursday. A year-less date within three months
/// of the reference date is checked in the year it was read as; one further off passes if any
/// year around it fits.
pub fn weekday_date(
    weekday: &Figure,
    date: &Figure,
    reference: Option<Date>,
    locator: &Locator,
) -> Option<Outcome> {
    let doc = doc(WEEKDAY).expect("weekday-date-mismatch is catalogued");
    let (
        Payload::Date(
            DateExpr::Weekday(stated)
            | DateExpr::WeekdayInWeek {
                weekday: stated, ..
            },
        ),
        Payload::Date(DateExpr::Day { year, month, day }),
    ) = (&weekday.mention.payload, &date.mention.payload)
    else {
        return None;
    };
    let Some(Resolved::Day(read)) = date.date else {
        return None;
    };
    // A year-less day within three months of the reference date is read in the nearest
    // year with confidence; one further off might be another year's.
    let near = reference.is_some_and(|r| {
        read.since(r)
            .is_ok_and(|span| i64::from(span.get_days()).abs() <= NEAR_DAYS)
    });
    let candidates: Vec<Date> = match year {
        Year::Stated(_) => vec![read],
        _ if near => vec![read],
        _ => (-1..=1)
            .filter_map(|k| Date::new(read.year() + k, *month, *day).ok())
            .collect(),
    };
    let labels = || {
        let mut labels = vec![
            locator.label("weekday", weekday),
            locator.label("date", date),
        ];
        labels.sort_by_key(|l| l.span.start);
        labels
    };
    let values = |d: Date| {
        [
            ("date", locator.text(&date.mention.span).to_string()),
            ("iso", d.to_string()),
            ("actual", weekday_name(d.weekday()).to_string()),
            ("stated", weekday_name(*stated).to_string()),
        ]
    };
    if read.weekday() == *stated {
        let message = doc.message("verified", &values(read));
        let span = locator.position(&date.mention.span);
        return Some(Outcome::Verified(Verified {
            rule: WEEKDAY,
            message,
            span,
            labels: labels(),
        }));
    }
    // Another year around the reference date fits: the year was misread, not the weekday.
    if candidates.iter().any(|d| d.weekday() == *stated) {
        return None;
    }
    let message = doc.message("title", &values(read));
    let mut notes = vec![doc.message("arithmetic", &values(read))];
    // The nearest day with the stated weekday, in case the date is the wrong one.
    let forward = i64::from(stated.since(read.weekday()));
    let nearest = if forward <= 3 {
        read.checked_add(jiff::Span::new().days(forward))
    } else {
        read.checked_sub(jiff::Span::new().days(7 - forward))
    };
    if let Ok(nearest) = nearest {
        let mut vals = values(read).to_vec();
        vals.push(("nearest", nearest.to_string()));
        notes.push(doc.message("nearest", &vals));
    }
    if near {
        notes.push(doc.message("near", &values(read)));
    } else if !matches!(year, Year::Stated(_)) {
        notes.push(doc.message("years", &values(read)));
    }
    Some(Outcome::Finding(Finding {
        rule: WEEKDAY,
        severity: doc.severity,
        message,
        span: locator.position(&date.mention.span),
        labels: labels(),
        notes,
    }))
}

/// "Feb. 30", "April 31", "February 29, 2023": a day no calendar has.
pub fn impossible_date(date: &Figure, locator: &Locator) -> Option<Outcome> {
    let doc = doc(IMPOSSIBLE).expect("impossible-date is catalogued");
    let Payload::Date(DateExpr::Day { year, month, day }) = date.mention.payload else {
        return None;
    };
    let never = Date::new(2000, month, day).is_err();
    let not_that_year = match year {
        Year::Stated(y) => !never && Date::new(y, month, day).is_err(),
        _ => false,
    };
    if !never && !not_that_year {
        return None;
    }
    let text = locator.text(&date.mention.span).to_string();
    let last = Date::new(
        match year {
            Year::Stated(y) => y,
            _ => 2000,
        },
        month,
        1,
    )
    .map(|d| d.last_of_month().day())
    .unwrap_or(31);
    let year_text = match year {
        Year::Stated(y) => y.to_string(),
        _ => String::new(),
    };
    let vals = [
        ("date", text.as_str()),
        ("last", &last.to_string()),
        ("year", year_text.as_str()),
    ];
    let key = if never { "title" } else { "leap" };
    let message = doc.message(key, &vals);
    let notes = vec![doc.message("arithmetic", &vals)];
    Some(Outcome::Finding(Finding {
        rule: IMPOSSIBLE,
        severity: doc.severity,
        message,
        span: locator.position(&date.mention.span),
        labels: vec![locator.label("date", date)],
        notes,
    }))
}
