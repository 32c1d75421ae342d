//! The JSON tree to typed rules: shape problems (missing or unknown keys, wrong types, bad enum
//! values, malformed ids and wildcards) are reported here. Lowering keeps going after every
//! problem; a rule too broken to type becomes `Rule::Invalid`.

mod envelope;
mod fields;
mod locator;
pub(crate) mod pattern;
mod rule;
mod rule_id;
mod selection;
pub(crate) mod suggest;
mod table_settings;
mod target_specific;
mod transformation;
mod validation;
mod value;

pub(crate) use envelope::envelope;
pub(crate) use rule::{rule, DialectInfo, Why};
pub(crate) use suggest::one_of;
