//! Code actions: each fix of a finding in the requested range as a quick fix, and "fix all safe
//! fixes" for the document (the same rounds `lint --fix` runs).

use std::collections::HashMap;

use dms_rules::diagnostic::{Applicability, Edit, Fix};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};

use crate::diagnostics;
use crate::document::{self, Analysis, Document, Kind};
use crate::request::Context;
use dms_rules::fix::{self, Judged, Source};

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
        if let Some(edit) = fix_everything(document, analysis, context) {
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
/// What the configuration turns off or suppresses is left alone, as `lint --fix` leaves it.
fn fix_everything(
    document: &Document,
    analysis: &Analysis,
    context: &Context<'_>,
) -> Option<WorkspaceEdit> {
    let host_context;
    let source = match analysis.kind {
        Kind::Rules => Source::Rules,
        Kind::Host(format) => {
            host_context = document::context(document.path.as_deref(), context.root);
            Source::Host(format, &host_context)
        }
        Kind::Config | Kind::Other => return None,
    };
    let loaded = analysis.loaded.as_deref();
    let judged = Judged {
        catalog: loaded.and_then(|l| l.catalog(document.path.as_deref())),
        config: loaded.map(|l| &l.config),
        path: document.path.as_deref(),
        reported: None,
    };
    let fixed = fix::apply_all_judged(
        &document.text,
        source,
        context.options,
        judged,
        Applicability::Safe,
    );
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

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::testing::{apply, codes, Session, URI};

    /// A numeric `rule-id` (a safe fix) and a misspelt optional key (a guess).
    const TEXT: &str = r#"{"rules": [{"rule-type": "selection", "rule-id": 1, "rule-name": "hr",
  "object-locator": {"schema-name": "HR", "table-name": "%", "tabel-type": "view"},
  "rule-action": "include"}]}"#;

    fn actions(session: &mut Session, range: Value, only: Option<&[&str]>) -> Vec<Value> {
        let mut context = json!({"diagnostics": []});
        if let Some(only) = only {
            context["only"] = json!(only);
        }
        let answer = session.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": range, "context": context}),
        );
        answer.as_array().expect("actions").clone()
    }

    fn titles(actions: &[Value]) -> Vec<&str> {
        actions
            .iter()
            .map(|a| a["title"].as_str().expect("title"))
            .collect()
    }

    #[test]
    fn each_finding_in_the_range_offers_its_fix_the_guesses_marked_unsafe() {
        let mut session = Session::open(TEXT);
        let found = session.diagnostics(URI);
        assert_eq!(codes(&found), ["dms::rule_id_format", "dms::unknown_key"]);

        let at_id = actions(&mut session, found[0]["range"].clone(), Some(&["quickfix"]));
        assert_eq!(titles(&at_id), ["Write `\"1\"`"]);
        let fix = &at_id[0];
        assert_eq!(fix["kind"], "quickfix");
        assert_eq!(fix["isPreferred"], true);
        assert_eq!(fix["diagnostics"][0]["code"], "dms::rule_id_format");
        let fixed = apply(TEXT, &fix["edit"]);
        assert_eq!(fixed, TEXT.replace("\"rule-id\": 1", "\"rule-id\": \"1\""));

        let at_key = actions(&mut session, found[1]["range"].clone(), Some(&["quickfix"]));
        assert_eq!(titles(&at_key), ["Rename to `table-type` (unsafe)"]);
        assert_eq!(at_key[0]["isPreferred"], false);
    }

    #[test]
    fn fix_all_applies_the_safe_fixes_round_after_round_as_one_edit() {
        // The trailing comma hides the rest until it is gone: the loop takes it, then the id.
        let text = TEXT.replace("\"include\"}]}", "\"include\"},]}");
        let mut session = Session::open(&text);
        assert_eq!(codes(&session.diagnostics(URI)), ["dms::json_syntax"]);
        let everywhere = json!({"start": {"line": 0, "character": 0},
                                "end": {"line": 0, "character": 0}});
        let all = actions(&mut session, everywhere.clone(), Some(&["source.fixAll"]));
        assert_eq!(titles(&all), ["Fix all safe fixes (dms-rules)"]);
        assert_eq!(all[0]["kind"], "source.fixAll");
        let edits = all[0]["edit"]["changes"][URI].as_array().expect("edits");
        assert_eq!(edits.len(), 1, "one edit of the part that changes");
        let fixed = apply(&text, &all[0]["edit"]);
        assert_eq!(fixed, TEXT.replace("\"rule-id\": 1", "\"rule-id\": \"1\""));

        // Asked for quick fixes alone, the whole-document action is not offered.
        let quick = actions(&mut session, everywhere, Some(&["quickfix"]));
        assert!(
            titles(&quick).iter().all(|t| !t.starts_with("Fix all")),
            "{quick:?}"
        );
    }

    #[test]
    fn a_document_without_safe_fixes_offers_no_fix_all() {
        let text = TEXT.replace("\"rule-id\": 1", "\"rule-id\": \"1\"");
        let mut session = Session::open(&text);
        let range = json!({"start": {"line": 0, "character": 0},
                           "end": {"line": 3, "character": 0}});
        let offered = actions(&mut session, range, None);
        assert_eq!(titles(&offered), ["Rename to `table-type` (unsafe)"]);
    }
}
