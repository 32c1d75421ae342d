//! Text fit for a terminal: characters that would act on it instead of showing (control
//! characters, escape sequences with them) or that reorder what follows (bidirectional
//! overrides) are made visible, so a document cannot hide or restyle what a report says.

use std::borrow::Cow;

/// Whether `c` does something to a terminal or to the order of the text instead of showing.
pub(crate) fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every hidden character written as its escape (`\n`, `\u{1b}`), borrowed when
/// there is none. For messages, labels and help, which quote values from the document.
pub(crate) fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_escaped_and_the_rest_kept() {
        assert!(matches!(
            escaped("caf\u{e9} `x`"),
            Cow::Borrowed("caf\u{e9} `x`")
        ));
        assert_eq!(
            escaped("in\u{1b}[31mred\u{7}\n\t\u{9b}\u{202e}ab"),
            "in\\u{1b}[31mred\\u{7}\\n\\t\\u{9b}\\u{202e}ab"
        );
    }
}
