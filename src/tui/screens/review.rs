//! The review after an answer: time, verdict, split by phase, the pitfall checklist (the items that apply to the
//! prompt's phases), confidence and a note. The mock and the drill review their answers with the same screen,
//! less saving and discarding.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use ratatui_textarea::TextArea;

use crate::budget::{self, PhaseVerdict};
use crate::keys::{Action, Context, Key, KeyCode};
use crate::model::{Attempt, Checklist, Phase, Review, new_id, phase_starts};
use crate::plan;
use crate::practice::{Verdict, format_secs, whole_percentages};
use crate::recordings::RecordingStatus;
use crate::text;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Question, Status};
use crate::tui::mouse::Hit;
use crate::tui::screens::{Component, Tab};
use crate::tui::theme;
use crate::tui::voice::Mic;
use crate::tui::widgets::answer::AnswerStep;
use crate::tui::widgets::hearing::Heard;
use crate::tui::widgets::replay::{Recorded, Replay};
use crate::tui::widgets::text::{ellipsize, fit_paste, paste_cut, share_cells, wrap_text};
use crate::tui::widgets::text_input::text_key;
use crate::validate::MAX_TEXT_BYTES;
use unicode_width::UnicodeWidthStr;

/// Rows kept for the note editor while writing.
const NOTE_EDITOR_HEIGHT: u16 = 4;

pub struct ReviewScreen {
    pub answer: AnswerStep,
    pub finished_at: std::time::Instant,
    /// The line selected: a checklist line (an index into `checks`), or the note after them.
    pub cursor: usize,
    /// The checklist items that apply to this answer's phases, as indexes into [`Checklist::ITEMS`].
    pub checks: Vec<usize>,
    pub review: Review,
    pub note: TextArea<'static>,
    pub editing: bool,
    /// The answer's recording, played before it is saved.
    pub replay: Replay,
}

impl ReviewScreen {
    pub const CONTEXTS: [Context; 3] = [Context::Review, Context::Playback, Context::Global];

    pub fn new(answer: AnswerStep, finished_at: std::time::Instant) -> ReviewScreen {
        let mut note = TextArea::default();
        note.set_placeholder_text("What would you change next time?");
        let checks = answer.timer.phases().checks();
        ReviewScreen {
            answer,
            finished_at,
            cursor: 0,
            checks,
            review: Review::default(),
            note,
            editing: false,
            replay: Replay::default(),
        }
    }

    /// The note's line, after the checklist's.
    pub fn note_line(&self) -> usize {
        self.checks.len()
    }

    /// The contexts while reviewing, inside a screen whose own come first (`outer`).
    pub fn contexts_within(&self, outer: &[Context]) -> Vec<Context> {
        if self.editing {
            return vec![Context::TextInput];
        }
        outer.iter().copied().chain(Self::CONTEXTS).collect()
    }

    /// The keys a review has wherever it is (after practice, in a mock): move, tick, rate, write the note.
    /// False when `action` is none of them.
    pub fn apply_common(&mut self, action: Action) -> bool {
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(self.note_line()),
            Action::Toggle => match self.checks.get(self.cursor) {
                Some(&item) => self.review.checklist.toggle(item),
                None => self.editing = true,
            },
            Action::Confidence(n) => self.review.confidence = Some(n),
            Action::EditNote => {
                self.cursor = self.note_line();
                self.editing = true;
            }
            Action::Back if self.editing => self.editing = false,
            _ => return false,
        }
        true
    }

    /// The playback keys, on the answer's recording (the app holds it until the attempt is saved or dropped).
    pub fn play(&mut self, action: Action, ctx: &Ctx) -> Option<Effect> {
        let (status, marks) = self.recording(ctx);
        let recorded = Recorded { status: &status, duration: self.duration_secs(), marks: &marks };
        self.replay.apply(action, &recorded, ctx)
    }

    /// Done with the answer (saved, discarded, moved past): the sound stops.
    pub fn stop_playing(&mut self) {
        self.replay.close();
    }

    fn duration_secs(&self) -> f64 {
        self.answer.timer.duration_secs(self.finished_at)
    }

    fn recording(&self, ctx: &Ctx) -> (RecordingStatus, Vec<(Phase, f64)>) {
        let status = ctx.voice.answer_recording().map_or(RecordingStatus::None, |p| RecordingStatus::Ready(p.into()));
        (status, phase_starts(&self.answer.timer.spans(self.finished_at)))
    }

    /// The attempt this review records: the clock's times, the ticks and confidence, and the cleaned note.
    pub fn to_attempt(&self) -> Attempt {
        let mut record = self.review.clone();
        record.note = text::clean(self.note.lines().join("\n").trim());
        let answer = &self.answer;
        answer.timer.to_attempt(self.finished_at, new_id(), &answer.prompt, answer.story.as_deref(), record)
    }

    /// A click on a checklist line ticks it; on the note, starts writing.
    pub fn click_line(&mut self, hit: Hit) -> Option<Effect> {
        let Hit::ReviewLine(line) = hit else { return None };
        self.cursor = line.min(self.note_line());
        match self.checks.get(line) {
            Some(&item) => self.review.checklist.toggle(item),
            None => self.editing = true,
        }
        Some(Effect::None)
    }

    pub fn type_note(&mut self, key: KeyEvent) -> Option<Effect> {
        self.editing.then(|| {
            self.note.input(text_key(key));
            Effect::None
        })
    }

    pub fn paste_note(&mut self, pasted: &str) -> Effect {
        if !self.editing {
            return Effect::None;
        }
        let used: usize = self.note.lines().iter().map(|l| l.len() + 1).sum();
        let (fitted, cut) = fit_paste(text::clean(pasted), MAX_TEXT_BYTES.saturating_sub(used));
        self.note.insert_str(fitted);
        if cut { Effect::Status(Status::error(paste_cut(MAX_TEXT_BYTES))) } else { Effect::None }
    }

    /// The question, then the time with its verdict and the story (beside it where both fit); and which line holds
    /// the time, kept in view however far the review scrolls.
    fn head_lines(&self, ctx: &Ctx, width: usize) -> (Vec<Line<'static>>, usize) {
        let answer = &self.answer;
        let target = ctx.config().target;
        let secs = answer.timer.duration_secs(self.finished_at);
        let verdict = Verdict::of(secs, target);
        let story = answer.story.as_deref().and_then(|id| ctx.bank.story(id));
        let question = ctx.guide.prompt_label(&answer.prompt);
        let mut lines: Vec<Line> =
            wrap_text(&question, width).into_iter().map(|l| Line::styled(l, theme::title())).collect();
        let mut time = vec![
            Span::styled(format!("Time {} ", format_secs(secs)), theme::title()),
            Span::styled(verdict.label().to_uppercase(), theme::verdict(verdict)),
            Span::raw(format!(" (target {}–{})", format_secs(target.min_secs), format_secs(target.max_secs))),
        ];
        let story = format!("Story: {}", story.map_or("none", |s| s.title.as_str()));
        let time_line = lines.len();
        // The story beside the time where both fit, else on its own line, cut with "…" only there.
        if Line::from(time.clone()).width() + 3 + story.width() <= width {
            time.push(Span::raw(format!(" · {story}")));
            lines.push(Line::from(time));
        } else {
            lines.push(Line::from(time));
            lines.push(Line::raw(ellipsize(&story, width)));
        }
        (lines, time_line)
    }

    /// Draws the review; `contexts` are the screen's, to name its keys.
    pub fn draw_within(&self, ctx: &Ctx, contexts: &[Context], area: Rect, buf: &mut Buffer) {
        let key = |action| ctx.key(contexts, action);
        let answer = &self.answer;
        let at = self.finished_at;
        let secs = answer.timer.duration_secs(at);
        let width = usize::from(area.width);
        let (mut lines, time_line) = self.head_lines(ctx, width);
        lines.extend(self.split_lines(ctx, area.width));
        let (status, marks) = self.recording(ctx);
        let recorded = Recorded { status: &status, duration: secs, marks: &marks };
        let spans = answer.timer.spans(at);
        let heard =
            Heard { hearing: ctx.voice.answer_hearing(), saved: None, phases: &spans, duration: secs, marks: &marks };
        let (loudness, figures) = heard.lines(ctx.config().voice.pace_wpm, false, area.width);
        lines.extend(loudness);
        lines.extend(self.replay.lines(ctx, contexts, &recorded, area.width));
        lines.extend(figures);
        let tick = ctx.keys().label_preferring(contexts, Action::Toggle, Key::char(' '));
        lines.push(Line::styled(format!("Did you avoid the guide's pitfalls? ({tick} ticks)"), theme::heading()));
        let checklist_start = lines.len();
        lines.extend(self.checklist_lines(ctx, contexts, width));
        let confidence_line = lines.len();
        let mut confidence = vec![Span::styled("Confidence ", theme::label())];
        for n in 1..=5u8 {
            let style = if self.review.confidence == Some(n) { theme::active_tab() } else { theme::dim() };
            confidence.push(Span::styled(format!(" {n} "), style));
        }
        if self.review.confidence.is_none() {
            confidence.push(Span::raw(format!(" press {}–{}", key(Action::Confidence(1)), key(Action::Confidence(5)))));
        }
        lines.push(Line::from(confidence));
        // What the plan will make of it, live as lines are ticked and the confidence given.
        let phases = answer.timer.phases();
        let graded = plan::grade(&self.to_attempt(), ctx.config().target, phases);
        let graded = format!("The plan grades this {}", graded.explain());
        lines.extend(wrap_text(&graded, width).into_iter().map(|l| Line::styled(l, theme::dim())));
        if let Some(pitfall) = self.checks.get(self.cursor).and_then(|&item| ctx.guide.pitfalls.get(item)) {
            let hint = format!("Guide: {} {}", pitfall.pitfall, pitfall.remedy);
            lines.extend(wrap_text(&hint, usize::from(area.width)).into_iter().map(|l| Line::styled(l, theme::dim())));
        }

        let text_area = if self.editing && area.height > NOTE_EDITOR_HEIGHT + 2 {
            let [text_area, editor] =
                area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(NOTE_EDITOR_HEIGHT)]));
            let done = ctx.key(&[Context::TextInput], Action::Back);
            let block = Block::new()
                .borders(Borders::TOP)
                .title(Line::styled(format!(" Note: {done} when done "), theme::title()));
            let inner = block.inner(editor);
            block.render(editor, buf);
            self.note.render(inner, buf);
            text_area
        } else {
            area
        };
        // Keep the selected line in view on a short terminal, the confidence row under the checklist with it where
        // the height allows (else the rating is below the screen and nothing says so), and the time and verdict
        // (line 1) above them.
        let cursor_line = checklist_start + self.cursor;
        let last_shown = |rows: usize| confidence_line.min(cursor_line + rows.saturating_sub(1));
        let height = usize::from(text_area.height);
        let scroll = (last_shown(height) + 1).saturating_sub(height);
        let (pinned, scroll) = if scroll > 0 && height >= 3 {
            let rows = height - 1;
            (Some(lines[time_line].clone()), (last_shown(rows) + 1).saturating_sub(rows).max(time_line + 1))
        } else {
            (None, scroll)
        };
        let top = usize::from(pinned.is_some());
        let visible: Vec<Line> = pinned.into_iter().chain(lines.into_iter().skip(scroll).take(height - top)).collect();
        Paragraph::new(visible).render(text_area, buf);
        let mut hits = ctx.hits.borrow_mut();
        for line in 0..=self.note_line() {
            let Some(row) = (checklist_start + line).checked_sub(scroll).map(|r| r + top).filter(|&r| r < height)
            else {
                continue;
            };
            let Ok(row) = u16::try_from(row) else { continue };
            hits.add(Rect { y: text_area.y + row, height: 1, ..text_area }, Hit::ReviewLine(line));
        }
    }

    /// The checklist's lines (the items that apply to the answer), then the note's, wrapped under its text rather
    /// than running off the edge.
    fn checklist_lines(&self, ctx: &Ctx, contexts: &[Context], width: usize) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        for (line, &item) in self.checks.iter().enumerate() {
            let mark = if self.review.checklist.get(item) { "[x]" } else { "[ ]" };
            lines.push(selectable(self.cursor == line, &format!("{mark} {}", Checklist::ITEMS[item])));
        }
        let note = self.note.lines().join(" ");
        let write = ctx.keys().label_preferring(contexts, Action::Toggle, Key::plain(KeyCode::Enter));
        let note_text =
            if note.trim().is_empty() { format!("Note: ({write} to write one)") } else { format!("Note: {note}") };
        for (i, chunk) in wrap_text(&note_text, width.saturating_sub(2)).iter().enumerate() {
            lines.push(if i == 0 {
                selectable(self.cursor == self.note_line(), chunk)
            } else {
                Line::raw(format!("  {chunk}"))
            });
        }
        lines
    }

    /// The time each phase took, as a bar against its suggested share, then the setup's share in words (when the
    /// phases have a setup).
    /// The time each phase took (whole percentages that add up to 100), as a bar, with its verdict against its
    /// budget; then what to work on.
    fn split_lines(&self, ctx: &Ctx, width: u16) -> Vec<Line<'static>> {
        let answer = &self.answer;
        let at = self.finished_at;
        let secs = answer.timer.duration_secs(at);
        let phases = answer.timer.phases();
        let phase_secs: Vec<f64> =
            phases.parts().iter().map(|p| answer.timer.phase_elapsed(at, p.phase).as_secs_f64()).collect();
        let judged = budget::judge(&phase_secs, secs, ctx.config().target, phases);
        // Whole percentages that add up to 100, as the eye checks them.
        let percents = whole_percentages(&phase_secs);
        let name_width = phases.parts().iter().map(|p| p.name.chars().count()).max().unwrap_or(0).max(9);
        let bar_width = usize::from(width).saturating_sub(35 + name_width).clamp(4, 30);
        let mut lines = Vec::new();
        for (j, percent) in judged.iter().zip(percents) {
            let filled = share_cells(j.share_of_answer, bar_width, bar_width);
            let (verdict, style) = match j.verdict {
                PhaseVerdict::Within => (format!(" budget {}", j.budget.range()), theme::dim()),
                PhaseVerdict::Over => (format!(" OVER: budget {}", j.budget.range()), theme::error()),
                PhaseVerdict::Thin => (format!(" THIN: {:.0}% suggested", j.budget.share * 100.0), theme::warning()),
                PhaseVerdict::Missing => (" MISSING".to_string(), theme::warning()),
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{:<name_width$} ", j.budget.name), theme::label()),
                Span::raw(if j.verdict == PhaseVerdict::Missing && j.secs == 0.0 {
                    "    —      ".into()
                } else {
                    format!("{:>5} {percent:>3}% ", format_secs(j.secs))
                }),
                Span::raw("█".repeat(filled) + &"░".repeat(bar_width - filled)),
                Span::styled(verdict, style),
            ]));
        }
        let misses = budget::misses(&judged);
        if misses.is_empty() {
            lines.push(Line::styled("No phase over its budget, thin or missing.", theme::good()));
        }
        for miss in misses {
            let text = format!("⚠ {miss}.");
            lines.extend(wrap_text(&text, usize::from(width)).into_iter().map(|l| Line::styled(l, theme::warning())));
        }
        lines
    }
}

impl Component for ReviewScreen {
    fn title(&self) -> &'static str {
        "Review"
    }

    fn contexts(&self) -> Vec<Context> {
        self.contexts_within(&[])
    }

    fn apply(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.apply_common(action) {
            return Effect::None;
        }
        if let Some(effect) = self.play(action, ctx) {
            return effect;
        }
        match action {
            Action::Back => Effect::Ask(Question::DiscardAttempt),
            Action::Save if ctx.read_only.is_some() => {
                ctx.refuse_change("this attempt cannot be saved (Esc discards it)").unwrap_or(Effect::None)
            }
            Action::Save => {
                self.stop_playing();
                let prompt = ctx.guide.prompt(&self.answer.prompt);
                let attempt = self.to_attempt();
                let status = Status::info(format!(
                    "Saved: {} on prompt {}, {}.",
                    format_secs(attempt.duration_secs),
                    prompt.map_or_else(|| self.answer.prompt.clone(), |p| p.number.to_string()),
                    Verdict::of(attempt.duration_secs, ctx.config().target).label()
                ));
                Effect::Many(vec![
                    Effect::AttemptDone { attempt: Box::new(attempt), status: Some(status) },
                    Effect::Tab(Tab::Prompts),
                ])
            }
            _ => Effect::None,
        }
    }

    fn confirmed(&mut self, question: &Question, _ctx: &Ctx) -> Effect {
        match question {
            Question::DiscardAttempt => {
                self.stop_playing();
                Effect::Many(vec![Effect::Mic(Mic::Discard), Effect::Back])
            }
            _ => Effect::None,
        }
    }

    fn wake(&self, _now: std::time::Instant) -> Option<std::time::Duration> {
        self.replay.wake()
    }

    fn type_key(&mut self, key: KeyEvent, _ctx: &Ctx) -> Option<Effect> {
        self.type_note(key)
    }

    /// A finished answer is kept however the app closes, as `s` would keep it.
    fn on_exit(&mut self, ctx: &Ctx) -> Effect {
        self.apply(Action::Save, ctx)
    }

    fn paste(&mut self, text: &str, _ctx: &Ctx) -> Effect {
        self.paste_note(text)
    }

    fn click(&mut self, hit: Hit, _ctx: &Ctx) -> Option<Effect> {
        self.click_line(hit)
    }

    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        self.draw_within(ctx, &Self::CONTEXTS, area, buf);
    }
}

fn selectable(selected: bool, text: &str) -> Line<'static> {
    if selected { Line::styled(format!("▶ {text}"), theme::selected()) } else { Line::raw(format!("  {text}")) }
}
