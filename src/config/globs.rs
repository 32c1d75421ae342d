//! Path globs of overrides and suppressions, matched against a path relative to the
//! configuration file's folder with `/` between folders: `*` and `?` stay within a folder,
//! `**` (a whole folder name) crosses any number of them, `[ab]` and `[!ab]` are sets.

use std::sync::OnceLock;

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
    /// A glob of `*`, `**` and `?` only, already known to be well formed: built into a pattern
    /// only when a path starts with its literal part (`legacy/` of `legacy/**`), so an override
    /// no checked file could match costs no pattern. Building the three patterns of a typical
    /// configuration was a tenth of reading it (benches/config.rs).
    Lazy {
        text: String,
        /// The bytes before the first wildcard, which a matching path starts with.
        prefix: usize,
        pattern: OnceLock<Option<Pattern>>,
    },
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
        if !pattern.contains(['*', '?', '[', ']']) {
            self.0.push(Glob::Literal(pattern.to_owned()));
            return Ok(());
        }
        if well_formed(pattern) {
            let prefix = pattern.find(['*', '?']).unwrap_or(pattern.len());
            self.0.push(Glob::Lazy {
                text: pattern.to_owned(),
                prefix,
                pattern: OnceLock::new(),
            });
            return Ok(());
        }
        // The error's position counts characters.
        let byte = |chars: usize| {
            pattern
                .char_indices()
                .nth(chars)
                .map_or(pattern.len(), |(i, _)| i)
        };
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
            Glob::Lazy {
                text,
                prefix,
                pattern,
            } => {
                // Literal characters match only themselves (the match is case-sensitive).
                relative.starts_with(&text[..*prefix])
                    && pattern
                        .get_or_init(|| Pattern::new(text).ok())
                        .as_ref()
                        .is_some_and(|p| p.matches_with(relative, OPTIONS))
            }
            Glob::Pattern(pattern) => pattern.matches_with(relative, OPTIONS),
        })
    }
}

/// Whether `glob` has no set (`[`, `]`) and each of its runs of `*` is one `*`, or a `**` that is
/// a whole folder name: then `glob`'s `Pattern::new` accepts it (a property test holds this),
/// and building the pattern can wait. Anything else is built at once, which finds its errors.
fn well_formed(glob: &str) -> bool {
    if glob.contains(['[', ']']) {
        return false;
    }
    let bytes = glob.as_bytes();
    let separator = |b: u8| std::path::is_separator(b as char);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'*' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b'*' {
            i += 1;
        }
        match i - start {
            1 => {}
            2 => {
                let whole = (start == 0 || separator(bytes[start - 1]))
                    && (i == bytes.len() || separator(bytes[i]));
                if !whole {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// A glob kept to be built later is one `glob` accepts; every glob is accepted or
        /// refused as `glob` does, and matches what `glob` matches.
        #[test]
        fn globs_are_read_and_matched_as_glob_reads_and_matches_them(
            glob in "(\\./)?[a./*?\\[\\]!]{1,12}",
            path in "[a./]{0,10}",
        ) {
            let stripped = glob.strip_prefix("./").unwrap_or(&glob);
            let eager = Pattern::new(stripped);
            if well_formed(stripped) {
                prop_assert!(eager.is_ok(), "{}: {:?}", stripped, eager);
            }
            let mut ours = Globs::default();
            let added = ours.add(&glob);
            prop_assert_eq!(added.is_ok(), eager.is_ok(), "{}", glob);
            if let Ok(pattern) = eager {
                prop_assert_eq!(
                    ours.is_match(&path),
                    pattern.matches_with(&path, OPTIONS),
                    "{} against {}", glob, path
                );
            }
        }
    }
}
