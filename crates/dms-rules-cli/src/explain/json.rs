//! The JSON format: `{"objects": [...], "diagnostics": [...]}`.

use std::io::{self, Write};

use serde::Serialize;

use dms_rules::host::Mapping;

use super::Explained;
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
    /// With `--target`: a selected table's columns, where the catalog lists them.
    #[serde(skip_serializing_if = "Option::is_none")]
    columns: Option<Vec<ColumnOutput<'a>>>,
    /// What the columns leave out because the catalog does not say, one sentence each.
    #[serde(rename = "columns-left-out", skip_serializing_if = "<[_]>::is_empty")]
    columns_left_out: &'a [String],
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

fn output<'a>(explained: &'a Explained<'_>, file: &'a FileReport<'_>) -> Output<'a> {
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
                columns: row.columns.as_ref().map(|table| {
                    table
                        .columns
                        .iter()
                        .map(|c| ColumnOutput {
                            name: c.source.as_ref().map(|s| s.name.as_str()),
                            data_type: c.source.as_ref().and_then(|s| s.data_type.as_deref()),
                            target: c.target.as_ref().map(|t| ColumnTargetOutput {
                                name: &t.name,
                                data_type: t.data_type.as_deref(),
                            }),
                            rules: c.rules.iter().map(|r| r.digits()).collect(),
                        })
                        .collect()
                }),
                columns_left_out: row.columns.as_ref().map_or(&[], |t| &t.unknown[..]),
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
    serde_json::to_writer_pretty(&mut *out, &output(explained, file))?;
    writeln!(out)
}

/// `{"mappings": [{"resource", "attribute", "path", "objects", "diagnostics"}]}`.
pub(super) fn write_host<'m>(
    out: &mut dyn Write,
    mappings: impl Iterator<Item = &'m Mapping>,
    explained: &[Explained<'_>],
    files: &[FileReport<'_>],
) -> io::Result<()> {
    let host = HostOutput {
        mappings: mappings
            .zip(explained.iter().zip(files))
            .map(|(mapping, (explained, file))| MappingOutput {
                resource: &mapping.resource,
                attribute: &mapping.attribute,
                path: &file.name,
                output: output(explained, file),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &host)?;
    writeln!(out)
}
