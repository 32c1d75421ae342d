//! The forms a `table_mappings` value takes, each turned into the document DMS would receive:
//! `jsonencode(...)`, a quoted string, a heredoc, `file()`, `templatefile()`, and `local.x` or
//! `var.x` leading to one of those.

use std::path::{Path, PathBuf};

use hcl_edit::expr::{Expression, FuncCall};
use hcl_edit::Span as _;

use super::module::{reference, Reference, Target};
use super::reading::{Place, Reading};
use super::template::{self, Element, Piece, Style};
use super::{jsonencode, not_static, parse};
use crate::diagnostic::{Code, Diagnostic, Label, Severity};
use crate::host::decoded::{Builder, Decoded, OffsetMap};
use crate::host::Document;
use crate::span::Span;

/// How many references and wrappers one mapping may go through (a reference cycle stops here).
const MAX_STEPS: usize = 32;

/// The reading stopped at a value that cannot be known; the advice saying why is reported.
#[derive(Debug)]
struct Stopped;

/// Where following references ends: a value, or the template of a `template_file` data
/// source (with the reference that named it).
enum Landed<'m> {
    Value(&'m Expression, Place<'m>),
    Template(&'m Expression, Place<'m>, &'m Expression),
}

impl<'m> Reading<'m> {
    /// The document of the mapping whose value is `expr`, written at `place`.
    pub(super) fn document(&mut self, expr: &'m Expression, place: Place<'m>) -> Document {
        let (expr, place) = match self.follow_to(expr, place) {
            Ok(Landed::Value(expr, place)) => (expr, place),
            Ok(Landed::Template(template, place, _)) => return self.rendered(template, place),
            Err(Stopped) => return Document::NotStatic,
        };
        let span = span_of(expr);
        match expr {
            Expression::FuncCall(call) => self.call(expr, call, span, place),
            Expression::String(_)
            | Expression::StringTemplate(_)
            | Expression::HeredocTemplate(_) => self.string(expr, span, place),
            Expression::Object(_)
            | Expression::Array(_)
            | Expression::Number(_)
            | Expression::Bool(_)
            | Expression::Null(_) => self.wrong_type(expr, span, place),
            _ => self.not_static(not_static::why(&place.source.text, expr), span, place),
        }
    }

    /// Follows `local.x` and `var.x` (and parentheses) to the value they name.
    fn follow(
        &mut self,
        expr: &'m Expression,
        place: Place<'m>,
    ) -> Result<(&'m Expression, Place<'m>), Stopped> {
        match self.follow_to(expr, place)? {
            Landed::Value(expr, place) => Ok((expr, place)),
            // Inside a value, a rendered template is text computed when Terraform runs.
            Landed::Template(_, _, reference) => {
                let reason = format!(
                    "{} is rendered when Terraform runs",
                    not_static::quote(&place.source.text, reference)
                );
                self.not_static(reason, span_of(reference), place);
                Err(Stopped)
            }
        }
    }

    /// Follows references to the value they name, or to a `template_file`'s template.
    fn follow_to(
        &mut self,
        mut expr: &'m Expression,
        mut place: Place<'m>,
    ) -> Result<Landed<'m>, Stopped> {
        loop {
            if let Expression::Parenthesis(p) = expr {
                expr = p.inner();
                continue;
            }
            let Some(r) = reference(expr) else {
                return Ok(Landed::Value(expr, place));
            };
            self.steps += 1;
            if self.steps > MAX_STEPS {
                let reason =
                    format!("its references go round in a circle or more than {MAX_STEPS} deep");
                self.not_static(reason, span_of(expr), place);
                return Err(Stopped);
            }
            let span = span_of(expr);
            let via = place
                .via
                .or_else(|| self.module.is_host(place.source).then_some(span));
            match self.module.lookup(r) {
                Target::Found {
                    expr: found,
                    source,
                } => {
                    self.landed.push(found);
                    place = Place { source, via };
                    expr = found;
                }
                Target::Template {
                    expr: template,
                    source,
                } => return Ok(Landed::Template(template, Place { source, via }, expr)),
                Target::Missing(reason) => {
                    self.not_static(reason, span, place);
                    return Err(Stopped);
                }
            }
        }
    }

    /// The text a `template_file` data source renders from its `template`: a file read as
    /// `templatefile` reads it, or a template written inline, whose `$${...}` sequences are
    /// the data source's own interpolations of its `vars`, unknown here.
    fn rendered(&mut self, template: &'m Expression, place: Place<'m>) -> Document {
        let mut template = template;
        loop {
            template = match template {
                Expression::Parenthesis(p) => p.inner(),
                // Terraform 0.11's `"${file("...")}"`.
                _ => match template::of_expression(&place.source.text, template)
                    .and_then(|(e, _)| lone_interpolation(&place.source.text, &e))
                {
                    Some(inner) => inner,
                    None => break,
                },
            };
        }
        let span = span_of(template);
        match template {
            Expression::FuncCall(call)
                if call.name.namespace.is_empty()
                    && call.name.name.as_str() == "file"
                    && call.args.len() == 1 =>
            {
                let path = call.args.iter().next().expect("one argument");
                self.file(path, span, place, true)
            }
            Expression::String(_)
            | Expression::StringTemplate(_)
            | Expression::HeredocTemplate(_) => {
                let text = &place.source.text;
                let Some((elements, style)) = template::of_expression(text, template) else {
                    return self.not_static(not_static::why(text, template), span, place);
                };
                let pieces = template::pieces(text, &elements, style);
                let pieces = template::rendered_interpolations(text, &pieces);
                self.template_text(text, &pieces, span, place, None)
            }
            _ => {
                let reason = not_static::why(&place.source.text, template);
                self.not_static(reason, span, place)
            }
        }
    }

    fn call(
        &mut self,
        expr: &'m Expression,
        call: &'m FuncCall,
        span: Span,
        place: Place<'m>,
    ) -> Document {
        let args: Vec<&'m Expression> = call.args.iter().collect();
        match (
            call.name.name.as_str(),
            args.as_slice(),
            call.name.namespace.is_empty(),
        ) {
            ("jsonencode", [value], true) => self.jsonencode(value, place),
            ("file", [path], true) => self.file(path, span, place, false),
            ("templatefile", [path, _], true) => self.file(path, span, place, true),
            // The JSON is the same with or without surrounding whitespace.
            ("trimspace", [inner], true) => {
                self.steps += 1;
                self.document(inner, place)
            }
            _ => {
                let reason = not_static::why(&place.source.text, expr);
                self.not_static(reason, span, place)
            }
        }
    }

    fn jsonencode(&mut self, value: &'m Expression, place: Place<'m>) -> Document {
        let (value, place) = match self.follow(value, place) {
            Ok(found) => found,
            Err(Stopped) => return Document::NotStatic,
        };
        let text = &place.source.text;
        if !jsonencode::is_literal(value) {
            return self.not_static(not_static::why(text, value), span_of(value), place);
        }
        if let Expression::Object(object) = value {
            if let Some(rules) = jsonencode::rules(text, object) {
                let (rules, at) = match self.follow(rules, place) {
                    Ok(found) => found,
                    Err(Stopped) => return Document::NotStatic,
                };
                if !jsonencode::is_literal(rules) {
                    return self.not_static(
                        not_static::why(&at.source.text, rules),
                        span_of(rules),
                        at,
                    );
                }
                if !std::ptr::eq(at.source, place.source) {
                    let reason = format!(
                        "`rules` is written in `{}`, apart from the rest of the document",
                        self.shown(at.source.path.as_deref().unwrap_or(Path::new("")))
                    );
                    return self.not_static(reason, span_of(rules), at);
                }
            }
        }
        let decoded = jsonencode::encode(self, value, place);
        self.found(place, decoded)
    }

    /// A quoted string or heredoc that is the document itself.
    fn string(&mut self, expr: &'m Expression, span: Span, place: Place<'m>) -> Document {
        let text = &place.source.text;
        let Some((elements, style)) = template::of_expression(text, expr) else {
            return self.not_static(not_static::why(text, expr), span, place);
        };
        // A template that is one interpolation, whitespace aside, is that value's text.
        if let Some(inner) = lone_interpolation(text, &elements) {
            self.steps += 1;
            return self.document(inner, place);
        }
        let pieces = template::pieces(text, &elements, style);
        self.template_text(text, &pieces, span, place, None)
    }

    /// The decoded text of a template's pieces; a directive makes it not static.
    fn template_text(
        &mut self,
        text: &str,
        pieces: &[Piece],
        whole: Span,
        place: Place<'m>,
        file: Option<(&Path, &str, Span)>,
    ) -> Document {
        if let Some(Piece::Directive(at)) = pieces.iter().find(|p| matches!(p, Piece::Directive(_)))
        {
            return match file {
                Some((path, _, call)) => {
                    let reason = format!(
                        "`{}` holds a `%{{...}}` directive, decided when Terraform runs",
                        self.shown(path)
                    );
                    self.not_static(reason, call, place)
                }
                None => {
                    let reason = "a `%{...}` directive is decided when Terraform runs".to_owned();
                    self.not_static(reason, *at, place)
                }
            };
        }
        let mut builder = Builder::new(whole);
        for piece in pieces {
            match *piece {
                Piece::Verbatim(span) => builder.verbatim(&text[span.range()], span.start),
                Piece::Escaped(c, span) => builder.decoded(c.encode_utf8(&mut [0; 4]), span),
                Piece::Interpolation(span) | Piece::Directive(span) => builder.unknown(span),
            }
        }
        let decoded = builder.finish();
        match file {
            Some((path, source, _)) => Document::Elsewhere {
                path: path.to_path_buf(),
                source: source.to_owned(),
                decoded,
            },
            None => self.found(place, decoded),
        }
    }

    /// `file(path)` or `templatefile(path, vars)`.
    fn file(
        &mut self,
        argument: &'m Expression,
        call: Span,
        place: Place<'m>,
        template: bool,
    ) -> Document {
        let at = span_of(argument);
        let path = match self.path(argument, place) {
            Ok(path) => path,
            Err(PathError::NotStatic(reason, span)) => return self.not_static(reason, span, place),
            Err(PathError::NoBase(reason)) => {
                let diagnostic = not_read(
                    &format!("`{}`", quote(&place.source.text, at)),
                    &reason,
                    at,
                    None,
                );
                self.report(&place, diagnostic);
                return Document::NotStatic;
            }
        };
        let text = match self.module.disk.read(&path) {
            Ok(text) => text,
            Err(why) => {
                let diagnostic = not_read(
                    &format!("`{}`", self.shown(&path)),
                    &why.reason(),
                    at,
                    Some(why.help()),
                );
                self.report(&place, diagnostic);
                return Document::NotStatic;
            }
        };
        if !template {
            let decoded = Decoded {
                map: OffsetMap::identity(0, text.len()),
                text: text.clone(),
                unknown: Vec::new(),
            };
            return Document::Elsewhere {
                path,
                source: text,
                decoded,
            };
        }
        let parsed = match parse::template(&text) {
            Ok(parsed) => parsed,
            Err(problem) => {
                let diagnostic = Diagnostic::error(
                    Code::HclSyntax,
                    format!("`{}` is not a valid template: {problem}", self.shown(&path)),
                    Label::new(at, "this template"),
                )
                .with_help("fix the template: Terraform refuses to render it");
                self.report(&place, diagnostic);
                return Document::NotStatic;
            }
        };
        let elements = template::elements(&parsed);
        let has_interpolation = elements
            .iter()
            .any(|e| matches!(e, Element::Interpolation { .. }));
        let only_space = elements
            .iter()
            .all(|e| !matches!(e, Element::Literal(s) if !text[s.range()].trim().is_empty()));
        if has_interpolation && only_space {
            let reason = format!(
                "`{}` is one `${{...}}` expression, computed when Terraform runs",
                self.shown(&path)
            );
            return self.not_static(reason, call, place);
        }
        let pieces = template::pieces(&text, &elements, Style::File);
        self.template_text(
            &text,
            &pieces,
            Span::new(0, text.len()),
            place,
            Some((&path, &text, call)),
        )
    }

    /// The file a path argument names.
    fn path(&mut self, argument: &'m Expression, place: Place<'m>) -> Result<PathBuf, PathError> {
        let (written, based) = self.path_text(argument, place)?;
        let path = PathBuf::from(&written);
        let path = if based || path.is_absolute() {
            path
        } else {
            let dir = self.module.root_module_dir().ok_or_else(|| {
                PathError::NoBase(
                    "a relative path needs the folder of the Terraform file, which was not given"
                        .into(),
                )
            })?;
            dir.join(path)
        };
        Ok(super::files::normalize(&path))
    }

    /// A path argument's text, and whether it starts from a `path.*` folder.
    fn path_text(
        &mut self,
        expr: &'m Expression,
        place: Place<'m>,
    ) -> Result<(String, bool), PathError> {
        let text = &place.source.text;
        let computed =
            |expr: &Expression| PathError::NotStatic(not_static::why(text, expr), span_of(expr));
        if let Some(r) = reference(expr) {
            // Each reference counts, so a path built from itself twice cannot double its work.
            self.steps += 1;
            return match self.module.lookup(r) {
                Target::Found {
                    expr: found,
                    source,
                } if self.steps <= MAX_STEPS => {
                    let inner = Place {
                        source,
                        via: place.via,
                    };
                    // Whatever stops the path there is reported here, at the reference.
                    self.path_text(found, inner)
                        .map_err(|_| missing(r, span_of(expr)))
                }
                _ => Err(missing(r, span_of(expr))),
            };
        }
        let Some((elements, _)) = template::of_expression(text, expr) else {
            return Err(computed(expr));
        };
        let mut out = String::new();
        let mut based = false;
        for (i, element) in elements.iter().enumerate() {
            match *element {
                Element::Literal(span) => {
                    let pieces = template::pieces(text, &[Element::Literal(span)], Style::Quoted);
                    out.push_str(&template::known_text(text, &pieces).unwrap_or_default());
                }
                Element::Interpolation { expr: inner, .. } => {
                    let folder = match path_folder(inner) {
                        Some("module") => place.source.dir().map(Path::to_path_buf),
                        Some(_) => self.module.root_module_dir(),
                        None => {
                            let (part, part_based) = self.path_text(inner, place)?;
                            based |= i == 0 && part_based;
                            out.push_str(&part);
                            continue;
                        }
                    };
                    let folder = folder.ok_or_else(|| {
                        PathError::NoBase(format!(
                            "{} is not known: the Terraform text was given without its path",
                            not_static::quote(text, inner)
                        ))
                    })?;
                    based |= i == 0;
                    out.push_str(&folder.to_string_lossy());
                }
                Element::Directive(span) => {
                    return Err(PathError::NotStatic(
                        "a `%{...}` directive in the path is decided when Terraform runs".into(),
                        span,
                    ))
                }
            }
        }
        Ok((out, based))
    }

    fn wrong_type(&mut self, expr: &'m Expression, span: Span, place: Place<'m>) -> Document {
        let (what, help) = match expr {
            Expression::Object(_) => ("an object", "wrap it in `jsonencode(...)`"),
            Expression::Array(_) => ("a list", "wrap it in `jsonencode({ rules = [...] })`"),
            Expression::Null(_) => ("`null`", "set it to the rules document"),
            _ => ("not a document", "write the rules as a JSON document"),
        };
        let diagnostic = Diagnostic::error(
            Code::WrongType,
            format!("`table_mappings` takes a JSON document as a string, not {what}"),
            Label::new(span, format!("{what}, not a JSON string")),
        )
        .with_help(help);
        self.report(&place, diagnostic);
        Document::NotStatic
    }

    fn not_static(&mut self, reason: String, span: Span, place: Place<'m>) -> Document {
        self.report(&place, not_static::advice(reason, span));
        Document::NotStatic
    }

    /// `path` as messages show it: from the host file's folder when it lies inside it.
    fn found(&self, place: Place<'m>, decoded: Decoded) -> Document {
        if self.module.is_host(place.source) {
            Document::Inline(decoded)
        } else {
            Document::Elsewhere {
                path: place.source.path.clone().unwrap_or_default(),
                source: place.source.text.to_string(),
                decoded,
            }
        }
    }
}

#[derive(Debug)]
enum PathError {
    NotStatic(String, Span),
    /// A relative path or `path.module` with no folder to start from.
    NoBase(String),
}

fn missing(reference: Reference<'_>, span: Span) -> PathError {
    PathError::NotStatic(
        format!(
            "the path depends on `{}`, which is not a literal string of this folder",
            reference.name()
        ),
        span,
    )
}

/// `module`, `root` or `cwd` when `expr` is `path.module`, `path.root` or `path.cwd`.
fn path_folder(expr: &Expression) -> Option<&str> {
    let Expression::Traversal(t) = expr else {
        return None;
    };
    let (Expression::Variable(root), [op]) = (&t.expr, t.operators.as_slice()) else {
        return None;
    };
    let hcl_edit::expr::TraversalOperator::GetAttr(name) = op.value() else {
        return None;
    };
    (root.as_str() == "path" && matches!(name.as_str(), "module" | "root" | "cwd"))
        .then(|| name.as_str())
}

/// The expression of a template that is one interpolation and whitespace.
fn lone_interpolation<'e>(text: &str, elements: &[Element<'e>]) -> Option<&'e Expression> {
    let mut found = None;
    for element in elements {
        match *element {
            Element::Interpolation { expr, .. } if found.is_none() => found = Some(expr),
            Element::Literal(span) if text[span.range()].trim().is_empty() => {}
            _ => return None,
        }
    }
    found
}

fn not_read(what: &str, reason: &str, at: Span, help: Option<&str>) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::FileNotRead,
        Severity::Warning,
        format!("{what} was not read: {reason}"),
        Label::new(at, format!("not read: {reason}")),
    );
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic.with_help("give the Terraform file's path so its folder is known"),
    }
}

fn quote(text: &str, span: Span) -> &str {
    text.get(span.range())
        .unwrap_or("")
        .lines()
        .next()
        .unwrap_or("")
}

fn span_of(expr: &Expression) -> Span {
    template::span_of(expr.span()).unwrap_or_default()
}
