//! Integrity checks on a bank, run on everything read from disk or imported, and before every save: each value
//! must be one the app could have made, so none that passes can panic or mislead anything later. Each failure is
//! one phrase that names the offending record, with user text quoted.

use std::collections::HashSet;

use chrono::{DateTime, Datelike as _, Utc};

use crate::content::phases::MAX_PHASES;
use crate::content::{Guide, is_valid_prompt_id};
use crate::model::{Attempt, Bank, Phase, PlanSettings, Story};
use crate::text::{needs_cleaning, quote};

/// The longest an answer or a follow-up may last: a day. The practice clock stops there too.
pub const MAX_ANSWER: std::time::Duration = std::time::Duration::from_secs(24 * 3600);
/// [`MAX_ANSWER`] in seconds, as durations are stored.
pub const MAX_ANSWER_SECS: f64 = MAX_ANSWER.as_secs_f64();
/// Dates outside these years are a wrong clock or a damaged file, not practice.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;
/// Ids of stories, attempts and mocks: 1 to this many of `A–Z a–z 0–9 . _ -`.
pub const MAX_ID_LEN: usize = 64;
/// A title or one line (an action, a result, a principle, a follow-up question), in bytes.
pub const MAX_LINE_BYTES: usize = 4 * 1024;
/// A text field (situation, task, learning, note), in bytes: pages more than a two-minute answer holds.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;
/// Actions or results of one story.
pub const MAX_LINES: usize = 100;
/// Principles or prompts of one story (prompt numbers stop at 255).
pub const MAX_TAGS: usize = 255;
/// Follow-up questions of one mock round.
pub const MAX_FOLLOW_UPS: usize = 20;
/// How far the phases may add up away from the duration: each phase rounded to the second at worst.
const PHASE_ROUNDING_SECS: f64 = 0.5;

/// True for an id star-coach can print and pass around safely: 1 to [`MAX_ID_LEN`] ASCII letters, digits, `.`,
/// `_` or `-`.
pub fn is_valid_id(id: &str) -> bool {
    (1..=MAX_ID_LEN).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

/// Checks a bank is whole and every value in it possible: unique safe ids, durations and phases that add up,
/// dates in [`YEARS`], confidence 1–5, text within its caps.
pub fn bank(bank: &Bank) -> Result<(), String> {
    stories(&bank.stories)?;
    plan(&bank.plan)?;
    let mut seen = HashSet::with_capacity(bank.attempts.len());
    for attempt in &bank.attempts {
        self::attempt(attempt)?;
        if !seen.insert(attempt.id.as_str()) {
            return Err(format!("two attempts share the id {}", quote(&attempt.id)));
        }
    }
    Ok(())
}

/// Checks the stories of a bank: each one possible, no two with one id.
pub fn stories(stories: &[Story]) -> Result<(), String> {
    let mut seen = HashSet::with_capacity(stories.len());
    for story in stories {
        self::story(story)?;
        if !seen.insert(story.id.as_str()) {
            return Err(format!("two stories share the id {}", quote(&story.id)));
        }
    }
    Ok(())
}

/// Checks the plan's settings: a daily count the plan accepts, an interview date it can count days to.
pub fn plan(plan: &PlanSettings) -> Result<(), String> {
    if let Some(per_day) = plan.per_day {
        crate::plan::check_per_day(per_day).map_err(|e| format!("the plan's {e}"))?;
    }
    // Days are added to and taken from the date: keep it far from the ends of the calendar.
    if let Some(date) = plan.interview_date
        && !(1970..=9999).contains(&date.year())
    {
        return Err(format!("the plan's interview date {date} is not a date star-coach can plan for"));
    }
    Ok(())
}

fn story(story: &Story) -> Result<(), String> {
    let name = || format!("the story {}", quote(&story.title));
    if !is_valid_id(&story.id) {
        return Err(format!("{} has the id {}, {}", name(), quote(&story.id), ID_RULE));
    }
    let name = || format!("the story {}", quote(&story.id));
    line(&name, "a title", &story.title)?;
    for (field, text) in [("a situation", &story.situation), ("a task", &story.task), ("a learning", &story.learning)] {
        text_field(&name, field, text)?;
    }
    for (field, one, lines) in [("actions", "an action", &story.actions), ("results", "a result", &story.results)] {
        if lines.len() > MAX_LINES {
            return Err(format!("{} has {} {field}, more than {MAX_LINES}", name(), lines.len()));
        }
        lines.iter().try_for_each(|l| line(&name, one, l))?;
    }
    for (field, tags) in [("principles", &story.principles), ("prompts", &story.prompts)] {
        if tags.len() > MAX_TAGS {
            return Err(format!("{} names {} {field}, more than {MAX_TAGS}", name(), tags.len()));
        }
    }
    story.principles.iter().try_for_each(|p| line(&name, "a principle", p))?;
    if let Some(p) = story.prompts.iter().find(|p| !is_valid_prompt_id(p)) {
        return Err(format!("{} names a prompt with a malformed id {}", name(), quote(p)));
    }
    date(&name, "was created", story.created_at)?;
    date(&name, "was edited", story.updated_at)?;
    if let Some(other) = story.conflict_with.as_deref().filter(|id| !is_valid_id(id)) {
        return Err(format!("{} is marked as a conflict with the id {}, {}", name(), quote(other), ID_RULE));
    }
    if let Some(base) =
        story.import_base.as_deref().filter(|b| b.len() != 16 || !b.bytes().all(|c| c.is_ascii_hexdigit()))
    {
        return Err(format!("{} has an import fingerprint {}, not 16 hex digits", name(), quote(base)));
    }
    Ok(())
}

/// Checks one attempt: a safe id, possible times and dates, text within its caps.
pub fn attempt(attempt: &Attempt) -> Result<(), String> {
    if !is_valid_id(&attempt.id) {
        return Err(format!("an attempt has the id {}, {}", quote(&attempt.id), ID_RULE));
    }
    let name = || format!("the attempt {}", quote(&attempt.id));
    if !is_valid_prompt_id(&attempt.prompt) {
        return Err(format!("{} names a prompt with a malformed id {}", name(), quote(&attempt.prompt)));
    }
    if let Some(story) = attempt.story.as_deref().filter(|id| !is_valid_id(id)) {
        return Err(format!("{} names the story {}, {}", name(), quote(story), ID_RULE));
    }
    if let Some(mock) = attempt.mock.as_deref().filter(|id| !is_valid_id(id)) {
        return Err(format!("{} has the mock id {}, {}", name(), quote(mock), ID_RULE));
    }
    date(&name, "started", attempt.started_at)?;
    let d = attempt.duration_secs;
    if !(d > 0.0 && d <= MAX_ANSWER_SECS) {
        return Err(format!("{} lasts {} seconds; an answer lasts more than 0 and at most a day", name(), number(d)));
    }
    // A prompt's own phases are checked by their ids as they load (`Phase`); STAR's must keep their order.
    let star: Vec<usize> =
        attempt.phases.iter().filter_map(|p| Phase::STAR.iter().position(|&s| s == p.phase)).collect();
    let repeated =
        attempt.phases.iter().enumerate().any(|(i, p)| attempt.phases[..i].iter().any(|q| q.phase == p.phase));
    if attempt.phases.len() > MAX_PHASES || repeated || star.windows(2).any(|w| w[0] >= w[1]) {
        return Err(format!(
            "{} has its phases out of order; STAR's go situation, task, action, result, and no phase comes twice",
            name()
        ));
    }
    if attempt.phases.iter().any(|p| !(0.0..=MAX_ANSWER_SECS).contains(&p.secs)) {
        return Err(format!("{} has a phase with a negative or impossible time", name()));
    }
    let sum: f64 = attempt.phases.iter().map(|p| p.secs).sum();
    let rounding = PHASE_ROUNDING_SECS * attempt.phases.len() as f64;
    if !attempt.phases.is_empty() && (sum - d).abs() > rounding {
        return Err(format!("{} has phases that add up to {} seconds, not its {}", name(), number(sum), number(d)));
    }
    if attempt.follow_ups.len() > MAX_FOLLOW_UPS {
        return Err(format!("{} has {} follow-ups, more than {MAX_FOLLOW_UPS}", name(), attempt.follow_ups.len()));
    }
    for follow_up in &attempt.follow_ups {
        if !(0.0..=MAX_ANSWER_SECS).contains(&follow_up.secs) {
            return Err(format!("{} has a follow-up with a negative or impossible time", name()));
        }
        line(&name, "a follow-up question", &follow_up.question)?;
    }
    if attempt.drill.is_some_and(|d| !(0.0..=MAX_ANSWER_SECS).contains(&d.pick_secs)) {
        return Err(format!("{} has a drill pick time that is negative or impossible", name()));
    }
    if let Some(recording) = attempt.recording.as_ref().filter(|r| !crate::recordings::is_valid_file_name(&r.file)) {
        return Err(format!(
            "{} names the recording {}, which is not a file name in the recordings folder",
            name(),
            quote(&recording.file)
        ));
    }
    if let Some(problem) = attempt.voice.as_ref().and_then(|v| v.check().err()) {
        return Err(format!("{} has {problem}", name()));
    }
    if let Some(c) = attempt.review.confidence.filter(|c| !(1..=5).contains(c)) {
        return Err(format!("{} has confidence {c}, not 1 to 5", name()));
    }
    text_field(&name, "a note", &attempt.review.note)
}

/// A number for a message: short even when it is huge (1e308 has 309 digits written out).
fn number(x: f64) -> String {
    if x.abs() < 1e9 { x.to_string() } else { format!("{x:e}") }
}

const ID_RULE: &str = "not 1 to 64 letters, digits, '.', '_' or '-'";

fn line(name: &dyn Fn() -> String, field: &str, text: &str) -> Result<(), String> {
    capped(name, field, text, MAX_LINE_BYTES)
}

fn text_field(name: &dyn Fn() -> String, field: &str, text: &str) -> Result<(), String> {
    capped(name, field, text, MAX_TEXT_BYTES)
}

fn capped(name: &dyn Fn() -> String, field: &str, text: &str, cap: usize) -> Result<(), String> {
    if text.len() > cap {
        return Err(format!(
            "{} has {field} of {} KiB, more than the {} KiB it may hold",
            name(),
            text.len() / 1024,
            cap / 1024
        ));
    }
    Ok(())
}

fn date(name: &dyn Fn() -> String, what: &str, at: DateTime<Utc>) -> Result<(), String> {
    if !YEARS.contains(&at.year()) {
        return Err(format!(
            "{} {what} on {}, outside the years {} to {}: is the clock of the machine that wrote it right?",
            name(),
            at.format("%Y-%m-%d"),
            YEARS.start(),
            YEARS.end()
        ));
    }
    Ok(())
}

/// What an import carries that is kept but worth saying, found by [`import`].
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportNotes {
    /// Stories and attempts naming a prompt not loaded here (a pack this machine lacks).
    pub prompt_not_loaded: usize,
    /// Attempts naming a story that is neither in the import nor in the bank.
    pub story_missing: usize,
}

/// Checks an import on top of [`bank`], against the guide and the bank it goes into. Prompts not loaded here (an
/// attempt's may be a drilled question's) and stories that do not exist are kept (a pack may come later; a story
/// may have been deleted) and counted.
pub fn import(incoming: &Bank, guide: &Guide, into: &Bank) -> Result<ImportNotes, String> {
    bank(incoming)?;
    let known: HashSet<&str> = guide.prompt_ids().chain(guide.questions.iter().map(|q| q.id.as_str())).collect();
    let stories: HashSet<&str> = incoming.stories.iter().chain(&into.stories).map(|s| s.id.as_str()).collect();
    let mut notes = ImportNotes::default();
    for story in &incoming.stories {
        notes.prompt_not_loaded += usize::from(story.prompts.iter().any(|p| !known.contains(p.as_str())));
    }
    for attempt in &incoming.attempts {
        notes.prompt_not_loaded += usize::from(!known.contains(attempt.prompt.as_str()));
        notes.story_missing += usize::from(attempt.story.as_deref().is_some_and(|s| !stories.contains(s)));
    }
    Ok(notes)
}

/// Cleans every user-written field of a bank in place (see [`crate::text::clean`]); returns how many changed.
pub fn clean_bank(bank: &mut Bank) -> usize {
    let mut changed = 0;
    for story in &mut bank.stories {
        changed += fix(&mut story.title, true) + fix(&mut story.situation, false) + fix(&mut story.task, false);
        changed += fix(&mut story.learning, false);
        for line in story.actions.iter_mut().chain(story.results.iter_mut()).chain(story.principles.iter_mut()) {
            changed += fix(line, true);
        }
    }
    for attempt in &mut bank.attempts {
        changed += clean_attempt(attempt);
    }
    changed
}

/// Cleans the user-written fields of one attempt in place; returns how many changed.
pub fn clean_attempt(attempt: &mut Attempt) -> usize {
    let mut changed = fix(&mut attempt.review.note, false);
    for follow_up in &mut attempt.follow_ups {
        changed += fix(&mut follow_up.question, true);
    }
    changed
}

/// Cleans one field (a line keeps no newline); 1 when it changed.
fn fix(text: &mut String, one_line: bool) -> usize {
    use crate::text::{clean, clean_line};
    if !(needs_cleaning(text) || (one_line && text.contains('\n'))) {
        return 0;
    }
    *text = if one_line { clean_line(text) } else { clean(text) };
    1
}

#[cfg(test)]
mod tests;
