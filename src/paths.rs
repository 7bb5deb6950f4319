//! Where the user's data and config live.

use std::path::PathBuf;

pub const DATA_DIR_ENV: &str = "STAR_COACH_DATA_DIR";
pub const CONFIG_ENV: &str = "STAR_COACH_CONFIG";
pub const CONFIG_FILE_NAME: &str = "config.toml";
/// The folder of custom prompt packs, beside the config file.
pub const PACKS_DIR_NAME: &str = "prompts";

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "star-coach")
}

fn from_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// The data folder: `--data-dir`, else `$STAR_COACH_DATA_DIR`, else the platform's (`$XDG_DATA_HOME/star-coach`).
pub fn data_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit.or_else(|| from_env(DATA_DIR_ENV)).or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
}

/// The config file: `$STAR_COACH_CONFIG`, else `config.toml` in the platform's config folder
/// (`$XDG_CONFIG_HOME/star-coach` on Linux).
pub fn config_file() -> Option<PathBuf> {
    from_env(CONFIG_ENV).or_else(|| project_dirs().map(|d| d.config_dir().join(CONFIG_FILE_NAME)))
}

/// The folder of custom prompt packs: `prompts/` beside the config file, so `STAR_COACH_CONFIG` moves both.
pub fn packs_dir() -> Option<PathBuf> {
    let file = config_file()?;
    Some(file.parent().map_or_else(|| PathBuf::from(PACKS_DIR_NAME), |p| p.join(PACKS_DIR_NAME)))
}
