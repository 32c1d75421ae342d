//! `dms::conflicting_transformation`: DMS applies one transformation action per object (schema,
//! table, column, table tablespace, index tablespace), the one with the lower `rule-id`; a
//! data-masking action may share a column with `add-column` or `change-data-type` (spec §3.5).
//!
//! Without a catalog, two rules are known to act on the same object only when their locators
//! are the same, name for name: this check. Locators that differ but overlap through wildcards
//! are judged against a catalog by `select::transformation_conflicts`, with the shared pieces
//! here.

use crate::ast::{Rule, RuleId, RuleTarget, TransformationAction as A, TransformationRule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::span::Spanned;

/// What a transformation acts on, name for name: its target, then the locator's schema, table,
/// column, tablespaces and column type. The column an `add-column` makes is an object of its
/// own, not the source column of that name: real mappings remove a column and add one of the
/// same name, filled by an expression.
///
/// The names are kept in one buffer, each with its length, so that a key is one allocation and
/// two keys compare with one `memcmp`: every transformation of a document has a key, and they
/// are sorted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ObjectKey {
    target: &'static str,
    names: Box<[u8]>,
}

/// What stands in the key's column place.
enum Column<'r> {
    /// A column of the source, or none.
    Named(Option<&'r str>),
    /// The column `add-column` makes.
    Added(&'r str),
    /// The columns `add-before-image-columns` adds, which no locator names.
    BeforeImage,
}

/// The transformation's target, id, action and the object it acts on; `None` for a rule
/// missing any of them (already reported).
pub(crate) fn object_key(rule: &TransformationRule<'_>) -> Option<ObjectKey> {
    let mut names = Vec::new();
    let target = write_key(rule, &mut names)?;
    Some(ObjectKey {
        target,
        names: names.into_boxed_slice(),
    })
}

/// Appends the names of [`ObjectKey`] to `names` and returns its target; `None` (with some
/// bytes maybe written) for a rule missing its target, action or locator.
fn write_key(rule: &TransformationRule<'_>, names: &mut Vec<u8>) -> Option<&'static str> {
    fn text<'r>(name: Option<&'r crate::ast::Name<'_>>) -> Option<&'r str> {
        name.map(|n| n.value())
    }
    let target = rule.target?.value;
    let action = rule.action?.value;
    let locator = rule.locator.as_ref()?;
    let column = match action {
        A::AddColumn => rule
            .value
            .as_ref()
            .map_or(Column::Named(None), |v| Column::Added(&v.value)),
        A::AddBeforeImageColumns => Column::BeforeImage,
        _ => Column::Named(text(locator.column_name())),
    };
    // Each place: 0 when empty, else a tag, the name's length and its bytes; the column place
    // may also hold 3 alone, the before-image columns.
    let put = |names: &mut Vec<u8>, tag: u8, name: Option<&str>| match name {
        None => names.push(0),
        Some(name) => {
            names.push(tag);
            names.extend_from_slice(&name.len().to_le_bytes());
            names.extend_from_slice(name.as_bytes());
        }
    };
    put(names, 1, text(locator.schema_name.as_ref()));
    put(names, 1, text(locator.table_name()));
    match column {
        Column::Named(name) => put(names, 1, name),
        Column::Added(name) => put(names, 2, Some(name)),
        Column::BeforeImage => names.push(3),
    }
    put(names, 1, text(locator.table_tablespace_name()));
    put(names, 1, text(locator.index_tablespace_name()));
    put(names, 1, text(locator.data_type()));
    Some(target.as_str())
}

/// A data-masking action: one of every two actions that may act on one object.
pub(crate) fn is_masking(a: A) -> bool {
    matches!(
        a,
        A::DataMaskingDigitsMask | A::DataMaskingDigitsRandomize | A::DataMaskingHashMask
    )
}

/// Whether DMS applies both actions to one object: a data-masking action beside `add-column`
/// or `change-data-type`.
pub(crate) fn may_share(a: A, b: A) -> bool {
    let shares = |x: A| matches!(x, A::AddColumn | A::ChangeDataType);
    (is_masking(a) && shares(b)) || (is_masking(b) && shares(a))
}

/// The object kind a target names, in words.
pub(crate) fn noun(target: RuleTarget) -> &'static str {
    match target {
        RuleTarget::Schema => "schema",
        RuleTarget::Table => "table",
        RuleTarget::Column => "column",
        RuleTarget::TableTablespace => "table tablespace",
        RuleTarget::IndexTablespace => "index tablespace",
    }
}

/// One transformation, as the finding names it.
#[derive(Debug, Clone)]
pub(crate) struct Side {
    pub id: RuleId,
    pub action: Spanned<A>,
}

/// The finding on `ignored`, which `applied` keeps from acting on the same object. `objects`
/// names the objects of a catalog both rules match (the first few, and how many there are);
/// `None` when the two locators are the same.
pub(crate) fn diagnostic(
    ignored: &Side,
    applied: &Side,
    target: RuleTarget,
    objects: Option<(&[String], usize)>,
) -> Diagnostic {
    let noun = noun(target);
    let (action, id, first) = (
        ignored.action.value,
        ignored.id.digits(),
        applied.id.digits(),
    );
    let message = match objects {
        None => format!(
            "this `{action}` (rule {id}) does nothing: rule {first} already transforms the same {noun}"
        ),
        Some((names, count)) => {
            let listed: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            let more = count.saturating_sub(names.len());
            let what = if more == 0 {
                listed.join(", ")
            } else {
                format!("{} and {more} more", listed.join(", "))
            };
            let it = if count == 1 { "it" } else { "them" };
            format!("this `{action}` (rule {id}) does nothing to {what}: rule {first} transforms {it} first")
        }
    };
    Diagnostic::warning(
        Code::ConflictingTransformation,
        message,
        Label::new(ignored.action.span, "not applied"),
    )
    .with_label(Label::new(
        applied.action.span,
        format!("applied instead: rule {first} has the lower `rule-id`"),
    ))
    // Which rule DMS applies is the second label's; the help says only what to do, on one line.
    .with_help("keep one of the two rules, or write the name you want with one `rename`")
}

/// The transformations seen so far, by the object they act on.
///
/// Every transformation of a document is kept until the end, so each costs little: the names
/// of its key go into one buffer shared by all, and a hash of the key (std's, with its fixed
/// keys) lets the sort settle nearly every comparison without reading the names. Equal keys
/// have equal hashes, so they still end up side by side; keys whose hashes collide are told
/// apart by their names, so no input is read wrongly, and none is slower to sort than by the
/// names alone.
#[derive(Default)]
pub(super) struct Seen {
    /// The names of every key, one after the other.
    names: Vec<u8>,
    rules: Vec<Kept>,
}

/// One transformation in [`Seen`].
struct Kept {
    hash: u64,
    target_name: &'static str,
    /// Where its key's names are in [`Seen::names`].
    names: std::ops::Range<usize>,
    side: Side,
    target: RuleTarget,
}

impl Seen {
    pub(super) fn rule(&mut self, rule: &Rule<'_>) {
        let Rule::Transformation(t) = rule else {
            return;
        };
        let (Some(id), Some(action), Some(target)) =
            (t.header.rule_id.as_ref(), t.action, t.target)
        else {
            return;
        };
        let start = self.names.len();
        let Some(target_name) = write_key(t, &mut self.names) else {
            self.names.truncate(start);
            return;
        };
        let names = start..self.names.len();
        let mut hasher = std::hash::DefaultHasher::new();
        std::hash::Hasher::write(&mut hasher, target_name.as_bytes());
        std::hash::Hasher::write(&mut hasher, &self.names[names.clone()]);
        self.rules.push(Kept {
            hash: std::hash::Hasher::finish(&hasher),
            target_name,
            names,
            side: Side {
                id: id.clone(),
                action,
            },
            target: target.value,
        });
    }

    pub(super) fn finish(mut self, out: &mut Diagnostics) {
        let names = &self.names;
        let key = |r: &Kept| (r.hash, r.target_name, &names[r.names.clone()]);
        // By object, then in `rule-id` order: the order DMS applies them in. Rules with equal
        // ids are `dms::duplicate_rule_id`'s, and their order does not matter here. Which
        // object comes first does not matter either: findings are put in document order.
        self.rules.sort_unstable_by(|a, b| {
            key(a)
                .cmp(&key(b))
                .then_with(|| a.side.id.numeric_cmp(&b.side.id))
        });
        for group in self.rules.chunk_by(|a, b| key(a) == key(b)) {
            let mut applied: Vec<&Side> = Vec::new();
            for seen in group {
                let side = &seen.side;
                let winner = applied.iter().find(|w| {
                    w.id.numeric_cmp(&side.id).is_lt()
                        && !may_share(w.action.value, side.action.value)
                });
                match winner {
                    Some(winner) => out.push(diagnostic(side, winner, seen.target, None)),
                    // Equal ids are `dms::duplicate_rule_id`: neither is said to win.
                    None => applied.push(side),
                }
            }
        }
    }
}
