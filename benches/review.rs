//! `fmt` and `diff` against `serde_json` in the same run, and `diff --catalog` growth.
//!
//! Run with `cargo bench --bench review`. As in `ratio`, each round times a batch of the
//! baseline, then a batch of the subject, on the same input; the median of the per-round
//! ratios is printed. The goals (`benches/README.md`):
//!
//! - `fmt` of a 100,000-rule document (`lint`, then the canonical text): at most 1.5x
//!   `serde_json` parsing it to a `Value` plus `to_string_pretty`;
//! - `diff` of two 100,000-rule documents that differ in 1% of their rules (`lint` of both,
//!   then the comparison): at most 3x parsing both to `Value`;
//! - `diff --catalog` (what both documents select from the catalog, compared): 10x the objects
//!   take at most 11x the time.

use std::hint::black_box;
use std::time::{Duration, Instant};

use dms_rules::select::{Catalog, CatalogObject, Kind};
use dms_rules::{check, lint, Options};

mod support;

use support::generate::{document, Dialect};

const RULES: usize = 100_000;
/// Rules of the documents the catalog is explained with.
const CATALOG_RULES: usize = 1_000;
const OBJECTS: &[usize] = &[10_000, 100_000, 1_000_000];

/// A batch runs at least this long, so the clock's resolution does not matter.
const BATCH: Duration = Duration::from_millis(50);
const ROUNDS: usize = 7;

fn time(n: usize, mut f: impl FnMut() -> usize) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        black_box(f());
    }
    start.elapsed()
}

fn batch_len(mut f: impl FnMut() -> usize) -> usize {
    let once = time(1, &mut f).max(Duration::from_nanos(1));
    (BATCH.as_nanos() / once.as_nanos()).clamp(1, 100_000) as usize
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Median ratio of subject to baseline, and the subject's median time.
fn interleaved(
    mut baseline: impl FnMut() -> usize,
    mut subject: impl FnMut() -> usize,
) -> (f64, Duration) {
    let n_base = batch_len(&mut baseline);
    let n_subject = batch_len(&mut subject);
    let mut ratios = Vec::with_capacity(ROUNDS);
    let mut times = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let base = time(n_base, &mut baseline).as_secs_f64() / n_base as f64;
        let sub = time(n_subject, &mut subject).as_secs_f64() / n_subject as f64;
        ratios.push(sub / base);
        times.push(sub);
    }
    (
        median(&mut ratios),
        Duration::from_secs_f64(median(&mut times)),
    )
}

fn value(text: &str) -> serde_json::Value {
    serde_json::from_str(black_box(text)).expect("JSON")
}

/// The same document with the `rule-name` of one rule in a hundred changed.
fn one_percent_changed(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 1000);
    let mut id = 0usize;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.trim_start().strip_prefix("\"rule-id\": \"") {
            id = rest
                .split('"')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
        }
        match line.split_once("\"rule-name\": \"") {
            Some((before, after)) if id.is_multiple_of(100) => {
                out.push_str(before);
                out.push_str("\"rule-name\": \"changed-");
                out.push_str(after);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// `objects` tables and views over the generated documents' schemas.
fn catalog(objects: usize) -> Catalog {
    const SCHEMAS: &[&str] = &["HR", "SALES", "dbo", "Ünïcode", "客户", "billing_2024"];
    const STEMS: &[&str] = &["ORDERS", "ORDER_ITEMS", "Customers", "empé", "表", "audit"];
    Catalog {
        objects: (0..objects)
            .map(|i| CatalogObject {
                kind: if i % 7 == 0 { Kind::View } else { Kind::TABLE },
                ..CatalogObject::table(
                    SCHEMAS[i % SCHEMAS.len()],
                    format!("{}_{i}", STEMS[(i / 7) % STEMS.len()]),
                )
            })
            .collect(),
        ..Catalog::default()
    }
}

fn main() {
    let options = Options::default();
    println!("| dialect | rules | bytes | fmt | fmt time | diff (1% changed) | diff time |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, dialect) in [
        ("table mapping", Dialect::TableMapping),
        ("schema conversion", Dialect::SchemaConversion),
    ] {
        let old = document(dialect, RULES);
        let new = one_percent_changed(&old);
        let checked = lint(&new, &options);
        let formatted = dms_rules::format::canonical(&checked).expect("no errors");
        assert_ne!(formatted, new, "the generated document is not canonical");
        let diff = dms_rules::diff::compare(&lint(&old, &options), &checked).expect("no errors");
        assert_eq!(diff.rules.len(), RULES / 100);

        let (fmt, fmt_time) = interleaved(
            || {
                let parsed = value(&new);
                serde_json::to_string_pretty(&parsed).expect("text").len()
            },
            || {
                let checked = lint(black_box(&new), &options);
                dms_rules::format::canonical(&checked).map_or(0, |t| t.len())
            },
        );
        let (diff, diff_time) = interleaved(
            || {
                value(&old).as_object().map_or(0, |o| o.len())
                    + value(&new).as_object().map_or(0, |o| o.len())
            },
            || {
                let old = lint(black_box(&old), &options);
                let new = lint(black_box(&new), &options);
                dms_rules::diff::compare(&old, &new).map_or(0, |d| d.rules.len())
            },
        );
        println!(
            "| {name} | {RULES} | {} | {fmt:.2}x | {fmt_time:.2?} | {diff:.2}x | {diff_time:.2?} |",
            new.len()
        );
    }

    // `diff --catalog`: both documents explained over the catalog and compared, at 10x the
    // objects each step; the smaller catalog is the baseline, in the same rounds.
    let old = document(Dialect::TableMapping, CATALOG_RULES);
    let new = one_percent_changed(&old);
    let (old, new) = (check(&old, &options), check(&new, &options));
    let (old, new) = (
        old.document().expect("rules"),
        new.document().expect("rules"),
    );
    let objects_of =
        |catalog: &Catalog| dms_rules::diff::objects(old, new, black_box(catalog)).len();
    let mut growth = Vec::new();
    for pair in OBJECTS.windows(2) {
        let (smaller, larger) = (catalog(pair[0]), catalog(pair[1]));
        let (ratio, time) = interleaved(|| objects_of(&smaller), || objects_of(&larger));
        growth.push(format!(
            "{} -> {} objects: {ratio:.2}x ({time:.2?})",
            pair[0], pair[1]
        ));
    }
    println!(
        "\n`diff --catalog` ({CATALOG_RULES} rules), growth of the time: {}",
        growth.join(", ")
    );
}
