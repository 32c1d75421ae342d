//! The selection library: `dms::rule_matches_nothing` and `dms::conflicting_transformation`
//! pinned against catalogs, and property tests of the matcher (against a regex), the index
//! (against the naive loop) and the CSV reader.

use dms_rules::select::{
    catalog_findings, transformation_conflicts, unmatched_rules, Catalog, CatalogObject, Kind,
    NameCase, Selector,
};
use dms_rules::{check, Code, Options};
use proptest::prelude::*;

use crate::support::{assert_snapshot, fixtures, json_files, snapshot_of};

/// Each `catalog/<case>.json` against `<case>.csv`: every diagnostic pinned, then rendered.
#[test]
fn rule_matches_nothing_is_labelled_where_the_catalog_differs() {
    let cases = json_files(&fixtures().join("catalog"));
    assert!(cases.len() >= 2);
    let mut failures = Vec::new();
    for path in cases {
        let source = std::fs::read(&path).expect("rules");
        let checked = check(&source, &Options::default());
        assert!(!checked.has_errors(), "{}", path.display());
        let document = checked.document().expect("document");
        let csv = std::fs::read(path.with_extension("csv")).expect("catalog");
        let catalog = Catalog::from_csv(&csv).expect("valid catalog");
        let diagnostics = unmatched_rules(document, &catalog);
        assert!(!diagnostics.is_empty(), "{}", path.display());
        assert!(diagnostics
            .iter()
            .all(|d| d.code == Code::RuleMatchesNothing));
        let name = path
            .strip_prefix(fixtures())
            .unwrap_or(&path)
            .display()
            .to_string();
        let actual = snapshot_of(&name, &source, &diagnostics);
        if let Err(e) = assert_snapshot(&path.with_extension("snap"), &actual) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Each `catalog-transformations/<case>.json` against `<case>.csv`: the transformations that
/// another keeps from acting on objects both match, pinned and rendered.
#[test]
fn overlapping_transformations_name_the_objects_both_match() {
    let cases = json_files(&fixtures().join("catalog-transformations"));
    assert!(cases.len() >= 2);
    let mut failures = Vec::new();
    for path in cases {
        let source = std::fs::read(&path).expect("rules");
        let checked = check(&source, &Options::default());
        assert!(!checked.has_errors(), "{}", path.display());
        let document = checked.document().expect("document");
        let csv = std::fs::read(path.with_extension("csv")).expect("catalog");
        let catalog = Catalog::from_csv(&csv).expect("valid catalog");
        let diagnostics = transformation_conflicts(document, &catalog);
        assert!(!diagnostics.is_empty(), "{}", path.display());
        assert!(diagnostics
            .iter()
            .all(|d| d.code == Code::ConflictingTransformation));
        // What the document check reports is not reported twice.
        for found in checked.diagnostics() {
            assert!(
                !diagnostics.contains(found),
                "{}: {found:?}",
                path.display()
            );
        }
        let name = path
            .strip_prefix(fixtures())
            .unwrap_or(&path)
            .display()
            .to_string();
        let actual = snapshot_of(&name, &source, &diagnostics);
        if let Err(e) = assert_snapshot(&path.with_extension("snap"), &actual) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn transformations_on_objects_the_catalog_lacks_do_not_conflict() {
    let source = r#"{"rules": [
        {"rule-type": "selection", "rule-id": "1", "rule-name": "a", "rule-action": "include",
         "object-locator": {"schema-name": "%", "table-name": "%"}},
        {"rule-type": "transformation", "rule-id": "2", "rule-name": "b", "rule-target": "table",
         "rule-action": "convert-lowercase", "object-locator": {"schema-name": "%", "table-name": "A%"}},
        {"rule-type": "transformation", "rule-id": "3", "rule-name": "c", "rule-target": "table",
         "rule-action": "add-prefix", "value": "X_", "object-locator": {"schema-name": "%", "table-name": "%B"}}]}"#;
    let checked = check(source, &Options::default());
    let document = checked.document().expect("document");
    let apart = Catalog {
        objects: vec![
            CatalogObject::table("HR", "AX"),
            CatalogObject::table("HR", "XB"),
        ],
        ..Catalog::default()
    };
    assert_eq!(transformation_conflicts(document, &apart), []);
    let both = Catalog {
        objects: vec![CatalogObject::table("HR", "AB")],
        ..Catalog::default()
    };
    let found = transformation_conflicts(document, &both);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "this `add-prefix` (rule 3) does nothing to `HR.AB`: rule 2 transforms it first"
    );
}

#[test]
fn a_rule_that_matches_is_not_reported() {
    let source = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "a",
        "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "exclude"}]}"#;
    let checked = check(source, &Options::default());
    let document = checked.document().expect("document");
    let catalog = Catalog {
        objects: vec![CatalogObject::table("HR", "EMP")],
        ..Catalog::default()
    };
    // An exclude with nothing to exclude from still matches: it is not "nothing".
    assert_eq!(unmatched_rules(document, &catalog), []);
    let empty = unmatched_rules(document, &Catalog::default());
    assert_eq!(empty.len(), 1);
    assert_eq!(empty[0].primary.text, "the catalog holds no object");
}

// --- The matcher against a regex -------------------------------------------------------

/// A piece of a generated pattern.
#[derive(Debug, Clone)]
enum Gen {
    Literal(char),
    AnyRun,
    AnyChar,
    LiteralUnderscore,
    LiteralPercent,
    Set(Vec<char>),
    Range(char, char),
}

/// Characters for names and literals: ASCII, non-ASCII, and the pattern's own specials.
const NAME_CHARS: &[char] = &[
    'a', 'b', 'A', 'x', '\u{e9}', '\u{65e5}', '-', ']', '%', '_', '[',
];
const LITERAL_CHARS: &[char] = &['a', 'b', 'A', 'x', '\u{e9}', '\u{65e5}', '-', ']'];
const SET_CHARS: &[char] = &['a', 'b', 'x', '\u{e9}', '%', '_', '[', '\u{65e5}'];

fn gen_piece() -> impl Strategy<Value = Gen> {
    prop_oneof![
        4 => prop::sample::select(LITERAL_CHARS).prop_map(Gen::Literal),
        2 => Just(Gen::AnyRun),
        2 => Just(Gen::AnyChar),
        1 => Just(Gen::LiteralUnderscore),
        1 => Just(Gen::LiteralPercent),
        1 => prop::collection::vec(prop::sample::select(SET_CHARS), 2..4).prop_map(Gen::Set),
        1 => (prop::sample::select(SET_CHARS), prop::sample::select(SET_CHARS))
            .prop_map(|(a, b)| Gen::Range(a.min(b), a.max(b))),
    ]
}

fn dms_text(pieces: &[Gen]) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Gen::Literal(c) => c.to_string(),
            Gen::AnyRun => "%".into(),
            Gen::AnyChar => "_".into(),
            Gen::LiteralUnderscore => "[_]".into(),
            Gen::LiteralPercent => "[%]".into(),
            Gen::Set(chars) => format!("[{}]", chars.iter().collect::<String>()),
            Gen::Range(a, b) => format!("[{a}-{b}]"),
        })
        .collect()
}

fn regex_text(pieces: &[Gen]) -> String {
    let class = |c: &char| format!("\\x{{{:X}}}", *c as u32);
    let body: String = pieces
        .iter()
        .map(|piece| match piece {
            Gen::Literal(c) => regex::escape(&c.to_string()),
            Gen::AnyRun => "(?s:.*)".into(),
            Gen::AnyChar => "(?s:.)".into(),
            Gen::LiteralUnderscore => "_".into(),
            Gen::LiteralPercent => "%".into(),
            Gen::Set(chars) => format!("[{}]", chars.iter().map(class).collect::<String>()),
            Gen::Range(a, b) => format!("[{}-{}]", class(a), class(b)),
        })
        .collect();
    format!("^(?:{body})$")
}

/// A name that fits the pattern, built piece by piece from `fills`.
fn fitting_name(pieces: &[Gen], fills: &[String]) -> String {
    pieces
        .iter()
        .zip(fills.iter().cycle())
        .map(|(piece, fill)| match piece {
            Gen::Literal(c) => c.to_string(),
            Gen::AnyRun => fill.clone(),
            Gen::AnyChar => fill.chars().next().unwrap_or('q').to_string(),
            Gen::LiteralUnderscore => "_".into(),
            Gen::LiteralPercent => "%".into(),
            Gen::Set(chars) => chars[fill.len() % chars.len()].to_string(),
            Gen::Range(a, _) => a.to_string(),
        })
        .collect()
}

fn name_text(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(NAME_CHARS), len)
        .prop_map(|chars| chars.into_iter().collect())
}

/// A generated pattern and a name to test: random, or one built to fit and then perhaps
/// changed by one character.
fn pattern_and_name() -> impl Strategy<Value = (Vec<Gen>, String)> {
    (
        prop::collection::vec(gen_piece(), 1..8),
        prop::collection::vec(name_text(0..4), 1..4),
        name_text(0..10),
        0..3u8,
        any::<prop::sample::Index>(),
        prop::sample::select(NAME_CHARS),
    )
        .prop_map(|(pieces, fills, random, mode, at, c)| {
            let name = match mode {
                0 => random,
                _ => {
                    let mut chars: Vec<char> = fitting_name(&pieces, &fills).chars().collect();
                    if mode == 2 {
                        let i = at.index(chars.len() + 1);
                        if i < chars.len() {
                            chars[i] = c;
                        } else {
                            chars.push(c);
                        }
                    }
                    chars.into_iter().collect()
                }
            };
            (pieces, name)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn matcher_agrees_with_a_regex((pieces, name) in pattern_and_name()) {
        let text = dms_text(&pieces);
        let pattern = dms_rules::internals::parse_pattern(&text, dms_rules::Span::new)
            .expect("generated patterns are valid");
        let matcher = dms_rules::internals::NameMatcher::from_pattern(&pattern);
        let reference = regex::Regex::new(&regex_text(&pieces)).expect("valid regex");
        prop_assert_eq!(
            matcher.matches(&name),
            reference.is_match(&name),
            "pattern `{}` against `{}`", text, name
        );
    }
}

// --- The index against the naive loop ------------------------------------------------

const SCHEMAS: &[&str] = &["HR", "hr", "S_1", "Sales", "SX1"];
const SCHEMA_PATTERNS: &[&str] = &["%", "H%", "S[_]%", "S_1", "_R", "Sa%s"];
const TABLES: &[&str] = &[
    "EMP",
    "EMPLOYEES",
    "emp",
    "TMP_A",
    "TMPXA",
    "V_X",
    "\u{e9}t\u{e9}",
];
const TABLE_PATTERNS: &[&str] = &[
    "%", "EMP%", "T%", "%S", "_MP", "[EV]%", "TMP[_]%", "\u{e9}%",
];

#[derive(Debug, Clone)]
struct GenRule {
    action: &'static str,
    schema: &'static str,
    object: Option<(&'static str, &'static str)>,
    table_type: Option<&'static str>,
    server: &'static str,
}

fn gen_rule(schema_conversion: bool) -> impl Strategy<Value = GenRule> {
    let action = prop::sample::select(&["include", "include", "exclude", "explicit"][..]);
    (
        action,
        prop::sample::select(SCHEMAS),
        prop::sample::select(SCHEMA_PATTERNS),
        prop::sample::select(TABLES),
        prop::sample::select(TABLE_PATTERNS),
        0..4u8,
        prop::option::of(prop::sample::select(&["table", "view", "all"][..])),
        prop::sample::select(&["s1", "s2"][..]),
    )
        .prop_map(
            move |(
                action,
                schema,
                schema_pattern,
                table,
                table_pattern,
                leaf,
                table_type,
                server,
            )| {
                // Explicit names are exact; the others may be patterns.
                let wild = action != "explicit";
                let schema = if wild && leaf % 2 == 0 {
                    schema_pattern
                } else {
                    schema
                };
                let name = if wild && leaf < 2 {
                    table_pattern
                } else {
                    table
                };
                let object = match (schema_conversion, leaf) {
                    (true, 3) => None,
                    (true, 2) => Some(("procedure-name", name)),
                    _ => Some(("table-name", name)),
                };
                let table_type = match (schema_conversion, table_type, object) {
                    (_, _, Some((key, _))) if key != "table-name" => None,
                    (true, Some("all"), _) => None,
                    (_, t, _) => t,
                };
                GenRule {
                    action,
                    schema,
                    object,
                    table_type,
                    server,
                }
            },
        )
}

fn document(rules: &[GenRule], ids: &[u32], schema_conversion: bool) -> String {
    let rules: Vec<serde_json::Value> = rules
        .iter()
        .zip(ids)
        .map(|(rule, id)| {
            let mut locator = serde_json::Map::new();
            if schema_conversion {
                locator.insert("server-name".into(), rule.server.into());
            }
            locator.insert("schema-name".into(), rule.schema.into());
            if let Some((key, name)) = rule.object {
                locator.insert(key.into(), name.into());
            }
            if let Some(table_type) = rule.table_type {
                locator.insert("table-type".into(), table_type.into());
            }
            serde_json::json!({
                "rule-type": "selection",
                "rule-id": id.to_string(),
                "rule-name": format!("r{id}"),
                "object-locator": locator,
                "rule-action": rule.action,
            })
        })
        .collect();
    serde_json::json!({ "rules": rules }).to_string()
}

fn gen_object() -> impl Strategy<Value = CatalogObject> {
    (
        prop::option::of(prop::sample::select(&["s1", "s2"][..])),
        prop::sample::select(SCHEMAS),
        prop::sample::select(TABLES),
        prop::sample::select(&["table", "view", "procedure", "function", "sequence"][..]),
    )
        .prop_map(|(server, schema, name, kind)| CatalogObject {
            server: server.map(str::to_string),
            database: None,
            schema: schema.to_string(),
            name: name.to_string(),
            kind: Kind::parse(kind).expect("kind"),
            columns: Vec::new(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn index_agrees_with_the_naive_loop(
        schema_conversion in any::<bool>(),
        rules in prop::collection::vec(gen_rule(false), 1..24),
        sc_rules in prop::collection::vec(gen_rule(true), 1..24),
        ids in Just(()).prop_perturb(|_, mut rng| {
            // Distinct ids in shuffled order, so application order differs from document order.
            let mut ids: Vec<u32> = (1..=24).collect();
            for i in (1..ids.len()).rev() {
                ids.swap(i, (rng.next_u32() as usize) % (i + 1));
            }
            ids
        }),
        objects in prop::collection::vec(gen_object(), 0..40),
    ) {
        let rules = if schema_conversion { sc_rules } else { rules };
        let text = document(&rules, &ids, schema_conversion);
        let checked = check(&text, &Options::default());
        prop_assert!(!checked.has_errors(), "{}", text);
        let document = checked.document().expect("document");
        let catalog = Catalog {
            objects,
            ..Catalog::default()
        };
        let selector = Selector::new(document);
        prop_assert_eq!(selector.explain(&catalog), dms_rules::internals::explain_naive(&selector, &catalog));
    }
}

// --- The CSV reader -------------------------------------------------------------------

fn csv_field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn field_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(
            &[
                'a', 'Z', ',', '"', '\n', '\r', ' ', '\u{e9}', '\u{65e5}', ';',
            ][..],
        ),
        1..8,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn csv_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = Catalog::from_csv(&bytes);
        let mut text = b"schema,name,kind\n".to_vec();
        text.extend_from_slice(&bytes);
        let _ = Catalog::from_csv(&text);
    }

    #[test]
    fn csv_fields_read_back_as_written(
        rows in prop::collection::vec((field_text(), field_text(), any::<bool>()), 0..10),
        crlf in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("name,schema,kind{end}");
        for (schema, name, view) in &rows {
            let kind = if *view { "view" } else { "" };
            text.push_str(&format!("{},{},{kind}{end}", csv_field(name), csv_field(schema)));
        }
        let catalog = Catalog::from_csv(text.as_bytes()).expect("valid CSV");
        let read: Vec<(String, String, bool)> = catalog
            .objects
            .into_iter()
            .map(|o| (o.schema, o.name, o.kind == Kind::View))
            .collect();
        prop_assert_eq!(read, rows);
    }
}

#[test]
fn a_catalog_that_ignores_case_matches_the_rules_without_case() {
    let source = r#"{"rules": [
        {"rule-type": "selection", "rule-id": "1", "rule-name": "emp",
         "object-locator": {"schema-name": "HR", "table-name": "EMP[A-Z]%"}, "rule-action": "include"},
        {"rule-type": "selection", "rule-id": "2", "rule-name": "jobs",
         "object-locator": {"schema-name": "Hr", "table-name": "Jobs"}, "rule-action": "explicit"}]}"#;
    let checked = check(source, &Options::default());
    let document = checked.document().expect("document");
    let objects = vec![
        CatalogObject::table("hr", "employees"),
        CatalogObject::table("hr", "jobs"),
        CatalogObject::table("hr", "emp"),
    ];
    let sensitive = Catalog {
        objects: objects.clone(),
        case: NameCase::Sensitive,
        ..Catalog::default()
    };
    let insensitive = Catalog {
        objects,
        case: NameCase::Insensitive,
        ..Catalog::default()
    };
    let selector = Selector::new(document);

    let exact = selector.explain(&sensitive);
    assert_eq!(exact.selected_count(), 0);
    assert_eq!(unmatched_rules(document, &sensitive).len(), 2);

    let folded = selector.explain(&insensitive);
    let selected: Vec<(bool, Option<usize>)> = folded
        .verdicts
        .iter()
        .map(|v| (v.selected, v.decided_by))
        .collect();
    assert_eq!(selected, [(true, Some(0)), (true, Some(1)), (false, None)]);
    assert_eq!(unmatched_rules(document, &insensitive), []);
    // The index and the naive loop agree on the folded names too.
    assert_eq!(
        folded,
        dms_rules::internals::explain_naive(&selector, &insensitive)
    );
}

/// The options a `catalog-target/<case>.args` file names: `--source-engine`,
/// `--target-engine` and `--migration-type`, as on the command line.
fn case_options(path: &std::path::Path) -> Options {
    let text = std::fs::read_to_string(path.with_extension("args")).expect("the case's args");
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut options = Options::default();
    for pair in words.chunks(2) {
        match pair {
            ["--source-engine", engine] => options.source_engine = Some(engine.parse().unwrap()),
            ["--target-engine", engine] => options.target_engine = Some(engine.parse().unwrap()),
            ["--migration-type", kind] => options.migration_type = Some(kind.parse().unwrap()),
            other => panic!("{}: unknown option {other:?}", path.display()),
        }
    }
    options
}

/// Each `catalog-target/<case>.json` against `<case>.csv`, with the options of `<case>.args`:
/// every finding of the catalog pinned, then rendered; together the cases raise each target
/// code.
#[test]
fn target_findings_are_labelled_on_the_rules_that_made_the_names() {
    let cases = json_files(&fixtures().join("catalog-target"));
    let mut failures = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for path in cases {
        let source = std::fs::read(&path).expect("rules");
        let options = case_options(&path);
        let checked = check(&source, &options);
        assert!(!checked.has_errors(), "{}", path.display());
        let document = checked.document().expect("document");
        let csv = std::fs::read(path.with_extension("csv")).expect("catalog");
        let catalog = Catalog::from_csv(&csv).expect("valid catalog");
        let diagnostics = catalog_findings(document, &catalog, &options);
        assert!(!diagnostics.is_empty(), "{}", path.display());
        seen.extend(diagnostics.iter().map(|d| d.code));
        let name = path
            .strip_prefix(fixtures())
            .unwrap_or(&path)
            .display()
            .to_string();
        let actual = snapshot_of(&name, &source, &diagnostics);
        if let Err(e) = assert_snapshot(&path.with_extension("snap"), &actual) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    for code in [
        Code::TargetCollision,
        Code::TargetNameTooLong,
        Code::UppercaseTarget,
        Code::ViewsNotSelected,
        Code::ViewInCdc,
        Code::UnknownColumn,
        Code::LobColumnTransformation,
        Code::SpecialCharacterColumn,
    ] {
        assert!(seen.contains(&code), "no case raises {code}");
    }
}

/// Over 2 MB of table mapping: one warning on the `[` of `rules`; at 2 MB, none.
#[test]
fn mapping_too_large_is_labelled_on_the_rules_array() {
    let rule = |i: usize| {
        format!(
            r#"{{"rule-type": "selection", "rule-id": "{i}", "rule-name": "r{i}", "rule-action": "include", "object-locator": {{"schema-name": "HR", "table-name": "T{i}"}}}}"#
        )
    };
    let document = |rules: usize, pad: usize| {
        let rules: Vec<String> = (1..=rules).map(rule).collect();
        format!("{{\"rules\": [{}]{}}}", rules.join(","), " ".repeat(pad))
    };
    let limit = 2 * 1024 * 1024;
    let base = document(10_000, 0);
    assert!(base.len() < limit);
    let at_limit = document(10_000, limit - base.len());
    assert_eq!(at_limit.len(), limit);
    let over = document(10_000, limit - base.len() + 1);
    let codes = |text: &str| -> Vec<(Code, std::ops::Range<usize>)> {
        check(text.as_bytes(), &Options::default())
            .diagnostics()
            .iter()
            .map(|d| (d.code, d.labels().next().expect("a label").span.range()))
            .collect()
    };
    assert_eq!(codes(&at_limit), []);
    let bracket = over.find('[').expect("the rules array");
    assert_eq!(
        codes(&over),
        [(Code::MappingTooLarge, bracket..bracket + 1)]
    );
    // Schema Conversion rules go to another API, without the limit.
    let sc = over.replace(r#""schema-name""#, r#""server-name": "s", "schema-name""#);
    assert!(sc.len() > limit);
    assert!(!codes(&sc).iter().any(|(c, _)| *c == Code::MappingTooLarge));
}

/// The `convert-lowercase` rules `dms::uppercase_target` offers read back without error and
/// leave every target name in lower case.
#[test]
fn uppercase_target_fix_lowers_every_target_name() {
    let path = fixtures().join("catalog-target/uppercase-oracle-postgres.json");
    let source = std::fs::read_to_string(&path).expect("rules");
    let options = case_options(&path);
    let csv = std::fs::read(path.with_extension("csv")).expect("catalog");
    let catalog = Catalog::from_csv(&csv).expect("valid catalog");
    let checked = check(source.as_bytes(), &options);
    let found = catalog_findings(checked.document().expect("document"), &catalog, &options);
    let fixed = dms_rules::diagnostic::fix::apply(
        &source,
        &found,
        dms_rules::diagnostic::Applicability::Unsafe,
    );
    assert_eq!(fixed.applied, 1);
    let again = check(fixed.text.as_bytes(), &options);
    assert!(again.diagnostics().is_empty(), "{:?}", again.diagnostics());
    let document = again.document().expect("document");
    assert_eq!(document.rules.len(), 4);
    let found = catalog_findings(document, &catalog, &options);
    assert!(found.is_empty(), "{found:?}");
    let explanation = Selector::new(document).explain(&catalog);
    let targets = dms_rules::select::target_names(document, &catalog, &explanation);
    let names: Vec<String> = targets
        .into_iter()
        .flatten()
        .map(|t| format!("{}.{}", t.schema, t.name))
        .collect();
    assert_eq!(names, ["hr.employees", "hr.jobs"]);
}
