//! A string decoded from the template, with the template bytes each run of it came from.
//!
//! Scalars are decoded into this first, so that `!Sub` variables and dynamic references can be
//! found in the decoded text and still be mapped back, and so a decoding can be checked against
//! the parser's value before any of it reaches a [`Builder`].

use std::ops::Range;

use crate::host::decoded::{json_escape, json_escaped, Builder};
use crate::span::Span;

#[derive(Debug, Default)]
pub(super) struct Mapped {
    text: String,
    runs: Vec<Run>,
}

#[derive(Debug, Clone, Copy)]
struct Run {
    /// Where the run starts in `text`.
    start: usize,
    host: Span,
    /// The run is the host bytes themselves; otherwise it stands for all of `host`.
    verbatim: bool,
}

impl Mapped {
    /// `text` standing for the host bytes `host` as a whole: what a decoding falls back to when
    /// it cannot account for every byte.
    pub fn whole(text: &str, host: Span) -> Self {
        let mut mapped = Mapped::default();
        mapped.decoded(text, host);
        mapped
    }

    /// Appends `text`, which is the host bytes from `host_start` unchanged.
    pub fn verbatim(&mut self, text: &str, host_start: usize) {
        let host = Span::new(host_start, host_start + text.len());
        if let Some(last) = self.runs.last_mut() {
            let touches = last.verbatim
                && last.host.end == host_start
                && last.start + last.host.len() == self.text.len();
            if touches {
                last.host.end = host.end;
                self.text.push_str(text);
                return;
            }
        }
        self.push(text, host, true);
    }

    /// Appends `text`, which the host bytes `host` stand for as a whole (an escape, a folded
    /// line break).
    pub fn decoded(&mut self, text: &str, host: Span) {
        self.push(text, host, false);
    }

    fn push(&mut self, text: &str, host: Span, verbatim: bool) {
        if text.is_empty() {
            return;
        }
        self.runs.push(Run {
            start: self.text.len(),
            host,
            verbatim,
        });
        self.text.push_str(text);
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The host bytes behind `range` of the text.
    pub fn host(&self, range: Range<usize>) -> Span {
        let mut covered: Option<Span> = None;
        for (run, sub) in self.runs_in(range.clone()) {
            let host = if run.verbatim {
                let at = run.host.start + (sub.start - run.start);
                Span::new(at, at + sub.len())
            } else {
                run.host
            };
            covered = Some(covered.map_or(host, |c| c.cover(host)));
        }
        covered.unwrap_or_else(|| {
            let at = self
                .runs
                .iter()
                .rev()
                .find(|r| r.start <= range.start)
                .map_or(0, |r| r.host.end);
            Span::at(at)
        })
    }

    /// Appends `range` of the text to `out`, each run with its origin.
    pub fn emit(&self, range: Range<usize>, out: &mut Builder) {
        for (run, sub) in self.runs_in(range) {
            let text = &self.text[sub.clone()];
            if run.verbatim {
                out.verbatim(text, run.host.start + (sub.start - run.start));
            } else {
                out.decoded(text, run.host);
            }
        }
    }

    /// Appends `range` of the text to `out` as the inside of a JSON string: a character JSON
    /// must escape becomes its escape, standing for the host bytes of that character.
    pub fn emit_escaped(&self, range: Range<usize>, out: &mut Builder) {
        for (run, sub) in self.runs_in(range) {
            let text = &self.text[sub.clone()];
            if !run.verbatim {
                out.decoded(&json_escaped(text), run.host);
                continue;
            }
            let host_start = run.host.start + (sub.start - run.start);
            let mut plain_from = 0;
            for (i, c) in text.char_indices() {
                let Some(escaped) = json_escape(c) else {
                    continue;
                };
                out.verbatim(&text[plain_from..i], host_start + plain_from);
                let end = i + c.len_utf8();
                out.decoded(&escaped, Span::new(host_start + i, host_start + end));
                plain_from = end;
            }
            out.verbatim(&text[plain_from..], host_start + plain_from);
        }
    }

    /// The runs that overlap `range`, each with the part of `range` it holds.
    fn runs_in(&self, range: Range<usize>) -> impl Iterator<Item = (Run, Range<usize>)> + '_ {
        let first = self.runs.partition_point(|r| r.start <= range.start);
        self.runs[first.saturating_sub(1)..]
            .iter()
            .enumerate()
            .map(move |(i, run)| {
                let index = first.saturating_sub(1) + i;
                let end = self
                    .runs
                    .get(index + 1)
                    .map_or(self.text.len(), |n| n.start);
                (*run, run.start.max(range.start)..end.min(range.end))
            })
            .take_while(move |(run, _)| run.start < range.end)
            .filter(|(_, sub)| !sub.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Mapped {
        // Host `a\"b` at 10 decoded to `a"b`.
        let mut m = Mapped::default();
        m.verbatim("a", 10);
        m.decoded("\"", Span::new(11, 13));
        m.verbatim("b", 13);
        m
    }

    #[test]
    fn host_maps_verbatim_bytes_one_for_one_and_escapes_whole() {
        let m = sample();
        assert_eq!(m.text(), "a\"b");
        assert_eq!(m.host(0..1), Span::new(10, 11));
        assert_eq!(m.host(1..2), Span::new(11, 13));
        assert_eq!(m.host(0..3), Span::new(10, 14));
        assert_eq!(m.host(3..3), Span::at(14));
    }

    #[test]
    fn touching_verbatim_runs_merge() {
        let mut m = Mapped::default();
        m.verbatim("ab", 0);
        m.verbatim("cd", 2);
        assert_eq!(m.runs.len(), 1);
        assert_eq!(m.host(1..3), Span::new(1, 3));
    }

    #[test]
    fn emit_escaped_escapes_a_quote_onto_its_own_bytes() {
        let m = sample();
        let mut b = Builder::new(Span::new(10, 14));
        b.decoded("\"", Span::at(10));
        m.emit_escaped(0..3, &mut b);
        b.decoded("\"", Span::at(14));
        let d = b.finish();
        assert_eq!(d.text, "\"a\\\"b\"");
        // The escaped quote maps onto the two host bytes it came from.
        assert_eq!(d.map.span(Span::new(2, 4)), Span::new(11, 13));
        // The whole string maps onto the whole host text.
        assert_eq!(d.map.span(Span::new(0, 6)), Span::new(10, 14));
    }
}
