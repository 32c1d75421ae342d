//! Showing a running import on standard error: a spinner and a bar on a terminal, one plain
//! line per change otherwise (logs, pipes, CI).

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use dms_rules::send::ImportStatus;

const FRAMES: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const BAR_WIDTH: usize = 24;

pub enum Progress {
    /// The latest status, redrawn by a ticker thread so the spinner moves between polls.
    Terminal {
        latest: Arc<Mutex<Option<ImportStatus>>>,
        stop: Arc<AtomicBool>,
        ticker: Option<JoinHandle<()>>,
    },
    Plain {
        last: Option<String>,
    },
}

impl Progress {
    pub fn start() -> Self {
        if !std::io::stderr().is_terminal() {
            return Progress::Plain { last: None };
        }
        let latest = Arc::new(Mutex::new(None));
        let stop = Arc::new(AtomicBool::new(false));
        let ticker = {
            let latest = Arc::clone(&latest);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || tick(&latest, &stop))
        };
        Progress::Terminal {
            latest,
            stop,
            ticker: Some(ticker),
        }
    }

    pub fn update(&mut self, status: &ImportStatus) {
        match self {
            Progress::Terminal { latest, .. } => {
                if let Ok(mut latest) = latest.lock() {
                    *latest = Some(status.clone());
                }
            }
            Progress::Plain { last } => {
                let line = status.to_string();
                if last.as_deref() != Some(line.as_str()) {
                    crate::output::stderr(format_args!("{line}\n"));
                    *last = Some(line);
                }
            }
        }
    }

    /// Stops the spinner and leaves the last status on its own line.
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
                if let Some(status) = latest.as_ref() {
                    let _ = writeln!(stderr, "{status}");
                }
            }
        }
    }
}

fn tick(latest: &Mutex<Option<ImportStatus>>, stop: &AtomicBool) {
    let started = Instant::now();
    let mut frame = 0;
    while !stop.load(Ordering::Relaxed) {
        let line = match latest.lock() {
            Ok(latest) => line(latest.as_ref(), FRAMES[frame % FRAMES.len()], started),
            Err(_) => return,
        };
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r\x1b[2K{line}");
        let _ = stderr.flush();
        drop(stderr);
        frame += 1;
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// "⠹ [##########··············] 42% LOADING_METADATA (IN_PROGRESS, 12 s)"
fn line(status: Option<&ImportStatus>, spinner: char, started: Instant) -> String {
    let elapsed = started.elapsed().as_secs();
    let Some(status) = status else {
        return format!("{spinner} waiting for the import ({elapsed} s)");
    };
    let percent = status.progress_percent.unwrap_or(0.0).clamp(0.0, 100.0);
    // Truncation is intended: a bar cell fills once fully reached.
    let filled = (percent / 100.0 * BAR_WIDTH as f64) as usize;
    format!(
        "{spinner} [{}{}] {percent:>3.0}% {} ({}, {elapsed} s)",
        "#".repeat(filled),
        "·".repeat(BAR_WIDTH - filled),
        status.progress_step.as_deref().unwrap_or(""),
        status.status.as_str(),
    )
}
