//! The server: reading messages, answering them, publishing findings.
//!
//! One thread reads messages ([`transport`]); this one answers them in order, so no lock is
//! needed. Findings are published when a document opens and after a change, debounced: a
//! change that comes within [`DEBOUNCE`] of the one before is checked once the document has
//! been left alone for that long, so a burst of changes (typing fast, a paste made of many
//! edits) is checked once; a change after a pause is checked at once, so a single edit costs
//! no wait. Every message already waiting is taken before a check, so changes that queue while
//! a large document is checked are taken together. A message the server cannot read is
//! answered with an error or a log message, and the server goes on.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use dms_rules::Options;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, HoverRequest, RegisterCapability, Request as _,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern,
    HoverProviderCapability, InitializeParams, InitializeResult, LogMessageParams, MessageType,
    PublishDiagnosticsParams, Registration, RegistrationParams, SaveOptions, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};

use crate::config::{self, Configs, Loaded};
use crate::document::{self, Analysis, Document, Kind};
use crate::position::Encoding;
use crate::request::{Context, Named};
use crate::transport::{self, Incoming};
use crate::{actions, completion, diagnostics, hover, unused};

/// Changes closer together than this are a burst, checked once it ends.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// How a session ended; the process's exit status says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `exit` after `shutdown`: exit status 0.
    Exit,
    /// `exit` without `shutdown` (the protocol's exit status 1), or the input ended without
    /// `exit`.
    Abandoned,
    /// Writing to the client failed: there is no one left to serve.
    ClientGone,
}

/// Serves one client: reads its messages from `input` (on a thread of its own) and writes the
/// answers to `output`, until the client says `exit` or goes away.
pub fn serve(input: impl BufRead + Send + 'static, output: impl Write) -> Ending {
    let (to, from) = mpsc::channel();
    std::thread::spawn(move || transport::read_all(input, &to));
    let mut server = Server::new(output);
    loop {
        let incoming = match server.due() {
            Some(due) => match from.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(incoming) => incoming,
                Err(RecvTimeoutError::Timeout) => {
                    server.publish_due();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => Incoming::Closed,
            },
            None => from.recv().unwrap_or(Incoming::Closed),
        };
        let outcome = match incoming {
            Incoming::Message(message) => server.handle(message),
            Incoming::Malformed { id, why } => {
                server.malformed(id, &why);
                Flow::Go
            }
            // The client went away without `exit`.
            Incoming::Closed => Flow::Exit(Ending::Abandoned),
        };
        match outcome {
            Flow::Go if server.gone => return Ending::ClientGone,
            Flow::Go => {}
            Flow::Exit(ending) => return ending,
        }
    }
}

pub(crate) enum Flow {
    Go,
    Exit(Ending),
}

/// The server's state between messages.
pub(crate) struct Server<W: Write> {
    pub(crate) out: W,
    /// Set when writing to the client failed: there is no one left to serve.
    gone: bool,
    initialized: bool,
    shutdown: bool,
    encoding: Encoding,
    options: Options,
    /// The workspace's folder, the root host files may read under.
    root: Option<PathBuf>,
    documents: HashMap<Uri, Document>,
    /// The configuration files read.
    configs: Configs,
    /// Configuration files not open whose problems were published, so that they can be
    /// cleared when the files are read again.
    published_configs: BTreeSet<String>,
    /// The last notes logged about each open configuration's suppressions (files that could
    /// not be checked), so that they are said once while they stay the same.
    config_notes: HashMap<String, Vec<String>>,
    /// Whether the client is asked to watch the configuration files (once initialized).
    watch: bool,
    /// Documents changed since their findings were published, and when to publish them.
    due: BTreeSet<(Instant, String)>,
}

impl<W: Write> Server<W> {
    pub(crate) fn new(out: W) -> Self {
        Server {
            out,
            gone: false,
            initialized: false,
            shutdown: false,
            encoding: Encoding::Utf16,
            options: Options::default(),
            root: None,
            documents: HashMap::new(),
            configs: Configs::default(),
            published_configs: BTreeSet::new(),
            config_notes: HashMap::new(),
            watch: false,
            due: BTreeSet::new(),
        }
    }

    fn send(&mut self, message: Message) {
        if !self.gone && message.write(&mut self.out).is_err() {
            self.gone = true;
        }
    }

    fn respond(&mut self, id: RequestId, result: Result<serde_json::Value, (ErrorCode, String)>) {
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(Message::Response(response));
    }

    fn notify<N: lsp_types::notification::Notification>(&mut self, params: N::Params) {
        let notification = Notification::new(N::METHOD.to_owned(), params);
        self.send(Message::Notification(notification));
    }

    fn log(&mut self, typ: MessageType, message: String) {
        self.notify::<LogMessage>(LogMessageParams { typ, message });
    }

    fn malformed(&mut self, id: Option<RequestId>, why: &str) {
        match id {
            Some(id) => self.respond(id, Err((ErrorCode::InvalidRequest, why.to_owned()))),
            None => self.log(MessageType::ERROR, format!("dms-rules: {why}")),
        }
    }

    pub(crate) fn handle(&mut self, message: Message) -> Flow {
        match message {
            Message::Request(request) => self.request(request),
            Message::Notification(notification) => return self.notification(notification),
            // The server sends no requests, so it expects no responses.
            Message::Response(_) => {}
        }
        Flow::Go
    }

    fn request(&mut self, request: Request) {
        let Request { id, method, params } = request;
        let result = if method == "initialize" {
            self.initialize(params)
        } else if !self.initialized {
            Err((
                ErrorCode::ServerNotInitialized,
                "the server is not initialized".to_owned(),
            ))
        } else if self.shutdown {
            Err((
                ErrorCode::InvalidRequest,
                "the server is shutting down".to_owned(),
            ))
        } else {
            match method.as_str() {
                "shutdown" => {
                    self.shutdown = true;
                    Ok(serde_json::Value::Null)
                }
                HoverRequest::METHOD => self.with_document(params, hover::hover),
                Completion::METHOD => self.with_document(params, completion::complete),
                CodeActionRequest::METHOD => self.with_document(params, actions::actions),
                _ => Err((
                    ErrorCode::MethodNotFound,
                    format!("`{method}` is not a method this server has"),
                )),
            }
        };
        self.respond(id, result);
    }

    fn initialize(
        &mut self,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, (ErrorCode, String)> {
        if self.initialized {
            return Err((
                ErrorCode::InvalidRequest,
                "the server is already initialized".to_owned(),
            ));
        }
        let params: InitializeParams = serde_json::from_value(params)
            .map_err(|e| (ErrorCode::InvalidParams, format!("`initialize`: {e}")))?;
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        self.encoding = Encoding::negotiate(offered);
        self.root = params
            .workspace_folders
            .as_ref()
            .and_then(|folders| folders.first())
            .and_then(|folder| document::file_path(&folder.uri));
        // A client that can watch files for the server is asked to watch the configuration
        // files once initialized; every client is told when one is saved.
        self.watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        self.initialized = true;
        let capabilities = ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["\"".into(), ":".into()]),
                ..CompletionOptions::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::SOURCE_FIX_ALL,
                ]),
                ..CodeActionOptions::default()
            })),
            ..ServerCapabilities::default()
        };
        let result = InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "dms-rules".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        Ok(serde_json::to_value(result).unwrap_or_default())
    }

    /// Runs `answer` on the document a request names (its findings brought up to date first).
    fn with_document<P: serde::de::DeserializeOwned + Named>(
        &mut self,
        params: serde_json::Value,
        answer: fn(&Context<'_>, P) -> serde_json::Value,
    ) -> Result<serde_json::Value, (ErrorCode, String)> {
        let params: P = serde_json::from_value(params)
            .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
        let uri = params.uri().clone();
        if self.due.iter().any(|(_, u)| u == uri.as_str()) {
            self.publish(&uri);
        }
        if !self.documents.contains_key(&uri) {
            return Ok(serde_json::Value::Null);
        }
        self.analyse(&uri);
        let Some(document) = self.documents.get(&uri) else {
            return Ok(serde_json::Value::Null);
        };
        let options = document
            .analysis
            .as_ref()
            .map_or(&self.options, |a| &a.options);
        let context = Context {
            document,
            encoding: self.encoding,
            options,
            root: self.root.as_deref(),
        };
        Ok(answer(&context, params))
    }

    fn notification(&mut self, notification: Notification) -> Flow {
        let Notification { method, params } = notification;
        if method == "exit" {
            return Flow::Exit(if self.shutdown {
                Ending::Exit
            } else {
                Ending::Abandoned
            });
        }
        if !self.initialized {
            return Flow::Go;
        }
        let read = |what: &str, e: serde_json::Error| format!("dms-rules: `{what}`: {e}");
        match method.as_str() {
            DidOpenTextDocument::METHOD => {
                match serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(params) {
                    Ok(open) => {
                        let doc = open.text_document;
                        let uri = doc.uri.clone();
                        self.documents
                            .insert(uri.clone(), Document::new(doc.uri, doc.version, doc.text));
                        self.publish(&uri);
                    }
                    Err(e) => self.log(MessageType::ERROR, read(&method, e)),
                }
            }
            DidChangeTextDocument::METHOD => {
                match serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(params) {
                    Ok(change) => self.change(change),
                    Err(e) => self.log(MessageType::ERROR, read(&method, e)),
                }
            }
            DidCloseTextDocument::METHOD => {
                match serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(params) {
                    Ok(close) => {
                        let uri = close.text_document.uri;
                        let closed = self.documents.remove(&uri);
                        self.config_notes.remove(uri.as_str());
                        if let Some(closed) = closed.filter(|d| d.kind != Kind::Config) {
                            self.named_file_changed(closed.path.as_deref(), Instant::now());
                        }
                        self.due.retain(|(_, u)| u != uri.as_str());
                        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                            uri,
                            diagnostics: Vec::new(),
                            version: None,
                        });
                    }
                    Err(e) => self.log(MessageType::ERROR, read(&method, e)),
                }
            }
            "initialized" if self.watch => self.watch_configs(),
            DidSaveTextDocument::METHOD => {
                match serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(params) {
                    Ok(save) => {
                        let path = document::file_path(&save.text_document.uri);
                        if path.as_deref().is_some_and(config::is_config) {
                            self.reread_configs();
                        }
                    }
                    Err(e) => self.log(MessageType::ERROR, read(&method, e)),
                }
            }
            DidChangeWatchedFiles::METHOD => {
                match serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(params) {
                    Ok(changed) => {
                        let configs = changed.changes.iter().any(|change| {
                            document::file_path(&change.uri)
                                .as_deref()
                                .is_some_and(config::is_config)
                        });
                        if configs {
                            self.reread_configs();
                        }
                    }
                    Err(e) => self.log(MessageType::ERROR, read(&method, e)),
                }
            }
            // `$/cancelRequest`, `$/setTrace`, ...: nothing to do.
            _ => {}
        }
        Flow::Go
    }

    fn change(&mut self, change: lsp_types::DidChangeTextDocumentParams) {
        let uri = change.text_document.uri;
        let version = change.text_document.version;
        let Some(document) = self.documents.get_mut(&uri) else {
            let message = format!(
                "dms-rules: a change to `{}`, which is not open",
                uri.as_str()
            );
            self.log(MessageType::WARNING, message);
            return;
        };
        let had = document.version;
        document.change(version, change.content_changes, self.encoding);
        let now = Instant::now();
        let burst = document
            .changed
            .is_some_and(|last| now.duration_since(last) < DEBOUNCE);
        document.changed = Some(now);
        let at = if burst { now + DEBOUNCE } else { now };
        self.due.retain(|(_, u)| u != uri.as_str());
        self.due.insert((at, uri.as_str().to_owned()));
        let path = document.path.clone();
        if document.kind != Kind::Config {
            self.named_file_changed(path.as_deref(), at);
        }
        if version <= had {
            let message = format!(
                "dms-rules: version {version} of `{}` follows version {had}; the changes were applied as given",
                uri.as_str()
            );
            self.log(MessageType::WARNING, message);
        }
    }

    /// Asks the client to say when a configuration file is created, changed or deleted.
    fn watch_configs(&mut self) {
        let watchers = config::FILE_NAMES_GLOBS
            .iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String((*glob).to_owned()),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "dms-rules-config".to_owned(),
                method: DidChangeWatchedFiles::METHOD.to_owned(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        let request = Request::new(
            "dms-rules/watch-config".to_owned().into(),
            RegisterCapability::METHOD.to_owned(),
            params,
        );
        self.send(Message::Request(request));
    }

    /// A configuration file changed: every one is read again (a new one can also be nearer),
    /// and every open document checked again.
    fn reread_configs(&mut self) {
        self.configs.forget();
        for uri in std::mem::take(&mut self.published_configs) {
            if let Ok(uri) = uri.parse::<Uri>() {
                self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                    uri,
                    diagnostics: Vec::new(),
                    version: None,
                });
            }
        }
        let open: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in open {
            if let Some(document) = self.documents.get_mut(&uri) {
                document.analysis = None;
            }
            self.publish(&uri);
        }
    }

    /// Brings the findings of an open document up to date, reading its configuration first if
    /// it has not been read; the problems of a configuration read for the first time are
    /// published on it.
    fn analyse(&mut self, uri: &Uri) {
        let Some(document) = self.documents.get(uri) else {
            return;
        };
        let due = document.analysis.is_none();
        if due && document.kind == Kind::Config {
            self.analyse_config(uri);
        } else if let Some(document) = self.documents.get_mut(uri).filter(|_| due) {
            let loaded = match &document.path {
                Some(path) => self.configs.of(path),
                None => None,
            };
            let analysis = document.analysis(&self.options, self.root.as_deref(), loaded);
            // A catalog is opened when a document first needs it; one that cannot be is said
            // once, in the log.
            let errors = analysis
                .loaded
                .as_ref()
                .map(|l| l.catalog_errors())
                .unwrap_or_default();
            for message in errors {
                self.log(MessageType::WARNING, format!("dms-rules: {message}"));
            }
        }
        self.publish_fresh_configs();
    }

    /// The findings of a configuration file open in the editor: its problems, and its
    /// `[[suppress]]` entries that silence nothing in the files they name, as `lint` reports
    /// them (the files checked with the editor's text of this configuration).
    fn analyse_config(&mut self, uri: &Uri) {
        let Some(document) = self.documents.get(uri) else {
            return;
        };
        let path = document
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(config::FILE_NAME));
        let (parsed, problems) = dms_rules::config::Config::parse(&document.text, &path);
        let loaded = Rc::new(Loaded::new(parsed, problems, document.text.clone()));
        let mut findings = loaded.problems.clone();
        let mut notes = Vec::new();
        if document.path.is_some() {
            let open: HashMap<PathBuf, &str> = self
                .documents
                .values()
                .filter_map(|d| Some((d.path.clone()?, d.text.as_str())))
                .collect();
            let found = unused::unused(&loaded, &self.options, self.root.as_deref(), &open);
            findings.extend(found.findings);
            notes = found.notes;
            notes.extend(loaded.catalog_errors());
        }
        dms_rules::diagnostic::order(&mut findings);
        // Said once while they stay the same, not at every change of the file.
        if self.config_notes.get(uri.as_str()) != Some(&notes) {
            for note in &notes {
                self.log(MessageType::WARNING, format!("dms-rules: {note}"));
            }
            self.config_notes.insert(uri.as_str().to_owned(), notes);
        }
        if let Some(document) = self.documents.get_mut(uri) {
            document.analysis = Some(Analysis {
                kind: Kind::Config,
                dialect: None,
                options: self.options.clone(),
                findings,
                loaded: Some(loaded),
            });
        }
    }

    /// The configuration files open in the editor whose `[[suppress]]` entries name the file at
    /// `path`: their unused entries are found again when it changes.
    fn configs_naming(&self, path: &std::path::Path) -> Vec<Uri> {
        self.documents
            .values()
            .filter(|d| d.kind == Kind::Config)
            .filter(|d| {
                let loaded = d.analysis.as_ref().and_then(|a| a.loaded.as_ref());
                // Not read yet: it will be, with the file as it is now.
                loaded.is_some_and(|l| !l.config.suppressions_of(path).is_empty())
            })
            .map(|d| d.uri.clone())
            .collect()
    }

    /// A file named by open configurations' suppressions changed (or closed, so that its
    /// text is the disk's again): their findings are due when the file's are, at `at`.
    fn named_file_changed(&mut self, path: Option<&std::path::Path>, at: Instant) {
        let Some(path) = path else {
            return;
        };
        for uri in self.configs_naming(path) {
            if let Some(document) = self.documents.get_mut(&uri) {
                document.analysis = None;
            }
            self.due.retain(|(_, u)| u != uri.as_str());
            self.due.insert((at, uri.as_str().to_owned()));
        }
    }

    /// Publishes the problems of the configuration files read since the last time (those not
    /// open: an open one publishes its own), and says which could not be read.
    fn publish_fresh_configs(&mut self) {
        let (fresh, unreadable) = self.configs.take_fresh();
        for message in unreadable {
            self.log(MessageType::WARNING, format!("dms-rules: {message}"));
        }
        for (path, loaded) in fresh {
            let Some(uri) = document::file_uri(&path) else {
                continue;
            };
            if self.documents.contains_key(&uri) {
                continue;
            }
            let mut shown = Document::new(uri.clone(), 0, loaded.text.clone());
            shown.analysis = Some(Analysis {
                kind: Kind::Config,
                dialect: None,
                options: self.options.clone(),
                findings: loaded.problems.clone(),
                loaded: None,
            });
            let mut params = diagnostics::publish(&shown, self.encoding);
            params.version = None;
            self.published_configs.insert(uri.as_str().to_owned());
            self.notify::<PublishDiagnostics>(params);
        }
    }

    /// When the next document is due to be published.
    pub(crate) fn due(&self) -> Option<Instant> {
        self.due.first().map(|(at, _)| *at)
    }

    pub(crate) fn publish_due(&mut self) {
        let now = Instant::now();
        let ready: Vec<String> = self
            .due
            .iter()
            .take_while(|(at, _)| *at <= now)
            .map(|(_, uri)| uri.clone())
            .collect();
        for uri in ready {
            if let Ok(uri) = uri.parse::<Uri>() {
                self.publish(&uri);
            }
        }
    }

    /// Checks a document if its findings are due, and publishes them.
    fn publish(&mut self, uri: &Uri) {
        self.due.retain(|(_, u)| u != uri.as_str());
        self.analyse(uri);
        let Some(document) = self.documents.get(uri) else {
            return;
        };
        let params = diagnostics::publish(document, self.encoding);
        // Written straight from the typed parameters: a `Message` would first build them as a
        // JSON tree, which for thousands of findings costs more than finding them.
        #[derive(serde::Serialize)]
        struct Publish<'p> {
            jsonrpc: &'static str,
            method: &'static str,
            params: &'p PublishDiagnosticsParams,
        }
        let body = serde_json::to_vec(&Publish {
            jsonrpc: "2.0",
            method: PublishDiagnostics::METHOD,
            params: &params,
        });
        let written = body.map_err(io::Error::from).and_then(|body| {
            write!(self.out, "Content-Length: {}\r\n\r\n", body.len())?;
            self.out.write_all(&body)?;
            self.out.flush()
        });
        if written.is_err() {
            self.gone = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn notification(server: &mut Server<Vec<u8>>, method: &str, params: serde_json::Value) {
        let flow = server.handle(Message::Notification(Notification::new(
            method.to_owned(),
            params,
        )));
        assert!(matches!(flow, Flow::Go));
    }

    fn change(server: &mut Server<Vec<u8>>, version: i32) {
        let params = json!({"textDocument": {"uri": "file:///r.json", "version": version},
            "contentChanges": [{"text": format!("{{\"rules\": [{version}]}}")}]});
        notification(server, "textDocument/didChange", params);
    }

    /// The versions published so far, in order.
    fn published(out: &[u8]) -> Vec<i64> {
        let text = String::from_utf8_lossy(out);
        text.split("Content-Length: ")
            .filter_map(|frame| frame.split_once("\r\n\r\n"))
            .filter_map(|(_, body)| serde_json::from_str::<serde_json::Value>(body).ok())
            .filter(|m| m["method"] == "textDocument/publishDiagnostics")
            .filter_map(|m| m["params"]["version"].as_i64())
            .collect()
    }

    #[test]
    fn a_change_after_a_pause_is_checked_at_once_and_a_burst_once_it_ends() {
        let mut server = Server::new(Vec::new());
        let initialize = Request::new(
            1.into(),
            "initialize".to_owned(),
            json!({"capabilities": {}}),
        );
        server.handle(Message::Request(initialize));
        let open = json!({"textDocument": {"uri": "file:///r.json", "languageId": "json",
            "version": 1, "text": "{\"rules\": []}"}});
        notification(&mut server, "textDocument/didOpen", open);
        assert_eq!(published(&server.out), [1]);

        // The first change after a pause is due at once.
        change(&mut server, 2);
        let after = Instant::now();
        assert!(server.due().is_some_and(|due| due <= after));
        // One that follows it closely starts a burst: due once the burst has been still for
        // `DEBOUNCE`, and every change of the burst moves that on.
        let before = Instant::now();
        change(&mut server, 3);
        change(&mut server, 4);
        let due = server.due().expect("due");
        assert!(due >= before + DEBOUNCE);
        server.publish_due();
        if Instant::now() < due {
            assert_eq!(published(&server.out), [1], "nothing is due yet");
        }

        std::thread::sleep(DEBOUNCE);
        server.publish_due();
        assert_eq!(
            published(&server.out),
            [1, 4],
            "the burst is checked once, at its end"
        );
        assert!(server.due().is_none());
    }
}
