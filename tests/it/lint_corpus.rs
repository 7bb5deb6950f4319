//! The pitfall coach against a labelled corpus (`tests/fixtures/lint/`, labelled by README's rules): precision and
//! recall per code, printed, and the test fails under 0.95 for any code. `cargo test --test lint_corpus --
//! --nocapture` shows the figures.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use star_coach::lint::{self, Code, Pace};
use star_coach::model::Story;

const CODES: [Code; 6] =
    [Code::WeOveruse, Code::NoMetric, Code::LongSetup, Code::NoLearning, Code::FewActions, Code::TooLong];
const FLOOR: f64 = 0.95;

#[derive(Deserialize)]
struct Corpus {
    story: Vec<Labelled>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Labelled {
    id: String,
    voice: String,
    why: String,
    situation: String,
    task: String,
    actions: Vec<String>,
    results: Vec<String>,
    learning: String,
    expect: Vec<String>,
}

impl Labelled {
    fn story(&self) -> Story {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc();
        let mut story = Story::new(self.id.clone(), self.id.clone(), at);
        story.situation.clone_from(&self.situation);
        story.task.clone_from(&self.task);
        story.actions.clone_from(&self.actions);
        story.results.clone_from(&self.results);
        story.learning.clone_from(&self.learning);
        story
    }
}

/// Every `*.toml` in the corpus folder, by name.
fn corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> =
        entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect();
    files.sort();
    files
}

fn load(path: &Path) -> Vec<Labelled> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let corpus: Corpus = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    corpus.story
}

#[derive(Default, Clone, Copy)]
struct Tally {
    true_pos: u32,
    false_pos: u32,
    false_neg: u32,
}

impl Tally {
    /// Precision and recall; a code never predicted (or never expected) scores 1.0 on that side.
    fn scores(self) -> (f64, f64) {
        let ratio = |hit: u32, miss: u32| if hit + miss == 0 { 1.0 } else { f64::from(hit) / f64::from(hit + miss) };
        (ratio(self.true_pos, self.false_pos), ratio(self.true_pos, self.false_neg))
    }
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        self.true_pos += other.true_pos;
        self.false_pos += other.false_pos;
        self.false_neg += other.false_neg;
    }
}

type Tallies = BTreeMap<&'static str, Tally>;

/// Scores `stories` per code, printing every story the coach and the label disagree on.
fn score(stories: &[Labelled]) -> Tallies {
    let mut tallies: Tallies = CODES.iter().map(|c| (c.as_str(), Tally::default())).collect();
    for labelled in stories {
        let found = lint::lint(&labelled.story(), Pace::default());
        let got: BTreeSet<&str> = found.iter().map(|f| f.code.as_str()).collect();
        let want: BTreeSet<&str> = labelled.expect.iter().map(String::as_str).collect();
        for (code, tally) in &mut tallies {
            match (got.contains(code), want.contains(code)) {
                (true, true) => tally.true_pos += 1,
                (true, false) => tally.false_pos += 1,
                (false, true) => tally.false_neg += 1,
                (false, false) => {}
            }
        }
        if got != want {
            println!("  {}: coach says {got:?}, label {want:?} ({})", labelled.id, labelled.why);
            for f in &found {
                println!("      {}: {}", f.code.as_str(), f.message);
            }
        }
    }
    tallies
}

fn print_table(name: &str, count: usize, tallies: &Tallies) {
    println!("{name} ({count} stories)");
    println!("  {:<12} {:>4} {:>4} {:>4} {:>9} {:>6}", "code", "tp", "fp", "fn", "precision", "recall");
    for (code, tally) in tallies {
        let (precision, recall) = tally.scores();
        println!(
            "  {code:<12} {:>4} {:>4} {:>4} {precision:>9.2} {recall:>6.2}",
            tally.true_pos, tally.false_pos, tally.false_neg
        );
    }
}

#[test]
fn the_coach_agrees_with_the_labelled_corpus() {
    let mut all = Vec::new();
    let mut tallies: Tallies = CODES.iter().map(|c| (c.as_str(), Tally::default())).collect();
    for path in corpus_files() {
        let stories = load(&path);
        let file_tallies = score(&stories);
        print_table(&path.file_name().unwrap().to_string_lossy(), stories.len(), &file_tallies);
        for (code, tally) in file_tallies {
            *tallies.get_mut(code).unwrap() += tally;
        }
        all.extend(stories);
    }
    print_table("whole corpus", all.len(), &tallies);

    assert!(all.len() >= 40, "the corpus has {} stories; it needs at least 40", all.len());
    let ids: BTreeSet<&str> = all.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), all.len(), "story ids repeat");
    for labelled in &all {
        assert!(["hurried", "non-native", "careful"].contains(&labelled.voice.as_str()), "{}: voice", labelled.id);
        for code in &labelled.expect {
            assert!(CODES.iter().any(|c| c.as_str() == code), "{}: unknown code {code}", labelled.id);
        }
    }
    for (code, tally) in &tallies {
        assert!(tally.true_pos + tally.false_neg >= 3, "{code}: fewer than 3 stories labelled with it");
        let (precision, recall) = tally.scores();
        assert!(precision >= FLOOR && recall >= FLOOR, "{code}: precision {precision:.2}, recall {recall:.2}");
    }
}
