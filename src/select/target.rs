//! What each selected object is called on the target: its schema and name after the
//! transformation rules, and the rules that acted on them.
//!
//! DMS applies one transformation action per schema and per table, the one with the lowest
//! `rule-id` among those whose locator matches the source names (spec §3.5, §3.11). A schema
//! rule renames the schema of every object in it; a table rule renames tables and views.
//! Locators are matched against the source names, as DMS matches them, and as the catalog's
//! [`NameCase`] says; the actions themselves are case-sensitive.

use std::collections::HashMap;

use crate::ast::{Document, Rule, RuleId, RuleTarget, TransformationAction, TransformationRule};

use super::catalog::{Catalog, CatalogObject, Kind, NameCase};
use super::index::{Entry, RuleIndex};
use super::matcher::NameMatcher;
use super::selection::Explanation;

/// An object's schema and name on the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetName {
    /// The target schema.
    pub schema: String,
    /// The target table (or other object) name.
    pub name: String,
    /// The transformations that acted on the schema, then on the name: the rule that a level's
    /// action came from, even where it left the name as it was (it still keeps every later
    /// rule of that level from acting).
    pub rules: Vec<RuleId>,
}

/// The name a transformation `action` makes of `name`, given the rule's `value` and
/// `old-value`; `None` for an action that does not change names (`define-primary-key`,
/// the column actions) or that lacks the value it needs. Prefixes and suffixes compare case
/// included, as DMS does.
pub fn transform_name(
    action: TransformationAction,
    name: &str,
    value: Option<&str>,
    old_value: Option<&str>,
) -> Option<String> {
    use TransformationAction as A;
    Some(match action {
        A::Rename => value?.to_string(),
        A::ConvertLowercase => name.to_lowercase(),
        A::ConvertUppercase => name.to_uppercase(),
        A::AddPrefix => format!("{}{name}", value?),
        A::AddSuffix => format!("{name}{}", value?),
        A::RemovePrefix => name.strip_prefix(value?).unwrap_or(name).to_string(),
        A::RemoveSuffix => name.strip_suffix(value?).unwrap_or(name).to_string(),
        A::ReplacePrefix => match name.strip_prefix(old_value?) {
            Some(rest) => format!("{}{rest}", value?),
            None => name.to_string(),
        },
        A::ReplaceSuffix => match name.strip_suffix(old_value?) {
            Some(rest) => format!("{rest}{}", value?),
            None => name.to_string(),
        },
        _ => return None,
    })
}

/// A schema or table transformation, ready to match objects.
#[derive(Debug)]
struct Compiled {
    id: RuleId,
    action: TransformationAction,
    value: Option<String>,
    old_value: Option<String>,
    schema: Option<NameMatcher>,
    table: Option<NameMatcher>,
}

impl Compiled {
    fn new(rule: &TransformationRule<'_>, case: NameCase) -> Option<(RuleTarget, Compiled)> {
        let target = rule.target?.value;
        if !matches!(target, RuleTarget::Schema | RuleTarget::Table) {
            return None;
        }
        let locator = rule.locator.as_ref()?;
        let matcher = |name: Option<&crate::ast::Name<'_>>| {
            name.map(|name| match case {
                NameCase::Sensitive => NameMatcher::of(name),
                NameCase::Insensitive => NameMatcher::of(name).folded(),
            })
        };
        let compiled = Compiled {
            id: rule.header.rule_id.clone()?,
            action: rule.action?.value,
            value: rule.value.as_ref().map(|v| v.value.to_string()),
            old_value: rule.old_value.as_ref().map(|v| v.value.to_string()),
            schema: matcher(locator.schema_name.as_ref()),
            table: match target {
                RuleTarget::Table => matcher(locator.table_name()),
                _ => None,
            },
        };
        Some((target, compiled))
    }

    fn apply(&self, name: &str) -> String {
        transform_name(
            self.action,
            name,
            self.value.as_deref(),
            self.old_value.as_deref(),
        )
        .unwrap_or_else(|| name.to_string())
    }
}

/// The schema and table transformations of a document, compiled and indexed, to name the
/// target of one object after another.
#[derive(Debug)]
pub struct Renamer {
    case: NameCase,
    /// Each in ascending `rule-id` order.
    schemas: Vec<Compiled>,
    tables: Vec<Compiled>,
    schema_index: RuleIndex,
    table_index: RuleIndex,
}

impl Renamer {
    /// Compiles the schema and table transformations of `document`, to match names as `case`
    /// says. A rule without an id, action or locator was reported already and acts on nothing.
    pub fn new(document: &Document<'_>, case: NameCase) -> Renamer {
        let mut schemas = Vec::new();
        let mut tables = Vec::new();
        for rule in &document.rules {
            if let Rule::Transformation(rule) = rule {
                match Compiled::new(rule, case) {
                    Some((RuleTarget::Schema, c)) => schemas.push(c),
                    Some((_, c)) => tables.push(c),
                    None => {}
                }
            }
        }
        // Stable: equal ids keep document order, and the first of them acts.
        schemas.sort_by(|a, b| a.id.numeric_cmp(&b.id));
        tables.sort_by(|a, b| a.id.numeric_cmp(&b.id));
        let index = |rules: &[Compiled]| {
            RuleIndex::new(rules.iter().map(|r| Entry {
                schema: r.schema.as_ref(),
                object: r.table.as_ref(),
            }))
        };
        Renamer {
            case,
            schema_index: index(&schemas),
            table_index: index(&tables),
            schemas,
            tables,
        }
    }

    /// The first schema rule whose locator matches `schema`, as an index into `schemas`.
    fn schema_rule(&self, schema: &str, candidates: &mut Vec<u32>) -> Option<usize> {
        self.schema_index.candidates(schema, "", candidates);
        candidates.iter().map(|&i| i as usize).find(|&i| {
            let rule = &self.schemas[i];
            rule.schema.as_ref().is_none_or(|m| m.matches(schema))
        })
    }

    /// The first table rule whose locator matches the table, as an index into `tables`.
    fn table_rule(&self, schema: &str, name: &str, candidates: &mut Vec<u32>) -> Option<usize> {
        self.table_index.candidates(schema, name, candidates);
        candidates.iter().map(|&i| i as usize).find(|&i| {
            let rule = &self.tables[i];
            rule.schema.as_ref().is_none_or(|m| m.matches(schema))
                && rule.table.as_ref().is_none_or(|m| m.matches(name))
        })
    }

    /// The target of one object.
    pub fn target(&self, object: &CatalogObject) -> TargetName {
        let mut candidates = Vec::new();
        let mut schemas = HashMap::new();
        self.target_with(object, &mut candidates, &mut schemas)
    }

    /// [`target`](Self::target), with the buffers and the schemas already named kept from
    /// one object to the next.
    fn target_with(
        &self,
        object: &CatalogObject,
        candidates: &mut Vec<u32>,
        schemas: &mut HashMap<String, (String, Option<usize>)>,
    ) -> TargetName {
        let (schema_key, name_key) = match self.case {
            NameCase::Sensitive => (None, None),
            NameCase::Insensitive => (
                Some(object.schema.to_lowercase()),
                Some(object.name.to_lowercase()),
            ),
        };
        let schema_key = schema_key.as_deref().unwrap_or(&object.schema);
        let name_key = name_key.as_deref().unwrap_or(&object.name);
        let (schema, schema_rule) = match schemas.get(&object.schema) {
            Some(known) => known.clone(),
            None => {
                let rule = self.schema_rule(schema_key, candidates);
                let schema = match rule {
                    Some(i) => self.schemas[i].apply(&object.schema),
                    None => object.schema.clone(),
                };
                schemas.insert(object.schema.clone(), (schema.clone(), rule));
                (schema, rule)
            }
        };
        let mut rules: Vec<RuleId> = schema_rule
            .map(|i| self.schemas[i].id.clone())
            .into_iter()
            .collect();
        let renames_tables = object.kind == Kind::TABLE || object.kind == Kind::View;
        let name = match renames_tables
            .then(|| self.table_rule(schema_key, name_key, candidates))
            .flatten()
        {
            Some(i) => {
                rules.push(self.tables[i].id.clone());
                self.tables[i].apply(&object.name)
            }
            None => object.name.clone(),
        };
        TargetName {
            schema,
            name,
            rules,
        }
    }

    /// The target of every object `explanation` selects, in catalog order; `None` for the
    /// objects it does not select.
    pub fn targets(&self, catalog: &Catalog, explanation: &Explanation) -> Vec<Option<TargetName>> {
        let mut candidates = Vec::new();
        let mut schemas = HashMap::new();
        catalog
            .objects
            .iter()
            .zip(&explanation.verdicts)
            .map(|(object, verdict)| {
                verdict
                    .selected
                    .then(|| self.target_with(object, &mut candidates, &mut schemas))
            })
            .collect()
    }
}

/// The target of every object of `catalog` that `explanation` selects, in catalog order.
pub fn target_names(
    document: &Document<'_>,
    catalog: &Catalog,
    explanation: &Explanation,
) -> Vec<Option<TargetName>> {
    Renamer::new(document, catalog.case).targets(catalog, explanation)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::select::Selector;
    use crate::Options;

    #[test]
    fn each_action_does_what_the_guide_documents() {
        use TransformationAction as A;
        let t = |action, name, value, old| transform_name(action, name, value, old);
        assert_eq!(t(A::Rename, "EMP", Some("emp2"), None).unwrap(), "emp2");
        assert_eq!(t(A::ConvertLowercase, "EMP", None, None).unwrap(), "emp");
        assert_eq!(t(A::ConvertUppercase, "emp", None, None).unwrap(), "EMP");
        assert_eq!(t(A::AddPrefix, "EMP", Some("DW_"), None).unwrap(), "DW_EMP");
        assert_eq!(t(A::AddSuffix, "EMP", Some("_V1"), None).unwrap(), "EMP_V1");
        assert_eq!(
            t(A::RemovePrefix, "DW_EMP", Some("DW_"), None).unwrap(),
            "EMP"
        );
        assert_eq!(t(A::RemovePrefix, "EMP", Some("DW_"), None).unwrap(), "EMP");
        assert_eq!(
            t(A::RemovePrefix, "dw_EMP", Some("DW_"), None).unwrap(),
            "dw_EMP"
        );
        assert_eq!(
            t(A::RemoveSuffix, "EMP_OLD", Some("_OLD"), None).unwrap(),
            "EMP"
        );
        assert_eq!(
            t(A::ReplacePrefix, "DW_EMP", Some("ST_"), Some("DW_")).unwrap(),
            "ST_EMP"
        );
        assert_eq!(
            t(A::ReplacePrefix, "EMP", Some("ST_"), Some("DW_")).unwrap(),
            "EMP"
        );
        assert_eq!(
            t(A::ReplaceSuffix, "EMP_OLD", Some("_NEW"), Some("_OLD")).unwrap(),
            "EMP_NEW"
        );
        assert_eq!(t(A::DefinePrimaryKey, "EMP", None, None), None);
        assert_eq!(t(A::Rename, "EMP", None, None), None);
    }

    #[test]
    fn schema_and_table_rules_act_once_each_lowest_id_first() {
        let text = r#"{"rules": [
  {"rule-type": "selection", "rule-id": "1", "rule-name": "all", "rule-action": "include",
   "object-locator": {"schema-name": "%", "table-name": "%"}},
  {"rule-type": "transformation", "rule-id": "3", "rule-name": "t3", "rule-target": "table",
   "rule-action": "add-prefix", "value": "X_",
   "object-locator": {"schema-name": "HR", "table-name": "%"}},
  {"rule-type": "transformation", "rule-id": "2", "rule-name": "t2", "rule-target": "table",
   "rule-action": "convert-lowercase",
   "object-locator": {"schema-name": "HR", "table-name": "EMP%"}},
  {"rule-type": "transformation", "rule-id": "4", "rule-name": "s4", "rule-target": "schema",
   "rule-action": "rename", "value": "hr",
   "object-locator": {"schema-name": "HR"}}
]}"#;
        let checked = crate::check(text, &Options::default());
        let document = checked.document().unwrap();
        let catalog = Catalog {
            objects: vec![
                CatalogObject::table("HR", "EMPLOYEES"),
                CatalogObject::table("HR", "JOBS"),
                CatalogObject::table("SALES", "ORDERS"),
            ],
            ..Catalog::default()
        };
        let explanation = Selector::new(document).explain(&catalog);
        let targets = target_names(document, &catalog, &explanation);
        let shown: Vec<(String, String, Vec<String>)> = targets
            .into_iter()
            .map(|t| {
                let t = t.unwrap();
                let ids = t.rules.iter().map(|r| r.digits().to_string()).collect();
                (t.schema, t.name, ids)
            })
            .collect();
        let own = |s: &str| s.to_string();
        assert_eq!(
            shown,
            [
                (own("hr"), own("employees"), vec![own("4"), own("2")]),
                (own("hr"), own("X_JOBS"), vec![own("4"), own("3")]),
                (own("SALES"), own("ORDERS"), vec![]),
            ]
        );
    }

    #[test]
    fn a_catalog_that_ignores_case_matches_rules_in_any_case_and_keeps_its_names() {
        let text = r#"{"rules": [
  {"rule-type": "selection", "rule-id": "1", "rule-name": "all", "rule-action": "include",
   "object-locator": {"schema-name": "%", "table-name": "%"}},
  {"rule-type": "transformation", "rule-id": "2", "rule-name": "t", "rule-target": "table",
   "rule-action": "add-suffix", "value": "_x",
   "object-locator": {"schema-name": "HR", "table-name": "EMP"}}
]}"#;
        let checked = crate::check(text, &Options::default());
        let document = checked.document().unwrap();
        let catalog = Catalog {
            objects: vec![CatalogObject::table("hr", "emp")],
            case: NameCase::Insensitive,
            ..Catalog::default()
        };
        let explanation = Selector::new(document).explain(&catalog);
        let target = target_names(document, &catalog, &explanation).remove(0);
        assert_eq!(target.unwrap().name, "emp_x");
    }

    const SCHEMAS: [&str; 4] = ["HR", "%", "H%", "SALES"];
    const TABLES: [&str; 5] = ["EMP", "%", "E%", "DEPT", "%S"];
    const ACTIONS: [&str; 9] = [
        "rename",
        "convert-lowercase",
        "convert-uppercase",
        "add-prefix",
        "remove-prefix",
        "replace-prefix",
        "add-suffix",
        "remove-suffix",
        "replace-suffix",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// The names equal those of applying each rule alone, in `rule-id` order, to every
        /// selected object, each level taking the first rule that matches it.
        #[test]
        fn target_names_equal_each_rule_applied_alone_in_id_order(
            rules in prop::collection::vec(
                (0..2usize, 0..4usize, 0..5usize, 0..9usize, 0..40u32), 0..10),
            tables in prop::collection::vec((0..2usize, 0..6usize), 1..10),
        ) {
            let values = ["E", "EMP_", "S", "X_"];
            let text: Vec<String> = rules
                .iter()
                .enumerate()
                .map(|(i, &(target, s, t, a, id))| {
                    let table = if target == 1 {
                        format!(r#", "table-name": "{}""#, TABLES[t])
                    } else {
                        String::new()
                    };
                    format!(
                        r#"{{"rule-type": "transformation", "rule-id": "{}", "rule-name": "r{i}",
  "rule-target": "{}", "rule-action": "{}", "value": "{}", "old-value": "{}",
  "object-locator": {{"schema-name": "{}"{table}}}}}"#,
                        id + 2,
                        ["schema", "table"][target],
                        ACTIONS[a],
                        values[(i + a) % 4],
                        values[(i + t) % 4],
                        SCHEMAS[s],
                    )
                })
                .collect();
            let text = format!(r#"{{"rules": [{{"rule-type": "selection", "rule-id": "1",
  "rule-name": "all", "rule-action": "include",
  "object-locator": {{"schema-name": "%", "table-name": "%"}}}}{}{}]}}"#,
                if text.is_empty() { "" } else { ",\n" }, text.join(",\n"));
            let checked = crate::check(&text, &Options::default());
            let document = checked.document().expect("a document");
            let catalog = Catalog {
                objects: tables
                    .iter()
                    .map(|&(s, t)| CatalogObject::table(
                        ["HR", "SALES"][s],
                        ["EMP", "DEPT", "EMPS", "EX", "JOBS", "emp"][t],
                    ))
                    .collect(),
                ..Catalog::default()
            };
            let explanation = Selector::new(document).explain(&catalog);
            let targets = target_names(document, &catalog, &explanation);

            // Each rule alone, in id order (document order among equal ids).
            let mut ordered: Vec<(u32, usize)> =
                rules.iter().enumerate().map(|(i, r)| (r.4, i)).collect();
            ordered.sort();
            for (object, target) in catalog.objects.iter().zip(targets) {
                let mut schema = (object.schema.clone(), None);
                let mut table = (object.name.clone(), None);
                for &(id, i) in &ordered {
                    let (level, s, t, a, _) = rules[i];
                    let fits = |pattern: &str, name: &str| match pattern.split_once('%') {
                        None => pattern == name,
                        Some((start, end)) => name.starts_with(start)
                            && name.ends_with(end)
                            && name.len() >= start.len() + end.len(),
                    };
                    let slot = if level == 0 { &mut schema } else { &mut table };
                    if slot.1.is_some()
                        || !fits(SCHEMAS[s], &object.schema)
                        || (level == 1 && !fits(TABLES[t], &object.name))
                    {
                        continue;
                    }
                    let action = TransformationAction::parse(ACTIONS[a]).unwrap();
                    let value = values[(i + a) % 4];
                    let old = values[(i + t) % 4];
                    slot.0 = transform_name(action, &slot.0, Some(value), Some(old)).unwrap();
                    slot.1 = Some(id + 2);
                }
                let target = target.expect("every object is selected");
                prop_assert_eq!(&target.schema, &schema.0);
                prop_assert_eq!(&target.name, &table.0);
                let ids: Vec<String> = target.rules.iter().map(|r| r.digits().to_string()).collect();
                let expected: Vec<String> =
                    [schema.1, table.1].into_iter().flatten().map(|id| id.to_string()).collect();
                prop_assert_eq!(ids, expected);
            }
        }
    }
}
