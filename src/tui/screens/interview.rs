//! The interview date: moved a day or a week at a time, with what the plan toward it would look like, then set
//! (or forgotten). `star-coach plan --date` sets the same date from the command line.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Widget, Wrap};

use crate::keys::{Action, Context};
use crate::plan::{self, MAX_DAYS_AHEAD, Plan};
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::screens::Component;
use crate::tui::theme;

/// A date to start from when none is set: two weeks out, time for every prompt to come round a few times.
const FIRST_GUESS_DAYS: u64 = 14;

pub struct InterviewScreen {
    pub date: NaiveDate,
    /// The plan toward `date`, worked out when it moves (not while drawing).
    preview: Plan,
}

impl InterviewScreen {
    pub const CONTEXTS: [Context; 2] = [Context::InterviewDate, Context::Global];

    /// Starts on the date set, or two weeks from today.
    pub fn new(ctx: &Ctx) -> InterviewScreen {
        let today = ctx.plan.today;
        let date = ctx.plan.interview.filter(|d| *d >= today).unwrap_or(today + Days::new(FIRST_GUESS_DAYS));
        InterviewScreen { date, preview: ctx.plan_with(Some(date)) }
    }

    fn move_by(&mut self, days: i64, ctx: &Ctx) {
        let today = ctx.plan.today;
        let moved = self.date + chrono::Duration::days(days);
        self.date = moved.clamp(today, today + Days::new(MAX_DAYS_AHEAD.unsigned_abs()));
        self.preview = ctx.plan_with(Some(self.date));
    }

    /// What the plan toward the date holds, in two sentences; `prompts` is how many the guide has.
    fn summary(&self, prompts: usize) -> Vec<String> {
        let plan = &self.preview;
        let days = plan.days.len();
        if days == 0 {
            return vec!["The interview is today: nothing more to plan. Good luck.".into()];
        }
        let items: Vec<&plan::PlanItem> = plan.days.iter().flat_map(|d| &d.items).filter(|i| !i.done).collect();
        let most = plan.days.iter().map(|d| d.items.len()).max().unwrap_or(0);
        let mut times: BTreeMap<&str, usize> = BTreeMap::new();
        for id in items.iter().filter_map(|i| i.card.prompt()) {
            *times.entry(id).or_default() += 1;
        }
        let twice = times.values().filter(|&&n| n >= 2).count();
        let last_two: BTreeSet<&str> =
            plan.days.iter().rev().take(2).flat_map(|d| &d.items).filter_map(|i| i.card.prompt()).collect();
        vec![
            format!(
                "The plan: {} practices over {days} {}, {} a day, never more than {most}.",
                items.len(),
                if days == 1 { "day" } else { "days" },
                plan.per_day
            ),
            format!("{twice} of {prompts} prompts come up at least twice, {} in the last two days.", last_two.len()),
        ]
    }
}

impl Component for InterviewScreen {
    fn title(&self) -> &'static str {
        "Interview date"
    }

    fn contexts(&self) -> Vec<Context> {
        Self::CONTEXTS.to_vec()
    }

    fn apply(&mut self, action: Action, ctx: &Ctx) -> Effect {
        match action {
            Action::DayLater => self.move_by(1, ctx),
            Action::DayEarlier => self.move_by(-1, ctx),
            Action::WeekLater => self.move_by(7, ctx),
            Action::WeekEarlier => self.move_by(-7, ctx),
            Action::Open => {
                return ctx
                    .refuse_change("the interview date cannot be set")
                    .unwrap_or(Effect::SetInterview(Some(self.date)));
            }
            Action::ClearDate => {
                return ctx.refuse_change("the interview date cannot be cleared").unwrap_or(Effect::SetInterview(None));
            }
            Action::Back => return Effect::Back,
            _ => {}
        }
        Effect::None
    }

    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let key = |action| ctx.key(&Self::CONTEXTS, action);
        let countdown = plan::countdown(Some(self.date), ctx.plan.today).unwrap_or_default();
        let mut lines = vec![
            Line::raw(""),
            Line::from(vec![
                Span::styled(self.date.format("%a %-d %b %Y").to_string(), theme::heading()),
                Span::styled(format!(" · {}", countdown.to_lowercase()), theme::label()),
            ]),
            Line::raw(""),
        ];
        lines.extend(self.summary(ctx.guide.prompts.len()).into_iter().map(Line::raw));
        lines.push(Line::raw(""));
        let now = match ctx.plan.interview {
            Some(set) => format!("Set now: {}.", set.format("%a %-d %b %Y")),
            None => "No date set yet.".into(),
        };
        lines.push(Line::styled(
            format!(
                "{now} {}/{} move a day, {}/{} a week; {} plans toward it, {} forgets the date.",
                key(Action::DayEarlier),
                key(Action::DayLater),
                key(Action::WeekEarlier),
                key(Action::WeekLater),
                key(Action::Open),
                key(Action::ClearDate),
            ),
            theme::dim(),
        ));
        // Indented by the block's padding, so a line wrapped on a narrow screen keeps the indent.
        let block = Block::new()
            .borders(Borders::TOP)
            .padding(Padding::left(2))
            .title(Line::styled(" When is the interview? ", theme::title()));
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(block).render(area, buf);
    }
}
