//! **Unstable.** The phases one by one, for the crate's benches, fuzz targets and property
//! tests (the `unstable-internals` feature). Not part of the supported API: anything here may
//! change or go in any release.

use crate::ast::Document;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::options::Options;
use crate::pipeline::{self, Checked, Checks, Keep};
use crate::select::{Catalog, Explanation, Selector};

pub use crate::lower::pattern::pattern as parse_pattern;
pub use crate::select::matcher::NameMatcher;
pub use crate::syntax::{
    decode, parse as parse_json, parse_streaming, Member, Parsed, Str, Value, ValueKind, MAX_DEPTH,
};

/// The pipeline without the semantic checks: syntax and lowering, typed rules kept.
pub fn lower<'a>(source: &'a [u8], options: &Options) -> Checked<'a> {
    pipeline::run(source, options, Keep::Rules, Checks::Skip)
}

/// The semantic checks alone, over rules already lowered: the same checker the pipeline runs
/// rule by rule.
pub fn checks(document: &Document<'_>, options: &Options) -> Vec<Diagnostic> {
    let mut out = Diagnostics::new();
    crate::check::run(document, options, &mut out);
    out.into_sorted()
}

/// Which rule decides each object, the slow way: every rule against every object. The
/// reference the rule index is measured and tested against.
pub fn explain_naive(selector: &Selector<'_, '_>, catalog: &Catalog) -> Explanation {
    selector.explain_naive(catalog)
}
