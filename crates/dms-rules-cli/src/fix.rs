//! `lint --fix`: the library's fix loop over every file named or found, each file that changed
//! written in place.

use dms_rules::diagnostic::Applicability;
use dms_rules::fix::{self, Source};
use dms_rules::select::Catalog;
use dms_rules::Options;

use crate::host::Places;
use crate::input::{Input, Kind};
use crate::output;

/// `lint --fix`: applies the fixes of every file named or found, writes each file that changed
/// in place (see [`crate::rewrite`]), with the fixes of the file's catalog's findings where it
/// has a catalog, and leaves the fixed text in its input, to be checked and
/// reported as usual. Says on standard error how many fixes each file took. Returns whether
/// every file that changed was written; a file that could not be written keeps its old text.
pub fn in_place<'c>(
    inputs: &mut [Result<Input, String>],
    places: &Places,
    options: &dyn Fn(&Input) -> Options,
    catalog: &dyn Fn(&Input) -> Option<&'c Catalog>,
    at_least: Applicability,
) -> bool {
    let mut written = true;
    for input in inputs.iter_mut().flatten() {
        let (Some(path), None) = (input.path.clone(), input.too_large) else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(&input.bytes) else {
            continue;
        };
        let context;
        let source = match input.kind {
            Kind::Rules => Source::Rules,
            Kind::Host(format) => {
                context = places.context(input);
                Source::Host(format, &context)
            }
            Kind::NoRules | Kind::SourceCode => continue,
        };
        let fixed =
            fix::apply_all_with_catalog(text, source, &options(input), catalog(input), at_least);
        if fixed.applied == 0 {
            continue;
        }
        match crate::rewrite::replace(&path, fixed.text.as_bytes()) {
            Ok(()) => {
                let fixes = if fixed.applied == 1 { "fix" } else { "fixes" };
                output::stderr(format_args!(
                    "fixed `{}`: {} {fixes} applied\n",
                    input.name, fixed.applied
                ));
                input.bytes = fixed.text.into_bytes();
            }
            Err(e) => {
                output::error(format_args!(
                    "cannot write `{}`: {e}; the file is unchanged",
                    input.name
                ));
                written = false;
            }
        }
    }
    written
}
