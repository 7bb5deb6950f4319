//! Playing an answer's recording where the answer is looked at (its review, the one-attempt view): the player,
//! which the screen owns, the keys that move it, and the position strip drawn under the phase split.

use std::time::Duration;

use ratatui::text::{Line, Span};

use crate::audio::Player;
use crate::keys::{Action, Context};
use crate::model::Phase;
use crate::practice::format_secs;
use crate::recordings::{RecordingStatus, next_mark, previous_mark};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Status};
use crate::tui::theme;
use crate::tui::widgets::strip::TimeStrip;
use crate::tui::widgets::text::ellipsize;

/// How far ←/→ move the play head.
const SEEK_SECS: f64 = 5.0;
/// How often the screen is drawn while the play head moves.
const FRAME: Duration = Duration::from_millis(200);

/// The recording being played, opened at the first key that plays or moves it.
#[derive(Default)]
pub struct Replay {
    player: Option<Player>,
    /// Why the recording could not be opened.
    problem: Option<String>,
}

/// One recording as a screen knows it: whether it can be played, how long the answer took, where its phases
/// start.
pub struct Recorded<'a> {
    pub status: &'a RecordingStatus,
    pub duration: f64,
    pub marks: &'a [(Phase, f64)],
}

impl Replay {
    /// The keys of the `Playback` context; `None` for any other action.
    pub fn apply(&mut self, action: Action, recorded: &Recorded, ctx: &Ctx) -> Option<Effect> {
        use Action as A;
        if !matches!(action, A::PlayPause | A::SeekBack | A::SeekForward | A::PreviousMark | A::NextMark) {
            return None;
        }
        let RecordingStatus::Ready(path) = recorded.status else {
            return Some(Effect::Status(Status::info(recorded.status.sentence().unwrap_or_default())));
        };
        if self.player.is_none() {
            match Player::open(ctx.voice.backend(), path) {
                Ok(player) => self.player = Some(player),
                Err(why) => self.problem = Some(sentence(&why.to_string())),
            }
        }
        let player = self.player.as_ref()?;
        let at = player.position().as_secs_f64();
        match action {
            A::PlayPause => player.toggle(),
            A::SeekBack => player.seek_by(-SEEK_SECS),
            A::SeekForward => player.seek_by(SEEK_SECS),
            A::PreviousMark => player.seek_to(secs(previous_mark(recorded.marks, at).unwrap_or(0.0))),
            A::NextMark => match next_mark(recorded.marks, at) {
                Some(next) => player.seek_to(secs(next)),
                None => return Some(Effect::Status(Status::info("No phase starts after this point."))),
            },
            _ => {}
        }
        Some(Effect::None)
    }

    /// Stops the sound; the next key that plays opens the recording again.
    pub fn close(&mut self) {
        self.player = None;
    }

    pub fn is_playing(&self) -> bool {
        self.player.as_ref().is_some_and(Player::is_playing)
    }

    /// While playing, the play head moves: a frame every so often.
    pub fn wake(&self) -> Option<Duration> {
        self.is_playing().then_some(FRAME)
    }

    /// The position strip and a line of words under it (where the head is, in which phase, the keys), or the
    /// sentence that says why the recording cannot be played. `contexts` are the screen's, to name its keys.
    pub fn lines(&self, ctx: &Ctx, contexts: &[Context], recorded: &Recorded, width: u16) -> Vec<Line<'static>> {
        let label = Span::styled("Recording: ", theme::label());
        match recorded.status {
            // An answer not recorded says nothing: its player said why at the time, or recording was off.
            RecordingStatus::None => return Vec::new(),
            RecordingStatus::Ready(_) => {}
            gone => return vec![Line::styled(gone.sentence().unwrap_or_default(), theme::warning())],
        }
        let playing = self.is_playing();
        let at = self.player.as_ref().map_or(0.0, |p| p.position().as_secs_f64()).min(recorded.duration);
        let strip = TimeStrip::new(recorded.duration, recorded.marks).head(at).line(width);
        let mut words =
            format!("{}{} of {}", if playing { "▶ " } else { "" }, format_secs(at), format_secs(recorded.duration));
        if let Some(&(phase, _)) = recorded.marks.iter().rev().find(|&&(_, start)| start <= at + 0.05) {
            words.push_str(&format!(" · {}", phase.name()));
        }
        let problem = self.problem.clone().or_else(|| self.player.as_ref().and_then(Player::problem));
        let (tail, style) = if let Some(problem) = problem {
            (format!(" · {}", sentence(&problem)), theme::error())
        } else {
            (hint(ctx, contexts, playing, at >= recorded.duration - 0.05), theme::dim())
        };
        let room = usize::from(width).saturating_sub(label.width() + words.chars().count());
        vec![strip, Line::from(vec![label, Span::raw(words), Span::styled(ellipsize(&tail, room), style)])]
    }
}

/// The keys, as bound: "p plays from here · ←/→ 5 s · [/] phases".
fn hint(ctx: &Ctx, contexts: &[Context], playing: bool, at_end: bool) -> String {
    let key = |action| ctx.key(contexts, action);
    let play = if playing {
        "pauses"
    } else if at_end {
        "plays from the start"
    } else {
        "plays from here"
    };
    format!(
        "  {} {play} · {}/{} 5 s · {}/{} phases",
        key(Action::PlayPause),
        key(Action::SeekBack),
        key(Action::SeekForward),
        key(Action::PreviousMark),
        key(Action::NextMark)
    )
}

fn secs(at: f64) -> Duration {
    Duration::from_secs_f64(at.max(0.0))
}

/// A message as a sentence: capital first, as the status line writes them.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
