//! Where the commands print: standard output through [`Stdout`], the one write path, so every
//! command treats a closed pipe and a failed write alike; messages on standard error through
//! [`error`] and [`stderr`].

use std::fmt::Display;
use std::io::{self, Write};
use std::path::Path;

use crate::status::Status;

/// Standard output, written a piece at a time.
///
/// A reader that goes away (`dms-rules lint big.json | head -1`) is the reader's choice, not a
/// failure: writing stops, nothing is said, and the command ends with the status its work
/// gives. Any other write error (a full disk) stops writing too, is said on standard error, and
/// makes the status [`Status::CannotRun`].
pub struct Stdout<W: Write = io::BufWriter<io::StdoutLock<'static>>> {
    out: W,
    state: State,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Open,
    /// The reader went away.
    Closed,
    /// A write failed for another reason, already reported.
    Failed,
}

impl Stdout {
    pub fn new() -> Self {
        // Standard output alone flushes at every line break: a report of many findings would
        // be a write to the pipe per line. [`Stdout::write`] flushes once the piece is written.
        Stdout::over(io::BufWriter::with_capacity(64 * 1024, io::stdout().lock()))
    }
}

impl<W: Write> Stdout<W> {
    fn over(out: W) -> Self {
        Stdout {
            out,
            state: State::Open,
        }
    }

    /// Writes with `write`, then flushes; does nothing once writing has stopped.
    pub fn write(&mut self, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) {
        if self.state != State::Open {
            return;
        }
        match write(&mut self.out).and_then(|()| self.out.flush()) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => self.state = State::Closed,
            Err(e) => {
                error(format_args!("cannot write the output: {e}"));
                self.state = State::Failed;
            }
        }
    }

    /// Whether a write failed for another reason than a closed pipe; the command has nothing
    /// left to do but end with [`Stdout::status`].
    pub fn failed(&self) -> bool {
        self.state == State::Failed
    }

    /// The status to exit with: `status`, the outcome of the command's work, unless a write
    /// failed.
    pub fn status(&self, status: Status) -> Status {
        if self.failed() {
            Status::CannotRun
        } else {
            status
        }
    }
}

/// `error: MESSAGE` on standard error.
pub fn error(message: impl Display) {
    stderr(format_args!("error: {message}\n"));
}

/// `text` on standard error, as it is. A standard error that cannot be written leaves nowhere to
/// say so: the text is dropped (where `eprint!` would panic).
pub fn stderr(text: impl Display) {
    let _ = write!(io::stderr().lock(), "{text}");
}

/// A path as reports show it: relative to the current directory when it is under it.
pub fn shown_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    relative.as_deref().unwrap_or(path).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes `room` bytes, then fails every write with `kind`.
    struct Limited {
        written: Vec<u8>,
        room: usize,
        kind: io::ErrorKind,
    }

    impl Write for Limited {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.written.len() >= self.room {
                return Err(self.kind.into());
            }
            let n = buf.len().min(self.room - self.written.len());
            self.written.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn limited(room: usize, kind: io::ErrorKind) -> Stdout<Limited> {
        Stdout::over(Limited {
            written: Vec::new(),
            room,
            kind,
        })
    }

    #[test]
    fn everything_written_keeps_the_status() {
        let mut out = limited(100, io::ErrorKind::BrokenPipe);
        out.write(|w| writeln!(w, "one"));
        out.write(|w| writeln!(w, "two"));
        assert_eq!(out.out.written, b"one\ntwo\n");
        assert!(!out.failed());
        assert_eq!(out.status(Status::Findings), Status::Findings);
    }

    #[test]
    fn a_closed_pipe_stops_writing_quietly_and_keeps_the_status() {
        let mut out = limited(4, io::ErrorKind::BrokenPipe);
        out.write(|w| writeln!(w, "one two"));
        let mut called = false;
        out.write(|_| {
            called = true;
            Ok(())
        });
        assert!(!called, "wrote after the reader went away");
        assert_eq!(out.out.written, b"one ");
        assert!(!out.failed());
        assert_eq!(out.status(Status::Ok), Status::Ok);
        assert_eq!(out.status(Status::Findings), Status::Findings);
    }
}
