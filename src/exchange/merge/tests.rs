//! Imports between two banks: which side changed decides, never a clock.

use chrono::Duration;

use super::*;
use crate::model::Story;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

fn now() -> DateTime<Utc> {
    at("2026-12-01T12:00:00Z")
}

fn story(id: &str, title: &str) -> Story {
    Story::new(id.into(), title.into(), at("2026-11-01T10:00:00Z"))
}

fn bank(stories: Vec<Story>) -> Bank {
    Bank { stories, attempts: Vec::new(), ..Bank::default() }
}

/// Edits a story as the editor would: new text, a later time.
fn edit(bank: &mut Bank, id: &str, title: &str) {
    let story = bank.story_mut(id).unwrap();
    story.title = title.into();
    story.updated_at += Duration::hours(1);
}

#[test]
fn a_story_from_the_future_does_not_win_over_a_later_edit_here() {
    let mut export = story("s1", "exported with the clock in 2090");
    export.updated_at = at("2090-01-01T00:00:00Z");
    let export = bank(vec![export]);
    let mut here = Bank::default();
    let first = merge(&mut here, export.clone(), now());
    assert_eq!((first.stories_added, first.dates_from_the_future), (1, 1));
    assert_eq!(here.stories[0].updated_at, now(), "the future date is set to the time of the import");
    edit(&mut here, "s1", "edited here afterwards");
    let again = merge(&mut here, export, now() + Duration::days(1));
    assert_eq!((again.stories_updated, again.stories_unchanged), (0, 1));
    assert_eq!(here.stories.len(), 1);
    assert_eq!(here.stories[0].title, "edited here afterwards");
}

#[test]
fn an_edit_made_on_the_other_side_comes_across_and_back() {
    let mut laptop = bank(vec![story("s1", "first draft")]);
    let mut desktop = Bank::default();
    merge(&mut desktop, laptop.clone(), now());
    edit(&mut desktop, "s1", "edited on the desktop");
    let report = merge(&mut laptop, desktop.clone(), now());
    assert_eq!((report.stories_updated, report.conflicts.len()), (1, 0), "{report:?}");
    assert_eq!(laptop.stories[0].title, "edited on the desktop");
    edit(&mut laptop, "s1", "edited on the laptop after that");
    let report = merge(&mut desktop, laptop.clone(), now());
    assert_eq!(report.stories_updated, 1, "{report:?}");
    assert_eq!(desktop.stories[0].title, "edited on the laptop after that");
    assert_eq!(merge(&mut desktop, laptop, now()).stories_unchanged, 1, "importing it again changes nothing");
}

#[test]
fn when_both_sides_changed_both_are_kept_and_the_import_is_marked() {
    let mut laptop = bank(vec![story("s1", "first draft")]);
    let mut desktop = Bank::default();
    merge(&mut desktop, laptop.clone(), now());
    edit(&mut desktop, "s1", "edited on the desktop");
    edit(&mut laptop, "s1", "edited on the laptop");
    let report = merge(&mut desktop, laptop.clone(), now());
    assert_eq!(report.conflicts.len(), 1, "{report:?}");
    assert_eq!(desktop.stories.len(), 2);
    assert_eq!(desktop.stories[0].title, "edited on the desktop", "ours stays where it was");
    let copy = &desktop.stories[1];
    assert_eq!((copy.title.as_str(), copy.conflict_with.as_deref()), ("edited on the laptop", Some("s1")));
    assert_eq!(report.conflicts[0], ("s1".to_string(), copy.id.clone()));
    assert!(crate::validate::is_valid_id(&copy.id));
    let summary = report.summary(&desktop);
    assert!(summary.starts_with("Stories: 0 new, 0 updated, 0 already here, 1 changed on both sides."), "{summary}");
    assert!(summary.contains("1 story was changed both here and in the import"), "{summary}");
    assert!(summary.contains("(\"edited on the desktop\")"), "{summary}");
    let again = merge(&mut desktop, laptop, now());
    assert_eq!((again.conflicts.len(), desktop.stories.len()), (0, 2), "the same import twice is one conflict");
}

#[test]
fn stories_of_the_same_id_never_imported_before_and_different_are_both_kept() {
    let mut here = bank(vec![story("s1", "here")]);
    let mut there = story("s1", "there");
    there.updated_at = at("2026-11-30T10:00:00Z");
    let report = merge(&mut here, bank(vec![there]), now());
    assert_eq!(report.conflicts.len(), 1, "no clock decides between them");
}

#[test]
fn attempts_merge_by_id_and_the_summary_counts_them_apart_from_stories() {
    let attempt = |id: &str, secs: f64| Attempt::new(id, "simple-solution", at("2026-11-02T10:00:00Z"), secs);
    let mut here = Bank {
        stories: vec![story("s1", "same")],
        attempts: vec![attempt("a1", 60.0), attempt("a2", 60.0)],
        ..Bank::default()
    };
    let mut future = attempt("a4", 60.0);
    future.started_at = at("2099-01-01T00:00:00Z");
    let incoming = Bank {
        stories: vec![story("s1", "same"), story("s2", "new")],
        attempts: vec![attempt("a1", 60.0), attempt("a2", 75.0), attempt("a3", 60.0), future],
        ..Bank::default()
    };
    let report = merge(&mut here, incoming.clone(), now());
    assert_eq!(here.attempts[1].duration_secs, 60.0, "ours is kept");
    assert_eq!(here.attempts.last().unwrap().started_at, now());
    let summary = report.summary(&here);
    assert!(summary.starts_with("Stories: 1 new, 0 updated, 1 already here. Attempts: 2 new, 2 already here.\n"));
    assert!(summary.contains("1 attempt here differs from the import's with the same id; ours was kept."), "{summary}");
    assert!(summary.contains("1 date in the import was later than now"), "{summary}");
    let again = merge(&mut here, incoming, now() + Duration::days(1));
    assert_eq!((again.attempts_added, again.attempts_unchanged), (0, 3), "a start moved from the future matches");
}
