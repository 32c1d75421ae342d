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

/// The configuration's shape for `toml`'s serde path: every key of every table as a
/// `Spanned` field, as a reader built on it would need for its spans. Unknown keys are not
/// kept (capturing them with `#[serde(flatten)]` would only add to the cost), so this is a
/// lower bound of what that reader would take.
// The fields are read by deserialising into them, the cost measured; nothing reads them after.
#[allow(dead_code)]
mod serde_shape {
    use std::borrow::Cow;
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use toml::Spanned;

    type Text<'a> = Option<Spanned<Cow<'a, str>>>;
    type Codes<'a> = Option<Spanned<BTreeMap<Spanned<Cow<'a, str>>, Spanned<Cow<'a, str>>>>>;

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct Top<'a> {
        #[serde(borrow)]
        source_engine: Text<'a>,
        #[serde(borrow)]
        target_engine: Text<'a>,
        #[serde(borrow)]
        dialect: Text<'a>,
        #[serde(borrow)]
        operation: Text<'a>,
        #[serde(borrow)]
        migration_type: Text<'a>,
        #[serde(borrow)]
        catalog: Text<'a>,
        deny_warnings: Option<Spanned<bool>>,
        #[serde(borrow)]
        codes: Codes<'a>,
        #[serde(borrow)]
        pub overrides: Option<Vec<Spanned<Override<'a>>>>,
        #[serde(borrow)]
        suppress: Option<Vec<Spanned<Suppress<'a>>>>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct Override<'a> {
        #[serde(borrow)]
        paths: Option<Spanned<Vec<Spanned<Cow<'a, str>>>>>,
        #[serde(borrow)]
        source_engine: Text<'a>,
        #[serde(borrow)]
        target_engine: Text<'a>,
        #[serde(borrow)]
        dialect: Text<'a>,
        #[serde(borrow)]
        operation: Text<'a>,
        #[serde(borrow)]
        migration_type: Text<'a>,
        #[serde(borrow)]
        catalog: Text<'a>,
        deny_warnings: Option<Spanned<bool>>,
        #[serde(borrow)]
        codes: Codes<'a>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub struct Suppress<'a> {
        #[serde(borrow)]
        path: Text<'a>,
        #[serde(borrow)]
        code: Text<'a>,
        // A string or an integer.
        rule_id: Option<Spanned<toml::Value>>,
        #[serde(borrow)]
        rule_name: Text<'a>,
        #[serde(borrow)]
        reason: Text<'a>,
    }
}

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
    // The serde path into `Spanned` fields, for comparison.
    let serde = || {
        toml::from_str::<serde_shape::Top<'_>>(black_box(CONFIG))
            .map(|c| c.overrides.map_or(0, |o| o.len()))
            .unwrap_or(0)
    };
    assert_eq!(serde(), 2, "the serde shape reads the configuration");
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
    let serde_n = batch_len(serde);
    let (lint_n, read_n) = (batch_len(lint), batch_len(read));
    let mut ratios = Vec::with_capacity(ROUNDS);
    let mut lint_each = Vec::with_capacity(ROUNDS);
    let mut read_each = Vec::with_capacity(ROUNDS);
    let mut toml_each = Vec::with_capacity(ROUNDS);
    let mut toml_edit_each = Vec::with_capacity(ROUNDS);
    let mut serde_each = Vec::with_capacity(ROUNDS);
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
        serde_each.push(time(serde_n, serde).as_secs_f64() / serde_n as f64);
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
        "of which Config::parse: {:.1} µs, settling one file's findings: {:.1} µs; toml's serde path into `Spanned` fields would take {:.1} µs to read the TOML alone",
        median(&mut parse_each) * 1e6,
        median(&mut settle_each) * 1e6,
        median(&mut serde_each) * 1e6
    );
    println!(
        "configuration / lint: {:.2}% (goal: at most 5%){}",
        ratio * 100.0,
        if ratio <= 0.05 { "" } else { " OVER THE GOAL" }
    );
}
