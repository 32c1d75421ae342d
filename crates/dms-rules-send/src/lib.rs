//! The thin sender of [dms-rules](dms_rules): validated rules to DMS, through the calls that
//! take them.
//!
//! - Schema Conversion: `StartMetadataModelImport`, `…Conversion`, `…Assessment`,
//!   `…ExportAsScript` and `…ExportToTarget`, one typed request each ([`ImportRequest`],
//!   [`ConversionRequest`], ...), followed to their end with their `Describe*` call
//!   ([`Sender::wait_for`]).
//! - Replication tasks: the current `TableMappings` ([`Sender::describe_replication_task`]),
//!   new ones ([`Sender::modify_table_mappings`]), and the wait until the task has taken them
//!   ([`Sender::wait_for_task`]).
//!
//! Everything that talks to AWS goes through the official SDK, so credentials, regions,
//! retries and SigV4 signing behave as in the AWS CLI. What this crate adds is the guarantee
//! that only checked rules leave the machine (every call takes
//! [`ValidatedRules`](dms_rules::ValidatedRules), which only
//! [`Checked::validated`](dms_rules::Checked::validated) makes, and refuses rules of the other
//! dialect), sent byte for byte as written, and errors that say what to do next. Check the
//! rules with the call's [`Operation`](dms_rules::Operation) ([`RequestKind::operation`]) so its
//! constraints apply.
//!
//! ```no_run
//! # async fn run() -> Result<(), dms_rules_send::SendError> {
//! use dms_rules_send::{Connection, ImportRequest, Origin, Sender, WaitOptions};
//! use dms_rules::{Dialect, Operation, Options};
//!
//! let text = std::fs::read_to_string("rules.json").unwrap_or_default();
//! let options = Options {
//!     dialect: Some(Dialect::SchemaConversion),
//!     operation: Some(Operation::StartMetadataModelImport),
//!     ..Options::default()
//! };
//! let checked = dms_rules::check(&text, &options);
//! let Some(rules) = checked.validated() else {
//!     return Ok(()); // print `checked.diagnostics()` instead of sending
//! };
//! let sender = Sender::connect(&Connection::default()).await?;
//! let request = ImportRequest::new("my-project", Origin::Source);
//! let id = sender.start_import(&rules, &request).await?;
//! let done = sender
//!     .wait_for_import("my-project", &id, &WaitOptions::default(), |status| {
//!         eprintln!("{status}");
//!     })
//!     .await?;
//! println!("{id}: {done}");
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

mod call;
mod client;
mod error;
mod schema_conversion;
mod task;
mod wait;

pub use call::{Call, RequestKind};
pub use client::{Connection, Origin, RequestId, Sender};
pub use error::SendError;
pub use schema_conversion::{
    AssessmentRequest, ConversionRequest, ExportAsScriptRequest, ExportToTargetRequest,
    ImportRequest, StartRequest,
};
pub use task::{ReplicationTask, TableMappingsRequest};
pub use wait::{ImportStatus, RequestStatus, Status, WaitEvent, WaitOptions, NOT_LISTED_AFTER};
