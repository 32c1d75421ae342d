//! Reading the configuration against linting what it configures: the goal is that reading
//! `dms-rules.toml` (parsing it, building its globs, and settling one file's findings with it)
//! costs at most 5% of linting a 100-rule document.
//!
//! Run with `cargo bench --bench config`. Rounds are interleaved, a batch of linting then a
//! batch of reading the configuration, and the median ratio of the rounds is printed, so load
//! from other processes cancels out.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use dms_rules::config::{self, comment::Comments, Config};
use dms_rules::Options;

mod support;

use support::generate::{document, Dialect};

/// A configuration as a team writes one: the issue's example, with a few more overrides and
/// suppressions.
const CONFIG: &str = r#"
source-engine = "oracle"
target-engine = "aurora-postgresql"
catalog = "catalog.csv"
deny-warnings = true

[codes]
"dms::underscore_wildcard" = "off"
"dms::rule_id_format" = "error"
"dms::possible_escape_character" = "off"

[[overrides]]
paths = ["legacy/**"]
codes = { "dms::exclude_without_include" = "off" }

[[overrides]]
paths = ["mappings/*.json", "terraform/**/*.tf"]
target-engine = "postgres"

[[suppress]]
path = "mappings/hr.json"
code = "dms::underscore_wildcard"
rule-id = "3"
reason = "any character is meant"

[[suppress]]
path = "mappings/pay.json"
code = "dms::filter_ignored"
rule-name = "pay-filter"
reason = "kept for the next DMS version"
"#;

const BATCH: Duration = Duration::from_millis(20);
const ROUNDS: usize = 15;

fn time(n: usize, mut f: impl FnMut() -> usize) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        black_box(f());
    }
    start.elapsed()
}

fn batch_len(mut f: impl FnMut() -> usize) -> usize {
    let once = time(1, &mut f).max(Duration::from_nanos(1));
    (BATCH.as_nanos() / once.as_nanos()).clamp(1, 1_000_000) as usize
}

fn main() {
    let text = document(Dialect::TableMapping, 100);
    let path = Path::new("/repo/mappings/hr.json");
    let options = Options::default();
    let lint = || {
        dms_rules::lint(black_box(text.as_bytes()), &options)
            .diagnostics()
            .len()
    };
    let findings = dms_rules::lint(text.as_bytes(), &options);
    let read = || {
        let (config, problems) =
            Config::parse(black_box(CONFIG), Path::new("/repo/dms-rules.toml"));
        assert!(problems.is_empty());
        let settled = config::settle(
            Some(&config),
            Some(path),
            findings.diagnostics().to_vec(),
            findings.rules(),
            &Comments::default(),
        );
        settled.findings.len()
    };
    let toml = || {
        toml::de::DeTable::parse(black_box(CONFIG))
            .map(|d| d.get_ref().len())
            .unwrap_or(0)
    };
    // The editable tree the reader was first written on, for comparison.
    let toml_edit = || {
        toml_edit::Document::parse(black_box(CONFIG))
            .map(|d| d.as_table().len())
            .unwrap_or(0)
    };
    // The parts: reading the file, and settling one file's findings with it.
    let parse_only = || {
        Config::parse(black_box(CONFIG), Path::new("/repo/dms-rules.toml"))
            .0
            .overrides
            .len()
    };
    let (parsed, _) = Config::parse(CONFIG, Path::new("/repo/dms-rules.toml"));
    let settle_only = || {
        config::settle(
            Some(&parsed),
            Some(path),
            findings.diagnostics().to_vec(),
            findings.rules(),
            &Comments::default(),
        )
        .findings
        .len()
    };
    let (parse_n, settle_n) = (batch_len(parse_only), batch_len(settle_only));
    let toml_n = batch_len(toml);
    let toml_edit_n = batch_len(toml_edit);
    let (lint_n, read_n) = (batch_len(lint), batch_len(read));
    let mut ratios = Vec::with_capacity(ROUNDS);
    let mut lint_each = Vec::with_capacity(ROUNDS);
    let mut read_each = Vec::with_capacity(ROUNDS);
    let mut toml_each = Vec::with_capacity(ROUNDS);
    let mut toml_edit_each = Vec::with_capacity(ROUNDS);
    let mut parse_each = Vec::with_capacity(ROUNDS);
    let mut settle_each = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let l = time(lint_n, lint).as_secs_f64() / lint_n as f64;
        let r = time(read_n, read).as_secs_f64() / read_n as f64;
        ratios.push(r / l);
        lint_each.push(l);
        read_each.push(r);
        toml_each.push(time(toml_n, toml).as_secs_f64() / toml_n as f64);
        toml_edit_each.push(time(toml_edit_n, toml_edit).as_secs_f64() / toml_edit_n as f64);
        parse_each.push(time(parse_n, parse_only).as_secs_f64() / parse_n as f64);
        settle_each.push(time(settle_n, settle_only).as_secs_f64() / settle_n as f64);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let ratio = median(&mut ratios);
    println!(
        "lint of a 100-rule document: {:.1} µs; reading the configuration and settling its findings: {:.1} µs (of which parsing the TOML: {:.1} µs; toml_edit's editable tree would take {:.1} µs)",
        median(&mut lint_each) * 1e6,
        median(&mut read_each) * 1e6,
        median(&mut toml_each) * 1e6,
        median(&mut toml_edit_each) * 1e6
    );
    println!(
        "of which Config::parse: {:.1} µs, settling one file's findings: {:.1} µs",
        median(&mut parse_each) * 1e6,
        median(&mut settle_each) * 1e6
    );
    println!(
        "configuration / lint: {:.2}% (goal: at most 5%){}",
        ratio * 100.0,
        if ratio <= 0.05 { "" } else { " OVER THE GOAL" }
    );
}
