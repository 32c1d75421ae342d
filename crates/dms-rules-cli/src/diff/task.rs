//! `diff --task ARN FILE`: the old side is the table mappings a replication task holds now,
//! read with `DescribeReplicationTasks`.

use dms_rules::send::ReplicationTask;
use dms_rules::{Dialect, Options};

use super::{load_catalog, print, source, OldErrors, Pair};
use crate::args::DiffArgs;
use crate::input::{Input, Kind};
use crate::output;
use crate::status::Status;

pub(super) fn run(args: &DiffArgs, task_arn: &str) -> Status {
    let options = options(args.dialect.dialect());
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
    let task = match crate::send::describe_task(&args.aws, args.color, task_arn) {
        Ok(task) => task,
        Err(status) => return status,
    };
    let old = current_mappings(&task);
    let pair = Pair {
        old: &old,
        new: &new,
        catalog: catalog.as_ref(),
        options: &options,
        old_errors: OldErrors::CountAsNothing,
        color: args.color,
    };
    print(args.format, &pair)
}

/// Both sides are read as table mappings unless `dialect` says otherwise: a replication task
/// holds nothing else.
pub(crate) fn options(dialect: Option<Dialect>) -> Options {
    Options {
        dialect: Some(dialect.unwrap_or(Dialect::TableMapping)),
        ..Options::default()
    }
}

/// The task's `TableMappings` as a document named by the task's ARN; a task without any holds
/// an empty one, which has errors and so counts as nothing.
pub(crate) fn current_mappings(task: &ReplicationTask) -> Input {
    Input {
        name: task.arn.clone(),
        path: None,
        kind: Kind::Rules,
        bytes: task.table_mappings.clone().unwrap_or_default().into_bytes(),
        too_large: None,
    }
}
