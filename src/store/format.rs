//! The file format: a wrapper with a format tag and a schema version around the stories and attempts.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{FORMAT, SCHEMA_VERSION, StoreError};
use crate::model::{Attempt, Bank, Story};
use crate::validate;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    format: String,
    schema_version: u32,
    #[serde(default)]
    stories: Vec<Story>,
    #[serde(default)]
    attempts: Vec<Attempt>,
}

/// Just enough of a file to tell whose it is and which version, read when the full parse fails.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    schema_version: Option<u32>,
}

/// The file as JSON: stories pretty-printed, to read and diff; attempts one compact line each, because a
/// daily user has tens of thousands and the file should stay small and quick to write.
pub fn serialize(bank: &Bank) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + bank.stories.len() * 1024 + bank.attempts.len() * 320);
    out.extend_from_slice(
        format!("{{\n  \"format\": \"{FORMAT}\",\n  \"schema_version\": {SCHEMA_VERSION},\n").as_bytes(),
    );
    out.extend_from_slice(b"  \"stories\": ");
    write_pretty_list(&mut out, &bank.stories);
    out.extend_from_slice(b",\n  \"attempts\": [");
    for (i, attempt) in bank.attempts.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        serde_json::to_writer(&mut out, attempt).expect("an attempt always serializes");
    }
    out.extend_from_slice(if bank.attempts.is_empty() { b"]\n}\n" } else { b"\n  ]\n}\n" });
    out
}

/// `items` as a pretty JSON array, indented to sit one level inside the file's object.
fn write_pretty_list<T: Serialize>(out: &mut Vec<u8>, items: &[T]) {
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"  ");
    let mut nested = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut nested, formatter);
    items.serialize(&mut serializer).expect("a story always serializes");
    for (i, line) in nested.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\n  ");
        }
        out.extend_from_slice(line);
    }
}

/// Parses the bytes of a data file or a JSON export, checking its format, version and integrity.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Bank, StoreError> {
    match parse_any_version(path, bytes)? {
        (_, version) if version > SCHEMA_VERSION => Err(StoreError::TooNew { path: path.to_path_buf(), version }),
        (bank, _) => Ok(bank),
    }
}

/// Like [`parse`], but a newer file whose contents this version still reads is returned with its version,
/// for opening read-only.
pub fn parse_any_version(path: &Path, bytes: &[u8]) -> Result<(Bank, u32), StoreError> {
    let parse_error = |e: serde_json::Error| StoreError::Damaged {
        path: path.to_path_buf(),
        problem: format!("line {}, column {}: {}", e.line(), e.column(), describe_json_error(&e)),
        copy: None,
    };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        let problem = "it starts with a UTF-8 byte-order mark; save it without one".to_string();
        return Err(StoreError::Damaged { path: path.to_path_buf(), problem, copy: None });
    }
    let file: FileIn = match serde_json::from_slice(bytes) {
        Ok(file) => file,
        Err(full_error) => {
            // Tell "not ours" and "too new" apart from plain damage: those deserve their own sentence.
            if let Ok(header) = serde_json::from_slice::<Header>(bytes) {
                if header.format.as_deref().is_some_and(|f| f != FORMAT) {
                    return Err(StoreError::NotOurs { path: path.to_path_buf() });
                }
                if let Some(version) = header.schema_version.filter(|&v| v > SCHEMA_VERSION) {
                    return Err(StoreError::TooNew { path: path.to_path_buf(), version });
                }
            }
            return Err(parse_error(full_error));
        }
    };
    if file.format != FORMAT {
        return Err(StoreError::NotOurs { path: path.to_path_buf() });
    }
    if file.schema_version == 0 {
        let problem = "its schema_version is 0, and versions start at 1".to_string();
        return Err(StoreError::Damaged { path: path.to_path_buf(), problem, copy: None });
    }
    let mut bank = migrate(Bank { stories: file.stories, attempts: file.attempts }, file.schema_version);
    // Text edited by hand or by another tool may carry control characters; none reaches memory, and the caps
    // are checked on the text as it will be kept.
    validate::clean_bank(&mut bank);
    validate::bank(&bank).map_err(|problem| StoreError::Damaged { path: path.to_path_buf(), problem, copy: None })?;
    Ok((bank, file.schema_version))
}

/// Brings a bank read from an older schema version up to the current one.
// An arm a version, even where the step rewrites nothing, so each new version adds its own.
#[allow(clippy::match_same_arms)]
fn migrate(bank: Bank, from_version: u32) -> Bank {
    match from_version {
        // 1 → 2 added an attempt's optional `mock` and `follow_ups`, 2 → 3 its optional `drill`, `recording` and
        // `voice` and a story's optional `conflict_with` and `import_base`; serde defaults them, so nothing to
        // rewrite.
        1 | 2 => bank,
        _ => bank,
    }
}

fn describe_json_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    // serde_json appends " at line L column C"; we say where ourselves.
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}
