//! CSV catalogs (RFC 4180): a header row naming the columns, then one object a row.
//!
//! Fields may be quoted; a quoted field holds commas, line breaks and doubled quotes (`""`).
//! Rows end with `\n` or `\r\n`; blank lines are skipped. Values are taken as written (names
//! are case-sensitive and spaces count), except `kind`, which is read loosely. The `csv` crate
//! splits the rows; this module gives them their meaning and each finding its line.

use std::collections::HashMap;

use super::{Catalog, CatalogError, CatalogObject, Column, Kind, NameCase};
use crate::span::LineIndex;

/// One row: its fields and the line it starts on.
#[derive(Debug, PartialEq, Eq)]
struct Record {
    line: usize,
    fields: Vec<String>,
}

fn error(line: usize, message: impl Into<String>) -> CatalogError {
    CatalogError::Csv {
        line,
        message: message.into(),
    }
}

pub(super) fn catalog(bytes: &[u8]) -> Result<Catalog, CatalogError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut records = records(bytes)?.into_iter();
    let header = records.next().ok_or_else(|| {
        error(
            1,
            "the catalog is empty: its first line names the columns, such as `schema,name,kind`",
        )
    })?;
    let columns = Columns::of(&header)?;
    let objects = match columns.column {
        None => records
            .map(|record| columns.object(record).map(|(object, _)| object))
            .collect::<Result<Vec<_>, _>>()?,
        Some(_) => {
            // One line a column: the lines of one object make one object, where it first
            // appears.
            let mut objects: Vec<CatalogObject> = Vec::new();
            let mut at: HashMap<ObjectKey, usize> = HashMap::new();
            for record in records {
                let (object, column) = columns.object(record)?;
                let key = (
                    object.server.clone(),
                    object.database.clone(),
                    object.schema.clone(),
                    object.name.clone(),
                    object.kind,
                );
                let i = *at.entry(key).or_insert_with(|| {
                    objects.push(object);
                    objects.len() - 1
                });
                objects[i].columns.extend(column);
            }
            objects
        }
    };
    Ok(Catalog {
        objects,
        case: NameCase::Sensitive,
        column_case: NameCase::Sensitive,
    })
}

/// What tells two objects apart: server, database, schema, name and kind.
type ObjectKey = (Option<String>, Option<String>, String, String, Kind);

/// Which field holds what.
#[derive(Debug, Default)]
struct Columns {
    count: usize,
    schema: usize,
    name: usize,
    kind: Option<usize>,
    server: Option<usize>,
    database: Option<usize>,
    column: Option<usize>,
    data_type: Option<usize>,
}

const COLUMN_NAMES: &str = "`schema`, `name`, `kind`, `server`, `database`, `column` and `type`";

impl Columns {
    fn of(header: &Record) -> Result<Columns, CatalogError> {
        let mut found: [Option<usize>; 7] = [None; 7];
        for (i, field) in header.fields.iter().enumerate() {
            let column = field.trim().to_ascii_lowercase();
            let slot = match column.as_str() {
                "schema" => 0,
                "name" => 1,
                "kind" => 2,
                "server" => 3,
                "database" => 4,
                "column" => 5,
                "type" => 6,
                _ => {
                    return Err(error(
                        header.line,
                        format!("unknown column `{field}`: the columns are {COLUMN_NAMES}"),
                    ))
                }
            };
            if found[slot].replace(i).is_some() {
                return Err(error(
                    header.line,
                    format!("the column `{column}` is named twice"),
                ));
            }
        }
        let required = |slot: usize, column: &str| {
            found[slot].ok_or_else(|| {
                error(
                    header.line,
                    format!("the header has no `{column}` column: the first line names the columns, such as `schema,name,kind`"),
                )
            })
        };
        Ok(Columns {
            count: header.fields.len(),
            schema: required(0, "schema")?,
            name: required(1, "name")?,
            kind: found[2],
            server: found[3],
            database: found[4],
            column: found[5],
            data_type: match (found[5], found[6]) {
                (None, Some(_)) => return Err(error(
                    header.line,
                    "the header has a `type` column but no `column` column: a type is a column's",
                )),
                (_, data_type) => data_type,
            },
        })
    }

    /// The object of a line, and the column the line names, if any.
    fn object(&self, record: Record) -> Result<(CatalogObject, Option<Column>), CatalogError> {
        let line = record.line;
        if record.fields.len() != self.count {
            return Err(error(
                line,
                format!(
                    "expected {} fields, as in the header, found {}",
                    self.count,
                    record.fields.len()
                ),
            ));
        }
        let field = |i: usize| record.fields.get(i).map(String::as_str).unwrap_or("");
        let optional =
            |i: Option<usize>| i.map(field).filter(|v| !v.is_empty()).map(str::to_string);
        let required = |i: usize, column: &str| {
            let value = field(i);
            if value.is_empty() {
                Err(error(line, format!("the `{column}` field is empty")))
            } else {
                Ok(value.to_string())
            }
        };
        let kind = match self.kind.map(field).filter(|v| !v.trim().is_empty()) {
            None => Kind::TABLE,
            Some(text) => Kind::parse(text).ok_or_else(|| {
                let kinds: Vec<String> = Kind::all().map(|k| format!("`{k}`")).collect();
                error(
                    line,
                    format!(
                        "unknown kind `{text}`: expected one of {}",
                        kinds.join(", ")
                    ),
                )
            })?,
        };
        let data_type = optional(self.data_type);
        let column = match optional(self.column) {
            Some(name) => Some(Column { name, data_type }),
            None if data_type.is_some() => {
                return Err(error(line, "the `type` field has no `column` beside it"))
            }
            None => None,
        };
        let object = CatalogObject {
            server: optional(self.server),
            database: optional(self.database),
            schema: required(self.schema, "schema")?,
            name: required(self.name, "name")?,
            kind,
            columns: Vec::new(),
        };
        Ok((object, column))
    }
}

/// Splits the bytes into records with the `csv` crate; blank lines are left out. The crate
/// reads quoting leniently, as spreadsheets do: a quote inside an unquoted field is kept as
/// written, and an unclosed quote runs to the end of the input (which then shows as a row with
/// the wrong number of fields).
fn records(bytes: &[u8]) -> Result<Vec<Record>, CatalogError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    // The reader counts lines without the blank ones it skips, and places a record where the
    // blank lines before it start: the line comes from the first byte that is not a line break.
    let lines = LineIndex::new(bytes);
    let line_of = |byte: u64| {
        let start = (byte as usize).min(bytes.len());
        let skipped = bytes[start..]
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        lines.line_column(bytes, start + skipped).0
    };
    let mut records = Vec::new();
    let mut row = ::csv::ByteRecord::new();
    loop {
        let line = line_of(reader.position().byte());
        match reader.read_byte_record(&mut row) {
            Ok(false) => return Ok(records),
            Ok(true) => {}
            Err(e) => return Err(error(line, e.to_string())),
        }
        let line = row.position().map_or(line, |p| line_of(p.byte()));
        let fields = row
            .iter()
            .map(|field| String::from_utf8(field.to_vec()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| error(line, "the catalog is not UTF-8 text: save it as UTF-8"))?;
        records.push(Record { line, fields });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        records(text.as_bytes())
            .expect("valid CSV")
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    fn failure(text: &str) -> String {
        catalog(text.as_bytes())
            .expect_err("invalid catalog")
            .to_string()
    }

    #[test]
    fn quoted_fields_hold_commas_quotes_and_line_breaks() {
        assert_eq!(
            fields("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"x\ny\",,\n\n"),
            [vec!["a", "b,c", "say \"hi\""], vec!["x\ny", "", ""]]
        );
        assert_eq!(fields("a"), [vec!["a"]]);
        assert_eq!(fields(""), Vec::<Vec<String>>::new());
    }

    #[test]
    fn reads_objects_with_defaults() {
        let catalog = catalog(
            b"\xef\xbb\xbfSchema,name,kind,server\nhr,emp,,s1\nhr,\"v,1\",View,\nhr,p, procedure ,s1\n",
        )
        .expect("valid catalog");
        let summary: Vec<String> = catalog
            .objects
            .iter()
            .map(|o| format!("{:?} {}.{} {}", o.server, o.schema, o.name, o.kind))
            .collect();
        assert_eq!(
            summary,
            [
                "Some(\"s1\") hr.emp table",
                "None hr.v,1 view",
                "Some(\"s1\") hr.p procedure"
            ]
        );
    }

    /// The shape the README's Oracle, SQL Server and Db2 queries print: names quoted, the kind
    /// last and padded to the column's width by the client.
    #[test]
    fn client_padding_after_the_last_column_is_ignored() {
        let catalog = catalog(
            b"schema,name,kind          \n\"HR\",\"EMP,1\",table             \n\"HR\",\"say \"\"hi\"\"\",materialized-view \n\"DB2INST1\",\"MQ\",mqtable\n",
        )
        .expect("valid catalog");
        let summary: Vec<String> = catalog
            .objects
            .iter()
            .map(|o| format!("{}.{} {}", o.schema, o.name, o.kind))
            .collect();
        assert_eq!(
            summary,
            [
                "HR.EMP,1 table",
                "HR.say \"hi\" materialized-view",
                "DB2INST1.MQ mqtable"
            ]
        );
    }

    #[test]
    fn a_line_a_column_makes_one_object_with_its_columns() {
        let catalog = catalog(
            b"schema,name,kind,column,type\nhr,emp,table,ID,NUMBER\nhr,v,view,ID,\nhr,emp,,NOTES,CLOB\nhr,p,procedure,,\n",
        )
        .expect("valid catalog");
        let summary: Vec<String> = catalog
            .objects
            .iter()
            .map(|o| {
                let columns: Vec<String> = o
                    .columns
                    .iter()
                    .map(|c| format!("{}:{}", c.name, c.data_type.as_deref().unwrap_or("?")))
                    .collect();
                format!("{}.{} {} [{}]", o.schema, o.name, o.kind, columns.join(" "))
            })
            .collect();
        assert_eq!(
            summary,
            [
                "hr.emp table [ID:NUMBER NOTES:CLOB]",
                "hr.v view [ID:?]",
                "hr.p procedure []"
            ]
        );
        assert!(catalog.has_columns());
        assert_eq!(
            failure("schema,name,type\nhr,a,int\n"),
            "line 1: the header has a `type` column but no `column` column: a type is a column's"
        );
        assert_eq!(
            failure("schema,name,column,type\nhr,a,,int\n"),
            "line 2: the `type` field has no `column` beside it"
        );
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(failure(""), "line 1: the catalog is empty: its first line names the columns, such as `schema,name,kind`");
        assert_eq!(
            failure("schema,table\n"),
            "line 1: unknown column `table`: the columns are `schema`, `name`, `kind`, `server`, `database`, `column` and `type`"
        );
        assert_eq!(
            failure("schema\n"),
            "line 1: the header has no `name` column: the first line names the columns, such as `schema,name,kind`"
        );
        assert_eq!(
            failure("schema,name\nhr,a\n\nhr,b,c\n"),
            "line 4: expected 2 fields, as in the header, found 3"
        );
        // An unclosed quote takes the rest of the input into its field.
        assert_eq!(
            failure("schema,name\nhr,a\n\"open,x\nhr,b\n"),
            "line 3: expected 2 fields, as in the header, found 1"
        );
        assert_eq!(
            failure("schema,name\nhr,\n"),
            "line 2: the `name` field is empty"
        );
        assert!(failure("schema,name,kind\nhr,a,tabel\n")
            .starts_with("line 2: unknown kind `tabel`: expected one of `table`"));
        let latin1 = catalog(b"schema,name\nhr,a\nh\xe9,b\n").expect_err("not UTF-8");
        assert_eq!(
            latin1.to_string(),
            "line 3: the catalog is not UTF-8 text: save it as UTF-8"
        );
    }
}
