//! Code actions: each fix of a finding in the requested range as a quick fix, and "fix all safe
//! fixes" for the document (the same rounds `lint --fix` runs).

use std::collections::HashMap;

use dms_rules::diagnostic::{Applicability, Edit, Fix};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};

use super::diagnostics;
use super::document::{self, Document, Kind};
use super::Context;
use crate::fixes::{self, Source};

pub fn actions(context: &Context<'_>, params: CodeActionParams) -> serde_json::Value {
    let document = context.document;
    let Some(analysis) = context.analysis() else {
        return serde_json::Value::Null;
    };
    let wants = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let lines = &document.lines;
    let text = &document.text;
    let start = lines.offset(text, params.range.start, context.encoding);
    let end = lines.offset(text, params.range.end, context.encoding);

    let mut actions = Vec::new();
    if wants(&CodeActionKind::QUICKFIX) {
        for finding in &analysis.findings {
            let (Some(fix), span) = (&finding.fix, finding.primary.span) else {
                continue;
            };
            if span.start > end || span.end < start {
                continue;
            }
            let title = match fix.applicability {
                Applicability::Safe => capitalised(&fix.title),
                Applicability::Unsafe => format!("{} (unsafe)", capitalised(&fix.title)),
            };
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostics::convert(
                    document,
                    finding,
                    context.encoding,
                )]),
                edit: Some(workspace_edit(document, fix, context)),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                ..CodeAction::default()
            }));
        }
    }
    let fix_all = CodeActionKind::SOURCE_FIX_ALL;
    let any_safe = analysis.findings.iter().any(|f| {
        f.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
    });
    if wants(&fix_all) && any_safe {
        if let Some(edit) = fix_everything(document, analysis.kind, context) {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all safe fixes (dms-rules)".into(),
                kind: Some(fix_all),
                edit: Some(edit),
                ..CodeAction::default()
            }));
        }
    }
    serde_json::to_value(actions).unwrap_or_default()
}

fn workspace_edit(document: &Document, fix: &Fix, context: &Context<'_>) -> WorkspaceEdit {
    let edits = fix
        .edits
        .iter()
        .map(|e| text_edit(document, e, context))
        .collect();
    WorkspaceEdit {
        changes: Some(HashMap::from([(document.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

fn text_edit(document: &Document, edit: &Edit, context: &Context<'_>) -> TextEdit {
    TextEdit::new(
        document
            .lines
            .range(&document.text, edit.span, context.encoding),
        edit.replacement.clone(),
    )
}

/// The document with every safe fix applied, as one edit of the part that changes.
fn fix_everything(document: &Document, kind: Kind, context: &Context<'_>) -> Option<WorkspaceEdit> {
    let host_context;
    let source = match kind {
        Kind::Rules => Source::Rules,
        Kind::Host(format) => {
            host_context = document::context(document.path.as_deref(), context.root);
            Source::Host(format, &host_context)
        }
        Kind::Other => return None,
    };
    let fixed = fixes::fix_all(&document.text, source, context.options, Applicability::Safe);
    if fixed.applied == 0 {
        return None;
    }
    let edit = Edit::minimal(0, &document.text, &fixed.text);
    Some(WorkspaceEdit {
        changes: Some(HashMap::from([(
            document.uri.clone(),
            vec![text_edit(document, &edit, context)],
        )])),
        ..WorkspaceEdit::default()
    })
}

fn capitalised(title: &str) -> String {
    let mut chars = title.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
