//! `dms-rules explain`: which objects of a catalog the rules select, and which rule decided.

mod human;
mod json;

use std::io::IsTerminal;

use dms_rules::ast::SelectionRule;
use dms_rules::host;
use dms_rules::select::{
    Catalog, CatalogObject, ColumnBuffer, ColumnRenamer, Columns, Renamer, Selector, TargetName,
    Verdict,
};
use dms_rules::{Checked, Diagnostic, Options};

use crate::args::{ExplainArgs, ExplainFormat, Only};
use crate::host::Places;
use crate::input;
use crate::input::{Input, Kind};
use crate::output::{self, Stdout};
use crate::report::{self, FileReport};
use crate::status::Status;

pub fn run(args: &ExplainArgs) -> Status {
    let flags = Options {
        dialect: args.dialect.dialect(),
        source_engine: args.engines.source_engine,
        target_engine: args.engines.target_engine,
        migration_type: args.engines.migration_type,
        ..Options::default()
    };
    let path = (args.rules.as_os_str() != "-").then_some(args.rules.as_path());
    let (options, configured_catalog) =
        match crate::config::settings_for(&args.config, &flags, path) {
            Ok(settings) => settings,
            Err(message) => {
                output::error(message);
                return Status::CannotRun;
            }
        };
    let Some(catalog) = args.catalog.clone().or(configured_catalog) else {
        output::error(
            "`explain` needs a catalog: give `--catalog SOURCE`, or set `catalog` in dms-rules.toml",
        );
        return Status::CannotRun;
    };
    let limit = options.max_input_len;
    let input = match input::read_one(&args.rules, input::STDIN, limit, args.hosts.input) {
        Ok(input) => input,
        Err(message) => {
            output::error(message);
            return Status::CannotRun;
        }
    };
    match input.kind {
        Kind::Rules => explain_rules(args, &input, &options, &catalog),
        Kind::NoRules => {
            output::error(format_args!(
                "`{}` is not a CloudFormation template (it has no top-level `Resources`): \
                 nothing to explain",
                input.name
            ));
            Status::CannotRun
        }
        Kind::SourceCode => {
            output::error(crate::input::source_code_note(&input.name));
            Status::CannotRun
        }
        Kind::Host(format) => explain_host(args, &input, format, &options, &catalog),
    }
}

/// A rules document: its objects, or its errors.
fn explain_rules(args: &ExplainArgs, input: &Input, options: &Options, source: &str) -> Status {
    let mut checked = input.check(options, dms_rules::check);
    if checked.document().is_none() || checked.has_errors() {
        report::human::refuse(
            args.color,
            &FileReport::rules(&input.name, &checked),
            "explain what the rules select",
        );
        return Status::Findings;
    }
    let Some(catalog) = load_catalog(source) else {
        return Status::CannotRun;
    };
    let (explained, unmatched) = explain(&checked, &catalog, args, options);
    checked.add_findings(unmatched);
    let file = FileReport::rules(&input.name, &checked);
    let mut stdout = Stdout::new();
    stdout.write(|out| match args.format {
        ExplainFormat::Human => {
            let style = report::human::style_for(args.color, std::io::stdout().is_terminal());
            human::write(out, &explained, &file, style)
        }
        ExplainFormat::Json => json::write(out, &explained, &file),
    });
    stdout.status(Status::Ok)
}

/// Every mapping of a host file, each under its resource's name. A mapping with errors, or
/// one that is not statically known, is reported and left out; the others are explained.
fn explain_host(
    args: &ExplainArgs,
    input: &Input,
    format: host::Format,
    options: &Options,
    source: &str,
) -> Status {
    let places = Places::new(&args.hosts);
    let scan = host::scan(
        &input.bytes,
        format,
        &places.context(input),
        options.max_input_len,
    );
    let checked: Vec<Option<Checked<'_>>> = scan
        .mappings
        .iter()
        .map(|mapping| dms_rules::check_mapping(mapping, options))
        .collect();
    let mut status = Status::Ok;
    if scan.diagnostics.iter().any(Diagnostic::is_error)
        || checked.iter().flatten().any(Checked::has_errors)
    {
        for file in crate::host::reports(input, &scan, &checked, Vec::new()) {
            report::human::refuse(args.color, &file, "explain what the rules select");
        }
        status = Status::Findings;
    }
    let explainable: Vec<(&host::Mapping, &Checked<'_>)> = scan
        .mappings
        .iter()
        .zip(&checked)
        .filter_map(|(mapping, checked)| Some((mapping, checked.as_ref()?)))
        .filter(|(_, checked)| !checked.has_errors())
        .collect();
    if explainable.is_empty() {
        if status == Status::Ok {
            // What kept each mapping from being read (a file not read, a computed value)
            // says why there is nothing, before the line that says so.
            for file in crate::host::reports(input, &scan, &checked, Vec::new()) {
                report::human::refuse(args.color, &file, "explain what the rules select");
            }
            output::error(format_args!(
                "`{}` holds no DMS mapping that can be read: nothing to explain",
                input.name
            ));
        }
        return Status::Findings;
    }
    let Some(catalog) = load_catalog(source) else {
        return Status::CannotRun;
    };
    let mut sections = Vec::new();
    let mut reports = Vec::new();
    for (mapping, checked) in &explainable {
        let (explained, unmatched) = explain(checked, &catalog, args, options);
        let unmatched = mapping
            .decoded()
            .map(|decoded| decoded.carry(unmatched))
            .unwrap_or_default();
        sections.push(explained);
        reports.push(crate::host::mapping_report(
            input, mapping, checked, unmatched,
        ));
    }
    let mut stdout = Stdout::new();
    stdout.write(|out| {
        let style = report::human::style_for(args.color, std::io::stdout().is_terminal());
        match args.format {
            ExplainFormat::Human => {
                for (i, ((mapping, _), (explained, file))) in explainable
                    .iter()
                    .zip(sections.iter().zip(&reports))
                    .enumerate()
                {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "{} ({})", mapping.resource, mapping.attribute)?;
                    writeln!(out)?;
                    human::write(out, explained, file, style)?;
                }
                Ok(())
            }
            ExplainFormat::Json => {
                let mappings = explainable.iter().map(|(m, _)| *m);
                json::write_host(out, mappings, &sections, &reports)
            }
        }
    });
    stdout.status(status)
}

/// The catalog to explain against; `None` (said on standard error) when it cannot be read.
fn load_catalog(source: &str) -> Option<Catalog> {
    Catalog::open(source).map_err(output::error).ok()
}

/// What the rules of `checked` select from `catalog`, and what the catalog tells about the
/// rules: those that select nothing, and transformations another keeps from acting (in the
/// document's own offsets).
fn explain<'c>(
    checked: &Checked<'_>,
    catalog: &'c Catalog,
    args: &ExplainArgs,
    options: &Options,
) -> (Explained<'c>, Vec<Diagnostic>) {
    let Some(document) = checked.document() else {
        return (Explained::default(), Vec::new());
    };
    let selector = Selector::new(document);
    let explanation = selector.explain(catalog);
    let mut unmatched = selector.rule_matches_nothing(&explanation, catalog);
    unmatched.extend(dms_rules::select::transformation_conflicts(
        document, catalog,
    ));
    unmatched.extend(dms_rules::select::target_findings(
        document,
        &selector,
        &explanation,
        catalog,
        options,
    ));
    let rules: Vec<RuleRef> = selector.rules().map(RuleRef::of).collect();
    let mut targets = match args.target {
        true => Renamer::new(document, catalog.case).targets(catalog, &explanation),
        false => Vec::new(),
    }
    .into_iter();
    // With `--target` and a catalog that lists columns, each selected table's columns too.
    let columns = (args.target && catalog.has_columns())
        .then(|| ColumnRenamer::new(document, catalog).with_source_engine(options.source_engine));
    let mut rows: Vec<Row<'c>> = catalog
        .objects
        .iter()
        .zip(&explanation.verdicts)
        .map(|(object, &verdict)| Row {
            object,
            verdict,
            target: targets.next().flatten(),
            lists_columns: columns.is_some() && verdict.selected && !object.columns.is_empty(),
        })
        .collect();
    rows.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let unmatched_rules: Vec<usize> = explanation.unmatched().collect();
    let selected = explanation.selected_count();
    rows.retain(|row| match args.only {
        None => true,
        Some(Only::Selected) => row.verdict.selected,
        Some(Only::Unselected) => !row.verdict.selected,
    });
    let explained = Explained {
        targets: args.target,
        rows,
        rules,
        selected,
        total: catalog.objects.len(),
        unmatched: unmatched_rules,
        columns,
    };
    (explained, unmatched)
}

/// What one document selects: the objects listed, and the summary.
#[derive(Default)]
struct Explained<'c> {
    /// Whether the rows carry their targets (`--target`).
    targets: bool,
    rows: Vec<Row<'c>>,
    /// The selection rules, by the index the verdicts name them with.
    rules: Vec<RuleRef>,
    selected: usize,
    total: usize,
    /// The rules that selected nothing, by index.
    unmatched: Vec<usize>,
    /// With `--target` and a catalog that lists columns, what names each selected table's
    /// columns as the output is written (into one buffer, table after table).
    columns: Option<ColumnRenamer>,
}

impl Explained<'_> {
    /// The rule that decided a row.
    fn rule(&self, row: &Row<'_>) -> Option<&RuleRef> {
        row.verdict.decided_by.and_then(|i| self.rules.get(i))
    }

    fn unmatched_rules(&self) -> impl Iterator<Item = &RuleRef> {
        self.unmatched.iter().filter_map(|&i| self.rules.get(i))
    }

    /// With `--target`, a selected table's columns on the target, where the catalog lists
    /// them, named into `buffer`.
    fn columns<'b>(
        &'b self,
        row: &'b Row<'_>,
        buffer: &'b mut ColumnBuffer,
    ) -> Option<Columns<'b>> {
        let renamer = self.columns.as_ref().filter(|_| row.lists_columns)?;
        Some(renamer.columns_into(row.object, buffer))
    }
}

/// One object and what the rules made of it.
struct Row<'c> {
    object: &'c CatalogObject,
    verdict: Verdict,
    /// With `--target`, a selected object's target.
    target: Option<TargetName>,
    /// With `--target`, whether the row lists a selected table's columns on the target (the
    /// catalog lists them); [`Explained::columns`] names them.
    lists_columns: bool,
}

impl Row<'_> {
    fn sort_key(&self) -> impl Ord + '_ {
        let o = self.object;
        (&o.server, &o.database, &o.schema, &o.name, o.kind.as_str())
    }
}

/// A rule as the output names it.
struct RuleRef {
    id: Option<String>,
    name: Option<String>,
}

impl RuleRef {
    fn of(rule: &SelectionRule<'_>) -> Self {
        let header = &rule.header;
        RuleRef {
            id: header.rule_id.as_ref().map(|id| id.digits().to_owned()),
            name: header.rule_name.as_ref().map(|n| n.value.to_string()),
        }
    }
}
