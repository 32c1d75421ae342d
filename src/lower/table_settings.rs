//! `table-settings` rules: parallel load and LOB settings for one exactly named table.

use crate::ast::{LobSettings, ParallelLoad, RuleHeader, TableSettingsRule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::span::Spanned;
use crate::syntax::{Member, ValueKind};
use crate::vocabulary::table_settings as keys;

use super::fields::Fields;
use super::locator::{self, Context};
use super::value;

pub(super) fn table_settings<'a>(
    header: RuleHeader<'a>,
    fields: &mut Fields<'_, 'a>,
    out: &mut Diagnostics,
) -> Box<TableSettingsRule<'a>> {
    // Built in its box and filled in place: the rule is large, and each move would copy it.
    let mut rule = Box::new(TableSettingsRule {
        header,
        locator: None,
        parallel_load: None,
        lob_settings: None,
    });
    // Table settings name one table exactly: no patterns.
    if let Some(m) = fields.get(&keys::OBJECT_LOCATOR) {
        locator::locator(m, Context::TableSettings, false, &mut rule.locator, out);
    }
    rule.parallel_load = fields
        .get(&keys::PARALLEL_LOAD)
        .and_then(|m| parallel_load(m, out));
    rule.lob_settings = fields
        .get(&keys::LOB_SETTINGS)
        .and_then(|m| lob_settings(m, out));
    fields.finish(out);
    rule
}

fn parallel_load<'a>(member: &Member<'a>, out: &mut Diagnostics) -> Option<ParallelLoad<'a>> {
    let mut fields = Fields::of(
        &member.value,
        &keys::PARALLEL_LOAD_DEF,
        Some(&member.key.value),
        out,
    )?;
    // `none` is accepted with a warning: the vocabulary tolerates it.
    let load_type = fields
        .get(&keys::TYPE)
        .and_then(|m| value::keyword(m, &keys::TYPE, out));
    let columns = fields
        .get(&keys::COLUMNS)
        .and_then(|m| value::strings(m, "column", out));
    let boundaries = fields.get(&keys::BOUNDARIES).and_then(|m| {
        let rows = value::array(m, out)?;
        let shapes = value::each(rows, |row| match &row.kind {
            ValueKind::Array(values) => Some(Spanned::new(values.len(), row.span)),
            _ => {
                out.push(
                    Diagnostic::error(
                        Code::WrongType,
                        format!(
                            "each boundary must be an array of values, found {}",
                            row.type_name()
                        ),
                        Label::new(row.span, "expected an array"),
                    )
                    .with_help("write each boundary as one value per column, such as `[\"1000\"]`"),
                );
                None
            }
        });
        Some(Spanned::new(shapes, m.value.span))
    });
    let partitions = fields
        .get(&keys::PARTITIONS)
        .and_then(|m| value::strings(m, "partition", out));
    let subpartitions = fields
        .get(&keys::SUBPARTITIONS)
        .and_then(|m| value::strings(m, "subpartition", out));
    // The MongoDB and DocumentDB settings are known, and not read.
    fields.finish(out);
    Some(ParallelLoad {
        span: member.value.span,
        load_type,
        columns,
        boundaries,
        partitions,
        subpartitions,
    })
}

fn lob_settings<'a>(member: &Member<'a>, out: &mut Diagnostics) -> Option<LobSettings<'a>> {
    let mut fields = Fields::of(
        &member.value,
        &keys::LOB_SETTINGS_DEF,
        Some(&member.key.value),
        out,
    )?;
    let settings = LobSettings {
        span: member.value.span,
        mode: fields
            .get(&keys::MODE)
            .and_then(|m| value::keyword(m, &keys::MODE, out)),
        bulk_max_size: fields
            .get(&keys::BULK_MAX_SIZE)
            .and_then(|m| value::scalar(m, out)),
    };
    fields.finish(out);
    Some(settings)
}
