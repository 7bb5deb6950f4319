//! The engine knows nothing of a terminal: only `src/tui.rs` and `src/tui/` may name ratatui or crossterm, and
//! only the binary's `src/cli*` opens the coach through `star_coach::tui::run`.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Code lines of `path` (comments left out) that name any of `words`.
fn naming(path: &Path, words: &[&str]) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .filter(|line| words.iter().any(|w| line.contains(w)))
        .map(|line| format!("{}: {}", path.display(), line.trim()))
        .collect()
}

#[test]
fn no_engine_module_uses_the_terminal() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let tui = src.join("tui");
    let engine: Vec<&PathBuf> = files.iter().filter(|p| !p.starts_with(&tui) && *p != &src.join("tui.rs")).collect();
    assert!(engine.len() > 20, "the walk found the engine's files: {engine:?}");
    let offending: Vec<String> = engine.iter().flat_map(|p| naming(p, &["ratatui", "crossterm"])).collect();
    assert!(offending.is_empty(), "engine code that uses the terminal:\n{}", offending.join("\n"));
}

#[test]
fn the_cli_reaches_the_tui_only_to_open_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join("cli.rs")];
    rust_files(&src.join("cli"), &mut files);
    let offending: Vec<String> = files.iter().flat_map(|p| naming(p, &["tui::", "ratatui", "crossterm"])).collect();
    assert!(offending.is_empty(), "the CLI reaches into the TUI:\n{}", offending.join("\n"));
}
