//! Drawing the mock interview: setup, the story choice, the answer (the practice screen), its review, the
//! follow-ups and the report. Reads the app, never changes it.

use crate::mock::{self, FOLLOW_UP_TARGET, MockOptions, MockSession};
use crate::model::Phase;
use crate::practice::{ClockState, Timer, Verdict, format_clock, format_secs};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, StatefulWidget, Widget};

use super::app::App;
use super::mock::{MockStep, MockView, story_choices};
use super::widgets::{self, BIG_CLOCK_HEIGHT};
use super::{practice, review, theme};

/// Short names of the checklist lines, for the report's one-line summary of each round.
const CHECKLIST_SHORT: [&str; 4] = ["spoke as I", "a metric", "short setup", "a learning"];

pub fn draw(app: &App, view: &MockView, area: Rect, buf: &mut Buffer) {
    let session = view.session.as_ref();
    match (&view.step, session) {
        (MockStep::Setup(options), _) => draw_setup(app, options, area, buf),
        (MockStep::Report { scroll }, Some(session)) => draw_report(app, session, *scroll, area, buf),
        (_, None) => {}
        (step, Some(session)) => {
            let header = Rect { height: 1, ..area };
            round_header(session, header.width).render(header, buf);
            let rest = Rect { y: area.y + 1, height: area.height.saturating_sub(1), ..area };
            match step {
                MockStep::Story { selected } => draw_story(app, session, *selected, rest, buf),
                MockStep::Answer(view) => practice::draw(app, view, rest, buf),
                MockStep::Review(view) => review::draw(app, view, rest, buf),
                MockStep::FollowUp(timer) => draw_follow_up(app, session, timer, rest, buf),
                MockStep::Setup(_) | MockStep::Report { .. } => {}
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
    Line::styled(widgets::ellipsize(&text, usize::from(width)), theme::heading())
}

fn draw_setup(app: &App, options: &MockOptions, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let key = |k: &str| Span::styled(k.to_string(), theme::key());
    let mut lines: Vec<Line> = vec![Line::styled("Mock interview", theme::title())];
    let intro = "The prompts back to back in a random order, each followed by one or two follow-up questions, as \
                 in a real interview. Tell a different story each time: an interviewer notices a repeat.";
    lines.extend(widgets::wrap_text(intro, width).into_iter().map(Line::raw));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("Prompts: ", theme::label()),
        Span::raw(format!("{} of {}  ", options.count, app.guide.prompts.len())),
        key("+"),
        Span::raw("/"),
        key("-"),
        Span::raw(" or a digit"),
    ]));
    lines.push(Line::from(vec![
        Span::styled("Cue cards: ", theme::label()),
        Span::raw(if options.cues { "on  " } else { "off  " }),
        key("h"),
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
    lines.extend(widgets::wrap_text(&replay, width).into_iter().map(|l| Line::styled(l, theme::dim())));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![key("Enter"), Span::raw(" starts the first round.")]));
    let saved = "Each round goes into the history as soon as its follow-ups are done, so leaving early keeps them.";
    lines.extend(widgets::wrap_text(saved, width).into_iter().map(|l| Line::styled(l, theme::dim())));
    Paragraph::new(lines).render(area, buf);
}

fn question_lines(app: &App, prompt_id: &str, width: u16) -> Vec<Line<'static>> {
    let text = match app.guide.prompt(prompt_id) {
        Some(p) => format!("{}. {}", p.number, p.question),
        None => prompt_id.to_string(),
    };
    widgets::wrap_text(&text, usize::from(width)).into_iter().take(2).map(|l| Line::styled(l, theme::title())).collect()
}

fn draw_story(app: &App, session: &MockSession, selected: usize, area: Rect, buf: &mut Buffer) {
    let prompt_id = session.prompt_id().unwrap_or_default();
    let mut lines = question_lines(app, prompt_id, area.width);
    lines.push(Line::styled("Which story will you tell? (✓ fits this prompt)", theme::label()));
    let top = lines.len() as u16;
    Paragraph::new(lines).render(Rect { height: top.min(area.height), ..area }, buf);
    let list_area = Rect { y: area.y + top.min(area.height), height: area.height.saturating_sub(top), ..area };
    let items: Vec<ListItem> = story_choices(&app.bank, prompt_id)
        .iter()
        .map(|choice| match choice.as_deref().and_then(|id| app.bank.story(id)) {
            Some(story) => {
                let mark = if story.fits(prompt_id) { "✓ " } else { "  " };
                let mut spans = vec![Span::raw(format!("{mark}{}", story.title))];
                if let Some(round) = session.told_in(&story.id) {
                    spans.push(Span::styled(format!("  (told in round {round})"), theme::warning()));
                }
                ListItem::new(Line::from(spans))
            }
            None => ListItem::new("  No story: answer without notes"),
        })
        .collect();
    let list = List::new(items).highlight_style(theme::selected()).highlight_symbol("▶");
    let mut state = ListState::default().with_selected(Some(selected));
    StatefulWidget::render(list, list_area, buf, &mut state);
    widgets::add_row_hits(app, list_area, state.offset(), story_choices(&app.bank, prompt_id).len());
}

fn draw_follow_up(app: &App, session: &MockSession, timer: &Timer, area: Rect, buf: &mut Buffer) {
    let Some(follow_up) = session.follow_up() else { return };
    let elapsed = timer.elapsed(app.now);
    let secs = elapsed.as_secs_f64();
    let verdict = Verdict::of(secs, FOLLOW_UP_TARGET);
    let width = usize::from(area.width);
    let mut top: Vec<Line> =
        vec![Line::styled(format!("The interviewer digs into {}:", follow_up.kind.label()), theme::label())];
    top.extend(widgets::wrap_text(&follow_up.question, width).into_iter().map(|l| Line::styled(l, theme::title())));
    let state = match timer.state() {
        ClockState::Ready => "READY: press Space and answer aloud, in 30 seconds to a minute",
        ClockState::Running => "RUNNING",
        ClockState::Paused => "PAUSED: Space resumes",
        ClockState::Finished => "FINISHED",
    };
    let bar = widgets::target_bar(secs, FOLLOW_UP_TARGET, area.width);
    let big = area.height as usize >= top.len() + 1 + usize::from(BIG_CLOCK_HEIGHT) + 1 + bar.len();
    let mut y = area.y;
    let bottom = area.bottom();
    let mut take = |h: u16| {
        let rect = Rect { y, height: h.min(bottom.saturating_sub(y)), ..area };
        y = (y + h).min(bottom);
        rect
    };
    let top_height = top.len() as u16;
    Paragraph::new(top).render(take(top_height), buf);
    take(1);
    let clock_style = theme::verdict(verdict);
    if big {
        widgets::big_clock(&format_clock(elapsed), take(BIG_CLOCK_HEIGHT), buf, clock_style);
    } else {
        Line::styled(format_clock(elapsed), clock_style.patch(theme::title())).render(take(1), buf);
    }
    Line::styled(state, theme::label()).centered().render(take(1), buf);
    Paragraph::new(bar).render(take(2), buf);
}

fn draw_report(app: &App, session: &MockSession, scroll: usize, area: Rect, buf: &mut Buffer) {
    let lines = report_lines(app, session, area.width);
    let scroll = scroll.min(lines.len().saturating_sub(usize::from(area.height)));
    Paragraph::new(lines).scroll((scroll.min(usize::from(u16::MAX)) as u16, 0)).render(area, buf);
}

/// The report as lines wrapped to `width`.
pub fn report_lines(app: &App, session: &MockSession, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let rounds: Vec<_> = session.finished().iter().collect();
    let report = mock::report(&rounds, &app.bank, app.guide, app.target, app.shares);
    let plan = &session.plan;
    let wrap = |text: &str, indent: usize| -> Vec<String> {
        widgets::wrap_text(text, width.saturating_sub(indent).max(1))
            .into_iter()
            .map(|l| format!("{}{l}", " ".repeat(indent)))
            .collect()
    };
    let mut lines = vec![Line::styled(
        format!("Mock interview report: {} of {} rounds", report.rounds.len(), plan.prompts.len()),
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
        lines.push(Line::styled(
            widgets::ellipsize(&format!("Round {}{worst}: {question}", i + 1), width),
            theme::heading(),
        ));
        let story =
            round.story.as_deref().map_or("none", |id| app.bank.story(id).map_or("(deleted)", |s| s.title.as_str()));
        lines.push(Line::from(vec![
            Span::raw(format!("  {} ", format_secs(round.duration_secs))),
            Span::styled(round.verdict.label().to_uppercase(), theme::verdict(round.verdict)),
            Span::raw(widgets::ellipsize(&format!(" · Story: {story}"), width.saturating_sub(16))),
        ]));
        let split: Vec<String> = Phase::ALL
            .iter()
            .zip(round.phase_secs)
            .map(|(phase, secs)| format!("{} {}", &phase.name()[..1], format_secs(secs)))
            .collect();
        let confidence = round.confidence.map_or("—".to_string(), |c| c.to_string());
        let ticks: Vec<String> = CHECKLIST_SHORT
            .iter()
            .enumerate()
            .map(|(i, name)| format!("[{}] {name}", if round.checklist.get(i) { "x" } else { " " }))
            .collect();
        lines.extend(
            wrap(&format!("Split {} · confidence {confidence}", split.join(" ")), 2).into_iter().map(Line::raw),
        );
        lines.extend(wrap(&ticks.join(" "), 2).into_iter().map(Line::raw));
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
                "Went worst: prompt {number}, with {} to work on. Practise it next (p on the Prompts screen), \
                 starting with: {}.",
                match worst.misses.len() {
                    1 => "1 thing".to_string(),
                    n => format!("{n} things"),
                },
                worst.misses[0]
            )
        }
        None => "No round missed anything. Practise next what the coach picks (x on the Prompts screen).".to_string(),
    };
    lines.extend(wrap(&next, 0).into_iter().map(|l| Line::styled(l, theme::label())));
    lines
}
