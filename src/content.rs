//! The interview guide, bundled at compile time from `content/guide.toml`.
//!
//! Everything the coach says about the prompts comes from here, so the binary works from any folder. Beside the
//! guide: the sixteen leadership principles ([`principles`]) and the drill's question bank ([`questions`]).
//! Custom prompt packs (see [`packs`]) add prompts after the bundled ones, and questions after the bank's.

pub mod packs;
pub mod phases;
pub mod principles;
pub mod questions;

use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{Attempt, Phase};
use crate::practice::PhaseShares;
pub use packs::{Pack, PackError};
pub use phases::PhaseSet;
pub use principles::Principle;
pub use questions::{Question, Questions};

/// One file of the bundled content, `content/<name>.toml` as build.rs turned it into JSON: the same values, parsed
/// at start-up in a sixth of the time.
macro_rules! bundled_json {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/", $name, ".json"))
    };
}
pub(crate) use bundled_json;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// The seven questions as the guide opens with them, in one paragraph.
    pub questions_intro: String,
    /// "Quick Answer": what the questions evaluate.
    pub quick_answer: String,
    /// How to approach the prompts at all.
    pub approach: String,
    /// The leadership principles the interviewer assesses, as the guide lists them up front.
    pub assessed_principles: Vec<String>,
    /// Every leadership principle the guide names anywhere.
    pub principles: Vec<String>,
    pub strategy: Strategy,
    pub template: Template,
    pub prompts: Vec<Prompt>,
    pub pitfalls: Vec<Pitfall>,
    pub edge_cases: Vec<String>,
    pub checklist: Vec<String>,
    /// The custom packs loaded, in file-name order; their prompts follow the bundled ones in `prompts`.
    #[serde(skip)]
    pub packs: Vec<Pack>,
    /// The drill's question bank: the bundled questions, then the packs'. Empty in a guide from [`Guide::parse`].
    #[serde(skip)]
    pub questions: Questions,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    /// "Build a story bank of 6–8 experiences mapped to common themes: …"
    pub story_bank: String,
    pub themes: Vec<String>,
    /// "Use STAR for each answer:"
    pub star_intro: String,
    pub star: Vec<StarStep>,
    /// The remaining strategy bullets (quantify impact, emphasise your role).
    pub advice: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarStep {
    pub phase: Phase,
    pub definition: String,
}

/// The "reusable answer template".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub situation: String,
    pub task: String,
    pub actions: String,
    pub results: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    pub id: String,
    /// 1–7 in the bundled guide (tests/content.rs checks them). Packs leave it out: their prompts are numbered
    /// after the bundled ones, so the numbers stay unique and in display order.
    #[serde(default)]
    pub number: u8,
    /// The question as the interviewer asks it.
    pub question: String,
    /// The heading the guide gives the prompt's section.
    pub heading: String,
    pub principles: Vec<String>,
    pub looks_for: String,
    pub tips: Vec<String>,
    pub structure: Vec<StructureStep>,
    /// The parts an answer moves through when they are not STAR's four (see [`phases`]); empty for STAR.
    #[serde(default)]
    pub phases: Vec<phases::PhaseDecl>,
    /// False for a prompt answered without a story ("why Amazon"): the coverage does not ask for one, and the
    /// review does not ask for a learning.
    #[serde(default = "tells_a_story")]
    pub tells_story: bool,
    pub example: Example,
    /// The index in [`Guide::packs`] of the pack the prompt came from; `None` for the bundled prompts.
    #[serde(skip)]
    pub pack: Option<usize>,
}

fn tells_a_story() -> bool {
    true
}

/// The title of the bundled prompts' group.
pub const BUILTIN_GROUP: &str = "Built-in prompts";

/// A run of [`Guide::prompts`] shown under one heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group<'g> {
    pub title: &'g str,
    /// The pack's index in [`Guide::packs`]; `None` for the bundled prompts.
    pub pack: Option<usize>,
    /// The index in `prompts` of the group's first prompt, and how many follow.
    pub start: usize,
    pub len: usize,
}

/// Whether `id` can name a prompt: 1 to 64 ASCII letters, digits, `-` or `_`, and not only digits (a number picks
/// a prompt by its number instead).
pub fn is_valid_prompt_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !id.bytes().all(|b| b.is_ascii_digit())
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructureStep {
    pub label: String,
    pub text: String,
}

/// A worked example: a STAR outline for most prompts, condensed talking points for "why Amazon".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// How the guide labels the example ("Example outline", "Example (condensed)").
    pub label: String,
    #[serde(default)]
    pub points: Vec<String>,
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
}

impl Example {
    pub fn is_outline(&self) -> bool {
        !self.situation.is_empty()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pitfall {
    pub pitfall: String,
    pub remedy: String,
}

impl Guide {
    /// Parses the bundled guide. Tests prove it parses and is complete, so a failure here is a build defect.
    pub fn bundled() -> &'static Guide {
        static GUIDE: OnceLock<Guide> = OnceLock::new();
        GUIDE.get_or_init(Guide::bundled_owned)
    }

    /// The bundled guide and questions, parsed afresh: what [`Guide::with_packs`] builds on.
    fn bundled_owned() -> Guide {
        let mut guide: Guide =
            serde_json::from_str(bundled_json!("guide")).expect("bundled content/guide.toml is valid");
        guide.questions = Questions::bundled();
        guide
    }

    /// A guide written as `content/guide.toml` is (the bundled one is read from its JSON form, as build.rs made it).
    pub fn parse(text: &str) -> Result<Guide, toml::de::Error> {
        toml::from_str(text)
    }

    /// The bundled guide with the prompt packs in `dir` added (none when `dir` is `None` or missing). A broken
    /// pack is left out whole and reported; the rest still load.
    pub fn with_packs(dir: Option<&Path>) -> (Guide, Vec<PackError>) {
        // Built afresh rather than cloned from `bundled()`: the coach then holds one copy, not two.
        let mut guide = Guide::bundled_owned();
        let errors = dir.map(|dir| packs::load_dir(&mut guide, dir)).unwrap_or_default();
        (guide, errors)
    }

    /// The principles a story can show: the sixteen in their published order, then any the guide, the prompt packs
    /// or their questions name that are not among them, in the order they first appear, so a pack that follows
    /// other values can be covered too.
    pub fn all_principles(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self.leadership_principles().iter().map(|p| p.name.as_str()).collect();
        let pack_prompts = self.prompts.iter().filter(|p| p.pack.is_some()).flat_map(|p| &p.principles);
        let pack_questions = self.questions.from_packs().flat_map(|q| &q.principles);
        for principle in self.principles.iter().chain(pack_prompts).chain(pack_questions) {
            // Exact first: the guide's ten are spelled as published, and need no folding.
            if !all.contains(&principle.as_str()) && !all.iter().any(|known| principles::same(known, principle)) {
                all.push(principle);
            }
        }
        all
    }

    /// The sixteen leadership principles with their glosses, in published order.
    pub fn leadership_principles(&self) -> &'static [Principle] {
        principles::bundled()
    }

    /// What an interviewer listens for in `principle` (spelling aside); `None` for a principle only a pack names.
    pub fn gloss(&self, principle: &str) -> Option<&'static str> {
        self.leadership_principles().iter().find(|p| principles::same(&p.name, principle)).map(|p| p.gloss.as_str())
    }

    /// The principle the user means by `input` (see [`principles::resolve`]); the error is one sentence.
    pub fn resolve_principle(&self, input: &str) -> Result<&str, String> {
        principles::resolve(&self.all_principles(), input)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The questions that probe `principle`, in bank order.
    pub fn questions_on<'g>(&'g self, principle: &'g str) -> impl Iterator<Item = &'g Question> {
        self.questions.iter().filter(move |q| q.probes(principle))
    }

    /// Whether an attempt may name `id` as its prompt and find it here: a prompt's id or a question's.
    pub fn knows_prompt(&self, id: &str) -> bool {
        self.prompt(id).is_some() || self.question(id).is_some()
    }

    /// The bundled prompts, which come first in `prompts`.
    pub fn builtin_prompts(&self) -> &[Prompt] {
        let end = self.prompts.iter().position(|p| p.pack.is_some()).unwrap_or(self.prompts.len());
        &self.prompts[..end]
    }

    /// The prompts as shown: the bundled ones, then one group per pack, each a run of `prompts` from `start`.
    pub fn groups(&self) -> Vec<Group<'_>> {
        let mut groups: Vec<Group> = Vec::new();
        for (i, prompt) in self.prompts.iter().enumerate() {
            match groups.last_mut() {
                Some(group) if group.pack == prompt.pack => group.len += 1,
                _ => {
                    let title = prompt.pack.map_or(BUILTIN_GROUP, |p| self.packs[p].name.as_str());
                    groups.push(Group { title, pack: prompt.pack, start: i, len: 1 });
                }
            }
        }
        groups
    }

    /// How a prompt id reads in a list: "4. Tell me about…", "Drill: Describe a time…" for a drilled question, or
    /// the bare id when nothing loaded has it (a pack removed or broken since), so the story or attempt naming it
    /// still shows.
    pub fn prompt_label(&self, id: &str) -> String {
        match (self.prompt(id), self.question(id)) {
            (Some(p), _) => format!("{}. {}", p.number, p.question),
            (None, Some(q)) => format!("Drill: {}", q.question),
            (None, None) => format!("prompt {id} (pack not loaded)"),
        }
    }

    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        self.prompts.iter().find(|p| p.id == id)
    }

    /// Finds a prompt by its number ("4") or its id ("missed-deadline").
    pub fn find_prompt(&self, number_or_id: &str) -> Option<&Prompt> {
        let key = number_or_id.trim();
        match key.parse::<u8>() {
            Ok(n) => self.prompts.iter().find(|p| p.number == n),
            Err(_) => self.prompt(key),
        }
    }

    pub fn prompt_ids(&self) -> impl Iterator<Item = &str> {
        self.prompts.iter().map(|p| p.id.as_str())
    }

    /// The phases an answer to `id` moves through: the prompt's own, else STAR's with `shares` (a drilled question,
    /// a prompt no longer loaded).
    pub fn phases(&self, id: &str, shares: &PhaseShares) -> PhaseSet {
        PhaseSet::of(self.prompt(id), shares)
    }

    /// The phases `attempt` is judged by: its prompt's, or STAR's for one marked in STAR before the prompt had
    /// its own.
    pub fn phases_of(&self, attempt: &Attempt, shares: &PhaseShares) -> PhaseSet {
        self.phases(&attempt.prompt, shares).as_marked(&attempt.phases, shares)
    }

    pub fn star_definition(&self, phase: Phase) -> &str {
        self.strategy.star.iter().find(|s| s.phase == phase).map_or("", |s| s.definition.as_str())
    }
}

/// What a follow-up digs into, as the guide asks candidates to be ready for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FollowUpKind {
    Design,
    Metrics,
    TradeOffs,
    Differently,
    Ownership,
}

impl FollowUpKind {
    pub const ALL: [FollowUpKind; 5] = [
        FollowUpKind::Design,
        FollowUpKind::Metrics,
        FollowUpKind::TradeOffs,
        FollowUpKind::Differently,
        FollowUpKind::Ownership,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FollowUpKind::Design => "design",
            FollowUpKind::Metrics => "metrics",
            FollowUpKind::TradeOffs => "trade-offs",
            FollowUpKind::Differently => "what you would do differently",
            FollowUpKind::Ownership => "ownership",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub kind: FollowUpKind,
    pub question: String,
}

/// The interviewer's follow-up questions, bundled from `content/followups.toml`: a list per prompt id, and a
/// generic list for prompts that have none (prompt packs can add prompts the bundled file does not know).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUps {
    pub generic: Vec<FollowUp>,
    #[serde(default)]
    pub prompts: std::collections::BTreeMap<String, Vec<FollowUp>>,
}

impl FollowUps {
    /// Parses the bundled follow-ups; a content test proves they parse, so a failure here is a build defect.
    pub fn bundled() -> &'static FollowUps {
        static FOLLOW_UPS: OnceLock<FollowUps> = OnceLock::new();
        FOLLOW_UPS.get_or_init(|| {
            serde_json::from_str(bundled_json!("followups")).expect("bundled content/followups.toml is valid")
        })
    }

    pub fn parse(text: &str) -> Result<FollowUps, toml::de::Error> {
        toml::from_str(text)
    }

    /// The prompt's own follow-ups, or the generic ones when it has none.
    pub fn for_prompt(&self, prompt_id: &str) -> &[FollowUp] {
        match self.prompts.get(prompt_id) {
            Some(list) if !list.is_empty() => list,
            _ => &self.generic,
        }
    }
}
