//! Why a value cannot be known before Terraform runs, in plain words.

use hcl_edit::expr::Expression;
use hcl_edit::Span as _;

use crate::diagnostic::{Code, Diagnostic, Label, Severity};
use crate::span::Span;

/// The help of every `dms::mapping_not_static` advice.
const HELP: &str = "nothing to fix; to have the rules checked, keep them in a literal: `jsonencode({...})`, a heredoc, or a JSON file read with `file()`";

/// The longest piece of source text quoted in a message.
const MAX_QUOTE: usize = 48;

/// Why `expr`, written in `text`, is computed when Terraform runs.
pub(super) fn why(text: &str, expr: &Expression) -> String {
    match expr {
        Expression::FuncCall(call) => {
            format!(
                "`{}(...)` is computed when Terraform runs",
                call.name.name.as_str()
            )
        }
        Expression::ForExpr(_) => "a `for` expression is computed when Terraform runs".into(),
        Expression::Conditional(_) => {
            "a conditional expression is decided when Terraform runs".into()
        }
        Expression::StringTemplate(_) | Expression::HeredocTemplate(_) => {
            "a `%{...}` directive is decided when Terraform runs".into()
        }
        Expression::Traversal(t) => {
            let quoted = quote(text, expr);
            match &t.expr {
                Expression::Variable(root) if matches!(root.as_str(), "each" | "count") => {
                    format!("{quoted} is set for each instance when Terraform runs")
                }
                Expression::Variable(root) if root.as_str() == "data" => {
                    format!("{quoted} is read when Terraform runs")
                }
                _ => format!("{quoted} is known only when Terraform runs"),
            }
        }
        Expression::Variable(_) => {
            format!("{} is known only when Terraform runs", quote(text, expr))
        }
        Expression::Parenthesis(p) => why(text, p.inner()),
        _ => format!("{} is computed when Terraform runs", quote(text, expr)),
    }
}

/// `expr`'s source text in backticks, cut to its first line and a readable length.
pub(super) fn quote(text: &str, expr: &Expression) -> String {
    let Some(range) = expr.span() else {
        return "this value".into();
    };
    let source = text.get(range).unwrap_or("");
    let line = source.lines().next().unwrap_or("");
    let mut cut: String = line.chars().take(MAX_QUOTE).collect();
    if cut.len() < source.len() {
        cut.push_str("...");
    }
    format!("`{}`", cut.replace('`', "'"))
}

/// The advice that a mapping cannot be checked, labelled on `span`.
pub(super) fn advice(reason: String, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::MappingNotStatic,
        Severity::Advice,
        format!("the rules cannot be checked: {reason}"),
        Label::new(span, "known only when Terraform runs"),
    )
    .with_help(HELP)
}
