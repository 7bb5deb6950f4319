//! star-coach: the engine (the bundled guide, the story bank, the practice clock, the user's data on disk) and,
//! in `tui`, the terminal front end that drives it.
//!
//! Only `tui` knows about a terminal: no other module may use ratatui or crossterm (`tests/architecture.rs` checks
//! it). The binary's `cli` drives the same engine functions without a terminal.

pub mod audio;
pub mod budget;
pub mod config;
pub mod content;
pub mod coverage;
pub mod drill;
pub mod exchange;
pub mod files;
pub mod guidance;
pub mod keys;
pub mod lint;
pub mod mock;
pub mod model;
pub mod paths;
pub mod plan;
pub mod practice;
pub mod recordings;
pub mod settings;
pub mod stats;
pub mod store;
pub mod text;
pub mod tui;
pub mod undo;
pub mod validate;
pub mod voice;

/// Hostile imports for property tests, shared with the integration tests in `tests/it/support/`.
#[cfg(test)]
#[path = "../tests/it/support/hostile_import.rs"]
pub(crate) mod hostile_import;
