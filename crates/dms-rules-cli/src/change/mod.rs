//! What a change to a rules document changes in meaning, as `diff` prints it (`human`, `json`):
//! `diff` compares two documents, or a document with what a replication task holds, and
//! `send --replication-task --dry-run` shows its change the same way.

mod human;
mod json;

use std::io::{self, Write};

use dms_rules::diff::{Diff, ObjectChange, TargetChange};
use dms_rules::select::Catalog;
use dms_rules::{Checked, Options};

use crate::args::{ColorChoice, DiffFormat};
use crate::input::Input;
use crate::output;
use crate::report::{self, FileReport};
use crate::status::Status;

/// What an old side with errors is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OldErrors {
    /// Nothing certain to compare with: the comparison is refused.
    Refuse,
    /// A document without rules: its findings and a note go to standard error, and every
    /// rule of the new side counts as added. For what a task holds, which the user cannot fix
    /// before comparing.
    CountAsNothing,
}

/// The two documents to compare, and how.
pub(crate) struct Pair<'p> {
    pub old: &'p Input,
    pub new: &'p Input,
    pub catalog: Option<&'p Catalog>,
    pub options: &'p Options,
    pub old_errors: OldErrors,
    /// For the reports of documents with errors.
    pub color: ColorChoice,
}

/// An old side with errors counts as this, for a catalog's objects.
const NOTHING: &[u8] = br#"{"rules": []}"#;

impl Pair<'_> {
    /// Checks both documents, compares them and hands the change to `then`. A side with errors
    /// is reported on standard error, and gives status 2 unless it is an old side that counts
    /// as nothing.
    pub(crate) fn compare<R>(&self, then: impl FnOnce(&Compared<'_>) -> R) -> Result<R, Status> {
        // The typed rules are needed only to explain a catalog.
        let check = if self.catalog.is_some() {
            dms_rules::check
        } else {
            dms_rules::lint
        };
        let old_checked = self.old.check(self.options, check);
        let new_checked = self.new.check(self.options, check);
        let old_unreadable =
            self.old_errors == OldErrors::CountAsNothing && old_checked.has_errors();
        if old_unreadable {
            report::human::to_stderr(self.color, &FileReport::rules(&self.old.name, &old_checked));
            output::stderr(format_args!(
                "note: `{}` has errors: it is compared as a document without rules, so every \
                 rule of `{}` counts as added\n",
                self.old.name, self.new.name
            ));
        }
        let diff = if old_unreadable {
            dms_rules::diff::from_nothing(&new_checked)
        } else {
            dms_rules::diff::compare(&old_checked, &new_checked)
        };
        let Some(diff) = diff else {
            let sides = [
                (self.old, &old_checked, old_unreadable),
                (self.new, &new_checked, false),
            ];
            for (input, checked, shown) in sides {
                if !shown {
                    report::human::refuse(
                        self.color,
                        &FileReport::rules(&input.name, checked),
                        "compare it",
                    );
                }
            }
            return Err(Status::CannotRun);
        };
        let nothing = old_unreadable.then(|| check(NOTHING, self.options));
        let objects = self.catalog.map(|catalog| {
            let old = nothing.as_ref().unwrap_or(&old_checked).document();
            old.zip(new_checked.document())
                .map(|(old, new)| dms_rules::diff::objects(old, new, catalog))
                .unwrap_or_default()
        });
        // What each object both sides select is called on the target, where that changes.
        let targets = self.catalog.map(|catalog| {
            let old = nothing.as_ref().unwrap_or(&old_checked).document();
            old.zip(new_checked.document())
                .map(|(old, new)| dms_rules::diff::targets(old, new, catalog))
                .unwrap_or_default()
        });
        let compared = Compared {
            sides: Sides {
                targets,
                old: self.old,
                new: self.new,
                old_checked: &old_checked,
                new_checked: &new_checked,
                catalog: self.catalog,
                old_unreadable,
            },
            diff,
            objects,
        };
        Ok(then(&compared))
    }
}

/// Two documents compared: the change, and with a catalog the objects it selects otherwise.
pub(crate) struct Compared<'s> {
    sides: Sides<'s>,
    pub diff: Diff,
    objects: Option<Vec<ObjectChange<'s, 's>>>,
}

impl Compared<'_> {
    /// The change as `diff` prints it in `format`.
    pub(crate) fn write(&self, out: &mut dyn Write, format: DiffFormat) -> io::Result<()> {
        let objects = self.objects.as_deref();
        match format {
            DiffFormat::Human => human::write(out, &self.sides, &self.diff, objects),
            DiffFormat::Json => json::write(out, &self.sides, &self.diff, objects),
        }
    }

    /// The change as `diff --format json` prints it.
    #[cfg(feature = "send")]
    pub(crate) fn to_json(&self) -> serde_json::Value {
        json::value(&self.sides, &self.diff, self.objects.as_deref())
    }
}

/// Both documents, as read and checked, and the catalog.
pub(crate) struct Sides<'s> {
    old: &'s Input,
    new: &'s Input,
    old_checked: &'s Checked<'s>,
    new_checked: &'s Checked<'s>,
    catalog: Option<&'s Catalog>,
    /// With a catalog, the objects both sides select under another target name.
    targets: Option<Vec<TargetChange>>,
    /// The old side had errors and was compared as a document without rules.
    old_unreadable: bool,
}

/// What each side of an object change is, for the formats.
pub(crate) type Objects<'o, 'd, 'a> = Option<&'o [ObjectChange<'d, 'a>]>;

/// A value's text on one line: whitespace outside strings left out, characters that would act
/// on a terminal or reorder the text escaped, and cut short past `max` characters.
pub(crate) fn one_line(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max + 4));
    let mut shown = 0;
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else if c.is_whitespace() {
            continue;
        }
        if shown == max {
            out.push('…');
            break;
        }
        shown += 1;
        if hidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Control characters and bidirectional controls: shown as escapes, never as themselves.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}
