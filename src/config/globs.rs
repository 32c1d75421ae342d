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
pub(super) struct Globs(Vec<Pattern>);

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
        let pattern = Pattern::new(pattern).map_err(|e| (skipped + byte(e.pos), e.msg))?;
        self.0.push(pattern);
        Ok(())
    }

    pub fn is_match(&self, relative: &str) -> bool {
        self.0.iter().any(|p| p.matches_with(relative, OPTIONS))
    }
}
