//! The integration tests: one binary, a module per area.

mod cli;
mod command;
mod fixtures;
mod grammar;
mod json_output;
mod sarif;
mod schema;
mod support;
mod syntax_props;
