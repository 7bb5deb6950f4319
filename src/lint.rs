//! The pitfall coach: what is weak in a story before it is said aloud, checked against the guide's pitfalls.

mod numbers;
mod placeholder;
mod pronouns;
mod tokens;

use serde::Serialize;

use crate::model::Story;
use placeholder::is_placeholder;
use pronouns::{Person, Reading};

/// Speaking rate for estimates, in words a minute.
pub const DEFAULT_WORDS_PER_MINUTE: f64 = 150.0;

/// How fast the user speaks and the longest an answer should run, from the config.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    pub words_per_minute: f64,
    pub max_secs: f64,
}

impl Default for Pace {
    fn default() -> Pace {
        Pace { words_per_minute: DEFAULT_WORDS_PER_MINUTE, max_secs: crate::practice::Target::default().max_secs }
    }
}
/// Where a speaking rate for time estimates comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateSource {
    /// Neither the config nor enough recordings: [`DEFAULT_WORDS_PER_MINUTE`].
    Default,
    /// The config's `words_per_minute`, which always wins.
    Config,
    /// The user's median pace over this many recorded answers.
    Measured { answers: usize },
}

/// A speaking rate and where it came from, so an estimate can say whose rate it uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpeakingRate {
    pub words_per_minute: f64,
    pub source: RateSource,
}

impl SpeakingRate {
    /// The rate with the longest answer, as the story coach takes it.
    pub fn pace(&self, max_secs: f64) -> Pace {
        Pace { words_per_minute: self.words_per_minute, max_secs }
    }

    /// "150 words a minute (the default)", "142 words a minute (your pace over 5 recorded answers)".
    pub fn describe(&self) -> String {
        let whose = match self.source {
            RateSource::Default => "the default".to_string(),
            RateSource::Config => "words_per_minute in your config".to_string(),
            RateSource::Measured { answers } => format!("your pace over {answers} recorded answers"),
        };
        format!("{:.0} words a minute ({whose})", self.words_per_minute)
    }
}

/// The guide asks for 3–5 action bullets.
pub const MIN_ACTIONS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    WeOveruse,
    NoMetric,
    LongSetup,
    NoLearning,
    FewActions,
    TooLong,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::WeOveruse => "we-overuse",
            Code::NoMetric => "no-metric",
            Code::LongSetup => "long-setup",
            Code::NoLearning => "no-learning",
            Code::FewActions => "few-actions",
            Code::TooLong => "too-long",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub message: String,
}

/// A finding as `star-coach stories lint --json` prints it.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub story: &'a str,
    pub code: Code,
    pub message: &'a str,
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).filter(|w| !w.is_empty())
}

pub fn word_count(text: &str) -> usize {
    words(text).count()
}

fn lines_words(lines: &[String]) -> usize {
    lines.iter().map(|l| word_count(l)).sum()
}

/// Words the user would say telling the story: every STAR field, not the title.
pub fn spoken_words(story: &Story) -> usize {
    word_count(&story.situation)
        + word_count(&story.task)
        + lines_words(&story.actions)
        + lines_words(&story.results)
        + word_count(&story.learning)
}

/// Estimated speaking time in seconds at `words_per_minute`.
pub fn speaking_secs(story: &Story, words_per_minute: f64) -> f64 {
    spoken_words(story) as f64 * 60.0 / words_per_minute.max(1.0)
}

/// A short quote of user text for a message: at most 40 characters, ellipsis where cut.
fn quote(text: &str) -> String {
    let text = text.trim();
    let cut: String = text.chars().take(40).collect();
    if cut.len() < text.len() { format!("\"{cut}…\"") } else { format!("\"{cut}\"") }
}

/// Distinct forms as written, in order of first use, with a count where one repeats: `We ×2, our`.
fn forms<S: AsRef<str>>(words: &[S]) -> String {
    const SHOWN: usize = 4;
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for word in words.iter().map(AsRef::as_ref) {
        match seen.iter_mut().find(|(w, _)| *w == word) {
            Some((_, n)) => *n += 1,
            None => seen.push((word, 1)),
        }
    }
    let mut listed: Vec<String> =
        seen.iter().take(SHOWN).map(|&(w, n)| if n > 1 { format!("{w} ×{n}") } else { w.to_string() }).collect();
    if seen.len() > SHOWN {
        listed.push("…".into());
    }
    listed.join(", ")
}

fn times(n: usize) -> String {
    match n {
        0 => "never".into(),
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

fn we_overuse(actions: &[String]) -> Option<String> {
    let (mut we, mut i, mut names) = (Vec::new(), Vec::new(), Vec::new());
    let mut example = None;
    for line in actions {
        for (word, reading) in pronouns::scan(line) {
            match reading {
                Reading::Pronoun(Person::We) => {
                    example.get_or_insert(line.as_str());
                    we.push(word);
                }
                Reading::Pronoun(Person::I) => i.push(word),
                Reading::Name => names.push(word),
                Reading::Other => {}
            }
        }
    }
    if we.len() <= i.len() {
        return None;
    }
    let mine = if i.is_empty() { String::new() } else { format!(" ({})", forms(&i)) };
    let not_counted = if names.is_empty() { String::new() } else { format!(", not counting {}", forms(&names)) };
    Some(format!(
        "the actions say \"we/our/us\" {} ({}) and \"I/my/me\" {}{mine}{not_counted}, as in {}: say what you did",
        times(we.len()),
        forms(&we),
        times(i.len()),
        quote(example.unwrap_or_default())
    ))
}

fn no_metric(results: &[String]) -> Option<String> {
    let mut not_amounts = Vec::new();
    for line in results {
        let scan = numbers::scan(line);
        if !scan.amounts.is_empty() {
            return None;
        }
        not_amounts.extend(scan.not_amounts);
    }
    let why = if not_amounts.is_empty() { String::new() } else { format!(" (not counting {})", forms(&not_amounts)) };
    Some(match results.iter().find(|r| !r.trim().is_empty() && !is_placeholder(r)) {
        Some(first) => format!("no result carries a number{why}, as in {}: add at least one metric", quote(first)),
        None => "there are no results yet: add at least one with a metric".to_string(),
    })
}

fn no_learning(learning: &str) -> Option<String> {
    if learning.trim().is_empty() {
        Some("the learning is empty: say what you learned or the mechanism you put in place".into())
    } else if is_placeholder(learning) {
        Some(format!(
            "the learning is only {}, a placeholder: say what you learned or the mechanism you put in place",
            quote(learning)
        ))
    } else {
        None
    }
}

fn few_actions(actions: &[String]) -> Option<String> {
    let written: Vec<&String> = actions.iter().filter(|a| !a.trim().is_empty()).collect();
    let (placeholders, real): (Vec<&String>, Vec<&String>) = written.into_iter().partition(|a| is_placeholder(a));
    if real.len() >= MIN_ACTIONS {
        return None;
    }
    let listed = real.iter().map(|a| quote(a)).collect::<Vec<_>>().join(", ");
    let not_counted = match placeholders.len() {
        0 => String::new(),
        1 => format!(", not counting the placeholder {}", quote(placeholders[0])),
        _ => format!(
            ", not counting the placeholders {}",
            placeholders.iter().map(|a| quote(a)).collect::<Vec<_>>().join(", ")
        ),
    };
    Some(match real.len() {
        0 => format!("there are no action lines{not_counted}: the guide asks for 3–5 on what you did"),
        1 => format!("only 1 action line ({listed}){not_counted}: the guide asks for 3–5"),
        n => format!("only {n} action lines ({listed}){not_counted}: the guide asks for 3–5"),
    })
}

/// Every finding for `story`, in a stable order.
pub fn lint(story: &Story, pace: Pace) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut push = |code, message: Option<String>| {
        if let Some(message) = message {
            findings.push(Finding { code, message });
        }
    };
    push(Code::WeOveruse, we_overuse(&story.actions));
    push(Code::NoMetric, no_metric(&story.results));

    let setup = word_count(&story.situation) + word_count(&story.task);
    let body = lines_words(&story.actions) + lines_words(&story.results);
    push(
        Code::LongSetup,
        (setup > body).then(|| {
            format!(
                "situation and task take {setup} words, actions and results {body}, starting {}: cut the setup",
                quote(if story.situation.trim().is_empty() { &story.task } else { &story.situation })
            )
        }),
    );
    push(Code::NoLearning, no_learning(&story.learning));
    push(Code::FewActions, few_actions(&story.actions));

    let secs = speaking_secs(story, pace.words_per_minute);
    push(
        Code::TooLong,
        (secs > pace.max_secs).then(|| {
            format!(
                "about {} to say ({} words at {:.0} a minute): trim it under {}",
                crate::practice::format_secs(secs),
                spoken_words(story),
                pace.words_per_minute,
                crate::practice::format_secs(pace.max_secs)
            )
        }),
    );
    findings
}

#[cfg(test)]
mod tests;
