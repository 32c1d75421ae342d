//! The two sides of `diff`: a file, standard input, or a file at a git revision.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::args::InputChoice;
use crate::input::{self, Input, Kind};

/// Reads one side: `-` is standard input; a path that exists is that file; otherwise
/// `REV:PATH` is the file at a git revision, read with `git cat-file` from the current
/// directory's repository (`PATH` from the top of the work tree, or `./PATH` from here, as git
/// takes it). The error is a message for the user.
pub fn read(arg: &str, limit: usize) -> Result<Input, String> {
    let input = if arg == "-" || Path::new(arg).exists() {
        input::read_one(Path::new(arg), input::STDIN, limit, InputChoice::Auto)?
    } else if let Some((rev, path)) = arg.split_once(':').filter(|(rev, _)| !rev.is_empty()) {
        from_git(arg, rev, path, limit)?
    } else {
        input::read_one(Path::new(arg), input::STDIN, limit, InputChoice::Auto)?
    };
    match input.kind {
        Kind::Rules => Ok(input),
        Kind::Host(format) => Err(format!(
            "`{}` is a {}: `diff` compares rules documents only",
            input.name,
            super::host_kind(format)
        )),
        Kind::NoRules => Err(format!("`{}` is not a rules document", input.name)),
    }
}

fn from_git(arg: &str, rev: &str, path: &str, limit: usize) -> Result<Input, String> {
    if rev.starts_with('-') {
        return Err(format!("`{arg}`: a revision cannot start with `-`"));
    }
    let mut child = Command::new("git")
        .args(["cat-file", "blob", arg])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `git` to read `{arg}`: {e}"))?;
    let mut bytes = Vec::new();
    let read = child
        .stdout
        .take()
        .map(|stdout| stdout.take(limit as u64 + 1).read_to_end(&mut bytes));
    let output = child
        .wait_with_output()
        .map_err(|e| format!("cannot run `git` to read `{arg}`: {e}"))?;
    // Reading stopped past the limit, which stops git too: the size is what counts then.
    if bytes.len() > limit {
        return Ok(Input {
            name: arg.to_string(),
            path: None,
            kind: Kind::Rules,
            bytes: Vec::new(),
            too_large: Some(bytes.len() as u64),
        });
    }
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        let said = said
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        return Err(format!("cannot read `{arg}` from git: {said}"));
    }
    if let Some(Err(e)) = read {
        return Err(format!("cannot read `{arg}` from git: {e}"));
    }
    // A file at a revision is read as a rules document unless it is a host file.
    let kind = Kind::detect(Path::new(path), &bytes).unwrap_or(Kind::Rules);
    Ok(Input {
        name: arg.to_string(),
        path: None,
        kind,
        bytes,
        too_large: None,
    })
}
