//! What each column of a selected table is called and typed on the target, after the column
//! transformations, and the rules that acted on it.
//!
//! DMS applies one column action per column, the one with the lowest `rule-id` whose locator
//! matches the source schema, table and column (and the column's type, where the locator
//! names a `data-type`); a data-masking action may share a column with `change-data-type`
//! (spec §3.5, §3.11). `include-column` keeps only the columns such rules name; `add-column`
//! and `add-before-image-columns` add columns of their own, which no locator names. Locators
//! match source names as the catalog compares them ([`Catalog::case`] for schemas and tables,
//! [`Catalog::column_case`] for columns); the actions are case-sensitive.

use crate::ast::{
    ColumnFilter, DataTypeDef, Document, Rule, RuleId, RuleTarget, TransformationAction,
    TransformationRule,
};
use crate::check::conflicting_transformation::may_share;
use crate::check::special_character_column;
use crate::engine::{is_lob_type, Engine};
use crate::span::Span;

use super::catalog::{Catalog, CatalogObject, Column, Kind, NameCase};
use super::index::{Entry, RuleIndex};
use super::matcher::NameMatcher;
use super::target::transform_name;

/// A column's name and type on the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetColumn {
    /// The target column's name.
    pub name: String,
    /// Its type: the source's as the catalog names it, or the DMS type a rule gives it
    /// (`string(50)`, `numeric(10,2)`); `None` where neither says.
    pub data_type: Option<String>,
}

/// One column of a selected table: the source column (`None` for one a rule adds), its
/// target (`None` where a rule leaves it out) and the rules that acted, lowest `rule-id`
/// first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnTarget {
    /// The source column, or `None` for a column `add-column` or `add-before-image-columns`
    /// adds.
    pub source: Option<Column>,
    /// The column on the target; `None` when `remove-column`, or `include-column` rules that
    /// do not name it, leave it out.
    pub target: Option<TargetColumn>,
    /// The rules that acted on the column, or that added or removed it.
    pub rules: Vec<RuleId>,
}

/// The columns of one table on the target, and what the catalog cannot tell about them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableColumns {
    /// The source columns in the catalog's order, then the added ones in `rule-id` order.
    pub columns: Vec<ColumnTarget>,
    /// What is left out because the catalog does not say (the primary-key columns an
    /// `add-before-image-columns` rule copies, say), one sentence each.
    pub unknown: Vec<String>,
}

/// A column transformation, ready to match columns.
#[derive(Debug)]
struct Compiled {
    id: RuleId,
    action: TransformationAction,
    /// The `rule-action` member's value, where findings about what the rule did point.
    span: Span,
    value: Option<String>,
    old_value: Option<String>,
    /// The type `change-data-type` and `add-column` give, as the output writes it.
    data_type: Option<String>,
    schema: Option<NameMatcher>,
    table: Option<NameMatcher>,
    column: Option<NameMatcher>,
    /// The locator's `column-name` string, and whether every column it matches holds a
    /// character DMS cannot transform (which the rule's check reports without a catalog).
    column_name: Option<(Span, bool)>,
    /// The locator's `data-type`: the rule acts only on columns of that type.
    of_type: Option<String>,
    before_image: Option<BeforeImage>,
}

/// What `add-before-image-columns` adds: DMS's defaults are `BI_`, no suffix, `pk-only`.
#[derive(Debug)]
struct BeforeImage {
    prefix: String,
    suffix: String,
    filter: ColumnFilter,
}

/// `string(50)`, `numeric(10,2)`, `int4`: the DMS type a rule names, with its sizes.
fn type_text(def: &DataTypeDef<'_>) -> Option<String> {
    let name = def.type_name?.value.as_str();
    let size = |t: &Option<crate::ast::Text<'_>>| {
        t.as_ref()
            .map(|t| t.value.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let sizes: Vec<String> = match (size(&def.length), size(&def.precision)) {
        (Some(length), _) => vec![length],
        (None, Some(precision)) => [Some(precision), size(&def.scale)]
            .into_iter()
            .flatten()
            .collect(),
        (None, None) => Vec::new(),
    };
    Some(if sizes.is_empty() {
        name.to_string()
    } else {
        format!("{name}({})", sizes.join(","))
    })
}

impl Compiled {
    fn new(rule: &TransformationRule<'_>, catalog: &Catalog) -> Option<Compiled> {
        if rule.target?.value != RuleTarget::Column {
            return None;
        }
        let action = rule.action?;
        let locator = rule.locator.as_ref()?;
        let matcher = |name: Option<&crate::ast::Name<'_>>, case: NameCase| {
            name.map(|name| match case {
                NameCase::Sensitive => NameMatcher::of(name),
                NameCase::Insensitive => NameMatcher::of(name).folded(),
            })
        };
        let text = |t: &Option<crate::ast::Text<'_>>| t.as_ref().map(|t| t.value.to_string());
        let before_image = rule.before_image_def.as_deref().map(|def| BeforeImage {
            prefix: text(&def.column_prefix).unwrap_or_else(|| "BI_".to_string()),
            suffix: text(&def.column_suffix).unwrap_or_default(),
            filter: def.column_filter.map_or(ColumnFilter::PkOnly, |f| f.value),
        });
        Some(Compiled {
            id: rule.header.rule_id.clone()?,
            action: action.value,
            span: action.span,
            value: text(&rule.value),
            old_value: text(&rule.old_value),
            data_type: rule.data_type.as_deref().and_then(type_text),
            schema: matcher(locator.schema_name.as_ref(), catalog.case),
            table: matcher(locator.table_name(), catalog.case),
            column: matcher(locator.column_name(), catalog.column_case),
            column_name: locator.column_name().map(|name| {
                (
                    name.span(),
                    special_character_column::in_name(name).is_some(),
                )
            }),
            of_type: locator.data_type().map(|t| t.value().to_string()),
            before_image,
        })
    }

    /// Whether the rule acts on `column`, a source column of a table it matches.
    fn matches_column(&self, column: &Column, folded: &str) -> bool {
        let type_fits = self.of_type.as_deref().is_none_or(|wanted| {
            column
                .data_type
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case(wanted))
        });
        type_fits && self.column.as_ref().is_none_or(|m| m.matches(folded))
    }

    fn names_columns(&self) -> bool {
        !matches!(
            self.action,
            TransformationAction::AddColumn | TransformationAction::AddBeforeImageColumns
        )
    }
}

/// The column transformations of a document, compiled and indexed by schema and table, to
/// give the columns of one selected table after another.
#[derive(Debug)]
pub struct ColumnRenamer {
    /// The source engine, which says which column types are LOBs.
    engine: Option<Engine>,
    case: NameCase,
    column_case: NameCase,
    /// In ascending `rule-id` order (document order among equal ids).
    rules: Vec<Compiled>,
    index: RuleIndex,
}

impl ColumnRenamer {
    /// Compiles the column transformations of `document`, to match names as `catalog`
    /// compares them. A rule without an id, action or locator was reported already and acts
    /// on nothing.
    pub fn new(document: &Document<'_>, catalog: &Catalog) -> ColumnRenamer {
        let mut rules: Vec<Compiled> = document
            .rules
            .iter()
            .filter_map(|rule| match rule {
                Rule::Transformation(t) => Compiled::new(t, catalog),
                _ => None,
            })
            .collect();
        rules.sort_by(|a, b| a.id.numeric_cmp(&b.id));
        let index = RuleIndex::new(rules.iter().map(|r| Entry {
            schema: r.schema.as_ref(),
            object: r.table.as_ref(),
        }));
        ColumnRenamer {
            engine: None,
            case: catalog.case,
            column_case: catalog.column_case,
            rules,
            index,
        }
    }

    /// The source engine, whose LOB types `add-before-image-columns` with `non-lob` leaves
    /// out; without one, the LOB types of every engine count.
    pub fn with_source_engine(mut self, engine: Option<Engine>) -> Self {
        self.engine = engine;
        self
    }

    /// Whether the document has any column transformation at all.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The columns of `object` on the target; empty for an object that is not a table or a
    /// view, or whose columns the catalog does not list.
    pub fn columns(&self, object: &CatalogObject) -> TableColumns {
        let mut candidates = Vec::new();
        self.columns_with(object, &mut candidates).0
    }

    /// [`columns`](Self::columns), with a buffer kept from one table to the next (what a
    /// caller going through many tables saves).
    pub fn columns_reusing(&self, object: &CatalogObject, buffer: &mut Vec<u32>) -> TableColumns {
        self.columns_with(object, buffer).0
    }

    /// [`columns`](Self::columns), with the rules that acted on each column by index, and a
    /// buffer kept from one table to the next.
    pub(crate) fn columns_with(
        &self,
        object: &CatalogObject,
        candidates: &mut Vec<u32>,
    ) -> (TableColumns, Vec<Vec<usize>>) {
        if object.columns.is_empty() || !(object.kind == Kind::TABLE || object.kind == Kind::View) {
            return Default::default();
        }
        // Borrowed where the catalog compares names case included: no allocation per column.
        fn fold(name: &str, case: NameCase) -> std::borrow::Cow<'_, str> {
            match case {
                NameCase::Sensitive => std::borrow::Cow::Borrowed(name),
                NameCase::Insensitive => std::borrow::Cow::Owned(name.to_lowercase()),
            }
        }
        let schema = fold(&object.schema, self.case);
        let table = fold(&object.name, self.case);
        self.index.candidates(&schema, &table, candidates);
        let rules: Vec<usize> = candidates
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| {
                let r = &self.rules[i];
                r.schema.as_ref().is_none_or(|m| m.matches(&schema))
                    && r.table.as_ref().is_none_or(|m| m.matches(&table))
            })
            .collect();
        let include = rules
            .iter()
            .copied()
            .find(|&i| self.rules[i].action == TransformationAction::IncludeColumn);

        let mut columns = Vec::with_capacity(object.columns.len());
        let mut acted_by = Vec::with_capacity(object.columns.len());
        let mut acting: Vec<usize> = Vec::new();
        for column in &object.columns {
            let folded = fold(&column.name, self.column_case);
            acting.clear();
            acting.extend(rules.iter().copied().filter(|&i| {
                let r = &self.rules[i];
                r.names_columns() && r.matches_column(column, &folded)
            }));
            let (target, acted) = self.act(column, &acting, include);
            columns.push(ColumnTarget {
                source: Some(column.clone()),
                target,
                rules: acted.iter().map(|&i| self.rules[i].id.clone()).collect(),
            });
            acted_by.push(acted);
        }

        let mut unknown = Vec::new();
        // The before-image columns of the first such rule, from the columns as they arrive.
        if let Some(i) = rules
            .iter()
            .copied()
            .find(|&i| self.rules[i].action == TransformationAction::AddBeforeImageColumns)
        {
            let rule = &self.rules[i];
            let image = rule.before_image.as_ref();
            let filter = image.map_or(ColumnFilter::PkOnly, |b| b.filter);
            let (prefix, suffix) = image.map_or(("BI_", ""), |b| (&b.prefix[..], &b.suffix[..]));
            if filter == ColumnFilter::PkOnly {
                unknown.push(format!(
                    "rule {} adds before-image columns for the primary-key columns, which the \
                     catalog does not list",
                    rule.id.digits()
                ));
            } else {
                let added: Vec<ColumnTarget> = columns
                    .iter()
                    .filter_map(|c| {
                        let target = c.target.as_ref()?;
                        let lob = target
                            .data_type
                            .as_deref()
                            .is_some_and(|t| is_lob_type(self.engine, t));
                        (filter == ColumnFilter::All || !lob).then(|| ColumnTarget {
                            source: None,
                            target: Some(TargetColumn {
                                name: format!("{prefix}{}{suffix}", target.name),
                                data_type: target.data_type.clone(),
                            }),
                            rules: vec![rule.id.clone()],
                        })
                    })
                    .collect();
                for column in added {
                    columns.push(column);
                    acted_by.push(vec![i]);
                }
            }
        }
        for &i in &rules {
            let rule = &self.rules[i];
            if rule.action != TransformationAction::AddColumn {
                continue;
            }
            let Some(name) = &rule.value else { continue };
            columns.push(ColumnTarget {
                source: None,
                target: Some(TargetColumn {
                    name: name.clone(),
                    data_type: rule.data_type.clone(),
                }),
                rules: vec![rule.id.clone()],
            });
            acted_by.push(vec![i]);
        }
        (TableColumns { columns, unknown }, acted_by)
    }

    /// What the matching rules (`acting`, ascending) make of one source column: the first
    /// acts, and a data-masking action beside `change-data-type` acts too. A table with an
    /// `include-column` rule keeps only the columns such a rule names.
    fn act(
        &self,
        column: &Column,
        acting: &[usize],
        include: Option<usize>,
    ) -> (Option<TargetColumn>, Vec<usize>) {
        let mut target = TargetColumn {
            name: column.name.clone(),
            data_type: column.data_type.clone(),
        };
        let mut acted = Vec::new();
        if let Some((&first, rest)) = acting.split_first() {
            acted.push(first);
            if let Some(&second) = rest
                .iter()
                .find(|&&i| may_share(self.rules[first].action, self.rules[i].action))
            {
                acted.push(second);
            }
        }
        // A column an `include-column` rule names is kept, whichever rule acts on it.
        let kept = include.is_none()
            || acting
                .iter()
                .any(|&i| self.rules[i].action == TransformationAction::IncludeColumn);
        for &i in &acted {
            let rule = &self.rules[i];
            use TransformationAction as A;
            match rule.action {
                A::RemoveColumn => return (None, acted),
                A::IncludeColumn => {}
                A::ChangeDataType => target.data_type = rule.data_type.clone(),
                action => {
                    if let Some(name) = transform_name(
                        action,
                        &target.name,
                        rule.value.as_deref(),
                        rule.old_value.as_deref(),
                    ) {
                        target.name = name;
                    }
                }
            }
        }
        if !kept {
            // Left out by the table's `include-column` rules, the first of which is listed.
            return (None, include.into_iter().collect());
        }
        (Some(target), acted)
    }

    /// Rule `i` (as [`columns_with`](Self::columns_with) numbers them): its action and where
    /// its `rule-action` is written.
    pub(crate) fn rule(&self, i: usize) -> (&RuleId, TransformationAction, Span) {
        let r = &self.rules[i];
        (&r.id, r.action, r.span)
    }

    /// Rule `i`'s locator `column-name`, where its literal text does not already name a
    /// character DMS cannot transform: what a pattern matching such columns is labelled on.
    pub(crate) fn pattern_column_name(&self, i: usize) -> Option<Span> {
        let (span, holds) = self.rules[i].column_name?;
        (!holds).then_some(span)
    }

    /// Whether rule `i`'s locator matches `column` of a table it matches (and is not only
    /// the `include-column` that leaves it out).
    pub(crate) fn names_column(&self, i: usize, column: &Column) -> bool {
        let rule = &self.rules[i];
        let folded = match self.column_case {
            NameCase::Sensitive => std::borrow::Cow::Borrowed(&column.name[..]),
            NameCase::Insensitive => std::borrow::Cow::Owned(column.name.to_lowercase()),
        };
        rule.names_columns() && rule.matches_column(column, &folded)
    }

    /// The source engine, whose types say which columns are LOBs.
    pub(crate) fn source_engine(&self) -> Option<Engine> {
        self.engine
    }
}

/// Whether a column's type is one DMS carries as a LOB on the `engine` source; see
/// [`is_lob_type`]. A column of unknown type is not.
pub(crate) fn is_lob(engine: Option<Engine>, column: &Column) -> bool {
    column
        .data_type
        .as_deref()
        .is_some_and(|t| is_lob_type(engine, t))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const TABLES: [&str; 3] = ["EMP", "%", "E%"];
    const COLUMNS: [&str; 5] = ["ID", "%", "N%", "NAME", "%ID"];
    const ACTIONS: [&str; 11] = [
        "rename",
        "convert-lowercase",
        "convert-uppercase",
        "add-prefix",
        "remove-prefix",
        "replace-prefix",
        "add-suffix",
        "remove-suffix",
        "replace-suffix",
        "remove-column",
        "change-data-type",
    ];

    fn document(rules: &[String]) -> String {
        format!(
            r#"{{"rules": [{{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
  "rule-action": "include", "object-locator": {{"schema-name": "%", "table-name": "%"}}}}{}{}]}}"#,
            if rules.is_empty() { "" } else { ",\n" },
            rules.join(",\n")
        )
    }

    #[test]
    fn a_catalog_that_ignores_column_case_matches_column_rules_in_any_case() {
        let text = document(&[r#"{"rule-type": "transformation", "rule-id": "2",
  "rule-name": "r", "rule-target": "column", "rule-action": "add-suffix", "value": "_x",
  "object-locator": {"schema-name": "HR", "table-name": "EMP", "column-name": "NAME"}}"#
            .to_string()]);
        let checked = crate::check(&text, &crate::Options::default());
        let document = checked.document().unwrap();
        let object = CatalogObject::table("HR", "EMP").with_columns([Column::new("name", None)]);
        let mut catalog = Catalog {
            objects: vec![object.clone()],
            ..Catalog::default()
        };
        let renamer = ColumnRenamer::new(document, &catalog);
        assert_eq!(renamer.columns(&object).columns[0].rules, []);
        catalog.column_case = NameCase::Insensitive;
        let renamer = ColumnRenamer::new(document, &catalog);
        let column = &renamer.columns(&object).columns[0];
        assert_eq!(column.target.as_ref().unwrap().name, "name_x");
    }

    #[test]
    fn lob_types_follow_the_source_engine() {
        assert!(is_lob_type(None, "CLOB"));
        assert!(is_lob_type(Some(Engine::Oracle), " nclob "));
        assert!(is_lob_type(Some(Engine::Postgres), "bytea"));
        assert!(is_lob_type(Some(Engine::Postgres), "TEXT"));
        assert!(!is_lob_type(Some(Engine::Oracle), "text"));
        assert!(is_lob_type(Some(Engine::SqlServer), "VARCHAR (MAX)"));
        assert!(!is_lob_type(Some(Engine::SqlServer), "varchar(50)"));
        assert!(is_lob_type(Some(Engine::MariaDb), "longtext"));
        assert!(!is_lob_type(Some(Engine::MySql), "tinyblob"));
        assert!(!is_lob_type(None, "varchar2"));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// The columns equal those of applying each column rule alone, in `rule-id` order, to
        /// every column of every selected table, each column taking the first rule that
        /// matches it.
        #[test]
        fn target_columns_equal_each_rule_applied_alone_in_id_order(
            rules in prop::collection::vec((0..3usize, 0..5usize, 0..11usize, 0..40u32), 0..10),
            columns in prop::collection::vec(0..6usize, 1..6),
        ) {
            let values = ["N", "ID_", "X", "NA"];
            let names = ["ID", "NAME", "N_ID", "NID", "name", "X"];
            let text: Vec<String> = rules
                .iter()
                .enumerate()
                .map(|(i, &(t, c, a, id))| {
                    format!(
                        r#"{{"rule-type": "transformation", "rule-id": "{}", "rule-name": "r{i}",
  "rule-target": "column", "rule-action": "{}", "value": "{}", "old-value": "{}",
  "data-type": {{"type": "string", "length": "{i}"}},
  "object-locator": {{"schema-name": "HR", "table-name": "{}", "column-name": "{}"}}}}"#,
                        id + 2,
                        ACTIONS[a],
                        values[(i + a) % 4],
                        values[(i + c) % 4],
                        TABLES[t],
                        COLUMNS[c],
                    )
                })
                .collect();
            let text = document(&text);
            let checked = crate::check(&text, &crate::Options::default());
            let document = checked.document().expect("a document");
            let mut seen = std::collections::HashSet::new();
            let object = CatalogObject::table("HR", "EMP").with_columns(
                columns
                    .iter()
                    .filter(|&&c| seen.insert(c))
                    .map(|&c| Column::new(names[c], Some("VARCHAR2"))),
            );
            let catalog = Catalog { objects: vec![object.clone()], ..Catalog::default() };
            let shown = ColumnRenamer::new(document, &catalog).columns(&object);

            let mut ordered: Vec<(u32, usize)> =
                rules.iter().enumerate().map(|(i, r)| (r.3, i)).collect();
            ordered.sort();
            let fits = |pattern: &str, name: &str| match pattern.split_once('%') {
                None => pattern == name,
                Some((start, end)) => name.starts_with(start)
                    && name.ends_with(end)
                    && name.len() >= start.len() + end.len(),
            };
            prop_assert_eq!(shown.columns.len(), object.columns.len());
            for (column, shown) in object.columns.iter().zip(&shown.columns) {
                let first = ordered.iter().find(|&&(_, i)| {
                    let (t, c, _, _) = rules[i];
                    fits(TABLES[t], "EMP") && fits(COLUMNS[c], &column.name)
                });
                let (expected, ids) = match first {
                    None => (Some((column.name.clone(), "VARCHAR2".to_string())), vec![]),
                    Some(&(id, i)) => {
                        let (_, c, a, _) = rules[i];
                        let action = TransformationAction::parse(ACTIONS[a]).unwrap();
                        let target = match action {
                            TransformationAction::RemoveColumn => None,
                            TransformationAction::ChangeDataType => {
                                Some((column.name.clone(), format!("string({i})")))
                            }
                            _ => Some((
                                transform_name(
                                    action,
                                    &column.name,
                                    Some(values[(i + a) % 4]),
                                    Some(values[(i + c) % 4]),
                                )
                                .unwrap(),
                                "VARCHAR2".to_string(),
                            )),
                        };
                        (target, vec![(id + 2).to_string()])
                    }
                };
                let target = shown
                    .target
                    .as_ref()
                    .map(|t| (t.name.clone(), t.data_type.clone().unwrap_or_default()));
                prop_assert_eq!(target, expected);
                let rules: Vec<String> =
                    shown.rules.iter().map(|r| r.digits().to_string()).collect();
                prop_assert_eq!(rules, ids);
            }
        }
    }
}
