//! A small HTTP/1.1 server on 127.0.0.1 that answers like DMS and records what it is sent, so
//! tests can assert on the requests the real SDK makes. It never reaches beyond loopback.
//!
//! It speaks what the SDK's client needs: requests with `Content-Length` bodies, several
//! requests on one kept-alive connection, and `Connection: close`.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long a connection may sit idle, or an unanswered request hang, before the server drops
/// it: bounds every thread even if a test forgets to stop the server.
const IDLE_LIMIT: Duration = Duration::from_secs(30);
/// How often blocked reads wake up to check whether the server was stopped.
const TICK: Duration = Duration::from_millis(50);

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// Names lower-cased, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The operation named by `X-Amz-Target`, such as `StartMetadataModelImport`.
    pub fn operation(&self) -> &str {
        self.header("x-amz-target")
            .and_then(|t| t.strip_prefix("AmazonDMSv20160101."))
            .unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// What to answer.
#[derive(Debug, Clone)]
pub enum Reply {
    Json {
        status: u16,
        body: String,
        close: bool,
    },
    /// Read the request, then never answer.
    Hang,
}

impl Reply {
    pub fn ok(body: serde_json::Value) -> Self {
        Reply::Json {
            status: 200,
            body: body.to_string(),
            close: false,
        }
    }

    /// The same, then `Connection: close`.
    pub fn ok_and_close(body: serde_json::Value) -> Self {
        Reply::Json {
            status: 200,
            body: body.to_string(),
            close: true,
        }
    }

    /// An error as the AWS JSON protocol returns it: HTTP 400, `__type` and `message`.
    pub fn fault(code: &str, message: &str) -> Self {
        Reply::Json {
            status: 400,
            body: serde_json::json!({ "__type": code, "message": message }).to_string(),
            close: false,
        }
    }
}

type Answer = dyn Fn(&Request, usize) -> Reply + Send + Sync;

/// The running server; dropping it stops it.
pub struct LocalDms {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    connections: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl LocalDms {
    /// Starts a server whose answer to the `n`th request (from 0) is `answer(request, n)`.
    pub fn start(answer: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener.local_addr().expect("the bound address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let answer: Arc<Answer> = Arc::new(answer);
        {
            let requests = Arc::clone(&requests);
            let connections = Arc::clone(&connections);
            let stop = Arc::clone(&stop);
            thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    connections.fetch_add(1, Ordering::Relaxed);
                    let requests = Arc::clone(&requests);
                    let stop = Arc::clone(&stop);
                    let answer = Arc::clone(&answer);
                    thread::spawn(move || serve(stream, &requests, &stop, &*answer));
                }
            });
        }
        LocalDms {
            addr,
            requests,
            connections,
            stop,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many connections the client opened.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::Relaxed)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

impl Drop for LocalDms {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

/// Serves one connection: requests in turn until the client closes, a reply closes, or the
/// server stops.
fn serve(
    mut stream: TcpStream,
    requests: &Mutex<Vec<Request>>,
    stop: &AtomicBool,
    answer: &Answer,
) {
    if stream.set_read_timeout(Some(TICK)).is_err() {
        return;
    }
    let mut buffer = Vec::new();
    while let Some(request) = read_request(&mut stream, &mut buffer, stop) {
        let n = {
            let Ok(mut all) = requests.lock() else { return };
            all.push(request.clone());
            all.len() - 1
        };
        match answer(&request, n) {
            Reply::Json {
                status,
                body,
                close,
            } => {
                let head = format!(
                    "HTTP/1.1 {status} {}\r\nContent-Type: application/x-amz-json-1.1\r\n\
                     Content-Length: {}\r\nx-amzn-RequestId: local-{n}\r\n{}\r\n",
                    reason(status),
                    body.len(),
                    if close { "Connection: close\r\n" } else { "" },
                );
                if stream.write_all(head.as_bytes()).is_err()
                    || stream.write_all(body.as_bytes()).is_err()
                    || stream.flush().is_err()
                {
                    return;
                }
                if close {
                    let _ = stream.shutdown(Shutdown::Both);
                    return;
                }
            }
            Reply::Hang => {
                let since = Instant::now();
                while !stop.load(Ordering::Relaxed) && since.elapsed() < IDLE_LIMIT {
                    thread::sleep(TICK);
                }
                return;
            }
        }
    }
}

/// Reads one request; `None` when the connection ends first.
fn read_request(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    stop: &AtomicBool,
) -> Option<Request> {
    let head_end = loop {
        if let Some(at) = find(buffer, b"\r\n\r\n") {
            break at;
        }
        fill(stream, buffer, stop)?;
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let path = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buffer.len() < body_start + length {
        fill(stream, buffer, stop)?;
    }
    let body = buffer[body_start..body_start + length].to_vec();
    buffer.drain(..body_start + length);
    Some(Request {
        method,
        path,
        headers,
        body,
    })
}

/// Appends what the client sent next; `None` on end of stream, error, stop or idleness.
fn fill(stream: &mut TcpStream, buffer: &mut Vec<u8>, stop: &AtomicBool) -> Option<()> {
    let since = Instant::now();
    let mut chunk = [0u8; 8192];
    loop {
        if stop.load(Ordering::Relaxed) || since.elapsed() > IDLE_LIMIT {
            return None;
        }
        match stream.read(&mut chunk) {
            Ok(0) => return None,
            Ok(n) => {
                buffer.extend_from_slice(&chunk[..n]);
                return Some(());
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        _ => "Status",
    }
}
