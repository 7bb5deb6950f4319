//! The command line: every subcommand calls the same engine and store functions the TUI uses.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use clap::{Parser, Subcommand, ValueEnum};
use star_coach::content::Guide;
use star_coach::model::Bank;
use star_coach::next::pick_next;
use star_coach::practice::format_secs;
use star_coach::stats::{HistoryIndex, PromptSummary};
use star_coach::store::{self, Store};
use star_coach::text::quote;
use star_coach::{config, exchange, guidance, lint, paths, validate};

use crate::tui::Settings;

mod analyze;

/// Rehearse STAR answers to the seven behavioral interview prompts, against the clock, in your terminal.
///
/// Run with no command to open the coach. Your story bank and practice history stay on this machine.
#[derive(Debug, Parser)]
#[command(name = "star-coach", version, about, long_about)]
pub struct Cli {
    /// Folder for the data file (default: $STAR_COACH_DATA_DIR, else the platform data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
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
    /// Say which prompt to practise next, and why.
    Next,
    /// Say what a recorded answer shows: talk time, pauses and pace (any PCM or float WAV file).
    Analyze {
        /// The WAV file.
        file: PathBuf,
        /// Print one JSON object instead: duration_secs, talk_secs, pauses, pace_wpm and the rest.
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
    /// Show where the data file, the config file and the prompt packs are.
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

/// Runs a command on `guide` (the bundled prompts and the packs that loaded); `warnings` say which packs did not.
pub fn run(cli: Cli, guide: &'static Guide, warnings: Vec<String>) -> Result<()> {
    match cli.command {
        // The coach shows them itself; completions and the man page do not read prompts.
        None | Some(Command::Completions { .. } | Command::Man) => {}
        Some(_) => {
            for warning in &warnings {
                eprintln!("star-coach: warning: {}", star_coach::text::clean_line(warning));
            }
        }
    }
    let data_dir = || {
        paths::data_dir(cli.data_dir.clone())
            .ok_or_else(|| anyhow!("could not find a home folder to keep data in; pass --data-dir DIR"))
    };
    match cli.command {
        None => crate::tui::run(guide, data_dir()?, Settings::load(), warnings, None),
        Some(Command::Prompts) => print(&prompts_list(guide)),
        Some(Command::Mock { count, seed, no_cues }) => {
            let prompts = guide.prompts.len();
            let count = count.unwrap_or(prompts);
            if count == 0 || count > prompts {
                bail!("--count must be between 1 and {prompts}, the number of prompts, not {count}");
            }
            let seed = seed.unwrap_or_else(star_coach::mock::seed_from_clock);
            let options = crate::tui::mock::MockOptions { count, seed, cues: !no_cues };
            crate::tui::run(guide, data_dir()?, Settings::load(), warnings, Some(options))
        }
        Some(Command::Prompt { prompt }) => {
            let prompt = find_prompt(guide, &prompt)?;
            print(&guidance::to_plain(&guidance::prompt_doc(guide, prompt)))
        }
        Some(Command::Guide) => print(&guidance::to_plain(&guidance::guide_doc(guide))),
        Some(Command::Stories { action: None }) => {
            let (_, bank) = open(data_dir()?)?;
            print(&stories_list(&bank))
        }
        Some(Command::Stories { action: Some(StoriesCommand::Lint { json }) }) => {
            let (_, bank) = open(data_dir()?)?;
            print(&stories_lint(&bank, json)?)
        }
        Some(Command::Export { format, output }) => {
            let (_, bank) = open(data_dir()?)?;
            let bytes = match format {
                ExportFormat::Json => store::serialize(&bank),
                ExportFormat::Md => {
                    let config = settings().config;
                    exchange::markdown(&bank, guide, config.target, config.phase_shares).into_bytes()
                }
            };
            match output {
                Some(path) => Ok(store::write_private(&path, &bytes)?),
                None => print(&String::from_utf8_lossy(&bytes)),
            }
        }
        Some(Command::Import { file }) => import(guide, data_dir()?, &file),
        Some(Command::History { json, prompt }) => {
            let (_, bank) = open(data_dir()?)?;
            let prompt = prompt.map(|p| find_prompt(guide, &p).map(|p| p.id.clone())).transpose()?;
            if json {
                let attempts: Vec<_> =
                    bank.attempts.iter().filter(|a| prompt.as_ref().is_none_or(|p| &a.prompt == p)).collect();
                let mut text = serde_json::to_string_pretty(&attempts).context("could not write the history")?;
                text.push('\n');
                print(&text)
            } else {
                print(&history_summary(guide, &bank, prompt.as_deref()))
            }
        }
        Some(Command::Next) => {
            let (_, bank) = open(data_dir()?)?;
            let index = HistoryIndex::build(&bank.attempts, settings().config.target);
            let pick =
                pick_next(guide, &index, chrono::Utc::now()).ok_or_else(|| anyhow!("the guide has no prompts"))?;
            let prompt =
                guide.prompt(&pick.prompt).ok_or_else(|| anyhow!("the guide has no prompt {}", pick.prompt))?;
            print(&format!("Practise next: {}. {}\n{}\n", prompt.number, prompt.question, pick.reason))
        }
        Some(Command::Restore { number }) => restore(data_dir()?, number),
        Some(Command::Analyze { file, json }) => print(&analyze::run(&file, json, &settings().config.voice)?),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "star-coach", &mut out);
            print(&String::from_utf8_lossy(&out))
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                .render(&mut out)
                .context("could not write the manual page")?;
            print(&String::from_utf8_lossy(&out))
        }
        Some(Command::Config) => {
            let settings = Settings::load();
            let path = paths::config_file();
            let found = path.as_ref().is_some_and(|p| p.exists());
            let origin = match &path {
                Some(p) if settings.error.is_some() => {
                    format!("{} has a problem, so these are the defaults", p.display())
                }
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
        Some(Command::Paths) => {
            let dir = data_dir()?;
            let shown =
                |path: Option<PathBuf>| path.map_or_else(|| "(none found)".to_string(), |p| p.display().to_string());
            print(&format!(
                "data file:     {}\nconfig file:   {}\nprompt packs:  {}\n",
                dir.join(store::FILE_NAME).display(),
                shown(paths::config_file()),
                shown(paths::packs_dir())
            ))
        }
    }
}

/// The config's settings for a command that uses them; a bad config is a warning and the defaults.
fn settings() -> Settings {
    let settings = Settings::load();
    if let Some(warning) = settings.warning() {
        eprintln!("star-coach: warning: {}", star_coach::text::clean_line(&warning));
    }
    settings
}

/// Opens the data folder's bank; a file we cannot read is an error, never an empty bank.
pub fn open(dir: PathBuf) -> Result<(Store, Bank)> {
    let mut store = Store::new(dir);
    let bank = store.load()?;
    Ok((store, bank))
}

fn find_prompt<'g>(guide: &'g Guide, key: &str) -> Result<&'g star_coach::content::Prompt> {
    guide.find_prompt(key).ok_or_else(|| {
        let last = guide.prompts.len();
        anyhow!("there is no prompt {}; use a number from 1 to {last} or an id from `star-coach prompts`", quote(key))
    })
}

/// The prompts one a line, numbered; each pack under its name and file, after the bundled seven.
fn prompts_list(guide: &Guide) -> String {
    let mut out = String::new();
    for group in guide.groups() {
        if let Some(pack) = group.pack.map(|p| &guide.packs[p]) {
            let file = pack.file.file_name().map(|f| f.to_string_lossy()).unwrap_or_default();
            let _ = writeln!(out, "\n{}  ({})", group.title, star_coach::text::clean_line(&file));
        }
        for p in &guide.prompts[group.start..group.start + group.len] {
            let _ = writeln!(out, "{}. {}  [{}]", p.number, p.question, p.id);
        }
    }
    out
}

/// Takes the data folder's lock, so a running star-coach and this command never write over each other.
fn lock(store: &mut Store) -> Result<()> {
    if !store.lock()? {
        bail!("another star-coach has {} open; close it and try again", store.dir().display());
    }
    Ok(())
}

fn open_for_writing(dir: PathBuf) -> Result<(Store, Bank)> {
    let mut store = Store::new(dir);
    lock(&mut store)?;
    let bank = store.load()?;
    Ok((store, bank))
}

fn restore(dir: PathBuf, number: Option<usize>) -> Result<()> {
    let mut store = Store::new(dir);
    let Some(number) = number else {
        let backups = store.backups();
        if backups.is_empty() {
            return print(&format!(
                "No backups yet. As it saves, star-coach keeps the {} versions before the current one.\n",
                store::BACKUPS
            ));
        }
        let mut out =
            String::from("Backups of the data file, newest first (restore one with `star-coach restore N`):\n");
        for backup in backups {
            let when = backup.modified.map_or_else(
                || "unknown time".to_string(),
                |t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string(),
            );
            let contents = match store::read_capped(&backup.path).map(|b| b.map(|b| store::parse(&backup.path, &b))) {
                Ok(Some(Ok(bank))) => format!("{} stories, {} attempts", bank.stories.len(), bank.attempts.len()),
                Ok(Some(Err(_))) | Err(_) => "cannot be read".to_string(),
                Ok(None) => "gone".to_string(),
            };
            let _ = writeln!(out, "{}  {when}  {contents}  {}", backup.number, backup.path.display());
        }
        return print(&out);
    };
    if !(1..=store::BACKUPS).contains(&number) {
        bail!("there is no backup {number}; backups are numbered 1 (newest) to {}", store::BACKUPS);
    }
    lock(&mut store)?;
    let bank = store.restore(number)?;
    print(&format!(
        "Restored backup {number}: {} stories and {} attempts. The file it replaced is now backup 1.\n",
        bank.stories.len(),
        bank.attempts.len()
    ))
}

fn import(guide: &Guide, dir: PathBuf, file: &Path) -> Result<()> {
    let bytes = store::read_capped(file)?.ok_or_else(|| anyhow!("{} does not exist", file.display()))?;
    let mut incoming = store::parse(file, &bytes)?;
    validate::clean_bank(&mut incoming);
    let not_loaded = match validate::import(&incoming, guide) {
        Ok(n) => n,
        Err(why) => bail!("{} was not imported: {why}; nothing was changed", file.display()),
    };
    let (mut store, mut bank) = open_for_writing(dir)?;
    let report = exchange::merge(&mut bank, incoming);
    store.save(&bank)?;
    let mut summary = format!(
        "Imported {} new and {} updated stories and {} attempts; {} already here were left as they are.\n",
        report.stories_added, report.stories_updated, report.attempts_added, report.unchanged
    );
    if not_loaded > 0 {
        let _ = writeln!(
            summary,
            "{not_loaded} of the imported stories and attempts name a prompt not loaded here (from a prompt pack?); \
             they are kept, and show by the prompt's id."
        );
    }
    print(&summary)
}

fn stories_lint(bank: &Bank, json: bool) -> Result<String> {
    let config = settings().config;
    let rate = config.speaking_rate(HistoryIndex::build(&bank.attempts, config.target).own_pace());
    let pace = rate.pace(config.target.max_secs);
    let findings: Vec<_> = bank.stories.iter().map(|s| (s, lint::lint(s, pace))).collect();
    if json {
        let reports: Vec<lint::Report> = findings
            .iter()
            .flat_map(|(story, found)| {
                found.iter().map(|f| lint::Report { story: &story.id, code: f.code, message: &f.message })
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&reports).context("could not write the findings")?;
        text.push('\n');
        return Ok(text);
    }
    if bank.stories.is_empty() {
        return Ok("No stories to check yet.\n".into());
    }
    let mut out = format!("Speaking times at {}.\n", rate.describe());
    for (story, found) in &findings {
        let secs = lint::speaking_secs(story, pace.words_per_minute);
        let verdict =
            if found.is_empty() { "no pitfalls found".to_string() } else { format!("{} to fix", found.len()) };
        let _ = writeln!(out, "{}  {}  (about {} to say; {verdict})", story.id, story.title, format_secs(secs));
        for f in found {
            let _ = writeln!(out, "  {}: {}", f.code.as_str(), f.message);
        }
    }
    Ok(out)
}

fn stories_list(bank: &Bank) -> String {
    if bank.stories.is_empty() {
        return "No stories yet. Open star-coach and press 2, then a, to write your first.\n".into();
    }
    let mut out = String::new();
    for s in &bank.stories {
        let prompts = if s.prompts.is_empty() { "no prompts".to_string() } else { s.prompts.join(", ") };
        let _ = writeln!(out, "{}  {}  ({prompts})", s.id, s.title);
    }
    out
}

/// The per-prompt summary as a plain-text table, then the stories worth rewriting; `only` keeps one prompt.
fn history_summary(guide: &Guide, bank: &Bank, only: Option<&str>) -> String {
    let index = HistoryIndex::build(&bank.attempts, settings().config.target);
    if index.is_empty() {
        return "No practice yet. Open star-coach, pick a prompt and press p to rehearse an answer.\n".into();
    }
    if let Some(prompt) = only.and_then(|id| guide.prompt(id)).filter(|p| index.recent(&p.id, 1).is_empty()) {
        return format!(
            "No practice yet at prompt {} ({}). Open star-coach, pick it and press p to rehearse an answer.\n",
            prompt.number, prompt.id
        );
    }
    let mut rows: Vec<(String, PromptSummary)> = match only {
        Some(id) => guide.prompt(id).map(|p| (p.number.to_string(), index.summary(id))).into_iter().collect(),
        None => guide.prompts.iter().map(|p| (p.number.to_string(), index.summary(&p.id))).collect(),
    };
    if only.is_none() {
        // A hand-edited file may hold attempts at prompts the guide does not have; show them rather than hide them.
        let mut unknown: Vec<&str> = index.practised_prompts().filter(|id| guide.prompt(id).is_none()).collect();
        unknown.sort_unstable();
        rows.extend(unknown.into_iter().map(|id| ("?".to_string(), index.summary(id))));
    }
    let dash = || "—".to_string();
    let percent = |share: Option<f64>| share.map_or_else(dash, |s| format!("{:.0}%", s * 100.0));
    let secs = |secs: Option<f64>| secs.map_or_else(dash, format_secs);
    // Pace columns only once something was recorded; a prompt with no recording shows dashes, not zeros.
    let voiced = index.has_recordings();
    let mut header = vec!["#", "prompt", "attempts", "median", "best", "on target", "median setup", "last practised"];
    let mut right = vec![false, false, true, true, true, true, true, false];
    if voiced {
        header.splice(7..7, ["median pace", "long pauses"]);
        right.splice(7..7, [true, true]);
    }
    let mut table = vec![header.into_iter().map(str::to_string).collect::<Vec<_>>()];
    table.extend(rows.iter().map(|(number, s)| {
        let mut row = vec![
            number.clone(),
            s.prompt.clone(),
            s.attempts.to_string(),
            secs(s.median_secs),
            secs(s.best_secs),
            percent(s.on_target_share),
            percent(s.median_setup_share),
            s.last_practised.map_or_else(dash, |t| t.with_timezone(&chrono::Local).format("%Y-%m-%d").to_string()),
        ];
        if voiced {
            let pace = s.median_pace_wpm.map_or_else(dash, |w| format!("{w:.0} wpm"));
            let pauses = s.long_pauses_per_answer.map_or_else(dash, |n| format!("{n:.1}"));
            row.splice(7..7, [pace, pauses]);
        }
        row
    }));
    let mut out = aligned(&table, &right);
    if voiced {
        out.push_str("\nPace and long pauses (2 s or more, per answer) are over the recorded attempts only.\n");
    }
    let mock_ids: Vec<&str> = bank
        .attempts
        .iter()
        .filter(|a| only.is_none_or(|id| a.prompt == id))
        .filter_map(|a| a.mock.as_deref())
        .collect();
    let (rounds, mocks) = (mock_ids.len(), mock_ids.iter().collect::<std::collections::BTreeSet<_>>().len());
    if rounds > 0 {
        let _ = writeln!(
            out,
            "\nOf these attempts, {rounds} were rounds of {}; `history --json` tags each with its `mock` id.",
            if mocks == 1 { "1 mock interview".to_string() } else { format!("{mocks} mock interviews") }
        );
    }
    let flags: Vec<_> = index
        .rewrite_flags()
        .into_iter()
        .filter(|f| {
            only.is_none_or(|id| {
                bank.story(&f.story).is_some_and(|s| s.fits(id))
                    || bank.attempts.iter().any(|a| a.prompt == id && a.story.as_deref() == Some(&f.story))
            })
        })
        .collect();
    if !flags.is_empty() {
        out.push_str("\nStories to rewrite:\n");
        for f in flags {
            let _ = match bank.story(&f.story) {
                Some(story) => writeln!(out, "  {} [{}]: {}", story.title, f.story, f.reason),
                None => writeln!(out, "  [{}]: {}", f.story, f.reason),
            };
        }
    }
    out
}

/// Rows of cells as columns two spaces apart; `right[i]` aligns column `i` to the right.
fn aligned(rows: &[Vec<String>], right: &[bool]) -> String {
    let n = right.len();
    let mut widths = vec![0; n];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = (0..n)
            .map(|i| {
                if right[i] {
                    format!("{:>w$}", row[i], w = widths[i])
                } else {
                    format!("{:<w$}", row[i], w = widths[i])
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// Writes to stdout; a closed pipe (`| head`) ends the output quietly instead of panicking.
fn print(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("could not write to stdout"),
        _ => Ok(()),
    }
}
