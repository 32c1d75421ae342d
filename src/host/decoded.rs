//! A document decoded out of a host file, and the map that carries its offsets back.
//!
//! A mapping written in a heredoc, a YAML scalar, an escaped JSON string or an HCL object literal
//! is turned into the JSON text DMS would receive. Every byte of that text remembers where it
//! came from, so a diagnostic found in the decoded text is reported on the host file's bytes.
//! This is the one place where decoded offsets become host offsets.

use crate::diagnostic::{self, Diagnostic, Fix, Reach};
use crate::options::{Dialect, Options};
use crate::pipeline::{self, Checked, Checks, Keep};
use crate::span::Span;

/// JSON text decoded from a host file, with the origin of every byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// What DMS would receive, as far as it is known.
    pub text: String,
    /// Where each byte of `text` came from.
    pub map: OffsetMap,
    /// Ranges of `text` whose value the host computes (an interpolation, a reference, a
    /// function call): a placeholder stands there, and no finding may rest on it. A placeholder
    /// inside a JSON string makes the whole string unknown.
    pub unknown: Vec<Span>,
}

impl Decoded {
    /// Runs every phase over the decoded text and carries the findings back into the file it
    /// is written in. The mappings of replication-task resources are table mappings, so they
    /// are checked as such whatever `options` asks.
    pub(crate) fn check(&self, options: &Options, keep: Keep) -> Checked<'_> {
        let options = Options {
            dialect: Some(Dialect::TableMapping),
            ..options.clone()
        };
        let mut checked = pipeline::run(self.text.as_bytes(), &options, keep, Checks::Run);
        let found = checked.take_diagnostics();
        checked.set_diagnostics(self.carry(found));
        let marks = checked.take_rules().map_spans(|span| self.map.span(span));
        checked.set_rules(marks);
        checked
    }

    /// Findings about the decoded text, carried into the host file: every label's span mapped
    /// back, in the host file's order. A finding that rests on an unknown part (a label that
    /// touches a placeholder), and, when any part is unknown, a finding about the whole set of
    /// rules that an unknown part could change (no selection rule, an exclude with nothing
    /// included), is dropped: what the host computes is neither right nor wrong.
    ///
    /// A fix is carried only when every edit is the same edit in the host file (see
    /// [`OffsetMap::edit`]); any other fix is left out, never carried approximately.
    pub fn carry(&self, findings: impl IntoIterator<Item = Diagnostic>) -> Vec<Diagnostic> {
        let mut carried: Vec<Diagnostic> = findings
            .into_iter()
            .filter(|d| !self.rests_on_unknown(d))
            .map(|mut d| {
                d.primary.span = self.map.span(d.primary.span);
                for label in &mut d.secondary {
                    label.span = self.map.span(label.span);
                }
                d.fix = d
                    .fix
                    .take()
                    .and_then(|fix| self.carry_fix(*fix).map(Box::new));
                d
            })
            .collect();
        diagnostic::order(&mut carried);
        carried
    }

    fn carry_fix(&self, mut fix: Fix) -> Option<Fix> {
        for edit in &mut fix.edits {
            if self.unknown.iter().any(|u| touches(*u, edit.span)) {
                return None;
            }
            edit.span = self.map.edit(edit.span, &edit.replacement)?;
        }
        Some(fix)
    }

    fn rests_on_unknown(&self, finding: &Diagnostic) -> bool {
        if self.unknown.is_empty() {
            return false;
        }
        finding.reach == Reach::WholeSet
            || finding
                .labels()
                .any(|label| self.unknown.iter().any(|u| touches(*u, label.span)))
    }
}

/// How `c` is written inside a JSON string when it cannot stand as itself, as Terraform's
/// `jsonencode` writes it (Go's encoder also escapes `<`, `>`, `&` and the two line
/// separators); `None` for a character that stands as itself. Any other JSON writer's escapes
/// mean the same characters, so this one serves every front end.
pub(crate) fn json_escape(c: char) -> Option<String> {
    Some(match c {
        '"' => "\\\"".into(),
        '\\' => "\\\\".into(),
        '\n' => "\\n".into(),
        '\r' => "\\r".into(),
        '\t' => "\\t".into(),
        '\u{8}' => "\\b".into(),
        '\u{c}' => "\\f".into(),
        '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => format!("\\u{:04x}", c as u32),
        c if (c as u32) < 0x20 => format!("\\u{:04x}", c as u32),
        _ => return None,
    })
}

/// `text` as the inside of a JSON string.
pub(crate) fn json_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match json_escape(c) {
            Some(escaped) => out.push_str(&escaped),
            None => out.push(c),
        }
    }
    out
}

/// Whether `label` lies on `unknown`: they overlap, or an empty label sits inside it.
fn touches(unknown: Span, label: Span) -> bool {
    if label.is_empty() {
        unknown.start <= label.start && label.start < unknown.end
    } else {
        label.start < unknown.end && unknown.start < label.end
    }
}

/// Where the bytes of a decoded text came from in the host file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetMap {
    /// Contiguous pieces in decoded order, covering the whole decoded text.
    pieces: Vec<Piece>,
    /// Where an empty text, or an offset past every piece, is placed.
    whole: Span,
    /// The text is a file's own bytes, not a value written in host syntax ([`identity`]):
    /// any edit of it is the same edit of the file.
    ///
    /// [`identity`]: OffsetMap::identity
    plain: bool,
}

/// A run of decoded bytes and the host bytes it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Where the run starts in the decoded text.
    start: usize,
    /// The host bytes it came from.
    host: Span,
    /// The run is the host bytes themselves, byte for byte (so `host.len()` is its length);
    /// otherwise the whole run stands for all of `host` (an escape, a folded line break, a
    /// placeholder, a quote the host never wrote).
    verbatim: bool,
}

impl OffsetMap {
    /// The map of a text that is a file's bytes `start..` unchanged, read as they are (a JSON
    /// file read with `file()`), not a value written in host syntax.
    pub fn identity(start: usize, len: usize) -> Self {
        let host = Span::new(start, start + len);
        OffsetMap {
            pieces: vec![Piece {
                start: 0,
                host,
                verbatim: true,
            }],
            whole: host,
            plain: true,
        }
    }

    /// The host bytes behind `span` of the decoded text. A span inside a verbatim run maps byte
    /// for byte; one that touches a non-verbatim run takes that run's host bytes whole. An
    /// empty span maps to an empty span.
    pub fn span(&self, span: Span) -> Span {
        let start = self.start_of(span.start);
        if span.is_empty() {
            return Span::at(start);
        }
        let end = self.end_of(span.end).max(start);
        Span::new(start, end)
    }

    /// The host bytes where replacing `span` of the decoded text with `replacement` makes the
    /// same change to the decoded text, or `None` where that is not certain. It is certain when
    /// the span (for an insertion, the byte before it) lies in one verbatim run, so the host
    /// bytes there are the decoded bytes, and the replacement is made only of characters that
    /// stand for themselves wherever a run can be (in a heredoc, an HCL or YAML string, an
    /// escaped JSON string, a bare key or a plain YAML scalar): ASCII letters, digits, `-` and
    /// `_`. An edit at the start of a run, which may be the start of a bare key or a plain
    /// scalar, must put a letter there.
    /// In a map of a file's own text ([`identity`](Self::identity)) every edit maps.
    pub fn edit(&self, span: Span, replacement: &str) -> Option<Span> {
        if self.plain {
            let host = self.span(span);
            return (host.len() == span.len()).then_some(host);
        }
        let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if !replacement.chars().all(plain) {
            return None;
        }
        let first = if span.is_empty() {
            span.start.checked_sub(1)?
        } else {
            span.start
        };
        let piece = self.piece(first).filter(|p| p.verbatim)?;
        let run_end = piece.start + piece.host.len();
        if span.end > run_end {
            return None;
        }
        let at_run_start = !span.is_empty() && span.start == piece.start;
        if at_run_start && !replacement.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let start = piece.host.start + (span.start - piece.start);
        Some(Span::new(start, start + span.len()))
    }

    /// The host offset where decoded offset `at` starts.
    fn start_of(&self, at: usize) -> usize {
        match self.piece(at) {
            Some(p) if p.verbatim => p.host.start + (at - p.start),
            Some(p) => p.host.start,
            None => self.pieces.last().map_or(self.whole.start, |p| p.host.end),
        }
    }

    /// The host offset where a decoded range ending at `at` (exclusive) ends.
    fn end_of(&self, at: usize) -> usize {
        if at == 0 {
            return self.start_of(0);
        }
        match self.piece(at - 1) {
            Some(p) if p.verbatim => p.host.start + (at - p.start),
            Some(p) => p.host.end,
            None => self.pieces.last().map_or(self.whole.end, |p| p.host.end),
        }
    }

    /// The piece holding decoded byte `at`.
    fn piece(&self, at: usize) -> Option<&Piece> {
        let i = self
            .pieces
            .partition_point(|p| p.start <= at)
            .checked_sub(1)?;
        let piece = &self.pieces[i];
        let end = self.pieces.get(i + 1).map_or(usize::MAX, |next| next.start);
        (at < end).then_some(piece)
    }
}

/// Builds a [`Decoded`] text piece by piece as a front end reads the host file.
///
/// It follows the JSON it is given well enough to know whether a placeholder lands inside a
/// string, so that an unknown part of a name makes the whole name unknown.
#[derive(Debug)]
pub(crate) struct Builder {
    text: String,
    pieces: Vec<Piece>,
    whole: Span,
    unknown: Vec<Span>,
    /// The decoded offset of the opening quote of the JSON string being written, if any.
    string_start: Option<usize>,
    /// The string being written holds a placeholder.
    string_unknown: bool,
    /// The previous byte was a backslash inside a string.
    escaped: bool,
}

impl Builder {
    /// A builder for a mapping whose value the host file holds at `whole` (where an empty
    /// document is reported).
    pub fn new(whole: Span) -> Self {
        Builder {
            text: String::new(),
            pieces: Vec::new(),
            whole,
            unknown: Vec::new(),
            string_start: None,
            string_unknown: false,
            escaped: false,
        }
    }

    /// Appends `text`, which is the host bytes starting at `host_start` unchanged.
    pub fn verbatim(&mut self, text: &str, host_start: usize) {
        self.push(text, Span::new(host_start, host_start + text.len()), true);
    }

    /// Appends `text`, which the host bytes `host` stand for as a whole (an escape sequence, a
    /// folded line break, a quote the host never wrote: then `host` is empty).
    pub fn decoded(&mut self, text: &str, host: Span) {
        self.push(text, host, false);
    }

    /// Appends a placeholder for the value the host computes from the bytes `host`. Inside a
    /// JSON string it is a plain letter, and the whole string becomes unknown; elsewhere it is
    /// a JSON string of its own, so the document stays JSON.
    pub fn unknown(&mut self, host: Span) {
        let start = self.text.len();
        if self.string_start.is_some() {
            self.push("x", host, false);
            self.string_unknown = true;
        } else {
            self.push("\"x\"", host, false);
        }
        self.unknown.push(Span::new(start, self.text.len()));
    }

    /// The decoded text, its map and its unknown parts.
    pub fn finish(self) -> Decoded {
        let mut unknown = self.unknown;
        unknown.sort();
        Decoded {
            text: self.text,
            map: OffsetMap {
                pieces: self.pieces,
                whole: self.whole,
                plain: false,
            },
            unknown,
        }
    }

    fn push(&mut self, text: &str, host: Span, verbatim: bool) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        // Merge a verbatim run into the one before when they touch in both texts.
        match self.pieces.last() {
            Some(last)
                if verbatim && last.verbatim && last.host.end == host.start && {
                    last.start + last.host.len() == start
                } =>
            {
                self.pieces.last_mut().expect("checked").host.end = host.end;
            }
            _ => self.pieces.push(Piece {
                start,
                host,
                verbatim,
            }),
        }
        self.text.push_str(text);
        self.follow(start);
    }

    /// Tracks JSON strings over the bytes appended from `from`.
    fn follow(&mut self, from: usize) {
        for (i, b) in self.text.as_bytes()[from..].iter().enumerate() {
            let at = from + i;
            match (self.string_start, b) {
                (Some(_), _) if self.escaped => self.escaped = false,
                (Some(_), b'\\') => self.escaped = true,
                (Some(open), b'"') => {
                    if self.string_unknown {
                        self.unknown.push(Span::new(open, at + 1));
                    }
                    self.string_start = None;
                    self.string_unknown = false;
                }
                (None, b'"') => self.string_start = Some(at),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn verbatim_runs_map_byte_for_byte_and_escapes_whole() {
        // Host: `"{\"a\": 1}"` at offset 10; decoded: `{"a": 1}`.
        let mut b = Builder::new(Span::new(10, 22));
        b.verbatim("{", 11);
        b.decoded("\"", Span::new(12, 14));
        b.verbatim("a", 14);
        b.decoded("\"", Span::new(15, 17));
        b.verbatim(": 1}", 17);
        let d = b.finish();
        assert_eq!(d.text, "{\"a\": 1}");
        // The key with its quotes: the escapes whole.
        assert_eq!(d.map.span(Span::new(1, 4)), Span::new(12, 17));
        // `1` alone, inside a run.
        assert_eq!(d.map.span(Span::new(6, 7)), Span::new(19, 20));
        // An empty span at the end of the text lands after the last byte.
        assert_eq!(d.map.span(Span::at(8)), Span::at(21));
        assert_eq!(d.map.span(Span::at(0)), Span::at(11));
    }

    #[test]
    fn a_placeholder_in_a_string_makes_the_string_unknown() {
        let mut b = Builder::new(Span::new(0, 40));
        b.verbatim("{\"s\": \"pre_", 0);
        b.unknown(Span::new(11, 20));
        b.verbatim("\", \"n\": ", 20);
        b.unknown(Span::new(28, 34));
        b.verbatim("}", 34);
        let d = b.finish();
        assert_eq!(d.text, "{\"s\": \"pre_x\", \"n\": \"x\"}");
        assert_eq!(
            d.unknown,
            [Span::new(6, 13), Span::new(11, 12), Span::new(20, 23)]
        );
        // The placeholder maps to the whole interpolation.
        assert_eq!(d.map.span(Span::new(11, 12)), Span::new(11, 20));
    }

    #[test]
    fn findings_on_unknown_parts_are_dropped_and_the_rest_carried() {
        use crate::diagnostic::Label;
        let mut b = Builder::new(Span::new(0, 30));
        b.verbatim("{\"a\": ", 0);
        b.unknown(Span::new(6, 14));
        b.verbatim(", \"b\": 1}", 14);
        let d = b.finish();
        let on = |start, end| {
            Diagnostic::error(
                Code::InvalidValue,
                "x",
                Label::new(Span::new(start, end), "x"),
            )
        };
        let carried = d.carry([on(6, 9), on(11, 14), on(0, 0)]);
        let spans: Vec<Span> = carried.iter().map(|f| f.primary.span).collect();
        // `"b"` lies after the placeholder: decoded 11..14 is host 16..19.
        assert_eq!(d.text, "{\"a\": \"x\", \"b\": 1}");
        assert_eq!(spans, [Span::at(0), Span::new(16, 19)]);
        let whole = Diagnostic::error(Code::NoSelectionRule, "x", Label::new(Span::new(0, 1), "x"));
        assert_eq!(d.carry([whole.clone()]).len(), 1, "on known bytes");
        assert!(d.carry([whole.about_whole_set()]).is_empty());
    }

    /// The checks that judge the whole set of rules say so where they make their findings.
    #[test]
    fn findings_about_the_whole_set_say_so() {
        use crate::diagnostic::Reach;
        let reach = |text: &str| -> Vec<(&'static str, Reach)> {
            let checked = crate::lint(text, &crate::Options::default());
            let mut found: Vec<_> = checked
                .diagnostics()
                .iter()
                .map(|d| (d.code.as_str(), d.reach))
                .collect();
            found.sort_by_key(|(code, _)| *code);
            found
        };
        assert_eq!(
            reach(r#"{"rules": []}"#),
            [("dms::no_selection_rule", Reach::WholeSet)]
        );
        let exclude_only = r#"{"rules": [{"rule-type": "selection", "rule-id": "1",
            "rule-name": "1", "object-locator": {"schema-name": "HR", "table-name": "%"},
            "rule-action": "exclude", "rule-acton": "x"}]}"#;
        assert_eq!(
            reach(exclude_only),
            [
                ("dms::exclude_without_include", Reach::WholeSet),
                ("dms::unknown_key", Reach::Labels),
            ]
        );
    }

    #[test]
    fn an_empty_text_maps_to_the_mapping() {
        let d = Builder::new(Span::new(5, 9)).finish();
        assert_eq!(d.map.span(Span::new(0, 0)), Span::at(5));
    }
}
