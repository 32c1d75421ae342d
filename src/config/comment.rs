//! Suppression comments in host files, where comments exist: Terraform (`#` and `//`) and
//! CloudFormation YAML (`#`).
//!
//! `# dms-rules: ignore[dms::underscore_wildcard, dms::unknown_key] reason` silences those codes
//! on its own line when it follows code there, or else on the next line that is not blank nor a
//! comment. When that line starts a mapping (the `table_mappings = <<EOF` of a heredoc, the
//! `TableMappings: |` of a YAML block scalar, which cannot hold a comment), it silences them in
//! the whole mapping.
//!
//! Comments are found by their text, line by line, not from the host parser's tree: `dms-rules:`
//! after `#` or `//` with only spaces between. A string that holds such text would be read as a
//! comment too; none does in practice, and reading it this way costs one byte search per file.

use crate::diagnostic::{Code, Diagnostic, Label};
use crate::span::Span;

/// What starts a comment in a host file's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markers {
    /// `#` only: YAML.
    Hash,
    /// `#` or `//`: HCL.
    HashOrSlashes,
}

/// The directive after the comment marker.
const DIRECTIVE: &[u8] = b"dms-rules:";

/// The suppression comments of one host file.
#[derive(Debug, Clone, Default)]
pub struct Comments {
    pub(super) entries: Vec<Entry>,
    /// Comments that cannot be read, codes that do not exist.
    pub problems: Vec<Diagnostic>,
}

/// One suppression comment.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    /// The codes it names, each with its bytes in the comment.
    pub codes: Vec<(Code, Span)>,
    /// The bytes of the file it covers: a finding whose primary label starts there is silenced.
    pub covers: Span,
    /// The comment, from its marker to the end of the line.
    pub comment: Span,
}

impl Comments {
    /// Whether the file has no suppression comment and no problem with one.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.problems.is_empty()
    }

    /// The suppression comments of `source`, a host file whose comments start with `markers`;
    /// `documents` are the spans of the mappings found in it.
    pub fn scan(source: &[u8], markers: Markers, documents: &[Span]) -> Comments {
        let mut comments = Comments::default();
        if memchr::memmem::find(source, DIRECTIVE).is_none() {
            return comments;
        }
        let lines = lines(source);
        for (index, &line) in lines.iter().enumerate() {
            let text = &source[line.start..line.end];
            let Some(at) = memchr::memmem::find(text, DIRECTIVE) else {
                continue;
            };
            let Some(marker) = comment_marker(&text[..at], markers) else {
                continue;
            };
            let before = &text[..marker];
            let directive = Span::new(line.start + at + DIRECTIVE.len(), line.end);
            let comment = Span::new(line.start + marker, line.end);
            let Some(codes) = comments.codes(source, directive, comment) else {
                continue;
            };
            let covers = if before.iter().all(u8::is_ascii_whitespace) {
                match lines[index + 1..]
                    .iter()
                    .find(|l| !is_blank_or_comment(&source[l.start..l.end], markers))
                {
                    Some(&next) => widen(next, documents),
                    None => continue_unused(line),
                }
            } else {
                line
            };
            comments.entries.push(Entry {
                codes,
                covers,
                comment,
            });
        }
        comments
    }

    /// The codes of a directive `ignore[a, b] reason`; `None` (with a finding) when it cannot
    /// be read.
    fn codes(
        &mut self,
        source: &[u8],
        directive: Span,
        comment: Span,
    ) -> Option<Vec<(Code, Span)>> {
        let text = std::str::from_utf8(&source[directive.start..directive.end]).ok()?;
        let trimmed = text.trim_start();
        let start = directive.start + (text.len() - trimmed.len());
        let malformed = |why: &str| {
            Diagnostic::warning(
                Code::MalformedSuppression,
                format!("this suppression comment cannot be read: {why}"),
                Label::new(comment, "silences nothing"),
            )
            .with_help("write it as `# dms-rules: ignore[dms::code, ...] reason`")
        };
        let Some(list) = trimmed.strip_prefix("ignore[") else {
            self.problems.push(malformed("it does not start `ignore[`"));
            return None;
        };
        let Some(close) = list.find(']') else {
            self.problems.push(malformed("the `[` is never closed"));
            return None;
        };
        let mut codes = Vec::new();
        let problems = self.problems.len();
        let mut offset = start + "ignore[".len();
        for part in list[..close].split(',') {
            let name = part.trim();
            let lead = part.len() - part.trim_start().len();
            let at = Span::new(offset + lead, offset + lead + name.len());
            offset += part.len() + 1;
            if name.is_empty() {
                continue;
            }
            match name.parse::<Code>() {
                Ok(code) => codes.push((code, at)),
                Err(()) => self.problems.push(super::read::unknown_code(name, at)),
            }
        }
        if codes.is_empty() && self.problems.len() == problems {
            self.problems.push(malformed("it names no code"));
        }
        (!codes.is_empty()).then_some(codes)
    }
}

/// A comment at the end of the file covers nothing; it is still checked for use.
fn continue_unused(line: Span) -> Span {
    Span::at(line.end)
}

/// Where the comment marker before the directive starts, when only spaces lie between them.
fn comment_marker(before: &[u8], markers: Markers) -> Option<usize> {
    let end = before.len() - before.iter().rev().take_while(|b| **b == b' ').count();
    let head = &before[..end];
    if head.ends_with(b"#") {
        return Some(end - 1);
    }
    (markers == Markers::HashOrSlashes && head.ends_with(b"//")).then(|| end - 2)
}

fn is_blank_or_comment(line: &[u8], markers: Markers) -> bool {
    let trimmed = line.trim_ascii_start();
    trimmed.is_empty()
        || trimmed.starts_with(b"#")
        || (markers == Markers::HashOrSlashes && trimmed.starts_with(b"//"))
}

/// `line`, or the whole mapping when one starts on it.
fn widen(line: Span, documents: &[Span]) -> Span {
    documents
        .iter()
        .filter(|d| line.start <= d.start && d.start <= line.end)
        .fold(line, |covers, d| covers.cover(*d))
}

/// Every line's bytes, line break left out.
fn lines(source: &[u8]) -> Vec<Span> {
    let mut lines = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', source) {
        let text_end = if end > start && source[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        lines.push(Span::new(start, text_end));
        start = end + 1;
    }
    lines.push(Span::new(start, source.len()));
    lines
}
