//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use dms_rules::{Dialect, Engine, Operation};

#[derive(Debug, Parser)]
#[command(
    name = "dms-rules",
    version,
    about = "Lint AWS DMS selection rules before AWS sees them"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check rules documents and report every problem at its exact place.
    Lint(LintArgs),
    /// Show which objects of a database the rules select, and which rule decided each.
    Explain(ExplainArgs),
    /// Check a rules document, then import it into a DMS Schema Conversion migration project
    /// with `StartMetadataModelImport`.
    #[cfg(feature = "send")]
    Send(SendArgs),
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Files to check: rules documents, Terraform files and CloudFormation templates, or
    /// directories to look in; `-` (or none, when standard input is not a terminal) reads
    /// standard input.
    pub files: Vec<PathBuf>,

    #[command(flatten)]
    pub hosts: HostArgs,

    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to use colour in human output (`auto` honours `NO_COLOR`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Exit with status 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Which rule vocabulary to check against; `auto` picks schema conversion when
    /// `--operation` is given or a locator has `server-name` (or another key only Schema
    /// Conversion has), table mapping otherwise.
    #[arg(long, value_enum, default_value_t = DialectChoice::Auto)]
    pub dialect: DialectChoice,

    /// The Schema Conversion call the rules are for (CLI or API name) [default:
    /// start-metadata-model-import]; naming one says the rules are Schema Conversion rules.
    #[arg(long, value_name = "NAME", value_parser = parse_operation)]
    pub operation: Option<Operation>,

    #[command(flatten)]
    pub engines: EngineArgs,

    /// The name to report for standard input, such as the path an editor is showing.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,

    /// Also report selection rules that match no object of this catalog
    /// (`dms::rule_matches_nothing`): a CSV file or a `postgres://` URL, as for `explain`.
    #[arg(long, value_name = "SOURCE")]
    pub catalog: Option<String>,
}

fn parse_operation(name: &str) -> Result<Operation, String> {
    name.parse()
}

/// The engines of the task's endpoints, for the checks that depend on them.
#[derive(Debug, clap::Args)]
pub struct EngineArgs {
    /// The source endpoint's engine, as DMS names it (`oracle`, `postgres`, `sqlserver`,
    /// `db2`, `mysql`, ...): also check what depends on it.
    #[arg(long, value_name = "ENGINE", value_parser = parse_engine)]
    pub source_engine: Option<Engine>,

    /// The target endpoint's engine, as DMS names it (`oracle`, `aurora-postgresql`, `s3`,
    /// `dynamodb`, `kinesis`, `kafka`, ...): also check what depends on it.
    #[arg(long, value_name = "ENGINE", value_parser = parse_engine)]
    pub target_engine: Option<Engine>,
}

fn parse_engine(name: &str) -> Result<Engine, String> {
    name.parse()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Graphical reports with the source lines and labels, then a summary.
    Human,
    /// One JSON document with every file and diagnostic (see the README for its shape).
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands, which become annotations on the changed lines.
    Github,
}

/// How files are told apart, and where the files that Terraform files read may come from.
#[derive(Debug, clap::Args)]
pub struct HostArgs {
    /// What the files are; `auto` tells from each file's name and content.
    #[arg(long, value_enum, default_value_t = InputChoice::Auto)]
    pub input: InputChoice,

    /// Files that Terraform files read (`file()`, `templatefile()`) are read only under this
    /// directory [default: the git work tree that holds the Terraform file, else the current
    /// directory].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// The Terraform root module's directory, which bare relative paths in `file()` are
    /// relative to [default: each Terraform file's own directory].
    #[arg(long, value_name = "DIR")]
    pub module_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputChoice {
    /// Tell from each file's name and content.
    Auto,
    /// Rules documents (`{"rules": [...]}`).
    Rules,
    /// Terraform files.
    Terraform,
    /// CloudFormation templates, YAML or JSON.
    Cloudformation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rules document, or a Terraform file or CloudFormation template whose mappings to
    /// explain; `-` reads standard input.
    pub rules: PathBuf,

    #[command(flatten)]
    pub hosts: HostArgs,

    /// The objects to select from: a CSV file with a header naming the columns `schema`, `name`
    /// and optionally `kind`, `server`, `database`; or a `postgres://` URL to read them from.
    #[arg(long, value_name = "SOURCE", env = "DMS_RULES_CATALOG")]
    pub catalog: String,

    /// Which rules vocabulary the document uses; `auto` tells from the document.
    #[arg(long, value_enum, default_value_t = DialectChoice::Auto)]
    pub dialect: DialectChoice,

    #[command(flatten)]
    pub engines: EngineArgs,

    /// How to print the objects.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Human)]
    pub format: ExplainFormat,

    /// List only the selected, or only the unselected, objects (the summary counts all).
    #[arg(long, value_enum)]
    pub only: Option<Only>,

    /// When to use colour in reports.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[cfg(feature = "send")]
#[derive(Debug, clap::Args)]
pub struct SendArgs {
    /// The selection rules to send; `-` reads standard input.
    pub file: PathBuf,

    /// The migration project's name or ARN.
    #[arg(long, value_name = "ID")]
    pub migration_project: String,

    /// Import from the project's source or target data provider.
    #[arg(long, value_enum)]
    pub origin: Origin,

    /// Reload the selected objects, dropping what was loaded under them before.
    #[arg(long)]
    pub refresh: bool,

    /// The AWS region (default: `AWS_REGION`, then the profile's `region`).
    #[arg(long, value_name = "R")]
    pub region: Option<String>,

    /// The AWS profile (default: `AWS_PROFILE`, then `default`).
    #[arg(long, value_name = "P")]
    pub profile: Option<String>,

    /// Send to this URL instead of the region's DMS endpoint (default:
    /// `AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE`, then `AWS_ENDPOINT_URL`).
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Wait until the import succeeds or fails, showing its progress.
    #[arg(long)]
    pub wait: bool,

    /// With `--wait`, seconds between two looks at the import.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = parse_seconds)]
    pub poll_interval: std::time::Duration,

    /// Seconds to give AWS in all, the wait included [default: 60, with `--wait` 3600].
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: Option<std::time::Duration>,

    /// Print the request that would be sent, and send nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Send nothing when the rules have warnings too.
    #[arg(long)]
    pub deny_warnings: bool,

    /// When to use colour in reports.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DialectChoice {
    Auto,
    SchemaConversion,
    TableMapping,
    /// Homogeneous data migrations' selection rules; never chosen by `auto`.
    DataMigration,
}

impl DialectChoice {
    /// `None` lets the library detect the dialect.
    pub fn dialect(self) -> Option<Dialect> {
        match self {
            DialectChoice::Auto => None,
            DialectChoice::SchemaConversion => Some(Dialect::SchemaConversion),
            DialectChoice::TableMapping => Some(Dialect::TableMapping),
            DialectChoice::DataMigration => Some(Dialect::DataMigration),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// A table of objects grouped by schema, then a summary.
    Human,
    /// One JSON document with `objects` and `diagnostics`.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Only {
    Selected,
    Unselected,
}

#[cfg(feature = "send")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Origin {
    Source,
    Target,
}

/// A positive number of seconds, fractions allowed (`0.5`).
#[cfg(feature = "send")]
fn parse_seconds(s: &str) -> Result<std::time::Duration, String> {
    let seconds: f64 = s
        .parse()
        .map_err(|_| format!("`{s}` is not a number of seconds"))?;
    if seconds.is_nan() || seconds <= 0.0 {
        return Err(format!("`{s}` is not a positive number of seconds"));
    }
    std::time::Duration::try_from_secs_f64(seconds).map_err(|e| format!("`{s}`: {e}"))
}
