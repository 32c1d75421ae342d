//! A replication task on the command line, the one module `diff --task` and
//! `send --replication-task` share: read with `DescribeReplicationTasks`, the mappings it holds
//! as the old side of a comparison, and its members as DMS's responses name them.

use std::time::Duration;

use dms_rules::select::Catalog;
use dms_rules::{Dialect, Options};
use dms_rules_send::ReplicationTask;
use serde_json::{Map, Value};

use crate::args::{AwsArgs, ColorChoice};
use crate::aws;
use crate::change::{OldErrors, Pair};
use crate::input::{Input, Kind};
use crate::status::Status;

/// Reads a replication task within `limit` (each call at most [`aws::CALL_TIMEOUT`]); an error
/// is drawn on standard error and gives the status, as for `send`.
pub fn describe(
    aws: &AwsArgs,
    color: ColorChoice,
    task_arn: &str,
    limit: Duration,
) -> Result<ReplicationTask, Status> {
    aws::run(color, limit, async {
        let sender = aws::connect(aws, limit.min(aws::CALL_TIMEOUT)).await?;
        sender.describe_replication_task(task_arn).await
    })
}

/// Both sides are read as table mappings unless `dialect` says otherwise: a replication task
/// holds nothing else.
pub fn options(dialect: Option<Dialect>) -> Options {
    Options {
        dialect: Some(dialect.unwrap_or(Dialect::TableMapping)),
        ..Options::default()
    }
}

/// The task's `TableMappings` as a document named by the task's ARN; a task without any holds
/// an empty one, which has errors and so counts as nothing.
pub fn current_mappings(task: &ReplicationTask) -> Input {
    Input {
        name: task.arn.clone(),
        path: None,
        kind: Kind::Rules,
        bytes: task.table_mappings.clone().unwrap_or_default().into_bytes(),
        too_large: None,
    }
}

/// What `new` changes in the mappings a task holds (`current`, from [`current_mappings`]):
/// errors in the task's mappings, which the user cannot fix before comparing, make them count
/// as no rules.
pub fn change<'a>(
    current: &'a Input,
    new: &'a Input,
    catalog: Option<&'a Catalog>,
    options: &'a Options,
    color: ColorChoice,
) -> Pair<'a> {
    Pair {
        old: current,
        new,
        catalog,
        options,
        old_errors: OldErrors::CountAsNothing,
        color,
    }
}

/// The task's members as DMS's responses name them.
pub fn json(task: &ReplicationTask) -> Value {
    let mut map = Map::new();
    if let Some(identifier) = &task.identifier {
        map.insert(
            "ReplicationTaskIdentifier".into(),
            identifier.as_str().into(),
        );
    }
    map.insert("ReplicationTaskArn".into(), task.arn.as_str().into());
    map.insert("Status".into(), task.status.as_str().into());
    if let Some(mappings) = &task.table_mappings {
        map.insert("TableMappings".into(), mappings.as_str().into());
    }
    if let Some(message) = &task.last_failure_message {
        map.insert("LastFailureMessage".into(), message.as_str().into());
    }
    map.into()
}
