//! The app: the state every screen shares (the bank and its store, the history index, the settings, the tab, the
//! overlay, the status line, the autosave), and the one place it changes. A key becomes an action through the key
//! map; the screen on top turns it into an `Effect`; `App` carries the effect out.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Size;

use crate::content::Guide;
use crate::drill::DrillOptions;
use crate::keys::{Action, Context};
use crate::mock::MockOptions;
use crate::model::{Attempt, Bank, Story, new_id};
use crate::plan::Plan;
use crate::settings::Settings;
use crate::stats::HistoryIndex;
use crate::store::{self, Opened, Store};
use crate::text;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Question, Status, Undo};
use crate::tui::input::key_of;
use crate::tui::mouse::{Hit, HitMap};
use crate::tui::overlay::{Help, Overlay};
use crate::tui::screens::drill::DrillScreen;
use crate::tui::screens::editor::{EditorScreen, Field};
use crate::tui::screens::mock::MockScreen;
use crate::tui::screens::stories::is_blank;
use crate::tui::screens::{Component, Screen, Tab, Tabs};
use crate::tui::voice::{Mic, Voice};
use crate::undo::Deleted;

mod history;

/// What a key can ask of the event loop, which alone holds the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// Leave: everything is saved, or the user chose to leave what could not be.
    Quit,
    /// Ctrl-Z, once the pending changes are saved: hand the terminal back to the shell and stop until `fg`.
    Suspend,
    /// Read every attempt (the History tab was asked for before they were read): after a frame that says so.
    ReadHistory,
}

/// After a failed save, how long until it is tried again by itself.
pub const SAVE_RETRY: Duration = Duration::from_secs(5);

/// How long typing may pause before the story is written to disk.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(800);

/// At quit, how long an attempt saved a moment ago may hold the exit for its analysis (a 2-minute answer takes
/// about 20 ms; an hour's, under a second).
pub const ANALYSIS_WAIT: Duration = Duration::from_secs(3);

pub struct App {
    pub guide: &'static Guide,
    pub settings: Settings,
    pub store: Store,
    pub bank: Bank,
    /// Figures over the whole history, built once at start and kept up to date as attempts come and go.
    pub history: HistoryIndex,
    /// The day-by-day plan toward the interview date, worked out again whenever the history or the date changes.
    pub plan: Plan,
    pub tab: Tab,
    pub tabs: Tabs,
    /// The screen open over the tab, if any.
    pub screen: Option<Screen>,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    /// True while a change is only in memory because the last save failed.
    pub unsaved: bool,
    /// Attempts added, changed or deleted since the last save that reached the disk, by id: what the next save
    /// writes of the history.
    pub changed_attempts: Vec<String>,
    /// The next save compares the whole bank with the disk (the bank came from outside, not from the store).
    save_everything: bool,
    /// The tab to show once every attempt is read.
    tab_after_read: Option<Tab>,
    /// When the story being edited is next autosaved; `None` when nothing waits to be written.
    pub autosave_at: Option<Instant>,
    /// What was deleted this session, newest last, for `u` (on Stories the last story, on History the last attempt).
    pub deleted: Vec<Deleted>,
    /// The time of the last event, so drawing reads the clock without asking for it.
    pub now: Instant,
    pub wall: DateTime<Utc>,
    pub size: Size,
    /// What the loop must do before the next event, when a key asked to leave or to stop for a while.
    pub request: Option<Request>,
    /// Dates are shown in the local time zone; tests pin UTC so snapshots do not depend on the machine.
    pub local_dates: bool,
    /// Where the last frame put what a click can reach: drawing's one write, a cache of its own layout.
    pub hits: RefCell<HitMap>,
    /// What was wrong at start (a config not used, a prompt pack skipped), for the help overlay.
    pub warnings: Vec<String>,
    /// The microphone, the answer's recording and the recordings folder; silent until `run` opens the sound.
    pub voice: Voice,
}

/// The read-only view of `app` that screens get, borrowing only the fields it names so that a screen (another
/// field) can be borrowed mutably beside it.
macro_rules! ctx {
    ($app:expr) => {
        Ctx {
            guide: $app.guide,
            bank: &$app.bank,
            history: &$app.history,
            settings: &$app.settings,
            voice: &$app.voice,
            plan: &$app.plan,
            now: $app.now,
            wall: $app.wall,
            size: $app.size,
            local_dates: $app.local_dates,
            hits: &$app.hits,
            read_only: $app.store.read_only(),
        }
    };
}

impl App {
    /// The app over a whole bank, attempts and all, as the store loaded it.
    pub fn new(guide: &'static Guide, store: Store, bank: Bank, now: Instant, wall: DateTime<Utc>, size: Size) -> App {
        let history = HistoryIndex::build(&bank.attempts, Settings::default().config.target);
        let mut app = App::with_history(guide, store, Opened { bank, history }, now, wall, size);
        app.save_everything = true;
        app
    }

    /// The app as a session starts it, from [`Store::open`]: the stories, and the history's figures from its
    /// summary until every attempt is read (see [`App::check_history`] and [`App::read_history`]).
    pub fn with_history(
        guide: &'static Guide,
        store: Store,
        opened: Opened,
        now: Instant,
        wall: DateTime<Utc>,
        size: Size,
    ) -> App {
        let Opened { bank, history } = opened;
        let settings = Settings::default();
        let voice = Voice::silent(store.dir());
        let mut app = App {
            guide,
            settings,
            store,
            bank,
            history,
            plan: Plan { today: wall.date_naive(), interview: None, per_day: 1, days: Vec::new() },
            tab: Tab::Prompts,
            tabs: Tabs::default(),
            screen: None,
            overlay: None,
            status: None,
            unsaved: false,
            changed_attempts: Vec::new(),
            save_everything: false,
            tab_after_read: None,
            autosave_at: None,
            deleted: Vec::new(),
            now,
            wall,
            size,
            request: None,
            local_dates: true,
            hits: RefCell::default(),
            warnings: Vec::new(),
            voice,
        };
        app.tabs.history.refresh(&app.bank, size);
        // The plan waits for the session's settings (`apply_settings`): under the defaults the summary's cards
        // might not fit, and every attempt would be read for nothing.
        app
    }

    pub fn ctx(&self) -> Ctx<'_> {
        ctx!(self)
    }

    /// The screen the user is on: the one open over the tab, or the tab's.
    pub fn active(&self) -> &dyn Component {
        match &self.screen {
            Some(screen) => screen.get(),
            None => self.tabs.get(self.tab),
        }
    }

    /// Takes the config's settings and key map; on a bad config these are the defaults, and the user is told.
    pub fn apply_settings(&mut self, settings: Settings, wall: DateTime<Utc>) {
        let warning = settings.warning().zip(settings.status());
        self.settings = settings;
        self.wall = wall;
        // The index keeps durations, not verdicts, so a new target costs nothing here; the pick depends on it. A
        // digest made for another target needs every attempt.
        self.history.set_target(self.settings.config.target);
        if self.history.needs_every_attempt() {
            self.read_history();
        }
        self.refresh_plan();
        if let Some((warning, status)) = warning {
            self.warnings.push(warning);
            self.status = Some(Status::error(status));
        }
    }

    /// True when a bad config left the session on the defaults; the header says so.
    pub fn on_default_config(&self) -> bool {
        self.settings.error.is_some()
    }

    /// Says once, at start, why nothing will be saved, when that is so; the header keeps saying it.
    pub fn announce_read_only(&mut self) {
        if let Some(reason) = self.store.read_only() {
            let text = format!("Read-only: {reason}. You can look and practise; nothing will be saved.");
            self.status = Some(Status::error(text));
        }
    }

    /// Says at start where changes a refused save left wait, and puts the whole sentence in `?` help.
    pub fn announce_rescues(&mut self) {
        let Some(notice) = store::rescue_notice(&store::rescue_files(self.store.dir())) else { return };
        let notice = text::clean_line(&format!("Not yet in your bank: {notice}."));
        self.warnings.push(notice.clone());
        if self.status.is_none() {
            self.status = Some(Status::error(notice));
        }
    }

    /// At exit, when the last save failed: the bank as it is in memory goes to a rescue file beside the data file,
    /// and the sentence says where and how to bring it back. `None` when everything is on disk.
    pub fn rescue_unsaved(&self, now: DateTime<Utc>) -> Option<String> {
        if !self.unsaved {
            return None;
        }
        Some(match self.store.rescue(&self.bank, now) {
            Ok(path) => format!(
                "the last save failed, so your changes are in {}; bring them back with `star-coach import {}`",
                path.display(),
                path.display()
            ),
            Err(e) => format!("the last save failed and the rescue file could not be written either: {e}"),
        })
    }

    /// Says at start that something was skipped (a broken prompt pack): the first warning and how many more on
    /// the status line, unless a problem already holds it (a bad config); all of them at the top of `?` help.
    pub fn announce_warnings(&mut self, warnings: &[String]) {
        let Some(first) = warnings.first() else { return };
        self.warnings.extend(warnings.iter().map(|w| text::clean_line(w)));
        if self.status.is_some() {
            return;
        }
        let mut text = text::clean_line(first);
        if warnings.len() > 1 {
            text.push_str(&format!(" (and {} more; see ? help)", warnings.len() - 1));
        }
        self.status = Some(Status::error(text));
    }

    /// Opens the mock straight from `star-coach mock`; the options were checked on the command line.
    pub fn start_mock(&mut self, options: MockOptions) -> Result<(), String> {
        let mock = MockScreen::start(&self.ctx(), options)?;
        self.screen = Some(Screen::Mock(Box::new(mock)));
        Ok(())
    }

    /// Opens the drill straight from `star-coach drill`; the options were checked on the command line, and the
    /// draw leaves the questions drilled lately for last.
    pub fn start_drill(&mut self, options: &DrillOptions) -> Result<(), String> {
        let drill = DrillScreen::start(&self.ctx(), options)?;
        self.screen = Some(Screen::Drill(Box::new(drill)));
        Ok(())
    }

    /// The contexts whose bindings apply now, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        match &self.overlay {
            Some(Overlay::Help(_)) => Help::CONTEXTS.to_vec(),
            Some(Overlay::Confirm(_)) => vec![Context::Confirm],
            None => self.active().contexts(),
        }
    }

    /// When the loop must wake without an event: the next whole second of a running clock, a play head, an
    /// autosave, a microphone being opened.
    pub fn next_wake(&self, now: Instant) -> Option<Duration> {
        let clock = self.active().wake(now);
        let autosave = self.autosave_at.map(|at| at.saturating_duration_since(now));
        clock.into_iter().chain(autosave).chain(self.voice.wake()).min()
    }

    /// Takes what the sound's threads have to say before a frame: why nothing is recorded, once.
    pub fn poll_voice(&mut self) {
        if let Some(problem) = self.voice.take_problem() {
            self.status = Some(Status::error(text::clean_line(&problem)));
        }
    }

    /// An analysis thread has finished: the screens show what it found, and an attempt saved before it arrived
    /// gets its `voice` now (saved at once).
    pub fn heard(&mut self) {
        let arrived = self.voice.collect_analyses();
        self.attach_voices(&arrived);
    }

    fn attach_voices(&mut self, ids: &[String]) {
        let mut attached = false;
        for id in ids {
            attached |= self.attach_voice(id);
        }
        if attached {
            self.refresh_plan();
            self.save();
        }
    }

    /// Gives attempt `id` the analysis of its recording, unless it has one; the index follows.
    fn attach_voice(&mut self, id: &str) -> bool {
        let Some(index) = self.bank.attempts.iter().position(|a| a.id == id) else { return false };
        let attempt = &self.bank.attempts[index];
        let (None, Some(analysis)) = (&attempt.voice, self.voice.analysis_of(id)) else { return false };
        if self.store.read_only().is_some() {
            return false;
        }
        let mut with_voice = attempt.clone();
        with_voice.voice = Some(analysis.summary(&attempt.phases));
        self.history.add_voice(attempt, &with_voice);
        self.bank.attempts[index] = with_voice;
        self.changed_attempts.push(id.to_string());
        if self.history.needs_every_attempt() {
            // The median pace moved out of the paces the digest keeps: read them after this frame.
            self.request.get_or_insert(Request::ReadHistory);
        }
        true
    }

    /// Time passed with no event: write a due autosave. A retry that succeeds takes back the question it raised.
    pub fn tick(&mut self, now: Instant) {
        self.now = now;
        if self.autosave_at.is_some_and(|at| at <= now)
            && self.save()
            && matches!(self.overlay, Some(Overlay::Confirm(Question::QuitUnsaved)))
        {
            self.overlay = None;
            self.status = Some(Status::info("Saved after all: everything is on disk."));
        }
    }

    /// Writes whatever is only in memory; used before quitting and when the terminal closes.
    pub fn flush(&mut self, wall: DateTime<Utc>) -> bool {
        self.wall = wall;
        // Whatever is open over it, the screen keeps what it holds: a finished answer saved, a story closed.
        if let Some(screen) = &mut self.screen {
            let ctx = ctx!(self);
            let effect = screen.get_mut().on_exit(&ctx);
            self.carry_out(effect);
        }
        // An attempt saved a moment ago may still wait for what its recording says: worth a short wait at the door.
        let arrived = self.voice.wait_for_analyses(ANALYSIS_WAIT);
        self.attach_voices(&arrived);
        if self.store.read_only().is_some() {
            return true;
        }
        if self.autosave_at.is_some() || self.unsaved { self.save() } else { true }
    }

    /// Writes the bank if a change waits for its autosave or a failed save's retry; the screens stay as they are
    /// (before a suspend, from which the user comes back to where they were).
    pub fn save_pending(&mut self) {
        if self.store.read_only().is_none() && (self.autosave_at.is_some() || self.unsaved) {
            self.save();
        }
    }

    pub fn quitting(&self) -> bool {
        self.request == Some(Request::Quit)
    }

    pub fn handle_key(&mut self, event: KeyEvent, now: Instant, wall: DateTime<Utc>) {
        (self.now, self.wall) = (now, wall);
        self.roll_day();
        let key = key_of(&event);
        if key.and_then(|k| self.settings.keymap.lookup(&[Context::Global], k)) == Some(Action::ForceQuit) {
            // Ctrl-C always quits, after saving; only a failed save earns one question (a second Ctrl-C quits).
            if matches!(self.overlay, Some(Overlay::Confirm(Question::QuitUnsaved))) || self.flush(wall) {
                self.request = Some(Request::Quit);
            } else {
                self.overlay = Some(Overlay::Confirm(Question::QuitUnsaved));
            }
            return;
        }
        if key.and_then(|k| self.settings.keymap.lookup(&[Context::Global], k)) == Some(Action::Suspend) {
            // From anywhere, typing included: what is only in memory is written before the process stops.
            self.save_pending();
            self.request = Some(Request::Suspend);
            return;
        }
        let action = key.and_then(|k| self.settings.keymap.lookup(&self.contexts(), k));
        if action.is_none() && self.overlay.is_none() {
            let ctx = ctx!(self);
            let typed = match &mut self.screen {
                Some(screen) => screen.get_mut().type_key(event, &ctx),
                None => self.tabs.get_mut(self.tab).type_key(event, &ctx),
            };
            if let Some(effect) = typed {
                self.carry_out(effect);
                return;
            }
        }
        if let Some(action) = action {
            self.status = None;
            self.act(action);
        }
    }

    pub fn handle_paste(&mut self, pasted: &str, now: Instant, wall: DateTime<Utc>) {
        (self.now, self.wall) = (now, wall);
        if self.overlay.is_some() {
            return;
        }
        let ctx = ctx!(self);
        let effect = match &mut self.screen {
            Some(screen) => screen.get_mut().paste(pasted, &ctx),
            None => self.tabs.get_mut(self.tab).paste(pasted, &ctx),
        };
        self.carry_out(effect);
    }

    pub fn handle_resize(&mut self, size: Size) {
        self.size = size;
        self.tabs.history.scroll_into_view(&self.bank, size);
    }

    /// True when the event changed something worth a redraw; the many motion events change nothing.
    pub fn handle_mouse(&mut self, event: MouseEvent, now: Instant, wall: DateTime<Utc>) -> bool {
        (self.now, self.wall) = (now, wall);
        self.roll_day();
        let action = match event.kind {
            MouseEventKind::ScrollDown => Action::Down,
            MouseEventKind::ScrollUp => Action::Up,
            MouseEventKind::Down(MouseButton::Left) => return self.click(event.column, event.row),
            _ => return false,
        };
        // The wheel moves whatever the arrow keys move here, and nothing where they type.
        if !self.settings.keymap.binds(&self.contexts(), action) {
            return false;
        }
        self.status = None;
        self.act(action);
        true
    }

    fn click(&mut self, column: u16, row: u16) -> bool {
        let Some(hit) = self.hits.borrow().at(column, row) else { return false };
        // A click behind an open overlay or question must not act.
        if self.overlay.is_some() {
            return false;
        }
        if let Hit::Tab(tab) = hit {
            // Tabs answer only where the tab keys do: not while a screen is open over them or a filter is typed.
            if self.screen.is_some() || !self.contexts().contains(&Context::Top) {
                return false;
            }
            self.status = None;
            self.show_tab(tab);
            return true;
        }
        let ctx = ctx!(self);
        let effect = match &mut self.screen {
            Some(screen) => screen.get_mut().click(hit, &ctx),
            None => self.tabs.get_mut(self.tab).click(hit, &ctx),
        };
        let Some(effect) = effect else { return false };
        self.status = None;
        self.carry_out(effect);
        true
    }

    /// An action, to the overlay when one is open, else to the app's own keys or the screen on top.
    fn act(&mut self, action: Action) {
        if let Some(overlay) = self.overlay.take() {
            self.overlay = self.act_on_overlay(overlay, action);
            return;
        }
        match action {
            Action::Help => {
                let help = Help::over(&self.active().contexts(), &self.settings.keymap, &self.warnings, self.size);
                self.overlay = Some(Overlay::Help(help));
            }
            Action::Quit => self.request_quit(),
            Action::NextTab => self.show_tab(self.tab.step(1)),
            Action::PrevTab => self.show_tab(self.tab.step(-1)),
            Action::ShowPrompts => self.show_tab(Tab::Prompts),
            Action::ShowStories => self.show_tab(Tab::Stories),
            Action::ShowHistory => self.show_tab(Tab::History),
            _ => {
                let ctx = ctx!(self);
                let effect = match &mut self.screen {
                    Some(screen) => screen.get_mut().apply(action, &ctx),
                    None => self.tabs.get_mut(self.tab).apply(action, &ctx),
                };
                self.carry_out(effect);
            }
        }
    }

    fn act_on_overlay(&mut self, overlay: Overlay, action: Action) -> Option<Overlay> {
        match overlay {
            Overlay::Help(_) if matches!(action, Action::Back | Action::Help) => None,
            Overlay::Help(mut help) => {
                help.scroll.apply(action);
                Some(Overlay::Help(help))
            }
            Overlay::Confirm(Question::QuitUnsaved) if action == Action::Yes => {
                self.request = Some(Request::Quit);
                None
            }
            Overlay::Confirm(question) if action == Action::Yes => {
                let ctx = ctx!(self);
                let effect = match &mut self.screen {
                    Some(screen) => screen.get_mut().confirmed(&question, &ctx),
                    None => self.tabs.get_mut(self.tab).confirmed(&question, &ctx),
                };
                self.carry_out(effect);
                None
            }
            Overlay::Confirm(_) if action == Action::No => None,
            overlay @ Overlay::Confirm(_) => Some(overlay),
        }
    }

    fn request_quit(&mut self) {
        if self.flush(self.wall) {
            self.request = Some(Request::Quit);
        } else {
            self.overlay = Some(Overlay::Confirm(Question::QuitUnsaved));
        }
    }

    fn show_tab(&mut self, tab: Tab) {
        if tab == Tab::History && !self.history.has_every_attempt() {
            // Shown once every attempt is read, after a frame that says so (see `Request::ReadHistory`).
            self.tab_after_read = Some(tab);
            self.request = Some(Request::ReadHistory);
            let many = text::count(self.history.len(), "attempt", "attempts");
            self.status = Some(Status::info(format!("Reading your practice history ({many})…")));
            return;
        }
        self.tab = tab;
        self.screen = None;
    }

    /// Does what a screen asked.
    fn carry_out(&mut self, effect: Effect) {
        match effect {
            Effect::None => {}
            Effect::Status(status) => self.status = Some(status),
            Effect::Ask(question) => self.overlay = Some(Overlay::Confirm(question)),
            Effect::Open(screen) => {
                // However an attempt's page is opened, its recording is analysed for the loudness strip.
                if let Screen::Attempt(page) = &screen
                    && let Some(attempt) = self.bank.attempts.get(page.index)
                {
                    self.voice.hear_attempt(attempt, self.store.read_only().is_none());
                    // Analysed already (an attempt brought back by u, say): it gets its figures now.
                    let id = attempt.id.clone();
                    self.attach_voices(&[id]);
                }
                self.screen = Some(screen);
            }
            Effect::Back => self.screen = None,
            Effect::Tab(tab) => self.show_tab(tab),
            Effect::Quit => self.request_quit(),
            Effect::StoryEdited(story) => {
                if let Some(old) = self.bank.story_mut(&story.id) {
                    *old = *story;
                    self.autosave_at = Some(self.now + AUTOSAVE_DELAY);
                }
            }
            Effect::Save { then } => {
                if self.save() {
                    self.status = then;
                }
            }
            Effect::AddStory => {
                self.bank.stories.push(Story::new(new_id(), String::new(), self.wall));
                let index = self.bank.stories.len() - 1;
                self.tabs.stories.select_story(&self.bank, index);
                let editor = EditorScreen::open(&self.bank.stories[index], Field::Title, self.guide);
                self.screen = Some(Screen::Editor(Box::new(editor)));
            }
            Effect::CloseEditor { story } => self.close_editor(&story),
            Effect::DeleteStory { story } => self.delete_story(&story),
            Effect::UndoDelete(kind) => self.undo_delete(kind),
            Effect::AttemptDone { attempt, status } => self.add_attempt(*attempt, status),
            Effect::DeleteAttempt { attempt } => self.delete_attempt(&attempt),
            Effect::SetInterview(date) => self.set_interview(date),
            Effect::Mic(mic) => self.use_mic(mic),
            Effect::Many(effects) => effects.into_iter().for_each(|e| self.carry_out(e)),
        }
    }

    /// Saves the bank, and says whether it reached the disk; on failure keeps everything in memory, says so, and
    /// retries at the next save or quit.
    pub fn save(&mut self) -> bool {
        self.autosave_at = None;
        if let Some(reason) = self.store.read_only() {
            // Not a failure to retry: the user was told at start and the header says so.
            self.status = Some(Status::error(format!("Read-only: {reason}; this change is not saved.")));
            return false;
        }
        let saved = if self.save_everything {
            self.store.save(&self.bank)
        } else {
            self.store.save_changes(&self.bank, &self.changed_attempts, &self.history)
        };
        match saved {
            Ok(()) => {
                self.unsaved = false;
                self.save_everything = false;
                self.changed_attempts.clear();
                // The folder follows the bank as saved: a deleted attempt's recording, or a pruned one, goes only
                // now that no data file on disk names it; one of an attempt u can bring back stays. Only with
                // every attempt read, so a recording is never taken for one no attempt names.
                if self.history.has_every_attempt() {
                    let spared = self.deleted.iter().filter_map(Deleted::attempt);
                    self.voice.recordings().tidy_sparing(&self.bank, spared);
                }
                true
            }
            Err(e) => {
                self.unsaved = true;
                self.autosave_at = Some(self.now + SAVE_RETRY);
                let text = format!("Not saved: {}. Your practice is kept in memory.", text::clean_line(&e.to_string()));
                self.status = Some(Status::error(text));
                false
            }
        }
    }

    /// Works out the plan again; called when the history or the date changes, never while drawing. With every
    /// attempt, the plan's cards are replayed and kept for the summary; before, the summary's cards serve, and
    /// when they cannot (the grading settings, the guide or the time zone changed) every attempt is read first.
    pub fn refresh_plan(&mut self) {
        if self.history.has_every_attempt() {
            let cards = self.ctx().replay_plan_cards();
            if self.history.plan_cards() != Some(&cards) {
                self.history.set_plan_cards(Some(cards));
                // Nothing else to save: the summary takes the cards now, so the next start plans without the log.
                if self.changed_attempts.is_empty() && self.store.read_only().is_none() {
                    self.store.write_summary(&self.history);
                }
            }
        }
        let fit = self.ctx().plan_cards_fit();
        if !fit && !self.history.has_every_attempt() && self.read_every_attempt() {
            // Reading them worked the plan out.
            return;
        }
        self.plan = self.ctx().plan_given(self.bank.plan.interview_date, fit);
    }

    /// Takes a new attempt into the plan's cards the summary gave, as a replay would; when they cannot take it
    /// (it is older than its card's last review), they are dropped and the next plan reads every attempt.
    fn add_to_plan_cards(&mut self, attempt: &Attempt) {
        let input = crate::plan::PlanInput::new(self.guide, &self.bank, &self.settings.config);
        let added = match self.history.plan_cards_mut() {
            Some(cards) if self.local_dates => cards.add(&input, attempt, &chrono::Local),
            Some(cards) => cards.add(&input, attempt, &chrono::Utc),
            None => false,
        };
        if !added {
            self.history.set_plan_cards(None);
        }
    }

    /// Past midnight the plan's today is yesterday: work it out again before the key is handled.
    fn roll_day(&mut self) {
        let today = if self.local_dates {
            self.wall.with_timezone(&chrono::Local).date_naive()
        } else {
            self.wall.date_naive()
        };
        if today != self.plan.today {
            self.refresh_plan();
        }
    }

    /// The interview date is set (or forgotten): the plan follows it at once.
    fn set_interview(&mut self, date: Option<NaiveDate>) {
        self.bank.plan.interview_date = date;
        self.screen = None;
        self.refresh_plan();
        let text = match (date, self.plan.countdown()) {
            (Some(date), Some(countdown)) => {
                format!("Planning toward {}: {}.", date.format("%a %-d %b %Y"), countdown.to_lowercase())
            }
            _ => "No interview date: the plan is plain spaced repetition.".to_string(),
        };
        if self.save() {
            self.status = Some(Status::info(text));
        }
    }

    /// The editor closed: keep the story (saved at once), or drop it if it was never written in.
    fn close_editor(&mut self, id: &str) {
        self.screen = None;
        let Some(index) = self.bank.stories.iter().position(|s| s.id == id) else { return };
        let mut must_save = self.autosave_at.is_some() || self.unsaved;
        if is_blank(&self.bank.stories[index]) {
            // A story emptied after an autosave is on disk as a blank: the removal must be written too.
            self.bank.stories.remove(index);
            self.tabs.stories.clamp(&self.bank);
            must_save = true;
        } else {
            self.tabs.stories.select_story(&self.bank, index);
        }
        if must_save {
            self.save();
        }
    }

    fn delete_story(&mut self, id: &str) {
        let Some(index) = self.bank.stories.iter().position(|s| s.id == id) else { return };
        let Some(deleted) = self.bank.delete_story(index) else { return };
        self.tabs.stories.clamp(&self.bank);
        self.deleted_and_saved(deleted, Context::Stories);
    }

    fn describe(&self, deleted: &Deleted) -> String {
        let ctx = self.ctx();
        deleted.describe(self.guide, |at| ctx.format_date(at))
    }

    /// Says what went (and which key brings it back) once the deletion is on disk, and keeps it for that key.
    fn deleted_and_saved(&mut self, deleted: Deleted, undo_in: Context) {
        let what = self.describe(&deleted);
        self.deleted.push(deleted);
        let undo = self.settings.keymap.label(&[undo_in], Action::UndoDelete);
        if self.save() {
            self.status = Some(Status::info(format!("Deleted {what}. Press {undo} to bring it back.")));
        }
    }

    /// Brings back the last story (or attempt) deleted this session.
    fn undo_delete(&mut self, kind: Undo) {
        let last = self.deleted.iter().rposition(|d| {
            matches!((d, kind), (Deleted::Story { .. }, Undo::Story) | (Deleted::Attempt { .. }, Undo::Attempt))
        });
        let Some(deleted) = last.map(|i| self.deleted.remove(i)) else {
            self.status = Some(Status::info("Nothing to undo."));
            return;
        };
        let what = self.describe(&deleted);
        let attempt = deleted.attempt().cloned();
        match self.bank.undelete(deleted) {
            None => {
                self.status = Some(Status::info(format!("Nothing to bring back: {what} is in the bank again.")));
                return;
            }
            Some(index) => match attempt {
                Some(attempt) => {
                    self.changed_attempts.push(attempt.id.clone());
                    self.history.add(&attempt);
                    self.tabs.history.refresh(&self.bank, self.size);
                    self.refresh_plan();
                }
                None => self.tabs.stories.select_story(&self.bank, index),
            },
        }
        if self.save() {
            self.status = Some(Status::info(format!("Brought back {what}.")));
        }
    }

    /// A finished answer joins the bank, the index and the rows without a rebuild of the figures, and the disk,
    /// with its recording; past `[voice] max_mb` the oldest recordings are marked pruned (the save deletes them).
    fn add_attempt(&mut self, mut attempt: Attempt, status: Option<Status>) {
        let kept = self.voice.keep_with(&mut attempt);
        self.history.add(&attempt);
        if !self.history.has_every_attempt() {
            self.add_to_plan_cards(&attempt);
        }
        self.changed_attempts.push(attempt.id.clone());
        self.bank.attempts.push(attempt);
        self.tabs.history.refresh(&self.bank, self.size);
        self.refresh_plan();
        if self.history.has_every_attempt() {
            let pruned = self.voice.recordings().prune(&mut self.bank);
            self.changed_attempts.extend(pruned);
        } else if self.voice.recordings().over_limit() || self.history.needs_every_attempt() {
            // Which recordings go, or the median pace, takes every attempt: read them after this frame.
            self.request.get_or_insert(Request::ReadHistory);
        }
        if self.save() {
            self.status = match kept {
                Err(why) => Some(Status::error(why)),
                Ok(()) => status,
            };
        }
    }

    fn use_mic(&mut self, mic: Mic) {
        let toggled = matches!(mic, Mic::Toggle(_));
        if let Err(why) = self.voice.apply(mic, self.now) {
            self.status = Some(Status::error(why));
        } else if toggled {
            let key = self.settings.keymap.label(&self.contexts(), Action::Record);
            self.status = Some(Status::info(if self.voice.is_on() {
                format!("Recording this answer ({key} turns it off).")
            } else {
                format!("Not recording this answer ({key} turns it on); what it recorded is deleted.")
            }));
        }
    }

    fn delete_attempt(&mut self, id: &str) {
        let Some(index) = self.bank.attempts.iter().position(|a| a.id == id) else { return };
        let Some(deleted) = self.bank.delete_attempt(index) else { return };
        if let Some(attempt) = deleted.attempt() {
            self.history.remove(attempt);
            self.changed_attempts.push(attempt.id.clone());
        }
        self.screen = None;
        self.tabs.history.refresh(&self.bank, self.size);
        self.refresh_plan();
        self.deleted_and_saved(deleted, Context::History);
    }
}
