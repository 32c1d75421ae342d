//! Each form against a fixture written for it, with its deliberate mistake pinned on the host
//! bytes; then the real files of the shared corpus; then hostile input.

use std::path::{Path, PathBuf};

use super::*;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::host::decoded::Decoded;
use crate::host::{Document, Scan};

fn fixtures() -> PathBuf {
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
fn assert_spans_sound(host: &str, scan: &Scan) {
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
        "Key `rule-name` is written twice in this object"
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
        "The rules cannot be checked: `concat(...)` is computed when Terraform runs"
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
