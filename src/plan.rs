//! The plan: what to practise each day from today to the interview date, scheduled by FSRS.
//!
//! Each prompt of the guide is a card, and so is each principle once drilled. Every saved attempt is a review
//! graded from what the coach measured ([`grade`]); FSRS (the model Anki uses, from the `rs-fsrs` crate) turns a
//! card's reviews into the day it is next due. With an interview date the intervals bend to it: a card comes back
//! no later than half-way from its last review to the date, and no later than the first of the last two days before
//! it, so every prompt is practised at least twice in a plan of a week or more and once in its last two days. The
//! days are then filled in order, `per_day` cards a day (what was carried over from a full or missed day, or is
//! due its last look, may stretch a day by [`CATCH_UP`], never more): a prompt's last look first, then prompts
//! before principles, cards not yet on the plan before another round of one that is, cards practised before new
//! ones, the carried over before the just due, and the weakest (lowest odds of recall) first. Without a date it is
//! plain FSRS toward the configured retention, shown a week ahead. Nothing here reads the clock: `now` and the time
//! zone come in.

mod cards;
pub mod grade;

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

pub use grade::{Grade, Graded, Miss, grade};

use crate::config::Config;
use crate::content::Guide;
use crate::model::{Attempt, Bank, PlanSettings};
use crate::practice::{PhaseShares, Target};
pub use cards::Cards;
use cards::{CardState, review};

/// How many cards a day may take beyond `per_day` to catch up on ones carried over.
pub const CATCH_UP: usize = 2;
/// The last days before the interview in which every card comes back once.
pub const FINAL_DAYS: u64 = 2;
/// How far ahead a plan without an interview date looks.
pub const HORIZON_DAYS: u64 = 7;
/// The most prompts a day the planner takes.
pub const PER_DAY_MAX: u32 = 20;

/// `[plan]` in the config.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(try_from = "PlanConfigRaw")]
pub struct PlanConfig {
    /// Prompts a day, unless `star-coach plan --per-day` set another for this bank.
    pub per_day: u32,
    /// The odds of recall FSRS schedules toward, 0.7–0.97.
    pub retention: f64,
}

impl Default for PlanConfig {
    fn default() -> PlanConfig {
        PlanConfig { per_day: 3, retention: 0.9 }
    }
}

#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct PlanConfigRaw {
    per_day: u32,
    retention: f64,
}

impl Default for PlanConfigRaw {
    fn default() -> PlanConfigRaw {
        let PlanConfig { per_day, retention } = PlanConfig::default();
        PlanConfigRaw { per_day, retention }
    }
}

impl TryFrom<PlanConfigRaw> for PlanConfig {
    type Error = String;

    fn try_from(raw: PlanConfigRaw) -> Result<PlanConfig, String> {
        check_per_day(raw.per_day)?;
        if !(0.7..=0.97).contains(&raw.retention) {
            return Err(format!("the plan's retention must be between 0.7 and 0.97, not {}", raw.retention));
        }
        Ok(PlanConfig { per_day: raw.per_day, retention: raw.retention })
    }
}

/// Prompts a day must be 1 to [`PER_DAY_MAX`]; the error is one phrase.
pub fn check_per_day(per_day: u32) -> Result<u32, String> {
    if (1..=PER_DAY_MAX).contains(&per_day) {
        Ok(per_day)
    } else {
        Err(format!("prompts a day must be between 1 and {PER_DAY_MAX}, not {per_day}"))
    }
}

/// A card: a prompt of the guide by id, or a drilled principle by its name in the guide.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardId {
    Prompt(String),
    Principle(String),
}

impl CardId {
    pub fn prompt(&self) -> Option<&str> {
        match self {
            CardId::Prompt(id) => Some(id),
            CardId::Principle(_) => None,
        }
    }

    /// "practised" for a prompt, "drilled" for a principle.
    fn verb(&self) -> &'static str {
        match self {
            CardId::Prompt(_) => "practised",
            CardId::Principle(_) => "drilled",
        }
    }
}

/// What the plan is worked out from.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput<'a> {
    pub guide: &'a Guide,
    pub attempts: &'a [Attempt],
    pub target: Target,
    pub shares: PhaseShares,
    pub config: PlanConfig,
    /// The interview date and prompts a day the bank holds.
    pub settings: PlanSettings,
}

impl<'a> PlanInput<'a> {
    pub fn new(guide: &'a Guide, bank: &'a Bank, config: &Config) -> PlanInput<'a> {
        PlanInput {
            guide,
            attempts: &bank.attempts,
            target: config.target,
            shares: config.phase_shares,
            config: config.plan,
            settings: bank.plan,
        }
    }
}

/// One card on one day, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanItem {
    pub card: CardId,
    pub reason: String,
    /// Practised already (today's list only).
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanDay {
    pub date: NaiveDate,
    /// What is due, in the order to practise it; on today's list, then what is done.
    pub items: Vec<PlanItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub today: NaiveDate,
    /// The interview date as set, even when it has passed.
    pub interview: Option<NaiveDate>,
    pub per_day: u32,
    /// Today first, then each day to the one before the interview (a week without a date).
    pub days: Vec<PlanDay>,
}

impl Plan {
    pub fn today_items(&self) -> &[PlanItem] {
        self.days.first().map_or(&[], |d| &d.items)
    }

    /// Today's first item not yet done: what to practise next.
    pub fn next(&self) -> Option<&PlanItem> {
        self.today_items().iter().find(|i| !i.done)
    }

    /// The first item of a day after today, with its date: what comes once today is done.
    pub fn next_after_today(&self) -> Option<(NaiveDate, &PlanItem)> {
        self.days.iter().skip(1).find_map(|d| d.items.first().map(|i| (d.date, i)))
    }

    /// "Interview in 9 days", "Interview tomorrow", "Interview today"; `None` without a date or once it passed.
    pub fn countdown(&self) -> Option<String> {
        countdown(self.interview, self.today)
    }

    /// True when a date is set and still ahead (or today).
    pub fn has_date(&self) -> bool {
        self.interview.is_some_and(|d| d >= self.today)
    }

    /// "Today", "Tomorrow" or "Wed 9 Dec" for a day of the plan.
    pub fn day_name(&self, date: NaiveDate) -> String {
        match (date - self.today).num_days() {
            0 => "Today".into(),
            1 => "Tomorrow".into(),
            _ => short_date(date),
        }
    }
}

/// "Interview in 9 days", "Interview tomorrow", "Interview today"; `None` without a date or once it passed.
pub fn countdown(interview: Option<NaiveDate>, today: NaiveDate) -> Option<String> {
    match (interview? - today).num_days() {
        ..0 => None,
        0 => Some("Interview today".into()),
        1 => Some("Interview tomorrow".into()),
        n => Some(format!("Interview in {n} days")),
    }
}

/// The furthest ahead an interview date may be set, in days.
pub const MAX_DAYS_AHEAD: i64 = 366;

/// Reads an interview date as the user types it (`2026-12-16`): today or later, within a year. The error is one
/// phrase naming what was typed.
pub fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let text = text.trim();
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        format!("the interview date must be a date such as {}, not {}", today + Days::new(9), crate::text::quote(text))
    })?;
    match (date - today).num_days() {
        ..0 => Err(format!("the interview date {date} has passed; give today's date or a later one")),
        days if days > MAX_DAYS_AHEAD => Err(format!("the interview date {date} is more than a year away")),
        _ => Ok(date),
    }
}

/// "Mon 7 Dec".
pub fn short_date(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// Why a card is due when it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cause {
    New,
    /// FSRS's own interval.
    Spaced,
    /// Half-way from the last review to the interview, sooner than FSRS would.
    Halfway,
    /// The first of the last two days before the interview.
    Final,
}

/// A card as the days are filled: its memory, when it is due and why.
struct Slot {
    state: CardState,
    due: NaiveDate,
    cause: Cause,
    /// The day the plan last put it on, when it has.
    planned: Option<NaiveDate>,
    /// The grade its future reviews are assumed to get: its last, kept between Hard and Good.
    predicted: Grade,
    order: usize,
}

/// When a card last reviewed on `last` is due, FSRS saying `fsrs_due`, bent to the interview date.
fn due_after(last: NaiveDate, fsrs_due: NaiveDate, interview: Option<NaiveDate>) -> (NaiveDate, Cause) {
    let Some(date) = interview else { return (fsrs_due, Cause::Spaced) };
    let final_start = date - Days::new(FINAL_DAYS);
    if last >= final_start {
        return (fsrs_due, Cause::Spaced);
    }
    let left = u64::try_from((date - last).num_days()).unwrap_or(0);
    let halfway = last + Days::new(left.div_ceil(2));
    let mut due = (fsrs_due, Cause::Spaced);
    if final_start < due.0 {
        due = (final_start, Cause::Final);
    }
    if halfway < due.0 {
        due = (halfway, Cause::Halfway);
    }
    due
}

/// Works out the plan from the history as of `now`, in the calendar days of `tz`.
pub fn build<Tz: TimeZone>(input: &PlanInput, now: DateTime<Utc>, tz: &Tz) -> Plan {
    let today = now.with_timezone(tz).date_naive();
    build_from(input, &cards::replay(input, Some(today), tz), now, tz)
}

/// Works out the plan from cards that [`Cards::fits`] `input` (the attempts are not read): the same plan
/// [`build`] makes from every attempt.
pub fn build_from<Tz: TimeZone>(input: &PlanInput, cards: &Cards, now: DateTime<Utc>, tz: &Tz) -> Plan {
    let today = now.with_timezone(tz).date_naive();
    let per_day = input.settings.per_day.unwrap_or(input.config.per_day).clamp(1, PER_DAY_MAX);
    let interview = input.settings.interview_date.filter(|d| *d >= today);
    let last_day = interview.map_or(today + Days::new(HORIZON_DAYS - 1), |d| d - Days::new(1));
    let fsrs = cards::scheduler(input.config.retention);

    let mut done_today = Vec::new();
    let mut slots: Vec<Slot> = cards
        .states(input)
        .into_iter()
        .enumerate()
        .map(|(order, state)| {
            let (due, cause) = match (state.last, state.fsrs_due()) {
                (Some(last), Some(fsrs_due)) => due_after(last, fsrs_due, interview),
                _ => (today, Cause::New),
            };
            let predicted = state.last_grade.as_ref().map_or(Grade::Good, |g| g.grade.clamp(Grade::Hard, Grade::Good));
            if state.last == Some(today)
                && let Some(graded) = &state.last_grade
            {
                let reason = format!("done today, graded {}", graded.explain());
                done_today.push(PlanItem { card: state.id.clone(), reason, done: true });
            }
            Slot { state, due, cause, planned: None, predicted, order }
        })
        .collect();

    let mut days = Vec::new();
    let mut day = today;
    while day <= last_day {
        let done = if day == today { done_today.len() } else { 0 };
        let mut due: Vec<usize> = (0..slots.len()).filter(|&i| slots[i].due <= day).collect();
        // Carried over, or due its last look before the interview: these may stretch the day.
        let pressing = |s: &Slot| s.due < day || s.cause == Cause::Final;
        let carried = due.iter().filter(|&&i| pressing(&slots[i])).count();
        let noon = cards::noon(day);
        due.sort_by(|&a, &b| {
            let (a, b) = (&slots[a], &slots[b]);
            let is_principle = |s: &Slot| matches!(s.state.id, CardId::Principle(_));
            // A prompt's last look first; then prompts before principles; then cards not yet on the plan before
            // another round of one that is, so each comes back before any comes a third time; then cards practised
            // before new ones; then what was carried over, the longest first; then the weakest.
            // A card practised before comes before a new one: what was learned is what can be forgotten.
            let key = |s: &Slot| {
                let last_look = !is_principle(s) && s.cause == Cause::Final;
                (!last_look, is_principle(s), s.planned.is_some(), s.state.last.is_none(), s.due >= day, s.due)
            };
            key(a)
                .cmp(&key(b))
                .then(a.state.memory.get_retrievability(noon).total_cmp(&b.state.memory.get_retrievability(noon)))
                .then(a.order.cmp(&b.order))
        });
        let room = (usize::try_from(per_day).unwrap_or(1) + carried.min(CATCH_UP)).saturating_sub(done);
        let mut items = Vec::new();
        for i in due.into_iter().take(room) {
            let slot = &mut slots[i];
            items.push(PlanItem { card: slot.state.id.clone(), reason: reason(slot, day, today), done: false });
            slot.state.memory = review(&fsrs, &slot.state.memory, day, slot.predicted);
            (slot.due, slot.cause) = due_after(day, slot.state.memory.due.date_naive(), interview);
            slot.planned = Some(day);
        }
        if day == today {
            items.append(&mut done_today);
        }
        days.push(PlanDay { date: day, items });
        day = day + Days::new(1);
    }
    Plan { today, interview: input.settings.interview_date, per_day, days }
}

/// Why `slot` is on `day`'s list, in a phrase.
fn reason(slot: &Slot, day: NaiveDate, today: NaiveDate) -> String {
    let verb = slot.state.id.verb();
    let mut text = match (slot.planned, slot.cause) {
        (_, Cause::New) => format!("never {verb}"),
        (None, cause) => {
            let last = slot.state.last.map_or_else(String::new, |last| {
                let graded =
                    slot.state.last_grade.as_ref().map_or_else(String::new, |g| format!(", graded {}", g.explain()));
                // Said from today on today's list; on a later day, by its date.
                let when = if day == today { ago(today, last) } else { short_date(last) };
                format!("last {verb} {when}{graded}")
            });
            match cause {
                Cause::Halfway => format!("brought forward for the interview; {last}"),
                Cause::Final => format!("last look before the interview; {last}"),
                _ => last,
            }
        }
        (Some(before), Cause::Spaced) => format!("spaced review after {}", short_date(before)),
        (Some(before), Cause::Halfway) => format!("once more before the interview, after {}", short_date(before)),
        (Some(_), Cause::Final) => "last look before the interview".to_string(),
    };
    if slot.due < day {
        text.push_str(&format!("; carried over from {}", short_date(slot.due)));
    }
    text
}

/// "today", "yesterday", "3 days ago".
fn ago(today: NaiveDate, date: NaiveDate) -> String {
    match (today - date).num_days() {
        ..=0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{n} days ago"),
    }
}

#[cfg(test)]
mod tests;
