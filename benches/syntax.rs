//! The syntax layer against `serde_json::from_str::<serde_json::Value>` on the same text.
//!
//! Run with `cargo bench --bench syntax`; compare the two rows of each size: the ratio is the
//! figure that matters, since both run in the same process on the same input.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use divan::{black_box, Bencher};

mod support;

use support::generate::{document, Dialect};

const SIZES: &[usize] = &[1_000, 100_000];

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

fn main() {
    divan::main();
}

#[divan::bench(args = SIZES)]
fn dms_rules_syntax(bencher: Bencher, rules: usize) {
    let text = input(Dialect::TableMapping, rules);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| dms_rules::syntax::parse(black_box(text)).map(|p| p.value.span));
}

#[divan::bench(args = SIZES)]
fn serde_json_value(bencher: Bencher, rules: usize) {
    let text = input(Dialect::TableMapping, rules);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            serde_json::from_str::<serde_json::Value>(black_box(text)).map(|v| v.is_object())
        });
}

#[divan::bench(args = SIZES)]
fn dms_rules_syntax_schema_conversion(bencher: Bencher, rules: usize) {
    let text = input(Dialect::SchemaConversion, rules);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| dms_rules::syntax::parse(black_box(text)).map(|p| p.value.span));
}

#[divan::bench(args = SIZES)]
fn serde_json_value_schema_conversion(bencher: Bencher, rules: usize) {
    let text = input(Dialect::SchemaConversion, rules);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            serde_json::from_str::<serde_json::Value>(black_box(text)).map(|v| v.is_object())
        });
}
