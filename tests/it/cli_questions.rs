//! `star-coach questions`, and drilled attempts in `history`, `history --json` and `import`, from the real binary.

use std::collections::HashSet;
use std::fs;

use serde_json::Value;

use crate::support::{star, stderr_of_failure, stdout};

const SIXTEEN_IN_ORDER: [&str; 3] = ["Customer Obsession", "Have Backbone; Disagree and Commit", "Success and Scale"];

#[test]
fn questions_lists_the_bank_once_under_each_questions_main_principle() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(star(dir.path()).arg("questions"));
    let headings: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ') && !l.is_empty()).collect();
    assert_eq!(headings.len(), 16, "{headings:?}");
    assert_eq!(headings[0], "Customer Obsession  (7 questions)");
    let mut at = 0;
    for name in SIXTEEN_IN_ORDER {
        at += text[at..].find(name).unwrap_or_else(|| panic!("{name} missing or out of order"));
    }
    let ids: Vec<&str> = text.lines().filter_map(|l| l.split('[').nth(1)?.split(']').next()).collect();
    assert!(ids.len() >= 100, "{} questions", ids.len());
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len(), "each question once");
    assert!(text.contains("\n  Whether you start from what a real customer needs"), "each heading has its gloss");
    assert!(text.contains("[q-customer-said-no]  (also Earn Trust)\n"));
}

#[test]
fn a_principle_by_any_part_of_its_name_keeps_its_questions_main_ones_first() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(star(dir.path()).args(["questions", "--principle", "FRUGAL"]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("Frugality  ("), "{text}");
    assert!(lines[1].starts_with("  Whether a constraint makes you resourceful"));
    let questions: Vec<&str> = lines[2..].to_vec();
    assert!(questions.len() >= 6);
    let first_also = questions.iter().position(|q| q.contains("(also ")).unwrap();
    assert!(questions[..first_also].iter().all(|q| q.starts_with("  - ") && !q.contains("(also")));
    // Those where it is the second principle name their main one.
    assert!(questions.iter().any(|q| q.contains("[q-invent-from-constraint]  (also Invent and Simplify)")), "{text}");
}

#[test]
fn json_prints_id_question_and_principles_and_honours_the_filter() {
    let dir = tempfile::tempdir().unwrap();
    let all: Value = serde_json::from_str(&stdout(star(dir.path()).args(["questions", "--json"]))).unwrap();
    let all = all.as_array().unwrap();
    assert!(all.len() >= 100);
    for q in all {
        let keys: HashSet<&str> = q.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, HashSet::from(["id", "question", "principles"]));
        assert!((1..=2).contains(&q["principles"].as_array().unwrap().len()));
    }
    let on: Value =
        serde_json::from_str(&stdout(star(dir.path()).args(["questions", "--json", "--principle", "dive deep"])))
            .unwrap();
    let on = on.as_array().unwrap();
    assert!(on.len() >= 6 && on.len() < all.len());
    assert!(on.iter().all(|q| q["principles"].as_array().unwrap().iter().any(|p| p == "Dive Deep")));
}

#[test]
fn an_unknown_or_ambiguous_principle_is_one_sentence_saying_where_the_names_are() {
    let dir = tempfile::tempdir().unwrap();
    let err = stderr_of_failure(star(dir.path()).args(["questions", "--principle", "Frugalty"]));
    assert_eq!(
        err,
        "star-coach: there is no leadership principle \"Frugalty\"; `star-coach questions` lists them under their \
         names\n"
    );
    let err = stderr_of_failure(star(dir.path()).args(["questions", "--json", "--principle", "best"]));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("could be Hire and Develop the Best or Strive to be Earth's Best Employer"), "{err}");
}

const BANK_V3: &str = include_str!("../fixtures/bank-v3.json");

#[test]
fn history_groups_drills_by_principle_and_keeps_them_out_of_the_prompts() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("star-coach.json"), BANK_V3).unwrap();
    let text = stdout(star(dir.path()).arg("history"));
    assert!(!text.lines().any(|l| l.starts_with("? ")), "a drilled question is not an unknown prompt: {text}");
    let table = &text[text.find("Drills by principle").expect("the drills' table")..];
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[1..5],
        [
            "principle                                     drills  median pick  late picks  no story  last drilled",
            "Frugality                                          2         0:22           1         1  2026-11-23",
            "Deliver Results                                    1         0:12           0         0  2026-11-23",
            "Success and Scale Bring Broad Responsibility       1         0:31           1         1  2026-11-23",
        ],
        "{text}"
    );
    let json: Value = serde_json::from_str(&stdout(star(dir.path()).args(["history", "--json"]))).unwrap();
    let drilled = json.as_array().unwrap().iter().find(|a| a["id"] == "att004").unwrap();
    assert_eq!(drilled["prompt"], "q-frugal-fraction");
    assert_eq!(drilled["drill"]["pick_secs"], 12.5);
    let plain = json.as_array().unwrap().iter().find(|a| a["id"] == "att001").unwrap();
    assert!(plain.get("drill").is_none(), "practice carries no drill field");
}

#[test]
fn import_takes_drilled_attempts_as_known_prompts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.json");
    fs::write(&file, BANK_V3).unwrap();
    let data = dir.path().join("data");
    let out = stdout(star(&data).arg("import").arg(&file));
    assert!(out.starts_with("Stories: 3 new, 0 updated, 0 already here. Attempts: 5 new, 0 already here."), "{out}");
    assert!(!out.contains("not loaded"), "question ids are known here: {out}");
    let bad = BANK_V3.replace("\"pick_secs\": 12.5", "\"pick_secs\": -1");
    fs::write(&file, bad).unwrap();
    let err = stderr_of_failure(star(&data).arg("import").arg(&file));
    assert!(err.contains("the attempt \"att004\" has a drill pick time that is negative or impossible"), "{err}");
}
