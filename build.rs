//! The lexicon's files (`rules/units.toml` and the others the lexicon reads) as JSON in
//! `OUT_DIR`: the same tables, which the lexicon parses at every start, and JSON parses at a
//! fraction of TOML's cost. A file that is not valid TOML fails the build, naming it.

use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in [
        "units",
        "hedges",
        "numbers",
        "calendar",
        "currencies",
        "linking",
    ] {
        let path = format!("rules/{name}.toml");
        println!("cargo::rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let json = serde_json::to_string(&table).expect("a TOML table is JSON");
        std::fs::write(out.join(format!("{name}.json")), json).expect("OUT_DIR is writable");
    }
}
