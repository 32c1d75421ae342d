//! `--catalog SOURCE`: a CSV file, or a PostgreSQL, MySQL or MariaDB URL to read the objects
//! from.

use dms_rules::select::Catalog;

/// Reads the catalog `source` names; the error is a message for the user.
pub fn load(source: &str) -> Result<Catalog, String> {
    if Catalog::is_postgres_url(source) {
        return from_postgres(source);
    }
    if Catalog::is_mysql_url(source) {
        return from_mysql(source);
    }
    let bytes =
        std::fs::read(source).map_err(|e| format!("cannot read the catalog `{source}`: {e}"))?;
    Catalog::from_csv(&bytes).map_err(|e| format!("cannot read the catalog `{source}`: {e}"))
}

// The URL may hold a password: messages never repeat it.
#[cfg(feature = "postgres")]
fn from_postgres(url: &str) -> Result<Catalog, String> {
    Catalog::from_postgres(url).map_err(|e| e.to_string())
}

#[cfg(not(feature = "postgres"))]
fn from_postgres(_url: &str) -> Result<Catalog, String> {
    Err(
        "this build of dms-rules cannot read PostgreSQL: build it with the `postgres` feature"
            .into(),
    )
}

#[cfg(feature = "mysql")]
fn from_mysql(url: &str) -> Result<Catalog, String> {
    Catalog::from_mysql(url).map_err(|e| e.to_string())
}

#[cfg(not(feature = "mysql"))]
fn from_mysql(_url: &str) -> Result<Catalog, String> {
    Err(
        "this build of dms-rules cannot read MySQL or MariaDB: build it with the `mysql` feature"
            .into(),
    )
}
