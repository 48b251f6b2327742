//! The `figcheck` binary: reads files, runs the library, prints reports. Exit codes: 0 when
//! nothing reaches `--fail-on`, 1 when something does, 2 on a usage or input error.

mod cli;
mod configs;
mod jsonl;
mod pieces;
mod progress;

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use figcheck::render::{self, Format, InputError, PrettyOptions};
use figcheck::{FileReport, Source};

use cli::{Cli, Command, CommonArgs, ExtractArgs};
use configs::Configs;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (extract, args) = match cli.command {
        Some(Command::Check(args)) => (false, args),
        Some(Command::Extract(ExtractArgs {
            mut common,
            relations,
        })) => {
            common.relations = relations;
            (true, common)
        }
        Some(Command::Config(args)) => return print_config(&args),
        Some(Command::Rules) => return print_text(&render::rules_text()),
        Some(Command::Explain { rule }) => match render::explain_text(&rule) {
            Some(text) => return print_text(&text),
            None => {
                eprintln!(
                    "figcheck: error: no rule named {rule:?}; the rules are: {}",
                    figcheck::rules::names()
                );
                return ExitCode::from(2);
            }
        },
        None => (false, cli.check),
    };
    if extract && !matches!(args.format, Format::Pretty | Format::Json | Format::Jsonl) {
        let name = args
            .format
            .to_possible_value()
            .map(|v| v.get_name().to_string());
        eprintln!(
            "figcheck: error: extract writes pretty, json or jsonl, not {}",
            name.unwrap_or_default()
        );
        return ExitCode::from(2);
    }
    if let Some(message) = args.unknown_rule() {
        eprintln!("figcheck: error: {message}");
        return ExitCode::from(2);
    }
    if args.paths.is_empty() {
        eprintln!(
            "figcheck: error: no input; name files or folders to check, or - for standard input"
        );
        return ExitCode::from(2);
    }
    if args.jsonl() {
        return jsonl::run(extract, &args);
    }
    let mut configs = Configs::new(&args);
    let Inputs {
        sources,
        mut errors,
        notes,
        large,
    } = read_inputs(&args.paths);
    for note in &notes {
        eprintln!("figcheck: note: {note}");
    }
    // Settings first, in order (config files are read once each); then the checks, on
    // `--jobs` threads, collected back in input order.
    let mut jobs: Vec<(Source, figcheck::Settings)> = Vec::new();
    for source in sources {
        match configs.settings_for(Path::new(&source.path)) {
            Ok((_, settings)) => jobs.push((source, settings)),
            Err(e) if !e.repeated => errors.push(InputError {
                path: e.path,
                message: e.message,
            }),
            Err(_) => {}
        }
    }
    let bar = progress::bar(jobs.len() as u64, progress::Unit::Files);
    let check_one = |(source, settings): (Source, figcheck::Settings)| {
        let report = figcheck::check(&source, &settings);
        bar.inc(1);
        (source, report)
    };
    // One file is checked on this thread: starting a pool would cost more than the check of
    // a short article.
    let checked: Vec<(Source, FileReport)> = if jobs.len() < 2 {
        jobs.into_iter().map(check_one).collect()
    } else {
        cli::pool(args.jobs).install(|| {
            use rayon::prelude::*;
            jobs.into_par_iter().map(check_one).collect()
        })
    };

    bar.finish_and_clear();
    let mut pieced = Vec::new();
    for path in &large {
        match check_in_pieces(path, extract, &args, &mut configs) {
            Ok(file) => pieced.push(file),
            Err(e) => errors.push(e),
        }
    }
    let mut reports: Vec<&FileReport> = checked.iter().map(|(_, r)| r).collect();
    reports.extend(pieced.iter().map(|f| &f.report));
    let failing = args.fail_on.threshold().is_some_and(|t| {
        !extract
            && reports
                .iter()
                .flat_map(|r| &r.findings)
                .any(|f| f.severity >= t)
    });
    let output = render_output(extract, &args, &checked, &pieced, &errors);
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

/// `figcheck config`: the effective settings for each path, as a figcheck.toml.
fn print_config(args: &CommonArgs) -> ExitCode {
    if let Some(message) = args.unknown_rule() {
        eprintln!("figcheck: error: {message}");
        return ExitCode::from(2);
    }
    let mut configs = Configs::new(args);
    let here = [PathBuf::from("-")];
    let paths = if args.paths.is_empty() {
        &here[..]
    } else {
        &args.paths[..]
    };
    let mut out = String::new();
    let mut failed = false;
    for path in paths {
        let shown = match path.as_os_str() == "-" {
            true => "the current folder".to_string(),
            false => path.display().to_string(),
        };
        let from = match configs.file_for(path) {
            Some(file) => file.display().to_string(),
            None => "no config file: built-in defaults".to_string(),
        };
        match configs.settings_for(path) {
            Ok((options, settings)) => {
                let effective = figcheck::config::Options::effective(&settings, options.lexicon);
                out.push_str(&format!("# settings for {shown}, from {from}\n"));
                out.push_str(&toml::to_string(&effective).expect("options serialize"));
            }
            Err(e) => {
                eprintln!("figcheck: error: {}: {}", e.path, e.message);
                failed = true;
            }
        }
    }
    let code = print_text(&out);
    if failed { ExitCode::from(2) } else { code }
}

/// A file read and checked in pieces: what the pieces wrote in a streamed format, one report
/// for the whole file (without its figures), and the pieces themselves where a format needs
/// their text (`html`, `extract --format json`).
struct Pieced {
    streamed: String,
    report: FileReport,
    pieces: Vec<(Source, FileReport)>,
}

/// Whether a format renders each file on its own, so that a file read in pieces can be
/// rendered piece by piece.
fn streamed(extract: bool, format: Format) -> bool {
    match (extract, format) {
        (true, Format::Json) => false,
        (true, _) => true,
        (false, format) => matches!(
            format,
            Format::Pretty | Format::Concise | Format::Github | Format::Jsonl
        ),
    }
}

/// One file's report in a streamed format.
fn render_one(extract: bool, args: &CommonArgs, source: &Source, report: &FileReport) -> String {
    let options = PrettyOptions {
        color: cli::color_output(),
        verbose: args.verbose,
    };
    match (extract, args.format) {
        (true, Format::Jsonl) => render::extract_jsonl_line(None, source, report, args.relations),
        (true, _) => render::extract_pretty(source, report, args.relations),
        (false, Format::Concise) => render::check_concise(&[report]),
        (false, Format::Github) => render::check_github(&[report], &[]),
        (false, Format::Jsonl) => render::check_jsonl_line(None, report),
        (false, _) => render::check_pretty(source, report, options),
    }
}

/// Checks a file too large to read whole, piece by piece (see `pieces.rs`): memory holds one
/// piece and what has been found, except for the formats that need every piece's text.
fn check_in_pieces(
    path: &Path,
    extract: bool,
    args: &CommonArgs,
    configs: &mut Configs,
) -> Result<Pieced, InputError> {
    let name = path.display().to_string();
    let failed = |message: String| InputError {
        path: name.clone(),
        message,
    };
    let (_, settings) = configs
        .settings_for(path)
        .map_err(|e| failed(format!("{}: {}", e.path, e.message)))?;
    let file = std::fs::File::open(path).map_err(|e| failed(e.to_string()))?;
    let format = settings
        .input_format
        .unwrap_or_else(|| figcheck::ingest::InputFormat::from_path(&name));
    let mut settings = settings;
    let mut whole: Option<FileReport> = None;
    let mut streamed_text = String::new();
    let mut pieces = Vec::new();
    let keep = !streamed(extract, args.format) && (extract || args.format == Format::Html);
    for piece in pieces::Pieces::new(io::BufReader::new(file), format) {
        let (text, offset) = piece.map_err(|e| failed(e.to_string()))?;
        let source = Source::piece(name.clone(), text, offset);
        let mut report = figcheck::check(&source, &settings);
        if settings.inherited_date.is_none()
            && let (Some(date), Some(source)) =
                (report.reference_date, report.reference_date_source)
        {
            settings.inherited_date = Some(figcheck::ingest::ReferenceDate { date, source });
        }
        if streamed(extract, args.format) {
            streamed_text.push_str(&render_one(extract, args, &source, &report));
        }
        match &mut whole {
            None => {
                let mut first = report.clone();
                first.figures.clear();
                whole = Some(first);
            }
            Some(whole) => {
                whole.findings.extend(report.findings.iter().cloned());
                whole.verified.extend(report.verified.iter().cloned());
                whole.skipped.extend(report.skipped.iter().cloned());
            }
        }
        if keep {
            pieces.push((source, report));
        } else {
            report.figures.clear();
        }
    }
    let report = whole.ok_or_else(|| failed("empty".into()))?;
    Ok(Pieced {
        streamed: streamed_text,
        report,
        pieces,
    })
}

fn render_output(
    extract: bool,
    args: &CommonArgs,
    checked: &[(Source, FileReport)],
    pieced: &[Pieced],
    errors: &[InputError],
) -> String {
    let mut reports: Vec<&FileReport> = checked.iter().map(|(_, r)| r).collect();
    reports.extend(pieced.iter().map(|p| &p.report));
    if streamed(extract, args.format) {
        let mut out: String = checked
            .iter()
            .map(|(s, r)| render_one(extract, args, s, r))
            .collect();
        out.extend(pieced.iter().map(|p| p.streamed.as_str()));
        match (extract, args.format) {
            (false, Format::Pretty) => {
                out.push_str(&render::summary(&reports, errors.len(), "file"))
            }
            (false, Format::Github) => out.push_str(&render::check_github(&[], errors)),
            (_, Format::Jsonl) => {
                for e in errors {
                    out.push_str(&render::error_jsonl_line(&e.path, None, &e.message));
                }
            }
            _ => {}
        }
        return out;
    }
    // Whole-run formats: the pieces of large files after the other files.
    let with_pieces = || -> Vec<(Source, FileReport)> {
        checked
            .iter()
            .cloned()
            .chain(pieced.iter().flat_map(|p| p.pieces.iter().cloned()))
            .collect()
    };
    match (extract, args.format) {
        (true, _) => render::extract_json(&with_pieces(), errors, args.relations),
        (false, Format::Html) => render::check_html(&with_pieces(), errors, "file"),
        (false, Format::Sarif) => render::check_sarif(&reports, errors),
        (false, Format::Markdown) => render::check_markdown(&reports, errors, "file"),
        (false, _) => render::check_json(&reports, errors),
    }
}

/// What reading the inputs gave: the texts, the inputs that could not be read, and notes on
/// those skipped on purpose (binary files).
#[derive(Default)]
struct Inputs {
    sources: Vec<Source>,
    errors: Vec<InputError>,
    notes: Vec<String>,
    /// Files over `pieces::LARGE`, to be read in pieces.
    large: Vec<PathBuf>,
}

/// Reads every input: files as named, folders recursed in sorted order, `-` as standard input.
/// A file that cannot be read becomes an error; the others are still read.
fn read_inputs(paths: &[PathBuf]) -> Inputs {
    let mut inputs = Inputs::default();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            match io::stdin().read_to_end(&mut bytes) {
                Ok(_) => inputs.push("-", bytes),
                Err(e) => inputs.error("-", e.to_string()),
            }
        } else if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, &mut inputs.errors);
            found.sort();
            for file in found {
                inputs.read(&file);
            }
        } else {
            inputs.read(path);
        }
    }
    inputs
}

impl Inputs {
    fn error(&mut self, path: &str, message: String) {
        self.errors.push(InputError {
            path: path.to_string(),
            message,
        });
    }

    /// Reads a file; only a regular file is read, so a FIFO or a device cannot block the run.
    fn read(&mut self, path: &Path) {
        let name = path.display().to_string();
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => {
                return self.error(
                    &name,
                    "not a regular file (a FIFO, socket or device)".into(),
                );
            }
            Err(e) => return self.error(&name, e.to_string()),
            Ok(meta) if meta.len() > pieces::LARGE => {
                let mut head = Vec::new();
                let binary = std::fs::File::open(path)
                    .and_then(|f| f.take(8_000).read_to_end(&mut head))
                    .map(|_| head.iter().position(|&b| b == 0));
                return match binary {
                    Ok(Some(at)) => self.notes.push(format!(
                        "{name}: a binary file (a NUL byte at offset {at}), skipped"
                    )),
                    Ok(None) => self.large.push(path.to_path_buf()),
                    Err(e) => self.error(&name, e.to_string()),
                };
            }
            Ok(_) => {}
        }
        match std::fs::read(path) {
            Ok(bytes) => self.push(&name, bytes),
            Err(e) => self.error(&name, e.to_string()),
        }
    }

    /// Keeps a text; a file with a NUL byte in its first 8,000 bytes is binary, as git judges,
    /// and is skipped with a note.
    fn push(&mut self, name: &str, bytes: Vec<u8>) {
        if let Some(at) = bytes.iter().take(8_000).position(|&b| b == 0) {
            self.notes.push(format!(
                "{name}: a binary file (a NUL byte at offset {at}), skipped"
            ));
            return;
        }
        match decode_utf8(bytes) {
            Ok(text) => self.sources.push(Source::new(name, text)),
            Err(message) => self.error(name, message),
        }
    }
}

/// The files to check in a folder, honouring `.gitignore`, `.ignore` and hidden files as git
/// and ripgrep do (symbolic links are not followed, so a loop of them ends).
fn walk(dir: &Path, found: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .follow_links(false)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file
                    && matches!(
                        path.extension().and_then(|e| e.to_str()),
                        Some("md" | "markdown" | "txt" | "html" | "htm")
                    )
                {
                    found.push(path.to_path_buf());
                }
            }
            Err(e) => errors.push(InputError {
                path: dir.display().to_string(),
                message: e.to_string(),
            }),
        }
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
