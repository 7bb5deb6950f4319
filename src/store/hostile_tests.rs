//! Hostile contents in the attempts log and the summary: an import's hostile attempts written straight into the
//! log's lines, and summaries whose every value is replaced by something impossible (their check recomputed, as
//! a determined editor would). The log is refused in one phrase naming the line, or read and valid; a summary is
//! never believed over what it can be checked against, and nothing that reads either panics.

// Test code: quick casts of small numbers.
#![allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap, clippy::cast_sign_loss)]

use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::hostile_import::{has_control, hostile_import};
use crate::model::{Phase, PhaseSpan, Review};

fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc() + chrono::Duration::minutes(minutes)
}

fn bank(attempts: usize) -> Bank {
    let attempt = |i: usize| Attempt {
        story: Some(format!("s{}", i % 3)),
        phases: vec![PhaseSpan { phase: Phase::Result, secs: 30.0 + i as f64 * 7.0 }],
        review: Review { confidence: (!i.is_multiple_of(4)).then_some(1 + (i % 5) as u8), ..Review::default() },
        ..Attempt::new(
            format!("a{i:03}"),
            ["why-amazon", "q-frugal-fraction"][i % 2],
            at(i as i64),
            30.0 + i as f64 * 7.0,
        )
    };
    let stories = (0..3).map(|i| Story::new(format!("s{i}"), format!("story {i}"), at(0))).collect();
    Bank { stories, attempts: (0..attempts).map(attempt).collect(), ..Bank::default() }
}

/// Everything the screens before History ask of an index, asked: none may panic.
fn ask_everything(history: &HistoryIndex) {
    let guide = crate::content::Guide::bundled();
    for summary in history.summaries(guide) {
        let _ = (summary.best_secs.map(crate::practice::format_secs), summary.on_target_share);
    }
    let _ = (history.own_pace(), history.stories(), history.has_recordings(), history.needs_every_attempt());
    for flag in history.rewrite_flags() {
        assert!(!has_control(&flag.reason) && !has_control(&flag.story), "{flag:?}");
    }
    for id in history.prompt_ids(guide) {
        let _ = history.recent(id, crate::stats::RECENT_WINDOW);
    }
}

/// Every number and string in `value`, as JSON pointers.
fn leaves(value: &Value, at: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| leaves(v, &format!("{at}/{k}"), out)),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| leaves(v, &format!("{at}/{i}"), out)),
        Value::Number(_) | Value::String(_) | Value::Null | Value::Bool(_) => out.push(at.to_string()),
    }
}

fn hostile_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(serde_json::json!(-1)),
        Just(serde_json::json!(0)),
        Just(serde_json::json!(1e308)),
        Just(serde_json::json!(-1e308)),
        Just(serde_json::json!(u64::MAX)),
        Just(serde_json::json!(0.5)),
        Just(serde_json::json!(null)),
        Just(serde_json::json!("\u{1b}[2J")),
        Just(serde_json::json!("../../etc/passwd")),
        Just(serde_json::json!("")),
        Just(serde_json::json!([])),
        Just(serde_json::json!("9999-01-01T00:00:00Z")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn hostile_attempts_in_the_log_are_refused_by_their_line_or_read_valid(json in hostile_import()) {
        let Ok(Value::Object(import)) = serde_json::from_str::<Value>(&json) else { return Ok(()) };
        let Some(Value::Array(attempts)) = import.get("attempts") else { return Ok(()) };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("star-coach.attempts.jsonl");
        let mut bytes = log::header("hostile");
        for attempt in attempts {
            bytes.extend(serde_json::to_vec(&serde_json::json!({ "put": attempt })).unwrap());
            bytes.push(b'\n');
        }
        fs::write(&path, &bytes).unwrap();
        match log::replay(&path, None) {
            Ok(replayed) => {
                let replayed = replayed.unwrap();
                for attempt in &replayed.attempts {
                    prop_assert_eq!(crate::validate::attempt(attempt), Ok(()));
                }
                ask_everything(&HistoryIndex::build(&replayed.attempts, Target::default()));
            }
            Err(e) => {
                let text = e.to_string();
                prop_assert!(text.contains("(line ") && !text.contains('\n') && !has_control(&text), "{}", text);
            }
        }
    }

    #[test]
    fn a_hostile_summary_is_made_again_from_the_log_or_answers_without_a_panic(
        picks in proptest::collection::vec((any::<prop::sample::Index>(), hostile_value()), 1..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        Store::new(dir.path()).save(&bank(12)).unwrap();
        let path = Store::new(dir.path()).summary_path();
        let mut file: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        let mut paths = Vec::new();
        leaves(&file["digest"], "/digest", &mut paths);
        for (index, value) in &picks {
            *file.pointer_mut(index.get(&paths).as_str()).unwrap() = value.clone();
        }
        // Signed again, so only the values themselves can give it away.
        let (log, digest) = (file["log"].to_string(), file["digest"].to_string());
        file["check"] = Value::String(summary::check_of(&log, &digest));
        fs::write(&path, serde_json::to_vec(&file).unwrap()).unwrap();
        let mut store = Store::new(dir.path());
        let opened = store.open(Target::default()).unwrap();
        ask_everything(&opened.history);
        if let Some(attempts) = store.check_log().unwrap() {
            prop_assert_eq!(attempts, bank(12).attempts);
        }
        if opened.history.has_every_attempt() {
            prop_assert_eq!(opened.history.digest(), HistoryIndex::build(&bank(12).attempts, Target::default()).digest());
        }
    }
}
