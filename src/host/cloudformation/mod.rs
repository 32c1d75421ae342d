//! CloudFormation templates (YAML or JSON; SAM and CDK output included): the mappings of their
//! `AWS::DMS::ReplicationTask` and `AWS::DMS::ReplicationConfig` resources.
//!
//! A template is read into a small tree of its own (`node`) by the YAML or the JSON reader.
//! Each `TableMappings` value then becomes the JSON text DMS would receive: a scalar decoded
//! through its quoting, folding or escapes; a `!Sub` or `!Join` of literal text; a YAML mapping
//! or JSON object written out as JSON. Every byte of that text maps back to the template.

mod decode;
mod document;
mod intrinsic;
mod json;
mod mapped;
mod node;
mod sub;
mod synthesize;
mod task;
mod yaml;

#[cfg(test)]
mod tests;

use crate::diagnostic::{Code, Diagnostic, Label};

use super::{Document, Mapping, Scan};
use document::{Outcome, Resource};
use node::Node;

/// The document a JSON string holds, its raw text (quotes included) at `span` of `text` and
/// `value` its decoded text: every escape mapped onto its own bytes. Terraform's `.tfvars.json`
/// holds its mappings so too.
pub(crate) fn json_string(text: &str, span: crate::span::Span, value: &str) -> super::Decoded {
    let scalar = node::Scalar {
        value: std::borrow::Cow::Borrowed(value),
        style: node::Style::JsonString,
        raw: span,
        indent: 0,
    };
    let mapped = decode::scalar(text, &scalar);
    let mut out = super::decoded::Builder::new(span);
    mapped.emit(0..mapped.text().len(), &mut out);
    out.finish()
}

/// CloudFormation as a host format.
pub(crate) struct CloudFormation;

impl super::HostFormat for CloudFormation {
    fn name(&self) -> &'static str {
        "cloudformation"
    }

    fn noun(&self) -> &'static str {
        "CloudFormation template"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["yaml", "yml", "json", "template"]
    }

    fn detect(&self, _path: &std::path::Path, text: &[u8]) -> bool {
        // The search first: a rules document, which shares `.json`, is then not validated as
        // UTF-8 twice.
        names_resources(text) && std::str::from_utf8(text).is_ok_and(is_template)
    }

    fn markers(&self) -> &'static [&'static str] {
        &["AWS::DMS::Replication"]
    }

    fn scan(&self, text: &str, _context: &super::Context) -> Scan {
        scan(text)
    }
}

/// True when `text` looks like a CloudFormation template: a YAML or JSON document whose top
/// level holds a `Resources` key. Cheap: it reads lines or the top level of a JSON object, and
/// parses nothing; a text that never names `Resources` as a key is not read further.
pub fn is_template(text: &str) -> bool {
    names_resources(text.as_bytes()) && has_top_level_resources(text)
}

/// The reading [`is_template`] does once [`names_resources`] has found the word.
fn has_top_level_resources(text: &str) -> bool {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim_start().starts_with('{') {
        return json_top_level_has(body, "Resources");
    }
    body.lines().any(|line| {
        let key = ["Resources", "\"Resources\"", "'Resources'"]
            .into_iter()
            .find_map(|k| line.strip_prefix(k));
        key.is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':'))
    })
}

/// Finds the mappings in a template.
pub fn scan(text: &str) -> Scan {
    let mut scan = Scan::default();
    let root = match read(text) {
        Ok(Some(root)) => root,
        Ok(None) => {
            scan.diagnostics.push(
                Diagnostic::error(
                    Code::EmptyDocument,
                    "the template holds no YAML or JSON document",
                    Label::new(crate::span::Span::new(0, text.len()), "nothing here"),
                )
                .with_help("a CloudFormation template is a mapping with a `Resources` section"),
            );
            return scan;
        }
        Err(diagnostic) => {
            scan.diagnostics.push(diagnostic);
            return scan;
        }
    };
    if root.as_mapping().is_none() {
        scan.diagnostics.push(not_a_template(&root));
        return scan;
    }
    let diagnostics = &mut scan.diagnostics;
    let Some(resources) = root.get("Resources", diagnostics) else {
        return scan;
    };
    for (key, resource) in resources.as_mapping().unwrap_or_default() {
        let (Some(id), Some(_)) = (key.as_str(), resource.as_mapping()) else {
            continue;
        };
        let kind = resource
            .get("Type", diagnostics)
            .and_then(Node::as_str)
            .and_then(Resource::from_type);
        let Some(kind) = kind else {
            continue;
        };
        let Some(properties) = resource.get("Properties", diagnostics) else {
            continue;
        };
        let Some(value) = properties.get("TableMappings", diagnostics) else {
            continue;
        };
        let document = match document::document(text, id, kind, value) {
            Outcome::Inline(decoded) => Document::Inline(decoded),
            Outcome::NotStatic(advice) => {
                diagnostics.push(advice);
                Document::NotStatic
            }
            // Listed like any mapping, as the Terraform front end lists one: the resource has a
            // mapping, and it cannot be read.
            Outcome::Wrong(error) => {
                diagnostics.push(error);
                Document::NotStatic
            }
        };
        scan.mappings.push(Mapping {
            resource: id.to_string(),
            attribute: "TableMappings".to_string(),
            span: value.span,
            document,
            task: task::of(&root, resources, properties),
        });
    }
    scan
}

/// The template's root. A text that starts with `{` is read as JSON, and as YAML when it is
/// not JSON (a YAML flow mapping is not); when neither reads it, the finding of the reader that
/// got further is reported, the JSON one on a tie.
fn read(text: &str) -> Result<Option<Node<'_>>, Diagnostic> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim_start().starts_with('{') {
        return match json::read(text) {
            Ok(root) => Ok(Some(root)),
            Err(json_error) => yaml::read(text).map_err(|yaml_error| {
                if yaml_error.primary.span.start > json_error.primary.span.start {
                    yaml_error
                } else {
                    json_error
                }
            }),
        };
    }
    yaml::read(text)
}

fn not_a_template(root: &Node<'_>) -> Diagnostic {
    Diagnostic::error(
        Code::WrongType,
        format!(
            "the file is not a CloudFormation template: its top level is {}",
            root.type_name()
        ),
        Label::new(root.span, "expected a mapping with `Resources`"),
    )
    .with_help("a CloudFormation template is a YAML or JSON mapping with a `Resources` section")
}

/// Whether `text` holds `Resources` followed by a colon (a closing quote and white space
/// between them allowed; any non-ASCII byte passes for white space), as every template's key
/// is written, in YAML or JSON: what [`is_template`] reads is never missed. A rules document
/// almost never does; telling it from a template then costs one search of its bytes rather
/// than reading its top level, which is the whole `rules` array.
fn names_resources(text: &[u8]) -> bool {
    const KEY: &[u8] = b"Resources";
    memchr::memmem::find_iter(text, KEY).any(|at| {
        let after = &text[at + KEY.len()..];
        let after = after.strip_prefix(b"\"").unwrap_or(after);
        let after = after.strip_prefix(b"'").unwrap_or(after);
        let spaces = after
            .iter()
            .take_while(|&&b| b.is_ascii_whitespace() || b == b'\x0b' || !b.is_ascii())
            .count();
        after[spaces..].starts_with(b":")
    })
}

/// True when the JSON object `text` has `key` among its top-level keys, read without parsing:
/// strings are skipped and brackets counted.
fn json_top_level_has(text: &str, key: &str) -> bool {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let is_key = depth == 1
                    && bytes.get(start..i) == Some(key.as_bytes())
                    && text[(i + 1).min(text.len())..]
                        .trim_start()
                        .starts_with(':');
                if is_key {
                    return true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}
