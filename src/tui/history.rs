//! The History screen: the per-prompt summary, the attempts (only the rows on screen are built), and for the
//! selected attempt's prompt a chart of durations with the target lines and the phase split of recent answers.

use crate::model::{Attempt, Phase};
use crate::practice::{Verdict, format_secs};
use crate::stats::PromptSummary;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect, Size};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap,
};

use super::app::App;
use super::history_actions::{SPLIT_ATTEMPTS, SUMMARY_ROWS, table_rows};
use super::view::history_shows_summary;
use super::{theme, widgets};

/// Attempts of one prompt drawn in the chart, the most recent.
const CHART_POINTS: usize = 30;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if app.bank.attempts.is_empty() {
        let text = vec![
            Line::styled("No practice yet.", theme::title()),
            Line::raw(""),
            Line::from(vec![
                Span::raw("Press "),
                Span::styled("1", theme::key()),
                Span::raw(" for the prompts, pick one, and press "),
                Span::styled("p", theme::key()),
                Span::raw(" to rehearse an answer aloud against the clock. Each attempt you save lands here, with"),
                Span::raw(" its time, its STAR split and your review."),
            ]),
        ];
        Paragraph::new(text).wrap(Wrap { trim: true }).render(area, buf);
        return;
    }
    // `area` is the body: the terminal less its header and footer.
    let full = history_shows_summary(Size { width: area.width, height: area.height + 2 });
    let mut rest = area;
    if full {
        let summary = Rect { height: SUMMARY_ROWS as u16, ..area };
        draw_summary(app, summary, buf);
        rest = Rect { y: area.y + summary.height, height: area.height - summary.height, ..area };
    }
    let (table_area, side) = if full {
        let table_width = rest.width * 3 / 5;
        (
            Rect { width: table_width, ..rest },
            Some(Rect { x: rest.x + table_width, width: rest.width - table_width, ..rest }),
        )
    } else {
        (rest, None)
    };
    draw_table(app, table_area, buf);
    if let (Some(side), Some(attempt)) = (side, app.selected_attempt()) {
        draw_prompt_panel(app, &attempt.prompt, side, buf);
    }
}

fn prompt_number(app: &App, id: &str) -> String {
    app.guide.prompt(id).map_or_else(|| "?".to_string(), |p| p.number.to_string())
}

/// The prompt's number, or its id when no loaded prompt has it.
fn prompt_name(app: &App, id: &str) -> String {
    app.guide.prompt(id).map_or_else(|| id.to_string(), |p| p.number.to_string())
}

/// Room for the widest prompt number: one digit without packs, more with many pack prompts.
fn number_width(app: &App) -> u16 {
    app.guide.prompts.len().to_string().len() as u16
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_string(), |s| format!("{:.0}%", s * 100.0))
}

fn secs(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), format_secs)
}

fn draw_summary(app: &App, area: Rect, buf: &mut Buffer) {
    let selected_prompt = app.selected_attempt().map(|a| a.prompt.as_str());
    // More prompts than rows (packs, or prompts no longer loaded): scroll so the selected attempt's prompt shows.
    let summaries = app.history.summaries(app.guide);
    let room = usize::from(area.height.saturating_sub(1)).max(1);
    let at = selected_prompt.and_then(|id| summaries.iter().position(|s| s.prompt == id)).unwrap_or(0);
    let rows = summaries.into_iter().skip((at + 1).saturating_sub(room)).map(|s: PromptSummary| {
        let style = if Some(s.prompt.as_str()) == selected_prompt { theme::label() } else { Style::new() };
        let question = app.guide.prompt_label(&s.prompt);
        Row::new(vec![
            question,
            s.attempts.to_string(),
            secs(s.median_secs),
            secs(s.best_secs),
            percent(s.on_target_share),
            percent(s.median_setup_share),
            s.last_practised.map_or_else(|| "never".to_string(), |t| app.format_date(t)[..10].to_string()),
        ])
        .style(style)
    });
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(5),
        Constraint::Length(6),
        Constraint::Length(5),
        Constraint::Length(6),
        Constraint::Length(5),
        Constraint::Length(10),
    ];
    let header = Row::new(vec!["Prompt", "Tries", "Median", "Best", "On 1–2", "Setup", "Last"]).style(theme::label());
    Widget::render(Table::new(rows, widths).header(header), area, buf);
}

fn draw_table(app: &App, area: Rect, buf: &mut Buffer) {
    let view = &app.history_view;
    let visible = table_rows(usize::from(area.height), false);
    let title = match &view.prompt_filter {
        Some(p) => format!("Prompt {} · {}", prompt_name(app, p), view.sort.label()),
        None => format!("All prompts · {}", view.sort.label()),
    };
    let wide = area.width >= 60;
    let rows = view.rows.iter().skip(view.offset).take(visible).map(|&i| attempt_row(app, &app.bank.attempts[i], wide));
    let (widths, header) = if wide {
        let widths = vec![
            Constraint::Length(11),
            Constraint::Length(number_width(app)),
            Constraint::Length(5),
            Constraint::Length(9),
            Constraint::Length(2),
            Constraint::Length(4),
            Constraint::Fill(1),
        ];
        (widths, vec!["Date", "#", "Time", "Verdict", "C", "Set", "Story"])
    } else {
        let widths = vec![Constraint::Length(number_width(app)), Constraint::Length(5), Constraint::Fill(1)];
        (widths, vec!["#", "Time", "Verdict"])
    };
    let header = Row::new(header).style(theme::label());
    let table = Table::new(rows, widths)
        .highlight_symbol("▶")
        .header(header)
        .row_highlight_style(theme::selected())
        .block(Block::new().title(Line::styled(format!(" {title} ({}) ", view.rows.len()), theme::dim())));
    let mut state = TableState::default().with_selected(Some(view.selected.saturating_sub(view.offset)));
    StatefulWidget::render(table, area, buf, &mut state);
    // Below the title and the column names; the app keeps the table's offset itself.
    let rows_area = Rect { y: area.y + 2, height: area.height.saturating_sub(2), ..area };
    let shown = view.rows.len().min(view.offset + visible);
    widgets::add_row_hits(app, rows_area, view.offset, shown);
}

fn attempt_row<'a>(app: &'a App, a: &'a Attempt, wide: bool) -> Row<'a> {
    let verdict = Verdict::of(a.duration_secs, app.target);
    if !wide {
        let time = Span::raw(format_secs(a.duration_secs));
        return Row::new(vec![
            Span::raw(prompt_number(app, &a.prompt)),
            time,
            Span::styled(verdict.label(), theme::verdict(verdict)),
        ]);
    }
    let story = a.story.as_deref().map_or("—", |id| app.bank.story(id).map_or("(deleted)", |s| s.title.as_str()));
    // Mock rounds say so in words, before the story.
    let story = if a.mock.is_some() { format!("mock · {story}") } else { story.to_string() };
    Row::new(vec![
        Span::raw(app.format_date(a.started_at)[5..].to_string()),
        Span::raw(prompt_number(app, &a.prompt)),
        Span::raw(format_secs(a.duration_secs)),
        Span::styled(verdict.label(), theme::verdict(verdict)),
        Span::raw(a.review.confidence.map_or_else(|| "—".to_string(), |c| c.to_string())),
        Span::raw(format!("{:.0}%", a.setup_share() * 100.0)),
        Span::raw(story),
    ])
}

fn draw_prompt_panel(app: &App, prompt: &str, area: Rect, buf: &mut Buffer) {
    let block = Block::new()
        .borders(Borders::LEFT)
        .title(Line::styled(format!(" Prompt {}: time over attempts ", prompt_name(app, prompt)), theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let split_height = (SPLIT_ATTEMPTS as u16 + 1).min(inner.height / 2);
    let chart_area = Rect { height: inner.height - split_height, ..inner };
    let split_area = Rect { y: chart_area.bottom(), height: split_height, ..inner };
    draw_chart(app, prompt, chart_area, buf);
    draw_split(app, split_area, buf);
}

fn draw_chart(app: &App, prompt: &str, area: Rect, buf: &mut Buffer) {
    let recent = app.history.recent(prompt, CHART_POINTS);
    let points: Vec<(f64, f64)> = recent.iter().enumerate().map(|(i, r)| (i as f64 + 1.0, r.duration_secs)).collect();
    let x_max = (points.len() as f64).max(2.0);
    let longest = points.iter().map(|p| p.1).fold(0.0, f64::max);
    // Whole minutes, so evenly spread labels fall on the minutes they name.
    let y_max = ((longest.max(app.target.max_secs) + 1.0) / 60.0).ceil().max(3.0) * 60.0;
    let line = |secs: f64| vec![(1.0, secs), (x_max, secs)];
    let (min_line, max_line) = (line(app.target.min_secs), line(app.target.max_secs));
    let datasets = vec![
        Dataset::default().graph_type(GraphType::Line).marker(Marker::Braille).style(theme::good()).data(&min_line),
        Dataset::default().graph_type(GraphType::Line).marker(Marker::Braille).style(theme::good()).data(&max_line),
        Dataset::default().graph_type(GraphType::Line).marker(Marker::Braille).style(theme::heading()).data(&points),
        Dataset::default().graph_type(GraphType::Scatter).marker(Marker::Dot).style(theme::heading()).data(&points),
    ];
    let y_labels: Vec<String> = (0..=(y_max / 60.0) as u32).map(|m| format!("{m}:00")).collect();
    let first = recent.first().map(|r| app.format_date(r.started_at)[5..10].to_string()).unwrap_or_default();
    let last = recent.last().map(|r| app.format_date(r.started_at)[5..10].to_string()).unwrap_or_default();
    let chart = Chart::new(datasets)
        .x_axis(Axis::default().bounds([1.0, x_max]).labels(vec![first, last]).style(theme::dim()))
        .y_axis(Axis::default().bounds([0.0, y_max]).labels(y_labels).style(theme::dim()))
        .hidden_legend_constraints((Constraint::Length(0), Constraint::Length(0)));
    chart.render(area, buf);
}

fn draw_split(app: &App, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![Line::styled("Recent splits: S T A R", theme::dim())];
    let width = usize::from(area.width.saturating_sub(7)).max(4);
    for a in app.history_view.recent_split.iter().filter_map(|&i| app.bank.attempts.get(i)) {
        let mut spans = vec![Span::raw(format!("{:>5} ", format_secs(a.duration_secs)))];
        for phase in Phase::ALL {
            let share = if a.duration_secs > 0.0 { a.phase_secs(phase) / a.duration_secs } else { 0.0 };
            let cells = (share * width as f64).round() as usize;
            let glyph = match phase {
                Phase::Situation => "S",
                Phase::Task => "T",
                Phase::Action => "A",
                Phase::Result => "R",
            };
            let style = if phase.is_setup() { theme::warning() } else { theme::good() };
            spans.push(Span::styled(
                widgets::repeat_label(glyph, cells),
                style.add_modifier(ratatui::style::Modifier::REVERSED),
            ));
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(lines).render(area, buf);
}
