//! The `figcheck` binary: reads files, runs the library, prints reports. Exit codes: 0 when
//! nothing reaches `--fail-on`, 1 when something does, 2 on a usage or input error.

mod cli;
mod jsonl;

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use figcheck::render::{self, Format, InputError, PrettyOptions};
use figcheck::{FileReport, Source};

use cli::{Cli, Command, CommonArgs};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (extract, args) = match cli.command {
        Some(Command::Check(args)) => (false, args),
        Some(Command::Extract(args)) => (true, args),
        Some(Command::Rules) => return print_text(&render::rules_text()),
        Some(Command::Explain { rule }) => match render::explain_text(&rule) {
            Some(text) => return print_text(&text),
            None => {
                let names: Vec<&str> = figcheck::rules::catalog()
                    .iter()
                    .map(|d| d.name.as_str())
                    .collect();
                eprintln!(
                    "figcheck: error: no rule named {rule:?}; the rules are: {}",
                    names.join(", ")
                );
                return ExitCode::from(2);
            }
        },
        None => (false, cli.check),
    };
    if args.paths.is_empty() {
        eprintln!(
            "figcheck: error: no input; name files or folders to check, or - for standard input"
        );
        return ExitCode::from(2);
    }
    if args.jsonl() {
        return jsonl::run(extract, &args);
    }
    let settings = args.settings();
    let (sources, errors) = read_inputs(&args.paths);
    let checked: Vec<(Source, FileReport)> = sources
        .into_iter()
        .map(|source| {
            let report = figcheck::check(&source, &settings);
            (source, report)
        })
        .collect();

    let output = render_output(extract, &args, &checked, &errors);
    for error in &errors {
        eprintln!("figcheck: error: {}: {}", error.path, error.message);
    }
    if let Err(e) = io::stdout().lock().write_all(output.as_bytes())
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("figcheck: error: writing the report: {e}");
        return ExitCode::from(2);
    }
    if !errors.is_empty() {
        return ExitCode::from(2);
    }
    let threshold = args.fail_on.threshold();
    let failing = threshold.is_some_and(|t| {
        !extract
            && checked
                .iter()
                .flat_map(|(_, r)| &r.findings)
                .any(|f| f.severity >= t)
    });
    if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints text to standard output; a closed pipe is not an error.
fn print_text(text: &str) -> ExitCode {
    match io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("figcheck: error: writing: {e}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn render_output(
    extract: bool,
    args: &CommonArgs,
    checked: &[(Source, FileReport)],
    errors: &[InputError],
) -> String {
    let reports: Vec<&FileReport> = checked.iter().map(|(_, r)| r).collect();
    match (extract, args.format) {
        (true, Format::Json) => render::extract_json(checked, errors),
        (true, _) => checked
            .iter()
            .map(|(s, r)| render::extract_pretty(s, r))
            .collect(),
        (false, Format::Json) => render::check_json(&reports, errors),
        (false, Format::Concise) => render::check_concise(&reports),
        (false, Format::Github) => render::check_github(&reports, errors),
        (false, Format::Jsonl) => {
            let mut out: String = reports
                .iter()
                .map(|r| render::check_jsonl_line(None, r))
                .collect();
            for e in errors {
                out.push_str(&render::error_jsonl_line(&e.path, None, &e.message));
            }
            out
        }
        (false, Format::Pretty) => {
            let options = PrettyOptions {
                color: cli::color_output(),
                verbose: args.verbose,
            };
            let mut out: String = checked
                .iter()
                .map(|(s, r)| render::check_pretty(s, r, options))
                .collect();
            out.push_str(&render::summary(&reports, errors.len()));
            out
        }
    }
}

/// Reads every input: files as named, folders recursed in sorted order, `-` as standard input.
/// A file that cannot be read becomes an error; the others are still read.
fn read_inputs(paths: &[PathBuf]) -> (Vec<Source>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            match io::stdin().read_to_end(&mut bytes) {
                Ok(_) => push_decoded("-", bytes, &mut files, &mut errors),
                Err(e) => errors.push(InputError {
                    path: "-".into(),
                    message: e.to_string(),
                }),
            }
        } else if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, &mut errors);
            found.sort();
            for file in found {
                read_file(&file, &mut files, &mut errors);
            }
        } else {
            read_file(path, &mut files, &mut errors);
        }
    }
    (files, errors)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(InputError {
                path: dir.display().to_string(),
                message: e.to_string(),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, found, errors);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "markdown" | "txt" | "html" | "htm")
        ) {
            found.push(path);
        }
    }
}

fn read_file(path: &Path, files: &mut Vec<Source>, errors: &mut Vec<InputError>) {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => push_decoded(&name, bytes, files, errors),
        Err(e) => errors.push(InputError {
            path: name,
            message: e.to_string(),
        }),
    }
}

fn push_decoded(name: &str, bytes: Vec<u8>, files: &mut Vec<Source>, errors: &mut Vec<InputError>) {
    match decode_utf8(bytes) {
        Ok(text) => files.push(Source::new(name, text)),
        Err(message) => errors.push(InputError {
            path: name.to_string(),
            message,
        }),
    }
}

/// Bytes as UTF-8 text, or the error naming the first bad byte's offset.
fn decode_utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}
