//! Rules documents written every way that means the same: members in any order, `null`
//! members, integer ids and ids with leading zeros, strings with and without escapes, numbers
//! as written, unknown members, extra top-level members, rules in any order, any layout. For
//! the property tests of `fmt` and `diff`.

use dms_rules::select::{Catalog, CatalogObject, Kind};

/// A small deterministic generator (xorshift): a case is its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// A JSON value as text is written: strings and numbers keep their exact text.
#[derive(Debug, Clone)]
pub enum J {
    /// The text of a string or number, quotes included.
    Raw(String),
    Array(Vec<J>),
    Object(Vec<(String, J)>),
}

fn s(text: &str) -> J {
    J::Raw(format!("\"{text}\""))
}

/// Schema and table names; each has a plain spelling and, where it differs, one with escapes.
const SCHEMAS: &[(&str, &str)] = &[
    ("HR", "HR"),
    ("SALES", "S\\u0041LES"),
    ("dbo", "dbo"),
    ("r\u{e9}", "r\\u00e9"),
];
const PATTERNS: &[&str] = &["%", "EMP%", "ORDER[_]%", "TMP_%", "ORDERS", "JOBS"];
const TABLES: &[&str] = &[
    "EMPLOYEES",
    "ORDERS",
    "ORDER_ITEMS",
    "TMP_LOAD",
    "JOBS",
    "EMP",
];

/// The objects the generated rules are about, and a few others: every schema and table name,
/// as tables and views, and a procedure in each schema.
pub fn catalog() -> Catalog {
    let mut objects = Vec::new();
    for (schema, _) in SCHEMAS {
        for table in TABLES {
            objects.push(CatalogObject::table(*schema, *table));
            objects.push(CatalogObject {
                kind: Kind::View,
                ..CatalogObject::table(*schema, format!("{table}_V"))
            });
        }
        objects.push(CatalogObject {
            kind: Kind::parse("procedure").expect("a kind"),
            ..CatalogObject::table(*schema, "LOAD")
        });
    }
    Catalog {
        objects,
        ..Catalog::default()
    }
}

/// A document, and whether it is Schema Conversion rules.
pub fn document(seed: u64) -> (String, bool) {
    let mut rng = Rng::new(seed);
    let schema_conversion = rng.chance(3);
    let count = 1 + rng.below(7);
    let mut rules: Vec<J> = (1..=count)
        .map(|id| {
            let members = if schema_conversion {
                sc_rule(&mut rng)
            } else {
                tm_rule(&mut rng, id)
            };
            rule(&mut rng, id, members)
        })
        .collect();
    rng.shuffle(&mut rules);
    let mut envelope = vec![("rules".to_string(), J::Array(rules))];
    if rng.chance(3) {
        envelope.push(("description".into(), s("generated")));
    }
    if rng.chance(4) {
        envelope.push(("comment".into(), J::Raw("null".into())));
    }
    rng.shuffle(&mut envelope);
    let layout = rng.below(3);
    let mut out = String::new();
    write(&mut out, &J::Object(envelope), layout, 0);
    if rng.chance(2) {
        out.push('\n');
    }
    (out, schema_conversion)
}

/// The name of a schema, spelt plainly or with escapes.
fn schema(rng: &mut Rng) -> String {
    let (plain, escaped) = SCHEMAS[rng.below(SCHEMAS.len())];
    if rng.chance(2) {
        plain.into()
    } else {
        escaped.into()
    }
}

/// A rule's own members; `rule` adds the header and the noise.
fn tm_rule(rng: &mut Rng, id: usize) -> Vec<(String, J)> {
    let locator = |rng: &mut Rng, pattern: bool| {
        let table = if pattern {
            rng.pick(PATTERNS)
        } else {
            rng.pick(TABLES)
        };
        let mut members = vec![
            ("schema-name".to_string(), s(&schema(rng))),
            ("table-name".to_string(), s(table)),
        ];
        if pattern && rng.chance(4) {
            members.push(("table-type".into(), s(rng.pick(&["table", "view", "all"]))));
        }
        J::Object(members)
    };
    // The first rule selects, so every document has a selection rule.
    match if id == 1 { 0 } else { rng.below(8) } {
        0..=3 => {
            let action = rng.pick(&["include", "include", "exclude", "explicit"]);
            let mut members = vec![
                ("rule-type".to_string(), s("selection")),
                ("rule-action".into(), s(action)),
                ("object-locator".into(), locator(rng, action != "explicit")),
            ];
            if action == "include" && rng.chance(3) {
                let condition = J::Object(vec![
                    ("filter-operator".into(), s("between")),
                    ("start-value".into(), s("1")),
                    ("end-value".into(), J::Raw("100".into())),
                ]);
                members.push((
                    "filters".into(),
                    J::Array(vec![J::Object(vec![
                        ("filter-type".into(), s("source")),
                        ("column-name".into(), s("ID")),
                        ("filter-conditions".into(), J::Array(vec![condition])),
                    ])]),
                ));
            } else if rng.chance(3) {
                members.push(("filters".into(), J::Array(Vec::new())));
            }
            if rng.chance(4) {
                members.push(("load-order".into(), J::Raw(format!("\"{id}\""))));
            }
            members
        }
        4 | 5 => {
            let mut members = vec![
                ("rule-type".to_string(), s("transformation")),
                ("rule-target".into(), s("table")),
                ("rule-action".into(), s("rename")),
                ("object-locator".into(), locator(rng, true)),
                ("value".into(), s(&format!("t\\u00e9_{id}"))),
            ];
            if rng.chance(2) {
                members.push(("old-value".into(), J::Raw("null".into())));
            }
            members
        }
        6 => vec![
            ("rule-type".to_string(), s("table-settings")),
            ("object-locator".into(), locator(rng, false)),
            (
                "parallel-load".into(),
                J::Object(vec![
                    ("type".into(), s("ranges")),
                    ("columns".into(), J::Array(vec![s("ID")])),
                    (
                        "boundaries".into(),
                        J::Array(vec![J::Array(vec![s("1000")]), J::Array(vec![s("2000")])]),
                    ),
                ]),
            ),
            (
                "lob-settings".into(),
                J::Object(vec![
                    ("mode".into(), s("limited")),
                    ("bulk-max-size".into(), s("64")),
                ]),
            ),
        ],
        _ => vec![
            ("rule-type".to_string(), s("object-mapping")),
            ("rule-action".into(), s("map-record-to-record")),
            ("object-locator".into(), locator(rng, false)),
            ("target-table-name".into(), s("target")),
            (
                "mapping-parameters".into(),
                J::Object(vec![
                    ("partition-key-name".into(), s("id")),
                    ("sort-key-name".into(), J::Raw("null".into())),
                    (
                        "exclude-columns".into(),
                        J::Array(vec![s("a"), J::Raw("2.50".into())]),
                    ),
                ]),
            ),
        ],
    }
}

fn sc_rule(rng: &mut Rng) -> Vec<(String, J)> {
    let action = rng.pick(&["include", "include", "exclude", "explicit"]);
    let mut locator = vec![
        ("server-name".to_string(), s("db.example.com")),
        ("schema-name".into(), s(&schema(rng))),
    ];
    match rng.below(4) {
        0 => {}
        1 => locator.push(("table-name".into(), s(rng.pick(PATTERNS)))),
        2 => locator.push(("procedure-name".into(), s(rng.pick(&["LOAD", "L%"])))),
        _ => {
            locator.push(("table-name".into(), s(rng.pick(PATTERNS))));
            locator.push(("table-type".into(), s("view")));
        }
    }
    if rng.chance(5) {
        locator.push(("category-name".into(), J::Raw("null".into())));
    }
    vec![
        ("rule-type".to_string(), s("selection")),
        ("rule-action".into(), s(action)),
        ("object-locator".into(), J::Object(locator)),
    ]
}

/// The header, noise (nulls, unknown members), and the members in any order.
fn rule(rng: &mut Rng, id: usize, mut members: Vec<(String, J)>) -> J {
    let id = match rng.below(4) {
        0 => J::Raw(id.to_string()),
        1 if id < 10 => J::Raw(format!("\"0{id}\"")),
        _ => J::Raw(format!("\"{id}\"")),
    };
    members.push(("rule-id".into(), id));
    members.push(("rule-name".into(), s(&format!("rule-{}", rng.below(5)))));
    if rng.chance(3) {
        members.push(("parallel-load-x".into(), J::Raw("null".into())));
    }
    if rng.chance(4) {
        members.push(("isAutoSegmentationChecked".into(), J::Raw("false".into())));
    }
    if rng.chance(5) {
        members.push((
            "x-owner".into(),
            J::Object(vec![
                ("b".into(), J::Raw("null".into())),
                ("a".into(), J::Raw("1.50".into())),
            ]),
        ));
    }
    rng.shuffle(&mut members);
    J::Object(members)
}

/// Layouts: 0 minified, 1 pretty, 2 spaced oddly.
fn write(out: &mut String, value: &J, layout: usize, depth: usize) {
    let newline = |out: &mut String, depth: usize| match layout {
        0 => {}
        1 => {
            out.push('\n');
            out.push_str(&"    ".repeat(depth));
        }
        _ => out.push_str(if depth.is_multiple_of(2) {
            " \t"
        } else {
            "\r\n "
        }),
    };
    match value {
        J::Raw(text) => out.push_str(text),
        J::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write(out, item, layout, depth + 1);
            }
            newline(out, depth);
            out.push(']');
        }
        J::Object(members) => {
            out.push('{');
            for (i, (key, value)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                out.push_str(&format!("\"{key}\":"));
                if layout != 0 {
                    out.push(' ');
                }
                write(out, value, layout, depth + 1);
            }
            newline(out, depth);
            out.push('}');
        }
    }
}
