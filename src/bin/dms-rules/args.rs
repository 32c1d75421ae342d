//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use dms_rules::{Dialect, Operation};

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
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Files to check; `-` (or none, when standard input is not a terminal) reads standard input.
    pub files: Vec<PathBuf>,

    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to use colour in human output (`auto` honours `NO_COLOR`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Exit with status 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Which rule vocabulary to check against; `auto` picks schema conversion when a locator
    /// has `server-name`, table mapping otherwise.
    #[arg(long, value_enum, default_value_t = DialectChoice::Auto)]
    pub dialect: DialectChoice,

    /// The Schema Conversion call the rules are for (CLI or API name).
    #[arg(long, value_name = "NAME", default_value_t = Operation::default(), value_parser = parse_operation)]
    pub operation: Operation,

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rules document; `-` reads standard input.
    pub rules: PathBuf,

    /// The objects to select from: a CSV file with a header naming the columns `schema`, `name`
    /// and optionally `kind`, `server`, `database`; or a `postgres://` URL to read them from.
    #[arg(long, value_name = "SOURCE", env = "DMS_RULES_CATALOG")]
    pub catalog: String,

    /// Which rules vocabulary the document uses; `auto` tells from the document.
    #[arg(long, value_enum, default_value_t = DialectChoice::Auto)]
    pub dialect: DialectChoice,

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DialectChoice {
    Auto,
    SchemaConversion,
    TableMapping,
}

impl DialectChoice {
    /// `None` lets the library detect the dialect.
    pub fn dialect(self) -> Option<Dialect> {
        match self {
            DialectChoice::Auto => None,
            DialectChoice::SchemaConversion => Some(Dialect::SchemaConversion),
            DialectChoice::TableMapping => Some(Dialect::TableMapping),
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
