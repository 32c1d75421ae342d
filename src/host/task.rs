//! What a host file says about the task a mapping belongs to: the engines of the endpoints it
//! names and its migration type, each with where it is written. The checks that depend on them
//! (`--source-engine`, `--target-engine`, `--migration-type`) take them from here when the
//! command line and the configuration leave them unset.

use std::path::PathBuf;

use crate::engine::Engine;
use crate::options::{MigrationType, Options};
use crate::span::Span;

/// The task a mapping belongs to, as far as the host file shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Task {
    /// The source endpoint's engine.
    pub source_engine: Setting<Engine>,
    /// The target endpoint's engine.
    pub target_engine: Setting<Engine>,
    /// `migration_type` / `MigrationType` (a replication config's `replication_type`).
    pub migration_type: Setting<MigrationType>,
}

/// One setting of a task.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Setting<T> {
    /// Not named where the mapping is (a value in a variables file, a `locals` value).
    #[default]
    Absent,
    /// Read from a literal value.
    Read {
        /// The value.
        value: T,
        /// The literal's bytes.
        at: Written,
    },
    /// Named, but not known before the host tool runs.
    Unknown {
        /// Why, in words: `var.source` has no default.
        why: String,
        /// The bytes that name it.
        at: Written,
    },
}

impl<T: Copy> Setting<T> {
    /// The value, when it was read.
    pub fn value(&self) -> Option<T> {
        match self {
            Setting::Read { value, .. } => Some(*value),
            _ => None,
        }
    }
}

/// Where a setting is written: bytes of the host file, or of another file of its module (the
/// `.tf` file that declares the endpoint).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// `None` for the host file itself.
    pub path: Option<PathBuf>,
    /// The bytes in that file.
    pub span: Span,
}

impl Task {
    /// `options` with what the host file says filling what they leave unset: the command line
    /// and the configuration win over what is read.
    pub fn fill(&self, options: &Options) -> Options {
        let mut options = options.clone();
        options.source_engine = options.source_engine.or(self.source_engine.value());
        options.target_engine = options.target_engine.or(self.target_engine.value());
        options.migration_type = options.migration_type.or(self.migration_type.value());
        options
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Where each setting of `task` that names something is written.
    pub(crate) fn places(task: &Task) -> Vec<&Written> {
        fn at<T>(setting: &Setting<T>) -> Option<&Written> {
            match setting {
                Setting::Absent => None,
                Setting::Read { at, .. } | Setting::Unknown { at, .. } => Some(at),
            }
        }
        [
            at(&task.source_engine),
            at(&task.target_engine),
            at(&task.migration_type),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    #[test]
    fn what_is_given_wins_over_what_is_read() {
        fn read<T>(value: T) -> Setting<T> {
            Setting::Read {
                value,
                at: Written {
                    path: None,
                    span: Span::new(0, 1),
                },
            }
        }
        let task = Task {
            source_engine: read(Engine::Oracle),
            target_engine: read(Engine::Postgres),
            migration_type: read(MigrationType::Cdc),
        };
        let given = Options {
            source_engine: Some(Engine::MySql),
            ..Options::default()
        };
        let filled = task.fill(&given);
        assert_eq!(filled.source_engine, Some(Engine::MySql));
        assert_eq!(filled.target_engine, Some(Engine::Postgres));
        assert_eq!(filled.migration_type, Some(MigrationType::Cdc));
        assert_eq!(places(&task).len(), 3);
        assert!(places(&Task::default()).is_empty());
    }
}
