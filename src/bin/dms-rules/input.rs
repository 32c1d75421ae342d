//! Reading the documents to check: files or standard input, as raw bytes.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

/// One document to check.
pub struct Input {
    /// The name shown in reports: the path as given, or the name given for standard input.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The inputs named on the command line, read in order. `-`, or no path at all when standard
/// input is not a terminal, means standard input, reported as `stdin_name`.
pub fn read_all(paths: &[PathBuf], stdin_name: &str) -> Vec<Result<Input, String>> {
    if paths.is_empty() {
        if std::io::stdin().is_terminal() {
            return vec![Err(
                "no input: name the files to check, or pipe a document into `-`".into(),
            )];
        }
        return vec![read_stdin(stdin_name)];
    }
    paths
        .iter()
        .map(|path| {
            if path.as_os_str() == "-" {
                read_stdin(stdin_name)
            } else {
                read_file(path)
            }
        })
        .collect()
}

fn read_stdin(name: &str) -> Result<Input, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    Ok(Input {
        name: name.into(),
        bytes,
    })
}

fn read_file(path: &Path) -> Result<Input, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    Ok(Input {
        name: path.display().to_string(),
        bytes,
    })
}
