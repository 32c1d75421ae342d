//! The server driven in-process, as an editor drives it, for the unit tests: messages handed to
//! [`Server::handle`], the answers read back from what it wrote. Positions are UTF-8 columns
//! (the encoding the session asks for), so a test finds them with `str::find`.

use lsp_server::{Message, Notification, Request};
use serde_json::{json, Value};

use crate::server::Server;

/// The URI every test document is opened under.
pub const URI: &str = "file:///work/rules.json";

pub struct Session {
    server: Server<Vec<u8>>,
    next_id: i32,
    /// The open document's text, for positions.
    text: String,
}

impl Session {
    /// An initialized server with `text` open as [`URI`].
    pub fn open(text: &str) -> Self {
        Session::open_as(URI, text)
    }

    /// An initialized server with `text` open as `uri`.
    pub fn open_as(uri: &str, text: &str) -> Self {
        let capabilities = json!({"general": {"positionEncodings": ["utf-8"]}});
        let mut session = Session::initialized(capabilities);
        session.open_another(uri, text);
        session
    }

    /// A server initialized with the client `capabilities`, with nothing open.
    pub fn initialized(capabilities: Value) -> Self {
        let mut session = Session {
            server: Server::new(Vec::new()),
            next_id: 0,
            text: String::new(),
        };
        session.request("initialize", json!({ "capabilities": capabilities }));
        session.notify("initialized", json!({}));
        session
    }

    /// Opens `text` as `uri`; positions are then about it.
    pub fn open_another(&mut self, uri: &str, text: &str) {
        self.text = text.to_owned();
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
    }

    /// Publishes every document due, waiting until the last is (as the server's loop does).
    pub fn publish_due(&mut self) {
        while let Some(due) = self.server.due() {
            std::thread::sleep(due.saturating_duration_since(std::time::Instant::now()));
            self.server.publish_due();
        }
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        let notification = Notification::new(method.to_owned(), params);
        self.server.handle(Message::Notification(notification));
    }

    /// Sends a request and returns its result (`null` included); panics on an error response.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let request = Request::new(id.into(), method.to_owned(), params);
        self.server.handle(Message::Request(request));
        let response = self
            .written()
            .into_iter()
            .find(|m| m["id"] == id)
            .unwrap_or_else(|| panic!("no response to `{method}`"));
        assert!(response["error"].is_null(), "`{method}`: {response}");
        response["result"].clone()
    }

    /// The position of byte `offset` of the open document.
    pub fn position(&self, offset: usize) -> Value {
        let before = &self.text[..offset];
        let line = before.matches('\n').count();
        let character = offset - before.rfind('\n').map_or(0, |at| at + 1);
        json!({"line": line, "character": character})
    }

    /// The position `within` bytes into the first `needle` of the open document.
    pub fn at(&self, needle: &str, within: usize) -> Value {
        let start = self
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("no `{needle}` in the document"));
        self.position(start + within)
    }

    /// The diagnostics last published for `uri`.
    pub fn diagnostics(&self, uri: &str) -> Vec<Value> {
        self.written()
            .into_iter()
            .filter(|m| m["method"] == "textDocument/publishDiagnostics")
            .rfind(|m| m["params"]["uri"] == uri)
            .and_then(|m| m["params"]["diagnostics"].as_array().cloned())
            .unwrap_or_default()
    }

    /// Every message the server wrote, in order.
    pub fn written(&self) -> Vec<Value> {
        let out = String::from_utf8_lossy(&self.server.out).into_owned();
        out.split("Content-Length: ")
            .filter_map(|frame| frame.split_once("\r\n\r\n"))
            .map(|(_, body)| serde_json::from_str(body).expect("a JSON message"))
            .collect()
    }
}

/// `text` with the edits of `edit` (a `WorkspaceEdit` for [`URI`]) applied, positions in UTF-8
/// columns.
pub fn apply(text: &str, edit: &Value) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().expect("line") as usize;
        let character = position["character"].as_u64().expect("character") as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + character
    };
    let mut edits: Vec<(usize, usize, String)> = edit["changes"][URI]
        .as_array()
        .expect("edits of the document")
        .iter()
        .map(|e| {
            let replacement = e["newText"].as_str().expect("new text").to_owned();
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                replacement,
            )
        })
        .collect();
    edits.sort_by_key(|(start, ..)| std::cmp::Reverse(*start));
    let mut out = text.to_owned();
    for (start, end, replacement) in edits {
        out.replace_range(start..end, &replacement);
    }
    out
}

/// The codes of published diagnostics, in order.
pub fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect()
}
