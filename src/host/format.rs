//! The list of host formats: each is one implementation of `HostFormat` (how its files are
//! recognised, how the mappings in them are found), listed once in [`Format::ALL`]. Detection,
//! scanning, the command line's `--input` values and the names in messages all read that list.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::path::Path;

use super::{cloudformation, terraform, Context, HostFormat, Scan};
use crate::config::comment::Markers;

/// A kind of host file that holds mappings.
#[derive(Clone, Copy)]
pub struct Format(&'static dyn HostFormat);

#[allow(non_upper_case_globals)]
impl Format {
    /// A Terraform configuration file (`.tf`).
    pub const Terraform: Format = Format(&terraform::Terraform);
    /// A file of values for a Terraform root module's variables: `terraform.tfvars`,
    /// `*.auto.tfvars`, `-var-file` files such as `envs/prod.tfvars`, their `.tfvars.json`
    /// forms, and Terragrunt's `terragrunt.hcl` (its `inputs`).
    pub const TerraformVars: Format = Format(&terraform::vars::TerraformVars);
    /// A CloudFormation template, YAML or JSON (SAM templates and CDK's output included).
    pub const CloudFormation: Format = Format(&cloudformation::CloudFormation);
    /// Every host format, in the order detection tries them (`.tfvars.json` before a
    /// template or a rules document).
    pub const ALL: &'static [Format] = &[
        Format::Terraform,
        Format::TerraformVars,
        Format::CloudFormation,
    ];

    /// The format of a host file, by its extension and, where the extension is shared with
    /// other files, its name or content: `.tf` is Terraform; `.tfvars`, `.tfvars.json` and
    /// `terragrunt.hcl` are Terraform variables files; `.yaml`, `.yml`, `.json` and `.template`
    /// are CloudFormation when they hold a top-level `Resources` map. `None` for anything else
    /// (a rules document among them).
    pub fn detect(path: &Path, text: &[u8]) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::ALL
            .iter()
            .copied()
            .filter(|f| f.0.extensions().contains(&extension.as_str()))
            .find(|f| f.0.detect(path, text))
    }

    /// The format a file asked to be read as `self` is read in: a Terraform variables file
    /// (`prod.tfvars`) asked for as Terraform is read as the variables file it is.
    pub fn asked(self, path: &Path) -> Format {
        if self == Format::Terraform && terraform::vars::is_vars_file(path) {
            Format::TerraformVars
        } else {
            self
        }
    }

    /// What starts a comment in files of this format: `//` too in HCL.
    pub fn comment_markers(self) -> Markers {
        if self == Format::Terraform || self == Format::TerraformVars {
            Markers::HashOrSlashes
        } else {
            Markers::Hash
        }
    }

    /// The format named `name` on the command line ([`Format::as_str`]).
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.as_str() == name)
    }

    /// Whether a host file may hold a DMS mapping: it holds one of the format's markers (a DMS
    /// replication resource type; in Terraform, the `table_mappings` key). One
    /// that does not holds none, and is not decoded or parsed at all; in a tree of
    /// infrastructure code, that is nearly every file.
    pub fn may_hold_mappings(self, bytes: &[u8]) -> bool {
        self.0
            .markers()
            .iter()
            .any(|marker| memchr::memmem::find(bytes, marker.as_bytes()).is_some())
    }

    /// How the format is named on the command line: `terraform`, `cloudformation`.
    pub fn as_str(self) -> &'static str {
        self.0.name()
    }

    /// How one of its files is called in a message: `Terraform file`, `CloudFormation template`.
    pub fn noun(self) -> &'static str {
        self.0.noun()
    }

    /// The extensions its files have, in lower case, without the dot.
    pub fn extensions(self) -> &'static [&'static str] {
        self.0.extensions()
    }

    pub(super) fn scan(self, text: &str, context: &Context) -> Scan {
        self.0.scan(text, context)
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Format {}

impl Hash for Format {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.noun())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_its_own_name_and_is_found_by_it() {
        for (i, format) in Format::ALL.iter().enumerate() {
            assert_eq!(Format::parse(format.as_str()), Some(*format));
            assert!(!format.extensions().is_empty(), "{format:?}");
            assert!(Format::ALL[..i].iter().all(|other| other != format));
        }
        assert_eq!(Format::parse("rules"), None);
    }

    #[test]
    fn detection_reads_the_extension_then_the_text() {
        let template = b"Resources:\n  T:\n    Type: AWS::DMS::ReplicationTask\n";
        let detect = |name: &str, text: &[u8]| Format::detect(Path::new(name), text);
        assert_eq!(detect("main.tf", b""), Some(Format::Terraform));
        assert_eq!(detect("stack.YML", template), Some(Format::CloudFormation));
        assert_eq!(detect("stack.yml", b"a: 1\n"), None);
        assert_eq!(detect("main.tfvars", b""), Some(Format::TerraformVars));
        assert_eq!(
            detect("Prod.TFVARS.json", b"{}"),
            Some(Format::TerraformVars)
        );
        assert_eq!(
            detect("live/terragrunt.hcl", b""),
            Some(Format::TerraformVars)
        );
        assert_eq!(detect("packer.pkr.hcl", b""), None);
        assert_eq!(detect("rules.json", br#"{"rules": []}"#), None);
        assert_eq!(detect("Makefile", b""), None);
        assert!(Format::Terraform.may_hold_mappings(b"resource \"t\" \"t\" { table_mappings = x }"));
        // A DMS resource without the key holds no mapping to read.
        assert!(!Format::Terraform.may_hold_mappings(b"resource \"aws_dms_replication_task\""));
        assert!(Format::Terraform.may_hold_mappings(b"module \"m\" { table_mappings = x }"));
        assert!(!Format::CloudFormation.may_hold_mappings(b"aws_dms_replication_task"));
    }
}
