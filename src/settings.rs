//! What the config decides for a session, read once at start and passed to whatever needs it: the TUI, and each
//! command of the CLI.

use crate::config::{self, Config, ConfigError};
use crate::keys::KeyMap;

/// The config's settings and key map; on a bad config, the defaults and why.
#[derive(Default)]
pub struct Settings {
    pub config: Config,
    pub keymap: KeyMap,
    /// The config's problem, when it has one; everything else is then the defaults.
    pub error: Option<ConfigError>,
}

impl Settings {
    /// Reads the config file (`STAR_COACH_CONFIG`, else the platform's config folder).
    pub fn load() -> Settings {
        let (loaded, error) = config::load(crate::paths::config_file().as_deref());
        Settings::from_loaded(loaded, error)
    }

    /// The settings of a config as read. On any problem all of them are reported, the key map's with the rest,
    /// and the defaults run.
    pub fn from_loaded(loaded: config::Loaded, error: Option<ConfigError>) -> Settings {
        let Some(error) = error else {
            return match KeyMap::from_config(&loaded) {
                Ok(keymap) => Settings { config: loaded.config, keymap, error: None },
                Err(error) => Settings { error: Some(error), ..Settings::default() },
            };
        };
        // The key tables on their own, to report their problems too; nothing of them is used.
        let keys = config::keys_only(&loaded.source).unwrap_or_default();
        let keys_only = config::Loaded { config: Config { keys, ..Config::default() }, ..loaded };
        let keymap_error = KeyMap::from_config(&keys_only).err();
        Settings { error: ConfigError::join([Some(error), keymap_error].into_iter().flatten()), ..Settings::default() }
    }

    /// The status line's short form: the problem first, since the line is cut at the terminal's width.
    pub fn status(&self) -> Option<String> {
        self.error.as_ref().map(|e| format!("Config not used: {}; running on the defaults (see ? help).", e.short()))
    }

    /// The one sentence that says the config was not used.
    pub fn warning(&self) -> Option<String> {
        self.error.as_ref().map(|e| format!("config not used, running on the defaults: {e}"))
    }
}
