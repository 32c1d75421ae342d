//! `dms-rules diff OLD NEW`: what a change to a rules document changes in meaning, and with
//! `--catalog`, which objects it newly selects or no longer selects. `diff --task ARN FILE`
//! takes the old side from a replication task.

mod source;
#[cfg(feature = "send")]
mod task;

use dms_rules::select::Catalog;
use dms_rules::Options;

use crate::args::{DiffArgs, DiffFormat};
use crate::change::{OldErrors, Pair};
use crate::output::{self, Stdout};
use crate::status::Status;

pub fn run(args: &DiffArgs) -> Status {
    #[cfg(feature = "send")]
    if let Some(task_arn) = &args.task {
        return task::run(args, task_arn);
    }
    let Some(new) = args.new.as_deref() else {
        output::error("`diff` compares two documents: give OLD and NEW");
        return Status::CannotRun;
    };
    if args.old == "-" && new == "-" {
        output::error("only one side can be read from standard input");
        return Status::CannotRun;
    }
    let flags = Options {
        dialect: args.dialect.dialect(),
        ..Options::default()
    };
    // The configuration of the document after the change (of the current directory for
    // standard input or a git revision).
    let path = Some(std::path::Path::new(new)).filter(|p| new != "-" && p.exists());
    let (options, configured_catalog) =
        match crate::config::settings_for(&args.config, &flags, path) {
            Ok(settings) => settings,
            Err(message) => {
                output::error(message);
                return Status::CannotRun;
            }
        };
    let limit = options.max_input_len;
    let (old, new) = match (source::read(&args.old, limit), source::read(new, limit)) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            for message in [old.err(), new.err()].into_iter().flatten() {
                output::error(message);
            }
            return Status::CannotRun;
        }
    };
    let catalog = match load_catalog(args.catalog.clone().or(configured_catalog)) {
        Ok(catalog) => catalog,
        Err(status) => return status,
    };
    let pair = Pair {
        old: &old,
        new: &new,
        catalog: catalog.as_ref(),
        options: &options,
        old_errors: OldErrors::Refuse,
        color: args.color,
    };
    print(args.format, &pair)
}

/// `--catalog` (else the configuration's), loaded; a failure is said on standard error.
fn load_catalog(source: Option<String>) -> Result<Option<Catalog>, Status> {
    source
        .as_deref()
        .map(Catalog::open)
        .transpose()
        .map_err(|message| {
            output::error(message);
            Status::CannotRun
        })
}

/// Compares `pair` and prints the change in `format`: status 0 when nothing changed in
/// meaning, 1 when something did, 2 when a side has errors.
fn print(format: DiffFormat, pair: &Pair<'_>) -> Status {
    let compared = pair.compare(|compared| {
        let mut stdout = Stdout::new();
        stdout.write(|out| compared.write(out, format));
        stdout.status(if compared.diff.is_empty() {
            Status::Ok
        } else {
            Status::Findings
        })
    });
    compared.unwrap_or_else(|status| status)
}
