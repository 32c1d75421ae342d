//! `dms-rules lint --format json` as a whole process on a 100,000-rule document: wall time and
//! peak memory beside a process that reads the same file and parses it into `serde_json::Value`.
//!
//! Run with `cargo bench --bench process` (Linux: peak memory comes from `/usr/bin/time`). The
//! baseline is this bench binary itself, run again with `--parse-only FILE`. Runs alternate, and
//! the medians are printed.
//!
//! The same rounds run `lint --input rules` on the file too: what telling the file's kind from
//! its content costs (a `.json` file may be a CloudFormation template) is the ratio of the two.
//!
//! Goals: `lint` at most 0.5x the baseline; the kind told at most 1.05x the kind given.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

// The generator of the library's benches.
#[path = "../../../benches/support/mod.rs"]
mod support;

use support::generate::{document, Dialect};

const BIN: &str = env!("CARGO_BIN_EXE_dms-rules");

const RULES: usize = 100_000;
const ROUNDS: usize = 15;

/// Runs `program args` under `/usr/bin/time`: wall seconds and peak resident set in bytes.
fn run(program: &Path, args: &[&str]) -> (f64, u64) {
    let start = Instant::now();
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .output()
        .expect("run /usr/bin/time");
    let wall = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let kib: u64 = stderr
        .lines()
        .last()
        .and_then(|line| line.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak memory in {stderr:?}"));
    (wall, kib * 1024)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--parse-only") {
        // The baseline: read the file, parse it into a `Value`, say something about it.
        let text = std::fs::read_to_string(&args[at + 1]).expect("read input");
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        println!("{}", value.as_object().map_or(0, |o| o.len()));
        return;
    }

    // `--keep DIR` writes the document there and leaves it, to profile a run by hand.
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .map(|at| std::path::PathBuf::from(&args[at + 1]));
    let dir = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("dms-rules-process-{}", std::process::id()))
    });
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let file = dir.join("rules.json");
    let text = document(Dialect::TableMapping, RULES);
    std::fs::write(&file, &text).expect("write input");
    if keep.is_some() {
        return;
    }
    let file_arg = file.to_str().expect("UTF-8 path");
    let me = std::env::current_exe().expect("own path");

    let (mut lint_wall, mut base_wall, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    let (mut given_wall, mut kind_ratios) = (Vec::new(), Vec::new());
    let (mut lint_peak, mut base_peak) = (0, 0);
    let told = ["lint", "--format", "json", file_arg];
    let given = ["lint", "--format", "json", "--input", "rules", file_arg];
    for round in 0..ROUNDS {
        let (bw, bm) = run(&me, &["--parse-only", file_arg]);
        // Which of the two goes first alternates, so neither always follows the baseline.
        let ((lw, lm), (gw, _)) = if round % 2 == 0 {
            let lint = run(Path::new(BIN), &told);
            (lint, run(Path::new(BIN), &given))
        } else {
            let given = run(Path::new(BIN), &given);
            (run(Path::new(BIN), &told), given)
        };
        base_wall.push(bw);
        lint_wall.push(lw);
        given_wall.push(gw);
        ratios.push(lw / bw);
        kind_ratios.push(lw / gw);
        base_peak = bm.max(base_peak);
        lint_peak = lm.max(lint_peak);
    }
    let _ = std::fs::remove_dir_all(&dir);

    let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
    println!(
        "input: {RULES} table-mapping rules, {:.1} MiB",
        mib(text.len() as u64)
    );
    println!(
        "wall: lint --format json {:.3} s, read + serde_json::Value {:.3} s, ratio {:.2}x (median of {ROUNDS} interleaved rounds)",
        median(&mut lint_wall),
        median(&mut base_wall),
        median(&mut ratios),
    );
    println!(
        "kind: lint --format json {:.3} s, the same with --input rules {:.3} s, ratio {:.3}x (median of the per-round ratios)",
        median(&mut lint_wall),
        median(&mut given_wall),
        median(&mut kind_ratios),
    );
    println!(
        "peak RSS: lint {:.1} MiB ({:.2}x the input), read + serde_json::Value {:.1} MiB ({:.2}x the input)",
        mib(lint_peak),
        lint_peak as f64 / text.len() as f64,
        mib(base_peak),
        base_peak as f64 / text.len() as f64,
    );
}
