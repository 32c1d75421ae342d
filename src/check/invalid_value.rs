//! `dms::invalid_value` for values that are well-formed alone but wrong together: LOB settings
//! whose size contradicts their mode, and before-image columns with neither prefix nor suffix.

use crate::ast::{LobMode, Rule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};

pub(super) fn check(rule: &Rule<'_>, out: &mut Diagnostics) {
    match rule {
        Rule::TableSettings(settings) => {
            let Some(lob) = &settings.lob_settings else {
                return;
            };
            let (Some(mode), Some(size)) = (lob.mode, &lob.bulk_max_size) else {
                return;
            };
            let zero = size.value.trim().parse::<u64>().is_ok_and(|n| n == 0);
            if mode.value == LobMode::Limited && zero {
                out.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        "`limited` LOB mode needs a `bulk-max-size` above zero",
                        Label::new(size.span, "zero"),
                    )
                    .with_label(Label::new(mode.span, "limited mode"))
                    .with_help("set the largest LOB size in kilobytes (about three times the largest LOB), or use `unlimited` for full LOB mode"),
                );
            }
        }
        Rule::Transformation(t) => {
            let Some(def) = &t.before_image_def else {
                return;
            };
            let empty =
                |v: &Option<crate::ast::Text<'_>>| v.as_ref().is_some_and(|t| t.value.is_empty());
            let prefix_empty = empty(&def.column_prefix);
            let suffix_empty = def.column_suffix.is_none() || empty(&def.column_suffix);
            if prefix_empty && suffix_empty {
                out.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        "before-image columns need a `column-prefix` or a `column-suffix`",
                        Label::new(def.span, "both empty"),
                    )
                    .with_help("without either, the before-image column would have the column's own name; the default prefix is `BI_`"),
                );
            }
        }
        _ => {}
    }
}
