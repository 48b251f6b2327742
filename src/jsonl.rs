//! JSONL input: one record a line, `{"id": …, "text": …, "date": "YYYY-MM-DD"}`, from files or
//! standard input, each checked and reported as soon as it is read, so an archive of any size
//! runs in the memory of one record. A line that is not such a record is reported with its
//! line number, and the others are still checked.

use std::io::{self, BufRead, BufReader, Write};
use std::process::ExitCode;
use std::sync::mpsc::SyncSender;

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
    let pool = crate::cli::pool(args.jobs);
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
        let reader: Box<dyn BufRead + Send> = if path.as_os_str() == "-" {
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
        // A reader thread splits the input into batches of lines; the pool checks up to two
        // batches a thread ahead of the one being written, so no thread waits for the last
        // record of a batch. The batches are written in input order.
        let (batches, received) = std::sync::mpsc::sync_channel::<Batch>(2);
        let reading = bar.clone();
        let mut stopped = None;
        let ahead = 2 * pool.current_num_threads();
        let base = &base;
        std::thread::scope(|scope| {
            scope.spawn(move || read_batches(reader, &reading, &batches));
            pool.in_place_scope(|jobs| {
                // Dropping the receiver, when writing fails, stops the reader.
                let received = received;
                let mut pending = std::collections::VecDeque::new();
                loop {
                    // Wait for the reader only when nothing is being checked: a finished batch
                    // is written without waiting for the input to go on (a slow stream).
                    while pending.len() < ahead
                        && let Some(batch) = if pending.is_empty() {
                            received.recv().ok()
                        } else {
                            received.try_recv().ok()
                        }
                    {
                        let (send, done) = std::sync::mpsc::sync_channel(1);
                        jobs.spawn(move |_| {
                            // The writer may have stopped: then the result is not wanted.
                            let _ = send.send(check_batch(
                                batch,
                                base,
                                (extract, args.relations),
                                args.format,
                                options,
                            ));
                        });
                        pending.push_back(done);
                    }
                    let Some(done) = pending.pop_front() else {
                        return;
                    };
                    let done = done.recv().expect("a spawned batch sends its result");
                    for (n, done) in done {
                        let done = match done {
                            Ok(Some(done)) => done,
                            Ok(None) => continue,
                            Err(message) => {
                                report_error(
                                    &mut out,
                                    args.format,
                                    &name,
                                    Some(n),
                                    &message,
                                    &mut input_errors,
                                );
                                continue;
                            }
                        };
                        records += 1;
                        errors += done.errors;
                        warnings += done.warnings;
                        failing |= threshold.is_some_and(|t| done.worst.is_some_and(|w| w >= t));
                        match done.output {
                            Output::Text(text) => {
                                if let Err(code) = bar.suspend(|| write(&mut out, &text)) {
                                    stopped = Some(code);
                                    return;
                                }
                            }
                            Output::Whole(source, report) => extracted.push((source, report)),
                            Output::Report(report) => collected.push(report),
                        }
                    }
                }
            });
        });
        if let Some(code) = stopped {
            return code;
        }
        bar.finish_and_clear();
    }
    let closing = match args.format {
        Format::Json if extract => render::extract_json(&extracted, &input_errors, args.relations),
        Format::Json => render::check_json(&collected.iter().collect::<Vec<_>>(), &input_errors),
        Format::Sarif => render::check_sarif(&collected.iter().collect::<Vec<_>>(), &input_errors),
        Format::Markdown => render::check_markdown(
            &collected.iter().collect::<Vec<_>>(),
            &input_errors,
            "record",
        ),
        Format::Html if !extract => render::check_html(&extracted, &input_errors, "record"),
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

/// Lines read, each with its line number: its bytes, or the read error that ended the file.
/// Empty lines are left out; parsing is the workers' job.
type Batch = Vec<(usize, Result<Vec<u8>, String>)>;

/// Reads `reader` line by line into batches and sends them on; a read error ends the file,
/// since reading on would only repeat it. Stops when the receiver is gone.
fn read_batches(reader: Box<dyn BufRead + Send>, bar: &ProgressBar, batches: &SyncSender<Batch>) {
    let mut lines = reader.split(b'\n').enumerate();
    loop {
        let mut batch: Batch = Vec::new();
        let mut bytes = 0;
        let mut ended = false;
        while batch.len() < BATCH_RECORDS && bytes < BATCH_BYTES {
            let Some((n, line)) = lines.next() else {
                ended = true;
                break;
            };
            bar.inc(line.as_ref().map_or(0, |l| l.len() as u64 + 1));
            match line {
                Ok(line) if line.trim_ascii().is_empty() => continue,
                Ok(line) => {
                    bytes += line.len();
                    batch.push((n + 1, Ok(line)));
                }
                Err(e) => {
                    batch.push((n + 1, Err(e.to_string())));
                    ended = true;
                    break;
                }
            }
        }
        if (!batch.is_empty() && batches.send(batch).is_err()) || ended {
            return;
        }
    }
}

/// A batch's lines parsed and checked on the pool, in input order: each with its line number.
fn check_batch(
    batch: Batch,
    base: &figcheck::Settings,
    // Whether the run is `extract`, and whether with `--relations`.
    extract: (bool, bool),
    format: Format,
    options: PrettyOptions,
) -> Vec<(usize, Result<Option<Done>, String>)> {
    use rayon::prelude::*;
    batch
        .into_par_iter()
        .map(|(n, line)| {
            let done = parse(line)
                .map(|record| record.map(|record| checked(record, base, extract, format, options)));
            (n, done)
        })
        .collect()
}

/// A line as a record (none for a line of white space), or what is wrong with it.
fn parse(line: Result<Vec<u8>, String>) -> Result<Option<Record>, String> {
    let text = decode_utf8(line?)?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    Record::parse(&text).map(Some)
}

/// Records read before they are checked together: a batch bounds the memory a run needs
/// whatever the size of the input.
const BATCH_RECORDS: usize = 256;
const BATCH_BYTES: usize = 4 << 20;

/// One record checked: its counts and what is written for it.
struct Done {
    errors: usize,
    warnings: usize,
    worst: Option<Severity>,
    output: Output,
}

enum Output {
    /// Written now, in input order.
    Text(String),
    /// Kept with its source for a report of the whole run (`extract --format json`, `html`).
    Whole(Source, FileReport),
    /// Kept, without its figures, for a report of the whole run (`json`, `sarif`, `markdown`).
    Report(FileReport),
}

/// Checks one record under `base` settings and renders it in a streamed format, or keeps what
/// a whole-run format needs.
fn checked(
    record: Record,
    base: &figcheck::Settings,
    (extract, relations): (bool, bool),
    format: Format,
    options: PrettyOptions,
) -> Done {
    let mut settings = base.clone();
    settings.record_date = record.date;
    let source = Source::new(record.id.clone(), record.text);
    let mut report = figcheck::check(&source, &settings);
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let worst = report.findings.iter().map(|f| f.severity).max();
    let output = match (extract, format) {
        (true, Format::Json) | (false, Format::Html) => Output::Whole(source, report),
        (false, Format::Json | Format::Sarif | Format::Markdown) => {
            report.figures.clear();
            Output::Report(report)
        }
        (true, Format::Jsonl) => Output::Text(render::extract_jsonl_line(
            Some(&record.id),
            &source,
            &report,
            relations,
        )),
        (true, _) => Output::Text(render::extract_pretty(&source, &report, relations)),
        (false, Format::Pretty) => Output::Text(render::check_pretty(&source, &report, options)),
        (false, Format::Concise) => Output::Text(render::check_concise(&[&report])),
        (false, Format::Github) => Output::Text(render::check_github(&[&report], &[])),
        (false, Format::Jsonl) => Output::Text(render::check_jsonl_line(Some(&record.id), &report)),
    };
    Done {
        errors,
        warnings,
        worst,
        output,
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
