//! Hostile imports through the engine: each is refused in one phrase, or accepted, and then nothing the engine
//! computes from the bank panics or holds a character that could steer a terminal, and the bank still saves.

use std::path::Path;

use proptest::prelude::*;

use crate::content::Guide;
use crate::coverage::Coverage;
use crate::hostile_import::{has_control, hostile_import};
use crate::model::{Bank, Story};
use crate::practice::{PhaseShares, Target, format_secs};
use crate::stats::HistoryIndex;
use crate::{exchange, lint, mock, plan, store, validate};

fn refusal_is_one_clean_phrase(reason: &str) {
    assert!(!reason.contains('\n'), "one line: {reason}");
    assert!(!has_control(reason), "{reason:?}");
}

fn everything_on(bank: &Bank, guide: &Guide) {
    let now = chrono::Utc::now();
    let (target, shares) = (Target::default(), PhaseShares::default());
    let markdown = exchange::markdown(bank, guide, target, shares);
    assert!(!has_control(&markdown), "{markdown:?}");
    let index = HistoryIndex::build(&bank.attempts, target);
    for summary in index.summaries(guide) {
        let _ = (summary.median_secs.map(format_secs), summary.best_secs.map(format_secs));
    }
    for flag in index.rewrite_flags() {
        assert!(!has_control(&flag.reason) && !has_control(&flag.story), "{flag:?}");
    }
    let config = crate::config::Config::default();
    let planned = plan::build(&plan::PlanInput::new(guide, bank, &config), now, &chrono::Utc);
    for item in planned.days.iter().flat_map(|d| &d.items) {
        assert!(!has_control(&item.reason), "{:?}", item.reason);
    }
    let coverage = Coverage::of(bank, guide);
    for row in coverage.principles.iter().chain(&coverage.prompts) {
        row.stories.iter().for_each(|id| assert!(!has_control(coverage.title(id))));
    }
    for story in &bank.stories {
        for finding in lint::lint(story, lint::Pace::default()) {
            assert!(!has_control(&finding.message), "{:?}", finding.message);
        }
    }
    for (_, rounds) in mock::mocks_in(&bank.attempts) {
        let report = mock::report(&rounds, bank, guide, target, shares);
        assert!(report.rounds.iter().flat_map(|r| &r.misses).all(|m| !has_control(m)));
    }
    for attempt in &bank.attempts {
        let _ = (format_secs(attempt.duration_secs), attempt.setup_share());
    }
    let bytes = store::serialize(bank);
    assert_eq!(&store::parse(Path::new("saved.json"), &bytes).expect("what was accepted saves and reads back"), bank);
    // Through the files a session starts from: the attempts log, and the summary the first screen is drawn from.
    let dir = tempfile::tempdir().expect("a folder");
    store::Store::new(dir.path()).save(bank).expect("what was accepted saves");
    assert_eq!(&store::Store::new(dir.path()).load().expect("and reads back"), bank);
    let mut session = store::Store::new(dir.path());
    let brief = session.open(target).expect("and opens").history;
    assert_eq!(session.check_log().expect("the log reads"), None, "the summary agrees with the log");
    for (b, e) in brief.summaries(guide).iter().zip(index.summaries(guide)) {
        assert_eq!((b.attempts, b.best_secs, b.last_practised), (e.attempts, e.best_secs, e.last_practised));
    }
    assert_eq!(brief.rewrite_flags(), index.rewrite_flags());
    for id in index.prompt_ids(guide) {
        let last =
            |h: &HistoryIndex| h.recent(id, 1).iter().map(|r| (r.started_at, r.id().to_string())).collect::<Vec<_>>();
        assert_eq!(last(&brief), last(&index), "{id}: the last practice");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_hostile_import_is_refused_in_a_phrase_or_safe_everywhere(json in hostile_import()) {
        let guide = Guide::bundled();
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc();
        let mut bank =
            Bank { stories: vec![Story::new("here1".into(), "Already here".into(), at)], attempts: Vec::new(), ..Bank::default() };
        let incoming = match store::parse(Path::new("import.json"), json.as_bytes()) {
            Ok(incoming) => incoming,
            Err(e) => return { refusal_is_one_clean_phrase(&e.to_string()); Ok(()) },
        };
        if let Err(why) = validate::import(&incoming, guide, &bank) {
            refusal_is_one_clean_phrase(&why);
            return Ok(());
        }
        let report = exchange::merge(&mut bank, incoming, chrono::Utc::now());
        assert!(!has_control(&report.summary(&bank)));
        validate::bank(&bank).expect("the merged bank is one a save accepts");
        everything_on(&bank, guide);
    }
}
