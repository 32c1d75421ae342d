//! The objects of a database that rules select from: read from a CSV file or, with the
//! `postgres` and `mysql` features, from a live PostgreSQL, MySQL or MariaDB.

mod csv;
#[cfg(feature = "mysql")]
mod mysql;
#[cfg(feature = "postgres")]
mod postgres;

use std::fmt;

use crate::ast::ObjectKind;

/// Every object of a database, as far as selection rules are concerned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    /// The objects, in the order read; an [`Explanation`](crate::select::Explanation) gives
    /// their verdicts in the same order.
    pub objects: Vec<CatalogObject>,
    /// How the database compares names, which the rules' names are then compared the same
    /// way: [`NameCase::Sensitive`] unless the database says otherwise (MySQL's
    /// `lower_case_table_names`).
    pub case: NameCase,
    /// How the database compares column names: MySQL and MariaDB never tell `ID` from `id`,
    /// whatever `lower_case_table_names` says.
    pub column_case: NameCase,
}

/// Whether a database tells names apart by case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NameCase {
    /// `HR` and `hr` are two names: what the rules name must match case included.
    #[default]
    Sensitive,
    /// `HR` and `hr` are one name: rules and objects are compared in lower case.
    Insensitive,
}

/// One object of a catalog: where it lives, its name and its kind. Names compare exactly, case
/// included, unless the catalog's [`NameCase`] says otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogObject {
    /// Compared with `server-name` when present; a catalog without servers is taken to be the
    /// server every rule names.
    pub server: Option<String>,
    /// Compared with `database-name` when present, likewise.
    pub database: Option<String>,
    /// Compared with `schema-name`.
    pub schema: String,
    /// Compared with the locator's object key (`table-name`, `procedure-name`, ...).
    pub name: String,
    /// Which object keys can select it.
    pub kind: Kind,
    /// Its columns, in the database's order; empty where the catalog does not list them.
    pub columns: Vec<Column>,
}

/// A column of a table or view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The column's name, as the database stores it.
    pub name: String,
    /// Its type as the database names it (`varchar`, `bytea`, `CLOB`); `None` where the catalog
    /// does not say.
    pub data_type: Option<String>,
}

impl Column {
    /// A column with a type, or with none for an empty `data_type`.
    pub fn new(name: impl Into<String>, data_type: Option<&str>) -> Self {
        Column {
            name: name.into(),
            data_type: data_type.filter(|t| !t.is_empty()).map(str::to_string),
        }
    }
}

impl CatalogObject {
    /// A table in `schema`, with no server or database.
    pub fn table(schema: impl Into<String>, name: impl Into<String>) -> Self {
        CatalogObject {
            server: None,
            database: None,
            schema: schema.into(),
            name: name.into(),
            kind: Kind::TABLE,
            columns: Vec::new(),
        }
    }

    /// The same object with `columns`.
    pub fn with_columns(mut self, columns: impl IntoIterator<Item = Column>) -> Self {
        self.columns = columns.into_iter().collect();
        self
    }
}

/// What an object is. Views are tables to the rules (`table-name` with `table-type`), so they
/// get a kind of their own; every other kind is the locator key that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A view: a `table-name` with `"table-type": "view"` (or `"all"`) selects it.
    View,
    /// Any other kind, as the locator key that names it; a table is
    /// [`TABLE`](Kind::TABLE).
    Object(ObjectKind),
}

impl Kind {
    /// A table: a `table-name` with no `table-type`, or with `"table"` or `"all"`, selects it.
    pub const TABLE: Kind = Kind::Object(ObjectKind::Table);

    /// `table`, `view`, `materialized-view`, `procedure`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::View => "view",
            Kind::Object(kind) => kind.noun(),
        }
    }

    /// Every kind, in catalogue order.
    pub fn all() -> impl Iterator<Item = Kind> {
        ObjectKind::ALL
            .iter()
            .map(|&kind| Kind::Object(kind))
            .chain([Kind::View])
    }

    /// Reads a kind as catalogs write it; case and surrounding spaces do not matter.
    pub fn parse(text: &str) -> Option<Kind> {
        let text = text.trim();
        Kind::all().find(|kind| kind.as_str().eq_ignore_ascii_case(text))
    }

    /// A bit of its own, so a rule's allowed kinds fit in one word.
    pub(crate) fn bit(self) -> u32 {
        match self {
            Kind::View => 1,
            Kind::Object(kind) => ObjectKind::ALL
                .iter()
                .position(|&k| k == kind)
                .map_or(0, |i| 2 << i),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A catalog that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// The CSV text is malformed; `line` is 1-based.
    #[error("line {line}: {message}")]
    Csv {
        /// The line the bad row starts on.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The database could not be reached or queried.
    #[error("{0}")]
    Database(String),
    /// The catalog file could not be read, or what it holds is not a catalog.
    #[error("cannot read the catalog `{path}`: {reason}")]
    File {
        /// The path as given.
        path: String,
        /// Why: the system's error, or a [`CatalogError::Csv`] message.
        reason: String,
    },
    /// The source names a database this build has no driver for.
    #[error(
        "this build of dms-rules cannot read {database}: build it with the `{feature}` feature"
    )]
    NoDriver {
        /// The database named: `PostgreSQL`, `MySQL or MariaDB`.
        database: &'static str,
        /// The cargo feature that reads it.
        feature: &'static str,
    },
}

impl Catalog {
    /// Reads the catalog `source` names: a PostgreSQL, MySQL or MariaDB URL
    /// ([`Catalog::is_postgres_url`], [`Catalog::is_mysql_url`]), else the path of a CSV file
    /// ([`Catalog::from_csv`]). A database this build has no feature for is
    /// [`CatalogError::NoDriver`]. No message repeats the URL, which may hold a password.
    ///
    /// ```
    /// use dms_rules::select::{Catalog, CatalogError};
    ///
    /// let error = Catalog::open("no/such/catalog.csv").unwrap_err();
    /// assert!(matches!(error, CatalogError::File { .. }));
    /// ```
    pub fn open(source: &str) -> Result<Catalog, CatalogError> {
        if Catalog::is_postgres_url(source) {
            #[cfg(feature = "postgres")]
            return Catalog::from_postgres(source);
            #[cfg(not(feature = "postgres"))]
            return Err(CatalogError::NoDriver {
                database: "PostgreSQL",
                feature: "postgres",
            });
        }
        if Catalog::is_mysql_url(source) {
            #[cfg(feature = "mysql")]
            return Catalog::from_mysql(source);
            #[cfg(not(feature = "mysql"))]
            return Err(CatalogError::NoDriver {
                database: "MySQL or MariaDB",
                feature: "mysql",
            });
        }
        let file = |reason: String| CatalogError::File {
            path: source.to_owned(),
            reason,
        };
        let bytes = std::fs::read(source).map_err(|e| file(e.to_string()))?;
        Catalog::from_csv(&bytes).map_err(|e| file(e.to_string()))
    }

    /// Reads a CSV catalog: a header naming the columns `schema`, `name` and optionally `kind`
    /// (`table` when absent or empty), `server` and `database`, then one object a line. With a
    /// `column` column (and optionally `type`), one line a column: the lines of one object
    /// make one object with those columns.
    pub fn from_csv(text: &[u8]) -> Result<Catalog, CatalogError> {
        csv::catalog(text)
    }

    /// Reads the tables, views, materialized views, procedures, functions and sequences of
    /// the database at `url` (`postgres://` or `postgresql://`), system schemas left out.
    #[cfg(feature = "postgres")]
    pub fn from_postgres(url: &str) -> Result<Catalog, CatalogError> {
        postgres::catalog(url)
    }

    /// True when `source` names a PostgreSQL database rather than a file.
    pub fn is_postgres_url(source: &str) -> bool {
        source.starts_with("postgres://") || source.starts_with("postgresql://")
    }

    /// Reads the tables, views, sequences, procedures and functions of every schema of the
    /// MySQL or MariaDB server at `url` (`mysql://` or `mariadb://`) but the server's own
    /// (`mysql`, `information_schema`, `performance_schema`, `sys`), and how it compares
    /// names: `lower_case_table_names` 1 or 2 makes the catalog [`NameCase::Insensitive`].
    #[cfg(feature = "mysql")]
    pub fn from_mysql(url: &str) -> Result<Catalog, CatalogError> {
        mysql::catalog(url)
    }

    /// True when `source` names a MySQL or MariaDB server rather than a file.
    pub fn is_mysql_url(source: &str) -> bool {
        source.starts_with("mysql://") || source.starts_with("mariadb://")
    }

    /// The same objects with every name in lower case, compared case included, and without
    /// their columns: how a [`NameCase::Insensitive`] catalog is matched.
    pub(crate) fn folded(&self) -> Catalog {
        let lower = |name: &Option<String>| name.as_deref().map(str::to_lowercase);
        Catalog {
            objects: self
                .objects
                .iter()
                .map(|o| CatalogObject {
                    server: lower(&o.server),
                    database: lower(&o.database),
                    schema: o.schema.to_lowercase(),
                    name: o.name.to_lowercase(),
                    kind: o.kind,
                    // Matching reads names only: the columns are not copied.
                    columns: Vec::new(),
                })
                .collect(),
            case: NameCase::Sensitive,
            column_case: self.column_case,
        }
    }

    /// True when some object lists its columns.
    pub fn has_columns(&self) -> bool {
        self.objects.iter().any(|o| !o.columns.is_empty())
    }

    /// True when some object names its server, so `server-name` is compared.
    pub fn has_servers(&self) -> bool {
        self.objects.iter().any(|o| o.server.is_some())
    }

    /// True when some object names its database, so `database-name` is compared.
    pub fn has_databases(&self) -> bool {
        self.objects.iter().any(|o| o.database.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_and_have_distinct_bits() {
        let mut bits = 0u32;
        for kind in Kind::all() {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
            assert_eq!(bits & kind.bit(), 0, "{kind}");
            bits |= kind.bit();
        }
        assert_eq!(
            Kind::parse(" Materialized-View "),
            Some(Kind::Object(ObjectKind::MaterializedView))
        );
        assert_eq!(Kind::parse("tables"), None);
    }

    #[test]
    fn open_reads_a_csv_file_and_says_which_file_failed() {
        let dir = std::env::temp_dir().join(format!("dms-rules-open-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.csv");
        std::fs::write(&good, "schema,name\nHR,EMPLOYEES\n").unwrap();
        let catalog = Catalog::open(good.to_str().unwrap()).unwrap();
        assert_eq!(catalog.objects, [CatalogObject::table("HR", "EMPLOYEES")]);

        let bad = dir.join("bad.csv");
        std::fs::write(&bad, "schema\nHR\n").unwrap();
        let error = Catalog::open(bad.to_str().unwrap())
            .unwrap_err()
            .to_string();
        let expected = format!("cannot read the catalog `{}`: ", bad.display());
        assert!(error.starts_with(&expected), "{error}");
        assert!(error.len() > expected.len(), "{error}");

        let missing = dir.join("missing.csv");
        let error = Catalog::open(missing.to_str().unwrap()).unwrap_err();
        assert!(
            matches!(&error, CatalogError::File { path, .. } if *path == missing.to_str().unwrap())
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(not(feature = "postgres"))]
    #[test]
    fn a_build_without_postgres_names_the_feature_and_not_the_url() {
        let error = Catalog::open("postgres://me:secret@db/hr")
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "this build of dms-rules cannot read PostgreSQL: build it with the `postgres` feature"
        );
    }

    #[cfg(not(feature = "mysql"))]
    #[test]
    fn a_build_without_mysql_names_the_feature_and_not_the_url() {
        let error = Catalog::open("mariadb://me:secret@db/hr")
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "this build of dms-rules cannot read MySQL or MariaDB: build it with the `mysql` feature"
        );
    }
}
