//! `star-coach play <attempt> [--from PHASE]`: an answer's recording, played to the default output from the
//! terminal, from its start or from one of its phase marks.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use star_coach::audio::{self, Player};
use star_coach::config::VoiceConfig;
use star_coach::model::Phase;
use star_coach::practice::format_secs;
use star_coach::recordings::{RecordingStatus, Recordings};
use star_coach::text::quote;

/// `from` is a phase's id: STAR's (`situation`, `task`, `action`, `result`) or a prompt's own (`mission`, …).
pub fn run(data_dir: PathBuf, attempt_id: &str, from: Option<&str>, voice: &VoiceConfig) -> Result<()> {
    let from = from.map(|id| Phase::new(&id.to_ascii_lowercase()).map_err(|e| anyhow!(e))).transpose()?;
    let recordings = Recordings::new(&data_dir, voice.max_mb);
    let (_, bank) = super::output::open(data_dir)?;
    let attempt = bank.attempts.iter().find(|a| a.id == attempt_id).ok_or_else(|| {
        anyhow!("there is no attempt {}; `star-coach history --json` lists their ids", quote(attempt_id))
    })?;
    let path = match recordings.status(attempt) {
        RecordingStatus::Ready(path) => path,
        other => bail!("{}", other.sentence().unwrap_or_default().trim_end_matches('.')),
    };
    let starts = attempt.phase_starts();
    let (label, start) = match from {
        None => ("the start".to_string(), 0.0),
        Some(phase) => {
            let at = starts.iter().find(|(p, _)| *p == phase).map(|&(_, at)| at).ok_or_else(|| {
                let marked: Vec<&str> = starts.iter().map(|(p, _)| p.id()).collect();
                anyhow!("the attempt {} has no {phase} mark (it marked {})", quote(attempt_id), marked.join(", "))
            })?;
            (phase.name().to_string(), at)
        }
    };
    let player = Player::open(audio::system(&voice.device), &path)?;
    player.seek_to(Duration::from_secs_f64(start));
    let length = format_secs(player.duration().as_secs_f64());
    super::output::print(&format!(
        "Playing {attempt_id} from {label} ({} of {length}); Ctrl-C stops.\n",
        format_secs(start)
    ))?;
    player.play();
    player.wait_until_stopped();
    if let Some(problem) = player.problem() {
        bail!("{problem}");
    }
    super::output::print(&format!("Played to the end ({length}).\n"))
}
