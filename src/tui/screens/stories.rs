//! The Stories tab: the story bank with each story's prompts, principles, speaking time and coach findings, a
//! filter, and the way into the editor and the coverage view.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use crate::coverage;
use crate::keys::{Action, Context};
use crate::lint;
use crate::model::{Bank, Story};
use crate::practice::format_secs;
use crate::text;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Question, Undo};
use crate::tui::mouse::Hit;
use crate::tui::screens::coverage::CoverageScreen;
use crate::tui::screens::editor::{EditorScreen, Field};
use crate::tui::screens::{Component, Screen};
use crate::tui::theme;
use crate::tui::widgets::columns::{self, Column};
use crate::tui::widgets::scroll::ListCursor;
use crate::tui::widgets::text::{cells, wrap_line};
use unicode_width::UnicodeWidthStr;

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
        if self.filtering {
            vec![Context::Filter]
        } else if !self.filter.is_empty() {
            [Context::FilterKept].into_iter().chain(Self::CONTEXTS).collect()
        } else {
            Self::CONTEXTS.to_vec()
        }
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
            Action::Back if !self.filter.is_empty() => {
                self.filter.clear();
                self.cursor.selected = 0;
                Effect::None
            }
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
            Action::UndoDelete => Effect::UndoDelete(Undo::Story),
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
        let progress = coverage::progress(ctx.bank.stories.len());
        let coverage_key = ctx.key(&Self::CONTEXTS, Action::ShowCoverage);
        let hint = format!("  ({coverage_key}: coverage)");
        // The hint only where it fits whole; the help lists the key anyway.
        let mut progress = vec![Span::styled(progress, theme::label())];
        if progress[0].width() + hint.width() <= usize::from(area.width) {
            progress.push(Span::styled(hint, theme::dim()));
        }
        let mut heads = vec![Line::from(progress)];
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
        // Wrapped rather than cut at the edge, in at most a third of the screen (the table is what it is for), and
        // the filter being typed always shown.
        let mut heads: Vec<Line> =
            heads.into_iter().flat_map(|line| wrap_line(line, usize::from(area.width))).collect();
        let filter = (self.filtering || !self.filter.is_empty()).then(|| {
            let cursor = if self.filtering { "▏" } else { "" };
            let mut line =
                vec![Span::styled("Filter: ", theme::label()), Span::raw(format!("{}{cursor}", self.filter))];
            if !self.filtering {
                let clear = ctx.key(&self.contexts(), Action::Back);
                line.push(Span::styled(format!("  ({clear} clears it)"), theme::dim()));
            }
            Line::from(line)
        });
        heads.truncate(usize::from(area.height / 3).max(1).saturating_sub(usize::from(filter.is_some())).max(1));
        heads.extend(filter);
        let [heads_area, table_area] =
            area.layout(&Layout::vertical([Constraint::Length(cells(heads.len())), Constraint::Fill(1)]));
        Paragraph::new(heads).render(heads_area, buf);
        let visible = self.visible(ctx.bank);
        if visible.is_empty() {
            let clear = ctx.key(&self.contexts(), Action::Back);
            Paragraph::new(format!("No story matches the filter; {clear} clears it."))
                .wrap(Wrap { trim: true })
                .render(table_area, buf);
            return;
        }
        self.draw_table(ctx, &visible, table_area, buf);
    }
}

impl StoriesScreen {
    fn draw_table(&self, ctx: &Ctx, visible: &[usize], area: Rect, buf: &mut Buffer) {
        let pace = ctx.pace();
        let prompts_of = |s: &Story| {
            // In the guide's order; a prompt no loaded pack has shows as "?", so the mapping is not hidden.
            let mut prompts: Vec<String> =
                ctx.guide.prompts.iter().filter(|p| s.fits(&p.id)).map(|p| p.number.to_string()).collect();
            if s.prompts.iter().any(|id| ctx.guide.prompt(id).is_none()) {
                prompts.push("?".into());
            }
            if prompts.is_empty() { "—".into() } else { prompts.join(",") }
        };
        // Only the rows on screen are built (the coach reads each story): the window the table would scroll to.
        let shown = usize::from(area.height.saturating_sub(1)).max(1);
        let selected = self.cursor.selected.min(visible.len() - 1);
        let offset = (selected + 1).saturating_sub(shown);
        let texts: Vec<[String; 5]> = visible
            .iter()
            .skip(offset)
            .take(shown)
            .map(|&i| {
                let s = &ctx.bank.stories[i];
                let findings = lint::lint(s, pace);
                let coach = if findings.is_empty() {
                    "✓ ready".to_string()
                } else {
                    let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
                    format!("{}: {}", findings.len(), codes.join(" "))
                };
                let mut title = if s.title.is_empty() { "(untitled)".to_string() } else { s.title.clone() };
                if s.conflict_with.is_some() {
                    // An import's copy of a story that changed on both sides: the user picks what to keep.
                    title.push_str(" ⚠ conflict");
                }
                [
                    title,
                    prompts_of(s),
                    s.principles.len().to_string(),
                    format_secs(lint::speaking_secs(s, pace.words_per_minute)),
                    coach,
                ]
            })
            .collect();
        // The prompts column as wide as its widest list (over every story, so it holds still as the list scrolls),
        // so the title and the coach get the rest; as the width shrinks the principles go first, then the prompts,
        // then the coach: the title and the time stay.
        let headers = ["Story", "Prompts", "Prin.", "Time", "Coach"];
        let prompts_width = visible
            .iter()
            .map(|&i| prompts_of(&ctx.bank.stories[i]).width())
            .chain([headers[1].width()])
            .max()
            .unwrap_or(0);
        let columns = [
            Column::fill(28, 3, 0),
            Column::fixed(cells(prompts_width), 2),
            Column::fixed(5, 4),
            Column::fixed(5, 0),
            Column::fill(10, 2, 1),
        ];
        let widths = columns::fit(&columns, area.width.saturating_sub(2));
        let rows = texts.iter().map(|t| Row::new(columns::cells(&widths, t)));
        let table = Table::new(rows, columns::constraints(&widths))
            .header(Row::new(columns::cells(&widths, &headers)).style(theme::label()))
            .row_highlight_style(theme::selected())
            .highlight_symbol("▶ ");
        let mut state = TableState::default().with_selected(Some(selected - offset));
        StatefulWidget::render(table, area, buf, &mut state);
        let rows_area = Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area };
        self.cursor.shown(usize::from(rows_area.height));
        ctx.hits.borrow_mut().add_rows(rows_area, offset, visible.len());
    }
}

pub fn story_text(s: &Story) -> String {
    [s.title.as_str(), &s.situation, &s.task, &s.learning, &s.actions.join(" "), &s.results.join(" ")].join(" ")
}

/// A story with nothing written in it, which closing the editor drops.
pub fn is_blank(s: &Story) -> bool {
    story_text(s).trim().is_empty() && s.principles.is_empty() && s.prompts.is_empty()
}
