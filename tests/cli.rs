//! The real binary: exit codes, formats, the seed article's acceptance and bad input.
//!
//! The seed article is research-only text: it is read from `../shared/corpora/` at run time and
//! never copied here.

#[path = "common/bin.rs"]
mod bin;
#[path = "common/corpus.rs"]
mod corpus;

use std::path::Path;

use bin::{figcheck, figcheck_stdin, json_lines, stdout, temp_dir};

use serde_json::Value;

/// The seed article's path, or none (the test skipped) in a clone without `../shared`.
fn seed() -> Option<String> {
    let shared = corpus::shared("the seed article")?;
    let path = shared.join("corpora/seed/joongang-2023-10-05-korea-japan-dialogue.txt");
    assert!(
        path.exists(),
        "the seed article is expected at {}",
        path.display()
    );
    Some(path.display().to_string())
}

#[test]
fn seed_gives_one_rate_total_warning() {
    let Some(path) = seed() else {
        return;
    };
    let output = figcheck(&["check", "--date", "2023-10-05", &path]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert_eq!(
        text.matches("warning[rate-total-mismatch]").count(),
        1,
        "{text}"
    );
    assert!(!text.contains("error["), "{text}");
    for needle in ["19 days", "8,740 tons", "lasts about 17 days"] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn seed_json_finding_has_spans_into_the_original_bytes() {
    let Some(path) = seed() else {
        return;
    };
    let original = std::fs::read(&path).unwrap();
    let output = figcheck(&["check", "--date", "2023-10-05", "--format", "json", &path]);
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["version"], 1);
    let file = &json["files"][0];
    assert_eq!(file["reference_date"], "2023-10-05");
    let findings = file["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    let finding = &findings[0];
    assert_eq!(finding["rule"], "rate-total-mismatch");
    assert_eq!(finding["severity"], "warning");
    assert!(finding["message"].as_str().unwrap().contains("8,740"));
    let bytes = |span: &Value| {
        let (start, end) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        String::from_utf8(original[start..end].to_vec()).unwrap()
    };
    assert_eq!(bytes(&finding["span"]), "some 7,800 tons");
    assert!(finding["span"]["line"].as_u64().unwrap() > 1);
    assert!(finding["span"]["column"].as_u64().unwrap() >= 1);
    let mut roles: Vec<(String, String)> = finding["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            assert_eq!(bytes(&l["span"]), l["text"].as_str().unwrap());
            (
                l["role"].as_str().unwrap().to_string(),
                l["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    roles.sort();
    assert_eq!(
        roles,
        [
            ("period".to_string(), "through Oct. 23".to_string()),
            ("rate".to_string(), "some 460 tons per day".to_string()),
            ("total".to_string(), "some 7,800 tons".to_string()),
        ]
    );
}

#[test]
fn seed_extract_lists_the_normalized_figures() {
    let Some(path) = seed() else {
        return;
    };
    let output = figcheck(&["extract", "--date", "2023-10-05", "--format", "json", &path]);
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let mentions = json["files"][0]["mentions"].as_array().unwrap();
    let has = |kind: &str, value: &str, check: &dyn Fn(&Value) -> bool| {
        mentions
            .iter()
            .any(|m| m["kind"] == kind && m["value"] == value && check(m))
    };
    let any = |_: &Value| true;
    let tons = |hedge: &'static str| {
        move |m: &Value| m["unit"] == "ton" && m["dimension"] == "mass" && m["hedge"] == hedge
    };
    assert!(has("quantity", "7800", &tons("some")), "some 7,800 tons");
    assert!(
        has("quantity", "7800", &tons("nearly")),
        "nearly 7,800 tons"
    );
    assert!(
        has("rate", "460", &|m| m["unit"] == "ton/day"),
        "460 tons per day"
    );
    assert!(has("date", "2023-10-23", &any));
    assert!(has("date_range", "2023-08-24/2023-09-11", &any));
    assert!(has("date", "2014-10", &any));
    assert!(has("date", "2005", &any));
    assert!(has("ordinal", "13", &any));
    assert!(has("weekday", "2023-10-05", &|m| m["text"] == "Thursday"));
    let some = mentions
        .iter()
        .find(|m| m["kind"] == "quantity" && m["hedge"] == "some")
        .unwrap();
    assert_eq!(
        (some["low"].as_str(), some["high"].as_str()),
        (Some("6975"), Some("8635"))
    );
}

#[test]
fn seed_without_a_date_guesses_nothing_and_says_so() {
    let Some(path) = seed() else {
        return;
    };
    let output = figcheck(&["check", &path]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("no findings"));
    let verbose = stdout(&figcheck(&["check", "--verbose", &path]));
    assert!(
        verbose.contains("skipped[rate-total-mismatch]"),
        "{verbose}"
    );
    assert!(verbose.contains("needs a reference date"), "{verbose}");
    assert!(verbose.contains("no reference date"), "{verbose}");
}

#[test]
fn the_shipped_example_has_a_finding() {
    let output = figcheck(&["examples/water-release.md"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("warning[rate-total-mismatch]"), "{text}");
    assert!(text.contains("examples/water-release.md:"), "{text}");
}

#[test]
fn fail_on_sets_the_exit_code() {
    assert_eq!(
        figcheck(&["--fail-on", "never", "examples/water-release.md"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        figcheck(&["--fail-on", "error", "examples/water-release.md"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        figcheck(&["--fail-on", "warning", "examples/water-release.md"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn bad_files_are_named_and_the_others_still_checked() {
    let dir = temp_dir("bad");
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, b"ok so far \xff\xfe then junk").unwrap();
    let missing = dir.join("missing.md");
    let output = figcheck(&[
        bad.to_str().unwrap(),
        missing.to_str().unwrap(),
        "examples/water-release.md",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: not valid UTF-8 (first bad byte at offset 10)",
            bad.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains(&missing.display().to_string()), "{stderr}");
    assert!(
        stdout(&output).contains("warning[rate-total-mismatch]"),
        "the good file is still reported"
    );
}

#[test]
fn no_input_is_a_usage_error() {
    let output = figcheck(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no input"));
    assert_eq!(
        figcheck(&["--date", "2023-13-01", "x.md"]).status.code(),
        Some(2)
    );
}

#[test]
fn reads_standard_input_and_folders() {
    let output = figcheck_stdin(
        &["--input-format", "text", "-"],
        b"The crew pumped 300 litres a minute for two hours, 9,000 litres in all.\n",
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("error[rate-total-mismatch]"));

    let dir = temp_dir("folder");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(
        dir.join("sub/b.md"),
        "Pumps moved 300 litres a minute for two hours, 9,000 litres in all.\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.txt"), "Nothing to see.\n").unwrap();
    std::fs::write(dir.join("image.png"), [0u8, 1, 2]).unwrap();
    let output = figcheck(&["--format", "json", dir.to_str().unwrap()]);
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("a.txt") && paths[1].ends_with("b.md"),
        "sorted: {paths:?}"
    );
}

#[test]
fn output_is_the_same_every_run_and_files_are_untouched() {
    let dir = temp_dir("untouched");
    let file = dir.join("draft.md");
    std::fs::copy("examples/water-release.md", &file).unwrap();
    let before = (
        std::fs::read(&file).unwrap(),
        std::fs::metadata(&file).unwrap().modified().unwrap(),
    );
    let first = figcheck(&["--format", "json", file.to_str().unwrap()]);
    let second = figcheck(&["--format", "json", file.to_str().unwrap()]);
    assert_eq!(first.stdout, second.stdout);
    let after = (
        std::fs::read(&file).unwrap(),
        std::fs::metadata(&file).unwrap().modified().unwrap(),
    );
    assert_eq!(before, after);
}

#[test]
fn no_colour_when_piped() {
    let text = stdout(&figcheck(&["examples/water-release.md"]));
    assert!(!text.contains('\u{1b}'), "ANSI escapes in piped output");
}

#[test]
fn readme_sample_is_the_real_output() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("<!-- sample-output -->\n```text\n")
        .expect("README has a sample")
        + 31;
    let end = start + readme[start..].find("```\n").unwrap();
    let output = figcheck(&["examples/water-release.md"]);
    assert_eq!(stdout(&output), &readme[start..end]);
}

/// Regression for an overlong "sentence" that made extraction and linking quadratic, and for
/// odd bytes and forms: each is checked to the end, without a panic.
#[test]
fn rules_and_explain_print_the_catalog() {
    let rules = figcheck(&["rules"]);
    assert_eq!(rules.status.code(), Some(0));
    let text = stdout(&rules);
    for doc in figcheck::rules::catalog() {
        assert!(
            text.contains(&doc.name),
            "{} missing from:\n{text}",
            doc.name
        );
    }
    let explained = figcheck(&["explain", "rate-total-mismatch"]);
    assert_eq!(explained.status.code(), Some(0));
    assert!(stdout(&explained).contains("Examples:"));
    let unknown = figcheck(&["explain", "no-such-rule"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("rate-total-mismatch"));
}

#[test]
fn concise_and_github_formats() {
    let dir = temp_dir("formats");
    std::fs::write(
        dir.join("draft.md"),
        "The club grew 25% from 40 to 60 members.\n\nThe ferry carried 120 passengers: 70 adults and 60 children.\n",
    )
    .unwrap();
    let draft = dir.join("draft.md").display().to_string();
    let missing = dir.join("missing.md").display().to_string();

    let concise = figcheck(&["--format", "concise", &draft]);
    assert_eq!(concise.status.code(), Some(1));
    let text = stdout(&concise).replace(&draft, "draft.md");
    insta::assert_snapshot!("concise_format", text);

    let github = figcheck(&["--format", "github", &draft, &missing]);
    assert_eq!(
        github.status.code(),
        Some(2),
        "an unreadable file is an input error"
    );
    let text = stdout(&github)
        .replace(&draft, "draft.md")
        .replace(&missing, "missing.md");
    insta::assert_snapshot!("github_format", text);
    // Every line is a workflow command; a percent sign in a message is escaped.
    assert!(
        text.lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning "))
    );
    assert!(text.contains("%25"));
}

#[test]
fn jsonl_records_are_checked_one_by_one() {
    let dir = temp_dir("jsonl");
    let input = dir.join("archive.jsonl");
    std::fs::write(
        &input,
        concat!(
            "{\"id\": \"a1\", \"text\": \"The club grew 25% from 40 to 60 members.\", \"date\": \"2024-03-04\"}\n",
            "not json\n",
            "\n",
            "{\"id\": 2, \"text\": \"Japan released 7,800 tons through Oct. 23, releasing 460 tons per day.\", \"date\": \"2023-10-05T09:00:00\"}\n",
            "{\"id\": \"x\"}\n",
            "{\"id\": \"ok\", \"text\": \"Nothing to check here.\"}\n",
        ),
    )
    .unwrap();
    let path = input.display().to_string();

    // One line per record, in order; a bad line is an error record with its line number.
    let out = figcheck(&["--format", "jsonl", &path]);
    assert_eq!(out.status.code(), Some(2), "bad lines make exit code 2");
    let text = stdout(&out).replace(&path, "archive.jsonl");
    let lines = json_lines(&text);
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["id"], "a1");
    assert_eq!(lines[0]["reference_date_source"], "record");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[2]["id"], "2");
    assert_eq!(lines[2]["findings"][0]["rule"], "rate-total-mismatch");
    assert_eq!(lines[3]["line"], 5);
    assert_eq!(lines[4]["findings"].as_array().map(Vec::len), Some(0));
    // Spans are byte offsets into the record's own text.
    let span = &lines[2]["findings"][0]["span"];
    assert_eq!(span["start"], 15);
    insta::assert_snapshot!("jsonl_records", text);

    // Standard input, named as JSONL, gives the same records.
    let piped = figcheck_stdin(
        &["--input-format", "jsonl", "--format", "concise", "-"],
        &std::fs::read(&input).unwrap(),
    );
    assert_eq!(piped.status.code(), Some(2));
    assert_eq!(stdout(&piped).lines().count(), 2, "two findings");
    let errors = String::from_utf8(piped.stderr).unwrap();
    assert!(errors.contains("-:2: not JSON"), "{errors}");
    assert!(
        errors.contains("-:5: record \"x\": no \"text\" string"),
        "{errors}"
    );
}

#[test]
fn html_pages_are_read_with_spans_into_the_original_bytes() {
    let dir = temp_dir("html");
    let page = concat!(
        "<!doctype html><html><head>",
        "<meta property=\"article:published_time\" content=\"2023-10-05T09:00:00+09:00\">",
        "<script>var total = 7800;</script></head><body>",
        "<h1>Release&nbsp;plan</h1>",
        "<p>Japan will let out some <b>7,800&nbsp;tons</b> of treated water through Oct. 23, ",
        "releasing some 460 tons per day.</p>",
        "<pre>1 ton per day for 2 days, 9 tons</pre></body></html>\n",
    );
    std::fs::write(dir.join("story.html"), page).unwrap();
    let path = dir.join("story.html").display().to_string();
    let out = figcheck(&["--format", "json", &path]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let file = &report["files"][0];
    assert_eq!(file["reference_date"], "2023-10-05");
    assert_eq!(file["reference_date_source"], "html");
    let findings = file["findings"].as_array().unwrap();
    assert_eq!(
        findings.len(),
        1,
        "the code in <pre> and <script> is not read"
    );
    assert_eq!(findings[0]["rule"], "rate-total-mismatch");
    // Every label's span slices the original page to the text it names, entity and all.
    let mut total = None;
    for label in findings[0]["labels"].as_array().unwrap() {
        let (start, end) = (
            label["span"]["start"].as_u64().unwrap() as usize,
            label["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&page[start..end], label["text"].as_str().unwrap());
        if label["role"] == "total" {
            total = Some(&page[start..end]);
        }
    }
    assert_eq!(total, Some("some <b>7,800&nbsp;tons"));
}

#[test]
fn a_dateline_dates_the_story_below_metadata_and_records() {
    let story =
        "SEOUL, Oct. 5, 2023 (Yonhap) -- Officials met on Friday, Oct. 5, the ministry said.\n";
    let output = figcheck_stdin(
        &["--format", "json", "--input-format", "text", "-"],
        story.as_bytes(),
    );
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["files"][0]["reference_date"], "2023-10-05");
    assert_eq!(json["files"][0]["reference_date_source"], "dateline");
    assert_eq!(
        json["files"][0]["findings"][0]["rule"],
        "weekday-date-mismatch"
    );
    let output = figcheck_stdin(
        &["extract", "--input-format", "text", "-"],
        story.as_bytes(),
    );
    assert!(stdout(&output).starts_with("-: reference date 2023-10-05 (from the dateline)\n"));

    // A JSONL record's own date comes first; --date overrides both.
    let record = serde_json::json!({"id": "a", "text": story, "date": "2023-10-06"}).to_string();
    let output = figcheck_stdin(
        &["--format", "jsonl", "--input-format", "jsonl", "-"],
        record.as_bytes(),
    );
    let line: Value = serde_json::from_str(stdout(&output).lines().next().unwrap()).unwrap();
    assert_eq!(line["reference_date_source"], "record");
    let output = figcheck_stdin(
        &[
            "--format",
            "json",
            "--input-format",
            "text",
            "--date",
            "2023-10-07",
            "-",
        ],
        story.as_bytes(),
    );
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["files"][0]["reference_date_source"], "settings");

    // Without a year a dateline cannot date the story.
    let output = figcheck_stdin(
        &["--format", "json", "--input-format", "text", "-"],
        b"SEOUL, Oct. 5 (Yonhap) -- Officials met on Friday, Oct. 5.\n",
    );
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["files"][0]["reference_date"], Value::Null);
}

#[test]
fn progress_shows_on_a_terminal_only() {
    let dir = temp_dir("progress");
    for i in 0..25 {
        std::fs::copy("examples/water-release.md", dir.join(format!("d{i:02}.md"))).unwrap();
    }
    // Piped: nothing on standard error.
    let output = figcheck(&["--format", "concise", dir.to_str().unwrap()]);
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // On a terminal (a pseudo-terminal from util-linux `script`): the bar, unless CI is set.
    let binary = env!("CARGO_BIN_EXE_figcheck");
    let on_terminal = |ci: bool| {
        let log = dir.join(if ci { "ci.log" } else { "tty.log" });
        let command = format!(
            "{} {binary} --format concise {} > /dev/null",
            if ci { "env CI=true" } else { "env -u CI" },
            dir.display()
        );
        let status = std::process::Command::new("script")
            .args(["-qec", &command])
            .arg(&log)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("util-linux script runs a pseudo-terminal");
        assert!(status.code() == Some(1), "{status:?}");
        std::fs::read_to_string(&log).unwrap()
    };
    assert!(on_terminal(false).contains("/25 files"));
    assert!(!on_terminal(true).contains("/25 files"));
}

#[test]
fn output_is_byte_identical_for_every_number_of_threads() {
    // More records than one batch, and a folder of files, built from the fixtures.
    let dir = temp_dir("jobs");
    let mut drafts: Vec<String> = Vec::new();
    for entry in std::fs::read_dir("tests/fixtures").unwrap().flatten() {
        for file in std::fs::read_dir(entry.path()).unwrap().flatten() {
            if file.path().extension().is_some_and(|e| e == "md") {
                drafts.push(std::fs::read_to_string(file.path()).unwrap());
            }
        }
    }
    drafts.sort();
    let mut jsonl = String::new();
    for i in 0..700 {
        let text = &drafts[i % drafts.len()];
        let record = serde_json::json!({"id": format!("r{i}"), "text": text, "date": "2024-03-04"});
        jsonl.push_str(&record.to_string());
        jsonl.push('\n');
        if i % 97 == 0 {
            jsonl.push_str("{\"id\": broken\n");
        }
        if i < 60 {
            std::fs::write(dir.join(format!("d{i:02}.md")), text).unwrap();
        }
    }
    std::fs::write(dir.join("archive.jsonl"), &jsonl).unwrap();
    let archive = dir.join("archive.jsonl");
    for format in ["jsonl", "pretty", "json", "sarif"] {
        let run = |jobs: &str, path: &Path| {
            let output = figcheck(&["-j", jobs, "--format", format, path.to_str().unwrap()]);
            (output.status.code(), output.stdout, output.stderr)
        };
        let one = run("1", &archive);
        assert_eq!(one.0, Some(2), "the broken lines are errors");
        assert_eq!(
            one,
            run("2", &archive),
            "{format}: -j 1 and -j 2 differ on JSONL"
        );
        assert_eq!(
            one,
            run("4", &archive),
            "{format}: -j 1 and -j 4 differ on JSONL"
        );
        let files = run("1", &dir);
        assert_eq!(
            files,
            run("2", &dir),
            "{format}: -j 1 and -j 2 differ on files"
        );
    }
}

/// A JSONL stream is reported as it is read: the first batch's lines come out while the input
/// is still open, however many batches the pool checks ahead.
#[test]
fn a_jsonl_stream_is_reported_before_it_ends() {
    use std::io::{BufRead, Write};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args([
            "-j",
            "2",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    for n in 0..300 {
        writeln!(
            input,
            r#"{{"id": "r{n}", "text": "Sales rose 5% to $20 million."}}"#
        )
        .unwrap();
    }
    input.flush().unwrap();
    let output = child.stdout.take().unwrap();
    let (send, first) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufReader::new(output).read_line(&mut line);
        let _ = send.send(line);
    });
    let line = first.recv_timeout(std::time::Duration::from_secs(20));
    drop(input);
    let _ = child.wait();
    assert!(
        line.is_ok_and(|l| l.contains("\"r0\"")),
        "no report line while the input was open"
    );
}

/// `extract` lists a figure a line: one that runs over a line break ("Christmas\nEve" in a
/// draft wrapped by hand) is shown with a space there.
#[test]
fn extract_lists_a_wrapped_figure_on_one_line() {
    let draft = "The sale ends on Christmas\nEve, after 12,000 tons were sold.\n";
    let output = figcheck_stdin(
        &[
            "extract",
            "--date",
            "2024-03-04",
            "--input-format",
            "text",
            "-",
        ],
        draft.as_bytes(),
    );
    assert_eq!(
        stdout(&output),
        "-: reference date 2024-03-04 (from --date)\n\
         -:1:18: date \u{201c}Christmas Eve\u{201d} = 2023-12-24\n\
         -:2:12: quantity \u{201c}12,000 tons\u{201d} = 12000 ton [11500, 12500]\n"
    );
}

/// `extract --format jsonl` writes a line per JSONL record — its `id` and the figures
/// `extract --format json` gives a file — and a line for a record that could not be read;
/// the lines parse, and each record's figures are those of the whole-run JSON.
#[test]
fn extract_jsonl_gives_a_line_per_record() {
    let records = b"{\"id\": \"a\", \"text\": \"Exports rose 5% to $21m from $20m.\", \"date\": \"2024-03-04\"}\n\
                    {\"id\": \"b\", \"text\": \"No figure here.\"}\n\
                    not json\n";
    let args = |format| {
        [
            "extract",
            "--input-format",
            "jsonl",
            "--format",
            format,
            "-",
        ]
    };
    let lines = figcheck_stdin(&args("jsonl"), records);
    assert_eq!(
        lines.status.code(),
        Some(2),
        "a bad record is an input error"
    );
    let lines = json_lines(&stdout(&lines));
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["reference_date"], "2024-03-04");
    assert_eq!(lines[1]["id"], "b");
    assert_eq!(lines[1]["mentions"], serde_json::json!([]));
    assert_eq!(lines[2]["line"], 3);
    let whole: Value =
        serde_json::from_str(&stdout(&figcheck_stdin(&args("json"), records))).expect("JSON");
    assert_eq!(lines[0]["mentions"], whole["files"][0]["mentions"]);
    let texts: Vec<&str> = lines[0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["5%", "$21m", "$20m"]);
}

/// `extract` writes pretty, json or jsonl; any other format is a usage error that says so,
/// not another format's output.
#[test]
fn extract_refuses_a_format_it_does_not_write() {
    for format in ["sarif", "html", "concise", "github", "markdown"] {
        let output = figcheck(&["extract", "--format", format, "examples/water-release.md"]);
        assert_eq!(output.status.code(), Some(2), "{format}");
        assert!(output.stdout.is_empty(), "{format}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "extract writes pretty, json or jsonl, not {format}"
            )),
            "{stderr}"
        );
    }
}

/// `extract --relations` lists every relation linked, checked or not: its rules, the pattern
/// that found it and each figure with its role, in the pretty listing and in JSON alike; the
/// carried unit shows in the bare figure's listing. Without the flag, JSON has no
/// `relations`; `check` has no such flag.
#[test]
fn extract_relations_lists_each_relation_with_its_roles() {
    let draft = "Acme earned 118.3 mln dlrs in the quarter, up from 128.1 mln a year earlier.\n\
                 The squad of 30 has 12 forwards, 11 defenders and 7 midfielders.\n";
    let run = |args: &[&str]| {
        let mut all = vec!["extract", "--date", "2024-03-04", "--input-format", "text"];
        all.extend(args);
        all.push("-");
        figcheck_stdin(&all, draft.as_bytes())
    };
    let pretty = stdout(&run(&["--relations"]));
    assert!(
        pretty.contains(
            "-:1:13: relation change (up-from): to \u{201c}118.3 mln dlrs\u{201d} (1:13), \
             from \u{201c}128.1 mln\u{201d} (1:52)\n"
        ),
        "{pretty}"
    );
    assert!(
        pretty.contains("-:1:52: money \u{201c}128.1 mln\u{201d} = 128100000 $"),
        "{pretty}"
    );
    assert!(
        pretty.contains(
            "-:2:14: relation parts (of-total-has-parts): total \u{201c}30\u{201d} (2:14), \
             part \u{201c}12\u{201d} (2:21), part \u{201c}11\u{201d} (2:34), part \u{201c}7\u{201d} (2:51)\n"
        ),
        "{pretty}"
    );
    let json: Value =
        serde_json::from_str(&stdout(&run(&["--relations", "--format", "json"]))).expect("JSON");
    let file = &json["files"][0];
    let relations = file["relations"].as_array().expect("relations");
    assert_eq!(relations.len(), 2, "{relations:?}");
    assert_eq!(relations[0]["relation"], "change");
    assert_eq!(relations[0]["rules"][0], "change-direction-mismatch");
    assert_eq!(relations[0]["pattern"], "up-from");
    for role in relations
        .iter()
        .flat_map(|r| r["figures"].as_array().unwrap())
    {
        let mention = &file["mentions"][role["mention"].as_u64().unwrap() as usize];
        assert_eq!(mention["text"], role["text"]);
        assert_eq!(mention["span"], role["span"]);
    }
    let roles: Vec<&str> = relations[1]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["total", "part", "part", "part"]);
    let plain: Value = serde_json::from_str(&stdout(&run(&["--format", "json"]))).expect("JSON");
    assert!(plain["files"][0].get("relations").is_none());
    let lines = json_lines(&stdout(&run(&["--relations", "--format", "jsonl"])));
    assert_eq!(lines[0]["relations"], file["relations"]);
    let check = figcheck_stdin(&["--relations", "-"], draft.as_bytes());
    assert_eq!(check.status.code(), Some(2));
}
