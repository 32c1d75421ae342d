//! `dms::mapping_too_large`: a table mapping over the 2 MB that DMS processes (spec §3.11).
//! Measured on the text the rules are read from: the document's bytes, or for a mapping held
//! in a host file, the decoded mapping.

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::options::Dialect;
use crate::span::Span;

/// "AWS DMS can only process table mapping JSON files up to 2 MB in size" [TM-JSON]: taken as
/// 2 MiB, 2,097,152 bytes.
pub(crate) const LIMIT: usize = 2 * 1024 * 1024;

/// Warns when `len` bytes of table mapping are over the limit; labelled on the opening `[` of
/// the `rules` array, a label the size of the whole document being no help.
pub(crate) fn check(len: usize, dialect: Dialect, array: Span, out: &mut Diagnostics) {
    if dialect != Dialect::TableMapping || len <= LIMIT {
        return;
    }
    let bracket = Span::new(array.start, (array.start + 1).min(array.end));
    out.push(
        Diagnostic::warning(
            Code::MappingTooLarge,
            format!(
                "this table mapping is {} bytes: DMS processes table mappings up to 2 MB \
                 ({} bytes)",
                grouped(len),
                grouped(LIMIT)
            ),
            Label::new(bracket, format!("{} bytes of rules", grouped(len))),
        )
        .with_help(
            "DMS may fail to create or modify the task: split the tables across several tasks, \
             each with its own table mapping under 2 MB",
        ),
    );
}

/// `2097152` as `2,097,152`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(2_097_152), "2,097,152");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
    }
}
