//! The catalogue of diagnostic codes.
//!
//! Codes are a public interface: users put them in CI configurations and suppressions. A code is
//! never renamed or reused; `grammar/codes.md` documents each one, and a test keeps that file and
//! this list equal.

use std::fmt;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// A stable diagnostic code, printed as `dms::<name>`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$doc])* $variant,)*
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
        }
    };
}

codes! {
    /// The input is not well-formed JSON (RFC 8259).
    JsonSyntax => "json_syntax",
    /// The input bytes are not UTF-8.
    InvalidUtf8 => "invalid_utf8",
    /// Arrays and objects nest deeper than the parser allows.
    NestingTooDeep => "nesting_too_deep",
    /// A key appears twice in one object.
    DuplicateKey => "duplicate_key",
    /// A `\u` escape decodes to half of a surrogate pair.
    UnpairedSurrogate => "unpaired_surrogate",
    /// The input holds nothing but whitespace.
    EmptyDocument => "empty_document",
    /// The input is larger than the configured limit.
    InputTooLarge => "input_too_large",
    /// The top level is not an object with a `rules` array.
    NotARulesDocument => "not_a_rules_document",
    /// A required member is absent.
    MissingKey => "missing_key",
    /// A member the rule vocabulary does not have.
    UnknownKey => "unknown_key",
    /// A member has the wrong JSON type.
    WrongType => "wrong_type",
    /// A member's value is not one of the allowed values.
    InvalidValue => "invalid_value",
    /// A `rule-id` is not written as a non-negative integer.
    RuleIdFormat => "rule_id_format",
    /// Two rules share a `rule-id`.
    DuplicateRuleId => "duplicate_rule_id",
    /// Two rules share a `rule-name`.
    DuplicateRuleName => "duplicate_rule_name",
    /// An object-locator name is empty.
    EmptyName => "empty_name",
    /// A wildcard pattern is malformed.
    InvalidWildcard => "invalid_wildcard",
    /// A wildcard where names are exact.
    ExplicitWildcard => "explicit_wildcard",
    /// `_` matches any character, likely not what was meant.
    UnderscoreWildcard => "underscore_wildcard",
    /// A rule type that this dialect does not have.
    RuleTypeNotAllowed => "rule_type_not_allowed",
    /// An `exclude` rule with nothing included before it.
    ExcludeWithoutInclude => "exclude_without_include",
    /// No selection rule at all.
    NoSelectionRule => "no_selection_rule",
    /// A filter operator and its values disagree.
    FilterArity => "filter_arity",
    /// A negative filter operator shares a filter with another condition.
    NegativeFilterCombined => "negative_filter_combined",
    /// Filters that DMS does not apply.
    FilterIgnored => "filter_ignored",
    /// The legacy `ste` filter operator.
    LegacyFilterOperator => "legacy_filter_operator",
    /// A transformation action that does not fit its target, or lacks what it needs.
    ActionTargetMismatch => "action_target_mismatch",
    /// A wildcard in a `table-settings` locator.
    TableSettingsWildcard => "table_settings_wildcard",
    /// `parallel-load` columns and boundaries that do not fit together.
    ParallelLoadShape => "parallel_load_shape",
    /// A Schema Conversion locator with more than one object key.
    MultipleObjectKeys => "multiple_object_keys",
    /// The rules break a constraint of the Schema Conversion call they are for.
    OperationConstraint => "operation_constraint",
    /// `#` or `\` before a wildcard, which some endpoints read as an escape.
    PossibleEscapeCharacter => "possible_escape_character",
    /// A selection rule that matches no object of the catalog it was explained against.
    RuleMatchesNothing => "rule_matches_nothing",
    /// A Terraform file that is not well-formed HCL.
    HclSyntax => "hcl_syntax",
    /// A CloudFormation template that is not well-formed YAML.
    YamlSyntax => "yaml_syntax",
    /// A mapping in a host file whose text cannot be known without running the host tool.
    MappingNotStatic => "mapping_not_static",
    /// A file a host file reads a mapping from, which was not read.
    FileNotRead => "file_not_read",
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
