//! The screens a new user spends the most time on, at the sizes real terminals have: 60×20, 80×24 and 100×30.

use ratatui::crossterm::event::KeyCode;

use super::{Harness, wall};
use crate::mock::MockOptions;
use crate::model::{Bank, Story};
use crate::tui::screens::Screen;
use crate::tui::screens::mock::MockStep;

pub const SIZES: [(u16, u16); 3] = [(60, 20), (80, 24), (100, 30)];

/// A story as users write them: a three-line situation, four actions, three results.
pub fn long_story() -> Story {
    let mut story = Story::new("long".into(), "Payments outage on Black Friday".into(), wall());
    story.situation = "Our payments service handled 40,000 orders a day.\nA config change took checkout down \
                       for 20 minutes on Black Friday.\nNobody owned the rollback runbook."
        .into();
    story.task = "As the on-call lead I had to restore checkout and stop it happening again.".into();
    story.actions = vec![
        "I rolled the config back and paged the two engineers who knew the service.".into(),
        "I wrote the incident timeline while it was fresh and ran the blameless review.".into(),
        "I added a canary stage so config changes reach 5% of traffic first.".into(),
        "I turned the rollback steps into a script and made it part of the runbook.".into(),
    ];
    story.results = vec![
        "Checkout was back in 20 minutes and we lost about $30k in orders.".into(),
        "No config change has taken checkout down in the 14 months since.".into(),
        "Rollbacks now take 2 minutes instead of 20.".into(),
    ];
    story.learning = "Own the runbook before you need it.".into();
    story.principles = vec!["Ownership".into(), "Dive Deep".into()];
    story.prompts = vec!["missed-deadline".into(), "biggest-failure".into()];
    story
}

/// The History tests' attempts, with the long story beside the sample one.
fn bank() -> Bank {
    let mut bank = super::history::bank();
    bank.stories.insert(0, long_story());
    bank
}

/// Snapshots the app as it stands at each of the three sizes, as `name_WxH`.
fn snap_sizes(h: &mut Harness, name: &str) {
    for (width, height) in SIZES {
        h.resize(width, height);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), h.render(width, height));
    }
}

#[test]
fn prompts_at_three_sizes() {
    let mut h = Harness::new(bank(), 80, 24);
    snap_sizes(&mut h, "sizes_prompts");
}

#[test]
fn practice_with_a_long_story_at_three_sizes() {
    let mut h = Harness::new(bank(), 80, 24);
    h.chars("jjjp ");
    h.advance(30.0);
    h.chars("nn");
    h.advance(20.0);
    snap_sizes(&mut h, "sizes_practice");
}

#[test]
fn review_at_three_sizes() {
    let mut h = Harness::new(bank(), 80, 24);
    h.chars("jjjp ");
    h.advance(20.0);
    h.chars("nn");
    h.advance(70.0);
    h.press(KeyCode::Enter);
    h.chars(" 4e");
    h.chars("Lead with the metric, and say what I would do differently: the canary stage came too late.");
    h.press(KeyCode::Esc);
    snap_sizes(&mut h, "sizes_review");
}

#[test]
fn history_at_three_sizes() {
    let mut h = Harness::new(bank(), 80, 24);
    h.press(KeyCode::Char('3'));
    h.press(KeyCode::Down);
    snap_sizes(&mut h, "sizes_history");
}

#[test]
fn mock_report_at_three_sizes() {
    let mut h = Harness::new(bank(), 80, 24);
    h.app.start_mock(MockOptions { count: 2, seed: 7, cues: true }).unwrap();
    let on_report =
        |h: &Harness| matches!(&h.app.screen, Some(Screen::Mock(m)) if matches!(m.step, MockStep::Report(_)));
    while !on_report(&h) {
        let Some(Screen::Mock(mock)) = &h.app.screen else { panic!("left the mock") };
        match mock.step {
            MockStep::Story(_) => h.press(KeyCode::Enter),
            MockStep::Answer(_) | MockStep::FollowUp(_) => {
                h.press(KeyCode::Char(' '));
                h.advance(45.0);
                h.chars("nn");
                h.advance(30.0);
                h.press(KeyCode::Enter);
            }
            MockStep::Review(_) => h.chars(" 3s"),
            MockStep::Setup(_) | MockStep::Report(_) => unreachable!(),
        }
        if h.app.overlay.is_some() {
            h.press(KeyCode::Char('y'));
        }
    }
    snap_sizes(&mut h, "sizes_mock_report");
}

/// A status longer than the screen is wide takes the rows it needs, up to three, and keeps its end: "No
/// microphone: …" cut at 80 columns lost the part that said why.
#[test]
fn a_long_status_wraps_rather_than_losing_its_end() {
    let why = "No microphone: ALSA could not open 'default': No such file or directory (cannot find card '0')";
    let mut h = Harness::new(bank(), 80, 24);
    h.app.status = Some(crate::tui::effect::Status::error(why));
    let screen = h.render(80, 24);
    let rows: Vec<&str> = screen.lines().map(|row| row.trim_matches('"').trim_end()).collect();
    assert_eq!(rows.len(), 24);
    assert!(rows[0].contains("star-coach"), "the header stays: {screen}");
    assert_eq!(rows[22], "No microphone: ALSA could not open 'default': No such file or directory (cannot");
    assert_eq!(rows[23], "find card '0')");

    // More than three rows' worth: three rows, the last cut where it no longer fits.
    let long = why.repeat(4);
    h.app.status = Some(crate::tui::effect::Status::error(long));
    let screen = h.render(80, 24);
    let rows: Vec<&str> = screen.lines().map(|row| row.trim_matches('"').trim_end()).collect();
    assert!(rows[21].starts_with("No microphone"), "{screen}");
    assert!(rows[23].ends_with('…'), "{screen}");
    assert!(!rows[20].starts_with("No microphone") && !rows[20].contains("ALSA"), "{screen}");

    // The smallest screen keeps a row for the body: the status gets one, cut.
    let screen = h.render(40, 5);
    let rows: Vec<&str> = screen.lines().map(|row| row.trim_matches('"').trim_end()).collect();
    assert!(rows[4].starts_with("No microphone") && rows[4].ends_with('…'), "{screen}");
    assert!(!rows[3].contains("No microphone"), "{screen}");
}

/// The `?` help on a narrow terminal wraps each key's help beside the keys, and below them when even that leaves
/// too little room: cut at the box's edge, "Delete the selected attempt (asks first)" read "Delete the selected
/// atte".
#[test]
fn the_help_wraps_on_a_narrow_terminal_rather_than_cutting_words() {
    let mut h = Harness::new(bank(), 40, 14);
    h.resize(40, 14);
    h.press(KeyCode::Char('3'));
    h.press(KeyCode::Char('?'));
    let screen = h.render(40, 14);
    assert!(screen.contains("│  d             Delete the selected   │"), "{screen}");
    assert!(screen.contains("│                attempt (asks first)  │"), "{screen}");

    h.press(KeyCode::Esc);
    h.resize(24, 40);
    h.press(KeyCode::Char('?'));
    let screen = h.render(24, 40);
    let rows: Vec<&str> = screen.lines().collect();
    let at = rows.iter().position(|r| r.contains("│  d  ")).unwrap_or_else(|| panic!("{screen}"));
    assert!(rows[at].contains("│  d                   │"), "the keys alone on their row: {screen}");
    assert!(rows[at + 1].contains("│    Delete the        │"), "{screen}");
}

/// The Stories screen's lines above the table wrap at 40 columns rather than stopping mid-word, and the coverage
/// hint shows only where it fits whole.
#[test]
fn the_stories_heads_wrap_on_a_narrow_terminal() {
    let rows = |screen: &str| -> Vec<String> {
        screen.lines().map(|row| row.trim_matches('"').trim_end().to_string()).collect()
    };
    let mut h = Harness::new(bank(), 40, 14);
    h.resize(40, 14);
    h.press(KeyCode::Char('2'));
    let screen = h.render(40, 14);
    assert_eq!(rows(&screen)[1], "2 of 6–8 stories: write 4 more", "{screen}");
    h.press(KeyCode::Char('/'));
    h.chars("zzz");
    h.press(KeyCode::Enter);
    let screen = h.render(40, 14);
    assert_eq!(rows(&screen)[3..5], ["No story matches the filter; Esc clears", "it."], "{screen}");
}
