//! Path globs of overrides and suppressions, matched against a path relative to the
//! configuration file's folder with `/` between folders: `*` and `?` stay within a folder,
//! `**` (a whole folder name) crosses any number of them, `[ab]` and `[!ab]` are sets.

use glob::{MatchOptions, Pattern};

const OPTIONS: MatchOptions = MatchOptions {
    case_sensitive: true,
    require_literal_separator: true,
    require_literal_leading_dot: false,
};

/// One or more globs; a path matches when any does.
#[derive(Debug, Clone, Default)]
pub(super) struct Globs(Vec<Glob>);

/// A glob, or a plain path where it has no wildcard (a suppression's `path` mostly): compared
/// as it is, without building a pattern (about a microsecond each, the most of reading the
/// configuration after the TOML).
#[derive(Debug, Clone)]
enum Glob {
    Literal(String),
    Pattern(Pattern),
}

impl Globs {
    /// Adds `glob` (a leading `./` dropped); on error, the byte of `glob` where it fails and
    /// why.
    pub fn add(&mut self, glob: &str) -> Result<(), (usize, &'static str)> {
        let (skipped, pattern) = match glob.strip_prefix("./") {
            Some(rest) => (2, rest),
            None => (0, glob),
        };
        // The error's position counts characters.
        let byte = |chars: usize| {
            pattern
                .char_indices()
                .nth(chars)
                .map_or(pattern.len(), |(i, _)| i)
        };
        if !pattern.contains(['*', '?', '[', ']']) {
            self.0.push(Glob::Literal(pattern.to_owned()));
            return Ok(());
        }
        let pattern = Pattern::new(pattern).map_err(|e| (skipped + byte(e.pos), e.msg))?;
        self.0.push(Glob::Pattern(pattern));
        Ok(())
    }

    /// The one plain path these globs are, when they are one and it has no wildcard.
    pub fn literal(&self) -> Option<&str> {
        match &self.0[..] {
            [Glob::Literal(path)] => Some(path),
            _ => None,
        }
    }

    pub fn is_match(&self, relative: &str) -> bool {
        self.0.iter().any(|glob| match glob {
            Glob::Literal(path) => path == relative,
            Glob::Pattern(pattern) => pattern.matches_with(relative, OPTIONS),
        })
    }
}
