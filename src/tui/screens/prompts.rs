//! The Prompts tab: the seven prompts, then each prompt pack under its name, a summary of the selected one, and
//! what to practise next.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use crate::keys::{Action, Context};
use crate::plan::{CardId, short_date};
use crate::practice::format_secs;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::mouse::Hit;
use crate::tui::screens::guidance::GuidanceScreen;
use crate::tui::screens::interview::InterviewScreen;
use crate::tui::screens::mock::MockScreen;
use crate::tui::screens::practice::PracticeScreen;
use crate::tui::screens::{Component, Screen};
use crate::tui::theme;
use crate::tui::widgets::scroll::ListCursor;
use crate::tui::widgets::text::{cells, ellipsize};

#[derive(Default)]
pub struct PromptsScreen {
    pub cursor: ListCursor,
}

impl PromptsScreen {
    pub const CONTEXTS: [Context; 4] = [Context::Prompts, Context::List, Context::Top, Context::Global];

    pub fn selected(&self) -> usize {
        self.cursor.selected
    }

    /// Practice on prompt `index`, with the first story mapped to it.
    pub fn practise(&mut self, index: usize, ctx: &Ctx) -> Effect {
        self.cursor.select(index, ctx.guide.prompts.len());
        Effect::Open(Screen::Practice(Box::new(PracticeScreen::new(index, ctx))))
    }
}

impl Component for PromptsScreen {
    fn title(&self) -> &'static str {
        "Prompts"
    }

    fn contexts(&self) -> Vec<Context> {
        Self::CONTEXTS.to_vec()
    }

    fn apply(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.cursor.apply(action, ctx.guide.prompts.len()) {
            return Effect::None;
        }
        match action {
            Action::Open => Effect::Open(Screen::Guidance(GuidanceScreen::prompt(ctx, self.selected()))),
            Action::OpenGuide => Effect::Open(Screen::Guidance(GuidanceScreen::guide(ctx))),
            Action::StartMock => Effect::Open(Screen::Mock(Box::new(MockScreen::setup(ctx)))),
            Action::InterviewDate => Effect::Open(Screen::Interview(InterviewScreen::new(ctx))),
            Action::Practice => self.practise(self.selected(), ctx),
            Action::PracticeNext => {
                let next = ctx
                    .plan
                    .next()
                    .and_then(|n| n.card.prompt())
                    .and_then(|id| ctx.guide.prompts.iter().position(|p| p.id == id));
                match next {
                    Some(prompt) => self.practise(prompt, ctx),
                    None => Effect::None,
                }
            }
            _ => Effect::None,
        }
    }

    fn click(&mut self, hit: Hit, ctx: &Ctx) -> Option<Effect> {
        let Hit::Row(index) = hit else { return None };
        if self.selected() == index {
            return Some(self.apply(Action::Open, ctx));
        }
        self.cursor.select(index, ctx.guide.prompts.len());
        Some(Effect::None)
    }

    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let area = if area.height > 8 {
            let (today, prompts): (Vec<Line>, Vec<Option<usize>>) =
                today_lines(ctx, area.width, usize::from(area.height / 3)).into_iter().unzip();
            let [top, rest] =
                area.layout(&Layout::vertical([Constraint::Length(cells(today.len())), Constraint::Fill(1)]));
            Paragraph::new(today).render(top, buf);
            // A click on one of today's prompts selects it in the list, as a click on its row does.
            for (y, prompt) in (top.y..top.bottom()).zip(prompts) {
                if let Some(index) = prompt {
                    ctx.hits.borrow_mut().add(Rect { y, height: 1, ..top }, Hit::Row(index));
                }
            }
            rest
        } else if area.height >= 3 {
            // No room for the list: today's first item alone, still a click away.
            let [top, rest] = area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]));
            let mut today = today_lines(ctx, area.width, usize::MAX);
            let (line, prompt) = today.swap_remove(usize::from(today.len() > 1));
            line.render(top, buf);
            if let Some(index) = prompt {
                ctx.hits.borrow_mut().add(top, Hit::Row(index));
            }
            rest
        } else {
            area
        };
        let groups = ctx.guide.groups().len();
        let rows = ctx.guide.prompts.len() + if groups > 1 { groups } else { 0 };
        // Leave the summary a few lines when many pack prompts make the list long; the list scrolls.
        let room = if area.height > 9 { area.height - 6 } else { area.height };
        let list_height = u16::try_from(rows).unwrap_or(u16::MAX).min(room);
        let [list_area, detail_area] = if area.width >= 100 {
            area.layout(&Layout::horizontal([Constraint::Length(area.width / 2), Constraint::Fill(1)]))
        } else {
            area.layout(&Layout::vertical([Constraint::Length(list_height), Constraint::Fill(1)]))
        };
        let (items, selected) = self.list_items(ctx, list_area.width);
        let list = List::new(items).highlight_style(theme::selected()).highlight_symbol("▶ ");
        let mut state = ListState::default().with_selected(Some(selected));
        StatefulWidget::render(list, list_area, buf, &mut state);
        self.cursor.shown(usize::from(list_area.height));
        ctx.hits.borrow_mut().add_rows(list_area, state.offset(), ctx.guide.prompts.len());
        if detail_area.height >= 3 {
            self.draw_detail(ctx, detail_area, buf);
        }
    }
}

impl PromptsScreen {
    /// The list's rows and the selected one's row. With packs loaded each group has a heading row, which the
    /// selection (an index into the prompts) skips over.
    fn list_items(&self, ctx: &Ctx, width: u16) -> (Vec<ListItem<'static>>, usize) {
        let text_width = usize::from(width.saturating_sub(2));
        let groups = ctx.guide.groups();
        let headed = groups.len() > 1;
        let mut items = Vec::new();
        let mut selected = 0;
        for group in groups {
            if headed {
                items.push(ListItem::new(Line::styled(ellipsize(group.title, text_width), theme::heading())));
            }
            for (i, p) in ctx.guide.prompts.iter().enumerate().skip(group.start).take(group.len) {
                if i == self.selected() {
                    selected = items.len();
                }
                items.push(ListItem::new(ellipsize(&format!("{}. {}", p.number, p.question), text_width)));
            }
        }
        (items, selected)
    }

    fn draw_detail(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let prompt = &ctx.guide.prompts[self.selected()];
        let stories = ctx.bank.stories.iter().filter(|s| s.fits(&prompt.id)).count();
        // From the history index: the same cost with ten attempts or a hundred thousand.
        let summary = ctx.history.summary(&prompt.id);
        let practised = match summary.best_secs {
            None => "not yet".to_string(),
            Some(best) => format!("{} times, best {}", summary.attempts, format_secs(best)),
        };
        let field = |label: &str, value: String| {
            Line::from(vec![Span::styled(format!("{label}: "), theme::label()), Span::raw(value)])
        };
        let lines = vec![
            field("Principles", prompt.principles.join(", ")),
            field("Looks for", prompt.looks_for.clone()),
            field("Your stories for it", if stories == 0 { "none yet".into() } else { stories.to_string() }),
            field("Practised", practised),
        ];
        let title = match prompt.pack.map(|p| &ctx.guide.packs[p]) {
            Some(pack) => format!(" Prompt {} · {} ", prompt.number, pack.name),
            None => format!(" Prompt {} ", prompt.number),
        };
        let block = Block::new().borders(Borders::TOP).title(Line::styled(title, theme::title()));
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block).render(area, buf);
    }
}

/// "4. Tell me about a time…", or "drill Ownership" for a principle's card.
fn card_title(ctx: &Ctx, card: &CardId) -> String {
    match card {
        CardId::Prompt(id) => {
            ctx.guide.prompt(id).map_or_else(|| id.clone(), |p| format!("{}. {}", p.number, p.question))
        }
        CardId::Principle(name) => format!("drill {name}"),
    }
}

/// Today's list from the plan, in at most `rows` lines: a heading with the keys, what is due in the order to practise
/// it (the first marked, for the practise-next key) and what is done, each with why; each line with the index of the
/// prompt it names, for a click.
fn today_lines(ctx: &Ctx, width: u16, rows: usize) -> Vec<(Line<'static>, Option<usize>)> {
    let plan = ctx.plan;
    let key = |action| ctx.key(&PromptsScreen::CONTEXTS, action);
    let items = plan.today_items();
    let due = items.iter().filter(|i| !i.done).count();
    let done = items.len() - due;
    let counts = match (due, done) {
        (0, 0) => "nothing due".to_string(),
        (0, done) => format!("all done, {done} practised"),
        (due, 0) => format!("{due} due"),
        (due, done) => format!("{due} due, {done} done"),
    };
    let mut heading = vec![Span::styled(format!("Today: {counts}"), theme::heading())];
    if due > 0 && plan.next().is_some_and(|i| i.card.prompt().is_some()) {
        heading.push(Span::styled(format!(" · {} starts the first", key(Action::PracticeNext)), theme::dim()));
    }
    let date = if plan.has_date() { "changes the interview date" } else { "sets your interview date" };
    heading.push(Span::styled(format!(" · {} {date}", key(Action::InterviewDate)), theme::dim()));
    let mut lines = vec![(Line::from(heading), None)];
    let room = usize::from(width);
    let index_of = |card: &CardId| card.prompt().and_then(|id| ctx.guide.prompts.iter().position(|p| p.id == id));
    let mut shown: Vec<(Line<'static>, Option<usize>)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mark = match (item.done, i) {
                (true, _) => "✓ ",
                (false, 0) => "▸ ",
                (false, _) => "  ",
            };
            let title = ellipsize(&card_title(ctx, &item.card), (room / 2).max(12));
            let reason = ellipsize(&format!(" — {}", item.reason), room.saturating_sub(title.chars().count() + 2));
            let style = if item.done { theme::dim() } else { theme::label() };
            let line =
                Line::from(vec![Span::raw(mark), Span::styled(title, style), Span::styled(reason, theme::dim())]);
            (line, index_of(&item.card))
        })
        .collect();
    if due == 0
        && let Some((date, item)) = plan.next_after_today()
    {
        let when = if date == plan.today + chrono::Days::new(1) { "tomorrow".into() } else { short_date(date) };
        let next = format!("  Next, {when}: {}", card_title(ctx, &item.card));
        shown.push((Line::styled(ellipsize(&next, room), theme::dim()), index_of(&item.card)));
    }
    let fits = rows.saturating_sub(1).max(1);
    if shown.len() > fits {
        let more = shown.len() - fits + 1;
        shown.truncate(fits - 1);
        shown.push((Line::styled(format!("  … and {more} more: star-coach plan lists them"), theme::dim()), None));
    }
    lines.extend(shown);
    lines
}
