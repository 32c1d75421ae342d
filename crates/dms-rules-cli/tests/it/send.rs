//! `dms-rules send` and `diff --task` against a local endpoint: the real SDK client under the
//! real binary, with a cleared environment, so nothing reaches beyond 127.0.0.1 and nothing
//! reads the developer's AWS setup.

mod cli;
mod operations;
mod task;

// What the endpoint answers and what the requests must carry, shared with the sender's tests.
#[allow(dead_code)]
#[path = "../../../dms-rules-send/tests/it/dms.rs"]
mod dms;

pub use dms::*;
