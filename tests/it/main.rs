//! The integration tests: one binary, a module per area.

mod cli;
mod command;
mod corpus;
mod fixtures;
mod grammar;
mod hostile;
mod json_output;
mod rules_props;
mod sarif;
mod schema;
mod support;
mod syntax_props;
