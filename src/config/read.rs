//! The TOML tree to a [`Config`]: every key read, every problem a finding on its bytes, and the
//! parts without problems kept.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::globs::Globs;
use super::{Config, Level, Override, Settings, Suppression};
use crate::diagnostic::{Code, Diagnostic, Label};
use crate::lower::suggest;
use crate::span::Span;

/// The keys of each table, as the help lists them.
pub(super) const TOP_KEYS: &[&str] = &[
    "source-engine",
    "target-engine",
    "dialect",
    "operation",
    "migration-type",
    "catalog",
    "deny-warnings",
    "codes",
    "overrides",
    "suppress",
];
pub(super) const OVERRIDE_KEYS: &[&str] = &[
    "paths",
    "source-engine",
    "target-engine",
    "dialect",
    "operation",
    "migration-type",
    "catalog",
    "deny-warnings",
    "codes",
];
pub(super) const SUPPRESS_KEYS: &[&str] = &["path", "code", "rule-id", "rule-name", "reason"];

/// A value of the file, with the bytes it is written on.
type Item<'i> = Spanned<DeValue<'i>>;

/// A table's entries in the order written: the name, the span of its key, the value.
type Entries<'t, 'i> = Vec<(&'t str, Span, &'t Item<'i>)>;

/// The configuration `text` holds; problems are pushed to `out`.
///
/// Read with the `toml` crate's `DeTable`: the same parser as `toml_edit` underneath, with a
/// lighter tree (no formatting kept), which measured about half the time to build; every key
/// and value keeps its byte span.
pub(super) fn config(text: &str, out: &mut Vec<Diagnostic>) -> Config {
    let mut config = Config::default();
    let document = match DeTable::parse(text) {
        Ok(document) => document,
        Err(error) => {
            let span = error
                .span()
                .map_or(Span::new(0, 0), |r| Span::new(r.start, r.end));
            out.push(
                Diagnostic::error(
                    Code::ConfigSyntax,
                    format!(
                        "the configuration is not well-formed TOML: {}",
                        error.message().trim_end()
                    ),
                    Label::new(span, "here"),
                )
                .with_help("nothing of the file is applied until it reads as TOML"),
            );
            return config;
        }
    };
    for (name, key, item) in entries(document.get_ref()) {
        if setting(&mut config.settings, name, item, key, out) {
            continue;
        }
        match name {
            "overrides" => {
                config.overrides = tables(item, key, out)
                    .into_iter()
                    .filter_map(|(table, header)| overriding(table, header, out))
                    .collect();
            }
            "suppress" => {
                config.suppressions = tables(item, key, out)
                    .into_iter()
                    .filter_map(|(table, header)| suppression(table, header, out))
                    .collect();
            }
            _ => out.push(unknown_key(name, key, TOP_KEYS, "the top level")),
        }
    }
    config
}

/// One of the settings both the top level and an override have, read into `settings`;
/// `false` when `name` is not one.
fn setting(
    settings: &mut Settings,
    name: &str,
    item: &Item<'_>,
    key: Span,
    out: &mut Vec<Diagnostic>,
) -> bool {
    match name {
        "source-engine" | "target-engine" | "dialect" | "operation" | "migration-type" => {
            named(settings, name, item, key, out);
        }
        "codes" => settings.codes = codes(item, key, out),
        // Resolved against the file's folder once the whole file is read.
        "catalog" => settings.catalog = catalog(item, key, out),
        "deny-warnings" => settings.deny_warnings = boolean(item, key, out),
        _ => return false,
    }
    true
}

/// `catalog`: a CSV file or a database URL, not empty.
fn catalog(item: &Item<'_>, key: Span, out: &mut Vec<Diagnostic>) -> Option<String> {
    let text = string(item, key, out)?;
    if text.trim().is_empty() {
        out.push(invalid(
            "`catalog` is empty".to_string(),
            span_of(item, key),
            "name a CSV file relative to this file, or a `postgres://`, `mysql://` or `mariadb://` URL",
        ));
        return None;
    }
    Some(text.to_string())
}

/// An engine, the dialect, the operation or the migration type, by name.
fn named(
    settings: &mut Settings,
    name: &str,
    item: &Item<'_>,
    key: Span,
    out: &mut Vec<Diagnostic>,
) {
    let Some(text) = string(item, key, out) else {
        return;
    };
    let at = span_of(item, key);
    let known = match name {
        "source-engine" => text
            .parse()
            .map(|e| settings.source_engine = Some(e))
            .is_ok(),
        "target-engine" => text
            .parse()
            .map(|e| settings.target_engine = Some(e))
            .is_ok(),
        "dialect" => text.parse().map(|d| settings.dialect = Some(d)).is_ok(),
        "migration-type" => text
            .parse()
            .map(|t| settings.migration_type = Some(t))
            .is_ok(),
        _ => text.parse().map(|o| settings.operation = Some(o)).is_ok(),
    };
    if !known {
        out.push(invalid(
            format!("`{text}` is not a known `{name}`"),
            at,
            allowed(name),
        ));
    }
}

/// What the help lists for a setting's values.
fn allowed(name: &str) -> String {
    match name {
        "source-engine" | "target-engine" => {
            let names: Vec<&str> = crate::engine::Engine::ALL
                .iter()
                .map(|e| e.as_str())
                .collect();
            format!("the engines are {}", quoted(&names))
        }
        "dialect" => {
            "the dialects are `schema-conversion`, `table-mapping` and `data-migration`".to_string()
        }
        "migration-type" => {
            let names: Vec<&str> = crate::options::MigrationType::ALL
                .iter()
                .map(|t| t.as_str())
                .collect();
            format!("the migration types are {}", quoted(&names))
        }
        _ => {
            let names: Vec<&str> = crate::options::Operation::ALL
                .iter()
                .map(|o| o.as_str())
                .collect();
            format!("the operations are {}", quoted(&names))
        }
    }
}

/// `[codes]`, or an override's `codes`: a level per code.
fn codes(item: &Item<'_>, key: Span, out: &mut Vec<Diagnostic>) -> Vec<(Code, Level)> {
    let DeValue::Table(table) = item.get_ref() else {
        out.push(wrong_type("`codes`", "a table of code = level", item, key));
        return Vec::new();
    };
    let mut levels = Vec::new();
    for (name, key, value) in entries(table) {
        let code = code(name, key, out);
        let Some(level_name) = string(value, key, out) else {
            continue;
        };
        let Some(level) = Level::from_name(level_name) else {
            out.push(invalid(
                format!("`{level_name}` is not a level"),
                span_of(value, key),
                format!("the levels are {}", quoted(&Level::NAMES)),
            ));
            continue;
        };
        if let Some(code) = code {
            levels.push((code, level));
        }
    }
    levels
}

/// A code as the file names it, `dms::name` or `name`.
fn code(name: &str, at: Span, out: &mut Vec<Diagnostic>) -> Option<Code> {
    if let Ok(code) = name.parse() {
        return Some(code);
    }
    out.push(unknown_code(name, at));
    None
}

/// The finding for a code that does not exist; shared with suppression comments.
pub(super) fn unknown_code(name: &str, at: Span) -> Diagnostic {
    let bare = name.strip_prefix("dms::").unwrap_or(name);
    let nearest = suggest::nearest(bare, Code::ALL.iter().map(|c| &c.as_str()["dms::".len()..]));
    let help = match nearest {
        Some(near) => format!("did you mean `dms::{near}`?"),
        None => "`grammar/codes.md` lists every code".to_string(),
    };
    Diagnostic::error(
        Code::UnknownCode,
        format!("`{name}` is not a dms-rules code"),
        Label::new(at, "no such code"),
    )
    .with_help(help)
}

/// An `[[overrides]]` table.
fn overriding(table: &DeTable<'_>, header: Span, out: &mut Vec<Diagnostic>) -> Option<Override> {
    let mut settings = Settings::default();
    let mut paths = None;
    let mut ok = true;
    for (name, key, item) in entries(table) {
        if setting(&mut settings, name, item, key, out) {
            continue;
        }
        match name {
            "paths" => paths = globs(item, key, out),
            _ => {
                out.push(unknown_key(name, key, OVERRIDE_KEYS, "an override"));
                ok = false;
            }
        }
    }
    if !contains(table, "paths") {
        out.push(missing("paths", "an override", header));
    }
    let (paths, matcher) = paths?;
    ok.then_some(Override {
        paths,
        matcher,
        settings,
    })
}

/// A `[[suppress]]` table.
fn suppression(
    table: &DeTable<'_>,
    header: Span,
    out: &mut Vec<Diagnostic>,
) -> Option<Suppression> {
    let mut path = None;
    let mut code_found = None;
    let mut rule_id = None;
    let mut rule_name = None;
    let mut reason = None;
    let mut ok = true;
    for (name, key, item) in entries(table) {
        match name {
            "path" => {
                path = string(item, key, out).and_then(|p| {
                    let matcher = glob_set(&[(p, span_of(item, key))], out)?;
                    Some((p.to_string(), matcher))
                });
            }
            "code" => {
                code_found = string(item, key, out).and_then(|c| code(c, span_of(item, key), out));
            }
            "rule-id" => rule_id = id(item, key, out),
            "rule-name" => rule_name = string(item, key, out).map(str::to_string),
            "reason" => {
                reason = string(item, key, out).and_then(|r| {
                    if r.trim().is_empty() {
                        out.push(invalid(
                            "`reason` is empty".to_string(),
                            span_of(item, key),
                            "say why the finding is not a fault here, for whoever reads it next",
                        ));
                        return None;
                    }
                    Some(r.to_string())
                });
            }
            _ => {
                out.push(unknown_key(name, key, SUPPRESS_KEYS, "a suppression"));
                ok = false;
            }
        }
    }
    for required in ["path", "code", "reason"] {
        if !contains(table, required) {
            out.push(missing(required, "a suppression", header));
        }
    }
    let (path, matcher) = path?;
    (ok && reason.is_some()).then_some(())?;
    Some(Suppression {
        path,
        matcher,
        code: code_found?,
        rule_id,
        rule_name,
        reason: reason?,
        span: header,
    })
}

/// A `rule-id`: digits, as a string or an integer, kept without leading zeros.
fn id(item: &Item<'_>, key: Span, out: &mut Vec<Diagnostic>) -> Option<String> {
    let at = span_of(item, key);
    let digits = match item.get_ref() {
        DeValue::String(text) => text.to_string(),
        // As written: `0x1f` and `1_000` are not digits, and are said to be not.
        DeValue::Integer(n) => n.as_str().to_string(),
        _ => {
            out.push(wrong_type("`rule-id`", "a string of digits", item, key));
            return None;
        }
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        out.push(invalid(
            format!("`rule-id` `{digits}` is not a non-negative whole number"),
            at,
            "write the rule's id as it is in the document, such as `\"3\"`",
        ));
        return None;
    }
    let trimmed = digits.trim_start_matches('0');
    Some(if trimmed.is_empty() { "0" } else { trimmed }.to_string())
}

/// `paths`: an array of globs.
fn globs(item: &Item<'_>, key: Span, out: &mut Vec<Diagnostic>) -> Option<(Vec<String>, Globs)> {
    let DeValue::Array(array) = item.get_ref() else {
        out.push(wrong_type("`paths`", "an array of globs", item, key));
        return None;
    };
    let mut written = Vec::new();
    for value in array.iter() {
        let at = span_of(value, key);
        match value.get_ref() {
            DeValue::String(text) => written.push((&**text, at)),
            other => out.push(invalid(
                format!("a path glob must be a string, not {}", type_name(other)),
                at,
                "write the glob in quotes, such as `\"legacy/**\"`",
            )),
        }
    }
    if written.is_empty() {
        out.push(invalid(
            "`paths` names no path".to_string(),
            span_of(item, key),
            "list the globs the override applies to, such as `[\"legacy/**\"]`",
        ));
        return None;
    }
    let matcher = glob_set(&written, out)?;
    Some((
        written.iter().map(|(t, _)| t.to_string()).collect(),
        matcher,
    ))
}

/// The globs as one matcher; `None` when any cannot be read. Each is reported on its string,
/// on the exact character where it fails when the string has no escape.
fn glob_set(globs: &[(&str, Span)], out: &mut Vec<Diagnostic>) -> Option<Globs> {
    let mut matcher = Globs::default();
    let mut ok = true;
    for &(text, at) in globs {
        if let Err((pos, why)) = matcher.add(text) {
            ok = false;
            // `"text"` or `'text'`: the characters sit one byte in.
            let verbatim = at.len() == text.len() + 2;
            let label = match text[pos.min(text.len())..].chars().next() {
                Some(c) if verbatim => {
                    Span::new(at.start + 1 + pos, at.start + 1 + pos + c.len_utf8())
                }
                _ => at,
            };
            out.push(
                Diagnostic::error(
                    Code::InvalidGlob,
                    format!("`{text}` is not a glob: {why}"),
                    Label::new(label, "here"),
                )
                .with_help(
                    "close the `[` it opens, and write `**` as a whole folder name (`legacy/**/*.json`); a literal `*`, `?` or `[` is `[*]`, `[?]`, `[[]`",
                ),
            );
        }
    }
    ok.then_some(matcher)
}

/// The tables of an array of tables (`[[overrides]]`), or of an inline array of inline tables,
/// each with the span its problems of absence are reported on.
fn tables<'t, 'i>(
    item: &'t Item<'i>,
    key: Span,
    out: &mut Vec<Diagnostic>,
) -> Vec<(&'t DeTable<'i>, Span)> {
    let DeValue::Array(array) = item.get_ref() else {
        out.push(wrong_type("this key", "an array of tables", item, key));
        return Vec::new();
    };
    let mut found = Vec::new();
    for value in array.iter() {
        match value.get_ref() {
            // A `[[...]]` table is spanned by its header, an inline one by its braces.
            DeValue::Table(table) => found.push((table, span_of(value, key))),
            other => out.push(invalid(
                format!("expected a table, found {}", type_name(other)),
                span_of(value, key),
                "write each entry as a `[[...]]` table",
            )),
        }
    }
    found
}

fn string<'t>(item: &'t Item<'_>, key: Span, out: &mut Vec<Diagnostic>) -> Option<&'t str> {
    match item.get_ref() {
        DeValue::String(text) => Some(text),
        _ => {
            out.push(wrong_type("the value", "a string", item, key));
            None
        }
    }
}

fn boolean(item: &Item<'_>, key: Span, out: &mut Vec<Diagnostic>) -> Option<bool> {
    match item.get_ref() {
        DeValue::Boolean(value) => Some(*value),
        _ => {
            out.push(wrong_type("the value", "`true` or `false`", item, key));
            None
        }
    }
}

fn wrong_type(what: &str, expected: &str, item: &Item<'_>, key: Span) -> Diagnostic {
    invalid(
        format!(
            "{what} must be {expected}, not {}",
            type_name(item.get_ref())
        ),
        span_of(item, key),
        format!("write {expected}"),
    )
}

/// What a value is, as a message names it.
fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "string",
        DeValue::Integer(_) => "integer",
        DeValue::Float(_) => "float",
        DeValue::Boolean(_) => "boolean",
        DeValue::Datetime(_) => "datetime",
        DeValue::Array(_) => "array",
        DeValue::Table(_) => "table",
    }
}

fn invalid(message: String, at: Span, help: impl Into<String>) -> Diagnostic {
    Diagnostic::error(
        Code::InvalidConfigValue,
        message,
        Label::new(at, "this value"),
    )
    .with_help(help)
}

fn missing(key: &str, table: &str, header: Span) -> Diagnostic {
    Diagnostic::error(
        Code::MissingConfigKey,
        format!("{table} has no `{key}`"),
        Label::new(header, format!("`{key}` missing")),
    )
    .with_help(format!(
        "add `{key} = ...`; the table is not applied without it"
    ))
}

fn unknown_key(name: &str, at: Span, keys: &[&str], table: &str) -> Diagnostic {
    let diagnostic = Diagnostic::error(
        Code::UnknownConfigKey,
        format!("`{name}` is not a key of {table}"),
        Label::new(at, "unknown key"),
    );
    match suggest::nearest(name, keys.iter().copied()) {
        Some(near) => diagnostic.with_help(format!(
            "did you mean `{near}`? The keys are {}",
            quoted(keys)
        )),
        None => diagnostic.with_help(format!("the keys are {}", quoted(keys))),
    }
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A table's entries in the order written (the map keeps them sorted by name; a later key
/// wins where two name one code).
fn entries<'t, 'i>(table: &'t DeTable<'i>) -> Entries<'t, 'i> {
    let mut entries: Entries<'t, 'i> = table
        .iter()
        .map(|(key, item)| {
            let span = key.span();
            (&**key.get_ref(), Span::new(span.start, span.end), item)
        })
        .collect();
    entries.sort_by_key(|(_, key, _)| key.start);
    entries
}

fn contains(table: &DeTable<'_>, name: &str) -> bool {
    table.iter().any(|(key, _)| key.get_ref() == name)
}

/// Where `item`'s value is written, or its key when the value has no span of its own (a
/// table made by dotted keys).
fn span_of(item: &Item<'_>, key: Span) -> Span {
    let span = item.span();
    if span.is_empty() {
        key
    } else {
        Span::new(span.start, span.end)
    }
}
