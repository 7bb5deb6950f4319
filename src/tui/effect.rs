//! What a screen asks of the app after a key: the one way a screen changes anything beyond itself.

use crate::keys::{Action, Context, KeyMap};
use crate::model::{Attempt, Story};
use crate::tui::screens::{Screen, Tab};
use crate::tui::voice::Mic;

/// A line for the footer until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

impl Status {
    /// News, not a problem.
    pub fn info(text: impl Into<String>) -> Status {
        Status { text: text.into(), is_error: false }
    }

    pub fn error(text: impl Into<String>) -> Status {
        Status { text: text.into(), is_error: true }
    }
}

/// A yes-or-no question over the screen; the answer goes back to the screen that asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    LeavePractice,
    DiscardAttempt,
    QuitUnsaved,
    DeleteStory {
        title: String,
    },
    DeleteAttempt,
    /// Telling, in a mock, a story already told in round `round`.
    ReuseStory {
        round: usize,
    },
    LeaveMock {
        finished: usize,
    },
    /// Leaving a drill with `answered` questions saved; `reviewing` when an answer under review will be kept too.
    LeaveDrill {
        answered: usize,
        reviewing: bool,
    },
}

impl Question {
    /// The question in words; `keys` names the keys it mentions as bound.
    pub fn text(&self, keys: &KeyMap) -> String {
        match self {
            Question::LeavePractice => "Leave practice? The clock has run; this attempt will not be kept.".into(),
            Question::DiscardAttempt => "Discard this attempt? It will not go into the history.".into(),
            Question::QuitUnsaved => "The last save failed, so some changes are not on disk. Quit anyway?".into(),
            Question::DeleteStory { title } => {
                let title = if title.is_empty() { "this untitled story".to_string() } else { format!("\"{title}\"") };
                let undo = keys.label(&[Context::Stories], Action::UndoDelete);
                format!("Delete {title}? {undo} brings it back while star-coach is open.")
            }
            Question::DeleteAttempt => {
                let undo = keys.label(&[Context::History], Action::UndoDelete);
                format!("Delete this attempt from the history? {undo} on the History screen brings it back.")
            }
            Question::ReuseStory { round } => {
                format!("You told this story in round {round}; an interviewer notices. Tell it again?")
            }
            Question::LeaveMock { finished: 0 } => "Leave the mock? No round is finished, so nothing is kept.".into(),
            Question::LeaveMock { finished: 1 } => {
                "Leave the mock? The finished round is in the history already.".into()
            }
            Question::LeaveMock { finished } => {
                format!("Leave the mock? The {finished} finished rounds are in the history already.")
            }
            Question::LeaveDrill { reviewing: true, .. } => "Leave the drill? This answer is kept.".into(),
            Question::LeaveDrill { answered: 0, .. } => {
                "Leave the drill? No question is answered yet, so nothing is kept.".into()
            }
            Question::LeaveDrill { answered: 1, .. } => {
                "Leave the drill? The answered question is in the history already.".into()
            }
            Question::LeaveDrill { answered, .. } => {
                format!("Leave the drill? The {answered} answered questions are in the history already.")
            }
        }
    }
}

/// Which kind of deletion `u` takes back: the Stories screen's or the History screen's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undo {
    Story,
    Attempt,
}

pub enum Effect {
    None,
    Status(Status),
    Ask(Question),
    /// Open a screen over the current tab.
    Open(Screen),
    /// Close the open screen, back to its tab.
    Back,
    Tab(Tab),
    Quit,
    /// The editor's story, as typed: it replaces the bank's, and an autosave follows.
    StoryEdited(Box<Story>),
    /// Write the bank now; once it is written, `then` goes on the status line.
    Save {
        then: Option<Status>,
    },
    AddStory,
    /// The editor closes on this story: a blank one is dropped; either way the bank is written.
    CloseEditor {
        story: String,
    },
    DeleteStory {
        story: String,
    },
    UndoDelete(Undo),
    /// An answer is done: into the history and onto the disk at once; `status` says so once it is saved (a
    /// screen that shows it itself, as the mock does, leaves the footer's keys alone).
    AttemptDone {
        attempt: Box<Attempt>,
        status: Option<Status>,
    },
    DeleteAttempt {
        attempt: String,
    },
    /// The interview date the plan works toward (`None` forgets it): into the bank and onto the disk.
    SetInterview(Option<chrono::NaiveDate>),
    /// The microphone follows the answer's clock, is turned on or off, or drops what it recorded.
    Mic(Mic),
    Many(Vec<Effect>),
}
