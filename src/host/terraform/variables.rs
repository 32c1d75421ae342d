//! The variables of a root module that hold a mapping document: `table_mappings = var.rules`
//! in a resource or a module argument, through `local.x`, `coalesce`, `try` or `trimspace`.
//! A value given to one of them in a `.tfvars` file is a mapping, whatever its name.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use hcl_edit::expr::{Expression, FuncCall};
use hcl_edit::template::Element;

use super::files::Disk;
use super::module::{reference, Module, Reference, Source, Target};
use super::nested::KEY;
use super::{collect, parse, Context};

/// How many references and wrappers one value is followed through.
const MAX_DEPTH: usize = 32;

/// The root module a variables file gives values to: `--module-dir` when given, else the
/// file's own folder when it holds `.tf` files, else its parent's (`envs/prod.tfvars` beside
/// the module's `.tf` files).
pub(super) fn root_module(context: &Context, disk: &Disk) -> Option<PathBuf> {
    if let Some(dir) = &context.module_dir {
        return Some(dir.clone());
    }
    let path = context.path.as_deref()?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !disk.terraform_files(&dir).is_empty() {
        return Some(dir);
    }
    let parent = std::path::absolute(&dir).ok()?.parent()?.to_path_buf();
    (!disk.terraform_files(&parent).is_empty()).then_some(parent)
}

/// The names of the variables of the module in `dir` whose value is a mapping document.
pub(super) fn holding_mappings(dir: &Path, context: &Context) -> BTreeSet<String> {
    let disk = Disk::new(context.root.as_deref());
    let mut names = BTreeSet::new();
    for path in disk.terraform_files(dir) {
        let Ok(text) = disk.read(&path) else { continue };
        if !text.contains(KEY) {
            continue;
        }
        let Ok(body) = parse::body(&text) else {
            continue;
        };
        let own = Context {
            path: Some(path.clone()),
            module_dir: Some(dir.to_path_buf()),
            root: context.root.clone(),
        };
        let host = Source {
            path: Some(path),
            text: Cow::Borrowed(&text),
            body,
        };
        let module = Module::new(host, &own);
        for found in collect(&module) {
            variables(&module, found.value, &mut names, 0);
        }
    }
    names
}

/// The variables `expr` takes its whole value from.
fn variables<'m>(
    module: &'m Module<'m>,
    expr: &'m Expression,
    names: &mut BTreeSet<String>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let depth = depth + 1;
    if let Some(r) = reference(expr) {
        match r {
            Reference::Var(name) => {
                names.insert(name.to_owned());
            }
            Reference::Local(_) => {
                if let Target::Found { expr, .. } = module.lookup(r) {
                    variables(module, expr, names, depth);
                }
            }
            Reference::Rendered(_) => {}
        }
        return;
    }
    match expr {
        Expression::Parenthesis(p) => variables(module, p.inner(), names, depth),
        Expression::FuncCall(call) if passes_through(call) => {
            for arg in call.args.iter() {
                variables(module, arg, names, depth);
            }
        }
        // Terraform 0.11's `"${var.rules}"`.
        Expression::StringTemplate(template) => {
            let mut inner = template.iter().filter_map(|e| match e {
                Element::Interpolation(i) => Some(&i.expr),
                _ => None,
            });
            if let (Some(only), None) = (inner.next(), inner.next()) {
                variables(module, only, names, depth);
            }
        }
        _ => {}
    }
}

/// A call whose value is one of its arguments' values.
fn passes_through(call: &FuncCall) -> bool {
    call.name.namespace.is_empty()
        && matches!(call.name.name.as_str(), "coalesce" | "try" | "trimspace")
}
