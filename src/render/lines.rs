//! One-line formats: `concise` (a line per finding, for terminals and grep) and `github`
//! (GitHub Actions workflow commands, which annotate a pull request's changed lines).

use std::fmt::Write;

use super::InputError;
use crate::finding::FileReport;

/// `path:line:column: severity[rule]: message`, then the notes indented by two spaces.
pub fn check_concise(reports: &[&FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for f in &report.findings {
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                report.path,
                f.span.line,
                f.span.column,
                f.severity.as_str(),
                f.rule,
                f.message
            );
        }
    }
    out
}

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` for each finding and
/// `::error file=…::message` for each input that could not be read. Columns are left out of a
/// span that runs over several lines, which GitHub would otherwise misplace.
pub fn check_github(reports: &[&FileReport], errors: &[InputError]) -> String {
    let mut out = String::new();
    for report in reports {
        for f in &report.findings {
            let command = f.severity.as_str();
            let columns = if f.span.line == f.span.end_line {
                format!(",col={},endColumn={}", f.span.column, f.span.end_column)
            } else {
                String::new()
            };
            let message = std::iter::once(f.message.as_str())
                .chain(f.notes.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join("\n");
            let _ = writeln!(
                out,
                "::{command} file={},line={},endLine={}{columns},title={}::{}",
                property(&report.path),
                f.span.line,
                f.span.end_line,
                property(f.rule),
                data(&message)
            );
        }
    }
    for error in errors {
        let _ = writeln!(
            out,
            "::error file={},title=figcheck::{}",
            property(&error.path),
            data(&error.message)
        );
    }
    out
}

/// A workflow command's message, escaped as GitHub's toolkit does.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value, escaped as GitHub's toolkit does.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_toolkit_does() {
        assert_eq!(data("50%\nmore"), "50%25%0Amore");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
