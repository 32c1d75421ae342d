//! Rules where they live: the mappings held in Terraform and CloudFormation files.
//!
//! A front end per host format finds the DMS resources in a host file and turns each mapping
//! into the JSON text DMS would receive ([`Decoded`]), with every byte's origin in the host
//! file, so the pipeline checks it as it checks any rules document and its findings land on the
//! host file's bytes. What the host computes (an interpolation, a reference, a function call) is
//! unknown, not empty: a placeholder stands there and no finding may rest on it.

pub mod cloudformation;
pub mod decoded;
mod format;
pub mod task;
pub mod terraform;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

pub use decoded::{Decoded, OffsetMap};
pub use format::Format;
pub use task::{Setting, Task, Written};
pub use terraform::Context;

/// What a host format is to the rest of the crate: a front end. An implementation is a unit
/// struct in the format's own module, listed once in [`Format::ALL`].
pub(crate) trait HostFormat: Sync {
    /// How the format is named on the command line: `terraform`.
    fn name(&self) -> &'static str;
    /// How one of its files is called in a message: `Terraform file`.
    fn noun(&self) -> &'static str;
    /// The extensions its files have, in lower case, without the dot.
    fn extensions(&self) -> &'static [&'static str];
    /// Whether a file with one of those extensions is of this format, from its name and text:
    /// an extension shared with other files (`.json`) needs a look at the name
    /// (`prod.tfvars.json`) or inside. Cheap: no parse.
    fn detect(&self, path: &Path, text: &[u8]) -> bool;
    /// Bytes of which every file holding a DMS mapping contains one: a file with none of them
    /// is not read.
    fn markers(&self) -> &'static [&'static str];
    /// The mappings in `text`, with what was found about the file itself.
    fn scan(&self, text: &str, context: &Context) -> Scan;
}

/// The git work tree that holds the file at `path`: the nearest folder above it with a `.git`
/// entry (a folder, or the file a linked work tree or submodule has). A relative path is taken
/// from the current directory. What a host file may read is bounded by it when no root is
/// given ([`Context::root`]).
pub fn work_tree(path: &Path) -> Option<PathBuf> {
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let absolute = std::path::absolute(dir).ok()?;
    absolute
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The mappings in a host file given as raw bytes. A file without DMS resources holds none and
/// has nothing to report; bytes that are not UTF-8 or that are over `max_len` are one finding,
/// and no mapping. `context` tells a Terraform file where it lives
/// (for `file()`, `var.x` and `local.x`); CloudFormation templates need none.
pub fn scan(bytes: &[u8], format: Format, context: &Context, max_len: usize) -> Scan {
    if bytes.len() > max_len {
        return Scan::too_large(bytes.len() as u64, max_len);
    }
    if !format.may_hold_mappings(bytes) {
        return Scan::default();
    }
    let text = match crate::syntax::decode(bytes) {
        Ok(text) => text,
        Err(diagnostic) => return Scan::unreadable(diagnostic),
    };
    let mut scan = format.scan(text, context);
    // An expression that cannot be known may run over many lines (a `concat(...)` of rules):
    // the advice labels its first line, which names it, rather than drawing all of it.
    for finding in &mut scan.diagnostics {
        if finding.code == Code::MappingNotStatic {
            finding.primary.span = first_line(text, finding.primary.span);
        }
    }
    crate::diagnostic::order(&mut scan.diagnostics);
    scan
}

/// The mappings a host file holds, and what was found about the host file itself.
#[derive(Debug, Default)]
pub struct Scan {
    /// In the order they appear in the host file.
    pub mappings: Vec<Mapping>,
    /// Findings about the host file (its syntax, a path that was not read, a mapping that cannot
    /// be read statically), with spans into the host file.
    pub diagnostics: Vec<Diagnostic>,
}

/// `span` cut to the end of its first line, without the spaces before the line break.
fn first_line(text: &str, span: Span) -> Span {
    let Some(inside) = text.get(span.range()) else {
        return span;
    };
    match inside.find(['\n', '\r']) {
        Some(end) => Span::new(span.start, span.start + inside[..end].trim_end().len()),
        None => span,
    }
}

impl Scan {
    /// What is found about a host file of `len` bytes that was not read because it is larger
    /// than `max_len`: one `dms::input_too_large` finding. Lets a caller refuse a huge file from
    /// its size alone.
    pub fn too_large(len: u64, max_len: usize) -> Scan {
        Scan::unreadable(crate::diagnostic::input_too_large(len, max_len))
    }

    /// What is found about a host file that cannot be read (not UTF-8, not well-formed): the
    /// one finding that says why, and no mapping.
    pub fn unreadable(diagnostic: Diagnostic) -> Scan {
        Scan {
            mappings: Vec::new(),
            diagnostics: vec![diagnostic],
        }
    }
}

/// One mapping in a host file: a DMS resource's mapping attribute.
#[derive(Debug)]
pub struct Mapping {
    /// The resource that holds it: a Terraform address such as
    /// `aws_dms_replication_task.main`, or a CloudFormation logical id.
    pub resource: String,
    /// The attribute: `table_mappings`, `TableMappings`.
    pub attribute: String,
    /// The bytes of the attribute's value in the host file.
    pub span: Span,
    /// Where the document is, and what of it is known.
    pub document: Document,
    /// The engines and migration type of the task it belongs to, as far as the host file
    /// shows them.
    pub task: Task,
}

impl Mapping {
    /// The decoded document, when it is known.
    pub fn decoded(&self) -> Option<&Decoded> {
        match &self.document {
            Document::Inline(decoded) | Document::Elsewhere { decoded, .. } => Some(decoded),
            Document::NotStatic => None,
        }
    }

    /// The other file the document is held in, with its text; `None` when it is in the host
    /// file (or not known).
    pub fn elsewhere(&self) -> Option<(&Path, &str)> {
        match &self.document {
            Document::Elsewhere { path, source, .. } => Some((path, source)),
            _ => None,
        }
    }
}

/// Where a mapping's document is, and what of it is known.
#[derive(Debug)]
pub enum Document {
    /// Written in the host file itself; the map leads into the host file.
    Inline(Decoded),
    /// Held in another file: one read with `file()` or `templatefile()`, or a `.tf` file of the
    /// same module that holds the `locals` value or variable default the attribute names. The
    /// map leads into that file, whose findings are reported at its own path.
    Elsewhere {
        /// That file's path, as the host file's directory and the path it names make it.
        path: PathBuf,
        /// The whole text of that file, for showing its lines.
        source: String,
        /// The document decoded from that file, with its map into it.
        decoded: Decoded,
    },
    /// Not statically known; the host file's findings hold one advice that says why.
    NotStatic,
}

#[cfg(test)]
mod work_tree_tests {
    use super::work_tree;

    #[test]
    fn the_nearest_folder_with_a_git_entry() {
        let top = std::env::temp_dir().join(format!("dms-rules-work-tree-{}", std::process::id()));
        let inner = top.join("infra/modules/dms");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::create_dir_all(top.join(".git")).unwrap();
        let file = inner.join("main.tf");
        assert_eq!(work_tree(&file).as_deref(), Some(top.as_path()));
        // A linked work tree has a `.git` file, and is the nearer one.
        std::fs::write(top.join("infra/.git"), "gitdir: elsewhere\n").unwrap();
        assert_eq!(work_tree(&file), Some(top.join("infra")));
        std::fs::remove_dir_all(&top).unwrap();
    }

    #[test]
    fn a_bare_file_name_is_in_the_current_directory() {
        let here = std::env::current_dir().unwrap();
        let expected = here.ancestors().find(|d| d.join(".git").exists());
        assert_eq!(work_tree("main.tf".as_ref()).as_deref(), expected);
    }
}
