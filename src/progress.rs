//! A progress bar on standard error for long runs: many files, or JSONL archives. Shown only
//! when standard error is a terminal and `CI` is not set, so pipes, logs and CI stay clean.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Files below this many are checked too fast for a bar to help.
const MIN_FILES: usize = 20;

/// A bar over `len` units (files, or bytes of JSONL input), or a hidden one.
pub fn bar(len: u64, unit: Unit) -> ProgressBar {
    let wanted = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    let long = match unit {
        Unit::Files => len >= MIN_FILES as u64,
        Unit::Bytes => true,
    };
    if !wanted || !long {
        return ProgressBar::hidden();
    }
    let template = match unit {
        Unit::Files => "{bar:30} {pos}/{len} files {elapsed_precise} {wide_msg}",
        Unit::Bytes => "{bar:30} {bytes}/{total_bytes} {elapsed_precise} {wide_msg}",
    };
    let style =
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr()).with_style(style)
}

#[derive(Debug, Clone, Copy)]
pub enum Unit {
    Files,
    Bytes,
}
