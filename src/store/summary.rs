//! The summary beside the attempts log: the history's [`Digest`] and which log, how long and with which hash it
//! sums up. It is only ever a shortcut: read at start so the first screen needs no attempt, checked against the
//! log's length at once and against its hash right after, and made again from the log whenever anything about
//! it is off. Nothing is lost if it is deleted.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::atomic::{hash, read_capped, write_atomic};
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

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: String,
    schema_version: u32,
    log: Of,
    digest: Digest,
    /// 16 hex digits of a hash of `log` and `digest` as written: a summary changed by hand or by damage is made
    /// again rather than believed.
    check: String,
}

pub(super) fn check_of(log: &Of, digest: &Digest) -> String {
    let bytes = serde_json::to_vec(&(log, digest)).expect("a summary always serializes");
    format!("{:016x}", hash(&bytes))
}

/// The summary at `path`, when there is one this star-coach wrote and it holds together; `None` for anything
/// else (missing, unreadable, changed, from another version), which the caller makes again from the log.
pub(super) fn read(path: &Path) -> Option<(Of, Digest)> {
    let bytes = read_capped(path).ok()??;
    let file: File = serde_json::from_slice(&bytes).ok()?;
    let whole = file.format == FORMAT
        && file.schema_version == SCHEMA_VERSION
        && file.check == check_of(&file.log, &file.digest)
        && file.digest.check().is_ok();
    whole.then_some((file.log, file.digest))
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
    let check = check_of(&log, digest);
    let file = File { format: FORMAT.into(), schema_version: SCHEMA_VERSION, log, digest: digest.clone(), check };
    let mut bytes = serde_json::to_vec(&file).expect("a summary always serializes");
    bytes.push(b'\n');
    write_atomic(path, &bytes, fault, Keep::Nothing)
}
