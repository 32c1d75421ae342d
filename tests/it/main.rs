//! The integration tests: one binary, a module per area.

mod fixtures;
mod grammar;
mod schema;
mod support;
mod syntax_props;
