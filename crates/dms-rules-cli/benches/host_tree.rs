//! `dms-rules lint DIR` as a whole process on a tree of Terraform files, beside
//! `grep -rl aws_dms_ DIR` over the same tree: the cost of finding the few files that hold DMS
//! mappings among many that do not, and of checking them.
//!
//! Run with `cargo bench --bench host_tree`. The tree has 5,000 generated `.tf` files (about
//! 50 MB) in 50 module folders, of which 20 hold a DMS replication task with its mapping and 20
//! a call of a DMS module with its tasks' mappings; one in ten calls some other module. Runs
//! alternate, and the medians are printed; the goal is at most 2x.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_dms-rules");

const FILES: usize = 5_000;
const MODULES: usize = 50;
const WITH_MAPPINGS: usize = 20;
const ROUNDS: usize = 9;

/// An ordinary resource block, about 1 KiB.
fn resource(out: &mut String, file: usize, n: usize) {
    let _ = write!(
        out,
        r#"resource "aws_instance" "app_{file}_{n}" {{
  ami           = var.ami_id
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private[{n} % length(aws_subnet.private)].id
  tags = {{
    Name        = "app-{file}-{n}"
    Environment = var.environment
    Owner       = "platform-team"
  }}

  root_block_device {{
    volume_size = 20
    volume_type = "gp3"
    encrypted   = true
  }}

  lifecycle {{
    create_before_destroy = true
    ignore_changes        = [tags["LastModified"]]
  }}
}}

resource "aws_security_group_rule" "app_{file}_{n}_ingress" {{
  type              = "ingress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
  security_group_id = aws_security_group.app.id
  description       = "HTTPS from the private network, rule {n} of file {file}"
}}

"#
    );
}

/// A replication task whose mapping selects one schema and renames it.
fn task(out: &mut String, file: usize) {
    let _ = write!(
        out,
        r#"resource "aws_dms_replication_task" "task_{file}" {{
  replication_task_id      = "task-{file}"
  migration_type           = "full-load-and-cdc"
  replication_instance_arn = aws_dms_replication_instance.main.replication_instance_arn
  source_endpoint_arn      = aws_dms_endpoint.source.endpoint_arn
  target_endpoint_arn      = aws_dms_endpoint.target.endpoint_arn

  table_mappings = jsonencode({{
    rules = [
      {{
        rule-type      = "selection"
        rule-id        = "1"
        rule-name      = "include-sales-{file}"
        object-locator = {{ schema-name = "SALES", table-name = "%" }}
        rule-action    = "include"
      }},
      {{
        rule-type      = "transformation"
        rule-id        = "2"
        rule-name      = "rename-sales-{file}"
        rule-target    = "schema"
        object-locator = {{ schema-name = "SALES" }}
        rule-action    = "rename"
        value          = "sales_{file}"
      }},
    ]
  }})
}}

"#
    );
}

/// A call of the DMS module with a map of tasks, as terraform-aws-modules/dms takes them.
fn dms_module(out: &mut String, file: usize) {
    let _ = write!(
        out,
        r#"module "dms_{file}" {{
  source  = "terraform-aws-modules/dms/aws"
  version = "~> 2.0"

  replication_tasks = {{
    full = {{
      migration_type = "full-load"
      table_mappings = jsonencode({{
        rules = [{{
          rule-type      = "selection"
          rule-id        = "1"
          rule-name      = "1"
          object-locator = {{ schema-name = "app_{file}", table-name = "%" }}
          rule-action    = "include"
        }}]
      }})
    }}
  }}
}}

"#
    );
}

/// A call of a module that has nothing to do with DMS: read by nobody.
fn other_module(out: &mut String, file: usize) {
    let _ = write!(
        out,
        r#"module "vpc_{file}" {{
  source = "terraform-aws-modules/vpc/aws"
  cidr   = "10.{}.0.0/16"
  tags   = {{ Name = "vpc-{file}" }}
}}

"#,
        file % 250
    );
}

/// Writes the tree under `dir`; its size in bytes.
fn generate(dir: &Path) -> usize {
    let mut total = 0;
    let mut text = String::new();
    for file in 0..FILES {
        let module = dir.join(format!("modules/m{:02}", file % MODULES));
        std::fs::create_dir_all(&module).expect("module folder");
        text.clear();
        // Spread the tasks over the tree.
        if file % (FILES / WITH_MAPPINGS) == 7 {
            task(&mut text, file);
        }
        if file % (FILES / WITH_MAPPINGS) == 3 {
            dms_module(&mut text, file);
        }
        if file % 10 == 5 {
            other_module(&mut text, file);
        }
        let mut n = 0;
        while text.len() < 10_000 {
            resource(&mut text, file, n);
            n += 1;
        }
        total += text.len();
        std::fs::write(module.join(format!("f{file:04}.tf")), &text).expect("write file");
    }
    total
}

/// Wall seconds of `program args`, its output thrown away; the exit status must be `ok`.
fn run(program: &str, args: &[&str], ok: &[i32]) -> f64 {
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run");
    let wall = start.elapsed().as_secs_f64();
    assert!(
        ok.contains(&status.code().unwrap_or(-1)),
        "{program} {args:?}: {status}"
    );
    wall
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let dir = std::env::temp_dir().join(format!("dms-rules-tree-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let bytes = generate(&dir);
    let tree = dir.to_str().expect("UTF-8 path");

    // The lint must have found and checked every mapping, no finding: a task's in each of 20
    // files, a DMS module call's in each of 20 others.
    let output = Command::new(BIN)
        .args(["lint", "--format", "json", tree])
        .output()
        .expect("run lint");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let documents: usize = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["documents"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(documents, 2 * WITH_MAPPINGS, "every mapping found");

    let (mut lint, mut grep, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let g = run("grep", &["-rl", "aws_dms_", tree], &[0]);
        let l = run(BIN, &["lint", tree], &[0]);
        grep.push(g);
        lint.push(l);
        ratios.push(l / g);
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "tree: {FILES} .tf files, {:.1} MB, {WITH_MAPPINGS} with a DMS mapping",
        bytes as f64 / 1e6
    );
    println!(
        "wall: dms-rules lint {:.3} s, grep -rl aws_dms_ {:.3} s, ratio {:.2}x (median of {ROUNDS} interleaved rounds)",
        median(&mut lint),
        median(&mut grep),
        median(&mut ratios),
    );
}
