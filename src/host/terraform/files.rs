//! Reading the files a Terraform file names, and only those inside the root.
//!
//! A path is read only when its canonical form (symlinks followed) lies inside the canonical
//! root. A path that cannot be resolved is reported as missing only when it lies inside the
//! root as written, so the reports say nothing about what exists outside it.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The largest file read: a mapping is kilobytes; this is far past any real one.
const MAX_FILE: u64 = 64 << 20;

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum NotRead {
    /// No root was given, so nothing is read.
    NoRoot,
    Outside,
    Missing,
    NotAFile,
    TooLarge,
    NotText,
    Unreadable(String),
}

impl NotRead {
    /// The reason, to follow "not read: ".
    pub(super) fn reason(&self) -> String {
        match self {
            NotRead::NoRoot => "no root was given to read files under".into(),
            NotRead::Outside => "outside the root".into(),
            NotRead::Missing => "no such file".into(),
            NotRead::NotAFile => "not a regular file".into(),
            NotRead::TooLarge => format!("larger than {} MiB", MAX_FILE >> 20),
            NotRead::NotText => "not UTF-8 text".into(),
            NotRead::Unreadable(why) => why.clone(),
        }
    }

    pub(super) fn help(&self) -> &'static str {
        match self {
            NotRead::NoRoot | NotRead::Outside => {
                "files outside the root are never read; widen the root if this file belongs to the project"
            }
            NotRead::Missing => {
                "check the path: a bare relative path is relative to the root module Terraform runs in; use `${path.module}/...` for the file's own folder"
            }
            _ => "check the file",
        }
    }
}

/// The read boundary.
#[derive(Debug)]
pub(super) struct Disk {
    /// Canonical.
    root: Option<PathBuf>,
    /// As given, made absolute and normalised.
    written_root: Option<PathBuf>,
}

impl Disk {
    pub(super) fn new(root: Option<&Path>) -> Disk {
        Disk {
            root: root.and_then(|r| fs::canonicalize(r).ok()),
            written_root: root
                .and_then(|r| std::path::absolute(r).ok())
                .map(|r| normalize(&r)),
        }
    }

    /// The text of the file at `path`.
    pub(super) fn read(&self, path: &Path) -> Result<String, NotRead> {
        let root = self.root.as_ref().ok_or(NotRead::NoRoot)?;
        let real = match fs::canonicalize(path) {
            Ok(real) => real,
            Err(_) if self.written_inside(path) => return Err(NotRead::Missing),
            Err(_) => return Err(NotRead::Outside),
        };
        if !real.starts_with(root) {
            return Err(NotRead::Outside);
        }
        let meta = fs::metadata(&real).map_err(|e| NotRead::Unreadable(e.to_string()))?;
        if !meta.is_file() {
            return Err(NotRead::NotAFile);
        }
        if meta.len() > MAX_FILE {
            return Err(NotRead::TooLarge);
        }
        let mut bytes = Vec::new();
        fs::File::open(&real)
            .and_then(|f| f.take(MAX_FILE + 1).read_to_end(&mut bytes))
            .map_err(|e| NotRead::Unreadable(e.to_string()))?;
        if bytes.len() as u64 > MAX_FILE {
            return Err(NotRead::TooLarge);
        }
        String::from_utf8(bytes).map_err(|_| NotRead::NotText)
    }

    /// The `.tf` files of `dir`, by name, when `dir` is inside the root.
    pub(super) fn terraform_files(&self, dir: &Path) -> Vec<PathBuf> {
        let (Some(root), Ok(real)) = (&self.root, fs::canonicalize(dir)) else {
            return Vec::new();
        };
        if !real.starts_with(root) {
            return Vec::new();
        }
        let Ok(entries) = fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "tf"))
            .collect();
        files.sort();
        files
    }

    fn written_inside(&self, path: &Path) -> bool {
        let Ok(path) = std::path::absolute(path).map(|p| normalize(&p)) else {
            return false;
        };
        self.written_root
            .as_ref()
            .is_some_and(|r| path.starts_with(r))
            || self.root.as_ref().is_some_and(|r| path.starts_with(r))
    }
}

/// `path` with `.` dropped and each `..` taking away the folder before it, as written.
pub(super) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let last = out.components().next_back();
                match last {
                    Some(Component::Normal(_)) => {
                        out.pop();
                    }
                    Some(Component::RootDir | Component::Prefix(_)) => {}
                    _ => out.push(".."),
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_resolves_dots_as_written() {
        assert_eq!(normalize(Path::new("a/./b/../c")), PathBuf::from("a/c"));
        assert_eq!(
            normalize(Path::new("../a/../../b")),
            PathBuf::from("../../b")
        );
        assert_eq!(normalize(Path::new("/a/../../b")), PathBuf::from("/b"));
    }

    #[test]
    fn files_outside_the_root_are_never_read() {
        let dir = std::env::temp_dir().join(format!("dms-rules-disk-{}", std::process::id()));
        let root = dir.join("root");
        fs::create_dir_all(&root).unwrap();
        fs::write(dir.join("secret.txt"), "hidden").unwrap();
        fs::write(root.join("in.json"), "{}").unwrap();
        let disk = Disk::new(Some(&root));
        assert_eq!(disk.read(&root.join("in.json")).as_deref(), Ok("{}"));
        assert_eq!(
            disk.read(&root.join("../secret.txt")),
            Err(NotRead::Outside)
        );
        assert_eq!(
            disk.read(&root.join("../nothing.txt")),
            Err(NotRead::Outside)
        );
        assert_eq!(disk.read(&root.join("nothing.txt")), Err(NotRead::Missing));
        assert_eq!(disk.read(&root), Err(NotRead::NotAFile));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("secret.txt"), root.join("link.json")).unwrap();
            assert_eq!(disk.read(&root.join("link.json")), Err(NotRead::Outside));
        }
        assert_eq!(
            Disk::new(None).read(&root.join("in.json")),
            Err(NotRead::NoRoot)
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
