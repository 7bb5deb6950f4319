//! The History screen: past attempts, newest first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};
use star_coach::practice::{Verdict, format_secs};

use super::app::App;
use super::theme;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if app.bank.attempts.is_empty() {
        let text = vec![
            Line::styled("No practice yet.", theme::title()),
            Line::raw("Press 1 for the prompts, pick one, and press p to rehearse an answer against the clock."),
        ];
        Paragraph::new(text).wrap(Wrap { trim: true }).render(area, buf);
        return;
    }
    let rows = app.bank.attempts.iter().rev().map(|a| {
        let verdict = Verdict::of(a.duration_secs, app.target);
        let story = a.story.as_deref().and_then(|id| app.bank.story(id)).map_or("—", |s| s.title.as_str());
        Row::new(vec![
            app.format_date(a.started_at),
            a.prompt.clone(),
            format_secs(a.duration_secs),
            verdict.label().to_string(),
            story.to_string(),
        ])
    });
    let widths = [
        Constraint::Length(16),
        Constraint::Length(16),
        Constraint::Length(5),
        Constraint::Length(9),
        Constraint::Fill(1),
    ];
    let table = Table::new(rows, widths)
        .header(Row::new(vec!["Date", "Prompt", "Time", "Verdict", "Story"]).style(theme::label()))
        .row_highlight_style(theme::selected())
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(app.history_selected));
    StatefulWidget::render(table, area, buf, &mut state);
}
