//! The app's state and the one place it changes: `App::handle_*` turns an event into an action and applies it.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use crate::content::Guide;
use crate::guidance::{self, DocLine};
use crate::lint::{self, Pace};
use crate::model::{Bank, Review, Story};
use crate::next::NextPick;
use crate::practice::{PhaseShares, Target, Timer};
use crate::stats::HistoryIndex;
use crate::store::Store;
use crate::text;
use chrono::{DateTime, Utc};
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Size;
use ratatui_textarea::TextArea;

use super::editor::StoryEditor;
use super::history_actions::HistoryView;
use super::mock::MockView;
use super::mouse::HitMap;
use super::{help, view, widgets};
use crate::keys::{Action, Context, KeyMap};

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

    fn index(self) -> usize {
        Tab::ALL.iter().position(|&t| t == self).unwrap_or(0)
    }

    fn step(self, by: isize) -> Tab {
        Tab::ALL[(self.index() as isize + by).rem_euclid(Tab::ALL.len() as isize) as usize]
    }
}

pub enum Screen {
    Top,
    Guidance(GuidanceView),
    Practice(PracticeView),
    Review(Box<ReviewView>),
    Editor(Box<StoryEditor>),
    Coverage {
        scroll: usize,
    },
    /// One attempt of the history, by its index in the bank.
    Attempt {
        index: usize,
    },
    Mock(Box<MockView>),
}

pub struct GuidanceView {
    /// The prompt shown, or `None` for the guide's general part.
    pub prompt: Option<usize>,
    pub doc: Vec<DocLine>,
    pub scroll: usize,
}

pub struct PracticeView {
    pub prompt: usize,
    pub story: Option<String>,
    pub cues: bool,
    pub timer: Timer,
    /// Whether `t` may change the story here (not in a mock, where it was chosen before the clock).
    pub choose_story: bool,
}

pub struct ReviewView {
    pub practice: PracticeView,
    pub finished_at: Instant,
    /// 0–3: the checklist lines; 4: the note.
    pub cursor: usize,
    pub review: Review,
    pub note: TextArea<'static>,
    pub editing: bool,
}

pub const NOTE_LINE: usize = 4;

/// After a failed save, how long until it is tried again by itself.
pub const SAVE_RETRY: Duration = Duration::from_secs(5);

pub enum Overlay {
    Help { scroll: usize },
    Picker { choices: Vec<Option<String>>, selected: usize },
    Confirm(Question),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    LeavePractice,
    DiscardAttempt,
    QuitUnsaved,
    DeleteStory,
    DeleteAttempt,
    /// Telling, in a mock, a story already told in round `round`.
    ReuseStory {
        round: usize,
    },
    LeaveMock {
        finished: usize,
    },
}

impl Question {
    pub fn text(self) -> String {
        let text = match self {
            Question::LeavePractice => "Leave practice? The clock has run; this attempt will not be kept.",
            Question::DiscardAttempt => "Discard this attempt? It will not go into the history.",
            Question::QuitUnsaved => "The last save failed, so some changes are not on disk. Quit anyway?",
            Question::DeleteStory => "Delete this story? u brings it back while star-coach is open.",
            Question::DeleteAttempt => "Delete this attempt from the history? This cannot be undone.",
            Question::ReuseStory { round } => {
                return format!("You told this story in round {round}; an interviewer notices. Tell it again?");
            }
            Question::LeaveMock { finished: 0 } => "Leave the mock? No round is finished, so nothing is kept.",
            Question::LeaveMock { finished: 1 } => "Leave the mock? The finished round is in the history already.",
            Question::LeaveMock { finished } => {
                return format!("Leave the mock? The {finished} finished rounds are in the history already.");
            }
        };
        text.to_string()
    }
}

pub struct Status {
    pub text: String,
    pub is_error: bool,
}

impl Status {
    /// News, not a problem: shown in the footer until the next key.
    pub fn info(text: impl Into<String>) -> Status {
        Status { text: text.into(), is_error: false }
    }
}

pub struct App {
    pub guide: &'static Guide,
    pub keymap: KeyMap,
    pub store: Store,
    pub bank: Bank,
    pub target: Target,
    pub words_per_minute: f64,
    pub shares: PhaseShares,
    pub tab: Tab,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub prompt_selected: usize,
    pub story_selected: usize,
    pub status: Option<Status>,
    /// True while a change is only in memory because the last save failed.
    pub unsaved: bool,
    /// When the story being edited is next autosaved; `None` when nothing waits to be written.
    pub autosave_at: Option<Instant>,
    /// The Stories screen's filter, and whether the user is typing it.
    pub story_filter: String,
    pub filtering: bool,
    /// The story deleted last and where it stood, for `u`.
    pub last_deleted: Option<(usize, Story)>,
    /// Figures over the whole history, built once at start and kept up to date as attempts come and go.
    pub history: HistoryIndex,
    pub history_view: HistoryView,
    pub next_pick: Option<NextPick>,
    /// The time of the last event, so drawing reads the clock without asking for it.
    pub now: Instant,
    pub size: Size,
    pub quit: bool,
    /// Dates are shown in the local time zone; tests pin UTC so snapshots do not depend on the machine.
    pub local_dates: bool,
    /// Where the last frame put what a click can reach: drawing's one write, a cache of its own layout.
    pub hits: RefCell<HitMap>,
    /// What was wrong at start (a config not used, a prompt pack skipped), for the help overlay.
    pub warnings: Vec<String>,
    /// True when a bad config left the session on the defaults; the header says so.
    pub on_default_config: bool,
}

impl App {
    pub fn new(guide: &'static Guide, store: Store, bank: Bank, now: Instant, wall: DateTime<Utc>, size: Size) -> App {
        let target = Target::default();
        let history = HistoryIndex::build(&bank.attempts, target);
        let mut app = App {
            guide,
            keymap: KeyMap::default(),
            store,
            bank,
            target,
            words_per_minute: lint::DEFAULT_WORDS_PER_MINUTE,
            shares: PhaseShares::default(),
            tab: Tab::Prompts,
            screen: Screen::Top,
            overlay: None,
            prompt_selected: 0,
            story_selected: 0,
            status: None,
            unsaved: false,
            autosave_at: None,
            story_filter: String::new(),
            filtering: false,
            last_deleted: None,
            history,
            history_view: HistoryView::default(),
            next_pick: None,
            now,
            size,
            quit: false,
            local_dates: true,
            hits: RefCell::default(),
            warnings: Vec::new(),
            on_default_config: false,
        };
        app.refresh_history();
        app.refresh_next(wall);
        app
    }

    /// The speaking rate and longest answer the story coach measures against.
    pub fn pace(&self) -> Pace {
        Pace { words_per_minute: self.words_per_minute, max_secs: self.target.max_secs }
    }

    /// Takes the config's settings and key map; on a bad config these are the defaults, and the user is told.
    pub fn apply_settings(&mut self, settings: crate::settings::Settings, wall: DateTime<Utc>) {
        let warning = settings.warning().zip(settings.status());
        self.target = settings.config.target;
        self.words_per_minute = settings.config.words_per_minute;
        self.shares = settings.config.phase_shares;
        self.keymap = settings.keymap;
        // The index keeps durations, not verdicts, so a new target costs nothing here; the pick depends on it.
        self.history.set_target(self.target);
        self.refresh_next(wall);
        if let Some((warning, status)) = warning {
            self.on_default_config = true;
            self.warnings.push(warning);
            self.status = Some(Status { text: status, is_error: true });
        }
    }

    /// Says once, at start, why nothing will be saved, when that is so; the header keeps saying it.
    pub fn announce_read_only(&mut self) {
        if let Some(reason) = self.store.read_only() {
            self.status = Some(Status {
                text: format!("Read-only: {reason}. You can look and practise; nothing will be saved."),
                is_error: true,
            });
        }
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
        self.status = Some(Status { text, is_error: true });
    }

    pub fn format_date(&self, at: DateTime<Utc>) -> String {
        const FORMAT: &str = "%Y-%m-%d %H:%M";
        if self.local_dates {
            at.with_timezone(&chrono::Local).format(FORMAT).to_string()
        } else {
            at.format(FORMAT).to_string()
        }
    }

    /// The contexts whose bindings apply now, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        match &self.overlay {
            Some(Overlay::Help { .. }) => return vec![Context::Help, Context::Global],
            Some(Overlay::Picker { .. }) => return vec![Context::Picker, Context::Global],
            Some(Overlay::Confirm(_)) => return vec![Context::Confirm],
            None => {}
        }
        match &self.screen {
            Screen::Top => match self.tab {
                Tab::Prompts => vec![Context::Prompts, Context::Top, Context::Global],
                Tab::Stories if self.filtering => vec![Context::Filter],
                Tab::Stories => vec![Context::Stories, Context::List, Context::Top, Context::Global],
                Tab::History => vec![Context::History, Context::List, Context::Top, Context::Global],
            },
            Screen::Attempt { .. } => vec![Context::Attempt, Context::Global],
            Screen::Editor(editor) if editor.focus.is_list() => vec![Context::EditorList, Context::Editor],
            Screen::Editor(_) => vec![Context::Editor],
            Screen::Coverage { .. } => vec![Context::Coverage, Context::Global],
            Screen::Guidance(_) => vec![Context::Guidance, Context::Global],
            Screen::Practice(_) => vec![Context::Practice, Context::Global],
            Screen::Review(r) if r.editing => vec![Context::TextInput],
            Screen::Review(_) => vec![Context::Review, Context::Global],
            Screen::Mock(mock) => mock.contexts(),
        }
    }

    /// When the loop must wake without an event: the next whole second of a running clock, or an autosave.
    pub fn next_wake(&self, now: Instant) -> Option<Duration> {
        let clock = match &self.screen {
            Screen::Practice(p) => p.timer.until_next_second(now),
            Screen::Mock(mock) => mock.until_next_second(now),
            _ => None,
        };
        let autosave = self.autosave_at.map(|at| at.saturating_duration_since(now));
        clock.into_iter().chain(autosave).min()
    }

    /// Time passed with no event: write a due autosave.
    pub fn tick(&mut self, now: Instant) {
        self.now = now;
        if self.autosave_at.is_some_and(|at| at <= now) {
            let _ = self.save();
        }
    }

    /// Writes whatever is only in memory; used before quitting and when the terminal closes.
    pub fn flush(&mut self, wall: DateTime<Utc>) -> bool {
        if matches!(self.screen, Screen::Editor(_)) {
            self.close_editor(wall);
        }
        if self.store.read_only().is_some() {
            return true;
        }
        if self.autosave_at.is_some() || self.unsaved { self.save().is_ok() } else { true }
    }

    pub fn handle_key(&mut self, event: KeyEvent, now: Instant, wall: DateTime<Utc>) {
        self.now = now;
        let key = super::input::key_of(&event);
        if key.and_then(|k| self.keymap.lookup(&[Context::Global], k)) == Some(Action::ForceQuit) {
            // Ctrl-C always quits, after saving; only a failed save earns one question (a second Ctrl-C quits).
            if matches!(self.overlay, Some(Overlay::Confirm(Question::QuitUnsaved))) || self.flush(wall) {
                self.quit = true;
            } else {
                self.overlay = Some(Overlay::Confirm(Question::QuitUnsaved));
            }
            return;
        }
        let contexts = self.contexts();
        let action = key.and_then(|k| self.keymap.lookup(&contexts, k));
        if action.is_none() && self.overlay.is_none() && self.type_text(event, now, wall) {
            return;
        }
        if let Some(action) = action {
            self.status = None;
            self.apply(action, now, wall);
        }
    }

    /// Keys no binding took, for whichever text field has the focus; true when one took it.
    fn type_text(&mut self, event: KeyEvent, now: Instant, wall: DateTime<Utc>) -> bool {
        match &mut self.screen {
            Screen::Review(review) if review.editing => {
                review.note.input(event);
                true
            }
            Screen::Mock(mock) if mock.review_editing() => {
                if let Some(review) = mock.review_mut() {
                    review.note.input(event);
                }
                true
            }
            Screen::Editor(editor) if !editor.focus.is_list() => {
                if editor.type_key(event) {
                    self.story_edited(now, wall);
                }
                true
            }
            Screen::Top if self.filtering => {
                self.type_filter(event);
                true
            }
            _ => false,
        }
    }

    pub fn handle_paste(&mut self, pasted: &str, now: Instant, wall: DateTime<Utc>) {
        match &mut self.screen {
            Screen::Review(review) if review.editing => {
                review.note.insert_str(text::clean(pasted));
            }
            Screen::Mock(mock) => {
                if let Some(review) = mock.review_mut().filter(|r| r.editing) {
                    review.note.insert_str(text::clean(pasted));
                }
            }
            Screen::Editor(editor) => {
                if editor.paste(pasted) {
                    self.story_edited(now, wall);
                }
            }
            Screen::Top if self.filtering => {
                self.story_filter.push_str(&text::clean_line(pasted));
                self.story_selected = 0;
            }
            _ => {}
        }
    }

    pub fn handle_resize(&mut self, size: Size) {
        self.size = size;
        self.clamp_scrolls();
    }

    pub(super) fn apply(&mut self, action: Action, now: Instant, wall: DateTime<Utc>) {
        if let Some(overlay) = self.overlay.take() {
            self.overlay = self.apply_overlay(overlay, action, wall);
            return;
        }
        match action {
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Quit => self.request_quit(wall),
            Action::NextTab => self.show_tab(self.tab.step(1)),
            Action::PrevTab => self.show_tab(self.tab.step(-1)),
            Action::ShowPrompts => self.show_tab(Tab::Prompts),
            Action::ShowStories => self.show_tab(Tab::Stories),
            Action::ShowHistory => self.show_tab(Tab::History),
            _ => match self.screen {
                Screen::Top if self.tab == Tab::Stories => self.apply_stories(action, wall),
                Screen::Top if self.tab == Tab::History => self.apply_history(action),
                Screen::Attempt { .. } => self.apply_attempt(action),
                Screen::Top => self.apply_top(action),
                Screen::Editor(_) => self.apply_editor(action, now, wall),
                Screen::Coverage { .. } => self.apply_coverage(action),
                Screen::Guidance(_) => self.apply_guidance(action),
                Screen::Practice(_) => self.apply_practice(action, now, wall),
                Screen::Review(_) => self.apply_review(action, wall),
                Screen::Mock(_) => self.apply_mock(action, now, wall),
            },
        }
    }

    fn request_quit(&mut self, wall: DateTime<Utc>) {
        if self.flush(wall) {
            self.quit = true;
        } else {
            self.overlay = Some(Overlay::Confirm(Question::QuitUnsaved));
        }
    }

    fn show_tab(&mut self, tab: Tab) {
        self.tab = tab;
        self.screen = Screen::Top;
    }

    pub(super) fn apply_top(&mut self, action: Action) {
        let visible_stories = self.visible_stories().len();
        let (selected, len) = match self.tab {
            Tab::Prompts => (&mut self.prompt_selected, self.guide.prompts.len()),
            Tab::Stories => (&mut self.story_selected, visible_stories),
            Tab::History => return self.apply_history(action),
        };
        let page = usize::from(self.size.height.saturating_sub(6)).max(1);
        match action {
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Down => *selected = (*selected + 1).min(len.saturating_sub(1)),
            Action::PageUp => *selected = selected.saturating_sub(page),
            Action::PageDown => *selected = (*selected + page).min(len.saturating_sub(1)),
            Action::Top => *selected = 0,
            Action::Bottom => *selected = len.saturating_sub(1),
            Action::Open if self.tab == Tab::Prompts => self.open_guidance(Some(self.prompt_selected)),
            Action::OpenGuide => self.open_guidance(None),
            Action::StartMock if self.tab == Tab::Prompts => self.open_mock_setup(),
            Action::Practice if self.tab == Tab::Prompts => self.start_practice(self.prompt_selected),
            Action::PracticeNext => {
                let next =
                    self.next_pick.as_ref().and_then(|n| self.guide.prompts.iter().position(|p| p.id == n.prompt));
                if let Some(prompt) = next {
                    self.prompt_selected = prompt;
                    self.start_practice(prompt);
                }
            }
            _ => {}
        }
    }

    fn open_guidance(&mut self, prompt: Option<usize>) {
        let doc = match prompt {
            Some(i) => guidance::prompt_doc(self.guide, &self.guide.prompts[i]),
            None => guidance::guide_doc(self.guide),
        };
        self.screen = Screen::Guidance(GuidanceView { prompt, doc, scroll: 0 });
    }

    fn apply_guidance(&mut self, action: Action) {
        let Screen::Guidance(view) = &mut self.screen else { return };
        let page = view::body_height(self.size).max(1);
        match action {
            Action::Up => view.scroll = view.scroll.saturating_sub(1),
            Action::Down => view.scroll += 1,
            Action::PageUp => view.scroll = view.scroll.saturating_sub(page),
            Action::PageDown => view.scroll += page,
            Action::Top => view.scroll = 0,
            Action::Bottom => view.scroll = usize::MAX,
            Action::Back => self.screen = Screen::Top,
            Action::Practice => {
                if let Some(prompt) = view.prompt {
                    self.start_practice(prompt);
                }
            }
            _ => {}
        }
        self.clamp_scrolls();
    }

    fn clamp_scrolls(&mut self) {
        let width = self.size.width;
        let height = view::body_height(self.size);
        if let Screen::Guidance(view) = &mut self.screen {
            let lines = widgets::doc_lines(&view.doc, width.saturating_sub(1)).len();
            view.scroll = view.scroll.min(lines.saturating_sub(height));
        }
        if let Some(Overlay::Help { scroll }) = &mut self.overlay {
            *scroll = (*scroll).min(help::max_scroll(&self.keymap, &self.warnings, self.size));
        }
    }

    /// Saves the bank; on failure keeps everything in memory, says so, and retries at the next save or quit.
    pub(super) fn save(&mut self) -> Result<(), ()> {
        self.autosave_at = None;
        if let Some(reason) = self.store.read_only() {
            // Not a failure to retry: the user was told at start and the header says so.
            let text = format!("Read-only: {reason}; this change is not saved.");
            self.status = Some(Status { text, is_error: true });
            return Err(());
        }
        match self.store.save(&self.bank) {
            Ok(()) => {
                self.unsaved = false;
                Ok(())
            }
            Err(e) => {
                self.unsaved = true;
                self.autosave_at = Some(self.now + SAVE_RETRY);
                self.status = Some(Status {
                    text: format!("Not saved: {}. Your practice is kept in memory.", text::clean_line(&e.to_string())),
                    is_error: true,
                });
                Err(())
            }
        }
    }

    fn apply_overlay(&mut self, overlay: Overlay, action: Action, wall: DateTime<Utc>) -> Option<Overlay> {
        match overlay {
            Overlay::Help { scroll } => match action {
                Action::Back | Action::Help => None,
                Action::Down => Some(Overlay::Help {
                    scroll: (scroll + 1).min(help::max_scroll(&self.keymap, &self.warnings, self.size)),
                }),
                Action::Up => Some(Overlay::Help { scroll: scroll.saturating_sub(1) }),
                _ => Some(Overlay::Help { scroll }),
            },
            Overlay::Picker { choices, selected } => match action {
                Action::Down => Some(Overlay::Picker { selected: (selected + 1).min(choices.len() - 1), choices }),
                Action::Up => Some(Overlay::Picker { selected: selected.saturating_sub(1), choices }),
                Action::Open => {
                    if let Screen::Practice(practice) = &mut self.screen {
                        practice.story = choices[selected].clone();
                    }
                    None
                }
                Action::Back => None,
                Action::Help => Some(Overlay::Help { scroll: 0 }),
                _ => Some(Overlay::Picker { choices, selected }),
            },
            Overlay::Confirm(question) => match action {
                Action::Yes => {
                    match question {
                        Question::LeavePractice | Question::DiscardAttempt => self.screen = Screen::Top,
                        Question::QuitUnsaved => self.quit = true,
                        Question::DeleteStory => self.delete_selected_story(),
                        Question::DeleteAttempt => self.delete_attempt(wall),
                        Question::ReuseStory { .. } => self.confirm_mock_story(),
                        Question::LeaveMock { .. } => self.leave_mock(),
                    }
                    None
                }
                Action::No => None,
                _ => Some(Overlay::Confirm(question)),
            },
        }
    }
}
