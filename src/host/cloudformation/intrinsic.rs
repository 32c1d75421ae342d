//! Intrinsic functions: `!Sub 'x'` (short form, a tag) or `{"Fn::Sub": "x"}` (long form, a
//! mapping with one key), and what each one means for a mapping that uses it.

use super::node::{Kind, Node};

/// A function call in the template.
#[derive(Debug)]
pub(super) struct Call<'n, 'a> {
    /// The function's full name: `Fn::Sub`, `Ref`.
    pub name: String,
    /// As written: `!Sub`, `Fn::Sub`.
    pub written: String,
    /// The arguments. For the short form this is the tagged node itself: read its kind, not its
    /// tag.
    pub args: &'n Node<'a>,
}

/// The call `node` is, if it is one.
pub(super) fn call<'n, 'a>(node: &'n Node<'a>) -> Option<Call<'n, 'a>> {
    if let Some(tag) = node.tag.as_deref() {
        let short = tag.strip_prefix('!').filter(|t| !t.starts_with('!'))?;
        let name = match short {
            "Ref" | "Condition" => short.to_string(),
            _ => format!("Fn::{short}"),
        };
        return Some(Call {
            name,
            written: tag.to_string(),
            args: node,
        });
    }
    let Kind::Mapping(entries) = &node.kind else {
        return None;
    };
    let [(key, value)] = entries.as_slice() else {
        return None;
    };
    let name = key.as_str()?;
    (name == "Ref" || name == "Condition" || name.starts_with("Fn::")).then(|| Call {
        name: name.to_string(),
        written: name.to_string(),
        args: value,
    })
}

/// Why a mapping that is this call cannot be read from the template, in plain words.
pub(super) fn why_not_static(call: &Call<'_, '_>) -> String {
    let f = &call.written;
    match call.name.as_str() {
        "Ref" => format!(
            "`{f}` names a parameter or resource whose value CloudFormation supplies at deploy time"
        ),
        "Fn::GetAtt" => format!("`{f}` reads an attribute of another resource at deploy time"),
        "Fn::If" => format!("`{f}` picks a value by a condition decided at deploy time"),
        "Fn::ImportValue" => format!("`{f}` reads a value another stack exports"),
        "Fn::FindInMap" => format!("`{f}` looks the value up in the template's `Mappings`"),
        "Fn::Select" => format!("`{f}` picks the value out of a list"),
        "Fn::Transform" => format!("`{f}` has a macro build the value at deploy time"),
        _ => format!("`{f}` computes the value at deploy time"),
    }
}
