//! The sender against a local endpoint the tests start on 127.0.0.1: the real SDK client, the
//! requests it sends, the faults it meets. Nothing reads the developer's AWS setup.

// Shared with the command's `send` tests, which use the rest of it.
#[allow(dead_code)]
mod dms;
mod library;
mod local_dms;
// The core crate's helpers (where the fixtures are), of which these tests use some.
#[allow(dead_code)]
#[path = "../../../../tests/it/support.rs"]
mod support;
