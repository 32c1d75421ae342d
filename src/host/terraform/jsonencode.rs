//! `jsonencode({...})`: the JSON text Terraform produces from an HCL value, written with the
//! HCL bytes it comes from.
//!
//! Terraform sorts an object's keys, writes no spaces, renders numbers by value and escapes
//! `<`, `>`, `&`, U+2028 and U+2029 as `\u003c` and so on. A key written twice keeps only its
//! last value. Each JSON token maps to the HCL token it comes from: a bare key's quotes are
//! empty spans at its edges, so the key with its quotes maps to the key as written; a `:` maps
//! to the `=` or `:`; a `,` to the end of the value before it.

use std::borrow::Cow;
use std::collections::HashMap;

use hcl_edit::expr::{Expression, Object, ObjectKey, UnaryOperator};
use hcl_edit::Span as _;

use super::module::{reference, Target};
use super::number;
use super::reading::{Place, Reading};
use super::template::{self, Piece};
use crate::diagnostic::{Code, Diagnostic, Label};
use crate::host::decoded::{json_escape, json_escaped, Builder, Decoded};
use crate::span::Span;

/// How many references (`local.x` inside the literal) one value may go through, one inside the
/// other; and how many one document may follow in all, so that a local written with itself
/// twice inside cannot double the text at each level.
const MAX_REFERENCE_DEPTH: usize = 16;
const MAX_REFERENCES: usize = 256;

/// True when `expr` is written as a value (possibly with unknown parts), not computed whole.
pub(super) fn is_literal(expr: &Expression) -> bool {
    match expr {
        Expression::Null(_)
        | Expression::Bool(_)
        | Expression::Number(_)
        | Expression::String(_)
        | Expression::StringTemplate(_)
        | Expression::HeredocTemplate(_)
        | Expression::Array(_)
        | Expression::Object(_) => true,
        Expression::Parenthesis(p) => is_literal(p.inner()),
        Expression::UnaryOp(op) => match op.operator.value() {
            UnaryOperator::Neg => matches!(op.expr, Expression::Number(_)),
            UnaryOperator::Not => matches!(op.expr, Expression::Bool(_)),
        },
        _ => false,
    }
}

/// An object key as Terraform reads it, and the bytes it is written with.
#[derive(Debug)]
pub(super) struct Key<'t> {
    pub text: Cow<'t, str>,
    pub span: Span,
    quoted: bool,
}

/// The key `key` of an object written in `text`, or `None` when it is computed.
pub(super) fn key<'t>(text: &'t str, key: &ObjectKey) -> Option<Key<'t>> {
    let (span, expr) = match key {
        ObjectKey::Ident(ident) => (template::span_of(ident.span())?, None),
        ObjectKey::Expression(expr) => (template::span_of(expr.span())?, Some(expr)),
    };
    let written = text.get(span.range())?;
    // Read from the bytes, not from the parsed key: a repeated key was renamed for the parser.
    if written.starts_with('"') {
        if !matches!(expr, None | Some(Expression::String(_))) {
            return None;
        }
        let inner = &written[1..written.len() - 1];
        // Most keys hold no escape: the text between the quotes is the key.
        let text = if inner.contains(['\\', '$', '%']) {
            let inner = Span::new(span.start + 1, span.end - 1);
            let pieces = template::pieces(
                text,
                &[template::Element::Literal(inner)],
                template::Style::Quoted,
            );
            Cow::Owned(template::known_text(text, &pieces)?)
        } else {
            Cow::Borrowed(inner)
        };
        return Some(Key {
            text,
            span,
            quoted: true,
        });
    }
    let text = match expr {
        None | Some(Expression::Null(_) | Expression::Bool(_)) => Cow::Borrowed(written),
        Some(Expression::Number(_)) => Cow::Owned(number::render(written)?),
        Some(_) => return None,
    };
    Some(Key {
        text,
        span,
        quoted: false,
    })
}

/// The value of the last `rules` member of `object`, written in `text`.
pub(super) fn rules<'e>(text: &str, object: &'e Object) -> Option<&'e Expression> {
    object
        .iter()
        .filter(|(k, _)| key(text, k).is_some_and(|k| k.text == "rules"))
        .last()
        .map(|(_, v)| v.expr())
}

/// The JSON text of `expr`, written at `place`.
pub(super) fn encode<'m>(
    reading: &mut Reading<'m>,
    expr: &'m Expression,
    place: Place<'m>,
) -> Decoded {
    let whole = template::span_of(expr.span()).unwrap_or_default();
    let mut encoder = Encoder {
        reading,
        place,
        text: &place.source.text,
        builder: Builder::new(whole),
        depth: 0,
        references: 0,
    };
    encoder.value(expr);
    encoder.builder.finish()
}

struct Encoder<'r, 'm> {
    reading: &'r mut Reading<'m>,
    place: Place<'m>,
    text: &'m str,
    builder: Builder,
    /// References being followed, one inside the other.
    depth: usize,
    /// References followed in all.
    references: usize,
}

impl<'m> Encoder<'_, 'm> {
    fn value(&mut self, expr: &'m Expression) {
        let Some(span) = template::span_of(expr.span()) else {
            return self.builder.unknown(Span::default());
        };
        match expr {
            Expression::Null(_) | Expression::Bool(_) => self.token(span),
            Expression::Number(_) => self.number(span),
            Expression::String(_)
            | Expression::StringTemplate(_)
            | Expression::HeredocTemplate(_) => self.string(expr, span),
            Expression::Array(items) => {
                self.builder.verbatim("[", span.start);
                let mut previous: Option<Span> = None;
                for item in items.iter() {
                    if let Some(p) = previous {
                        self.builder.decoded(",", Span::at(p.end));
                    }
                    self.value(item);
                    previous = template::span_of(item.span());
                }
                self.builder.verbatim("]", span.end - 1);
            }
            Expression::Object(object) => self.object(object, span),
            Expression::Parenthesis(p) => self.value(p.inner()),
            Expression::UnaryOp(op) => match (op.operator.value(), &op.expr) {
                (UnaryOperator::Neg, Expression::Number(_)) => self.number(span),
                (UnaryOperator::Not, Expression::Bool(b)) => self
                    .builder
                    .decoded(if *b.value() { "false" } else { "true" }, span),
                _ => self.builder.unknown(span),
            },
            _ => self.reference(expr, span),
        }
    }

    /// `null`, `true`, `false`: the same in both languages.
    fn token(&mut self, span: Span) {
        self.builder.verbatim(&self.text[span.range()], span.start);
    }

    fn number(&mut self, span: Span) {
        let written = &self.text[span.range()];
        match number::render(written) {
            Some(json) if json == written => self.builder.verbatim(written, span.start),
            Some(json) => self.builder.decoded(&json, span),
            None => self.builder.unknown(span),
        }
    }

    /// A `local.x` or `var.x` written in this file stands for its value; anything else is
    /// computed.
    fn reference(&mut self, expr: &'m Expression, span: Span) {
        let target = match reference(expr) {
            Some(r) if self.depth < MAX_REFERENCE_DEPTH && self.references < MAX_REFERENCES => {
                self.reading.module.lookup(r)
            }
            _ => return self.builder.unknown(span),
        };
        match target {
            Target::Found { expr, source }
                if std::ptr::eq(source, self.place.source) && is_literal(expr) =>
            {
                self.depth += 1;
                self.references += 1;
                self.value(expr);
                self.depth -= 1;
            }
            _ => self.builder.unknown(span),
        }
    }

    fn object(&mut self, object: &'m Object, span: Span) {
        struct Member<'e> {
            key: Key<'e>,
            first: Span,
            value: &'e Expression,
        }
        let mut members: Vec<Member<'m>> = Vec::with_capacity(object.len());
        // Objects are small: a linear search finds a repeated key faster than hashing.
        let mut index: Option<HashMap<Cow<'m, str>, usize>> =
            (object.len() > 16).then(HashMap::new);
        for (k, v) in object.iter() {
            // A computed key makes the whole object computed.
            let Some(key) = key(self.text, k) else {
                return self.builder.unknown(span);
            };
            let seen = match &index {
                Some(index) => index.get(&key.text).copied(),
                None => members.iter().position(|m| m.key.text == key.text),
            };
            match seen {
                Some(i) => {
                    let first = members[i].first;
                    self.reading.report(&self.place, repeated_key(&key, first));
                    members[i] = Member {
                        key,
                        first,
                        value: v.expr(),
                    };
                }
                None => {
                    if let Some(index) = &mut index {
                        index.insert(key.text.clone(), members.len());
                    }
                    members.push(Member {
                        first: key.span,
                        key,
                        value: v.expr(),
                    });
                }
            }
        }
        // Terraform writes an object's attributes in name order.
        members.sort_by(|a, b| a.key.text.cmp(&b.key.text));
        self.builder.verbatim("{", span.start);
        let mut previous: Option<Span> = None;
        for member in &members {
            if let Some(p) = previous {
                self.builder.decoded(",", Span::at(p.end));
            }
            self.key(&member.key);
            let separator = separator(self.text, member.key.span.end);
            if self.text[separator.range()] == *":" {
                self.builder.verbatim(":", separator.start);
            } else {
                self.builder.decoded(":", separator);
            }
            self.value(member.value);
            previous = template::span_of(member.value.span());
        }
        self.builder.verbatim("}", span.end - 1);
    }

    fn key(&mut self, key: &Key<'_>) {
        if key.quoted {
            if self.plain_string(key.span) {
                return;
            }
            let inner = Span::new(key.span.start + 1, key.span.end - 1);
            let elements = if inner.is_empty() {
                Vec::new()
            } else {
                vec![template::Element::Literal(inner)]
            };
            let pieces = template::pieces(self.text, &elements, template::Style::Quoted);
            self.builder.verbatim("\"", key.span.start);
            self.content(&pieces);
            self.builder.verbatim("\"", key.span.end - 1);
        } else {
            self.builder.decoded("\"", Span::at(key.span.start));
            let written = &self.text[key.span.range()];
            if written == key.text {
                self.escaped_run(key.span);
            } else {
                self.builder.decoded(&json_escaped(&key.text), key.span);
            }
            self.builder.decoded("\"", Span::at(key.span.end));
        }
    }

    fn string(&mut self, expr: &'m Expression, span: Span) {
        if matches!(expr, Expression::String(_)) && self.plain_string(span) {
            return;
        }
        let Some((elements, style)) = template::of_expression(self.text, expr) else {
            return self.builder.unknown(span);
        };
        // `"${x}"` is the value of `x` itself, of any type.
        if let [template::Element::Interpolation { expr: inner, .. }] = elements.as_slice() {
            return self.value(inner);
        }
        let pieces = template::pieces(self.text, &elements, style);
        if pieces.iter().any(|p| matches!(p, Piece::Directive(_))) {
            return self.builder.unknown(span);
        }
        if self.text[span.range()].starts_with('"') {
            self.builder.verbatim("\"", span.start);
            self.content(&pieces);
            self.builder.verbatim("\"", span.end - 1);
        } else {
            self.builder.decoded("\"", Span::at(span.start));
            self.content(&pieces);
            self.builder.decoded("\"", Span::at(span.end));
        }
    }

    /// Writes the quoted string at `span` when it holds no escape or template sequence, the
    /// common case, without decoding it piece by piece.
    fn plain_string(&mut self, span: Span) -> bool {
        let inner = &self.text[span.start + 1..span.end - 1];
        if inner.contains(['\\', '$', '%']) {
            return false;
        }
        self.builder.verbatim("\"", span.start);
        self.escaped_run(Span::new(span.start + 1, span.end - 1));
        self.builder.verbatim("\"", span.end - 1);
        true
    }

    /// A string's content, JSON-escaped as Terraform does.
    fn content(&mut self, pieces: &[Piece]) {
        for piece in pieces {
            match *piece {
                Piece::Verbatim(span) => self.escaped_run(span),
                Piece::Escaped(c, span) => self
                    .builder
                    .decoded(&json_escaped(c.encode_utf8(&mut [0; 4])), span),
                Piece::Interpolation(span) | Piece::Directive(span) => self.builder.unknown(span),
            }
        }
    }

    /// Host bytes `span` as JSON string content: plain runs verbatim, each character that
    /// needs an escape decoded over its own bytes.
    fn escaped_run(&mut self, span: Span) {
        let run = &self.text[span.range()];
        let mut plain = 0;
        for (i, c) in run.char_indices() {
            if let Some(escape) = json_escape(c) {
                if plain < i {
                    self.builder.verbatim(&run[plain..i], span.start + plain);
                }
                let end = i + c.len_utf8();
                self.builder
                    .decoded(&escape, Span::new(span.start + i, span.start + end));
                plain = end;
            }
        }
        if plain < run.len() {
            self.builder.verbatim(&run[plain..], span.start + plain);
        }
    }
}

/// How Terraform (Go's JSON encoder) escapes `c` in a string, when it does.
/// The `=` or `:` after an object key ending at `at`, or an empty span there.
fn separator(text: &str, at: usize) -> Span {
    let rest = &text[at..];
    let skipped = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    match rest.as_bytes().get(skipped) {
        Some(b'=' | b':') => Span::new(at + skipped, at + skipped + 1),
        _ => Span::at(at),
    }
}

/// A warning, not an error: Terraform's rule is clear and DMS receives a well-formed document,
/// but a value the user wrote is silently lost.
fn repeated_key(again: &Key<'_>, first: Span) -> Diagnostic {
    Diagnostic::warning(
        Code::DuplicateKey,
        format!("key `{}` is written twice in this object", again.text),
        Label::new(
            again.span,
            "written again here: Terraform keeps only this one",
        ),
    )
    .with_label(Label::new(
        first,
        "first written here: DMS never sees this value",
    ))
    .with_help("remove one of the two: Terraform keeps only the last, so DMS sees only it")
}
