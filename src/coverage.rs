//! How well the story bank covers the seven prompts and the sixteen leadership principles.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::content::Guide;
use crate::content::principles;
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
    /// Each story's title by id, so naming the stories of every row stays linear in the bank.
    titles: HashMap<String, String>,
}

impl Coverage {
    /// One pass over the stories, each row found by its key: linear in the bank, however many rows.
    pub fn of(bank: &Bank, guide: &Guide) -> Coverage {
        let mut prompts = Rows::new(guide.prompt_ids(), exact);
        // Principles match spelling aside (see `same`), so they are filed under their normalised key.
        let mut principles = Rows::new(guide.all_principles(), |name| Cow::Owned(principles::key(name)));
        for story in &bank.stories {
            prompts.add(&story.id, &story.prompts);
            principles.add(&story.id, &story.principles);
        }
        let (prompts, mut principles) = (prompts.built, principles.built);
        // The gaps first: with sixteen rows, the ones to write a story for must not sit below the fold.
        principles.sort_by_key(|row| !row.stories.is_empty());
        let stretched = bank
            .stories
            .iter()
            .filter(|s| s.prompts.len() > MAX_PROMPTS_PER_STORY)
            .map(|s| (s.id.clone(), s.prompts.len()))
            .collect();
        let titles = bank.stories.iter().map(|s| (s.id.clone(), s.title.clone())).collect();
        let storyless = guide.prompts.iter().filter(|p| !p.tells_story).map(|p| p.id.clone()).collect();
        Coverage { prompts, principles, stretched, story_count: bank.stories.len(), storyless, titles }
    }

    /// The title of the story `id` names (its id when it has none), found in constant time.
    pub fn title<'a>(&'a self, id: &'a str) -> &'a str {
        match self.titles.get(id).map(String::as_str) {
            Some("") => "(untitled)",
            Some(title) => title,
            None => id,
        }
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
        progress(self.story_count)
    }
}

/// Rows under construction, and where each key's row is, by the key as `normalise` makes it.
struct Rows {
    built: Vec<Row>,
    index: HashMap<String, usize>,
    normalise: fn(&str) -> Cow<'_, str>,
}

fn exact(key: &str) -> Cow<'_, str> {
    Cow::Borrowed(key)
}

impl Rows {
    fn new<'g>(keys: impl IntoIterator<Item = &'g str>, normalise: fn(&str) -> Cow<'_, str>) -> Rows {
        let mut rows = Rows { built: Vec::new(), index: HashMap::new(), normalise };
        for key in keys {
            let next = rows.built.len();
            if let std::collections::hash_map::Entry::Vacant(slot) = rows.index.entry(normalise(key).into_owned()) {
                slot.insert(next);
                rows.built.push(Row { key: key.to_string(), stories: Vec::new() });
            }
        }
        rows
    }

    /// Lists story `id` under each of `keys` that has a row, once even if a key is named twice.
    fn add(&mut self, id: &str, keys: &[String]) {
        for key in keys {
            if let Some(&i) = self.index.get((self.normalise)(key).as_ref()) {
                let stories = &mut self.built[i].stories;
                if stories.last().is_none_or(|last| last != id) {
                    stories.push(id.to_string());
                }
            }
        }
    }
}

/// How a bank of `n` stories compares with the guide's 6–8, in words; needs no [`Coverage`], so a screen that
/// shows only this line does not compute one.
pub fn progress(n: usize) -> String {
    let range = format!("{BANK_TARGET_MIN}–{BANK_TARGET_MAX}");
    if n < BANK_TARGET_MIN {
        format!("{n} of {range} stories: write {} more", BANK_TARGET_MIN - n)
    } else if n <= BANK_TARGET_MAX {
        format!("{n} stories: the bank is the size the guide suggests ({range})")
    } else {
        format!("{n} stories: more than the {range} you can keep in mind; merge or drop the weakest")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::principles::same;
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
            ..Bank::default()
        };
        let coverage = Coverage::of(&bank, guide);
        assert_eq!(coverage.prompts[1].stories, vec!["a", "b"]);
        assert_eq!(coverage.uncovered_prompts().collect::<Vec<_>>(), vec!["above-and-beyond", "tight-deadline"]);
        // Why Amazon is answered in its own parts, not with a story: none mapped to it is not a gap.
        let without =
            Bank { stories: vec![story("c", &["simple-solution"], &[])], attempts: vec![], ..Bank::default() };
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
        assert_eq!((coverage.title("b"), coverage.title("gone")), ("b", "gone"));
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, failure_persistence: None, ..Default::default() })]

        /// The one-pass rows list the same stories, in the same order, as filtering the bank once per row.
        #[test]
        fn one_pass_rows_match_a_filter_per_row(
            tags in proptest::collection::vec((proptest::collection::vec(0usize..9, 0..5), proptest::collection::vec(0usize..6, 0..4)), 0..12)
        ) {
            let guide = Guide::bundled();
            let prompt_pool: Vec<&str> = guide.prompt_ids().chain(["from-a-pack", "why-amazon"]).collect();
            let principle_pool = ["Ownership", "dive deep", "Ownership", "Not a principle", "Think  Big", "Earn Trust"];
            let stories: Vec<Story> = tags
                .iter()
                .enumerate()
                .map(|(i, (ps, qs))| {
                    let prompts: Vec<&str> = ps.iter().map(|&p| prompt_pool[p]).collect();
                    let principles: Vec<&str> = qs.iter().map(|&q| principle_pool[q]).collect();
                    story(&format!("s{i}"), &prompts, &principles)
                })
                .collect();
            let bank = Bank { stories, attempts: Vec::new(), ..Bank::default() };
            let coverage = Coverage::of(&bank, guide);
            let filtered = |serves: &dyn Fn(&Story) -> bool| -> Vec<String> {
                bank.stories.iter().filter(|s| serves(s)).map(|s| s.id.clone()).collect()
            };
            for row in &coverage.prompts {
                proptest::prop_assert_eq!(&row.stories, &filtered(&|s| s.fits(&row.key)));
            }
            for row in &coverage.principles {
                proptest::prop_assert_eq!(&row.stories, &filtered(&|s| s.principles.iter().any(|p| same(p, &row.key))));
            }
            proptest::prop_assert_eq!(coverage.prompts.len(), guide.prompts.len());
        }
    }
}
