//! Pieces drawn by several screens: word wrapping, the big clock, the target bar, overlays.

use crate::guidance::DocLine;
use crate::practice::{Target, Verdict, format_secs};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::theme;

/// Below this the app shows "terminal too small" instead of a screen.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;

pub fn too_small(area: Rect, buf: &mut Buffer) {
    Paragraph::new("terminal too small").wrap(Wrap { trim: true }).style(theme::warning()).render(area, buf);
}

/// `text` cut to `width` columns, with "…" where it was cut.
pub fn ellipsize(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Splits `text` into lines of at most `width` columns, breaking at spaces and, for words too long, anywhere.
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let word_width = word.width();
            let gap = usize::from(line_width > 0);
            if line_width + gap + word_width <= width {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_width += gap + word_width;
                continue;
            }
            if line_width > 0 {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if line_width + w > width && line_width > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0;
                }
                line.push(c);
                line_width += w;
            }
        }
        lines.push(line);
    }
    lines
}

/// Lays out a guide document for `width` columns: headings styled, bullets indented with a hanging indent.
pub fn doc_lines(doc: &[DocLine], width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let mut out = Vec::new();
    for line in doc {
        match line {
            DocLine::Title(t) => out.extend(wrap_text(t, width).into_iter().map(|l| Line::styled(l, theme::title()))),
            DocLine::Heading(h) => {
                out.extend(wrap_text(h, width).into_iter().map(|l| Line::styled(l, theme::heading())))
            }
            DocLine::Text(t) => out.extend(wrap_text(t, width).into_iter().map(Line::raw)),
            DocLine::Blank => out.push(Line::raw("")),
            DocLine::Bullet { depth, label, text } => {
                let indent = 2 * usize::from(*depth);
                let marker = if *depth == 0 { "• " } else { "– " };
                let hang = indent + 2;
                let label_text = label.as_ref().map(|l| format!("{l}: ")).unwrap_or_default();
                let body = format!("{label_text}{text}");
                let wrapped = wrap_text(&body, width.saturating_sub(hang).max(1));
                for (i, chunk) in wrapped.into_iter().enumerate() {
                    let mut spans = vec![Span::raw(" ".repeat(indent))];
                    spans.push(Span::raw(if i == 0 { marker.to_string() } else { "  ".to_string() }));
                    if i == 0 && !label_text.is_empty() && chunk.starts_with(label_text.trim_end()) {
                        let cut = label_text.len().min(chunk.len());
                        spans.push(Span::styled(chunk[..cut].to_string(), theme::label()));
                        spans.push(Span::raw(chunk[cut..].to_string()));
                    } else {
                        spans.push(Span::raw(chunk));
                    }
                    out.push(Line::from(spans));
                }
            }
        }
    }
    out
}

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
    let glyphs = text.chars().filter(|c| c.is_ascii_digit() || *c == ':').count() as u16;
    (glyphs * 4).saturating_sub(1)
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
    let words = match verdict {
        Verdict::Short if narrow => " SHORT".to_string(),
        Verdict::OnTarget if narrow => " ON TARGET".to_string(),
        Verdict::Over if narrow => format!(" OVER +{}", format_secs(secs - target.max_secs)),
        Verdict::Short => format!(" SHORT · {} to go", format_secs((target.min_secs - secs).max(0.0).ceil())),
        Verdict::OnTarget => " ON TARGET".to_string(),
        Verdict::Over => format!(" OVER by {}", format_secs(secs - target.max_secs)),
    };
    let words_width = words.width() as u16;
    let bar_width = usize::from(width.saturating_sub(words_width)).max(1);
    let scale = target.max_secs * 1.25;
    let mark = |t: f64| ((t / scale) * bar_width as f64).round() as usize;
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
    for (at, label) in
        [(0, "0:00"), (min_at, &format_secs(target.min_secs)[..]), (max_at, &format_secs(target.max_secs)[..])]
    {
        let start = at.saturating_sub(if at == 0 { 0 } else { label.len() / 2 });
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

/// `cells` columns for a bar segment, labelled with `label` at its start when it has room.
pub fn repeat_label(label: &str, cells: usize) -> String {
    match cells {
        0 => String::new(),
        n if n > label.width() => format!("{label}{}", " ".repeat(n - label.width())),
        n => " ".repeat(n),
    }
}

/// A centred rectangle of at most `width`×`height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// Clears `area` and draws a bordered box titled `title`; returns the inside.
/// Notes rows `offset..len` of a list drawn in `area`, one a line, as clickable.
pub fn add_row_hits(app: &super::app::App, area: Rect, offset: usize, len: usize) {
    let mut hits = app.hits.borrow_mut();
    for (line, index) in (offset..len).take(usize::from(area.height)).enumerate() {
        hits.add(Rect { y: area.y + line as u16, height: 1, ..area }, super::mouse::Hit::Row(index));
    }
}

pub fn overlay(area: Rect, buf: &mut Buffer, title: &str) -> Rect {
    Clear.render(area, buf);
    let block = Block::new().borders(Borders::ALL).title(Line::styled(format!(" {title} "), theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// The footer: "key hint · key hint". Where it does not fit, entries are dropped from the end, but the last
/// (help) is always kept so the way to every other key stays on screen.
pub fn key_hints(entries: &[(String, &str)], width: u16) -> Line<'static> {
    let entry_width = |(keys, hint): &(String, &str)| keys.width() + 1 + hint.width();
    let mut shown: Vec<&(String, &str)> = entries.iter().collect();
    let total = |shown: &[&(String, &str)]| {
        shown.iter().map(|e| entry_width(e)).sum::<usize>() + 3 * shown.len().saturating_sub(1)
    };
    while shown.len() > 1 && total(&shown) > usize::from(width) {
        shown.remove(shown.len() - 2);
    }
    let mut spans = Vec::new();
    for (i, (keys, hint)) in shown.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme::dim()));
        }
        spans.push(Span::styled(keys.clone(), theme::key()));
        spans.push(Span::raw(format!(" {hint}")));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_splits_long_words() {
        assert_eq!(wrap_text("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap_text("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap_text("", 5), vec![""]);
    }

    #[test]
    fn ellipsizes_by_columns() {
        assert_eq!(ellipsize("short", 10), "short");
        assert_eq!(ellipsize("a longer line", 8), "a longe…");
        assert_eq!(ellipsize("日本語の文字", 5), "日本…");
    }

    #[test]
    fn wraps_wide_characters_by_columns() {
        let lines = wrap_text("日本語の文字", 4);
        assert!(lines.iter().all(|l| l.width() <= 4), "{lines:?}");
        assert_eq!(lines.concat(), "日本語の文字");
    }

    #[test]
    fn target_bar_says_the_verdict_in_words() {
        let text = |secs| {
            target_bar(secs, Target::default(), 60)[0].spans.iter().map(|s| s.content.to_string()).collect::<String>()
        };
        assert!(text(30.0).contains("SHORT"));
        assert!(text(90.0).contains("ON TARGET"));
        assert!(text(135.0).contains("OVER by 0:15"));
    }
}
