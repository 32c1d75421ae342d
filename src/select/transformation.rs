//! `dms::conflicting_transformation` against a catalog: two transformations whose locators
//! differ but match the same objects through wildcards (`%`.`%` and `HR`.`EMP`). DMS applies
//! one action per object, the one with the lower `rule-id`; the finding names the objects both
//! rules match. Rules whose locators are the same are the document check's, and are not
//! reported again here.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::ast::{Document, Name, Rule, RuleTarget, TransformationAction, TransformationRule};
use crate::check::conflicting_transformation::{self as conflict, ObjectKey, Side};
use crate::diagnostic::Diagnostic;

use super::catalog::{Catalog, Kind};
use super::index::{Entry, RuleIndex};
use super::matcher::NameMatcher;

/// How many objects a finding names.
const LISTED: usize = 3;

/// A transformation, ready to match objects.
struct Compiled {
    side: Side,
    target: RuleTarget,
    key: ObjectKey,
    schema: Option<NameMatcher>,
    table: Option<NameMatcher>,
    /// The schema and table names as written: rules with the same ones match the same tables.
    place: (Option<String>, Option<String>),
    /// What the rule acts on below the table: a column or a tablespace, when it names one.
    below: Option<Below>,
}

/// A column or tablespace name, and (for columns) the type the locator narrows them to.
struct Below {
    text: String,
    matcher: NameMatcher,
    data_type: Option<String>,
    /// A column `add-column` makes, which is not the source column of that name.
    added: bool,
}

impl Below {
    fn exact(&self) -> bool {
        matches!(self.matcher, NameMatcher::Exact(_))
    }

    /// Whether the two surely name a common column or tablespace: the same text (and type),
    /// or an exact name that the other's pattern matches, and with no type that could
    /// leave it out.
    fn overlaps(&self, other: &Below) -> bool {
        let covers = |broad: &Below, exact: &Below| {
            exact.exact()
                && broad.matcher.matches(&exact.text)
                && (broad.data_type.is_none() || broad.data_type == exact.data_type)
        };
        self.added == other.added
            && ((self.text == other.text && self.data_type == other.data_type)
                || covers(self, other)
                || covers(other, self))
    }
}

impl Compiled {
    fn new(rule: &TransformationRule<'_>) -> Option<Compiled> {
        let target = rule.target?.value;
        let action = rule.action?;
        let id = rule.header.rule_id.clone()?;
        let locator = rule.locator.as_ref()?;
        let key = conflict::object_key(rule)?;
        let named =
            |name: Option<&Name<'_>>| name.map(|n| (n.value().to_string(), NameMatcher::of(n)));
        let below = match target {
            RuleTarget::Schema | RuleTarget::Table => None,
            RuleTarget::Column => match action.value {
                TransformationAction::AddColumn => rule
                    .value
                    .as_ref()
                    .map(|v| (v.value.to_string(), NameMatcher::Exact(v.value.to_string()))),
                // The columns it adds are named by no locator.
                TransformationAction::AddBeforeImageColumns => None,
                _ => named(locator.column_name()),
            },
            RuleTarget::TableTablespace => named(locator.table_tablespace_name()),
            RuleTarget::IndexTablespace => named(locator.index_tablespace_name()),
        }
        .map(|(text, matcher)| Below {
            text,
            matcher,
            data_type: locator.data_type().map(|t| t.value().to_string()),
            added: action.value == TransformationAction::AddColumn,
        });
        let column_level = target != RuleTarget::Schema && target != RuleTarget::Table;
        if column_level
            && below.is_none()
            && action.value != TransformationAction::AddBeforeImageColumns
        {
            return None;
        }
        Some(Compiled {
            side: Side { id, action },
            target,
            key,
            schema: locator.schema_name.as_ref().map(NameMatcher::of),
            table: locator.table_name().map(NameMatcher::of),
            place: (
                locator.schema_name.as_ref().map(|n| n.value().to_string()),
                locator.table_name().map(|n| n.value().to_string()),
            ),
            below,
        })
    }

    /// Whether the two act on a common object of the level below the table, given that
    /// both match the table.
    fn same_below(&self, other: &Compiled) -> bool {
        match (&self.below, &other.below) {
            (Some(a), Some(b)) => a.overlaps(b),
            // The schema or table itself, or the before-image columns of the table.
            (None, None) => true,
            _ => false,
        }
    }
}

/// A `dms::conflicting_transformation` warning for every transformation of `document` that
/// does nothing to some object of `catalog`, because a transformation with a lower `rule-id`
/// and a different locator acts on that object first. Rules with the same locator are left to
/// [`check`](crate::check), which reports them without a catalog.
pub fn transformation_conflicts(document: &Document<'_>, catalog: &Catalog) -> Vec<Diagnostic> {
    let mut rules: Vec<Compiled> = document
        .rules
        .iter()
        .filter_map(|rule| match rule {
            Rule::Transformation(t) => Compiled::new(t),
            _ => None,
        })
        .collect();
    if rules.len() < 2 {
        return Vec::new();
    }
    rules.sort_by(|a, b| a.side.id.numeric_cmp(&b.side.id));
    let slots = Slots::new(&rules);
    let mut applied = Applied::new(&slots);

    // (ignored, applied) → how many objects, and the first few.
    let mut found: BTreeMap<(usize, usize), (usize, Vec<String>)> = BTreeMap::new();
    // The object's name is only written for the first few.
    let mut record = |ignored: usize, applied: usize, object: &dyn Fn() -> String| {
        let (count, names) = found.entry((ignored, applied)).or_default();
        *count += 1;
        if names.len() < LISTED {
            names.push(object());
        }
    };

    // Schemas: every schema the catalog has.
    let schemas: BTreeSet<&str> = catalog.objects.iter().map(|o| o.schema.as_str()).collect();
    let on_schemas: Vec<usize> = (0..rules.len())
        .filter(|&i| rules[i].target == RuleTarget::Schema)
        .collect();
    for schema in &schemas {
        let matching = on_schemas
            .iter()
            .copied()
            .filter(|&i| rules[i].schema.as_ref().is_none_or(|m| m.matches(schema)));
        settle(
            &rules,
            &slots,
            &mut applied,
            matching,
            |ignored, applied| record(ignored, applied, &|| (*schema).to_string()),
        );
    }

    // Tables and what is below them: the tables and views of the catalog. Rules with the same
    // schema and table names match the same tables, so the index offers such groups, and the
    // conflicts among the rules of one set of groups are worked out once for every table that
    // set matches: a thousand column renames on `%`.`%` are settled once, not once a table.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<&(Option<String>, Option<String>), usize> = HashMap::new();
    for (i, rule) in rules.iter().enumerate() {
        if rule.target != RuleTarget::Schema {
            let next = groups.len();
            let group = *group_of.entry(&rule.place).or_insert(next);
            if group == next {
                groups.push(Vec::new());
            }
            groups[group].push(i);
        }
    }
    if !groups.is_empty() {
        let index = RuleIndex::new(groups.iter().map(|group| Entry {
            schema: rules[group[0]].schema.as_ref(),
            object: rules[group[0]].table.as_ref(),
        }));
        let mut candidates = Vec::new();
        let mut settled: HashMap<Vec<u32>, Vec<(usize, usize)>> = HashMap::new();
        for object in &catalog.objects {
            if object.kind != Kind::TABLE && object.kind != Kind::View {
                continue;
            }
            index.candidates(&object.schema, &object.name, &mut candidates);
            let mut matched: Vec<u32> = candidates
                .iter()
                .copied()
                .filter(|&g| {
                    let rule = &rules[groups[g as usize][0]];
                    rule.schema
                        .as_ref()
                        .is_none_or(|m| m.matches(&object.schema))
                        && rule.table.as_ref().is_none_or(|m| m.matches(&object.name))
                })
                .collect();
            if matched.is_empty() {
                continue;
            }
            matched.sort_unstable();
            if !settled.contains_key(&matched) {
                // In `rule-id` order, as `rules` is.
                let mut matching: Vec<usize> = matched
                    .iter()
                    .flat_map(|&g| groups[g as usize].iter().copied())
                    .collect();
                matching.sort_unstable();
                let mut pairs = Vec::new();
                settle(
                    &rules,
                    &slots,
                    &mut applied,
                    matching.into_iter(),
                    |ignored, applied| pairs.push((ignored, applied)),
                );
                settled.insert(matched.clone(), pairs);
            }
            for &(ignored, applied) in &settled[&matched] {
                let name = || {
                    let table = format!("{}.{}", object.schema, object.name);
                    // The column, when one of the two names it exactly.
                    let column = [&rules[ignored], &rules[applied]]
                        .into_iter()
                        .filter(|r| r.target == RuleTarget::Column)
                        .find_map(|r| r.below.as_ref().filter(|b| b.exact()));
                    match column {
                        Some(below) => format!("{table}.{}", below.text),
                        None => table,
                    }
                };
                record(ignored, applied, &name);
            }
        }
    }

    found
        .into_iter()
        .map(|((ignored, applied), (count, names))| {
            let (ignored, applied) = (&rules[ignored], &rules[applied]);
            conflict::diagnostic(
                &ignored.side,
                &applied.side,
                ignored.target,
                Some((&names, count)),
            )
        })
        .collect()
}

/// Applies the rules that match one object, in `rule-id` order, and calls `conflict` for each
/// rule that a rule before it keeps from acting on the object, unless their locators are the
/// same (the document check reports those).
fn settle(
    rules: &[Compiled],
    slots: &Slots,
    applied: &mut Applied,
    matching: impl Iterator<Item = usize>,
    mut conflict: impl FnMut(usize, usize),
) {
    applied.clear();
    let mut candidates = Vec::new();
    for i in matching {
        let rule = &rules[i];
        applied.candidates(&slots.of[i], &mut candidates);
        let winner = candidates.iter().copied().find(|&w| {
            let first = &rules[w];
            first.target == rule.target
                && first.side.id.numeric_cmp(&rule.side.id).is_lt()
                && !conflict::may_share(first.side.action.value, rule.side.action.value)
                && first.same_below(rule)
        });
        match winner {
            Some(w) if rules[w].key != rule.key => conflict(i, w),
            Some(_) => {}
            None => applied.file(&slots.of[i], i),
        }
    }
}

/// Where each rule is filed among the rules applied to an object, numbered once for all
/// objects: each rule then tries only the applied rules that may act on its object, with no
/// hashing per object. A mapping of a thousand column renames on `%`.`%` costs a few look-ups
/// per rule and table, not a comparison with every rule before it.
struct Slots {
    /// By rule index.
    of: Vec<Slot>,
    names: usize,
    kinds: usize,
}

/// One rule's places. A kind is the target and whether the column is one `add-column` makes;
/// a name is a kind and a column or tablespace name.
enum Slot {
    /// A rule on the schema or table itself, or on its before-image columns: its kind.
    Whole(usize),
    /// A rule on a column or tablespace.
    Below {
        kind: usize,
        /// The name as written.
        text: usize,
        /// For an exact name, the name it matches; `None` for a pattern.
        exact: Option<usize>,
    },
}

impl Slots {
    fn new(rules: &[Compiled]) -> Slots {
        let mut names: HashMap<(RuleTarget, bool, &str), usize> = HashMap::new();
        let mut kinds: HashMap<(RuleTarget, bool), usize> = HashMap::new();
        let number = |key, names: &mut HashMap<_, usize>| {
            let next = names.len();
            *names.entry(key).or_insert(next)
        };
        let of = rules
            .iter()
            .map(|rule| match &rule.below {
                None => {
                    let next = kinds.len();
                    Slot::Whole(*kinds.entry((rule.target, false)).or_insert(next))
                }
                Some(below) => {
                    let next = kinds.len();
                    let kind = *kinds.entry((rule.target, below.added)).or_insert(next);
                    let name = |text| (rule.target, below.added, text);
                    Slot::Below {
                        kind,
                        text: number(name(below.text.as_str()), &mut names),
                        exact: match &below.matcher {
                            NameMatcher::Exact(exact) => {
                                Some(number(name(exact.as_str()), &mut names))
                            }
                            NameMatcher::Pattern(_) => None,
                        },
                    }
                }
            })
            .collect();
        Slots {
            of,
            names: names.len(),
            kinds: kinds.len(),
        }
    }
}

/// The rules applied to one object, filed by [`Slots`]. Indices into the rules, which are in
/// `rule-id` order.
struct Applied {
    whole: Vec<Vec<usize>>,
    /// By the name as written, and (exact names) by the name matched.
    by_text: Vec<Vec<usize>>,
    by_exact: Vec<Vec<usize>>,
    /// By kind, exact names and patterns apart.
    exact: Vec<Vec<usize>>,
    patterns: Vec<Vec<usize>>,
    /// The lists filled for this object, to empty for the next one.
    used: Vec<(List, usize)>,
}

#[derive(Clone, Copy)]
enum List {
    Whole,
    ByText,
    ByExact,
    Exact,
    Patterns,
}

impl Applied {
    fn new(slots: &Slots) -> Applied {
        Applied {
            whole: vec![Vec::new(); slots.kinds],
            by_text: vec![Vec::new(); slots.names],
            by_exact: vec![Vec::new(); slots.names],
            exact: vec![Vec::new(); slots.kinds],
            patterns: vec![Vec::new(); slots.kinds],
            used: Vec::new(),
        }
    }

    fn list(&mut self, list: List, at: usize) -> &mut Vec<usize> {
        match list {
            List::Whole => &mut self.whole[at],
            List::ByText => &mut self.by_text[at],
            List::ByExact => &mut self.by_exact[at],
            List::Exact => &mut self.exact[at],
            List::Patterns => &mut self.patterns[at],
        }
    }

    fn push(&mut self, list: List, at: usize, rule: usize) {
        self.used.push((list, at));
        self.list(list, at).push(rule);
    }

    fn clear(&mut self) {
        while let Some((list, at)) = self.used.pop() {
            self.list(list, at).clear();
        }
    }

    fn file(&mut self, slot: &Slot, rule: usize) {
        match *slot {
            Slot::Whole(kind) => self.push(List::Whole, kind, rule),
            Slot::Below { kind, text, exact } => {
                self.push(List::ByText, text, rule);
                match exact {
                    Some(exact) => {
                        self.push(List::ByExact, exact, rule);
                        self.push(List::Exact, kind, rule);
                    }
                    None => self.push(List::Patterns, kind, rule),
                }
            }
        }
    }

    /// The applied rules that may act on the object of the rule filed at `slot`, lowest
    /// `rule-id` first, into `found`: every rule [`Below::overlaps`] can accept (the same
    /// name; an exact name and an exact name or pattern that matches it), and perhaps a few
    /// more.
    fn candidates(&self, slot: &Slot, found: &mut Vec<usize>) {
        found.clear();
        match *slot {
            Slot::Whole(kind) => found.extend(&self.whole[kind]),
            Slot::Below { kind, text, exact } => {
                found.extend(&self.by_text[text]);
                match exact {
                    Some(exact) => {
                        found.extend(&self.by_text[exact]);
                        found.extend(&self.by_exact[text]);
                        found.extend(&self.patterns[kind]);
                    }
                    None => found.extend(&self.exact[kind]),
                }
            }
        }
        found.sort_unstable();
        found.dedup();
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::diagnostic::Label;
    use crate::select::catalog::CatalogObject;
    use crate::Options;

    /// The conflicts found by settling every table on its own, with every rule that matches it:
    /// what grouping the rules by their schema and table names must not change.
    fn table_by_table(document: &Document<'_>, catalog: &Catalog) -> Vec<(usize, usize, usize)> {
        let mut rules: Vec<Compiled> = document
            .rules
            .iter()
            .filter_map(|rule| match rule {
                Rule::Transformation(t) => Compiled::new(t),
                _ => None,
            })
            .collect();
        rules.sort_by(|a, b| a.side.id.numeric_cmp(&b.side.id));
        let slots = Slots::new(&rules);
        let mut applied = Applied::new(&slots);
        let mut found: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for object in &catalog.objects {
            let matching = (0..rules.len()).filter(|&i| {
                let rule = &rules[i];
                rule.target != RuleTarget::Schema
                    && rule
                        .schema
                        .as_ref()
                        .is_none_or(|m| m.matches(&object.schema))
                    && rule.table.as_ref().is_none_or(|m| m.matches(&object.name))
            });
            settle(
                &rules,
                &slots,
                &mut applied,
                matching,
                |ignored, applied| {
                    *found.entry((ignored, applied)).or_default() += 1;
                },
            );
        }
        let start = |i: usize| rules[i].side.action.span.start;
        found
            .into_iter()
            .map(|((ignored, applied), count)| (start(ignored), start(applied), count))
            .collect()
    }

    /// The ignored rule's and the winner's `rule-action` offsets, from a finding's two labels.
    fn label_starts(finding: &Diagnostic) -> (usize, usize) {
        let starts: Vec<usize> = finding.labels().map(|l: &Label| l.span.start).collect();
        (starts[0], starts[1])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn grouping_by_locator_finds_what_each_table_alone_finds(
            rules in prop::collection::vec(
                (0..3usize, 0..4usize, 0..3usize, 0..3usize), 2..12),
            tables in prop::collection::vec((0..2usize, 0..4usize), 1..10),
        ) {
            const SCHEMAS: [&str; 3] = ["HR", "%", "H%"];
            const TABLES: [&str; 4] = ["EMP", "%", "E%", "DEPT"];
            const COLUMNS: [&str; 3] = ["ID", "%", "NAME"];
            const ACTIONS: [&str; 3] = ["rename", "convert-lowercase", "remove-column"];
            let text = rules
                .iter()
                .enumerate()
                .map(|(i, &(s, t, c, a))| {
                    format!(
                        r#"{{"rule-type": "transformation", "rule-id": "{}", "rule-name": "r{i}",
  "rule-target": "column", "rule-action": "{}", "value": "X",
  "object-locator": {{"schema-name": "{}", "table-name": "{}", "column-name": "{}"}}}}"#,
                        i + 1, ACTIONS[a], SCHEMAS[s], TABLES[t], COLUMNS[c]
                    )
                })
                .collect::<Vec<_>>()
                .join(",\n");
            let text = format!(r#"{{"rules": [{{"rule-type": "selection", "rule-id": "100",
  "rule-name": "all", "rule-action": "include",
  "object-locator": {{"schema-name": "%", "table-name": "%"}}}},
{text}]}}"#);
            let checked = crate::check(&text, &Options::default());
            let document = checked.document().expect("a document");
            let catalog = Catalog {
                objects: tables
                    .iter()
                    .map(|&(s, t)| CatalogObject::table(["HR", "SALES"][s], ["EMP", "DEPT", "EX", "JOBS"][t]))
                    .collect(),
                ..Catalog::default()
            };
            let grouped: Vec<(usize, usize)> = transformation_conflicts(document, &catalog)
                .iter()
                .map(label_starts)
                .collect();
            let alone: Vec<(usize, usize)> = table_by_table(document, &catalog)
                .into_iter()
                .map(|(ignored, applied, _)| (ignored, applied))
                .collect();
            prop_assert_eq!(grouped, alone);
        }
    }
}
