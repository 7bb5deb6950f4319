//! The review after an answer: time, verdict, split by phase, the pitfall checklist, confidence and a note.

use crate::model::{Checklist, Phase};
use crate::practice::{Verdict, format_secs};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::app::{App, NOTE_LINE, ReviewView};
use super::mouse::Hit;
use super::{theme, widgets};

/// The line with the time and the verdict, kept in view however far the review scrolls.
const TIME_LINE: usize = 1;

/// Rows kept for the note editor while writing.
const NOTE_EDITOR_HEIGHT: u16 = 4;

pub fn draw(app: &App, view: &ReviewView, area: Rect, buf: &mut Buffer) {
    let practice = &view.practice;
    let prompt = &app.guide.prompts[practice.prompt];
    let at = view.finished_at;
    let secs = practice.timer.duration_secs(at);
    let verdict = Verdict::of(secs, app.target);
    let story = practice.story.as_deref().and_then(|id| app.bank.story(id));

    let question = format!("{}. {}", prompt.number, prompt.question);
    let mut lines = vec![Line::styled(widgets::ellipsize(&question, usize::from(area.width)), theme::title())];
    lines.push(Line::from(vec![
        Span::styled(format!("Time {} ", format_secs(secs)), theme::title()),
        Span::styled(verdict.label().to_uppercase(), theme::verdict(verdict)),
        Span::raw(format!(
            " (target {}–{}) · Story: {}",
            format_secs(app.target.min_secs),
            format_secs(app.target.max_secs),
            story.map_or("none", |s| s.title.as_str())
        )),
    ]));
    let bar_width = usize::from(area.width.saturating_sub(44)).clamp(4, 30);
    for phase in Phase::ALL {
        let phase_secs = practice.timer.phase_elapsed(at, phase).as_secs_f64();
        let share = if secs > 0.0 { phase_secs / secs } else { 0.0 };
        let marked = practice.timer.spans(at).iter().any(|s| s.phase == phase);
        let filled = (share * bar_width as f64).round() as usize;
        lines.push(Line::from(vec![
            Span::styled(format!("{:<9} ", phase.name()), theme::label()),
            Span::raw(if marked {
                format!("{:>5} {:>3.0}% ", format_secs(phase_secs), share * 100.0)
            } else {
                "    —      ".into()
            }),
            Span::raw("█".repeat(filled) + &"░".repeat(bar_width - filled.min(bar_width))),
            Span::styled(format!(" suggested {:.0}%", app.shares.of(phase) * 100.0), theme::dim()),
        ]));
    }
    let setup_share = practice.timer.setup_elapsed(at).as_secs_f64() / secs.max(f64::EPSILON);
    let setup_text = format!("Setup (Situation + Task) took {:.0}% of the answer", setup_share * 100.0);
    lines.push(if setup_share > app.shares.setup() {
        Line::styled(format!("⚠ {setup_text}: keep it under {:.0}%.", app.shares.setup() * 100.0), theme::warning())
    } else {
        Line::raw(format!("{setup_text}: short, as it should be."))
    });
    lines.push(Line::styled("Did you avoid the guide's pitfalls? (Space ticks)", theme::heading()));
    let checklist_start = lines.len();
    for (i, item) in Checklist::ITEMS.iter().enumerate() {
        let mark = if view.review.checklist.get(i) { "[x]" } else { "[ ]" };
        lines.push(selectable(view.cursor == i, format!("{mark} {item}")));
    }
    let note = view.note.lines().join(" ");
    let note_text =
        if note.trim().is_empty() { "Note: (Enter to write one)".to_string() } else { format!("Note: {note}") };
    lines.push(selectable(view.cursor == NOTE_LINE, note_text));
    let mut confidence = vec![Span::styled("Confidence ", theme::label())];
    for n in 1..=5u8 {
        let style = if view.review.confidence == Some(n) { theme::active_tab() } else { theme::dim() };
        confidence.push(Span::styled(format!(" {n} "), style));
    }
    if view.review.confidence.is_none() {
        confidence.push(Span::raw(" press 1–5"));
    }
    lines.push(Line::from(confidence));
    if let Some(pitfall) = app.guide.pitfalls.get(view.cursor) {
        let hint = format!("Guide: {} {}", pitfall.pitfall, pitfall.remedy);
        lines.extend(
            widgets::wrap_text(&hint, usize::from(area.width)).into_iter().map(|l| Line::styled(l, theme::dim())),
        );
    }

    let text_area = if view.editing && area.height > NOTE_EDITOR_HEIGHT + 2 {
        let editor = Rect { y: area.bottom() - NOTE_EDITOR_HEIGHT, height: NOTE_EDITOR_HEIGHT, ..area };
        let block = Block::new().borders(Borders::TOP).title(Line::styled(" Note: Esc when done ", theme::title()));
        let inner = block.inner(editor);
        block.render(editor, buf);
        view.note.render(inner, buf);
        Rect { height: area.height - NOTE_EDITOR_HEIGHT, ..area }
    } else {
        area
    };
    // Keep the selected line in view on a short terminal, and the time and verdict (line 1) above it.
    let cursor_line = checklist_start + view.cursor;
    let height = usize::from(text_area.height);
    let scroll = (cursor_line + 1).saturating_sub(height);
    let (pinned, scroll) = if scroll > 0 && height >= 3 {
        let rows = height - 1;
        (Some(lines[TIME_LINE].clone()), (cursor_line + 1).saturating_sub(rows).max(TIME_LINE + 1))
    } else {
        (None, scroll)
    };
    let top = usize::from(pinned.is_some());
    let visible: Vec<Line> = pinned.into_iter().chain(lines.into_iter().skip(scroll).take(height - top)).collect();
    Paragraph::new(visible).render(text_area, buf);
    for line in 0..=NOTE_LINE {
        let Some(row) = (checklist_start + line).checked_sub(scroll).map(|r| r + top).filter(|&r| r < height) else {
            continue;
        };
        let area = Rect { y: text_area.y + row as u16, height: 1, ..text_area };
        app.hits.borrow_mut().add(area, Hit::ReviewLine(line));
    }
}

fn selectable(selected: bool, text: String) -> Line<'static> {
    if selected { Line::styled(format!("▶ {text}"), theme::selected()) } else { Line::raw(format!("  {text}")) }
}
