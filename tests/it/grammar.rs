//! The `grammar/` folder is kept honest: the code catalogue lists exactly the codes the crate
//! emits, and every production of the JSON grammar names a parser function.

use std::collections::BTreeSet;

use dms_rules::Code;

use crate::support::root;

fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn codes_md_lists_exactly_the_codes_the_crate_emits() {
    let catalogue = read("grammar/codes.md");
    let documented: BTreeSet<&str> = catalogue
        .lines()
        .filter_map(|line| line.strip_prefix("## `"))
        .filter_map(|rest| rest.strip_suffix('`'))
        .collect();
    let emitted: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(documented, emitted);
}

/// Every production of `grammar` not matched inline is a function in `sources`; `expected` are
/// productions the grammar must have, so a grammar the reader misreads cannot pass empty.
fn assert_productions_are_functions(
    grammar: &str,
    sources: &[&str],
    inline: &[&str],
    expected: &[&str],
) {
    let text = read(grammar);
    let sources = sources.iter().map(|s| read(s)).collect::<Vec<_>>().concat();
    let productions: Vec<&str> = text
        .lines()
        .filter_map(|line| line.split_once(" = ").or_else(|| line.split_once("= ")))
        .map(|(name, _)| name.trim())
        .filter(|name| !name.is_empty() && !name.contains(' '))
        .collect();
    for name in expected {
        assert!(
            productions.contains(name),
            "production `{name}` not found in {grammar}"
        );
    }
    for name in productions {
        if inline.contains(&name) {
            continue;
        }
        assert!(
            sources.contains(&format!("fn {name}(")) || sources.contains(&format!("fn {name}<")),
            "production `{name}` has no parser function"
        );
    }
}

#[test]
fn json_grammar_productions_are_parser_functions() {
    // Character classes are matched inline; `object` and `array` are unrolled into `value`.
    assert_productions_are_functions(
        "grammar/json.ebnf",
        &["src/syntax/parser.rs", "src/syntax/token.rs"],
        &["unescaped", "hex", "digit19", "digit", "object", "array"],
        &[
            "document", "value", "member", "string", "number", "literal", "ws",
        ],
    );
}

#[test]
fn pattern_grammar_productions_are_parser_functions() {
    assert_productions_are_functions(
        "grammar/pattern.ebnf",
        &["src/lower/pattern.rs"],
        &[],
        &[
            "piece", "any_run", "any_char", "set", "set_item", "range", "set_char", "literal",
        ],
    );
}

/// The README's table of the library's dependencies names every crate `[dependencies]` makes
/// the library build by default, and no other: a new dependency is said, with why.
#[test]
fn the_readme_names_every_dependency_the_library_builds() {
    let manifest = read("Cargo.toml");
    let section = manifest
        .split("\n[dependencies]\n")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("a [dependencies] section");
    let built: BTreeSet<String> = section
        .lines()
        .filter(|line| !line.starts_with('#') && !line.contains("optional = true"))
        .filter_map(|line| line.split(['=', '.']).next())
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect();
    let readme = read("README.md");
    let table = readme
        .split("| crate | for |")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("the README's dependency table");
    let named: BTreeSet<String> = table
        .lines()
        .filter_map(|line| line.strip_prefix("| "))
        .filter_map(|line| line.split(" |").next())
        .flat_map(|cell| cell.split(", "))
        .filter_map(|name| name.strip_prefix('`')?.strip_suffix('`'))
        .map(str::to_string)
        .collect();
    assert_eq!(built, named);
}
