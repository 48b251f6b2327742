//! JSONL input: one record a line, `{"id": …, "text": …, "date": "YYYY-MM-DD"}`, from files or
//! standard input, each checked and reported as soon as it is read, so an archive of any size
//! runs in the memory of one record. A line that is not such a record is reported with its
//! line number, and the others are still checked.

use std::io::{self, BufRead, BufReader, Write};
use std::process::ExitCode;

use figcheck::finding::Severity;
use figcheck::ingest::record::Record;
use figcheck::render::{self, Format, PrettyOptions};
use figcheck::{FileReport, Source};

use crate::cli::{CommonArgs, color_output};
use crate::configs::Configs;
use crate::decode_utf8;
use crate::progress;
use indicatif::ProgressBar;

/// Reads every JSONL input in turn and writes each record's report as it goes.
pub fn run(extract: bool, args: &CommonArgs) -> ExitCode {
    let mut out = io::stdout().lock();
    let options = PrettyOptions {
        color: args.format == Format::Pretty && color_output(),
        verbose: args.verbose,
    };
    let threshold = args.fail_on.threshold();
    let (mut errors, mut warnings, mut records) = (0, 0, 0);
    let mut failing = false;
    let mut collected: Vec<FileReport> = Vec::new();
    let mut extracted: Vec<(Source, FileReport)> = Vec::new();
    let mut input_errors = Vec::new();
    let mut configs = Configs::new(args);
    for path in &args.paths {
        let name = path.display().to_string();
        let base = match configs.settings_for(path) {
            Ok((_, settings)) => settings,
            Err(e) => {
                if !e.repeated {
                    report_error(
                        &mut out,
                        args.format,
                        &e.path,
                        None,
                        &e.message,
                        &mut input_errors,
                    );
                }
                continue;
            }
        };
        let mut bar = ProgressBar::hidden();
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(BufReader::new(io::stdin()))
        } else {
            match std::fs::File::open(path) {
                Ok(file) => {
                    let size = file.metadata().map_or(0, |m| m.len());
                    bar = progress::bar(size, progress::Unit::Bytes);
                    Box::new(BufReader::new(file))
                }
                Err(e) => {
                    report_error(
                        &mut out,
                        args.format,
                        &name,
                        None,
                        &e.to_string(),
                        &mut input_errors,
                    );
                    continue;
                }
            }
        };
        for (n, line) in reader.split(b'\n').enumerate() {
            bar.inc(line.as_ref().map_or(0, |l| l.len() as u64 + 1));
            // A read error ends the file: reading on would only repeat it.
            let read_error = line.as_ref().err().map(ToString::to_string);
            let parsed = line
                .map_err(|e| e.to_string())
                .and_then(decode_utf8)
                .and_then(|text| match text.trim() {
                    "" => Ok(None),
                    _ => Record::parse(&text).map(Some),
                });
            let record = match parsed {
                Ok(Some(record)) => record,
                Ok(None) => continue,
                Err(message) => {
                    let line = Some(n + 1);
                    report_error(
                        &mut out,
                        args.format,
                        &name,
                        line,
                        &message,
                        &mut input_errors,
                    );
                    if read_error.is_some() {
                        break;
                    }
                    continue;
                }
            };
            records += 1;
            let mut settings = base.clone();
            settings.record_date = record.date;
            let source = Source::new(record.id.clone(), record.text);
            let mut report = figcheck::check(&source, &settings);
            let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
            errors += count(Severity::Error);
            warnings += count(Severity::Warning);
            failing |= threshold.is_some_and(|t| report.findings.iter().any(|f| f.severity >= t));
            let text = match (extract, args.format) {
                // One JSON document needs every record: they are kept, without their figures
                // when only the findings are wanted.
                (true, Format::Json) | (false, Format::Html) => {
                    extracted.push((source, report));
                    continue;
                }
                (false, Format::Json | Format::Sarif | Format::Markdown) => {
                    report.figures.clear();
                    collected.push(report);
                    continue;
                }
                (true, _) => render::extract_pretty(&source, &report),
                (false, Format::Pretty) => render::check_pretty(&source, &report, options),
                (false, Format::Concise) => render::check_concise(&[&report]),
                (false, Format::Github) => render::check_github(&[&report], &[]),
                (false, Format::Jsonl) => render::check_jsonl_line(Some(&record.id), &report),
            };
            if let Err(code) = bar.suspend(|| write(&mut out, &text)) {
                return code;
            }
        }
        bar.finish_and_clear();
    }
    let closing = match args.format {
        Format::Json if extract => render::extract_json(&extracted, &input_errors),
        Format::Json => render::check_json(&collected.iter().collect::<Vec<_>>(), &input_errors),
        Format::Sarif => render::check_sarif(&collected.iter().collect::<Vec<_>>(), &input_errors),
        Format::Markdown => {
            render::check_markdown(&collected.iter().collect::<Vec<_>>(), &input_errors)
        }
        Format::Html if !extract => render::check_html(&extracted, &input_errors),
        Format::Pretty if !extract => {
            render::summary_line(errors, warnings, records, input_errors.len(), "record")
        }
        _ => String::new(),
    };
    if let Err(code) = write(&mut out, &closing) {
        return code;
    }
    if !input_errors.is_empty() {
        ExitCode::from(2)
    } else if failing && !extract {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A line or file that could not be checked: an error record in JSONL output, a line on
/// standard error otherwise (and kept for a JSON document's `errors`).
fn report_error(
    out: &mut impl Write,
    format: Format,
    path: &str,
    line: Option<usize>,
    message: &str,
    errors: &mut Vec<render::InputError>,
) {
    let place = match line {
        Some(n) => format!("{path}:{n}"),
        None => path.to_string(),
    };
    if format == Format::Jsonl {
        let _ = out.write_all(render::error_jsonl_line(path, line, message).as_bytes());
    } else {
        eprintln!("figcheck: error: {place}: {message}");
    }
    errors.push(render::InputError {
        path: place,
        message: message.to_string(),
    });
}

/// Writes text; a closed pipe ends the run quietly (exit 0), any other failure is an error.
fn write(out: &mut impl Write, text: &str) -> Result<(), ExitCode> {
    match out.write_all(text.as_bytes()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("figcheck: error: writing the report: {e}");
            Err(ExitCode::from(2))
        }
    }
}
