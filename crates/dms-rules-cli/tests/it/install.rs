//! Installs without a Rust build: `install.sh` run against a local folder standing in for a
//! release (the binary built here, packed as the release workflow packs it), and what cannot run
//! here read and checked: the platforms and asset names `install.sh` expects are the ones
//! `.github/workflows/release.yml` builds, and `action.yml` runs `install.sh` and `lint` with
//! its inputs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use granit_parser::{Event, Parser};
use serde_json::Value;

use crate::support::root;

/// A folder for one test, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir =
            std::env::temp_dir().join(format!("dms-rules-install-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the folder");
        Dir(dir)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The workspace's root, where `install.sh` and `action.yml` are.
fn workspace() -> &'static Path {
    root()
}

/// Runs `sh install.sh` with `args` and `env`; the status and standard error.
fn install(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let output = Command::new("sh")
        .arg(workspace().join("install.sh"))
        .args(args)
        .env_remove("DMS_RULES_REPO")
        .env_remove("DMS_RULES_VERSION")
        .env_remove("DMS_RULES_FROM")
        .env_remove("DMS_RULES_DIR")
        .envs(env.iter().copied())
        .output()
        .expect("sh runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A release as the workflow packs it, for one target: the binary built here in
/// `dms-rules-TARGET.tar.gz`, and its checksum as `sha256sum` writes it.
fn release(dir: &Path, target: &str) {
    let binary = Path::new(env!("CARGO_BIN_EXE_dms-rules"));
    let asset = format!("dms-rules-{target}.tar.gz");
    let staging = dir.join("staging");
    std::fs::create_dir_all(&staging).expect("staging");
    std::fs::copy(binary, staging.join("dms-rules")).expect("copy the binary");
    let packed = Command::new("tar")
        .arg("-czf")
        .arg(dir.join(&asset))
        .arg("-C")
        .arg(&staging)
        .arg("dms-rules")
        .status()
        .expect("tar runs");
    assert!(packed.success());
    let sum = Command::new("sha256sum")
        .arg(&asset)
        .current_dir(dir)
        .output()
        .expect("sha256sum runs");
    assert!(sum.status.success());
    std::fs::write(dir.join(format!("{asset}.sha256")), sum.stdout).expect("write the checksum");
}

const LINUX: [(&str, &str); 2] = [("DMS_RULES_OS", "Linux"), ("DMS_RULES_ARCH", "x86_64")];

#[test]
fn the_script_installs_a_release_whose_checksum_matches() {
    let dir = Dir::new("match");
    let from = dir.0.join("release");
    release(&from, "x86_64-unknown-linux-musl");
    let bin = dir.0.join("bin");
    let (from, bin_arg) = (from.display().to_string(), bin.display().to_string());
    let (status, stdout, stderr) = install(&["--from", &from, "--dir", &bin_arg], &LINUX);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        stdout,
        format!(
            "installed {}/dms-rules (x86_64-unknown-linux-musl, latest)\n",
            bin.display()
        )
    );
    let installed = Command::new(bin.join("dms-rules"))
        .arg("--version")
        .output()
        .expect("the installed binary runs");
    let version = String::from_utf8_lossy(&installed.stdout);
    assert_eq!(
        version.trim(),
        format!("dms-rules {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_release_that_does_not_match_its_checksum_is_refused() {
    let dir = Dir::new("mismatch");
    let from = dir.0.join("release");
    release(&from, "aarch64-unknown-linux-musl");
    // One byte of the archive changed after its checksum was taken.
    let asset = from.join("dms-rules-aarch64-unknown-linux-musl.tar.gz");
    let mut bytes = std::fs::read(&asset).expect("the asset");
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&asset, bytes).expect("write the asset");
    let bin = dir.0.join("bin");
    let (from, bin_arg) = (from.display().to_string(), bin.display().to_string());
    let env = [("DMS_RULES_OS", "Linux"), ("DMS_RULES_ARCH", "aarch64")];
    let (status, stdout, stderr) = install(&["--from", &from, "--dir", &bin_arg], &env);
    assert_eq!(status, 1);
    assert_eq!(stdout, "");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(
            "dms-rules install: dms-rules-aarch64-unknown-linux-musl.tar.gz does not match its checksum (expected "
        ),
        "{stderr}"
    );
    assert!(!bin.join("dms-rules").exists(), "nothing is installed");
}

#[test]
fn what_cannot_be_installed_is_said_in_one_line() {
    let dir = Dir::new("unknown");
    let from = dir.0.display().to_string();
    // The arguments, the environment, and the one line said.
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case<'_>; 4] = [
        (
            &["--from", &from],
            &[("DMS_RULES_OS", "Plan9"), ("DMS_RULES_ARCH", "mips")],
            "dms-rules install: no release is built for Plan9 mips (there are Linux x86_64 and aarch64, macOS x86_64 and arm64, Windows x86_64): build it with `cargo install --locked dms-rules-cli`\n",
        ),
        (
            &[],
            &LINUX,
            "dms-rules install: say which repository's releases to install from: --repo OWNER/NAME\n",
        ),
        (
            &["--from", &from],
            &LINUX,
            &format!("dms-rules install: no dms-rules-x86_64-unknown-linux-musl.tar.gz in {from}\n"),
        ),
        (
            &["--colour"],
            &LINUX,
            "dms-rules install: unknown option `--colour` (the options are --repo, --version, --from, --dir)\n",
        ),
    ];
    for (args, env, expected) in cases {
        let (status, stdout, stderr) = install(args, env);
        assert_eq!(
            (status, stdout.as_str(), stderr.as_str()),
            (1, "", expected)
        );
    }
}

/// A YAML file as JSON (scalars as strings), read with the YAML parser the library uses.
fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(workspace().join(path)).expect("the file");
    let mut stack: Vec<(Value, Option<String>)> = vec![(Value::Null, None)];
    for next in Parser::new_from_str(&text) {
        let (event, _) = next.unwrap_or_else(|e| panic!("{path} is not YAML: {e}"));
        let done = match event {
            Event::MappingStart(..) => {
                stack.push((Value::Object(Default::default()), None));
                continue;
            }
            Event::SequenceStart(..) => {
                stack.push((Value::Array(Vec::new()), None));
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => stack.pop().expect("open").0,
            Event::Scalar(text, ..) => Value::String(text.into_owned()),
            _ => continue,
        };
        let (parent, key) = stack.last_mut().expect("a parent");
        match parent {
            Value::Object(map) => match key.take() {
                Some(key) => {
                    map.insert(key, done);
                }
                None => *key = Some(done.as_str().expect("a plain key").to_owned()),
            },
            Value::Array(items) => items.push(done),
            root => *root = done,
        }
    }
    stack.pop().expect("the document").0
}

/// The platforms `install.sh` maps `uname` to.
fn script_targets() -> BTreeSet<String> {
    let script = std::fs::read_to_string(workspace().join("install.sh")).expect("install.sh");
    script
        .lines()
        .filter_map(|line| line.split_once(") target=")?.1.split(' ').next())
        .map(|target| target.trim_end_matches(';').to_owned())
        .collect()
}

#[test]
fn the_release_workflow_builds_what_the_script_downloads() {
    let workflow = yaml(".github/workflows/release.yml");
    let matrix = workflow["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .expect("a build matrix");
    let built: BTreeSet<String> = matrix
        .iter()
        .map(|entry| entry["target"].as_str().expect("a target").to_owned())
        .collect();
    assert_eq!(built, script_targets());
    // The platforms: Linux x86-64 and ARM64, macOS, Windows.
    for wanted in [
        "x86_64-unknown-linux",
        "aarch64-unknown-linux",
        "apple-darwin",
        "windows",
    ] {
        assert!(built.iter().any(|t| t.contains(wanted)), "{wanted}");
    }
    // The asset and checksum names the script fetches are the ones the workflow writes.
    let steps = workflow["jobs"]["build"]["steps"]
        .as_array()
        .expect("steps");
    let package = steps
        .iter()
        .find(|s| s["name"] == "Package")
        .and_then(|s| s["run"].as_str())
        .expect("a Package step");
    assert!(package.contains("asset=dms-rules-${{ matrix.target }}.tar.gz"));
    assert!(package.contains("sha256sum \"$asset\" > \"$asset.sha256\""));
    assert!(
        package.contains("tar -czf \"$asset\" -C target/${{ matrix.target }}/release \"$binary\"")
    );
    let script = std::fs::read_to_string(workspace().join("install.sh")).expect("install.sh");
    assert!(script.contains("asset=dms-rules-$target.tar.gz"));
    assert!(script.contains("fetch \"$asset.sha256\""));
    // Every artifact is released, with the list of checksums.
    let release = workflow["jobs"]["release"]["steps"].to_string();
    assert!(release.contains("sha256sums.txt") && release.contains("gh release create"));
}

#[test]
fn the_action_installs_with_the_script_and_lints_with_its_inputs() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let inputs = action["inputs"].as_object().expect("inputs");
    for input in ["files", "format", "args", "upload-sarif"] {
        assert!(inputs.contains_key(input), "no input `{input}`");
    }
    let steps = action["runs"]["steps"].as_array().expect("steps");
    let install = steps[0]["run"].as_str().expect("an install step");
    assert!(install.contains("sh \"$GITHUB_ACTION_PATH/install.sh\""));
    assert_eq!(
        steps[0]["env"]["DMS_RULES_REPO"],
        "${{ github.action_repository }}"
    );
    let lint = steps[1]["run"].as_str().expect("a lint step");
    assert!(lint.contains("dms-rules lint --format \"$FORMAT\" $ARGS $FILES"));
    assert_eq!(steps[1]["env"]["FILES"], "${{ inputs.files }}");
    assert_eq!(steps[1]["env"]["FORMAT"], "${{ inputs.format }}");
    assert_eq!(steps[1]["env"]["ARGS"], "${{ inputs.args }}");
    assert_eq!(steps[2]["uses"], "github/codeql-action/upload-sarif@v3");
    // The formats the input names are the ones `lint` has.
    let help = crate::command::dms_rules(&["lint", "--help"]).run().stdout;
    let described = inputs["format"]["description"]
        .as_str()
        .expect("a description");
    let (_, listed) = described.split_once('(').expect("the formats listed");
    for format in listed.trim_end_matches(')').split(", ") {
        assert!(help.contains(format), "`lint` has no format `{format}`");
    }
}
