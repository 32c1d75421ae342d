//! The engines and migration type each document is checked with, and where each came from: the
//! command line, the configuration, or the host file's own code (an endpoint's `engine_name`, a
//! task's `migration_type`). The command line and the configuration win over what is read.

use dms_rules::host::{Mapping, Setting, Written};
use dms_rules::{Options, Span};

/// One setting as the report gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The value the checks used; `None` when none applied.
    pub value: Option<&'static str>,
    /// Where it came from: `--source-engine`, the configuration's name, or `file:line:col`.
    pub from: String,
    /// Why the host file's value is not known, when it names one that cannot be read.
    pub not_known: Option<String>,
}

/// The three settings of a document; `None` for one that nothing gave or named.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applies {
    pub source_engine: Option<Applied>,
    pub target_engine: Option<Applied>,
    pub migration_type: Option<Applied>,
}

/// What the run was given from outside the files.
pub struct Given<'a> {
    /// The command line's options.
    pub flags: &'a Options,
    /// The configuration file that applied, by name.
    pub config: Option<&'a str>,
}

/// A setting read from a host file, its value by name.
enum Read {
    Absent,
    Known(&'static str, Written),
    Unknown(String, Written),
}

impl Read {
    fn of<T: Copy>(setting: &Setting<T>, name: impl Fn(T) -> &'static str) -> Read {
        match setting {
            Setting::Absent => Read::Absent,
            Setting::Read { value, at } => Read::Known(name(*value), at.clone()),
            Setting::Unknown { why, at } => Read::Unknown(why.clone(), at.clone()),
        }
    }
}

impl Given<'_> {
    /// What applies to a rules document checked with `options` (flags and configuration).
    pub fn rules(&self, options: &Options) -> Applies {
        self.applies(options, [Read::Absent, Read::Absent, Read::Absent], |_| {
            String::new()
        })
    }

    /// The options `mapping` (of the host file `host_name`, whose bytes are `host`) is checked
    /// with: `options` (flags and configuration) filled from the file's code; and what applied.
    pub fn mapping(
        &self,
        options: &Options,
        mapping: &Mapping,
        host_name: &str,
        host: &[u8],
    ) -> (Options, Applies) {
        let task = &mapping.task;
        let read = [
            Read::of(&task.source_engine, |e| e.as_str()),
            Read::of(&task.target_engine, |e| e.as_str()),
            Read::of(&task.migration_type, |t| t.as_str()),
        ];
        let place = |at: &Written| match &at.path {
            None => position(host_name, host, at.span),
            Some(path) => {
                let name = crate::output::shown_path(path);
                match std::fs::read(path) {
                    Ok(bytes) => position(&name, &bytes, at.span),
                    Err(_) => name,
                }
            }
        };
        (task.fill(options), self.applies(options, read, place))
    }

    fn applies(
        &self,
        options: &Options,
        [source, target, migration]: [Read; 3],
        place: impl Fn(&Written) -> String,
    ) -> Applies {
        let one = |flagged: Option<&'static str>,
                   configured: Option<&'static str>,
                   flag: &str,
                   read: Read| {
            let given = |value, from: String| Applied {
                value: Some(value),
                from,
                not_known: None,
            };
            if let Some(value) = flagged {
                return Some(given(value, flag.to_owned()));
            }
            if let Some(value) = configured {
                let name = self.config.unwrap_or("the configuration");
                return Some(given(value, name.to_owned()));
            }
            match read {
                Read::Absent => None,
                Read::Known(value, at) => Some(given(value, place(&at))),
                Read::Unknown(why, at) => Some(Applied {
                    value: None,
                    from: place(&at),
                    not_known: Some(why),
                }),
            }
        };
        let flags = self.flags;
        Applies {
            source_engine: one(
                flags.source_engine.map(|e| e.as_str()),
                options.source_engine.map(|e| e.as_str()),
                "--source-engine",
                source,
            ),
            target_engine: one(
                flags.target_engine.map(|e| e.as_str()),
                options.target_engine.map(|e| e.as_str()),
                "--target-engine",
                target,
            ),
            migration_type: one(
                flags.migration_type.map(|t| t.as_str()),
                options.migration_type.map(|t| t.as_str()),
                "--migration-type",
                migration,
            ),
        }
    }
}

impl Applies {
    /// The one line that says which engines a host file names but that cannot be known, so the
    /// checks that need them did not run; `None` when every engine named is known.
    pub fn unknown_engines(&self) -> Option<String> {
        let parts: Vec<String> = [
            ("source", &self.source_engine),
            ("target", &self.target_engine),
        ]
        .into_iter()
        .filter_map(|(side, applied)| match applied {
            Some(Applied {
                value: None,
                not_known: Some(why),
                from,
            }) => Some(format!("the {side} engine is not known at {from}: {why}")),
            _ => None,
        })
        .collect();
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// `name:line:column` of `span`'s start in `bytes`.
fn position(name: &str, bytes: &[u8], span: Span) -> String {
    let (line, column) = dms_rules::span::line_column(bytes, span.start);
    format!("{name}:{line}:{column}")
}
