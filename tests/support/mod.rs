//! Helpers shared by the integration tests: `mod support;` in a test file, then `use support::pty::Pty;`.

pub mod pty;
