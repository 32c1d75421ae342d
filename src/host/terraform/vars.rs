//! Values given to a root module's variables: `terraform.tfvars`, `*.auto.tfvars`, `-var-file`
//! files (`envs/prod.tfvars`), their `.tfvars.json` forms, and Terragrunt's `inputs = {...}`.
//!
//! Each value a variable holding a mapping is given is checked where it is written, on its
//! own: the variable's default in its `.tf` file, and each file's value here (a file per stage
//! is common). A variable holds a mapping when its name ends in `table_mappings`, when the root
//! module's `.tf` files use it as one (`table_mappings = var.rules`), or, in a value of any
//! variable, under a `table_mappings` key at any depth (`tasks = { full = { table_mappings =
//! ... } }`, as the public DMS modules take them).

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::Path;

use hcl_edit::expr::Expression;

use super::module::{Module, Source};
use super::nested::{Walk, KEY};
use super::reading::Place;
use super::{parse, read_all, variables, Context};
use crate::host::Scan;

/// Terraform's variable files as a host format.
pub(crate) struct TerraformVars;

impl crate::host::HostFormat for TerraformVars {
    fn name(&self) -> &'static str {
        "tfvars"
    }

    fn noun(&self) -> &'static str {
        "Terraform variables file"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["tfvars", "json", "hcl"]
    }

    fn detect(&self, path: &Path, _text: &[u8]) -> bool {
        Shape::of(path).is_some()
    }

    // A document holds `rules`; a task object holds the key.
    fn markers(&self) -> &'static [&'static str] {
        &["rules", KEY]
    }

    fn scan(&self, text: &str, context: &Context) -> Scan {
        let shape = context.path.as_deref().and_then(Shape::of).unwrap_or(
            if text.trim_start().starts_with('{') {
                Shape::Json
            } else {
                Shape::Hcl
            },
        );
        match shape {
            Shape::Json => super::vars_json::scan(text, &mapping_variables(context)),
            Shape::Hcl | Shape::Terragrunt => {
                super::on_large_stack(|| scan_hcl(text, context, shape))
            }
        }
    }
}

/// Whether `path` names a variables file.
pub(crate) fn is_vars_file(path: &Path) -> bool {
    Shape::of(path).is_some()
}

/// How a variables file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `name = value` lines: `.tfvars`.
    Hcl,
    /// A JSON object of values: `.tfvars.json`.
    Json,
    /// `terragrunt.hcl`, whose `inputs` object holds the values.
    Terragrunt,
}

impl Shape {
    fn of(path: &Path) -> Option<Shape> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".tfvars") {
            Some(Shape::Hcl)
        } else if name.ends_with(".tfvars.json") {
            Some(Shape::Json)
        } else if name == "terragrunt.hcl" {
            Some(Shape::Terragrunt)
        } else {
            None
        }
    }
}

/// The variables of the root module the file gives values to that hold a mapping document.
fn mapping_variables(context: &Context) -> BTreeSet<String> {
    let disk = super::files::Disk::new(context.root.as_deref());
    match variables::root_module(context, &disk) {
        Some(dir) => variables::holding_mappings(&dir, context),
        None => BTreeSet::new(),
    }
}

fn scan_hcl(text: &str, context: &Context, shape: Shape) -> Scan {
    let body = match parse::body(text) {
        Ok(body) => body,
        Err(diagnostic) => return Scan::unreadable(diagnostic),
    };
    // Terragrunt's module is named by its `terraform { source }`: a local one is read; a remote
    // one's values are known by their names and keys alone.
    let mapping_variables = match shape {
        Shape::Terragrunt => match local_source(&body, context) {
            Some(dir) => variables::holding_mappings(&dir, context),
            None => BTreeSet::new(),
        },
        _ => mapping_variables(context),
    };
    let host = Source {
        path: context.path.clone(),
        text: Cow::Borrowed(text),
        body,
    };
    let module = Module::new(host, context);
    let place = Place {
        source: &module.host,
        via: None,
    };
    // Terragrunt's `inputs` may be built from its `locals`: those are followed.
    let mut walk = Walk::new(&module, shape == Shape::Terragrunt);
    let values: Vec<(String, &Expression, &str)> = match shape {
        Shape::Terragrunt => module
            .host
            .body
            .attributes()
            .filter(|a| a.key.as_str() == "inputs")
            .flat_map(|inputs| inputs_of(&module.host.text, &inputs.value, &mut walk, place))
            .collect(),
        _ => module
            .host
            .body
            .attributes()
            .map(|a| (a.key.as_str().to_owned(), &a.value, "var"))
            .collect(),
    };
    for (name, value, prefix) in values {
        let shown = format!("{prefix}.{name}");
        if mapping_variables.contains(&name) {
            walk.mapping(value, place, &shown);
        } else {
            walk.named(value, place, &shown, &name);
        }
    }
    let found = std::mem::take(&mut walk.found);
    read_all(&module, found)
}

/// The folder of a Terragrunt `terraform { source = "../modules//dms" }` on the local disk
/// (`//` marks the module's folder inside the source), from the `terragrunt.hcl`'s folder.
fn local_source(body: &hcl_edit::structure::Body, context: &Context) -> Option<std::path::PathBuf> {
    let source = body
        .get_blocks("terraform")
        .find_map(|b| b.body.get_attribute("source"))?;
    let Expression::String(path) = &source.value else {
        return None;
    };
    let path = path.value().as_str();
    if !(path.starts_with("./") || path.starts_with("../") || path.starts_with('/')) {
        return None;
    }
    let dir = match context.path.as_deref()?.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    Some(super::files::normalize(&dir.join(path.replace("//", "/"))))
}

/// The members of Terragrunt's `inputs` object, each a variable's value; an `inputs` that is
/// not an object literal (`merge(local.common, {...})`) is walked whole.
fn inputs_of<'m>(
    text: &str,
    inputs: &'m Expression,
    walk: &mut Walk<'m>,
    place: Place<'m>,
) -> Vec<(String, &'m Expression, &'static str)> {
    let Expression::Object(object) = inputs else {
        walk.value(inputs, place, "inputs");
        return Vec::new();
    };
    let mut values = Vec::new();
    for (key, value) in object.iter() {
        match super::jsonencode::key(text, key) {
            Some(key) => values.push((key.text.into_owned(), value.expr(), "inputs")),
            None => walk.value(value.expr(), place, "inputs[*]"),
        }
    }
    values
}
