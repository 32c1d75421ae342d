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
//!
//! [`ColumnRenamer::columns_into`] gives a table's columns borrowed ([`Columns`]): names and
//! types from the catalog and the rules, only a name an action changes written out, into a
//! [`ColumnBuffer`] kept from one table to the next, so naming a catalog's columns allocates
//! nothing per column. [`TableColumns`] is the same, owned.

use crate::ast::{
    ColumnFilter, DataTypeDef, Document, Rule, RuleId, RuleTarget, TransformationAction,
    TransformationRule,
};
use crate::check::conflicting_transformation::{is_masking, may_share};
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
    /// view, or whose columns the catalog does not list. Owned: for a caller going through
    /// many tables, [`columns_into`](Self::columns_into) borrows instead.
    pub fn columns(&self, object: &CatalogObject) -> TableColumns {
        self.columns_into(object, &mut ColumnBuffer::default())
            .owned()
    }

    /// [`columns`](Self::columns), with a buffer kept from one table to the next.
    pub fn columns_reusing(
        &self,
        object: &CatalogObject,
        buffer: &mut ColumnBuffer,
    ) -> TableColumns {
        self.columns_into(object, buffer).owned()
    }

    /// The columns of `object` on the target, borrowed: names and types from the catalog and
    /// the rules, only the names a rule changes written out, into `buffer`, which a caller
    /// going through many tables keeps from one to the next (no allocation per column).
    pub fn columns_into<'b>(
        &'b self,
        object: &'b CatalogObject,
        buffer: &'b mut ColumnBuffer,
    ) -> Columns<'b> {
        buffer.fill(self, object);
        Columns {
            renamer: self,
            object,
            buffer,
        }
    }

    /// Rule `i` (as [`ColumnView::rule_indices`] numbers them): its action and where its
    /// `rule-action` is written.
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

/// What a target column's name is: the source column's, one a rule wrote (`add-column`'s
/// `value`), or one written into the buffer's names.
#[derive(Debug, Clone, Copy)]
enum NameRef {
    Source(u32),
    Value(u32),
    Written(u32, u32),
}

/// What a target column's type is: the source column's, one a rule gives, or none.
#[derive(Debug, Clone, Copy)]
enum TypeRef {
    Source(u32),
    Rule(u32),
}

/// One column of a table on the target, by reference into the catalog object, the rules and
/// the buffer's names.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The source column's index, `None` for an added one.
    source: Option<u32>,
    target: Option<(NameRef, TypeRef)>,
    /// The rules that acted, lowest `rule-id` first: at most two (one action, and a
    /// data-masking action beside `change-data-type`).
    rules: [u32; 2],
    rule_count: u8,
}

impl Slot {
    fn rules(&self) -> &[u32] {
        &self.rules[..usize::from(self.rule_count)]
    }
}

/// How a rule that matches a table is tested against its columns, settled once a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColumnTest {
    /// A rule that names no source column (`add-column`, `add-before-image-columns`).
    Never,
    /// No `column-name`, or `%`, and no `data-type`: every column.
    Every,
    /// The locator's `column-name` and `data-type`.
    Locator,
}

/// Buffers [`ColumnRenamer::columns_into`] fills, kept from one table to the next so that
/// naming the columns of many tables allocates only as the largest table needs.
#[derive(Debug, Default)]
pub struct ColumnBuffer {
    candidates: Vec<u32>,
    /// The rules whose schema and table match the table, ascending, with how each is
    /// tested against a column.
    rules: Vec<(u32, ColumnTest)>,
    /// The table's schema and name, and a column's name, lower-cased where the catalog
    /// compares names so.
    schema: String,
    table: String,
    column: String,
    entries: Vec<Slot>,
    /// The names rules changed, one after the other.
    names: String,
    unknown: Vec<String>,
}

/// `name` as the catalog compares it: itself, or lower-cased into `into`.
fn folded<'s>(name: &'s str, case: NameCase, into: &'s mut String) -> &'s str {
    match case {
        NameCase::Sensitive => name,
        NameCase::Insensitive => {
            into.clear();
            if name.is_ascii() {
                into.push_str(name);
                into.make_ascii_lowercase();
            } else {
                into.push_str(&name.to_lowercase());
            }
            into
        }
    }
}

/// Writes the name `action` makes of `name` at the end of `out`, as [`transform_name`] gives
/// it; false (and nothing written) where the action does not change names or lacks its value.
/// ASCII names are converted in place, the usual case, without a string of their own.
fn write_name(
    action: TransformationAction,
    name: &str,
    value: Option<&str>,
    old_value: Option<&str>,
    out: &mut String,
) -> bool {
    use TransformationAction as A;
    match action {
        A::ConvertLowercase | A::ConvertUppercase if name.is_ascii() => {
            let start = out.len();
            out.push_str(name);
            if action == A::ConvertLowercase {
                out[start..].make_ascii_lowercase();
            } else {
                out[start..].make_ascii_uppercase();
            }
        }
        A::Rename => match value {
            Some(value) => out.push_str(value),
            None => return false,
        },
        A::AddPrefix | A::AddSuffix => {
            let Some(value) = value else { return false };
            if action == A::AddPrefix {
                out.push_str(value);
                out.push_str(name);
            } else {
                out.push_str(name);
                out.push_str(value);
            }
        }
        _ => match transform_name(action, name, value, old_value) {
            Some(written) => out.push_str(&written),
            None => return false,
        },
    }
    true
}

impl ColumnBuffer {
    fn name<'b>(
        &'b self,
        renamer: &'b ColumnRenamer,
        object: &'b CatalogObject,
        name: NameRef,
    ) -> &'b str {
        match name {
            NameRef::Source(j) => &object.columns[j as usize].name,
            NameRef::Value(i) => renamer.rules[i as usize]
                .value
                .as_deref()
                .unwrap_or_default(),
            NameRef::Written(start, end) => &self.names[start as usize..end as usize],
        }
    }

    fn data_type<'b>(
        renamer: &'b ColumnRenamer,
        object: &'b CatalogObject,
        data_type: TypeRef,
    ) -> Option<&'b str> {
        match data_type {
            TypeRef::Source(j) => object.columns[j as usize].data_type.as_deref(),
            TypeRef::Rule(i) => renamer.rules[i as usize].data_type.as_deref(),
        }
    }

    /// Writes at the end of the names, returning where it went.
    fn written(&mut self, write: impl FnOnce(&mut String) -> bool) -> Option<NameRef> {
        let start = self.names.len();
        if !write(&mut self.names) {
            self.names.truncate(start);
            return None;
        }
        let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(self.names.len())) else {
            // Over 4 GiB of names in one table: past any input the tool reads.
            self.names.truncate(start);
            return None;
        };
        Some(NameRef::Written(start, end))
    }

    /// The columns of `object` on the target, as [`ColumnRenamer::columns_into`] gives them.
    fn fill(&mut self, renamer: &ColumnRenamer, object: &CatalogObject) {
        self.entries.clear();
        self.names.clear();
        self.unknown.clear();
        if object.columns.is_empty() || !(object.kind == Kind::TABLE || object.kind == Kind::View) {
            return;
        }
        let schema = folded(&object.schema, renamer.case, &mut self.schema);
        let table = folded(&object.name, renamer.case, &mut self.table);
        renamer
            .index
            .candidates(schema, table, &mut self.candidates);
        self.rules.clear();
        self.rules.extend(
            self.candidates
                .iter()
                .copied()
                .filter(|&i| {
                    let r = &renamer.rules[i as usize];
                    r.schema.as_ref().is_none_or(|m| m.matches(schema))
                        && r.table.as_ref().is_none_or(|m| m.matches(table))
                })
                .map(|i| {
                    let r = &renamer.rules[i as usize];
                    let test = if !r.names_columns() {
                        ColumnTest::Never
                    } else if r.of_type.is_none()
                        && r.column
                            .as_ref()
                            .is_none_or(NameMatcher::matches_everything)
                    {
                        ColumnTest::Every
                    } else {
                        ColumnTest::Locator
                    };
                    (i, test)
                }),
        );
        let tested = std::mem::take(&mut self.rules);
        let include = tested
            .iter()
            .map(|&(i, _)| i)
            .find(|&i| renamer.rules[i as usize].action == TransformationAction::IncludeColumn);
        // Without a data-masking action among them, no second rule acts on a column, and
        // without `include-column` none needs finding: the first match settles each column.
        let first_settles = include.is_none()
            && !tested
                .iter()
                .any(|&(i, _)| is_masking(renamer.rules[i as usize].action));

        for (j, column) in object.columns.iter().enumerate() {
            let Ok(j) = u32::try_from(j) else { break };
            let entry = self.act(renamer, column, j, &tested, include, first_settles);
            self.entries.push(entry);
        }

        // The before-image columns of the first such rule, from the columns as they arrive.
        if let Some(i) = tested.iter().map(|&(i, _)| i).find(|&i| {
            renamer.rules[i as usize].action == TransformationAction::AddBeforeImageColumns
        }) {
            let rule = &renamer.rules[i as usize];
            let image = rule.before_image.as_ref();
            let filter = image.map_or(ColumnFilter::PkOnly, |b| b.filter);
            let (prefix, suffix) = image.map_or(("BI_", ""), |b| (&b.prefix[..], &b.suffix[..]));
            if filter == ColumnFilter::PkOnly {
                self.unknown.push(format!(
                    "rule {} adds before-image columns for the primary-key columns, which the \
                     catalog does not list",
                    rule.id.digits()
                ));
            } else {
                for k in 0..self.entries.len() {
                    let Some((name, data_type)) = self.entries[k].target else {
                        continue;
                    };
                    let lob = ColumnBuffer::data_type(renamer, object, data_type)
                        .is_some_and(|t| is_lob_type(renamer.engine, t));
                    if filter != ColumnFilter::All && lob {
                        continue;
                    }
                    let base = self.name(renamer, object, name).to_string();
                    let Some(name) = self.written(|out| {
                        out.push_str(prefix);
                        out.push_str(&base);
                        out.push_str(suffix);
                        true
                    }) else {
                        continue;
                    };
                    self.entries.push(Slot {
                        source: None,
                        target: Some((name, data_type)),
                        rules: [i, 0],
                        rule_count: 1,
                    });
                }
            }
        }
        for &(i, _) in &tested {
            let rule = &renamer.rules[i as usize];
            if rule.action != TransformationAction::AddColumn || rule.value.is_none() {
                continue;
            }
            self.entries.push(Slot {
                source: None,
                target: Some((NameRef::Value(i), TypeRef::Rule(i))),
                rules: [i, 0],
                rule_count: 1,
            });
        }
        self.rules = tested;
    }

    /// What the matching rules make of source column `j`: the first acts, and a data-masking
    /// action beside `change-data-type` acts too. A table with an `include-column` rule keeps
    /// only the columns such a rule names.
    fn act(
        &mut self,
        renamer: &ColumnRenamer,
        column: &Column,
        j: u32,
        rules: &[(u32, ColumnTest)],
        include: Option<u32>,
        first_settles: bool,
    ) -> Slot {
        use TransformationAction as A;
        let name = folded(&column.name, renamer.column_case, &mut self.column);
        let (mut first, mut second) = (None::<u32>, None::<u32>);
        // A column an `include-column` rule names is kept, whichever rule acts on it.
        let mut kept = include.is_none();
        for &(i, test) in rules {
            let rule = &renamer.rules[i as usize];
            let matches = match test {
                ColumnTest::Never => false,
                ColumnTest::Every => true,
                ColumnTest::Locator => rule.matches_column(column, name),
            };
            if !matches {
                continue;
            }
            kept |= rule.action == A::IncludeColumn;
            match first {
                None if first_settles => {
                    first = Some(i);
                    break;
                }
                None => first = Some(i),
                Some(f) => {
                    if second.is_none() && may_share(renamer.rules[f as usize].action, rule.action)
                    {
                        second = Some(i);
                    }
                }
            }
            if second.is_some() && kept {
                break;
            }
        }
        let mut entry = Slot {
            source: Some(j),
            target: None,
            rules: [first.unwrap_or(0), second.unwrap_or(0)],
            rule_count: u8::from(first.is_some()) + u8::from(second.is_some()),
        };
        let (mut name, mut data_type) = (NameRef::Source(j), TypeRef::Source(j));
        for i in [first, second].into_iter().flatten() {
            let rule = &renamer.rules[i as usize];
            match rule.action {
                A::RemoveColumn => return entry,
                A::IncludeColumn => {}
                A::ChangeDataType => data_type = TypeRef::Rule(i),
                action => {
                    let (value, old_value) = (rule.value.as_deref(), rule.old_value.as_deref());
                    // A second name action (none shares a column today) starts from the first's.
                    let current = match name {
                        NameRef::Source(_) => None,
                        NameRef::Written(start, end) => {
                            Some(self.names[start as usize..end as usize].to_string())
                        }
                        NameRef::Value(v) => renamer.rules[v as usize].value.clone(),
                    };
                    let base = current.as_deref().unwrap_or(&column.name);
                    let written =
                        self.written(|out| write_name(action, base, value, old_value, out));
                    if let Some(written) = written {
                        name = written;
                    }
                }
            }
        }
        if !kept {
            // Left out by the table's `include-column` rules, the first of which is listed.
            entry.rules = [include.unwrap_or(0), 0];
            entry.rule_count = u8::from(include.is_some());
            return entry;
        }
        entry.target = Some((name, data_type));
        entry
    }
}

/// The columns of one table on the target, borrowed from the catalog, the rules and the
/// buffer [`ColumnRenamer::columns_into`] filled: the source columns in the catalog's order,
/// then the added ones in `rule-id` order.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'b> {
    renamer: &'b ColumnRenamer,
    object: &'b CatalogObject,
    buffer: &'b ColumnBuffer,
}

impl<'b> Columns<'b> {
    /// How many columns the table has on the target, removed ones included.
    pub fn len(&self) -> usize {
        self.buffer.entries.len()
    }

    /// True for a table whose columns the catalog does not list.
    pub fn is_empty(&self) -> bool {
        self.buffer.entries.is_empty()
    }

    /// Each column, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = ColumnView<'b>> + 'b {
        let (renamer, object, buffer) = (self.renamer, self.object, self.buffer);
        buffer.entries.iter().map(move |&entry| ColumnView {
            source: entry.source.map(|j| &object.columns[j as usize]),
            target: entry.target.map(|(name, data_type)| TargetColumnRef {
                name: buffer.name(renamer, object, name),
                data_type: ColumnBuffer::data_type(renamer, object, data_type),
            }),
            renamer,
            entry,
        })
    }

    /// What is left out because the catalog does not say, one sentence each (see
    /// [`TableColumns::unknown`]).
    pub fn unknown(&self) -> &'b [String] {
        &self.buffer.unknown
    }

    /// The same columns, owned.
    pub fn owned(&self) -> TableColumns {
        TableColumns {
            columns: self
                .iter()
                .map(|c| ColumnTarget {
                    source: c.source.cloned(),
                    target: c.target.map(|t| TargetColumn {
                        name: t.name.to_string(),
                        data_type: t.data_type.map(str::to_string),
                    }),
                    rules: c.rules().cloned().collect(),
                })
                .collect(),
            unknown: self.buffer.unknown.clone(),
        }
    }
}

/// One column of a table on the target, borrowed (see [`ColumnTarget`]).
#[derive(Debug, Clone, Copy)]
pub struct ColumnView<'b> {
    /// The source column, or `None` for one a rule adds.
    pub source: Option<&'b Column>,
    /// The column on the target; `None` where a rule leaves it out.
    pub target: Option<TargetColumnRef<'b>>,
    renamer: &'b ColumnRenamer,
    entry: Slot,
}

impl<'b> ColumnView<'b> {
    /// The rules that acted on the column, or that added or removed it, lowest `rule-id`
    /// first.
    pub fn rules(&self) -> impl ExactSizeIterator<Item = &'b RuleId> + 'b {
        let renamer = self.renamer;
        let entry = self.entry;
        (0..usize::from(entry.rule_count)).map(move |k| &renamer.rules[entry.rules[k] as usize].id)
    }

    /// The same rules by the index [`ColumnRenamer::rule`] takes.
    pub(crate) fn rule_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.entry.rules().iter().map(|&i| i as usize)
    }
}

/// A column's name and type on the target, borrowed (see [`TargetColumn`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetColumnRef<'b> {
    /// The target column's name.
    pub name: &'b str,
    /// Its type, where the catalog or a rule says.
    pub data_type: Option<&'b str>,
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
