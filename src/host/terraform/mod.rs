//! Terraform: the DMS mappings in `.tf` files.
//!
//! [`scan`] finds the `table_mappings` of `aws_dms_replication_task` and
//! `aws_dms_replication_config` resources and turns each into the JSON text DMS would receive,
//! whatever form it is written in: `jsonencode({...})` of an HCL object, a heredoc, a quoted
//! string, `file()` or `templatefile()` of a file in the module, or a `local` or variable
//! default holding one of those. The file is parsed once with hcl-edit, which keeps every
//! node's span; the rest is light work over the mappings alone.

mod files;
mod jsonencode;
mod mapping;
mod module;
mod nested;
mod not_static;
mod number;
mod parse;
mod reading;
mod task;
mod template;
mod variables;
pub(crate) mod vars;
mod vars_json;

use std::borrow::Cow;
use std::path::PathBuf;

use hcl_edit::expr::Expression;
use hcl_edit::Span as _;

use crate::diagnostic::Code;
use crate::host::{Mapping, Scan};
use crate::span::Span;
use module::{Module, Source};
use nested::{Found, Site, Walk, KEY};
use reading::{Place, Reading};

/// The arguments of a `module` block that are Terraform's, not the module's.
const MODULE_META: [&str; 6] = [
    "source",
    "version",
    "providers",
    "count",
    "for_each",
    "depends_on",
];

/// The resource types whose `table_mappings` are DMS rules.
const RESOURCE_TYPES: [&str; 2] = ["aws_dms_replication_task", "aws_dms_replication_config"];

/// The stack the parser and the reading run on: hcl-edit recurses once per nesting level and
/// stops at 64 levels, which an unoptimised build needs several megabytes for.
const STACK: usize = 64 << 20;

/// Where a Terraform text comes from, and which files may be read for it.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The `.tf` file's path; `None` for text from elsewhere (standard input, a library
    /// caller), which then cannot use `path.module` or its folder's other files.
    pub path: Option<PathBuf>,
    /// The root module's folder, which bare relative paths in `file()` are relative to
    /// (Terraform resolves them from where it runs). Defaults to the `.tf` file's folder.
    pub module_dir: Option<PathBuf>,
    /// The read boundary: a file whose canonical path (symlinks followed) is outside it is
    /// never read. `None` reads no file at all.
    pub root: Option<PathBuf>,
}

impl Context {
    /// The context of the `.tf` file at `path`, reading files under `root`.
    pub fn file(path: impl Into<PathBuf>, root: impl Into<PathBuf>) -> Self {
        Context {
            path: Some(path.into()),
            module_dir: None,
            root: Some(root.into()),
        }
    }

    /// The same, with bare relative paths relative to the root module's folder `dir`.
    pub fn with_module_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.module_dir = Some(dir.into());
        self
    }
}

/// The DMS mappings in the Terraform text `text`, with what was found about the file itself.
pub fn scan(text: &str, context: &Context) -> Scan {
    // Text without the key holds no DMS mapping (a resource, a module argument and a `locals`
    // value all name it), and is not parsed at all.
    if !text.contains(KEY) {
        return Scan::default();
    }
    on_large_stack(|| scan_parsed(text, context))
}

/// Runs `work` on a thread with a stack deep enough for hcl-edit's nesting limit; on the
/// calling thread when no thread can be started.
fn on_large_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    let mut work = Some(work);
    let spawned = std::thread::scope(|scope| {
        let job = &mut work;
        let handle = std::thread::Builder::new()
            .name("terraform".into())
            .stack_size(STACK)
            .spawn_scoped(scope, move || (job.take().expect("taken once"))());
        handle.ok().map(|h| h.join())
    });
    match spawned {
        Some(Ok(value)) => value,
        Some(Err(panic)) => std::panic::resume_unwind(panic),
        None => (work.take().expect("not started"))(),
    }
}

/// The mapping `found` leads to, and the reading that found it.
fn read<'m>(module: &'m Module<'m>, found: &Found<'m>) -> (Mapping, Reading<'m>) {
    let span = match found.place.via {
        Some(via) => via,
        None => found.value.span().map(Span::from).unwrap_or_default(),
    };
    let mut reading = Reading::new(module, span);
    let document = reading.document(found.value, found.place);
    let mapping = Mapping {
        resource: found.name.clone(),
        attribute: KEY.to_owned(),
        span,
        document,
        task: task::of(module, found),
    };
    (mapping, reading)
}

/// `coalesce(a, b)` and `try(a, b)` take one of their arguments: each that is written out
/// is a document the mapping may be, checked on its own (`null` is none), here or at the end
/// of the references that lead to the call.
fn alternatives<'m>(module: &'m Module<'m>, found: Found<'m>) -> Vec<Found<'m>> {
    match choices(module, &found, 0) {
        Some(each) => each,
        None => vec![found],
    }
}

/// The alternatives of `found` when it is, or leads to, a `coalesce` or `try` call.
fn choices<'m>(module: &'m Module<'m>, found: &Found<'m>, depth: usize) -> Option<Vec<Found<'m>>> {
    const MAX_DEPTH: usize = 32;
    if depth > MAX_DEPTH {
        return None;
    }
    let mut value = found.value;
    while let Expression::Parenthesis(p) = value {
        value = p.inner();
    }
    if module::reference(value).is_some() {
        let next = resolve(module, found.clone(), MAX_DEPTH);
        if std::ptr::eq(next.value, found.value) {
            return None;
        }
        return choices(module, &next, depth + 1);
    }
    let Expression::FuncCall(call) = value else {
        return None;
    };
    if !call.name.namespace.is_empty()
        || !matches!(call.name.name.as_str(), "coalesce" | "try")
        || call.args.is_empty()
    {
        return None;
    }
    let mut each = Vec::new();
    for arg in call
        .args
        .iter()
        .filter(|a| !matches!(a, Expression::Null(_)))
    {
        let one = Found {
            name: found.name.clone(),
            value: arg,
            place: found.place,
            site: found.site,
        };
        match choices(module, &one, depth + 1) {
            Some(mut more) => each.append(&mut more),
            // The value itself, so its span is where it is written.
            None => each.push(resolve(module, one, MAX_DEPTH)),
        }
    }
    Some(each)
}

/// `found` with the `local.x` and `var.x` it is made of followed to the value they name.
fn resolve<'m>(module: &'m Module<'m>, mut found: Found<'m>, steps: usize) -> Found<'m> {
    for _ in 0..steps {
        let mut value = found.value;
        while let Expression::Parenthesis(p) = value {
            value = p.inner();
        }
        let Some(module::Target::Found { expr, source }) =
            module::reference(value).map(|r| module.lookup(r))
        else {
            break;
        };
        // Findings in another file are reported at the reference that led there.
        let via = found.place.via.or_else(|| {
            (module.is_host(found.place.source) && !module.is_host(source))
                .then(|| value.span().map(Span::from))
                .flatten()
        });
        found = Found {
            name: found.name,
            value: expr,
            place: Place { source, via },
            site: found.site,
        };
    }
    found
}

fn scan_parsed(text: &str, context: &Context) -> Scan {
    let body = match parse::body(text) {
        Ok(body) => body,
        Err(diagnostic) => return Scan::unreadable(diagnostic),
    };
    let host = Source {
        path: context.path.clone(),
        text: Cow::Borrowed(text),
        body,
    };
    let module = Module::new(host, context);
    let found = collect(&module);
    read_all(&module, found)
}

/// Every `table_mappings` value the module's host file holds: in resources, in module
/// arguments at any depth, and in its `locals` values and variable defaults.
fn collect<'m>(module: &'m Module<'m>) -> Vec<Found<'m>> {
    let host = || Place {
        source: &module.host,
        via: None,
    };
    let mut found = Vec::new();
    let mut modules = Walk::new(module, true);
    for block in module.host.body.blocks() {
        let labels: Vec<&str> = block.labels.iter().map(|l| l.as_str()).collect();
        match (block.ident.as_str(), labels.as_slice()) {
            ("resource", [kind, name]) if RESOURCE_TYPES.contains(kind) => {
                for attribute in block.body.attributes().filter(|a| a.key.as_str() == KEY) {
                    found.push(Found {
                        name: format!("{kind}.{name}"),
                        value: &attribute.value,
                        place: host(),
                        site: Site::Resource(&block.body),
                    });
                }
            }
            ("module", [name]) => {
                modules.call = Some(&block.body);
                for attribute in block.body.attributes() {
                    let key = attribute.key.as_str();
                    if MODULE_META.contains(&key) {
                        continue;
                    }
                    if key == KEY {
                        found.push(Found {
                            name: format!("module.{name}"),
                            value: &attribute.value,
                            place: host(),
                            site: Site::Module(&block.body, None),
                        });
                    } else {
                        modules.value(&attribute.value, host(), &format!("module.{name}.{key}"));
                    }
                }
            }
            _ => {}
        }
    }
    found.append(&mut modules.found);
    // A mapping kept in a `locals` value or a variable default is read where it is written,
    // once: not again when a resource or module argument above already led to it.
    let mut values = Walk::new(module, false);
    for block in module.host.body.blocks() {
        match (block.ident.as_str(), block.labels.as_slice()) {
            ("locals", []) => {
                for attribute in block.body.attributes() {
                    let name = format!("local.{}", attribute.key.as_str());
                    values.named(&attribute.value, host(), &name, attribute.key.as_str());
                }
            }
            ("variable", [name]) => {
                if let Some(default) = block.body.get_attribute("default") {
                    let shown = format!("var.{}", name.as_str());
                    values.named(&default.value, host(), &shown, name.as_str());
                }
            }
            _ => {}
        }
    }
    found.append(&mut values.found);
    found
}

/// The mappings `found` leads to, each read once, with what was found on the way.
fn read_all<'m>(module: &'m Module<'m>, found: Vec<Found<'m>>) -> Scan {
    let mut scan = Scan::default();
    let mut read_already: Vec<*const Expression> = Vec::new();
    for one in found {
        let mut group = Vec::new();
        // An alternative read already (through another argument) is known all the same.
        let mut known = false;
        for one in alternatives(module, one) {
            if read_already.iter().any(|&e| std::ptr::eq(e, one.value)) {
                known = true;
                continue;
            }
            let (mapping, mut reading) = read(module, &one);
            read_already.push(one.value);
            read_already.append(&mut reading.landed);
            group.push((mapping, reading.diagnostics));
        }
        // Of `coalesce(var.task.table_mappings, local.default)`, the default is checked here
        // and the caller's value where the caller writes it: the unknown one is not news.
        let alternatives = group.len() + usize::from(known);
        if alternatives > 1 && (known || group.iter().any(|(m, _)| m.decoded().is_some())) {
            group.retain(|(m, found)| {
                m.decoded().is_some() || found.iter().any(|d| d.code != Code::MappingNotStatic)
            });
        }
        for (mapping, mut diagnostics) in group {
            scan.diagnostics.append(&mut diagnostics);
            scan.mappings.push(mapping);
        }
    }
    // In the order they are written, whichever block led to them.
    scan.mappings.sort_by_key(|m| m.span.start);
    scan
}

/// Terraform as a host format.
pub(crate) struct Terraform;

impl super::HostFormat for Terraform {
    fn name(&self) -> &'static str {
        "terraform"
    }

    fn noun(&self) -> &'static str {
        "Terraform file"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["tf"]
    }

    fn detect(&self, _path: &std::path::Path, _text: &[u8]) -> bool {
        true
    }

    // Every form that holds a mapping names the key (a resource's argument, a module's, a
    // `locals` value): one search finds them all, where a second, for the resource type, cost as
    // much again over a tree.
    fn markers(&self) -> &'static [&'static str] {
        &[KEY]
    }

    fn scan(&self, text: &str, context: &Context) -> Scan {
        scan(text, context)
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod vars_tests;
