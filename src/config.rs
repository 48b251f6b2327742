//! `figcheck.toml` (or `.figcheck.toml`): what a newsroom sets once for a folder of drafts
//! (DESIGN §5). [`Options`] is what the file says — every field optional, unknown keys
//! rejected — and [`Options::apply`] turns it into [`Settings`]. Finding the file is the
//! binary's job; this module reads no files.
//!
//! ```toml
//! date = "2024-03-04"                      # reference date when a draft states none
//!
//! [rules]
//! ignore = ["figure-inconsistency"]        # or select = [...] to run only those
//! severity = { count-mismatch = "warning" }
//!
//! [tolerance.rate-total-mismatch]
//! warn-above = "0.10"
//!
//! [currency-rates]
//! "GBP/USD" = "1.27"                       # one GBP buys 1.27 USD
//!
//! [[lexicon.unit]]                         # the fields of rules/units.toml
//! symbol = "bbl"
//! dimension = "volume"
//! factor = "158.987"
//! names = ["barrel", "barrels"]
//! ```

use std::collections::BTreeMap;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::finding::Severity;
use crate::lexicon::{self, Extra};
use crate::rules::{self, RuleSettings};
use crate::settings::Settings;

/// The names a config file may have, in the order they are looked for in each folder.
pub const FILE_NAMES: [&str; 2] = ["figcheck.toml", ".figcheck.toml"];

/// A config file as written.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// The reference date for drafts that state none (front matter, page metadata, a
    /// dateline or a JSONL record's date come first; `--date` overrides everything).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "date"
    )]
    pub date: Option<Date>,
    #[serde(default)]
    pub rules: RuleOptions,
    /// `rule → key → value`, in place of the `[tolerance]` of `rules/<rule>.toml`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tolerance: BTreeMap<String, BTreeMap<String, Decimal>>,
    /// `"FROM/TO" → rate`: one FROM buys `rate` TO. Codes as in `rules/currencies.toml`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub currency_rates: BTreeMap<String, Decimal>,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub lexicon: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleOptions {
    /// Only these rules run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub select: Option<Vec<String>>,
    /// These rules do not run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    /// A rule's severity in place of its own.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, Severity>,
}

impl Options {
    /// Reads a config file's text; the error names the line and the key that is wrong.
    pub fn parse(text: &str) -> Result<Options, String> {
        let options: Options = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| {
                text[..text.floor_char_boundary(s.start)]
                    .matches('\n')
                    .count()
                    + 1
            });
            let message = e.message().trim_end();
            match line {
                Some(line) => format!("line {line}: {message}"),
                None => message.to_string(),
            }
        })?;
        options.rule_settings()?;
        Ok(options)
    }

    /// The rule settings the options make, or what is wrong with them: unknown rules,
    /// tolerances a rule does not have, rates between unknown currencies.
    pub fn rule_settings(&self) -> Result<RuleSettings, String> {
        let known = |rule: &str, key: &str| -> Result<&'static rules::RuleDoc, String> {
            rules::doc(rule).ok_or_else(|| {
                format!(
                    "unknown rule `{rule}` in {key}; the rules are: {}",
                    rules::names()
                )
            })
        };
        let mut settings = RuleSettings::default();
        if let Some(select) = &self.rules.select {
            for rule in select {
                known(rule, "rules.select")?;
            }
            settings.disabled = rules::catalog()
                .iter()
                .map(|d| d.name.clone())
                .filter(|name| !select.contains(name))
                .collect();
        }
        for rule in &self.rules.ignore {
            known(rule, "rules.ignore")?;
            settings.disabled.insert(rule.clone());
        }
        for (rule, severity) in &self.rules.severity {
            known(rule, "rules.severity")?;
            settings.severity.insert(rule.clone(), *severity);
        }
        for (rule, values) in &self.tolerance {
            let doc = known(rule, "tolerance")?;
            for (key, value) in values {
                if !doc.tolerance.contains_key(key) {
                    let keys: Vec<&str> = doc.tolerance.keys().map(String::as_str).collect();
                    return Err(format!(
                        "unknown key `{key}` in tolerance.{rule}; {rule} has {}",
                        if keys.is_empty() {
                            "no tolerances".to_string()
                        } else {
                            keys.join(", ")
                        }
                    ));
                }
                if value.is_sign_negative() {
                    return Err(format!("tolerance.{rule}.{key} must not be negative"));
                }
            }
            settings.tolerance.insert(rule.clone(), values.clone());
        }
        let lex = lexicon::extended(&self.lexicon).map_err(|e| format!("lexicon: {e}"))?;
        for (pair, rate) in &self.currency_rates {
            let Some((from, to)) = pair.split_once('/') else {
                return Err(format!(
                    "currency-rates key `{pair}` is not FROM/TO, such as \"GBP/USD\""
                ));
            };
            for code in [from, to] {
                if !lex.currencies.iter().any(|c| c.code == code) {
                    return Err(format!(
                        "unknown currency `{code}` in currency-rates key `{pair}`"
                    ));
                }
            }
            if *rate <= Decimal::ZERO {
                return Err(format!("currency-rates `{pair}` must be above zero"));
            }
            settings
                .currency_rates
                .insert((from.to_string(), to.to_string()), *rate);
        }
        Ok(settings)
    }

    /// `settings` under these options: the config's date, rules and lexicon. What the command
    /// line set for rules is applied after this, so it wins.
    pub fn apply(&self, settings: &mut Settings) -> Result<(), String> {
        settings.config_date = self.date;
        settings.rules = self.rule_settings()?;
        settings.lexicon =
            Some(lexicon::extended(&self.lexicon).map_err(|e| format!("lexicon: {e}"))?);
        Ok(())
    }

    /// The effective options of `settings`, every rule spelled out: what `figcheck config`
    /// prints. The result is itself a valid config that gives the same settings.
    pub fn effective(settings: &Settings, lexicon: Extra) -> Options {
        let catalog = rules::catalog();
        let rules = &settings.rules;
        Options {
            date: settings.config_date,
            rules: RuleOptions {
                select: Some(
                    catalog
                        .iter()
                        .filter(|d| rules.enabled(&d.name))
                        .map(|d| d.name.clone())
                        .collect(),
                ),
                ignore: Vec::new(),
                severity: catalog
                    .iter()
                    .map(|d| (d.name.clone(), rules.severity(&d.name, d.severity)))
                    .collect(),
            },
            tolerance: catalog
                .iter()
                .filter(|d| !d.tolerance.is_empty())
                .map(|d| {
                    let mut values = d.tolerance.clone();
                    if let Some(set) = rules.tolerance.get(&d.name) {
                        values.extend(set.iter().map(|(k, v)| (k.clone(), *v)));
                    }
                    (d.name.clone(), values)
                })
                .collect(),
            currency_rates: rules
                .currency_rates
                .iter()
                .map(|((from, to), rate)| (format!("{from}/{to}"), *rate))
                .collect(),
            lexicon,
        }
    }
}

/// A date written as a TOML date (`date = 2024-03-04`) or a string (`date = "2024-03-04"`).
fn date<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
    let text = match toml::Value::deserialize(deserializer)? {
        toml::Value::String(text) => text,
        toml::Value::Datetime(datetime) => datetime.to_string(),
        other => {
            return Err(serde::de::Error::custom(format!(
                "expected a date such as 2024-03-04, found a {}",
                other.type_str()
            )));
        }
    };
    text.parse().map(Some).map_err(|_| {
        serde::de::Error::custom(format!(
            "expected a date such as 2024-03-04, found {text:?}"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_named_with_their_line() {
        let error = Options::parse("date = 2024-03-04\n\n[rules]\nignor = [\"count-mismatch\"]\n")
            .unwrap_err();
        assert!(error.starts_with("line 4: "), "{error}");
        assert!(error.contains("ignor"), "{error}");
    }

    #[test]
    fn unknown_rules_and_tolerances_are_rejected() {
        let error = Options::parse("[rules]\nignore = [\"rate-mismatch\"]\n").unwrap_err();
        assert!(
            error.contains("unknown rule `rate-mismatch` in rules.ignore"),
            "{error}"
        );
        let error =
            Options::parse("[tolerance.rate-total-mismatch]\nwarn = \"0.1\"\n").unwrap_err();
        assert!(error.contains("unknown key `warn`"), "{error}");
        assert!(error.contains("warn-above"), "{error}");
        let error = Options::parse("[currency-rates]\n\"GBP-USD\" = \"1.2\"\n").unwrap_err();
        assert!(error.contains("FROM/TO"), "{error}");
        let error = Options::parse("[currency-rates]\n\"GBP/XYZ\" = \"1.2\"\n").unwrap_err();
        assert!(error.contains("unknown currency `XYZ`"), "{error}");
    }

    #[test]
    fn select_ignore_and_severity_make_rule_settings() {
        let options = Options::parse(
            "[rules]\nselect = [\"count-mismatch\", \"impossible-date\"]\nignore = [\"impossible-date\"]\nseverity = { count-mismatch = \"warning\" }\n",
        )
        .unwrap();
        let settings = options.rule_settings().unwrap();
        assert!(settings.enabled("count-mismatch"));
        assert!(!settings.enabled("impossible-date"));
        assert!(!settings.enabled("rate-total-mismatch"));
        assert_eq!(
            settings.severity("count-mismatch", Severity::Error),
            Severity::Warning
        );
    }

    #[test]
    fn the_effective_options_read_back_to_the_same_settings() {
        let options = Options::parse(
            "date = 2024-03-04\n[rules]\nignore = [\"count-mismatch\"]\n[tolerance.share-mismatch]\nwarn-above = \"0.2\"\n[currency-rates]\n\"GBP/USD\" = \"1.27\"\n",
        )
        .unwrap();
        let mut settings = Settings::default();
        options.apply(&mut settings).unwrap();
        let effective = Options::effective(&settings, options.lexicon.clone());
        let text = toml::to_string(&effective).unwrap();
        let mut again = Settings::default();
        Options::parse(&text).unwrap().apply(&mut again).unwrap();
        assert_eq!(
            Options::effective(&again, options.lexicon.clone()),
            effective
        );
        assert!(!again.rules.enabled("count-mismatch"));
        assert_eq!(
            again.rules.rate("USD", "GBP"),
            Decimal::ONE.checked_div(Decimal::new(127, 2))
        );
    }
}
