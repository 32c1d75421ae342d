//! Completion in rules documents: the member keys the object at the cursor may hold (for its
//! rule type and the document's dialect), and the values of enumerated members.

use dms_rules::Span;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionTextEdit,
    Documentation, TextEdit,
};

use super::document::Kind;
use super::tree::{self, Member, Node, Target};
use super::vocabulary::{self, Place};
use super::Context;

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
    let place = Place {
        object: cursor.object()?,
        rule_type: cursor.rule().and_then(|r| r.member_str("rule-type")),
        dialect: tree::dialect(analysis.dialect, &root),
    };
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
                ..value_item(&key.value, v)
            })
            .collect(),
        Target::Gap { object } => match awaiting_value(text, object, offset) {
            // After `"key":`, before any value.
            Some(member) => vocabulary::values(place, &member.key.value)
                .iter()
                .map(|v| CompletionItem {
                    insert_text: Some(format!("\"{v}\"")),
                    ..value_item(&member.key.value, v)
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
fn keys(
    place: Place<'_>,
    object: &Node,
    typing: Option<&str>,
) -> Vec<(&'static str, &'static str)> {
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

fn value_item(key: &str, value: &str) -> CompletionItem {
    CompletionItem {
        label: value.to_owned(),
        kind: Some(CompletionItemKind::ENUM_MEMBER),
        detail: Some(format!("`{key}`")),
        documentation: vocabulary::value_doc(key, value)
            .map(|doc| Documentation::String(doc.to_owned())),
        filter_text: Some(format!("\"{value}\"")),
        ..CompletionItem::default()
    }
}
