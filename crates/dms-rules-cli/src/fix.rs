//! `lint --fix`: the library's fix loop over every file named or found, each file that changed
//! written in place.

use dms_rules::diagnostic::Applicability;
use std::path::PathBuf;
use std::rc::Rc;

use dms_rules::diagnostic::Code;
use dms_rules::fix::{self, Judged, Source};
use dms_rules::select::Catalog;
use dms_rules::Options;

use crate::config::Loaded;
use crate::host::Places;
use crate::input::{Input, Kind};
use crate::output;

/// A file's configuration, and where the configuration sees the file.
pub type ConfigOf<'a> = dyn Fn(&Input) -> (Option<Rc<Loaded>>, Option<PathBuf>) + 'a;

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
    config: &ConfigOf<'_>,
    reported: &dyn Fn(Code) -> bool,
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
        // What the report would leave out is not fixed either: a code turned off, a finding
        // suppressed, a code not selected.
        let (loaded, located) = config(input);
        let judged = Judged {
            catalog: catalog(input),
            config: loaded.as_ref().map(|l| &l.config),
            path: located.as_deref(),
            reported: Some(reported),
        };
        let fixed = fix::apply_all_judged(text, source, &options(input), judged, at_least);
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
