//! The leaves of the rules: strings with their spans, rule ids, and locator names.

use std::borrow::Cow;

use super::pattern::NamePattern;
use crate::span::{Span, Spanned};

/// A JSON string's decoded value and its span (quotes included).
pub type Text<'a> = Spanned<Cow<'a, str>>;

/// A `rule-id`, written as a digit string (`"7"`) or a JSON integer (`7`).
///
/// Ids compare numerically, so `"7"`, `7` and `"07"` are the same id; the digits are kept as
/// text, so ids of any length compare without overflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleId {
    /// The decimal digits without leading zeros (`"0"` for zero).
    digits: Digits,
    /// The id as written: the string with its quotes, or the number.
    pub span: Span,
}

/// Up to [`INLINE_DIGITS`] digits (any `u64`) are kept in place: one allocation fewer per rule.
const INLINE_DIGITS: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Digits {
    Inline { len: u8, bytes: [u8; INLINE_DIGITS] },
    Long(Box<str>),
}

impl RuleId {
    /// `digits` must be ASCII digits; leading zeros are dropped.
    pub fn new(digits: &str, span: Span) -> Self {
        let trimmed = digits.trim_start_matches('0');
        let digits = if trimmed.is_empty() { "0" } else { trimmed };
        let digits = if digits.len() <= INLINE_DIGITS {
            let mut bytes = [0; INLINE_DIGITS];
            bytes[..digits.len()].copy_from_slice(digits.as_bytes());
            Digits::Inline {
                len: digits.len() as u8,
                bytes,
            }
        } else {
            Digits::Long(digits.into())
        };
        RuleId { digits, span }
    }

    /// The id in canonical form: decimal digits, no leading zeros.
    pub fn digits(&self) -> &str {
        // Copied from a `&str` at a char boundary, so always UTF-8.
        std::str::from_utf8(self.bytes()).unwrap_or_default()
    }

    /// The digits as bytes: what comparisons read, with no UTF-8 check.
    fn bytes(&self) -> &[u8] {
        match &self.digits {
            Digits::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Digits::Long(digits) => digits.as_bytes(),
        }
    }

    /// The numeric value, when it fits.
    pub fn value(&self) -> Option<u64> {
        self.bytes().iter().try_fold(0u64, |n, &digit| {
            let digit = char::from(digit).to_digit(10)?;
            n.checked_mul(10)?.checked_add(u64::from(digit))
        })
    }

    /// Numeric order, for any length of id.
    pub fn numeric_cmp(&self, other: &RuleId) -> std::cmp::Ordering {
        let (a, b) = (self.bytes(), other.bytes());
        (a.len(), a).cmp(&(b.len(), b))
    }
}

/// A name in an object locator, with its wildcard pattern where the rule makes it one.
#[derive(Debug, Clone, PartialEq)]
pub struct Name<'a> {
    /// The decoded name, spanned on its string (quotes included).
    pub text: Text<'a>,
    /// True when the source text between the quotes is the value itself (no escapes), so
    /// positions inside the value map one-to-one onto the source.
    pub verbatim: bool,
    /// `Some` where the name is a pattern (`include`/`exclude` selection rules, transformation
    /// and post-processing locators) and the pattern is valid; `None` where names are exact.
    pub pattern: Option<NamePattern<'a>>,
}

impl Name<'_> {
    /// The decoded name: what DMS compares with object names.
    pub fn value(&self) -> &str {
        &self.text.value
    }

    /// The name's string in the input, quotes included.
    pub fn span(&self) -> Span {
        self.text.span
    }

    /// The source span of `value[start..end]` (byte offsets into [`value`](Self::value)):
    /// exact when the name has no escapes, else the whole string.
    pub fn sub_span(&self, start: usize, end: usize) -> Span {
        if self.verbatim {
            let base = self.text.span.start + 1;
            Span::new(base + start, base + end)
        } else {
            self.text.span
        }
    }
}
