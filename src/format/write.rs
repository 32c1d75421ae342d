//! Writing the spanned JSON tree in the canonical form.

use super::shape::{self, Shape};
use crate::options::Dialect;
use crate::syntax::{Member, Value, ValueKind};

/// The canonical text of the document whose tree is `root`, read from `text`.
pub(super) fn document(text: &str, root: &Value<'_>, dialect: Dialect) -> String {
    // Canonical text is about as long as the input; a minified one grows by its indentation.
    let mut writer = Writer {
        text,
        out: String::with_capacity(text.len() + text.len() / 4 + 16),
        members: Vec::new(),
    };
    writer.value(root, Shape::Envelope(dialect), 0);
    writer.out.push('\n');
    writer.out
}

struct Writer<'t, 'a> {
    text: &'t str,
    out: String,
    /// The members of the objects being written, in canonical order: each object pushes its
    /// own on top and takes them off when done, so no object allocates.
    members: Vec<&'t Member<'a>>,
}

impl<'t, 'a> Writer<'t, 'a> {
    /// The tree's depth is bounded by the parser's nesting limit, so recursion is safe here.
    fn value(&mut self, value: &'t Value<'a>, shape: Shape, depth: usize) {
        match &value.kind {
            ValueKind::Object(members) => self.object(members, shape, depth),
            ValueKind::Array(items) if items.is_empty() => self.out.push_str("[]"),
            ValueKind::Array(items) => {
                self.out.push('[');
                let rules = matches!(shape, Shape::Rule(_));
                if rules && items.len() > 1 {
                    let mut order: Vec<(Option<&str>, &Value<'a>)> = items
                        .iter()
                        .map(|rule| (shape::rule_id(rule), rule))
                        .collect();
                    // Stable: rules without an id (reported as errors) keep their place after
                    // the others.
                    order.sort_by(|(a, _), (b, _)| match (a, b) {
                        (Some(a), Some(b)) => shape::id_order(a, b),
                        (a, b) => b.is_some().cmp(&a.is_some()),
                    });
                    for (i, (_, item)) in order.into_iter().enumerate() {
                        self.item(i, item, shape, depth);
                    }
                } else {
                    for (i, item) in items.iter().enumerate() {
                        self.item(i, item, shape, depth);
                    }
                }
                self.newline(depth);
                self.out.push(']');
            }
            _ => self.out.push_str(&self.text[value.span.range()]),
        }
    }

    fn item(&mut self, i: usize, item: &'t Value<'a>, shape: Shape, depth: usize) {
        if i > 0 {
            self.out.push(',');
        }
        self.newline(depth + 1);
        self.value(item, shape, depth + 1);
    }

    fn object(&mut self, members: &'t [Member<'a>], shape: Shape, depth: usize) {
        let resolved = shape.of(members);
        let start = self.members.len();
        resolved.ordered(members, &mut self.members);
        let end = self.members.len();
        if start == end {
            self.out.push_str("{}");
            return;
        }
        self.out.push('{');
        for i in start..end {
            let member = self.members[i];
            if i > start {
                self.out.push(',');
            }
            self.newline(depth + 1);
            self.out.push_str(&self.text[member.key.span.range()]);
            self.out.push_str(": ");
            match (&member.value.kind, shape) {
                // An integer id is written as the string of its digits, as AWS documents it.
                (ValueKind::Number(raw), Shape::Rule(_)) if member.key.value == "rule-id" => {
                    self.out.push('"');
                    self.out.push_str(raw);
                    self.out.push('"');
                }
                _ => {
                    let child = resolved.child(&member.key.value);
                    self.value(&member.value, child, depth + 1);
                }
            }
        }
        self.members.truncate(start);
        self.newline(depth);
        self.out.push('}');
    }

    fn newline(&mut self, depth: usize) {
        self.out.push('\n');
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }
}
