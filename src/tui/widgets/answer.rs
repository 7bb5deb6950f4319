//! The answer against the clock, shared by Practice, the mock and the drill: the prompt or drilled question, the big
//! clock, the target bar, the phase being spoken (STAR's, or the prompt's own), cue cards. One state, one set of
//! keys (the `Answer` context), one drawing.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::budget::{Countdown, PhaseBudget, clock_up};
use crate::content::PhaseSet;
use crate::keys::{Action, Context};
use crate::model::{Phase, Story};
use crate::practice::{ClockState, Timer, Verdict, format_clock};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Status};
use crate::tui::theme;
use crate::tui::voice::Mic;
use crate::tui::widgets::clock::{BIG_CLOCK_HEIGHT, big_clock, target_bar};
use crate::tui::widgets::scroll::{Scroll, ScrollKeys, draw_scrolled};
use crate::tui::widgets::text::{cells, ellipsize, ellipsize_line, wrap_text};
use unicode_width::UnicodeWidthStr;

/// Below this many rows the question takes one line, cut, rather than two.
const SHORT_HEIGHT: u16 = 12;
/// Below this many rows there is no room for cue cards: the clock and the bar come first.
const TINY_HEIGHT: u16 = 8;

#[derive(Clone)]
pub struct AnswerStep {
    /// The id of the prompt answered, or of the drilled question.
    pub prompt: String,
    pub story: Option<String>,
    pub cues: bool,
    pub timer: Timer,
    /// How far the cue cards are scrolled.
    pub cue_scroll: Scroll,
}

/// What a key did to the answer.
pub enum Answered {
    /// Handled here, with what the app should do.
    Handled(Effect),
    /// Enter on a running clock: the answer is over and goes to its review (after [`AnswerStep::mic_follows`]).
    Finished,
    /// Not an answer key: the screen's own.
    NotMine,
}

impl AnswerStep {
    /// An answer to `prompt` (a prompt's or a drilled question's id), moving through `phases` (`ctx.phases`).
    pub fn new(prompt: String, story: Option<String>, cues: bool, phases: PhaseSet) -> AnswerStep {
        AnswerStep { prompt, story, cues, timer: Timer::with_phases(phases), cue_scroll: Scroll::default() }
    }

    /// The keys while answering; `contexts` are the owning screen's, to name its keys in hints.
    pub fn apply(&mut self, action: Action, ctx: &Ctx, contexts: &[Context]) -> Answered {
        let key = |action| ctx.key(contexts, action);
        match action {
            Action::StartPause => {
                self.timer.toggle(ctx.now, ctx.wall);
                return Answered::Handled(self.mic_follows());
            }
            Action::Record => {
                let toggle = || Effect::Mic(Mic::Toggle(Box::new(self.timer.clone())));
                return Answered::Handled(ctx.refuse_change("nothing is recorded").unwrap_or_else(toggle));
            }
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
            Action::Up | Action::Down => {
                self.cue_scroll.apply(action);
            }
            _ => return Answered::NotMine,
        }
        Answered::Handled(Effect::None)
    }

    /// The microphone follows the clock: after every start, pause, resume and finish.
    pub fn mic_follows(&self) -> Effect {
        Effect::Mic(Mic::Follow(Box::new(self.timer.clone())))
    }

    pub fn wake(&self, now: Instant) -> Option<Duration> {
        self.timer.until_next_second(now)
    }

    /// Draws the answer; `choose_story` says whether the story can still be changed here (not in a mock).
    ///
    /// The cue cards come first in the choice of layout: the big clock gives way to a one-line clock, and the
    /// setup (Situation, Task) to one line each, before any action or result is pushed out of sight; what still
    /// does not fit scrolls, and the cards say so.
    pub fn draw(&self, ctx: &Ctx, contexts: &[Context], choose_story: bool, area: Rect, buf: &mut Buffer) {
        let target = ctx.config().target;
        let elapsed = self.timer.elapsed(ctx.now);
        let secs = elapsed.as_secs_f64();
        let verdict = Verdict::of(secs, target);
        let story = self.story.as_deref().and_then(|id| ctx.bank.story(id));
        let question = ctx.guide.prompt_label(&self.prompt);
        let mut story_line = story_line(story, choose_story.then(|| ctx.key(contexts, Action::PickStory)));
        let width = usize::from(area.width);
        let mic = mic_words(ctx, contexts, width.saturating_sub(story_line.width() + 3));

        // While a phase runs its own countdown leads, and the whole answer's clock is the quieter one.
        // On a narrow line the whole answer's clock goes first, as it is the only clock there; the phase's follows.
        let countdown = self.countdown(ctx);
        let mut clock = vec![
            Span::styled(format_clock(elapsed), theme::verdict(verdict).patch(theme::title())),
            Span::raw(" "),
            Span::styled(self.state_words(ctx, contexts), theme::label()),
        ];
        if let Some((_, style, text)) = &countdown {
            if width >= 44 {
                clock.splice(0..0, [Span::styled(text.clone(), *style), Span::styled(" · answer ", theme::dim())]);
            } else {
                clock.extend([Span::styled(" · ", theme::dim()), Span::styled(text.clone(), *style)]);
            }
        }
        if let Some(badge) = recording_badge(ctx) {
            // First on the line, so a narrow terminal cuts the words rather than the badge.
            clock.splice(0..0, [badge, Span::raw(" ")]);
        }
        let clock_line = Line::from(clock);
        if area.height < TINY_HEIGHT {
            // The clock first, then what else fits.
            let mut lines = vec![Line::styled(ellipsize(&question, width), theme::title()), clock_line];
            lines.push(self.phase_row(ctx, contexts, width));
            lines.extend(target_bar(secs, target, area.width));
            if let Some(mic) = mic {
                story_line.spans.extend([Span::raw(" · "), mic]);
            }
            lines.push(story_line);
            Paragraph::new(lines).render(area, buf);
            return;
        }
        let question_lines: Vec<Line> = if area.height < SHORT_HEIGHT {
            vec![Line::styled(ellipsize(&question, width), theme::title())]
        } else {
            wrap_text(&question, width).into_iter().take(2).map(|l| Line::styled(l, theme::title())).collect()
        };
        // Rows every layout has: the question, the story, the bar and its scale, the phase.
        let fixed = question_lines.len() + 1 + 2 + 1;
        let rest = usize::from(area.height).saturating_sub(fixed);
        let cues = self.cue_items(ctx, story);
        let cue_width = width.saturating_sub(1);
        let needs = |compact| if self.cues { cue_lines(&cues, cue_width, compact).len() + 1 } else { 1 };
        // The big clock with its state line and the phase chips, or one line for all three.
        let big_rows = usize::from(BIG_CLOCK_HEIGHT) + 2;
        let (big, compact) = [(true, false), (true, true), (false, false), (false, true)]
            .into_iter()
            .find(|&(big, compact)| needs(compact) + if big { big_rows } else { 1 } <= rest)
            .unwrap_or((false, true));
        let [question_area, story_area, clock_area, bar_area, phase_area, chips_area, cues_area] =
            area.layout(&Layout::vertical([
                Constraint::Length(cells(question_lines.len())),
                Constraint::Length(1),
                Constraint::Length(if big { BIG_CLOCK_HEIGHT + 1 } else { 1 }),
                Constraint::Length(2),
                Constraint::Length(1),
                Constraint::Length(u16::from(big)),
                Constraint::Fill(1),
            ]));
        Paragraph::new(question_lines).render(question_area, buf);
        let mic_width = mic.as_ref().map_or(0, |m| cells(m.width() + 2));
        let [story_area, mic_area] =
            story_area.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Length(mic_width)]));
        ellipsize_line(story_line, usize::from(story_area.width)).render(story_area, buf);
        if let Some(mic) = mic {
            Line::from(mic).right_aligned().render(mic_area, buf);
        }
        if big {
            let [digits, state] =
                clock_area.layout(&Layout::vertical([Constraint::Length(BIG_CLOCK_HEIGHT), Constraint::Length(1)]));
            let mut words = vec![Span::styled(self.state_words(ctx, contexts), theme::label())];
            if let Some(badge) = recording_badge(ctx) {
                words.extend([Span::raw("  "), badge]);
            }
            if let Some((big_digits, style, text)) = countdown {
                big_clock(&big_digits, digits, buf, style);
                let whole = format!(" · answer {} · ", format_clock(elapsed));
                words.splice(0..0, [Span::styled(text, style), Span::styled(whole, theme::dim())]);
            } else {
                big_clock(&format_clock(elapsed), digits, buf, theme::verdict(verdict));
            }
            Line::from(words).centered().render(state, buf);
            self.phase_chips(ctx.now).render(chips_area, buf);
        } else {
            clock_line.render(clock_area, buf);
        }
        Paragraph::new(target_bar(secs, target, area.width)).render(bar_area, buf);
        // The warning says what to do about the phase, so it takes the phase's line while it holds.
        self.phase_row(ctx, contexts, usize::from(phase_area.width)).render(phase_area, buf);
        if !self.cues {
            let toggle = ctx.key(contexts, Action::ToggleCues);
            let title = format!(" Cue cards hidden: {toggle} shows them ");
            Block::new().borders(Borders::TOP).title(ellipsize(&title, width)).render(cues_area, buf);
        } else if cues_area.height >= 2 {
            self.draw_cues(ctx, contexts, story, &cues, compact, cues_area, buf);
        }
    }

    /// What the cue cards hold: the story's notes field by field, or the guide's structure without a story.
    fn cue_items(&self, ctx: &Ctx, story: Option<&Story>) -> Vec<Cue> {
        // A field written over several lines reads as one text on a card: its lines joined with a space.
        let cue = |label: &str, text: &str| Cue {
            label: label.to_string(),
            text: text.split('\n').collect::<Vec<_>>().join(" "),
        };
        match story {
            Some(s) => {
                let mut items = vec![cue("Situation", &s.situation), cue("Task", &s.task)];
                items.extend(s.actions.iter().map(|a| cue("Action", a)));
                items.extend(s.results.iter().map(|r| cue("Result", r)));
                items.push(cue("Learning", &s.learning));
                items.retain(|c| !c.text.trim().is_empty());
                items
            }
            None => structure(ctx, &self.prompt).into_iter().map(|(label, text)| cue(label, text)).collect(),
        }
    }

    /// The running phase against its budget: the big clock's digits (time left, or over), their style, and the
    /// words ("Action 0:34 of 0:45"); `None` before the clock starts.
    fn countdown(&self, ctx: &Ctx) -> Option<(String, Style, String)> {
        let phase = self.timer.phase()?;
        let budget = PhaseBudget::of(phase, ctx.config().target, self.timer.phases())?;
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

    /// The row under the target bar: the setup warning while it stands, else the phase line, within `width`.
    fn phase_row(&self, ctx: &Ctx, contexts: &[Context], width: usize) -> Line<'static> {
        let line = self.setup_warning(ctx, contexts).unwrap_or_else(|| self.phase_line(ctx, contexts, width));
        ellipsize_line(line, width)
    }

    fn phase_line(&self, ctx: &Ctx, contexts: &[Context], width: usize) -> Line<'static> {
        let phases = self.timer.phases();
        match self.timer.phase() {
            None => Line::styled(
                format!("Press {} as you move {}.", ctx.key(contexts, Action::MarkPhase), phases.path()),
                theme::dim(),
            ),
            Some(phase) => {
                let index = phases.position(phase).unwrap_or(0) + 1;
                let budget = PhaseBudget::of(phase, ctx.config().target, phases);
                let (range, share) = budget.map_or((String::new(), 0.0), |b| (b.range(), b.share * 100.0));
                let name = format!("{index}/{} {}", phases.len(), phases.name(phase).to_uppercase());
                let time = format_clock(self.timer.phase_elapsed(ctx.now, phase));
                // The longest form that fits, rather than one cut off at the edge.
                let forms = [
                    format!(" {time} in phase · budget {range} ({share:.0}% of the answer)"),
                    format!(" {time} in phase · budget {range} ({share:.0}%)"),
                    format!(" {time} · budget {range}"),
                ];
                let room = width.saturating_sub(name.width());
                let rest = forms.iter().find(|f| f.width() <= room).unwrap_or(&forms[2]).clone();
                Line::from(vec![Span::styled(name, theme::active_tab()), Span::raw(rest)])
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

    #[allow(clippy::too_many_arguments)]
    fn draw_cues(
        &self,
        ctx: &Ctx,
        contexts: &[Context],
        story: Option<&Story>,
        cues: &[Cue],
        compact: bool,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let toggle = ctx.key(contexts, Action::ToggleCues);
        let title = match story {
            Some(s) => format!(" Cue cards: {} ({toggle} hides) ", s.title),
            None => format!(" Answer structure from the guide ({toggle} hides) "),
        };
        let block = Block::new()
            .borders(Borders::TOP)
            .title(Line::styled(ellipsize(&title, usize::from(area.width)), theme::title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let lines = cue_lines(cues, usize::from(inner.width.saturating_sub(1)), compact);
        let keys = ScrollKeys { down: ctx.key(contexts, Action::Down), up: ctx.key(contexts, Action::Up) };
        draw_scrolled(lines, &self.cue_scroll, &keys, inner, buf);
    }
}

/// One note on the cue cards: "Action: I rolled the config back…".
pub struct Cue {
    pub label: String,
    pub text: String,
}

/// The cards' lines at `width` columns: each note wrapped under a hanging indent, so one note's end shows; with
/// `compact`, the setup notes (Situation, Task) on one line each, cut with "…".
pub fn cue_lines(cues: &[Cue], width: usize, compact: bool) -> Vec<Line<'static>> {
    const INDENT: usize = 2;
    let width = width.max(INDENT + 1);
    let mut lines = Vec::new();
    for cue in cues {
        let head = format!("{}: ", cue.label);
        let setup = cue.label == Phase::Situation.name() || cue.label == Phase::Task.name();
        if compact && setup {
            let text = ellipsize(&cue.text, width.saturating_sub(head.width()));
            lines.push(Line::from(vec![Span::styled(head, theme::label()), Span::raw(text)]));
            continue;
        }
        let wrapped = wrap_text(&format!("{head}{}", cue.text), width - INDENT);
        for (i, chunk) in wrapped.into_iter().enumerate() {
            if i == 0
                && let Some(body) = chunk.strip_prefix(head.trim_end())
            {
                let label = Span::styled(head.trim_end().to_string(), theme::label());
                lines.push(Line::from(vec![label, Span::raw(body.to_string())]));
            } else if i == 0 {
                lines.push(Line::raw(chunk));
            } else {
                lines.push(Line::raw(format!("{}{chunk}", " ".repeat(INDENT))));
            }
        }
    }
    lines
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

/// Whether this answer is recorded, and the key that changes it; nothing on a read-only session.
/// The microphone's state in words, short when the long form would not leave `room` for it beside the story.
fn mic_words(ctx: &Ctx, contexts: &[Context], room: usize) -> Option<Span<'static>> {
    let voice = ctx.voice;
    let key = ctx.key(contexts, Action::Record);
    if !voice.can_record() {
        return None;
    }
    let (long, short) = if voice.is_unavailable() && !voice.is_recording() {
        ("recording unavailable".to_string(), "no mic".to_string())
    } else if voice.is_on() {
        (format!("recording on ({key} turns it off)"), format!("rec on ({key})"))
    } else {
        (format!("recording off ({key} turns it on)"), format!("rec off ({key})"))
    };
    Some(Span::styled(if long.width() <= room { long } else { short }, theme::dim()))
}

/// `● REC` while the microphone is open and kept, and never otherwise.
fn recording_badge(ctx: &Ctx) -> Option<Span<'static>> {
    ctx.voice.is_recording().then(|| Span::styled(" ● REC ", theme::recording()))
}
