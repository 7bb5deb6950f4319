//! One attempt from the history: when, which prompt (or drilled question) and story, the time and its split by the
//! prompt's phases, its recording to play from any phase mark and what it says, the review, and for a drill how long
//! the pick took; scrolled when it is taller than the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::drill::PICK_SECS;
use crate::keys::{Action, Context};
use crate::mock::FOLLOW_UP_TARGET;
use crate::model::{Attempt, Checklist, Phase};
use crate::practice::{Verdict, format_secs, whole_percentages};
use crate::recordings::RecordingStatus;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Question};
use crate::tui::screens::Component;
use crate::tui::theme;
use crate::tui::widgets::hearing::Heard;
use crate::tui::widgets::replay::{Recorded, Replay};
use crate::tui::widgets::scroll::{Scroll, ScrollKeys, draw_scrolled};
use crate::tui::widgets::text::wrap_line;

pub struct AttemptScreen {
    /// The attempt shown, by its index in the bank.
    pub index: usize,
    /// Whether its recording is there to play, as found when the screen opened.
    recording: RecordingStatus,
    replay: Replay,
    scroll: Scroll,
}

impl AttemptScreen {
    const CONTEXTS: [Context; 3] = [Context::Attempt, Context::Playback, Context::Global];

    pub fn new(index: usize, ctx: &Ctx) -> AttemptScreen {
        let recording =
            ctx.bank.attempts.get(index).map_or(RecordingStatus::None, |a| ctx.voice.recordings().status(a));
        AttemptScreen { index, recording, replay: Replay::default(), scroll: Scroll::default() }
    }
}

impl Component for AttemptScreen {
    fn title(&self) -> &'static str {
        "Attempt"
    }

    fn contexts(&self) -> Vec<Context> {
        Self::CONTEXTS.to_vec()
    }

    fn apply(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.scroll.apply(action) {
            return Effect::None;
        }
        if let Some(a) = ctx.bank.attempts.get(self.index) {
            let marks = a.phase_starts();
            let recorded = Recorded { status: &self.recording, duration: a.duration_secs, marks: &marks };
            if let Some(effect) = self.replay.apply(action, &recorded, ctx) {
                return effect;
            }
        }
        match action {
            Action::Back => Effect::Back,
            Action::DeleteAttempt => {
                ctx.refuse_change("attempts cannot be deleted here").unwrap_or(Effect::Ask(Question::DeleteAttempt))
            }
            _ => Effect::None,
        }
    }

    fn confirmed(&mut self, question: &Question, ctx: &Ctx) -> Effect {
        match (question, ctx.bank.attempts.get(self.index)) {
            (Question::DeleteAttempt, Some(attempt)) => Effect::DeleteAttempt { attempt: attempt.id.clone() },
            _ => Effect::None,
        }
    }

    fn wake(&self, _now: std::time::Instant) -> Option<std::time::Duration> {
        self.replay.wake()
    }

    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let Some(a) = ctx.bank.attempts.get(self.index) else {
            Paragraph::new("This attempt is gone.").render(area, buf);
            return;
        };
        // Laid out for the whole width, or one column less when it will scroll and the scrollbar takes one.
        let mut rows = lines(self, a, ctx, area.width);
        if rows.len() > usize::from(area.height) {
            rows = lines(self, a, ctx, area.width.saturating_sub(1));
        }
        let contexts = self.contexts();
        let keys = ScrollKeys { down: ctx.key(&contexts, Action::Down), up: ctx.key(&contexts, Action::Up) };
        draw_scrolled(rows, &self.scroll, &keys, area, buf);
    }
}

/// The page's rows at `width` columns, wrapped.
fn lines(screen: &AttemptScreen, a: &Attempt, ctx: &Ctx, width: u16) -> Vec<Line<'static>> {
    let verdict = Verdict::of(a.duration_secs, ctx.config().target);
    let question = ctx.guide.prompt_label(&a.prompt);
    let story = a.story.as_deref().map_or("none", |id| ctx.bank.story(id).map_or("(deleted)", |s| s.title.as_str()));
    let label = |text: &str| Span::styled(format!("{text}: "), theme::label());
    let mut lines = vec![
        Line::styled(question, theme::title()),
        Line::from(vec![label("When"), Span::raw(ctx.format_date(a.started_at))]),
        Line::from(vec![label("Story"), Span::raw(story.to_string())]),
        Line::from(vec![
            label("Time"),
            Span::raw(format!("{} ", format_secs(a.duration_secs))),
            Span::styled(verdict.label().to_uppercase(), theme::verdict(verdict)),
        ]),
    ];
    if let Some(drill) = a.drill {
        let late = if drill.pick_secs > PICK_SECS { " (late)" } else { "" };
        let probes = ctx.guide.question(&a.prompt).map(|q| format!(" · it probes {}", q.principles.join(" / ")));
        lines.push(Line::from(vec![
            label("Pick"),
            Span::raw(format!(
                "{} to choose the story{late}{}",
                format_secs(drill.pick_secs),
                probes.unwrap_or_default()
            )),
        ]));
    }
    lines.push(Line::raw(""));
    let phases = ctx.phases_of(a);
    // The prompt's phases, then any the attempt marked that it does not have (a prompt whose phases changed).
    let mut shown: Vec<Phase> = phases.order();
    for span in &a.phases {
        if !shown.contains(&span.phase) {
            shown.push(span.phase);
        }
    }
    let name_width = shown.iter().map(|&p| phases.name(p).chars().count()).max().unwrap_or(0).max(9) + 1;
    // Whole percentages that add up to 100.
    let percents = whole_percentages(&shown.iter().map(|&p| a.phase_secs(p)).collect::<Vec<_>>());
    for (phase, percent) in shown.into_iter().zip(percents) {
        let secs = a.phase_secs(phase);
        let marked = a.phases.iter().any(|p| p.phase == phase);
        let time = if marked { format!("{:>5} {percent:>3}%", format_secs(secs)) } else { "    —     ".into() };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<name_width$}", phases.name(phase)), theme::label()),
            Span::raw(time),
            Span::styled(format!("  suggested {:.0}%", phases.share(phase) * 100.0), theme::dim()),
        ]));
    }
    let marks = a.phase_starts();
    let recorded = Recorded { status: &screen.recording, duration: a.duration_secs, marks: &marks };
    let heard = Heard {
        hearing: ctx.voice.hearing(&a.id),
        saved: a.voice.as_ref(),
        phases: &a.phases,
        duration: a.duration_secs,
        marks: &marks,
    };
    let (loudness, figures) = heard.lines(ctx.config().voice.pace_wpm, true, width);
    lines.extend(loudness);
    lines.extend(screen.replay.lines(ctx, &AttemptScreen::CONTEXTS, &recorded, width));
    lines.extend(figures);
    lines.push(Line::raw(""));
    for item in phases.checks() {
        let mark = if a.review.checklist.get(item) { "[x]" } else { "[ ]" };
        lines.push(Line::raw(format!("{mark} {}", Checklist::ITEMS[item])));
    }
    lines.push(Line::from(vec![
        label("Confidence"),
        Span::raw(a.review.confidence.map_or_else(|| "not given".to_string(), |c| format!("{c} of 5"))),
    ]));
    if !a.review.note.is_empty() {
        // A note written over several lines keeps them: a line break drawn inside one line would join its words.
        let mut note = a.review.note.lines();
        lines.push(Line::from(vec![label("Note"), Span::raw(note.next().unwrap_or_default().to_string())]));
        lines.extend(note.map(|l| Line::raw(format!("      {l}"))));
    }
    if let Some(mock) = &a.mock {
        lines.push(Line::from(vec![label("Mock interview"), Span::raw(format!("a round of mock {mock}"))]));
    }
    for f in &a.follow_ups {
        let verdict = Verdict::of(f.secs, FOLLOW_UP_TARGET);
        lines.push(Line::from(vec![
            label("Follow-up"),
            Span::raw(format!("{} ", format_secs(f.secs))),
            Span::styled(verdict.label().to_uppercase(), theme::verdict(verdict)),
            Span::raw(format!(" {}", f.question)),
        ]));
    }
    lines.into_iter().flat_map(|line| wrap_line(line, usize::from(width))).collect()
}
