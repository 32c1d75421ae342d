//! `dms-rules explain`: which objects of a catalog the rules select, and which rule decided.

mod human;
mod json;

use std::io::IsTerminal;

use dms_rules::ast::SelectionRule;
use dms_rules::diagnostic::Renderer;
use dms_rules::select::{CatalogObject, Selector, Verdict};
use dms_rules::span::LineIndex;
use dms_rules::{Diagnostic, Options, SourceFile};

use crate::args::{ExplainArgs, ExplainFormat, Only};
use crate::output::{self, Stdout};
use crate::report::FileReport;
use crate::status::Status;
use crate::{catalog, input, report};

pub fn run(args: &ExplainArgs) -> Status {
    let options = Options {
        dialect: args.dialect.dialect(),
        ..Options::default()
    };
    let limit = options.max_input_len;
    let input = match input::read_one(&args.rules, input::STDIN, limit) {
        Ok(input) => input,
        Err(message) => {
            output::error(message);
            return Status::CannotRun;
        }
    };
    let checked = input.check(&options, dms_rules::check);
    let file = SourceFile::new(&input.name, &input.bytes);
    let document = match checked.document() {
        Some(document) if !checked.has_errors() => document,
        _ => {
            // What the rules select is only worth telling once they mean what they say.
            let style = report::human::style_for(args.color, std::io::stderr().is_terminal());
            let renderer = Renderer::new(style);
            for report in checked.reports(&file) {
                output::stderr(renderer.render(&report));
            }
            output::error(format_args!(
                "`{}` has errors: fix them, then explain what the rules select",
                input.name
            ));
            return Status::Findings;
        }
    };
    let catalog = match catalog::load(&args.catalog) {
        Ok(catalog) => catalog,
        Err(message) => {
            output::error(message);
            return Status::CannotRun;
        }
    };

    let selector = Selector::new(document);
    let explanation = selector.explain(&catalog);
    let mut diagnostics: Vec<Diagnostic> = checked.diagnostics().to_vec();
    diagnostics.extend(selector.rule_matches_nothing(&explanation, &catalog));
    diagnostics.sort_by_key(|d| (d.primary.span.start, d.primary.span.end));

    let mut rows: Vec<Row<'_>> = catalog
        .objects
        .iter()
        .zip(&explanation.verdicts)
        .map(|(object, &verdict)| Row {
            object,
            verdict,
            rule: verdict
                .decided_by
                .and_then(|i| selector.rule(i))
                .map(RuleRef::of),
        })
        .collect();
    rows.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let summary = Summary {
        selected: explanation.selected_count(),
        total: catalog.objects.len(),
        unmatched: explanation
            .unmatched()
            .filter_map(|i| selector.rule(i))
            .map(RuleRef::of)
            .collect(),
    };
    rows.retain(|row| match args.only {
        None => true,
        Some(Only::Selected) => row.verdict.selected,
        Some(Only::Unselected) => !row.verdict.selected,
    });

    let mut stdout = Stdout::new();
    stdout.write(|out| match args.format {
        ExplainFormat::Human => {
            let style = report::human::style_for(args.color, std::io::stdout().is_terminal());
            human::write(out, &rows, &summary, &diagnostics, &file, style)
        }
        ExplainFormat::Json => {
            let lines = LineIndex::new(checked.source());
            let file = FileReport {
                name: &input.name,
                checked: &checked,
                lines: &lines,
            };
            json::write(out, &rows, &diagnostics, &file)
        }
    });
    stdout.status(Status::Ok)
}

/// One object and what the rules made of it.
struct Row<'c> {
    object: &'c CatalogObject,
    verdict: Verdict,
    rule: Option<RuleRef<'c>>,
}

impl Row<'_> {
    fn sort_key(&self) -> impl Ord + '_ {
        let o = self.object;
        (&o.server, &o.database, &o.schema, &o.name, o.kind.as_str())
    }
}

/// A rule as the output names it.
#[derive(Clone, Copy)]
struct RuleRef<'d> {
    id: Option<&'d str>,
    name: Option<&'d str>,
}

impl<'d> RuleRef<'d> {
    fn of(rule: &'d SelectionRule<'_>) -> Self {
        let header = &rule.header;
        RuleRef {
            id: header.rule_id.as_ref().map(|id| id.digits()),
            name: header.rule_name.as_ref().map(|n| n.value.as_ref()),
        }
    }
}

struct Summary<'d> {
    selected: usize,
    total: usize,
    unmatched: Vec<RuleRef<'d>>,
}
