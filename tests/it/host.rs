//! Host files through the whole pipeline: every fixture under `fixtures/host/` (each
//! `terraform/**/main.tf`, each template in `cloudformation/`) is scanned, every mapping linted,
//! and a snapshot beside it pins the mappings found, every finding on the bytes of the file it
//! points into, and the reports as a user sees them.
//!
//! Paths are given relative to the package root, where the tests run, so the paths that
//! messages name read the same on every machine.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dms_rules::diagnostic::{render, Style};
use dms_rules::host::{self, Context, Format, Mapping, Scan};
use dms_rules::{lint_mapping, Code, Diagnostic, Options, Report, SourceFile, Span};

use crate::support::{assert_snapshot, pin, under};

/// The host fixtures, relative to the package root.
const HOST: &str = "tests/fixtures/host";

/// What every host fixture reads files under, unless its `.context` says otherwise.
const ROOT: &str = "tests/fixtures";

/// Every host fixture: `terraform/**/main.tf`, every variables file under `terraform/`
/// (`*.tfvars`, `*.tfvars.json`, `terragrunt.hcl`) and every template in `cloudformation/`,
/// sorted.
pub(crate) fn host_fixtures() -> Vec<PathBuf> {
    fn main_tf(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("fixture folder") {
            let path = entry.expect("directory entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                main_tf(&path, out);
            } else if name == "main.tf"
                || name == "terragrunt.hcl"
                || name.ends_with(".tfvars")
                || name.ends_with(".tfvars.json")
            {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    main_tf(&Path::new(HOST).join("terraform"), &mut files);
    for entry in std::fs::read_dir(Path::new(HOST).join("cloudformation")).expect("templates") {
        let path = entry.expect("directory entry").path();
        if path.extension().is_none_or(|x| x != "snap") {
            files.push(path);
        }
    }
    files.sort();
    assert!(files.len() >= 20, "host fixtures not found from {HOST}");
    files
}

/// The context a fixture is scanned in: its own path, files read under `tests/fixtures`, or as
/// `<name>.context` beside it says in `key = value` lines (`root`, `module_dir`, each a folder
/// relative to the fixture's own).
pub(crate) fn context(path: &Path) -> Context {
    let mut context = Context::file(path, ROOT);
    let Ok(text) = std::fs::read_to_string(path.with_extension("context")) else {
        return context;
    };
    let dir = path.parent().expect("a fixture is in a folder");
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (key, value) = line.split_once('=').expect("`key = value`");
        let folder = dir.join(value.trim());
        match key.trim() {
            "root" => context.root = Some(folder),
            "module_dir" => context.module_dir = Some(folder),
            other => panic!("{}: unknown context key `{other}`", path.display()),
        }
    }
    context
}

/// A path as snapshots show it: from `tests/fixtures`.
fn shown(path: &Path) -> String {
    path.strip_prefix(ROOT)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// `text` quoted, its middle left out when it is long.
fn shortened(text: &str) -> String {
    const HEAD: usize = 40;
    const TAIL: usize = 16;
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= HEAD + TAIL + 8 {
        return format!("{text:?}");
    }
    let head: String = chars[..HEAD].iter().collect();
    let tail: String = chars[chars.len() - TAIL..].iter().collect();
    format!("{head:?} ... {tail:?}")
}

/// A host file scanned and each of its mappings linted.
struct Scanned {
    path: PathBuf,
    text: Vec<u8>,
    scan: Scan,
}

impl Scanned {
    fn new(path: &Path) -> Scanned {
        let text = std::fs::read(path).expect("fixture");
        let format = Format::detect(path, &text)
            .unwrap_or_else(|| panic!("{}: not detected as a host file", path.display()));
        let scan = host::scan(
            &text,
            format,
            &context(path),
            Options::default().max_input_len,
        );
        Scanned {
            path: path.to_path_buf(),
            text,
            scan,
        }
    }

    /// The file a mapping's findings point into: its name as shown, and its bytes.
    fn file_of<'s>(&'s self, mapping: &'s Mapping) -> (String, &'s [u8]) {
        match mapping.elsewhere() {
            Some((path, source)) => (shown(path), source.as_bytes()),
            None => (shown(&self.path), &self.text),
        }
    }

    /// Every finding with the file it points into: the host file's own, then each mapping's.
    fn findings(&self) -> Vec<(String, &[u8], Diagnostic)> {
        let mut out: Vec<(String, &[u8], Diagnostic)> = self
            .scan
            .diagnostics
            .iter()
            .map(|d| (shown(&self.path), self.text.as_slice(), d.clone()))
            .collect();
        for mapping in &self.scan.mappings {
            let (name, bytes) = self.file_of(mapping);
            if let Some(checked) = lint_mapping(mapping, &Options::default()) {
                for d in checked.diagnostics() {
                    out.push((name.clone(), bytes, d.clone()));
                }
            }
        }
        out
    }

    /// The snapshot: the mappings, every finding pinned, then every report rendered.
    fn snapshot(&self) -> String {
        let mut out = String::new();
        for m in &self.scan.mappings {
            let place = match (&m.document, m.elsewhere()) {
                (_, Some((path, _))) => format!("in {}", shown(path)),
                (host::Document::NotStatic, _) => "not static".to_owned(),
                _ => "inline".to_owned(),
            };
            let _ = writeln!(
                out,
                "mapping {}.{} {:?} {} {place}",
                m.resource,
                m.attribute,
                m.span,
                shortened(&under(&self.text, m.span)),
            );
        }
        out.push_str("--- host file\n");
        for d in &self.scan.diagnostics {
            out.push_str(&pin(&self.text, d));
        }
        for m in &self.scan.mappings {
            let Some(checked) = lint_mapping(m, &Options::default()) else {
                continue;
            };
            let (name, bytes) = self.file_of(m);
            let _ = writeln!(out, "--- {} in {name}", m.resource);
            for d in checked.diagnostics() {
                out.push_str(&pin(bytes, d));
            }
        }
        out.push_str("--- reports\n");
        for (name, bytes, diagnostic) in self.findings() {
            let file = SourceFile::new(name, bytes);
            let report = Report {
                diagnostic: &diagnostic,
                source: &file,
            };
            out.push_str(&render(&report, Style::default()));
        }
        out
    }
}

/// Every label lies inside the file it points into, on character boundaries.
fn assert_labels_in_bounds(name: &str, bytes: &[u8], diagnostic: &Diagnostic) {
    let text = std::str::from_utf8(bytes).expect("fixtures are UTF-8");
    for label in diagnostic.labels() {
        let Span { start, end } = label.span;
        assert!(
            start <= end
                && end <= text.len()
                && text.is_char_boundary(start)
                && text.is_char_boundary(end),
            "{name}: {} label {:?} is not on the file's characters",
            diagnostic.code,
            label.span
        );
    }
}

/// Whether `text` spells the key `key` in one of the forms a host file writes it: bare, in
/// double or single quotes, or in escaped quotes.
fn spells(text: &str, key: &str) -> bool {
    [
        key.to_owned(),
        format!("\"{key}\""),
        format!("'{key}'"),
        format!("\\\"{key}\\\""),
    ]
    .contains(&text.to_owned())
}

#[test]
fn host_fixtures_match_their_snapshots() {
    let mut failures = Vec::new();
    for path in host_fixtures() {
        let scanned = Scanned::new(&path);
        for (name, bytes, diagnostic) in scanned.findings() {
            assert_labels_in_bounds(&name, bytes, &diagnostic);
        }
        let snapshot = scanned.snapshot();
        if let Err(e) = assert_snapshot(&path.with_extension("snap"), &snapshot) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The fixtures' deliberate mistake is the key `rule-acton`: in every mapping that holds it,
/// in whatever form, the finding is on exactly the bytes that spell it, in the file it is
/// written in.
#[test]
fn the_misspelt_key_is_labelled_on_the_bytes_that_spell_it() {
    let mut seen = 0;
    for path in host_fixtures() {
        let scanned = Scanned::new(&path);
        for mapping in &scanned.scan.mappings {
            let Some(decoded) = mapping.decoded() else {
                continue;
            };
            let written = decoded.text.matches("\"rule-acton\"").count();
            if written == 0 {
                continue;
            }
            let (name, bytes) = scanned.file_of(mapping);
            let checked = lint_mapping(mapping, &Options::default()).expect("a known mapping");
            let labelled: Vec<String> = checked
                .diagnostics()
                .iter()
                .filter(|d| d.code == Code::UnknownKey && d.message.contains("`rule-acton`"))
                .map(|d| under(bytes, d.primary.span))
                .collect();
            assert_eq!(
                labelled.len(),
                written,
                "{name}: {}: one finding per `rule-acton`",
                mapping.resource
            );
            for text in labelled {
                assert!(
                    spells(&text, "rule-acton"),
                    "{name}: {}: labelled {text:?}",
                    mapping.resource
                );
                seen += 1;
            }
        }
    }
    // Every form of the fixtures: jsonencode, quoted, heredoc, file, templatefile, references,
    // and each YAML and JSON style.
    assert!(seen >= 25, "only {seen} misspelt keys found");
}

/// The codes the host fixtures raise, about the host files and about their mappings; the
/// fixture test counts them as covered.
pub fn fixture_codes() -> BTreeSet<Code> {
    let mut codes = BTreeSet::new();
    for path in host_fixtures() {
        codes.extend(
            Scanned::new(&path)
                .findings()
                .iter()
                .map(|(_, _, d)| d.code),
        );
    }
    codes
}

#[test]
fn every_host_code_is_raised_by_a_fixture() {
    let codes = fixture_codes();
    for code in [
        Code::HclSyntax,
        Code::YamlSyntax,
        Code::MappingNotStatic,
        Code::FileNotRead,
    ] {
        assert!(codes.contains(&code), "no host fixture raises {code}");
    }
}

/// A file outside the root is never read: nothing of its text reaches a finding or a report,
/// and it is not called missing.
#[test]
fn a_file_outside_the_root_is_never_shown() {
    let path = Path::new(HOST).join("terraform/outside-root/repo/main.tf");
    let secret = Path::new(HOST).join("terraform/outside-root/secret.json");
    let marker = "outside-the-root-never-shown";
    assert!(std::fs::read_to_string(secret)
        .expect("the file outside the root")
        .contains(marker));
    let scanned = Scanned::new(&path);
    let snapshot = scanned.snapshot();
    assert!(!snapshot.contains(marker), "{snapshot}");
    for (_, _, d) in scanned.findings() {
        assert!(!format!("{d:?}").contains(marker), "{d:?}");
    }
    let outside: Vec<String> = scanned
        .findings()
        .iter()
        .filter(|(_, _, d)| d.code == Code::FileNotRead)
        .map(|(_, bytes, d)| {
            format!(
                "{:?} {:?} {}",
                d.primary.span,
                under(bytes, d.primary.span),
                d.primary.text
            )
        })
        .collect();
    assert_eq!(
        outside,
        [
            "352..383 \"\\\"${path.module}/../secret.json\\\"\" not read: outside the root",
            "468..500 \"\\\"${path.module}/../nothing.json\\\"\" not read: outside the root",
            "577..615 \"\\\"${path.module}/mappings/nothing.json\\\"\" not read: no such file",
        ]
    );
}

/// A host path with `..` in it names the files it reads from its own folder, as the same path
/// without `..` does, and never as a path of the machine that ran the check.
#[test]
fn paths_read_from_a_host_path_with_dot_dot_are_shown_from_its_folder() {
    let messages = |path: &Path| -> Vec<String> {
        let text = std::fs::read(path).expect("fixture");
        let scan = host::scan(&text, Format::Terraform, &context(path), usize::MAX);
        scan.diagnostics.iter().map(|d| d.message.clone()).collect()
    };
    let straight = Path::new(HOST).join("terraform/templatefile/main.tf");
    let winding = Path::new(HOST).join("terraform/file/../templatefile/main.tf");
    assert_eq!(
        messages(&winding),
        ["the rules cannot be checked: `templates/looped.tmpl` holds a `%{...}` directive, decided when Terraform runs"]
    );
    assert_eq!(messages(&winding), messages(&straight));
}

/// Where a literal twin raises `underscore_wildcard`, `explicit_wildcard`, `invalid_value` or
/// `exclude_without_include`, the same mapping with computed values raises none of them, and
/// still raises the real mistake it shares with its twin (the snapshots pin where).
#[test]
fn computed_values_are_not_judged() {
    use Code::*;
    let codes_of = |fixture: &str| -> Vec<(String, Vec<Code>)> {
        let scanned = Scanned::new(&Path::new(HOST).join(fixture));
        scanned
            .scan
            .mappings
            .iter()
            .map(|m| {
                let checked = lint_mapping(m, &Options::default()).expect("known");
                let codes = checked.diagnostics().iter().map(|d| d.code).collect();
                (m.resource.clone(), codes)
            })
            .collect()
    };
    let literal = vec![
        UnderscoreWildcard,
        ExplicitWildcard,
        InvalidValue,
        DuplicateRuleId,
    ];
    let exclude = vec![
        ExcludeWithoutInclude,
        DuplicateRuleId,
        ExcludeWithoutInclude,
    ];
    let computed = vec![DuplicateRuleId];
    let terraform = |name: &str| format!("aws_dms_replication_task.{name}");
    assert_eq!(
        codes_of("terraform/unknown/main.tf"),
        [
            (terraform("literal_names"), literal.clone()),
            (terraform("computed_names"), computed.clone()),
            (terraform("computed_heredoc"), computed.clone()),
            (terraform("literal_exclude"), exclude.clone()),
            (terraform("computed_exclude"), computed.clone()),
        ]
    );
    assert_eq!(
        codes_of("cloudformation/unknown.yaml"),
        [
            ("Literal".to_owned(), literal),
            ("Computed".to_owned(), computed.clone()),
            ("ComputedConfig".to_owned(), computed.clone()),
            ("LiteralExclude".to_owned(), exclude),
            ("ComputedExclude".to_owned(), computed),
        ]
    );
}

/// The engines and migration type of each task, read from the code: what each is, and the
/// bytes it is read from (in the host file, or in the `.tf` file that declares it).
#[test]
fn engines_and_migration_type_are_read_from_the_code() {
    use dms_rules::host::{Setting, Written};
    fn shown<T: std::fmt::Debug>(host: &Path, setting: &Setting<T>) -> String {
        let text = |at: &Written| {
            let path = at.path.clone().unwrap_or_else(|| host.to_path_buf());
            let bytes = std::fs::read(&path).expect("the file it is read from");
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            format!("{name} {:?}", under(&bytes, at.span))
        };
        match setting {
            Setting::Absent => "absent".to_owned(),
            Setting::Read { value, at } => format!("{value:?} from {}", text(at)),
            Setting::Unknown { why, at } => format!("not known at {}: {why}", text(at)),
        }
    }
    let mut seen = Vec::new();
    for file in ["terraform/engines/main.tf", "cloudformation/engines.yaml"] {
        let path = Path::new(HOST).join(file);
        for mapping in Scanned::new(&path).scan.mappings {
            let task = &mapping.task;
            seen.push(format!(
                "{}: source {}; target {}; migration {}",
                mapping.resource,
                shown(&path, &task.source_engine),
                shown(&path, &task.target_engine),
                shown(&path, &task.migration_type),
            ));
        }
    }
    let expected = [
        r#"aws_dms_replication_task.oracle_to_postgres: source Oracle from main.tf "\"oracle\""; target AuroraPostgresql from variables.tf "\"aurora-postgresql\""; migration Cdc from main.tf "\"cdc\"""#,
        r#"module.database_migration_service.replication_tasks["archive"]: source Db2 from main.tf "\"db2\""; target S3 from main.tf "\"s3\""; migration FullLoad from main.tf "\"full-load\"""#,
        r#"aws_dms_replication_task.elsewhere: source not known at main.tf "var.source_endpoint_arn": `var.source_endpoint_arn` has no default, so its value is set when Terraform runs; target not known at main.tf "\"arn:aws:dms:eu-west-1:123456789012:endpoint:TARGET\"": an endpoint ARN written out names an endpoint made elsewhere; migration FullLoadAndCdc from main.tf "\"full-load-and-cdc\"""#,
        r#"Task: source Oracle from engines.yaml "oracle"; target AuroraPostgresql from engines.yaml "aurora-postgresql"; migration Cdc from engines.yaml "cdc""#,
        r#"Elsewhere: source Oracle from engines.yaml "oracle"; target not known at engines.yaml "!Ref TargetArn": `TargetArn` is a template parameter, given at deploy time; migration FullLoad from engines.yaml "full-load""#,
    ];
    assert_eq!(seen, expected, "{seen:#?}");
}

/// A catalog finding in a host file is labelled on the host file's bytes: the `column-name`
/// pattern that reaches `ORDER#` and `עמודה`, and the `#` written out, in a Terraform heredoc,
/// a `jsonencode` object, a CloudFormation block scalar and an escaped JSON string.
#[test]
fn special_character_columns_are_labelled_on_the_host_files_bytes() {
    let catalog = dms_rules::select::Catalog::from_csv(
        "schema,name,column\nSALES,ORDERS,ID\nSALES,ORDERS,ORDER#\nSALES,ORDERS,עמודה\n".as_bytes(),
    )
    .expect("catalog");
    let json = r#"{"rules": [
  {"rule-type": "selection", "rule-id": "1", "rule-name": "s", "rule-action": "include",
   "object-locator": {"schema-name": "SALES", "table-name": "%"}},
  {"rule-type": "transformation", "rule-id": "2", "rule-name": "n", "rule-target": "column",
   "rule-action": "rename", "value": "ORDER_NO",
   "object-locator": {"schema-name": "SALES", "table-name": "ITEMS", "column-name": "NO#"}},
  {"rule-type": "transformation", "rule-id": "3", "rule-name": "l", "rule-target": "column",
   "rule-action": "convert-lowercase",
   "object-locator": {"schema-name": "SALES", "table-name": "ORDERS", "column-name": "%"}}
]}"#;
    let indented = json.replace('\n', "\n        ");
    let hcl = |task: &str| {
        format!("resource \"aws_dms_replication_task\" \"t\" {{\n  migration_type = \"full-load\"\n{task}\n}}\n")
    };
    let heredoc = hcl(&format!("  table_mappings = <<EOT\n{json}\nEOT"));
    let jsonencode = hcl(r#"  table_mappings = jsonencode({
    rules = [
      { rule-type = "selection", rule-id = "1", rule-name = "s", rule-action = "include",
        object-locator = { schema-name = "SALES", table-name = "%" } },
      { rule-type = "transformation", rule-id = "2", rule-name = "n", rule-target = "column",
        rule-action = "rename", value = "ORDER_NO",
        object-locator = { schema-name = "SALES", table-name = "ITEMS", column-name = "NO#" } },
      { rule-type = "transformation", rule-id = "3", rule-name = "l", rule-target = "column",
        rule-action = "convert-lowercase",
        object-locator = { schema-name = "SALES", table-name = "ORDERS", column-name = "%" } },
    ]
  })"#);
    let yaml = |mapping: &str| {
        format!(
            "Resources:\n  Task:\n    Type: AWS::DMS::ReplicationTask\n    Properties:\n      \
             MigrationType: full-load\n      TableMappings: {mapping}\n"
        )
    };
    let block = yaml(&format!("|\n        {indented}"));
    let escaped = yaml(&serde_json::to_string(&json.replace('\n', " ")).expect("a string"));
    let cases = [
        ("main.tf", heredoc, r#""%""#),
        ("main.tf", jsonencode, r#""%""#),
        ("template.yaml", block, r#""%""#),
        ("template.yaml", escaped, r#"\"%\""#),
    ];
    for (file, text, pattern) in cases {
        let path = Path::new(HOST).join(file);
        let format = Format::detect(&path, text.as_bytes()).expect("a host file");
        let scan = host::scan(text.as_bytes(), format, &context(&path), usize::MAX);
        assert_eq!(scan.mappings.len(), 1, "{text}");
        let checked = dms_rules::lint_mapping_with_catalog(
            &scan.mappings[0],
            &Options::default(),
            Some(&catalog),
        )
        .expect("a static mapping");
        let found: Vec<(&str, &str)> = checked
            .diagnostics()
            .iter()
            .filter(|d| d.code == Code::SpecialCharacterColumn)
            .map(|d| {
                let span = d.labels().next().expect("a label").span;
                (&text[span.range()], d.message.as_str())
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "#",
                    "DMS cannot transform the column `NO#`: its name holds `#`"
                ),
                (
                    pattern,
                    "this `convert-lowercase` (rule 3) acts on the columns `SALES.ORDERS.ORDER#` \
                     (`#`), `SALES.ORDERS.עמודה` (right-to-left `ע`, U+05E2), whose names DMS \
                     cannot transform"
                ),
            ],
            "{text}"
        );
    }
}
