//! The sixteen leadership principles by their published names, in their published order, each with a gloss in
//! our own words (what an interviewer listens for), bundled from `content/principles.toml`.
//!
//! Stories, prompts and questions name principles by text, and a story may carry an older or hand-typed
//! spelling ("Are Right a Lot", "Earth’s"). [`same`] compares names with case, apostrophes and punctuation set
//! aside, so such a story still counts for the principle without its text being rewritten.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::text::quote;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    /// The published name, exactly.
    pub name: String,
    /// What an interviewer listens for, in one line.
    pub gloss: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrinciplesFile {
    principles: Vec<Principle>,
}

pub fn parse(text: &str) -> Result<Vec<Principle>, toml::de::Error> {
    toml::from_str::<PrinciplesFile>(text).map(|file| file.principles)
}

/// The sixteen, in published order. A content test proves the file parses, so a failure here is a build defect.
pub fn bundled() -> &'static [Principle] {
    static PRINCIPLES: OnceLock<Vec<Principle>> = OnceLock::new();
    PRINCIPLES.get_or_init(|| {
        serde_json::from_str::<PrinciplesFile>(super::bundled_json!("principles"))
            .expect("bundled content/principles.toml is valid")
            .principles
    })
}

/// A name as it compares: lowercase letters and digits, words one space apart, apostrophes dropped
/// ("Have Backbone; Disagree and Commit" → "have backbone disagree and commit", "Earth’s" → "earths").
pub fn key(name: &str) -> String {
    Key::new(name).collect()
}

/// Whether two names are the same principle, spelling aside. Compares as it goes, allocating nothing: the
/// editor and the coverage view ask it for every story and principle.
pub fn same(a: &str, b: &str) -> bool {
    a == b || Key::new(a).eq(Key::new(b))
}

/// The characters of [`key`], one at a time.
struct Key<'a> {
    chars: std::str::Chars<'a>,
    lower: Option<std::char::ToLowercase>,
    /// A separator was seen since the last letter: a space is due before the next one.
    gap: bool,
    started: bool,
}

impl<'a> Key<'a> {
    fn new(name: &'a str) -> Key<'a> {
        Key { chars: name.chars(), lower: None, gap: false, started: false }
    }
}

impl Iterator for Key<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        loop {
            if let Some(c) = self.lower.as_mut().and_then(Iterator::next) {
                return Some(c);
            }
            let c = self.chars.next()?;
            if matches!(c, '\'' | '’' | '‘') {
                continue;
            }
            if !c.is_alphanumeric() {
                self.gap = true;
                continue;
            }
            self.lower = Some(c.to_lowercase());
            let space = self.gap && self.started;
            self.gap = false;
            self.started = true;
            if space {
                return Some(' ');
            }
        }
    }
}

/// The principle among `names` that the user means by `input`: the whole name in any case or punctuation, or a
/// part of one name only ("frugal", "backbone"). The error is one sentence.
pub fn resolve<'n>(names: &[&'n str], input: &str) -> Result<&'n str, String> {
    let wanted = key(input);
    if wanted.is_empty() {
        return Err("give a principle's name, as in --principle \"Dive Deep\"".into());
    }
    if let Some(exact) = names.iter().find(|n| key(n) == wanted) {
        return Ok(exact);
    }
    let partial: Vec<&str> = names.iter().copied().filter(|n| key(n).contains(&wanted)).collect();
    match partial.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "there is no leadership principle {}; `star-coach questions` lists them under their names",
            quote(input)
        )),
        several => Err(format!("{} could be {}; give more of the name", quote(input), or_list(several))),
    }
}

/// "A, B or C".
fn or_list(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<&'static str> {
        bundled().iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn keys_ignore_case_punctuation_and_apostrophes() {
        assert_eq!(key("Have Backbone; Disagree and Commit"), "have backbone disagree and commit");
        assert!(same("Are Right, A Lot", "are right a lot"));
        assert!(same("Strive to be Earth's Best Employer", "Strive to be Earth’s best employer"));
        assert!(!same("Ownership", "Owner"));
        assert_eq!(key("  --  "), "");
    }

    #[test]
    fn resolve_takes_a_whole_name_or_a_part_of_one_only() {
        let names = names();
        assert_eq!(resolve(&names, "dive deep"), Ok("Dive Deep"));
        assert_eq!(resolve(&names, "FRUGAL"), Ok("Frugality"));
        assert_eq!(resolve(&names, "backbone"), Ok("Have Backbone; Disagree and Commit"));
        assert_eq!(resolve(&names, "earths best"), Ok("Strive to be Earth's Best Employer"));
        assert_eq!(resolve(&names, "ownership"), Ok("Ownership"));
    }

    #[test]
    fn resolve_explains_an_unknown_or_ambiguous_name_in_one_sentence() {
        let names = names();
        let unknown = resolve(&names, "Frugalty").unwrap_err();
        assert_eq!(
            unknown,
            "there is no leadership principle \"Frugalty\"; `star-coach questions` lists them under their names"
        );
        let ambiguous = resolve(&names, "best").unwrap_err();
        assert_eq!(
            ambiguous,
            "\"best\" could be Hire and Develop the Best or Strive to be Earth's Best Employer; give more of the name"
        );
        assert!(resolve(&names, " ; ").unwrap_err().contains("--principle"));
    }
}
