//! `table-settings` rules (table mapping): parallel load and LOB handling per table.

use super::header::RuleHeader;
use super::keyword;
use super::locator::ObjectLocator;
use super::name::Text;
use crate::span::{Span, Spanned};

keyword! {
    /// `parallel-load.type`.
    pub enum ParallelLoadType {
        PartitionsAuto = "partitions-auto",
        SubpartitionsAuto = "subpartitions-auto",
        PartitionsList = "partitions-list",
        Ranges = "ranges",
        /// Listed only by third-party typings, not in the AWS documentation.
        None = "none",
    }
}

keyword! {
    /// `lob-settings.mode`.
    pub enum LobMode {
        Limited = "limited",
        Unlimited = "unlimited",
        None = "none",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableSettingsRule<'a> {
    pub header: RuleHeader<'a>,
    pub locator: Option<ObjectLocator<'a>>,
    pub parallel_load: Option<ParallelLoad<'a>>,
    pub lob_settings: Option<LobSettings<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParallelLoad<'a> {
    pub span: Span,
    pub load_type: Option<Spanned<ParallelLoadType>>,
    /// `columns` (with `ranges`), and the span of the array.
    pub columns: Option<Spanned<Vec<Text<'a>>>>,
    /// `boundaries`: each row's span and number of values.
    pub boundaries: Option<Spanned<Vec<Spanned<usize>>>>,
    pub partitions: Option<Spanned<Vec<Text<'a>>>>,
    pub subpartitions: Option<Spanned<Vec<Text<'a>>>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LobSettings<'a> {
    pub span: Span,
    pub mode: Option<Spanned<LobMode>>,
    /// Kilobytes; a string in the AWS examples, a number in some documents.
    pub bulk_max_size: Option<Text<'a>>,
}
