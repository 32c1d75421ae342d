//! The pre-commit hooks (`.pre-commit-hooks.yaml`): the files each picks, and how each gets the
//! command it runs.

use crate::support::{assert_contains, root};

/// The hooks, each as its id and the lines after it.
fn hooks() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).expect("hooks");
    text.split("- id: ")
        .skip(1)
        .map(|b| {
            let (id, rest) = b.split_once('\n').expect("an id line");
            (id.to_string(), rest.to_string())
        })
        .collect()
}

/// The value of `key` in the hook `id`.
fn setting(id: &str, key: &str) -> String {
    let hooks = hooks();
    let (_, block) = hooks
        .iter()
        .find(|(other, _)| other == id)
        .unwrap_or_else(|| panic!("no hook `{id}`"));
    block
        .lines()
        .find_map(|l| l.trim().strip_prefix(key)?.strip_prefix(": "))
        .unwrap_or_else(|| panic!("no `{key}` in `{id}`"))
        .to_string()
}

/// The `files` pattern of the hook `id`.
fn files(id: &str) -> regex::Regex {
    regex::Regex::new(setting(id, "files").trim_matches('\'')).expect("a regex")
}

#[test]
fn the_hooks_pick_the_files_they_are_for() {
    let iac = files("dms-rules-iac");
    for name in [
        "main.tf",
        "infra/dms.yaml",
        "cfn/dms.template",
        "cdk.out/Stack.template.json",
    ] {
        assert!(iac.is_match(name), "{name}");
    }
    for name in ["package.json", "rules/table-mappings.json", "README.md"] {
        assert!(!iac.is_match(name), "{name}");
    }
    let rules = files("dms-rules");
    for name in [
        "dms/table-mappings.json",
        "Table_Mapping.json",
        "rules/selection-rules.json",
        "prod-dms-task-rules.json",
    ] {
        assert!(rules.is_match(name), "{name}");
    }
    for name in [
        "package.json",
        "main.tf",
        "rules/table-mappings.yaml",
        "tsconfig.json",
    ] {
        assert!(!rules.is_match(name), "{name}");
    }
}

#[test]
fn the_fmt_hook_picks_the_files_the_lint_hook_does() {
    assert_eq!(setting("dms-rules-fmt", "entry"), "dms-rules fmt --check");
    assert_eq!(
        setting("dms-rules-fmt", "files"),
        setting("dms-rules", "files")
    );
}

/// Every hook builds the lint-only binary (`language: python` through `pyproject.toml`), and
/// has a `-system` twin that runs the installed one on the same files.
#[test]
fn the_hooks_build_the_lint_only_binary_or_run_the_installed_one() {
    let hooks = hooks();
    let built: Vec<&str> = hooks
        .iter()
        .map(|(id, _)| id.as_str())
        .filter(|id| !id.ends_with("-system"))
        .collect();
    assert_eq!(built.len() * 2, hooks.len(), "{hooks:?}");
    for id in built {
        assert_eq!(setting(id, "language"), "python", "{id}");
        let twin = format!("{id}-system");
        assert_eq!(setting(&twin, "language"), "system", "{twin}");
        for key in ["entry", "files"] {
            assert_eq!(setting(id, key), setting(&twin, key), "{twin}");
        }
    }
    let pyproject = std::fs::read_to_string(root().join("pyproject.toml")).expect("pyproject");
    for line in [
        "bindings = \"bin\"\n",
        "manifest-path = \"crates/dms-rules-cli/Cargo.toml\"\n",
        "no-default-features = true\n",
    ] {
        assert_contains(&pyproject, line);
    }
    assert!(root().join("crates/dms-rules-cli/Cargo.toml").is_file());
}

/// The language server reads a file the rules hook matches as a rules document: the library's
/// names and the hook's pattern agree.
#[test]
fn the_rules_hook_and_the_library_match_the_same_names() {
    let rules = files("dms-rules");
    for name in [
        "table-mappings.json",
        "Table_Mapping.JSON",
        "tablemappings.json",
        "prod-selection_rules.json",
        "dms-task-rules.json",
        "dmsrules.json",
        "package.json",
        "rules.json",
        "dms.json",
        "table-mappings.yaml",
        "selection.json",
    ] {
        assert_eq!(
            rules.is_match(name),
            dms_rules::input::is_rules_name(name),
            "{name}"
        );
    }
}
