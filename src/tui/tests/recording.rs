//! Recording answers and playing them back, through the keys, on the in-memory sound device: the `● REC` badge, the
//! position strip, `r`, the folder's rules (discard deletes, delete after the save, prune), a microphone that
//! cannot open, and the mock.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::KeyCode;

use super::{Harness, bank_with_story, sample_attempt};
use crate::audio::memory::MemoryBackend;
use crate::audio::tests::{entries, ramp, samples_of, write_wav};
use crate::model::{Bank, Recording};
use crate::tui::screens::Screen;

/// The files in the recordings folder, hidden ones (answers in progress) too.
fn recordings(h: &Harness) -> Vec<String> {
    entries(&h.data_dir().join("recordings"))
}

/// The strip and its words fit any terminal, down to a single cell.
fn draws_at_any_size(h: &Harness) {
    for (width, height) in [(1, 1), (20, 6), (33, 9), (120, 40)] {
        h.render(width, height);
    }
}

/// Waits until the player has written the quarter second it plays ahead of the clock; returns all it wrote.
fn wait_for_sound(device: &MemoryBackend) -> Vec<i16> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let played = device.played();
        if played.len() >= 4_000 {
            return played;
        }
        assert!(Instant::now() < deadline, "nothing was played");
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Practice on prompt 4, recording from `device`: Space, then the clock runs `secs` seconds.
fn start_answer(device: &MemoryBackend, bank: Bank) -> Harness {
    let mut h = Harness::new(bank, 80, 24).with_sound(device, 500);
    h.chars("jjjp");
    h.press(KeyCode::Char(' '));
    h.settle();
    h
}

/// The data dir's path shown on screen, as `[data]`, so a snapshot does not depend on the temporary folder.
fn screen_of(h: &Harness) -> String {
    h.render(80, 24).replace(&h.data_dir().display().to_string(), "[data]")
}

#[test]
fn practice_records_the_answer_the_review_plays_it_and_saving_keeps_it() {
    let source = ramp(300_000);
    let device = MemoryBackend::new(source.clone());
    let mut h = Harness::new(bank_with_story(), 80, 24).with_sound(&device, 500);
    h.chars("jjjp");
    assert!(h.render(80, 24).contains("recording on (r turns it off)"), "{}", h.render(80, 24));
    // On a narrow screen the short form, which leaves the story its title.
    let narrow = h.render(40, 14);
    assert!(narrow.contains("Story: Checkout timeouts — …  rec on (r)"), "{narrow}");
    assert!(!h.render(80, 24).contains("● REC"), "no badge before the clock starts");
    h.press(KeyCode::Char(' '));
    h.settle();
    h.advance(3.0);
    insta::assert_snapshot!("practice_recording_80x24", h.render(80, 24));
    draws_at_any_size(&h);
    assert!(h.render(40, 10).contains("● REC"), "the compact layout has the badge too\n{}", h.render(40, 10));
    h.press(KeyCode::Char('n'));
    h.advance(1.5);
    h.press(KeyCode::Char(' '));
    assert!(!h.render(80, 24).contains("● REC"), "a pause closes the microphone\n{}", h.render(80, 24));
    h.advance(30.0);
    h.press(KeyCode::Char(' '));
    h.settle();
    assert!(h.render(80, 24).contains("● REC"), "and resuming opens it");
    h.press(KeyCode::Char('n'));
    h.advance(4.0);
    h.press(KeyCode::Char('n'));
    h.advance(2.5);
    h.press(KeyCode::Enter);
    assert!(!h.render(80, 24).contains("● REC"));
    insta::assert_snapshot!("review_recorded_80x24", h.render(80, 24));
    draws_at_any_size(&h);

    // `]` moves the head to the Task mark (3 s), and `p` plays from there: the answer's own samples.
    h.press(KeyCode::Char(']'));
    assert!(h.render(80, 24).contains("0:03 of 0:11 · Task"), "{}", h.render(80, 24));
    h.press(KeyCode::Char('p'));
    let played = wait_for_sound(&device);
    h.press(KeyCode::Char('p'));
    assert_eq!(played[..4_000], source[48_000..52_000]);
    let Some(Screen::Review(review)) = &h.app.screen else { panic!("not on the review") };
    assert!(!review.replay.is_playing());

    h.press(KeyCode::Char('s'));
    let attempt = h.app.bank.attempts.last().unwrap().clone();
    assert_eq!(attempt.recording, Some(Recording::of(&attempt.id)));
    assert_eq!(recordings(&h), [format!("{}.wav", attempt.id)], "the answer's file, renamed into place");
    let samples = samples_of(&h.data_dir().join("recordings").join(format!("{}.wav", attempt.id)));
    assert!((attempt.duration_secs - 11.0).abs() < 1e-9, "{}", attempt.duration_secs);
    assert_eq!(samples.len(), 176_000, "the attempt's 11 s to the sample: the paused 30 s are not in it");
    assert!(samples == source[..176_000], "the microphone's samples, contiguous");
    let saved = crate::store::Store::new(h.data_dir()).load().unwrap();
    assert_eq!(saved.attempts.last().unwrap().recording, attempt.recording, "the data file names it");
}

#[test]
fn r_turns_recording_off_for_this_answer_only() {
    let device = MemoryBackend::new(ramp(100_000));
    let mut h = start_answer(&device, Bank::default());
    assert!(h.app.voice.is_recording());
    h.press(KeyCode::Char('r'));
    assert!(!h.app.voice.is_recording());
    let screen = h.render(80, 24);
    assert!(screen.contains("Not recording this answer (r turns it on)"), "{screen}");
    assert!(screen.contains("recording off (r turns it on)") && !screen.contains("● REC"), "{screen}");
    assert!(recordings(&h).is_empty(), "what it recorded is deleted");
    h.advance(2.0);
    h.press(KeyCode::Enter);
    assert!(!h.render(80, 24).contains("Recording:"), "a review with nothing to play shows no strip");
    h.press(KeyCode::Char('p'));
    assert!(h.render(80, 24).contains("This answer was not recorded."));
    h.press(KeyCode::Char('s'));
    assert_eq!(h.app.bank.attempts[0].recording, None);

    h.press(KeyCode::Char('p'));
    assert!(h.render(80, 24).contains("recording on (r turns it off)"), "the next answer records again");
}

#[test]
fn discarding_an_answer_or_leaving_it_deletes_its_recording() {
    let device = MemoryBackend::new(ramp(100_000));
    let mut h = start_answer(&device, Bank::default());
    h.advance(2.0);
    h.press(KeyCode::Enter);
    assert_eq!(recordings(&h).len(), 1, "the finished answer waits for its review");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('y'));
    assert!(recordings(&h).is_empty(), "discarded: deleted");

    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char(' '));
    h.settle();
    h.advance(2.0);
    assert_eq!(recordings(&h).len(), 1, "an answer in progress");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('y'));
    assert!(h.app.screen.is_none());
    assert!(recordings(&h).is_empty(), "left mid-answer: deleted");
    assert!(!h.app.voice.is_recording());
}

#[test]
fn a_deleted_attempt_keeps_its_recording_while_u_can_bring_it_back_and_not_after() {
    use crate::store::FaultPoint;
    let device = MemoryBackend::new(ramp(100_000));
    let mut h = start_answer(&device, Bank::default());
    h.advance(2.0);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('s'));
    let file = format!("{}.wav", h.app.bank.attempts[0].id);
    h.press(KeyCode::Char('3'));
    h.press(KeyCode::Enter);
    h.app.store.inject_fault(FaultPoint::Write);
    h.press(KeyCode::Char('d'));
    h.press(KeyCode::Char('y'));
    assert!(h.app.bank.attempts.is_empty());
    assert_eq!(recordings(&h), std::slice::from_ref(&file), "the save failed: the file on disk still names it");
    h.app.save();
    assert_eq!(
        recordings(&h),
        std::slice::from_ref(&file),
        "saved, but u can still bring the attempt back: its recording stays"
    );
    h.press(KeyCode::Char('u'));
    assert_eq!(h.app.bank.attempts.len(), 1, "u brings the attempt back");
    assert!(
        h.app.bank.attempts[0].recording.is_some() && recordings(&h) == std::slice::from_ref(&file),
        "with its recording"
    );
    h.press(KeyCode::Char('d'));
    h.press(KeyCode::Char('y'));
    // The next session cannot undo it: at its start the recording no saved attempt names goes.
    let next_start = std::time::SystemTime::now();
    h.app.voice.recordings().clean_up_at_start(&h.app.bank, next_start);
    assert!(recordings(&h).is_empty(), "a recording no attempt names does not outlive the session");
}

#[test]
fn past_max_mb_the_oldest_recordings_are_pruned_and_their_attempts_say_so() {
    let device = MemoryBackend::new(ramp(1_000_000));
    // 1 MB holds one 20 s answer (640 kB) but not two.
    let mut h = Harness::new(Bank::default(), 80, 24).with_sound(&device, 1);
    for _ in 0..2 {
        h.press(KeyCode::Char('p'));
        h.press(KeyCode::Char(' '));
        h.settle();
        h.advance(20.0);
        h.press(KeyCode::Enter);
        h.press(KeyCode::Char('s'));
    }
    let [first, second] = &h.app.bank.attempts[..] else { panic!("two attempts") };
    assert!(first.recording.as_ref().unwrap().pruned, "the older one is pruned");
    assert!(!second.recording.as_ref().unwrap().pruned);
    assert_eq!(recordings(&h), [format!("{}.wav", second.id)]);
    h.press(KeyCode::Char('3'));
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    let screen = h.render(80, 24);
    assert!(screen.contains("The recording was deleted to keep recordings under"), "{screen}");
}

#[test]
fn a_microphone_that_cannot_open_says_why_once_and_practice_goes_on() {
    let why = "No microphone: ALSA could not open 'default': No such device";
    let device = MemoryBackend::unavailable(why);
    let mut h = Harness::new(Bank::default(), 80, 24).with_sound(&device, 500);
    for answer in 0..2 {
        h.press(KeyCode::Char('p'));
        h.press(KeyCode::Char(' '));
        h.settle();
        let screen = h.render(80, 24);
        assert_eq!(screen.contains(why), answer == 0, "answer {answer}: said once\n{screen}");
        assert!(!screen.contains("● REC"), "{screen}");
        assert!(screen.contains("recording unavailable"), "{screen}");
        h.advance(3.0);
        h.press(KeyCode::Enter);
        h.press(KeyCode::Char('s'));
        assert!(h.render(80, 24).contains("Saved:"), "{}", h.render(80, 24));
    }
    assert!(h.app.bank.attempts.iter().all(|a| a.recording.is_none()), "no recording is named");
    assert!(recordings(&h).is_empty());
}

#[test]
fn the_attempt_view_plays_from_a_phase_mark() {
    let source = ramp(700_000);
    let mut bank = bank_with_story();
    // Situation 0–4 s, Task 4–8 s, Action 8–28 s, Result 28–40 s.
    let mut attempt = sample_attempt("a1", "missed-deadline", 40.0, 2);
    attempt.recording = Some(Recording::of("a1"));
    bank.attempts.push(attempt);
    let device = MemoryBackend::new(Vec::new());
    let mut h = Harness::new(bank, 80, 24).with_sound(&device, 500);
    let dir = h.data_dir().join("recordings");
    std::fs::create_dir_all(&dir).unwrap();
    write_wav(&dir.join("a1.wav"), &source[..640_000], 16_000);
    h.press(KeyCode::Char('3'));
    h.press(KeyCode::Enter);
    h.chars("]]");
    insta::assert_snapshot!("attempt_recorded_80x24", h.render(80, 24));
    draws_at_any_size(&h);
    h.press(KeyCode::Char('['));
    assert!(h.render(80, 24).contains("0:04 of 0:40 · Task"), "back to the Task: {}", h.render(80, 24));
    h.press(KeyCode::Char(']'));
    h.press(KeyCode::Char('p'));
    let played = wait_for_sound(&device);
    assert_eq!(played[..4_000], source[128_000..132_000], "from the Action mark at 8 s");
    assert!(h.app.next_wake(h.now()).is_some_and(|wait| wait <= Duration::from_millis(250)), "the head moves");
    h.press(KeyCode::Esc);
    assert!(h.app.screen.is_none(), "leaving stops the sound");
}

#[test]
fn an_attempt_whose_recording_is_gone_still_opens_and_says_so() {
    let mut bank = bank_with_story();
    let mut attempt = sample_attempt("a1", "missed-deadline", 10.0, 2);
    attempt.recording = Some(Recording::of("a1"));
    bank.attempts.push(attempt);
    let mut h = Harness::new(bank, 80, 24).with_sound(&MemoryBackend::new(Vec::new()), 500);
    h.press(KeyCode::Char('3'));
    h.press(KeyCode::Enter);
    insta::assert_snapshot!("attempt_recording_missing_80x24", screen_of(&h));
    h.press(KeyCode::Char('p'));
    assert!(screen_of(&h).contains("The recording is gone: [data]/recordings/a1.wav is missing."));
}

#[test]
fn a_mock_round_is_recorded_with_its_attempt() {
    let device = MemoryBackend::new(ramp(400_000));
    let mut h = Harness::new(bank_with_story(), 80, 24).with_sound(&device, 500);
    h.chars("m1\r\r ");
    h.settle();
    assert!(h.render(80, 24).contains("● REC"), "{}", h.render(80, 24));
    h.advance(6.0);
    h.press(KeyCode::Enter);
    assert!(h.render(80, 24).contains("Recording:"), "the mock's review has the strip");
    h.press(KeyCode::Char('s'));
    while h.app.bank.attempts.is_empty() {
        h.press(KeyCode::Char(' '));
        h.advance(20.0);
        h.press(KeyCode::Enter);
    }
    let attempt = &h.app.bank.attempts[0];
    assert_eq!(attempt.recording, Some(Recording::of(&attempt.id)), "the round keeps its answer's recording");
    let samples = samples_of(&h.data_dir().join("recordings").join(format!("{}.wav", attempt.id)));
    assert_eq!(samples.len(), 96_000, "the answer's 6 s, not its follow-ups");
}

#[test]
fn a_read_only_session_records_nothing_and_says_so() {
    let mut h = Harness::new(Bank::default(), 80, 24);
    let mut holder = crate::store::Store::new(h.data_dir());
    assert!(holder.lock().unwrap());
    assert!(!h.app.store.lock().unwrap(), "another star-coach holds the folder");
    let folder = crate::recordings::Recordings::new(h.data_dir(), 500);
    let device = std::sync::Arc::new(MemoryBackend::new(ramp(100_000)));
    h.app.voice = crate::tui::voice::Voice::new(device, folder, true, false);
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char(' '));
    h.settle();
    let screen = h.render(80, 24);
    assert!(!screen.contains("● REC") && !screen.contains("recording on"), "{screen}");
    h.press(KeyCode::Char('r'));
    let screen = h.render(80, 24);
    assert!(screen.contains("so nothing is recorded."), "{screen}");
    assert!(!h.app.voice.is_recording());
    assert!(recordings(&h).is_empty());
}
