//! The History tab's side panels: the per-prompt summary above the table, and beside it the chart of one prompt's
//! durations and the phase split of its recent answers.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Row, Table, Widget};

use super::{HistoryScreen, SPLIT_ATTEMPTS, percent, prompt_name, secs};
use crate::practice::format_secs;
use crate::stats::PromptSummary;
use crate::tui::ctx::Ctx;
use crate::tui::theme;
use crate::tui::widgets::text::{cells, repeat_label, share_cells};

/// Attempts of one prompt drawn in the chart, the most recent.
const CHART_POINTS: usize = 30;

pub fn draw_summary(ctx: &Ctx, view: &HistoryScreen, area: Rect, buf: &mut Buffer) {
    let selected_prompt = view.selected_attempt(ctx.bank).map(|a| a.prompt.as_str());
    // More prompts than rows (packs, or prompts no longer loaded): scroll so the selected attempt's prompt shows.
    let summaries = ctx.history.summaries(ctx.guide);
    let room = usize::from(area.height.saturating_sub(1)).max(1);
    let at = selected_prompt.and_then(|id| summaries.iter().position(|s| s.prompt == id)).unwrap_or(0);
    let rows = summaries.into_iter().skip((at + 1).saturating_sub(room)).map(|s: PromptSummary| {
        let style = if Some(s.prompt.as_str()) == selected_prompt { theme::label() } else { Style::new() };
        let question = ctx.guide.prompt_label(&s.prompt);
        Row::new(vec![
            question,
            s.attempts.to_string(),
            secs(s.median_secs),
            secs(s.best_secs),
            percent(s.on_target_share),
            percent(s.median_setup_share),
            s.last_practised.map_or_else(|| "never".to_string(), |t| ctx.format_date(t)[..10].to_string()),
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

pub fn draw_prompt_panel(ctx: &Ctx, view: &HistoryScreen, prompt: &str, area: Rect, buf: &mut Buffer) {
    let block = Block::new()
        .borders(Borders::LEFT)
        .title(Line::styled(format!(" {}: time over attempts ", prompt_name(ctx, prompt)), theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let split_height = cells(SPLIT_ATTEMPTS + 1).min(inner.height / 2);
    let [chart_area, split_area] =
        inner.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(split_height)]));
    draw_chart(ctx, prompt, chart_area, buf);
    draw_split(ctx, view, prompt, split_area, buf);
}

fn draw_chart(ctx: &Ctx, prompt: &str, area: Rect, buf: &mut Buffer) {
    let recent = ctx.history.recent(prompt, CHART_POINTS);
    let points: Vec<(f64, f64)> = recent.iter().enumerate().map(|(i, r)| (i as f64 + 1.0, r.duration_secs)).collect();
    let x_max = (points.len() as f64).max(2.0);
    let longest = points.iter().map(|p| p.1).fold(0.0, f64::max);
    // Whole minutes, so evenly spread labels fall on the minutes they name.
    let y_max = ((longest.max(ctx.config().target.max_secs) + 1.0) / 60.0).ceil().max(3.0) * 60.0;
    let line = |secs: f64| vec![(1.0, secs), (x_max, secs)];
    let (min_line, max_line) = (line(ctx.config().target.min_secs), line(ctx.config().target.max_secs));
    let datasets = vec![
        Dataset::default().graph_type(GraphType::Line).marker(Marker::Braille).style(theme::good()).data(&min_line),
        Dataset::default().graph_type(GraphType::Line).marker(Marker::Braille).style(theme::good()).data(&max_line),
        Dataset::default().graph_type(GraphType::Line).marker(Marker::Braille).style(theme::heading()).data(&points),
        Dataset::default().graph_type(GraphType::Scatter).marker(Marker::Dot).style(theme::heading()).data(&points),
    ];
    let minutes = share_cells(y_max / 60.0, 1, 24 * 60);
    let y_labels: Vec<String> = (0..=minutes).map(|m| format!("{m}:00")).collect();
    let first = recent.first().map(|r| ctx.format_date(r.started_at)[5..10].to_string()).unwrap_or_default();
    let last = recent.last().map(|r| ctx.format_date(r.started_at)[5..10].to_string()).unwrap_or_default();
    let chart = Chart::new(datasets)
        .x_axis(Axis::default().bounds([1.0, x_max]).labels(vec![first, last]).style(theme::dim()))
        .y_axis(Axis::default().bounds([0.0, y_max]).labels(y_labels).style(theme::dim()))
        .hidden_legend_constraints((Constraint::Length(0), Constraint::Length(0)));
    chart.render(area, buf);
}

/// The recent answers' split by the prompt's phases (STAR's, or its own), each phase by its initial.
fn draw_split(ctx: &Ctx, view: &HistoryScreen, prompt: &str, area: Rect, buf: &mut Buffer) {
    let phases = ctx.phases(prompt);
    let initial = |name: &str| name.chars().next().map(String::from).unwrap_or_default();
    let legend: Vec<String> = phases.parts().iter().map(|p| initial(&p.name)).collect();
    let mut lines = vec![Line::styled(format!("Recent splits: {}", legend.join(" ")), theme::dim())];
    let width = usize::from(area.width.saturating_sub(7)).max(4);
    for a in view.recent_split.iter().filter_map(|&i| ctx.bank.attempts.get(i)) {
        let mut spans = vec![Span::raw(format!("{:>5} ", format_secs(a.duration_secs)))];
        for part in phases.parts() {
            let phase = part.phase;
            let share = if a.duration_secs > 0.0 { a.phase_secs(phase) / a.duration_secs } else { 0.0 };
            let cells = share_cells(share, width, width);
            let glyph = initial(&part.name);
            let style = if phase.is_setup() { theme::warning() } else { theme::good() };
            spans.push(Span::styled(
                repeat_label(&glyph, cells),
                style.add_modifier(ratatui::style::Modifier::REVERSED),
            ));
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(lines).render(area, buf);
}
