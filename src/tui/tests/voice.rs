//! What the recording says, on screen: the review's figures and loudness strip (analysed off the drawing thread,
//! attached to the attempt however soon it is saved), the one-attempt view, the History's pace and pauses, and
//! the editor's coach timing at the user's own pace.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::ThreadId;

use ratatui::crossterm::event::KeyCode;

use super::{Harness, bank_with_story, sample_attempt, wall};
use crate::audio::memory::MemoryBackend;
use crate::audio::tests::{samples_of, write_wav};
use crate::model::{Attempt, Bank, Recording};
use crate::store::Store;
use crate::voice::{self, VoiceSummary};

fn fixture(name: &str) -> Vec<i16> {
    samples_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/voice").join(name))
}

/// 27.5 s of speech: a pause of 2.4 s at 3.97 s and one of 2.8 s at 19.3 s (the fixtures' truth), a shorter one
/// where the two recordings meet.
pub(super) fn spoken_answer() -> Vec<i16> {
    let mut samples = fixture("espeak-mid-brown.wav");
    samples.extend(fixture("espeak-slow-clean.wav"));
    samples
}

/// Prompt 4 answered into `device` over 27 s: Situation 4.5 s, Task 3.5 s, Action 12 s, Result 7 s.
pub(super) fn answer(device: &MemoryBackend, bank: Bank) -> Harness {
    let mut h = Harness::new(bank, 80, 24).with_sound(device, 500);
    speak(&mut h);
    h
}

fn speak(h: &mut Harness) {
    h.chars("jjjp");
    h.press(KeyCode::Char(' '));
    h.settle();
    for secs in [4.5, 3.5, 12.0] {
        h.advance(secs);
        h.press(KeyCode::Char('n'));
    }
    h.advance(7.0);
    h.press(KeyCode::Enter);
}

/// Notes which thread analyses, then analyses as the app does.
fn watched(h: &mut Harness) -> Arc<Mutex<Vec<ThreadId>>> {
    let threads = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&threads);
    h.app.voice.set_analyser(Arc::new(move |file, pause_secs| {
        seen.lock().unwrap().push(std::thread::current().id());
        let audio = voice::wav::from_reader(std::io::BufReader::new(file))?;
        Ok(voice::analyze(&audio.samples, pause_secs))
    }));
    threads
}

fn saved_attempts(h: &Harness) -> Vec<Attempt> {
    Store::new(h.data_dir()).load().unwrap().attempts
}

#[test]
fn the_review_says_the_analysis_is_coming_then_what_the_recording_says() {
    let device = MemoryBackend::new(spoken_answer());
    let mut h = Harness::new(bank_with_story(), 80, 24).with_sound(&device, 500);
    let threads = watched(&mut h);
    speak(&mut h);
    let screen = h.render(80, 24);
    assert!(screen.contains("Analysing the recording…") && !screen.contains("Talk time"), "{screen}");

    h.hear();
    assert_eq!(threads.lock().unwrap().len(), 1, "one analysis");
    assert_ne!(threads.lock().unwrap()[0], std::thread::current().id(), "not on the thread that draws");
    let screen = h.render(80, 24);
    assert!(!screen.contains("Analysing"), "{screen}");
    assert!(screen.contains("Talk time 0:"), "{screen}");
    assert!(screen.contains("2.4 s pause in Situation at 0:03"), "{screen}");
    assert!(screen.contains("2.8 s pause in Action at 0:19"), "{screen}");
    snap_both!(h, "review_analysed");
}

#[test]
fn the_loudness_strip_marks_the_phases_on_the_position_strips_columns() {
    let device = MemoryBackend::new(spoken_answer());
    let mut h = answer(&device, bank_with_story());
    h.hear();
    let screen = h.render(80, 24);
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let strip = rows.iter().position(|r| r.contains(&'●')).expect("the position strip");
    let (loudness, position) = (&rows[strip - 1], &rows[strip]);
    let columns = |row: &[char], of: &[char]| -> Vec<usize> {
        row.iter().enumerate().filter(|(_, c)| of.contains(c)).map(|(i, _)| i).collect()
    };
    assert_eq!(columns(loudness, &['│']), columns(position, &['T', 'A', 'R']), "\n{screen}");
    assert!(loudness.iter().any(|c| "▅▆▇█".contains(*c)), "speech is loud somewhere: {screen}");
}

#[test]
fn an_attempt_saved_before_its_analysis_gets_it_when_it_arrives() {
    let device = MemoryBackend::new(spoken_answer());
    let mut h = answer(&device, bank_with_story());
    h.press(KeyCode::Char('s'));
    let id = h.app.bank.attempts[0].id.clone();
    assert_eq!(h.app.bank.attempts[0].voice, None, "saved at once, before the analysis came");
    assert_eq!(saved_attempts(&h)[0].voice, None);

    h.hear();
    let voice = h.app.bank.attempts[0].voice.clone().expect("attached when it arrived");
    assert_eq!(saved_attempts(&h)[0].voice.as_ref(), Some(&voice), "and saved");
    assert_eq!(voice.phases.len(), 4, "per phase, by the attempt's marks");
    assert!(voice.pauses_of_at_least(2.0).count() == 2, "{voice:?}");
    let summary = h.app.history.summary("missed-deadline");
    assert_eq!((summary.recorded, summary.median_pace_wpm), (1, voice.pace_wpm), "the index follows");

    h.press(KeyCode::Char('3'));
    h.press(KeyCode::Enter);
    assert_eq!(h.app.voice.analysis_of(&id).map(|a| a.talk_secs > 0.0), Some(true), "kept for its page");
    assert!(h.render(80, 24).contains("▁"), "the strip at once, without analysing again");
}

#[test]
fn an_attempt_deleted_before_its_analysis_came_and_brought_back_gets_it_on_its_page() {
    let device = MemoryBackend::new(spoken_answer());
    let mut h = answer(&device, bank_with_story());
    h.press(KeyCode::Char('s'));
    h.chars("3\r");
    h.chars("dy");
    h.hear();
    assert!(h.app.bank.attempts.is_empty(), "nothing to attach it to");
    h.press(KeyCode::Char('u'));
    assert_eq!(h.app.bank.attempts[0].voice, None);
    h.press(KeyCode::Enter);
    assert!(h.app.bank.attempts[0].voice.is_some(), "its page attaches the analysis kept this session");
    assert!(saved_attempts(&h)[0].voice.is_some());
}

#[test]
fn an_attempt_saved_after_its_analysis_keeps_it_in_the_same_save() {
    let device = MemoryBackend::new(spoken_answer());
    let mut h = answer(&device, bank_with_story());
    h.hear();
    h.press(KeyCode::Char('s'));
    let saved = saved_attempts(&h);
    let voice = saved[0].voice.as_ref().expect("in the first save");
    assert!(voice.talk_secs > 10.0 && voice.pace_wpm.is_some(), "{voice:?}");
    assert_eq!(saved[0].recording, Some(Recording::of(&saved[0].id)));
}

#[test]
fn quitting_waits_for_the_analysis_an_attempt_saved_on_the_way_out_needs() {
    let device = MemoryBackend::new(spoken_answer());
    let mut h = answer(&device, bank_with_story());
    // Ctrl-C on the review: the answer is saved, and its analysis, never delivered by the loop, is waited for.
    h.press_with(KeyCode::Char('c'), ratatui::crossterm::event::KeyModifiers::CONTROL);
    assert!(h.app.quitting());
    let saved = saved_attempts(&h);
    assert_eq!(saved.len(), 1);
    assert!(saved[0].voice.is_some(), "the quit waited for it");
}

#[test]
fn an_analysis_that_fails_says_why_and_the_attempt_is_saved_without_one() {
    let device = MemoryBackend::new(spoken_answer());
    let mut h = Harness::new(bank_with_story(), 80, 24).with_sound(&device, 500);
    h.app.voice.set_analyser(Arc::new(|_, _| Err("The recording could not be analysed: it broke.".into())));
    speak(&mut h);
    h.hear();
    let screen = h.render(80, 24);
    assert!(screen.contains("The recording could not be analysed: it broke.") && !screen.contains("Talk"), "{screen}");
    h.press(KeyCode::Char('s'));
    assert!(saved_attempts(&h)[0].voice.is_none() && saved_attempts(&h)[0].recording.is_some());
}

#[test]
fn a_discarded_answer_drops_its_analysis() {
    let device = MemoryBackend::new(spoken_answer());
    let mut h = answer(&device, Bank::default());
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('y'));
    h.hear();
    assert!(h.app.voice.answer_hearing().is_none());
    assert!(h.app.bank.attempts.is_empty());
    assert!(saved_attempts(&h).is_empty());
}

/// A bank whose attempt "a1" (prompt 4, 27 s) was recorded, its file in place.
pub(super) fn recorded_attempt(voice: Option<VoiceSummary>) -> (Harness, MemoryBackend) {
    let mut bank = bank_with_story();
    let mut attempt = sample_attempt("a1", "missed-deadline", 27.0, 2);
    attempt.recording = Some(Recording::of("a1"));
    attempt.voice = voice;
    bank.attempts.push(attempt);
    let device = MemoryBackend::new(Vec::new());
    let h = Harness::new(bank, 80, 24).with_sound(&device, 500);
    let dir = h.data_dir().join("recordings");
    std::fs::create_dir_all(&dir).unwrap();
    write_wav(&dir.join("a1.wav"), &spoken_answer()[..27 * 16_000], 16_000);
    (h, device)
}

/// What the app's analysis says of the fixture answer, under attempt a1's marks.
pub(super) fn summary_of_a1() -> VoiceSummary {
    let samples: Vec<f32> = spoken_answer()[..27 * 16_000].iter().map(|&s| f32::from(s) / 32_768.0).collect();
    voice::analyze(&samples, voice::DEFAULT_PAUSE_SECS).summary(&sample_attempt("a1", "p", 27.0, 0).phases)
}

#[test]
fn the_attempt_view_shows_the_saved_analysis_and_the_strip_from_its_recording() {
    let (mut h, _device) = recorded_attempt(Some(summary_of_a1()));
    h.chars("3\r");
    let screen = h.render(80, 24);
    assert!(screen.contains("Talk time 0:"), "the saved figures at once: {screen}");
    assert!(!screen.contains('│'), "the strip waits for the file's analysis: {screen}");
    h.hear();
    snap_both!(h, "attempt_analysed");
    let screen = h.render(80, 24);
    assert!(screen.contains("Situation") && screen.contains(" wpm "), "each phase's figures: {screen}");
    assert_eq!(h.app.bank.attempts[0].voice, Some(summary_of_a1()), "the saved figures are not replaced");
}

#[test]
fn the_attempt_view_scrolls_to_what_does_not_fit() {
    let (mut h, _device) = recorded_attempt(Some(summary_of_a1()));
    h.app.bank.attempts[0].review.note = "One.\nTwo.\nThree.\nFour.".into();
    h.chars("3\r");
    h.hear();
    let screen = h.render(80, 24);
    assert!(screen.contains("more lines below: j scrolls"), "{screen}");
    assert!(!screen.contains("Four."), "{screen}");
    h.press(KeyCode::Char('G'));
    let screen = h.render(80, 24);
    assert!(screen.contains("Four.") && screen.contains("above: k scrolls back"), "{screen}");
}

#[test]
fn an_attempt_recorded_without_an_analysis_gets_one_when_its_page_opens() {
    let (mut h, _device) = recorded_attempt(None);
    h.chars("3\r");
    assert!(h.render(80, 24).contains("Analysing the recording…"), "{}", h.render(80, 24));
    h.hear();
    assert_eq!(h.app.bank.attempts[0].voice, Some(summary_of_a1()));
    assert_eq!(saved_attempts(&h)[0].voice, Some(summary_of_a1()), "saved");
    assert!(h.render(80, 24).contains("Talk time"), "{}", h.render(80, 24));
}

#[test]
fn attempts_without_a_recording_show_nothing_of_it_not_zeros() {
    let mut bank = bank_with_story();
    bank.attempts.push(sample_attempt("a1", "missed-deadline", 90.0, 2));
    let mut h = Harness::new(bank, 80, 24);
    h.chars("3");
    let history = h.render(80, 24);
    assert!(!history.contains("Pace") && !history.contains("wpm"), "{history}");
    h.press(KeyCode::Enter);
    let page = h.render(80, 24);
    for absent in ["Talk time", "Pace", "wpm", "Analysing", "0:00 talk"] {
        assert!(!page.contains(absent), "{absent}: {page}");
    }
}

#[test]
fn a_pruned_recording_keeps_its_figures_without_a_strip() {
    let (mut h, _device) = recorded_attempt(Some(summary_of_a1()));
    h.app.bank.attempts[0].recording.as_mut().unwrap().pruned = true;
    h.chars("3\r");
    let screen = h.render(80, 24);
    assert!(screen.contains("Talk time") && screen.contains("The recording was deleted"), "{screen}");
    assert!(h.app.voice.hearing("a1").is_none(), "nothing to analyse");
}

/// Attempts at prompts 4 and 2, recorded at the paces given (`None`: not recorded).
fn voiced_bank(paces: &[(&str, Option<f64>)]) -> Bank {
    let mut bank = bank_with_story();
    for (i, (prompt, pace)) in paces.iter().enumerate() {
        let mut attempt = sample_attempt(&format!("a{i}"), prompt, 95.0, 30 - i64::try_from(i).unwrap());
        attempt.voice = pace.map(|pace| VoiceSummary {
            pace_wpm: Some(pace),
            pauses: vec![crate::voice::Pause { at_secs: 10.0, secs: 2.5 }],
            ..summary_of_a1()
        });
        bank.attempts.push(attempt);
    }
    bank
}

#[test]
fn history_shows_each_prompts_pace_and_long_pauses_over_its_recorded_answers() {
    // Newest last: the selected row is the unrecorded answer to prompt 4, the last row prompt 2's.
    let bank = voiced_bank(&[
        ("simple-solution", None),
        ("missed-deadline", Some(140.0)),
        ("missed-deadline", Some(160.0)),
        ("missed-deadline", None),
    ]);
    let mut h = Harness::new(bank, 80, 24);
    h.chars("3");
    snap_both!(h, "history_voice");
    let screen = h.render(80, 24);
    let row = |n: &str| screen.lines().find(|l| l.starts_with(&format!("\"{n}. "))).unwrap_or_default().to_string();
    assert!(row("4").contains("150") && row("4").contains("1.0"), "the median, pauses a recorded answer: {screen}");
    assert!(row("2").contains("—") && !row("2").contains("0.0"), "dashes, not zeros: {screen}");
    assert!(screen.contains("150 wpm · 1.0 long pauses"), "the pane: {screen}");
    h.press(KeyCode::Char('G'));
    assert!(!h.render(80, 24).contains("wpm ·"), "a prompt with nothing recorded says nothing");
}

#[test]
fn the_editors_coach_says_when_times_are_at_the_users_own_pace() {
    let bank = voiced_bank(&[("missed-deadline", Some(120.0)); 3]);
    let mut h = Harness::new(bank, 100, 30);
    h.chars("2e");
    let screen = h.render(100, 30);
    assert!(screen.contains("Times at 120 words a minute (your pace over 3 recorded answers)."), "{screen}");
    let mut settings = crate::settings::Settings::default();
    (settings.config.words_per_minute, settings.config.words_per_minute_set) = (150.0, true);
    h.app.apply_settings(settings, wall());
    let screen = h.render(100, 30);
    assert!(!screen.contains("your pace"), "the config's rate wins, and is not the user's own: {screen}");
}
