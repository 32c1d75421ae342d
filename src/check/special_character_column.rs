//! `dms::special_character_column`: the AWS guide says transformations cannot be performed on
//! columns whose names hold special characters such as `#`, `\`, `/` or `-`, nor on column
//! names in right-to-left languages. Here, without a catalog, a locator `column-name` (or the
//! new column of `add-column`) that holds such a character; with a catalog that lists columns,
//! `select::findings` names the columns a pattern makes a rule act on.
//!
//! Right-to-left means the Unicode bidi classes R and AL (Hebrew, Arabic, Syriac, Thaana, NKo,
//! Samaritan, Mandaic, Adlam, ... and the marks RLM and ALM): the characters that by themselves
//! make text run right to left. Marks and digits of those scripts (bidi NSM, AN) do not.

use std::borrow::Cow;

use unicode_bidi::BidiClass;

use crate::ast::{Name, PieceKind, Rule, TransformationAction};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::span::Span;

/// The characters the AWS guide names.
const SPECIAL: [char; 4] = ['#', '\\', '/', '-'];

pub(super) fn check(rule: &Rule<'_>, out: &mut Diagnostics) {
    let Rule::Transformation(t) = rule else {
        return;
    };
    if let Some(name) = t.locator.as_ref().and_then(|l| l.column_name()) {
        if let Some((span, c)) = in_name(name) {
            out.push(diagnostic(name.value(), c, span));
        }
    }
    // The column `add-column` makes is transformed too.
    if let (Some(action), Some(value)) = (t.action, &t.value) {
        if action.value == TransformationAction::AddColumn {
            if let Some((at, c)) = find(&value.value) {
                // A borrowed value holds no escape, so its bytes are the source's.
                let span = match value.value {
                    Cow::Borrowed(_) => {
                        let start = value.span.start + 1 + at;
                        Span::new(start, start + c.len_utf8())
                    }
                    Cow::Owned(_) => value.span,
                };
                out.push(diagnostic(&value.value, c, span));
            }
        }
    }
}

/// Whether DMS can transform a column whose name holds `c`: not one of the special
/// characters the guide names, nor a right-to-left character.
pub(crate) fn untransformable(c: char) -> bool {
    SPECIAL.contains(&c) || (!c.is_ascii() && right_to_left(c))
}

/// Whether `c` is written right to left: bidi class R or AL.
pub(crate) fn right_to_left(c: char) -> bool {
    matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// The first character of `name` DMS cannot transform, and its byte offset.
pub(crate) fn find(name: &str) -> Option<(usize, char)> {
    name.char_indices().find(|&(_, c)| untransformable(c))
}

/// The first character DMS cannot transform that every column a locator name matches holds,
/// and where it is written: a character of the pattern's literal text (a `-` of `[a-d]` or a
/// wildcard is no column's character), or of the name where it is not a pattern.
pub(crate) fn in_name(name: &Name<'_>) -> Option<(Span, char)> {
    let Some(pattern) = &name.pattern else {
        let (at, c) = find(name.value())?;
        return Some((name.sub_span(at, at + c.len_utf8()), c));
    };
    pattern.pieces().iter().find_map(|piece| match &piece.kind {
        PieceKind::Literal(text) => {
            let (at, c) = find(text)?;
            // Written out whole, the literal's bytes are the source's; merged across `[x]`
            // sets or decoded from escapes, the piece's span is the closest.
            let span = if name.verbatim && piece.span.len() == text.len() {
                Span::new(piece.span.start + at, piece.span.start + at + c.len_utf8())
            } else {
                piece.span
            };
            Some((span, c))
        }
        // A set of such characters alone (`[#/]`): every match holds one.
        PieceKind::Set(set) => {
            let &(first, _) = set.ranges.first()?;
            set.ranges
                .iter()
                .all(|&(lo, hi)| lo == hi && untransformable(lo))
                .then_some((piece.span, first))
        }
        PieceKind::AnyRun | PieceKind::AnyChar => None,
    })
}

/// `#` as the findings name it, or a right-to-left character with its code point (RLM and
/// ALM are invisible): "right-to-left `ע`, U+05E2".
pub(crate) fn described(c: char) -> String {
    if SPECIAL.contains(&c) {
        format!("`{c}`")
    } else {
        format!("right-to-left `{c}`, U+{:04X}", c as u32)
    }
}

/// The help every finding of the code gives.
pub(crate) const HELP: &str = "DMS does not transform columns whose names hold `#`, `\\`, `/`, \
    `-` or right-to-left characters: leave such columns out of transformations, or rename them \
    in the source database";

fn diagnostic(name: &str, c: char, span: Span) -> Diagnostic {
    let label = if SPECIAL.contains(&c) {
        format!("`{c}` in a column name")
    } else {
        "a right-to-left character in a column name".to_string()
    };
    Diagnostic::warning(
        Code::SpecialCharacterColumn,
        if SPECIAL.contains(&c) {
            format!("DMS cannot transform the column `{name}`: its name holds `{c}`")
        } else {
            format!(
                "DMS cannot transform the column `{name}`: its name holds the right-to-left \
                 `{c}` (U+{:04X})",
                c as u32
            )
        },
        Label::new(span, label),
    )
    .with_help(HELP)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn right_to_left_scripts_are_the_strong_right_to_left_classes() {
        // Hebrew, Arabic, Syriac, Thaana, NKo, Adlam, and the right-to-left mark.
        for c in ['א', 'ש', 'ع', 'ܐ', 'ހ', 'ߊ', '𞤀', '\u{200F}', '\u{061C}'] {
            assert!(right_to_left(c), "{c:?} (U+{:04X})", c as u32);
            assert!(untransformable(c));
        }
        // Latin, Greek, Cyrillic, CJK, Arabic-Indic digits (AN), a Hebrew point (NSM), the
        // left-to-right mark.
        for c in [
            'a', 'é', 'Ω', 'Ж', '表', '٣', '\u{05B0}', '\u{200E}', '_', '$', '%',
        ] {
            assert!(!right_to_left(c), "{c:?} (U+{:04X})", c as u32);
            assert!(!untransformable(c), "{c:?}");
        }
        for c in SPECIAL {
            assert!(untransformable(c));
        }
    }

    #[test]
    fn a_pattern_holds_the_characters_of_its_literal_text_only() {
        let name = |json: &str| {
            let text = format!(
                r#"{{"rules": [{{"rule-type": "transformation", "rule-id": "1", "rule-name": "a",
  "rule-target": "column", "rule-action": "convert-lowercase",
  "object-locator": {{"schema-name": "S", "table-name": "T", "column-name": {json}}}}}]}}"#
            );
            let checked = crate::check(&text, &crate::Options::default());
            let Rule::Transformation(rule) = &checked.document().unwrap().rules[0] else {
                panic!("a transformation");
            };
            let name = rule.locator.as_ref().unwrap().column_name().unwrap();
            in_name(name).map(|(span, c)| (text[span.range()].to_string(), c))
        };
        assert_eq!(name(r#""C[a-d]%""#), None);
        assert_eq!(name(r#""C_%""#), None);
        assert_eq!(name(r#""A-%""#), Some(("-".to_string(), '-')));
        assert_eq!(name(r#""%ש%""#), Some(("ש".to_string(), 'ש')));
        assert_eq!(name(r#""A[-]B""#), Some(("A[-]B".to_string(), '-')));
        assert_eq!(name(r#""[#/]%""#), Some(("[#/]".to_string(), '#')));
        assert_eq!(name(r#""[#a]%""#), None);
        // Escaped, the whole string.
        assert_eq!(name(r#""A\\B""#), Some((r#""A\\B""#.to_string(), '\\')));
    }

    /// Characters of one kind, and whether DMS can transform a name holding one, known
    /// without the bidi tables: the guide's four, ASCII, Latin-1 and CJK letters, Hebrew points
    /// and Arabic-Indic digits (not), and the letters of the right-to-left scripts (yes).
    fn character() -> impl Strategy<Value = (char, bool)> {
        let range = |lo: char, hi: char, untransformable: bool| {
            proptest::char::range(lo, hi).prop_map(move |c| (c, untransformable))
        };
        prop_oneof![
            prop::sample::select(SPECIAL.to_vec()).prop_map(|c| (c, true)),
            range('0', '9', false),
            range('A', 'Z', false),
            range('a', 'z', false),
            prop::sample::select(vec!['_', '$', '%', ' ', '.', '@']).prop_map(|c| (c, false)),
            range('\u{C0}', '\u{D6}', false),
            range('\u{4E00}', '\u{4EFF}', false),
            range('\u{05B0}', '\u{05BD}', false),
            range('\u{0660}', '\u{0669}', false),
            range('\u{05D0}', '\u{05EA}', true),
            range('\u{0621}', '\u{063A}', true),
            range('\u{0712}', '\u{072F}', true),
            range('\u{0780}', '\u{07A5}', true),
            range('\u{07CA}', '\u{07EA}', true),
        ]
    }

    proptest! {
        /// `find` gives the first character of a name that DMS cannot transform, as the
        /// scripts' own ranges say.
        #[test]
        fn find_returns_the_first_untransformable_character(
            name in prop::collection::vec(character(), 0..12)
        ) {
            let text: String = name.iter().map(|&(c, _)| c).collect();
            let expected = text
                .char_indices()
                .zip(&name)
                .find(|(_, &(_, untransformable))| untransformable)
                .map(|(found, _)| found);
            prop_assert_eq!(find(&text), expected);
        }
    }
}
