//! Which words of a result are amounts, as a reader sees them: digits and numbers in words count; digits in names,
//! versions, dates and times do not.

use std::borrow::Cow;

use super::tokens::{lowercase, tokens};

const CARDINALS: &[&str] = &[
    "zero",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fourty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "ninty",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "dozens",
];
/// Counted after "a", "an", "one" or a cardinal: a third, two thirds, a quarter.
const FRACTIONS: &[&str] = &[
    "third",
    "thirds",
    "quarter",
    "quarters",
    "fifth",
    "fifths",
    "sixth",
    "sixths",
    "eighth",
    "eighths",
    "tenth",
    "tenths",
    "hundredth",
    "hundredths",
    "thousandth",
    "thousandths",
];
const MULTIPLES: &[&str] = &[
    "double",
    "doubled",
    "doubles",
    "doubling",
    "triple",
    "tripled",
    "triples",
    "tripling",
    "quadruple",
    "quadrupled",
    "halved",
    "halve",
    "halves",
    "halving",
    "twice",
    "thrice",
];
/// After these, "one" is a count: down to one, only one.
const ONE_CUES: &[&str] = &["to", "only", "just", "exactly", "under", "than", "from", "below"];
/// After these, "half" is a period: the first half of the year.
const HALF_PERIODS: &[&str] = &["first", "second", "other", "back", "front", "latter"];
/// After "double", "triple": not a multiple (double-checked, doubled down).
const NOT_MULTIPLE: &[&str] = &["check", "click", "book", "tap", "down"];
/// After these, a number is a name: sprint 14, release 2.3, PR #482, phase two.
const NAMING: &[&str] = &[
    "ticket",
    "issue",
    "incident",
    "bug",
    "case",
    "pr",
    "mr",
    "build",
    "sprint",
    "version",
    "release",
    "rfc",
    "section",
    "chapter",
    "page",
    "line",
    "step",
    "phase",
    "stage",
    "wave",
    "round",
    "room",
    "floor",
    "port",
    "order",
    "item",
    "epic",
    "story",
    "milestone",
    "level",
    "tier",
    "gate",
    "day",
    "week",
    "iteration",
    "http",
];
/// After these, a year is a date: in 2024, since 2019, March 2025, Q3 2024.
const YEAR_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "during",
    "from",
    "early",
    "mid",
    "late",
    "fy",
    "q1",
    "q2",
    "q3",
    "q4",
    "h1",
    "h2",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
];
/// "end of 2024", "start of 2025".
const YEAR_OF: &[&str] = &["end", "start", "beginning", "middle"];
/// Units a number may carry: 800ms, 3x, 40k, 2GB, 12h.
const UNITS: &[&str] = &[
    "%", "‰", "x", "×", "k", "m", "b", "bn", "mm", "t", "ms", "us", "µs", "ns", "s", "sec", "secs", "min", "mins", "h",
    "hr", "hrs", "d", "w", "wk", "wks", "mo", "mos", "y", "yr", "yrs", "kb", "mb", "gb", "tb", "pb", "kib", "mib",
    "gib", "rps", "qps", "rpm", "pp", "pts",
];
/// Digits that are not an amount: around the clock, one-to-one meetings.
const IDIOMS: &[&str] = &["24/7", "24x7", "1:1", "1:1s", "1-on-1", "1-on-1s", "9-to-5"];

/// The amounts and the digit-bearing names, dates and times in one result line, as written; a number that is a
/// name only by the word before it comes with that word ("sprint 14", "Java 17").
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan<'a> {
    pub amounts: Vec<&'a str>,
    pub not_amounts: Vec<String>,
}

fn is_cardinal(word: &str) -> bool {
    CARDINALS.contains(&word)
}

fn names(prev: &str) -> bool {
    NAMING.contains(&prev)
}

/// A capitalised name, as before a version: Java 17, Spring Boot 3, Windows 11.
fn is_product(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && word.chars().count() > 1 && chars.all(char::is_lowercase)
}

/// Whether a digit-bearing token is an amount, given the words before it (`prev`, `prev2`, as written) and after
/// it (lowercase).
fn digits_are_amount(text: &str, prev: &str, prev2: &str, next: &str) -> bool {
    let (prev_written, prev, prev2) = (prev, prev.to_lowercase(), prev2.to_lowercase());
    let (prev, prev2) = (prev.as_str(), prev2.as_str());
    if text.starts_with('#') || names(prev) {
        return false;
    }
    let body = text.trim_start_matches(['$', '€', '£', '¥', '₹', '~', '≈', '<', '>', '≤', '≥', '+', '±', '-', '−']);
    let lower = body.to_lowercase();
    if !lower.starts_with(|c: char| c.is_ascii_digit()) || IDIOMS.contains(&lower.as_str()) {
        return false;
    }
    let head_len = lower.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(lower.len());
    let (head, rest) = lower.split_at(head_len);
    let rest = rest.trim_end_matches(['+', '€', '$', '£']);
    let parts: Vec<&str> = lower.split(['-', '/', '–']).collect();
    let all_digits = |s: &&str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let year = |s: &str| s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1900..=2099).contains(&y));
    let clock = rest.starts_with(':') && rest[1..].chars().take_while(char::is_ascii_digit).count() == 2;
    let meridiem = |s: &str| matches!(s, "am" | "pm" | "a.m." | "p.m.");
    let ordinal = ["st", "nd", "rd", "th"]
        .iter()
        .any(|o| rest.strip_prefix(o).is_some_and(|after| after.is_empty() || after.starts_with(['-', '/'])));
    let date = parts.len() >= 2 && parts.iter().all(all_digits) && (parts.len() >= 3 || parts.iter().all(|p| year(p)))
        || parts.len() == 2 && year(parts[0]) && parts[1].len() == 2 && all_digits(&parts[1]);
    let year_cued = YEAR_CUES.contains(&prev) || (prev == "of" && YEAR_OF.contains(&prev2));
    if head.matches('.').count() >= 2 || clock || meridiem(rest) || meridiem(next) || ordinal || date {
        return false;
    }
    if rest.is_empty() {
        let version = is_product(prev_written) && head.chars().all(|c| c.is_ascii_digit());
        return !(version || year(head) && year_cued);
    }
    // HTTP status codes: no more 502s.
    if rest == "s" && head.len() == 3 && matches!(head.as_bytes()[0], b'4' | b'5') {
        return false;
    }
    // A capital D is a dimension (3D), a small one days (90d).
    (UNITS.contains(&rest) && !body.ends_with('D')) || rest.starts_with(['-', '–', '/', ':'])
}

/// Whether a word is a number in words, given its neighbours.
fn word_is_amount(word: &str, prev: &str, next: &str) -> bool {
    if names(prev) {
        return false;
    }
    if is_cardinal(word) {
        return true;
    }
    match word {
        "one" => (ONE_CUES.contains(&prev) && next != "of") || next == "per",
        "half" => !HALF_PERIODS.contains(&prev),
        _ if FRACTIONS.contains(&word) => matches!(prev, "a" | "an" | "one") || is_cardinal(prev),
        _ if MULTIPLES.contains(&word) => !NOT_MULTIPLE.iter().any(|n| next.starts_with(n)),
        _ => word.strip_suffix("fold").is_some_and(is_cardinal),
    }
}

/// A word or amount of a line, with the words around it that decide how it reads.
struct Piece<'a> {
    text: &'a str,
    lower: Cow<'a, str>,
    /// Punctuation before it, so the words before do not bear on it.
    after_break: bool,
    /// Its capital letter only starts a sentence.
    starts_sentence: bool,
}

/// The line's tokens, letter-only hyphenated words split into their parts (twenty-one, half-day, double-checked).
fn pieces(line: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    for token in tokens(line) {
        let lettered = token.text.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
        let parts: Vec<&str> = if lettered { token.text.split('-').collect() } else { vec![token.text] };
        for (n, text) in parts.into_iter().enumerate() {
            let first = n == 0;
            out.push(Piece {
                text,
                lower: lowercase(text),
                after_break: first && token.after_break,
                starts_sentence: first && token.starts_sentence,
            });
        }
    }
    out
}

/// The amounts and the digit-bearing non-amounts of one result line.
pub fn scan(line: &str) -> Scan<'_> {
    let pieces = pieces(line);
    let mut scan = Scan::default();
    for (i, piece) in pieces.iter().enumerate() {
        // The words before count only up to the nearest punctuation; the word after only if none comes first.
        let reachable = |back: usize| (0..back).all(|k| i > k && !pieces[i - k].after_break);
        let before = |back: usize| if reachable(back) { pieces[i - back].text } else { "" };
        let before_lower = if reachable(1) { pieces[i - 1].lower.as_ref() } else { "" };
        let next = pieces.get(i + 1).filter(|p| !p.after_break).map_or("", |p| p.lower.as_ref());
        // A sentence's first word is capitalised whatever it is; elsewhere a capital may name a product.
        let named_before = if i > 0 && pieces[i - 1].starts_sentence { before_lower } else { before(1) };
        if piece.text.chars().any(|c| c.is_ascii_digit()) {
            if digits_are_amount(piece.text, named_before, before(2), next) {
                scan.amounts.push(piece.text);
            } else if digits_are_amount(piece.text, "", "", next) {
                scan.not_amounts.push(format!("{} {}", before(1), piece.text));
            } else {
                scan.not_amounts.push(piece.text.to_string());
            }
        } else if word_is_amount(&piece.lower, before_lower, next) {
            scan.amounts.push(piece.text);
        }
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(line: &str) -> Vec<&str> {
        scan(line).amounts
    }

    fn not_amounts(line: &str) -> Vec<String> {
        scan(line).not_amounts
    }

    #[test]
    fn digits_with_signs_and_units_are_amounts() {
        let line = "p99 fell from 2.3% to ~0.2%, saved $40k (€1.2M), 10,000 users, 800ms, 3x, 2.5×, 10-15%, 3/4, 50+";
        assert_eq!(
            amounts(line),
            ["2.3%", "~0.2%", "$40k", "€1.2M", "10,000", "800ms", "3x", "2.5×", "10-15%", "3/4", "50+"]
        );
        assert_eq!(amounts("a 12-month contract, 3:1 ratio, 2 GB, 4h"), ["12-month", "3:1", "2", "4h"]);
    }

    #[test]
    fn digits_in_names_versions_dates_and_times_are_not() {
        let line = "closed JIRA-123 in us-east-1 for S3, EC2, p99, v2 and 2FA; 3D; release 2.3.1, sprint 14, PR #482";
        assert_eq!(amounts(line), Vec::<&str>::new());
        assert_eq!(
            not_amounts(line),
            ["JIRA-123", "us-east-1", "S3", "EC2", "p99", "v2", "2FA", "3D", "2.3.1", "sprint 14", "#482"]
        );
        let dates =
            "launched in 2024, on March 3rd, by end of 2025, at 5pm, 10:30, 4:30am, 2024-03-14, 1/2/2025, 9 a.m.";
        assert_eq!(amounts(dates), Vec::<&str>::new());
        assert_eq!(amounts("on call 24/7, weekly 1:1s, 9-to-5"), Vec::<&str>::new());
        assert_eq!(amounts("2024 signups, 2019-2021"), ["2024"], "a year needs a cue; a range of years is a date");
        let versions = "Runs on Java 17 and Spring Boot 3; no more 502s or HTTP 500 in 2024";
        assert_eq!(not_amounts(versions), ["Java 17", "Boot 3", "502s", "HTTP 500", "in 2024"]);
        assert_eq!(amounts("Hired 3 people, cut 300s to 40s"), ["3", "300s", "40s"]);
    }

    #[test]
    fn numbers_in_words_are_amounts() {
        assert_eq!(amounts("fell by forty percent within three weeks"), ["forty", "three"]);
        assert_eq!(amounts("zero minutes of downtime, twelve services, fourty clinics"), ["zero", "twelve", "fourty"]);
        assert_eq!(
            amounts("cost halved, throughput doubled, twice as fast, a threefold gain"),
            ["halved", "doubled", "twice", "threefold"]
        );
        assert_eq!(
            amounts("a third of chats, two thirds, a quarter, twenty-one teams, hundreds of users"),
            ["third", "two", "thirds", "quarter", "twenty", "hundreds"]
        );
        assert_eq!(amounts("cut by half, down to one a week, one per day"), ["half", "one", "one"]);
    }

    #[test]
    fn words_that_only_look_like_numbers_are_not() {
        let line = "one of the top tools; no one; in the second half; double-checked; doubled down; last quarter; \
                    the third time; phase two; a one-off";
        assert_eq!(amounts(line), Vec::<&str>::new());
    }
}
