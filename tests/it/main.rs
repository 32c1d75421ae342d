//! The integration tests: one binary, a module per area.

mod corpus;
mod explain;
mod fixtures;
mod grammar;
#[cfg(feature = "postgres")]
mod postgres;
mod rules_props;
mod select;
mod support;
mod syntax_props;
