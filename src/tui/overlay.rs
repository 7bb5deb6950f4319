//! What opens over any screen: the `?` help, drawn from the key map, and the yes-or-no question.

use std::cell::RefCell;

use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr as _;

use crate::keys::{Action, Context, KeyMap, TEXT_KEYS, TEXT_KEYS_TITLE, keys_label};
use crate::tui::effect::Question;
use crate::tui::theme;
use crate::tui::widgets::popup;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::text::wrap_text;

pub enum Overlay {
    Help(Help),
    Confirm(Question),
}

/// The help: every binding, by screen.
pub struct Help {
    pub scroll: Scroll,
    /// Every line as laid out for a width and that many warnings: the same each frame while the help stays open,
    /// so a frame takes the lines on screen instead of laying out some 160 again.
    laid_out: RefCell<Option<LaidOut>>,
}

struct LaidOut {
    width: u16,
    warnings: usize,
    lines: Vec<Line<'static>>,
}

impl Help {
    pub const CONTEXTS: [Context; 2] = [Context::Help, Context::Global];

    /// The help over a screen whose contexts are `beneath`, open at that screen's keys; at the top when something
    /// went wrong at start, which it lists first.
    pub fn over(beneath: &[Context], keymap: &KeyMap, warnings: &[String], size: Size) -> Help {
        let mut scroll = Scroll::default();
        let at = beneath.iter().copied().find(|c| *c != Context::TextInput);
        let width = frame(Rect::new(0, 0, size.width, size.height)).width.saturating_sub(2);
        let (lines, section) = lay_out(keymap, warnings, width, at);
        if let Some(section) = section.filter(|_| warnings.is_empty()) {
            scroll.set(section);
        }
        Help { scroll, laid_out: RefCell::new(Some(LaidOut { width, warnings: warnings.len(), lines })) }
    }

    pub fn draw(&self, keymap: &KeyMap, warnings: &[String], area: Rect, buf: &mut Buffer) {
        // The title names the keys as bound, so a remapped close or scroll key reads right.
        let key = |action| keymap.label(&Self::CONTEXTS, action);
        let title = format!("Keys ({} closes, {}/{} scroll)", key(Action::Back), key(Action::Down), key(Action::Up));
        let inner = popup::overlay(frame(area), buf, &title);
        let height = usize::from(inner.height);
        let mut laid_out = self.laid_out.borrow_mut();
        if laid_out.as_ref().is_none_or(|l| (l.width, l.warnings) != (inner.width, warnings.len())) {
            let (lines, _) = lay_out(keymap, warnings, inner.width, None);
            *laid_out = Some(LaidOut { width: inner.width, warnings: warnings.len(), lines });
        }
        let all = laid_out.as_ref().map_or(&[][..], |l| l.lines.as_slice());
        let offset = self.scroll.show(all.len(), height);
        let visible: Vec<Line> = all.iter().skip(offset).take(height).cloned().collect();
        Paragraph::new(visible).render(inner, buf);
    }
}

fn frame(area: Rect) -> Rect {
    popup::centered(area, 72, area.height.saturating_sub(2).max(3))
}

/// Every line of the help at `width`, and where the section for `at` starts.
fn lay_out(
    keymap: &KeyMap,
    warnings: &[String],
    width: u16,
    at: Option<Context>,
) -> (Vec<Line<'static>>, Option<usize>) {
    let mut lines = Vec::new();
    let mut section = None;
    if !warnings.is_empty() {
        lines.push(Line::styled("Found at start", theme::error()));
        for warning in warnings {
            lines.extend(
                wrap_text(warning, usize::from(width.saturating_sub(2))).iter().map(|l| Line::raw(format!("  {l}"))),
            );
        }
    }
    for (i, (context, bindings)) in keymap.sections().into_iter().enumerate() {
        if i > 0 || !warnings.is_empty() {
            lines.push(Line::raw(""));
        }
        if Some(context) == at {
            section = Some(lines.len());
        }
        lines.push(Line::styled(context.title(), theme::heading()));
        for binding in bindings {
            lines.extend(binding_lines(&keys_label(&binding.keys), binding.help, width));
        }
        if context == Context::Editor {
            lines.push(Line::raw(""));
            lines.push(Line::styled(TEXT_KEYS_TITLE, theme::heading()));
            for (keys, help) in TEXT_KEYS {
                lines.extend(binding_lines(keys, help, width));
            }
        }
    }
    (lines, section)
}

/// A binding's line, or on a narrow screen its lines: the help wrapped beside the keys, or below them when even
/// that leaves too little room, so no word of it is cut off at the edge.
fn binding_lines(keys: &str, help: &'static str, width: u16) -> Vec<Line<'static>> {
    let field = (keys.width() + 1).max(KEYS_FIELD);
    let indent = 2 + field;
    let width = usize::from(width);
    if indent + help.width() <= width {
        vec![Line::from(vec![Span::styled(format!("  {keys:<field$}"), theme::key()), Span::raw(help)])]
    } else if width >= indent + MIN_BESIDE {
        let rows = wrap_text(help, width - indent).into_iter().enumerate();
        rows.map(|(i, row)| {
            let cell = if i == 0 { format!("  {keys:<field$}") } else { " ".repeat(indent) };
            Line::from(vec![Span::styled(cell, theme::key()), Span::raw(row)])
        })
        .collect()
    } else {
        let rows = wrap_text(help, width.saturating_sub(4)).into_iter().map(|row| Line::raw(format!("    {row}")));
        std::iter::once(Line::styled(format!("  {keys}"), theme::key())).chain(rows).collect()
    }
}

/// Columns for the keys, beside which the help starts.
const KEYS_FIELD: usize = 14;
/// Below this many columns beside the keys, the help goes under them instead.
const MIN_BESIDE: usize = 14;

/// The question in a box, with its keys as bound.
pub fn draw_confirm(question: &Question, keymap: &KeyMap, area: Rect, buf: &mut Buffer) {
    let rect = popup::centered(area, 50, 6);
    let inner = popup::overlay(rect, buf, "Are you sure?");
    let key = |action| keymap.label(&[Context::Confirm], action);
    let text = vec![
        Line::raw(question.text(keymap)),
        Line::from(vec![
            Span::styled(key(Action::Yes), theme::key()),
            Span::raw(" yes · "),
            Span::styled(key(Action::No), theme::key()),
            Span::raw(" no"),
        ]),
    ];
    Paragraph::new(text).wrap(Wrap { trim: true }).render(inner, buf);
}
