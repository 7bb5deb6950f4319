//! The drill's keys: `d` on the Prompts screen, then its setup, the pick, the answer, the review and the report.

use super::{Action as A, Binding, Context as C, Key, KeyCode as K};

pub(super) fn bindings() -> Vec<Binding> {
    let bind = |context, keys: &[Key], action, hint, help| Binding { context, keys: keys.to_vec(), action, hint, help };
    let esc = [Key::plain(K::Esc)];
    let leave = "Leave the drill (asks; answered questions are kept)";
    let mut bindings = vec![
        bind(
            C::Prompts,
            &[Key::char('d')],
            A::StartDrill,
            "drill",
            "Drill questions from the bank: pick a story in 30 s",
        ),
        bind(
            C::DrillSetup,
            &[Key::char('+'), Key::char('='), Key::char('j'), Key::plain(K::Down)],
            A::DrillMore,
            "more",
            "One question more",
        ),
        bind(
            C::DrillSetup,
            &[Key::char('-'), Key::char('k'), Key::plain(K::Up)],
            A::DrillFewer,
            "fewer",
            "One question fewer",
        ),
        bind(
            C::DrillSetup,
            &[Key::char('l'), Key::plain(K::Right)],
            A::NextPrinciple,
            "principle",
            "Drill the next principle (or any)",
        ),
        bind(
            C::DrillSetup,
            &[Key::char('h'), Key::plain(K::Left)],
            A::PrevPrinciple,
            "",
            "Drill the previous principle",
        ),
        bind(C::DrillSetup, &[Key::plain(K::Enter)], A::Open, "start", "Start: the first question shows"),
        bind(C::DrillSetup, &esc, A::Back, "back", "Back to the prompts"),
        bind(C::DrillPick, &[Key::char('j'), Key::plain(K::Down)], A::Down, "", "Next story"),
        bind(C::DrillPick, &[Key::char('k'), Key::plain(K::Up)], A::Up, "", "Previous story"),
        bind(
            C::DrillPick,
            &[Key::plain(K::Enter)],
            A::Open,
            "tell this",
            "Tell this story (a pick after 30 s is late)",
        ),
        bind(C::DrillPick, &[Key::char('x')], A::SkipQuestion, "skip", "Skip this question: no answer, on to the next"),
        bind(C::DrillPick, &esc, A::Back, "leave", leave),
        bind(C::DrillAnswer, &esc, A::Back, "leave", leave),
        bind(
            C::DrillReview,
            &[Key::char('s')],
            A::NextQuestion,
            "save, next",
            "Save the answer; on to the next question",
        ),
        bind(C::DrillReview, &esc, A::Back, "leave", "Leave the drill (asks; this answer is kept)"),
    ];
    bindings.extend(super::report_scrolling(C::DrillReport));
    bindings.push(bind(
        C::DrillReport,
        &[Key::plain(K::Esc), Key::plain(K::Enter), Key::char('q')],
        A::Back,
        "close",
        "Close the report",
    ));
    bindings
}
