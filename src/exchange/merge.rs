//! Merging an import into the bank without letting any clock decide: stories are compared by what they say.
//!
//! Each story remembers the fingerprint of the content both sides agreed on at its last import
//! ([`Story::import_base`]), and an export carries it along. So an import can tell which side changed since:
//! only the import (take it), only this bank (keep ours), or both (keep both, the import's copy marked as a
//! conflict). A date from the future is set to now, and never wins anything.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use crate::model::{Attempt, Bank, new_id};

/// What an import did, counted separately for stories and attempts.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MergeReport {
    pub stories_added: usize,
    /// Changed in the import only: the import's version replaced ours.
    pub stories_updated: usize,
    /// The same here, or changed here only: ours kept.
    pub stories_unchanged: usize,
    /// Changed on both sides since the last import: `(our story's id, the id of the import's copy added beside it)`.
    pub conflicts: Vec<(String, String)>,
    pub attempts_added: usize,
    pub attempts_unchanged: usize,
    /// Attempts whose id is here with other contents: ours kept.
    pub attempts_differing: usize,
    /// Dates in the import later than the time of the import (a clock ahead), set to that time.
    pub dates_from_the_future: usize,
}

/// Merges `incoming` into `bank` at `now`: stories by id and content (see the module), attempts by id (new ones
/// added, ours kept), the interview date and prompts a day where the bank has none. The caller validates `incoming` first, so this cannot fail half-way. Linear in the number
/// of stories and attempts on both sides.
pub fn merge(bank: &mut Bank, incoming: Bank, now: DateTime<Utc>) -> MergeReport {
    let mut report = MergeReport::default();
    let mut index: HashMap<String, usize> = bank.stories.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
    for mut story in incoming.stories {
        report.dates_from_the_future += clamp(&mut story.created_at, now) + clamp(&mut story.updated_at, now);
        let theirs = story.fingerprint();
        let Some(&i) = index.get(&story.id) else {
            story.import_base = Some(theirs);
            index.insert(story.id.clone(), bank.stories.len());
            bank.stories.push(story);
            report.stories_added += 1;
            continue;
        };
        let ours = bank.stories[i].fingerprint();
        if ours == theirs || bank.stories[i].import_base.as_deref() == Some(&theirs) {
            // The same, or what we had at the last import and have changed since: ours stands.
            bank.stories[i].import_base = Some(theirs);
            report.stories_unchanged += 1;
        } else if story.import_base.as_deref() == Some(&ours) {
            // The import started from the story as it is here: it is the newer edit.
            story.import_base = Some(theirs);
            bank.stories[i] = story;
            report.stories_updated += 1;
        } else {
            let mut copy = story;
            copy.id = unused_id(&index);
            copy.conflict_with = Some(bank.stories[i].id.clone());
            copy.import_base = None;
            bank.stories[i].import_base = Some(theirs);
            report.conflicts.push((bank.stories[i].id.clone(), copy.id.clone()));
            index.insert(copy.id.clone(), bank.stories.len());
            bank.stories.push(copy);
        }
    }
    let known: HashMap<String, usize> = bank.attempts.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
    for mut attempt in incoming.attempts {
        let future = clamp(&mut attempt.started_at, now) == 1;
        report.dates_from_the_future += usize::from(future);
        // Audio never travels in an export: the file it would name is not on this machine.
        attempt.recording = None;
        match known.get(&attempt.id).map(|&i| &bank.attempts[i]) {
            Some(ours) if same_attempt(ours, &attempt, future) => report.attempts_unchanged += 1,
            Some(_) => report.attempts_differing += 1,
            None => {
                bank.attempts.push(attempt);
                report.attempts_added += 1;
            }
        }
    }
    // The interview date and prompts a day travel too, but never over ones set here.
    bank.plan.interview_date = bank.plan.interview_date.or(incoming.plan.interview_date);
    bank.plan.per_day = bank.plan.per_day.or(incoming.plan.per_day);
    report
}

/// Sets a date from the future to `now`; returns 1 when it did.
fn clamp(at: &mut DateTime<Utc>, now: DateTime<Utc>) -> usize {
    if *at > now {
        *at = now;
        return 1;
    }
    0
}

/// Equal but for our recording (an export carries none), and for a start time this import had to move back
/// from the future.
fn same_attempt(ours: &Attempt, theirs: &Attempt, moved: bool) -> bool {
    let started_at = if moved { ours.started_at } else { theirs.started_at };
    Attempt { started_at, recording: ours.recording.clone(), ..theirs.clone() } == *ours
}

fn unused_id(index: &HashMap<String, usize>) -> String {
    loop {
        let id = new_id();
        if !index.contains_key(&id) {
            return id;
        }
    }
}

impl MergeReport {
    /// What the import did, in a few sentences: stories and attempts counted apart, conflicts named by title.
    pub fn summary(&self, bank: &Bank) -> String {
        let both = match self.conflicts.len() {
            0 => String::new(),
            n => format!(", {n} changed on both sides"),
        };
        let mut out = format!(
            "Stories: {} new, {} updated, {} already here{both}. Attempts: {} new, {} already here.\n",
            self.stories_added,
            self.stories_updated,
            self.stories_unchanged,
            self.attempts_added,
            self.attempts_unchanged + self.attempts_differing,
        );
        if !self.conflicts.is_empty() {
            let titles: Vec<String> = self
                .conflicts
                .iter()
                .map(|(ours, _)| bank.story(ours).map_or_else(|| ours.clone(), |s| format!("\"{}\"", s.title)))
                .collect();
            let (n, they) = match self.conflicts.len() {
                1 => ("1 story was".to_string(), "it"),
                n => (format!("{n} stories were"), "each"),
            };
            let _ = writeln!(
                out,
                "{n} changed both here and in the import since the last import ({}): both versions are kept, the \
                 import's as a new story marked as a conflict beside {they}; `star-coach stories` lists them.",
                titles.join(", ")
            );
        }
        let _ = match self.attempts_differing {
            0 => Ok(()),
            1 => writeln!(out, "1 attempt here differs from the import's with the same id; ours was kept."),
            n => writeln!(out, "{n} attempts here differ from the import's with the same ids; ours were kept."),
        };
        let _ = match self.dates_from_the_future {
            0 => Ok(()),
            1 => writeln!(out, "1 date in the import was later than now (a clock ahead?) and was set to now."),
            n => writeln!(out, "{n} dates in the import were later than now (a clock ahead?) and were set to now."),
        };
        out
    }
}

#[cfg(test)]
mod tests;
