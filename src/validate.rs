//! Integrity checks on a bank, run on everything read from disk or imported. Each failure is one phrase that
//! names the offending record, with user text quoted.

use std::collections::HashSet;

use crate::content::{Guide, is_valid_prompt_id};
use crate::model::Bank;
use crate::text::{needs_cleaning, quote};

/// Checks a bank is whole: unique non-empty ids, sane numbers.
pub fn bank(bank: &Bank) -> Result<(), String> {
    let mut seen = HashSet::new();
    for story in &bank.stories {
        if story.id.trim().is_empty() {
            return Err(format!("the story {} has an empty id", quote(&story.title)));
        }
        if !seen.insert(story.id.as_str()) {
            return Err(format!("two stories share the id {}", quote(&story.id)));
        }
    }
    if let Some(per_day) = bank.plan.per_day {
        crate::plan::check_per_day(per_day).map_err(|e| format!("the plan's {e}"))?;
    }
    // Days are added to and taken from the date: keep it far from the ends of the calendar.
    if let Some(date) = bank.plan.interview_date
        && !(1970..=9999).contains(&chrono::Datelike::year(&date))
    {
        return Err(format!("the plan's interview date {date} is not a date star-coach can plan for"));
    }
    let mut seen = HashSet::new();
    for attempt in &bank.attempts {
        if attempt.id.trim().is_empty() {
            return Err("an attempt has an empty id".into());
        }
        if !seen.insert(attempt.id.as_str()) {
            return Err(format!("two attempts share the id {}", quote(&attempt.id)));
        }
        if !attempt.duration_secs.is_finite() || attempt.duration_secs < 0.0 {
            return Err(format!("the attempt {} has a negative or missing duration", quote(&attempt.id)));
        }
        if attempt.phases.iter().any(|p| !p.secs.is_finite() || p.secs < 0.0) {
            return Err(format!("the attempt {} has a phase with a negative time", quote(&attempt.id)));
        }
        if attempt.mock.as_deref().is_some_and(|m| m.trim().is_empty()) {
            return Err(format!("the attempt {} has an empty mock id", quote(&attempt.id)));
        }
        if attempt.follow_ups.iter().any(|f| !f.secs.is_finite() || f.secs < 0.0) {
            return Err(format!("the attempt {} has a follow-up with a negative time", quote(&attempt.id)));
        }
        if attempt.drill.is_some_and(|d| !d.pick_secs.is_finite() || d.pick_secs < 0.0) {
            return Err(format!(
                "the attempt {} has a drill pick time that is negative or not a number",
                quote(&attempt.id)
            ));
        }
        if let Some(recording) = &attempt.recording
            && !crate::recordings::is_valid_file_name(&recording.file)
        {
            return Err(format!(
                "the attempt {} names the recording {}, which is not a file name in the recordings folder",
                quote(&attempt.id),
                quote(&recording.file)
            ));
        }
        if let Some(problem) = attempt.voice.as_ref().and_then(|v| v.check().err()) {
            return Err(format!("the attempt {} has {problem}", quote(&attempt.id)));
        }
        if let Some(c) = attempt.review.confidence
            && !(1..=5).contains(&c)
        {
            return Err(format!("the attempt {} has confidence {c}, not 1 to 5", quote(&attempt.id)));
        }
    }
    Ok(())
}

/// Checks an import on top of [`bank`]: every prompt it names is a well-formed id (an attempt's may be a drilled
/// question's). One not loaded here is kept (it may come from a prompt pack this machine lacks); returns how many
/// stories and attempts name such a prompt.
pub fn import(bank_in: &Bank, guide: &Guide) -> Result<usize, String> {
    bank(bank_in)?;
    let known: HashSet<&str> = guide.prompt_ids().chain(guide.questions.iter().map(|q| q.id.as_str())).collect();
    let mut not_loaded = 0;
    for story in &bank_in.stories {
        if let Some(p) = story.prompts.iter().find(|p| !is_valid_prompt_id(p)) {
            return Err(format!("the story {} names a prompt with a malformed id {}", quote(&story.title), quote(p)));
        }
        not_loaded += usize::from(story.prompts.iter().any(|p| !known.contains(p.as_str())));
    }
    for attempt in &bank_in.attempts {
        if !is_valid_prompt_id(&attempt.prompt) {
            return Err(format!(
                "the attempt {} names a prompt with a malformed id {}",
                quote(&attempt.id),
                quote(&attempt.prompt)
            ));
        }
        not_loaded += usize::from(!known.contains(attempt.prompt.as_str()));
    }
    Ok(not_loaded)
}

/// Cleans every user-written field of a bank in place (see [`crate::text::clean`]); returns how many changed.
pub fn clean_bank(bank: &mut Bank) -> usize {
    use crate::text::{clean, clean_line};
    let mut changed = 0;
    let mut fix = |s: &mut String, one_line: bool| {
        if needs_cleaning(s) || (one_line && s.contains('\n')) {
            *s = if one_line { clean_line(s) } else { clean(s) };
            changed += 1;
        }
    };
    for story in &mut bank.stories {
        fix(&mut story.title, true);
        fix(&mut story.situation, false);
        fix(&mut story.task, false);
        fix(&mut story.learning, false);
        for line in story.actions.iter_mut().chain(story.results.iter_mut()) {
            fix(line, true);
        }
        for tag in story.principles.iter_mut().chain(story.prompts.iter_mut()) {
            fix(tag, true);
        }
    }
    for attempt in &mut bank.attempts {
        fix(&mut attempt.review.note, false);
        for follow_up in &mut attempt.follow_ups {
            fix(&mut follow_up.question, true);
        }
        if let Some(mock) = &mut attempt.mock {
            fix(mock, true);
        }
    }
    changed
}
