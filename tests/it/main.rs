//! The integration tests: one binary, a module per area.

mod corpus;
mod fixtures;
mod grammar;
mod hostile;
mod rules_props;
mod support;
mod syntax_props;
