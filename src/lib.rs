//! The star-coach engine: the bundled guide, the story bank, the practice clock and the user's data on disk.
//!
//! Nothing here knows about a terminal; the binary's `tui` and `cli` modules drive it.

pub mod config;
pub mod content;
pub mod coverage;
pub mod exchange;
pub mod guidance;
pub mod lint;
pub mod mock;
pub mod model;
pub mod next;
pub mod paths;
pub mod practice;
pub mod stats;
pub mod store;
pub mod text;
pub mod validate;
pub mod voice;
