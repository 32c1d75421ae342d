//! `object-locator`: which database objects a rule is about.

use super::keyword;
use super::rule::Name;
use crate::span::{Span, Spanned};

keyword! {
    /// `table-type`.
    pub enum TableType {
        Table = "table",
        View = "view",
        /// Table mapping only: tables and views.
        All = "all",
    }
}

keyword! {
    /// The kind of object a Schema Conversion locator's leaf key names (`table-name`,
    /// `procedure-name`, ...), written as that key.
    pub enum ObjectKind {
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
        TableTypeObject = "table-type-name",
        UserDefinedType = "user-defined-type-name",
        XmlSchemaCollection = "xml-schema-collection-name",
        Statement = "statement-name",
        MaterializedView = "materialized-view-name",
        Default = "default-name",
        Alias = "alias-name",
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

/// An `object-locator`. Which keys may appear depends on the dialect and rule type; lowering
/// reports the others.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectLocator<'a> {
    /// The locator object, braces included.
    pub span: Span,
    /// Schema Conversion: the data provider's server name.
    pub server_name: Option<Name<'a>>,
    /// Schema Conversion, SQL Server and SAP ASE sources.
    pub database_name: Option<Name<'a>>,
    pub schema_name: Option<Name<'a>>,
    /// The object below the schema: `table-name` in table mappings; any leaf key in Schema
    /// Conversion (the first one, when several are given). The span is the key's.
    pub object: Option<(Spanned<ObjectKind>, Name<'a>)>,
    pub table_type: Option<Spanned<TableType>>,
    /// Schema Conversion: a whole object class (`Tables`, `Procedures`, ...).
    pub category_name: Option<Name<'a>>,
    /// Table-mapping transformations.
    pub column_name: Option<Name<'a>>,
    pub table_tablespace_name: Option<Name<'a>>,
    pub index_tablespace_name: Option<Name<'a>>,
    /// Table-mapping transformations: the existing column type to match.
    pub data_type: Option<Name<'a>>,
}

impl<'a> ObjectLocator<'a> {
    pub fn empty(span: Span) -> Self {
        ObjectLocator {
            span,
            server_name: None,
            database_name: None,
            schema_name: None,
            object: None,
            table_type: None,
            category_name: None,
            column_name: None,
            table_tablespace_name: None,
            index_tablespace_name: None,
            data_type: None,
        }
    }

    /// `table-name`, when the locator's object is a table.
    pub fn table_name(&self) -> Option<&Name<'a>> {
        match &self.object {
            Some((kind, name)) if kind.value == ObjectKind::Table => Some(name),
            _ => None,
        }
    }

    /// Every name the locator holds, in a fixed order.
    pub fn names(&self) -> impl Iterator<Item = &Name<'a>> {
        [
            self.server_name.as_ref(),
            self.database_name.as_ref(),
            self.schema_name.as_ref(),
            self.object.as_ref().map(|(_, name)| name),
            self.category_name.as_ref(),
            self.column_name.as_ref(),
            self.table_tablespace_name.as_ref(),
            self.index_tablespace_name.as_ref(),
            self.data_type.as_ref(),
        ]
        .into_iter()
        .flatten()
    }
}
