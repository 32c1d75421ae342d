//! Start-up cost of the `dms-rules` binary on a small file, run the way an editor or a pre-commit
//! hook runs it: one process per file.
//!
//! Run with `cargo bench --bench startup` (the binary is built with the bench profile). The
//! `version` row is the baseline, the price of spawning any process; the lint rows should stay
//! within a millisecond or so of it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

// The generator of the library's benches.
#[path = "../../../benches/support/mod.rs"]
mod support;

use support::generate::{document, Dialect};

const BIN: &str = env!("CARGO_BIN_EXE_dms-rules");

/// Rules in the small documents: a typical hand-written file.
const RULES: usize = 20;

struct Inputs {
    dir: PathBuf,
    valid: PathBuf,
    invalid: PathBuf,
}

/// Written on first use; `main` removes the folder after the run.
static INPUTS: OnceLock<Inputs> = OnceLock::new();

/// A valid and an invalid document in a private temporary folder.
fn inputs() -> &'static Inputs {
    INPUTS.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("dms-rules-startup-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary folder");
        let valid = dir.join("valid.json");
        std::fs::write(&valid, document(Dialect::TableMapping, RULES)).expect("write input");
        // A trailing comma before the closing `]`: one `dms::json_syntax` error near the end.
        let mut text = document(Dialect::SchemaConversion, RULES);
        let close = text.rfind(']').expect("rules array");
        text.insert(close, ',');
        let invalid = dir.join("invalid.json");
        std::fs::write(&invalid, text).expect("write input");
        Inputs {
            dir,
            valid,
            invalid,
        }
    })
}

fn run(args: &[&str], file: Option<&Path>) -> std::process::ExitStatus {
    let mut command = Command::new(BIN);
    command.args(args);
    if let Some(file) = file {
        command.arg(file);
    }
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("spawn dms-rules")
}

fn main() {
    divan::main();
    if let Some(inputs) = INPUTS.get() {
        let _ = std::fs::remove_dir_all(&inputs.dir);
    }
}

#[divan::bench(sample_count = 40, sample_size = 1)]
fn version() -> std::process::ExitStatus {
    run(&["--version"], None)
}

#[divan::bench(sample_count = 40, sample_size = 1)]
fn lint_valid_human() -> std::process::ExitStatus {
    run(&["lint"], Some(&inputs().valid))
}

#[divan::bench(sample_count = 40, sample_size = 1)]
fn lint_invalid_human() -> std::process::ExitStatus {
    run(&["lint", "--color", "always"], Some(&inputs().invalid))
}

#[divan::bench(sample_count = 40, sample_size = 1)]
fn lint_invalid_sarif() -> std::process::ExitStatus {
    run(&["lint", "--format", "sarif"], Some(&inputs().invalid))
}
