//! Reading the documents to check: files or standard input, as raw bytes.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use dms_rules::{Checked, Options};

/// One document to check.
pub struct Input {
    /// The name shown in reports: the path as given, or the name given for standard input.
    pub name: String,
    pub bytes: Vec<u8>,
    /// Set, with the size (or a lower bound for standard input), when the input is larger
    /// than the limit; `bytes` is then empty: a huge file is refused, not read into memory.
    pub too_large: Option<u64>,
}

/// How a document is checked: `dms_rules::check`, or `dms_rules::lint` when no typed rule is
/// needed afterwards.
pub type Check = for<'a> fn(&'a [u8], &Options) -> Checked<'a>;

impl Input {
    /// The document run through `check`; one over the limit is refused from its size, unread.
    pub fn check(&self, options: &Options, check: Check) -> Checked<'_> {
        match self.too_large {
            Some(len) => Checked::too_large(len, options),
            None => check(&self.bytes, options),
        }
    }
}

/// The name standard input is reported under unless the user gives another.
pub const STDIN: &str = "<stdin>";

/// The inputs named on the command line, read in order. `-`, or no path at all when standard
/// input is not a terminal, means standard input, reported as `stdin_name`.
pub fn read_all(paths: &[PathBuf], stdin_name: &str, limit: usize) -> Vec<Result<Input, String>> {
    if paths.is_empty() {
        if std::io::stdin().is_terminal() {
            return vec![Err(
                "no input: name the files to check, or pipe a document into `-`".into(),
            )];
        }
        return vec![read_stdin(stdin_name, limit)];
    }
    paths
        .iter()
        .map(|path| read_one(path, stdin_name, limit))
        .collect()
}

/// One input named on the command line: the file at `path`, or standard input for `-`.
pub fn read_one(path: &Path, stdin_name: &str, limit: usize) -> Result<Input, String> {
    if path.as_os_str() == "-" {
        read_stdin(stdin_name, limit)
    } else {
        read_file(path, limit)
    }
}

fn read_stdin(name: &str, limit: usize) -> Result<Input, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    Ok(limited(name.into(), bytes, limit))
}

fn read_file(path: &Path, limit: usize) -> Result<Input, String> {
    let cannot = |e: std::io::Error| format!("cannot read `{}`: {e}", path.display());
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > limit as u64 {
        return Ok(Input {
            name,
            bytes: Vec::new(),
            too_large: Some(size),
        });
    }
    // The size can change under us: read at most one byte past the limit either way.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    Ok(limited(name, bytes, limit))
}

fn limited(name: String, bytes: Vec<u8>, limit: usize) -> Input {
    if bytes.len() > limit {
        Input {
            name,
            bytes: Vec::new(),
            too_large: Some(bytes.len() as u64),
        }
    } else {
        Input {
            name,
            bytes,
            too_large: None,
        }
    }
}
