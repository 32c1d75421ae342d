//! The integration tests: one binary, a module per area.

mod cli;
mod command;
mod corpus;
mod determinism;
mod explain;
mod fix_props;
mod fixes;
mod fixtures;
mod format;
mod generated;
mod grammar;
mod host;
mod host_cli;
mod hostile;
mod iac_corpus;
mod json_output;
#[cfg(feature = "send")]
mod local_dms;
#[cfg(feature = "lsp")]
mod lsp;
#[cfg(feature = "mysql")]
mod mysql;
#[cfg(feature = "postgres")]
mod postgres;
mod review_cli;
mod rules_props;
mod sarif;
mod schema;
mod select;
#[cfg(feature = "send")]
mod send;
mod stdout;
mod support;
mod syntax_props;
