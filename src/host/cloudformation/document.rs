//! A `TableMappings` value to the document DMS would receive, or why it cannot be known.

use crate::diagnostic::{Code, Diagnostic, Label, Severity};
use crate::host::decoded::{Builder, Decoded};
use crate::span::Span;

use super::decode;
use super::intrinsic::{self, Call};
use super::node::{Kind, Node, Style};
use super::sub::{self, Substitution};
use super::synthesize;

/// The two resources that hold a mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Resource {
    /// `AWS::DMS::ReplicationTask`: `TableMappings` is a String.
    Task,
    /// `AWS::DMS::ReplicationConfig`: `TableMappings` is Json, an object or a string.
    Config,
}

impl Resource {
    pub fn from_type(name: &str) -> Option<Self> {
        match name {
            "AWS::DMS::ReplicationTask" => Some(Resource::Task),
            "AWS::DMS::ReplicationConfig" => Some(Resource::Config),
            _ => None,
        }
    }

    fn type_name(self) -> &'static str {
        match self {
            Resource::Task => "AWS::DMS::ReplicationTask",
            Resource::Config => "AWS::DMS::ReplicationConfig",
        }
    }
}

/// What a `TableMappings` value turned out to be.
#[derive(Debug)]
pub(super) enum Outcome {
    Inline(Decoded),
    /// Not known until deploy time; the advice says why.
    NotStatic(Diagnostic),
    /// Not a mapping at all: an error.
    Wrong(Diagnostic),
}

/// The document of `node`, the `TableMappings` of resource `id`.
pub(super) fn document(text: &str, id: &str, resource: Resource, node: &Node<'_>) -> Outcome {
    if let Some(alias) = node.holds_alias() {
        let what = if alias == node.span { "is" } else { "holds" };
        return Outcome::NotStatic(
            not_static(
                id,
                alias,
                format!("it {what} a YAML alias, and CloudFormation does not read aliases"),
                "an alias",
            )
            .with_help("write the value out here instead of the alias"),
        );
    }
    if let Some(call) = intrinsic::call(node) {
        return function(text, id, node, &call);
    }
    match &node.kind {
        Kind::Scalar(s) if !node.is_null() && s.style != Style::JsonLiteral => {
            let mut out = Builder::new(node.span);
            sub::emit(
                &decode::scalar(text, s),
                Substitution::None,
                false,
                &mut out,
            );
            Outcome::Inline(out.finish())
        }
        Kind::Mapping(_) if resource == Resource::Config => {
            let mut out = Builder::new(node.span);
            synthesize::contents(text, node, &mut out);
            Outcome::Inline(out.finish())
        }
        _ => Outcome::Wrong(wrong_type(id, resource, node)),
    }
}

fn function(text: &str, id: &str, node: &Node<'_>, call: &Call<'_, '_>) -> Outcome {
    let short = std::ptr::eq(call.args, node);
    match call.name.as_str() {
        "Fn::Sub" => substitute(text, id, node, call),
        "Fn::Join" => join(text, id, node, call),
        "Fn::ToJsonString"
            if matches!(call.args.kind, Kind::Mapping(_) | Kind::Sequence(_))
                || (!short && intrinsic::call(call.args).is_some()) =>
        {
            let mut out = Builder::new(node.span);
            if short {
                synthesize::contents(text, call.args, &mut out);
            } else {
                synthesize::value(text, call.args, &mut out);
            }
            Outcome::Inline(out.finish())
        }
        _ => Outcome::NotStatic(not_static(
            id,
            node.span,
            intrinsic::why_not_static(call),
            "computed at deploy time",
        )),
    }
}

/// `Fn::Sub`: a string, or a list of a string and a mapping of variables.
fn substitute(text: &str, id: &str, node: &Node<'_>, call: &Call<'_, '_>) -> Outcome {
    let short = std::ptr::eq(call.args, node);
    let (template, variables) = match &call.args.kind {
        Kind::Scalar(_) if short || call.args.as_text().is_some() => (call.args, &[][..]),
        Kind::Sequence(items) if items.len() == 2 => match items[1].as_mapping() {
            Some(variables) if intrinsic::call(&items[1]).is_none() => (&items[0], variables),
            _ => {
                return shape(
                    id,
                    &items[1],
                    call,
                    "its second item is a mapping of variables",
                )
            }
        },
        _ => {
            return shape(
                id,
                call.args,
                call,
                "it takes a string, or a list of a string and a mapping of variables",
            )
        }
    };
    let string = match &template.kind {
        Kind::Scalar(s) if std::ptr::eq(template, node) || template.as_text().is_some() => s,
        _ => {
            let why = intrinsic::call(template).map_or_else(
                || {
                    format!(
                        "the string of `{}` is {}",
                        call.written,
                        template.type_name()
                    )
                },
                |inner| intrinsic::why_not_static(&inner),
            );
            return Outcome::NotStatic(not_static(id, template.span, why, "not literal text"));
        }
    };
    let mut out = Builder::new(node.span);
    let mapped = decode::scalar(text, string);
    sub::emit(&mapped, Substitution::Sub(variables), false, &mut out);
    Outcome::Inline(out.finish())
}

/// `Fn::Join` whose parts are all literal strings: the parts joined by the delimiter.
fn join(text: &str, id: &str, node: &Node<'_>, call: &Call<'_, '_>) -> Outcome {
    let Kind::Sequence(args) = &call.args.kind else {
        return shape(
            id,
            call.args,
            call,
            "it takes a list of a delimiter and a list of parts",
        );
    };
    let [delimiter, parts] = args.as_slice() else {
        return shape(
            id,
            call.args,
            call,
            "it takes a list of a delimiter and a list of parts",
        );
    };
    let Some(delimiter_text) = delimiter.as_str() else {
        return shape(id, delimiter, call, "its delimiter is a string");
    };
    let items = match &parts.kind {
        Kind::Sequence(items) if intrinsic::call(parts).is_none() => items,
        _ => {
            let why = intrinsic::call(parts).map_or_else(
                || format!("its parts are {}", parts.type_name()),
                |inner| intrinsic::why_not_static(&inner),
            );
            return Outcome::NotStatic(not_static(
                id,
                parts.span,
                format!(
                    "the parts of `{}` are not a literal list: {why}",
                    call.written
                ),
                "not a literal list",
            ));
        }
    };
    let mut out = Builder::new(node.span);
    for (i, part) in items.iter().enumerate() {
        let string = match (&part.kind, part.as_text()) {
            (Kind::Scalar(s), Some(_)) if s.style != Style::JsonLiteral => s,
            _ => {
                let why = intrinsic::call(part).map_or_else(
                    || format!("it is {}", part.type_name()),
                    |inner| intrinsic::why_not_static(&inner),
                );
                return Outcome::NotStatic(not_static(
                    id,
                    part.span,
                    format!("a part of `{}` is not literal text: {why}", call.written),
                    "not literal text",
                ));
            }
        };
        if i > 0 {
            out.decoded(delimiter_text, delimiter.span);
        }
        sub::emit(
            &decode::scalar(text, string),
            Substitution::None,
            false,
            &mut out,
        );
    }
    Outcome::Inline(out.finish())
}

/// A function whose arguments do not have the shape CloudFormation requires.
fn shape(id: &str, at: &Node<'_>, call: &Call<'_, '_>, rule: &str) -> Outcome {
    Outcome::NotStatic(not_static(
        id,
        at.span,
        format!(
            "`{}` is not written as CloudFormation reads it: {rule}",
            call.written
        ),
        "not read as written",
    ))
}

fn not_static(id: &str, at: Span, why: String, label: &str) -> Diagnostic {
    Diagnostic::new(
        Code::MappingNotStatic,
        Severity::Advice,
        format!("the mapping of `{id}` is not written in the template: {why}"),
        Label::new(at, label),
    )
    .with_help(
        "to have the rules checked, write the JSON document in the template: a block scalar \
         (`TableMappings: |`), a quoted string, or `!Sub` with literal text",
    )
}

fn wrong_type(id: &str, resource: Resource, node: &Node<'_>) -> Diagnostic {
    let found = node.type_name();
    let (expected, help) = match resource {
        Resource::Task => (
            "a string",
            "write the JSON rules document as a string, for example in a block scalar: \
             `TableMappings: |` followed by the document indented on the next lines",
        ),
        Resource::Config => (
            "a mapping or a string",
            "write the rules document as a mapping with a `rules` list, or as a JSON string",
        ),
    };
    Diagnostic::error(
        Code::WrongType,
        format!(
            "`TableMappings` of `{id}` ({}) must be {expected}, found {found}",
            resource.type_name()
        ),
        Label::new(node.span, format!("expected {expected}")),
    )
    .with_help(help)
}
