//! Reading an object's members: known keys in, unknown and missing keys reported.
//!
//! A misspelt required key is one finding, not two: when `rule-action` is missing and the
//! object has an unknown `rule-acton`, the misspelling is reported, at the severity the missing
//! key would have had, as an `unknown_key` that names the key it should be, and no separate
//! `missing_key` is raised.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Edit, Fix, Label, Severity};
use crate::span::Span;
use crate::syntax::{Member, Value};

use super::suggest::nearest;

/// Objects with more members than this are indexed by key.
const INDEX_THRESHOLD: usize = 32;

/// How many unknown keys of one object are reported one by one.
const UNKNOWN_REPORT_LIMIT: usize = 20;

/// The members of one JSON object, as lowering asks for them.
pub(super) struct Fields<'t, 'a> {
    span: Span,
    members: &'t [Member<'a>],
    used: Used,
    /// For objects with many members: where each key occurs, so a lookup is not a scan.
    index: Option<HashMap<&'t str, Vec<usize>>>,
    known: Known,
    missing: Vec<(&'static str, Severity)>,
    /// Members of which one is required, none present.
    missing_any: Vec<(&'static [&'static str], Severity)>,
    /// Required keys that only table mappings require (see
    /// [`Diagnostics::push_table_mapping_only`]).
    table_mapping_only: &'static [&'static str],
    /// What the object is, for messages: "rule", "object locator", "filter".
    what: &'static str,
}

impl<'t, 'a> Fields<'t, 'a> {
    /// The members of `value`, or a `wrong_type` finding when it is not an object.
    #[inline(always)]
    pub fn of(
        value: &'t Value<'a>,
        what: &'static str,
        key: Option<&str>,
        out: &mut Diagnostics,
    ) -> Option<Self> {
        let Some(members) = value.as_object() else {
            let subject = key.map_or_else(|| format!("each {what}"), |k| format!("`{k}`"));
            out.push(
                Diagnostic::error(
                    Code::WrongType,
                    format!("{subject} must be an object, found {}", value.type_name()),
                    Label::new(
                        value.span,
                        format!("expected {} object", with_article(what)),
                    ),
                )
                .with_help(format!("write the {what} as a JSON object: `{{ ... }}`")),
            );
            return None;
        };
        let index = (members.len() > INDEX_THRESHOLD).then(|| {
            let mut index: HashMap<&'t str, Vec<usize>> = HashMap::new();
            for (i, member) in members.iter().enumerate() {
                index.entry(member.key.value.as_ref()).or_default().push(i);
            }
            index
        });
        Some(Fields {
            span: value.span,
            members,
            used: Used::new(members.len()),
            index,
            known: Known::new(),
            missing: Vec::new(),
            missing_any: Vec::new(),
            table_mapping_only: &[],
            what,
        })
    }

    pub fn span(&self) -> Span {
        self.span
    }

    /// The first member named `key` whose value is not `null` (`null` counts as absent: real
    /// exported documents are full of them).
    ///
    /// Inlined, as is `find`, so each comparison is against a known key.
    #[inline(always)]
    pub fn get(&mut self, key: &'static str) -> Option<&'t Member<'a>> {
        self.known.push(key);
        self.find(key)
    }

    /// Records every key of `keys` as one this object may have, at once: for the long lists
    /// (such as the 22 object keys of a locator) of which an object has one or two.
    pub fn expect_all(&mut self, keys: &'static [&'static str]) {
        self.known.push_all(keys);
    }

    /// [`get`](Self::get) for a key already recorded by [`expect_all`](Self::expect_all).
    #[inline(always)]
    pub fn find(&mut self, key: &'static str) -> Option<&'t Member<'a>> {
        let members = self.members;
        let mut found = None;
        let mut take = |i: usize, used: &mut Used| {
            used.set(i);
            if found.is_none() && !members[i].value.is_null() {
                found = Some(&members[i]);
            }
        };
        match &self.index {
            Some(index) => {
                for &i in index.get(key).map_or(&[][..], Vec::as_slice) {
                    take(i, &mut self.used);
                }
            }
            None => {
                for (i, member) in members.iter().enumerate() {
                    if member.key.value == key {
                        take(i, &mut self.used);
                    }
                }
            }
        }
        found
    }

    /// Every member's key, in document order, repeats included.
    pub fn keys(&self) -> impl Iterator<Item = &'t str> {
        self.members.iter().map(|member| member.key.value.as_ref())
    }

    /// Like [`get`](Self::get), and an absent member is reported as an error.
    pub fn require(&mut self, key: &'static str) -> Option<&'t Member<'a>> {
        self.require_with(key, Severity::Error)
    }

    pub fn require_with(
        &mut self,
        key: &'static str,
        severity: Severity,
    ) -> Option<&'t Member<'a>> {
        let found = self.get(key);
        if found.is_none() {
            self.missing.push((key, severity));
        }
        found
    }

    /// The members of `keys` (the first of each that is present); when none is, one of them
    /// is reported as missing at `severity`.
    pub fn require_any<const N: usize>(
        &mut self,
        keys: &'static [&'static str; N],
        severity: Severity,
    ) -> [Option<&'t Member<'a>>; N] {
        let found = keys.map(|key| self.get(key));
        if found.iter().all(Option::is_none) {
            self.missing_any.push((keys, severity));
        }
        found
    }

    /// Says which required keys only table mappings require: a finding about their absence
    /// holds only because the document is read as table mappings.
    pub fn table_mapping_only(&mut self, keys: &'static [&'static str]) {
        self.table_mapping_only = keys;
    }

    /// Keys this object may have but lowering does not read.
    pub fn allow(&mut self, keys: &[&'static str]) {
        for &key in keys {
            self.get(key);
        }
    }

    /// Reports missing and unknown members; unknown ones at `unknown` severity.
    pub fn finish(&self, unknown: Severity, out: &mut Diagnostics) {
        self.finish_with(unknown, None, out);
    }

    /// As [`finish`](Self::finish), with help for unknown keys that have no near match.
    pub fn finish_with(
        &self,
        unknown: Severity,
        unknown_help: Option<&str>,
        out: &mut Diagnostics,
    ) {
        let mut unknown_members: Vec<&Member<'a>> = self
            .members
            .iter()
            .enumerate()
            .filter(|(i, member)| !self.used.get(*i) && !member.value.is_null())
            .map(|(_, member)| member)
            .collect();

        // One finding per object and severity, so a rule missing three members gets one report.
        let mut still_missing: Vec<(&'static str, Severity)> = Vec::new();
        for &(key, severity) in &self.missing {
            match nearest_member(&unknown_members, key) {
                Some(index) => {
                    let member = unknown_members.remove(index);
                    out.push(
                        Diagnostic::new(
                            Code::UnknownKey,
                            severity,
                            format!(
                                "unknown key `{}` in this {}, which has no `{key}`",
                                member.key.value, self.what
                            ),
                            Label::new(member.key.span, format!("did you mean `{key}`?")),
                        )
                        .with_help(format!(
                            "rename it to `{key}`: {} needs it",
                            with_article(self.what)
                        ))
                        .with_fix(Fix::safe(
                            format!("rename to `{key}`"),
                            Edit::json_string(member.key.span, &member.key.value, key),
                        )),
                    );
                }
                None => still_missing.push((key, severity)),
            }
        }
        for severity in [Severity::Error, Severity::Warning] {
            let keys: Vec<&str> = still_missing
                .iter()
                .filter(|(_, s)| *s == severity)
                .map(|(k, _)| *k)
                .collect();
            let Some(first) = keys.first() else {
                continue;
            };
            let table_mapping_only = keys.iter().any(|k| self.table_mapping_only.contains(k));
            let listed = keys
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" or ");
            let help = keys
                .iter()
                .map(|k| missing_help(k, self.what))
                .collect::<Vec<_>>()
                .join("; ");
            let diagnostic = Diagnostic::new(
                Code::MissingKey,
                severity,
                format!("this {} has no {listed}", self.what),
                Label::new(
                    self.span,
                    if keys.len() == 1 {
                        format!("`{first}` is missing")
                    } else {
                        format!("{} members are missing", keys.len())
                    },
                ),
            )
            .with_help(help);
            if table_mapping_only {
                out.push_table_mapping_only(diagnostic);
            } else {
                out.push(diagnostic);
            }
        }
        // One of several: a misspelling of any of them stands for it, as above.
        for &(keys, severity) in &self.missing_any {
            let misspelt = keys
                .iter()
                .find_map(|&key| Some((key, nearest_member(&unknown_members, key)?)));
            if let Some((key, index)) = misspelt {
                let member = unknown_members.remove(index);
                out.push(
                    Diagnostic::new(
                        Code::UnknownKey,
                        severity,
                        format!(
                            "unknown key `{}` in this {}, which has no {}",
                            member.key.value,
                            self.what,
                            either(keys)
                        ),
                        Label::new(member.key.span, format!("did you mean `{key}`?")),
                    )
                    .with_help(format!(
                        "rename it to `{key}`: a {} needs {}",
                        self.what,
                        either(keys)
                    )),
                );
                continue;
            }
            let help = keys
                .iter()
                .map(|k| missing_help(k, self.what))
                .collect::<Vec<_>>()
                .join(", or ");
            out.push(
                Diagnostic::new(
                    Code::MissingKey,
                    severity,
                    format!("this {} has neither {}", self.what, both(keys)),
                    Label::new(self.span, format!("needs {}", either(keys))),
                )
                .with_help(help),
            );
        }

        // A generated or hostile object can hold millions of stray keys: name the first few,
        // then count the rest in one finding.
        let total = unknown_members.len();
        if total > UNKNOWN_REPORT_LIMIT {
            let rest = total - UNKNOWN_REPORT_LIMIT;
            out.push(
                Diagnostic::new(
                    Code::UnknownKey,
                    unknown,
                    format!("{rest} more unknown keys in this {}", self.what),
                    Label::new(
                        unknown_members[UNKNOWN_REPORT_LIMIT].key.span,
                        "the first of them",
                    ),
                )
                .with_help(format!(
                    "this {} has {total} keys DMS does not read; check that the file is a rules document",
                    self.what
                )),
            );
            unknown_members.truncate(UNKNOWN_REPORT_LIMIT);
        }
        for member in unknown_members {
            let suggestion = nearest(&member.key.value, self.known.iter());
            let help = match suggestion {
                Some(key) => format!("did you mean `{key}`?"),
                None => unknown_help.map_or_else(
                    || {
                        format!(
                            "DMS does not read it; remove it, or check the spelling ({} has {})",
                            with_article(self.what),
                            super::suggest::one_of(self.known.iter())
                        )
                    },
                    str::to_string,
                ),
            };
            let found = Diagnostic::new(
                Code::UnknownKey,
                unknown,
                format!("unknown key `{}` in this {}", member.key.value, self.what),
                Label::new(member.key.span, "not a known key here"),
            )
            .with_help(help);
            out.push(match suggestion {
                // A guess: the key may be one DMS reads elsewhere, or a note left on purpose.
                Some(key) => found.with_fix(Fix::guess(
                    format!("rename to `{key}`"),
                    Edit::json_string(member.key.span, &member.key.value, key),
                )),
                None => found,
            });
        }
    }
}

/// How many known keys are kept in place; a Schema Conversion locator asks for about thirty.
const KNOWN_INLINE: usize = 32;

/// The keys an object may have, in the order lowering asked for them, for suggestions: kept in
/// place, so reading an object allocates nothing for them.
struct Known {
    inline: [&'static str; KNOWN_INLINE],
    len: usize,
    more: Vec<&'static str>,
    /// A list recorded whole, and how many keys came before it.
    group: Option<(usize, &'static [&'static str])>,
}

impl Known {
    fn new() -> Self {
        Known {
            inline: [""; KNOWN_INLINE],
            len: 0,
            more: Vec::new(),
            group: None,
        }
    }

    fn push_all(&mut self, keys: &'static [&'static str]) {
        if self.group.is_some() {
            keys.iter().for_each(|key| self.push(key));
        } else {
            self.group = Some((self.len + self.more.len(), keys));
        }
    }

    fn push(&mut self, key: &'static str) {
        if self.len < KNOWN_INLINE {
            self.inline[self.len] = key;
            self.len += 1;
        } else {
            self.more.push(key);
        }
    }

    fn iter(&self) -> impl Iterator<Item = &'static str> + Clone + '_ {
        let pushed = self.inline[..self.len].iter().chain(&self.more).copied();
        let (at, group) = self.group.unwrap_or((usize::MAX, &[]));
        pushed
            .clone()
            .take(at)
            .chain(group.iter().copied())
            .chain(pushed.skip(at))
    }
}

/// Which members lowering has asked for: a bit mask for the usual small object, so reading an
/// object allocates nothing for it.
enum Used {
    Few(u64),
    Many(Vec<bool>),
}

impl Used {
    fn new(len: usize) -> Self {
        if len <= 64 {
            Used::Few(0)
        } else {
            Used::Many(vec![false; len])
        }
    }

    fn set(&mut self, i: usize) {
        match self {
            Used::Few(bits) => *bits |= 1 << i,
            Used::Many(used) => used[i] = true,
        }
    }

    fn get(&self, i: usize) -> bool {
        match self {
            Used::Few(bits) => bits & (1 << i) != 0,
            Used::Many(used) => used[i],
        }
    }
}

/// "`a` or `b`".
fn either(keys: &[&str]) -> String {
    join(keys, " or ")
}

/// "`a` nor `b`".
fn both(keys: &[&str]) -> String {
    join(keys, " nor ")
}

fn join(keys: &[&str], with: &str) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(with)
}

fn nearest_member(members: &[&Member<'_>], key: &str) -> Option<usize> {
    let found = nearest(key, members.iter().map(|m| m.key.value.as_ref()))?;
    members.iter().position(|m| m.key.value == found)
}

fn missing_help(key: &str, what: &str) -> String {
    match key {
        "rule-type" => "add `\"rule-type\"`, such as `\"rule-type\": \"selection\"`".into(),
        "rule-id" => "add a unique numeric id, such as `\"rule-id\": \"1\"`".into(),
        "rule-name" => "add a name, such as `\"rule-name\": \"include-hr\"`".into(),
        "object-locator" => {
            "add the objects the rule is about, such as `\"object-locator\": {\"schema-name\": \"HR\", \"table-name\": \"%\"}`".into()
        }
        "server-name" => {
            "Schema Conversion locators start at `server-name`: the server name stored in the data provider, or its resource id".into()
        }
        "source-function" => {
            "add `\"source-function\"`, the SQL run on the source column (`${column-name}` stands for it)".into()
        }
        "target-function" => {
            "`\"target-function\"`, the SQL run on the target column".into()
        }
        _ => format!("add `\"{key}\"` to the {what}"),
    }
}

/// `what` after "a" or "an", as its first letter is said ("an object locator", "a rule").
fn with_article(what: &str) -> String {
    let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {what}")
}

#[cfg(test)]
mod tests {
    use super::{Known, KNOWN_INLINE};

    #[test]
    fn a_list_recorded_whole_keeps_its_place_among_the_keys() {
        let mut known = Known::new();
        known.push("a");
        known.push_all(&["b", "c"]);
        known.push("d");
        known.push_all(&["e"]);
        assert_eq!(known.iter().collect::<Vec<_>>(), ["a", "b", "c", "d", "e"]);

        // Past the inline keys too.
        const MANY: [&str; KNOWN_INLINE + 8] = ["k"; KNOWN_INLINE + 8];
        let mut known = Known::new();
        MANY.iter().for_each(|key| known.push(key));
        known.push_all(&["x", "y"]);
        known.push("z");
        let keys: Vec<_> = known.iter().collect();
        assert_eq!(keys.len(), KNOWN_INLINE + 11);
        assert_eq!(keys[KNOWN_INLINE + 8..], ["x", "y", "z"]);
    }
}
