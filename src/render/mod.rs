//! Render: reports into text, one file per format. Renderers return strings; only `main`
//! writes them out.

mod catalog;
mod html;
mod json;
mod lines;
mod markdown;
mod pretty;
mod sarif;

pub use catalog::{explain_text, rules_text};
pub use html::check_html;
pub use json::{
    MentionView, RelationView, RoleView, check_json, check_jsonl_line, error_jsonl_line,
    extract_json, extract_jsonl_line, mention_views, relation_views,
};
pub use lines::{check_concise, check_github};
pub use markdown::check_markdown;
pub use pretty::{check_pretty, extract_pretty, summary, summary_line};
pub use sarif::check_sarif;

use serde::Serialize;

/// An input that could not be checked: the path and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with the source lines, labels and arithmetic.
    Pretty,
    /// One JSON document (see the README for its fields).
    Json,
    /// One line per finding: `path:line:column: severity[rule]: message`.
    Concise,
    /// GitHub Actions workflow commands, which annotate the lines of a pull request.
    Github,
    /// One JSON object a line, one per file or JSONL record, written as each is checked.
    Jsonl,
    /// SARIF 2.1.0, for code-scanning services; the rules' help is in `tool.driver.rules`.
    Sarif,
    /// A Markdown summary for a pull-request comment.
    Markdown,
    /// One standalone HTML page: the text with every figure highlighted, the findings beside it.
    Html,
}

/// How pretty output looks.
#[derive(Debug, Clone, Copy, Default)]
pub struct PrettyOptions {
    /// ANSI colours.
    pub color: bool,
    /// Also list what was verified and what was skipped.
    pub verbose: bool,
}
