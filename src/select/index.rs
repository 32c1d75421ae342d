//! The rule index: which rules can possibly match an object, without trying every rule.
//!
//! Rules are filed by their schema name, then within a schema by their object name: an exact
//! name under itself, a pattern under the literal text it starts with (`""` for a pattern that
//! starts with a wildcard, or a locator that stops above that level). An object looks up its
//! own name, and each of its prefixes whose length some pattern prefix has; real rule sets use
//! a handful of distinct prefix lengths, so that is a few hash lookups per object.

use std::collections::HashMap;

use super::matcher::{IndexKey, NameMatcher};

/// Names to values, looked up by exact name or by literal prefix.
#[derive(Debug)]
struct NameIndex<V> {
    exact: HashMap<String, V>,
    prefixes: HashMap<String, V>,
    /// The byte lengths of the keys of `prefixes`, ascending.
    lengths: Vec<usize>,
}

impl<V> Default for NameIndex<V> {
    fn default() -> Self {
        NameIndex {
            exact: HashMap::new(),
            prefixes: HashMap::new(),
            lengths: Vec::new(),
        }
    }
}

impl<V: Default> NameIndex<V> {
    fn slot(&mut self, key: IndexKey<'_>) -> &mut V {
        match key {
            IndexKey::Exact(name) => self.exact.entry(name.to_string()).or_default(),
            IndexKey::Prefix(prefix) => {
                if let Err(at) = self.lengths.binary_search(&prefix.len()) {
                    self.lengths.insert(at, prefix.len());
                }
                self.prefixes.entry(prefix.to_string()).or_default()
            }
        }
    }

    /// Every value filed under a key that `name` fits.
    fn visit<'s>(&'s self, name: &str, mut f: impl FnMut(&'s V)) {
        if let Some(value) = self.exact.get(name) {
            f(value);
        }
        for &len in &self.lengths {
            if len > name.len() {
                break;
            }
            if let Some(value) = name.get(..len).and_then(|p| self.prefixes.get(p)) {
                f(value);
            }
        }
    }
}

/// Where a rule sits in the index: the matchers of its schema and object names.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'m> {
    pub schema: Option<&'m NameMatcher>,
    pub object: Option<&'m NameMatcher>,
}

const ANY: IndexKey<'static> = IndexKey::Prefix("");

#[derive(Debug, Default)]
pub(crate) struct RuleIndex {
    schemas: NameIndex<NameIndex<Vec<u32>>>,
}

impl RuleIndex {
    /// Files rule `i` of `entries` under its names; rule numbers must fit in `u32`, which any
    /// document under the input limit does.
    pub fn new<'m>(entries: impl IntoIterator<Item = Entry<'m>>) -> RuleIndex {
        let mut index = RuleIndex::default();
        for (i, entry) in entries.into_iter().enumerate() {
            let Ok(i) = u32::try_from(i) else { break };
            let schema = entry.schema.map_or(ANY, NameMatcher::index_key);
            let object = entry.object.map_or(ANY, NameMatcher::index_key);
            index.schemas.slot(schema).slot(object).push(i);
        }
        index
    }

    /// The rules that may match an object of `schema` named `name`, ascending, into `out`.
    pub fn candidates(&self, schema: &str, name: &str, out: &mut Vec<u32>) {
        out.clear();
        self.schemas.visit(schema, |objects| {
            objects.visit(name, |rules| out.extend_from_slice(rules));
        });
        // Each rule is filed once and each slot visited once, so sorting is all that is left.
        out.sort_unstable();
    }
}
