//! `object-locator`: which database objects a rule is about.

use super::keyword;
use super::name::Name;
use crate::span::{Span, Spanned};

keyword! {
    /// `table-type`.
    pub enum TableType {
        /// Tables only; what an absent `table-type` means.
        Table = "table",
        /// Views only.
        View = "view",
        /// Table mapping only: tables and views.
        All = "all",
    }
}

keyword! {
    /// The kind of object a Schema Conversion locator's leaf key names (`table-name`,
    /// `procedure-name`, ...), written as that key.
    pub enum ObjectKind {
        /// A table, or a view with `"table-type": "view"`.
        Table = "table-name",
        Procedure = "procedure-name",
        Function = "function-name",
        ScalarFunction = "scalar-function-name",
        TableValuedFunction = "table-valued-function-name",
        InlineFunction = "inline-function-name",
        AggregateFunction = "aggregate-function-name",
        Package = "package-name",
        Sequence = "sequence-name",
        Synonym = "synonym-name",
        Type = "type-name",
        /// A user-defined table type (not the `table-type` member).
        TableTypeObject = "table-type-name",
        UserDefinedType = "user-defined-type-name",
        XmlSchemaCollection = "xml-schema-collection-name",
        Statement = "statement-name",
        MaterializedView = "materialized-view-name",
        Default = "default-name",
        Alias = "alias-name",
        /// A Db2 materialized query table.
        MaterializedQueryTable = "mqtable-name",
        Domain = "domain-name",
        Event = "event-name",
        Module = "module-name",
    }
}

impl ObjectKind {
    /// The object kind in plain words (`procedure`), as catalogs name it.
    pub fn noun(self) -> &'static str {
        let key = self.as_str();
        key.strip_suffix("-name").unwrap_or(key)
    }
}

/// A locator key that few locators have: such names are kept in a short list beside the
/// common ones, so a locator without them takes no room for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum RareKey {
    /// Schema Conversion, SQL Server and SAP ASE sources.
    DatabaseName,
    /// Schema Conversion: a whole object class (`Tables`, `Procedures`, ...).
    CategoryName,
    /// Table-mapping transformations.
    ColumnName,
    TableTablespaceName,
    IndexTablespaceName,
    /// Table-mapping transformations: the existing column type to match.
    DataType,
}

/// An `object-locator`. Which keys may appear depends on the dialect and rule type; lowering
/// reports the others.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectLocator<'a> {
    /// The locator object, braces included.
    pub span: Span,
    /// `server-name` (Schema Conversion only): the data provider's server name or resource id.
    /// Always an exact name, never a pattern.
    pub server_name: Option<Name<'a>>,
    /// `schema-name` (for MongoDB and DocumentDB, the database). Required in table mappings;
    /// a Schema Conversion locator may stop above it.
    pub schema_name: Option<Name<'a>>,
    /// The object below the schema: `table-name` in table mappings; any leaf key in Schema
    /// Conversion (the first one, when several are given). The span is the key's.
    pub object: Option<(Spanned<ObjectKind>, Name<'a>)>,
    /// `table-type`; `None` when absent, which means tables. Schema Conversion takes `table`
    /// and `view` only.
    pub table_type: Option<Spanned<TableType>>,
    /// The names under rarely used keys, in the order of [`RareKey`]; read them with the
    /// named accessors.
    rare: Vec<(RareKey, Name<'a>)>,
}

impl<'a> ObjectLocator<'a> {
    /// A locator with no names yet, which lowering fills in.
    pub(crate) fn empty(span: Span) -> Self {
        ObjectLocator {
            span,
            server_name: None,
            schema_name: None,
            object: None,
            table_type: None,
            rare: Vec::new(),
        }
    }

    /// The name given under a rarely used key.
    fn rare(&self, key: RareKey) -> Option<&Name<'a>> {
        self.rare
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, name)| name)
    }

    /// Sets (or, with `None`, removes) the name under a rarely used key.
    pub(crate) fn set_rare(&mut self, key: RareKey, name: Option<Name<'a>>) {
        self.rare.retain(|(k, _)| *k != key);
        if let Some(name) = name {
            let at = self
                .rare
                .iter()
                .position(|(k, _)| (*k as u8) > (key as u8))
                .unwrap_or(self.rare.len());
            self.rare.insert(at, (key, name));
        }
    }

    /// Schema Conversion, SQL Server and SAP ASE sources.
    pub fn database_name(&self) -> Option<&Name<'a>> {
        self.rare(RareKey::DatabaseName)
    }

    /// Schema Conversion: a whole object class (`Tables`, `Procedures`, ...).
    pub fn category_name(&self) -> Option<&Name<'a>> {
        self.rare(RareKey::CategoryName)
    }

    /// Table-mapping transformations.
    pub fn column_name(&self) -> Option<&Name<'a>> {
        self.rare(RareKey::ColumnName)
    }

    /// Table-mapping transformations on an Oracle target: the table's tablespace.
    pub fn table_tablespace_name(&self) -> Option<&Name<'a>> {
        self.rare(RareKey::TableTablespaceName)
    }

    /// Table-mapping transformations on an Oracle target: the index's tablespace.
    pub fn index_tablespace_name(&self) -> Option<&Name<'a>> {
        self.rare(RareKey::IndexTablespaceName)
    }

    /// Table-mapping transformations: the existing column type to match.
    pub fn data_type(&self) -> Option<&Name<'a>> {
        self.rare(RareKey::DataType)
    }

    /// `table-name`, when the locator's object is a table.
    pub fn table_name(&self) -> Option<&Name<'a>> {
        match &self.object {
            Some((kind, name)) if kind.value == ObjectKind::Table => Some(name),
            _ => None,
        }
    }

    /// Every name the locator holds, in a fixed order: server, database, schema, object, then
    /// the other rarely used keys.
    pub fn names(&self) -> impl Iterator<Item = &Name<'a>> {
        let (database, rest) = match self.rare.split_first() {
            Some((first, rest)) if first.0 == RareKey::DatabaseName => (Some(&first.1), rest),
            _ => (None, &self.rare[..]),
        };
        self.server_name
            .iter()
            .chain(database)
            .chain(&self.schema_name)
            .chain(self.object.iter().map(|(_, name)| name))
            .chain(rest.iter().map(|(_, name)| name))
    }
}
