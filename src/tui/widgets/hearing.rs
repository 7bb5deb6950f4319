//! What a recording says, drawn where the answer is looked at (its review, the one-attempt view): the loudness strip,
//! on the same columns as playback's position strip so the two line up, and the figures in words.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::{Phase, PhaseSpan};
use crate::tui::theme;
use crate::tui::voice::Hearing;
use crate::tui::widgets::strip::TimeStrip;
use crate::tui::widgets::text::wrap_line;
use crate::voice::review::{self, LONG_PAUSE_SECS, PaceRange, PaceVerdict};
use crate::voice::{Analysis, ENVELOPE_PER_SEC, VoiceSummary};

/// Loudness from quiet to loud, a level a cell.
const LEVELS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
/// Where a phase starts on the loudness strip.
const BOUNDARY: &str = "│";

/// The answer's loudness along the strip of an answer of `duration` seconds with phase starts `marks`, `width`
/// cells wide: each cell the loudest moment it covers; a `│` where each phase after the first starts.
// Envelope indexes from non-negative seconds and a level from 0.0–1.0: small and non-negative, clamped after.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn loudness_line(analysis: &Analysis, duration: f64, marks: &[(Phase, f64)], width: u16) -> Line<'static> {
    let first = marks.first().map(|&(phase, _)| phase);
    let per_sec = ENVELOPE_PER_SEC as f64;
    let envelope = &analysis.envelope;
    let cells = TimeStrip::new(duration, marks).columns(width).into_iter().map(|column| {
        if column.mark.is_some_and(|phase| Some(phase) != first) {
            return Span::styled(BOUNDARY, theme::label());
        }
        // The envelope's values in the column's stretch of time (at least the one it starts in).
        let from = ((column.from * per_sec).floor() as usize).min(envelope.len());
        let to = ((column.to * per_sec).ceil() as usize).clamp(from + 1, envelope.len().max(from + 1));
        let loudest =
            envelope.get(from..to.min(envelope.len())).unwrap_or_default().iter().copied().fold(0.0, f32::max);
        let level = ((loudest * (LEVELS.len() - 1) as f32).round() as usize).min(LEVELS.len() - 1);
        Span::styled(LEVELS[level], theme::heading())
    });
    Line::from(cells.collect::<Vec<_>>())
}

/// The figures in words, `width` cells wide: talk time, pace with its verdict against `range`, each pause of
/// [`LONG_PAUSE_SECS`] or more with its phase and time, a trailing-off ending; with `by_phase`, each phase's talk,
/// pace and pauses.
pub fn figures(
    voice: &VoiceSummary,
    phases: &[PhaseSpan],
    range: PaceRange,
    by_phase: bool,
    width: u16,
) -> Vec<Line<'static>> {
    let wrapped = |text: &str, style: Style| wrap_line(Line::styled(text.to_string(), style), usize::from(width));
    let mut lines = wrapped(&review::talk_line(voice), Style::new());
    if voice.talk_secs <= 0.0 {
        lines.extend(wrapped("No speech heard in the recording.", theme::warning()));
        return lines;
    }
    let pace_style = match voice.pace_wpm.map(|wpm| range.verdict(wpm)) {
        Some(PaceVerdict::OnPace) => theme::good(),
        Some(_) => theme::warning(),
        None => theme::dim(),
    };
    lines.extend(wrapped(&review::pace_line(voice, range), pace_style));
    let pauses: Vec<String> =
        voice.pauses_of_at_least(LONG_PAUSE_SECS).map(|p| review::pause_line(p, phases)).collect();
    if !pauses.is_empty() {
        lines.extend(wrapped(&pauses.join(" · "), theme::warning()));
    }
    if voice.trailing_off {
        lines.extend(wrapped("Trailing off: the last words were much quieter than the rest.", theme::warning()));
    }
    if by_phase {
        for phase in &voice.phases {
            lines.extend(wrapped(&review::phase_line(phase), Style::new()));
        }
    }
    lines
}

/// One answer's recording as a screen knows it: its analysis this session (if any was started), the figures its
/// attempt kept (if saved), its phases and its length, as the position strip spans it.
pub struct Heard<'a> {
    pub hearing: Option<&'a Hearing>,
    pub saved: Option<&'a VoiceSummary>,
    pub phases: &'a [PhaseSpan],
    pub duration: f64,
    pub marks: &'a [(Phase, f64)],
}

impl Heard<'_> {
    /// The lines to draw above playback's (the loudness strip, once the analysis is here) and below them (the
    /// figures; until they are known, the line that says the analysis is on its way, or why there is none).
    /// An answer that was not recorded has neither.
    pub fn lines(&self, range: PaceRange, by_phase: bool, width: u16) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
        let analysis = self.hearing.and_then(Hearing::analysis);
        let above = analysis.map(|a| loudness_line(a, self.duration, self.marks, width)).into_iter().collect();
        let summary = self.saved.cloned().or_else(|| analysis.map(|a| a.summary(self.phases)));
        let below = match (summary, self.hearing) {
            (Some(summary), _) => figures(&summary, self.phases, range, by_phase, width),
            (None, Some(Hearing::Analysing)) => vec![Line::styled("Analysing the recording…", theme::dim())],
            (None, Some(Hearing::Failed(why))) => wrap_line(Line::styled(why.clone(), theme::warning()), width.into()),
            (None, _) => Vec::new(),
        };
        (above, below)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voice::Pause;

    fn analysis(envelope: Vec<f32>) -> Analysis {
        Analysis {
            duration_secs: envelope.len() as f64 / ENVELOPE_PER_SEC as f64,
            speech: Vec::new(),
            talk_secs: 0.0,
            lead_secs: 0.0,
            trail_secs: 0.0,
            pause_secs: 1.0,
            pauses: Vec::new(),
            nuclei: Vec::new(),
            pace_wpm: None,
            articulation_wpm: None,
            envelope,
            ending_drop_db: None,
        }
    }

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    const MARKS: [(Phase, f64); 2] = [(Phase::Situation, 0.0), (Phase::Action, 4.0)];

    #[test]
    fn the_loudness_strip_shares_the_position_strips_columns_and_marks_where_phases_start() {
        // 8 s: loud for 2 s, silent for 2, then rising.
        let mut envelope = vec![1.0; 20];
        envelope.extend([0.0; 20]);
        envelope.extend((0..40).map(|i| i as f32 / 39.0));
        let a = analysis(envelope);
        assert_eq!(text(&loudness_line(&a, 8.0, &MARKS, 8)), "██▁▁│▄▆█");
        let position = TimeStrip::new(8.0, &MARKS).line(8);
        assert_eq!(text(&position), "S───A───", "the phase starts in the same columns");
        assert_eq!(text(&loudness_line(&a, 8.0, &[], 4)), "█▁▄█", "no marks, no boundaries");
    }

    #[test]
    fn a_strip_longer_or_shorter_than_the_recording_and_any_width_draw() {
        let a = analysis(vec![0.5; 10]);
        assert_eq!(text(&loudness_line(&a, 2.0, &[], 4)), "▅▅▁▁", "past the recording's end: quiet");
        assert_eq!(text(&loudness_line(&a, 0.5, &[], 3)), "▅▅▅");
        assert_eq!(text(&loudness_line(&analysis(Vec::new()), 3.0, &[], 1)), "▁", "no envelope: quiet");
        assert!(text(&loudness_line(&a, 1.0, &MARKS, 0)).is_empty());
    }

    fn summary(talk_secs: f64, pace: Option<f64>, pauses: &[(f64, f64)]) -> VoiceSummary {
        VoiceSummary {
            duration_secs: 60.0,
            talk_secs,
            lead_secs: 0.5,
            trail_secs: 0.5,
            pause_secs: 1.0,
            pauses: pauses.iter().map(|&(at_secs, secs)| Pause { at_secs, secs }).collect(),
            longest_pause: None,
            pace_wpm: pace,
            articulation_wpm: pace.map(|p| p + 20.0),
            syllables: 120,
            trailing_off: false,
            phases: Vec::new(),
        }
    }

    #[test]
    fn the_figures_name_each_long_pause_with_its_phase_and_say_when_nothing_was_heard() {
        let spans = [PhaseSpan { phase: Phase::Situation, secs: 20.0 }, PhaseSpan { phase: Phase::Action, secs: 40.0 }];
        let voice = summary(48.0, Some(180.0), &[(12.0, 1.5), (52.0, 3.4)]);
        let lines: Vec<String> = figures(&voice, &spans, PaceRange::default(), false, 80).iter().map(text).collect();
        assert_eq!(
            lines,
            [
                "Talk time 0:48 of 1:00",
                "Pace 180 words a minute (200 while speaking): fast; aim for 130–170",
                "3.4 s pause in Action at 0:52",
            ],
            "a pause under 2 s is not named"
        );
        let silent: Vec<String> =
            figures(&summary(0.0, None, &[]), &[], PaceRange::default(), true, 80).iter().map(text).collect();
        assert_eq!(silent, ["Talk time 0:00 of 1:00", "No speech heard in the recording."]);
    }
}
