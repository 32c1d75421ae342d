//! `dms-rules explain`: which objects of a catalog the rules select, and which rule decided.

mod human;
mod json;

use std::io::IsTerminal;

use dms_rules::ast::SelectionRule;
use dms_rules::select::{CatalogObject, Selector, Verdict};
use dms_rules::Options;

use crate::args::{ExplainArgs, ExplainFormat, Only};
use crate::output::{self, Stdout};
use crate::report::{self, FileReport};
use crate::status::Status;
use crate::{catalog, input};

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
    let mut checked = input.check(&options, dms_rules::check);
    let document = match checked.document() {
        Some(document) if !checked.has_errors() => document,
        _ => {
            // What the rules select is only worth telling once they mean what they say.
            let lines = FileReport::line_index(&checked);
            let file = FileReport {
                name: &input.name,
                checked: &checked,
                lines: &lines,
            };
            let style = report::human::style_for(args.color, std::io::stderr().is_terminal());
            let _ = report::human::draw(&file, style, |report| {
                output::stderr(report);
                Ok(())
            });
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

    // The rules are named by value, so the document can be let go of and the findings about
    // the catalog join the others, in the library's order.
    let (explanation, rules, unmatched) = {
        let selector = Selector::new(document);
        let explanation = selector.explain(&catalog);
        let unmatched = selector.rule_matches_nothing(&explanation, &catalog);
        let rules: Vec<RuleRef> = selector.rules().map(RuleRef::of).collect();
        (explanation, rules, unmatched)
    };
    checked.add_findings(unmatched);

    let mut rows: Vec<Row<'_>> = catalog
        .objects
        .iter()
        .zip(&explanation.verdicts)
        .map(|(object, &verdict)| Row {
            object,
            verdict,
            rule: verdict.decided_by.and_then(|i| rules.get(i)),
        })
        .collect();
    rows.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let summary = Summary {
        selected: explanation.selected_count(),
        total: catalog.objects.len(),
        unmatched: explanation
            .unmatched()
            .filter_map(|i| rules.get(i))
            .collect(),
    };
    rows.retain(|row| match args.only {
        None => true,
        Some(Only::Selected) => row.verdict.selected,
        Some(Only::Unselected) => !row.verdict.selected,
    });

    let lines = FileReport::line_index(&checked);
    let file = FileReport {
        name: &input.name,
        checked: &checked,
        lines: &lines,
    };
    let mut stdout = Stdout::new();
    stdout.write(|out| match args.format {
        ExplainFormat::Human => {
            let style = report::human::style_for(args.color, std::io::stdout().is_terminal());
            human::write(out, &rows, &summary, &file, style)
        }
        ExplainFormat::Json => json::write(out, &rows, &file),
    });
    stdout.status(Status::Ok)
}

/// One object and what the rules made of it.
struct Row<'c> {
    object: &'c CatalogObject,
    verdict: Verdict,
    rule: Option<&'c RuleRef>,
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

struct Summary<'r> {
    selected: usize,
    total: usize,
    unmatched: Vec<&'r RuleRef>,
}
