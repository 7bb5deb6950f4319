//! Where the user's data and config live.

use std::path::PathBuf;

pub const DATA_DIR_ENV: &str = "STAR_COACH_DATA_DIR";

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "star-coach")
}

/// The data folder: `--data-dir`, else `$STAR_COACH_DATA_DIR`, else the platform's (`$XDG_DATA_HOME/star-coach`).
pub fn data_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit
        .or_else(|| std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
}

/// The platform's config folder (`$XDG_CONFIG_HOME/star-coach` on Linux).
pub fn config_dir() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().to_path_buf())
}
