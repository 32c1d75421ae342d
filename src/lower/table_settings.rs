//! `table-settings` rules: parallel load and LOB settings for one exactly named table.

use crate::ast::{LobSettings, ParallelLoad, ParallelLoadType, RuleHeader, TableSettingsRule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label, Severity};
use crate::span::Spanned;
use crate::syntax::{Member, ValueKind};

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
    if let Some(m) = fields.require("object-locator") {
        locator::locator(m, Context::TableSettings, false, &mut rule.locator, out);
    }
    // Absent from every AWS example, but harmless.
    fields.allow(&["rule-action"]);
    rule.parallel_load = fields
        .get("parallel-load")
        .and_then(|m| parallel_load(m, out));
    rule.lob_settings = fields
        .get("lob-settings")
        .and_then(|m| lob_settings(m, out));
    fields.finish(Severity::Warning, out);
    rule
}

fn parallel_load<'a>(member: &Member<'a>, out: &mut Diagnostics) -> Option<ParallelLoad<'a>> {
    let mut fields = Fields::of(&member.value, "parallel load", Some("parallel-load"), out)?;
    let load_type = fields.require("type").and_then(|m| {
        let documented = &ParallelLoadType::ALL[..ParallelLoadType::ALL.len() - 1];
        match m.value.as_str() {
            // `none` is listed only by third-party typings: accepted, with a warning.
            Some(s) if s.value == "none" => {
                out.push(value::invalid_value(
                    "type",
                    s,
                    documented.iter().map(|t| t.as_str()),
                    Severity::Warning,
                ));
                Some(Spanned::new(ParallelLoadType::None, s.span))
            }
            _ => value::keyword_with(m, documented, Severity::Error, out),
        }
    });
    let columns = fields
        .get("columns")
        .and_then(|m| value::strings(m, "column", out));
    let boundaries = fields.get("boundaries").and_then(|m| {
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
        .get("partitions")
        .and_then(|m| value::strings(m, "partition", out));
    let subpartitions = fields
        .get("subpartitions")
        .and_then(|m| value::strings(m, "subpartition", out));
    // MongoDB and DocumentDB settings.
    fields.allow(&[
        "number-of-partitions",
        "collection-count-from-metadata",
        "max-records-skip-per-page",
        "batch-size",
    ]);
    fields.finish(Severity::Warning, out);
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
    let mut fields = Fields::of(&member.value, "LOB settings", Some("lob-settings"), out)?;
    let settings = LobSettings {
        span: member.value.span,
        mode: fields.get("mode").and_then(|m| value::keyword(m, out)),
        bulk_max_size: fields
            .get("bulk-max-size")
            .and_then(|m| value::scalar(m, out)),
    };
    fields.finish(Severity::Warning, out);
    Some(settings)
}
