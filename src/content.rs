//! The interview guide, bundled at compile time from `content/guide.toml`.
//!
//! Everything the coach says about the prompts comes from here, so the binary works from any folder.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::Phase;

const GUIDE_TOML: &str = include_str!("../content/guide.toml");

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
    pub number: u8,
    /// The question as the interviewer asks it.
    pub question: String,
    /// The heading the guide gives the prompt's section.
    pub heading: String,
    pub principles: Vec<String>,
    pub looks_for: String,
    pub tips: Vec<String>,
    pub structure: Vec<StructureStep>,
    pub example: Example,
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
        GUIDE.get_or_init(|| Guide::parse(GUIDE_TOML).expect("bundled content/guide.toml is valid"))
    }

    pub fn parse(text: &str) -> Result<Guide, toml::de::Error> {
        toml::from_str(text)
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

    pub fn star_definition(&self, phase: Phase) -> &str {
        self.strategy.star.iter().find(|s| s.phase == phase).map(|s| s.definition.as_str()).unwrap_or("")
    }
}

const FOLLOW_UPS_TOML: &str = include_str!("../content/followups.toml");

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
        FOLLOW_UPS.get_or_init(|| FollowUps::parse(FOLLOW_UPS_TOML).expect("bundled content/followups.toml is valid"))
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
