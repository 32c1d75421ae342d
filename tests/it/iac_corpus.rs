//! The real Terraform and CloudFormation files of `../shared/corpus/iac/`, judged by its
//! SOURCES.md. They are other people's code, so they are read where they lie and never copied
//! here. For each host file: the mappings found (count, resources, the lines SOURCES.md gives),
//! and every finding pinned `code start..end "text"` on the bytes of the file it points into.
//! Valid mappings raise nothing; the warn cases raise exactly the codes SOURCES.md names; the
//! not-static ones give advice and no error.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use dms_rules::host::{self, Context, Format, Scan};
use dms_rules::{lint_mapping, Code, Diagnostic, Options, Severity};

use crate::support::under;

/// The corpus folder, or `None` (with a note) where it is absent; in CI it must be there.
fn corpus() -> Option<PathBuf> {
    // `DMS_RULES_IAC_CORPUS` names it for a checkout that does not sit beside `shared/`.
    let dir = std::env::var_os("DMS_RULES_IAC_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/iac"));
    match std::fs::canonicalize(&dir) {
        Ok(dir) => Some(dir),
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{}: the IaC corpus is missing, and CI always has it",
                dir.display()
            );
            eprintln!(
                "note: {} is absent; the IaC corpus is not checked",
                dir.display()
            );
            None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Valid,
    Warn,
    NotStatic,
}

/// One host file of SOURCES.md and what the crate makes of it.
struct Case {
    number: u32,
    file: &'static str,
    /// The root module's folder, when it is not the file's own (case 12).
    module_dir: Option<&'static str>,
    /// The resources whose mappings are found, in order.
    mappings: &'static [&'static str],
    verdict: Verdict,
    /// Every finding about the file and its mappings, pinned by [`pinned`].
    findings: &'static [&'static str],
}

const CASES: &[Case] = {
    use Verdict::*;
    &[
        Case {
            number: 1,
            file: "tf-jsonencode-quoted-keys/dms_task.tf",
            module_dir: None,
            mappings: &["aws_dms_replication_task.hr_pg_to_s3_parquet"],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 2,
            file: "tf-jsonencode-colon-rules-utf8/modules/dms/main.tf",
            module_dir: None,
            mappings: &["aws_dms_replication_task.migration_task"],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 3,
            file: "tf-jsonencode-comments-trailing-comma/modules/dms/main.tf",
            module_dir: None,
            mappings: &["aws_dms_replication_task.tables"],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 4,
            file: "tf-jsonencode-dynamic-concat/dms-replication-task.tf",
            module_dir: None,
            mappings: &["aws_dms_replication_task.this"],
            verdict: NotStatic,
            findings: &[r#"dms::mapping_not_static advice 975..1002 "concat(local.exclude_rules,""#],
        },
        Case {
            number: 5,
            file: "tf-jsonencode-computed-for/replication_task.tf",
            module_dir: None,
            mappings: &[
                "aws_dms_replication_task.full_load_replication_task",
                "aws_dms_replication_task.cdc_replication_task",
            ],
            verdict: NotStatic,
            // The `for` expressions in `local.rules`, reached from each mapping.
            findings: &[
                r#"dms::mapping_not_static advice 679..694 "flatten(concat(" also 4409..4420 "local.rules""#,
                r#"dms::mapping_not_static advice 679..694 "flatten(concat(" also 5212..5223 "local.rules""#,
            ],
        },
        Case {
            number: 6,
            file: "tf-heredoc-eof/dms.tf",
            module_dir: None,
            mappings: &["aws_dms_replication_task.migration_task"],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 7,
            file: "tf-heredoc-indented-marker/modules/dms/main.tf",
            module_dir: None,
            mappings: &["aws_dms_replication_task.replication_task"],
            verdict: Valid,
            findings: &[],
        },
        // Cases 8, 9, 10 and 17 hand their mapping to a module: found in the `locals` object,
        // the local named after it, and the module arguments.
        Case {
            number: 8,
            file: "tf-heredoc-in-locals-to-module/terraform/environment/locals.tf",
            module_dir: None,
            mappings: &["local.dms_task"],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 9,
            file: "tf-heredoc-in-locals-to-module/terraform/environment/modules/aws_database_migration/locals.tf",
            module_dir: None,
            // `coalesce(try(var.task.table_mappings, null), local.default_table_mappings)`: the
            // default, written in this file; the caller's value is checked where it is written.
            mappings: &["local.replication_table_mappings"],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 10,
            file: "tf-file-path-module/examples/complete/main.tf",
            module_dir: None,
            mappings: &["module.dms_replication_task"],
            verdict: Warn,
            findings: &[r#"dms::underscore_wildcard warning 391..392 "_" in tf-file-path-module/examples/complete/config/replication-task-table-mappings.json"#],
        },
        Case {
            number: 11,
            file: "tf-file-replication-config/dms/dms.tf",
            module_dir: None,
            mappings: &["aws_dms_replication_config.serverless"],
            verdict: Warn,
            // `"rule-id": 1` in the JSON file, on the `1`.
            findings: &[r#"dms::rule_id_format warning 50..51 "1" in tf-file-replication-config/dms/table_mappings.json"#],
        },
        Case {
            number: 12,
            file: "tf-templatefile-root-relative/terraform/environments/delius-core/modules/components/dms/dms_outbound_tasks.tf",
            module_dir: Some("tf-templatefile-root-relative/terraform/environments/delius-core"),
            mappings: &[
                "aws_dms_replication_task.audited_interaction_outbound_replication",
                "aws_dms_replication_task.user_outbound_replication",
                "aws_dms_replication_task.business_interaction_outbound_replication",
                "aws_dms_replication_task.audited_interaction_checksum_outbound_replication",
            ],
            // SOURCES.md's warn names no code: what it notes (a `null` operator with no value,
            // `length` "20" and `scale` "" as strings) is what the spec accepts.
            verdict: Warn,
            findings: &[],
        },
        Case {
            number: 13,
            file: "tf-templatefile-jsonencode-for/examples/replication_tasks.tf",
            module_dir: None,
            mappings: &["aws_dms_replication_task.replication_tasks"],
            verdict: NotStatic,
            findings: &[r#"dms::mapping_not_static advice 614..689 "templatefile(\"templates/table_mapping.tpl\", { tables = each.value.tables })""#],
        },
        Case {
            number: 14,
            file: "tf-file-interpolated-path/terraform/environments/electronic-monitoring-data/modules/dms/db_migration_task.tf",
            module_dir: None,
            mappings: &[
                "aws_dms_replication_task.dms_db_migration_task",
                "aws_dms_replication_task.dms_db_migration_task_v2",
            ],
            verdict: NotStatic,
            findings: &[
                r#"dms::mapping_not_static advice 620..637 "var.database_name""#,
                r#"dms::mapping_not_static advice 1526..1543 "var.database_name""#,
            ],
        },
        Case {
            number: 15,
            file: "tf-escaped-string/dms.tf",
            module_dir: None,
            mappings: &["aws_dms_replication_task.dbtestlab_repl_task"],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 16,
            file: "tf-escaped-string-interpolation/dms.tf",
            module_dir: None,
            mappings: &["aws_dms_replication_task.aws_dms_replication_task"],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 17,
            file: "tf-module-map-file-serverless/examples/serverless/main.tf",
            module_dir: None,
            mappings: &[r#"module.dms_aurora_postgresql_aurora_mysql.replication_tasks["postgresql_mysql"]"#],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 18,
            file: "cfn-yaml-literal-block/dms-export.yml",
            module_dir: None,
            mappings: &["MigrationTask"],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 19,
            file: "cfn-yaml-single-quoted-oneline/cfn/dms.template",
            module_dir: None,
            mappings: &["ReplicationTask"],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 20,
            file: "cfn-yaml-single-quoted-multiline/DMSPostgreSQLMemoryDBRedis.yaml",
            module_dir: None,
            mappings: &["DMSReplicationTask"],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 21,
            file: "sam-yaml-folded-and-quoted/s3-event-store.yaml",
            module_dir: None,
            mappings: &["RDSToS3", "S3ToDynamoDB"],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 22,
            file: "cfn-yaml-sub-list-folded/templates/aws-dms-to-hudi.yaml",
            module_dir: None,
            mappings: &["ReplicationTask"],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 23,
            file: "cfn-json-cdk-synth/cdk.out/DmsStack.template.json",
            module_dir: None,
            mappings: &[
                "dbserver1dbname1all",
                "dbserver1dbname2all",
                "dbserver1dbname3all",
                "dbserver2dbname1all",
                "dbserver3dbname1all",
                "dbserver3dbname2all",
                "dbserver4dbname1all",
                "dbserver4dbname2all",
                "dbserver5dbname1all",
            ],
            verdict: Valid,
            findings: &[],
        },
        Case {
            number: 24,
            file: "cfn-json-escaped-newlines/lib/TapStack.json",
            module_dir: None,
            mappings: &["DMSReplicationTask"],
            verdict: Valid,
            findings: &[],
        },
    ]
};

/// CDK TypeScript sources (cases 25 and 26): programs, not templates.
const NOT_HOSTS: &[(u32, &str)] = &[
    (
        25,
        "cdk-ts-replication-config-object/src/dms-patterns/postgres2s3.ts",
    ),
    (
        26,
        "cdk-ts-replication-config-object/examples/mysql2s3-stack.ts",
    ),
];

/// A row of SOURCES.md's tables.
#[derive(Debug)]
struct Row {
    number: u32,
    file: String,
    /// The count the "Mappings" column starts with, and the indirect ones it names.
    mappings: usize,
    /// The lines the "Mappings" column names, when it counts mappings in the host file.
    lines: Vec<usize>,
    verdict: String,
}

fn sources(corpus: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(corpus.join("SOURCES.md")).expect("SOURCES.md");
    let numbers = |s: &str| -> Vec<usize> {
        s.split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect()
    };
    text.lines()
        .filter(|line| {
            line.starts_with("| ") && line[2..].starts_with(|c: char| c.is_ascii_digit())
        })
        .map(|line| {
            // A `\|` inside a cell is not a column break.
            let line = line.replace("\\|", "¦");
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            // | # | Case / host file | Form | Repository | Licence | Mappings | Verdict |
            let file = cells[2].split('`').nth(1).expect("a host file").to_owned();
            // `0 (1 indirect, line 89)`: a mapping handed to a module counts as one.
            let indirect = cells[6].split_once(" indirect").map_or(0, |(before, _)| {
                numbers(before).last().copied().unwrap_or(0)
            });
            let count = numbers(cells[6])[0] + indirect;
            let lines = match cells[6].split_once("line") {
                Some((_, after)) if count > 0 => numbers(after),
                _ => Vec::new(),
            };
            Row {
                number: cells[1].parse().expect("a case number"),
                file,
                mappings: count,
                lines,
                verdict: cells[7].to_owned(),
            }
        })
        .collect()
}

/// `code severity start..end "text"` in the file the finding points into (named when it is
/// not the host), then each secondary label; a text of several lines is cut after its first.
fn pinned(file: Option<&str>, source: &[u8], diagnostic: &Diagnostic) -> String {
    let text = |span| {
        let text = under(source, span);
        match text.split_once('\n') {
            Some((first, _)) => format!("{:?}", format!("{} ...", first.trim_end())),
            None => format!("{text:?}"),
        }
    };
    let mut out = format!(
        "{} {} {:?} {}",
        diagnostic.code,
        diagnostic.severity.as_str(),
        diagnostic.primary.span,
        text(diagnostic.primary.span)
    );
    for label in &diagnostic.secondary {
        out.push_str(&format!(" also {:?} {}", label.span, text(label.span)));
    }
    if let Some(file) = file {
        out.push_str(&format!(" in {file}"));
    }
    out
}

/// A host file scanned with its case's context, every mapping linted: the scan and every
/// finding pinned.
fn judge(corpus: &Path, case: &Case) -> (Vec<u8>, Scan, Vec<String>) {
    let path = corpus.join(case.file);
    let text = std::fs::read(&path).expect("corpus file");
    let format = Format::detect(&path, &text).expect("a host file");
    let mut context = Context::file(&path, corpus);
    if let Some(dir) = case.module_dir {
        context = context.with_module_dir(corpus.join(dir));
    }
    let scan = host::scan(&text, format, &context, Options::default().max_input_len);
    let mut findings: Vec<String> = scan
        .diagnostics
        .iter()
        .map(|d| pinned(None, &text, d))
        .collect();
    for mapping in &scan.mappings {
        let (file, source) = match mapping.elsewhere() {
            Some((path, source)) => {
                let shown = path.strip_prefix(corpus).unwrap_or(path);
                (Some(shown.display().to_string()), source.as_bytes())
            }
            None => (None, text.as_slice()),
        };
        let checked = lint_mapping(mapping, &Options::default());
        for d in checked.iter().flat_map(|c| c.diagnostics()) {
            findings.push(pinned(file.as_deref(), source, d));
        }
    }
    (text, scan, findings)
}

/// The codes a verdict names, such as `dms::underscore_wildcard`.
fn named_codes(verdict: &str) -> BTreeSet<String> {
    verdict
        .match_indices("dms::")
        .map(|(at, _)| {
            verdict[at..]
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

/// The table above is SOURCES.md's: the same host files, mapping counts and verdicts.
#[test]
fn the_cases_are_the_ones_sources_lists() {
    let Some(corpus) = corpus() else { return };
    let rows = sources(&corpus);
    assert_eq!(rows.len(), 26, "SOURCES.md lists 26 cases");
    for row in &rows {
        if let Some(&(_, file)) = NOT_HOSTS.iter().find(|(n, _)| *n == row.number) {
            assert_eq!(row.file, file);
            continue;
        }
        let case = CASES
            .iter()
            .find(|c| c.number == row.number)
            .unwrap_or_else(|| panic!("case {} is not in the table", row.number));
        assert_eq!(case.file, row.file, "case {}", row.number);
        assert_eq!(case.mappings.len(), row.mappings, "case {}", row.number);
        let verdict = match row.verdict.as_str() {
            v if v.starts_with("not static") => Verdict::NotStatic,
            v if v.starts_with("warn") => Verdict::Warn,
            v if v.starts_with("valid") => Verdict::Valid,
            v => panic!("case {}: verdict {v:?}", row.number),
        };
        assert_eq!(case.verdict, verdict, "case {}", row.number);
    }
}

#[test]
fn host_files_give_their_mappings_and_findings() {
    let Some(corpus) = corpus() else { return };
    let rows = sources(&corpus);
    let mut failures = Vec::new();
    for case in CASES {
        let (text, scan, findings) = judge(&corpus, case);
        let found: Vec<&str> = scan.mappings.iter().map(|m| m.resource.as_str()).collect();
        if found != case.mappings {
            failures.push(format!("case {}: mappings {found:?}", case.number));
        }
        // Each mapping's value starts on a line SOURCES.md gives (`92 … 652`: the first and last).
        let row = rows
            .iter()
            .find(|r| r.number == case.number)
            .expect("a row");
        let starts: Vec<usize> = scan
            .mappings
            .iter()
            .map(|m| text[..m.span.start].iter().filter(|&&b| b == b'\n').count() + 1)
            .collect();
        if !row.lines.iter().all(|line| starts.contains(line)) {
            failures.push(format!(
                "case {}: mappings on lines {starts:?}, SOURCES.md says {:?}",
                case.number, row.lines
            ));
        }
        if findings != case.findings {
            failures.push(format!(
                "case {}: findings\n{}",
                case.number,
                findings
                    .iter()
                    .map(|f| format!("  {f:?}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What each verdict allows: a valid file raises nothing; a warn file raises exactly the codes
/// its verdict names, none an error; a not-static file gives each unknown mapping an advice
/// labelled in it, and no error.
#[test]
fn verdicts_hold() {
    let Some(corpus) = corpus() else { return };
    let rows = sources(&corpus);
    for case in CASES {
        let (_, scan, findings) = judge(&corpus, case);
        let severities = |sev: &str| {
            findings
                .iter()
                .filter(|f| f.split(' ').nth(1) == Some(sev))
                .count()
        };
        assert_eq!(severities("error"), 0, "case {}: {findings:?}", case.number);
        let row = rows
            .iter()
            .find(|r| r.number == case.number)
            .expect("a row");
        match case.verdict {
            Verdict::Valid => assert!(findings.is_empty(), "case {}: {findings:?}", case.number),
            Verdict::Warn => {
                let raised: BTreeSet<String> = findings
                    .iter()
                    .map(|f| f.split(' ').next().unwrap_or_default().to_owned())
                    .collect();
                assert_eq!(raised, named_codes(&row.verdict), "case {}", case.number);
            }
            Verdict::NotStatic => {
                assert_eq!(
                    severities("warning"),
                    0,
                    "case {}: {findings:?}",
                    case.number
                );
                for mapping in &scan.mappings {
                    if mapping.decoded().is_some() {
                        continue;
                    }
                    let inside = |s: dms_rules::Span| {
                        mapping.span.start <= s.start && s.end <= mapping.span.end
                    };
                    assert!(
                        scan.diagnostics
                            .iter()
                            .any(|d| d.code == Code::MappingNotStatic
                                && d.severity == Severity::Advice
                                && d.labels().any(|l| inside(l.span))),
                        "case {}: {} has no advice on it",
                        case.number,
                        mapping.resource
                    );
                }
            }
        }
    }
}

/// Case 16: the interpolation in the escaped string is an unknown part, and the rest of the
/// mapping is checked: valid.
#[test]
fn an_interpolated_name_is_an_unknown_part_of_a_checked_mapping() {
    let Some(corpus) = corpus() else { return };
    let case = CASES.iter().find(|c| c.number == 16).expect("case 16");
    let (text, scan, findings) = judge(&corpus, case);
    let decoded = scan.mappings[0].decoded().expect("known");
    let unknown: Vec<String> = decoded
        .unknown
        .iter()
        .map(|u| under(&text, decoded.map.span(*u)))
        .collect();
    assert_eq!(
        unknown,
        [
            r#"\"${each.value["database_name"]}\""#,
            r#"${each.value["database_name"]}"#
        ]
    );
    assert!(findings.is_empty(), "{findings:?}");
}

/// The mappings handed to a module (cases 8, 9, 10, 17) are in the host file's folder, not in
/// a resource of it: each is checked where it is written.
#[test]
fn typescript_sources_are_not_host_files() {
    let Some(corpus) = corpus() else { return };
    for &(number, file) in NOT_HOSTS {
        let path = corpus.join(file);
        let text = std::fs::read(&path).expect("corpus file");
        assert_eq!(Format::detect(&path, &text), None, "case {number}");
    }
}
