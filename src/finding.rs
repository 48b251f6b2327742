//! Findings: what the rules report, with every figure involved and the arithmetic. These types
//! are serialized as they are by the JSON renderer (DESIGN §5).

use std::cell::OnceCell;

use serde::Serialize;

use jiff::civil::Date;

use crate::ingest::DateSource;
use crate::normalize::Figure;
use crate::source::{LineIndex, Offset, Position, Source, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A figure taking part in a finding: its role in the relation ("rate", "period", "total").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub role: String,
    pub text: String,
    pub span: Position,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The figure the finding is about; every figure involved is also in `labels`.
    pub span: Position,
    pub labels: Vec<Label>,
    /// The arithmetic, and what would make the figures consistent.
    pub notes: Vec<String>,
}

/// A relation that was checked and holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verified {
    pub rule: &'static str,
    pub message: String,
    pub span: Position,
    pub labels: Vec<Label>,
}

/// A relation a rule could not check, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub rule: &'static str,
    pub reason: String,
    pub span: Position,
}

/// The result of checking one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    pub reference_date: Option<Date>,
    /// Where the reference date came from.
    pub reference_date_source: Option<DateSource>,
    pub findings: Vec<Finding>,
    pub verified: Vec<Verified>,
    pub skipped: Vec<Skipped>,
    #[serde(skip)]
    pub figures: Vec<Figure>,
    /// Every relation linked among the figures, checked or not (`extract --relations`).
    #[serde(skip)]
    pub claims: Vec<crate::link::Claim>,
    /// The lexicon the figures' unit and currency indices point into.
    #[serde(skip)]
    pub lexicon: &'static crate::lexicon::Lexicon,
}

/// Turns byte spans into positions, building the line index only when first asked.
pub struct Locator<'a> {
    text: &'a str,
    offset: Offset,
    index: OnceCell<LineIndex<'a>>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Locator<'a> {
        Locator::with_offset(text, Offset::default())
    }

    /// The locator of a source: positions into its file, whatever piece of it the text is.
    pub fn for_source(source: &'a Source) -> Locator<'a> {
        Locator::with_offset(&source.text, source.offset)
    }

    fn with_offset(text: &'a str, offset: Offset) -> Locator<'a> {
        Locator {
            text,
            offset,
            index: OnceCell::new(),
        }
    }

    pub fn position(&self, span: &Span) -> Position {
        self.index
            .get_or_init(|| LineIndex::with_offset(self.text, self.offset))
            .position(span)
    }

    pub fn text(&self, span: &Span) -> &'a str {
        &self.text[span.clone()]
    }

    /// A label for a figure: its role, its text as written and where it is.
    pub fn label(&self, role: &str, figure: &Figure) -> Label {
        Label {
            role: role.to_string(),
            text: self.text[figure.mention.span.clone()].to_string(),
            span: self.position(&figure.mention.span),
        }
    }
}
