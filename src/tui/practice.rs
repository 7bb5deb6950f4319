//! The practice screen: the prompt, the big clock, the target bar, the STAR phase being spoken, cue cards.

use crate::model::{Phase, Story};
use crate::practice::{ClockState, PhaseShares, Verdict, format_clock};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::app::{App, PracticeView};
use super::theme;
use super::widgets::{self, BIG_CLOCK_HEIGHT};

/// Body rows needed for the full layout (big clock and cue cards); below it the compact one is drawn.
const FULL_HEIGHT: u16 = 18;

pub fn draw(app: &App, view: &PracticeView, area: Rect, buf: &mut Buffer) {
    let prompt = &app.guide.prompts[view.prompt];
    let now = app.now;
    let elapsed = view.timer.elapsed(now);
    let secs = elapsed.as_secs_f64();
    let verdict = Verdict::of(secs, app.target);
    let story = view.story.as_deref().and_then(|id| app.bank.story(id));
    let question = format!("{}. {}", prompt.number, prompt.question);

    if area.height < FULL_HEIGHT {
        let mut lines = vec![Line::styled(widgets::ellipsize(&question, usize::from(area.width)), theme::title())];
        lines.push(Line::from(vec![
            Span::styled(format_clock(elapsed), theme::verdict(verdict).patch(theme::title())),
            Span::raw(" "),
            Span::styled(state_word(view.timer.state()), theme::label()),
            Span::raw(" "),
            Span::styled(verdict.label().to_uppercase(), theme::verdict(verdict)),
        ]));
        lines.push(phase_line(view, app.shares, now));
        lines.extend(setup_warning(app, view));
        lines.extend(widgets::target_bar(secs, app.target, area.width));
        lines.push(story_line(story, view.choose_story));
        Paragraph::new(lines).render(area, buf);
        return;
    }

    let question_lines: Vec<Line> = widgets::wrap_text(&question, usize::from(area.width))
        .into_iter()
        .take(2)
        .map(|l| Line::styled(l, theme::title()))
        .collect();
    let mut y = area.y;
    let mut take = |h: u16| {
        let rect = Rect { y, height: h, ..area };
        y += h;
        rect
    };
    let q_height = question_lines.len() as u16;
    Paragraph::new(question_lines).render(take(q_height), buf);
    story_line(story, view.choose_story).render(take(1), buf);
    take(1);
    let clock_area = take(BIG_CLOCK_HEIGHT);
    widgets::big_clock(&format_clock(elapsed), clock_area, buf, theme::verdict(verdict));
    Line::styled(state_word(view.timer.state()), theme::label()).centered().render(take(1), buf);
    Paragraph::new(widgets::target_bar(secs, app.target, area.width)).render(take(2), buf);
    phase_line(view, app.shares, now).render(take(1), buf);
    phase_chips(view, now).render(take(1), buf);
    Paragraph::new(setup_warning(app, view).unwrap_or_default()).render(take(1), buf);
    let cues_area = Rect { y, height: area.bottom().saturating_sub(y), ..area };
    if cues_area.height >= 3 {
        draw_cues(app, view, story, cues_area, buf);
    }
}

fn state_word(state: ClockState) -> &'static str {
    match state {
        ClockState::Ready => "READY: press Space and answer aloud",
        ClockState::Running => "RUNNING",
        ClockState::Paused => "PAUSED: Space resumes",
        ClockState::Finished => "FINISHED",
    }
}

fn story_line(story: Option<&Story>, can_choose: bool) -> Line<'static> {
    match story {
        Some(s) => Line::from(vec![Span::styled("Story: ", theme::label()), Span::raw(s.title.clone())]),
        None => Line::from(vec![
            Span::styled("Story: ", theme::label()),
            Span::styled(if can_choose { "none chosen (t to choose)" } else { "none" }, theme::dim()),
        ]),
    }
}

fn phase_line(view: &PracticeView, shares: PhaseShares, now: std::time::Instant) -> Line<'static> {
    match view.timer.phase() {
        None => Line::styled("Press n as you move Situation → Task → Action → Result.", theme::dim()),
        Some(phase) => {
            let index = Phase::ALL.iter().position(|&p| p == phase).unwrap_or(0) + 1;
            Line::from(vec![
                Span::styled(format!("{index}/4 {}", phase.name().to_uppercase()), theme::active_tab()),
                Span::raw(format!(
                    " {} in phase · suggested {:.0}% of the answer",
                    format_clock(view.timer.phase_elapsed(now, phase)),
                    shares.of(phase) * 100.0
                )),
            ])
        }
    }
}

fn phase_chips(view: &PracticeView, now: std::time::Instant) -> Line<'static> {
    let current = view.timer.phase();
    let mut spans = Vec::new();
    for phase in Phase::ALL {
        let reached = current.is_some_and(|c| c >= phase);
        let time = if reached { format_clock(view.timer.phase_elapsed(now, phase)) } else { "—".into() };
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

fn setup_warning(app: &App, view: &PracticeView) -> Option<Line<'static>> {
    view.timer.setup_running_long(app.now, app.target, app.shares).then(|| {
        Line::styled(
            format!(
                "⚠ Setup running long ({}): press n and move on to your Actions.",
                format_clock(view.timer.setup_elapsed(app.now))
            ),
            theme::warning(),
        )
    })
}

fn draw_cues(app: &App, view: &PracticeView, story: Option<&Story>, area: Rect, buf: &mut Buffer) {
    if !view.cues {
        let block = Block::new().borders(Borders::TOP).title(" Cue cards hidden: h shows them ");
        block.render(area, buf);
        return;
    }
    let label = |name: &str, text: &str| {
        Line::from(vec![Span::styled(format!("{name}: "), theme::label()), Span::raw(text.to_string())])
    };
    let (title, lines) = match story {
        Some(s) => {
            let mut lines = vec![label("Situation", &s.situation), label("Task", &s.task)];
            lines.extend(s.actions.iter().map(|a| label("Action", a)));
            lines.extend(s.results.iter().map(|r| label("Result", r)));
            lines.push(label("Learning", &s.learning));
            (format!(" Cue cards: {} (h hides) ", s.title), lines)
        }
        None => {
            let prompt = &app.guide.prompts[view.prompt];
            let lines = prompt.structure.iter().map(|step| label(&step.label, &step.text)).collect();
            (" Answer structure from the guide (h hides) ".to_string(), lines)
        }
    };
    let block = Block::new().borders(Borders::TOP).title(Line::styled(title, theme::title()));
    Paragraph::new(lines).wrap(Wrap { trim: true }).block(block).render(area, buf);
}
