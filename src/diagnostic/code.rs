//! The catalogue of diagnostic codes.
//!
//! Codes are a public interface: users put them in CI configurations and suppressions. A code is
//! never renamed or reused. Each entry here carries what a program needs to describe the code
//! (a one-line summary, the severity it is documented with, the usual fix);
//! `grammar/codes.md` documents each one at length, and tests keep that file and this list equal.

use std::fmt;

use super::Severity;

macro_rules! codes {
    ($(
        #[doc = $summary:literal]
        $variant:ident => $name:literal, $severity:ident, $fix:literal,
    )*) => {
        /// A stable diagnostic code, printed as `dms::<name>`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $(#[doc = $summary] $variant,)*
        }

        impl Code {
            /// Every code the crate can emit, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The full code, such as `dms::json_syntax`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => concat!("dms::", $name),)*
                }
            }

            /// What the code reports, in one line without a final period, such as "A key
            /// appears twice in one object".
            pub fn summary(self) -> &'static str {
                let doc: &'static str = match self {
                    $(Code::$variant => $summary,)*
                };
                let doc = doc.trim();
                doc.strip_suffix('.').unwrap_or(doc)
            }

            /// The severity `grammar/codes.md` gives the code. A few codes are reported at
            /// another one in some cases (a missing `rule-name` is a warning where other missing
            /// members are errors): a diagnostic's own severity is the one that counts.
            pub fn default_severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// How to fix what the code reports, in general, in whole sentences; a
            /// diagnostic's help says it for the case at hand.
            pub fn fix(self) -> &'static str {
                match self {
                    $(Code::$variant => $fix,)*
                }
            }
        }
    };
}

codes! {
    /// The input is not well-formed JSON (RFC 8259).
    JsonSyntax => "json_syntax", Error,
        "Follow the help; the label sits on the first byte that cannot be JSON.",
    /// The input bytes are not UTF-8.
    InvalidUtf8 => "invalid_utf8", Error,
        "Save the file as UTF-8 (the help says so, and recognises UTF-16 files).",
    /// Arrays and objects nest deeper than the parser allows.
    NestingTooDeep => "nesting_too_deep", Error,
        "Close the brackets that were left open.",
    /// A key appears twice in one object.
    DuplicateKey => "duplicate_key", Error,
        "Keep one of the two members.",
    /// A `\u` escape decodes to half of a surrogate pair.
    UnpairedSurrogate => "unpaired_surrogate", Error,
        r#"Write the character itself, or both halves of the pair (`\ud83d\ude00`)."#,
    /// The input holds nothing but whitespace.
    EmptyDocument => "empty_document", Error,
        r#"Write a rules document, `{"rules": [...]}`."#,
    /// The input is larger than the configured limit.
    InputTooLarge => "input_too_large", Error,
        "Check the file; a library user can raise `Options::max_input_len`.",
    /// The top level is not an object with a `rules` array.
    NotARulesDocument => "not_a_rules_document", Error,
        r#"Wrap the rules: `{"rules": [ {...}, {...} ]}`."#,
    /// A required member is absent.
    MissingKey => "missing_key", Error,
        "Add the member; the help shows an example.",
    /// A member the rule vocabulary does not have.
    UnknownKey => "unknown_key", Warning,
        "Correct the spelling, or remove the member.",
    /// A member has the wrong JSON type.
    WrongType => "wrong_type", Error,
        "The help shows the expected form (for a number where a string is needed, the quoted \
         value).",
    /// A member's value is not one of the allowed values.
    InvalidValue => "invalid_value", Error,
        "Use one of the values the help lists, spelt exactly.",
    /// A `rule-id` is not written as a non-negative integer.
    RuleIdFormat => "rule_id_format", Error,
        r#"Write the id as a digit string, `"1"`."#,
    /// Two rules share a `rule-id`.
    DuplicateRuleId => "duplicate_rule_id", Error,
        "Give every rule its own id.",
    /// Two rules share a `rule-name`.
    DuplicateRuleName => "duplicate_rule_name", Warning,
        "Give each rule its own name.",
    /// An object-locator name is empty.
    EmptyName => "empty_name", Error,
        "Name the object, or use `%` in an `include` rule.",
    /// A wildcard pattern is malformed.
    InvalidWildcard => "invalid_wildcard", Error,
        "Close the set, put characters in it, or write the range low to high.",
    /// A wildcard where names are exact.
    ExplicitWildcard => "explicit_wildcard", Error,
        "Use an `include` rule to select by pattern.",
    /// `_` matches any character, likely not what was meant.
    UnderscoreWildcard => "underscore_wildcard", Warning,
        "Write `[_]` for a literal underscore (`TMP[_]%`); the help gives the rewritten pattern.",
    /// A rule type that this dialect does not have.
    RuleTypeNotAllowed => "rule_type_not_allowed", Error,
        "Keep transformation rules in a replication task's table mappings. If the document is a \
         task's table mappings that was read as Schema Conversion rules because a locator has \
         `server-name`, choose the table-mapping dialect.",
    /// An `exclude` rule with nothing included before it.
    ExcludeWithoutInclude => "exclude_without_include", Warning,
        "Give the include a lower id, or remove the exclude.",
    /// No selection rule at all.
    NoSelectionRule => "no_selection_rule", Error,
        "Add a selection rule.",
    /// A filter operator and its values disagree.
    FilterArity => "filter_arity", Error,
        "Give the operator the values it takes, and remove the others.",
    /// A negative filter operator shares a filter with another condition.
    NegativeFilterCombined => "negative_filter_combined", Error,
        "Put it in a filter of its own (filters are AND-ed, conditions of one filter OR-ed).",
    /// Filters that DMS does not apply.
    FilterIgnored => "filter_ignored", Warning,
        "Move the filters to an `include` rule that names the table exactly.",
    /// The legacy `ste` filter operator.
    LegacyFilterOperator => "legacy_filter_operator", Warning,
        "Write `lte`.",
    /// A transformation action that does not fit its target, or lacks what it needs.
    ActionTargetMismatch => "action_target_mismatch", Error,
        "Use a target the action works on, and add the members the help names.",
    /// A wildcard in a `table-settings` locator.
    TableSettingsWildcard => "table_settings_wildcard", Error,
        "One table-settings rule per table.",
    /// `parallel-load` columns and boundaries that do not fit together.
    ParallelLoadShape => "parallel_load_shape", Error,
        "Give `ranges` its `columns` and one boundary value per column, or `partitions-list` its \
         `partitions`.",
    /// A Schema Conversion locator with more than one object key.
    MultipleObjectKeys => "multiple_object_keys", Warning,
        "Write one rule per kind of object.",
    /// The rules break a constraint of the Schema Conversion call they are for.
    OperationConstraint => "operation_constraint", Error,
        "Split the rules across calls, use `explicit` rules, or name objects instead of a \
         category, as the help says.",
    /// `#` or `\` before a wildcard, which some endpoints read as an escape.
    PossibleEscapeCharacter => "possible_escape_character", Advice,
        "Where a literal `_` is meant and the endpoint sets no escape character, write `[_]`.",
    /// A transformation that DMS does not apply, because another acts on the same object.
    ConflictingTransformation => "conflicting_transformation", Warning,
        "Keep one transformation per object: merge the two into one rule, or narrow the \
         locators so that they name different objects.",
    /// A transformation on a column whose name holds a character DMS cannot transform.
    SpecialCharacterColumn => "special_character_column", Warning,
        "Leave the column out of transformations, or rename it in the source database; a \
         pattern cannot leave one column out, so name the other columns in narrower rules.",
    /// A transformation locator's `data-type` beside an exact `column-name`.
    DataTypeOnExactColumn => "data_type_on_exact_column", Advice,
        "Remove `data-type`, or select the columns by pattern (`%`) and type.",
    /// A transformation locator with both tablespace keys.
    BothTablespaceNames => "both_tablespace_names", Error,
        "Write one rule for the table tablespace and another for the index tablespace.",
    /// Something the given source or target engine does not have.
    EngineMismatch => "engine_mismatch", Warning,
        "Follow the help: use what the engine has, or check that `--source-engine` and \
         `--target-engine` name the task's endpoints.",
    /// A name with lower-case letters in a transformation for an Oracle or Db2 source.
    LowercaseName => "lowercase_name", Warning,
        "Write the name in upper case, as the database stores it, unless it was created quoted \
         in lower case.",
    /// A selection rule that matches no object of the catalog it was explained against.
    RuleMatchesNothing => "rule_matches_nothing", Warning,
        r#"Follow the help; for views in table mappings, add `"table-type": "view"` (or `all`)."#,
    /// Two selected source objects that the transformations give one target name.
    TargetCollision => "target_collision", Error,
        "Give each of the two a target name of its own: narrow the transformation's locator, or \
         add a `rename` with a lower `rule-id` for one of them.",
    /// A target schema or table name longer than the target engine allows.
    TargetNameTooLong => "target_name_too_long", Error,
        "Shorten the name with a `rename` (or a shorter prefix or suffix) so that it fits the \
         target engine's limit.",
    /// Objects of an Oracle or Db2 source that arrive in PostgreSQL with upper-case names.
    UppercaseTarget => "uppercase_target", Advice,
        "Add `convert-lowercase` transformations for the schema and the tables (and columns).",
    /// A catalog view that a selection rule names, left out because the rule selects tables.
    ViewsNotSelected => "views_not_selected", Warning,
        r#"Add `"table-type": "all"` (or `"view"`) to the rule's locator to migrate the views too."#,
    /// A filter or column transformation naming a column the catalog's tables do not have.
    UnknownColumn => "unknown_column", Warning,
        "Name a column the table has, as the catalog spells it.",
    /// Views selected in a task that only replicates changes.
    ViewInCdc => "view_in_cdc", Warning,
        "Load the views in a full-load task, or leave them out of this one.",
    /// A table mapping larger than DMS processes.
    MappingTooLarge => "mapping_too_large", Warning,
        "Split the tables across several tasks, each with a mapping under 2 MB.",
    /// A column transformation other than `remove-column` on a column DMS carries as a LOB.
    LobColumnTransformation => "lob_column_transformation", Warning,
        "Narrow the rule's `column-name` (or give its locator a `data-type`) so it leaves the \
         LOB columns out; DMS only removes them (`remove-column`).",
    /// A Terraform file that is not well-formed HCL.
    HclSyntax => "hcl_syntax", Error,
        "Follow the message; `terraform validate` reports the same place.",
    /// A CloudFormation template that is not well-formed YAML.
    YamlSyntax => "yaml_syntax", Error,
        "Follow the help: indent with spaces, close the quote or bracket, line the key up with \
         its neighbours.",
    /// A mapping in a host file whose text cannot be known without running the host tool.
    MappingNotStatic => "mapping_not_static", Advice,
        "Nothing to fix; to have the rules checked, keep them in a literal (`jsonencode({...})`, \
         a heredoc or a JSON file read with `file()`).",
    /// A file a host file reads a mapping from, which was not read.
    FileNotRead => "file_not_read", Warning,
        "Check the path (relative paths are relative to the root module Terraform runs in; use \
         `${path.module}/...` for the file's own folder), or widen the root with `--root`.",
    /// A configuration file that is not well-formed TOML.
    ConfigSyntax => "config_syntax", Error,
        "Follow the message; the label sits where the TOML parser stopped.",
    /// A key the configuration file does not have.
    UnknownConfigKey => "unknown_config_key", Error,
        "Correct the spelling, or remove the key; the help lists the keys of that table.",
    /// A configuration value of the wrong type, or not one of the allowed values.
    InvalidConfigValue => "invalid_config_value", Error,
        "Use a value of the type and among the values the help names.",
    /// A required key of a configuration table is absent.
    MissingConfigKey => "missing_config_key", Error,
        "Add the key the message names.",
    /// A diagnostic code that does not exist, in a configuration file or a suppression comment.
    UnknownCode => "unknown_code", Error,
        "Correct the code (`grammar/codes.md` lists every one), or remove it.",
    /// A path glob that cannot be read.
    InvalidGlob => "invalid_glob", Error,
        "Close the `[` the glob opens, and write `**` as a whole folder name; a literal `*`, `?` or \
         `[` is `[*]`, `[?]`, `[[]`.",
    /// A suppression comment that cannot be read.
    MalformedSuppression => "malformed_suppression", Warning,
        "Write it as `# dms-rules: ignore[dms::code, ...] reason`.",
    /// A suppression that silences nothing.
    UnusedSuppression => "unused_suppression", Warning,
        "Remove the suppression, or the codes in it that no longer apply.",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = ();

    /// Accepts `dms::name` and the bare `name`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.strip_prefix("dms::").unwrap_or(s);
        Code::ALL
            .iter()
            .copied()
            .find(|code| &code.as_str()["dms::".len()..] == name)
            .ok_or(())
    }
}

/// Every code's entry, as `grammar/codes.md` writes it: `## `dms::name``, a paragraph opening
/// with the severity in bold (`**Error.**`), then `*Why:*`, `*Example:*` and `*Fix:*`
/// paragraphs.
const CATALOGUE: &str = include_str!("../../grammar/codes.md");

impl Code {
    /// The code at length: its entry in `grammar/codes.md` (Markdown, heading left out), what it
    /// means, why it matters, an example and the fix. `None` for a code without an entry, which
    /// a test forbids.
    pub fn explanation(self) -> Option<&'static str> {
        let heading = format!("## `{self}`");
        let start = CATALOGUE.find(&format!("\n{heading}\n"))? + 1 + heading.len();
        let body = &CATALOGUE[start..];
        let end = body.find("\n## ").unwrap_or(body.len());
        Some(body[..end].trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paragraphs of a code's entry, each joined into one line.
    fn entry(code: Code) -> Vec<String> {
        let heading = format!("## `{code}`");
        let mut lines = CATALOGUE
            .lines()
            .skip_while(|line| line.trim_end() != heading);
        assert!(lines.next().is_some(), "{code} has no entry in codes.md");
        let body: Vec<&str> = lines.take_while(|line| !line.starts_with("## ")).collect();
        body.split(|line| line.trim().is_empty())
            .filter(|lines| !lines.is_empty())
            .map(|lines| lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn summaries_are_one_line_in_sentence_case_without_a_final_period() {
        for &code in Code::ALL {
            let summary = code.summary();
            assert!(
                summary.starts_with(|c: char| c.is_uppercase() || c == '`'),
                "{code}: {summary}"
            );
            assert!(!summary.ends_with('.') && !summary.contains('\n'), "{code}");
        }
        assert_eq!(
            Code::DuplicateKey.summary(),
            "A key appears twice in one object"
        );
    }

    #[test]
    fn severity_and_fix_are_the_ones_codes_md_gives() {
        for &code in Code::ALL {
            let paragraphs = entry(code);
            let severity = match code.default_severity() {
                Severity::Error => "**Error.**",
                Severity::Warning => "**Warning.**",
                Severity::Advice => "**Advice.**",
            };
            assert!(paragraphs[0].starts_with(severity), "{code}: {severity}");
            let fix = paragraphs
                .iter()
                .find_map(|p| p.strip_prefix("*Fix:* "))
                .unwrap_or_else(|| panic!("{code}: no fix in codes.md"));
            let mut chars = fix.chars();
            let capitalised: String = chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            assert_eq!(code.fix(), capitalised, "{code}");
        }
    }

    #[test]
    fn every_code_has_an_explanation_with_its_fix() {
        for &code in Code::ALL {
            let text = code.explanation().unwrap_or_else(|| panic!("{code}"));
            assert!(text.contains("*Fix:*"), "{code}: {text}");
            assert!(!text.contains("\n## "), "{code}: {text}");
        }
    }
}
