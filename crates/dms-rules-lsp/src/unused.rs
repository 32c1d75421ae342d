//! The `[[suppress]]` entries of a configuration open in the editor that silence nothing, as
//! `lint` reports them (`dms::unused_suppression` on the entry's header): the files the entries
//! name are checked with this configuration, open documents as the editor has them and the rest
//! from disk, and an entry that matched a file but silenced no finding in any is reported.
//!
//! Only the files the entries name are read, and only so many: a plain `path` is one file; a
//! glob is matched against the files under the configuration's folder, walked up to a bound.
//! An entry whose files could not all be checked is not judged, and the log says why.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use dms_rules::config::Config;
use dms_rules::{Diagnostic, Options};

use crate::config::Loaded;
use crate::document::{self, Kind};

/// The most files checked for one configuration's entries.
pub const MAX_FILES: usize = 200;

/// The most folder entries looked at when matching the entries' globs.
pub const MAX_WALKED: usize = 20_000;

/// The entries that silence nothing, and what could not be checked (one line each).
#[derive(Debug, Default)]
pub struct Unused {
    pub findings: Vec<Diagnostic>,
    pub notes: Vec<String>,
}

/// The unused entries of `loaded` (a configuration as the editor has it), checking each file
/// its entries name with the server's `flags` under it, as `lint` checks it. `open` holds the
/// open documents' texts by path.
pub fn unused(
    loaded: &Loaded,
    flags: &Options,
    root: Option<&Path>,
    open: &HashMap<PathBuf, &str>,
) -> Unused {
    let config = &loaded.config;
    let mut unused = Unused::default();
    if config.suppressions.is_empty() {
        return unused;
    }
    let named = named_files(config, open, &mut unused.notes);
    // Each entry's state over the files: which matched one, and whether it silenced a finding
    // there; an entry a file could not be checked for counts as used (it cannot be judged).
    let mut states: Vec<Vec<(usize, bool)>> = Vec::new();
    let mut unjudged = named.unjudged;
    for (i, path) in named.files.iter().enumerate() {
        if i == MAX_FILES {
            unused.notes.push(format!(
                "`{}` names more than {MAX_FILES} files: the suppressions of the rest are not checked here (`dms-rules lint` checks them)",
                config.path.display()
            ));
            for path in &named.files[i..] {
                unjudged.extend(config.suppressions_of(path));
            }
            break;
        }
        let from_disk;
        let text = match open.get(path) {
            Some(text) => *text,
            None => match read(path, flags.max_input_len) {
                Ok(text) => {
                    from_disk = text;
                    &from_disk
                }
                Err(why) => {
                    unused.notes.push(why);
                    unjudged.extend(config.suppressions_of(path));
                    continue;
                }
            },
        };
        let kind = document::kind(Some(path), text);
        if matches!(kind, Kind::Config | Kind::Other) {
            continue;
        }
        let options = loaded.options(flags, path);
        let (_, settled) = document::check(kind, text, Some(path), &options, root, Some(loaded));
        states.push(settled.suppressions);
    }
    states.push(unjudged.into_iter().map(|i| (i, true)).collect());
    unused.findings = config.unused_suppressions(states.iter().map(Vec::as_slice));
    unused
}

/// The files a configuration's entries name, and the entries that cannot be judged.
struct Named {
    files: Vec<PathBuf>,
    unjudged: BTreeSet<usize>,
}

/// The files under the configuration's folder that its entries name and that it configures
/// (no nearer configuration file), in path order: each plain `path`, the files a glob matches,
/// and open documents the entries match (saved or not).
fn named_files(config: &Config, open: &HashMap<PathBuf, &str>, notes: &mut Vec<String>) -> Named {
    let dir = config.dir();
    let mut files = BTreeSet::new();
    let mut unjudged = BTreeSet::new();
    let mut globs = Vec::new();
    for (i, suppression) in config.suppressions.iter().enumerate() {
        match suppression.literal() {
            Some(relative) => {
                let path = dir.join(relative);
                if open.contains_key(&path) || path.is_file() {
                    files.insert(path);
                }
            }
            None => globs.push(i),
        }
    }
    files.extend(
        open.keys()
            .filter(|path| !config.suppressions_of(path).is_empty())
            .cloned(),
    );
    if !globs.is_empty() {
        let mut walked = 0;
        let complete = walk(dir, &mut walked, &mut |path| {
            if !config.suppressions_of(path).is_empty() {
                files.insert(path.to_path_buf());
            }
        });
        if !complete {
            notes.push(format!(
                "the folder of `{}` has more than {MAX_WALKED} entries: its suppressions with globs are not checked here (`dms-rules lint` checks them)",
                config.path.display()
            ));
            unjudged.extend(globs);
        }
    }
    // A file with a nearer configuration file is checked with that one, as `lint` does.
    let mut nearest: BTreeMap<PathBuf, Option<PathBuf>> = BTreeMap::new();
    files.retain(|path| {
        let Some(folder) = path.parent() else {
            return false;
        };
        nearest
            .entry(folder.to_path_buf())
            .or_insert_with(|| dms_rules::config::find(folder))
            .as_deref()
            .is_none_or(|found| found == config.path)
    });
    Named {
        files: files.into_iter().collect(),
        unjudged,
    }
}

/// Calls `each` on every file under `dir` (not following links, `.git` left out), folders in
/// name order; `false` when it stopped at [`MAX_WALKED`] entries.
fn walk(dir: &Path, walked: &mut usize, each: &mut dyn FnMut(&Path)) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return true;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        *walked += 1;
        if *walked > MAX_WALKED {
            return false;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            if entry.file_name() != ".git" && !walk(&path, walked, each) {
                return false;
            }
        } else if kind.is_file() {
            each(&path);
        }
    }
    true
}

/// The text of a file from disk; why not, in one line, when it cannot be read or is larger
/// than `limit`.
fn read(path: &Path, limit: usize) -> Result<String, String> {
    let cannot = |why: String| {
        format!(
            "`{}` cannot be read to check the suppressions that name it: {why}",
            path.display()
        )
    };
    let len = std::fs::metadata(path)
        .map_err(|e| cannot(e.to_string()))?
        .len();
    if len > limit as u64 {
        return Err(cannot(format!("it is larger than {limit} bytes")));
    }
    let bytes = std::fs::read(path).map_err(|e| cannot(e.to_string()))?;
    String::from_utf8(bytes).map_err(|_| cannot("it is not UTF-8".to_owned()))
}
