//! The cards FSRS schedules: each prompt of the guide, and each principle once drilled. A card's history is
//! replayed through FSRS one review a day (the day's last attempt at it), in calendar days of the user's time zone.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use rs_fsrs::{FSRS, Parameters};

use super::grade::{Grade, Graded, grade};
use super::{CardId, PlanInput};
use crate::content::principles::same;
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
/// Attempts dated after `today` (a clock set wrong) count as today's.
pub(super) fn replay<Tz: TimeZone>(input: &PlanInput, today: NaiveDate, tz: &Tz) -> Vec<CardState> {
    let guide = input.guide;
    let principles = guide.all_principles();
    let mut cards: Vec<CardState> = guide
        .prompts
        .iter()
        .map(|p| CardState {
            id: CardId::Prompt(p.id.clone()),
            memory: rs_fsrs::Card::default(),
            last: None,
            last_grade: None,
        })
        .collect();
    let mut index: HashMap<&str, usize> = guide.prompts.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    // A drilled question reviews its main principle's card, made the first time one is drilled.
    let mut drilled: Vec<(usize, &str)> = Vec::new();
    let mut card_of_question: HashMap<&str, Option<&str>> = HashMap::new();
    for a in input.attempts {
        if index.contains_key(a.prompt.as_str()) || a.drill.is_none() {
            continue;
        }
        let principle = *card_of_question.entry(a.prompt.as_str()).or_insert_with(|| {
            let main = guide.question(&a.prompt)?.main_principle();
            principles.iter().copied().find(|p| same(p, main))
        });
        if let Some(name) = principle
            && !drilled.iter().any(|(_, p)| *p == name)
        {
            let order = principles.iter().position(|p| *p == name).unwrap_or(usize::MAX);
            drilled.push((order, name));
        }
    }
    drilled.sort_unstable();
    for (_, name) in &drilled {
        cards.push(CardState {
            id: CardId::Principle((*name).to_string()),
            memory: rs_fsrs::Card::default(),
            last: None,
            last_grade: None,
        });
    }
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
            (card < guide.prompts.len() || a.drill.is_some())
                .then(|| (card, a.started_at.with_timezone(tz).date_naive().min(today), a))
        })
        .collect();
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
        let state = &mut cards[card];
        state.memory = review(&fsrs, &state.memory, day, graded.grade);
        state.last = Some(day);
        state.last_grade = Some(graded);
    }
    cards
}
