//! Finding repeated keys (rule ids, rule names) by sorting rather than hashing: no hash to
//! compute per rule, no table to grow, and no input that can make it slow.

use crate::span::Span;

/// Keys with where each was written, gathered rule by rule.
pub(super) struct Occurrences<K> {
    seen: Vec<(K, Span)>,
}

impl<K> Default for Occurrences<K> {
    fn default() -> Self {
        Occurrences { seen: Vec::new() }
    }
}

impl<K: Ord> Occurrences<K> {
    pub(super) fn push(&mut self, key: K, span: Span) {
        self.seen.push((key, span));
    }

    /// Every occurrence of a key after its first, with where it was first written; `f` is
    /// called with the key, the repeat and the first.
    pub(super) fn repeats(mut self, mut f: impl FnMut(&K, Span, Span)) {
        self.seen
            .sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.start.cmp(&b.1.start)));
        for group in self.seen.chunk_by(|a, b| a.0 == b.0) {
            let (key, first) = &group[0];
            for (_, again) in &group[1..] {
                f(key, *again, *first);
            }
        }
    }
}
