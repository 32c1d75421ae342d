//! The library's integration tests: one binary, a module per area. The tests that run the
//! `dms-rules` binary are the command-line crate's (`crates/dms-rules-cli/tests`).

mod config;
mod corpus;
mod fix_props;
mod fixes;
mod fixtures;
mod format;
mod generated;
mod grammar;
mod host;
mod hostile;
mod iac_corpus;
mod rules_props;
mod schema;
mod select;
// Shared with the other crates' tests, which use the rest of it.
#[allow(dead_code)]
mod support;
mod syntax_props;
