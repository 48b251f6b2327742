//! Properties that must hold for any input (proptest): spans lie in the text on character
//! boundaries; masked regions are never read as prose; every figure's interval holds its value;
//! interval arithmetic agrees with exact rational arithmetic; a check gives the same report
//! every time.

use figcheck::ingest::InputFormat;
use figcheck::interval::Interval;
use figcheck::render;
use figcheck::{Settings, Source, check};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Prose built from the pieces figures are made of, with unicode, markup and noise between.
fn prose() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("some ".to_string()),
        Just("about ".to_string()),
        Just("more than ".to_string()),
        Just(" tons".to_string()),
        Just(" litres a minute".to_string()),
        Just(" per day".to_string()),
        Just(" for two hours".to_string()),
        Just(" through Oct. 23".to_string()),
        Just("from Aug. 24 to Sept. 11".to_string()),
        Just(" rose 25% from 40 to 50".to_string()),
        Just(", a 2% increase".to_string()),
        Just(" (16 km)".to_string()),
        Just(" miles".to_string()),
        Just("$3bn".to_string()),
        Just("£600m".to_string()),
        Just(" on Friday, March 2, 2023".to_string()),
        Just(" three countries: Japan, China and Korea".to_string()),
        Just(" born in 1980, the 52-year-old".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just(" × ".to_string()),
        Just("é".to_string()),
        Just("\u{200f}".to_string()),
        Just("½".to_string()),
        Just("`".to_string()),
        Just("<".to_string()),
        Just("&amp;".to_string()),
        (0u64..100_000).prop_map(|n| format!(" {n}")),
        (0u32..10_000, 0u32..100).prop_map(|(a, b)| format!(" {a}.{b:02}")),
        "[a-zA-Z ,.;:()-]{0,12}",
        "\\PC{0,3}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

fn format() -> impl Strategy<Value = InputFormat> {
    prop_oneof![
        Just(InputFormat::Text),
        Just(InputFormat::Markdown),
        Just(InputFormat::Html)
    ]
}

fn settings(format: InputFormat) -> Settings {
    Settings {
        input_format: Some(format),
        reference_date: Some(jiff::civil::date(2023, 10, 5)),
        ..Settings::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn spans_lie_in_the_text_on_character_boundaries(text in prose(), format in format()) {
        let report = check(&Source::new("p", text.clone()), &settings(format));
        let inside = |start: usize, end: usize| {
            start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
        };
        for f in &report.figures {
            prop_assert!(inside(f.mention.span.start, f.mention.span.end));
        }
        for f in &report.findings {
            prop_assert!(inside(f.span.start, f.span.end));
            for l in &f.labels {
                prop_assert!(inside(l.span.start, l.span.end));
                prop_assert_eq!(&text[l.span.start..l.span.end], l.text.as_str());
            }
        }
        for v in &report.verified {
            prop_assert!(inside(v.span.start, v.span.end));
        }
    }

    #[test]
    fn every_interval_holds_its_value(text in prose(), format in format()) {
        let report = check(&Source::new("p", text), &settings(format));
        for f in &report.figures {
            if let (Some(v), Some(i)) = (f.central, f.interval) {
                prop_assert!(i.low().is_none_or(|l| l <= v), "{:?}", f);
                prop_assert!(i.high().is_none_or(|h| v <= h), "{:?}", f);
            }
        }
    }

    #[test]
    fn code_and_scripts_are_never_read_as_prose(before in prose(), inside in prose(), after in prose()) {
        // Figures inside a code block, inline code, a script or a style are masked: no figure
        // starts inside them.
        let inside = inside.replace(['`', '<', '>'], " ");
        let cases = [
            (InputFormat::Markdown, format!("{before}\n\n```\n{inside}\n```\n\n{after}"), "```\n", "\n```"),
            (InputFormat::Markdown, format!("{before} `{inside}` {after}"), " `", "` "),
            (InputFormat::Html, format!("<p>{before}</p><script>{inside}</script><p>{after}</p>"), "<script>", "</script>"),
            (InputFormat::Html, format!("<p>{before}</p><style>{inside}</style><p>{after}</p>"), "<style>", "</style>"),
        ];
        for (format, text, open, close) in cases {
            // The masked region: from the opening marker after `before` to its close.
            let Some(start) = text.find(open) else { continue };
            let Some(end) = text[start + open.len()..].find(close).map(|i| start + open.len() + i) else { continue };
            if format == InputFormat::Markdown && open == " `" && (before.contains('`') || inside.contains('\n')) {
                continue;
            }
            if format == InputFormat::Markdown && (before.contains('`') || after.contains('`') || before.contains('<')) {
                continue;
            }
            let report = check(&Source::new("p", text.clone()), &settings(format));
            for f in &report.figures {
                let s = f.mention.span.start;
                prop_assert!(!(s > start + open.len() && s < end), "{:?} read inside {:?}", &text[f.mention.span.clone()], &text[start..end]);
            }
        }
    }

    #[test]
    fn a_check_gives_the_same_report_every_time(text in prose(), format in format()) {
        let source = Source::new("p", text);
        let first = check(&source, &settings(format));
        let second = check(&source, &settings(format));
        prop_assert_eq!(render::check_json(&[&first], &[]), render::check_json(&[&second], &[]));
    }

    /// A draft wrapped by hand breaks its lines anywhere: one space made a line break changes
    /// no figure ("12,000\ncubic metres" is 12,000 cubic metres) and no finding or check. Not
    /// a space between two digits ("12 345" is one number, "12\n345" two), nor one beside a
    /// line break, which would make a blank line and end the paragraph.
    #[test]
    fn a_line_break_for_a_space_changes_no_figure_or_finding(text in prose(), pick in any::<prop::sample::Index>()) {
        let bytes = text.as_bytes();
        let spaces: Vec<usize> = (0..bytes.len())
            .filter(|&i| bytes[i] == b' ')
            .filter(|&i| {
                let before = i.checked_sub(1).map(|j| bytes[j]);
                let after = bytes.get(i + 1).copied();
                !(before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|b| b.is_ascii_digit()))
                    && before != Some(b'\n')
                    && after != Some(b'\n')
            })
            .collect();
        prop_assume!(!spaces.is_empty());
        let at = spaces[pick.index(spaces.len())];
        let mut wrapped = text.clone();
        wrapped.replace_range(at..at + 1, "\n");
        let read = |text: &str| {
            let report = check(&Source::new("p", text.to_string()), &settings(InputFormat::Text));
            let figures: Vec<String> = report.figures.iter().map(|f| format!("{f:?}")).collect();
            let findings: Vec<(&str, String, usize)> = report
                .findings
                .iter()
                .map(|f| (f.rule, f.message.clone(), f.span.start))
                .chain(report.verified.iter().map(|v| (v.rule, v.message.clone(), v.span.start)))
                .collect();
            (figures, findings)
        };
        prop_assert_eq!(read(&text), read(&wrapped), "{:?}", wrapped);
    }

    #[test]
    fn interval_arithmetic_agrees_with_exact_rationals(
        a in -10_000i64..10_000, b in -10_000i64..10_000,
        c in -10_000i64..10_000, d in -10_000i64..10_000,
    ) {
        // Endpoints in hundredths; the exact answer from integer arithmetic on the endpoints.
        let (a, b) = (a.min(b), a.max(b));
        let (c, d) = (c.min(d), c.max(d));
        let dec = |n: i64| Decimal::new(n, 2);
        let x = Interval::new(dec(a), dec(b));
        let y = Interval::new(dec(c), dec(d));

        let sum = x.add(&y);
        prop_assert_eq!(sum.low(), Some(Decimal::new(a + c, 2)));
        prop_assert_eq!(sum.high(), Some(Decimal::new(b + d, 2)));

        let products = [a * c, a * d, b * c, b * d];
        let product = x.mul(&y);
        prop_assert_eq!(product.low(), Some(Decimal::new(*products.iter().min().unwrap(), 4)));
        prop_assert_eq!(product.high(), Some(Decimal::new(*products.iter().max().unwrap(), 4)));

        // Division (defined for a divisor above zero): the quotient interval must hold every
        // exact quotient of endpoints, checked as rationals by cross-multiplication (p/r ≥ low
        // ⇔ p ≥ low·r for r > 0), and its ends are the extreme quotients to 10^-20.
        match x.div(&y) {
            None => prop_assert!(c <= 0, "{c}"),
            Some(q) => {
                prop_assert!(c > 0, "{c}");
                let (low, high) = (q.low().unwrap(), q.high().unwrap());
                let slack = Decimal::new(1, 20);
                let mut quotients = Vec::new();
                for (p, r) in [(a, c), (a, d), (b, c), (b, d)] {
                    let (pd, rd) = (Decimal::from(p), Decimal::from(r));
                    prop_assert!(low * rd <= pd + slack && pd <= high * rd + slack, "{p}/{r} outside [{low}, {high}]");
                    quotients.push(pd / rd);
                }
                let min = *quotients.iter().min().unwrap();
                let max = *quotients.iter().max().unwrap();
                prop_assert!((low - min).abs() <= slack && (high - max).abs() <= slack);
            }
        }
    }
}
