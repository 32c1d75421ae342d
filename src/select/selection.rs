//! Which objects the selection rules select, and which rule decided each one
//! (`grammar/selection.md`).

use crate::ast::{Document, ObjectKind, ObjectLocator, SelectionAction, SelectionRule, TableType};
use crate::options::Dialect;

use super::catalog::{Catalog, CatalogObject, Kind, NameCase};
use super::index::{Entry, RuleIndex};
use super::matcher::NameMatcher;

/// A selection rule, ready to match objects.
#[derive(Debug)]
pub(crate) struct Compiled<'d, 'a> {
    pub rule: &'d SelectionRule<'a>,
    pub action: SelectionAction,
    pub server: Option<NameMatcher>,
    pub database: Option<NameMatcher>,
    pub schema: Option<NameMatcher>,
    pub object: Option<NameMatcher>,
    /// The kinds of object the rule can select, as [`Kind::bit`]s.
    pub kinds: u32,
}

impl<'d, 'a> Compiled<'d, 'a> {
    /// `None` for a rule without an action or a locator: it was reported already and selects
    /// nothing.
    fn new(rule: &'d SelectionRule<'a>, dialect: Dialect) -> Option<Self> {
        let action = rule.action?.value;
        let locator = rule.locator.as_ref()?;
        Some(Compiled {
            rule,
            action,
            server: locator.server_name.as_ref().map(NameMatcher::of),
            database: locator.database_name().map(NameMatcher::of),
            schema: locator.schema_name.as_ref().map(NameMatcher::of),
            object: locator
                .object
                .as_ref()
                .map(|(_, name)| NameMatcher::of(name)),
            kinds: kinds(locator, dialect),
        })
    }

    /// The same rule with every name in lower case, for a catalog that ignores case.
    fn folded(&self) -> Self {
        let fold = |m: &Option<NameMatcher>| m.as_ref().map(NameMatcher::folded);
        Compiled {
            rule: self.rule,
            action: self.action,
            server: fold(&self.server),
            database: fold(&self.database),
            schema: fold(&self.schema),
            object: fold(&self.object),
            kinds: self.kinds,
        }
    }

    /// True when every part of the locator fits the object.
    pub fn matches(&self, object: &CatalogObject, kind: u32) -> bool {
        self.kinds & kind != 0
            && self.matches_place(object)
            && self.object.as_ref().is_none_or(|m| m.matches(&object.name))
    }

    /// Server, database and schema; a catalog without servers or databases fits any.
    pub fn matches_place(&self, object: &CatalogObject) -> bool {
        fits(self.server.as_ref(), object.server.as_deref())
            && fits(self.database.as_ref(), object.database.as_deref())
            && fits(self.schema.as_ref(), Some(&object.schema))
    }
}

pub(crate) fn fits(matcher: Option<&NameMatcher>, value: Option<&str>) -> bool {
    match (matcher, value) {
        (Some(matcher), Some(value)) => matcher.matches(value),
        _ => true,
    }
}

/// The kinds a locator selects: its object key's (a `table-name` is a table, or a view with
/// `table-type`), or every kind for a Schema Conversion locator that stops above the object;
/// narrowed by `category-name`.
fn kinds(locator: &ObjectLocator<'_>, dialect: Dialect) -> u32 {
    let table_type = locator.table_type.map(|t| t.value);
    let tables = match table_type.unwrap_or(TableType::Table) {
        TableType::Table => Kind::TABLE.bit(),
        TableType::View => Kind::View.bit(),
        TableType::All => Kind::TABLE.bit() | Kind::View.bit(),
    };
    let kinds = match (&locator.object, dialect) {
        (Some((kind, _)), _) if kind.value != ObjectKind::Table => Kind::Object(kind.value).bit(),
        (None, Dialect::SchemaConversion) if table_type.is_none() => u32::MAX,
        _ => tables,
    };
    match locator.category_name() {
        Some(category) => kinds & category_kinds(category.value()),
        None => kinds,
    }
}

/// The kinds a Schema Conversion `category-name` stands for. Categories with no catalog kind
/// (`External Tables`, `Clusters`, ...) stand for none; `Schemas` and `Databases` are
/// navigation levels that hold everything.
fn category_kinds(category: &str) -> u32 {
    use ObjectKind as K;
    let kinds: &[Kind] = match category {
        "Schemas" | "Databases" => return u32::MAX,
        "Tables" => &[Kind::TABLE],
        "Views" => &[Kind::View],
        "Procedures" => &[Kind::Object(K::Procedure)],
        "Functions" => &[Kind::Object(K::Function)],
        "SQL scalar functions" | "Scalar Functions" => &[Kind::Object(K::ScalarFunction)],
        "SQL table-valued functions" | "Table Valued Functions" => {
            &[Kind::Object(K::TableValuedFunction)]
        }
        "SQL inline functions" => &[Kind::Object(K::InlineFunction)],
        "Aggregate functions" => &[Kind::Object(K::AggregateFunction)],
        "Packages" => &[Kind::Object(K::Package)],
        "Synonyms" => &[Kind::Object(K::Synonym)],
        "Sequences" => &[Kind::Object(K::Sequence)],
        "Types" | "Collection Types" => &[Kind::Object(K::Type)],
        "Table types" => &[Kind::Object(K::TableTypeObject)],
        "User-Defined Types" | "User Defined Types" => &[Kind::Object(K::UserDefinedType)],
        "XML Schema Collections" => &[Kind::Object(K::XmlSchemaCollection)],
        "Statements" => &[Kind::Object(K::Statement)],
        "Materialized Views" => &[Kind::Object(K::MaterializedView)],
        "Defaults" => &[Kind::Object(K::Default)],
        "Aliases" => &[Kind::Object(K::Alias)],
        "Materialized Query Tables" => &[Kind::Object(K::MaterializedQueryTable)],
        "Domains" => &[Kind::Object(K::Domain)],
        "Events" => &[Kind::Object(K::Event)],
        "Modules" => &[Kind::Object(K::Module)],
        _ => &[],
    };
    kinds.iter().fold(0, |bits, kind| bits | kind.bit())
}

/// What the rules make of one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// Whether the rules select the object.
    pub selected: bool,
    /// The rule that decided, as an index into [`Selector::rules`]; `None` when no rule
    /// changed the object's state.
    pub decided_by: Option<usize>,
}

/// The outcome of [`Selector::explain`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// One verdict per object, in catalog order.
    pub verdicts: Vec<Verdict>,
    /// For each rule of [`Selector::rules`], how many objects its locator matches (whatever
    /// the rule did to them).
    pub match_counts: Vec<usize>,
}

impl Explanation {
    /// How many objects the rules select.
    pub fn selected_count(&self) -> usize {
        self.verdicts.iter().filter(|v| v.selected).count()
    }

    /// The rules that match no object, as indexes into [`Selector::rules`].
    pub fn unmatched(&self) -> impl Iterator<Item = usize> + '_ {
        self.match_counts
            .iter()
            .enumerate()
            .filter(|(_, &n)| n == 0)
            .map(|(i, _)| i)
    }
}

/// A document's selection rules, compiled and indexed.
#[derive(Debug)]
pub struct Selector<'d, 'a> {
    dialect: Dialect,
    /// In ascending `rule-id` order (rules without an id last, in document order).
    pub(crate) rules: Vec<Compiled<'d, 'a>>,
    index: RuleIndex,
}

impl<'d, 'a> Selector<'d, 'a> {
    /// Compiles and indexes the selection rules of `document`, in its dialect. A rule without
    /// `rule-action` or `object-locator` selects nothing and is left out.
    pub fn new(document: &'d Document<'a>) -> Self {
        let dialect = document.dialect;
        let mut rules: Vec<Compiled<'d, 'a>> = document
            .selection_rules()
            .filter_map(|rule| Compiled::new(rule, dialect))
            .collect();
        // Stable, so rules with equal or missing ids keep their document order.
        rules.sort_by(
            |a, b| match (&a.rule.header.rule_id, &b.rule.header.rule_id) {
                (Some(a), Some(b)) => a.numeric_cmp(b),
                (a, b) => b.is_some().cmp(&a.is_some()),
            },
        );
        Selector::indexed(dialect, rules)
    }

    fn indexed(dialect: Dialect, rules: Vec<Compiled<'d, 'a>>) -> Self {
        let index = RuleIndex::new(rules.iter().map(|rule| Entry {
            schema: rule.schema.as_ref(),
            object: rule.object.as_ref(),
        }));
        Selector {
            dialect,
            rules,
            index,
        }
    }

    /// For a [`NameCase::Insensitive`] catalog: the rules in lower case, to match the
    /// catalog in lower case ([`Catalog::folded`]). Rule indexes stay the same.
    pub(crate) fn folded_for_case(&self) -> Selector<'d, 'a> {
        Selector::indexed(
            self.dialect,
            self.rules.iter().map(Compiled::folded).collect(),
        )
    }

    /// The rules the index offers for `object` (a superset of those that match it), as
    /// indexes into [`rules`](Self::rules), ascending.
    pub(crate) fn candidates(&self, object: &CatalogObject, out: &mut Vec<usize>) {
        let mut found = Vec::new();
        self.index
            .candidates(&object.schema, &object.name, &mut found);
        out.clear();
        out.extend(found.into_iter().map(|i| i as usize));
    }

    /// The dialect whose semantics apply: the document's.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The selection rules in the order they apply.
    pub fn rules(&self) -> impl ExactSizeIterator<Item = &'d SelectionRule<'a>> + '_ {
        self.rules.iter().map(|c| c.rule)
    }

    /// The rule at index `i` of [`rules`](Self::rules), the index that
    /// [`Verdict::decided_by`] and [`Explanation::unmatched`] give.
    pub fn rule(&self, i: usize) -> Option<&'d SelectionRule<'a>> {
        self.rules.get(i).map(|c| c.rule)
    }

    /// Every object's verdict, trying only the rules the index offers for it. Names compare
    /// as the catalog's [`NameCase`] says.
    pub fn explain(&self, catalog: &Catalog) -> Explanation {
        if catalog.case == NameCase::Insensitive {
            return self.folded_for_case().explain(&catalog.folded());
        }
        let mut candidates = Vec::new();
        self.evaluate(catalog, |object, out| {
            self.index
                .candidates(&object.schema, &object.name, &mut candidates);
            out.extend(candidates.iter().map(|&i| i as usize));
        })
    }

    /// The same as [`explain`](Self::explain), trying every rule on every object: the
    /// baseline the index is measured and tested against.
    #[cfg(any(test, feature = "unstable-internals"))]
    pub(crate) fn explain_naive(&self, catalog: &Catalog) -> Explanation {
        if catalog.case == NameCase::Insensitive {
            return self.folded_for_case().explain_naive(&catalog.folded());
        }
        self.evaluate(catalog, |_, out| out.extend(0..self.rules.len()))
    }

    /// Runs the rules that `candidates` offers for each object (ascending) through the
    /// dialect's semantics.
    fn evaluate(
        &self,
        catalog: &Catalog,
        mut candidates: impl FnMut(&CatalogObject, &mut Vec<usize>),
    ) -> Explanation {
        let mut match_counts = vec![0; self.rules.len()];
        let mut offered = Vec::new();
        let verdicts = catalog
            .objects
            .iter()
            .map(|object| {
                offered.clear();
                candidates(object, &mut offered);
                let kind = object.kind.bit();
                let mut decision = Decision::default();
                for &i in &offered {
                    let rule = &self.rules[i];
                    if rule.matches(object, kind) {
                        match_counts[i] += 1;
                        decision.apply(self.dialect, i, rule.action);
                    }
                }
                decision.verdict(self.dialect)
            })
            .collect();
        Explanation {
            verdicts,
            match_counts,
        }
    }
}

/// One object's state while its matching rules are applied in order.
#[derive(Debug, Default)]
struct Decision {
    /// Schema Conversion: the current state and the last rule that changed it.
    selected: bool,
    changed_by: Option<usize>,
    /// Table mapping: the first include or explicit rule, and the first exclude rule, that
    /// match.
    included_by: Option<usize>,
    excluded_by: Option<usize>,
}

impl Decision {
    fn apply(&mut self, dialect: Dialect, rule: usize, action: SelectionAction) {
        let include = action != SelectionAction::Exclude;
        match dialect {
            Dialect::SchemaConversion => {
                if include != self.selected {
                    self.selected = include;
                    self.changed_by = Some(rule);
                }
            }
            Dialect::TableMapping | Dialect::DataMigration => {
                let slot = if include {
                    &mut self.included_by
                } else {
                    &mut self.excluded_by
                };
                slot.get_or_insert(rule);
            }
        }
    }

    fn verdict(&self, dialect: Dialect) -> Verdict {
        match dialect {
            Dialect::SchemaConversion => Verdict {
                selected: self.selected,
                decided_by: self.changed_by,
            },
            Dialect::TableMapping | Dialect::DataMigration => {
                match (self.included_by, self.excluded_by) {
                    (Some(include), None) => Verdict {
                        selected: true,
                        decided_by: Some(include),
                    },
                    (Some(_), Some(exclude)) => Verdict {
                        selected: false,
                        decided_by: Some(exclude),
                    },
                    (None, _) => Verdict {
                        selected: false,
                        decided_by: None,
                    },
                }
            }
        }
    }
}
