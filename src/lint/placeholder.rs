//! Text that holds a place instead of saying something: "TBD", "-", "n/a", "…", "todo: write this".

/// Whole texts that say nothing yet, compared lowercase without surrounding punctuation.
const PLACEHOLDERS: &[&str] = &[
    "tbd",
    "tba",
    "tbc",
    "tk",
    "todo",
    "to do",
    "to-do",
    "fixme",
    "xxx",
    "wip",
    "n/a",
    "na",
    "n.a",
    "none",
    "nothing",
    "nil",
    "null",
    "placeholder",
    "later",
    "idk",
    "not sure",
    "same",
    "same as above",
    "see above",
    "ditto",
    "etc",
    "lorem ipsum",
    "fill in",
    "fill in later",
    "add later",
    "write later",
    "to be done",
    "to be decided",
    "to be determined",
    "to be added",
    "to be written",
    "coming soon",
    "none really",
    "nothing really",
    "nothing much",
    "not much",
    "learning",
    "learnings",
    "lesson",
    "lessons",
    "lesson learned",
    "lessons learned",
];

/// Words that mark a note to self when they open the text: "TODO: write the learning".
const MARKERS: &[&str] = &["tbd", "todo", "fixme", "xxx", "tba", "tbc", "wip", "placeholder"];

/// Labels a user may write before the text itself: "Lesson: TBD".
const LABELS: &[&str] =
    &["learning", "learnings", "lesson", "lessons", "lesson learned", "lessons learned", "takeaway", "mechanism"];

/// Words that only defer what comes before: "idk yet", "none for now".
const DEFERRING: &[&str] = &[" yet", " for now", " later"];

/// The text lowercase, its words single-spaced, without surrounding punctuation.
fn bare(text: &str) -> String {
    text.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A template's slot: the whole text in brackets, "[add learning]", "<fill in>", "{learning}".
fn is_slot(text: &str) -> bool {
    [('[', ']'), ('<', '>'), ('{', '}')].iter().any(|&(open, close)| {
        text.strip_prefix(open).and_then(|t| t.strip_suffix(close)).is_some_and(|inner| !inner.contains([open, close]))
    })
}

/// Whether `text` holds a place rather than saying something; blank text is not a placeholder, it is empty.
pub fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() {
        return false;
    }
    if !text.chars().any(char::is_alphanumeric) || is_slot(text) {
        return true;
    }
    let opening = |bare: &str| {
        let first = bare.split(|c: char| !(c.is_alphanumeric() || c == '/')).next().unwrap_or("");
        MARKERS.iter().any(|m| first.eq_ignore_ascii_case(m))
    };
    // Longer text than any stock phrase (with a label and a "for now") is a placeholder only by its first word.
    if text.len() > 60 {
        return opening(text.trim_start_matches(|c: char| !c.is_alphanumeric()));
    }
    let mut bare = bare(text);
    if let Some((label, rest)) = bare.split_once([':', '-', '—', '='])
        && LABELS.contains(&label.trim())
    {
        if !rest.chars().any(char::is_alphanumeric) {
            return true;
        }
        bare = self::bare(rest);
    }
    while let Some(cut) = DEFERRING.iter().find_map(|d| bare.strip_suffix(d)) {
        bare = cut.to_string();
    }
    let single_letter = bare.chars().count() == 1 && bare.chars().all(char::is_alphabetic);
    single_letter || PLACEHOLDERS.contains(&bare.as_str()) || opening(&bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_stock_words_are_placeholders() {
        for text in [
            "TBD",
            " - ",
            "—",
            "…",
            "...",
            "?",
            "??",
            "n/a",
            "N/A.",
            "None",
            "todo",
            "TODO: write this",
            "x",
            "tbd - something about tests",
            "TODO: write what I learned about the rollout and the on-call load later",
            "Lessons learned:",
            "same as above",
            "(later)",
            "Lesson: TBD",
            "Takeaway - n/a",
            "[add learning]",
            "<fill in>",
            "idk yet",
            "None for now.",
            "nothing yet",
        ] {
            assert!(is_placeholder(text), "{text:?} is a placeholder");
        }
    }

    #[test]
    fn a_real_learning_is_not_even_a_short_one() {
        for text in [
            "",
            "  ",
            "Test failover.",
            "None of the alerts were actionable, so page on SLOs.",
            "Later is never: fix flaky tests the day they flake.",
            "Todos belong in the tracker, not in code.",
            "Iowa",
            "Lesson: test failover.",
            "[Canary] every stateful change, then [watch] it.",
            "Not yet sure it scales.",
        ] {
            assert!(!is_placeholder(text), "{text:?} is not a placeholder");
        }
    }
}
