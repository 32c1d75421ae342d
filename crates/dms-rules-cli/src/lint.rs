//! `dms-rules lint`: check documents and print the findings in the format asked for.

use dms_rules::ast::Document;
use dms_rules::diagnostic::Applicability;
use dms_rules::host::{self, Scan};
use dms_rules::select::Catalog;
use dms_rules::{Checked, Diagnostic, Options};

use crate::args::{Format, LintArgs};
use crate::fix;
use crate::host::Places;
use crate::input::{self, Input, Kind};
use crate::output::{self, Stdout};
use crate::report::{checkstyle, github, gitlab, human, json, junit, sarif, Counts, FileReport};
use crate::status::Status;

pub fn run(args: &LintArgs) -> Status {
    let options = Options {
        dialect: args.dialect.dialect(),
        operation: args.operation,
        source_engine: args.engines.source_engine,
        target_engine: args.engines.target_engine,
        ..Options::default()
    };
    let stdin_name = args.stdin_filename.as_deref().unwrap_or(input::STDIN);
    let mut inputs = input::read_all(
        &args.files,
        stdin_name,
        options.max_input_len,
        args.hosts.input,
    );
    let places = Places::new(&args.hosts);
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
        written = fix::in_place(&mut inputs, &places, &options, at_least);
    }

    // Files are independent: one that cannot be read is reported and the rest are still checked.
    let mut unreadable = Vec::new();
    let mut readable = Vec::new();
    for input in &inputs {
        match input {
            Ok(input) if input.kind == Kind::NoRules => output::stderr(format_args!(
                "note: `{}` is not a CloudFormation template (it has no top-level `Resources`): \
                 nothing to check\n",
                input.name
            )),
            Ok(input) => readable.push(input),
            Err(message) => {
                output::error(message);
                unreadable.push(message.as_str());
            }
        }
    }
    let catalog = match args.catalog.as_deref().map(Catalog::open).transpose() {
        Ok(catalog) => catalog,
        Err(message) => {
            output::error(message);
            return Status::CannotRun;
        }
    };

    // Host files first give up their mappings; each mapping, like each rules document, is then
    // checked on its own.
    let scans: Vec<Option<Scan>> = readable
        .iter()
        .map(|input| match (input.kind, input.too_large) {
            (Kind::Host(_), Some(len)) => Some(Scan::too_large(len, options.max_input_len)),
            (Kind::Host(format), None) => Some(host::scan(
                &input.bytes,
                format,
                &places.context(input),
                options.max_input_len,
            )),
            (Kind::Rules | Kind::NoRules, _) => None,
        })
        .collect();
    let checked: Vec<Vec<Option<Checked<'_>>>> = readable
        .iter()
        .zip(&scans)
        .map(|(input, scan)| match scan {
            None => vec![Some(check_rules(input, &options, catalog.as_ref()))],
            Some(scan) => scan
                .mappings
                .iter()
                .map(|mapping| check_mapping(mapping, &options, catalog.as_ref()))
                .collect(),
        })
        .collect();
    let mut files: Vec<FileReport<'_>> = readable
        .iter()
        .zip(&scans)
        .zip(&checked)
        .flat_map(|((input, scan), checked)| match scan {
            None => match &checked[..] {
                [Some(checked)] => vec![FileReport::rules(&input.name, checked)],
                _ => Vec::new(),
            },
            Some(scan) => crate::host::reports(input, scan, checked),
        })
        .collect();

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
    let status = if !unreadable.is_empty() || !written {
        Status::CannotRun
    } else if counts.errors > 0 || (args.deny_warnings && counts.warnings > 0) {
        Status::Findings
    } else {
        Status::Ok
    };
    let mut stdout = Stdout::new();
    stdout.write(|out| match args.format {
        Format::Human => human::write(out, &files, human::style(args.color)),
        Format::Json => json::write(out, &files),
        Format::Sarif => sarif::write(out, &files, &unreadable),
        Format::Github => github::write(out, &files),
        Format::Gitlab => gitlab::write(out, &files),
        Format::Junit => junit::write(out, &files),
        Format::Checkstyle => checkstyle::write(out, &files),
    });
    stdout.status(status)
}

/// A rules document checked; with a catalog, also what the catalog tells about the rules
/// ([`catalog_findings`]). Without one, no typed rule is needed after its checks: none is kept.
fn check_rules<'a>(input: &'a Input, options: &Options, catalog: Option<&Catalog>) -> Checked<'a> {
    let Some(catalog) = catalog else {
        return input.check(options, dms_rules::lint);
    };
    let mut checked = input.check(options, dms_rules::check);
    // A document with errors is not worth matching: its rules may not mean what they say.
    if let Some(document) = checked.document().filter(|_| !checked.has_errors()) {
        checked.add_findings(catalog_findings(document, catalog));
    }
    checked
}

/// What only a catalog tells: selection rules that match nothing, and transformations that
/// another one keeps from acting on some of the objects both match.
fn catalog_findings(document: &Document<'_>, catalog: &Catalog) -> Vec<Diagnostic> {
    let mut found = dms_rules::select::unmatched_rules(document, catalog);
    found.extend(dms_rules::select::transformation_conflicts(
        document, catalog,
    ));
    found
}

/// A mapping of a host file checked, as [`check_rules`] checks a document; `None` when it is
/// not statically known.
fn check_mapping<'a>(
    mapping: &'a host::Mapping,
    options: &Options,
    catalog: Option<&Catalog>,
) -> Option<Checked<'a>> {
    let Some(catalog) = catalog else {
        return dms_rules::lint_mapping(mapping, options);
    };
    let mut checked = dms_rules::check_mapping(mapping, options)?;
    if let (Some(document), Some(decoded)) = (
        checked.document().filter(|_| !checked.has_errors()),
        mapping.decoded(),
    ) {
        let found = decoded.carry(catalog_findings(document, catalog));
        checked.add_findings(found);
    }
    Some(checked)
}
