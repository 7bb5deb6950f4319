//! Deleting a story or an attempt so that it can be brought back: what was taken out, and where it stood.

use chrono::{DateTime, Utc};

use crate::content::Guide;
use crate::model::{Attempt, Bank, Story};
use crate::practice::format_secs;

/// A record taken out of the bank, with its place, so [`Bank::undelete`] can put it back where it was.
#[derive(Debug, Clone, PartialEq)]
pub enum Deleted {
    Story { index: usize, story: Story },
    Attempt { index: usize, attempt: Attempt },
}

impl Deleted {
    /// The attempt, when an attempt was deleted: the history index must drop it, and take it back on undo.
    pub fn attempt(&self) -> Option<&Attempt> {
        match self {
            Deleted::Attempt { attempt, .. } => Some(attempt),
            Deleted::Story { .. } => None,
        }
    }

    /// What was deleted, for "Deleted …" and "Brought back …": `the story "Title"`, `the 1:35 answer to prompt 4
    /// of 2026-11-01 10:00` (`when` writes the time as the screen shows times).
    pub fn describe(&self, guide: &Guide, when: impl Fn(DateTime<Utc>) -> String) -> String {
        match self {
            Deleted::Story { story, .. } => format!("the story \"{}\"", story.title),
            Deleted::Attempt { attempt, .. } => {
                let to = match (guide.prompt(&attempt.prompt), guide.question(&attempt.prompt)) {
                    (Some(prompt), _) => format!("prompt {}", prompt.number),
                    (None, Some(_)) => "a drill question".to_string(),
                    (None, None) => format!("\"{}\"", attempt.prompt),
                };
                let secs = format_secs(attempt.duration_secs);
                format!("the {secs} answer to {to} of {}", when(attempt.started_at))
            }
        }
    }
}

impl Bank {
    /// Takes out the story at `index`; `None` when there is none.
    pub fn delete_story(&mut self, index: usize) -> Option<Deleted> {
        (index < self.stories.len()).then(|| Deleted::Story { index, story: self.stories.remove(index) })
    }

    /// Takes out the attempt at `index`; `None` when there is none.
    pub fn delete_attempt(&mut self, index: usize) -> Option<Deleted> {
        (index < self.attempts.len()).then(|| Deleted::Attempt { index, attempt: self.attempts.remove(index) })
    }

    /// Puts a deleted record back at its place (or the end, if the list is shorter now); returns that index.
    /// `None` when a record of its id is in the bank again (an import brought it back): it is not added twice.
    pub fn undelete(&mut self, deleted: Deleted) -> Option<usize> {
        match deleted {
            Deleted::Story { index, story } => {
                if self.story(&story.id).is_some() {
                    return None;
                }
                let index = index.min(self.stories.len());
                self.stories.insert(index, story);
                Some(index)
            }
            Deleted::Attempt { index, attempt } => {
                if self.attempts.iter().any(|a| a.id == attempt.id) {
                    return None;
                }
                let index = index.min(self.attempts.len());
                self.attempts.insert(index, attempt);
                Some(index)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::Target;
    use crate::stats::HistoryIndex;
    use chrono::DateTime;

    fn attempt(id: &str, day: u32) -> Attempt {
        Attempt {
            story: Some("s1".into()),
            ..Attempt::new(
                id,
                "missed-deadline",
                DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T10:00:00Z")).unwrap().to_utc(),
                80.0 + f64::from(day),
            )
        }
    }

    #[test]
    fn a_deleted_attempt_comes_back_where_it_was_and_into_the_index() {
        let mut bank = Bank {
            stories: Vec::new(),
            attempts: vec![attempt("a1", 1), attempt("a2", 2), attempt("a3", 3)],
            ..Bank::default()
        };
        let before = bank.clone();
        let mut index = HistoryIndex::build(&bank.attempts, Target::default());
        let deleted = bank.delete_attempt(1).unwrap();
        assert!(index.remove(deleted.attempt().unwrap()));
        let guide = crate::content::Guide::bundled();
        let when = |at: DateTime<Utc>| at.format("%Y-%m-%d %H:%M").to_string();
        assert_eq!(deleted.describe(guide, when), "the 1:22 answer to prompt 4 of 2026-11-02 10:00");
        assert_eq!(bank.attempts.len(), 2);
        let restored = deleted.attempt().cloned().unwrap();
        assert_eq!(bank.undelete(deleted), Some(1));
        index.add(&restored);
        assert_eq!(bank, before);
        assert_eq!(index, HistoryIndex::build(&before.attempts, Target::default()));
        assert_eq!(bank.delete_attempt(9), None);
    }

    #[test]
    fn a_story_comes_back_once() {
        let at = DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc();
        let mut bank = Bank::default();
        bank.stories.push(Story::new("s1".into(), "Checkout".into(), at));
        let deleted = bank.delete_story(0).unwrap();
        assert_eq!(deleted.describe(crate::content::Guide::bundled(), |_| String::new()), "the story \"Checkout\"");
        bank.stories.push(Story::new("s1".into(), "imported again".into(), at));
        assert_eq!(bank.undelete(deleted), None);
        assert_eq!(bank.stories.len(), 1);
    }
}
