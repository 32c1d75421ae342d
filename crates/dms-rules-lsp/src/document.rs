//! An open document: its text as the editor has it, what kind of file it is, and its findings.

use std::path::{Path, PathBuf};

use std::rc::Rc;

use dms_rules::config::comment::Comments;
use dms_rules::config::{Config, RuleMarks, Settled};
use dms_rules::host::{self, Context, Format};
use dms_rules::input;
use dms_rules::{Diagnostic, Dialect, Options, Span};
use lsp_types::{TextDocumentContentChangeEvent, Uri};

use crate::config::{self, Loaded};
use crate::position::{Encoding, Lines};

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Rules,
    Host(Format),
    /// A configuration file (`dms-rules.toml`): its own problems are reported.
    Config,
    /// None of these: nothing to report about it.
    Other,
}

#[derive(Debug)]
pub struct Document {
    pub uri: Uri,
    pub path: Option<PathBuf>,
    pub version: i32,
    pub text: String,
    pub lines: Lines,
    /// What the document is, decided when it opens; a document that was neither a rules
    /// document nor a host file is looked at again as it changes.
    pub kind: Kind,
    /// The findings of `text`; `None` while they are due (after a change).
    pub analysis: Option<Analysis>,
    /// When the last change came.
    pub changed: Option<std::time::Instant>,
}

/// What was found in a document's text.
#[derive(Debug)]
pub struct Analysis {
    pub kind: Kind,
    pub dialect: Option<Dialect>,
    /// What the document was checked with: the server's options and its configuration's.
    pub options: Options,
    /// The findings as the configuration and the file's suppression comments leave them.
    pub findings: Vec<Diagnostic>,
    /// The configuration the document was checked with, which "fix all" applies too.
    pub loaded: Option<Rc<Loaded>>,
}

impl Document {
    pub fn new(uri: Uri, version: i32, text: String) -> Self {
        let path = file_path(&uri);
        Document {
            kind: kind(path.as_deref(), &text),
            uri,
            path,
            version,
            lines: Lines::new(&text),
            text,
            analysis: None,
            changed: None,
        }
    }

    /// Applies the changes of one `didChange`, in order: a change with a range replaces it
    /// (clamped into the text), one without replaces the whole text.
    pub fn change(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = self.lines.offset(&self.text, range.start, encoding);
                    let end = self
                        .lines
                        .offset(&self.text, range.end, encoding)
                        .max(start);
                    self.text.replace_range(start..end, &change.text);
                    self.lines.edit(&self.text, start, end, change.text.len());
                }
                None => {
                    self.text = change.text;
                    self.lines = Lines::new(&self.text);
                }
            }
        }
        self.version = version;
        self.analysis = None;
    }

    /// The findings, found now if they are due, with `loaded` the document's configuration.
    pub fn analysis(
        &mut self,
        options: &Options,
        root: Option<&Path>,
        loaded: Option<Rc<Loaded>>,
    ) -> &Analysis {
        if self.analysis.is_none() {
            if self.kind == Kind::Other {
                self.kind = kind(self.path.as_deref(), &self.text);
            }
            let path = self.path.as_deref();
            let options = match (loaded.as_deref(), path) {
                (Some(loaded), Some(path)) => loaded.options(options, path),
                _ => options.clone(),
            };
            let mut analysis = analyse(
                self.kind,
                &self.text,
                path,
                options,
                root,
                loaded.as_deref(),
            );
            analysis.loaded = loaded;
            self.analysis = Some(analysis);
        }
        self.analysis.as_ref().expect("just set")
    }
}

/// What `lint` finds in the document, as its configuration and comments leave it: the checks,
/// what the configuration's catalog tells about the rules, levels, then suppressions.
fn analyse(
    kind: Kind,
    text: &str,
    path: Option<&Path>,
    options: Options,
    root: Option<&Path>,
    loaded: Option<&Loaded>,
) -> Analysis {
    let (dialect, settled) = check(kind, text, path, &options, root, loaded);
    Analysis {
        kind,
        dialect,
        options,
        findings: settled.findings,
        loaded: None,
    }
}

/// The findings of `text` (a document of `kind` at `path`) settled with `loaded`'s
/// configuration and the file's comments; which of the configuration's suppressions matched the
/// file, and whether each silenced a finding, are in [`Settled::suppressions`].
pub fn check(
    kind: Kind,
    text: &str,
    path: Option<&Path>,
    options: &Options,
    root: Option<&Path>,
    loaded: Option<&Loaded>,
) -> (Option<Dialect>, Settled) {
    let catalog = loaded.and_then(|l| l.catalog(path));
    let (dialect, found, rules, comments) = match kind {
        Kind::Rules => {
            let checked = dms_rules::lint_with_catalog(text, options, catalog);
            let rules = checked.rules().clone();
            let found = checked.diagnostics().to_vec();
            (checked.dialect(), found, rules, Comments::default())
        }
        Kind::Host(format) => {
            let context = context(path, root);
            let scan = host::scan(text.as_bytes(), format, &context, options.max_input_len);
            let mut found = scan.diagnostics.clone();
            let mut rules = RuleMarks::new();
            // A mapping read from another file is that file's business, checked when it is open.
            for mapping in scan.mappings.iter().filter(|m| m.elsewhere().is_none()) {
                if let Some(checked) =
                    dms_rules::lint_mapping_with_catalog(mapping, options, catalog)
                {
                    found.extend_from_slice(checked.diagnostics());
                    rules.extend(checked.rules());
                }
            }
            dms_rules::diagnostic::order(&mut found);
            let spans: Vec<Span> = scan.mappings.iter().map(|m| m.span).collect();
            let comments = Comments::scan(text.as_bytes(), format.comment_markers(), &spans);
            (Some(Dialect::TableMapping), found, rules, comments)
        }
        Kind::Config => {
            let path = path.unwrap_or(Path::new(config::FILE_NAME));
            let (_, problems) = Config::parse(text, path);
            (None, problems, RuleMarks::new(), Comments::default())
        }
        Kind::Other => (None, Vec::new(), RuleMarks::new(), Comments::default()),
    };
    let settled = if loaded.is_some() || !comments.is_empty() {
        let config = loaded.map(|l| &l.config);
        dms_rules::config::settle(config, path, found, &rules, &comments)
    } else {
        Settled {
            findings: found,
            ..Settled::default()
        }
    };
    (dialect, settled)
}

/// The context a host file is read in: its path, and the workspace (else the git work tree
/// that holds it) as the root it may read under.
pub fn context(path: Option<&Path>, root: Option<&Path>) -> Context {
    let Some(path) = path else {
        return Context::default();
    };
    let root = root
        .map(Path::to_path_buf)
        .or_else(|| dms_rules::host::work_tree(path));
    Context {
        path: Some(path.to_path_buf()),
        module_dir: None,
        root,
    }
}

/// What a document is: what its name and content show ([`input::Kind::detect`]), else a rules
/// document when the name is one the pre-commit hook matches or the text, read forgivingly, has
/// a top-level `rules` array (an untitled or half-typed document).
pub fn kind(path: Option<&Path>, text: &str) -> Kind {
    if path.is_some_and(config::is_config) {
        return Kind::Config;
    }
    match path.and_then(|p| input::Kind::detect(p, text.as_bytes())) {
        Some(input::Kind::Host(format)) => return Kind::Host(format),
        Some(input::Kind::Rules) => return Kind::Rules,
        Some(input::Kind::NoRules | input::Kind::SourceCode) | None => {}
    }
    let named = path
        .and_then(|p| p.file_name())
        .is_some_and(|name| input::is_rules_name(&name.to_string_lossy()));
    if named || has_rules_array(text) {
        Kind::Rules
    } else {
        Kind::Other
    }
}

/// Whether the text's top-level object has a `rules` member that is an array, read forgivingly
/// (the document may be half typed).
fn has_rules_array(text: &str) -> bool {
    match crate::tree::read(text) {
        Some(crate::tree::Node::Object { members, .. }) => members.iter().any(|m| {
            m.key.value == "rules" && matches!(m.value, Some(crate::tree::Node::Array { .. }))
        }),
        _ => false,
    }
}

/// The path of a `file:` URI, percent-decoded; `None` for any other scheme.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` or `file://host/path`: the path starts at the first `/`.
    let path = &rest[rest.find('/')?..];
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                decoded.push((hex(h)? * 16 + hex(l)?) as u8);
                i += 3;
            }
            (b, _, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    let path = String::from_utf8(decoded).ok()?;
    // `file:///C:/x` on Windows.
    let path = match path.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() && cfg!(windows) => &path[1..],
        _ => &path,
    };
    Some(PathBuf::from(path))
}

/// The `file:` URI of an absolute path, percent-encoded as editors write it.
pub fn file_uri(path: &Path) -> Option<Uri> {
    let path = path.to_str()?;
    let path = path.replace('\\', "/");
    let mut uri = String::from("file://");
    if !path.starts_with('/') {
        // `C:/x` on Windows.
        uri.push('/');
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            b':' if cfg!(windows) => uri.push(':'),
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_hook_matches_and_half_typed_documents_are_rules_documents() {
        let path = |name: &str| Some(PathBuf::from(name));
        assert_eq!(
            kind(path("/w/table-mappings.json").as_deref(), ""),
            Kind::Rules
        );
        assert_eq!(kind(path("/w/package.json").as_deref(), "{}"), Kind::Other);
        assert_eq!(
            kind(path("/w/main.tf").as_deref(), ""),
            Kind::Host(Format::Terraform)
        );
        assert_eq!(kind(None, "{\"rules\": [\n"), Kind::Rules);
        assert_eq!(kind(None, "{\"name\": 1}"), Kind::Other);
    }

    #[test]
    fn file_uris_become_paths() {
        let uri: Uri = "file:///tmp/a%20b/r.json".parse().unwrap();
        assert_eq!(file_path(&uri), Some(PathBuf::from("/tmp/a b/r.json")));
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(file_path(&untitled), None);
    }

    #[test]
    fn paths_become_file_uris_and_back() {
        let path = PathBuf::from("/tmp/a b/été#1/dms-rules.toml");
        let uri = file_uri(&path).expect("a URI");
        assert_eq!(
            uri.as_str(),
            "file:///tmp/a%20b/%C3%A9t%C3%A9%231/dms-rules.toml"
        );
        assert_eq!(file_path(&uri), Some(path));
    }
}
