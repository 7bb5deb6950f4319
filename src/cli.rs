//! The command line: every subcommand calls the same engine and store functions the TUI uses.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use clap::{Parser, Subcommand, ValueEnum};
use star_coach::content::Guide;
use star_coach::model::Bank;
use star_coach::practice::{Target, Verdict, format_secs};
use star_coach::store::{self, Store};
use star_coach::text::quote;
use star_coach::{exchange, guidance, lint, paths, validate};

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
    /// List the seven prompts in the guide's order.
    Prompts,
    /// Show the full guidance for one prompt, by number (1–7) or id.
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
    /// List the practice attempts.
    History {
        /// Print a JSON array, one object per attempt.
        #[arg(long)]
        json: bool,
        /// Only attempts at this prompt (number or id).
        #[arg(long, value_name = "PROMPT")]
        prompt: Option<String>,
    },
    /// Show where the data file and the config folder are.
    Paths,
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

pub fn run(cli: Cli) -> Result<()> {
    let guide = Guide::bundled();
    let data_dir = || {
        paths::data_dir(cli.data_dir.clone())
            .ok_or_else(|| anyhow!("could not find a home folder to keep data in; pass --data-dir DIR"))
    };
    match cli.command {
        None => crate::tui::run(guide, data_dir()?),
        Some(Command::Prompts) => {
            let mut out = String::new();
            for p in &guide.prompts {
                let _ = writeln!(out, "{}. {}  [{}]", p.number, p.question, p.id);
            }
            print(&out)
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
                ExportFormat::Md => exchange::markdown(&bank, guide, Target::default()).into_bytes(),
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
            let attempts: Vec<_> =
                bank.attempts.iter().filter(|a| prompt.as_ref().is_none_or(|p| &a.prompt == p)).collect();
            if json {
                let mut text = serde_json::to_string_pretty(&attempts).context("could not write the history")?;
                text.push('\n');
                print(&text)
            } else {
                print(&history_table(&bank, &attempts))
            }
        }
        Some(Command::Paths) => {
            let dir = data_dir()?;
            let config = paths::config_dir().map_or_else(|| "(none found)".to_string(), |d| d.display().to_string());
            print(&format!("data file:     {}\nconfig folder: {config}\n", dir.join(store::FILE_NAME).display()))
        }
    }
}

/// Opens the data folder's bank; a file we cannot read is an error, never an empty bank.
pub fn open(dir: PathBuf) -> Result<(Store, Bank)> {
    let mut store = Store::new(dir);
    let bank = store.load()?;
    Ok((store, bank))
}

fn find_prompt<'g>(guide: &'g Guide, key: &str) -> Result<&'g star_coach::content::Prompt> {
    guide.find_prompt(key).ok_or_else(|| {
        anyhow!("there is no prompt {}; use a number from 1 to 7 or an id from `star-coach prompts`", quote(key))
    })
}

fn import(guide: &Guide, dir: PathBuf, file: &Path) -> Result<()> {
    let bytes = store::read_capped(file)?.ok_or_else(|| anyhow!("{} does not exist", file.display()))?;
    let mut incoming = store::parse(file, &bytes)?;
    validate::clean_bank(&mut incoming);
    if let Err(why) = validate::import(&incoming, guide) {
        bail!("{} was not imported: {why}; nothing was changed", file.display());
    }
    let (mut store, mut bank) = open(dir)?;
    let report = exchange::merge(&mut bank, incoming);
    store.save(&bank)?;
    print(&format!(
        "Imported {} new and {} updated stories and {} attempts; {} already here were left as they are.\n",
        report.stories_added, report.stories_updated, report.attempts_added, report.unchanged
    ))
}

fn stories_lint(bank: &Bank, json: bool) -> Result<String> {
    let findings: Vec<_> = bank.stories.iter().map(|s| (s, lint::lint(s, lint::DEFAULT_WORDS_PER_MINUTE))).collect();
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
    let mut out = String::new();
    for (story, found) in &findings {
        let secs = lint::speaking_secs(story, lint::DEFAULT_WORDS_PER_MINUTE);
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

fn history_table(bank: &Bank, attempts: &[&star_coach::model::Attempt]) -> String {
    if attempts.is_empty() {
        return "No practice yet. Open star-coach, pick a prompt and press p to rehearse an answer.\n".into();
    }
    let mut out = String::from("date              prompt            time  verdict    story\n");
    for a in attempts {
        let story = a.story.as_deref().and_then(|id| bank.story(id)).map_or("—", |s| s.title.as_str());
        let _ = writeln!(
            out,
            "{}  {:<16}  {:>4}  {:<9}  {story}",
            a.started_at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M"),
            a.prompt,
            format_secs(a.duration_secs),
            Verdict::of(a.duration_secs, Target::default()).label(),
        );
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
