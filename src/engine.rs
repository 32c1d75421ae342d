//! DMS database engines, as the API names them (`EngineName`), and the facts the rules depend
//! on: which rules an engine's endpoint takes, and the Schema Conversion vocabulary of each
//! engine (spec §2.2, §2.4).

use std::fmt;
use std::str::FromStr;

macro_rules! engines {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// A DMS endpoint engine, by its API name (`EngineName`, such as `aurora-postgresql`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Engine {
            $($(#[$doc])* #[doc = concat!("`", $name, "`.")] $variant,)*
        }

        impl Engine {
            /// Every engine, in the order the API documents them.
            pub const ALL: &'static [Engine] = &[$(Engine::$variant,)*];

            /// The API name, such as `aurora-postgresql`.
            pub fn as_str(self) -> &'static str {
                match self { $(Engine::$variant => $name,)* }
            }
        }
    };
}

engines! {
    /// MySQL.
    MySql => "mysql",
    /// Oracle.
    Oracle => "oracle",
    /// PostgreSQL.
    Postgres => "postgres",
    /// MariaDB.
    MariaDb => "mariadb",
    /// Aurora MySQL.
    Aurora => "aurora",
    /// Aurora PostgreSQL.
    AuroraPostgresql => "aurora-postgresql",
    /// Amazon OpenSearch Service.
    OpenSearch => "opensearch",
    /// Amazon Redshift.
    Redshift => "redshift",
    /// Amazon S3.
    S3 => "s3",
    /// IBM Db2 for Linux, UNIX and Windows.
    Db2 => "db2",
    /// IBM Db2 for z/OS.
    Db2Zos => "db2-zos",
    /// Azure SQL Database.
    AzureDb => "azuredb",
    /// SAP ASE.
    Sybase => "sybase",
    /// Amazon DynamoDB.
    DynamoDb => "dynamodb",
    /// MongoDB.
    MongoDb => "mongodb",
    /// Amazon Kinesis Data Streams.
    Kinesis => "kinesis",
    /// Apache Kafka (Amazon MSK included).
    Kafka => "kafka",
    /// Elasticsearch.
    Elasticsearch => "elasticsearch",
    /// Amazon DocumentDB.
    DocDb => "docdb",
    /// Microsoft SQL Server.
    SqlServer => "sqlserver",
    /// Amazon Neptune.
    Neptune => "neptune",
    /// Babelfish for Aurora PostgreSQL.
    Babelfish => "babelfish",
    /// Amazon Redshift Serverless.
    RedshiftServerless => "redshift-serverless",
    /// Aurora MySQL Serverless.
    AuroraServerless => "aurora-serverless",
    /// Aurora PostgreSQL Serverless.
    AuroraPostgresqlServerless => "aurora-postgresql-serverless",
    /// Google Cloud SQL for MySQL.
    GcpMySql => "gcp-mysql",
    /// Azure SQL Managed Instance.
    AzureSqlManagedInstance => "azure-sql-managed-instance",
    /// Redis.
    Redis => "redis",
    /// DMS's own transfer endpoint.
    DmsTransfer => "dms-transfer",
}

/// The database families the AWS guide states facts about; engines of one family speak the
/// same SQL dialect, so they share the facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Oracle,
    SqlServer,
    SapAse,
    Db2Luw,
    Db2Zos,
    Postgres,
    MySql,
    MongoDb,
    Other,
}

impl Family {
    /// The families Schema Conversion documents, in the order of the AWS guide's table of
    /// categories.
    const SCHEMA_CONVERSION: [Family; 7] = [
        Family::SqlServer,
        Family::Oracle,
        Family::SapAse,
        Family::Db2Zos,
        Family::Postgres,
        Family::MySql,
        Family::Db2Luw,
    ];

    /// The family's Schema Conversion `category-name` values (spec §2.4), the server-level
    /// ones apart; `None` for a family Schema Conversion does not document.
    fn categories(self) -> Option<&'static [&'static str]> {
        Some(match self {
            Family::SqlServer => &[
                "Tables",
                "Views",
                "Procedures",
                "SQL scalar functions",
                "SQL table-valued functions",
                "SQL inline functions",
                "Aggregate functions",
                "Synonyms",
                "Sequences",
                "Types",
                "Table types",
                "User-Defined Types",
                "XML Schema Collections",
                "Statements",
            ],
            Family::Oracle => &[
                "Tables",
                "External Tables",
                "Views",
                "Packages",
                "Procedures",
                "Functions",
                "User Defined Types",
                "Collection Types",
                "Sequences",
                "Materialized Views",
                "Materialized View Logs",
                "Synonyms",
                "Clusters",
                "Database Links",
            ],
            Family::SapAse => &[
                "Tables",
                "Views",
                "Procedures",
                "Scalar Functions",
                "Table Valued Functions",
                "Materialized Views",
                "User Defined Types",
                "Defaults",
            ],
            Family::Db2Zos => &[
                "Tables",
                "Global Temporary Tables",
                "Materialized Query Tables",
                "Views",
                "Aliases",
                "Procedures",
                "Functions",
                "Sequences",
                "User Defined Types",
                "External Routines",
            ],
            Family::Postgres => &[
                "Tables",
                "Views",
                "Functions",
                "Procedures",
                "Sequences",
                "Materialized Views",
                "Types",
                "Domains",
            ],
            Family::MySql => &["Tables", "Views", "Functions", "Procedures", "Events"],
            Family::Db2Luw => &[
                "Tables",
                "Views",
                "Functions",
                "Procedures",
                "Sequences",
                "Modules",
            ],
            Family::MongoDb | Family::Other => return None,
        })
    }
}

impl Engine {
    pub(crate) fn family(self) -> Family {
        use Engine as E;
        match self {
            E::Oracle => Family::Oracle,
            E::SqlServer | E::AzureDb | E::AzureSqlManagedInstance => Family::SqlServer,
            E::Sybase => Family::SapAse,
            E::Db2 => Family::Db2Luw,
            E::Db2Zos => Family::Db2Zos,
            E::Postgres | E::AuroraPostgresql | E::AuroraPostgresqlServerless | E::Babelfish => {
                Family::Postgres
            }
            E::MySql | E::MariaDb | E::Aurora | E::AuroraServerless | E::GcpMySql => Family::MySql,
            E::MongoDb | E::DocDb => Family::MongoDb,
            _ => Family::Other,
        }
    }

    /// The engine in plain words, for messages: `Oracle`, `SQL Server`, `Amazon S3`.
    pub fn display_name(self) -> &'static str {
        use Engine as E;
        match self {
            E::MySql => "MySQL",
            E::Oracle => "Oracle",
            E::Postgres => "PostgreSQL",
            E::MariaDb => "MariaDB",
            E::Aurora => "Aurora MySQL",
            E::AuroraPostgresql => "Aurora PostgreSQL",
            E::OpenSearch => "Amazon OpenSearch Service",
            E::Redshift => "Amazon Redshift",
            E::S3 => "Amazon S3",
            E::Db2 => "Db2 LUW",
            E::Db2Zos => "Db2 for z/OS",
            E::AzureDb => "Azure SQL Database",
            E::Sybase => "SAP ASE",
            E::DynamoDb => "Amazon DynamoDB",
            E::MongoDb => "MongoDB",
            E::Kinesis => "Amazon Kinesis Data Streams",
            E::Kafka => "Apache Kafka",
            E::Elasticsearch => "Elasticsearch",
            E::DocDb => "Amazon DocumentDB",
            E::SqlServer => "SQL Server",
            E::Neptune => "Amazon Neptune",
            E::Babelfish => "Babelfish for Aurora PostgreSQL",
            E::RedshiftServerless => "Amazon Redshift Serverless",
            E::AuroraServerless => "Aurora MySQL Serverless",
            E::AuroraPostgresqlServerless => "Aurora PostgreSQL Serverless",
            E::GcpMySql => "Google Cloud SQL for MySQL",
            E::AzureSqlManagedInstance => "Azure SQL Managed Instance",
            E::Redis => "Redis",
            E::DmsTransfer => "DMS transfer",
        }
    }

    /// The Schema Conversion `category-name` values of the engine (spec §2.4; the server-level
    /// `Schemas` and `Databases` apart); `None` for an engine Schema Conversion does not
    /// document.
    pub(crate) fn categories(self) -> Option<&'static [&'static str]> {
        self.family().categories()
    }

    /// Whether Schema Conversion locators of the engine have a `database-name` level: SQL
    /// Server and SAP ASE only; `None` for an engine Schema Conversion does not document.
    pub(crate) fn has_databases(self) -> Option<bool> {
        match self.family() {
            Family::SqlServer | Family::SapAse => Some(true),
            Family::MongoDb | Family::Other => None,
            _ => Some(false),
        }
    }
}

/// How an engine counts an identifier's length: PostgreSQL, Oracle and Redshift in bytes of
/// UTF-8, MySQL and SQL Server in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthUnit {
    /// Bytes of the name's UTF-8 encoding.
    Bytes,
    /// Characters (Unicode scalar values).
    Characters,
}

impl LengthUnit {
    /// The length of `name` in this unit.
    pub fn length(self, name: &str) -> usize {
        match self {
            LengthUnit::Bytes => name.len(),
            LengthUnit::Characters => name.chars().count(),
        }
    }

    /// `bytes` or `characters`, for messages.
    pub fn plural(self) -> &'static str {
        match self {
            LengthUnit::Bytes => "bytes",
            LengthUnit::Characters => "characters",
        }
    }
}

/// The longest identifier (schema, table or column name) an engine takes, in the unit it
/// counts (spec §3.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdentifierLimit {
    /// The longest length allowed.
    pub max: usize,
    /// What the length counts.
    pub unit: LengthUnit,
    /// True where a longer name is cut to `max` rather than refused (PostgreSQL's
    /// `NAMEDATALEN`): two long names can then become one.
    pub truncates: bool,
}

impl IdentifierLimit {
    /// Whether `name` is within the limit.
    pub fn fits(self, name: &str) -> bool {
        self.unit.length(name) <= self.max
    }

    /// The name the engine stores: `name` itself, or for an engine that truncates, its first
    /// `max` units, cut at a character boundary as PostgreSQL cuts.
    pub fn stored(self, name: &str) -> &str {
        if !self.truncates || self.fits(name) {
            return name;
        }
        match self.unit {
            LengthUnit::Bytes => {
                let mut end = self.max;
                while !name.is_char_boundary(end) {
                    end -= 1;
                }
                &name[..end]
            }
            LengthUnit::Characters => {
                let end = name
                    .char_indices()
                    .nth(self.max)
                    .map_or(name.len(), |(i, _)| i);
                &name[..end]
            }
        }
    }
}

impl Engine {
    /// The identifier limit of the engine as a target; `None` for an engine whose limit the
    /// spec does not state (Db2, SAP ASE, Babelfish, the non-relational targets).
    pub fn identifier_limit(self) -> Option<IdentifierLimit> {
        use Engine as E;
        let limit = |max, unit, truncates| {
            Some(IdentifierLimit {
                max,
                unit,
                truncates,
            })
        };
        match self {
            // `NAMEDATALEN` - 1; longer names are truncated, not refused.
            E::Postgres | E::AuroraPostgresql | E::AuroraPostgresqlServerless => {
                limit(63, LengthUnit::Bytes, true)
            }
            E::MySql | E::MariaDb | E::Aurora | E::AuroraServerless | E::GcpMySql => {
                limit(64, LengthUnit::Characters, false)
            }
            // From 12.2; 30 before, which the engine name does not tell.
            E::Oracle => limit(128, LengthUnit::Bytes, false),
            E::SqlServer | E::AzureDb | E::AzureSqlManagedInstance => {
                limit(128, LengthUnit::Characters, false)
            }
            E::Redshift | E::RedshiftServerless => limit(127, LengthUnit::Bytes, false),
            _ => None,
        }
    }

    /// Whether the engine as a target tells names that differ only in case apart, as DMS
    /// creates them: SQL Server's default collations and Redshift (which folds identifiers
    /// to lower case) do not; PostgreSQL and Oracle (quoted names) and MySQL on Linux
    /// (`lower_case_table_names=0`, RDS's default) do.
    pub fn target_names_ignore_case(self) -> bool {
        use Engine as E;
        matches!(
            self,
            E::SqlServer
                | E::AzureDb
                | E::AzureSqlManagedInstance
                | E::Redshift
                | E::RedshiftServerless
                | E::Babelfish
        )
    }

    /// Whether the engine, as a source, names its objects in upper case unless quoted:
    /// Oracle and Db2 (spec §3.11).
    pub fn names_upper_case(self) -> bool {
        matches!(self, Engine::Oracle | Engine::Db2 | Engine::Db2Zos)
    }

    /// Whether the engine is PostgreSQL or Aurora PostgreSQL, where unquoted names are lower
    /// case.
    pub fn is_postgres(self) -> bool {
        matches!(
            self,
            Engine::Postgres | Engine::AuroraPostgresql | Engine::AuroraPostgresqlServerless
        )
    }
}

/// The column types DMS carries as LOBs (its `BLOB`, `CLOB` and `NCLOB`), per source family,
/// in lower case with spaces as written: the source data-type pages of the DMS guide map these
/// to a LOB type. DMS's own names count for every engine (a CSV catalog may be written with
/// them).
const LOB_TYPES: &[(Family, &[&str])] = &[
    (Family::Oracle, &["long", "long raw", "xmltype"]),
    (Family::Postgres, &["bytea", "text", "json", "jsonb", "xml"]),
    (
        Family::MySql,
        &[
            "blob",
            "mediumblob",
            "longblob",
            "text",
            "mediumtext",
            "longtext",
            "json",
        ],
    ),
    (
        Family::SqlServer,
        &[
            "text",
            "ntext",
            "image",
            "xml",
            "varchar(max)",
            "nvarchar(max)",
            "varbinary(max)",
        ],
    ),
    (Family::SapAse, &["text", "unitext", "image"]),
    (Family::Db2Luw, &["dbclob", "xml"]),
    (Family::Db2Zos, &["dbclob", "xml"]),
];

/// Whether a column of type `data_type` on a `source` engine is one DMS carries as a LOB
/// (`BLOB`, `CLOB`, `NCLOB`, and each engine's types that DMS maps to them: PostgreSQL
/// `bytea` and `text`, MySQL `longtext`, SQL Server `varchar(max)`, ...). Case and spaces
/// around the name do not count. Without a source engine, a type any engine carries as a LOB
/// counts.
pub fn is_lob_type(source: Option<Engine>, data_type: &str) -> bool {
    let wanted: String = data_type
        .trim()
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")");
    if matches!(wanted.as_str(), "blob" | "clob" | "nclob") {
        return true;
    }
    let family = source.map(Engine::family);
    LOB_TYPES
        .iter()
        .filter(|(f, _)| family.is_none_or(|family| family == *f))
        .any(|(_, types)| types.contains(&wanted.as_str()))
}

/// The server-level categories: `Schemas` or `Databases`, depending on the engine (spec §2.4
/// does not say which engine has which, so both are taken from every engine).
pub(crate) const SERVER_CATEGORIES: &[&str] = &["Schemas", "Databases"];

/// Every `category-name` value some engine has, each once, in the order of the AWS guide (the
/// help lists them so), the server-level ones last: which engine the rules are for is not in
/// the document, so a value is accepted when some engine has it.
pub(crate) fn categories() -> impl Iterator<Item = &'static str> + Clone {
    let lists = Family::SCHEMA_CONVERSION
        .into_iter()
        .filter_map(Family::categories);
    lists
        .clone()
        .enumerate()
        .flat_map(move |(i, list)| {
            let earlier = lists.clone().take(i);
            list.iter()
                .copied()
                .filter(move |c| !earlier.clone().any(|list| list.contains(c)))
        })
        .chain(SERVER_CATEGORIES.iter().copied())
}

/// Whether some engine has the `category-name` value.
pub(crate) fn is_category(value: &str) -> bool {
    SERVER_CATEGORIES.contains(&value)
        || Family::SCHEMA_CONVERSION
            .into_iter()
            .filter_map(Family::categories)
            .any(|list| list.contains(&value))
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Engine {
    type Err = String;

    /// Accepts the API name, such as `aurora-postgresql`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Engine::ALL
            .iter()
            .copied()
            .find(|engine| engine.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Engine::ALL.iter().map(|e| e.as_str()).collect();
                format!("unknown engine `{s}`: expected one of {}", names.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_and_every_documented_category_is_in_some_engine() {
        for &engine in Engine::ALL {
            assert_eq!(engine.as_str().parse::<Engine>(), Ok(engine));
        }
        assert!("Oracle".parse::<Engine>().is_err());
        let union: Vec<&str> = Engine::ALL
            .iter()
            .filter_map(|e| e.categories())
            .flatten()
            .copied()
            .collect();
        for category in [
            "User-Defined Types",
            "User Defined Types",
            "Events",
            "Modules",
        ] {
            assert!(union.contains(&category), "{category}");
        }
    }

    #[test]
    fn identifier_limits_count_in_each_engines_unit() {
        let pg = Engine::Postgres.identifier_limit().unwrap();
        let name = "é".repeat(32); // 64 bytes, 32 characters
        assert!(!pg.fits(&name));
        assert_eq!(pg.stored(&name).len(), 62, "cut at a character boundary");
        assert_eq!(pg.stored("short"), "short");
        let mysql = Engine::MariaDb.identifier_limit().unwrap();
        assert!(mysql.fits(&name));
        assert!(!mysql.fits(&"a".repeat(65)));
        assert_eq!(mysql.stored(&"a".repeat(65)).len(), 65, "refused, not cut");
        assert_eq!(Engine::Redshift.identifier_limit().unwrap().max, 127);
        assert_eq!(
            Engine::Oracle.identifier_limit().unwrap().unit,
            LengthUnit::Bytes
        );
        assert_eq!(
            Engine::AzureDb.identifier_limit().unwrap().unit,
            LengthUnit::Characters
        );
        assert_eq!(Engine::S3.identifier_limit(), None);
    }

    #[test]
    fn every_category_is_listed_once_server_level_ones_last() {
        let listed: Vec<&str> = categories().collect();
        let mut every: Vec<&str> = Engine::ALL
            .iter()
            .filter_map(|e| e.categories())
            .flatten()
            .chain(SERVER_CATEGORIES)
            .copied()
            .collect();
        every.sort_unstable();
        every.dedup();
        let mut sorted = listed.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, every, "each category once");
        assert_eq!(listed[..3], ["Tables", "Views", "Procedures"]);
        assert_eq!(listed[listed.len() - 2..], ["Schemas", "Databases"]);
        assert!(listed.iter().all(|c| is_category(c)));
        assert!(!is_category("tables"));
    }
}
