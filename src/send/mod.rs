//! The thin sender: validated rules to DMS Schema Conversion's `StartMetadataModelImport`.
//!
//! Everything that talks to AWS goes through the official SDK, so credentials, regions,
//! retries and SigV4 signing behave as in the AWS CLI. What this module adds is the guarantee
//! that only checked rules leave the machine ([`Sender::start_import`] takes
//! [`ValidatedRules`](crate::ValidatedRules), which only [`Checked::validated`](crate::Checked::validated)
//! makes), sent byte for byte as written, and errors that say what to do next.
//!
//! ```no_run
//! # async fn run() -> Result<(), dms_rules::send::SendError> {
//! use dms_rules::send::{Connection, ImportRequest, Origin, Sender, WaitOptions};
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

mod client;
mod error;
mod wait;

pub use client::{Connection, ImportRequest, Origin, RequestId, Sender};
pub use error::SendError;
pub use wait::{ImportStatus, Status, WaitOptions};
