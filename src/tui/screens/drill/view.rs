//! Drawing the drill: the setup, the question with its pick clock and the ranked stories, the answer (the practice
//! screen), its review, and the report. Reads the app, never changes it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, StatefulWidget, Widget};

use super::{ANSWER, DrillScreen, DrillSetup, DrillStep, PICK, pool};
use crate::drill::{DrillSession, PICK_SECS, Stage};
use crate::keys::{Action, Context};
use crate::practice::{format_clock, format_secs};
use crate::tui::ctx::Ctx;
use crate::tui::screens::prompts::PromptsScreen;
use crate::tui::theme;
use crate::tui::widgets::scroll::{ListCursor, Scroll};
use crate::tui::widgets::text::{cells, ellipsize, share_cells, wrap_text};

pub fn draw(view: &DrillScreen, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    match (&view.step, &view.session) {
        (DrillStep::Setup(setup), _) => draw_setup(ctx, setup, area, buf),
        (DrillStep::Report(scroll), Some(session)) => draw_report(ctx, session, scroll, area, buf),
        (_, None) => {}
        (step, Some(session)) => {
            let [header, rest] = area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]));
            round_header(ctx, session, header.width).render(header, buf);
            match step {
                DrillStep::Pick(cursor) => draw_pick(ctx, session, cursor, rest, buf),
                DrillStep::Answer(answer) => answer.draw(ctx, &ANSWER, false, rest, buf),
                DrillStep::Review(review) => {
                    review.draw_within(ctx, &review.contexts_within(&[Context::DrillReview]), rest, buf);
                }
                DrillStep::Setup(_) | DrillStep::Report(_) => {}
            }
        }
    }
}

/// "Drill · question 2 of 5 · Frugality · picked in 0:12"
fn round_header(ctx: &Ctx, session: &DrillSession, width: u16) -> Line<'static> {
    let mut text = format!(
        "Drill · question {} of {}",
        (session.round() + 1).min(session.question_count()),
        session.question_count()
    );
    if let Some(principle) = &session.plan.principle {
        text.push_str(&format!(" · {principle}"));
    }
    if session.stage() == Stage::Answer {
        let secs = session.pick_elapsed(ctx.now).as_secs_f64();
        let late = if secs > PICK_SECS { " (late)" } else { "" };
        text.push_str(&format!(" · picked in {}{late}", format_secs(secs)));
    }
    Line::styled(ellipsize(&text, usize::from(width)), theme::heading())
}

fn draw_setup(ctx: &Ctx, setup: &DrillSetup, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let key = |action| Span::styled(ctx.key(&SETUP_KEYS, action), theme::key());
    // The choices first, so a small terminal shows them; what the drill is, below.
    let mut lines: Vec<Line> = vec![Line::styled("Drill", theme::title())];
    let questions = pool(ctx, setup.principle.as_deref());
    lines.push(Line::from(vec![
        Span::styled("Questions: ", theme::label()),
        Span::raw(format!("{} of {questions}  ", setup.count)),
        key(Action::DrillMore),
        Span::raw("/"),
        key(Action::DrillFewer),
    ]));
    lines.push(Line::from(vec![
        Span::styled("Principle: ", theme::label()),
        Span::raw(format!("{}  ", setup.principle.as_deref().unwrap_or("any"))),
        key(Action::PrevPrinciple),
        Span::raw("/"),
        key(Action::NextPrinciple),
    ]));
    if let Some(gloss) = setup.principle.as_deref().and_then(|p| ctx.guide.gloss(p)) {
        lines.extend(
            wrap_text(gloss, width.saturating_sub(2)).into_iter().map(|l| Line::styled(format!("  {l}"), theme::dim())),
        );
    }
    lines.push(Line::from(vec![Span::styled("Seed: ", theme::label()), Span::raw(setup.seed.to_string())]));
    lines.push(Line::from(vec![key(Action::Open), Span::raw(" shows the first question.")]));
    lines.push(Line::raw(""));
    let intro = "Questions from the bank in words you have not rehearsed, those you drilled lately last. Each shows \
                 with 30 seconds to pick the story to tell, the stories ranked by the principles it probes; then \
                 answer aloud against the clock and review it, as in practice.";
    lines.extend(wrap_text(intro, width).into_iter().map(Line::raw));
    let saved = "Each answer goes into the history as soon as it is reviewed, so leaving early keeps it.";
    lines.extend(wrap_text(saved, width).into_iter().map(|l| Line::styled(l, theme::dim())));
    Paragraph::new(lines).render(area, buf);
}

const SETUP_KEYS: [Context; 1] = [Context::DrillSetup];

/// The question, what it probes, the pick clock, and the stories to choose from.
fn draw_pick(ctx: &Ctx, session: &DrillSession, cursor: &ListCursor, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let question = session.question(ctx.guide);
    let text = question.map_or_else(|| session.question_id().unwrap_or_default().to_string(), |q| q.question.clone());
    // On a short terminal the question, the clock and the stories come first.
    let roomy = area.height >= 10;
    let mut top: Vec<Line> = if roomy {
        wrap_text(&text, width).into_iter().take(3).map(|l| Line::styled(l, theme::title())).collect()
    } else {
        vec![Line::styled(ellipsize(&text, width), theme::title())]
    };
    if let (Some(q), true) = (question, roomy) {
        let probes = format!("Probes {}", names(&q.principles));
        top.push(Line::styled(ellipsize(&probes, width), theme::label()));
    }
    top.push(pick_clock(ctx, session, area.width));
    if roomy {
        let which = format!("Which story will you tell? ({} picks it)", ctx.key(&PICK, Action::Open));
        top.push(Line::styled(ellipsize(&which, width), theme::label()));
    }
    let top_height = cells(top.len()).min(area.height);
    let [top_area, list_area] = area.layout(&Layout::vertical([Constraint::Length(top_height), Constraint::Fill(1)]));
    Paragraph::new(top).render(top_area, buf);

    let ranked = session.ranked(ctx.guide, ctx.bank);
    let probed = question.map_or(0, |q| q.principles.len());
    let mut items: Vec<ListItem> = ranked
        .iter()
        .map(|r| {
            let mut spans = vec![Span::raw(r.story.title.clone())];
            let shows = format!("  {}", shows(&r.shows, probed));
            spans.push(Span::styled(shows, if r.shows.is_empty() { theme::dim() } else { theme::good() }));
            if r.picked > 0 {
                let times = match r.picked {
                    1 => "once".to_string(),
                    2 => "twice".to_string(),
                    n => format!("{n} times"),
                };
                spans.push(Span::styled(format!("  (picked {times} already)"), theme::warning()));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    items.push(ListItem::new(Line::styled("No story fits: answer without one", theme::dim())));
    let len = items.len();
    let list = List::new(items).highlight_style(theme::selected()).highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(cursor.selected));
    StatefulWidget::render(list, list_area, buf, &mut state);
    cursor.shown(usize::from(list_area.height));
    ctx.hits.borrow_mut().add_rows(list_area, state.offset(), len);
}

/// "Pick a story: 0:18 left ████████░░░░" while the 30 seconds last; then, in words, that the pick is late.
fn pick_clock(ctx: &Ctx, session: &DrillSession, width: u16) -> Line<'static> {
    let elapsed = session.pick_elapsed(ctx.now);
    let left = session.pick_remaining(ctx.now);
    if left.is_zero() {
        let text = format!("⚠ {} to pick: past 30 seconds, so it is late. Pick anyway.", format_clock(elapsed));
        return Line::styled(ellipsize(&text, usize::from(width)), theme::warning());
    }
    let left_shown = format_clock(left + std::time::Duration::from_millis(999));
    let head = if width < 30 { format!("{left_shown} to pick ") } else { format!("Pick a story: {left_shown} left ") };
    let bar_width = usize::from(width).saturating_sub(head.chars().count()).min(30);
    let filled = share_cells(left.as_secs_f64() / PICK_SECS, bar_width, bar_width);
    Line::from(vec![
        Span::styled(head, theme::label()),
        Span::styled("█".repeat(filled), theme::good()),
        Span::styled("░".repeat(bar_width - filled), theme::dim()),
    ])
}

fn draw_report(ctx: &Ctx, session: &DrillSession, scroll: &Scroll, area: Rect, buf: &mut Buffer) {
    let lines = report_lines(ctx, session, area.width);
    let offset = scroll.show(lines.len(), usize::from(area.height));
    Paragraph::new(lines.into_iter().skip(offset).collect::<Vec<_>>()).render(area, buf);
}

/// The report as lines wrapped to `width`: each question with its pick and answer, then what to do next.
pub fn report_lines(ctx: &Ctx, session: &DrillSession, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let report = session.report(ctx.guide, ctx.bank, ctx.config().target);
    let wrap = |text: &str, indent: usize| -> Vec<String> {
        wrap_text(text, width.saturating_sub(indent).max(1))
            .into_iter()
            .map(|l| format!("{}{l}", " ".repeat(indent)))
            .collect()
    };
    let answered = report.rounds.iter().filter(|r| r.duration_secs.is_some()).count();
    let mut lines = vec![Line::styled(
        format!("Drill report: {answered} of {} questions answered", session.question_count()),
        theme::title(),
    )];
    let picks = match report.median_pick_secs {
        Some(median) => format!(
            "Median time to pick a story {} · {} of {} picks late (over {})",
            format_secs(median),
            report.late_picks,
            report.rounds.len(),
            format_secs(PICK_SECS)
        ),
        None => "No question was reached.".to_string(),
    };
    lines.extend(wrap(&picks, 0).into_iter().map(Line::raw));
    for (i, round) in report.rounds.iter().enumerate() {
        lines.push(Line::raw(""));
        lines.extend(
            wrap(&format!("{}. {}", i + 1, round.text), 0).into_iter().map(|l| Line::styled(l, theme::heading())),
        );
        let story = match round.story.as_deref() {
            None => "no story".to_string(),
            Some(id) => {
                let title = ctx.bank.story(id).map_or("(deleted)", |s| s.title.as_str());
                format!("{title} ({})", shows(&round.shows, round.principles.len()))
            }
        };
        let late = if round.late { " LATE" } else { "" };
        let probes = names(&round.principles);
        let pick = match round.duration_secs {
            Some(_) => format!("Probes {probes} · picked in {}{late} · Story: {story}", format_secs(round.pick_secs)),
            None => format!("Probes {probes} · skipped after {}", format_secs(round.pick_secs)),
        };
        lines.extend(
            wrap(&pick, 3)
                .into_iter()
                .map(|l| if round.late { Line::styled(l, theme::warning()) } else { Line::raw(l) }),
        );
        let answer = match (round.duration_secs, round.verdict) {
            (Some(secs), Some(verdict)) => Line::from(vec![
                Span::raw(format!("   Answer {} ", format_secs(secs))),
                Span::styled(verdict.label().to_uppercase(), theme::verdict(verdict)),
            ]),
            _ => Line::styled("   Skipped: no answer", theme::dim()),
        };
        lines.push(answer);
    }
    lines.push(Line::raw(""));
    let advice = report.advice(ctx.bank);
    if advice.is_empty() {
        lines.extend(
            wrap("Every pick was in time and every principle asked has a story. Drill again, or another principle.", 0)
                .into_iter()
                .map(|l| Line::styled(l, theme::good())),
        );
    } else {
        lines.push(Line::styled("What to work on", theme::heading()));
        for sentence in advice {
            let mut sentence = sentence;
            if let Some(first) = sentence.get(..1) {
                sentence = first.to_uppercase() + &sentence[1..];
            }
            lines.extend(wrap(&format!("⚠ {sentence}."), 0).into_iter().map(|l| Line::styled(l, theme::warning())));
        }
    }
    let again =
        format!("{} on the Prompts screen drills again.", ctx.key(&PromptsScreen::CONTEXTS, Action::StartDrill));
    lines.extend(wrap(&again, 0).into_iter().map(|l| Line::styled(l, theme::dim())));
    lines
}

/// Principles in a line: "Frugality / Deliver Results" (their names hold commas, semicolons and "and").
fn names(principles: &[String]) -> String {
    principles.join(" / ")
}

/// What a story shows of the `probed` principles a question asks about: "shows Frugality", "does not show it",
/// "shows neither".
fn shows(shown: &[String], probed: usize) -> String {
    match (shown.is_empty(), probed) {
        (false, _) => format!("shows {}", names(shown)),
        (true, 2) => "shows neither".to_string(),
        (true, _) => "does not show it".to_string(),
    }
}
