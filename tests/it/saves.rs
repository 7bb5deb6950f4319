//! Saves cost what changed, counted in the bytes the saving thread wrote (Linux's /proc/thread-self/io): a story
//! autosave at 100,000 attempts writes the stories, an attempt save its line and the summary.
#![cfg(target_os = "linux")]

use chrono::{DateTime, Duration, Utc};
use star_coach::model::{Attempt, Bank, Checklist, Phase, PhaseSpan, Review, Story};
use star_coach::practice::Target;
use star_coach::store::Store;

/// Bytes this thread has handed to `write` so far.
fn written() -> u64 {
    let io = std::fs::read_to_string("/proc/thread-self/io").unwrap();
    io.lines().find_map(|l| l.strip_prefix("wchar: ")).unwrap().parse().unwrap()
}

fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-01-01T08:00:00Z").unwrap().to_utc() + Duration::minutes(minutes)
}

/// An attempt as the app writes one: four phase marks, a review, a note.
fn attempt(i: usize) -> Attempt {
    let secs = 60.0 + (i % 97) as f64;
    Attempt {
        story: Some(format!("story{}", i % 8)),
        phases: vec![
            PhaseSpan { phase: Phase::Situation, secs: secs * 0.1 },
            PhaseSpan { phase: Phase::Task, secs: secs * 0.1 },
            PhaseSpan { phase: Phase::Action, secs: secs * 0.5 },
            PhaseSpan { phase: Phase::Result, secs: secs * 0.3 },
        ],
        review: Review {
            checklist: Checklist { spoke_as_i: true, ..Checklist::default() },
            confidence: Some(1 + (i % 5) as u8),
            note: "Lead with the figure.".into(),
        },
        ..Attempt::new(
            format!("att{i:07}"),
            ["why-amazon", "missed-deadline", "simple-solution"][i % 3],
            at(20 * i as i64),
            secs,
        )
    }
}

fn bank(attempts: usize) -> Bank {
    let stories = (0..8)
        .map(|i| {
            let mut story = Story::new(format!("story{i}"), format!("Story {i}"), at(0));
            story.situation = "Checkout saw sporadic timeouts during peak traffic.".repeat(4);
            story.actions = vec!["I traced timeouts to a bursty downstream dependency.".into(); 4];
            story
        })
        .collect();
    Bank { stories, attempts: (0..attempts).map(attempt).collect(), ..Bank::default() }
}

#[test]
fn a_story_autosave_at_100k_attempts_writes_under_64_kib_and_an_attempt_save_its_line() {
    const ATTEMPTS: usize = 100_000;
    let dir = tempfile::tempdir().unwrap();
    Store::new(dir.path()).save(&bank(ATTEMPTS)).unwrap();
    let log_before = std::fs::metadata(Store::new(dir.path()).log_path()).unwrap().len();
    assert!(log_before > 30 << 20, "a realistic history: {log_before} bytes");

    let mut store = Store::new(dir.path());
    assert!(store.lock().unwrap());
    let opened = store.open(Target::default()).unwrap();
    assert!(!opened.history.has_every_attempt(), "opened from the summary");
    assert_eq!(store.check_log().unwrap(), None, "which agrees with the log");
    let (mut bank, mut history) = (opened.bank, opened.history);

    bank.stories[3].situation.push_str(" Typed a little more.");
    let before = written();
    store.save_changes(&bank, &[], &history).unwrap();
    let story_save = written() - before;
    eprintln!("at {ATTEMPTS} attempts: a story autosave wrote {story_save} bytes");
    assert!(story_save < 64 * 1024, "a story autosave wrote {story_save} bytes");
    assert!(story_save > 2_000, "it did write the stories: {story_save} bytes");

    let new = attempt(ATTEMPTS);
    history.add(&new);
    bank.attempts.push(new.clone());
    let before = written();
    store.save_changes(&bank, std::slice::from_ref(&new.id), &history).unwrap();
    let attempt_save = written() - before;
    let line = serde_json::to_vec(&new).unwrap().len() as u64;
    let log_after = std::fs::metadata(store.log_path()).unwrap().len();
    assert_eq!(log_after - log_before, line + "{\"put\":}\n".len() as u64, "the log grew by the one line");
    eprintln!("at {ATTEMPTS} attempts: an attempt save wrote {attempt_save} bytes");
    assert!(attempt_save < 16 * 1024, "an attempt save wrote {attempt_save} bytes: its line and the summary");

    let before = written();
    store.save_changes(&bank, &[], &history).unwrap();
    assert_eq!(written() - before, 0, "a save with nothing changed writes nothing");

    drop(store);
    let loaded = Store::new(dir.path()).load().unwrap();
    assert_eq!(loaded.attempts.len(), ATTEMPTS + 1);
    assert_eq!(loaded.attempts.last(), Some(&new));
    assert_eq!(loaded.stories, bank.stories);
    let mut again = Store::new(dir.path());
    let reopened = again.open(Target::default()).unwrap();
    assert_eq!(reopened.history.len(), ATTEMPTS + 1, "the next start opens from the summary the save wrote");
    assert!(!reopened.history.has_every_attempt());
    assert_eq!(again.check_log().unwrap(), None);
}
