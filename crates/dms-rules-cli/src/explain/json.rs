//! The JSON format: `{"objects": [...], "diagnostics": [...]}`.

use std::io::{self, Write};

use std::cell::RefCell;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use dms_rules::host::Mapping;
use dms_rules::select::ColumnBuffer;

use super::{Explained, Row};
use crate::report::json::{diagnostic, JsonDiagnostic};
use crate::report::FileReport;

#[derive(Serialize)]
struct Output<'a> {
    objects: Vec<Object<'a>>,
    /// As `lint --format json` prints them.
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Object<'a> {
    /// Left out for an object that has none. Where a catalog names servers (or databases),
    /// the other fields alone may not tell two objects apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    server: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    database: Option<&'a str>,
    schema: &'a str,
    name: &'a str,
    kind: &'a str,
    selected: bool,
    #[serde(rename = "decided-by")]
    decided_by: Option<&'a str>,
    /// With `--target`: the target of a selected object, `null` for the others.
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<Option<Target<'a>>>,
    /// With `--target`: a selected table's columns, where the catalog lists them, and what
    /// they leave out because the catalog does not say.
    #[serde(flatten)]
    columns: TableOutput<'a>,
}

/// `"columns": [...]` and, where something is left out, `"columns-left-out": [sentences]`;
/// nothing for a row without columns. The columns are named as they are written, into one
/// buffer kept from table to table.
struct TableOutput<'a> {
    explained: &'a Explained<'a>,
    row: &'a Row<'a>,
    buffer: &'a RefCell<ColumnBuffer>,
}

impl Serialize for TableOutput<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buffer = self.buffer.borrow_mut();
        let mut map = serializer.serialize_map(None)?;
        if let Some(table) = self.explained.columns(self.row, &mut buffer) {
            let columns: Vec<ColumnOutput<'_>> = table
                .iter()
                .map(|c| ColumnOutput {
                    name: c.source.map(|s| s.name.as_str()),
                    data_type: c.source.and_then(|s| s.data_type.as_deref()),
                    target: c.target.map(|t| ColumnTargetOutput {
                        name: t.name,
                        data_type: t.data_type,
                    }),
                    rules: c.rules().map(|r| r.digits()).collect(),
                })
                .collect();
            map.serialize_entry("columns", &columns)?;
            if !table.unknown().is_empty() {
                map.serialize_entry("columns-left-out", table.unknown())?;
            }
        }
        map.end()
    }
}

/// `{"name", "type", "target": {"name", "type"} | null, "rules"}`; `name` and `type` are
/// null for a column a rule adds.
#[derive(Serialize)]
struct ColumnOutput<'a> {
    name: Option<&'a str>,
    #[serde(rename = "type")]
    data_type: Option<&'a str>,
    target: Option<ColumnTargetOutput<'a>>,
    rules: Vec<&'a str>,
}

#[derive(Serialize)]
struct ColumnTargetOutput<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    data_type: Option<&'a str>,
}

/// `{"schema", "name", "rules"}`: the rules by id, schema level first.
#[derive(Serialize)]
struct Target<'a> {
    schema: &'a str,
    name: &'a str,
    rules: Vec<&'a str>,
}

/// A host file: every mapping that could be explained, each with its resource.
#[derive(Serialize)]
struct HostOutput<'a> {
    mappings: Vec<MappingOutput<'a>>,
}

#[derive(Serialize)]
struct MappingOutput<'a> {
    resource: &'a str,
    attribute: &'a str,
    /// The file the findings point into: the host file, or the one the mapping is read from.
    path: &'a str,
    #[serde(flatten)]
    output: Output<'a>,
}

fn output<'a>(
    explained: &'a Explained<'a>,
    file: &'a FileReport<'_>,
    buffer: &'a RefCell<ColumnBuffer>,
) -> Output<'a> {
    Output {
        objects: explained
            .rows
            .iter()
            .map(|row| Object {
                server: row.object.server.as_deref(),
                database: row.object.database.as_deref(),
                schema: &row.object.schema,
                name: &row.object.name,
                kind: row.object.kind.as_str(),
                selected: row.verdict.selected,
                decided_by: explained.rule(row).and_then(|r| r.id.as_deref()),
                target: explained.targets.then(|| {
                    row.target.as_ref().map(|t| Target {
                        schema: &t.schema,
                        name: &t.name,
                        rules: t.rules.iter().map(|r| r.digits()).collect(),
                    })
                }),
                columns: TableOutput {
                    explained,
                    row,
                    buffer,
                },
            })
            .collect(),
        diagnostics: file
            .diagnostics()
            .iter()
            .map(|d| diagnostic(file, d))
            .collect(),
    }
}

pub(super) fn write(
    out: &mut dyn Write,
    explained: &Explained<'_>,
    file: &FileReport<'_>,
) -> io::Result<()> {
    let buffer = RefCell::default();
    serde_json::to_writer_pretty(&mut *out, &output(explained, file, &buffer))?;
    writeln!(out)
}

/// `{"mappings": [{"resource", "attribute", "path", "objects", "diagnostics"}]}`.
pub(super) fn write_host<'m>(
    out: &mut dyn Write,
    mappings: impl Iterator<Item = &'m Mapping>,
    explained: &[Explained<'_>],
    files: &[FileReport<'_>],
) -> io::Result<()> {
    let buffer = RefCell::default();
    let host = HostOutput {
        mappings: mappings
            .zip(explained.iter().zip(files))
            .map(|(mapping, (explained, file))| MappingOutput {
                resource: &mapping.resource,
                attribute: &mapping.attribute,
                path: &file.name,
                output: output(explained, file, &buffer),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &host)?;
    writeln!(out)
}
