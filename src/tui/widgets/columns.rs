//! Table columns fitted to the width there is: the least needed dropped first, the rest given exact widths, so
//! every cell can be cut with "…" where it is cut rather than at the edge without a word.

use ratatui::layout::Constraint;

use crate::tui::widgets::text::ellipsize;

/// Cells between columns, as ratatui's `Table` leaves by default.
pub const SPACING: u16 = 1;

/// One column: its width, and how readily it goes when the table is short of room.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub width: Width,
    /// 0 is never dropped; otherwise the highest number goes first.
    pub drop_order: u8,
}

#[derive(Debug, Clone, Copy)]
pub enum Width {
    Fixed(u16),
    /// At least `min` columns, then a share (by `weight`) of what the fixed columns leave.
    Fill {
        min: u16,
        weight: u16,
    },
}

impl Column {
    pub const fn fixed(width: u16, drop_order: u8) -> Column {
        Column { width: Width::Fixed(width), drop_order }
    }

    pub const fn fill(min: u16, weight: u16, drop_order: u8) -> Column {
        Column { width: Width::Fill { min, weight }, drop_order }
    }

    fn min(self) -> u16 {
        match self.width {
            Width::Fixed(w) | Width::Fill { min: w, .. } => w,
        }
    }
}

/// The width of each column in `width` cells, `None` for a column dropped for room.
pub fn fit(columns: &[Column], width: u16) -> Vec<Option<u16>> {
    let mut shown: Vec<bool> = vec![true; columns.len()];
    let needed = |shown: &[bool]| {
        let mins: u32 = columns.iter().zip(shown).filter(|(_, s)| **s).map(|(c, _)| u32::from(c.min())).sum();
        let count = u32::try_from(shown.iter().filter(|s| **s).count()).unwrap_or(u32::MAX);
        mins + u32::from(SPACING) * count.saturating_sub(1)
    };
    while needed(&shown) > u32::from(width) {
        let next = (0..columns.len()).filter(|&i| shown[i] && columns[i].drop_order > 0).max_by_key(|&i| {
            // The highest drop order goes first; among equals the rightmost.
            (columns[i].drop_order, i)
        });
        match next {
            Some(i) => shown[i] = false,
            None => break,
        }
    }
    let spare = u32::from(width).saturating_sub(needed(&shown));
    let weights: u32 = columns
        .iter()
        .zip(&shown)
        .filter(|(_, s)| **s)
        .map(|(c, _)| match c.width {
            Width::Fill { weight, .. } => u32::from(weight),
            Width::Fixed(_) => 0,
        })
        .sum();
    let mut given = 0;
    let fills = columns.iter().zip(&shown).filter(|(c, s)| **s && matches!(c.width, Width::Fill { .. })).count();
    let mut fill_seen = 0;
    columns
        .iter()
        .zip(&shown)
        .map(|(c, &s)| {
            if !s {
                return None;
            }
            Some(match c.width {
                Width::Fixed(w) => w,
                Width::Fill { min, weight } => {
                    fill_seen += 1;
                    // The last fill column takes what rounding left over.
                    let extra =
                        if fill_seen == fills { spare - given } else { spare * u32::from(weight) / weights.max(1) };
                    given += extra;
                    min.saturating_add(u16::try_from(extra).unwrap_or(u16::MAX))
                }
            })
        })
        .collect()
}

/// The constraints for the shown columns, for `Table::new`.
pub fn constraints(widths: &[Option<u16>]) -> Vec<Constraint> {
    widths.iter().flatten().map(|&w| Constraint::Length(w)).collect()
}

/// The cells of the shown columns, each cut with "…" to its width.
pub fn cells<S: AsRef<str>>(widths: &[Option<u16>], texts: &[S]) -> Vec<String> {
    widths.iter().zip(texts).filter_map(|(w, t)| w.map(|w| ellipsize(t.as_ref(), usize::from(w)))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_needed_column_goes_first_and_fills_share_the_rest() {
        let columns = [Column::fill(10, 1, 0), Column::fixed(5, 0), Column::fixed(4, 2), Column::fixed(2, 1)];
        assert_eq!(fit(&columns, 40), vec![Some(26), Some(5), Some(4), Some(2)]);
        assert_eq!(fit(&columns, 20), vec![Some(11), Some(5), None, Some(2)]);
        assert_eq!(fit(&columns, 16), vec![Some(10), Some(5), None, None]);
        assert_eq!(fit(&columns, 3), vec![Some(10), Some(5), None, None], "never below the columns kept");
    }

    #[test]
    fn fill_columns_split_by_weight_and_use_every_cell() {
        let columns = [Column::fill(10, 3, 0), Column::fill(5, 2, 0)];
        let widths = fit(&columns, 36);
        assert_eq!(widths, vec![Some(22), Some(13)]);
        assert_eq!(widths.iter().flatten().sum::<u16>() + SPACING, 36);
    }

    #[test]
    fn cells_are_cut_with_an_ellipsis() {
        let widths = [Some(5), None, Some(3)];
        assert_eq!(cells(&widths, &["Checkout", "gone", "ok"]), vec!["Chec…", "ok"]);
    }
}
