//! Command-line arguments.

use std::path::PathBuf;
use std::sync::OnceLock;

use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};
use dms_rules::host::Format as HostFormat;
use dms_rules::{Code, Dialect, Engine, MigrationType, Operation};

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
    /// Rewrite rules documents in their one canonical form.
    Fmt(FmtArgs),
    /// Show what a change to a rules document changes in meaning.
    Diff(DiffArgs),
    /// Run the language server on standard input and output, for editors.
    #[cfg(feature = "lsp")]
    Lsp,
    /// Check a rules document, then send it to DMS: to a Schema Conversion migration project
    /// (`StartMetadataModelImport` and the other `Start*` calls), or to a replication task.
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
    pub config: ConfigArgs,

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

    /// Apply the safe fixes to the files in place, then report what remains.
    #[arg(long)]
    pub fix: bool,

    /// With `--fix`, also apply the unsafe fixes (guesses such as "did you mean ...?").
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,

    /// Also report selection rules that match no object of this catalog
    /// (`dms::rule_matches_nothing`) and transformations that another keeps from acting on
    /// objects both match (`dms::conflicting_transformation`): a CSV file or a `postgres://`,
    /// `mysql://` or `mariadb://` URL, as for `explain` [default: the configuration's `catalog`].
    #[arg(long, value_name = "SOURCE")]
    pub catalog: Option<String>,

    /// Report only these codes (`dms::name` or `name`, comma-separated or repeated).
    #[arg(long, value_name = "CODE", value_delimiter = ',', value_parser = parse_code)]
    pub select: Vec<Code>,

    /// Do not report these codes (`dms::name` or `name`, comma-separated or repeated); wins
    /// over `--select`.
    #[arg(long, value_name = "CODE", value_delimiter = ',', value_parser = parse_code)]
    pub ignore: Vec<Code>,
}

fn parse_code(name: &str) -> Result<Code, String> {
    name.parse()
        .map_err(|()| format!("`{name}` is not a dms-rules code (`grammar/codes.md` lists them)"))
}

/// Which configuration file applies.
#[derive(Debug, Default, clap::Args)]
pub struct ConfigArgs {
    /// Use this configuration file for every file [default: the nearest `dms-rules.toml` or
    /// `.dms-rules.toml` in each file's directory or above it]. Flags given on the command
    /// line win over it.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no configuration file.
    #[arg(long)]
    pub no_config: bool,
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

    /// The replication task's migration type (`full-load`, `cdc`, `full-load-and-cdc`): with
    /// `--catalog`, also warn about views selected in a `cdc` task.
    #[arg(long, value_name = "TYPE", value_parser = parse_migration_type)]
    pub migration_type: Option<MigrationType>,
}

fn parse_migration_type(name: &str) -> Result<MigrationType, String> {
    name.parse()
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
    /// GitLab Code Quality JSON (`artifacts:reports:codequality`).
    Gitlab,
    /// JUnit XML, a test case per finding (GitLab, Jenkins, Azure Pipelines test reports).
    Junit,
    /// Checkstyle XML (Jenkins' Warnings plugin, reviewdog).
    Checkstyle,
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

/// `--input`: told from each file, or one kind for them all. The host formats are the library's
/// list ([`HostFormat::ALL`]), each under its own name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputChoice {
    /// Tell from each file's name and content.
    Auto,
    /// Rules documents.
    Rules,
    /// Host files of one format.
    Host(HostFormat),
}

impl ValueEnum for InputChoice {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: OnceLock<Vec<InputChoice>> = OnceLock::new();
        ALL.get_or_init(|| {
            let hosts = HostFormat::ALL
                .iter()
                .map(|format| InputChoice::Host(*format));
            [InputChoice::Auto, InputChoice::Rules]
                .into_iter()
                .chain(hosts)
                .collect()
        })
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            InputChoice::Auto => {
                PossibleValue::new("auto").help("Tell from each file's name and content")
            }
            InputChoice::Rules => {
                PossibleValue::new("rules").help("Rules documents (`{\"rules\": [...]}`)")
            }
            InputChoice::Host(format) => {
                PossibleValue::new(format.as_str()).help(format!("{}s", format.noun()))
            }
        })
    }
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
    pub config: ConfigArgs,

    #[command(flatten)]
    pub hosts: HostArgs,

    /// The objects to select from: a CSV file with a header naming the columns `schema`, `name`
    /// and optionally `kind`, `server`, `database`; or a `postgres://`, `mysql://` or
    /// `mariadb://` URL to read them from [default: the configuration's `catalog`].
    #[arg(long, value_name = "SOURCE", env = "DMS_RULES_CATALOG")]
    pub catalog: Option<String>,

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

    /// Show what each selected object is called on the target: its schema and name after the
    /// transformation rules, and the rules that acted on them.
    #[arg(long)]
    pub target: bool,

    /// When to use colour in reports.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Rules documents to rewrite in place, or directories to look in; `-` (or none, when
    /// standard input is not a terminal) reads standard input and writes standard output.
    pub files: Vec<PathBuf>,

    #[command(flatten)]
    pub config: ConfigArgs,

    /// Change nothing; list the files that are not in canonical form, and exit with status 1
    /// when there is one.
    #[arg(long)]
    pub check: bool,

    /// Change nothing; print a unified diff of what formatting would change, and exit with
    /// status 1 when it would change anything.
    #[arg(long)]
    pub diff: bool,

    /// Which rule vocabulary the documents use; `auto` tells from each document.
    #[arg(long, value_enum, default_value_t = DialectChoice::Auto)]
    pub dialect: DialectChoice,

    /// The name to report for standard input, such as the path an editor is showing.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,

    /// When to use colour in the reports of documents with errors.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The document before the change: a file, `-` for standard input, or `REV:PATH` for a
    /// file at a git revision (`origin/main:rules.json`); with `--task`, the document after
    /// the change, the only one named.
    pub old: String,

    #[command(flatten)]
    pub config: ConfigArgs,

    /// The document after the change, as `OLD`.
    #[cfg_attr(
        feature = "send",
        arg(required_unless_present = "task", conflicts_with = "task")
    )]
    #[cfg_attr(not(feature = "send"), arg(required = true))]
    pub new: Option<String>,

    /// Compare with the table mappings this replication task holds now (ARN), read with
    /// `DescribeReplicationTasks`: `dms-rules diff --task ARN FILE`.
    #[cfg(feature = "send")]
    #[arg(long, value_name = "ARN")]
    pub task: Option<String>,

    #[cfg(feature = "send")]
    #[command(flatten)]
    pub aws: AwsArgs,

    /// Also list the objects of this catalog that the change newly selects or no longer
    /// selects: a CSV file or a `postgres://`, `mysql://` or `mariadb://` URL, as for `explain`
    /// [default: the configuration's `catalog`].
    #[arg(long, value_name = "SOURCE")]
    pub catalog: Option<String>,

    /// How to print the change.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,

    /// Which rule vocabulary the documents use; `auto` tells from each document.
    #[arg(long, value_enum, default_value_t = DialectChoice::Auto)]
    pub dialect: DialectChoice,

    /// When to use colour in the reports of documents with errors.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// One block per rule added, removed or changed, each value at its place; then a summary.
    /// Nothing at all when nothing changed in meaning.
    Human,
    /// One JSON document (see the README for its shape).
    Json,
}

#[cfg(feature = "send")]
#[derive(Debug, clap::Args)]
#[command(group(
    clap::ArgGroup::new("destination")
        .required(true)
        .args(["migration_project", "replication_task"])
))]
pub struct SendArgs {
    /// The rules to send; `-` reads standard input.
    pub file: PathBuf,

    /// Send selection rules to this DMS Schema Conversion migration project (name or ARN).
    #[arg(long, value_name = "ID")]
    pub migration_project: Option<String>,

    /// Send table mappings to this replication task (ARN), with `ModifyReplicationTask`.
    #[arg(long, value_name = "ARN", conflicts_with_all = ["operation", "origin", "refresh", "file_name", "overwrite_extension_pack"])]
    pub replication_task: Option<String>,

    /// The Schema Conversion call to make (CLI or API name): `start-metadata-model-import`,
    /// `-assessment`, `-conversion`, `-export-as-script` or `-export-to-target`.
    #[arg(long, value_name = "NAME", default_value_t = Operation::default(), value_parser = parse_operation)]
    pub operation: Operation,

    /// Import, or export as script, from the project's `source` or `target` data provider
    /// (any case).
    #[arg(long, value_name = "ORIGIN", value_parser = parse_origin)]
    pub origin: Option<dms_rules_send::Origin>,

    /// Import: reload the selected objects, dropping what was loaded under them before.
    #[arg(long)]
    pub refresh: bool,

    /// Export as script: the script's file name in the project's Amazon S3 bucket.
    #[arg(long, value_name = "NAME")]
    pub file_name: Option<String>,

    /// Export to target: overwrite the extension pack already in the target (sent as `false`
    /// without this flag).
    #[arg(long)]
    pub overwrite_extension_pack: bool,

    #[command(flatten)]
    pub aws: AwsArgs,

    /// Wait until the request succeeds or fails (a task: until it is `ready` or `stopped`
    /// again), showing its progress.
    #[arg(long)]
    pub wait: bool,

    /// With `--wait`, seconds between two looks.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = parse_seconds)]
    pub poll_interval: std::time::Duration,

    /// Seconds to give AWS in all, the wait included [default: 60, with `--wait` 3600].
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: Option<std::time::Duration>,

    /// Print the request that would be sent, and send nothing; with `--replication-task`,
    /// read the task and show what the file would change in its mappings.
    #[arg(long)]
    pub dry_run: bool,

    /// Send nothing when the rules have warnings too.
    #[arg(long)]
    pub deny_warnings: bool,

    /// How to print the result on standard output.
    #[arg(long, value_enum, default_value_t = SendOutput::Text)]
    pub output: SendOutput,

    /// When to use colour in reports.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Where and as whom DMS is called: `send`, and `diff --task`.
#[cfg(feature = "send")]
#[derive(Debug, clap::Args)]
pub struct AwsArgs {
    /// The AWS region (default: `AWS_REGION`, then the profile's `region`).
    #[arg(long, value_name = "R")]
    pub region: Option<String>,

    /// The AWS profile (default: `AWS_PROFILE`, then `default`).
    #[arg(long, value_name = "P")]
    pub profile: Option<String>,

    /// Call this URL instead of the region's DMS endpoint (default:
    /// `AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE`, then `AWS_ENDPOINT_URL`).
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
}

/// How `send` prints its result.
#[cfg(feature = "send")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SendOutput {
    /// `Name: value` lines.
    Text,
    /// The call's response as JSON, as the AWS CLI prints it.
    Json,
}

#[cfg(feature = "send")]
fn parse_origin(s: &str) -> Result<dms_rules_send::Origin, String> {
    s.parse()
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
