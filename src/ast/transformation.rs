//! `transformation` rules (table mapping).

use super::header::RuleHeader;
use super::keyword;
use super::locator::ObjectLocator;
use super::name::Text;
use crate::span::{Span, Spanned};

keyword! {
    /// `rule-target`.
    pub enum RuleTarget {
        /// The schema `schema-name` locates.
        Schema = "schema",
        /// The tables `table-name` locates.
        Table = "table",
        /// The columns `column-name` locates.
        Column = "column",
        /// An Oracle target's table tablespace (`table-tablespace-name`).
        TableTablespace = "table-tablespace",
        /// An Oracle target's index tablespace (`index-tablespace-name`).
        IndexTablespace = "index-tablespace",
    }
}

keyword! {
    /// `rule-action` of a transformation rule.
    pub enum TransformationAction {
        /// Adds the column `value` of type `data-type`, filled by `expression` when given.
        AddColumn = "add-column",
        /// Keeps the column; a table with such rules keeps only the columns they name.
        IncludeColumn = "include-column",
        /// Leaves the column out.
        RemoveColumn = "remove-column",
        /// Renames the target to `value`.
        Rename = "rename",
        /// Lower-cases the name.
        ConvertLowercase = "convert-lowercase",
        /// Upper-cases the name.
        ConvertUppercase = "convert-uppercase",
        /// Puts `value` before the name.
        AddPrefix = "add-prefix",
        /// Removes `value` from the start of the name.
        RemovePrefix = "remove-prefix",
        /// Replaces the prefix `old-value` with `value`.
        ReplacePrefix = "replace-prefix",
        /// Puts `value` after the name.
        AddSuffix = "add-suffix",
        /// Removes `value` from the end of the name.
        RemoveSuffix = "remove-suffix",
        /// Replaces the suffix `old-value` with `value`.
        ReplaceSuffix = "replace-suffix",
        /// Gives the table the primary key or unique index of `primary-key-def`.
        DefinePrimaryKey = "define-primary-key",
        /// Changes the column's type to `data-type`.
        ChangeDataType = "change-data-type",
        /// Adds columns with the values before each change, as `before-image-def` says.
        AddBeforeImageColumns = "add-before-image-columns",
        /// Masks the digits of the column's values.
        DataMaskingDigitsMask = "data-masking-digits-mask",
        /// Replaces the digits of the column's values with random digits.
        DataMaskingDigitsRandomize = "data-masking-digits-randomize",
        /// Replaces the column's values with a hash.
        DataMaskingHashMask = "data-masking-hash-mask",
    }
}

keyword! {
    /// `data-type.type`.
    pub enum DataTypeName {
        Bytes = "bytes",
        Date = "date",
        Time = "time",
        Datetime = "datetime",
        Int1 = "int1",
        Int2 = "int2",
        Int4 = "int4",
        Int8 = "int8",
        Numeric = "numeric",
        Real4 = "real4",
        Real8 = "real8",
        String = "string",
        Uint1 = "uint1",
        Uint2 = "uint2",
        Uint4 = "uint4",
        Uint8 = "uint8",
        Wstring = "wstring",
        Blob = "blob",
        Nclob = "nclob",
        Clob = "clob",
        Boolean = "boolean",
        Set = "set",
        List = "list",
        Map = "map",
        Tuple = "tuple",
    }
}

keyword! {
    /// `primary-key-def.origin`.
    pub enum PrimaryKeyOrigin {
        /// A primary key; what an absent `origin` means.
        PrimaryKey = "primary-key",
        /// A unique index.
        UniqueIndex = "unique-index",
    }
}

keyword! {
    /// `before-image-def.column-filter`.
    pub enum ColumnFilter {
        /// The primary-key columns; what an absent `column-filter` means.
        PkOnly = "pk-only",
        /// Every column but LOB columns.
        NonLob = "non-lob",
        /// Every column.
        All = "all",
    }
}

/// A `transformation` rule (table mapping): changes a schema, table, column or tablespace on
/// the target.
#[derive(Debug, Clone, PartialEq)]
pub struct TransformationRule<'a> {
    /// Span, type, id and name.
    pub header: RuleHeader<'a>,
    /// `rule-target`: what the action changes; `None` when absent or not a known target.
    pub target: Option<Spanned<RuleTarget>>,
    /// `rule-action`; `None` when absent or not a known action.
    pub action: Option<Spanned<TransformationAction>>,
    /// `object-locator`: every name a wildcard pattern but `data-type`, which is exact.
    pub locator: Option<ObjectLocator<'a>>,
    /// `value`: the new name, prefix, suffix or column name, as the action needs.
    pub value: Option<Text<'a>>,
    /// `old-value`: the prefix or suffix that `replace-prefix` and `replace-suffix` replace.
    pub old_value: Option<Text<'a>>,
    /// `expression`: a SQLite expression; with `add-column`, the new column's content.
    pub expression: Option<Text<'a>>,
    /// `data-type` (with `add-column` and `change-data-type`); `None` when absent or not an
    /// object. Boxed, as the other rare members: most transformations have none, and a kept
    /// rule without one pays a pointer, not 160 bytes.
    pub data_type: Option<Box<DataTypeDef<'a>>>,
    /// `primary-key-def` (with `define-primary-key`). Boxed, as rare members are: a rule
    /// without one pays a pointer, not the whole struct.
    pub primary_key_def: Option<Box<PrimaryKeyDef<'a>>>,
    /// `before-image-def` (with `add-before-image-columns`), boxed likewise.
    pub before_image_def: Option<Box<BeforeImageDef<'a>>>,
}

/// `data-type`: the new type of a column.
#[derive(Debug, Clone, PartialEq)]
pub struct DataTypeDef<'a> {
    /// The `data-type` object, braces included.
    pub span: Span,
    /// `type`; `None` when absent or not a known type.
    pub type_name: Option<Spanned<DataTypeName>>,
    /// `precision`. Numbers and strings both occur in real documents; kept as text.
    pub precision: Option<Text<'a>>,
    /// `scale`, kept as text likewise.
    pub scale: Option<Text<'a>>,
    /// `length` (with `add-column`): the new column's length, kept as text likewise.
    pub length: Option<Text<'a>>,
}

/// `primary-key-def`: the key `define-primary-key` gives a table.
#[derive(Debug, Clone, PartialEq)]
pub struct PrimaryKeyDef<'a> {
    /// The `primary-key-def` object, braces included.
    pub span: Span,
    /// `name`: the key's or index's name.
    pub name: Option<Text<'a>>,
    /// `origin`; `None` when absent (a primary key) or not a known origin.
    pub origin: Option<Spanned<PrimaryKeyOrigin>>,
    /// `columns`, in key order: the items that are strings; empty when the member is absent.
    pub columns: Vec<Text<'a>>,
}

/// `before-image-def`: the columns `add-before-image-columns` adds.
#[derive(Debug, Clone, PartialEq)]
pub struct BeforeImageDef<'a> {
    /// The `before-image-def` object, braces included.
    pub span: Span,
    /// `column-prefix`; DMS's default when absent is `BI_`.
    pub column_prefix: Option<Text<'a>>,
    /// `column-suffix`; empty when absent.
    pub column_suffix: Option<Text<'a>>,
    /// `column-filter`: which columns get a before-image column; `None` when absent or not a
    /// known filter.
    pub column_filter: Option<Spanned<ColumnFilter>>,
}
