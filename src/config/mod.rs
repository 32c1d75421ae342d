//! The configuration file, `dms-rules.toml` (or `.dms-rules.toml`): what the command-line flags
//! set, the level of each code, overrides by path, and suppressions of single findings.
//!
//! [`Config::parse`] reads it, reporting every problem as a finding on the file's bytes, as a
//! rules document's problems are; [`find`] looks for it from a checked file's folder upwards
//! (the nearest wins); [`settle`](settle()) applies levels and suppressions to the findings
//! of one checked file. Its shape is written down in `grammar/dms-rules-config.schema.json`.
//!
//! ```
//! use std::path::Path;
//! use dms_rules::config::{Config, Level};
//! use dms_rules::Code;
//!
//! let text = "source-engine = \"oracle\"\n[codes]\n\"dms::underscore_wildcard\" = \"off\"\n";
//! let (config, problems) = Config::parse(text, Path::new("/repo/dms-rules.toml"));
//! assert!(problems.is_empty());
//! let file = Path::new("/repo/mappings/hr.json");
//! assert_eq!(config.level(file, Code::UnderscoreWildcard), Some(Level::Off));
//! assert_eq!(config.options(file).source_engine.map(|e| e.as_str()), Some("oracle"));
//! ```

pub mod comment;
mod globs;
mod read;
mod schema;
mod settle;

use std::fmt;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::engine::Engine;
use crate::options::{Dialect, MigrationType, Operation, Options};
use crate::span::Span;

pub use schema::json_schema;
pub use settle::{settle, RuleMark, RuleMarks, Settled, Suppressed, SuppressedBy};

/// The keys of the top level, an `[[overrides]]` table and a `[[suppress]]` table.
pub const KEYS: [&[&str]; 3] = [read::TOP_KEYS, read::OVERRIDE_KEYS, read::SUPPRESS_KEYS];

/// The names a configuration file may have, in the order they are looked for in each folder.
pub const FILE_NAMES: [&str; 2] = ["dms-rules.toml", ".dms-rules.toml"];

/// The configuration file nearest to `dir`: in it or the closest folder above it that has one.
/// Looks only at the file system's names, never reads a file.
pub fn find(dir: &Path) -> Option<PathBuf> {
    let dir = std::path::absolute(dir).ok()?;
    dir.ancestors()
        .flat_map(|folder| FILE_NAMES.iter().map(move |name| folder.join(name)))
        .find(|candidate| candidate.is_file())
}

/// What a code is reported as: not at all, or at a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Not reported, not counted.
    Off,
    /// Reported at this severity, whatever the code's own.
    Severity(Severity),
}

impl Level {
    /// Every level's name, as the file writes it.
    pub const NAMES: [&'static str; 4] = ["off", "advice", "warning", "error"];

    /// `off`, `advice`, `warning` or `error`.
    pub fn from_name(name: &str) -> Option<Level> {
        Some(match name {
            "off" => Level::Off,
            "advice" => Level::Severity(Severity::Advice),
            "warning" => Level::Severity(Severity::Warning),
            "error" => Level::Severity(Severity::Error),
            _ => return None,
        })
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Level::Off => f.write_str("off"),
            Level::Severity(severity) => f.write_str(severity.as_str()),
        }
    }
}

/// What the file and each override may set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// `source-engine`.
    pub source_engine: Option<Engine>,
    /// `target-engine`.
    pub target_engine: Option<Engine>,
    /// `dialect`.
    pub dialect: Option<Dialect>,
    /// `operation`.
    pub operation: Option<Operation>,
    /// `migration-type`.
    pub migration_type: Option<MigrationType>,
    /// `catalog`, resolved against the configuration file's folder unless it is a database URL.
    pub catalog: Option<String>,
    /// `deny-warnings`: the warnings of the files these settings apply to fail a run.
    pub deny_warnings: Option<bool>,
    /// `[codes]`: a level per code, in the order written.
    pub codes: Vec<(Code, Level)>,
}

impl Settings {
    /// The options these settings give, as far as they set them.
    pub fn options(&self) -> Options {
        Options {
            dialect: self.dialect,
            operation: self.operation,
            source_engine: self.source_engine,
            target_engine: self.target_engine,
            migration_type: self.migration_type,
            ..Options::default()
        }
    }

    /// `self`, with what `over` sets replacing it.
    fn overlay(&mut self, over: &Settings) {
        self.source_engine = over.source_engine.or(self.source_engine);
        self.target_engine = over.target_engine.or(self.target_engine);
        self.dialect = over.dialect.or(self.dialect);
        self.operation = over.operation.or(self.operation);
        self.migration_type = over.migration_type.or(self.migration_type);
        if over.catalog.is_some() {
            self.catalog.clone_from(&over.catalog);
        }
        self.deny_warnings = over.deny_warnings.or(self.deny_warnings);
        self.codes.extend(over.codes.iter().copied());
    }
}

/// An `[[overrides]]` table: settings for the files its globs match.
#[derive(Debug, Clone)]
pub struct Override {
    /// `paths`, as written.
    pub paths: Vec<String>,
    matcher: globs::Globs,
    /// What it sets.
    pub settings: Settings,
}

/// A `[[suppress]]` table: one finding silenced in one file.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// `path`, as written: a path or a glob, relative to the configuration file's folder.
    pub path: String,
    matcher: globs::Globs,
    /// `code`.
    pub code: Code,
    /// `rule-id`, as digits without leading zeros; the finding must lie in that rule.
    pub rule_id: Option<String>,
    /// `rule-name`; the finding must lie in the rule of that name.
    pub rule_name: Option<String>,
    /// `reason`.
    pub reason: String,
    /// The table's header in the configuration file, where an unused suppression is reported.
    pub span: Span,
}

impl Suppression {
    /// The file it names, relative to the configuration file's folder (a leading `./`
    /// dropped), when its `path` is a plain path rather than a glob.
    pub fn literal(&self) -> Option<&str> {
        self.matcher.literal()
    }
}

/// A configuration file as read. Parts with problems are left out; the rest applies.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file's path; relative paths in it are relative to its folder.
    pub path: PathBuf,
    /// The top-level settings; [`Config::settings`] gives a file's, overrides applied.
    pub settings: Settings,
    /// `[[overrides]]`, in the order written; a later one wins where two set the same thing.
    pub overrides: Vec<Override>,
    /// `[[suppress]]`, in the order written.
    pub suppressions: Vec<Suppression>,
}

impl Config {
    /// Reads the text of the configuration file at `path` (which only places relative paths);
    /// every problem is a finding on `text`'s bytes.
    pub fn parse(text: &str, path: &Path) -> (Config, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut config = read::config(text, &mut problems);
        config.path = path.to_path_buf();
        let dir = config.dir().to_path_buf();
        let every = std::iter::once(&mut config.settings)
            .chain(config.overrides.iter_mut().map(|o| &mut o.settings));
        for settings in every {
            if let Some(catalog) = settings.catalog.take() {
                settings.catalog = Some(resolve_catalog(&dir, catalog));
            }
        }
        crate::diagnostic::order(&mut problems);
        (config, problems)
    }

    /// The folder relative paths are read from.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }

    /// The settings for `file`: the top level's, then every override that matches it in order.
    /// For standard input (`None`), the top level's.
    pub fn settings_of(&self, file: Option<&Path>) -> Settings {
        match file {
            Some(file) => self.settings(file),
            None => self.settings.clone(),
        }
    }

    /// The settings for `file`: the top level's, then every override that matches it in order.
    pub fn settings(&self, file: &Path) -> Settings {
        let mut settings = self.settings.clone();
        if let Some(relative) = self.relative(file) {
            for over in &self.overrides {
                if over.matcher.is_match(&relative) {
                    settings.overlay(&over.settings);
                }
            }
        }
        settings
    }

    /// The options `file` is checked with, as far as the configuration sets them.
    pub fn options(&self, file: &Path) -> Options {
        self.settings(file).options()
    }

    /// The level `code` is reported at in `file`, when the configuration sets one (the last
    /// one written wins, overrides after the top level).
    pub fn level(&self, file: &Path, code: Code) -> Option<Level> {
        let settings = self.settings(file);
        settings
            .codes
            .iter()
            .rev()
            .find(|(c, _)| *c == code)
            .map(|&(_, level)| level)
    }

    /// The suppressions (indices into [`Config::suppressions`]) whose `path` matches `file`.
    pub fn suppressions_of(&self, file: &Path) -> Vec<usize> {
        let Some(relative) = self.relative(file) else {
            return Vec::new();
        };
        self.suppressions
            .iter()
            .enumerate()
            .filter(|(_, s)| s.matcher.is_match(&relative))
            .map(|(i, _)| i)
            .collect()
    }

    /// `file` relative to the configuration's folder, with `/` between folders and no `.` or
    /// `..`; `None` when it is not under that folder.
    pub fn relative(&self, file: &Path) -> Option<String> {
        let dir = normal(&std::path::absolute(self.dir()).ok()?);
        let file = normal(&std::path::absolute(file).ok()?);
        let relative = file.strip_prefix(&dir).ok()?;
        let parts: Vec<&str> = relative
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect::<Option<_>>()?;
        Some(parts.join("/"))
    }
}

/// A catalog as written, against the configuration file's folder `dir`: a database URL as it
/// is, a file relative to `dir`.
fn resolve_catalog(dir: &Path, catalog: String) -> String {
    if catalog.contains("://") {
        return catalog;
    }
    dir.join(catalog).display().to_string()
}

/// `path` with `.` dropped and `..` taken back, without asking the file system.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests;
