//! Hostile imports for property tests: JSON exports whose every field may be impossible (huge or non-finite
//! numbers, control characters and escape sequences in every string including ids, dates from the future and
//! the ancient past, phases that do not add up), each field clean most of the time so that many whole imports
//! are accepted too.
//!
//! Shared: the integration tests reach it through `tests/it/support/`, the library's tests (the TUI's fuzz test
//! among them) as `crate::hostile_import`. It names no type of star-coach, so it compiles in both.

use proptest::prelude::*;
use proptest::sample::select;

/// Text a terminal would act on, and text that is merely unusual.
const NASTY: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}]52;c;aGVsbG8=\u{7}",
    "\u{1b}]0;owned title\u{7}",
    "\u{1b}P+q544e\u{1b}\\",
    "\u{9b}2J",
    "\u{202e}evil",
    "tab\there",
    "cr\rlf",
    "nul\u{0}byte",
    "del\u{7f}",
    "日本語 ✓ 🎉",
    "",
    " ",
];

/// A string that is ordinary most of the time and hostile otherwise; `line` strings stay short.
fn text(long: bool) -> BoxedStrategy<String> {
    let plain = "[A-Za-z0-9 ,.'-]{0,40}".prop_map(|s| s.to_string());
    let nasty = select(NASTY).prop_map(str::to_string);
    let mixed = ("[a-z ]{0,10}", select(NASTY), "[a-z ]{0,10}").prop_map(|(a, n, b)| format!("{a}{n}{b}"));
    let controls = proptest::collection::vec(0u32..0xa0, 1..12)
        .prop_map(|cs| cs.into_iter().filter_map(char::from_u32).collect::<String>());
    let huge = (1usize..3).prop_map(move |n| "x".repeat(if long { 70_000 * n } else { 5_000 * n }));
    prop_oneof![60 => plain, 4 => nasty, 4 => mixed, 4 => controls, 1 => huge].boxed()
}

/// An id: safe most of the time, anything otherwise.
fn id(prefix: &'static str) -> BoxedStrategy<String> {
    let safe = "[a-z0-9]{4,10}".prop_map(move |s| format!("{prefix}{s}"));
    prop_oneof![60 => safe, 1 => text(false), 1 => Just("x".repeat(65)), 1 => Just("a b".into())].boxed()
}

/// A prompt id: one of the bundled seven most of the time, a pack's, or a malformed one.
fn prompt_id() -> BoxedStrategy<String> {
    let bundled = select(&["why-amazon", "simple-solution", "missed-deadline", "biggest-failure", "most-proud"][..])
        .prop_map(str::to_string);
    let pack = "[a-z]{3,8}-[a-z]{3,8}";
    prop_oneof![40 => bundled, 4 => pack.prop_map(|s| s.to_string()), 1 => text(false)].boxed()
}

/// A JSON number token, written raw so that what JSON cannot hold (1e999, NaN) is tried too.
fn number(typical: &'static str) -> BoxedStrategy<String> {
    let odd = select(&["0", "-0", "-1", "1e308", "-1e308", "1e999", "5e-324", "86400", "86400.5", "NaN", "1e19"][..]);
    let ranged = (1u32..5000).prop_map(|n| format!("{}.{}", n / 10, n % 10));
    prop_oneof![30 => Just(typical.to_string()), 6 => ranged, 2 => odd.prop_map(str::to_string)].boxed()
}

/// A confidence: 1 to 5 most of the time, else out of range or not a small integer.
fn confidence() -> BoxedStrategy<String> {
    let odd = select(&["0", "6", "255", "256", "-1", "3.5", "1e3"][..]).prop_map(str::to_string);
    prop_oneof![20 => (1u8..=5).prop_map(|c| c.to_string()), 2 => odd].boxed()
}

/// A date: a plausible one most of the time, else the future, the far past, or not a date.
fn date() -> BoxedStrategy<String> {
    let ok = (1u32..28, 0u32..24).prop_map(|(d, h)| format!("\"2026-11-{d:02}T{h:02}:00:00Z\""));
    let odd = select(
        &[
            "\"2099-06-01T00:00:00Z\"",
            "\"2100-12-31T23:59:59Z\"",
            "\"9999-12-31T23:59:59Z\"",
            "\"1970-01-01T00:00:00Z\"",
            "\"0001-01-01T00:00:00Z\"",
            "\"2026-13-45T99:00:00Z\"",
            "\"+275760-09-13T00:00:00Z\"",
            "0",
            "null",
        ][..],
    );
    prop_oneof![40 => ok, 2 => odd.prop_map(str::to_string)].boxed()
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|s| json_string(s)).collect::<Vec<_>>().join(", "))
}

fn story() -> impl Strategy<Value = String> {
    (
        (id("s"), text(false), text(true), text(true), text(true)),
        (proptest::collection::vec(text(false), 0..4), proptest::collection::vec(text(false), 0..3)),
        (proptest::collection::vec(text(false), 0..3), proptest::collection::vec(prompt_id(), 0..3)),
        (date(), date(), proptest::option::weighted(0.1, id("s")), proptest::option::weighted(0.1, "[0-9a-fz]{14,17}")),
    )
        .prop_map(
            |(
                (id, title, situation, task, learning),
                (actions, results),
                (principles, prompts),
                (created, updated, conflict, base),
            )| {
                let mut fields = vec![
                    format!("\"id\": {}", json_string(&id)),
                    format!("\"title\": {}", json_string(&title)),
                    format!("\"situation\": {}", json_string(&situation)),
                    format!("\"task\": {}", json_string(&task)),
                    format!("\"actions\": {}", list(&actions)),
                    format!("\"results\": {}", list(&results)),
                    format!("\"learning\": {}", json_string(&learning)),
                    format!("\"principles\": {}", list(&principles)),
                    format!("\"prompts\": {}", list(&prompts)),
                    format!("\"created_at\": {created}"),
                    format!("\"updated_at\": {updated}"),
                ];
                fields.extend(conflict.map(|c| format!("\"conflict_with\": {}", json_string(&c))));
                fields.extend(base.map(|b| format!("\"import_base\": {}", json_string(&b))));
                format!("{{{}}}", fields.join(", "))
            },
        )
}

fn phases() -> BoxedStrategy<(String, Vec<String>)> {
    // In order and adding up (the duration is their sum), or anything.
    let names = ["situation", "task", "action", "result"];
    let whole = proptest::collection::vec(1u32..600, 4).prop_map(move |secs| {
        let total: u32 = secs.iter().sum();
        let phases = names.iter().zip(&secs).map(|(n, s)| format!("{{\"phase\": \"{n}\", \"secs\": {s}}}")).collect();
        (total.to_string(), phases)
    });
    let name = select(&["situation", "task", "action", "result", "prelude", "SITUATION", ""][..]);
    let wild = (number("90.5"), proptest::collection::vec((name, number("20")), 0..7)).prop_map(|(d, ps)| {
        (d, ps.into_iter().map(|(n, s)| format!("{{\"phase\": \"{n}\", \"secs\": {s}}}")).collect())
    });
    prop_oneof![20 => whole, 2 => wild].boxed()
}

fn attempt() -> impl Strategy<Value = String> {
    (
        (id("a"), prompt_id(), proptest::option::weighted(0.7, id("s")), date()),
        phases(),
        (any::<[bool; 4]>(), proptest::option::weighted(0.8, confidence()), text(true)),
        (proptest::option::weighted(0.2, id("m")), proptest::collection::vec((text(false), number("30")), 0..3)),
    )
        .prop_map(|((id, prompt, story, started), (duration, phases), (ticks, confidence, note), (mock, follow_ups))| {
            let [a, b, c, d] = ticks;
            let mut fields = vec![
                format!("\"id\": {}", json_string(&id)),
                format!("\"prompt\": {}", json_string(&prompt)),
                format!("\"story\": {}", story.map_or("null".into(), |s| json_string(&s))),
                format!("\"started_at\": {started}"),
                format!("\"duration_secs\": {duration}"),
                format!("\"phases\": [{}]", phases.join(", ")),
                format!(
                    "\"review\": {{\"checklist\": {{\"spoke_as_i\": {a}, \"gave_metric\": {b}, \"short_setup\": {c}, \
                     \"stated_learning\": {d}}}, \"confidence\": {}, \"note\": {}}}",
                    confidence.unwrap_or_else(|| "null".into()),
                    json_string(&note)
                ),
            ];
            fields.extend(mock.map(|m| format!("\"mock\": {}", json_string(&m))));
            if !follow_ups.is_empty() {
                let items: Vec<String> = follow_ups
                    .iter()
                    .map(|(q, secs)| format!("{{\"question\": {}, \"secs\": {secs}}}", json_string(q)))
                    .collect();
                fields.push(format!("\"follow_ups\": [{}]", items.join(", ")));
            }
            format!("{{{}}}", fields.join(", "))
        })
}

/// A whole export: a version (sometimes one that does not exist), some stories and some attempts.
pub fn hostile_import() -> impl Strategy<Value = String> {
    let version = prop_oneof![30 => Just("3"), 3 => Just("1"), 1 => Just("0"), 1 => Just("99"), 1 => Just("-1")];
    (version, proptest::collection::vec(story(), 0..4), proptest::collection::vec(attempt(), 0..5)).prop_map(
        |(version, stories, attempts)| {
            format!(
                "{{\"format\": \"star-coach\", \"schema_version\": {version},\n\"stories\": [{}],\n\"attempts\": [{}]}}\n",
                stories.join(",\n"),
                attempts.join(",\n")
            )
        },
    )
}

/// True when `text` holds a character a terminal could act on (anything but newline and tab below U+0020, DEL,
/// the C1 controls) or a bidi override.
pub fn has_control(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
    })
}
