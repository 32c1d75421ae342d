//! Showing a running request or task on standard error: a spinner and a bar on a terminal,
//! one plain line per change otherwise (logs, pipes, CI).

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const FRAMES: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const BAR_WIDTH: usize = 24;

/// One look at what is waited for.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The plain line, such as `IN_PROGRESS LOADING_METADATA 50%`.
    pub line: String,
    /// How far the current step is, for the bar; `None` draws no bar.
    pub percent: Option<f64>,
    /// The step, such as `LOADING_METADATA`.
    pub step: String,
    /// The status, such as `IN_PROGRESS`.
    pub status: String,
}

pub enum Progress {
    /// The latest look, redrawn by a ticker thread so the spinner moves between polls.
    Terminal {
        latest: Arc<Mutex<Option<Shown>>>,
        stop: Arc<AtomicBool>,
        ticker: Option<JoinHandle<()>>,
    },
    Plain {
        last: Option<String>,
    },
}

impl Progress {
    /// `what` names what is waited for in the spinner's first line: `the import`.
    pub fn start(what: String) -> Self {
        if !std::io::stderr().is_terminal() {
            return Progress::Plain { last: None };
        }
        let latest = Arc::new(Mutex::new(None));
        let stop = Arc::new(AtomicBool::new(false));
        let ticker = {
            let latest = Arc::clone(&latest);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || tick(&latest, &stop, &what))
        };
        Progress::Terminal {
            latest,
            stop,
            ticker: Some(ticker),
        }
    }

    pub fn update(&mut self, shown: Shown) {
        match self {
            Progress::Terminal { latest, .. } => {
                if let Ok(mut latest) = latest.lock() {
                    *latest = Some(shown);
                }
            }
            Progress::Plain { last } => {
                if last.as_deref() != Some(shown.line.as_str()) {
                    crate::output::stderr(format_args!("{}\n", shown.line));
                    *last = Some(shown.line);
                }
            }
        }
    }

    /// A line of its own, such as a note that the request is not listed yet.
    pub fn note(&mut self, text: &str) {
        match self {
            Progress::Terminal { latest, .. } => {
                // Holding the lock keeps the ticker from drawing over the note.
                let _guard = latest.lock();
                crate::output::stderr(format_args!("\r\x1b[2K{text}\n"));
            }
            Progress::Plain { .. } => crate::output::stderr(format_args!("{text}\n")),
        }
    }

    /// Stops the spinner and leaves the last look on its own line.
    pub fn finish(&mut self) {
        if let Progress::Terminal {
            latest,
            stop,
            ticker,
        } = self
        {
            stop.store(true, Ordering::Relaxed);
            if let Some(ticker) = ticker.take() {
                let _ = ticker.join();
            }
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\x1b[2K");
            if let Ok(latest) = latest.lock() {
                if let Some(shown) = latest.as_ref() {
                    let _ = writeln!(stderr, "{}", shown.line);
                }
            }
        }
    }
}

fn tick(latest: &Mutex<Option<Shown>>, stop: &AtomicBool, what: &str) {
    let started = Instant::now();
    let mut frame = 0;
    while !stop.load(Ordering::Relaxed) {
        let Ok(latest) = latest.lock() else { return };
        let line = line(latest.as_ref(), FRAMES[frame % FRAMES.len()], started, what);
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r\x1b[2K{line}");
        let _ = stderr.flush();
        drop(stderr);
        drop(latest);
        frame += 1;
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// "⠹ [##########··············] 42% LOADING_METADATA (IN_PROGRESS, 12 s)", or without a
/// bar "⠹ modifying (12 s)"
fn line(shown: Option<&Shown>, spinner: char, started: Instant, what: &str) -> String {
    let elapsed = started.elapsed().as_secs();
    let Some(shown) = shown else {
        return format!("{spinner} waiting for {what} ({elapsed} s)");
    };
    let Some(percent) = shown.percent else {
        return format!("{spinner} {} ({elapsed} s)", shown.status);
    };
    let percent = percent.clamp(0.0, 100.0);
    // Truncation is intended: a bar cell fills once fully reached.
    let filled = (percent / 100.0 * BAR_WIDTH as f64) as usize;
    format!(
        "{spinner} [{}{}] {percent:>3.0}% {} ({}, {elapsed} s)",
        "#".repeat(filled),
        "·".repeat(BAR_WIDTH - filled),
        shown.step,
        shown.status,
    )
}
