//! Enumerations whose JSON form is a fixed, case-sensitive string.

/// A value of such an enumeration.
pub trait Keyword: Copy + 'static {
    /// Every value, in documentation order.
    const ALL: &'static [Self];
    /// The value as written in JSON.
    fn as_str(self) -> &'static str;
    /// The value written exactly so (values are case-sensitive).
    fn parse(text: &str) -> Option<Self>;
}

/// Declares an enum of JSON keywords with `ALL`, `TEXTS`, `as_str` and `parse`.
///
/// Each variant's documentation starts with its JSON text (`` `include`. ``); doc comments
/// written on a variant follow it.
macro_rules! keyword {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $(#[doc = concat!("`", $text, "`.")] $(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every value, in documentation order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// Every value as written in JSON, in the same order.
            pub const TEXTS: &'static [&'static str] = &[$($text,)*];

            /// The value as written in JSON.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The value written exactly so (values are case-sensitive).
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl $crate::ast::Keyword for $name {
            const ALL: &'static [Self] = $name::ALL;

            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }

            fn parse(text: &str) -> Option<Self> {
                $name::parse(text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use keyword;
