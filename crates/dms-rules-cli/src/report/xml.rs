//! Text as XML 1.0 attribute values and character data, for the JUnit and checkstyle formats.
//!
//! Writing is a handful of escapes; an XML writer crate would bring more than it saves. The
//! tests read every XML format back with an XML parser.

use std::borrow::Cow;

/// `text` escaped for an attribute value in double quotes or for character data: the five
/// markup characters as entities, line breaks and tabs as character references (so an
/// attribute keeps them), and characters XML 1.0 cannot hold at all (other control characters,
/// unpaired surrogates cannot occur in a `str`) written as `\u{1b}`.
pub(crate) fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_escape(c) || !allowed(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if !allowed(c) => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'' | '\n' | '\r' | '\t')
}

/// XML 1.0's `Char` production.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters_are_escaped() {
        assert!(matches!(escape("plain `x`"), Cow::Borrowed(_)));
        assert_eq!(
            escape("a<b>&\"c'\n\u{1b}\u{FFFE}"),
            "a&lt;b&gt;&amp;&quot;c&apos;&#10;\\u{1b}\\u{fffe}"
        );
    }
}
