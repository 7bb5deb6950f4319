//! An answer laid along one line, time running left to right: where each STAR phase starts, and the play head.
//! Anything measured along the answer (its loudness, say) can draw on the same columns through
//! [`TimeStrip::columns`], so the strips line up under each other.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::model::Phase;
use crate::tui::theme;

/// An answer of `duration` seconds, its phase starts and, when set, a play head.
#[derive(Debug, Clone, Copy)]
pub struct TimeStrip<'a> {
    duration: f64,
    marks: &'a [(Phase, f64)],
    head: Option<f64>,
}

/// One column of a strip: the stretch of the answer it covers and what falls in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub from: f64,
    pub to: f64,
    /// The phase that starts in this column (the later one, when two do).
    pub mark: Option<Phase>,
    pub head: bool,
    /// Before the play head: already heard.
    pub played: bool,
}

impl<'a> TimeStrip<'a> {
    pub fn new(duration: f64, marks: &'a [(Phase, f64)]) -> TimeStrip<'a> {
        TimeStrip { duration: duration.max(0.0), marks, head: None }
    }

    #[must_use]
    pub fn head(self, at: f64) -> TimeStrip<'a> {
        TimeStrip { head: Some(at.clamp(0.0, self.duration)), ..self }
    }

    /// The strip's columns at `width` cells, the answer spread evenly over them.
    pub fn columns(&self, width: u16) -> Vec<Column> {
        let per_column = self.duration / f64::from(width.max(1));
        let last = width.saturating_sub(1);
        (0..width)
            .map(|x| {
                let (from, to) = (f64::from(x) * per_column, f64::from(x + 1) * per_column);
                // The end of the answer belongs to the last column, as a start belongs to the first.
                let inside = |at: f64| (at >= from && at < to) || (x == last && at >= to);
                let mark = self.marks.iter().rev().find(|&&(_, at)| inside(at)).map(|&(phase, _)| phase);
                let head = self.head.is_some_and(inside);
                let played = self.head.is_some_and(|h| to <= h);
                Column { from, to, mark, head, played }
            })
            .collect()
    }
}

impl TimeStrip<'_> {
    /// The strip as one line of `width` cells: `━` heard, `─` to come, `●` the head, and each phase's initial
    /// where it starts (`S`, `T`, …).
    pub fn line(&self, width: u16) -> Line<'static> {
        let spans = self.columns(width).into_iter().map(|column| match column {
            Column { head: true, .. } => Span::styled("●", theme::title()),
            Column { mark: Some(phase), .. } => {
                Span::styled(phase.name().chars().take(1).collect::<String>(), theme::label())
            }
            Column { played: true, .. } => Span::styled("━", theme::label()),
            _ => Span::styled("─", theme::dim()),
        });
        Line::from(spans.collect::<Vec<_>>())
    }
}

impl Widget for TimeStrip<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.line(area.width).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(strip: TimeStrip, width: u16) -> String {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        strip.render(area, &mut buf);
        (0..width).map(|x| buf[(x, 0)].symbol().to_string()).collect()
    }

    const MARKS: [(Phase, f64); 4] =
        [(Phase::Situation, 0.0), (Phase::Task, 10.0), (Phase::Action, 20.0), (Phase::Result, 60.0)];

    #[test]
    fn phases_start_where_they_were_marked_and_the_head_splits_heard_from_to_come() {
        let strip = TimeStrip::new(80.0, &MARKS);
        assert_eq!(row(strip, 8), "STA───R─");
        assert_eq!(row(strip.head(45.0), 8), "STA━●─R─");
        assert_eq!(row(strip.head(0.0), 8), "●TA───R─", "the head over the mark it stands on");
        assert_eq!(row(strip.head(80.0), 8), "STA━━━R●", "the end is the last column");
    }

    #[test]
    fn a_strip_draws_at_any_width() {
        let strip = TimeStrip::new(80.0, &MARKS).head(30.0);
        assert_eq!(row(strip, 1), "●");
        assert_eq!(row(strip, 2), "●R");
        assert_eq!(TimeStrip::new(0.0, &[]).columns(3).len(), 3, "an empty answer still fills its row");
        let columns = strip.columns(4);
        assert_eq!((columns[1].from, columns[1].to), (20.0, 40.0));
        assert_eq!(columns[0].mark, Some(Phase::Task), "the later of two phases starting in one column");
    }
}
