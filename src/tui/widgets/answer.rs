//! The answer against the clock, shared by Practice, the mock and the drill: the prompt or drilled question, the big
//! clock, the target bar, the phase being spoken (STAR's, or the prompt's own), cue cards. One state, one set of
//! keys (the `Answer` context), one drawing.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::content::PhaseSet;
use crate::keys::{Action, Context};
use crate::model::Story;
use crate::practice::{ClockState, Timer, Verdict, format_clock};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Status};
use crate::tui::theme;
use crate::tui::widgets::clock::{BIG_CLOCK_HEIGHT, big_clock, target_bar};
use crate::tui::widgets::text::{cells, ellipsize, wrap_text};

/// Body rows needed for the full layout (big clock and cue cards); below it the compact one is drawn.
const FULL_HEIGHT: u16 = 18;

#[derive(Clone)]
pub struct AnswerStep {
    /// The id of the prompt answered, or of the drilled question.
    pub prompt: String,
    pub story: Option<String>,
    pub cues: bool,
    pub timer: Timer,
}

/// What a key did to the answer.
pub enum Answered {
    /// Handled here, with what the app should do.
    Handled(Effect),
    /// Enter on a running clock: the answer is over and goes to its review.
    Finished,
    /// Not an answer key: the screen's own.
    NotMine,
}

impl AnswerStep {
    /// An answer to `prompt` (a prompt's or a drilled question's id), moving through `phases` (`ctx.phases`).
    pub fn new(prompt: String, story: Option<String>, cues: bool, phases: PhaseSet) -> AnswerStep {
        AnswerStep { prompt, story, cues, timer: Timer::with_phases(phases) }
    }

    /// The keys while answering; `contexts` are the owning screen's, to name its keys in hints.
    pub fn apply(&mut self, action: Action, ctx: &Ctx, contexts: &[Context]) -> Answered {
        let key = |action| ctx.key(contexts, action);
        match action {
            Action::StartPause => self.timer.toggle(ctx.now, ctx.wall),
            Action::MarkPhase => {
                if self.timer.mark_next(ctx.now).is_none() {
                    let text = match self.timer.state() {
                        ClockState::Ready => format!("Press {} to start the clock first.", key(Action::StartPause)),
                        _ => format!(
                            "You are on the {}: press {} when you have finished.",
                            self.timer.phases().parts().last().map_or("last phase", |p| p.name.as_str()),
                            key(Action::Finish)
                        ),
                    };
                    return Answered::Handled(Effect::Status(Status::info(text)));
                }
            }
            Action::Finish => {
                if self.timer.finish(ctx.now) {
                    return Answered::Finished;
                }
                let text = format!(
                    "Press {} to start the clock, answer aloud, then press {}.",
                    key(Action::StartPause),
                    key(Action::Finish)
                );
                return Answered::Handled(Effect::Status(Status::info(text)));
            }
            Action::ToggleCues => self.cues = !self.cues,
            _ => return Answered::NotMine,
        }
        Answered::Handled(Effect::None)
    }

    pub fn wake(&self, now: Instant) -> Option<Duration> {
        self.timer.until_next_second(now)
    }

    /// Draws the answer; `choose_story` says whether the story can still be changed here (not in a mock).
    pub fn draw(&self, ctx: &Ctx, contexts: &[Context], choose_story: bool, area: Rect, buf: &mut Buffer) {
        let target = ctx.config().target;
        let elapsed = self.timer.elapsed(ctx.now);
        let secs = elapsed.as_secs_f64();
        let verdict = Verdict::of(secs, target);
        let story = self.story.as_deref().and_then(|id| ctx.bank.story(id));
        let question = ctx.guide.prompt_label(&self.prompt);
        let story_line = story_line(story, choose_story.then(|| ctx.key(contexts, Action::PickStory)));

        if area.height < FULL_HEIGHT {
            let mut lines = vec![Line::styled(ellipsize(&question, usize::from(area.width)), theme::title())];
            lines.push(Line::from(vec![
                Span::styled(format_clock(elapsed), theme::verdict(verdict).patch(theme::title())),
                Span::raw(" "),
                Span::styled(self.state_words(ctx, contexts), theme::label()),
                Span::raw(" "),
                Span::styled(verdict.label().to_uppercase(), theme::verdict(verdict)),
            ]));
            lines.push(self.phase_line(ctx, contexts));
            lines.extend(self.setup_warning(ctx, contexts));
            lines.extend(target_bar(secs, target, area.width));
            lines.push(story_line);
            Paragraph::new(lines).render(area, buf);
            return;
        }

        let question_lines: Vec<Line> = wrap_text(&question, usize::from(area.width))
            .into_iter()
            .take(2)
            .map(|l| Line::styled(l, theme::title()))
            .collect();
        let one = Constraint::Length(1);
        let [
            question_area,
            story_area,
            _,
            clock_area,
            state_area,
            bar_area,
            phase_area,
            chips_area,
            warning_area,
            cues_area,
        ] = area.layout(&Layout::vertical([
            Constraint::Length(cells(question_lines.len())),
            one,
            one,
            Constraint::Length(BIG_CLOCK_HEIGHT),
            one,
            Constraint::Length(2),
            one,
            one,
            one,
            Constraint::Fill(1),
        ]));
        Paragraph::new(question_lines).render(question_area, buf);
        story_line.render(story_area, buf);
        big_clock(&format_clock(elapsed), clock_area, buf, theme::verdict(verdict));
        Line::styled(self.state_words(ctx, contexts), theme::label()).centered().render(state_area, buf);
        Paragraph::new(target_bar(secs, target, area.width)).render(bar_area, buf);
        self.phase_line(ctx, contexts).render(phase_area, buf);
        self.phase_chips(ctx.now).render(chips_area, buf);
        Paragraph::new(self.setup_warning(ctx, contexts).unwrap_or_default()).render(warning_area, buf);
        if cues_area.height >= 3 {
            self.draw_cues(ctx, contexts, story, cues_area, buf);
        }
    }

    fn state_words(&self, ctx: &Ctx, contexts: &[Context]) -> String {
        let start = ctx.key(contexts, Action::StartPause);
        match self.timer.state() {
            ClockState::Ready => format!("READY: press {start} and answer aloud"),
            ClockState::Running => "RUNNING".into(),
            ClockState::Paused => format!("PAUSED: {start} resumes"),
            ClockState::Finished => "FINISHED".into(),
        }
    }

    fn phase_line(&self, ctx: &Ctx, contexts: &[Context]) -> Line<'static> {
        let phases = self.timer.phases();
        match self.timer.phase() {
            None => Line::styled(
                format!("Press {} as you move {}.", ctx.key(contexts, Action::MarkPhase), phases.path()),
                theme::dim(),
            ),
            Some(phase) => {
                let index = phases.position(phase).unwrap_or(0) + 1;
                Line::from(vec![
                    Span::styled(
                        format!("{index}/{} {}", phases.len(), phases.name(phase).to_uppercase()),
                        theme::active_tab(),
                    ),
                    Span::raw(format!(
                        " {} in phase · suggested {:.0}% of the answer",
                        format_clock(self.timer.phase_elapsed(ctx.now, phase)),
                        phases.share(phase) * 100.0
                    )),
                ])
            }
        }
    }

    fn phase_chips(&self, now: Instant) -> Line<'static> {
        let phases = self.timer.phases();
        let current = self.timer.phase().and_then(|p| phases.position(p));
        let mut spans = Vec::new();
        for (i, part) in phases.parts().iter().enumerate() {
            let reached = current.is_some_and(|c| c >= i);
            let time = if reached { format_clock(self.timer.phase_elapsed(now, part.phase)) } else { "—".into() };
            let style = if current == Some(i) {
                theme::active_tab()
            } else if reached {
                theme::label()
            } else {
                theme::dim()
            };
            spans.push(Span::styled(format!(" {} {time} ", part.name), style));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    }

    fn setup_warning(&self, ctx: &Ctx, contexts: &[Context]) -> Option<Line<'static>> {
        self.timer.setup_running_long(ctx.now, ctx.config().target).then(|| {
            Line::styled(
                format!(
                    "⚠ Setup running long ({}): press {} and move on to your Actions.",
                    format_clock(self.timer.setup_elapsed(ctx.now)),
                    ctx.key(contexts, Action::MarkPhase)
                ),
                theme::warning(),
            )
        })
    }

    fn draw_cues(&self, ctx: &Ctx, contexts: &[Context], story: Option<&Story>, area: Rect, buf: &mut Buffer) {
        let toggle = ctx.key(contexts, Action::ToggleCues);
        if !self.cues {
            let block = Block::new().borders(Borders::TOP).title(format!(" Cue cards hidden: {toggle} shows them "));
            block.render(area, buf);
            return;
        }
        let label = |name: &str, text: &str| {
            Line::from(vec![Span::styled(format!("{name}: "), theme::label()), Span::raw(text.to_string())])
        };
        let (title, lines) = if let Some(s) = story {
            let mut lines = vec![label("Situation", &s.situation), label("Task", &s.task)];
            lines.extend(s.actions.iter().map(|a| label("Action", a)));
            lines.extend(s.results.iter().map(|r| label("Result", r)));
            lines.push(label("Learning", &s.learning));
            (format!(" Cue cards: {} ({toggle} hides) ", s.title), lines)
        } else {
            let lines = structure(ctx, &self.prompt).into_iter().map(|(name, text)| label(name, text)).collect();
            (format!(" Answer structure from the guide ({toggle} hides) "), lines)
        };
        let block = Block::new().borders(Borders::TOP).title(Line::styled(title, theme::title()));
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block).render(area, buf);
    }
}

/// The guide's structure for an answer to `id`: the prompt's own steps, or for a drilled question the guide's
/// reusable STAR template.
fn structure(ctx: &Ctx, id: &str) -> Vec<(&'static str, &'static str)> {
    if let Some(prompt) = ctx.guide.prompt(id) {
        return prompt.structure.iter().map(|step| (step.label.as_str(), step.text.as_str())).collect();
    }
    let template = &ctx.guide.template;
    vec![
        ("Situation", template.situation.as_str()),
        ("Task", template.task.as_str()),
        ("Action", template.actions.as_str()),
        ("Result", template.results.as_str()),
    ]
}

fn story_line(story: Option<&Story>, choose_key: Option<String>) -> Line<'static> {
    match story {
        Some(s) => Line::from(vec![Span::styled("Story: ", theme::label()), Span::raw(s.title.clone())]),
        None => Line::from(vec![
            Span::styled("Story: ", theme::label()),
            Span::styled(
                match choose_key {
                    Some(key) => format!("none chosen ({key} to choose)"),
                    None => "none".to_string(),
                },
                theme::dim(),
            ),
        ]),
    }
}
