//! The user's data: stories, practice attempts and the bank that holds both.

mod phase;
pub(crate) mod timestamp;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use phase::{MAX_PHASE_ID, Phase};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub situation: String,
    #[serde(default)]
    pub task: String,
    #[serde(default)]
    pub actions: Vec<String>,
    #[serde(default)]
    pub results: Vec<String>,
    #[serde(default)]
    pub learning: String,
    #[serde(default)]
    pub principles: Vec<String>,
    /// Ids of the prompts this story answers.
    #[serde(default)]
    pub prompts: Vec<String>,
    #[serde(deserialize_with = "timestamp::deserialize")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "timestamp::deserialize")]
    pub updated_at: DateTime<Utc>,
    /// Set on a story an import brought in while the story with this id had changed here too: both are kept, this
    /// one marked, for the user to merge or delete. Schema 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict_with: Option<String>,
    /// The fingerprint ([`Story::fingerprint`]) of the content both sides agreed on at the last import, so the next
    /// one can tell which side changed since. Schema 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import_base: Option<String>,
}

impl Story {
    pub fn new(id: String, title: String, now: DateTime<Utc>) -> Story {
        Story {
            id,
            title,
            situation: String::new(),
            task: String::new(),
            actions: Vec::new(),
            results: Vec::new(),
            learning: String::new(),
            principles: Vec::new(),
            prompts: Vec::new(),
            created_at: now,
            updated_at: now,
            conflict_with: None,
            import_base: None,
        }
    }

    pub fn fits(&self, prompt_id: &str) -> bool {
        self.prompts.iter().any(|p| p == prompt_id)
    }

    /// The conflict mark in words, for a list of stories: `None` for a story that is not an import's copy.
    pub fn conflict_note(&self) -> Option<String> {
        self.conflict_with.as_ref().map(|id| format!("an import's copy, in conflict with story {id}"))
    }

    /// A stable fingerprint of what the user wrote (not the id, times or marks): 16 hex digits of FNV-1a, the
    /// same on every machine and version, so two banks can compare a story without sending it.
    pub fn fingerprint(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |text: &str| {
            // Each field ends with a byte no text holds, so "ab" + "c" and "a" + "bc" differ.
            for byte in text.bytes().chain([0xff]) {
                hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
        };
        for text in [&self.title, &self.situation, &self.task, &self.learning] {
            eat(text);
        }
        for list in [&self.actions, &self.results, &self.principles, &self.prompts] {
            eat(&list.len().to_string());
            for item in list {
                eat(item);
            }
        }
        format!("{hash:016x}")
    }
}

/// Time spent in one phase of an attempt (STAR's, or the prompt's own).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseSpan {
    pub phase: Phase,
    pub secs: f64,
}

/// The self-review checklist, one answer per pitfall of the guide.
// One yes or no per pitfall, by name in the file: the bools are the data, not a state machine.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    /// I spoke as "I" about what I owned, not "we".
    pub spoke_as_i: bool,
    /// I gave at least one metric.
    pub gave_metric: bool,
    /// I kept the Situation and Task short.
    pub short_setup: bool,
    /// I said what I learned or the mechanism I put in place.
    pub stated_learning: bool,
}

impl Checklist {
    /// The items that apply only to some answers (see [`crate::content::PhaseSet::checks`]).
    pub const SHORT_SETUP: usize = 2;
    pub const STATED_LEARNING: usize = 3;

    pub const ITEMS: [&'static str; 4] = [
        "I spoke as \"I\" about what I did, not \"we\"",
        "I gave at least one metric",
        "I kept the Situation and Task short",
        "I said what I learned or the mechanism I put in place",
    ];

    pub fn get(&self, index: usize) -> bool {
        match index {
            0 => self.spoke_as_i,
            1 => self.gave_metric,
            2 => self.short_setup,
            3 => self.stated_learning,
            _ => false,
        }
    }

    pub fn toggle(&mut self, index: usize) {
        let field = match index {
            0 => &mut self.spoke_as_i,
            1 => &mut self.gave_metric,
            2 => &mut self.short_setup,
            3 => &mut self.stated_learning,
            _ => return,
        };
        *field = !*field;
    }

    /// How many of `items` (indexes into [`Checklist::ITEMS`]) are ticked.
    pub fn ticked_of(&self, items: &[usize]) -> usize {
        items.iter().filter(|&&i| self.get(i)).count()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    #[serde(default)]
    pub checklist: Checklist,
    /// How the answer felt, 1 (shaky) to 5 (nailed it); `None` until the user says.
    #[serde(default)]
    pub confidence: Option<u8>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attempt {
    pub id: String,
    /// Id of the prompt answered.
    pub prompt: String,
    /// Id of the story told, if the user picked one.
    pub story: Option<String>,
    #[serde(deserialize_with = "timestamp::deserialize")]
    pub started_at: DateTime<Utc>,
    pub duration_secs: f64,
    /// Phases in the order they were marked; their `secs` add up to `duration_secs`.
    pub phases: Vec<PhaseSpan>,
    #[serde(default)]
    pub review: Review,
    /// The id of the mock interview this attempt was a round of; `None` for plain practice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mock: Option<String>,
    /// The follow-up questions answered after the main answer, in order (mock rounds only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<FollowUpAnswer>,
    /// Set when the attempt answered a drilled question; `prompt` is then the question's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drill: Option<Drill>,
    /// The spoken answer, when it was recorded (schema 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<Recording>,
    /// What the answer's recording says (talk time, pauses, pace, per phase); `None` when nothing was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice: Option<crate::voice::VoiceSummary>,
}

/// How a drilled question went before the answer began.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Drill {
    /// Seconds from the question showing to the story being picked; over 30 is a late pick.
    pub pick_secs: f64,
}

/// An attempt's recording: a WAV named after the attempt in the recordings folder beside the data file. Written
/// `"recording": "<id>.wav"`, or `{"file": "<id>.wav", "pruned": true}` once the file was deleted to keep the
/// folder under its size limit (the attempt keeps its timing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RecordingForm", into = "RecordingForm")]
pub struct Recording {
    pub file: String,
    pub pruned: bool,
}

impl Recording {
    pub fn of(attempt_id: &str) -> Recording {
        Recording { file: format!("{attempt_id}.wav"), pruned: false }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum RecordingForm {
    File(String),
    Detailed(RecordingObject),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordingObject {
    file: String,
    #[serde(default)]
    pruned: bool,
}

impl From<RecordingForm> for Recording {
    fn from(form: RecordingForm) -> Recording {
        match form {
            RecordingForm::File(file) => Recording { file, pruned: false },
            RecordingForm::Detailed(RecordingObject { file, pruned }) => Recording { file, pruned },
        }
    }
}

impl From<Recording> for RecordingForm {
    fn from(recording: Recording) -> RecordingForm {
        match recording {
            Recording { file, pruned: false } => RecordingForm::File(file),
            Recording { file, pruned: true } => RecordingForm::Detailed(RecordingObject { file, pruned: true }),
        }
    }
}

/// One follow-up question of a mock round and how long the answer took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpAnswer {
    pub question: String,
    pub secs: f64,
}

impl Attempt {
    /// An answer with only its when and how long known: no story, no phase marks, not reviewed, not a mock round
    /// or a drill, not recorded. Callers fill in what they know with `..Attempt::new(..)`.
    pub fn new(
        id: impl Into<String>,
        prompt: impl Into<String>,
        started_at: DateTime<Utc>,
        duration_secs: f64,
    ) -> Attempt {
        Attempt {
            id: id.into(),
            prompt: prompt.into(),
            story: None,
            started_at,
            duration_secs,
            phases: Vec::new(),
            review: Review::default(),
            mock: None,
            follow_ups: Vec::new(),
            drill: None,
            recording: None,
            voice: None,
        }
    }

    pub fn phase_secs(&self, phase: Phase) -> f64 {
        self.phases.iter().filter(|p| p.phase == phase).map(|p| p.secs).sum()
    }

    /// Where each marked phase starts, in seconds from the start of the answer (and of its recording).
    pub fn phase_starts(&self) -> Vec<(Phase, f64)> {
        phase_starts(&self.phases)
    }

    /// The share of the answer spent on Situation and Task, 0.0–1.0; `None` when no phase of it is STAR's (an
    /// answer in a prompt's own parts, or none marked), which has no setup to measure.
    pub fn setup_share(&self) -> Option<f64> {
        if self.duration_secs <= 0.0 || !self.phases.iter().any(|p| Phase::STAR.contains(&p.phase)) {
            return None;
        }
        // fold from +0.0: an empty f64 sum is -0.0, which prints as "-0%".
        let setup = self.phases.iter().filter(|p| p.phase.is_setup()).fold(0.0, |sum, p| sum + p.secs);
        Some((setup / self.duration_secs).clamp(0.0, 1.0))
    }
}

/// Where each phase of `spans` starts, in seconds from the start of the answer (and of its recording).
pub fn phase_starts(spans: &[PhaseSpan]) -> Vec<(Phase, f64)> {
    let mut at = 0.0;
    spans
        .iter()
        .map(|span| {
            let start = (span.phase, at);
            at += span.secs;
            start
        })
        .collect()
}

/// Everything the user keeps: the story bank and the practice history.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bank {
    #[serde(default)]
    pub stories: Vec<Story>,
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    /// The interview date and how many prompts a day to plan (schema 3; absent until set).
    #[serde(default, skip_serializing_if = "PlanSettings::is_empty")]
    pub plan: PlanSettings,
}

/// What the user told the planner: when the interview is, and how many prompts a day they can give it (the
/// config's `[plan] per_day` otherwise).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interview_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_day: Option<u32>,
}

impl PlanSettings {
    pub fn is_empty(&self) -> bool {
        self.interview_date.is_none() && self.per_day.is_none()
    }
}

impl Bank {
    pub fn story(&self, id: &str) -> Option<&Story> {
        self.stories.iter().find(|s| s.id == id)
    }

    pub fn story_mut(&mut self, id: &str) -> Option<&mut Story> {
        self.stories.iter_mut().find(|s| s.id == id)
    }
}

/// A short random id: 10 characters of lowercase base-32, unique enough to merge banks by id.
pub fn new_id() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default(),
    );
    let mut bits = hasher.finish();
    (0..10)
        .map(|_| {
            let c = ALPHABET[(bits & 31) as usize] as char;
            bits >>= 5;
            c
        })
        .collect()
}
