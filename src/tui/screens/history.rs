//! The History tab: the per-prompt summary, the attempts (only the rows on screen are built), and for the
//! selected attempt's prompt a chart of durations with the target lines and the phase split of recent answers.
//!
//! The rows shown are an index list over the bank's attempts, rebuilt only when the filter, the sort or the
//! history changes, so drawing a frame never walks the whole history.

mod panel;

use std::cmp::Ordering;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use crate::keys::{Action, Context};
use crate::model::{Attempt, Bank};
use crate::practice::{Verdict, format_secs};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Question, Undo};
use crate::tui::mouse::Hit;
use crate::tui::screens::attempt::AttemptScreen;
use crate::tui::screens::prompts::PromptsScreen;
use crate::tui::screens::{Component, Screen};
use crate::tui::theme;
use crate::tui::widgets::columns::{self, Column};
use crate::tui::widgets::text::{cells, ellipsize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Newest,
    Longest,
    Prompt,
    LeastConfident,
}

impl SortKey {
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Newest => "newest first",
            SortKey::Longest => "longest first",
            SortKey::Prompt => "by prompt",
            SortKey::LeastConfident => "least confident first",
        }
    }

    fn next(self) -> SortKey {
        match self {
            SortKey::Newest => SortKey::Longest,
            SortKey::Longest => SortKey::Prompt,
            SortKey::Prompt => SortKey::LeastConfident,
            SortKey::LeastConfident => SortKey::Newest,
        }
    }

    /// `prompt_order` ranks prompt ids as the guide lists them; ids it lacks come after, by id.
    fn compare(self, a: &Attempt, b: &Attempt, prompt_order: &[String]) -> Ordering {
        let newest = b.started_at.cmp(&a.started_at);
        let rank = |id: &str| prompt_order.iter().position(|p| p == id).unwrap_or(usize::MAX);
        match self {
            SortKey::Newest => newest,
            SortKey::Longest => b.duration_secs.total_cmp(&a.duration_secs).then(newest),
            SortKey::Prompt => rank(&a.prompt).cmp(&rank(&b.prompt)).then(a.prompt.cmp(&b.prompt)).then(newest),
            // Unrated attempts go last: there is nothing to learn from their confidence.
            SortKey::LeastConfident => {
                a.review.confidence.unwrap_or(u8::MAX).cmp(&b.review.confidence.unwrap_or(u8::MAX)).then(newest)
            }
        }
    }
}

pub struct HistoryScreen {
    /// Only attempts at this prompt, when set.
    pub prompt_filter: Option<String>,
    pub sort: SortKey,
    /// Indexes into `bank.attempts`, in the order shown.
    pub rows: Vec<usize>,
    pub selected: usize,
    /// The first row drawn, kept so the selected row stays in view.
    pub offset: usize,
    /// The latest attempts at the selected row's prompt, newest first, for the phase-split bars.
    pub recent_split: Vec<usize>,
    /// The prompts' ids in the guide's order, for sorting by prompt.
    prompt_order: Vec<String>,
}

impl Default for HistoryScreen {
    fn default() -> Self {
        HistoryScreen {
            prompt_filter: None,
            sort: SortKey::Newest,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            recent_split: Vec::new(),
            prompt_order: Vec::new(),
        }
    }
}

/// Whether the History screen has room for the per-prompt summary above its table.
pub fn shows_summary(size: Size) -> bool {
    size.height >= 20 && size.width >= 60
}

/// Whether it also has room for the chart and the splits beside the table.
pub fn shows_chart(size: Size) -> bool {
    size.height >= 24 && size.width >= 80
}

/// Rows of the attempts table that fit on screen at `height` body rows: the table gets what the summary above
/// it leaves, less its title and its header.
pub fn table_rows(height: usize, with_summary: bool) -> usize {
    let summary = if with_summary { SUMMARY_ROWS } else { 0 };
    height.saturating_sub(summary + 2).max(1)
}

/// The per-prompt summary: a header and seven prompts.
pub const SUMMARY_ROWS: usize = 8;
/// Recent attempts whose phase split is drawn beside the table.
pub const SPLIT_ATTEMPTS: usize = 5;

/// Rows for a screen's own content: everything but the header and the footer.
fn body_height(size: Size) -> usize {
    usize::from(size.height.saturating_sub(2))
}

impl HistoryScreen {
    const CONTEXTS: [Context; 4] = [Context::History, Context::List, Context::Top, Context::Global];

    /// Rebuilds the rows after the filter, the sort or the attempts changed.
    pub fn refresh(&mut self, bank: &Bank, size: Size) {
        let attempts = &bank.attempts;
        let mut rows: Vec<usize> = (0..attempts.len())
            .filter(|&i| self.prompt_filter.as_ref().is_none_or(|p| &attempts[i].prompt == p))
            .collect();
        if self.sort == SortKey::Newest {
            // Attempts are kept in the order they were made: newest first is that order reversed.
            rows.sort_by(|&a, &b| attempts[b].started_at.cmp(&attempts[a].started_at).then(b.cmp(&a)));
        } else {
            rows.sort_by(|&a, &b| self.sort.compare(&attempts[a], &attempts[b], &self.prompt_order).then(b.cmp(&a)));
        }
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.scroll_into_view(bank, size);
    }

    /// Selects row `index` of the table, as a click does.
    pub fn select_row(&mut self, index: usize, bank: &Bank, size: Size) {
        self.selected = index.min(self.rows.len().saturating_sub(1));
        self.scroll_into_view(bank, size);
    }

    pub fn selected_attempt<'b>(&self, bank: &'b Bank) -> Option<&'b Attempt> {
        self.rows.get(self.selected).and_then(|&i| bank.attempts.get(i))
    }

    /// Keeps the selected row on screen and the split bars about its prompt; runs on a key, not per frame.
    pub fn scroll_into_view(&mut self, bank: &Bank, size: Size) {
        let prompt = self.selected_attempt(bank).map(|a| a.prompt.clone());
        self.recent_split = match prompt {
            Some(prompt) => (0..bank.attempts.len())
                .rev()
                .filter(|&i| bank.attempts[i].prompt == prompt)
                .take(SPLIT_ATTEMPTS)
                .collect(),
            None => Vec::new(),
        };
        let visible = table_rows(body_height(size), shows_summary(size));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
    }
}

impl Component for HistoryScreen {
    fn title(&self) -> &'static str {
        "History"
    }

    fn contexts(&self) -> Vec<Context> {
        Self::CONTEXTS.to_vec()
    }

    fn apply(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let len = self.rows.len();
        let page = table_rows(body_height(ctx.size), false);
        if matches!(action, Action::DeleteAttempt | Action::UndoDelete)
            && let Some(refused) = ctx.refuse_change("attempts cannot be deleted or brought back here")
        {
            return refused;
        }
        let mut effect = Effect::None;
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(len.saturating_sub(1)),
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::PageDown => self.selected = (self.selected + page).min(len.saturating_sub(1)),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = len.saturating_sub(1),
            Action::FilterPrompt => {
                // Only prompts with attempts, so the filter never shows an empty table; prompts no pack loads any
                // more are practised prompts too, and after the prompts come the drilled questions: the filter
                // reaches them all.
                let mut ids = ctx.history.prompt_ids(ctx.guide);
                ids.retain(|id| ctx.history.summary(id).attempts > 0);
                ids.extend(ctx.history.drilled_questions(ctx.guide));
                let next = match &self.prompt_filter {
                    None => ids.first().copied(),
                    Some(current) => ids.iter().skip_while(|id| *id != current).nth(1).copied(),
                };
                self.prompt_filter = next.map(str::to_string);
                self.selected = 0;
                self.offset = 0;
                self.refresh(ctx.bank, ctx.size);
            }
            Action::Sort => {
                self.sort = self.sort.next();
                self.prompt_order = ctx.history.prompt_ids(ctx.guide).into_iter().map(str::to_string).collect();
                self.selected = 0;
                self.offset = 0;
                self.refresh(ctx.bank, ctx.size);
            }
            Action::Open => {
                if let Some(&index) = self.rows.get(self.selected) {
                    effect = Effect::Open(Screen::Attempt(AttemptScreen::new(index, ctx)));
                }
            }
            Action::DeleteAttempt if !self.rows.is_empty() => effect = Effect::Ask(Question::DeleteAttempt),
            Action::UndoDelete => effect = Effect::UndoDelete(Undo::Attempt),
            _ => {}
        }
        self.scroll_into_view(ctx.bank, ctx.size);
        effect
    }

    fn confirmed(&mut self, question: &Question, ctx: &Ctx) -> Effect {
        match (question, self.selected_attempt(ctx.bank)) {
            (Question::DeleteAttempt, Some(attempt)) => Effect::DeleteAttempt { attempt: attempt.id.clone() },
            _ => Effect::None,
        }
    }

    fn click(&mut self, hit: Hit, ctx: &Ctx) -> Option<Effect> {
        let Hit::Row(index) = hit else { return None };
        if self.selected == index {
            return Some(self.apply(Action::Open, ctx));
        }
        self.select_row(index, ctx.bank, ctx.size);
        Some(Effect::None)
    }

    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        if ctx.bank.attempts.is_empty() {
            let text = vec![
                Line::styled("No practice yet.", theme::title()),
                Line::raw(""),
                Line::from(vec![
                    Span::raw("Press "),
                    Span::styled(ctx.key(&Self::CONTEXTS, Action::ShowPrompts), theme::key()),
                    Span::raw(" for the prompts, pick one, and press "),
                    Span::styled(ctx.key(&PromptsScreen::CONTEXTS, Action::Practice), theme::key()),
                    Span::raw(" to rehearse an answer aloud against the clock. Each attempt you save lands here, with"),
                    Span::raw(" its time, its STAR split and your review."),
                ]),
            ];
            Paragraph::new(text).wrap(Wrap { trim: true }).render(area, buf);
            return;
        }
        // `area` is the body: the terminal less its header and footer.
        let terminal = Size { width: area.width, height: area.height + 2 };
        let (table_area, side) = if shows_summary(terminal) {
            let [summary, rest] =
                area.layout(&Layout::vertical([Constraint::Length(cells(SUMMARY_ROWS)), Constraint::Fill(1)]));
            panel::draw_summary(ctx, self, summary, buf);
            if shows_chart(terminal) {
                let [table, side] = rest.layout(&Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]));
                (table, Some(side))
            } else {
                (rest, None)
            }
        } else {
            (area, None)
        };
        self.draw_table(ctx, table_area, buf);
        if let (Some(side), Some(attempt)) = (side, self.selected_attempt(ctx.bank)) {
            panel::draw_prompt_panel(ctx, self, &attempt.prompt, side, buf);
        }
    }
}

impl HistoryScreen {
    fn draw_table(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let view = self;
        let visible = table_rows(usize::from(area.height), false);
        let title = match &view.prompt_filter {
            Some(p) => format!("{} · {}", prompt_name(ctx, p), view.sort.label()),
            None => format!("All prompts · {}", view.sort.label()),
        };
        // The prompt, the time and the verdict always; then the story, the date, the confidence and the setup as
        // the width allows. One cell is left for the selection mark.
        let columns = [
            Column::fixed(11, 3),
            Column::fixed(number_width(ctx), 0),
            Column::fixed(5, 0),
            Column::fixed(9, 0),
            Column::fixed(2, 4),
            Column::fixed(4, 5),
            Column::fill(12, 1, 2),
        ];
        let widths = columns::fit(&columns, area.width.saturating_sub(1));
        let rows =
            view.rows.iter().skip(view.offset).take(visible).map(|&i| attempt_row(ctx, &ctx.bank.attempts[i], &widths));
        let header = Row::new(columns::cells(&widths, &["Date", "#", "Time", "Verdict", "C", "Set", "Story"]))
            .style(theme::label());
        let title = format!(" {title} ({}) ", view.rows.len());
        let table = Table::new(rows, columns::constraints(&widths))
            .highlight_symbol("▶")
            .header(header)
            .row_highlight_style(theme::selected())
            .block(Block::new().title(Line::styled(ellipsize(&title, usize::from(area.width)), theme::dim())));
        let mut state = TableState::default().with_selected(Some(view.selected.saturating_sub(view.offset)));
        StatefulWidget::render(table, area, buf, &mut state);
        // Below the title and the column names; the ctx keeps the table's offset itself.
        let rows_area = Rect { y: area.y + 2, height: area.height.saturating_sub(2), ..area };
        let shown = view.rows.len().min(view.offset + visible);
        ctx.hits.borrow_mut().add_rows(rows_area, view.offset, shown);
    }
}

/// An attempt's row, its cells fitted to `widths` (the table's columns, some perhaps dropped).
fn attempt_row<'a>(ctx: &'a Ctx, a: &'a Attempt, widths: &[Option<u16>]) -> Row<'a> {
    let verdict = Verdict::of(a.duration_secs, ctx.config().target);
    let story = a.story.as_deref().map_or("—", |id| ctx.bank.story(id).map_or("(deleted)", |s| s.title.as_str()));
    // Mock rounds and drills say so in words, before the story.
    let story = match (&a.mock, &a.drill) {
        (Some(_), _) => format!("mock · {story}"),
        (None, Some(_)) => format!("drill · {story}"),
        (None, None) => story.to_string(),
    };
    let texts = [
        ctx.format_date(a.started_at)[5..].to_string(),
        prompt_number(ctx, &a.prompt),
        format_secs(a.duration_secs),
        verdict.label().to_string(),
        a.review.confidence.map_or_else(|| "—".to_string(), |c| c.to_string()),
        percent(a.setup_share()),
        story,
    ];
    let verdict_column = 3;
    let cells = widths.iter().zip(texts).enumerate().filter_map(|(i, (w, text))| {
        let text = ellipsize(&text, usize::from((*w)?));
        Some(if i == verdict_column { Span::styled(text, theme::verdict(verdict)) } else { Span::raw(text) })
    });
    Row::new(cells.collect::<Vec<_>>())
}

/// The prompt's number; "D" for a drilled question.
fn prompt_number(ctx: &Ctx, id: &str) -> String {
    match (ctx.guide.prompt(id), ctx.guide.question(id)) {
        (Some(p), _) => p.number.to_string(),
        (None, Some(_)) => "D".to_string(),
        (None, None) => "?".to_string(),
    }
}

/// "Prompt 4", "Drill: Tell me about…" for a drilled question, or the id when nothing loaded has it.
fn prompt_name(ctx: &Ctx, id: &str) -> String {
    match (ctx.guide.prompt(id), ctx.guide.question(id)) {
        (Some(p), _) => format!("Prompt {}", p.number),
        (None, Some(q)) => format!("Drill: {}", q.question),
        (None, None) => format!("Prompt {id}"),
    }
}

/// Room for the widest prompt number: one digit without packs, more with many pack prompts.
fn number_width(ctx: &Ctx) -> u16 {
    cells(ctx.guide.prompts.len().to_string().len())
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_string(), |s| format!("{:.0}%", s * 100.0))
}

fn secs(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), format_secs)
}
