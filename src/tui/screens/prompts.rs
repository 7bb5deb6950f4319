//! The Prompts tab: today's list from the plan, the seven prompts, then each prompt pack under its name, and a
//! summary of the selected one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use crate::content::Prompt;
use crate::keys::{Action, Context};
use crate::plan::{CardId, short_date};
use crate::practice::format_secs;
use crate::text;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::mouse::Hit;
use crate::tui::screens::drill::DrillScreen;
use crate::tui::screens::guidance::GuidanceScreen;
use crate::tui::screens::interview::InterviewScreen;
use crate::tui::screens::mock::MockScreen;
use crate::tui::screens::practice::PracticeScreen;
use crate::tui::screens::{Component, Screen};
use crate::tui::theme;
use crate::tui::widgets::scroll::ListCursor;
use crate::tui::widgets::text::{cells, ellipsize, ellipsize_line, wrap_text};
use unicode_width::UnicodeWidthStr;

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
            Action::StartDrill => Effect::Open(Screen::Drill(Box::new(DrillScreen::setup(ctx)))),
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
        // Side by side only where the list shows every question whole and the summary keeps a readable width;
        // otherwise the list above the summary, the selected question wrapped whole.
        let widest = ctx.guide.prompts.iter().map(|p| question(p).width()).max().unwrap_or(0) + MARK;
        let side_by_side = usize::from(area.width) >= widest + MIN_DETAIL_WIDTH;
        let text_width = if side_by_side { widest - MARK } else { usize::from(area.width).saturating_sub(MARK) };
        let (items, prompt_of, selected) = self.list_items(ctx, text_width);
        let heights: Vec<usize> = items.iter().map(ListItem::height).collect();
        let rows: usize = heights.iter().sum();
        let [list_area, detail_area] = if side_by_side {
            area.layout(&Layout::horizontal([Constraint::Length(cells(widest)), Constraint::Fill(1)]))
        } else {
            // Leave the summary a few lines when many pack prompts make the list long; the list scrolls.
            let room = if area.height > 9 { area.height - 6 } else { area.height };
            area.layout(&Layout::vertical([Constraint::Length(cells(rows).min(room)), Constraint::Fill(1)]))
        };
        let list = List::new(items).highlight_style(theme::selected()).highlight_symbol("▶ ");
        let mut state = ListState::default().with_selected(Some(selected));
        StatefulWidget::render(list, list_area, buf, &mut state);
        self.cursor.shown(usize::from(list_area.height));
        // Each prompt's rows as drawn (the selected one may take several; headings none), for clicks.
        let mut hits = ctx.hits.borrow_mut();
        let mut y = list_area.y;
        for (height, prompt) in heights.iter().zip(&prompt_of).skip(state.offset()) {
            let rect = Rect { y, height: cells(*height), ..list_area }.intersection(list_area);
            if let Some(index) = prompt {
                hits.add(rect, Hit::Row(*index));
            }
            y = y.saturating_add(cells(*height));
        }
        drop(hits);
        if detail_area.height >= 3 {
            self.draw_detail(ctx, detail_area, buf);
        }
    }
}

impl PromptsScreen {
    /// The list's rows and the selected one's row. With packs loaded each group has a heading row, which the
    /// selection (an index into the prompts) skips over. The selected question is wrapped whole; the others are
    /// cut with "…" to `width`.
    fn list_items(&self, ctx: &Ctx, width: usize) -> (Vec<ListItem<'static>>, Vec<Option<usize>>, usize) {
        let groups = ctx.guide.groups();
        let headed = groups.len() > 1;
        let mut items = Vec::new();
        // The prompt each item is, `None` for a heading.
        let mut prompt_of = Vec::new();
        let mut selected = 0;
        for group in groups {
            if headed {
                items.push(ListItem::new(Line::styled(ellipsize(group.title, width), theme::heading())));
                prompt_of.push(None);
            }
            for (i, p) in ctx.guide.prompts.iter().enumerate().skip(group.start).take(group.len) {
                if i == self.selected() {
                    selected = items.len();
                    // Hanging under the question's text, not its number.
                    let number = format!("{}. ", p.number);
                    let hang = " ".repeat(number.width());
                    let lines: Vec<Line> = wrap_text(&p.question, width.saturating_sub(number.width()))
                        .into_iter()
                        .enumerate()
                        .map(|(i, l)| Line::raw(format!("{}{l}", if i == 0 { &number } else { &hang })))
                        .collect();
                    items.push(ListItem::new(lines));
                } else {
                    items.push(ListItem::new(ellipsize(&question(p), width)));
                }
                prompt_of.push(Some(i));
            }
        }
        (items, prompt_of, selected)
    }

    fn draw_detail(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let prompt = &ctx.guide.prompts[self.selected()];
        let stories = ctx.bank.stories.iter().filter(|s| s.fits(&prompt.id)).count();
        // From the history index: the same cost with ten attempts or a hundred thousand.
        let summary = ctx.history.summary(&prompt.id);
        let practised = match summary.best_secs {
            None => "not yet".to_string(),
            Some(best) => format!("{}, best {}", text::count(summary.attempts, "time", "times"), format_secs(best)),
        };
        let field = |label: &str, value: String| {
            Line::from(vec![Span::styled(format!("{label}: "), theme::label()), Span::raw(value)])
        };
        // A prompt not answered with a story says how it is answered instead of asking for one.
        let told = match (prompt.tells_story, stories) {
            (false, _) => field("Answered in parts", ctx.phases(&prompt.id).path()),
            (true, 0) => field("Your stories for it", "none yet".into()),
            (true, n) => field("Your stories for it", n.to_string()),
        };
        let lines = vec![
            field("Principles", prompt.principles.join(", ")),
            field("Looks for", prompt.looks_for.clone()),
            told,
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

/// Columns of the list's selection mark.
const MARK: usize = 2;
/// The narrowest the summary beside the list may be.
const MIN_DETAIL_WIDTH: usize = 40;

fn question(p: &Prompt) -> String {
    format!("{}. {}", p.number, p.question)
}

/// "4. Tell me about a time…", or "drill Ownership" for a principle's card.
fn card_title(ctx: &Ctx, card: &CardId) -> String {
    match card {
        CardId::Prompt(id) => ctx.guide.prompt(id).map_or_else(|| id.clone(), question),
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
    let room = usize::from(width);
    // The date key's hint in the longest form that fits whole (`?` lists the key too); what still does not fit
    // ends in "…".
    let date = if plan.has_date() { "changes the interview date" } else { "sets your interview date" };
    let date_key = key(Action::InterviewDate);
    let used = Line::from(heading.clone()).width();
    let hint = [format!(" · {date_key} {date}"), format!(" · {date_key} interview date")]
        .into_iter()
        .find(|hint| used + hint.width() <= room);
    if let Some(hint) = hint {
        heading.push(Span::styled(hint, theme::dim()));
    }
    let mut lines = vec![(ellipsize_line(Line::from(heading), room), None)];
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
