//! Hostile imports for property tests: JSON exports whose fields may be impossible (huge or non-finite numbers,
//! control characters and escape sequences in every string including ids, dates from the future and the far
//! past, phases that do not add up, versions that do not exist).
//!
//! Each import picks a few kinds of trouble ([`Trouble`]) and is odd only in those, often: so an import with
//! nothing but escape sequences in its ids is as likely as one that is odd everywhere, and a checker that lets
//! one kind through is found quickly. One with no trouble is a clean import, accepted, so what comes after an
//! import is tested too.
//!
//! Shared: the integration tests reach it through `tests/it/support/`, the library's tests (the TUI's fuzz test
//! among them) as `crate::hostile_import`. It names no type of star-coach, so it compiles in both.

use proptest::prelude::*;
use proptest::sample::select;

/// The kinds of trouble an import may carry; each is drawn for each import.
#[derive(Debug, Clone, Copy)]
#[allow(clippy::struct_excessive_bools, reason = "independent switches, one per kind of trouble")]
pub struct Trouble {
    pub ids: bool,
    pub texts: bool,
    pub numbers: bool,
    pub dates: bool,
    pub phases: bool,
    pub prompts: bool,
    pub version: bool,
}

impl Arbitrary for Trouble {
    type Parameters = ();
    type Strategy = BoxedStrategy<Trouble>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        // Each kind a quarter of the time: most imports carry one or two, some none.
        proptest::collection::vec(proptest::bool::weighted(0.25), 7)
            .prop_map(|on| Trouble {
                ids: on[0],
                texts: on[1],
                numbers: on[2],
                dates: on[3],
                phases: on[4],
                prompts: on[5],
                version: on[6],
            })
            .boxed()
    }
}

/// `clean` when the trouble is off, else `clean` or `odd` alike.
fn maybe<T: std::fmt::Debug + Clone + 'static>(
    on: bool,
    clean: impl Strategy<Value = T> + 'static,
    odd: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<T> {
    if on { prop_oneof![clean, odd].boxed() } else { clean.boxed() }
}

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

fn nasty_text() -> BoxedStrategy<String> {
    let nasty = select(NASTY).prop_map(str::to_string);
    let mixed = ("[a-z ]{0,10}", select(NASTY), "[a-z ]{0,10}").prop_map(|(a, n, b)| format!("{a}{n}{b}"));
    let controls = proptest::collection::vec(0u32..0xa0, 1..12)
        .prop_map(|cs| cs.into_iter().filter_map(char::from_u32).collect::<String>());
    prop_oneof![nasty, mixed, controls].boxed()
}

/// A string: ordinary, or with trouble in it; a `long` field may also be far over any cap.
fn text(t: Trouble, long: bool) -> BoxedStrategy<String> {
    let plain = "[A-Za-z0-9 ,.'-]{0,40}";
    let huge = (1usize..3).prop_map(move |n| "x".repeat(if long { 70_000 * n } else { 5_000 * n }));
    maybe(t.texts, plain, prop_oneof![4 => nasty_text(), 1 => huge])
}

/// An id: from the safe alphabet, or anything.
fn id(t: Trouble, prefix: &'static str) -> BoxedStrategy<String> {
    let safe = "[a-z0-9]{4,10}".prop_map(move |s| format!("{prefix}{s}"));
    let odd = prop_oneof![4 => nasty_text(), 1 => Just("x".repeat(65)), 1 => Just("a b".to_string())];
    maybe(t.ids, safe, odd)
}

/// A prompt id: one of the bundled ones, a pack's, or a malformed one.
fn prompt_id(t: Trouble) -> BoxedStrategy<String> {
    let bundled = select(&["why-amazon", "simple-solution", "missed-deadline", "biggest-failure", "most-proud"][..])
        .prop_map(str::to_string);
    let clean = prop_oneof![6 => bundled, 1 => "[a-z]{3,8}-[a-z]{3,8}"];
    maybe(t.prompts, clean, nasty_text())
}

/// A JSON number token no star-coach value may hold, written raw so that what JSON cannot hold (1e999, NaN) is
/// tried too.
fn odd_number() -> BoxedStrategy<String> {
    select(&["0", "-0", "-1", "1e308", "-1e308", "1e999", "5e-324", "86400.5", "1e19", "NaN"][..])
        .prop_map(str::to_string)
        .boxed()
}

/// A number: `typical` or near it, or an odd one.
fn number(t: Trouble, typical: &'static str) -> BoxedStrategy<String> {
    let clean = prop_oneof![Just(typical.to_string()), (10u32..5000).prop_map(|n| format!("{}.{}", n / 10, n % 10))];
    maybe(t.numbers, clean, odd_number())
}

/// A confidence: 1 to 5, or out of range, or not a small integer.
fn confidence(t: Trouble) -> BoxedStrategy<String> {
    let odd = select(&["0", "6", "255", "256", "-1", "3.5", "1e3"][..]).prop_map(str::to_string);
    maybe(t.numbers, (1u8..=5).prop_map(|c| c.to_string()), odd)
}

/// A date: a plausible one, or the future, the far past, or not a date.
fn date(t: Trouble) -> BoxedStrategy<String> {
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
    maybe(t.dates, ok, odd.prop_map(str::to_string))
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

fn story(t: Trouble) -> impl Strategy<Value = String> {
    use proptest::collection::vec;
    (
        (id(t, "s"), text(t, false), text(t, true), text(t, true), text(t, true)),
        (vec(text(t, false), 0..4), vec(text(t, false), 0..3), vec(text(t, false), 0..3), vec(prompt_id(t), 0..3)),
        (date(t), date(t)),
        (proptest::option::weighted(0.1, id(t, "s")), proptest::option::weighted(0.1, "[0-9a-fz]{14,17}")),
    )
        .prop_map(
            |((id, title, situation, task, learning), (actions, results, principles, prompts), dates, marks)| {
                let (conflict, base) = marks;
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
                    format!("\"created_at\": {}", dates.0),
                    format!("\"updated_at\": {}", dates.1),
                ];
                fields.extend(conflict.map(|c| format!("\"conflict_with\": {}", json_string(&c))));
                fields.extend(base.map(|b| format!("\"import_base\": {}", json_string(&b))));
                format!("{{{}}}", fields.join(", "))
            },
        )
}

/// The duration and the phases: in order and adding up (the duration is their sum), or anything.
fn phases(t: Trouble) -> BoxedStrategy<(String, Vec<String>)> {
    let names = ["situation", "task", "action", "result"];
    let duration = maybe(t.numbers, Just(None), odd_number().prop_map(Some));
    let whole = (proptest::collection::vec(1u32..600, 4), duration).prop_map(move |(secs, odd)| {
        let total: u32 = secs.iter().sum();
        let phases = names.iter().zip(&secs).map(|(n, s)| format!("{{\"phase\": \"{n}\", \"secs\": {s}}}")).collect();
        // With number trouble the duration itself may be odd while the phases are not.
        (odd.unwrap_or_else(|| total.to_string()), phases)
    });
    let name = select(&["situation", "task", "action", "result", "prelude", "SITUATION", ""][..]);
    let wild = (number(t, "90.5"), proptest::collection::vec((name, number(t, "20")), 0..7)).prop_map(|(d, ps)| {
        (d, ps.into_iter().map(|(n, s)| format!("{{\"phase\": \"{n}\", \"secs\": {s}}}")).collect())
    });
    maybe(t.phases, whole, wild)
}

fn attempt(t: Trouble) -> impl Strategy<Value = String> {
    (
        (id(t, "a"), prompt_id(t), proptest::option::weighted(0.7, id(t, "s")), date(t)),
        phases(t),
        (any::<[bool; 4]>(), proptest::option::weighted(0.8, confidence(t)), text(t, true)),
        (
            proptest::option::weighted(0.2, id(t, "m")),
            proptest::collection::vec((text(t, false), number(t, "30")), 0..3),
        ),
    )
        .prop_map(
            |((id, prompt, story, started), (duration, phases), (ticks, confidence, note), (mock, follow_ups))| {
                let [spoke, metric, setup, learning] = ticks;
                let mut fields = vec![
                    format!("\"id\": {}", json_string(&id)),
                    format!("\"prompt\": {}", json_string(&prompt)),
                    format!("\"story\": {}", story.map_or("null".into(), |s| json_string(&s))),
                    format!("\"started_at\": {started}"),
                    format!("\"duration_secs\": {duration}"),
                    format!("\"phases\": [{}]", phases.join(", ")),
                    format!(
                        "\"review\": {{\"checklist\": {{\"spoke_as_i\": {spoke}, \"gave_metric\": {metric}, \
                     \"short_setup\": {setup}, \"stated_learning\": {learning}}}, \"confidence\": {}, \"note\": {}}}",
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
            },
        )
}

/// A whole export of schema `version` (or, with version trouble, one that does not exist): some stories and
/// some attempts, with the trouble drawn for it.
pub fn hostile_import_of(version: &'static str) -> impl Strategy<Value = String> {
    any::<Trouble>()
        .prop_flat_map(move |t| {
            let version = maybe(t.version, Just(version), select(&["0", "99", "-1", "1.5", "null"][..]));
            (version, proptest::collection::vec(story(t), 0..4), proptest::collection::vec(attempt(t), 0..5))
        })
        .prop_map(|(version, stories, attempts)| {
            format!(
                "{{\"format\": \"star-coach\", \"schema_version\": {version},\n\"stories\": [{}],\n\"attempts\": [{}]}}\n",
                stories.join(",\n"),
                attempts.join(",\n")
            )
        })
}

/// A hostile export of the current schema version.
pub fn hostile_import() -> impl Strategy<Value = String> {
    hostile_import_of("3")
}

/// True when `text` holds a character a terminal could act on (anything but newline and tab below U+0020, DEL,
/// the C1 controls) or a bidi override.
pub fn has_control(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
    })
}
