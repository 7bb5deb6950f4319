//! `paths`, `config`, `completions` and `man`: where things are, the settings in effect, and shell integration.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::CommandFactory as _;
use star_coach::{config, paths, store};

use super::output::print;
use super::{Cli, Env};

pub fn paths(env: &Env) -> Result<()> {
    let dir = env.data_dir()?;
    let shown = |path: Option<PathBuf>| path.map_or_else(|| "(none found)".to_string(), |p| p.display().to_string());
    let recordings = star_coach::recordings::Recordings::new(&dir, env.settings().config.voice.max_mb);
    print(&format!(
        "data file:     {}\nconfig file:   {}\nprompt packs:  {}\nrecordings:    {} ({})\n",
        dir.join(store::FILE_NAME).display(),
        shown(paths::config_file()),
        shown(paths::packs_dir()),
        recordings.dir().display(),
        recordings.usage().describe()
    ))
}

/// Prints every setting and binding as a config file; exits 1 after the defaults when the file has a problem.
pub fn config(env: &Env) -> Result<()> {
    let settings = env.settings();
    let path = paths::config_file();
    let found = path.as_ref().is_some_and(|p| p.exists());
    let origin = match &path {
        Some(p) if settings.error.is_some() => format!("{} has a problem, so these are the defaults", p.display()),
        Some(p) if found => format!("read from {}", p.display()),
        Some(p) => format!("{} does not exist, so these are the defaults", p.display()),
        None => "no config folder found, so these are the defaults".to_string(),
    };
    let text = format!(
        "# star-coach config, {origin}.\n# Every key is optional; see README.md.\n{}{}",
        config::to_toml(&settings.config),
        settings.keymap.to_toml()
    );
    print(&text)?;
    match settings.warning() {
        Some(warning) => bail!("{warning}"),
        None => Ok(()),
    }
}

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "star-coach", &mut out);
    print(&String::from_utf8_lossy(&out))
}
