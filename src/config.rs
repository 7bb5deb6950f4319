//! The user's settings: `config.toml` in the config folder, every key optional.
//!
//! A config that does not parse or holds a value out of range is reported with its file, line and column, and
//! star-coach runs on the defaults rather than on half of it: a typo must never leave a surprising mix.

mod problems;

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::Error as _;
use toml::Spanned;

use crate::files::ReadError;
use crate::model::Phase;
use crate::plan::PlanConfig;
use crate::practice::{PhaseShares, Target};
use crate::text;
use crate::voice::{self, PaceRange};

/// Larger than any config a person writes; stops a wrong path from reading a huge file.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Mono,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::Mono];

    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Mono => "mono",
        }
    }
}

/// One key or several, as the config writes them: `quit = "q"` or `quit = ["q", "ctrl-q"]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeyList::One(key) => vec![key.as_str()],
            KeyList::Many(keys) => keys.iter().map(String::as_str).collect(),
        }
    }
}

/// `[keys.<context>] <action> = <keys>`; the key map checks the names, so spans are kept for its errors.
pub type KeyTable = BTreeMap<String, BTreeMap<Spanned<String>, Spanned<KeyList>>>;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub theme: ThemeName,
    pub mouse: bool,
    #[serde(deserialize_with = "words_per_minute")]
    pub words_per_minute: f64,
    /// Whether the file sets `words_per_minute`; when it does not, the user's measured pace may stand in for it.
    #[serde(skip)]
    pub words_per_minute_set: bool,
    pub target: Target,
    pub phase_shares: PhaseShares,
    pub plan: PlanConfig,
    pub voice: VoiceConfig,
    pub keys: KeyTable,
}

/// `[voice]`: recording answers, and how what they say is judged.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VoiceConfig {
    /// Record each practice answer (`r` still turns it off or on for one answer).
    pub record: bool,
    /// The ALSA device to record from and play to (`default`, or any PCM the user's ALSA config names).
    #[serde(deserialize_with = "device_name")]
    pub device: String,
    /// Past this many megabytes the oldest recordings are deleted.
    #[serde(deserialize_with = "max_mb")]
    pub max_mb: u64,
    /// A silence between words at least this long is a pause, in seconds.
    #[serde(deserialize_with = "pause_secs")]
    pub pause_secs: f64,
    /// The pace an answer should land in, `[min, max]` words a minute.
    pub pace_wpm: PaceRange,
}

impl Default for VoiceConfig {
    fn default() -> VoiceConfig {
        VoiceConfig {
            record: true,
            device: crate::audio::DEFAULT_DEVICE.to_string(),
            max_mb: crate::recordings::DEFAULT_MAX_MB,
            pause_secs: voice::DEFAULT_PAUSE_SECS,
            pace_wpm: PaceRange::default(),
        }
    }
}

fn device_name<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let name = String::deserialize(deserializer)?;
    if name.trim().is_empty() || name.len() > 256 || name.chars().any(char::is_control) {
        return Err(D::Error::custom("device must be an ALSA device name such as \"default\" or \"hw:1,0\""));
    }
    Ok(name)
}

fn max_mb<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let mb = u64::deserialize(deserializer)?;
    if !(1..=1_000_000).contains(&mb) {
        return Err(D::Error::custom(format!("max_mb must be between 1 and 1000000, not {mb}")));
    }
    Ok(mb)
}

fn pause_secs<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    let secs = f64::deserialize(deserializer)?;
    if !(0.3..=10.0).contains(&secs) {
        return Err(D::Error::custom(format!("pause_secs must be between 0.3 and 10, not {secs}")));
    }
    Ok(secs)
}

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: ThemeName::default(),
            mouse: true,
            words_per_minute: crate::lint::DEFAULT_WORDS_PER_MINUTE,
            words_per_minute_set: false,
            target: Target::default(),
            phase_shares: PhaseShares::default(),
            plan: PlanConfig::default(),
            voice: VoiceConfig::default(),
            keys: KeyTable::new(),
        }
    }
}

impl Config {
    /// The speaking rate and longest answer the story coach measures against.
    pub fn pace(&self) -> crate::lint::Pace {
        crate::lint::Pace { words_per_minute: self.words_per_minute, max_secs: self.target.max_secs }
    }

    /// The speaking rate for time estimates: the config's `words_per_minute` when it sets one, else the user's own
    /// measured pace when there is one (see [`crate::stats::HistoryIndex::own_pace`]), else the default.
    pub fn speaking_rate(&self, own: Option<crate::voice::OwnPace>) -> crate::lint::SpeakingRate {
        use crate::lint::{RateSource, SpeakingRate};
        match own {
            _ if self.words_per_minute_set => {
                SpeakingRate { words_per_minute: self.words_per_minute, source: RateSource::Config }
            }
            Some(own) => SpeakingRate {
                words_per_minute: own.words_per_minute,
                source: RateSource::Measured { answers: own.answers },
            },
            None => SpeakingRate { words_per_minute: self.words_per_minute, source: RateSource::Default },
        }
    }
}

fn words_per_minute<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    let rate = f64::deserialize(deserializer)?;
    if !(60.0..=300.0).contains(&rate) {
        return Err(D::Error::custom(format!("words_per_minute must be between 60 and 300, not {rate}")));
    }
    Ok(rate)
}

/// A config file that could not be used, with where in it the problem is when that is known, and any further
/// problems in the same file: all of them are reported at once, so fixing one does not reveal the next.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column.
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// The file's other problems, after this one in the file, as (position, message).
    pub more: Vec<(Option<(usize, usize)>, String)>,
}

impl ConfigError {
    /// An error about the bytes at `span` of `source`, the text of the file at `path`.
    pub fn at(path: &Path, source: &str, span: Option<Range<usize>>, message: &str) -> ConfigError {
        ConfigError {
            path: path.to_path_buf(),
            position: span.map(|s| text::line_column(source, s.start)),
            message: text::clean_line(message.trim()),
            more: Vec::new(),
        }
    }

    /// The problems of one file as one error, the first in the file leading; `None` when there are none.
    pub fn join(errors: impl IntoIterator<Item = ConfigError>) -> Option<ConfigError> {
        let mut errors: Vec<ConfigError> = errors.into_iter().flat_map(ConfigError::split).collect();
        errors.sort_by_key(|e| e.position);
        errors.dedup_by(|a, b| a.position == b.position && a.message == b.message);
        let mut errors = errors.into_iter();
        let mut first = errors.next()?;
        first.more = errors.map(|e| (e.position, e.message)).collect();
        Some(first)
    }

    /// Each problem as an error of its own.
    fn split(self) -> Vec<ConfigError> {
        let ConfigError { path, position, message, more } = self;
        let mut all = vec![ConfigError { path: path.clone(), position, message, more: Vec::new() }];
        all.extend(more.into_iter().map(|(position, message)| ConfigError {
            path: path.clone(),
            position,
            message,
            more: Vec::new(),
        }));
        all
    }

    /// The error with the file's name only, for a status line with no room for the folder.
    pub fn short(&self) -> String {
        let name =
            self.path.file_name().map_or_else(|| self.path.display().to_string(), |n| n.to_string_lossy().into());
        let at = self.position.map(|(line, column)| format!(":{line}:{column}")).unwrap_or_default();
        let more = match self.more.len() {
            0 => String::new(),
            1 => " (and 1 more problem)".into(),
            n => format!(" (and {n} more problems)"),
        };
        format!("{name}{at}: {}{more}", self.message)
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match self.position {
            Some((line, column)) => write!(f, "{path}:{line}:{column}: {}", self.message)?,
            None => write!(f, "{path}: {}", self.message)?,
        }
        for (position, message) in &self.more {
            match position {
                Some((line, column)) => write!(f, "; and {line}:{column}: {message}")?,
                None => write!(f, "; and {message}")?,
            }
        }
        Ok(())
    }
}

/// The config as read, and the text it came from so later checks (key names) can point into it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    pub path: Option<PathBuf>,
    /// False when there is no file and the defaults are in use.
    pub found: bool,
    pub source: String,
}

impl Loaded {
    pub fn error_at(&self, span: Option<Range<usize>>, message: &str) -> ConfigError {
        ConfigError::at(self.path.as_deref().unwrap_or(Path::new("config.toml")), &self.source, span, message)
    }
}

/// Reads the config at `path`. A missing file is the defaults and no error; anything else wrong is an error
/// together with the defaults to run on.
pub fn load(path: Option<&Path>) -> (Loaded, Option<ConfigError>) {
    let Some(path) = path else { return (Loaded::default(), None) };
    let defaults = Loaded { path: Some(path.to_path_buf()), ..Loaded::default() };
    let fail = |message: String| {
        let error = ConfigError { path: path.to_path_buf(), position: None, message, more: Vec::new() };
        (Loaded { found: true, ..defaults.clone() }, Some(error))
    };
    let source = match crate::files::read_regular(path, MAX_CONFIG_BYTES) {
        Ok(None) => return (defaults, None),
        Ok(Some(bytes)) => match String::from_utf8(bytes) {
            Ok(source) => source,
            Err(_) => return fail("is not UTF-8 text".into()),
        },
        Err(ReadError::TooLarge { .. }) => return fail("is larger than 1 MiB, more than any config".into()),
        Err(ReadError::Io(e)) => return fail(format!("could not be read ({e})")),
        Err(ReadError::NotRegular(kind)) => return fail(format!("is {kind}, not a regular file")),
    };
    let problems = problems::problems(&source);
    let errors = problems.iter().map(|e| ConfigError::at(path, &source, e.span(), e.message()));
    match (ConfigError::join(errors), parse(&source)) {
        (None, Ok(config)) => (Loaded { config, path: Some(path.to_path_buf()), found: true, source }, None),
        (error, result) => {
            // Whatever `problems` missed, the whole parse still names.
            let error = error.or_else(|| result.err().map(|e| ConfigError::at(path, &source, e.span(), e.message())));
            (Loaded { source, found: true, ..defaults }, error)
        }
    }
}

/// The `[keys]` tables of a config's text when they read on their own, so the key map can be checked (and its
/// problems reported with the rest) even when another part of the config failed.
pub fn keys_only(source: &str) -> Option<KeyTable> {
    problems::keys_only(source)
}

pub fn parse(source: &str) -> Result<Config, toml::de::Error> {
    let mut config: Config = toml::from_str(source)?;
    // It parsed as a Config, so it parses as a table.
    config.words_per_minute_set =
        toml::from_str::<toml::Table>(source).is_ok_and(|t| t.contains_key("words_per_minute"));
    Ok(config)
}

/// The settings as `config.toml` would spell them, every key filled in; the key map adds its own section.
pub fn to_toml(config: &Config) -> String {
    let shares = &config.phase_shares;
    let percent = |phase| (shares.of(phase) * 100.0).round();
    format!(
        "theme = \"{}\"  # dark, light or mono; NO_COLOR in the environment means mono\n\
         mouse = {}  # click tabs, rows and checklist lines, scroll with the wheel\n\
         {}words_per_minute = {}  # speaking rate for time estimates{}\n\
         \n\
         [target]  # the range an answer should land in, in seconds\n\
         min_secs = {}\n\
         max_secs = {}\n\
         \n\
         [phase_shares]  # the suggested share of an answer for each STAR phase, in percent; they add up to 100\n\
         situation = {}\n\
         task = {}\n\
         action = {}\n\
         result = {}\n\
         \n\
         [plan]  # the day-by-day plan toward the interview date (star-coach plan --date)\n\
         per_day = {}  # prompts a day; plan --per-day sets another for this bank\n\
         retention = {}  # the odds of recall spaced repetition aims for (0.7-0.97)\n\
         \n\
         [voice]  # recording answers (local only, beside the data file) and how what they say is judged\n\
         record = {}  # record each practice answer; r turns it off or on for one answer\n\
         device = {}  # the ALSA device (Linux): default, or any PCM your ALSA config names\n\
         max_mb = {}  # past this many megabytes the oldest recordings are deleted\n\
         pause_secs = {}  # a silence between words at least this long is a pause\n\
         pace_wpm = [{}, {}]  # the pace an answer should land in, in words a minute\n",
        config.theme.as_str(),
        config.mouse,
        if config.words_per_minute_set { "" } else { "# " },
        config.words_per_minute,
        if config.words_per_minute_set { "" } else { "; unset, your own pace once 3 answers are recorded" },
        config.target.min_secs,
        config.target.max_secs,
        percent(Phase::Situation),
        percent(Phase::Task),
        percent(Phase::Action),
        percent(Phase::Result),
        config.plan.per_day,
        config.plan.retention,
        config.voice.record,
        toml::Value::String(config.voice.device.clone()),
        config.voice.max_mb,
        config.voice.pause_secs,
        config.voice.pace_wpm.min_wpm,
        config.voice.pace_wpm.max_wpm,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(source: &str) -> ConfigError {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, source).unwrap();
        let (loaded, error) = load(Some(&path));
        assert_eq!(loaded.config, Config::default(), "a bad config runs on the defaults");
        error.expect("the config should be refused")
    }

    #[test]
    fn an_empty_or_missing_config_is_the_defaults() {
        assert_eq!(parse("").unwrap(), Config::default());
        let dir = tempfile::tempdir().unwrap();
        let (loaded, error) = load(Some(&dir.path().join("none.toml")));
        assert!(error.is_none() && !loaded.found);
        let config = Config::default();
        assert_eq!((config.target.min_secs, config.target.max_secs), (60.0, 120.0));
        assert_eq!(config.words_per_minute, 150.0);
        assert!(config.mouse);
        assert_eq!(config.theme, ThemeName::Dark);
        assert_eq!(config.phase_shares.of(Phase::Action), 0.5);
        let voice = VoiceConfig { record: true, device: "default".into(), max_mb: 500, ..VoiceConfig::default() };
        assert_eq!(config.voice, voice);
        assert_eq!(config.plan, PlanConfig { per_day: 3, retention: 0.9 });
    }

    #[test]
    fn every_key_is_read() {
        let config = parse(
            "theme = \"light\"\nmouse = false\nwords_per_minute = 130\n\
             [target]\nmin_secs = 45\nmax_secs = 90\n\
             [phase_shares]\nsituation = 10\ntask = 10\naction = 60\nresult = 20\n\
             [voice]\nrecord = false\ndevice = \"hw:1,0\"\nmax_mb = 50\n\
             [plan]\nper_day = 5\nretention = 0.85\n\
             [keys.practice]\nmark_phase = [\"n\", \"right\"]\n[keys.top]\nquit = \"Q\"\n",
        )
        .unwrap();
        assert_eq!(config.theme, ThemeName::Light);
        assert!(!config.mouse);
        assert_eq!(config.words_per_minute, 130.0);
        assert_eq!(config.target, Target { min_secs: 45.0, max_secs: 90.0 });
        assert_eq!(config.phase_shares.of(Phase::Situation), 0.1);
        assert_eq!(config.phase_shares.of(Phase::Action), 0.6);
        let voice = &config.voice;
        assert_eq!((voice.record, voice.device.as_str(), voice.max_mb), (false, "hw:1,0", 50));
        assert_eq!(config.plan, PlanConfig { per_day: 5, retention: 0.85 });
        let practice = &config.keys["practice"];
        let (action, keys) = practice.iter().next().unwrap();
        assert_eq!((action.get_ref().as_str(), keys.get_ref().keys()), ("mark_phase", vec!["n", "right"]));
        assert_eq!(config.keys["top"].values().next().unwrap().get_ref().keys(), vec!["Q"]);
    }

    #[test]
    fn a_partial_table_keeps_the_other_defaults() {
        let config = parse("[target]\nmax_secs = 150\n[phase_shares]\nsituation = 20\ntask = 5\n").unwrap();
        assert_eq!(config.target, Target { min_secs: 60.0, max_secs: 150.0 });
        assert_eq!(config.phase_shares.of(Phase::Task), 0.05);
        assert_eq!(config.phase_shares.of(Phase::Action), 0.5);
    }

    #[test]
    fn bad_configs_name_the_line_and_column() {
        let cases = [
            ("theme = \"dark\"\nthem = 1\n", (2, 1), "unknown field"),
            ("theme = \"pink\"\n", (1, 9), "unknown variant"),
            ("mouse = \"yes\"\n", (1, 9), "invalid type"),
            ("words_per_minute = 20\n", (1, 20), "between 60 and 300"),
            ("[target]\nmin_secs = 100\nmax_secs = 90\n", (1, 1), "less than max_secs"),
            ("[target]\nmin_secs = -5\n", (1, 1), "at least 1"),
            ("\n[phase_shares]\nsituation = 40\n", (2, 1), "add up to 100"),
            ("theme = \n", (1, 9), "string"),
            ("[voice]\nmax_mb = 0\n", (2, 10), "between 1 and 1000000"),
            ("[voice]\ndevice = \"\"\n", (2, 10), "ALSA device name"),
            ("[voice]\nrecrd = true\n", (2, 1), "unknown field"),
            ("[plan]\nper_day = 0\n", (1, 1), "between 1 and 20"),
            ("[plan]\nretention = 0.99\n", (1, 1), "between 0.7 and 0.97"),
            ("[plan]\nper_dya = 2\n", (2, 1), "unknown field"),
        ];
        for (source, position, words) in cases {
            let error = error_of(source);
            assert_eq!(error.position, Some(position), "{source:?}: {error}");
            assert!(error.message.contains(words), "{source:?}: {error}");
            assert!(error.to_string().contains(&format!("config.toml:{}:{}: ", position.0, position.1)), "{error}");
        }
    }

    #[test]
    fn every_problem_is_reported_in_the_order_of_the_file() {
        let source = "theme = \"pink\"\nmouse = \"yes\"\n[target]\nmin_secs = \"a\"\nmax_secs = \"b\"\n\
                      [phase_shares]\nsituation = 20\ntask = 5\naction = 50\nresult = 25\nthem = 1\n";
        let error = error_of(source);
        assert_eq!(error.position, Some((1, 9)), "{error}");
        let more: Vec<_> = error.more.iter().map(|(position, _)| position.unwrap()).collect();
        assert_eq!(more, [(2, 9), (4, 12), (5, 12), (11, 1)], "the shares add up, so they are no problem: {error}");
        let text = error.to_string();
        assert!(text.contains("config.toml:1:9: unknown variant `pink`"), "{text}");
        assert!(
            text.contains("; and 2:9: invalid type") && text.contains("; and 11:1: unknown field `them`"),
            "{text}"
        );
        assert!(error.short().ends_with("(and 4 more problems)"), "{}", error.short());
    }

    #[test]
    fn a_check_across_a_table_is_one_problem_at_the_table() {
        let error = error_of("[target]\nmin_secs = 100\nmax_secs = 90\n[phase_shares]\nsituation = 40\n");
        assert_eq!(error.position, Some((1, 1)), "{error}");
        assert_eq!(error.more.len(), 1, "{error}");
        assert_eq!(error.more[0].0, Some((4, 1)), "{error}");
    }

    #[test]
    fn syntax_errors_are_all_reported() {
        let error = error_of("theme = \n mouse = \n");
        assert_eq!(error.position, Some((1, 9)), "{error}");
        assert!(!error.more.is_empty(), "{error}");
    }

    #[test]
    fn unreadable_files_are_errors_without_a_position() {
        let dir = tempfile::tempdir().unwrap();
        let (_, error) = load(Some(dir.path()));
        assert!(error.unwrap().message.contains("folder"));
        let path = dir.path().join("config.toml");
        std::fs::write(&path, b"theme = \"\xff\"").unwrap();
        let (_, error) = load(Some(&path));
        assert_eq!(error.unwrap().position, None);
    }

    #[test]
    fn voice_keys_are_read_and_checked() {
        let config = parse("[voice]\npause_secs = 1.5\npace_wpm = [120, 160]\n").unwrap();
        assert_eq!(config.voice.pause_secs, 1.5);
        assert_eq!(config.voice.pace_wpm, PaceRange { min_wpm: 120.0, max_wpm: 160.0 });
        assert_eq!(Config::default().voice.pace_wpm, PaceRange { min_wpm: 130.0, max_wpm: 170.0 });
        for (source, words) in [
            ("[voice]\npause_secs = 0.1\n", "between 0.3 and 10"),
            ("[voice]\npace_wpm = [170, 130]\n", "less than its second"),
            ("[voice]\npace_wpm = [20, 130]\n", "between 60 and 300"),
            ("[voice]\npace_wpm = 150\n", "invalid type"),
            ("[voice]\nrecord_everything = true\n", "unknown field"),
        ] {
            let error = error_of(source);
            assert!(error.message.contains(words), "{source:?}: {error}");
            assert_eq!(error.position.map(|p| p.0), Some(2), "{source:?}: {error}");
        }
    }

    #[test]
    fn the_readme_example_sets_the_voice_keys() {
        let readme = include_str!("../README.md");
        let start = readme.find("<!-- config-example:start -->\n```toml\n").expect("README has the example") + 37;
        let end = readme[start..].find("```").unwrap() + start;
        let example = parse(&readme[start..end]).unwrap().voice;
        let defaults = VoiceConfig::default();
        assert_ne!(example.pause_secs, defaults.pause_secs);
        assert_ne!(example.pace_wpm, defaults.pace_wpm);
    }

    #[test]
    fn the_configs_rate_wins_then_the_users_own_pace_then_the_default() {
        use crate::lint::RateSource;
        use crate::voice::OwnPace;
        let own = Some(OwnPace { words_per_minute: 141.0, answers: 4 });
        let unset = parse("theme = \"dark\"\n").unwrap();
        assert!(!unset.words_per_minute_set);
        assert_eq!(unset.speaking_rate(None).source, RateSource::Default);
        let measured = unset.speaking_rate(own);
        assert_eq!((measured.words_per_minute, measured.source), (141.0, RateSource::Measured { answers: 4 }));
        assert_eq!(measured.describe(), "141 words a minute (your pace over 4 recorded answers)");
        let set = parse("words_per_minute = 150\n").unwrap();
        assert!(set.words_per_minute_set, "set, even to the default value");
        assert_eq!(set.speaking_rate(own).source, RateSource::Config);
        assert_eq!(set.speaking_rate(own).words_per_minute, 150.0);
        // Printed unset, the key is a comment, so the printed file keeps the user's own pace in play.
        assert!(to_toml(&unset).contains("\n# words_per_minute = 150"));
        assert!(to_toml(&set).contains("\nwords_per_minute = 150"));
    }

    #[test]
    fn the_printed_config_reads_back_as_the_same_config() {
        let config =
            parse("theme = \"mono\"\nwords_per_minute = 175\n[target]\nmin_secs = 50\n[plan]\nretention = 0.8\n[voice]\ndevice = \"plug:\\\"a b\\\"\"\n")
                .unwrap();
        assert_eq!(config.voice.device, "plug:\"a b\"");
        let config = parse(
            "theme = \"mono\"\nwords_per_minute = 175\n[target]\nmin_secs = 50\n[plan]\nretention = 0.8\n[voice]\npace_wpm = [110, 150]\n",
        )
        .unwrap();
        assert_eq!(parse(&to_toml(&config)).unwrap(), config);
        assert_eq!(parse(&to_toml(&Config::default())).unwrap(), Config::default());
    }
}
