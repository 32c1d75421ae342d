//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
    /// Check a rules document, then import it into a DMS Schema Conversion migration project
    /// with `StartMetadataModelImport`.
    #[cfg(feature = "send")]
    Send(SendArgs),
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Files to check; `-` (or none, when standard input is not a terminal) reads standard input.
    pub files: Vec<PathBuf>,

    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Exit with status 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Graphical reports with the source lines and labels.
    Human,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
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
