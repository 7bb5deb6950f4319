//! The frame: the header with the tabs, the screen on top in the body, the footer, and any overlay. Reads the
//! app, never changes it (but for the hit map, drawing's cache of where things landed).

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::app::App;
use crate::tui::effect::Status;
use crate::tui::mouse::Hit;
use crate::tui::overlay::{self, Overlay};
use crate::tui::screens::Tab;
use crate::tui::theme;
use crate::tui::widgets::hints::key_hints;
use crate::tui::widgets::text::{ellipsize, wrap_text};

/// Below this the app shows "terminal too small" instead of a screen.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;

pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    draw(app, area, frame.buffer_mut());
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    app.hits.borrow_mut().clear();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        Paragraph::new("terminal too small").wrap(Wrap { trim: true }).style(theme::warning()).render(area, buf);
        return;
    }
    let status = app.status.as_ref().map(|status| (status, status_rows(&status.text, area)));
    let footer_rows = status.as_ref().map_or(1, |(_, rows)| u16::try_from(rows.len()).unwrap_or(1));
    let [header, body, footer] =
        area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(footer_rows)]));
    draw_header(app, header, buf);
    app.active().draw(&app.ctx(), body, buf);
    draw_footer(app, status, footer, buf);
    match &app.overlay {
        Some(Overlay::Help(help)) => help.draw(&app.settings.keymap, &app.warnings, area, buf),
        Some(Overlay::Confirm(question)) => overlay::draw_confirm(question, &app.settings.keymap, area, buf),
        None => {}
    }
}

fn draw_header(app: &App, area: Rect, buf: &mut Buffer) {
    let wide = area.width >= 56;
    let mut spans = vec![Span::styled(if wide { " star-coach " } else { " " }, theme::title())];
    let mut x = area.x.saturating_add(u16::try_from(spans[0].width()).unwrap_or(u16::MAX));
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let label = if wide { format!(" {} {} ", i + 1, tab.title()) } else { format!(" {} ", i + 1) };
        let style = if *tab == app.tab { theme::active_tab() } else { theme::dim() };
        let width = u16::try_from(label.chars().count()).unwrap_or(u16::MAX);
        app.hits.borrow_mut().add(Rect { x, width, ..area }.intersection(area), Hit::Tab(*tab));
        x = x.saturating_add(width);
        spans.push(Span::styled(label, style));
    }
    let left = Line::from(spans);
    let badge = theme::error().add_modifier(Modifier::REVERSED);
    // The longest form that fits: a badge matters more than the screen's name, so it has a short form too.
    let (forms, style) = match app.store.read_only() {
        Some(_) => (vec![" READ-ONLY ".to_string(), "READ-ONLY".into(), "RO".into()], badge),
        None if app.on_default_config() => (vec![" DEFAULT CONFIG ".to_string(), "DEFAULTS".into()], badge),
        None => {
            // The countdown to the interview matters more than the screen's name, which the tabs also show.
            let title = app.active().title();
            let forms = match app.plan.countdown() {
                Some(countdown) => {
                    let short = countdown.replace("Interview ", "");
                    let shortest = short.replace("in ", "");
                    vec![
                        format!("{countdown} · {title} "),
                        format!("{countdown} "),
                        format!("{short} "),
                        format!("{shortest} "),
                    ]
                }
                None => vec![format!("{title} ")],
            };
            (forms, theme::title())
        }
    };
    let left_width = left.width();
    left.render(area, buf);
    if let Some(text) = forms.into_iter().find(|text| left_width + text.chars().count() < usize::from(area.width)) {
        let width = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
        buf.set_string(area.right().saturating_sub(width), area.y, text, style);
    }
}

/// The key hints, or the status in the rows [`status_rows`] gave it.
fn draw_footer(app: &App, status: Option<(&Status, Vec<String>)>, area: Rect, buf: &mut Buffer) {
    match status {
        Some((status, rows)) => {
            let style = if status.is_error { theme::error() } else { theme::good() };
            let lines: Vec<Line> = rows.into_iter().map(|row| Line::styled(row, style)).collect();
            Paragraph::new(lines).render(area, buf);
        }
        None => key_hints(&app.settings.keymap.footer(&app.contexts()), area.width).render(area, buf),
    }
}

/// A status wrapped to the screen's width: a sentence cut at the edge would lose its end, often the part that
/// says what to do. Up to three rows, fewer on a short screen, the last cut with "…" when even they are too few.
fn status_rows(text: &str, area: Rect) -> Vec<String> {
    let width = usize::from(area.width);
    let most = usize::from(area.height.saturating_sub(MIN_HEIGHT - 1)).clamp(1, 3);
    let mut rows = wrap_text(text, width);
    if rows.len() > most {
        let rest = rows.split_off(most - 1).join(" ");
        rows.push(ellipsize(&rest, width));
    }
    rows
}
