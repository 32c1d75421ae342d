//! Each form against a fixture written for it, with its deliberate mistake pinned on the host
//! bytes; then the real files of the shared corpus; then hostile input.

use std::path::{Path, PathBuf};

use super::*;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::host::decoded::Decoded;
use crate::host::{Document, Scan};

pub(super) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/host/terraform")
}

/// Scans the fixture `name`, reading files under the fixtures folder.
fn fixture(name: &str) -> (String, Scan) {
    let path = fixtures().join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    let scan = scan(&text, &Context::file(&path, fixtures()));
    (text, scan)
}

fn mapping<'s>(scan: &'s Scan, resource: &str) -> &'s Mapping {
    scan.mappings
        .iter()
        .find(|m| m.resource == resource)
        .unwrap_or_else(|| panic!("no mapping of {resource}"))
}

/// The decoded document of `resource`, and the text its map leads into.
fn document<'s>(scan: &'s Scan, host: &'s str, resource: &str) -> (&'s Decoded, &'s str) {
    match &mapping(scan, resource).document {
        Document::Inline(d) => (d, host),
        Document::Elsewhere {
            source, decoded, ..
        } => (decoded, source.as_str()),
        Document::NotStatic => panic!("{resource} is not static"),
    }
}

/// The source bytes that the `nth` occurrence of `needle` in the decoded text maps to.
fn under<'t>(decoded: &Decoded, source: &'t str, needle: &str, nth: usize) -> &'t str {
    let at = decoded
        .text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in {}", decoded.text))
        .0;
    let span = decoded.map.span(Span::new(at, at + needle.len()));
    &source[span.range()]
}

/// Every span of a scan: inside `host` (or the file the map leads into), on char boundaries.
pub(super) fn assert_spans_sound(host: &str, scan: &Scan) {
    let sound = |text: &str, span: Span| {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    };
    for d in &scan.diagnostics {
        for label in d.labels() {
            assert!(sound(host, label.span), "{d:?}");
        }
    }
    for m in &scan.mappings {
        assert!(sound(host, m.span), "{m:?}");
        for at in crate::host::task::tests::places(&m.task) {
            // In the host file, or in another file of its folder (not checked here).
            assert!(at.path.is_some() || sound(host, at.span), "{:?}", m.task);
        }
        let (decoded, source) = match &m.document {
            Document::Inline(d) => (d, host),
            Document::Elsewhere {
                source, decoded, ..
            } => (decoded, source.as_str()),
            Document::NotStatic => continue,
        };
        // Every char of the decoded text, and every prefix and suffix, maps soundly.
        let text = &decoded.text;
        for (i, c) in text.char_indices().step_by(7) {
            for span in [
                Span::new(i, i + c.len_utf8()),
                Span::new(0, i),
                Span::new(i, text.len()),
            ] {
                let host = decoded.map.span(span);
                assert!(sound(source, host), "{span:?} -> {host:?} in {m:?}");
            }
        }
        for span in &decoded.unknown {
            assert!(sound(text, *span));
        }
    }
}

fn only(scan: &Scan, code: Code) -> &Diagnostic {
    let found: Vec<_> = scan.diagnostics.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "{:?}", scan.diagnostics);
    found[0]
}

fn parses(decoded: &Decoded) {
    if let Err(e) = crate::syntax::parse(&decoded.text) {
        panic!("{}\n{e:?}", decoded.text);
    }
}

#[test]
fn text_without_a_dms_resource_is_not_parsed() {
    // Not valid HCL at all, but no DMS resource: nothing to say.
    let scan = scan("this is { not HCL", &Context::default());
    assert!(scan.mappings.is_empty() && scan.diagnostics.is_empty());
}

#[test]
fn jsonencode_is_written_as_terraform_writes_it() {
    let (host, scan) = fixture("jsonencode/main.tf");
    assert_spans_sound(&host, &scan);
    let (d, source) = document(&scan, &host, "aws_dms_replication_task.bare");
    assert_eq!(
        d.text,
        r#"{"rules":[{"filters":[],"object-locator":{"schema-name":"hr","table-name":"%"},"rule-acton":"include","rule-id":1,"rule-name":"émployés \u003call\u003e","rule-type":"selection"}]}"#
    );
    assert!(d.unknown.is_empty());
    parses(d);
    // A bare key with its synthesized quotes lands on the key as written.
    assert_eq!(under(d, source, "\"rule-acton\"", 0), "rule-acton");
    let at = d.text.find("\"rule-acton\"").unwrap();
    let span = d.map.span(Span::new(at, at + "\"rule-acton\"".len()));
    assert_eq!(span.start, host.find("rule-acton = ").unwrap());
    // Numbers by value, escapes over the bytes they stand for.
    assert_eq!(under(d, source, "1", 0), "1.0");
    assert_eq!(under(d, source, "\\u003c", 0), "<");
    assert_eq!(
        under(d, source, "\"émployés \\u003call\\u003e\"", 0),
        "\"émployés <all>\""
    );
    // `:` on the `=`, and a whole member on its HCL bytes.
    assert_eq!(under(d, source, ":", 0), "=");
    assert_eq!(
        under(d, source, "\"table-name\":\"%\"", 0),
        "table-name  = \"%\""
    );
    // The repeated key: the last is kept, and the repeat is reported on the HCL tokens.
    let dup = only(&scan, Code::DuplicateKey);
    assert_eq!(&host[dup.primary.span.range()], "rule-name");
    assert_eq!(&host[dup.secondary[0].span.range()], "rule-name");
    assert!(dup.primary.span.start > dup.secondary[0].span.start);
    assert_eq!(
        dup.message,
        "key `rule-name` is written twice in this object"
    );
    assert!(!d.text.contains("first"));

    let (d, source) = document(&scan, &host, "aws_dms_replication_config.quoted");
    assert_eq!(
        d.text,
        r#"{"rules":[{"load-order":7,"object-locator":{"schema-name":"sales","table-name":"order\"s"},"rule-acton":"exclude","rule-id":"007","rule-name":"2","rule-type":"selection"}]}"#
    );
    parses(d);
    // A quoted key maps with its quotes; `:` on the `:`.
    assert_eq!(under(d, source, "\"rule-acton\"", 0), "\"rule-acton\"");
    assert_eq!(under(d, source, "\"rule-acton\":", 0), "\"rule-acton\" :");
    assert_eq!(under(d, source, "7", 0), "007");
    assert_eq!(under(d, source, "\\\"", 0), "\\\"");
}

#[test]
fn heredocs_are_the_document() {
    let (host, scan) = fixture("heredoc/main.tf");
    assert_spans_sound(&host, &scan);
    assert!(scan.diagnostics.is_empty(), "{:?}", scan.diagnostics);
    for resource in ["plain", "flush", "indented_marker"] {
        let (d, source) = document(
            &scan,
            &host,
            &format!("aws_dms_replication_task.{resource}"),
        );
        parses(d);
        assert!(d.text.ends_with("}\n"), "{resource}");
        assert_eq!(under(d, source, "\"rule-acton\"", 0), "\"rule-acton\"");
    }
    let (d, source) = document(&scan, &host, "aws_dms_replication_task.flush");
    // Four spaces of indentation gone; `$${` is `${`; the interpolation is unknown.
    assert!(
        d.text
            .starts_with("{\n  \"rules\": [\n    {\n      \"rule-type\""),
        "{}",
        d.text
    );
    assert!(d.text.contains("\"rule-name\": \"${literal}\""));
    assert!(d.text.contains("\"schema-name\": \"x\""));
    assert_eq!(under(d, source, "$", 0), "$$");
    assert_eq!(under(d, source, "x", 0), "${var.schema}");
    let at = d.text.find("\"x\"").unwrap();
    assert!(d.unknown.contains(&Span::new(at, at + 3)));
    let (d, _) = document(&scan, &host, "aws_dms_replication_task.indented_marker");
    assert!(d.text.starts_with("    {\"rules\""));
}

#[test]
fn quoted_strings_decode_their_escapes() {
    let (host, scan) = fixture("quoted/main.tf");
    assert_spans_sound(&host, &scan);
    let (d, source) = document(&scan, &host, "aws_dms_replication_task.escaped");
    assert_eq!(
        d.text,
        r#"{"rules":[{"rule-type":"selection","rule-id":"1","rule-name":"1","object-locator":{"schema-name":"x","table-name":"%"},"rule-acton":"include"}]}"#
    );
    parses(d);
    assert_eq!(under(d, source, "\"rule-acton\"", 0), "\\\"rule-acton\\\"");
    assert_eq!(under(d, source, "%", 0), "\\u0025");
    assert_eq!(under(d, source, "x", 0), "${each.value[\"database_name\"]}");
}

#[test]
fn file_reads_the_json_file_inside_the_root() {
    let (host, scan) = fixture("file/main.tf");
    assert_spans_sound(&host, &scan);
    let json =
        std::fs::read_to_string(fixtures().join("file/mappings/table_mappings.json")).unwrap();
    for resource in ["module_relative", "root_relative"] {
        let m = mapping(&scan, &format!("aws_dms_replication_task.{resource}"));
        let Document::Elsewhere {
            path,
            source,
            decoded,
        } = &m.document
        else {
            panic!("{resource}: {:?}", m.document);
        };
        assert!(
            path.ends_with("file/mappings/table_mappings.json"),
            "{path:?}"
        );
        assert_eq!(source, &json);
        assert_eq!(decoded.text, json);
        assert_eq!(
            under(decoded, source, "\"rule-acton\"", 0),
            "\"rule-acton\""
        );
    }
    let missing = only(&scan, Code::FileNotRead);
    assert_eq!(missing.severity, Severity::Warning);
    assert_eq!(
        &host[missing.primary.span.range()],
        "\"${path.module}/mappings/nothing.json\""
    );
    assert!(
        missing.message.ends_with("was not read: no such file"),
        "{}",
        missing.message
    );
    assert!(matches!(
        mapping(&scan, "aws_dms_replication_task.missing").document,
        Document::NotStatic
    ));
}

#[test]
fn templatefile_placeholders_are_unknown() {
    let (host, scan) = fixture("templatefile/main.tf");
    assert_spans_sound(&host, &scan);
    let m = mapping(&scan, "aws_dms_replication_task.rendered");
    let Document::Elsewhere {
        path,
        source,
        decoded,
    } = &m.document
    else {
        panic!("{:?}", m.document);
    };
    assert!(path.ends_with("templates/mapping.tmpl"));
    parses(decoded);
    assert!(decoded
        .text
        .contains("\"rule-name\": \"${not-a-placeholder}\""));
    assert!(decoded.text.contains("\"schema-name\": \"x\""));
    assert_eq!(under(decoded, source, "x", 0), "${schema}");
    assert_eq!(
        under(decoded, source, "\"rule-acton\"", 0),
        "\"rule-acton\""
    );
    // A `%{ for }` template is computed.
    assert!(matches!(
        mapping(&scan, "aws_dms_replication_task.looped").document,
        Document::NotStatic
    ));
    let advice = only(&scan, Code::MappingNotStatic);
    assert_eq!(advice.severity, Severity::Advice);
    assert!(
        advice
            .message
            .contains("looped.tmpl` holds a `%{...}` directive"),
        "{}",
        advice.message
    );
    assert!(host[advice.primary.span.range()]
        .starts_with("templatefile(\"${path.module}/templates/looped.tmpl\""));
}

#[test]
fn references_lead_to_the_document() {
    let (host, scan) = fixture("references/main.tf");
    assert_spans_sound(&host, &scan);
    // In this file: inline, mapped onto the `locals` entry.
    let (d, source) = document(&scan, &host, "aws_dms_replication_task.local");
    assert!(matches!(
        mapping(&scan, "aws_dms_replication_task.local").document,
        Document::Inline(_)
    ));
    parses(d);
    assert_eq!(under(d, source, "\"rule-acton\"", 0), "rule-acton");
    assert_eq!(
        d.map.span(Span::new(0, 1)).start,
        host.find("({").unwrap() + 1
    );
    // In another file of the folder: that file.
    let m = mapping(&scan, "aws_dms_replication_task.variable");
    let Document::Elsewhere {
        path,
        source,
        decoded,
    } = &m.document
    else {
        panic!("{:?}", m.document);
    };
    assert!(path.ends_with("references/variables.tf"));
    parses(decoded);
    assert_eq!(
        under(decoded, source, "\"rule-acton\"", 0),
        "\"rule-acton\""
    );
    assert!(source.contains("variable \"mapping\""));
    // Rules held in a local of this file are written in place.
    let (d, source) = document(&scan, &host, "aws_dms_replication_task.local_rules");
    assert_eq!(
        d.text,
        r#"{"rules":[{"rule-acton":"include","rule-type":"selection"}]}"#
    );
    assert_eq!(under(d, source, "\"rule-acton\"", 0), "rule-acton");
    // An undeclared variable is not static, and says so.
    let advice = only(&scan, Code::MappingNotStatic);
    assert_eq!(&host[advice.primary.span.range()], "var.nowhere");
    assert!(
        advice.message.contains("`var.nowhere` is not declared"),
        "{}",
        advice.message
    );
}

#[test]
fn computed_mappings_say_why() {
    let (host, scan) = fixture("not-static/main.tf");
    assert_spans_sound(&host, &scan);
    assert!(
        scan.diagnostics
            .iter()
            .all(|d| d.severity == Severity::Advice),
        "{:?}",
        scan.diagnostics
    );
    let advice = |resource: &str| {
        let m = mapping(&scan, resource);
        assert!(matches!(m.document, Document::NotStatic), "{resource}");
        scan.diagnostics
            .iter()
            .find(|d| {
                m.span.start <= d.primary.span.start && d.primary.span.end <= m.span.end
                    || d.secondary
                        .iter()
                        .any(|l| m.span.start <= l.span.start && l.span.end <= m.span.end)
            })
            .unwrap_or_else(|| panic!("no advice for {resource}"))
    };
    let concat = advice("aws_dms_replication_task.concat");
    assert_eq!(
        concat.message,
        "the rules cannot be checked: `concat(...)` is computed when Terraform runs"
    );
    assert!(host[concat.primary.span.range()].starts_with("concat(local.generated"));
    let generated = advice("aws_dms_replication_task.generated");
    assert!(
        generated.message.contains("a `for` expression"),
        "{}",
        generated.message
    );
    assert!(host[generated.primary.span.range()].starts_with("[for t in var.tables"));
    assert_eq!(
        &host[generated.secondary[0].span.range()],
        "local.generated"
    );
    let no_default = advice("aws_dms_replication_task.no_default");
    assert!(no_default
        .message
        .contains("`var.no_default` has no default"));
    let directive = advice("aws_dms_replication_task.directive");
    assert_eq!(
        &host[directive.primary.span.range()],
        "%{ for t in var.tables }{\"rule-type\": \"selection\"}%{ endfor }"
    );
    let path = advice("aws_dms_replication_task.interpolated_path");
    assert!(path.message.contains("`var.name`"), "{}", path.message);
    // Unknown parts leave the rest to check.
    let (d, source) = document(&scan, &host, "aws_dms_replication_task.unknown_parts");
    assert_eq!(
        d.text,
        r#"{"rules":[{"object-locator":{"schema-name":"x","table-name":"%"},"rule-action":"include","rule-id":"x","rule-name":"name-x","rule-type":"selection"}]}"#
    );
    parses(d);
    assert_eq!(under(d, source, "\"x\"", 0), "var.schema");
    assert_eq!(under(d, source, "\"x\"", 1), "random_string.id.result");
    assert_eq!(under(d, source, "\"name-x\"", 0), "\"name-${var.suffix}\"");
    assert_eq!(d.unknown.len(), 4);
}

/// What a corpus mapping is expected to become.
#[derive(Debug, Clone, Copy)]
enum Expect {
    Inline,
    /// Read from the file whose path ends so.
    Elsewhere(&'static str),
    NotStatic,
}

/// A host file, its root module folder, and its mappings with what each becomes.
type CorpusFile = (
    &'static str,
    Option<&'static str>,
    &'static [(&'static str, Expect)],
);

/// The Terraform cases of the shared corpus (`SOURCES.md`, cases 1 to 17): per host file, its
/// root module folder when that is not its own, and its mappings.
const CORPUS: &[CorpusFile] = {
    use Expect::*;
    &[
        ("tf-jsonencode-quoted-keys/dms_task.tf", None, &[("aws_dms_replication_task.hr_pg_to_s3_parquet", Inline)]),
        ("tf-jsonencode-colon-rules-utf8/modules/dms/main.tf", None, &[("aws_dms_replication_task.migration_task", Inline)]),
        ("tf-jsonencode-comments-trailing-comma/modules/dms/main.tf", None, &[("aws_dms_replication_task.tables", Inline)]),
        ("tf-jsonencode-dynamic-concat/dms-replication-task.tf", None, &[("aws_dms_replication_task.this", NotStatic)]),
        (
            "tf-jsonencode-computed-for/replication_task.tf",
            None,
            &[
                ("aws_dms_replication_task.full_load_replication_task", NotStatic),
                ("aws_dms_replication_task.cdc_replication_task", NotStatic),
            ],
        ),
        ("tf-heredoc-eof/dms.tf", None, &[("aws_dms_replication_task.migration_task", Inline)]),
        ("tf-heredoc-indented-marker/modules/dms/main.tf", None, &[("aws_dms_replication_task.replication_task", Inline)]),
        ("tf-heredoc-in-locals-to-module/terraform/environment/locals.tf", None, &[("local.dms_task", Inline)]),
        (
            "tf-heredoc-in-locals-to-module/terraform/environment/modules/aws_database_migration/locals.tf",
            None,
            // `coalesce(try(var.task.table_mappings, null), local.default_table_mappings)`
            &[("local.replication_table_mappings", Inline)],
        ),
        (
            "tf-heredoc-in-locals-to-module/terraform/environment/modules/aws_database_migration/dms_replication.tf",
            None,
            &[(
                "aws_dms_replication_task.aurora_migration",
                Elsewhere("aws_database_migration/locals.tf"),
            )],
        ),
        (
            "tf-file-path-module/examples/complete/main.tf",
            None,
            &[(
                "module.dms_replication_task",
                Elsewhere("complete/config/replication-task-table-mappings.json"),
            )],
        ),
        (
            "tf-file-replication-config/dms/dms.tf",
            None,
            &[("aws_dms_replication_config.serverless", Elsewhere("dms/table_mappings.json"))],
        ),
        (
            "tf-templatefile-root-relative/terraform/environments/delius-core/modules/components/dms/dms_outbound_tasks.tf",
            Some("tf-templatefile-root-relative/terraform/environments/delius-core"),
            &[
                (
                    "aws_dms_replication_task.audited_interaction_outbound_replication",
                    Elsewhere("delius-core/templates/audited_interaction_outbound_table_mapping.tmpl"),
                ),
                (
                    "aws_dms_replication_task.user_outbound_replication",
                    Elsewhere("delius-core/files/user_outbound_table_mapping.json"),
                ),
                (
                    "aws_dms_replication_task.business_interaction_outbound_replication",
                    Elsewhere("delius-core/templates/business_interaction_outbound_table_mapping.tmpl"),
                ),
                (
                    "aws_dms_replication_task.audited_interaction_checksum_outbound_replication",
                    Elsewhere("delius-core/files/audited_interaction_checksum_outbound_table_mapping.json"),
                ),
            ],
        ),
        (
            "tf-templatefile-jsonencode-for/examples/replication_tasks.tf",
            None,
            &[("aws_dms_replication_task.replication_tasks", NotStatic)],
        ),
        (
            "tf-file-interpolated-path/terraform/environments/electronic-monitoring-data/modules/dms/db_migration_task.tf",
            None,
            &[
                ("aws_dms_replication_task.dms_db_migration_task", NotStatic),
                ("aws_dms_replication_task.dms_db_migration_task_v2", NotStatic),
            ],
        ),
        ("tf-escaped-string/dms.tf", None, &[("aws_dms_replication_task.dbtestlab_repl_task", Inline)]),
        (
            "tf-escaped-string-interpolation/dms.tf",
            None,
            &[("aws_dms_replication_task.aws_dms_replication_task", Inline)],
        ),
        (
            "tf-module-map-file-serverless/examples/serverless/main.tf",
            None,
            &[(
                r#"module.dms_aurora_postgresql_aurora_mysql.replication_tasks["postgresql_mysql"]"#,
                Elsewhere("serverless/configs/table_mappings.json"),
            )],
        ),
    ]
};

/// The shared IaC corpus: `DMS_RULES_IAC_CORPUS`, else `../shared/corpus/iac` beside the
/// package (absent in a checkout elsewhere, where these tests have nothing to read).
fn iac_corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("DMS_RULES_IAC_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/iac"));
    dir.is_dir().then_some(dir)
}

#[test]
fn corpus_mappings_are_found_and_map_back() {
    let Some(corpus) = iac_corpus() else {
        return;
    };
    for &(file, module_dir, expected) in CORPUS {
        let path = corpus.join(file);
        let host = std::fs::read_to_string(&path).expect("corpus file");
        let mut context = Context::file(&path, &corpus);
        if let Some(dir) = module_dir {
            context = context.with_module_dir(corpus.join(dir));
        }
        let scan = scan(&host, &context);
        assert_spans_sound(&host, &scan);
        let found: Vec<&str> = scan.mappings.iter().map(|m| m.resource.as_str()).collect();
        let wanted: Vec<&str> = expected.iter().map(|(r, _)| *r).collect();
        assert_eq!(found, wanted, "{file}");
        for (m, (_, expect)) in scan.mappings.iter().zip(expected.iter()) {
            let (decoded, source) = match (&m.document, expect) {
                (Document::Inline(d), Expect::Inline) => (d, host.as_str()),
                (
                    Document::Elsewhere {
                        path,
                        source,
                        decoded,
                    },
                    Expect::Elsewhere(end),
                ) => {
                    assert!(path.ends_with(end), "{file}: {path:?}");
                    (decoded, source.as_str())
                }
                (Document::NotStatic, Expect::NotStatic) => {
                    // One advice says why, and nothing is an error.
                    let inside = |s: Span| m.span.start <= s.start && s.end <= m.span.end;
                    assert!(
                        scan.diagnostics
                            .iter()
                            .any(|d| d.code == Code::MappingNotStatic
                                && d.labels().any(|l| inside(l.span))),
                        "{file}: {} has no advice",
                        m.resource
                    );
                    continue;
                }
                (document, _) => {
                    panic!("{file}: {}: {document:?}, expected {expect:?}", m.resource)
                }
            };
            parses(decoded);
            // Every `"rule-type"` key lands on the key as written.
            let keys: Vec<_> = decoded.text.match_indices("\"rule-type\"").collect();
            assert!(!keys.is_empty(), "{file}");
            for (at, key) in keys {
                let span = decoded.map.span(Span::new(at, at + key.len()));
                let written = &source[span.range()];
                assert!(
                    ["rule-type", "\"rule-type\"", "\\\"rule-type\\\""].contains(&written),
                    "{file}: {written:?}"
                );
            }
        }
        assert!(
            !scan.diagnostics.iter().any(Diagnostic::is_error),
            "{file}: {:?}",
            scan.diagnostics
        );
    }
}

/// The scan of one resource whose `table_mappings` is `value`, with no file around it.
fn inline_scan(value: &str) -> (String, Scan) {
    let text =
        format!("resource \"aws_dms_replication_task\" \"t\" {{\n  table_mappings = {value}\n}}\n");
    let scan = scan(&text, &Context::default());
    assert_spans_sound(&text, &scan);
    (text, scan)
}

fn inline_text(value: &str) -> String {
    let (text, scan) = inline_scan(value);
    let (d, _) = document(&scan, &text, "aws_dms_replication_task.t");
    d.text.clone()
}

#[test]
fn jsonencode_values_of_every_kind() {
    assert_eq!(
        inline_text("jsonencode({ b = null, a = [true, !true, -2.50, 1e2], Z = {}, \"é\" = [] })"),
        r#"{"Z":{},"a":[true,false,-2.5,100],"b":null,"é":[]}"#
    );
    // A heredoc value is a JSON string; `"${x}"` is x's own value, unknown here.
    assert_eq!(
        inline_text(
            "jsonencode({ p = \"${var.x}\", s = \"a${var.x}b\", h = <<EOF\n\"q\" & \\\nEOF\n})"
        ),
        r#"{"h":"\"q\" \u0026 \\\n","p":"x","s":"axb"}"#
    );
    // A computed key makes its object unknown, not the document.
    assert_eq!(
        inline_text("jsonencode({ rules = [{ (var.k) = 1 }] })"),
        r#"{"rules":["x"]}"#
    );
    // Keys are unique after decoding: `a` and `"a"` are the same key.
    let (text, scan) = inline_scan("jsonencode({ a = 1, \"a\" = 2 })");
    let (d, _) = document(&scan, &text, "aws_dms_replication_task.t");
    assert_eq!(d.text, r#"{"a":2}"#);
    let dup = only(&scan, Code::DuplicateKey);
    assert_eq!(&text[dup.primary.span.range()], "\"a\"");
    assert_eq!(&text[dup.secondary[0].span.range()], "a");
    // Written three times: each repeat is reported against the first, and the last is kept.
    let (text, scan) = inline_scan("jsonencode({ k = 1, k = 2, k = 3 })");
    let (d, _) = document(&scan, &text, "aws_dms_replication_task.t");
    assert_eq!(d.text, r#"{"k":3}"#);
    let repeats: Vec<_> = scan
        .diagnostics
        .iter()
        .map(|d| {
            (
                &text[d.primary.span.range()],
                d.primary.span.start,
                d.secondary[0].span.start,
            )
        })
        .collect();
    assert_eq!(repeats.len(), 2);
    assert!(repeats
        .iter()
        .all(|&(k, _, first)| k == "k" && first == text.find("k = 1").unwrap()));
}

#[test]
fn a_single_interpolation_is_its_value() {
    // `"${jsonencode(...)}"` is the jsonencode itself.
    assert_eq!(
        inline_text("\"${jsonencode({ rules = [] })}\""),
        r#"{"rules":[]}"#
    );
    assert_eq!(
        inline_text("<<EOF\n${jsonencode({ rules = [] })}\nEOF"),
        r#"{"rules":[]}"#
    );
}

#[test]
fn a_mapping_that_is_not_a_string_is_the_wrong_type() {
    let (text, scan) = inline_scan("{ rules = [] }");
    let d = only(&scan, Code::WrongType);
    assert!(d.is_error());
    assert_eq!(&text[d.primary.span.range()], "{ rules = [] }");
    assert_eq!(d.help.as_deref(), Some("wrap it in `jsonencode(...)`"));
    assert!(matches!(scan.mappings[0].document, Document::NotStatic));
}

#[test]
fn without_a_path_no_file_is_read() {
    let (text, scan) = inline_scan("file(\"${path.module}/m.json\")");
    let d = only(&scan, Code::FileNotRead);
    assert_eq!(&text[d.primary.span.range()], "\"${path.module}/m.json\"");
    assert!(
        d.message.contains("`path.module` is not known"),
        "{}",
        d.message
    );
    let (_, scan) = inline_scan("file(\"m.json\")");
    assert!(only(&scan, Code::FileNotRead)
        .message
        .contains("needs the folder"));
}

#[test]
fn a_file_outside_the_root_is_never_read() {
    let dir = std::env::temp_dir().join(format!("dms-rules-tf-root-{}", std::process::id()));
    let root = dir.join("repo");
    std::fs::create_dir_all(&root).unwrap();
    let secret = "{\"rules\": \"the secret text\"}";
    std::fs::write(dir.join("secret.json"), secret).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("secret.json"), root.join("link.json")).unwrap();
    let text = "resource \"aws_dms_replication_task\" \"up\" {\n  table_mappings = file(\"${path.module}/../secret.json\")\n}\n\
                resource \"aws_dms_replication_task\" \"link\" {\n  table_mappings = file(\"link.json\")\n}\n\
                resource \"aws_dms_replication_task\" \"template\" {\n  table_mappings = templatefile(\"../secret.json\", {})\n}\n";
    let scan = scan(text, &Context::file(root.join("main.tf"), &root));
    assert_spans_sound(text, &scan);
    let shown = format!("{scan:?}");
    assert!(!shown.contains("the secret text"), "{shown}");
    let expected = if cfg!(unix) { 3 } else { 2 };
    let not_read: Vec<_> = scan
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::FileNotRead)
        .collect();
    assert_eq!(not_read.len(), expected);
    for d in not_read {
        assert!(
            d.message.ends_with("was not read: outside the root"),
            "{}",
            d.message
        );
        assert_eq!(d.primary.text, "not read: outside the root");
    }
    assert!(scan
        .mappings
        .iter()
        .all(|m| matches!(m.document, Document::NotStatic)));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn malformed_hcl_is_one_error_where_the_parser_stopped() {
    let text = "resource \"aws_dms_replication_task\" \"t\" {\n  table_mappings = jsonencode({ rules = [1, 2 }\n}\n";
    let scan = scan(text, &Context::default());
    assert_eq!(scan.diagnostics.len(), 1);
    let d = &scan.diagnostics[0];
    assert_eq!(
        (d.code, d.message.as_str()),
        (Code::HclSyntax, "expected `]`")
    );
    assert_eq!(&text[d.primary.span.range()], "}");
    assert!(d.help.is_some());
    assert!(scan.mappings.is_empty());
}

#[test]
fn deep_nesting_is_refused_without_overflowing() {
    for open in ["[", "{a=", "(", "\"${", "f(", "[for x in "] {
        let text = format!(
            "resource \"aws_dms_replication_task\" \"t\" {{\n  table_mappings = {}\n}}\n",
            open.repeat(100_000)
        );
        let scan = scan(&text, &Context::default());
        assert_eq!(scan.diagnostics.len(), 1, "{open}");
        let d = &scan.diagnostics[0];
        assert_eq!(d.code, Code::NestingTooDeep, "{open}: {d:?}");
        let opener = &text[d.primary.span.range()];
        assert!(
            ["[", "{", "(", "${"].contains(&opener),
            "{open}: {opener:?}"
        );
    }
}

#[test]
fn a_heredoc_of_megabytes_is_read_whole() {
    let rule = "{\"rule-type\": \"selection\", \"rule-id\": \"1\", \"rule-name\": \"1\", \"object-locator\": {\"schema-name\": \"hr\", \"table-name\": \"%\"}, \"rule-action\": \"include\"},\n";
    let count = (4 << 20) / rule.len();
    let body = format!("{{\"rules\": [\n{}{{}}]}}\n", rule.repeat(count));
    let (text, scan) = inline_scan(&format!("<<EOF\n{body}EOF"));
    let (d, source) = document(&scan, &text, "aws_dms_replication_task.t");
    assert_eq!(d.text, body);
    assert_eq!(
        under(d, source, "\"rule-action\"", count - 1),
        "\"rule-action\""
    );
    let last = d.text.rfind("rule-action").unwrap();
    assert_eq!(
        d.map.span(Span::new(last, last + 11)).start,
        text.rfind("rule-action").unwrap()
    );
}

#[test]
fn corpus_cases_decode_as_terraform_does() {
    let Some(corpus) = iac_corpus() else {
        return;
    };
    let read = |file: &str| {
        let path = corpus.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let scan = scan(&text, &Context::file(&path, &corpus));
        (text, scan)
    };
    // Case 16: the interpolation's own quotes are not escapes; it is one unknown value.
    let (text, scan) = read("tf-escaped-string-interpolation/dms.tf");
    let (d, source) = document(
        &scan,
        &text,
        "aws_dms_replication_task.aws_dms_replication_task",
    );
    assert!(
        d.text.contains(r#""object-locator":{"schema-name":"x","#),
        "{}",
        d.text
    );
    assert_eq!(under(d, source, "x", 0), "${each.value[\"database_name\"]}");
    // Case 7: a plain heredoc closed by an indented marker.
    let (text, scan) = read("tf-heredoc-indented-marker/modules/dms/main.tf");
    let (d, _) = document(&scan, &text, "aws_dms_replication_task.replication_task");
    assert!(
        d.text.ends_with("}\n") && d.text.contains("\"filters\": []"),
        "{}",
        d.text
    );
    // Case 2: multi-byte comments before the mapping do not shift it.
    let (text, scan) = read("tf-jsonencode-colon-rules-utf8/modules/dms/main.tf");
    let (d, source) = document(&scan, &text, "aws_dms_replication_task.migration_task");
    assert_eq!(under(d, source, "\"rules\"", 0), "rules");
    assert_eq!(under(d, source, ":", 0), ":");
}

mod mutations {
    use proptest::collection::vec;
    use proptest::prelude::*;
    use proptest::sample::Index;

    use super::*;

    /// Every form in one file, for the mutations to break.
    const VALID: &str = r#"locals {
  engine = "postgres"
  m = <<-EOF
    {"rules": [{"rule-type": "selection", "rule-acton": "${var.x}"}]}
  EOF
}
resource "aws_dms_endpoint" "s" {
  engine_name = local.engine
}
resource "aws_dms_replication_task" "a" {
  migration_type      = "cdc"
  source_endpoint_arn = aws_dms_endpoint.s.endpoint_arn
  target_endpoint_arn = module.t.endpoint_arn
  table_mappings = jsonencode({
    rules = [{ rule-type = "selection", "rule-id" : 1.0, n = -7, s = "a\"\u00e9${x}$${y}", # c
      o = { t = <<EOF
  é ${z} %%{
EOF
      }, b = [true, null, !false], }]
  })
}
resource "aws_dms_replication_config" "b" {
  table_mappings = "{\"rules\":[{\"rule-type\":\"${each.value["k"]}\"}]}"
}
resource "aws_dms_replication_task" "c" {
  table_mappings = local.m
}
resource "aws_dms_replication_task" "d" {
  table_mappings = trimspace(file("${path.module}/x.json"))
}
module "e" {
  source = "x"
  endpoints = { k = { engine_name = "oracle" } }
  tasks = { t = { table_mappings = local.m, source_endpoint_key = "k" }, u = [{ table_mappings = null }] }
  list  = [local.n, { table_mappings = "{\"rules\":[]}" }]
}
locals {
  n = local.m != "" ? { table_mappings = coalesce(try(var.t.table_mappings, null), local.m) } : null
}
variable "v" {
  default = { w = { table_mappings = <<EOF
{"rules": [{"rule-type": "selection", "a": "$${b}"}]}
EOF
  } }
}
data "template_file" "t" {
  template = "{\"rules\": [{\"rule-type\": \"$${s}\"}]}"
}
resource "aws_dms_replication_task" "f" {
  table_mappings = data.template_file.t.rendered
}
"#;

    /// Text that HCL gives meaning to.
    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(vec![
                "{",
                "}",
                "[",
                "]",
                "(",
                ")",
                "\"",
                "\\",
                "${",
                "%{",
                "$${",
                "~",
                "<<EOF\n",
                "<<-EOF\n",
                "\nEOF\n",
                "=",
                ":",
                ",",
                "#",
                "//",
                "/*",
                "*/",
                "\n",
                " ",
                "é",
                "\u{2028}",
                "-",
                ".",
                "1e9",
                "var.x",
                "local.m",
                "jsonencode(",
                "file(",
                "a = a",
                "module \"m\" {",
                "table_mappings = ",
                "{ table_mappings = local.m }",
                "data.template_file.t.rendered",
                "coalesce(",
                "try(",
                "aws_dms_endpoint.s.endpoint_arn",
                "engine_name = ",
                "source_endpoint_key = \"k\"",
                "\r\n",
                "\t",
            ])
            .prop_map(str::to_owned),
            "\\PC{0,4}",
        ]
    }

    #[test]
    fn the_unmutated_file_holds_every_form() {
        let scan = scan(
            VALID,
            &Context::file(fixtures().join("mutated.tf"), fixtures()),
        );
        assert_spans_sound(VALID, &scan);
        let kinds: Vec<_> = scan
            .mappings
            .iter()
            .map(|m| match &m.document {
                Document::Inline(d) => {
                    parses(d);
                    "inline"
                }
                Document::Elsewhere { .. } => "elsewhere",
                Document::NotStatic => "not static",
            })
            .collect();
        let found: Vec<(&str, &str)> = names(&scan).into_iter().zip(kinds).collect();
        assert_eq!(
            found,
            [
                ("aws_dms_replication_task.a", "inline"),
                ("aws_dms_replication_config.b", "inline"),
                ("aws_dms_replication_task.c", "inline"),
                ("aws_dms_replication_task.d", "not static"),
                (r#"module.e.tasks["t"]"#, "inline"),
                // `local.m` or a caller's value: `local.m` is read above, the caller's is not news.
                (r#"module.e.list[1]"#, "inline"),
                (r#"var.v["w"]"#, "inline"),
                ("aws_dms_replication_task.f", "inline"),
            ]
        );
        assert_eq!(only(&scan, Code::FileNotRead).severity, Severity::Warning);
    }

    fn cases() -> u32 {
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(256)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

        /// Whatever is cut, inserted or replaced, the scan returns, and its spans are sound.
        #[test]
        fn mutated_terraform_never_panics(
            edits in vec((any::<Index>(), 0usize..12, fragment()), 1..6),
        ) {
            let mut text = VALID.to_owned();
            for (at, cut, insert) in edits {
                let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
                let start = boundaries[at.index(boundaries.len())];
                let end = boundaries.iter().copied().find(|&b| b >= start + cut).unwrap_or(text.len());
                text.replace_range(start..end, &insert);
            }
            let scan = scan(&text, &Context::file(fixtures().join("mutated.tf"), fixtures()));
            assert_spans_sound(&text, &scan);
        }
    }
}

#[test]
fn a_bare_file_name_is_in_the_current_folder() {
    let source = |path: &str| Source {
        path: Some(PathBuf::from(path)),
        text: std::borrow::Cow::Borrowed(""),
        body: hcl_edit::structure::Body::new(),
    };
    assert_eq!(source("main.tf").dir(), Some(Path::new(".")));
    assert_eq!(source("a/main.tf").dir(), Some(Path::new("a")));
    assert_eq!(source("/main.tf").dir(), Some(Path::new("/")));
    // So `${path.module}/m.json` of `main.tf` is `m.json`, not `/m.json`.
    assert_eq!(
        files::normalize(&Path::new(".").join("m.json")),
        PathBuf::from("m.json")
    );
}

#[test]
fn references_in_a_circle_stop() {
    let text = "locals {\n  a = local.b\n  b = trimspace(local.a)\n  c = { x = local.c }\n  d = [local.d, local.d, local.d]\n}\n\
                resource \"aws_dms_replication_task\" \"loop\" {\n  table_mappings = ((local.a))\n}\n\
                resource \"aws_dms_replication_task\" \"nested\" {\n  table_mappings = jsonencode({ rules = [local.c] })\n}\n\
                resource \"aws_dms_replication_task\" \"wide\" {\n  table_mappings = jsonencode({ rules = local.d })\n}\n";
    let scan = scan(text, &Context::default());
    assert_spans_sound(text, &scan);
    assert!(matches!(
        mapping(&scan, "aws_dms_replication_task.loop").document,
        Document::NotStatic
    ));
    let advice = only(&scan, Code::MappingNotStatic);
    assert!(
        advice.message.contains("go round in a circle"),
        "{}",
        advice.message
    );
    // A value that holds itself is written out a bounded number of times, then unknown.
    let (d, _) = document(&scan, text, "aws_dms_replication_task.nested");
    parses(d);
    assert_eq!(d.text.matches("{\"x\":").count(), 16);
    assert_eq!(d.unknown.len(), 1);
    // Three times itself at each level: the text stops growing after 256 references.
    let (d, _) = document(&scan, text, "aws_dms_replication_task.wide");
    parses(d);
    assert!(d.text.len() < 10_000, "{}", d.text.len());
}

#[test]
fn a_path_built_from_itself_stops() {
    let text = "locals {\n  a = \"${local.b}${local.b}${local.b}\"\n  b = \"${local.a}${local.a}\"\n}\n\
                resource \"aws_dms_replication_task\" \"t\" {\n  table_mappings = file(local.a)\n}\n";
    let scan = scan(text, &Context::default());
    assert_spans_sound(text, &scan);
    let advice = only(&scan, Code::MappingNotStatic);
    assert_eq!(&text[advice.primary.span.range()], "local.a");
}

/// The names of the mappings found, in order.
pub(super) fn names(scan: &Scan) -> Vec<&str> {
    scan.mappings.iter().map(|m| m.resource.as_str()).collect()
}

/// Every `rule-acton` of every known document lands on the bytes that spell it.
pub(super) fn every_acton_on_its_bytes(host: &str, scan: &Scan) -> usize {
    let mut seen = 0;
    for m in &scan.mappings {
        let (decoded, source) = match &m.document {
            Document::Inline(d) => (d, host),
            Document::Elsewhere {
                source, decoded, ..
            } => (decoded, source.as_str()),
            Document::NotStatic => continue,
        };
        parses(decoded);
        let written = under(decoded, source, "\"rule-acton\"", 0);
        assert!(
            ["rule-acton", "\"rule-acton\"", "\\\"rule-acton\\\""].contains(&written),
            "{}: {written:?}",
            m.resource
        );
        seen += 1;
    }
    seen
}

#[test]
fn module_arguments_are_read_at_any_depth() {
    let (host, scan) = fixture("module-arguments/main.tf");
    assert_spans_sound(&host, &scan);
    assert_eq!(
        names(&scan),
        [
            r#"module.database_migration_service.replication_tasks["full"]"#,
            r#"module.database_migration_service.replication_tasks["from_file"]"#,
            "module.as_a_list.tasks[0]",
            "module.dms_replication_task",
            r#"module.from_locals.replication_tasks["orders"]"#,
        ]
    );
    assert!(scan.diagnostics.is_empty(), "{:?}", scan.diagnostics);
    assert_eq!(every_acton_on_its_bytes(&host, &scan), 5);
    // The document spans its value; one reached through a local spans the reference.
    let full = mapping(
        &scan,
        r#"module.database_migration_service.replication_tasks["full"]"#,
    );
    assert!(host[full.span.range()].starts_with("jsonencode({ rules"));
    let m = mapping(
        &scan,
        r#"module.database_migration_service.replication_tasks["from_file"]"#,
    );
    assert!(
        matches!(&m.document, Document::Elsewhere { path, .. } if path.ends_with("mappings/table_mappings.json"))
    );
    let m = mapping(&scan, r#"module.from_locals.replication_tasks["orders"]"#);
    assert_eq!(&host[m.span.range()], "local.tasks");
    // The `locals` value it leads to is that same document, not a second one.
    assert!(!names(&scan).iter().any(|n| n.starts_with("local.")));
}

#[test]
fn locals_objects_and_variable_defaults_hold_mappings() {
    let (host, scan) = fixture("locals-and-defaults/main.tf");
    assert_spans_sound(&host, &scan);
    // `null` in `optional_task` is no mapping.
    assert_eq!(names(&scan), [r#"local.dms_task"#, "var.task"]);
    assert!(scan.diagnostics.is_empty(), "{:?}", scan.diagnostics);
    assert_eq!(every_acton_on_its_bytes(&host, &scan), 2);
    let m = mapping(&scan, "local.dms_task");
    assert!(host[m.span.range()].starts_with("<<EOF\n{"));
    let m = mapping(&scan, "var.task");
    assert!(host[m.span.range()].starts_with("jsonencode({"));
}

#[test]
fn a_module_argument_leads_to_a_default_in_another_file() {
    let (host, scan) = fixture("references/main.tf");
    let m = mapping(&scan, r#"module.dms.replication_tasks["nightly"]"#);
    assert_eq!(&host[m.span.range()], "var.tasks");
    let Document::Elsewhere {
        path,
        source,
        decoded,
    } = &m.document
    else {
        panic!("{:?}", m.document);
    };
    assert!(path.ends_with("references/variables.tf"));
    assert_eq!(under(decoded, source, "\"rule-acton\"", 0), "rule-acton");
}

#[test]
fn template_file_data_sources_render_as_templatefile() {
    let (host, scan) = fixture("template-file/main.tf");
    assert_spans_sound(&host, &scan);
    assert_eq!(
        names(&scan),
        ["aws_dms_replication_task.from_file", "module.dms"]
    );
    assert!(scan.diagnostics.is_empty(), "{:?}", scan.diagnostics);
    assert_eq!(every_acton_on_its_bytes(&host, &scan), 2);
    // From a file: `${schema}` is unknown, not the text `${schema}`.
    let m = mapping(&scan, "aws_dms_replication_task.from_file");
    let Document::Elsewhere {
        path,
        decoded,
        source,
    } = &m.document
    else {
        panic!("{:?}", m.document);
    };
    assert!(path.ends_with("templates/mapping.json.tpl"));
    let unknown = |d: &Decoded, source: &str| -> Vec<String> {
        d.unknown
            .iter()
            .map(|u| source[d.map.span(*u).range()].to_owned())
            .collect()
    };
    assert!(!decoded.text.contains("${schema}"));
    assert!(unknown(decoded, source).contains(&"${schema}".to_owned()));
    // Inline: `$${schema}` is the data source's own interpolation, unknown too.
    let (d, source) = document(&scan, &host, "module.dms");
    assert!(!d.text.contains("schema}"), "{}", d.text);
    assert!(unknown(d, source).contains(&"$${schema}".to_owned()));
}

#[test]
fn module_values_that_name_each_other_stop() {
    let text =
        "locals {\n  d = [local.d, local.d, local.d]\n  e = { table_mappings = local.e }\n}\n\
                module \"m\" {\n  source = \"x\"\n  tasks = [local.e, local.d]\n}\n";
    let scan = scan(text, &Context::default());
    assert_spans_sound(text, &scan);
    assert_eq!(names(&scan), ["module.m.tasks[0]"]);
    assert!(matches!(scan.mappings[0].document, Document::NotStatic));
}
