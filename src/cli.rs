//! The command line: raw flags (clap) and the one function that turns them into [`Settings`].

use std::path::PathBuf;

use std::io::IsTerminal;

use clap::{Args, Parser, Subcommand, ValueEnum};
use figcheck::Settings;
use figcheck::finding::Severity;
use figcheck::ingest::InputFormat;
use figcheck::render::Format;
use figcheck::rules::{self, RuleSettings};

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
    Extract(ExtractArgs),
    /// Print the effective settings for each path (the current folder when none is named):
    /// which config file governs it and every rule's selection, severity and tolerances, as a
    /// figcheck.toml that would give the same settings.
    Config(CommonArgs),
    /// List the rules.
    Rules,
    /// Print a rule's documentation and examples.
    Explain {
        /// The rule's name, such as rate-total-mismatch.
        rule: String,
    },
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Also list every relation linked between the figures: the rules that check it, the
    /// pattern that found it, and each figure with its role.
    #[arg(long)]
    pub relations: bool,
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

/// A thread pool of `jobs` threads, or one per core.
pub fn pool(jobs: Option<u16>) -> rayon::ThreadPool {
    let threads = jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .or_else(|_| rayon::ThreadPoolBuilder::new().num_threads(1).build())
        .expect("a thread pool of one thread")
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
    /// Output format (`extract` writes pretty, json or jsonl).
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
    /// Threads to check files and records on (default: one per core). Output is the same
    /// for every number.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Use this config file for every input instead of the figcheck.toml or .figcheck.toml
    /// found upward from each file.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Run only these rules (comma-separated or repeated); overrides the config's selection.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules (comma-separated or repeated), in addition to the config's.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// `extract --relations`: list the relations linked as well as the figures.
    #[arg(skip)]
    pub relations: bool,
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
            config_date: None,
            inherited_date: None,
            rules: RuleSettings::default(),
            lexicon: None,
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
    /// The first rule named by `--select` or `--ignore` that does not exist, as an error.
    pub fn unknown_rule(&self) -> Option<String> {
        let unknown = self
            .select
            .iter()
            .chain(&self.ignore)
            .find(|rule| rules::doc(rule).is_none())?;
        Some(format!(
            "no rule named {unknown:?}; the rules are: {}",
            rules::names()
        ))
    }

    /// `--select` and `--ignore` over a config's rule selection.
    pub fn overlay_rules(&self, settings: &mut RuleSettings) {
        if !self.select.is_empty() {
            settings.disabled = rules::catalog()
                .iter()
                .map(|d| d.name.clone())
                .filter(|name| !self.select.contains(name))
                .collect();
        }
        settings.disabled.extend(self.ignore.iter().cloned());
    }

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
