//! The question bank for the drill: behavioural questions beyond the seven prompts, each probing one or two
//! leadership principles, bundled from `content/questions.toml`. Prompt packs add `[[questions]]` the same way.

use std::sync::OnceLock;

use serde::Deserialize;

use super::is_valid_prompt_id;
use super::principles::same;
use crate::text::quote;

/// An interviewer asks about one principle, perhaps two; a question said to probe more probes none well.
pub const MAX_PRINCIPLES: usize = 2;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable: a drilled attempt stores it as its `prompt`.
    pub id: String,
    /// As the interviewer asks it.
    pub question: String,
    /// The principles it probes, the main one first.
    pub principles: Vec<String>,
    /// What the interviewer digs in with, for about a third of the questions.
    #[serde(default)]
    pub follow_up: Option<String>,
    /// The index in [`super::Guide::packs`] of the pack it came from; `None` for the bundled questions.
    #[serde(skip)]
    pub pack: Option<usize>,
}

impl Question {
    /// Whether the question probes `principle`, spelling aside.
    pub fn probes(&self, principle: &str) -> bool {
        self.principles.iter().any(|p| same(p, principle))
    }

    /// The principle the question is mainly about.
    pub fn main_principle(&self) -> &str {
        self.principles.first().map_or("", String::as_str)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionsFile {
    questions: Vec<Question>,
}

pub fn parse(text: &str) -> Result<Vec<Question>, toml::de::Error> {
    toml::from_str::<QuestionsFile>(text).map(|file| file.questions)
}

/// A hash of the bundled bank as embedded, from build.rs: the plan's settings hash takes it for the bundled
/// questions, so working out whether the plan still fits needs no question read.
#[allow(clippy::unreadable_literal, reason = "a hash build.rs writes, never read by a person")]
pub const BUNDLED_FINGERPRINT: u64 = include!(concat!(env!("OUT_DIR"), "/questions.fingerprint"));

/// The question bank a guide holds: the bundled questions, read on first use (drawing the Prompts screen never
/// needs them, and they are most of the bundled content), then any a prompt pack adds.
#[derive(Clone)]
pub struct Questions(OnceLock<Vec<Question>>);

impl Questions {
    /// The bundled bank, not read until asked for.
    pub(super) fn bundled() -> Questions {
        Questions(OnceLock::new())
    }

    /// The list to change, the bundled bank read first if it was not yet.
    pub fn to_mut(&mut self) -> &mut Vec<Question> {
        self.0.get_or_init(parse_bundled);
        self.0.get_mut().unwrap_or_else(|| unreachable!("initialised on the line above"))
    }

    #[cfg(test)]
    pub(crate) fn is_read(&self) -> bool {
        self.0.get().is_some()
    }

    /// The questions prompt packs added. None while the bundled bank is unread: adding reads it first.
    pub fn from_packs(&self) -> impl Iterator<Item = &Question> {
        self.0.get().into_iter().flatten().filter(|q| q.pack.is_some())
    }
}

/// No questions at all: a guide from [`super::Guide::parse`].
impl Default for Questions {
    fn default() -> Questions {
        Questions(OnceLock::from(Vec::new()))
    }
}

impl From<Vec<Question>> for Questions {
    fn from(list: Vec<Question>) -> Questions {
        Questions(OnceLock::from(list))
    }
}

/// The list, read if it was not: an unread bank shown as unread would differ from the same bank read.
impl std::fmt::Debug for Questions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl std::ops::Deref for Questions {
    type Target = [Question];

    fn deref(&self) -> &[Question] {
        self.0.get_or_init(parse_bundled)
    }
}

/// The bundled bank. Content tests prove it parses and passes [`check`], so a failure here is a build defect.
pub fn bundled() -> &'static [Question] {
    static QUESTIONS: OnceLock<Vec<Question>> = OnceLock::new();
    QUESTIONS.get_or_init(parse_bundled)
}

/// The bundled bank parsed afresh, from the JSON build.rs made of `content/questions.toml`.
pub(super) fn parse_bundled() -> Vec<Question> {
    serde_json::from_str::<QuestionsFile>(super::bundled_json!("questions"))
        .expect("bundled content/questions.toml is valid")
        .questions
}

/// One question on its own (uniqueness is the caller's): a well-formed id, a question, one or two principles.
/// The reason is a phrase naming the question.
pub fn check(q: &Question) -> Result<(), String> {
    if !is_valid_prompt_id(&q.id) {
        return Err(format!(
            "the question id {} is not 1 to 64 letters, digits, '-' or '_' (and not only digits)",
            quote(&q.id)
        ));
    }
    if q.question.trim().is_empty() {
        return Err(format!("the question {} is empty", quote(&q.id)));
    }
    if q.principles.is_empty() || q.principles.len() > MAX_PRINCIPLES {
        return Err(format!(
            "the question {} names {} principles, not 1 or {MAX_PRINCIPLES}",
            quote(&q.id),
            q.principles.len()
        ));
    }
    if q.principles.iter().any(|p| p.trim().is_empty()) {
        return Err(format!("the question {} names an empty principle", quote(&q.id)));
    }
    Ok(())
}
