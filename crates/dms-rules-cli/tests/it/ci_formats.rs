//! `--format junit`, `--format checkstyle` and `--format gitlab`: each read back as the CI
//! services read them (an XML parser, the Code Quality fields one by one), and `--select` /
//! `--ignore`.

use serde_json::Value;

use crate::command::dms_rules;

const DUPLICATE: &str = "tests/fixtures/invalid/duplicate_key/rule-id-twice.json";
const SYNTAX: &str = "tests/fixtures/invalid/json_syntax/missing-comma.json";
const CLEAN: &str =
    "tests/corpus/real-world/sc-awscli-start-metadata-model-import-schema-explicit.json";

fn lint(format: &str, args: &[&str], stdin: Option<&[u8]>) -> (i32, String) {
    let mut command = vec!["lint", "--format", format];
    command.extend_from_slice(args);
    let mut invocation = dms_rules(&command);
    if let Some(bytes) = stdin {
        invocation = invocation.stdin(bytes);
    }
    let run = invocation.run();
    assert_eq!(run.stderr, "");
    (run.status, run.stdout)
}

fn attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    node.attribute(name)
        .unwrap_or_else(|| panic!("no `{name}` on {node:?}"))
}

#[test]
fn junit_has_a_suite_per_file_and_a_failing_case_per_finding() {
    let (status, xml) = lint("junit", &[DUPLICATE, SYNTAX, CLEAN], None);
    assert_eq!(status, 1);
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(attr(root, "tests"), "3");
    assert_eq!(attr(root, "failures"), "2");
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    let names: Vec<&str> = suites.iter().map(|s| attr(*s, "name")).collect();
    assert_eq!(names, [DUPLICATE, SYNTAX, CLEAN]);

    let case = suites[0].first_element_child().expect("a test case");
    assert_eq!(attr(case, "name"), "dms::duplicate_key at 7:7");
    assert_eq!(attr(case, "classname"), DUPLICATE);
    assert_eq!(attr(case, "line"), "7");
    let failure = case.first_element_child().expect("a failure");
    assert_eq!(failure.tag_name().name(), "failure");
    assert_eq!(attr(failure, "type"), "error");
    assert_eq!(
        attr(failure, "message"),
        "key `rule-id` appears twice in this object"
    );
    let text = failure.text().expect("the finding's text");
    assert!(
        text.starts_with(&format!(
            "{DUPLICATE}:7:7: dms::duplicate_key: key `rule-id`"
        )),
        "{text}"
    );
    assert!(
        text.contains("\nhelp: keep one of the two members"),
        "{text}"
    );

    // A clean file is one passing case, so the report shows it was read.
    let clean = suites[2].first_element_child().expect("a test case");
    assert_eq!(attr(clean, "name"), "no findings");
    assert!(clean.first_element_child().is_none());
}

#[test]
fn xml_formats_hold_any_text_the_input_brings() {
    // A name with markup characters and a control character in a value the message quotes.
    let input = "{\"rules\": [{\"rule-type\": \"selection\", \"rule-id\": \"1\", \"rule-name\": \"a\", \"object-locator\": {\"schema-name\": \"<&\\u001b'\\\"x\", \"table-name\": \"%\"}, \"rule-action\": \"inclu<de\"}]}";
    for format in ["junit", "checkstyle"] {
        let (status, xml) = lint(
            format,
            &["--stdin-filename", "a&b <c>.json", "-"],
            Some(input.as_bytes()),
        );
        assert_eq!(status, 1, "{format}");
        let document =
            roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{format}: {e}\n{xml}"));
        let text: String = document
            .descendants()
            .filter_map(|n| n.attribute("message"))
            .collect();
        assert!(text.contains("inclu<de"), "{format}: {text}");
        assert!(
            document
                .descendants()
                .any(|n| n.attribute("name") == Some("a&b <c>.json")),
            "{format}"
        );
    }
}

#[test]
fn checkstyle_has_a_file_per_input_and_an_error_per_finding() {
    let (status, xml) = lint("checkstyle", &[DUPLICATE, CLEAN], None);
    assert_eq!(status, 1);
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "checkstyle");
    let files: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(
        files.iter().map(|f| attr(*f, "name")).collect::<Vec<_>>(),
        [DUPLICATE, CLEAN]
    );
    let errors: Vec<_> = files[0].children().filter(|n| n.is_element()).collect();
    assert_eq!(errors.len(), 1);
    let error = errors[0];
    assert_eq!(error.tag_name().name(), "error");
    assert_eq!(attr(error, "line"), "7");
    assert_eq!(attr(error, "column"), "7");
    assert_eq!(attr(error, "severity"), "error");
    assert_eq!(attr(error, "source"), "dms::duplicate_key");
    assert!(
        attr(error, "message").starts_with("key `rule-id` appears twice in this object\nhelp: ")
    );
    assert_eq!(files[1].children().filter(|n| n.is_element()).count(), 0);
}

fn gitlab(args: &[&str], stdin: Option<&[u8]>) -> Vec<Value> {
    let (_, text) = lint("gitlab", args, stdin);
    let report: Value = serde_json::from_str(&text).expect("JSON");
    report.as_array().expect("an array of issues").clone()
}

#[test]
fn gitlab_issues_have_the_code_quality_fields() {
    let issues = gitlab(&[DUPLICATE, SYNTAX, CLEAN], None);
    assert_eq!(issues.len(), 2);
    let issue = &issues[0];
    assert_eq!(
        issue["description"],
        "key `rule-id` appears twice in this object\nhelp: keep one of the two members; which \
         one a reader of the JSON uses is not defined"
    );
    assert_eq!(issue["check_name"], "dms::duplicate_key");
    assert_eq!(issue["severity"], "major");
    assert_eq!(issue["location"]["path"], DUPLICATE);
    assert_eq!(issue["location"]["lines"]["begin"], 7);
    let fingerprint = issue["fingerprint"].as_str().expect("fingerprint");
    assert_eq!(fingerprint.len(), 32);
    assert!(fingerprint.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_ne!(issues[0]["fingerprint"], issues[1]["fingerprint"]);
    // The same run again: the same fingerprints.
    assert_eq!(gitlab(&[DUPLICATE, SYNTAX, CLEAN], None), issues);
}

#[test]
fn gitlab_fingerprints_survive_moved_lines_and_tell_repeats_apart() {
    let rule = |id: &str| {
        format!("{{\"rule-type\": \"selection\", \"rule-id\": \"{id}\", \"rule-name\": \"r{id}\", \"object-locator\": {{\"schema-name\": \"HR\", \"table-name\": \"TMP_%\"}}, \"rule-action\": \"include\"}}")
    };
    let before = format!("{{\"rules\": [\n{},\n{}\n]}}", rule("1"), rule("2"));
    let after = format!(
        "\n\n\n{{\"rules\": [\n\n{},\n\n{}\n]}}",
        rule("1"),
        rule("2")
    );
    let name = ["--stdin-filename", "m.json", "-"];
    let a = gitlab(&name, Some(before.as_bytes()));
    let b = gitlab(&name, Some(after.as_bytes()));
    assert_eq!(a.len(), 2);
    assert_ne!(
        a[0]["location"]["lines"]["begin"],
        b[0]["location"]["lines"]["begin"]
    );
    let prints = |issues: &[Value]| -> Vec<Value> {
        issues.iter().map(|i| i["fingerprint"].clone()).collect()
    };
    assert_eq!(prints(&a), prints(&b));
    // Two findings on the same text are two issues.
    assert_ne!(a[0]["fingerprint"], a[1]["fingerprint"]);
    assert_eq!(a[0]["severity"], "minor");
}

#[test]
fn select_and_ignore_choose_the_codes_reported() {
    let json = |args: &[&str]| -> (i32, Vec<String>) {
        let mut command = vec!["lint", "--format", "json", DUPLICATE, SYNTAX];
        command.extend_from_slice(args);
        let run = dms_rules(&command).run();
        let report = run.json();
        let codes = report["files"]
            .as_array()
            .expect("files")
            .iter()
            .flat_map(|f| f["diagnostics"].as_array().expect("diagnostics").clone())
            .map(|d| d["code"].as_str().unwrap_or("").to_string())
            .collect();
        (run.status, codes)
    };
    assert_eq!(json(&[]).1, ["dms::duplicate_key", "dms::json_syntax"]);
    assert_eq!(
        json(&["--select", "duplicate_key"]),
        (1, vec!["dms::duplicate_key".to_string()])
    );
    assert_eq!(
        json(&["--ignore", "dms::json_syntax,dms::duplicate_key"]),
        (0, vec![])
    );
    assert_eq!(
        json(&[
            "--select",
            "dms::json_syntax",
            "--select",
            "duplicate_key",
            "--ignore",
            "json_syntax"
        ])
        .1,
        ["dms::duplicate_key"]
    );
    let run = dms_rules(&["lint", "--select", "dms::no_such_code", CLEAN]).run();
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("`dms::no_such_code` is not a dms-rules code"),
        "{}",
        run.stderr
    );
}

/// A byte-order mark is no column: every format that gives one says the column an editor
/// shows for the `_` of `TMP_%` on the first line.
#[test]
fn a_byte_order_mark_is_no_column_in_any_format() {
    let line = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "tmp", "object-locator": {"schema-name": "HR", "table-name": "TMP_%"}, "rule-action": "include"}]}"#;
    let source = format!("\u{feff}{line}\n");
    let column = line.find("TMP_").expect("the pattern") + "TMP".len() + 1;
    let stdin = Some(source.as_bytes());
    let wanted = |format: &str, found: &str| {
        let (status, out) = lint(format, &["--stdin-filename", "rules.json", "-"], stdin);
        assert_eq!(status, 0, "{out}");
        assert!(out.contains(found), "{format}: no `{found}` in {out}");
        let one_more = found.replace(&column.to_string(), &(column + 1).to_string());
        assert!(!out.contains(&one_more), "{format}: {out}");
    };
    wanted("human", &format!("rules.json:1:{column}]"));
    wanted("github", &format!("line=1,col={column},"));
    wanted("checkstyle", &format!("line=\"1\" column=\"{column}\""));
    wanted("junit", &format!("rules.json:1:{column}"));

    let (_, json) = lint("json", &["-"], stdin);
    let json: Value = serde_json::from_str(&json).expect("JSON");
    let label = &json["files"][0]["diagnostics"][0]["labels"][0];
    assert_eq!(
        (&label["line"], &label["column"]),
        (&1.into(), &column.into())
    );
    let (_, sarif) = lint("sarif", &["-"], stdin);
    let sarif: Value = serde_json::from_str(&sarif).expect("JSON");
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], column);
    assert_eq!(region["endColumn"], column + 1);
    // The span still counts the mark's three bytes: the label is on the `_` of the file.
    let offset = label["span"]["offset"].as_u64().expect("offset") as usize;
    assert_eq!(&source.as_bytes()[offset..offset + 1], b"_");
}
