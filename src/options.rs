//! What a caller tells [`check`](crate::check) about the input.

use std::fmt;
use std::str::FromStr;

use crate::engine::Engine;

/// The rule vocabularies that share the `{"rules": [...]}` envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// DMS Schema Conversion `SelectionRules` (`StartMetadataModelImport` and its siblings):
    /// selection rules only, locators that start at `server-name`.
    SchemaConversion,
    /// Replication-task `TableMappings`: selection, transformation, table-settings,
    /// post-processing, object-mapping and validation rules.
    TableMapping,
    /// Homogeneous data migrations' `SelectionRules` (`CreateDataMigration`,
    /// `ModifyDataMigration`): `include` selection rules of `schema-name` and `table-name`,
    /// with `%` the only wildcard. Never detected: only chosen when asked for.
    DataMigration,
}

impl Dialect {
    /// The command-line name: `schema-conversion`, `table-mapping` or `data-migration`.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::SchemaConversion => "schema-conversion",
            Dialect::TableMapping => "table-mapping",
            Dialect::DataMigration => "data-migration",
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Dialect {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "schema-conversion" => Ok(Dialect::SchemaConversion),
            "table-mapping" => Ok(Dialect::TableMapping),
            "data-migration" => Ok(Dialect::DataMigration),
            _ => Err(format!(
                "unknown dialect `{s}`: expected `schema-conversion`, `table-mapping` or `data-migration`"
            )),
        }
    }
}

macro_rules! operations {
    ($($(#[$doc:meta])* $variant:ident => $name:literal, $api:literal;)*) => {
        /// The DMS Schema Conversion call the rules are meant for; some calls accept only some
        /// rules (spec §2.5).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub enum Operation {
            $($(#[$doc])* $variant,)*
        }

        impl Operation {
            /// Every operation, the default first.
            pub const ALL: &'static [Operation] = &[$(Operation::$variant,)*];

            /// The command-line name, such as `start-metadata-model-import`.
            pub fn as_str(self) -> &'static str {
                match self { $(Operation::$variant => $name,)* }
            }

            /// The API name, such as `StartMetadataModelImport`.
            pub fn api_name(self) -> &'static str {
                match self { $(Operation::$variant => $api,)* }
            }
        }
    };
}

operations! {
    /// Loads the selected objects' metadata from the source or target data provider into the
    /// migration project; the default.
    #[default]
    StartMetadataModelImport => "start-metadata-model-import", "StartMetadataModelImport";
    /// Converts the selected source objects.
    StartMetadataModelConversion => "start-metadata-model-conversion", "StartMetadataModelConversion";
    /// Assesses the conversion of the selected source objects.
    StartMetadataModelAssessment => "start-metadata-model-assessment", "StartMetadataModelAssessment";
    /// Saves the selected objects as a SQL script.
    StartMetadataModelExportAsScript => "start-metadata-model-export-as-script", "StartMetadataModelExportAsScript";
    /// Applies the selected converted objects to the target database.
    StartMetadataModelExportToTarget => "start-metadata-model-export-to-target", "StartMetadataModelExportToTarget";
    /// Creates an object in the selected source schema from a statement: exactly one
    /// `explicit` rule.
    StartMetadataModelCreation => "start-metadata-model-creation", "StartMetadataModelCreation";
    /// Describes one object: exactly one `explicit` rule.
    DescribeMetadataModel => "describe-metadata-model", "DescribeMetadataModel";
    /// Lists one object's children: exactly one `explicit` rule.
    DescribeMetadataModelChildren => "describe-metadata-model-children", "DescribeMetadataModelChildren";
    /// Translates source selection rules into target ones: at most ten `explicit` rules, no
    /// `category-name`.
    GetTargetSelectionRules => "get-target-selection-rules", "GetTargetSelectionRules";
    /// Exports the assessment report of the selected source objects: `explicit` rules only.
    ExportMetadataModelAssessment => "export-metadata-model-assessment", "ExportMetadataModelAssessment";
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Operation {
    type Err = String;

    /// Accepts the command-line name or the API name.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Operation::ALL
            .iter()
            .copied()
            .find(|op| op.as_str() == s || op.api_name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Operation::ALL.iter().map(|op| op.as_str()).collect();
                format!(
                    "unknown operation `{s}`: expected one of {}",
                    names.join(", ")
                )
            })
    }
}

/// What [`check`](crate::check) should assume about the input.
#[derive(Debug, Clone)]
pub struct Options {
    /// `None` (the default) picks the dialect: Schema Conversion when an operation is given, or
    /// when any object locator has `server-name` or another key only Schema Conversion has
    /// (`database-name`, `procedure-name`, `category-name`, ...); table mapping otherwise.
    /// [`Dialect::DataMigration`] is never picked: ask for it.
    pub dialect: Option<Dialect>,
    /// The Schema Conversion call the rules are for (used only in that dialect). `None`, the
    /// default, judges them as for `StartMetadataModelImport`; naming one also says that the
    /// rules are Schema Conversion rules, when `dialect` is `None`.
    pub operation: Option<Operation>,
    /// The source endpoint's engine. `None`, the default, checks nothing that depends on it;
    /// given, the checks the AWS guide ties to a source engine run (upper-case names for
    /// Oracle and Db2, the parallel-load types of the engine, Schema Conversion's
    /// `database-name` and `category-name`).
    pub source_engine: Option<Engine>,
    /// The target endpoint's engine, likewise: tablespace transformations need an Oracle
    /// target, `post-processing` rules an Amazon S3 one, `object-mapping` rules DynamoDB,
    /// Kinesis or Kafka.
    pub target_engine: Option<Engine>,
    /// The replication task's migration type. `None`, the default, checks nothing that
    /// depends on it; `cdc` warns about views selected against a catalog
    /// (`dms::view_in_cdc`), which DMS loads only in full load.
    pub migration_type: Option<MigrationType>,
    /// Inputs longer than this many bytes are refused with `dms::input_too_large` before any
    /// parsing, so a stray huge file cannot exhaust memory.
    pub max_input_len: usize,
}

impl Options {
    /// 64 MiB: far above any real rules document (the largest seen are a few hundred KiB).
    pub const DEFAULT_MAX_INPUT_LEN: usize = 64 * 1024 * 1024;
}

impl Default for Options {
    fn default() -> Self {
        Options {
            dialect: None,
            operation: None,
            source_engine: None,
            target_engine: None,
            migration_type: None,
            max_input_len: Self::DEFAULT_MAX_INPUT_LEN,
        }
    }
}

/// A replication task's `MigrationType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MigrationType {
    /// `full-load`: the existing data only.
    FullLoad,
    /// `cdc`: ongoing changes only.
    Cdc,
    /// `full-load-and-cdc`: the existing data, then the changes.
    FullLoadAndCdc,
}

impl MigrationType {
    /// Every migration type, as the API lists them.
    pub const ALL: &'static [MigrationType] = &[
        MigrationType::FullLoad,
        MigrationType::Cdc,
        MigrationType::FullLoadAndCdc,
    ];

    /// The API name: `full-load`, `cdc` or `full-load-and-cdc`.
    pub fn as_str(self) -> &'static str {
        match self {
            MigrationType::FullLoad => "full-load",
            MigrationType::Cdc => "cdc",
            MigrationType::FullLoadAndCdc => "full-load-and-cdc",
        }
    }
}

impl fmt::Display for MigrationType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MigrationType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MigrationType::ALL
            .iter()
            .copied()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| {
                format!("unknown migration type `{s}`: expected `full-load`, `cdc` or `full-load-and-cdc`")
            })
    }
}
