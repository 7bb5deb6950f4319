// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;

use chrono::{FixedOffset, NaiveTime};

use super::*;
use crate::model::{Checklist, Drill};

fn guide() -> &'static Guide {
    Guide::bundled()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// 10:00 UTC on `date`.
fn at(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap()).and_utc()
}

const TODAY: &str = "2026-12-07";

fn today() -> NaiveDate {
    day(TODAY)
}

fn days_ago(n: u64) -> NaiveDate {
    today() - Days::new(n)
}

/// An answer the coach grades as `confidence` says: on target, every phase within budget, all four ticked.
fn answer(prompt: &str, date: NaiveDate, confidence: u8) -> Attempt {
    let mut a = grade::clean_attempt(prompt, at(date), Some(confidence));
    a.id = format!("{prompt}-{date}-{confidence}");
    a
}

/// A bad answer: 2:50 with no Result, nothing ticked, confidence 2 (graded Again).
fn bad(prompt: &str, date: NaiveDate) -> Attempt {
    let mut a = answer(prompt, date, 2);
    a.id.push_str("-bad");
    a.duration_secs = 170.0;
    a.phases.truncate(3);
    a.phases[2].secs = 145.0;
    a.review.checklist = Checklist::default();
    a
}

fn settings(interview: Option<NaiveDate>, per_day: Option<u32>) -> PlanSettings {
    PlanSettings { interview_date: interview, per_day }
}

/// What the plan is worked out from: the bundled guide, the default target, shares and config.
fn input(attempts: &[Attempt], settings: PlanSettings) -> PlanInput<'_> {
    PlanInput {
        guide: guide(),
        attempts,
        target: Target::default(),
        shares: PhaseShares::default(),
        config: PlanConfig::default(),
        settings,
    }
}

fn plan_at(attempts: &[Attempt], plan: PlanSettings, now: DateTime<Utc>) -> Plan {
    build(&input(attempts, plan), now, &Utc)
}

fn plan(attempts: &[Attempt], plan: PlanSettings) -> Plan {
    plan_at(attempts, plan, at(today()))
}

fn ids(items: &[PlanItem]) -> Vec<&str> {
    items.iter().map(|i| i.card.prompt().unwrap_or("?")).collect()
}

/// Every day on which each prompt is planned.
fn days_of(plan: &Plan) -> HashMap<&str, Vec<NaiveDate>> {
    let mut days: HashMap<&str, Vec<NaiveDate>> = HashMap::new();
    for d in &plan.days {
        for item in d.items.iter().filter(|i| !i.done) {
            days.entry(item.card.prompt().unwrap_or("?")).or_default().push(d.date);
        }
    }
    days
}

fn first_day(plan: &Plan, prompt: &str) -> Option<NaiveDate> {
    days_of(plan).get(prompt).and_then(|d| d.first().copied())
}

#[test]
fn a_new_user_starts_with_the_first_prompts_in_guide_order() {
    let p = plan(&[], settings(None, None));
    assert_eq!(p.days.len(), 7, "a week ahead without a date");
    assert_eq!(ids(p.today_items()), ["why-amazon", "simple-solution", "biggest-failure"]);
    assert!(p.today_items().iter().all(|i| i.reason == "never practised"));
    assert_eq!(p.next().unwrap().card, CardId::Prompt("why-amazon".into()));
    // The other four roll to tomorrow: 3 a day, +2 for what was carried over, never more.
    assert_eq!(ids(&p.days[1].items), ["missed-deadline", "above-and-beyond", "tight-deadline", "most-proud"]);
    assert_eq!(p.days[1].items[0].reason, "never practised; carried over from Mon 7 Dec");
    assert_eq!(p.countdown(), None);
}

#[test]
fn intervals_never_pass_the_interview_date() {
    // Practised very well 3 days ago: FSRS alone would wait weeks.
    let history: Vec<Attempt> = guide().prompts.iter().map(|p| answer(&p.id, days_ago(3), 5)).collect();
    let free = plan(&history, settings(None, None));
    assert!(free.days.iter().all(|d| d.items.is_empty()), "nothing due within the week without a date");
    let interview = today() + Days::new(9);
    let p = plan(&history, settings(Some(interview), None));
    assert_eq!(p.days.len(), 9, "today to the day before the interview");
    assert_eq!(p.days.last().unwrap().date, interview - Days::new(1));
    for (prompt, days) in days_of(&p) {
        assert!(days.iter().all(|d| *d < interview), "{prompt}: {days:?}");
        assert!(days.len() >= 2, "{prompt} twice: {days:?}");
    }
    // The first comes half-way from the last practice to the date, not when FSRS would have it.
    let first = &p.days.iter().find(|d| !d.items.is_empty()).unwrap();
    assert_eq!(first.date, days_ago(3) + Days::new(6));
    assert!(
        first.items[0].reason.starts_with("brought forward for the interview; last practised Fri 4 Dec, graded Easy")
    );
}

#[test]
fn every_prompt_twice_before_a_date_a_week_or_more_away_and_once_in_its_last_two_days() {
    let mixed: Vec<Attempt> = guide()
        .prompts
        .iter()
        .enumerate()
        .map(|(i, p)| match i % 3 {
            0 => answer(&p.id, days_ago(1), 5),
            1 => bad(&p.id, days_ago(2)),
            _ => answer(&p.id, days_ago(20), 3),
        })
        .collect();
    for history in [Vec::new(), mixed] {
        for days_left in [7, 9, 14, 30] {
            let interview = today() + Days::new(days_left);
            let p = plan(&history, settings(Some(interview), None));
            let days = days_of(&p);
            for prompt in guide().prompt_ids() {
                let on = days.get(prompt).cloned().unwrap_or_default();
                assert!(on.len() >= 2, "{days_left} days: {prompt} on {on:?}");
                assert!(on.iter().any(|d| *d >= interview - Days::new(2)), "{days_left} days: {prompt} on {on:?}");
            }
            assert!(p.days.iter().all(|d| d.items.len() <= 3 + CATCH_UP), "{days_left} days");
        }
    }
}

#[test]
fn weak_prompts_come_first_and_more_often() {
    let mut history: Vec<Attempt> = guide().prompts.iter().map(|p| answer(&p.id, days_ago(1), 4)).collect();
    history.push(bad("tight-deadline", days_ago(1)));
    history.retain(|a| a.id != format!("tight-deadline-{}-4", days_ago(1)));
    let p = plan(&history, settings(Some(today() + Days::new(9)), None));
    assert_eq!(ids(p.today_items()), ["tight-deadline"], "only the weak one is due today");
    assert!(
        p.today_items()[0]
            .reason
            .starts_with("last practised yesterday, graded Again: confidence 2, ran 50 s over the target")
    );
    let days = days_of(&p);
    let weak = days["tight-deadline"].len();
    assert!(guide().prompt_ids().filter(|id| *id != "tight-deadline").all(|id| days[id].len() < weak), "{days:?}");
}

#[test]
fn answered_badly_yesterday_comes_back_sooner_than_answered_well() {
    for interview in [None, Some(today() + Days::new(12))] {
        let history = vec![bad("missed-deadline", days_ago(1)), answer("most-proud", days_ago(1), 4)];
        let p = plan(&history, settings(interview, Some(7)));
        let (badly, well) = (first_day(&p, "missed-deadline").unwrap(), first_day(&p, "most-proud").unwrap());
        assert!(badly < well, "{interview:?}: badly {badly}, well {well}");
    }
}

#[test]
fn a_missed_day_rolls_forward_without_piling_up() {
    let interview = today() + Days::new(10);
    // A new user who misses a day is not behind: what was never practised is simply due today.
    let fresh_yesterday = plan_at(&[], settings(Some(interview), None), at(days_ago(1)));
    assert_eq!(ids(fresh_yesterday.today_items()), ids(plan(&[], settings(Some(interview), None)).today_items()));
    // All seven practised 9 days ago are overdue; yesterday's plan took five of them (3 + 2 to catch up).
    let history: Vec<Attempt> = guide().prompts.iter().map(|p| answer(&p.id, days_ago(9), 3)).collect();
    let yesterday = plan_at(&history, settings(Some(interview), None), at(days_ago(1)));
    assert_eq!(yesterday.today_items().len(), 3 + CATCH_UP);
    // Yesterday was missed: the same five are today's, no more, and the other two follow tomorrow.
    let p = plan(&history, settings(Some(interview), None));
    assert_eq!(ids(p.today_items()), ids(yesterday.today_items()));
    assert!(p.today_items().iter().all(|i| i.reason.contains("; carried over from")), "{:?}", p.today_items());
    assert_eq!(ids(&p.days[1].items), ["tight-deadline", "most-proud"]);
    assert!(p.days.iter().all(|d| d.items.len() <= 3 + CATCH_UP));
    let one_a_day = plan(&history, settings(Some(interview), Some(1)));
    assert_eq!(one_a_day.today_items().len(), 1 + CATCH_UP);
    assert!(one_a_day.days.iter().all(|d| d.items.len() <= 1 + CATCH_UP));
}

#[test]
fn what_was_done_today_shows_as_done_and_counts_against_the_day() {
    let now = at(today()) + chrono::Duration::hours(2);
    let mut first = answer("why-amazon", today(), 4);
    first.started_at = at(today());
    let p = plan_at(&[first], settings(None, None), now);
    let today_list = p.today_items();
    assert_eq!(ids(today_list), ["simple-solution", "biggest-failure", "why-amazon"]);
    assert!(today_list[2].done && !today_list[0].done);
    assert_eq!(today_list[2].reason, "done today, graded Good: confidence 4");
    assert_eq!(p.next().unwrap().card.prompt(), Some("simple-solution"));
    // All three done: nothing more today; the next is tomorrow's first.
    let history: Vec<Attempt> =
        ["why-amazon", "simple-solution", "biggest-failure"].iter().map(|id| answer(id, today(), 3)).collect();
    let p = plan_at(&history, settings(None, None), now);
    assert_eq!(p.next(), None);
    assert!(p.today_items().iter().all(|i| i.done));
    let (date, item) = p.next_after_today().unwrap();
    assert_eq!((date, item.card.prompt()), (today() + Days::new(1), Some("missed-deadline")));
}

#[test]
fn the_last_two_days_bring_every_prompt_back() {
    let history: Vec<Attempt> = guide().prompts.iter().map(|p| answer(&p.id, days_ago(2), 4)).collect();
    let interview = today() + Days::new(5);
    let p = plan(&history, settings(Some(interview), None));
    let last_two: Vec<&str> = p.days.iter().rev().take(2).flat_map(|d| ids(&d.items)).collect();
    for prompt in guide().prompt_ids() {
        assert!(last_two.contains(&prompt), "{prompt} in the last two days: {last_two:?}");
    }
    let last = &p.days.last().unwrap();
    assert!(last.items.iter().all(|i| i.reason.starts_with("last look before the interview")), "{last:?}");
}

#[test]
fn plain_fsrs_without_a_date_follows_the_retention() {
    let history = vec![answer("why-amazon", days_ago(1), 3)];
    let with = |history, retention| PlanInput {
        config: PlanConfig { per_day: 7, retention },
        ..input(history, PlanSettings::default())
    };
    let due = |retention| first_day(&build(&with(&history, retention), at(today()), &Utc), "why-amazon");
    // FSRS's first interval after Good is about three days at 90%; asking for less recall stretches it.
    assert_eq!(due(0.9), Some(days_ago(1) + Days::new(3)));
    assert!(due(0.75).is_none_or(|d| d > days_ago(1) + Days::new(3)), "{:?}", due(0.75));
    // After a second good review FSRS waits about twelve days at 90%, but only about three at 97%.
    let history = vec![answer("why-amazon", days_ago(6), 3), answer("why-amazon", days_ago(3), 3)];
    let due = |retention| first_day(&build(&with(&history, retention), at(today()), &Utc), "why-amazon");
    assert_eq!(due(0.9), None, "beyond the week");
    assert_eq!(due(0.97), Some(today()));
}

#[test]
fn same_day_attempts_review_once_with_the_last() {
    let mut history = vec![bad("why-amazon", days_ago(1)), answer("why-amazon", days_ago(1), 5)];
    history[1].started_at += chrono::Duration::hours(1);
    let input = input(&history, PlanSettings::default());
    let cards = cards::replay(&input, Some(today()), &Utc).states(&input);
    assert_eq!(cards[0].memory.reps, 1);
    assert_eq!(cards[0].last_grade.as_ref().unwrap().grade, Grade::Easy);
}

#[test]
fn days_are_the_users_calendar_days() {
    // 23:30 UTC on the 6th is already the 7th in Tokyo.
    let late = answer("why-amazon", days_ago(1), 4);
    let mut history = vec![late];
    history[0].started_at = days_ago(1).and_time(NaiveTime::from_hms_opt(23, 30, 0).unwrap()).and_utc();
    let input = input(&history, PlanSettings::default());
    let now = at(today());
    let in_utc = build(&input, now, &Utc);
    let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
    let in_tokyo = build(&input, now, &tokyo);
    assert!(!in_utc.today_items().iter().any(|i| i.done));
    assert!(in_tokyo.today_items().iter().any(|i| i.done && i.card.prompt() == Some("why-amazon")));
}

#[test]
fn drilled_principles_are_cards_too() {
    let question = guide().questions.iter().find(|q| q.main_principle() == "Frugality").unwrap();
    let mut drilled = bad(&question.id, days_ago(1));
    drilled.drill = Some(Drill { pick_secs: 40.0 });
    let history: Vec<Attempt> =
        guide().prompts.iter().map(|p| answer(&p.id, days_ago(1), 4)).chain([drilled]).collect();
    let p = plan(&history, settings(Some(today() + Days::new(9)), None));
    let today_list = p.today_items();
    assert_eq!(today_list[0].card, CardId::Principle("Frugality".into()));
    assert!(today_list[0].reason.starts_with("last drilled yesterday, graded Again"), "{}", today_list[0].reason);
    assert!(today_list[0].reason.contains("story picked after 40 s"));
    // Only drilled principles: sixteen more cards would swamp the prompts.
    let principles: Vec<&PlanItem> =
        p.days.iter().flat_map(|d| &d.items).filter(|i| matches!(i.card, CardId::Principle(_))).collect();
    assert!(principles.iter().all(|i| i.card == CardId::Principle("Frugality".into())));
}

#[test]
fn a_passed_date_is_plain_fsrs_and_the_countdown_reads_in_days() {
    let p = plan(&[], settings(Some(days_ago(1)), None));
    assert_eq!((p.days.len(), p.countdown(), p.has_date()), (7, None, false));
    assert_eq!(countdown(Some(today()), today()).as_deref(), Some("Interview today"));
    assert_eq!(countdown(Some(today() + Days::new(1)), today()).as_deref(), Some("Interview tomorrow"));
    assert_eq!(countdown(Some(today() + Days::new(9)), today()).as_deref(), Some("Interview in 9 days"));
    let on_the_day = plan(&[], settings(Some(today()), None));
    assert_eq!(on_the_day.countdown().as_deref(), Some("Interview today"));
    assert!(on_the_day.days.is_empty() && on_the_day.has_date() && on_the_day.next().is_none());
}

#[test]
fn dates_are_read_as_typed_and_checked() {
    assert_eq!(parse_date(" 2026-12-16 ", today()), Ok(day("2026-12-16")));
    assert_eq!(parse_date(TODAY, today()), Ok(today()));
    assert_eq!(
        parse_date("16/12/2026", today()),
        Err("the interview date must be a date such as 2026-12-16, not \"16/12/2026\"".into())
    );
    assert_eq!(
        parse_date("2026-12-06", today()),
        Err("the interview date 2026-12-06 has passed; give today's date or a later one".into())
    );
    assert!(parse_date("2028-01-01", today()).unwrap_err().contains("more than a year away"));
    assert!(parse_date("2026-02-30", today()).is_err());
    assert_eq!(check_per_day(0), Err("prompts a day must be between 1 and 20, not 0".into()));
    assert_eq!(check_per_day(20), Ok(20));
}

#[test]
fn the_plan_is_the_same_every_time() {
    let history = vec![bad("missed-deadline", days_ago(1)), answer("most-proud", days_ago(4), 5)];
    let settings = settings(Some(today() + Days::new(9)), None);
    assert_eq!(plan(&history, settings), plan(&history, settings));
    let mut reversed = history.clone();
    reversed.reverse();
    assert_eq!(plan(&history, settings), plan(&reversed, settings));
}

mod invariants {
    use proptest::prelude::*;

    use super::*;

    /// (prompt index, days ago, good or bad) for each attempt of a history.
    fn history() -> impl Strategy<Value = Vec<(usize, u64, bool)>> {
        prop::collection::vec((0..7usize, 0..40u64, any::<bool>()), 0..30)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn the_rules_hold_for_any_history(raw in history(), days_left in 7..40u64, per_day in 1..6u32) {
            let ids: Vec<&str> = guide().prompt_ids().collect();
            let history: Vec<Attempt> = raw
                .iter()
                .enumerate()
                .map(|(i, &(p, ago, good))| {
                    let mut a = if good { answer(ids[p], days_ago(ago), 4) } else { bad(ids[p], days_ago(ago)) };
                    a.id = format!("a{i}");
                    a
                })
                .collect();
            let interview = today() + Days::new(days_left);
            let p = plan(&history, settings(Some(interview), Some(per_day)));
            let room = usize::try_from(per_day).unwrap() + CATCH_UP;
            // What the plan puts on a day, with what was done today, never passes the room; what the user did
            // beyond it today is theirs.
            for day in &p.days {
                let done = day.items.iter().filter(|i| i.done).count();
                prop_assert!(day.items.len() - done <= room.saturating_sub(done), "{:?}", day);
            }
            // With room for the seven in the last two days, every prompt is practised twice from today on (an
            // answer already given today is one) and comes once in those two.
            if 2 * room >= ids.len() && per_day >= 2 {
                let days = days_of(&p);
                for id in &ids {
                    let on = days.get(id).cloned().unwrap_or_default();
                    let done_today = p.days[0].items.iter().any(|i| i.done && i.card.prompt() == Some(id));
                    prop_assert!(on.len() + usize::from(done_today) >= 2, "{} on {:?}", id, on);
                    prop_assert!(on.iter().any(|d| *d >= interview - Days::new(2)), "{} on {:?}", id, on);
                }
            }
        }
    }
}
