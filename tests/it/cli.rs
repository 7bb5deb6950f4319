//! The real binary against a temporary data dir.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn star(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("star-coach").unwrap();
    cmd.env("STAR_COACH_DATA_DIR", dir)
        .env("STAR_COACH_CONFIG", "/nonexistent/star-coach-test/config.toml")
        .env_remove("NO_COLOR");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn stderr_of_failure(cmd: &mut Command) -> String {
    let out = cmd.assert().failure().get_output().stderr.clone();
    String::from_utf8(out).unwrap()
}

const BANK: &str = include_str!("../fixtures/bank-v1.json");

#[test]
fn prompts_prints_the_seven_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(star(dir.path()).arg("prompts"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7);
    assert!(lines[0].starts_with("1. Why do you want to work at Amazon?"));
    assert!(lines[3].starts_with("4. Tell me about a time you missed a deadline"));
    assert!(lines[3].ends_with("[missed-deadline]"));
    assert!(lines[6].starts_with("7. What project are you most proud of and why?"));
}

#[test]
fn prompt_shows_the_whole_outline_with_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    let by_number = stdout(star(dir.path()).args(["prompt", "2"]));
    for figure in ["2.3% to 0.2%", "+25%", "~60", "80% over 30 days", "Invent and Simplify", "leaky-bucket"] {
        assert!(by_number.contains(figure), "missing {figure}");
    }
    assert!(by_number.contains("Learning: Prefer simple, observable controls"));
    assert!(!by_number.contains('\u{1b}'), "no escape codes when piped");
    let by_id = stdout(star(dir.path()).args(["prompt", "simple-solution"]));
    assert_eq!(by_number, by_id);
}

#[test]
fn unknown_prompt_is_one_clear_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let err = stderr_of_failure(star(dir.path()).args(["prompt", "9"]));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("there is no prompt \"9\""), "{err}");
}

#[test]
fn guide_prints_strategy_pitfalls_and_checklist() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(star(dir.path()).arg("guide"));
    for part in [
        "General strategy",
        "Reusable answer template",
        "Common pitfalls",
        "Edge cases",
        "Preparation checklist",
        "Think Big",
    ] {
        assert!(text.contains(part), "missing {part}");
    }
}

#[test]
fn empty_data_dir_is_an_empty_bank() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("fresh");
    assert!(stdout(star(&data).arg("stories")).contains("No stories yet"));
    assert_eq!(stdout(star(&data).args(["history", "--json"])).trim(), "[]");
    assert!(!data.join("star-coach.json").exists(), "reading never creates the file");
}

#[test]
fn import_then_export_round_trips_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bank.json");
    fs::write(&file, BANK).unwrap();
    let data = dir.path().join("data");
    let report = stdout(star(&data).arg("import").arg(&file));
    assert!(report.contains("2 new"), "{report}");
    let first = stdout(star(&data).args(["export", "--format", "json"]));
    let other = dir.path().join("other");
    let exported = dir.path().join("exported.json");
    star(&data).args(["export", "-o"]).arg(&exported).assert().success();
    assert_eq!(fs::read_to_string(&exported).unwrap(), first);
    star(&other).arg("import").arg(&exported).assert().success();
    let second = stdout(star(&other).args(["export", "--format", "json"]));
    // The importing side notes each story's fingerprint, so the next import can tell which side changed; the rest
    // is the same.
    let without_bases = |text: &str| {
        let mut bank: Value = serde_json::from_str(text).unwrap();
        for story in bank["stories"].as_array_mut().unwrap() {
            story.as_object_mut().unwrap().remove("import_base");
        }
        bank
    };
    assert_eq!(without_bases(&first), without_bases(&second));
    // Importing the same again changes nothing.
    let again = stdout(star(&other).arg("import").arg(&exported));
    assert!(
        again.starts_with("Stories: 0 new, 0 updated, 2 already here. Attempts: 0 new, 2 already here."),
        "{again}"
    );
    assert_eq!(stdout(star(&other).args(["export"])), second);
}

#[test]
fn import_with_an_error_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let good = dir.path().join("good.json");
    fs::write(&good, BANK).unwrap();
    star(&data).arg("import").arg(&good).assert().success();
    let before = fs::read(data.join("star-coach.json")).unwrap();
    let bad = dir.path().join("bad.json");
    fs::write(&bad, BANK.replace("\"missed-deadline\"", "\"no such prompt\"")).unwrap();
    let err = stderr_of_failure(star(&data).arg("import").arg(&bad));
    assert!(err.contains("malformed id \"no such prompt\""), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(fs::read(data.join("star-coach.json")).unwrap(), before);
}

#[test]
fn history_json_lists_attempts_with_phases_and_filters_by_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bank.json");
    fs::write(&file, BANK).unwrap();
    star(dir.path()).arg("import").arg(&file).assert().success();
    let all: Value = serde_json::from_str(&stdout(star(dir.path()).args(["history", "--json"]))).unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 2);
    let first = &all[0];
    assert_eq!(first["prompt"], "missed-deadline");
    assert_eq!(first["story"], "st0ry1");
    assert!(first["started_at"].as_str().unwrap().starts_with("2026-11-20T08:30:00"));
    assert_eq!(first["duration_secs"], 95.5);
    let phases: Vec<&str> = first["phases"].as_array().unwrap().iter().map(|p| p["phase"].as_str().unwrap()).collect();
    assert_eq!(phases, ["situation", "task", "action", "result"]);
    let filtered: Value =
        serde_json::from_str(&stdout(star(dir.path()).args(["history", "--json", "--prompt", "2"]))).unwrap();
    assert_eq!(filtered.as_array().unwrap().len(), 1);
    assert_eq!(filtered[0]["prompt"], "simple-solution");
}

#[test]
fn export_md_groups_stories_under_prompts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bank.json");
    fs::write(&file, BANK).unwrap();
    star(dir.path()).arg("import").arg(&file).assert().success();
    let md = stdout(star(dir.path()).args(["export", "--format", "md"]));
    let deadline = md.find("## 4. Tell me about a time you missed a deadline").unwrap();
    let story = md[deadline..].find("### Checkout timeouts").unwrap();
    let next = md[deadline..].find("## 5.").unwrap();
    assert!(story < next, "the story sits under prompt 4");
    assert!(md.contains("## Practice history"));
}

#[test]
fn corrupt_file_fails_with_line_and_column_and_is_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("star-coach.json");
    let bytes = b"{\n  \"format\": \"star-coach\",\n  \"schema_version\": 1,\n  \"stories\": [ oops ]\n}\n";
    fs::write(&path, bytes).unwrap();
    for args in [&["stories"][..], &["history", "--json"], &["export"]] {
        let err = stderr_of_failure(star(dir.path()).args(args));
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("star-coach.json"), "{err}");
        assert!(err.contains("line 4, column"), "{err}");
    }
    let file = dir.path().join("bank.json");
    fs::write(&file, BANK).unwrap();
    stderr_of_failure(star(dir.path()).arg("import").arg(&file));
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn newer_schema_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("star-coach.json");
    let bytes = br#"{"format": "star-coach", "schema_version": 7, "stories": [], "attempts": [], "moods": []}"#;
    fs::write(&path, bytes).unwrap();
    let err = stderr_of_failure(star(dir.path()).arg("stories"));
    assert!(err.contains("newer star-coach (schema version 7"), "{err}");
    let file = dir.path().join("bank.json");
    fs::write(&file, BANK).unwrap();
    stderr_of_failure(star(dir.path()).arg("import").arg(&file));
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn data_dir_flag_beats_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let flag = dir.path().join("flag");
    let text = stdout(star(&dir.path().join("env")).arg("paths").arg("--data-dir").arg(&flag));
    assert!(text.contains(&flag.join("star-coach.json").display().to_string()), "{text}");
}

#[test]
fn config_env_moves_the_config_file_and_its_prompt_packs() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("conf").join("mine.toml");
    let text = stdout(star(dir.path()).arg("paths").env("STAR_COACH_CONFIG", &config));
    assert!(text.contains(&format!("config file:   {}", config.display())), "{text}");
    assert!(text.contains(&format!("prompt packs:  {}", dir.path().join("conf").join("prompts").display())), "{text}");
}

#[test]
fn help_lists_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let help = stdout(star(dir.path()).arg("--help"));
    for command in [
        "prompts",
        "prompt",
        "guide",
        "stories",
        "export",
        "import",
        "history",
        "next",
        "mock",
        "paths",
        "config",
        "restore",
        "--data-dir",
    ] {
        assert!(help.contains(command), "missing {command}");
    }
}

#[cfg(unix)]
#[test]
fn saved_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("bank.json");
    fs::write(&file, BANK).unwrap();
    star(&data).arg("import").arg(&file).assert().success();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("star-coach.json")), 0o600);
}

#[test]
fn stories_lint_reports_codes_with_evidence_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bank.json");
    let weak =
        BANK.replace("I traced", "We traced").replace("I replaced", "We replaced").replace("I shipped", "We shipped");
    let weak = weak.replace(
        "\"p99 timeouts dropped from 2.3% to 0.2%\", \"incidents down 80% over 30 days\"",
        "\"it got faster\"",
    );
    fs::write(&file, weak).unwrap();
    star(dir.path()).arg("import").arg(&file).assert().success();
    let json: Value = serde_json::from_str(&stdout(star(dir.path()).args(["stories", "lint", "--json"]))).unwrap();
    let findings = json.as_array().unwrap();
    let codes: Vec<(&str, &str)> =
        findings.iter().map(|f| (f["story"].as_str().unwrap(), f["code"].as_str().unwrap())).collect();
    assert!(codes.contains(&("st0ry1", "we-overuse")), "{codes:?}");
    assert!(codes.contains(&("st0ry1", "no-metric")), "{codes:?}");
    assert!(!codes.iter().any(|(s, _)| *s == "st0ry2"), "the second story is fine: {codes:?}");
    let message = findings.iter().find(|f| f["code"] == "no-metric").unwrap()["message"].as_str().unwrap();
    assert!(message.contains("\"it got faster\""), "{message}");
    let text = stdout(star(dir.path()).args(["stories", "lint"]));
    assert!(text.contains("we-overuse: the actions say"), "{text}");
    assert!(text.contains("st0ry2  Memory leak outage  (about 0:"), "{text}");
}

#[test]
fn stories_lint_reads_words_as_a_person_does_and_keeps_its_json_shape() {
    let dir = tempfile::tempdir().unwrap();
    let story = |id: &str, actions: &str, results: &str, learning: &str| {
        format!(
            r#"{{"id": "{id}", "title": "{id}", "situation": "Checkout slowed.", "task": "I owned it.",
            "actions": {actions}, "results": {results}, "learning": "{learning}", "principles": [], "prompts": [],
            "created_at": "2026-11-30T09:00:00Z", "updated_at": "2026-11-30T09:00:00Z"}}"#
        )
    };
    let regions = story(
        "regions",
        r#"["I moved the shard out of us-east-1 into us-west-2.", "I added a breaker.", "We ran a game day."]"#,
        r#"["p99 fell by forty percent within three weeks."]"#,
        "TBD",
    );
    let disk = story(
        "disk",
        r#"["We traced the I/O waits.", "I moved the job's I/O to SSD.", "We split the volumes; we watched I/O."]"#,
        r#"["Closed JIRA-4521 in sprint 14."]"#,
        "Give each heavy job its own disk.",
    );
    let bank =
        format!(r#"{{"format": "star-coach", "schema_version": 1, "stories": [{regions}, {disk}], "attempts": []}}"#);
    fs::write(dir.path().join("star-coach.json"), bank).unwrap();
    let json: Value = serde_json::from_str(&stdout(star(dir.path()).args(["stories", "lint", "--json"]))).unwrap();
    let findings = json.as_array().unwrap();
    for finding in findings {
        let keys: Vec<&String> = finding.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["code", "message", "story"], "{finding}");
    }
    let found: Vec<(&str, &str, &str)> = findings
        .iter()
        .map(|f| (f["story"].as_str().unwrap(), f["code"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(
        found[0],
        (
            "regions",
            "no-learning",
            "the learning is only \"TBD\", a placeholder: say what you learned or the mechanism you put in place"
        )
    );
    assert_eq!(
        found[1],
        (
            "disk",
            "we-overuse",
            "the actions say \"we/our/us\" 3 times (We ×2, we) and \"I/my/me\" once (I), not counting I/O ×3, as in \
             \"We traced the I/O waits.\": say what you did"
        )
    );
    assert_eq!(
        found[2],
        (
            "disk",
            "no-metric",
            "no result carries a number (not counting JIRA-4521, sprint 14), as in \"Closed JIRA-4521 in sprint 14.\": \
             add at least one metric"
        )
    );
}

#[test]
fn completions_for_each_shell_name_every_command() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(star(dir.path()).args(["completions", shell]));
        for command in ["prompts", "stories", "export", "import", "history", "restore", "next"] {
            assert!(script.contains(command), "{shell} completion lacks {command}");
        }
    }
    let err = stderr_of_failure(star(dir.path()).args(["completions", "cmd.exe"]));
    assert!(err.contains("invalid value 'cmd.exe'"), "{err}");
}

#[test]
fn man_page_is_roff_with_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let page = stdout(star(dir.path()).arg("man"));
    assert!(page.contains(".TH star-coach 1"), "{page}");
    for command in ["prompts", "stories", "export", "import", "history", "restore", "completions"] {
        assert!(page.contains(command), "the man page lacks {command}");
    }
    assert!(!page.contains("(1)"), "no pointer to a page per command, which does not exist:\n{page}");
    assert!(page.contains(r"[\fB\-\-data\-dir\fR \fIDIR\fR]"), "the synopsis names --data-dir's argument");
    for section in [".SH COMMANDS", ".SH FILES", ".SH ENVIRONMENT", ".SH EXIT STATUS", ".SH KEYS"] {
        assert!(page.contains(section), "the man page lacks {section}");
    }
    for name in ["STAR_COACH_DATA_DIR", "STAR_COACH_CONFIG", "NO_COLOR", r"star\-coach.json", "config.toml"] {
        assert!(page.contains(name), "the man page does not name {name}");
    }
    assert!(page.contains("Start the clock, pause it, resume it"), "the key map is there");
    assert!(page.contains(r"\fB\-\-count <N>\fR"), "each command's options, with their values");
    assert!(page.contains("one of bash"), "the shells completions takes");
}

fn with_config(dir: &Path, config: &str) -> Command {
    let path = dir.join("config.toml");
    fs::write(&path, config).unwrap();
    let mut cmd = star(dir);
    cmd.env("STAR_COACH_CONFIG", path);
    cmd
}

#[test]
fn config_prints_every_setting_and_key_with_the_defaults_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(star(dir.path()).arg("config"));
    for line in ["theme = \"dark\"", "mouse = true", "words_per_minute = 150", "min_secs = 60", "max_secs = 120"] {
        assert!(text.contains(line), "missing {line}: {text}");
    }
    assert!(text.contains("situation = 15\ntask = 10\naction = 50\nresult = 25\n"), "{text}");
    assert!(text.contains("[keys.practice]") && text.contains("mark_phase = [\"n\"]"), "{text}");
    assert!(text.contains("does not exist, so these are the defaults"), "{text}");
}

#[test]
fn config_shows_what_the_file_changed() {
    let dir = tempfile::tempdir().unwrap();
    let config =
        "theme = \"light\"\nwords_per_minute = 120\n[target]\nmax_secs = 90\n[keys.practice]\nmark_phase = \"right\"\n";
    let text = stdout(with_config(dir.path(), config).arg("config"));
    assert!(text.contains("read from"), "{text}");
    for line in
        ["theme = \"light\"", "words_per_minute = 120", "min_secs = 60", "max_secs = 90", "mark_phase = [\"right\"]"]
    {
        assert!(text.contains(line), "missing {line}: {text}");
    }
}

#[test]
fn a_bad_config_is_one_sentence_with_line_and_column_and_the_defaults_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = with_config(dir.path(), "theme = \"dark\"\nwords_per_minute = 20\n").arg("config").assert().failure();
    let output = out.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let path = dir.path().join("config.toml");
    assert!(
        stderr.contains(&format!("{}:2:20: words_per_minute must be between 60 and 300", path.display())),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("has a problem, so these are the defaults") && stdout.contains("words_per_minute = 150"));

    // Every problem at once, the config's and the key map's, still in one sentence.
    let two = "theme = \"pink\"\n[keys.top]\nquit = \"ctrl-c\"\n";
    let out = with_config(dir.path(), two).arg("config").assert().failure();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("config.toml:1:9: unknown variant `pink`"), "{stderr}");
    assert!(stderr.contains("; and 3:8: ctrl-c always quits safely, so it cannot be bound to quit"), "{stderr}");

    // Other commands warn and carry on with the defaults.
    let out = with_config(dir.path(), "[keys.practice]\nmark_phase = \"enterr\"\n").arg("next").assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.starts_with("star-coach: warning: config not used") && stderr.contains("config.toml:2:14:"),
        "{stderr}"
    );
}

#[test]
fn the_configured_target_and_speaking_rate_reach_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let long = "word ".repeat(200);
    let bank = format!(
        r#"{{"format": "star-coach", "schema_version": 1, "stories": [{{"id": "s1", "title": "Long", "situation": "{long}",
        "task": "", "actions": [], "results": [], "learning": "", "principles": [], "prompts": [],
        "created_at": "2026-11-30T09:00:00Z", "updated_at": "2026-11-30T09:00:00Z"}}], "attempts": []}}"#
    );
    fs::write(dir.path().join("star-coach.json"), bank).unwrap();
    let default = stdout(star(dir.path()).args(["stories", "lint"]));
    assert!(default.contains("about 1:20 to say"), "{default}");
    assert!(!default.contains("too-long"), "{default}");
    let slow =
        stdout(with_config(dir.path(), "words_per_minute = 100\n[target]\nmax_secs = 100\n").args(["stories", "lint"]));
    assert!(
        slow.contains("about 2:00 to say") && slow.contains("too-long") && slow.contains("trim it under 1:40"),
        "{slow}"
    );
}

#[test]
fn a_bad_command_line_is_one_sentence_naming_the_help_to_read() {
    let dir = tempfile::tempdir().unwrap();
    for (args, says) in [
        (
            &["mock", "--count", "abc"][..],
            "invalid value 'abc' for '--count <N>': invalid digit found in string; see `star-coach mock --help`.",
        ),
        (
            &["completions", "nushell"][..],
            "(it takes bash, elvish, fish, powershell, zsh); see `star-coach completions --help`.",
        ),
        (&["stories", "--json"][..], "unexpected argument '--json' found; see `star-coach stories --help`."),
        (&["stories", "lint", "--jsn"][..], "see `star-coach stories lint --help`."),
        (&["frobnicate"][..], "unrecognized subcommand 'frobnicate'; see `star-coach --help`."),
        (&["analyze"][..], "the required argument <FILE> was not given; see `star-coach analyze --help`."),
        (&["play"][..], "the required argument <ATTEMPT> was not given; see `star-coach play --help`."),
    ] {
        let out = star(dir.path()).args(args).assert().code(2).get_output().stderr.clone();
        let err = String::from_utf8(out).unwrap();
        assert_eq!(err.lines().count(), 1, "one line for {args:?}:\n{err}");
        assert!(err.starts_with("star-coach: ") && err.trim_end().ends_with(says), "{args:?}:\n{err}");
    }
    let help = stdout(star(dir.path()).args(["mock", "--help"]));
    assert!(help.contains("Usage: star-coach mock"), "--help still prints the help, with success");
}
