//! Key bindings from the config's `[keys.<screen>]` tables, and the names that both sides spell them with.

use std::ops::Range;

use toml::Spanned;

use super::{Action, Context, Key, KeyCode, KeyMap};
use crate::config::{ConfigError, KeyList, Loaded};

/// `MarkPhase` → `mark_phase`, `Confidence(3)` → `confidence_3`: derived, so a new action is named for free.
pub fn action_name(action: Action) -> String {
    snake_case(&format!("{action:?}").replace('(', "_").replace(')', ""))
}

pub fn context_name(context: Context) -> String {
    snake_case(&format!("{context:?}"))
}

fn snake_case(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

const NAMED: [(&str, KeyCode); 15] = [
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
];

impl Key {
    /// Reads `q`, `G`, `ctrl-s`, `alt-x`, `enter`, `pagedown`, `f2`: one character or a key's name, after
    /// optional `ctrl-` and `alt-`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut rest = text;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ => {
                let lower = rest.to_ascii_lowercase();
                let function =
                    lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=12).contains(n));
                match (NAMED.iter().find(|(name, _)| *name == lower), function) {
                    (Some(&(_, code)), _) => code,
                    (None, Some(n)) => KeyCode::F(n),
                    (None, None) => {
                        return Err(format!(
                            "{} is not a key: write one character, or a name such as enter, esc, tab, space, up, \
                             pagedown, f1, with ctrl- or alt- before it if needed",
                            crate::text::quote(text)
                        ));
                    }
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }

    /// The key as the config spells it, so `star-coach config` prints what `parse` reads back.
    pub fn config_name(&self) -> String {
        let base = NAMED.iter().find(|(_, code)| *code == self.code).map(|(name, _)| name.to_string());
        let base = base.unwrap_or_else(|| match self.code {
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("f{n}"),
            other => format!("{other:?}").to_lowercase(),
        });
        let ctrl = if self.ctrl { "ctrl-" } else { "" };
        let alt = if self.alt { "alt-" } else { "" };
        format!("{ctrl}{alt}{base}")
    }
}

impl KeyMap {
    /// The default bindings with the config's replacements. An unknown name, a bad key, Ctrl-C, or two actions on
    /// one key in one place is an error pointing at the entry; every such entry in the config is reported.
    pub fn from_config(loaded: &Loaded) -> Result<KeyMap, ConfigError> {
        let mut map = KeyMap::default();
        let mut errors = Vec::new();
        for (context_key, actions) in &loaded.config.keys {
            let contexts: Vec<Context> =
                map.bindings.iter().map(|b| b.context).filter(|&c| context_name(c) == *context_key).collect();
            let Some(&context) = contexts.first() else {
                let known = map.sections().iter().map(|(c, _)| context_name(*c)).collect::<Vec<_>>().join(", ");
                let span = actions.keys().next().map(toml::Spanned::span);
                errors
                    .push(loaded.error_at(span, &format!("[keys.{context_key}] is not a screen; use one of {known}")));
                continue;
            };
            let before = errors.len();
            for (action_key, keys) in actions {
                match rebind(&mut map, context, context_key, action_key, keys) {
                    Ok(()) => {}
                    Err((span, message)) => errors.push(loaded.error_at(Some(span), &message)),
                }
            }
            // Clashes are only worth reporting between bindings that read.
            if errors.len() == before
                && let Err(e) = check_clashes(&map, context)
            {
                errors.push(loaded.error_at(actions.keys().next().map(toml::Spanned::span), &e));
            }
        }
        match ConfigError::join(errors) {
            Some(error) => Err(error),
            None => Ok(map),
        }
    }

    /// Every binding as `[keys.<screen>]` tables, in the form `from_config` reads.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        for (context, bindings) in self.sections() {
            out.push_str(&format!("\n[keys.{}]  # {}\n", context_name(context), context.title()));
            for b in bindings {
                let keys: Vec<String> = b.keys.iter().map(|k| format!("{:?}", k.config_name())).collect();
                // Printed for completeness, commented out because it cannot change.
                let fixed = if b.action == Action::ForceQuit { "# " } else { "" };
                out.push_str(&format!("{fixed}{} = [{}]\n", action_name(b.action), keys.join(", ")));
            }
        }
        out
    }
}

/// Gives the action `action_key` of `context` the config's `keys`; on a problem, where it is and what.
fn rebind(
    map: &mut KeyMap,
    context: Context,
    context_key: &str,
    action_key: &Spanned<String>,
    keys: &Spanned<KeyList>,
) -> Result<(), (Range<usize>, String)> {
    let name = action_key.get_ref();
    let own = |b: &&super::Binding| b.context == context || context.shared().contains(&b.context);
    let Some(index) = map.bindings.iter().position(|b| own(&b) && action_name(b.action) == *name) else {
        let known: Vec<String> = map.bindings.iter().filter(own).map(|b| action_name(b.action)).collect();
        return Err((action_key.span(), format!("{context_key} has no action {name}; it has {}", known.join(", "))));
    };
    if map.bindings[index].action == Action::ForceQuit {
        return Err((action_key.span(), "Ctrl-C always quits safely, so force_quit cannot be remapped".into()));
    }
    let parsed = keys.get_ref().keys().into_iter().map(Key::parse).collect::<Result<Vec<_>, _>>();
    let parsed = parsed.map_err(|e| (keys.span(), e))?;
    if parsed.is_empty() {
        return Err((keys.span(), format!("give {name} at least one key")));
    }
    if parsed.contains(&Key::ctrl('c')) {
        // The footer would offer Ctrl-C for this action, but Ctrl-C quits from everywhere before any screen sees it.
        return Err((keys.span(), format!("ctrl-c always quits safely, so it cannot be bound to {name}")));
    }
    map.bindings[index].keys = parsed;
    Ok(())
}

/// The sets of contexts that one screen has at once, among those a change to `context` touches.
fn screens_with(context: Context) -> Vec<Vec<Context>> {
    match context {
        Context::Answer => vec![vec![Context::Answer, Context::Practice], vec![Context::Answer, Context::MockAnswer]],
        Context::Playback => vec![vec![Context::Playback, Context::Review], vec![Context::Playback, Context::Attempt]],
        c => vec![std::iter::once(c).chain(c.shared().iter().copied()).collect()],
    }
}

/// One key, one action, within what one screen binds.
fn check_clashes(map: &KeyMap, context: Context) -> Result<(), String> {
    screens_with(context).into_iter().try_for_each(|screen| check_screen(map, context, &screen))
}

fn check_screen(map: &KeyMap, context: Context, screen: &[Context]) -> Result<(), String> {
    let bindings: Vec<_> = map.bindings.iter().filter(|b| screen.contains(&b.context)).collect();
    for (i, a) in bindings.iter().enumerate() {
        for b in &bindings[i + 1..] {
            if let Some(key) = a.keys.iter().find(|k| b.keys.contains(k)) {
                return Err(format!(
                    "{} is bound to both {} and {} in [keys.{}]",
                    key.config_name(),
                    action_name(a.action),
                    action_name(b.action),
                    context_name(context)
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(source: &str) -> Loaded {
        let config = crate::config::parse(source).unwrap();
        Loaded { config, path: Some("config.toml".into()), found: true, source: source.into() }
    }

    fn press(code: KeyCode) -> Key {
        Key::plain(code)
    }

    #[test]
    fn names_come_from_the_types() {
        assert_eq!(action_name(Action::MarkPhase), "mark_phase");
        assert_eq!(action_name(Action::Confidence(3)), "confidence_3");
        assert_eq!(context_name(Context::EditorList), "editor_list");
    }

    #[test]
    fn keys_parse_and_print_back() {
        for text in ["q", "G", "?", "ctrl-s", "alt-x", "enter", "space", "pagedown", "f2", "backtab", "ctrl-alt-k"] {
            let key = Key::parse(text).unwrap();
            assert_eq!(Key::parse(&key.config_name()).unwrap(), key, "{text}");
        }
        assert_eq!(Key::parse("Ctrl-S").unwrap(), Key::ctrl('s'));
        assert_eq!(Key::parse("ENTER").unwrap(), Key::plain(KeyCode::Enter));
        assert_eq!(Key::parse("-").unwrap(), Key::char('-'));
        for bad in ["", "ctrl-", "enterr", "f13", "qq"] {
            assert!(Key::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_remapped_key_reaches_lookup_footer_and_help() {
        let map = KeyMap::from_config(&loaded("[keys.practice]\nmark_phase = [\"right\", \"m\"]\n")).unwrap();
        let practice = [Context::Answer, Context::Practice];
        assert_eq!(map.lookup(&practice, press(KeyCode::Right)), Some(Action::MarkPhase));
        assert_eq!(map.lookup(&practice, press(KeyCode::Char('n'))), None, "the old key is gone");
        assert!(map.footer(&practice).iter().any(|e| e.keys == "→/m" && e.hint == "next phase"));
        assert_eq!(map.label(&practice, Action::MarkPhase), "→", "texts name the first key bound");
        let sections = map.sections();
        let practice = &sections.iter().find(|(c, _)| *c == Context::Answer).unwrap().1;
        assert!(
            practice
                .iter()
                .any(|b| b.action == Action::MarkPhase && b.keys == [Key::plain(KeyCode::Right), Key::char('m')])
        );
    }

    #[test]
    fn bad_entries_point_at_themselves() {
        let cases = [
            ("[keys.practise]\nstart = \"s\"\n", (2, 1), "not a screen"),
            ("[keys.practice]\nmark = \"m\"\n", (2, 1), "no action mark"),
            ("[keys.practice]\nmark_phase = \"enterr\"\n", (2, 14), "not a key"),
            ("[keys.practice]\nmark_phase = []\n", (2, 14), "at least one key"),
            ("[keys.practice]\nmark_phase = \"h\"\n", (2, 1), "bound to both"),
            ("[keys.practice]\npick_story = \"n\"\n", (2, 1), "bound to both"),
            ("[keys.answer]\nfinish = \"t\"\n", (2, 1), "bound to both"),
            ("[keys.global]\nforce_quit = \"ctrl-q\"\n", (2, 1), "cannot be remapped"),
            ("[keys.practice]\nmark_phase = [\"n\", \"Ctrl-C\"]\n", (2, 14), "ctrl-c always quits safely"),
            ("[keys.top]\nquit = \"ctrl-c\"\n", (2, 8), "cannot be bound to quit"),
        ];
        for (source, position, words) in cases {
            let error = KeyMap::from_config(&loaded(source)).unwrap_err();
            assert_eq!(error.position, Some(position), "{source:?}: {error}");
            assert!(error.message.contains(words), "{source:?}: {error}");
        }
    }

    #[test]
    fn every_bad_entry_is_reported_not_only_the_first() {
        let source = "[keys.practice]\nmark = \"m\"\nstart_pause = \"enterr\"\n[keys.stories]\nfilter = \"ctrl-c\"\n";
        let error = KeyMap::from_config(&loaded(source)).unwrap_err();
        assert_eq!(error.position, Some((2, 1)), "{error}");
        let more: Vec<_> = error.more.iter().map(|(position, _)| *position).collect();
        assert_eq!(more, [Some((3, 15)), Some((5, 10))], "{error}");
        let text = error.to_string();
        assert!(text.contains("; and 3:15: \"enterr\" is not a key") && text.contains("; and 5:10: ctrl-c"), "{text}");
    }

    #[test]
    fn the_printed_key_map_reads_back_as_the_default() {
        let text = KeyMap::default().to_toml();
        let map = KeyMap::from_config(&loaded(&text)).unwrap();
        assert_eq!(super::super::markdown_table(&map), super::super::markdown_table(&KeyMap::default()));
    }
}
