//! The JSON forms of a bank: a wrapper with a format tag and a schema version around the stories, and either the
//! attempts themselves (an export, a rescue file, a data file before version 4) or, in a data file since version
//! 4, which attempts log holds them and how far into it they go.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::error::Category;

use super::{FORMAT, SCHEMA_VERSION, StoreError};
use crate::model::{Attempt, Bank, PlanSettings, Story};
use crate::validate;

/// Where a data file's attempts are: the log with this id, its first `bytes` bytes, `attempts` of them then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogRef {
    pub id: String,
    pub bytes: u64,
    pub attempts: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    format: String,
    schema_version: u32,
    #[serde(default)]
    attempts_log: Option<LogRef>,
    #[serde(default)]
    stories: Vec<Story>,
    #[serde(default)]
    attempts: Option<Vec<Attempt>>,
    #[serde(default)]
    plan: PlanSettings,
}

/// Just enough of a file to tell whose it is and which version, read when the full parse fails.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    schema_version: Option<u32>,
}

/// A file read whole: its bank (no attempts when they are in a log), its version, and the log that holds its
/// attempts, if one does.
pub(super) struct Parsed {
    pub(super) bank: Bank,
    pub(super) version: u32,
    pub(super) log: Option<LogRef>,
}

/// A bank as one JSON file (an export, a rescue file): stories pretty-printed, to read and diff; attempts one
/// compact line each, because a daily user has tens of thousands.
pub fn serialize(bank: &Bank) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + bank.stories.len() * 1024 + bank.attempts.len() * 320);
    open(&mut out, &bank.plan);
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

/// The data file: the stories, and where their attempts are.
pub(super) fn serialize_data(stories: &[Story], plan: &PlanSettings, log: &LogRef) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + stories.len() * 1024);
    open(&mut out, plan);
    out.extend_from_slice(b"  \"attempts_log\": ");
    serde_json::to_writer(&mut out, log).expect("a log reference always serializes");
    out.extend_from_slice(b",\n  \"stories\": ");
    write_pretty_list(&mut out, stories);
    out.extend_from_slice(b"\n}\n");
    out
}

/// The file's opening: format, version, and the plan when one is set.
fn open(out: &mut Vec<u8>, plan: &PlanSettings) {
    out.extend_from_slice(
        format!("{{\n  \"format\": \"{FORMAT}\",\n  \"schema_version\": {SCHEMA_VERSION},\n").as_bytes(),
    );
    if !plan.is_empty() {
        out.extend_from_slice(b"  \"plan\": ");
        serde_json::to_writer(&mut *out, plan).expect("the plan always serializes");
        out.extend_from_slice(b",\n");
    }
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

/// Parses the bytes of a JSON export (or a data file from before version 4), checking its format, version and
/// integrity. A data file whose attempts are in a log is not a bank on its own, and is refused.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Bank, StoreError> {
    match parse_any_version(path, bytes)? {
        (_, version) if version > SCHEMA_VERSION => Err(StoreError::TooNew { path: path.to_path_buf(), version }),
        (bank, _) => Ok(bank),
    }
}

/// Like [`parse`], but a newer file whose contents this version still reads is returned with its version.
pub fn parse_any_version(path: &Path, bytes: &[u8]) -> Result<(Bank, u32), StoreError> {
    let parsed = parse_file(path, bytes)?;
    if parsed.log.is_some() {
        return Err(StoreError::NotAnExport { path: path.to_path_buf() });
    }
    Ok((parsed.bank, parsed.version))
}

/// Parses a data file or an export whole, checking its format, version and integrity.
pub(super) fn parse_file(path: &Path, bytes: &[u8]) -> Result<Parsed, StoreError> {
    let damaged = |problem: String| StoreError::Damaged { path: path.to_path_buf(), problem, copy: None };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Err(damaged("it starts with a UTF-8 byte-order mark; save it without one".into()));
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
            let e = &full_error;
            return Err(damaged(format!("line {}, column {}: {}", e.line(), e.column(), describe(e))));
        }
    };
    if file.format != FORMAT {
        return Err(StoreError::NotOurs { path: path.to_path_buf() });
    }
    if file.schema_version == 0 {
        return Err(damaged("its schema_version is 0, and versions start at 1".into()));
    }
    if let Some(log) = &file.attempts_log {
        if file.attempts.is_some() {
            return Err(damaged(
                "it holds attempts and also names an attempts log; it may hold one or the other".into(),
            ));
        }
        if !validate::is_valid_id(&log.id) {
            return Err(damaged("its attempts_log has an impossible id".into()));
        }
    }
    let bank = Bank { stories: file.stories, attempts: file.attempts.unwrap_or_default(), plan: file.plan };
    let mut bank = migrate(bank, file.schema_version);
    // Text edited by hand or by another tool may carry control characters; none reaches memory, and the caps
    // are checked on the text as it will be kept.
    validate::clean_bank(&mut bank);
    validate::bank(&bank).map_err(damaged)?;
    Ok(Parsed { bank, version: file.schema_version, log: file.attempts_log })
}

/// Brings a bank read from an older schema version up to the current one.
// An arm a version, even where the step rewrites nothing, so each new version adds its own.
#[allow(clippy::match_same_arms)]
fn migrate(bank: Bank, from_version: u32) -> Bank {
    match from_version {
        // 1 → 2 added an attempt's optional `mock` and `follow_ups`, 2 → 3 its optional `drill`, `recording` and
        // `voice`, a story's optional `conflict_with` and `import_base`, and the bank's optional `plan`; serde
        // defaults them, so nothing to rewrite. 3 → 4 moved the data file's attempts into the attempts log: the
        // store does that when it next writes (see `Store::open`), and an export keeps them inline.
        1..=3 => bank,
        _ => bank,
    }
}

/// What is wrong at the place a parse stopped, in words (without the " at line L column C" `serde_json` ends its
/// message with: the caller says where): "expected ident" or "EOF while parsing a value" mean nothing to someone
/// who opened the wrong file or one cut off by a full disk.
pub(super) fn describe(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let message = text.rfind(" at line ").map_or(text.as_str(), |cut| &text[..cut]);
    match e.classify() {
        Category::Eof => "the text stops short, as if the file was cut off".into(),
        Category::Syntax if matches!(message, "expected ident" | "expected value") => {
            "this is not JSON, so perhaps not the right file".into()
        }
        Category::Syntax => format!("this is not valid JSON: {message}"),
        Category::Data | Category::Io => message.to_string(),
    }
}

#[cfg(test)]
mod describe_tests {
    use super::describe;

    fn problem(text: &str) -> String {
        describe(&serde_json::from_str::<super::Header>(text).err().unwrap())
    }

    #[test]
    fn a_parse_error_says_what_kind_of_damage_in_words() {
        assert_eq!(problem("nonsense"), "this is not JSON, so perhaps not the right file");
        assert_eq!(problem("# notes\n"), "this is not JSON, so perhaps not the right file");
        assert_eq!(problem(r#"{"format": "star-coach", "stor"#), "the text stops short, as if the file was cut off");
        assert_eq!(problem(r#"{"format": "x"} trailing"#), "this is not valid JSON: trailing characters");
        assert_eq!(problem(r#"{"format": 4}"#), "invalid type: integer `4`, expected a string");
    }
}
