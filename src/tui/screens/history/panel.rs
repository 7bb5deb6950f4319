//! The History tab's side panels: the per-prompt summary above the table, and beside it the chart of one prompt's
//! durations and the phase split of its recent answers.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Row, Table, Widget};

use unicode_width::UnicodeWidthStr;

use super::{HistoryScreen, SPLIT_ATTEMPTS, percent, prompt_name, secs};
use crate::budget::{self, PhaseJudgement, PhaseVerdict};
use crate::practice::{format_secs, whole_percentages};
use crate::stats::{PromptSummary, RecentAttempt};
use crate::tui::ctx::Ctx;
use crate::tui::theme;
use crate::tui::widgets::columns::{self, Column};
use crate::tui::widgets::text::{cells, ellipsize, share_cells};
use crate::voice::review::LONG_PAUSE_SECS;

/// Attempts of one prompt drawn in the chart, the most recent.
const CHART_POINTS: usize = 30;

pub fn draw_summary(ctx: &Ctx, view: &HistoryScreen, area: Rect, buf: &mut Buffer) {
    let selected_prompt = view.selected_attempt(ctx.bank).map(|a| a.prompt.as_str());
    // More prompts than rows (packs, or prompts no longer loaded): scroll so the selected attempt's prompt shows.
    let summaries = ctx.history.summaries(ctx.guide);
    let room = usize::from(area.height.saturating_sub(1)).max(1);
    let at = selected_prompt.and_then(|id| summaries.iter().position(|s| s.prompt == id)).unwrap_or(0);
    // The share on target is headed with the target in effect: "On 1–2", or "On 1:15–1:50" from the config.
    let on_target = format!("On {}", ctx.config().target.label());
    let mut headers = vec!["Prompt", "Tries", "Median", "Best", on_target.as_str(), "Setup", "Last"];
    let mut columns = vec![
        Column::fill(16, 1, 0),
        Column::fixed(5, 0),
        Column::fixed(6, 2),
        Column::fixed(5, 3),
        Column::fixed(cells(on_target.width()), 1),
        Column::fixed(5, 4),
        Column::fixed(5, 5),
    ];
    // The recorded answers' median pace and long pauses an answer, once anything was recorded.
    let voiced = ctx.history.has_recordings();
    if voiced {
        headers.splice(6..6, ["Pace", "Pauses"]);
        columns.splice(6..6, [Column::fixed(4, 4), Column::fixed(6, 5)]);
    }
    let widths = columns::fit(&columns, area.width);
    let rows = summaries.into_iter().skip((at + 1).saturating_sub(room)).map(|s: PromptSummary| {
        let style = if Some(s.prompt.as_str()) == selected_prompt { theme::label() } else { Style::new() };
        let mut texts = vec![
            ctx.guide.prompt_label(&s.prompt),
            s.attempts.to_string(),
            secs(s.median_secs),
            secs(s.best_secs),
            percent(s.on_target_share),
            percent(s.median_setup_share),
            // Month and day, as the attempts' dates below.
            s.last_practised.map_or_else(|| "never".to_string(), |t| ctx.format_date(t)[5..10].to_string()),
        ];
        if voiced {
            let (pace, pauses) = voice_figures(&s);
            texts.splice(6..6, [pace, pauses]);
        }
        Row::new(columns::cells(&widths, &texts)).style(style)
    });
    let header = Row::new(columns::cells(&widths, &headers)).style(theme::label());
    Widget::render(Table::new(rows, columns::constraints(&widths)).header(header), area, buf);
}

pub fn draw_prompt_panel(ctx: &Ctx, view: &HistoryScreen, prompt: &str, area: Rect, buf: &mut Buffer) {
    let recent = ctx.history.recent(prompt, CHART_POINTS);
    let (x_labels, day) = x_labels(ctx, recent);
    let title = match day {
        Some(day) => format!(" {}: times on {day} ", prompt_name(ctx, prompt)),
        None => format!(" {}: time over attempts ", prompt_name(ctx, prompt)),
    };
    // The title starts after the border's column.
    let block = Block::new()
        .borders(Borders::LEFT)
        .title(Line::styled(ellipsize(&title, usize::from(area.width.saturating_sub(1))), theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let split_height = cells(SPLIT_ATTEMPTS + 1).min(inner.height / 2);
    let voice = voice_line(&ctx.history.summary(prompt), inner.width);
    let voice_height = u16::from(voice.is_some());
    let [chart_area, voice_area, split_area] = inner.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(voice_height),
        Constraint::Length(split_height),
    ]));
    draw_chart(ctx, recent, x_labels, chart_area, buf);
    if let Some(voice) = voice {
        voice.render(voice_area, buf);
    }
    draw_split(ctx, view, split_area, buf);
}

/// A prompt's median pace and long pauses an answer, as table cells: dashes where nothing was recorded.
fn voice_figures(s: &PromptSummary) -> (String, String) {
    let dash = || "—".to_string();
    (
        s.median_pace_wpm.map_or_else(dash, |wpm| format!("{wpm:.0}")),
        s.long_pauses_per_answer.map_or_else(dash, |n| format!("{n:.1}")),
    )
}

/// The same in words for the chart's pane, in the longest form that fits `width`; nothing when no answer to the
/// prompt was recorded.
fn voice_line(s: &PromptSummary, width: u16) -> Option<Line<'static>> {
    if s.recorded == 0 {
        return None;
    }
    let pace = s.median_pace_wpm.map_or_else(|| "—".to_string(), |wpm| format!("{wpm:.0}"));
    let pauses = s.long_pauses_per_answer.unwrap_or_default();
    let recorded = crate::text::count(s.recorded, "recorded answer", "recorded answers");
    let forms = [
        format!("{recorded}: median pace {pace} wpm, {pauses:.1} pauses of {LONG_PAUSE_SECS:.0} s or more each"),
        format!("{recorded}: {pace} wpm, {pauses:.1} long pauses each"),
        format!("{pace} wpm · {pauses:.1} long pauses"),
    ];
    let width = usize::from(width);
    let text = forms.iter().find(|f| f.width() <= width).map_or_else(|| ellipsize(&forms[2], width), Clone::clone);
    Some(Line::styled(text, theme::dim()))
}

fn draw_chart(ctx: &Ctx, recent: &[RecentAttempt], x_labels: Vec<String>, area: Rect, buf: &mut Buffer) {
    let points: Vec<(f64, f64)> = recent.iter().enumerate().map(|(i, r)| (i as f64 + 1.0, r.duration_secs)).collect();
    let x_max = (points.len() as f64).max(2.0);
    let longest = points.iter().map(|p| p.1).fold(0.0, f64::max);
    let target = ctx.config().target;
    // Whole minutes, so evenly spread labels fall on the minutes they name.
    let minutes = share_cells(((longest.max(target.max_secs) + 1.0) / 60.0).ceil().max(3.0), 1, 24 * 60);
    let y_max = minutes as f64 * 60.0;
    // ratatui spreads the labels over the plot's rows by integer division, and draws a value on the row its
    // scale gives: the two agree when the rows less one are a multiple of the gaps between labels. So the plot
    // takes that many rows, a label every minute where it has room, at its two ends otherwise.
    let plot_rows = usize::from(area.height.saturating_sub(2));
    let gaps = if plot_rows > minutes { minutes } else { 1 };
    let plot_rows = if plot_rows == 0 { 0 } else { (plot_rows - 1) / gaps * gaps + 1 };
    let [area, _] = area.layout(&Layout::vertical([Constraint::Length(cells(plot_rows + 2)), Constraint::Fill(1)]));
    let y_labels: Vec<String> = (0..=gaps).map(|g| format!("{}:00", g * minutes / gaps)).collect();
    let line = |secs: f64| vec![(1.0, secs), (x_max, secs)];
    let (min_line, max_line) = (line(target.min_secs), line(target.max_secs));
    // One mark per attempt: a lone attempt as a dot, more as a line through them (a dot over a line would draw
    // each attempt twice, a cell apart, the two markers having different resolutions).
    let attempts = if points.len() == 1 {
        Dataset::default().graph_type(GraphType::Scatter).marker(Marker::Dot)
    } else {
        Dataset::default().graph_type(GraphType::Line).marker(Marker::Braille)
    };
    let datasets = vec![
        Dataset::default().graph_type(GraphType::Line).marker(Marker::Braille).style(theme::good()).data(&min_line),
        Dataset::default().graph_type(GraphType::Line).marker(Marker::Braille).style(theme::good()).data(&max_line),
        attempts.style(theme::heading()).data(&points),
    ];
    let chart = Chart::new(datasets)
        .x_axis(Axis::default().bounds([1.0, x_max]).labels(x_labels).style(theme::dim()))
        .y_axis(Axis::default().bounds([0.0, y_max]).labels(y_labels).style(theme::dim()))
        .hidden_legend_constraints((Constraint::Length(0), Constraint::Length(0)));
    chart.render(area, buf);
}

/// The first and last attempts' dates under the chart; when they are the same day (which "11-30 … 11-30"
/// would not say), their times, and the day for the title.
fn x_labels(ctx: &Ctx, recent: &[RecentAttempt]) -> (Vec<String>, Option<String>) {
    let (Some(first), Some(last)) = (recent.first(), recent.last()) else { return (Vec::new(), None) };
    // "2026-11-30 09:15": the month and day are [5..10], the time [11..].
    let (first, last) = (ctx.format_date(first.started_at), ctx.format_date(last.started_at));
    if recent.len() == 1 {
        // One attempt: its time once, at its point.
        (vec![first[11..].to_string(), String::new()], Some(first[5..10].to_string()))
    } else if first[..10] == last[..10] {
        (vec![first[11..].to_string(), last[11..].to_string()], Some(first[5..10].to_string()))
    } else {
        (vec![first[5..10].to_string(), last[5..10].to_string()], None)
    }
}

/// The latest answers' split in words: each answer's time and the share of each of the prompt's phases (STAR's,
/// or its own) by its initial, the setup marked when it ran past its share.
fn draw_split(ctx: &Ctx, view: &HistoryScreen, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![Line::styled("Latest answers, % per phase:", theme::dim())];
    let config = ctx.config();
    for a in view.recent_split.iter().filter_map(|&i| ctx.bank.attempts.get(i)) {
        let mut spans = vec![Span::raw(format!("{:>5} ", format_secs(a.duration_secs)))];
        if a.phases.is_empty() {
            spans.push(Span::styled(" no phases marked", theme::dim()));
        } else {
            // Each phase styled by its verdict against its budget, as the review judged it; then the misses.
            let judged = budget::judge_attempt(a, config.target, &ctx.phases_of(a));
            let secs: Vec<f64> = judged.iter().map(|j| j.secs).collect();
            for (j, share) in judged.iter().zip(whole_percentages(&secs)) {
                let style = match j.verdict {
                    PhaseVerdict::Within => Style::new(),
                    PhaseVerdict::Over => theme::error(),
                    PhaseVerdict::Thin | PhaseVerdict::Missing => theme::warning(),
                };
                let initial: String = j.budget.name.chars().take(1).collect();
                spans.push(Span::styled(format!(" {initial} {share:>2}"), style));
            }
            // The verdict in the room that is left, cut with "…" rather than at the pane's edge.
            let (note, style) = off_budget(&judged);
            let used: usize = spans.iter().map(Span::width).sum();
            let room = usize::from(area.width).saturating_sub(used + 2);
            if room > 1 {
                spans.push(Span::styled(format!("  {}", ellipsize(&note, room)), style));
            }
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(lines).render(area, buf);
}

/// The phases off budget in a few words ("A thin, R over"), or "ok", with the style that says which.
fn off_budget(judged: &[PhaseJudgement]) -> (String, Style) {
    let off: Vec<String> = judged
        .iter()
        .filter(|j| j.verdict.is_miss())
        .map(|j| format!("{} {}", j.budget.name.chars().next().unwrap_or('?'), j.verdict.label()))
        .collect();
    if off.is_empty() { ("ok".into(), theme::good()) } else { (off.join(", "), theme::warning()) }
}
