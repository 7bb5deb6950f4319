// Test code: exact figures and quick casts of small numbers are what a test means.
#![allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap, clippy::needless_pass_by_value)]

use std::path::Path;

use super::*;
use crate::content::BUILTIN_GROUP;

/// The example pack from the README, verbatim, so the documentation cannot go stale.
pub fn readme_example() -> String {
    let readme = include_str!("../../README.md");
    let section = &readme[readme.find("## Custom prompt packs").expect("README has a packs section")..];
    let start = section.find("```toml\n").expect("the packs section has a toml example") + "```toml\n".len();
    let end = section[start..].find("```").expect("the toml example ends");
    section[start..start + end].to_string()
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn load(files: &[(&str, &str)]) -> (Guide, Vec<PackError>) {
    let dir = folder(files);
    Guide::with_packs(Some(dir.path()))
}

/// A prompt table with only what the bundled schema requires.
fn prompt(id: &str) -> String {
    format!(
        "[[prompts]]\nid = \"{id}\"\nquestion = \"Q {id}?\"\nheading = \"H\"\nprinciples = [\"Ownership\"]\n\
         looks_for = \"L\"\ntips = []\nstructure = []\n[prompts.example]\nlabel = \"E\"\n"
    )
}

fn only_error(errors: Vec<PackError>) -> PackError {
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().unwrap()
}

#[test]
fn no_folder_or_a_missing_one_is_no_packs_and_no_error() {
    let (guide, errors) = Guide::with_packs(None);
    assert_eq!((guide.prompts.len(), errors.len()), (7, 0));
    let (guide, errors) = Guide::with_packs(Some(Path::new("/nonexistent/star-coach/prompts")));
    assert_eq!((guide.prompts.len(), errors.len()), (7, 0));
    assert_eq!(guide.groups().len(), 1);
}

#[test]
fn the_readme_example_loads_after_the_seven() {
    let (guide, errors) = load(&[("team.toml", &readme_example())]);
    assert!(errors.is_empty(), "{errors:?}");
    let group = guide.groups()[1];
    assert_eq!((group.title, group.start, group.len), ("Team lead", 7, 2));
    let first = guide.find_prompt("8").expect("prompt 8");
    assert_eq!(first.id, "disagree-and-commit");
    assert_eq!(first.pack, Some(0));
    assert_eq!(guide.find_prompt("grow-someone").map(|p| p.number), Some(9));
    assert_eq!(guide.builtin_prompts().len(), 7);
    let question = guide.question("team-on-call-handover").expect("the README pack's question");
    assert_eq!((question.pack, question.principles.len()), (Some(0), 2));
    assert_eq!(guide.groups()[0].title, BUILTIN_GROUP);
}

#[test]
fn packs_load_in_file_name_order_and_number_on() {
    let (guide, errors) = load(&[
        ("b.toml", &format!("name = \"Bee\"\n{}{}", prompt("b1"), prompt("b2"))),
        ("a.toml", &prompt("a1")),
        ("notes.txt", "not a pack"),
        (".hidden.toml", "broken ="),
    ]);
    assert!(errors.is_empty(), "{errors:?}");
    let groups: Vec<_> = guide.groups().iter().map(|g| (g.title.to_string(), g.start, g.len)).collect();
    assert_eq!(groups, [(BUILTIN_GROUP.into(), 0, 7), ("a".into(), 7, 1), ("Bee".into(), 8, 2)]);
    let numbers: Vec<_> = guide.prompts[7..].iter().map(|p| (p.number, p.id.as_str())).collect();
    assert_eq!(numbers, [(8, "a1"), (9, "b1"), (10, "b2")]);
}

#[test]
fn a_toml_syntax_error_names_file_line_and_column_and_the_rest_load() {
    let broken = format!("{}question2 = \"unterminated\n", prompt("x1"));
    let (guide, errors) = load(&[("a.toml", &broken), ("b.toml", &prompt("b1"))]);
    let error = only_error(errors);
    assert!(error.file.ends_with("a.toml"));
    assert_eq!(error.position, Some((11, 26)), "{error}");
    let text = error.to_string();
    assert!(text.starts_with("skipped the prompt pack "), "{text}");
    assert!(text.starts_with("skipped the prompt pack a.toml at line 11, column 26: "), "{text}");
    assert!(text.ends_with(&format!(" (in {})", error.file.parent().unwrap().display())), "{text}");
    assert!(!text.contains('\n'), "one line: {text}");
    assert!(guide.prompt("x1").is_none(), "a broken pack is skipped whole");
    assert_eq!(guide.find_prompt("8").map(|p| p.id.as_str()), Some("b1"));
}

#[test]
fn a_missing_field_or_unknown_key_is_reported() {
    let missing = prompt("m1").replace("looks_for = \"L\"\n", "");
    let error = only_error(load(&[("m.toml", &missing)]).1);
    assert!(error.reason.contains("looks_for"), "{error}");
    assert!(error.position.is_some(), "{error}");
    let unknown = format!("{}colour = \"red\"\n", prompt("u1"));
    let error = only_error(load(&[("u.toml", &unknown)]).1);
    assert!(error.reason.contains("colour"), "{error}");
    let error = only_error(load(&[("e.toml", "name = \"Empty\"\nprompts = []\n")]).1);
    assert_eq!(error.reason, "it has no [[prompts]] and no [[questions]]");
}

/// A question table.
fn question(id: &str, principles: &str) -> String {
    format!("[[questions]]\nid = \"{id}\"\nquestion = \"Why {id}?\"\nprinciples = [{principles}]\n")
}

#[test]
fn a_pack_may_add_questions_alone_or_beside_prompts() {
    let bundled = Guide::bundled().questions.len();
    let (guide, errors) = load(&[
        ("a.toml", &question("team-q1", "\"Frugality\"")),
        ("b.toml", &format!("{}{}", prompt("b1"), question("team-q2", "\"Craft\", \"Ownership\""))),
    ]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(guide.questions.len(), bundled + 2);
    assert_eq!(guide.question("team-q1").map(|q| q.pack), Some(Some(0)));
    assert_eq!(guide.question("team-q2").map(|q| q.pack), Some(Some(1)));
    assert_eq!(guide.groups().len(), 2, "a pack of questions only adds no group of prompts");
    // A value of the pack's own joins the principles, after the sixteen.
    let all = guide.all_principles();
    assert_eq!((all.len(), all[16]), (17, "Craft"));
    assert_eq!(guide.prompt_label("team-q2"), "Drill: Why team-q2?");
    assert!(guide.knows_prompt("team-q1") && guide.knows_prompt("b1") && !guide.knows_prompt("nope"));
}

#[test]
fn pack_questions_share_one_space_of_ids_with_prompts_and_are_checked() {
    let bundled = Guide::bundled().questions[0].id.clone();
    let cases = [
        (
            question(&bundled, "\"Ownership\""),
            format!("the question id \"{bundled}\" is already used by a built-in question"),
        ),
        (
            question("why-amazon", "\"Ownership\""),
            "the question id \"why-amazon\" is already used by a built-in prompt".into(),
        ),
        (prompt(&bundled), format!("the prompt id \"{bundled}\" is already used by a built-in question")),
        (
            format!("{}{}", prompt("same"), question("same", "\"Ownership\"")),
            "the question id \"same\" is used twice in this pack".into(),
        ),
        (question("q3", "\"A\", \"B\", \"C\""), "the question \"q3\" names 3 principles, not 1 or 2".into()),
        (question("q0", ""), "the question \"q0\" names 0 principles, not 1 or 2".into()),
        (question("q-e", "\"Ownership\"").replace("Why q-e?", " "), "the question \"q-e\" is empty".into()),
        (
            question("bad id", "\"Ownership\""),
            "the question id \"bad id\" is not 1 to 64 letters, digits, '-' or '_' (and not only digits)".into(),
        ),
    ];
    for (text, reason) in cases {
        let error = only_error(load(&[("p.toml", &text)]).1);
        assert_eq!(error.reason, reason);
        assert!(error.position.is_some(), "{error}");
    }
}

#[test]
fn pack_question_text_is_cleaned() {
    let text = "[[questions]]\nid = \"q-clean\"\nquestion = \"Tell me\\u001b[31m about\\nit?\"\nprinciples = [\" Frugality \"]\nfollow_up = \"And\\tthen?\"\n";
    let (guide, errors) = load(&[("c.toml", text)]);
    assert!(errors.is_empty(), "{errors:?}");
    let q = guide.question("q-clean").unwrap();
    assert_eq!(q.question, "Tell me[31m about it?");
    assert_eq!(q.principles, ["Frugality"]);
    assert_eq!(q.follow_up.as_deref(), Some("And    then?"));
}

#[test]
fn collisions_with_the_bundled_prompts_another_pack_or_itself_are_rejected() {
    let (guide, errors) = load(&[
        ("a.toml", &prompt("why-amazon")),
        ("b.toml", &prompt("shared")),
        ("c.toml", &prompt("shared")),
        ("d.toml", &format!("{}{}", prompt("twice"), prompt("twice"))),
    ]);
    let reasons: Vec<_> = errors.iter().map(|e| (e.file.file_name().unwrap().to_str().unwrap(), &e.reason)).collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert_eq!(reasons[0], ("a.toml", &"the prompt id \"why-amazon\" is already used by a built-in prompt".into()));
    assert_eq!(reasons[1], ("c.toml", &"the prompt id \"shared\" is already used by the pack \"b\"".into()));
    assert_eq!(reasons[2], ("d.toml", &"two prompts share the id \"twice\"".into()));
    // The second "twice" table starts on line 11.
    assert_eq!(errors[2].position.map(|p| p.0), Some(11));
    assert_eq!(guide.prompts.len(), 8);
}

#[test]
fn bad_ids_numbers_and_empty_questions_are_rejected() {
    for (id, why) in [("", "is not 1 to 64"), ("has space", "is not 1 to 64"), ("12", "not only digits")] {
        let error = only_error(load(&[("p.toml", &prompt(id))]).1);
        assert!(error.reason.contains(why), "{id:?}: {error}");
    }
    let numbered = prompt("n1").replace("question =", "number = 3\nquestion =");
    assert!(only_error(load(&[("p.toml", &numbered)]).1).reason.contains("sets `number`"));
    let empty = prompt("q1").replace("question = \"Q q1?\"", "question = \"  \"");
    assert!(only_error(load(&[("p.toml", &empty)]).1).reason.contains("empty question"));
}

#[test]
fn text_is_cleaned_and_the_name_defaults_to_the_file_stem() {
    let dirty = prompt("c1").replace("Q c1?", "Q\\u001b[2J c1?\\u202e").replace("\"L\"", "\"\"\"one\ntwo\"\"\"");
    let (guide, errors) = load(&[("my-team.toml", &format!("name = \"  \"\n{dirty}"))]);
    assert!(errors.is_empty(), "{errors:?}");
    let p = guide.prompt("c1").unwrap();
    assert_eq!(p.question, "Q[2J c1?");
    assert_eq!(p.looks_for, "one two");
    assert_eq!(guide.groups()[1].title, "my-team");
}

#[test]
fn unknown_principles_are_allowed() {
    let other = prompt("o1").replace("[\"Ownership\"]", "[\"Googleyness\"]");
    let (guide, errors) = load(&[("o.toml", &other)]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(guide.prompt("o1").unwrap().principles, ["Googleyness"]);
}

#[test]
fn oversized_non_utf8_and_bom_files() {
    let big = "#".repeat(MAX_PACK_BYTES as usize + 1);
    assert!(only_error(load(&[("big.toml", &big)]).1).reason.contains("larger than"));
    let dir = folder(&[]);
    std::fs::write(dir.path().join("bin.toml"), b"name = \"ok\"\nid = \"\xff\"").unwrap();
    let error = only_error(Guide::with_packs(Some(dir.path())).1);
    assert_eq!((error.reason.as_str(), error.position), ("it is not UTF-8 text", Some((2, 7))));
    let (guide, errors) = load(&[("bom.toml", &format!("\u{feff}{}", prompt("bom")))]);
    assert!(errors.is_empty() && guide.prompt("bom").is_some(), "{errors:?}");
}

#[test]
fn an_unreadable_folder_is_one_error() {
    let dir = folder(&[("file", "")]);
    let not_a_folder = dir.path().join("file");
    let error = only_error(Guide::with_packs(Some(&not_a_folder)).1);
    assert!(error.is_folder);
    assert!(error.to_string().starts_with(&format!("skipped the prompt packs in {}: ", not_a_folder.display())));
}

/// A prompt table as [`prompt`] writes it, with `fields` among its own (before its example's table).
fn prompt_with(id: &str, fields: &str) -> String {
    prompt(id).replace("[prompts.example]", &format!("{fields}\n[prompts.example]"))
}

#[test]
fn a_pack_prompt_may_declare_its_own_phases_and_bad_ones_skip_the_pack() {
    let own = prompt_with(
        "pitch",
        "tells_story = false\nphases = [{ id = \"hook\", share = 40 }, { id = \"why-you\", name = \"Why you\\u001b[31m\", \
         share = 60 }]",
    );
    let (guide, errors) = load(&[("own.toml", &own)]);
    assert!(errors.is_empty(), "{errors:?}");
    let set = guide.phases("pitch", &crate::practice::PhaseShares::default());
    assert_eq!(set.path(), "Hook → Why you[31m", "names are cleaned like any pack text");
    assert!(!set.tells_story());
    let bad = prompt_with("p", "phases = [{ id = \"hook\", share = 40 }, { id = \"close\", share = 40 }]");
    let error = only_error(load(&[("bad.toml", &bad)]).1);
    assert!(error.reason.contains("add up to 80, not 100"), "{error}");
    assert!(error.position.is_some(), "at the prompt's line");
    let malformed = prompt_with("p", "phases = [{ id = \"Hook\" }, { id = \"close\" }]");
    let error = only_error(load(&[("bad.toml", &malformed)]).1);
    assert!(error.reason.contains("the phase id \"Hook\""), "{error}");
}
