//! Who did it: "we/our/us" against "I/my/me", read as a person reads them.

use super::tokens::{Token, is_shouted, tokens};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Person {
    We,
    I,
}

/// What a token of an action line says about who acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Pronoun(Person),
    /// Looks like a pronoun but is a name: `us-east-1`, `I/O`, `WE-1`, `U.S.`, the country `US`, `Phase I`.
    Name,
    Other,
}

/// The person of a pronoun word, contractions included (we're, I'd, I’ve, and a hurried im, ive, weve); "let's"
/// is a suggestion, not "us".
fn person(lower: &str) -> Option<Person> {
    let base = lower.split(['\'', '’']).next().unwrap_or(lower);
    match base {
        "we" | "our" | "ours" | "us" | "ourselves" | "ourself" | "weve" => Some(Person::We),
        "i" | "my" | "me" | "mine" | "myself" | "im" | "ive" => Some(Person::I),
        _ => None,
    }
}

/// Words after which a capital I is a numeral: Phase I, Tier I.
const NUMBERED: [&str; 13] =
    ["phase", "stage", "part", "tier", "level", "type", "class", "step", "wave", "round", "version", "war", "gen"];

/// Regions beside which "us" is the country: "us and eu customers".
const REGIONS: [&str; 10] = ["eu", "uk", "emea", "apac", "latam", "europe", "canada", "asia", "india", "mexico"];

/// The token `offset` away from `index`, lowercase, if no punctuation stands between them; else "".
fn near(tokens: &[Token], index: usize, offset: isize) -> String {
    let Some(target) = index.checked_add_signed(offset).filter(|&t| t < tokens.len()) else { return String::new() };
    let (from, to) = (index.min(target), index.max(target));
    let broken = tokens[from + 1..=to].iter().any(|t| t.after_break);
    if broken { String::new() } else { tokens[target].lower().into_owned() }
}

/// Whether "us" at `index` is the United States: "the us market", "us and eu".
fn is_country(tokens: &[Token], index: usize) -> bool {
    let at = |offset: isize| near(tokens, index, offset);
    let region = |offset| REGIONS.contains(&at(offset).as_str());
    let joined = |offset| matches!(at(offset).as_str(), "and" | "or" | "vs");
    at(-1) == "the" || region(-1) || region(1) || (joined(-1) && region(-2)) || (joined(1) && region(2))
}

/// How the token at `index` of `line_tokens` counts; `shouted` is whether its line is all capitals.
pub fn read(line_tokens: &[Token], index: usize, shouted: bool) -> Reading {
    let token = line_tokens[index];
    // Every pronoun and pronoun-headed code starts with one of these letters; most words are skipped unread.
    if !token.text.starts_with(['w', 'W', 'o', 'O', 'u', 'U', 'i', 'I', 'm', 'M']) {
        return Reading::Other;
    }
    let lower = token.lower();
    if !token.is_word {
        // us-east-1 and I/O by their head, U.S. by its letters.
        let head = lower.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').next().unwrap_or("");
        let letters: String = lower.chars().filter(|c| c.is_alphabetic()).collect();
        let looks_like = person(head).is_some() || (lower.contains('.') && person(&letters).is_some());
        return if looks_like { Reading::Name } else { Reading::Other };
    }
    let Some(person) = person(&lower) else { return Reading::Other };
    let lower = lower.as_ref();
    if token.quoted {
        return Reading::Other;
    }
    let is_numeral = lower == "i" && NUMBERED.contains(&near(line_tokens, index, -1).as_str());
    // In capitals, US is the country and ME the Middle East, unless the whole line shouts.
    let is_region = matches!(token.text, "US" | "ME") && !shouted;
    if is_numeral || is_region || (lower == "us" && is_country(line_tokens, index)) {
        return Reading::Name;
    }
    Reading::Pronoun(person)
}

/// Each pronoun-like token of `line` with its reading, in order, as written; a numeral with the word that makes
/// it one ("Phase I").
pub fn scan(line: &str) -> Vec<(String, Reading)> {
    let shouted = is_shouted(line);
    let found = tokens(line);
    let mut out = Vec::new();
    for i in 0..found.len() {
        let reading = read(&found, i, shouted);
        let shown = match reading {
            Reading::Other => continue,
            Reading::Name if found[i].text.eq_ignore_ascii_case("i") => {
                format!("{} {}", found[i - 1].text, found[i].text)
            }
            _ => found[i].text.to_string(),
        };
        out.push((shown, reading));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The "we" words, the "I" words and the names of `line`, each list joined with ", ".
    fn counted(line: &str) -> [String; 3] {
        let found = scan(line);
        let pick = |want: Reading| {
            found.iter().filter(|(_, r)| *r == want).map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(", ")
        };
        [pick(Reading::Pronoun(Person::We)), pick(Reading::Pronoun(Person::I)), pick(Reading::Name)]
    }

    #[test]
    fn pronouns_in_any_case_and_contraction() {
        let [we, i, _] = counted("WE did it, we’re proud; Our team, ours; I'm, i’ve, I'd, my, me, myself; let's go");
        assert_eq!(we, "WE, we’re, Our, ours");
        assert_eq!(i, "I'm, i’ve, I'd, my, me, myself");
        assert_eq!(counted("im on it, ive fixed it, weve shipped"), ["weve", "im, ive", ""]);
    }

    #[test]
    fn codes_and_regions_are_names() {
        let found = counted("we moved us-east-1 off I/O-bound disks after WE-1, i.e. the US-based ones");
        assert_eq!(found, ["we", "", "us-east-1, I/O-bound, WE-1, i.e., US-based"]);
        assert_eq!(counted("I.T. gave U.S. staff access")[2], "I.T., U.S.");
    }

    #[test]
    fn the_country_is_not_us() {
        assert_eq!(counted("US and EU customers told us")[0], "us");
        assert_eq!(counted("the us market and us and eu teams, eu/us")[0], "");
        assert_eq!(counted("they saw the team. us, we stayed")[0], "us, we");
        assert_eq!(counted("THEY TOLD US")[0], "US", "a shouted line's US is the pronoun");
        assert_eq!(counted("they gave us two weeks")[0], "us");
        assert_eq!(counted("I moved ME traffic for me"), ["", "I, me", "ME"]);
    }

    #[test]
    fn phase_i_is_a_numeral_and_quotes_are_speech() {
        assert_eq!(counted("In Phase I we moved reads, then I moved writes"), ["we", "I", "Phase I"]);
        assert_eq!(counted("I ran the last phase. I wrote the plan")[1], "I, I", "a full stop ends the phase");
        assert_eq!(counted("I told them \"we ship Friday and our PM tells us\"")[..2], ["", "I"]);
    }
}
