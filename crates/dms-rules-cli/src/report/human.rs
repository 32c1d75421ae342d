//! Reports for people: miette's graphical report per diagnostic, then one summary line.

use std::io::{self, IsTerminal, Write};

use dms_rules::diagnostic::{Renderer, Style};
use dms_rules::{Report, SourceFile};

use super::{Counts, FileReport};
use crate::args::ColorChoice;

/// Text wraps here; wide enough for a source line and its label, narrow enough for a split pane.
const WIDTH: usize = 100;

/// The style for `--color`: colour only on a terminal unless forced, and never when `NO_COLOR`
/// is set (an explicit `--color always` still wins, as no-color.org asks).
pub(crate) fn style(choice: ColorChoice) -> Style {
    style_for(choice, io::stdout().is_terminal())
}

/// The same, for output to a stream that is (or is not) a terminal, such as standard error.
pub(crate) fn style_for(choice: ColorChoice, terminal: bool) -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Style {
        color: use_color(choice, no_color, terminal),
        width: WIDTH,
    }
}

fn use_color(choice: ColorChoice, no_color: bool, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color && terminal,
    }
}

/// Draws every diagnostic of `file` with one renderer, in the order the library gives them,
/// and hands each drawn report to `each`: the one way any command draws its findings.
pub(crate) fn draw(
    file: &FileReport<'_>,
    style: Style,
    mut each: impl FnMut(&str) -> io::Result<()>,
) -> io::Result<()> {
    if file.diagnostics().is_empty() {
        return Ok(());
    }
    let source = SourceFile::new(file.name.as_ref(), file.source);
    let renderer = Renderer::new(style);
    let mut text = String::new();
    for diagnostic in file.diagnostics() {
        text.clear();
        let report = Report {
            diagnostic,
            source: &source,
        };
        renderer.render_into(&mut text, &report);
        each(&text)?;
    }
    Ok(())
}

/// Every file's reports, then the summary. The summary is left out only when files were named
/// and none could be read (each is said on standard error); a run that had nothing to check
/// (an empty folder, YAML that is no template) still says `0 errors, 0 warnings in 0 files`, so
/// a CI log shows that the tool ran.
pub(crate) fn write(
    out: &mut dyn Write,
    files: &[FileReport<'_>],
    style: Style,
    all_read: bool,
) -> io::Result<()> {
    for file in files {
        // A blank line after each report keeps consecutive reports apart.
        draw(file, style, |report| writeln!(out, "{report}"))?;
    }
    let counts = Counts::of(files);
    if counts.files > 0 || all_read {
        writeln!(out, "{}", summary(counts))?;
    }
    Ok(())
}

/// "2 errors, 1 warning in 3 files"; advice is counted only when there is some.
pub(crate) fn summary(counts: Counts) -> String {
    let advice = if counts.advice > 0 {
        format!(", {} advice", counts.advice)
    } else {
        String::new()
    };
    format!(
        "{}, {}{advice} in {}",
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        plural(counts.files, "file")
    )
}

/// "1 file", "3 files".
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Draws a document's findings on standard error: for the commands whose standard output
/// carries something else (`explain`, `fmt`, `diff`).
pub fn to_stderr(color: ColorChoice, file: &FileReport<'_>) {
    let style = style_for(color, io::stderr().is_terminal());
    let _ = draw(file, style, |report| {
        crate::output::stderr(report);
        Ok(())
    });
}

/// Draws a document's findings on standard error and, when it has errors, says that the
/// command leaves it: `` `NAME` has errors: fix them, then {then} ``.
pub fn refuse(color: ColorChoice, file: &FileReport<'_>, then: &str) {
    to_stderr(color, file);
    if file
        .diagnostics()
        .iter()
        .any(dms_rules::Diagnostic::is_error)
    {
        crate::output::error(format_args!(
            "`{}` has errors: fix them, then {then}",
            file.name
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_the_flag_then_no_color_then_the_terminal() {
        assert!(use_color(ColorChoice::Always, true, false));
        assert!(!use_color(ColorChoice::Never, false, true));
        assert!(use_color(ColorChoice::Auto, false, true));
        assert!(!use_color(ColorChoice::Auto, true, true));
        assert!(!use_color(ColorChoice::Auto, false, false));
    }

    #[test]
    fn summary_counts_in_words() {
        let counts = Counts {
            files: 3,
            errors: 2,
            warnings: 1,
            advice: 0,
        };
        assert_eq!(summary(counts), "2 errors, 1 warning in 3 files");
        let counts = Counts {
            files: 1,
            errors: 0,
            warnings: 0,
            advice: 2,
        };
        assert_eq!(summary(counts), "0 errors, 0 warnings, 2 advice in 1 file");
    }
}
