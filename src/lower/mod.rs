//! The JSON tree to typed rules: shape problems (missing or unknown keys, wrong types, bad enum
//! values) are reported here.

mod envelope;

pub use envelope::envelope;
