//! Host files on the command line: the context each is read in, and the reports of the
//! mappings found in it.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dms_rules::config::RuleMarks;
use dms_rules::host::{Context, Mapping, Scan};
use dms_rules::{Checked, Diagnostic, Dialect, Span};

use crate::args::HostArgs;
use crate::input::{Input, Kind};
use crate::output::shown_path;
use crate::report::{DocumentReport, FileReport, Reader};
use crate::settings::Applies;

/// The rules of a mapping that could not be checked.
static NO_RULES: RuleMarks = RuleMarks::new();

/// Where the files a Terraform file reads may come from.
#[derive(Debug)]
pub struct Places {
    /// `--root`: files are read only under it.
    root: Option<PathBuf>,
    /// `--module-dir`: bare relative paths in `file()` are relative to it.
    module_dir: Option<PathBuf>,
    /// The read boundary found for each directory, so a tree of files costs one search a
    /// directory.
    found: RefCell<HashMap<PathBuf, PathBuf>>,
}

impl Places {
    pub fn new(args: &HostArgs) -> Self {
        Places {
            root: args.root.clone(),
            module_dir: args.module_dir.clone(),
            found: RefCell::new(HashMap::new()),
        }
    }

    /// The context `input` is read in: its path, and the root it may read under (`--root`,
    /// else the git work tree that holds it, else the current directory). Standard input reads
    /// no file.
    pub fn context(&self, input: &Input) -> Context {
        let Some(path) = &input.path else {
            return Context::default();
        };
        let root = self.root.clone().or_else(|| self.boundary(path));
        Context {
            path: Some(path.clone()),
            module_dir: self.module_dir.clone(),
            root,
        }
    }

    /// The git work tree that holds `path`, else the current directory.
    fn boundary(&self, path: &Path) -> Option<PathBuf> {
        // A bare file name (`main.tf`, as pre-commit passes it) is in the current directory:
        // its parent is the empty path, which has no absolute form.
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if let Some(found) = self.found.borrow().get(&dir) {
            return Some(found.clone());
        }
        let root = dms_rules::host::work_tree(path).or_else(|| std::env::current_dir().ok())?;
        self.found.borrow_mut().insert(dir, root.clone());
        Some(root)
    }
}

/// A mapping's findings as they are reported: in the host file, or in the file it is read from.
pub fn reports<'a>(
    input: &'a Input,
    scan: &'a Scan,
    checked: &'a [Option<Checked<'a>>],
    applies: Vec<Applies>,
) -> Vec<FileReport<'a>> {
    let mut host = FileReport {
        name: Cow::Borrowed(&input.name),
        source: &input.bytes,
        dialect: None,
        documents: Vec::new(),
        diagnostics: Cow::Owned(Vec::new()),
        document_of: Vec::new(),
        lines: dms_rules::span::LineIndex::new(&[]),
        rules: Cow::Owned(RuleMarks::new()),
        host: match input.kind {
            Kind::Host(format) => Some(format),
            _ => None,
        },
        suppressed: Vec::new(),
        config: None,
    };
    // A finding about the host file belongs to the mapping whose value it lies in, if any.
    let within = |span: Span| {
        scan.mappings
            .iter()
            .position(|m| m.span.start <= span.start && span.end <= m.span.end)
    };
    let mut found: Vec<(Diagnostic, Option<usize>)> = scan
        .diagnostics
        .iter()
        .map(|d| (d.clone(), within(d.primary.span)))
        .collect();
    let mut elsewhere = Vec::new();
    let mut applies = applies.into_iter();
    for (index, (mapping, checked)) in scan.mappings.iter().zip(checked).enumerate() {
        let applied = applies.next().unwrap_or_default();
        let dialect = checked.as_ref().and_then(Checked::dialect);
        let diagnostics = checked.as_ref().map_or(&[][..], Checked::diagnostics);
        let rules = checked.as_ref().map_or(&NO_RULES, Checked::rules);
        let held_in = mapping.elsewhere().map(|(path, _)| shown_path(path));
        let mut listed = document(mapping, dialect, mapping.span, held_in.clone());
        listed.applies = applied.clone();
        match mapping.elsewhere() {
            None => {
                listed.key = key(input.path.as_deref(), mapping);
                found.extend(diagnostics.iter().map(|d| (d.clone(), Some(index))));
                host.rules.to_mut().extend(rules);
            }
            Some((path, source)) => {
                let span = extent(mapping).unwrap_or(Span::new(0, source.len()));
                let mut read = document(mapping, dialect, span, None);
                read.applies = applied;
                read.read_by = Some(input.name.clone());
                read.readers = vec![Reader {
                    path: input.name.clone(),
                    resource: mapping.resource.clone(),
                }];
                read.key = key(Some(path), mapping);
                let source = source.as_bytes();
                elsewhere.push(FileReport {
                    name: Cow::Owned(held_in.unwrap_or_default()),
                    source,
                    dialect,
                    documents: vec![read],
                    document_of: vec![Some(0); diagnostics.len()],
                    lines: FileReport::line_index(source, diagnostics),
                    diagnostics: Cow::Borrowed(diagnostics),
                    rules: Cow::Borrowed(rules),
                    host: None,
                    suppressed: Vec::new(),
                    config: None,
                });
            }
        }
        host.documents.push(listed);
    }
    // The findings about the file itself come first on the same bytes.
    dms_rules::diagnostic::order_by(&mut found, |(d, _)| d);
    let (diagnostics, document_of): (Vec<_>, Vec<_>) = found.into_iter().unzip();
    host.dialect = shared(host.documents.iter().map(|d| d.dialect));
    host.lines = FileReport::line_index(host.source, &diagnostics);
    host.diagnostics = Cow::Owned(diagnostics);
    host.document_of = document_of;
    let mut reports = vec![host];
    reports.extend(elsewhere);
    reports
}

/// One mapping's findings, and `more` (found about it later, such as rules that match nothing
/// in a catalog), as a report of the file they point into.
pub fn mapping_report<'a>(
    input: &'a Input,
    mapping: &'a Mapping,
    checked: &Checked<'_>,
    more: Vec<Diagnostic>,
) -> FileReport<'a> {
    let mut diagnostics = checked.diagnostics().to_vec();
    diagnostics.extend(more);
    dms_rules::diagnostic::order(&mut diagnostics);
    let (name, source, span, held_in) = match mapping.elsewhere() {
        Some((path, source)) => (
            Cow::Owned(shown_path(path)),
            source.as_bytes(),
            Span::new(0, source.len()),
            None,
        ),
        None => (
            Cow::Borrowed(input.name.as_str()),
            &input.bytes[..],
            mapping.span,
            None,
        ),
    };
    FileReport {
        name,
        source,
        dialect: checked.dialect(),
        documents: vec![document(mapping, checked.dialect(), span, held_in)],
        document_of: vec![Some(0); diagnostics.len()],
        lines: FileReport::line_index(source, &diagnostics),
        diagnostics: Cow::Owned(diagnostics),
        rules: Cow::Owned(checked.rules().clone()),
        host: match (mapping.elsewhere(), input.kind) {
            (None, Kind::Host(format)) => Some(format),
            _ => None,
        },
        suppressed: Vec::new(),
        config: None,
    }
}

fn document(
    mapping: &Mapping,
    dialect: Option<Dialect>,
    span: Span,
    held_in: Option<String>,
) -> DocumentReport {
    DocumentReport {
        resource: Some(mapping.resource.clone()),
        attribute: Some(mapping.attribute.clone()),
        dialect,
        held_in,
        read_by: None,
        readers: Vec::new(),
        span,
        key: None,
        applies: Default::default(),
    }
}

/// The bytes a mapping's known text is decoded from, in the file that holds it.
fn extent(mapping: &Mapping) -> Option<Span> {
    let decoded = mapping.decoded()?;
    Some(decoded.map.span(Span::new(0, decoded.text.len())))
}

/// What makes a document the same one wherever it is reached: the canonical path of the file
/// that holds its text, and its bytes there.
fn key(path: Option<&Path>, mapping: &Mapping) -> Option<(PathBuf, Span)> {
    Some((std::fs::canonicalize(path?).ok()?, extent(mapping)?))
}

/// The dialect every document was read in, when there is one and they agree.
fn shared(dialects: impl Iterator<Item = Option<Dialect>>) -> Option<Dialect> {
    let mut dialects = dialects.flatten();
    let first = dialects.next()?;
    dialects.all(|d| d == first).then_some(first)
}
