//! `star-coach plan` and `star-coach next`: the interview date, the day-by-day plan and today's first item, on the
//! real binary against a temporary data dir. Dates are the machine's today (in UTC, as the commands are run).

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use chrono::{Duration, NaiveDate, Utc};
use serde_json::{Value, json};

use crate::support::{star, stderr_of_failure, stdout};

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn prompt_ids() -> Vec<&'static str> {
    star_coach::content::Guide::bundled().prompt_ids().collect()
}

/// An attempt `days` ago that the coach grades Good (on target, every phase within budget, all ticked) with
/// confidence 4, or Again when `bad` (2:50, no Result, nothing ticked, confidence 2).
fn attempt(id: &str, prompt: &str, days: i64, bad: bool) -> Value {
    let when = Utc::now() - Duration::days(days);
    let (secs, phases, ticked, confidence) = if bad {
        (
            170.0,
            json!([{"phase": "situation", "secs": 15.0}, {"phase": "task", "secs": 10.0}, {"phase": "action", "secs": 145.0}]),
            false,
            2,
        )
    } else {
        (
            100.0,
            json!([
                {"phase": "situation", "secs": 15.0}, {"phase": "task", "secs": 10.0},
                {"phase": "action", "secs": 50.0}, {"phase": "result", "secs": 25.0}
            ]),
            true,
            4,
        )
    };
    json!({
        "id": id,
        "prompt": prompt,
        "story": null,
        "started_at": when.to_rfc3339(),
        "duration_secs": secs,
        "phases": phases,
        "review": {
            "confidence": confidence,
            "checklist": {"spoke_as_i": ticked, "gave_metric": ticked, "short_setup": ticked, "stated_learning": ticked}
        },
    })
}

fn write_bank(dir: &Path, attempts: Vec<Value>) {
    let bank = json!({"format": "star-coach", "schema_version": 3, "stories": [], "attempts": attempts});
    fs::write(dir.join("star-coach.json"), serde_json::to_vec_pretty(&bank).unwrap()).unwrap();
}

fn data_file(dir: &Path) -> Value {
    serde_json::from_slice(&fs::read(dir.join("star-coach.json")).unwrap()).unwrap()
}

fn plan_json(dir: &Path) -> Vec<Value> {
    let text = stdout(star(dir).args(["plan", "--json"]));
    serde_json::from_str::<Value>(&text).unwrap().as_array().unwrap().clone()
}

/// The prompts of one day of `plan --json`.
fn prompts_of(day: &Value) -> Vec<&str> {
    day["items"].as_array().unwrap().iter().map(|i| i["prompt"].as_str().unwrap_or("?")).collect()
}

#[test]
fn without_a_date_the_plan_is_a_week_of_spaced_repetition() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(star(dir.path()).arg("plan"));
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("No interview date set: plain spaced repetition, 3 prompts a day"));
    assert_eq!(lines.nth(1).unwrap(), format!("Today, {}", today().format("%a %-d %b")));
    assert_eq!(lines.next().unwrap().trim_end(), "    1. why-amazon        never practised");
    let days = plan_json(dir.path());
    assert_eq!(days.len(), 7);
    assert_eq!(days[0]["date"], iso(today()));
    assert_eq!(prompts_of(&days[0]), ["why-amazon", "simple-solution", "biggest-failure"]);
    assert_eq!(days[0]["items"][0], json!({"prompt": "why-amazon", "reason": "never practised"}));
    assert!(!dir.path().join("star-coach.json").exists(), "reading the plan never creates the file");
}

#[test]
fn a_date_nine_days_out_plans_every_prompt_twice_and_all_in_the_last_two_days() {
    let dir = tempfile::tempdir().unwrap();
    let date = today() + Duration::days(9);
    let text = stdout(star(dir.path()).args(["plan", "--date", &iso(date)]));
    assert!(
        text.starts_with(&format!(
            "Interview date set: {} (in 9 days).\n\nInterview in 9 days:",
            date.format("%a %-d %b %Y")
        )),
        "{text}"
    );
    assert!(text.ends_with(&format!("{}: the interview.\n", date.format("%a %-d %b"))), "{text}");
    assert_eq!(data_file(dir.path())["plan"], json!({"interview_date": iso(date)}));
    assert_eq!(data_file(dir.path())["schema_version"], 4);

    let days = plan_json(dir.path());
    assert_eq!(days.len(), 9, "today to the day before");
    assert_eq!(days[8]["date"], iso(date - Duration::days(1)));
    let mut count: HashMap<&str, usize> = HashMap::new();
    for day in &days {
        assert!(prompts_of(day).len() <= 5, "3 a day, 2 more to catch up: {day}");
        for p in prompts_of(day) {
            *count.entry(p).or_default() += 1;
        }
    }
    let last_two: Vec<&str> = days[7..].iter().flat_map(prompts_of).collect();
    for p in prompt_ids() {
        assert!(count[p] >= 2, "{p} twice: {count:?}");
        assert!(last_two.contains(&p), "{p} in the last two days: {last_two:?}");
    }
}

#[test]
fn per_day_and_clear_change_the_plan_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let date = today() + Duration::days(20);
    let text = stdout(star(dir.path()).args(["plan", "--date", &iso(date), "--per-day", "5"]));
    assert!(text.contains("Planning 5 a day.\n") && text.contains(". 5 prompts a day.\n"), "{text}");
    assert_eq!(prompts_of(&plan_json(dir.path())[0]).len(), 5);
    assert_eq!(data_file(dir.path())["plan"], json!({"interview_date": iso(date), "per_day": 5}));
    let text = stdout(star(dir.path()).args(["plan", "--clear"]));
    assert!(text.starts_with("Cleared the interview date.\n\nNo interview date set"), "{text}");
    assert_eq!(data_file(dir.path()).get("plan"), None, "nothing left to keep");
    assert_eq!(plan_json(dir.path()).len(), 7);
}

#[test]
fn the_config_sets_prompts_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    fs::write(&config, "[plan]\nper_day = 2\n").unwrap();
    let text = stdout(star(dir.path()).env("STAR_COACH_CONFIG", &config).args(["plan", "--json"]));
    let days: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(prompts_of(&days[0]), ["why-amazon", "simple-solution"]);
}

#[test]
fn bad_dates_and_counts_are_refused_in_a_sentence_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let yesterday = iso(today() - Duration::days(1));
    let cases = [
        (vec!["plan", "--date", "16/12/2026"], "the interview date must be a date such as".to_string()),
        (vec!["plan", "--date", &yesterday], format!("the interview date {yesterday} has passed")),
        (vec!["plan", "--per-day", "0"], "prompts a day must be between 1 and 20, not 0".to_string()),
    ];
    for (args, expected) in cases {
        let err = stderr_of_failure(star(dir.path()).args(&args));
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&expected), "{args:?}: {err}");
        assert!(!dir.path().join("star-coach.json").exists(), "{args:?} wrote the file");
    }
    let err = stderr_of_failure(star(dir.path()).args(["plan", "--clear", "--date", &iso(today())]));
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn next_is_todays_first_item_and_a_bad_answer_comes_back_before_a_good_one() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        stdout(star(dir.path()).arg("next")),
        "Practise next: 1. Why do you want to work at Amazon?\nnever practised\n"
    );
    // Every prompt answered well yesterday but one, answered badly.
    let attempts =
        prompt_ids().iter().enumerate().map(|(i, p)| attempt(&format!("a{i}"), p, 1, *p == "tight-deadline")).collect();
    write_bank(dir.path(), attempts);
    let text = stdout(star(dir.path()).arg("next"));
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap(), "Practise next: 6. Share an example of working under a tight deadline.");
    assert_eq!(
        lines.next().unwrap(),
        "last practised yesterday, graded Again: confidence 2, ran 50 s over the target, 0 of 4 checklist lines ticked, Result missing"
    );
    let days = plan_json(dir.path());
    assert_eq!(prompts_of(&days[0]), ["tight-deadline"], "only the bad one is due today");
    let first = |p: &str| days.iter().position(|d| prompts_of(d).contains(&p)).unwrap();
    assert!(prompt_ids().iter().filter(|p| **p != "tight-deadline").all(|p| first(p) > 0));
}

#[test]
fn when_today_is_done_next_says_so_and_names_tomorrows_first() {
    let dir = tempfile::tempdir().unwrap();
    let attempts =
        ["why-amazon", "simple-solution", "biggest-failure"].iter().map(|p| attempt(p, p, 0, false)).collect();
    write_bank(dir.path(), attempts);
    let text = stdout(star(dir.path()).arg("next"));
    assert!(
        text.starts_with("Done for today (3 practised). Tomorrow: 4. Tell me about a time you missed a deadline"),
        "{text}"
    );
    let days = plan_json(dir.path());
    assert_eq!(
        days[0]["items"][0],
        json!({"prompt": "why-amazon", "reason": "done today, graded Good: confidence 4", "done": true})
    );
    let plan = stdout(star(dir.path()).arg("plan"));
    assert!(plan.contains("  ✓ 1. why-amazon        done today, graded Good: confidence 4\n"), "{plan}");
}

#[test]
fn help_lists_plan_and_next() {
    let dir = tempfile::tempdir().unwrap();
    let help = stdout(star(dir.path()).arg("--help"));
    assert!(help.contains("plan") && help.contains("next"), "{help}");
    let plan = stdout(star(dir.path()).args(["help", "plan"]));
    assert!(plan.contains("--date <YYYY-MM-DD>") && plan.contains("--per-day <N>") && plan.contains("--clear"));
    assert!(stdout(star(dir.path()).args(["help", "next"])).contains("practise next"));
}

#[test]
fn an_export_carries_the_date_and_an_import_never_overwrites_one() {
    let (from, bare, planned) =
        (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (theirs, ours) = (today() + Duration::days(9), today() + Duration::days(30));
    stdout(star(from.path()).args(["plan", "--date", &iso(theirs), "--per-day", "4"]));
    stdout(star(planned.path()).args(["plan", "--date", &iso(ours)]));
    let export = from.path().join("bank.json");
    stdout(star(from.path()).args(["export", "-o"]).arg(&export));
    for dir in [&bare, &planned] {
        stdout(star(dir.path()).arg("import").arg(&export));
    }
    assert_eq!(data_file(bare.path())["plan"], json!({"interview_date": iso(theirs), "per_day": 4}));
    assert_eq!(data_file(planned.path())["plan"], json!({"interview_date": iso(ours), "per_day": 4}));
}

/// A command that saves the bank (here `plan --date`, then `import`) leaves the summary the coach opens from with
/// the plan's cards in it, worked out as the coach would: its next start plans without reading every attempt.
#[test]
fn a_command_that_saves_leaves_the_plan_cards_the_coach_starts_from() {
    use star_coach::config::Config;
    use star_coach::plan::PlanInput;
    use star_coach::practice::Target;
    use star_coach::store::Store;

    let cards_fit = |dir: &Path| {
        let opened = Store::new(dir).open(Target::default()).unwrap();
        assert!(!opened.history.has_every_attempt(), "opened from the summary, as for the coach's first frame");
        let cards = opened.history.plan_cards().cloned().expect("the summary keeps the plan's cards");
        let bank = Store::new(dir).load().unwrap();
        let input = PlanInput::new(star_coach::content::Guide::bundled(), &bank, &Config::default());
        cards.fits(&input, bank.attempts.len(), today(), &Utc)
    };
    let dir = tempfile::tempdir().unwrap();
    let attempts = prompt_ids()
        .iter()
        .enumerate()
        .map(|(i, p)| attempt(&format!("a{i}"), p, i64::try_from(i % 3).unwrap() + 1, i % 2 == 0))
        .collect();
    write_bank(dir.path(), attempts);
    stdout(star(dir.path()).args(["plan", "--date", &iso(today() + Duration::days(10))]));
    assert!(cards_fit(dir.path()), "after plan --date");

    let export = dir.path().join("export.json");
    stdout(star(dir.path()).args(["export", "--output"]).arg(&export));
    let other = tempfile::tempdir().unwrap();
    stdout(star(other.path()).arg("import").arg(&export));
    assert!(cards_fit(other.path()), "after import");
}
