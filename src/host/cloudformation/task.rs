//! The task of a `TableMappings`: `SourceEndpointArn` and `TargetEndpointArn` that name an
//! `AWS::DMS::Endpoint` of the template (`!Ref X`, `{"Ref": "X"}`, `!GetAtt X.Arn`) lead to its
//! `EngineName`; `MigrationType` (a replication config's `ReplicationType`) is read as written.

use std::str::FromStr;

use super::intrinsic;
use super::node::{Kind, Node};
use crate::engine::Engine;
use crate::host::task::{Setting, Task, Written};

/// The task the resource `properties` describes, in the template `root` whose `Resources` are
/// `resources`.
pub(super) fn of(root: &Node<'_>, resources: &Node<'_>, properties: &Node<'_>) -> Task {
    let mut ignored = Vec::new();
    let mut get = |key: &str| properties.get(key, &mut ignored);
    let migration = get("MigrationType").or_else(|| get("ReplicationType"));
    let source = get("SourceEndpointArn");
    let target = get("TargetEndpointArn");
    Task {
        source_engine: source.map_or(Setting::Absent, |arn| engine(root, resources, arn)),
        target_engine: target.map_or(Setting::Absent, |arn| engine(root, resources, arn)),
        migration_type: migration.map_or(Setting::Absent, |node| literal(node, "migration type")),
    }
}

fn here(node: &Node<'_>) -> Written {
    Written {
        path: None,
        span: node.span,
    }
}

/// A scalar read as a value of `T`.
fn literal<T: FromStr>(node: &Node<'_>, what: &str) -> Setting<T> {
    match node.as_str() {
        Some(text) => match text.parse() {
            Ok(value) => Setting::Read {
                value,
                at: here(node),
            },
            Err(_) => Setting::Unknown {
                why: format!("`{text}` is not a {what} dms-rules knows"),
                at: here(node),
            },
        },
        None => Setting::Unknown {
            why: match intrinsic::call(node) {
                Some(call) => intrinsic::why_not_static(&call),
                None => format!("the {what} is not a string"),
            },
            at: here(node),
        },
    }
}

/// The engine of the endpoint an ARN value names.
fn engine(root: &Node<'_>, resources: &Node<'_>, arn: &Node<'_>) -> Setting<Engine> {
    let unknown = |why: String| Setting::Unknown { why, at: here(arn) };
    let Some(call) = intrinsic::call(arn) else {
        return unknown("an endpoint ARN written out names an endpoint made elsewhere".into());
    };
    let id = match (call.name.as_str(), &call.args.kind) {
        ("Ref", Kind::Scalar(_)) => call.args.as_scalar_text(),
        // `!GetAtt X.Arn` or `Fn::GetAtt: [X, Arn]`.
        ("Fn::GetAtt", Kind::Scalar(_)) => call
            .args
            .as_scalar_text()
            .map(|t| t.split('.').next().unwrap_or(t)),
        ("Fn::GetAtt", Kind::Sequence(items)) => items.first().and_then(Node::as_scalar_text),
        _ => None,
    };
    let Some(id) = id else {
        return unknown(intrinsic::why_not_static(&call));
    };
    let mut ignored = Vec::new();
    let Some(resource) = resources.get(id, &mut ignored) else {
        let parameter = root
            .get("Parameters", &mut ignored)
            .and_then(|p| p.get(id, &mut ignored))
            .is_some();
        return unknown(if parameter {
            format!("`{id}` is a template parameter, given at deploy time")
        } else {
            format!("`{id}` is not a resource of this template")
        });
    };
    if resource.get("Type", &mut ignored).and_then(Node::as_str) != Some("AWS::DMS::Endpoint") {
        return unknown(format!("`{id}` is not an `AWS::DMS::Endpoint`"));
    }
    match resource
        .get("Properties", &mut ignored)
        .and_then(|p| p.get("EngineName", &mut ignored))
    {
        Some(name) => literal(name, "engine"),
        None => unknown(format!("`{id}` has no `EngineName`")),
    }
}

impl<'a> Node<'a> {
    /// The text of a scalar, tagged or not (the argument of `!Ref X` is the tagged scalar).
    fn as_scalar_text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar(s) => Some(s.value.as_ref()),
            _ => None,
        }
    }
}
