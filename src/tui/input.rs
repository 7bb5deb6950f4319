//! Terminal key events as the key map's `Key`s.

use ratatui::crossterm::event::{self, KeyEvent, KeyEventKind, KeyModifiers};

use crate::keys::{Key, KeyCode};

/// The key `event` presses, or `None` for a release or a key no binding can name.
pub fn key_of(event: &KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let code = match event.code {
        event::KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        event::KeyCode::Char(c) => KeyCode::Char(c),
        event::KeyCode::F(n) => KeyCode::F(n),
        event::KeyCode::Enter => KeyCode::Enter,
        event::KeyCode::Esc => KeyCode::Esc,
        event::KeyCode::Tab => KeyCode::Tab,
        event::KeyCode::BackTab => KeyCode::BackTab,
        event::KeyCode::Backspace => KeyCode::Backspace,
        event::KeyCode::Delete => KeyCode::Delete,
        event::KeyCode::Up => KeyCode::Up,
        event::KeyCode::Down => KeyCode::Down,
        event::KeyCode::Left => KeyCode::Left,
        event::KeyCode::Right => KeyCode::Right,
        event::KeyCode::PageUp => KeyCode::PageUp,
        event::KeyCode::PageDown => KeyCode::PageDown,
        event::KeyCode::Home => KeyCode::Home,
        event::KeyCode::End => KeyCode::End,
        _ => return None,
    };
    Some(Key { code, ctrl, alt: event.modifiers.contains(KeyModifiers::ALT) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_is_in_the_character_and_ctrl_letters_are_lower_case() {
        let big_g = KeyEvent::new(event::KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(key_of(&big_g), Some(Key::char('G')));
        let ctrl_s = KeyEvent::new(event::KeyCode::Char('S'), KeyModifiers::CONTROL | KeyModifiers::SHIFT);
        assert_eq!(key_of(&ctrl_s), Some(Key::ctrl('s')));
        let mut release = KeyEvent::new(event::KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(key_of(&release), None);
    }
}
