//! Every input a fuzz target ever crashed on, kept in `fuzz/regressions/<target>/`, replayed
//! through the same function the target runs (`fuzz/targets.rs`).

#[path = "../fuzz/targets.rs"]
mod targets;

use std::path::Path;

#[test]
fn crashing_inputs_found_by_fuzzing_no_longer_crash() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for (name, target) in targets::TARGETS {
        let dir = root.join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{} crashes again", file.display());
            replayed += 1;
        }
    }
    eprintln!("replayed {replayed} inputs");
}
