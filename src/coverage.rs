//! How well the story bank covers the seven prompts and the sixteen leadership principles.

use crate::content::Guide;
use crate::content::principles::same;
use crate::model::Bank;

/// The guide's story bank: 6–8 stories.
pub const BANK_TARGET_MIN: usize = 6;
pub const BANK_TARGET_MAX: usize = 8;
/// A story mapped to more prompts than this is stretched thin: an interviewer will hear it twice.
pub const MAX_PROMPTS_PER_STORY: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// A prompt id or a principle name.
    pub key: String,
    /// Ids of the stories that serve it, in bank order.
    pub stories: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub prompts: Vec<Row>,
    /// Every principle, those no story shows first, each part in the guide's order.
    pub principles: Vec<Row>,
    /// Stories mapped to more than [`MAX_PROMPTS_PER_STORY`] prompts, with how many.
    pub stretched: Vec<(String, usize)>,
    pub story_count: usize,
    /// Prompts answered without a story ("why Amazon", in its own parts): never flagged for having none.
    pub storyless: Vec<String>,
}

impl Coverage {
    pub fn of(bank: &Bank, guide: &Guide) -> Coverage {
        let rows = |keys: Vec<&str>, serves: &dyn Fn(&crate::model::Story, &str) -> bool| {
            keys.into_iter()
                .map(|key| Row {
                    key: key.to_string(),
                    stories: bank.stories.iter().filter(|s| serves(s, key)).map(|s| s.id.clone()).collect(),
                })
                .collect::<Vec<_>>()
        };
        let prompts = rows(guide.prompt_ids().collect(), &|s, key| s.fits(key));
        let mut principles = rows(guide.all_principles(), &|s, key| s.principles.iter().any(|p| same(p, key)));
        // The gaps first: with sixteen rows, the ones to write a story for must not sit below the fold.
        principles.sort_by_key(|row| !row.stories.is_empty());
        let stretched = bank
            .stories
            .iter()
            .filter(|s| s.prompts.len() > MAX_PROMPTS_PER_STORY)
            .map(|s| (s.id.clone(), s.prompts.len()))
            .collect();
        let storyless = guide.prompts.iter().filter(|p| !p.tells_story).map(|p| p.id.clone()).collect();
        Coverage { prompts, principles, stretched, story_count: bank.stories.len(), storyless }
    }

    /// The prompts answered with a story that no story fits.
    pub fn uncovered_prompts(&self) -> impl Iterator<Item = &str> {
        self.prompts.iter().filter(|r| r.stories.is_empty() && self.needs_story(&r.key)).map(|r| r.key.as_str())
    }

    /// False for a prompt answered without a story.
    pub fn needs_story(&self, prompt: &str) -> bool {
        !self.storyless.iter().any(|id| id == prompt)
    }

    pub fn unshown_principles(&self) -> impl Iterator<Item = &str> {
        self.principles.iter().filter(|r| r.stories.is_empty()).map(|r| r.key.as_str())
    }

    /// "3 of 6–8 stories: write 3 more", in words.
    pub fn progress(&self) -> String {
        let n = self.story_count;
        let range = format!("{BANK_TARGET_MIN}–{BANK_TARGET_MAX}");
        if n < BANK_TARGET_MIN {
            format!("{n} of {range} stories: write {} more", BANK_TARGET_MIN - n)
        } else if n <= BANK_TARGET_MAX {
            format!("{n} stories: the bank is the size the guide suggests ({range})")
        } else {
            format!("{n} stories: more than the {range} you can keep in mind; merge or drop the weakest")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Story;

    fn story(id: &str, prompts: &[&str], principles: &[&str]) -> Story {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc();
        let mut s = Story::new(id.into(), id.into(), at);
        s.prompts = prompts.iter().map(std::string::ToString::to_string).collect();
        s.principles = principles.iter().map(std::string::ToString::to_string).collect();
        s
    }

    #[test]
    fn finds_uncovered_prompts_unshown_principles_and_stretched_stories() {
        let guide = Guide::bundled();
        let bank = Bank {
            stories: vec![
                story("a", &["why-amazon", "simple-solution"], &["Ownership"]),
                // An older or hand-typed spelling counts, and stays as it is.
                story("b", &["simple-solution", "biggest-failure", "missed-deadline", "most-proud"], &["dive deep"]),
            ],
            attempts: vec![],
        };
        let coverage = Coverage::of(&bank, guide);
        assert_eq!(coverage.prompts[1].stories, vec!["a", "b"]);
        assert_eq!(coverage.uncovered_prompts().collect::<Vec<_>>(), vec!["above-and-beyond", "tight-deadline"]);
        // Why Amazon is answered in its own parts, not with a story: none mapped to it is not a gap.
        let without = Bank { stories: vec![story("c", &["simple-solution"], &[])], attempts: vec![] };
        let gaps: Vec<String> = Coverage::of(&without, guide).uncovered_prompts().map(str::to_string).collect();
        assert!(!gaps.contains(&"why-amazon".to_string()) && gaps.contains(&"most-proud".to_string()), "{gaps:?}");
        assert!(coverage.unshown_principles().any(|p| p == "Think Big"));
        assert!(!coverage.unshown_principles().any(|p| p == "Ownership"));
        // All sixteen, the fourteen no story shows first, in published order, then the two shown.
        let keys: Vec<&str> = coverage.principles.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys.len(), 16);
        assert_eq!(keys[..3], ["Customer Obsession", "Invent and Simplify", "Are Right, A Lot"]);
        assert_eq!(keys[14..], ["Ownership", "Dive Deep"]);
        assert_eq!(coverage.unshown_principles().count(), 14);
        assert_eq!(coverage.stretched, vec![("b".to_string(), 4)]);
        assert_eq!(coverage.progress(), "2 of 6–8 stories: write 4 more");
    }

    #[test]
    fn progress_in_range_and_over() {
        let guide = Guide::bundled();
        let mut bank = Bank::default();
        for i in 0..6 {
            bank.stories.push(story(&format!("s{i}"), &[], &[]));
        }
        assert!(Coverage::of(&bank, guide).progress().contains("the size the guide suggests"));
        for i in 6..9 {
            bank.stories.push(story(&format!("s{i}"), &[], &[]));
        }
        assert!(Coverage::of(&bank, guide).progress().starts_with("9 stories: more than"));
    }
}
