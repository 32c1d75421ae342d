//! `send --replication-task`: table mappings to a replication task with
//! `ModifyReplicationTask`; `--dry-run` reads the task's current mappings with
//! `DescribeReplicationTasks` and shows what the file would change, as `diff --task` does.

use std::time::Instant;

use dms_rules::{Dialect, ValidatedRules};
use dms_rules_send::{SendError, TableMappingsRequest, WaitOptions};
use serde_json::{json, Value};

use super::{block_on, connect, remaining, timeout, validate, write_json};
use crate::args::{DiffFormat, SendArgs, SendOutput};
use crate::input::Input;
use crate::output::{self, Stdout};
use crate::progress::{Progress, Shown};
use crate::status::Status;
use crate::task;

pub fn run(args: &SendArgs, task_arn: &str, input: &Input, started: Instant) -> Status {
    let Some(rules) = validate(args, input, Dialect::TableMapping, None) else {
        return Status::Findings;
    };
    if args.dry_run {
        return dry_run(args, task_arn, input);
    }
    let mut stdout = Stdout::new();
    let status = block_on(args, send(&mut stdout, args, task_arn, &rules, started));
    stdout.status(status)
}

/// Reads the task and prints what the file changes in its mappings, as `diff --task` does;
/// changes nothing.
fn dry_run(args: &SendArgs, task_arn: &str, input: &Input) -> Status {
    let task = match task::describe(&args.aws, args.color, task_arn, timeout(args)) {
        Ok(task) => task,
        Err(status) => return status,
    };
    if !task.is_settled() {
        output::stderr(format_args!(
            "note: the task is `{}`: it takes new mappings only when stopped (`aws dms \
             stop-replication-task`) or not yet started\n",
            task.status
        ));
    }
    let current = task::current_mappings(&task);
    let options = task::options(Some(Dialect::TableMapping));
    let pair = task::change(&current, input, None, &options, args.color);
    let shown = pair.compare(|compared| {
        let mut stdout = Stdout::new();
        stdout.write(|out| match args.output {
            SendOutput::Text => {
                writeln!(out, "dry run: ModifyReplicationTask was not called")?;
                writeln!(out, "ReplicationTaskArn: {}", task.arn)?;
                writeln!(out, "Status: {}", task.status)?;
                writeln!(
                    out,
                    "TableMappings: what `{}` changes in the task's current mappings:",
                    input.name
                )?;
                if compared.diff.is_empty() {
                    writeln!(out, "no change in meaning")
                } else {
                    compared.write(out, DiffFormat::Human)
                }
            }
            SendOutput::Json => {
                let mut value = task::json(&task);
                if let Value::Object(map) = &mut value {
                    map.insert("Changes".into(), compared.to_json());
                }
                write_json(out, &value)
            }
        });
        stdout.status(Status::Ok)
    });
    shown.unwrap_or_else(|status| status)
}

/// Replaces the task's mappings and, with `--wait`, waits until it has taken them.
async fn send(
    stdout: &mut Stdout,
    args: &SendArgs,
    task_arn: &str,
    rules: &ValidatedRules<'_>,
    started: Instant,
) -> Result<(), SendError> {
    let sender = connect(args).await?;
    let request = TableMappingsRequest {
        task_arn: task_arn.to_owned(),
    };
    let task = sender.modify_table_mappings(rules, &request).await?;
    stdout.write(|out| match args.output {
        SendOutput::Text => {
            writeln!(out, "ReplicationTaskArn: {}", task.arn)?;
            writeln!(out, "Status: {}", task.status)
        }
        SendOutput::Json => write_json(out, &json!({ "ReplicationTask": task::json(&task) })),
    });
    if !args.wait || stdout.failed() {
        return Ok(());
    }
    let options = WaitOptions {
        poll_interval: args.poll_interval,
        timeout: remaining(args, started),
    };
    let mut progress = Progress::start("the task".into());
    let outcome = sender
        .wait_for_task(task_arn, &options, |task| {
            progress.update(Shown {
                line: task.status.clone(),
                percent: None,
                step: String::new(),
                status: task.status.clone(),
            });
        })
        .await;
    progress.finish();
    let done = outcome?;
    stdout.write(|out| match args.output {
        SendOutput::Text => writeln!(out, "Status: {}", done.status),
        SendOutput::Json => write_json(out, &json!({ "ReplicationTasks": [task::json(&done)] })),
    });
    Ok(())
}
