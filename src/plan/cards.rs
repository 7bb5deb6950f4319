//! The cards FSRS schedules: each prompt of the guide, and each principle once drilled. A card's history is
//! replayed through FSRS one review a day (the day's last attempt at it), in calendar days of the user's time zone.
//!
//! [`Cards`] is that replay kept: small (one entry a card), so the summary beside the attempts log holds it and a
//! session's first plan needs no attempt. It grows one attempt at a time exactly as a replay over every attempt
//! would, and says when it cannot ([`Cards::add`]) or no longer applies ([`Cards::fits`]): the grading settings,
//! the guide or the time zone changed, or an attempt is dated after today. Then every attempt is replayed again.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::{DateTime, Datelike as _, Days, NaiveDate, NaiveTime, Offset, TimeZone, Utc};
use rs_fsrs::{FSRS, Parameters};
use serde::{Deserialize, Serialize};

use super::grade::{Grade, Graded, grade};
use super::{CardId, PlanInput};
use crate::content::principles::same;
use crate::content::{PhaseSet, questions};
use crate::model::Attempt;

/// One card and what its history says.
#[derive(Debug, Clone)]
pub(super) struct CardState {
    pub id: CardId,
    /// FSRS's memory of the card after its last review (a new card when never practised).
    pub memory: rs_fsrs::Card,
    /// The day of its last review.
    pub last: Option<NaiveDate>,
    pub last_grade: Option<Graded>,
}

impl CardState {
    /// The day FSRS says it is due; `None` for a card never practised.
    pub fn fsrs_due(&self) -> Option<NaiveDate> {
        self.last.map(|_| self.memory.due.date_naive())
    }
}

/// Every card's replay, prompts in the guide's order then drilled principles in the guide's, and what it was
/// worked out under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cards {
    /// A hash of what grades and maps an attempt: the target, the phase shares, the retention, the guide's cards
    /// and phases.
    settings: u64,
    /// A hash of the time zone's offset on each day from the first review to the last.
    zone: u64,
    /// The first and last review's start, when there is one.
    span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// How many attempts the history held (cards or not): cards for another count are another history's.
    attempts: usize,
    memos: Vec<Memo>,
}

/// A card as [`Cards`] keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Memo {
    card: CardId,
    /// The memory before its last day's review, which a later attempt that day reviews again.
    before: rs_fsrs::Card,
    memory: rs_fsrs::Card,
    last: Option<NaiveDate>,
    /// The attempt of the last review (without its recording and voice, which no grade reads).
    last_attempt: Option<Attempt>,
}

impl Memo {
    fn new(card: CardId) -> Memo {
        Memo {
            card,
            before: rs_fsrs::Card::default(),
            memory: rs_fsrs::Card::default(),
            last: None,
            last_attempt: None,
        }
    }

    /// Takes `attempt` on `day` in as the day's review, when it is the latest; false when it is older than the
    /// last review, which only a replay can take in.
    fn review(&mut self, fsrs: &FSRS, attempt: &Attempt, day: NaiveDate, grade: Grade) -> bool {
        let later_that_day = self.last == Some(day)
            && self.last_attempt.as_ref().is_some_and(|a| (a.started_at, &a.id) < (attempt.started_at, &attempt.id));
        if self.last.is_none_or(|last| last < day) {
            self.before = self.memory.clone();
        } else if !later_that_day {
            return false;
        }
        self.memory = review(fsrs, &self.before, day, grade);
        self.last = Some(day);
        self.last_attempt = Some(Attempt { recording: None, voice: None, ..attempt.clone() });
        true
    }
}

impl Cards {
    /// Replays every attempt of `input` in the days of `tz`.
    pub fn replay<Tz: TimeZone>(input: &PlanInput, tz: &Tz) -> Cards {
        replay(input, None, tz)
    }

    /// True when these cards are what a replay of a history of `attempts` attempts would give now: worked out
    /// over as many, under the same settings, guide and time zone, and no review dated after `today`.
    pub fn fits<Tz: TimeZone>(&self, input: &PlanInput, attempts: usize, today: NaiveDate, tz: &Tz) -> bool {
        self.attempts == attempts
            && self.settings == settings_hash(input)
            && self.zone == zone_hash(self.span, tz)
            && self.memos.iter().all(|c| c.last.is_none_or(|last| last <= today))
    }

    /// Takes one more attempt in as a replay would; false when it cannot (an attempt older than its card's last
    /// review), and the cards must be replayed.
    pub fn add<Tz: TimeZone>(&mut self, input: &PlanInput, attempt: &Attempt, tz: &Tz) -> bool {
        let guide = input.guide;
        self.attempts += 1;
        let card = if guide.prompt(&attempt.prompt).is_some() {
            CardId::Prompt(attempt.prompt.clone())
        } else if attempt.drill.is_some()
            && let Some(principle) = principle_of(input, &attempt.prompt)
        {
            CardId::Principle(principle.to_string())
        } else {
            return true;
        };
        let at = if let Some(at) = self.memos.iter().position(|m| m.card == card) {
            at
        } else {
            // A principle drilled for the first time: its card goes in the guide's order of principles.
            let principles = guide.all_principles();
            let order = |m: &Memo| match &m.card {
                CardId::Principle(name) => principles.iter().position(|p| p == name),
                CardId::Prompt(_) => None,
            };
            let new = order(&Memo::new(card.clone()));
            let at = self.memos.iter().position(|m| order(m).is_some_and(|o| Some(o) > new));
            let at = at.unwrap_or(self.memos.len());
            self.memos.insert(at, Memo::new(card));
            at
        };
        let day = attempt.started_at.with_timezone(tz).date_naive();
        let graded = grade(attempt, input.target, &guide.phases_of(attempt, &input.shares));
        if !self.memos[at].review(&scheduler(input.config.retention), attempt, day, graded.grade) {
            return false;
        }
        let span = self.span.map_or((attempt.started_at, attempt.started_at), |(first, last)| {
            (first.min(attempt.started_at), last.max(attempt.started_at))
        });
        if self.span != Some(span) {
            self.span = Some(span);
            self.zone = zone_hash(self.span, tz);
        }
        true
    }

    /// Checks cards read from disk hold only values a replay could have made, so none can panic the plan; the
    /// phrase says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        let card_ok = |c: &rs_fsrs::Card| {
            let in_years = |t: &DateTime<Utc>| t.timestamp() == 0 || crate::validate::YEARS.contains(&t.year());
            c.stability.is_finite()
                && c.stability >= 0.0
                && c.difficulty.is_finite()
                && (0.0..=10.0).contains(&c.difficulty)
                && (0..=MAX_DAYS).contains(&c.elapsed_days)
                && (0..=MAX_DAYS).contains(&c.scheduled_days)
                && c.reps >= 0
                && c.lapses >= 0
                && in_years(&c.due)
                && in_years(&c.last_review)
        };
        for memo in &self.memos {
            if !card_ok(&memo.before) || !card_ok(&memo.memory) {
                return Err("a plan card's memory is impossible".into());
            }
            let attempt_ok = match (&memo.last, &memo.last_attempt) {
                (Some(last), Some(attempt)) => {
                    crate::validate::attempt(attempt).is_ok() && crate::validate::YEARS.contains(&last.year())
                }
                (None, None) => true,
                _ => false,
            };
            if !attempt_ok {
                return Err("a plan card's last review is impossible".into());
            }
        }
        Ok(())
    }

    /// The cards as the plan works with them, each last review graded.
    pub(super) fn states(&self, input: &PlanInput) -> Vec<CardState> {
        self.memos
            .iter()
            .map(|m| CardState {
                id: m.card.clone(),
                memory: m.memory.clone(),
                last: m.last,
                last_grade: m
                    .last_attempt
                    .as_ref()
                    .map(|a| grade(a, input.target, &input.guide.phases_of(a, &input.shares))),
            })
            .collect()
    }
}

/// FSRS's longest interval (its default `maximum_interval`), with room: more days than this is not a replay's.
const MAX_DAYS: i64 = 2 * 36_500;

/// The main principle of question `id`, as the guide names it.
fn principle_of<'g>(input: &PlanInput<'g>, id: &str) -> Option<&'g str> {
    let main = input.guide.question(id)?.main_principle();
    input.guide.all_principles().into_iter().find(|p| same(p, main))
}

/// What grades an attempt and maps it to a card, hashed: a change means every attempt must be replayed.
fn settings_hash(input: &PlanInput) -> u64 {
    let mut h = DefaultHasher::new();
    let guide = input.guide;
    (input.target.min_secs.to_bits(), input.target.max_secs.to_bits(), input.config.retention.to_bits()).hash(&mut h);
    input.shares.fingerprint(&mut h);
    for prompt in &guide.prompts {
        prompt.id.hash(&mut h);
        PhaseSet::of(Some(prompt), &input.shares).fingerprint(&mut h);
    }
    // A question is answered in STAR unless a prompt has its id, which the prompts above fix. The bundled ones go
    // in by a hash of their text, so this needs none of them read.
    PhaseSet::star(&input.shares).fingerprint(&mut h);
    questions::BUNDLED_FINGERPRINT.hash(&mut h);
    for q in guide.questions.from_packs() {
        (&q.id, q.main_principle()).hash(&mut h);
    }
    guide.all_principles().hash(&mut h);
    h.finish()
}

/// The time zone's offset at noon UTC of each day from `span`'s first to its last, hashed: a zone that puts
/// any of those days' attempts on another calendar day almost surely hashes otherwise. (Two zones alike at
/// every noon that change their clocks at other hours of the same nights are taken as one.)
fn zone_hash<Tz: TimeZone>(span: Option<(DateTime<Utc>, DateTime<Utc>)>, tz: &Tz) -> u64 {
    let mut h = DefaultHasher::new();
    if let Some((first, last)) = span {
        let (mut day, last) = (first.date_naive() - Days::new(1), last.date_naive() + Days::new(1));
        while day <= last {
            tz.offset_from_utc_datetime(&noon(day).naive_utc()).fix().local_minus_utc().hash(&mut h);
            day = day + Days::new(1);
        }
    }
    h.finish()
}

/// The scheduler: FSRS's long-term model (whole days; practice is at most daily), no fuzz so a plan is the
/// same every time it is worked out, toward `retention`.
pub(super) fn scheduler(retention: f64) -> FSRS {
    FSRS::new(Parameters {
        request_retention: retention,
        enable_short_term: false,
        enable_fuzz: false,
        ..Parameters::default()
    })
}

/// Reviews fall at noon UTC of their calendar day, so FSRS's whole-day arithmetic counts calendar days.
pub(super) fn noon(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()).and_utc()
}

/// A review of `memory` on `day`.
pub(super) fn review(fsrs: &FSRS, memory: &rs_fsrs::Card, day: NaiveDate, grade: Grade) -> rs_fsrs::Card {
    fsrs.next(memory.clone(), noon(day), grade.rating()).card
}

/// Every card, prompts in the guide's order then drilled principles in the guide's, each replayed through FSRS.
/// With `today`, attempts dated after it (a clock set wrong) count as today's.
pub(super) fn replay<Tz: TimeZone>(input: &PlanInput, today: Option<NaiveDate>, tz: &Tz) -> Cards {
    let guide = input.guide;
    let principles = guide.all_principles();
    let mut cards: Vec<Memo> = guide.prompts.iter().map(|p| Memo::new(CardId::Prompt(p.id.clone()))).collect();
    let mut index: HashMap<&str, usize> = guide.prompts.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    // A drilled question reviews its main principle's card, made the first time one is drilled.
    let mut drilled: Vec<(usize, &str)> = Vec::new();
    let mut card_of_question: HashMap<&str, Option<&str>> = HashMap::new();
    for a in input.attempts {
        if index.contains_key(a.prompt.as_str()) || a.drill.is_none() {
            continue;
        }
        let principle = *card_of_question.entry(a.prompt.as_str()).or_insert_with(|| principle_of(input, &a.prompt));
        if let Some(name) = principle
            && !drilled.iter().any(|(_, p)| *p == name)
        {
            let order = principles.iter().position(|p| *p == name).unwrap_or(usize::MAX);
            drilled.push((order, name));
        }
    }
    drilled.sort_unstable();
    cards.extend(drilled.iter().map(|(_, name)| Memo::new(CardId::Principle((*name).to_string()))));
    let principle_card: HashMap<&str, usize> =
        drilled.iter().enumerate().map(|(i, (_, name))| (*name, input.guide.prompts.len() + i)).collect();
    for (question, principle) in card_of_question {
        if let Some(card) = principle.and_then(|p| principle_card.get(p)) {
            index.insert(question, *card);
        }
    }

    // The last attempt of each card's each day is that day's review.
    let mut reviews: Vec<(usize, NaiveDate, &Attempt)> = input
        .attempts
        .iter()
        .filter_map(|a| {
            let card = *index.get(a.prompt.as_str())?;
            // A question's id reviews its principle only when the attempt was a drill.
            let day = a.started_at.with_timezone(tz).date_naive();
            (card < guide.prompts.len() || a.drill.is_some()).then(|| (card, today.map_or(day, |t| day.min(t)), a))
        })
        .collect();
    let span = reviews.iter().map(|(_, _, a)| a.started_at).fold(None, |span, at| match span {
        None => Some((at, at)),
        Some((first, last)) => Some((at.min(first), at.max(last))),
    });
    reviews.sort_unstable_by(|(c1, d1, a1), (c2, d2, a2)| {
        (c1, d1, a1.started_at, &a1.id).cmp(&(c2, d2, a2.started_at, &a2.id))
    });
    reviews.dedup_by(|later, earlier| {
        let same_day = later.0 == earlier.0 && later.1 == earlier.1;
        if same_day {
            // `dedup_by` keeps the first of a run: move the later attempt into it.
            earlier.2 = later.2;
        }
        same_day
    });
    let fsrs = scheduler(input.config.retention);
    for (card, day, attempt) in reviews {
        let graded = grade(attempt, input.target, &input.guide.phases_of(attempt, &input.shares));
        let memo = &mut cards[card];
        memo.before = memo.memory.clone();
        memo.memory = review(&fsrs, &memo.memory, day, graded.grade);
        memo.last = Some(day);
        memo.last_attempt = Some(Attempt { recording: None, voice: None, ..attempt.clone() });
    }
    Cards {
        settings: settings_hash(input),
        zone: zone_hash(span, tz),
        span,
        attempts: input.attempts.len(),
        memos: cards,
    }
}

#[cfg(test)]
mod tests;
