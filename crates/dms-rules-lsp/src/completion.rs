//! Completion in rules documents: the member keys the object at the cursor may hold (for its
//! rule type and the document's dialect), and the values of enumerated members.

use dms_rules::Span;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionTextEdit,
    Documentation, TextEdit,
};

use crate::document::Kind;
use crate::request::Context;
use crate::tree::{self, Member, Node, Target};
use crate::vocabulary::{self, Place};

pub fn complete(context: &Context<'_>, params: CompletionParams) -> serde_json::Value {
    let items = items(context, &params).unwrap_or_default();
    let list = CompletionList {
        is_incomplete: false,
        items,
    };
    serde_json::to_value(list).unwrap_or_default()
}

fn items(context: &Context<'_>, params: &CompletionParams) -> Option<Vec<CompletionItem>> {
    let document = context.document;
    let analysis = context.analysis()?;
    if analysis.kind != Kind::Rules {
        return None;
    }
    let text = &document.text;
    let offset = document.lines.offset(
        text,
        params.text_document_position.position,
        context.encoding,
    );
    let root = tree::read(text)?;
    let cursor = tree::cursor(&root, offset)?;
    let place = Place::of(&cursor.path, tree::dialect(analysis.dialect, &root))?;
    let edit = |span: Span, new_text: String| {
        CompletionTextEdit::Edit(TextEdit::new(
            document.lines.range(text, span, context.encoding),
            new_text,
        ))
    };
    let items = match cursor.target {
        Target::Key { object, key } => keys(place, object, Some(&key.value))
            .into_iter()
            .map(|(name, doc)| CompletionItem {
                text_edit: Some(edit(typed(text, key, offset), format!("\"{name}\""))),
                ..key_item(name, doc)
            })
            .collect(),
        Target::Value { key, value, .. } => vocabulary::values(place, &key.value)
            .iter()
            .map(|v| CompletionItem {
                text_edit: Some(edit(typed(text, value, offset), format!("\"{v}\""))),
                ..value_item(place, &key.value, v)
            })
            .collect(),
        Target::Gap { object } => match awaiting_value(text, object, offset) {
            // After `"key":`, before any value.
            Some(member) => vocabulary::values(place, &member.key.value)
                .iter()
                .map(|v| CompletionItem {
                    insert_text: Some(format!("\"{v}\"")),
                    ..value_item(place, &member.key.value, v)
                })
                .collect(),
            None => keys(place, object, None)
                .into_iter()
                .map(|(name, doc)| CompletionItem {
                    insert_text: Some(format!("\"{name}\": ")),
                    ..key_item(name, doc)
                })
                .collect(),
        },
    };
    Some(items)
}

/// What a completion replaces: the whole string when it is closed, else what is typed of it
/// up to the cursor (an unclosed string runs to the end of its line).
fn typed(text: &str, string: &tree::Str, offset: usize) -> Span {
    let closed = string.span.len() >= 2 && text.as_bytes().get(string.span.end - 1) == Some(&b'"');
    if closed {
        string.span
    } else {
        Span::new(
            string.span.start,
            offset.clamp(string.span.start, string.span.end),
        )
    }
}

/// The keys the object may still take: those it does not hold yet, besides `typing`.
fn keys(place: Place, object: &Node, typing: Option<&str>) -> Vec<(&'static str, &'static str)> {
    let Node::Object { members, .. } = object else {
        return Vec::new();
    };
    let held = |name: &str| {
        members.iter().filter(|m| m.key.value == name).count() > usize::from(typing == Some(name))
    };
    vocabulary::keys(place)
        .into_iter()
        .filter(|k| !held(k.name))
        .map(|k| (k.name, k.doc))
        .collect()
}

/// The member whose value is still to be written at `offset`: its key and `:` are before the
/// cursor with nothing else between.
fn awaiting_value<'t>(text: &str, object: &'t Node, offset: usize) -> Option<&'t Member> {
    let Node::Object { members, .. } = object else {
        return None;
    };
    let member = members
        .iter()
        .rfind(|m| m.key.span.end <= offset)
        .filter(|m| m.value.is_none())?;
    let between = text.get(member.key.span.end..offset)?;
    (between.trim() == ":").then_some(member)
}

fn key_item(name: &str, doc: &str) -> CompletionItem {
    CompletionItem {
        label: name.to_owned(),
        kind: Some(CompletionItemKind::PROPERTY),
        documentation: Some(Documentation::String(doc.to_owned())),
        filter_text: Some(format!("\"{name}\"")),
        ..CompletionItem::default()
    }
}

fn value_item(place: Place, key: &str, value: &str) -> CompletionItem {
    CompletionItem {
        label: value.to_owned(),
        kind: Some(CompletionItemKind::ENUM_MEMBER),
        detail: Some(format!("`{key}`")),
        documentation: vocabulary::value_doc(place, key, value)
            .map(|doc| Documentation::String(doc.to_owned())),
        filter_text: Some(format!("\"{value}\"")),
        ..CompletionItem::default()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::testing::{apply, Session, URI};

    const RULE: &str = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "hr",
  "object-locator": {"schema-name": "HR", "table-name": "%", ""}, "rule-action": "include"}]}"#;

    fn complete(session: &mut Session, at: Value) -> Value {
        session.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": at}),
        )
    }

    fn labels(list: &Value) -> Vec<&str> {
        list["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|item| item["label"].as_str().expect("label"))
            .collect()
    }

    #[test]
    fn a_locator_is_offered_the_keys_it_does_not_hold_yet() {
        let mut session = Session::open(RULE);
        let at = session.at("\"\"}", 1);
        let list = complete(&mut session, at);
        assert_eq!(labels(&list), ["table-type"]);
        assert_eq!(list["isIncomplete"], false);
        // The item replaces the empty string with the key, quotes included.
        let item = &list["items"][0];
        assert_eq!(item["kind"], 10, "a property");
        let edit = json!({"changes": {URI: [item["textEdit"]]}});
        let edited = apply(RULE, &edit);
        assert!(
            edited.contains(r#""table-name": "%", "table-type"}"#),
            "{edited}"
        );
    }

    #[test]
    fn a_rule_is_offered_its_keys_less_those_it_holds_with_what_they_mean() {
        let text = RULE
            .replace(r#", """#, "")
            .replace(r#""rule-name": "hr","#, r#""rule-name": "hr", "","#);
        let mut session = Session::open(&text);
        let at = session.at(r#""","#, 1);
        let list = complete(&mut session, at);
        let offered = labels(&list);
        assert!(offered.contains(&"filters"), "{offered:?}");
        for held in [
            "rule-type",
            "rule-id",
            "rule-name",
            "object-locator",
            "rule-action",
        ] {
            assert!(!offered.contains(&held), "{held}: {offered:?}");
        }
        let filters = list["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|item| item["label"] == "filters")
            .expect("filters");
        assert!(filters["documentation"]
            .as_str()
            .is_some_and(|d| !d.is_empty()));
    }

    #[test]
    fn an_enumerated_value_is_offered_the_values_of_its_key() {
        let text = RULE.replace(r#", """#, "");
        let mut session = Session::open(&text);
        let at = session.at("\"include\"", 1);
        let list = complete(&mut session, at);
        assert_eq!(labels(&list), ["include", "exclude", "explicit"]);
        assert_eq!(list["items"][0]["detail"], "`rule-action`");

        // After `"key":`, before any value: the values, quoted, to insert.
        let text = text.replace(r#""rule-action": "include""#, r#""rule-action": "#);
        let mut session = Session::open(&text);
        let at = session.at("\"rule-action\": ", "\"rule-action\": ".len());
        let list = complete(&mut session, at);
        assert_eq!(list["items"][0]["insertText"], "\"include\"");
    }

    #[test]
    fn the_dialect_decides_the_keys_of_a_locator() {
        let text = RULE.replace(
            r#""schema-name": "HR""#,
            r#""server-name": "db", "schema-name": "HR""#,
        );
        let mut session = Session::open(&text);
        let at = session.at("\"\"}", 1);
        let offered = complete(&mut session, at);
        let offered = labels(&offered);
        assert!(offered.contains(&"database-name"), "{offered:?}");
        assert!(!offered.contains(&"server-name"), "{offered:?}");
    }

    #[test]
    fn a_host_file_or_an_object_that_holds_every_key_it_may_gets_nothing() {
        let tf = "resource \"aws_dms_replication_task\" \"t\" {\n  table_mappings = \"\"\n}\n";
        let mut session = Session::open_as("file:///work/main.tf", tf);
        let list = session.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": "file:///work/main.tf"},
                   "position": {"line": 1, "character": 20}}),
        );
        assert_eq!(list["items"], json!([]));

        // The document's own object, which holds its one key, `rules`.
        let mut session = Session::open(RULE);
        let list = complete(&mut session, json!({"line": 0, "character": 0}));
        assert_eq!(list["items"], json!([]));
    }
}
