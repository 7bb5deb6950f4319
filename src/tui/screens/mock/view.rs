//! Drawing the mock interview: setup, the story choice, the answer (the practice screen), its review, the
//! follow-ups and the report. Reads the app, never changes it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListState, Paragraph, StatefulWidget, Widget};

use super::{ANSWER, MockScreen, MockStep, REVIEW};
use crate::keys::{Action, Context};
use crate::mock::{self, FOLLOW_UP_TARGET, MockOptions, MockSession};
use crate::practice::{ClockState, Timer, Verdict, format_clock, format_secs};
use crate::tui::ctx::Ctx;
use crate::tui::screens::prompts::PromptsScreen;
use crate::tui::theme;
use crate::tui::widgets::clock::{BIG_CLOCK_HEIGHT, big_clock, target_bar};
use crate::tui::widgets::scroll::{ListCursor, Scroll, ScrollKeys, draw_scrolled};
use crate::tui::widgets::stories::{story_choices, story_items};
use crate::tui::widgets::text::{cells, ellipsize, wrap_text};

/// Short names of the checklist lines, for the report's one-line summary of each round.
const CHECKLIST_SHORT: [&str; 4] = ["spoke as I", "a metric", "short setup", "a learning"];

pub fn draw(view: &MockScreen, app: &Ctx, area: Rect, buf: &mut Buffer) {
    let session = view.session.as_ref();
    match (&view.step, session) {
        (MockStep::Setup(options), _) => draw_setup(app, options, area, buf),
        (MockStep::Report(scroll), Some(session)) => draw_report(app, session, scroll, area, buf),
        (_, None) => {}
        (step, Some(session)) => {
            let [header, rest] = area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]));
            round_header(session, header.width).render(header, buf);
            match step {
                MockStep::Story(cursor) => draw_story(app, session, cursor, rest, buf),
                MockStep::Answer(answer) => answer.draw(app, &ANSWER, false, rest, buf),
                MockStep::Review(review) => review.draw_within(app, &REVIEW, rest, buf),
                MockStep::FollowUp(timer) => draw_follow_up(app, session, timer, rest, buf),
                MockStep::Setup(_) | MockStep::Report(_) => {}
            }
        }
    }
}

fn round_header(session: &MockSession, width: u16) -> Line<'static> {
    let mut text = format!("Mock · round {} of {}", (session.round() + 1).min(session.rounds()), session.rounds());
    if let Some(follow_up) = session.follow_up() {
        let n = session.follow_ups().iter().position(|f| f == follow_up).unwrap_or(0);
        text.push_str(&format!(" · follow-up {} of {}", n + 1, session.follow_ups().len()));
    }
    text.push_str(&format!(" · seed {}", session.plan.seed));
    Line::styled(ellipsize(&text, usize::from(width)), theme::heading())
}

fn draw_setup(app: &Ctx, options: &MockOptions, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let setup = [Context::MockSetup];
    let key = |action| Span::styled(app.key(&setup, action), theme::key());
    let mut lines: Vec<Line> = vec![Line::styled("Mock interview", theme::title())];
    let intro = "The prompts back to back in a random order, each followed by one or two follow-up questions, as \
                 in a real interview. Tell a different story each time: an interviewer notices a repeat.";
    lines.extend(wrap_text(intro, width).into_iter().map(Line::raw));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("Prompts: ", theme::label()),
        Span::raw(format!("{} of {}  ", options.count, app.guide.prompts.len())),
        key(Action::MockMore),
        Span::raw("/"),
        key(Action::MockFewer),
        Span::raw(" or a digit"),
    ]));
    lines.push(Line::from(vec![
        Span::styled("Cue cards: ", theme::label()),
        Span::raw(if options.cues { "on  " } else { "off  " }),
        key(Action::ToggleCues),
        Span::raw(" turns them "),
        Span::raw(if options.cues { "off" } else { "on" }),
    ]));
    lines.push(Line::from(vec![Span::styled("Seed: ", theme::label()), Span::raw(options.seed.to_string())]));
    let replay = format!(
        "star-coach mock --seed {} --count {}{} replays this mock's order and follow-ups.",
        options.seed,
        options.count,
        if options.cues { "" } else { " --no-cues" }
    );
    lines.extend(wrap_text(&replay, width).into_iter().map(|l| Line::styled(l, theme::dim())));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![key(Action::Open), Span::raw(" starts the first round.")]));
    let saved = "Each round goes into the history as soon as its follow-ups are done, so leaving early keeps them.";
    lines.extend(wrap_text(saved, width).into_iter().map(|l| Line::styled(l, theme::dim())));
    Paragraph::new(lines).render(area, buf);
}

fn question_lines(app: &Ctx, prompt_id: &str, width: u16) -> Vec<Line<'static>> {
    let text = match app.guide.prompt(prompt_id) {
        Some(p) => format!("{}. {}", p.number, p.question),
        None => prompt_id.to_string(),
    };
    wrap_text(&text, usize::from(width)).into_iter().take(2).map(|l| Line::styled(l, theme::title())).collect()
}

fn draw_story(app: &Ctx, session: &MockSession, cursor: &ListCursor, area: Rect, buf: &mut Buffer) {
    let prompt_id = session.prompt_id().unwrap_or_default();
    let mut lines: Vec<Line> = last_round(app, session)
        .map(|saved| {
            wrap_text(&saved, usize::from(area.width)).into_iter().map(|l| Line::styled(l, theme::dim())).collect()
        })
        .unwrap_or_default();
    lines.extend(question_lines(app, prompt_id, area.width));
    lines.push(Line::styled("Which story will you tell? (✓ fits this prompt)", theme::label()));
    let top = u16::try_from(lines.len()).unwrap_or(u16::MAX).min(area.height);
    let [top_area, list_area] = area.layout(&Layout::vertical([Constraint::Length(top), Constraint::Fill(1)]));
    Paragraph::new(lines).render(top_area, buf);
    let choices = story_choices(app.bank, prompt_id);
    let items = story_items(app.bank, prompt_id, &choices, |id| {
        session.told_in(id).map(|round| format!("told in round {round}"))
    });
    let list = List::new(items).highlight_style(theme::selected()).highlight_symbol("▶");
    let mut state = ListState::default().with_selected(Some(cursor.selected));
    StatefulWidget::render(list, list_area, buf, &mut state);
    cursor.shown(usize::from(list_area.height));
    app.hits.borrow_mut().add_rows(list_area, state.offset(), choices.len());
}

fn draw_follow_up(app: &Ctx, session: &MockSession, timer: &Timer, area: Rect, buf: &mut Buffer) {
    let Some(follow_up) = session.follow_up() else { return };
    let elapsed = timer.elapsed(app.now);
    let secs = elapsed.as_secs_f64();
    let verdict = Verdict::of(secs, FOLLOW_UP_TARGET);
    let width = usize::from(area.width);
    let mut top: Vec<Line> = so_far(app, session, width).into_iter().map(|l| Line::styled(l, theme::dim())).collect();
    top.push(Line::styled(format!("The interviewer digs into {}:", follow_up.kind.label()), theme::label()));
    top.extend(wrap_text(&follow_up.question, width).into_iter().map(|l| Line::styled(l, theme::title())));
    let start = app.key(&[Context::MockFollowUp], Action::StartPause);
    let state = match timer.state() {
        ClockState::Ready => format!("READY: press {start} and answer aloud, in 30 seconds to a minute"),
        ClockState::Running => "RUNNING".to_string(),
        ClockState::Paused => format!("PAUSED: {start} resumes"),
        ClockState::Finished => "FINISHED".to_string(),
    };
    let bar = target_bar(secs, FOLLOW_UP_TARGET, area.width);
    let big = area.height as usize >= top.len() + 1 + usize::from(BIG_CLOCK_HEIGHT) + 1 + bar.len();
    let mut y = area.y;
    let bottom = area.bottom();
    let mut take = |h: u16| {
        let rect = Rect { y, height: h.min(bottom.saturating_sub(y)), ..area };
        y = (y + h).min(bottom);
        rect
    };
    let top_height = cells(top.len());
    Paragraph::new(top).render(take(top_height), buf);
    take(1);
    let clock_style = theme::verdict(verdict);
    if big {
        big_clock(&format_clock(elapsed), take(BIG_CLOCK_HEIGHT), buf, clock_style);
    } else {
        Line::styled(format_clock(elapsed), clock_style.patch(theme::title())).render(take(1), buf);
    }
    Line::styled(state, theme::label()).centered().render(take(1), buf);
    Paragraph::new(bar).render(take(2), buf);
}

/// How this round went so far, in words: the answer's time and verdict, then each follow-up's.
fn so_far(app: &Ctx, session: &MockSession, width: usize) -> Vec<String> {
    let Some(answer) = session.pending() else { return Vec::new() };
    let verdict = Verdict::of(answer.duration_secs, app.config().target);
    let mut text = format!("Your answer: {}, {}", format_secs(answer.duration_secs), verdict.label());
    for (i, f) in answer.follow_ups.iter().enumerate() {
        let verdict = Verdict::of(f.secs, FOLLOW_UP_TARGET);
        text.push_str(&format!(" · follow-up {}: {}, {}", i + 1, format_secs(f.secs), verdict.label()));
    }
    wrap_text(&format!("{text}."), width)
}

/// The round just saved, said on the next round's story screen.
fn last_round(app: &Ctx, session: &MockSession) -> Option<String> {
    let round = session.finished().last()?;
    let verdict = Verdict::of(round.duration_secs, app.config().target);
    let follow_ups: Vec<String> = round.follow_ups.iter().map(|f| format_secs(f.secs)).collect();
    let follow_ups =
        if follow_ups.is_empty() { String::new() } else { format!(", follow-ups {}", follow_ups.join(" and ")) };
    Some(format!(
        "Round {} saved: {}, {}{follow_ups}.",
        session.finished().len(),
        format_secs(round.duration_secs),
        verdict.label()
    ))
}

fn draw_report(app: &Ctx, session: &MockSession, scroll: &Scroll, area: Rect, buf: &mut Buffer) {
    let lines = report_lines(app, session, area.width.saturating_sub(1));
    let report = [Context::MockReport];
    let keys = ScrollKeys { down: app.key(&report, Action::Down), up: app.key(&report, Action::Up) };
    draw_scrolled(lines, scroll, &keys, area, buf);
}

/// The report as lines wrapped to `width`.
/// A round's time in each phase with its verdict when it was off its budget ("S 0:15 T 0:10 A 0:15 thin R 1:25
/// over": STAR's by their initials, as the history draws them; a prompt's own by name) and its checklist ("[x]
/// spoke as I [ ] a metric …", the items that apply to it).
fn split_and_ticks(round: &mock::RoundReport) -> (String, String) {
    let star = round.phases.is_star();
    let split: Vec<String> = round
        .judged
        .iter()
        .map(|j| {
            let name = if star { j.budget.name.chars().take(1).collect() } else { j.budget.name.clone() };
            let verdict = if j.verdict.is_miss() { format!(" {}", j.verdict.label()) } else { String::new() };
            format!("{name} {}{verdict}", format_secs(j.secs))
        })
        .collect();
    let ticks: Vec<String> = round
        .phases
        .checks()
        .into_iter()
        .map(|i| format!("[{}] {}", if round.checklist.get(i) { "x" } else { " " }, CHECKLIST_SHORT[i]))
        .collect();
    (split.join(" "), ticks.join(" "))
}

pub fn report_lines(app: &Ctx, session: &MockSession, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let rounds: Vec<_> = session.finished().iter().collect();
    let report = mock::report(&rounds, app.bank, app.guide, app.config().target, app.config().phase_shares);
    let plan = &session.plan;
    let wrap = |text: &str, indent: usize| -> Vec<String> {
        wrap_text(text, width.saturating_sub(indent).max(1))
            .into_iter()
            .map(|l| format!("{}{l}", " ".repeat(indent)))
            .collect()
    };
    let mut lines = vec![Line::styled(
        format!(
            "Mock interview report: {} of {}",
            report.rounds.len(),
            crate::text::count(plan.prompts.len(), "round", "rounds")
        ),
        theme::title(),
    )];
    let replay = format!(
        "Seed {}: star-coach mock --seed {} --count {}{} asks the same prompts and follow-ups again.",
        plan.seed,
        plan.seed,
        plan.prompts.len(),
        if plan.cues { "" } else { " --no-cues" }
    );
    lines.extend(wrap(&replay, 0).into_iter().map(|l| Line::styled(l, theme::dim())));
    for (i, round) in report.rounds.iter().enumerate() {
        lines.push(Line::raw(""));
        let question =
            app.guide.prompt(&round.prompt).map_or(round.prompt.clone(), |p| format!("{}. {}", p.number, p.question));
        let worst = if report.worst == Some(i) { " (went worst)" } else { "" };
        let heading = format!("Round {}{worst}: {question}", i + 1);
        lines.extend(wrap(&heading, 0).into_iter().map(|l| Line::styled(l, theme::heading())));
        let story =
            round.story.as_deref().map_or("none", |id| app.bank.story(id).map_or("(deleted)", |s| s.title.as_str()));
        lines.push(Line::from(vec![
            Span::raw(format!("  {} ", format_secs(round.duration_secs))),
            Span::styled(round.verdict.label().to_uppercase(), theme::verdict(round.verdict)),
            Span::raw(ellipsize(&format!(" · Story: {story}"), width.saturating_sub(16))),
        ]));
        let confidence = round.confidence.map_or("—".to_string(), |c| c.to_string());
        let (split, ticks) = split_and_ticks(round);
        lines.extend(wrap(&format!("Split {split} · confidence {confidence}"), 2).into_iter().map(Line::raw));
        lines.extend(wrap(&ticks, 2).into_iter().map(Line::raw));
        for (answer, verdict) in &round.follow_ups {
            let text = format!(
                "Follow-up {} {}: {}",
                format_secs(answer.secs),
                verdict.label().to_uppercase(),
                answer.question
            );
            lines.extend(wrap(&text, 2).into_iter().map(Line::raw));
        }
        if !round.misses.is_empty() {
            let text = format!("To work on: {}.", round.misses.join("; "));
            lines.extend(wrap(&text, 2).into_iter().map(|l| Line::styled(l, theme::warning())));
        }
    }
    lines.push(Line::raw(""));
    let covered =
        if report.principles_covered.is_empty() { "none".to_string() } else { report.principles_covered.join(", ") };
    lines.extend(wrap(&format!("Principles your stories showed: {covered}."), 0).into_iter().map(Line::raw));
    if !report.principles_missing.is_empty() {
        let missing = format!("Assessed but not shown: {}.", report.principles_missing.join(", "));
        lines.extend(wrap(&missing, 0).into_iter().map(Line::raw));
    }
    let next = match report.worst.map(|i| &report.rounds[i]) {
        Some(worst) => {
            let number = app.guide.prompt(&worst.prompt).map_or(worst.prompt.clone(), |p| p.number.to_string());
            format!(
                "Went worst: prompt {number}, with {} to work on. Practise it next ({} on the Prompts screen), \
                 starting with: {}.",
                match worst.misses.len() {
                    1 => "1 thing".to_string(),
                    n => format!("{n} things"),
                },
                app.key(&PromptsScreen::CONTEXTS, Action::Practice),
                worst.misses[0]
            )
        }
        None => format!(
            "No round missed anything. Practise next what the coach picks ({} on the Prompts screen).",
            app.key(&PromptsScreen::CONTEXTS, Action::PracticeNext)
        ),
    };
    lines.extend(wrap(&next, 0).into_iter().map(|l| Line::styled(l, theme::label())));
    lines
}
