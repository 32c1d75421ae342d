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
