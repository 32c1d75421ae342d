//! `dms-rules lint`: check documents and print the findings in the format asked for.

use dms_rules::diagnostic::{Applicability, Code};
use dms_rules::host::{self, Scan};
use dms_rules::select::Catalog;
use dms_rules::{Checked, Diagnostic, Options, Span};
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use crate::args::{Format, LintArgs};
use crate::config::{self, Configs, Loaded};
use crate::fix;
use crate::host::Places;
use crate::input::{self, Input, Kind};
use crate::output::{self, Stdout};
use crate::report::{checkstyle, github, gitlab, human, json, junit, sarif, Counts, FileReport};
use crate::settings::{Applies, Given};
use crate::status::Status;

/// A configuration's suppressions that match a file, and whether each silenced a finding.
type Used = Vec<(usize, bool)>;

pub fn run(args: &LintArgs) -> Status {
    // The flags given; the configuration fills in the rest, file by file.
    let flags = Options {
        dialect: args.dialect.dialect(),
        operation: args.operation,
        source_engine: args.engines.source_engine,
        target_engine: args.engines.target_engine,
        migration_type: args.engines.migration_type,
        ..Options::default()
    };
    let configs = match Configs::new(&args.config) {
        Ok(configs) => configs,
        Err(message) => {
            output::error(message);
            return Status::CannotRun;
        }
    };
    let stdin_name = args.stdin_filename.as_deref().unwrap_or(input::STDIN);
    let mut inputs = input::read_all(
        &args.files,
        stdin_name,
        flags.max_input_len,
        args.hosts.input,
    );
    // Where each input is, as the configuration sees it: standard input is where
    // `--stdin-filename` says.
    let located = |input: &Input| -> Option<PathBuf> {
        input
            .path
            .clone()
            .or_else(|| args.stdin_filename.as_ref().map(PathBuf::from))
    };
    let options_of = |input: &Input| {
        let path = located(input);
        let loaded = configs.of(path.as_deref());
        config::options(&flags, loaded.as_deref(), path.as_deref())
    };
    let places = Places::new(&args.hosts);
    // `--catalog`, else each file's configuration's; each opened once, before fixing, so the
    // catalog's findings' fixes apply too.
    let catalog_source = |input: &Input| {
        args.catalog.clone().or_else(|| {
            let path = located(input);
            configs
                .of(path.as_deref())
                .and_then(|loaded| loaded.config.settings_of(path.as_deref()).catalog)
        })
    };
    let mut catalogs: HashMap<String, Catalog> = HashMap::new();
    for input in inputs.iter().flatten() {
        if matches!(input.kind, Kind::SourceCode | Kind::NoRules) {
            continue;
        }
        if let Some(source) = catalog_source(input) {
            if let std::collections::hash_map::Entry::Vacant(slot) = catalogs.entry(source) {
                match Catalog::open(slot.key()) {
                    Ok(catalog) => {
                        slot.insert(catalog);
                    }
                    Err(message) => {
                        output::error(message);
                        return Status::CannotRun;
                    }
                }
            }
        }
    }
    let catalog_for = |input: &Input| catalog_source(input).and_then(|s| catalogs.get(&s));
    let mut written = true;
    if args.fix {
        if inputs.iter().flatten().any(|i| i.path.is_none()) {
            output::error("`--fix` rewrites files in place: standard input cannot be fixed");
            return Status::CannotRun;
        }
        let at_least = if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let config_of = |input: &Input| {
            let path = located(input);
            (configs.of(path.as_deref()), path)
        };
        let reported = |code: Code| {
            (args.select.is_empty() || args.select.contains(&code)) && !args.ignore.contains(&code)
        };
        written = fix::in_place(
            &mut inputs,
            &places,
            &options_of,
            &catalog_for,
            &config_of,
            &reported,
            at_least,
        );
    }

    // Files are independent: one that cannot be read is reported and the rest are still checked.
    let mut unreadable = Vec::new();
    let mut readable = Vec::new();
    for input in &inputs {
        match input {
            Ok(input) if input.kind == Kind::SourceCode => output::stderr(format_args!(
                "note: {}\n",
                input::source_code_note(&input.name)
            )),
            Ok(input) if input.kind == Kind::NoRules => output::stderr(format_args!(
                "note: `{}` is not a CloudFormation template (it has no top-level `Resources`): \
                 nothing to check\n",
                input.name
            )),
            Ok(input) => readable.push(input),
            Err(message) => {
                output::error(message);
                unreadable.push(message.clone());
            }
        }
    }
    let options: Vec<Options> = readable.iter().map(|input| options_of(input)).collect();
    let catalog_of: Vec<Option<&Catalog>> =
        readable.iter().map(|input| catalog_for(input)).collect();
    let catalog = |i: usize| catalog_of[i];

    // Host files first give up their mappings; each mapping, like each rules document, is then
    // checked on its own.
    let scans: Vec<Option<Scan>> = readable
        .iter()
        .map(|input| match (input.kind, input.too_large) {
            (Kind::Host(_), Some(len)) => Some(Scan::too_large(len, flags.max_input_len)),
            (Kind::Host(format), None) => Some(host::scan(
                &input.bytes,
                format,
                &places.context(input),
                flags.max_input_len,
            )),
            (Kind::Rules | Kind::NoRules | Kind::SourceCode, _) => None,
        })
        .collect();
    // Each mapping is checked with the engines and migration type its own code names, where
    // the command line and the configuration leave them unset.
    let config_names: Vec<Option<String>> = readable
        .iter()
        .map(|input| {
            configs
                .of(located(input).as_deref())
                .map(|l| l.name.clone())
        })
        .collect();
    let mut applies: Vec<Vec<Applies>> = Vec::with_capacity(readable.len());
    let checked: Vec<Vec<Option<Checked<'_>>>> = readable
        .iter()
        .zip(&scans)
        .enumerate()
        .map(|(i, (input, scan))| {
            let given = Given {
                flags: &flags,
                config: config_names[i].as_deref(),
            };
            match scan {
                None => {
                    applies.push(vec![given.rules(&options[i])]);
                    vec![Some(check_rules(input, &options[i], catalog(i)))]
                }
                Some(scan) => {
                    let mut each = Vec::with_capacity(scan.mappings.len());
                    let checked = scan
                        .mappings
                        .iter()
                        .map(|mapping| {
                            let (options, applied) =
                                given.mapping(&options[i], mapping, &input.name, &input.bytes);
                            if let Some(line) = applied.unknown_engines() {
                                output::stderr(format_args!(
                                    "note: `{}`: `{}`: {line}; the checks that depend on it did not run (give `--source-engine` / `--target-engine`)\n",
                                    input.name, mapping.resource
                                ));
                            }
                            each.push(applied);
                            dms_rules::lint_mapping_with_catalog(mapping, &options, catalog(i))
                        })
                        .collect();
                    applies.push(each);
                    checked
                }
            }
        })
        .collect();
    let files: Vec<FileReport<'_>> = readable
        .iter()
        .zip(&scans)
        .zip(&checked)
        .zip(applies)
        .flat_map(|(((input, scan), checked), applies)| match scan {
            None => match &checked[..] {
                [Some(checked)] => {
                    let mut file = FileReport::rules(&input.name, checked);
                    file.documents[0].applies = applies.into_iter().next().unwrap_or_default();
                    // A JSON file that a host file also reads is the same document.
                    file.documents[0].key = input
                        .path
                        .as_deref()
                        .and_then(|p| std::fs::canonicalize(p).ok())
                        .map(|p| (p, Span::new(0, input.bytes.len())));
                    vec![file]
                }
                _ => Vec::new(),
            },
            Some(scan) => crate::host::reports(input, scan, checked, applies),
        })
        .collect();
    let mut files = crate::report::once::merge(files);

    // Levels, suppressions and `--select` / `--ignore`, file by file; and whether each file's
    // warnings fail the run: `--deny-warnings`, else its own configuration's `deny-warnings`
    // (an override's for the files it matches; the top level's for the configuration file).
    let mut used: Vec<(Rc<Loaded>, Used)> = Vec::new();
    let denies = |loaded: Option<&Loaded>, path: Option<&std::path::Path>| {
        args.deny_warnings
            || loaded.is_some_and(|l| l.config.settings_of(path).deny_warnings == Some(true))
    };
    let mut deny: Vec<bool> = Vec::with_capacity(files.len());
    for file in &mut files {
        let path = (file.name != input::STDIN).then(|| PathBuf::from(&*file.name));
        let loaded = configs.of(path.as_deref());
        let settled = file.settle(loaded.as_ref().map(|l| &l.config), path.as_deref());
        deny.push(denies(loaded.as_deref(), path.as_deref()));
        if let Some(loaded) = loaded {
            file.config = Some(loaded.name.clone());
            used.push((loaded, settled));
        }
    }
    for message in configs.errors() {
        output::error(&message);
        unreadable.push(message);
    }
    // Each configuration read is a file of the run too: its problems, and its suppressions that
    // silenced nothing, are findings on its bytes.
    let read = configs.read();
    let (config_reports, config_deny): (Vec<FileReport<'_>>, Vec<bool>) = read
        .iter()
        .map(|loaded| {
            let mut found = loaded.problems.clone();
            found.extend(
                loaded.config.unused_suppressions(
                    used.iter()
                        .filter(|(l, _)| Rc::ptr_eq(l, loaded))
                        .map(|(_, s)| &s[..]),
                ),
            );
            let report = FileReport::config(&loaded.name, loaded.text.as_bytes(), found);
            (report, denies(Some(loaded), None))
        })
        .filter(|(report, _)| !report.diagnostics().is_empty())
        .unzip();
    files.splice(0..0, config_reports);
    deny.splice(0..0, config_deny);
    if !args.select.is_empty() || !args.ignore.is_empty() {
        let reported = |d: &Diagnostic| {
            (args.select.is_empty() || args.select.contains(&d.code))
                && !args.ignore.contains(&d.code)
        };
        for file in &mut files {
            file.retain(reported);
        }
    }
    let counts = Counts::of(&files);
    let denied = files.iter().zip(&deny).any(|(file, &deny)| {
        deny && file
            .diagnostics()
            .iter()
            .any(|d| d.severity == dms_rules::Severity::Warning)
    });
    let status = if !unreadable.is_empty() || !written {
        Status::CannotRun
    } else if counts.errors > 0 || denied {
        Status::Findings
    } else {
        Status::Ok
    };
    let unreadable: Vec<&str> = unreadable.iter().map(String::as_str).collect();
    let mut stdout = Stdout::new();
    stdout.write(|out| match args.format {
        Format::Human => human::write(out, &files, human::style(args.color), unreadable.is_empty()),
        Format::Json => json::write(out, &files),
        Format::Sarif => sarif::write(out, &files, &unreadable),
        Format::Github => github::write(out, &files),
        Format::Gitlab => gitlab::write(out, &files),
        Format::Junit => junit::write(out, &files),
        Format::Checkstyle => checkstyle::write(out, &files),
    });
    stdout.status(status)
}

/// A rules document checked as [`dms_rules::lint_with_catalog`] checks it; one over the size
/// limit is refused from its size, unread.
fn check_rules<'a>(input: &'a Input, options: &Options, catalog: Option<&Catalog>) -> Checked<'a> {
    match input.too_large {
        Some(_) => input.check(options, dms_rules::lint),
        None => dms_rules::lint_with_catalog(&input.bytes, options, catalog),
    }
}
