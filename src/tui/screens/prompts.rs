//! The Prompts tab: the seven prompts, then each prompt pack under its name, a summary of the selected one, and
//! what to practise next.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use crate::keys::{Action, Context};
use crate::practice::format_secs;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::mouse::Hit;
use crate::tui::screens::drill::DrillScreen;
use crate::tui::screens::guidance::GuidanceScreen;
use crate::tui::screens::mock::MockScreen;
use crate::tui::screens::practice::PracticeScreen;
use crate::tui::screens::{Component, Screen};
use crate::tui::theme;
use crate::tui::widgets::scroll::ListCursor;
use crate::tui::widgets::text::ellipsize;

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
            Action::StartDrill => Effect::Open(Screen::Drill(Box::new(DrillScreen::setup(ctx)))),
            Action::Practice => self.practise(self.selected(), ctx),
            Action::PracticeNext => {
                let next = ctx.next_pick.and_then(|n| ctx.guide.prompts.iter().position(|p| p.id == n.prompt));
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
        let area = match next_line(ctx, area.width) {
            Some(line) if area.height > 8 => {
                let [next, rest] = area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]));
                line.render(next, buf);
                rest
            }
            _ => area,
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

/// "Practise next: 4. Tell me about… (never practised) · x starts it"
fn next_line(ctx: &Ctx, width: u16) -> Option<Line<'static>> {
    let pick = ctx.next_pick?;
    let prompt = ctx.guide.prompt(&pick.prompt)?;
    let head = "Practise next: ";
    let tail = format!(" ({}) · {}", pick.reason, ctx.key(&PromptsScreen::CONTEXTS, Action::PracticeNext));
    let room = usize::from(width).saturating_sub(head.len() + tail.chars().count());
    let question = ellipsize(&format!("{}. {}", prompt.number, prompt.question), room.max(8));
    Some(Line::from(vec![
        Span::styled(head, theme::label()),
        Span::styled(question, theme::heading()),
        Span::styled(tail, theme::dim()),
    ]))
}
