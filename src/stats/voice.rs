//! The recorded side of the history: paces and long pauses, over the attempts that kept a voice analysis.

use super::{insert_sorted, median, remove_sorted};
use crate::model::Attempt;
use crate::voice::OwnPace;
use crate::voice::review::LONG_PAUSE_SECS;

/// What one attempt adds to the voice figures, kept so removing it takes out exactly what it added.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct VoiceFigures {
    pace_wpm: Option<f64>,
    long_pauses: usize,
}

impl VoiceFigures {
    pub(super) fn of(a: &Attempt) -> Option<VoiceFigures> {
        let voice = a.voice.as_ref()?;
        Some(VoiceFigures { pace_wpm: voice.pace_wpm, long_pauses: voice.pauses_of_at_least(LONG_PAUSE_SECS).count() })
    }

    pub(super) fn pace(&self) -> Option<f64> {
        self.pace_wpm
    }
}

/// Paces (sorted) and long pauses over a set of recorded attempts.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct VoiceStats {
    recorded: usize,
    long_pauses: usize,
    /// Paces, ascending; answers with too little speech for a pace are counted as recorded but have none.
    paces: Vec<f64>,
}

impl VoiceStats {
    pub(super) fn add(&mut self, figures: Option<VoiceFigures>) {
        let Some(f) = figures else { return };
        self.recorded += 1;
        self.long_pauses += f.long_pauses;
        if let Some(pace) = f.pace_wpm {
            insert_sorted(&mut self.paces, pace);
        }
    }

    pub(super) fn remove(&mut self, figures: Option<VoiceFigures>) {
        let Some(f) = figures else { return };
        self.recorded -= 1;
        self.long_pauses -= f.long_pauses;
        if let Some(pace) = f.pace_wpm {
            remove_sorted(&mut self.paces, pace);
        }
    }

    pub(super) fn sort(&mut self) {
        self.paces.sort_unstable_by(f64::total_cmp);
    }

    /// Every pace, ascending.
    pub(super) fn paces(&self) -> &[f64] {
        &self.paces
    }

    pub(super) fn recorded(&self) -> usize {
        self.recorded
    }

    pub(super) fn median_pace(&self) -> Option<f64> {
        median(&self.paces)
    }

    /// Long pauses per recorded answer; `None` with no recorded answer (nothing to say, not zero).
    pub(super) fn long_pauses_per_answer(&self) -> Option<f64> {
        (self.recorded > 0).then(|| self.long_pauses as f64 / self.recorded as f64)
    }

    /// The median pace once enough answers have one.
    pub(super) fn own_pace(&self) -> Option<OwnPace> {
        let words_per_minute = median(&self.paces)?;
        (self.paces.len() >= crate::voice::OWN_PACE_MIN_ANSWERS)
            .then_some(OwnPace { words_per_minute, answers: self.paces.len() })
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::super::HistoryIndex;
    use crate::model::Attempt;
    use crate::practice::Target;
    use crate::voice::{Pause, VoiceSummary};

    fn attempt(id: &str, prompt: &str, pace: Option<f64>, pauses: &[f64]) -> Attempt {
        let started_at = DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc();
        let voice = pace.map(|pace| VoiceSummary {
            duration_secs: 90.0,
            talk_secs: 70.0,
            lead_secs: 1.0,
            trail_secs: 1.0,
            pause_secs: 1.0,
            pauses: pauses.iter().enumerate().map(|(i, &secs)| Pause { at_secs: 10.0 * i as f64, secs }).collect(),
            longest_pause: None,
            pace_wpm: (pace > 0.0).then_some(pace),
            articulation_wpm: None,
            syllables: 200,
            trailing_off: false,
            phases: Vec::new(),
        });
        Attempt { voice, ..Attempt::new(id, prompt, started_at, 90.0) }
    }

    #[test]
    fn pace_and_long_pauses_count_only_recorded_answers() {
        let attempts = [
            attempt("a", "p", Some(140.0), &[1.2, 2.5]),
            attempt("b", "p", Some(160.0), &[3.0, 2.0, 4.0]),
            attempt("c", "p", None, &[]),
            attempt("d", "q", None, &[]),
        ];
        let index = HistoryIndex::build(&attempts, Target::default());
        let p = index.summary("p");
        assert_eq!((p.attempts, p.recorded, p.median_pace_wpm), (3, 2, Some(150.0)));
        assert_eq!(p.long_pauses_per_answer, Some(2.0), "2.5; then 3.0, 2.0 and 4.0: 4 long pauses over 2 answers");
        let q = index.summary("q");
        assert_eq!((q.recorded, q.median_pace_wpm, q.long_pauses_per_answer), (0, None, None), "nothing, not zeros");
        assert!(index.has_recordings());
        assert!(!HistoryIndex::build(&attempts[2..], Target::default()).has_recordings());
    }

    #[test]
    fn the_users_own_pace_needs_three_answers_with_a_pace() {
        let mut attempts = vec![attempt("a", "p", Some(130.0), &[]), attempt("b", "q", Some(170.0), &[])];
        attempts.push(attempt("c", "q", Some(-1.0), &[])); // recorded, too little speech for a pace
        let mut index = HistoryIndex::build(&attempts, Target::default());
        assert_eq!(index.own_pace(), None);
        let fourth = attempt("d", "r", Some(150.0), &[]);
        index.add(&fourth);
        let own = index.own_pace().expect("three paces");
        assert_eq!((own.words_per_minute, own.answers), (150.0, 3));
        assert!(index.remove(&fourth));
        assert_eq!(index.own_pace(), None);
        assert_eq!(index, HistoryIndex::build(&attempts, Target::default()), "adding and removing leave no trace");
    }
}
