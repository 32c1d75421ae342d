//! Mappings held deeper in a value: a `table_mappings` key at any depth of a `module` argument
//! (`replication_tasks = { full = { table_mappings = ... } }`, a list of task objects), of a
//! `locals` value or of a variable default. Modules such as terraform-aws-modules/dms and
//! cloudposse/dms take the mapping this way, and the key says what the value is wherever it
//! sits.

use hcl_edit::expr::{Expression, Object};
use hcl_edit::structure::Body;

use super::jsonencode;
use super::module::{reference, Module, Target};
use super::reading::Place;
use super::template;
use crate::span::Span;

/// The key that holds a mapping, in a resource or in any object a module is given.
pub(super) const KEY: &str = "table_mappings";

/// How deep one walk goes, references included, and how many references it follows in all:
/// far past any real module argument, and a bound for values that refer to each other in a
/// circle (or several times each, which would otherwise double the work at each level).
const MAX_DEPTH: usize = 96;
const MAX_REFERENCES: usize = 64;

/// A `table_mappings` value found in a value, with the name the document is given.
#[derive(Debug, Clone)]
pub(super) struct Found<'m> {
    /// `module.dms.replication_tasks["full"]`, `local.dms_task`.
    pub name: String,
    pub value: &'m Expression,
    pub place: Place<'m>,
    /// What the value belongs to, for the task's engines and migration type.
    pub site: Site<'m>,
}

/// What a mapping value belongs to.
#[derive(Debug, Clone, Copy)]
pub(super) enum Site<'m> {
    /// A resource's own argument: the resource's body.
    Resource(&'m Body),
    /// A module call's argument: the call's body, and the object that holds the key (a task
    /// of `replication_tasks`); `None` when the argument is the call's own.
    Module(&'m Body, Option<&'m Object>),
    /// A value elsewhere (a `locals` value, a variable default, a variables file): the object
    /// that holds the key, if any.
    Value(Option<&'m Object>),
}

/// The walk of one value: what it found, and whether it follows `local.x` and `var.x` to the
/// values they name (a module argument does; a `locals` value or variable default is read
/// where it is written, when its own file is read).
pub(super) struct Walk<'m> {
    module: &'m Module<'m>,
    follow: bool,
    references: usize,
    /// The module call whose arguments are walked, if any.
    pub call: Option<&'m Body>,
    pub found: Vec<Found<'m>>,
}

impl<'m> Walk<'m> {
    pub(super) fn new(module: &'m Module<'m>, follow: bool) -> Self {
        Walk {
            module,
            follow,
            references: 0,
            call: None,
            found: Vec::new(),
        }
    }

    pub(super) fn value(&mut self, expr: &'m Expression, place: Place<'m>, name: &str) {
        self.at(expr, place, name, 0);
    }

    /// A value with a name of its own (a `locals` entry, a variable): one named after the key
    /// (`table_mappings`, `default_table_mappings`) is a mapping itself; any other is walked.
    pub(super) fn named(&mut self, expr: &'m Expression, place: Place<'m>, shown: &str, own: &str) {
        if own.ends_with(KEY) {
            self.mapping(expr, place, shown);
        } else {
            self.value(expr, place, shown);
        }
    }

    /// A value that is a mapping itself, named `name`.
    pub(super) fn mapping(&mut self, value: &'m Expression, place: Place<'m>, name: &str) {
        self.held(value, place, name, None);
    }

    /// A mapping value, held under the key in `holder` when it is.
    fn held(
        &mut self,
        value: &'m Expression,
        place: Place<'m>,
        name: &str,
        holder: Option<&'m Object>,
    ) {
        // `null` or `""` leaves it unset: the module's own default applies.
        if !is_unset(value) {
            let site = match self.call {
                Some(call) => Site::Module(call, holder),
                None => Site::Value(holder),
            };
            self.found.push(Found {
                name: name.to_owned(),
                value,
                place,
                site,
            });
        }
    }

    fn at(&mut self, expr: &'m Expression, place: Place<'m>, name: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let depth = depth + 1;
        match expr {
            Expression::Object(object) => {
                for (key, value) in object.iter() {
                    let value = value.expr();
                    let text = &place.source.text;
                    let Some(key) = jsonencode::key(text, key) else {
                        // A computed key: its value is still a value of the module.
                        self.at(value, place, &format!("{name}[*]"), depth);
                        continue;
                    };
                    if key.text == KEY {
                        self.held(value, place, name, Some(object));
                    } else {
                        self.at(value, place, &format!("{name}[{:?}]", key.text), depth);
                    }
                }
            }
            Expression::Array(array) => {
                for (i, value) in array.iter().enumerate() {
                    self.at(value, place, &format!("{name}[{i}]"), depth);
                }
            }
            Expression::Parenthesis(p) => self.at(p.inner(), place, name, depth),
            Expression::Conditional(c) => {
                self.at(&c.true_expr, place, name, depth);
                self.at(&c.false_expr, place, name, depth);
            }
            Expression::ForExpr(f) => self.at(&f.value_expr, place, &format!("{name}[*]"), depth),
            // `merge(local.defaults, { table_mappings = ... })`, `concat([...], [...])`.
            Expression::FuncCall(call) if call.name.name.as_str() != "jsonencode" => {
                for arg in call.args.iter() {
                    self.at(arg, place, name, depth);
                }
            }
            // A value named elsewhere in the module; one not written anywhere (a variable
            // without a default) holds nothing to read.
            Expression::Traversal(_) if self.follow && self.references < MAX_REFERENCES => {
                let Some(r) = reference(expr) else { return };
                self.references += 1;
                if let Target::Found {
                    expr: found,
                    source,
                } = self.module.lookup(r)
                {
                    let via = place.via.or_else(|| {
                        self.module
                            .is_host(place.source)
                            .then(|| span_of(expr))
                            .flatten()
                    });
                    self.at(found, Place { source, via }, name, depth);
                }
            }
            _ => {}
        }
    }
}

/// `null`, or a string of nothing but spaces.
fn is_unset(mut expr: &Expression) -> bool {
    while let Expression::Parenthesis(p) = expr {
        expr = p.inner();
    }
    match expr {
        Expression::Null(_) => true,
        Expression::String(s) => s.value().trim().is_empty(),
        _ => false,
    }
}

fn span_of(expr: &Expression) -> Option<Span> {
    use hcl_edit::Span as _;
    template::span_of(expr.span())
}
