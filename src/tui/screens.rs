//! Every screen, one file each, in one shape: its own state, the `contexts()` whose keys apply on it, `apply`
//! (an action in, an `Effect` out) and `draw` (reads the state and the `Ctx`, never changes either). Screens never
//! touch the bank, the disk or each other: what they want done beyond themselves is an `Effect`, which `App`
//! alone carries out.
//!
//! The three tabs (Prompts, Stories, History) keep their state while another tab shows; the other screens open over
//! a tab and close back to it.

pub mod attempt;
pub mod coverage;
pub mod drill;
pub mod editor;
pub mod guidance;
pub mod history;
pub mod interview;
pub mod mock;
pub mod practice;
pub mod prompts;
pub mod review;
pub mod stories;

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::keys::{Action, Context};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Question};
use crate::tui::mouse::Hit;

/// The shape every screen has. Only `contexts`, `apply` and `draw` are required; a screen that types, takes
/// clicks, asks questions or runs a clock says so by overriding the rest.
pub trait Component {
    /// The name in the header.
    fn title(&self) -> &'static str;
    /// The contexts whose bindings apply, most specific first.
    fn contexts(&self) -> Vec<Context>;
    fn apply(&mut self, action: Action, ctx: &Ctx) -> Effect;
    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer);
    /// A key no binding took, while a text field has the focus; `None` when nothing is being typed.
    fn type_key(&mut self, _key: KeyEvent, _ctx: &Ctx) -> Option<Effect> {
        None
    }
    fn paste(&mut self, _text: &str, _ctx: &Ctx) -> Effect {
        Effect::None
    }
    /// A click on something the last frame drew; `None` when it is nothing here.
    fn click(&mut self, _hit: Hit, _ctx: &Ctx) -> Option<Effect> {
        None
    }
    /// The user said yes to `question`, which this screen asked.
    fn confirmed(&mut self, _question: &Question, _ctx: &Ctx) -> Effect {
        Effect::None
    }
    /// When a running clock next needs a redraw.
    fn wake(&self, _now: Instant) -> Option<Duration> {
        None
    }
    /// The app is closing (quit, Ctrl-C, the terminal closed, a signal): what this screen holds that must not be
    /// lost, as the effect that keeps it (a finished answer saved, a story closed).
    fn on_exit(&mut self, _ctx: &Ctx) -> Effect {
        Effect::None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Prompts,
    Stories,
    History,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Prompts, Tab::Stories, Tab::History];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Prompts => "Prompts",
            Tab::Stories => "Stories",
            Tab::History => "History",
        }
    }

    #[must_use]
    pub fn step(self, by: isize) -> Tab {
        let index = Tab::ALL.iter().position(|&t| t == self).unwrap_or(0);
        let len = Tab::ALL.len();
        Tab::ALL[(index + len).wrapping_add_signed(by) % len]
    }
}

/// The tabs' screens, which live as long as the app.
#[derive(Default)]
pub struct Tabs {
    pub prompts: prompts::PromptsScreen,
    pub stories: stories::StoriesScreen,
    pub history: history::HistoryScreen,
}

impl Tabs {
    pub fn get(&self, tab: Tab) -> &dyn Component {
        match tab {
            Tab::Prompts => &self.prompts,
            Tab::Stories => &self.stories,
            Tab::History => &self.history,
        }
    }

    pub fn get_mut(&mut self, tab: Tab) -> &mut dyn Component {
        match tab {
            Tab::Prompts => &mut self.prompts,
            Tab::Stories => &mut self.stories,
            Tab::History => &mut self.history,
        }
    }
}

/// A screen opened over a tab.
pub enum Screen {
    Guidance(guidance::GuidanceScreen),
    Practice(Box<practice::PracticeScreen>),
    Review(Box<review::ReviewScreen>),
    Editor(Box<editor::EditorScreen>),
    Coverage(coverage::CoverageScreen),
    Attempt(attempt::AttemptScreen),
    Mock(Box<mock::MockScreen>),
    Interview(interview::InterviewScreen),
    Drill(Box<drill::DrillScreen>),
}

impl Screen {
    pub fn get(&self) -> &dyn Component {
        match self {
            Screen::Guidance(s) => s,
            Screen::Practice(s) => s.as_ref(),
            Screen::Review(s) => s.as_ref(),
            Screen::Editor(s) => s.as_ref(),
            Screen::Coverage(s) => s,
            Screen::Attempt(s) => s,
            Screen::Mock(s) => s.as_ref(),
            Screen::Interview(s) => s,
            Screen::Drill(s) => s.as_ref(),
        }
    }

    pub fn get_mut(&mut self) -> &mut dyn Component {
        match self {
            Screen::Guidance(s) => s,
            Screen::Practice(s) => s.as_mut(),
            Screen::Review(s) => s.as_mut(),
            Screen::Editor(s) => s.as_mut(),
            Screen::Coverage(s) => s,
            Screen::Attempt(s) => s,
            Screen::Mock(s) => s.as_mut(),
            Screen::Interview(s) => s,
            Screen::Drill(s) => s.as_mut(),
        }
    }
}
