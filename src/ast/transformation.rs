//! `transformation` rules (table mapping).

use super::header::RuleHeader;
use super::keyword;
use super::locator::ObjectLocator;
use super::name::Text;
use crate::span::{Span, Spanned};

keyword! {
    /// `rule-target`.
    pub enum RuleTarget {
        Schema = "schema",
        Table = "table",
        Column = "column",
        TableTablespace = "table-tablespace",
        IndexTablespace = "index-tablespace",
    }
}

keyword! {
    /// `rule-action` of a transformation rule.
    pub enum TransformationAction {
        AddColumn = "add-column",
        IncludeColumn = "include-column",
        RemoveColumn = "remove-column",
        Rename = "rename",
        ConvertLowercase = "convert-lowercase",
        ConvertUppercase = "convert-uppercase",
        AddPrefix = "add-prefix",
        RemovePrefix = "remove-prefix",
        ReplacePrefix = "replace-prefix",
        AddSuffix = "add-suffix",
        RemoveSuffix = "remove-suffix",
        ReplaceSuffix = "replace-suffix",
        DefinePrimaryKey = "define-primary-key",
        ChangeDataType = "change-data-type",
        AddBeforeImageColumns = "add-before-image-columns",
        DataMaskingDigitsMask = "data-masking-digits-mask",
        DataMaskingDigitsRandomize = "data-masking-digits-randomize",
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
        PrimaryKey = "primary-key",
        UniqueIndex = "unique-index",
    }
}

keyword! {
    /// `before-image-def.column-filter`.
    pub enum ColumnFilter {
        PkOnly = "pk-only",
        NonLob = "non-lob",
        All = "all",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TransformationRule<'a> {
    pub header: RuleHeader<'a>,
    pub target: Option<Spanned<RuleTarget>>,
    pub action: Option<Spanned<TransformationAction>>,
    pub locator: Option<ObjectLocator<'a>>,
    pub value: Option<Text<'a>>,
    pub old_value: Option<Text<'a>>,
    pub expression: Option<Text<'a>>,
    pub data_type: Option<DataTypeDef<'a>>,
    /// Boxed, as rare members are: a rule without one pays a pointer, not the whole struct.
    pub primary_key_def: Option<Box<PrimaryKeyDef<'a>>>,
    pub before_image_def: Option<Box<BeforeImageDef<'a>>>,
}

/// `data-type`: the new type of a column.
#[derive(Debug, Clone, PartialEq)]
pub struct DataTypeDef<'a> {
    pub span: Span,
    pub type_name: Option<Spanned<DataTypeName>>,
    /// Numbers and strings both occur in real documents; kept as text.
    pub precision: Option<Text<'a>>,
    pub scale: Option<Text<'a>>,
    pub length: Option<Text<'a>>,
}

/// `primary-key-def`.
#[derive(Debug, Clone, PartialEq)]
pub struct PrimaryKeyDef<'a> {
    pub span: Span,
    pub name: Option<Text<'a>>,
    pub origin: Option<Spanned<PrimaryKeyOrigin>>,
    pub columns: Vec<Text<'a>>,
}

/// `before-image-def`.
#[derive(Debug, Clone, PartialEq)]
pub struct BeforeImageDef<'a> {
    pub span: Span,
    pub column_prefix: Option<Text<'a>>,
    pub column_suffix: Option<Text<'a>>,
    pub column_filter: Option<Spanned<ColumnFilter>>,
}
