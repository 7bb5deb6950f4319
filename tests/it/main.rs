//! The integration tests, in one binary so the crate and its dependencies are linked once: the real binary on
//! the command line and in a pseudo-terminal, the data file's safety under kills and damage, the bundled content,
//! the layering of the source. One module a subject.

// Test code: a failed unwrap is a failed test; exact figures and quick casts are what a test means.
#![allow(
    clippy::unwrap_used,
    clippy::float_cmp,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::needless_pass_by_value,
    clippy::unreadable_literal
)]

mod architecture;
mod bad_files;
mod cli;
mod cli_history;
mod cli_import;
mod cli_packs;
mod cli_plan;
mod cli_play;
mod cli_questions;
mod cli_voice;
mod content;
mod crash;
mod e2e;
mod e2e_config;
mod e2e_drill;
mod e2e_exit;
mod e2e_mock;
mod e2e_record;
mod e2e_stories;
mod e2e_terminal;
mod file_safety;
mod hostile_imports;
mod lint_corpus;
mod migrations;
mod questions;
mod record_alsa;
mod saves;
mod support;
mod voice_accuracy;
