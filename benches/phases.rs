//! Every phase of `dms_rules::check` beside `serde_json::from_str::<serde_json::Value>` on the
//! same generated text: syntax, syntax and lowering, the checks alone, the whole `check`, and
//! rendering the diagnostics of an invalid document.
//!
//! Run with `cargo bench --bench phases`. Divan runs one bench after another, so on a busy
//! machine the rows drift; `cargo bench --bench ratio` interleaves the two and prints ratios.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use divan::{black_box, Bencher};
use dms_rules::diagnostic::{Renderer, Style};
use dms_rules::internals;
use dms_rules::{Options, SourceFile};

mod support;

use support::generate::{document, invalid_document, Dialect};

const SIZES: &[usize] = &[100, 1_000, 10_000, 100_000];

/// Rules in the invalid document the rendering benches use: about one diagnostic each.
const INVALID_RULES: usize = 1_000;

/// The generated document, made once per dialect and size.
fn input(dialect: Dialect, rules: usize) -> &'static str {
    type Cache = Mutex<HashMap<(bool, usize), &'static str>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = (matches!(dialect, Dialect::SchemaConversion), rules);
    let mut cache = CACHE.get_or_init(Default::default).lock().expect("cache");
    cache
        .entry(key)
        .or_insert_with(|| Box::leak(document(dialect, rules).into_boxed_str()))
}

fn invalid() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| invalid_document(INVALID_RULES))
}

fn main() {
    divan::main();
}

fn serde_json_value(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(black_box(text)).is_ok_and(|v| v.is_object())
}

#[divan::bench_group]
mod table_mapping {
    use super::*;

    fn text(rules: usize) -> &'static str {
        input(Dialect::TableMapping, rules)
    }

    #[divan::bench(args = SIZES)]
    fn serde_json_baseline(bencher: Bencher, rules: usize) {
        let text = text(rules);
        bencher
            .counter(divan::counter::BytesCount::new(text.len()))
            .bench(|| serde_json_value(text));
    }

    #[divan::bench(args = SIZES)]
    fn syntax(bencher: Bencher, rules: usize) {
        let text = text(rules);
        bencher
            .counter(divan::counter::BytesCount::new(text.len()))
            .bench(|| internals::parse_json(black_box(text)).map(|p| p.value.span));
    }

    #[divan::bench(args = SIZES)]
    fn syntax_and_lowering(bencher: Bencher, rules: usize) {
        let text = text(rules);
        let options = Options::default();
        bencher
            .counter(divan::counter::BytesCount::new(text.len()))
            .bench(|| {
                internals::lower(black_box(text).as_bytes(), &options)
                    .diagnostics()
                    .len()
            });
    }

    #[divan::bench(args = SIZES)]
    fn checks(bencher: Bencher, rules: usize) {
        let text = text(rules);
        let options = Options::default();
        let lowered = internals::lower(text.as_bytes(), &options);
        let document = lowered.document().expect("rules");
        bencher
            .counter(divan::counter::BytesCount::new(text.len()))
            .bench(|| internals::checks(black_box(document), &options).len());
    }

    #[divan::bench(args = SIZES)]
    fn check(bencher: Bencher, rules: usize) {
        let text = text(rules);
        let options = Options::default();
        bencher
            .counter(divan::counter::BytesCount::new(text.len()))
            .bench(|| {
                dms_rules::check(black_box(text), &options)
                    .diagnostics()
                    .len()
            });
    }
}

#[divan::bench_group]
mod schema_conversion {
    use super::*;

    fn text(rules: usize) -> &'static str {
        input(Dialect::SchemaConversion, rules)
    }

    #[divan::bench(args = SIZES)]
    fn serde_json_baseline(bencher: Bencher, rules: usize) {
        let text = text(rules);
        bencher
            .counter(divan::counter::BytesCount::new(text.len()))
            .bench(|| serde_json_value(text));
    }

    #[divan::bench(args = SIZES)]
    fn syntax(bencher: Bencher, rules: usize) {
        let text = text(rules);
        bencher
            .counter(divan::counter::BytesCount::new(text.len()))
            .bench(|| internals::parse_json(black_box(text)).map(|p| p.value.span));
    }

    #[divan::bench(args = SIZES)]
    fn check(bencher: Bencher, rules: usize) {
        let text = text(rules);
        let options = Options::default();
        bencher
            .counter(divan::counter::BytesCount::new(text.len()))
            .bench(|| {
                dms_rules::check(black_box(text), &options)
                    .diagnostics()
                    .len()
            });
    }
}

/// An invalid document of 1,000 rules with about one mistake each.
#[divan::bench_group]
mod invalid {
    use super::*;

    #[divan::bench]
    fn serde_json_baseline() -> bool {
        serde_json_value(invalid())
    }

    #[divan::bench]
    fn check() -> usize {
        dms_rules::check(black_box(invalid()), &Options::default())
            .diagnostics()
            .len()
    }

    /// Every diagnostic rendered as miette's graphical report.
    #[divan::bench]
    fn render_all(bencher: Bencher) {
        let text = invalid();
        let checked = dms_rules::check(text, &Options::default());
        let file = SourceFile::new("invalid.json", text.as_bytes());
        let renderer = Renderer::new(Style::default());
        bencher.bench(|| {
            let mut out = String::new();
            for report in checked.reports(&file) {
                renderer.render_into(&mut out, &report);
            }
            out.len()
        });
    }
}
