//! What every screen may read while it handles a key or draws: the shared state, borrowed, never changed.

use std::cell::RefCell;
use std::time::Instant;

use chrono::{DateTime, TimeZone, Utc};
use ratatui::layout::Size;

use crate::config::Config;
use crate::content::{Guide, PhaseSet};
use crate::keys::{Action, Context, KeyMap};
use crate::lint::{Pace, RateSource, SpeakingRate};
use crate::model::{Attempt, Bank, PlanSettings};
use crate::plan::{self, Cards, Plan, PlanInput};
use crate::settings::Settings;
use crate::stats::HistoryIndex;
use crate::store::ReadOnly;
use crate::tui::effect::{Effect, Status};
use crate::tui::mouse::HitMap;
use crate::tui::voice::Voice;

pub struct Ctx<'a> {
    pub guide: &'static Guide,
    pub bank: &'a Bank,
    /// Figures over the whole history, kept up to date as attempts come and go.
    pub history: &'a HistoryIndex,
    pub settings: &'a Settings,
    /// The microphone, the answer's recording and the recordings folder.
    pub voice: &'a Voice,
    /// The day-by-day plan: today's list and what to practise next.
    pub plan: &'a Plan,
    /// The time of the event being handled, or of the frame being drawn.
    pub now: Instant,
    pub wall: DateTime<Utc>,
    pub size: Size,
    /// Dates are shown in the local time zone; tests pin UTC so snapshots do not depend on the machine.
    pub local_dates: bool,
    /// Where drawing notes what a click can reach: its one write, a cache of its own layout.
    pub hits: &'a RefCell<HitMap>,
    /// Why nothing can be saved this session, when that is so.
    pub read_only: Option<&'a ReadOnly>,
}

impl Ctx<'_> {
    pub fn config(&self) -> &Config {
        &self.settings.config
    }

    /// The phases an answer to `prompt` (a prompt's or a drilled question's id) moves through.
    pub fn phases(&self, prompt: &str) -> PhaseSet {
        self.guide.phases(prompt, &self.settings.config.phase_shares)
    }

    /// The phases a recorded attempt is judged by (see [`Guide::phases_of`]).
    pub fn phases_of(&self, attempt: &Attempt) -> PhaseSet {
        self.guide.phases_of(attempt, &self.settings.config.phase_shares)
    }

    pub fn keys(&self) -> &KeyMap {
        &self.settings.keymap
    }

    /// The key to name in a text about `action` where `contexts` apply: "press Space to start".
    pub fn key(&self, contexts: &[Context], action: Action) -> String {
        self.settings.keymap.label(contexts, action)
    }

    /// When nothing can be saved: the one sentence that refuses a change, instead of letting it vanish at quit.
    pub fn refuse_change(&self, what: &str) -> Option<Effect> {
        self.read_only.map(|reason| Effect::Status(Status::error(format!("Read-only: {reason}, so {what}."))))
    }

    /// The rate story times are estimated at: the config's, else the user's own once three recorded answers give
    /// one, else the default; it says which.
    pub fn speaking_rate(&self) -> SpeakingRate {
        self.settings.config.speaking_rate(self.history.own_pace())
    }

    /// The speaking rate and longest answer the story coach measures against.
    pub fn pace(&self) -> Pace {
        self.speaking_rate().pace(self.settings.config.target.max_secs)
    }

    /// "at your pace (142 words a minute over 5 recorded answers)", when the estimate is the user's own.
    pub fn own_pace_note(&self) -> Option<String> {
        let rate = self.speaking_rate();
        matches!(rate.source, RateSource::Measured { .. }).then(|| format!("Times at {}.", rate.describe()))
    }

    /// The plan as of now with the bank's settings but `interview` for the date: today's, or a preview. From the
    /// plan's cards the history keeps when they fit, so a session opened from the summary plans as every attempt
    /// would.
    pub fn plan_with(&self, interview: Option<chrono::NaiveDate>) -> Plan {
        self.plan_given(interview, self.plan_cards_fit())
    }

    /// [`Ctx::plan_with`] when the caller has just asked [`Ctx::plan_cards_fit`] (checking hashes the guide).
    pub fn plan_given(&self, interview: Option<chrono::NaiveDate>, cards_fit: bool) -> Plan {
        let input = PlanInput {
            settings: PlanSettings { interview_date: interview, ..self.bank.plan },
            ..PlanInput::new(self.guide, self.bank, self.config())
        };
        let cards = self.history.plan_cards().filter(|_| cards_fit);
        match (cards, self.local_dates) {
            (Some(cards), true) => plan::build_from(&input, cards, self.wall, &chrono::Local),
            (Some(cards), false) => plan::build_from(&input, cards, self.wall, &Utc),
            (None, true) => plan::build(&input, self.wall, &chrono::Local),
            (None, false) => plan::build(&input, self.wall, &Utc),
        }
    }

    /// True when the history's plan cards are what a replay of every attempt would give now.
    pub fn plan_cards_fit(&self) -> bool {
        let Some(cards) = self.history.plan_cards() else { return false };
        if self.local_dates { self.cards_fit_in(cards, &chrono::Local) } else { self.cards_fit_in(cards, &Utc) }
    }

    fn cards_fit_in<Tz: TimeZone>(&self, cards: &Cards, tz: &Tz) -> bool {
        let today = self.wall.with_timezone(tz).date_naive();
        cards.fits(&PlanInput::new(self.guide, self.bank, self.config()), self.history.len(), today, tz)
    }

    /// The plan's cards replayed over the bank's attempts (every attempt, once the history has them all).
    pub fn replay_plan_cards(&self) -> Cards {
        let input = PlanInput::new(self.guide, self.bank, self.config());
        if self.local_dates { Cards::replay(&input, &chrono::Local) } else { Cards::replay(&input, &Utc) }
    }

    pub fn format_date(&self, at: DateTime<Utc>) -> String {
        const FORMAT: &str = "%Y-%m-%d %H:%M";
        if self.local_dates {
            at.with_timezone(&chrono::Local).format(FORMAT).to_string()
        } else {
            at.format(FORMAT).to_string()
        }
    }
}
