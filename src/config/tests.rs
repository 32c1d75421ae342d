//! Each key, override and suppression form, and every problem at its bytes.

use std::path::Path;

use super::comment::{Comments, Markers};
use super::*;
use crate::diagnostic::{Label, Severity};

const PATH: &str = "/repo/dms-rules.toml";

fn parse(text: &str) -> Config {
    let (config, problems) = Config::parse(text, Path::new(PATH));
    assert!(problems.is_empty(), "{problems:#?}");
    config
}

/// Each problem as `code "text under its label"`.
fn problems(text: &str) -> Vec<(&'static str, String)> {
    let (_, problems) = Config::parse(text, Path::new(PATH));
    under(text, &problems)
}

fn under(text: &str, found: &[Diagnostic]) -> Vec<(&'static str, String)> {
    found
        .iter()
        .map(|d| {
            let span = d.primary.span;
            (d.code.as_str(), text[span.start..span.end].to_string())
        })
        .collect()
}

fn finding(code: Code, start: usize, end: usize) -> Diagnostic {
    Diagnostic::new(
        code,
        code.default_severity(),
        "found",
        Label::new(Span::new(start, end), "here"),
    )
}

fn file(relative: &str) -> std::path::PathBuf {
    Path::new("/repo").join(relative)
}

#[test]
fn the_issue_example_reads_whole() {
    let config = parse(
        r#"
source-engine = "oracle"
target-engine = "aurora-postgresql"
catalog = "catalog.csv"          # relative to this file
deny-warnings = true

[codes]
"dms::underscore_wildcard" = "off"
"dms::rule_id_format" = "error"

[[overrides]]
paths = ["legacy/**"]
codes = { "dms::exclude_without_include" = "off" }

[[suppress]]
path = "mappings/hr.json"        # relative to this file
code = "dms::underscore_wildcard"
rule-id = "3"                    # or rule-name
reason = "any character is meant"
"#,
    );
    let options = config.options(&file("a.json"));
    assert_eq!(options.source_engine.map(|e| e.as_str()), Some("oracle"));
    assert_eq!(
        options.target_engine.map(|e| e.as_str()),
        Some("aurora-postgresql")
    );
    assert_eq!(
        config.settings.catalog.as_deref(),
        Some("/repo/catalog.csv")
    );
    assert_eq!(config.settings.deny_warnings, Some(true));
    assert_eq!(
        config.level(&file("a.json"), Code::UnderscoreWildcard),
        Some(Level::Off)
    );
    assert_eq!(
        config.level(&file("a.json"), Code::RuleIdFormat),
        Some(Level::Severity(Severity::Error))
    );
    assert_eq!(
        config.level(&file("a.json"), Code::ExcludeWithoutInclude),
        None
    );
    assert_eq!(
        config.level(&file("legacy/x/a.json"), Code::ExcludeWithoutInclude),
        Some(Level::Off)
    );
    let suppression = &config.suppressions[0];
    assert_eq!(suppression.path, "mappings/hr.json");
    assert_eq!(suppression.code, Code::UnderscoreWildcard);
    assert_eq!(suppression.rule_id.as_deref(), Some("3"));
    assert_eq!(suppression.reason, "any character is meant");
}

#[test]
fn dialect_and_operation_are_read() {
    let config = parse("dialect = \"table-mapping\"\noperation = \"GetTargetSelectionRules\"\n");
    let options = config.options(&file("a.json"));
    assert_eq!(options.dialect, Some(crate::Dialect::TableMapping));
    assert_eq!(
        options.operation,
        Some(crate::Operation::GetTargetSelectionRules)
    );
}

#[test]
fn the_migration_type_is_read_at_the_top_and_in_overrides() {
    let config = parse(
        "migration-type = \"cdc\"\n[[overrides]]\npaths = [\"full/**\"]\nmigration-type = \"full-load\"\n",
    );
    let of = |relative: &str| config.options(&file(relative)).migration_type;
    assert_eq!(of("a.json"), Some(crate::options::MigrationType::Cdc));
    assert_eq!(
        of("full/a.json"),
        Some(crate::options::MigrationType::FullLoad)
    );
    let text = "migration-type = \"full\"\n[[overrides]]\npaths = [\"a\"]\nmigration-type = 1\n";
    assert_eq!(
        problems(text),
        [
            ("dms::invalid_config_value", "\"full\"".to_string()),
            ("dms::invalid_config_value", "1".to_string()),
        ]
    );
    let (_, found) = Config::parse(text, Path::new(PATH));
    assert_eq!(
        found[0].help.as_deref(),
        Some("the migration types are `full-load`, `cdc`, `full-load-and-cdc`")
    );
}

#[test]
fn a_database_catalog_is_kept_as_written() {
    let config = parse("catalog = \"postgres://db/app\"\n");
    assert_eq!(
        config.settings.catalog.as_deref(),
        Some("postgres://db/app")
    );
}

#[test]
fn overrides_apply_in_order_to_the_paths_they_match() {
    let config = parse(
        r#"
source-engine = "oracle"
[codes]
"dms::unknown_key" = "error"
[[overrides]]
paths = ["legacy/*.json", "./old/**"]
source-engine = "mysql"
dialect = "schema-conversion"
codes = { "dms::unknown_key" = "advice" }
[[overrides]]
paths = ["legacy/b.json"]
operation = "describe-metadata-model"
[overrides.codes]
"unknown_key" = "off"
"#,
    );
    let a = file("legacy/a.json");
    assert_eq!(
        config.options(&a).source_engine.map(|e| e.as_str()),
        Some("mysql")
    );
    assert_eq!(
        config.options(&a).dialect,
        Some(crate::Dialect::SchemaConversion)
    );
    assert_eq!(
        config.level(&a, Code::UnknownKey),
        Some(Level::Severity(Severity::Advice))
    );
    // `*` stays within a folder.
    let deeper = file("legacy/x/a.json");
    assert_eq!(
        config.options(&deeper).source_engine.map(|e| e.as_str()),
        Some("oracle")
    );
    assert_eq!(
        config.level(&deeper, Code::UnknownKey),
        Some(Level::Severity(Severity::Error))
    );
    assert_eq!(
        config.level(&file("old/x/y.json"), Code::UnknownKey),
        Some(Level::Severity(Severity::Advice))
    );
    let b = file("legacy/b.json");
    assert_eq!(config.level(&b, Code::UnknownKey), Some(Level::Off));
    assert_eq!(
        config.options(&b).operation,
        Some(crate::Operation::DescribeMetadataModel)
    );
    // A path given with `.` and `..` is the same file; one outside the folder matches nothing.
    assert_eq!(
        config.level(Path::new("/repo/x/../legacy/./b.json"), Code::UnknownKey),
        Some(Level::Off)
    );
    assert_eq!(
        config.level(Path::new("/elsewhere/legacy/b.json"), Code::UnknownKey),
        Some(Level::Severity(Severity::Error))
    );
}

#[test]
fn overrides_set_the_catalog_and_deny_warnings() {
    let config = parse(
        r#"
catalog = "catalog.csv"
deny-warnings = true
[[overrides]]
paths = ["legacy/**"]
catalog = "legacy/objects.csv"
deny-warnings = false
[[overrides]]
paths = ["legacy/live/**"]
catalog = "postgres://db/app"
[[overrides]]
paths = ["strict/**"]
codes = { "dms::unknown_key" = "off" }
"#,
    );
    let of = |relative: &str| config.settings(&file(relative));
    // The top level's, where no override matches or one sets neither.
    for relative in ["a.json", "strict/a.json"] {
        let top = of(relative);
        assert_eq!(
            top.catalog.as_deref(),
            Some("/repo/catalog.csv"),
            "{relative}"
        );
        assert_eq!(top.deny_warnings, Some(true), "{relative}");
    }
    // An override's catalog is relative to the configuration file, as the top level's.
    let legacy = of("legacy/a.json");
    assert_eq!(legacy.catalog.as_deref(), Some("/repo/legacy/objects.csv"));
    assert_eq!(legacy.deny_warnings, Some(false));
    // A later override wins for what it sets; the earlier one's stays for the rest.
    let live = of("legacy/live/a.json");
    assert_eq!(live.catalog.as_deref(), Some("postgres://db/app"));
    assert_eq!(live.deny_warnings, Some(false));
    // Standard input has the top level's.
    assert_eq!(
        config.settings_of(None).catalog.as_deref(),
        Some("/repo/catalog.csv")
    );
}

#[test]
fn an_override_s_bad_catalog_and_deny_warnings_are_reported_at_their_bytes() {
    let text = r#"catalog = ""
[[overrides]]
paths = ["legacy/**"]
catalog = 3
deny-warnings = "yes"
[[overrides]]
paths = ["old/**"]
catalog = "  "
deny-warnings = 1
[[overrides]]
paths = ["new/**"]
deny_warnings = true
"#;
    assert_eq!(
        problems(text),
        [
            ("dms::invalid_config_value", "\"\"".to_string()),
            ("dms::invalid_config_value", "3".to_string()),
            ("dms::invalid_config_value", "\"yes\"".to_string()),
            ("dms::invalid_config_value", "\"  \"".to_string()),
            ("dms::invalid_config_value", "1".to_string()),
            ("dms::unknown_config_key", "deny_warnings".to_string()),
        ]
    );
    let (config, found) = Config::parse(text, Path::new(PATH));
    assert_eq!(found[1].message, "the value must be a string, not integer");
    assert_eq!(
        found[2].message,
        "the value must be `true` or `false`, not string"
    );
    assert!(found[5]
        .help
        .as_deref()
        .is_some_and(|h| h.starts_with("did you mean `deny-warnings`?")));
    // What is wrong is left out; the overrides still apply otherwise.
    assert_eq!(config.settings(&file("legacy/a.json")).catalog, None);
    assert_eq!(config.overrides.len(), 2);
}

#[test]
fn a_broken_file_is_reported_at_its_bytes() {
    let broken = "source-engine = \"oracle\n";
    let (_, found) = Config::parse(broken, Path::new(PATH));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, Code::ConfigSyntax);
    // Where the string should have closed.
    assert_eq!(found[0].primary.span, Span::at(broken.find('\n').unwrap()));
    let text = r#"source_engine = "oracle"
target-engine = "oracle9"
dialect = 3
deny-warnings = "yes"
[codes]
"dms::underscore_wildcards" = "off"
"dms::unknown_key" = "ignore"
[[overrides]]
codes = { "dms::unknown_key" = "off" }
[[overrides]]
paths = ["legacy/[ab"]
[[suppress]]
path = "a.json"
code = "dms::unknown_key"
rule-id = "x1"
reason = " "
colour = 1
[[suppress]]
path = "a.json"
"#;
    assert_eq!(
        problems(text),
        [
            ("dms::unknown_config_key", "source_engine".to_string()),
            ("dms::invalid_config_value", "\"oracle9\"".to_string()),
            ("dms::invalid_config_value", "3".to_string()),
            ("dms::invalid_config_value", "\"yes\"".to_string()),
            // A key's bytes as written, quotes and all.
            (
                "dms::unknown_code",
                "\"dms::underscore_wildcards\"".to_string()
            ),
            ("dms::invalid_config_value", "\"ignore\"".to_string()),
            ("dms::missing_config_key", "[[overrides]]".to_string()),
            ("dms::invalid_glob", "[".to_string()),
            ("dms::invalid_config_value", "\"x1\"".to_string()),
            ("dms::invalid_config_value", "\" \"".to_string()),
            ("dms::unknown_config_key", "colour".to_string()),
            ("dms::missing_config_key", "[[suppress]]".to_string()),
            ("dms::missing_config_key", "[[suppress]]".to_string()),
        ]
    );
}

#[test]
fn helps_name_the_near_key_and_code() {
    let (_, found) = Config::parse(
        "deny_warnings = true\n[codes]\nunderscore_wildcards = \"off\"\n",
        Path::new(PATH),
    );
    let helps: Vec<&str> = found.iter().filter_map(|d| d.help.as_deref()).collect();
    assert!(
        helps[0].starts_with("did you mean `deny-warnings`?"),
        "{helps:?}"
    );
    assert_eq!(helps[1], "did you mean `dms::underscore_wildcard`?");
}

#[test]
fn the_nearest_file_wins_walking_up() {
    let root = std::env::temp_dir().join(format!("dms-rules-config-{}", std::process::id()));
    let deep = root.join("a/b/c");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(root.join("dms-rules.toml"), "").unwrap();
    std::fs::write(root.join("a/.dms-rules.toml"), "").unwrap();
    assert_eq!(find(&deep), Some(root.join("a/.dms-rules.toml")));
    std::fs::write(root.join("a/b/dms-rules.toml"), "").unwrap();
    assert_eq!(find(&deep), Some(root.join("a/b/dms-rules.toml")));
    assert_eq!(find(&root), Some(root.join("dms-rules.toml")));
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn levels_turn_codes_off_and_change_their_severity() {
    let config = parse(
        "[codes]\n\"dms::underscore_wildcard\" = \"off\"\n\"dms::unknown_key\" = \"error\"\n",
    );
    let settled = settle(
        Some(&config),
        Some(&file("a.json")),
        vec![
            finding(Code::UnderscoreWildcard, 1, 2),
            finding(Code::UnknownKey, 3, 4),
            finding(Code::DuplicateRuleName, 5, 6),
        ],
        &RuleMarks::new(),
        &Comments::default(),
    );
    let kept: Vec<_> = settled
        .findings
        .iter()
        .map(|d| (d.code, d.severity))
        .collect();
    assert_eq!(
        kept,
        [
            (Code::UnknownKey, Severity::Error),
            (Code::DuplicateRuleName, Severity::Warning)
        ]
    );
    // Turned off is not suppressed: nothing is counted.
    assert_eq!(settled.suppressed.len(), 0);
}

fn rules() -> RuleMarks {
    [
        RuleMark {
            span: Span::new(10, 50),
            rule_id: Some("3"),
            rule_name: Some("hr"),
        },
        RuleMark {
            span: Span::new(60, 90),
            rule_id: Some("4"),
            rule_name: Some("pay"),
        },
    ]
    .into_iter()
    .collect()
}

/// The marks come back as they went in, ids and names in their places.
#[test]
fn rule_marks_keep_each_rule_s_id_and_name() {
    let mut marks = rules();
    marks.push(RuleMark {
        span: Span::new(95, 99),
        rule_id: None,
        rule_name: Some("tax"),
    });
    marks.push(RuleMark {
        span: Span::new(100, 110),
        rule_id: Some("5"),
        rule_name: None,
    });
    let back: Vec<_> = marks
        .iter()
        .map(|m| (m.span.start, m.rule_id, m.rule_name))
        .collect();
    assert_eq!(
        back,
        [
            (10, Some("3"), Some("hr")),
            (60, Some("4"), Some("pay")),
            (95, None, Some("tax")),
            (100, Some("5"), None)
        ]
    );
    let mut twice = marks.clone();
    twice.extend(&marks);
    assert_eq!(twice.len(), 8);
    assert_eq!(
        twice.iter().nth(6).map(|m| (m.rule_id, m.rule_name)),
        Some((None, Some("tax")))
    );
    let moved = marks.map_spans(|s| Span::new(s.start + 1, s.end + 1));
    assert_eq!(moved.iter().next().map(|m| m.span), Some(Span::new(11, 51)));
}

#[test]
fn suppressions_name_a_rule_by_id_or_name_or_none() {
    let text = r#"
[[suppress]]
path = "mappings/hr.json"
code = "dms::underscore_wildcard"
rule-id = "03"
reason = "any character is meant"
[[suppress]]
path = "mappings/*.json"
code = "dms::unknown_key"
rule-name = "pay"
reason = "read by a newer DMS"
[[suppress]]
path = "mappings/hr.json"
code = "dms::no_selection_rule"
reason = "a fragment"
[[suppress]]
path = "mappings/hr.json"
code = "dms::duplicate_rule_name"
rule-id = 9
reason = "no such rule"
"#;
    let config = parse(text);
    let findings = vec![
        finding(Code::UnderscoreWildcard, 20, 25), // rule 3: silenced
        finding(Code::UnderscoreWildcard, 70, 75), // rule 4: kept
        finding(Code::UnknownKey, 20, 25),         // rule 3 `hr`: kept
        finding(Code::UnknownKey, 65, 66),         // rule 4 `pay`: silenced
        finding(Code::NoSelectionRule, 0, 1),      // anywhere in the file: silenced
    ];
    let settled = settle(
        Some(&config),
        Some(&file("mappings/hr.json")),
        findings,
        &rules(),
        &Comments::default(),
    );
    let kept: Vec<_> = settled
        .findings
        .iter()
        .map(|d| (d.code, d.primary.span.start))
        .collect();
    assert_eq!(
        kept,
        [(Code::UnknownKey, 20), (Code::UnderscoreWildcard, 70)]
    );
    assert_eq!(settled.suppressed.len(), 3);
    assert_eq!(
        settled.suppressed[1].by,
        SuppressedBy::Config {
            index: 0,
            reason: "any character is meant".to_string()
        }
    );
    assert_eq!(settled.suppressed[1].diagnostic.primary.span.start, 20);
    assert_eq!(
        settled.suppressions,
        [(0, true), (1, true), (2, true), (3, false)]
    );
    // The unused one is reported on its header in the configuration file.
    let unused = config.unused_suppressions([&settled.suppressions[..]]);
    assert_eq!(
        under(text, &unused),
        [("dms::unused_suppression", "[[suppress]]".to_string())]
    );
    assert_eq!(
        unused[0].primary.span.start,
        text.rfind("[[suppress]]").unwrap()
    );

    // Another file: only the glob matches it.
    let other = settle(
        Some(&config),
        Some(&file("mappings/pay.json")),
        vec![finding(Code::UnderscoreWildcard, 20, 25)],
        &rules(),
        &Comments::default(),
    );
    assert_eq!(other.findings.len(), 1);
    assert_eq!(other.suppressions, [(1, false)]);
    // Used in one file is used.
    assert!(config
        .unused_suppressions([&other.suppressions[..], &[(1, true)][..]])
        .is_empty());
}

const TERRAFORM: &str = r#"resource "aws_dms_replication_task" "a" {
  # dms-rules: ignore[dms::underscore_wildcard, dms::unknown_key] any character is meant
  table_mappings = <<EOF
{"rules": []}
EOF
  x = 1 // dms-rules: ignore[dms::filter_ignored]
  // dms-rules: ignore[dms::duplicate_key]

  y = 2
}
"#;

fn at(text: &str, needle: &str) -> usize {
    text.find(needle).unwrap_or_else(|| panic!("{needle}"))
}

#[test]
fn terraform_comments_cover_their_line_the_next_or_the_mapping_below() {
    let mapping_start = at(TERRAFORM, "<<EOF");
    let mapping = Span::new(mapping_start, at(TERRAFORM, "EOF\n  x") + 3);
    let comments = Comments::scan(TERRAFORM.as_bytes(), Markers::HashOrSlashes, &[mapping]);
    assert!(comments.problems.is_empty(), "{:?}", comments.problems);
    let inside = at(TERRAFORM, "\"rules\"");
    let x = at(TERRAFORM, "x = 1");
    let y = at(TERRAFORM, "y = 2");
    let findings = vec![
        finding(Code::UnderscoreWildcard, inside, inside + 7), // in the mapping below
        finding(Code::FilterIgnored, x, x + 1),                // on the comment's line
        finding(Code::DuplicateKey, y, y + 1),                 // the next line with code
        finding(Code::FilterIgnored, y, y + 1),                // not named there: kept
    ];
    let settled = settle(None, None, findings, &RuleMarks::new(), &comments);
    assert_eq!(settled.suppressed.len(), 3);
    let SuppressedBy::Comment(comment) = settled.suppressed[0].by.clone() else {
        panic!("{:?}", settled.suppressed[0]);
    };
    assert_eq!(
        &TERRAFORM[comment.start..comment.end],
        "# dms-rules: ignore[dms::underscore_wildcard, dms::unknown_key] any character is meant"
    );
    assert_eq!(
        under(TERRAFORM, &settled.findings),
        [
            ("dms::unused_suppression", "dms::unknown_key".to_string()),
            ("dms::filter_ignored", "y".to_string()),
        ]
    );
    assert_eq!(settled.findings[0].severity, Severity::Warning);
}

#[test]
fn a_yaml_comment_above_a_block_scalar_covers_the_mapping() {
    let yaml = "Resources:\n  Task:\n    Type: AWS::DMS::ReplicationTask\n    Properties:\n      # dms-rules: ignore[dms::underscore_wildcard]\n      TableMappings: |\n        {\"rules\": [\n          {\"x\": 1}\n        ]}\n      Other: 1 # dms-rules: ignore[dms::unknown_key] why\n";
    let start = at(yaml, "|\n");
    let mapping = Span::new(start, at(yaml, "]}") + 2);
    let comments = Comments::scan(yaml.as_bytes(), Markers::Hash, &[mapping]);
    let deep = at(yaml, "\"x\"");
    let other = at(yaml, "Other");
    let settled = settle(
        None,
        None,
        vec![
            finding(Code::UnderscoreWildcard, deep, deep + 3),
            finding(Code::UnknownKey, other, other + 5),
        ],
        &RuleMarks::new(),
        &comments,
    );
    assert_eq!(settled.suppressed.len(), 2);
    assert!(settled.findings.is_empty(), "{:?}", settled.findings);
    // `//` is no comment in YAML.
    let slashes = "a: 1 // dms-rules: ignore[dms::unknown_key]\n";
    assert!(Comments::scan(slashes.as_bytes(), Markers::Hash, &[])
        .entries
        .is_empty());
}

#[test]
fn comments_that_cannot_be_read_say_so_at_their_bytes() {
    let text = "# dms-rules: ignore dms::unknown_key\n# dms-rules: ignore[dms::unknown_key\n# dms-rules: ignore[]\na = 1 # dms-rules: ignore[dms::no_such_code, dms::unknown_key]\n";
    let comments = Comments::scan(text.as_bytes(), Markers::HashOrSlashes, &[]);
    assert_eq!(
        under(text, &comments.problems),
        [
            (
                "dms::malformed_suppression",
                "# dms-rules: ignore dms::unknown_key".to_string()
            ),
            (
                "dms::malformed_suppression",
                "# dms-rules: ignore[dms::unknown_key".to_string()
            ),
            (
                "dms::malformed_suppression",
                "# dms-rules: ignore[]".to_string()
            ),
            ("dms::unknown_code", "dms::no_such_code".to_string()),
        ]
    );
    // The readable code of the last comment still counts.
    assert_eq!(comments.entries.len(), 1);
    // The problems are findings of the file, which the configuration can turn off.
    let config = parse("[codes]\n\"dms::malformed_suppression\" = \"off\"\n");
    let settled = settle(
        Some(&config),
        Some(&file("a.tf")),
        Vec::new(),
        &RuleMarks::new(),
        &comments,
    );
    assert_eq!(
        under(text, &settled.findings),
        [
            ("dms::unknown_code", "dms::no_such_code".to_string()),
            ("dms::unused_suppression", "dms::unknown_key".to_string()),
        ]
    );
}

#[test]
fn a_bad_glob_is_labelled_on_the_character_where_it_fails() {
    let text = "[[overrides]]\npaths = [\"é/legacy**\", 'x/[ab', \"a\\u0041/[\"]\n";
    assert_eq!(
        problems(text),
        [
            // The character `**` follows, which makes it no whole folder name.
            ("dms::invalid_glob", "y".to_string()),
            ("dms::invalid_glob", "[".to_string()),
            // An escape in the string: the whole string.
            ("dms::invalid_glob", "\"a\\u0041/[\"".to_string()),
        ]
    );
}
