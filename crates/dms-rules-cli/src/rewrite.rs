//! Replacing a file's contents safely, for every command that rewrites files (`fmt`,
//! `lint --fix`): through a temporary file in the same directory, renamed over it, so a reader
//! sees the old contents or the new ones and never a part of either, and a failure at any step
//! leaves the file as it was.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Replaces the contents of the file at `path` with `contents`, keeping its permissions. A
/// symbolic link stays a link: the file it points to is replaced.
pub fn replace(path: &Path, contents: &[u8]) -> io::Result<()> {
    replace_with(path, |file| file.write_all(contents))
}

/// [`replace`], with the new contents written by `write`. When `write` or any later step
/// fails, the temporary file is removed and the file is untouched.
fn replace_with(
    path: &Path,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let permissions = fs::metadata(&target)?.permissions();
    if permissions.readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    // Dropped on any error before `persist`, which deletes it.
    let mut temporary = tempfile::Builder::new()
        .prefix(".dms-rules-")
        .tempfile_in(dir)?;
    write(temporary.as_file_mut())?;
    temporary.as_file().set_permissions(permissions)?;
    temporary.as_file().sync_all()?;
    temporary.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("dms-rules-replace-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch directory");
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_failing_half_way_leaves_the_file_and_no_temporary_file() {
        let dir = scratch("half-way");
        let path = dir.join("rules.json");
        fs::write(&path, b"{\"rules\": []}\n").expect("write");
        let error = replace_with(&path, |file| {
            file.write_all(b"{\n  \"rules\": [")?;
            Err(io::Error::other("disk full"))
        })
        .expect_err("the write fails");
        assert_eq!(error.to_string(), "disk full");
        assert_eq!(fs::read(&path).expect("read"), b"{\"rules\": []}\n");
        assert_eq!(entries(&dir), ["rules.json"]);
        fs::remove_dir_all(&dir).expect("clean up");
    }

    #[cfg(unix)]
    #[test]
    fn the_new_contents_keep_the_permissions_and_a_link_stays_a_link() {
        use std::os::unix::fs::{symlink, PermissionsExt};
        let dir = scratch("permissions");
        let path = dir.join("rules.json");
        fs::write(&path, b"old").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        let link = dir.join("link.json");
        symlink(&path, &link).expect("symlink");
        replace(&link, b"new").expect("replace");
        assert_eq!(fs::read(&path).expect("read"), b"new");
        assert!(fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink());
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        assert_eq!(entries(&dir), ["link.json", "rules.json"]);
        fs::remove_dir_all(&dir).expect("clean up");
    }
}
