//! The summary beside the attempts log: the history's [`Digest`] and which log, how long and with which hash it
//! sums up. It is only ever a shortcut: read at start so the first screen needs no attempt, checked against the
//! log's length at once and against its hash right after, and made again from the log whenever anything about
//! it is off. Nothing is lost if it is deleted.

use std::hash::{DefaultHasher, Hasher as _};
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::atomic::{read_capped, write_atomic};
use super::log::LogState;
use super::{FaultPoint, SCHEMA_VERSION, StoreError, atomic::Keep};
use crate::stats::Digest;

pub(super) const FORMAT: &str = "star-coach-summary";

/// The log a summary sums up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Of {
    pub(super) id: String,
    pub(super) bytes: u64,
    /// 16 hex digits of [`super::log::LogHash`].
    pub(super) hash: String,
}

/// The file as read: `log` and `digest` kept as written, so the check hashes the very bytes on disk and only a
/// summary that passes is parsed further.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File<'a> {
    format: String,
    schema_version: u32,
    #[serde(borrow)]
    log: &'a RawValue,
    #[serde(borrow)]
    digest: &'a RawValue,
    /// 16 hex digits of a hash of `[log,digest]` as written: a summary changed by hand or by damage is made again
    /// rather than believed.
    check: String,
}

/// The file as written, in the same field order.
#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    schema_version: u32,
    log: &'a RawValue,
    digest: &'a RawValue,
    check: String,
}

/// The check of a log and digest written as `log` and `digest` (compact JSON): a hash of `[log,digest]`.
pub(super) fn check_of(log: &str, digest: &str) -> String {
    let mut h = DefaultHasher::new();
    h.write(b"[");
    h.write(log.as_bytes());
    h.write(b",");
    h.write(digest.as_bytes());
    h.write(b"]");
    format!("{:016x}", h.finish())
}

/// The summary at `path`, when there is one this star-coach wrote and it holds together; `None` for anything
/// else (missing, unreadable, changed, from another version), which the caller makes again from the log.
pub(super) fn read(path: &Path) -> Option<(Of, Digest)> {
    let bytes = read_capped(path).ok()??;
    let file: File = serde_json::from_slice(&bytes).ok()?;
    let whole = file.format == FORMAT
        && file.schema_version == SCHEMA_VERSION
        && file.check == check_of(file.log.get(), file.digest.get());
    if !whole {
        return None;
    }
    let log: Of = serde_json::from_str(file.log.get()).ok()?;
    let digest: Digest = serde_json::from_str(file.digest.get()).ok()?;
    digest.check().is_ok().then_some((log, digest))
}

/// Writes the summary of the log as `state` says it stands; nothing when its hash is not known yet.
pub(super) fn write(
    path: &Path,
    state: &LogState,
    digest: &Digest,
    fault: Option<FaultPoint>,
) -> Result<(), StoreError> {
    let Some(log_hash) = state.hash else { return Ok(()) };
    let log = Of { id: state.id.clone(), bytes: state.bytes, hash: log_hash.hex() };
    let log = RawValue::from_string(serde_json::to_string(&log).expect("a summary always serializes"));
    let digest = RawValue::from_string(serde_json::to_string(digest).expect("a summary always serializes"));
    let (log, digest) = (log.expect("JSON just written"), digest.expect("JSON just written"));
    let check = check_of(log.get(), digest.get());
    let file = FileOut { format: FORMAT, schema_version: SCHEMA_VERSION, log: &log, digest: &digest, check };
    let mut bytes = serde_json::to_vec(&file).expect("a summary always serializes");
    bytes.push(b'\n');
    write_atomic(path, &bytes, fault, Keep::Nothing)
}
