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
mod not_static;
mod number;
mod parse;
mod reading;
mod template;

use std::borrow::Cow;
use std::path::PathBuf;

use hcl_edit::Span as _;

use crate::host::{Mapping, Scan};
use crate::span::Span;
use module::{Module, Source};
use reading::Reading;

/// Text without this holds no DMS resource, and is not parsed at all.
const RESOURCE_PREFIX: &str = "aws_dms_replication_";

/// The resource types whose `table_mappings` are DMS rules.
const RESOURCE_TYPES: [&str; 2] = ["aws_dms_replication_task", "aws_dms_replication_config"];

const ATTRIBUTE: &str = "table_mappings";

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
    if !text.contains(RESOURCE_PREFIX) {
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

fn scan_parsed(text: &str, context: &Context) -> Scan {
    let body = match parse::body(text) {
        Ok(body) => body,
        Err(diagnostic) => {
            return Scan {
                mappings: Vec::new(),
                diagnostics: vec![diagnostic],
            }
        }
    };
    let host = Source {
        path: context.path.clone(),
        text: Cow::Borrowed(text),
        body,
    };
    let module = Module::new(host, context);
    let mut scan = Scan::default();
    for block in module.host.body.get_blocks("resource") {
        let [kind, name] = block.labels.as_slice() else {
            continue;
        };
        if !RESOURCE_TYPES.contains(&kind.as_str()) {
            continue;
        }
        for attribute in block
            .body
            .attributes()
            .filter(|a| a.key.as_str() == ATTRIBUTE)
        {
            let span = attribute.value.span().map(Span::from).unwrap_or_default();
            let mut reading = Reading::new(&module, span);
            let document = reading.mapping(&attribute.value);
            scan.diagnostics.append(&mut reading.diagnostics);
            scan.mappings.push(Mapping {
                resource: format!("{}.{}", kind.as_str(), name.as_str()),
                attribute: ATTRIBUTE.to_owned(),
                span,
                document,
            });
        }
    }
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

    fn detect(&self, _text: &[u8]) -> bool {
        true
    }

    fn marker(&self) -> &'static [u8] {
        RESOURCE_PREFIX.as_bytes()
    }

    fn scan(&self, text: &str, context: &Context) -> Scan {
        scan(text, context)
    }
}

#[cfg(test)]
mod tests;
