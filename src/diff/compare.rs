//! Comparing two spanned JSON trees by what they mean to DMS.

use std::collections::HashMap;

use super::{Diff, MemberChange, Path, RuleAt, RuleChange, Step};
use crate::format::shape::{self, Shape};
use crate::options::Dialect;
use crate::span::Span;
use crate::syntax::{Member, Value, ValueKind};

/// One of the two documents.
#[derive(Clone, Copy)]
pub(super) struct Side<'t, 'a> {
    pub text: &'t str,
    pub root: &'t Value<'a>,
    pub dialect: Dialect,
}

/// Objects with more members than this are looked up through a map.
const SCAN_LIMIT: usize = 16;

pub(super) fn documents(old: Side<'_, '_>, new: Side<'_, '_>) -> Diff {
    let mut diff = Diff::default();
    let (Some(old_members), Some(new_members)) = (old.root.as_object(), new.root.as_object())
    else {
        return diff;
    };
    let mut path = Vec::new();
    // The envelope's own members but `rules`.
    Comparison {
        path: &mut path,
        out: &mut diff.document,
    }
    .objects(
        old_members,
        Shape::Envelope(old.dialect),
        new_members,
        Shape::Envelope(new.dialect),
        &|key| key == "rules",
    );
    if let (Some(old_rules), Some(new_rules)) = (rules_of(old_members), rules_of(new_members)) {
        diff.rules = rules(old, old_rules, new, new_rules);
    }
    diff
}

fn rules_of<'t, 'a>(members: &'t [Member<'a>]) -> Option<&'t [Value<'a>]> {
    members
        .iter()
        .find(|m| m.key.value == "rules")
        .and_then(|m| m.value.as_array())
}

/// The rules of both documents matched by `rule-id`.
fn rules<'a>(
    old: Side<'_, 'a>,
    old_rules: &[Value<'a>],
    new: Side<'_, 'a>,
    new_rules: &[Value<'a>],
) -> Vec<RuleChange> {
    fn by_id<'t, 'a>(rules: &'t [Value<'a>]) -> HashMap<&'t str, &'t Value<'a>> {
        rules
            .iter()
            .filter_map(|rule| Some((shape::rule_id(rule)?, rule)))
            .collect()
    }
    let old_by_id = by_id(old_rules);
    let new_by_id = by_id(new_rules);
    let mut changes: Vec<(&str, RuleChange)> = Vec::new();
    let mut path = Vec::new();
    for rule in old_rules {
        let Some(id) = shape::rule_id(rule) else {
            continue;
        };
        let Some(&after) = new_by_id.get(id) else {
            changes.push((id, rule_change(id, Some(rule), None, Vec::new())));
            continue;
        };
        // Most rules of a change are untouched: the same text means the same rule.
        if old.dialect == new.dialect && old.text[rule.span.range()] == new.text[after.span.range()]
        {
            continue;
        }
        let (Some(a), Some(b)) = (rule.as_object(), after.as_object()) else {
            continue;
        };
        let mut members = Vec::new();
        Comparison {
            path: &mut path,
            out: &mut members,
        }
        .objects(
            a,
            Shape::Rule(old.dialect),
            b,
            Shape::Rule(new.dialect),
            &|key| key == "rule-id",
        );
        if !members.is_empty() {
            changes.push((id, rule_change(id, Some(rule), Some(after), members)));
        }
    }
    for rule in new_rules {
        if let Some(id) = shape::rule_id(rule).filter(|id| !old_by_id.contains_key(id)) {
            changes.push((id, rule_change(id, None, Some(rule), Vec::new())));
        }
    }
    changes.sort_by(|(a, _), (b, _)| shape::id_order(a, b));
    changes.into_iter().map(|(_, change)| change).collect()
}

fn rule_change(
    id: &str,
    old: Option<&Value<'_>>,
    new: Option<&Value<'_>>,
    members: Vec<MemberChange>,
) -> RuleChange {
    RuleChange {
        rule_id: id.to_owned(),
        old: old.map(rule_at),
        new: new.map(rule_at),
        members,
    }
}

fn rule_at(rule: &Value<'_>) -> RuleAt {
    let string = |key: &str| {
        rule.as_object()?
            .iter()
            .find(|m| m.key.value == key)
            .and_then(|m| m.value.as_str())
            .map(|s| s.value.to_string())
    };
    RuleAt {
        span: rule.span,
        rule_name: string("rule-name"),
        rule_type: string("rule-type"),
    }
}

/// Compares members of one object pair, pushing the changes found under `path`.
struct Comparison<'p> {
    path: &'p mut Vec<Step>,
    out: &'p mut Vec<MemberChange>,
}

impl Comparison<'_> {
    fn change(&mut self, old: Option<Span>, new: Option<Span>) {
        self.out.push(MemberChange {
            path: Path(self.path.clone()),
            old,
            new,
        });
    }

    /// The members of two objects, by key; `skip` leaves keys out.
    fn objects<'a>(
        &mut self,
        old: &[Member<'a>],
        old_shape: Shape,
        new: &[Member<'a>],
        new_shape: Shape,
        skip: &dyn Fn(&str) -> bool,
    ) {
        let (old_shape, new_shape) = (old_shape.of(old), new_shape.of(new));
        let mut old_ordered = Vec::new();
        old_shape.ordered(old, &mut old_ordered);
        let mut new_ordered = Vec::new();
        new_shape.ordered(new, &mut new_ordered);
        let old_index = Index::new(&old_ordered);
        let new_index = Index::new(&new_ordered);
        let meaningless = |member: &Member<'_>, shape: Shape| {
            // An empty `filters` array is no filter at all.
            matches!(shape, Shape::Rule(_))
                && member.key.value == "filters"
                && member.value.as_array().is_some_and(<[_]>::is_empty)
        };
        for member in &new_ordered {
            let key = member.key.value.as_ref();
            if skip(key) {
                continue;
            }
            self.path.push(Step::Key(key.to_owned()));
            match old_index.get(&old_ordered, key) {
                Some(before) => self.values(
                    &before.value,
                    old_shape.child(key),
                    &member.value,
                    new_shape.child(key),
                ),
                None if meaningless(member, new_shape.shape()) => {}
                None => self.change(None, Some(member.span())),
            }
            self.path.pop();
        }
        for member in &old_ordered {
            let key = member.key.value.as_ref();
            if skip(key) || new_index.get(&new_ordered, key).is_some() {
                continue;
            }
            if meaningless(member, old_shape.shape()) {
                continue;
            }
            self.path.push(Step::Key(key.to_owned()));
            self.change(Some(member.span()), None);
            self.path.pop();
        }
    }

    /// Two values at the same path.
    fn values<'a>(&mut self, old: &Value<'a>, old_shape: Shape, new: &Value<'a>, new_shape: Shape) {
        match (&old.kind, &new.kind) {
            (ValueKind::Object(a), ValueKind::Object(b)) => {
                self.objects(a, old_shape, b, new_shape, &|_| false);
            }
            (ValueKind::Array(a), ValueKind::Array(b)) if a.len() == b.len() => {
                for (i, (a, b)) in a.iter().zip(b).enumerate() {
                    self.path.push(Step::Index(i));
                    self.values(a, old_shape, b, new_shape);
                    self.path.pop();
                }
            }
            (ValueKind::String(a), ValueKind::String(b)) if a.value == b.value => {}
            (ValueKind::Number(a), ValueKind::Number(b)) if a == b => {}
            (ValueKind::Bool(a), ValueKind::Bool(b)) if a == b => {}
            (ValueKind::Null, ValueKind::Null) => {}
            _ => self.change(Some(old.span), Some(new.span)),
        }
    }
}

/// Finding a member of an ordered list by key: a scan for the usual few, a map for many.
struct Index<'k> {
    map: Option<HashMap<&'k str, usize>>,
}

impl<'k> Index<'k> {
    fn new(members: &[&'k Member<'_>]) -> Self {
        let map = (members.len() > SCAN_LIMIT).then(|| {
            let mut map = HashMap::with_capacity(members.len());
            for (i, member) in members.iter().enumerate() {
                map.entry(member.key.value.as_ref()).or_insert(i);
            }
            map
        });
        Index { map }
    }

    fn get<'m, 'a>(&self, members: &[&'m Member<'a>], key: &str) -> Option<&'m Member<'a>> {
        match &self.map {
            Some(map) => map.get(key).map(|&i| members[i]),
            None => members.iter().find(|m| m.key.value == key).copied(),
        }
    }
}
