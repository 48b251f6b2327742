//! figcheck driven by the real clients its users run: pre-commit (the repository's
//! `.pre-commit-hooks.yaml`, installed into a temporary git repository), a SARIF 2.1.0 schema
//! validator (python-jsonschema with the OASIS schema) and headless Chromium (Selenium over
//! chromedriver) reading the HTML report.
//!
//! `.ci/setup-integrations` installs the tools into `target/integration/`; `.ci/run` calls it.
//! Under CI (`CI` set) a missing tool fails these tests; elsewhere they say what to run and
//! pass without checking anything.

#[path = "common/bin.rs"]
mod bin;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bin::{figcheck, temp_dir};
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `target/integration`, when `.ci/setup-integrations` has filled it.
fn tools() -> Option<PathBuf> {
    let dir = repo().join("target/integration");
    let ready = dir.join("venv/bin/python").exists()
        && dir.join("sarif-schema-2.1.0.json").exists()
        && Path::new("/usr/bin/chromedriver").exists();
    if ready {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "integration tools are missing under CI: .ci/setup-integrations must run first"
    );
    eprintln!("integration tools not installed: run .ci/setup-integrations to run this test");
    None
}

fn run(command: &mut Command) -> Output {
    let output = command.output().expect("the tool runs");
    if !output.status.success() {
        eprintln!(
            "{:?} exited {:?}\n{}\n{}",
            command,
            output.status.code(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    output
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

#[test]
fn pre_commit_hook_fails_a_commit_whose_draft_does_not_add_up() {
    let Some(tools) = tools() else { return };
    let head = run(Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(repo()));
    assert!(head.status.success(), "the repository has a commit");
    let rev = String::from_utf8(head.stdout).unwrap().trim().to_string();
    let dir = temp_dir("pre-commit");
    let git = |args: &[&str]| {
        run(Command::new("git")
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
            .args(args)
            .current_dir(&dir)
            .env("PATH", path_with(&tools)))
    };
    assert!(git(&["init", "-q"]).status.success());
    std::fs::write(
        dir.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: figcheck\n",
            repo().display()
        ),
    )
    .unwrap();
    assert!(git(&["add", ".pre-commit-config.yaml"]).status.success());
    let install = run(Command::new(tools.join("venv/bin/pre-commit"))
        .arg("install")
        .current_dir(&dir)
        .env("PRE_COMMIT_HOME", tools.join("pre-commit-home")));
    assert!(install.status.success(), "{}", text(&install));

    std::fs::write(
        dir.join("good.md"),
        "The pump moved 300 litres a minute for two hours, 36,000 litres in all.\n",
    )
    .unwrap();
    assert!(git(&["add", "good.md"]).status.success());
    let commit = git_commit(&dir, &tools, "a draft that adds up");
    assert!(commit.status.success(), "{}", text(&commit));
    assert!(text(&commit).contains("figcheck"), "{}", text(&commit));

    std::fs::write(
        dir.join("bad.md"),
        "The pump moved 300 litres a minute for two hours, 9,000 litres in all.\n",
    )
    .unwrap();
    assert!(git(&["add", "bad.md"]).status.success());
    let commit = git_commit(&dir, &tools, "a draft that does not");
    assert!(!commit.status.success(), "the hook fails the commit");
    let said = text(&commit);
    assert!(said.contains("rate-total-mismatch"), "{said}");
    assert!(said.contains("36,000 litres"), "{said}");
    let log = git(&["log", "--oneline"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout).lines().count(), 1);
}

/// `git commit`, with pre-commit's cache and the hook's cargo build kept under
/// `target/integration` so that a second run reuses them.
fn git_commit(dir: &Path, tools: &Path, message: &str) -> Output {
    run(Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(["commit", "-q", "-m", message])
        .current_dir(dir)
        .env("PATH", path_with(tools))
        .env("PRE_COMMIT_HOME", tools.join("pre-commit-home"))
        .env("CARGO_TARGET_DIR", tools.join("hook-target")))
}

/// `PATH` with the virtual environment first, as the hook script pre-commit installs needs.
fn path_with(tools: &Path) -> String {
    format!(
        "{}:{}",
        tools.join("venv/bin").display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[test]
fn sarif_output_is_valid_against_the_sarif_2_1_0_schema() {
    let Some(tools) = tools() else { return };
    let dir = temp_dir("sarif-schema");
    let mut logs = Vec::new();
    for (name, args) in [
        (
            "findings.sarif",
            vec!["tests/inputs/draft.md", "tests/inputs/draft.html"],
        ),
        (
            "clean.sarif",
            vec!["examples/water-release.md", "--select", "count-mismatch"],
        ),
        (
            "unreadable.sarif",
            vec!["tests/inputs/draft.txt", "tests/inputs/missing.md"],
        ),
    ] {
        let mut all = vec!["--format", "sarif"];
        all.extend(args);
        let output = figcheck(&all);
        let path = dir.join(name);
        std::fs::write(&path, &output.stdout).unwrap();
        let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(sarif["version"], "2.1.0");
        logs.push(path);
    }
    let validate = |paths: &[PathBuf]| {
        run(Command::new(tools.join("venv/bin/python"))
            .arg(repo().join("tests/integration/validate_sarif.py"))
            .arg(tools.join("sarif-schema-2.1.0.json"))
            .args(paths))
    };
    let output = validate(&logs);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(text(&output).matches("valid SARIF 2.1.0").count(), 3);

    // The validator does reject what the schema forbids.
    let mut broken: Value = serde_json::from_slice(&std::fs::read(&logs[0]).unwrap()).unwrap();
    broken["runs"][0]["results"][0]["level"] = "severe".into();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    let path = dir.join("broken.sarif");
    std::fs::write(&path, serde_json::to_vec(&broken).unwrap()).unwrap();
    let output = validate(&[path]);
    assert!(!output.status.success());
    assert!(
        text(&output).contains("'severe' is not one of"),
        "{}",
        text(&output)
    );
}

#[test]
fn html_report_renders_in_chromium_with_figures_and_findings() {
    let Some(tools) = tools() else { return };
    let artifacts = tools.join("artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let report = artifacts.join("html-report.html");
    let output = figcheck(&[
        "--format",
        "html",
        "tests/inputs/draft.md",
        "examples/water-release.md",
    ]);
    assert_eq!(output.status.code(), Some(1));
    std::fs::write(&report, &output.stdout).unwrap();
    let screenshot = artifacts.join("html-report.png");
    let _ = std::fs::remove_file(&screenshot);
    let browser = run(Command::new(tools.join("venv/bin/python"))
        .arg(repo().join("tests/integration/browser.py"))
        .arg(&report)
        .arg(&screenshot));
    assert!(browser.status.success(), "{}", text(&browser));
    let page: Value = serde_json::from_slice(&browser.stdout).expect("the script prints JSON");
    assert_eq!(page["title"], "figcheck report");
    assert!(page["marks"].as_u64().unwrap() >= 25, "{page}");
    let flagged: Vec<&str> = page["flagged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for figure in [
        "some 7,800 tons",
        "350 feet",
        "20%",
        "about 12,000 cubic metres",
    ] {
        assert!(flagged.contains(&figure), "{figure} in {flagged:?}");
    }
    assert!(page["verified"].as_u64().unwrap() >= 4, "{page}");
    assert_ne!(page["flagged_background"], page["plain_background"]);
    assert!(
        page["hover"].as_str().unwrap().contains("interval"),
        "{page}"
    );
    let findings = page["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 5, "{page}");
    assert!(
        findings[0].as_str().unwrap().contains("8,740 tons"),
        "{page}"
    );
    assert_eq!(page["visible"], true);
    let png = std::fs::read(&screenshot).expect("a screenshot was saved");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    eprintln!("screenshot: {}", screenshot.display());
}
