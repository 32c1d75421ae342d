//! A replication task on the command line (`diff --task`, `send --replication-task`): read with
//! `DescribeReplicationTasks`, and the mappings it holds as a document to compare.

use dms_rules::{Dialect, Options};
use dms_rules_send::ReplicationTask;

use crate::args::{AwsArgs, ColorChoice};
use crate::aws;
use crate::input::{Input, Kind};
use crate::status::Status;

/// Reads a replication task; an error is drawn on standard error and gives the status, as for
/// `send`.
pub fn describe(
    aws: &AwsArgs,
    color: ColorChoice,
    task_arn: &str,
) -> Result<ReplicationTask, Status> {
    aws::run(color, aws::CALL_TIMEOUT, async {
        let sender = aws::connect(aws, aws::CALL_TIMEOUT).await?;
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
