//! Named styles in three palettes. Colour is never the only signal: every coloured state also has bold, reverse
//! or words, which is all the monochrome palette (and `NO_COLOR`) keeps.
//!
//! The palette is per thread: the app draws on one thread, and each snapshot test picks its own.

use std::cell::Cell;

use crate::config::ThemeName;
use crate::practice::Verdict;
use ratatui::style::{Color, Modifier, Style};

thread_local! {
    static CURRENT: Cell<ThemeName> = const { Cell::new(ThemeName::Dark) };
}

/// Uses `name` for everything drawn on this thread from now on.
pub fn set(name: ThemeName) {
    CURRENT.with(|current| current.set(name));
}

pub fn current() -> ThemeName {
    CURRENT.with(Cell::get)
}

/// The theme to draw with: the configured one, or monochrome when `NO_COLOR` is set (<https://no-color.org>).
pub fn effective(configured: ThemeName, no_color: Option<&std::ffi::OsStr>) -> ThemeName {
    if no_color.is_some_and(|v| !v.is_empty()) { ThemeName::Mono } else { configured }
}

/// `colour` in the dark and light palettes; the monochrome one leaves the text's colour alone.
fn tinted(dark: Color, light: Color) -> Style {
    match current() {
        ThemeName::Dark => Style::new().fg(dark),
        ThemeName::Light => Style::new().fg(light),
        ThemeName::Mono => Style::new(),
    }
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn heading() -> Style {
    let style = tinted(Color::Cyan, Color::Blue).add_modifier(Modifier::BOLD);
    if current() == ThemeName::Mono { style.add_modifier(Modifier::UNDERLINED) } else { style }
}

pub fn label() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    match current() {
        ThemeName::Mono => Style::new().add_modifier(Modifier::DIM),
        _ => tinted(Color::DarkGray, Color::DarkGray),
    }
}

pub fn key() -> Style {
    tinted(Color::Cyan, Color::Blue).add_modifier(Modifier::BOLD)
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn active_tab() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

pub fn warning() -> Style {
    // Yellow is unreadable on a light background.
    tinted(Color::Yellow, Color::Magenta).add_modifier(Modifier::BOLD)
}

pub fn error() -> Style {
    tinted(Color::Red, Color::Red).add_modifier(Modifier::BOLD)
}

/// The `● REC` badge: red where there is colour, and always words in reverse.
pub fn recording() -> Style {
    error().add_modifier(Modifier::REVERSED)
}

pub fn good() -> Style {
    tinted(Color::Green, Color::Green).add_modifier(Modifier::BOLD)
}

pub fn verdict(verdict: Verdict) -> Style {
    match verdict {
        Verdict::Short => warning(),
        Verdict::OnTarget => good(),
        Verdict::Over => error(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_means_monochrome_whatever_the_config_says() {
        assert_eq!(effective(ThemeName::Light, Some("1".as_ref())), ThemeName::Mono);
        assert_eq!(effective(ThemeName::Light, Some("".as_ref())), ThemeName::Light, "empty NO_COLOR is unset");
        assert_eq!(effective(ThemeName::Dark, None), ThemeName::Dark);
    }

    #[test]
    fn monochrome_sets_no_colour_and_keeps_meaning_in_modifiers() {
        set(ThemeName::Mono);
        for style in [heading(), dim(), key(), warning(), error(), good()] {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
            assert!(!style.add_modifier.is_empty(), "{style:?}");
        }
        set(ThemeName::Light);
        assert_eq!(warning().fg, Some(Color::Magenta));
        set(ThemeName::Dark);
        assert_eq!(warning().fg, Some(Color::Yellow));
    }
}
