//! What a file holds, told from its name and content: a rules document, or a host file
//! (Terraform, CloudFormation) that may hold mappings. The one place that tells them apart: the
//! command line, the language server and a library user all ask here.

use std::path::Path;

use crate::host::Format;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A rules document (`{"rules": [...]}`).
    Rules,
    /// A Terraform file or CloudFormation template, which may hold mappings.
    Host(Format),
    /// A YAML file that is no CloudFormation template: it holds no rules.
    NoRules,
    /// Program source (`.ts`, `.js`, `.py`, ...), such as a CDK app: not read. What it deploys
    /// is checked in the template it synthesizes (`cdk.out/*.template.json`).
    SourceCode,
}

/// The extension of rules documents.
const RULES: &str = "json";

/// The extensions of program source, which may build DMS resources but is never read.
const SOURCE_CODE: [&str; 11] = [
    "ts", "tsx", "mts", "cts", "js", "mjs", "cjs", "py", "java", "cs", "go",
];

impl Kind {
    /// The kind a file's name and content show: a host file ([`Format::detect`]), else a rules
    /// document when it is a `.json` file with a `rules` array ([`has_rules_array`]). `None`
    /// when it shows none, as most files under a directory do.
    ///
    /// ```
    /// use std::path::Path;
    /// use dms_rules::host::Format;
    /// use dms_rules::input::Kind;
    ///
    /// let rules = br#"{"rules": []}"#;
    /// assert_eq!(Kind::detect(Path::new("task.json"), rules), Some(Kind::Rules));
    /// assert_eq!(Kind::detect(Path::new("main.tf"), b""), Some(Kind::Host(Format::Terraform)));
    /// assert_eq!(Kind::detect(Path::new("package.json"), b"{}"), None);
    /// ```
    pub fn detect(path: &Path, bytes: &[u8]) -> Option<Kind> {
        if let Some(format) = Format::detect(path, bytes) {
            return Some(Kind::Host(format));
        }
        let json = extension(path).is_some_and(|e| e == RULES);
        (json && has_rules_array(bytes)).then_some(Kind::Rules)
    }

    /// The kind of a file asked for by name: the one [`Kind::detect`] shows, else, from its
    /// name alone, [`Kind::NoRules`] for a CloudFormation extension that rules documents do not
    /// have (YAML that is no template), [`Kind::SourceCode`] for program source, and a rules
    /// document for anything else, so what is wrong with it is reported.
    pub fn named(path: &Path, bytes: &[u8]) -> Kind {
        Kind::detect(path, bytes).unwrap_or_else(|| match extension(path) {
            Some(e) if e != RULES && Format::CloudFormation.extensions().contains(&e.as_str()) => {
                Kind::NoRules
            }
            Some(e) if SOURCE_CODE.contains(&e.as_str()) => Kind::SourceCode,
            _ => Kind::Rules,
        })
    }
}

/// Whether a file may be of a known kind, from its extension alone: what a walk of a directory
/// reads, before reading anything.
pub fn may_be_known(path: &Path) -> bool {
    extension(path).is_some_and(|e| e == RULES || is_host_extension(&e))
}

fn is_host_extension(extension: &str) -> bool {
    Format::ALL
        .iter()
        .any(|f| f.extensions().contains(&extension))
}

/// Whether a file name is one the pre-commit hook matches: a `.json` file whose name holds
/// `table-mapping(s)`, `selection-rules` or `dms...rules` (`-`, `_` or nothing between the
/// words), in any case.
pub fn is_rules_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let Some(stem) = name.strip_suffix(".json") else {
        return false;
    };
    let squeezed: String = stem.chars().filter(|c| *c != '-' && *c != '_').collect();
    let dms_rules = stem
        .find("dms")
        .is_some_and(|at| stem[at + 3..].contains("rules"));
    squeezed.contains("tablemapping") || squeezed.contains("selectionrules") || dms_rules
}

/// Whether a JSON text looks like a rules document: it has a `"rules"` member whose value is an
/// array. A cheap look for `"rules"` followed by `:` and `[`, to pick rules documents out of a
/// directory without parsing every JSON file there; a half-typed document passes too.
pub fn has_rules_array(bytes: &[u8]) -> bool {
    const KEY: &[u8] = b"\"rules\"";
    let skip_space = |b: &[u8]| -> usize {
        b.iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
            .count()
    };
    memchr::memmem::find_iter(bytes, KEY).any(|at| {
        let after = &bytes[at + KEY.len()..];
        let after = &after[skip_space(after)..];
        after
            .strip_prefix(b":")
            .is_some_and(|after| after[skip_space(after)..].starts_with(b"["))
    })
}

fn extension(path: &Path) -> Option<String> {
    Some(path.extension()?.to_str()?.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &[u8] = b"Resources:\n  Task:\n    Type: AWS::DMS::ReplicationTask\n";

    #[test]
    fn host_files_by_extension_and_content() {
        let detect = |name: &str, bytes: &[u8]| Kind::detect(Path::new(name), bytes);
        assert_eq!(detect("main.TF", b""), Some(Kind::Host(Format::Terraform)));
        for name in ["stack.yaml", "stack.yml", "stack.json", "stack.template"] {
            assert_eq!(
                detect(name, TEMPLATE),
                Some(Kind::Host(Format::CloudFormation)),
                "{name}"
            );
        }
        assert_eq!(detect("stack.yaml", b"a: 1\n"), None);
    }

    #[test]
    fn rules_documents_are_json_files_with_a_rules_array() {
        let detect = |name: &str, bytes: &[u8]| Kind::detect(Path::new(name), bytes);
        assert_eq!(detect("a.json", b"{ \"rules\" :\n [ {"), Some(Kind::Rules));
        assert_eq!(detect("a.JSON", b"{\"rules\":[]}"), Some(Kind::Rules));
        assert_eq!(detect("a.txt", b"{\"rules\":[]}"), None);
        assert_eq!(detect("a.json", b"{\"rules\": {}}"), None);
        assert_eq!(detect("a.json", b"{\"rule\": [], \"x\": \"rules\"}"), None);
    }

    #[test]
    fn a_named_file_of_no_kind_is_read_as_rules_unless_it_is_yaml() {
        assert_eq!(Kind::named(Path::new("x.yaml"), b"a: 1"), Kind::NoRules);
        for name in ["stack.ts", "app.py", "bin/app.JS"] {
            assert_eq!(
                Kind::named(Path::new(name), b"import x"),
                Kind::SourceCode,
                "{name}"
            );
        }
        assert_eq!(Kind::named(Path::new("x.txt"), b"a"), Kind::Rules);
        assert_eq!(Kind::named(Path::new("rules"), b""), Kind::Rules);
        assert_eq!(
            Kind::named(Path::new("x.yaml"), TEMPLATE),
            Kind::Host(Format::CloudFormation)
        );
    }

    #[test]
    fn a_walk_reads_only_known_extensions() {
        for name in ["a.tf", "a.json", "a.YAML", "a.yml", "a.template"] {
            assert!(may_be_known(Path::new(name)), "{name}");
        }
        for name in ["a.tfvars", "terragrunt.hcl"] {
            assert!(may_be_known(Path::new(name)), "{name}");
        }
        for name in ["a.md", "Makefile"] {
            assert!(!may_be_known(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn names_the_hook_matches() {
        for name in [
            "table-mappings.json",
            "prod_selection_rules.json",
            "dms-task-rules.json",
            "Table_Mapping.JSON",
        ] {
            assert!(is_rules_name(name), "{name}");
        }
        for name in [
            "package.json",
            "rules.yaml",
            "dms.json",
            "table-mappings.yaml",
        ] {
            assert!(!is_rules_name(name), "{name}");
        }
    }
}
