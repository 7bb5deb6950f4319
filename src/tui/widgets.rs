//! Pieces several screens draw or share: text layout, the clock, the answer step, scrolling, boxes, hints, the
//! recording's player, its position strip and what it says.

pub mod answer;
pub mod clock;
pub mod columns;
pub mod hearing;
pub mod hints;
pub mod popup;
pub mod replay;
pub mod scroll;
pub mod stories;
pub mod strip;
pub mod text;
pub mod text_input;
