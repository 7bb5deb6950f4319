//! The coverage view: stories × the prompts (the seven and any packs'), stories × the principles, and what is
//! missing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::coverage::{Coverage, MAX_PROMPTS_PER_STORY};
use crate::keys::{Action, Context};
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::screens::Component;
use crate::tui::theme;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::text::{ellipsize, pad};

#[derive(Default)]
pub struct CoverageScreen {
    pub scroll: Scroll,
}

impl Component for CoverageScreen {
    fn title(&self) -> &'static str {
        "Coverage"
    }

    fn contexts(&self) -> Vec<Context> {
        vec![Context::Coverage, Context::Global]
    }

    fn apply(&mut self, action: Action, _ctx: &Ctx) -> Effect {
        match action {
            Action::Back => Effect::Back,
            action => {
                self.scroll.apply(action);
                Effect::None
            }
        }
    }

    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let all = lines(ctx, area.width);
        let offset = self.scroll.show(all.len(), usize::from(area.height));
        Paragraph::new(all.into_iter().skip(offset).collect::<Vec<_>>()).render(area, buf);
    }
}

pub fn lines(app: &Ctx, width: u16) -> Vec<Line<'static>> {
    let coverage = Coverage::of(app.bank, app.guide);
    // Found by id in constant time: 50,000 stories named under every principle stay linear.
    let title_of = |id: &str| coverage.title(id).to_string();
    let width = usize::from(width);
    let mut lines = vec![Line::styled(coverage.progress(), theme::title()), Line::raw("")];

    lines.push(Line::styled("Stories × prompts", theme::heading()));
    let name_width = 24.min(width.saturating_sub(16)).max(4);
    // One column per prompt, as wide as the widest number (pack prompts can reach 10 and beyond).
    let w = app.guide.prompts.len().to_string().len();
    let mut header = format!("{:<name_width$}", "");
    for p in &app.guide.prompts {
        header.push_str(&format!(" {:>w$}", p.number));
    }
    lines.push(Line::styled(header, theme::label()));
    for story in &app.bank.stories {
        let title = if story.title.is_empty() { "(untitled)" } else { &story.title };
        let mut row = pad(&ellipsize(title, name_width), name_width);
        for p in &app.guide.prompts {
            row.push_str(&format!(" {:>w$}", if story.fits(&p.id) { "●" } else { "·" }));
        }
        lines.push(Line::raw(row));
    }
    let mut counts = vec![Span::styled(pad("stories per prompt", name_width), theme::dim())];
    for row in &coverage.prompts {
        let style = match (row.stories.is_empty(), coverage.needs_story(&row.key)) {
            (true, true) => theme::warning(),
            (true, false) => theme::dim(),
            (false, _) => theme::label(),
        };
        counts.push(Span::styled(format!(" {:>w$}", row.stories.len().min(9)), style));
    }
    lines.push(Line::from(counts));
    let uncovered: Vec<String> = coverage
        .uncovered_prompts()
        .filter_map(|id| app.guide.prompt(id))
        .map(|p| format!("{}. {}", p.number, p.question))
        .collect();
    if uncovered.is_empty() {
        lines.push(Line::styled("✓ Every prompt has a story.", theme::good()));
    } else {
        let count = crate::text::count(uncovered.len(), "prompt has", "prompts have");
        lines.push(Line::styled(format!("⚠ {count} no story yet:"), theme::warning()));
        lines.extend(uncovered.into_iter().map(|q| Line::raw(format!("  {}", ellipsize(&q, width.saturating_sub(2))))));
    }
    lines.push(Line::raw(""));

    lines.push(Line::styled("Stories × principles", theme::heading()));
    for row in &coverage.principles {
        let stories = if row.stories.is_empty() {
            Span::styled("no story shows it", theme::warning())
        } else {
            Span::raw(row.stories.iter().map(|id| title_of(id)).collect::<Vec<_>>().join(", "))
        };
        lines.push(Line::from(vec![Span::styled(format!("{:<32}", row.key), theme::label()), stories]));
    }
    lines.push(Line::raw(""));

    lines.push(Line::styled("Stretched stories", theme::heading()));
    if coverage.stretched.is_empty() {
        lines.push(Line::raw(format!("None: no story is mapped to more than {MAX_PROMPTS_PER_STORY} prompts.")));
    }
    for (id, n) in &coverage.stretched {
        lines.push(Line::styled(
            format!("⚠ {} answers {n} prompts: an interviewer may hear it twice; write another story", title_of(id)),
            theme::warning(),
        ));
    }
    lines
}
