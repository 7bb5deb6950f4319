//! Pieces several screens draw or share: text layout, the clock, the answer step, scrolling, boxes, hints.

pub mod answer;
pub mod clock;
pub mod columns;
pub mod hints;
pub mod popup;
pub mod scroll;
pub mod stories;
pub mod text;
pub mod text_input;
