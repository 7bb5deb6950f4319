//! Drawing: the frame's header, body and footer, and the overlays above them. Reads `App`, never changes it.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use super::app::{App, Overlay, Screen, Tab};
use super::editor::{Field, StoryEditor};
use super::mouse::Hit;
use super::widgets::{self, MIN_HEIGHT, MIN_WIDTH};
use super::{attempt, coverage, guidance, help, history, mock_view, practice, prompts, review, stories, theme};

/// Whether the History screen has room for the summary, the chart and the splits beside its table.
pub fn history_shows_summary(size: Size) -> bool {
    size.height >= 24 && size.width >= 80
}

/// Rows for the screen's own content: everything but the header and the footer.
pub fn body_height(size: Size) -> usize {
    usize::from(size.height.saturating_sub(2))
}

pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    draw(app, area, frame.buffer_mut());
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    app.hits.borrow_mut().clear();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        widgets::too_small(area, buf);
        return;
    }
    let header = Rect { height: 1, ..area };
    let footer = Rect { y: area.bottom() - 1, height: 1, ..area };
    let body = Rect { y: area.y + 1, height: area.height - 2, ..area };
    draw_header(app, header, buf);
    match &app.screen {
        Screen::Top => match app.tab {
            Tab::Prompts => prompts::draw(app, body, buf),
            Tab::Stories => stories::draw(app, body, buf),
            Tab::History => history::draw(app, body, buf),
        },
        Screen::Guidance(view) => guidance::draw(view, body, buf),
        Screen::Practice(view) => practice::draw(app, view, body, buf),
        Screen::Review(view) => review::draw(app, view, body, buf),
        Screen::Editor(editor) => match app.bank.story(&editor.story_id) {
            Some(story) => {
                let choices = editor.draw(app.guide, story, app.pace(), body, buf);
                let mut hits = app.hits.borrow_mut();
                for (area, choice) in choices {
                    hits.add(area, Hit::EditorChoice(choice));
                }
                if let Some(nav) = StoryEditor::nav_area(body) {
                    let rows = Rect { y: nav.y + 1, height: nav.height.saturating_sub(2), ..nav };
                    for (row, field) in Field::ALL.into_iter().enumerate().take(usize::from(rows.height)) {
                        hits.add(Rect { y: rows.y + row as u16, height: 1, ..rows }, Hit::EditorField(field));
                    }
                }
            }
            None => Paragraph::new("This story is gone.").render(body, buf),
        },
        Screen::Coverage { scroll } => coverage::draw(app, *scroll, body, buf),
        Screen::Attempt { index } => attempt::draw(app, *index, body, buf),
        Screen::Mock(view) => mock_view::draw(app, view, body, buf),
    }
    draw_footer(app, footer, buf);
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::draw(&app.keymap, &app.warnings, *scroll, area, buf),
        Some(Overlay::Picker { choices, selected }) => draw_picker(app, choices, *selected, area, buf),
        Some(Overlay::Confirm(question)) => draw_confirm(&question.text(), area, buf),
        None => {}
    }
}

fn screen_name(app: &App) -> &'static str {
    match &app.screen {
        Screen::Top => app.tab.title(),
        Screen::Guidance(_) => "Guidance",
        Screen::Practice(_) => "Practice",
        Screen::Review(_) => "Review",
        Screen::Editor(_) => "Story editor",
        Screen::Coverage { .. } => "Coverage",
        Screen::Attempt { .. } => "Attempt",
        Screen::Mock(_) => "Mock interview",
    }
}

fn draw_header(app: &App, area: Rect, buf: &mut Buffer) {
    let wide = area.width >= 56;
    let mut spans = vec![Span::styled(if wide { " star-coach " } else { " " }, theme::title())];
    let mut x = area.x + spans[0].width() as u16;
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let label = if wide { format!(" {} {} ", i + 1, tab.title()) } else { format!(" {} ", i + 1) };
        let style = if *tab == app.tab { theme::active_tab() } else { theme::dim() };
        let width = label.chars().count() as u16;
        app.hits.borrow_mut().add(Rect { x, width, ..area }.intersection(area), Hit::Tab(*tab));
        x += width;
        spans.push(Span::styled(label, style));
    }
    let left = Line::from(spans);
    let badge = theme::error().add_modifier(ratatui::style::Modifier::REVERSED);
    // The longest form that fits: a badge matters more than the screen's name, so it has a short form too.
    let (forms, style) = match app.store.read_only() {
        Some(_) => (vec![" READ-ONLY ".to_string(), "READ-ONLY".into(), "RO".into()], badge),
        None if app.on_default_config => (vec![" DEFAULT CONFIG ".to_string(), "DEFAULTS".into()], badge),
        None => (vec![format!("{} ", screen_name(app))], theme::title()),
    };
    let left_width = left.width() as u16;
    left.render(area, buf);
    let fits = forms.into_iter().find(|text| left_width + (text.chars().count() as u16) < area.width);
    if let Some(text) = fits {
        let x = area.right() - text.chars().count() as u16;
        buf.set_string(x, area.y, text, style);
    }
}

fn draw_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let line = match &app.status {
        Some(status) => {
            let style = if status.is_error { theme::error() } else { theme::good() };
            Line::styled(status.text.clone(), style)
        }
        None => widgets::key_hints(&app.keymap.footer(&app.contexts()), area.width),
    };
    line.render(area, buf);
}

fn draw_picker(app: &App, choices: &[Option<String>], selected: usize, area: Rect, buf: &mut Buffer) {
    let height = (choices.len() as u16 + 4).min(area.height);
    let rect = widgets::centered(area, 60, height);
    let inner = widgets::overlay(rect, buf, "Which story will you tell?");
    let prompt_id = match &app.screen {
        Screen::Practice(p) => app.guide.prompts[p.prompt].id.as_str(),
        _ => "",
    };
    let items: Vec<ListItem> = choices
        .iter()
        .map(|choice| match choice.as_deref().and_then(|id| app.bank.story(id)) {
            Some(story) => {
                let mark = if story.fits(prompt_id) { "✓ " } else { "  " };
                ListItem::new(format!("{mark}{}", story.title))
            }
            None => ListItem::new("  No story: answer without notes"),
        })
        .collect();
    let list = List::new(items).highlight_style(theme::selected()).highlight_symbol("▶");
    let mut state = ListState::default().with_selected(Some(selected));
    StatefulWidget::render(list, inner, buf, &mut state);
    let mut hits = app.hits.borrow_mut();
    for (line, index) in (state.offset()..choices.len()).take(usize::from(inner.height)).enumerate() {
        hits.add(Rect { y: inner.y + line as u16, height: 1, ..inner }, Hit::PickerRow(index));
    }
}

fn draw_confirm(question: &str, area: Rect, buf: &mut Buffer) {
    let rect = widgets::centered(area, 50, 6);
    let inner = widgets::overlay(rect, buf, "Are you sure?");
    let text = vec![
        Line::raw(question.to_string()),
        Line::from(vec![
            Span::styled("y", theme::key()),
            Span::raw(" yes · "),
            Span::styled("n", theme::key()),
            Span::raw(" no"),
        ]),
    ];
    Paragraph::new(text).wrap(Wrap { trim: true }).render(inner, buf);
}
