//! `host::terraform::scan` against hcl-edit's parse alone, on the same generated `.tf` text.
//!
//! Run with `cargo bench --bench terraform`. Both rows of an input run in the same process on
//! the same text, so their ratio is the figure to read: what finding the mappings and decoding
//! them costs over parsing the file. The goal is at most 1.5x.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Mutex, OnceLock};

use divan::{black_box, Bencher};
use dms_rules::host::terraform::{scan, Context};

fn main() {
    divan::main();
}

/// `resources`: 20,000 ordinary resources and one `jsonencode` mapping of 2,000 rules (5 MB);
/// `jsonencode`: the file is one mapping of 20,000 rules (3.6 MB), the most decoding per
/// byte; `heredoc`: one mapping of 4 MB in a heredoc.
const INPUTS: &[&str] = &["resources", "jsonencode", "heredoc"];

#[divan::bench(args = INPUTS, sample_count = 10, sample_size = 1)]
fn hcl_edit_parse(bencher: Bencher, input: &str) {
    let text = text(input);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| hcl_edit::parser::parse_body(black_box(text)).is_ok());
}

#[divan::bench(args = INPUTS, sample_count = 10, sample_size = 1)]
fn terraform_scan(bencher: Bencher, input: &str) {
    let text = text(input);
    let context = Context::default();
    let found = scan(text, &context);
    assert!(found.diagnostics.is_empty(), "{:?}", found.diagnostics);
    assert_eq!(found.mappings.len(), 1);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| scan(black_box(text), &context).mappings.len());
}

/// The generated text of `input`, made once.
fn text(input: &str) -> &'static str {
    static CACHE: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().expect("cache");
    cache.entry(input.to_owned()).or_insert_with(|| {
        let text = match input {
            "resources" => resources(20_000) + &jsonencode(2_000),
            "jsonencode" => jsonencode(20_000),
            "heredoc" => heredoc(4 << 20),
            _ => unreachable!("unknown input {input}"),
        };
        Box::leak(text.into_boxed_str())
    })
}

fn resources(count: usize) -> String {
    let mut out = String::new();
    for i in 0..count {
        let _ = write!(
            out,
            "resource \"aws_instance\" \"web{i}\" {{\n  ami           = \"ami-{i:08}\"\n  instance_type = var.size\n  tags = {{\n    Name  = \"web-${{count.index}}\"\n    Owner = local.owner\n  }}\n  lifecycle {{\n    ignore_changes = [tags[\"Updated\"]]\n  }}\n}}\n"
        );
    }
    out
}

fn jsonencode(rules: usize) -> String {
    let mut out = String::from(
        "resource \"aws_dms_replication_task\" \"main\" {\n  table_mappings = jsonencode({\n    rules = [\n",
    );
    for i in 0..rules {
        let _ = write!(
            out,
            "      {{\n        rule-type = \"selection\" # comment\n        rule-id   = \"{i}\"\n        rule-name = \"r{i}\"\n        object-locator = {{ schema-name = \"hr\", table-name = \"t_{i}%\" }}\n        rule-action = \"include\"\n      }},\n"
        );
    }
    out.push_str("    ]\n  })\n}\n");
    out
}

fn heredoc(bytes: usize) -> String {
    let rule = "    {\"rule-type\": \"selection\", \"rule-id\": \"1\", \"rule-name\": \"1\", \"object-locator\": {\"schema-name\": \"hr\", \"table-name\": \"%\"}, \"rule-action\": \"include\"},\n";
    format!(
        "resource \"aws_dms_replication_task\" \"main\" {{\n  table_mappings = <<EOF\n{{\"rules\": [\n{}    {{}}\n]}}\nEOF\n}}\n",
        rule.repeat(bytes / rule.len())
    )
}
