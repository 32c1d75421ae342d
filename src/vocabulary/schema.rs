//! The JSON Schema editors validate rules documents with, written from the table:
//! `grammar/dms-rules.schema.json` is this function's output.
//!
//! A schema cannot know the dialect, so it says what holds in every one: a selection rule takes
//! the keys of Schema Conversion and of table mappings, and a locator that has `server-name`
//! is read as Schema Conversion's. Homogeneous data migrations' rules have a definition of
//! their own (`#/$defs/data-migration-document`). Unknown members are allowed, as DMS allows
//! them, and `null` stands for an absent optional member.

use crate::ast::{FilterOperator, ObjectKind, RuleType};
use crate::diagnostic::Severity;
use crate::options::Dialect;

use super::locator::OBJECT_NAME;
use super::object::{Items, Key, Naming, Need, Object, Standing, Value};
use super::rule::{self, rule, ENVELOPE};

/// `grammar/dms-rules.schema.json`: a JSON Schema (draft 2020-12) of rules documents, written
/// from this table, with a final newline.
pub fn json_schema() -> String {
    let mut defs = vec![
        (
            "name",
            name_def("A name or pattern: `%` is any run of characters, `_` any one character, `[_]` a literal underscore (exact in `explicit` rules)."),
        ),
        (
            "exact-name",
            name_def("A name, exactly: no character is a wildcard."),
        ),
        (
            "percent-name",
            name_def("A name where `%` matches any run of characters; `_` and brackets stand for themselves."),
        ),
        (
            "object-name",
            Json::obj([
                ("description", text(OBJECT_NAME.doc)),
                ("$ref", text("#/$defs/name")),
            ]),
        ),
        (
            "count",
            Json::obj([
                ("description", text("A whole number, written as a JSON integer or as a string.")),
                ("type", types(&["integer", "string", "null"])),
            ]),
        ),
        (
            "rule-id",
            Json::obj([
                ("description", text("A unique number; written as a string of digits (`\"1\"`) in every AWS example, also accepted as a JSON integer.")),
                (
                    "anyOf",
                    Json::Arr(vec![
                        Json::obj([("type", text("string")), ("pattern", text("^[0-9]+$"))]),
                        Json::obj([("type", text("integer")), ("minimum", Json::Int(0))]),
                    ]),
                ),
            ]),
        ),
        ("rule", rule_dispatch()),
    ];
    // What every rule has is said once, in `rule`.
    let common: Vec<&str> = common_keys().iter().map(|k| k.name).collect();
    for &rule_type in RuleType::ALL {
        let def = match rule_type {
            // Schema Conversion's and table mappings' selection rules, together.
            RuleType::Selection => merged(
                rule_in(Dialect::SchemaConversion, rule_type),
                rule_in(Dialect::TableMapping, rule_type),
                &common,
            ),
            _ => object(rule_in(Dialect::TableMapping, rule_type), &common),
        };
        defs.push((rule_type.as_str(), def));
    }
    defs.push(("data-migration-document", data_migration()));

    let [rules] = ENVELOPE.keys()[..] else {
        unreachable!("the envelope has one key");
    };
    let schema = Json::obj([
        ("$schema", text("https://json-schema.org/draft/2020-12/schema")),
        ("title", text("AWS DMS rules document")),
        ("description", text("A `{\"rules\": [...]}` document: DMS Schema Conversion `SelectionRules` (locators start at `server-name`) or replication-task `TableMappings`. Unknown members are allowed, as DMS allows them; `null` stands for an absent optional member. A homogeneous data migration's `SelectionRules` are checked by `#/$defs/data-migration-document`.")),
        ("type", text("object")),
        ("required", Json::Arr(vec![text(rules.name)])),
        (
            "properties",
            Json::obj([(rules.name, described(value(&rules, Json::reference("rule")), rules.doc))]),
        ),
        (
            "$defs",
            Json::Obj(defs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()),
        ),
    ]);
    let mut out = String::new();
    schema.write(0, 0, &mut out);
    out.push('\n');
    out
}

fn rule_in(dialect: Dialect, rule_type: RuleType) -> &'static Object {
    rule(dialect, rule_type).expect("every rule type is a table mapping's")
}

/// The keys every rule object has, meaning the same in each (`rule-type`, `rule-id`,
/// `rule-name`): optional where some rule object does not require them.
fn common_keys() -> Vec<Key> {
    let rules = rule::every_rule();
    rules[0]
        .keys()
        .into_iter()
        .filter_map(|key| {
            let holders: Vec<Key> = rules.iter().filter_map(|r| r.key(key.name)).collect();
            let same = holders.len() == rules.len() && holders.iter().all(|k| k.doc == key.doc);
            let required = holders.iter().all(|k| k.need.is_required());
            same.then_some(if required {
                key
            } else {
                Key {
                    need: Need::Optional,
                    ..key
                }
            })
        })
        .collect()
}

/// Every rule: what all rule objects share, then the members of its type.
fn rule_dispatch() -> Json {
    let rules = rule::every_rule();
    let mut properties = Vec::new();
    let mut required = Vec::new();
    for key in common_keys() {
        if key.need.is_required() {
            required.push(text(key.name));
        }
        properties.push((key.name.to_string(), property(&key)));
    }
    // Keys every rule has, with values that depend on the rule type.
    for key in rules[0].keys() {
        let holders: Vec<Key> = rules.iter().filter_map(|r| r.key(key.name)).collect();
        if holders.len() < rules.len() || properties.iter().any(|(k, _)| k == key.name) {
            continue;
        }
        let optional = !holders.iter().all(|k| k.need.is_required());
        if !optional {
            required.push(text(key.name));
        }
        let (kind, doc) = match key.value {
            Value::Object(_) => (
                "object",
                "Which objects the rule applies to; the keys depend on `rule-type` and the dialect.",
            ),
            _ => ("string", "What the rule does; the values depend on `rule-type`."),
        };
        let schema = Json::obj([("type", json_type(kind, optional))]);
        properties.push((key.name.to_string(), described(schema, doc)));
    }
    let branches = RuleType::ALL
        .iter()
        .map(|t| {
            Json::obj([
                (
                    "if",
                    Json::obj([
                        (
                            "required",
                            Json::Arr(vec![text(super::header::RULE_TYPE.name)]),
                        ),
                        (
                            "properties",
                            Json::obj([(
                                super::header::RULE_TYPE.name,
                                Json::obj([("const", text(t.as_str()))]),
                            )]),
                        ),
                    ]),
                ),
                ("then", Json::reference(t.as_str())),
            ])
        })
        .collect();
    Json::obj([
        ("type", text("object")),
        ("required", Json::Arr(required)),
        ("properties", Json::Obj(properties)),
        ("allOf", Json::Arr(branches)),
    ])
}

/// A homogeneous data migration's `SelectionRules`, as a document of its own.
fn data_migration() -> Json {
    let rules = ENVELOPE.keys()[0];
    let allowed: Vec<Json> = RuleType::ALL
        .iter()
        .filter(|t| rule(Dialect::DataMigration, **t).is_some())
        .map(|t| text(t.as_str()))
        .collect();
    let mut item = object(rule_in(Dialect::DataMigration, RuleType::Selection), &[]);
    item.set_property(
        super::header::RULE_TYPE.name,
        Json::obj([("enum", Json::Arr(allowed))]),
    );
    Json::obj([
        ("description", text("The `SelectionRules` of a homogeneous data migration (`CreateDataMigration`, `ModifyDataMigration`): `include` selection rules of `schema-name` and `table-name`; `%` is the only wildcard.")),
        ("type", text("object")),
        ("required", Json::Arr(vec![text(rules.name)])),
        (
            "properties",
            Json::obj([(rules.name, described(value(&rules, item), rules.doc))]),
        ),
    ])
}

/// The schema of an object: its keys but those of `skip`, those required, and the rules
/// between them.
fn object(object: &Object, skip: &[&str]) -> Json {
    let keys: Vec<Key> = object
        .keys()
        .into_iter()
        .filter(|k| k.standing != Standing::Misplaced && !skip.contains(&k.name))
        .collect();
    let mut members = vec![("type", text("object"))];
    let required: Vec<Json> = keys
        .iter()
        .filter(|k| k.need.is_required())
        .map(|k| text(k.name))
        .collect();
    if !required.is_empty() {
        members.push(("required", Json::Arr(required)));
    }
    let one_of: Vec<Json> = keys
        .iter()
        .filter(|k| matches!(k.need, Need::OneOf(Severity::Error)))
        .map(|k| Json::obj([("required", Json::Arr(vec![text(k.name)]))]))
        .collect();
    if !one_of.is_empty() {
        members.push(("anyOf", Json::Arr(one_of)));
    }
    let properties = keys
        .iter()
        .map(|k| (k.name.to_string(), property(k)))
        .collect();
    members.push(("properties", Json::Obj(properties)));
    let conditions = operator_conditions(&keys);
    if !conditions.is_empty() {
        members.push(("allOf", Json::Arr(conditions)));
    }
    if let exclusive @ [_, ..] = object.exclusive_keys() {
        members.push((
            "not",
            Json::obj([
                ("description", text("At most one of these keys.")),
                (
                    "required",
                    Json::Arr(exclusive.iter().map(|k| text(k.name)).collect()),
                ),
            ]),
        ));
    }
    Json::obj(members)
}

/// The keys a filter condition needs by its operator.
fn operator_conditions(keys: &[Key]) -> Vec<Json> {
    let operator = super::selection::FILTER_OPERATOR.name;
    let mut arities = Vec::new();
    for key in keys {
        if let Need::WithOperators(arity) = key.need {
            if !arities.contains(&arity) {
                arities.push(arity);
            }
        }
    }
    arities
        .into_iter()
        .map(|arity| {
            let operators = FilterOperator::ALL
                .iter()
                .filter(|o| o.arity() == arity)
                .map(|o| text(o.as_str()))
                .collect();
            let needed = keys
                .iter()
                .filter(|k| k.need == Need::WithOperators(arity))
                .map(|k| text(k.name))
                .collect();
            Json::obj([
                (
                    "if",
                    Json::obj([
                        ("required", Json::Arr(vec![text(operator)])),
                        (
                            "properties",
                            Json::obj([(operator, Json::obj([("enum", Json::Arr(operators))]))]),
                        ),
                    ]),
                ),
                ("then", Json::obj([("required", Json::Arr(needed))])),
            ])
        })
        .collect()
}

/// Two objects that one rule type is in two dialects, but the keys of `skip`: the keys of
/// either; required, the keys both require; and where the first requires a key the second does
/// not have (`server-name`), an object without that key needs what the second requires.
fn merged(first: &Object, second: &Object, skip: &[&str]) -> Json {
    let mut keys: Vec<(Option<Key>, Option<Key>)> = Vec::new();
    for key in second.keys() {
        if !skip.contains(&key.name) {
            keys.push((first.key(key.name), Some(key)));
        }
    }
    for key in first.keys() {
        if second.key(key.name).is_none() && !skip.contains(&key.name) {
            keys.push((Some(key), None));
        }
    }
    let required: Vec<Json> = keys
        .iter()
        .filter(|(a, b)| {
            a.zip(*b)
                .is_some_and(|(a, b)| a.need.is_required() && b.need.is_required())
        })
        .map(|(a, _)| text(a.map_or("", |a| a.name)))
        .collect();
    let marks: Vec<Json> = keys
        .iter()
        .filter_map(|(a, b)| match (a, b) {
            (Some(a), None) if a.need.is_required() => Some(text(a.name)),
            _ => None,
        })
        .collect();
    let second_only: Vec<Json> = keys
        .iter()
        .filter_map(|(a, b)| match (a, b) {
            (a, Some(b)) if b.need.is_required() && !a.is_some_and(|a| a.need.is_required()) => {
                Some(text(b.name))
            }
            _ => None,
        })
        .collect();
    let properties = keys
        .iter()
        .map(|(a, b)| {
            let schema = match (a, b) {
                (Some(a), Some(b)) => merged_key(a, b),
                (Some(only), None) | (None, Some(only)) => property(only),
                (None, None) => Json::Null,
            };
            let name = a.or(*b).map_or("", |k| k.name);
            (name.to_string(), schema)
        })
        .collect();
    let mut members = vec![("type", text("object"))];
    if !required.is_empty() {
        members.push(("required", Json::Arr(required)));
    }
    members.push(("properties", Json::Obj(properties)));
    if !marks.is_empty() && !second_only.is_empty() {
        members.push((
            "if",
            Json::obj([("not", Json::obj([("required", Json::Arr(marks))]))]),
        ));
        members.push(("then", Json::obj([("required", Json::Arr(second_only))])));
    }
    Json::obj(members)
}

/// A key both dialects' objects have.
fn merged_key(first: &Key, second: &Key) -> Json {
    let optional = Key {
        need: Need::Optional,
        ..*second
    };
    let schema = match (first.value, second.value) {
        (Value::Object(a), Value::Object(b)) => {
            let mut schema = merged(a, b, &[]);
            schema.set_type(json_type("object", !second.need.is_required()));
            schema
        }
        (Value::Keyword(a), Value::Keyword(b)) => {
            let mut values: Vec<&str> = b.iter().chain(b.tolerated.iter().copied()).collect();
            for v in a.iter().chain(a.tolerated.iter().copied()) {
                if !values.contains(&v) {
                    values.push(v);
                }
            }
            enumeration(
                &values,
                !(first.need.is_required() && second.need.is_required()),
            )
        }
        _ => key_schema(&optional),
    };
    described(schema, second.doc)
}

/// A key's schema, described; each object key of a Schema Conversion locator refers to one
/// definition.
fn property(key: &Key) -> Json {
    if ObjectKind::parse(key.name).is_some() && key.doc == OBJECT_NAME.doc {
        return Json::reference("object-name");
    }
    described(key_schema(key), key.doc)
}

/// The schema of one key's value; an optional key may also be `null`.
fn key_schema(key: &Key) -> Json {
    value(key, Json::Null)
}

/// The schema of a key's value; `rules` holds `items`.
fn value(key: &Key, items: Json) -> Json {
    let optional = !key.need.is_required();
    match key.value {
        Value::String => Json::obj([("type", json_type("string", optional))]),
        Value::Scalar => Json::obj([("type", types(&["string", "number", "null"]))]),
        Value::Count => Json::reference("count"),
        Value::RuleId => Json::reference("rule-id"),
        Value::LoadOrder => Json::obj([(
            "anyOf",
            Json::Arr(vec![
                Json::obj([
                    ("type", text("integer")),
                    ("minimum", Json::Int(1)),
                    ("maximum", Json::Int(i64::from(i32::MAX))),
                ]),
                Json::obj([
                    ("type", text("string")),
                    ("pattern", text("^0*[1-9][0-9]*$")),
                ]),
                Json::obj([("type", text("null"))]),
            ]),
        )]),
        Value::Flag => Json::obj([(
            "anyOf",
            Json::Arr(vec![
                Json::obj([("type", text("boolean"))]),
                Json::obj([("enum", Json::Arr(vec![text("true"), text("false")]))]),
            ]),
        )]),
        Value::Name(naming) => Json::reference(match naming {
            Naming::Pattern => "name",
            Naming::Exact => "exact-name",
            Naming::Percent => "percent-name",
        }),
        Value::Keyword(choices) => {
            let values: Vec<&str> = choices
                .iter()
                .chain(choices.tolerated.iter().copied())
                .collect();
            enumeration(&values, optional)
        }
        Value::Object(of) => {
            let mut schema = object(of, &[]);
            schema.set_type(json_type("object", optional));
            schema
        }
        Value::Objects(of, counts) => array(optional, counts, object(of, &[])),
        Value::Strings(counts) => array(optional, counts, Json::obj([("type", text("string"))])),
        Value::Rows => array(
            optional,
            Items::ANY,
            Json::obj([
                ("type", text("array")),
                (
                    "items",
                    Json::obj([("type", types(&["string", "number", "null"]))]),
                ),
            ]),
        ),
        // A document with no rule is `dms::empty_document`.
        Value::Rules => array(false, Items::SOME, items),
    }
}

fn array(optional: bool, counts: Items, items: Json) -> Json {
    let mut members = vec![("type", json_type("array", optional))];
    if counts.min > 0 {
        members.push(("minItems", Json::Int(counts.min as i64)));
    }
    if let Some(max) = counts.max {
        members.push(("maxItems", Json::Int(max as i64)));
    }
    members.push(("items", items));
    Json::obj(members)
}

fn enumeration(values: &[&str], optional: bool) -> Json {
    let mut values: Vec<Json> = values.iter().map(|v| text(v)).collect();
    if optional {
        values.push(Json::Null);
    }
    Json::obj([("enum", Json::Arr(values))])
}

fn name_def(description: &str) -> Json {
    Json::obj([
        ("description", text(description)),
        ("type", types(&["string", "null"])),
        ("minLength", Json::Int(1)),
    ])
}

/// `kind`, or `[kind, "null"]` when the member may be left out.
fn json_type(kind: &str, optional: bool) -> Json {
    if optional {
        types(&[kind, "null"])
    } else {
        text(kind)
    }
}

fn types(kinds: &[&str]) -> Json {
    Json::Arr(kinds.iter().map(|k| text(k)).collect())
}

fn text(s: &str) -> Json {
    Json::Str(s.to_string())
}

/// `schema` with a description first.
fn described(schema: Json, doc: &str) -> Json {
    match schema {
        Json::Obj(mut members) if !doc.is_empty() => {
            members.insert(0, ("description".to_string(), text(doc)));
            Json::Obj(members)
        }
        other => other,
    }
}

/// A JSON value whose objects keep their members in the order given.
#[derive(Debug, Clone)]
enum Json {
    Null,
    Int(i64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    fn obj<'k>(members: impl IntoIterator<Item = (&'k str, Json)>) -> Json {
        Json::Obj(
            members
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    fn reference(def: &str) -> Json {
        Json::obj([("$ref", text(&format!("#/$defs/{def}")))])
    }

    /// Replaces the `type` member.
    fn set_type(&mut self, kind: Json) {
        if let Json::Obj(members) = self {
            if let Some((_, v)) = members.iter_mut().find(|(k, _)| k == "type") {
                *v = kind;
            }
        }
    }

    /// Replaces (or adds) one of the `properties`.
    fn set_property(&mut self, name: &str, schema: Json) {
        let Json::Obj(members) = self else { return };
        let Some((_, Json::Obj(properties))) = members.iter_mut().find(|(k, _)| k == "properties")
        else {
            return;
        };
        match properties.iter_mut().find(|(k, _)| k == name) {
            Some((_, v)) => *v = schema,
            None => properties.insert(0, (name.to_string(), schema)),
        }
    }

    /// On one line.
    fn inline(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Int(n) => out.push_str(&n.to_string()),
            Json::Str(s) => out.push_str(&serde_json::Value::from(s.as_str()).to_string()),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.inline(out);
                }
                out.push(']');
            }
            Json::Obj(members) if members.is_empty() => out.push_str("{}"),
            Json::Obj(members) => {
                out.push_str("{ ");
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    Json::Str(key.clone()).inline(out);
                    out.push_str(": ");
                    value.inline(out);
                }
                out.push_str(" }");
            }
        }
    }

    /// Two-space indentation; an array or object that fits on its line stays on it. `column` is
    /// where the value starts.
    fn write(&self, indent: usize, column: usize, out: &mut String) {
        /// How wide a line may grow before an array or object is broken over lines.
        const WIDTH: usize = 100;
        let mut line = String::new();
        self.inline(&mut line);
        let empty = matches!(self, Json::Arr(v) if v.is_empty())
            || matches!(self, Json::Obj(v) if v.is_empty());
        if empty || column + line.len() <= WIDTH && !self.holds_object_of_many() {
            out.push_str(&line);
            return;
        }
        let pad = "  ".repeat(indent + 1);
        match self {
            Json::Arr(items) => {
                out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    out.push_str(&pad);
                    item.write(indent + 1, pad.len(), out);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&"  ".repeat(indent));
                out.push(']');
            }
            Json::Obj(members) => {
                out.push_str("{\n");
                for (i, (key, value)) in members.iter().enumerate() {
                    out.push_str(&pad);
                    let start = out.len();
                    Json::Str(key.clone()).inline(out);
                    out.push_str(": ");
                    let column = pad.len() + out.len() - start;
                    value.write(indent + 1, column, out);
                    out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
                }
                out.push_str(&"  ".repeat(indent));
                out.push('}');
            }
            _ => out.push_str(&line),
        }
    }

    /// Whether the value is, or holds, an object of more than one member: those go over lines,
    /// however short.
    fn holds_object_of_many(&self) -> bool {
        match self {
            Json::Obj(members) => {
                members.len() > 1 || members.iter().any(|(_, v)| v.holds_object_of_many())
            }
            Json::Arr(items) => items.iter().any(Json::holds_object_of_many),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_stay_on_their_line_and_objects_of_many_do_not() {
        let schema = Json::obj([
            ("required", Json::Arr(vec![text("rules")])),
            ("one", Json::reference("name")),
            ("two", Json::obj([("a", Json::Int(1)), ("b", Json::Null)])),
        ]);
        let mut out = String::new();
        schema.write(0, 0, &mut out);
        assert_eq!(
            out,
            "{\n  \"required\": [\"rules\"],\n  \"one\": { \"$ref\": \"#/$defs/name\" },\n  \"two\": {\n    \"a\": 1,\n    \"b\": null\n  }\n}"
        );
    }
}
