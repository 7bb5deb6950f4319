//! The answer against the clock, shared by Practice and the mock: the prompt, the big clock, the target bar, the
//! STAR phase being spoken, cue cards. One state, one set of keys (the `Answer` context), one drawing.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::budget::{Countdown, PhaseBudget, clock_up};
use crate::keys::{Action, Context};
use crate::model::{Phase, Story};
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
    /// The prompt answered, by its index in the guide.
    pub prompt: usize,
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
    pub fn new(prompt: usize, story: Option<String>, cues: bool) -> AnswerStep {
        AnswerStep { prompt, story, cues, timer: Timer::new() }
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
                        _ => format!("You are on the Result: press {} when you have finished.", key(Action::Finish)),
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
        let prompt = &ctx.guide.prompts[self.prompt];
        let target = ctx.config().target;
        let elapsed = self.timer.elapsed(ctx.now);
        let secs = elapsed.as_secs_f64();
        let verdict = Verdict::of(secs, target);
        let story = self.story.as_deref().and_then(|id| ctx.bank.story(id));
        let question = format!("{}. {}", prompt.number, prompt.question);
        let story_line = story_line(story, choose_story.then(|| ctx.key(contexts, Action::PickStory)));

        let countdown = self.countdown(ctx);
        if area.height < FULL_HEIGHT {
            let mut lines = vec![Line::styled(ellipsize(&question, usize::from(area.width)), theme::title())];
            let mut clock = Vec::new();
            if let Some((_, style, text)) = &countdown {
                clock.extend([Span::styled(text.clone(), *style), Span::styled(" · answer ", theme::dim())]);
            }
            clock.extend([
                Span::styled(format_clock(elapsed), theme::verdict(verdict).patch(theme::title())),
                Span::raw(" "),
                Span::styled(self.state_words(ctx, contexts), theme::label()),
                Span::raw(" "),
                Span::styled(verdict.label().to_uppercase(), theme::verdict(verdict)),
            ]);
            lines.push(Line::from(clock));
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
        // While a phase runs its own countdown is the big clock, and the whole answer's the quieter one below.
        let state = Span::styled(self.state_words(ctx, contexts), theme::label());
        if let Some((digits, style, text)) = countdown {
            big_clock(&digits, clock_area, buf, style);
            let whole = format!(" · answer {} · ", format_clock(elapsed));
            Line::from(vec![Span::styled(text, style), Span::styled(whole, theme::dim()), state])
                .centered()
                .render(state_area, buf);
        } else {
            big_clock(&format_clock(elapsed), clock_area, buf, theme::verdict(verdict));
            Line::from(state).centered().render(state_area, buf);
        }
        Paragraph::new(target_bar(secs, target, area.width)).render(bar_area, buf);
        self.phase_line(ctx, contexts).render(phase_area, buf);
        self.phase_chips(ctx.now).render(chips_area, buf);
        Paragraph::new(self.setup_warning(ctx, contexts).unwrap_or_default()).render(warning_area, buf);
        if cues_area.height >= 3 {
            self.draw_cues(ctx, contexts, story, cues_area, buf);
        }
    }

    /// The running phase against its budget: the big clock's digits (time left, or over), their style, and the
    /// words ("Action 0:34 of 0:45"); `None` before the clock starts.
    fn countdown(&self, ctx: &Ctx) -> Option<(String, Style, String)> {
        let phase = self.timer.phase()?;
        let config = ctx.config();
        let budget = PhaseBudget::of(phase, config.target, config.phase_shares);
        let elapsed = self.timer.phase_elapsed(ctx.now, phase);
        let (digits, style) = match budget.countdown(elapsed) {
            Countdown::Left(left) => (clock_up(left), theme::good()),
            Countdown::PastAim(left) => (clock_up(left), theme::warning()),
            Countdown::Over(over) => (format_clock(over), theme::error()),
        };
        Some((digits, style, budget.countdown_text(elapsed)))
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
        match self.timer.phase() {
            None => Line::styled(
                format!(
                    "Press {} as you move Situation → Task → Action → Result.",
                    ctx.key(contexts, Action::MarkPhase)
                ),
                theme::dim(),
            ),
            Some(phase) => {
                let index = Phase::ALL.iter().position(|&p| p == phase).unwrap_or(0) + 1;
                let config = ctx.config();
                let budget = PhaseBudget::of(phase, config.target, config.phase_shares);
                Line::from(vec![
                    Span::styled(format!("{index}/4 {}", phase.name().to_uppercase()), theme::active_tab()),
                    Span::raw(format!(
                        " {} in phase · budget {} ({:.0}% of the answer)",
                        format_clock(self.timer.phase_elapsed(ctx.now, phase)),
                        budget.range(),
                        budget.share * 100.0
                    )),
                ])
            }
        }
    }

    fn phase_chips(&self, now: Instant) -> Line<'static> {
        let current = self.timer.phase();
        let mut spans = Vec::new();
        for phase in Phase::ALL {
            let reached = current.is_some_and(|c| c >= phase);
            let time = if reached { format_clock(self.timer.phase_elapsed(now, phase)) } else { "—".into() };
            let style = if current == Some(phase) {
                theme::active_tab()
            } else if reached {
                theme::label()
            } else {
                theme::dim()
            };
            spans.push(Span::styled(format!(" {} {time} ", phase.name()), style));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    }

    fn setup_warning(&self, ctx: &Ctx, contexts: &[Context]) -> Option<Line<'static>> {
        let config = ctx.config();
        self.timer.setup_running_long(ctx.now, config.target, config.phase_shares).then(|| {
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
            let prompt = &ctx.guide.prompts[self.prompt];
            let lines = prompt.structure.iter().map(|step| label(&step.label, &step.text)).collect();
            (format!(" Answer structure from the guide ({toggle} hides) "), lines)
        };
        let block = Block::new().borders(Borders::TOP).title(Line::styled(title, theme::title()));
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block).render(area, buf);
    }
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
