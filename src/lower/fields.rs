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
use crate::vocabulary::{Key, Need, Object};

use super::suggest::{nearest, one_of};

/// Objects with more members than this are indexed by key.
const INDEX_THRESHOLD: usize = 32;

/// How many unknown keys of one object are reported one by one.
const UNKNOWN_REPORT_LIMIT: usize = 20;

/// The members of one JSON object, as lowering asks for them. What the object is, which keys
/// it knows and which it requires come from the vocabulary table.
pub(super) struct Fields<'t, 'a> {
    span: Span,
    members: &'t [Member<'a>],
    used: Used,
    /// For objects with many members: where each key occurs, so a lookup is not a scan.
    index: Option<HashMap<&'t str, Vec<usize>>>,
    object: &'static Object,
    /// Required keys asked for and absent, in the order asked.
    missing: Vec<&'static Key>,
    /// Whether the keys of which one is required were asked for, and one was present.
    one_of: OneOf,
}

/// The keys of which one is required ([`Need::OneOf`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OneOf {
    NotAsked,
    Missing(Severity),
    Found,
}

impl<'t, 'a> Fields<'t, 'a> {
    /// The members of `value`, an `object`, or a `wrong_type` finding when it is not a JSON
    /// object; `key` is the member it is the value of.
    #[inline(always)]
    pub fn of(
        value: &'t Value<'a>,
        object: &'static Object,
        key: Option<&str>,
        out: &mut Diagnostics,
    ) -> Option<Self> {
        let Some(members) = value.as_object() else {
            let what = object.what();
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
            object,
            missing: Vec::new(),
            one_of: OneOf::NotAsked,
        })
    }

    pub fn span(&self) -> Span {
        self.span
    }

    /// From now on, the object is `object`: a rule is read as its type's once its
    /// `rule-type` is known. The keys asked for so far must be keys of it too.
    pub fn read_as(&mut self, object: &'static Object) {
        self.object = object;
    }

    /// The first member called `key` whose value is not `null` (`null` counts as absent: real
    /// exported documents are full of them); when a required key is absent, that is recorded
    /// for [`finish`](Self::finish).
    ///
    /// Inlined, as is `find`, so each comparison is against a known key.
    #[inline(always)]
    pub fn get(&mut self, key: &'static Key) -> Option<&'t Member<'a>> {
        debug_assert!(
            self.object.has(key.name),
            "`{}` is not a key of the {} in the vocabulary",
            key.name,
            self.object.what()
        );
        let found = self.find(key.name);
        match key.need {
            Need::Required(_) | Need::TableMappings if found.is_none() => self.missing.push(key),
            Need::OneOf(severity) => {
                self.one_of = match (self.one_of, found) {
                    (OneOf::Found, _) | (_, Some(_)) => OneOf::Found,
                    _ => OneOf::Missing(severity),
                }
            }
            _ => {}
        }
        found
    }

    /// The first member called `key` whose value is not `null`, for keys lowering finds by
    /// itself (the object keys of a Schema Conversion locator); it records nothing missing.
    #[inline(always)]
    pub fn find(&mut self, key: &str) -> Option<&'t Member<'a>> {
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

    /// Reports what is missing and what is unknown: a misspelt required key first, as the
    /// key it should be; then the required keys still missing; then one of several required;
    /// then the keys the object does not have.
    pub fn finish(&self, out: &mut Diagnostics) {
        let unasked =
            |(i, member): &(usize, &Member<'a>)| !self.used.get(*i) && !member.value.is_null();
        // The usual object has none: lowering asked for every member it holds.
        let mut unknown: Vec<&Member<'a>> = Vec::new();
        let mut known: Vec<&'static str> = Vec::new();
        if self.members.iter().enumerate().any(|m| unasked(&m)) {
            known = self.object.keys().iter().map(|k| k.name).collect();
            unknown.extend(
                self.members
                    .iter()
                    .enumerate()
                    .filter(|m| unasked(m) && !known.contains(&m.1.key.value.as_ref()))
                    .map(|(_, member)| member),
            );
        }
        let still_missing = self.misspelt_required(&mut unknown, out);
        self.report_missing(&still_missing, out);
        self.report_missing_one_of(&mut unknown, out);
        self.report_unknown(unknown, &known, out);
    }

    /// A required key that is absent while an unknown key is a near spelling of it: one
    /// finding, at the severity the missing key would have had, that names the key it should
    /// be. Returns the required keys that no unknown key stands for.
    fn misspelt_required(
        &self,
        unknown: &mut Vec<&Member<'a>>,
        out: &mut Diagnostics,
    ) -> Vec<(&'static Key, Severity)> {
        let mut still_missing = Vec::new();
        for &key in &self.missing {
            let severity = match key.need {
                Need::Required(severity) => severity,
                _ => Severity::Error,
            };
            let Some(index) = nearest_member(unknown, key.name) else {
                still_missing.push((key, severity));
                continue;
            };
            let member = unknown.remove(index);
            let name = key.name;
            out.push(
                Diagnostic::new(
                    Code::UnknownKey,
                    severity,
                    format!(
                        "unknown key `{}` in this {}, which has no `{name}`",
                        member.key.value,
                        self.object.what()
                    ),
                    Label::new(member.key.span, format!("did you mean `{name}`?")),
                )
                .with_help(format!(
                    "rename it to `{name}`: {} needs it",
                    with_article(self.object.what())
                ))
                .with_fix(Fix::safe(
                    format!("rename to `{name}`"),
                    Edit::json_string(member.key.span, &member.key.value, name),
                )),
            );
        }
        still_missing
    }

    /// One finding per severity, so a rule missing three members gets one report.
    fn report_missing(&self, missing: &[(&'static Key, Severity)], out: &mut Diagnostics) {
        let what = self.object.what();
        for severity in [Severity::Error, Severity::Warning] {
            let keys: Vec<&Key> = missing
                .iter()
                .filter(|(_, s)| *s == severity)
                .map(|(k, _)| *k)
                .collect();
            let Some(first) = keys.first() else {
                continue;
            };
            let table_mapping_only = keys.iter().any(|k| k.need == Need::TableMappings);
            let listed = keys
                .iter()
                .map(|k| format!("`{}`", k.name))
                .collect::<Vec<_>>()
                .join(" or ");
            let help = keys
                .iter()
                .map(|k| missing_help(k, what))
                .collect::<Vec<_>>()
                .join("; ");
            let diagnostic = Diagnostic::new(
                Code::MissingKey,
                severity,
                format!("this {what} has no {listed}"),
                Label::new(
                    self.span,
                    if keys.len() == 1 {
                        format!("`{}` is missing", first.name)
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
    }

    /// One of several keys is required and none is present: a misspelling of any of them
    /// stands for it, as in [`misspelt_required`](Self::misspelt_required).
    fn report_missing_one_of(&self, unknown: &mut Vec<&Member<'a>>, out: &mut Diagnostics) {
        let OneOf::Missing(severity) = self.one_of else {
            return;
        };
        let what = self.object.what();
        let keys: Vec<&'static str> = self
            .object
            .keys()
            .iter()
            .filter(|k| matches!(k.need, Need::OneOf(_)))
            .map(|k| k.name)
            .collect();
        let misspelt = keys
            .iter()
            .find_map(|&key| Some((key, nearest_member(unknown, key)?)));
        if let Some((key, index)) = misspelt {
            let member = unknown.remove(index);
            out.push(
                Diagnostic::new(
                    Code::UnknownKey,
                    severity,
                    format!(
                        "unknown key `{}` in this {what}, which has no {}",
                        member.key.value,
                        either(&keys)
                    ),
                    Label::new(member.key.span, format!("did you mean `{key}`?")),
                )
                .with_help(format!(
                    "rename it to `{key}`: a {what} needs {}",
                    either(&keys)
                )),
            );
            return;
        }
        let help = self
            .object
            .keys()
            .iter()
            .filter(|k| matches!(k.need, Need::OneOf(_)))
            .map(|k| missing_help(k, what))
            .collect::<Vec<_>>()
            .join(", or ");
        out.push(
            Diagnostic::new(
                Code::MissingKey,
                severity,
                format!("this {what} has neither {}", both(&keys)),
                Label::new(self.span, format!("needs {}", either(&keys))),
            )
            .with_help(help),
        );
    }

    /// The keys the object does not have, with the known key each is nearest to.
    fn report_unknown(
        &self,
        mut unknown: Vec<&Member<'a>>,
        known: &[&'static str],
        out: &mut Diagnostics,
    ) {
        if unknown.is_empty() {
            return;
        }
        let what = self.object.what();
        let severity = self.object.unknown_severity();
        // A generated or hostile object can hold millions of stray keys: name the first few,
        // then count the rest in one finding.
        let total = unknown.len();
        if total > UNKNOWN_REPORT_LIMIT {
            let rest = total - UNKNOWN_REPORT_LIMIT;
            out.push(
                Diagnostic::new(
                    Code::UnknownKey,
                    severity,
                    format!("{rest} more unknown keys in this {what}"),
                    Label::new(unknown[UNKNOWN_REPORT_LIMIT].key.span, "the first of them"),
                )
                .with_help(format!(
                    "this {what} has {total} keys DMS does not read; check that the file is a rules document"
                )),
            );
            unknown.truncate(UNKNOWN_REPORT_LIMIT);
        }
        for member in unknown {
            let suggestion = nearest(&member.key.value, known.iter().copied());
            let help = match (suggestion, self.object.unknown_help()) {
                (Some(key), _) => format!("did you mean `{key}`?"),
                (None, Some(help)) => help.to_string(),
                (None, None) => format!(
                    "DMS does not read it; remove it, or check the spelling ({} has {})",
                    with_article(what),
                    one_of(known.iter().copied())
                ),
            };
            let found = Diagnostic::new(
                Code::UnknownKey,
                severity,
                format!("unknown key `{}` in this {what}", member.key.value),
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

fn missing_help(key: &Key, what: &str) -> String {
    match key.add {
        Some(help) => help.to_string(),
        None => format!("add `\"{}\"` to the {what}", key.name),
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
