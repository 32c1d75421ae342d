//! The integration tests: one binary, a module per area.

mod fixtures;
mod grammar;
#[cfg(feature = "send")]
mod local_dms;
#[cfg(feature = "send")]
mod send;
mod support;
mod syntax_props;
