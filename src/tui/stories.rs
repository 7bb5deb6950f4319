//! The Stories screen: the story bank with each story's prompts, principles, speaking time and coach findings.

use crate::coverage::Coverage;
use crate::lint;
use crate::practice::format_secs;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use super::app::App;
use super::theme;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if app.bank.stories.is_empty() {
        let text = vec![
            Line::styled("No stories yet.", theme::title()),
            Line::raw(""),
            Line::raw("The guide's first step is a bank of 6–8 STAR stories, each mapped to the prompts it answers."),
            Line::from(vec![Span::raw("Press "), Span::styled("a", theme::key()), Span::raw(" to write your first.")]),
        ];
        Paragraph::new(text).wrap(Wrap { trim: true }).render(area, buf);
        return;
    }
    let mut y = area.y;
    let progress = Coverage::of(&app.bank, app.guide).progress();
    Line::from(vec![Span::styled(progress, theme::label()), Span::styled("  (c: coverage)", theme::dim())])
        .render(Rect { y, height: 1, ..area }, buf);
    y += 1;
    for flag in app.history.rewrite_flags().iter().take(2) {
        let title = app.bank.story(&flag.story).map_or(flag.story.as_str(), |s| s.title.as_str());
        Line::from(vec![
            Span::styled("⚠ Rewrite ", theme::warning()),
            Span::styled(format!("{title}: "), theme::label()),
            Span::raw(flag.reason.clone()),
        ])
        .render(Rect { y, height: 1, ..area }, buf);
        y += 1;
    }
    if app.filtering || !app.story_filter.is_empty() {
        let cursor = if app.filtering { "▏" } else { "" };
        Line::from(vec![Span::styled("Filter: ", theme::label()), Span::raw(format!("{}{cursor}", app.story_filter))])
            .render(Rect { y, height: 1, ..area }, buf);
        y += 1;
    }
    let table_area = Rect { y, height: area.bottom().saturating_sub(y), ..area };
    let visible = app.visible_stories();
    if visible.is_empty() {
        Paragraph::new("No story matches the filter; Esc clears it.").render(table_area, buf);
        return;
    }
    let wide = area.width >= 60;
    let rows = visible.iter().map(|&i| {
        let s = &app.bank.stories[i];
        // In the guide's order; a prompt no loaded pack has shows as "?", so the story's mapping is not hidden.
        let mut prompts: Vec<String> =
            app.guide.prompts.iter().filter(|p| s.fits(&p.id)).map(|p| p.number.to_string()).collect();
        if s.prompts.iter().any(|id| app.guide.prompt(id).is_none()) {
            prompts.push("?".into());
        }
        let findings = lint::lint(s, app.pace());
        let coach = if findings.is_empty() {
            "✓ ready".to_string()
        } else {
            format!("{}: {}", findings.len(), findings.iter().map(|f| f.code.as_str()).collect::<Vec<_>>().join(" "))
        };
        let title = if s.title.is_empty() { "(untitled)".to_string() } else { s.title.clone() };
        let time = format_secs(lint::speaking_secs(s, app.words_per_minute));
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
    let mut state = TableState::default().with_selected(Some(app.story_selected.min(visible.len() - 1)));
    StatefulWidget::render(table, table_area, buf, &mut state);
    let rows_area = Rect { y: table_area.y + 1, height: table_area.height.saturating_sub(1), ..table_area };
    super::widgets::add_row_hits(app, rows_area, state.offset(), visible.len());
}
