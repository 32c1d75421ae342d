//! `explain --target` with columns against `explain` alone, on the same generated rules and
//! catalog: the selection, then every selected object's target name (`Renamer`) and every
//! column of every selected table (`ColumnRenamer`), over a catalog of 20 columns per table.
//!
//! Run with `cargo bench --bench target`. `explain` explains the catalog without its columns;
//! `explain_target` explains the same objects with their columns and names the targets. Both
//! rows of a size run in the same process on the same objects, so their ratio is the figure
//! to read (the goal: within 3x); from one size to the next (10x the rules and tables) the
//! time should grow at most 11x.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Mutex, OnceLock};

use divan::{black_box, Bencher};
use dms_rules::ast::Document;
use dms_rules::select::{
    Catalog, CatalogObject, Column, ColumnBuffer, ColumnRenamer, Renamer, Selector,
};

fn main() {
    divan::main();
}

/// Rules; the catalog has ten tables per rule.
const RULES: &[usize] = &[1_000, 10_000];
const TABLES_PER_RULE: usize = 10;
const COLUMNS: usize = 20;

#[divan::bench(args = RULES, sample_count = 5, sample_size = 1)]
fn explain(bencher: Bencher, rules: usize) {
    let input = input(rules);
    bencher
        .counter(divan::counter::ItemsCount::new(input.bare.objects.len()))
        .bench(|| {
            let selector = Selector::new(black_box(input.document));
            selector.explain(black_box(&input.bare)).selected_count()
        });
}

#[divan::bench(args = RULES, sample_count = 5, sample_size = 1)]
fn explain_target(bencher: Bencher, rules: usize) {
    let input = input(rules);
    bencher
        .counter(divan::counter::ItemsCount::new(input.columns.objects.len()))
        .bench(|| {
            let document = black_box(input.document);
            let catalog = black_box(&input.columns);
            let selector = Selector::new(document);
            let explanation = selector.explain(catalog);
            let targets = Renamer::new(document, catalog.case).targets(catalog, &explanation);
            let renamer = ColumnRenamer::new(document, catalog);
            let mut buffer = ColumnBuffer::default();
            // What a printer reads of each column: its target name and type, and its rules.
            let mut read = 0;
            for (object, target) in catalog.objects.iter().zip(&targets) {
                if target.is_some() {
                    for column in renamer.columns_into(object, &mut buffer).iter() {
                        read += column.rules().len()
                            + column
                                .target
                                .map_or(0, |t| t.name.len() + t.data_type.map_or(0, str::len));
                    }
                }
            }
            (targets.len(), read)
        });
}

/// One size's rules, and its catalog with and without columns.
struct Input {
    document: &'static Document<'static>,
    bare: Catalog,
    columns: Catalog,
}

fn input(rules: usize) -> &'static Input {
    type Cache = Mutex<HashMap<usize, &'static Input>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().expect("cache");
    cache.entry(rules).or_insert_with(|| {
        let text: &'static str = Box::leak(rules_document(rules).into_boxed_str());
        let checked = Box::leak(Box::new(dms_rules::check(
            text,
            &dms_rules::Options::default(),
        )));
        assert!(!checked.has_errors(), "generated rules have errors");
        let document = checked.document().expect("a rules document");
        let tables = rules * TABLES_PER_RULE;
        let bare = Catalog {
            objects: (0..tables)
                .map(|i| CatalogObject::table(schema(i), table(i)))
                .collect(),
            ..Catalog::default()
        };
        let columns = Catalog {
            objects: bare
                .objects
                .iter()
                .map(|o| {
                    o.clone().with_columns((0..COLUMNS).map(|c| {
                        let data_type = if c == COLUMNS - 1 { "CLOB" } else { "VARCHAR2" };
                        Column::new(format!("C{c}"), Some(data_type))
                    }))
                })
                .collect(),
            ..Catalog::default()
        };
        // What the rows measure, said once per size on standard error.
        let selector = Selector::new(document);
        let explanation = selector.explain(&columns);
        let renamer = ColumnRenamer::new(document, &columns);
        let mut changed = 0;
        for (object, verdict) in columns.objects.iter().zip(&explanation.verdicts) {
            if verdict.selected {
                let table = renamer.columns(object);
                changed += table.columns.iter().filter(|c| !c.rules.is_empty()).count();
            }
        }
        eprintln!(
            "{rules} rules: {tables} tables, {} selected, {changed} columns changed or added",
            explanation.selected_count()
        );
        Box::leak(Box::new(Input {
            document,
            bare,
            columns,
        }))
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

/// One schema per 500 tables.
fn schema(i: usize) -> String {
    format!("APP{:03}", i / 500)
}

fn table(i: usize) -> String {
    format!("T_{i:06}")
}

/// Half selection rules (exact tables and prefixes), half transformations: schema and table
/// renames, case and prefix actions, and column renames, removals and type changes on exact
/// tables and on every table of a schema.
fn rules_document(rules: usize) -> String {
    let tables = rules * TABLES_PER_RULE;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::from("{\"rules\": [\n");
    for id in 1..=rules {
        let i = rng.below(tables);
        let (s, t) = (schema(i), table(i));
        let c = rng.below(COLUMNS);
        let rule = if id % 2 == 1 {
            let (name, action) = match rng.below(4) {
                0 | 1 => (t.clone(), "explicit"),
                2 => (format!("{}%", &t[..t.len() - 2]), "include"),
                _ => (format!("{}%", &t[..t.len() - 1]), "exclude"),
            };
            format!(
                r#""rule-type": "selection", "object-locator": {{"schema-name": "{s}", "table-name": "{name}"}}, "rule-action": "{action}""#
            )
        } else {
            let (target, locator, action) = match rng.below(8) {
                0 => (
                    "schema",
                    format!(r#""schema-name": "{s}""#),
                    r#""rule-action": "convert-lowercase""#.to_string(),
                ),
                1 | 2 => (
                    "table",
                    format!(r#""schema-name": "{s}", "table-name": "{t}""#),
                    format!(r#""rule-action": "rename", "value": "N{id}""#),
                ),
                3 => (
                    "table",
                    format!(r#""schema-name": "{s}", "table-name": "%""#),
                    r#""rule-action": "add-prefix", "value": "P_""#.to_string(),
                ),
                4 => (
                    "column",
                    format!(r#""schema-name": "{s}", "table-name": "{t}", "column-name": "C{c}""#),
                    format!(r#""rule-action": "rename", "value": "R{id}""#),
                ),
                5 => (
                    "column",
                    format!(r#""schema-name": "{s}", "table-name": "{t}", "column-name": "C{c}""#),
                    r#""rule-action": "remove-column""#.to_string(),
                ),
                6 => (
                    "column",
                    format!(r#""schema-name": "{s}", "table-name": "%", "column-name": "C{c}""#),
                    r#""rule-action": "change-data-type", "data-type": {"type": "string", "length": "50"}"#
                        .to_string(),
                ),
                _ => (
                    "column",
                    format!(r#""schema-name": "{s}", "table-name": "T%", "column-name": "%""#),
                    r#""rule-action": "convert-lowercase""#.to_string(),
                ),
            };
            format!(
                r#""rule-type": "transformation", "rule-target": "{target}", "object-locator": {{{locator}}}, {action}"#
            )
        };
        let _ = write!(
            out,
            "{}{{\"rule-id\": \"{id}\", \"rule-name\": \"r{id}\", {rule}}}",
            if id == 1 { "" } else { ",\n" }
        );
    }
    out.push_str("\n]}\n");
    out
}
