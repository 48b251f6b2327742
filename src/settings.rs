//! Resolved settings for one check: what the CLI flags (and later a config file) come to.

use jiff::civil::Date;

use crate::ingest::{InputFormat, ReferenceDate};
use crate::lexicon::Lexicon;
use crate::rules::RuleSettings;

#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The reference date (`--date`); overrides a date the document states.
    pub reference_date: Option<Date>,
    /// The input format; `None` picks one from the path.
    pub input_format: Option<InputFormat>,
    /// A date that comes with the text, such as a JSONL record's `date`: used when neither
    /// `reference_date` nor the document gives one.
    pub record_date: Option<Date>,
    /// The config's reference date (`date` in `figcheck.toml`): used when the document and the
    /// record give none.
    pub config_date: Option<Date>,
    /// Rule selection, severities, tolerances and exchange rates.
    pub rules: RuleSettings,
    /// The reference date the first piece of a file read in pieces stated (front matter, page
    /// metadata, a dateline), for the pieces after it.
    pub inherited_date: Option<ReferenceDate>,
    /// The lexicon with a config's extra units and currencies; `None` is the built-in one.
    pub lexicon: Option<&'static Lexicon>,
}
