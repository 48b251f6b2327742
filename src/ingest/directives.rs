//! Suppression comments in Markdown and HTML (DESIGN §5):
//!
//! - `<!-- figcheck: ignore RULE [RULE ...] -->` silences those rules (every rule when none is
//!   named) in the block of prose that follows the comment;
//! - `<!-- figcheck: ignore-file [RULE ...] -->` silences them in the whole file.
//!
//! Rules may be separated by spaces or commas. Only real comments count: the same words in a
//! code block or in prose are text.

use std::sync::OnceLock;

use regex::Regex;

use crate::source::Span;

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The comment itself.
    pub span: Span,
    /// The rules it names; empty for every rule.
    pub rules: Vec<String>,
    /// What it covers: the next block of prose, or `None` for the whole file.
    pub scope: Option<Span>,
}

impl Suppression {
    /// Whether a finding of `rule` starting at byte `at` is silenced by this comment.
    pub fn covers(&self, rule: &str, at: usize) -> bool {
        let in_scope = self.scope.as_ref().is_none_or(|s| s.contains(&at));
        in_scope && (self.rules.is_empty() || self.rules.iter().any(|r| r == rule))
    }
}

/// The suppressions among `comments` (spans of markup in `text`), each scoped to the first
/// of `blocks` that starts after it.
pub fn suppressions(text: &str, comments: &[Span], blocks: &[Span]) -> Vec<Suppression> {
    static DIRECTIVE: OnceLock<Regex> = OnceLock::new();
    let directive = DIRECTIVE.get_or_init(|| {
        Regex::new(r"<!--\s*figcheck:\s*(ignore-file|ignore)\b([^>]*?)\s*-->")
            .expect("valid directive pattern")
    });
    let mut found = Vec::new();
    for comment in comments {
        let Some(markup) = text.get(comment.clone()) else {
            continue;
        };
        for caps in directive.captures_iter(markup) {
            let whole = caps.get(0).expect("match");
            let span = comment.start + whole.start()..comment.start + whole.end();
            let rules = caps[2]
                .split([' ', ',', '\t', '\n'])
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect();
            let scope = match &caps[1] {
                "ignore-file" => None,
                _ => Some(
                    blocks
                        .iter()
                        .find(|b| b.start >= span.end)
                        .cloned()
                        .unwrap_or(span.end..span.end),
                ),
            };
            found.push(Suppression { span, rules, scope });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_covers_the_next_block_or_the_file() {
        let text = "<!-- figcheck: ignore count-mismatch, share-mismatch -->\n\nBlock one.\n\nBlock two.\n<!--figcheck: ignore-file-->\n";
        let comment_one = 0..56;
        let comment_two = text.find("<!--figcheck").unwrap()..text.len() - 1;
        let blocks = vec![58..68, 70..80];
        let found = suppressions(text, &[comment_one, comment_two], &blocks);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].rules, ["count-mismatch", "share-mismatch"]);
        assert_eq!(found[0].scope, Some(58..68));
        assert!(found[0].covers("count-mismatch", 60));
        assert!(!found[0].covers("count-mismatch", 72));
        assert!(!found[0].covers("rate-total-mismatch", 60));
        assert!(found[1].rules.is_empty());
        assert_eq!(found[1].scope, None);
        assert!(found[1].covers("rate-total-mismatch", 0));
    }

    #[test]
    fn other_comments_are_not_directives() {
        let text = "<!-- figcheck is great --><!-- ignore count-mismatch -->";
        let comments: Vec<Span> = std::iter::once(0..text.len()).collect();
        assert!(suppressions(text, &comments, &[]).is_empty());
    }
}
