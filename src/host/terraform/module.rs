//! The Terraform module a file belongs to: the file itself and, read only when a reference
//! needs them, the other `.tf` files of its folder, where `locals` and variables may live.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use hcl_edit::expr::{Expression, TraversalOperator};
use hcl_edit::structure::{Block, Body};

use super::files::Disk;
use super::{parse, Context};

/// A Terraform file: its path, its text and its parsed body.
#[derive(Debug)]
pub(super) struct Source<'t> {
    pub path: Option<PathBuf>,
    pub text: Cow<'t, str>,
    pub body: Body,
}

impl Source<'_> {
    /// The folder `path.module` names for this file: `.` for a bare file name, as Terraform
    /// names the folder it runs in.
    pub(super) fn dir(&self) -> Option<&Path> {
        self.path.as_deref().map(|p| match p.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        })
    }
}

/// A named value of the module: `local.x`, `var.x`, or the text a `template_file` data source
/// renders, `data.template_file.x.rendered`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reference<'e> {
    Local(&'e str),
    Var(&'e str),
    Rendered(&'e str),
}

impl Reference<'_> {
    pub(super) fn name(&self) -> String {
        match self {
            Reference::Local(name) => format!("local.{name}"),
            Reference::Var(name) => format!("var.{name}"),
            Reference::Rendered(name) => format!("data.template_file.{name}.rendered"),
        }
    }
}

/// `local.x`, `var.x` or `data.template_file.x.rendered`, when `expr` is exactly that.
pub(super) fn reference(expr: &Expression) -> Option<Reference<'_>> {
    let Expression::Traversal(t) = expr else {
        return None;
    };
    let Expression::Variable(root) = &t.expr else {
        return None;
    };
    let names: Option<Vec<&str>> = t
        .operators
        .iter()
        .map(|op| match op.value() {
            TraversalOperator::GetAttr(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    match (root.as_str(), names?.as_slice()) {
        ("local", [name]) => Some(Reference::Local(name)),
        ("var", [name]) => Some(Reference::Var(name)),
        ("data", ["template_file", name, "rendered"]) => Some(Reference::Rendered(name)),
        _ => None,
    }
}

/// What a reference leads to.
#[derive(Debug)]
pub(super) enum Target<'m> {
    Found {
        expr: &'m Expression,
        source: &'m Source<'m>,
    },
    /// The `template` argument of a `template_file` data source: a template its `vars` are
    /// put into, as `templatefile` does.
    Template {
        expr: &'m Expression,
        source: &'m Source<'m>,
    },
    /// Not found, or without a value to read; why, in words.
    Missing(String),
}

#[derive(Debug)]
pub(super) struct Module<'a> {
    pub host: Source<'a>,
    pub context: &'a Context,
    pub disk: Disk,
    siblings: OnceCell<Vec<Source<'static>>>,
}

impl<'a> Module<'a> {
    pub(super) fn new(host: Source<'a>, context: &'a Context) -> Self {
        Module {
            host,
            context,
            disk: Disk::new(context.root.as_deref()),
            siblings: OnceCell::new(),
        }
    }

    pub(super) fn is_host(&self, source: &Source<'_>) -> bool {
        std::ptr::eq(source, &self.host)
    }

    /// The root module's folder, which bare relative paths are relative to.
    pub(super) fn root_module_dir(&self) -> Option<PathBuf> {
        self.context
            .module_dir
            .clone()
            .or_else(|| self.host.dir().map(Path::to_path_buf))
    }

    /// The value `reference` names: a `locals` entry, or a variable's `default`, in this file
    /// first, then in the other `.tf` files of its folder.
    pub(super) fn lookup<'m>(&'m self, reference: Reference<'_>) -> Target<'m> {
        let found = find(&self.host, reference)
            .or_else(|| self.siblings().iter().find_map(|s| find(s, reference)));
        match (found, reference) {
            // A variable without a default whose values a variables file beside gives.
            (Some(Target::Missing(why)), Reference::Var(name)) => {
                let files = self.values_given(name);
                return Target::Missing(match files.as_slice() {
                    [] => why,
                    [file] => format!("{why}; the value `{file}` gives it is checked there"),
                    files => format!(
                        "{why}; the values `{}` give it are checked there",
                        files.join("`, `")
                    ),
                });
            }
            (Some(found), _) => return found,
            (None, _) => {}
        }
        Target::Missing(match reference {
            Reference::Local(name) => format!(
                "`local.{name}` is not defined in the `.tf` files of this folder that could be read"
            ),
            Reference::Var(name) => format!(
                "`var.{name}` is not declared in the `.tf` files of this folder that could be read, so its value is set when Terraform runs"
            ),
            Reference::Rendered(name) => format!(
                "`data.template_file.{name}` is not declared in the `.tf` files of this folder that could be read"
            ),
        })
    }

    /// The variables files of the root module's folder (`terraform.tfvars`, `*.auto.tfvars`,
    /// `*.tfvars.json`) that give the variable `name` a value, by their names: a look at their
    /// text, not a parse.
    fn values_given(&self, name: &str) -> Vec<String> {
        let Some(entries) = self
            .root_module_dir()
            .and_then(|dir| std::fs::read_dir(dir).ok())
        else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(".tfvars") || n.ends_with(".tfvars.json"))
            })
            .collect();
        files.sort();
        files
            .into_iter()
            .filter_map(|path| {
                let text = self.disk.read(&path).ok()?;
                let sets = text.lines().any(|line| {
                    let line = line.trim_start().trim_start_matches('"');
                    line.strip_prefix(name).is_some_and(|rest| {
                        rest.trim_start_matches('"')
                            .trim_start()
                            .starts_with(['=', ':'])
                    })
                });
                sets.then(|| path.file_name()?.to_str().map(str::to_owned))?
            })
            .collect()
    }

    /// The block `ident` with `labels` (`resource "aws_dms_endpoint" "source"`, `module "x"`),
    /// in this file first, then in the other `.tf` files of its folder.
    pub(super) fn block<'m>(
        &'m self,
        ident: &str,
        labels: &[&str],
    ) -> Option<(&'m Block, &'m Source<'m>)> {
        let matches = |b: &&Block| {
            b.ident.as_str() == ident
                && b.labels.len() == labels.len()
                && b.labels.iter().zip(labels).all(|(l, n)| l.as_str() == *n)
        };
        if let Some(block) = self.host.body.blocks().find(matches) {
            return Some((block, &self.host));
        }
        self.siblings()
            .iter()
            .find_map(|s| s.body.blocks().find(matches).map(|b| (b, s)))
    }

    fn siblings(&self) -> &[Source<'static>] {
        self.siblings.get_or_init(|| {
            let (Some(path), Some(dir)) = (self.host.path.as_deref(), self.host.dir()) else {
                return Vec::new();
            };
            self.disk
                .terraform_files(dir)
                .into_iter()
                .filter(|p| p.file_name() != path.file_name())
                .filter_map(|p| {
                    let text = self.disk.read(&p).ok()?;
                    // Only files that can hold a value or an endpoint are parsed.
                    if !["locals", "variable", "template_file", "aws_dms_", "module"]
                        .iter()
                        .any(|word| text.contains(word))
                    {
                        return None;
                    }
                    let body = parse::body(&text).ok()?;
                    Some(Source {
                        path: Some(p),
                        text: Cow::Owned(text),
                        body,
                    })
                })
                .collect()
        })
    }
}

fn find<'m>(source: &'m Source<'m>, reference: Reference<'_>) -> Option<Target<'m>> {
    match reference {
        Reference::Local(name) => source
            .body
            .get_blocks("locals")
            .flat_map(|b| b.body.attributes())
            .find(|a| a.key.as_str() == name)
            .map(|a| Target::Found {
                expr: &a.value,
                source,
            }),
        Reference::Var(name) => {
            let block = source
                .body
                .get_blocks("variable")
                .find(|b| b.labels.len() == 1 && b.labels[0].as_str() == name)?;
            Some(match block.body.get_attribute("default") {
                Some(a) => Target::Found {
                    expr: &a.value,
                    source,
                },
                None => Target::Missing(format!(
                    "`var.{name}` has no default, so its value is set when Terraform runs"
                )),
            })
        }
        Reference::Rendered(name) => {
            let block = source.body.get_blocks("data").find(|b| {
                matches!(b.labels.as_slice(), [kind, n] if kind.as_str() == "template_file" && n.as_str() == name)
            })?;
            Some(match block.body.get_attribute("template") {
                Some(a) => Target::Template {
                    expr: &a.value,
                    source,
                },
                None => Target::Missing(format!(
                    "`data.template_file.{name}` has no `template` to read"
                )),
            })
        }
    }
}
