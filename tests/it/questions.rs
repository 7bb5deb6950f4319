//! The sixteen leadership principles (`content/principles.toml`) and the drill's question bank
//! (`content/questions.toml`) must be complete and well-formed.

use std::collections::{BTreeSet, HashMap, HashSet};

use star_coach::content::{Guide, principles, questions};

/// The principles by their published names, in their published order.
const SIXTEEN: [&str; 16] = [
    "Customer Obsession",
    "Ownership",
    "Invent and Simplify",
    "Are Right, A Lot",
    "Learn and Be Curious",
    "Hire and Develop the Best",
    "Insist on the Highest Standards",
    "Think Big",
    "Bias for Action",
    "Frugality",
    "Earn Trust",
    "Dive Deep",
    "Have Backbone; Disagree and Commit",
    "Deliver Results",
    "Strive to be Earth's Best Employer",
    "Success and Scale Bring Broad Responsibility",
];

fn guide() -> &'static Guide {
    Guide::bundled()
}

#[test]
fn the_sixteen_principles_by_their_published_names_in_order() {
    let names: Vec<&str> = principles::bundled().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, SIXTEEN);
    assert_eq!(guide().all_principles(), SIXTEEN, "the editor, coverage and reports list all sixteen");
    // The guide's own ten stay as the guide wrote them, and are all among the sixteen, spelled the same.
    for name in &guide().principles {
        assert!(SIXTEEN.contains(&name.as_str()), "the guide's {name:?} is not a published name");
    }
}

#[test]
fn every_principle_has_a_one_line_gloss_of_what_an_interviewer_listens_for() {
    let mut seen = HashSet::new();
    for p in principles::bundled() {
        let gloss = &p.gloss;
        assert!(gloss.starts_with("Whether "), "{}: {gloss:?}", p.name);
        assert!(gloss.ends_with('.') && !gloss.contains('\n'), "{}: one sentence on one line", p.name);
        assert!((40..=120).contains(&gloss.chars().count()), "{}: {} characters", p.name, gloss.chars().count());
        assert!(seen.insert(gloss.as_str()), "{}: the same gloss twice", p.name);
        assert_eq!(guide().gloss(&p.name), Some(gloss.as_str()));
    }
    assert_eq!(guide().gloss("dive deep"), guide().gloss("Dive Deep"), "found whatever the spelling");
}

#[test]
fn the_bank_parses_and_every_question_passes_the_checks_packs_get() {
    let bank = questions::bundled();
    assert_eq!(&*guide().questions, bank, "the bundled guide carries the bank");
    for q in bank {
        questions::check(q).unwrap_or_else(|why| panic!("{why}"));
        assert!(q.pack.is_none());
    }
    let broken =
        include_str!("../../content/questions.toml").replacen("question = ", "colour = \"red\"\nquestion = ", 1);
    assert!(questions::parse(&broken).is_err(), "an unknown field must not parse");
}

#[test]
fn at_least_six_questions_a_principle_and_a_hundred_in_all() {
    let bank = questions::bundled();
    assert!(bank.len() >= 100, "{} questions", bank.len());
    for name in SIXTEEN {
        let on = guide().questions_on(name).count();
        let main = bank.iter().filter(|q| q.main_principle() == name).count();
        assert!(on >= 6, "{name}: {on} questions");
        assert!(main >= 6, "{name}: the main principle of only {main} questions");
    }
}

#[test]
fn ids_are_unique_stable_looking_and_never_a_prompts() {
    let mut ids = HashSet::new();
    for q in questions::bundled() {
        let id = q.id.as_str();
        assert!(ids.insert(id), "the id {id:?} repeats");
        let rest = id.strip_prefix("q-").unwrap_or_else(|| panic!("{id:?} does not start with q-"));
        let words_ok =
            rest.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        assert!(words_ok && id.len() <= 40, "{id:?} is not lowercase words joined by '-', 40 characters at most");
        assert!(guide().prompt(id).is_none(), "{id:?} is a prompt's id");
        assert_eq!(guide().question(id).map(|q| q.id.as_str()), Some(id));
    }
}

#[test]
fn principles_are_one_or_two_published_names() {
    for q in questions::bundled() {
        assert!((1..=2).contains(&q.principles.len()), "{}: {} principles", q.id, q.principles.len());
        for p in &q.principles {
            assert!(SIXTEEN.contains(&p.as_str()), "{}: {p:?} is not a published name", q.id);
        }
        let distinct: HashSet<&String> = q.principles.iter().collect();
        assert_eq!(distinct.len(), q.principles.len(), "{}: a principle twice", q.id);
    }
}

#[test]
fn about_a_third_have_a_follow_up() {
    let bank = questions::bundled();
    let with = bank.iter().filter(|q| q.follow_up.is_some()).count();
    let share = with as f64 / bank.len() as f64;
    assert!((0.28..=0.40).contains(&share), "{with} of {} have a follow-up", bank.len());
    for q in bank {
        for text in std::iter::once(&q.question).chain(&q.follow_up) {
            assert!(text.trim() == text && !text.contains("  "), "{}: stray spaces in {text:?}", q.id);
            assert!(text.ends_with(['?', '.']), "{}: {text:?} ends without a question mark or full stop", q.id);
            assert!(!text.contains('\''), "{}: a straight apostrophe in {text:?}; the guide's typography is ’", q.id);
        }
    }
}

/// Lowercase words (apostrophes kept inside them).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Runs of three words.
fn shingles(text: &str) -> HashSet<Vec<String>> {
    let w = words(text);
    w.windows(3.min(w.len()).max(1)).map(<[String]>::to_vec).collect()
}

/// The Jaccard similarity of two texts' word 3-shingles, 0 (nothing shared) to 1 (the same).
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (shingles(a), shingles(b));
    a.intersection(&b).count() as f64 / a.union(&b).count().max(1) as f64
}

/// Two questions this similar or more are near-duplicates. Sharing only a stock opening ("Tell me about a time
/// you…", four shingles) scores about 0.2 at most in this bank; the same question with one word changed scores
/// 0.45 or more (checked below), since a changed word breaks at most three shingles of a dozen or more.
const NEAR_DUPLICATE: f64 = 0.4;

#[test]
fn no_two_questions_are_near_duplicates_and_none_repeats_a_prompt() {
    let bank = questions::bundled();
    for (i, a) in bank.iter().enumerate() {
        for b in &bank[i + 1..] {
            let s = similarity(&a.question, &b.question);
            assert!(s < NEAR_DUPLICATE, "{} and {} are near-duplicates ({s:.2})", a.id, b.id);
        }
        for p in &guide().prompts {
            let s = similarity(&a.question, &p.question);
            assert!(s < NEAR_DUPLICATE, "{} repeats prompt {} ({s:.2})", a.id, p.number);
        }
    }
}

#[test]
fn the_near_duplicate_threshold_catches_a_question_with_one_word_changed() {
    for q in questions::bundled() {
        let w: Vec<&str> = q.question.split(' ').collect();
        for i in 0..w.len() {
            let mut changed = w.clone();
            changed[i] = "Frugality";
            let s = similarity(&q.question, &changed.join(" "));
            assert!(s >= NEAR_DUPLICATE, "{}: word {i} changed scores only {s:.2}", q.id);
        }
    }
}

#[test]
fn the_wording_varies_like_real_interviewers() {
    let bank = questions::bundled();
    let mut openings: HashMap<String, usize> = HashMap::new();
    for q in bank {
        *openings.entry(words(&q.question)[..3].join(" ")).or_default() += 1;
    }
    assert!(openings.len() >= 12, "only {} different openings: {openings:?}", openings.len());
    for (opening, n) in &openings {
        assert!(*n * 4 <= bank.len(), "{n} of {} questions open with {opening:?}", bank.len());
    }
    // Within each principle, too: no principle's questions are one template.
    for name in SIXTEEN {
        let own: BTreeSet<String> =
            bank.iter().filter(|q| q.main_principle() == name).map(|q| words(&q.question)[..2].join(" ")).collect();
        assert!(own.len() >= 4, "{name}'s questions open only {own:?}");
    }
}

#[test]
fn the_readme_lists_the_sixteen_with_their_glosses() {
    let readme = include_str!("../../README.md");
    for (i, p) in principles::bundled().iter().enumerate() {
        let row = format!("| {} | {} | {} |", i + 1, p.name, p.gloss);
        assert!(readme.contains(&row), "README lacks {row:?}");
    }
}
