//! Reading `../shared/corpora/` at run time, shared by the corpus tests and the examples that
//! measure on the same articles (`#[path]`-included there).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;

/// `../shared`, the research data beside the repository, for a test that reads `what` there.
/// A user's clone has none: the test is then skipped with a line saying so, unless
/// `FIGCHECK_REQUIRE_DATA` is set (as `.ci/run` sets it), when its absence fails the test.
pub fn shared(what: &str) -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if root.join("corpora").is_dir() {
        return Some(root);
    }
    assert!(
        std::env::var_os("FIGCHECK_REQUIRE_DATA").is_none(),
        "{} is missing, and FIGCHECK_REQUIRE_DATA requires it for {what}",
        root.display()
    );
    eprintln!(
        "skipped: {what} reads {}, which is not beside this clone",
        root.display()
    );
    None
}

/// Every record of a corpus's `articles.jsonl`.
pub fn corpus(name: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../shared/corpora/{name}/articles.jsonl"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (../shared must sit beside the repository)",
            path.display()
        )
    });
    text.lines()
        .map(|line| serde_json::from_str(line).expect("corpus lines are JSON"))
        .collect()
}

/// The article's publication date, where the corpus gives one: TempEval's `dct`, Reuters'
/// `date` ("26-FEB-1987 15:01:01.79").
pub fn reference_date(record: &Value) -> Option<jiff::civil::Date> {
    if let Some(dct) = record["dct"].as_str() {
        return dct.parse().ok();
    }
    let date = record["date"].as_str()?.split_whitespace().next()?;
    jiff::fmt::strtime::parse("%d-%b-%Y", date)
        .ok()?
        .to_date()
        .ok()
}
