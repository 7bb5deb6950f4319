//! The Stories tab: the story bank with each story's prompts, principles, speaking time and coach findings, a
//! filter, and the way into the editor and the coverage view.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use crate::coverage::Coverage;
use crate::keys::{Action, Context};
use crate::lint;
use crate::model::{Bank, Story};
use crate::practice::format_secs;
use crate::text;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Question};
use crate::tui::mouse::Hit;
use crate::tui::screens::coverage::CoverageScreen;
use crate::tui::screens::editor::{EditorScreen, Field};
use crate::tui::screens::{Component, Screen};
use crate::tui::theme;
use crate::tui::widgets::scroll::ListCursor;
use crate::tui::widgets::text::cells;

#[derive(Default)]
pub struct StoriesScreen {
    pub cursor: ListCursor,
    pub filter: String,
    /// Whether the user is typing the filter.
    pub filtering: bool,
}

impl StoriesScreen {
    const CONTEXTS: [Context; 4] = [Context::Stories, Context::List, Context::Top, Context::Global];

    /// Indexes into the bank of the stories the filter lets through, in bank order.
    pub fn visible(&self, bank: &Bank) -> Vec<usize> {
        let needle = self.filter.trim().to_lowercase();
        bank.stories
            .iter()
            .enumerate()
            .filter(|(_, s)| needle.is_empty() || story_text(s).to_lowercase().contains(&needle))
            .map(|(i, _)| i)
            .collect()
    }

    fn selected_story<'b>(&self, bank: &'b Bank) -> Option<&'b Story> {
        self.visible(bank).get(self.cursor.selected).map(|&i| &bank.stories[i])
    }

    /// Shows the story at `index` in the bank selected, clearing the filter when it hides it.
    pub fn select_story(&mut self, bank: &Bank, index: usize) {
        if !self.visible(bank).contains(&index) {
            self.filter.clear();
        }
        let visible = self.visible(bank);
        let row = visible.iter().position(|&i| i == index).unwrap_or(0);
        self.cursor.select(row, visible.len());
    }

    /// Keeps the selection on the list after stories went away.
    pub fn clamp(&mut self, bank: &Bank) {
        let len = self.visible(bank).len();
        self.cursor.select(self.cursor.selected, len);
    }
}

impl Component for StoriesScreen {
    fn title(&self) -> &'static str {
        "Stories"
    }

    fn contexts(&self) -> Vec<Context> {
        if self.filtering { vec![Context::Filter] } else { Self::CONTEXTS.to_vec() }
    }

    fn apply(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.filtering {
            self.filtering = false;
            if action == Action::Back {
                self.filter.clear();
            }
            return Effect::None;
        }
        if self.cursor.apply(action, self.visible(ctx.bank).len()) {
            return Effect::None;
        }
        if matches!(action, Action::AddStory | Action::EditStory | Action::DeleteStory | Action::UndoDelete)
            && let Some(refused) = ctx.refuse_change("stories cannot be written or deleted here")
        {
            return refused;
        }
        match action {
            Action::AddStory => Effect::AddStory,
            Action::EditStory => match self.selected_story(ctx.bank) {
                Some(story) => {
                    Effect::Open(Screen::Editor(Box::new(EditorScreen::open(story, Field::Title, ctx.guide))))
                }
                None => Effect::None,
            },
            Action::DeleteStory => match self.selected_story(ctx.bank) {
                Some(story) => Effect::Ask(Question::DeleteStory { title: story.title.clone() }),
                None => Effect::None,
            },
            Action::UndoDelete => Effect::UndoDelete,
            Action::Filter => {
                self.filtering = true;
                self.cursor.selected = 0;
                Effect::None
            }
            Action::ShowCoverage => Effect::Open(Screen::Coverage(CoverageScreen::default())),
            _ => Effect::None,
        }
    }

    fn confirmed(&mut self, question: &Question, ctx: &Ctx) -> Effect {
        match (question, self.selected_story(ctx.bank)) {
            (Question::DeleteStory { .. }, Some(story)) => Effect::DeleteStory { story: story.id.clone() },
            _ => Effect::None,
        }
    }

    fn type_key(&mut self, key: KeyEvent, _ctx: &Ctx) -> Option<Effect> {
        if !self.filtering {
            return None;
        }
        match key.code {
            KeyCode::Backspace => {
                self.filter.pop();
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => self.filter.push(c),
            _ => return Some(Effect::None),
        }
        self.cursor.selected = 0;
        Some(Effect::None)
    }

    fn paste(&mut self, pasted: &str, _ctx: &Ctx) -> Effect {
        if self.filtering {
            self.filter.push_str(&text::clean_line(pasted));
            self.cursor.selected = 0;
        }
        Effect::None
    }

    fn click(&mut self, hit: Hit, ctx: &Ctx) -> Option<Effect> {
        let Hit::Row(index) = hit else { return None };
        if self.cursor.selected == index {
            return Some(self.apply(Action::EditStory, ctx));
        }
        self.cursor.select(index, self.visible(ctx.bank).len());
        Some(Effect::None)
    }

    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        if ctx.bank.stories.is_empty() {
            let add = ctx.key(&Self::CONTEXTS, Action::AddStory);
            let text = vec![
                Line::styled("No stories yet.", theme::title()),
                Line::raw(""),
                Line::raw(
                    "The guide's first step is a bank of 6–8 STAR stories, each mapped to the prompts it answers.",
                ),
                Line::from(vec![
                    Span::raw("Press "),
                    Span::styled(add, theme::key()),
                    Span::raw(" to write your first."),
                ]),
            ];
            Paragraph::new(text).wrap(Wrap { trim: true }).render(area, buf);
            return;
        }
        let progress = Coverage::of(ctx.bank, ctx.guide).progress();
        let coverage_key = ctx.key(&Self::CONTEXTS, Action::ShowCoverage);
        let mut heads = vec![Line::from(vec![
            Span::styled(progress, theme::label()),
            Span::styled(format!("  ({coverage_key}: coverage)"), theme::dim()),
        ])];
        for flag in ctx.history.rewrite_flags().iter().take(2) {
            let title = ctx.bank.story(&flag.story).map_or(flag.story.as_str(), |s| s.title.as_str());
            heads.push(Line::from(vec![
                Span::styled("⚠ Rewrite ", theme::warning()),
                Span::styled(format!("{title}: "), theme::label()),
                Span::raw(flag.reason.clone()),
            ]));
        }
        if let Some(note) = ctx.own_pace_note() {
            heads.push(Line::styled(note, theme::dim()));
        }
        if self.filtering || !self.filter.is_empty() {
            let cursor = if self.filtering { "▏" } else { "" };
            heads.push(Line::from(vec![
                Span::styled("Filter: ", theme::label()),
                Span::raw(format!("{}{cursor}", self.filter)),
            ]));
        }
        let [heads_area, table_area] =
            area.layout(&Layout::vertical([Constraint::Length(cells(heads.len())), Constraint::Fill(1)]));
        Paragraph::new(heads).render(heads_area, buf);
        let visible = self.visible(ctx.bank);
        if visible.is_empty() {
            let clear = ctx.key(&[Context::Filter], Action::Back);
            Paragraph::new(format!("No story matches the filter; {clear} clears it.")).render(table_area, buf);
            return;
        }
        self.draw_table(ctx, &visible, table_area, buf);
    }
}

impl StoriesScreen {
    fn draw_table(&self, ctx: &Ctx, visible: &[usize], area: Rect, buf: &mut Buffer) {
        let wide = area.width >= 60;
        let pace = ctx.pace();
        let rows = visible.iter().map(|&i| {
            let s = &ctx.bank.stories[i];
            // In the guide's order; a prompt no loaded pack has shows as "?", so the story's mapping is not hidden.
            let mut prompts: Vec<String> =
                ctx.guide.prompts.iter().filter(|p| s.fits(&p.id)).map(|p| p.number.to_string()).collect();
            if s.prompts.iter().any(|id| ctx.guide.prompt(id).is_none()) {
                prompts.push("?".into());
            }
            let findings = lint::lint(s, pace);
            let coach = if findings.is_empty() {
                "✓ ready".to_string()
            } else {
                let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
                format!("{}: {}", findings.len(), codes.join(" "))
            };
            let title = if s.title.is_empty() { "(untitled)".to_string() } else { s.title.clone() };
            let time = format_secs(lint::speaking_secs(s, pace.words_per_minute));
            if !wide {
                return Row::new(vec![title, time]);
            }
            let prompts = if prompts.is_empty() { "—".into() } else { prompts.join(",") };
            Row::new(vec![title, prompts, s.principles.len().to_string(), time, coach])
        });
        // Narrow terminals keep the title and the time; the other columns come back with the width.
        let (widths, header) = if wide {
            let widths = vec![
                Constraint::Fill(3),
                Constraint::Length(13),
                Constraint::Length(5),
                Constraint::Length(5),
                Constraint::Fill(2),
            ];
            (widths, vec!["Story", "Prompts", "Prin.", "Time", "Coach"])
        } else {
            (vec![Constraint::Fill(1), Constraint::Length(5)], vec!["Story", "Time"])
        };
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme::label()))
            .row_highlight_style(theme::selected())
            .highlight_symbol("▶ ");
        let mut state = TableState::default().with_selected(Some(self.cursor.selected.min(visible.len() - 1)));
        StatefulWidget::render(table, area, buf, &mut state);
        let rows_area = Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area };
        self.cursor.shown(usize::from(rows_area.height));
        ctx.hits.borrow_mut().add_rows(rows_area, state.offset(), visible.len());
    }
}

pub fn story_text(s: &Story) -> String {
    [s.title.as_str(), &s.situation, &s.task, &s.learning, &s.actions.join(" "), &s.results.join(" ")].join(" ")
}

/// A story with nothing written in it, which closing the editor drops.
pub fn is_blank(s: &Story) -> bool {
    story_text(s).trim().is_empty() && s.principles.is_empty() && s.prompts.is_empty()
}
