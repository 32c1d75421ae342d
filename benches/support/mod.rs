//! Generated rules documents for the benches: realistic, deterministic, any size.

pub mod generate;
