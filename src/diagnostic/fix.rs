//! Fixes: the text edits that resolve a finding, and applying them to a document.
//!
//! A [`Fix`] is one or more [`Edit`]s (a byte span and its replacement) with a title. A
//! [`Safe`](Applicability::Safe) fix keeps what the document means or does what it plainly
//! says (quoting a numeric `rule-id`, the misspelt key renamed to the key the object must have);
//! an [`Unsafe`](Applicability::Unsafe) one is a guess ("did you mean ...?").

use crate::span::Span;

use super::Diagnostic;

/// Whether a fix can be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// A guess: likely, not certain ("did you mean `rule-action`?").
    Unsafe,
    /// Keeps what the document means, or does what the finding says is meant.
    Safe,
}

impl Applicability {
    /// `safe` or `unsafe`.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// One replacement: the bytes of `span` become `replacement` (an empty span inserts).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    /// The bytes replaced, in the same text as the diagnostic's labels.
    pub span: Span,
    /// What stands there afterwards.
    pub replacement: String,
}

impl Edit {
    /// Replaces the bytes of `span` with `replacement`.
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    /// Removes the bytes of `span`.
    pub fn delete(span: Span) -> Self {
        Edit::replace(span, "")
    }

    /// Inserts `text` at `offset`.
    pub fn insert(offset: usize, text: impl Into<String>) -> Self {
        Edit::replace(Span::at(offset), text)
    }

    /// Rewrites the JSON string at `span` (quotes included), whose decoded value is `old`, to
    /// hold `new`. A string as long as its value and quotes holds no escape, so its value is
    /// its text and only what differs is edited ([`minimal`](Self::minimal)); one with escapes
    /// is written anew.
    pub fn json_string(span: Span, old: &str, new: &str) -> Self {
        if span.len() == old.len() + 2 {
            Edit::minimal(span.start + 1, old, new)
        } else {
            let quoted = serde_json::to_string(new).unwrap_or_else(|_| format!("\"{new}\""));
            Edit::replace(span, quoted)
        }
    }

    /// The smallest edit that turns `old`, which is the text at `start`, into `new`: the prefix
    /// and suffix they share are left alone. An editor shows the same change, and an edit of a
    /// few bytes inside a name can be carried into a host file where a whole string could not.
    pub fn minimal(start: usize, old: &str, new: &str) -> Self {
        let prefix = common_prefix(old, new);
        let suffix = common_prefix_rev(&old[prefix..], &new[prefix..]);
        Edit::replace(
            Span::new(start + prefix, start + old.len() - suffix),
            &new[prefix..new.len() - suffix],
        )
    }
}

/// The byte length of the longest common prefix of `a` and `b`, on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// The byte length of the longest common suffix of `a` and `b`, on a character boundary.
fn common_prefix_rev(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}

/// The edits that resolve a finding, with a title to offer them under.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    /// What the fix does, in a few words without a final period ("rename to `rule-action`").
    pub title: String,
    /// Whether it may be applied unseen.
    pub applicability: Applicability,
    /// Non-overlapping edits, in document order.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix made of `edits`, put in document order.
    pub fn new(applicability: Applicability, title: impl Into<String>, edits: Vec<Edit>) -> Self {
        let mut edits = edits;
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        Fix {
            title: title.into(),
            applicability,
            edits,
        }
    }

    /// A [`Safe`](Applicability::Safe) fix of one edit.
    pub fn safe(title: impl Into<String>, edit: Edit) -> Self {
        Fix::new(Applicability::Safe, title, vec![edit])
    }

    /// An [`Unsafe`](Applicability::Unsafe) fix of one edit.
    pub fn guess(title: impl Into<String>, edit: Edit) -> Self {
        Fix::new(Applicability::Unsafe, title, vec![edit])
    }

    /// The bytes from the first edit's start to the last one's end.
    pub fn span(&self) -> Option<Span> {
        let first = self.edits.first()?.span;
        Some(self.edits.iter().fold(first, |all, e| all.cover(e.span)))
    }
}

/// What [`apply`] made of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The text with the fixes applied.
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// The fixes that were left out because they overlap one applied before them, or do not
    /// fit the text (an edit past its end or inside a character).
    pub skipped: usize,
}

/// Applies to `text` the fixes of `diagnostics` that are at least `at_least` (only the safe
/// ones, or all), in document order. A fix whose edits overlap or touch an edit already taken
/// is left out whole, as is one that does not fit the text: apply, check again and repeat to
/// take them on the next round. Never panics, whatever the spans.
pub fn apply<'d>(
    text: &str,
    diagnostics: impl IntoIterator<Item = &'d Diagnostic>,
    at_least: Applicability,
) -> Applied {
    let mut fixes: Vec<&Fix> = diagnostics
        .into_iter()
        .filter_map(|d| d.fix.as_deref())
        .filter(|f| f.applicability >= at_least && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|f| f.span().map(|s| (s.start, s.end)));
    let fits = |e: &Edit| {
        e.span.start <= e.span.end
            && text.is_char_boundary(e.span.start)
            && text.is_char_boundary(e.span.end)
    };
    let mut taken: Vec<&Edit> = Vec::new();
    let (mut applied, mut skipped) = (0, 0);
    for fix in fixes {
        let clashes = |e: &Edit| {
            taken
                .iter()
                .any(|t| e.span.start <= t.span.end && t.span.start <= e.span.end)
        };
        let inner_clash = fix
            .edits
            .windows(2)
            .any(|w| w[1].span.start <= w[0].span.end);
        if inner_clash || !fix.edits.iter().all(|e| fits(e) && !clashes(e)) {
            skipped += 1;
            continue;
        }
        taken.extend(&fix.edits);
        applied += 1;
    }
    taken.sort_by_key(|e| e.span.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in taken {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    Applied {
        text: out,
        applied,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Label};

    fn finding(fix: Fix) -> Diagnostic {
        Diagnostic::warning(Code::UnknownKey, "x", Label::new(Span::new(0, 1), "x")).with_fix(fix)
    }

    #[test]
    fn a_minimal_edit_leaves_what_both_share() {
        assert_eq!(
            Edit::minimal(10, "rule-acton", "rule-action"),
            Edit::insert(18, "i")
        );
        assert_eq!(
            Edit::minimal(0, "ste", "lte"),
            Edit::replace(Span::new(0, 1), "l")
        );
        assert_eq!(Edit::minimal(5, "01", "1"), Edit::delete(Span::new(5, 6)));
        assert_eq!(
            Edit::minimal(0, "é1", "é2"),
            Edit::replace(Span::new(2, 3), "2")
        );
        assert_eq!(Edit::minimal(0, "aa", "aaa"), Edit::insert(2, "a"));
        // `"ste"` as written, and written with an escape.
        assert_eq!(
            Edit::json_string(Span::new(4, 9), "ste", "lte"),
            Edit::replace(Span::new(5, 6), "l")
        );
        assert_eq!(
            Edit::json_string(Span::new(4, 14), "ste", "lte"),
            Edit::replace(Span::new(4, 14), "\"lte\"")
        );
    }

    #[test]
    fn overlapping_fixes_are_left_for_the_next_round() {
        let text = "abcdef";
        let found = [
            finding(Fix::safe("x", Edit::replace(Span::new(1, 3), "X"))),
            finding(Fix::safe("y", Edit::replace(Span::new(2, 4), "Y"))),
            finding(Fix::guess("z", Edit::delete(Span::new(5, 6)))),
            finding(Fix::safe("w", Edit::insert(99, "!"))),
        ];
        let safe = apply(text, &found, Applicability::Safe);
        assert_eq!(
            (safe.text.as_str(), safe.applied, safe.skipped),
            ("aXdef", 1, 2)
        );
        let all = apply(text, &found, Applicability::Unsafe);
        assert_eq!(all.text, "aXde");
    }
}
