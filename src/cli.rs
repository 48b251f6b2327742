//! The command line: raw flags (clap) and the one function that turns them into [`Settings`].

use std::path::PathBuf;

use std::io::IsTerminal;

use clap::{Args, Parser, Subcommand, ValueEnum};
use figcheck::Settings;
use figcheck::finding::Severity;
use figcheck::ingest::InputFormat;
use figcheck::render::Format;

/// Checks that the figures in a piece of prose add up.
#[derive(Debug, Parser)]
#[command(name = "figcheck", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CommonArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files for figures that do not add up (the default command).
    Check(CommonArgs),
    /// List every figure found, normalized: for debugging and snapshots.
    Extract(CommonArgs),
    /// List the rules.
    Rules,
    /// Print a rule's documentation and examples.
    Explain {
        /// The rule's name, such as rate-total-mismatch.
        rule: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

impl FailOn {
    /// The lowest severity that fails the run, if any does.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Never => None,
        }
    }
}

/// Whether pretty output gets colour: on a terminal, unless `NO_COLOR` is set.
pub fn color_output() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Files or folders to check (folders are searched for .md, .markdown, .html, .htm and
    /// .txt files);
    /// `-` reads standard input. `.jsonl` files, or any input with `--input-format jsonl`, are
    /// read as one record a line.
    pub paths: Vec<PathBuf>,
    /// The reference date (publication date), YYYY-MM-DD; overrides a date the file states.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
    /// Input format; `auto` goes by the file extension.
    #[arg(long, value_enum, default_value_t = InputArg::Auto)]
    pub input_format: InputArg,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Also list what was verified and what was skipped, and why.
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputArg {
    Auto,
    Text,
    Markdown,
    Html,
    /// One JSON record a line: `{"id": …, "text": …, "date": "YYYY-MM-DD"}`.
    Jsonl,
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|e| format!("expected a date as YYYY-MM-DD: {e}"))
}

impl CommonArgs {
    pub fn settings(&self) -> Settings {
        Settings {
            reference_date: self.date,
            record_date: None,
            input_format: match self.input_format {
                InputArg::Auto => None,
                InputArg::Text => Some(InputFormat::Text),
                InputArg::Markdown => Some(InputFormat::Markdown),
                InputArg::Html => Some(InputFormat::Html),
                // A record's text is read as plain text.
                InputArg::Jsonl => Some(InputFormat::Text),
            },
        }
    }
}

impl CommonArgs {
    /// Whether the inputs are JSONL records: by `--input-format jsonl`, or every path ending in
    /// `.jsonl` with `--input-format auto`.
    pub fn jsonl(&self) -> bool {
        self.input_format == InputArg::Jsonl
            || (self.input_format == InputArg::Auto
                && !self.paths.is_empty()
                && self
                    .paths
                    .iter()
                    .all(|p| p.extension().is_some_and(|e| e == "jsonl")))
    }
}
