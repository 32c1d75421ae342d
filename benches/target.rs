//! `explain --target` with columns against `explain` alone, on the same generated rules and
//! catalog: the selection, then every selected object's target name (`Renamer`) and every
//! column of every selected table (`ColumnRenamer`), over a catalog of 20 columns per table.
//!
//! Run with `cargo bench --bench target`. `explain` explains the catalog without its columns;
//! `explain_target` explains the same objects with their columns and names the targets. The
//! table printed first times them interleaved, round by round, with the columns alone beside
//! them: its median ratio is the figure to read (the goal: within 3x). The divan rows after it
//! give each one's spread; from one size to the next (10x the rules and tables) the time
//! should grow at most 11x.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Mutex, OnceLock};

use divan::{black_box, Bencher};
use dms_rules::ast::Document;
use dms_rules::select::{
    Catalog, CatalogObject, Column, ColumnBuffer, ColumnRenamer, Renamer, Selector,
};

fn main() {
    interleaved_ratios();
    divan::main();
}

/// The ratio read against the goal, robust to a shared machine: each round times `explain`,
/// then `explain --target`, then naming the columns alone (over the tables already selected),
/// one run each; the medians of the per-round ratios and times are printed. Runs next to each
/// other see the same load, which the divan rows below (all of one, then all of the other) do
/// not.
fn interleaved_ratios() {
    const ROUNDS: usize = 15;
    fn median(values: &mut [f64]) -> f64 {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    }
    fn timed(f: impl FnOnce() -> usize) -> f64 {
        let start = std::time::Instant::now();
        black_box(f());
        start.elapsed().as_secs_f64()
    }
    println!("| rules | explain | explain --target | ratio | columns alone | columns named | per column |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for &rules in RULES {
        let input = input(rules);
        let selected: Vec<&CatalogObject> = {
            let explanation = Selector::new(input.document).explain(&input.columns);
            input
                .columns
                .objects
                .iter()
                .zip(&explanation.verdicts)
                .filter(|(_, v)| v.selected)
                .map(|(o, _)| o)
                .collect()
        };
        let named: usize = selected.iter().map(|o| o.columns.len()).sum();
        let (mut bare, mut target, mut ratios, mut alone) = (vec![], vec![], vec![], vec![]);
        for _ in 0..ROUNDS {
            let b = timed(|| explain_once(input));
            let t = timed(|| explain_target_once(input));
            let c = timed(|| name_columns(input, &selected));
            bare.push(b);
            target.push(t);
            ratios.push(t / b);
            alone.push(c);
        }
        let ms = |v: &mut Vec<f64>| median(v) * 1e3;
        let per_column = median(&mut alone) * 1e9 / named as f64;
        println!(
            "| {rules} | {:.1} ms | {:.1} ms | {:.2}x | {:.1} ms | {named} | {per_column:.0} ns |",
            ms(&mut bare),
            ms(&mut target),
            median(&mut ratios),
            ms(&mut alone),
        );
    }
}

/// What the `explain` row times.
fn explain_once(input: &Input) -> usize {
    let selector = Selector::new(black_box(input.document));
    selector.explain(black_box(&input.bare)).selected_count()
}

/// What the `explain_target` row times: the selection, the target names, and every column of
/// every selected table named as a printer reads them.
fn explain_target_once(input: &Input) -> usize {
    let document = black_box(input.document);
    let catalog = black_box(&input.columns);
    let selector = Selector::new(document);
    let explanation = selector.explain(catalog);
    let targets = Renamer::new(document, catalog.case).targets(catalog, &explanation);
    let renamer = ColumnRenamer::new(document, catalog);
    let mut buffer = ColumnBuffer::default();
    // What a printer reads of each column: its target name and type, and its rules.
    let mut read = targets.len();
    for (object, target) in catalog.objects.iter().zip(&targets) {
        if target.is_some() {
            read += read_columns(&renamer, object, &mut buffer);
        }
    }
    read
}

/// Naming the columns of tables already selected, alone.
fn name_columns(input: &Input, selected: &[&CatalogObject]) -> usize {
    let renamer = ColumnRenamer::new(black_box(input.document), &input.columns);
    let mut buffer = ColumnBuffer::default();
    selected
        .iter()
        .map(|object| read_columns(&renamer, object, &mut buffer))
        .sum()
}

/// Names one table's columns and reads what a printer reads: each target name and type, and
/// the rules.
fn read_columns(
    renamer: &ColumnRenamer,
    object: &CatalogObject,
    buffer: &mut ColumnBuffer,
) -> usize {
    renamer
        .columns_into(object, buffer)
        .iter()
        .map(|column| {
            column.rules().len()
                + column
                    .target
                    .map_or(0, |t| t.name.len() + t.data_type.map_or(0, str::len))
        })
        .sum()
}

/// Rules; the catalog has ten tables per rule.
const RULES: &[usize] = &[1_000, 10_000];
const TABLES_PER_RULE: usize = 10;
const COLUMNS: usize = 20;

#[divan::bench(args = RULES, sample_count = 15, sample_size = 1)]
fn explain(bencher: Bencher, rules: usize) {
    let input = input(rules);
    bencher
        .counter(divan::counter::ItemsCount::new(input.bare.objects.len()))
        .bench(|| explain_once(input));
}

#[divan::bench(args = RULES, sample_count = 15, sample_size = 1)]
fn explain_target(bencher: Bencher, rules: usize) {
    let input = input(rules);
    bencher
        .counter(divan::counter::ItemsCount::new(input.columns.objects.len()))
        .bench(|| explain_target_once(input));
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
