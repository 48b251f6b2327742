//! Inputs a careless user or an attacker could hand figcheck. Each must end, within a time
//! limit, in a clean report or a clear one-line error naming the file — never a panic, never a
//! hang — and every other file must still be checked.

#[path = "common/bin.rs"]
mod bin;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use bin::{json_lines, temp_dir};

/// The binary with a time limit: a run that outlives it is killed and fails the test.
fn figcheck_within(limit: Duration, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("figcheck runs");
    let start = Instant::now();
    // Drain the pipes on threads so that a large report cannot block the child.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let stdout = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut buffer).map(|_| buffer)
    });
    let stderr = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut buffer).map(|_| buffer)
    });
    let pid = child.id();
    let status = loop {
        if let Some(kb) = peak_kb(pid) {
            PEAK_KB.with(|p| p.set(p.get().max(kb)));
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("figcheck {args:?} ran past {limit:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().unwrap().unwrap(),
        stderr: stderr.join().unwrap().unwrap(),
    }
}

const LIMIT: Duration = Duration::from_secs(60);

thread_local! {
    /// The highest resident memory seen of the runs on this test's thread, in KB.
    static PEAK_KB: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// A running process's peak resident memory (`VmHWM`), in KB.
fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Checks `files` (name, bytes) one at a time and together with a good file; each must end
/// cleanly or with a one-line error that names it.
fn each_ends_cleanly(dir: &Path, files: &[(&str, Vec<u8>)]) {
    let good = dir.join("good.txt");
    std::fs::write(
        &good,
        "The pump moved 300 litres a minute for two hours, 9,000 litres.\n",
    )
    .unwrap();
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let output = figcheck_within(
            LIMIT,
            &[
                "--date",
                "2023-10-05",
                "--format",
                "json",
                path.to_str().unwrap(),
                good.to_str().unwrap(),
            ],
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(
            matches!(output.status.code(), Some(0..=2)),
            "{name}: {:?}",
            output.status
        );
        for line in stderr.lines() {
            assert!(
                line.contains(name),
                "{name}: an error names the file: {line}"
            );
        }
        // The good file is always checked, and its finding reported.
        let json: serde_json::Value =
            serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
        let good_report = json["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with("good.txt"))
            .unwrap_or_else(|| panic!("{name}: the good file is missing"));
        assert_eq!(
            good_report["findings"][0]["rule"], "rate-total-mismatch",
            "{name}"
        );
    }
}

#[test]
fn odd_text_is_checked_without_panic_or_hang() {
    let dir = temp_dir("hostile-text");
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "long-line.txt",
            "The pump moved 300 litres a minute and 5 tonnes "
                .repeat(110_000)
                .into_bytes(),
        ),
        (
            "many-figures.txt",
            (0..10_000)
                .map(|i| format!("{i} tonnes a day for {} days, ", i % 30 + 1))
                .collect::<String>()
                .into_bytes(),
        ),
        (
            "big-numbers.txt",
            b"It cost 123456789012345678901234567890123456789012345 dollars, 1e400 and 10^100, \
              and 99999999999999999999999999999999 tons a day for 2 days, 5 tons. It rose 1e27% \
              from 0.000000000000000000000000001 to 79228162514264337593543950335."
                .to_vec(),
        ),
        (
            "dates.txt",
            b"On Feb. 30, in the year 99999, on Friday, Feb. 29, 99999, from June 5 to June 5, \
              at 0 tonnes a day for 0 days, 0 tonnes in all; it grew 0% from 0 to 0 and 00% \
              from 40 to 60."
                .to_vec(),
        ),
        (
            "marks.txt",
            "\u{feff}The pump \u{202e}moved 300\u{200f} litres a minute\u{200e} for two \
             hours\u{2066}, 9,000 litres\u{2069}."
                .as_bytes()
                .to_vec(),
        ),
        (
            "bom-front-matter.md",
            "\u{feff}---\ndate: 2023-10-05\n---\n\nIt rose on Friday, Oct. 5.\n"
                .as_bytes()
                .to_vec(),
        ),
        ("nul.txt", b"5 tons\x00 a day for 2 days, 9 tons.".to_vec()),
        (
            "unterminated-fence.md",
            b"Text 5 tons.\n\n```\n300 litres a minute for two hours, 9,000 litres\n".to_vec(),
        ),
        (
            "nested-quotes.md",
            format!(
                "{}300 litres a minute for two hours, 9,000 litres in all.\n",
                "> ".repeat(5_000)
            )
            .into_bytes(),
        ),
        (
            "nested.html",
            format!(
                "{}<p>300 litres a minute for two hours, 9,000 litres in all.</p>{}",
                "<div>".repeat(20_000),
                "</div>".repeat(20_000)
            )
            .into_bytes(),
        ),
        (
            "unclosed.html",
            b"<p>300 litres <!-- a minute <script> for two hours, 9,000 litres &#xFFFFFFFF; &#0; &"
                .to_vec(),
        ),
        ("empty.md", Vec::new()),
        (
            "invalid.txt",
            b"Good text, then \xff\xfe bad bytes.".to_vec(),
        ),
    ];
    each_ends_cleanly(&dir, &files);
}

#[test]
fn invalid_utf8_is_an_error_with_the_byte_offset() {
    let dir = temp_dir("hostile-utf8");
    let path = dir.join("latin1.txt");
    std::fs::write(&path, b"Caf\xe9 sales rose 5%.").unwrap();
    let output = figcheck_within(LIMIT, &[path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("latin1.txt"), "{stderr}");
    assert!(stderr.contains("offset 3"), "{stderr}");
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let dir = temp_dir("hostile-binary");
    let png: Vec<u8> =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR 300 litres a minute for two hours, 9,000 litres".to_vec();
    let path = dir.join("picture.md");
    std::fs::write(&path, &png).unwrap();
    let output = figcheck_within(LIMIT, &["--format", "json", path.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "a skipped file is not an error"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("picture.md") && stderr.contains("binary"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 0);
}

#[test]
fn unreadable_files_links_and_loops_are_reported_and_the_rest_checked() {
    let dir = temp_dir("hostile-fs");
    let good = dir.join("good.md");
    std::fs::write(
        &good,
        "Pumps moved 300 litres a minute for two hours, 9,000 litres.\n",
    )
    .unwrap();
    // A dangling link, a loop of links among folders, a FIFO and an unreadable file.
    std::os::unix::fs::symlink(dir.join("nowhere.md"), dir.join("dangling.md")).unwrap();
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::create_dir_all(dir.join("b")).unwrap();
    std::os::unix::fs::symlink(dir.join("b"), dir.join("a/to-b")).unwrap();
    std::os::unix::fs::symlink(dir.join("a"), dir.join("b/to-a")).unwrap();
    std::fs::write(dir.join("a/inner.md"), "Nothing here.\n").unwrap();
    let fifo = dir.join("pipe.md");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success());
    let unreadable = unreadable_file(&dir);

    // The folder walk: links are not followed, so the loop ends.
    let output = figcheck_within(LIMIT, &["--format", "json", dir.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths.iter().any(|p| p.ends_with("good.md")), "{paths:?}");
    assert!(paths.iter().any(|p| p.ends_with("inner.md")), "{paths:?}");

    // Named on the command line: each bad one is an error naming it; the good one is checked.
    let mut args: Vec<String> = vec!["--format".into(), "json".into()];
    std::os::unix::fs::symlink(dir.join("self.md"), dir.join("self.md")).unwrap();
    let mut bad: Vec<PathBuf> = vec![dir.join("dangling.md"), dir.join("self.md")];
    if made.unwrap_or(false) {
        bad.push(fifo);
    }
    bad.push(unreadable);
    args.extend(bad.iter().map(|p| p.display().to_string()));
    args.push(good.display().to_string());
    // A folder reached through the loop of links is walked once, like any folder.
    args.push(dir.join("a/to-b/to-a/to-b/to-a").display().to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = figcheck_within(LIMIT, &args);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for path in &bad {
        let name = path.display().to_string();
        assert!(
            stderr.lines().any(|l| l.contains(&name)),
            "{name} is named: {stderr}"
        );
    }
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["files"][0]["findings"][0]["rule"],
        "rate-total-mismatch"
    );
    assert!(
        json["files"][1]["path"]
            .as_str()
            .unwrap()
            .ends_with("inner.md")
    );
    assert_eq!(json["errors"].as_array().unwrap().len(), bad.len());
}

/// A file figcheck cannot read: one without permissions, or, where the tests run as root (who
/// reads anything), a kernel file whose reads fail.
fn unreadable_file(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("secret.md");
    std::fs::write(&path, "5 tons.\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_err() {
        path
    } else {
        PathBuf::from("/proc/self/mem")
    }
}

#[test]
fn a_malformed_jsonl_line_is_an_error_record_and_the_rest_are_checked() {
    let dir = temp_dir("hostile-jsonl");
    let path = dir.join("archive.jsonl");
    let mut text = String::new();
    text.push_str(
        "{\"id\": 1, \"text\": \"Pumps moved 300 litres a minute for two hours, 9,000 litres.\"}\n",
    );
    text.push_str("{\"id\": 2, \"text\": \n");
    text.push_str(&format!("{}\n", "[".repeat(100_000)));
    text.push_str("\u{feff}{\"id\": 3, \"text\": \"5 tons\", \"date\": \"99999-01-01\"}\n");
    text.push_str(
        "{\"id\": 4, \"text\": \"Pumps moved 300 litres a minute for two hours, 9,000 litres.\"}\n",
    );
    std::fs::write(&path, text).unwrap();
    let output = figcheck_within(LIMIT, &["--format", "jsonl", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let lines = json_lines(&String::from_utf8_lossy(&output.stdout));
    let ids: Vec<String> = lines
        .iter()
        .filter_map(|l| l["id"].as_str().map(str::to_string))
        .collect();
    assert_eq!(ids, ["1", "4"]);
    let errors: Vec<u64> = lines.iter().filter_map(|l| l["line"].as_u64()).collect();
    assert_eq!(errors, [2, 3, 4]);
}

#[test]
fn a_sentence_of_many_figures_is_capped_and_verbose_says_so() {
    let dir = temp_dir("hostile-cap");
    let path = dir.join("table.txt");
    // One "sentence" of 3,000 rates, periods and totals: linking within it would compare every
    // figure with every other.
    std::fs::write(&path, "5 t a day for 2 days, 9 t, ".repeat(1_000)).unwrap();
    let output = figcheck_within(LIMIT, &["-v", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("figures in one sentence, over the cap of 64"),
        "{text}"
    );
}

#[test]
fn a_200_mb_file_is_read_in_pieces_in_bounded_memory() {
    let dir = temp_dir("hostile-large");
    let path = dir.join("archive.txt");
    let finding = "Pumps moved 300 litres a minute for two hours, 9,000 litres in all.\n\n";
    let filler = format!("The harbour road.{}\n\n", " ".repeat(2_000));
    let count = 200_000_000 / filler.len();
    {
        use std::io::Write;
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        file.write_all(finding.as_bytes()).unwrap();
        for _ in 0..count {
            file.write_all(filler.as_bytes()).unwrap();
        }
        file.write_all(finding.as_bytes()).unwrap();
    }
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 199_000_000);
    PEAK_KB.with(|p| p.set(0));
    let output = figcheck_within(
        Duration::from_secs(300),
        &["--format", "json", path.to_str().unwrap()],
    );
    let peak_mb = PEAK_KB.with(|p| p.get()) / 1_000;
    std::fs::remove_file(&path).unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = json["files"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2, "{findings:?}");
    // Positions are into the whole file, not into a piece.
    assert_eq!(findings[0]["span"]["line"], 1);
    assert_eq!(findings[1]["span"]["line"], 3 + 2 * count as u64);
    assert_eq!(
        findings[1]["span"]["end"].as_u64().unwrap(),
        size - 2 - " in all.".len() as u64
    );
    assert!(peak_mb > 0, "the peak was sampled");
    assert!(
        peak_mb < 100,
        "peak resident memory {peak_mb} MB for a {} MB file",
        size / 1_000_000
    );
}

#[test]
fn marks_and_a_byte_order_mark_do_not_hide_figures() {
    let dir = temp_dir("hostile-marks");
    let marks = dir.join("marks.txt");
    std::fs::write(
        &marks,
        "\u{feff}The pump \u{202e}moved 300\u{200f} litres a minute\u{200e} for two hours, 9,000 litres.",
    )
    .unwrap();
    let bom = dir.join("bom.md");
    std::fs::write(
        &bom,
        "\u{feff}---\ndate: 2023-10-05\n---\n\nIt rose on Friday, Oct. 5.\n",
    )
    .unwrap();
    let output = figcheck_within(
        LIMIT,
        &[
            "--format",
            "json",
            marks.to_str().unwrap(),
            bom.to_str().unwrap(),
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["files"][0]["findings"][0]["rule"],
        "rate-total-mismatch"
    );
    assert_eq!(json["files"][1]["reference_date"], "2023-10-05");
    assert_eq!(
        json["files"][1]["findings"][0]["rule"],
        "weekday-date-mismatch"
    );
}
