//! The review after an answer: time, verdict, split by phase, the pitfall checklist (the items that apply to the
//! prompt's phases), confidence and a note. The mock and the drill review their answers with the same screen,
//! less saving and discarding.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use ratatui_textarea::TextArea;

use crate::keys::{Action, Context, Key, KeyCode};
use crate::model::{Attempt, Checklist, Review, new_id};
use crate::practice::{Verdict, format_secs};
use crate::text;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Question, Status};
use crate::tui::mouse::Hit;
use crate::tui::screens::{Component, Tab};
use crate::tui::theme;
use crate::tui::widgets::answer::AnswerStep;
use crate::tui::widgets::text::{ellipsize, share_cells, wrap_text};

/// The line with the time and the verdict, kept in view however far the review scrolls.
const TIME_LINE: usize = 1;

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
}

impl ReviewScreen {
    pub const CONTEXTS: [Context; 2] = [Context::Review, Context::Global];

    pub fn new(answer: AnswerStep, finished_at: std::time::Instant) -> ReviewScreen {
        let mut note = TextArea::default();
        note.set_placeholder_text("What would you change next time?");
        let checks = answer.timer.phases().checks();
        ReviewScreen { answer, finished_at, cursor: 0, checks, review: Review::default(), note, editing: false }
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
            self.note.input(key);
            Effect::None
        })
    }

    pub fn paste_note(&mut self, pasted: &str) -> Effect {
        if self.editing {
            self.note.insert_str(text::clean(pasted));
        }
        Effect::None
    }

    /// Draws the review; `contexts` are the screen's, to name its keys.
    pub fn draw_within(&self, ctx: &Ctx, contexts: &[Context], area: Rect, buf: &mut Buffer) {
        let key = |action| ctx.key(contexts, action);
        let answer = &self.answer;
        let target = ctx.config().target;

        let at = self.finished_at;
        let secs = answer.timer.duration_secs(at);
        let verdict = Verdict::of(secs, target);
        let story = answer.story.as_deref().and_then(|id| ctx.bank.story(id));

        let question = ctx.guide.prompt_label(&answer.prompt);
        let mut lines = vec![Line::styled(ellipsize(&question, usize::from(area.width)), theme::title())];
        lines.push(Line::from(vec![
            Span::styled(format!("Time {} ", format_secs(secs)), theme::title()),
            Span::styled(verdict.label().to_uppercase(), theme::verdict(verdict)),
            Span::raw(format!(
                " (target {}–{}) · Story: {}",
                format_secs(target.min_secs),
                format_secs(target.max_secs),
                story.map_or("none", |s| s.title.as_str())
            )),
        ]));
        lines.extend(self.split_lines(area.width));
        let tick = ctx.keys().label_preferring(contexts, Action::Toggle, Key::char(' '));
        lines.push(Line::styled(format!("Did you avoid the guide's pitfalls? ({tick} ticks)"), theme::heading()));
        let checklist_start = lines.len();
        for (line, &item) in self.checks.iter().enumerate() {
            let mark = if self.review.checklist.get(item) { "[x]" } else { "[ ]" };
            lines.push(selectable(self.cursor == line, &format!("{mark} {}", Checklist::ITEMS[item])));
        }
        let note = self.note.lines().join(" ");
        let write = ctx.keys().label_preferring(contexts, Action::Toggle, Key::plain(KeyCode::Enter));
        let note_text =
            if note.trim().is_empty() { format!("Note: ({write} to write one)") } else { format!("Note: {note}") };
        lines.push(selectable(self.cursor == self.note_line(), &note_text));
        let mut confidence = vec![Span::styled("Confidence ", theme::label())];
        for n in 1..=5u8 {
            let style = if self.review.confidence == Some(n) { theme::active_tab() } else { theme::dim() };
            confidence.push(Span::styled(format!(" {n} "), style));
        }
        if self.review.confidence.is_none() {
            confidence.push(Span::raw(format!(" press {}–{}", key(Action::Confidence(1)), key(Action::Confidence(5)))));
        }
        lines.push(Line::from(confidence));
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
        // Keep the selected line in view on a short terminal, and the time and verdict (line 1) above it.
        let cursor_line = checklist_start + self.cursor;
        let height = usize::from(text_area.height);
        let scroll = (cursor_line + 1).saturating_sub(height);
        let (pinned, scroll) = if scroll > 0 && height >= 3 {
            let rows = height - 1;
            (Some(lines[TIME_LINE].clone()), (cursor_line + 1).saturating_sub(rows).max(TIME_LINE + 1))
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

    /// The time each phase took, as a bar against its suggested share, then the setup's share in words (when the
    /// phases have a setup).
    fn split_lines(&self, width: u16) -> Vec<Line<'static>> {
        let answer = &self.answer;
        let at = self.finished_at;
        let secs = answer.timer.duration_secs(at);
        let phases = answer.timer.phases();
        let mut lines = Vec::new();
        let name_width = phases.parts().iter().map(|p| p.name.chars().count()).max().unwrap_or(0).max(9);
        let bar_width = usize::from(width).saturating_sub(35 + name_width).clamp(4, 30);
        let spans = answer.timer.spans(at);
        for part in phases.parts() {
            let phase = part.phase;
            let phase_secs = answer.timer.phase_elapsed(at, phase).as_secs_f64();
            let share = if secs > 0.0 { phase_secs / secs } else { 0.0 };
            let marked = spans.iter().any(|s| s.phase == phase);
            let filled = share_cells(share, bar_width, bar_width);
            lines.push(Line::from(vec![
                Span::styled(format!("{:<name_width$} ", part.name), theme::label()),
                Span::raw(if marked {
                    format!("{:>5} {:>3.0}% ", format_secs(phase_secs), share * 100.0)
                } else {
                    "    —      ".into()
                }),
                Span::raw("█".repeat(filled) + &"░".repeat(bar_width - filled)),
                Span::styled(format!(" suggested {:.0}%", part.share * 100.0), theme::dim()),
            ]));
        }
        let Some(limit) = phases.setup_share() else { return lines };
        let setup_share = answer.timer.setup_elapsed(at).as_secs_f64() / secs.max(f64::EPSILON);
        let setup_text = format!("Setup ({}) took {:.0}% of the answer", phases.setup_names(), setup_share * 100.0);
        lines.push(if setup_share > limit {
            Line::styled(format!("⚠ {setup_text}: keep it under {:.0}%.", limit * 100.0), theme::warning())
        } else {
            Line::raw(format!("{setup_text}: short, as it should be."))
        });
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
        match action {
            Action::Back => Effect::Ask(Question::DiscardAttempt),
            Action::Save if ctx.read_only.is_some() => {
                ctx.refuse_change("this attempt cannot be saved (Esc discards it)").unwrap_or(Effect::None)
            }
            Action::Save => {
                let prompt = ctx.guide.prompt(&self.answer.prompt);
                let attempt = self.to_attempt();
                let status = Status::info(format!(
                    "Saved: {} on prompt {}, {}.",
                    format_secs(attempt.duration_secs),
                    prompt.map_or_else(|| self.answer.prompt.clone(), |p| p.number.to_string()),
                    Verdict::of(attempt.duration_secs, ctx.config().target).label()
                ));
                Effect::Many(vec![
                    Effect::AttemptDone { attempt: Box::new(attempt), status },
                    Effect::Tab(Tab::Prompts),
                ])
            }
            _ => Effect::None,
        }
    }

    fn confirmed(&mut self, question: &Question, _ctx: &Ctx) -> Effect {
        match question {
            Question::DiscardAttempt => Effect::Back,
            _ => Effect::None,
        }
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
