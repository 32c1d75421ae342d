//! `dms-rules lint`: check documents and print the findings.

use std::io::{IsTerminal, Write};

use dms_rules::diagnostic::{render, Style};
use dms_rules::{Options, Severity, SourceFile};

use crate::args::{ColorChoice, LintArgs};
use crate::input;
use crate::status;

pub fn run(args: &LintArgs) -> u8 {
    let options = Options::default();
    let style = Style {
        color: use_color(args.color),
        width: 100,
    };
    let mut stdout = std::io::stdout().lock();
    let mut counts = Counts::default();
    let mut unreadable = false;

    for input in input::read_all(&args.files) {
        let input = match input {
            Ok(input) => input,
            Err(message) => {
                eprintln!("error: {message}");
                unreadable = true;
                continue;
            }
        };
        counts.files += 1;
        let checked = dms_rules::check(&input.bytes, &options);
        let file = SourceFile::new(&input.name, &input.bytes);
        for report in checked.reports(&file) {
            match report.diagnostic.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Advice => {}
            }
            let _ = write!(stdout, "{}", render(&report, style));
        }
    }
    let _ = writeln!(stdout, "{}", counts.summary());

    if unreadable {
        status::USAGE
    } else if counts.errors > 0 || (args.deny_warnings && counts.warnings > 0) {
        status::FINDINGS
    } else {
        status::OK
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

#[derive(Default)]
struct Counts {
    files: usize,
    errors: usize,
    warnings: usize,
}

impl Counts {
    /// "2 errors, 1 warning in 3 files"
    fn summary(&self) -> String {
        format!(
            "{}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.files, "file")
        )
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
