//! Keys to actions, as data: the TUI looks keys up here, and its footer, its help, every text that names a key and
//! README's key table are drawn from the same table, so none can disagree with the real bindings.
//!
//! Plain data with no terminal library: the TUI turns its key events into `Key`s, the config remaps them here, and
//! `star-coach config` prints them.

mod drill;
mod remap;

pub use remap::{action_name, context_name};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ForceQuit,
    Suspend,
    Quit,
    Help,
    Back,
    NextTab,
    PrevTab,
    ShowPrompts,
    ShowStories,
    ShowHistory,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Practice,
    OpenGuide,
    StartPause,
    MarkPhase,
    Finish,
    ToggleCues,
    Record,
    PlayPause,
    SeekBack,
    SeekForward,
    PreviousMark,
    NextMark,
    PickStory,
    Toggle,
    Confidence(u8),
    EditNote,
    Save,
    Yes,
    No,
    AddStory,
    EditStory,
    DeleteStory,
    UndoDelete,
    Filter,
    ShowCoverage,
    NextField,
    PrevField,
    SaveNow,
    PracticeNext,
    FilterPrompt,
    Sort,
    DeleteAttempt,
    StartMock,
    MockMore,
    MockFewer,
    MockCount(u8),
    MockContinue,
    InterviewDate,
    DayLater,
    DayEarlier,
    WeekLater,
    WeekEarlier,
    ClearDate,
    StartDrill,
    DrillMore,
    DrillFewer,
    NextPrinciple,
    PrevPrinciple,
    SkipQuestion,
    NextQuestion,
}

/// Where the user is; each has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Works everywhere except while typing or answering a question.
    Global,
    /// The top-level screens: Prompts, Stories, History.
    Top,
    Prompts,
    Guidance,
    /// Answering against the clock, in practice and in a mock.
    Answer,
    Practice,
    Review,
    /// Playing an answer's recording, in its review and in the one-attempt view.
    Playback,
    List,
    Stories,
    History,
    Attempt,
    Coverage,
    Editor,
    EditorList,
    Filter,
    /// The Stories list with a filter kept: Esc clears it.
    FilterKept,
    Picker,
    Confirm,
    Help,
    MockSetup,
    MockStory,
    MockAnswer,
    /// The review of a mock answer: the Review keys, less saving and discarding.
    MockReview,
    MockFollowUp,
    MockReport,
    /// Setting the interview date the plan works toward.
    InterviewDate,
    DrillSetup,
    /// A drilled question showing, its pick clock running: choosing the story.
    DrillPick,
    DrillAnswer,
    /// The review of a drilled answer: the Review keys, less saving and discarding.
    DrillReview,
    DrillReport,
    /// Typing into a text field: only these keys are taken from the text.
    TextInput,
}

impl Context {
    /// The contexts whose bindings this one's screens always include, so its config table may name their actions
    /// too (`[keys.practice] start_pause`) and a key in it must not clash with theirs.
    pub fn shared(self) -> &'static [Context] {
        match self {
            Context::Practice | Context::MockAnswer | Context::DrillAnswer => &[Context::Answer],
            Context::Review | Context::Attempt => &[Context::Playback],
            _ => &[],
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Top => "Top-level screens",
            Context::Prompts => "Prompts",
            Context::Guidance => "Guidance",
            Context::Answer => "Answering (practice, mock and drill)",
            Context::Practice => "Practice",
            Context::Review => "Review",
            Context::Playback => "Playing the recording (Review and one attempt)",
            Context::List => "Lists",
            Context::Stories => "Stories",
            Context::History => "History",
            Context::Attempt => "One attempt",
            Context::Coverage => "Coverage",
            Context::Editor => "Story editor",
            Context::EditorList => "Story editor: principles and prompts",
            Context::Filter => "Filtering stories",
            Context::FilterKept => "Stories, with a filter kept",
            Context::Picker => "Choosing a story",
            Context::Confirm => "Questions",
            Context::Help => "Help",
            Context::MockSetup => "Mock interview: setup",
            Context::MockStory => "Mock interview: choosing the story",
            Context::MockAnswer => "Mock interview: answering",
            Context::MockReview => "Mock interview: reviewing the answer (and the Review keys)",
            Context::MockFollowUp => "Mock interview: a follow-up question",
            Context::MockReport => "Mock interview: the report",
            Context::InterviewDate => "Interview date",
            Context::DrillSetup => "Drill: setup",
            Context::DrillPick => "Drill: picking the story (30 seconds)",
            Context::DrillAnswer => "Drill: answering",
            Context::DrillReview => "Drill: reviewing the answer (and the Review keys)",
            Context::DrillReport => "Drill: the report",
            Context::TextInput => "Writing a note",
        }
    }
}

/// The keys a binding can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    F(u8),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
}

/// A key as pressed. Shift is part of the character itself ('G', '?'); only Ctrl and Alt distinguish bindings,
/// and a Ctrl-letter is always lower case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false, alt: false }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c.to_ascii_lowercase()), ctrl: true, alt: false }
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
        };
        let alt = if self.alt { "M-" } else { "" };
        if self.ctrl { format!("C-{alt}{base}") } else { format!("{alt}{base}") }
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    /// Short words for the footer; empty keeps the binding out of the footer (it is still in the help).
    pub hint: &'static str,
    /// The sentence in the help overlay.
    pub help: &'static str,
}

/// One entry of the footer: "Esc back".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FooterEntry {
    pub keys: String,
    pub hint: &'static str,
    pub action: Action,
}

impl FooterEntry {
    /// The ways out (of the screen, the app, the answer, the review) and to the help: a footer short of room drops every
    /// other entry before these.
    pub fn essential(&self) -> bool {
        matches!(
            self.action,
            Action::Back | Action::Quit | Action::Finish | Action::Save | Action::MockContinue | Action::Help
        )
    }
}

#[derive(Debug, Clone)]
pub struct KeyMap {
    bindings: Vec<Binding>,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap { bindings: default_bindings() }
    }
}

impl KeyMap {
    /// The action bound to `key` in the first of `contexts` that binds it.
    pub fn lookup(&self, contexts: &[Context], key: Key) -> Option<Action> {
        contexts.iter().find_map(|&context| {
            self.bindings.iter().find(|b| b.context == context && b.keys.contains(&key)).map(|b| b.action)
        })
    }

    /// The key that does `action` where `contexts` apply: the first key of the first binding reachable there.
    pub fn key_for(&self, contexts: &[Context], action: Action) -> Option<Key> {
        self.reachable(contexts)
            .into_iter()
            .find(|(b, _)| b.action == action)
            .and_then(|(_, keys)| keys.first().copied())
    }

    /// The key to name in a sentence about `action` where `contexts` apply ("press Space to start"). Empty when
    /// nothing binds it.
    pub fn label(&self, contexts: &[Context], action: Action) -> String {
        self.key_for(contexts, action).map(|k| k.label()).unwrap_or_default()
    }

    /// As `label`, but `preferred` when it is one of the action's keys: "Enter to write one" reads better than
    /// "Space to write one" for a line bound to both.
    pub fn label_preferring(&self, contexts: &[Context], action: Action, preferred: Key) -> String {
        let bound =
            self.reachable(contexts).into_iter().any(|(b, keys)| b.action == action && keys.contains(&preferred));
        if bound { preferred.label() } else { self.label(contexts, action) }
    }

    /// Every key bound to `action` where `contexts` apply, joined as the footer writes them ("j/↓").
    pub fn labels(&self, contexts: &[Context], action: Action) -> String {
        let keys: Vec<Key> =
            self.reachable(contexts).into_iter().filter(|(b, _)| b.action == action).flat_map(|(_, k)| k).collect();
        keys_label(&keys)
    }

    /// The bindings of `contexts` in order, each with the keys no earlier context takes first.
    fn reachable(&self, contexts: &[Context]) -> Vec<(&Binding, Vec<Key>)> {
        let mut taken: Vec<Key> = Vec::new();
        let mut out = Vec::new();
        for &context in contexts {
            let bindings: Vec<&Binding> = self.bindings.iter().filter(|b| b.context == context).collect();
            for b in &bindings {
                let keys: Vec<Key> = b.keys.iter().copied().filter(|k| !taken.contains(k)).collect();
                if !keys.is_empty() {
                    out.push((*b, keys));
                }
            }
            taken.extend(bindings.iter().flat_map(|b| b.keys.iter().copied()));
        }
        out
    }

    /// True when some binding in `contexts` does `action`.
    pub fn binds(&self, contexts: &[Context], action: Action) -> bool {
        self.bindings.iter().any(|b| b.action == action && contexts.contains(&b.context))
    }

    /// The footer's entries for `contexts`, in table order: ("j/↓", "down"). Neighbours with the same hint
    /// share one entry ("1/2/3/4/5 confidence"). A binding whose keys an earlier context takes is left out: it
    /// cannot be reached there.
    pub fn footer(&self, contexts: &[Context]) -> Vec<FooterEntry> {
        let mut entries: Vec<FooterEntry> = Vec::new();
        let mut taken: Vec<Key> = Vec::new();
        let mut shown: Vec<&Binding> = Vec::new();
        for &context in contexts {
            let bindings: Vec<&Binding> = self.bindings.iter().filter(|b| b.context == context).collect();
            shown.extend(bindings.iter().filter(|b| !b.hint.is_empty() && !b.keys.iter().all(|k| taken.contains(k))));
            taken.extend(bindings.iter().flat_map(|b| b.keys.iter().copied()));
        }
        for binding in shown {
            let keys = keys_label(&binding.keys);
            match entries.last_mut() {
                Some(last) if last.hint == binding.hint => last.keys = format!("{}/{keys}", last.keys),
                _ => entries.push(FooterEntry { keys, hint: binding.hint, action: binding.action }),
            }
        }
        entries
    }

    /// Every binding but Ctrl-C moved to a key of its own that no default uses (Alt and Ctrl-Alt keys), for tests
    /// that look for texts still naming a default key.
    #[cfg(test)]
    pub fn every_key_moved() -> KeyMap {
        let mut fresh = ('a'..='z')
            .chain('0'..='9')
            .map(|c| Key { code: KeyCode::Char(c), ctrl: false, alt: true })
            .chain(('a'..='z').map(|c| Key { code: KeyCode::Char(c), ctrl: true, alt: true }))
            .chain((1..=12).map(|n| Key { code: KeyCode::F(n), ctrl: false, alt: true }))
            .chain((1..=12).map(|n| Key { code: KeyCode::F(n), ctrl: true, alt: true }))
            .chain(('A'..='Z').map(|c| Key { code: KeyCode::Char(c), ctrl: false, alt: true }))
            .chain(('0'..='9').map(|c| Key { code: KeyCode::Char(c), ctrl: true, alt: true }))
            .chain("!@#$%^&*()-=;',./_+:<>[]{}|~".chars().map(|c| Key {
                code: KeyCode::Char(c),
                ctrl: false,
                alt: true,
            }))
            .chain((13..=24).map(|n| Key { code: KeyCode::F(n), ctrl: false, alt: true }))
            .chain((13..=24).map(|n| Key { code: KeyCode::F(n), ctrl: true, alt: true }));
        let mut map = KeyMap::default();
        for binding in &mut map.bindings {
            if binding.action != Action::ForceQuit {
                binding.keys = vec![fresh.next().expect("enough fresh keys for every binding")];
            }
        }
        map
    }

    /// Every binding grouped by context, for the help overlay.
    pub fn sections(&self) -> Vec<(Context, Vec<&Binding>)> {
        let mut sections: Vec<(Context, Vec<&Binding>)> = Vec::new();
        for binding in &self.bindings {
            match sections.iter_mut().find(|(c, _)| *c == binding.context) {
                Some((_, list)) => list.push(binding),
                None => sections.push((binding.context, vec![binding])),
            }
        }
        sections
    }
}

/// The heading of [`TEXT_KEYS`] in the help and README, which list them right after the story editor's keys.
pub const TEXT_KEYS_TITLE: &str = "Typing in a text field (the story editor, the review note)";

/// The text areas' own keys: ratatui-textarea's, but for Ctrl-J, a new line here (a line feed is what text typed
/// or pasted without bracketed paste sends). They are not in the key map, so they cannot be remapped; every delete
/// among them can be undone.
pub const TEXT_KEYS: [(&str, &str); 14] = [
    ("Enter/C-j", "New line (in the title: on to the next field)"),
    ("Backspace/C-h", "Delete the character before the cursor"),
    ("Del/C-d", "Delete the character under the cursor"),
    ("C-w", "Delete the word before the cursor (M-Backspace too)"),
    ("M-d", "Delete the word after the cursor"),
    ("C-k", "Delete to the end of the line"),
    ("C-u", "Undo: any delete above comes back"),
    ("C-r", "Redo"),
    ("C-y", "Put back the text deleted last"),
    ("←/→/↑/↓", "Move the cursor (C-b, C-f, C-p, C-n too)"),
    ("C-←/C-→", "A word back or on (M-b, M-f too)"),
    ("Home/C-a", "Start of the line"),
    ("End/C-e", "End of the line"),
    ("M-</M->", "Start or end of the text"),
];

pub fn keys_label(keys: &[Key]) -> String {
    keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
}

// A table: its length is its data.
#[allow(clippy::too_many_lines)]
fn default_bindings() -> Vec<Binding> {
    use Action as A;
    use Context as C;
    use KeyCode as K;
    let bind = |context, keys: &[Key], action, hint, help| Binding { context, keys: keys.to_vec(), action, hint, help };
    let up = [Key::char('k'), Key::plain(K::Up)];
    let down = [Key::char('j'), Key::plain(K::Down)];
    let page_up = [Key::plain(K::PageUp), Key::ctrl('u')];
    let page_down = [Key::plain(K::PageDown), Key::ctrl('d')];
    let top = [Key::char('g'), Key::plain(K::Home)];
    let bottom = [Key::char('G'), Key::plain(K::End)];
    let mut bindings = vec![
        bind(C::Global, &[Key::ctrl('c')], A::ForceQuit, "", "Quit from anywhere, saving first"),
        bind(C::Global, &[Key::ctrl('z')], A::Suspend, "", "Suspend to the shell, saving first (fg comes back)"),
        bind(C::Global, &[Key::char('?')], A::Help, "help", "Show or hide this help"),
        bind(C::Top, &[Key::char('q')], A::Quit, "quit", "Quit star-coach"),
        bind(C::Top, &[Key::char('1')], A::ShowPrompts, "", "Go to the Prompts screen"),
        bind(C::Top, &[Key::char('2')], A::ShowStories, "", "Go to the Stories screen"),
        bind(C::Top, &[Key::char('3')], A::ShowHistory, "", "Go to the History screen"),
        bind(C::Top, &[Key::plain(K::Tab)], A::NextTab, "", "Next screen"),
        bind(C::Top, &[Key::plain(K::BackTab)], A::PrevTab, "", "Previous screen"),
        bind(C::Prompts, &[Key::plain(K::Enter)], A::Open, "guidance", "Read the selected prompt's guidance"),
        bind(C::Prompts, &[Key::char('p')], A::Practice, "practise", "Practise an answer to the selected prompt"),
        // Out of the footer: the "Practise next" line above the prompts names its key already.
        bind(C::Prompts, &[Key::char('x')], A::PracticeNext, "", "Practise the first prompt on today's list"),
        bind(
            C::Prompts,
            &[Key::char('i')],
            A::OpenGuide,
            "the guide",
            "Read the guide: strategy, STAR, pitfalls, checklist",
        ),
        bind(C::Prompts, &[Key::char('m')], A::StartMock, "mock", "Start a mock interview: the prompts back to back"),
        bind(C::Prompts, &[Key::char('D')], A::InterviewDate, "", "Set the interview date the plan works toward"),
        bind(C::Guidance, &down, A::Down, "scroll", "Scroll down"),
        bind(C::Guidance, &up, A::Up, "", "Scroll up"),
        bind(C::Guidance, &page_down, A::PageDown, "", "Scroll down a page"),
        bind(C::Guidance, &page_up, A::PageUp, "", "Scroll up a page"),
        bind(C::Guidance, &top, A::Top, "", "Go to the top"),
        bind(C::Guidance, &bottom, A::Bottom, "", "Go to the end"),
        bind(C::Guidance, &[Key::char('p')], A::Practice, "practise", "Practise an answer to this prompt"),
        bind(C::Guidance, &[Key::plain(K::Esc)], A::Back, "back", "Back to the prompts"),
        bind(C::Answer, &[Key::char(' ')], A::StartPause, "start/pause", "Start the clock, pause it, resume it"),
        bind(C::Answer, &[Key::char('n')], A::MarkPhase, "next phase", "Mark the move to the next phase"),
        bind(C::Answer, &[Key::plain(K::Enter)], A::Finish, "finish", "Finish the answer and review it"),
        bind(C::Answer, &[Key::char('h')], A::ToggleCues, "cues", "Hide or show the cue cards"),
        bind(C::Answer, &down, A::Down, "", "Scroll the cue cards down"),
        bind(C::Answer, &up, A::Up, "", "Scroll the cue cards up"),
        bind(C::Answer, &[Key::char('r')], A::Record, "", "Record this answer, or stop and drop its recording"),
        bind(C::Practice, &[Key::char('t')], A::PickStory, "story", "Choose the story you will tell"),
        bind(C::Practice, &[Key::plain(K::Esc)], A::Back, "back", "Leave practice (asks first once the clock ran)"),
        bind(C::Review, &down, A::Down, "", "Next line"),
        bind(C::Review, &up, A::Up, "", "Previous line"),
        bind(C::Review, &[Key::char(' '), Key::plain(K::Enter)], A::Toggle, "tick", "Tick the line, or write the note"),
        bind(C::Review, &[Key::char('1')], A::Confidence(1), "confidence", "Confidence 1: shaky"),
        bind(C::Review, &[Key::char('2')], A::Confidence(2), "confidence", "Confidence 2"),
        bind(C::Review, &[Key::char('3')], A::Confidence(3), "confidence", "Confidence 3"),
        bind(C::Review, &[Key::char('4')], A::Confidence(4), "confidence", "Confidence 4"),
        bind(C::Review, &[Key::char('5')], A::Confidence(5), "confidence", "Confidence 5: nailed it"),
        bind(C::Review, &[Key::char('e')], A::EditNote, "note", "Write a note on this attempt"),
        bind(C::Review, &[Key::char('s')], A::Save, "save", "Save the attempt to the history"),
        bind(C::Review, &[Key::plain(K::Esc)], A::Back, "discard", "Discard the attempt (asks first)"),
        // Out of the footer: the position strip names these keys where there is a recording to play.
        bind(C::Playback, &[Key::char('p')], A::PlayPause, "", "Play the recording from the play head, or pause"),
        bind(C::Playback, &[Key::plain(K::Left)], A::SeekBack, "", "Back 5 seconds"),
        bind(C::Playback, &[Key::plain(K::Right)], A::SeekForward, "", "On 5 seconds"),
        bind(C::Playback, &[Key::char('[')], A::PreviousMark, "", "To the start of this phase, or the one before"),
        bind(C::Playback, &[Key::char(']')], A::NextMark, "", "To the start of the next phase"),
        bind(C::List, &down, A::Down, "", "Select the next row"),
        bind(C::List, &up, A::Up, "", "Select the previous row"),
        bind(C::List, &page_down, A::PageDown, "", "Down a page"),
        bind(C::List, &page_up, A::PageUp, "", "Up a page"),
        bind(C::List, &top, A::Top, "", "First row"),
        bind(C::List, &bottom, A::Bottom, "", "Last row"),
        bind(C::Stories, &[Key::char('a')], A::AddStory, "add", "Add a story and start writing its title"),
        bind(C::Stories, &[Key::plain(K::Enter), Key::char('e')], A::EditStory, "edit", "Edit the selected story"),
        bind(C::Stories, &[Key::char('d')], A::DeleteStory, "delete", "Delete the selected story (asks first)"),
        bind(C::Stories, &[Key::char('u')], A::UndoDelete, "", "Bring back the story deleted last"),
        bind(C::Stories, &[Key::char('/')], A::Filter, "filter", "Filter the stories by a word"),
        bind(
            C::Stories,
            &[Key::char('c')],
            A::ShowCoverage,
            "coverage",
            "Which prompts and principles the bank covers",
        ),
        bind(C::History, &[Key::plain(K::Enter)], A::Open, "details", "Open the selected attempt"),
        bind(
            C::History,
            &[Key::char('f')],
            A::FilterPrompt,
            "filter prompt",
            "Show one prompt's attempts, the next, then all",
        ),
        bind(C::History, &[Key::char('o')], A::Sort, "sort", "Sort by date, length, prompt or confidence"),
        bind(C::History, &[Key::char('d')], A::DeleteAttempt, "delete", "Delete the selected attempt (asks first)"),
        bind(C::History, &[Key::char('u')], A::UndoDelete, "", "Bring back the attempt deleted last"),
        bind(C::Attempt, &[Key::char('d')], A::DeleteAttempt, "delete", "Delete this attempt (asks first)"),
        bind(C::Attempt, &down, A::Down, "", "Scroll down"),
        bind(C::Attempt, &up, A::Up, "", "Scroll up"),
        bind(C::Attempt, &page_down, A::PageDown, "", "Scroll down a page"),
        bind(C::Attempt, &page_up, A::PageUp, "", "Scroll up a page"),
        bind(C::Attempt, &top, A::Top, "", "Go to the top"),
        bind(C::Attempt, &bottom, A::Bottom, "", "Go to the end"),
        bind(C::Attempt, &[Key::plain(K::Esc)], A::Back, "back", "Back to the history"),
        bind(C::Coverage, &down, A::Down, "scroll", "Scroll down"),
        bind(C::Coverage, &up, A::Up, "", "Scroll up"),
        bind(C::Coverage, &page_down, A::PageDown, "", "Scroll down a page"),
        bind(C::Coverage, &page_up, A::PageUp, "", "Scroll up a page"),
        bind(C::Coverage, &top, A::Top, "", "Go to the top"),
        bind(C::Coverage, &bottom, A::Bottom, "", "Go to the end"),
        bind(C::Coverage, &[Key::plain(K::Esc)], A::Back, "back", "Back to the stories"),
        bind(C::Editor, &[Key::plain(K::Tab)], A::NextField, "next field", "Go to the next field"),
        bind(C::Editor, &[Key::plain(K::BackTab)], A::PrevField, "previous", "Go to the previous field"),
        bind(C::Editor, &[Key::ctrl('s')], A::SaveNow, "save", "Save now (changes also save by themselves)"),
        bind(C::Editor, &[Key::plain(K::Esc)], A::Back, "close", "Close the editor; the story is saved"),
        bind(C::Editor, &[Key::plain(K::F(1))], A::Help, "help", "Show the keys (? types a question mark here)"),
        bind(C::EditorList, &down, A::Down, "", "Next item"),
        bind(C::EditorList, &up, A::Up, "", "Previous item"),
        bind(C::EditorList, &[Key::char(' ')], A::Toggle, "toggle", "Add or remove the item"),
        bind(C::Filter, &[Key::plain(K::Enter)], A::Open, "keep", "Keep the filter and go back to the list"),
        bind(C::Filter, &[Key::plain(K::Esc)], A::Back, "clear", "Clear the filter"),
        bind(C::FilterKept, &[Key::plain(K::Esc)], A::Back, "clear filter", "Clear the filter and show every story"),
        bind(C::Picker, &down, A::Down, "", "Next story"),
        bind(C::Picker, &up, A::Up, "", "Previous story"),
        bind(C::Picker, &[Key::plain(K::Enter)], A::Open, "choose", "Tell this story"),
        bind(C::Picker, &[Key::plain(K::Esc)], A::Back, "cancel", "Keep the story you had"),
        bind(C::Confirm, &[Key::char('y'), Key::plain(K::Enter)], A::Yes, "yes", "Yes"),
        bind(C::Confirm, &[Key::char('n'), Key::plain(K::Esc)], A::No, "no", "No"),
        bind(C::Help, &down, A::Down, "scroll", "Scroll down"),
        bind(C::Help, &up, A::Up, "", "Scroll up"),
        bind(C::Help, &page_down, A::PageDown, "", "Scroll down a page"),
        bind(C::Help, &page_up, A::PageUp, "", "Scroll up a page"),
        bind(C::Help, &top, A::Top, "", "Go to the top"),
        bind(C::Help, &bottom, A::Bottom, "", "Go to the end"),
        bind(C::Help, &[Key::plain(K::Esc), Key::char('q')], A::Back, "close", "Close the help"),
        bind(
            C::InterviewDate,
            &[Key::plain(K::Right), Key::char('l'), Key::char('+')],
            A::DayLater,
            "a day",
            "A day later",
        ),
        bind(
            C::InterviewDate,
            &[Key::plain(K::Left), Key::char('h'), Key::char('-')],
            A::DayEarlier,
            "",
            "A day earlier",
        ),
        bind(C::InterviewDate, &[Key::plain(K::Down), Key::char('j')], A::WeekLater, "a week", "A week later"),
        bind(C::InterviewDate, &[Key::plain(K::Up), Key::char('k')], A::WeekEarlier, "", "A week earlier"),
        bind(C::InterviewDate, &[Key::plain(K::Enter)], A::Open, "set", "Plan toward this date"),
        bind(
            C::InterviewDate,
            &[Key::plain(K::Delete), Key::char('x')],
            A::ClearDate,
            "no date",
            "Forget the interview date",
        ),
        bind(C::InterviewDate, &[Key::plain(K::Esc)], A::Back, "cancel", "Keep the date as it was"),
        bind(C::TextInput, &[Key::plain(K::Esc)], A::Back, "done", "Stop writing; the text is kept"),
    ];
    bindings.extend(mock_bindings());
    bindings.extend(drill::bindings());
    bindings
}

fn mock_bindings() -> Vec<Binding> {
    use Action as A;
    use Context as C;
    use KeyCode as K;
    let bind = |context, keys: &[Key], action, hint, help| Binding { context, keys: keys.to_vec(), action, hint, help };
    let esc = [Key::plain(K::Esc)];
    const COUNTS: [&str; 9] = [
        "Ask 1 prompt",
        "Ask 2 prompts",
        "Ask 3 prompts",
        "Ask 4 prompts",
        "Ask 5 prompts",
        "Ask 6 prompts",
        "Ask 7 prompts",
        "Ask 8 prompts (when prompt packs add them)",
        "Ask 9 prompts (when prompt packs add them)",
    ];
    let mut bindings = vec![
        bind(
            C::MockSetup,
            &[Key::char('+'), Key::char('='), Key::char('j'), Key::plain(K::Down)],
            A::MockMore,
            "more",
            "One prompt more",
        ),
        bind(
            C::MockSetup,
            &[Key::char('-'), Key::char('k'), Key::plain(K::Up)],
            A::MockFewer,
            "fewer",
            "One prompt fewer",
        ),
    ];
    for (n, help) in (1..=9u8).zip(COUNTS) {
        bindings.push(bind(C::MockSetup, &[Key::char(char::from(b'0' + n))], A::MockCount(n), "", help));
    }
    bindings.extend([
        bind(C::MockSetup, &[Key::char('h')], A::ToggleCues, "cues", "Cue cards on or off for the whole mock"),
        bind(C::MockSetup, &[Key::plain(K::Enter)], A::Open, "start", "Start the first round"),
        bind(C::MockSetup, &esc, A::Back, "back", "Back to the prompts"),
        bind(C::MockStory, &[Key::char('j'), Key::plain(K::Down)], A::Down, "", "Next story"),
        bind(C::MockStory, &[Key::char('k'), Key::plain(K::Up)], A::Up, "", "Previous story"),
        bind(
            C::MockStory,
            &[Key::plain(K::Enter)],
            A::Open,
            "tell this",
            "Tell this story (asks if you told it already)",
        ),
        bind(C::MockStory, &esc, A::Back, "leave", "Leave the mock (asks; finished rounds are kept)"),
        bind(C::MockAnswer, &esc, A::Back, "leave", "Leave the mock (asks; finished rounds are kept)"),
        bind(C::MockReview, &[Key::char('s')], A::MockContinue, "follow-up", "Done: on to the follow-up questions"),
        bind(C::MockReview, &esc, A::Back, "leave", "Leave the mock (asks; finished rounds are kept)"),
        bind(C::MockFollowUp, &[Key::char(' ')], A::StartPause, "start/pause", "Start the clock, pause it, resume it"),
        bind(C::MockFollowUp, &[Key::plain(K::Enter)], A::Finish, "finish", "Finish this follow-up answer"),
        bind(C::MockFollowUp, &esc, A::Back, "leave", "Leave the mock (asks; finished rounds are kept)"),
    ]);
    bindings.extend(report_scrolling(C::MockReport));
    bindings.push(bind(
        C::MockReport,
        &[Key::plain(K::Esc), Key::plain(K::Enter), Key::char('q')],
        A::Back,
        "close",
        "Close the report",
    ));
    bindings
}

/// A report's scrolling keys, the same in the mock's and the drill's: vim keys and arrows, pages, the ends.
fn report_scrolling(context: Context) -> [Binding; 6] {
    use Action as A;
    use KeyCode as K;
    let bind = |keys: &[Key], action, hint, help| Binding { context, keys: keys.to_vec(), action, hint, help };
    [
        bind(&[Key::char('j'), Key::plain(K::Down)], A::Down, "scroll", "Scroll down"),
        bind(&[Key::char('k'), Key::plain(K::Up)], A::Up, "", "Scroll up"),
        bind(&[Key::plain(K::PageDown), Key::ctrl('d')], A::PageDown, "", "Scroll down a page"),
        bind(&[Key::plain(K::PageUp), Key::ctrl('u')], A::PageUp, "", "Scroll up a page"),
        bind(&[Key::char('g'), Key::plain(K::Home)], A::Top, "", "Go to the top"),
        bind(&[Key::char('G'), Key::plain(K::End)], A::Bottom, "", "Go to the end"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, ctrl: bool) -> Key {
        Key { code, ctrl, alt: false }
    }

    #[test]
    fn vim_keys_and_arrows_both_move() {
        let map = KeyMap::default();
        for code in [KeyCode::Char('j'), KeyCode::Down] {
            assert_eq!(map.lookup(&[Context::List], press(code, false)), Some(Action::Down));
        }
    }

    #[test]
    fn first_context_wins_and_ctrl_is_distinct() {
        let map = KeyMap::default();
        let ctrl_c = press(KeyCode::Char('c'), true);
        assert_eq!(map.lookup(&[Context::Practice, Context::Global], ctrl_c), Some(Action::ForceQuit));
        let plain_c = press(KeyCode::Char('c'), false);
        assert_eq!(map.lookup(&[Context::Global], plain_c), None);
        let q = press(KeyCode::Char('q'), false);
        assert_eq!(map.lookup(&[Context::Practice, Context::Global], q), None, "q does not quit from practice");
        assert_eq!(map.lookup(&[Context::Prompts, Context::Top], q), Some(Action::Quit));
    }

    #[test]
    fn shifted_characters_match_without_naming_shift() {
        let map = KeyMap::default();
        let big_g = press(KeyCode::Char('G'), false);
        assert_eq!(map.lookup(&[Context::Guidance], big_g), Some(Action::Bottom));
    }

    #[test]
    fn footer_and_help_come_from_the_table() {
        let map = KeyMap::default();
        let footer = map.footer(&[Context::Answer, Context::Practice]);
        assert_eq!((footer[0].keys.as_str(), footer[0].hint), ("Space", "start/pause"));
        assert!(footer.iter().any(|e| e.keys == "n" && e.hint == "next phase"));
        let sections = map.sections();
        let answer = sections.iter().find(|(c, _)| *c == Context::Answer).unwrap();
        assert_eq!(answer.1.len(), 7);
        let review = map.footer(&[Context::Review]);
        assert!(review.iter().any(|e| e.keys == "1/2/3/4/5" && e.hint == "confidence"), "{review:?}");
    }
}

/// The key map as the Markdown table README.md carries; a test holds the two together.
pub fn markdown_table(map: &KeyMap) -> String {
    let mut out = String::new();
    for (context, bindings) in map.sections() {
        out.push_str(&format!("\n**{}**\n\n| Keys | Does |\n|---|---|\n", context.title()));
        for b in bindings {
            let keys = b.keys.iter().map(|k| format!("`{}`", k.label())).collect::<Vec<_>>().join(" ");
            out.push_str(&format!("| {keys} | {} |\n", b.help));
        }
        if context == Context::Editor {
            out.push_str(&format!("\n**{TEXT_KEYS_TITLE}**\n\n| Keys | Does |\n|---|---|\n"));
            for (keys, help) in TEXT_KEYS {
                let keys = keys.split('/').map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" ");
                out.push_str(&format!("| {keys} | {help} |\n"));
            }
        }
    }
    out
}

#[cfg(test)]
mod readme {
    const START: &str = "<!-- keymap:start -->\n";
    const END: &str = "<!-- keymap:end -->";

    /// Run with `STAR_COACH_BLESS_README=1` to rewrite README.md's key map from the bindings.
    #[test]
    fn readme_key_map_matches_the_bindings() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).unwrap();
        let (start, end) = (readme.find(START).unwrap() + START.len(), readme.find(END).unwrap());
        let table = super::markdown_table(&super::KeyMap::default());
        if std::env::var_os("STAR_COACH_BLESS_README").is_some() {
            std::fs::write(path, format!("{}{table}{}", &readme[..start], &readme[end..])).unwrap();
            return;
        }
        assert_eq!(&readme[start..end], table, "README.md's key map is out of date; bless it (see the test)");
    }
}
