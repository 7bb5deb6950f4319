//! One attempt as the history index remembers it, in a prompt's or a story's timeline, and the timelines'
//! order: by start time, then by id.

use std::cmp::Ordering;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::FLAG_WINDOW;
use super::voice::VoiceFigures;
use crate::model::Attempt;

/// One attempt as the index remembers it, in a prompt's or a story's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "BriefAttempt", from = "BriefAttempt")]
pub struct RecentAttempt {
    pub started_at: DateTime<Utc>,
    pub duration_secs: f64,
    pub confidence: Option<u8>,
    /// `None` for an answer with no setup (a prompt's own phases).
    pub(super) setup_share: Option<f64>,
    pub(super) voice: Option<VoiceFigures>,
    id: AttemptId,
}

/// A [`RecentAttempt`] as a digest keeps it: what the next pick and a story's figures look at.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BriefAttempt {
    id: String,
    #[serde(deserialize_with = "crate::model::timestamp::deserialize")]
    started_at: DateTime<Utc>,
    duration_secs: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    confidence: Option<u8>,
}

impl From<RecentAttempt> for BriefAttempt {
    fn from(r: RecentAttempt) -> BriefAttempt {
        BriefAttempt {
            id: r.id().to_string(),
            started_at: r.started_at,
            duration_secs: r.duration_secs,
            confidence: r.confidence,
        }
    }
}

impl From<BriefAttempt> for RecentAttempt {
    fn from(b: BriefAttempt) -> RecentAttempt {
        RecentAttempt {
            started_at: b.started_at,
            duration_secs: b.duration_secs,
            confidence: b.confidence,
            setup_share: None,
            voice: None,
            id: AttemptId::new(&b.id),
        }
    }
}

/// An attempt id, kept inline when it is short (as ids made by [`crate::model::new_id`] are) so indexing 100,000
/// attempts does not make 200,000 small allocations.
#[derive(Clone, PartialEq, Eq)]
enum AttemptId {
    Inline { len: u8, bytes: [u8; INLINE_ID] },
    Heap(Box<str>),
}

const INLINE_ID: usize = 22;

impl AttemptId {
    fn new(id: &str) -> AttemptId {
        if id.len() <= INLINE_ID {
            let mut bytes = [0; INLINE_ID];
            bytes[..id.len()].copy_from_slice(id.as_bytes());
            // At most INLINE_ID bytes: fits a u8.
            AttemptId::Inline { len: u8::try_from(id.len()).unwrap_or(0), bytes }
        } else {
            AttemptId::Heap(id.into())
        }
    }

    /// The id's bytes, which order as the id's text does.
    fn as_bytes(&self) -> &[u8] {
        match self {
            AttemptId::Inline { len, bytes } => &bytes[..usize::from(*len)],
            AttemptId::Heap(id) => id.as_bytes(),
        }
    }
}

impl fmt::Debug for AttemptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&String::from_utf8_lossy(self.as_bytes()), f)
    }
}

impl RecentAttempt {
    pub(super) fn of(a: &Attempt) -> RecentAttempt {
        RecentAttempt {
            started_at: a.started_at,
            duration_secs: a.duration_secs,
            confidence: a.review.confidence,
            setup_share: a.setup_share(),
            voice: VoiceFigures::of(a),
            id: AttemptId::new(&a.id),
        }
    }

    /// As a digest keeps it: without the figures only the History screen reads.
    pub(super) fn brief(a: &Attempt) -> RecentAttempt {
        RecentAttempt { setup_share: None, voice: None, ..RecentAttempt::of(a) }
    }

    /// The attempt's id (ids are ASCII, as validation makes sure; anything else reads as empty).
    pub fn id(&self) -> &str {
        std::str::from_utf8(self.id.as_bytes()).unwrap_or_default()
    }

    pub(super) fn key_cmp(&self, started_at: DateTime<Utc>, id: &str) -> Ordering {
        self.started_at.cmp(&started_at).then_with(|| self.id.as_bytes().cmp(id.as_bytes()))
    }
}

pub(super) fn timeline_cmp(a: &RecentAttempt, b: &RecentAttempt) -> Ordering {
    a.started_at.cmp(&b.started_at).then_with(|| a.id.as_bytes().cmp(b.id.as_bytes()))
}

/// The latest [`FLAG_WINDOW`] rated attempts of a timeline, oldest first, however far back they are.
pub(super) fn latest_rated(timeline: &[RecentAttempt]) -> Vec<RecentAttempt> {
    let mut rated: Vec<RecentAttempt> =
        timeline.iter().rev().filter(|r| r.confidence.is_some()).take(FLAG_WINDOW).cloned().collect();
    rated.reverse();
    rated
}

pub(super) fn brief(recent: &[RecentAttempt]) -> Vec<RecentAttempt> {
    recent.iter().map(|r| RecentAttempt { setup_share: None, voice: None, ..r.clone() }).collect()
}

pub(super) fn insert_timeline(timeline: &mut Vec<RecentAttempt>, recent: RecentAttempt) {
    let at = timeline.partition_point(|r| timeline_cmp(r, &recent) != Ordering::Greater);
    timeline.insert(at, recent);
}

pub(super) fn take_timeline(timeline: &mut Vec<RecentAttempt>, a: &Attempt) -> Option<RecentAttempt> {
    let at = timeline.partition_point(|r| r.key_cmp(a.started_at, &a.id) == Ordering::Less);
    let found = timeline.get(at).is_some_and(|r| r.key_cmp(a.started_at, &a.id) == Ordering::Equal);
    found.then(|| timeline.remove(at))
}
