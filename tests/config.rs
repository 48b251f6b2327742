//! Config files (`figcheck.toml`, `.figcheck.toml`) found upward from each checked file,
//! `figcheck config`, rule selection from the command line, and folder walks that honour
//! `.gitignore`.

#[path = "common/bin.rs"]
mod bin;

use std::path::Path;

use bin::{figcheck, figcheck_in, stdout, temp_dir};
use serde_json::Value;

const COUNT: &str = "Three countries: Japan, China, Korea and Vietnam.\n";
const HEDGED_RATE: &str =
    "The pump moved about 300 litres a minute for two hours, about 31,000 litres in all.\n";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `(rule, severity)` of every finding, per file, from `--format json`.
fn findings(output: &std::process::Output) -> Vec<(String, String, String)> {
    let json: Value = serde_json::from_str(&stdout(output)).expect("JSON report");
    let mut found = Vec::new();
    for file in json["files"].as_array().unwrap() {
        let path = file["path"].as_str().unwrap();
        let name = Path::new(path).file_name().unwrap().to_str().unwrap();
        for f in file["findings"].as_array().unwrap() {
            found.push((
                name.to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            ));
        }
    }
    found
}

#[test]
fn the_nearest_config_above_each_file_governs_it() {
    let dir = temp_dir("config-nearest");
    write(
        &dir.join("figcheck.toml"),
        "[rules]\nignore = [\"count-mismatch\"]\n",
    );
    write(&dir.join("top.md"), COUNT);
    // A nearer config replaces the outer one for its folder: here nothing is ignored, but
    // the count is only a warning.
    write(
        &dir.join("desk/.figcheck.toml"),
        "[rules.severity]\ncount-mismatch = \"warning\"\n",
    );
    write(&dir.join("desk/story.md"), COUNT);
    let output = figcheck(&["--format", "json", dir.to_str().unwrap()]);
    assert_eq!(
        findings(&output),
        [(
            "story.md".to_string(),
            "count-mismatch".to_string(),
            "warning".to_string()
        )]
    );
    // The command line wins over the config: --select runs only the named rules.
    let output = figcheck(&[
        "--format",
        "json",
        "--select",
        "count-mismatch",
        dir.join("top.md").to_str().unwrap(),
    ]);
    assert_eq!(findings(&output).len(), 1);
    // --ignore adds to the config's.
    let output = figcheck(&[
        "--format",
        "json",
        "--ignore",
        "count-mismatch",
        dir.join("desk/story.md").to_str().unwrap(),
    ]);
    assert_eq!(findings(&output), []);
    // Standard input is governed by the config of the folder figcheck runs in.
    let output = bin::figcheck_stdin_in(&dir, &["--format", "json", "-"], COUNT.as_bytes());
    assert_eq!(findings(&output), []);
}

#[test]
fn a_bad_config_is_named_with_its_key_and_other_files_are_still_checked() {
    let dir = temp_dir("config-bad");
    write(
        &dir.join("bad/figcheck.toml"),
        "[rules]\nignore = [\"count-mismatch\"]\nseverty = { count-mismatch = \"warning\" }\n",
    );
    write(&dir.join("bad/a.md"), COUNT);
    write(&dir.join("bad/b.md"), COUNT);
    write(&dir.join("good/c.md"), COUNT);
    let output = figcheck(&["--format", "json", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "reported once: {stderr}");
    assert!(stderr.contains("bad/figcheck.toml"), "{stderr}");
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(stderr.contains("severty"), "{stderr}");
    assert_eq!(
        findings(&output),
        [(
            "c.md".to_string(),
            "count-mismatch".to_string(),
            "error".to_string()
        )]
    );

    write(
        &dir.join("bad/figcheck.toml"),
        "[tolerance.count-mismatch]\nslack = \"1\"\n",
    );
    let output = figcheck(&[dir.join("bad/a.md").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown key `slack`"), "{stderr}");

    let output = figcheck(&["--select", "count-mismatches", "x.md"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("\"count-mismatches\""));
}

#[test]
fn tolerances_dates_units_and_rates_come_from_the_config() {
    let dir = temp_dir("config-values");
    write(&dir.join("draft.md"), HEDGED_RATE);
    // 36,000 against about 31,000: the hedges let them meet, 14% apart: a warning.
    let output = figcheck(&["--format", "json", dir.to_str().unwrap()]);
    assert_eq!(findings(&output).len(), 1);
    assert_eq!(findings(&output)[0].2, "warning");
    write(
        &dir.join("figcheck.toml"),
        "[tolerance.rate-total-mismatch]\nwarn-above = \"0.2\"\n",
    );
    let output = figcheck(&["--format", "json", dir.to_str().unwrap()]);
    assert_eq!(findings(&output), []);

    // The config's date is the reference date when the draft has none.
    let dated = temp_dir("config-date");
    write(&dated.join("figcheck.toml"), "date = 2023-10-05\n");
    write(
        &dated.join("draft.txt"),
        "The talks were held on Friday, Oct. 5.\n",
    );
    let output = figcheck(&["--format", "json", dated.to_str().unwrap()]);
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["files"][0]["reference_date"], "2023-10-05");
    assert_eq!(json["files"][0]["reference_date_source"], "config");
    assert_eq!(findings(&output)[0].1, "weekday-date-mismatch");

    // Extra units and exchange rates.
    let extra = temp_dir("config-lexicon");
    write(
        &extra.join("figcheck.toml"),
        concat!(
            "[currency-rates]\n\"GBP/USD\" = \"1.25\"\n\n",
            "[[lexicon.unit]]\nsymbol = \"hhd\"\ndimension = \"volume\"\n",
            "factor = \"238.481\"\nnames = [\"hogshead\", \"hogsheads\"]\n",
        ),
    );
    write(
        &extra.join("draft.md"),
        concat!(
            "The ship spilled 100 hogsheads (23,850 litres) of wine.\n\n",
            "A second spilled 200 hogsheads (2,000 litres).\n\n",
            "The deal was worth £600m (US$750m), and the loan £100m (US$200m).\n",
        ),
    );
    let output = figcheck(&["--format", "json", "-v", extra.to_str().unwrap()]);
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let file = &json["files"][0];
    let rules = |key: &str| -> Vec<String> {
        file[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(rules("verified").len(), 2, "{:?}", rules("verified"));
    let messages = rules("findings");
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("200 hogsheads"), "{messages:?}");
    assert!(messages[1].contains("US$125"), "{messages:?}");
    assert!(
        file["findings"][1]["notes"][1]
            .as_str()
            .unwrap()
            .contains("1.25 USD per GBP")
    );
    // Without a rate the money is not checked, and --verbose says what to add.
    std::fs::remove_file(extra.join("figcheck.toml")).unwrap();
    let output = figcheck_in(&extra, &["-v", "draft.md"]);
    let text = stdout(&output);
    assert!(
        text.contains("add \"GBP/USD\" under [currency-rates]"),
        "{text}"
    );
    assert!(!text.contains("US$125"), "{text}");
}

/// A config's unit is a word of its own lexicon's sentence gate, whatever was checked before:
/// "an eon" has no digit and no number word, so only the gate's unit names let its sentence
/// be read, and a file under the built-in lexicon checked first must not decide that.
#[test]
fn a_configs_units_open_the_gate_whatever_was_checked_before() {
    let root = temp_dir("config-gate");
    write(&root.join("a/plain.txt"), "The crew rested.\n");
    write(
        &root.join("b/figcheck.toml"),
        "[[lexicon.unit]]\nsymbol = \"eon\"\ndimension = \"time\"\nfactor = \"604800\"\nnames = [\"eon\", \"eons\"]\n",
    );
    write(&root.join("b/eon.txt"), "The crew rests an eon.\n");
    for jobs in ["1", "2"] {
        let output = figcheck_in(
            &root,
            &[
                "extract",
                "--format",
                "json",
                "-j",
                jobs,
                "a/plain.txt",
                "b/eon.txt",
            ],
        );
        let json: Value = serde_json::from_str(&stdout(&output)).expect("JSON report");
        let texts: Vec<&str> = json["files"][1]["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts, ["an eon"], "-j {jobs}");
    }
}

#[test]
fn config_prints_the_effective_settings_as_a_config() {
    let dir = temp_dir("config-print");
    write(
        &dir.join(".figcheck.toml"),
        "date = 2024-03-04\n[rules]\nignore = [\"figure-inconsistency\"]\n[tolerance.share-mismatch]\nwarn-above = \"0.1\"\n",
    );
    write(&dir.join("a.md"), "Nothing.\n");
    let output = figcheck_in(&dir, &["config", "a.md"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("# settings for a.md, from "), "{text}");
    assert!(
        text.lines().next().unwrap().ends_with(".figcheck.toml"),
        "{text}"
    );
    let printed: toml::Table = toml::from_str(&text).expect("the output is TOML");
    assert_eq!(printed["date"].as_str(), Some("2024-03-04"));
    let selected = printed["rules"]["select"].as_array().unwrap();
    assert_eq!(selected.len(), 14);
    assert!(
        !selected
            .iter()
            .any(|r| r.as_str() == Some("figure-inconsistency"))
    );
    assert_eq!(
        printed["tolerance"]["share-mismatch"]["warn-above"].as_str(),
        Some("0.1")
    );
    assert_eq!(
        printed["rules"]["severity"]["rate-total-mismatch"].as_str(),
        Some("error")
    );
    // The printed settings, used as a config, give the same settings.
    write(&dir.join("again/figcheck.toml"), &text);
    write(&dir.join("again/a.md"), "Nothing.\n");
    let again = stdout(&figcheck_in(&dir, &["config", "again/a.md"]));
    assert_eq!(
        again.lines().skip(1).collect::<Vec<_>>(),
        text.lines().skip(1).collect::<Vec<_>>()
    );
}

#[test]
fn folders_are_walked_honouring_gitignore_and_hidden_files() {
    let dir = temp_dir("walk-gitignore");
    write(&dir.join(".gitignore"), "drafts-old/\n*.draft.md\n");
    write(&dir.join("kept.md"), COUNT);
    write(&dir.join("drafts-old/old.md"), COUNT);
    write(&dir.join("scratch.draft.md"), COUNT);
    write(&dir.join(".hidden/notes.md"), COUNT);
    write(&dir.join("sub/.gitignore"), "skip.txt\n");
    write(&dir.join("sub/skip.txt"), COUNT);
    write(&dir.join("sub/keep.txt"), COUNT);
    let output = figcheck(&["--format", "json", dir.to_str().unwrap()]);
    let names: Vec<String> = findings(&output).into_iter().map(|f| f.0).collect();
    assert_eq!(names, ["kept.md", "keep.txt"]);
    // A file named on the command line is checked even when ignored.
    let output = figcheck(&[
        "--format",
        "json",
        dir.join("drafts-old/old.md").to_str().unwrap(),
    ]);
    assert_eq!(findings(&output).len(), 1);
}

#[test]
fn the_readme_config_example_is_a_valid_config() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme
        .find("### Configuration")
        .expect("a configuration section")..];
    let start = section.find("```toml\n").expect("a TOML example") + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let options = figcheck::config::Options::parse(example).expect("the example parses");
    let mut settings = figcheck::Settings::default();
    options.apply(&mut settings).unwrap();
    assert!(!settings.rules.enabled("figure-inconsistency"));
    assert_eq!(options.lexicon.unit.len(), 1);
    assert_eq!(options.lexicon.currency.len(), 1);
}
