//! The practice clock: big digits, and the target as a bar with its verdict in words.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::practice::{Target, Verdict, format_secs};
use crate::tui::theme;
use crate::tui::widgets::text::{cells, share_cells};

/// Digits five rows tall, three columns wide, for the practice clock.
const FONT: [[&str; 5]; 11] = [
    ["███", "█ █", "█ █", "█ █", "███"],
    ["  █", "  █", "  █", "  █", "  █"],
    ["███", "  █", "███", "█  ", "███"],
    ["███", "  █", "███", "  █", "███"],
    ["█ █", "█ █", "███", "  █", "  █"],
    ["███", "█  ", "███", "  █", "███"],
    ["███", "█  ", "███", "█ █", "███"],
    ["███", "  █", "  █", "  █", "  █"],
    ["███", "█ █", "███", "█ █", "███"],
    ["███", "█ █", "███", "  █", "███"],
    ["   ", " █ ", "   ", " █ ", "   "],
];

pub const BIG_CLOCK_HEIGHT: u16 = 5;

/// Width of `text` ("12:34") drawn in the big font.
pub fn big_text_width(text: &str) -> u16 {
    let glyphs = text.chars().filter(|c| c.is_ascii_digit() || *c == ':').count();
    cells(glyphs * 4).saturating_sub(1)
}

/// Draws `text` in the big font, centred in `area`; falls back to plain bold text where it does not fit.
pub fn big_clock(text: &str, area: Rect, buf: &mut Buffer, style: Style) {
    let width = big_text_width(text);
    if area.height < BIG_CLOCK_HEIGHT || area.width < width {
        Paragraph::new(Line::styled(text.to_string(), style)).centered().render(area, buf);
        return;
    }
    let x0 = area.x + (area.width - width) / 2;
    for row in 0..BIG_CLOCK_HEIGHT {
        let mut x = x0;
        for c in text.chars() {
            let glyph = match c {
                '0'..='9' => &FONT[(c as u8 - b'0') as usize],
                ':' => &FONT[10],
                _ => continue,
            };
            buf.set_string(x, area.y + row, glyph[usize::from(row)], style);
            x += 4;
        }
    }
}

/// The 1–2 minute target as a bar, with the marks at the ends of the target and the verdict in words.
pub fn target_bar(secs: f64, target: Target, width: u16) -> Vec<Line<'static>> {
    let verdict = Verdict::of(secs, target);
    let narrow = width < 48;
    let words_for = |verdict: Verdict, secs: f64| match verdict {
        Verdict::Short if narrow => " SHORT".to_string(),
        Verdict::OnTarget => " ON TARGET".to_string(),
        Verdict::Over if narrow => format!(" OVER +{}", format_secs(secs - target.max_secs)),
        Verdict::Short => format!(" SHORT · {} to go", format_secs((target.min_secs - secs).max(0.0).ceil())),
        Verdict::Over => format!(" OVER by {}", format_secs(secs - target.max_secs)),
    };
    let words = words_for(verdict, secs);
    // Room for the widest the words get, so the bar and its marks stay put as the verdict changes.
    let widest = [words_for(Verdict::Short, 0.0), words_for(Verdict::OnTarget, secs), words.clone()]
        .iter()
        .map(|w| w.width())
        .max()
        .unwrap_or(0);
    let words = crate::tui::widgets::text::pad(&words, widest);
    let words_width = cells(widest);
    let bar_width = usize::from(width.saturating_sub(words_width)).max(1);
    let scale = target.max_secs * 1.25;
    let mark = |t: f64| share_cells(t / scale, bar_width, bar_width);
    let (min_at, max_at) = (mark(target.min_secs).min(bar_width - 1), mark(target.max_secs).min(bar_width - 1));
    let filled = mark(secs.min(scale));
    let bar: String = (0..bar_width)
        .map(|i| match (i < filled, i == min_at || i == max_at) {
            (true, true) => '▓',
            (true, false) => '█',
            (false, true) => '│',
            (false, false) => '░',
        })
        .collect();
    let mut scale_line = vec![' '; bar_width];
    // A label that would run into the one before it is left out: on a narrow bar "0:1:002:00" says nothing.
    let mut free_from = 0;
    for (at, label) in
        [(0, "0:00"), (min_at, &format_secs(target.min_secs)[..]), (max_at, &format_secs(target.max_secs)[..])]
    {
        let start = at.saturating_sub(if at == 0 { 0 } else { label.len() / 2 });
        if start < free_from || start + label.len() > bar_width {
            continue;
        }
        free_from = start + label.len() + 1;
        for (i, c) in label.chars().enumerate() {
            if let Some(cell) = scale_line.get_mut(start + i) {
                *cell = c;
            }
        }
    }
    vec![
        Line::from(vec![Span::styled(bar, theme::verdict(verdict)), Span::styled(words, theme::verdict(verdict))]),
        Line::styled(scale_line.into_iter().collect::<String>(), theme::dim()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_bar_says_the_verdict_in_words() {
        let text = |secs| {
            target_bar(secs, Target::default(), 60)[0].spans.iter().map(|s| s.content.to_string()).collect::<String>()
        };
        assert!(text(30.0).contains("SHORT"));
        assert!(text(90.0).contains("ON TARGET"));
        assert!(text(135.0).contains("OVER by 0:15"));
    }

    #[test]
    fn the_bar_keeps_its_scale_as_the_verdict_changes() {
        let marks = |secs| {
            let scale: String = target_bar(secs, Target::default(), 80)[1].spans[0].content.to_string();
            (scale.find("1:00"), scale.find("2:00"))
        };
        assert_eq!(marks(59.0), marks(61.0), "the 1:00 mark stays where it was at 1:00");
        assert_eq!(marks(10.0), marks(125.0));
    }
}
