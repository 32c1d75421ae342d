//! Running the real `dms-rules` binary, as a user or a CI job does.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::support::root;

/// What one run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A command line to run from the package root, so paths in the output are stable.
pub struct Invocation<'a> {
    args: &'a [&'a str],
    stdin: Option<&'a [u8]>,
    env: Vec<(&'a str, &'a str)>,
    dir: Option<PathBuf>,
}

pub fn dms_rules<'a>(args: &'a [&'a str]) -> Invocation<'a> {
    Invocation {
        args,
        stdin: None,
        env: Vec::new(),
        dir: None,
    }
}

impl<'a> Invocation<'a> {
    pub fn stdin(mut self, bytes: &'a [u8]) -> Self {
        self.stdin = Some(bytes);
        self
    }

    pub fn env(mut self, key: &'a str, value: &'a str) -> Self {
        self.env.push((key, value));
        self
    }

    /// Runs from `dir` (relative to the package root) instead of the package root.
    pub fn dir(mut self, dir: &str) -> Self {
        self.dir = Some(root().join(dir));
        self
    }

    pub fn run(self) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dms-rules"));
        command
            .args(self.args)
            .current_dir(self.dir.as_deref().unwrap_or(root()))
            // The caller's terminal settings must not leak into pinned output.
            .env_remove("NO_COLOR")
            .envs(self.env.iter().copied())
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("spawn dms-rules");
        if let Some(bytes) = self.stdin {
            let mut stdin = child.stdin.take().expect("piped stdin");
            // A run that refuses its arguments exits without reading its input.
            if let Err(e) = stdin.write_all(bytes) {
                assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
            }
        }
        let output = child.wait_with_output().expect("wait for dms-rules");
        Run {
            status: output.status.code().expect("exit status, not a signal"),
            stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
        }
    }
}

impl Run {
    /// The whole run as one text, for a snapshot: exit status, stdout, stderr.
    pub fn transcript(&self, args: &[&str]) -> String {
        format!(
            "$ dms-rules {}\nexit status: {}\n--- stdout\n{}--- stderr\n{}",
            args.join(" "),
            self.status,
            self.stdout,
            self.stderr
        )
    }

    /// The stdout parsed as the one JSON document it must be.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document: {e}\n{}", self.stdout))
    }
}

/// Where a CLI transcript is pinned.
pub fn snapshot_path(name: &str) -> PathBuf {
    root()
        .join("tests/fixtures/cli")
        .join(format!("{name}.snap"))
}
