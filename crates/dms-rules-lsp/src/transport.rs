//! Reading messages from standard input on a thread of its own, so that no input can stop the
//! server: a frame whose header or body is not what the protocol says becomes a [`Incoming::Malformed`]
//! and the next frame is read; a frame of any claimed size is read in bounded pieces.

use std::io::{self, BufRead, Read};
use std::sync::mpsc::Sender;

use lsp_server::{Message, RequestId};

/// The largest message read whole: a rules document may be 64 MiB, and its JSON-RPC escaping
/// can double it. A larger body is read and dropped.
const MAX_BODY: usize = 160 * 1024 * 1024;

/// A header line longer than this is not a header.
const MAX_HEADER_LINE: u64 = 8 * 1024;

#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A frame that is not a message; `id` when the body was JSON with a usable request id, so
    /// an error response can be sent.
    Malformed {
        id: Option<RequestId>,
        why: String,
    },
    /// Standard input ended or failed.
    Closed,
}

/// Reads frames from `input` until it ends, sending each on `to`.
pub fn read_all(mut input: impl BufRead, to: &Sender<Incoming>) {
    loop {
        let incoming = match frame(&mut input) {
            Ok(Some(body)) => parse(&body),
            Ok(None) => Incoming::Closed,
            Err(Frame::Io) => Incoming::Closed,
            Err(Frame::Bad(why)) => Incoming::Malformed { id: None, why },
        };
        let closed = matches!(incoming, Incoming::Closed);
        let exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if to.send(incoming).is_err() || closed || exit {
            return;
        }
    }
}

/// A message from a frame's body. A body with a `method` is a request (with an `id`) or a
/// notification, and nothing else: one that does not fit is malformed, not taken for a
/// response.
fn parse(body: &[u8]) -> Incoming {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => {
            return Incoming::Malformed {
                id: None,
                why: format!("the message is not JSON: {e}"),
            }
        }
    };
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
    let parsed = match (value.get("method").is_some(), value.get("id").is_some()) {
        (true, true) => serde_json::from_value(value).map(Message::Request),
        (true, false) => serde_json::from_value(value).map(Message::Notification),
        (false, _) => serde_json::from_value(value).map(Message::Response),
    };
    match parsed {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Malformed {
            id,
            why: format!("not a JSON-RPC message: {e}"),
        },
    }
}

enum Frame {
    /// The input failed or ended inside a frame.
    Io,
    Bad(String),
}

/// The body of the next frame; `None` at the end of the input.
fn frame(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, Frame> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut first = true;
    loop {
        line.clear();
        let read = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)
            .map_err(|_| Frame::Io)?;
        if read == 0 {
            return if first { Ok(None) } else { Err(Frame::Io) };
        }
        first = false;
        if !line.ends_with(b"\n") {
            // An endless line: drop the rest of it.
            skip_line(input).map_err(|_| Frame::Io)?;
            return Err(Frame::Bad("a header line is too long".into()));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length =
                    Some(value.trim().parse::<usize>().map_err(|_| {
                        format!("`Content-Length: {}` is not a length", value.trim())
                    }));
            }
        }
    }
    let length = match length {
        Some(Ok(length)) => length,
        Some(Err(why)) => return Err(Frame::Bad(why)),
        None => return Err(Frame::Bad("a message without `Content-Length`".into())),
    };
    if length > MAX_BODY {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())
            .map_err(|_| Frame::Io)?;
        return Err(Frame::Bad(format!(
            "a message of {length} bytes is larger than {MAX_BODY}"
        )));
    }
    let mut body = Vec::with_capacity(length.min(1 << 20));
    input
        .by_ref()
        .take(length as u64)
        .read_to_end(&mut body)
        .map_err(|_| Frame::Io)?;
    if body.len() < length {
        return Err(Frame::Io);
    }
    Ok(Some(body))
}

fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(at) => {
                input.consume(at + 1);
                return Ok(());
            }
            None => {
                let len = buffer.len();
                input.consume(len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8]) -> Vec<String> {
        let (to, from) = std::sync::mpsc::channel();
        read_all(input, &to);
        from.try_iter()
            .map(|incoming| match incoming {
                Incoming::Message(m) => format!("message {}", serde_json::to_string(&m).unwrap()),
                Incoming::Malformed { id, why } => format!("malformed {id:?}: {why}"),
                Incoming::Closed => "closed".into(),
            })
            .collect()
    }

    #[test]
    fn bad_frames_are_reported_and_reading_goes_on() {
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let bad = r#"{"jsonrpc":"2.0","id":7,"method":5}"#;
        let input = format!(
            "Content-Length: 5\r\n\r\n{{oops\
             Content-Length: x\r\n\r\n\
             Content-Length: {}\r\n\r\n{bad}\
             Content-Length: {}\r\n\r\n{ok}",
            bad.len(),
            ok.len()
        );
        let seen = read(input.as_bytes());
        assert!(
            seen[0].starts_with("malformed None: the message is not JSON"),
            "{seen:?}"
        );
        assert_eq!(
            seen[1],
            "malformed None: `Content-Length: x` is not a length"
        );
        assert!(
            seen[2].starts_with("malformed Some(RequestId(I32(7)))"),
            "{seen:?}"
        );
        assert!(seen[3].starts_with("message "), "{seen:?}");
        assert_eq!(seen[4], "closed");
    }
}
