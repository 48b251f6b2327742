//! Times the whole CLI, as a user runs it, on real text from `../shared/corpora/`:
//!
//! ```sh
//! cargo build --release && cargo run --release --example timing
//! ```
//!
//! - throughput of `figcheck --format jsonl` over the BBC and Reuters articles as one JSONL
//!   file (written to `target/bench/`, Reuters' dates turned into YYYY-MM-DD), with `-j 1` and
//!   `-j 2` in five alternating pairs: the medians, the spread of the one-thread runs and of
//!   the pairs' ratios; and in each round, two `-j 1` processes side by side, whose combined
//!   rate against one process alone is the machine's own two-core scaling, the bound on what
//!   `-j 2` can reach here;
//! - the same with the corpus repeated twice and four times, to see that time grows linearly;
//! - the median of 50 cold runs on one article of about 5 KB (process start to exit), and,
//!   to show where a cold run's time goes, of `figcheck --version` (starting and ending the
//!   process) and of a one-line file with no figure (the settings and the lexicon too);
//! - peak resident memory while streaming the Reuters JSONL (from GNU `time`, when installed);
//! - 40 MB of prose with no figure in it, and the peak memory of a 200 MB text file (read in
//!   pieces), both written to `target/bench/`.
//!
//! It prints a Markdown table for the README.
//!
//! With `-- --against OTHER_BINARY` (another build of figcheck, an earlier commit's say) it
//! times only the two builds, in alternating rounds so that a drift of the machine falls on
//! both: the JSONL corpus and the Reuters JSONL with `-j 1`, and cold runs on the article.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let binary = root.join("target/release/figcheck");
    assert!(
        binary.exists(),
        "{} is missing: run `cargo build --release` first",
        binary.display()
    );
    let dir = root.join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let (all, reuters, article) = prepare(root, &dir);
    let size = std::fs::metadata(&all).unwrap().len() as f64;
    let mb = size / 1e6;
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, other] = args.as_slice()
        && flag == "--against"
    {
        return against(&binary, Path::new(other), &all, &reuters, &article);
    }

    // One and two threads in alternating rounds, so that a drift in the machine's speed falls
    // on both alike; each round also runs two one-thread processes side by side.
    let rounds: Vec<(Duration, Duration, Duration)> = (0..5)
        .map(|_| {
            (
                run(&binary, &["-j", "1"], &all),
                run(&binary, &["-j", "2"], &all),
                side_by_side(&binary, &all),
            )
        })
        .collect();
    let ones: Vec<Duration> = rounds.iter().map(|p| p.0).collect();
    let twos: Vec<Duration> = rounds.iter().map(|p| p.1).collect();
    let (one, two) = (median_of(&ones), median_of(&twos));
    let ratios: Vec<f64> = rounds.iter().map(|(a, b, _)| secs(*a) / secs(*b)).collect();
    let machine: Vec<f64> = rounds
        .iter()
        .map(|(a, _, both)| 2.0 * secs(*a) / secs(*both))
        .collect();
    let one_secs: Vec<f64> = ones.iter().map(|d| secs(*d)).collect();
    println!("| measure | figure |\n|---|---|");
    println!(
        "| `check -j 1`, {mb:.1} MB of JSONL | {:.2} s, {:.1} MB/s (median of 5; runs {:.2}–{:.2} s) |",
        secs(one),
        mb / secs(one),
        lowest(&one_secs),
        highest(&one_secs)
    );
    println!(
        "| `check -j 2` | {:.2} s, {:.1} MB/s, {:.2}× the one-thread rate (pairs {:.2}×–{:.2}×) |",
        secs(two),
        mb / secs(two),
        secs(one) / secs(two),
        lowest(&ratios),
        highest(&ratios)
    );
    println!(
        "| two `-j 1` processes side by side (the machine's two-core scaling) | {:.2}× the rate of one (rounds {:.2}×–{:.2}×) |",
        median_of(&machine),
        lowest(&machine),
        highest(&machine)
    );
    for times in [2, 4] {
        let file = dir.join(format!("corpus-{times}x.jsonl"));
        let text = std::fs::read_to_string(&all).unwrap();
        std::fs::write(&file, text.repeat(times)).unwrap();
        let t = median(3, || run(&binary, &["-j", "1"], &file));
        println!(
            "| `check -j 1`, {times}× the corpus | {:.2} s, {:.2}× the time of 1× ({:+.1}% from proportional) |",
            secs(t),
            secs(t) / secs(one),
            (secs(t) / (secs(one) * times as f64) - 1.0) * 100.0
        );
    }
    let cold = median(50, || run(&binary, &[], &article));
    let blank = dir.join("no-figure.txt");
    std::fs::write(&blank, "The council met.\n").unwrap();
    let floor = median(50, || {
        let mut version = Command::new(&binary);
        version.arg("--version").stdout(Stdio::null());
        timed(version)
    });
    let settled = median(50, || run(&binary, &[], &blank));
    println!(
        "| cold run on one {:.1} KB article | {:.1} ms median of 50 (`--version`: {:.1} ms; a one-line file with no figure: {:.1} ms) |",
        std::fs::metadata(&article).unwrap().len() as f64 / 1e3,
        secs(cold) * 1e3,
        secs(floor) * 1e3,
        secs(settled) * 1e3
    );
    // Ten copies of the article in one run: what a further article costs once the patterns
    // it needs are compiled.
    let copies: Vec<PathBuf> = (0..10)
        .map(|n| {
            let copy = dir.join(format!("article-copy-{n}.txt"));
            std::fs::copy(&article, &copy).unwrap();
            copy
        })
        .collect();
    let ten = median(50, || {
        let mut command = figcheck(&binary, &["-j", "1"], &copies[0]);
        command.args(&copies[1..]);
        timed(command)
    });
    println!(
        "| the same article ten times in one run, `-j 1` | {:.1} ms median of 50: {:.2} ms for each copy after the first |",
        secs(ten) * 1e3,
        (secs(ten) - secs(cold)) * 1e3 / 9.0
    );
    match peak_memory(&binary, &reuters) {
        Some(kb) => println!(
            "| peak resident memory, {:.1} MB Reuters JSONL, `-j 1` | {:.1} MB |",
            std::fs::metadata(&reuters).unwrap().len() as f64 / 1e6,
            kb as f64 / 1e3
        ),
        None => println!("| peak resident memory | GNU time is not installed |"),
    }
    // Prose a prefilter should pass over: no digit, number word, date word, unit or currency.
    let prose = dir.join("prose-40mb.txt");
    let paragraph = "The council met again and talked about the harbour, the river and the new \
                     road for a long while.\n\n";
    std::fs::write(&prose, paragraph.repeat(40_000_000 / paragraph.len())).unwrap();
    let t = median(3, || run(&binary, &["-j", "1"], &prose));
    println!(
        "| 40 MB of prose with no figure, `-j 1` | {:.2} s, {:.0} MB/s |",
        secs(t),
        40.0 / secs(t)
    );
    let large = dir.join("articles-200mb.txt");
    let articles: String = std::fs::read_to_string(&all)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|r| format!("{}\n\n", r["text"].as_str().unwrap_or_default()))
        .collect();
    std::fs::write(&large, articles.repeat(200_000_000 / articles.len() + 1)).unwrap();
    if let Some(kb) = peak_memory(&binary, &large) {
        println!(
            "| peak resident memory, {:.0} MB text file, `-j 1` | {:.1} MB |",
            std::fs::metadata(&large).unwrap().len() as f64 / 1e6,
            kb as f64 / 1e3
        );
    }
    let _ = std::fs::remove_file(&large);
}

/// The JSONL corpora (all, Reuters alone) and one article of about 5 KB as a text file.
fn prepare(root: &Path, dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let mut all = String::new();
    let mut reuters = String::new();
    let mut article = None;
    for corpus in ["bbc2005", "reuters21578"] {
        let path = root.join(format!("../shared/corpora/{corpus}/articles.jsonl"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for line in text.lines() {
            let record: serde_json::Value = serde_json::from_str(line).expect("JSON");
            let body = record["text"].as_str().unwrap_or_default();
            let mut out = serde_json::json!({ "id": record["id"], "text": body });
            if let Some(date) = record["date"]
                .as_str()
                .and_then(|d| d.split_whitespace().next())
                .and_then(|d| jiff::fmt::strtime::parse("%d-%b-%Y", d).ok())
                .and_then(|d| d.to_date().ok())
            {
                out["date"] = date.to_string().into();
            }
            let line = out.to_string() + "\n";
            all.push_str(&line);
            if corpus == "reuters21578" {
                reuters.push_str(&line);
            }
            if article.is_none() && (4_800..=5_300).contains(&body.len()) {
                article = Some(body.to_string());
            }
        }
    }
    let paths = (
        dir.join("corpus.jsonl"),
        dir.join("reuters.jsonl"),
        dir.join("article-5k.txt"),
    );
    std::fs::write(&paths.0, all).unwrap();
    std::fs::write(&paths.1, reuters).unwrap();
    std::fs::write(&paths.2, article.expect("an article of about 5 KB")).unwrap();
    paths
}

/// `figcheck [args] --format jsonl --fail-on never FILE`, output discarded.
fn figcheck(binary: &Path, args: &[&str], file: &Path) -> Command {
    let mut command = Command::new(binary);
    command
        .args(args)
        .args(["--format", "jsonl", "--fail-on", "never"])
        .arg(file)
        .stdout(Stdio::null());
    command
}

/// How long a command takes, start to exit; it must succeed.
fn timed(mut command: Command) -> Duration {
    let start = Instant::now();
    let status = command.status().expect("figcheck runs");
    let elapsed = start.elapsed();
    assert!(status.success(), "{status:?}");
    elapsed
}

/// One run of [`figcheck`].
fn run(binary: &Path, args: &[&str], file: &Path) -> Duration {
    timed(figcheck(binary, args, file))
}

/// Two one-thread runs at once, each over the whole file: the time until both have ended.
fn side_by_side(binary: &Path, file: &Path) -> Duration {
    let start = Instant::now();
    let spawn = || {
        figcheck(binary, &["-j", "1"], file)
            .spawn()
            .expect("figcheck runs")
    };
    let (mut a, mut b) = (spawn(), spawn());
    let (a, b) = (
        a.wait().expect("figcheck ends"),
        b.wait().expect("figcheck ends"),
    );
    let elapsed = start.elapsed();
    assert!(a.success() && b.success(), "{a:?} {b:?}");
    elapsed
}

/// This build against another, in alternating rounds: the medians and spreads of each.
fn against(binary: &Path, other: &Path, all: &Path, reuters: &Path, article: &Path) {
    assert!(other.exists(), "{} is missing", other.display());
    println!(
        "| measure | this build | {} | this build's time against the other's |\n|---|---|---|---|",
        other.display()
    );
    let rows: [(&str, &Path, usize, &[&str], f64); 3] = [
        ("JSONL corpus, `-j 1` (s)", all, 5, &["-j", "1"], 1.0),
        ("Reuters JSONL, `-j 1` (s)", reuters, 5, &["-j", "1"], 1.0),
        ("cold run on the 5.1 KB article (ms)", article, 25, &[], 1e3),
    ];
    for (name, file, rounds, args, scale) in rows {
        let pairs: Vec<(f64, f64)> = (0..rounds)
            .map(|_| {
                (
                    secs(run(binary, args, file)) * scale,
                    secs(run(other, args, file)) * scale,
                )
            })
            .collect();
        let (ours, theirs): (Vec<f64>, Vec<f64>) = pairs.iter().copied().unzip();
        let spread = |v: &[f64]| {
            let (low, high) = (lowest(v), highest(v));
            format!("{:.2} ({low:.2}–{high:.2})", median_of(v))
        };
        println!(
            "| {name}, median of {rounds} | {} | {} | {:.2} |",
            spread(&ours),
            spread(&theirs),
            median_of(&ours) / median_of(&theirs)
        );
    }
}

fn lowest(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::INFINITY, f64::min)
}

fn highest(v: &[f64]) -> f64 {
    v.iter().copied().fold(0.0, f64::max)
}

fn median(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    median_of(&(0..runs).map(|_| f()).collect::<Vec<_>>())
}

/// The median of some times or figures.
fn median_of<T: PartialOrd + Copy>(values: &[T]) -> T {
    let mut values = values.to_vec();
    values.sort_by(|a, b| a.partial_cmp(b).expect("no figure is NaN"));
    values[values.len() / 2]
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// Peak resident set size in KB, from GNU time's `%M`.
fn peak_memory(binary: &Path, file: &Path) -> Option<u64> {
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(binary)
        .args(["-j", "1", "--format", "jsonl", "--fail-on", "never"])
        .arg(file)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()
}
