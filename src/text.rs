//! Cleaning of text that comes from outside: typing, pastes, imports and the data file.

/// Spaces a tab expands to.
const TAB_WIDTH: usize = 4;

/// Returns `text` with every control character removed except newline, tabs expanded, `\r\n` and lone `\r`
/// turned into `\n`, and bidi overrides dropped, so nothing the user stored can steer the terminal.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' => out.extend(std::iter::repeat_n(' ', TAB_WIDTH)),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Like [`clean`], for a field that holds one line: newlines become spaces.
pub fn clean_line(text: &str) -> String {
    clean(text).replace('\n', " ")
}

/// `text` with nothing that can steer a terminal: every control character but newline and tab, and the bidi
/// overrides, removed. For output that is already laid out (tabs kept), as [`clean`] is for text coming in.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && c != '\t' && is_unsafe(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().filter(|&c| c == '\n' || c == '\t' || !is_unsafe(c)).collect())
}

/// True when `text` would change under [`clean`].
pub fn needs_cleaning(text: &str) -> bool {
    text.chars().any(|c| c == '\r' || c == '\t' || is_unsafe(c))
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Quotes user text for an error message: control characters shown as escapes, never sent raw.
pub fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if is_unsafe(c) || c == '\n' => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An error and its causes as one line for the user: each cause once (a cause its error's own sentence already
/// quotes is not repeated), cleaned of control characters.
pub fn error_sentence(error: &(dyn std::error::Error + 'static)) -> String {
    let mut out = error.to_string();
    let mut cause = error.source();
    while let Some(next) = cause {
        let text = next.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        cause = next.source();
    }
    clean_line(&out)
}

/// The 1-based line and column (in characters) of byte `offset` in `source`, for errors that point into a file.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

/// `n` and the noun that agrees with it: "1 time", "3 times", "0 prompts".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1, "time", "times"), "1 time");
        assert_eq!(count(0, "prompt", "prompts"), "0 prompts");
        assert_eq!(count(2, "story", "stories"), "2 stories");
    }

    #[test]
    fn keeps_plain_unicode() {
        assert_eq!(clean("Checkout timeouts — 日本語 ✓ 🎉"), "Checkout timeouts — 日本語 ✓ 🎉");
    }

    #[test]
    fn strips_escape_sequences_and_c1_and_bidi() {
        let dirty = "a\u{1b}[2Jb\u{1b}]52;c;aGk=\u{7}c\u{9b}d\u{202e}e\u{0}";
        let cleaned = clean(dirty);
        assert!(!cleaned.chars().any(char::is_control), "{cleaned:?}");
        assert_eq!(cleaned, "a[2Jb]52;c;aGk=cde");
    }

    #[test]
    fn terminal_safe_output_keeps_layout_and_drops_the_rest() {
        assert_eq!(terminal_safe("a\tb\nc"), "a\tb\nc");
        assert_eq!(terminal_safe("x\u{1b}]0;title\u{7}\u{9b}2J\u{202e}\r"), "x]0;title2J");
        assert!(matches!(terminal_safe("plain"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn normalises_line_ends_and_tabs() {
        assert_eq!(clean("a\r\nb\rc\td"), "a\nb\nc    d");
        assert_eq!(clean_line("a\nb"), "a b");
    }

    #[test]
    fn needs_cleaning_agrees_with_clean() {
        for s in ["plain", "tab\t", "cr\r", "esc\u{1b}", "bidi\u{2067}", "日本語"] {
            assert_eq!(needs_cleaning(s), clean(s) != s, "{s:?}");
        }
    }

    #[test]
    fn an_error_sentence_says_each_cause_once() {
        #[derive(Debug)]
        struct Wrapped(std::io::Error, bool);
        impl std::fmt::Display for Wrapped {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                if self.1 { write!(f, "could not lock x: {}", self.0) } else { f.write_str("could not lock x") }
            }
        }
        impl std::error::Error for Wrapped {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let cause = || std::io::Error::other("Operation not permitted\u{1b}[2J");
        assert_eq!(error_sentence(&Wrapped(cause(), true)), "could not lock x: Operation not permitted[2J");
        assert_eq!(error_sentence(&Wrapped(cause(), false)), "could not lock x: Operation not permitted[2J");
    }

    #[test]
    fn quote_escapes_controls() {
        assert_eq!(quote("a\u{1b}b\"c"), "\"a\\u{1b}b\\\"c\"");
    }

    #[test]
    fn line_and_column_count_characters_from_one() {
        let source = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_column(source, 0), (1, 1));
        assert_eq!(line_column(source, 6), (2, 1));
        assert_eq!(line_column(source, source.find('=').unwrap()), (1, 3));
        assert_eq!(line_column(source, source.rfind('"').unwrap()), (2, 8), "é is one column");
        assert_eq!(line_column(source, 8), (2, 2), "inside é: the character's start");
        assert_eq!(line_column(source, 999), (3, 1));
    }
}
