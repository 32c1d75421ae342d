//! Reading the files to check: files, the files under a directory, or standard input, as raw
//! bytes, each with the kind of file it is.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use dms_rules::host::Format;
use dms_rules::input;
use dms_rules::{Checked, Options};

use crate::args::InputChoice;

pub use dms_rules::input::Kind;

/// One file to check.
pub struct Input {
    /// The name shown in reports: the path as given, or the name given for standard input.
    pub name: String,
    /// The file's path; `None` for standard input.
    pub path: Option<PathBuf>,
    pub kind: Kind,
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
/// input is not a terminal, means standard input, reported as `stdin_name`. A directory stands
/// for the files under it that hold rules (see [`walk`]).
pub fn read_all(
    paths: &[PathBuf],
    stdin_name: &str,
    limit: usize,
    choice: InputChoice,
) -> Vec<Result<Input, String>> {
    if paths.is_empty() {
        if std::io::stdin().is_terminal() {
            return vec![Err(
                "no input: name the files to check, or pipe a document into `-`".into(),
            )];
        }
        return vec![read_stdin(stdin_name, limit, choice)];
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            inputs.extend(walk(path, limit, choice));
        } else {
            inputs.push(read_one(path, stdin_name, limit, choice));
        }
    }
    inputs
}

/// One input named on the command line: the file at `path`, or standard input for `-`. Its
/// kind is the one asked for, else found from its name and content; a file of no known kind is
/// read as a rules document, so what is wrong with it is reported.
pub fn read_one(
    path: &Path,
    stdin_name: &str,
    limit: usize,
    choice: InputChoice,
) -> Result<Input, String> {
    if path.as_os_str() == "-" {
        read_stdin(stdin_name, limit, choice)
    } else {
        let mut input = read_file(path, limit)?;
        input.kind = named(choice, path, &input.bytes);
        Ok(input)
    }
}

/// The files under `dir` that hold rules, in a stable order: Terraform files, CloudFormation
/// templates and rules documents. `.gitignore` files are honoured and hidden files skipped;
/// files of no known kind are left out without a word, and a file that cannot be read is
/// reported.
fn walk(dir: &Path, limit: usize, choice: InputChoice) -> Vec<Result<Input, String>> {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    let mut inputs = Vec::new();
    // One buffer reads every file, so a tree of small files costs no allocation a file.
    let mut buffer = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                inputs.push(Err(format!("cannot read under `{}`: {e}", dir.display())));
                continue;
            }
        };
        let path = entry.path();
        if !entry.file_type().is_some_and(|t| t.is_file()) || !candidate(path, choice) {
            continue;
        }
        let too_large = match read_into(path, limit, &mut buffer) {
            Ok(too_large) => too_large,
            Err(message) => {
                inputs.push(Err(message));
                continue;
            }
        };
        let Some(kind) = kind(choice, path, &buffer) else {
            continue;
        };
        // Most host files under a directory name no DMS resource: their text is not kept.
        let bytes = match kind {
            Kind::Host(format) if !format.may_hold_mappings(&buffer) => Vec::new(),
            _ => buffer.clone(),
        };
        inputs.push(Ok(Input {
            name: path.display().to_string(),
            path: Some(path.to_path_buf()),
            kind,
            bytes,
            too_large,
        }));
    }
    inputs
}

/// Whether a file found by walking may hold rules, from its name alone.
fn candidate(path: &Path, choice: InputChoice) -> bool {
    let is = |wanted: &str| {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(wanted))
    };
    match choice {
        InputChoice::Auto => input::may_be_known(path),
        InputChoice::Rules => is("json"),
        InputChoice::Host(format) => format.extensions().iter().any(|e| is(e)),
    }
}

/// What is said of program source named on the command line, in one line.
pub fn source_code_note(name: &str) -> String {
    format!(
        "`{name}` is source code, which is not read: a CDK app is checked through the template \
         it synthesizes (`cdk synth`, then `dms-rules lint cdk.out`)"
    )
}

/// The kind of a file: the one asked for, or the one its name and content show
/// ([`Kind::detect`]). `None` when it is of no known kind.
fn kind(choice: InputChoice, path: &Path, bytes: &[u8]) -> Option<Kind> {
    match choice {
        InputChoice::Rules => Some(Kind::Rules),
        // Asked for, a file is still a template only when it holds `Resources` (one not read
        // for its size, or not text, is left to the front end to refuse).
        InputChoice::Host(format) if format == Format::CloudFormation => {
            match std::str::from_utf8(bytes) {
                Ok(text)
                    if !bytes.is_empty() && !dms_rules::host::cloudformation::is_template(text) =>
                {
                    None
                }
                _ => Some(Kind::Host(format)),
            }
        }
        InputChoice::Host(format) => Some(Kind::Host(format.asked(path))),
        InputChoice::Auto => Kind::detect(path, bytes),
    }
}

/// The kind of a file named on the command line: the one asked for, else [`Kind::named`].
fn named(choice: InputChoice, path: &Path, bytes: &[u8]) -> Kind {
    match choice {
        InputChoice::Auto => Kind::named(path, bytes),
        InputChoice::Host(_) => kind(choice, path, bytes).unwrap_or(Kind::NoRules),
        _ => kind(choice, path, bytes).unwrap_or(Kind::Rules),
    }
}

fn read_stdin(name: &str, limit: usize, choice: InputChoice) -> Result<Input, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    let mut input = limited(name.into(), None, bytes, limit);
    // The name given for standard input tells its kind as a file name would.
    input.kind = named(choice, Path::new(name), &input.bytes);
    Ok(input)
}

fn read_file(path: &Path, limit: usize) -> Result<Input, String> {
    let mut bytes = Vec::new();
    let too_large = read_into(path, limit, &mut bytes)?;
    Ok(Input {
        name: path.display().to_string(),
        path: Some(path.to_path_buf()),
        kind: Kind::Rules,
        bytes,
        too_large,
    })
}

/// Reads the file at `path` into `bytes` (emptied first). A file over `limit` is not read:
/// its size is returned, and `bytes` stays empty.
fn read_into(path: &Path, limit: usize, bytes: &mut Vec<u8>) -> Result<Option<u64>, String> {
    let cannot = |e: std::io::Error| format!("cannot read `{}`: {e}", path.display());
    bytes.clear();
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > limit as u64 {
        return Ok(Some(size));
    }
    // The size can change under us: read at most one byte past the limit either way.
    bytes.reserve(size as usize);
    file.take(limit as u64 + 1)
        .read_to_end(bytes)
        .map_err(cannot)?;
    if bytes.len() > limit {
        let len = bytes.len() as u64;
        bytes.clear();
        return Ok(Some(len));
    }
    Ok(None)
}

fn limited(name: String, path: Option<PathBuf>, bytes: Vec<u8>, limit: usize) -> Input {
    let (bytes, too_large) = if bytes.len() > limit {
        (Vec::new(), Some(bytes.len() as u64))
    } else {
        (bytes, None)
    };
    Input {
        name,
        path,
        kind: Kind::Rules,
        bytes,
        too_large,
    }
}
