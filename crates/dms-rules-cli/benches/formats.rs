//! `dms-rules lint` in every format on documents with many findings, as whole processes, beside
//! the JSON report of the same run.
//!
//! Run with `cargo bench --bench formats`. The documents: 100,000 table-mapping rules whose
//! transformations repeat a few objects (about 20,000 `dms::conflicting_transformation`
//! warnings, labels up to the whole document apart), and invalid documents of 2,000, 5,000
//! and 20,000 rules with one mistake each. Each round runs every format once on a document,
//! in turn; the ratio to the JSON report is taken per round and the median printed, so load
//! that comes and goes cancels out. Growth is taken the same way: each format on the larger
//! document over the same format on the smaller one, in the same round.
//!
//! Goals: each format at most 3x the JSON report; at most 11x the time for 10x the findings;
//! SARIF at most 5x the time for 4x the findings; the human report at most 40 lines a finding.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

// The generator of the library's benches.
#[path = "../../../benches/support/mod.rs"]
mod support;

use support::generate::{conflicting_document, invalid_document};

const BIN: &str = env!("CARGO_BIN_EXE_dms-rules");
const FORMATS: &[&str] = &["json", "human", "sarif", "github"];

/// Rounds per document: few for the largest, whose runs take seconds.
fn rounds(rules: usize) -> usize {
    if rules >= 100_000 {
        5
    } else {
        9
    }
}

/// Wall seconds of `dms-rules lint --format FORMAT FILE`, its output thrown away.
fn time(format: &str, file: &Path) -> f64 {
    let start = Instant::now();
    let status = Command::new(BIN)
        .args(["lint", "--format", format])
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run dms-rules");
    let wall = start.elapsed().as_secs_f64();
    // 0: warnings alone; 1: errors. Anything else means the run failed.
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "lint --format {format}: {status}"
    );
    wall
}

/// The output of one run.
fn output(format: &str, file: &Path) -> Vec<u8> {
    Command::new(BIN)
        .args(["lint", "--color", "never", "--format", format])
        .arg(file)
        .stdin(Stdio::null())
        .output()
        .expect("run dms-rules")
        .stdout
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// A generated document in the bench's folder.
struct Case {
    name: String,
    rules: usize,
    file: std::path::PathBuf,
}

/// Per round and format: the wall time.
type Times = Vec<Vec<f64>>;

fn measure(case: &Case) -> Times {
    (0..rounds(case.rules))
        .map(|_| FORMATS.iter().map(|f| time(f, &case.file)).collect())
        .collect()
}

/// What one document's reports say: findings, the human report's lines, its longest report.
fn sizes(case: &Case) {
    let json: serde_json::Value =
        serde_json::from_slice(&output("json", &case.file)).expect("a JSON report");
    let findings = json["files"][0]["diagnostics"]
        .as_array()
        .map_or(0, Vec::len);
    let human = String::from_utf8(output("human", &case.file)).expect("UTF-8");
    // Each report starts with its code on a line of its own.
    let mut longest = 0;
    let mut lines = 0;
    for line in human.lines() {
        if line.starts_with("dms::") {
            longest = longest.max(lines);
            lines = 0;
        }
        lines += 1;
    }
    longest = longest.max(lines);
    println!(
        "{}: {} findings; human report {} lines ({:.1} a finding, the longest {longest}), {:.1} MiB",
        case.name,
        findings,
        human.lines().count(),
        human.lines().count() as f64 / findings.max(1) as f64,
        human.len() as f64 / (1024.0 * 1024.0),
    );
}

fn main() {
    // `--keep DIR` writes the documents there and leaves them, to profile a run by hand.
    let args: Vec<String> = std::env::args().collect();
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .map(|at| std::path::PathBuf::from(&args[at + 1]));
    let dir = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("dms-rules-formats-{}", std::process::id()))
    });
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let case = |name: &str, rules: usize, text: String| {
        let file = dir.join(format!("{name}.json"));
        std::fs::write(&file, text).expect("write input");
        Case {
            name: name.to_string(),
            rules,
            file,
        }
    };
    let conflicting = case("conflicting-100000", 100_000, conflicting_document(100_000));
    let invalid =
        [2_000, 5_000, 20_000].map(|n| case(&format!("invalid-{n}"), n, invalid_document(n)));

    if keep.is_some() {
        return;
    }
    for case in std::iter::once(&conflicting).chain(&invalid) {
        sizes(case);
    }

    println!();
    println!("| document | json | human | sarif | github |");
    println!("|---|---:|---:|---:|---:|");
    for case in std::iter::once(&conflicting).chain(&invalid) {
        let times = measure(case);
        let json = median(&mut times.iter().map(|r| r[0]).collect::<Vec<_>>());
        let mut cells = vec![format!("{json:.3} s")];
        for f in 1..FORMATS.len() {
            let mut ratios: Vec<f64> = times.iter().map(|r| r[f] / r[0]).collect();
            let seconds = median(&mut times.iter().map(|r| r[f]).collect::<Vec<_>>());
            cells.push(format!("{seconds:.3} s ({:.2}x)", median(&mut ratios)));
        }
        println!("| {} | {} |", case.name, cells.join(" | "));
    }

    // Growth, in rounds run back to back: the smaller document, then the larger one.
    println!();
    for (small, large) in [(0, 2), (1, 2)] {
        let (small, large) = (&invalid[small], &invalid[large]);
        let rounds = rounds(large.rules);
        let mut growth = vec![Vec::new(); FORMATS.len()];
        for _ in 0..rounds {
            for (f, format) in FORMATS.iter().enumerate() {
                let before = time(format, &small.file);
                let after = time(format, &large.file);
                growth[f].push(after / before);
            }
        }
        let cells: Vec<String> = FORMATS
            .iter()
            .zip(&mut growth)
            .map(|(format, g)| format!("{format} {:.2}x", median(g)))
            .collect();
        println!(
            "growth from {} to {} rules ({:.1}x the findings): {}",
            small.rules,
            large.rules,
            large.rules as f64 / small.rules as f64,
            cells.join(", ")
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
