//! Replication tasks: read a task's table mappings with `DescribeReplicationTasks`, replace
//! them with `ModifyReplicationTask`, and wait until the task has taken them.

use aws_sdk_databasemigration::types::Filter;
use tokio::time::Instant;

use super::call::Call;
use super::client::Sender;
use super::error::SendError;
use super::wait::WaitOptions;
use dms_rules::{Dialect, ValidatedRules};

/// A replication task, as far as its mappings are concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicationTask {
    /// `ReplicationTaskArn`.
    pub arn: String,
    /// `ReplicationTaskIdentifier`: the task's name.
    pub identifier: Option<String>,
    /// `Status`, as the service wrote it: `ready`, `running`, `stopped`, `modifying`, ...
    pub status: String,
    /// `TableMappings`: the mapping document as the task holds it.
    pub table_mappings: Option<String>,
    /// `LastFailureMessage`.
    pub last_failure_message: Option<String>,
}

impl ReplicationTask {
    fn from_sdk(task: &aws_sdk_databasemigration::types::ReplicationTask, arn: &str) -> Self {
        ReplicationTask {
            arn: task.replication_task_arn().unwrap_or(arn).to_owned(),
            identifier: task.replication_task_identifier().map(str::to_owned),
            status: task.status().unwrap_or("").to_owned(),
            table_mappings: task.table_mappings().map(str::to_owned),
            last_failure_message: task.last_failure_message().map(str::to_owned),
        }
    }

    /// `ready` or `stopped`: the task is not running and no change is under way, so it can
    /// take new mappings (and has taken the last ones).
    pub fn is_settled(&self) -> bool {
        matches!(self.status.as_str(), "ready" | "stopped")
    }

    /// `failed`: the task stopped on an error.
    pub fn has_failed(&self) -> bool {
        self.status == "failed"
    }
}

/// `ModifyReplicationTask` with new `TableMappings`, nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableMappingsRequest {
    /// `ReplicationTaskArn`.
    pub task_arn: String,
}

impl Sender {
    /// Reads one task with `DescribeReplicationTasks`, filtered by `replication-task-arn`.
    pub async fn describe_replication_task(
        &self,
        task_arn: &str,
    ) -> Result<ReplicationTask, SendError> {
        let call = Call::DescribeReplicationTasks;
        let filter = Filter::builder()
            .name("replication-task-arn")
            .values(task_arn)
            .build()
            .map_err(|e| SendError::Request {
                source: Box::new(e),
            })?;
        let output = self
            .client
            .describe_replication_tasks()
            .filters(filter)
            // The settings are what holds the mappings: they must come back.
            .without_settings(false)
            .send()
            .await
            .map_err(|e| SendError::from_sdk(call, e, self.call_timeout))?;
        output
            .replication_tasks()
            .iter()
            .find(|t| t.replication_task_arn().is_none_or(|arn| arn == task_arn))
            .map(|task| ReplicationTask::from_sdk(task, task_arn))
            .ok_or_else(|| SendError::NoSuchTask {
                task_arn: task_arn.to_owned(),
            })
    }

    /// Replaces the task's `TableMappings` with the rules exactly as written, and returns the
    /// task as `ModifyReplicationTask` answers (usually `modifying`). A task that is running
    /// refuses with [`SendError::InvalidResourceState`].
    pub async fn modify_table_mappings(
        &self,
        rules: &ValidatedRules<'_>,
        request: &TableMappingsRequest,
    ) -> Result<ReplicationTask, SendError> {
        let call = Call::ModifyReplicationTask;
        if rules.dialect() != Dialect::TableMapping {
            return Err(SendError::WrongDialect {
                call,
                dialect: rules.dialect(),
            });
        }
        let output = self
            .client
            .modify_replication_task()
            .replication_task_arn(&request.task_arn)
            .table_mappings(rules.text())
            .send()
            .await
            .map_err(|e| SendError::from_sdk(call, e, self.call_timeout))?;
        Ok(match output.replication_task() {
            Some(task) => ReplicationTask::from_sdk(task, &request.task_arn),
            None => ReplicationTask {
                arn: request.task_arn.clone(),
                identifier: None,
                status: String::new(),
                table_mappings: None,
                last_failure_message: None,
            },
        })
    }

    /// Polls `DescribeReplicationTasks` until the task is `ready` or `stopped` again;
    /// `on_status` sees every answer. `failed` is [`SendError::TaskFailed`].
    pub async fn wait_for_task(
        &self,
        task_arn: &str,
        options: &WaitOptions,
        mut on_status: impl FnMut(&ReplicationTask),
    ) -> Result<ReplicationTask, SendError> {
        let deadline = Instant::now() + options.timeout;
        let mut last = String::from("unknown");
        let timed_out = |status: &str| SendError::TaskWaitTimedOut {
            task_arn: task_arn.to_owned(),
            status: status.to_owned(),
            waited: options.timeout,
        };
        loop {
            let task = tokio::time::timeout_at(deadline, self.describe_replication_task(task_arn))
                .await
                .map_err(|_| timed_out(&last))??;
            on_status(&task);
            if task.is_settled() {
                return Ok(task);
            }
            if task.has_failed() {
                return Err(SendError::TaskFailed {
                    task_arn: task.arn,
                    status: task.status,
                    message: task
                        .last_failure_message
                        .unwrap_or_else(|| "the service gave no message".into()),
                });
            }
            last.clone_from(&task.status);
            if Instant::now() + options.poll_interval >= deadline {
                tokio::time::sleep_until(deadline).await;
                return Err(timed_out(&last));
            }
            tokio::time::sleep(options.poll_interval).await;
        }
    }
}
