//! Catalogs read from a live MySQL or MariaDB, through `information_schema` (the `mysql`
//! feature).
//!
//! Plain TCP only, as for PostgreSQL: the connection is not encrypted, so a server that
//! requires secure transport refuses it.

use std::time::Duration;

use mysql::prelude::Queryable;
use mysql::{Conn, Opts, OptsBuilder};

use super::{Catalog, CatalogError, CatalogObject, Kind, NameCase};

/// A server that does not answer should not hang the command.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const READ_TIMEOUT: Duration = Duration::from_secs(60);

/// Tables, views and sequences (MariaDB), procedures and functions of every schema but the
/// server's own. Temporary tables and MariaDB's packages are left out.
const OBJECTS: &str = r"
SELECT CAST(TABLE_SCHEMA AS CHAR), CAST(TABLE_NAME AS CHAR),
       CASE TABLE_TYPE WHEN 'VIEW' THEN 'view' WHEN 'SEQUENCE' THEN 'sequence' ELSE 'table' END
FROM information_schema.TABLES
WHERE TABLE_TYPE IN ('BASE TABLE', 'VIEW', 'SEQUENCE', 'SYSTEM VERSIONED')
  AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
UNION ALL
SELECT CAST(ROUTINE_SCHEMA AS CHAR), CAST(ROUTINE_NAME AS CHAR),
       CASE ROUTINE_TYPE WHEN 'PROCEDURE' THEN 'procedure' ELSE 'function' END
FROM information_schema.ROUTINES
WHERE ROUTINE_TYPE IN ('PROCEDURE', 'FUNCTION')
  AND ROUTINE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
";

pub(super) fn catalog(url: &str) -> Result<Catalog, CatalogError> {
    // The client knows one scheme; MariaDB speaks the same protocol.
    let url = match url.strip_prefix("mariadb://") {
        Some(rest) => format!("mysql://{rest}"),
        None => url.to_owned(),
    };
    let opts = Opts::from_url(&url)
        .map_err(|e| CatalogError::Database(format!("the MySQL URL is not valid: {e}")))?;
    let opts = OptsBuilder::from_opts(opts)
        .tcp_connect_timeout(Some(CONNECT_TIMEOUT))
        .read_timeout(Some(READ_TIMEOUT))
        .write_timeout(Some(READ_TIMEOUT))
        // Stay on the address given rather than switch to the server's local socket.
        .prefer_socket(false);
    let mut conn = Conn::new(opts).map_err(|e| {
        CatalogError::Database(format!("cannot connect to MySQL: {}", describe(&e)))
    })?;
    let query_failed = |e: mysql::Error| {
        CatalogError::Database(format!(
            "cannot list the objects of the server: {}",
            describe(&e)
        ))
    };
    let lower_case_table_names: Option<u8> = conn
        .query_first("SELECT @@lower_case_table_names")
        .map_err(query_failed)?;
    let mut rows: Vec<(String, String, String)> = conn.query(OBJECTS).map_err(query_failed)?;
    // In the order of the names' bytes, whatever the server's collation.
    rows.sort_unstable();
    let objects = rows
        .into_iter()
        .map(|(schema, name, kind)| CatalogObject {
            server: None,
            database: None,
            schema,
            name,
            kind: Kind::parse(&kind).unwrap_or(Kind::TABLE),
            columns: Vec::new(),
        })
        .collect();
    Ok(Catalog {
        objects,
        case: case_of(lower_case_table_names.unwrap_or(0)),
        column_case: NameCase::Insensitive,
    })
}

/// `lower_case_table_names`: 0 compares schema and table names as stored, case included; 1
/// stores them in lower case and 2 compares them in lower case, so both ignore case.
fn case_of(lower_case_table_names: u8) -> NameCase {
    if lower_case_table_names == 0 {
        NameCase::Sensitive
    } else {
        NameCase::Insensitive
    }
}

/// The client's error in plain words; it never holds the password.
fn describe(error: &mysql::Error) -> String {
    match error {
        mysql::Error::IoError(e) => e.to_string(),
        mysql::Error::MySqlError(e) => format!("{} (error {}, {})", e.message, e.code, e.state),
        mysql::Error::DriverError(e) => e.to_string(),
        mysql::Error::UrlError(e) => e.to_string(),
        mysql::Error::CodecError(e) => e.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_table_names_decides_the_case() {
        assert_eq!(case_of(0), NameCase::Sensitive);
        assert_eq!(case_of(1), NameCase::Insensitive);
        assert_eq!(case_of(2), NameCase::Insensitive);
    }

    #[test]
    fn both_schemes_are_urls() {
        assert!(Catalog::is_mysql_url("mysql://root@127.0.0.1:3306/"));
        assert!(Catalog::is_mysql_url("mariadb://root@127.0.0.1/"));
        assert!(!Catalog::is_mysql_url("mysql.csv"));
    }
}
