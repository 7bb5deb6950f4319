//! Practice: one prompt answered aloud against the clock, with the story's cue cards; Enter goes to the review.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{List, ListState, StatefulWidget};

use crate::keys::{Action, Context};
use crate::practice::ClockState;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Question};
use crate::tui::mouse::Hit;
use crate::tui::screens::review::ReviewScreen;
use crate::tui::screens::{Component, Screen};
use crate::tui::theme;
use crate::tui::voice::Mic;
use crate::tui::widgets::answer::{AnswerStep, Answered};
use crate::tui::widgets::popup;
use crate::tui::widgets::scroll::ListCursor;
use crate::tui::widgets::stories::{story_choices, story_items};

pub struct PracticeScreen {
    pub answer: AnswerStep,
    /// The story picker, while it is open.
    picker: Option<Picker>,
}

struct Picker {
    choices: Vec<Option<String>>,
    cursor: ListCursor,
}

impl PracticeScreen {
    const CONTEXTS: [Context; 3] = [Context::Answer, Context::Practice, Context::Global];

    /// Practice on prompt `prompt` (by its index in the guide), telling the first story mapped to it, through the
    /// prompt's phases.
    pub fn new(prompt: usize, ctx: &Ctx) -> PracticeScreen {
        let prompt_id = ctx.guide.prompts[prompt].id.clone();
        let story = ctx.bank.stories.iter().find(|s| s.fits(&prompt_id)).map(|s| s.id.clone());
        let phases = ctx.phases(&prompt_id);
        PracticeScreen { answer: AnswerStep::new(prompt_id, story, true, phases), picker: None }
    }

    pub fn picking(&self) -> bool {
        self.picker.is_some()
    }

    fn apply_picker(&mut self, action: Action) -> Effect {
        let Some(picker) = &mut self.picker else { return Effect::None };
        if picker.cursor.apply(action, picker.choices.len()) {
            return Effect::None;
        }
        match action {
            Action::Open => {
                self.answer.story = picker.choices[picker.cursor.selected].clone();
                self.picker = None;
            }
            Action::Back => self.picker = None,
            _ => {}
        }
        Effect::None
    }
}

/// Leaving practice drops the answer and whatever it recorded.
fn leave() -> Effect {
    Effect::Many(vec![Effect::Mic(Mic::Discard), Effect::Back])
}

impl Component for PracticeScreen {
    fn title(&self) -> &'static str {
        "Practice"
    }

    fn contexts(&self) -> Vec<Context> {
        if self.picker.is_some() {
            return vec![Context::Picker, Context::Global];
        }
        Self::CONTEXTS.to_vec()
    }

    fn apply(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.picker.is_some() {
            return self.apply_picker(action);
        }
        match self.answer.apply(action, ctx, &Self::CONTEXTS) {
            Answered::Handled(effect) => return effect,
            Answered::Finished => {
                let review = ReviewScreen::new(self.answer.clone(), ctx.now);
                return Effect::Many(vec![self.answer.mic_follows(), Effect::Open(Screen::Review(Box::new(review)))]);
            }
            Answered::NotMine => {}
        }
        match action {
            Action::PickStory => {
                let choices = story_choices(ctx.bank, &self.answer.prompt);
                let mut cursor = ListCursor::default();
                cursor.select(choices.iter().position(|c| *c == self.answer.story).unwrap_or(0), choices.len());
                self.picker = Some(Picker { choices, cursor });
                Effect::None
            }
            Action::Back if self.answer.timer.state() == ClockState::Ready => leave(),
            Action::Back => Effect::Ask(Question::LeavePractice),
            _ => Effect::None,
        }
    }

    fn confirmed(&mut self, question: &Question, _ctx: &Ctx) -> Effect {
        match question {
            Question::LeavePractice => leave(),
            _ => Effect::None,
        }
    }

    fn click(&mut self, hit: Hit, ctx: &Ctx) -> Option<Effect> {
        let Hit::PickerRow(index) = hit else { return None };
        let picker = self.picker.as_mut()?;
        picker.cursor.select(index, picker.choices.len());
        Some(self.apply(Action::Open, ctx))
    }

    fn wake(&self, now: Instant) -> Option<Duration> {
        self.answer.wake(now)
    }

    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        self.answer.draw(ctx, &Self::CONTEXTS, true, area, buf);
        if let Some(picker) = &self.picker {
            let height = u16::try_from(picker.choices.len() + 4).unwrap_or(u16::MAX).min(area.height);
            let inner = popup::overlay(popup::centered(area, 60, height), buf, "Which story will you tell?");
            let items = story_items(ctx.bank, &self.answer.prompt, &picker.choices, |_| None);
            let list = List::new(items).highlight_style(theme::selected()).highlight_symbol("▶");
            let mut state = ListState::default().with_selected(Some(picker.cursor.selected));
            StatefulWidget::render(list, inner, buf, &mut state);
            picker.cursor.shown(usize::from(inner.height));
            let mut hits = ctx.hits.borrow_mut();
            hits.clear();
            hits.add_rows_as(inner, state.offset(), picker.choices.len(), Hit::PickerRow);
        }
    }
}
