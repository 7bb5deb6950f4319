//! Keys typed into a text area (the story editor's fields, the review note): ratatui-textarea's own keys, less
//! the one that destroys text by surprise.
//!
//! A line feed reaches a raw-mode terminal as Ctrl-J, which is what text typed or pasted without bracketed paste
//! sends for each newline (`tmux send-keys`, `xdotool type`, some terminals). ratatui-textarea binds Ctrl-J to
//! "delete to the start of the line", so every line but the last was lost, and autosave kept the loss. Here it
//! is Enter, as the user meant. The textarea's other keys (listed in `keys::TEXT_KEYS`) delete only what the
//! user asked for, and Ctrl-U undoes any of them.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The key the text area should see for `key`: Ctrl-J becomes Enter.
pub fn text_key(key: KeyEvent) -> KeyEvent {
    let ctrl_j = key.code == KeyCode::Char('j') && key.modifiers == KeyModifiers::CONTROL;
    if ctrl_j { KeyEvent { code: KeyCode::Enter, modifiers: KeyModifiers::NONE, ..key } } else { key }
}
