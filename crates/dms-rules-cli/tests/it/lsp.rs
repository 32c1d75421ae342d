//! `dms-rules lsp`, driven by a test client that starts the real binary and speaks JSON-RPC to
//! it over its standard input and output.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long the client waits for any one message before the test fails.
const WAIT: Duration = Duration::from_secs(20);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    from_server: Receiver<Value>,
    /// Messages read while waiting for another.
    held: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dms-rules"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().expect("piped");
        let (to, from_server) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(body) = read_frame(&mut reader) {
                let value: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if to.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            from_server,
            held: VecDeque::new(),
            next_id: 0,
        }
    }

    /// A client whose server is initialized, offering `encodings` (none: the field is left out).
    fn initialized(encodings: Option<&[&str]>) -> (Self, Value) {
        let mut client = Client::start();
        let result = client.initialize(encodings);
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn initialize(&mut self, encodings: Option<&[&str]>) -> Value {
        let mut capabilities = json!({});
        if let Some(encodings) = encodings {
            capabilities = json!({"general": {"positionEncodings": encodings}});
        }
        let response = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        response["result"].clone()
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("open");
        stdin.write_all(bytes).expect("the server reads");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// The first message (read before or now) that `wanted` accepts; the others are kept.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.held.iter().position(&wanted) {
            return self.held.remove(at).expect("found");
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .from_server
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no such message; held: {:#?}", self.held));
            if wanted(&message) {
                return message;
            }
            self.held.push_back(message);
        }
    }

    /// The next `publishDiagnostics` for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"]["diagnostics"]
            .as_array()
            .expect("an array")
            .clone()
    }

    fn log_message(&mut self) -> String {
        let message = self.wait_for(|m| m["method"] == "window/logMessage");
        message["params"]["message"]
            .as_str()
            .expect("text")
            .to_owned()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// `shutdown`, then `exit`: the server's exit status.
    fn shut_down(mut self) -> ExitStatus {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        self.exit_status()
    }

    fn exit_status(&mut self) -> ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_frame(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(body)
}

/// The offset of a protocol position in `text`, counting characters in `encoding`, with every
/// line break (`\n`, `\r\n`, lone `\r`) ending a line: the client's side of the conversion.
fn offset_of(text: &str, position: &Value, encoding: &str) -> usize {
    let (line, character) = (
        position["line"].as_u64().unwrap() as usize,
        position["character"].as_u64().unwrap() as usize,
    );
    let mut at = 0;
    for _ in 0..line {
        let rest = &text[at..];
        let end = rest.find(['\r', '\n']).expect("the line exists");
        at += end
            + if rest[end..].starts_with("\r\n") {
                2
            } else {
                1
            };
    }
    let mut counted = 0;
    for (i, c) in text[at..].char_indices() {
        if counted == character {
            return at + i;
        }
        counted += if encoding == "utf-8" {
            c.len_utf8()
        } else {
            c.len_utf16()
        };
    }
    assert_eq!(counted, character);
    text.len()
}

/// `text` with the workspace edit's edits for `uri` applied.
fn apply(text: &str, edit: &Value, uri: &str, encoding: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = edit["changes"][uri]
        .as_array()
        .expect("edits for the document")
        .iter()
        .map(|e| {
            (
                offset_of(text, &e["range"]["start"], encoding),
                offset_of(text, &e["range"]["end"], encoding),
                e["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    edits.sort();
    let mut out = text.to_owned();
    for (start, end, new) in edits.into_iter().rev() {
        out.replace_range(start..end, &new);
    }
    out
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

const URI: &str = "file:///work/project/table-mappings.json";

const VALID: &str = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "hr",
  "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"}]}"#;

#[test]
fn initialize_agrees_on_each_position_encoding() {
    for (offered, agreed) in [
        (Some(&["utf-16", "utf-8"][..]), "utf-8"),
        (Some(&["utf-32", "utf-16"][..]), "utf-16"),
        (Some(&[][..]), "utf-16"),
        (None, "utf-16"),
    ] {
        let (client, result) = Client::initialized(offered);
        let capabilities = &result["capabilities"];
        assert_eq!(capabilities["positionEncoding"], agreed, "{offered:?}");
        // Incremental sync, hover, completion, quick fixes and fix-all.
        assert_eq!(capabilities["textDocumentSync"]["change"], 2);
        assert_eq!(capabilities["textDocumentSync"]["openClose"], true);
        assert_eq!(capabilities["hoverProvider"], true);
        assert!(capabilities["completionProvider"].is_object());
        assert_eq!(
            capabilities["codeActionProvider"]["codeActionKinds"],
            json!(["quickfix", "source.fixAll"])
        );
        assert_eq!(result["serverInfo"]["name"], "dms-rules");
        assert!(client.shut_down().success());
    }
}

/// Emoji (outside the Basic Multilingual Plane) and every kind of line break before a mistake:
/// the published range is exact in both encodings.
#[test]
fn ranges_are_exact_after_emoji_crlf_and_lone_cr() {
    let text = "{\"rules\": [\r\n  {\"rule-type\": \"selection\", \"rule-id\": \"1\",\r  \"rule-name\": \"\u{1F600}\u{1F600}\", \"rule-acton\": \"include\",\n  \"object-locator\": {\"schema-name\": \"HR\", \"table-name\": \"%\"}}]}";
    let key = text.find("\"rule-acton\"").unwrap();
    for (encoding, character) in [("utf-16", 23), ("utf-8", 27)] {
        let (mut client, _) = Client::initialized(Some(&[encoding]));
        client.open(URI, text);
        let diagnostics = client.diagnostics(URI);
        assert_eq!(
            codes(&diagnostics),
            ["dms::unknown_key"],
            "{diagnostics:#?}"
        );
        let d = &diagnostics[0];
        // The third line (after a CRLF and a lone CR), after two emoji.
        assert_eq!(
            d["range"],
            json!({"start": {"line": 2, "character": character},
                   "end": {"line": 2, "character": character + 12}}),
            "{encoding}"
        );
        assert_eq!(offset_of(text, &d["range"]["start"], encoding), key);
        assert_eq!(d["severity"], 1);
        assert_eq!(d["source"], "dms-rules");
        assert!(d["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown key `rule-acton` in this rule, which has no `rule-action`"));
        assert_eq!(
            d["codeDescription"]["href"],
            format!(
                "https://docs.rs/dms-rules/{}/dms_rules/diagnostic/codes/index.html#dmsunknown_key",
                env!("CARGO_PKG_VERSION")
            )
        );
        assert!(client.shut_down().success());
    }
}

#[test]
fn secondary_labels_are_related_information() {
    let (mut client, _) = Client::initialized(None);
    let text = VALID.replace(
        "\"rule-name\": \"hr\"",
        "\"rule-id\": \"2\", \"rule-name\": \"hr\"",
    );
    client.open(URI, &text);
    let diagnostics = client.diagnostics(URI);
    assert_eq!(codes(&diagnostics), ["dms::duplicate_key"]);
    let related = &diagnostics[0]["relatedInformation"][0];
    assert_eq!(related["message"], "first used here");
    assert_eq!(related["location"]["uri"], URI);
    let first = text.find("\"rule-id\"").unwrap();
    assert_eq!(
        offset_of(&text, &related["location"]["range"]["start"], "utf-16"),
        first
    );
    assert!(client.shut_down().success());
}

#[test]
fn incremental_and_full_changes_are_checked_and_close_clears() {
    let (mut client, _) = Client::initialized(Some(&["utf-16"]));
    client.open(URI, VALID);
    assert!(client.diagnostics(URI).is_empty());

    // Delete the `i` of `rule-action`: an incremental change.
    let at = VALID.find("rule-action").unwrap() + "rule-act".len();
    let line = VALID[..at].matches('\n').count() as u32;
    let character = (at - VALID[..at].rfind('\n').map_or(0, |n| n + 1)) as u32;
    client.change(
        URI,
        2,
        json!([{"range": {"start": {"line": line, "character": character},
                          "end": {"line": line, "character": character + 1}}, "text": ""}]),
    );
    let diagnostics = client.diagnostics(URI);
    assert_eq!(codes(&diagnostics), ["dms::unknown_key"]);

    // Two changes in one notification: put the `i` back, then add a trailing comma.
    let end = VALID.len() - 2;
    let last = VALID.lines().count() as u32 - 1;
    let end_character = (end - VALID.rfind('\n').unwrap() - 1) as u32;
    client.change(
        URI,
        3,
        json!([
            {"range": {"start": {"line": line, "character": character},
                       "end": {"line": line, "character": character}}, "text": "i"},
            {"range": {"start": {"line": last, "character": end_character},
                       "end": {"line": last, "character": end_character}}, "text": ","}
        ]),
    );
    let diagnostics = client.diagnostics(URI);
    assert_eq!(codes(&diagnostics), ["dms::json_syntax"]);
    assert!(diagnostics[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("trailing comma before `]`"));

    // A full change.
    client.change(URI, 4, json!([{"text": VALID}]));
    assert!(client.diagnostics(URI).is_empty());

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(client.diagnostics(URI).is_empty());
    assert!(client.shut_down().success());
}

#[test]
fn a_quick_fix_applied_removes_its_finding() {
    for encoding in ["utf-8", "utf-16"] {
        let (mut client, _) = Client::initialized(Some(&[encoding]));
        // After an emoji, so the edit's position must be counted right to land.
        let text = VALID
            .replace("\"hr\"", "\"h\u{1F600}r\"")
            .replace("\"rule-id\": \"1\"", "\"rule-id\": 1");
        client.open(URI, &text);
        let diagnostics = client.diagnostics(URI);
        assert_eq!(codes(&diagnostics), ["dms::rule_id_format"]);
        let response = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": diagnostics[0]["range"],
                   "context": {"diagnostics": diagnostics, "only": ["quickfix"]}}),
        );
        let actions = response["result"].as_array().expect("actions").clone();
        assert_eq!(actions.len(), 1, "{actions:#?}");
        let action = &actions[0];
        assert_eq!(action["title"], "Write `\"1\"`");
        assert_eq!(action["kind"], "quickfix");
        assert_eq!(action["isPreferred"], true);
        assert_eq!(action["diagnostics"][0]["code"], "dms::rule_id_format");
        let fixed = apply(&text, &action["edit"], URI, encoding);
        assert_eq!(fixed, VALID.replace("\"hr\"", "\"h\u{1F600}r\""));
        client.change(URI, 2, json!([{"text": fixed}]));
        assert!(client.diagnostics(URI).is_empty());
        assert!(client.shut_down().success());
    }
}

#[test]
fn fix_all_applies_every_safe_fix_and_leaves_the_guesses() {
    let (mut client, _) = Client::initialized(None);
    let text = r#"{"rules": [{"rule-type": "selection", "rule-id": 1, "rule-name": "hr", "rule-acton": "include",
  "object-locator": {"schema-name": "HR", "table-name": "TMP_%", "tabel-type": "view"},
  "filters": [{"filter-type": "source", "column-name": "a", "filter-conditions": [{"filter-operator": "ste", "value": "1"}]}]},]}"#;
    client.open(URI, text);
    let before = client.diagnostics(URI);
    // The trailing comma stops the parse: one finding until it is gone.
    assert_eq!(codes(&before), ["dms::json_syntax"]);
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let actions = response["result"].as_array().unwrap().clone();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll");
    let fixed = apply(text, &actions[0]["edit"], URI, "utf-16");
    client.change(URI, 2, json!([{"text": fixed}]));
    let after = client.diagnostics(URI);
    // The filter on a pattern remains (no fix names what the table is), and so does the
    // misspelt optional key (its fix is a guess).
    assert_eq!(
        codes(&after),
        ["dms::unknown_key", "dms::filter_ignored"],
        "{after:#?}"
    );
    assert!(fixed.contains("\"rule-id\": \"1\""));
    assert!(fixed.contains("\"rule-action\": \"include\""));
    assert!(fixed.contains("TMP[_]%"));
    assert!(fixed.contains("\"lte\""));
    assert!(fixed.contains("\"tabel-type\""));

    // The guess is offered as a quick fix, marked unsafe.
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": after[0]["range"],
               "context": {"diagnostics": [after[0].clone()]}}),
    );
    let titles: Vec<&str> = response["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Rename to `table-type` (unsafe)"]);
    assert!(client.shut_down().success());
}

#[test]
fn hover_explains_keys_values_and_findings() {
    let (mut client, _) = Client::initialized(Some(&["utf-8"]));
    let text = VALID.replace(
        "\"table-name\": \"%\"",
        "\"table-name\": \"%\", \"colour\": \"red\"",
    );
    client.open(URI, &text);
    assert_eq!(codes(&client.diagnostics(URI)), ["dms::unknown_key"]);
    let mut hover_at = |needle: &str, within: usize| {
        let at = text.find(needle).unwrap() + within;
        let line = text[..at].matches('\n').count();
        let character = at - text[..at].rfind('\n').map_or(0, |n| n + 1);
        let response = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}}),
        );
        response["result"]["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    };
    let key = hover_at("\"rule-action\"", 3);
    assert!(key.contains("**`rule-action`** in a rule"), "{key}");
    assert!(key.contains("What the rule does"), "{key}");
    assert!(
        key.contains("Values: `include`, `exclude`, `explicit`."),
        "{key}"
    );
    let value = hover_at("\"include\"", 2);
    assert!(
        value.contains("Selects every object the locator's patterns match"),
        "{value}"
    );
    let locator_key = hover_at("\"table-name\"", 2);
    assert!(
        locator_key.contains("in an `object-locator`"),
        "{locator_key}"
    );
    assert!(
        locator_key.contains("Allowed in: an `object-locator`."),
        "{locator_key}"
    );
    let finding = hover_at("\"colour\"", 2);
    assert!(
        finding.starts_with("**`dms::unknown_key`**\n\n**Warning.**"),
        "{finding}"
    );
    assert!(finding.contains("*Fix:*"), "{finding}");
    assert!(client.shut_down().success());
}

/// The labels of a completion response.
fn labels(response: &Value) -> Vec<String> {
    response["result"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_owned())
        .collect()
}

fn complete(client: &mut Client, text: &str, at: usize) -> Value {
    let line = text[..at].matches('\n').count();
    let character = text[..at]
        .rsplit('\n')
        .next()
        .unwrap()
        .encode_utf16()
        .count();
    client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}}),
    )
}

#[test]
fn completion_offers_the_keys_and_values_of_the_place() {
    let (mut client, _) = Client::initialized(None);

    // A table-mapping locator: its keys, less the ones it has.
    let text = VALID.replace("\"table-name\": \"%\"}", "\"table-name\": \"%\", \"\"}");
    client.open(URI, &text);
    client.diagnostics(URI);
    let at = text.find("\"\"}").unwrap() + 1;
    let response = complete(&mut client, &text, at);
    assert_eq!(labels(&response), ["table-type"]);
    let item = &response["result"]["items"][0];
    let edited = apply(
        &text,
        &json!({"changes": {URI: [item["textEdit"].clone()]}}),
        URI,
        "utf-16",
    );
    assert!(
        edited.contains("\"table-name\": \"%\", \"table-type\"}"),
        "{edited}"
    );

    // The values of `rule-action` in a selection rule.
    let at = text.find("\"include\"").unwrap() + 1;
    assert_eq!(
        labels(&complete(&mut client, &text, at)),
        ["include", "exclude", "explicit"]
    );

    // A Schema Conversion locator (it has `server-name`): its object keys.
    let sc = VALID.replace(
        "\"schema-name\": \"HR\"",
        "\"server-name\": \"db\", \"schema-name\": \"HR\", \"\"",
    );
    client.change(URI, 2, json!([{"text": sc}]));
    client.diagnostics(URI);
    let at = sc.find("\"\"").unwrap() + 1;
    let keys = labels(&complete(&mut client, &sc, at));
    for key in [
        "database-name",
        "procedure-name",
        "category-name",
        "table-type",
    ] {
        assert!(keys.contains(&key.to_owned()), "{key}: {keys:?}");
    }
    assert!(!keys.contains(&"server-name".to_owned()));

    // A transformation rule, after `"rule-target": `, before any value.
    let tr = r#"{"rules": [{"rule-type": "transformation", "rule-id": "1", "rule-name": "t",
  "rule-action": "convert-lowercase", "object-locator": {"schema-name": "HR"}, "rule-target": }]}"#;
    client.change(URI, 3, json!([{"text": tr}]));
    client.diagnostics(URI);
    let at = tr.find("\"rule-target\": ").unwrap() + "\"rule-target\": ".len();
    let targets = labels(&complete(&mut client, tr, at));
    assert_eq!(
        targets,
        [
            "schema",
            "table",
            "column",
            "table-tablespace",
            "index-tablespace"
        ]
    );

    // A validation rule: its one action and target, and its own keys.
    let va = r#"{"rules": [{"rule-type": "validation", "rule-id": "1", "rule-name": "v",
  "rule-action": "", "rule-target": "", "object-locator": {"schema-name": "HR"}, ""}]}"#;
    client.change(URI, 4, json!([{"text": va}]));
    client.diagnostics(URI);
    let at = va.find("\"rule-action\": \"").unwrap() + "\"rule-action\": \"".len();
    assert_eq!(
        labels(&complete(&mut client, va, at)),
        ["override-validation-function"]
    );
    let at = va.find("\"rule-target\": \"").unwrap() + "\"rule-target\": \"".len();
    assert_eq!(labels(&complete(&mut client, va, at)), ["column"]);
    let at = va.rfind("\"\"").unwrap() + 1;
    let keys = labels(&complete(&mut client, va, at));
    for key in ["source-function", "target-function"] {
        assert!(keys.contains(&key.to_owned()), "{key}: {keys:?}");
    }
    assert!(!keys.contains(&"filters".to_owned()), "{keys:?}");
    assert!(client.shut_down().success());
}

/// Every key completion offers in a rule of each type is one the checks know: writing it in
/// raises no `dms::unknown_key`.
#[test]
fn every_offered_key_is_known_to_the_checks() {
    let (mut client, _) = Client::initialized(None);
    let rules = [
        r#""rule-type": "selection", "rule-action": "include""#,
        r#""rule-type": "transformation", "rule-action": "rename", "rule-target": "schema""#,
        r#""rule-type": "table-settings""#,
        r#""rule-type": "post-processing", "rule-action": "add-tag""#,
        r#""rule-type": "object-mapping", "rule-action": "map-record-to-record""#,
        r#""rule-type": "validation", "rule-action": "override-validation-function", "rule-target": "column""#,
    ];
    let mut version = 1;
    for head in rules {
        for inside_locator in [false, true] {
            let text = if inside_locator {
                format!(
                    r#"{{"rules": [{{{head}, "rule-id": "1", "rule-name": "r", "object-locator": {{"schema-name": "HR", ""}}}}]}}"#
                )
            } else {
                format!(
                    r#"{{"rules": [{{{head}, "rule-id": "1", "rule-name": "r", "object-locator": {{"schema-name": "HR", "table-name": "T"}}, ""}}]}}"#
                )
            };
            version += 1;
            if version == 2 {
                client.open(URI, &text);
            } else {
                client.change(URI, version, json!([{"text": text}]));
            }
            client.diagnostics(URI);
            let at = text.rfind("\"\"").unwrap() + 1;
            let keys = labels(&complete(&mut client, &text, at));
            assert!(!keys.is_empty(), "{text}");
            for key in keys {
                let value = match key.as_str() {
                    "filters" | "tag-set" => "[]",
                    "data-type" | "primary-key-def" | "before-image-def" | "parallel-load"
                    | "lob-settings" | "mapping-parameters" => "{}",
                    _ => "\"1\"",
                };
                let written = text.replacen("\"\"", &format!("\"{key}\": {value}"), 1);
                let checked = dms_rules::check(&written, &dms_rules::Options::default());
                let unknown: Vec<_> = checked
                    .diagnostics()
                    .iter()
                    .filter(|d| d.code == dms_rules::Code::UnknownKey)
                    .map(|d| d.message.clone())
                    .collect();
                assert!(unknown.is_empty(), "{key} in {written}: {unknown:?}");
            }
        }
    }
    assert!(client.shut_down().success());
}

#[test]
fn terraform_files_get_findings_and_fixes_on_their_own_bytes() {
    let dir = std::env::temp_dir().join(format!("dms-rules-lsp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("main.tf");
    let uri = format!("file://{}", path.display());
    let text = "resource \"aws_dms_replication_task\" \"t\" {\n  table_mappings = jsonencode({ rules = [{ rule-type = \"selection\", rule-id = \"1\",\n    rule-name = \"1\", object-locator = { schema-name = \"hr\", table-name = \"%\" },\n    rule-acton = \"include\" }] })\n}\n";
    let (mut client, _) = Client::initialized(None);
    client.open(&uri, text);
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(codes(&diagnostics), ["dms::unknown_key"]);
    assert_eq!(
        diagnostics[0]["range"],
        json!({"start": {"line": 3, "character": 4}, "end": {"line": 3, "character": 14}})
    );
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diagnostics[0]["range"],
               "context": {"diagnostics": diagnostics}}),
    );
    let fixed = apply(text, &response["result"][0]["edit"], &uri, "utf-16");
    assert!(fixed.contains("    rule-action = \"include\""), "{fixed}");
    client.change(&uri, 2, json!([{"text": fixed}]));
    assert!(client.diagnostics(&uri).is_empty());
    assert!(client.shut_down().success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn documents_that_hold_no_rules_get_no_findings() {
    let (mut client, _) = Client::initialized(None);
    let uri = "file:///work/project/package.json";
    client.open(uri, "{\"name\": \"x\",}");
    assert!(client.diagnostics(uri).is_empty());
    assert!(client.shut_down().success());
}

/// Malformed input of every kind is answered with an error response or a log message, and the
/// server goes on serving.
#[test]
fn bad_messages_never_stop_the_server() {
    let mut client = Client::start();
    // A request before `initialize`.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    client.initialize(None);
    client.notify("initialized", json!({}));

    // A body that is not JSON, and a header that is not a header.
    client.send_raw(b"Content-Length: 9\r\n\r\n{\"jsonrpc");
    assert!(client.log_message().contains("not JSON"));
    client.send_raw(b"Content-Length: many\r\n\r\n");
    assert!(client.log_message().contains("is not a length"));
    // A request whose method is not a string.
    client.send(json!({"jsonrpc": "2.0", "id": 99, "method": 5}));
    let bad = client.wait_for(|m| m["id"] == 99);
    assert_eq!(bad["error"]["code"], -32600);
    // An unknown method, and known ones with parameters of the wrong shape.
    let unknown = client.request("textDocument/frobnicate", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let wrong = client.request("textDocument/hover", json!({"position": "here"}));
    assert_eq!(wrong["error"]["code"], -32602);
    client.notify("textDocument/didOpen", json!({"textDocument": 7}));
    assert!(client.log_message().contains("textDocument/didOpen"));

    // A change to a document that is not open, and one against a version never seen.
    client.change(URI, 5, json!([{"text": VALID}]));
    assert!(client.log_message().contains("which is not open"));
    client.open(URI, VALID);
    assert!(client.diagnostics(URI).is_empty());
    client.change(
        URI,
        1,
        json!([{"range": {"start": {"line": 0, "character": 0},
                                             "end": {"line": 0, "character": 0}}, "text": " "}]),
    );
    assert!(client.log_message().contains("version 1"));
    assert!(client.diagnostics(URI).is_empty());

    // Positions past the end: of the text, of a line, inside a surrogate pair.
    let past = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 999, "character": 999}}),
    );
    assert_eq!(past["result"], Value::Null);
    let completion = complete(&mut client, VALID, VALID.len());
    assert!(completion["result"]["items"].is_array());
    client.change(
        URI,
        7,
        json!([{"range": {"start": {"line": 0, "character": 5000},
                          "end": {"line": 800, "character": 3}}, "text": "]}"}]),
    );
    assert_eq!(codes(&client.diagnostics(URI)), ["dms::json_syntax"]);
    // A hover on a document never opened.
    let elsewhere = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.json"},
               "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(elsewhere["result"], Value::Null);

    // Still serving.
    client.change(URI, 8, json!([{"text": VALID}]));
    assert!(client.diagnostics(URI).is_empty());
    assert!(client.shut_down().success());
}

#[test]
fn exit_without_shutdown_is_status_one() {
    let (mut client, _) = Client::initialized(None);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_status().code(), Some(1));
}
