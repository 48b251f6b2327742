//! Running the real binary from tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary run from the repository's root.
pub fn figcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("figcheck runs")
}

/// The binary with `input` on its standard input.
pub fn figcheck_stdin(args: &[&str], input: &[u8]) -> Output {
    figcheck_stdin_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, input)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// Output of `--format jsonl`, each line parsed as JSON.
pub fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// The binary run in `dir`.
pub fn figcheck_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("figcheck runs")
}

/// A fresh, empty folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("figcheck-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The binary run in `dir` with `input` on its standard input.
pub fn figcheck_stdin_in(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("figcheck runs");
    // A usage error exits before reading its input: the pipe is then closed, which is no fault.
    if let Err(e) = child.stdin.take().unwrap().write_all(input) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().expect("figcheck finishes")
}
