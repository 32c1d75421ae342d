//! Rules where they live: the mappings held in Terraform and CloudFormation files.
//!
//! A front end per host format finds the DMS resources in a host file and turns each mapping
//! into the JSON text DMS would receive ([`Decoded`]), with every byte's origin in the host
//! file, so the pipeline checks it as it checks any rules document and its findings land on the
//! host file's bytes. What the host computes (an interpolation, a reference, a function call) is
//! unknown, not empty: a placeholder stands there and no finding may rest on it.

pub mod cloudformation;
pub mod decoded;
pub mod terraform;

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::span::Span;

pub use decoded::{Decoded, OffsetMap};

/// The mappings a host file holds, and what was found about the host file itself.
#[derive(Debug, Default)]
pub struct Scan {
    /// In the order they appear in the host file.
    pub mappings: Vec<Mapping>,
    /// Findings about the host file (its syntax, a path that was not read, a mapping that cannot
    /// be read statically), with spans into the host file.
    pub diagnostics: Vec<Diagnostic>,
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
    pub document: Document,
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
        path: PathBuf,
        /// The whole text of that file, for showing its lines.
        source: String,
        decoded: Decoded,
    },
    /// Not statically known; the host file's findings hold one advice that says why.
    NotStatic,
}
