//! The Stories screen: the story bank, one row a story.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use super::app::App;
use super::theme;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if app.bank.stories.is_empty() {
        let text = vec![
            Line::styled("No stories yet.", theme::title()),
            Line::raw("The guide's first step: a bank of 6–8 STAR stories, each mapped to the prompts it answers."),
            Line::raw("Bring stories in with `star-coach import FILE`."),
        ];
        Paragraph::new(text).wrap(Wrap { trim: true }).render(area, buf);
        return;
    }
    let rows = app
        .bank
        .stories
        .iter()
        .map(|s| Row::new(vec![s.title.clone(), s.prompts.len().to_string(), s.principles.join(", ")]));
    let table = Table::new(rows, [Constraint::Fill(2), Constraint::Length(7), Constraint::Fill(1)])
        .header(Row::new(vec!["Story", "Prompts", "Principles"]).style(theme::label()))
        .row_highlight_style(theme::selected())
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(app.story_selected));
    StatefulWidget::render(table, area, buf, &mut state);
}
