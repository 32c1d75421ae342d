//! `send --migration-project`: one of the five Schema Conversion `Start*` calls, and with
//! `--wait` its `Describe*` call until the request ends.

use std::io::Write;
use std::time::Instant;

use dms_rules::{Dialect, ValidatedRules};
use dms_rules_send::{
    AssessmentRequest, ConversionRequest, ExportAsScriptRequest, ExportToTargetRequest,
    ImportRequest, RequestId, RequestKind, RequestStatus, SendError, StartRequest, WaitEvent,
    WaitOptions,
};
use serde_json::{json, Map, Value};

use super::{block_on, connect, remaining, usage, validate, write_json};
use crate::args::{SendArgs, SendOutput};
use crate::input::Input;
use crate::output::Stdout;
use crate::progress::{Progress, Shown};
use crate::status::Status;

pub fn run(args: &SendArgs, input: &Input, started: Instant) -> Status {
    let request = match request(args) {
        Ok(request) => request,
        Err(message) => return usage(message),
    };
    let kind = request.kind();
    let Some(rules) = validate(
        args,
        input,
        Dialect::SchemaConversion,
        Some(kind.operation()),
    ) else {
        return Status::Findings;
    };
    let mut stdout = Stdout::new();
    if args.dry_run {
        stdout.write(|out| print_dry_run(out, args.output, &input.name, &rules, &request));
        return stdout.status(Status::Ok);
    }
    let status = block_on(args, send(&mut stdout, args, &rules, &request, started));
    stdout.status(status)
}

/// The typed request the options describe; a message when an option does not belong to the
/// call, or one it needs is missing.
fn request(args: &SendArgs) -> Result<StartRequest, String> {
    let operation = args.operation;
    let Some(kind) = RequestKind::of(operation) else {
        let calls: Vec<&str> = RequestKind::ALL
            .iter()
            .map(|kind| kind.operation().as_str())
            .collect();
        return Err(format!(
            "`{operation}` starts no request, so `send` does not make it: `--operation` takes {}",
            calls.join(", ")
        ));
    };
    let refuse = |option: &str, why: &str| -> Result<(), String> {
        Err(format!("`{operation}` takes no `{option}`: {why}"))
    };
    let takes_origin = matches!(kind, RequestKind::Import | RequestKind::ExportAsScript);
    if !takes_origin && args.origin.is_some() {
        refuse(
            "--origin",
            match kind {
                RequestKind::ExportToTarget => "it always applies to the target",
                _ => "it always reads the source",
            },
        )?;
    }
    if kind != RequestKind::Import && args.refresh {
        refuse("--refresh", "only an import reloads objects")?;
    }
    if kind != RequestKind::ExportAsScript && args.file_name.is_some() {
        refuse("--file-name", "only an export as script writes a file")?;
    }
    if kind != RequestKind::ExportToTarget && args.overwrite_extension_pack {
        refuse(
            "--overwrite-extension-pack",
            "only an export to target applies the extension pack",
        )?;
    }
    let origin = || {
        args.origin
            .ok_or_else(|| format!("`{operation}` needs `--origin source` or `--origin target`"))
    };
    let migration_project = args.migration_project.clone().unwrap_or_default();
    Ok(match kind {
        RequestKind::Import => StartRequest::Import(ImportRequest {
            migration_project,
            origin: origin()?,
            refresh: args.refresh,
        }),
        RequestKind::ExportAsScript => StartRequest::ExportAsScript(ExportAsScriptRequest {
            migration_project,
            origin: origin()?,
            file_name: args.file_name.clone(),
        }),
        RequestKind::Conversion => {
            StartRequest::Conversion(ConversionRequest { migration_project })
        }
        RequestKind::Assessment => {
            StartRequest::Assessment(AssessmentRequest { migration_project })
        }
        RequestKind::ExportToTarget => StartRequest::ExportToTarget(ExportToTargetRequest {
            migration_project,
            overwrite_extension_pack: args.overwrite_extension_pack,
        }),
    })
}

/// Starts the request and, with `--wait`, follows it to its end; all within `--timeout`.
async fn send(
    stdout: &mut Stdout,
    args: &SendArgs,
    rules: &ValidatedRules<'_>,
    request: &StartRequest,
    started: Instant,
) -> Result<(), SendError> {
    let sender = connect(args).await?;
    let id = sender.start(rules, request).await?;
    stdout.write(|out| match args.output {
        SendOutput::Text => writeln!(out, "RequestIdentifier: {id}"),
        SendOutput::Json => write_json(out, &json!({ "RequestIdentifier": id.as_str() })),
    });
    // Output that cannot be written ends the run with its own status: no use waiting for it.
    if !args.wait || stdout.failed() {
        return Ok(());
    }
    let kind = request.kind();
    let options = WaitOptions {
        poll_interval: args.poll_interval,
        timeout: remaining(args, started),
    };
    let mut progress = Progress::start(format!("the {kind}"));
    let outcome = sender
        .wait_for(
            kind,
            request.migration_project(),
            &id,
            &options,
            |event| match event {
                WaitEvent::Status(status) => progress.update(shown(status)),
                WaitEvent::NotListed { polls } => {
                    progress.note(&not_listed(kind, &id, polls));
                }
                _ => {}
            },
        )
        .await;
    progress.finish();
    let done = outcome?;
    stdout.write(|out| match args.output {
        SendOutput::Text => {
            writeln!(out, "Status: {}", done.status.as_str())?;
            if let Some(key) = &done.s3_object_key {
                writeln!(out, "S3ObjectKey: {key}")?;
            }
            if let Some(url) = &done.object_url {
                writeln!(out, "ObjectURL: {url}")?;
            }
            Ok(())
        }
        SendOutput::Json => write_json(out, &json!({ "Requests": [request_json(&done)] })),
    });
    Ok(())
}

fn shown(status: &RequestStatus) -> Shown {
    Shown {
        line: status.to_string(),
        percent: Some(status.progress_percent.unwrap_or(0.0)),
        step: status.progress_step.clone().unwrap_or_default(),
        status: status.status.as_str().to_owned(),
    }
}

/// Said once, when the `Describe*` call has not listed a request that was just started.
fn not_listed(kind: RequestKind, id: &RequestId, polls: u32) -> String {
    format!(
        "{} has not listed request `{id}` in {polls} answers: DMS does not list it yet; still \
         waiting",
        kind.describe_call()
    )
}

/// The request as the `Describe*` call's response holds it (`SchemaConversionRequest`).
fn request_json(status: &RequestStatus) -> Value {
    let mut request = Map::new();
    request.insert("Status".into(), status.status.as_str().into());
    request.insert(
        "RequestIdentifier".into(),
        status.request_id.as_str().into(),
    );
    if let Some(arn) = &status.migration_project_arn {
        request.insert("MigrationProjectArn".into(), arn.as_str().into());
    }
    if let Some(message) = &status.error_message {
        request.insert(
            "Error".into(),
            json!({ "defaultErrorDetails": { "Message": message } }),
        );
    }
    if status.s3_object_key.is_some() || status.object_url.is_some() {
        let mut export = Map::new();
        if let Some(key) = &status.s3_object_key {
            export.insert("S3ObjectKey".into(), key.as_str().into());
        }
        if let Some(url) = &status.object_url {
            export.insert("ObjectURL".into(), url.as_str().into());
        }
        request.insert("ExportSqlDetails".into(), export.into());
    }
    let mut progress = Map::new();
    if let Some(percent) = status.progress_percent {
        progress.insert("ProgressPercent".into(), percent.into());
    }
    if let Some(total) = status.total_objects {
        progress.insert("TotalObjects".into(), total.into());
    }
    if let Some(step) = &status.progress_step {
        progress.insert("ProgressStep".into(), step.as_str().into());
    }
    if !progress.is_empty() {
        request.insert("Progress".into(), progress.into());
    }
    request.into()
}

/// The request's members as the API names them, and the rules as they would be sent; as
/// JSON, the request body itself.
fn print_dry_run(
    out: &mut dyn Write,
    format: SendOutput,
    name: &str,
    rules: &ValidatedRules<'_>,
    request: &StartRequest,
) -> std::io::Result<()> {
    let text = rules.text();
    let mut members: Vec<(&str, Value)> = vec![(
        "MigrationProjectIdentifier",
        request.migration_project().into(),
    )];
    match request {
        StartRequest::Import(r) => {
            members.push(("Origin", r.origin.as_str().into()));
            members.push(("Refresh", r.refresh.into()));
        }
        StartRequest::ExportAsScript(r) => {
            members.push(("Origin", r.origin.as_str().into()));
            if let Some(file_name) = &r.file_name {
                members.push(("FileName", file_name.as_str().into()));
            }
        }
        StartRequest::ExportToTarget(r) => {
            members.push(("OverwriteExtensionPack", r.overwrite_extension_pack.into()));
        }
        StartRequest::Conversion(_) | StartRequest::Assessment(_) => {}
    }
    let call = request.kind().start_call();
    if format == SendOutput::Json {
        let mut body = Map::new();
        for (member, value) in members {
            body.insert(member.into(), value);
        }
        body.insert("SelectionRules".into(), text.into());
        return write_json(out, &body.into());
    }
    writeln!(out, "dry run: {call} was not called")?;
    for (member, value) in members {
        match value {
            Value::String(s) => writeln!(out, "{member}: {s}")?,
            other => writeln!(out, "{member}: {other}")?,
        }
    }
    writeln!(
        out,
        "SelectionRules: {} bytes from `{name}`, as written:",
        text.len()
    )?;
    write!(out, "{text}")?;
    if !text.ends_with('\n') {
        writeln!(out)?;
    }
    Ok(())
}
