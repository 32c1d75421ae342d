//! Findings as the protocol's diagnostics.

use std::sync::OnceLock;

use dms_rules::{Code, Diagnostic, Severity};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    PublishDiagnosticsParams, Uri,
};

use crate::document::Document;
use crate::position::Encoding;

/// The document's findings (already found) as a `publishDiagnostics`.
pub fn publish(document: &Document, encoding: Encoding) -> PublishDiagnosticsParams {
    let findings = document.analysis.as_ref().map_or(&[][..], |a| &a.findings);
    PublishDiagnosticsParams {
        uri: document.uri.clone(),
        diagnostics: findings
            .iter()
            .map(|d| convert(document, d, encoding))
            .collect(),
        version: Some(document.version),
    }
}

/// One finding: its code with a link to the code's documentation, its severity, the message
/// and help, and the secondary labels as related information.
pub fn convert(
    document: &Document,
    finding: &Diagnostic,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let range = |span| document.lines.range(&document.text, span, encoding);
    let mut message = finding.message.clone();
    if !finding.primary.text.is_empty() {
        message.push_str(&format!(" ({})", finding.primary.text));
    }
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = finding
        .secondary
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(document.uri.clone(), range(label.span)),
            message: label.text.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: range(finding.primary.span),
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Advice => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.code.as_str().to_owned())),
        code_description: documentation(finding.code).map(|href| CodeDescription { href }),
        source: Some("dms-rules".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// Where a code is documented: its entry in the crate's documentation of every code, the
/// text of `grammar/codes.md`.
fn documentation(code: Code) -> Option<Uri> {
    static LINKS: OnceLock<Vec<(Code, Uri)>> = OnceLock::new();
    let links = LINKS.get_or_init(|| {
        Code::ALL
            .iter()
            .filter_map(|&code| {
                // The heading `dms::json_syntax` is anchored as `dmsjson_syntax`.
                let anchor: String = code.as_str().chars().filter(|c| *c != ':').collect();
                let link = format!(
                    "https://docs.rs/dms-rules/{}/dms_rules/diagnostic/codes/index.html#{anchor}",
                    env!("CARGO_PKG_VERSION")
                );
                Some((code, link.parse().ok()?))
            })
            .collect()
    });
    links
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, uri)| uri.clone())
}
