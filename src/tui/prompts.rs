//! The Prompts screen: the seven prompts, then each prompt pack under its name, and a summary of the selected one.

use crate::practice::format_secs;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use super::app::App;
use super::{theme, widgets};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let area = match next_line(app, area.width) {
        Some(line) if area.height > 8 => {
            line.render(Rect { height: 1, ..area }, buf);
            Rect { y: area.y + 1, height: area.height - 1, ..area }
        }
        _ => area,
    };
    let groups = app.guide.groups().len();
    let rows = app.guide.prompts.len() + if groups > 1 { groups } else { 0 };
    // Leave the summary a few lines when many pack prompts make the list long; the list scrolls.
    let room = if area.height > 9 { area.height - 6 } else { area.height };
    let list_height = (rows as u16).min(room);
    let (list_area, detail_area) = if area.width >= 100 {
        let left = area.width / 2;
        (Rect { width: left, ..area }, Rect { x: area.x + left, width: area.width - left, ..area })
    } else {
        let list = Rect { height: list_height, ..area };
        (list, Rect { y: area.y + list_height, height: area.height - list_height, ..area })
    };
    let (items, selected) = list_items(app, list_area.width);
    let list = List::new(items).highlight_style(theme::selected()).highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(selected));
    StatefulWidget::render(list, list_area, buf, &mut state);
    widgets::add_row_hits(app, list_area, state.offset(), app.guide.prompts.len());
    if detail_area.height >= 3 {
        draw_detail(app, detail_area, buf);
    }
}

/// The list's rows and the selected one's row. With packs loaded each group has a heading row, which the
/// selection (an index into the prompts) skips over.
fn list_items(app: &App, width: u16) -> (Vec<ListItem<'static>>, usize) {
    let text_width = usize::from(width.saturating_sub(2));
    let groups = app.guide.groups();
    let headed = groups.len() > 1;
    let mut items = Vec::new();
    let mut selected = 0;
    for group in groups {
        if headed {
            items.push(ListItem::new(Line::styled(widgets::ellipsize(group.title, text_width), theme::heading())));
        }
        for (i, p) in app.guide.prompts.iter().enumerate().skip(group.start).take(group.len) {
            if i == app.prompt_selected {
                selected = items.len();
            }
            items.push(ListItem::new(widgets::ellipsize(&format!("{}. {}", p.number, p.question), text_width)));
        }
    }
    (items, selected)
}

fn draw_detail(app: &App, area: Rect, buf: &mut Buffer) {
    let prompt = &app.guide.prompts[app.prompt_selected];
    let stories = app.bank.stories.iter().filter(|s| s.fits(&prompt.id)).count();
    // From the history index: the same cost with ten attempts or a hundred thousand.
    let summary = app.history.summary(&prompt.id);
    let practised = match summary.best_secs {
        None => "not yet".to_string(),
        Some(best) => format!("{} times, best {}", summary.attempts, format_secs(best)),
    };
    let field = |label: &str, value: String| {
        Line::from(vec![Span::styled(format!("{label}: "), theme::label()), Span::raw(value)])
    };
    let lines = vec![
        field("Principles", prompt.principles.join(", ")),
        field("Looks for", prompt.looks_for.clone()),
        field("Your stories for it", if stories == 0 { "none yet".into() } else { stories.to_string() }),
        field("Practised", practised),
    ];
    let title = match prompt.pack.map(|p| &app.guide.packs[p]) {
        Some(pack) => format!(" Prompt {} · {} ", prompt.number, pack.name),
        None => format!(" Prompt {} ", prompt.number),
    };
    let block = Block::new().borders(Borders::TOP).title(Line::styled(title, theme::title()));
    Paragraph::new(lines).wrap(Wrap { trim: true }).block(block).render(area, buf);
}

/// "Practise next: 4. Tell me about… (never practised) · x starts it"
fn next_line(app: &App, width: u16) -> Option<Line<'static>> {
    let pick = app.next_pick.as_ref()?;
    let prompt = app.guide.prompt(&pick.prompt)?;
    let head = "Practise next: ";
    let tail = format!(" ({}) · x", pick.reason);
    let room = usize::from(width).saturating_sub(head.len() + tail.chars().count());
    let question = widgets::ellipsize(&format!("{}. {}", prompt.number, prompt.question), room.max(8));
    Some(Line::from(vec![
        Span::styled(head, theme::label()),
        Span::styled(question, theme::heading()),
        Span::styled(tail, theme::dim()),
    ]))
}
