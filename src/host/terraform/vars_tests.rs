//! Variables files: each shape against the fixtures, the variables a root module uses as
//! mappings, and mutated files of each shape, which never panic.

use std::path::PathBuf;

use proptest::prelude::*;
use proptest::sample::Index;

use super::tests::{assert_spans_sound, every_acton_on_its_bytes, fixtures, names};
use super::Context;
use crate::diagnostic::Code;
use crate::host::{Document, Format, Scan};

fn vars(path: PathBuf, text: &str) -> Scan {
    crate::host::scan(
        text.as_bytes(),
        Format::TerraformVars,
        &Context::file(path, fixtures()),
        usize::MAX,
    )
}

fn fixture(name: &str) -> (String, Scan) {
    let path = fixtures().join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    let scan = vars(path, &text);
    (text, scan)
}

#[test]
fn each_value_is_checked_where_it_is_written() {
    for (file, expected) in [
        (
            "tfvars/terraform.tfvars",
            &["var.rules", r#"var.tasks["cdc"]"#][..],
        ),
        ("tfvars/prod.auto.tfvars", &["var.default_table_mappings"]),
        // The module's folder is the parent of `envs/`; `tasks = null` leaves it unset.
        ("tfvars/envs/prod.tfvars", &["var.rules"]),
        (
            "tfvars/stage.tfvars.json",
            &[
                "var.rules",
                r#"var.tasks["full"]"#,
                "var.extra_table_mappings",
            ],
        ),
        (
            "terragrunt/terragrunt.hcl",
            &[
                r#"inputs.replication_tasks["sales"]"#,
                "inputs.default_table_mappings",
            ],
        ),
        // A local `terraform { source }` says `selection` is a mapping.
        (
            "terragrunt-local/live/terragrunt.hcl",
            &["inputs.selection"],
        ),
    ] {
        let (text, scan) = fixture(file);
        assert_spans_sound(&text, &scan);
        assert_eq!(names(&scan), expected, "{file}");
        let known = scan.mappings.iter().filter(|m| m.decoded().is_some());
        assert_eq!(
            every_acton_on_its_bytes(&text, &scan),
            known.count(),
            "{file}"
        );
    }
}

#[test]
fn a_json_value_that_is_not_a_string_is_the_wrong_type() {
    let (text, scan) = fixture("tfvars/stage.tfvars.json");
    let wrong: Vec<&str> = scan
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::WrongType)
        .map(|d| &text[d.primary.span.range()])
        .collect();
    assert_eq!(wrong, [r#"{"rules": []}"#]);
}

#[test]
fn a_variable_is_a_mapping_when_the_module_uses_it_as_one() {
    let dir = fixtures().join("tfvars");
    let context = Context::file(dir.join("x.tfvars"), fixtures());
    let held = super::variables::holding_mappings(&dir, &context);
    // `rules` is a task's `table_mappings`; `tasks` is a module argument, read by its keys.
    assert_eq!(held.into_iter().collect::<Vec<_>>(), ["rules"]);
    // Without the module beside it, only names and keys say what a value is.
    let text = "rules = \"{\\\"rules\\\": []}\"\nx_table_mappings = \"{\\\"rules\\\": []}\"\n";
    let scan = crate::host::scan(
        text.as_bytes(),
        Format::TerraformVars,
        &Context::default(),
        usize::MAX,
    );
    assert_eq!(names(&scan), ["var.x_table_mappings"]);
}

#[test]
fn a_variables_file_read_as_terraform_is_read_as_what_it_is() {
    let path = fixtures().join("tfvars/envs/prod.tfvars");
    let text = std::fs::read_to_string(&path).unwrap();
    let format = Format::Terraform.asked(&path);
    assert_eq!(format, Format::TerraformVars);
    let scan = crate::host::scan(
        text.as_bytes(),
        format,
        &Context::file(path, fixtures()),
        usize::MAX,
    );
    assert_eq!(names(&scan), ["var.rules"]);
    assert!(matches!(scan.mappings[0].document, Document::Inline(_)));
}

mod mutations {
    use super::*;

    /// Text that HCL or JSON gives meaning to.
    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(vec![
                "{",
                "}",
                "[",
                "]",
                "\"",
                "\\",
                "\\u00",
                "${",
                "%{",
                "<<EOF\n",
                "\nEOF\n",
                "=",
                ":",
                ",",
                "#",
                "//",
                "\n",
                "é",
                "null",
                "rules = ",
                "inputs = {",
                "table_mappings = ",
                "\"table_mappings\": ",
                "local.sales",
                "locals {",
            ])
            .prop_map(str::to_owned),
            "\\PC{0,4}",
        ]
    }

    fn mutated(text: &str, edits: Vec<(Index, usize, String)>) -> String {
        let mut text = text.to_owned();
        for (at, cut, insert) in edits {
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let start = boundaries[at.index(boundaries.len())];
            let end = boundaries
                .iter()
                .copied()
                .find(|&b| b >= start + cut)
                .unwrap_or(text.len());
            text.replace_range(start..end, &insert);
        }
        text
    }

    fn cases() -> u32 {
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(128)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

        /// Whatever is cut, inserted or replaced in a file of each shape, the scan returns and
        /// its spans are sound.
        #[test]
        fn mutated_variables_files_never_panic(
            file in proptest::sample::select(vec![
                "tfvars/terraform.tfvars",
                "tfvars/envs/prod.tfvars",
                "tfvars/stage.tfvars.json",
                "terragrunt/terragrunt.hcl",
            ]),
            edits in proptest::collection::vec((any::<Index>(), 0usize..12, fragment()), 1..6),
        ) {
            let path = fixtures().join(file);
            let text = mutated(&std::fs::read_to_string(&path).unwrap(), edits);
            let scan = vars(path, &text);
            assert_spans_sound(&text, &scan);
        }
    }
}

#[test]
fn a_task_in_a_variables_file_says_its_migration_type() {
    use crate::host::Setting;
    use crate::MigrationType;
    for (file, resource, expected) in [
        (
            "tfvars/terraform.tfvars",
            r#"var.tasks["cdc"]"#,
            MigrationType::Cdc,
        ),
        (
            "tfvars/stage.tfvars.json",
            r#"var.tasks["full"]"#,
            MigrationType::FullLoad,
        ),
        (
            "terragrunt/terragrunt.hcl",
            r#"inputs.replication_tasks["sales"]"#,
            MigrationType::FullLoadAndCdc,
        ),
    ] {
        let (text, scan) = fixture(file);
        let mapping = scan
            .mappings
            .iter()
            .find(|m| m.resource == resource)
            .unwrap_or_else(|| panic!("{file}: {resource}"));
        match &mapping.task.migration_type {
            Setting::Read { value, at } => {
                assert_eq!(*value, expected, "{file}");
                assert_eq!(&text[at.span.range()], format!("\"{}\"", expected.as_str()));
            }
            other => panic!("{file}: {other:?}"),
        }
    }
}
