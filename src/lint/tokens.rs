//! Splits a line into the tokens a reader sees: words, and compounds (codes, ids, amounts) that are one thing
//! however many letters and digits they hold: `us-east-1`, `I/O`, `i.e.`, `U.S.`, `JIRA-123`, `2.3%`, `$40k`.

use std::borrow::Cow;

/// One token of a line, as written.
// What a reader notes of each token, independently of each other: flags, not a state machine.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    /// Letters only (apostrophes inside, as in "we're"): a word that can be a pronoun or a number word.
    pub is_word: bool,
    /// Inside double quotes: someone's words reported, not the teller's account.
    pub quoted: bool,
    /// Punctuation stands between this token and the one before: "a week, one per day".
    pub after_break: bool,
    /// First of the line or after a full stop, "!" or "?": its capital says nothing.
    pub starts_sentence: bool,
}

impl<'a> Token<'a> {
    pub fn lower(&self) -> Cow<'a, str> {
        lowercase(self.text)
    }
}

/// `text` in lowercase, borrowed when it already is (most words are), so the coach allocates little.
pub fn lowercase(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_uppercase) { Cow::Owned(text.to_lowercase()) } else { Cow::Borrowed(text) }
}

/// Symbols that belong to an amount when they come right before its first digit: `~30%`, `$40k`, `<1%`, `#482`.
fn is_prefix(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₹' | '~' | '≈' | '<' | '>' | '≤' | '≥' | '+' | '±' | '#' | '-' | '−')
}

/// Symbols that belong to the amount they follow: `40%`, `2.5×`, `50+` (but "C++" is "C").
fn is_suffix(c: char) -> bool {
    matches!(c, '%' | '‰' | '×' | '+')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Whether the joiner at `at` binds what is before it to what is after it into one token.
fn joins(chars: &[char], at: usize, token_start: usize) -> bool {
    let (Some(&before), Some(&after)) = (at.checked_sub(1).and_then(|i| chars.get(i)), chars.get(at + 1)) else {
        return false;
    };
    if !before.is_alphanumeric() || !after.is_alphanumeric() {
        return false;
    }
    let digits = before.is_ascii_digit() && after.is_ascii_digit();
    match chars[at] {
        '-' | '/' | '_' => true,
        c if is_apostrophe(c) => before.is_alphabetic() && after.is_alphabetic(),
        ':' | '–' => digits,
        // 10,000 but not "3,4" or "we,us".
        ',' => digits && chars[at + 1..].iter().take_while(|c| c.is_ascii_digit()).count() == 3,
        // 2.3, 1.2.3, and single-letter abbreviations (i.e., U.S., I.T.); "fixed it.We" is two words.
        '.' => digits || (single_letter_before(chars, at, token_start) && single_letter_after(chars, at)),
        _ => false,
    }
}

fn single_letter_before(chars: &[char], at: usize, token_start: usize) -> bool {
    at > token_start && chars[at - 1].is_alphabetic() && (at - 1 == token_start || chars[at - 2] == '.')
}

fn single_letter_after(chars: &[char], at: usize) -> bool {
    chars.get(at + 1).is_some_and(|c| c.is_alphabetic()) && !chars.get(at + 2).is_some_and(|c| c.is_alphanumeric())
}

/// Char ranges inside balanced double quotes; an unclosed quote opens nothing.
fn quoted_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open = None;
    for (i, &c) in chars.iter().enumerate() {
        match (c, open) {
            ('"' | '“' | '”' | '»', Some(start)) => {
                spans.push((start, i));
                open = None;
            }
            ('"' | '“' | '”' | '«' | '„', None) => open = Some(i),
            _ => {}
        }
    }
    spans
}

/// The tokens of `line`, in order; punctuation and spaces between them are dropped.
pub fn tokens(line: &str) -> Vec<Token<'_>> {
    let chars: Vec<char> = line.chars().collect();
    let offsets: Vec<usize> = line.char_indices().map(|(i, _)| i).chain([line.len()]).collect();
    let quoted = quoted_spans(&chars);
    let mut out = Vec::new();
    let mut after_break = false;
    let mut starts_sentence = true;
    let mut i = 0;
    while i < chars.len() {
        let prefixes = chars[i..].iter().take_while(|&&c| is_prefix(c)).count();
        let amount = prefixes > 0
            && chars.get(i + prefixes).is_some_and(char::is_ascii_digit)
            && (i == 0 || !chars[i - 1].is_alphanumeric());
        if !amount && !chars[i].is_alphanumeric() {
            after_break |= !chars[i].is_whitespace();
            starts_sentence |= matches!(chars[i], '.' | '!' | '?');
            i += 1;
            continue;
        }
        let start = i;
        let mut end = if amount { i + prefixes } else { i };
        let body_start = end;
        while chars.get(end).is_some_and(|c| c.is_alphanumeric())
            || (end < chars.len() && joins(&chars, end, body_start))
        {
            end += 1;
        }
        // An abbreviation keeps its last full stop, as written: "U.S.", "i.e.".
        if chars.get(end) == Some(&'.')
            && end >= body_start + 2
            && chars[end - 2] == '.'
            && chars[end - 1].is_alphabetic()
        {
            end += 1;
        }
        if chars[body_start..end].iter().any(char::is_ascii_digit) {
            while chars.get(end).is_some_and(|&c| is_suffix(c)) {
                end += 1;
            }
        }
        let text = &line[offsets[start]..offsets[end]];
        out.push(Token {
            text,
            is_word: text.chars().all(|c| c.is_alphabetic() || is_apostrophe(c)),
            quoted: quoted.iter().any(|&(open, close)| open < start && start < close),
            after_break: std::mem::take(&mut after_break),
            starts_sentence: std::mem::take(&mut starts_sentence),
        });
        i = end;
    }
    out
}

/// A line written all in capitals, where a capital "US" is as likely shouted "us" as the country.
pub fn is_shouted(line: &str) -> bool {
    line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<&str> {
        tokens(line).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn joined_codes_and_ids_are_one_token() {
        assert_eq!(texts("moved us-east-1 to us-west-2"), ["moved", "us-east-1", "to", "us-west-2"]);
        assert_eq!(texts("disk I/O waits, n/a, 24/7"), ["disk", "I/O", "waits", "n/a", "24/7"]);
        assert_eq!(texts("WE-1 and JIRA-4521_b"), ["WE-1", "and", "JIRA-4521_b"]);
        assert_eq!(texts("at 4:30am, 1:1s"), ["at", "4:30am", "1:1s"]);
    }

    #[test]
    fn abbreviations_join_but_a_missing_space_does_not() {
        assert_eq!(texts("asked I.T. for VMs, i.e. two"), ["asked", "I.T.", "for", "VMs", "i.e.", "two"]);
        assert_eq!(texts("U.S. clinics at 9 a.m."), ["U.S.", "clinics", "at", "9", "a.m."]);
        assert_eq!(texts("fixed it.We shipped"), ["fixed", "it", "We", "shipped"]);
        assert_eq!(texts("release 2.3.1."), ["release", "2.3.1"]);
        assert_eq!(texts("config.yaml"), ["config", "yaml"]);
    }

    #[test]
    fn amounts_keep_their_signs() {
        assert_eq!(texts("~30% and $1.2M, <1%, 2.5× and 50+"), ["~30%", "and", "$1.2M", "<1%", "2.5×", "and", "50+"]);
        assert_eq!(texts("10,000 users; 3,4 or 10–15% (#482)"), ["10,000", "users", "3", "4", "or", "10–15%", "#482"]);
        assert_eq!(texts("- fell -40%"), ["fell", "-40%"]);
        assert_eq!(texts("a-1 b+2"), ["a-1", "b", "2"], "a sign needs a space before it");
    }

    #[test]
    fn contractions_are_one_word_and_quotes_are_not_part_of_it() {
        let found = tokens("We’re sure I'd 'fixed' it");
        assert_eq!(found.iter().map(|t| t.text).collect::<Vec<_>>(), ["We’re", "sure", "I'd", "fixed", "it"]);
        assert!(found.iter().all(|t| t.is_word));
        assert!(!tokens("us-east-1")[0].is_word);
    }

    #[test]
    fn words_inside_double_quotes_are_marked() {
        let found = tokens("I said \"we ship\" and “our call”, then we did");
        let quoted: Vec<&str> = found.iter().filter(|t| t.quoted).map(|t| t.text).collect();
        assert_eq!(quoted, ["we", "ship", "our", "call"]);
        assert!(!tokens("we said \"ship it")[0].quoted, "an unclosed quote opens nothing");
        assert!(tokens("\"ship it\" we")[..2].iter().all(|t| t.quoted));
    }

    #[test]
    fn punctuation_between_tokens_is_a_break() {
        let breaks: Vec<bool> = tokens("a week, one (per) day").iter().map(|t| t.after_break).collect();
        assert_eq!(breaks, [false, false, true, true, true]);
        let starts: Vec<bool> = tokens("Hired 3. Then, on Java 17!").iter().map(|t| t.starts_sentence).collect();
        assert_eq!(starts, [true, false, true, false, false, false]);
    }

    #[test]
    fn shouting_is_a_line_without_lowercase() {
        assert!(is_shouted("WE FIXED IT FOR US!"));
        assert!(!is_shouted("We moved US traffic"));
        assert!(!is_shouted("— 42 —"));
    }
}
