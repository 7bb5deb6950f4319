//! The coach's findings on hand-made stories; the labelled corpus is in `tests/lint_corpus.rs`.

use super::*;

fn story() -> Story {
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc();
    let mut s = Story::new("s1".into(), "Checkout timeouts".into(), at);
    s.situation = "Checkout timed out at peak.".into();
    s.task = "I had two weeks to fix it.".into();
    s.actions = vec![
        "I traced the timeouts to a bursty dependency.".into(),
        "I replaced the lock with a rate limiter.".into(),
        "We shipped it behind a flag.".into(),
    ];
    s.results = vec!["p99 timeouts fell from 2.3% to 0.2%.".into()];
    s.learning = "Prefer simple controls.".into();
    s
}

fn codes(s: &Story) -> Vec<Code> {
    lint(s, Pace::default()).into_iter().map(|f| f.code).collect()
}

#[test]
fn a_good_story_has_no_findings() {
    assert_eq!(codes(&story()), vec![]);
}

#[test]
fn we_overuse_triggers_only_when_we_outnumbers_i() {
    let mut s = story();
    s.actions = vec!["We traced it.".into(), "I fixed our lock.".into(), "We shipped.".into()];
    let findings = lint(&s, Pace::default());
    assert_eq!(findings[0].code, Code::WeOveruse);
    assert_eq!(
        findings[0].message,
        "the actions say \"we/our/us\" 3 times (We ×2, our) and \"I/my/me\" once (I), as in \"We traced it.\": \
         say what you did"
    );
    s.actions = vec!["We traced it.".into(), "I fixed my lock.".into(), "I shipped.".into()];
    assert!(!codes(&s).contains(&Code::WeOveruse), "2 I/my against 1 we");
    s.actions = vec!["We traced it.".into(), "I fixed the lock.".into(), "They shipped.".into()];
    assert!(!codes(&s).contains(&Code::WeOveruse), "a tie is not overuse");
}

#[test]
fn no_metric_triggers_without_a_number_or_percentage() {
    let mut s = story();
    s.results = vec!["Checkout got much faster.".into()];
    let findings = lint(&s, Pace::default());
    assert!(findings.iter().any(|f| f.code == Code::NoMetric && f.message.contains("\"Checkout got much faster.\"")));
    s.results = vec!["Checkout got much faster.".into(), "Rollbacks down by a third: 3x fewer pages".into()];
    assert!(!codes(&s).contains(&Code::NoMetric));
    s.results.clear();
    assert!(codes(&s).contains(&Code::NoMetric));
}

#[test]
fn long_setup_triggers_when_setup_outweighs_actions_and_results() {
    let mut s = story();
    s.situation = "word ".repeat(20);
    s.task = "word ".repeat(12);
    // Actions and results hold 31 words ("2.3%" counts as two).
    assert_eq!(lines_words(&s.actions) + lines_words(&s.results), 31);
    assert!(codes(&s).contains(&Code::LongSetup), "32 against 31");
    s.task = "word ".repeat(11);
    assert!(!codes(&s).contains(&Code::LongSetup), "31 against 31 is not longer");
}

#[test]
fn no_learning_triggers_on_empty_or_blank() {
    let mut s = story();
    s.learning = "  \n".into();
    assert!(codes(&s).contains(&Code::NoLearning));
    s.learning = "Canary every stateful change.".into();
    assert!(!codes(&s).contains(&Code::NoLearning));
}

#[test]
fn few_actions_triggers_below_three_non_blank_lines() {
    let mut s = story();
    s.actions.pop();
    s.actions.push("   ".into());
    let findings = lint(&s, Pace::default());
    let few = findings.iter().find(|f| f.code == Code::FewActions).expect("few-actions");
    assert!(few.message.starts_with("only 2 action lines (\"I traced"), "{}", few.message);
    s.actions.push("I wrote the runbook.".into());
    assert!(!codes(&s).contains(&Code::FewActions));
}

#[test]
fn too_long_triggers_past_two_minutes_of_speech() {
    let mut s = story();
    let base = spoken_words(&s);
    s.learning = format!("{} {}", s.learning, "word ".repeat(300 - base));
    assert_eq!(spoken_words(&s), 300);
    assert_eq!(speaking_secs(&s, 150.0), 120.0);
    assert!(!codes(&s).contains(&Code::TooLong), "exactly 2:00 is not too long");
    s.learning.push_str(" word");
    let findings = lint(&s, Pace::default());
    let long = findings.iter().find(|f| f.code == Code::TooLong).expect("too-long");
    assert!(long.message.contains("about 2:00 to say (301 words at 150 a minute)"), "{}", long.message);
}

#[test]
fn a_story_told_only_as_we_without_numbers() {
    let mut s = story();
    s.actions = vec!["We found the bug.".into(), "We fixed our service.".into(), "We told us.".into()];
    s.results = vec!["It worked well.".into()];
    let found = codes(&s);
    assert!(found.contains(&Code::WeOveruse) && found.contains(&Code::NoMetric), "{found:?}");
}

#[test]
fn we_overuse_says_what_it_did_not_count() {
    let mut s = story();
    s.actions = vec![
        "We traced the I/O waits.".into(),
        "I moved the job's I/O to SSD.".into(),
        "WE rewrote the scheduler; we’re done.".into(),
    ];
    let findings = lint(&s, Pace::default());
    assert_eq!(
        findings[0].message,
        "the actions say \"we/our/us\" 3 times (We, WE, we’re) and \"I/my/me\" once (I), not counting I/O ×2, \
         as in \"We traced the I/O waits.\": say what you did"
    );
    s.actions = vec!["We moved us-east-1.".into(), "I drained us-west-2.".into(), "I told US support.".into()];
    assert!(!codes(&s).contains(&Code::WeOveruse), "regions and the country are not us");
    s.actions = vec!["We moved it.".into(), "Our PM agreed.".into(), "Nobody but us.".into()];
    let we_only = lint(&s, Pace::default());
    assert!(
        we_only[0].message.contains("3 times (We, Our, us) and \"I/my/me\" never, as in"),
        "{}",
        we_only[0].message
    );
}

#[test]
fn numbers_in_words_are_metrics_and_names_are_not() {
    let mut s = story();
    s.results = vec!["Build time halved within three weeks.".into()];
    assert!(!codes(&s).contains(&Code::NoMetric));
    s.results = vec!["Closed JIRA-4521 in 2024.".into(), "It became one of the most used tools.".into()];
    let findings = lint(&s, Pace::default());
    let finding = findings.iter().find(|f| f.code == Code::NoMetric).expect("no-metric");
    assert_eq!(
        finding.message,
        "no result carries a number (not counting JIRA-4521, in 2024), as in \"Closed JIRA-4521 in 2024.\": add at \
         least one metric"
    );
    s.results = vec!["TBD".into()];
    let findings = lint(&s, Pace::default());
    assert!(findings.iter().any(|f| f.message == "there are no results yet: add at least one with a metric"));
}

#[test]
fn a_placeholder_is_not_a_learning_nor_an_action() {
    let mut s = story();
    s.learning = "TBD".into();
    let findings = lint(&s, Pace::default());
    assert_eq!(
        findings[0].message,
        "the learning is only \"TBD\", a placeholder: say what you learned or the mechanism you put in place"
    );
    s.learning = "Canary stateful changes.".into();
    s.actions = vec!["I rewrote the alerts.".into(), "TBD".into(), " - ".into()];
    let findings = lint(&s, Pace::default());
    assert_eq!(
        findings[0].message,
        "only 1 action line (\"I rewrote the alerts.\"), not counting the placeholders \"TBD\", \"-\": the guide \
         asks for 3–5"
    );
    s.actions = vec!["…".into()];
    let findings = lint(&s, Pace::default());
    let few = findings.iter().find(|f| f.code == Code::FewActions).expect("few-actions");
    assert!(
        few.message.starts_with("there are no action lines, not counting the placeholder \"…\""),
        "{}",
        few.message
    );
}
