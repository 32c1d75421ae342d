//! A forgiving read of JSON text, for telling what the cursor is on while the document is being
//! typed and is often not JSON at all: an unclosed string ends at its line's end, an unclosed
//! object or array at the end of the text, and stray tokens are stepped over. Nesting past a
//! limit is skipped, so no input can exhaust the stack.

use dms_rules::{Dialect, Span};

const MAX_DEPTH: usize = 64;

#[derive(Debug)]
pub enum Node {
    Object {
        span: Span,
        members: Vec<Member>,
    },
    Array {
        span: Span,
        items: Vec<Node>,
    },
    String(Str),
    /// A number, a literal, or a word that is neither.
    Other {
        span: Span,
    },
}

#[derive(Debug)]
pub struct Str {
    /// Quotes included (the closing one, when there is one).
    pub span: Span,
    pub value: String,
}

#[derive(Debug)]
pub struct Member {
    pub key: Str,
    pub value: Option<Node>,
}

impl Node {
    pub fn span(&self) -> Span {
        match self {
            Node::Object { span, .. } | Node::Array { span, .. } | Node::Other { span } => *span,
            Node::String(s) => s.span,
        }
    }

    /// The string value of member `key`, when the node is an object that has one.
    pub fn member_str(&self, key: &str) -> Option<&str> {
        let Node::Object { members, .. } = self else {
            return None;
        };
        members.iter().find_map(|m| match &m.value {
            Some(Node::String(s)) if m.key.value == key => Some(s.value.as_str()),
            _ => None,
        })
    }
}

/// The dialect the checks found, else the one the library would detect: Schema Conversion when
/// a rule's locator has `server-name`. A half-typed document never gets as far as the checks.
pub fn dialect(found: Option<Dialect>, root: &Node) -> Dialect {
    if let Some(found) = found {
        return found;
    }
    let rules = match root {
        Node::Object { members, .. } => members.iter().find(|m| m.key.value == "rules"),
        _ => None,
    };
    let names_server = match rules.and_then(|m| m.value.as_ref()) {
        Some(Node::Array { items, .. }) => items.iter().any(|rule| {
            let Node::Object { members, .. } = rule else {
                return false;
            };
            members.iter().any(|m| {
                m.key.value == "object-locator"
                    && matches!(&m.value, Some(Node::Object { members, .. })
                        if members.iter().any(|k| k.key.value == "server-name"))
            })
        }),
        _ => false,
    };
    if names_server {
        Dialect::SchemaConversion
    } else {
        Dialect::TableMapping
    }
}

/// Reads `text` as forgivingly as it can; `None` when it holds no value at all.
pub fn read(text: &str) -> Option<Node> {
    let at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut reader = Reader { text, at };
    reader.value(0)
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn skip_space(&mut self) {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() && matches!(bytes[self.at], b' ' | b'\t' | b'\r' | b'\n') {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.text.as_bytes().get(self.at).copied()
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        match self.peek()? {
            b'{' if depth < MAX_DEPTH => Some(self.object(depth)),
            b'[' if depth < MAX_DEPTH => Some(self.array(depth)),
            b'"' => Some(Node::String(self.string())),
            b'}' | b']' | b',' | b':' => None,
            _ => Some(self.other()),
        }
    }

    fn object(&mut self, depth: usize) -> Node {
        let start = self.at;
        self.at += 1;
        let mut members = Vec::new();
        loop {
            match self.peek() {
                None => break,
                Some(b'}') => {
                    self.at += 1;
                    break;
                }
                Some(b']') => break,
                Some(b',') => self.at += 1,
                Some(b'"') => {
                    let key = self.string();
                    let value = if self.peek() == Some(b':') {
                        self.at += 1;
                        self.value(depth + 1)
                    } else {
                        None
                    };
                    members.push(Member { key, value });
                }
                Some(_) => {
                    // A stray word or value where a key should be: step over it.
                    if self.value(depth + 1).is_none() {
                        self.at += 1;
                    }
                }
            }
        }
        Node::Object {
            span: Span::new(start, self.at),
            members,
        }
    }

    fn array(&mut self, depth: usize) -> Node {
        let start = self.at;
        self.at += 1;
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None => break,
                Some(b']') => {
                    self.at += 1;
                    break;
                }
                Some(b'}') => break,
                Some(b',' | b':') => self.at += 1,
                Some(_) => match self.value(depth + 1) {
                    Some(item) => items.push(item),
                    None => self.at += 1,
                },
            }
        }
        Node::Array {
            span: Span::new(start, self.at),
            items,
        }
    }

    /// A string from its opening quote; unclosed, it ends before its line's end.
    fn string(&mut self) -> Str {
        let start = self.at;
        let bytes = self.text.as_bytes();
        let mut value = String::new();
        let mut i = start + 1;
        let mut from = i;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => {
                    value.push_str(&self.text[from..i]);
                    self.at = i + 1;
                    return Str {
                        span: Span::new(start, self.at),
                        value,
                    };
                }
                b'\\' if i + 1 < bytes.len() && bytes[i + 1] != b'\n' && bytes[i + 1] != b'\r' => {
                    value.push_str(&self.text[from..i]);
                    let escaped = self.text[i + 1..].chars().next().unwrap_or(' ');
                    value.push(match escaped {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                    i += 1 + escaped.len_utf8();
                    from = i;
                }
                b'\n' | b'\r' => break,
                _ => i += 1,
            }
        }
        let end = i.min(bytes.len());
        value.push_str(&self.text[from.min(end)..end]);
        self.at = end;
        Str {
            span: Span::new(start, end),
            value,
        }
    }

    fn other(&mut self) -> Node {
        let start = self.at;
        let bytes = self.text.as_bytes();
        while self.at < bytes.len()
            && !matches!(
                bytes[self.at],
                b' ' | b'\t' | b'\r' | b'\n' | b',' | b':' | b'{' | b'}' | b'[' | b']' | b'"'
            )
        {
            self.at += 1;
        }
        // Always move on, if only by a character (a bracket nested too deep), and never stop in
        // the middle of one.
        if self.at == start {
            self.at += 1;
        }
        while !self.text.is_char_boundary(self.at) {
            self.at += 1;
        }
        Node::Other {
            span: Span::new(start, self.at),
        }
    }
}

/// What the cursor is on.
#[derive(Debug)]
pub enum Target<'t> {
    /// A member's key (or a string where a key goes).
    Key { object: &'t Node, key: &'t Str },
    /// A member's string value.
    Value { key: &'t Str, value: &'t Str },
    /// Between the members of an object, where a new key goes.
    Gap { object: &'t Node },
}

/// The cursor's target and the objects around it, outermost first.
#[derive(Debug)]
pub struct Cursor<'t> {
    pub target: Target<'t>,
    /// Each object from the root down to the target's object, with the key it is the value of
    /// (or holds in an array): `None` for the root.
    pub path: Vec<(&'t Node, Option<&'t str>)>,
}

/// What the cursor at `offset` is on; `None` when it is on no key, value or object gap.
pub fn cursor(root: &Node, offset: usize) -> Option<Cursor<'_>> {
    let mut path = Vec::new();
    let mut node = root;
    let mut under: Option<&str> = None;
    loop {
        let inside = |span: Span| span.start < offset && offset <= span.end;
        match node {
            Node::Object { members, .. } => {
                path.push((node, under));
                let mut next = None;
                for member in members {
                    // The cursor may stand just after an unclosed key's last character.
                    if inside(member.key.span) || offset == member.key.span.end {
                        return Some(Cursor {
                            target: Target::Key {
                                object: node,
                                key: &member.key,
                            },
                            path,
                        });
                    }
                    match &member.value {
                        Some(Node::String(value))
                            if inside(value.span) || offset == value.span.end =>
                        {
                            return Some(Cursor {
                                target: Target::Value {
                                    key: &member.key,
                                    value,
                                },
                                path,
                            });
                        }
                        Some(value) if inside(value.span()) => {
                            next = Some((value, member.key.value.as_str()));
                            break;
                        }
                        _ => {}
                    }
                }
                match next {
                    Some((value, key)) => {
                        node = value;
                        under = Some(key);
                    }
                    None => {
                        return Some(Cursor {
                            target: Target::Gap { object: node },
                            path,
                        })
                    }
                }
            }
            Node::Array { items, .. } => {
                // Items of an array are of the kind the array's key names.
                let item = items.iter().find(|i| {
                    let span = i.span();
                    span.start < offset && offset <= span.end
                })?;
                node = item;
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_half_typed_key_is_found_in_its_rule() {
        let text = "{\"rules\": [{\"rule-type\": \"selection\", \"obj\n";
        let root = read(text).unwrap();
        let at = text.find("obj").unwrap() + 3;
        let cursor = cursor(&root, at).unwrap();
        let Target::Key { key, .. } = cursor.target else {
            panic!("{:?}", cursor.target)
        };
        assert_eq!(key.value, "obj");
        let (rule, under) = cursor.path.last().unwrap();
        assert_eq!(*under, Some("rules"));
        assert_eq!(rule.member_str("rule-type"), Some("selection"));
    }

    #[test]
    fn deep_and_broken_input_is_read_without_trouble() {
        let deep = "[".repeat(100_000) + "{\"a\": \"é";
        assert!(read(&deep).is_some());
        for text in [
            "",
            "}",
            "\"",
            "{\"a\" 1 2 ] \"b\": {",
            "{:::,,,\"",
            "\u{feff}{",
        ] {
            let root = read(text);
            if let Some(root) = root {
                for at in 0..=text.len() {
                    let _ = cursor(&root, at);
                }
            }
        }
    }
}
