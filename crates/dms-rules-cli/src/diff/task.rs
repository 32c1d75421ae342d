//! `diff --task ARN FILE`: the old side is the table mappings a replication task holds now.

use super::{load_catalog, print, source};
use crate::args::DiffArgs;
use crate::aws;
use crate::output;
use crate::status::Status;
use crate::task;

pub(super) fn run(args: &DiffArgs, task_arn: &str) -> Status {
    let options = task::options(args.dialect.dialect());
    let new = match source::read(&args.old, options.max_input_len) {
        Ok(new) => new,
        Err(message) => {
            output::error(message);
            return Status::CannotRun;
        }
    };
    let catalog = match load_catalog(args) {
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
