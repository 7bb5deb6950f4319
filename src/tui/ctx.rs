//! What every screen may read while it handles a key or draws: the shared state, borrowed, never changed.

use std::cell::RefCell;
use std::time::Instant;

use chrono::{DateTime, Utc};
use ratatui::layout::Size;

use crate::config::Config;
use crate::content::Guide;
use crate::keys::{Action, Context, KeyMap};
use crate::lint::Pace;
use crate::model::Bank;
use crate::plan::Plan;
use crate::settings::Settings;
use crate::stats::HistoryIndex;
use crate::tui::mouse::HitMap;

pub struct Ctx<'a> {
    pub guide: &'static Guide,
    pub bank: &'a Bank,
    /// Figures over the whole history, kept up to date as attempts come and go.
    pub history: &'a HistoryIndex,
    pub settings: &'a Settings,
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
}

impl Ctx<'_> {
    pub fn config(&self) -> &Config {
        &self.settings.config
    }

    pub fn keys(&self) -> &KeyMap {
        &self.settings.keymap
    }

    /// The key to name in a text about `action` where `contexts` apply: "press Space to start".
    pub fn key(&self, contexts: &[Context], action: Action) -> String {
        self.settings.keymap.label(contexts, action)
    }

    /// The speaking rate and longest answer the story coach measures against.
    pub fn pace(&self) -> Pace {
        self.settings.config.pace()
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
