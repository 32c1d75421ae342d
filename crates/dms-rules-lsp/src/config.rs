//! The configuration a document is checked with, as `lint` reads it: the nearest
//! `dms-rules.toml` or `.dms-rules.toml` above the document's file (options, code levels,
//! overrides, suppressions, the catalog). Each file is read once and kept until the editor says
//! it changed (a watched-file event, or the file saved), when every one is read again: a new
//! file can also change which one is nearest.

use std::cell::{Cell, OnceCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use dms_rules::config::{Config, FILE_NAMES};
use dms_rules::select::Catalog;
use dms_rules::{Diagnostic, Options};

/// A configuration file as read from disk.
#[derive(Debug)]
pub struct Loaded {
    pub config: Config,
    /// What is wrong in it, on its bytes.
    pub problems: Vec<Diagnostic>,
    /// Its text, for the positions of `problems`.
    pub text: String,
    /// Each catalog it names (the top level's and its overrides'), opened when a document
    /// first needs it.
    catalogs: Vec<Opened>,
}

/// A catalog a configuration names, opened once when first needed.
#[derive(Debug)]
struct Opened {
    source: String,
    catalog: OnceCell<Result<Catalog, String>>,
    /// Whether the reason it cannot be opened was given to the user.
    told: Cell<bool>,
}

impl Loaded {
    /// A configuration read from `text`; its catalogs are opened when first needed.
    pub fn new(config: Config, problems: Vec<Diagnostic>, text: String) -> Loaded {
        let mut catalogs: Vec<Opened> = Vec::new();
        let named = std::iter::once(&config.settings)
            .chain(config.overrides.iter().map(|o| &o.settings))
            .filter_map(|s| s.catalog.as_ref());
        for source in named {
            if !catalogs.iter().any(|o| &o.source == source) {
                catalogs.push(Opened {
                    source: source.clone(),
                    catalog: OnceCell::new(),
                    told: Cell::new(false),
                });
            }
        }
        Loaded {
            config,
            problems,
            text,
            catalogs,
        }
    }

    /// The options `file` is checked with: `flags` (the server's own), with what the
    /// configuration sets for `file` where they leave a setting open, as `lint`'s flags win
    /// over the file.
    pub fn options(&self, flags: &Options, file: &Path) -> Options {
        let set = self.config.options(file);
        Options {
            dialect: flags.dialect.or(set.dialect),
            operation: flags.operation.or(set.operation),
            source_engine: flags.source_engine.or(set.source_engine),
            target_engine: flags.target_engine.or(set.target_engine),
            migration_type: flags.migration_type.or(set.migration_type),
            ..flags.clone()
        }
    }

    /// The catalog `file` is checked against (the top level's, or an override's), when one is
    /// set and could be opened.
    pub fn catalog(&self, file: Option<&Path>) -> Option<&Catalog> {
        let source = self.config.settings_of(file).catalog?;
        let opened = self.catalogs.iter().find(|o| o.source == source)?;
        let catalog = opened.catalog.get_or_init(|| {
            Catalog::open(&source).map_err(|e| {
                format!(
                    "the catalog of the configuration `{}` cannot be read: {e}",
                    self.config.path.display()
                )
            })
        });
        catalog.as_ref().ok()
    }

    /// Why each catalog opened so far could not be, once each.
    pub fn catalog_errors(&self) -> Vec<String> {
        self.catalogs
            .iter()
            .filter_map(|o| match o.catalog.get() {
                Some(Err(message)) if !o.told.replace(true) => Some(message.clone()),
                _ => None,
            })
            .collect()
    }
}

/// The configuration files read so far.
#[derive(Debug, Default)]
pub struct Configs {
    /// Each folder's nearest configuration file, found once; `None` where there is none.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// Each file read, by path.
    read: HashMap<PathBuf, Rc<Loaded>>,
    /// Files read since [`Configs::take_fresh`] was last called: their problems are to be
    /// published.
    fresh: Vec<(PathBuf, Rc<Loaded>)>,
    /// Files found that could not be read, with why, since [`Configs::take_fresh`].
    unreadable: Vec<String>,
}

impl Configs {
    /// The configuration of the document at `file`.
    pub fn of(&mut self, file: &Path) -> Option<Rc<Loaded>> {
        let dir = file.parent()?.to_path_buf();
        let path = match self.nearest.get(&dir) {
            Some(found) => found.clone(),
            None => {
                let found = dms_rules::config::find(&dir);
                self.nearest.insert(dir, found.clone());
                found
            }
        }?;
        if let Some(loaded) = self.read.get(&path) {
            return Some(loaded.clone());
        }
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                self.unreadable.push(format!(
                    "cannot read the configuration `{}`: {e}",
                    path.display()
                ));
                // Not tried again until a file changes.
                self.nearest.insert(file.parent()?.to_path_buf(), None);
                return None;
            }
        };
        let (config, problems) = Config::parse(&text, &path);
        let loaded = Rc::new(Loaded::new(config, problems, text));
        self.read.insert(path.clone(), loaded.clone());
        self.fresh.push((path, loaded.clone()));
        Some(loaded)
    }

    /// Forgets every file read and found: each is read again when next needed.
    pub fn forget(&mut self) {
        self.nearest.clear();
        self.read.clear();
        self.fresh.clear();
    }

    /// The files read since the last call, and the messages of those that could not be.
    pub fn take_fresh(&mut self) -> (Vec<(PathBuf, Rc<Loaded>)>, Vec<String>) {
        (
            std::mem::take(&mut self.fresh),
            std::mem::take(&mut self.unreadable),
        )
    }
}

/// Whether `path` has a configuration file's name.
pub fn is_config(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| FILE_NAMES.contains(&name))
}

/// The name a configuration is given when its document has no path.
pub const FILE_NAME: &str = FILE_NAMES[0];

/// The globs the client is asked to watch: every configuration file of the workspace.
pub const FILE_NAMES_GLOBS: [&str; 2] = ["**/dms-rules.toml", "**/.dms-rules.toml"];

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::document::file_uri;
    use crate::testing::{codes, Session};

    /// A folder of files for one test, removed when dropped.
    struct Tree(std::path::PathBuf);

    impl Tree {
        fn new(name: &str, files: &[(&str, &str)]) -> Tree {
            let dir =
                std::env::temp_dir().join(format!("dms-rules-lsp-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            let tree = Tree(dir);
            for (path, text) in files {
                tree.write(path, text);
            }
            tree
        }

        fn write(&self, path: &str, text: &str) {
            let path = self.0.join(path);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("create the folder");
            std::fs::write(&path, text).expect("write the file");
        }

        fn uri(&self, relative: &str) -> String {
            file_uri(&self.0.join(relative))
                .expect("a URI")
                .as_str()
                .to_owned()
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    const TMP_RULE: &str = r#"{"rules": [
  {"rule-type": "selection", "rule-id": "1", "rule-name": "all", "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"},
  {"rule-type": "selection", "rule-id": "3", "rule-name": "tmp", "object-locator": {"schema-name": "HR", "table-name": "TMP_%"}, "rule-action": "include"},
  {"rule-type": "transformation", "rule-id": "4", "rule-name": "lower", "rule-target": "table", "object-locator": {"schema-name": "HR", "table-name": "Emp"}, "rule-action": "convert-lowercase"}
]}
"#;

    fn utf8() -> Value {
        json!({"general": {"positionEncodings": ["utf-8"]}})
    }

    fn severities(diagnostics: &[Value]) -> Vec<i64> {
        diagnostics
            .iter()
            .filter_map(|d| d["severity"].as_i64())
            .collect()
    }

    #[test]
    fn the_nearest_configuration_sets_levels_and_engines() {
        let tree = Tree::new(
            "levels",
            &[
                (
                    "dms-rules.toml",
                    "source-engine = \"oracle\"\n[codes]\n\"dms::underscore_wildcard\" = \"error\"\n",
                ),
                ("a/rules.json", TMP_RULE),
                (
                    "b/.dms-rules.toml",
                    "[codes]\nunderscore_wildcard = \"off\"\n",
                ),
                ("b/c/rules.json", TMP_RULE),
                ("elsewhere/rules.json", TMP_RULE),
            ],
        );
        let mut session = Session::initialized(utf8());
        session.open_another(&tree.uri("a/rules.json"), TMP_RULE);
        session.open_another(&tree.uri("b/c/rules.json"), TMP_RULE);
        // The top folder's: an error, and the Oracle source's lower-case name.
        let a = session.diagnostics(&tree.uri("a/rules.json"));
        assert_eq!(
            codes(&a),
            ["dms::underscore_wildcard", "dms::lowercase_name"]
        );
        assert_eq!(severities(&a)[0], 1);
        // The nearer one turns the code off, and sets no engine.
        let c = session.diagnostics(&tree.uri("b/c/rules.json"));
        assert_eq!(codes(&c), Vec::<&str>::new());
    }

    #[test]
    fn fix_all_leaves_alone_a_code_the_configuration_turns_off() {
        let text = TMP_RULE.replace("\"rule-id\": \"3\"", "\"rule-id\": 3");
        let tree = Tree::new(
            "fix-all",
            &[
                (
                    "dms-rules.toml",
                    "[codes]\n\"dms::underscore_wildcard\" = \"off\"\n",
                ),
                ("rules.json", &text),
            ],
        );
        let uri = tree.uri("rules.json");
        let mut session = Session::initialized(utf8());
        session.open_another(&uri, &text);
        assert_eq!(codes(&session.diagnostics(&uri)), ["dms::rule_id_format"]);
        let everywhere = json!({"start": {"line": 0, "character": 0},
                                "end": {"line": 0, "character": 0}});
        let answer = session.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": everywhere,
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        );
        let edits = answer[0]["edit"]["changes"][&uri]
            .as_array()
            .expect("one fix-all edit")
            .clone();
        // The id is written as a string; the wildcard `_`, meant as any character, is kept.
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0]["newText"], "\"3\"");
    }

    #[test]
    fn overrides_and_suppressions_apply_by_path_and_rule() {
        let tree = Tree::new(
            "suppress",
            &[
                (
                    "dms-rules.toml",
                    concat!(
                        "[[overrides]]\npaths = [\"legacy/**\"]\nsource-engine = \"oracle\"\n\n",
                        "[[suppress]]\npath = \"mappings/hr.json\"\ncode = \"dms::underscore_wildcard\"\n",
                        "rule-id = \"3\"\nreason = \"any character is meant\"\n",
                    ),
                ),
                ("mappings/hr.json", TMP_RULE),
                ("legacy/old.json", TMP_RULE),
            ],
        );
        let mut session = Session::initialized(utf8());
        session.open_another(&tree.uri("mappings/hr.json"), TMP_RULE);
        session.open_another(&tree.uri("legacy/old.json"), TMP_RULE);
        assert_eq!(
            codes(&session.diagnostics(&tree.uri("mappings/hr.json"))),
            Vec::<&str>::new()
        );
        assert_eq!(
            codes(&session.diagnostics(&tree.uri("legacy/old.json"))),
            ["dms::underscore_wildcard", "dms::lowercase_name"]
        );
    }

    #[test]
    fn a_comment_suppresses_in_a_host_file_and_one_that_silences_nothing_is_reported() {
        let terraform = r#"resource "aws_dms_replication_task" "t" {
  # dms-rules: ignore[dms::underscore_wildcard] any character is meant
  table_mappings = jsonencode({
    rules = [{
      rule-type = "selection", rule-id = "1", rule-name = "tmp"
      object-locator = { schema-name = "HR", table-name = "TMP_%" }
      rule-action = "include"
    }]
  })
}

resource "aws_dms_replication_task" "u" {
  # dms-rules: ignore[dms::lowercase_name]
  table_mappings = jsonencode({
    rules = [{
      rule-type = "selection", rule-id = "1", rule-name = "all"
      object-locator = { schema-name = "HR", table-name = "%" }
      rule-action = "include"
    }]
  })
}
"#;
        let tree = Tree::new("comments", &[("main.tf", terraform)]);
        let mut session = Session::initialized(utf8());
        session.open_another(&tree.uri("main.tf"), terraform);
        let found = session.diagnostics(&tree.uri("main.tf"));
        assert_eq!(codes(&found), ["dms::unused_suppression"]);
        assert_eq!(
            found[0]["range"]["start"],
            session.at("dms::lowercase_name", 0)
        );
    }

    #[test]
    fn the_configurations_problems_are_published_on_it_and_it_is_read_again_when_it_changes() {
        let tree = Tree::new(
            "reread",
            &[
                ("dms-rules.toml", "sorce-engine = \"oracle\"\n"),
                ("rules.json", TMP_RULE),
            ],
        );
        let mut session = Session::initialized(utf8());
        session.open_another(&tree.uri("rules.json"), TMP_RULE);
        assert_eq!(
            codes(&session.diagnostics(&tree.uri("rules.json"))),
            ["dms::underscore_wildcard"]
        );
        let problems = session.diagnostics(&tree.uri("dms-rules.toml"));
        assert_eq!(codes(&problems), ["dms::unknown_config_key"]);
        assert_eq!(
            problems[0]["range"],
            json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 12}})
        );

        // Mended on disk and announced: read again, the findings follow, the problem is gone.
        tree.write("dms-rules.toml", "source-engine = \"oracle\"\n");
        let uri = tree.uri("dms-rules.toml");
        session.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri, "type": 2}]}),
        );
        assert_eq!(
            codes(&session.diagnostics(&tree.uri("rules.json"))),
            ["dms::underscore_wildcard", "dms::lowercase_name"]
        );
        assert_eq!(codes(&session.diagnostics(&uri)), Vec::<&str>::new());

        // Edited in the editor: its problems follow the text; saved, it is read again.
        let broken = "[codes]\n\"dms::no_such_code\" = \"off\"\n";
        session.open_another(&uri, broken);
        let problems = session.diagnostics(&uri);
        assert_eq!(codes(&problems), ["dms::unknown_code"]);
        assert_eq!(
            problems[0]["range"]["start"],
            session.at("\"dms::no_such", 0)
        );
        tree.write("dms-rules.toml", "[codes]\nunderscore_wildcard = \"off\"\n");
        session.notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": uri}}),
        );
        assert_eq!(
            codes(&session.diagnostics(&tree.uri("rules.json"))),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn an_override_s_catalog_is_matched_against_the_files_it_matches() {
        let tree = Tree::new(
            "override-catalog",
            &[
                (
                    "dms-rules.toml",
                    concat!(
                        "catalog = \"catalog.csv\"\n[codes]\nunderscore_wildcard = \"off\"\n",
                        "[[overrides]]\npaths = [\"legacy/**\"]\ncatalog = \"legacy/catalog.csv\"\n",
                    ),
                ),
                ("catalog.csv", "schema,name\nHR,EMPLOYEES\nHR,TMP_A\n"),
                ("legacy/catalog.csv", "schema,name\nPAY,SLIPS\n"),
                ("rules.json", TMP_RULE),
                ("legacy/rules.json", TMP_RULE),
            ],
        );
        let mut session = Session::initialized(utf8());
        session.open_another(&tree.uri("rules.json"), TMP_RULE);
        session.open_another(&tree.uri("legacy/rules.json"), TMP_RULE);
        let lines = |found: &[Value]| -> Vec<i64> {
            found
                .iter()
                .filter(|d| d["code"] == "dms::rule_matches_nothing")
                .filter_map(|d| d["range"]["start"]["line"].as_i64())
                .collect()
        };
        // The top level's catalog has what both selection rules name.
        assert_eq!(
            lines(&session.diagnostics(&tree.uri("rules.json"))),
            Vec::<i64>::new()
        );
        // The override's, relative to the configuration, has no `HR`: both rules match nothing.
        assert_eq!(
            lines(&session.diagnostics(&tree.uri("legacy/rules.json"))),
            [1, 2]
        );
    }

    #[test]
    fn an_open_configuration_reports_its_suppressions_that_silence_nothing() {
        let suppress = |path: &str, code: &str, rule: &str| {
            format!("[[suppress]]\npath = \"{path}\"\ncode = \"{code}\"\n{rule}reason = \"r\"\n\n")
        };
        // Used in the file on disk; unused (no engine, so no lower-case finding); a glob used in
        // the file on disk; a file with a nearer configuration of its own, and a file that does
        // not exist (neither checked with this configuration, so not judged); a file that
        // cannot be read (said in the log, not judged).
        let entries = [
            suppress(
                "mappings/hr.json",
                "dms::underscore_wildcard",
                "rule-id = \"3\"\n",
            ),
            suppress("mappings/hr.json", "dms::lowercase_name", ""),
            suppress(
                "other/*.json",
                "dms::underscore_wildcard",
                "rule-name = \"tmp\"\n",
            ),
            suppress("nested/x.json", "dms::lowercase_name", ""),
            suppress("missing.json", "dms::lowercase_name", ""),
            suppress("bad.json", "dms::lowercase_name", ""),
        ];
        let config: String = entries.concat();
        let tree = Tree::new(
            "unused",
            &[
                ("dms-rules.toml", &config),
                ("mappings/hr.json", TMP_RULE),
                ("other/a.json", TMP_RULE),
                ("nested/dms-rules.toml", ""),
                ("nested/x.json", TMP_RULE),
            ],
        );
        std::fs::write(tree.0.join("bad.json"), b"{\"rules\": [\xff]}").expect("write");
        let uri = tree.uri("dms-rules.toml");
        let mut session = Session::initialized(utf8());
        session.open_another(&uri, &config);
        // Where the header of the `n`th entry of `text` starts.
        let header = |text: &str, n: usize| {
            let at = text
                .match_indices("[[suppress]]")
                .nth(n)
                .expect("an entry")
                .0;
            json!({"line": text[..at].matches('\n').count(), "character": 0})
        };
        let unused = |session: &Session| -> Vec<Value> {
            session
                .diagnostics(&uri)
                .iter()
                .filter(|d| d["code"] == "dms::unused_suppression")
                .map(|d| d["range"]["start"].clone())
                .collect()
        };
        assert_eq!(unused(&session), [header(&config, 1)]);
        let logged: Vec<String> = session
            .written()
            .into_iter()
            .filter(|m| m["method"] == "window/logMessage")
            .filter_map(|m| m["params"]["message"].as_str().map(str::to_owned))
            .collect();
        assert_eq!(logged.len(), 1, "{logged:?}");
        assert!(
            logged[0].contains("bad.json") && logged[0].contains("not UTF-8"),
            "{logged:?}"
        );

        // A named file changed in the editor, unsaved: checked as the editor has it.
        let other = tree.uri("other/a.json");
        session.open_another(&other, TMP_RULE);
        session.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": other, "version": 2},
                   "contentChanges": [{"text": TMP_RULE.replace("TMP_%", "TMP%")}]}),
        );
        session.publish_due();
        assert_eq!(unused(&session), [header(&config, 1), header(&config, 2)]);

        // The configuration edited: the entry taken out is no longer reported.
        let edited = config.replacen(&entries[1], "", 1);
        session.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2},
                   "contentChanges": [{"text": edited}]}),
        );
        session.publish_due();
        assert_eq!(unused(&session), [header(&edited, 1)]);

        // The named file closed: its text on disk is checked again, where the entry is used.
        session.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": other}}),
        );
        session.publish_due();
        assert_eq!(unused(&session), Vec::<Value>::new());
    }

    #[test]
    fn a_client_that_can_watch_files_is_asked_to_watch_the_configurations() {
        let capabilities =
            json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
        let session = Session::initialized(capabilities);
        let registration = session
            .written()
            .into_iter()
            .find(|m| m["method"] == "client/registerCapability")
            .expect("a registration");
        let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
        assert_eq!(watchers[0]["globPattern"], "**/dms-rules.toml");
        assert_eq!(watchers[1]["globPattern"], "**/.dms-rules.toml");
        // One that cannot is not asked.
        let session = Session::initialized(utf8());
        assert!(!session
            .written()
            .iter()
            .any(|m| m["method"] == "client/registerCapability"));
    }

    #[test]
    fn the_configurations_catalog_is_matched_against_the_rules() {
        let tree = Tree::new(
            "catalog",
            &[
                (
                    "dms-rules.toml",
                    "catalog = \"catalog.csv\"\n[codes]\nunderscore_wildcard = \"off\"\n",
                ),
                ("catalog.csv", "schema,name\nHR,EMPLOYEES\n"),
                ("rules.json", TMP_RULE),
            ],
        );
        let mut session = Session::initialized(utf8());
        session.open_another(&tree.uri("rules.json"), TMP_RULE);
        let found = session.diagnostics(&tree.uri("rules.json"));
        assert!(
            codes(&found).contains(&"dms::rule_matches_nothing"),
            "{found:?}"
        );
        let on_tmp = found
            .iter()
            .find(|d| d["code"] == "dms::rule_matches_nothing")
            .expect("the rule that selects nothing");
        assert_eq!(on_tmp["range"]["start"]["line"], 2);

        // A catalog that cannot be read is said once, in the log.
        tree.write("dms-rules.toml", "catalog = \"missing.csv\"\n");
        session.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": tree.uri("dms-rules.toml"), "type": 2}]}),
        );
        let logged: Vec<Value> = session
            .written()
            .into_iter()
            .filter(|m| m["method"] == "window/logMessage")
            .collect();
        assert_eq!(logged.len(), 1, "{logged:?}");
        assert!(logged[0]["params"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("missing.csv")));
    }
    /// With a column catalog configured, the editor shows the `%` that reaches a column whose
    /// name DMS cannot transform, on the pattern's characters (UTF-8 positions).
    #[test]
    fn the_configurations_column_catalog_reaches_special_character_columns() {
        let rules = r#"{"rules": [
  {"rule-type": "selection", "rule-id": "1", "rule-name": "all", "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"},
  {"rule-type": "transformation", "rule-id": "2", "rule-name": "lower", "rule-target": "column", "object-locator": {"schema-name": "HR", "table-name": "EMP", "column-name": "%"}, "rule-action": "convert-lowercase"}
]}
"#;
        let tree = Tree::new(
            "column-catalog",
            &[
                ("dms-rules.toml", "catalog = \"catalog.csv\"\n"),
                (
                    "catalog.csv",
                    "schema,name,column\nHR,EMP,ID\nHR,EMP,DEPT#\n",
                ),
                ("rules.json", rules),
            ],
        );
        let mut session = Session::initialized(utf8());
        session.open_another(&tree.uri("rules.json"), rules);
        let found = session.diagnostics(&tree.uri("rules.json"));
        let special = found
            .iter()
            .find(|d| d["code"] == "dms::special_character_column")
            .unwrap_or_else(|| panic!("{found:?}"));
        let line = rules.lines().nth(2).expect("the column rule");
        let at = line.find(r#""%"}"#).expect("the pattern") as i64;
        assert_eq!(
            special["range"],
            json!({"start": {"line": 2, "character": at}, "end": {"line": 2, "character": at + 3}})
        );
        assert!(special["message"]
            .as_str()
            .is_some_and(|m| m.contains("`HR.EMP.DEPT#` (`#`)")));
    }
}
