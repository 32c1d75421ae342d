//! The command's tests: the real `dms-rules` binary, run as a user or a CI job runs it, on the
//! fixtures under the repository's `tests/`. One binary, a module per area.

mod ci_formats;
mod cli;
mod command;
mod config_cli;
mod determinism;
mod explain;
mod fixes;
mod hooks;
mod host_cli;
// `install.sh` is a POSIX shell script.
#[cfg(unix)]
mod install;
mod json_output;
// The sender's local DMS endpoint, of which these tests use most.
#[cfg(feature = "send")]
#[allow(dead_code)]
#[path = "../../../dms-rules-send/tests/it/local_dms.rs"]
mod local_dms;
#[cfg(feature = "lsp")]
mod lsp;
#[cfg(feature = "mysql")]
mod mysql;
#[cfg(feature = "postgres")]
mod postgres;
mod review_cli;
mod sarif;
#[cfg(feature = "send")]
mod send;
mod stdout;
// The library's helpers (where the fixtures are, snapshots), of which these tests use some.
#[allow(dead_code)]
#[path = "../../../../tests/it/support.rs"]
mod support;
