//! The attempts log beside the data file: one JSON line a change, appended and flushed to disk one save at a
//! time, so saving an attempt writes that attempt and nothing else.
//!
//! ```text
//! {"format":"star-coach-attempts","schema_version":4,"id":"k3m9x2p7qa"}
//! {"put":{"id":"a1","prompt":"missed-deadline",…}}
//! {"delete":"a1"}
//! ```
//!
//! The first line names the log; a data file names the log its attempts are in by that id, and how far into it
//! they go, so a backup of the data file still finds its attempts in the same log. `put` adds an attempt or
//! replaces the one with its id (in its place); `delete` takes one out. A last line without its newline is what
//! an append killed half-way leaves: it was never reported saved, so it is dropped. Any other line that does not
//! parse is damage, and the log is never written to again until the user restores a backup.

use std::collections::HashMap;
use std::fs;
use std::io::{self, BufRead as _, BufReader, Read as _, Write as _};
use std::path::Path;

use serde::Deserialize;

use super::atomic::{Stamp, hash, injected, read_error};
use super::{FaultPoint, MAX_FILE_BYTES, SCHEMA_VERSION, StoreError};
use crate::model::Attempt;
use crate::text::quote;
use crate::validate;

pub(super) const FORMAT: &str = "star-coach-attempts";
/// The longest line read: an attempt with a day-long recording's pauses stays well under it.
const MAX_LINE_BYTES: u64 = 16 * 1024 * 1024;

/// Where the log stands on disk, as this store last read or wrote it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LogState {
    pub(super) id: String,
    /// Bytes of its whole lines; a torn last line is not counted.
    pub(super) bytes: u64,
    /// The hash of those bytes; `None` until the log has been read through once.
    pub(super) hash: Option<LogHash>,
    pub(super) stamp: Option<Stamp>,
}

/// A hash of a byte stream that is the same however the stream is cut into pieces, so appends keep it up to
/// date: FNV-1a in eight lanes by the byte's place, fast enough to check 40 MiB in a few milliseconds. It finds
/// changes made by accident or by another program, not by an adversary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LogHash {
    lanes: [u64; 8],
    len: u64,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

impl LogHash {
    pub(super) fn new() -> LogHash {
        LogHash { lanes: [FNV_OFFSET; 8], len: 0 }
    }

    pub(super) fn update(&mut self, mut bytes: &[u8]) {
        // One byte at a time up to a lane boundary, then eight at a time, then the rest.
        while !bytes.is_empty() && !self.len.is_multiple_of(8) {
            self.byte(bytes[0]);
            bytes = &bytes[1..];
        }
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            for (lane, &b) in self.lanes.iter_mut().zip(word) {
                *lane = (*lane ^ u64::from(b)).wrapping_mul(FNV_PRIME);
            }
        }
        self.len += (bytes.len() - words.remainder().len()) as u64;
        for &b in words.remainder() {
            self.byte(b);
        }
    }

    fn byte(&mut self, b: u8) {
        // The remainder of a length divided by 8: always a valid lane.
        #[allow(clippy::cast_possible_truncation)]
        let lane = &mut self.lanes[(self.len % 8) as usize];
        *lane = (*lane ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        self.len += 1;
    }

    pub(super) fn finish(&self) -> u64 {
        let mut h = FNV_OFFSET ^ self.len;
        for lane in self.lanes {
            h = (h ^ lane).wrapping_mul(FNV_PRIME).rotate_left(29);
        }
        h
    }

    /// As the summary file writes it.
    pub(super) fn hex(&self) -> String {
        format!("{:016x}", self.finish())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    schema_version: u32,
    id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    #[serde(default)]
    put: Option<Attempt>,
    #[serde(default)]
    delete: Option<String>,
}

/// The first line of a new log.
pub(super) fn header(id: &str) -> Vec<u8> {
    format!("{{\"format\":\"{FORMAT}\",\"schema_version\":{SCHEMA_VERSION},\"id\":\"{id}\"}}\n").into_bytes()
}

/// A line that adds `attempt`, or replaces the one with its id.
pub(super) fn put_line(attempt: &Attempt) -> Vec<u8> {
    let mut line = b"{\"put\":".to_vec();
    serde_json::to_writer(&mut line, attempt).expect("an attempt always serializes");
    line.extend_from_slice(b"}\n");
    line
}

/// A line that takes the attempt `id` out.
pub(super) fn delete_line(id: &str) -> Vec<u8> {
    let mut line = b"{\"delete\":".to_vec();
    serde_json::to_writer(&mut line, id).expect("a string always serializes");
    line.extend_from_slice(b"}\n");
    line
}

/// What the hash of a put line is, to tell an attempt unchanged since it was written.
pub(super) fn line_hash(line: &[u8]) -> u64 {
    hash(line.strip_suffix(b"\n").unwrap_or(line))
}

/// A log read through: its attempts in order, and where it stands.
#[derive(Debug)]
pub(super) struct Replayed {
    pub(super) attempts: Vec<Attempt>,
    /// Each attempt's put line's hash, by id.
    pub(super) line_hashes: HashMap<String, u64>,
    pub(super) state: LogState,
    pub(super) version: u32,
    /// Bytes of a torn last line after the whole lines, dropped.
    pub(super) torn: u64,
}

/// Reads the log at `path` through, or its first `upto` bytes (a backup's share of it); `None` when there is no
/// log. Every attempt is cleaned and checked as the data file's are.
pub(super) fn replay(path: &Path, upto: Option<u64>) -> Result<Option<Replayed>, StoreError> {
    let Some((file, len)) = crate::files::open_regular(path, MAX_FILE_BYTES).map_err(|e| read_error(path, e))? else {
        return Ok(None);
    };
    let stamp = Stamp::of(path);
    let damaged = |problem: String| StoreError::Damaged { path: path.to_path_buf(), problem, copy: None };
    if let Some(upto) = upto.filter(|&upto| upto > len) {
        return Err(damaged(format!("it holds {len} bytes, fewer than the {upto} a backup of the data file names")));
    }
    let io_err = |source| StoreError::Io { path: path.to_path_buf(), action: "read", source };
    let mut reader = BufReader::with_capacity(256 * 1024, file.take(upto.unwrap_or(MAX_FILE_BYTES + 1)));
    let mut hash = LogHash::new();
    let (mut bytes, mut number) = (0u64, 0usize);
    let mut version = 0;
    let mut id = String::new();
    let mut slots: Vec<Option<(Attempt, u64)>> = Vec::new();
    let mut place: HashMap<String, usize> = HashMap::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = reader.by_ref().take(MAX_LINE_BYTES + 1).read_until(b'\n', &mut line).map_err(io_err)?;
        if read == 0 {
            break;
        }
        number += 1;
        if line.last() != Some(&b'\n') {
            if read as u64 > MAX_LINE_BYTES {
                return Err(damaged(format!("line {number} is longer than {} MiB", MAX_LINE_BYTES >> 20)));
            }
            // The end of the file came first. Only there may a line be cut short: what an append killed
            // half-way leaves, never reported saved.
            if number == 1 {
                return Err(damaged("its first line is cut short".into()));
            }
            if upto.is_some() {
                return Err(damaged(format!("line {number} is cut short at the end of a backup's share of it")));
            }
            break;
        }
        let text = &line[..line.len() - 1];
        let at =
            |e: serde_json::Error| format!("line {number}, column {}: {}", e.column(), super::format::describe(&e));
        if number == 1 {
            let header: Header = serde_json::from_slice(text).map_err(|e| damaged(at(e)))?;
            if header.format != FORMAT {
                return Err(damaged(format!(
                    "its first line names the format {}, not {FORMAT}",
                    quote(&header.format)
                )));
            }
            if header.schema_version == 0 || !validate::is_valid_id(&header.id) {
                return Err(damaged("its first line has an impossible version or id".into()));
            }
            (version, id) = (header.schema_version, header.id);
        } else {
            // A newer star-coach may write lines this one cannot read: that is not damage.
            let parsed: Line = serde_json::from_slice(text).map_err(|e| {
                if version > SCHEMA_VERSION {
                    StoreError::TooNew { path: path.to_path_buf(), version }
                } else {
                    damaged(at(e))
                }
            })?;
            match (parsed.put, parsed.delete) {
                (Some(mut attempt), None) => {
                    validate::clean_attempt(&mut attempt);
                    validate::attempt(&attempt).map_err(|problem| damaged(format!("line {number}: {problem}")))?;
                    let entry = (attempt, line_hash(text));
                    if let Some(&slot) = place.get(&entry.0.id) {
                        slots[slot] = Some(entry);
                    } else {
                        place.insert(entry.0.id.clone(), slots.len());
                        slots.push(Some(entry));
                    }
                }
                (None, Some(gone)) if validate::is_valid_id(&gone) => {
                    // The place is kept: an attempt put back later returns to it, as undo puts it back.
                    if let Some(&slot) = place.get(&gone) {
                        slots[slot] = None;
                    }
                }
                _ => return Err(damaged(format!("line {number} is neither one put nor one delete"))),
            }
        }
        hash.update(&line);
        bytes += line.len() as u64;
    }
    if number == 0 {
        return Err(damaged("it is empty".into()));
    }
    let torn = upto.unwrap_or(len).saturating_sub(bytes);
    let mut line_hashes = HashMap::with_capacity(place.len());
    let attempts = slots
        .into_iter()
        .flatten()
        .map(|(attempt, line)| {
            line_hashes.insert(attempt.id.clone(), line);
            attempt
        })
        .collect();
    let state = LogState { id, bytes, hash: Some(hash), stamp };
    Ok(Some(Replayed { attempts, line_hashes, state, version, torn }))
}

/// The log's id and version from its first line, without reading further; `None` when there is no log.
pub(super) fn read_header(path: &Path) -> Result<Option<(String, u32)>, StoreError> {
    let Some((file, _)) = crate::files::open_regular(path, MAX_FILE_BYTES).map_err(|e| read_error(path, e))? else {
        return Ok(None);
    };
    let mut first = Vec::new();
    BufReader::new(file.take(4096)).read_until(b'\n', &mut first).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        action: "read",
        source,
    })?;
    let damaged = |problem: String| StoreError::Damaged { path: path.to_path_buf(), problem, copy: None };
    let text = first.strip_suffix(b"\n").ok_or_else(|| damaged("its first line is cut short".into()))?;
    let header: Header = serde_json::from_slice(text)
        .map_err(|e| damaged(format!("line 1, column {}: {}", e.column(), super::format::describe(&e))))?;
    if header.format != FORMAT || header.schema_version == 0 || !validate::is_valid_id(&header.id) {
        return Err(damaged("its first line is not a star-coach attempts log's".into()));
    }
    Ok(Some((header.id, header.schema_version)))
}

/// The hash of the log's first `bytes` bytes, read a piece at a time.
pub(super) fn hash_prefix(path: &Path, bytes: u64) -> Result<LogHash, StoreError> {
    let io_err = |source| StoreError::Io { path: path.to_path_buf(), action: "read", source };
    let (file, _) = crate::files::open_regular(path, MAX_FILE_BYTES)
        .map_err(|e| read_error(path, e))?
        .ok_or_else(|| io_err(io::ErrorKind::NotFound.into()))?;
    let mut reader = file.take(bytes);
    let mut buffer = vec![0; 256 * 1024];
    let mut hash = LogHash::new();
    loop {
        let n = reader.read(&mut buffer).map_err(io_err)?;
        if n == 0 {
            break;
        }
        hash.update(&buffer[..n]);
    }
    Ok(hash)
}

/// Appends `lines` (whole lines) to the log and flushes them to disk. A write or flush that fails is taken back
/// (the log cut to where it was), so a failed save leaves the log as it was.
pub(super) fn append(
    path: &Path,
    state: &mut LogState,
    lines: &[u8],
    fault: Option<FaultPoint>,
) -> Result<(), StoreError> {
    let io_err = |action| move |source| StoreError::Io { path: path.to_path_buf(), action, source };
    let mut options = fs::OpenOptions::new();
    options.append(true);
    #[cfg(unix)]
    {
        // A FIFO put in its place fails to open instead of waiting for a reader.
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path).map_err(io_err("open"))?;
    let meta = file.metadata().map_err(io_err("open"))?;
    if !meta.is_file() {
        return Err(StoreError::NotRegular { path: path.to_path_buf(), kind: "not a regular file" });
    }
    let take_back = |file: &fs::File| {
        let _ = file.set_len(state.bytes).and_then(|()| file.sync_data());
    };
    let written = match fault {
        Some(FaultPoint::Append) => {
            file.write_all(&lines[..lines.len() / 2]).map_err(io_err("write"))?;
            Err(injected())
        }
        _ => file.write_all(lines),
    };
    if let Err(e) = written {
        take_back(&file);
        return Err(io_err("append to")(e));
    }
    let flushed = if fault == Some(FaultPoint::AppendFsync) { Err(injected()) } else { file.sync_data() };
    if let Err(e) = flushed {
        take_back(&file);
        return Err(io_err("flush to disk")(e));
    }
    state.bytes += lines.len() as u64;
    if let Some(hash) = &mut state.hash {
        hash.update(lines);
    }
    state.stamp = Stamp::of(path);
    Ok(())
}

/// Cuts a torn last line off the log, so the next append starts a line of its own.
pub(super) fn cut_torn(path: &Path, state: &mut LogState) -> Result<(), StoreError> {
    let io_err = |source| StoreError::Io { path: path.to_path_buf(), action: "repair", source };
    let file = fs::OpenOptions::new().write(true).open(path).map_err(io_err)?;
    file.set_len(state.bytes).and_then(|()| file.sync_data()).map_err(io_err)?;
    state.stamp = Stamp::of(path);
    Ok(())
}

#[cfg(test)]
mod tests;
