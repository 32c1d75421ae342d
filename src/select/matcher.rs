//! Whether an object name fits a locator name: exactly, or as a DMS wildcard pattern.
//!
//! A pattern is split at its `%`s into segments of fixed length (in characters). The first
//! segment must match at the start of the name, the last at its end, and the ones between are
//! placed left to right at their leftmost match. Placing a fixed-length segment as far left as
//! it goes always leaves the most room for the rest, so no choice is ever revisited: matching
//! costs at most the name's length times the pattern's, and is linear for the usual shapes
//! (`TMP[_]%`, `%_LOG`, `%a%a%a%b`), with no backtracking to blow up.

use crate::ast::{CharSet, Name, NamePattern, PieceKind};

/// A locator name, ready to test object names against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatcher {
    /// Exact names (explicit rules, `server-name`) and patterns without a wildcard.
    Exact(String),
    /// Patterns with at least one wildcard.
    Pattern(PatternMatcher),
}

/// Where the rule index files a name: under the whole name, or under the literal text every
/// match starts with (`""` for names that can start with anything).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexKey<'m> {
    /// The whole name, for exact names.
    Exact(&'m str),
    /// The literal prefix, for patterns.
    Prefix(&'m str),
}

impl NameMatcher {
    /// The matcher for a locator name: a pattern where the rule made it one, else the exact
    /// text.
    pub fn of(name: &Name<'_>) -> NameMatcher {
        match &name.pattern {
            Some(pattern) => NameMatcher::from_pattern(pattern),
            None => NameMatcher::Exact(name.value().to_string()),
        }
    }

    /// The matcher for a parsed pattern; one without wildcards is [`Exact`](Self::Exact).
    pub fn from_pattern(pattern: &NamePattern<'_>) -> NameMatcher {
        NameMatcher::from_pieces(pattern.pieces().iter().map(|p| p.kind.clone()))
    }

    fn from_pieces<'p>(pieces: impl IntoIterator<Item = PieceKind<'p>>) -> NameMatcher {
        let matcher = PatternMatcher::new(pieces);
        match matcher.segments.as_slice() {
            [only] => match only.tokens.as_slice() {
                [] => NameMatcher::Exact(String::new()),
                [Token::Literal(text)] => NameMatcher::Exact(text.clone()),
                _ => NameMatcher::Pattern(matcher),
            },
            _ => NameMatcher::Pattern(matcher),
        }
    }

    /// True when `name` fits, case included.
    pub fn matches(&self, name: &str) -> bool {
        match self {
            // Names of one length often differ in their last byte (`C12`, `C13`): comparing
            // it first spares most calls to `memcmp`, which dominated naming columns.
            NameMatcher::Exact(text) => {
                text.len() == name.len()
                    && text.as_bytes().last() == name.as_bytes().last()
                    && text == name
            }
            NameMatcher::Pattern(pattern) => pattern.matches(name),
        }
    }

    /// True for `%` alone, which every name fits.
    pub fn matches_everything(&self) -> bool {
        match self {
            NameMatcher::Exact(_) => false,
            NameMatcher::Pattern(pattern) => match pattern.segments.as_slice() {
                [first, last] => first.tokens.is_empty() && last.tokens.is_empty(),
                _ => false,
            },
        }
    }

    /// Where the rule index files this name.
    pub fn index_key(&self) -> IndexKey<'_> {
        match self {
            NameMatcher::Exact(text) => IndexKey::Exact(text),
            NameMatcher::Pattern(pattern) => IndexKey::Prefix(pattern.literal_prefix()),
        }
    }

    /// The same matcher with every letter lower-cased, to test lower-cased names: "would it
    /// match if case did not matter", for suggestions only.
    pub fn folded(&self) -> NameMatcher {
        match self {
            NameMatcher::Exact(text) => NameMatcher::Exact(text.to_lowercase()),
            NameMatcher::Pattern(pattern) => {
                NameMatcher::from_pieces(pattern.segments.iter().enumerate().flat_map(
                    |(i, segment)| {
                        let star = (i > 0).then_some(PieceKind::AnyRun);
                        star.into_iter()
                            .chain(segment.tokens.iter().map(Token::folded))
                    },
                ))
            }
        }
    }
}

/// A pattern with at least one wildcard, split at its `%`s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternMatcher {
    /// One segment when the pattern has no `%`; otherwise one more than it has `%`s, some of
    /// them possibly empty.
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Segment {
    tokens: Vec<Token>,
    /// How many characters the segment matches.
    chars: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Literal(String),
    AnyChar,
    Set(CharSet),
}

impl Token {
    fn folded(&self) -> PieceKind<'static> {
        match self {
            Token::Literal(text) => PieceKind::Literal(text.to_lowercase().into()),
            Token::AnyChar => PieceKind::AnyChar,
            Token::Set(set) => PieceKind::Set(CharSet {
                ranges: set
                    .ranges
                    .iter()
                    .map(|&(lo, hi)| (lower(lo), lower(hi)))
                    .map(|(lo, hi)| (lo.min(hi), lo.max(hi)))
                    .collect(),
            }),
        }
    }
}

/// The lower-case form of a character when it is a single character.
fn lower(c: char) -> char {
    let mut lowered = c.to_lowercase();
    match (lowered.next(), lowered.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

impl PatternMatcher {
    fn new<'p>(pieces: impl IntoIterator<Item = PieceKind<'p>>) -> PatternMatcher {
        let mut segments = vec![Segment::default()];
        for piece in pieces {
            let (token, chars) = match piece {
                PieceKind::AnyRun => {
                    segments.push(Segment::default());
                    continue;
                }
                PieceKind::Literal(text) => {
                    let chars = text.chars().count();
                    (Token::Literal(text.into_owned()), chars)
                }
                PieceKind::AnyChar => (Token::AnyChar, 1),
                PieceKind::Set(set) => (Token::Set(set), 1),
            };
            if let Some(segment) = segments.last_mut() {
                segment.chars += chars;
                // Keep literal text in one token, so a segment can be found with `str::find`.
                match (segment.tokens.last_mut(), token) {
                    (Some(Token::Literal(previous)), Token::Literal(text)) => {
                        previous.push_str(&text)
                    }
                    (_, token) => segment.tokens.push(token),
                }
            }
        }
        PatternMatcher { segments }
    }

    /// The literal text every match starts with.
    /// The literal text every match starts with; `""` when a match can start with anything.
    pub fn literal_prefix(&self) -> &str {
        match self.segments.first().and_then(|s| s.tokens.first()) {
            Some(Token::Literal(text)) => text,
            _ => "",
        }
    }

    /// True when `name` fits the pattern, case included.
    pub fn matches(&self, name: &str) -> bool {
        // The usual shapes, `%`, `ABC%` and `%ABC`, without the general walk.
        match self.segments.as_slice() {
            [first, last] if last.tokens.is_empty() => match first.tokens.as_slice() {
                [] => return true,
                [Token::Literal(prefix)] => return name.starts_with(prefix.as_str()),
                _ => {}
            },
            [first, last] if first.tokens.is_empty() => {
                if let [Token::Literal(suffix)] = last.tokens.as_slice() {
                    return name.ends_with(suffix.as_str());
                }
            }
            _ => {}
        }
        let (first, rest) = match self.segments.split_first() {
            Some(split) => split,
            None => return name.is_empty(),
        };
        let Some((last, middle)) = rest.split_last() else {
            return first.match_at(name, 0) == Some(name.len());
        };
        let Some(mut at) = first.match_at(name, 0) else {
            return false;
        };
        // The last segment takes the name's last `chars` characters, after everything else.
        let Some(tail) = start_of_last_chars(name, last.chars) else {
            return false;
        };
        if tail < at || last.match_at(name, tail) != Some(name.len()) {
            return false;
        }
        let room = &name[..tail];
        for segment in middle {
            match segment.find(room, at) {
                Some(end) => at = end,
                None => return false,
            }
        }
        true
    }
}

impl Segment {
    /// Where a match of the segment starting at byte `at` ends, if it matches there.
    fn match_at(&self, name: &str, at: usize) -> Option<usize> {
        let mut rest = name.get(at..)?;
        for token in &self.tokens {
            rest = match token {
                Token::Literal(text) => rest.strip_prefix(text.as_str())?,
                Token::AnyChar => skip_char(rest)?.1,
                Token::Set(set) => {
                    let (c, after) = skip_char(rest)?;
                    if !set.contains(c) {
                        return None;
                    }
                    after
                }
            };
        }
        Some(name.len() - rest.len())
    }

    /// The end of the leftmost match starting at or after byte `from`.
    fn find(&self, name: &str, from: usize) -> Option<usize> {
        let mut at = from;
        loop {
            if let Some(Token::Literal(text)) = self.tokens.first() {
                // Jump straight to the next place the literal start occurs.
                at += name.get(at..)?.find(text.as_str())?;
            }
            if let Some(end) = self.match_at(name, at) {
                return Some(end);
            }
            at += skip_char(name.get(at..)?)?.0.len_utf8();
        }
    }
}

fn skip_char(text: &str) -> Option<(char, &str)> {
    let c = text.chars().next()?;
    Some((c, &text[c.len_utf8()..]))
}

/// The byte offset where the last `n` characters of `name` start.
fn start_of_last_chars(name: &str, n: usize) -> Option<usize> {
    if n == 0 {
        return Some(name.len());
    }
    name.char_indices().rev().nth(n - 1).map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn pattern(text: &str) -> NameMatcher {
        NameMatcher::from_pattern(
            &crate::lower::pattern::pattern(text, Span::new).expect("valid pattern"),
        )
    }

    #[test]
    fn wildcards_follow_dms() {
        let cases: &[(&str, &str, bool)] = &[
            ("%", "", true),
            ("%", "anything", true),
            ("TMP_%", "TMP_A", true),
            ("TMP_%", "TMPXA", true),
            ("TMP[_]%", "TMPXA", false),
            ("TMP[_]%", "TMP_A", true),
            ("100[%]", "100%", true),
            ("100[%]", "1000", false),
            ("a_c", "abc", true),
            ("a_c", "ac", false),
            ("a_c", "a\u{e9}c", true),
            ("[a-c]x", "bx", true),
            ("[a-c]x", "dx", false),
            ("[xy]%", "y", true),
            ("%LOG", "AUDIT_LOG", true),
            ("%LOG", "LOGS", false),
            ("%a%b%", "xxaxxbxx", true),
            ("%a%b%", "xxbxxaxx", false),
            ("a%a", "a", false),
            ("a%a", "aa", true),
            ("%ab%ba%", "aba", false),
            ("%ab%ba%", "abba", true),
            ("Emp%", "emp", false),
            ("_%_", "x", false),
            ("_%_", "xy", true),
        ];
        for &(p, name, expected) in cases {
            assert_eq!(pattern(p).matches(name), expected, "`{p}` against `{name}`");
        }
    }

    #[test]
    fn patterns_without_wildcards_are_exact() {
        assert_eq!(pattern("TMP[_]X"), NameMatcher::Exact("TMP_X".into()));
        assert_eq!(pattern("A%").index_key(), IndexKey::Prefix("A"));
        assert_eq!(pattern("_A").index_key(), IndexKey::Prefix(""));
    }

    #[test]
    fn many_stars_against_a_long_name_stay_fast() {
        let matcher = pattern("%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%b");
        let long = "a".repeat(200_000);
        let start = std::time::Instant::now();
        assert!(!matcher.matches(&long));
        assert!(matcher.matches(&format!("{long}b")));
        let wildcards = pattern("%_a_%_a_%_a_%_b");
        assert!(!wildcards.matches(&long));
        // A backtracking matcher takes longer than the universe here; this takes milliseconds.
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn folding_ignores_case() {
        let folded = pattern("HR_%").folded();
        assert!(folded.matches("hr_x"));
        assert!(!folded.matches("HR_X"));
        assert!(pattern("[A-C]x").folded().matches("bx"));
    }
}
