//! Finding every problem of a config, not only the first: serde stops at the first bad value, so each entry is
//! checked on its own, and a table whose entries are each fine on their own is reported as a whole.

use std::ops::Range;

use serde::Deserialize as _;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue, Deserializer, Error};

use super::{Config, KeyTable};

/// Every problem in `source`, in the order they appear: its syntax errors if it has any, else each entry whose
/// value `Config` refuses. Empty when the whole config reads.
pub(super) fn problems(source: &str) -> Vec<Error> {
    let (root, syntax) = DeTable::parse_recoverable(source);
    if !syntax.is_empty() {
        return syntax;
    }
    if Config::deserialize(Deserializer::from(root.clone())).is_ok() {
        return Vec::new();
    }
    let span = root.span();
    let mut found: Vec<Error> =
        root.get_ref().iter().flat_map(|(key, value)| entry(&[(key.clone(), span.clone())], value)).collect();
    found.sort_by_key(|e| e.span().map_or(0, |s| s.start));
    found
}

/// A key and the span of the table that holds it, from the document down.
type Path<'i> = [(Spanned<DeString<'i>>, Range<usize>)];

/// The problems of one entry at `path`: its children's if it is a table and any child fails alone for a reason
/// inside itself, else its own.
fn entry<'i>(path: &Path<'i>, value: &Spanned<DeValue<'i>>) -> Vec<Error> {
    let Err(own) = Config::deserialize(Deserializer::from(document(path, value.clone()))) else { return Vec::new() };
    if let DeValue::Table(table) = value.get_ref() {
        let children: Vec<Error> = table
            .iter()
            .flat_map(|(key, child)| {
                let mut deeper = path.to_vec();
                deeper.push((key.clone(), value.span()));
                let inside = key.span().start..child.span().end.max(key.span().end);
                // A child alone misses its siblings, so a check across the table (min below max, shares adding
                // up) fails on it falsely: only errors within the child itself count.
                entry(&deeper, child).into_iter().filter(move |e| e.span().is_some_and(|s| inside.contains(&s.start)))
            })
            .collect();
        if !children.is_empty() {
            return children;
        }
    }
    vec![own]
}

/// A document holding only `value` at `path`, every table keeping its span so errors point into the file.
fn document<'i>(path: &Path<'i>, value: Spanned<DeValue<'i>>) -> Spanned<DeTable<'i>> {
    let mut inner = value;
    let mut root_span = 0..0;
    for (key, holder_span) in path.iter().rev() {
        let mut table = DeTable::new();
        table.insert(key.clone(), inner);
        inner = Spanned::new(holder_span.clone(), DeValue::Table(table));
        root_span = holder_span.clone();
    }
    match inner.into_inner() {
        DeValue::Table(table) => Spanned::new(root_span, table),
        _ => Spanned::new(root_span, DeTable::new()),
    }
}

/// The `[keys]` tables of `source` when they read, even if something else in it does not: the key map is checked
/// too, so all of a config's problems are reported at once.
pub(super) fn keys_only(source: &str) -> Option<KeyTable> {
    let (root, _) = DeTable::parse_recoverable(source);
    let span = root.span();
    let (key, value) = root.get_ref().iter().find(|(key, _)| key.get_ref() == "keys")?;
    Config::deserialize(Deserializer::from(document(&[(key.clone(), span)], value.clone()))).ok().map(|c| c.keys)
}
