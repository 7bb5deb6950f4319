//! The command line: every subcommand calls the same engine and store functions the TUI uses, one file each under
//! `cli/`. Settings are read once here and passed down; the coach itself is opened by `main`.

mod analyze;
mod args;
mod exchange;
mod guide;
mod history;
mod man;
mod output;
mod plan;
mod play;
mod questions;
mod restore;
mod setup;
mod stories;

use std::path::PathBuf;

pub use args::report as argument_error;

use anyhow::{Result, anyhow, bail};
use clap::{Parser, Subcommand, ValueEnum};
use star_coach::content::Guide;
use star_coach::drill::DrillOptions;
use star_coach::mock::MockOptions;
use star_coach::paths;
use star_coach::settings::Settings;

/// Rehearse STAR answers to the seven behavioral interview prompts, against the clock, in your terminal.
///
/// Run with no command to open the coach. Your story bank and practice history stay on this machine.
#[derive(Debug, Parser)]
#[command(name = "star-coach", version, about, long_about)]
pub struct Cli {
    /// Folder for the data file (default: `$STAR_COACH_DATA_DIR`, else the platform data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command line. `star-coach` alone, the usual start, skips clap: building its tree of every command and
    /// argument was a fifth of a millisecond of the coach's start, for an answer known without it.
    pub fn from_args() -> Result<Cli, clap::Error> {
        if std::env::args_os().len() == 1 {
            let bare = Cli { data_dir: None, command: None };
            // Debug builds, which every end-to-end test runs, hold the shortcut to what clap makes of no arguments.
            #[cfg(debug_assertions)]
            assert_eq!(format!("{:?}", Cli::try_parse_from(["star-coach"]).ok()), format!("{:?}", Some(&bare)));
            return Ok(bare);
        }
        Cli::try_parse()
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the seven prompts in the guide's order, then each prompt pack's under its name.
    Prompts,
    /// Show the full guidance for one prompt, by number (1–7, then the packs') or id.
    Prompt {
        /// The prompt's number or id, e.g. `4` or `missed-deadline`.
        prompt: String,
    },
    /// Show the guide's general strategy, answer template, pitfalls and checklist.
    Guide,
    /// List the bank of behavioural questions beyond the seven prompts, by leadership principle (all sixteen).
    Questions {
        /// Only the questions that probe this principle: its name, or a part of it such as `backbone`.
        #[arg(long, value_name = "NAME")]
        principle: Option<String>,
        /// Print a JSON array of {"id", "question", "principles"}.
        #[arg(long)]
        json: bool,
    },
    /// List the stories in the bank, one a line; `stories lint` checks them against the guide's pitfalls.
    Stories {
        #[command(subcommand)]
        action: Option<StoriesCommand>,
    },
    /// Write the whole bank (stories and attempts) to stdout or a file.
    Export {
        /// `json` re-imports exactly; `md` is a readable cheat sheet.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Write to this file instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Merge a JSON export into the bank (stories and attempts by id); on any error nothing changes.
    Import {
        /// A file written by `star-coach export --format json`.
        file: PathBuf,
    },
    /// Sum up practice per prompt and name the stories worth rewriting; `--json` lists every attempt.
    History {
        /// Print a JSON array instead, one object per attempt.
        #[arg(long)]
        json: bool,
        /// Only this prompt (number or id).
        #[arg(long, value_name = "PROMPT")]
        prompt: Option<String>,
    },
    /// Say which prompt to practise next, and why: today's first item of the plan.
    Next,
    /// Plan practice day by day toward the interview date: set the date, the prompts a day, or clear them; then
    /// print the plan from today to the date (a week ahead without one).
    Plan {
        /// The interview date, e.g. `2026-12-16`: today or later, within a year.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Prompts to practise a day, 1 to 20 (default: the config's `[plan] per_day`, 3).
        #[arg(long, value_name = "N")]
        per_day: Option<u32>,
        /// Forget the interview date and the prompts a day set here.
        #[arg(long, conflicts_with_all = ["date", "per_day"])]
        clear: bool,
        /// Print a JSON array of {"date", "items": [{"prompt", "reason"}]} instead.
        #[arg(long)]
        json: bool,
    },
    /// Say what a recorded answer shows: talk time, pauses and pace (any PCM or float WAV file).
    Analyze {
        /// The WAV file.
        file: PathBuf,
        /// Print one JSON object instead: `duration_secs`, `talk_secs`, `pauses`, `pace_wpm` and the rest.
        #[arg(long)]
        json: bool,
    },
    /// Open the coach straight into a mock interview: the prompts back to back, with follow-ups and a report.
    Mock {
        /// How many prompts to ask (default: all of them).
        #[arg(long, value_name = "N")]
        count: Option<usize>,
        /// Replay the order and follow-ups of an earlier mock (its report shows the seed).
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// Answer without cue cards.
        #[arg(long)]
        no_cues: bool,
    },
    /// Open the coach straight into a drill: unrehearsed questions from the bank, 30 seconds to pick a story for each.
    Drill {
        /// How many questions (default: 5).
        #[arg(long, value_name = "N")]
        count: Option<usize>,
        /// Only questions that probe this principle: its name, or a part of it such as `frugal`.
        #[arg(long, value_name = "NAME")]
        principle: Option<String>,
        /// Seed the draw (the questions drilled lately still come last).
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
    },
    /// Play an answer's recording, from its start or from one of its phase marks.
    Play {
        /// The attempt's id, as `history --json` lists it.
        attempt: String,
        /// Start where this phase was marked: situation, task, action, result, or a prompt's own (mission, …).
        #[arg(long, value_name = "PHASE")]
        from: Option<String>,
    },
    /// Show where the data file, the config file, the prompt packs and the recordings are.
    Paths,
    /// Print the settings in effect (every key, defaults filled in) as a config file would hold them.
    ///
    /// Exits 1 when the config file has a problem, after printing it and the defaults star-coach then uses.
    Config,
    /// Print a completion script for your shell.
    ///
    /// For example: `star-coach completions bash > ~/.local/share/bash-completion/completions/star-coach`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    ///
    /// For example: `star-coach man > ~/.local/share/man/man1/star-coach.1`.
    Man,
    /// List the backups of the data file, or bring one back (the current file is kept as a backup first).
    Restore {
        /// The backup to bring back: 1 is the newest. Without it, the backups are listed.
        number: Option<usize>,
    },
}

#[derive(Debug, Subcommand)]
pub enum StoriesCommand {
    /// Check every story against the guide's pitfalls; exits 0 whether or not it finds anything.
    Lint {
        /// Print a JSON array of {"story", "code", "message"}.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Md,
}

/// What `main` does once a command has run: nothing more, or open the coach.
pub enum Outcome {
    Done,
    OpenCoach { data_dir: PathBuf, settings: Box<Settings>, mock: Option<MockOptions>, drill: Option<DrillOptions> },
}

/// What every command may need: the guide (bundled prompts and the packs that loaded), the settings read once,
/// and where the data folder is.
pub struct Env {
    pub guide: &'static Guide,
    settings: Settings,
    data_dir: Option<PathBuf>,
}

impl Env {
    /// The data folder: `--data-dir`, else `STAR_COACH_DATA_DIR`, else the platform's.
    pub fn data_dir(&self) -> Result<PathBuf> {
        paths::data_dir(self.data_dir.clone())
            .ok_or_else(|| anyhow!("could not find a home folder to keep data in; pass --data-dir DIR"))
    }

    /// The config's settings for a command that uses them; a bad config was reported once, on stderr.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
}

/// Runs a command on `guide`; `warnings` say which prompt packs did not load.
pub fn run(cli: Cli, guide: &'static Guide, warnings: &[String]) -> Result<Outcome> {
    let command = cli.command;
    let quiet = matches!(
        command,
        None | Some(Command::Completions { .. } | Command::Man | Command::Mock { .. } | Command::Drill { .. })
    );
    let settings = Settings::load();
    // The coach shows these itself; completions and the man page do not read prompts or settings.
    if !quiet {
        for warning in warnings {
            output::warn(warning);
        }
        if let (Some(warning), false) = (settings.warning(), matches!(command, Some(Command::Config))) {
            output::warn(&warning);
        }
    }
    let env = Env { guide, settings, data_dir: cli.data_dir };
    let Some(command) = command else {
        return Ok(Outcome::OpenCoach {
            data_dir: env.data_dir()?,
            settings: Box::new(env.settings),
            mock: None,
            drill: None,
        });
    };
    match command {
        Command::Mock { count, seed, no_cues } => {
            let mock = mock_options(guide, count, seed, no_cues)?;
            return Ok(Outcome::OpenCoach {
                data_dir: env.data_dir()?,
                settings: Box::new(env.settings),
                mock: Some(mock),
                drill: None,
            });
        }
        Command::Drill { count, principle, seed } => {
            let seed = seed.unwrap_or_else(star_coach::mock::seed_from_clock);
            let drill = DrillOptions::checked(guide, count, principle.as_deref(), seed).map_err(|e| anyhow!(e))?;
            return Ok(Outcome::OpenCoach {
                data_dir: env.data_dir()?,
                settings: Box::new(env.settings),
                mock: None,
                drill: Some(drill),
            });
        }
        Command::Prompts => guide::prompts(&env),
        Command::Prompt { prompt } => guide::prompt(&env, &prompt),
        Command::Guide => guide::guide(&env),
        Command::Questions { principle, json } => questions::run(env.guide, principle.as_deref(), json),
        Command::Stories { action: None } => stories::list(&env),
        Command::Stories { action: Some(StoriesCommand::Lint { json }) } => stories::lint(&env, json),
        Command::Export { format, output } => exchange::export(&env, format, output),
        Command::Import { file } => exchange::import(&env, &file),
        Command::History { json, prompt } => history::history(&env, json, prompt.as_deref()),
        Command::Next => plan::next(&env),
        Command::Plan { date, per_day, clear, json } => {
            plan::plan(&env, &plan::PlanChange { date, per_day, clear }, json)
        }
        Command::Analyze { file, json } => output::print(&analyze::run(&file, json, &env.settings().config.voice)?),
        Command::Restore { number } => restore::restore(&env, number),
        Command::Play { attempt, from } => {
            play::run(env.data_dir()?, &attempt, from.as_deref(), &env.settings().config.voice)
        }
        Command::Completions { shell } => setup::completions(shell),
        Command::Man => man::man(),
        Command::Config => setup::config(&env),
        Command::Paths => setup::paths(&env),
    }?;
    Ok(Outcome::Done)
}

/// `star-coach mock`'s options, checked before the terminal is touched.
fn mock_options(guide: &Guide, count: Option<usize>, seed: Option<u64>, no_cues: bool) -> Result<MockOptions> {
    let prompts = guide.prompts.len();
    let count = count.unwrap_or(prompts);
    if count == 0 || count > prompts {
        bail!("--count must be between 1 and {prompts}, the number of prompts, not {count}");
    }
    let seed = seed.unwrap_or_else(star_coach::mock::seed_from_clock);
    Ok(MockOptions { count, seed, cues: !no_cues })
}
