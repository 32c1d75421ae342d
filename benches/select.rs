//! `Selector::explain` (the rule index) against the naive loop that tries every rule on every
//! object, on generated table-mapping rules and catalogs of ten objects per rule.
//!
//! Run with `cargo bench --bench select`; both rows of a size run in the same process on the
//! same input, so their ratio is the figure to read. The naive loop at 10,000 rules makes a
//! billion rule tests, so it is sampled only a few times.
//!
//! `transformation_conflicts` is read against `indexed`, on the same catalog: as many
//! transformations as selection rules, most of them column renames on `%`.`%` (each acts on
//! every table), which a pairwise comparison per table would make quadratic.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Mutex, OnceLock};

use divan::{black_box, Bencher};
use dms_rules::ast::Document;
use dms_rules::select::{Catalog, CatalogObject, Kind, Selector};

fn main() {
    divan::main();
}

const RULES: &[usize] = &[1_000, 10_000];
const OBJECTS_PER_RULE: usize = 10;

#[divan::bench(args = RULES, sample_count = 10, sample_size = 1)]
fn indexed(bencher: Bencher, rules: usize) {
    let (document, catalog) = input(rules);
    bencher
        .counter(divan::counter::ItemsCount::new(catalog.objects.len()))
        .bench(|| {
            let selector = Selector::new(black_box(document));
            selector.explain(black_box(catalog)).selected_count()
        });
}

#[divan::bench(args = RULES, sample_count = 3, sample_size = 1)]
fn naive(bencher: Bencher, rules: usize) {
    let (document, catalog) = input(rules);
    let selector = Selector::new(document);
    bencher
        .counter(divan::counter::ItemsCount::new(catalog.objects.len()))
        .bench(|| {
            dms_rules::internals::explain_naive(&selector, black_box(catalog)).selected_count()
        });
}

#[divan::bench(args = RULES, sample_count = 10, sample_size = 1)]
fn transformation_conflicts(bencher: Bencher, rules: usize) {
    let (_, catalog) = input(rules);
    let document = transformations(rules);
    bencher
        .counter(divan::counter::ItemsCount::new(catalog.objects.len()))
        .bench(|| {
            dms_rules::select::transformation_conflicts(black_box(document), black_box(catalog))
                .len()
        });
}

/// `rules` transformations over the catalog of `input(rules)`: column renames on every table,
/// table renames and column removals on exact tables, and a prefix on every table of a schema.
fn transformations(rules: usize) -> &'static Document<'static> {
    type Cache = Mutex<HashMap<usize, &'static Document<'static>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().expect("cache");
    cache.entry(rules).or_insert_with(|| {
        let objects = rules * OBJECTS_PER_RULE;
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut out = String::from("{\"rules\": [\n");
        let _ = write!(
            out,
            r#"{{"rule-type": "selection", "rule-id": "1", "rule-name": "all", "object-locator": {{"schema-name": "%", "table-name": "%"}}, "rule-action": "include"}}"#
        );
        for id in 2..=rules + 1 {
            let i = rng.below(objects);
            let (target, locator, action) = match rng.below(10) {
                0..=5 => (
                    "column",
                    format!(r#""schema-name": "%", "table-name": "%", "column-name": "C{id}""#),
                    r#""rule-action": "rename", "value": "N""#,
                ),
                6 | 7 => (
                    "table",
                    format!(r#""schema-name": "{}", "table-name": "{}""#, schema(i), object_name(i)),
                    r#""rule-action": "rename", "value": "N""#,
                ),
                8 => (
                    "column",
                    format!(
                        r#""schema-name": "{}", "table-name": "{}", "column-name": "C{}""#,
                        schema(i),
                        object_name(i),
                        rng.below(rules) + 2
                    ),
                    r#""rule-action": "remove-column""#,
                ),
                _ => (
                    "table",
                    format!(r#""schema-name": "{}", "table-name": "%""#, schema(i)),
                    r#""rule-action": "add-prefix", "value": "P_""#,
                ),
            };
            let _ = write!(
                out,
                ",\n{{\"rule-type\": \"transformation\", \"rule-id\": \"{id}\", \"rule-name\": \"t{id}\", \"rule-target\": \"{target}\", \"object-locator\": {{{locator}}}, {action}}}"
            );
        }
        out.push_str("\n]}\n");
        let text: &'static str = Box::leak(out.into_boxed_str());
        let checked = Box::leak(Box::new(dms_rules::check(
            text,
            &dms_rules::Options::default(),
        )));
        assert!(!checked.has_errors(), "generated rules have errors");
        checked.document().expect("a rules document")
    })
}

/// The generated rules and catalog, made once per size.
fn input(rules: usize) -> (&'static Document<'static>, &'static Catalog) {
    type Cache = Mutex<HashMap<usize, (&'static Document<'static>, &'static Catalog)>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().expect("cache");
    *cache.entry(rules).or_insert_with(|| {
        let text: &'static str = Box::leak(rules_document(rules).into_boxed_str());
        let checked = Box::leak(Box::new(dms_rules::check(
            text,
            &dms_rules::Options::default(),
        )));
        assert!(!checked.has_errors(), "generated rules have errors");
        let document = checked.document().expect("a rules document");
        let catalog = Box::leak(Box::new(catalog(rules * OBJECTS_PER_RULE)));
        (document, &*catalog)
    })
}

/// A small deterministic generator (xorshift), so runs compare.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const STEMS: &[&str] = &[
    "ORDERS",
    "ORDER_ITEMS",
    "CUSTOMERS",
    "INVOICES",
    "TMP_LOAD",
    "AUDIT_LOG",
    "STG_SALES",
    "PAYMENTS",
    "SHIPMENTS",
    "PRODUCTS",
];

/// One schema per 500 objects.
fn schema(i: usize) -> String {
    format!("APP{:03}", i / 500)
}

fn object_name(i: usize) -> String {
    format!("{}_{:05}", STEMS[i % STEMS.len()], i)
}

fn catalog(objects: usize) -> Catalog {
    Catalog {
        objects: (0..objects)
            .map(|i| CatalogObject {
                kind: if i % 7 == 0 { Kind::View } else { Kind::TABLE },
                ..CatalogObject::table(schema(i), object_name(i))
            })
            .collect(),
        ..Catalog::default()
    }
}

/// Explicit tables, prefix includes, excludes by suffix, and a few rules with wildcard
/// schemas: the shapes real task mappings have, over the catalog of `rules * 10` objects.
fn rules_document(rules: usize) -> String {
    let objects = rules * OBJECTS_PER_RULE;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::from("{\"rules\": [\n");
    for id in 1..=rules {
        let i = rng.below(objects);
        let (schema, table, action) = match rng.below(20) {
            0..=7 => (schema(i), object_name(i), "explicit"),
            8..=15 => {
                let name = object_name(i);
                (
                    schema(i),
                    format!("{}%", &name[..name.len() - 2]),
                    "include",
                )
            }
            16..=18 => (
                schema(i),
                format!("{}%[_]BAK", STEMS[i % STEMS.len()]),
                "exclude",
            ),
            _ => (
                format!("APP{}%", i % 10),
                "AUDIT[_]%".to_string(),
                "include",
            ),
        };
        if id > 1 {
            out.push_str(",\n");
        }
        let _ = write!(
            out,
            r#"{{"rule-type": "selection", "rule-id": "{id}", "rule-name": "r{id}", "object-locator": {{"schema-name": "{schema}", "table-name": "{table}", "table-type": "all"}}, "rule-action": "{action}"}}"#
        );
    }
    out.push_str("\n]}\n");
    out
}
