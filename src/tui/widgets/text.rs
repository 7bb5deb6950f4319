//! Text laid out for the terminal: cut with an ellipsis, wrapped by columns, the guide's documents.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::guidance::DocLine;
use crate::tui::theme;

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

/// `line` split into rows of at most `width` columns, at spaces where it can and anywhere in a word too long for a
/// row, each piece keeping its span's style; a line that fits comes back as it is.
pub fn wrap_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    if line.width() <= width {
        return vec![line];
    }
    let cells: Vec<(char, Style)> =
        line.spans.iter().flat_map(|s| s.content.chars().map(move |c| (c, s.style))).collect();
    let mut rows = Vec::new();
    let mut start = 0;
    while start < cells.len() {
        let mut end = start;
        let mut used = 0;
        while let Some(&(c, _)) = cells.get(end) {
            let w = c.width().unwrap_or(0);
            if used + w > width && end > start {
                break;
            }
            used += w;
            end += 1;
        }
        let mut next = end;
        if end < cells.len() && cells[end].0 != ' ' {
            // Back to the last space in the row, when there is one after its start.
            if let Some(space) = (start + 1..end).rev().find(|&i| cells[i].0 == ' ') {
                (end, next) = (space, space);
            }
        }
        rows.push(styled_row(&cells[start..end], line.style));
        start = next;
        while cells.get(start).is_some_and(|&(c, _)| c == ' ') {
            start += 1;
        }
    }
    rows
}

/// `line` cut to `width` columns with "…" where it was cut, each piece keeping its span's style; a line that fits
/// comes back as it is.
pub fn ellipsize_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width || width == 0 {
        return line;
    }
    let cells: Vec<(char, Style)> =
        line.spans.iter().flat_map(|s| s.content.chars().map(move |c| (c, s.style))).collect();
    let mut used = 1; // the ellipsis
    let mut end = 0;
    while let Some(&(c, _)) = cells.get(end) {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        end += 1;
    }
    let ellipsis_style = cells.get(end).map_or(line.style, |&(_, style)| style);
    let mut kept = cells[..end].to_vec();
    kept.push(('…', ellipsis_style));
    styled_row(&kept, line.style)
}

/// Characters and their styles as a line, a span for each run of one style.
fn styled_row(cells: &[(char, Style)], style: Style) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    for &(c, cell_style) in cells {
        match spans.last_mut() {
            Some(span) if span.style == cell_style => span.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), cell_style)),
        }
    }
    Line::from(spans).style(style)
}

/// Lays out a guide document for `width` columns: headings styled, bullets indented with a hanging indent.
pub fn doc_lines(doc: &[DocLine], width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let mut out = Vec::new();
    for line in doc {
        match line {
            DocLine::Title(t) => out.extend(wrap_text(t, width).into_iter().map(|l| Line::styled(l, theme::title()))),
            DocLine::Heading(h) => {
                out.extend(wrap_text(h, width).into_iter().map(|l| Line::styled(l, theme::heading())));
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

/// `cells` columns for a bar segment, labelled with `label` at its start when it has room.
pub fn repeat_label(label: &str, cells: usize) -> String {
    match cells {
        0 => String::new(),
        n if n > label.width() => format!("{label}{}", " ".repeat(n - label.width())),
        n => " ".repeat(n),
    }
}

/// Pasted text cut to fit the `room` bytes left in a field (at a character's end), and whether it was cut: a paste
/// can hold megabytes, and a field over its cap could not be saved.
pub fn fit_paste(text: String, room: usize) -> (String, bool) {
    if text.len() <= room {
        return (text, false);
    }
    let mut end = room;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (text[..end].to_string(), true)
}

/// The sentence that says a paste was cut.
pub fn paste_cut(cap: usize) -> String {
    format!("The paste was cut to fit: a field holds at most {} KiB.", cap / 1024)
}

/// A count of rows or columns as a terminal coordinate; a count past the largest terminal saturates.
pub fn cells(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// How many of `width` cells a share (0 to 1, or beyond for overtime) fills, rounded; never more than `limit`.
pub fn share_cells(share: f64, width: usize, limit: usize) -> usize {
    let filled = (share * width as f64).round().clamp(0.0, limit as f64);
    // Clamped to 0..=limit just above, so the cast neither truncates nor loses a sign.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let filled = filled as usize;
    filled
}

/// `text` padded with spaces to `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let gap = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(gap))
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
    fn a_styled_line_wraps_at_spaces_and_keeps_its_styles() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let line = Line::from(vec![Span::styled("Story: ", bold), Span::raw("a long title here")]);
        let rows = wrap_line(line.clone(), 13);
        let text = |l: &Line| l.spans.iter().map(|s| s.content.to_string()).collect::<String>();
        assert_eq!(rows.iter().map(text).collect::<Vec<_>>(), ["Story: a long", "title here"]);
        assert_eq!(rows[0].spans[0].style, bold);
        assert_eq!(rows[0].spans[1].content, "a long");
        assert_eq!(rows[1].spans.len(), 1, "the title's style, one span");
        assert_eq!(wrap_line(line.clone(), 80), [line], "a line that fits is untouched");
        let cut: Vec<String> = wrap_line(Line::raw("abcdefghij"), 4).iter().map(text).collect();
        assert_eq!(cut, ["abcd", "efgh", "ij"]);
        let wide = wrap_line(Line::raw("日本語の文字"), 3);
        assert!(wide.iter().all(|l| l.width() <= 3) && wide.len() == 6, "{wide:?}");
        assert_eq!(wrap_line(Line::raw("日本"), 1).len(), 2, "a character wider than the row gets a row");
    }

    #[test]
    fn ellipsizes_by_columns() {
        assert_eq!(ellipsize("short", 10), "short");
        assert_eq!(ellipsize("a longer line", 8), "a longe…");
        assert_eq!(ellipsize("日本語の文字", 5), "日本…");
    }

    #[test]
    fn a_styled_line_is_cut_with_an_ellipsis_and_keeps_its_styles() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let line = Line::from(vec![Span::styled("Story: ", bold), Span::raw("Checkout rewrite")]);
        let text = |l: &Line| l.spans.iter().map(|s| s.content.to_string()).collect::<String>();
        let cut = ellipsize_line(line.clone(), 12);
        assert_eq!(text(&cut), "Story: Chec…");
        assert_eq!((cut.spans[0].style, cut.spans[1].content.as_ref()), (bold, "Chec…"));
        assert_eq!(text(&ellipsize_line(line.clone(), 7)), "Story:…", "cut at the edge of the first span");
        assert_eq!(ellipsize_line(line.clone(), 23), line, "a line that fits is untouched");
        assert_eq!(text(&ellipsize_line(Line::raw("日本語の文字"), 6)), "日本…");
    }

    #[test]
    fn wraps_wide_characters_by_columns() {
        let lines = wrap_text("日本語の文字", 4);
        assert!(lines.iter().all(|l| l.width() <= 4), "{lines:?}");
        assert_eq!(lines.concat(), "日本語の文字");
    }
}
