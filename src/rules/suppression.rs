//! `unused-suppression`, and the suppressions themselves: findings inside the scope of a
//! `<!-- figcheck: ignore … -->` comment are taken out of the report (and listed as skipped,
//! for `--verbose`); a comment that silences nothing is reported.

use super::{RuleSettings, doc};
use crate::finding::{Finding, Locator, Severity, Skipped, Verified};
use crate::ingest::directives::Suppression;

const NAME: &str = "unused-suppression";

/// Takes the suppressed findings out of `findings` into `skipped`, and returns a finding for
/// every comment that silenced nothing and a verified relation for every one that did.
pub fn apply(
    suppressions: &[Suppression],
    findings: &mut Vec<Finding>,
    skipped: &mut Vec<Skipped>,
    settings: &RuleSettings,
    locator: &Locator,
) -> (Vec<Finding>, Vec<Verified>) {
    if suppressions.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut used = vec![false; suppressions.len()];
    findings.retain(|finding| {
        let mut silenced = false;
        for (i, s) in suppressions.iter().enumerate() {
            if s.covers(finding.rule, finding.span.start) {
                used[i] = true;
                if !silenced {
                    let line = locator.position(&s.span).line;
                    skipped.push(Skipped {
                        rule: finding.rule,
                        reason: format!(
                            "suppressed by the figcheck: ignore comment on line {line}: {}",
                            finding.message
                        ),
                        span: finding.span,
                    });
                }
                silenced = true;
            }
        }
        !silenced
    });
    let doc = doc(NAME).expect("unused-suppression is catalogued");
    let (mut unused, mut verified) = (Vec::new(), Vec::new());
    for (s, used) in suppressions.iter().zip(used) {
        let comment = locator.text(&s.span).to_string();
        let span = locator.position(&s.span);
        if used {
            verified.push(Verified {
                rule: NAME,
                message: doc.message("verified", &[("comment", &comment)]),
                span,
                labels: Vec::new(),
            });
            continue;
        }
        // A rule the config turns off finds nothing to silence; that is not the comment's fault.
        if !s.rules.is_empty() && s.rules.iter().all(|r| !settings.enabled(r)) {
            continue;
        }
        let rules = if s.rules.is_empty() {
            "figcheck".to_string()
        } else {
            s.rules.join(" or ")
        };
        let scope = match &s.scope {
            Some(_) => "the block after it",
            None => "the file",
        };
        let mut notes =
            vec![doc.message("nothing", &[("rules", rules.as_str()), ("scope", scope)])];
        notes.extend(
            s.rules
                .iter()
                .filter(|r| super::doc(r).is_none())
                .map(|r| doc.message("unknown", &[("rule", r.as_str())])),
        );
        unused.push(Finding {
            rule: NAME,
            severity: Severity::Warning,
            message: doc.message("title", &[("comment", &comment)]),
            span,
            labels: Vec::new(),
            notes,
        });
    }
    (unused, verified)
}
