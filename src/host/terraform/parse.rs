//! A Terraform file parsed with hcl-edit, and its failures in our words.
//!
//! hcl-edit refuses an object that writes a key twice, which Terraform accepts (the later value
//! wins). Such a key is renamed, in a copy of the text and to a name of the same byte length,
//! and the copy parsed again; spans stay those of the original text, and every key is read
//! from the original bytes, so the renaming is invisible past this module.

use hcl_edit::structure::Body;

use crate::diagnostic::{Code, Diagnostic, Label};
use crate::span::Span;

/// How many repeated keys one file may have renamed; each costs a parse of the whole file.
const MAX_RENAMES: usize = 16;

/// hcl-edit's nesting limit (expressions, templates and blocks), for our messages.
pub(super) const MAX_NESTING: usize = 64;

/// Parses a Terraform file.
pub(super) fn body(text: &str) -> Result<Body, Diagnostic> {
    let mut patched: Option<String> = None;
    let mut renamed = 0;
    loop {
        let input = patched.as_deref().unwrap_or(text);
        let error = match hcl_edit::parser::parse_body(input) {
            Ok(body) => return Ok(body),
            Err(error) => error,
        };
        if error.message().contains("redefined object key") && renamed < MAX_RENAMES {
            let copy = patched.get_or_insert_with(|| text.to_owned());
            if rename_key(copy, error.location().offset(), renamed) {
                renamed += 1;
                continue;
            }
        }
        return Err(syntax_error(text, &error));
    }
}

/// Parses a template file (`templatefile`), or says where it is broken (line and column in
/// the template, for a message labelled in the Terraform file).
pub(super) fn template(text: &str) -> Result<hcl_edit::template::Template, String> {
    hcl_edit::parser::parse_template(text).map_err(|error| {
        let at = error_offset(text, &error);
        let (line, column) = crate::span::line_column(text.as_bytes(), at);
        format!(
            "{} at line {line}, column {column}",
            describe(error.message()).0
        )
    })
}

/// Renames the object key that starts at `at` in `text` to a name no other key is likely to
/// have, of the same byte length. False when the key is not a plain name or string.
fn rename_key(text: &mut String, at: usize, attempt: usize) -> bool {
    let Some(rest) = text.get(at..) else {
        return false;
    };
    let range = if rest.starts_with('"') {
        match quoted_end(rest) {
            // `""` has no room inside; the name replaces the quotes.
            Some(2) => at..at + 2,
            Some(end) => at + 1..at + end - 1,
            None => return false,
        }
    } else {
        let len: usize = rest
            .chars()
            .take_while(|&c| c.is_alphanumeric() || c == '_' || c == '-')
            .map(char::len_utf8)
            .sum();
        if len == 0 || rest.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            return false;
        }
        at..at + len
    };
    let Some(name) = placeholder_name(range.len(), attempt) else {
        return false;
    };
    text.replace_range(range, &name);
    true
}

/// The length of the quoted string at the start of `text`, quotes included, when it holds no
/// interpolation and stays on one line.
fn quoted_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match &bytes[i..] {
            [b'"', ..] => return Some(i + 1),
            [b'\\', _, ..] => i += 2,
            [b'$', b'$', b'{', ..] | [b'%', b'%', b'{', ..] => i += 3,
            [b'$' | b'%', b'{', ..] | [b'\n', ..] => return None,
            _ => i += 1,
        }
    }
    None
}

/// The `attempt`th identifier of `len` bytes: `_`, then digits and letters.
fn placeholder_name(len: usize, attempt: usize) -> Option<String> {
    const FIRST: &[u8] = b"_ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkjihgfedcba";
    const REST: &[u8] = b"_0123456789ZYXWVUTSRQPONMLKJIHGFEDCBA";
    if len == 0 {
        return None;
    }
    let mut name = vec![b'_'; len];
    let mut n = attempt;
    name[0] = FIRST[n % FIRST.len()];
    n /= FIRST.len();
    for byte in name.iter_mut().skip(1).rev() {
        *byte = REST[n % REST.len()];
        n /= REST.len();
    }
    (n == 0).then(|| String::from_utf8(name).expect("ASCII"))
}

/// The byte offset of hcl-edit's error, on a char boundary; the end of the text when the
/// error is that the text ended.
fn error_offset(text: &str, error: &hcl_edit::parser::Error) -> usize {
    let reported = error.location().offset().min(text.len());
    let at = floor_char_boundary(text, reported);
    // hcl-edit clamps an error at the end to the last byte; its column then counts one more
    // than that byte's own.
    if at + 1 >= text.len() && !text.is_empty() && error.location().column() > hcl_column(text, at)
    {
        return text.len();
    }
    at
}

/// The column hcl-edit gives the byte at `at` (its own rule: characters up to and including
/// it, or bytes when that is not whole UTF-8).
fn hcl_column(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = (at + 1).min(bytes.len());
    std::str::from_utf8(&bytes[line_start..end]).map_or(at - line_start + 1, |s| s.chars().count())
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// hcl-edit's message in our words: the message and, where one is known, the help.
fn describe(message: &str) -> (String, Option<&'static str>) {
    if message.contains("redefined attribute") {
        return (
            "an argument is set twice in this block".into(),
            Some("remove one of the two: Terraform refuses a block that sets an argument twice"),
        );
    }
    if message.contains("redefined object key") {
        return (
            "a key is written twice in this object in a way that cannot be read".into(),
            Some("write each key once; Terraform keeps only the last of repeated keys"),
        );
    }
    if message.contains("heredoc end delimiter") {
        return (
            "this heredoc is never closed".into(),
            Some("end the heredoc with a line that holds only its marker, such as `EOF`"),
        );
    }
    let sentence = match message.split_once("; ") {
        Some((what, expected)) => format!("{what}: {expected}"),
        None if message == "unexpected token" => "unexpected text".to_owned(),
        None => message.to_owned(),
    };
    (sentence, None)
}

fn syntax_error(text: &str, error: &hcl_edit::parser::Error) -> Diagnostic {
    let at = error_offset(text, error);
    let span = match text[at..].chars().next() {
        Some(c) if c != '\n' && c != '\r' => Span::new(at, at + c.len_utf8()),
        _ => Span::at(at),
    };
    if error.message().contains("nesting depth") {
        let opener = nesting_opener(text, at);
        return Diagnostic::error(
            Code::NestingTooDeep,
            format!("expressions nest more than {MAX_NESTING} levels deep"),
            Label::new(opener, format!("level {} starts here", MAX_NESTING + 1)),
        )
        .with_help("Terraform files nest a few levels deep; check for brackets or `${` left open");
    }
    let (message, help) = describe(error.message());
    let label = if at == text.len() {
        "the file ends here"
    } else {
        "here"
    };
    Diagnostic::error(Code::HclSyntax, message, Label::new(span, label)).with_help(help.unwrap_or(
        "fix the HCL at this place: Terraform refuses the whole file, so no mapping in it can be read",
    ))
}

/// The bracket, parenthesis, `${`, `%{`, `<<` or block brace that opens the level hcl-edit
/// refused at `at`: the last one before `at` on its line, or `at` itself.
fn nesting_opener(text: &str, at: usize) -> Span {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    if matches!(text[at..].chars().next(), Some('[' | '{' | '(')) {
        return Span::new(at, at + 1);
    }
    let bytes = text.as_bytes();
    match bytes[line_start..at]
        .iter()
        .rposition(|b| matches!(b, b'[' | b'{' | b'(' | b'<'))
    {
        Some(i) => {
            let i = line_start + i;
            // `${`, `%{` and `<<` are two bytes.
            let pair =
                i > 0 && matches!((bytes[i - 1], bytes[i]), (b'$' | b'%', b'{') | (b'<', b'<'));
            let start = if pair { i - 1 } else { i };
            Span::new(start, i + 1)
        }
        None => Span::new(
            at,
            text[at..].chars().next().map_or(at, |c| at + c.len_utf8()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> Diagnostic {
        body(text).expect_err("not valid HCL")
    }

    fn under(text: &str, d: &Diagnostic) -> String {
        text[d.primary.span.range()].to_owned()
    }

    #[test]
    fn a_repeated_key_is_read_as_terraform_reads_it() {
        for text in [
            "x = {a=1, a=2}\n",
            "x = {\"a\"=1\n \"a\"=2}\n",
            "x = {\"\"=1, \"\"=2, \"\"=3}\n",
            "x = {rule-id=1, rule-id=2, _=3, _=4}\n",
            "x = {\"é\"=1, \"é\"=2}\n",
        ] {
            assert!(body(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn a_repeated_interpolated_key_is_an_error_on_the_repeat() {
        let text = "x = {\"${a}\"=1, \"${a}\"=2}\n";
        let d = error(text);
        assert_eq!(d.code, Code::HclSyntax);
        assert_eq!(d.primary.span, Span::new(15, 16));
    }

    #[test]
    fn a_repeated_argument_is_an_error() {
        let text = "resource \"a\" \"b\" {\n  x = 1\n  x = 2\n}\n";
        let d = error(text);
        assert_eq!(d.code, Code::HclSyntax);
        assert_eq!(d.message, "an argument is set twice in this block");
        assert_eq!(under(text, &d), "x");
        assert_eq!(d.primary.span.start, 29);
    }

    #[test]
    fn an_error_at_the_end_is_labelled_at_the_end() {
        let text = "x = [1,2";
        let d = error(text);
        assert_eq!(d.primary.span, Span::at(text.len()));
        assert_eq!(d.primary.text, "the file ends here");
        assert_eq!(d.message, "expected `]`");
        // The last character being multi-byte does not move the label inside it.
        let text = "x = [\"é\",\"é\"";
        let d = error(text);
        assert_eq!(d.primary.span, Span::at(text.len()));
    }

    #[test]
    fn messages_are_in_plain_words_with_help() {
        let text = "x = {\n y = 1 2\n}\n";
        let d = error(text);
        assert_eq!(
            d.message,
            "invalid object item: expected `}`, `,` or newline"
        );
        assert_eq!(under(text, &d), "2");
        assert!(d.help.is_some());
        let text = "x = <<EOF\nabc\n";
        let d = error(text);
        assert_eq!(d.message, "this heredoc is never closed");
    }

    #[test]
    fn deep_nesting_is_refused_on_the_bracket() {
        for (text, opener) in [
            ("a = ".to_owned() + &"[".repeat(100_000), "["),
            ("a = ".to_owned() + &"{a=".repeat(100_000), "{"),
            ("a = ".to_owned() + &"(".repeat(100_000), "("),
            ("a = \"".to_owned() + &"${\"".repeat(100_000), "${"),
            ("a = ".to_owned() + &"f(".repeat(100_000), "("),
        ] {
            let d = error(&text);
            assert_eq!(d.code, Code::NestingTooDeep, "{}", &text[..12]);
            assert_eq!(under(&text, &d), opener, "{}", &text[..12]);
        }
    }

    #[test]
    fn placeholder_names_differ_and_keep_their_length() {
        let names: Vec<_> = (0..40).filter_map(|i| placeholder_name(3, i)).collect();
        assert_eq!(names.len(), 40);
        assert!(names.iter().all(|n| n.len() == 3));
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        assert_eq!(placeholder_name(1, 53), None);
    }
}
