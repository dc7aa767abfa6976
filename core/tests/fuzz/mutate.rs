//! Structured mutations of valid JSON: fields removed, values swapped for
//! junk of another type, unknown fields added — and raw tokens serde_json's
//! `Value` cannot hold (numbers past u64, `1e999`, nesting thousands deep),
//! spliced into the text after serializing.

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value};

/// One step down a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    At(usize),
}

/// A replacement value.
#[derive(Debug, Clone)]
pub enum Junk {
    Value(Value),
    /// Spliced in as text, verbatim.
    Raw(String),
}

/// One change to a document; nodes are picked by index among all of them.
#[derive(Debug, Clone)]
pub enum Mutation {
    Remove(Index),
    Replace(Index, Junk),
    AddField(Index, String, Junk),
}

/// The paths of every node below the root, parents before children.
pub fn paths(value: &Value) -> Vec<Vec<Step>> {
    fn walk(value: &Value, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        let children: Vec<(Step, &Value)> = match value {
            Value::Object(map) => map.iter().map(|(k, v)| (Step::Key(k.clone()), v)).collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (Step::At(i), v))
                .collect(),
            _ => Vec::new(),
        };
        for (step, child) in children {
            prefix.push(step);
            out.push(prefix.clone());
            walk(child, prefix, out);
            prefix.pop();
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

/// A path written as `conversations/0/status`.
pub fn path(spec: &str) -> Vec<Step> {
    spec.split('/')
        .map(|part| match part.parse() {
            Ok(i) => Step::At(i),
            Err(_) => Step::Key(part.to_owned()),
        })
        .collect()
}

/// The node at `path`, if it exists.
pub fn at_mut<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |node, step| match step {
        Step::Key(k) => node.get_mut(k.as_str()),
        Step::At(i) => node.get_mut(*i),
    })
}

/// Placeholder for raw token `n` in the document until it is serialized.
fn placeholder(n: usize) -> String {
    format!("@@raw-{n}@@")
}

/// A document being mutated, with the raw tokens it is waiting for.
#[derive(Debug, Clone)]
pub struct Doc {
    pub value: Value,
    raws: Vec<String>,
}

impl Doc {
    pub fn new(value: Value) -> Self {
        Self {
            value,
            raws: Vec::new(),
        }
    }

    fn junk(&mut self, junk: Junk) -> Value {
        match junk {
            Junk::Value(v) => v,
            Junk::Raw(raw) => {
                self.raws.push(raw);
                Value::String(placeholder(self.raws.len() - 1))
            }
        }
    }

    /// Sets the node at `path`; a missing last key is added to its object.
    pub fn set(&mut self, path: &[Step], junk: Junk) {
        let value = self.junk(junk);
        match at_mut(&mut self.value, path) {
            Some(node) => *node = value,
            None => {
                if let Some((Step::Key(k), parent)) = path.split_last() {
                    if let Some(Value::Object(map)) = at_mut(&mut self.value, parent) {
                        map.insert(k.clone(), value);
                    }
                }
            }
        }
    }

    pub fn remove(&mut self, path: &[Step]) {
        let Some((last, parent)) = path.split_last() else {
            return;
        };
        match (at_mut(&mut self.value, parent), last) {
            (Some(Value::Object(map)), Step::Key(k)) => {
                map.remove(k);
            }
            (Some(Value::Array(items)), Step::At(i)) if *i < items.len() => {
                items.remove(*i);
            }
            _ => {}
        }
    }

    pub fn apply(&mut self, mutation: Mutation) {
        let all = paths(&self.value);
        if all.is_empty() {
            return;
        }
        match mutation {
            Mutation::Remove(i) => self.remove(&all[i.index(all.len())].clone()),
            Mutation::Replace(i, junk) => self.set(&all[i.index(all.len())].clone(), junk),
            Mutation::AddField(i, key, junk) => {
                let value = self.junk(junk);
                // Into the picked node if it is an object, else into the root.
                let path = &all[i.index(all.len())];
                let target = match at_mut(&mut self.value, path) {
                    Some(Value::Object(map)) => map,
                    _ => match &mut self.value {
                        Value::Object(map) => map,
                        _ => return,
                    },
                };
                target.insert(key, value);
            }
        }
    }

    /// The JSON text, raw tokens spliced in.
    pub fn text(&self) -> String {
        let mut text = serde_json::to_string(&self.value).unwrap_or_default();
        for (n, raw) in self.raws.iter().enumerate() {
            text = text.replace(&format!("\"{}\"", placeholder(n)), raw);
        }
        text
    }
}

/// Text as users, CRMs and attackers write it.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z_]{0,12}",
        Just("<script>alert(1)</script>".to_owned()),
        Just("\"><img src=x onerror=alert(1)>&amp;&lt;".to_owned()),
        Just("Zoë Núñez 李小龙 مرحبا 👩‍👩‍👧 \u{202E}lanigiro".to_owned()),
        Just("\u{0}\u{7}\u{FEFF}\u{FFFF}\u{10FFFF}".to_owned()),
        Just("ñ".repeat(20_000)),
    ]
}

/// Tokens beyond what `Value` holds: huge, negative, out-of-range and
/// deeply nested.
pub fn raw() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("18446744073709551616".to_owned()),
        Just("123456789012345678901234567890".to_owned()),
        Just("-1".to_owned()),
        Just("-0".to_owned()),
        Just("1e999".to_owned()),
        Just("-1e999".to_owned()),
        Just("1.5e-400".to_owned()),
        Just("4294967296".to_owned()),
        any::<i128>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| format!("{f:e}")),
        (1_usize..5_000).prop_map(|d| format!("{}{}", "[".repeat(d), "]".repeat(d))),
        (1_usize..5_000).prop_map(|d| format!("{}1{}", "{\"a\":".repeat(d), "}".repeat(d))),
    ]
}

/// Any JSON value, a few levels deep.
pub fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{0,8}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

pub fn junk() -> impl Strategy<Value = Junk> {
    prop_oneof![
        3 => value().prop_map(Junk::Value),
        1 => raw().prop_map(Junk::Raw),
    ]
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Remove),
        (any::<Index>(), junk()).prop_map(|(i, j)| Mutation::Replace(i, j)),
        (any::<Index>(), text(), junk()).prop_map(|(i, k, j)| Mutation::AddField(i, k, j)),
    ]
}
