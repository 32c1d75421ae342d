//! `dms-rules lsp` on a 1 MiB rules document: the time from sending a `didChange` to
//! receiving its `publishDiagnostics`, beside linting the same text in this process with
//! `dms_rules::lint`, in the same run. Goal: at most 1.5x.
//!
//! Run with `cargo bench --bench lsp`. Each round makes a one-character change (an
//! incremental `didChange`, as editors send while typing) and times the server's answer, then
//! times `lint` on the changed text here; the medians and the median of the per-round ratios
//! are printed. The same is then measured with the whole text sent (full sync), on a document
//! with a mistake in every rule, and on 10,000 rules (3 MiB) with about 1,500 warnings.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use dms_rules::Options;
use serde_json::{json, Value};

// The generator of the library's benches.
#[path = "../../../benches/support/mod.rs"]
mod support;

use support::generate::{conflicting_document, document, invalid_document, Dialect};

const BIN: &str = env!("CARGO_BIN_EXE_dms-rules");
const ROUNDS: usize = 41;
const MIB: usize = 1024 * 1024;
/// The pause before each change, as between a typist's keystrokes. The server checks a change
/// that follows a pause at once; changes closer together than its debounce (25 ms) are a burst,
/// checked once the burst ends, a wait by design that this bench does not measure.
const PAUSE: Duration = Duration::from_millis(100);

/// The client: it reads the server's answers on this thread, so that the time measured holds
/// no hand-over between threads of the client.
struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

/// What the client reads of each message: the method, and of a `publishDiagnostics` the
/// version and how many diagnostics (each read through, not kept).
#[derive(serde::Deserialize)]
struct Received {
    method: Option<String>,
    params: Option<Published>,
}

#[derive(serde::Deserialize)]
struct Published {
    version: Option<i64>,
    #[serde(default)]
    diagnostics: Vec<serde::de::IgnoredAny>,
}

impl Server {
    fn send(&mut self, message: Value) {
        self.write(&frame(&message));
    }

    fn write(&mut self, frame: &[u8]) {
        self.stdin.write_all(frame).expect("write");
        self.stdin.flush().expect("flush");
    }

    /// Reads the next message.
    fn receive(&mut self) -> Received {
        let mut length = 0;
        loop {
            let mut line = String::new();
            let read = self.stdout.read_line(&mut line).expect("read");
            assert!(read > 0, "the server ended");
            match line.trim_end() {
                "" => break,
                header => {
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = n.parse().expect("a length");
                    }
                }
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).expect("a body");
        serde_json::from_slice(&body).expect("JSON")
    }

    /// Waits for the diagnostics of `version`; returns how many there were.
    fn published(&mut self, version: i64) -> usize {
        loop {
            let message = self.receive();
            if message.method.as_deref() == Some("textDocument/publishDiagnostics") {
                if let Some(published) = message.params.filter(|p| p.version == Some(version)) {
                    return published.diagnostics.len();
                }
            }
        }
    }
}

/// A message as sent: header and body.
fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    let mut child = Command::new(BIN)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the server");
    let mut server = Server {
        stdin: child.stdin.take().expect("piped"),
        // Large reads, as an editor makes: an answer of thousands of findings is megabytes.
        stdout: BufReader::with_capacity(MIB, child.stdout.take().expect("piped")),
        child,
    };
    server.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": null, "capabilities": {}}}));
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    server
}

/// A generated document of at least 1 MiB.
fn mebibyte(generate: impl Fn(usize) -> String) -> String {
    let mut rules = 1000;
    loop {
        let text = generate(rules);
        if text.len() >= MIB {
            return text;
        }
        rules = rules * MIB / text.len() + 1;
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Measures one document; `full` sends the whole text with each change.
fn measure(name: &str, text: &str, full: bool) {
    let uri = "file:///bench/table-mappings.json";
    let mut server = start();
    server.send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}}),
    );
    let findings = server.published(1);

    // The change: the `rules` key's first letter, `r` and `R` in turn (line 1, character 3).
    let mut current = text.to_owned();
    let at = current.find("\"rules\"").expect("a rules key") + 1;
    let (mut served, mut linted, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    let options = Options::default();
    for round in 0..ROUNDS {
        let letter = if round % 2 == 0 { "R" } else { "r" };
        current.replace_range(at..at + 1, letter);
        let version = round as i64 + 2;
        let change = if full {
            json!({"text": current})
        } else {
            json!({"range": {"start": {"line": 1, "character": 3},
                             "end": {"line": 1, "character": 4}}, "text": letter})
        };
        let message = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}});
        // Framed before the clock starts: the time is the server's, from the first byte sent.
        let message = frame(&message);
        std::thread::sleep(PAUSE);
        let start = Instant::now();
        server.write(&message);
        let count = server.published(version);
        let served_time = start.elapsed().as_secs_f64();

        let start = Instant::now();
        let checked = dms_rules::lint(&current, &options);
        let lint_time = start.elapsed().as_secs_f64();
        assert_eq!(
            checked.diagnostics().len(),
            count,
            "the server found what lint finds"
        );

        if round > 0 {
            served.push(served_time);
            linted.push(lint_time);
            ratios.push(served_time / lint_time);
        }
    }
    let ms = |s: f64| s * 1000.0;
    println!(
        "{name}: {:.2} MiB, {findings} findings on open, {} sync; didChange -> publishDiagnostics {:.2} ms, lint in-process {:.2} ms; ratio {:.2}x (median of {} rounds)",
        text.len() as f64 / MIB as f64,
        if full { "full" } else { "incremental" },
        ms(median(&mut served)),
        ms(median(&mut linted)),
        median(&mut ratios),
        ROUNDS - 1,
    );
}

fn main() {
    // `cargo bench --bench lsp -- schema` measures only the documents whose name holds a
    // word given (`cargo bench` itself passes `--bench`).
    let words: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| words.is_empty() || words.iter().any(|w| name.contains(w.as_str()));
    if wanted("table mappings") {
        let valid = mebibyte(|n| document(Dialect::TableMapping, n));
        measure("table mappings", &valid, false);
        measure("table mappings", &valid, true);
    }
    if wanted("schema conversion") {
        let sc = mebibyte(|n| document(Dialect::SchemaConversion, n));
        measure("schema conversion", &sc, false);
    }
    if wanted("a mistake in every rule") {
        let invalid = mebibyte(invalid_document);
        measure("a mistake in every rule", &invalid, false);
    }
    if wanted("conflicting transformations") {
        // 3 MiB whose transformations repeat a few objects: about 1,500 warnings, each with a
        // related location, often far from its own.
        let conflicting = conflicting_document(10_000);
        measure("conflicting transformations", &conflicting, false);
    }
}
