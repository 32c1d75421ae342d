//! Shared helpers: where the fixtures are, pinned snapshots of diagnostics. The other crates'
//! tests use them too (by path), reading the same fixtures.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dms_rules::diagnostic::{render, Style};
use dms_rules::{Checked, Diagnostic, Report, SourceFile};

/// Set to rewrite snapshot files from the current output instead of comparing.
pub const BLESS: &str = "DMS_RULES_BLESS";

/// The top of the repository, where the core crate's `Cargo.toml` is and, under `tests/`, the
/// fixtures every crate's tests read.
pub fn root() -> &'static Path {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("tests/fixtures").is_dir())
        .unwrap_or(manifest)
}

pub fn fixtures() -> PathBuf {
    root().join("tests/fixtures")
}

/// The real documents of `tests/corpus/real-world/`.
pub fn corpus() -> PathBuf {
    root().join("tests/corpus/real-world")
}

/// `(file, verdict)` for every row of the corpus's SOURCES.md table.
pub fn corpus_verdicts() -> Vec<(String, String)> {
    let sources = std::fs::read_to_string(corpus().join("SOURCES.md")).expect("SOURCES.md");
    sources
        .lines()
        .filter(|line| line.starts_with("| ") && line.contains(".json`"))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            // | # | File | Dialect | Origin | How extracted | Verdict | Why |
            (cells[2].trim_matches('`').to_string(), cells[6].to_string())
        })
        .collect()
}

/// The `.json` files of a folder, sorted.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// `code severity start..end "text under the span" message`, then one indented line per
/// secondary label: the pinned form of a diagnostic.
pub fn pin(source: &[u8], diagnostic: &Diagnostic) -> String {
    let mut out = format!(
        "{} {} {:?} {:?} {}\n",
        diagnostic.code,
        diagnostic.severity.as_str(),
        diagnostic.primary.span,
        under(source, diagnostic.primary.span),
        diagnostic.message
    );
    for label in &diagnostic.secondary {
        let _ = writeln!(
            out,
            "  also {:?} {:?} {}",
            label.span,
            under(source, label.span),
            label.text
        );
    }
    out
}

/// The text a span covers, lossily decoded so invalid bytes still show.
pub fn under(source: &[u8], span: dms_rules::Span) -> String {
    let end = span.end.min(source.len());
    let start = span.start.min(end);
    String::from_utf8_lossy(&source[start..end]).into_owned()
}

/// Every diagnostic pinned, then every report rendered as a user sees it.
pub fn snapshot(name: &str, source: &[u8], checked: &Checked<'_>) -> String {
    snapshot_of(name, source, checked.diagnostics())
}

/// [`snapshot`] of diagnostics found some other way than by `check`.
pub fn snapshot_of(name: &str, source: &[u8], diagnostics: &[Diagnostic]) -> String {
    let mut out: String = diagnostics.iter().map(|d| pin(source, d)).collect();
    out.push_str("---\n");
    let file = SourceFile::new(name, source);
    for diagnostic in diagnostics {
        let report = Report {
            diagnostic,
            source: &file,
        };
        out.push_str(&render(&report, Style::default()));
    }
    out
}

/// Compares `actual` with the file at `path`, or writes it when blessing.
pub fn assert_snapshot(path: &Path, actual: &str) -> Result<(), String> {
    if std::env::var_os(BLESS).is_some() {
        std::fs::write(path, actual).map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{}: {e} (run with {BLESS}=1 to create it, then review it)",
            path.display()
        )
    })?;
    if expected == actual {
        Ok(())
    } else {
        Err(format!(
            "{} differs:\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        ))
    }
}

/// Asserts that `text` contains `part`, and shows `text` when it does not.
#[track_caller]
pub fn assert_contains(text: &str, part: &str) {
    assert!(text.contains(part), "no `{part}` in:\n{text}");
}

/// Asserts that `text` starts with `start`, and shows `text` when it does not.
#[track_caller]
pub fn assert_starts_with(text: &str, start: &str) {
    assert!(
        text.starts_with(start),
        "does not start with `{start}`:\n{text}"
    );
}

/// Asserts that `text` ends with `end`, and shows `text` when it does not.
#[track_caller]
pub fn assert_ends_with(text: &str, end: &str) {
    assert!(text.ends_with(end), "does not end with `{end}`:\n{text}");
}
