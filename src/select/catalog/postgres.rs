//! Catalogs read from a live PostgreSQL, through its system catalogs (the `postgres` feature).
//!
//! Plain TCP or a Unix socket only: the connection is not encrypted, so a server that requires
//! TLS refuses it.

use std::time::Duration;

use postgres::{Config, NoTls};

use super::{Catalog, CatalogError, CatalogObject, Kind, NameCase};

/// A server that does not answer should not hang the command.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Relations from `pg_class` (partitioned tables and partitions count as tables), routines
/// from `pg_proc` (overloads collapse into one name), outside the system schemas.
const OBJECTS: &str = r"
SELECT schema, name, kind FROM (
    SELECT n.nspname::text AS schema, c.relname::text AS name,
           CASE c.relkind WHEN 'v' THEN 'view'
                          WHEN 'm' THEN 'materialized-view'
                          WHEN 'S' THEN 'sequence'
                          ELSE 'table' END AS kind
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
    UNION
    SELECT n.nspname::text, p.proname::text,
           CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END
    FROM pg_catalog.pg_proc p
    JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE p.prokind IN ('f', 'p')
) AS objects
WHERE schema NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND schema NOT LIKE 'pg\_temp\_%'
  AND schema NOT LIKE 'pg\_toast\_temp\_%'
ORDER BY schema, name, kind
";

pub(super) fn catalog(url: &str) -> Result<Catalog, CatalogError> {
    let mut config: Config = url
        .parse()
        .map_err(|e| CatalogError::Database(format!("the PostgreSQL URL is not valid: {e}")))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    let mut client = config.connect(NoTls).map_err(|e| {
        CatalogError::Database(format!("cannot connect to PostgreSQL: {}", describe(&e)))
    })?;
    let rows = client.query(OBJECTS, &[]).map_err(|e| {
        CatalogError::Database(format!(
            "cannot list the objects of the database: {}",
            describe(&e)
        ))
    })?;
    let mut objects = Vec::with_capacity(rows.len());
    for row in rows {
        let field = |i: usize| {
            row.try_get::<_, String>(i).map_err(|e| {
                CatalogError::Database(format!(
                    "unexpected answer from PostgreSQL: {}",
                    describe(&e)
                ))
            })
        };
        let kind = field(2)?;
        objects.push(CatalogObject {
            server: None,
            database: None,
            schema: field(0)?,
            name: field(1)?,
            kind: Kind::parse(&kind).unwrap_or(Kind::TABLE),
            columns: Vec::new(),
        });
    }
    let _ = client.close();
    Ok(Catalog {
        objects,
        case: NameCase::Sensitive,
        column_case: NameCase::Sensitive,
    })
}

/// The error and its causes: the client's own message ("error connecting to server") says
/// little without the one below it ("Connection refused").
fn describe(error: &postgres::Error) -> String {
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        let message = inner.to_string();
        if !text.contains(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        cause = inner.source();
    }
    text
}
