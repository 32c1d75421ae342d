//! `table-settings` rules (table mapping): parallel load and LOB handling per table.

use super::header::RuleHeader;
use super::keyword;
use super::locator::ObjectLocator;
use super::name::Text;
use crate::span::{Span, Spanned};

keyword! {
    /// `parallel-load.type`.
    pub enum ParallelLoadType {
        /// One segment per existing partition (for MongoDB and DocumentDB, autosegmentation).
        PartitionsAuto = "partitions-auto",
        /// One segment per existing subpartition (Oracle).
        SubpartitionsAuto = "subpartitions-auto",
        /// One segment per partition named in `partitions` and subpartition in `subpartitions`.
        PartitionsList = "partitions-list",
        /// Segments between the `boundaries` of the `columns`.
        Ranges = "ranges",
        /// Listed only by third-party typings, not in the AWS documentation.
        None = "none",
    }
}

keyword! {
    /// `lob-settings.mode`.
    pub enum LobMode {
        /// LOBs up to `bulk-max-size` kilobytes; DMS's default.
        Limited = "limited",
        /// Full LOB mode; with a non-zero `bulk-max-size`, combination mode.
        Unlimited = "unlimited",
        /// The task's LOB settings apply.
        None = "none",
    }
}

/// A `table-settings` rule (table mapping): parallel load and LOB handling for one table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableSettingsRule<'a> {
    /// Span, type, id and name.
    pub header: RuleHeader<'a>,
    /// `object-locator`: `schema-name` and `table-name`, exact names (never patterns).
    pub locator: Option<ObjectLocator<'a>>,
    /// `parallel-load`; `None` when absent or not an object.
    pub parallel_load: Option<ParallelLoad<'a>>,
    /// `lob-settings`; `None` when absent or not an object.
    pub lob_settings: Option<LobSettings<'a>>,
}

/// `parallel-load`: how a table's full load splits into segments loaded in parallel.
#[derive(Debug, Clone, PartialEq)]
pub struct ParallelLoad<'a> {
    /// The `parallel-load` object, braces included.
    pub span: Span,
    /// `type`; `None` when absent or not a known type.
    pub load_type: Option<Spanned<ParallelLoadType>>,
    /// `columns` (with `ranges`): the items that are strings, spanned on the array.
    pub columns: Option<Spanned<Vec<Text<'a>>>>,
    /// `boundaries`: each row's span and number of values, spanned on the outer array; rows
    /// that are not arrays are left out.
    pub boundaries: Option<Spanned<Vec<Spanned<usize>>>>,
    /// `partitions` (with `partitions-list`): the items that are strings, spanned on the array.
    pub partitions: Option<Spanned<Vec<Text<'a>>>>,
    /// `subpartitions` (Oracle, with `partitions-list`), as `partitions`.
    pub subpartitions: Option<Spanned<Vec<Text<'a>>>>,
}

/// `lob-settings`: how a table's LOB columns are migrated.
#[derive(Debug, Clone, PartialEq)]
pub struct LobSettings<'a> {
    /// The `lob-settings` object, braces included.
    pub span: Span,
    /// `mode`; `None` when absent or not a known mode.
    pub mode: Option<Spanned<LobMode>>,
    /// Kilobytes; a string in the AWS examples, a number in some documents.
    pub bulk_max_size: Option<Text<'a>>,
}
