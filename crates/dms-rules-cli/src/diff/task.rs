//! `diff --task ARN FILE`: the old side is the table mappings a replication task holds now.

use super::{load_catalog, print, source};
use crate::args::DiffArgs;
use crate::aws;
use crate::output;
use crate::status::Status;
use crate::task;

pub(super) fn run(args: &DiffArgs, task_arn: &str) -> Status {
    // The file's configuration, as for two files; the task's mappings are table mappings.
    let flags = task::options(args.dialect.dialect());
    let path = Some(std::path::Path::new(&args.old)).filter(|p| args.old != "-" && p.exists());
    let (options, configured_catalog) =
        match crate::config::settings_for(&args.config, &flags, path) {
            Ok(settings) => settings,
            Err(message) => {
                output::error(message);
                return Status::CannotRun;
            }
        };
    let new = match source::read(&args.old, options.max_input_len) {
        Ok(new) => new,
        Err(message) => {
            output::error(message);
            return Status::CannotRun;
        }
    };
    let catalog = match load_catalog(args.catalog.clone().or(configured_catalog)) {
        Ok(catalog) => catalog,
        Err(status) => return status,
    };
    let task = match task::describe(&args.aws, args.color, task_arn, aws::CALL_TIMEOUT) {
        Ok(task) => task,
        Err(status) => return status,
    };
    let old = task::current_mappings(&task);
    let change = task::change(&old, &new, catalog.as_ref(), &options, args.color);
    print(args.format, &change)
}
