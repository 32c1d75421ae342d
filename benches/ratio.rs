//! Interleaved ratios to `serde_json::from_str::<serde_json::Value>` on the same text.
//!
//! Run with `cargo bench --bench ratio`. Each round times a batch of the baseline, then a batch
//! of the phase, on the same input; the ratio of the two is taken per round and the median of the
//! rounds is printed, so load from other processes, which comes and goes, cancels out far better
//! than in two benches run minutes apart. It prints a Markdown table (the one in
//! `benches/README.md`), the growth of `check`, `lint` and the baseline from one size to the
//! next (10x the rules), and the time to render the diagnostics of an invalid document. A run
//! takes a few minutes.

use std::hint::black_box;
use std::time::{Duration, Instant};

use dms_rules::diagnostic::{Renderer, Style};
use dms_rules::internals;
use dms_rules::{Options, SourceFile};

mod support;

use support::generate::{document, invalid_document, Dialect};

const SIZES: &[usize] = &[100, 1_000, 10_000, 100_000];

/// A batch runs at least this long, so the clock's resolution does not matter.
const BATCH: Duration = Duration::from_millis(20);

/// Rounds per phase and size; fewer for the largest documents, whose batches are long.
fn rounds(rules: usize) -> usize {
    if rules >= 100_000 {
        7
    } else {
        15
    }
}

fn serde_json_value(text: &str) -> usize {
    match serde_json::from_str::<serde_json::Value>(black_box(text)) {
        Ok(serde_json::Value::Object(map)) => map.len(),
        _ => 0,
    }
}

/// Runs `f` `n` times; the time taken.
fn time(n: usize, mut f: impl FnMut() -> usize) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        black_box(f());
    }
    start.elapsed()
}

/// How many runs of `f` fill a batch.
fn batch_len(mut f: impl FnMut() -> usize) -> usize {
    let once = time(1, &mut f).max(Duration::from_nanos(1));
    (BATCH.as_nanos() / once.as_nanos()).clamp(1, 100_000) as usize
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

struct Measured {
    /// Median of the per-round ratios, subject over baseline.
    ratio: f64,
    /// Median time of one run of the subject.
    subject: Duration,
}

/// Alternates baseline and subject batches over `rounds` rounds.
fn interleaved(
    rounds: usize,
    mut baseline: impl FnMut() -> usize,
    mut subject: impl FnMut() -> usize,
) -> Measured {
    let n_base = batch_len(&mut baseline);
    let n_subject = batch_len(&mut subject);
    let mut ratios = Vec::with_capacity(rounds);
    let mut times = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let base = time(n_base, &mut baseline).as_secs_f64() / n_base as f64;
        let sub = time(n_subject, &mut subject).as_secs_f64() / n_subject as f64;
        ratios.push(sub / base);
        times.push(sub);
    }
    Measured {
        ratio: median(&mut ratios),
        subject: Duration::from_secs_f64(median(&mut times)),
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter such as `cargo bench --bench ratio -- 1000` keeps
    // the sizes whose rule count is given.
    let only: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes: Vec<usize> = SIZES
        .iter()
        .copied()
        .filter(|n| only.is_empty() || only.contains(n))
        .collect();
    let options = Options::default();

    println!(
        "| dialect | rules | bytes | syntax | syntax + lowering | checks | check | check time | lint |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (name, dialect) in [
        ("table mapping", Dialect::TableMapping),
        ("schema conversion", Dialect::SchemaConversion),
    ] {
        // The previous size and its document.
        let mut previous: Option<(usize, String)> = None;
        let mut growth = Vec::new();
        for &rules in &sizes {
            let owned = document(dialect, rules);
            let text = owned.as_str();
            let r = rounds(rules);
            let base = || serde_json_value(text);
            let syntax = interleaved(r, base, || {
                internals::parse_json(black_box(text)).map_or(0, |p| p.value.span.end)
            });
            let lowering = interleaved(r, base, || {
                internals::lower(black_box(text).as_bytes(), &options)
                    .diagnostics()
                    .len()
            });
            let lowered = internals::lower(text.as_bytes(), &options);
            let document = lowered.document().expect("rules");
            let checks = interleaved(r, base, || {
                internals::checks(black_box(document), &options).len()
            });
            drop(lowered);
            let check = interleaved(r, base, || {
                dms_rules::check(black_box(text), &options)
                    .diagnostics()
                    .len()
            });
            let lint = interleaved(r, base, || {
                dms_rules::lint(black_box(text), &options)
                    .diagnostics()
                    .len()
            });
            println!(
                "| {name} | {rules} | {} | {:.2}x | {:.2}x | {:.2}x | {:.2}x | {:.2?} | {:.2}x |",
                text.len(),
                syntax.ratio,
                lowering.ratio,
                checks.ratio,
                check.ratio,
                check.subject,
                lint.ratio,
            );
            // Growth, timed like the ratios: the smaller document is the baseline, in the same
            // rounds, so a change in load between sizes does not pass for growth.
            if let Some((n, smaller)) = &previous {
                let check_of =
                    |t: &str| dms_rules::check(black_box(t), &options).diagnostics().len();
                let lint_of = |t: &str| dms_rules::lint(black_box(t), &options).diagnostics().len();
                let check_growth = interleaved(r, || check_of(smaller), || check_of(text));
                let lint_growth = interleaved(r, || lint_of(smaller), || lint_of(text));
                let value_growth = interleaved(r, || serde_json_value(smaller), base);
                growth.push(format!(
                    "{n} -> {rules} rules: {:.1}x ({:.1}x; `Value` {:.1}x)",
                    check_growth.ratio, lint_growth.ratio, value_growth.ratio,
                ));
            }
            previous = Some((rules, owned));
        }
        if !growth.is_empty() {
            println!(
                "\n{name}, growth of `check` (`lint`; the baseline `serde_json::Value`) time: {}\n",
                growth.join(", ")
            );
        }
    }

    let text = invalid_document(1_000);
    let checked = dms_rules::check(&text, &options);
    let file = SourceFile::new("invalid.json", text.as_bytes());
    let renderer = Renderer::new(Style::default());
    let mut out = String::new();
    let mut render_all = || {
        out.clear();
        for report in checked.reports(&file) {
            renderer.render_into(&mut out, &report);
        }
        out.len()
    };
    let rendered = interleaved(15, || serde_json_value(&text), &mut render_all);
    let check = interleaved(
        15,
        || serde_json_value(&text),
        || {
            dms_rules::check(black_box(&text), &options)
                .diagnostics()
                .len()
        },
    );
    println!(
        "invalid document, 1000 rules, {} diagnostics: check {:.2?} ({:.2}x), rendering all {:.2?} ({:.2}x)",
        checked.diagnostics().len(),
        check.subject,
        check.ratio,
        rendered.subject,
        rendered.ratio,
    );
}
