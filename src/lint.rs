//! The pitfall coach: what is weak in a story before it is said aloud, checked against the guide's pitfalls.

use serde::Serialize;

use crate::model::Story;

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

fn is_we(word: &str) -> bool {
    matches!(word, "we" | "our" | "us" | "ours" | "we're" | "we’re" | "we've" | "we’ve" | "we'd" | "we’d" | "we'll")
}

fn is_i(word: &str) -> bool {
    matches!(word, "i" | "my" | "me" | "mine" | "i'm" | "i’m" | "i've" | "i’ve" | "i'd" | "i’d" | "i'll" | "i’ll")
}

fn has_metric(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit() || c == '%')
}

/// Every finding for `story`, in a stable order.
pub fn lint(story: &Story, pace: Pace) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut push = |code, message: String| findings.push(Finding { code, message });

    let (mut we, mut i) = (0, 0);
    let mut we_example = None;
    for line in &story.actions {
        let lower = line.to_lowercase();
        let line_we = words(&lower).filter(|w| is_we(w)).count();
        i += words(&lower).filter(|w| is_i(w)).count();
        if line_we > 0 && we_example.is_none() {
            we_example = Some(line.as_str());
        }
        we += line_we;
    }
    if we > i {
        push(
            Code::WeOveruse,
            format!(
                "the actions say \"we/our/us\" {we} times and \"I/my/me\" {i}, as in {}: say what you did",
                quote(we_example.unwrap_or(""))
            ),
        );
    }

    if !story.results.iter().any(|r| has_metric(r)) {
        let message = match story.results.iter().find(|r| !r.trim().is_empty()) {
            Some(first) => format!("no result carries a number, as in {}: add at least one metric", quote(first)),
            None => "there are no results yet: add at least one with a metric".to_string(),
        };
        push(Code::NoMetric, message);
    }

    let setup = word_count(&story.situation) + word_count(&story.task);
    let body = lines_words(&story.actions) + lines_words(&story.results);
    if setup > body {
        push(
            Code::LongSetup,
            format!(
                "situation and task take {setup} words, actions and results {body}, starting {}: cut the setup",
                quote(if story.situation.trim().is_empty() { &story.task } else { &story.situation })
            ),
        );
    }

    if story.learning.trim().is_empty() {
        push(Code::NoLearning, "the learning is empty: say what you learned or the mechanism you put in place".into());
    }

    let actions: Vec<&String> = story.actions.iter().filter(|a| !a.trim().is_empty()).collect();
    if actions.len() < MIN_ACTIONS {
        let listed = actions.iter().map(|a| quote(a)).collect::<Vec<_>>().join(", ");
        let message = match actions.len() {
            0 => "there are no action lines: the guide asks for 3–5 on what you did".to_string(),
            1 => format!("only 1 action line ({listed}): the guide asks for 3–5"),
            n => format!("only {n} action lines ({listed}): the guide asks for 3–5"),
        };
        push(Code::FewActions, message);
    }

    let secs = speaking_secs(story, pace.words_per_minute);
    if secs > pace.max_secs {
        push(
            Code::TooLong,
            format!(
                "about {} to say ({} words at {:.0} a minute): trim it under {}",
                crate::practice::format_secs(secs),
                spoken_words(story),
                pace.words_per_minute,
                crate::practice::format_secs(pace.max_secs)
            ),
        );
    }
    findings
}

#[cfg(test)]
mod tests {
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
        assert!(findings[0].message.contains("3 times and \"I/my/me\" 1"), "{}", findings[0].message);
        assert!(findings[0].message.contains("\"We traced it.\""), "{}", findings[0].message);
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
        assert!(
            findings.iter().any(|f| f.code == Code::NoMetric && f.message.contains("\"Checkout got much faster.\""))
        );
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
}
