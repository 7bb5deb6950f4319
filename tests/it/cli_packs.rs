//! Custom prompt packs from the command line: `STAR_COACH_CONFIG` points at a temp folder with `prompts/` beside it.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The README's example pack, verbatim: what a new user would copy.
fn readme_pack() -> String {
    let readme = include_str!("../../README.md");
    let section = &readme[readme.find("## Custom prompt packs").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    section[start..start + section[start..].find("```").unwrap()].to_string()
}

struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new(packs: &[(&str, &str)]) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("prompts")).unwrap();
        for (name, text) in packs {
            fs::write(dir.path().join("prompts").join(name), text).unwrap();
        }
        Setup { dir }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn star(&self) -> Command {
        let mut cmd = Command::cargo_bin("star-coach").unwrap();
        cmd.env("STAR_COACH_DATA_DIR", self.data()).env("STAR_COACH_CONFIG", self.dir.path().join("config.toml"));
        cmd
    }

    /// Runs `args`, which must succeed; returns stdout and stderr.
    fn run(&self, args: &[&str]) -> (String, String) {
        let out = self.star().args(args).assert().success().get_output().clone();
        (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    }
}

#[test]
fn prompts_lists_the_pack_under_its_name_after_the_seven() {
    let s = Setup::new(&[("team.toml", &readme_pack())]);
    let (out, err) = s.run(&["prompts"]);
    assert_eq!(err, "", "a good pack warns about nothing");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 11, "{out}");
    assert!(lines[6].starts_with("7. What project are you most proud of"));
    assert_eq!(lines[7], "");
    assert_eq!(lines[8], "Team lead  (team.toml)");
    assert_eq!(lines[9], "8. Tell me about a time you disagreed with your manager.  [disagree-and-commit]");
    assert!(lines[10].starts_with("9. Describe a time you helped someone on your team grow."));
}

#[test]
fn prompt_shows_a_pack_prompt_by_number_or_id() {
    let s = Setup::new(&[("team.toml", &readme_pack())]);
    let (by_number, _) = s.run(&["prompt", "8"]);
    assert!(by_number.starts_with("8. Tell me about a time you disagreed with your manager."), "{by_number}");
    assert!(by_number.contains("Have Backbone; Disagree and Commit, Earn Trust"));
    assert!(by_number.contains("- Action: how you made your case, then how you committed."));
    assert!(by_number.contains("Common pitfalls to avoid"), "the guide's pitfalls apply to packs too");
    let (by_id, _) = s.run(&["prompt", "grow-someone"]);
    assert!(by_id.starts_with("9. Describe a time you helped someone"), "{by_id}");
    let err = s.star().args(["prompt", "10"]).assert().failure().get_output().stderr.clone();
    assert!(String::from_utf8(err).unwrap().contains("use a number from 1 to 9"));
}

#[test]
fn a_broken_pack_warns_with_file_line_and_column_and_the_rest_still_work() {
    let broken = readme_pack().replace("looks_for = \"How you coach", "looks_for = How you coach");
    let s =
        Setup::new(&[("a-broken.toml", &broken), ("team.toml", &readme_pack().replace("name = \"Team lead\"", ""))]);
    let (out, err) = s.run(&["prompts"]);
    let file = s.dir.path().join("prompts").join("a-broken.toml");
    let line = broken.lines().position(|l| l.starts_with("looks_for = How")).unwrap() + 1;
    let warning = "star-coach: warning: skipped the prompt pack a-broken.toml at line ";
    assert!(err.starts_with(&format!("{warning}{line}, column ")), "{err}");
    assert!(err.ends_with(&format!(" (in {})\n", file.parent().unwrap().display())), "{err}");
    assert_eq!(err.lines().count(), 1, "one sentence: {err}");
    assert!(out.contains("\nteam  (team.toml)\n8. Tell me about a time you disagreed"), "{out}");
    // The guide is what it always was; the warning goes to stderr, not into the output.
    let (guide, err) = s.run(&["guide"]);
    // (The sixteen principles' glosses say "disagree" too: look for the pack's own words.)
    assert!(!guide.contains("disagreed with your manager"), "packs are not part of the bundled guide");
    assert!(!guide.contains("disagree-and-commit"), "packs are not part of the bundled guide");
    assert!(err.contains("a-broken.toml"));
    let (_, err) = s.run(&["completions", "bash"]);
    assert_eq!(err, "", "completions print no warnings");
}

fn attempt(id: &str, prompt: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "prompt": prompt, "story": null, "started_at": "2026-11-01T10:00:00Z", "duration_secs": 95.0,
        "phases": [], "review": {
            "checklist": {"spoke_as_i": true, "gave_metric": true, "short_setup": true, "stated_learning": false},
            "confidence": 4, "note": ""
        }
    })
}

fn bank_file(dir: &Path, attempts: Vec<serde_json::Value>, story_prompts: &[&str]) -> PathBuf {
    let bank = serde_json::json!({
        "format": "star-coach", "schema_version": 1,
        "stories": [{
            "id": "s1", "title": "Coached a new hire", "situation": "", "task": "", "actions": [], "results": [],
            "learning": "", "principles": [], "prompts": story_prompts,
            "created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"
        }],
        "attempts": attempts,
    });
    let file = dir.join("bank.json");
    fs::write(&file, serde_json::to_string(&bank).unwrap()).unwrap();
    file
}

#[test]
fn attempts_and_stories_at_a_removed_pack_are_imported_kept_and_shown_by_id() {
    let s = Setup::new(&[]);
    let file =
        bank_file(s.dir.path(), vec![attempt("a1", "grow-someone"), attempt("a2", "why-amazon")], &["grow-someone"]);
    let (out, _) = s.run(&["import", file.to_str().unwrap()]);
    assert!(out.contains("2 of the imported stories and attempts name a prompt not loaded here"), "{out}");
    let (history, _) = s.run(&["history"]);
    let row = history.lines().find(|l| l.contains("grow-someone")).expect("the attempt shows in the summary");
    assert!(row.starts_with("?  grow-someone  "), "{history}");
    let (stories, _) = s.run(&["stories"]);
    assert!(stories.contains("Coached a new hire  (grow-someone)"), "{stories}");
    let (md, _) = s.run(&["export", "--format", "md"]);
    assert!(md.contains("## prompt grow-someone (pack not loaded)\n\n### Coached a new hire"), "{md}");
    let (json, _) = s.run(&["history", "--json"]);
    assert!(json.contains("\"prompt\": \"grow-someone\""));
    // With the pack back, the same attempt counts under prompt 9.
    fs::write(s.dir.path().join("prompts").join("team.toml"), readme_pack()).unwrap();
    let (history, _) = s.run(&["history", "--prompt", "9"]);
    assert!(history.lines().any(|l| l.starts_with("9  grow-someone  ") && l.contains(" 1 ")), "{history}");
}

#[test]
fn a_packs_questions_join_the_bank() {
    let s = Setup::new(&[("team.toml", &readme_pack())]);
    let (out, err) = s.run(&["questions", "--principle", "ownership"]);
    assert_eq!(err, "");
    assert!(out.contains("  - Tell me about a time you changed how your team hands over on-call.  [team-on-call-handover]  (also Earn Trust)\n"), "{out}");
    let (json, _) = s.run(&["questions", "--json"]);
    let all: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(all.as_array().unwrap().last().unwrap()["id"], "team-on-call-handover", "after the bundled ones");
}
