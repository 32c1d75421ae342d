//! The task of a mapping, read from the Terraform code: a resource's `source_endpoint_arn` and
//! `target_endpoint_arn` naming `aws_dms_endpoint.x.endpoint_arn` lead to its `engine_name`
//! (an endpoint module's `engine_name` argument likewise); the public DMS modules' tasks name
//! their endpoints by `source_endpoint_key` / `target_endpoint_key` in the call's `endpoints`
//! map. `migration_type` (a replication config's `replication_type`) is read as written.

use std::str::FromStr;

use hcl_edit::expr::{Expression, Object, TraversalOperator};
use hcl_edit::structure::{Block, Body};
use hcl_edit::Span as _;

use super::module::{reference, Module, Source, Target};
use super::nested::{Found, Site};
use super::{jsonencode, not_static, template};
use crate::engine::Engine;
use crate::host::task::{Setting, Task, Written};
use crate::span::Span;

/// How many references one setting is followed through.
const MAX_STEPS: usize = 16;

/// The task `found` belongs to.
pub(super) fn of<'m>(module: &'m Module<'m>, found: &Found<'m>) -> Task {
    let at = Settings { module };
    match found.site {
        Site::Resource(body) => {
            let host = &module.host;
            let get = |name: &str| body.get_attribute(name).map(|a| (&a.value, host));
            Task {
                source_engine: at.endpoint(get("source_endpoint_arn")),
                target_engine: at.endpoint(get("target_endpoint_arn")),
                migration_type: at.literal(
                    get("migration_type").or_else(|| get("replication_type")),
                    "migration type",
                ),
            }
        }
        Site::Module(call, holder) => {
            let host = &module.host;
            // A setting of the task object, else one of the call itself.
            let get = |name: &str| {
                holder
                    .and_then(|o| at.member(o, found.place.source, name))
                    .or_else(|| call.get_attribute(name).map(|a| (&a.value, host)))
            };
            let engine = |side: &str| match get(&format!("{side}_endpoint_key")) {
                Some(key) => at.keyed_endpoint(call, key),
                None => at.endpoint(get(&format!("{side}_endpoint_arn"))),
            };
            Task {
                source_engine: engine("source"),
                target_engine: engine("target"),
                migration_type: at.literal(get("migration_type"), "migration type"),
            }
        }
        Site::Value(holder) => {
            let get = |name: &str| holder.and_then(|o| at.member(o, found.place.source, name));
            Task {
                migration_type: at.literal(get("migration_type"), "migration type"),
                ..Task::default()
            }
        }
    }
}

struct Settings<'m> {
    module: &'m Module<'m>,
}

type Value<'m> = (&'m Expression, &'m Source<'m>);

impl<'m> Settings<'m> {
    fn written(&self, expr: &Expression, source: &Source<'_>) -> Written {
        self.at(span_of(expr), source)
    }

    fn at(&self, span: Span, source: &Source<'_>) -> Written {
        Written {
            path: (!self.module.is_host(source))
                .then(|| source.path.clone())
                .flatten(),
            span,
        }
    }

    /// The member `name` of `object`, written in `source`.
    fn member(&self, object: &'m Object, source: &'m Source<'m>, name: &str) -> Option<Value<'m>> {
        object
            .iter()
            .filter(|(k, _)| jsonencode::key(&source.text, k).is_some_and(|k| k.text == name))
            .last()
            .map(|(_, v)| (v.expr(), source))
    }

    /// `value` with `var.x` and `local.x` followed to what they name; why not, when they name
    /// nothing written.
    fn follow(&self, (mut expr, mut source): Value<'m>) -> Result<Value<'m>, (String, Written)> {
        for _ in 0..MAX_STEPS {
            while let Expression::Parenthesis(p) = expr {
                expr = p.inner();
            }
            let Some(r) = reference(expr) else {
                return Ok((expr, source));
            };
            match self.module.lookup(r) {
                Target::Found {
                    expr: found,
                    source: found_in,
                } => (expr, source) = (found, found_in),
                Target::Template { .. } => break,
                Target::Missing(why) => return Err((why, self.written(expr, source))),
            }
        }
        let why = format!("{} is computed when Terraform runs", quote(expr, source));
        Err((why, self.written(expr, source)))
    }

    /// A literal string, followed through references.
    fn string(&self, value: Value<'m>) -> Result<(String, Written), (String, Written)> {
        let (expr, source) = self.follow(value)?;
        match expr {
            Expression::String(s) => Ok((s.value().to_string(), self.written(expr, source))),
            _ => Err((
                not_static::why(&source.text, expr),
                self.written(expr, source),
            )),
        }
    }

    /// A setting written as a literal string of `T`'s names.
    fn literal<T: FromStr>(&self, value: Option<Value<'m>>, what: &str) -> Setting<T> {
        let Some(value) = value else {
            return Setting::Absent;
        };
        match self.string(value) {
            Ok((text, at)) => match text.parse() {
                Ok(value) => Setting::Read { value, at },
                Err(_) => Setting::Unknown {
                    why: format!("`{text}` is not a {what} dms-rules knows"),
                    at,
                },
            },
            Err((why, at)) => Setting::Unknown { why, at },
        }
    }

    /// The engine of the endpoint an ARN value names.
    fn endpoint(&self, value: Option<Value<'m>>) -> Setting<Engine> {
        let Some(value) = value else {
            return Setting::Absent;
        };
        let (expr, source) = match self.follow(value) {
            Ok(found) => found,
            Err((why, at)) => return Setting::Unknown { why, at },
        };
        let unknown = |why: String| Setting::Unknown {
            why,
            at: self.written(expr, source),
        };
        match traversal_names(expr).as_deref() {
            Some(&["aws_dms_endpoint", name, ..]) => {
                match self.module.block("resource", &["aws_dms_endpoint", name]) {
                    Some((block, source)) => self.engine_of(block, source, name),
                    None => unknown(format!(
                        "`aws_dms_endpoint.{name}` is not declared in the `.tf` files of this folder that could be read"
                    )),
                }
            }
            Some(&["aws_dms_s3_endpoint", name, ..]) => {
                match self
                    .module
                    .block("resource", &["aws_dms_s3_endpoint", name])
                {
                    Some((block, source)) => Setting::Read {
                        value: Engine::S3,
                        at: self.at(block_span(block), source),
                    },
                    None => unknown(format!("`aws_dms_s3_endpoint.{name}` is not declared here")),
                }
            }
            // An endpoint module's `engine_name` argument (cloudposse/dms's `dms-endpoint`).
            Some(&["module", name, ..]) => match self.module.block("module", &[name]) {
                Some((block, source)) => self.engine_of(block, source, name),
                None => unknown(format!("`module.{name}` is not called in this folder")),
            },
            Some(["data", ..]) => unknown(format!(
                "{} is read when Terraform runs (a data source, a remote state)",
                quote(expr, source)
            )),
            _ if matches!(expr, Expression::String(_)) => {
                unknown("an endpoint ARN written out names an endpoint made elsewhere".into())
            }
            _ => unknown(not_static::why(&source.text, expr)),
        }
    }

    /// The `engine_name` of an endpoint (a resource, or a module call's arguments).
    fn engine_of(&self, block: &'m Block, source: &'m Source<'m>, name: &str) -> Setting<Engine> {
        match block.body.get_attribute("engine_name") {
            Some(a) => self.literal(Some((&a.value, source)), "engine"),
            None => Setting::Unknown {
                why: format!("`{name}` has no `engine_name`"),
                at: self.at(block_span(block), source),
            },
        }
    }

    /// The engine of the endpoint `key` names in the call's `endpoints` map
    /// (terraform-aws-modules/dms).
    fn keyed_endpoint(&self, call: &'m Body, key: Value<'m>) -> Setting<Engine> {
        let (key, at) = match self.string(key) {
            Ok(found) => found,
            Err((why, at)) => return Setting::Unknown { why, at },
        };
        let endpoints = call
            .get_attribute("endpoints")
            .map(|a| self.follow((&a.value, &self.module.host)));
        let endpoint = match endpoints {
            Some(Ok((Expression::Object(map), source))) => self
                .member(map, source, &key)
                .and_then(|v| self.follow(v).ok()),
            Some(Err((why, at))) => return Setting::Unknown { why, at },
            _ => None,
        };
        match endpoint {
            Some((Expression::Object(endpoint), source)) => {
                match self.member(endpoint, source, "engine_name") {
                    Some(name) => self.literal(Some(name), "engine"),
                    None => Setting::Unknown {
                        why: format!("the endpoint `{key}` has no `engine_name`"),
                        at,
                    },
                }
            }
            _ => Setting::Unknown {
                why: format!("`{key}` is not a key of the module's `endpoints` written here"),
                at,
            },
        }
    }
}

/// `a.b.c` as its names, when `expr` is a traversal of attribute names from a variable.
fn traversal_names(expr: &Expression) -> Option<Vec<&str>> {
    let Expression::Traversal(t) = expr else {
        return None;
    };
    let Expression::Variable(root) = &t.expr else {
        return None;
    };
    let mut names = vec![root.as_str()];
    for op in t.operators.iter() {
        match op.value() {
            TraversalOperator::GetAttr(name) => names.push(name.as_str()),
            _ => break,
        }
    }
    Some(names)
}

fn quote(expr: &Expression, source: &Source<'_>) -> String {
    not_static::quote(&source.text, expr)
}

fn span_of(expr: &Expression) -> Span {
    template::span_of(expr.span()).unwrap_or_default()
}

/// A block's first line: its type and labels.
fn block_span(block: &Block) -> Span {
    let start = template::span_of(block.ident.span())
        .unwrap_or_default()
        .start;
    let end = block
        .labels
        .last()
        .and_then(|l| template::span_of(l.span()))
        .map_or(start, |s| s.end);
    Span::new(start, end.max(start))
}
