//! What a new mapping document changes in meaning against the one a task holds: rules added,
//! removed and changed, matched by `rule-id` (`"07"` and `7` are the same id). Layout, member
//! order and the spelling of equal numbers are not changes.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{json, Map, Value};

/// A rule, as the lists name it.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleRef {
    /// The normalised `rule-id`, or `#n` (its place) for a rule without a usable one.
    pub id: String,
    pub name: Option<String>,
    /// `selection include HR.EMP%`
    pub summary: String,
}

/// One member that differs, by its path in the rule (`object-locator.table-name`).
#[derive(Debug, Clone, PartialEq)]
pub struct MemberChange {
    pub path: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    pub rule: RuleRef,
    pub members: Vec<MemberChange>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MappingDiff {
    pub added: Vec<RuleRef>,
    pub removed: Vec<RuleRef>,
    pub changed: Vec<Changed>,
    pub unchanged: usize,
    /// Why the task's current mappings could not be read as a rules document; every rule of
    /// the new one then counts as added.
    pub current_unreadable: Option<String>,
}

/// Compares the task's `current` mappings (absent when it has none) with `new`.
pub fn diff(current: Option<&str>, new: &str) -> MappingDiff {
    let mut result = MappingDiff::default();
    let old_rules = match current.map(rules) {
        None => Vec::new(),
        Some(Ok(rules)) => rules,
        Some(Err(why)) => {
            result.current_unreadable = Some(why);
            Vec::new()
        }
    };
    // The new document passed the checks; should it not read, it has no rule to compare.
    let new_rules = rules(new).unwrap_or_default();
    let old_by_id: BTreeMap<String, &Value> = keyed(&old_rules);
    let new_by_id: BTreeMap<String, &Value> = keyed(&new_rules);
    for (id, rule) in &new_by_id {
        match old_by_id.get(id) {
            None => result.added.push(rule_ref(id, rule)),
            Some(old) => {
                let mut members = Vec::new();
                compare("", Some(old), Some(rule), &mut members);
                if members.is_empty() {
                    result.unchanged += 1;
                } else {
                    result.changed.push(Changed {
                        rule: rule_ref(id, rule),
                        members,
                    });
                }
            }
        }
    }
    for (id, rule) in &old_by_id {
        if !new_by_id.contains_key(id) {
            result.removed.push(rule_ref(id, rule));
        }
    }
    result
}

/// The `rules` array of a document.
fn rules(text: &str) -> Result<Vec<Value>, String> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| format!("they are not JSON ({e})"))?;
    match value.get("rules") {
        Some(Value::Array(rules)) => Ok(rules.clone()),
        _ => Err("they have no `rules` array".into()),
    }
}

/// Rules by normalised id, sorted numerically (shorter digit strings first); a later rule
/// with an id already seen, or a rule without one, is keyed by its place.
fn keyed(rules: &[Value]) -> BTreeMap<String, &Value> {
    let mut keyed = BTreeMap::new();
    for (i, rule) in rules.iter().enumerate() {
        let key = match rule.get("rule-id").and_then(normal_id) {
            Some(id) if !keyed.contains_key(&sort_key(&id)) => sort_key(&id),
            _ => format!("~#{}", i + 1),
        };
        keyed.insert(key, rule);
    }
    keyed
}

/// `"007"` and `7` are id `7`.
fn normal_id(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = text.trim_start_matches('0');
    Some(if trimmed.is_empty() { "0" } else { trimmed }.to_owned())
}

/// Ids sort by length, then by digits: numeric order without parsing big numbers.
fn sort_key(id: &str) -> String {
    format!("{:>20}", id)
}

fn rule_ref(key: &str, rule: &Value) -> RuleRef {
    let id = key.trim_start().trim_start_matches('~').to_owned();
    let text = |path: &[&str]| -> Option<String> {
        let mut value = rule;
        for key in path {
            value = value.get(key)?;
        }
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    };
    let mut summary: Vec<String> = [text(&["rule-type"]), text(&["rule-action"])]
        .into_iter()
        .flatten()
        .collect();
    let place: Vec<String> = [
        text(&["object-locator", "schema-name"]),
        text(&["object-locator", "table-name"]),
        text(&["object-locator", "column-name"]),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !place.is_empty() {
        summary.push(place.join("."));
    }
    RuleRef {
        id,
        name: text(&["rule-name"]),
        summary: summary.join(" "),
    }
}

/// Pushes every difference between `old` and `new` below `path`.
fn compare(path: &str, old: Option<&Value>, new: Option<&Value>, out: &mut Vec<MemberChange>) {
    match (old, new) {
        (Some(Value::Object(old)), Some(Value::Object(new))) => {
            let keys: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
            for key in keys {
                if path.is_empty() && key == "rule-id" {
                    continue; // matched already
                }
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                compare(&child, old.get(key), new.get(key), out);
            }
        }
        (Some(Value::Array(old)), Some(Value::Array(new))) => {
            for i in 0..old.len().max(new.len()) {
                compare(&format!("{path}[{i}]"), old.get(i), new.get(i), out);
            }
        }
        (old, new) if same(old, new) => {}
        (old, new) => out.push(MemberChange {
            path: path.to_owned(),
            old: old.cloned(),
            new: new.cloned(),
        }),
    }
}

/// Equal values, numbers by value (`1.0` is `1`).
fn same(old: Option<&Value>, new: Option<&Value>) -> bool {
    match (old, new) {
        (Some(Value::Number(a)), Some(Value::Number(b))) => {
            a == b || a.as_f64().is_some_and(|a| b.as_f64() == Some(a))
        }
        (a, b) => a == b,
    }
}

impl MappingDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// One line per rule added (`+`), removed (`-`) or changed (`~`, then one line per
    /// member), then a count.
    pub fn write_text(&self, out: &mut dyn Write) -> io::Result<()> {
        if let Some(why) = &self.current_unreadable {
            writeln!(
                out,
                "the task's current mappings cannot be compared: {why}; every rule is new"
            )?;
        }
        for rule in &self.added {
            writeln!(out, "+ {}: {}", title(rule), rule.summary)?;
        }
        for rule in &self.removed {
            writeln!(out, "- {}: {}", title(rule), rule.summary)?;
        }
        for changed in &self.changed {
            writeln!(out, "~ {}:", title(&changed.rule))?;
            for member in &changed.members {
                writeln!(
                    out,
                    "    `{}`: {} -> {}",
                    member.path,
                    shown(member.old.as_ref()),
                    shown(member.new.as_ref())
                )?;
            }
        }
        if self.is_empty() {
            writeln!(
                out,
                "no change in meaning: {} unchanged",
                rules_count(self.unchanged)
            )
        } else {
            writeln!(
                out,
                "{} added, {} removed, {} changed, {} unchanged",
                rules_count(self.added.len()),
                self.removed.len(),
                self.changed.len(),
                self.unchanged
            )
        }
    }

    pub fn to_json(&self) -> Value {
        let rule =
            |r: &RuleRef| json!({ "rule-id": r.id, "rule-name": r.name, "summary": r.summary });
        json!({
            "added": self.added.iter().map(rule).collect::<Vec<_>>(),
            "removed": self.removed.iter().map(rule).collect::<Vec<_>>(),
            "changed": self.changed.iter().map(|c| {
                let mut value = rule(&c.rule);
                if let Value::Object(map) = &mut value {
                    map.insert("members".into(), c.members.iter().map(|m| {
                        let mut member = Map::new();
                        member.insert("path".into(), m.path.clone().into());
                        member.insert("old".into(), m.old.clone().unwrap_or(Value::Null));
                        member.insert("new".into(), m.new.clone().unwrap_or(Value::Null));
                        Value::Object(member)
                    }).collect());
                }
                value
            }).collect::<Vec<_>>(),
            "unchanged": self.unchanged,
            "current-unreadable": self.current_unreadable,
        })
    }
}

/// "rule 3 (`new-rule`)"
fn title(rule: &RuleRef) -> String {
    let id = match rule.id.strip_prefix('#') {
        Some(place) => format!("rule #{place} (no usable `rule-id`)"),
        None => format!("rule {}", rule.id),
    };
    match &rule.name {
        Some(name) => format!("{id} (`{name}`)"),
        None => id,
    }
}

fn shown(value: Option<&Value>) -> String {
    value.map_or_else(|| "(absent)".to_owned(), Value::to_string)
}

fn rules_count(n: usize) -> String {
    format!("{n} rule{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = r#"{"rules": [
        {"rule-type": "selection", "rule-id": "1", "rule-name": "hr",
         "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"},
        {"rule-type": "selection", "rule-id": "2", "rule-name": "tmp",
         "object-locator": {"schema-name": "HR", "table-name": "TMP%"}, "rule-action": "exclude"},
        {"rule-type": "transformation", "rule-id": "3", "rule-name": "lower",
         "rule-target": "schema", "object-locator": {"schema-name": "HR"},
         "rule-action": "convert-lowercase"}]}"#;

    #[test]
    fn layout_order_and_id_spelling_are_no_change() {
        let new = r#"{"rules":[{"rule-action":"convert-lowercase","rule-id":3,"rule-name":"lower",
            "rule-target":"schema","object-locator":{"schema-name":"HR"},"rule-type":"transformation"},
            {"rule-id":"01","rule-name":"hr","rule-type":"selection","rule-action":"include",
             "object-locator":{"table-name":"%","schema-name":"HR"}},
            {"rule-type":"selection","rule-id":"2","rule-name":"tmp","rule-action":"exclude",
             "object-locator":{"schema-name":"HR","table-name":"TMP%"}}]}"#;
        let diff = diff(Some(OLD), new);
        assert!(diff.is_empty(), "{diff:?}");
        assert_eq!(diff.unchanged, 3);
    }

    #[test]
    fn rules_added_removed_and_changed_by_id() {
        let new = r#"{"rules": [
            {"rule-type": "selection", "rule-id": "1", "rule-name": "hr",
             "object-locator": {"schema-name": "HR", "table-name": "EMP%"}, "rule-action": "include"},
            {"rule-type": "selection", "rule-id": "4", "rule-name": "jobs",
             "object-locator": {"schema-name": "HR", "table-name": "JOBS"}, "rule-action": "explicit"},
            {"rule-type": "transformation", "rule-id": "3", "rule-name": "lower",
             "rule-target": "schema", "object-locator": {"schema-name": "HR"},
             "rule-action": "convert-lowercase"}]}"#;
        let diff = diff(Some(OLD), new);
        assert_eq!(diff.added.len(), 1);
        assert_eq!(diff.added[0].id, "4");
        assert_eq!(diff.added[0].summary, "selection explicit HR.JOBS");
        assert_eq!(diff.removed.len(), 1);
        assert_eq!(diff.removed[0].name.as_deref(), Some("tmp"));
        assert_eq!(diff.changed.len(), 1);
        assert_eq!(
            diff.changed[0].members,
            [MemberChange {
                path: "object-locator.table-name".into(),
                old: Some(json!("%")),
                new: Some(json!("EMP%")),
            }]
        );
        assert_eq!(diff.unchanged, 1);
        let mut text = Vec::new();
        diff.write_text(&mut text).expect("write to memory");
        assert_eq!(
            String::from_utf8_lossy(&text),
            "+ rule 4 (`jobs`): selection explicit HR.JOBS\n\
             - rule 2 (`tmp`): selection exclude HR.TMP%\n\
             ~ rule 1 (`hr`):\n    `object-locator.table-name`: \"%\" -> \"EMP%\"\n\
             1 rule added, 1 removed, 1 changed, 1 unchanged\n"
        );
    }

    #[test]
    fn ids_sort_numerically_and_filters_compare_element_by_element() {
        let old = r#"{"rules": [{"rule-type": "selection", "rule-id": "10", "rule-name": "a",
            "object-locator": {"schema-name": "S", "table-name": "T"}, "rule-action": "include",
            "filters": [{"filter-type": "source", "column-name": "id",
                         "filter-conditions": [{"filter-operator": "gte", "value": 1}]}]}]}"#;
        let new = r#"{"rules": [{"rule-type": "selection", "rule-id": "9", "rule-name": "b",
            "object-locator": {"schema-name": "S", "table-name": "U"}, "rule-action": "include"},
            {"rule-type": "selection", "rule-id": "10", "rule-name": "a",
            "object-locator": {"schema-name": "S", "table-name": "T"}, "rule-action": "include",
            "filters": [{"filter-type": "source", "column-name": "id",
                         "filter-conditions": [{"filter-operator": "gte", "value": 1.0},
                                               {"filter-operator": "lte", "value": 9}]}]}]}"#;
        let diff = diff(Some(old), new);
        assert_eq!(diff.added[0].id, "9");
        let paths: Vec<&str> = diff.changed[0]
            .members
            .iter()
            .map(|m| m.path.as_str())
            .collect();
        assert_eq!(paths, ["filters[0].filter-conditions[1]"]);
    }

    #[test]
    fn unreadable_or_missing_current_mappings_make_every_rule_new() {
        let diff_bad = diff(Some("{not json"), OLD);
        assert_eq!(diff_bad.added.len(), 3);
        assert!(diff_bad
            .current_unreadable
            .as_deref()
            .is_some_and(|why| why.starts_with("they are not JSON")));
        let diff_none = diff(None, OLD);
        assert_eq!(diff_none.added.len(), 3);
        assert_eq!(diff_none.current_unreadable, None);
    }
}
