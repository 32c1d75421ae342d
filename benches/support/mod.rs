//! Generated rules documents for the benches: realistic, deterministic, any size.

// Each bench uses some of the generators.
#[allow(dead_code)]
pub mod generate;
