//! Each document once: a JSON file read by three tasks through `file()`, in a folder that is
//! also walked, is one document. Its findings are printed and counted once, under the first
//! report that holds it, which lists every resource that reads it.

use std::collections::HashMap;
use std::path::PathBuf;

use dms_rules::Span;

use super::FileReport;

/// `files` with every document reached a second time merged into its first report: its
/// readers added there, its findings dropped, and a report left with nothing of its own
/// dropped whole.
pub(crate) fn merge(mut files: Vec<FileReport<'_>>) -> Vec<FileReport<'_>> {
    let mut first: HashMap<(PathBuf, Span), (usize, usize)> = HashMap::new();
    // For each file, which of its documents were reached before.
    let mut again: Vec<Vec<bool>> = Vec::with_capacity(files.len());
    for f in 0..files.len() {
        let mut repeated = Vec::with_capacity(files[f].documents.len());
        for d in 0..files[f].documents.len() {
            let Some(key) = files[f].documents[d].key.clone() else {
                repeated.push(false);
                continue;
            };
            let Some(&(ff, fd)) = first.get(&key) else {
                first.insert(key, (f, d));
                repeated.push(false);
                continue;
            };
            repeated.push(true);
            let readers = files[f].documents[d].readers.clone();
            let kept = &mut files[ff].documents[fd];
            for reader in readers {
                if !kept.readers.contains(&reader) {
                    kept.readers.push(reader);
                }
            }
            if kept.read_by.is_none() {
                kept.read_by = kept.readers.first().map(|r| r.path.clone());
            }
        }
        again.push(repeated);
    }
    let mut kept = Vec::with_capacity(files.len());
    for (mut file, repeated) in files.into_iter().zip(again) {
        if !repeated.iter().any(|&r| r) {
            kept.push(file);
            continue;
        }
        // A report that holds only documents reached before says nothing new.
        if repeated.iter().all(|&r| r) && file.document_of.iter().all(Option::is_some) {
            continue;
        }
        let (diagnostics, document_of): (Vec<_>, Vec<_>) = file
            .diagnostics
            .iter()
            .cloned()
            .zip(file.document_of.iter().copied())
            .filter(|(_, of)| !of.is_some_and(|d| repeated[d]))
            .unzip();
        file.lines = FileReport::line_index(file.source, &diagnostics);
        file.diagnostics = diagnostics.into();
        file.document_of = document_of;
        kept.push(file);
    }
    kept
}
